"""Internal bodies where the rules find none: every list in the text judged by a small learned model (ADR 0068).

The parser's rules read a unit's internal bodies from the layouts they were written for (“设下列内设机构：（一）办公室。…”,
“内设A、B、C等N个科室”, a numbered body section). On a page they were never tuned on, the list is often there in a
shape no rule expects — an encyclopedia's “机构设置” heading over “- 秘书行政司” lines, “其内部机构设置如下：” over
“- 办公室:负责…” lines, a report's “核定我院设置14个内设机构。办公室、政治处、…”, a Q&A's “其内设机构包括办公厅、人事部
和…等8个职能部门” — and the rules stay silent. What all these share is what a list of bodies looks like and what is
said before it, so:

- candidates (`lists`): every run of marked lines (“- ”, “·”, “1.”, “（一）”, “一、”, …) and every enumeration with 、
  inside a sentence; each item's name is what the line or the enumeration gives before its description;
- features (`features`): the item's shape (length, which body suffix it ends with — 司 处 科 室 股 庭 部 办公室 中心 …,
  a place name in front, a unit's suffix such as 分局 or 学校), its list's shape (kind, size, the share of items with
  a body suffix, items described with “负责…”, a count “N个” before the list that equals its size) and the words before
  it (内设机构, 机构设置, 职能部门, 处室/科室, 设/下设/包括 — and 直属, 所属, 事业单位, 乡镇, 成员单位, 分局 that
  announce other kinds of list);
- a logistic model over them (`data/body_lists.json`), trained on the labelled corpus by
  scripts/train_body_lists.py (deterministic), its threshold chosen by cross-fitting over the splits.

`bodies_when_silent(text)` gives the items of every list whose mean item score reaches the threshold (at least two
items a list). The parser asks it only where its rules found no internal body; the review screen shows every value
with its source span, so a clerk sees where each name came from.
"""
from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path

from bianzhi.core.numerals import to_int
from bianzhi.core.text import search_key

from . import glued_names
from .clauses import CJK, UNIT_SUFFIX, Found

WEIGHTS = Path(__file__).resolve().parent / "data" / "body_lists.json"

# how a marked line starts: a bullet, an Arabic or Chinese number with its mark, “第N条/章/节”
_MARK_RE = re.compile(r"^[ \t\u3000]*(?P<mark>[-·•●○◆◇■□▪▶►*—]|\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]"
                      r"|[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}[条章节])[ \t\u3000]*")
_NAME_CHARS = CJK + r"()（）"
# a line's name: the run of name characters before a description (“:负责…”, “，主要…”, “。”), at most 20 characters
_LINE_NAME_RE = re.compile(r"^(?P<name>[" + _NAME_CHARS + r"]{2,20}?)(?=$|[:：,，。;；、\s]|负责|主要|承担|职责)")
# a name run into its description without a mark (“互联网宣传科组建…”, “精神文明建设办公室对…”): up to a body suffix
# that a verb or a preposition follows
_RUN_IN_NAME_RE = re.compile(r"^(?P<name>[" + _NAME_CHARS + r"]{1,14}?(?:办公室|中心|大队|[司处科室股庭部局组队站所办]))"
                             r"(?=对|在|组建|承担|主要|贯彻|协调|指导|组织|拟订|管理|研究|制定|开展|参与|做好|办理|统筹|牵头|是|为|按照|根据)")
# an enumeration: two or more runs of name characters joined by 、 (the last one may be joined by 和/及/以及)
# (a 、 inside a name's brackets — “办公室(审计办公室、外事办公室)” — is masked as _INNER before matching: no item ends there)
_INNER = "\ue000"
_ENUM_RE = re.compile(r"[" + _NAME_CHARS + _INNER + r"]{2,40}(?:、[" + _NAME_CHARS + _INNER + r"]{2,40}){1,40}")
_BRACKETED_RE = re.compile(r"(?<=[" + CJK + r"])(?<![个名])[(（][^()（）\n]{1,40}[)）]")  # not a list in brackets after its count
_HEAD_RE = re.compile(r"[" + _NAME_CHARS + r"]+")
_LEAD_WORD_RE = re.compile(r"(?:包括|包含|内设|下设|设置了?|设立了?|设有|分别[为是]|主要有|共有|有|设|为|是|即|含|但不限于|(?:(?<=[,，:：例比])|^)如(?=[^、]{3})|(?:(?<=[,，:：;；])|^)(?:由|增))")
_BODY_SUFFIXES = ("办公厅", "办公室", "党委", "党组", "纪委", "工委", "委员会", "中心", "大队", "支队", "司", "处", "科", "室",
                  "股", "庭", "部", "局", "组", "队", "站", "所", "办", "厅", "馆", "院", "校", "会", "社")
