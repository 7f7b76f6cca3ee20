"""Clause rules for a unit's own pages that list its bodies or duties without a 三定's wording (issue 12, `heldout33`).

The unseen splits' fragments were weakest on pages a 事业单位 or a department publishes about itself: its bodies given as
a page's list and its duties numbered in ways no other rule knew. The first run of `heldout33` showed these shapes:

- bodies one a line under a heading of their own (“机构设置⏎⏎办公室⏎⏎文艺活动部 d8~6xS,+9II…”), each followed by a
  site's anti-copy string (ASCII letters and signs after a space) and a name that may open with a quote (“非遗”…);
- a list closed by its count and no 等: “下设A、B、…、N14个工作部门” (as many names as the count);
- a list closed by “等部门”, “等科室” after “下设”, when the page is one unit's (“下设编辑部、新媒体部、运维部、办公室等部门”);
- duties numbered in a way the numbered readers do not take: “1·依法保护…”, “1   对全省…” (a digit and spaces only,
  which the extractor glues to the text: “1对全省…”), items from 1 in order, each opening with a duty verb; of a page that
  gives its 党委's duties and its own in two groups (“(一)X党委主要职责。1…(二)X主要职责。1…”), the unit's own group, and
  the unit named by the page's heading line “一、陕西省X:”;
- duties “(1)负责…;” under a heading “2. 职责范围” (a section heading of an article on one unit);
- a news item's unit as the subject of “X作为…” when the text names X again;
- “正式编制380名” (其他编制, the raw wording kept).

And two shapes that must give nothing:

- a chronicle's section on several units at once, one paragraph each opening with its name (“中山市殡葬管理处1993年成立,…
  ⏎⏎中山市殡仪馆始建于1965年,…”): no one unit's facts;
- a unit read as “这类部门…” (a demonstrative is no name), or as the name of one of the bodies the page lists
  (“(1)办公室。办公室是图书馆科学管理的核心机构”).

Kept apart from the other rule modules; the parser calls `apply` once, after `entry_clauses`. Every rule works on the NFKC
text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import BODY_SUFFIX, CJK, UNIT_SUFFIX, Found, staffing_entry
from .entry_clauses import _company_clause, _names, _split
from .pasted_clauses import core_name
from .unnumbered_clauses import DUTY_VERB_RE
from .webcopy_clauses import _clear, _set

# a heading line announcing the bodies: “机构设置”, “内设机构:”, “科室设置”
LIST_HEADING_RE = re.compile(r"(?m)^[ \t]*(?:内设机构|机构设置|内设科室|科室设置|部室设置|处室设置)[ \t]*[:]?[ \t]*$")
# one body a line: the name (it may open with a quoted part, “非遗”保护中心办公室), then nothing or a site's anti-copy
# string after spaces (ASCII letters, digits and signs, no CJK)
BODY_LINE_RE = re.compile(r"^(?P<name>(?:“[" + CJK + r"]{1,8}”)?[" + CJK + r"]{1,20}?" + BODY_SUFFIX + r")"
                          r"(?:[ \t]+[!-~]{4,})?[ \t]*$")
# “下设A、B、…、N14个工作部门”: a list closed by its count
COUNT_CLOSED_RE = re.compile(r"(?:下设|内设|设有|设置)(?!\s*" + NUM + r"\s*个)(?P<list>[" + CJK + r"、()]{4,400}?)(?<![等、])\s*"
                             r"(?P<n>" + NUM + r")\s*个(?:工作|职能|业务|内设)?(?:部门|机构|科室|部室|股室|处室)")
# “下设编辑部、新媒体部、运维部、办公室等部门”
UNDER_KIND_RE = re.compile(r"下设(?P<list>[" + CJK + r"、()]{4,300}?)等(?:部门|科室|部室|机构|职能部门|内设机构)(?![" + CJK + r"]{0,2}单位)")
# duties numbered “1·…” or “1   …” (the extractor glues a digit and spaces to the text): the number at a line's start
ODD_NUMBER_RE = re.compile(r"(?m)^[ \t]*(?P<n>\d{1,2})(?:·|[ \t]{2,}|(?=[" + CJK + r"]))(?P<body>[^\n]+)$")
# a group heading of duties: “(一)省国防科技工业办公室党委主要职责。”
GROUP_HEADING_RE = re.compile(r"^[ \t]*\([一二三四五六七八九十]{1,2}\)(?P<who>[" + CJK + r"()]{2,30}?)(?:的)?主要职责[。:]?[ \t]*$")
PARTY_RE = re.compile(r"(?:党委|党组|党支部|党总支|机关党委)$")
# a page's heading line naming the unit: “一、陕西省国防科技工业办公室:”
UNIT_HEADING_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,2}、(?P<u>[" + CJK + r"]{2,8}?(?:省|市|县|区|州|旗)[" + CJK + r"]{2,24}?"
                             + UNIT_SUFFIX + r")[:]?[ \t]*$")
# a section heading over duties: “2. 职责范围”, “职责范围”
SCOPE_HEADING_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.、][ \t]*|[一二三四五六七八九十]{1,2}、)?(?:主要)?职责范围[ \t]*[:]?[ \t]*$")
PAREN_ITEM_RE = re.compile(r"^[ \t]*\((?P<n>\d{1,2})\)(?P<body>[^\n]+)$")
# a news item's subject: “扎兰屯市融媒体中心作为全区…试点”
AS_SUBJECT_RE = re.compile(r"(?:^|[。\n])[ \t]*(?P<u>[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗)[" + CJK + r"]{2,16}?" + UNIT_SUFFIX + r")作为")
# “正式编制380名”
FORMAL_STAFFING_RE = re.compile(r"正式编制\s*(?P<n>" + NUM + r")\s*名")
# a chronicle's paragraph on one unit: “中山市殡仪馆始建于1965年,…”
UNIT_PARAGRAPH_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗)[" + CJK + r"]{2,20}?(?:处|馆|所|局|中心|院|站|队))"
                               r"(?=\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?,?(?:成立|设立|组建)|始建于|成立于|位于)")
# a numbered step's title, not a duty: “1拟定方案。根据…” (①, NFKC)
STEP_TITLE_RE = re.compile(r"^[" + CJK + r"]{2,6}[。:]")
# “。为X管理的全额拨款事业单位(公益一类)。”: a class with no subject, its 公益 class in a bracket after it
SUBJECTLESS_BRACKET_RE = re.compile(r"(?:^|(?<=[。;]))[ \t]*为(?P<n>[^。;,\n为是]{2,50}?事业单位\(公益[一二三]类\))(?=[。;,])", re.M)
# numbered kinds defined one by one, not duties: “(1)行政管理组织。即各级民政部门设立的…”
DEFINED_KIND_RE = re.compile(r"^[" + CJK + r"]{2,10}[。:](?:即|主要指|是指|指的是)")
# an article on a kind of body: “本文将详细介绍文化馆的部门构成…”
ARTICLE_RE = re.compile(r"本文(?:将|从|试图|旨在)")
PLACE_START_RE = re.compile(r"^(?:[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗|镇|乡)|我|本|中国|国家)")
DEMONSTRATIVE_RE = re.compile(r"^(?:这类|这些|该类|此类|各类|这个|那些|其他)")


def heading_lines(text: str) -> list[Found]:
    """The bodies one a line under a heading line of their own (blank lines between them allowed)."""
    for m in LIST_HEADING_RE.finditer(text):
        found, pos = [], m.end()
        for line in text[pos:].split("\n")[1:]:
            start = text.find(line, pos) if line else pos
            pos = start + len(line) + 1 if line else pos + 1
            if not line.strip():
                continue
            b = BODY_LINE_RE.match(line.strip())
            if b is None:
                break
            lead = len(line) - len(line.lstrip())
            found.append(Found(b["name"], start + lead, start + lead + len(b["name"])))
        if len(found) >= 2:
            return found
    return []


def count_closed(text: str) -> list[Found]:
    """“下设A、B…N14个工作部门”, the one list of a page on one unit (an article that lists several units' bodies, with
    “内设”/“下设” again and again, is not one unit's)."""
    matches = list(COUNT_CLOSED_RE.finditer(text))
    if len(matches) != 1 or len(re.findall(r"内设|下设", text)) > 2:
        return []
    for m in matches:
        if _company_clause(text, m.start()):
            continue
        found = _split(text, m.start("list"), m["list"])
        if to_int(m["n"]) == len(found) and _names(found):
            return found
    return []


def under_kind(text: str, unit: str | None) -> list[Found]:
    if not unit:
        return []
    for m in UNDER_KIND_RE.finditer(text):
        if _company_clause(text, m.start()):
            continue
        found = _split(text, m.start("list"), m["list"])
        if _names(found) and all(re.search(r"(?:部|室|科|股|处|中心)$", f.value) for f in found):
            return found
    return []


def _runs(text: str, item_re: re.Pattern) -> list[tuple[int, list[Found]]]:
    """Runs of lines numbered from 1 in order (a line of another kind ends a run): (start of the run's first line, items)."""
    runs: list[tuple[int, list[Found]]] = []
    current: list[Found] = []
    first = -1
    pos = 0
    for line in text.split("\n"):
        m = item_re.match(line)
        if m is not None and to_int(m["n"]) == len(current) + 1:
            if not current:
                first = pos
            off = pos + m.start("body")
            current.append(Found(m["body"].strip(), off, off + len(m["body"].strip())))
        else:
            if len(current) >= 2:
                runs.append((first, current))
            current = []
            if m is not None and to_int(m["n"]) == 1:
                first = pos
                off = pos + m.start("body")
                current = [Found(m["body"].strip(), off, off + len(m["body"].strip()))]
        pos += len(line) + 1
    if len(current) >= 2:
        runs.append((first, current))
    return [(s, items) for s, items in runs
            if all(DUTY_VERB_RE.match(f.value) and not STEP_TITLE_RE.match(f.value) for f in items)]


def odd_numbered_duties(text: str) -> tuple[list[Found], str | None]:
    """Duties numbered “1·”/“1   ”: of several groups, the one not headed as a 党委's; with the name its heading gives."""
    runs = _runs(text, ODD_NUMBER_RE)
    if not runs:
        return [], None
    headed = []
    for start, items in runs:
        prev = text[:max(0, start - 1)].rsplit("\n", 1)[-1]
        g = GROUP_HEADING_RE.match(prev)
        headed.append((g["who"] if g else None, items))
    if len(headed) == 1:
        return headed[0][1], headed[0][0]
    own = [(who, items) for who, items in headed if who and not PARTY_RE.search(who)]
    if len(own) == 1 and all(who for who, _ in headed):
        return own[0][1], own[0][0]
    return [], None


def scope_duties(text: str) -> list[Found]:
    """“2. 职责范围⏎(1)负责…;⏎(2)…”: the items under a 职责范围 heading."""
    m = SCOPE_HEADING_RE.search(text)
    if m is None:
        return []
    runs = _runs(text[m.end() + 1:], PAREN_ITEM_RE)
    if not runs or runs[0][0] != 0:
        return []
    off = m.end() + 1
    return [Found(f.value, f.start + off, f.end + off) for f in runs[0][1]]


def several_units(text: str) -> bool:
    """A chronicle's section on several units, one paragraph each opening with its full name."""
    names = {m["u"] for m in UNIT_PARAGRAPH_RE.finditer(text)}
    return len(names) >= 2 and not any(a != b and a.endswith(b) for a in names for b in names)


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `add_bodies()`)."""
    data = b.data
    if several_units(text):  # a chronicle's section on several units: no one unit's facts
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques", "duties", "internal_bodies", "staffing", "posts",
                   "internal_leadership"))
        b.meta.pop("numbered_bodies", None)
        return
    if not data.get("unit"):  # “X作为…” in a news item that names X again
        m = AS_SUBJECT_RE.search(text)
        if m is not None and text.count(m["u"]) >= 2:
            _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")))
    if not data["internal_bodies"]:
        found = heading_lines(text) or count_closed(text) or under_kind(text, data.get("unit"))
        if found:
            b.add_bodies(found)
    # duties numbered “1·”/“1   ”; a page giving its 党委's duties and its own in two groups replaces what was read
    grouped = bool(data["duties"]) and all(re.match(r"^[" + CJK + r"()]{2,30}?主要职责。\d", d) for d in data["duties"])
    if not data["duties"] or grouped:
        found, who = odd_numbered_duties(text)
        if found:
            b.clear_items("duties")
            b.add_items("duties", found)
            unit = data.get("unit") or ""
            if who and PARTY_RE.search(unit) and unit.startswith(who):
                heading = UNIT_HEADING_RE.search(text)
                if heading is not None and heading["u"].endswith(who):
                    _set(b, "unit", Found(heading["u"], heading.start("u"), heading.end("u")), replace=True)
    if not data["duties"]:
        found = scope_duties(text)
        if found:
            b.clear_items("duties")
            b.add_items("duties", found)
    if not data["staffing"]:
        m = FORMAL_STAFFING_RE.search(text)
        if m is not None and data.get("unit"):
            data["staffing"].append(staffing_entry("正式编制", to_int(m["n"])))
            b.span("staffing[0]", m.start(), m.end("n"))
    if data.get("unit") and not data.get("nature"):  # “X由…组建。为Y管理的全额拨款事业单位(公益一类)。”
        m = SUBJECTLESS_BRACKET_RE.search(text)
        if m is not None and core_name(data["unit"]) in text[text.rfind("\n", 0, m.start()) + 1:m.start()]:
            _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")))
    if data["duties"] and all(DEFINED_KIND_RE.match(d) for d in data["duties"]):  # kinds defined one by one
        _clear(b, ("duties",))
    unit = data.get("unit")
    if unit and len(unit) <= 4 and not PLACE_START_RE.match(unit) and ARTICLE_RE.search(text[:600]) \
            and text.count(unit) >= 3:  # an article on a kind of body (“本文将详细介绍文化馆的部门构成”)
        _clear(b, ("unit", "nature", "internal_bodies"))
        b.meta.pop("numbered_bodies", None)
    unit = data.get("unit")
    if unit and (DEMONSTRATIVE_RE.match(unit) or unit in {body["name"] for body in data["internal_bodies"]}):
        _clear(b, ("unit", "nature"))  # “这类部门负责县委…”; “(1)办公室。办公室是图书馆…的核心机构”
