"""Clause rules for encyclopedia, Q&A and article copies of national and provincial bodies (issue 12, split `heldout21`).

How a ministry, a national bureau or a provincial department reaches a clerk when nobody pastes its 规定: an encyclopedia
entry whose lead restates the heading (“X - 维基百科⏎X⏎…⏎X(官方英语译名:…),是已撤销的…副部级直属机构,主管…”), an
article opening “X,简称Y,成立于…”, a Q&A answer whose class stands in a 作为-clause (“作为国务院直属机构,X拥有…”, “X由Y
管理。作为Y管理的副部级国家局,其…”), a count closing a list joined by “和” (“设有A、B…和C这12个部门”), “与Y实行“一个机构、
两块牌子””, “升格为正部级…机构”, a notice issuing the 方案 of two bodies (“关于印发A和B职能配置…方案的通知”, then “A职能配置…
方案”), a registry card whose 机构类型 is the registry's own category (“机构类型 党政机关”), and a budget page cut inside its
first duty. The rules found missing on the first run of `heldout21` (bench/README.md).

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after the web-copy rules. Every
rule works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import (
    BODY_SUFFIX,
    CJK,
    DATE_RE,
    NATURE_NOUN,
    ORGAN_LINE_RE,
    RANK,
    UNIT_SUFFIX,
    Found,
    _mask_parens,
    parse_date,
)
from .ministry_clauses import ACTING_AS_RE, bar_infobox, listed_names
from .national_clauses import infobox_facts
from .webcopy_clauses import _set

NOT_A_NAME_RE = re.compile(r"^(?:本|该|我|其|各|新|原|这|此|在)")

# an encyclopedia lead: “X(官方英语译名:…),是已撤销的中华人民共和国国务院副部级直属机构,主管旅游工作。” (brackets masked), at a
# line start or after an infobox's last bar (a copy run into one line: “对应机构 | X(…),是…”)
ENTRY_LEAD_RE = re.compile(r"(?m)(?:^|(?<=\|))[ \t]*(?P<u>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")(?P<b>\(\x00+\))?[ \t]*[,，][ \t]*(?:是|为)"
                           r"(?P<n>[^,，。;\n]{2,80}?" + NATURE_NOUN + r")(?=[,，。;\[]|$)")

# the same lead with the name as the heading line above it: “X⏎(简称Y,English name),是…组成部门,为正部级”
HEADING_LEAD_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")[ \t]*\n[ \t]*\((?P<inner>[^()\n]{1,160})\)"
                             r"[ \t]*[,，][ \t]*(?:是|为)(?P<n>[^,，。;\n]{2,80}?" + NATURE_NOUN + r")(?=[,，。;\[]|$)")
# what a lead says before the class that is no part of it: what the body did, that it was abolished or replaced
LEAD_CLAUSE_RE = re.compile(r"(?:承担|负责|从事|主管|授权|开展|提供|实施|撤销|取代|替代)")
# the rank stated right after the lead's class: “…是Y,为副部级,作为…”
RANK_AFTER_RE = re.compile(r"[ \t]*[,，][ \t]*(?:为|是|属)(?P<r>" + RANK + r")(?=[,，。;]|$)")

# a table of contents' part heading glued to the name it names (a copy run into one line: “目录第一部分X概况”)
PART_PREFIX_RE = re.compile(r"^(?:目[ \t]*录)?第[一二三四五六七八九十]+部分[ \t]*(?=[" + CJK + r"]{3,}$)")

# a cover letter's signature above the 规定 when the copy starts at the addressees: “…现予印发。⏎X办公厅⏎二00九年…日”
COVER_SIGNATURE_RE = re.compile(r"现予印发[^\n]{0,30}\n[ \t]*(?P<o>[^\n]{2,40}?)[ \t]*\n[ \t]*(?P<d>[^\n]{6,16}?)[ \t]*(?:\n|$)")

# “X,简称Y,成立于1984年,…”: the short name as a clause of its own, whatever follows it
OPENING_SHORT_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")" + name_forms.comma_clause("s", 2, 10))

# “在我国,X是负责…等职责的国务院正部级直属机构,同时承办…”: a purpose clause before the class, the sentence going on
PURPOSE_ON_RE = re.compile(r"(?:^|(?<=[\n。?？!！]))[ \t]*(?:(?:在我国|在中国|目前|当前|现在|如今)[ \t]*[,，]?[ \t]*)?"
                           r"(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")(?:是|系)[^。\n]{4,200}的"
                           r"(?P<n>[" + CJK + r"]{0,8}?(?:直属机构|组成部门|直属事业单位|国家局))"
                           r"(?=[,，][ \t]*(?:同时|并|还|也|主要|负责|承担|承办)|。|$)")

# “X由Y管理,…。作为Y管理的副部级国家局,其行政编制…”: the class of the unit the sentence before is about (the name near its start:
# a one-line copy glues the page's heading to it, “…优质解答X由Y管理…”)
ITS_ACTING_RE = r"(?:^|(?<=[\n。]))[^。\n]{{0,20}}?{u}[^。\n]{{0,80}}?。[ \t]*作为(?P<n>[^,，。;\n]{{2,30}}?" + NATURE_NOUN + r")[ \t]*[,，][ \t]*其"

# “…设有A、B、…、C和D这12个部门”: a counted list whose last item is joined by “和”
AND_COUNTED_RE = re.compile(r"(?:设有|下设|内设|共设|(?<=[现只])设)(?P<list>[" + CJK + r"()、]{4,400}?)(?:和|及|以及)"
                            r"(?P<last>[" + CJK + r"()]{2,24}?)(?:这|等|共)?(?P<n>" + NUM + r")个"
                            r"(?:部门|机构|内设机构|司局|职能部门|职能司局|处室|科室|单位|机关部门)")
BODY_NAME_RE = re.compile(r"[" + CJK + r"]{1,20}?" + BODY_SUFFIX + r"(?:\([" + CJK + r"]{1,30}\))?")

# “内设9个司局级单位,包括竞技体育司、群众体育司等核心部门”
INNER_INCLUDING_RE = re.compile(r"(?:内设|下设)[^,，。;\n]{0,12}?(?:单位|机构|部门|司局)[ \t]*[,，][ \t]*(?:主要)?包括"
                                r"(?P<list>[" + CJK + r"()、]{4,200}?)等")
INNER_BODY_RE = re.compile(r"[" + CJK + r"()]{1,20}(?:处|科|室|司|股|局|厅)")

# “与Y实行“一个机构、两块牌子””, “与Y合署办公,一个机构两块牌子”
TWO_PLAQUES_RE = re.compile(r"与(?P<p>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")(?:合署办公)?[ \t]*[,，]?[ \t]*(?:实行|是|为)?"
                            r"[ \t]*[“\"]?一个机构[、,，]?[ \t]*两块牌子")

# “…1998年国务院机构改革中升格为正部级直属机构”: the rank the body was raised to
RAISED_RANK_RE = r"(?:^|(?<=[\n。]))[ \t]*{u}[^。\n]{{0,80}}?升格为(?P<r>" + RANK + r")"

# a registry's own category of the site's owner, not the unit's class: “机构类型 党政机关”
REGISTRY_CATEGORY_RE = re.compile(r"(?:党政机关|群团组织|事业单位|企业|其他)")

# a notice issuing two bodies' 方案: “关于印发文化部和国家文物局职能配置、内设机构和人员编制方案的通知”
TWO_BODIES_RE = re.compile(r"^(?P<a>[" + CJK + r"]{2,20}?(?:部|局|委员会|委|署|办公室|厅))(?:和|与|及)(?P<b>[" + CJK + r"]{2,20}?" +
                           UNIT_SUFFIX + r")$")
PLAN_HEADING_RE = r"(?m)^[ \t]*(?P<u>{u})(?:职能配置|主要职责)[^\n]{{0,30}}?(?:方案|规定)[ \t]*$"

# a list announced, then the page cut inside its first item: “主要履行以下职能:⏎1.负责…。组织开展森林、”
ANNOUNCED_RE = re.compile(r"(?:以下|下列|如下)(?:主要)?(?:职能|职责)[ \t]*[:：][ \t]*\n[ \t]*(?:1[.、]|\(一\)|一、)[ \t]*"
                          r"(?P<d>[^\n]{10,})$")


def _span(b, key: str):
    return next(((s, e) for k, s, e in b.spans if k == key), None)


def _lead_class(text: str, start: int, value: str) -> Found | None:
    """The class a lead states: after the last “的” when what stands before it says what the body did or that it was
    abolished or replaced (“已撤销的…主管…的副部级国家局”); a whose-clause (“…应急管理部管理的国家局”) is kept."""
    head, sep, tail = value.rpartition("的")
    if sep and LEAD_CLAUSE_RE.search(head):
        start, value = start + len(head) + 1, tail
    if not re.fullmatch(r"[" + CJK + r"]{0,30}?" + NATURE_NOUN, value):
        return None
    return Found(value, start, start + len(value))


def _bracket_short(text: str, m: re.Match) -> Found | None:
    """The short name in the bracket after a lead's name: “X(简称Y,English name),是…”."""
    if m["b"] is None:
        return None
    short = name_forms.read_bracket(text[m.start("b") + 1:m.end("b") - 1])
    return Found(short[0], m.start("b") + 1 + short[1], m.start("b") + 1 + short[2]) if short else None


