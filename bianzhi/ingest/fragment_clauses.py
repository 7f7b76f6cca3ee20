"""Clause rules for fragments as clerks paste them (issue 12, held-out split heldout10).

Budget and final-accounts chapters copied with their page metadata, a unit named only in the 2019 三定 formula,
section headings under a numbered mark, a subject of two names, and 职数 stated for many units at once. Kept apart
from `clauses` so that each rule stays one small function the parser calls in one place.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import (
    BODY_SUFFIX,
    CJK,
    CN_NUM,
    UNIT_SUFFIX,
    Found,
    Item,
    read_statement,
    staffing_entry,
)

# “重庆市梁平区人民政府办公室2020年度部门决算情况说明”, “2020年度浙江省卫生健康委员会部门决算”,
# “临沧市政务服务管理局2023年度部门决算”: a report's title line; a year must be in it (a heading
# “第一部分 X概况” or a table-of-contents line “一、部门决算表” names no year)
REPORT_TITLE_RE = re.compile(
    r"(?!第[一二三四五六七八九十]+部分)(?:(?P<y1>\d{4})年度?)?(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")\s*(?:\([^()]{2,40}\))?\s*"
    r"(?:部门)?(?:关于)?(?:(?P<y2>\d{4})年度?)?(?:部门|单位)?(?:收支)?(?:决算|预算)(?:编制)?(?:公开)?(?:情况的说明|情况说明|的说明|说明|报告|公开报告)?")


# a page's keyword row under its metadata: “• 预算,部门预算” (short terms separated by commas, nothing else)
KEYWORD_ROW_RE = re.compile(r"[•·\-\s]*[" + CJK + r"]{1,8}(?:\s*[,，]\s*[" + CJK + r"]{1,8})+\s*")


def is_metadata_row(line: str) -> bool:
    """“[ 主题分类 ] 财政、金融、审计 [ 体裁分类 ] 财政预算、决算”: a page's metadata row, no title."""
    return bool(re.match(r"^\s*[\[【]", line) or re.search(r"(?:主题|体裁|组配)分类|索引号|发布机构", line)
                or KEYWORD_ROW_RE.fullmatch(line))


def report_title(text: str, max_lines: int = 24) -> Found | None:
    """The title line of a budget/final-accounts report standing under page metadata (“[ 成文日期 ] | … |” rows,
    “索引号:” / “发布机构:” lines with their values below): the first short line that is such a title as a whole."""
    pos, seen = 0, 0
    for raw in text.split("\n"):
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        if not line or line.startswith("#"):
            continue
        seen += 1
        if seen > max_lines:
            break
        if len(line) > 60 or re.search(r"[。,，;:：|]", line):
            continue
        m = REPORT_TITLE_RE.fullmatch(line)
        if m and (m["y1"] or m["y2"]):
            return Found(line, start, start + len(line))
    return None


# the 2019 三定 formula: “X贯彻落实党中央关于…的方针政策和决策部署，在履行职责过程中坚持和加强党对…的集中统一领导”
PARTY_FORMULA_RE = re.compile(
    r"(?:^|(?<=[\n。]))[ \t]*(?:第[一二三四五六七八九十]{1,3}条\s*)?(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:\([^()]{1,30}\))?\s*"
    r"(?:负责|认真)?贯彻(?:落实|执行)(?:党中央|中央|中共中央)[^。]{0,160}?在履行职责过程中坚持和加强党对[^。]{1,60}?的集中统一领导")


