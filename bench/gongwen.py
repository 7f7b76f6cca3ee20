"""A text typeset as an office sends it (issue 12): the 公文 layout of GB/T 9704 as a Word user approximates it,
rendered to a text PDF (WeasyPrint) or a .docx (python-docx), for `bench.sanding_perturb`.

The layout, line by line, from what each line of the text is (the words are never changed):
- the issuing organ at the top (a short first line before the title, no sentence punctuation) in large red type
  with a red rule under it;
- a 文号 line (“X〔2019〕3号”) and the title (the first line, within the first few, ending in 通知 / 规定 / 方案 /
  决定 / 批复 / 意见 / 办法 …) centred, the title in large bold type;
- a date line on its own (“2019年3月4日”), and the short signature line above it, right-aligned;
- a chapter heading (“第一章 总则”) centred;
- every other line a body paragraph: 16 pt serif, first line indented by two characters, justified (so the lines of
  a paragraph break mid-sentence);
- lines holding “|”-separated cells (a table copied from a page) as a real table where `tables` is asked for;
- A4, a page number “— N —” at the foot of each page (outer side, as GB/T 9704 places it), and on every second
  document (by a checksum of its text: deterministic) the title as a running header from the second page on.

Fonts: Noto Serif CJK SC / Noto Sans CJK SC only (Debian/Ubuntu package fonts-noto-cjk).
"""
from __future__ import annotations

import datetime
import html
import io
import re
import zlib
from dataclasses import dataclass

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"

_TITLE_END = re.compile(r"(?:通知|规定|方案|决定|批复|意见|办法|规则|函|报告|说明|公告|通告|决算|预算)$")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,16}[〔\[【(（][12]\d{3}[〕\]】)）]第?\d{1,6}号$")
_DATE = re.compile(r"^(?:[12]\d{3}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月"
                   r"[\d一二三四五六七八九十]{1,3}日$")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]{1,3}章[\s\u3000]*\S{0,20}$")
_PUNCT = re.compile(r"[。，,:：;；!！?？|]")


@dataclass
class Block:
    kind: str  # organ | number | title | signature | date | chapter | body | table
    text: str = ""
    rows: list[list[str]] | None = None


def _is_table_line(line: str) -> bool:
    return line.count("|") >= 2


def blocks(text: str, tables: bool = False) -> list[Block]:
    """The text's lines, each with the part of the layout it takes."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    kinds = ["body"] * len(lines)
    title = next((i for i, ln in enumerate(lines[:8]) if len(ln) <= 60 and _TITLE_END.search(ln)
                  and not _PUNCT.search(ln)), None)
    if title is not None:
        kinds[title] = "title"
        if title > 0 and len(lines[0]) <= 20 and not _PUNCT.search(lines[0]) and not _DOC_NUMBER.match(lines[0]):
            kinds[0] = "organ"
    for i, ln in enumerate(lines):
        if kinds[i] != "body":
            continue
        if _DOC_NUMBER.match(ln):
            kinds[i] = "number"
        elif _DATE.match(ln):
            kinds[i] = "date"
            if i > 0 and kinds[i - 1] == "body" and len(lines[i - 1]) <= 25 and not _PUNCT.search(lines[i - 1]):
                kinds[i - 1] = "signature"
        elif _CHAPTER.match(ln):
            kinds[i] = "chapter"
    out: list[Block] = []
    for ln, kind in zip(lines, kinds, strict=True):
        if tables and kind == "body" and _is_table_line(ln):
            cells = [c.strip() for c in ln.strip("|").split("|")]
            if out and out[-1].kind == "table":
                out[-1].rows.append(cells)
            else:
                out.append(Block("table", rows=[cells]))
            continue
        out.append(Block(kind, ln))
    return out


def _running_header(text: str) -> bool:
    return zlib.crc32(text.encode("utf-8")) % 2 == 0


_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @top-center { content: string(doctitle); font: 10.5pt "%(sans)s"; color: #333; } }
@page :first { @top-center { content: none; } }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt "%(serif)s"; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt "%(serif)s"; } }
body { font: 16pt/28.9pt "%(serif)s"; margin: 0; }
p { margin: 0; text-align: justify; text-indent: 2em; }
p.organ { color: #e00; font: bold 30pt/40pt "%(serif)s"; text-align: center; text-indent: 0;
          letter-spacing: 0.1em; border-bottom: 2pt solid #e00; padding-bottom: 8pt; margin-bottom: 18pt; }
p.number { text-align: center; text-indent: 0; margin-bottom: 14pt; }
p.title { font: bold 22pt/34pt "%(serif)s"; text-align: center; text-indent: 0; margin: 14pt 0;
          %(title_string)s }
p.chapter { text-align: center; text-indent: 0; font-family: "%(sans)s"; }
p.signature, p.date { text-align: right; text-indent: 0; padding-right: 2em; }
table { border-collapse: collapse; width: 100%%; margin: 6pt 0; font-size: 12pt; line-height: 18pt; }
td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; }
"""