def entry_lead(text: str) -> tuple[Found, Found, Found | None] | None:
    """(unit, class, short name) of an encyclopedia lead that restates the heading above it: the name opens a line before
    the lead (“X - 维基百科…”, “X”, “X查看源代码…”), or the lead opens the text. A copy run into one line glues the lead to
    the chrome before it (“…导航搜索X,是…”): the name a heading line opens with, restated with “,是”, is the lead then."""
    masked = _mask_parens(text)
    for m in ENTRY_LEAD_RE.finditer(masked):
        name = m["u"]
        if NOT_A_NAME_RE.match(name):
            continue
        if text[:m.start("u")].strip() and re.search(r"(?m)^[ \t]*" + re.escape(name), text[:m.start("u")]) is None:
            continue  # no heading line naming it: a sentence in running text, not an entry's lead
        nature = _lead_class(text, m.start("n"), m["n"])
        if nature is not None:
            return Found(name, m.start("u"), m.end("u")), nature, _bracket_short(text, m)
    for hm in re.finditer(r"(?m)^[ \t]*(?P<h>[" + CJK + r"]{2,40})", "\n".join(masked.split("\n")[:8])):
        for um in re.finditer(UNIT_SUFFIX, hm["h"]):
            name = hm["h"][:um.end()]
            if len(name) < 3 or NOT_A_NAME_RE.match(name):
                continue
            rx = re.escape(name) + r"(?P<b>\(\x00+\))?[ \t]*[,，][ \t]*(?:是|为)(?P<n>[^,，。;\n]{2,80}?" + NATURE_NOUN + r")(?=[,，。;\[]|$)"
            m = re.compile(rx).search(masked, hm.end())
            if m is None:
                continue
            nature = _lead_class(text, m.start("n"), m["n"])
            if nature is not None:
                return Found(name, m.start(), m.start() + len(name)), nature, _bracket_short(text, m)
            break
    return None


