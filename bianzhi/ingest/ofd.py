"""The text lines of an OFD file (版式文档, GB/T 33190-2016), the format many OA systems issue 公文 in.

An OFD is a zip package: `OFD.xml` names the document's root (`DocRoot`), whose `Document.xml` lists the pages in
order (`Pages/Page/@BaseLoc`) and the template pages they draw on (a 红头 is often a template); each page's
`Content.xml` holds layers of text objects. A text object has a `Boundary` (its box on the page, in mm, x to the
right and y down), an optional `CTM` (a transform of its own coordinates) and a `Size`; each `TextCode` in it
places its characters from a start point (X, Y — the baseline) on, each next character `DeltaX` further
(“g 3 5.2” is 5.2 three times; a missing DeltaX means the characters stand one type size apart). Generators differ
in how they cut the text (one character an object, one line, a whole paragraph): the characters are placed one by
one and regrouped into lines by their baselines, so every cut gives the same lines. Annotations (seals,
signatures) are not text of the document and are left out.

The lines come back page by page as (x0, x1, text, height, top, bottom), the geometry `extract.join_lines` uses
to rebuild paragraphs for a text PDF — an OFD page is laid out the way a PDF page is. A page with no text but an
image (a scanned OFD: the scan is the page's largest ImageObject, its file named by a MultiMedia of the document's
or the page's resources) comes back with that image, for OCR.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

NS = "{http://www.ofdspec.org/2016}"
MAX_PAGES = 500
MAX_MEMBERS = 20_000
MAX_PART = 50 * 1024 * 1024        # one page's XML, unpacked
MAX_UNPACKED = 500 * 1024 * 1024   # the package's parts together (fonts and images included)


class OfdError(Exception):
    """An OFD this reader cannot read; the message is for the clerk."""


MSG_BROKEN = "无法读取 OFD 文件：文件已损坏或不是 OFD 版式文件，请另存为 PDF 后上传"
MSG_TOO_LARGE = "OFD 文件解压后过大或部件过多，已拒绝读取：请另存为 PDF 后上传"


@dataclass
class Page:
    lines: list[tuple[float, float, str, float, float, float]]
    image: bytes | None = None   # the page's scan, where it has no text
    image_suffix: str = ".png"


IMAGE_SUFFIXES = {"png": ".png", "jpg": ".jpg", "jpeg": ".jpg", "tif": ".tif", "tiff": ".tif", "bmp": ".bmp",
                  "gif": ".gif"}


def is_ofd(data: bytes) -> bool:
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return any(name.lstrip("/").lower() == "ofd.xml" for name in package.namelist())
    except zipfile.BadZipFile:
        return False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [child for child in element if _local(child.tag) == name]


def _find(element, name: str):
    for child in element.iter():
        if _local(child.tag) == name:
            return child
    return None


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        return []


def _deltas(value: str | None) -> list[float]:
    """DeltaX / DeltaY: “g n d” repeats d n times."""
    out: list[float] = []
    parts = (value or "").split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            try:
                out += [float(parts[i + 2])] * int(parts[i + 1])
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(parts[i]))
        except ValueError:
            pass
        i += 1
    return out


class _Package:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise OfdError(MSG_BROKEN) from exc
        members = self.zip.infolist()
        if len(members) > MAX_MEMBERS or sum(info.file_size for info in members) > MAX_UNPACKED:
            raise OfdError(MSG_TOO_LARGE)
        self.names = {name.lstrip("/"): name for name in self.zip.namelist()}
        self.lower = {name.lower(): name for name in self.names}

    def read(self, path: str) -> bytes:
        path = posixpath.normpath(path.lstrip("/"))
        name = self.names.get(path) or self.names.get(self.lower.get(path.lower(), ""))
        if name is None:
            raise OfdError(MSG_BROKEN)
        try:
            with self.zip.open(name) as handle:  # capped: a forged directory cannot make a part larger
                raw = handle.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError) as exc:
            raise OfdError(MSG_BROKEN) from exc
        if len(raw) > MAX_PART:
            raise OfdError(MSG_TOO_LARGE)
        return raw

    def xml(self, path: str):
        try:
            return ElementTree.fromstring(self.read(path))
        except ElementTree.ParseError as exc:
            raise OfdError(MSG_BROKEN) from exc

    def media(self, res_path: str, into: dict[str, str]) -> None:
        """The image files a resource file declares (MultiMedia ID → path in the package)."""
        try:
            res = self.xml(res_path)
        except OfdError:
            return
        base = posixpath.join(posixpath.dirname(res_path), res.get("BaseLoc") or "")
        for media in res.iter():
            if _local(media.tag) == "MultiMedia" and media.get("ID"):
                file = _find(media, "MediaFile")
                if file is not None and (file.text or "").strip():
                    into[media.get("ID")] = _resolve(base, file.text.strip())


def _resolve(base_dir: str, location: str) -> str:
    location = location.strip()
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.join(base_dir, location)


def _characters(content, out: list[tuple[float, float, float, float, str]]) -> None:
    """Every character of the page's text objects as (x, baseline y, size, advance, char), in page mm."""
    for obj in content.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _numbers(obj.get("Boundary"))
        ox, oy = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        size = float(obj.get("Size") or 0) or 3.5
        scale = (a * a + b * b) ** 0.5 or 1.0
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if code.get("X") is not None:
                x = float(code.get("X"))
            if code.get("Y") is not None:
                y = float(code.get("Y"))
            dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
            for i, ch in enumerate(text):
                step = dx[i] if i < len(dx) else size
                px, py = a * x + c * y + e, b * x + d * y + f
                out.append((ox + px, oy + py, size * scale, step * scale, ch))
                x += step
                y += dy[i] if i < len(dy) else 0.0


