"""Clause rules for how national and provincial bodies appear on the pages clerks copy (issue 12, held-out split
heldout16).

A ministry's 三定 is mostly seen second-hand: a news item (“水利部“三定”方案落定”, “共设综合、政策法规、…、国际合作司九个司,
编制112人”), a Q&A answer ending its sentences with a half-width period (“X是…的国务院直属事业单位.”, “(一) 拟定….”), an
explainer whose table is pasted with bars (“| 机关编制 | 240名(最新) |”, “机构类型 | 国务院部委管理的国家局 |”), a sentence that
puts the nature first (“作为国务院直属机构,国家医保局可直接协调…”), a directory card of a government portal quoting its
办公厅's duties, a notice whose 文号 runs into the site's “颁布时间”. Kept apart from the other clause modules so that each
rule stays one small function the parser calls in one place (`parser._ministry_rules`).
"""
from __future__ import annotations

import re

from bianzhi.core.docnumber import DocNumberError, parse_docnumber
from bianzhi.core.numerals import NUM, to_int

from . import name_forms, national_clauses
from .clauses import (
    BODY_SUFFIX,
    CJK,
    CN_NUM,
    DOCNUMBER,
    NATURE_CLASS,
    NATURE_NOUN,
    RANK,
    UNIT_SUFFIX,
    Found,
    _mask_parens,
    staffing_entry,
)

# “…的国务院直属事业单位.⏎(一) 拟定….⏎”: a sentence or an item closed by a half-width period at the line's end (a Q&A
# site's or a forum's copy); read as “。” so that statements and numbered duties are found. Same length: offsets stay.
LINE_END_PERIOD_RE = re.compile(r"(?<=[" + CJK + r"》”)])\.(?=[ \t]*(?:\n|$)|[ \t]*\(" + CN_NUM + r"\))")  # (or before “ (二)”: one line)
BARE_NUMERAL_LINE_RE = re.compile(r"(?:^|\n)[ \t]*[" + CJK + r"]{0,2}\.[ \t]*(?:\n|$)")


def cjk_line_periods(text: str) -> str:
    if "." not in text:
        return text
    if len(LINE_END_PERIOD_RE.findall(text)) < 2:  # one stray period proves nothing about the copy
        return text

    def repl(m: re.Match) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if len(text[line_start:m.start()].strip()) <= 2:  # “一.” alone on its line is a numbering, not a sentence
            return m.group(0)
        return "。"
    return LINE_END_PERIOD_RE.sub(repl, text)


# “水利部“三定”方案:…”, “近日,水利部“三定”(定职能、…)方案落定”, “国家能源局的“三定”方案公布”: the body a news item is about
NEWS_SANDING_UNIT_RE = re.compile(r"(?:^|(?<=[\n,，。:：]))[ \t]*(?:近日|日前|今天|今日|昨天|昨日)?[,，]?[ \t]*"
                                  r"(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")的?[“\"]三定[”\"]")


