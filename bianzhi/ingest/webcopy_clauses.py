"""Clause rules for fragments and one-line web copies of 三定 (issue 12, split `heldout18`).

What directory sites, news items, explainers and clerks' pastes restate of a unit's 三定, in the shapes the first run of
`heldout18` showed the parser missing: a 2019 三定's setting-up article copied without its number (“X,是将A的职责,B的…职责
整合组建的,作为市政府工作部门,副厅级”), a news item naming its unit only in a 揭牌 sentence or a rename (“原“A”更名为“B””),
“X于…正式挂牌成立,同时加挂Y牌子”, a counted body list closed by a comma (“内设5个机构,分别为:A、B、C、D和E,同时承担…”),
a paragraph whose subject carries a bracketed abbreviation (“X(馆)是…,是…直属的文化事业单位”), a short form (“省卫生厅”) of
the name set up one sentence earlier (“设置湖北省卫生厅”). And what is no unit's 三定: a page's contact list (“1.X⏎地址:…”),
the departments a kind of body “通常包括”, an explainer asking “X是做什么的” of a kind of bureau, a 请示 renaming several
事业单位 item by item (`heldout18b` added “X举行揭牌仪式” and the explainer).

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after its other rules. Every rule
works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import BODY_SUFFIX, CJK, NATURE_NOUN, RANK, UNIT_SUFFIX, Found, full_name

# a name that begins with a clause word is a clause, not a name: “同时明确县档案馆是…”
CLAUSE_WORD_RE = re.compile(r"^(?:同时|明确|并且?|还|另外?|确定|决定|根据|按照|其中|以及)")
# a name under a bare level word, no place before it: “省卫生厅”, “市民政局”
LEVEL_SHORT_RE = re.compile(r"^(?:自治区|自治州|自治县|省|市|县|区|州|旗)[" + CJK + r"]")
NOT_A_NAME_RE = re.compile(r"^(?:本|该|我|其|各|新|原|这|此)")

# “X,是将A的职责,…整合组建的,作为市政府工作部门,副厅级。” (a 2019 三定's setting-up article without “第二条”)
INTEGRATED_RE = re.compile(
    r"(?:^|(?<=[\n。]))[ \t]*(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")[ \t]*,?[ \t]*(?:是|系)(?:将|由|在)"
    r"[^。]{4,600}?(?:整合|合并|重组)[^。,]{0,16}?(?:组建|设立|成立)(?:而成)?的?[ \t]*,[ \t]*(?:作为|为|是)"
    r"(?P<n>[^,。;]{2,30}?" + NATURE_NOUN + r")(?:[ \t]*,[ \t]*(?:机构规格为|规格为)?(?P<r>" + RANK + r"))?(?=[,。;]|$)")

# a news item's 揭牌/挂牌 ceremony: “1月14日上午9时,X揭牌仪式举行”, “3月22日上午,X举行揭牌仪式”
CEREMONY_RE = re.compile(r"(?:^|(?<=[\n。,]))[ \t]*(?P<u>[" + CJK + r"()]{4,40}?" + UNIT_SUFFIX + r")(?:举行|举办)?(?:揭牌|挂牌)仪式")
# a quoted rename: “原“A”更名为“B””, “由“A”更名为“B””
RENAME_RE = re.compile(r"原?[“\"](?P<a>[" + CJK + r"()]{3,40})[”\"]更名为[“\"](?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")[”\"]")

# “X于2017年8月3日正式挂牌成立,同时加挂Y牌子”
FOUNDED_PLAQUE_RE = re.compile(
    r"(?:^|(?<=[\n。;,]))[ \t]*(?P<host>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:于[^,。;\n]{2,24}?)?(?:正式)?(?:挂牌)?"
    r"(?:成立|组建)[ \t]*,[ \t]*同时(?:加挂|增挂|挂)[“\"]?(?P<name>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")[”\"]?牌子")

# “内设5个机构,分别为:A、B、C、D和E,同时承担…”: a counted list that ends at the first comma
COUNTED_LIST_RE = re.compile(
    r"(?:内设|下设|设有|设置|共设|现设)[ \t]*(?P<n>" + NUM + r")[ \t]*个[ \t]*(?:内设|职能)?(?:机构|科室|股室|处室|部室|部门|科\(室\)|股\(室\))"
    r"[ \t]*,?[ \t]*(?:分别)?(?:为|是)[ \t]*:?[ \t]*(?P<list>[" + CJK + r"()、]{2,400}?)(?=[,。;\n]|$)")
NON_STATE_RE = re.compile(r"公司|集团|企业|厂|商会|协会|学会|研究会|社团|俱乐部|联盟")
BODY_NAME_RE = re.compile(r"[" + CJK + r"]{2,24}?" + BODY_SUFFIX + r"(?:\([" + CJK + r"]{1,30}\))?")

# a contact list: “1.X⏎地址:…”, “X⏎电话:…” — the names are addresses' owners, not bodies
CONTACT_AFTER_RE = r"[ \t]*\n[ \t]*(?:地址|电话|联系电话|办公电话|传真|邮编|邮政编码|电子邮箱|邮箱)[ \t]*:"

# “民政局通常包括以下部门:”: the departments a kind of body usually has, in an article about the kind
GENERIC_LIST_RE = re.compile(
    r"(?m)^[ \t]*(?P<kind>[" + CJK + r"]{2,12}?" + UNIT_SUFFIX + r")(?:通常|一般|常见|普遍)(?:会|都)?(?:包括|包含|设有|设置|下设|有)"
    r"(?:以下|如下|这些|下列)?(?:几个|多个|若干)?(?:部门|科室|机构|处室|股室|内设机构|职能部门)")
PLACE_CHARS_RE = re.compile(r"省|市|县|区|州|盟|旗|自治|中华人民共和国|国家|中国")

# how an explainer speaks of a kind of body: “公务局是做什么的”, “X通常…”, “一般来说”
GENERAL_TALK_RE = re.compile(r"是(?:做|干)什么的|是什么(?:单位|部门|机构|级别)|常见问题|通常|一般(?:来说|而言|包括|设有|指)")

# “X(馆)是A,是Y直属的文化事业单位”: the paragraph's subject with a bracketed abbreviation, its class after a second 是
LEAD_STATEMENT_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")(?:\([" + CJK + r"]{1,4}\))?(?:是|为)[^。,;]{2,40},"
    r"[ \t]*(?:是|为)(?P<n>[^,。;]{2,40}?(?:事业单位|行政单位|" + NATURE_NOUN + r"))(?=[,。;])")

# a numbered item renaming or classing one 事业单位: “一、A(B)更名为C,为公益一类事业单位。”
RENAMED_ITEM_RE = re.compile(
    r"(?m)^[ \t]*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])[ \t]*(?P<item>[^\n]*?"
    r"(?:更名为(?P<to>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")|为(?:公益[一二]类|参照[^,。]{0,10}|经营类|行政类)事业单位)[^\n]*)")

# “设置湖北省卫生厅。”: the name a sentence sets up, of which a later “省卫生厅” is the short form
SET_UP_RE = r"(?:设置|设立|组建|成立|重新组建|新组建|保留)"


def _set(b, key: str, found: Found | None, replace: bool = False):
    if found is None:
        return
    if replace:
        b.spans = [sp for sp in b.spans if sp[0] != key]
    b.data[key] = found.value
    b.span(key, found.start, found.end)


def set_unit_nature_rank(b, m) -> None:
    """A match's unit (group “u”, replacing the one read) and, where none was read, its nature (“n”) and rank
    (“r”), each with its span."""
    _set(b, "unit", Found(m["u"], m.start("u"), m.end("u")), replace=True)
    for key, group in (("nature", "n"), ("rank", "r")):
        if not b.data.get(key):
            _set(b, key, Found(m[group], m.start(group), m.end(group)))


def _clear(b, keys: tuple[str, ...]):
    for key in keys:
        b.data[key] = [] if isinstance(b.data.get(key), list) else None
    b.spans = [sp for sp in b.spans if re.split(r"[\[.]", sp[0])[0] not in keys]
    if "internal_bodies" in keys:
        b.meta.pop("numbered_bodies", None)


def integrated_statement(text: str) -> tuple[Found, Found, Found | None] | None:
    """(unit, nature, rank) of “X,是将…整合组建的,作为Y,R”."""
    for m in INTEGRATED_RE.finditer(text):
        if CLAUSE_WORD_RE.match(m["u"]) or NOT_A_NAME_RE.match(m["u"]):
            continue
        rank = Found(m["r"], m.start("r"), m.end("r")) if m["r"] else None
        return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n")), rank
    return None


def news_subject(text: str) -> Found | None:
    """The unit of a news item: the body whose 揭牌/挂牌 ceremony it reports, else the new name of a rename."""
    for rx in (CEREMONY_RE, RENAME_RE):
        for m in rx.finditer(text):
            if NOT_A_NAME_RE.match(m["u"]) or CLAUSE_WORD_RE.match(m["u"]):
                continue
            found = Found(m["u"], m.start("u"), m.end("u"))
            longer = full_name(text, found.value)
            return longer if longer is not None and len(longer.value) > len(found.value) else found
    return None


def founded_plaques(text: str, unit: str) -> list[Found]:
    """Plaques added when the unit was set up: “X于…正式挂牌成立,同时加挂Y牌子”."""
    return [Found(m["name"], m.start("name"), m.end("name")) for m in FOUNDED_PLAQUE_RE.finditer(text)
            if m["host"] == unit or m["host"].endswith(unit) or unit.endswith(m["host"])]


def is_contact_list(text: str, names: list[str]) -> bool:
    """True when every name read as a body is followed, on the next line, by an address or a phone number."""
    return len(names) >= 2 and all(re.search(re.escape(name) + CONTACT_AFTER_RE, text) for name in names)


def _list_items(listed: str, base: int, split_last_and: bool) -> list[Found]:
    out, pos = [], base
    pieces = listed.split("、")
    for i, piece in enumerate(pieces):
        parts = [(piece, 0)]
        if split_last_and and i == len(pieces) - 1:
            m = re.fullmatch(r"(?P<a>.+?)(?:和|及|以及)(?P<b>.+)", piece)
            if m:
                parts = [(m["a"], 0), (m["b"], m.start("b"))]
        for part, off in parts:
            out.append(Found(part, pos + off, pos + off + len(part)))
        pos += len(piece) + 1
    return out


def counted_bodies(text: str) -> list[Found]:
    """“内设5个机构,分别为:A、B、C、D和E,…”: the bodies, only when as many names as the count are listed and the
    sentence is not a company's or a club's (“本公司内设5个部门,分别为…”)."""
    for m in COUNTED_LIST_RE.finditer(text):
        clause = text[max(text.rfind(c, 0, m.start()) for c in "。,;\n") + 1:m.start()]
        if NON_STATE_RE.search(clause):
            continue
        count = to_int(m["n"])
        for split_and in (True, False):
            items = _list_items(m["list"], m.start("list"), split_and)
            if len(items) == count and all(BODY_NAME_RE.fullmatch(f.value) and not _two_bodies(f.value) for f in items):
                return items
    return []


def _two_bodies(name: str) -> bool:
    """“社会事务审批处和监督管理处” is two bodies; “科技和标准科” is one."""
    m = re.fullmatch(r"(?P<a>.+?)(?:和|及|以及)(?P<b>.+)", name)
    return m is not None and len(m["a"]) >= 3 and all(BODY_NAME_RE.fullmatch(x) for x in (m["a"], m["b"]))


def generic_kind_list(text: str) -> bool:
    """True for an article on the departments a kind of body usually has (“民政局通常包括以下部门:”): no place named."""
    m = GENERIC_LIST_RE.search(text)
    return m is not None and PLACE_CHARS_RE.search(m["kind"]) is None


def generic_kind_unit(unit: str | None, text: str) -> bool:
    """True when the unit read is a bare kind of body (“公务局”: no place, a short name) in a text that speaks of the
    kind in general (“公务局是做什么的”, “通常”): an explainer, no unit's 三定."""
    return bool(unit) and len(unit) <= 6 and PLACE_CHARS_RE.search(unit) is None \
        and re.search(re.escape(unit) + r"[^。\n]{0,12}?(?:是做什么的|是干什么的|是什么)", text) is not None \
        and len(GENERAL_TALK_RE.findall(text)) >= 2


