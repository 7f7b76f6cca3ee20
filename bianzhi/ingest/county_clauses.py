"""Clause rules for the city, county, township and 事业单位 texts of the `heldout17` split (issue 12).

What city and county clerks paste from their 部门预算/决算 notes and from Q&A pages: a township notice whose issuer is
printed on the line above “关于…的公示”, a title printed over two lines under a site's metadata list, a township's or a
street office's note title naming the unit, two centres described in one note (“A和B为…事业单位”), the numbered
section headings of a note's 概况 (“(一)主要职责 …(三)单位性质…”) or its budget items (“(一)收入预算,…”) read as
duties, duties “1、…;” under a bare “一、部门职责” heading, bodies “X设A、B…及C。” / “中心下设A、B。” / “,内设:A、B和C
五个职能部室。”, untyped staffing “编制数15人” / “编制5人” / a table row “编制数 | 34 |”, a unit set up with two names
(“成立A,B,两块牌子一套人员,事业性质,科级建制”), a Q&A's example (“以P县为例,X成立于…,为N,为R单位”), a body named as
the managing body of something (“管理机构为X,…是N”), and articles about a kind of bureau or several stations at once.
Kept apart from `clauses` and the other rule modules so that each rule stays one small function the parser calls in
one place (`parser._county_rules`).
"""
from __future__ import annotations

import re

from .budget_clauses import description_items
from .clauses import CJK, DATE_RE, UNIT_SUFFIX, Found, parse_date, staffing_entry
from .final2_clauses import two_line_title

RANK = r"(?:正|副)?(?:部|厅|局|司|处|县|科|股)级"
BODY_END = r"(?:办公室|室|科|股|部|组|中心|队|站|所|馆|处|办)"
BODY_NAME = r"[" + CJK + r"]{2,20}?" + BODY_END + r"(?:\([" + CJK + r"]{1,20}\))?"
NOTICE_KIND = r"(?:通知|公示|公告|通告|批复|决定|意见|报告|函)"

# a site's metadata before the document: “- [ 索引号 ]”, “- 巫溪县人民政府”, “索引号: …”, “发布机构 X 责任部门 Y”
META_LINE_RE = re.compile(r"[ \t]*(?:-[ \t]*(?:\[[^\]\n]{1,12}\]|[^\n]{0,40})|\[[^\]\n]{1,12}\][^\n]{0,40}|(?:索\s*引\s*号|"
                          r"发布机构|发文字号|主题分类|成文日期|发布日期|公开方式|组配分类|体裁分类|有效性)[^\n]*)[ \t]*")
META_KEY_RE = re.compile(r"^(?:发布机构|责任部门|发文机关|发布单位|主办单位|信息来源|来源)[:：]?\s*")


def _line_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for ln in text.split("\n"):
        out.append((pos, ln))
        pos += len(ln) + 1
    return out


ORGAN_NAME_RE = re.compile(r"[ \t]*(?P<o>[" + CJK + r"()]{4,30}?" + UNIT_SUFFIX + r")[ \t]*")
GUANYU_LINE_RE = re.compile(r"[ \t]*(?P<t>关于[^\n。;]{2,60}?的" + NOTICE_KIND + r")[ \t]*")
ORGAN_LINE_RE = re.compile(r"[ \t]*[" + CJK + r"()]{4,30}?" + UNIT_SUFFIX + r"[ \t]*")


