"""Clause rules for 事业单位 and agencies' own descriptions (issue 12, split `heldout20`).

What a 事业单位's pages, 章程 and the news and Q&A about one say, in the shapes the first run of `heldout20` showed the
parser missing: a 章程 naming its unit in a “名称:X” article (and an article number never being part of a name:
“第四条学校…”), a Q&A whose title asks what kind of unit one named unit is (“武汉图书馆属于什么性质的单位”), a news item
on a unit approved (“X正式获批设立,系…正科级…事业单位。该中心挂A、B牌子”), a budget note naming its unit only as the
subject of its duties (“X部门主要职责:”) or of its staffing (“X编制110人”, “X共有事业编制人数12名”), a body list
whose bare items share the suffix of the next one (“设有生产、财务、经销、森保股和办公室等五个股室”), a 章程's
“X设立A、B…等职能部门”, a list's closing word taken into its last name (“翻译室等科室”). And what names no unit:
an explainer asking what a kind of body is (“融媒体中心是什么性质事业单位”), whose numbered points describe the kind.

Kept apart from `clauses` and the other rule modules; the parser calls `apply` once, after its other rules. Every rule
works on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import BODY_SUFFIX, CJK, CN_NUM, RANK, UNIT_SUFFIX, Found
from .webcopy_clauses import NOT_A_NAME_RE, PLACE_CHARS_RE, _clear, _set

# what a 事业单位's name ends with, beyond the suffixes of a government body
INSTITUTION_SUFFIX = r"(?:" + UNIT_SUFFIX + r"|林场|农场|牧场|渔场|苗圃|小学|中学|幼儿园|学院|医院|园)"

# a Q&A or explainer title asking what kind of unit X is: “武汉图书馆属于什么性质的单位”, “疾控中心是什么单位”
QUESTION_RE = re.compile(r"(?m)^[ \t]*【?(?P<x>[" + CJK + r"]{2,30}?" + INSTITUTION_SUFFIX + r")(?:是|属于|属)(?:什么|哪种|哪类|何种)"
                         r"(?:性质|级别|类型|编制)?的?(?:事业)?(?:单位|部门|机构|级别|性质|编制)")
# the answer describes one unit: its founding (“武汉图书馆始建于1946年”)
FOUNDED_RE = r"(?:始建于|创建于|建于|成立于|组建于)[ \t]*\d{4}"

# an article number glued to a sentence's subject: “第四条学校经费来源是…”
ARTICLE_PREFIX_RE = re.compile(r"^第" + CN_NUM + r"条")
# a 章程's name article: “第二条 学校名称:中山市坦洲镇裕洲小学”, “第二条 本医院名称是X。”
CHARTER_NAME_RE = re.compile(r"(?m)^[ \t]*(?:第" + CN_NUM + r"条[ \t]*)?(?:本|该)?(?:学校|单位|本馆|馆|医院|院|中心|所|站|博物馆|"
                             r"图书馆|纪念馆|文化馆|机构)?名称(?:是|为)?[ \t]*[:：]?[ \t]*(?P<u>[" + CJK + r"()]{3,40}?"
                             + INSTITUTION_SUFFIX + r")[ \t]*[。;]?[ \t]*$")

# a news item on a unit approved or set up: “9月3日,X正式获批设立,系…”
SET_UP_NEWS_RE = re.compile(r"(?:^|(?<=[\n。,]))[ \t]*(?P<u>[" + CJK + r"()]{4,40}?" + INSTITUTION_SUFFIX + r")(?:正式)?"
                            r"(?:获批|经批准|批准)(?:设立|成立|组建)(?=[,。;]|$)")
# its class in the same sentence: “,系全省首个县(市、区)正科级文物保护事业单位”
SET_UP_RANK_RE = re.compile(r"[ \t]*,[ \t]*(?:系|是|为)[^。;]{0,30}?(?P<r>" + RANK + r")[^。;,]{0,12}?事业单位")
# “该中心挂A、B牌子”: the unit spoken of as 该/本 + its kind
THIS_PLAQUE_RE = re.compile(r"(?:该|本)(?P<kind>[" + CJK + r"]{1,3})(?:同时)?(?:加挂|增挂|挂)[“\"]?(?P<names>[" + CJK + r"()、“”\"]{4,120}?)[”\"]?牌子")

# a budget note naming the unit only as the subject of its duties: “东莞市殡葬管理所部门主要职责:”
DUTY_SUBJECT_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"()]{4,40}?" + INSTITUTION_SUFFIX + r")(?:部门|单位)?(?:主要)?(?:职责|职能)"
                             r"(?:是|为)?[ \t]*[:：]")
# the subject of a staffing sentence: “周宁国有林场编制110人”, “X共有事业编制人数12名”
STAFF_SUBJECT_RE = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?:\d{4}年[,，]?[ \t]*)?(?P<u>[" + CJK + r"()]{4,40}?" + INSTITUTION_SUFFIX + r")"
                              r"(?:共有|核定|有)?(?P<type>(?:行政|事业|参公|全额拨款事业|差额拨款事业|自收自支事业)?)编制"
                              r"(?:人数|数)?(?:为|共)?[ \t]*(?P<n>" + NUM + r")[ \t]*[名人](?![员])")

# a counted list whose bare items share the suffix of the next one: “设有生产、财务、经销、森保股和办公室等五个股室”
COUNTED_SHARED_RE = re.compile(r"(?:内设|下设|设有|设置|共设|设)(?P<list>[" + CJK + r"()、]{4,200}?)等?[ \t]*(?P<n>" + NUM + r")[ \t]*个"
                               r"(?:股室|科室|处室|部室|职能科室|内设机构)")
# “X设立A、B、C、D等职能部门”: a 章程's or a description's uncounted list, under the unit's own name
SUBJECT_LIST_RE = re.compile(r"(?:^|(?<=[\n。;:]))[ \t]*(?:第" + CN_NUM + r"条[ \t]*)?(?P<subj>[" + CJK + r"()]{2,40}?)"
                             r"(?:内设|下设|设立|设置|设有)(?P<list>[" + CJK + r"()、]{4,300}?)等(?:职能部门|业务部门|部门|机构|科室|股室|部室)"
                             r"(?=[,，。;]|$)")
# a list's closing word taken into its last name: “翻译室等科室”
CLOSING_WORD_RE = re.compile(r"等(?:科室|股室|处室|部室|机构|部门|职能部门|单位)$")
# “共内设综合部等14个机构,分别为:” with the list itself cut off: the one body it names
FIRST_OF_COUNT_RE = re.compile(r"(?:共内设|内设|共设)(?P<name>[" + CJK + r"]{2,12}?" + BODY_SUFFIX + r")等[ \t]*" + NUM + r"[ \t]*个(?:内设)?(?:机构|科室|股室|处室|部室)")

NAME_RE = re.compile(r"[" + CJK + r"]{2,24}?" + BODY_SUFFIX)

# the rank inside a class statement: “是财政全额拨款的正科级公益性文化事业单位”, “根据编办核定正股级公益一类事业单位”
CLASS_RANK_RE = re.compile(r"(?:是|为|系|核定)[^。,;:]{0,20}?(?P<r>" + RANK + r")[^。,;:]{0,16}?事业单位")
# a rank stated as the unit's establishment: “副县级建制”
ESTABLISHMENT_RANK_RE = re.compile(r"(?:^|(?<=[,,;。]))[ \t]*(?P<r>(?:正|副)?(?:县|处|科|股|厅|局|县处|乡科)级)建制")
# “核定编制12人”: an untyped quota (staff on hand follows it: “现有工作人员37人”)
QUOTA_RE = re.compile(r"(?:^|(?<=[\n。]))[ \t]*核定编制(?:数)?(?:为)?[ \t]*(?P<n>" + NUM + r")[ \t]*[名人]")
# a budget note's title line with more after the report's name: “X2025年度部门预算、“三公”经费预算公开说明及填报口径说明”
BUDGET_TITLE_RE = re.compile(r"(?P<u>[" + CJK + r"()]{3,40}?" + INSTITUTION_SUFFIX + r")[ \t]*\d{4}[ \t]*年度?[ \t]*(?:部门|单位)?"
                             r"(?:预算|决算)[^。\n]{0,40}?(?:说明|公开)")
# an association's charter: “本会”, its members — a society, no unit of the 机构编制 system
ASSOCIATION_RE = re.compile(r"本会|本组织|本团体")


def _question(text: str) -> re.Match | None:
    """The title question of a Q&A or explainer, on one of the text's first lines."""
    head = "\n".join(text.split("\n")[:8])
    return QUESTION_RE.search(head)