def heading_lead(text: str) -> dict | None:
    """{unit, short_name, nature} of a lead whose name is the heading line above its bracket."""
    m = HEADING_LEAD_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    nature = _lead_class(text, m.start("n"), m["n"])
    if nature is None:
        return None
    out = {"unit": Found(m["u"], m.start("u"), m.end("u")), "nature": nature, "short_name": None}
    short = name_forms.read_bracket(m["inner"])
    if short:
        out["short_name"] = Found(short[0], m.start("inner") + short[1], m.start("inner") + short[2])
    return out


def rank_after(text: str, nature: Found) -> Found | None:
    m = RANK_AFTER_RE.match(text, nature.end)
    return Found(m["r"], m.start("r"), m.end("r")) if m else None


def cover_signature(text: str) -> tuple[Found, Found] | None:
    """(organ, date) of a cover letter's signature right after its “现予印发” (a copy without the notice's title line)."""
    m = COVER_SIGNATURE_RE.search(text[:1500])
    if m is None or not ORGAN_LINE_RE.match(m["o"].replace(" ", "")):
        return None
    dm = DATE_RE.fullmatch(m["d"].replace(" ", ""))
    date = parse_date(dm) if dm else None
    if date is None:
        return None
    return Found(m["o"], m.start("o"), m.end("o")), Found(date, m.start("d"), m.end("d"))


