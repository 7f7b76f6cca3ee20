"""Clause rules for texts about several units and for budget notes that state a second unit (issue 12, heldout35).

A news item or notice about SEVERAL units set up or reformed at once (“组建X,增挂Y牌子” given as one example of a
county's 75 mergers; five bodies “正式挂牌” the same day) names no one unit; a 决算 of an office that also states the
bodies of the 事业单位 it manages (“故中心内设科室6个,即…”) gives the office's own bodies only; a committee's note whose
机构设置 names the committee's 办公室 as the body with the rank is that office's; duties under a numbered unit heading of a
department budget (“1.X办公室⏎(1)…(14)…”), bodies numbered one a line (“1.综合科。负责…”) or listed after “重新设置”, and
a note title glued between page chrome (“欢迎访问…网站!2022年度X部门决算公开”, “…部门决算2024-09-25 09:46…”).
A numbered list whose items each open with another unit and its change (“1、X局由…恢复独立设置;2、Y局挂Z牌子”) is a
list of reforms: no duties, and no unit where the unit read is one of them.
Each rule reads a clause, never a particular document; the parser calls them in one place (`parser._multiunit_rules`).
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, UNIT_SUFFIX, Found
from .final2_clauses import _is_junk

_NAME = r"[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX

# ------------------------------------------------------------------ a note title glued to page chrome
# “2023年度眉山市X局部门决算”, “2022年度X中心部门决算公开”: the year first, the report word with or without its suffix
_YEAR_FIRST_TITLE = (r"(?P<t>\d{4}年度?(?P<u>" + _NAME + r")(?:\(?(?:本级|机关本级|本部)\)?)?(?:部门|单位)(?:预算|决算)"
                     r"(?:编制说明|公开说明|情况说明|公开)?)")
# glued after a site greeting (“欢迎访问…网站!”) or a breadcrumb's last word (“…>> 正文”), before the page's date stamp
# (“2024-09-25 09:46…”) or its “发布时间/目录” (a copy run into one line)
GLUED_TITLE_RE = re.compile(r"(?:(?<=[!!])|(?<=正文)|^)[ \t]*" + _YEAR_FIRST_TITLE +
                            r"(?=\d{4}-\d{1,2}-\d{1,2}|[ \t]*(?:发布时间|发布日期|目录|来源)|[ \t]*$)", re.M)


def glued_note_title(text: str, max_lines: int = 12) -> tuple[Found, Found] | None:
    """(title, unit) of a budget/final-accounts note whose title line is glued to the site's greeting before it or to
    the page's date stamp after it; None when no such line opens the page."""
    head_end = 0
    for _ in range(max_lines):
        nxt = text.find("\n", head_end)
        if nxt == -1:
            head_end = len(text)
            break
        head_end = nxt + 1
    m = GLUED_TITLE_RE.search(text, 0, min(head_end, 800))
    if m is None:
        return None
    return Found(m["t"], m.start("t"), m.end("t")), Found(m["u"], m.start("u"), m.end("u"))


# ------------------------------------------------------------------ a document the text quotes as its basis
BASIS_LEAD_RE = re.compile(r"(?:根据|依据|按照|遵照|依照)")


BUDGET_NOTE_RE = re.compile(r"(?:部门|单位)(?:预算|决算)|(?:部门|单位)(?:基本)?(?:概况|情况)")


def in_basis_clause(text: str, pos: int) -> bool:
    """True when `pos` lies in a budget/final-accounts note's clause that cites a document as its basis (“根据中共X关于印发
    《Y规定》的通知(Z〔2019〕8号),X局为…”): a title or 文号 read there is the quoted document's, not the note's own. (An
    entry or article about a 三定 that quotes it is labelled with it: the rule is for notes only.)"""
    if not BUDGET_NOTE_RE.search(text):
        return False
    start = max(text.rfind(ch, 0, pos) for ch in "。\n;") + 1
    return bool(BASIS_LEAD_RE.search(text, start, pos))