_UNIT_SUFFIX_RE = re.compile(r"(?:分局|分院|分中心|学校|中学|小学|幼儿园|医院|卫生院|乡|镇|街道|办事处|公司|集团|大学|学院|政府|人民法院|人民检察院)$")
_PLACE_RE = re.compile(r"^[" + CJK + r"]{2,6}?(?:省|自治区|市|县|区|州|旗|盟|镇|乡)(?=[" + CJK + r"]{2})")
_LEAD_POS = {"内设机构": "inner", "内部机构": "inner", "机构设置": "setup", "内设": "inner", "职能部门": "function", "职能处室": "function",
             "处室": "office", "科室": "office", "股室": "office", "部门": "dept", "下设": "sub", "设置": "setup", "设立": "setup",
             "设有": "setup", "包括": "incl", "组成": "incl", "部室": "office", "庭": "court", "审判": "court", "业务": "work"}
_LEAD_NEG = {"直属": "direct", "所属": "owned", "事业单位": "inst", "下属单位": "owned", "派出": "dispatch", "乡镇": "township",
             "街道": "township", "成员单位": "member", "分局": "branch", "管辖": "govern", "领导小组": "group", "联系": "contact",
             "主管": "govern", "代管": "govern", "直管": "govern", "历任": "people", "局长": "people", "主任": "people",
             "职责": "duties", "职能": "duties", "负责": "duties", "工作": "work_neg", "法庭": "tribunal", "撤销": "drop",
             "划入": "move", "划转": "move", "更名": "rename", "单位": "unitword", "企业": "company", "学校": "school",
             "县": "county", "市": "city", "协会": "assoc", "委员": "people", "成员": "people"}
_COUNT_RE = re.compile(r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})个")
_LEAD_COUNT_RE = re.compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})个?(?:内设机构|机构|部门|科室|处室|股室|部室|职能部门)")
# a count by kinds of body (“共6科1室1中心”, “内设七部(室)”): their sum
_KIND_COUNT_RE = re.compile(r"(?<![0-9一二三四五六七八九十第])((?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:科|室|处|股|部|庭|中心|所|站|队)"
                            r"(?:[(（][科室处股部][)）])?){1,4})(?![" + CJK + r"]{0,1}个)")
def canon(value: str) -> str:
    """A name as items and labels are compared: NFKC, no white space (core.text.search_key)."""
    return search_key(value)


def _mark_kind(mark: str) -> str:
    if re.match(r"\d", mark):
        return "arabic"
    if mark.startswith(("(", "（")):
        return "paren_cn" if re.search(r"[一二三四五六七八九十]", mark) else "paren_arabic"
    if mark.startswith("第"):
        return "article"
    if re.match(r"[一二三四五六七八九十]", mark):
        return "cn"
    return "bullet"


def _first_item(chunk: str, others: list[str]) -> tuple[str, str]:
    """The first item of an enumeration is the tail of the clause before the first 、: after the last lead word that
    leaves at least two characters (“包括办公厅” → 办公厅, “设建设科” → 建设科), else the whole chunk. Returns (lead, name)."""
    opened = max(chunk.rfind("("), chunk.rfind("（"))
    if opened >= 0 and not re.search(r"[)）]", chunk[opened:]) and len(chunk) - opened > 2:
        return chunk[: opened + 1], chunk[opened + 1:]  # a list in brackets: “设内设机构2个(办公室、业务科)”
    best = None
    for m in _LEAD_WORD_RE.finditer(chunk):
        if len(chunk) - m.end() >= 2:
            best = m
    if best is not None:
        lead, name = chunk[: best.end()], chunk[best.end():]
        if name.startswith("机构") and len(name) >= 6 and lead.endswith(("内设", "设置", "设")):
            return lead + "机构", name[2:]  # “内设机构综合办公室、…”: the word 机构 belongs to the lead
        return lead, name
    longest = max((len(re.sub(r"[(（][^()（）]*[)）]", "", o)) for o in others), default=8)
    bracket = re.search(r"[(（][^()（）]*[)）]$", chunk)  # “办公室(审计办公室、外事办公室)”: the bracket is no part of its length
    bare = chunk[: bracket.start()] if bracket else chunk
    if len(bare) > longest + 4:  # no lead word: keep a name as long as the others
        return bare[: len(bare) - longest], chunk[len(bare) - longest:]
    return "", chunk


