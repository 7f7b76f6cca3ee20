"""Clause rules for county, township and street texts as clerks paste them (issue 12, held-out split heldout19).

A township's budget note groups its duties under the party and the government (“1.党委工作职责:(1)…(2)… 2.政府职责:
(1)…”); a page cut off by the store leaves a duty list with its first item only (“主要职责是:⏎1.指导…”); a county
party department's note names it in full in its statement and by its usual short form in the title (“中国共产党X县
委员会组织部(简称:县委组织部)是…” under “中共X县委组织部2021年…”); a Yunnan-style budget page's first title is
“X2026年预算公开目录”; a newspaper reports a township's new bodies (“X乡举行11个新设置机构揭牌仪式…新设置11个机构:
A、…和K”); a district budget note opens on its subject (“一、基本情况⏎文体局主要负责…”); and a first-person Q&A answer
(“我是一名乡镇政府公务员,试着来回答一下”) speaks of kinds of bodies, not of one unit. Kept apart from the other clause
modules so that each rule stays one small function `apply` calls in one place.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import CJK, UNIT_SUFFIX, Found
from .county_clauses import untyped_staffing
from .webcopy_clauses import BODY_NAME_RE, NOT_A_NAME_RE, _clear, _list_items, _set, _two_bodies

# a duty that is a group heading with its items run in: “党委工作职责:(1)保证…。(2)…”, “政府职责:(1)…”
GROUP_DUTY_RE = re.compile(r"^(?P<g>[" + CJK + r"]{2,10}?(?:职责|职能))\s*:\s*(?=\(1\))")
ITEM_MARK_RE = re.compile(r"\((?P<n>\d{1,2})\)")

# a duty list cut off by the page after its first item: “主要职责是:⏎1.指导…组织开”, “具体为:⏎(1)指导…扶持体现社”
CUT_FIRST_DUTY_RE = re.compile(
    r"(?:主要职责|主要职能|具体职责|职责)(?:是|为|如下)?\s*:|具体(?:为|是|包括)\s*:")
FIRST_ITEM_RE = re.compile(r"\s*(?:1[.、]|\(1\)|\(一\))[ \t]*(?P<d>[^\n]{4,})\s*$")

# the full name a party department's statement gives, of which the unit read is the usual short form
PARTY_FULL_RE = re.compile(r"中国共产党[" + CJK + r"]{2,20}?(?:省|市|县|区|州|旗|盟)委员会[" + CJK + r"]{1,16}?" + UNIT_SUFFIX
                           + r"(?=\s*\(\s*" + name_forms.SHORT_WORD + r"|\s*(?:是|为|系))")

# “X2026年预算公开目录”, “X2021年预算公开目录及部门预算编制说明”, “X2022年度部门决算目录”: a budget page's first title line
CATALOGUE_TITLE_RE = re.compile(r"(?!第[一二三四五六七八九十\d]+部分)(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")\s*\d{4}年度?(?:部门)?(?:预算|决算)(?:公开)?目录"
                                r"(?:及(?:部门)?(?:预算|决算)(?:编制说明|情况说明|公开说明))?")

# a township's ceremony for its new bodies: “6月24日,扶沟县大李庄乡举行11个新设置机构揭牌仪式”
TOWNSHIP_CEREMONY_RE = re.compile(r"(?:^|(?<=[\n。,]))[ \t]*(?P<u>[" + CJK + r"]{2,20}?(?:乡|镇|街道|街道办事处))"
                                  r"(?:举行|举办)[^。,\n]{0,24}?(?:揭牌|挂牌)仪式")
# “新设置11个机构:A、B、…和K(如图)。”, “设置党政机构7个:A、…”: the bodies a township was given, counted
NEW_BODIES_RE = re.compile(
    r"(?:新设置|新设立|新设|设置|设立|组建)[ \t]*(?:(?P<n>" + NUM + r")[ \t]*个)?[ \t]*(?:新|综合性|综合|党政|工作|内设|职能|办事)*"
    r"(?:机构|办公室|工作机构|内设机构)(?:(?P<n2>" + NUM + r")[ \t]*个)?[ \t]*:[ \t]*"
    r"(?P<list>[" + CJK + r"()、]{2,400}?)(?=(?:\(如图\))?[,。;\n]|$)")

# “(一)绵竹市清平镇人民政府主要职能。”: a duty heading that names the unit
HEADING_UNIT_RE = re.compile(r"(?m)^[ \t]*(?P<mark>\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d{1,2}[.、])?[ \t]*"
                             r"(?P<u>[" + CJK + r"()]{4,30}?" + UNIT_SUFFIX + r")的?"
                             r"(?:主要职能|主要职责|职能职责|职能简介|职责简介|机构职能|部门职责)[ \t]*[:。]?[ \t]*$")

# a 公文's title line, its 文号 line and its addressee line: “X…情况报告⏎靖水字〔2022〕152号⏎中共靖宇县委办公室:”
REPORT_TITLE_RE = re.compile(r"(?m)^[ \t]*(?P<t>[" + CJK + r"()“”、\d]{6,80}?(?:报告|请示|总结|意见|函))[ \t]*\n"
                             r"[ \t]*[" + CJK + r"]{1,12}[〔\[(【]\d{4}[〕\])】][ \t]*\d{1,4}[ \t]*号[ \t]*\n"
                             r"[ \t]*[" + CJK + r"()、]{2,60}:[ \t]*$")
# the body a report's title opens on; “…工作总结/工作报告/情况报告” on its own work makes it the unit
REPORT_OWNER_RE = re.compile(r"(?P<u>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")(?=\d{4}年|关于)"
                             r"(?P<own>(?=[^\n]*(?:工作总结|工作报告|情况报告)))?")

# a budget title that names its unit: “李宅乡人民政府部门2024年部门预算”, “X2023年度部门决算公开说明”
BUDGET_TITLE_UNIT_RE = re.compile(r"(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")(?:部门)?\d{4}年度?(?:部门|单位)?(?:预算|决算)")

# a budget note's subject at the head of its 基本情况: “一、基本情况⏎文体局主要负责…”
SITUATION_SUBJECT_RE = re.compile(
    r"(?m)^[ \t]*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))?[ \t]*(?:基本情况|单位概况|部门概况|单位基本情况|部门基本情况)"
    r"[ \t]*\n[ \t]*(?P<u>[" + CJK + r"]{2,12}?" + UNIT_SUFFIX + r")(?:主要负责|负责|主要职责是|的主要职责是)")

# a first-person answer on a Q&A site: “我是一名乡镇政府公务员,试着来回答一下。”
FIRST_PERSON_RE = re.compile(r"我是一名[" + CJK + r"]{2,20}|(?:试着|来)回答一下|谢邀")
PLACE_RE = re.compile(r"省|市|县|区|州|盟|旗|乡|镇|街道|自治|中华人民共和国|国家|中国|中共")


def grouped_duties(duties: list[str]) -> list[tuple[int, list[tuple[str, int]]]] | None:
    """For each duty that is a group heading with items run in (“党委工作职责:(1)A。(2)B。”), its items with their
    offsets inside the duty; None when no duty is such a group."""
    out, any_group = [], False
    for i, duty in enumerate(duties):
        m = GROUP_DUTY_RE.match(duty)
        if m is None:
            continue
        marks = [mk for mk in ITEM_MARK_RE.finditer(duty, m.end())]
        # the items must run 1, 2, 3…; a “(3)” quoted inside an item's text would break the count
        numbers = [int(mk["n"]) for mk in marks]
        if numbers != list(range(1, len(numbers) + 1)):
            continue
        items = []
        for k, mk in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(duty)
            item = duty[mk.end():end].strip()
            if item:
                items.append((item, mk.end()))
        if items:
            out.append((i, items))
            any_group = True
    return out if any_group else None


def cut_first_duty(text: str) -> Found | None:
    """The one duty of a list cut off by the page after its first item: the heading “主要职责是:” (or “具体为:”),
    then item 1 as the last line of the text, no item 2."""
    for m in CUT_FIRST_DUTY_RE.finditer(text):
        item = FIRST_ITEM_RE.match(text, m.end())
        if item is not None:
            return Found(item["d"].strip(), item.start("d"), item.start("d") + len(item["d"].strip()))
    return None


def party_full_name(text: str, unit: str | None) -> Found | None:
    """“中国共产党永德县委员会组织部(简称:县委组织部)是…” when the unit read is its short form “中共永德县委组织部”."""
    if not unit:
        return None
    for m in PARTY_FULL_RE.finditer(text):
        short = re.sub(r"(省|市|县|区|州|旗|盟)委员会", r"\1委", m.group(0).replace("中国共产党", "中共", 1))
        if short == unit:
            return Found(m.group(0), m.start(), m.end())
    return None


def catalogue_title(text: str, max_lines: int = 40) -> Found | None:
    """A budget page's first title line “X2026年预算公开目录(及部门预算编制说明)” (a line of its own, or run in after the
    page's “监督索引号…” when a copy was reflowed)."""
    pos = 0
    for raw in text.split("\n")[:max_lines]:
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        index = re.match(r"监督索引号\s*\d+\s*", line)  # a reflowed copy runs the index number into the title line
        if index is not None:
            line, start = line[index.end():], start + index.end()
        if CATALOGUE_TITLE_RE.fullmatch(line):
            return Found(line, start, start + len(line))
    return None


