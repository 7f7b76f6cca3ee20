"""Clause rules for the shapes the final unseen split (`heldout_final`, issue 12) showed the parser missing.

Budget notes and summaries that clerks paste number a unit's duties “1)”…“7)” each on its own line under a heading
“(一)职能职责”, list the bodies inline “分别是:(1)办公室。(2)X股(Y股)。(3)…” with “。” ending each item, and sometimes
have no title line at all, so that the unit is named only as the subject of the duty paragraph (“X局负责…”). Kept apart
from `clauses`, `budget_clauses` and the other rule modules so that each rule stays one small function the parser calls
in one place.
"""
from __future__ import annotations

import re

from .clauses import BODY_SUFFIX, CJK, UNIT_SUFFIX, Found

# a heading over a unit's duties, on a line of its own: “(一)职能职责”, “1、主要职责:”, “一、部门主要职能”
DUTY_LINE_HEADING_RE = re.compile(r"^[ \t]*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]\s*)?(?:部门|单位)?(?:主要)?"
                                  r"(?:职能职责|职责职能|职责|职能)(?:是|如下|为)?\s*[:]?[ \t]*$")
# an item on its own line numbered with a closing bracket only: “1)协助…”
PAREN_ITEM_RE = re.compile(r"^[ \t]*(?P<n>\d{1,2})\)(?P<item>\S[^\n]*)$")


