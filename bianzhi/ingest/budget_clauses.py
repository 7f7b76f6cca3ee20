"""Clause rules for the opening of a budget or final-accounts note (issue 12, held-out split heldout15).

Courts, procuratorates, police and justice bureaus publish their 部门预算/部门决算 with a first part that restates
their 三定 in a budget clerk's words: a title line “X2019年部门预算编制说明” (or a cover “2024年度⏎X⏎部门决算”), duties
numbered “1.…2.…” or “1)…2)…” run into one line after “其主要职责是:”, bodies “内设13个部门，分别为A、B…”, “共设有15个
内设机构(包括:A、B…)”, “内设A、B…等内设机构30个”, and staffing by type — “现有政法专项编制91人，实有人员83人”,
“行政编制74人，其中行政工勤编制数为3人”, a department's staffing listed by budget unit (“机关本级政法专项编制455名，
X分院事业编制13名”). Kept apart from `clauses`, `fragment_clauses` and `profile_clauses` so that each rule stays one
small function the parser calls in one place.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import CJK, STAFF_TYPE, UNIT_SUFFIX, Found, platform_staffing_type

# “凤庆县公安局2019年部门预算编制说明”, “X 2020年部门预算及“三公”经费预算公开说明”, “下陆区司法局2022年部门预算公开”,
# “X(本级)2025年部门预算编制说明” (the budget's scope after the name, heldout21); “李宅乡人民政府部门2024年部门预算” (the budget
# word 部门 after the name is no part of it)
NOTE_TITLE_RE = re.compile(r"(?!第[一二三四五六七八九十]+部分)(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:\((?:本级|机关本级|本部)\))?(?:部门)?\s*(?:\d{4}年度?|年度)(?:部门|单位)?(?:预算|决算)"
                           r"(?:及[“\"]?三公[”\"]?经费预算|及)?(?:编制说明|公开说明|情况说明|公开)?")
# the year first: “2023年黔东南州机关事务管理局本级部门决算公开说明”, “2021年度X部门预算公开”
YEAR_FIRST_NOTE_TITLE_RE = re.compile(r"\d{4}年度?(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:\(?(?:本级|机关本级|本部)\)?)?"
                                      r"(?:部门|单位)(?:预算|决算)(?:编制说明|公开说明|情况说明|公开)")
# a cover over three lines: “2024年度⏎X⏎部门决算”
COVER_RE = re.compile(r"(?m)^[ \t]*(?P<y>\d{4}年度?)[ \t]*\n[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")[ \t]*\n"
                      r"[ \t]*(?P<k>(?:部门|单位)(?:预算|决算))[ \t]*$")


def note_title(text: str, max_lines: int = 40) -> tuple[Found, Found] | None:
    """(title, unit) of a budget note whose title line is not the first line: the first line that is such a title
    as a whole (not a “第一部分 X…” heading of its table of contents), or a cover over three lines (joined)."""
    head = "\n".join(text.split("\n")[:max_lines])
    cover = COVER_RE.search(head)
    if cover is not None:
        value = cover["y"] + cover["u"] + cover["k"]
        return Found(value, cover.start("y"), cover.end("k")), Found(cover["u"], cover.start("u"), cover.end("u"))
    pos = 0
    for raw in head.split("\n"):
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        if len(line) > 70 or re.search(r"[。,;:|]", line):
            continue
        m = NOTE_TITLE_RE.fullmatch(line) or YEAR_FIRST_NOTE_TITLE_RE.fullmatch(line)
        if m:
            return Found(line, start, start + len(line)), Found(m["u"], start + m.start("u"), start + m.end("u"))
    return None


# a unit read with the heading run in before it: “(一)部门主要职责 人民法院是…” gives “部门主要职责人民法院”
HEADING_WORDS_RE = re.compile(r"^(?:部门|单位)?(?:主要)?(?:职责|职能)")
# where a clause naming the unit may begin once the page's spaces are gone: after a heading (“(二)机构设置情况”)
CLAUSE_START_RE = re.compile(r"(?:^|[^" + CJK + r"]|情况|概况|职责|职能|设置)$")


def heading_run_unit(text: str, unit: str | None) -> Found | None:
    """The unit named with its place where the one read has a run-in heading in front of it (“部门主要职责人民法院” →
    “禄丰县人民法院”, the name that opens a later clause); None when no such name is found."""
    if not unit or not HEADING_WORDS_RE.match(unit):
        return None
    return place_named(text, HEADING_WORDS_RE.sub("", unit))


# a budget note's first part named after the unit: “第一部分 株洲市渌口区人民政府办公室单位概况”, “第一部分 市残联及直属单位概况”
PART_HEADING_UNIT_RE = re.compile(r"(?m)^[ \t]*第一部分[ \t]*(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")"
                                  r"(?:及(?:其)?(?:所属|下属|直属)(?:事业)?单位)?(?:单位|部门)?(?:基本)?(?:概况|情况)[ \t]*$")


def part_heading_unit(text: str) -> Found | None:
    """The unit a budget note's “第一部分 X概况” heading names (its table of contents or the part itself), or None."""
    m = PART_HEADING_UNIT_RE.search(text[:6000])
    if m is None or re.match(r"(?:部门|单位|本部门|本单位)", m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def place_named(text: str, rest: str) -> Found | None:
    """The first clause-opening “<place>X” of a bare name X (“人民法院” → “禄丰县人民法院”), or None."""
    if len(rest) < 2:
        return None
    for m in re.finditer(r"(?=(?P<u>[" + CJK + r"]{2,4}?[省市县区州旗])" + re.escape(rest) + ")", text):
        if not re.search(r"[全各本该的和及与对级我]", m["u"]) and not re.match(r"情况|概况|职责|职能|设置", m["u"]) \
                and CLAUSE_START_RE.search(text[max(0, m.start() - 4):m.start()]):
            return Found(m["u"] + rest, m.start(), m.start() + len(m["u"]) + len(rest))
    return None


# a role is no nature: “是国家的审判机关”, “是全市的法律监督机关”; a budget status neither: “是县财政一级预算单位”
ROLE_NATURE_RE = re.compile(r"^(?:国家|全[国省市县区])的[" + CJK + r"]{0,12}?机关$|预算单位$|的重要(?:部门|机构|单位)$")
EXPLICIT_NATURE_RE = re.compile(r"性质为(?P<n>[" + CJK + r"]{2,20}?(?:单位|机关|机构))(?=[。,;]|$)")


def budget_nature(text: str, nature: Found | None) -> tuple[bool, Found | None]:
    """(replace?, nature): “性质为国家行政单位” states the nature outright; a role or a budget status read as the
    nature is dropped; a class stated of another unit in a “其中X为Y” clause (“其中国家检察官学院湖南分院为财政差额经费
    补助事业单位”) is not the unit's."""
    explicit = EXPLICIT_NATURE_RE.search(text)
    stated = Found(explicit["n"], explicit.start("n"), explicit.end("n")) if explicit is not None else None
    if nature is None:
        return stated is not None, stated
    if ROLE_NATURE_RE.search(nature.value):
        return True, stated
    before = text[max(0, nature.start - 60):nature.start]
    clause = re.split(r"[。;\n]", before)[-1]
    if re.match(r"^\s*其中[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r"为$", clause):
        return True, None
    return False, nature


# an item that is a section heading, not a duty: “部门主要职能:1)…”, “机构设置情况 X…”
DUTY_HEADING_RE = re.compile(r"^(?:(?:部门|单位)?主要(?:职责|职能)\s*[:]|机构设置|人员(?:编制|构成)|部门预算单位)")
DUTY_TRIGGER_RE = re.compile(r"(?:主要职责|主要职能|职责|机构职能)(?:是|如下|为)?\s*[:]")


def run_in_duties(text: str) -> list[Found]:
    """Duties numbered “1.…2.…” or “1)…2)…” run into one line or one paragraph after “主要职责是:”/“主要职能:”
    (a page that lost its line breaks): the items in order from 1, at least three; the last ends with its sentence."""
    for trig in DUTY_TRIGGER_RE.finditer(text):
        after = text[trig.end():]
        first = re.match(r"\s*(?:\n\s*)?(?P<open>\()?1(?P<mark>(?(open)\)|[.)、]))", after)  # “1.”, “1)”, “(1)”
        if first is None or (first["open"] and trig.group(0).startswith("职责")):
            continue  # “1.党委职责:(1)…(2)…2.政府职责:(1)…” are a group's items (township_clauses.grouped_duties)
        mark = re.escape(first["mark"])
        lead = r"\(" if first["open"] else ""
        start = trig.end() + first.start(0) + len(first.group(0)) - len(first.group(0).lstrip())
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        while line_end < len(text) and re.match(lead + r"\d{1,2}" + mark, text[line_end + 1:line_end + 5]):
            nxt = text.find("\n", line_end + 1)  # the items one a line (a run-in copy's lines put back)
            line_end = len(text) if nxt < 0 else nxt
        line = text[start:line_end]
        marks = []
        n = 1
        for m in re.finditer(r"(?:^|(?<=[\s。;]))" + lead + r"(?P<n>\d{1,2})" + mark, line):
            if int(m["n"]) == n:
                marks.append(m)
                n += 1
        if len(marks) < 3:
            continue
        items = []
        for i, m in enumerate(marks):
            s = start + m.end()
            if i + 1 < len(marks):
                e = start + marks[i + 1].start()
            else:
                stop = re.search(r"。", line[m.end():])
                e = start + m.end() + (stop.end() if stop else len(line) - m.end())
            value = text[s:e].strip()
            if value:
                items.append(Found(value, s, s + len(value)))
        return items
    return []


DUTY_VERB = r"(?:负责|承担|研究|拟订|拟定|组织|指导|贯彻|参与|监督|协调|统筹|审核|完成|办理|制定|落实|管理)"
VERB_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<n>\d{1,2})[.、](?P<item>" + DUTY_VERB + r"[^\n]*)$")


def verb_line_duties(text: str) -> list[Found]:
    """Lines “1.研究拟定…⏎2.负责…” of a text that names its 部门职责/主要职责 somewhere (its table of contents), every
    item led by a duty verb, numbered in order from 1, at least two: the unit's duties."""
    if not re.search(r"(?:部门|主要)职责", text):
        return []
    items: list[Found] = []
    for m in VERB_LINE_RE.finditer(text):
        if int(m["n"]) == len(items) + 1:
            items.append(Found(m["item"].strip(), m.start("item"), m.start("item") + len(m["item"].strip())))
        elif items:
            break
    return items if len(items) >= 2 else []


# “1. 公安机关是…”, “2.三门县公安局设政治处…”, “1.林芝图书馆系…”: numbered paragraphs of a description, no duties
DESCRIPTION_ITEM_RE = re.compile(r"^\s*[" + CJK + r"]{2,20}?(?:机关|局|院|中心|委员会|办公室|政府|馆)(?:是|设|为|系)")


def description_items(items: list[str]) -> bool:
    return bool(items) and all(DESCRIPTION_ITEM_RE.match(it) for it in items)


BODY_NOUN = r"(?:内设机构|部门|机构|科室|股室|处室|庭室|部室)"
LIST = r"(?P<list>[^。;\n]{2,600}?)"
BODY_LIST_RES = [
    # “内设13个部门，分别为A、B…；”
    re.compile(r"内设\s*" + NUM + r"\s*个" + BODY_NOUN + r"\s*[,]\s*(?:分别)?(?:为|是)[:]?" + LIST + r"(?=[;。\n]|$)"),
    # “共设有15个内设机构(包括:A、B…)”
    re.compile(r"设有?\s*" + NUM + r"\s*个" + BODY_NOUN + r"\s*\((?:包括|分别为|即)[:]?" + r"(?P<list>[^()。;\n]{2,600}?)\)"),
    # “内设A、B…等内设机构30个”
    re.compile(r"内设(?!\s*" + NUM + r"\s*个)" + LIST + r"等" + BODY_NOUN + r"\s*" + NUM + r"\s*个"),
    # “设政治处和21个内设、下设机构”: a body named beside a count
    re.compile(r"设(?P<list>[" + CJK + r"]{2,12}?(?:处|科|室|部|办公室))和\s*" + NUM + r"\s*个(?:内设|下设)"),
]


def split_list(value: str, base: int) -> list[Found]:
    """The names of a “、”-separated list (a “、” inside brackets does not split), each with its offsets from `base`."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(value + "、"):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            name = value[start:i].strip()
            if name:
                lead = len(value[start:i]) - len(value[start:i].lstrip())
                out.append(Found(name, base + start + lead, base + start + lead + len(name)))
            start = i + 1
    return out


def listed_bodies(text: str) -> list[Found]:
    """A budget note's body list stated with its count (see BODY_LIST_RES); every name a body name (CJK, with its
    bracket), or nothing."""
    for rx in BODY_LIST_RES:
        m = rx.search(text)
        if m is None:
            continue
        names = split_list(m["list"], m.start("list"))
        if names and all(re.fullmatch(r"[" + CJK + r"]{2,20}(?:\([^()]{1,30}\))?", n.value) for n in names):
            return names
    return []


# “现有政法专项编制91人，实有人员83人”: what the unit has, read against what is on hand
HELD_STAFF_RE = re.compile(r"现有(?P<type>" + STAFF_TYPE + r")\s*(?P<n>" + NUM + r")\s*[名人]\s*[,]\s*实有")


def held_staffing(text: str) -> list[tuple[dict, int, int]]:
    out = []
    for m in HELD_STAFF_RE.finditer(text):
        count = to_int(m["n"])
        if count is None:
            continue
        raw = m["type"]
        out.append(({"type": platform_staffing_type(raw)[0], "raw": raw, "count": count, "includes": []},
                    m.start("type"), m.end("n") + 1))
    return out


def staffing_parts(text: str, entries: list[tuple[dict, int, int]]) -> list[tuple[dict, int, int]]:
    """A kind stated as part of the one before it (“行政编制74人，其中行政工勤编制数为3人”) is that one's inclusion,
    not a staffing of its own; of staffing listed by budget unit (“机关本级政法专项编制455名，X分院事业编制13名”) only
    the 机关本级 part is the unit's."""
    out: list[tuple[dict, int, int]] = []
    own = any(re.search(r"(?:机关本级|本级)\s*$", text[max(0, s - 6):s]) for _, s, _ in entries)
    for entry, s, e in entries:
        if out:
            prev, ps, pe = out[-1]
            gap = text[pe:s]
            m = re.fullmatch(r"(?:\s*\d*\s*[名人])?\s*[,]\s*其中\s*(?P<w>[" + CJK + r"]{1,8})", gap)
            if m is not None and prev["raw"][:2] in m["w"] + entry["raw"]:
                wording = m["w"] + entry["raw"]
                prev["includes"] = prev["includes"] + [{"type": wording, "count": entry["count"]}]
                continue
        if own:
            clause = re.split(r"[,;:。\n]", text[max(0, s - 40):s])[-1]
            if re.search(r"[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r"$", clause) and not re.search(r"本级$", clause):
                continue
        out.append((entry, s, e))
    return out


# a post cut off by the page inside its bracket: “设主任1名(兼任县”
CUT_POST_RE = re.compile(r"设(?P<title>(?:副)?(?:主任|局长|院长|部长|厅长|馆长|校长|所长|站长|队长|书记))(?P<n>" + NUM +
                         r")名\([^()\n]{0,20}$")


def cut_post(text: str) -> tuple[dict, int, int] | None:
    m = CUT_POST_RE.search(text.rstrip())
    if m is None or to_int(m["n"]) is None:
        return None
    return {"title": m["title"], "count": to_int(m["n"]), "rank": None, "note": None}, m.start("title"), m.end("n") + 1
