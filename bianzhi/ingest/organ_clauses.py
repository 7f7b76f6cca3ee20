"""Clause rules for the kinds of body the corpus had few of (issue 12, split `heldout29`).

人民检察院/人民法院 内设机构改革, 开发区/高新区/园区 管委会, 议事协调机构 and their 办公室, 派出机构, schools' and universities'
内设机构 — in the shapes the first run of `heldout29` showed the parser missing:

- bodies numbered by ordinals in running text: “…4个专业化刑事办案机构,即第一、二、三、四检察部”, “组建第六、第七检察部”
  (each ordinal a body, written out: 第一检察部 … 第七检察部);
- bodies as the first column of a table pasted with “|” under a header “机构名称 | 主要职责 |”;
- bodies as paragraphs that open with the body's name, after a lead-in ending “内设机构是:” (“办公室 1993年9月成立…”);
- a school or university named as the subject of a page's opening sentence (“X作为…之一”, “X始建于…”);
- a body named once in full with its short form (“X(以下简称Y)”) when the short form is then the subject of its powers
  (“Y享有和行使以下职权”), and those powers “(一)…(二)…” as its duties;
- a 议事协调机构's office set up with a quota (“下设X办公室,办公室编制为3人”) and a plaque hung on it (“Y牌子挂在X”);
- a title about an action on a kind of body (“关于完善学校内设机构中层职位的规定”) names no unit;
- (heldout29b) the procuratorate or court of a news item on its 内设机构改革 (“湖南省检察院完成内设机构改革”) when the item states
  what the reform made, bodies in a counted group (“组建了民事、行政、公益诉讼三个检察部”) and named before a count (“以及A(A')、B等
  10个司法行政部门”), a body described right after its short form (“X(简称“管委会”)内设4个职能机构”), a school's opening sentence
  below a site's clock line.

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after its other rules. Every rule
works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, CN_NUM, UNIT_SUFFIX, Found
from .webcopy_clauses import _set

ORDINAL = r"[一二三四五六七八九十]{1,3}"
# “即第一、二、三、四检察部”, “组建第六、第七检察部”, “设立第一审判庭”: the last ordinal carries the bodies' common name
ORDINAL_BODIES_RE = re.compile(r"(?:组建|设立|设置|设|成立|分设|增设|即|为|包括)(?:了)?[ \t]*第(?P<first>" + ORDINAL + r")"
                               r"(?P<rest>(?:、第?" + ORDINAL + r")*)"
                               r"(?P<suffix>(?:[" + CJK + r"]{0,4}?(?:检察部|审判庭|检察厅|检察处|检察室|法庭))|部|处|室|庭|科)"
                               r"(?![分门类次批期届年条款项章节])")
# a table pasted row by row: “机构名称 | 主要职责说明 |” over “校党委办公室 | 负责… |”
TABLE_HEAD_RE = re.compile(r"(?:^|(?<=\n))[ \t]*\|?[ \t]*(?:机构名称|部门名称|科室名称|处室名称|内设机构|机构|部门)[ \t]*\|")
# “…管理辖区内财政、税务和劳动人事等。管委会内设机构是:” ending its line
PARAGRAPH_LEAD_RE = re.compile(r"(?:内设机构|内设科室|内设部门|下设机构|设有机构)(?:是|有|为|如下|包括)?[ \t]*[:：][ \t]*$")
# (the space after the name is lost when the text is pasted: “办公室1993年9月成立”)
PARAGRAPH_BODY_RE = re.compile(r"^[ \t]*(?P<name>[" + CJK + r"]{2,16}?" + BODY_SUFFIX + r")(?:[ \t\u3000]+[" + CJK + r"\d]|\d{4}年)")
# “【介绍一下武汉大学的行政】武汉大学作为中国著名的高等学府之一,…”, “X始建于1902年”
SCHOOL_RE = r"[" + CJK + r"]{2,30}?(?:大学|学院|学校|中学|小学|幼儿园|党校)"
SCHOOL_OPENING_RE = re.compile(r"^[ \t]*(?:【[^】\n]{2,40}】)?[ \t]*(?P<u>" + SCHOOL_RE + r")[ \t]*"
                               r"(?:作为|是一所|是|始建于|创建于|创办于|成立于|前身是|前身为|位于|坐落于)")
# “…适用于宜丰县工业园区管理委员会(以下简称园区管委会)管辖范围内…”
SHORT_FORM_RE = re.compile(r"(?P<u>[" + CJK + r"]{4,40}?" + UNIT_SUFFIX + r")[ \t]*" + name_forms.bracket("s", 2, 10))
# “福建仙游经济开发区管理委员会(简称“管委会”)内设4个职能机构” (heldout29b): the named body is what the sentence describes
STATED_AFTER_RE = re.compile(r"^[ \t]*(?:内设|下设|设有|设|是|为|作为|实行|负责)")
POWERS_TAIL = r"(?:享有和行使|行使|享有|履行)(?:以下|下列|如下)(?:职权|职责|管理职权)[ \t]*[:：]?[ \t]*$"
ITEM_RE = re.compile(r"^[ \t]*\(" + CN_NUM + r"\)[ \t]*(?P<body>.*)$")
# “下设市高新区管委会办公室,办公室编制为3人,负责高新区日常工作”
OFFICE_QUOTA_RE = re.compile(r"下设(?P<u>[" + CJK + r"]{2,30}?办公室)[ \t]*,[ \t]*(?:该|其)?办公室(?:核定)?(?:人员)?编制(?:为)?[ \t]*"
                             r"(?P<n>\d{1,4}|[一二三四五六七八九十]{1,3})[ \t]*(?:人|名)")
# “佛山高新技术产业开发区牌子挂在市高新区管委会办公室”
PLAQUE_ON_RE = re.compile(r"(?:^|(?<=[\n。;,]))[ \t]*(?P<p>[" + CJK + r"]{4,40}?)(?:的)?牌子挂在(?P<u>[" + CJK + r"]{2,40}" +
                          UNIT_SUFFIX + r")(?=[,。;]|$)")
# a news item on one procuratorate's or court's 内设机构改革: “湖南省检察院完成内设机构改革”, “X召开新闻发布会,宣布该院正式完成
# 内设机构改革工作” (heldout29b)
REFORM_NEWS_UNIT_RE = re.compile(r"(?:^|(?<=[\n。;,]))[ \t]*(?:\d{1,2}月\d{1,2}日(?:上午|下午)?[ \t]*,?[ \t]*)?(?P<u>[" + CJK +
                                 r"]{2,30}?(?:检察院|法院|检察分院))(?:正式)?(?:召开|举行|完成|启动|宣布|推进|实施)[^。\n]{0,40}?"
                                 r"内设机构改革")
GENERIC_COURT_RE = re.compile(r"^(?:各级|各|全国|地方|基层|我国|省级|市级|县级|两级|各地|某)")
# “组建了民事、行政、公益诉讼三个检察部”: the bodies' common name after their count
COUNTED_GROUP_RE = re.compile(r"(?:组建|设立|设置|分设|增设|成立)(?:了)?(?P<list>[" + CJK + r"]{1,8}(?:、[" + CJK + r"]{1,8})+)"
                              r"(?P<n>[二三四五六七八九十两]|\d{1,2})个(?P<suffix>(?:检察|审判|业务)?(?:部|处|室|庭|科))(?=[,。;]|$)")
# “包括12个检察业务部门,以及办公室(新闻办公室)、法律政策研究室等10个司法行政部门”: the bodies named before a count
LISTED_BEFORE_COUNT_RE = re.compile(r"(?:包括|以及|设有|另设)(?P<list>[" + CJK + r"()、]{2,120}?)等[ \t]*(?:\d{1,3}|[一二三四五六七八九十两]{1,3})个"
                                    r"[" + CJK + r"]{0,8}?(?:部门|机构|处室|科室)")
NAMED_ITEM_RE = re.compile(r"[" + CJK + r"]{2,16}?" + BODY_SUFFIX + r"(?:\([" + CJK + r"]{2,16}\))?")
# a title about an action on a kind of body: “关于完善学校内设机构中层职位的规定”
ACTION_UNIT_RE = re.compile(r"^(?:完善|规范|加强|进一步|做好|推进|深化|健全|改进|优化|严格|落实|调整和完善)")


def ordinal_bodies(text: str) -> list[Found]:
    """Bodies numbered by ordinals in running text, each written out with the common name of its group."""
    out: list[Found] = []
    seen: set[str] = set()
    for m in ORDINAL_BODIES_RE.finditer(text):
        suffix = m["suffix"]
        ordinals = [(m["first"], m.start("first"))]
        base = m.start("rest")
        for om in re.finditer(r"、第?(?P<o>" + ORDINAL + r")", m["rest"]):
            ordinals.append((om["o"], base + om.start("o")))
        for word, start in ordinals:
            if to_int(word) is None:
                continue
            name = "第" + word + suffix
            if name in seen:
                continue
            seen.add(name)
            out.append(Found(name, start - 1, m.end("suffix")))
    return out if len(out) >= 2 else []


def reform_news_unit(text: str) -> Found | None:
    """The procuratorate or court a news item on its 内设机构改革 is about."""
    m = next((x for x in REFORM_NEWS_UNIT_RE.finditer(text[:800]) if not GENERIC_COURT_RE.match(x["u"])), None)
    if m is None:
        return None
    # only an item that states what the reform made (a meeting that launches it — “召开内设机构改革动员部署会” — states none)
    if not running_bodies(text) and not re.search(r"(?:设有|设置|设)[ \t]*\d{1,3}[ \t]*个内设机构", text):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def counted_group_bodies(text: str) -> list[Found]:
    """“组建了民事、行政、公益诉讼三个检察部”: each item with the common name, when the count matches the items."""
    out: list[Found] = []
    for m in COUNTED_GROUP_RE.finditer(text):
        items = m["list"].split("、")
        if to_int(m["n"]) != len(items):
            continue
        pos = m.start("list")
        for item in items:
            out.append(Found(item + m["suffix"], pos, pos + len(item)))
            pos += len(item) + 1
    return out


def listed_bodies(text: str) -> list[Found]:
    """“以及A(A')、B等10个司法行政部门”: A(A') and B, each a body's name."""
    out: list[Found] = []
    for m in LISTED_BEFORE_COUNT_RE.finditer(text):
        pos = m.start("list")
        items = m["list"].split("、")
        if not all(NAMED_ITEM_RE.fullmatch(item) for item in items):
            continue
        for item in items:
            out.append(Found(item, pos, pos + len(item)))
            pos += len(item) + 1
    return out


