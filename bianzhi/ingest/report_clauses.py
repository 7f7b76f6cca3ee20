"""Reports, 请示, news, entries and chronicles that name one unit in passing (issue 12, `heldout39`).

The last three unseen splits (heldout_final14–16) and the first run of `heldout39` lost most on texts that are no
三定 at all but state one unit's facts in running prose: a report to a superior (“关于…的汇报”), a 请示 with its 文号
and date, a news item on one unit's ceremony, an article taking one unit as its example, an encyclopedia entry, a
chronicle's history of one office; and on negatives that state many units' staffing at once. Each rule below reads a
shape of wording, never a text; each is tested on other wordings (`tests/test_report_clauses.py`):

- a 请示's or 汇报's own title line (“关于…的请示”, also over two lines), its 文号 on a line of its own (brackets lost to
  “?” or written “[ ]”) and its date line at the end (“二〇一〇年八月三十一日”);
- the unit a 请示 is about when it speaks as “我局”: the body of the 方案 it sends (“《X所属事业单位…方案》”);
- a unit named in a sentence of a report or chronicle: “市城管综合执法局是2004年…成立的”, “X成立于1987年,它是Y团体”
  (the nature), a chronicle's last name “…,更名为X(馆)。”, “以X为例,…” (an article's example), “X市举行Y挂牌仪式”,
  a page's breadcrumb “位置:X>>…”, an entry's “词条 X” line, a heading “X机构设置(2019年5月)”, a 决算 目录's
  “(一)X汇总 … (二)X本级”;
- bodies in a run: “内设多个科室,包括A、B…等”, “下设A、B、C等20余个职能处室”, “内设6部1室,A、B、…、G” (as many as
  counted), an entry's “。设A、B、C、D。”;
- a rules text (“第八条 设置机构和核定编制的原则”…) has no duties: its “(一)…(二)…” are its own clauses; its subject
  “X设部长1名” names the unit;
- negatives: several units of one kind in one list (“A林业局、B林业局和C林业局由…全部调整为…”) make no unit; a staffing
  figure stated for every town or the whole county (“每个乡镇定编35人”, “全市乡镇党政机构行政编制556人”) is no unit's.

Kept apart from the other rule modules; the parser calls `apply` once, after `clerknote_clauses`.
"""
from __future__ import annotations

import re

from .clauses import BODY_SUFFIX, CJK, RANK, UNIT_SUFFIX, Found, collective_subject
from .group_clauses import SHORT_FULL
from .webcopy_clauses import _set

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLACE = r"(?:[" + CJK + r"]{1,10}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区)|[市县区州])"
_NAME = r"[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX

# a 请示's or 汇报's title line: “关于成立县融媒体中心机构的请示”
REQUEST_TITLE_RE = re.compile(r"(?m)^[ \t]*(?P<t>关于[^\n。:;]{2,60}?的(?:请示|汇报))[ \t]*$")
# a title broken over two lines (blank lines between): “关于报送《X所属事业单位⏎⏎分类改革方案》的请示”
REQUEST_TITLE2_RE = re.compile(r"(?m)^[ \t]*(?P<a>关于[^\n。:;]{2,50})[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?P<b>[^\n。:;]{1,40}?的(?:请示|汇报))[ \t]*$")
# an addressee line: “市编委:”, “省委、省政府:”, “尊敬的各位领导:”
ADDRESSEE_RE = re.compile(r"[ \t]*[" + CJK + r"、()×Xx ]{2,24}[::][ \t]*$")
# a 文号 alone on its line, its brackets lost or square: “英文字?2010?8号”, “X发[2010]15号”
DOC_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<p>[" + CJK + r"]{1,10})[ \t]*[?？\[［〔【(](?P<y>(?:19|20)\d{2})[?？\]］〕】)][ \t]*(?P<n>\d{1,4})[ \t]*号[ \t]*$")
# a date alone on its line: “二〇一〇年八月三十一日”, “2010年8月31日”
DATE_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<d>(?P<y>[〇○零O一二三四五六七八九]{4}|(?:19|20)\d{2})[ \t]*年[ \t]*"
                          r"(?P<mo>[一二三四五六七八九十]{1,2}|\d{1,2})[ \t]*月[ \t]*(?P<da>[一二三四五六七八九十]{1,3}|\d{1,2})[ \t]*日)[ \t]*$")