def lead_statement(text: str) -> tuple[Found, Found] | None:
    """(unit, nature) of a paragraph opening “X(馆)是A,是Y…事业单位”."""
    for m in LEAD_STATEMENT_RE.finditer(text):
        if CLAUSE_WORD_RE.match(m["u"]) or NOT_A_NAME_RE.match(m["u"]):
            continue
        return Found(m["u"], m.start("u"), m.end("u")), Found(m["n"], m.start("n"), m.end("n"))
    return None


def several_renamed_units(text: str, unit: str) -> bool:
    """True when numbered items rename or class two or more 事业单位 and the unit read is one of them (a 请示 or a
    批复 about several bodies names no one unit)."""
    items = [m for m in RENAMED_ITEM_RE.finditer(text)]
    # the body each item is about: the new name of a rename, else the item's subject before its comma
    names = {m["to"] or re.split(r"[,,(]|为", m["item"], maxsplit=1)[0].strip() for m in items}
    if len(names) < 2:
        return False  # “一、同意A更名为B。二、B为公益一类事业单位”: items about one body
    return any(unit in m["item"] for m in items)


def set_up_name(text: str, unit: str) -> Found | None:
    """“设置湖北省卫生厅。省卫生厅是…”: the full name a sentence sets up, of which the unit read is the short form."""
    if not LEVEL_SHORT_RE.match(unit):
        return None
    m = re.search(SET_UP_RE + r"(?P<p>[" + CJK + r"]{2,6}?)" + re.escape(unit) + r"(?=[,。;\n(]|$)", text)
    if m is None or re.search(r"[的和与及在为由对将把]", m["p"]):
        return None
    return Found(m["p"] + unit, m.start("p"), m.end())