def _one_unit(text: str, name: str) -> bool:
    """True when `name` is one unit, not a kind of body: it names a place, or the text gives its founding year."""
    return PLACE_CHARS_RE.search(name) is not None or re.search(re.escape(name) + FOUNDED_RE, text) is not None


def explainer_kind(text: str) -> str | None:
    """The kind of body an explainer asks about (“融媒体中心是什么性质事业单位”), when it names no one unit."""
    m = _question(text)
    if m is None or _one_unit(text, m["x"]):
        return None
    return m["x"]


def question_unit(text: str) -> Found | None:
    """The unit a Q&A title asks about (“武汉图书馆属于什么性质的单位”), when the answer describes that one unit."""
    m = _question(text)
    if m is None or NOT_A_NAME_RE.match(m["x"]) or not _one_unit(text, m["x"]):
        return None
    return Found(m["x"], m.start("x"), m.end("x"))


def charter_name(text: str) -> Found | None:
    """The unit a 章程 names in its name article (“学校名称:X”)."""
    m = CHARTER_NAME_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def set_up_news(text: str) -> tuple[Found, Found | None] | None:
    """(unit, rank) of a news item on a unit approved: “X正式获批设立,系…正科级…事业单位”."""
    for m in SET_UP_NEWS_RE.finditer(text):
        if NOT_A_NAME_RE.match(m["u"]):
            continue
        rm = SET_UP_RANK_RE.match(text, m.end())
        rank = Found(rm["r"], rm.start("r"), rm.end("r")) if rm else None
        return Found(m["u"], m.start("u"), m.end("u")), rank
    return None


