"""Clause rules for city and county departments' own 机构职能 pages (issue 12, split `heldout22`).

What a bureau, a development zone's body, a 街道 or a 乡 publishes about itself on its 政府信息公开 pages when nobody pastes
its 规定: duties numbered (一)…(六) under a heading “X机构职能” that says no “主要职责是”, closing with “承办…交办的其他事项”;
duties run into a paragraph after “党委工作职责:(1)…(2)…”; the page naming its unit only where it counts its 科室 (“区政务服务办
内设科室4个:”, “X内设科室:A、B…”), or in its heading line over the site's “来源:X” line; a street's report listing its bodies
after “…8个工作机构。即:A、B(挂…牌子)、…”; a development zone's 规定 naming the 党工委 first and the 管委会 it sits with
(“中共…工作委员会(简称…),为市委派出机关。…管理委员会(简称…),为市政府派出机构。…合署办公,为正县级”). The rules found missing
on the first run of `heldout22` (bench/README.md); after the first run of `heldout22b` also: duties run into one line each led by a
duty's verb, a 科's page label “区教育局(基础教育与职业教育科)”, the name in full a news item announces (“武汉市医疗保障局正式挂牌”)
over the short form read later (“武汉市医保局”), and body names split inside a bracket (“办公室(挂法制科”) dropped.

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after the reference-copy rules. Every
rule works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, NATURE_NOUN, RANK, UNIT_SUFFIX, Found
from .webcopy_clauses import _set

# ---------------------------------------------------------------- duties (一)…(N) with no lead-in
# an item's mark at a line start or, in a list run into a line, after the previous item's “;” or “。”
ITEM_MARK_RE = re.compile(r"(?:(?<=^)|(?<=\n)|(?<=[;。]))[ \t]*\((?P<n>[一二三四五六七八九十]{1,3})\)[ \t]*")
# the last duty of a department's list: “承办管委会和上级部门交办的其他事项。”, “完成区委、区政府交办的其他任务”
CLOSING_DUTY_RE = re.compile(r"^(?:承办|完成|办理)[^。;\n]{0,40}?交办的其[他它](?:事项|工作|任务)")
# what a duty starts with: the verbs of “负责…”, “贯彻执行…”, “会同有关部门…”, “动员和领导…”
DUTY_VERB_RE = re.compile(r"^(?:负责|承担|承办|贯彻|组织|拟订|拟定|制定|指导|协调|统筹|会同|参与|监督|动员|完成|执行)")
CITATION_TAIL_RE = re.compile(r"(?:\[\d{1,2}(?:-\d{1,2})?\])+$")


def _items(text: str) -> list[tuple[int, int, int, int]]:
    """(number, mark start, start, end) of every “(一)…” item: to the next item's mark or the end of its line."""
    marks = list(ITEM_MARK_RE.finditer(text))
    out = []
    for i, m in enumerate(marks):
        line_end = text.find("\n", m.end())
        end = len(text) if line_end == -1 else line_end
        if i + 1 < len(marks):
            end = min(end, marks[i + 1].start())
        out.append((to_int(m["n"]), m.start(), m.end(), end))
    return out


def _is_duty_list(values: list[str]) -> bool:
    """A list closing with the catch-all duty, or one whose every item starts with a duty's verb and ends with “;”/“。”."""
    if len(values) < 3 or any(len(v) < 6 for v in values):
        return False
    if CLOSING_DUTY_RE.match(values[-1]):
        return True
    return all(DUTY_VERB_RE.match(v) and v.endswith((";", "。")) for v in values)


