"""Clause rules for party bodies, people's organisations and 群团 bodies as their notes reach a clerk (issue 12, split
`heldout23`).

A 工商联, 文联, 妇联 or 团委 states what it is as a class of organisation, not of office (“X是中国共产党领导的…的人民团体和
商会组织”, “市文联是市委、市政府领导下的…专业人民团体”); it is named by its usual short form (市文联, 县工商联, 洋县妇联) and in
full only once, often in the signature under the note (“肇庆市文学艺术界联合会”); its 机关 has one office (“市文联机关设
办公室”); a 政协 lists its 专委会 and 办事机构 it “设置” (“县政协设置7个专委会:A、B…”), then the 科室 inside one of them
(“其中X办公室内设3个科室:…”, which are that office's, not the 政协's); a 四川 budget note opens “X下属二级预算单位0个”; a
工商联's duties run in as “一是…二是…”; a 纪委's duty item opens “县纪委为行使…职能的机关” (a duty, not the unit's class); a
note names the year's work tasks under “二、2018年年度部门工作任务” (no duties); a news item's headline opens with the body
(“西平县妇联开展…”). The rules found missing on the first run of `heldout23` (bench/README.md), and those its second
batch `heldout23b` showed: “X属于…社会群团组织”, “其主要任务是:⏎1)…”, “区政协召开…” without a place, “X本级部门决算”;
and its third batch `heldout23c`: “X是一个群团部门” over “X是全县工会组织的领导机关”, “X为…群众团体,机构为正处级单位”, “内设部室3个,
分别为:A、B、C”, “内设机构2个:A和B”, “核定编制人数:10人”, “一是…” after a sentence ending “职责共九项:”, the grades of staff on hand.

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after the reference-copy rules.
Every rule works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from .clauses import BODY_SUFFIX, CJK, RANK, UNIT_SUFFIX, Found, lines_with_starts, staffing_entry
from .webcopy_clauses import _set

# the usual short forms of people's organisations and the full names they stand for
SHORT_FULL = {"文联": "文学艺术界联合会", "妇联": "妇女联合会", "残联": "残疾人联合会", "工商联": "工商业联合会",
              "科协": "科学技术协会", "侨联": "归国华侨联合会", "社科联": "社会科学界联合会"}
GROUP_SUFFIX = (r"(?:" + "|".join(list(SHORT_FULL) + list(SHORT_FULL.values()))
                + r"|总工会|红十字会|团[县市区州]委|团委|[" + CJK + r"]{2,10}?联合会|总商会|联谊会)")

# “渠县总工会是一个群团部门,属行政性质”, “通州区红十字会为区政府直接联系的独立设置的群众团体,”,
# “湘阴县工商业联合会是中国共产党领导的…人民团体和商会组织。”, “工商联它是…”, “市文联是…领导下的…专业人民团体,”,
# “万州区残疾人联合会属于财政全额拨款的社会群团组织,内设…”
GROUP_NATURE_RE = re.compile(r"(?:^|(?<=[\n。:]))[ \t]*(?:\d{1,2}[、.][ \t]*)?(?:部门概况[ \t]*:[ \t]*)?"
                             r"(?P<u>[" + CJK + r"]{0,20}?" + GROUP_SUFFIX + r")(?:\((?:简称|以下简称)[^()]{1,12}\))?[ \t]*(?:[,，]?[^。;；:\n是为]{0,60}?[,，])?[ \t]*"
                             r"(?:它)?(?:是|属于|为)(?:一个)?"
                             r"(?P<n>[^,。;:\n]{2,80}?(?:人民团体|群众团体|群团组织|群众组织|商会组织|社会团体|学术团体|联合组织|群众性组织)"
                             r"|群团部门)(?=[,。;])")
# the rank stated right after it: “…的独立设置的群众团体,机构为正处级单位。”
GROUP_RANK_RE = re.compile(r"[ \t]*,[ \t]*(?:机构)?(?:规格)?(?:为|是)?(?P<r>" + RANK + r")(?:单位|建制)?(?=[,。;])")
# a role read as the class before the class sentence: “X是全县工会组织的领导机关”
ROLE_NATURE_RE = re.compile(r"的(?:领导|主管|管理)机关$")

# “西安市鄠邑区文化艺术界联合会机构设在区委宣传部,”: a body whose office sits in a party department
SEATED_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[、.][ \t]*)?(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")(?:机关)?机构设在[" + CJK + r"]{2,20}?"
                       + UNIT_SUFFIX + r"[,。]")

# a 四川 budget note's opening: “共青团旺苍县委员会下属二级预算单位0个。”
BUDGET_UNITS_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")下属(?:二级)?预算单位[ \t]*\d{1,3}[ \t]*个")

# “市文联机关设办公室,”, “市文联机关本级设有办公室,”: the one office of a small body's 机关
OFFICE_RE = re.compile(r"机关(?:本级)?(?:内)?设(?:有|置)?(?P<names>[" + CJK + r"]{2,12}?" + BODY_SUFFIX + r"(?:、[" + CJK + r"]{2,12}?"
                       + BODY_SUFFIX + r")*)(?=[,。;])")

# the class stated for that 机关 right after it: “,为参照公务员法管理事业单位”
OFFICE_CLASS_RE = re.compile(r",为(?P<n>[^,。;]{2,24}?(?:事业单位|行政单位|行政机关))(?=[,。;])")

# “一、滁州市文联主要职责”, “二、X概况”: a section heading naming the body
HEADING_UNIT_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]+、[ \t]*(?P<u>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")的?"
                             r"(?:主要职责|主要职能|职能职责|概况)[ \t]*$")

# “单位内设部室3个,分别为:A、B、C。”, “X内设机构2个:A和B;”, “根据三定方案内设A、B、C,下属…”
INNER_LIST_RE = re.compile(r"内设(?:机构|部室|科室|处室|股室|部门)?[ \t]*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})个)?[ \t]*,?[ \t]*"
                           r"(?:分别为|分别是|即|为|有)?[ \t]*:?[ \t]*(?P<names>[" + CJK + r"]{2,12}?" + BODY_SUFFIX +
                           r"(?:(?:、|和)[" + CJK + r"]{2,12}?" + BODY_SUFFIX + r")+)(?=[,。;])")
# “核定编制人数:10人”, “编制人数3名”: an untyped quota
QUOTA_RE = re.compile(r"(?:核定)?(?P<raw>编制人数)[ \t]*:?[ \t]*(?P<n>\d{1,4})[ \t]*[人名]")
# staff on hand and their grades: “实有在职人员7人(…),其中二巡1名、科级4名”
ON_HAND_RE = re.compile(r"(?:实有|现有|在职人员|实际)[^。;]*$")

# “市文联机关事业编制6;”: a typed count without its measure word
BARE_STAFFING_RE = re.compile(r"(?P<t>行政|事业|工勤)编制[ \t]*(?P<n>\d{1,4})(?=[;,。])")

# a 政协's lists of what it sets up: “县政协设置7个专委会:A、B…。”, “县政协设置办事机构6个:A、B…。”
SET_UP_RE = re.compile(r"(?m)(?:^|(?<=。))[ \t]*(?P<u>[" + CJK + r"]{1,20}?(?:政协|人大常委会|委员会))设置[ \t]*(?:\d{1,2}个)?[ \t]*"
                       r"(?:专委会|专门委员会|工作委员会|办事机构|工作机构|内设机构)[ \t]*(?:\d{1,2}个)?[ \t]*[:,][ \t]*"
                       r"(?P<names>[^。\n]{2,300}?)。")
# “其中X内设3个科室:…”: a listed body's own sections
WITHIN_RE = re.compile(r"其中[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")内设[ \t]*\d{1,2}[ \t]*个")

# “一是…。二是…。”: duties numbered by ordinals, run into one paragraph under a duty heading
DUTY_HEADING_LINE_RE = re.compile(r"(?m)^[ \t]*(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)?[ \t]*(?:部门|单位|主要)?"
                                  r"(?:职能职责|主要职责|主要职能|职责|职能)[ \t]*[:。]?[ \t]*\n")
# a sentence naming the duties that follow: “2.主要职责。按照《…法》规定,红十字会履行职责共九项:”
DUTY_LEAD_LINE_RE = re.compile(r"(?m)^[^\n]{0,80}?(?:职责|职能)[^\n]{0,60}?:[ \t]*\n")
ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
            "十八", "十九", "二十"]

# “二、2018年年度部门工作任务”, “三、滁州市文联2016年度主要工作任务”: the year's tasks, no duties
TASKS_HEADING_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]+、[^\n]{0,24}?\d{4}年[^\n]{0,10}?(?:工作任务|重点工作|工作要点)[ \t]*$")

# a news item's headline opening with the body by its short form: “西平县妇联开展…”, “洋县妇联积极参与…”, “区政协召开…”
HEADLINE_RE = re.compile(r"^[ \t]*(?P<u>(?:[" + CJK + r"]{1,8}?)?[县市区旗](?:妇联|残联|工商联|文联|科协|侨联|总工会|政协))"
                         r"(?=[" + CJK + r"“])")


# “2021年度中共邵阳县委宣传部本级部门决算”: the unit before “本级”, which is no part of its name
LEVEL_TITLE_RE = re.compile(r"^(?:\d{4}年度?)?(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")本级(?:部门|单位)?(?:决算|预算)")

# a lead-in line ending in what follows: “残疾人联合会的宗旨是:…。其主要任务是:”, then “1)…” lines
LEAD_IN_RE = re.compile(r"(?:主要任务|主要职责|主要职能|基本职能)(?:是|如下|为)?[ \t]*:[ \t]*$")
PAREN_LINE_RE = re.compile(r"^[ \t]*(?P<n>\d{1,2})\)(?P<item>\S[^\n]*)$")


def _span(b, key: str):
    return next(((s, e) for p, s, e in b.spans if p == key), None)


def group_nature(text: str) -> tuple[Found, Found] | None:
    """(subject, nature) of “X是…的人民团体和商会组织” for a people's organisation named in full or by its short form."""
    m = GROUP_NATURE_RE.search(text)
    if m is None:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


