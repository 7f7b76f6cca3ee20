"""Text entry: splitting pasted duty text into items."""
from __future__ import annotations

import re

# ------------------------------------------------------------------------------------------------ text entry
_CN_NUM = "一二三四五六七八九十百零〇"
_MARKERS = [
    ("paren", re.compile(r"[（(]\s*[" + _CN_NUM + r"]+\s*[)）]")),
    ("dun", re.compile(r"[" + _CN_NUM + r"]+、")),
    ("arabic", re.compile(r"\d{1,3}\s*[.．、](?!\d)")),
]


def split_duty_text(text: str) -> list[str]:
    """Split a pasted block of duty text into items at （一）/(一)/一、/1. markers.

    The first marker style found is the top level; markers of other styles stay inside items (a （三） item may
    contain 1. 2. sub-points). A marker counts only at the start of a line or after 。；; — so “第一、二款” or
    “2.5亿元” in running text does not split. Text before the first marker becomes its own item.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    lead = r"(?:^|(?<=[。；;:：\n]))[ \t\u3000]*"
    for _name, marker in _MARKERS:
        pattern = re.compile(lead + "(" + marker.pattern + ")", re.MULTILINE)
        hits = list(pattern.finditer(text))
        if len(hits) >= 2 or (hits and hits[0].start() == 0):
            items = []
            if hits[0].start() > 0 and text[:hits[0].start()].strip():
                items.append(text[:hits[0].start()])
            for i, hit in enumerate(hits):
                end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
                items.append(text[hit.end():end])
            return [_tidy(i) for i in items if _tidy(i)]
    return [_tidy(line) for line in text.split("\n") if _tidy(line)]


def _tidy(item: str) -> str:
    return re.sub(r"\s*\n\s*", "", item).strip()
