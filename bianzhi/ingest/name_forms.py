"""Short forms (简称) of a unit's name: the one regex family every clause module builds its patterns from, and the
functions that read a short form where a text gives it (ADR 0050).

A text gives a unit's short form in three wordings, each with its own variants:
- a bracket after the full name: “X(以下简称Y)”, “X(简称“Y”)”, “X(简称:Y)”, “X(以下简称为Y)”, “X(下称Y)”, “X(以下称Y)”,
  “X(下文简称Y)”; in an entry the bracket may go on with other names: “X(简称Y,English name)”;
- a clause of its own after the full name: “X,简称Y,是…”, “X,以下简称Y,…”, “X,规范化简称Y,又简称Z,是…”;
- the short form alone in a bracket or after a comma, the full name given elsewhere.

Before this module twelve modules each wrote their own “简称” regex (the words before the short form, its quotes and
its length differed from one to the other); they now all take `SHORT_WORD`, `bracket()` and `comma_clause()` from here
and read the short form with `read_bracket()` / `intros()`. This module imports nothing of the parser: the full name's
pattern is the caller's (clauses.UNIT_SUFFIX and the like), so that clauses.py can use it too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HAN = r"\u4e00-\u9fff"

# the words that introduce a short form: “以下简称”, “下文简称”, “简称为”, “规范化简称”, “下称”, “以下称”
SHORT_WORD = r"(?:(?:以下|下文|规范化|通常)?简称(?:为)?|以下称|下称)"
# a short form itself: two to twenty characters, none of them a quote, a bracket or a clause's punctuation
# (digits allowed: “21世纪中心”)
SHORT_CHARS = r"[^“”\"'‘’()\n,，;；。、:：]"
_OPEN_QUOTE = r"[“\"‘']?"
_CLOSE_QUOTE = r"[”\"’']?"


def short_value(name: str = "s", lo: int = 2, hi: int = 20) -> str:
    """The pattern of a short form in its optional quotes, captured as group `name`."""
    return (_OPEN_QUOTE + r"(?P<" + name + r">" + SHORT_CHARS + r"{" + str(lo) + "," + str(hi) + r"}?)"
            + r"(?:" + _CLOSE_QUOTE[:-1] + r"|(?=[),，;；。、:：\s]|$))")  # the form ends at its quote or a clause's end


def bracket(name: str = "s", lo: int = 2, hi: int = 20, closed: bool = True) -> str:
    """“(以下简称Y)” as a pattern (the short form in group `name`); `closed=False` also takes a bracket that goes on
    with other names after a comma or semicolon (“(简称Y,English name)”) and stops after that punctuation."""
    tail = r"\)" if closed else r"(?:\)|[,，;；])"
    return (r"\([ \t]*" + SHORT_WORD + r"[ \t]*[:：]?[ \t]*" + short_value(name, lo, hi) + r"[ \t]*" + tail)


def comma_clause(name: str = "s", lo: int = 2, hi: int = 10) -> str:
    """“,简称Y,” as a pattern: the short form as a clause of its own between two commas (group `name`)."""
    return (r"[ \t]*[,，][ \t]*" + SHORT_WORD + r"[ \t]*[:：]?[ \t]*" + short_value(name, lo, hi) + r"[ \t]*[,，]")


_AFTER_NAME_RE = re.compile(r"[ \t]*" + bracket())
_INNER_RE = re.compile(r"[ \t]*" + SHORT_WORD + r"[ \t]*[:：]?[ \t]*" + short_value("s") + r"[ \t]*(?:[,，;；]|$)")


def read_bracket(inner: str) -> tuple[str, int, int] | None:
    """(short form, start, end within `inner`) when the inside of a bracket gives a short form (“以下简称Y”,
    “简称“Y”,English name”); None for any other bracket (a rank, a second name, “含…”)."""
    m = _INNER_RE.match(inner)
    if m is None:
        return None
    return m["s"], m.start("s"), m.end("s")


@dataclass(frozen=True)
class ShortIntro:
    """A full name and the short form the text gives it, with their places in the text."""
    full: str
    full_start: int
    short: str
    short_start: int

    @property
    def full_end(self) -> int:
        return self.full_start + len(self.full)

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)


_INTRO_CACHE: dict[str, re.Pattern] = {}


def intros(text: str, name_pattern: str) -> list[ShortIntro]:
    """Every “X(以下简称Y)” of the text whose X matches `name_pattern` (the caller's pattern of a full name, ending at
    the bracket), in the text's order."""
    rx = _INTRO_CACHE.get(name_pattern)
    if rx is None:
        rx = _INTRO_CACHE[name_pattern] = re.compile(r"(?P<full>" + name_pattern + r")[ \t]*" + bracket())
    return [ShortIntro(m["full"], m.start("full"), m["s"], m.start("s")) for m in rx.finditer(text)]


