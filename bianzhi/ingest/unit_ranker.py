"""The unit's name where the rules name none: a small ranker learned from the corpus (ADR 0062).

The rules that find the unit (parser, name_forms, the *_clauses modules) read the clauses they were written for; on a
page they were never tuned on they are often silent — a chronicle section that names its bureau only in a sentence
(“1990年2月,正式成立X区统计局,编制3人。”), a budget note whose unit stands only in its contents list, an
introduction without “是…”. What every such page shares is how a unit's name looks and where it stands, so:

- candidates: each run of Chinese characters that ends in an organ or unit suffix (clauses.UNIT_SUFFIX: 局, 委员会,
  办公室, 中心, 馆, 社, …) and starts where a name can start — after a line start, punctuation or a digit, or after a
  lead word (成立, 设立, 改称, 更名为, 保留, 是, 为, 和, 的, …);
- features: the name's own shape (length, suffix class, place prefix, a bare 县/市/区 prefix, a national 国家/中共
  prefix, a body's 科/股/室 suffix), what stands before it (line start, punctuation, a founding, renaming or keeping
  verb, a conjunction, 的), what follows it (是/为 — the subject of a statement, 负责, 设/内设/下设, 编制, a year and
  年度 — a budget title, 、 — a list item), how often and where it stands (first line, a short heading line, how far
  into the text, how often it is named, whether it is the most named), whether a longer candidate ends with it, and
  how many different names the text gives (a text on several units);
- a log-linear model over them (`data/unit_ranker.json`): each candidate's share of a softmax over the text's
  candidates and “no unit named”, trained on the TUNE texts' labels by
  scripts/train_unit_ranker.py (deterministic), its threshold chosen by cross-fitting (each half of TUNE scored by the
  model trained on the other half).

Where it is asked (`parser.parse`: the rules give no unit, or only a pronoun such as “我中心”), its best name is
taken only if the model's share reaches the threshold and the name heads the page (a heading with a title word in
the first lines, “一、X基本情况”, “X简介”; the page's first words as a subject or a name of their own; the name the
page gives most as a subject), or, on a chronicle section headed by its topic (“第二章 统计管理”, “第二辑 供销合作社”),
it is the name sharing the heading's words that the latest dated record sets up, renames or describes. Either way it
must be one body's own name: with its place (a bare 县/区/市 one only where a dated record names it), not a kind
(“疾控中心”), not listed with others of its kind, not a notice's issuer. The parser's rules that follow (a bare
name completed with the place the text gives its other bodies, several units named together, a body of another
unit) apply to it as to theirs.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from .clauses import CJK, UNIT_SUFFIX, Found

WEIGHTS = Path(__file__).resolve().parent / "data" / "unit_ranker.json"

_SUFFIX_AT_RE = re.compile(r"(?=(" + UNIT_SUFFIX + r"))")
_HAN_RE = re.compile(r"[" + CJK + r"]")
_LEADS = ("正式成立", "成立", "设立", "组建", "建立", "新建", "改称", "更名为", "改名为", "改为", "恢复", "保留", "撤销",
          "为", "是", "将", "称", "由", "原", "经", "同意", "设", "下属", "隶属", "和", "与", "及", "的", "在", "对", "了",
          "即", "并入", "归", "系", "并", "又", "年", "月", "日", "部分", "设置", "机构", "进驻", "年度", "名称", "单位",
          "概况", "简介", "词条", "释义", "关于", "印发")
_LEAD_KIND = {"正式成立": "found", "成立": "found", "设立": "found", "组建": "found", "建立": "found", "新建": "found",
              "恢复": "found", "改称": "rename", "更名为": "rename", "改名为": "rename", "改为": "rename",
              "保留": "keep", "撤销": "drop", "为": "copula", "是": "copula", "系": "copula", "和": "conj", "与": "conj",
              "及": "conj", "并": "conj", "的": "of", "年": "date", "月": "date", "日": "date"}
_BAD_START_RE = re.compile(r"^(?:我|本|该|各|全|其|此|每|有关|相关|下设|内设|设有|主要|负责|承担)")
_PLACE_RE = re.compile(r"^[" + CJK + r"]{2,8}?(?:省|自治区|市|县|区|州|旗|盟|镇|乡)(?=[" + CJK + r"]{2})")
_BARE_PLACE_RE = re.compile(r"^(?:省|市|县|区|州|旗|镇|乡)(?=[" + CJK + r"]{2})")
# a level or a kind of area, not a place's name: “自治区人民政府”, “随着城区…”, “开发区管委会”
_KIND_PLACE_RE = re.compile(r"^(?:自治[区州县旗]|特别行政区)$|(?:城区|辖区|园区|社区|景区|新区|开发区|市区|县区|郊区|城市|各[省市县区])$|^(?:随着|根据|按照|全[省市县区])")
_NATIONAL_RE = re.compile(r"^(?:中共|中国|国家|国务院|全国|中华)")
_TITLE_WORD_RE = re.compile(r"预算|决算|规定|方案|简介|概况|基本情况|通知|批复|志|介绍|词条")
_SUFFIX_CLASSES = ("委员会", "办公室", "管理局", "局", "中心", "馆", "社", "院", "所", "站", "队", "厅", "部", "委",
                   "办", "政府", "学校", "会", "科", "股", "室", "处", "联", "协")


def _suffix_class(name: str) -> str:
    for s in _SUFFIX_CLASSES:
        if name.endswith(s):
            return s
    return "other"


# a suffix character that begins a longer word here is no name's end: “暂行办法”, “部分”, “会议”, “所有”, “社会”
_WORD_ON = {"办": "法理事学", "部": "分门署", "会": "议员计谈", "所": "有以属在得", "院": "校", "站": "点", "处": "理置",
            "社": "会区", "队": "伍列员", "科": "学技研", "室": "内外", "局": "面势限部"}


def _word_goes_on(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _WORD_ON.get(text[end - 1], "")


def candidates(text: str) -> dict[str, int]:
    """Each candidate name → the position of its first occurrence."""
    ends = sorted({m.start() + len(m.group(1)) for m in _SUFFIX_AT_RE.finditer(text)
                   if not _word_goes_on(text, m.start() + len(m.group(1)))})
    found: dict[str, int] = {}
    for e in ends:
        s = e - 2
        while s >= 0 and e - s <= 24 and _HAN_RE.match(text[s]):
            if e - s >= 3:
                prev = text[s - 1] if s else "\n"
                ok = not _HAN_RE.match(prev) or any(text.endswith(w, 0, s) for w in _LEADS)
                name = text[s:e]
                if ok and not _BAD_START_RE.match(name) and name not in found:
                    found[name] = s
            s -= 1
    return found


def _lead_of(text: str, s: int) -> str:
    if s == 0 or text[s - 1] == "\n":
        return "line"
    prev = text[s - 1]
    if not _HAN_RE.match(prev):
        if prev in "。;!?":
            return "end"
        if prev in ",、,":
            return "comma"
        if prev in ":":
            return "colon"
        if prev in "“《(【〔":
            return "open"
        if prev.isdigit():
            return "digit"
        return "space" if prev.isspace() else "other"
    for w in _LEADS:
        if text.endswith(w, 0, s):
            return _LEAD_KIND.get(w, "word")
    return "word"


def _follow_of(text: str, e: int) -> str:
    rest = text[e:e + 4]
    if not rest or rest[0] == "\n":
        return "line"
    for kind, pat in (("subject", r"(?:是|为|系|作为)"), ("duty", r"(?:负责|承担|主管|主要)"), ("sets", r"(?:设|内设|下设|下辖)"),
                      ("staff", r"(?:编制|现有|共有|有干部|有职工)"), ("year", r"\d{4}年"), ("head", r"(?:局长|主任|馆长|站长|社长|所长)"),
                      ("of", r"的"), ("list", r"[、和与及]"), ("comma", r"[,,]"), ("end", r"[。;]"), ("open", r"[((]"),
                      ("close", r"[”》)】〕]"), ("founded", r"(?:成立|设立|组建|建立|始建|创建|于)")):
        if re.match(pat, rest):
            return kind
    return "other"


def _line_of(text: str, pos: int) -> tuple[int, int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end == -1 else end
    return start, end, text.count("\n", 0, start)


_INNER_VERB_RE = re.compile(r"(?:并入|改称|更名|改为|成立|设立|组建|撤销|隶属|合并|划归|负责|设有|下设|内设|以及|召开|举行)")
_EVENT_KINDS = {"found", "rename", "keep"}


def _core(name: str) -> str:
    """The name without its place and suffix: what a heading on the same topic shares with it."""
    m = _PLACE_RE.match(name) or _BARE_PLACE_RE.match(name) or _NATIONAL_RE.match(name)
    core = name[m.end():] if m else name
    return re.sub(UNIT_SUFFIX + r"$", "", core) or core


def _heading(text: str) -> str:
    """The page's first short lines (≤ 30 characters among its first three non-empty ones): its heading."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:3]
    return "".join(ln for ln in lines if len(ln) <= 30)


