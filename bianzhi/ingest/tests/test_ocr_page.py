"""Page preparation before OCR (ocr_page): red seal and rules out, red characters kept dark, uneven light evened out.
Small pages drawn here (600 px across = an A4 page at ~72 dpi, 2.86 px a millimetre); no file from outside."""
import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")  # comes with rapidocr-onnxruntime

from PIL import Image  # noqa: E402

from bianzhi.ingest import ocr_page, ocr_rapid  # noqa: E402

W, H = 600, 850
PX_MM = W / 210
RED = (205, 25, 35)
PAPER = (246, 244, 238)


def blank():
    return np.full((H, W, 3), PAPER, dtype=np.uint8)


def multiply(page, layer):
    """Ink printed over ink, as a seal over the signature: the darker of both in each channel."""
    return (page.astype(np.uint16) * layer // 255).astype(np.uint8)


def test_red_mask_tells_red_ink_from_black_paper_and_tinted_paper():
    pixels = np.array([[RED, (0, 0, 0), PAPER, (200, 190, 170), (92, 11, 14), (240, 150, 150), (40, 12, 14)]],
                      dtype=np.uint8)
    assert ocr_page.red_mask(pixels).tolist() == [[True, False, False, False, True, True, False]]


def page_with_seal():
    page = blank()
    # black signature line the seal is printed over, and a 红头 of red characters (15 mm squares, 3 mm strokes)
    for x in range(300, 520, 12):  # characters: strokes of ~1 mm, gaps between them
        cv2.rectangle(page, (x, 600), (x + 8, 602), (0, 0, 0), -1)
        cv2.rectangle(page, (x + 3, 596), (x + 5, 618), (0, 0, 0), -1)
    for k in range(6):
        x = 60 + k * 80
        cv2.rectangle(page, (x, 60), (x + 43, 103), RED, 8)
    cv2.rectangle(page, (40, 150), (560, 152), RED, -1)  # the 红头's rule
    seal = np.full_like(page, 255)
    cv2.circle(seal, (410, 610), round(21 * PX_MM), RED, 4)
    cv2.circle(seal, (410, 610), 12, RED, -1)  # the star
    return multiply(page, seal)


def test_the_seal_and_the_rule_go_the_black_under_the_seal_and_the_red_characters_stay():
    rgb = page_with_seal()
    gray = ocr_page.gray_without_seal(rgb)
    ring = (410, 610 - round(21 * PX_MM))  # (x, y) on the ring, above the signature
    assert cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[ring[1], ring[0]] < 110  # luminance alone keeps it dark
    assert gray[ring[1], ring[0]] > 200
    assert gray[601, 408] < 60  # the black strokes under the seal's star and ring are still black
    assert gray[610, 388] < 60
    assert gray[151, 300] > 200  # the rule
    assert gray[64, 64] < 60  # a stroke of a red character: darker than its luminance (~80)
    assert gray[80, 80] > 200  # inside the character: paper


def test_a_page_without_red_ink_is_its_luminance():
    rgb = blank()
    cv2.rectangle(rgb, (100, 100), (300, 110), (10, 10, 10), -1)
    assert np.array_equal(ocr_page.gray_without_seal(rgb), cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))


def lit_page():
    gray = np.full((H, W), 240, dtype=np.float32)
    for y in range(120, 760, 40):
        gray[y:y + 12, 60:540] = 30  # lines of text
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1.0 - 0.5 * np.hypot(xx - 100, yy - 100) / np.hypot(W, H)  # a lamp at the top left
    return np.clip(gray * light, 0, 255).astype(np.uint8)


def test_uneven_light_is_evened_out_and_the_text_stays_dark():
    gray = lit_page()
    assert gray[800, 580] < 180 < gray[100, 100]  # the far corner's paper is darker than near the lamp
    flat = ocr_page.flatten(gray)
    paper = flat[np.asarray(gray) > 100]
    assert paper.mean() > 240 and np.percentile(paper, 5) > 225
    assert flat[720 + 6, 500] < 80  # text in the dark corner
    assert flat[120 + 6, 80] < 80