def news_sanding_unit(text: str) -> Found | None:
    m = NEWS_SANDING_UNIT_RE.search(text)
    if m is None or re.match(r"^(?:本|该|我|其|各|新|部门|机构)", m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


# “作为国务院直属机构,国家医保局可直接协调…”: the nature put before the subject
ACTING_AS_RE = re.compile(r"作为(?P<n>[" + CJK + r"]{0,16}?" + NATURE_CLASS + r")[,，][ \t]*"
                          r"(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")(?=可|将|要|应|能|负责|承担|统一|直接|具有|在)")


def acting_as_statement(text: str) -> tuple[Found, Found] | None:
    m = ACTING_AS_RE.search(text)
    if m is None or re.match(r"^(?:本|该|我|其|各)", m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


def acting_rank(text: str, unit: str) -> Found | None:
    """“国家医保局的直接上级单位是国务院,作为其直属副部级机构,统一管理…”: the rank in a 作为-clause of the unit's own
    sentence (the sentence opens with the unit's name)."""
    for m in re.finditer(r"(?:^|(?<=[\n。]))[ \t]*" + re.escape(unit) + r"[^。\n]{0,40}?作为[^,，。\n]{0,12}?(?P<r>" + RANK +
                         r")(?:机构|单位|部门)", text):
        return Found(m["r"], m.start("r"), m.end("r"))
    return None


# “共设综合、政策法规、…、国际合作司九个司”: the suffix written once, at the end, and the count naming it again
SHARED_SUFFIX_RE = re.compile(r"(?:(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")(?:共|下|内)?)?设(?:有)?(?P<list>[" + CJK + r"、]{4,200}?)(?P<suf>司|处|科|局|室|股)(?P<n>" + CN_NUM +
                              r"|\d{1,3})个(?P=suf)")


def shared_suffix_bodies(text: str) -> list[Found]:
    return shared_suffix_list(text)[1]


def shared_suffix_list(text: str) -> tuple[Found | None, list[Found]]:
    """(the subject of “X共设A、B…Z司N个司” when it is named there, the full names)."""
    if "个" not in text:
        return None, []
    for m in SHARED_SUFFIX_RE.finditer(text):
        items = m["list"].split("、")
        if len(items) < 2 or any(not it or len(it) > 14 for it in items):
            continue
        if any(it.endswith(m["suf"]) for it in items[:-1]):  # the suffix is written on each item: an ordinary list
            continue
        if to_int(m["n"]) != len(items):
            continue
        out, pos = [], m.start("list")
        for it in items:
            end = pos + len(it)
            out.append(Found(it + m["suf"], pos, end + (len(m["suf"]) if end == m.end("list") else 0)))
            pos = end + 1
        subject = None
        if m["u"] and not re.match(r"^(?:本|该|我|其|各|共|并)", m["u"]):
            cut = max(m["u"].rfind(ch) for ch in ",，。、:：") + 1  # “根据批准的方案,X共设…”
            subject = Found(m["u"][cut:], m.start("u") + cut, m.end("u")) if len(m["u"]) - cut >= 2 else None
        return subject, out
    return None, []


# “…九个司,编制112人”: the unit's staffing stated right after its count of bodies
COUNT_STAFFING_RE = re.compile(r"个(?:司|处|科|局|室|股|内设机构|职能部门)[,，][ \t]*(?P<raw>(?:机关)?编制)(?P<n>" + NUM + r")(?:人|名)")
# “| 机关编制 | 240名(最新) | 最初为112名 |”: a Markdown table's row, the current figure in the first cell
TABLE_STAFFING_RE = re.compile(r"\|[ \t]*(?P<raw>(?:机关|人员|行政|事业|机关行政)?编制)[ \t]*\|[ \t]*(?P<n>" + NUM + r")[ \t]*(?:名|人)")
# “| 内设机构 | 12个司 | 包括电力司、新能源司等 |”
TABLE_BODIES_RE = re.compile(r"\|[ \t]*(?:内设机构|下设机构|内设部门)[ \t]*\|[^|\n]{0,20}\|[ \t]*(?:包括|如|有)(?P<list>[" + CJK +
                             r"()、]{2,200}?)等")


def count_staffing(text: str) -> Found | None:
    m = COUNT_STAFFING_RE.search(text) or TABLE_STAFFING_RE.search(text)
    if m is None:
        return None
    return Found(staffing_entry(m["raw"], to_int(m["n"])), m.start("raw"), m.end("n"))


def table_bodies(text: str) -> list[Found]:
    m = TABLE_BODIES_RE.search(text)
    if m is None:
        return []
    out, pos = [], m.start("list")
    for it in m["list"].split("、"):
        if re.fullmatch(r"[" + CJK + r"()]{2,20}" + BODY_SUFFIX, it):
            out.append(Found(it, pos, pos + len(it)))
        pos += len(it) + 1
    return out


# “国税发[2008]104号颁布时间:2008-11-18”: the 文号 run into the site's date label on one of the first lines
RUN_IN_DOCNUMBER_RE = re.compile(r"^[ \t]*(?P<dn>" + DOCNUMBER + r")(?=[ \t]*(?:颁布|发布|公布|发文|成文|印发)(?:时间|日期)[:：])")


def run_in_docnumber(text: str) -> Found | None:
    for line_no, m in enumerate(re.finditer(r"[^\n]*", text)):
        if line_no > 8:
            break
        dm = RUN_IN_DOCNUMBER_RE.match(m.group(0))
        if dm:
            try:
                value = parse_docnumber(dm["dn"]).normalized
            except DocNumberError:
                return None
            return Found(value, m.start() + dm.start("dn"), m.start() + dm.end("dn"))
    return None


# “X是甘肃省人民政府的组成部门之一”: one of a kind, the kind is the nature
ONE_OF_RE = re.compile(r"(?P<u>[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")是(?P<n>[" + CJK + r"]{2,30}?" + NATURE_CLASS + r")之一")


def one_of_nature(text: str, unit: str) -> Found | None:
    if "之一" not in text:
        return None
    for m in ONE_OF_RE.finditer(text):
        if m["u"].endswith(unit) or unit.endswith(m["u"]):
            return Found(m["n"], m.start("n"), m.end("n"))
    return None


# an infobox pasted as a table with bars: “机构类型 | 国务院部委管理的国家局 |”, “行政级别 | 副部级 |”
BAR_NATURE_RE = re.compile(r"(?m)(?:^|(?<=\|))[ \t]*机构(?:类型|性质)[ \t]*\|[ \t]*(?P<n>[" + CJK + r"]{2,24}?" + NATURE_CLASS + r"|[" + CJK +
                           r"]{2,24}?(?:国家局|部门|机构|单位))[ \t]*\|")
BAR_RANK_RE = re.compile(r"(?m)(?:^|(?<=\|))[ \t]*(?:行政级别|机构级别|机构规格)[ \t]*\|[ \t]*(?P<r>" + RANK + r")[ \t]*\|")


def bar_infobox(text: str) -> dict:
    return national_clauses.infobox_facts(text, BAR_NATURE_RE, BAR_RANK_RE)


# “省政府办公厅的主要职责是:⏎(一)…”: the duties' own heading names the body they belong to
DUTY_HEADING_UNIT_RE = re.compile(r"(?:^|(?<=[\n。 ]))[ \t]*(?P<u>(?:国务院|国家|中共|省|市|县|区|自治区|州|[" + CJK + r"]{2,8}?(?:省|市|县|区|州|旗))"
                                  r"[" + CJK + r"()]{1,30}?" + UNIT_SUFFIX + r")的(?:主要)?(?:职责|职能)(?:是|为|有)?[:：]\s*"
                                  r"(?:\(一\)|（一）|一、|1[.、])")


def duty_heading_unit(text: str) -> Found | None:
    m = DUTY_HEADING_UNIT_RE.search(text)
    if m is None:
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


# “《国务院组织法》中关于机构设置的规定”: a page about a law's provisions, no document's title
def law_provision_heading(title: str | None) -> bool:
    return bool(title) and re.match(r"^《[^》]{2,40}(?:法|条例|规定|办法)》(?:中|里)?(?:关于|有关)", title) is not None


# “中国地震局是管理全国地震工作、经国务院授权承担《…》赋予的行政执法职责的国务院直属事业单位。”: a long purpose clause
# before the class; the class after the last “的” is the nature (the purpose clause is not, as heldout7)
PURPOSE_STATEMENT_RE = re.compile(r"(?:^|(?<=[\n。?？!！]))[ \t]*(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")(?:是|系)"
                                  r"[^。\n]{4,200}的(?P<n>[" + CJK + r"]{0,8}?" + NATURE_CLASS + r")(?=。|$)")


