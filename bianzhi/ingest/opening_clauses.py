"""Clause rules for the opening sections of budget and final-accounts notes (issue 12, split `heldout30`).

A 部门预算/部门决算 note's first part (“部门基本情况 / 机构设置 / 人员构成 / 主要职能”) names the unit's internal bodies in
more wordings than a 三定 does. The first run of `heldout30` showed the parser missing these shapes:

- bodies after a count whose class word has no “个” and a “;” or “:” after it: “X内设7室;A、B(…)、C”;
- bodies after “机构设置:设有A、B…” with no count at all;
- a count sentence, then the bodies it counts in the next one: “校内设二十一个职能科室,…实际设有十六个。主要有A、B(C)…”;
- bodies in groups of a kind, each with its count and “即”: “设置综合办事机构1个,即X;工作机构4个,即A、B、C、D;
  设置…事业单位1个,即Y” (the 事业单位 group is none of them);
- a bracket after a body that lists what the body holds (“借阅部(综合阅览室、青少年阅览室…)”) is no second name;
- the bodies' own duties “X的主要职责为:⏎1.…” under two or more such headings are not the unit's;
- the unit named on a cover line “单位名称:X(本级)”, the first of a joint subject “X、Y(…)是…”, a cover over two lines
  “2024年度X(部门)⏎公开文档” (its title, joined with a space);
- a title line “X2026年部门预算公开目录” is the title as a whole (the 目录 glued to it ends the line);
- (heldout30b) a PDF page footer run into a paragraph (“…迷信; — 1 — (5)执行…”) is a line break; bodies listed after a
  count and a colon when the count is the number of names (“机关设置4个科室:疾控门诊、卫生监测科、计免科、后勤科”), after
  “本单位内部设置了A、B、C等”; a purpose clause before the class (“是由政府举办实施…的纯公益性全额拨款事业单位”); duties
  “(一)…(二)…” right after the 2019 formula sentence with no “主要职责是:”; the one numbered duty under a duty heading
  that the page cut off; an article on a kind of body (“行业协会作为…”) names no unit and no bodies;
- a staffing kind stated with the count 0 (“行政编制0人”) is none the unit holds.

Kept apart from `clauses`, `budget_clauses` and the other rule modules; the parser calls `apply` once, after its other
rules. Every rule works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .budget_clauses import description_items
from .clauses import BODY_SUFFIX, CJK, UNIT_SUFFIX, Found
from .webcopy_clauses import _set

# what a list item may be: a body's name, with its bracketed second name kept
# (a verb may open a name here, “组织人事科”: the list follows a word that announces bodies)
NAME_RE = re.compile(r"(?!负责|承担|根据|按照|加挂|挂|其他|其中|主要|职责|是|为|包括|以及|分别)[" + CJK + r"]{2,20}?(?:" + BODY_SUFFIX[3:-1] + r"|库|馆|会|组)(?:\([^()、]{1,20}\))?")
# “内设7室;A、B…”, “内设科室4个;A、…”: the count and class word, then “;”/“:” and the list
COUNT_SEMI_RE = re.compile(r"内设\s*(?:" + NUM + r"\s*(?:个)?(?:科室|股室|处室|部室|职能科室|室|科|股|部|处)|"
                           r"(?:科室|股室|处室|部室)\s*" + NUM + r"\s*个)\s*[;:]\s*(?P<list>[^。;:\n]{2,600})")
# “机构设置:设有A、B…” (no count)
SETUP_COLON_RE = re.compile(r"机构设置\s*:\s*(?:设有|内设|下设)(?!\s*" + NUM + r"\s*个)(?P<list>[^。;:\n]{2,600})")
# “…设有十六个职能科室。主要有A、B…”
MAIN_ONES_RE = re.compile(r"(?:设有|内设|设)\s*" + NUM + r"\s*个(?:职能|业务|内设)?(?:科室|股室|处室|部室|机构|部门)\s*。\s*"
                          r"(?:主要|分别)(?:有|为|是|包括)\s*:?\s*(?P<list>[^。;:\n]{2,600})")
# “(设置)综合办事机构1个,即X;工作机构4个,即A、B…”
GROUP_RE = re.compile(r"(?P<kind>综合办事机构|工作机构|内设机构|职能机构|办事机构|业务机构|职能部门)\s*" + NUM + r"\s*个\s*,?\s*即\s*:?"
                      r"(?P<list>[^。;:\n]{2,400})")
# a heading for one body's duties: “区政协办公室的主要职责为:”
BODY_DUTY_HEAD_RE = re.compile(r"(?m)^[ \t]*(?P<b>[" + CJK + r"()]{2,30}?" + BODY_SUFFIX + r")的(?:主要)?职责(?:为|是|有)?\s*:[ \t]*$")
# a cover line naming the unit: “单位名称:北京市通州区档案馆(本级)”
NAMED_UNIT_RE = re.compile(r"(?m)^[ \t]*(?:单位|部门)名称\s*:\s*(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")"
                           r"(?:\((?:本级|部门|汇总|机关本级)\))?[ \t]*(?:目[ \t]*录)?[ \t]*$")
# a cover over two lines: “2024年度X(部门)⏎公开文档”
COVER2_RE = re.compile(r"(?m)^[ \t]*(?P<l1>\d{4}年度?(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")(?:\((?:本级|部门|汇总)\))?)[ \t]*\n"
                       r"[ \t]*(?P<l2>公开文档|(?:部门|单位)?(?:预算|决算)(?:公开|公开说明|情况说明)?)[ \t]*$")


# a budget report's table row read as a body (the parser drops these later): “基本支出”, “项目支出”
BUDGET_ROW_RE = re.compile(r"(?:支出|收入|预算|决算|结余|结转|拨款)$")
# the 2019 formula sentence, also in a city's wording (“坚持和加强市委对应急管理工作的统一领导”)
FORMULA_RE = re.compile(r"贯彻(?:落实|执行)(?:党中央|中央|中共中央)[^。\n]{0,160}?在履行职责过程中坚持和加强[^。\n]{1,60}?(?:集中)?统一领导。?")
# “延安市社科联是在…领导下的…群众团体,”: a short form of the unit as the subject of its class
SHORT_SUBJECT_NATURE_RE = re.compile(r"(?:^|(?<=[\s。;:]))(?P<s>[" + CJK + r"]{3,12}?)是(?P<n>[^,。;:\n]{4,40}?(?:团体|组织|单位|机关|部门|机构))(?=[,。;])")
# a PDF's page footer run into the text: “— 1 —”, “- 12 -”
PAGE_MARK_RE = re.compile(r"(?<=\s)(?:—|－|-){1,2}[ \t]*\d{1,3}[ \t]*(?:—|－|-){1,2}(?=\s)")
# a counted list after a colon: “机关设置4个科室:A、B、C、D。”
COUNTED_COLON_RE = re.compile(r"(?:设置|设有|内设|下设)\s*(?P<n>" + NUM + r")\s*个(?:职能)?(?:科室|股室|处室|部室|内设机构|部门)\s*:"
                              r"(?P<list>[^。;:\n]{2,300})")
# “本单位内部设置了A、B、C等,”
INNER_SETUP_RE = re.compile(r"内部设置(?:了|有)(?P<list>[^。;:\n]{2,300}?)等")
# “是由政府举办实施…的纯公益性全额拨款事业单位”: the class after the purpose clause
RUN_BY_NATURE_RE = re.compile(r"^由[" + CJK + r"]{2,8}?举办(?:的)?(?:实施|承担|从事|开展|提供|负责)[^。]{2,80}的(?P<c>[" + CJK + r"]{2,16}?事业单位)$")
# the heading of the unit's duties, no number of its own or a section number: “(一)部门主要职责”
DUTY_HEADING_LINE_RE = re.compile(r"(?m)^[ \t]*(?:\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)?[ \t]*(?:(?:部门|单位)?主要|部门|单位)(?:职责|职能)[ \t]*:?[ \t]*$")
# an article on a kind of body: its subject is the kind's name alone
KIND_UNIT_RE = re.compile(r"(?:行业|专业)?(?:协会|学会|商会|社会组织|社会团体|基金会)")


def drop_page_marks(text: str) -> str:
    """The text with every page footer run into it turned into a line break (the same length: offsets stay valid)."""
    return PAGE_MARK_RE.sub(lambda m: "\n" + " " * (len(m.group(0)) - 1), text)


def _items(text: str, start: int, value: str, cut_at_end: bool) -> list[Found]:
    """The names of a “、”-list at `start` (a “、” inside brackets does not split; a bracket that itself lists things is
    what the body holds, not its name); every item must be a body's name, or nothing. The last item is dropped when the
    list runs to the end of the text (the page cut off inside it)."""
    value = re.split(r"(?<=[" + CJK + r")\]])\s*(?:等|共)\s*" + NUM + r"\s*个", value)[0]
    pieces, depth, begin = [], 0, 0
    for i, ch in enumerate(value + "、"):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            pieces.append((begin, value[begin:i]))
            begin = i + 1
    if begin < len(value):  # a bracket left open by the page's end: “函授分院(对外培训中”
        pieces.append((begin, value[begin:]))
    if cut_at_end and start + len(value) >= len(text.rstrip()) - 1:
        pieces = pieces[:-1]
    out = []
    for n, (off, piece) in enumerate(pieces):
        lead = len(piece) - len(piece.lstrip())
        name = piece.strip().rstrip("。,")
        if n == len(pieces) - 1:
            name = re.sub(r"^(.{2,}?" + BODY_SUFFIX + r")和", r"\1、", name)
            if "、" in name:  # “…股和社区矫正管理股”
                first, second = name.split("、", 1)
                if NAME_RE.fullmatch(first) and NAME_RE.fullmatch(second):
                    out.append(Found(first, start + off + lead, start + off + lead + len(first)))
                    s2 = start + off + lead + len(first) + 1
                    out.append(Found(second, s2, s2 + len(second)))
                    continue
        holds = re.fullmatch(r"(?P<n>[^()\[\]]+?)[(\[].*、.*[)\]]", name)  # “借阅部(综合阅览室、…)”
        if holds:
            name = holds["n"]
        if not NAME_RE.fullmatch(name):
            return []
        out.append(Found(name, start + off + lead, start + off + lead + len(name)))
    return out if len(out) >= 2 else []


def note_bodies(text: str, unit: str | None) -> list[Found]:
    """A budget note's bodies in the shapes above, or nothing. Lists after “机构设置:设有” and after a count sentence need
    the text's unit (an explainer on a kind of body names the bodies of none)."""
    out: list[Found] = []
    for m in GROUP_RE.finditer(text):  # a group of one is its one name
        one = m["list"].strip()
        out += _items(text, m.start("list"), m["list"], False) or \
            ([Found(one, m.start("list"), m.start("list") + len(one))] if NAME_RE.fullmatch(one) else [])
    if len(out) >= 2:
        return out
    if unit:  # “机关设置4个科室:A、B、C、D”: names that need no body's suffix when they are as many as the count
        for m in COUNTED_COLON_RE.finditer(text):
            names = [n.strip() for n in m["list"].split("、")]
            if to_int(m["n"]) == len(names) and all(re.fullmatch(r"[" + CJK + r"]{2,12}", n) for n in names):
                out, pos = [], m.start("list")
                for piece in m["list"].split("、"):
                    lead = len(piece) - len(piece.lstrip())
                    out.append(Found(piece.strip(), pos + lead, pos + lead + len(piece.strip())))
                    pos += len(piece) + 1
                return out
    rules = [COUNT_SEMI_RE] + ([SETUP_COLON_RE, MAIN_ONES_RE, INNER_SETUP_RE] if unit else [])
    for rx in rules:
        m = rx.search(text)
        if m is not None:
            found = _items(text, m.start("list"), m["list"], True)
            if found:
                return found
    return []