def organ_title(text: str, max_lines: int = 5) -> tuple[Found, Found] | None:
    """(title, organ) of a notice whose one issuer stands on its own line above “关于…的公示/通知” among the first
    lines (after a 文号 line): the title is the two lines joined, the issuer the first. Issuers stacked over two lines
    are the masthead of a joint notice, whose title is the “关于…” line alone (the corpus convention)."""
    seen = []
    for pos, ln in _line_offsets(text):
        if ln.startswith("#") or not ln.strip():
            continue
        seen.append((pos, ln))
        if len(seen) > max_lines + 1:
            break
    for i, ((p1, l1), (p2, l2)) in enumerate(zip(seen, seen[1:], strict=False)):
        if i and ORGAN_LINE_RE.fullmatch(seen[i - 1][1]):
            continue  # issuers stacked on two lines (“中共湖南省委办公厅⏎湖南省人民政府办公厅⏎关于…”): a masthead, not the title
        organ = ORGAN_NAME_RE.fullmatch(l1)
        tail = GUANYU_LINE_RE.fullmatch(l2)
        if organ is None or tail is None or "关于" in organ["o"]:
            continue
        title = organ["o"] + tail["t"]
        return (Found(title, p1 + organ.start("o"), p2 + tail.end("t")),
                Found(organ["o"], p1 + organ.start("o"), p1 + organ.end("o")))
    return None


def title_after_metadata(text: str) -> tuple[Found, Found] | None:
    """(title, unit) of a note whose title is printed over two lines under a site's metadata list (“- [ 索引号 ]⏎- …⏎
    中共X县委宣传部⏎2019年度部门决算情况说明”): the metadata lines are passed over, then the two-line title rule."""
    lines = _line_offsets(text)
    start = None
    for pos, ln in lines:
        if ln.startswith("#") or not ln.strip():
            continue
        if META_LINE_RE.fullmatch(ln):
            start = pos + len(ln) + 1
            continue
        break
    if start is None:
        return None
    found = two_line_title(text[start:])
    if found is None:
        return None
    title, unit = found
    return Found(title.value, title.start + start, title.end + start), Found(unit.value, unit.start + start, unit.end + start)


# “衢州市衢江区大洲镇2020年部门预算”, “2021年度文化街街道办事处部门决算公开”: a township's or street office's note title
TOWN_TITLE_RE = re.compile(r"(?:\d{4}年度?)?(?P<u>[" + CJK + r"]{2,30}?(?:镇|乡|街道办事处|街道|苏木)(?:人民政府)?)(?:\d{4}年度?)?"
                           r"(?:部门|单位)?(?:预算|决算)")


def unit_from_note_title(title: str | None) -> Found | None:
    m = TOWN_TITLE_RE.match(title or "")
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


# “X(Y)为…”: a unit's full name with its second name in brackets, then its statement
NAMED_PLAQUE_RE = re.compile(r"(?P<x>[" + CJK + r"]{4,30}?" + UNIT_SUFFIX + r")\((?P<y>[^()]{2,30})\)(?:为|是)")


def metadata_unit(unit: str | None) -> bool:
    """“发布机构兴庆区文化街街道办事处”: a site's metadata key glued to a name is no unit."""
    return bool(unit) and META_KEY_RE.match(unit) is not None and len(unit) > 6


PAIR_RE = re.compile(r"(?P<a>[" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r")(?:和|及|与)(?P<b>[" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r")")


def first_of_pair(unit: str | None) -> str | None:
    """“市水产品质量检测中心和海洋环境监测预报中心”: two full names joined by 和 → the first."""
    if not unit:
        return None
    m = PAIR_RE.fullmatch(unit)
    return m["a"] if m and not re.match(r"\d|[一二三四五六七八九十两]+个", m["b"]) else None


# the numbered section headings of a note's 概况, or its budget items, read as duties
SECTION_ITEM_RE = re.compile(r"^(?:\d{4}年度?)?(?:部门|单位)?(?:主要职责|主要职能|职能职责|机构设置|单位性质|人员编制|人员情况|编制情况|"
                             r"经费管理|主要工作任务|年度工作任务|工作任务|收入预算|支出预算|基本支出|项目支出|收支预算|部门收支|"
                             r"因公出国|公务接待|公务用车|机关运行经费|政府采购)")