def features(text: str, cands: dict[str, int]) -> list[dict[str, float]]:
    """One feature dict per candidate (in the order of `cands`)."""
    n = max(1, len(text))
    heading = _heading(text)
    head_grams = {heading[i:i + 2] for i in range(len(heading) - 1)}
    last_event: dict[str, int] = {}
    for c in cands:
        for m in re.finditer(re.escape(c), text):
            if _lead_of(text, m.start()) in _EVENT_KINDS:
                last_event[c] = m.start()
    latest = max(last_event.values(), default=-1)
    counts = {c: text.count(c) for c in cands}
    top = max(counts.values(), default=0)
    distinct_named = sum(1 for c, k in counts.items() if k >= 2 and (_PLACE_RE.match(c) or _BARE_PLACE_RE.match(c)))
    out = []
    for c, pos in cands.items():
        f: dict[str, float] = {"bias": 1.0}
        length = len(c)
        f["len_log"] = math.log(length)
        f["len_" + ("3-4" if length <= 4 else "5-6" if length <= 6 else "7-9" if length <= 9 else "10-14" if length <= 14 else "15+")] = 1.0
        f["suffix_" + _suffix_class(c)] = 1.0
        if _NATIONAL_RE.match(c):
            f["national"] = 1.0
        elif _BARE_PLACE_RE.match(c):
            f["bare_place"] = 1.0
        elif (place := _PLACE_RE.match(c)) and not _KIND_PLACE_RE.search(place.group()):
            f["place"] = 1.0
        else:
            f["no_place"] = 1.0
        # every occurrence: what stands before and after it
        leads, follows = set(), set()
        occurrences = 0
        for m in re.finditer(re.escape(c), text):
            occurrences += 1
            if occurrences > 12:
                break
            leads.add(_lead_of(text, m.start()))
            follows.add(_follow_of(text, m.end()))
        for k in leads:
            f["lead_" + k] = 1.0
        for k in follows:
            f["follow_" + k] = 1.0
        first_lead = _lead_of(text, pos)
        f["first_lead_" + first_lead] = 1.0
        k = counts[c]
        f["count_log"] = math.log(1 + k)
        if k == top and k >= 2:
            f["most_named"] = 1.0
        f["pos"] = pos / n
        if pos < 200:
            f["early"] = 1.0
        start, end, line_no = _line_of(text, pos)
        line = text[start:end]
        if line_no == 0:
            f["first_line"] = 1.0
        elif line_no <= 3:
            f["head_lines"] = 1.0
        if len(line.strip()) <= 30:
            f["short_line"] = 1.0
        if _TITLE_WORD_RE.search(line) and len(line) <= 60:
            f["title_line"] = 1.0
        if line.strip() == c:
            f["alone_on_line"] = 1.0
        # a longer candidate ending with this name (“统计局” inside “城厢区统计局”), or this one inside a longer one
        if any(o != c and o.endswith(c) for o in cands):
            f["has_longer"] = 1.0
        if any(o != c and c.endswith(o) and counts[o] > k for o in cands):
            f["shorter_named_more"] = 1.0
        if any(o != c and o.endswith(c) and _PLACE_RE.match(o) for o in cands):
            f["placed_longer"] = 1.0  # “市农业农村局” where “醴陵市农业农村局” is named too
        if re.search(r"[省市县区](?=[" + CJK + r"]{2})", c[2:]) and not (_PLACE_RE.match(c) or _NATIONAL_RE.match(c)):
            f["inner_place"] = 1.0  # “第一部分市博物馆”, “设置湖北省卫生厅”: words before the name
        if any(c.startswith(w) for w in _LEADS if len(w) >= 2) or _INNER_VERB_RE.search(c):
            f["verb_inside"] = 1.0  # “正式成立X局”, “隶属区司法局”, “县供销社并入商业局”
        core = _core(c)
        grams = {core[i:i + 2] for i in range(len(core) - 1)}
        if grams:
            f["heading_overlap"] = len(grams & head_grams) / len(grams)  # “第二辑 供销合作社” over “县供销合作社”
        if c in last_event and last_event[c] == latest:
            f["latest_event"] = 1.0  # the last one set up, renamed or kept: a chronicle's unit as it ends
        f["first_" + c[0]] = 1.0
        f["prev_" + (text[pos - 1] if pos and _HAN_RE.match(text[pos - 1]) else "x")] = 1.0
        f["distinct_named_log"] = math.log(1 + distinct_named)
        out.append(f)
    return out


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"])


