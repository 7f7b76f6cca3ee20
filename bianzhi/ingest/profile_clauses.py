"""Clause rules for a unit's own introduction (issue 12, held-out split heldout13).

Encyclopedia entries, “单位简介/机构概况” pages and 事业单位 self-descriptions (schools, hospitals, centres, notary
offices, zoos) say what a 三定 says in another voice: the unit is the subject of a history sentence (“X坐落在…”,
“创建于1989年的X…”, “我校…更名为X”), its class comes after its founding year (“X始建于1953年，是…事业单位”) or after
a change (“改制为…事业单位”), its bodies are “下设A、B…等五个职能部门” or “开设A、B…等16个专业科室”, and a Markdown
table of key facts has a 性质 and a 科室 row. Generic Q&A pages (“县档案馆是县政府直属的事业单位”) name no unit at
all. Kept apart from `clauses` and `fragment_clauses` so that each rule stays one small function the parser calls
in one place.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM

from . import name_forms
from .clauses import (
    BODY_SUFFIX,
    CJK,
    NATURE_NOUN,
    RANK,
    RANK_RE,
    UNIT_SUFFIX,
    VERB_START,
    Found,
    _mask_parens,
    _numbered_items,
    _runs,
    staffing_entry,
)

# a unit's name may also end in these (a zoo, a park, a school, a hospital)
PROFILE_SUFFIX = r"(?:" + UNIT_SUFFIX[3:-1] + r"|园|基地|中学|小学|医院|保健院|卫生院|公证处)"
# a proper place in front of the name: “盘锦市”, “海南省”, “广州市南沙”, “中国”, “国家” — not a bare level (“县档案馆”)
PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
             "云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
PLACE_RE = re.compile(r"^(?:[" + CJK + r"]{2,8}?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区|镇|乡)|中国|中华|国家|全国|"
                      + PROVINCES + r")")
# a vertically managed body named after its city without 市 (“宁波海事局”, “拱北海关”, “伊川调查队”); not a level or a kind
# word before it (“地方海事局”, “直属海关”, “基层调查队”)
VERTICAL_NAMED_RE = re.compile(r"^(?!地方|中央|直属|隶属|基层|各级|省级|市级|县级|本|该|我|各|全国|全省|全市)[" + CJK + r"]{2,3}"
                               r"(?:海事局|海关|海警局|出入境边防检查站|边防检查站|边检站|调查队|海事处|监管分局)$")
HISTORY_VERB = r"(?:坐落在|坐落于|位于|地处|始建于|创建于|成立于|组建于|创办于|建于|原属|隶属|前身|是一所|是一家|系一所|是一座)"


def has_place(name: str) -> bool:
    """A name of one unit, not a kind of unit: a place in front (“盘锦市…”, “四川…”), or a longer proper name
    (“成都大熊猫繁育研究基地”); “县档案馆”, “省级疾控中心”, “疾控中心”, “该中心” are kinds."""
    if re.match(r"^(?:省级|市级|县级|区级|乡级|镇级|本|该|我|各)", name):
        return False
    if PLACE_RE.match(name) and not re.match(r"^(?:省|市|县|区|州|旗|镇|乡)", name):
        return True
    if VERTICAL_NAMED_RE.match(name):  # “宁波海事局”, “拱北海关”: a vertically managed body under its city's name
        return True
    return len(name) >= 7 and not re.match(r"^(?:省|市|县|区|州|旗|镇|乡)", name)


# “盘锦市体育运动学校坐落在…”, “成都市动物园位于…”, “创建于1989年的海南省特殊教育学校原属…”
LEAD_UNIT_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?:(?:创建|始建|成立|组建|创办)于\s*\d{4}\s*年的)?"
                          r"(?P<u>[" + CJK + r"]{3,40}?" + PROFILE_SUFFIX + r")(?:\([^()]{2,30}\))?"
                          r"(?=" + HISTORY_VERB + r"|于\s*\d{4}\s*年)")


def lead_subject_unit(text: str) -> Found | None:
    """The unit as the subject of a history sentence at the start of a line (the first such, with a place name)."""
    for m in LEAD_UNIT_RE.finditer(text):
        name = m["u"]
        # a government's location sentence is geography (“湛江市政府位于广东省…”), not a unit's introduction
        if has_place(name) and not re.match(r"^(?:" + VERB_START + r")", name) and not name.endswith("政府"):
            return Found(name, m.start("u"), m.end("u"))
    return None


# “我校于1946年创建，前身为X，1975年更名为合肥市第四十六中学”: the name the unit took last
RENAMED_RE = re.compile(r"(?:我校|本校|我院|本院|我馆|本馆|我中心|本中心|我站|本站|我所|本所|我园|本园)[^。\n]{0,80}?"
                        r"(?:更名为|改名为|改称|更名)(?P<u>[" + CJK + r"]{3,30}?" + PROFILE_SUFFIX + r")(?=[,，。;、\s]|$)")


def renamed_self(text: str) -> Found | None:
    found = None
    for m in RENAMED_RE.finditer(text):
        if has_place(m["u"]):
            found = Found(m["u"], m.start("u"), m.end("u"))
    return found


# Markdown heading naming the unit's key facts: “### 杭州市社会福利中心关键信息”, “## X简介”
HEADING_UNIT_RE = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + PROFILE_SUFFIX + r")"
                             r"(?:关键信息|基本信息|基本情况|简介|概况|机构概况|单位概况|单位简介)[ \t]*$")


def heading_unit(text: str) -> Found | None:
    m = HEADING_UNIT_RE.search(text)
    if m and has_place(m["u"]):
        return Found(m["u"], m.start("u"), m.end("u"))
    return None


# a key-facts table row: “| **性质** | 杭州市民政局直属公办养老机构，挂"杭州市光荣院"牌子，公益二类 |”
TABLE_ROW_RE = re.compile(r"(?m)^[ \t]*\|[ \t]*\**[ \t]*(?P<k>[" + CJK + r"]{2,6})[ \t]*\**[ \t]*\|[ \t]*(?P<v>[^|\n]+?)[ \t]*\|[ \t]*$")
CLASS_RE = re.compile(r"(?:公益[一二三]类|生产经营类|行政类|参照公务员法管理|参公)(?:事业单位)?")


# the same facts as “key：value” lines: “单位性质：公益一类事业单位⏎机构规格：股级⏎编制人数：20⏎内设机构：A、B”
KV_ROW_RE = re.compile(r"(?m)^[ \t]*(?P<k>单位性质|机构性质|单位类别|机构类别|机构规格|机构级别|单位级别|编制人数|核定编制数?|编制数|"
                       r"事业编制数?|行政编制数?|内设机构|内设科室|科室设置)[ \t]*[:：][ \t]*(?P<v>[^\n]{1,200}?)[ \t]*$")


def table_facts(text: str) -> dict:
    """{nature, rank, staffing, plaques, bodies} from a key-facts table's rows (Markdown “| 性质 | … |” or “性质：…”)."""
    out: dict = {"plaques": [], "bodies": []}
    rows = [(m["k"], m["v"], m.start("v")) for m in TABLE_ROW_RE.finditer(text)]
    rows += [(m["k"], m["v"], m.start("v")) for m in KV_ROW_RE.finditer(text)]
    for key, value, vstart in rows:
        if key in ("机构规格", "机构级别", "单位级别"):
            rm = re.fullmatch(r"(?:为)?(?P<r>" + RANK + r")[。]?", value)
            if rm:
                out["rank"] = Found(rm["r"], vstart + rm.start("r"), vstart + rm.end("r"))
        elif re.match(r"编制|核定编制|事业编制|行政编制", key):
            nm = re.fullmatch(r"(?P<n>\d{1,5})\s*(?:名|人|个)?[。]?", value)
            if nm:
                entry = staffing_entry(key, int(nm["n"]), raw=re.sub(r"数$", "", key))
                out["staffing"] = Found(entry, vstart, vstart + nm.end("n"))
        elif key in ("性质", "单位性质", "机构性质", "单位类别", "机构类别"):
            cm = CLASS_RE.search(value)
            if cm:  # the class is the nature; where it sits and what it is called are said apart
                out["nature"] = Found(cm.group(0), vstart + cm.start(), vstart + cm.end())
            elif re.fullmatch(r"[" + CJK + r"]{2,30}?(?:事业单位|" + NATURE_NOUN + r")", value):
                out["nature"] = Found(value, vstart, vstart + len(value))
            for pm in re.finditer(r"(?:加挂|挂)[“\"”]?(?P<p>[" + CJK + r"]{3,30}?" + PROFILE_SUFFIX + r")[”\"“]?牌子", value):
                out["plaques"].append(Found(pm["p"], vstart + pm.start("p"), vstart + pm.end("p")))
        elif key in ("科室", "内设机构", "内设科室", "机构设置", "处室", "股室", "部室", "职能科室", "科室设置"):
            pos, names = vstart, []
            for piece in value.split("、"):
                name = piece.strip()
                lead = len(piece) - len(piece.lstrip())
                bare = re.sub(r"[(（][^()（）]{1,30}[)）]$", "", name)
                if not re.fullmatch(r"(?!" + VERB_START + r")[" + CJK + r"]{2,20}?" + BODY_SUFFIX, bare):
                    names = []
                    break
                names.append(Found(name, pos + lead, pos + lead + len(name)))
                pos += len(piece) + 1
            if len(names) >= 2:
                out["bodies"] = names
    return out