# “《X所属事业单位分类改革方案》”: the body whose 方案 a 请示 sends
SCHEME_OF_RE = re.compile(r"《(?P<u>" + _PLACE + r"[" + CJK + r"]{2,24}?(?:局|委员会|委|办公室|办|厅|中心))(?:所属|下属|直属|机关|内设机构|机构编制|职能配置)[^》\n]{0,30}?(?:方案|规定)》")
_WE_RE = re.compile(r"我(?:局|委|办|厅|中心|馆|院|会|站|所)")

# “市城管综合执法局是2004年12月…成立的”, “X成立于1987年”, “X于1959年10月成立”
FOUNDED_RE = re.compile(r"(?:^|(?<=[\n。;!?]))[ \t]*(?P<u>(?:" + _PLACE + r")?[" + CJK + r"]{2,24}?" + UNIT_SUFFIX + r")"
                        r"(?:是|系|于|成立于|始建于|组建于|建立于)[ \t]*(?:19|20)\d{2}[ \t]*年[^。\n]{0,30}?(?:成立|组建|设立|建立|挂牌)?(?:的)?[。,,]")
# “X成立于1987年,它是在党领导下的社会群众团体,…”: the nature after a pronoun
IT_IS_RE = re.compile(r"(?:它|其|该(?:单位|机构|会|局|馆|中心))(?:是|为|系)(?P<n>[^,,。;\n]{2,30}?(?:团体|组织|事业单位|行政单位|机构|机关|部门))(?=[,,。;])")
# “南澳县残联成立之前,…”: a unit named as what existed before or since its founding
BEFORE_FOUNDED_RE = re.compile(r"(?:^|(?<=[\n。;,,]))[ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"]{1,20}?" + UNIT_SUFFIX + r")成立(?:之前|以前|前|以来|之后|后)[,,]")
# its rank where it is set up: “…分离出来,建制为正科级事业单位”
BUILT_AS_RE = re.compile(r"(?:建制为|规格为|机构规格为|级别为|定为)(?P<r>" + RANK + r")")
# a chronicle's last name for the body: “2000年,撤市设区,更名为莲都区档案局(馆)。”
_NAMED_PLACE = r"[" + CJK + r"]{1,10}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区)"
RENAMED_RE = re.compile(r"(?:19|20)\d{2}年[^。\n]{0,20}?(?:更名为|改名为|改称为?|复名为?)(?P<u>" + _NAMED_PLACE + r"[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")(?:\((?P<p>[" + CJK + r"]{1,3})\))?(?=[。;,,\n])")
# “以山东省政府办公厅为例,…”
EXAMPLE_RE = re.compile(r"以(?P<u>" + _PLACE + r"[" + CJK + r"]{2,24}?" + UNIT_SUFFIX + r")为例")
# “荆门市举行生态环境保护综合执法支队挂牌成立仪式”
CEREMONY_RE = re.compile(r"(?P<pl>[" + CJK + r"]{1,8}?[省市县区州旗])(?:在[^,,。\n]{1,12})?举行(?P<u>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")"
                         r"(?:正式)?(?:挂牌|揭牌|成立|授牌)(?:成立)?(?:仪式|大会|典礼)")
# a breadcrumb that opens with the site's own unit: “您现在的位置:明光市妇女联合会>> 走进妇联>> 内设机构”
CRUMB_HEAD_RE = re.compile(r"(?m)^[^\n]{0,8}位置[::][ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"]{2,20}?" + UNIT_SUFFIX + r")[ \t]*(?:>>|>|>|»|/)[^\n]*$")
_CRUMB_SECTION_RE = re.compile(r"(?:>>|>|>|»|/)[ \t]*(?:走进|机构|内设|概况|简介|领导|职能|首页|信息公开|组织)")
# an entry's head line without its table bars: “词条 单县图书馆”
ENTRY_LINE_RE = re.compile(r"(?m)^[ \t]*词条[ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"()]{2,24}?" + UNIT_SUFFIX + r")[ \t]*$")
# a heading that opens the page: “镇江经济开发区人民法院机构设置(2019年5月)”
SETUP_HEAD_RE = re.compile(r"^\s*(?P<u>" + _PLACE + r"[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")(?:机构设置|内设机构|组织机构)(?:\((?:19|20)\d{2}年[^()\n]{0,10}\)|(?=[ \t]*\n|[ \t]*$))")
# a 决算's 目录: “(一)随县林业局汇总 … (二)随县林业局本级”
SUMMARY_LEVEL_RE = re.compile(r"(?m)^[ \t]*\([一二三四]\)[ \t]*(?P<u>" + _PLACE + r"[" + CJK + r"]{2,24}?" + UNIT_SUFFIX + r")[ \t]*(?P<k>汇总|本级)[ \t]*$")

