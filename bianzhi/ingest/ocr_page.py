"""A page as users upload it, made plain before OCR (numpy/OpenCV, which come with the RapidOCR wheel).

Real uploads are not the clean 1-bit scans of bench/ocr_engines.py: a 红头文件 carries red ink (the issuing
organ's name in large red characters, a red rule, a round red seal printed over the signature and the date),
phone photos are lit unevenly and show the desk around the page. Measured on bench/ocr_realistic.py (bench/README.md,
“OCR on realistic government-document scans”):

- `gray_without_seal`: a colour page becomes gray with the red seal and red rules taken out (their pixels get the
  red channel's value, in which red ink is as light as the paper and black ink stays black, so a character under
  the seal keeps its strokes), while other red ink — the 红头's characters, a red title — is kept dark (the
  darkest channel), so it is read like black text;
- `page_outline` / `straighten`: a page photographed on a desk is found by its outline (the largest bright
  quadrilateral) and warped to an upright rectangle, as scanner apps do: the desk, its noise read as words at the
  shaded edge, and the perspective go;
- `flatten`: the paper's brightness is estimated (a maximum filter that removes the ink, on a reduced copy) and the
  page divided by it: uneven light and a dark desk around the page become white paper;
- `gray_seal_removed`: on a gray scan the seal's red ink is mid-gray and is whitened where it forms a seal; on a
  photocopy (toner: the seal ~37 against ~8 for the text) it is sought just above the page's own black;
- `remove_specks`: a photocopy's toner specks (a page with hundreds of dark marks under 0.8 mm) whitened; they were
  read as punctuation (“,” “:” “·” in the gap after 第X条, after a 。).
"""
from __future__ import annotations

# Red ink: R exceeds both G and B by at least this share of R (and by RED_MIN gray levels).
RED_SHARE = 0.3
RED_MIN = 40
RED_PIXELS = 0.0002  # below this share of the page the red is ignored (a page without red ink)
# Red shapes, measured on the page reduced to REDUCED_WIDTH pixels across (an A4 page: ~0.35 mm a pixel)
REDUCED_WIDTH = 600
SEAL_MM = 28.0  # a seal is at least this wide and high (official seals: 38–45 mm) and about round
RULE_MM = 40.0  # a rule is at least this long and at most RULE_THICK_MM thick
RULE_THICK_MM = 3.5
SEAL_LIGHT = 0.75  # a seal's red pixel is whitened when its red channel is at least this share of the region's
# paper (its 95th percentile): a darker one is a black stroke's edge blended with the seal (a phone photo's blur)
JOIN_MM = 2.5  # red shapes closer than this are one shape
PAGE_MM = 210.0  # page width assumed when converting pixels to millimetres (A4 portrait)
# Gray scans: black ink below BLACK_BELOW, red ink (seals) between it and MID_ABOVE
BLACK_BELOW = 50
MID_ABOVE = 170
# A photocopy's seal (toner: ~37 against ~8 for the text): sought from the page's black (the INK_PERCENTILE-th
# percentile of its dark pixels) + INK_NOISE, and taken only if its ink is of one level (5th to 95th percentile
# within SEAL_INK_SPREAD levels; text's soft edges spread over all levels)
INK_PERCENTILE = 2
INK_NOISE = 15
SEAL_INK_SPREAD = 40
# Illumination: the paper's level is the maximum over BACKGROUND_MM around each point
BACKGROUND_MM = 3.0
FLAT_RANGE = 24  # pages whose paper level varies less than this (5th to 95th percentile) are left alone
# Skew: the angle (degrees) at which the rows of the reduced page's ink are most uneven (text lines level)
MAX_SKEW = 5.0
SKEW_STEP = 0.5
MIN_SKEW = 1.0  # pages turned less than this are left alone (RapidOCR cuts each line along its own slant)
SKEW_WIDTH = 600
# Page outline (a photo of a page on a desk): the page is the largest bright quadrilateral on the reduced image; it is
# straightened when it covers at least PAGE_AREA of the image but leaves a border of desk (the paper brighter than
# the desk around it by DESK_CONTRAST levels), and cut INSET_MM inside its edge (the edge's shadow)
PAGE_AREA = 0.3
DESK_CONTRAST = 40
INSET_MM = 1.5
# Toner specks (a photocopy, a dirty scanner glass): dark marks at most SPECK_MM across in both directions. A page
# with more than SPECKLED of them (per A4 page) is taken for a speckled copy and they are whitened; on other pages
# the few tiny marks are left (a middle dot or a period of small type is about as small).
SPECK_MM = 0.8
SPECKLED = 300
SPECK_INK = 30  # a speck's pixels are darker than the paper by at least this many levels (a light speck is read too)