def section_items(duties: list[str]) -> bool:
    """True when at least two of the duties read, and at least half, open with a section heading or a budget item
    (“主要职责…”, “机构设置…”, “收入预算,2016年…”): the run is the note's outline, no list of duties."""
    hits = sum(bool(SECTION_ITEM_RE.match(re.sub(r"\s+", "", d))) for d in duties)
    return hits >= 2 and hits * 2 >= len(duties)


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CN_DIGITS = "一二三四五六七八九十"
DUTY_HEADING_RE = re.compile(r"(?m)^[ \t]*(?:(?:[一二三四五六七八九十]+)+、|\([一二三四五六七八九十]+\))[ \t]*"
                             r"(?:[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r"的?)?(?:本|部门|单位|主要)*"
                             r"(?:职责|职能|职能职责|工作职责)[ \t]*[:。]?[ \t]*$"
                             r"|^[^\n]{0,30}?(?:的)?(?:主要职责|主要职能|职责)(?:是|如下|为)[ \t]*[:][ \t]*$")
ITEM_MARK_RE = re.compile(r"[ \t]*(?:(?P<a>\d{1,2})[、.]|(?P<b>\d{1,2})(?=[" + CJK + r"])|\((?P<p>\d{1,2})\)|\((?P<c>[一二三四五六七八九十]{1,3})\)|(?P<o>[" + CIRCLED
                          + r"]))[ \t]*(?P<d>[^\n]*\S)?[ \t]*")


def _mark_number(m: re.Match) -> int:
    if m["a"] or m["b"] or m["p"]:
        return int(m["a"] or m["b"] or m["p"])
    if m["o"]:
        return CIRCLED.index(m["o"]) + 1
    c = m["c"]
    if c == "十":
        return 10
    if c.startswith("十"):
        return 10 + CN_DIGITS.index(c[1]) + 1
    if c.endswith("十"):
        return (CN_DIGITS.index(c[0]) + 1) * 10
    return CN_DIGITS.index(c) + 1 if len(c) == 1 else (CN_DIGITS.index(c[0]) + 1) * 10 + CN_DIGITS.index(c[-1]) + 1


# “党政办公室。主要负责…”: a body's name, then its duties — a body list under a 职能 heading, no duties
BODY_ITEM_RE = re.compile(r"[" + CJK + r"()]{2,20}?" + BODY_END + r"(?:\([^()]{1,20}\))?[。:]")


def heading_duties(text: str) -> list[Found]:
    """Duties on their own lines under a heading line that only names them (“一、部门职责”, “一一、部门职责”, “一、本部门
    职责”) or a lead-in line ending “…的主要职责是:”: items “1、”, “1.”, “(1)”, “(一)” or “①” (NFKC makes it “1” glued to
    the text), numbered in order from 1,
    blank lines between them allowed, at least two; the last item may be cut off by the page (“(十)负”). Numbered
    paragraphs describing the unit (“1. 公安机关是…”, “2.X设政治处…”) and body items (“1.党政办公室。主要负责…”) are no
    duties."""
    for head in DUTY_HEADING_RE.finditer(text):
        out, expect, kind = [], 1, None
        pos = head.end() + 1
        for line in text[pos:].split("\n"):
            if not line.strip():
                pos += len(line) + 1
                continue
            im = ITEM_MARK_RE.fullmatch(line)
            k = None if im is None else next(g for g in ("a", "b", "p", "c", "o") if im[g])
            if im is None or _mark_number(im) != expect or (kind is not None and k != kind) or not im["d"]:
                break
            kind = k
            d = im["d"]
            out.append(Found(d, pos + im.start("d"), pos + im.end("d")))
            expect += 1
            pos += len(line) + 1
        values = [f.value for f in out]
        if len(out) >= 2 and not description_items(values) \
                and sum(bool(BODY_ITEM_RE.match(v)) for v in values) * 2 < len(values):
            return out
    return []


def _split_names(listing: str, start: int) -> list[Found]:
    out, pos = [], start
    for part in re.split(r"(、|和|及)", listing):
        if part in ("、", "和", "及"):
            pos += 1
            continue
        if not re.fullmatch(BODY_NAME, part):
            return []
        out.append(Found(part, pos, pos + len(part)))
        pos += len(part)
    return out