def closing_duty_list(text: str) -> list[Found]:
    """(一)…(N) items in order, at least three, no heading naming them, that read as a department's duties: the last
    is the catch-all duty (“承办…交办的其他事项”), or each starts with a duty's verb and ends with “;” or “。” (a list
    under a page heading “X机构职能”, after a history, or run into one line)."""
    runs: list[list[tuple[int, int, int, int]]] = []
    for item in _items(text):
        if item[0] == 1:
            runs.append([item])
        elif runs and item[0] == len(runs[-1]) + 1 and not text[runs[-1][-1][3]:item[1]].strip():
            runs[-1].append(item)
    best: list[tuple[int, int, int, int]] = []
    for run in runs:  # each whole run; a run closing with the catch-all duty ends there
        values = [CITATION_TAIL_RE.sub("", text[s:e].strip()).strip() for _, _, s, e in run]
        closing = [i for i, v in enumerate(values) if CLOSING_DUTY_RE.match(v)]
        if closing and _is_duty_list(values[:closing[-1] + 1]):
            best = run[:closing[-1] + 1]
        elif _is_duty_list(values):
            best = run
    out = []
    for _, _, s, e in best:
        chunk = text[s:e]
        value = CITATION_TAIL_RE.sub("", chunk.strip()).strip()
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Found(value, s + lead, s + lead + len(value)))
    return out


# ---------------------------------------------------------------- “党委工作职责:(1)…。(2)…。” run into a paragraph
RUN_IN_HEAD_RE = re.compile(r"(?:职责|职能)[ \t]*:[ \t]*(?=\(1\))")
RUN_IN_MARK_RE = re.compile(r"\((?P<n>\d{1,2})\)")


def run_in_duties(text: str) -> list[Found]:
    """The items of every “…职责:(1)…(2)…” / “…职能:(1)…” paragraph (at least three items numbered 1, 2, 3 … in order)."""
    out = []
    for head in RUN_IN_HEAD_RE.finditer(text):
        end = text.find("\n", head.end())
        end = len(text) if end == -1 else end
        marks = []
        for m in RUN_IN_MARK_RE.finditer(text, head.end(), end):
            if int(m["n"]) == len(marks) + 1:
                marks.append(m)
        if len(marks) < 3:
            continue
        for i, m in enumerate(marks):
            stop = marks[i + 1].start() if i + 1 < len(marks) else end
            value = text[m.end():stop].strip()
            if value:
                out.append(Found(value, m.end() + (len(text[m.end():stop]) - len(text[m.end():stop].lstrip())),
                                 m.end() + len(text[m.end():stop].rstrip())))
    return out


# ---------------------------------------------------------------- the unit where the page counts its 科室
COUNTED_SUBJECT_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r")(?:机关)?内设(?:科室|股室|处室|机构)"
                                r"(?:" + NUM + r"个)?[ \t]*:(?P<list>[^\n]*)")
LIST_NAME_RE = re.compile(r"[" + CJK + r"]{2,24}?" + BODY_SUFFIX + r"(?:\([^()]{1,40}(?:\([^()]{1,20}\))?[^()]{0,20}\))?")


def counted_subject(text: str) -> tuple[Found, list[Found]] | None:
    """“区政务服务办内设科室4个:”, “郑东新区政务服务局内设科室:A、B…F。”: the unit, and the names listed on that line."""
    m = COUNTED_SUBJECT_RE.search(text)
    if m is None:
        return None
    names = []
    listed = m["list"].strip().rstrip("。")
    if listed:
        pos = m.start("list") + (len(m["list"]) - len(m["list"].lstrip()))
        for piece in _split_top(listed):
            if not LIST_NAME_RE.fullmatch(piece):
                names = []
                break
            names.append(Found(piece, pos, pos + len(piece)))
            pos += len(piece) + 1
    return Found(m["u"], m.start("u"), m.end("u")), names if len(names) >= 2 else []


def _split_top(listed: str) -> list[str]:
    """“A、B(挂C、D牌子)、E” → [A, B(挂C、D牌子), E]: “、” inside brackets separates no names."""
    out, depth, cur = [], 0, ""
    for ch in listed:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


# ---------------------------------------------------------------- “设立了“4办、1队、2中心、1站”8个工作机构。即:A、B…”
NAMED_AFTER_COUNT_RE = re.compile(r"(?:设立|设置|设)了?[^。\n]{0,30}?" + NUM + r"\s*个(?:工作|内设|党政|职能|办事)?机构[。,:]?[ \t]*"
                                  r"即[ \t]*[:,]?[ \t]*(?P<list>[^。\n]{4,600})")