# bodies in a run after an uncounted or rough count: “内设多个科室,包括A、B…等”, “下设A、B、C等20余个职能处室”
_ITEM = r"[" + CJK + r"()]{1,16}?" + BODY_SUFFIX
_KIND = r"(?:职能)?(?:科室|处室|部门|机构|内设机构|部室|股室)"
ROUGH_LIST_RE = re.compile(r"(?:内设|下设|设有|设)(?:(?:多个|若干|[0-9一二三四五六七八九十]{1,3}余个|[0-9一二三四五六七八九十]{1,3}多个)?(?P<kb>" + _KIND + r")[,,]?)?"
                           r"(?:包括|主要有|有|如)?(?P<list>" + _ITEM + r"(?:、" + _ITEM + r"){1,20})等(?:多个|若干|[0-9一二三四五六七八九十]{1,3}余个|[0-9一二三四五六七八九十]{1,3}多个|[0-9一二三四五六七八九十]{1,3}个)?"
                           r"(?P<ka>" + _KIND + r")?")
# an entry's sentence of bodies with no count: “。设党支部、馆长室、文艺部、…、办公室。”
BARE_SET_RE = re.compile(r"(?:^|(?<=[。;\n]))[ \t]*(?:内设|下设|设)(?P<list>" + _ITEM + r"(?:、" + _ITEM + r"){2,20})(?=[。;])")
# counted in kinds, then named: “内设6部1室,办公室、组织部、…”
KIND_COUNT_RE = re.compile(r"(?:内设|下设|设)(?P<c>(?:[0-9一二三四五六七八九十两]{1,2}个?[部室科股处组办中心队]){1,4})[,,::][ \t*]*(?:即|分别为|分别是|为|包括)?[ \t*]*"
                           r"(?P<list>" + _ITEM + r"(?:、[ \t*]*" + _ITEM + r"){1,20})")

# an article's section of functions, each a short heading over its paragraph: “二、X工作职能⏎1. 档案收集与整理⏎X负责…”
FUNCTION_SECTION_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,2}、[ \t]*[" + CJK + r"()]{0,24}?(?:工作职能|主要职能|主要职责|职能职责|职责)[ \t]*[::]?[ \t]*$")
_FUNCTION_ITEM_RE = re.compile(r"[ \t]*(?P<n>\d{1,2})[ \t]*[.、.)][ \t]*(?P<h>[" + CJK + r"、]{2,12})[ \t]*\n[ \t]*(?P<body>[^\n]{6,})\n?")
_SECTION_END_RE = re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,2}、")


# “包括A、B、C以及D”: bodies after a rough count of a kind (“多个“组”纷纷亮相,包括…”)
INCLUDE_LIST_RE = re.compile(r"(?:多个|若干|[0-9一二三四五六七八九十]{1,3}个)[“\"]?(?:" + _KIND + r"|组|处|科|部)[”\"]?[^,,。\n]{0,6}[,,]?包括"
                             r"(?P<list>" + _ITEM + r"(?:、" + _ITEM + r"){0,20}(?:以及|和|及)" + _ITEM + r")(?=[,,。;])")
# a news headline opening with the unit: “X已有司局设立,…”, “X正式挂牌”
HEADLINE_RE = re.compile(r"^\s*(?P<u>[" + CJK + r"]{2,16}?(?:部|总局|局|委员会|署|办公室|委))(?:已|将|正式|首次|新设|设立|挂牌|揭牌|亮相|单独设置)")
# two plaques unveiled together: “随后开展了“X局”“Y办公室”揭牌仪式”
QUOTED_PLAQUES_RE = re.compile(r"(?P<q>(?:[“\"][" + CJK + r"()]{3,30}?" + UNIT_SUFFIX + r"[”\"]){2,4})(?:揭牌|挂牌|授牌)")
# a post's rank written before its title: “正局级部长助理1名”
_POST_RANK_RE = r"(?P<r>" + RANK + r")"
# a body wrapped over a scanned line: “…和普查办⏎公室。”
_WRAP_TAIL_RE = re.compile(r"\n(?P<t>[" + CJK + r"]{1,3})(?=[。;,、])")
# a rules text's titled articles: “第八条 设置机构和核定编制的原则”
RULE_ARTICLE_RE = re.compile(r"(?m)^[ \t]*第[一二三四五六七八九十百]{1,4}条[ \t]*(?P<t>[" + CJK + r"、()]{2,24})[ \t]*$")
# a rules text's subject stating the unit's own leaders: “文化部设部长1名,副部长4名”
LEADERS_OF_RE = re.compile(r"(?P<u>[" + CJK + r"]{2,16}?(?:部|局|委员会|委|厅|署|办公室|院))设(?:部长|局长|主任|厅长|署长|院长|委员长)[ \t]*[0-9一]")