def unit_from_party_formula(text: str) -> Found | None:
    """The unit as the subject of the 2019 formula (a budget note that names it nowhere else: “县人社局贯彻落实…”)."""
    m = PARTY_FORMULA_RE.search(text)
    if m is None or re.match(r"^(?:本|该|我)", m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


# a section heading under a numbered mark: “(一)主要职能”, “(一)部门职责” — it names what follows, it is no duty
HEADING_ITEM_RE = re.compile(r"(?:主要|部门|单位|工作|基本)?(?:职能|职责|职能职责|概况|情况|基本情况)(?:简介)?")


def drop_heading_items(text: str, runs: list[tuple[str, list[Item]]]) -> list[tuple[str, list[Item]]]:
    """Drop a lone duty item whose first line is a short heading (“(一)主要职能⏎根据《…》…”)."""
    out = []
    for kind, run in runs:
        if kind == "duties" and len(run) == 1:
            first = text[run[0].start:run[0].end].strip().split("\n", 1)[0].strip()
            if HEADING_ITEM_RE.fullmatch(first):
                continue
        out.append((kind, run))
    return out


# “中共当阳市委党校、当阳市行政学校…是…”: two full names of one body (一个机构两块牌子); the first is the unit
_NAME = r"[" + CJK + r"]{3,30}?(?:" + UNIT_SUFFIX + r"|党校)"


def first_of_joint_subject(unit: Found | None) -> Found | None:
    """The unit when a statement's subject is two full names joined by 、 (the first), else `unit` unchanged."""
    if unit is None:
        return None
    m = re.fullmatch(r"(?P<a>" + _NAME + r")、(?P<b>" + _NAME + r")", unit.value)
    if m is None or "、" in m["a"] or re.match(r"^(?:" + CN_NUM + r"|各|有关)", m["b"]):
        return unit
    return Found(m["a"], unit.start, unit.start + len(m["a"]))


# “31个街道办事处的处级职数均设置为2正5副，即书记1名、…”, “各街道增配1名…”, “每个乡镇设…”: 职数 of many units
COLLECTIVE_SUBJECT_RE = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)个[" + CJK + r"]{0,12}?(?:街道办事处|办事处|街道|乡镇|镇|乡|苏木|县|区|市|"
                                   r"单位|部门|学校|医院)[" + CJK + r"]{0,4}?(?:的|均|都|各)|^[ \t]*(?:各|每个|每一)[" + CJK + r"]")


# a clause on each of the unit's sub-units: “各所设”, “各中队设”, “每所配备”
EACH_SUBUNIT_RE = re.compile(r"[ \t]*(?:各|每)(?:个)?[" + CJK + r"]{0,4}?(?:所|站|队|中队|大队|分局|支队|科|股|室|中心|馆)(?:均|各)?(?:设|配备|配)")


def drop_collective_posts(text: str, posts: list) -> list:
    """Posts read from a sentence whose subject is a number of units or each of them are no unit's posts."""
    out = []
    for entry in posts:
        _e, s, _end = entry
        sent_start = max(text.rfind(ch, 0, s) for ch in "。;\n") + 1
        if COLLECTIVE_SUBJECT_RE.search(text[sent_start:s]):
            continue
        clause_start = max(text.rfind(ch, 0, s) for ch in "。;,\n") + 1
        if EACH_SUBUNIT_RE.match(text[clause_start:s]):  # “下辖14个司法所,…,各所设所长一名”
            continue
        out.append(entry)
    return out


# “东坡区疾病预防控制中心，系区卫生健康局下属副科级公益一类事业单位”: a comma between the unit and 系/是/为
COMMA_STATEMENT_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r"(?P<comma>\s*[,，]\s*)"
                                r"(?=(?:系|是|为|属于|属)[^,，。;]{2,60}?(?:事业单位|行政单位|机构|部门|机关)(?=[,，。;]|$))")


def statement_after_comma(text: str) -> dict | None:
    """`clauses.read_statement` of the first “X，系Y” sentence, read as “X 系Y” (same offsets), or None."""
    m = COMMA_STATEMENT_RE.search(text)
    if m is None:
        return None
    s, e = m.span("comma")
    out = read_statement(text[:s] + " " * (e - s) + text[e:])
    return out if out.get("unit") is not None else None


# a township's bodies: “青石镇设A、B…6个内设机构”, “白沙乡内设党政综合办公室、…等5个综合办事机构”
TOWNSHIP = r"[" + CJK + r"]{2,20}?(?:镇|乡|街道|苏木)(?:人民政府|党委和政府|政府|办事处)?"
TOWNSHIP_BODIES_RE = re.compile(
    r"(?:^|(?<=[\n。;:]))[ \t]*(?P<u>" + TOWNSHIP + r")(?:机关)?(?:内设|设置|设)(?!\s*" + NUM + r"\s*个)(?P<list>[" + CJK + r"()、]{4,400}?)"
    r"(?:等|共)?\s*" + NUM + r"\s*个(?:内设机构|综合办事机构|综合性办事机构|办事机构|工作机构|党政机构|办公室)")