def named_after_count(text: str) -> list[Found]:
    """The bodies listed after “N个(工作)机构。即:” (brackets with their plaques kept), at least two."""
    for m in NAMED_AFTER_COUNT_RE.finditer(text):
        pos, out = m.start("list"), []
        for piece in _split_top(m["list"]):
            name = piece.strip()
            if not LIST_NAME_RE.fullmatch(name):
                out = []
                break
            lead = len(piece) - len(piece.lstrip())
            out.append(Found(name, pos + lead, pos + lead + len(name)))
            pos += len(piece) + 1
        if len(out) >= 2:
            return out
    return []


# ---------------------------------------------------------------- the page's heading line over “来源:X”
SOURCE_HEADING_RE = re.compile(r"^\s*(?P<u>[" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r")[ \t]*\n(?:[^\n]*\n){0,2}?[ \t]*来源[ \t]*:[ \t]*"
                               r"(?P=u)[ \t]*(?:\n|$)")


def source_heading_unit(text: str) -> Found | None:
    """“区卫生健康局⏎来源:区卫生健康局⏎发布日期:…”: the item's heading is the unit the site files it under."""
    m = SOURCE_HEADING_RE.match(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


# ---------------------------------------------------------------- a development zone's 党工委 and its 管委会
ZONE = r"(?:开发区|园区|新区|高新区|试验区|示范区|合作区|产业园|街道|街)"
PARTY_BODY_RE = re.compile(r"^中共(?:[" + CJK + r"]{2,12}?委(?=[" + CJK + r"]{2,30}?" + ZONE + r"))?(?P<area>[" + CJK + r"]{2,30}?" + ZONE +
                           r")(?:工作委员会|委员会|党工委|工委)$")
CO_LOCATED_RANK_RE = re.compile(r"合署办公[ \t]*[,，][ \t]*(?:为|规格为|机构规格为)(?P<r>" + RANK + r")")


def administrative_body(text: str, unit: str | None) -> dict | None:
    """Of a zone's (or street's) 党工委 named as the unit, the administrative body of the same area the text names
    (“…管理委员会”, “…办事处”), with its own short name and class (“X(简称“Y”),为市政府派出机构”) and the rank the two
    share (“…合署办公,为正县级”). None when the unit is no such party body or the text names no such body."""
    m = PARTY_BODY_RE.match(unit or "")
    if m is None:
        return None
    area = m["area"]
    admin = re.search(re.escape(area) + r"(?:管理委员会|办事处)", text)
    if admin is None:
        return None
    out = {"unit": Found(admin.group(0), admin.start(), admin.end())}
    own = re.compile(re.escape(admin.group(0)) + r"[ \t]*" + name_forms.bracket("s") + r"[ \t]*[,，]?[ \t]*"
                     r"(?:为|是)(?P<n>[^,，。;]{2,24}?" + NATURE_NOUN + r")(?=[,，。;])").search(text)
    if own is not None:
        out["short_name"] = Found(own["s"], own.start("s"), own.end("s"))
        out["nature"] = Found(own["n"], own.start("n"), own.end("n"))
    rank = CO_LOCATED_RANK_RE.search(text)
    if rank is not None:
        out["rank"] = Found(rank["r"], rank.start("r"), rank.end("r"))
    return out


# ---------------------------------------------------------------- “区教育局(基础教育与职业教育科)”: a body's page label
UNIT_BODY_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"]{2,20}?(?:局|委|办))\((?P<b>[" + CJK + r"]{2,20}?(?:科|股))\)[ \t]*$")


def unit_body_line(text: str) -> tuple[Found, Found] | None:
    """A line “X局(Y科)” on a body's page: the bureau and the body (a 科 or 股 in brackets is no second name)."""
    m = UNIT_BODY_LINE_RE.search(text)
    return (Found(m["u"], m.start("u"), m.end("u")), Found(m["b"], m.start("b"), m.end("b"))) if m else None


# ---------------------------------------------------------------- a short form of the name given in full before it
PLACE_PREFIX_RE = re.compile(r"^[" + CJK + r"]{1,4}?(?:省|市|县|区|州|旗|盟)")


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


# a news item's subject in full: “武汉市医疗保障局正式挂牌”, “X今日揭牌成立”
ANNOUNCED_RE = r"(?=[ \t]*(?:今日|今天|上午|下午)?[ \t]*(?:正式|举行)?[ \t]*(?:挂牌|揭牌|成立))"