def township_ceremony(text: str) -> Found | None:
    """The township or street whose new bodies a news item reports: “X乡举行11个新设置机构揭牌仪式”."""
    for m in TOWNSHIP_CEREMONY_RE.finditer(text):
        if NOT_A_NAME_RE.match(m["u"]) or "、" in m["u"]:
            continue
        return Found(m["u"], m.start("u"), m.end("u"))
    return None


def new_bodies(text: str) -> list[Found]:
    """“新设置11个机构:A、…和K(如图)。”, “设置1个综合办事机构:X。设置4个内设机构:A、B、C、D。”: the bodies of every
    such list in which as many names as the count are listed and each is a body's name (“统一设置2个事业单位:…” is no
    list of bodies)."""
    out: list[Found] = []
    for m in NEW_BODIES_RE.finditer(text):
        raw = m["n"] or m["n2"]
        if raw is None:
            continue
        count = to_int(raw)
        for split_and in (True, False):
            items = _list_items(m["list"], m.start("list"), split_and)
            if len(items) == count and all(BODY_NAME_RE.fullmatch(f.value) and not _two_bodies(f.value) for f in items):
                out.extend(items)
                break
    return out


def heading_unit(text: str) -> Found | None:
    """“(一)绵竹市清平镇人民政府主要职能。”: the unit a duty heading names."""
    # (a heading without its number names the unit only with its place: “办公室主要职责:” is a body's)
    m = next((m for m in HEADING_UNIT_RE.finditer(text) if m["mark"] or PLACE_RE.search(m["u"])), None)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def report_title(text: str) -> tuple[Found, Found | None, Found | None] | None:
    """(title, organ, unit) of a 公文 laid out as its title line, its 文号 line and its addressee (“X2022年工作总结及2023
    工作安排情况报告⏎靖水字〔2022〕152号⏎中共靖宇县委办公室:”): the organ is the body the title opens on, and so is the
    unit when the title is that body's report on its own work."""
    m = REPORT_TITLE_RE.search(text)
    if m is None:
        return None
    title = Found(m["t"], m.start("t"), m.end("t"))
    own = REPORT_OWNER_RE.match(m["t"])
    if own is None:
        return title, None, None
    organ = Found(own["u"], m.start("t"), m.start("t") + len(own["u"]))
    unit = organ if own["own"] is not None else None
    return title, organ, unit


