"""Duties where the rules find none: every run of lines in the text judged by a small learned model (ADR 0069).

The parser's rules read a unit's duties under the headings and numberings they were written for (“主要职责”, “（一）…”,
“1.…”); a department page that gives its duties one a line under “局馆职能”, an encyclopedia's “- 思想政治引领:…”
items, a Q&A's “1、拟订…2、承担…” without a heading the rules know, stay unread. What such runs share is how a duty
line reads (a verb first, a clause ending in ；or 。, “负责…”) and what stands before the run, so, as for internal
bodies (`body_lists`, ADR 0068):

- candidates (`runs`): runs of lines with one kind of mark, and runs of unmarked lines of at least six characters;
- features (`features`): the line's start (a duty verb, a name with a body suffix, a date), length, end mark, the
  run's kind and size, its shares of verb starts and of end marks, the words of the line before it (职责, 职能,
  任务 — and 内设机构, 历任, 简介, 参考, 沿革 …);
- a logistic model (`data/duty_lists.json`), trained by scripts/train_duty_lists.py on every measured split but the
  CHECK ones.

`duties_when_silent(text)` gives the lines of every run whose mean score reaches the threshold; the parser asks it
only where its rules found no duty and name a unit.
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

from bianzhi.core.text import search_key

from .body_lists import _MARK_RE, _mark_kind, judged_items, load_model, score
from .clauses import DUTY_VERB_RE, Found

WEIGHTS = Path(__file__).resolve().parent / "data" / "duty_lists.json"

_LEAD_POS = {"职责": "duty", "职能": "function", "任务": "task", "主要": "main", "负责": "resp", "工作": "work",
             "如下": "follows", "范围": "scope", "业务": "business"}
_LEAD_NEG = {"内设机构": "bodies", "机构设置": "setup", "科室": "office", "处室": "office", "历任": "people",
             "领导": "leaders", "简介": "intro", "概况": "overview", "参考": "refs", "沿革": "history", "联系": "contact",
             "地址": "address", "电话": "phone", "编制": "staffing", "直属": "direct", "下属": "owned", "单位": "units",
             "相关": "related", "目录": "contents", "导航": "nav", "新闻": "news", "成果": "results", "荣誉": "honours",
             "支出": "spending", "收入": "income", "预算": "budget", "决算": "accounts", "情况": "state"}
_NAME_RE = re.compile(r"^[\u4e00-\u9fff()（）]{2,14}(?:办公室|中心|大队|[司处科室股庭部局组队站所办])$")
_TARGETS_RE = re.compile(r"(?:工作|年度|年)(?:任务|目标|计划|要点)|绩效目标|工作思路|重点工作|主要成[绩效果]")
_DATE_RE = re.compile(r"^(?:\d{2,4}年|\d{1,2}月|[一二三四五六七八九十〇]{2,4}年)")


def head(duty: str) -> str:
    """What the benchmark compares: the first ten characters after NFKC, white space removed."""
    return search_key(duty)[:10]


def runs(text: str) -> list[dict]:
    """Every candidate run: {"kind", "items": [(line, start, end)], "lead", "lead2", "start"}."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    out, run, run_kind = [], [], None

    def close():
        if len(run) >= 2:
            idx = run[0][0]
            out.append({"kind": run_kind, "items": [(t, s, e) for _, t, s, e in run],
                        "lead": lines[idx - 1][1][-60:] if idx >= 1 else "",
                        "lead2": lines[idx - 2][1][-60:] if idx >= 2 else "", "start": run[0][2]})

    for li, (p, line) in enumerate(lines):
        m = _MARK_RE.match(line)
        if m:
            kind, body, start = "mark_" + _mark_kind(m.group("mark")), line[m.end():].strip(), p + m.end()
        else:
            kind, body = "plain", line.strip()
            start = p + line.index(body) if body else p
            if len(body) < 6:
                kind = None
        if kind is None or kind != run_kind or not body:
            close()
            run, run_kind = [], kind
            if kind is None or not body:
                continue
        start += len(body) - len(body.lstrip())
        run.append((li, body, start, start + len(body)))
    close()
    return out


