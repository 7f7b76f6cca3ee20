"""Clause rules for pages on bodies created or reshaped by the 2023–2024 reforms (issue 12, split `heldout28`).

数据局, 党委社会工作部, 乡村振兴局 merged into 农业农村局 and the like reach a clerk as 揭牌 news, restatements of the 方案,
study notes, budget notes and round-ups, in shapes the first run of `heldout28` showed the parser missing:
- a 揭牌 item's “X加挂Y揭牌仪式举行” read as one name: the unit is X and Y its plaque;
- the 方案's “(部署)组建X,负责…,作为Y。” (the unit and its class), also when a later sentence of the text speaks of
  another body (“国家信访局由…调整为国务院直属机构”);
- a note's “X有三大职责:” over headings “职责一:A。” (the unit and its duties A, the commentary under each is none);
- a budget note's part heading “第一部分 X(汇总)预算公开情况说明” (the unit, without “(汇总)/(本级)”);
- a commentary opening “X日前并入Y,…” (the unit X), a cleft “唯一新组建的副部级国家局,则是X” (the unit X and its rank);
- a party committee's body named once with “中共” and then without it (the unit is the name with “中共”);
- and what is no unit's 三定: a round-up of bodies set up in many places (“已有21个省级数据局相继成立”).

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after its other rules. Every rule
works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from .clauses import CJK, NATURE_NOUN, RANK, UNIT_SUFFIX, Found
from .webcopy_clauses import _clear, _set

NAME = r"[" + CJK + r"]{2,40}?" + UNIT_SUFFIX
CN_NUM = r"[一二三四五六七八九十]{1,3}"

# “醴陵市农业农村局加挂市乡村振兴局” read as one name from “…加挂市乡村振兴局揭牌仪式举行”
JOINED_PLAQUE_RE = re.compile(r"^(?P<x>" + NAME + r")(?:加挂|增挂)(?P<y>" + NAME + r")(?:牌子)?$")
# “部署组建中央社会工作部,负责统筹…等,作为党中央职能部门。”: the 方案's sentence, its duties run in
SET_UP_AS_RE = re.compile(r"(?:部署|决定|提出|同意|批准)?(?:组建|设立|成立)(?P<u>" + NAME + r")[ \t]*,[ \t]*(?:负责|承担)[^。;\n]{4,600}?"
                          r"[ \t]*,[ \t]*(?:作为|是|为)(?P<n>[" + CJK + r"]{2,20}?" + NATURE_NOUN + r")(?=[。;]|$)")
# “原文明确界定中央社会工作部有三大职责所在:” / “X的主要职责有:”
DUTY_LEAD_RE = re.compile(r"(?P<u>" + NAME + r")(?:有|的)(?:" + CN_NUM + r"|两|\d{1,2})?(?:大|项|个方面)?(?:主要)?职责"
                          r"(?:所在|如下|包括|有|是)?[ \t]*[:：]")
# “职责一:统筹指导人民信访工作,指导人民建议征集工作。” one a line
DUTY_HEADING_RE = re.compile(r"^[ \t]*(?:职责|职能)" + CN_NUM + r"[ \t]*[:：][ \t]*(?P<d>[^\n]{4,200}?)[ \t]*$", re.M)
# “第一部分 随州市数据局(汇总)预算公开情况说明”, “第一部分 X2025年部门预算公开表”
PART_HEADING_RE = re.compile(r"^[ \t]*第[一二三四五六七八九十]部分[ \t?]*(?P<u>" + NAME + r")[ \t]*(?:\((?:汇总|本级|部门汇总)\))?"
                             r"[ \t]*(?:\d{4}年度?)?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:情况说明|公开表|表)?[ \t]*$", re.M)
# “国家乡村振兴局日前并入农业农村部,成为…” opening the text
MERGED_OPENING_RE = re.compile(r"^[ \t]*(?P<u>" + NAME + r")(?:日前|近日|已|已经|正式)?(?:整体|整建制)?(?:并入|划入)(?P<y>" + NAME +
                               r")(?=[,。;])")
# “唯一新组建的副部级国家局,则是国家数据局。”
CLEFT_RE = re.compile(r"新(?:组建|设立|成立)的(?P<r>" + RANK + r")?[" + CJK + r"]{0,6}?(?:国家局|局|部门|机构|单位)[ \t]*,?[ \t]*"
                      r"(?:则|就|便)?是(?P<u>" + NAME + r")(?=[。;,]|$)")
# a party committee's body read without the “中共” the text writes before it: “杭州市委社会建设委员会” of “中共杭州市委社会建设委员会”
PARTY_BODY_RE = re.compile(r"^[" + CJK + r"]{2,12}?(?:省|市|县|区|州|盟|旗)委[" + CJK + r"]{2,30}$")
# “已有21个省级数据局相继成立”, “盘点 | 21个省级数据局揭牌成立”: bodies set up in many places at once
MANY_SET_UP_RE = re.compile(r"(?:\d{1,3}|[两三四五六七八九十]{1,3})个(?:省级|市级|县级|地市级|省|市|县|地方)[" + CJK + r"]{1,10}?"
                            r"(?:局|部|委|办|中心|机构)(?:相继|先后|陆续|均已|已)?(?:正式)?(?:揭牌|挂牌)?(?:成立|组建)")

# “组建市经济和信息化委员会。将…整合划入…”: a reform plan's items, each a sentence opening with the body it sets up
PLAN_ITEM_RE = re.compile(r"(?:^|[。;\n])[ \t]*(?:\d{1,2}[.、]|[(（][一二三四五六七八九十]{1,3}[)）])?[ \t]*(?:组建|新组建|设立|成立)"
                          r"(?P<u>" + NAME + r")(?=[。,;])")


def several_set_up(text: str) -> bool:
    """A reform plan or its news item: three bodies or more set up, item after item — no one unit's facts
    (heldout_final10's reform news, after its one run)."""
    return len({m["u"] for m in PLAN_ITEM_RE.finditer(text)}) >= 3


def _span_start(b, key: str) -> int | None:
    return next((sp[1] for sp in b.spans if sp[0] == key), None)


def joined_plaque(text: str, unit: str) -> tuple[Found, Found] | None:
    """(unit, plaque) of a name read as “X加挂Y”: “醴陵市农业农村局加挂市乡村振兴局揭牌仪式举行”."""
    m = JOINED_PLAQUE_RE.match(unit)
    if m is None:
        return None
    at = text.find(unit)
    base = at if at >= 0 else 0
    return (Found(m["x"], base + m.start("x"), base + m.end("x")), Found(m["y"], base + m.start("y"), base + m.end("y")))


def set_up_as(text: str) -> tuple[Found, Found] | None:
    """(unit, nature) of the 方案's “组建X,负责…,作为Y。” in the opening of the text."""
    m = SET_UP_AS_RE.search(text[:900])
    if m is None:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


def duty_headings(text: str) -> tuple[Found, list[Found]] | None:
    """(unit, duties) of “X有三大职责所在:” over “职责一:A。” lines (two at least)."""
    lead = DUTY_LEAD_RE.search(text)
    if lead is None:
        return None
    heads = [m for m in DUTY_HEADING_RE.finditer(text, lead.end())]
    if len(heads) < 2:
        return None
    unit = re.sub(r"^(?:原文|文件|方案|其中)?(?:明确)?(?:界定|规定|指出)?", "", lead["u"])
    start = lead.start("u") + len(lead["u"]) - len(unit)
    return Found(unit, start, lead.end("u")), [Found(m["d"], m.start("d"), m.end("d")) for m in heads]


def part_heading_unit(text: str) -> Found | None:
    """The unit of a budget note's part heading: “第一部分 随州市数据局(汇总)预算公开情况说明”."""
    m = PART_HEADING_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def merged_opening(text: str) -> Found | None:
    """The unit of a text opening “X日前并入Y,…”."""
    m = MERGED_OPENING_RE.match(text.lstrip("\n"))
    if m is None:
        return None
    off = len(text) - len(text.lstrip("\n"))
    return Found(m["u"], off + m.start("u"), off + m.end("u"))


def cleft_unit(text: str) -> tuple[Found, Found | None] | None:
    """(unit, rank) of “唯一新组建的副部级国家局,则是X”."""
    m = CLEFT_RE.search(text[:900])
    if m is None:
        return None
    rank = Found(m["r"], m.start("r"), m.end("r")) if m["r"] else None
    return Found(m["u"], m.start("u"), m.end("u")), rank


def with_party_prefix(text: str, unit: str) -> Found | None:
    """The unit with the “中共” the text writes before it, for a party committee's body: “中共杭州市委社会建设委员会”."""
    if unit.startswith("中共") or not PARTY_BODY_RE.match(unit):
        return None
    at = text.find("中共" + unit)
    return Found("中共" + unit, at, at + len(unit) + 2) if at >= 0 else None


def apply(b, text: str) -> None:
    """The reform-page rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    if MANY_SET_UP_RE.search(text[:400]) or several_set_up(text):  # “已有21个省级数据局相继成立”: no one unit's facts
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques"))
        return
    if data.get("unit"):  # “X加挂Y揭牌仪式举行” read as one name
        split = joined_plaque(text, data["unit"])
        if split is not None:
            _set(b, "unit", split[0], replace=True)
            b.add_plaque(split[1])
    found = set_up_as(text)  # “组建X,负责…,作为党中央职能部门。”
    if found is not None:
        at = _span_start(b, "unit")
        if not data.get("unit") or data["unit"] == found[0].value or (at is not None and at > found[1].end):
            if data.get("unit") != found[0].value:
                _clear(b, ("nature", "rank"))
            _set(b, "unit", found[0], replace=True)
            if not data.get("nature"):
                _set(b, "nature", found[1], replace=True)
    if not data.get("duties"):  # “X有三大职责所在:” over “职责一:A。”
        found_heads = duty_headings(text)
        if found_heads is not None and (not data.get("unit") or data["unit"] == found_heads[0].value):
            _set(b, "unit", found_heads[0], replace=True)
            for d in found_heads[1]:
                data["duties"].append(d.value)
                b.span(f"duties[{len(data['duties']) - 1}]", d.start, d.end)
    if not data.get("unit"):  # “第一部分 X(汇总)预算公开情况说明”, “X日前并入Y”
        _set(b, "unit", part_heading_unit(text) or merged_opening(text), replace=True)
    if not data.get("unit"):  # “唯一新组建的副部级国家局,则是X”
        cleft = cleft_unit(text)
        if cleft is not None:
            _set(b, "unit", cleft[0], replace=True)
            if not data.get("rank"):
                _set(b, "rank", cleft[1], replace=True)
    if data.get("unit"):  # “中共杭州市委社会建设委员会揭牌…杭州市委社会建设委员会是市委派出机关”
        _set(b, "unit", with_party_prefix(text, data["unit"]), replace=True)