# a line that opens a section: “(一)职能职责”, “二、机构设置”, “X的主要职责为:” (not a numbered item “1.…”)
SECTION_LINE_RE = re.compile(r"(?m)^[ \t]*(?![0-9]+[.、)])[^\n]{0,30}?(?:职责|职能|设置|情况|概况)[^\n]{0,6}?[ \t]*$")


def other_bodies_duties(text: str, spans: list, unit: str | None) -> set[int]:
    """Indexes of the unit's duties that stand under a heading for one body's duties (“X的主要职责为:”), when the text has
    such headings for two or more bodies that are not the unit; a later section heading ends a body's duties."""
    heads = [m for m in BODY_DUTY_HEAD_RE.finditer(text) if not (unit and (m["b"] == unit or unit.endswith(m["b"])))]
    if len({m["b"] for m in heads}) < 2:
        return set()
    body_ends = {m.end() for m in heads}
    sections = sorted({m.end() for m in SECTION_LINE_RE.finditer(text)} | body_ends)
    out = set()
    for key, s, _e in spans:
        m = re.fullmatch(r"duties\[(\d+)\]", key)
        last = max((x for x in sections if x <= s), default=None)
        if m is not None and last in body_ends:
            out.add(int(m[1]))
    return out


def formula_duties(text: str) -> list[Found]:
    """“X贯彻落实党中央关于…的集中统一领导。⏎(一)负责…⏎(二)拟订…”: the lines “(一)…” in order right after the 2019
    formula sentence are the unit's duties, also when a clerk dropped “主要职责是:” (the last one may be cut off)."""
    m = FORMULA_RE.search(text)
    if m is None:
        return []
    rest = re.match(r"[^\n]*\n", text[m.end():])
    pos = m.end() + (rest.end() if rest else 0)
    out: list[Found] = []
    for line in re.finditer(r"[^\n]*(?:\n|$)", text[pos:]):
        lm = re.match(r"[ \t]*\((?P<n>[一二三四五六七八九十]{1,3})\)(?P<d>[^\n]+)", line.group(0))
        if lm is None or to_int(lm["n"]) != len(out) + 1:
            break
        s = pos + line.start() + lm.start("d")
        out.append(Found(lm["d"].strip(), s, s + len(lm["d"].strip())))
        if not line.group(0).endswith("\n"):
            break
    return out if len(out) >= 2 else []