def opening_short(text: str) -> tuple[Found, Found] | None:
    m = OPENING_SHORT_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]) or m["s"] == m["u"]:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["s"], m.start("s"), m.end("s"))


def purpose_on(text: str) -> tuple[Found, Found] | None:
    m = PURPOSE_ON_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]) or "的" in m["n"]:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


# “作为国务院直属机构,X拥有…”, “…,X的行政编制为…”: the 作为-clause of `ministry_clauses`, its subject owning or described
ACTING_OWNS_RE = re.compile(ACTING_AS_RE.pattern.replace(r"(?=可|", r"(?=拥有|享有|的|可|", 1))


def acting_as(text: str) -> tuple[Found, Found] | None:
    """The 作为-clause's subject and class (the statement readers take only a subject that acts: “可”, “负责”…)."""
    for m in ACTING_OWNS_RE.finditer(text):
        if NOT_A_NAME_RE.match(m["u"]):
            continue
        return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))
    return None


def its_acting_nature(text: str, unit: str) -> Found | None:
    m = re.search(ITS_ACTING_RE.format(u=re.escape(unit)), text)
    return Found(m["n"], m.start("n"), m.end("n")) if m else None


def earlier_full_name(text: str, name: Found) -> Found:
    """“国家体育总局…。作为国务院直属机构,体育总局的…”: the name in full given before its short form."""
    found = list(re.finditer(r"(?:中华人民共和国|国家|中国)" + re.escape(name.value), text[:name.start]))
    return Found(found[-1].group(0), found[-1].start(), found[-1].end()) if found else name


def and_counted_bodies(text: str) -> list[Found]:
    """“设有A、B…、C和D这12个部门”: the items, when each is a body's name and the count is theirs."""
    for m in AND_COUNTED_RE.finditer(_mask_parens(text)):
        pieces = m["list"].split("、") + [m["last"]]
        if len(pieces) != to_int(m["n"]):
            continue
        out, pos = [], m.start("list")
        for piece in pieces[:-1]:
            out.append(Found(text[pos:pos + len(piece)], pos, pos + len(piece)))
            pos += len(piece) + 1
        out.append(Found(text[m.start("last"):m.end("last")], m.start("last"), m.end("last")))
        if all(BODY_NAME_RE.fullmatch(f.value) for f in out):
            return out
    return []


def inner_including_bodies(text: str) -> list[Found]:
    for m in INNER_INCLUDING_RE.finditer(text):
        if re.search(r"直属|下属|所属", text[max(0, m.start() - 4):m.start("list")]):
            continue  # “直属单位,包括…”: subordinate units, not internal bodies
        out = listed_names(m, INNER_BODY_RE)
        if out:
            return out
    return []


def two_plaques(text: str) -> Found | None:
    m = TWO_PLAQUES_RE.search(text)
    return Found(m["p"], m.start("p"), m.end("p")) if m else None


def raised_rank(text: str, unit: str) -> Found | None:
    m = re.search(RAISED_RANK_RE.format(u=re.escape(unit)), text)
    return Found(m["r"], m.start("r"), m.end("r")) if m else None


def first_of_two(text: str, unit: Found) -> Found | None:
    """The body whose 方案 follows the cover letter of a notice issuing two bodies' 方案."""
    m = TWO_BODIES_RE.match(unit.value)
    if m is None:
        return None
    for name in (m["a"], m["b"]):
        h = re.search(PLAN_HEADING_RE.format(u=re.escape(name)), text)
        if h is not None:
            return Found(h["u"], h.start("u"), h.end("u"))
    return None


def announced_cut_duty(text: str) -> Found | None:
    m = ANNOUNCED_RE.search(text.rstrip())
    return Found(m["d"], m.start("d"), m.end("d")) if m else None


