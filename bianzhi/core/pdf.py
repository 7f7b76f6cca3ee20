"""HTML → PDF for every printable page (WeasyPrint), always set in the CJK font the project ships.

The font (bianzhi/static/fonts/BianzhiSans-Regular.otf, a subset of Noto Sans CJK SC under the OFL) is declared
with @font-face and put first in every font stack, so a PDF never depends on the fonts a machine happens to have:
on a server with no fonts at all Pango would otherwise find no face and WeasyPrint crashes the process.
System CJK fonts, where present, still serve as fallback for characters outside the subset.
"""
from pathlib import Path

from django.conf import settings

PDF_FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "BianzhiSans-Regular.otf"
PDF_FONT_FAMILY = "Bianzhi Sans"
PDF_FONT_FACE = f'@font-face {{ font-family: "{PDF_FONT_FAMILY}"; src: url("{PDF_FONT.as_uri()}"); }}'
# Applied after the page's own styles: the shipped face first, the common CJK faces as fallback.
_FONT_STACK = f'"{PDF_FONT_FAMILY}", "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif'
PDF_STYLESHEET = PDF_FONT_FACE + f" html, body, body * {{ font-family: {_FONT_STACK} !important; }}"


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML string to PDF bytes in the shipped font."""
    from weasyprint import CSS, HTML  # heavy (Pango via cffi): loaded on first PDF, not at start-up
    from weasyprint.text.fonts import FontConfiguration

    # An @font-face in a stylesheet passed here is only registered through a FontConfiguration given to both.
    fonts = FontConfiguration()
    stylesheet = CSS(string=PDF_STYLESHEET, font_config=fonts)
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=[stylesheet], font_config=fonts)