def test_an_evenly_lit_page_is_left_alone():
    gray = np.full((H, W), 250, dtype=np.uint8)
    gray[200:212, 60:540] = 20
    assert ocr_page.flatten(gray) is gray


def test_load_gray_prepares_a_colour_page_and_keeps_a_gray_one(tmp_path):
    from PIL import Image

    Image.fromarray(page_with_seal()).save(tmp_path / "seal.png")
    gray = ocr_rapid.load_gray(str(tmp_path / "seal.png"))
    assert gray.shape == (H, W) and gray[610 - round(21 * PX_MM), 410] > 200 and gray[601, 408] < 60
    plain = np.full((H, W), 255, dtype=np.uint8)
    plain[300:320, 100:400] = 0
    Image.fromarray(plain).convert("1").save(tmp_path / "bw.png")
    assert np.array_equal(ocr_rapid.load_gray(str(tmp_path / "bw.png")), plain)


def lines_page():
    gray = np.full((H, W), 245, dtype=np.uint8)
    for y in range(120, 760, 34):
        for x in range(60, 540, 20):  # characters of a line: blocks with gaps
            gray[y:y + 14, x:x + 15] = 25
    return gray


@pytest.mark.parametrize("turned", [2.4, -1.7])
def test_the_skew_of_a_turned_page_is_measured_and_undone(turned):
    level = lines_page()
    m = cv2.getRotationMatrix2D((W / 2, H / 2), turned, 1.0)
    page = cv2.warpAffine(level, m, (W, H), borderValue=245)
    assert abs(ocr_page.skew_angle(page) + turned) <= 0.2
    straight = ocr_page.deskew(page)
    rows = (straight < 128).sum(axis=1)
    assert (rows > 0.6 * 480).sum() >= 200  # rows crossing most of a line's ink: level 266, turned 0–106


def test_a_level_page_is_not_turned():
    page = lines_page()
    assert ocr_page.skew_angle(page) == 0.0
    assert ocr_page.deskew(page) is page


def test_a_title_centred_over_two_lines_stays_one_paragraph():
    from bianzhi.ingest.extract import Line, join_lines

    # body lines 100–1000 px, 30 px a character; the title (40 px type) centred over two lines
    lines = [Line(250, 850, "中共某某市委机构编制委员会办公室文件", 60),
             Line(130, 970, "某某市人民政府办公室关于印发某某市发展和改革委员会主要职责", 40),
             Line(310, 790, "内设机构和人员编制规定的通知", 40),
             Line(160, 1000, "各县（市、区）人民政府，市政府各部门：经市人民政府同意，现将", 30),
             Line(100, 1000, "《某某市发展和改革委员会主要职责内设机构和人员编制规定》印发", 30),
             Line(100, 400, "给你们，请认真贯彻执行。", 30),
             Line(400, 700, "一、职责调整", 30),
             Line(400, 700, "二、主要职责", 30)]
    assert join_lines([lines]).split("\n") == [
        "中共某某市委机构编制委员会办公室文件",
        "某某市人民政府办公室关于印发某某市发展和改革委员会主要职责内设机构和人员编制规定的通知",
        "各县（市、区）人民政府，市政府各部门：经市人民政府同意，现将《某某市发展和改革委员会主要职责内设机构和人员编制规定》印发"
        "给你们，请认真贯彻执行。",
        "一、职责调整", "二、主要职责"]


def test_a_doc_number_in_corner_brackets_gets_its_hexagonal_brackets():
    from bianzhi.ingest.extract import clean_ocr_line

    assert clean_ocr_line("（国发【2008」11号）") == "（国发〔2008〕11号）"