def running_bodies(text: str) -> list[Found]:
    """Bodies a news item names in running text: ordinals, counted groups, names before a count."""
    out: list[Found] = []
    for found in ordinal_bodies(text) + counted_group_bodies(text) + listed_bodies(text):
        if found.value not in {f.value for f in out}:
            out.append(found)
    return out if len(out) >= 2 else []


def table_bodies(text: str) -> list[Found]:
    """The first column of a table pasted with “|” under a header naming the bodies' column; the rows may run into one
    another (“…活动。 |校长办公室 | 协助…。 |”), so the cells after the header are taken in turn, a row's worth each."""
    head = TABLE_HEAD_RE.search(text)
    if head is None:
        return []
    line_end = text.find("\n", head.start())
    line_end = len(text) if line_end == -1 else line_end
    columns = len([c for c in text[head.start():line_end].split("|") if c.strip()])
    if columns < 2:
        return []
    out: list[Found] = []
    pos = line_end + 1
    cells = text[pos:].split("|")
    for i, cell in enumerate(cells[:-1]):
        if i % columns == 0:
            name = cell.strip()
            if not re.fullmatch(r"[" + CJK + r"()]{2,20}", name):
                break
            start = pos + cell.index(name)
            out.append(Found(name, start, start + len(name)))
        elif "\n\n" in cell:
            break
        pos += len(cell) + 1
    return out if len(out) >= 2 else []


