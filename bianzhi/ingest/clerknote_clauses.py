"""Budget and final-accounts notes as clerks get them (issue 12, `heldout38`).

部门预算/决算公开 notes and 绩效评价报告 are a large share of the texts clerks upload. Their opening section (单位基本情况,
部门概况) states the unit's duties, bodies and staffing, but the unit is often named only in the page's head: the note's
own title line, a cover, a 目录's part heading or a breadcrumb. The first run of `heldout38` (texts never tuned on) and
the unseen splits' descriptions showed the parser missing:

- the title and unit on a note's head line: “X局2021年部门预算公开情况”, “X镇2017年部门预算及“三公”经费预算公开说明”,
  a cover with its attachment number “附件1 X 2020 年部门综合预算”, “X2022年度整体支出绩效评价报告”;
- the unit's full name in a heading that expands the short one read: “一、X镇人民政府及所属事业单位概况”, and a part
  heading broken over two lines “第二部分 中国共产党…委员会⏎组织部概况”;
- the unit in a breadcrumb's last item: “首页 > 预决算公开 > X局” (only when nothing else names it);
- an untyped 编制 total broken down by 其中: “编制24名(其中参公21名、工勤3名)”, “核定编制24名,其中参公编制21人、工勤
  编制3人” — one entry (其他编制, raw 编制, the parts as its includes), not the inner 工勤 alone;
- a typed 编制 “调整为N名” with no “由…” (“将机关事业编制调整为5名,其中:…”);
- a note's section headings run into their paragraphs read as duties: “(一)职能职责。坚定…(二)单位构成。区妇联…”;
- bodies numbered one a line after a counted lead: “机关设2个内设机构:⏎1)综合部,负责…”.

Kept apart from the other rule modules; the parser calls `apply` once, after `staffnote_clauses`. Every rule works on
the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import staffnote_clauses
from .clauses import BODY_SUFFIX, CJK, STAFF_TYPE, UNIT_SUFFIX, Found, collective_subject, staffing_entry
from .staffnote_clauses import _expands
from .webcopy_clauses import _set

_NAME_SUFFIX = r"(?:" + UNIT_SUFFIX + r"|镇|乡|街道|苏木)"
# a note's head line: “X2021年部门预算公开情况”, “X(本级)2019年度部门决算”, “X 2020年度决算公开报告”, “X2018年度整体支出绩效评价报告”
NOTE_HEAD_RE = re.compile(
    # (in a copy run into one line the title follows a breadcrumb's “>” or a file's name: “…>通知公告 >X2022年…”, “….docX…”)
    r"(?m)^[ \t]*(?:[^\n]*?(?:>|>|»|\.(?:docx?|pdf|wps|xlsx?))[ \t]*)?(?:附件[ \t]*\d{0,2}[ \t]*[::]?[ \t]*)?"
    r"(?P<t>(?P<u>[" + CJK + r"()]{2,40}?" + _NAME_SUFFIX + r")(?:\((?:本级|机关本级|汇总)\))?[ \t]*\d{4}[ \t]*年度?[ \t]*"
    r"(?:(?:部门|单位)?(?:综合)?(?:预算|决算|预决算)(?:及[^\n]{0,16}?预算)?(?:信息)?(?:公开)?(?:情况|编制|执行情况)?"
    r"(?:说明|报告|公开说明)?|(?:部门|单位)?整体支出绩效(?:评价|自评)(?:报告)?))[ \t]*(?:$|(?=访问量|时间[::]|发布日期|来源[::]|浏览|目[ \t]*录))")
# a heading that gives the unit's full name: “一、X人民政府及所属事业单位概况”, “第一部分 X概况”
EXPANDING_HEAD_RE = re.compile(
    r"(?m)^[ \t]*(?:[一二三四五六七八九十]{1,2}、|第[一二三四五六七八九十]部分[ \t::]*)[ \t]*"
    r"(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")(?:及(?:所属|下属)(?:事业)?单位)?(?:部门|单位)?(?:基本)?概况[ \t]*$")
# a part heading broken over two lines: “第二部分 中国共产党…委员会⏎组织部概况”
TWO_LINE_PART_RE = re.compile(
    r"(?m)^[ \t]*第[一二三四五六七八九十]部分[ \t::]*(?P<a>[" + CJK + r"()]{4,40})[ \t]*\n[ \t]*"
    r"(?P<b>[" + CJK + r"]{1,12}?" + UNIT_SUFFIX + r")(?:部门|单位)?概况[ \t]*$")
# a breadcrumb's last item: “首页 > 预决算公开 > X局”
CRUMB_RE = re.compile(r"(?m)^[^\n]{0,20}首页[ \t]*(?:>|>|»|/)[^\n]*(?:>|>|»)[ \t]*(?P<u>[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")[ \t]*$")
_NOT_A_NAME = re.compile(r"预算|决算|公开|信息|目录|政务|部门|财政|专栏|领域|内容|首页|概况|正文")

# an untyped 编制 total broken down: “编制24名(其中参公21名、工勤3名)”, “核定编制24名,其中参公编制21人、工勤编制3人”
BREAKDOWN_RE = re.compile(
    r"(?<![行政事业勤项制关])(?P<raw>(?:人员)?编制)(?:总数|数|人数)?\s*(?:为|共)?\s*(?P<n>" + NUM + r")\s*[名人个]\s*"
    r"(?:\(\s*(?:其中|含|包括)?\s*[:,]?\s*(?P<inner>[^()\n]{3,80}?)\s*\)|[,;]\s*其中\s*[:,]?\s*(?P<inner2>[^。;\n]{3,80}?)(?=[。;\n]|$))")
_PART_RE = re.compile(r"^\s*(?P<label>[" + CJK + r"()]{2,20}?)\s*(?P<n>" + NUM + r")\s*[名人个]\s*$")
_COMPANION_RE = re.compile(r"参公|参照公务员")
_COMPANION_WORDS_RE = re.compile(r"参公(?:管理)?|参照公务员法?管理的?")
# a typed 编制 “调整为N名” with no “由…”: “将机关事业编制调整为5名”
ADJUSTED_TO_RE = re.compile(r"(?P<type>" + STAFF_TYPE + r")\s*(?:调整|核定|核减|核增)(?:为|至|到)\s*(?P<n>" + NUM + r")\s*[名人个]")

# a section heading run into its paragraph, read as a numbered duty: “(一)职能职责。坚定…”
SECTION_ITEM_RE = re.compile(r"^\s*(?:职能职责|主要职能|主要职责|部门职责|单位构成|机构设置|人员构成|人员编制|人员情况|基本情况|"
                             r"(?:本轮)?机构改革[" + CJK + r"]{0,8})\s*[。::]")
# bodies numbered one a line after a counted lead: “机关设2个内设机构:⏎1)综合部,负责…”
COUNTED_LEAD_RE = re.compile(r"设\s*(?P<n>" + NUM + r")\s*个(?:内设机构|内设科室|科室|股室|部室|处室|职能科室)\s*[::]\s*\n")
_NUMBERED_BODY_RE = re.compile(r"[ \t]*\d{1,2}\s*[))、.]\s*(?P<name>[" + CJK + r"]{1,16}?" + BODY_SUFFIX + r")\s*[,,。::;]")


def note_head(text: str):
    """The title line in a note's head (its first 15 lines): (title Found, unit Found)."""
    head_end = 0
    for _ in range(15):
        nxt = text.find("\n", head_end)
        if nxt < 0:
            head_end = len(text)
            break
        head_end = nxt + 1
    for m in NOTE_HEAD_RE.finditer(text, 0, head_end):
        if re.search(r"关于|通知|的$|部分|目录", m["u"]):  # (a 目录's part heading “第二部分X2025年部门预算情况说明” is none)
            continue
        title, unit = Found(m["t"], m.start("t"), m.end("t")), Found(m["u"], m.start("u"), m.end("u"))
        if text.count(m["u"]) == 1:  # a crumb's words glued before the name: the name the text gives again
            for k in range(1, len(m["u"]) - 3):
                tail = m["u"][k:]
                if _NOT_A_NAME.search(m["u"][:k]) and text.count(tail) >= 2 and re.match(r"(?:中共|中国共产党|共青团|[" + CJK + r"]{1,8}?[省市县区州旗盟])", tail):
                    return Found(m["t"][k:], m.start("t") + k, m.end("t")), Found(tail, m.start("u") + k, m.end("u"))
        return title, unit
    return None


