"""OCR with RapidOCR's models (PP-OCRv4 detection + recognition, shipped inside the `rapidocr-onnxruntime` wheel,
run by onnxruntime on the CPU; nothing is downloaded at run time). The default engine (ADR 0028).

Engine choice (`BIANZHI_OCR_ENGINE`): `rapidocr` or `tesseract` force one; unset (`auto`) takes RapidOCR wherever the
wheel is installed (a pinned dependency) and tesseract only where it is not.

The page goes through the wheel's models, but not through `RapidOCR.__call__`, whose handling cost most of the time
and most of the errors on 200-dpi 1-bit scans (bench/README.md, “RapidOCR: where the time and the errors went”):
- the page is read in gray (a 1-bit scan becomes 0/255), made plain (`ocr_page.prepare`: a red seal and red rules taken out, red 红头 characters kept
  dark, a seal on a gray scan whitened, a photographed page cut from the desk and straightened, uneven light
  flattened, a photocopy's toner specks whitened; bench/ocr_realistic.py), specks whitened
  (`ocr_prep.despeckle`'s rule, run with OpenCV by `ocr_page.despeckle`; a speck in the gap after 第六条 was read
  as “.”), and a page turned by 1° or more levelled
  (`ocr_page.deskew`, after the specks are gone: turning smears a speck into a mark that is read);
- detection runs on the page scaled (area averaging) so that its longer side is `DET_SIDE` pixels. RapidOCR ran it
  on the whole page (1408 × 1984 after its own 2000-px cap: 1.4–2.7 s CPU), and with `limit_type=max` its code
  replaces the limit asked for by 960/1500/2000, so the earlier “960 px” measurement never ran at 960; here
  detection takes ~0.1–0.2 s. Boxes are mapped back to the full page;
- each box is cut from the full page and scaled with area averaging straight to `REC_HEIGHT` = 36 px (RapidOCR
  scales to the model's 48 px with linear interpolation). Recognition cost grows with the square of that height
  (48 → 36 px: 1.7 → 0.95 s CPU on a 32-line page) and 36 px read the benchmark scans without an error; 32 px began
  to misread (〇 → O, a stray comma). Lines are recognised one at a time (`REC_BATCH`): in RapidOCR's batches of 6
  every line is padded to the widest one's width, ~17 % more CPU for the same text. Padding (a line narrower than
  the model's minimum width) is mid-gray as in training: white padding made the model read 電, 產 … there;
- one onnxruntime thread per session and no spinning: pages are read in parallel by extract._ocr_pdf, and the
  budget counts CPU time (2 spinning threads: +60 % CPU for the same page); the models' element-wise chains
  (scale, shift, hard-swish spelt out in four operators) are folded into their convolutions when loaded
  (`ocr_model.fused`, session 12: the same text, ~25 % less CPU a page).
- Chinese characters recognised with a probability under `CHAR_SCORE` are left out (a photocopy's black seal: its arc text
  read as 桑, 绿, 力心 at 0.12–0.28), and a line whose mean score is under `REREAD_BELOW` is read again at the model's
  48 px, the reading with the higher score kept (under the seal's ring the 3 of 3月, 31日 came back; off by default:
  it cost a phone photo's signature; session 11); a small mark (、，。,) whose place in the line holds only ink smaller
  than a fifth of the line's type is a speck and is left out (`speck_marks`, session 13).

Lines are rebuilt from the boxes (`boxes_to_lines`): boxes whose vertical centres lie within half a line height are
one line, ordered left to right, a wide gap kept as a tab. Each line's height is its type size measured from the
ink (`ink_height`), not the detector's box, which is padded in proportion to its length (a paragraph's short last
line got a 20 % lower box and was taken for a change of type size); the paragraph rebuilding in
`extract.join_lines` then uses each line's left and right edge and this height as for tesseract's lines."""
from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass

from . import ocr_model, ocr_page, ocr_prep

