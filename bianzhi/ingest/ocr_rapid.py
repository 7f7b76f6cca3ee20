"""OCR with RapidOCR (PP-OCR detection + recognition models shipped inside the `rapidocr-onnxruntime` wheel,
run by onnxruntime on the CPU; nothing is downloaded at run time).

Engine choice (`BIANZHI_OCR_ENGINE`): `rapidocr` or `tesseract` force one; unset (`auto`) uses tesseract where it is
installed and RapidOCR otherwise — so a machine with only the Python packages can still read scans. Measured on the
benchmark scans (bench/README.md, “OCR engines side by side”): the same character error rate as tesseract chi_sim
(0.57 % each) at about seven times tesseract's CPU per page on this 2-core machine, so RapidOCR is not the default
where tesseract exists.

RapidOCR returns text boxes; lines are rebuilt here: boxes whose vertical centres lie within half a line height
are one line, ordered left to right; the paragraph rebuilding in `extract.join_lines` then uses each line's left
and right edge like for tesseract's lines."""
from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from dataclasses import dataclass

_engine = None
_lock = threading.Lock()


def available() -> bool:
    """The third-party wheel is installed (it is a pinned dependency; a trimmed install may lack it)."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def selected() -> bool:
    """True when RapidOCR reads the scans (see the module docstring for the choice)."""
    engine = os.environ.get("BIANZHI_OCR_ENGINE", "auto").lower()
    if engine == "tesseract":
        return False
    if engine == "rapidocr":
        return available()
    return shutil.which("tesseract") is None and available()


def engine():
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            # upright document pages: no angle classifier (on the benchmark scans it cut the end off a long line);
            # one thread per model session — pages are read in parallel by extract._ocr_pdf, and on a shared
            # 2-core machine onnxruntime's own thread pool only adds contention
            threads = {f"{part}_{kind}_op_num_threads": 1 for part in ("det", "cls", "rec") for kind in ("intra", "inter")}
            _engine = RapidOCR(use_cls=False, **threads)
        return _engine


@dataclass
class Box:
    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    score: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return max(1.0, self.y1 - self.y0)


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
        heights = sorted(b.h for b in line)
        out.append((line[0].x0, max(b.x1 for b in line), "".join(parts), heights[len(heights) // 2]))
    return out


def read_image(path: str) -> list[tuple[float, float, str, float]]:
    result, _elapsed = engine()(path)
    boxes = []
    for points, text, score in result or []:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        boxes.append(Box(min(xs), max(xs), min(ys), max(ys), text, float(score)))
    return boxes_to_lines(boxes)