def purpose_statement(text: str) -> tuple[Found, Found] | None:
    m = PURPOSE_STATEMENT_RE.search(text)
    if m is None or re.match(r"^(?:本|该|我|其|各)", m["u"]) or "的" in m["n"]:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


# “中国文化遗产标志国家文物局(官方英语译名:…),简称文物局,是…管理的副部级国家局”: the short name as a clause of its own
# after a bracket, the name glued to an image caption before it (the page's heading line gives the name alone)
BRACKET_SHORT_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")\(\x00+\)[ \t]*[,，][ \t]*"
                              + name_forms.SHORT_WORD + r"[ \t]*[:：]?[ \t]*" + name_forms.short_value("s", 2, 10) + r"[ \t]*[,，][ \t]*(?:是|为|系)"
                              r"(?P<n>[^,，。;]{2,40}?" + NATURE_NOUN + r")(?=[,，。;]|$)")
HEADING_NAME_RE = re.compile(r"(?m)^[ \t]*(?P<h>[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r")[ \t]*$")


def bracket_short_statement(text: str) -> dict | None:
    if "简称" not in text:
        return None
    m = BRACKET_SHORT_RE.search(_mask_parens(text))
    if m is None:
        return None
    unit = Found(m["u"], m.start("u"), m.end("u"))
    for h in HEADING_NAME_RE.finditer(text[:m.start("u")]):  # “…标志国家文物局” under the heading line “国家文物局”
        if m["u"] != h["h"] and m["u"].endswith(h["h"]):
            unit = Found(h["h"], m.end("u") - len(h["h"]), m.end("u"))
            break
    return {"unit": unit, "short_name": Found(m["s"], m.start("s"), m.end("s")),
            "nature": Found(m["n"], m.start("n"), m.end("n"))}


