"""RapidOCR, the default OCR engine: line and paragraph rebuilding from boxes, type size from a line's ink, the
engine choice, and real scans read offline with the models inside the wheel (skipped, with the reason printed,
when rapidocr-onnxruntime is not installed)."""
import re
import unicodedata

import pytest

from bianzhi.ingest import ocr_rapid
from bianzhi.ingest.extract import Line, extract_file, join_lines
from bianzhi.ingest.ocr_rapid import Box, boxes_to_lines
from bianzhi.ingest.parser import parse

from .conftest import CORPUS

if not ocr_rapid.available():
    print("注意：未安装 rapidocr-onnxruntime，跳过 RapidOCR 识别测试")
needs_rapidocr = pytest.mark.skipif(not ocr_rapid.available(), reason="未安装 rapidocr-onnxruntime，跳过 RapidOCR 识别测试")


def test_boxes_become_lines_in_reading_order():
    boxes = [Box(300, 500, 102, 130, "内设机构和人员编制规定", 0.99),
             Box(100, 290, 100, 128, "职能配置、", 0.99),
             Box(100, 700, 160, 188, "第一条 根据", 0.98),
             Box(1200, 1400, 101, 129, "签发人:张三", 0.9)]
    lines = boxes_to_lines(boxes)
    assert [t for _, _, t, _ in lines] == ["职能配置、内设机构和人员编制规定\t签发人:张三", "第一条 根据"]
    assert lines[0][0] == 100 and lines[0][1] == 1400


@needs_rapidocr
def test_rapidocr_reads_a_scanned_notice_offline(monkeypatch):
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    extracted = extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png")
    assert extracted.method == "image-ocr"
    r = parse(extracted.text)
    assert r.kind == "adjustment"
    assert r.data["title"] == "关于调整百色市教育局机构编制事项的通知"
    assert r.data["issuing_organ"] == "中共百色市委机构编制委员会办公室"
    assert r.data["issued_on"] == "2021-06-18"
    assert r.data["totals_after"]["internal_bodies"] == 8


def test_paragraphs_are_rebuilt_from_the_type_size_not_from_the_padded_boxes():
    # the detector pads a box in proportion to its length: a wrapped paragraph's short last line gets a lower box
    # (42 px against 54) although the type is the same (29 px of ink); a title is set larger (35 px of ink)
    boxes = [Box(285, 1373, 380, 431, "百色市发展和改革委员会主要职责内设机构和人员编制规定", 1.0, ink=35),
             Box(258, 1440, 816, 870, "(一)拟订并组织实施全市国民经济和社会发展战略、中长期规划和年度计划,", 0.99, ink=29),
             Box(175, 539, 877, 919, "统筹协调经济社会发展。", 1.0, ink=29),
             Box(258, 1428, 931, 982, "(二)负责监测全市宏观经济和社会发展态势,承担预测预警和信息引导的责", 0.99, ink=29),
             Box(175, 226, 989, 1031, "任。", 1.0, ink=30),
             Box(261, 1462, 1045, 1096, "(三)负责汇总分析全市财政、金融等方面的情况,参与制定财政政策、土地政", 0.99, ink=29),
             Box(170, 234, 1101, 1148, "策。", 1.0, ink=29)]
    lines = [Line(x0, x1, text, height) for x0, x1, text, height in boxes_to_lines(boxes)]
    assert [h for *_, h in boxes_to_lines(boxes)] == [35, 29, 29, 29, 30, 29, 29]
    assert join_lines([lines]).split("\n") == [
        "百色市发展和改革委员会主要职责内设机构和人员编制规定",
        "(一)拟订并组织实施全市国民经济和社会发展战略、中长期规划和年度计划,统筹协调经济社会发展。",
        "(二)负责监测全市宏观经济和社会发展态势,承担预测预警和信息引导的责任。",
        "(三)负责汇总分析全市财政、金融等方面的情况,参与制定财政政策、土地政策。"]


def test_type_size_is_the_band_holding_most_of_the_ink():
    np = pytest.importorskip("numpy")
    crop = np.full((50, 200), 255, dtype=np.uint8)
    crop[10:40, 5:195:3] = 0  # characters: 30 rows of strokes
    crop[6:46, 0] = 0  # a bracket reaching 4 px above and below them
    assert 29 <= ocr_rapid.ink_height(crop) <= 31
    assert ocr_rapid.ink_height(np.full((20, 20), 255, dtype=np.uint8)) == 0.0


