"""PDFs carry the CJK font shipped with the project (bianzhi/static/fonts), never a system font, and no character
is drawn as a missing-glyph box (tofu)."""
import io
import logging

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from bianzhi.core.tests.pdfs import embedded_fonts
from bianzhi.registry.models import Unit
from bianzhi.workflow import coversheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def weasyprint_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    return caplog


def missing_glyph_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]


def test_cover_sheet_pdf_embeds_the_shipped_font_without_tofu(demo, weasyprint_warnings):
    unit = Unit.objects.get(name="百色市教育局")
    sheet = coversheet.build(unit)
    pdf = coversheet.to_pdf(sheet)
    assert missing_glyph_warnings(weasyprint_warnings) == []
    assert embedded_fonts(pdf) <= {"Bianzhi-Sans", "Bianzhi-Sans-Bold"}  # bold is synthesised from the one face
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(c["text"] for page in doc.pages for c in page.chars)
        fonts = {c["fontname"].split("+", 1)[-1] for page in doc.pages for c in page.chars}
    assert fonts <= {"Bianzhi-Sans", "Bianzhi-Sans-Bold"}
    for expected in ("上交纸质、电子版材料封面", "百色市教育局", "统一社会信用代码号", "注：以上内容务必填写完整"):
        assert expected in text
    shipped = TTFont(coversheet.PDF_FONT).getBestCmap()
    assert all(ord(ch) in shipped for ch in set(text) if not ch.isspace())


def test_the_tofu_check_catches_a_character_no_font_has(demo, weasyprint_warnings):
    # U+10FFFD (private use, plane 16): in no font, shipped or system, so the check must see the tofu.
    assert 0x10FFFD not in TTFont(coversheet.PDF_FONT).getBestCmap()
    sheet = coversheet.build(Unit.objects.get(name="百色市教育局"))
    sheet["blocks"][0]["legal_representative"] = "黄\U0010FFFD"
    coversheet.to_pdf(sheet)
    assert any("U+10FFFD" in m for m in missing_glyph_warnings(weasyprint_warnings))