def placed_form(text: str, name: str) -> Found | None:
    """A longer form of the short `name` with its place in front at a line or clause start (“县工商联” for “工商联”)."""
    for m in re.finditer(r"(?:^|(?<=[\n。,]))[ \t]*(?P<u>[" + CJK + r"]{1,10}?" + re.escape(name) + r")(?![" + CJK + r"]{0,1}会)", text,
                         re.M):
        if m["u"] != name and re.search(r"[县市区州旗省]$", m["u"][:-len(name)]):
            return Found(m["u"], m.start("u"), m.end("u"))
    return None


def full_form(text: str, unit: str) -> Found | None:
    """The full name the text states for a short form with its place (“肇庆市文联” → “肇庆市文学艺术界联合会”)."""
    for short, full in SHORT_FULL.items():
        if unit.endswith(short) and len(unit) > len(short):
            name = unit[:-len(short)] + full
            at = text.find(name)
            if at >= 0:
                return Found(name, at, at + len(name))
    return None


def signature_line(text: str) -> Found | None:
    """The last line of a note when it is a name alone, set apart by a blank line (the signature under a budget note)."""
    lines = text.rstrip().split("\n")
    if len(lines) < 3 or lines[-2].strip():
        return None
    last = lines[-1]
    name = last.strip()
    if not re.fullmatch(r"[" + CJK + r"()]{4,40}?" + UNIT_SUFFIX, name):
        return None
    start = len(text.rstrip()) - len(last) + (len(last) - len(last.lstrip()))
    return Found(name, start, start + len(name))