SUBJECT_LIST_RE = re.compile(r"(?:(?<=[。\n])|^)[ \t]*(?:(?P<s>[" + CJK + r"]{1,20}?)|(?P<c>[" + CJK + r"()]{2,60}?,))"
                             r"(?:下设|内设|设有|设)[:]?(?P<l>[^。\n]{4,300}?)(?:等?(?:\d+|[一二三四五六七八九十]+)个[" + CJK
                             + r"]{0,6})?。", re.M)


def _opens_sentence(text: str, name: str, start: int, nexts: tuple[str, ...]) -> bool:
    """`name` opens a sentence after `start` (after “。” or a line break, blanks allowed) and one of `nexts` follows
    it (string search: a pattern per name would crowd the regular-expression cache)."""
    pos = text.find(name, start)
    while pos >= 0:
        before = text[:pos].rstrip(" \t")
        if (not before or before[-1] in "。\n") and text.startswith(nexts, pos + len(name)):
            return True
        pos = text.find(name, pos + 1)
    return False


def subject_bodies(text: str, unit: str | None) -> tuple[Found | None, list[Found]]:
    """(subject, bodies) of “X设A、B、…及C。”, “中心下设A、B。”, “…事业单位,内设:A、B…和C五个职能部室。”: the subject
    is the unit, its tail (“中心”), or, with no unit read, a name that also opens another sentence of the text (“X核定
    行政编制20人”); the list ends at “。” (a count and a kind of body before it allowed), every item a body's name."""
    for m in SUBJECT_LIST_RE.finditer(text):
        listing = m["l"]
        names = _split_names(listing, m.start("l"))
        if len(names) < 2:
            continue
        subject = m["s"]
        if subject is None:  # “市科技馆是…事业单位,内设:…”: the sentence's subject is the unit
            if unit and m["c"].startswith(unit):
                return None, names
            continue
        if unit and (subject == unit or unit.endswith(subject)):
            return None, names
        if not unit and re.fullmatch(r"[" + CJK + r"]{2,20}?" + UNIT_SUFFIX, subject) and len(names) >= 3 \
                and _opens_sentence(text, subject, m.end(), ("核定", "编制", "有")):
            return Found(subject, m.start("s"), m.end("s")), names
    return None, []


# untyped staffing: “编制数15人”, “编制数是8人”, “现有编制数65名”, “编制5人,其中…”; a table row “编制数 | 34 | 34 |”
UNTYPED_RE = re.compile(r"(?:(?<![" + CJK + r"])|(?<=现有))(?P<w>(?:(?<=现有)人员)?编制(?:数|人数)?)(?:是|为|:)?[ \t]*(?P<n>\d{1,5})[ \t]*"
                        r"(?:人|名)")
UNIT_COUNT_RE = re.compile(r"(?P<w>编制(?:数|人数))(?:是|为|:)?[ \t]*(?P<n>\d{1,5})[ \t]*(?:人|名)")
TABLE_RE = re.compile(r"(?m)^[ \t]*(?P<w>编制数)[ \t]*\|[ \t]*(?P<n>\d{1,5})[ \t]*\|")


def untyped_staffing(text: str, unit: str | None = None) -> Found | None:
    """“编制数15人”, a table row “编制数 | 34 |”, or the unit's “X编制人数45人” (其他编制, raw 编制)."""
    m = UNTYPED_RE.search(text) or TABLE_RE.search(text)
    if m is None and unit:
        m = next((x for x in UNIT_COUNT_RE.finditer(text) if text[:x.start()].endswith(unit)), None)
    if m is None:
        return None
    # “现有人员编制75人”: the quota the unit has (not staff on hand), worded 人员编制
    raw = "人员编制" if m["w"].startswith("人员") else None
    return Found(staffing_entry("编制", int(m["n"]), raw=raw), m.start(), m.end())


# “成立A,B,两块牌子一套人员,事业性质,科级建制,…”
TWO_NAMES_RE = re.compile(r"成立(?P<a>[" + CJK + r"()]{4,30}?" + UNIT_SUFFIX + r")[,、](?P<b>[" + CJK + r"()]{4,30}?" + UNIT_SUFFIX
                          + r")[,,]?两块牌子[,,]?一套(?:人员|班子|人马)")
