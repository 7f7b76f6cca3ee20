"""Legacy Word (.doc) read without LibreOffice, and saved web pages (.html): the draft a clerk gets from either is
the draft the same document gives as .docx. The .doc files in files/ were written by LibreOffice 7.4 from the
corpus's .docx (`soffice --convert-to doc`); numbered_list_and_table.doc has Word's automatic numbering (“1.”, “2.”)
and a table with an empty cell; chinese_articles_numbered.doc numbers its articles “第%1条”, duties “（%2）” and bodies
“%3.” from one three-level list, as a 三定 typed in Word does."""
import shutil
from pathlib import Path

import pytest

from bianzhi.ingest import extract, webpage, word97
from bianzhi.ingest.extract import ExtractionError, extract_bytes, extract_file
from bianzhi.ingest.parser import parse

from .conftest import CORPUS

FILES = Path(__file__).resolve().parent / "files"


def _no_soffice(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(extract.shutil, "which",
                        lambda name: None if name in ("soffice", "libreoffice") else real_which(name))


@pytest.mark.parametrize("name", ["s1_baise_jiaoyuju_2019", "n1_baise_jiaoyuju_tiaozheng"])
def test_doc_gives_the_docx_draft_without_libreoffice(monkeypatch, name):
    _no_soffice(monkeypatch)
    doc = extract_file(FILES / f"{name}.doc")
    docx = extract_file(CORPUS / f"{name}.docx")
    assert doc.method == "doc" and doc.warnings == []
    assert doc.text == docx.text
    assert parse(doc.text).data == parse(docx.text).data


def test_doc_draft_states_what_a_reader_checks(monkeypatch):
    _no_soffice(monkeypatch)
    data = parse(extract_file(FILES / "s1_baise_jiaoyuju_2019.doc").text).data
    assert data["title"] == "百色市教育局职能配置、内设机构和人员编制规定"
    assert data["doc_number"] == "百办发〔2019〕23号"
    assert data["unit"] == "百色市教育局"
    assert data["rank"] == "正处级"
    assert data["plaques"] == ["市语言文字工作委员会办公室"]
    assert [(s["type"], s["count"], [(i["type"], i["count"]) for i in s["includes"]]) for s in data["staffing"]] == [
        ("行政编制", 45, [("纪检监察编制", 2), ("援派编制", 1)])]
    assert [b["name"] for b in data["internal_bodies"]][:3] == ["办公室", "人事科", "基础教育科"]


def test_doc_table_rows_and_an_empty_cell():
    doc = word97.read((FILES / "numbered_list_and_table.doc").read_bytes())
    lines = doc.text.splitlines()
    assert lines[3:6] == ["编制类型\t数额\t备注", "机关行政编制\t45名\t", "工勤编制\t3名\t含司机"]
    assert lines[-1] == "第九条\u3000本规定自2019年3月1日起施行。"
    assert word97.read((FILES / "s1_baise_jiaoyuju_2019.doc").read_bytes()).numbered == 0


def test_doc_automatic_numbering_rebuilt_without_libreoffice(monkeypatch):
    """Word draws “第一条”, “（一）”, “1.” from its list tables; the text holds none of them."""
    _no_soffice(monkeypatch)
    doc = word97.read((FILES / "numbered_list_and_table.doc").read_bytes())
    assert (doc.numbered, doc.unresolved) == (2, 0)
    assert doc.text.splitlines()[1:3] == ["1.市教育局是市政府工作部门，为正处级。", "2.市教育局设下列内设机构："]
    ex = extract_file(FILES / "chinese_articles_numbered.doc")
    assert ex.warnings == []
    lines = ex.text.splitlines()
    assert lines[1].startswith("第一条为了规范市审计局") and lines[6].startswith("第四条市审计局设下列内设机构")
    assert lines[4:6] == ["(一)主管全市审计工作。", "(二)负责对市级预算执行情况进行审计监督。"]
    assert lines[7:10] == ["1.办公室。", "2.法规审理科。", "3.财政审计科。"]  # a deeper level counts on its own
    assert lines[-1].startswith("第六条本规定自2019年3月1日起施行")
    data = parse(ex.text).data
    assert data["unit"] == "百色市审计局" and data["rank"] == "正处级"
    assert [b["name"] for b in data["internal_bodies"]] == ["办公室", "法规审理科", "财政审计科"]
    assert [d[:6] for d in data["duties"]] == ["主管全市审计", "负责对市级预"]
    assert [(s["type"], s["count"]) for s in data["staffing"]] == [("行政编制", 25)]


def test_doc_numbered_by_a_list_it_cannot_find_warns_without_libreoffice(monkeypatch):
    _no_soffice(monkeypatch)
    real_read = word97.read

    def read_with_lists_lost(data):
        doc = real_read(data)
        doc.unresolved = doc.numbered
        return doc

    monkeypatch.setattr(word97, "read", read_with_lists_lost)
    ex = extract_file(FILES / "numbered_list_and_table.doc")
    assert any("自动编号" in w and "核对" in w for w in ex.warnings)


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="未安装 LibreOffice，跳过与其转换结果对照的测试")
def test_doc_numbering_as_libreoffice_converts_it():
    for name in ("numbered_list_and_table.doc", "chinese_articles_numbered.doc"):
        data = (FILES / name).read_bytes()
        assert word97.read(data).text == extract._docx_text(extract._doc_to_docx(data, extract._soffice()))


