"""Clause rules for the shapes the second final unseen split (`heldout_final2`, issue 12) showed the parser missing.

Budget notes whose title is printed over two lines (“X⏎2023年部门预算”, “2018年度X⏎部门决算公开说明”, sometimes under a
page number “1”), mirror sites that glue an anti-copy string of ASCII letters, digits and punctuation at the end of
every paragraph (“…、四科、 p3:9jq,1gM8+2e⏎文电科、…”), a run-in body list “现设职能科(室)23个,分别为:A、B…”, and
general articles about a kind of body (“县农机局,全称为…,属于县级部门”) that name no particular unit. Kept apart from
`clauses` and the other rule modules so that each rule stays one small function the parser calls in one place.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM

from .budget_clauses import split_list
from .clauses import CJK, UNIT_SUFFIX, Found, lines_with_starts

# an anti-copy string a mirror site glues at the end of a paragraph: “ z5.7wb,.4eb24Y”, “ M5;9By4-2Cv28l”,
# “ k5~9ZD,!9Gx6+2d” (any printable ASCII)
JUNK_TAIL_RE = re.compile(r"(?<=[^\x00-\x7f]|[:;,.])(?P<j>[ \t]+[!-~]{8,24})[ \t]*$", re.M)
# the same inside a line, when the copy lost its line breaks: “…任务是: k5~9ZD,!9Gx6+2d1.宣传…” (the shortest string
# before Chinese text or before the next item's number)
JUNK_RUN_RE = re.compile(r"(?<=[^\x00-\x7f]|[:;,.])(?P<j>[ \t]+[!-~]{8,24}?)(?=(?:[1-9]\d?[.、])?[\u4e00-\u9fff])")


def _is_junk(token: str) -> bool:
    """Letters, digits and at least two punctuation marks mixed in one string: no word, number, code or address."""
    return (sum(c.isalpha() for c in token) >= 2 and sum(c.isdigit() for c in token) >= 2
            and sum(not c.isalnum() for c in token) >= 2 and not re.search(r"[A-Za-z]{5}|://|www|@", token))


def blank_junk(text: str) -> str:
    """The text with every anti-copy string at a line end (after Chinese text) replaced by as many spaces, so that
    every offset into the text stays the same."""
    if not re.search(r"[,.;:=+\-!?]", text):
        return text

    def blank(m: re.Match) -> str:
        return " " * len(m["j"]) if _is_junk(m["j"].strip()) else m["j"]

    return JUNK_RUN_RE.sub(blank, JUNK_TAIL_RE.sub(blank, text))


# a body list run in after its count, the list allowed over a line break: “现设职能科(室)23个,分别为:A、B、…、X。”
RUN_IN_LIST_RE = re.compile(
    r"(?:现设|内设|下设|设有|设置|共设)\s*(?:职能|内设|业务)?(?:科\(室\)|处\(室\)|股\(室\)|科室|处室|股室|机构|部门)"
    r"\s*" + NUM + r"\s*个\s*[,]\s*(?:分别)?(?:为|是)\s*[:]?")
# where the list ends: a full stop, a semicolon, a colon, or a line break that does not follow a “、”
LIST_END_RE = re.compile(r"[。;:]|(?<![、 \t])[ \t]*\n|、[ \t]*\n[ \t]*\n")
BODY_NAME_RE = re.compile(r"[" + CJK + r"]{2,20}(?:\([" + CJK + r"]{1,30}\))?")


def run_in_bodies(text: str) -> list[Found]:
    """Bodies listed after their count (“现设职能科(室)23个,分别为:A、B…”), the list running over line breaks that
    follow a “、”; every name a body name (CJK, with its bracket), at least three, or nothing."""
    for m in RUN_IN_LIST_RE.finditer(text):
        end = LIST_END_RE.search(text, m.end(), m.end() + 800)
        value = text[m.end():end.start() if end is not None else min(len(text), m.end() + 800)]
        base = m.end()
        names = split_list(value, base)
        if len(names) >= 3 and all(BODY_NAME_RE.fullmatch(n.value) for n in names):
            return names
    return []


# a title printed over two lines: the unit (a year before or after it) on one, the kind of note on the next
TITLE_HEAD_RE = re.compile(r"[ \t]*(?P<y1>\d{4}[ \t]*年度?)?[ \t]*(?P<u>(?!第[一二三四五六七八九十\d]+部分)[" + CJK
                           + r"()]{3,40}?" + UNIT_SUFFIX + r")[ \t]*(?P<y2>\d{4}[ \t]*(?:年度?)?)?[ \t]*")
TITLE_TAIL_RE = re.compile(r"[ \t]*(?P<y>\d{4}[ \t]*年度?)?[ \t]*(?:部门|单位)(?:预算|决算)(?:[" + CJK + r"“”\"]{0,16}?"
                           r"(?:说明|公开|预算|决算|报告|信息))?[ \t]*")
PAGE_NUMBER_RE = re.compile(r"[ \t]*\d{1,3}[ \t]*")


def two_line_title(text: str, max_lines: int = 4) -> tuple[Found, Found] | None:
    """(title, unit) of a budget or final-accounts note whose title is printed over two of its first lines: a line
    that is a unit's name (with the year before or after it) and the next line the kind of note (“2023年部门预算”,
    “部门决算公开说明”); the year in one of the two lines, not both; a page number line above is passed over. The
    title's white space is dropped."""
    lines, offsets = lines_with_starts(text)
    seen = 0
    for i, ln in enumerate(lines[:-1]):
        if ln.startswith("#") or not ln.strip() or PAGE_NUMBER_RE.fullmatch(ln):
            continue
        seen += 1
        if seen > max_lines:
            break
        head = TITLE_HEAD_RE.fullmatch(ln)
        tail = TITLE_TAIL_RE.fullmatch(lines[i + 1])
        if head is None or tail is None:
            continue
        years = [y for y in (head["y1"], head["y2"], tail["y"]) if y]
        if len(years) != 1:
            continue
        s = offsets[i] + len(ln) - len(ln.lstrip())
        e = offsets[i + 1] + len(lines[i + 1].rstrip())
        title = re.sub(r"\s+", "", ln + lines[i + 1])
        return Found(title, s, e), Found(head["u"], offsets[i] + head.start("u"), offsets[i] + head.end("u"))
    return None


