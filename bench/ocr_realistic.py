"""OCR on realistic government-document scans: real texts rendered as 红头文件 pages, then degraded as real uploads are.

    .venv/bin/python -m bench.ocr_realistic [--engines rapidocr,tesseract] [--degradations clean,gray300,…]
                                            [--docs a.txt,b.txt] [--per-field] [-v]
                                            [--variant NAME]

`bench/ocr_engines.py` measures scans made by our own corpus generators (clean black text, one font, mild noise).
Here eight real texts of bench/sanding_real (splits tune … heldout21, never a `heldout_final*` split; mixed lengths,
307–1,351 characters) are rendered as a government document would be printed (GB/T 9704 layout, approximately):
红头 (the issuing organ + 文件 in large red characters) and a red rule, the 文号, the title, the body at 16 pt in a
serif face (Noto Serif CJK; AR PL UKai for every other text when fonts-arphic-ukai is installed), the signature and
date with a red round seal (印章: ring, star, the organ's name along the arc) printed over them, page numbers.
Each page is then degraded (seeded, deterministic):

    clean      300 dpi colour, the page as rendered (the baseline of the same run)
    gray300    300 dpi grayscale scan (slight blur, sensor noise, paper tone)
    colour200  200 dpi colour scan          gray200   200 dpi grayscale scan
    colour150  150 dpi colour scan          gray150   150 dpi grayscale scan
    jpeg50     200 dpi colour scan saved as JPEG quality 50
    skew+      300 dpi colour scan turned by +1.5…3°    skew-  200 dpi grayscale scan turned by −1.5…3°
    phone      a phone photo: page on a dark desk, mild perspective, uneven light, slight blur, JPEG 85
    photocopy  a photocopy scanned in gray at 200 dpi: thickened strokes, dark speckle, gray background, the red ink
               black as everything else

Ground truth = the rendered text. CER = edit distance / reference length after NFKC and removing white space (page
numbers excluded: the pipeline drops them). Fields: the parser on the OCR text against the parser on the ground
truth (bench.sanding_real's comparison), so only OCR's effect on the fields is measured. The pages of a document
are read one after the other through the pipeline (extract._ocr_image, join_lines, the OCR word correction), CPU =
user + system of this process and its children per page. Rendered pages are cached in /tmp (keyed by the render
code's version).
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import math
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from bench.ocr_engines import apply_settings, edit_distance
from bench.sanding_real import CORPUS, FIELDS, compare, document_text, predicted
from bianzhi.ingest import extract, ocr_rapid
from bianzhi.ingest.parser import parse

RENDER_VERSION = "4"
DPI = 300
MM = DPI / 25.4
PT = DPI / 72
FONT_DIR = Path("/usr/share/fonts")
SERIF = FONT_DIR / "opentype/noto/NotoSerifCJK-Regular.ttc"
SERIF_BOLD = FONT_DIR / "opentype/noto/NotoSerifCJK-Bold.ttc"
KAI = [FONT_DIR / "truetype/arphic/ukai.ttc", FONT_DIR / "truetype/arphic-ukai/ukai.ttc"]
RED = (205, 25, 35)
SEAL_RED = (225, 40, 50)

# The texts (file in bench/sanding_real), the paragraph where the printed document starts (web copies carry
# navigation, index numbers and repeated headers above it) and, where the label has none, the 红头 organ, 文号 and
# date printed on the page (a rendered page needs them; they are part of the ground truth like everything on it).
DOCS = [
    ("01_guojia_kuangshan_anquan_jianchaju_PARTIAL.txt", "第一条", "中共中央办公厅", "厅字〔2020〕8号", "2020年9月21日"),
    ("hunan_kejiting_2009_fabao365.txt", "根据《中共湖南省委", None, "湘政办发〔2009〕93号", "2009年12月31日"),
    ("jiedong_gxkj_gov.txt", "第一条", "中共揭阳市揭东区委办公室", None, "2019年3月28日"),
    ("gwyb2008_lsbar.txt", "各省、自治区", None, None, "2008年7月10日"),
    ("yichang_bianwei_guize_2009265.txt", "为适应深化", None, None, "2005年3月25日"),
    ("hunan_xinfang_tiaozheng_2019.txt", "各市州、县市区委", None, None, "2019年3月1日"),
    ("jiangxi_fazhan_yanjiu_zhongxin_360docs.txt", "人员编制规定根据", None, None, "2001年2月16日"),
    ("huanbaoju_1994_govcn.txt", "各省、自治区", None, None, "1994年2月25日"),
]
DEGRADATIONS = ["clean", "gray300", "colour200", "gray200", "colour150", "gray150", "jpeg50", "skew+", "skew-",
                "phone", "photocopy"]
ENGINES = ("rapidocr", "tesseract")
VARIANT = ""  # --variant: another seed for every degradation (a held-out draw of the same kinds of damage)


# ------------------------------------------------------------------ text of a document
def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _date(label_date: str | None, fallback: str) -> str:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})$", label_date or "")
    return f"{m[1]}年{int(m[2])}月{int(m[3])}日" if m else fallback


def document(file: str, start: str, organ: str | None, number: str | None, date: str) -> dict:
    """What is printed: header organ, 文号, title, body paragraphs, signature, date."""
    label = json.loads((CORPUS / file.replace(".txt", ".json")).read_text(encoding="utf-8"))
    paras = [p.strip() for p in document_text((CORPUS / file).read_text(encoding="utf-8")).splitlines() if p.strip()]
    paras = paras[next(k for k, p in enumerate(paras) if start in p):]
    organ = (label.get("issuing_organ") or organ or "机构编制委员会办公室").split()[0]  # 联合发文: the first heads
    number = label.get("doc_number") or number
    title = label.get("title") or ""
    signature = [organ]
    if len(paras) > 2 and re.fullmatch(r"[\d〇○零一二三四五六七八九十OＯ]{4}年.{1,3}月.{1,3}日", paras[-1]):
        # the text ends with its own signature block: print it as the signature, under the seal
        date = paras.pop()
        signature = []
        while paras and len(paras[-1]) <= 16 and not re.search(r"[。；，,;]", paras[-1]):
            signature.insert(0, paras.pop())
        signature = signature or [organ]
    return {"file": file, "organ": organ, "number": number, "title": title, "body": paras,
            "signature": signature, "date": date}


def ground_truth(doc: dict) -> str:
    """The document's text in reading order, one paragraph a line (what the pipeline should give back), with the
    clean-up the pipeline applies to every OCR line on purpose (extract.clean_ocr_line: 〈 〉 < > → ( ), a 文号's
    year in 〔 〕) and ○ (a circle some web copies put for 〇) as 〇, so that only misreadings count."""
    head = [f"{doc['organ']}文件"] + ([doc["number"]] if doc["number"] else []) + ([doc["title"]] if doc["title"] else [])
    lines = head + doc["body"] + doc["signature"] + [doc["date"]]
    return "\n".join(extract.clean_ocr_line(line).replace("○", "〇") for line in lines)


# ------------------------------------------------------------------ rendering (300 dpi, RGB)
def _font(path: Path, px: float, bold: bool = False):
    from PIL import ImageFont

    index = 2 if path.suffix == ".ttc" and "Noto" in path.name else 0  # Noto CJK: index 2 is SC
    return ImageFont.truetype(str(path), round(px), index=index)


def body_font(n: int, px: float):
    kai = next((p for p in KAI if p.exists()), None)
    return _font(kai if kai and n % 2 else SERIF, px)


def wrap(text: str, font, width: float, indent: float) -> list[str]:
    lines, cur, used = [], "", indent
    for ch in text:
        w = font.getlength(ch)
        if cur and used + w > width + 0.5:
            lines.append(cur)
            cur, used = "", 0.0
        cur += ch
        used += w
    if cur:
        lines.append(cur)
    return lines


class Page:
    W, H = round(210 * MM), round(297 * MM)
    LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 26 * MM, 37 * MM, 35 * MM

    def __init__(self):
        from PIL import Image, ImageDraw

        self.img = Image.new("RGB", (self.W, self.H), "white")
        self.draw = ImageDraw.Draw(self.img)
        self.y = self.TOP


def render(doc: dict, n: int):
    """The document's pages (PIL RGB images at 300 dpi)."""
    from PIL import ImageDraw

    body_px = 16 * PT
    pitch = 225 * MM / 22  # 22 lines a page
    font = body_font(n, body_px)
    width = Page.W - Page.LEFT - Page.RIGHT
    pages = [Page()]
    p = pages[0]
    # 红头: organ + 文件, red, as wide as the type area allows (at most 22 mm high)
    head = f"{doc['organ']}文件"
    head_px = min(22 * MM, width / len(head) * 0.98)
    hf = _font(SERIF_BOLD, head_px)
    hw = hf.getlength(head)
    p.draw.text(((Page.W - hw) / 2, p.y), head, font=hf, fill=RED)
    p.y += head_px * 1.25 + 12 * MM
    if doc["number"]:
        nw = font.getlength(doc["number"])
        p.draw.text(((Page.W - nw) / 2, p.y), doc["number"], font=font, fill="black")
        p.y += body_px + 4 * MM
    p.draw.rectangle([Page.LEFT, p.y, Page.W - Page.RIGHT, p.y + 1.0 * MM], fill=RED)
    p.y += 1.0 * MM + pitch * 1.5
    if doc["title"]:
        tf = _font(SERIF_BOLD, 22 * PT)
        for line in wrap(doc["title"], tf, width * 0.9, 0):
            lw = tf.getlength(line)
            p.draw.text(((Page.W - lw) / 2, p.y), line, font=tf, fill="black")
            p.y += 22 * PT * 1.45
        p.y += pitch * 0.6

    def line(text: str, x: float):
        nonlocal p
        if p.y + body_px > Page.H - Page.BOTTOM:
            pages.append(Page())
            p = pages[-1]
        p.draw.text((x, p.y), text, font=font, fill="black")
        p.y += pitch

    for para in doc["body"]:
        for k, text in enumerate(wrap(para, font, width, 2 * body_px)):
            line(text, Page.LEFT + (2 * body_px if k == 0 else 0))
    # signature and date, right-aligned four characters from the margin, the seal over both
    p.y += pitch
    if p.y + 3 * pitch + 25 * MM > Page.H - Page.BOTTOM:
        pages.append(Page())
        p = pages[-1]
        p.y += pitch * 2
    right = Page.W - Page.RIGHT - 4 * body_px
    block = doc["signature"] + [doc["date"]]
    widths = [font.getlength(t) for t in block]
    sign_y = p.y
    for t, w in zip(block, widths, strict=True):
        line(t, right - w)
    cx, cy = right - max(widths) / 2, sign_y + pitch * (len(block) - 1) / 2 + body_px / 2
    seal = _seal(doc["signature"][0])
    from PIL import ImageChops

    box = (round(cx - seal.width / 2), round(cy - seal.height / 2))
    region = p.img.crop((box[0], box[1], box[0] + seal.width, box[1] + seal.height))
    p.img.paste(ImageChops.multiply(region, seal), box)
    # page numbers (GB/T 9704: “— 1 —” under the type area)
    nf = _font(SERIF, 14 * PT)
    for k, page in enumerate(pages, 1):
        mark = f"— {k} —"
        ImageDraw.Draw(page.img).text(((Page.W - nf.getlength(mark)) / 2, Page.H - Page.BOTTOM + 10 * MM), mark,
                                      font=nf, fill="black")
    return [page.img for page in pages]