def test_a_seal_on_a_gray_scan_goes_and_the_signature_and_thin_strokes_stay():
    gray = np.full((H, W), 240, dtype=np.uint8)
    for x in range(300, 520, 12):  # the signature under the seal: black strokes
        gray[596:619, x + 3:x + 6] = 20
    gray[400, 100:500] = 110  # a thin serif stroke scanned mid-gray, away from the seal
    cv2.circle(gray, (410, 610), round(21 * PX_MM), 85, 5)  # red ink scans mid-gray
    cv2.circle(gray, (410, 610), 12, 85, -1)
    out = ocr_page.gray_seal_removed(gray)
    assert out[610 - round(21 * PX_MM), 410] == 255 and out[610, 410] == 255  # ring and star
    assert out[600, 400] == 20  # the black stroke under the star
    assert out[400, 300] == 110  # the thin stroke
    plain = np.full((H, W), 240, dtype=np.uint8)
    plain[400, 100:500] = 110
    assert ocr_page.gray_seal_removed(plain) is plain


def test_a_dark_red_pixel_in_a_seal_is_a_black_strokes_blurred_edge_and_stays_dark():
    rgb = page_with_seal()
    rgb[604:607, 395:400] = (95, 18, 22)  # a stroke's edge under the seal's ring, blurred into its red (a photo)
    gray = ocr_page.gray_without_seal(rgb)
    assert ocr_page.red_mask(rgb[605:606, 396:397]).all()  # it is red ink by colour
    assert gray[605, 396] < 128  # kept as dark as its red channel
    ring = (410, 610 - round(21 * PX_MM))
    assert gray[ring[1], ring[0]] > 200  # the seal's own (light) red still goes


def text_page(paper=226):
    """A gray page of characters (blocks of strokes), each line ending in a full stop and with a comma inside."""
    gray = np.full((H, W), paper, dtype=np.uint8)
    marks = []
    for y in range(120, 760, 34):
        for x in range(60, 520, 20):
            gray[y:y + 3, x:x + 15] = 15
            gray[y:y + 14, x + 6:x + 9] = 15
        gray[y + 10:y + 14, 522:526] = 15  # a full stop, 1.4 mm: larger than any speck
        gray[y + 9:y + 14, 290:293] = 15  # a comma in a gap
        marks += [(y + 12, 524), (y + 11, 291)]
    return gray, marks


def speckle(gray, n, seed=7):
    rng = np.random.default_rng(seed)
    out = gray.copy()
    spots = []
    for _ in range(n):
        y, x = int(rng.integers(5, H - 5)), int(rng.integers(5, W - 5))
        s = int(rng.integers(1, 3))  # 1–2 px across: at most 0.7 mm on this 600-px page
        out[y:y + s, x:x + s] = np.minimum(out[y:y + s, x:x + s], int(rng.integers(20, 120)))
        spots.append((y, x))
    return out, spots


def test_toner_specks_of_a_photocopy_go_and_the_characters_and_punctuation_stay():
    page, marks = text_page()
    copy, spots = speckle(page, 500)
    out = ocr_page.remove_specks(copy)
    assert out is not copy
    alone = [(y, x) for y, x in spots if page[y - 3:y + 4, x - 3:x + 4].min() > 200]  # specks clear of the text
    assert len(alone) > 300
    gone = [out[y, x] >= 226 for y, x in alone]
    assert sum(gone) >= 0.97 * len(alone)  # (two specks that touch are one mark, larger, and may stay)
    assert sum(copy[y, x] >= 226 for y, x in alone) == 0
    assert all(out[y, x] < 60 for y, x in marks)  # full stops and commas
    text = page < 128
    assert (out[text] < 128).mean() > 0.98  # the strokes (a speck touching a stroke is part of it and stays)


def test_a_few_tiny_marks_on_a_clean_page_are_left_alone():
    page, _marks = text_page(paper=245)
    dotted, _spots = speckle(page, 40)
    assert ocr_page.remove_specks(dotted) is dotted