# a page's metadata row naming the document: “名称: | X(本级)2021年度部门决算情况说明 | ||||”
METADATA_NAME_RE = re.compile(r"(?m)^[ \t]*(?:名称|标题|文件名称)[:：][ \t|]*(?P<t>[^|\n]{6,80}?(?:预算|决算)[^|\n]{0,12}?)[ \t]*(?:\||$)")


def metadata_note_title(text: str) -> Found | None:
    """The title of a budget/final-accounts note as the page's metadata row names it; None when there is none."""
    m = METADATA_NAME_RE.search(text[:3000])
    return Found(m["t"], m.start("t"), m.end("t")) if m else None


# ------------------------------------------------------------------ several units at once
# a unit named in a clause that gives it as one example of many: “…负责人举例,如将原A和原B整合,组建C”
EXAMPLE_LEAD_RE = re.compile(r"(?:举例|例如|比如|譬如|如将|如把)")
# “新组建的应急管理部16日正式挂牌”, “生态环境部正式揭牌”: one body's ceremony; several of them make a text on several units
CEREMONY_RE = re.compile(r"(?:新组建的|重新组建的|组建的)?(?P<u>[" + CJK + r"()]{2,30}?(?:部|委员会|局|署|总局|办公室|中心|厅|委))"
                         r"(?:\d{1,2}日)?(?:上午|下午)?(?:正式|统一|同时)?(?:挂牌|揭牌)")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, pos) for ch in "。\n!?;") + 1
    ends = [i for i in (text.find(ch, pos) for ch in "。\n!?;") if i != -1]
    return start, min(ends, default=len(text))


def unit_given_as_example(text: str, unit_span: tuple[int, int]) -> bool:
    """True when the sentence that names the unit offers it as an example (“如将…组建X”) of what the text says of
    many units."""
    start, _ = _sentence_bounds(text, unit_span[0])
    return bool(EXAMPLE_LEAD_RE.search(text, start, unit_span[0]))


def ceremony_units(text: str) -> list[Found]:
    """The bodies each given its own 挂牌/揭牌 in the text (names in order; a name that ends another, “省林业局” and
    “陕西省林业局”, is the same body and kept once)."""
    out: list[Found] = []
    for m in CEREMONY_RE.finditer(text):
        name = re.sub(r"^.*(?:,|、|和|及|与|日|上午|下午|为|对|给)", "", m["u"])
        if len(name) >= 3 and not any(f.value.endswith(name) or name.endswith(f.value) for f in out):
            out.append(Found(name, m.end("u") - len(name), m.end("u")))
    return out


# ------------------------------------------------------------------ the office of a committee
def committee_office(text: str, unit: str) -> Found | None:
    """“X委员会办公室为正处级机关行政单位”: the office named with a status where the unit read is the committee itself
    (from a title “X委员会2020年度部门决算情况说明”); None when no clause states the office so."""
    if not re.search(r"(?:委员会|领导小组)$", unit):
        return None
    m = re.search(re.escape(unit) + r"办公室(?=(?:为|是)[^。]{0,30}?(?:单位|部门|机构|机关))", text)
    return Found(unit + "办公室", m.start(), m.end()) if m else None


# ------------------------------------------------------------------ counted body lists and whose they are
# “下设内设科室2个,即A和B”, “故中心内设科室6个,即A、B…”
COUNTED_BODIES_RE = re.compile(r"内设(?:科室|机构|股室|处室|部室)\s*(?P<n>" + NUM + r")\s*个\s*,?\s*(?:即|分别为|分别是|为|:)\s*"
                               r"(?P<names>[^。;:]+?)(?=,\s*(?:机关|事业|行政|核定|编制|人员|共有)|[。;]|$)", re.M)