def paragraph_bodies(text: str) -> list[Found]:
    """Bodies as paragraphs opening with the name (“办公室 1993年9月成立…”) after a lead-in “内设机构是:”; a line the
    page cut to a few characters is none."""
    out: list[Found] = []
    pos, inside = 0, False
    for line in text.split("\n"):
        if inside:
            m = PARAGRAPH_BODY_RE.match(line)
            if m is None:
                break
            out.append(Found(m["name"], pos + m.start("name"), pos + m.end("name")))
        elif PARAGRAPH_LEAD_RE.search(line):
            inside = True
        pos += len(line) + 1
    return out if len(out) >= 2 else []


def school_unit(text: str) -> Found | None:
    """A school or university that is the subject of the page's opening sentence (below a site's clock line and
    breadcrumb: “今天是:…⏎当前位置:网站首页 > 单位介绍⏎吉镇中学位于…”, heldout29b)."""
    for line in list(re.finditer(r"\S[^\n]*", text))[:6]:
        m = SCHOOL_OPENING_RE.match(line.group())
        if m is None:
            continue
        if re.search(r"[的和与及等]", m["u"]) or re.match(r"(?:我国|各|一些|这些|该|本|多数|部分|一般|所有|国内|国外)", m["u"]):
            return None  # schools in general: “我国的综合性大学始建于…”
        return Found(m["u"], line.start() + m.start("u"), line.start() + m.end("u"))
    return None