RANK_BUILD_RE = re.compile(r"(?P<r>" + RANK + r")建制")


def abbreviates(short: str, full: str) -> bool:
    """“区委外宣办” abbreviates “铜川市耀州区委对外宣传办公室”: its characters appear in order in the full name and
    it keeps the full name's last character or its 办 (办公室)."""
    it = iter(full)
    return len(short) < len(full) and all(c in it for c in short) and (short[-1] == full[-1] or full.endswith("办公室"))


def two_names(text: str) -> tuple[Found, Found] | None:
    m = TWO_NAMES_RE.search(text)
    if m is None:
        return None
    return Found(m["a"], m.start("a"), m.end("a")), Found(m["b"], m.start("b"), m.end("b"))


def build_rank(text: str) -> Found | None:
    m = RANK_BUILD_RE.search(text)
    return Found(m["r"], m.start("r"), m.end("r")) if m else None


# a Q&A's example: “以平遥县为例,退役军人事务局成立于2019年2月,为县政府的工作部门,为正科级单位。”
EXAMPLE_RE = re.compile(r"以(?P<p>[" + CJK + r"]{2,10}?[省市县区州旗])为例[,,]?(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")"
                        r"(?:成立于[^,,。]{2,20}[,,])?(?:为|是)(?P<n>[" + CJK + r"]{2,20}?(?:部门|机构|单位))(?:[,,](?:为|是)"
                        r"(?P<r>" + RANK + r")(?:单位|机构))?")


def example_unit(text: str) -> dict | None:
    m = EXAMPLE_RE.search(text)
    if m is None:
        return None
    unit = m["u"] if m["u"].startswith(m["p"]) else m["p"] + m["u"]
    out = {"unit": Found(unit, m.start("u"), m.end("u")), "nature": Found(m["n"], m.start("n"), m.end("n"))}
    if m["r"]:
        out["rank"] = Found(m["r"], m.start("r"), m.end("r"))
    return out


# “园区的运行管理机构为彭阳县王洼水土保持试验站,有职工12人,是财政全额拨款事业单位”
MANAGING_RE = re.compile(r"(?:运行)?管理(?:机构|单位)为(?P<u>[" + CJK + r"()]{4,30}?" + UNIT_SUFFIX + r")[,,](?:[^。,,]{0,20}[,,])?"
                         r"是(?P<n>[" + CJK + r"]{2,20}?事业单位)")


def managing_body(text: str) -> dict | None:
    m = MANAGING_RE.search(text)
    if m is None:
        return None
    return {"unit": Found(m["u"], m.start("u"), m.end("u")), "nature": Found(m["n"], m.start("n"), m.end("n"))}


# “科协是事业正科级单位” (also glued to its heading “二、人员情况”): a unit named by a short form, its rank
SELF_RANK_RE = re.compile(r"(?:^|(?<=[。\n ])|(?<=情况)|(?<=概况)|(?<=简介))(?P<u>[" + CJK + r"]{2,12}?)是(?:事业|行政|参公)?(?P<r>" + RANK + r")(?:事业)?单位")


def self_rank(text: str) -> dict | None:
    m = SELF_RANK_RE.search(text)
    if m is None or text.count(m["u"]) < 2 or re.match(r"[该本我其这此]|[省市县区]级", m["u"]):
        return None
    return {"unit": Found(m["u"], m.start("u"), m.end("u")), "rank": Found(m["r"], m.start("r"), m.end("r"))}


def closing_date(text: str) -> Found | None:
    """The date a budget note closes with, on its own last line (“2018年12月25日”); a 规定's closing date is left to
    the header reader (the corpus labels that of a 规定 printed under its notice's 文号 null)."""
    if not re.search(r"(?:预算|决算)(?:收支|收入|支出|情况|安排)", text) or re.search(r"编制规定|编制方案|职责内设机构", text):
        return None
    lines = [(p, ln) for p, ln in _line_offsets(text) if ln.strip() and not ln.startswith("#")]
    if not lines:
        return None
    pos, ln = lines[-1]
    m = DATE_RE.fullmatch(ln.strip())
    if m is None:
        return None
    date = parse_date(m)
    s = pos + len(ln) - len(ln.lstrip())
    return Found(date, s, s + len(ln.strip())) if date else None