def apply(b, text: str) -> None:
    """The web-copy rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    if generic_kind_list(text):  # “民政局通常包括以下部门: 1. 办公室:…”: a kind of body, no unit
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques", "internal_bodies"))
        return
    if generic_kind_unit(data.get("unit"), text):  # “公务局是做什么的…公务局是政府机关中负责…的重要部门”
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques", "internal_bodies"))
        return
    if data.get("unit") and several_renamed_units(text, data["unit"]):  # “一、A更名为B,为公益一类事业单位。二、…”
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques"))
    if not data.get("unit"):  # “X,是将…整合组建的,作为市政府工作部门,副厅级”
        found = integrated_statement(text)
        if found is not None:
            _set(b, "unit", found[0], replace=True)
            if not data.get("nature"):
                _set(b, "nature", found[1], replace=True)
            if not data.get("rank"):
                _set(b, "rank", found[2], replace=True)
    if not data.get("unit"):  # “…,X揭牌仪式举行”, “原“A”更名为“B””
        _set(b, "unit", news_subject(text), replace=True)
    if not data.get("unit") or CLAUSE_WORD_RE.match(data["unit"]):  # “X(馆)是A,是Y直属的文化事业单位”
        found = lead_statement(text)
        if found is not None:
            _set(b, "unit", found[0], replace=True)
            _set(b, "nature", found[1], replace=True)
    if data.get("unit"):  # “设置湖北省卫生厅。省卫生厅是…”
        _set(b, "unit", set_up_name(text, data["unit"]), replace=True)
    names = [body["name"] for body in data["internal_bodies"]]
    if is_contact_list(text, names):  # “联系我们:⏎1.X⏎地址:…”
        _clear(b, ("internal_bodies",))
    counted = counted_bodies(text) if data.get("unit") else []  # a unit's list; no unit, no list of its bodies
    names = [body["name"] for body in data["internal_bodies"]]
    if counted and names and len(names) < len(counted) and set(names) <= {f.value for f in counted}:
        _clear(b, ("internal_bodies",))  # a list read in part: the counted list that names them all wins
    if not data["internal_bodies"]:  # “内设5个机构,分别为:A、B、C、D和E,同时承担…”
        for found in counted:
            idx = len(data["internal_bodies"])
            data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if data.get("unit"):  # “X于…正式挂牌成立,同时加挂Y牌子”
        for found in founded_plaques(text, data["unit"]):
            if found.value != data["unit"]:
                b.add_plaque(found)
