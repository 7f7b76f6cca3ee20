"""Clause rules for entries and introductions that state a unit's facts without a 三定's layout (issue 12, `heldout32`).

Yearbook and 县志 entries, encyclopedia and dictionary copies, a 事业单位's own introduction (museums, archives, a
hospital, a library) and news items state the unit's bodies, class and rank in running prose. The first run of
`heldout32` showed the parser missing these shapes:

- a counted list closed by “包括”/“分别为”: “有10个办公室,包括A、B…和J”, “内设7个职能机构,包括A、…和G” (the names are
  bodies when there are as many as the count; a unit's 下属/所属 units are not);
- a list counted in parts, before or after it: “机构设置为一室五部一分馆:A,B,…,G”, “内设A、B(…)、…,共一室五科”
  (the parts' sum is the number of names; a bracket that describes what a body does is not its second name);
- an introduction's “内设A、B、…、M等13个业务部室”, “博物馆内设A、B、C、D等部门”, “馆内设A、…、《X》杂志社” (a list after
  “内设” with no count before it: a closing count must match, or the unit is known and every item is a body's name);
- a hospital's departments “医院开设有A、B,C(门诊)、…” (most of them 科/室);
- the unit a text opens with, “X是国家一级博物馆,…” (X a full name with its place), over a name read later from a
  sentence on a room or a hall; a dictionary or 县志 entry's head line “X” or “X 前身…” alone at the start;
- a setting-up sentence with class and rank: “成立X,为政府组成局,正科级单位”; a 编制 stated for a body the unit
  “下设” is not the unit's;
- “…,为市委、市政府直属机构,正处级单位” (class and rank without a subject, in an entry on one unit), and “挂A、B两块
  牌子” (the name that is not the unit's own is a plaque);
- a chronicle's body lists of two years (“1986年,…设有A、B…等6个职能科室…2007年,…设A、B…等6个职能科室”): the latest;
- a template's placeholder place (“xx县殡仪馆”) belongs to the name;
- “单位性质是事业单位”, “行政级别是正科级单位” in a profile.

Kept apart from the other rule modules; the parser calls `apply` once, after them. Every rule works on the NFKC text the
parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, UNIT_SUFFIX, Found
from .unnumbered_clauses import DUTY_HEADING_RE, DUTY_VERB_RE
from .webcopy_clauses import _set, set_unit_nature_rank

# a body's name in these lists: CJK (a 《title》 may open it), its own bracket kept
ITEM_RE = re.compile(r"(?:《[^《》]{1,12}》)?[" + CJK + r"A-Za-z]{0,20}?(?:" + BODY_SUFFIX[3:-1] + r"|社|馆|线)(?:\([^()]{1,24}\))?")
_NOT_NAME = re.compile(r"^(?:负责|承担|根据|按照|加挂|挂|其他|其中|主要|职责|包括|以及|分别|下属|所属|直属)")
# “有10个办公室,包括A、B…和J”, “内设7个职能机构,包括A…和G”, “设5个科室,分别为A…”
COUNTED_INCLUDING_RE = re.compile(r"(?:内设|设有|设置|设|有)\s*(?P<n>" + NUM + r")\s*个(?P<cls>(?:职能|业务|内设|工作)?"
                                  r"(?:办公室|科室|股室|处室|部室|机构|部门|科|股|处|室|部))\s*[,:]?\s*"
                                  r"(?:包括|分别为|分别是|即)\s*:?\s*(?P<list>[^。;\n]{2,400})")
# a count in parts: “一室五部一分馆”, “三科一室”
PART = r"[一二两三四五六七八九十\d]{1,3}(?:个)?(?:分馆|中心|室|科|部|股|处|组|馆|队|所)"
PARTS_RE = re.compile(r"(?:" + PART + r"){2,}")
PARTS_BEFORE_RE = re.compile(r"(?:机构设置|内设机构|内设|设置)为?\s*(?P<parts>" + r"(?:" + PART + r"){2,}" + r")\s*:\s*(?P<list>[^。;\n]{2,400})")
PARTS_AFTER_RE = re.compile(r"内设(?P<list>[^。;\n]{2,500}?)[,]\s*共(?P<parts>(?:" + PART + r"){2,})")
# “内设A、B…等13个业务部室”, “内设A、B、C、D等部门”, “馆内设A、…、J。”
INNER_LIST_RE = re.compile(r"内设(?!\s*" + NUM + r"\s*个)(?P<list>[^。;:\n]{4,500}?)(?:等\s*(?P<n>" + NUM + r")\s*个[" + CJK + r"]{0,6}|"
                           r"等(?:部门|科室|机构|部室)|(?=[。;\n]))")
# “医院开设有A、B,C(门诊)、…。”
OPENED_RE = re.compile(r"(?:医院|本院|我院|卫生院|中心)[" + CJK + r"]{0,4}?开设(?:有|了)?(?P<list>[^。;\n]{4,400})")
# “X是国家一级博物馆,…”: the unit a text opens with
OPENING_RE = re.compile(r"^\s*(?P<u>(?:中国|中华人民共和国|国家|[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗))[" + CJK + r"]{0,20}?"
                        r"(?:博物馆|纪念馆|图书馆|文化馆|档案馆|美术馆|科技馆|医院|卫生院|中心|研究所|研究院|学校|公园))"
                        r"(?:是|为|位于|始建于|成立于|创建于)")
# a head line naming one unit: “三明市档案局” alone, or “临沭县卫生局 临沭县卫生办公室1949年…”
HEAD_LINE_RE = re.compile(r"^[ \t]*(?P<u>(?P<p>[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗))[" + CJK + r"]{1,16}?(?:局|委员会|办公室|馆|院|中心|所|站))"
                          r"(?:[ \t]*$|[ \t]+(?=[" + CJK + r"])|(?=(?P=p)))", re.M)
# “成立道县退役军人事务局,为政府组成局,正科级单位”
SET_UP_CLASS_RE = re.compile(r"(?:成立|设立|组建)(?P<u>[" + CJK + r"]{1,8}?(?:省|市|县|区|州|旗)[" + CJK + r"]{2,16}?" + UNIT_SUFFIX + r")\s*,\s*"
                             r"(?:为|作为)(?P<n>[" + CJK + r"、]{2,20}?(?:局|部门|机构|单位|机关))\s*,\s*(?P<r>[正副][部厅局处县科股]级)(?:单位)?")
# “…,为市委、市政府直属机构,正处级单位”
CLASS_RANK_RE = re.compile(r"为(?P<n>[" + CJK + r"、]{2,20}?(?:直属机构|工作部门|组成部门|派出机构|直属事业单位|事业单位|行政单位))\s*,\s*"
                           r"(?P<r>[正副][部厅局处县科股]级)单位")
# “挂档案局、档案馆两块牌子”
TWO_PLAQUES_RE = re.compile(r"挂(?P<a>[" + CJK + r"]{2,12})、(?P<b>[" + CJK + r"]{2,12})两块牌子")
# “单位性质是事业单位”, “行政级别是正科级单位”
PROFILE_NATURE_RE = re.compile(r"单位性质(?:是|为)(?P<n>[" + CJK + r"]{0,12}?(?:事业单位|行政单位|行政机关))")
PROFILE_RANK_RE = re.compile(r"行政级别(?:是|为)(?P<r>[正副][部厅局处县科股]级)")
# a chronicle's dated lists: “1986年,…设有A、B…等6个职能科室”
DATED_LIST_RE = re.compile(r"(?P<y>(?:19|20)\d{2})年[^。]{0,60}?设(?:有)?(?P<list>[" + CJK + r"、()]{4,300}?)等\s*(?P<n>" + NUM + r")\s*个"
                           r"(?:职能|业务|内设)?(?:科室|股室|处室|部室|机构|部门)")
# “正县级建制”
ESTABLISHED_RANK_RE = re.compile(r"(?P<r>[正副][厅局处县科股]级)建制")
# “国家设立的公益性事业单位”: who set it up is not its class
SET_UP_BY_RE = re.compile(r"^[" + CJK + r"]{1,12}?(?:批准)?设立的(?P<c>[" + CJK + r"]{2,16}?事业单位)$")
# “xx县殡仪馆位于…,是县民政局直属的、…的副科级事业单位”
LOCATED_NATURE_RE = re.compile(r"位于[^,。;\n]{2,30},是(?P<n>[" + CJK + r"、]{4,60}?事业单位)")
# “下设办公室、火化组、殡仪组、公墓办公室”: internal groups and rooms (not the units under it)
UNDER_ROOMS_RE = re.compile(r"下设(?P<list>[" + CJK + r"、]{4,200}?)(?=[,。;\n])")
# “殡仪馆、殡葬改革管理所是两块牌子一套人马”
PLAQUE_PAIR_RE = re.compile(r"(?P<a>[" + CJK + r"]{2,12})、(?P<b>[" + CJK + r"]{2,12})是两块牌子")
# a template's unit with a placeholder place: “XX县火葬场”
PLACEHOLDER_UNIT_RE = re.compile(r"(?<![A-Za-z])[xX×]{2}(?:省|市|县|区)[" + CJK + r"]{2,12}?(?:馆|场|所|站|院|中心|局)(?=[" + CJK + r"]{0,2}(?:位于|是|为|,|下设))")
# the subject of a company's or a club's clause
COMPANY_RE = re.compile(r"公司|企业|集团|协会|学会|社团|俱乐部|学生会|商会")
# a notice's opening: its organ on a line of its own is no entry's head
NOTICE_RE = re.compile(r"关于|通知|决定|意见|办法|规则|批复|函")
# a top-level section heading: “二、殡葬服务收费的基本情况”
SECTION_HEAD_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,2}、")
# a status for a past period: “1999年至2003年,管委会作为市政府的派出机构”
PAST_PERIOD_RE = re.compile(r"(?:19|20)\d{2}年(?:至|到|—|-)(?:19|20)\d{2}年\s*,?\s*$")
# a bare kind read as the unit: “办事处”, “管委会”
BARE_KIND_RE = re.compile(r"(?:办事处|管委会|管理委员会|派出机构)")
# a news item's subject: “观海卫镇举行了镇机关各部门授牌…仪式”
CEREMONY_TOWN_RE = re.compile(r"(?:^|(?<=[\s,。]))(?P<u>[" + CJK + r"]{2,8}?(?:镇|乡|街道))举行了?[^。\n]{2,40}?仪式")
# “核定编制7人,所长(正科)1人”: the 编制 and a post with its rank in brackets
STAFF_POST_RE = re.compile(r"核定编制(?P<n>\d{1,4})[人名]\s*,\s*(?P<t>所长|馆长|站长|院长|主任|局长|队长)\((?P<r>[正副][科处股])级?\)(?P<pn>\d)[人名]")
# a change of 职数, not the unit's total: “增加副科级领导职数1名”
CHANGED_RE = re.compile(r"(?:增加|核增|减少|核减|调减|调增)")
# a 编制 of a unit the text's unit has under it: “X下设县退役军人服务中心1个,编制15名”
UNDER_STAFFING_RE = re.compile(r"下设[^。;]{2,40}?\d+\s*个\s*,\s*(?:核定)?编制")


def _parts_total(parts: str) -> int | None:
    total = 0
    for m in re.finditer(r"(?P<n>[一二两三四五六七八九十\d]{1,3})(?:个)?(?:分馆|中心|室|科|部|股|处|组|馆|队|所)", parts):
        n = to_int(m["n"])
        if n is None:
            return None
        total += n
    return total or None


def _split(text: str, start: int, value: str, seps: str = "、") -> list[Found]:
    """The pieces of a list at `start`, split at `seps` outside brackets; the last “A和B” split in two."""
    pieces, depth, begin = [], 0, 0
    for i, ch in enumerate(value + seps[0]):
        if ch in "(《":
            depth += 1
        elif ch in ")》":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            pieces.append((begin, value[begin:i]))
            begin = i + 1
    out = []
    for n, (off, piece) in enumerate(pieces):
        lead = len(piece) - len(piece.lstrip())
        name = piece.strip().rstrip("。,.")
        s = start + off + lead
        if n == len(pieces) - 1 and "和" in name and "(" not in name:
            first, _, second = name.rpartition("和")
            if ITEM_RE.fullmatch(first) and ITEM_RE.fullmatch(second):
                out += [Found(first, s, s + len(first)), Found(second, s + len(first) + 1, s + len(name))]
                continue
        out.append(Found(name, s, s + len(name)))
    return out


def _names(found: list[Found]) -> bool:
    return len(found) >= 2 and all(len(f.value) >= 2 and ITEM_RE.fullmatch(f.value) and not _NOT_NAME.match(f.value) for f in found)


def _undescribed(found: list[Found]) -> list[Found]:
    """“业务一科(城乡建设档案业务指导)” → “业务一科”: a bracket that describes the body's work is not its second name."""
    out = []
    for f in found:
        m = re.fullmatch(r"(?P<n>[^()]+)\((?P<b>[^()]+)\)", f.value)
        if m is not None and not re.search(BODY_SUFFIX + r"$|牌子$|门诊$", m["b"]):
            out.append(Found(m["n"], f.start, f.start + len(m["n"])))
        else:
            out.append(f)
    return out