def township_bodies(text: str) -> tuple[Found | None, list[Found]]:
    """(the township, its bodies) from a township's “设…N个内设机构” sentence; (None, []) if there is none."""
    m = TOWNSHIP_BODIES_RE.search(text)
    if m is None:
        return None, []
    out, pos = [], m.start("list")
    for piece in m["list"].split("、"):
        name = piece.strip()
        if not re.fullmatch(r"[" + CJK + r"()]{2,30}?(?:室|办|队|中心|所|站|组|部|科)", name):
            return None, []
        out.append(Found(name, pos, pos + len(piece)))
        pos += len(piece) + 1
    if len(out) < 2:
        return None, []
    return Found(m["u"], m.start("u"), m.end("u")), out


# “核定编制20名” in the unit's own sentence: a figure with no kind (其他编制, flagged)
UNIT_SENTENCE_STAFF_RE = re.compile(r"(?<![行政事业勤控项专动转参公额差])(?:核定|核编|定编)?(?P<type>编制)(?:数)?\s*(?:为|核定为|共)?\s*"
                                    r"(?P<n>" + NUM + r")\s*(?:名|人)")


def unit_sentence_staffing(text: str, unit: Found) -> Found | None:
    """An untyped figure in the sentence that names the unit as its subject (“X为…事业单位，核定编制20名。”)."""
    sent_end = text.find("。", unit.end)
    sent_end = len(text) if sent_end == -1 else sent_end
    sentence = text[unit.end:sent_end]
    if "\n" in sentence or re.search(r"(?:实有|现有|在编|在职|核增|核减|增加|减少)", sentence):
        return None
    m = UNIT_SENTENCE_STAFF_RE.search(sentence)
    if m is None or to_int(m["n"]) is None:
        return None
    before = sentence[:m.start()]
    if re.search(r"(?:下属|所属|各|每个|其中)[^,，]*$", before):  # another body's or each one's figure
        return None
    s = unit.end + m.start("type")
    return Found({"type": "其他编制", "raw": m["type"], "count": to_int(m["n"]), "includes": [], "unknown": True},
                 s, unit.end + m.end())


# ------------------------------------------------------------------ heldout10b: budget and self-evaluation forms
def toc_span(text: str) -> tuple[int, int] | None:
    """The table of contents under a “目录”/“目 录” line: up to the line that repeats its first entry, or to the first
    sentence (a line with “。”, “,” or longer than 60 characters), whichever comes first."""
    m = re.search(r"(?m)^[ \t]*目\s*录[ \t]*$", text)
    if m is None:
        return None
    pos = m.end() + 1
    first = None
    for raw in text[pos:].split("\n"):
        line = raw.strip()
        if line:
            if first is None:
                first = line
            elif line == first or re.sub(r"\s+", "", line) == re.sub(r"\s+", "", first):
                return m.start(), pos
            if "。" in line or re.search(r"[,，;]", line) or len(line) > 60 and not re.search(r"\.{6,}|…{3,}", line):
                return m.start(), pos
        pos += len(raw) + 1
    return m.start(), len(text)


def drop_toc_runs(text: str, runs: list[tuple[str, list[Item]]]) -> list[tuple[str, list[Item]]]:
    """Numbered lines of a table of contents (“(一)基本支出⏎(二)项目支出”) are neither duties nor bodies."""
    span = toc_span(text)
    if span is None:
        return runs
    s, e = span
    return [(k, run) for k, run in runs if not (s <= run[0].mark_start and run[-1].mark_start < e)]


# “本单位设立办公室、养护股、工程股等股室”: bodies named before “等股室”, with no count
UNCOUNTED_BODIES_RE = re.compile(r"(?:^|(?<=[\n。;:]))[ \t]*(?:本单位|我单位|本局|我局|本中心|我中心|局机关|机关)?(?:内设|下设|设立|设置|设有|设)"
                                 r"(?P<list>[" + CJK + r"()、]{4,300}?)等(?:股室|科室|处室|部室|内设机构|职能科室|职能股室)(?=[,，。;]|$)")


def uncounted_bodies(text: str) -> list[Found]:
    m = UNCOUNTED_BODIES_RE.search(text)
    if m is None:
        return []
    out, pos = [], m.start("list")
    for piece in m["list"].split("、"):
        name = piece.strip()
        if not re.fullmatch(r"[" + CJK + r"()]{1,20}?(?:室|办|股|科|处|队|中心|所|站|组|部)", name):
            return []
        out.append(Found(name, pos, pos + len(piece)))
        pos += len(piece) + 1
    return out if len(out) >= 2 else []


