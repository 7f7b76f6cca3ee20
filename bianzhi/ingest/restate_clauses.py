"""Clause rules for pages that restate a unit's 三定 in other words (issue 12, split `heldout26`).

News items on a body set up, merged or given a plaque at city, county and town level, in the shapes the first run of
`heldout26` showed the parser missing: an announcement with an auxiliary or a 授牌 (“X将正式挂牌成立”, “X正式授牌成立”), a
unit named only after a setting-up verb (“决定设立X。”, “…,组建X,是…”, “核增…,成立省医保办。”) and completed from its full
name elsewhere in the text (“福建省医保办”), “组建为新的X作为Y” (no comma before 作为), a bureau merged into another that
carries its plaque (“X整体划入Y,Y加挂X牌子”: the unit is Y), an office's bodies after “该办下设A、B和C”. And what is no
unit's 三定: an explainer on a kind of grass-roots body (“乡镇街道综合执法大队是…”), a news item on the bodies of several
provinces at once (“湖南、广东、广西等多省挂牌乡村振兴局”).

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after its other rules. Every rule
works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from . import registry_clauses
from .clauses import BODY_SUFFIX, CJK, NATURE_NOUN, UNIT_SUFFIX, Found, split_names
from .webcopy_clauses import _clear, _set

# a date before the verb: “X于5月30日正式挂牌成立”, “X2023年5月30日挂牌成立”
_DATE = r"于?(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
# “1月17日上午,X将正式挂牌成立。”, “昨(12)日,X正式授牌成立。”;
# (heldout26b) “本报讯(记者杜玲)位于科技总部新城的X昨日上午揭牌,并…”: after a byline's bracket, a place clause before
# the name, a day word before the verb
ANNOUNCED_RE = re.compile(r"(?:^|(?<=[\n。;,):]))[ \t]*(?:位于[^,。;\n的]{1,20}的)?(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")"
                          r"(?:将|已|已经)?(?:今日|今天|昨日|昨天|日前|近日|" + _DATE + r")?(?:上午|下午)?(?:正式)?"
                          r"(?:授牌成立|挂牌成立|揭牌成立|授牌|揭牌|挂牌)(?=[,。;]|$)")
# “…协商,决定设立X。”, “创新…服务,组建X,是…”, “核增行*编制17名,成立省医保办。”
SET_UP_RE = re.compile(r"(?:^|(?<=[\n。;,]))[ \t]*(?:决定|同意|批准)?(?:设立|组建|成立)(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX +
                       r")(?=[,。;]|$)")
# every body a text sets up: a reform item sets up several (“设立轻工业管理局;…建立城市管理委员会”)
ANY_SET_UP_RE = re.compile(r"(?:设立|组建|成立|建立)(?:的)?(?P<u>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")(?=[,。;、和及]|$)")
# a name under a bare level word: “省医保办”, “市自然资源局”
LEVEL_SHORT_RE = re.compile(r"^(?:自治区|自治州|自治县|省|市|县|区|州|旗)[" + CJK + r"]")
# a place written before it: “福建” of “福建省医保办”
PLACE_RE = r"(?:^|(?<=[^" + CJK + r"]))(?P<p>[" + CJK + r"]{2,4})"
NOT_PLACE_RE = re.compile(r"[的和与及在为由对将把着了是从向后其该本我这此]")
# “组建为新的X作为Y” / “X作为市政府工作部门”
AS_NATURE_RE = r"[ \t]*,?[ \t]*作为(?P<n>[^,。;]{2,30}?" + NATURE_NOUN + r")(?=[,。;]|$)"
# “X整体划入Y,Y加挂X牌子”
MERGED_RE = re.compile(r"(?P<x>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")(?:整体|整建制)?(?:划入|并入)(?P<y>[" + CJK + r"]{3,40}?" +
                       UNIT_SUFFIX + r")(?=[,。;])")
CARRIES_RE = re.compile(r"(?:^|(?<=[\n。;,]))[ \t]*(?P<y>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")加挂(?P<x>[" + CJK + r"]{2,40}?" +
                        UNIT_SUFFIX + r")牌子")
# “该办下设A、B和C;”
THIS_BODIES_RE = re.compile(r"(?:该|本)(?:局|办|委|中心|厅|部|院|所|站|队|处)?(?:内设|下设)(?P<list>[" + CJK + r"、]{4,200}?)(?=[;。])")
# a grass-roots kind, not a place: “乡镇街道综合执法大队”, “县级融媒体中心”
KIND_UNIT_RE = re.compile(r"^(?:乡镇街道|乡镇|镇街|街镇|县级|市级|省级|各级|基层)[" + CJK + r"]")
# a headline on several provinces' bodies: “湖南、广东、广西等多省挂牌乡村振兴局”
SEVERAL_PLACES_RE = re.compile(r"(?:[" + CJK + r"]{2,4}、)+[" + CJK + r"]{2,4}等(?:多|[\d一二三四五六七八九十]+个?)(?:省|市|县|地|区)"
                               r"[^\n。]{0,12}?(?:挂牌|揭牌|成立|组建)")




def full_form(text: str, name: str, found: Found) -> Found:
    """The name in full when the text writes it with its place at a clause start elsewhere: “成立省医保办” → “福建省医保办”."""
    if not LEVEL_SHORT_RE.match(name):
        return found
    for m in re.finditer(PLACE_RE + re.escape(name), text):
        if not NOT_PLACE_RE.search(m["p"]):
            return Found(m["p"] + name, m.start("p"), m.end())
    return found


def announced_unit(text: str) -> Found | None:
    """The body a news item announces with an auxiliary or a 授牌, else the one it sets up by a verb."""
    for rx in (ANNOUNCED_RE, SET_UP_RE):
        m = rx.search(text)
        if rx is SET_UP_RE and m is not None and several_set_up(text):
            return None
        if m is not None and not re.match(r"^(?:的|了|新|该|本|这|一个|一批)", m["u"]):
            found = Found(m["u"], m.start("u"), m.end("u"))
            return full_form(text, m["u"], found)
    return None


def several_set_up(text: str) -> bool:
    """True when the text sets up more than one body (a short form of a name counts as that name; units set up under
    the body, “在X管辖下,成立了…”, are its own)."""
    names: list[str] = []
    for m in ANY_SET_UP_RE.finditer(text):
        name = m["u"]
        clause = text[max(text.rfind(ch, 0, m.start()) for ch in "。;\n") + 1:m.start()]
        if re.search(r"管辖下|领导下|所属|下属", clause):  # “在医保办管辖下,成立了…三个处级事业单位”: its own units
            continue
        if len(name) < 4 or any(n.endswith(name) or name.endswith(n) for n in names):
            continue
        names.append(name)
    return len(names) > 1


def as_nature(text: str, unit: str) -> Found | None:
    """“组建为新的X作为市政府组成部门”: the class the unit is set up as."""
    m = re.search(re.escape(unit) + AS_NATURE_RE, text)
    return Found(m["n"], m.start("n"), m.end("n")) if m else None


def plaque_carrier(text: str, unit: str) -> tuple[Found, Found] | None:
    """(carrier, plaque) when the unit read is a bureau merged into another that carries its plaque: “奉节县城市管理局整体
    划入县住房和城乡建委,县住房城乡建委加挂县城市管理局牌子…奉节县住房和城乡建委加挂县城市管理局牌子后”."""
    merged = MERGED_RE.search(text)
    if merged is None or not unit.endswith(merged["x"].lstrip("省市县区州旗")):
        return None
    best = None
    for m in CARRIES_RE.finditer(text):
        if not unit.endswith(m["x"].lstrip("省市县区州旗")) or m["y"].endswith(m["x"]):
            continue
        if best is None or len(m["y"]) > len(best["y"]):
            best = m
    if best is None:
        return None
    return Found(best["y"], best.start("y"), best.end("y")), Found(best["x"], best.start("x"), best.end("x"))


def this_bodies(text: str) -> list[Found]:
    """“该办下设A、B和C;”: the bodies of the office the text is about."""
    m = THIS_BODIES_RE.search(text)
    if m is None:
        return []
    out = split_names(m["list"], m.start("list"), "、|和|及", r"[" + CJK + r"]{2,16}?" + BODY_SUFFIX) or []
    return out if len(out) >= 2 else []


def apply(b, text: str) -> None:
    """The restatement rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    if data.get("unit") and KIND_UNIT_RE.match(data["unit"]):  # “乡镇街道综合执法大队是…重新组建而成的一个机构”
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques"))
        return
    if data.get("unit") and SEVERAL_PLACES_RE.search(text[:600]):  # “湖南、广东、广西等多省挂牌乡村振兴局”
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques"))
        return
    if not data.get("unit") and not registry_clauses.SEVERAL_SET_UP_RE.search(text[:600]):  # “X将正式挂牌成立”, “决定设立X。”
        found = announced_unit(text)  # (not when the text sets up several units at once: “三家新组建的事业单位…”)
        if found is not None:
            _set(b, "unit", found, replace=True)
    if data.get("unit") and not data.get("nature"):  # “组建为新的X作为市政府组成部门”
        _set(b, "nature", as_nature(text, data["unit"]), replace=True)
    if data.get("unit"):  # “X整体划入Y,Y加挂X牌子”
        carried = plaque_carrier(text, data["unit"])
        if carried is not None:
            _set(b, "unit", carried[0], replace=True)
            b.add_plaque(carried[1])
    if data.get("unit") and not data["internal_bodies"]:  # “该办下设A、B和C;”
        b.add_bodies(this_bodies(text))