# “X始建于1953年，是经成都市编委批准的差额预算事业单位”: the class after the founding year
FOUNDED_NATURE_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + PROFILE_SUFFIX + r")"
                               r"(?:始建于|创建于|成立于|组建于|创办于|建于)[^,，。;]{1,20}[,，]\s*(?:是|为|系)"
                               r"(?P<n>[^,，。;]{2,60}?(?:事业单位|" + NATURE_NOUN + r"))(?=[,，。;]|$)")
# “立诚公证处改制为云岩区司法局所属股级公益二类事业单位”: the class it has now
CHANGED_NATURE_RE = re.compile(r"(?P<u>[" + CJK + r"]{2,40}?" + PROFILE_SUFFIX + r")(?:改制为|转制为|转为|改为|调整为|变更为)"
                               r"(?P<n>[^,，。;]{2,60}?事业单位)(?=[,，。;]|并|$)")


# “X是一所集医疗、预防于一体的一级甲等医院，隶属Y，为公益二类事业单位”: what it is, where it belongs, then its class
DESCRIBED_NATURE_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + PROFILE_SUFFIX + r")"
                                 r"(?:是一所|是一家|系一所|是一座)[^。\n]{0,80}?[,，]\s*(?:为|是|系)"
                                 r"(?P<n>[^,，。;]{2,60}?(?:事业单位|" + NATURE_NOUN + r"))(?=[,，。;]|$)")


