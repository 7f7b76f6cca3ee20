"""Clause rules for pages pasted whole from law databases, chronicles, encyclopedias and news (issue 12, split `heldout31`).

The first run of `heldout31` (city and county 三定 pages of law databases, their body lists and 人员编制 parts cut by the
page, 事业单位 notes, a county chronicle, an encyclopedia entry, a 加挂 item, a regulation's 印发 notice) showed these
shapes the parser did not read:

- the class of the unit in a sentence with no subject, right after one that names the unit: “市不动产登记中心设4个内设机构:
  …。为市自然资源和规划局管理的相当副科级自收自支事业单位,…” (the nature kept whole, the rank read from it);
- the class the unit “被定为” or “确定为”: “…始建于1957年,1996年被定为国家基层全民事业单位”;
- an encyclopedia or chronicle lead “X(Y)位于/始建于/成立于…”: Y, a name of the same kind, is X's second name (a plaque);
- “A加挂B牌子” / “A挂B牌子”: B is a plaque of A, and A is the unit when the text names no other;
- duties in groups, each under a heading “(一)区政府办公室的主要职责。” with its items “1.…”, “2.…”: the items are the
  duties, the headings are not;
- a chronicle's “X保留,内设A、B” over lines wrapped inside words (“垦⏎利县林业局保留,内设办公室、林政股”): X is the unit;
- a leadership count whose bracket the page cut (“正科级领导职数19名(含应急办副主任2名,…” at the end of the text);
- two organs signing on one line, apart by spaces or glued by the copy, or the second on its own line with the date glued
  after it (“中共肇庆市委办公室⏎肇庆市人民政府办公室2004年7月5日”): both are the organ;
- a 印发 notice of a regulation on how bodies and 编制 are managed (“关于印发《X机构设置和编制管理暂行规定》的通知”): the
  bodies its articles name are not the document's unit.

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after its other rules. Every rule
works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from . import name_forms
from .clauses import CJK, RANK, UNIT_SUFFIX, Found
from .webcopy_clauses import _set

# a place at the front of a name: “应城市”, “上海市虹口区”, “呆鹰岭镇” (what is left is the name's core)
PLACE_HEAD_RE = re.compile(r"^(?:[" + CJK + r"]{1,8}?(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|镇|乡|街道))+")
# “。为X管理的相当副科级自收自支事业单位,”: a class with no subject
SUBJECTLESS_CLASS_RE = re.compile(r"(?:^|(?<=[。;]))[ \t]*为(?P<n>[^。;,\n为是]{2,50}?(?:事业单位|行政单位|行政机构|参公单位))(?=[。;,])",
                                  re.M)
# “1996年被定为国家基层全民事业单位”
DEEMED_CLASS_RE = re.compile(r"(?:被|已)?(?:定为|确定为|明确为|批准为|列为)(?P<n>[" + CJK + r"]{2,30}?事业单位)(?=[。;,])")
# “X(Y)位于…”: a lead naming the unit with its second name
LEAD_BRACKET_RE = r"\((?P<y>[" + CJK + r"]{2,20}?(?:站|所|中心|局|馆|院|队|办公室|委员会))\)(?=位于|始建于|成立于|坐落|地处|创建于|组建于)"
# “A加挂B牌子”, “A挂B牌子”
HUNG_RE = re.compile(r"(?P<a>[" + CJK + r"]{4,30}?" + UNIT_SUFFIX + r")(?:加挂|增挂|挂)(?P<b>[" + CJK + r"]{4,40}?" + UNIT_SUFFIX +
                     r")的?牌子")
# what opens a phrase, not a name: “在县级中心”, “市级分中心”
NOT_A_NAME_RE = re.compile(r"(?:在|于|对|将|由|从|向|把|为|根据|通知|同意|[省市县区乡镇]级)")
# a group heading over numbered duties: “(一)区政府办公室的主要职责。”
GROUP_HEAD_RE = re.compile(r"(?m)^[ \t]*\((?P<k>[一二三四五六七八九十]{1,3})\)[ \t]*(?P<h>[" + CJK + r"()]{2,30}?的(?:主要)?职责)[。:]?[ \t]*$")
ARABIC_ITEM_RE = re.compile(r"^[ \t]*\d{1,2}[.、][ \t]*(?P<d>\S.*)$")
# “X保留,内设A、B” (a reform's outcome in a chronicle)
KEPT_RE = re.compile(r"(?P<u>[" + CJK + r"]{3,30}?" + UNIT_SUFFIX + r")(?:予以)?保留[,,]?\s*(?:内设|下设|设)")
# “正科级领导职数19名(含…” cut by the page
CUT_LEAD_RE = re.compile(r"(?P<level>" + RANK + r")\s*(?:领导)?职数\s*(?:为|共)?\s*(?P<n>" + NUM + r")\s*名\s*\([^()]*$")
# an organ signing before another on the same line: “中共肇庆市委办公室              肇庆市人民政府办公室”
ORGAN_BEFORE_RE = re.compile(r"(?P<o>(?:中共)?[" + CJK + r"]{2,30}?(?:委员会|委|政府|办公室|办公厅))[ \t\u3000]{2,}$")
LONE_ORGAN_RE = re.compile(r"[ \t]*(?P<o>(?:中共)?[" + CJK + r"]{2,30}?(?:委员会|委|政府|办公室|办公厅))[ \t]*")
# the second organ with the date glued after it: “肇庆市人民政府办公室2004年7月5日”
DATE_AFTER_RE = re.compile(r"[" + CJK + r"]{2,30}?(?:委员会|委|政府|办公室|办公厅)[ \t]*(?:\d{4}|[〇零一二三四五六七八九○O]{4})年")
# a party organ and a government organ signing together, glued by the copy: “中共X县委办公室X县人民政府办公室”
GLUED_ORGANS_RE = re.compile(r"(?P<a>中共[" + CJK + r"]{1,20}?(?:委员会|委)(?:办公室|办公厅)?)(?P<b>[" + CJK + r"]{2,20}?(?:人民政府|政府)(?:办公室|办公厅)?)")
# “关于印发《肇庆市机构设置和编制管理暂行规定》的通知”: a regulation, not a unit's 三定
REGULATION_TITLE_RE = re.compile(r"印发[《<](?P<d>[^》>]*(?:管理|设置)[^》>]*(?:办法|规定|条例|细则))[》>]")
SANDING_DOC_RE = re.compile(r"职责|职能|内设机构|人员编制|三定|编制方案")


def _span(b, key: str) -> tuple[int, int] | None:
    return next(((s, e) for k, s, e in b.spans if k == key), None)


def core_name(unit: str) -> str:
    """The name without the place at its front: “应城市不动产登记中心” → “不动产登记中心”."""
    m = PLACE_HEAD_RE.match(unit)
    core = unit[m.end():] if m and len(unit) - m.end() >= 2 else unit
    return core


def subjectless_class(text: str, unit: str) -> Found | None:
    """The class in a sentence with no subject that follows one naming the unit (its core) on the same line."""
    core = core_name(unit)
    for m in SUBJECTLESS_CLASS_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        if core in before and before.rstrip().endswith(("。", ";")):
            return Found(m["n"], m.start("n"), m.end("n"))
    return None


def deemed_class(text: str, unit: str) -> Found | None:
    """“X…。始建于1957年,1996年被定为国家基层全民事业单位”: in the paragraph that names the unit."""
    for m in DEEMED_CLASS_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if unit in text[line_start:m.start()]:
            return Found(m["n"], m.start("n"), m.end("n"))
    return None


def lead_second_name(text: str, unit: str) -> Found | None:
    """“X(Y)位于…”: Y, of the same kind as a unit, is X's second name."""
    m = re.search(re.escape(unit) + LEAD_BRACKET_RE, text)
    if m is None or name_forms.is_short_form(m["y"]) or re.match(r"原|前|以下|含", m["y"]):
        return None
    return Found(m["y"], m.start("y"), m.end("y"))


