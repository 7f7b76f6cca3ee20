"""Test helpers for the PDFs the platform prints."""
import io

from pypdf import PdfReader

SHIPPED_FONTS = {"Bianzhi-Sans", "Bianzhi-Sans-Bold"}  # bold is synthesised from the one face


def embedded_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts a PDF embeds (subset prefixes stripped)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names