# Settings (measured on the benchmark scans: bench/README.md, “RapidOCR: where the time went”).
DET_SIDE = 960  # longer side of the page as detection sees it
REC_HEIGHT = 36  # height of a line as recognition sees it (the model was trained at 48)
REC_BATCH = 1  # one line per run: no padding to the widest line of a batch (6: ~17 % more CPU)
DESPECKLE = True
# Wider pages are first reduced to this width (0: never). Measured (bench/ocr_realistic.py): 1700 px saved ~5 % CPU
# on 300-dpi pages but a gray 300-dpi page's seal then came out worse (fields 0.927 against 1.000), so it is off.
MAX_WIDTH = 0
PAGE_PREP = True  # colour/photo pages: red seal and rules out, uneven light flattened (ocr_page)
TEXT_SCORE = 0.5  # lines recognised with a lower mean confidence are dropped (RapidOCR's default)
# Chinese characters recognised with a lower probability are dropped from their line (the line's score is still the
# mean over all of them): on a photocopy, the black seal's arc text over the signature was read as 桑, 绿, 力心 at
# 0.12–0.28, the body's characters at ≥ 0.45. Punctuation is kept whatever its probability: a bracket or a comma of
# a clean page reads at 0.27–0.30, its probability shared with its look-alikes (〕 」 】 ]) (bench/README.md, session 11)
CHAR_SCORE = 0.3
# Lines read with a mean score below REREAD_BELOW are read again at the model's own height, and the reading with the
# higher score is kept (0: never). At 0.98 the 3 of 3月, 31日 lost under a photocopy's black seal ring at 36 px came
# back, but a phone photo's signature gained an “H” (a seal edge) and lost its fields: off (bench/README.md, session 11)
REREAD_BELOW = 0.0
REREAD_HEIGHT = 48
# A small punctuation mark (、，。,) whose place in the line holds only ink smaller than MARK_SIZE of the line's type
# size is a speck read as a mark and is left out (0: never): a photocopy's two specks run together (~1 mm) were read
# as “、” before a line and “，” after a title's last character (`speck_marks`; bench/README.md, session 13). The
# full stop “.” is not among them: a decimal point is smaller still.
SMALL_MARKS = frozenset("、，。,")
MARK_SIZE = 0.2
MARK_INK = 0.25
THREADS = 1  # onnxruntime intra-op threads per session
SPIN = False  # onnxruntime's idle threads spinning for work (costs CPU time, not wall)
# The models' element-wise chains folded into their convolutions (ocr_model): the same text, recognition ~25–40 %
# and detection ~50 % less CPU (bench/README.md, session 12). Needs the `onnx` package; without it, the models as shipped.
FUSE = True

_engine = None
_lock = threading.Lock()


def available() -> bool:
    """The third-party wheel is installed (it is a pinned dependency; a trimmed install may lack it)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def selected() -> bool:
    """True when RapidOCR reads the scans: `BIANZHI_OCR_ENGINE` = `rapidocr` or `tesseract` forces one; unset
    (`auto`) takes RapidOCR wherever the wheel is installed (ADR 0028) and tesseract only where it is not."""
    engine = os.environ.get("BIANZHI_OCR_ENGINE", "auto").lower()
    if engine == "tesseract":
        return False
    return available()


def _session(model_path: str):
    import onnxruntime as ort

    model: str | bytes = model_path
    if FUSE and ocr_model.available():
        model, _counts = ocr_model.fused(model_path)

    opts = ort.SessionOptions()
    opts.log_severity_level = 4
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = THREADS
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    spin = "1" if SPIN else "0"
    opts.add_session_config_entry("session.intra_op.allow_spinning", spin)
    opts.add_session_config_entry("session.inter_op.allow_spinning", spin)
    return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])


class _Engine:
    """The wheel's detection and recognition models with their pre- and post-processing."""

    def __init__(self):
        from pathlib import Path

        import rapidocr_onnxruntime
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DBPostProcess
        from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

        models = Path(rapidocr_onnxruntime.__file__).resolve().parent / "models"
        self.det = _session(str(models / "ch_PP-OCRv4_det_infer.onnx"))
        self.rec = _session(str(models / "ch_PP-OCRv4_rec_infer.onnx"))
        # 1 when ocr_model.gray_input made the models take the gray page as one channel, else 3 (as shipped)
        self.det_channels = self.det.get_inputs()[0].shape[1]
        self.rec_channels = self.rec.get_inputs()[0].shape[1]
        characters = self.rec.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.decode = CTCLabelDecode(character=characters)
        # the wheel's config.yaml values for PP-OCRv4 detection
        self.db = DBPostProcess(thresh=0.3, box_thresh=0.5, max_candidates=1000, unclip_ratio=1.6,
                                use_dilation=True, score_mode="fast")