_SUBJECT_STRIP_RE = re.compile(r"^(?:故|因此|因而|其中|另|同时|现)")
_SUBJECT_VERB_RE = re.compile(r"(?:现有|设有|下设|共设|共有|现设)$")
SUBJECT_NAME_RE = re.compile(r"[" + CJK + r"()]{0,30}" + UNIT_SUFFIX)


def counted_bodies(text: str) -> list[tuple[str, list[Found]]]:
    """Each “内设科室N个,即A、B和C” clause whose names are as many as its count, with the subject of its sentence
    (“” when the clause continues a sentence about the unit: “X为…单位,挂…牌子,下设内设科室2个,即…”)."""
    out = []
    for m in COUNTED_BODIES_RE.finditer(text):
        n = to_int(m["n"])
        names = re.split(r"、|和|及", m["names"])
        if n is None or len(names) != n:
            continue
        found, pos = [], m.start("names")
        for name in names:
            if not re.fullmatch(r"[" + CJK + r"()]{2,20}" + BODY_SUFFIX, name):
                break
            found.append(Found(name, pos, pos + len(name)))
            pos += len(name) + 1
        if len(found) != n:
            continue
        start, _ = _sentence_bounds(text, m.start())
        lead = text[start:m.start()]
        subject = "" if re.search(r"[,,]", lead) else _SUBJECT_STRIP_RE.sub("", _SUBJECT_VERB_RE.sub("", lead))
        out.append((subject, found))
    return out


# a sentence about a unit the note's unit manages: “下属X,作为…事业单位,内设A、B”, “管理公益一类事业单位X,该中心内设…”
MANAGED_LEAD_RE = re.compile(r"(?:其)?(?:下属|所属|直属|管理)(?:的)?(?:[" + CJK + r"]{0,10}?事业单位|单位)?(?P<x>[" + CJK + r"()]{3,30}?"
                             + UNIT_SUFFIX + r")(?=[,,]|作为|为|是)")


def managed_unit_of_sentence(text: str, pos: int) -> str | None:
    """The unit a sentence opening “下属X,…” / “管理…事业单位X,…” is about, for a position in it; None otherwise."""
    start, _ = _sentence_bounds(text, pos)
    m = MANAGED_LEAD_RE.match(text, start, pos)
    return m["x"] if m else None


# ------------------------------------------------------------------ duties under a numbered unit heading
UNIT_HEADING_RE = re.compile(r"(?m)^[ \t]*\d{1,2}\s*[.、]\s*(?P<u>" + _NAME + r")[ \t]*$")
ARABIC_ITEM_RE = re.compile(r"^[ \t]*\((?P<i>\d{1,2})\)\s*(?P<body>\S.*)$")


def unit_heading_duties(text: str, is_unit) -> list[Found]:
    """The items “(1)…”, “(2)…” under a department budget's numbered unit heading “1.X” where X is the unit (`is_unit`
    tells), numbered from 1 without a gap; [] when there is no such heading."""
    for m in UNIT_HEADING_RE.finditer(text):
        if not is_unit(m["u"]):
            continue
        out, pos, expect = [], m.end() + 1, 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            item = ARABIC_ITEM_RE.match(text[pos:end])
            if item is None:
                if text[pos:end].strip():
                    break
            else:
                if int(item["i"]) != expect:
                    break
                out.append(Found(item["body"].strip(), pos + item.start("body"), end))
                expect += 1
            pos = end + 1
        return out if len(out) >= 3 else []
    return []


# ------------------------------------------------------------------ bodies numbered one a line, or after “重新设置”
SETUP_HEADING_RE = re.compile(r"(?m)^[ \t]*(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)\s*(?:内设)?机构设置(?:情况)?[ \t]*$")
NUMBERED_BODY_RE = re.compile(r"(?m)^[ \t]*\d{1,2}\s*[.、]\s*(?P<n>[" + CJK + r"()]{2,20}?" + BODY_SUFFIX + r")[。:]\s*(?:负责|承担|主要)")