def situation_subject(text: str) -> Found | None:
    """“一、基本情况⏎文体局主要负责…”: the unit a budget note's 基本情况 opens on."""
    m = SITUATION_SUBJECT_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def first_person_answer(text: str, unit: str | None) -> bool:
    """True for a first-person Q&A answer (“我是一名乡镇政府公务员,试着来回答一下”) whose unit read names no place:
    the answer speaks of kinds of bodies (“行政办公室是镇政府的组成部门”), not of one unit."""
    return bool(unit) and PLACE_RE.search(unit) is None and FIRST_PERSON_RE.search(text[:300]) is not None


def apply(b, text: str) -> None:
    """The heldout19 rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    if first_person_answer(text, data.get("unit")):  # “我是一名乡镇政府公务员…行政办公室是镇政府的组成部门”
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques", "internal_bodies"))
        return
    groups = grouped_duties(data["duties"])
    if groups is not None:  # “1.党委工作职责:(1)A。(2)B。2.政府职责:(1)C。”: the items are the duties
        where = {sp[0]: (sp[1], sp[2]) for sp in b.spans if sp[0].startswith("duties[")}
        by_index = dict(groups)
        items = []
        for i, duty in enumerate(data["duties"]):
            start = where.get(f"duties[{i}]", (text.find(duty), 0))[0]
            if i not in by_index:
                items.append(Found(duty, *where.get(f"duties[{i}]", (start, start + len(duty)))))
                continue
            for item, offset in by_index[i]:
                items.append(Found(item, start + offset, start + offset + len(item)))
        b.clear_items("duties")
        b.add_items("duties", items)
    if not data["duties"]:  # “主要职责是:⏎1.指导…组织开” (the page ends inside item 1)
        found = cut_first_duty(text)
        if found is not None:
            b.clear_items("duties")
            b.add_items("duties", [found])
    _set(b, "unit", party_full_name(text, data.get("unit")), replace=True)  # “中国共产党X县委员会组织部(简称:…)是…”
    catalogue = catalogue_title(text)  # “X2026年预算公开目录” above the “X2026年部门预算编制说明” heading
    if catalogue is not None:
        head = CATALOGUE_TITLE_RE.fullmatch(catalogue.value)["u"]
        title_at = next((s for p, s, e in b.spans if p == "title"), len(text))
        # no title read, or a later title line of the same unit's page: the first title line is the title
        if not data.get("title") or (catalogue.start < title_at and data["title"].startswith(head)):
            _set(b, "title", catalogue, replace=True)
            if not data.get("unit"):
                _set(b, "unit", Found(head, catalogue.start, catalogue.start + len(head)))
    if not data.get("unit"):  # “扶沟县大李庄乡举行11个新设置机构揭牌仪式”
        _set(b, "unit", township_ceremony(text), replace=True)
    if not data.get("unit"):  # “(一)绵竹市清平镇人民政府主要职能。”
        _set(b, "unit", heading_unit(text))
    report = report_title(text)
    if report is not None and data.get("title") in (None, report[0].value):  # “X…情况报告⏎靖水字〔2022〕152号⏎…办公室:”
        _set(b, "title", report[0], replace=True)
        if not data.get("issuing_organ"):
            _set(b, "issuing_organ", report[1])
        if not data.get("unit"):
            _set(b, "unit", report[2])
    if not data.get("unit"):  # “一、基本情况⏎文体局主要负责…”
        _set(b, "unit", situation_subject(text))
    if not data.get("unit") and data.get("title"):  # “李宅乡人民政府部门2024年部门预算”
        m = BUDGET_TITLE_UNIT_RE.match(data["title"])
        start = next((s for p, s, e in b.spans if p == "title"), None)
        if m is not None and start is not None and not NOT_A_NAME_RE.match(m["u"]):
            _set(b, "unit", Found(m["u"], start, start + len(m["u"])))
    if not data["staffing"] and data.get("unit"):  # “现有编制数65名” of a unit named only now
        found = untyped_staffing(text, data["unit"])
        if found is not None:
            data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    listed = new_bodies(text) if data.get("unit") else []  # a unit's lists; no unit, no list of its bodies
    names = [body["name"] for body in data["internal_bodies"]]
    if listed and set(names) < {f.value for f in listed}:  # “新设置11个机构:A、…”, “设置1个综合办事机构:X。设置4个…”
        _clear(b, ("internal_bodies",))
        for item in listed:
            idx = len(data["internal_bodies"])
            data["internal_bodies"].append({"name": item.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", item.start, item.end)