def _lines(chars: list[tuple[float, float, float, float, str]]) -> list[tuple[float, float, str, float, float, float]]:
    """Characters regrouped into lines by their baselines (within 40 % of the type size), each line in x order;
    a gap of more than one type size between two characters becomes a space."""
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for char in sorted(chars, key=lambda ch: (ch[1], ch[0])):
        if lines and abs(char[1] - lines[-1][0][1]) <= 0.4 * max(char[2], lines[-1][0][2]):
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for members in lines:
        members.sort(key=lambda ch: ch[0])
        parts: list[str] = []
        end = None
        for x, _, size, step, ch in members:
            if end is not None and x - end > size:
                parts.append(" ")
            parts.append(ch)
            end = x + max(step, size * 0.5)
        text = "".join(parts).strip()
        if not text:
            continue
        size = max(ch[2] for ch in members)
        baseline = max(ch[1] for ch in members)
        out.append((members[0][0], end or members[0][0], text, size, baseline - size, baseline))
    return out


def pages(data: bytes) -> list[Page]:
    """Each page's lines (and, for a page without text, its scan), in the document's page order. Raises OfdError
    with a Chinese message."""
    package = _Package(data)
    root = package.xml("OFD.xml")
    doc_root = _find(root, "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise OfdError(MSG_BROKEN)
    document_path = posixpath.normpath(doc_root.text.strip().lstrip("/"))
    base = posixpath.dirname(document_path)
    document = package.xml(document_path)
    templates = {}
    media: dict[str, str] = {}
    common = _find(document, "CommonData")
    if common is not None:
        for template in _children(common, "TemplatePage"):
            if template.get("ID") and template.get("BaseLoc"):
                templates[template.get("ID")] = _resolve(base, template.get("BaseLoc"))
        for res in _children(common, "PublicRes") + _children(common, "DocumentRes"):
            if (res.text or "").strip():
                package.media(_resolve(base, res.text.strip()), media)
    pages_element = _find(document, "Pages")
    page_list = _children(pages_element, "Page") if pages_element is not None else []
    if not page_list:
        raise OfdError(MSG_BROKEN)
    result = []
    for page in page_list[:MAX_PAGES]:
        child = _find(page, "BaseLoc")
        location = page.get("BaseLoc") or (child.text if child is not None else "")
        if not location:
            continue
        page_path = _resolve(base, location)
        content = package.xml(page_path)
        chars: list[tuple[float, float, float, float, str]] = []
        for used in _children(content, "Template"):
            if (path := templates.get(used.get("TemplateID") or "")) is not None:
                _characters(package.xml(path), chars)
        _characters(content, chars)
        result.append(Page(_lines(chars)))
        if not any(not ch[4].isspace() for ch in chars):
            page_media = dict(media)
            for res in _children(content, "PageRes"):
                if (res.text or "").strip():
                    package.media(_resolve(posixpath.dirname(page_path), res.text.strip()), page_media)
            _page_image(package, content, page_media, result[-1])
    return result


def _page_image(package: _Package, content, media: dict[str, str], page: Page) -> None:
    """The page's largest image (by its boundary's area) as the page's scan."""
    best, area = None, 0.0
    for obj in content.iter():
        if _local(obj.tag) != "ImageObject" or obj.get("ResourceID") not in media:
            continue
        box = _numbers(obj.get("Boundary"))
        size = box[2] * box[3] if len(box) >= 4 else 0.0
        if best is None or size > area:
            best, area = media[obj.get("ResourceID")], size
    if best is not None:
        page.image = package.read(best)
        page.image_suffix = IMAGE_SUFFIXES.get(best.rsplit(".", 1)[-1].lower(), ".png")