def rank_in_nature(nature: Found) -> Found | None:
    """“…管理的副部级国家局”: the rank a whose-clause nature states (the corpus convention reads it from there)."""
    m = re.search(RANK, nature.value)
    return Found(m.group(0), nature.start + m.start(), nature.start + m.end()) if m else None


# “这些机构包括但不限于办公室、监测预报处、…等”: the internal bodies an article names as examples
INCLUDING_BODIES_RE = re.compile(r"(?:机构|处室|科室|部门)(?:主要)?(?:包括|有)(?:但不限于)?[:：]?(?P<list>[" + CJK + r"()、]{4,200}?)等")
INTERNAL_BODY_RE = re.compile(r"[" + CJK + r"()]{1,20}(?:处|科|室|司|股|中心)")


def listed_names(m: re.Match, item_re: re.Pattern) -> list[Found]:
    """The names of the match's “、”-separated `list` group when there are at least two and each is an `item_re`."""
    items = m["list"].split("、")
    if len(items) < 2 or not all(item_re.fullmatch(it) for it in items):
        return []
    out, pos = [], m.start("list")
    for it in items:
        out.append(Found(it, pos, pos + len(it)))
        pos += len(it) + 1
    return out


def including_bodies(text: str) -> list[Found]:
    for m in INCLUDING_BODIES_RE.finditer(text):
        out = listed_names(m, INTERNAL_BODY_RE)
        if out:
            return out
    return []


# a key-value pair run into a line: “… 所属上级 甘肃省人民政府 行政级别 正厅级 主要负责人 …”
RUN_IN_RANK_RE = re.compile(r"(?:行政级别|机构级别|机构规格)[ \t]*(?:[:：|]|为|是|属于|属)?[ \t]*(?P<r>" + RANK + r")(?!的)")


def run_in_rank(text: str) -> Found | None:
    m = RUN_IN_RANK_RE.search(text)
    return Found(m["r"], m.start("r"), m.end("r")) if m else None