# a purpose clause before the class: “是…举办,向社会提供…,具有…功能的公益性机构” → 公益性机构
PURPOSE_RE = re.compile(r"提供|具有|从事|负责|承担|开展")


def class_of_purpose(nature: str | None) -> str | None:
    if not nature or len(nature) <= 30 or "," not in nature or not PURPOSE_RE.search(nature):
        return None
    m = re.search(r"的(?P<c>[" + CJK + r"]{2,12}?(?:机构|事业单位|单位))$", nature)
    return m["c"] if m else None


CLASS_SENTENCE_RE = re.compile(r"是(?P<n>[^。\n]{10,200}?的[" + CJK + r"]{2,12}?(?:机构|事业单位|单位))。")
SUBJECT_END_RE = re.compile(r"(?:^|[。\n])[ \t]*(?P<u>[" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r")$")


def purpose_nature(text: str, unit: str | None) -> tuple[Found, Found] | None:
    """(unit, class) of “X是Y举办,向社会提供…,具有…功能的公益性机构。” when the statement reader gave no nature: the
    class after the purpose clause; X is the unit read, or with none read the sentence's subject (a unit's name)."""
    for m in CLASS_SENTENCE_RE.finditer(text):
        cls = class_of_purpose(m["n"])
        if not cls:
            continue
        head = text[max(0, m.start() - 40):m.start()]
        if unit:
            if not head.endswith(unit):
                continue
            u, us = unit, m.start() - len(unit)
        else:
            sm = SUBJECT_END_RE.search(head)
            if sm is None:
                continue
            u, us = sm["u"], m.start() - len(sm["u"])
        return Found(u, us, us + len(u)), Found(cls, m.end("n") - len(cls), m.end("n"))
    return None


def grade_note(post: dict) -> bool:
    """“设主任1名(七级职员)”: a 职员 grade in brackets after a post is its rank."""
    return bool(post.get("note")) and not post.get("rank") and re.fullmatch(r"[一二三四五六七八九十]+级职员", post["note"]) is not None


def either_post(post: dict) -> bool:
    """“馆长(副馆长)1名”: the bracket names the deputy post, so the count is for either post."""
    note = post.get("note") or ""
    return bool(note) and note == "副" + (post.get("title") or "")


def generic_kind(unit: str | None, nature: str | None) -> bool:
    """True when the unit read names a kind of bureau with no place (“卫生健康局”) and its nature speaks of local
    government in general (“地方政府的工作部门”): an explainer, no unit."""
    return bool(unit) and bool(nature) and "地方" in nature \
        and not re.search(r"[省市县区州盟旗镇乡]|中共|中国|国家|全国", unit.replace("市场", ""))


def several_units(unit: str | None, text: str) -> bool:
    """“新成立的6个农业机械管理站为公益性事业单位,每个…人员编制6名”: a count before the subject, several units."""
    return bool(unit) and unit.startswith("个") and "每个" in text


# “说明:冀村镇人民政府没有使用国有资本经营预算安排支出,故本表无数据。”: a table note naming the unit
TABLE_NOTE_RE = re.compile(r"说明[:]\s*(?:本单位|本部门)?(?P<u>[" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r")(?:\d{4}年度?)?(?:没有|无|未)")


def table_note_unit(text: str) -> Found | None:
    m = TABLE_NOTE_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


# “我部门共有八个内设机构,即A组织机构、B组织机构…。”; “下设7个科室(A、B、…)。”
COUNTED_LIST_RE = re.compile(r"(?:共有|共设|下设|内设|设有|设)(?:\d+|[一二三四五六七八九十]+)个(?:内设机构|科室|股室|处室|部室|机构)"
                             r"(?:[,,]即[:]?(?P<l>[^。\n]{4,400}?)。|\((?P<b>[^()\n]{4,300})\))")