def short_form_subject(text: str) -> tuple[Found, Found] | None:
    """(unit, short name) when a body named once in full with its short form is then the subject of its powers."""
    for m in SHORT_FORM_RE.finditer(text):
        # the name starts after the words that lead to it: “第二条 本暂行办法适用于X(以下简称Y)”
        lead = re.search(r"^.*(?:适用于|属于|条|对|在|的|是)", m["u"])
        name_start = m.start("u") + (lead.end() if lead else 0)
        if m.end("u") - name_start < 4:
            continue
        if STATED_AFTER_RE.match(text[m.end():]) or \
                re.search(r"(?:^|[\n。;,])[ \t]*(?:第" + CN_NUM + r"条[ \t]*)?" + re.escape(m["s"]) + POWERS_TAIL, text[m.end():],
                          re.M):
            return Found(text[name_start:m.end("u")], name_start, m.end("u")), Found(m["s"], m.start("s"), m.end("s"))
    return None


def powers(text: str, subject: str) -> list[Found]:
    """The numbered items under “Y享有和行使以下职权”, up to an empty item or the next article."""
    lines = text.split("\n")
    pos, out, inside = 0, [], False
    for line in lines:
        if inside:
            m = ITEM_RE.match(line)
            if m is not None:
                body = m["body"].strip()
                if not body:
                    break
                out.append(Found(body, pos + m.start("body"), pos + m.start("body") + len(body)))
            elif line.strip() and (re.match(r"^[ \t]*第" + CN_NUM + r"[条章]", line) or out):
                break
        elif re.search(re.escape(subject) + POWERS_TAIL, line):
            inside = True
        pos += len(line) + 1
    return out


def office_quota(text: str) -> tuple[Found, dict, int, int] | None:
    """(office, staffing entry, start, end) of “下设X办公室,办公室编制为3人”."""
    m = OFFICE_QUOTA_RE.search(text)
    if m is None:
        return None
    count = to_int(m["n"])
    if not count:
        return None
    entry = {"type": "其他编制", "raw": "编制", "count": count, "includes": []}
    return Found(m["u"], m.start("u"), m.end("u")), entry, m.start(), m.end()


def plaque_on(text: str, unit: str) -> Found | None:
    """“Y牌子挂在X” with X the unit: the plaque Y."""
    for m in PLAQUE_ON_RE.finditer(text):
        if m["u"] == unit and m["p"] != unit:
            return Found(m["p"], m.start("p"), m.end("p"))
    return None


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`, `add_bodies()`)."""
    data = b.data
    if data.get("unit") and ACTION_UNIT_RE.match(data["unit"]):  # “关于完善学校内设机构…的规定”: no unit
        data["unit"] = None
        b.spans = [sp for sp in b.spans if sp[0] != "unit"]
    if not data.get("unit"):  # “Y享有和行使以下职权” after “X(以下简称Y)”
        found = short_form_subject(text)
        if found is not None:
            _set(b, "unit", found[0])
            if not data.get("short_name"):
                _set(b, "short_name", found[1])
            if not data["duties"]:
                for item in powers(text, found[1].value):
                    data["duties"].append(item.value)
                    b.span(f"duties[{len(data['duties']) - 1}]", item.start, item.end)
    if not data.get("unit"):  # “X作为中国著名的高等学府之一”
        _set(b, "unit", school_unit(text))
    if not data.get("unit"):  # “湖南省检察院完成内设机构改革”
        _set(b, "unit", reform_news_unit(text))
    if not data.get("unit"):  # “下设X办公室,办公室编制为3人”
        quota = office_quota(text)
        if quota is not None:
            _set(b, "unit", quota[0])
    if data.get("unit") and not data["staffing"]:
        quota = office_quota(text)
        if quota is not None and quota[0].value == data["unit"]:
            data["staffing"].append(quota[1])
            b.span("staffing[0]", quota[2], quota[3])
    if data.get("unit"):  # “Y牌子挂在X”
        plaque = plaque_on(text, data["unit"])
        if plaque is not None:
            b.add_plaque(plaque)
    if data.get("unit") and not data["internal_bodies"]:  # (an explainer on a kind of body names bodies of none)
        b.add_bodies(table_bodies(text) or paragraph_bodies(text) or running_bodies(text))
