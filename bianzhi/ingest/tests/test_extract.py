"""Extraction per input format: .docx (with tables), text PDF, scans (OCR), plain text, .doc, and the
offset map from normalised text back to the original."""
import io
import shutil

import pytest

from bianzhi.ingest import extract
from bianzhi.ingest.extract import ExtractionError, extract_bytes, normalize_with_map

from .conftest import CORPUS, needs_tesseract


def test_normalisation_maps_back_to_original_offsets():
    original = "第二条\u3000市教育局是市政府工作部门，为正处级（加挂）。\n国 务 院"
    text, offsets = normalize_with_map(original)
    assert text == "第二条市教育局是市政府工作部门,为正处级(加挂)。\n国务院"  # spaces between Chinese characters go
    start = text.index("正处级")
    assert original[offsets[start]:offsets[start + 2] + 1] == "正处级"
    assert original[offsets[text.index("国务院")]] == "国"
    ex = extract.from_text(original)
    s, e = ex.original_span(text.index("(加挂)"), text.index("(加挂)") + 4)
    assert original[s:e] == "（加挂）"


def test_docx_paragraphs_and_tables_in_document_order():
    import docx

    document = docx.Document()
    document.add_paragraph("百色市教育局职能配置、内设机构和人员编制规定")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "编制类型", "数额"
    table.cell(1, 0).text, table.cell(1, 1).text = "机关行政编制", "45名"
    document.add_paragraph("第九条　本规定自2019年3月1日起施行。")
    buffer = io.BytesIO()
    document.save(buffer)
    ex = extract_bytes(buffer.getvalue(), "三定.docx")
    assert ex.method == "docx"
    lines = ex.text.splitlines()
    assert lines[0] == "百色市教育局职能配置、内设机构和人员编制规定"
    assert lines[2] == "机关行政编制\t45名"
    assert lines[3].startswith("第九条")


def test_text_pdf_uses_the_text_layer_and_rebuilds_paragraphs():
    ex = extract.extract_file(CORPUS / "s2_baise_caizhengju_2018.pdf")
    assert ex.method == "pdf-text" and ex.pages == 2
    # a long duty item wraps over several lines in the PDF but is one paragraph in the text
    line = next(ln for ln in ex.text.splitlines() if ln.startswith("(二)负责管理市级各项财政收支"))
    assert line.endswith("执行和决算等情况。")


@needs_tesseract
def test_scanned_pdf_goes_through_ocr():
    ex = extract.extract_file(CORPUS / "s4_youjiang_jiaotongju_county.scan.pdf")
    assert ex.method == "pdf-ocr"
    assert "第二条" in ex.text and "区交通运输局是区人民政府工作部门" in ex.text
    assert ex.warnings and "OCR" in ex.warnings[0]


@needs_tesseract
def test_image_goes_through_ocr():
    ex = extract.extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png")
    assert ex.method == "image-ocr"
    assert "关于调整百色市教育局机构编制事项的通知" in ex.text


