"""Paragraphs put back into text pasted from a PDF (issue 12), on normalised text with its offset map.

Text copied out of a PDF viewer, or saved by a site's PDF export, is hard-wrapped: a line break every N
characters, mid-sentence, mid-name. The clause readers read a sentence within its line and an item from a line
start, so such a copy loses values although every word is there (`bench/sanding_perturb.py` measures this on the
labelled corpus: recall 0.68 of the text as collected before this step, 0.93 after). When most long lines have
one length and end inside a sentence, each full-width line is joined with the next one unless that one starts an
item, an article or a heading; `offsets` (one source index per character) stays true.

Tried and left out: breaking a run-in line before every marker of an enumeration (“(一)A(二)B”, “1、…。2、…”) —
it gained little on one-line copies and broke pages whose inline lists are read, or deliberately not read, as
they stand (measured in bench/README.md).
"""
from __future__ import annotations

import re
from collections import Counter

_CN = "[一二三四五六七八九十百零〇]{1,5}"
_ITEM_START_RE = re.compile(r"(?:\(" + _CN + r"\)|" + _CN + r"、|\(\d{1,2}\)|\d{1,2}(?:、|\.(?!\d))|第" + _CN
                            + r"(?:条|章|部分)|[①-⑳]|附件|附则)")
_SENTENCE_END = set("。;!?")
# a page's own fields under a title (“发布时间: 2025-04-14”, “来源:…”) start a line of their own, never continue one
_PAGE_FIELD_RE = re.compile(r"^(?:发布时间|发布日期|发布机构|成文日期|来源|时间|日期|字体|作者|浏览次数|点击数)[:：]")
_PARAGRAPH_END = set("。;!?:")
_MIN_WIDTH = 20  # characters: narrower "lines" are lists of names or headings, not a wrapped page


def _full(line: str, width: int) -> bool:
    return width - 4 <= len(line) <= width


_CLAUSE_MARK_RE = re.compile(r"[,，、;；:：]")
_LEAD_NUMBER_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])")


def _clause_line(line: str) -> bool:
    """Whether a line holds a clause's punctuation (an item's own number “一、” is none: contents lines have it)."""
    return bool(_CLAUSE_MARK_RE.search(_LEAD_NUMBER_RE.sub("", line)))


def _wrap_width(lengths: list[int]) -> int:
    """The wrap width: the longest line of the window of five lengths that holds the most lines (justified lines
    vary by a character or two: half-width digits and punctuation)."""
    counts = Counter(lengths)
    top = max(counts, key=lambda n: (sum(counts[m] for m in range(n - 4, n + 1)), n))
    return max(m for m in counts if top - 4 <= m <= top)


def join_wrapped(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    lines = text.split("\n")
    lengths = [len(line) for line in lines if len(line) >= 10]
    if len(lengths) < 5:
        return text, offsets
    width = _wrap_width(lengths)
    full = [line for line in lines if _full(line, width)]
    mixed = False
    if width < _MIN_WIDTH or len(full) < 5 or len(full) * 2 < len(lengths):
        # a budget note's contents and tables around wrapped prose: the width of the lines that hold a clause's
        # punctuation (a title or a heading holds none), a third of the lines or more, and only those lines joined
        clause_lengths = [len(line) for line in lines if len(line) >= 10 and _clause_line(line)]
        if len(clause_lengths) < 8:
            return text, offsets
        width = _wrap_width(clause_lengths)
        full = [line for line in lines if _full(line, width)]
        mixed = True
        if width < _MIN_WIDTH or len(full) < 6:
            return text, offsets  # no common width: paragraphs of their own lengths
        if len(full) < 8 or len(full) * 3 < len(lengths):
            # fewer full lines than a third: a list whose long items alone wrapped (“1、…按照⏎省委…;”, the short
            # items one to a line) — taken only where most full lines break off inside a sentence
            cut_off = sum(1 for line in full if line[-1] not in _PARAGRAPH_END)
            if cut_off < 6 or cut_off * 5 < len(lengths) or cut_off * 4 < len(full) * 3:
                return text, offsets
    if sum(1 for line in full if line[-1] not in _SENTENCE_END) * 2 < len(full):
        return text, offsets  # the lines end where sentences end: one paragraph a line
    drop: set[int] = set()
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        following = lines[i + 1]
        if _full(line, width) and following and not _ITEM_START_RE.match(following) \
                and not _PAGE_FIELD_RE.match(following) \
                and (not mixed or _clause_line(line)):
            drop.add(pos)  # the line break after this line
        pos += 1
    if not drop:
        return text, offsets
    kept = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in kept), [offsets[i] for i in kept]


def collapse_double_spacing(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """A page copied with a blank line after every paragraph (each <p> a paragraph of its own): the blank lines
    carry no structure, so one is taken out of each gap — a list's items become adjacent lines again."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 6:
        return text, offsets
    gaps = [b - a - 1 for a, b in zip(filled, filled[1:], strict=False)]
    if sum(1 for g in gaps if g == 1) * 10 < len(gaps) * 8:
        return text, offsets  # blank lines only here and there: they may end a list or a section
    drop: set[int] = set()
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        if not line.strip() and i > 0 and lines[i - 1].strip() and lines[i + 1].strip():
            drop.add(pos)  # the single blank line's own break
        pos += 1
    kept = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in kept), [offsets[i] for i in kept]


# a list of names cut by a line break inside a name or after its “、” (“…人事科、计划生⏎育科、疾病预防控制科、…”): a
# copy wrapped where the wrap width could not be told (a short text, a few lines), or by a narrow page column
_LIST_TAIL_RE = re.compile(r"(?:^|[。;:：])(?P<tail>[^。;:：]*)$")
_CJK_CHAR_RE = re.compile(r"[\u4e00-\u9fff]")
_NEXT_HEAD_RE = re.compile(r"^[\u4e00-\u9fff()]{1,10}(?:、|。|等)")


def join_broken_lists(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    lines = text.split("\n")
    if len(lines) < 2:
        return text, offsets
    drop: set[int] = set()
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        following = lines[i + 1]
        tail = _LIST_TAIL_RE.search(line)["tail"]
        if (line and following and tail.count("、") >= 2 and (_CJK_CHAR_RE.match(line[-1]) or line[-1] == "、")
                and len(tail.rsplit("、", 1)[1]) <= 8 and not _ITEM_START_RE.match(following)
                and _NEXT_HEAD_RE.match(following)):
            drop.add(pos)
        pos += 1
    if not drop:
        return text, offsets
    kept = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in kept), [offsets[i] for i in kept]