def features(cand: dict, text: str = "") -> list[dict[str, float]]:
    items = cand["items"]
    n = len(items)
    verb = [bool(DUTY_VERB_RE.match(t)) for t, _, _ in items]
    ends = [bool(re.search(r"[；;。]$", t)) for t, _, _ in items]
    lens = [len(t) for t, _, _ in items]
    common = {"bias": 1.0, f"kind_{cand['kind']}": 1.0, "log_n": math.log(n), "n_2": float(n == 2),
              "share_verb": sum(verb) / n, "share_end": sum(ends) / n, "share_name": sum(1 for t, _, _ in items if _NAME_RE.match(t)) / n,
              "share_date": sum(1 for t, _, _ in items if _DATE_RE.match(t)) / n,
              "mean_len_lt10": float(sum(lens) / n < 10), "mean_len_gt120": float(sum(lens) / n > 120),
              "lead_colon": float(cand["lead"].rstrip().endswith((":", "："))),
              "lead_short": float(0 < len(cand["lead"].strip()) <= 12), "pos": min(1.0, cand["start"] / 5000)}
    if re.search(r"预算|决算", text[:300]):
        common["doc_budget"] = 1.0
    lead = cand["lead"].strip()
    # a lead that announces duties: “主要职责是:”, “其主要职能包括:”, or a short heading “(一)职能职责。”, “局馆职能”
    common["lead_announces"] = float(bool(re.search(r"(?:职责|职能|任务)(?:是|为|包括|有|如下)?[:：]$", lead)))
    common["lead_heading"] = float(len(lead) <= 14 and bool(re.search(r"(?:职责|职能)[。.:：]?$", lead)))
    for words, prefix, where in ((_LEAD_POS, "lead_", "lead"), (_LEAD_NEG, "neg_", "lead"),
                                 (_LEAD_POS, "lead2_", "lead2"), (_LEAD_NEG, "neg2_", "lead2")):
        for word, key in words.items():
            if word in cand[where]:
                common[prefix + key] = 1.0
    out = []
    for (t, _, _), v, e in zip(items, verb, ends, strict=True):
        f = dict(common)
        f["verb"] = float(v)
        f["end"] = float(e)
        f["name"] = float(bool(_NAME_RE.match(t)))
        f["date"] = float(bool(_DATE_RE.match(t)))
        f["len_lt8"] = float(len(t) < 8)
        f["len_gt200"] = float(len(t) > 200)
        f["colon_head"] = float(bool(re.match(r"^[^:：，,。]{2,12}[:：]", t)))
        f["fuze"] = float("负责" in t[:20])
        f["target"] = float(bool(re.match(r"^(?:完成|实现|确保|力争|争取|全年|年内|共计|累计)", t)))
        f["digits"] = float(bool(re.search(r"\d{3,}|[%％]|万元", t)))
        out.append(f)
    return out


def _model() -> dict:
    return load_model(WEIGHTS)


def duties_when_silent(text: str, weights: dict[str, float] | None = None, threshold: float | None = None) -> list[Found]:
    """The lines of every run the model judges a duty list (mean line score ≥ threshold, each kept line ≥ half of
    it), in text order."""
    if os.environ.get("BIANZHI_DUTY_LISTS") == "off":
        return []
    model = _model()
    weights = model["weights"] if weights is None else weights
    threshold = model["threshold"] if threshold is None else threshold
    # a year's tasks or targets (“2016年主要工作任务”) are no duties
    cands = [c for c in runs(text) if not _TARGETS_RE.search(c["lead"])]
    return judged_items(cands, [[score(f, weights) for f in features(c, text)] for c in cands], threshold, head)