def test_broken_and_encrypted_doc_give_chinese_messages(monkeypatch):
    _no_soffice(monkeypatch)
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(ExtractionError, match="已损坏或不是 Word 97–2003 格式"):
        extract_bytes(ole_header, "三定.doc")
    data = bytearray((FILES / "s1_baise_jiaoyuju_2019.doc").read_bytes())
    fib = next(at for at in range(512, len(data), 512) if data[at:at + 2] == b"\xec\xa5")
    data[fib + 11] |= 0x01  # fEncrypted
    with pytest.raises(ExtractionError, match="设有打开密码"):
        extract_bytes(bytes(data), "三定.doc")
    truncated = (FILES / "s1_baise_jiaoyuju_2019.doc").read_bytes()[:6000]
    with pytest.raises(ExtractionError):
        extract_bytes(truncated, "三定.doc")


PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>百色市教育局职能配置、内设机构和人员编制规定_百色市人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script><style>.nav{color:red}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 机构职能</div>
<!-- 正文开始 -->
<div class="article"><h1>百色市教育局职能配置、内设机构和人员编制规定</h1>
<div class="info">来源：市委编办　发布时间：2019-03-01　浏览次数：1024</div>
<p align="center">百办发〔2019〕23号</p>
<p>第一条　为了规范市教育局的职能配置、内设机构和人员编制，
   根据《百色市机构改革方案》，制定本规定。</p>
<p>第二条　市教育局是市政府工作部门，为正处级，加挂市语言文字工作委员会办公室牌子。</p>
<p>第三条　市教育局设下列内设机构：<br>（一）办公室。<br>（二）基础教育科。<br>（三）职业教育科。</p>
<p>第四条　市教育局机关行政编制25名。设局长1名，副局长3名。</p>
<table><tr><td>联系电话</td><td>0776-2821234</td></tr><tr><td>办公地址</td><td>百色市城东大道</td></tr></table>
</div><div class="footer">主办：百色市人民政府办公室　桂ICP备05000000号</div></body></html>"""


def test_saved_web_page_in_gb2312():
    ex = extract_bytes(PAGE.encode("gb18030"), "规定.htm")
    assert ex.method == "html"
    assert "统计代码" not in ex.text and ".nav" not in ex.text and "正文开始" not in ex.text
    lines = ex.text.splitlines()
    assert "联系电话\t0776-2821234" in lines and "(一)办公室。" in lines
    assert "第一条为了规范市教育局的职能配置、内设机构和人员编制,根据《百色市机构改革方案》,制定本规定。" in lines
    data = parse(ex.text).data
    assert data["unit"] == "百色市教育局"
    assert data["doc_number"] == "百办发〔2019〕23号"
    assert data["rank"] == "正处级"
    assert [b["name"] for b in data["internal_bodies"]] == ["办公室", "基础教育科", "职业教育科"]
    assert [(s["type"], s["count"]) for s in data["staffing"]] == [("行政编制", 25)]
    assert [(p["title"], p["count"]) for p in data["posts"]] == [("局长", 1), ("副局长", 3)]


def test_web_page_found_by_its_content_and_in_utf8():
    page = PAGE.replace("charset=gb2312", "charset=utf-8")
    ex = extract_bytes(page.encode("utf-8"), "download")  # a browser's download without a suffix
    assert ex.method == "html" and "市教育局是市政府工作部门" in ex.text
    undeclared = PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    assert "市教育局是市政府工作部门" in webpage.text(undeclared.encode("gb18030"))
    with pytest.raises(ExtractionError, match="没有识别出任何文字"):
        extract_bytes(b"<html><body><script>x()</script></body></html>", "a.html")



def test_scan_pasted_into_word_goes_through_ocr(monkeypatch):
    """A clerk's .docx that is only the scanned notice pasted in as a picture."""
    import io

    import docx

    from bianzhi.ingest import ocr_rapid

    if not ocr_rapid.available():
        pytest.skip("RapidOCR 的模型不可用")
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    document = docx.Document()
    document.add_picture(str(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png"))
    buffer = io.BytesIO()
    document.save(buffer)
    ex = extract_bytes(buffer.getvalue(), "扫描件.docx")
    assert ex.method == "docx-ocr" and ex.warnings[0].startswith("此 Word 文件的内容是扫描图片")
    assert ex.text == extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png").text
    data = parse(ex.text).data
    assert data["title"] == "关于调整百色市教育局机构编制事项的通知" and data["issued_on"] == "2021-06-18"