def founded_nature(text: str) -> tuple[Found, Found] | None:
    m = FOUNDED_NATURE_RE.search(text) or DESCRIBED_NATURE_RE.search(text)
    if m is None:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


def changed_nature(text: str, unit: str | None, same) -> Found | None:
    """The class stated after a change (改制为…), when its subject is the unit (also by a shorter name)."""
    found = None
    for m in CHANGED_NATURE_RE.finditer(text):
        subject = re.sub(r"^.*?(?:方式|之后|以后|后)[,，]?", "", m["u"])
        if unit and (same(subject, unit) or unit.endswith(subject)):
            found = Found(m["n"], m.start("n"), m.end("n"))
    return found


# “由政府举办的实施…的公益事业单位”, “经成都市编委批准的差额预算事业单位”: how it came about is not what it is
APPROVAL_RE = re.compile(r"^(?:由|经)[^的,，]{1,30}?(?:举办|批准|设立|成立|主办|组建)的(?:[^。;]*的)?(?P<rest>[^的,，]{2,30}?(?:事业单位|单位|机构))$")


def strip_approval(nature: Found | None) -> Found | None:
    if nature is None:
        return None
    m = APPROVAL_RE.match(nature.value)
    if m is None:
        return nature
    return Found(m["rest"], nature.start + m.start("rest"), nature.start + m.end("rest"))


