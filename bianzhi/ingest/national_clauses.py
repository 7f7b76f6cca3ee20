"""Clause rules for ministries' and provincial departments' texts of the 1990s–2000s and their web copies (issue 12,
held-out split heldout14).

Encyclopedia entries and company pages tell a ministry's history (“X是根据…而设立的”, “X是由A、B共同组建而成的”), a
Wikipedia mirror runs its infobox into lines (“机构类型国务院组成部门”, “行政级别正部级”) and states its old 编制 and
bodies in one sentence (“编制定员956人，…部内设A、B…”), an article introduces it as “X，简称Y，是…” and names some of
its 司局 (“下设多个专业司局，例如A、B…等”), and a news item says “X29日上午正式挂牌”. Kept apart from `clauses`,
`fragment_clauses` and `profile_clauses` so that each rule stays one small function the parser calls in one place.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, NATURE_NOUN, RANK, UNIT_SUFFIX, Found, _mask_parens, split_names

# “国土资源部是根据…决定而设立的”, “X是由原A、B…共同组建而成的”: a history sentence whose subject is the unit
FOUNDING_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")(?:是|系)"
                         r"(?:根据|依据|按照|经|由)[^。\n]{2,200}?(?:设立|成立|组建|建立)(?:而成)?的(?=[,，。]|$)")


def founding_subject(text: str) -> Found | None:
    m = FOUNDING_RE.search(text)
    if m is None or re.match(r"^(?:本|该|我|其|各)", m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


# an infobox run into lines: “机构类型国务院组成部门”, “行政级别正部级” (no separator, or a colon)
INFOBOX_NATURE_RE = re.compile(r"(?m)^[ \t]*(?:机构(?:类型|性质)|单位性质|性质)[ \t]*[:：]?[ \t]*(?P<n>[" + CJK + r"]{2,20}?" + NATURE_NOUN + r")[ \t]*$")
INFOBOX_RANK_RE = re.compile(r"(?m)^[ \t]*(?:行政级别|机构级别|机构规格)[ \t]*[:：]?[ \t]*(?P<r>" + RANK + r")[ \t]*$")


def infobox_facts(text: str, nature_re: re.Pattern = INFOBOX_NATURE_RE, rank_re: re.Pattern = INFOBOX_RANK_RE) -> dict:
    """{nature, rank} from an infobox's rows (the patterns name the row layout: group n the class, r the rank)."""
    out = {}
    m = nature_re.search(text)
    if m:
        out["nature"] = Found(m["n"], m.start("n"), m.end("n"))
    m = rank_re.search(text)
    if m:
        out["rank"] = Found(m["r"], m.start("r"), m.end("r"))
    return out


# “编制定员956人” (an old quota wording): an untyped 编制
QUOTA_RE = re.compile(r"编制定员\s*(?P<n>" + NUM + r")\s*(?:人|名)")


def quota_staffing(text: str) -> Found | None:
    m = QUOTA_RE.search(text)
    if m is None:
        return None
    entry = {"type": "其他编制", "raw": "编制定员", "count": to_int(m["n"]), "includes": []}
    return Found(entry, m.start(), m.end())


# “部内设办公厅、计划司、财务局…”: a ministry's bodies in one run; the page may cut the last one off (“…、劳”)
SHORT_SUBJECT_BODIES_RE = re.compile(r"(?:^|(?<=[\n。,，;]))[ \t]*(?:部|局|厅|委|署)(?:机关)?内设(?P<list>[" + CJK + r"()、]{5,300})"
                                     r"(?=[。;\n]|$)")
BODY_NAME_RE = re.compile(r"[" + CJK + r"]{1,12}?(?:" + BODY_SUFFIX + r"|司|局|厅)")


def short_subject_bodies(text: str) -> list[Found]:
    m = SHORT_SUBJECT_BODIES_RE.search(text)
    if m is None or "、" not in m["list"]:
        return []
    pieces, out, pos = m["list"].split("、"), [], m.start("list")
    for n, piece in enumerate(pieces):
        if BODY_NAME_RE.fullmatch(piece):
            out.append(Found(piece, pos, pos + len(piece)))
        elif not (n == len(pieces) - 1 and not text[m.end("list"):].strip()):
            return []  # an item that is no body's name, and not the last one cut off by the page
        pos += len(piece) + 1
    return out if len(out) >= 3 else []


# “中国工业和信息化部，简称工信部，是…组成部门”: the short name as a clause of its own between the unit and its nature
COMMA_SHORT_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")\s*[,，]\s*" + name_forms.SHORT_WORD + r"\s*[:：]?\s*"
                            + name_forms.short_value("s", 2, 10) + r"(?:\s*[,，]\s*(?:又|亦|也)(?:可)?简称[^,，。;]{2,12})?\s*[,，]\s*(?:是|为|系)(?P<n>[^,，。;]{2,40}?" + NATURE_NOUN + r")"
                            r"(?=[,，。;]|$)")


def comma_short_statement(text: str) -> dict | None:
    m = COMMA_SHORT_RE.search(_mask_parens(text))
    if m is None:
        return None
    return {"unit": Found(m["u"], m.start("u"), m.end("u")), "short_name": Found(m["s"], m.start("s"), m.end("s")),
            "nature": Found(m["n"], m.start("n"), m.end("n")), "plaques": []}


# “下设多个专业司局，例如A、B、C等”: the bodies an article names as examples
EXAMPLE_BODIES_RE = re.compile(r"下设(?:多个|若干|众多|各)?[" + CJK + r"]{0,6}?(?:司局|处室|科室|部门|机构)\s*[,，:：]?\s*(?:例如|比如|如|包括)\s*"
                               r"(?P<list>[" + CJK + r"()、]{4,200}?)等")


def example_bodies(text: str) -> list[Found]:
    m = EXAMPLE_BODIES_RE.search(text)
    if m is None:
        return []
    out = split_names(m["list"], m.start("list"), "、", BODY_NAME_RE) or []
    return out if len(out) >= 2 else []


# a news item: “X29日上午10时正式挂牌”, “X今天揭牌” — the body it is about (the longest name: the headline may abbreviate)
OPENING_RE = re.compile(r"(?:^|(?<=[\n。)）电]))[ \t]*(?P<u>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")(?:\d{1,2}日|今天|今日|近日|日前)?"
                        r"(?:上午|下午)?(?:\d{1,2}时(?:\d{1,2}分)?)?(?:正式)?(?:挂牌|揭牌)(?:成立|运行)?(?=[,，。;\s]|$)")


def opening_subject(text: str) -> Found | None:
    best = None
    for m in OPENING_RE.finditer(text):
        if re.match(r"^(?:本|该|我|其|各|新)", m["u"]):
            continue
        if best is None or len(m["u"]) > len(best.value):
            best = Found(m["u"], m.start("u"), m.end("u"))
    return best


# an article on several bodies, one section each: “——林垦部⏎…⏎——情报总署⏎…” (heldout14b). What it says of each is
# no one unit's 三定: the parser then names no unit and lists nothing for one.
SECTION_UNIT_RE = re.compile(r"(?m)^[ \t]*(?:——|—|--|■|●|◆|▲)[ \t]*(?P<u>[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")[ \t]*$")


def several_unit_sections(text: str) -> bool:
    names = {m["u"] for m in SECTION_UNIT_RE.finditer(text)}
    return len(names) >= 2