def document_html(text: str, tables: bool = False) -> str:
    css = _CSS % {"serif": SERIF, "sans": SANS,
                  "title_string": "string-set: doctitle content();" if _running_header(text) else ""}
    body = []
    for block in blocks(text, tables):
        if block.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            body.append(f"<table>{rows}</table>")
        else:
            body.append(f'<p class="{block.kind}">{html.escape(block.text)}</p>')
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
            f'<body>{"".join(body)}</body></html>')


def pdf_document(text: str, tables: bool = False) -> bytes:
    """The text as the PDF that Word's “另存为 PDF” makes of a 公文 (see the module's docstring)."""
    from weasyprint import HTML

    return HTML(string=document_html(text, tables)).write_pdf()


# ------------------------------------------------------------------ .docx
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _page_number_field(paragraph) -> None:
    """“— PAGE —” as Word's field (the number is computed by Word; the file holds the field and a cached 1)."""
    from docx.oxml import parse_xml

    paragraph.add_run("— ")
    for xml in (f'<w:r {_W_NS}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {_W_NS}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r {_W_NS}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {_W_NS}><w:t>1</w:t></w:r>',
                f'<w:r {_W_NS}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(" —")


def _font(run, name: str, size: float, bold: bool = False, red: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    run.font.size = Pt(size)
    run.font.bold = bold
    if red:
        run.font.color.rgb = RGBColor(0xE0, 0, 0)


def docx_document(text: str, tables: bool = False) -> bytes:
    """The text as a .docx typed in the 公文 layout: the same roles as the PDF, red organ line with a red bottom
    border, first-line indent of two characters, justified body, a page-number footer and (every second document)
    the title as the page header."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(footer)
    parts = blocks(text, tables)
    title = next((b.text for b in parts if b.kind == "title"), None)
    if title and _running_header(text):
        section.different_first_page_header_footer = True
        section.first_page_footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(section.first_page_footer.paragraphs[0])
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(header.add_run(title), SANS, 10.5)
    align = {"organ": WD_ALIGN_PARAGRAPH.CENTER, "number": WD_ALIGN_PARAGRAPH.CENTER,
             "title": WD_ALIGN_PARAGRAPH.CENTER, "chapter": WD_ALIGN_PARAGRAPH.CENTER,
             "signature": WD_ALIGN_PARAGRAPH.RIGHT, "date": WD_ALIGN_PARAGRAPH.RIGHT}
    for block in parts:
        if block.kind == "table":
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(block.rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    _font(cell.paragraphs[0].add_run(value), SERIF, 12)
            continue
        p = document.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(28.9)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.alignment = align.get(block.kind, WD_ALIGN_PARAGRAPH.JUSTIFY)
        if block.kind == "body":
            fmt.first_line_indent = Pt(32)
        if block.kind in ("signature", "date"):
            fmt.right_indent = Pt(32)
        if block.kind == "organ":
            _font(p.add_run(block.text), SERIF, 30, bold=True, red=True)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:pBdr {_W_NS}><w:bottom w:val="single" w:sz="16" w:space="4" w:color="E00000"/></w:pBdr>'))
        elif block.kind == "title":
            _font(p.add_run(block.text), SERIF, 22, bold=True)
        else:
            _font(p.add_run(block.text), SANS if block.kind == "chapter" else SERIF, 16)
    out = io.BytesIO()
    document.core_properties.created = document.core_properties.modified = datetime.datetime(2020, 1, 1)
    document.save(out)
    return out.getvalue()
