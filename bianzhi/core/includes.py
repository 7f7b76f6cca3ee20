"""The “含…” breakdown of a staffing line, the one reader and writer for it: what a clerk types in the entry form,
what the ingestion parser finds in a document, and what every page and download shows.

    parse_includes("含援派机动编制3名、离退休干部工作人员编制两名")
    → [{"label": "援派机动编制", "count": 3}, {"label": "离退休干部工作人员编制", "count": 2}]
    format_includes(items) → "援派机动编制3名、离退休干部工作人员编制2名"
"""
import re

from .numerals import NUM, to_int
from .text import nfkc

_LEAD = re.compile(r"^\s*(?:其中\s*[:：,，]?\s*)?(?:含|包括)?\s*")
_ITEM = re.compile(r"^\s*(?:含|其中|另)?\s*(?P<label>[^\d]*?[^\d\s])\s*(?P<n>" + NUM + r")\s*名?\s*$")
_SPLIT = re.compile(r"[、，,;；\n]+")


class IncludesError(ValueError):
    """One part is not “名称+数额名”; the message (Chinese) names it."""


def parse_includes(text: str, *, strict: bool = True) -> list[dict]:
    """Read “含A3名、B2名” into [{"label", "count"}]. Strict (typed input): a part that is not “名称+数额名”
    raises IncludesError naming it. Lenient (a document's running text): such parts are skipped."""
    items = []
    for part in _SPLIT.split(_LEAD.sub("", nfkc(text or ""), count=1)):
        if not part.strip():
            continue
        match = _ITEM.match(part)
        count = to_int(match["n"]) if match else None
        written_out = part.rstrip().endswith("名")  # running text: only “…N名” is a breakdown (not “截至2018”)
        if match is None or count is None or len(match["label"].strip()) < 2 or not (strict or written_out):
            if strict:
                raise IncludesError(f"无法识别“{part.strip()}”，请写成“名称+数字+名”，如 援派机动编制3名")
            continue
        items.append({"label": match["label"].strip(), "count": count})
    return items


def format_includes(items) -> str:
    """[{"label", "count"}] → “A3名、B2名” (items written by older code may say "type" or "name")."""
    return "、".join(f"{item.get('label') or item.get('type') or item.get('name', '')}{item['count']}名"
                    for item in items or [] if isinstance(item, dict) and "count" in item)
