"""Clause rules for 事业单位 texts of every kind (issue 12, split `heldout25`).

What the first run of `heldout25` (a 疾控中心's 信息公开 report, encyclopedia and Q&A entries, a 水利管理站's 单位预算, a
园林管理中心's member page, news on a 检测中心 or 地质大队 set up) showed the parser missing, in their shapes:
a plaque added in quotes with “的” (“增挂“河南省果树瓜类研究所”的牌子”), a quota in the unit's sentence that also counts the
staff on hand in another clause (“核定编制400人,现有在职职工357人”), a class statement at the end of a long clause
(“…整合…后设立的公益二类地勘事业单位”, “是集…为一体的专业化公益型单位”), a unit opening its paragraph with its
founding years (“临沂市青少年宫,1986年筹建,…属公益性差额事业单位”), a news item's unit set up (“正式组建X。”) and its
quota under the name without its place (“县X已核定编制27名”), a news item's 规定 in 《》 (“下发《X主要职责内设机构和人员编制
规定》”), and bodies as numbered headings “(一)、办公室” each over its duties, after “内设业务科室12个,包括”.

Kept apart from the other rule modules; the parser calls `apply` once, after its other 事业单位 rules. Every rule works
on the NFKC text the parser works on and records spans into it.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import BODY_SUFFIX, CJK, CN_NUM, RANK, UNIT_SUFFIX, Found
from .institution_clauses import INSTITUTION_SUFFIX
from .webcopy_clauses import NOT_A_NAME_RE, PLACE_CHARS_RE, _clear, _set

NAME_SUFFIX = r"(?:" + INSTITUTION_SUFFIX + r"|宫)"

# “增挂“河南省果树瓜类研究所”的牌子”: a plaque named in quotes, “的” before 牌子
QUOTED_PLAQUE_RE = re.compile(r"(?:加挂|增挂|挂)[“\"](?P<name>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")[”\"]的?牌子")
# an untyped quota: “核定编制400人”
QUOTA_RE = re.compile(r"核定(?:人员)?编制(?:数)?(?:为)?[ \t]*(?P<n>" + NUM + r")[ \t]*[名人]")
ON_HAND_RE = re.compile(r"实有|现有|在编|在职|核增|核减|增加|减少|下属|所属|各|每个|其中")
# a class statement ending a “是/为/属…的” clause: “…后设立的公益二类地勘事业单位”, “…为一体的专业化公益型单位”
CLASS_RE = re.compile(r"(?:的|属|属于)(?P<n>[" + CJK + r"]{0,6}?(?:公益[一二三]类|公益[型性]|全额拨款|差额拨款|差额预算|全额预算|"
                      r"自收自支|差额)[" + CJK + r"]{0,8}?(?:事业单位|单位|机构))(?=[。;,]|$)")
# “临沂市青少年宫,1986年筹建,1991年正式启用,…”: the unit opening its paragraph with its founding years
FOUNDED_OPENING_RE = re.compile(r"(?m)^[ \t]*(?P<u>[" + CJK + r"()]{3,30}?" + NAME_SUFFIX + r")[ \t]*[,，][ \t]*\d{4}[ \t]*年"
                                r"(?:[0-9]{1,2}月)?(?:筹建|始建|创建|组建|成立|建成|建立)")
# “正式组建崇阳县产品质量检验检测中心。”: a news item's unit set up, at the end of its sentence
# (a 事业单位's name: a government body set up — “组建省交通运输厅” — is another kind of news)
SET_UP_RE = re.compile(r"(?:正式)?(?:组建|成立|设立)(?:了)?(?P<u>(?!的)[" + CJK + r"()]{4,40}?"
                       r"(?:中心|站|所|院|队|馆|宫|场|园|学校|小学|中学))(?=[。;]|$)")
# “下发《孝昌县公共检验检测中心主要职责内设机构和人员编制规定》”: a news item on a unit's 规定; (heldout29) read out at a
# meeting: “…宣读《内蒙古自治区人民检察院职能配置、内设机构和人员编制规定》”
NEWS_RULES_RE = re.compile(r"(?:下发|印发|出台|制定|发布|宣读|传达|公布)(?:了)?《(?P<t>(?P<u>[" + CJK + r"()]{4,40}?" + NAME_SUFFIX + r")"
                           r"(?:主要职责|职能配置)、?内设机构和人员编制(?:规定|方案))》")
# “内设业务科室12个,包括”: the lead-in of bodies given as numbered headings, one a line, each over its duties
HEADING_LEAD_RE = re.compile(r"(?:内设|下设|设有)[" + CJK + r"]{0,4}(?:机构|科室|股室|部室|处室)[ \t]*(?:" + NUM + r")[ \t]*个[ \t]*[,，]?"
                             r"[ \t]*(?:包括|分别为|分别是|如下)[:：]?[ \t]*$")
HEADING_BODY_RE = re.compile(r"^[ \t]*[(（]" + CN_NUM + r"[)）][、.]?[ \t]*(?P<name>[" + CJK + r"]{2,20}?" + BODY_SUFFIX +
                             r"(?:[(（][" + CJK + r"]{2,10}[)）])?)[ \t]*$")
# “三家新组建的事业单位正式成立,分别是A、B、C”: a news item on several units set up at once — no one unit's facts
SEVERAL_SET_UP_RE = re.compile(r"(?:两|二|三|四|五|六|七|八|九|十|\d{1,2})[家个](?:新组建的|新成立的|新设立的)?(?:事业单位|单位|机构)"
                               r"[^。\n]{0,8}?(?:同日|同时)?(?:正式)?(?:成立|挂牌|组建|揭牌)[^。\n]{0,4}?[,，:：]?[ \t]*分别(?:是|为)")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in "。\n") + 1
    end = min((e for e in (text.find(c, pos) for c in "。\n") if e != -1), default=len(text))
    return start, end


def _names_unit(sentence: str, unit: str) -> bool:
    """The sentence speaks of the unit: by its name, or by the name's last part (“研究所”, “县产品质量检验检测中心”)."""
    if unit in sentence:
        return True
    m = re.search(r"(?:^|[,，。;])[ \t]*(?:目前|现|1\d{3}年|20\d{2}年)?[,，]?[ \t]*(?P<s>[" + CJK + r"]{2,30}?" + NAME_SUFFIX + r")", sentence)
    return m is not None and unit.endswith(m["s"]) and len(m["s"]) >= 3


