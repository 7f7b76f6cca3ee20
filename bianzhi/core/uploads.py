"""The upload guard: every uploaded file (批文 files, 三定 materials, ingestion, list imports) passes here.

1. **Size while streaming.** `StreamingLimitHandler` is the first upload handler of every request
   (settings.FILE_UPLOAD_HANDLERS): it counts each file's bytes as they arrive and, past `UPLOAD_MAX_BYTES`,
   stops passing them on — an oversize file is never written to memory or disk. The form still receives a
   `RefusedUpload` (empty, `refused` = the Chinese reason) so it can say why instead of "请选择文件".
2. **Content, not the name.** `check_upload(upload, allowed=…, max_bytes=…)` sniffs the bytes (PDF, DOCX,
   XLSX, OFD, OLE Word/Excel, PNG/JPEG/GIF/TIFF/BMP/WebP, plain text/CSV) and refuses anything else — HTML, SVG,
   XML and script in particular, whatever they are called. The declared type must agree with the content:
   the extension must be one of the sniffed kind's extensions, and a declared Content-Type that names
   another known kind is refused.
3. **Decompression limits for every zip-based format** (DOCX, XLSX, OFD): member count, total uncompressed size
   and per-member compression ratio are checked on the central directory before anything is inflated;
   Python's zipfile never inflates a member past its declared size, so the declared sizes bind.
4. **Serving.** `serve_stored_file` answers with the sniffed Content-Type (never the uploader's), always as
   an attachment except PDFs and images asked for inline by the platform's own viewer, with
   `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse

MB = 1024 * 1024
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_TOTAL_UNCOMPRESSED = 200 * MB
ZIP_MAX_RATIO = 100  # per member, for members above ZIP_RATIO_FLOOR uncompressed
ZIP_RATIO_FLOOR = 1 * MB
SNIFF_BYTES = 8192


def upload_max_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", 50 * MB)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    content_type: str
    extensions: frozenset
    inline: bool = False  # may be shown by the platform's own viewer (PDF, images)


def _kind(key, label, content_type, extensions, inline=False):
    return Kind(key, label, content_type, frozenset(extensions), inline)


KINDS = {k.key: k for k in [
    _kind("pdf", "PDF", "application/pdf", {".pdf"}, inline=True),
    _kind("docx", "Word（DOCX）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          {".docx"}),
    _kind("xlsx", "Excel（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    _kind("ofd", "OFD 版式文件", "application/ofd", {".ofd"}),
    _kind("ole", "旧版 Office（DOC/XLS）", "application/octet-stream", {".doc", ".xls", ".wps", ".et"}),
    _kind("png", "PNG 图片", "image/png", {".png"}, inline=True),
    _kind("jpeg", "JPEG 图片", "image/jpeg", {".jpg", ".jpeg"}, inline=True),
    _kind("gif", "GIF 图片", "image/gif", {".gif"}, inline=True),
    _kind("tiff", "TIFF 图片", "image/tiff", {".tif", ".tiff"}),
    _kind("bmp", "BMP 图片", "image/bmp", {".bmp"}),
    _kind("webp", "WebP 图片", "image/webp", {".webp"}, inline=True),
    _kind("text", "纯文本", "text/plain; charset=utf-8", {".txt", ".text", ".md"}),
    _kind("csv", "CSV 表格", "text/csv; charset=utf-8", {".csv"}),
]}
OLE_CONTENT_TYPES = {".doc": "application/msword", ".wps": "application/msword",
                     ".xls": "application/vnd.ms-excel", ".et": "application/vnd.ms-excel"}
IMAGES = {"png", "jpeg", "gif", "tiff", "bmp", "webp"}
DOCUMENT_KINDS = {"pdf", "docx", "xlsx", "ofd", "ole", "text"} | IMAGES
INGEST_KINDS = {"pdf", "docx", "ofd", "ole", "text"} | IMAGES
TABLE_KINDS = {"xlsx", "csv"}

# Declared types that are never accepted, whatever the content, and declared types that name one kind.
FORBIDDEN_DECLARED = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
                      "text/javascript", "application/javascript", "application/x-javascript", "text/x-html"}
DECLARED_KIND = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif",
                 "image/tiff": "tiff", "image/webp": "webp", "image/bmp": "bmp",
                 KINDS["docx"].content_type: "docx", KINDS["xlsx"].content_type: "xlsx",
                 "application/msword": "ole"}
ACTIVE_TEXT = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|link|style|img|a\s|"
                         rb"\?xml|form|base)|javascript:", re.I)


class RefusedUpload(UploadedFile):
    """What a form receives for a file the streaming handler dropped: empty, with the reason."""

    def __init__(self, name, content_type, size, refused):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)
        self.refused = refused


class StreamingLimitHandler(FileUploadHandler):
    """Counts each file's bytes as they stream in; past the limit they are not handed on to the handlers that
    would keep them, and the form gets a RefusedUpload with a Chinese reason."""

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > upload_max_bytes():
            self.over = True
            return None  # later handlers never see this or any further chunk
        return raw_data

    def file_complete(self, file_size):
        if self.over:
            limit = upload_max_bytes() // MB
            return RefusedUpload(self.file_name, self.content_type, self.received,
                                 f"文件“{self.file_name}”超过 {limit} MB 上限，已在接收时拒收")
        return None


# ------------------------------------------------------------------------------------------------ sniffing
def zip_problems(source, expect: str | None = None) -> list[str]:
    """Decompression limits and structure of a zip-based Office file (bytes or a seekable file)."""
    label = KINDS[expect].label if expect else "压缩"
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes | bytearray) else source)
    except (zipfile.BadZipFile, ValueError, OSError):
        return [f"不是有效的 {label} 文件：压缩结构损坏"]
    with archive:
        infos = archive.infolist()
        if len(infos) > ZIP_MAX_MEMBERS:
            return [f"{label} 文件内部条目过多（{len(infos)} 个），疑似恶意文件，已拒收"]
        total = sum(i.file_size for i in infos)
        if total > ZIP_MAX_TOTAL_UNCOMPRESSED:
            return [f"{label} 文件解压后体积异常（{total // MB} MB，上限 {ZIP_MAX_TOTAL_UNCOMPRESSED // MB} MB），"
                    "疑似压缩炸弹，已拒收"]
        for info in infos:
            if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
                return [f"{label} 文件内的 {info.filename} 压缩比异常，疑似压缩炸弹（超过 {ZIP_MAX_RATIO} 倍），已拒收"]
            if info.flag_bits & 0x1:
                return [f"{label} 文件已加密，无法读取"]
    return []


def _zip_kind(source) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes | bytearray) else source) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    if any(name.lstrip("/").lower() == "ofd.xml" for name in names):  # GB/T 33190: the package's entry file
        return "ofd"
    return None


def _text_kind(head: bytes) -> str | None:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark (Windows Notepad's “Unicode”)
        even = head[:len(head) - len(head) % 2]
        try:
            text = even.decode("utf-16")
        except UnicodeDecodeError:  # a surrogate pair cut at the end of the sniffed window
            try:
                text = even[:-2].decode("utf-16")
            except UnicodeDecodeError:
                return None
        if "\x00" in text or ACTIVE_TEXT.search(text.encode("utf-8")):
            return None
        return "text"
    if b"\x00" in head:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the sniffed window
                return "text"
            continue
        return "text"
    return None


def sniff_head(head: bytes) -> str | None:
    """The kind from the first bytes alone ("zip" for any zip; None: unknown or not acceptable)."""
    if head[:5] == b"%PDF-":
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "zip"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if ACTIVE_TEXT.search(head[:SNIFF_BYTES]):
        return None  # HTML / SVG / XML / script: never stored, never served
    return _text_kind(head[:SNIFF_BYTES])


def sniff_file(fh) -> str | None:
    """The kind of a stored or uploaded file (seekable); None when it is nothing we accept."""
    fh.seek(0)
    head = fh.read(SNIFF_BYTES)
    kind = sniff_head(head)
    if kind == "zip":
        fh.seek(0)
        kind = _zip_kind(fh)
    fh.seek(0)
    return kind


@dataclass
class Checked:
    kind: Kind
    content_type: str


def check_upload(upload, *, allowed, max_bytes: int | None = None, table_ext_kind: bool = False) -> Checked:
    """Refuse (ValidationError, Chinese, naming the file) unless the upload's bytes are one of the `allowed`
    kinds, within `max_bytes`, within the decompression limits, and its name and declared type agree."""
    name = getattr(upload, "name", "") or "文件"
    refused = getattr(upload, "refused", None)
    if refused:
        raise ValidationError(refused)
    limit = min(max_bytes or upload_max_bytes(), upload_max_bytes())
    size = getattr(upload, "size", None) or 0
    if size > limit:
        raise ValidationError(f"文件“{name}”超过 {limit // MB} MB 上限，已拒收")
    if size == 0:
        raise ValidationError(f"文件“{name}”为空")
    suffix = PurePath(name).suffix.lower()
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    key = sniff_head(head)
    if key == "zip":
        upload.seek(0)
        problems = zip_problems(upload, _zip_kind_from_suffix(suffix))
        if problems:
            upload.seek(0)
            raise ValidationError(f"文件“{name}”：{problems[0]}")
        upload.seek(0)
        key = _zip_kind(upload)
    upload.seek(0)
    if key == "text" and suffix == ".csv":
        key = "csv"
    allowed_labels = "、".join(KINDS[k].label for k in sorted(allowed, key=list(KINDS).index))
    if key is None or key not in allowed:
        found = f"内容是{KINDS[key].label}" if key in KINDS else "内容不是可接受的文件类型（如网页、脚本或未知格式）"
        raise ValidationError(f"文件“{name}”{found}，此处只接受{allowed_labels}；文件类型按内容识别，与扩展名无关")
    kind = KINDS[key]
    if suffix not in kind.extensions:
        raise ValidationError(f"文件“{name}”的内容是{kind.label}，扩展名应为 {'/'.join(sorted(kind.extensions))}，"
                              "请改正文件名后重新上传")
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if declared in FORBIDDEN_DECLARED or (declared in DECLARED_KIND and DECLARED_KIND[declared] != key
                                          and not (key == "ole" and declared == "application/vnd.ms-excel")):
        raise ValidationError(f"文件“{name}”声明的类型（{declared}）与其内容（{kind.label}）不符，已拒收")
    content_type = OLE_CONTENT_TYPES.get(suffix, kind.content_type) if key == "ole" else kind.content_type
    return Checked(kind=kind, content_type=content_type)


def _zip_kind_from_suffix(suffix: str) -> str | None:
    return {".docx": "docx", ".xlsx": "xlsx", ".ofd": "ofd"}.get(suffix)


# ------------------------------------------------------------------------------------------------ serving
FILE_CSP = {
    "image": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "pdf": "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'",
    "other": "default-src 'none'; sandbox",
}


def serve_stored_file(handle, filename: str, *, inline: bool = False) -> FileResponse:
    """A stored file as a response: the Content-Type sniffed from its bytes (the uploader's is ignored),
    `attachment` unless `inline` was asked for a PDF or image (the platform's own viewer), nosniff, and a
    CSP that forbids any script even if a browser were to render it."""
    key = sniff_file(handle)
    kind = KINDS.get(key) if key else None
    if kind is None:
        content_type = "application/octet-stream"
    elif key == "ole":
        content_type = OLE_CONTENT_TYPES.get(PurePath(filename).suffix.lower(), kind.content_type)
    else:
        content_type = kind.content_type
    as_inline = bool(inline and kind is not None and kind.inline)
    response = FileResponse(handle, as_attachment=not as_inline, filename=filename, content_type=content_type)
    if as_inline:
        response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP["image" if key in IMAGES else "pdf" if key == "pdf" else "other"]
    return response