# a unit named by its type under a bare 县/市/区 with no place before it: “县农机局”, “市民政局”
BARE_PLACE_UNIT_RE = re.compile(r"[县市区](?![委政级])[" + CJK + r"]{1,8}?" + UNIT_SUFFIX)
# how an article about a kind of body speaks: “组织架构通常包括…”, “在我国，县级是…”
GENERAL_WORDS_RE = re.compile(r"通常|一般(?:来说|而言|包括|设有)|在我国|各地")
# a word before a bare 县/市/区 that names no place: “本县”, “属于县级”, “与县农业局合作”
FUNCTION_CHARS = set("为本与受于是各全该在和及对向由到从同跟将把被给即等或、")
GENERIC_PLACE_WORDS = ("行政区", "辖区", "地区", "城区", "社区", "城市", "都市", "县市", "市县", "县区", "区县", "省市")


def bare_place_unit(unit: str | None, text: str) -> bool:
    """True when the unit read is a kind of body under a bare 县/市/区 (“县农机局”) in an article that speaks of the kind
    in general (“通常”, “在我国”) and names no place anywhere: the article is about the kind, not a unit."""
    if not unit or BARE_PLACE_UNIT_RE.fullmatch(unit) is None or GENERAL_WORDS_RE.search(text) is None:
        return False
    place = unit[0]
    body = "\n".join(ln for ln in text.split("\n") if not ln.startswith("#"))
    for m in re.finditer(place, body):
        p = m.start()
        before = body[p - 1] if p else ""
        if not re.fullmatch(r"[" + CJK + r"]", before) or before in FUNCTION_CHARS or body[p + 1:p + 2] == "级":
            continue
        if any(body[max(0, p - len(g) + 1):p + 1] == g or body[p:p + len(g)] == g for g in GENERIC_PLACE_WORDS):
            continue
        return False  # “平阳县农机局”: a place is named
    return True


# a heading line naming duties and ending in a colon: “办公室机构职能:”, “局机关主要职责:”
COLON_DUTY_HEADING_RE = re.compile(r"[ \t]*[" + CJK + r"()]{0,12}(?:职能|职责)[ \t]*[:][ \t]*")
# a duty on its own line numbered “(一)”, opening with what is done
CN_ITEM_DUTY_RE = re.compile(r"[ \t]*[(](?P<n>[一二三四五六七八九十]{1,3})[)][ \t]*(?P<item>(?:负责|承担|组织|拟订|拟定|"
                             r"指导|协助|参与|监督|贯彻|研究|协调|办理|管理|开展|制定|起草|督促|统筹)[^\n]*)")
_CN_DIGITS = "一二三四五六七八九十"


def colon_heading_duties(text: str) -> list[Found]:
    """Duties numbered “(一)”, “(二)”… each on its own line right under a heading line “X职能:” (an anti-copy string
    after the colon blanked), in order from (一), each opening with a duty verb; the run ends at the first other
    non-blank line. One item is enough: a page cut off after the first duty still names it."""
    lines, offsets = lines_with_starts(text)
    for i, ln in enumerate(lines):
        if not COLON_DUTY_HEADING_RE.fullmatch(ln):
            continue
        items: list[Found] = []
        for j in range(i + 1, len(lines)):
            if not lines[j].strip():
                continue
            m = CN_ITEM_DUTY_RE.fullmatch(lines[j])
            if m is None or len(m["n"]) != 1 or _CN_DIGITS.index(m["n"]) != len(items):
                break
            value = m["item"].strip()
            s = offsets[j] + m.start("item")
            items.append(Found(value, s, s + len(value)))
        if items:
            return items
    return []