def rank_in(nature: Found | None) -> Found | None:
    if nature is None:
        return None
    m = RANK_RE.search(nature.value)
    if m is None:
        return None
    return Found(m.group(0), nature.start + m.start(), nature.start + m.end())


# bodies with a count and a kind the older list rules do not know: “下设A、B…等五个职能部门”, “现已开设A、B…等16个专业科室”
COUNTED_BODIES_RE = re.compile(r"(?P<verb>下设|内设|设有|开设|设置|(?<=[现另共])设)(?P<list>[" + CJK + r"()（）、\n]{4,400}?)(?:等|共)?\s*" + NUM +
                               r"\s*个\s*(?:" + RANK + r")?(?:职能部门|专业科室|临床科室|业务科室|职能科室|医技科室|业务部门|部门|科室|处室|部室|股室|内设机构)")


def counted_bodies(text: str) -> list[Found]:
    """The bodies of “下设/内设/设有/开设 A、B…(等)N个职能部门/专业科室/…” (a list may run over a line break).
    “下设多个科室” names none; a company's or a club's departments are not asked for here (the caller needs a unit)."""
    masked = _mask_parens(text)
    for m in COUNTED_BODIES_RE.finditer(masked):
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"公司|协会|学生会|社团|联合会|俱乐部", before):
            continue
        out, pos = [], m.start("list")
        for piece in m["list"].split("、"):
            raw = text[pos:pos + len(piece)]
            name = re.sub(r"\s+", "", raw)
            lead = len(raw) - len(raw.lstrip())
            bare = re.sub(r"\([^()]{1,30}\)$", "", name)
            if not re.fullmatch(r"(?!" + VERB_START + r")[" + CJK + r"]{1,20}?" + BODY_SUFFIX, bare) and \
                    not re.fullmatch(r"[" + CJK + r"]{0,8}(?:内科|外科|妇科|儿科|眼科|[" + CJK + r"]科)", bare):
                out = []
                break
            out.append(Found(name, pos + lead, pos + lead + len(raw.strip())))
            pos += len(piece) + 1
        if len(out) >= 2:
            return out
    return []


def post_ranks_below(text: str, posts: list) -> list:
    """“设主任1名⏎（副局级）”: a post's rank standing alone in brackets on the next line."""
    out = []
    for entry, s, e in posts:
        if entry.get("rank") is None:
            m = re.compile(r"[ \t]*\n[ \t]*[(（](?P<r>" + RANK + r")[)）][ \t]*(?=\n|$)").match(text, e)
            if m:
                entry = dict(entry, rank=m["r"])
        out.append((entry, s, e))
    return out


# a page of a content site answering what a kind of unit is: its subject is a kind (“县档案馆”, “疾控中心”), not a unit
CONTENT_SITE_RE = re.compile(r"网友投稿|人气[:：]|作者[:：]|推荐阅读|大家都在看|相关文章|本类排行|网友小|为大家讲解")
QUESTION_RE = re.compile(r"是什么(?:性质的?)?(?:单位|机构|部门|编制|级别)|属于什么|什么性质|什么级别|是不是事业单位")


def generic_page(text: str, unit: str | None) -> bool:
    """A Q&A or content-farm page talking about a kind of unit, not about one (the unit has no place in its name)."""
    if not unit or has_place(unit):
        return False
    return bool(CONTENT_SITE_RE.search(text) or QUESTION_RE.search(text))


