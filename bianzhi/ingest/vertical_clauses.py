"""Clause rules for vertically managed bodies and their local offices (issue 12, split `heldout27`).

What the first run of `heldout27` (气象局 self-descriptions and encyclopedia entries, a 调查队 described in a news item, a
邮政管理局's 揭牌, a Q&A taking one 邮政管理局 as its example, a 2000 notice on a new 省通信管理局, a Q&A listing 国家税务总局's
bodies, a Q&A on 国家移民管理局's level) showed the parser missing, in their shapes:
bodies as “X:” lines each over its duty after a counted lead-in (“设13个内设机构,正司局级,主要职责包括:”); an inline list
after “内部设立” / “内设N个管理机构:” whose items carry a note in brackets (“办公室(含人事政工、政策法规)”, “业务科(下设测报组、
…)”) and which ends at a second counted list or is cut by the page; a unit whose description starts “X的前身是Y,简称Z,是…”
(the short name is the former name's); a 揭牌 news item's “X成立揭牌仪式…举行”; an example “以X为例,其内设机构为A、B和C
三个处室”; an encyclopedia lead “X(EnglishName)是…的副部级直属事业单位” after the heading; a notice's “撤销A,成立省X。”
completed from the full name in a cited title and its “为正局(厅)级建制”; “X于2018年4月2日成立,是Y下属单位”.

Kept apart from the other rule modules; the parser calls `apply` once, after the heldout26 rules. Every rule works on the
NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import BODY_SUFFIX, CJK, NATURE_NOUN, RANK, UNIT_SUFFIX, Found
from .restate_clauses import NOT_PLACE_RE
from .webcopy_clauses import NOT_A_NAME_RE, PLACE_CHARS_RE, _clear, _set

# “国家税务总局设13个内设机构,正司局级,主要职责包括:”: bodies follow as “X:” lines
COUNTED_LEAD_RE = re.compile(r"(?:设|内设|下设|设有)[ \t]*(?P<n>" + NUM + r")[ \t]*个[ \t]*(?:内设机构|司局|职能司局|处室|科室|股室|"
                             r"职能部门|部门|机构)")
COLON_LINE_RE = re.compile(r"^[ \t]*(?P<name>[" + CJK + r"]{2,20}?" + BODY_SUFFIX + r")[ \t]*[:：][ \t]*$")
# a new part of the text: “二、地方层面机构设置”
PART_RE = re.compile(r"^[ \t]*[一二三四五六七八九十]+、")

# an inline list after its lead-in: “内部设立A(下设…)、B、C及D”, “州局内设3个管理机构:A(含…)、B、C,4个直属事业单位:…”,
# “其内设机构为A、B和C三个处室”
INLINE_LEAD_RE = re.compile(r"(?:内部设立|内部设有|内部设置|内设(?:" + NUM + r"个)?(?:管理机构|职能科室|职能机构|科室|股室|处室)[:：]"
                            r"|内设机构(?:为|是|有)[:：]?)")
# a note in brackets after a body's name: “(含人事政工、政策法规)”, “(下设测报组、预报服务组)”
NOTE_RE = re.compile(r"[(（](?:含|下设|包括|负责)[^()（）]{0,40}[)）]")
# what ends the list: a second counted list (“,4个直属事业单位:”), a count of the list (“三个处室”), a stop
LIST_END_RE = re.compile(r"[,，;；。\n]|(?:" + NUM + r"|[一二三四五六七八九十]+)个(?:处室|科室|股室|部门|机构)")

# “国家统计局伊川调查队的前身是国家统计局伊川县农村社会经济调查队,简称农调队,是…”
FORMER_RE = re.compile(r"的前身(?:是|为)")
FORMER_SHORT_RE = re.compile(r"的前身(?:是|为)[^,，。;；\n]{2,40}[,，][ \t]*" + name_forms.SHORT_WORD + r"[ \t]*" + name_forms.short_value("s", 2, 10))

# “深圳市邮政管理局成立揭牌仪式在深圳市福田区隆重举行”, “为X成立揭牌”
CEREMONY_RE = re.compile(r"(?:^|(?<=[\n。;,，]))[ \t]*(?:\d{1,2}月\d{1,2}日(?:上午|下午)?[,，]?)?(?P<u>[" + CJK + r"()]{3,40}?"
                         + UNIT_SUFFIX + r")(?:成立|正式)?(?:揭牌|挂牌)(?:成立)?仪式")
# a level of body, not a unit: “市(地)一级邮政管理局”, “一级邮政管理局”
LEVEL_KIND_RE = re.compile(r"^(?:[" + CJK + r"]{1,2}\([" + CJK + r"]{1,2}\))?[一二三四五]级")

# “以合肥市邮政管理局为例,其内设机构为…”
EXAMPLE_RE = re.compile(r"以(?P<u>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")为例[,，][ \t]*其")

# an encyclopedia lead with an English name in brackets: “中国气象局(ChinaMeteorologicalAdministration)是…的副部级直属事业单位”
LATIN_LEAD_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")[ \t]*[(（][A-Za-z][A-Za-z .,'&-]{3,80}[)）]"
                           r"[ \t]*(?:是|为)(?P<n>[" + CJK + r"]{2,40}?的[" + CJK + r"]{0,12}?(?:事业单位|行政机构|直属机构|国家局|机构|部门|机关))"
                           r"(?=[,，。;；])")

# “撤销省邮电管理局,成立省通信管理局。”: the new body of a reorganisation
REPLACED_RE = re.compile(r"撤销[" + CJK + r"]{2,30}?" + UNIT_SUFFIX + r"[,，][ \t]*(?:成立|组建|设立)(?P<u>[" + CJK + r"]{3,30}?"
                         + UNIT_SUFFIX + r")(?=[。;；,，]|$)")
# “省通信管理局是以信息产业部领导为主,接受信息产业部与省政府双重领导的行政机构,为正局(厅)级建制。”
LED_NATURE_RE = r"[ \t]*是(?P<n>以[^。;；\n]{2,60}?的(?:行政机构|事业单位|机构|部门|机关))(?=[,，。;；])"
DUAL_RANK_RE = re.compile(r"为(?P<r>(?:正|副)(?:局[(（]厅[)）]|厅[(（]局[)）]))级(?:建制|规格)?")

# “国家移民管理局于2018年4月2日成立,是中华人民共和国公安部下属单位”
FOUNDED_IS_RE = r"于\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:正式)?(?:成立|组建|挂牌)[,，][ \t]*是(?P<n>[" + CJK + r"]{2,30}?(?:下属|直属|管理的|领导的)" \
                r"(?:单位|机构|事业单位|行政机构))(?=[,，。;；])"

# a heading line of duties alone (“机构职责”, “主要职责:”), the duties “(一)…” under it, blank lines between them
DUTY_HEADING_RE = re.compile(r"^[ \t]*(?:机构|主要|工作|部门|单位)?职责[ \t]*[:：]?[ \t]*$")
DUTY_ITEM_RE = re.compile(r"^[ \t]*[(（](?P<n>[一二三四五六七八九十]+)[)）][ \t]*(?P<d>\S.*?)[ \t]*$")
CN_ORDER = "一二三四五六七八九十"

# an infobox pasted as label-value lines without bars: “机构类型国务院直属事业单位中国气象局的直属事业单位(依法…)”
INFOBOX_TYPE_RE = re.compile(r"(?m)^[ \t]*机构类型[ \t:：]*(?P<n>[" + CJK + r"]{2,40}?" + NATURE_NOUN + r")(?:[(（][^()（）\n]{0,40}[)）])?"
                             r"[ \t]*$")
# a class that is only a rank (“正厅局级事业单位”): the 南县 convention reads it as a rank, no nature
RANK_ONLY_NATURE_RE = re.compile(r"^(?:正|副)?[部厅局司处县科股]{1,2}级(?:事业单位|单位|机构)$")
# a rank in the 司局/厅局 wording of the central bodies: the platform's 正厅级 / 副厅级
BUREAU_RANK_RE = re.compile(r"^(?P<d>正|副)(?:司局|厅局)级$")

# a site's label over an abstract, not a document's title
SITE_LABEL_TITLE_RE = re.compile(r"^(?:论文|文章|全文)?(?:部分)?内容(?:阅读|预览)$")


def colon_line_bodies(text: str) -> list[Found]:
    """Bodies as “X:” lines, each over its duty, after a counted lead-in (“设13个内设机构,…主要职责包括:”); at most the
    count, up to the next part of the text (“二、…”)."""
    lead = COUNTED_LEAD_RE.search(text)
    if lead is None:
        return []
    count = to_int(lead["n"]) or 0
    pos = text.find("\n", lead.end())
    out: list[Found] = []
    while pos != -1 and len(out) < count:
        start = pos + 1
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        if PART_RE.match(line):
            break
        m = COLON_LINE_RE.match(line)
        if m is not None:
            out.append(Found(m["name"], start + m.start("name"), start + m.end("name")))
        pos = end
    return out if len(out) >= 2 else []


def heading_duties(text: str) -> list[Found]:
    """Duties “(一)…”, “(二)…” in order under a heading line of their own (“机构职责”), blank lines between them; the
    list ends at the first other line."""
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        if DUTY_HEADING_RE.match(line):
            out: list[Found] = []
            p = pos + len(line) + 1
            for nxt in lines[i + 1:]:
                if nxt.strip():
                    m = DUTY_ITEM_RE.match(nxt)
                    expected = CN_ORDER[len(out)] if len(out) < len(CN_ORDER) else None
                    if m is None or m["n"] != expected:
                        break
                    out.append(Found(m["d"], p + m.start("d"), p + m.end("d")))
                p += len(nxt) + 1
            if len(out) >= 2:
                return out
        pos += len(line) + 1
    return []


def _split_items(chunk: str) -> list[tuple[str, int, int]]:
    """Items of “A(…)、B、C及D”, split on 、/和/及 outside brackets, with their offsets in `chunk`."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(chunk):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "、和及":
            items.append((chunk[start:i], start, i))
            start = i + 1
    items.append((chunk[start:], start, len(chunk)))
    return items