def expanding_heading(text: str, unit: str | None) -> Found | None:
    """A heading naming the unit in full: the unit read is its short form (same ends, characters in order) or none."""
    for m in TWO_LINE_PART_RE.finditer(text):
        name = m["a"] + m["b"]
        if re.search(r"部分|目录|预算|决算|文件|公开", name):
            continue
        if unit is None or unit == m["b"] or _expands(unit, name):
            return Found(name, m.start("a"), m.end("b"))
    if unit is None:
        return None
    for m in EXPANDING_HEAD_RE.finditer(text):
        # (a 镇/乡 named in the title is its 人民政府 in the heading: “X镇2017年部门预算…” over “一、X镇人民政府及所属…概况”)
        if m["u"] != unit and (_expands(unit, m["u"]) or (m["u"] == unit + "人民政府" and re.search(r"[镇乡]$|街道$", unit))):
            return Found(m["u"], m.start("u"), m.end("u"))
    return None


def crumb_unit(text: str) -> Found | None:
    m = CRUMB_RE.search(text[:1500])
    if m is None or _NOT_A_NAME.search(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def typed_parts(text: str) -> list[tuple[list[tuple[dict, int, int]], int, int, int]]:
    """Untyped 编制 totals broken down into parts of the main kinds, in brackets or after 其中 (“编制总数8名(行政编制6名,
    工勤编制2名)”): ([(entry, start, end)], total, start, end) — the parts are the staffing (the heldout34 convention)."""
    out = []
    for m in BREAKDOWN_RE.finditer(text):
        if re.search(r"实有|在职|在编|离退休|现有人员", text[max(0, m.start() - 8):m.start()]) or collective_subject(text, m.start()):
            continue
        inner = m["inner"] or m["inner2"] or ""
        offset = m.start("inner") if m["inner"] else m.start("inner2")
        parts, pos = [], 0
        for piece in re.split(r"([、,;])", inner):
            x = _PART_RE.match(piece)
            if piece in "、,;":
                pos += len(piece)
                continue
            if x is None or not re.fullmatch(staffnote_clauses.PART_TYPE, x["label"]):
                parts = []
                break
            parts.append((staffnote_clauses._entry(x["label"], to_int(x["n"]) or 0), offset + pos + x.start("label"), offset + pos + x.end("n")))
            pos += len(piece)
        total = to_int(m["n"])
        if len(parts) >= 2 and total is not None and sum(e["count"] for e, _s, _e in parts) == total:
            out.append(([x for x in parts if x[0]["count"] > 0], total, m.start("raw"), m.end()))
    return out


def breakdowns(text: str) -> list[tuple[dict, int, int]]:
    """Untyped 编制 totals broken down by 其中 into 参公 and other parts: one entry each, the parts its includes."""
    out = []
    for m in BREAKDOWN_RE.finditer(text):
        if re.search(r"实有|在职|在编|离退休|现有人员", text[max(0, m.start() - 8):m.start()]) or collective_subject(text, m.start()):
            continue
        total = to_int(m["n"])
        inner = m["inner"] or m["inner2"] or ""
        parts = [_PART_RE.match(p) for p in re.split(r"[、,;]", inner) if p.strip()]
        if total is None or not parts or any(p is None for p in parts) or not any(_COMPANION_RE.search(p["label"]) for p in parts):
            continue
        # parts of the main kinds are entries of their own (“人员编制115名,其中参照公务员管理事业编制71名、事业编制44名”)
        if any(re.search(r"行政|事业|政法", _COMPANION_WORDS_RE.sub("", p["label"])) for p in parts):
            continue
        counts = [to_int(p["n"]) for p in parts]
        if any(c is None for c in counts) or sum(counts) > total:
            continue
        entry = staffing_entry(m["raw"], total)
        entry["includes"] = [{"type": p["label"], "count": c} for p, c in zip(parts, counts, strict=True)]
        out.append((entry, m.start("raw"), m.end()))
    return out


def _staffing_starts(b) -> dict[int, int]:
    out = {}
    for path, s, _e in b.spans:
        mm = re.fullmatch(r"staffing\[(\d+)\]", path)
        if mm is not None:
            out.setdefault(int(mm[1]), s)
    return out


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `add_bodies()`)."""
    data = b.data
    # title and unit from the note's head line
    head = note_head(text)
    if head is not None:
        title, unit = head
        current = data.get("title")
        if current is None or (isinstance(current, str) and re.match(r"附件\s*\d", current)
                               and re.sub(r"\s", "", current).endswith(re.sub(r"\s", "", title.value))):
            _set(b, "title", title, replace=True)
            if not data.get("unit"):
                _set(b, "unit", unit)
    if not data.get("unit"):
        _set(b, "unit", crumb_unit(text))
    full = expanding_heading(text, data.get("unit"))
    if full is not None and full.value != data.get("unit"):
        _set(b, "unit", full, replace=True)
    # staffing: an untyped total broken down by 其中
    for entry, s, e in breakdowns(text):
        starts = _staffing_starts(b)
        inside = {i for i, at in starts.items() if s <= at < e}
        b.drop_items("staffing", inside)
        b.data["staffing"].append(entry)
        b.span(f"staffing[{len(b.data['staffing']) - 1}]", s, e)
    # staffing: an untyped total read alone over its typed parts in brackets
    for parts, total, s, e in typed_parts(text):
        starts = _staffing_starts(b)
        inside = {i for i, at in starts.items() if s <= at < e}
        if data["staffing"] and not any(data["staffing"][i]["count"] == total for i in inside):
            continue
        b.drop_items("staffing", inside)
        for entry, ps, pe in parts:
            b.data["staffing"].append(entry)
            b.span(f"staffing[{len(b.data['staffing']) - 1}]", ps, pe)
    # staffing: a typed 编制 “调整为N名”
    for m in ADJUSTED_TO_RE.finditer(text):
        if "由" in text[max(0, m.start() - 12):m.start()]:
            continue
        entry = staffing_entry(m["type"], to_int(m["n"]) or 0)
        if entry["count"] and not any(x["type"] == entry["type"] and x["count"] == entry["count"] for x in data["staffing"]):
            data["staffing"].insert(0, entry)
            b.spans = [(re.sub(r"^staffing\[(\d+)\]", lambda g: f"staffing[{int(g[1]) + 1}]", p), s, e) for p, s, e in b.spans]
            b.span("staffing[0]", m.start("type"), m.end("n"))
    # duties: section headings run into their paragraphs are none
    duties = data.get("duties") or []
    if duties and any(SECTION_ITEM_RE.match(d) for d in duties):
        keep = [not SECTION_ITEM_RE.match(d) for d in duties]
        spans = {}
        for path, s, e in b.spans:
            mm = re.fullmatch(r"duties\[(\d+)\]", path)
            if mm is not None:
                spans[int(mm[1])] = (s, e)
        kept = [(d, spans.get(i)) for i, d in enumerate(duties) if keep[i]]
        b.clear_items("duties")
        for d, sp in kept:
            b.data["duties"].append(d)
            if sp is not None:
                b.span(f"duties[{len(b.data['duties']) - 1}]", *sp)
    # bodies numbered one a line after a counted lead
    if not data["internal_bodies"]:
        for m in COUNTED_LEAD_RE.finditer(text):
            found, pos = [], m.end()
            while True:
                while pos < len(text) and text[pos] in " \t\n":
                    pos += 1
                x = _NUMBERED_BODY_RE.match(text, pos)
                if x is None:
                    break
                found.append(Found(x["name"], x.start("name"), x.end("name")))
                nxt = text.find("\n", x.end())
                if nxt < 0:
                    break
                pos = nxt + 1
            n = to_int(m["n"])
            if found and n is not None and len(found) <= n:
                b.add_bodies(found)
                break