# “山东省地震局的行政级别 山东省地震局是…”, “时间:2024年03月09日 国家中医药管理局是…”: a one-line copy glues the heading or
# a date line before the subject with a space between; the name is the part after the space, unless a place name ends the
# part before it (“北京市 东城区人民法院”, “大陆娱乐城 东城区人民法院”: the name as the page prints it)
SPACED_TAIL_RE = re.compile(r"^(?P<head>.*\S)\s+(?P<tail>[" + CJK + r"()]{3,40}" + UNIT_SUFFIX + r")$")
PLACE_END_RE = re.compile(r"(?:省|市|县|区|州|盟|旗|城|镇|乡|村|国)$")


def spaced_unit_tail(unit: Found) -> Found | None:
    m = SPACED_TAIL_RE.match(unit.value)
    if m is None or PLACE_END_RE.search(m["head"]):
        return None
    return Found(m["tail"], unit.end - len(m["tail"]), unit.end)


# a one-line copy whose spaces the extraction dropped between CJK characters glues what stood before the subject to it:
# “山东省地震局的行政级别山东省地震局”, “机构性质与定位中国工业和信息化部”, “2024年03月09日国家中医药管理局” (the “日”)
NAME_TAIL_RE = re.compile(r"[" + CJK + r"()]{4,40}" + UNIT_SUFFIX)
GLUED_HEADING_RE = re.compile(r"(?:介绍|简介|概况|定位|行政级别|级别|是什么单位|是什么级别|属于什么单位|职责任务|主要职责|职能职责|部门职责|"
                              r"职责|职能|基本情况|情况|单位构成|构成|引言|前言|机构设置|公告|人员编制)")
# the name after a glued heading starts as a name does: a place or 中共/中国/国家/国务院
PLACE_START_RE = re.compile(r"^(?:中共|中国|国家|国务院|[" + CJK + r"]{0,8}?(?:省|市|县|区|州|盟|旗))")


def glued_unit_tail(unit: Found, text: str) -> Found | None:
    value = unit.value
    best = None
    for cut in range(1, len(value) - 3):  # the name said twice: the heading's and the sentence's
        tail = value[cut:]
        if NAME_TAIL_RE.fullmatch(tail) and tail in value[:cut]:
            best = tail
            break
    if best is None:
        for head in reversed(list(GLUED_HEADING_RE.finditer(value))):
            tail = value[head.end():]
            if re.fullmatch(r"[" + CJK + r"()]{2,40}" + UNIT_SUFFIX, tail) and PLACE_START_RE.match(tail):
                best = tail
                break
    if best is None and value[0] in "日号" and unit.start > 0 and text[unit.start - 1].isdigit():
        best = value[1:] if NAME_TAIL_RE.fullmatch(value[1:]) else None
    if best is None:
        return None
    return Found(best, unit.end - len(best), unit.end)


# “经国务院授权承担全国气象工作的政府行政管理职能的国务院直属事业单位”: a purpose clause read into the nature; the class
# after the last “的” is the nature (a whose-clause — “隶属X管理的副部级机构”, “X直属的…” — has no purpose verb and stays)
PURPOSE_VERB_RE = re.compile(r"(?:承担|负责|从事|主管|授权|开展|提供|实施)")


def purpose_free_nature(nature: Found) -> Found | None:
    head, sep, tail = nature.value.rpartition("的")
    if not sep or not PURPOSE_VERB_RE.search(head) or not re.fullmatch(r"[" + CJK + r"]{0,8}?" + NATURE_CLASS, tail):
        return None
    return Found(tail, nature.end - len(tail), nature.end)


def repeated_title(title: Found) -> Found | None:
    """A one-line copy runs a page's heading into the title: “XX” (the title twice), “Y XX” (something, then the title
    twice), “UU主要职责…规定” (the unit's heading line, then the title that begins with it): the title once."""
    value = title.value
    for k in range(len(value) // 2, 3, -1):
        if value[-k:] == value[-2 * k:-k]:
            return Found(value[-k:], title.end - k, title.end)
    for k in range(4, len(value) // 2 + 1):
        if value[k:].startswith(value[:k]):
            return Found(value[k:], title.start + k, title.end)
    return None