def inline_bodies(text: str) -> list[Found]:
    """The bodies of “内部设立A(下设…)、B、C及D…” / “内设3个管理机构:A(含…)、B、C,4个…” / “其内设机构为A、B和C三个处室”:
    the note in brackets dropped, an item cut by the page (the text ends inside it) no body."""
    for lead in INLINE_LEAD_RE.finditer(text):
        rest = text[lead.end():]
        # find the list's end outside brackets
        depth, end = 0, len(rest)
        for i, ch in enumerate(rest):
            if ch in "(（":
                depth += 1
            elif ch in ")）":
                depth = max(0, depth - 1)
            elif depth == 0 and LIST_END_RE.match(rest, i):
                end = i
                break
        chunk = rest[:end]
        cut = not rest[end:].strip()  # the text ends inside the list: its last item is cut by the page
        items = _split_items(chunk)
        if cut:
            items = items[:-1]
        out = []
        for raw, s, _e in items:
            name = NOTE_RE.sub("", raw).strip()
            if not re.fullmatch(r"[" + CJK + r"]{2,20}?" + BODY_SUFFIX, name):
                out = []
                break
            offset = lead.end() + s + (len(raw) - len(raw.lstrip()))
            out.append(Found(name, offset, offset + len(name)))
        if len(out) >= 2:
            return out
    return []