def numbered_body_lines(text: str) -> list[Found]:
    """Bodies numbered one a line under a “(二)机构设置” heading, each followed by its work (“1.综合科。负责…”)."""
    head = SETUP_HEADING_RE.search(text)
    if head is None:
        return []
    nxt = re.search(r"(?m)^[ \t]*(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)", text[head.end():])
    end = head.end() + nxt.start() if nxt else len(text)
    return [Found(m["n"], m.start("n"), m.end("n")) for m in NUMBERED_BODY_RE.finditer(text, head.end(), end)]


RESET_BODIES_RE = re.compile(r"(?:重新|调整后)设置(?P<names>[^。;]+?)(?:等\s*" + NUM + r"\s*个[^。;]*)?(?=[。;]|$)")


def reset_bodies(text: str) -> list[Found]:
    """“…调整、优化原内设机构设置及职责分工,重新设置A、B(C)、D、E、项”: the bodies named after “重新设置”; a last name
    cut off by the page (no body ending) is none."""
    m = RESET_BODIES_RE.search(text)
    if m is None:
        return []
    out, pos = [], m.start("names")
    for name in m["names"].split("、"):
        if re.fullmatch(r"[" + CJK + r"]{2,20}" + BODY_SUFFIX + r"(?:\([" + CJK + r"]{2,20}\))?", name):
            out.append(Found(name, pos, pos + len(name)))
        pos += len(name) + 1
    return out if len(out) >= 2 else []


# ------------------------------------------------------------------ a unit named in full, then by its short form
SHORT_INTRO_RE = re.compile(r"(?P<full>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")" + name_forms.bracket("short"))


def full_name_of_short(text: str, unit: str) -> tuple[Found, Found] | None:
    """(full name, short name) where the unit read is the short form a text introduces after the full name
    (“X县市场监督管理局(以下简称县市场监管局)”); None when the unit read is no such short form."""
    for m in SHORT_INTRO_RE.finditer(text):
        if m["short"] == unit:
            full = re.sub(r"^.*(?:,|、|。|:)", "", m["full"])
            if m.start("full") and text[m.start("full") - 1].isdigit():  # “…至2022年11月27日对X局(以下简称Y)”
                full = re.sub(r"^[日月年号]", "", full)
            full = re.sub(r"^(?:现将|特将|决定将|同意将|对|由|向|受)(?=[" + CJK + r"]{3})", "", full)  # “现将X(下称Y)…”
            return (Found(full, m.end("full") - len(full), m.end("full")),
                    Found(m["short"], m.start("short"), m.end("short")))
    return None


# ------------------------------------------------------------------ bodies on one line, spaces or anti-copy strings between
SPACED_LIST_RE = re.compile(r"(?m)^[ \t]*(?:内设机构|机构设置|内设部室|内设科室|内设股室|部室设置|科室设置)[:：]?[ \t]*(?P<rest>.+?)[ \t]*$")
# one name of a run the extraction glued together once the spaces between Chinese characters were dropped
_GLUED_NAME_RE = re.compile(r"[" + CJK + r"“”]{2,12}?" + BODY_SUFFIX)


def spaced_body_list(text: str) -> list[Found]:
    """“内设机构:办公室 kx8,2;q9 辅导部 活动部 非遗保护部”: the names one line gives after a body heading, spaces (gone
    between Chinese characters once extracted: “辅导部活动部”) or anti-copy strings of ASCII letters, digits and
    punctuation between them; [] unless the whole line reads as three names or more."""
    for m in SPACED_LIST_RE.finditer(text):
        out, pos = [], m.start("rest")
        for token in re.split(r"([ \t]+|[A-Za-z0-9,.;:=+\-!?]{6,24})", m["rest"]):
            if token.strip() and not _is_junk(token.strip()):
                names = _GLUED_NAME_RE.findall(token)
                if "".join(names) != token:
                    out = []
                    break
                for name in names:
                    out.append(Found(name, pos, pos + len(name)))
                    pos += len(name)
                continue
            pos += len(token)
        if len(out) >= 3:
            return out
    return []