def test_rapidocr_is_the_default_where_installed_and_either_engine_can_be_forced(monkeypatch):
    monkeypatch.delenv("BIANZHI_OCR_ENGINE", raising=False)
    assert ocr_rapid.selected() is ocr_rapid.available()
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "tesseract")
    assert ocr_rapid.selected() is False
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    assert ocr_rapid.selected() is ocr_rapid.available()
    monkeypatch.delenv("BIANZHI_OCR_ENGINE")
    monkeypatch.setattr(ocr_rapid, "available", lambda: False)  # a trimmed install without the wheel
    assert ocr_rapid.selected() is False  # → tesseract


def _chars(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@needs_rapidocr
def test_a_scanned_page_is_read_like_its_word_source(monkeypatch):
    import difflib

    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    source = extract_file(CORPUS / "s4_youjiang_jiaotongju_county.docx").original
    scan = extract_file(CORPUS / "s4_youjiang_jiaotongju_county.scan.pdf")
    assert scan.method == "pdf-ocr"
    ops = difflib.SequenceMatcher(None, _chars(source), _chars(scan.text), autojunk=False).get_opcodes()
    errors = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    assert len(_chars(source)) == 733 and errors <= 2  # the target: ≤ 0.3 % character errors
    assert "右办发〔2019〕31号" in scan.text
    # lines in reading order and paragraphs rebuilt: the page's 22 paragraphs, each starting and ending as in Word
    got = [_chars(p) for p in scan.original.split("\n") if p.strip()]
    want = [_chars(p) for p in source.split("\n") if p.strip()]
    assert len(got) == len(want) == 22
    assert [(p[:4], p[-2:]) for p in got] == [(p[:4], p[-2:]) for p in want]


@needs_rapidocr
def test_a_blank_page_gives_no_lines(tmp_path):
    from PIL import Image

    page = tmp_path / "blank.png"
    Image.new("1", (1654, 2339), 1).save(page)
    assert ocr_rapid.read_image(str(page)) == []


@needs_rapidocr
def test_a_scanned_pdf_is_read_without_poppler(monkeypatch):
    """Where poppler (pdfimages, pdftoppm) is not installed, a scanner's PDF (one image per page) is still read:
    its page images are taken with pypdf."""
    import difflib
    import shutil

    from bianzhi.ingest import extract

    real_which = shutil.which
    monkeypatch.setattr(extract.shutil, "which", lambda name: None if name in ("pdfimages", "pdftoppm") else real_which(name))
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    scan = extract_file(CORPUS / "s4_youjiang_jiaotongju_county.scan.pdf")
    assert scan.method == "pdf-ocr"
    source = extract_file(CORPUS / "s4_youjiang_jiaotongju_county.docx").original
    ops = difflib.SequenceMatcher(None, _chars(source), _chars(scan.text), autojunk=False).get_opcodes()
    assert sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal") <= 2
    assert "右办发〔2019〕31号" in scan.text


def test_characters_read_with_a_low_probability_are_left_out_of_the_line():
    import numpy as np

    characters = ["blank", "中", "共", "桑", "办", "〕"]
    steps = [(1, 0.99), (1, 0.97), (0, 0.9), (3, 0.22), (0, 0.9), (2, 0.95), (4, 0.31), (5, 0.27)]  # 中中_桑_共办〕
    pred = np.zeros((len(steps), len(characters)), dtype=np.float32)
    for t, (k, p) in enumerate(steps):
        pred[t, k] = p
        pred[t, [c for c in range(len(characters)) if c != k]] = (1 - p) / (len(characters) - 1)
    text, score = ocr_rapid.decode(characters, pred)
    # 桑 (0.22, below CHAR_SCORE) dropped; 办 (0.31) kept; 〕 (0.27: punctuation) kept; 中中 collapsed
    assert text == "中共办〕"
    assert score == pytest.approx((0.99 + 0.22 + 0.95 + 0.31 + 0.27) / 5)  # the line's score counts every character
    assert ocr_rapid.decode(characters, pred[[2]]) == ("", 0.0)  # blanks only


@needs_rapidocr
def test_a_doubtful_line_is_read_again_at_the_models_height(tmp_path, monkeypatch):
    """A date crossed by a seal's ring (drawn here) reads with a score of ~0.97 at 36 px; read again at 48 px it
    scores higher, and that reading is kept. A line above the threshold is not read again."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
    if not __import__("os").path.exists(font_path):
        pytest.skip("未安装 Noto CJK 字体")
    font = ImageFont.truetype(font_path, 44, index=2)
    img = Image.new("L", (1000, 400), 235)
    draw = ImageDraw.Draw(img)
    draw.text((300, 180), "2009年12月31日", font=font, fill=20)
    x3 = 300 + font.getlength("2009年12月")
    draw.ellipse([x3 - 350, 20, x3 - 20, 350], outline=25, width=7)
    page = tmp_path / "date.png"
    img.save(page)

    def read(below: float):
        monkeypatch.setattr(ocr_rapid, "REREAD_BELOW", below)
        boxes = ocr_rapid.read_boxes(str(page))
        assert [b.text for b in boxes] == ["2009年12月31日"]
        return boxes[0].score

    once = read(0.0)
    assert once < 0.98
    assert read(once - 0.01) == once  # above the threshold: not read again
    assert read(0.98) > once


def test_the_time_step_of_each_character_read_is_kept():
    import numpy as np

    characters = ["blank", "人", "，", "民"]
    steps = [(1, 0.99), (1, 0.98), (0, 0.9), (2, 0.6), (0, 0.9), (0, 0.9), (3, 0.97)]  # 人人_，__民
    pred = np.full((len(steps), len(characters)), 0.01, dtype=np.float32)
    for t, (k, p) in enumerate(steps):
        pred[t, k] = p
    assert ocr_rapid.decoded(characters, pred)[0] == [("人", 0), ("，", 3), ("民", 6)]
    assert ocr_rapid.decode(characters, pred)[0] == "人，民"


def line_cut(paper=230, ink=20):
    """A line's cut: 40-px characters (a frame and a cross) 48 px apart on a 60-px band, as cut from a page."""
    import numpy as np

    cut = np.full((60, 480), paper, dtype=np.uint8)
    for k in range(9):
        x = 8 + 48 * k
        cut[10:50, x:x + 40][[0, 1, 19, 20, 38, 39], :] = ink
        cut[10:50, x:x + 40][:, [0, 1, 19, 20, 38, 39]] = ink
    return cut


def test_a_speck_read_as_a_punctuation_mark_is_left_out_and_real_marks_stay():
    cut = line_cut()
    cut[:, 200:288] = 230  # two characters' room, where a comma stands alone (11 × 13 px: a third of the type)
    cut[36:49, 225:236] = 20
    cut[:, 440:] = 230  # the line ends after its last character, and a toner speck (two run together: 5 × 7 px,
    cut[38:45, 452:457] = 40  # a sixth of the type) lies after it
    size = ocr_rapid.ink_height(cut)
    assert 36 <= size <= 41
    marks = [(4, 230.0), (8, 454.0)]  # (position in the line's text, x in the crop): the comma, the speck
    assert ocr_rapid.speck_marks(cut, marks, cut.shape[1], size) == {8}
    # the crop (the line scaled to the recognition height) half as wide as the cut: x in the crop's pixels
    assert ocr_rapid.speck_marks(cut, [(4, 115.0), (8, 227.0)], cut.shape[1] // 2, size) == {8}
    assert ocr_rapid.speck_marks(cut, [(4, 230.0)], cut.shape[1], size) == set()


def test_a_light_mark_of_a_phone_photo_is_ink_and_a_speck_beside_a_character_stays():
    cut = line_cut(paper=245, ink=40)
    cut[:, 200:288] = 245
    cut[38:50, 225:235] = 175  # a full stop photographed light gray (a third of the way from paper to black)…
    cut[43:45, 229:231] = 120  # …but for a speck-sized core: the mark is measured on all of its ink
    size = ocr_rapid.ink_height(cut)
    assert ocr_rapid.speck_marks(cut, [(4, 230.0)], cut.shape[1], size) == set()
    cut[38:50, 225:235] = 245
    cut[44:48, 280:284] = 60  # a speck just before the next character: its strokes are in the window, it stays
    assert ocr_rapid.speck_marks(cut, [(4, 282.0)], cut.shape[1], size) == set()
    assert ocr_rapid.speck_marks(cut, [(4, 230.0)], cut.shape[1], size) == set()  # no ink at all there: kept