# several units of one kind in one list with a collective verb: “A林业局、B林业局和C林业局由…全部调整为…”
_UNIT_ITEM = r"[" + CJK + r"]{2,16}?(?:局|委员会|中心|办公室|站|所|馆|院|队)"
SEVERAL_RE = re.compile(r"(?P<list>" + _UNIT_ITEM + r"(?:、" + _UNIT_ITEM + r"){1,20}(?:和|及|以及)" + _UNIT_ITEM + r")[^。\n]{0,40}?(?:全部|均|分别|同时|统一|一并)")
# a figure stated for every town or the whole county (“每个乡镇办事处定编35人”, “全市乡镇党政机构行政编制556人”):
# clauses.collective_subject, the check every staffing reader makes


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if "十" in s:
        a, _, b = s.partition("十")
        if (a and a not in _CN_DIGIT) or (b and b not in _CN_DIGIT):
            return None
        return (_CN_DIGIT[a] if a else 1) * 10 + (_CN_DIGIT[b] if b else 0)
    return None


def _next_line(text: str, pos: int) -> str:
    """The first non-empty line from `pos` on."""
    for ln in text[pos:pos + 200].split("\n"):
        if ln.strip():
            return ln
    return ""


def _is_first_line(text: str, pos: int) -> bool:
    return not text[:pos].strip()


def request_title(text: str) -> Found | None:
    """A 请示's or 汇报's own title: on the document's first line or over its addressee line (also broken over two lines)."""
    for m in REQUEST_TITLE2_RE.finditer(text):
        if m["a"].endswith(("的请示", "的汇报")) or "关于" in m["b"]:
            continue
        if _is_first_line(text, m.start("a")) or ADDRESSEE_RE.fullmatch(_next_line(text, m.end())):
            return Found(m["a"] + m["b"], m.start("a"), m.end("b"))
    for m in REQUEST_TITLE_RE.finditer(text):
        if _is_first_line(text, m.start("t")) or ADDRESSEE_RE.fullmatch(_next_line(text, m.end())):
            return Found(m["t"], m.start("t"), m.end("t"))
    return None


def request_doc_number(text: str, title: Found) -> Found | None:
    """A 文号 on a line of its own within five lines of the title: “英文字?2010?8号” → 英文字〔2010〕8号."""
    lo = max(0, text.rfind("\n", 0, max(0, title.start - 1)) - 300)
    for m in DOC_LINE_RE.finditer(text, lo, title.end + 300):
        if abs(m.start() - title.start) > 300:
            continue
        return Found(f"{m['p']}〔{m['y']}〕{m['n']}号", m.start("p"), m.end("n") + 1)
    return None


def request_date(text: str, title: Found) -> Found | None:
    """The date line closing a 请示 or 汇报: the first one after its title (ISO)."""
    for m in DATE_LINE_RE.finditer(text, title.end):
        y = _cn_int(m["y"].replace("O", "〇")) if not m["y"].isdigit() else int(m["y"])
        mo, da = _cn_int(m["mo"]), _cn_int(m["da"])
        if y and mo and da and 1900 < y < 2100 and 1 <= mo <= 12 and 1 <= da <= 31:
            return Found(f"{y:04d}-{mo:02d}-{da:02d}", m.start("d"), m.end("d"))
    return None


def request_unit(text: str) -> Found | None:
    """The unit a 请示 speaking as “我局” is about: the body of the 方案 it sends (“《X所属事业单位…方案》”)."""
    if not _WE_RE.search(text):
        return None
    m = SCHEME_OF_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


_PARA_HEAD_RE = re.compile(r"(?m)^[ \t]*(?P<u>" + _NAMED_PLACE + r"[" + CJK + r"]{2,16}?" + UNIT_SUFFIX + r")[ \t]*"
                           r"(?=(?:19|20)\d{2}年|始建|成立|组建|位于|前身)")


def _several_heads(text: str) -> bool:
    """A chronicle section on several offices, each paragraph opening with one's name (“中山市殡仪馆始建于…”)."""
    return len({m["u"] for m in _PARA_HEAD_RE.finditer(text)}) >= 2