def quoted_plaques(text: str, unit: str) -> list[Found]:
    """“(研究所)…增挂“X”的牌子” in a sentence that speaks of the unit."""
    out = []
    for m in QUOTED_PLAQUE_RE.finditer(text):
        s, _ = _sentence(text, m.start())
        if _names_unit(text[s:m.start()], unit) and m["name"] != unit:
            out.append(Found(m["name"], m.start("name"), m.end("name")))
    return out


def clause_quota(text: str, unit: str) -> Found | None:
    """“核定编制400人” in a sentence that speaks of the unit, its own clause stating no staff on hand."""
    for m in QUOTA_RE.finditer(text):
        s, _ = _sentence(text, m.start())
        before = text[s:m.start()]
        clause = re.split(r"[,，;:]", before)[-1]
        if ON_HAND_RE.search(clause) or to_int(m["n"]) is None or not _names_unit(before, unit):
            continue
        return Found({"type": "其他编制", "raw": "编制", "count": to_int(m["n"]), "includes": [], "unknown": True},
                     m.start(), m.end())
    return None


def class_nature(text: str, unit: str) -> Found | None:
    """The class that ends a clause of the unit's own sentence (“…后设立的公益二类地勘事业单位”)."""
    for m in CLASS_RE.finditer(text):
        s, _ = _sentence(text, m.start())
        before = text[s:m.start()]
        if re.search(r"原|曾|早期|后改为|不属于|不是", before[-12:]):  # a former status
            continue
        if re.search(r"其余|其他|以上|除[^,，]{0,40}外|下属|所属", before):  # other units' class (“其余单位属全额拨款事业单位”)
            continue
        if _names_unit(before, unit):
            return Found(m["n"], m.start("n"), m.end("n"))
    return None