def apply(b, text: str) -> None:
    """The reference-copy rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    lead = entry_lead(text)
    if lead is None:  # “X⏎(简称Y,…),是Z”
        found = heading_lead(text)
        lead = (found["unit"], found["nature"], found["short_name"]) if found is not None else None
    current = _span(b, "unit")
    if lead is not None and (not data.get("unit") or (current is not None and lead[0].start < current[0])):
        for key in ("unit", "short_name", "nature", "rank"):
            data[key] = None
        b.spans = [sp for sp in b.spans if sp[0] not in ("unit", "short_name", "nature", "rank")]
        _set(b, "unit", lead[0])
        _set(b, "nature", lead[1])
        _set(b, "short_name", lead[2])
        _set(b, "rank", rank_after(text, lead[1]))
        for key, found in {**infobox_facts(text), **bar_infobox(text)}.items():  # the infobox states them
            _set(b, key, found, replace=True)
    current = _span(b, "unit")
    pm = PART_PREFIX_RE.match(data.get("unit") or "")
    if pm and current is not None:  # “目录第一部分西藏自治区统计局”: the part heading is no part of the name
        _set(b, "unit", Found(data["unit"][pm.end():], current[0] + pm.end(), current[1]), replace=True)
    if not data.get("issuing_organ") and not data.get("issued_on"):  # “…现予印发。⏎X办公厅⏎二00九年…日⏎<规定>”
        found = cover_signature(text)
        if found is not None:
            _set(b, "issuing_organ", found[0])
            _set(b, "issued_on", found[1])
    if not data.get("unit"):  # “X,简称Y,成立于…”
        found = opening_short(text)
        if found is not None:
            _set(b, "unit", found[0])
            _set(b, "short_name", found[1], replace=True)
    if not data.get("unit"):  # “在我国,X是负责…的国务院正部级直属机构,同时…”
        found = purpose_on(text)
        if found is not None:
            _set(b, "unit", found[0])
            _set(b, "nature", found[1], replace=True)
    acting = acting_as(text)
    if acting is not None and not data.get("unit"):  # “作为国务院直属机构,体育总局的行政编制为…”
        _set(b, "unit", earlier_full_name(text, acting[0]))
    unit = data.get("unit")
    if not unit:
        return
    if acting is not None and not data.get("nature") and unit.endswith(acting[0].value):
        _set(b, "nature", acting[1])
    its = its_acting_nature(text, unit)  # “X由Y管理。作为Y管理的副部级国家局,其…”
    current = _span(b, "nature")
    if its is not None and (current is None or its.start < current[0]):
        _set(b, "nature", its, replace=True)
        if not data.get("rank") or _span(b, "rank") and _span(b, "rank")[0] > its.start:
            m = re.search(RANK, its.value)
            if m:
                _set(b, "rank", Found(m.group(0), its.start + m.start(), its.start + m.end()), replace=True)
    if data.get("nature") and not data.get("rank"):  # “…的国务院正部级直属机构”: the rank its class states
        span = _span(b, "nature")
        m = re.search(RANK, data["nature"])
        if m and span is not None:
            _set(b, "rank", Found(m.group(0), span[0] + m.start(), span[0] + m.end()))
    if not data.get("rank"):  # “X的前身是…,1998年…升格为正部级直属机构”
        _set(b, "rank", raised_rank(text, unit))
    plaque = two_plaques(text)  # “与中华全国体育总会实行“一个机构、两块牌子””
    if plaque is not None and plaque.value != unit:
        b.add_plaque(plaque)
    if not data["internal_bodies"]:
        for found in and_counted_bodies(text) or inner_including_bodies(text):
            idx = len(data["internal_bodies"])
            data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    current = _span(b, "unit")
    if current is not None:  # “关于印发A和B职能配置…方案的通知” over “A职能配置…方案”: the body issued first
        _set(b, "unit", first_of_two(text, Found(unit, *current)), replace=True)
    if not data["duties"]:  # “主要履行以下职能:⏎1.负责…” and the page ends
        found = announced_cut_duty(text)
        if found is not None:
            data["duties"].append(found.value)
            b.span("duties[0]", found.start, found.end)