def _seal(organ: str):
    """A round seal, 42 mm across: ring, star, the organ's name along the upper arc; white where there is no ink."""
    from PIL import Image, ImageDraw

    size = round(42 * MM)
    r = size / 2
    img = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(img)
    ring = 1.2 * MM
    d.ellipse([ring / 2, ring / 2, size - ring / 2, size - ring / 2], outline=SEAL_RED, width=round(ring))
    star = [(r + 7 * MM * math.sin(math.radians(k * 36)) * (1 if k % 2 == 0 else 0.38),
             r - 7 * MM * math.cos(math.radians(k * 36)) * (1 if k % 2 == 0 else 0.38)) for k in range(10)]
    d.polygon(star, fill=SEAL_RED)
    cf = _font(SERIF_BOLD, 6.5 * MM)
    chars = list(organ)
    span = min(240.0, 22.0 * len(chars))
    for k, ch in enumerate(chars):
        angle = -span / 2 + span * (k + 0.5) / len(chars)  # degrees from the top, clockwise
        glyph = Image.new("L", (round(8 * MM), round(8 * MM)), 0)
        ImageDraw.Draw(glyph).text((0.75 * MM, 0.2 * MM), ch, font=cf, fill=255)
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC, expand=True)
        rad = r - ring - 5 * MM
        gx = r + rad * math.sin(math.radians(angle)) - glyph.width / 2
        gy = r - rad * math.cos(math.radians(angle)) - glyph.height / 2
        img.paste(Image.new("RGB", glyph.size, SEAL_RED), (round(gx), round(gy)), glyph)
    return img


