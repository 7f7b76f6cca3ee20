"""Scan preparation (despeckle, Otsu) and the vocabulary-driven repair of one-character OCR slips.
The texts here are written for these tests; none of them is in the benchmark corpus."""
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from bianzhi.ingest import extract, ocr_correct, ocr_prep

from .conftest import needs_tesseract

VOCAB = frozenset({"日常", "日常监督", "固定资产", "安全生产", "职能转变", "行政编制", "领导职数", "安全"})
GENERAL = frozenset({"节日", "党员", "国定", "假日", "全国", "定期", "人员", "公安", "日记", "保安"})


def fix(text: str) -> str:
    return ocr_correct.correct(text, VOCAB, GENERAL)[0]


# ------------------------------------------------------------------ ocr_correct
def test_look_alike_characters_in_vocabulary_words_are_repaired():
    assert fix("负责全县林区的日党监督和巡查") == "负责全县林区的日常监督和巡查"
    assert fix("清查单位国定资产台账") == "清查单位固定资产台账"
    assert fix("落实本系统安全生严责任") == "落实本系统安全生严责任"  # 严/产 are not look-alikes: left alone
    assert fix("核定行政编制八名，领导职数两名") == "核定行政编制八名，领导职数两名"


def test_a_stray_mark_inside_a_word_is_removed():
    assert fix("做好防汛安人全和值班工作") == "做好防汛安全和值班工作"
    text, repairs = ocr_correct.correct("抓好安·全生产", VOCAB, GENERAL)
    assert text == "抓好安全生产"
    assert [(r.read, r.corrected) for r in repairs] == [("安·全生产", "安全生产")]


def test_real_words_and_their_neighbours_are_left_alone():
    # 国定 is a word of its own (国定假日); 党员 makes 节日党员 legitimate; 公安人员 has no slip
    for text in ("国定假日照常值班", "组织节日党员志愿服务", "配合公安人员执勤", "全国定期开展检查",
                 "落实安全、生产两手抓", "保安人全部到岗"):
        assert fix(text) == text


def test_a_misreading_two_words_could_explain_is_not_guessed():
    vocabulary = frozenset({"固定", "国定"})  # 困定 could be either
    assert ocr_correct.correct("困定", vocabulary, frozenset())[0] == "困定"


def test_domain_vocabulary_file_is_general_and_loads():
    words = ocr_correct.domain_words()
    assert {"日常", "固定资产", "安全生产", "职能转变", "内设机构", "行政编制", "领导职数"} <= words
    assert all(len(w) >= 2 for w in words)


# ------------------------------------------------------------------ ocr_prep
def test_otsu_threshold_splits_a_two_peaked_histogram():
    histogram = [0] * 256
    histogram[30] = 1000
    histogram[220] = 5000
    assert 30 <= ocr_prep.otsu_threshold(histogram) < 220
    assert ocr_prep.otsu_threshold([0] * 256) == 128


def test_despeckle_removes_dots_but_keeps_thin_strokes():
    img = Image.new("L", (60, 40), 255)
    draw = ImageDraw.Draw(img)
    draw.line((5, 20, 50, 20), fill=0, width=1)  # a one-pixel horizontal stroke
    draw.line((30, 2, 30, 38), fill=0, width=1)  # and a vertical one crossing it
    img.putpixel((10, 5), 0)  # single specks
    img.putpixel((50, 35), 0)
    img.putpixel((51, 35), 0)  # a two-pixel speck
    clean = ocr_prep.despeckle(img)
    assert clean.getpixel((10, 5)) == 255 and clean.getpixel((50, 35)) == 255 and clean.getpixel((51, 35)) == 255
    # the strokes stay (their very end pixel may go: it has a single dark neighbour)
    assert all(clean.getpixel((x, 20)) == 0 for x in range(6, 50))
    assert all(clean.getpixel((30, y)) == 0 for y in range(3, 38))


def _font(size: int):
    for path in ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                 "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"):
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=2)
    pytest.skip("未安装 Noto CJK 字体")