def photographed_page():
    """A page (its text lines level) photographed from slightly off-axis on a dark desk, and its corners."""
    page = np.full((H, W), 235, dtype=np.uint8)
    for y in range(120, 760, 34):
        page[y:y + 14, 60:540] = 30
    canvas_h, canvas_w = H + 160, W + 120
    corners = np.float32([[95, 70], [W + 35, 95], [W + 50, H + 120], [60, H + 100]])
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [W, 0], [W, H], [0, H]]), corners)
    photo = cv2.warpPerspective(page, m, (canvas_w, canvas_h), borderValue=60)
    return photo, corners


def test_a_photographed_page_is_cut_from_the_desk_and_straightened():
    photo, corners = photographed_page()
    found = ocr_page.page_outline(photo)
    assert found is not None and np.abs(found - corners).max() < 8
    page = ocr_page.straighten(photo, found)
    assert abs(page.shape[1] - W) < 30 and abs(page.shape[0] - H) < 30  # less the 1.5-mm inset
    assert page[:, :3].min() > 200 and page[:3, :].min() > 200  # no desk left along the edges
    rows = (page < 128).sum(axis=1)
    assert (rows > 0.9 * 480).sum() >= 150  # the text lines lie level again (each ~14 rows of full ink)


def test_a_scanned_page_has_no_outline_to_cut():
    page, _marks = text_page(paper=245)
    assert ocr_page.page_outline(page) is None
    assert ocr_page.prepare(Image.fromarray(page), level=False).shape == (H, W)  # not cut
    photo, _corners = photographed_page()
    assert ocr_page.prepare(Image.fromarray(photo), level=False).shape[1] < W + 10  # cut from the desk


def photocopied_seal_page():
    """A photocopy of a page with a seal, in gray: toner makes the seal's red ink dark (37) though lighter than the
    black text (8); paper 227. Body lines above, the signature under the seal."""
    gray = np.full((H, W), 227, dtype=np.uint8)
    for y in range(150, 450, 30):  # body lines: characters of 1-mm strokes
        for x in range(60, 540, 14):
            gray[y:y + 11, x + 4:x + 7] = 8
            gray[y + 4:y + 7, x:x + 11] = 8
    for x in range(300, 520, 12):  # the signature under the seal
        gray[596:619, x + 3:x + 6] = 8
    cv2.circle(gray, (410, 610), round(21 * PX_MM), 37, 5)  # ring
    cv2.circle(gray, (410, 610), 12, 37, -1)  # star
    return gray


def test_a_photocopied_seal_darker_than_the_usual_band_goes_and_the_text_under_it_stays():
    gray = photocopied_seal_page()
    assert ocr_page.ink_level(gray) == 8
    out = ocr_page.gray_seal_removed(gray)
    top = 610 - round(21 * PX_MM)
    assert out[top, 410] == 255 and out[610, 410] == 255 and out[610 + round(21 * PX_MM), 410] == 255  # ring, star
    assert out[600, 400] == 8 and out[610, 388] == 8  # the signature's strokes under the star
    assert np.array_equal(out[:500], gray[:500])  # the body is untouched
    assert (out[596:619, 300:520] == 8).sum() == (gray[596:619, 300:520] == 8).sum()


def test_a_round_shape_as_black_as_the_text_is_not_a_seal():
    # a ring printed in the text's own black (a form's circle, a black stamp): not red ink, left alone
    gray = photocopied_seal_page()
    gray[(gray > 8) & (gray < 227)] = 8
    assert ocr_page.gray_seal_removed(gray) is gray


def test_a_photocopy_without_a_seal_and_a_page_whose_red_scans_mid_gray_are_left_alone():
    plain = photocopied_seal_page()
    plain[(plain > 8) & (plain < 227)] = 227  # no seal: the text alone
    assert ocr_page.gray_seal_removed(plain) is plain
    # a 红头 scanned mid-gray (85): red ink on this scan lies in the usual band, so a darker round shape is no seal
    headed = photocopied_seal_page()
    headed[40:90, 100:500] = 85
    assert ocr_page.gray_seal_removed(headed) is headed