def _company_clause(text: str, start: int) -> bool:
    """A company's, a club's or an association's departments: the sentence's subject is one (“本公司内设5个部门,…”)."""
    return bool(COMPANY_RE.search(text[max(0, text.rfind("。", 0, start) + 1, start - 40):start]))


def counted_including(text: str) -> list[Found]:
    for m in COUNTED_INCLUDING_RE.finditer(text):
        if _company_clause(text, m.start()):
            continue
        found = _split(text, m.start("list"), re.split(r"[,]\s*(?:同时|并|负责|主要)", m["list"])[0])
        if to_int(m["n"]) == len(found) and _names(found):
            return found
    return []


# one more body in the next sentence: “设置五部一室:A、…和F。另有一个内设机构:G,和一个挂靠机构:H” (G only: a 挂靠 unit is none)
ONE_MORE_RE = re.compile(r"\s*(?:另有|另设|另|还有|此外还有|此外)\s*(?:一|1)\s*个(?:内设机构|内设部门|科室|部门|机构)\s*[:,]?\s*"
                         r"(?P<name>[" + CJK + r"]{2,30}?" + BODY_SUFFIX + r")(?=[,。;]|$)")


def parts_counted(text: str) -> list[Found]:
    for rx in (PARTS_BEFORE_RE, PARTS_AFTER_RE):
        for m in rx.finditer(text):
            if _company_clause(text, m.start()):
                continue
            found = _undescribed(_split(text, m.start("list"), m["list"], "、,"))
            if _parts_total(m["parts"]) == len(found) and _names(found):
                end = text.find("。", m.end("list"))
                more = ONE_MORE_RE.match(text, end + 1) if end >= 0 and text[m.end("list"):end].strip() == "" else None
                if more:
                    found.append(Found(more["name"], more.start("name"), more.end("name")))
                return found
    return []