def ceremony_unit(text: str) -> Found | None:
    """The unit of “X成立揭牌仪式…举行”, its place named."""
    for m in CEREMONY_RE.finditer(text):
        u = m["u"]
        if PLACE_CHARS_RE.search(u) and not NOT_A_NAME_RE.match(u) and not LEVEL_KIND_RE.match(u):
            return Found(u, m.start("u"), m.end("u"))
    return None


def example_unit(text: str) -> Found | None:
    """X of “以X为例,其…”, its place named: the one body a text on a kind of body describes."""
    m = EXAMPLE_RE.search(text)
    if m is None or PLACE_CHARS_RE.search(m["u"]) is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def latin_lead(text: str) -> tuple[Found, Found] | None:
    """(unit, nature) of an encyclopedia lead “X(EnglishName)是…的Y机构”."""
    m = LATIN_LEAD_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))


def replaced_unit(text: str) -> Found | None:
    """The one new body of “撤销A,成立X。”, completed from its full name elsewhere (“省X” → “黑龙江省X”)."""
    found = list(REPLACED_RE.finditer(text))
    if len({m["u"] for m in found}) != 1 or NOT_A_NAME_RE.match(found[0]["u"]):
        return None
    m = found[0]
    return _full_name(text, m["u"]) or Found(m["u"], m.start("u"), m.end("u"))


