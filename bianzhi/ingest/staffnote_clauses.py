"""Clause rules for budget and final-accounts notes' staffing, and for natures stated without “是/为” (issue 12, `heldout34`).

Budget notes (部门预算/决算) of many provinces state the unit's 编制 in their own template, and unit introductions
state its class and rank in a bare apposition. The first run of `heldout34` (texts never tuned on) showed the parser
missing these shapes:

- staffing listed after a total, typed by each province's template: “编制人数42,其中:行政编制人数19、参照公务员管理的
  事业编制人数0、全部补助事业编制人数23、自收自支编制人数13人”, “共有编制70人:其中:政法专项编制数54人、机关工勤2人、
  事业人员14人”, “本单位编制人数50人,行政编制人数45人,机关工勤2人,事业编制人数3人” (a part without its unit word,
  a part of 0 left out, 自收自支 and 全部补助 编制 are 事业编制, 机关工勤 is 工勤编制; the total is not a staffing of its own);
- a table turned into text: “行政编制 | 19 | 事业编制 | 10”;
- an untyped quota read against staff on hand: “核定编制数12名,实有人数10名” (其他编制, raw 编制);
- the nature and rank in apposition: “X,市政府工作部门,正处级”, a heading “X” with the line “县政府工作部门,正科级”
  under it, “…机构规格为正科级,旗直事业单位,…”, the unit opening a sentence “X经…批准…成立于…”;
- a record's name field and a summary that opens with the class and no subject: “'name': 'X'”, “'summary':
  ('Y直属公益一类事业单位,前身是…')”;
- a counted body list opened by “含”: “内设科室12个,含A、B、…、L等”; a township's offices listed in brackets after
  “行政单位7个(A、B…)”;
- the full name a budget note's part heading gives (“第一部分 楚雄彝族自治州…中心概况”) over the short form of its title;
- numbered points of a how-to article (“一、…要点⏎1. 明确单位名称…”) are no duties when no unit is named.

Precision: a budget's money figures and 实有/在职/在编 counts are never 编制; only the parts of a 编制 total, or a
typed cell followed by its number, are read. Kept apart from the other rule modules; the parser calls `apply` once,
after them. Every rule works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, UNIT_SUFFIX, Found, collective_subject, staffing_entry
from .webcopy_clauses import _set, set_unit_nature_rank

# ------------------------------------------------------------------ staffing
# one typed part of a 编制 total, as the templates word it (the unit word may be missing: “行政编制人数19、”)
PART_TYPE = (r"(?:机关)?(?:行政|参照公务员法?管理的?事业|参公(?:管理)?事业|全部补助事业|全额(?:拨款|补助)?事业|"
             r"差额(?:拨款|补助)?事业|自收自支事业|自收自支|政法专项|事业工勤|工勤|事业)编制(?:人数|数)?"
             r"|机关工勤(?:人员)?|事业人员")
PART_RE = re.compile(r"(?P<type>" + PART_TYPE + r")\s*(?:为|共)?\s*(?P<n>\d{1,5})\s*(?:[名人个])?")
# the total the parts follow: “编制人数42,其中:”, “共有编制70人:其中:”, “本单位编制人数50人,”
TOTAL_RE = re.compile(r"(?:共有|核定|现有)?(?:人员)?编制(?:人数|数|总数)?\s*(?:为|共)?\s*(?P<n>\d{1,5})\s*[名人个]?\s*"
                      r"(?:[,:;]\s*)?(?:其中\s*[:,]?\s*)?(?=" + PART_TYPE + r")")
PART_SEP_RE = re.compile(r"\s*[、,;]\s*")
# a table turned into text: “行政编制 | 19 | 事业编制 | 10”
CELL_RE = re.compile(r"(?P<type>(?:行政|事业|参公|参照公务员法?管理的?事业|政法专项|工勤|自收自支)编制(?:数|人数)?)\s*\|\s*(?P<n>\d{1,5})\s*(?=\|)")
# “核定编制数12名,实有人数10名”
QUOTA_HELD_RE = re.compile(r"核定(?P<raw>编制)(?:数|人数)\s*(?:为)?\s*(?P<n>" + NUM + r")\s*[名人个]\s*[,;]\s*(?:实有|在职|在编)")
# the platform's types of the template words no kind table names
_PART_LABEL = [("自收自支", "事业编制"), ("全部补助", "事业编制"), ("机关工勤", "工勤编制"), ("事业人员", "事业编制")]


def _entry(raw: str, count: int) -> dict:
    raw = re.sub(r"(?<=编制)(?:人数|数)$", "", raw)  # “行政编制人数45” → raw 行政编制, as the other staffing rules keep it
    for needle, label in _PART_LABEL:
        if needle in raw and not re.search(r"参照公务员|参公|政法专项", raw):
            return {"type": label, "raw": raw, "count": count, "includes": []}
    return staffing_entry(raw, count)


def total_parts(text: str) -> list[tuple[dict, int, int]]:
    """The typed parts after a 编制 total (those of 0 left out); two parts at least, or one with “其中”."""
    for m in TOTAL_RE.finditer(text):
        before = text[max(0, m.start() - 8):m.start()]
        if re.search(r"实有|在职|在编|离退休", before):
            continue
        if collective_subject(text, m.start()):
            continue  # “全县有各类编制2194名,其中…”: many units' figure
        parts, pos = [], m.end()
        while True:
            p = PART_RE.match(text, pos)
            if p is None:
                break
            parts.append((_entry(p["type"], int(p["n"])), p.start(), p.end("n")))
            sep = PART_SEP_RE.match(text, p.end())
            if sep is None:
                break
            pos = sep.end()
        said_of = "其中" in m.group(0)
        if len(parts) >= 2 or (parts and said_of):
            total = int(m["n"])
            counted = sum(e["count"] for e, _s, _e in parts)
            if counted > total * 2:  # not the parts of this total
                continue
            return [x for x in parts if x[0]["count"] > 0]
    return []


def table_cells(text: str) -> list[tuple[dict, int, int]]:
    return [(_entry(m["type"], int(m["n"])), m.start(), m.end("n")) for m in CELL_RE.finditer(text)]


def quota_held(text: str) -> tuple[dict, int, int] | None:
    m = QUOTA_HELD_RE.search(text)
    if m is None or to_int(m["n"]) is None:
        return None
    return {"type": "其他编制", "raw": "编制", "count": to_int(m["n"]), "includes": []}, m.start(), m.end("n")


# ------------------------------------------------------------------ nature and rank in apposition
_PLACE = r"[" + CJK + r"]{1,10}?(?:省|市|县|区|州|旗|盟)"
_GOV_CLASS = (r"(?:(?:省|市|县|区|州|旗|自治区|自治州|自治县)(?:人民)?政府(?:的)?(?:工作部门|组成部门|直属机构|直属特设机构|部门管理机构|办事机构|"
              r"直属事业单位|派出机构)|(?:省|市|县|区|州|旗)委(?:的)?(?:工作机关|工作部门|直属机构|直属事业单位|派出机关))")
_RANK = r"(?:[正副][部厅局处县科股]|(?<![正副])股)级"
# “X,市政府工作部门,正处级”
APPOSITION_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"()]{1,24}?" + UNIT_SUFFIX + r")\s*[,:]\s*"
                           r"(?P<n>" + _GOV_CLASS + r")\s*,\s*(?P<r>" + _RANK + r")(?:单位|规格)?(?=[。,;\n]|$)")
# a heading “X” and under it “县政府工作部门,正科级”
HEADED_RE = re.compile(r"(?m)^[ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"()]{1,24}?" + UNIT_SUFFIX + r")[ \t]*\n[ \t]*"
                       r"(?P<n>" + _GOV_CLASS + r")\s*,\s*(?P<r>" + _RANK + r")(?:单位|规格)?[。,;]?[ \t]*$")
# “…机构规格为正科级,旗直事业单位,…”
SPEC_CLASS_RE = re.compile(r"机构规格为\s*(?P<r>" + _RANK + r")\s*,\s*(?P<n>[" + CJK + r"]{1,12}?(?:直属)?(?:事业单位|行政单位|行政机关))(?=[,。;])")
# the unit opening a sentence of its setting up: “X经…批准(…),成立于…”
SETUP_SUBJECT_RE = re.compile(r"(?m)^[ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"]{2,24}?(?:管理局|局|中心|站|所|馆|院|处|办公室))"
                              r"(?:经[^。\n]{2,40}?批准|成立于|始建于|组建于)")
# a record's name field: “'name': '深圳图书馆',”, “"名称": "X"”
RECORD_NAME_RE = re.compile(r"""(?m)(?:^|(?<=[{,]))[ \t]*['"]?(?:name|名称|单位名称)['"]?\s*:\s*['"](?P<u>[""" + CJK + r"""]{2,30}?""" + UNIT_SUFFIX + r""")['"]""")
# a summary that opens with the class and no subject: “('深圳市文化广电旅游体育局直属公益一类事业单位,前身是…')”
BARE_CLASS_RE = re.compile(r"""(?:^|(?<=[(['"\n]))[ \t]*['"]?(?P<n>[""" + CJK + r"""]{2,24}?(?:直属|所属|管理的|主管的)"""
                           r"""(?:(?:全额拨款|差额拨款|财政全额)?(?:公益[一二]类|公益性|全额拨款|差额拨款)?)事业单位)(?=[,。;])""")


# ------------------------------------------------------------------ bodies
# “内设科室12个,含A、B、…、L等。”
COUNTED_CONTAINING_RE = re.compile(r"内设(?:科室|股室|处室|机构|部门|职能科室|职能股室)\s*(?P<n>" + NUM + r")\s*个\s*,\s*(?:含|包含)\s*"
                                   r"(?P<list>[^。;\n]{4,400}?)(?:等)?(?=[。;\n])")
# a township's offices in brackets: “其中行政单位7个(A、B、C。D、E)”
TOWN_OFFICES_RE = re.compile(r"其中行政单位\s*(?P<n>\d{1,2})\s*个\s*\((?P<list>[^()]{4,300})\)")
_BODY_NAME_RE = re.compile(r"[" + CJK + r"]{1,20}?" + BODY_SUFFIX + r"(?:\([" + CJK + r"]{2,20}\))?")
# the part heading of a budget note that names the unit in full: “第一部分 楚雄彝族自治州农产品质量检测中心概况”
PART_HEADING_RE = re.compile(r"第[一1]部分[ \t:]*(?P<u>[" + CJK + r"()]{4,40}?" + UNIT_SUFFIX + r")(?:部门|单位)?概况"
                             r"(?=[ \t]*(?:\n|$|一、|\(一\)|第[二2]部分))")
# a budget note's first line naming its unit: “云南日报报业集团(本级)2024年度部门决算”
NOTE_TITLE_LINE_RE = re.compile(r"^[ \t]*(?P<t>(?P<u>(?!关于)[" + CJK + r"]{4,30}?)(?:\((?:本级|机关本级)\))?\d{4}年度?(?:部门|单位)(?:预算|决算))(?:[ \t]*目[ \t]*录)?[ \t]*$", re.M)
# “X和Y都是经…核定的正厅级事业单位”: the rank, an approval clause is no nature
APPROVED_RANK_RE = re.compile(r"(?P<s>[^。\n]{2,40}?)(?:都|均)?是经[^。\n]{2,30}?(?:批准|核定)(?:设立)?的(?P<r>" + _RANK + r")事业单位")
# a numbered how-to point under a heading that names no duties: “一、…撰写要点⏎1. 明确…”
DUTY_WORD_RE = re.compile(r"职责|职能|任务|职权|工作")
SECTION_HEAD_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,2}、[^\n]*$")


def _split_names(text: str, start: int, value: str, seps: str) -> list[Found]:
    out, pos = [], 0
    for piece in re.split("[" + seps + "]", value):
        name = piece.strip()
        s = start + value.index(piece, pos) + (len(piece) - len(piece.lstrip()))
        pos = value.index(piece, pos) + len(piece)
        if name:
            out.append(Found(name, s, s + len(name)))
    return out


def counted_containing(text: str) -> list[Found]:
    for m in COUNTED_CONTAINING_RE.finditer(text):
        found = _split_names(text, m.start("list"), m["list"], "、")
        if to_int(m["n"]) == len(found) and all(_BODY_NAME_RE.fullmatch(f.value) for f in found):
            return found
    return []


def town_offices(text: str, unit: str | None) -> list[Found]:
    if not unit or not re.search(r"(?:乡|镇)(?:人民政府)?$|街道办事处$", unit):
        return []
    m = TOWN_OFFICES_RE.search(text)
    if m is None:
        return []
    found = _split_names(text, m.start("list"), m["list"], "、。")
    if int(m["n"]) == len(found) and all(_BODY_NAME_RE.fullmatch(f.value) for f in found):
        return found
    return []


def _expands(short: str, full: str) -> bool:
    """“楚雄州农产品质量检测中心” is a short form of “楚雄彝族自治州农产品质量检测中心”: same first and last characters,
    the short form's characters in order in the full name, which is longer."""
    if len(full) <= len(short) or short[0] != full[0] or short[-2:] != full[-2:]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


# ------------------------------------------------------------------ a copy run into one line (bench.sanding_perturb one_line)
def one_line(text: str) -> bool:
    """A page run into one line: few line breaks for its length (the reflow may have put back a few)."""
    return len(text) >= 80 and len(text) / (text.count("\n") + 1) >= 50


_PLACE_CHARS = "省市县区州旗盟镇乡村"
_ORGAN_END = "委党府厅局部会办室院"
# a budget note's title run into what follows it: “…下陆区司法局2022年部门预算公开目录一、…”
GLUED_NOTE_TITLE_RE = re.compile(r"(?P<n>[" + CJK + r"()]{3,60}?" + UNIT_SUFFIX + r")(?P<rest>(?:\((?:本级|机关本级)\))?\s?\d{4}年度?(?:部门|单位)?"
                                 r"(?:预算|决算)(?:公开说明|公开报告|编制说明|情况说明|公开)?)(?=\s*(?:目\s?录|监督索引号|来源|第[一二]部分|一、|发布))")


# a name that starts with its place (or the Party's name): the only tail a heading's words are cut from
PLACE_LED_RE = re.compile(r"(?:中共|中国共产党|[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗|盟|镇|乡)(?![" + CJK + r"]{0,1}$))")


def glued_tail(name: str, text: str) -> str | None:
    """The name a heading's words were run into: the longest proper tail of `name` that the text names more often
    (“部门职责信息中心” → “信息中心”), not a place's tail (“区工业…局”) nor a body cut from its organ (“市” + “卫生健康局”)."""
    here, best = text.count(name), None
    for i in range(1, len(name) - 3):
        tail, cut = name[i:], name[:i]
        if not PLACE_LED_RE.match(tail) or cut[-1] in _PLACE_CHARS + "民()" or re.search(r"(?:中共|中国共产党|共青团)$", cut):
            continue
        if text.count(tail) <= here or not re.search(UNIT_SUFFIX + r"$", tail):
            continue
        # the tail's other mentions (not glued to this prefix) must not continue the same name (“柳”+“城县委员会…”)
        others = [m.start() for m in re.finditer(re.escape(tail), text) if text[max(0, m.start() - len(cut)):m.start()] != cut]
        if others and all(k == 0 or text[k - 1] != cut[-1] for k in others) \
                and (best is None or text.count(tail) > text.count(best)):
            best = tail
    return best


def _add_staffing(b, parts: list[tuple[dict, int, int]]) -> None:
    for entry, s, e in parts:
        b.data["staffing"].append(entry)
        b.span(f"staffing[{len(b.data['staffing']) - 1}]", s, e)


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`, `add_bodies()`)."""
    data = b.data
    # unit, nature and rank in apposition
    m = APPOSITION_RE.search(text) or HEADED_RE.search(text)
    if m is not None and (not data.get("unit") or m["u"].endswith(data["unit"]) or data["unit"] == m["u"]):
        set_unit_nature_rank(b, m)
    if not data.get("unit"):
        m = SETUP_SUBJECT_RE.search(text)
        if m is not None and text.count(m["u"]) >= 2:
            _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")))
    if not data.get("unit"):
        m = RECORD_NAME_RE.search(text)
        if m is not None:
            _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")))
    if data.get("unit") and not data.get("nature"):
        m = SPEC_CLASS_RE.search(text)
        if m is not None:
            _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")))
            if not data.get("rank"):
                _set(b, "rank", Found(m["r"], m.start("r"), m.end("r")))
    if data.get("unit") and not data.get("nature") and RECORD_NAME_RE.search(text):
        m = BARE_CLASS_RE.search(text)
        if m is not None:
            _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")))
    # the title line of a budget note names its unit; “(以下简称“Y”)”; “X和Y都是经…核定的正厅级事业单位”
    m = NOTE_TITLE_LINE_RE.match(text)
    if m is not None and not data.get("title") and not data.get("unit") and text.count(m["u"]) >= 2 \
            and re.search(r"目\s*录|第一部分", text):
        _set(b, "title", Found(m["t"], m.start("t"), m.end("t")))
        _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")))
    unit = data.get("unit")
    if unit and not data.get("short_name"):
        short = name_forms.short_of(text, unit)
        if short is not None:
            _set(b, "short_name", Found(*short))
    if unit and not data.get("rank") and not data.get("nature"):
        for m in APPROVED_RANK_RE.finditer(text):
            if unit in m["s"] or (data.get("short_name") and data["short_name"] in m["s"]):
                _set(b, "rank", Found(m["r"], m.start("r"), m.end("r")))
                break
    # the full name a budget note's first part heading gives
    if data.get("unit") and re.search(r"部门(?:预算|决算)|单位(?:预算|决算)", text):
        for m in PART_HEADING_RE.finditer(text):
            if _expands(data["unit"], m["u"]):
                _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")), replace=True)
                break
    # a copy run into one line: a budget note's title glued to what follows (a heading's words before it cut off)
    if one_line(text):
        if not data.get("title"):
            m = next((x for x in GLUED_NOTE_TITLE_RE.finditer(text[:600]) if not re.search(r"预算|决算|目\s?录|公开|年度", x["n"])), None)
            if m is not None:
                name = re.sub(r"^(?:第[一二三四五六七八九十\d]{1,3}部分|[一二三四五六七八九十]{1,2}、|目\s?录)+", "", m["n"])
                name = glued_tail(name, text) or name
                start = m.end("n") - len(name)
                if text.count(name) >= 2 or start == 0 or not re.match("[" + CJK + "]", text[start - 1]):
                    _set(b, "title", Found(name + m["rest"], start, m.end("rest")))
                    unit = data.get("unit")
                    # the title's name over the same name with a heading's words glued before it (“…预算表X”)
                    if not unit or (unit != name and unit.endswith(name) and unit[-len(name) - 1] not in _PLACE_CHARS + _ORGAN_END):
                        _set(b, "unit", Found(name, start, m.end("n")), replace=True)
    # staffing: the typed parts of a total replace a part read alone
    parts = total_parts(text)
    held = [e["count"] for e in data["staffing"]]
    if parts and held and len(parts) > len(held) and all(n in [e["count"] for e, _s, _e in parts] for n in held):
        data["staffing"] = []
        b.spans = [sp for sp in b.spans if not sp[0].startswith("staffing[")]
    if not data["staffing"]:
        parts = parts or table_cells(text)
        if not parts and data.get("unit"):
            one = quota_held(text)
            parts = [one] if one else []
        _add_staffing(b, parts)
    # bodies
    if not data["internal_bodies"]:
        found = counted_containing(text) or town_offices(text, data.get("unit"))
        if found:
            b.add_bodies(found)
    # numbered points of an article with no unit, under a heading that names no duties
    if not data.get("unit") and data["duties"]:
        spans = sorted(s for k, s, _e in b.spans if re.fullmatch(r"duties\[\d+\]", k))
        if spans:
            heads = list(SECTION_HEAD_RE.finditer(text, 0, spans[0]))
            if heads and not DUTY_WORD_RE.search(text[heads[-1].start():spans[0]]):
                b.clear_items("duties")