def founded_unit(text: str) -> Found | None:
    """“市城管综合执法局是2004年12月…成立的”: a unit named as the subject of its founding (the first such)."""
    found = [m for m in FOUNDED_RE.finditer(text) if not re.match(r"(?:我|本|该|其|各|全|每|这)", m["u"])]
    if _several_heads(text) or len({m["u"] for m in found}) != 1:
        return None  # (several units' histories at once: no one unit)
    m = found[0]
    return Found(m["u"], m.start("u"), m.end("u"))


def before_founded_unit(text: str) -> Found | None:
    found = {m["u"]: m for m in BEFORE_FOUNDED_RE.finditer(text) if not re.match(r"[在于从自对由将把向与和]", m["u"])}
    if len(found) != 1:
        return None
    m = next(iter(found.values()))
    return Found(m["u"], m.start("u"), m.end("u"))


def full_group_name(text: str, unit: str) -> Found | None:
    """The full name of a 群团 body read in its short form (“区科协” → “沈阳市沈河区科学技术协会”), when the text gives it once."""
    for short, full in SHORT_FULL.items():
        if unit.endswith(short):
            place = unit[:-len(short)]
        elif unit.endswith(full) and unit[:-len(full)] in ("市", "县", "区", ""):
            place = unit[:-len(full)]
        else:
            continue
        names = {m.group() for m in re.finditer(r"[" + CJK + r"]{0,12}" + full, text)}
        names = {n for n in names if n.endswith(full) and (n[:-len(full)].endswith(place) or place in ("市", "县", "区", ""))
                 and re.search(r"[省市县区州旗]$", n[:-len(full)] or "-") and not re.search(r"[全各对的和及与在]", n[:-len(full)])}
        longest = max(names, key=len) if names else ""
        if names and all(longest.endswith(n) for n in names):
            name = longest
            pos = text.find(name)
            return Found(name, pos, pos + len(name))
    return None


def renamed_unit(text: str) -> Found | None:
    """A chronicle's history of one office: its last name (“…,更名为X(馆)。”), the year-stamped renames two or more."""
    found = [m for m in RENAMED_RE.finditer(text) if not re.match(r"[市县区州]", m["u"])]
    if not found or len(re.findall(r"(?:19|20)\d{2}年", text)) < 3:
        return None
    if _several_heads(text):
        return None  # (a chronicle section on several offices, one a paragraph)
    m = found[-1]
    return Found(m["u"], m.start("u"), m.end("u"))


def example_unit(text: str) -> Found | None:
    """“以X为例,…”: the unit an article takes as its example, when it names it again."""
    for m in EXAMPLE_RE.finditer(text):
        if text.count(m["u"]) >= 2:
            return Found(m["u"], m.start("u"), m.end("u"))
    return None


