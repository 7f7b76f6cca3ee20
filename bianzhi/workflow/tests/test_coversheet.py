"""The cover sheet (seed annex) from the registry, as Word and as PDF, with the missing fields listed."""
import io
import shutil
import subprocess
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from bianzhi.workflow import coversheet

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def test_sheet_lists_missing_fields_per_unit(base):
    unit = base.unit("百色市教育局")
    sheet = coversheet.build(unit)
    assert sheet["title"] == "百色市教育局及二层单位机构编制云平台材料"
    assert sheet["blocks"][0]["heading"] == "一、主管部门名称：百色市教育局"
    headings = [b["heading"] for b in sheet["blocks"][1:]]
    assert "1. 二层单位名称：百色市教育科学研究所" in headings
    assert any(h.endswith("下属单位名称：百色高级中学") for h in headings)
    assert sheet["missing"][0] == "百色市教育局：法人代表姓名、负责该项工作人员姓名、办公电话、手机号码"
    unit.legal_representative, unit.contact_name = "韦国强", "李明"
    unit.contact_office_phone, unit.contact_mobile = "0776-2822345", "13907760001"
    unit.save()
    sheet = coversheet.build(unit)
    assert sheet["blocks"][0]["missing"] == []
    assert not any(m.startswith("百色市教育局：") for m in sheet["missing"])


def test_docx_and_pdf_carry_the_fields(base, clients):
    unit = base.unit("百色市教育局")
    unit.legal_representative = "韦国强"
    unit.save()
    c = clients("luru")
    docx = c.get(f"/manage/workflow/units/{unit.pk}/coversheet.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "一、主管部门名称：百色市教育局" in text and f"统一社会信用代码号：{unit.uscc}" in text
    assert "法人代表姓名：韦国强" in text and "尚缺信息" in text
    pdf = c.get(f"/manage/workflow/units/{unit.pk}/coversheet.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    pdf_text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "上交纸质、电子版材料封面" in pdf_text and "百色市教育局" in pdf_text and unit.uscc in pdf_text
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "workflow-coversheet.pdf").write_bytes(pdf.content)
    if shutil.which("pdftoppm"):  # poppler-utils: a PNG of page 1 to look at
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(ARTIFACTS / "workflow-coversheet.pdf"),
                        str(ARTIFACTS / "workflow-coversheet")], check=True)
    page = c.get(f"/manage/workflow/units/{unit.pk}/coversheet/")
    assert "尚缺信息" in page.content.decode()
    # out of scope: 404
    assert clients("jiaotong").get(f"/manage/workflow/units/{unit.pk}/coversheet.pdf").status_code == 404