def is_question(value: str | None) -> bool:
    return bool(value) and bool(re.search(r"什么|哪些|哪个|怎么|如何|是否|[?？]", value))


# “医院隶属广州市卫生局”: a generic noun and where it belongs, read as one name by the statement rule
GENERIC_BELONGS_RE = re.compile(r"^(?P<g>(?:本|该|我)?(?:医院|学校|中心|院|校|馆|所|站|园|处))(?:隶属于|隶属|直属于|属于|归属)[" + CJK + r"]+$")


def generic_belongs(name: str | None) -> str | None:
    """The generic noun of “医院隶属X” (to be resolved to the name given in full before it), or None."""
    if not name:
        return None
    m = GENERIC_BELONGS_RE.match(name)
    return re.sub(r"^(?:本|该|我)", "", m["g"]) if m else None


def better_spelling(text: str, unit: Found | None) -> Found | None:
    """A name mistyped once (“贵州省责阳市立诚公证处”) and written right elsewhere in the text (“贵州省贵阳市立诚公证处
    地址：…”): the spelling, one character apart, whose differing characters the rest of the text supports."""
    if unit is None or len(unit.value) < 6 or text.count(unit.value) != 1:
        return None
    name, n = unit.value, len(unit.value)
    anchor = name[-3:]  # the suffix is not where a slip is looked for

    def support(s: str, i: int) -> int:
        return sum(text.count(w) for w in (s[max(0, i - 1):i + 1], s[i:i + 2]) if len(w) == 2)

    pos = text.find(anchor)
    while pos >= 0:
        start = pos + 3 - n
        alt = text[start:pos + 3] if start >= 0 else ""
        diff = [i for i in range(n) if alt and alt[i] != name[i]]
        if len(diff) == 1 and diff[0] < n - 3 and re.fullmatch(r"[" + CJK + r"]", alt[diff[0]]) and \
                support(alt, diff[0]) > support(name, diff[0]):
            return Found(alt, start, start + n)
        pos = text.find(anchor, pos + 1)
    return None


SCOPE_TRIGGER_RE = re.compile(r"(?:宗旨和业务范围|业务范围|经营范围|服务范围)(?:如下|是|为|包括|主要有|主要包括)?[:：]\s*$")


def scope_duty_runs(text: str, runs: list) -> list:
    """“业务范围如下：⏎1、…⏎2、…”: a 事业单位's 业务范围 are its duties (a list the older rules left unclassified)."""
    taken = {it.start for _, run in runs for it in run}
    out = list(runs)
    for run in _runs(_numbered_items(text)):
        if len(run) < 2 or run[0].start in taken:
            continue
        if SCOPE_TRIGGER_RE.search(text[max(0, run[0].mark_start - 40):run[0].mark_start]):
            out.append(("duties", run))
    return out


# a nature line with no subject under a heading, the unit named in a later line: “组织机构⏎成都市公园城市建设管理局管理的
# 副局级公益二类事业单位⏎…⏎成都大熊猫繁育研究基地内设机构6个”
NATURE_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<n>[" + CJK + r"]{2,40}?(?:管理|主管|直属|领导|所属)的[" + CJK + r"]{0,20}?事业单位)[ \t]*$")
BODY_COUNT_UNIT_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + PROFILE_SUFFIX + r")(?:内设机构|内设科室|内设处室|下设机构)\s*" + NUM + r"\s*个")


def nature_line(text: str) -> tuple[Found, Found] | None:
    """(unit, nature) from a subject-less nature line and a “X内设机构N个” line naming the unit."""
    nm, um = NATURE_LINE_RE.search(text), BODY_COUNT_UNIT_RE.search(text)
    if nm is None or um is None or not has_place(um["u"]):
        return None
    return Found(um["u"], um.start("u"), um.end("u")), Found(nm["n"], nm.start("n"), nm.end("n"))