def counted_list_bodies(text: str) -> list[Found]:
    """The names after a count (“共有八个内设机构,即A、B…”, “下设7个科室(A、B…)”); a tag the clerk appended to every
    name (“…办公室组织机构”) is dropped."""
    m = COUNTED_LIST_RE.search(text)
    if m is None:
        return []
    key = "l" if m["l"] else "b"
    parts, pos, out = m[key].split("、"), m.start(key), []
    tag = "组织机构" if len(parts) >= 2 and all(p.endswith("组织机构") for p in parts) else ""
    for part in parts:
        name = part[:len(part) - len(tag)] if tag else part
        if not re.fullmatch(BODY_NAME, name):
            return []
        out.append(Found(name, pos, pos + len(name)))
        pos += len(part) + 1
    return out if len(out) >= 2 else []


def listed_after_words(name: str) -> str | None:
    """“组室分别是秘书组”: the first body of a list glued to its lead-in words → “秘书组”."""
    m = re.search(r"(?:分别是|分别为|包括|即)[:]?(?P<n>[" + CJK + r"()]{2,20})$", name)
    return m["n"] if m else None


# “2021年度⏎关市镇人民政府部门决算”: a year alone on the line above the rest of the title
YEAR_LINE_RE = re.compile(r"[ \t]*(?P<y>\d{4}[ \t]*年度?)[ \t]*")
REST_TITLE_RE = re.compile(r"[ \t]*(?P<t>(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")(?:部门|单位)(?:预算|决算)[" + CJK + r"]{0,8})[ \t]*")
# “2018年图书馆部门预算公开说明” on a line of its own
YEAR_FIRST_TITLE_RE = re.compile(r"(?m)^[ \t]*(?P<t>\d{4}年度?(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:部门|单位)(?:预算|决算)"
                                 r"(?:公开)?(?:情况)?(?:说明)?)[ \t]*$")


def year_line_title(text: str, max_lines: int = 4) -> tuple[Found, Found] | None:
    seen = [(p, ln) for p, ln in _line_offsets(text) if ln.strip() and not ln.startswith("#")][:max_lines + 1]
    for (p1, l1), (p2, l2) in zip(seen, seen[1:], strict=False):
        y, r = YEAR_LINE_RE.fullmatch(l1), REST_TITLE_RE.fullmatch(l2)
        if y and r:
            title = re.sub(r"\s+", "", y["y"]) + r["t"]
            return Found(title, p1 + y.start("y"), p2 + r.end("t")), Found(r["u"], p2 + r.start("u"), p2 + r.end("u"))
    m = YEAR_FIRST_TITLE_RE.search(text[:600])
    if m:
        return Found(m["t"], m.start("t"), m.end("t")), Found(m["u"], m.start("u"), m.end("u"))
    return None


def unit_class(text: str, unit: str | None) -> Found | None:
    """“宁县图书馆为全额拨款事业单位,…”: the unit's own class sentence."""
    if not unit:
        return None
    m = next((x for x in UNIT_CLASS_RE.finditer(text) if text[:x.start()].endswith(unit)), None)
    return Found(m["n"], m.start("n"), m.end("n")) if m else None


UNIT_CLASS_RE = re.compile(r"(?:为|是)(?P<n>[" + CJK + r"]{2,16}?事业单位)(?=[,,。])")


# a name that opens two sentences about the unit's structure or staffing: “X内设股室4个。…⏎X编制人数12人,…”
SUBJECT_OPEN_RE = re.compile(r"(?:^|(?<=[。\n]))[ \t]*(?P<u>[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")(?=内设|下设|设有|核定|编制|共有)",
                             re.M)


def repeated_subject(text: str) -> Found | None:
    seen: dict[str, Found] = {}
    for m in SUBJECT_OPEN_RE.finditer(text):
        if m["u"] in seen:
            return seen[m["u"]]
        seen[m["u"]] = Found(m["u"], m.start("u"), m.end("u"))
    return None