def hung_plaques(text: str) -> list[tuple[Found, Found]]:
    """(A, B) for every “A加挂B牌子” / “A挂B牌子”."""
    out = []
    for m in HUNG_RE.finditer(text):
        if NOT_A_NAME_RE.match(m["a"]) or NOT_A_NAME_RE.match(m["b"]):  # “在县级中心加挂市级分中心的牌子”: no names
            continue
        out.append((Found(m["a"], m.start("a"), m.end("a")), Found(m["b"], m.start("b"), m.end("b"))))
    return out


def grouped_duties(text: str) -> tuple[list[Found], list[str]]:
    """(the numbered items under group headings “(一)X的主要职责。”, the headings themselves)."""
    items, heads = [], []
    for m in GROUP_HEAD_RE.finditer(text):
        heads.append(m["h"])
        pos = m.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end]
            im = ARABIC_ITEM_RE.match(line)
            if im is None:
                if line.strip():
                    break
            else:
                items.append(Found(im["d"].strip(), pos + im.start("d"), pos + im.start("d") + len(im["d"].strip())))
            pos = end + 1
    return items, heads


def _joined(text: str) -> tuple[str, list[int]]:
    """The text with line breaks inside a run of CJK removed, and where each of its characters stands in `text`."""
    out, where = [], []
    for i, ch in enumerate(text):
        if ch == "\n" and 0 < i < len(text) - 1 and re.match(r"[" + CJK + r"]", text[i - 1]) \
                and re.match(r"[" + CJK + r"]", text[i + 1]):
            continue
        out.append(ch)
        where.append(i)
    return "".join(out), where


def kept_unit(text: str) -> Found | None:
    """“X保留,内设A、B”: the unit a reform kept, over a line wrapped inside its name."""
    joined, where = _joined(text)
    m = KEPT_RE.search(joined)
    if m is None:
        return None
    start, end = where[m.start("u")], where[m.end("u") - 1] + 1
    return Found(m["u"], start, end)