# “海州市第一中学是市教育局直属的公益一类事业单位”: a name ending in a word the statement rule does not take for a
# unit's (中学, 小学, 幼儿园, 动物园, 基地)
# (also a name with digits in it: “中国21世纪议程管理中心（以下简称“21世纪中心”），是…直属的公益一类事业单位”)
PROFILE_STATEMENT_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<intro>[^,，。\n]{0,12}?(?:招聘单位|用人单位|单位名称)\s*(?:为|是|系))?(?P<u>[" + CJK + r"][" + CJK + r"0-9]{2,40}?" + PROFILE_SUFFIX + r")"
                                  r"(?:" + name_forms.bracket("s") + r"|\([^()]{2,30}\))?"
                                  r"[,，]?(?:是|为|系)(?P<n>[^,，。;]{2,60}?(?:事业单位|" + NATURE_NOUN + r"))(?=[,，。;]|$)")


def profile_statement(text: str) -> dict | None:
    """{unit, short_name, nature, rank, plaques} from a school's, a park's or a base's statement sentence, or one
    whose name has digits in it (the older statement rule takes only the characters after them)."""
    m = None
    for cand in PROFILE_STATEMENT_RE.finditer(text):
        if cand["intro"] or re.search(r"\d", cand["u"]) or re.search(r"(?:中学|小学|幼儿园|园|基地)$", cand["u"]):
            m = cand
            break
    if m is None or not has_place(m["u"]):
        return None
    nature = strip_approval(Found(m["n"], m.start("n"), m.end("n")))
    out = {"unit": Found(m["u"], m.start("u"), m.end("u")), "nature": nature, "plaques": []}
    if m["s"]:
        out["short_name"] = Found(m["s"], m.start("s"), m.end("s"))
    rank = rank_in(nature)
    if rank is not None:
        out["rank"] = rank
    return out


# a nature read over commas: “一所集医疗、预防于一体的一级甲等综合医院，隶属X，为公益一类事业单位” — the last clause says it
RUN_OVER_RE = re.compile(r"[,，]\s*(?:为|是|系|属)(?P<n>[^,，]{2,40}?(?:事业单位|" + NATURE_NOUN + r"))$")


def last_class_clause(nature: Found | None) -> Found | None:
    if nature is None or not re.search(r"[,，]", nature.value):
        return None
    m = RUN_OVER_RE.search(nature.value)
    if m is None:
        return None
    return Found(m["n"], nature.start + m.start("n"), nature.start + m.end("n"))


# “X…为公益一类事业单位。核定编制30名，…”: the figure opening the sentence right after the unit's statement
NEXT_STAFF_RE = re.compile(r"[ \t]*(?:核定|核编|定编)(?P<type>(?:事业|行政)?编制)(?:数)?\s*(?:为)?\s*(?P<n>\d{1,5})\s*(?:名|人)(?=[,，。;]|$)")


def next_sentence_staffing(text: str, unit: Found) -> Found | None:
    sent_end = text.find("。", unit.end)
    if sent_end == -1 or "\n" in text[unit.end:sent_end]:
        return None
    m = NEXT_STAFF_RE.match(text, sent_end + 1)
    if m is None:
        return None
    return Found(staffing_entry(m["type"], int(m["n"])), m.start("type"), m.end("n"))


# “此次招聘单位为珠海市旅游发展中心，是…”: the words that introduce the name are no part of it
INTRODUCED_RE = re.compile(r"^.*?(?:招聘单位|用人单位|单位名称|主管单位|举办单位|本单位|该单位)\s*(?:为|是|系)")


def drop_introduction(unit: Found | None) -> Found | None:
    if unit is None:
        return None
    m = INTRODUCED_RE.match(unit.value)
    if m is None or len(unit.value) - m.end() < 3:
        return unit
    return Found(unit.value[m.end():], unit.start + m.end(), unit.end)