def _full_name(text: str, name: str) -> Found | None:
    """“省X” written in full in a cited title: “《关于黑龙江省X组建方案的批复》” → “黑龙江省X” (the place right after
    “关于” or “《”)."""
    if not re.match(r"^(?:省|市|县|自治区)", name):
        return None
    for m in re.finditer(re.escape(name), text):
        for k in (2, 3, 4):
            i = m.start() - k
            if i < 0:
                break
            place = text[i:m.start()]
            if not re.fullmatch(r"[" + CJK + r"]+", place) or NOT_PLACE_RE.search(place):
                break
            before = text[max(0, i - 2):i]
            if re.search(r"(?:关于|《)$", before):
                return Found(place + name, i, m.end())
    return None


def describes_new_body(text: str) -> bool:
    """A notice that replaces a body by a new one and states the new one's nature (“撤销A,成立省X。…省X是以…为主…的行政
    机构”) sets up that body: its facts are the new unit's, not changes to an existing one."""
    found = replaced_unit(text)
    if found is None:
        return False
    return led_nature(text, _short_names(found.value) + (REPLACED_RE.search(text)["u"],)) is not None


def led_nature(text: str, names: tuple[str, ...]) -> Found | None:
    """“(省)X是以A领导为主,接受A与B双重领导的行政机构” of the unit, by its name or its short form."""
    for name in names:
        m = re.search(re.escape(name) + LED_NATURE_RE, text)
        if m is not None:
            return Found(m["n"], m.start("n"), m.end("n"))
    return None


def dual_rank(text: str, names: tuple[str, ...]) -> Found | None:
    """“…,为正局(厅)级建制” in the unit's sentence: the rank 正厅级 / 副厅级 of the platform's vocabulary."""
    for m in DUAL_RANK_RE.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "。\n") + 1
        if any(name in text[start:m.start()] for name in names):
            return Found(m["r"][0] + "厅级", m.start("r"), m.end())
    return None


def founded_is_nature(text: str, unit: str) -> Found | None:
    """“X于2018年4月2日成立,是Y下属单位”: the nature of the unit."""
    m = re.search(re.escape(unit) + FOUNDED_IS_RE, text)
    return None if m is None else Found(m["n"], m.start("n"), m.end("n"))


def _short_names(unit: str) -> tuple[str, ...]:
    """The unit and the form it takes under a bare level word (“黑龙江省通信管理局” → “省通信管理局”)."""
    m = re.match(r"^[" + CJK + r"]{2,4}?(省|市|县|自治区)(?P<rest>[" + CJK + r"]{2,})$", unit)
    return (unit,) if m is None else (unit, m[1] + m["rest"])