def inner_list(text: str, unit: str | None) -> list[Found]:
    for m in INNER_LIST_RE.finditer(text):
        if _company_clause(text, m.start()):
            continue
        found = _split(text, m.start("list"), m["list"])
        if not _names(found):
            continue
        if m["n"] is not None and to_int(m["n"]) == len(found):
            return found
        if m["n"] is None and unit:
            return found
    return []


def opened_departments(text: str) -> list[Found]:
    m = OPENED_RE.search(text)
    if m is None:
        return []
    found = _split(text, m.start("list"), m["list"], "、,")
    ok = [f for f in found if re.fullmatch(r"[" + CJK + r"A-Za-z]{1,10}(?:\([" + CJK + r"]{1,6}\))?", f.value)]
    suffixed = [f for f in found if re.search(r"(?:科|室|部|中心|门诊)(?:\([" + CJK + r"]{1,6}\))?$", f.value)]
    if len(found) >= 4 and len(ok) == len(found) and len(suffixed) * 4 >= len(found) * 3:
        return found
    return []


def under_rooms(text: str, unit: str | None) -> list[Found]:
    m = UNDER_ROOMS_RE.search(text) if unit else None
    if m is None:
        return []
    found = _split(text, m.start("list"), m["list"])
    if _names(found) and all(re.search(r"(?:室|科|股|组)$", f.value) for f in found):
        return found
    return []