# ------------------------------------------------------------------ degradations (numpy / OpenCV)
def _scan(rgb, rng, blur=0.7, noise=4.0):
    """A flatbed scan at 300 dpi: a little optical blur, paper tone, sensor noise."""
    import cv2
    import numpy as np

    a = cv2.GaussianBlur(rgb, (0, 0), blur).astype(np.float32)
    paper = np.array([246, 244, 238], dtype=np.float32)
    a = a * (paper / 255.0)
    a += rng.normal(0, noise, a.shape).astype(np.float32)
    return np.clip(a, 0, 255).astype(np.uint8)


def _resample(a, dpi):
    import cv2

    if dpi == DPI:
        return a
    h, w = a.shape[:2]
    return cv2.resize(a, (round(w * dpi / DPI), round(h * dpi / DPI)), interpolation=cv2.INTER_AREA)


def _gray(a):
    import cv2

    return cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)


def _rotate(a, angle):
    import cv2

    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = (246, 244, 238) if a.ndim == 3 else 244
    return cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def _phone(rgb, rng):
    """The page photographed on a desk: perspective, uneven light, slight blur, noise; ~2400 px wide."""
    import cv2
    import numpy as np

    h, w = rgb.shape[:2]
    pad = round(0.06 * w)
    canvas = np.full((h + 2 * pad, w + 2 * pad, 3), (70, 62, 55), dtype=np.uint8)
    canvas[pad:pad + h, pad:pad + w] = rgb
    ch, cw = canvas.shape[:2]
    src = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
    jitter = rng.uniform(0.01, 0.035, (4, 2)) * np.float32([cw, ch])
    sign = np.float32([[1, 1], [-1, 1], [-1, -1], [1, -1]])
    dst = (src + sign * jitter).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    out = cv2.warpPerspective(canvas, m, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=(70, 62, 55))
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    lx, ly = rng.uniform(0.2, 0.8) * cw, rng.uniform(0.1, 0.5) * ch
    dist = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / math.hypot(cw, ch)
    light = 1.0 - 0.55 * dist - 0.12 * (xx / cw)  # a lamp on one side, darker corners
    light = np.clip(light, 0.45, 1.0)
    tint = np.float32([1.0, 0.97, 0.90])
    a = out.astype(np.float32) * light[..., None] * tint
    a = cv2.GaussianBlur(a, (0, 0), 1.3)
    a += rng.normal(0, 5.0, a.shape).astype(np.float32)
    a = np.clip(a, 0, 255).astype(np.uint8)
    a = cv2.resize(a, (2400, round(2400 * ch / cw)), interpolation=cv2.INTER_AREA)
    return a