def this_plaques(text: str, unit: str) -> list[Found]:
    """“该中心挂A、B牌子”: the plaques of the unit, spoken of by its kind."""
    out = []
    for m in THIS_PLAQUE_RE.finditer(text):
        if not unit.endswith(m["kind"]):
            continue
        pos = m.start("names")
        for piece in m["names"].split("、"):
            name = piece.strip("“”\"")
            if re.fullmatch(r"[" + CJK + r"()]{2,40}?" + INSTITUTION_SUFFIX, name) and name != unit:
                s = pos + piece.index(name)
                out.append(Found(name, s, s + len(name)))
            pos += len(piece) + 1
    return out


def duty_subject(text: str) -> Found | None:
    m = DUTY_SUBJECT_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def staff_subject(text: str) -> tuple[Found, dict, int, int] | None:
    """(unit, staffing entry, start, end) of “X编制110人” / “X共有事业编制人数12名”."""
    for m in STAFF_SUBJECT_RE.finditer(text):
        if NOT_A_NAME_RE.match(m["u"]) or re.search(r"(?:现有|实有|在编|在岗)$", m["u"]):
            continue
        count = to_int(m["n"])
        if count is None:
            continue
        if m["type"]:
            raw = m["type"] + "编制"
            entry = {"type": "事业编制" if "事业" in raw else "行政编制" if raw == "行政编制" else "其他编制",
                     "raw": raw, "count": count, "includes": []}
        else:
            entry = {"type": "其他编制", "raw": "编制", "count": count, "includes": [], "unknown": True}
        return Found(m["u"], m.start("u"), m.end("u")), entry, m.start("type"), m.end()
    return None