def earlier_full_form(text: str, name: str, start: int) -> Found | None:
    """“武汉市医疗保障局正式挂牌…市医保局…武汉市医保局挂牌”: of a unit read in a short form (its characters in order in a
    name at most four characters longer, with the same place and the same last character), the name in full that the
    item announces before it (“X正式挂牌”)."""
    place = PLACE_PREFIX_RE.match(name)
    if place is None or len(name) < len(place.group(0)) + 2:
        return None
    pattern = re.escape(place.group(0)) + r"[" + CJK + r"]{1,20}?" + re.escape(name[-1]) + ANNOUNCED_RE
    for m in re.finditer(pattern, text[:start]):
        full = m.group(0)
        if len(name) < len(full) <= len(name) + 4 and _subsequence(name, full):
            return Found(full, m.start(), m.end())
    return None


def apply(b, text: str) -> None:
    """The department-page rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    switched = administrative_body(text, data.get("unit"))
    if switched is not None:  # the 管委会 a zone's 党工委 sits with is the unit (as 汉兴街's 办事处, heldout7)
        for key in ("unit", "short_name", "nature", "rank"):
            data[key] = None
        b.spans = [sp for sp in b.spans if sp[0] not in ("unit", "short_name", "nature", "rank")]
        for key, found in switched.items():
            _set(b, key, found)
    if not data.get("unit"):
        counted = counted_subject(text)
        if counted is not None:
            _set(b, "unit", counted[0])
    if not data.get("unit"):
        _set(b, "unit", source_heading_unit(text))
    if not data.get("unit") and not data.get("internal_bodies"):
        labelled = unit_body_line(text)
        if labelled is not None:
            _set(b, "unit", labelled[0])
            b.add_bodies([labelled[1]])
    unit_span = next((sp for sp in b.spans if sp[0] == "unit"), None)
    if data.get("unit") and unit_span is not None:  # the short form read, the full name written before it
        full = earlier_full_form(text, data["unit"], unit_span[1])
        if full is not None:
            _set(b, "unit", full, replace=True)
    bodies = data.get("internal_bodies") or []
    if any((bd.get("name") or "").count("(") != (bd.get("name") or "").count(")") for bd in bodies):
        # “办公室(挂法制科”, “宣传教育科牌子)”: a list split inside a bracket gives no body's name
        numbered = b.meta.get("numbered_bodies") or []
        old_spans = [sp for sp in b.spans if sp[0].startswith("internal_bodies[")]
        b.spans = [sp for sp in b.spans if not sp[0].startswith("internal_bodies[")]
        data["internal_bodies"], b.meta["numbered_bodies"] = [], []
        for old, bd in enumerate(bodies):
            name = bd.get("name") or ""
            if name.count("(") != name.count(")"):
                continue
            new = len(data["internal_bodies"])
            data["internal_bodies"].append(bd)
            b.meta["numbered_bodies"].append(numbered[old] if old < len(numbered) else False)
            for path, start, end in old_spans:
                if path.startswith(f"internal_bodies[{old}]"):
                    b.spans.append((f"internal_bodies[{new}]" + path[len(f"internal_bodies[{old}]"):], start, end))
    counted = counted_subject(text)
    bodies = data.get("internal_bodies") or []
    if counted is not None and counted[1] and bodies:
        listed = [f.value for f in counted[1]]
        have = [bd.get("name") for bd in bodies]
        if len(listed) > len(have) and all(n in listed for n in have):  # the line lists more than the numbered part shows
            duties = {bd.get("name"): bd.get("duties", "") for bd in bodies}
            data["internal_bodies"] = []
            b.spans = [sp for sp in b.spans if not sp[0].startswith("internal_bodies[")]
            b.meta["numbered_bodies"] = []
            for found in counted[1]:
                b.add_bodies([found], duties.get(found.value, ""))
    if not data.get("internal_bodies"):
        for found in named_after_count(text):
            b.add_bodies([found])
    if not data.get("duties"):
        for found in closing_duty_list(text) or run_in_duties(text):
            data["duties"].append(found.value)
            b.span(f"duties[{len(data['duties']) - 1}]", found.start, found.end)


