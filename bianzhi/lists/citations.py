"""Citations of laws in basis text: “1.《代理记账管理办法》 (财政部令第80号) 第三条第一款;”.

`parse_basis(text)` splits a basis cell into citations (law name, 文号/令号, article, original line);
`format_citations()` writes them back in the same shape, so an export re-imports to the same citations.
"""
import re
from dataclasses import dataclass

from bianzhi.core.text import nfkc

_ITEM_SPLIT = re.compile(r"[\n;；]+")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．)）]\s*")
_CITATION = re.compile(
    r"《(?P<law>[^》]+)》\s*(?:[(（](?P<doc>[^)）]*)[)）])?\s*(?P<article>[^《]*)"
)


@dataclass(frozen=True)
class ParsedCitation:
    law: str  # NFKC law name without 《》, "" when the line names no law
    doc_number: str
    article: str
    text: str  # the original line (for display)


def parse_basis(text: str | None) -> list[ParsedCitation]:
    result: list[ParsedCitation] = []
    if not text:
        return result
    for raw_line in _ITEM_SPLIT.split(str(text)):
        line = raw_line.strip()
        if not line:
            continue
        body = _LEADING_NUMBER.sub("", nfkc(line)).rstrip("。.,，;； ")
        if not body:
            continue
        matches = list(_CITATION.finditer(body))
        if not matches:
            result.append(ParsedCitation("", "", body, line))
            continue
        for m in matches:
            article = (m.group("article") or "").strip().rstrip("。.,，;；、和及 ")
            result.append(ParsedCitation(nfkc(m.group("law")), nfkc(m.group("doc") or ""), nfkc(article), line))
    return result


def format_citation(law_name: str, doc_number: str, article: str) -> str:
    if not law_name:
        return article
    doc = f"（{doc_number}）" if doc_number else ""
    return f"《{law_name}》{doc}{article}"


def format_citations(items) -> str:
    """items: iterable of (law_name, doc_number, article)."""
    lines = [format_citation(*item) for item in items]
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"{i}.{line}；" if i < len(lines) else f"{i}.{line}。" for i, line in enumerate(lines, 1))