# ------------------------------------------------------------------ a numbered list of units, each with its change
# “1、天津市规划和自然资源局挂天津市林业局牌子;”, “5、烟台市林业局由…恢复为独立设置。”: each item's subject is another unit and
# its verb a change to that unit — a list of reforms, not one unit's duties
UNIT_CHANGE_ITEM_RE = re.compile(r"^\s*(?P<u>[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")"
                                 r"(?=由|挂|加挂|恢复|升格|调整|独立设置|单独设置|正式|成立|撤销|更名|划入|并入|与)")


NUMBERED_LINE_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\))[、.．]?"
                              r"[ \t]*(?P<b>[" + CJK + r"].*)$")


def numbered_lines(text: str) -> list[str]:
    """The text of each line opening with an item number (“1、…”, “(三)…”)."""
    return [m["b"] for m in NUMBERED_LINE_RE.finditer(text)]


def units_changed_by_items(items: list[str]) -> list[str]:
    """The distinct units that three or more items (two in three at least) open with, each followed by its change;
    [] when the list reads as one unit's duties."""
    subjects = [m["u"] for item in items if isinstance(item, str) and (m := UNIT_CHANGE_ITEM_RE.match(item))]
    distinct = list(dict.fromkeys(subjects))
    return distinct if len(distinct) >= 3 and 3 * len(subjects) >= 2 * len(items) else []


# ------------------------------------------------------------------ two units set up at once
# “正式成立惠阳区A中心和惠阳区B中心”, “A中心、B中心同时挂牌成立”, “设立A局与B局两个…”: one set-up naming two units or more
_NAME = r"[" + CJK + r"]{4,30}?" + UNIT_SUFFIX
_JOIN = r"[ \t]*(?:和|与|及|以及|、)[ \t]*"
SET_UP_TOGETHER_RES = [
    re.compile(r"(?:成立|组建|设立|新设|新建|挂牌成立|揭牌成立)(?:了)?[ \t]*(?P<a>" + _NAME + r")" + _JOIN + r"(?P<b>" + _NAME + r")"
               r"(?=[ \t]*(?:两个|2个|二个|三个|3个)?[ \t]*(?:[,，。;；]|$|单位|机构|事业单位|中心|部门))"),
    re.compile(r"(?:^|(?<=[\n。;；,，]))[ \t]*(?P<a>" + _NAME + r")" + _JOIN + r"(?P<b>" + _NAME + r")[ \t]*"
               r"(?:两个|2个|二个)?(?:单位|机构|中心)?[ \t]*(?:同时|同日|一同|分别|正式)*(?:挂牌成立|揭牌成立|挂牌|揭牌|成立)"),
]
_NOT_SET_UP_RE = re.compile(r"(?:牌子|合署|整合|合并|撤销|划入|职责)")


def units_set_up_together(text: str) -> list[tuple[Found, Found]]:
    """The pairs of units one clause sets up at once (“成立A中心和B中心”, “A局、B局同时挂牌”); a merger (“将A和B整合”),
    a plaque (“挂A和B牌子”) or a body shared with another (“与A合署办公”) is none."""
    out = []
    for rx in SET_UP_TOGETHER_RES:
        for m in rx.finditer(text):
            a = re.sub(r"^.*(?:,|、|和|及|与|日|上午|下午|为|对|给|了)", "", m["a"])
            after = text[m.end():m.end() + 12]
            if len(a) < 4 or _NOT_SET_UP_RE.search(after) or _NOT_SET_UP_RE.search(m.group(0)) or a == m["b"]:
                continue
            out.append((Found(a, m.end("a") - len(a), m.end("a")), Found(m["b"], m.start("b"), m.end("b"))))
    return out