def line_paren_duties(text: str) -> list[Found]:
    """Duties numbered “1)”, “2)”… each on its own line (blank lines between allowed) under a duty heading line: the
    items in order from 1, at least three; the run ends at the first other non-blank line."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    for i, ln in enumerate(lines):
        if not DUTY_LINE_HEADING_RE.match(ln):
            continue
        items: list[Found] = []
        for j in range(i + 1, len(lines)):
            if not lines[j].strip():
                continue
            m = PAREN_ITEM_RE.match(lines[j])
            if m is None or int(m["n"]) != len(items) + 1:
                break
            value = m["item"].strip()
            s = offsets[j] + m.start("item")
            items.append(Found(value, s, s + len(value)))
        if len(items) >= 3:
            return items
    return []


# “分别是:(1)办公室。(2)河湖长制工作股(水资源股、政策法规股)。(3)…” — bodies numbered “(n)” and each closed by “。”
PERIOD_BODIES_TRIGGER_RE = re.compile(r"(?:分别是|分别为|包括|设有|具体是|具体为)\s*[:]\s*(?=[(（]1[)）])")
PERIOD_BODY_RE = re.compile(r"[(（](?P<n>\d{1,2})[)）](?P<name>[" + CJK + r"]{2,20}?" + BODY_SUFFIX
                            + r"(?:[(（][" + CJK + r"、,]{2,40}[)）])?)。")


def period_bodies(text: str) -> list[Found]:
    """Bodies listed inline after “分别是:” as “(1)X。(2)Y。…”, numbered in order from 1, each a body name (with an
    optional bracketed second name) closed by “。”; at least two; an item cut off by the page (no “。”) is left out."""
    for trig in PERIOD_BODIES_TRIGGER_RE.finditer(text):
        pos = trig.end()
        items: list[Found] = []
        while True:
            m = PERIOD_BODY_RE.match(text, pos)
            if m is None or int(m["n"]) != len(items) + 1:
                break
            items.append(Found(m["name"], m.start("name"), m.end("name")))
            pos = m.end()
        if len(items) >= 2:
            return items
    return []


# the first line under a duty heading opening with the unit as subject: “咸安区水利和湖泊局负责保障…”
SUBJECT_UNIT_RE = re.compile(r"[ \t]*(?P<u>(?![本该我其])[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")(?:主要)?负责")


def duty_subject_unit(text: str) -> Found | None:
    """The unit named only as the subject of the duty paragraph right under a duty heading line (“1、主要职责:⏎X局
    负责…”), for a page with no title line; the name must carry a place or proper name before its type (at least
    four characters: “本局”, “该中心” are not names)."""
    pos = 0
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        start = pos
        pos += len(ln) + 1
        if not DUTY_LINE_HEADING_RE.match(ln) or i + 1 >= len(lines):
            continue
        nxt = lines[i + 1]
        m = SUBJECT_UNIT_RE.match(nxt)
        if m is None or len(m["u"]) < 4:
            continue
        s = start + len(ln) + 1 + m.start("u")
        return Found(m["u"], s, s + len(m["u"]))
    return None


# a kind of body that exists in every town or district, named without a place: an article about the kind, not a unit
GENERIC_UNIT_RE = re.compile(r"(?:街道办事处|街道办|(?:乡镇|乡|镇)(?:人民)?政府|(?:社区)?居民委员会|村民委员会|居委会|村委会)")


def generic_unit(unit: str | None) -> bool:
    """True when the unit read is only the name of a kind of grass-roots body (“街道办事处作为市辖区…的派出机关” in an
    article on 街道办 in general), with no place or proper name before it."""
    return bool(unit) and GENERIC_UNIT_RE.fullmatch(unit) is not None


# a section heading of a budget note's 概况 read as a numbered item: “(一)主要职能是:” … “(二)人员构成情况”
SECTION_HEADING_ITEM_RE = re.compile(r"^(?:部门|单位)?(?:主要职能|主要职责|主要工作职责|职能简介|人员构成|人员编制|机构设置|"
                                     r"编制及人员|编制配备|人员|\d{4}年度?重点工作)(?:是|情况|[及和][" + CJK + r"]{2,6}情况)?\s*[:]?")
OTHER_SECTION_RE = re.compile(r"^(?:部门|单位)?(?:(?:人员构成|人员编制|机构设置|编制及人员|编制配备|人员)(?:[及和][" + CJK + r"]{2,4})?"
                              r"(?:情况)|\d{4}年度?重点工作)")


def heading_items(duties: list[str]) -> bool:
    """True when the duties read are the numbered section headings of a note's 概况 run into one line (“(一)主要职能是:
    负责…(二)人员构成情况 …”): every item opens with such a heading and one of them is a heading of another section
    (staff, structure), so the items are no list of duties."""
    return len(duties) >= 2 and all(SECTION_HEADING_ITEM_RE.match(d) for d in duties) \
        and any(OTHER_SECTION_RE.match(d) for d in duties)


# a budget note's title at the start of one of its first lines, the report run in after it or a table bar: “2020 年 X
# 部门预算 目 录 第一部分…”, “X 2021 年度决算公开说明 (目录) …”, “X2023年度部门决算 |”
RUN_IN_UNIT = r"(?!第[一二三四五六七八九十\d]+部分)[" + CJK + r"()]{3,40}?(?:" + UNIT_SUFFIX[3:-1] + r"|小学|中学|幼儿园)"
RUN_IN_NOTE_RE = re.compile(
    r"[ \t]*(?:(?P<y1>\d{4}[ \t]*年度?)[ \t]*(?P<u1>" + RUN_IN_UNIT + r")[ \t]*(?P<k1>(?:部门|单位)(?:预算|决算))"
    r"|(?P<u2>" + RUN_IN_UNIT + r")[ \t]*(?P<y2>\d{4}[ \t]*年度?)[ \t]*(?P<k2>(?:部门|单位)?(?:预算|决算)"
    r"(?:公开说明|编制说明|情况说明|概况及说明|概况和说明|公开)?))"
    r"(?=[ \t]*(?:$|\||[(（]?目[ \t]*录))", re.M)


def run_in_note_title(text: str, max_lines: int = 4) -> tuple[Found, Found] | None:
    """(title, unit) of a budget or final-accounts note whose title opens one of its first lines with the report run
    in after it (a document-sharing site's text: the file name on line one) or a table bar after it; the title's
    white space is dropped (“2020 年 X 部门预算” → “2020年X部门预算”)."""
    pos = 0
    seen = 0
    for raw in text.split("\n"):
        if raw.startswith("#"):  # a source note kept with a pasted text
            pos += len(raw) + 1
            continue
        seen += 1
        if seen > max_lines:
            break
        m = RUN_IN_NOTE_RE.match(raw)
        if m is not None:
            u = "u1" if m["u1"] else "u2"
            title = re.sub(r"\s+", "", m.group(0))
            s = pos + m.start(0) + len(m.group(0)) - len(m.group(0).lstrip())
            unit = Found(m[u], pos + m.start(u), pos + m.end(u))
            return Found(title, s, pos + m.end(0)), placed_name(text, unit)
        pos += len(raw) + 1
    return None


def placed_name(text: str, unit: Found) -> Found:
    """The unit's name as the text gives it elsewhere with its city or province (two characters and 市/州/省/盟) right
    before it: “曾都区X处” → “随州市曾都区X处”; else the name as read."""
    for m in re.finditer(r"(?P<p>[" + CJK + r"]{2}[省市州盟])" + re.escape(unit.value), text):
        if not unit.value.startswith(m["p"][-1]):
            return Found(m["p"] + unit.value, m.start("p"), m.end(0))
    return unit


# an encyclopedia entry's table chrome: “词条 | X |” on the first line names the entry
ENTRY_ROW_RE = re.compile(r"(?m)^[ \t]*(?:词条|条目|词目)[ \t]*\|[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX
                          + r")[ \t]*\|?[ \t]*$")
# “X的机构规格为正科级全额拨款事业单位”: rank and class in one clause
GRADE_CLASS_RE = re.compile(r"(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")的机构规格(?:为|是)"
                            r"(?P<r>(?:正|副)?(?:省部|厅局|司局|县处|乡科|处|科|股)级)"
                            r"(?P<n>(?:(?:全额|差额)(?:拨款)?|自收自支|公益[一二三]类)?(?:事业单位|行政机关|参照公务员法管理[" + CJK
                            + r"]{0,4}事业单位))?")


def entry_unit(text: str) -> Found | None:
    """The unit an encyclopedia entry is about, from its “词条 | X |” row."""
    m = ENTRY_ROW_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def grade_clause(text: str, unit: str) -> tuple[Found | None, Found | None]:
    """(rank, nature) from “X的机构规格为正科级全额拨款事业单位” where X is the unit (or its name as written)."""
    for m in GRADE_CLASS_RE.finditer(text):
        if m["u"] == unit or m["u"].endswith(unit) or unit.endswith(m["u"]):
            rank = Found(m["r"], m.start("r"), m.end("r"))
            nature = Found(m["n"], m.start("n"), m.end("n")) if m["n"] else None
            return rank, nature
    return None, None


# a menu item of the page's navigation: “- 发展报告”
MENU_ITEM_RE = re.compile(r"^[-·•*][ \t]*[" + CJK + r"]{2,8}$")
# page chrome glued before a note's title: “下载安装Flash播放器X2011年部门预算”, “【打印】【关闭】X2020年部门决算”
CHROME_TITLE_RE = re.compile(r"(?m)^[ \t]*(?:[^\n]{0,30}?(?:播放器|视频播放位置|【?打印】?|【?关闭】?|分享到))[ \t]*"
                             r"(?P<t>(?P<u>" + RUN_IN_UNIT + r")[ \t]*\d{4}[ \t]*年度?[ \t]*(?:部门|单位)?(?:预算|决算)"
                             r"(?:公开说明|编制说明|情况说明|公开)?)[ \t]*$")


def menu_item(title: str | None) -> bool:
    """True for a navigation menu item (“- 发展报告”) read as a title."""
    return bool(title) and MENU_ITEM_RE.match(title) is not None


def chrome_title(text: str) -> tuple[Found, Found] | None:
    """(title, unit) of a budget note whose title line has page chrome glued in front (“下载安装Flash播放器X2011年部门
    预算”)."""
    m = CHROME_TITLE_RE.search(text)
    if m is None:
        return None
    return Found(re.sub(r"\s+", "", m["t"]), m.start("t"), m.end("t")), Found(m["u"], m.start("u"), m.end("u"))


_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# “X的内部机构设置清晰…主要设有三个职能处:” then one line per body “秘书处: 作为…”
COUNTED_LEAD_RE = re.compile(r"(?:设有?|设置|包括)(?P<n>\d{1,2}|[两二三四五六七八九十])个(?:职能|内设|业务)?"
                             r"(?:处|科|股|室|部门|处室|科室|股室|机构)[:][ \t]*\n")
BODY_PARAGRAPH_RE = re.compile(r"[ \t]*(?P<name>[" + CJK + r"]{1,12}?" + BODY_SUFFIX + r")[ \t]*[:][ \t]*\S")
STRUCTURE_SUBJECT_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")的内部?机构(?:设置)?")


def paragraph_bodies(text: str) -> list[Found]:
    """Bodies named one a paragraph after a counted lead “…主要设有三个职能处:”, each paragraph opening “X处: …”; the
    number of paragraphs that follow must be the number the lead gives."""
    for lead in COUNTED_LEAD_RE.finditer(text):
        n = int(lead["n"]) if lead["n"].isdigit() else _CN_COUNT[lead["n"]]
        items: list[Found] = []
        pos = lead.end()
        for raw in text[pos:].split("\n"):
            if len(items) == n:
                break
            if raw.strip():
                m = BODY_PARAGRAPH_RE.match(raw)
                if m is None:
                    break
                items.append(Found(m["name"], pos + m.start("name"), pos + m.end("name")))
            pos += len(raw) + 1
        if len(items) == n and n >= 2:
            return items
    return []


def structure_subject(text: str) -> Found | None:
    """The unit as the subject of a structure paragraph that opens a line: “X的内部机构设置清晰,…”."""
    m = STRUCTURE_SUBJECT_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None