def ordinal_duties(text: str) -> list[Found]:
    """“一是…。二是…。…十二是…” under a duty heading line: the items, as worded (the last one may be cut off)."""
    heads = sorted([h.end() for h in DUTY_HEADING_LINE_RE.finditer(text)] + [h.end() for h in DUTY_LEAD_LINE_RE.finditer(text)])
    for h_end in heads:
        line_end = text.find("\n", h_end)
        para = text[h_end: len(text) if line_end < 0 else line_end]
        if not para.lstrip().startswith("一是"):
            continue
        base = h_end + len(para) - len(para.lstrip())
        para = para.lstrip()
        marks, pos = [], 0
        for n, word in enumerate(ORDINALS):
            at = para.find(word + "是", pos) if n else 0
            # an ordinal marks an item only right after the end of the one before it (“。二是”)
            while n and at > 0 and para[at - 1] not in "。;":
                at = para.find(word + "是", at + 1)
            if at < 0:
                break
            marks.append((at, at + len(word) + 1))
            pos = at + len(word) + 1
        if len(marks) < 3:
            continue
        out = []
        for i, (_s, e) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(para)
            item = para[e:end].strip()
            if item:
                out.append(Found(item, base + e, base + e + len(item)))
        return out
    return []


def lead_in_paren_duties(text: str) -> list[Found]:
    """“…其主要任务是:⏎1)…⏎2)…” (blank lines between allowed): the items from 1, at least three, under a lead-in line."""
    lines, offsets = lines_with_starts(text)
    for i, ln in enumerate(lines):
        if not LEAD_IN_RE.search(ln):
            continue
        items: list[Found] = []
        for j in range(i + 1, len(lines)):
            if not lines[j].strip():
                continue
            m = PAREN_LINE_RE.match(lines[j])
            if m is None or int(m["n"]) != len(items) + 1:
                break
            value = m["item"].strip()
            items.append(Found(value, offsets[j] + m.start("item"), offsets[j] + m.start("item") + len(value)))
        if len(items) >= 3:
            return items
    return []


