"""OCR with RapidOCR (PP-OCR detection + recognition models shipped inside the `rapidocr-onnxruntime` wheel,
run by onnxruntime on the CPU; nothing is downloaded at run time). The default engine: on the benchmark scans
it makes a fraction of tesseract chi_sim's character errors (bench/README.md). tesseract stays the fallback
(`BIANZHI_OCR_ENGINE=tesseract`, or when the wheel is not installed).

RapidOCR returns text boxes; lines are rebuilt here: boxes whose vertical centres lie within half a line height
are one line, ordered left to right; the paragraph rebuilding in `extract.join_lines` then uses each line's left
and right edge like for tesseract's lines."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass

_engine = None
_lock = threading.Lock()


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401  (third-party, optional at run time)
    except ImportError:
        return False
    return True


def selected() -> bool:
    """RapidOCR is used unless BIANZHI_OCR_ENGINE=tesseract or the wheel is missing."""
    return os.environ.get("BIANZHI_OCR_ENGINE", "rapidocr").lower() != "tesseract" and available()


def engine():
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
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
