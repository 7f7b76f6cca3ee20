"""The cover sheet of the materials (the seed's annex 上交纸质、电子版材料封面), generated from the registry
as Word (python-docx) and PDF (WeasyPrint), listing the fields still missing."""
import io

from django.template.loader import render_to_string

from bianzhi.core.pdf import PDF_FONT, PDF_FONT_FACE, html_to_pdf  # noqa: F401 (PDF_FONT re-exported)
from bianzhi.registry.models import Unit

FIELDS = [
    ("uscc", "统一社会信用代码号"),
    ("legal_representative", "法人代表姓名"),
    ("contact_name", "负责该项工作人员姓名"),
    ("contact_office_phone", "办公电话"),
    ("contact_mobile", "手机号码"),
    ("address", "单位地址"),
    ("postcode", "邮政编码"),
]


def _block(unit, heading: str) -> dict:
    values = {name: (getattr(unit, name) or "").strip() for name, _ in FIELDS}
    missing = [label for name, label in FIELDS if not values[name]]
    return {"unit": unit, "heading": heading, "name": unit.name, **values, "missing": missing}


def build(unit, children=None) -> dict:
    """The sheet's content: the 主管部门 block, then one block per 二层/下属 unit (already scope-filtered)."""

    if children is None:
        children = Unit.objects.filter(parent=unit, status="active")
    children = list(children.select_related("parent_relation").order_by("sort_order", "id"))
    blocks = [_block(unit, f"一、主管部门名称：{unit.name}")]
    for i, child in enumerate(children, 1):
        relation = child.parent_relation.name if child.parent_relation_id else "二层单位"
        blocks.append(_block(child, f"{i}. {relation}名称：{child.name}"))
    missing = [f"{b['name']}：{'、'.join(b['missing'])}" for b in blocks if b["missing"]]
    return {"title": f"{unit.name}及二层单位机构编制云平台材料", "blocks": blocks, "missing": missing}


def to_docx(sheet: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    style.font.size = Pt(14)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("上交纸质、电子版材料封面")
    run.bold, run.font.size = True, Pt(20)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(sheet["title"]).bold = True
    for block in sheet["blocks"]:
        doc.add_paragraph().add_run(block["heading"]).bold = True
        doc.add_paragraph(f"统一社会信用代码号：{block['uscc']}")
        doc.add_paragraph(f"法人代表姓名：{block['legal_representative']}")
        doc.add_paragraph(f"负责该项工作人员姓名：{block['contact_name']}    办公电话：{block['contact_office_phone']}    "
                          f"手机号码：{block['contact_mobile']}")
        doc.add_paragraph(f"单位地址：{block['address']}    邮政编码：{block['postcode']}")
    doc.add_paragraph("注：以上内容务必填写完整，并报送电子版。")
    if sheet["missing"]:
        doc.add_paragraph("尚缺信息：" + "；".join(sheet["missing"]))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(sheet: dict) -> bytes:
    html = render_to_string("workflow/coversheet_print.html", {"sheet": sheet, "font_face": PDF_FONT_FACE})
    return html_to_pdf(html)