def set_up_lists(text: str) -> tuple[Found | None, list[Found]]:
    """(subject, bodies) of “Y设置7个专委会:A、B…。” and “Y设置办事机构6个:A、B…。” (one subject for all the lists)."""
    subject, bodies = None, []
    for m in SET_UP_RE.finditer(text):
        if subject is not None and m["u"] != subject.value:
            continue
        subject = subject or Found(m["u"], m.start("u"), m.end("u"))
        pos = m.start("names")
        for piece in re.split(r"(、)", m["names"]):
            name = piece.strip()
            if piece != "、" and re.fullmatch(r"[" + CJK + r"]{2,30}?" + BODY_SUFFIX, name):
                at = pos + piece.find(name)
                bodies.append(Found(name, at, at + len(name)))
            pos += len(piece)
    return subject, bodies


def listed_subject(text: str, start: int) -> bool:
    """True when the name at `start` closes a list of subjects with a count or “以及” in it (“8个文艺家协会以及A、B为…”)."""
    if start < 2 or text[start - 1] != "、" or not re.match(r"[" + CJK + r"]", text[start - 2]):
        return False
    clause = re.split(r"[,。;:\n]", text[max(0, start - 80):start])[-1]
    return re.search(r"以及|(?:\d{1,3}|[一二三四五六七八九十两]{1,3})个", clause) is not None


def _drop_list(b, key: str):
    b.data[key] = []
    b.spans = [sp for sp in b.spans if not sp[0].startswith(key + "[")]


def _inside(span, outer_spans) -> bool:
    return span is not None and any(s <= span[0] and span[1] <= e for s, e in outer_spans)


