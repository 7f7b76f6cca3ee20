"""The text of a saved web page (.html / .htm), as a browser shows it.

Clerks keep the 三定 and notices published on government sites as saved pages (“网页，仅 HTML”), many of them in
GB2312/GBK. The page is decoded by its declared charset (a `<meta charset>` or `http-equiv` in its first bytes,
GB2312/GBK read as their superset GB18030), else UTF-8, else GB18030; scripts, styles and the `<head>` go; block
elements (paragraphs, divs, list items, headings, table rows) end a line, `<br>` breaks one, table cells are
parted by tabs (as `extract._docx_text` gives a table), and white space inside a paragraph is HTML's (runs of
spaces and source line breaks are one space). What is left of the page around the document — menus, 来源/发布时间
lines, footers — is the parser's business, as in a pasted web copy.

Where: `bianzhi parse-sanding page.html` and `extract.extract_bytes`. The upload screens do not take HTML files
(`core.uploads` refuses any content that could carry script, whatever its name): a clerk pastes the page's text.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "ul",
    "title", "caption", "option",
}
CELLS = {"td", "th"}
DROPPED = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
SPACES = re.compile(r"[ \t\r\n\f\v]+")
GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn", "hz-gb-2312"}


class WebPageError(Exception):
    """A page this reader cannot read; the message is for the clerk."""


def looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml version")) and b"<html" in data[:4096].lower()


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if match := CHARSET.search(data[:4096]):
        declared = match.group(1).decode("ascii").lower()
        if declared in GB:
            return data.decode("gb18030", errors="replace")
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _walk(element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if tag == "br":
        out.append("\n")
    block = tag in BLOCKS or tag == "tr"
    if block:
        out.append("\n")
    if tag and element.text:
        out.append(SPACES.sub(" ", element.text))
    for child in element:
        _walk(child, out)
        if child.tail:
            out.append(SPACES.sub(" ", child.tail))
    if tag in CELLS:
        out.append("\t")
    elif block:
        out.append("\n")


def text(data: bytes) -> str:
    """The page's text, one line per paragraph. Raises WebPageError with a Chinese message."""
    source = decode(data)
    try:
        root = lxml.html.document_fromstring(source.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise WebPageError("无法读取网页文件：内容不是有效的 HTML") from exc
    for element in list(root.iter(*DROPPED)) + root.xpath("//comment()"):
        element.drop_tree()
    out: list[str] = []
    _walk(root, out)
    lines = []
    for line in "".join(out).split("\n"):
        cells = [cell.strip() for cell in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        line = "\t".join(cells).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)