def test_scan_without_tesseract_gives_a_clear_chinese_message(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(extract.shutil, "which", lambda name: None if name == "tesseract" else real_which(name))
    with pytest.raises(ExtractionError) as info:
        extract.extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png")
    assert "未安装 tesseract" in str(info.value) and "tesseract-ocr-chi-sim" in str(info.value)


def test_broken_legacy_doc_without_libreoffice_gives_a_clear_chinese_message(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(extract.shutil, "which",
                        lambda name: None if name in ("soffice", "libreoffice") else real_which(name))
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ExtractionError) as info:
        extract_bytes(ole_header, "三定.doc")
    assert "无法读取旧版 Word" in str(info.value) and ".docx" in str(info.value)


def test_plain_text_in_gb18030_and_bad_inputs():
    ex = extract_bytes("第二条　市财政局是市政府工作部门，为正处级。".encode("gb18030"), "a.txt")
    assert ex.text == "第二条市财政局是市政府工作部门,为正处级。"
    with pytest.raises(ExtractionError, match="文件为空"):
        extract_bytes(b"", "a.txt")
    with pytest.raises(ExtractionError, match="不支持的文件类型"):
        extract_bytes(b"abc", "a.xlsx")
    with pytest.raises(ExtractionError, match="Word 文件"):
        extract_bytes(b"PK\x03\x04broken", "a.docx")
    with pytest.raises(ExtractionError, match="PDF"):
        extract_bytes(b"%PDF-1.4 broken", "a.pdf")


def test_ocr_line_cleanup():
    assert extract.clean_ocr_line("第 七 条 ”市 教育 局") == "第七条 市教育局"
    assert extract.clean_ocr_line("《四) 负责") == "(四) 负责"
    assert extract.clean_ocr_line("局 长 I 名") == "局长1名"
    assert extract.clean_ocr_line("百办发 [2019] 23号 |") == "百办发〔2019〕23号"


def test_the_year_of_a_docnumber_gets_its_hexagonal_brackets_back():
    # both engines read 〔 〕 as [ ] or 【 】, or one of each
    assert extract.clean_ocr_line("百办发【2019】37号") == "百办发〔2019〕37号"
    assert extract.clean_ocr_line("百办发〔2019]37号") == "百办发〔2019〕37号"
    assert extract.clean_ocr_line("《关于调整机构的请示》(百教报[2021]12号)收悉") == "《关于调整机构的请示》(百教报〔2021〕12号)收悉"
    # not a 文号: no issuing organ's code before the bracket, or no number after it
    assert extract.clean_ocr_line("[2019]23号") == "[2019]23号"
    assert extract.clean_ocr_line("见附件[2019]") == "见附件[2019]"
    assert extract.clean_ocr_line("编制【2019】年度") == "编制【2019】年度"


def test_an_opening_bracket_read_twice_before_an_item_number_is_dropped():
    assert extract.clean_ocr_line("（(五）推进全市经济结构战略性调整") == "（五）推进全市经济结构战略性调整"
    assert extract.clean_ocr_line("((二)负责") == "(二)负责"
    assert extract.clean_ocr_line("(（一）") == "(一）"


def test_docx_zip_bomb_is_refused_before_parsing():
    """issue 15 finding 3: a small .docx whose XML unpacks to hundreds of MB is refused from the zip's sizes."""
    import io
    import time
    import zipfile

    from bianzhi.ingest.extract import ExtractionError, extract_bytes

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (200 * 1024 * 1024) + "</w:document>")
    data = buf.getvalue()
    assert len(data) < 400_000
    started = time.process_time()
    with pytest.raises(ExtractionError, match="解压后过大"):
        extract_bytes(data, "bomb.docx")
    assert time.process_time() - started < 5


def test_docx_without_main_part_is_refused_in_chinese():
    import io
    import zipfile

    from bianzhi.ingest.extract import ExtractionError, extract_bytes

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ExtractionError, match="document.xml"):
        extract_bytes(buf.getvalue(), "empty.docx")


def test_a_specks_middle_dot_at_a_line_edge_or_beside_punctuation_is_dropped():
    assert extract.clean_ocr_line("·第一条为了规范") == "第一条为了规范"
    assert extract.clean_ocr_line("(四)指导工业、·信息化领域") == "(四)指导工业、信息化领域"
    assert extract.clean_ocr_line("规定的通知·") == "规定的通知"
    assert extract.clean_ocr_line("·一、市委") == "一、市委"
    # between two words it is a real middle dot
    assert extract.clean_ocr_line("学习马克思·恩格斯的著作") == "学习马克思·恩格斯的著作"


def test_a_docnumbers_bracket_read_twice_or_lost_is_restored():
    assert extract.clean_ocr_line("宜编[2005]]2号") == "宜编〔2005〕2号"
    assert extract.clean_ocr_line("国办发2008]60号") == "国办发〔2008〕60号"
    assert extract.clean_ocr_line("国办发2008年60号") == "国办发2008年60号"  # no bracket at all: not a 文号 read wrong