def shared_suffix_bodies(text: str) -> list[Found]:
    """The bodies of a counted list whose bare items take the suffix of the next named one (“生产、财务、经销、森保股和
    办公室等五个股室”: 生产股, 财务股, 经销股, 森保股, 办公室), only when that gives as many names as the count."""
    for m in COUNTED_SHARED_RE.finditer(text):
        listed, base = m["list"], m.start("list")
        pieces, pos = [], base
        for piece in listed.split("、"):
            pieces.append((piece, pos))
            pos += len(piece) + 1
        last, lpos = pieces[-1]
        am = re.fullmatch(r"(?P<a>.+?)(?:和|及|以及)(?P<b>.+)", last)
        if am:
            pieces[-1:] = [(am["a"], lpos), (am["b"], lpos + am.start("b"))]
        if len(pieces) != to_int(m["n"]):
            continue
        out: list[Found] = []
        bare: list[tuple[str, int]] = []
        for piece, ppos in pieces:
            if NAME_RE.fullmatch(piece):
                suffix = re.search(r"(?:股|科|室|处|部|站|所)$", piece)
                if bare and suffix is None:
                    break
                for name, bpos in bare:
                    out.append(Found(name + suffix.group(0), bpos, bpos + len(name)))
                bare = []
                out.append(Found(piece, ppos, ppos + len(piece)))
            elif re.fullmatch(r"[" + CJK + r"]{2,4}", piece):
                bare.append((piece, ppos))
            else:
                break
        else:
            if not bare and any(len(f.value) > f.end - f.start for f in out):
                return out
    return []


def subject_list_bodies(text: str, unit: str) -> list[Found]:
    """“X设立A、B、C、D等职能部门”, X being the unit read: its bodies."""
    for m in SUBJECT_LIST_RE.finditer(text):
        subj = ARTICLE_PREFIX_RE.sub("", m["subj"])
        if not (subj == unit or unit.endswith(subj) and len(subj) >= 2 or subj in ("本单位", "本馆", "本院", "本中心")):
            continue
        out, pos = [], m.start("list")
        for piece in m["list"].split("、"):
            if not NAME_RE.fullmatch(piece):
                out = []
                break
            out.append(Found(piece, pos, pos + len(piece)))
            pos += len(piece) + 1
        if len(out) >= 2:
            return out
    return []


def class_rank(text: str, unit: str) -> Found | None:
    """The rank in the unit's class statement or establishment (“是…正科级…事业单位”, “副县级建制”), in a sentence
    that names the unit (or, for “核定…”/“建制”, in the text of one unit)."""
    for rx in (CLASS_RANK_RE, ESTABLISHMENT_RANK_RE):
        for m in rx.finditer(text):
            start = max(text.rfind(c, 0, m.start()) for c in "。\n") + 1
            sentence = text[start:m.start()]
            if unit in sentence or rx is ESTABLISHMENT_RANK_RE or m.group(0).startswith("核定"):
                return Found(m["r"], m.start("r"), m.end("r"))
    return None


def budget_title(text: str) -> tuple[Found, Found] | None:
    """(title, unit) of a budget note whose title line, among the first four, runs on after the report's name."""
    pos = 0
    for n, raw in enumerate(text.split("\n")):
        if n >= 4:
            break
        m = BUDGET_TITLE_RE.fullmatch(raw.strip())
        if m is not None:
            s0 = pos + raw.index(raw.strip())
            return Found(m.group(0), s0, s0 + len(m.group(0))), Found(m["u"], s0 + m.start("u"), s0 + m.end("u"))
        pos += len(raw) + 1
    return None


def association_charter(text: str) -> bool:
    """True for a society's charter (“本会是由…自愿组成的非营利性公益组织”, its 会员): no unit, no duties of one."""
    return ASSOCIATION_RE.search(text) is not None and text.count("会员") >= 3