def _last_item(chunk: str, longest: int) -> list[str]:
    """The last item ends before “等” (“机关党委等8个职能部门”); “A和B”, “A以及B” where both end as bodies are two; one
    much longer than the others ends at its first body suffix (“审核配租处人员编制” of a copy that lost its breaks)."""
    chunk = re.sub(r"(?:等|共|合计|总计).*$", "", chunk)
    # the list's count run into its last name (“…膳食科五个科室”, “…防治股六个办公室”)
    chunk = re.sub(r"(?<=[科室处股部庭局所站队心办])(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})个.*$", "", chunk)
    if chunk.count("(") + chunk.count("（") < chunk.count(")") + chunk.count("）"):
        chunk = re.sub(r"[)）][^()（）]*$", "", chunk)  # the bracket the list was given in closes
    out = []
    for p in re.split(r"以及", chunk):
        m = re.match(r"^(.{2,}?(?:" + "|".join(_BODY_SUFFIXES) + r"))(?:和|及|与)(.{2,})$", p)
        if m and _suffix(m.group(2)) != "none":
            out += [m.group(1), m.group(2)]
        else:
            out.append(p)
    out = [o for o in out if o]
    if out and len(out[-1]) > longest + 3:
        m = re.match(r"^(.{2,}?(?:" + "|".join(_BODY_SUFFIXES) + r"))(?=.{2,})", out[-1])
        if m and len(m.group(1)) <= longest + 3:
            out[-1] = m.group(1)
    return out


def _suffix(name: str) -> str:
    bare = re.sub(r"[(（][^()（）]*[)）]$", "", name)
    for s in _BODY_SUFFIXES:
        if bare.endswith(s):
            return s
    return "none"