def test_a_dates_year_sign_read_as_a_look_alike_is_restored():
    from bianzhi.ingest.extract import clean_ocr_line

    assert clean_ocr_line("中共宜昌市委机构编制委员会2005牟3月25日") == "中共宜昌市委机构编制委员会2005年3月25日"
    assert clean_ocr_line("2019车12月1日") == "2019年12月1日"
    assert clean_ocr_line("牟取暴利的2005起案件") == "牟取暴利的2005起案件"  # not a date: left alone


def test_a_doc_number_whose_closing_bracket_was_lost_gets_it_back():
    from bianzhi.ingest.extract import clean_ocr_line

    assert clean_ocr_line("赣府字〔20014号") == "赣府字〔2001〕4号"
    assert clean_ocr_line("赣府字〔2001〕4号") == "赣府字〔2001〕4号"


@pytest.mark.parametrize("window", [3, 5])
def test_despeckle_in_opencv_is_pillows_despeckle_pixel_for_pixel(window):
    # session 14: ocr_rapid whitens specks with ocr_page.despeckle (OpenCV, ~6× less CPU on a 300-dpi page); it must
    # give the array Pillow's kernel-filter version (ocr_prep.despeckle) gives, edges included
    from bianzhi.ingest import ocr_prep

    rng = np.random.default_rng(window)
    pages = [(rng.random((40, 57)) > share).astype(np.uint8) * 255 for share in (0.03, 0.2, 0.5, 0.8, 0.97)]
    pages.append(rng.integers(0, 256, (33, 41), dtype=np.uint8))
    for page in pages:
        expected = np.asarray(ocr_prep.despeckle(Image.fromarray(page), window))
        np.testing.assert_array_equal(ocr_page.despeckle(page, window), expected)


def test_despeckle_whitens_a_lone_dot_and_keeps_a_stroke_and_the_edge():
    page = np.full((20, 30), 255, np.uint8)
    page[5, 5] = 0  # a lone dot
    page[10:12, 3:20] = 40  # a stroke two pixels thick
    page[0, 12] = 0  # a dot on the edge: Pillow's filter leaves the edge alone
    out = ocr_page.despeckle(page, 3)
    assert out[5, 5] == 255 and (out[10:12, 3:20] == 40).all() and out[0, 12] == 0


def test_pixels_of_a_png_decoded_by_opencv_are_pillows(tmp_path):
    """ocr_page.pixels decodes an 8-bit gray or RGB PNG with OpenCV: the same array as Pillow's, RGB order kept; other
    modes and files (1-bit, palette, JPEG, an image not from a file) go through Pillow as before."""
    rng = np.random.default_rng(15)
    rgb = page_with_seal()
    rgb[700:760, 50:550] = rng.integers(0, 256, (60, 500, 3), dtype=np.uint8)  # noise: every level in every channel
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    cases = [(Image.fromarray(rgb), "rgb.png", "RGB"), (Image.fromarray(gray), "gray.png", "L"),
             (Image.fromarray(gray).convert("1"), "bw.png", "1"), (Image.fromarray(rgb).convert("P"), "p.png", "P"),
             (Image.fromarray(rgb), "rgb.jpg", "RGB")]
    for img, name, mode in cases:
        img.save(tmp_path / name)
        with Image.open(tmp_path / name) as opened:
            a, got_mode = ocr_page.pixels(opened, str(tmp_path / name))
            expected = np.asarray(opened.convert("L" if mode in ("L", "1") else "RGB"))
            assert got_mode == mode and a.dtype == np.uint8 and np.array_equal(a, expected), name
            assert a.flags.writeable == (name in ("rgb.png", "gray.png")), name  # OpenCV's array, not Pillow's bytes
            assert np.array_equal(ocr_page.prepare(opened, level=False, path=str(tmp_path / name)),
                                  ocr_page.prepare(opened, level=False)), name
    a, _mode = ocr_page.pixels(Image.fromarray(rgb))
    assert np.array_equal(a, rgb)