def _speckled_page(lines: list[str]) -> Image.Image:
    """A 1-bit page at about 200 dpi with scanner speckles."""
    import random

    rng = random.Random(3)
    img = Image.new("L", (1654, 120 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    font = _font(35)
    for i, line in enumerate(lines):
        draw.text((160, 80 + 60 * i), line, font=font, fill=0)
    for _ in range(img.width * img.height // 4000):
        img.putpixel((rng.randrange(img.width), rng.randrange(img.height)), 0)
    return img.point(lambda v: 255 if v > 150 else 0, mode="1")


@needs_tesseract
def test_scanned_image_is_read_and_line_edges_are_in_page_coordinates(tmp_path):
    lines = ["第五条　市林业局设下列内设机构：", "（一）森林防火科。负责指导森林防火工作。"]
    page = _speckled_page(lines)
    path = tmp_path / "page.png"
    page.save(path)
    read = extract._ocr_image(str(path))
    text = "".join(ln.text for ln in read)
    assert "森林防火科" in text and "内设机构" in text
    assert all(0 <= ln.x0 < ln.x1 <= page.width for ln in read)
    assert min(ln.x0 for ln in read) == pytest.approx(160, abs=25)


@needs_tesseract
def test_repairs_are_reported_to_the_user(monkeypatch):
    monkeypatch.setattr(extract, "_ocr_image", lambda path: [extract.Line(100, 1500, "承担机关日党工作。", 35)])
    ex = extract.extract_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "scan.png")
    assert "承担机关日常工作" in ex.text
    assert any("“日党工作”→“日常工作”" in w or "“日党”→“日常”" in w for w in ex.warnings)
    assert ex.warnings[0].startswith("图片内容由文字识别")


@needs_tesseract
def test_a_low_resolution_page_is_enlarged_and_its_lines_mapped_back(tmp_path):
    img = Image.new("L", (1000, 200), 255)
    ImageDraw.Draw(img).text((100, 80), "第三条　市水利局的主要职责是：", font=_font(22), fill=0)
    page = img.point(lambda v: 255 if v > 150 else 0, mode="1")
    path = tmp_path / "small.png"
    page.save(path)
    work, scale = ocr_prep.prepare(str(path))
    assert scale == pytest.approx(2.0) and work != str(path)
    assert Image.open(work).width == 2000
    read = extract._ocr_image(str(path))
    assert "主要职责" in "".join(ln.text for ln in read)
    assert all(0 <= ln.x0 < ln.x1 <= page.width for ln in read)
    # a page of normal resolution goes to tesseract unchanged
    normal = tmp_path / "normal.png"
    Image.new("1", (1654, 200), 1).save(normal)
    assert ocr_prep.prepare(str(normal)) == (str(normal), 1.0)


def test_ocr_models_that_are_not_installed_are_left_out(monkeypatch):
    monkeypatch.setattr(ocr_prep, "installed_languages", lambda: frozenset({"chi_sim", "eng"}))
    monkeypatch.setattr(ocr_prep, "LANGUAGES", "chi_sim+HanS")
    assert ocr_prep.languages() == "chi_sim"
    monkeypatch.setattr(ocr_prep, "installed_languages", lambda: frozenset({"chi_sim", "HanS"}))
    assert ocr_prep.tesseract_args()[:2] == ["-l", "chi_sim+HanS"]


# ------------------------------------------------------------------ signature restored from the 红头
HEADED = "湖南省人民政府办公厅文件\n湘政办发〔2009〕93号\n关于印发某规定的通知\n各市州人民政府：\n现予印发，请认真贯彻执行。\n"


def test_a_misread_signature_is_restored_from_the_red_header_and_arc_text_above_it_dropped():
    text, repairs = ocr_correct.signature_from_header(HEADED + "汤\n湖南人民政府公厅\n2009年12月31日")
    assert text.endswith("现予印发，请认真贯彻执行。\n湖南省人民政府办公厅\n2009年12月31日")
    assert [(r.read, r.corrected) for r in repairs] == [("汤", ""), ("湖南人民政府公厅", "湖南省人民政府办公厅")]
    # the date read on the signature's line; a substituted character
    text, repairs = ocr_correct.signature_from_header("中共中央办公厅文件\n第一条 为了规范。\n中英中央办公疗2020年9月21日")
    assert text.endswith("\n中共中央办公厅2020年9月21日") and repairs[0].read == "中英中央办公疗"
    # a right signature: only the arc text above it goes
    text, repairs = ocr_correct.signature_from_header(HEADED + "院办\n湖南省人民政府办公厅\n2009年12月31日")
    assert "院办" not in text and [r.read for r in repairs] == ["院办"]


def test_a_signature_that_is_another_or_a_shorter_name_is_kept():
    for signature in ("湖南省人民政府", "湖南省发展和改革委员会", "省人民政府办公厅"):
        text = HEADED + f"{signature}\n2009年12月31日"
        assert ocr_correct.signature_from_header(text) == (text, [])
    # the body's last line is not arc text (it ends with a punctuation mark); no 红头, nothing changed
    text = HEADED + "执行。\n湖南人民政府公厅\n2009年12月31日"
    assert "执行。" in ocr_correct.signature_from_header(text)[0]
    text = "关于印发某规定的通知\n汤\n湖南人民政府公厅\n2009年12月31日"
    assert ocr_correct.signature_from_header(text) == (text, [])


def test_signature_repairs_are_reported_to_the_user():
    warnings: list[str] = []
    text = extract._corrected(HEADED + "院办\n湖南人民政府公厅\n2009年12月31日", warnings)
    assert text.endswith("湖南省人民政府办公厅\n2009年12月31日")
    assert any("“湖南人民政府公厅”" in w and "红头" in w for w in warnings)
    assert any("“院办”" in w and "印章" in w for w in warnings)