# the same without a count: “1990年,局内设秘书股、计划股、财务股。”
DATED_PLAIN_RE = re.compile(r"(?P<y>(?:19|20)\d{2})年[^。;\n]{0,30}?(?:内设|下设|设有)(?P<list>[" + CJK + r"、()]{4,300}?)(?=[。;,]|$)",
                            re.M)


def dated_latest(text: str) -> list[Found]:
    dated = []
    for m in [*DATED_LIST_RE.finditer(text), *DATED_PLAIN_RE.finditer(text)]:
        listed = re.sub(r"^[^、]*?(?=[" + CJK + r"]{2,12}?(?:室|科|股|处|部)、)", "", m["list"])
        off = m.start("list") + (len(m["list"]) - len(listed))
        found = _split(text, off, re.sub(r"及(?=[" + CJK + r"]{2,12}$)", "、", listed))
        found = [Found(f.value, f.start, f.end) for f in found]
        counted = "n" in m.groupdict()
        if (to_int(m["n"]) == len(found) if counted else len(found) >= 2) and _names(found) \
                and all(f.start != g.start for _, fs in dated for g in fs for f in found):
            dated.append((int(m["y"]), found))
    if len({y for y, _ in dated}) >= 2:
        return max(dated, key=lambda x: x[0])[1]
    return []