def lists(text: str) -> list[dict]:
    """Every candidate list: {"kind", "items": [(name, start, end, described)], "lead": text before it, "start"}."""
    out = []
    # runs of marked lines of one kind; lines between them (a body's description under its heading) do not end a run,
    # a section heading (“一、”, “第N条”) ends the runs of the other kinds, as do 12 lines without the run's kind.
    # Short lines of name characters alone (“办公室” over its description, one name a line) make a run of their own.
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    runs: dict[str, dict] = {}

    def close(kind):
        run = runs.pop(kind)
        if len(run["items"]) >= 2:
            idx = run["line"]
            lead = lines[idx - 1][1][-80:] if idx >= 1 else ""
            lead2 = lines[idx - 2][1][-60:] if idx >= 2 else ""
            out.append({"kind": "lines_" + kind, "items": run["items"], "lead": lead, "lead2": lead2,
                        "start": run["items"][0][1]})

    def add(kind, li, name, start, described):
        if kind in runs and kind == "heads" and li - runs[kind]["last"] > 4:
            close(kind)
        run = runs.setdefault(kind, {"items": [], "line": li, "last": li})
        run["items"].append((name, start, start + len(name), described))
        run["last"] = li

    for li, (p, line) in enumerate(lines):
        m = _MARK_RE.match(line)
        bare = line.strip()
        if m is None and 2 <= len(bare) <= 15 and _HEAD_RE.fullmatch(bare):
            for kind in [k for k in runs if k != "heads"]:
                close(kind)
            add("heads", li, bare, p + line.index(bare), False)
            continue
        if m is None and len(bare) <= 12 and not re.search(r"[。；;，,:：、]$", bare):
            for kind in list(runs):  # a heading of its own (“历任局长:”, “2.机构”) ends every list
                close(kind)
            continue
        if m is None:
            for run in runs.values():
                if run["last"] == li - 1 and run["items"]:  # a description line under the last item
                    name, s0, e0, _ = run["items"][-1]
                    run["items"][-1] = (name, s0, e0, True)
            for kind in [k for k, r in runs.items() if li - r["last"] > 12]:
                close(kind)
            continue
        kind = _mark_kind(m.group("mark"))
        if kind in ("cn", "article"):
            for other in [k for k in runs if k != kind]:
                close(other)
        for other in [k for k, r in runs.items() if li - r["last"] > (4 if k == "heads" else 12)]:
            close(other)
        rest = line[m.end():]
        n = _LINE_NAME_RE.match(rest)
        if n is None or len(n.group("name")) > 12:
            n = _RUN_IN_NAME_RE.match(rest) or n
        if n is None:
            if kind in runs:
                close(kind)
            continue
        after = rest[n.end():]
        described = bool(re.match(r"^[:：,，]?\s*(?:负责|主要|承担|职责|协助|指导|组织|拟订|管理)", after)) or len(after) > 12
        add(kind, li, n.group("name"), p + m.end(), described)
    for kind in list(runs):
        close(kind)
    # enumerations inside sentences
    masked = _BRACKETED_RE.sub(lambda b: b.group(0).replace("、", _INNER), text)
    for m in _ENUM_RE.finditer(masked):
        parts = m.group(0).split("、")
        lead, first = _first_item(parts[0], parts[1:])
        last = _last_item(parts[-1], max(len(x) for x in parts[1:-1]) if len(parts) > 2 else len(first))
        names = [n.replace(_INNER, "、") for n in [first] + parts[1:-1] + last]
        if len(names) < 2:
            continue
        items, cursor = [], m.start()
        for name in names:
            k = text.find(name, cursor)
            if k < 0:
                break
            items.append((name, k, k + len(name), False))
            cursor = k + len(name)
        if len(items) < 2:
            continue
        clause_start = max(text.rfind(c, 0, m.start()) for c in "。；;\n") + 1
        before = text[max(clause_start, m.start() - 60): m.start()] + lead
        if not before.strip() and clause_start >= 2 and text[clause_start - 1] == "\n" \
                and text[:clause_start].rstrip().endswith((":", "：")):
            # the list on its own line under “…分别是:”: that line is its lead
            clause_start = max(text.rfind(c, 0, clause_start - 1) for c in "。；;\n") + 1
            before = text[max(clause_start, m.start() - 60): m.start()].rstrip() + lead
        elif not before.strip() and clause_start >= 2 and text[clause_start - 1] == "。":
            # a list that opens its own sentence after one that counts the bodies (“…核定我院设置14个内设机构。办公室、…”)
            start0 = max(text.rfind(c, 0, clause_start - 1) for c in "。；;\n") + 1
            sentence = text[start0: clause_start]
            if _LEAD_COUNT_RE.search(sentence):
                clause_start, before = start0, sentence[-60:] + lead
        prior = text[max(0, clause_start - 60): clause_start]
        out.append({"kind": "enum", "items": items, "lead": before[-80:], "lead2": prior, "start": m.start(),
                    "after": text[m.end(): m.end() + 16]})
    return out