# “我单位属于交通运输局二级机构”, “本局是县政府工作部门”: a statement about itself, its name given elsewhere
SELF_NATURE_RE = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?:我|本)(?:单位|局|委|办|中心|所|站|院|馆|队|部门)\s*(?:属于|属|是|为|系)"
                            r"(?P<n>[^,，。;:是为]{2,40}?(?:机构|单位|部门|机关))(?=[,，。;]|$)")


def self_nature(text: str) -> Found | None:
    m = SELF_NATURE_RE.search(text)
    return Found(m["n"], m.start("n"), m.end("n")) if m else None


# a form pasted cell by cell: “部门(单位)名称:  X”, “人员编制⏎21”, “报告日期:2019年06月18日”
# (an encyclopedia's infobox pasted as “中文名⇥X” / “中文名：X” names the body the same way)
FORM_UNIT_RE = re.compile(r"(?m)^[ \t]*(?:(?:部门\(单位\)|单位\(部门\)|部门|单位|机构)名称\s*[:：]|中文名称?(?:\s*[:：]|[ \t]+))\s*"
                          r"(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")[ \t]*$")
FORM_STAFF_RE = re.compile(r"(?m)^[ \t]*(?P<type>(?:核定)?(?:行政|事业|参公|工勤)?(?:人员)?编制(?:数|人数)?)[ \t]*(?:\n[ \t]*)+(?P<n>\d{1,6})[ \t]*$")
REPORT_DATE_RE = re.compile(r"(?m)^[ \t]*报告日期\s*[:：]\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def form_unit(text: str) -> Found | None:
    m = FORM_UNIT_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def form_staffing(text: str) -> Found | None:
    m = FORM_STAFF_RE.search(text)
    if m is None:
        return None
    return Found(staffing_entry(m["type"], int(m["n"])), m.start("type"), m.end("n"))


def report_date(text: str) -> Found | None:
    m = REPORT_DATE_RE.search(text)
    if m is None:
        return None
    y, mo, d = (int(x) for x in re.findall(r"\d+", m["date"]))
    if not (1949 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Found(f"{y:04d}-{mo:02d}-{d:02d}", m.start("date"), m.end("date"))


# “红河州数据发展中心2024年度项目支出绩效单位自评报告”, “X2018绩效评价自评报告…”: the unit right before the year
REPORT_UNIT_RE = re.compile(r"^(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")\s*(?:关于)?\d{4}(?:年度?)?[" + CJK + r"]{0,12}?"
                            r"(?:决算|预算|绩效|自评|评价)")


def unit_from_report_title(title: str) -> Found | None:
    m = REPORT_UNIT_RE.match(title)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


# the first line of a page, a report title with a bracketed qualifier: “X2018绩效评价自评报告及评分表(整体支出…)”
BRACKETED_TITLE_RE = re.compile(r"[^。,，:：|]{6,80}?(?:报告|报告书|评分表|自评表|说明)\([^()]{2,60}\)")


def bracketed_report_title(text: str) -> Found | None:
    pos = 0
    for raw in text.split("\n"):
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        if not line or line.startswith("#"):
            continue
        if BRACKETED_TITLE_RE.fullmatch(line) and unit_from_report_title(line) is not None:
            return Found(line, start, start + len(line))
        return None
    return None


# ------------------------------------------------------------------ heldout10c: township final-accounts notes
# “金桥镇人民政府设6个党政内设机构:”: the subject of a count of bodies
COUNTED_SUBJECT_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")(?:机关)?(?:内设|下设|设置|设)\s*"
                                + NUM + r"\s*个[" + CJK + r"]{0,6}?(?:内设机构|办事机构|工作机构|科室|股室|处室)")


def unit_from_counted_bodies(text: str) -> Found | None:
    m = COUNTED_SUBJECT_RE.search(text)
    if m is None or re.match(r"^(?:本|该|我|各|全)", m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def cut_off_body(text: str, name: str, end: int) -> bool:
    """The last item of a list where the page is cut off (“6. 社会治安和应急”, “(10)人”): nothing but blanks follow it and
    its name does not end as a body's name does."""
    if text[end:].strip():
        return False
    return re.search(r"(?:" + BODY_SUFFIX + "|" + UNIT_SUFFIX + r")(?:\([^()]*\))?$", name) is None