def apply(b, text: str) -> None:
    """The 事业单位 rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    kind = explainer_kind(text)
    if kind is not None and (not data.get("unit") or data["unit"] == kind):  # “融媒体中心是什么性质事业单位”
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques", "duties", "internal_bodies", "staffing", "posts",
                   "internal_leadership"))
        return
    if association_charter(text) and not data.get("unit"):  # “本会是由…自愿组成的…组织”: its members' rights are no duties
        _clear(b, ("duties", "internal_bodies", "staffing", "posts", "internal_leadership"))
        return
    unit = data.get("unit")
    if unit and ARTICLE_PREFIX_RE.match(unit):  # “第四条学校经费来源是…”: an article number is no part of a name
        _clear(b, ("unit", "short_name"))
    charter = charter_name(text)
    if charter is not None and (not data.get("unit") or len(data["unit"]) <= 3):  # “学校名称:X”
        _set(b, "unit", charter, replace=True)
    if not data.get("unit"):  # “武汉图书馆属于什么性质的单位”
        _set(b, "unit", question_unit(text), replace=True)
    news = set_up_news(text)
    if news is not None and (not data.get("unit") or data["unit"] == news[0].value):  # “X正式获批设立,系…正科级…事业单位”
        if not data.get("unit"):
            _set(b, "unit", news[0], replace=True)
        if not data.get("rank"):
            _set(b, "rank", news[1], replace=True)
    if not data.get("unit"):  # “东莞市殡葬管理所部门主要职责:”
        _set(b, "unit", duty_subject(text), replace=True)
    staffed = staff_subject(text)
    if not data.get("unit") and staffed is not None:  # “周宁国有林场编制110人”
        _set(b, "unit", staffed[0], replace=True)
    if data.get("unit") and not data["staffing"] and staffed is not None and staffed[0].value == data["unit"]:
        data["staffing"].append(staffed[1])
        b.span("staffing[0]", staffed[2], staffed[3])
    titled = budget_title(text) if not data.get("title") else None
    if titled is not None and (not data.get("unit") or data["unit"] == titled[1].value):  # “X2025年度部门预算、…说明”
        _set(b, "title", titled[0], replace=True)
        if not data.get("unit"):
            _set(b, "unit", titled[1], replace=True)
    if data.get("unit") and not data.get("rank"):  # “是财政全额拨款的正科级公益性文化事业单位”, “副县级建制”
        _set(b, "rank", class_rank(text, data["unit"]), replace=True)
    if data.get("unit") and not data["staffing"]:  # “核定编制12人”
        m = QUOTA_RE.search(text)
        # the sentence before names the unit: “X属于…事业单位。核定编制12人” (not “下属各中队核定编制12名”)
        before = text[max(text.rfind("。", 0, max(m.start() - 1, 0)), text.rfind("\n", 0, max(m.start() - 1, 0))) + 1:m.start()] \
            if m is not None else ""
        if m is not None and to_int(m["n"]) is not None and data["unit"] in before:
            data["staffing"].append({"type": "其他编制", "raw": "编制", "count": to_int(m["n"]), "includes": [], "unknown": True})
            b.span("staffing[0]", m.start(), m.end())
    if data.get("unit"):  # “该中心挂A、B牌子”
        for found in this_plaques(text, data["unit"]):
            b.add_plaque(found)
    # bodies
    for i, body in enumerate(data["internal_bodies"]):  # “翻译室等科室”: the list's closing word is no part of a name
        cm = CLOSING_WORD_RE.search(body["name"])
        if cm and re.search(BODY_SUFFIX + "$", body["name"][:cm.start()]):
            body["name"] = body["name"][:cm.start()]
            b.spans = [(p, s, s + len(body["name"])) if p == f"internal_bodies[{i}].name" else (p, s, e) for p, s, e in b.spans]
    shared = shared_suffix_bodies(text) if data.get("unit") else []
    names = [body["name"] for body in data["internal_bodies"]]
    if shared and len(names) < len(shared) and set(names) <= {f.value for f in shared}:
        _clear(b, ("internal_bodies",))
        b.add_bodies(shared)
    if not data["internal_bodies"] and data.get("unit"):  # “嘉兴博物馆设立展览部、研究部、教育部、行政办公室等职能部门”
        b.add_bodies(subject_list_bodies(text, data["unit"]))
    if not data["internal_bodies"] and data.get("unit"):  # “共内设综合部等14个机构,分别为:” cut off
        m = FIRST_OF_COUNT_RE.search(text)
        if m is not None:
            b.add_bodies([Found(m["name"], m.start("name"), m.end("name"))])
