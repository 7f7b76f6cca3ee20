"""Image preparation and tesseract options for scanned pages (Pillow only, no numpy).

What was measured (bench/sanding_corpus scans: 200 dpi, 1-bit, speckles, slight tilt; CJK character
errors over 7 pages against the source text, tesseract 5.3 chi_sim, --psm 6):

- the page as it is: 9 errors;
- enlarged to ~300 dpi (bicubic + blur + Otsu): 10–11, and titles in large bold type degrade
  (关→天, 百→上); enlarged to 400 dpi: 33; reduced to 0.6–0.85 with area averaging: 8–11;
- speckle removal alone: 9–10; Otsu binarisation: no change (tesseract binarises with Otsu itself);
- `--psm 4`: worse; `--psm 3`: 55; `--user-words` with a 机构编制 vocabulary: 12 (inserts 和/人);
  `preserve_interword_spaces=1`: no change; `textord_heavy_nr=1`: 16 (drops list numbers);
- a page at ~120 dpi as it is: tesseract reads almost nothing; enlarged to 2000 px wide: 17 errors;
- `-l chi_sim+HanS` (extra package): 4 errors, ~1.8× the CPU (see LANGUAGES below).

So a page of normal resolution goes to tesseract unchanged, and only a page narrower than
`UPSCALE_BELOW` pixels (an A4 page under ~170 dpi) is prepared: gray, specks removed (before they are
enlarged into blobs), enlarged with bicubic resampling to `TARGET_WIDTH`, lightly blurred so that the
1-bit staircase edges become smooth, and binarised with Otsu's threshold. Lines found on an enlarged
page are scaled back to the original page's coordinates by the caller.
"""
from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

from . import ocr_page

# Pages narrower than this (an A4 page under ~170 dpi) are enlarged to TARGET_WIDTH (~240 dpi).
UPSCALE_BELOW = 1400
TARGET_WIDTH = 2000
MAX_SCALE = 3.0
BLUR_RADIUS = 0.6
SPECK_WINDOW = 3  # 3 or 5 (Pillow kernels)
PSM = "6"
PAGE_PREP = True  # colour/photographed/turned pages made plain first (ocr_page; needs OpenCV)
# tesseract models. chi_sim alone is the default. "chi_sim+HanS" (HanS from the Debian package
# tesseract-ocr-script-hans) made half as many character errors on the scans (corpus 9 → 4, held-out
# 9 → 4) but took ~1.8× the CPU (up to 3.1 s CPU per page), beyond the 3 s per page budget on this
# 2-core machine, and it added a stray 有 that broke a plaque; a deployment with CPU to spare may turn
# it on with BIANZHI_OCR_LANGUAGES=chi_sim+HanS (models that are not installed are left out). By default HanS
# only re-reads the doubtful lines (ocr_reread), which gets most of its gain for ~0.5 s a page.
LANGUAGES = os.environ.get("BIANZHI_OCR_LANGUAGES", "chi_sim")
EXTRA_ARGS: list[str] = []
# A --user-words file made tesseract worse (see above); the vocabulary serves ocr_correct instead.
USER_WORDS: Path | None = None


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(ln.strip() for ln in (out.stdout + out.stderr).splitlines()[1:] if ln.strip())


def languages() -> str:
    """LANGUAGES without the models that are not installed (chi_sim is always kept: it is checked
    before OCR starts, with a clear message when missing)."""
    wanted = [lang for lang in LANGUAGES.split("+") if lang]
    kept = [lang for lang in wanted if lang == "chi_sim" or lang in installed_languages()]
    return "+".join(kept or ["chi_sim"])


def tesseract_args() -> list[str]:
    args = ["-l", languages(), "--psm", PSM, *EXTRA_ARGS]
    if USER_WORDS is not None and USER_WORDS.exists():
        args = ["--user-words", str(USER_WORDS), *args]
    return args