def test_gray_without_seal_takes_the_luminance_it_is_given():
    rgb = page_with_seal()
    assert np.array_equal(ocr_page.gray_without_seal(rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)),
                          ocr_page.gray_without_seal(rgb))


def test_a_page_is_reduced_by_a_whole_factor_each_pixel_the_mean_of_its_block():
    # session 16: 2,480 px → 620 (k = 4) rather than 600: OpenCV's fast path, each pixel the mean of a 4 × 4 block
    page = np.random.default_rng(5).integers(0, 256, (3509, 2483), dtype=np.uint8)
    small, scale = ocr_page.reduced(page, 600, "outline")
    assert small.shape == (877, 620) and scale == 0.25
    blocks = page[:3508, :2480].reshape(877, 4, 620, 4).astype(np.float64).mean(axis=(1, 3))
    assert np.abs(small.astype(np.float64) - blocks).max() <= 0.5 + 1e-9
    colour = np.random.default_rng(6).integers(0, 256, (1700, 1654, 3), dtype=np.uint8)
    small, scale = ocr_page.reduced(colour, 600, "seal")  # 200 dpi: k = 3
    assert small.shape == (566, 551, 3) and scale == pytest.approx(1 / 3)
    exact, scale = ocr_page.reduced(colour, 600, "skew")  # the skew angle's copy: to 600 px exactly, as before
    assert exact.shape == (617, 600, 3) and scale == 600 / 1654


def test_a_page_under_one_and_a_half_times_the_width_is_reduced_as_before(monkeypatch):
    page = np.random.default_rng(7).integers(0, 256, (1000, 800), dtype=np.uint8)
    small, scale = ocr_page.reduced(page, 600, "seal")  # k would be 1: to 600 px exactly, as before session 16
    monkeypatch.setattr(ocr_page, "WHOLE_FACTOR", "")
    before, before_scale = ocr_page.reduced(page, 600, "seal")
    assert small.shape == before.shape == (750, 600) and scale == before_scale == 0.75
    assert np.array_equal(small, before)
    narrow = page[:, :500]
    assert ocr_page.reduced(narrow, 600, "seal")[0] is narrow  # no wider than the width: the page itself, not a copy


def test_flattening_leaves_a_bitonal_page_as_it_is_so_it_is_not_run_there(monkeypatch):
    # a 1-bit page's black stays 0 and its white saturates to 255 whatever the paper level: flatten is skipped for it
    page = np.full((1169, 827), 255, dtype=np.uint8)
    page[100:600, 50:400] = 0  # a black area larger than the paper filter (uneven "paper" level)
    page[700:720, 100:700:7] = 0
    assert np.array_equal(ocr_page.flatten(page), page)
    calls = []
    monkeypatch.setattr(ocr_page, "flatten", lambda g: calls.append(g) or g)
    ocr_page.prepare_pixels(page, "1", level=False)
    assert calls == []
    ocr_page.prepare_pixels(page, "L", level=False)
    assert len(calls) == 1


def test_an_uneven_page_is_flattened_by_the_paper_level_of_the_exact_copy(monkeypatch):
    # session 16: the whole-factor copy only tells an even page; an uneven one is divided as before (the same pixels)
    rng = np.random.default_rng(8)
    light = np.linspace(120, 250, 2480)[None, :].repeat(3508, axis=0)
    page = np.clip(light - rng.integers(0, 2, (3508, 2480)) * 100, 0, 255).astype(np.uint8)
    flat = ocr_page.flatten(page)
    monkeypatch.setattr(ocr_page, "WHOLE_FACTOR", "")
    assert np.array_equal(flat, ocr_page.flatten(page)) and not np.array_equal(flat, page)