def dotted_duty_lines(text: str) -> list[Found]:
    """“基本职能⏎、贯彻执行…;.⏎受市建设…;.⏎负责…;”: a page's list items, each closed by “;”/“。” and a stray “.”, the
    first with the “、” of its lost number."""
    for head in DUTY_HEADING_RE.finditer(text):
        out: list[Found] = []
        for line in re.finditer(r"[^\n]*(?:\n|$)", text[head.end() + 1:]):
            raw = line.group(0).rstrip("\n")
            m = re.fullmatch(r"[ \t]*、?(?P<d>[^\n]{6,}?[;。])\.?[ \t]*", raw)
            if m is None:
                break
            s = head.end() + 1 + line.start() + m.start("d")
            out.append(Found(m["d"], s, s + len(m["d"])))
        if len(out) >= 3 and any(text[f.end:f.end + 1] == "." for f in out) \
                and sum(bool(DUTY_VERB_RE.match(f.value)) for f in out) * 3 >= len(out) * 2:
            return out
    return []


def _replace_bodies(b, found: list[Found]) -> None:
    b.data["internal_bodies"] = []
    b.meta.pop("numbered_bodies", None)
    b.spans = [sp for sp in b.spans if not sp[0].startswith("internal_bodies[")]
    b.add_bodies(found)