def lone_cut_duty(text: str) -> list[Found]:
    """“(一)部门主要职责⏎1.疾病预防与控制:开展…” cut off by the page inside item 1: that one item is a duty (not a
    description of the unit: “1.X馆系…”)."""
    heads = list(DUTY_HEADING_LINE_RE.finditer(text))
    if not heads:
        return []
    after = text[heads[-1].end():]
    m = re.match(r"\s*\n[ \t]*(?:1[.、]|\(一\))(?P<d>[^\n]{4,})\s*$", after)  # (or “(一)…” cut, heldout38)
    if m is None or description_items([m["d"]]):
        return []
    s = heads[-1].end() + m.start("d")
    return [Found(m["d"].strip(), s, s + len(m["d"].strip()))]


def _short_form_of(short: str, unit: str) -> bool:
    """“延安市社科联” of “延安市社会科学界联合会”: the same place, then the rest's characters in the full name's order."""
    place = re.match(r"^[" + CJK + r"]{1,6}?[省市县区州旗]", unit)
    if place is None or not short.startswith(place.group(0)) or short == unit:
        return False
    rest, full = short[len(place.group(0)):], unit[len(place.group(0)):]
    it = iter(full)
    return len(rest) >= 2 and rest != full and rest[0] == full[0] and all(ch in it for ch in rest)