def apply(b, text: str) -> None:
    """The 群团-body rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    # a listed body's own sections are not the unit's, nor is that body the unit: “其中X办公室内设3个科室:A、B、C”
    within = WITHIN_RE.search(text)
    subject, listed = set_up_lists(text)
    if within is not None and subject is not None and listed:
        unit_span = _span(b, "unit")
        if unit_span == (within.start("u"), within.end("u")):
            _set(b, "unit", subject, replace=True)
        _drop_list(b, "internal_bodies")
        b.add_bodies(listed)
    # the year's work tasks under their own heading are no duties
    # (a 目录's tasks heading above the duties says nothing of them: “目录…二、2020年度部门工作任务…⏎一、…职责⏎1.…”, heldout38)
    starts = [sp[0] for i in range(len(data["duties"])) for sp in [_span(b, f"duties[{i}]")] if sp is not None]
    tasks = next((m for m in TASKS_HEADING_RE.finditer(text) if not starts or m.start() > min(starts)), None)
    if tasks is not None and data["duties"]:
        kept = [(d, sp) for i, d in enumerate(data["duties"])
                for sp in [_span(b, f"duties[{i}]")] if sp is None or sp[0] < tasks.start()]
        if len(kept) < len(data["duties"]):
            _drop_list(b, "duties")
            for d, sp in kept:
                data["duties"].append(d)
                if sp is not None:
                    b.span(f"duties[{len(data['duties']) - 1}]", *sp)
    if not data["duties"]:  # “一是…。二是…。”, “其主要任务是:⏎1)…”
        for f in ordinal_duties(text) or lead_in_paren_duties(text):
            data["duties"].append(f.value)
            b.span(f"duties[{len(data['duties']) - 1}]", f.start, f.end)
    # a class read from inside a duty item (“1.县纪委为行使党内纪律检查职能的机关,…”) is the duty's wording
    duty_spans = [(s, e) for p, s, e in b.spans if re.fullmatch(r"duties\[\d+\]", p)]
    if data.get("nature") and _inside(_span(b, "nature"), duty_spans):
        data["nature"] = None
        b.spans = [sp for sp in b.spans if sp[0] != "nature"]
    # a unit read from a list of subjects (“…醉翁亭文学编辑部、滁州市书画院为财政全额拨款事业单位”) is one of several bodies
    unit_span = _span(b, "unit")
    if unit_span is not None and listed_subject(text, unit_span[0]):
        for key in ("unit", "nature", "rank"):
            span = _span(b, key)
            if key == "unit" or (span is not None and span[0] < unit_span[1] + 40):
                data[key] = None
                b.spans = [sp for sp in b.spans if sp[0] != key]
    title_span = _span(b, "title")
    if not data.get("unit") and data.get("title") and title_span is not None:
        m = LEVEL_TITLE_RE.match(data["title"])
        if m is not None:
            _set(b, "unit", Found(m["u"], title_span[0] + m.start("u"), title_span[0] + m.end("u")))
    if not data.get("unit"):
        heading = HEADING_UNIT_RE.search(text)
        if heading is not None and not re.search(r"[省市县区州旗]", heading["u"][:-2]):
            heading = None  # “二、融媒体中心的主要职能”: a kind of body, no one body
        found = SEATED_RE.search(text) or BUDGET_UNITS_RE.search(text) or heading
        if found is not None:
            _set(b, "unit", Found(found["u"], found.start("u"), found.end("u")))
    group = group_nature(text)
    if group is not None:
        subject, nature = group
        if not data.get("unit"):  # “工商联它是…”: the body by its bare short form, named with its place elsewhere
            bare = re.fullmatch(GROUP_SUFFIX, subject.value) is not None
            _set(b, "unit", (placed_form(text, subject.value) if bare else None) or subject)
        unit = data.get("unit") or ""
        same = unit == subject.value or unit.endswith(subject.value.lstrip("县市区州")) or subject.value.endswith(unit)
        if same and (not data.get("nature") or ROLE_NATURE_RE.search(data["nature"])):
            _set(b, "nature", nature, replace=True)
            r = GROUP_RANK_RE.match(text, nature.end)
            if r is not None and not data.get("rank"):
                _set(b, "rank", Found(r["r"], r.start("r"), r.end("r")))
    if not data.get("unit"):  # a news item's headline: “西平县妇联开展…”
        m = HEADLINE_RE.match(text)
        short = m["u"] if m else None
        if m and re.search(r"[县市区]" + re.escape(short[-2:]), text[m.end():]):
            _set(b, "unit", Found(short, m.start("u"), m.end("u")))
    m = QUOTA_RE.search(text)
    if not data["staffing"] and m is not None and (data.get("unit") or re.search(r"(?:^|\n)[ \t]*$", text[:m.start()])):
        # at a line's start the quota is the note's own, named body or not (“(一)人员基本情况⏎编制人数3名;…”)
        data["staffing"].append(staffing_entry("其他编制", int(m["n"]), raw=m["raw"]))
        b.span("staffing[0]", m.start("raw"), m.end("n"))
    unit = data.get("unit")
    if not unit:
        return
    m = re.match(r"(?:部门|单位)?预算(?:单位)?为", unit)  # “部门预算为兰州市红十字会市本级”
    span = _span(b, "unit")
    if m is not None and span is not None and len(unit) - m.end() >= 3:
        _set(b, "unit", Found(unit[m.end():], span[0] + m.end(), span[1]), replace=True)
        unit = data["unit"]
    full = full_form(text, unit)
    if full is not None:
        _set(b, "unit", full, replace=True)
        unit = full.value
    if not data.get("issuing_organ"):
        sign = signature_line(text)
        if sign is not None and sign.value == unit:
            _set(b, "issuing_organ", sign)
    if not data["internal_bodies"]:
        m = OFFICE_RE.search(text)
        if m is not None:
            pos = m.start("names")
            found = []
            for piece in m["names"].split("、"):
                found.append(Found(piece, pos, pos + len(piece)))
                pos += len(piece) + 1
            b.add_bodies(found)
            n = OFFICE_CLASS_RE.match(text, m.end())
            if n is not None and not data.get("nature"):  # “…机关本级设有办公室,为参照公务员法管理事业单位”
                _set(b, "nature", Found(n["n"], n.start("n"), n.end("n")))
    if not data["internal_bodies"]:
        m = INNER_LIST_RE.search(text)
        if m is not None:
            pos, found = m.start("names"), []
            for piece in re.split(r"(、|和)", m["names"]):
                if piece not in ("、", "和"):
                    found.append(Found(piece, pos, pos + len(piece)))
                pos += len(piece)
            b.add_bodies(found)
    spans = [_span(b, f"internal_leadership[{i}]") for i in range(len(data["internal_leadership"]))]
    kept = [(q, sp) for q, sp in zip(data["internal_leadership"], spans, strict=True)
            if sp is None or not ON_HAND_RE.search(text[max(0, sp[0] - 60):sp[0]])]  # the grades of the staff on hand
    if len(kept) < len(spans):
        _drop_list(b, "internal_leadership")
        for q, sp in kept:
            data["internal_leadership"].append(q)
            if sp is not None:
                b.span(f"internal_leadership[{len(data['internal_leadership']) - 1}]", *sp)
    if not data["staffing"]:
        m = BARE_STAFFING_RE.search(text)
        if m is not None:
            data["staffing"].append(staffing_entry(m["t"] + "编制", int(m["n"])))
            b.span("staffing[0]", m.start("t"), m.end("n"))