def ceremony_unit(text: str) -> Found | None:
    """“荆门市举行生态环境保护综合执法支队挂牌成立仪式” → 荆门市生态环境保护综合执法支队 (one ceremony only)."""
    found = list(CEREMONY_RE.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    if re.match(r"[" + CJK + r"]{2,9}(?:省|市|县|区|州|旗)", m["u"]) and m["u"].split(m["pl"][-1])[0] and len(re.match(r"[" + CJK + r"]*?(?:省|市|县|区|州|旗)", m["u"]).group()) >= 3:
        return None  # the name has its own place (“北京市举行北京市X揭牌仪式”)
    return Found(m["pl"] + m["u"], m.start("pl"), m.end("u"))


def crumb_head_unit(text: str) -> Found | None:
    m = CRUMB_HEAD_RE.search(text[:800])
    if m is None or _CRUMB_SECTION_RE.search(text[m.end("u"):m.end()]) is None:
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def entry_line_unit(text: str) -> Found | None:
    m = ENTRY_LINE_RE.search(text[:600])
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def setup_heading_unit(text: str) -> Found | None:
    m = SETUP_HEAD_RE.match(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def summary_level_unit(text: str) -> Found | None:
    """A 决算's 目录 naming the unit's 汇总 and 本级 tables: the name both give."""
    kinds: dict[str, set[str]] = {}
    first: dict[str, Found] = {}
    for m in SUMMARY_LEVEL_RE.finditer(text):
        kinds.setdefault(m["u"], set()).add(m["k"])
        first.setdefault(m["u"], Found(m["u"], m.start("u"), m.end("u")))
    for u, ks in kinds.items():
        if ks == {"汇总", "本级"}:
            return first[u]
    return None


def _items(m, group: str = "list") -> list[Found]:
    out, pos = [], m.start(group)
    for piece in re.split(r"(、)", m[group]):
        if piece == "、":
            pos += 1
            continue
        name = piece.strip(" \t*")
        lead = len(piece) - len(piece.lstrip(" \t*"))
        out.append(Found(name, pos + lead, pos + lead + len(name)))
        pos += len(piece)
    return out


def _count_sum(counts: str) -> int | None:
    total = 0
    for n in re.findall(r"([0-9一二三四五六七八九十两]{1,2})个?[部室科股处组办中心队]", counts):
        v = _cn_int(n.replace("两", "二"))
        if v is None:
            return None
        total += v
    return total or None


def run_bodies(text: str, unit: str | None) -> list[Found]:
    """Bodies named in a run: counted in kinds and then named, a rough count with 等, or an entry's bare “。设A、B、C。”."""
    for m in INCLUDE_LIST_RE.finditer(text):
        if unit:
            items = _items(m)
            last = re.split(r"以及|和|及", items[-1].value)
            if len(last) == 2:  # “A、B以及C”: the last piece holds two names
                a, c = last
                f = items.pop()
                items += [Found(a, f.start, f.start + len(a)), Found(c, f.end - len(c), f.end)]
            if all(re.search(BODY_SUFFIX + r"$", f.value) for f in items):
                return items
    for m in KIND_COUNT_RE.finditer(text):
        items = _items(m)
        if len(items) == _count_sum(m["c"]):
            return items
    for m in ROUGH_LIST_RE.finditer(text):
        items = _items(m)
        if unit and (m["kb"] or m["ka"]) and len(items) >= 3:
            return items
    if unit:
        for m in BARE_SET_RE.finditer(text):
            items = _items(m)
            if all(len(f.value) <= 12 and not re.search(r"[省市县]|局$|政府", f.value) for f in items):
                return items
    return []


def function_items(text: str) -> list[Found]:
    """Duties of an article's function section: “1. 档案收集与整理⏎X负责收集…” items, numbered in order from 1, two or more."""
    m = FUNCTION_SECTION_RE.search(text)
    if m is None:
        return []
    nxt = _SECTION_END_RE.search(text, m.end())
    end = nxt.start() if nxt else len(text)
    out, pos, n = [], m.end() + 1, 1
    while pos < end:
        x = _FUNCTION_ITEM_RE.match(text, pos, end)
        if x is None or int(x["n"]) != n:
            break
        out.append(Found(x["h"] + x["body"].strip(), x.start("h"), x.end("body")))
        pos, n = x.end(), n + 1
    return out if len(out) >= 2 else []


# a Q&A page's question names the unit it is about: “X的机构沿革⏎⏎如题所述⏎⏎第1个回答”
QA_TITLE_RE = re.compile(r"\A\s*(?P<u>" + _NAMED_PLACE + r"[" + CJK + r"()]{1,30}?" + UNIT_SUFFIX + r")的(?:机构沿革|历史沿革|沿革|机构设置|内设机构|"
                         r"主要职责|职能职责|职能|人员编制|编制情况|领导职数)[?？]?\s*如题所述")


def qa_title_unit(text: str) -> Found | None:
    m = QA_TITLE_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def headline_unit(text: str) -> Found | None:
    """A news item's headline opening with one unit that the item names three times or more."""
    m = HEADLINE_RE.match(text)
    if m is None or text.count(m["u"]) < 3:
        return None
    headline = text[m.start():text.find("\n", m.start()) if "\n" in text[m.start():] else len(text)]
    if re.search(r"更名|改名|改为|调整为|并入|整合|撤销|与", headline):
        return None  # (a body renamed or merged: the old name is not the unit)
    return Found(m["u"], m.start("u"), m.end("u"))


def quoted_plaques_unit(text: str) -> Found | None:
    """Of two plaques unveiled together, the body the item says was set up (“…组建了区卫生健康局”)."""
    m = QUOTED_PLAQUES_RE.search(text)
    if m is None:
        return None
    for q in re.finditer(r"[“\"](?P<n>[^”\"]+)[”\"]", m["q"]):
        place = re.match(_NAMED_PLACE, q["n"])
        core = q["n"][place.end():] if place else q["n"]
        if len(core) >= 3 and re.search(r"(?:组建|成立|设立)了?[市县区]?" + re.escape(core), text):
            return Found(q["n"], m.start("q") + q.start("n"), m.start("q") + q.end("n"))
    return None


def listed_under(text: str, unit: str) -> Found | None:
    """The unit that lists the one read among its 下属/所属 bodies (“X内设…。下属城调队、农调队。”): X."""
    for m in re.finditer(r"(?:^|(?<=[\n。〕]))[ \t]*(?P<x>" + _NAMED_PLACE + r"[" + CJK + r"]{2,16}?" + UNIT_SUFFIX + r")(?:内设|设|下设)[^。]{0,120}?。[ \t]*(?:下属|所属|下辖)[^。]{0,40}?" + re.escape(unit), text):
        if m["x"] != unit:
            return Found(m["x"], m.start("x"), m.end("x"))
    return None


def rules_text(text: str) -> bool:
    """A rules text: two or more titled articles (“第八条 设置机构和核定编制的原则”), none on duties."""
    titles = [m["t"] for m in RULE_ARTICLE_RE.finditer(text)]
    return len(titles) >= 2 and not any(re.search(r"职责|职能|任务", t) for t in titles)


def several_units(text: str) -> list[str]:
    """Units of one kind listed together with a collective verb (“…全部调整为…”): their names, or []."""
    for m in SEVERAL_RE.finditer(text):
        names = re.split(r"、|和|及|以及", m["list"])
        names = [n for n in names if n]
        ends = {n[-2:] for n in names}
        if len(names) >= 3 and len(ends) == 1:
            return names
    return []


def _staffing_start(b, i: int) -> int | None:
    for path, s, _e in b.spans:
        if path == f"staffing[{i}]":
            return s
    return None


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `add_bodies()`)."""
    data = b.data
    # a unit's name the readers left with a stray “的” in front (“新成立的市X支队是…”)
    unit = data.get("unit")
    if isinstance(unit, str) and unit.startswith("的") and len(unit) > 3:
        span = next(((s, e) for p, s, e in b.spans if p == "unit"), None)
        if span is not None:
            _set(b, "unit", Found(unit[1:], span[0] + 1, span[1]), replace=True)
    # a 请示's or 汇报's title, 文号 and date
    title = request_title(text)
    if title is not None and not data.get("title"):
        _set(b, "title", title)
        if not data.get("doc_number"):
            _set(b, "doc_number", request_doc_number(text, title))
        if not data.get("issued_on"):
            _set(b, "issued_on", request_date(text, title))
        if not data.get("unit") and "请示" in title.value:
            _set(b, "unit", request_unit(text))
    # a Q&A page's question names its unit, whatever an answer's chronicle names first
    asked = qa_title_unit(text)
    if asked is not None and data.get("unit") != asked.value:
        _set(b, "unit", asked, replace=True)
    # a unit named in passing
    if not data.get("unit"):
        for reader in (setup_heading_unit, crumb_head_unit, entry_line_unit, summary_level_unit, example_unit,
                       ceremony_unit, quoted_plaques_unit, founded_unit, before_founded_unit, renamed_unit, headline_unit):
            found = reader(text)
            if found is not None:
                _set(b, "unit", found)
                break
    elif isinstance(data.get("unit"), str) and re.match(r"[县市区]", bare := re.sub(r"^.{0,12}?(?:成立|组建|设立|建立)了?", "", data["unit"])) \
            and (found := renamed_unit(text)) is not None and found.value.endswith(bare[1:]) and found.value != data["unit"]:
        _set(b, "unit", found, replace=True)  # a chronicle's earlier name under a bare 县 gives way to its last name
    if isinstance(data.get("unit"), str) and not re.match(_NAMED_PLACE, data["unit"]):
        owner = listed_under(text, data["unit"])
        if owner is not None:  # a body listed under another unit was read as the unit: the lister is the unit
            unit_span = next(((s, e) for p, s, e in b.spans if p == "unit"), None)
            if unit_span is not None and data.get("nature"):
                sent_end = text.find("。", unit_span[1])
                nat = next(((s, e) for p, s, e in b.spans if p == "nature"), None)
                if nat is not None and unit_span[0] <= nat[0] <= (sent_end if sent_end >= 0 else len(text)):
                    data["nature"] = None
                    b.spans = [sp for sp in b.spans if sp[0] != "nature"]
            _set(b, "unit", owner, replace=True)
    if data.get("unit"):
        found = ceremony_unit(text)
        core = re.sub(r"^[^的]{0,8}的", "", data["unit"]) if isinstance(data.get("unit"), str) else ""
        core = core[1:] if core[:1] in ("市", "区", "县") else core
        if found is not None and len(core) >= 4 and found.value.endswith(core) and found.value != data["unit"]:
            _set(b, "unit", found, replace=True)
    if isinstance(data.get("unit"), str):  # a 群团 body's short form where the text gives its full name
        full = full_group_name(text, data["unit"])
        if full is not None and full.value != data["unit"]:
            _set(b, "unit", full, replace=True)
    if data.get("unit") and not data.get("rank"):
        m = BUILT_AS_RE.search(text)
        place = re.match(_NAMED_PLACE, data["unit"])
        if m is not None and len(BUILT_AS_RE.findall(text)) == 1:
            sentence = text[max(text.rfind(ch, 0, m.start()) for ch in "。\n") + 1:m.start()]
            owner = re.search(r"(?P<o>[" + CJK + r"]{2,16}?" + UNIT_SUFFIX + r")的(?:机构)?$", sentence)
            if (owner is None or data["unit"].endswith(owner["o"])) and (data["unit"] in sentence or (place is not None and place.group() in sentence)):
                _set(b, "rank", Found(m["r"], m.start("r"), m.end("r")))
    if data.get("unit") and not data.get("nature"):
        pos = text.find(data["unit"][-6:]) if data["unit"] else -1
        if pos >= 0:
            m = IT_IS_RE.search(text, pos, pos + 120)
            if m is not None:
                _set(b, "nature", Found(m["n"], m.start("n"), m.end("n")))
    # bodies in a run
    if not data["internal_bodies"]:
        found = run_bodies(text, data.get("unit"))
        if found:
            b.add_bodies(found)
    # an article's function section: short headings over their paragraphs
    if not data.get("duties") and data.get("unit"):
        b.add_items("duties", function_items(text))
    # a rules text has no duties; its leaders' clause names the unit
    if rules_text(text):
        if data.get("duties"):
            b.clear_items("duties")
        if not data.get("unit"):
            m = LEADERS_OF_RE.search(text)
            if m is not None:
                _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")))
    # negatives: several units of one kind at once; staffing of every town or of the whole county
    names = several_units(text)
    if names and data.get("unit") and (data["unit"] in names or not re.match(_PLACE, data["unit"])):
        for key in ("unit", "short_name", "nature", "rank"):
            data[key] = None
        for key in ("plaques", "internal_bodies"):
            b.clear_items(key)
        b.meta.pop("numbered_bodies", None)
        b.spans = [sp for sp in b.spans if sp[0] not in ("unit", "short_name", "nature", "rank")]
    if data["staffing"]:
        drop = set()
        for i in range(len(data["staffing"])):
            s = _staffing_start(b, i)
            if s is None:
                continue
            if collective_subject(text, s):
                drop.add(i)
        if drop:
            b.drop_items("staffing", drop)
    # a post's rank written before its title: “部长1名,副部长4名、正局级部长助理1名”
    posts = data.get("posts") or []
    for post in list(posts):
        at = text.find(post["title"]) if post.get("title") else -1
        if at < 0:
            continue
        end = min((i for i in (text.find(ch, at) for ch in "。\n") if i != -1), default=len(text))
        for m in re.finditer(r"[、,,]" + _POST_RANK_RE + r"(?P<t>[" + CJK + r"]{2,6}?)(?P<n>[0-9一二三四五六七八九十]{1,2})[名人]", text[at:end]):
            if not any(x.get("title") == m["t"] for x in posts) and m["t"].endswith(("长", "助理", "员", "主任", "书记", "师")):
                posts.append({"title": m["t"], "count": _cn_int(m["n"]), "rank": m["r"], "note": None})
                b.span(f"posts[{len(posts) - 1}]", at + m.start("r"), at + m.end("n"))
    for post in posts:
        if post.get("rank") is None and post.get("title"):
            m = re.search(_POST_RANK_RE + re.escape(post["title"]) + r"[ \t]*[0-9一二三四五六七八九十]", text)
            if m is not None:
                post["rank"] = m["r"]
    # a body's name wrapped over a scanned line (“普查办⏎公室。”)
    for i, body in enumerate(data.get("internal_bodies") or []):
        span = next(((s, e) for p, s, e in b.spans if p == f"internal_bodies[{i}].name"), None)
        if span is None or text[span[0]:span[1]] != body.get("name"):
            continue
        m = _WRAP_TAIL_RE.match(text, span[1])
        line_start = text.rfind("\n", 0, span[0]) + 1
        if m is not None and span[1] - line_start >= 28 and re.search(BODY_SUFFIX + r"$", body["name"] + m["t"]) \
                and re.search(r"(?:办公|科|股|中|室)$", body["name"] + m["t"][:-1] if len(m["t"]) > 1 else body["name"]):
            body["name"] += m["t"]
            b.spans = [(p, s, (m.end("t") if p == f"internal_bodies[{i}].name" else e)) for p, s, e in b.spans]