def short_subject_nature(text: str, unit: str) -> Found | None:
    for m in SHORT_SUBJECT_NATURE_RE.finditer(text):
        if _short_form_of(m["s"], unit):
            return Found(m["n"], m.start("n"), m.end("n"))
    return None


def named_unit(text: str) -> Found | None:
    m = NAMED_UNIT_RE.search(text[:1500])
    return Found(m["u"], m.start("u"), m.end("u")) if m is not None else None


def joint_first(text: str, start: int, value: str) -> Found | None:
    """“中共黄石市委党校、黄石市行政学院(…)是…”: the unit read as the second of two names joined by “、” at the start of
    the clause is the first."""
    if start <= 0 or text[start - 1] != "、":
        return None
    m = re.search(r"(?:^|(?<=[\n。;:]))[ \t]*(?P<a>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")$", text[max(0, start - 40):start - 1])
    if m is None or re.match(r"^(?:各|有关|本|该|我)", m["a"]) or re.search(r"(?:工委|党委|党组|委员会)$", m["a"]):
        return None  # (“中共X街工委、X街办事处…是…派出机构”: the party committee and the office it heads — the office)
    base = max(0, start - 40)
    return Found(m["a"], base + m.start("a"), base + m.end("a"))


def cover_title(text: str) -> tuple[Found, Found] | None:
    m = COVER2_RE.search(text[:1200])
    if m is None:
        return None
    return Found(m["l1"] + " " + m["l2"], m.start("l1"), m.end("l2")), Found(m["u"], m.start("u"), m.end("u"))