def short_of(text: str, full: str) -> tuple[str, int, int] | None:
    """(short form, start, end) the text gives the name `full` right after it (“X(以下简称Y)”), or None."""
    at = text.find(full)
    while at != -1:  # (the bracket matched where the name ends: no pattern compiled per name)
        m = _AFTER_NAME_RE.match(text, at + len(full))
        if m is not None:
            return m["s"], m.start("s"), m.end("s")
        at = text.find(full, at + 1)
    return None


def is_short_form(name: str) -> bool:
    """Whether `name` is only a short form's introduction (“以下简称Y”): no name of a unit."""
    return re.match(r"[ \t]*" + SHORT_WORD, name) is not None


__all__ = ["SHORT_WORD", "SHORT_CHARS", "short_value", "bracket", "comma_clause", "read_bracket", "ShortIntro", "intros",
           "short_of", "is_short_form"]


# ------------------------------------------------------------------ a unit's name with or without its province
# a province-level place that is not a city (the four municipalities' names are the unit's own: “重庆市X区…”)
PROVINCE_RE = re.compile(r"^(?:(?!北京|天津|上海|重庆)[" + _HAN + r"]{2,3}省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|"
                         r"新疆维吾尔自治区)")
# what follows the province must itself open with a city's or a county's place (“梅州市梅江区…”, “日喀则市…”,
# “邹平县…”), never a provincial body's own name (“广东省文化馆” stays)
_LOCAL_PLACE_RE = re.compile(r"^[" + _HAN + r"]{1,8}?(?:市|自治州|州|盟|地区|县|自治县|区|旗)(?=[" + _HAN + r"]{2})")


def without_province(text: str, unit: str) -> tuple[str, int] | None:
    """(the name, its place in `text`) without the province's prefix when the unit read carries one that the text
    also leaves off, naming the unit as its city or county does (“西藏自治区日喀则市应急管理局…⏎日喀则市应急管理局概况”);
    None when the text names it only with its province (the corpus' convention: the name as the text states the unit
    on its own)."""
    m = PROVINCE_RE.match(unit)
    if m is None:
        return None
    rest = unit[m.end():]
    if len(rest) < 5 or _LOCAL_PLACE_RE.match(rest) is None:
        return None
    if re.search(r"(?:单位名称|机构名称|名称)[ \t]*[:：][ \t]*" + re.escape(unit), text):
        return None  # the name the page gives as the unit's own (“单位名称:四川省X县档案馆(本级)”) is its form
    province = m.group(0)
    for found in re.finditer(re.escape(rest), text):
        before = re.sub(r"[ \t]+$", "", text[max(0, found.start() - len(province) - 2):found.start()])
        if before.endswith(province) or before.endswith(province[:2]):  # “广东省X”, “西藏X”: the prefixed form again
            continue
        return rest, found.start()
    return None


# a verb or copula the clause reader kept in front of the name: “为区卫健委”, “是县统计局”
_COPULA_LEAD_RE = re.compile(r"^(?:为|是|系|即)(?=[" + _HAN + r"]{3})")


def without_copula(unit: str) -> str | None:
    """The name without a leading “为/是/系/即” the clause reader kept (“为区卫健委” → “区卫健委”), or None."""
    m = _COPULA_LEAD_RE.match(unit)
    if m is None or re.match(r"^(?:为民|是非)", unit):  # “为民服务中心” is a name
        return None
    return unit[m.end():]


_BARE_LEVEL_RE = re.compile(r"^(?P<l>[县区市旗])(?=[" + _HAN + r"]{2})")


def with_place_of_text(text: str, unit: str) -> str | None:
    """A name read bare (“区司法局”, “县档案局”) with the place the text gives it: the one place of that level the
    text names its other bodies with (“淄川区法律援助中心”, “淄川区律师事务所” → 淄川区司法局), named at least twice
    and no other of the level; None if the text names none or several."""
    bare = _BARE_LEVEL_RE.match(unit)
    if bare is None:
        return None
    level = bare["l"]
    places = [m.group(1) for m in re.finditer(r"(?=([" + _HAN + r"]{2,3}" + level + r")[" + _HAN + r"]{1,12}?"
                                                 r"(?:局|中心|所|处|办公室|委员会|院|馆|站|队))", text)]
    places = [p for p in places if not re.search(r"[全各本该的和及与对级我在设为是将由原了成立经属建组于]", p[:-1])
              and not re.match(r"(?:城|辖|园|社|景|新|开发|郊)$", p[:-1])]
    counts: dict[str, int] = {}
    for p in places:
        counts[p] = counts.get(p, 0) + 1
    named = [p for p, k in counts.items() if k >= 2]
    if len(named) != 1 or any(p != named[0] and not p.endswith(named[0]) for p in counts):
        return None
    return named[0] + unit[1:]