def apply(b, text: str) -> None:
    """The heldout27 rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    if data.get("title") and SITE_LABEL_TITLE_RE.match(data["title"]):  # “论文部分内容阅读”
        _clear(b, ("title",))
    unit = data.get("unit")
    if unit and FORMER_RE.search(unit):  # “X的前身是Y”: X, and Y's 简称 is not X's
        cut = FORMER_RE.search(unit).start()
        spans = [sp for sp in b.spans if sp[0] == "unit"]
        _clear(b, ("unit",))
        if spans:
            _set(b, "unit", Found(unit[:cut], spans[0][1], spans[0][1] + cut), replace=True)
        else:
            data["unit"] = unit[:cut]
        m = FORMER_SHORT_RE.search(text)
        if m is not None and data.get("short_name") == m["s"]:
            _clear(b, ("short_name",))
    unit = data.get("unit")
    if unit and LEVEL_KIND_RE.match(unit):  # “市(地)一级邮政管理局的主要职责是”: a level of body
        _clear(b, ("unit", "nature", "rank"))
    example = example_unit(text)
    if example is not None and data.get("unit") != example.value:
        before = example.start
        _set(b, "unit", example, replace=True)
        # what the text says before its example is said of the kind (“邮政管理局作为…的监管机构”)
        for key in ("nature", "rank"):
            if any(sp[0] == key and sp[1] < before for sp in b.spans):
                _clear(b, (key,))
    if not data.get("unit"):
        found = ceremony_unit(text)
        if found is not None:
            _set(b, "unit", found, replace=True)
    if not data.get("unit"):
        lead = latin_lead(text)
        if lead is not None:
            _set(b, "unit", lead[0], replace=True)
            _set(b, "nature", lead[1], replace=True)
            rank = re.search(RANK, lead[1].value)
            if rank is not None and not data.get("rank"):
                _set(b, "rank", Found(rank[0], lead[1].start + rank.start(), lead[1].start + rank.end()), replace=True)
    if not data.get("unit"):
        found = replaced_unit(text)
        if found is not None:
            _set(b, "unit", found, replace=True)
    unit = data.get("unit")
    if unit and unit.startswith("关于") and len(unit) > 5:  # “《关于X组建方案的批复》” read as “关于X”
        spans = [sp for sp in b.spans if sp[0] == "unit"]
        _clear(b, ("unit",))
        if spans:
            _set(b, "unit", Found(unit[2:], spans[0][1] + 2, spans[0][2]), replace=True)
        else:
            data["unit"] = unit[2:]
        unit = data.get("unit")
    bare = re.match(r"^(?:成立|组建|设立)?(?P<u>(?:省|市|县|自治区)[" + CJK + r"]{2,})$", unit or "")
    if bare is not None:  # “(成立)省通信管理局”, written in full elsewhere
        found = _full_name(text, bare["u"])
        if found is not None:
            _set(b, "unit", found, replace=True)
    unit = data.get("unit")
    if unit:
        names = _short_names(unit)
        if not data.get("nature"):
            _set(b, "nature", led_nature(text, names) or founded_is_nature(text, unit), replace=True)
        if not data.get("rank"):
            _set(b, "rank", dual_rank(text, names), replace=True)
    if not data["duties"]:
        for found in heading_duties(text):
            data["duties"].append(found.value)
            b.span(f"duties[{len(data['duties']) - 1}]", found.start, found.end)
    if data.get("unit") and (not data.get("nature") or RANK_ONLY_NATURE_RE.match(data["nature"])):
        m = INFOBOX_TYPE_RE.search(text)
        if m is not None:
            _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")), replace=True)
    if data.get("rank"):  # “正司局级”, “正厅局级” (also when only its “局级” was read)
        span = next((sp for sp in b.spans if sp[0] == "rank"), None)
        whole = text[max(0, span[1] - 2):span[2]] if span is not None else ""
        m = BUREAU_RANK_RE.match(data["rank"]) or BUREAU_RANK_RE.match(whole)
        if m is not None:
            data["rank"] = m["d"] + "厅级"
    colon = colon_line_bodies(text)
    inline = [] if colon else inline_bodies(text)
    new = colon or inline
    if new:
        have = [body["name"] for body in data["internal_bodies"]]
        plain = [NOTE_RE.sub("", h) for h in have]
        # replace what was read when it is empty or a part of this list (a note kept, the last item lost, a lead-in word)
        if have != [f.value for f in new] and (not have or all(p in {f.value for f in new} or any(p.endswith(f.value) for f in new)
                                                             for p in plain)):
            if len(new) >= len(have):
                duties = {NOTE_RE.sub("", body["name"]): body.get("duties") or "" for body in data["internal_bodies"]}
                _clear(b, ("internal_bodies",))
                for found in new:  # a body read before keeps the duties read with it
                    b.add_bodies([found], duties.get(found.value, ""))