# The steps whose reduced copy (REDUCED_WIDTH) is made by a whole factor (a 300-dpi A4 page: 2,480 → 620 px, 200 dpi:
# 1,654 → 551 px): OpenCV's area averaging then takes its fast path, 3–4× cheaper than at a fractional factor (a
# 300-dpi colour page: 30 ms less for the seal's colour copy, 10 ms for each gray one; bench/README.md, session 16).
# "flatten" only tells an even page; "skew" (SKEW_WIDTH) is left out: the angle found moved by 0.1–1° on 16 of 36
# skewed pages and the text of two of them with it; "" reduces every copy to the width exactly, as before.
WHOLE_FACTOR = "seal,outline,flatten"


def reduced(a, width: int, step: str = ""):
    """(`a` reduced with area averaging to about `width` pixels across, the scale reduced / page). By a whole factor k
    (WHOLE_FACTOR): the last w mod k columns and h mod k rows are left out, so that each pixel of the copy is the
    mean of k × k pixels. A page less than 1.5 × `width` across is reduced to `width` exactly as before (or returned as
    it is, not copied, when it is no wider)."""
    import cv2

    h, w = a.shape[:2]
    if step and step in WHOLE_FACTOR.split(","):
        k = max(1, round(w / width))
        if k > 1 and h >= k:
            return cv2.resize(a[:h // k * k, :w // k * k], (w // k, h // k), interpolation=cv2.INTER_AREA), 1.0 / k
    if w <= width:
        return a, 1.0
    f = width / w
    return cv2.resize(a, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA), f


def red_mask(rgb):
    """Boolean mask of red ink in an RGB uint8 array."""
    import numpy as np

    r = rgb[..., 0].astype(np.int16)
    other = np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)
    diff = r - other
    return (diff > RED_MIN) & (diff * 10 > r * int(RED_SHARE * 10))


def red_shapes(small_mask, scale: float) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    """(drop, keep) boxes (x0, y0, x1, y1 in the page's pixels; `scale` = reduced / page size) of the red ink found
    on the reduced page: seals (with everything inside them: star, arc text) and rules to drop, other red shapes
    (characters) to keep."""
    import cv2
    import numpy as np

    closed = cv2.morphologyEx(small_mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    mm = PAGE_MM / small_mask.shape[1]
    # shapes: the components, those within JOIN_MM of each other joined (black ink printed over a seal cuts its ring)
    shapes = [[int(v) for v in stats[i][:4]] for i in range(1, n) if stats[i][4] >= 4]
    shapes = [[x, y, x + bw, y + bh] for x, y, bw, bh in shapes]
    gap = JOIN_MM / mm
    joined = True
    while joined:
        joined = False
        for a in range(len(shapes)):
            for b in range(a + 1, len(shapes)):
                p, q = shapes[a], shapes[b]
                if p[0] - gap <= q[2] and q[0] - gap <= p[2] and p[1] - gap <= q[3] and q[1] - gap <= p[3]:
                    shapes[a] = [min(p[0], q[0]), min(p[1], q[1]), max(p[2], q[2]), max(p[3], q[3])]
                    del shapes[b]
                    joined = True
                    break
            if joined:
                break
    drop, keep = [], []
    for x0, y0, x1, y1 in shapes:
        box = (int(x0 / scale), int(y0 / scale), int(np.ceil(x1 / scale)), int(np.ceil(y1 / scale)))
        wmm, hmm = (x1 - x0) * mm, (y1 - y0) * mm
        seal = wmm >= SEAL_MM and hmm >= SEAL_MM and 0.7 <= wmm / hmm <= 1.4
        rule = max(wmm, hmm) >= RULE_MM and min(wmm, hmm) <= RULE_THICK_MM
        (drop if seal or rule else keep).append(box)
    keep = [k for k in keep if not any(d[0] <= k[0] and d[1] <= k[1] and k[2] <= d[2] and k[3] <= d[3] for d in drop)]
    return drop, keep


def gray_without_seal(rgb, gray=None):
    """The page in gray: luminance, with seals and rules in red ink taken out and other red ink kept dark. `gray`:
    the page's luminance when the caller has it already (it is then changed in place)."""
    import cv2
    import numpy as np

    if gray is None:
        gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    small, scale = reduced(rgb, REDUCED_WIDTH, "seal")
    small_mask = red_mask(small)
    if small_mask.mean() < RED_PIXELS:
        return gray
    drop, keep = red_shapes(small_mask, scale)
    pad = max(2, w // 400)
    for x0, y0, x1, y1 in keep:
        x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
        region = rgb[y0:y1, x0:x1]
        gray[y0:y1, x0:x1] = np.where(red_mask(region), region.min(axis=2), gray[y0:y1, x0:x1])
    for x0, y0, x1, y1 in drop:
        x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
        region = rgb[y0:y1, x0:x1]
        lifted = np.maximum(gray[y0:y1, x0:x1], region[..., 0])
        # red ink whitened, but not a dark red pixel: a black stroke's edge blended with the seal (blur, a photo)
        light = region[..., 0] >= SEAL_LIGHT * np.percentile(region[..., 0], 95)
        lifted[red_mask(region) & light] = 255
        gray[y0:y1, x0:x1] = lifted
    return gray


def gray_seal_removed(gray):
    """A gray scan of a page with a seal: red ink scans mid-gray (luminance ~80 against ~20 for black). The
    mid-gray areas thicker than a stroke's soft edge or a thin serif stroke (they survive an erosion) are taken
    for red ink; where they form a round shape the size of a seal, they are whitened (with their soft edges),
    and the pixels as dark as black ink — the signature printed under the seal — are kept.

    A photocopy's toner darkens the red ink with everything else: its seal lies at ~37 against ~8 for the black
    text, below BLACK_BELOW. When the usual band holds no red ink at all, it is sought again just above the
    page's own black (`ink_level` + INK_NOISE); a shape found there is a seal only if its ink is of one level (a
    seal is printed with one ink; text's soft edges spread over every level), and the pixels darker than the
    midpoint between the black and the seal's level are the text under it (bench/README.md, session 13)."""
    out, seen = _seal_pass(gray, BLACK_BELOW)
    if out is not None:
        return out
    if seen:
        return gray  # red ink scans mid-gray on this page (a 红头, a rule): a seal would have been found there
    black = ink_level(gray)
    if black is None or black + INK_NOISE >= BLACK_BELOW:
        return gray
    out, _seen = _seal_pass(gray, black + INK_NOISE, black)
    return gray if out is None else out


def ink_level(gray) -> int | None:
    """The level of the page's black ink: the INK_PERCENTILE-th percentile of the pixels darker than the paper (the
    median level) by 60 levels, on a sample of the page; None without such pixels."""
    import cv2
    import numpy as np

    sample = np.ascontiguousarray(gray[::2, ::2])
    cumulative = np.cumsum(cv2.calcHist([sample], [0], None, [256], [0, 256]).ravel())
    paper = int(np.searchsorted(cumulative, sample.size / 2))
    dark = float(cumulative[paper - 61]) if paper > 60 else 0.0
    if dark < 100:
        return None
    return int(np.searchsorted(cumulative, dark * INK_PERCENTILE / 100))


def _seal_pass(gray, low: int, black: int | None = None):
    """(`gray` with its seals whitened or None when none is found, whether the band held any ink), the seals' ink
    sought between `low` and MID_ABOVE. With `black` (the page's black level), a shape is a seal only if its ink is
    of one level (its 5th to 95th percentile within SEAL_INK_SPREAD), and the pixels kept are those darker than
    midway between `black` and it."""
    import cv2
    import numpy as np

    h, w = gray.shape
    steps = max(1, round(w / 1000))
    band = cv2.inRange(gray, int(low), MID_ABOVE)  # 255 where low <= level <= MID_ABOVE
    kernel = np.ones((3, 3), np.uint8)
    ink = cv2.erode(band, kernel, iterations=steps)
    if cv2.countNonZero(ink) < RED_PIXELS * h * w:
        return None, False
    small, scale = reduced(ink, REDUCED_WIDTH, "seal")
    small = small > 40
    drop, _keep = red_shapes(small, scale)
    drop = [b for b in drop if 0.5 <= (b[2] - b[0]) / max(1, b[3] - b[1]) <= 2]  # a gray rule is left alone
    out = None
    pad = max(2, w // 400)
    for x0, y0, x1, y1 in drop:
        x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
        core = ink[y0:y1, x0:x1]
        keep_below = BLACK_BELOW
        if black is not None:
            levels = gray[y0:y1, x0:x1][core > 0]
            low_level, seal_level, high_level = np.percentile(levels, (5, 50, 95))
            if high_level - low_level > SEAL_INK_SPREAD:
                continue
            keep_below = (black + seal_level) / 2
        if out is None:
            out = gray.copy()
        seal = cv2.dilate(core, kernel, iterations=steps + 2) > 0
        region = out[y0:y1, x0:x1]
        region[seal & (region >= keep_below)] = 255
    return out, True


def flatten(gray):
    """The page divided by its paper level (uneven light, shadows and a dark desk become white); a page whose
    paper is even is returned unchanged."""
    import cv2
    import numpy as np

    def paper_level(small):
        k = max(3, round(BACKGROUND_MM / (PAGE_MM / small.shape[1])) | 1)
        paper = cv2.GaussianBlur(cv2.dilate(small, np.ones((k, k), np.uint8)), (0, 0), k)
        low, high = np.percentile(paper, (5, 95))
        return paper, high - low >= FLAT_RANGE

    h, w = gray.shape
    # an even page (a scan: most pages) is told on the copy reduced by a whole factor; an uneven one is divided by the
    # paper level of the copy reduced to REDUCED_WIDTH exactly, as before session 16 (the other copy's level moved the
    # phone photo's text: bench/README.md, session 16)
    if "flatten" in WHOLE_FACTOR.split(",") and not paper_level(reduced(gray, REDUCED_WIDTH, "flatten")[0])[1]:
        return gray
    paper, uneven = paper_level(reduced(gray, REDUCED_WIDTH)[0])
    if not uneven:
        return gray
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


def page_outline(gray):
    """The four corners (top-left, top-right, bottom-right, bottom-left; float32, in the image's pixels) of a page
    photographed on a darker desk, or None when the image shows no such page (a scan: the page fills the image)."""
    import cv2
    import numpy as np

    small, f = reduced(gray, REDUCED_WIDTH, "outline")
    small = cv2.GaussianBlur(small, (5, 5), 0)
    level, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))  # the text inside the page
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(page)
    sh, sw = small.shape
    if area < PAGE_AREA * sh * sw:
        return None
    quad = cv2.approxPolyDP(page, 0.02 * cv2.arcLength(page, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    pts = quad.reshape(4, 2).astype(np.float32)
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, pts.astype(np.int32), 255)
    outside = small[inside == 0]
    if outside.size < 0.02 * sh * sw:
        return None  # the page fills the image: a scan
    if float(np.median(small[inside > 0])) - float(np.median(outside)) < DESK_CONTRAST:
        return None
    # order: top-left has the smallest x + y, bottom-right the largest; top-right the smallest y - x
    total, diff = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    ordered = np.float32([pts[total.argmin()], pts[diff.argmin()], pts[total.argmax()], pts[diff.argmax()]])
    return ordered / f


def straighten(a, corners):
    """The page inside `corners` (page_outline) warped to an upright rectangle, cut INSET_MM inside its edge."""
    import cv2
    import numpy as np

    tl, tr, br, bl = corners
    w = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    inset = INSET_MM / (PAGE_MM / w)
    dst = np.float32([[-inset, -inset], [w - inset, -inset], [w - inset, h - inset], [-inset, h - inset]])
    m = cv2.getPerspectiveTransform(np.float32(corners), dst)
    size = (round(w - 2 * inset), round(h - 2 * inset))
    return cv2.warpPerspective(a, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def remove_specks(gray):
    """A speckled page (more than SPECKLED dark marks no larger than SPECK_MM across) with those marks set to the
    paper's level (and a pixel around them, their soft edge); any other page unchanged. Toner specks are read as
    punctuation (“,” “:” “·” in the gap after 第X条, after a 。); a character's strokes, a comma or a full stop of
    body type are larger than SPECK_MM in at least one direction and stay."""
    import cv2
    import numpy as np

    h, w = gray.shape
    sample = gray[::3, ::3]
    hist = np.bincount(sample.ravel(), minlength=256)
    if hist[0] + hist[255] > 0.99 * sample.size:
        return gray  # a 1-bit scan: its specks are ocr_prep.despeckle's, its small marks are punctuation
    paper = int(np.searchsorted(np.cumsum(hist), sample.size / 2))  # the median level
    # marks counted first on the page reduced by a whole factor to 1,000–2,000 px across (a 300-dpi page: a quarter
    # of the pixels to label), then labelled on the page itself; per A4 page (297 × 210 mm)
    k = max(1, w // 1000)
    small = cv2.resize(gray, (w // k, h // k), interpolation=cv2.INTER_AREA) if k > 1 else gray
    for page in ((small, gray) if k > 1 else (gray,)):
        ink = (page < paper - SPECK_INK).view(np.uint8)
        _n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        limit = SPECK_MM / (PAGE_MM / page.shape[1])
        tiny = (stats[:, 2] <= limit) & (stats[:, 3] <= limit)
        tiny[0] = False
        if tiny.sum() * (297 / PAGE_MM) * w / h < SPECKLED:
            return gray
    specks = cv2.dilate(tiny[labels].astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out = gray.copy()
    out[specks] = np.maximum(out[specks], paper)
    return out


def despeckle(gray, window: int):
    """`ocr_prep.despeckle` on a uint8 array with OpenCV, pixel for pixel the same result: a dark pixel (< 128) with
    at most `window` − 1 dark pixels in its window × window neighbourhood (itself counted) is whitened; the
    outermost window // 2 rows and columns are left as they are (Pillow's kernel filter does not filter its edge).
    Pillow's version filters the whole page through a float kernel and three more passes: ~90 ms of a 300-dpi
    page here against ~15 ms (bench/README.md, session 14)."""
    import cv2
    import numpy as np

    dark = (gray < 128).view(np.uint8)
    count = cv2.boxFilter(dark, -1, (window, window), normalize=False, borderType=cv2.BORDER_CONSTANT)
    specks = (count < window) & (dark > 0)
    r = window // 2
    specks[:r], specks[-r:], specks[:, :r], specks[:, -r:] = False, False, False, False
    if not specks.any():
        return gray
    out = gray.copy()
    out[specks] = 255
    return out


def skew_angle(gray) -> float:
    """The angle in degrees (counter-clockwise positive, as cv2.getRotationMatrix2D takes it) by which the page must
    be turned for its text lines to lie level: the angle at which the row sums of the ink vary most (a line's ink
    gathers in few rows only when the line is level); coarse steps, then tenths of a degree."""
    import cv2
    import numpy as np

    small, _f = reduced(gray, SKEW_WIDTH, "skew")
    ink = ((small < min(160, int(np.percentile(small, 50)) - 40)) * 255).astype(np.uint8)
    if ink.sum() < 50 * 255:
        return 0.0
    sh, sw = ink.shape
    centre = (sw / 2, sh / 2)

    def score(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (sw, sh), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.int64)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-6, SKEW_STEP), key=score)
    if abs(coarse) < MIN_SKEW - SKEW_STEP:
        return 0.0  # level enough: no finer search
    fine = max(np.arange(coarse - SKEW_STEP, coarse + SKEW_STEP + 1e-6, 0.1), key=score)
    return round(float(fine), 2)


def deskew(gray):
    """The page turned so that its text lines lie level (unchanged when already within MIN_SKEW degrees)."""
    import cv2

    angle = skew_angle(gray)
    if abs(angle) < MIN_SKEW:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


RED_INK = True
FLATTEN = True
DESKEW = True
SPECKS = True
OUTLINE = True


def pixels(img, path: str | None = None):
    """(uint8 array, mode) of a PIL image's current frame as `prepare` reads it: mode "1" → 0/255 gray, "L" → gray,
    any other mode → RGB. With `path`, the file `img` was opened from, an 8-bit gray or RGB PNG is decoded by OpenCV
    straight into the array: the same pixels (PNG is lossless; Pillow's decode, `convert` and `np.asarray` copy a
    300-dpi colour page twice more, 10–45 ms; bench/README.md, session 15)."""
    import cv2
    import numpy as np

    mode = img.mode
    if path and img.format == "PNG" and mode in ("L", "RGB") and not getattr(img, "is_animated", False):
        flags = (cv2.IMREAD_GRAYSCALE if mode == "L" else cv2.IMREAD_COLOR) | cv2.IMREAD_IGNORE_ORIENTATION
        a = cv2.imread(path, flags)
        if a is not None and a.shape[:2] == (img.height, img.width):
            return (a if a.ndim == 2 else cv2.cvtColor(a, cv2.COLOR_BGR2RGB)), mode
    if mode == "1":
        return np.asarray(img.convert("L")), mode
    if mode in ("L", "RGB"):
        return np.asarray(img), mode
    return np.asarray(img.convert("RGB")), mode


def prepare(img, level: bool = True, path: str | None = None):
    """A PIL image of a page → uint8 gray array ready for OCR (red seal and rules out, light evened, and with `level`
    lines levelled; each step can be turned off for measurement). `path`: the file `img` was opened from (`pixels`)."""
    a, mode = pixels(img, path)
    return prepare_pixels(a, mode, level)


def prepare_pixels(a, mode: str, level: bool = True):
    """`prepare` on the array and mode `pixels` gives."""
    import cv2

    luminance = None
    if mode != "1":
        if a.ndim == 3:
            luminance = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
        corners = page_outline(a if a.ndim == 2 else luminance) if OUTLINE else None
        if corners is not None:
            a = straighten(a, corners)
            luminance = None
    if a.ndim == 2:
        gray = gray_seal_removed(a) if RED_INK and mode == "L" else a
    elif RED_INK:
        gray = gray_without_seal(a, luminance)
    else:
        gray = luminance if luminance is not None else cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
    if FLATTEN and mode != "1":  # a 1-bit page: 0 stays 0 and 255 over any paper level saturates to 255 (no change)
        gray = flatten(gray)
    if SPECKS and mode != "1":
        gray = remove_specks(gray)
    if DESKEW and level:
        gray = deskew(gray)
    return gray