def _span(b, key: str) -> tuple[int, int] | None:
    return next(((s, e) for k, s, e in b.spans if k == key), None)


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`, `add_bodies()`)."""
    data = b.data
    # the unit a text opens with, over a room or a hall read later; a head line naming one unit
    opening = OPENING_RE.match(text)
    if opening is not None:
        current = _span(b, "unit")
        if not data.get("unit") or (current is not None and current[0] > opening.end("u") and opening["u"] not in data["unit"]
                                    and not re.match(r"^[" + CJK + r"]{2,8}?(?:省|市|县|区|州|旗)", data["unit"])):
            _set(b, "unit", Found(opening["u"], opening.start("u"), opening.end("u")), replace=True)
    if not data.get("unit") and not NOTICE_RE.search(text[:300]):
        head = HEAD_LINE_RE.search(text[:400])
        if head is not None and text.count(head["u"]) >= 2 and "。" not in text[:head.start()]:
            _set(b, "unit", Found(head["u"], head.start("u"), head.end("u")))
            short = re.search(r"更名为" + re.escape(head["u"]) + name_forms.bracket("s", 2, 10), text)
            if short is not None and not data.get("short_name"):
                _set(b, "short_name", Found(short["s"], short.start("s"), short.end("s")))
    # “成立X,为Y,R单位”
    setup = SET_UP_CLASS_RE.search(text)
    if setup is not None and (not data.get("unit") or setup["u"].endswith(data["unit"])):
        set_unit_nature_rank(b, setup)
    # “xx县殡仪馆”: a template's placeholder place is part of the name
    if not data.get("unit"):
        m = PLACEHOLDER_UNIT_RE.search(text)
        if m is not None and text.count(m.group(0)) >= 2:
            _set(b, "unit", Found(m.group(0), m.start(), m.end()))
    current = _span(b, "unit")
    if current is not None and data.get("unit") and current[0] >= 2 and re.fullmatch(r"[xX×]{2}", text[current[0] - 2:current[0]]) \
            and text[current[0]:current[1]] == data["unit"]:
        _set(b, "unit", Found(text[current[0] - 2:current[1]], current[0] - 2, current[1]), replace=True)
    unit = data.get("unit")
    if unit and not data.get("nature"):  # “…,为市委、市政府直属机构,正处级单位” in an entry on one unit
        m = CLASS_RANK_RE.search(text)
        if m is not None:
            _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")))
            if not data.get("rank"):
                _set(b, "rank", Found(m["r"], m.start("r"), m.end("r")))
    if unit and not data.get("nature"):  # “X位于…,是Y事业单位”
        m = LOCATED_NATURE_RE.search(text)
        if m is not None and text.rfind(unit, 0, m.start()) >= max(0, text.rfind("。", 0, m.start())):
            _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")))
    if unit and data.get("nature") and not data.get("rank"):  # the rank inside the class: “…的副科级事业单位”
        span = _span(b, "nature")
        r = re.search(r"(?:[正副][部厅局处县科股]|(?<![正副])股)级", data["nature"])
        if r is not None and span is not None and text[span[0]:span[1]] == data["nature"]:
            _set(b, "rank", Found(r.group(0), span[0] + r.start(), span[0] + r.end()))
    if unit and not data.get("rank"):  # “正县级建制”
        m = ESTABLISHED_RANK_RE.search(text)
        if m is not None:
            _set(b, "rank", Found(m["r"], m.start("r"), m.end("r")))
    if data.get("nature"):  # “国家设立的公益性事业单位” → “公益性事业单位”
        span = _span(b, "nature")
        m = SET_UP_BY_RE.match(data["nature"])
        if m is not None and span is not None and text[span[0]:span[1]] == data["nature"]:
            _set(b, "nature", Found(m["c"], span[0] + m.start("c"), span[1]), replace=True)
    if data.get("nature"):  # a status for a past period is no nature
        span = _span(b, "nature")
        if span is not None:
            sentence = text[max(0, text.rfind("。", 0, span[0]) + 1, text.rfind("\n", 0, span[0]) + 1):span[0]]
            before = re.split(r"[" + CJK + r"]*(?:作为|为|是)$", sentence)[0]
            if PAST_PERIOD_RE.search(before):
                _set(b, "nature", None)
                data["nature"] = None
                b.spans = [sp for sp in b.spans if sp[0] != "nature"]
    if data.get("unit") and BARE_KIND_RE.fullmatch(data["unit"]):  # “管委会” → “南屏科技工业园管委会”, or nothing
        full = None
        for m in re.finditer(r"(?P<c>[" + CJK + r"]{2,16})" + re.escape(data["unit"]) + r"(?=由|是|为|作为|于|,)", text):
            # the name before the kind: the longest tail of the run before it that the text names again
            tail = next((m["c"][i:] for i in range(len(m["c"]) - 2) if text.count(m["c"][i:]) >= 2), None)
            if tail is not None and not re.search(r"设立|成立|分别|区域|内|起", tail):
                full = Found(tail + data["unit"], m.end("c") - len(tail), m.end())
                break
        if full is not None:
            _set(b, "unit", full, replace=True)
        else:
            for key in ("unit", "nature"):
                data[key] = None
            b.spans = [sp for sp in b.spans if sp[0] not in ("unit", "nature")]
    unit = data.get("unit")
    n, r = PROFILE_NATURE_RE.search(text), PROFILE_RANK_RE.search(text)  # a profile's “单位性质是…”, “行政级别是…”
    if n is not None and r is not None:
        if not data.get("nature"):
            _set(b, "nature", Found(n["n"], n.start("n"), n.end("n")))
        if not data.get("rank"):
            _set(b, "rank", Found(r["r"], r.start("r"), r.end("r")))
    if unit:
        m = TWO_PLAQUES_RE.search(text) or PLAQUE_PAIR_RE.search(text)
        if m is not None:
            for own, other in (("a", "b"), ("b", "a")):
                if unit.endswith(m[own]) and not unit.endswith(m[other]):
                    b.add_plaque(Found(m[other], m.start(other), m.end(other)))
    # bodies
    bodies = data["internal_bodies"]
    dated = dated_latest(text)
    if dated:
        _replace_bodies(b, dated)
    elif found := parts_counted(text):
        if [x.value for x in found] != [x.get("name") for x in bodies]:
            _replace_bodies(b, found)
    elif not bodies:
        found = counted_including(text) or inner_list(text, unit) or opened_departments(text) or under_rooms(text, unit)
        if found:
            b.add_bodies(found)
    if data.get("unit") and not data["duties"]:  # list items with a stray “.” after their “;”
        for found in dotted_duty_lines(text):
            data["duties"].append(found.value)
            b.span(f"duties[{len(data['duties']) - 1}]", found.start, found.end)
    # items “(一)…(二)…” of two sections of a report (a section heading “二、…” between them) are no duty list
    spans = sorted((s, e) for k, s, e in b.spans if re.fullmatch(r"duties\[\d+\]", k))
    if len(spans) >= 2:
        heads = [m.start() for m in SECTION_HEAD_RE.finditer(text, spans[0][1], spans[-1][0])
                 if not re.search(r"职责|职能|任务", text[m.start():text.find("\n", m.start()) % (len(text) + 1)][:30])]
        if any(not any(s - 6 <= h <= e for s, e in spans) for h in heads):
            b.clear_items("duties")
    if not data.get("unit"):  # “观海卫镇举行了…仪式”
        m = CEREMONY_TOWN_RE.search(text)
        if m is not None and text.count(m["u"]) >= 3:
            _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")))
    if data.get("unit") and not data["staffing"] and not data["posts"]:  # “核定编制7人,所长(正科)1人”
        m = STAFF_POST_RE.search(text)
        if m is not None:
            data["staffing"].append({"type": "其他编制", "raw": "编制", "count": int(m["n"]), "includes": []})
            b.span("staffing[0]", m.start(), m.end("n"))
            data["posts"].append({"title": m["t"], "count": int(m["pn"]), "rank": m["r"] + "级", "note": None})
            b.span("posts[0]", m.start("t"), m.end())
    leads = {int(k[20:-1]): (s, e) for k, s, e in b.spans if re.fullmatch(r"internal_leadership\[\d+\]", k)}
    changed = {i for i, (s, e) in leads.items() if re.search(CHANGED_RE.pattern + r"[^,。;]{0,6}领导职数", text[max(0, s - 4):e])}
    if changed:
        b.drop_items("internal_leadership", changed)
    # a 编制 stated for a body under the unit
    if data["staffing"]:
        spans = {int(k[9:-1]): (s, e) for k, s, e in b.spans if re.fullmatch(r"staffing\[\d+\]", k)}
        drop = {i for i, (s, _e) in spans.items()
                if UNDER_STAFFING_RE.search(text[max(0, text.rfind("。", 0, s) + 1):s + 4])}
        if drop:
            b.drop_items("staffing", drop)