def logit(feats: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


def shares(logits: list[float]) -> list[float]:
    """Each candidate's share of the text: a softmax over the candidates and “no unit named” (logit 0)."""
    top = max([0.0] + logits)
    exps = [math.exp(z - top) for z in logits]
    total = math.exp(-top) + sum(exps)
    return [e / total for e in exps]


def ranked(text: str, weights: dict[str, float] | None = None) -> list[tuple[float, str, int, dict[str, float]]]:
    """The candidates best first: (share, name, first position, features)."""
    cands = candidates(text)
    if not cands:
        return []
    weights = weights if weights is not None else _model()[0]
    feats = features(text, cands)
    ps = shares([logit(f, weights) for f in feats])
    return sorted(((p, c, cands[c], f) for p, c, f in zip(ps, cands, feats, strict=True)), key=lambda t: (-t[0], -len(t[1])))


def best(text: str, weights: dict[str, float] | None = None) -> tuple[str, int, float] | None:
    """The candidate the model scores highest, with its first position and its share (None: no candidate)."""
    top = ranked(text, weights)
    return (top[0][1], top[0][2], top[0][0]) if top else None


_LISTED_RE = r"(?:、|和|与|及|以及)"


def _specific(f: dict[str, float]) -> bool:
    """A name of one body, not of a kind: with its place (or 国家/中共…), or, bare (“县X局”, “X中心”), named where a
    dated record sets it up, renames or keeps it (“1990年2月,正式成立X”, “1973年初改称X”)."""
    if "verb_inside" in f or "inner_place" in f or "suffix_other" in f:
        return False
    if "place" in f or "national" in f:
        return True
    return bool(({"lead_date"} | _RECORDED) & set(f))


def _listed_with_peers(text: str, name: str) -> bool:
    """“云城区林业局、云安区林业局、罗定市林业局”: named in a list with others of its kind — several units."""
    kind = re.search(UNIT_SUFFIX + r"$", name)
    tail = name[kind.start():] if kind else name[-1:]
    peer = r"[" + CJK + r"]{2,20}?" + re.escape(tail)
    return bool(re.search(re.escape(name) + _LISTED_RE + peer, text) or re.search(peer + _LISTED_RE + re.escape(name), text))


# a dated record of the unit: set up, renamed or kept (“改称X”), or stating its bodies or staff (“X设办公室、…,编制13人”)
_RECORDED = {"lead_found", "lead_rename", "lead_keep", "follow_sets", "follow_staff"}
# a chronicle's section heading: “第二章 统计管理”, “第二辑 供销合作社”, “三、图书馆” (not an article's title)
_SECTION_HEAD_RE = re.compile(r"^(?:第[一二三四五六七八九十百〇零\d]{1,4}[章节辑篇编卷部类]|[一二三四五六七八九十]{1,3}、)")
# a headline on several places' bodies: “多省挂牌…”, “各地…”, “湖南、广东、广西等…”
_SEVERAL_RE = re.compile(r"(?:多|各|等|数)(?:个)?(?:省|市|县|区|地)|[" + CJK + r"]{2,3}、[" + CJK + r"]{2,3}(?:、|等|和)")
_BODY_SUFFIX_CLASSES = {"suffix_科", "suffix_股", "suffix_室", "suffix_处", "suffix_other"}


def _chronicle_unit(text: str, top: list[tuple[float, str, int, dict[str, float]]]):
    """A chronicle section headed by its topic (“第二章 统计管理”, “第二辑 供销合作社”): of the names that share the
    heading's words, the one the latest dated record sets up, renames or keeps (“1990年2月,正式成立X区统计局”)."""
    if len(re.findall(r"\d{4}年", text)) < 2 or not _SECTION_HEAD_RE.match(_heading(text)):
        return None
    events = [(f.get("latest_event", 0.0), f["heading_overlap"], p, c, pos, f) for p, c, pos, f in top
              if f.get("heading_overlap", 0.0) >= 0.5 and _RECORDED & set(f)
              and not (_BODY_SUFFIX_CLASSES & set(f)) and "verb_inside" not in f and "inner_place" not in f
              and {"place", "bare_place", "national"} & set(f)]  # “县X局”, not a kind (“乡镇全部建立司法所”)
    if not events:
        return None
    last = _last_event_position(text, [e[3] for e in events])
    chosen = max(events, key=lambda e: (last[e[3]], e[1], len(e[3])))
    return chosen[3], chosen[4], chosen[5]


def _last_event_position(text: str, names: list[str]) -> dict[str, int]:
    out = {}
    for name in names:
        out[name] = max((m.start() for m in re.finditer(re.escape(name), text)
                         if _lead_of(text, m.start()) in _EVENT_KINDS), default=-1)
    return out


def _heads_page(f: dict[str, float]) -> bool:
    """The page is about this name: it stands in a heading with a title word in its first lines (“一、X基本情况”,
    “X简介”), or opens the page as a subject or a name of its own (“X(简称Y)是…”, “X⏎”), or it is the name the
    page gives most, as the subject of a statement (“X是…”)."""
    if ("first_line" in f or "head_lines" in f) and "title_line" in f:
        return True
    if "first_line" in f and {"follow_subject", "follow_open", "follow_line", "follow_year", "follow_founded"} & set(f):
        return True
    return "most_named" in f and "follow_subject" in f


def unit_when_silent(text: str, weights: dict[str, float] | None = None, threshold: float | None = None) -> Found | None:
    """The unit's name where the rules give none, if it is one body's own name (not a kind, not one of several listed
    together): the model's best candidate if its share reaches the threshold and it heads the page (`_heads_page`;
    not a notice's issuer, “X关于印发…的通知”); else, on a chronicle section headed by its topic, the name that shares
    the heading's words and that the latest dated record sets up, renames or describes (`_chronicle_unit`)."""
    model_weights, model_threshold = _model() if weights is None or threshold is None else ({}, 0.0)
    weights = weights if weights is not None else model_weights
    threshold = threshold if threshold is not None else model_threshold
    first_line = text.lstrip().split("\n", 1)[0]
    if _SEVERAL_RE.search(first_line):  # “湖南、广东、广西等多省挂牌乡村振兴局”: news on several units
        return None
    top = ranked(text, weights)
    if not top:
        return None
    p, name, pos, f = top[0]
    issuer = re.match(r"\s{0,3}关于", text[pos + len(name):])  # “X关于印发…的通知”, “X⏎关于…”: the notice's organ
    if not (p >= threshold and issuer is None and _heads_page(f) and ("place" in f or "national" in f)
            and _specific(f) and not _listed_with_peers(text, name)):
        chronicle = _chronicle_unit(text, top)
        if chronicle is None or _listed_with_peers(text, chronicle[0]) or not _specific(chronicle[2]):
            return None
        name, pos, _ = chronicle
    return Found(name, pos, pos + len(name))