def _photocopy(rgb, rng):
    """A photocopy (toner: every ink black, strokes thickened, dark speckle, gray background) scanned at 200 dpi."""
    import cv2
    import numpy as np

    g = _gray(rgb).astype(np.float32)
    g = np.where(g < 200, g * 0.35, g)  # toner: red ink comes out nearly as dark as black
    g = cv2.erode(g, np.ones((3, 3), np.uint8))  # thicker strokes
    g = cv2.GaussianBlur(g, (0, 0), 0.9)
    g = g * 0.86 + 8  # gray background
    h, w = g.shape
    n = int(h * w * 0.0004)
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    rs = rng.integers(1, 4, n)
    for y, x, r in zip(ys, xs, rs, strict=True):
        cv2.circle(g, (int(x), int(y)), int(r), float(rng.uniform(20, 90)), -1)
    streak = rng.integers(0, w - 20)
    g[:, streak:streak + 6] *= 0.82  # a faint drum streak
    g += rng.normal(0, 5.0, g.shape).astype(np.float32)
    g = np.clip(g, 0, 255).astype(np.uint8)
    return _resample(g, 200)


def degrade(img, name: str, seed: int):
    """(array, file suffix) of one page under one degradation."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rgb = np.asarray(img)
    if name == "clean":
        return rgb, ".png"
    if name == "phone":
        return _phone(rgb, rng), ".jpg85"
    if name == "photocopy":
        return _photocopy(rgb, rng), ".png"
    scanned = _scan(rgb, rng)
    if name == "skew+":
        return _rotate(scanned, rng.uniform(1.5, 3.0)), ".png"
    if name == "skew-":
        return _resample(_gray(_rotate(scanned, -rng.uniform(1.5, 3.0))), 200), ".png"
    if name == "jpeg50":
        return _resample(scanned, 200), ".jpg50"
    m = re.match(r"(gray|colour)(\d+)$", name)
    dpi = int(m[2])
    a = _resample(scanned, dpi)
    return (_gray(a) if m[1] == "gray" else a), ".png"


def save(a, path: Path, suffix: str) -> Path:
    from PIL import Image

    img = Image.fromarray(a)
    dpi_tag = (DPI, DPI)
    if suffix.startswith(".jpg"):
        out = path.with_suffix(".jpg")
        img.save(out, quality=int(suffix[4:]), dpi=dpi_tag)
    else:
        out = path.with_suffix(".png")
        img.save(out, compress_level=1, dpi=dpi_tag)
    return out


def cache_dir() -> Path:
    code = [inspect.getsource(f) for f in (document, render, _seal, wrap, degrade, _scan, _phone, _photocopy, _rotate,
                                          _resample, save)]
    key = hashlib.sha1(repr((RENDER_VERSION, DOCS, code)).encode()).hexdigest()[:10]
    d = Path("/tmp") / f"bianzhi-ocr-realistic-{os.getuid()}-{key}{'-' + VARIANT if VARIANT else ''}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def pages_for(doc: dict, n: int, degradation: str) -> list[Path]:
    d = cache_dir() / f"{n:02d}"
    d.mkdir(exist_ok=True)
    marker = d / f"{degradation}.done"
    if marker.exists():
        pages = [p for p in d.iterdir() if re.fullmatch(re.escape(degradation) + r"-p\d+\.(png|jpg)", p.name)]
        return sorted(pages, key=lambda p: int(re.search(r"-p(\d+)\.", p.name)[1]))
    out = []
    for k, img in enumerate(render(doc, n), 1):
        salt = f"|{VARIANT}" if VARIANT else ""
        seed = int(hashlib.sha1(f"{doc['file']}|{degradation}|{k}{salt}".encode()).hexdigest()[:8], 16)
        a, suffix = degrade(img, degradation, seed)
        out.append(save(a, d / f"{degradation}-p{k}", suffix))
    marker.touch()
    return out


# ------------------------------------------------------------------ reading
def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def read(engine: str, paths: list[Path]) -> tuple[str, list[float]]:
    os.environ["BIANZHI_OCR_ENGINE"] = engine
    pages, cpus = [], []
    with tempfile.TemporaryDirectory(prefix="bz-ocr-") as tmp:
        for path in paths:
            work = Path(tmp) / path.name  # as extract does: the engines may write prepared pages next to it
            shutil.copyfile(path, work)
            c0 = _cpu()
            pages.append(extract._ocr_image(str(work)))
            cpus.append(_cpu() - c0)
    text = extract.from_text(extract._corrected(extract.join_lines(pages), [])).text
    return text, cpus


def diffs(ref: str, got: str) -> list[str]:
    """The differences as “expected→read” with a character of context."""
    import difflib

    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ref, got, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(f"{ref[max(0, i1 - 1):i1]}[{ref[i1:i2][:15]}→{got[j1:j2][:15]}]")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--degradations", default=",".join(DEGRADATIONS))
    ap.add_argument("--docs", default="", help="comma-separated text file names (default: all eight)")
    ap.add_argument("--per-field", action="store_true", help="print precision/recall of every field")
    ap.add_argument("-v", action="store_true", help="print each document's differing fields")
    ap.add_argument("--save", default="", help="write every OCR text (degradation, engine, file) to this JSON file")
    ap.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE",
                    help="change one setting of bianzhi.ingest (e.g. ocr_rapid.PAGE_PREP=0) for this run")
    ap.add_argument("--variant", default="", help="draw the degradations with other seeds (a held-out variant)")
    args = ap.parse_args(argv)
    global VARIANT
    VARIANT = args.variant
    apply_settings(args.set)
    engines = [e for e in args.engines.split(",") if e]
    degradations = [d for d in args.degradations.split(",") if d]
    for d in degradations:
        if d not in DEGRADATIONS:
            ap.error(f"未知退化 {d}（可选 {', '.join(DEGRADATIONS)}）")
    if "rapidocr" in engines and not ocr_rapid.available():
        print("跳过 rapidocr：未安装 rapidocr-onnxruntime")
        engines.remove("rapidocr")
    if "tesseract" in engines and not extract.tesseract_available():
        print("跳过 tesseract：未安装 tesseract")
        engines.remove("tesseract")
    if "rapidocr" in engines:
        ocr_rapid.engine()
    only = {d for d in args.docs.split(",") if d}
    docs = [(n, document(*spec)) for n, spec in enumerate(DOCS) if not only or spec[0] in only]
    refs = {n: ground_truth(doc) for n, doc in docs}
    ref_fields = {n: predicted(parse(extract.from_text(refs[n]).text).data) for n, _ in docs}
    t0 = time.perf_counter()
    for n, doc in docs:
        for d in degradations:
            pages_for(doc, n, d)
    print(f"渲染/读取缓存 {time.perf_counter() - t0:.1f} 秒（{cache_dir()}）", flush=True)
    results = {}
    loads = []
    saved: dict[str, str] = {}
    for d in degradations:
        for engine in engines:
            dist = total = 0
            cpus: list[float] = []
            counts = defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0})
            for n, doc in docs:
                text, page_cpus = read(engine, pages_for(doc, n, d))
                saved[f"{d}|{engine}|{doc['file']}"] = text
                loads.append(os.getloadavg()[0])
                ref = _norm(refs[n])
                e = edit_distance(ref, _norm(text))
                dist, total = dist + e, total + len(ref)
                cpus += page_cpus
                errors: list[str] = []
                compare(ref_fields[n], predicted(parse(text).data), counts, errors)
                if args.v and (errors or e):
                    print(f"  {d} {engine} {doc['file']}: {e}/{len(ref)} 字错 {len(errors)} 字段不符  "
                          + " ".join(diffs(ref, _norm(text))[:12]))
                    for line in errors:
                        print("   ", line)
            results[d, engine] = (dist, total, counts, cpus)
            tp = sum(c["tp"] for c in counts.values())
            pred = sum(c["pred"] for c in counts.values())
            gold = sum(c["gold"] for c in counts.values())
            print(f"{d:<10} {engine:<10} CER {dist / max(1, total):7.3%}（{dist}/{total}） 字段 P {tp / max(1, pred):.3f} "
                  f"R {tp / max(1, gold):.3f}  CPU 秒/页 中位 {statistics.median(cpus):.2f} 最慢 {max(cpus):.2f}  "
                  f"负载 {os.getloadavg()[0]:.1f}", flush=True)
    if args.save:
        Path(args.save).write_text(json.dumps(saved, ensure_ascii=False, indent=0), encoding="utf-8")
    print()
    print("真实版式公文扫描件：CER = 编辑距离 / 参考字数（NFKC、去空白）；字段 = 对 OCR 文本与对真值文本的解析结果之比；"
          "比值 = 与同一引擎 clean 之比")
    print(f"{'退化':<11}{'引擎':<11}{'CER':>8}{'错字':>6}{'字段P':>7}{'字段R':>7}  {'最低字段':<28}"
          f"{'CPU中位':>7}{'CPU最慢':>7}{'CER比':>7}{'CPU比':>7}")
    for engine in engines:
        base = results.get(("clean", engine))
        for d in degradations:
            dist, total, counts, cpus = results[d, engine]
            tp = sum(c["tp"] for c in counts.values())
            pred = sum(c["pred"] for c in counts.values())
            gold = sum(c["gold"] for c in counts.values())
            per = {f: (c["tp"] / c["pred"] if c["pred"] else 1.0, c["tp"] / c["gold"] if c["gold"] else 1.0)
                   for f, c in counts.items() if c["pred"] or c["gold"]}
            low = min(((min(p, r), f) for f, (p, r) in per.items()), default=(1.0, "-"))
            if base:
                cer_ratio = f"{(dist / total) / max(base[0] / base[1], 1e-9):.1f}" if base[0] else ("—" if dist else "1.0")
                cpu_ratio = f"{statistics.median(cpus) / statistics.median(base[3]):.2f}"
            else:
                cer_ratio = cpu_ratio = "—"
            print(f"{d:<11}{engine:<11}{dist / max(1, total):>8.3%}{dist:>6}{tp / max(1, pred):>7.3f}"
                  f"{tp / max(1, gold):>7.3f}  {low[1] + f' {low[0]:.3f}':<28}{statistics.median(cpus):>7.2f}"
                  f"{max(cpus):>7.2f}{cer_ratio:>7}{cpu_ratio:>7}")
            if args.per_field:
                for f in FIELDS:
                    c = counts.get(f)
                    if c and (c["pred"] or c["gold"]):
                        p, r = per[f]
                        print(f"      {f:<22} P {p:.3f}  R {r:.3f}  ({c['tp']}/{c['pred']}/{c['gold']})")
    pages = sum(len(pages_for(doc, n, "clean")) for n, doc in docs)
    print(f"{len(docs)} 篇、每种退化 {pages} 页；运行时系统负载 {min(loads, default=0):.2f}–{max(loads, default=0):.2f}"
          f"（{os.cpu_count()} 核）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