def engine() -> _Engine:
    global _engine
    with _lock:
        if _engine is None:
            _engine = _Engine()
        return _engine


@dataclass
class Box:
    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    score: float
    ink: float = 0.0  # height of the characters' ink, when measured (the box itself is padded by the detector)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return max(1.0, self.y1 - self.y0)

    @property
    def size(self) -> float:
        return self.ink or self.h


def boxes_to_lines(boxes: list[Box]) -> list[tuple[float, float, str, float]]:
    """[(x0, x1, text, height)] in reading order."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        if lines:
            current = lines[-1]
            cy = sum(b.cy for b in current) / len(current)
            h = min(min(b.h for b in current), box.h)
            if abs(box.cy - cy) < 0.5 * h:
                current.append(box)
                continue
        lines.append([box])
    out = []
    for line in lines:
        line.sort(key=lambda b: b.x0)
        parts, prev = [], None
        for b in line:
            if prev is not None and b.x0 - prev.x1 > 1.5 * b.h:
                parts.append("\t")  # a wide gap: table cells, a signature block
            parts.append(b.text)
            prev = b
        heights = sorted(b.size for b in line)
        out.append((line[0].x0, max(b.x1 for b in line), "".join(parts), heights[len(heights) // 2]))
    return out


def load_gray(path: str):
    """The first page of an image file as a uint8 gray array (a 1-bit scan becomes 0/255): a colour or photographed
    page made plain first (`ocr_page.prepare`: red seal and rules out, red characters kept, light evened out),
    specks whitened."""
    import numpy as np
    from PIL import Image

    with Image.open(path) as img:
        img.seek(0)
        source: str | None = path  # the file still holds the page's pixels: ocr_page.pixels may decode it itself
        if MAX_WIDTH and img.width > MAX_WIDTH:
            # recognition sees each line at REC_HEIGHT px: a 300-dpi page's detail is lost there anyway, and the
            # page's preparation, despeckling and cutting cost in proportion to its pixels
            img = (img if img.mode in ("L", "RGB") else img.convert("L" if img.mode == "1" else "RGB"))
            img = img.resize((MAX_WIDTH, round(img.height * MAX_WIDTH / img.width)), Image.Resampling.BOX)
            source = None
        if PAGE_PREP:
            gray = ocr_page.prepare(img, level=False, path=source)
        else:
            gray = np.asarray(img.convert("L"))
    if DESPECKLE:
        gray = ocr_page.despeckle(gray, ocr_prep.SPECK_WINDOW)  # ocr_prep.despeckle's rule, pixel for pixel, in OpenCV (session 14)
    if PAGE_PREP and ocr_page.DESKEW:
        gray = ocr_page.deskew(gray)  # after the specks are gone: turning smears a speck into a blot
    return gray


def detect(eng: _Engine, gray) -> list:
    """Text boxes (4 corner points each, in the page's pixels) found on the page scaled to DET_SIDE."""
    import cv2
    import numpy as np

    h, w = gray.shape
    scale = min(1.0, DET_SIDE / max(h, w))
    dh, dw = max(32, round(h * scale / 32) * 32), max(32, round(w * scale / 32) * 32)
    small = cv2.resize(gray, (dw, dh), interpolation=cv2.INTER_AREA)
    x = (small.astype(np.float32) / 127.5 - 1.0)[None, None]
    x = np.repeat(x, eng.det_channels, axis=1) if eng.det_channels != 1 else x
    pred = eng.det.run(None, {eng.det.get_inputs()[0].name: x})[0]
    boxes, _scores = eng.db(pred, (h, w))  # DBPostProcess scales the boxes to (h, w)
    return [b for b in boxes if min(np.linalg.norm(b[0] - b[1]), np.linalg.norm(b[0] - b[3])) > 3]


def ink_height(crop) -> float:
    """Type size of a line: the height of the band of rows holding the middle 95 % of the crop's dark pixels.
    The detector's box is padded in proportion to its length, and brackets and commas reach beyond the
    characters, so neither the box nor the full extent of the ink measures the type."""
    import numpy as np

    rows = (crop < 128).sum(axis=1)
    total = int(rows.sum())
    if not total:
        return 0.0
    cumulative = np.cumsum(rows)
    top = int(np.searchsorted(cumulative, 0.025 * total))
    bottom = int(np.searchsorted(cumulative, 0.975 * total))
    return float(bottom - top + 1)


def cut_line(gray, points):
    """The box cut out of the page (perspective-corrected, upright)."""
    import cv2
    import numpy as np

    pts = np.asarray(points, dtype=np.float32)
    bw = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
    bh = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
    bw, bh = max(bw, 1), max(bh, 1)
    dst = np.array([[0, 0], [bw, 0], [bw, bh], [0, bh]], dtype=np.float32)
    crop = cv2.warpPerspective(gray, cv2.getPerspectiveTransform(pts, dst), (bw, bh),
                               flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if bh * 1.0 / bw >= 1.5:  # a vertical box: read it turned
        crop = np.ascontiguousarray(np.rot90(crop))
    return crop


def scale_line(crop, height: int):
    """A line's crop scaled to the recognition height, with area averaging when it shrinks."""
    import cv2

    bh, bw = crop.shape
    new_w = max(1, round(bw * height / bh))
    interp = cv2.INTER_AREA if bh > height else cv2.INTER_CUBIC
    return cv2.resize(crop, (new_w, height), interpolation=interp)


def recognise(eng: _Engine, crops: list, marks: list | None = None) -> list[tuple[str, float]]:
    """(text, score) per crop; crops of equal height, batched by width. With `marks` (a list), it gets for each
    crop the [(position in the text, x in the crop)] of its small punctuation marks (SMALL_MARKS)."""
    import numpy as np

    order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1])
    out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
    found: list[list[tuple[int, float]]] = [[] for _ in crops]
    name = eng.rec.get_inputs()[0].name
    for start in range(0, len(order), REC_BATCH):
        batch = order[start:start + REC_BATCH]
        height = crops[batch[0]].shape[0]
        width = max(crops[i].shape[1] for i in batch)
        width = max(width, height * 320 // 48)
        x = np.zeros((len(batch), eng.rec_channels, height, width), dtype=np.float32)  # padding: mid-gray (see the docstring)
        for k, i in enumerate(batch):
            c = crops[i]
            x[k, :, :, : c.shape[1]] = c.astype(np.float32)[None] / 127.5 - 1.0
        pred = eng.rec.run(None, {name: x})[0]
        for k in range(len(batch)):
            chars, score = decoded(eng.decode.character, pred[k])
            out[batch[k]] = ("".join(ch for ch, _step in chars), score)
            step = width / max(1, pred.shape[1])  # a time step's width in the crop's pixels
            found[batch[k]] = [(j, (t + 0.5) * step) for j, (ch, t) in enumerate(chars) if ch in SMALL_MARKS]
    if marks is not None:
        marks[:] = found
    return out


def decoded(characters: list[str], pred) -> tuple[list[tuple[str, int]], float]:
    """([(character, time step)], score) of one line from the recognition model's output (time steps × classes,
    class 0 = CTC blank): the most likely class at each step, repeats collapsed and blanks dropped, as RapidOCR
    decodes it; score = the mean probability of the characters read; Chinese characters below CHAR_SCORE are left
    out."""
    import numpy as np

    index = pred.argmax(axis=1)
    prob = pred.max(axis=1)
    keep = index != 0
    keep[1:] &= index[1:] != index[:-1]
    steps = np.flatnonzero(keep)
    if not len(steps):
        return [], 0.0
    chars = [(characters[index[t]], int(t)) for t in steps
             if prob[t] >= CHAR_SCORE or not "\u4e00" <= characters[index[t]] <= "\u9fff"]
    return chars, float(np.mean(prob[steps]))


def decode(characters: list[str], pred) -> tuple[str, float]:
    """(text, score) of one line (see `decoded`)."""
    chars, score = decoded(characters, pred)
    return "".join(ch for ch, _step in chars), score


def speck_marks(cut, marks: list[tuple[int, float]], crop_width: int, size: float) -> set[int]:
    """The positions (in the line's text) of the small marks read from specks: around the mark's place in the line's
    cut (its time step's x, ± half the type size) there is ink, and all of it fits in a square of MARK_SIZE of the
    line's type size `size` (ink_height). Ink is what is darker than the line's paper by MARK_INK of the way to its
    black (a phone photo's light full stop is ink as well as a photocopy's black one). A toner speck, even two run
    together (~1 mm), measures ≤ 0.13 of 16-pt type; the smallest 、，。 ≥ 0.29 (bench/README.md, session 13). A mark
    with a character's stroke within the window is kept."""
    import numpy as np

    if not marks or size <= 0:
        return set()
    h, w = cut.shape
    sample = cut[::2, ::2]
    cumulative = np.cumsum(np.bincount(sample.ravel(), minlength=256))
    black, paper = np.searchsorted(cumulative, (0.02 * sample.size, 0.5 * sample.size))  # 2nd percentile, median
    level = paper - MARK_INK * (paper - black)
    scale = w / max(1, crop_width)
    limit = MARK_SIZE * size
    out = set()
    for position, x in marks:
        x0, x1 = max(0, int(x * scale - size / 2)), min(w, int(np.ceil(x * scale + size / 2)))
        ink = cut[:, x0:x1] < level
        rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        if len(rows) and rows[-1] - rows[0] < limit and columns[-1] - columns[0] < limit:
            out.add(position)
    return out


def read_boxes(path: str) -> list[Box]:
    import numpy as np

    eng = engine()
    gray = load_gray(path)
    points = detect(eng, gray)
    if not points:
        return []
    cuts = [cut_line(gray, p) for p in points]
    crops = [scale_line(c, REC_HEIGHT) for c in cuts]
    marks: list = []
    read = recognise(eng, crops, marks)
    doubtful = [k for k, (_text, score) in enumerate(read) if score < REREAD_BELOW]
    if REREAD_HEIGHT and doubtful:
        again_marks: list = []
        again = recognise(eng, [scale_line(cuts[k], REREAD_HEIGHT) for k in doubtful], again_marks)
        for k, second, second_marks in zip(doubtful, again, again_marks, strict=True):
            if second[1] > read[k][1]:
                read[k] = second
                marks[k] = [(j, x * REC_HEIGHT / REREAD_HEIGHT) for j, x in second_marks]
    boxes = []
    for p, cut, crop, (text, score), line_marks in zip(points, cuts, crops, read, marks, strict=True):
        if score < TEXT_SCORE or not text.strip():
            continue
        size = ink_height(cut)
        if MARK_SIZE and line_marks:
            specks = speck_marks(cut, line_marks, crop.shape[1], size)
            text = "".join(ch for j, ch in enumerate(text) if j not in specks)
            if not text.strip():
                continue
        p = np.asarray(p)
        boxes.append(Box(float(p[:, 0].min()), float(p[:, 0].max()), float(p[:, 1].min()), float(p[:, 1].max()),
                         text, score, size))
    return boxes


def read_image(path: str) -> list[tuple[float, float, str, float]]:
    return boxes_to_lines(read_boxes(path))