# “全市已有4个区(东西湖区、青山区…)成立统战工作服务中心”: one kind of unit set up in several places at once
_SET_UP_IN_PLACES_RE = re.compile(
    r"(?:[2-9]|[1-9][0-9]|两|二|三|四|五|六|七|八|九|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)个"
    r"(?:县市区|县\(市、区\)|县\(市\)|县区|市县|区县|县|区|市|乡镇|乡|镇|街道|乡镇\(街道\))"
    r"(?:[(（][^)）\n]{0,80}[)）])?[^。;；\n]{0,20}?(?:成立|设立|组建|挂牌成立|揭牌成立)(?P<v>)(?:了)?[ \t]*")


def set_up_in_places(text: str, unit: str) -> bool:
    """Whether the text says the unit read was set up in several places at once (“4个区成立统战工作服务中心”): a kind of
    unit, each place's own, not one unit."""
    return any(text.startswith(unit, m.end()) or text.startswith(unit, m.end("v"))  # (“成立了X”: 了 read with X)
               for m in _SET_UP_IN_PLACES_RE.finditer(text))


# ------------------------------------------------------------------ a body of the unit read as the unit
_HEADING_UNIT_RE = re.compile(r"^[ \t]*(?:词条[ \t]*\|?[ \t]*)?(?P<u>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")[ \t]*\|?[ \t]*$", re.M)


_LISTED_BEFORE_RE = re.compile(r"(?:内设|下设|设有|设)[^。;\n]{0,60}?[、和及]$")


def _listed(text: str, unit: str) -> bool:
    """Whether the text names `unit` as the last or a later item of a list of bodies (“…设A、B、unit。”)."""
    at = text.find(unit)
    while at != -1:
        end = at + len(unit)
        if (end == len(text) or text[end] in "。,，;、\n") and _LISTED_BEFORE_RE.search(text[max(0, at - 64):at]):
            return True
        at = text.find(unit, at + 1)
    return False


def owner_of_body(text: str, unit: str, bodies: list[str]) -> Found | None | bool:
    """Where the unit read is also one of the bodies read or listed (“…内设办公室、业务股、农调队”, then “农调队是…”): the unit
    the text is about, as its heading line names it (a line in its first five holding only a name); False when the unit
    read is no body; None when it is one and no heading names another unit."""
    if not any(b == unit or (len(b) >= 3 and unit.endswith(b)) for b in bodies) and not _listed(text, unit):
        return False
    for m in _HEADING_UNIT_RE.finditer("\n".join(text.splitlines()[:5])):
        name = m["u"]
        if name != unit and not name.endswith(unit) and name not in bodies:
            return Found(name, m.start("u"), m.end("u"))
    return None


# ------------------------------------------------------------------ a kind of unit, not one unit
# “街道党工委是县委的派出机关”, “乡镇人民武装部是…”, “各乡镇设…”: a reform text on every township or street office of a
# 州/县 states what each of them is; a name with no place of its own before the level word is that kind
KIND_NAME_RE = re.compile(r"^(?:各|每个|全[省市县区州旗]|所有)?(?:乡镇|乡|镇|街道|乡镇\(街道\)|乡镇街道)(?=[" + CJK + r"]{2})"
                          r"|^(?:各|每个|所有)(?=[" + CJK + r"]{3})")


def names_a_kind(unit: str) -> bool:
    """Whether the unit read names a kind of unit (“街道党工委”, “乡镇人民武装部”, “各县市场监管局”) rather than one
    unit: no place of its own before the level word. “乡镇企业局”, “镇江市…” are names."""
    return bool(KIND_NAME_RE.match(unit)) and not re.match(r"^(?:乡镇企业|乡村振兴|镇江|镇原|镇平|镇安|镇雄|镇宁|镇赉|镇坪|镇远|镇巴|镇海)", unit)