def otsu_threshold(histogram: list[int]) -> int:
    """Otsu's threshold for a 256-bin gray histogram: the level that maximises the between-class variance."""
    total = sum(histogram)
    if not total:
        return 128
    sum_all = sum(i * h for i, h in enumerate(histogram))
    weight_bg = 0
    sum_bg = 0.0
    best, best_level = -1.0, 128
    for level in range(256):
        weight_bg += histogram[level]
        if weight_bg == 0:
            continue
        weight_fg = total - weight_bg
        if weight_fg == 0:
            break
        sum_bg += level * histogram[level]
        mean_bg = sum_bg / weight_bg
        mean_fg = (sum_all - sum_bg) / weight_fg
        between = weight_bg * weight_fg * (mean_bg - mean_fg) ** 2
        if between > best:
            best, best_level = between, level
    return best_level


def despeckle(gray, window: int | None = None):
    """White out specks: dark pixels with at most `window - 1` dark pixels in their window × window
    neighbourhood (counting themselves). Any pixel of a character stroke, even a one-pixel-wide one,
    has at least `window` dark pixels around it (the stroke runs through the window), so strokes stay;
    isolated dots and clusters of a few pixels go."""
    from PIL import ImageChops, ImageFilter

    window = window or SPECK_WINDOW
    dark = gray.point(lambda v: 255 if v < 128 else 0)  # 255 where dark
    kernel = ImageFilter.Kernel((window, window), [1] * (window * window), scale=window * window)
    density = dark.filter(kernel)  # 255 × share of dark pixels in the window
    limit = 255 * (window - 1) / (window * window)
    lonely = density.point(lambda v: 255 if v <= limit + 0.5 else 0)
    specks = ImageChops.multiply(dark, lonely)  # dark AND lonely
    return ImageChops.lighter(gray, specks)  # set those pixels to white


def scale_for(width: int) -> float:
    """1.0 for a page of normal resolution, else the enlargement towards TARGET_WIDTH."""
    if width >= UPSCALE_BELOW:
        return 1.0
    return min(MAX_SCALE, TARGET_WIDTH / max(1, width))


def prepare_image(img):
    """The prepared page (mode "L") and the factor it was enlarged by, or (None, 1.0) when the page
    needs no preparation."""
    from PIL import Image, ImageFilter

    scale = scale_for(img.width)
    if scale == 1.0:
        return None, 1.0
    gray = despeckle(img.convert("L"))
    gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.BICUBIC)
    if BLUR_RADIUS:
        gray = gray.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    level = otsu_threshold(gray.histogram())
    return gray.point(lambda v: 255 if v > level else 0), scale


def plain_page(img):
    """A colour, photographed or turned page made plain (`ocr_page.prepare`: red seal and rules out, light evened,
    lines levelled) as a gray PIL image, or None when nothing changed or OpenCV is missing (it comes with the
    RapidOCR wheel; a tesseract-only install reads the page as it is)."""
    import importlib.util

    if not PAGE_PREP or importlib.util.find_spec("cv2") is None:
        return None
    import numpy as np
    from PIL import Image

    gray = ocr_page.prepare(img)
    if img.mode in ("1", "L") and np.array_equal(gray, np.asarray(img.convert("L"))):
        return None
    return Image.fromarray(gray)


def prepare(path: str) -> tuple[str, float]:
    """Write the prepared page next to `path` (a temporary directory of the caller); returns the new path
    and the enlargement factor. An image Pillow cannot read is passed to tesseract unchanged."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            img.seek(0)
            plain = plain_page(img)
            prepared, scale = prepare_image(plain or img)
    except (UnidentifiedImageError, OSError, ValueError):
        return path, 1.0
    prepared = prepared or plain
    if prepared is None:
        return path, 1.0
    out = f"{os.path.splitext(path)[0]}.prep.png"
    prepared.save(out, compress_level=1)
    return out, scale