def cut_leadership(text: str) -> tuple[dict, int, int] | None:
    """“…正科级领导职数19名(含…” with the bracket never closed: the page cut it."""
    m = CUT_LEAD_RE.search(text.rstrip())
    if m is None:
        return None
    count = to_int(m["n"])
    return ({"level": m["level"], "count": count}, m.start("level"), m.end("n") + 1) if count is not None else None


def organ_before(text: str, start: int) -> Found | None:
    """The organ signing before the one at `start`: on the same line, apart from it by spaces, or alone on the line
    above when the date follows the second organ on its line (“中共肇庆市委办公室⏎肇庆市人民政府办公室2004年7月5日”)."""
    line_start = text.rfind("\n", 0, start) + 1
    m = ORGAN_BEFORE_RE.search(text[line_start:start])
    if m is not None:
        return Found(m["o"], line_start + m.start("o"), line_start + m.end("o"))
    if text[line_start:start].strip() or line_start == 0:
        return None
    line_end = text.find("\n", start)
    if not DATE_AFTER_RE.match(text[start:len(text) if line_end < 0 else line_end]):
        return None
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    m = LONE_ORGAN_RE.fullmatch(text[prev_start:line_start - 1])
    return Found(m["o"], prev_start + m.start("o"), prev_start + m.end("o")) if m else None


def regulation_notice(title: str | None) -> bool:
    """A 印发 notice of a regulation on how bodies and 编制 are managed (not a 三定); also asked of the text's first
    characters, for a copy run into one line whose title the parser did not find."""
    m = REGULATION_TITLE_RE.search(title or "")
    return m is not None and SANDING_DOC_RE.search(m["d"]) is None


def apply(b, text: str) -> None:
    """The rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`, `add_plaque()`)."""
    data = b.data
    if regulation_notice(data.get("title")) or regulation_notice(text.lstrip()[:80]):  # “关于印发《X…管理暂行规定》的通知”
        for key in ("unit", "short_name", "nature", "rank"):
            data[key] = None
        for key in ("plaques", "duties", "internal_bodies", "staffing", "posts", "internal_leadership"):
            data[key] = []
        b.meta.pop("numbered_bodies", None)
        b.spans = [sp for sp in b.spans if re.split(r"[\[.]", sp[0])[0] not in
                   ("unit", "short_name", "nature", "rank", "plaques", "duties", "internal_bodies", "staffing", "posts",
                    "internal_leadership")]
    organ = _span(b, "issuing_organ")
    if organ is not None and data.get("issuing_organ") and text[organ[0]:organ[1]] == data["issuing_organ"]:
        first = organ_before(text, organ[0])
        if first is not None:  # “中共肇庆市委办公室    肇庆市人民政府办公室    2004年7月5日”
            _set(b, "issuing_organ", Found(first.value + " " + data["issuing_organ"], first.start, organ[1]), replace=True)
    organ = _span(b, "issuing_organ")
    glued = GLUED_ORGANS_RE.fullmatch(data.get("issuing_organ") or "")
    if glued is not None and organ is not None:  # “中共X县委办公室X县人民政府办公室2015年3月2日”
        _set(b, "issuing_organ", Found(glued["a"] + " " + glued["b"], *organ), replace=True)
    if not data.get("unit") and data["internal_bodies"]:  # “垦⏎利县林业局保留,内设办公室、林政股”
        _set(b, "unit", kept_unit(text))
    hung = hung_plaques(text)
    if not data.get("unit") and len({a.value for a, _ in hung}) == 1 and PLACE_HEAD_RE.match(hung[0][0].value):  # “A加挂B牌子”
        _set(b, "unit", hung[0][0])
    unit = data.get("unit")
    if unit:
        for a, plaque in hung:
            if a.value == unit and plaque.value != unit:
                b.add_plaque(plaque)
        if not data["plaques"]:
            second = lead_second_name(text, unit)
            if second is not None:  # “X(Y)位于…”
                b.add_plaque(second)
        if not data.get("nature"):
            found = subjectless_class(text, unit) or deemed_class(text, unit)
            _set(b, "nature", found)
            if found is not None and not data.get("rank"):
                rm = re.search(RANK, found.value)
                if rm:
                    _set(b, "rank", Found(rm.group(0), found.start + rm.start(), found.start + rm.end()))
    items, heads = grouped_duties(text)
    if items and heads and any(d.split("\n")[0].strip().rstrip("。:") in heads for d in data["duties"]):  # “(一)X的主要职责。⏎1.…”
        b.clear_items("duties")
        b.add_items("duties", items)
    if not data["internal_leadership"] and (data["staffing"] or data["posts"]):
        cut = cut_leadership(text)
        if cut is not None:  # “正科级领导职数19名(含…” at the end of the page
            data["internal_leadership"].append(cut[0])
            b.span("internal_leadership[0]", cut[1], cut[2])