def founded_opening(text: str) -> Found | None:
    """The unit of “X,1986年筹建,…”, its place named."""
    m = FOUNDED_OPENING_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]) or PLACE_CHARS_RE.search(m["u"]) is None:
        return None
    return Found(m["u"], m.start("u"), m.end("u"))


def set_up_unit(text: str) -> Found | None:
    """The one unit a news item says was set up (“正式组建X。”), its place named."""
    found = [m for m in SET_UP_RE.finditer(text) if PLACE_CHARS_RE.search(m["u"]) and not NOT_A_NAME_RE.match(m["u"])]
    if len({m["u"] for m in found}) != 1:
        return None
    m = found[0]
    return Found(m["u"], m.start("u"), m.end("u"))


def news_rules(text: str) -> tuple[Found, Found] | None:
    """(title, unit) of a news item on a unit's 规定 quoted in 《》."""
    m = NEWS_RULES_RE.search(text)
    if m is None or NOT_A_NAME_RE.match(m["u"]):
        return None
    return Found(m["t"], m.start("t"), m.end("t")), Found(m["u"], m.start("u"), m.end("u"))


def heading_bodies(text: str) -> list[Found]:
    """Bodies as numbered heading lines after “内设业务科室12个,包括”, each line over its duties; a heading cut off by the
    page (“(六)、免”) is no body."""
    lines = text.split("\n")
    pos, out, lead = 0, [], False
    for line in lines:
        if lead:
            m = HEADING_BODY_RE.match(line)
            if m is not None:
                out.append(Found(m["name"], pos + m.start("name"), pos + m.end("name")))
            elif re.match(r"^[ \t]*" + CN_NUM + r"、", line):  # the next part of the text
                break
        elif HEADING_LEAD_RE.search(line):
            lead = True
        pos += len(line) + 1
    return out if len(out) >= 2 else []


def apply(b, text: str) -> None:
    """The heldout25 rules on a parse result `b` (the parser's builder: `data`, `spans`, `span()`, `meta`)."""
    data = b.data
    if SEVERAL_SET_UP_RE.search(text[:600]):  # several units set up at once: none of them is the text's unit
        _clear(b, ("unit", "short_name", "nature", "rank", "plaques", "duties", "internal_bodies", "staffing", "posts",
                   "internal_leadership"))
        return
    if not data.get("title"):
        found = news_rules(text)
        if found is not None and (not data.get("unit") or data["unit"] == found[1].value):
            _set(b, "title", found[0], replace=True)
            _set(b, "unit", found[1], replace=True)
    if not data.get("unit"):
        _set(b, "unit", founded_opening(text) or set_up_unit(text), replace=True)
    unit = data.get("unit")
    if not unit:
        return
    for found in quoted_plaques(text, unit):
        b.add_plaque(found)
    if not data["staffing"]:
        found = clause_quota(text, unit)
        if found is not None:
            data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    if not data.get("nature") or re.fullmatch(RANK + r"事业单位", data["nature"]):  # “副县级事业单位” is a rank only
        _set(b, "nature", class_nature(text, unit), replace=True)
    if not data["internal_bodies"]:
        headings = heading_bodies(text)
        if headings:  # each heading's duties are the body's: a duty read as “、办公室负责…” is none of the unit's
            names = tuple(f.value for f in headings)
            keep = [i for i, d in enumerate(data["duties"]) if not d.lstrip("、.． \t").startswith(names)]
            if len(keep) != len(data["duties"]):
                new_index = {f"duties[{old}]": f"duties[{new}]" for new, old in enumerate(keep)}
                data["duties"] = [data["duties"][i] for i in keep]
                b.spans = [(new_index[sp[0]], sp[1], sp[2]) if sp[0] in new_index else sp for sp in b.spans
                           if not sp[0].startswith("duties[") or sp[0] in new_index]
        b.add_bodies(headings)