def _counts(where: str) -> list[tuple[int, int]]:
    """(offset, number) of every count in `where`: “N个”, and kinds of body summed (“6科1室1中心”, “七部(室)”)."""
    return sorted([(m.start(), to_int(m.group(1))) for m in _COUNT_RE.finditer(where)]
                  + [(m.start(), sum(to_int(n) for n in re.findall(r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}", m.group(1))))
                     for m in _KIND_COUNT_RE.finditer(where)])


def stated_count(cand: dict) -> int | None:
    """The number of bodies said before the list (“设4个内设机构”, the last such count) or right after it (“等8个职能部门”,
    “共6科1室1中心”: a count within the first few characters after it), if any."""
    after = [n for at, n in _counts(cand.get("after", "")) if at <= 4]
    if after:
        return after[0]
    before = _counts(cand.get("lead2", "")[-30:] + " " + cand["lead"][-30:])
    return before[-1][1] if before else None


def features(text: str, cand: dict) -> list[dict[str, float]]:
    items = cand["items"]
    n = len(items)
    suffixes = [_suffix(i[0]) for i in items]
    share_body = sum(1 for s in suffixes if s != "none") / n
    share_unit = sum(1 for i in items if _UNIT_SUFFIX_RE.search(i[0])) / n
    share_place = sum(1 for i in items if _PLACE_RE.match(i[0])) / n
    share_described = sum(1 for i in items if i[3]) / n
    lead = cand["lead"]
    after = cand.get("after", "")
    count = stated_count(cand)
    common = {"bias": 1.0, f"kind_{cand['kind']}": 1.0, "share_body": share_body, "share_unit": share_unit,
              "share_place": share_place, "share_described": share_described, "log_n": math.log(n),
              "n_le_3": float(n <= 3), "count_match": float(count == n), "count_other": float(count is not None and count != n),
              "count_more": float(count is not None and count > n), "count_near": float(count is not None and 0 < abs(count - n) <= 2),
              "lead_colon": float(lead.rstrip().endswith((":", "："))), "after_deng": float(after.startswith("等")),
              "pos": min(1.0, cand["start"] / max(1, len(text)))}
    for words, prefix, where in ((_LEAD_POS, "lead_", lead), (_LEAD_NEG, "neg_", lead),
                                 (_LEAD_POS, "lead2_", cand.get("lead2", "")), (_LEAD_NEG, "neg2_", cand.get("lead2", "")),
                                 (_LEAD_POS, "after_", after), (_LEAD_NEG, "afterneg_", after)):
        for word, key in words.items():
            if word in where:
                common[prefix + key] = 1.0
    mean_len = sum(len(i[0]) for i in items) / n
    common["mean_len_gt8"] = float(mean_len > 8)
    top = max(suffixes.count(x) for x in set(suffixes))
    common["same_suffix"] = top / n if suffixes[0] != "none" or top < n else 0.0
    tail = lead.rstrip()[-8:]
    common["lead_verb_end"] = float(bool(re.search(r"(?:设|设有|下设|内设|包括|分别[为是]|有)[:：]?$", tail)))
    common["lead_each"] = float("分别" in lead[-12:])
    common["lead_such_as"] = float(tail.endswith("如"))
    common["lead_count_body"] = float(bool(_LEAD_COUNT_RE.search(lead[-30:])))
    common["count_match_x_lead"] = common["count_match"] * float(any(k.startswith("lead_") for k in common if common[k]))
    out = []
    for at, ((name, _, _, described), suf) in enumerate(zip(items, suffixes, strict=True)):
        f = dict(common)
        f["first"] = float(at == 0)
        f["first_long"] = float(at == 0 and n > 2 and len(name) > mean_len + 3)
        f["suffix_" + suf] = 1.0
        f["len_le_3"] = float(len(name) <= 3)
        f["len_gt_10"] = float(len(name) > 10)
        f["unit_suffix"] = float(bool(_UNIT_SUFFIX_RE.search(name)))
        f["place"] = float(bool(_PLACE_RE.match(name)))
        f["described"] = float(described)
        f["verbish"] = float(bool(re.match(r"^(?:负责|承担|组织|指导|管理|拟订|制定|开展|推进|做好|加强|完善|建立|落实)", name)))
        out.append(f)
    return out


@lru_cache(maxsize=4)
def load_model(path: Path) -> dict:
    """A judge's model file (this one's, or duty_lists'), read once."""
    return json.loads(path.read_text(encoding="utf-8"))


def _model() -> dict:
    return load_model(WEIGHTS)


def score(feats: dict[str, float], weights: dict[str, float]) -> float:
    """The logistic model's probability for one item's features."""
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def judged_items(cands: list[dict], scored: list[list[float]], threshold: float, key) -> list[Found]:
    """The items of every candidate whose mean score reaches the threshold, each kept item scoring at least half of
    it, in text order, each `key` once (what both judges take: this one and duty_lists')."""
    found, seen = [], set()
    for cand, scores in zip(cands, scored, strict=True):
        if not scores or sum(scores) / len(scores) < threshold:
            continue
        for item, p in zip(cand["items"], scores, strict=True):
            if p >= threshold / 2 and key(item[0]) not in seen:
                seen.add(key(item[0]))
                found.append(Found(item[0], item[1], item[2]))
    return sorted(found, key=lambda f: f.start)


# a list of bodies done away with or of former times (“一共裁撤四个部门,分别是:信托部、…”): not the unit's bodies
_GONE_RE = re.compile(r"裁撤|撤销|撤并|不再保留|不再设立|划出|原设|原有|曾设")


def _fits_its_count(cand: dict) -> bool:
    """Whether the list may be the unit's bodies for its lead: not a list of bodies done away with or of former times
    (`_GONE_RE`). A count its own sentence states that differs from the list's size is left to the model's features
    (`count_other`, `count_more`, `count_near`): a list cut by the page (“…、监察室、” under “现有部门10个”), or one whose
    names carry a second in brackets, still names bodies."""
    return not _GONE_RE.search(cand["lead"])


def _own_count(cand: dict, n: int) -> int | None:
    """The number of bodies the list's own sentence states (“现有部门10个,分别为:…”), where it differs from the `n`
    bodies taken and the list does not end with 等 — the review screen tells the clerk names are missing or extra."""
    own = dict(cand, after=re.split(r"[。；;\n]", cand.get("after", ""), maxsplit=1)[0])
    count = stated_count(own)
    return count if count is not None and count != n and not own["after"].startswith("等") else None


def _judge(text: str, weights: dict[str, float] | None = None, threshold: float | None = None) -> tuple[list[Found], int | None]:
    """The judged bodies (see `bodies_when_silent`) and the count the first judged list's sentence states where it
    differs (`_own_count`)."""
    model = _model()
    weights = model["weights"] if weights is None else weights
    threshold = model["threshold"] if threshold is None else threshold
    cands = [c for c in lists(text) if _fits_its_count(c)]
    found = judged_items(cands, [[score(f, weights) for f in features(text, c)] for c in cands], threshold, canon)
    first = next((c for c in cands if found and c["items"][0][1] == found[0].start), None)
    return found, (_own_count(first, len(found)) if first is not None else None)


def bodies_when_silent(text: str, weights: dict[str, float] | None = None, threshold: float | None = None) -> list[Found]:
    """The items of every list the model judges a list of internal bodies (mean item score ≥ threshold, each kept
    item ≥ half the threshold), in text order, each name once."""
    if os.environ.get("BIANZHI_BODY_LISTS") == "off":
        return []
    return _judge(text, weights, threshold)[0]


def bodies_and_stated_count(text: str) -> tuple[list[Found], int | None]:
    """`bodies_when_silent` with the count its first list's sentence states where it differs (the parser's
    meta “stated_counts”), from one reading of the text's lists."""
    if os.environ.get("BIANZHI_BODY_LISTS") == "off":
        return [], None
    return _judge(text)


# the unit a list's own sentence names as its subject: “目前,南部县人民法院设有办公室、政治处、…”, “中国红十字会总会设有
# 办公室(人事部)、赈济救护部、…”, “区政协包括办公室、提案委员会、…”
_SUBJECT_LEAD_RE = re.compile(r"(?P<u>[" + _NAME_CHARS + r"]{3,30}?" + UNIT_SUFFIX + r")"
                              r"(?:的(?:组织机构|内设机构|内部机构|机构)(?:主要)?)?(?:目前|现在|现|共|还|下|内)?"
                              r"(?:设有|下设|内设|设置了?|设立了?|包括|设"
                              r"|有(?:内设机构|内设部门|职能部门|部门|科室|处室|股室|机构)(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})个"
                              r"[,，]?(?:分别[为是]|即|包括)[:：]?)$")


def bodies_with_subject(text: str) -> tuple[Found, list[Found], int | None] | None:
    """(unit, bodies, the count the list's sentence states where it differs — `_own_count`) of a page whose rules named no unit and found no body, where a list the model judges a list of
    internal bodies (as `bodies_when_silent`) is the object of a sentence whose subject names a unit as names start
    (a place, 中国/国家/…; words glued in front cut off as `glued_names` does) — the first such list."""
    if os.environ.get("BIANZHI_BODY_LISTS") == "off":
        return None
    model = _model()
    for cand in lists(text):
        m = _SUBJECT_LEAD_RE.search(cand["lead"]) if cand["kind"] == "enum" and _fits_its_count(cand) else None
        if m is None:
            continue
        name = m.group("u")
        name = name[glued_names.glued_prefix(name, text):]
        if not glued_names.starts_as_name(name):
            continue
        found = judged_items([cand], [[score(f, model["weights"]) for f in features(text, cand)]], model["threshold"],
                             canon)
        if len(found) >= 2:
            at = text.rfind(name, 0, cand["start"])
            return Found(name, at, at + len(name)), found, _own_count(cand, len(found))
    return None