def _unit_span(b) -> Found | None:
    value = b.data.get("unit")
    return next((Found(value, s, e) for k, s, e in b.spans if k == "unit"), None) if value else None


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`, `add_bodies()`)."""
    data = b.data
    current = _unit_span(b)
    if current is not None and text[current.start:current.end] == current.value:
        _set(b, "unit", joint_first(text, current.start, current.value), replace=True)
    named = named_unit(text)
    if named is not None and (not data.get("unit") or (named.value != data["unit"] and named.value.endswith(data["unit"]))):
        _set(b, "unit", named, replace=True)
    title = next((Found(data["title"], s, e) for k, s, e in b.spans if k == "title"), None) if data.get("title") else None
    if title is not None and text[title.start:title.end] == title.value and re.search(r"(?:预算|决算|公开|说明)$", title.value) \
            and re.match(r"目录[ \t]*(?:\n|$)", text[title.end:]):  # the title line “X2026年部门预算公开目录” as a whole
        _set(b, "title", Found(title.value + "目录", title.start, title.end + 2), replace=True)
    cover = cover_title(text)
    if cover is not None and not data.get("title") and (not data.get("unit") or data["unit"] == cover[1].value):
        _set(b, "title", cover[0])
        if not data.get("unit"):
            _set(b, "unit", cover[1])
    drop = other_bodies_duties(text, b.spans, data.get("unit"))
    if drop:
        b.drop_items("duties", drop)
    if data.get("unit") and KIND_UNIT_RE.fullmatch(data["unit"]):  # “行业协会作为连接政府…”: an article on a kind
        for key in ("unit", "nature", "rank", "short_name"):
            data[key] = None
        data["internal_bodies"] = []
        b.meta.pop("numbered_bodies", None)
        b.spans = [sp for sp in b.spans if re.split(r"[\[.]", sp[0])[0] not in ("unit", "nature", "rank", "short_name", "internal_bodies")]
    if data.get("unit") and not data.get("nature"):  # “延安市社科联是在…领导下的…群众团体”
        _set(b, "nature", short_subject_nature(text, data["unit"]))
    if data.get("nature"):
        m = RUN_BY_NATURE_RE.match(data["nature"])
        span = next(((s, e) for k, s, e in b.spans if k == "nature"), None)
        if m is not None and span is not None and text[span[0]:span[1]] == data["nature"]:
            _set(b, "nature", Found(m["c"], span[0] + m.start("c"), span[1]), replace=True)
    if data.get("unit") and not data["duties"]:
        for found in formula_duties(text) or lone_cut_duty(text):
            data["duties"].append(found.value)
            b.span(f"duties[{len(data['duties']) - 1}]", found.start, found.end)
    rows = [x for x in data["internal_bodies"] if BUDGET_ROW_RE.search(x.get("name") or "")]
    if not data["internal_bodies"] or len(rows) == len(data["internal_bodies"]):  # (“基本支出”, “项目支出”: a report's rows)
        found = note_bodies(text, data.get("unit"))
        if found:
            data["internal_bodies"] = []
            b.meta.pop("numbered_bodies", None)
            b.spans = [sp for sp in b.spans if not sp[0].startswith("internal_bodies[")]
            b.add_bodies(found)
    if any(s.get("count") == 0 for s in data["staffing"]):  # “本部门行政编制0人,…事业编制30人”
        b.drop_items("staffing", {i for i, entry in enumerate(data["staffing"]) if entry.get("count") == 0})
