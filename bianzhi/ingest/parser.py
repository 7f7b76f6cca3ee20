"""Text of a 三定规定 or a 调整通知 → structured draft, every value with its source span.

Works on NFKC-normalised text (see extract.normalize_with_map: full-width punctuation is half-width,
spaces between Chinese characters are gone). Layouts handled (DOMAIN.md §2):
- old style: 一、职能调整 二、主要职责 三、内设机构 四、人员编制 五、其他事项;
- 2018 style: 第一条 basis, 第二条 nature/rank/plaques, 第三条 duties, …;
- post-2019: a new 第三条 (“本规定确定的…是…基本依据”) pushes duties to 第四条;
- county level (正科级 departments, 股 bodies, 股级领导职数) in either article style;
- 调整通知: change operations and the totals stated after the change (“调整后，…”).

Articles are classified by what they say, not by their number, so the numbering era does not matter.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from bianzhi.core.docnumber import DocNumberError, parse_docnumber
from bianzhi.core.includes import parse_includes
from bianzhi.core.numerals import NUM, to_int

from . import (
    body_lists,
    budget_clauses,
    clauses,
    clerknote_clauses,
    county_clauses,
    department_clauses,
    duty_lists,
    entry_clauses,
    final2_clauses,
    final_clauses,
    final_misses_clauses,
    fragment_clauses,
    glued_names,
    group_clauses,
    institution_clauses,
    kinds_clauses,
    ministry_clauses,
    multiunit_clauses,
    name_forms,
    national_clauses,
    opening_clauses,
    organ_clauses,
    page_clauses,
    pasted_clauses,
    profile_clauses,
    reference_clauses,
    reform_clauses,
    registry_clauses,
    report_clauses,
    restate_clauses,
    scheme_clauses,
    staffnote_clauses,
    township_clauses,
    unit_ranker,
    unnumbered_clauses,
    vertical_clauses,
    webcopy_clauses,
)

CN_INDEX = r"[一二三四五六七八九十百零〇两]+"
KEYS = ("title", "doc_number", "unit", "nature", "rank", "plaques", "duties", "internal_bodies", "staffing",
        "posts", "internal_leadership", "changes", "totals_after", "issuing_organ", "issued_on", "short_name", "inner_title")

RANK = r"(?:正|副)?(?:国|部|省部|厅|司局|局|地厅|处|县处|科|乡科|股)级"
RANK_RE = re.compile(RANK)
STAFF_TYPE = (r"(?:机关)?(?:行政|事业|政法专项|工勤人员|工勤|机关工勤人员|后勤服务人员|参照公务员法管理事业|参公事业|"
              r"全额拨款事业|差额拨款事业|自收自支事业|公益一类事业|公益二类事业|专项)编制(?:\(\x00{1,20}\))?")
STAFF_RE = re.compile(r"(?P<type>" + STAFF_TYPE + r")\s*(?:为|共|核定为|核定|总数为)?\s*"
                      # “行政编制由原来的26名增加到46名”: the number it has now
                      r"(?:由(?:原来的|原)?\s*" + NUM + r"\s*名\s*(?:增加|调整|减少|核增|核减|增|减)?(?:至|到|为)\s*)?"
                      r"(?P<n>" + NUM + r")\s*名")
POST_SUFFIX = (r"(?:局长|厅长|部长|署长|主任|书记|主席|会长|院长|馆长|校长|所长|站长|队长|团长|行长|组长|秘书长|社长|"
               r"总工程师|总经济师|总会计师|总规划师|总督学|督学|总师|总监|巡视员|调研员|专员|委员|审计长)")
BODY_SUFFIX = r"(?:党委|党组|纪委|工委|办公厅|办公室|办|厅|处|科|股|室|司|局|中心|部|组|队|站|所|委员会)"
ITEM_RE = re.compile(r"^\s*\((?P<idx>" + CN_INDEX + r")\)\s*")
ARTICLE_RE = re.compile(r"^\s*第(?P<idx>" + CN_INDEX + r")条\s*")
CHAPTER_RE = re.compile(r"^\s*(?P<idx>" + CN_INDEX + r")、\s*(?P<head>[^。]{0,24})$")
SUBITEM_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|\(\d{1,2}\)|[①-⑳])")
DOCNUMBER_LINE_RE = re.compile(r"^\s*(?P<dn>[\u4e00-\u9fffA-Za-z]{1,16}\s*[〔\[【(［]\s*\d{4}\s*[〕\]】)］]\s*第?\s*\d{1,6}\s*[号號])"
                               r"\s*(?:签发人.*)?$")
NATURE_RE = re.compile(r"(?P<unit>[\u4e00-\u9fff()“”]{2,40}?)(?:是|为)(?P<nature>[^,。;:是]{2,60}?)\s*,\s*"
                       r"(?:机构规格)?(?:为|规格为|属)(?P<rank>" + RANK + r")")
PLAQUE_RE = re.compile(r"(?:加挂|对外保留|同时挂|挂)(?P<names>[^,。;:]{2,80}?)牌子")
TITLE_END_RE = re.compile(r"(?:规定|通知|批复|决定|方案|意见|函)$")
HEADER_SKIP_RE = re.compile(r"(?:文件|签发人.*|机密|秘密|特急|加急|平急|^\d{6,}$|^[\u4e00-\u9fff]{0,4}办发电|^\s*$)$")


@dataclass
class Segment:
    start: int
    end: int
    text: str


@dataclass
class ParseResult:
    data: dict
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    kind: str = "sanding"  # sanding | adjustment
    layout: str = ""       # old | 2018 | 2019 | notice | unknown
    meta: dict = field(default_factory=dict)  # e.g. which internal bodies were numbered

    def span_of(self, path: str):
        for p, s, e in self.spans:
            if p == path:
                return (s, e)
        return None


def empty_result() -> dict:
    return {"title": None, "doc_number": None, "unit": None, "nature": None, "rank": None, "plaques": [],
            "duties": [], "internal_bodies": [], "staffing": [], "posts": [], "internal_leadership": [],
            "changes": [], "totals_after": {"internal_bodies": None, "staffing": [], "leadership": []},
            "issuing_organ": None, "issued_on": None, "short_name": None, "inner_title": None}


# ------------------------------------------------------------------ helpers
def _lines(text: str) -> list[Segment]:
    out, pos = [], 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        out.append(Segment(start + lead, start + lead + len(stripped), stripped))
    return out


def _mask_parens(text: str) -> str:
    """Replace what is inside (…) by NUL characters (same length), so top-level patterns skip it."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            out.append(ch if depth == 0 else "\x00")
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            out.append(ch if depth == 0 else "\x00")
        else:
            out.append("\x00" if depth else ch)
    return "".join(out)


def _join_item(parts: list[str]) -> str:
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text += ("\n" if SUBITEM_RE.match(part) else "") + part
    return text.strip()


_REGION_PREFIX_RE = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:自治区|省|自治州|市|自治县|县|区|旗))+")


def _unit_core(name: str | None) -> str:
    if not name:
        return ""
    core = re.sub(r"^(?:中共|中国共产党)", "", name)
    stripped = _REGION_PREFIX_RE.sub("", core)
    return stripped or core


def same_unit(a: str | None, b: str | None) -> bool:
    ca, cb = _unit_core(a), _unit_core(b)
    return bool(ca and cb) and (ca == cb or ca.endswith(cb) or cb.endswith(ca))


class _Builder:
    def __init__(self, text: str):
        self.text = text
        self.data = empty_result()
        self.spans: list[tuple[str, int, int]] = []
        self.meta: dict = {}

    def span(self, path: str, start: int, end: int):
        self.spans.append((path, start, end))

    def add_bodies(self, found_bodies, duties: str = ""):
        """Internal bodies read by name (unnumbered), each with its span."""
        for found in found_bodies:
            idx = len(self.data["internal_bodies"])
            self.data["internal_bodies"].append({"name": found.value, "duties": duties})
            self.meta.setdefault("numbered_bodies", []).append(False)
            self.span(f"internal_bodies[{idx}].name", found.start, found.end)

    def clear_items(self, key: str) -> None:
        """Empty the list `key` (“duties”, “internal_bodies”…) and drop its entries' spans."""
        self.data[key] = []
        self.spans = [sp for sp in self.spans if not sp[0].startswith(key + "[")]

    def add_items(self, key: str, found) -> None:
        """Append values read from the text (`clauses.Found`) to the list `key`, each with its span."""
        for f in found:
            self.data[key].append(f.value)
            self.span(f"{key}[{len(self.data[key]) - 1}]", f.start, f.end)

    def drop_items(self, key: str, indices) -> None:
        """Take the entries at `indices` out of the list `key` (“staffing”, “internal_leadership”…) with their spans;
        the entries kept keep their spans, renumbered."""
        item = re.compile(re.escape(key) + r"\[(\d+)\]")
        spans = {int(m[1]): (s, e) for k, s, e in self.spans if (m := item.fullmatch(k))}
        kept = [(entry, spans.get(i)) for i, entry in enumerate(self.data[key]) if i not in indices]
        self.data[key] = []
        self.spans = [sp for sp in self.spans if not item.fullmatch(sp[0])]
        for entry, span in kept:
            self.data[key].append(entry)
            if span is not None:
                self.span(f"{key}[{len(self.data[key]) - 1}]", *span)

    def add_plaque(self, found):
        """A plaque read from the text, with its span, unless the same name is already among the plaques."""
        if found.value not in self.data["plaques"]:
            self.data["plaques"].append(found.value)
            self.span(f"plaques[{len(self.data['plaques']) - 1}]", found.start, found.end)


# ------------------------------------------------------------------ header: title, 文号, unit
def _header(b: _Builder, lines: list[Segment]):
    head = lines[:20]
    title_idx = None
    # A 三定's own title line wins over the 印发 notice around it.
    for i, ln in enumerate(lines[:40]):
        if ("职能配置" in ln.text or ln.text.endswith("规定")) and "印发" not in ln.text and len(ln.text) <= 60 \
                and not ln.text.endswith("。") and not ARTICLE_RE.match(ln.text) \
                and not re.match(r"^(?:" + CN_INDEX + r"、|\(" + CN_INDEX + r"\)|将|把)", ln.text):
            title_idx = i
            break
    if title_idx is None:
        for i, ln in enumerate(head):
            if TITLE_END_RE.search(ln.text) and len(ln.text) <= 80 and not ln.text.endswith("。"):
                title_idx = i
                break
    if title_idx is None:
        for i, ln in enumerate(head[:3]):
            if not DOCNUMBER_LINE_RE.match(ln.text) and not HEADER_SKIP_RE.search(ln.text) \
                    and not ARTICLE_RE.match(ln.text) and not CHAPTER_RE.match(ln.text) and len(ln.text) <= 40 \
                    and not ln.text.endswith(("。", ";", ":")):  # a sentence is no title
                title_idx = i
                break
    if title_idx is not None:
        seg = lines[title_idx]
        start, title = seg.start, seg.text
        if title_idx > 0:  # a title wrapped over two lines
            prev = lines[title_idx - 1]
            if ((prev.text.startswith("关于") and not seg.text.startswith("关于"))
                    or prev.text.endswith(("、", "和")) or seg.text.startswith(("和", "、"))
                    or clauses.wrapped_title(prev.text, seg.text)) \
                    and not prev.text.endswith((":", "。")) and not DOCNUMBER_LINE_RE.match(prev.text):
                start, title = prev.start, prev.text + seg.text
        b.data["title"] = title
        b.span("title", start, seg.end)
    for ln in lines[:25]:
        m = DOCNUMBER_LINE_RE.match(ln.text)
        if m:
            try:
                b.data["doc_number"] = parse_docnumber(m["dn"]).normalized
            except DocNumberError:
                continue
            b.span("doc_number", ln.start + m.start("dn"), ln.start + m.end("dn"))
            break
    return title_idx


def _unit_from_title(title: str) -> tuple[str | None, int]:
    m = re.search(r"《?(?P<u>[^《》]{2,40}?)(?:主要职责|职能配置|机构职能)", title)
    if m:
        return m["u"], m.start("u")
    m = re.search(r"关于(?:调整|同意|印发)?(?P<u>[^《》]{2,40}?(?:局|委|办|部|厅|院|中心|室|会|站|所|馆|队|社|处|署))"
                  r"(?:机构编制|主要职责|职责|内设机构|人员编制|编制|领导职数|机构规格|规格|加挂|挂牌|增挂|更名|有关)", title)
    if m:
        return m["u"], m.start("u")
    found = clauses.unit_from_title(title)  # “关于成立X的通知”, a report title
    if found is not None:
        return found.value, found.start
    return None, -1


# ------------------------------------------------------------------ sections
def _sections(lines: list[Segment]):
    """Split into (kind, heading, [lines]) by articles (第X条) or by chapter headings (一、…)."""
    articles = [i for i, ln in enumerate(lines) if ARTICLE_RE.match(ln.text)]
    if len(articles) >= 2:
        marks, style = articles, "article"
    else:
        marks = [i for i, ln in enumerate(lines) if CHAPTER_RE.match(ln.text)]
        style = "chapter" if len(marks) >= 2 else "none"
    sections = []
    for n, idx in enumerate(marks):
        end = marks[n + 1] if n + 1 < len(marks) else len(lines)
        sections.append((style, lines[idx], lines[idx:end]))
    return style, sections


def _classify(style: str, head: Segment, seg_lines: list[Segment]) -> str:
    text = "".join(ln.text for ln in seg_lines)
    first = seg_lines[0].text
    if style == "chapter":
        heading = CHAPTER_RE.match(first)["head"]
        if "职责" in heading and "调整" not in heading:
            return "duties"
        if "内设机构" in heading or "机构设置" in heading:
            return "bodies"
        if "编制" in heading or "职数" in heading:
            return "staffing"
        return "other"
    body = ARTICLE_RE.sub("", first, count=1)
    if "基本依据" in body[:120]:
        return "basis"
    if "制定本规定" in body or "特制定" in body:
        return "preamble"
    if "主要职责" in body or ("职责" in body[:80] and any(ITEM_RE.match(ln.text) for ln in seg_lines[1:])):
        return "duties"
    if re.search(r"设下列|设(?:以下|如下)?" + NUM + r"?个?(?:内设机构|职能|机构)|内设机构(?:如下|设置|为|有)|职能司|职能处|职能科|职能股",
                 body[:80]) and not re.search(r"编制.{0,12}?" + NUM + r"\s*名", body[:60]):
        return "bodies"
    if re.search(r"编制.{0,12}?" + NUM + r"\s*名|职数|" + POST_SUFFIX + NUM + "名", text):
        return "staffing"
    return "other"


def _includes(inner: str) -> list[dict]:
    """The “含…” breakdown (core.includes, lenient on running text), under the key the parse-sanding JSON
    contract has always used for it ("type")."""
    return [{"type": item["label"], "count": item["count"]} for item in parse_includes(inner, strict=False)]


def _parse_staffing_text(b: _Builder, start: int, end: int):
    """What a 调整通知's item says the unit has after the change (“调整后，市林业局机关行政编制为29名，科级领导职数
    5名”): the staffing sentences of that span read by `clauses.read_staffing` (the one staffing reader), the
    wording kept as the type (as the services that apply the notice expect), posts and leadership counts as the
    leadership it has, in the order the text gives them."""
    read = clauses.read_staffing(b.text, start, end)
    totals = b.data["totals_after"]
    for entry, s, e in read["staffing"]:
        totals["staffing"].append({"type": entry["raw"], "count": entry["count"]})
        b.span(f"totals_after.staffing[{len(totals['staffing']) - 1}]", s, e)
    leaders = [({"level": p["title"], "count": p["count"]}, s, e) for p, s, e in read["posts"]]
    leaders += [({"level": q["level"], "count": q["count"]}, s, e) for q, s, e in read["leadership"]]
    for entry, s, e in sorted(leaders, key=lambda x: x[1]):
        totals["leadership"].append(entry)
        b.span(f"totals_after.leadership[{len(totals['leadership']) - 1}]", s, e)


# ------------------------------------------------------------------ 调整通知
UNIT_NAME = r"[\u4e00-\u9fff()]{2,40}?"
DUTY_MOVE_RE = re.compile(
    r"(?:将|把)?(?P<from>" + UNIT_NAME + r")(?:承担|负责|履行|行使)?的(?P<text>[^。;]{2,120}?(?:职责|职能|工作))"
    r"(?P<verb>划入|划归|划给|划转给?|划转至|划转到|移交给?|交由|调整由|调整到|划出)"
    r"(?:[,]?(?:交由|划给|划入|由))?(?P<to>" + UNIT_NAME + r")?(?:承担|负责|履行)?(?=[,。;]|$)")
TRANSFER_FROM_RE = re.compile(r"(?:从|由)(?P<u>" + UNIT_NAME + r")(?:的)?(?:划转|划出|调剂|调出|调整|收回|划入)")
TRANSFER_FROM2_RE = re.compile(r"(?:将|把)(?P<u>" + UNIT_NAME + r")的")
TRANSFER_TO_RE = re.compile(r"(?:(?:划转|划入|划给|调剂|调入|划拨|划)(?:到|至|给|入)?|(?<=名)(?:到|至|给))(?P<u>" + UNIT_NAME + r")"
                            r"(?:使用)?(?=[,。;]|$)")
PLAQUE_REMOVE_RE = re.compile(r"(?:撤销|不再保留|摘除|摘去|取消|不再加挂|不再挂)(?:[^,。;]*?挂的)?(?P<names>[^,。;]+?)牌子")
PLAQUE_ADD_RE = re.compile(r"(?:加挂|增挂|挂)(?P<names>[^,。;]+?)牌子")
BODY_CREATE_RE = re.compile(r"(?:新设立|新设|设立|增设|组建|成立)(?P<name>[\u4e00-\u9fff()]{2,30}?" + BODY_SUFFIX + r")"
                            r"(?=[,。;]|$)(?:,(?P<duties>(?:负责|承担|主要负责)[^。;]*[。]?))?")
BODY_ABOLISH_RE = re.compile(r"撤销(?P<name>[\u4e00-\u9fff()]{2,30}?" + BODY_SUFFIX + r")(?=[,。;]|$)")
BODY_RENAME_RE = re.compile(r"(?:将|把)?(?P<old>[\u4e00-\u9fff()]{2,30}?)更名为(?P<new>[\u4e00-\u9fff()]{2,30}?)(?=[,。;]|$)")
RANK_CHANGE_RE = re.compile(r"(?:将|把)?(?P<target>[\u4e00-\u9fff()]{2,40}?)(?:的)?(?:机构)?规格(?:由(?P<old>" + RANK + r"))?"
                            r"(?:调整|升格|降格|提升|提高|改|明确)为(?P<new>" + RANK + r")")
RANK_UPGRADE_RE = re.compile(r"(?:将|把)?(?P<target>[\u4e00-\u9fff()]{2,40}?)(?:升格|降格|调整)为(?P<new>" + RANK + r")")
REF_RE = re.compile(r"第" + CN_INDEX + r"条(?:第?\(" + CN_INDEX + r"\)项)?|第?\(" + CN_INDEX + r"\)项")
REWORD_RE = re.compile(r"[“\"](?P<old>[^”\"]+)[”\"]"
                       r"(?:修改|修订|调整|改|表述调整)为[“\"](?P<new>[^”\"]+)[”\"]")
STAFF_ADD_RE = re.compile(r"(?:核增|增加|追加)(?:[^,。;]{0,20}?)(?P<type>" + STAFF_TYPE + r")\s*(?P<n>" + NUM + r")\s*名")
STAFF_REMOVE_RE = re.compile(r"(?:核减|收回|精简|减少)(?:[^,。;]{0,20}?)(?P<type>" + STAFF_TYPE + r")\s*(?P<n>" + NUM + r")\s*名")
LEAD_ADD_RE = re.compile(r"(?:核增|增加|追加)(?:[^,。;]{0,20}?)(?P<level>" + RANK + r")领导职数\s*(?P<n>" + NUM + r")\s*名")
LEAD_REMOVE_RE = re.compile(r"(?:核减|收回|精简|减少)(?:[^,。;]{0,20}?)(?P<level>" + RANK + r")领导职数\s*(?P<n>" + NUM + r")\s*名")
LEAD_IN_TRANSFER_RE = re.compile(r"(?P<level>" + RANK + r"|[\u4e00-\u9fff]{0,4}?)领导职数\s*(?P<n>" + NUM + r")\s*名")


def _sentences(text: str, start: int, end: int):
    """Sentences (ending with 。 or ;) between start and end, skipping item numbers, as (s, e)."""
    pos = start
    for piece in re.split(r"(?<=[。;\n])", text[start:end]):
        s, e = pos, pos + len(piece)
        pos = e
        inner = text[s:e]
        m = re.match(r"\s*(?:" + CN_INDEX + r"、|\(" + CN_INDEX + r"\)|\d{1,2}[.、])?\s*", inner)
        s += m.end()
        while e > s and text[e - 1] in "\n ":
            e -= 1
        if e > s:
            yield s, e


def _parse_changes(b: _Builder, lines: list[Segment], title_idx):
    text = b.text
    unit = b.data["unit"]
    body_start = lines[title_idx].end if title_idx is not None else 0
    changes = b.data["changes"]
    # each item may end with what the unit has afterwards (“一、核增…3名，调整后，市林业局机关行政编制为29名。二、增设…，
    # 调整后，内设机构9个。”): the words before “调整后” are the change, the rest of that sentence the totals
    change_spans, totals_spans = [], []
    for s, e in _sentences(text, body_start, len(text)):
        after = re.search(clauses.AFTER_CHANGE + r"\s*[,:]?", text[s:e])
        if after is None:
            change_spans.append((s, e))
            continue
        if after.start():
            change_spans.append((s, s + after.start()))
        totals_spans.append((s + after.end(), e))

    def add(op: dict, s: int, e: int):
        changes.append(op)
        b.span(f"changes[{len(changes) - 1}]", s, e)

    for s, e in change_spans:
        sent = text[s:e]
        masked = _mask_parens(sent)
        if re.search(r"收悉|经研究|通知如下|特此通知|请遵照|抄送|印发", sent) and not re.search(r"划|挂|撤销|设立|更名|规格|修改为|核增|核减", sent):
            continue
        duty_units = None
        for m in DUTY_MOVE_RE.finditer(masked):
            src = m["from"].lstrip("将把")
            dst = m["to"]
            text_ = sent[m.start("text"):m.end("text")]
            if dst and same_unit(dst, unit) or (not dst and m["verb"] != "划出" and same_unit(dst, unit)):
                add({"op": "duty_in", "text": text_, "from_unit": src}, s + m.start(), s + m.end())
            elif same_unit(src, unit) or m["verb"] == "划出":
                add({"op": "duty_out", "text": text_, "to_unit": dst}, s + m.start(), s + m.end())
            else:
                add({"op": "duty_in", "text": text_, "from_unit": src}, s + m.start(), s + m.end())
            duty_units = (src, dst or unit)
        transfer = re.search(r"划转|划入|划出|划给|调剂|调入|划拨", masked)
        if transfer:
            fm = TRANSFER_FROM_RE.search(masked) or TRANSFER_FROM2_RE.search(masked)
            targets = list(TRANSFER_TO_RE.finditer(masked))
            tm = targets[-1] if targets else None
            src = fm["u"] if fm else (duty_units[0] if duty_units else None)
            dst = tm["u"] if tm else (duty_units[1] if duty_units else None)
            if src and dst and src == dst:
                dst = None
            for m in STAFF_RE.finditer(masked):
                count = to_int(m["n"])
                if count is not None and not re.search(r"(核增|核减|收回|精简)[^,。;]{0,20}$", masked[:m.start()]):
                    add({"op": "staffing_transfer", "type": sent[m.start("type"):m.end("type")], "count": count,
                         "from_unit": src, "to_unit": dst}, s + m.start(), s + m.end())
            for m in LEAD_IN_TRANSFER_RE.finditer(masked):
                count = to_int(m["n"])
                if count is not None:
                    add({"op": "leadership_transfer", "level": m["level"] or None, "count": count,
                         "from_unit": src, "to_unit": dst}, s + m.start(), s + m.end())
        else:
            for rx, op in ((STAFF_ADD_RE, "staffing_add"), (STAFF_REMOVE_RE, "staffing_remove")):
                for m in rx.finditer(masked):
                    count = to_int(m["n"])
                    if count is not None:
                        add({"op": op, "type": sent[m.start("type"):m.end("type")], "count": count},
                            s + m.start(), s + m.end())
            for rx, op in ((LEAD_ADD_RE, "leadership_add"), (LEAD_REMOVE_RE, "leadership_remove")):
                for m in rx.finditer(masked):  # “核增正科级领导职数1名”
                    count = to_int(m["n"])
                    if count is not None:
                        add({"op": op, "level": m["level"], "count": count}, s + m.start(), s + m.end())
        # plaques, bodies, ranks, rewording: clause by clause
        pos = 0
        for clause in re.split(r"(?<=[,;])", masked):
            cs = s + pos
            pos += len(clause)
            if "牌子" in clause:
                rm = PLAQUE_REMOVE_RE.search(clause)
                if rm:
                    for name in _split_names(text[cs + rm.start("names"):cs + rm.end("names")]):
                        add({"op": "plaque_remove", "name": name}, cs + rm.start(), cs + rm.end())
                    continue
                am = PLAQUE_ADD_RE.search(clause)
                if am:
                    for name in _split_names(text[cs + am.start("names"):cs + am.end("names")]):
                        add({"op": "plaque_add", "name": name}, cs + am.start(), cs + am.end())
                continue
            if "“" in clause or '"' in clause:
                continue
            rm = RANK_CHANGE_RE.search(clause) or RANK_UPGRADE_RE.search(clause)
            if rm:
                add({"op": "rank_change", "target": rm["target"], "old_rank": rm.groupdict().get("old"),
                     "new_rank": rm["new"]}, cs + rm.start(), cs + rm.end())
                continue
            nm = BODY_RENAME_RE.search(clause)
            if nm:
                add({"op": "body_rename", "old_name": _body_of(nm["old"], unit), "new_name": nm["new"]},
                    cs + nm.start(), cs + nm.end())
                continue
            cm = BODY_CREATE_RE.search(clause)
            if cm:
                duties = ""
                rest = re.match(r"\s*(?:(?:主要)?负责|承担)[^。;]*[。]?", masked[pos:])
                if rest:
                    duties = text[s + pos:s + pos + rest.end()].strip()
                add({"op": "body_create", "name": cm["name"], "duties": duties}, cs + cm.start(),
                    s + pos + (rest.end() if rest else 0))
                continue
            xm = BODY_ABOLISH_RE.search(clause)
            if xm:
                add({"op": "body_abolish", "name": xm["name"]}, cs + xm.start(), cs + xm.end())
        for m in REWORD_RE.finditer(sent):
            refs = list(REF_RE.finditer(sent, 0, m.start()))
            ref = refs[-1].group(0) if refs else None
            add({"op": "duty_reword", "ref": ref, "old_text": m["old"], "new_text": m["new"]},
                s + (refs[-1].start() if refs else m.start()), s + m.end())
    totals = b.data["totals_after"]
    for ts, te in totals_spans:
        seg = text[ts:te]
        m = re.search(r"内设机构\s*(?:为\s*)?(?P<n>" + NUM + r")\s*个", seg)
        if m:
            totals["internal_bodies"] = to_int(m["n"])
            b.span("totals_after.internal_bodies", ts + m.start(), ts + m.end())
        _parse_staffing_text(b, ts, te)
    for key in ("staffing", "leadership"):  # a later item restating a total of the same kind replaces the earlier one
        kind = "type" if key == "staffing" else "level"
        last = {entry.get(kind): i for i, entry in enumerate(totals[key])}
        totals[key] = [entry for i, entry in enumerate(totals[key]) if last[entry.get(kind)] == i]


def _body_of(name: str, unit: str | None) -> str:
    """“同意将县林业局林政股” → “林政股”: the verbs of the decision and the unit owning the body are not its name."""
    name = re.sub(r"^(?:经研究[,，]?)?(?:同意|批准|决定)?(?:将|把)?", "", name)
    for owner in filter(None, (unit, _unit_core(unit) if unit else None)):
        if name.startswith(owner) and len(name) > len(owner) + 1:
            return name[len(owner):].lstrip("的")
    return name


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in names.split("、") if n.strip()]


# ------------------------------------------------------------------ entry point
def _light_nfkc(text: str) -> str:
    """NFKC character by character where it keeps the length (full-width punctuation → half-width), so that
    spans stay valid for the caller's text."""
    out = []
    # comment lines (a source note, “# …”) are blanked, keeping offsets; a Markdown heading (“## X”, “### X简介”) is text
    text = re.sub(r"(?m)^#(?!#).*$", lambda m: " " * len(m.group(0)), text)
    for ch in text:
        if ch in "\u3000\xa0":
            out.append(" ")
            continue
        norm = unicodedata.normalize("NFKC", ch)
        out.append(norm if len(norm) == 1 else ch)
    return "".join(out)


def _is_adjustment(text: str, lines: list[Segment], runs, statement) -> tuple[bool, int | None, _Builder]:
    """The earlier document-level test: a 调整通知 (批复/函) without a 三定 body."""
    scratch = _Builder(text)
    title_idx = _header(scratch, lines)
    title = scratch.data["title"] or ""
    is_notice = bool(re.search(r"(通知|批复|函)$", title)) and "印发" not in title
    style, sections = _sections(lines)
    kinds = [(_classify(style, head, seg) if style != "none" else "other", seg) for _, head, seg in sections]
    has_body = any(k in {"duties", "bodies"} for k, _ in kinds) or bool(runs)
    if not has_body and re.search(r"调整后|划入|划出|划转|加挂|更名为|撤销|核增|核减", text) \
            and not statement.get("nature") \
            and (re.search(r"通知|批复|函|决定", title) or re.search(r"通知如下|特此通知|批复如下|现批复|经研究", text)):
        is_notice = True
    if is_notice and re.search(r"同意(?:建立|设立|成立|组建)[“\"]?[\u4e00-\u9fff]{2,40}?" + clauses.UNIT_SUFFIX + r"[”\"]?\s*[,，]\s*(?:为|是|作为)",
                               text) and not re.search(r"调整后", text):
        # a 批复 setting up a unit (“同意建立“X”，为…，核定人员编制N名”) states the new unit's own facts, not changes
        is_notice = False
    if is_notice and vertical_clauses.describes_new_body(text):  # “撤销A,成立省X。…省X是以…为主…的行政机构” (heldout27)
        is_notice = False
    return is_notice and not has_body, title_idx, scratch


_NAME_BREAK_RE = re.compile(r"(?<=[\u4e00-\u9fff()、])\n(?=[\u4e00-\u9fff()、])")
# a “unit” holding a verb of news or of belonging is a clause taken whole (“江苏省已成立省大数据管理中心”, “故宫属于国家级
# 博物馆”): no body is named so; the class and rank read with it belong to that clause, not to the text's unit
_BUDGET_ROW_RE = re.compile(r"(?:支出|收入|预算|决算|结余|结转|拨款)$")
_BUDGET_DUTY_RE = re.compile(r"^(?:\d{4}年(?:度)?(?:初)?(?:预算|决算)|(?:部门)?(?:预算|决算)单位构成|[\u4e00-\u9fff]{0,12}(?:主要职能|主要职责)[:：])")
_REFORM_PLAN_TITLE_RE = re.compile(r"(?<!编制)(?<!事业单位)机构改革(?:实施)?方案》?(?:的(?:决定|说明|通知|批复))?$")
_WHOLE_AREA_UNIT_RE = re.compile(r"^[\u4e00-\u9fff]{0,12}?全[县市省区州旗](?P<rest>[\u4e00-\u9fff]{2,20})$")
_CLAUSE_AS_UNIT_RE = re.compile(r"已(?:经)?(?:成立|组建|设立|挂牌)|属于|举行|召开|印发|公布|揭牌")


_UNIT_RANKER = os.environ.get("BIANZHI_UNIT_RANKER", "on") != "off"  # “off”: the rules alone (benchmarks, training)


def parse(text: str) -> ParseResult:
    """The facts of one 三定 document or 调整通知 in `text` (normalised: see extract.normalize_with_map)."""
    result = _parse(text)
    # a name read across a line break of a wrapped copy (“加挂凌云县河长⏎制工作办公室牌子”) is one name
    data = result.data
    founded = re.match(r"^.{0,20}?(?:已(?:经)?(?:成立|组建|设立)|组建|成立|(?:整建制)?(?:重组|改组|整合|更名)为)(?:了|的)?(?P<u>[\u4e00-\u9fff()]{3,40}" + clauses.UNIT_SUFFIX + r")$",
                       data.get("unit") or "")
    if founded:  # “广西已成立自治区大数据发展局，为…”: the body set up is the subject of what follows
        span = result.span_of("unit")
        data["unit"] = founded["u"]
        if span:
            result.spans = [sp for sp in result.spans if sp[0] != "unit"] + [("unit", span[1] - len(founded["u"]), span[1])]
    elif isinstance(data.get("unit"), str) and (whole := _WHOLE_AREA_UNIT_RE.match(data["unit"])):
        # “监督和指导全县人民法院的审判工作”: the courts of the whole county are no unit; the one named with its
        # place where a clause opens (“禄丰县人民法院现有…”) is
        named = budget_clauses.place_named(text, whole["rest"])
        data["unit"] = named.value if named else None
        result.spans = [sp for sp in result.spans if sp[0] != "unit"] + ([("unit", named.start, named.end)] if named else [])
    elif isinstance(data.get("unit"), str) and _CLAUSE_AS_UNIT_RE.search(data["unit"]):
        span = result.span_of("unit") or (0, 0)
        start = max(text.rfind(ch, 0, span[0]) for ch in "。\n") + 1
        end = min((i for i in (text.find(ch, span[1]) for ch in "。\n") if i != -1), default=len(text))
        # the facts read from that same sentence go with it
        drop = {"unit"} | {k for k in ("short_name", "nature", "rank")
                           if result.span_of(k) and start <= result.span_of(k)[0] <= end}
        for key in drop:
            data[key] = None
        result.spans = [sp for sp in result.spans if sp[0] not in drop]
    read = data.get("unit")
    _scheme_rules(result, text)
    _polish_unit(result, text)
    if data.get("unit") is None and _UNIT_RANKER and (read is None or _PRONOUN_UNIT_RE.match(read)):
        # the rules name no unit (or only “我中心”, naming none): the learned ranker's best name, if it is sure of it
        named = unit_ranker.unit_when_silent(text)
        if named is not None:
            placed = name_forms.with_place_of_text(text, named.value)  # “区司法局” of a 淄川区 chronicle → 淄川区司法局
            _set_field(result, "unit", clauses.Found(placed, named.start, named.end) if placed else named)
            _polish_unit(result, text)
            result.meta.setdefault("learned", []).append("unit")  # the review screen says it was inferred
    # a budget report's table rows and section headings are no bodies or duties (“基本支出”, “2017年初预算收入”,
    # “部门预算单位构成:…”)
    bodies = data.get("internal_bodies") or []
    if any(_BUDGET_ROW_RE.search(b.get("name") or "") for b in bodies):
        data["internal_bodies"] = [b for b in bodies if not _BUDGET_ROW_RE.search(b.get("name") or "")]
        result.spans = [sp for sp in result.spans if not sp[0].startswith("internal_bodies[")]
    duties = data.get("duties") or []
    if any(_BUDGET_DUTY_RE.match(d) for d in duties if isinstance(d, str)):
        data["duties"] = [d for d in duties if not (isinstance(d, str) and _BUDGET_DUTY_RE.match(d))]
        result.spans = [sp for sp in result.spans if not sp[0].startswith("duties[")]
    _multiunit_rules(result, text)
    _name_form_rules(result, text)
    _glued_page_words(result, text)
    _facts_stated_apart(result, text)
    _learned_lists(result, text)
    # “为正处级机关行政单位” too (heldout35)
    rank_only = re.fullmatch(r"(?:事业|行政|参公)?(?P<r>" + clauses.RANK + r")(?:(?:机关)?(?:事业|行政)?单位|群团组织)",
                             data.get("nature") or "")
    if rank_only:  # “科协是事业正科级单位”, “是正科级群团组织”: a rank, no kind of body (the corpus' reading of “正科级行政单位”)
        span = result.span_of("nature")
        data["nature"] = None
        result.spans = [sp for sp in result.spans if sp[0] != "nature"]
        if not data.get("rank"):
            data["rank"] = rank_only["r"]
            if span:
                result.spans.append(("rank", span[0] + rank_only.start("r"), span[0] + rank_only.end("r")))
    for key in ("unit", "short_name", "nature", "rank"):
        if isinstance(data.get(key), str):
            data[key] = _NAME_BREAK_RE.sub("", data[key])
    data["plaques"] = [_NAME_BREAK_RE.sub("", p) if isinstance(p, str) else p for p in data.get("plaques") or []]
    for body in data.get("internal_bodies") or []:
        if isinstance(body.get("name"), str):
            body["name"] = _NAME_BREAK_RE.sub("", body["name"])
    return result


def _glued_page_words(result: ParseResult, text: str) -> None:
    """A unit read with a web page's words glued in front (“全部服务分类沙河市市场监督管理局”): the name as the text
    states it on its own elsewhere (glued_names), and the same words off a title that starts with them (session 18)."""
    data = result.data
    unit = data.get("unit")
    cut = glued_names.glued_prefix(unit, text) if isinstance(unit, str) else 0
    if not cut:
        return
    prefix = unit[:cut]
    for key in ("unit", "title", "issuing_organ"):
        value = data.get(key)
        if isinstance(value, str) and value.startswith(prefix) and len(value) - cut >= 4:
            _cut_front(result, key, cut)


def _cut_front(result: ParseResult, key: str, n: int) -> None:
    """Drop the first `n` characters of field `key`, its span shortened to match."""
    span = result.span_of(key)
    result.data[key] = result.data[key][n:]
    result.spans = [sp for sp in result.spans if sp[0] != key] + (
        [(key, span[1] - len(result.data[key]), span[1])] if span else [])


def _facts_stated_apart(result: ParseResult, text: str) -> None:
    """Facts of the unit stated away from the sentence it was read from, whichever reader named it: a site label
    glued to the title, a class with no subject of its own or a people's organisation's class, plaques added by a
    later clause (session 17, test_clauses_session17)."""
    data = result.data
    for key in ("title", "unit"):
        label = re.match(r"(?:标\s*题|题\s*目|文章标题)\s*[:：]?\s*(?=\S{4})", data.get(key) or "")
        if label:  # a site's metadata label glued to the value: “标      题 X2025年度部门预算”
            _cut_front(result, key, label.end())
    unit = data.get("unit")
    if not isinstance(unit, str):
        return
    if not data.get("nature"):
        nature = _subjectless_class(text, unit)
        group = group_clauses.group_nature(text) if nature is None else None
        if group is not None and same_unit(group[0].value, unit):  # “X是…的人民团体” (group_clauses.apply runs in one
            nature = group[1]                                        # layout's reader only)
        if nature is not None:
            data["nature"] = nature.value
            result.spans = [sp for sp in result.spans if sp[0] != "nature"] + [("nature", nature.start, nature.end)]
    if not data.get("plaques"):  # “X机关加挂Y牌子”, “…;2020年5月,加挂A、B牌子”
        for found in clauses.subject_plaques(text, unit):
            if not same_unit(found.value, unit) and found.value not in data["plaques"]:
                data["plaques"].append(found.value)
                result.spans.append((f"plaques[{len(data['plaques']) - 1}]", found.start, found.end))


def _subjectless_class(text: str, unit: str) -> clauses.Found | None:
    """“2005年12月,X经市编委批准成立;…。是…的公益性事业单位。”: a class sentence with no subject, right after a sentence
    that opens with the unit (the topic goes on)."""
    at = text.find(unit)
    m = _SUBJECTLESS_CLASS_RE.search(text, at + len(unit)) if at >= 0 else None
    if m is None:
        return None
    before = text[:m.start()].rstrip("。;；\n \t")
    opening = text[max(before.rfind(c) for c in "。\n") + 1:].lstrip()
    opening = re.sub(r"^\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*[,，]?\s*", "", opening)  # “2005年12月,X…”
    return clauses.Found(m["n"], m.start("n"), m.end("n")) if opening.startswith(unit) else None


def _learned_lists(result: ParseResult, text: str) -> None:
    """Where the rules found no internal body (no duty) of the unit they name, the lists the learned judges take
    (ADR 0068, 0069); `meta["learned"]` names the fields so filled, for the review screen. A page that names no unit
    is left alone: its lists are mostly a template's, a generic article's or another page's."""
    data = result.data
    if not data.get("unit") and not data.get("internal_bodies"):
        subject = body_lists.bodies_with_subject(text)
        if subject is not None:  # “目前,南部县人民法院设有办公室、政治处、…”: the list's subject names the unit
            _set_field(result, "unit", subject[0])
            result.meta.setdefault("learned", []).append("unit")
            _set_learned_bodies(result, subject[1], subject[2])
    if not data.get("unit"):
        return
    if not data.get("internal_bodies"):
        _set_learned_bodies(result, *body_lists.bodies_and_stated_count(text))
    if not data.get("duties"):
        judged = duty_lists.duties_when_silent(text)
        data["duties"] = [f.value for f in judged]
        result.spans += [(f"duties[{i}]", f.start, f.end) for i, f in enumerate(judged)]
        if judged:
            result.meta.setdefault("learned", []).append("duties")


def _set_learned_bodies(result: ParseResult, judged: list, stated: int | None) -> None:
    """The internal bodies a learned judge took, each with its name's span and the item the review screen highlights;
    `stated`, the number the list's sentence states where it differs, goes to meta “stated_counts” for the review screen."""
    result.data["internal_bodies"] = [{"name": f.value, "duties": ""} for f in judged]
    for i, f in enumerate(judged):
        result.spans += [(f"internal_bodies[{i}].name", f.start, f.end), (f"internal_bodies[{i}]", f.start, f.end)]
    if judged:
        result.meta.setdefault("learned", []).append("internal_bodies")
        if stated is not None:
            result.meta.setdefault("stated_counts", {})["internal_bodies"] = stated


# a sentence that states a class and has no subject (Chinese leaves out the topic it goes on about)
_SUBJECTLESS_CLASS_RE = re.compile(r"(?:(?<=[。;；])|(?<=\n))[ \t]*(?:是|为|系|属于)(?P<n>[^,，。;；是为]{2,50}?" + clauses.NATURE_NOUN
                                   + r")(?=[,，。;；]|$)")


# a unit read with what the sentence says before it: “会议宣布了区农业农村局…”, “现将我县不动产登记中心…”; a pronoun
# (“我部”, “本局”) names no unit; a bracketed second name is the unit's plaque (“X局(X港澳事务局)”)
_UNIT_LEAD_RE = re.compile(r"^(?:.{0,12}?(?:宣布了?|宣读了?|现将|特将|决定将|同意将)"
                           r"|.{0,8}?(?:领导|嘉宾|书记|县长|市长|省长|主任|局长)对"  # “出席领导对县X揭牌”
                           r"|[\u4e00-\u9fff]{2,4}(?:兼任|担任|任)(?=[\u4e00-\u9fff]{2,8}?[省市县区州旗]))")  # “林健东任浙江省X厅长”
_SET_UP_VERB_RE = re.compile(r"(?:组建|设立|成立|撤销|新建|整合|挂牌|改设)")  # “组建区X”: a verb, not a place
_UNIT_OWN_PLACE_RE = re.compile(r"^(?:我|本)(?=[省市县区州旗镇乡])")
_PRONOUN_UNIT_RE = re.compile(r"^(?:我|本|该)(?:部|局|委|办|厅|院|会|所|站|队|馆|台|中心|单位|机关|部门)$")
_BRACKETED_PLAQUE_RE = re.compile(r"^(?P<u>[\u4e00-\u9fff]{3,40}?" + clauses.UNIT_SUFFIX + r")\((?P<p>[\u4e00-\u9fff]{3,40}?"
                                  + clauses.UNIT_SUFFIX + r")\)$")


def _polish_unit(result: ParseResult, text: str) -> None:
    data = result.data
    unit = data.get("unit")
    if not isinstance(unit, str):
        return
    span = result.span_of("unit") or (0, 0)
    if _PRONOUN_UNIT_RE.match(unit):  # “该中心为…事业单位”: the body the news item sets up, if it names one
        named = clauses.unit_from_event(text)
        data["unit"] = named.value if named else None
        result.spans = [sp for sp in result.spans if sp[0] != "unit"] + ([("unit", named.start, named.end)] if named else [])
        return
    lead = _UNIT_LEAD_RE.match(unit)
    if lead and len(unit) - lead.end() >= 3:
        unit = unit[lead.end():]
    own = _UNIT_OWN_PLACE_RE.match(unit) or (lead and re.match(r"^(?=[省市县区州旗])", unit))  # “县X”: the text's full name
    if own:  # “我县不动产登记中心” → the name with the place the text gives it, else “县不动产登记中心”
        unit = unit[own.end():]
        named = budget_clauses.place_named(text, unit[1:])
        if named is not None and named.value.endswith(unit) and not _SET_UP_VERB_RE.match(named.value):
            data["unit"] = named.value
            result.spans = [sp for sp in result.spans if sp[0] != "unit"] + [("unit", named.start, named.end)]
            return
    bracket = _BRACKETED_PLAQUE_RE.match(unit)
    if bracket and bracket["p"] not in (data.get("plaques") or []):
        data.setdefault("plaques", []).append(bracket["p"])
        p_end = span[1] - 1
        result.spans.append((f"plaques[{len(data['plaques']) - 1}]", p_end - len(bracket["p"]), p_end))
    if bracket:
        unit = bracket["u"]
    if unit != data["unit"]:
        start = span[1] - len(data["unit"]) + data["unit"].find(unit)
        data["unit"] = unit
        result.spans = [sp for sp in result.spans if sp[0] != "unit"] + ([("unit", start, start + len(unit))] if span[1] else [])


def _multiunit_rules(result: ParseResult, text: str) -> None:
    """heldout35: texts about several units, and budget notes that also state a second unit (multiunit_clauses)."""
    data = result.data
    for key in ("title", "doc_number"):  # “根据中共X关于印发《Y规定》的通知(Z〔2019〕8号),…”: the quoted document's
        if (sp := result.span_of(key)) and multiunit_clauses.in_basis_clause(text, sp[0]):
            _drop_fields(result, (key,))
    if not data.get("title"):  # “欢迎访问…网站!2022年度X部门决算公开”, “X部门决算2024-09-25 09:46…”
        glued = multiunit_clauses.glued_note_title(text)
        if glued is not None:
            _set_field(result, "title", glued[0])
            if not data.get("unit"):
                _set_field(result, "unit", glued[1])
        elif (named := multiunit_clauses.metadata_note_title(text)) is not None:  # “名称: | X2021年度部门决算情况说明 |”
            _set_field(result, "title", named)
    changed = multiunit_clauses.units_changed_by_items(multiunit_clauses.numbered_lines(text))
    if changed:  # “1、X局由…恢复独立设置;2、Y局挂Z牌子;…”: reforms of several units, not one unit's duties
        _keep_items(result, "duties", [])
        if isinstance(data.get("unit"), str) and any(same_unit(data["unit"], name) for name in changed):
            _drop_fields(result, ("unit", "short_name", "nature", "rank"))
    unit, span = data.get("unit"), result.span_of("unit")
    if isinstance(unit, str) and span:
        ceremonies = multiunit_clauses.ceremony_units(text)
        several = len(ceremonies) >= 3 and any(same_unit(unit, f.value) for f in ceremonies)
        together = any(same_unit(unit, a.value) or same_unit(unit, b.value)
                       for a, b in multiunit_clauses.units_set_up_together(text)) \
            or multiunit_clauses.set_up_in_places(text, unit)  # “4个区成立X中心”: one X in each
        if several:  # five bodies “正式挂牌” the same day: no one unit's facts
            _drop_fields(result, ("unit", "short_name", "nature", "rank"))
            _keep_items(result, "plaques", [])
        elif together:  # “正式成立A中心和B中心”: news of two units set up at once, the facts of neither alone
            _drop_fields(result, ("unit", "short_name", "nature", "rank"))
            for key in ("plaques", "internal_bodies"):  # (a staffing or duties stated of both stay: heldout_final4's call)
                if data.get(key):
                    _keep_items(result, key, [])
        elif multiunit_clauses.unit_given_as_example(text, span):  # “…举例,如将A和B整合,组建X,增挂Y牌子”
            start = max(text.rfind(ch, 0, span[0]) for ch in "。\n") + 1
            end = min((i for i in (text.find(ch, span[1]) for ch in "。\n") if i != -1), default=len(text))
            in_sentence = {k for k in ("short_name", "nature", "rank")
                           if (sp := result.span_of(k)) and start <= sp[0] <= end}
            _drop_fields(result, {"unit"} | in_sentence)
            plaque_spans = [result.span_of(f"plaques[{i}]") for i in range(len(data.get("plaques") or []))]
            _keep_items(result, "plaques", [i for i, sp in enumerate(plaque_spans) if not (sp and start <= sp[0] <= end)])
        elif (office := multiunit_clauses.committee_office(text, unit)) is not None:  # “X委员会办公室为正处级…”
            _set_field(result, "unit", office)
    unit = data.get("unit")
    if isinstance(unit, str) and multiunit_clauses.names_a_kind(unit) and (span := result.span_of("unit")):
        start, end = multiunit_clauses._sentence_bounds(text, span[0])  # “街道党工委是县委的派出机关”: every street's
        _drop_fields(result, {"unit"} | {k for k in ("short_name", "nature", "rank")
                                         if (sp := result.span_of(k)) and start <= sp[0] <= end})
    unit = data.get("unit")
    if isinstance(unit, str):  # “…内设办公室、业务股和农调队。农调队是…”: a body of the unit is no unit
        owner = multiunit_clauses.owner_of_body(text, unit, [b.get("name") or "" for b in data.get("internal_bodies") or []])
        if owner is not False:
            spans = [result.span_of("unit") or (0, 0)] + [(m.start(), m.end()) for m in re.finditer(
                r"(?:^|(?<=[\n。;]))[ \t]*" + re.escape(unit) + r"(?=是|为|系|,|，)", text)]  # and its own statements
            bounds = [multiunit_clauses._sentence_bounds(text, sp[0]) for sp in spans]
            _drop_fields(result, {"unit"} | {k for k in ("short_name", "nature", "rank") if (sp := result.span_of(k))
                                             and any(start <= sp[0] <= end for start, end in bounds)})
            staff = [result.span_of(f"staffing[{i}]") for i in range(len(data.get("staffing") or []))]
            _keep_items(result, "staffing", [i for i, sp in enumerate(staff)
                                             if not (sp and any(start <= sp[0] <= end for start, end in bounds))])
            if owner is not None:
                _set_field(result, "unit", owner)
    unit = data.get("unit")
    if isinstance(unit, str) and (named := multiunit_clauses.full_name_of_short(text, unit)) is not None:
        _set_field(result, "unit", named[0])  # “X县市场监督管理局(以下简称县市场监管局)…县市场监管局作为…”
        if not data.get("short_name"):
            _set_field(result, "short_name", named[1])
        unit = data["unit"]
    if isinstance(unit, str):
        own, other = [], []
        for subject, names in multiunit_clauses.counted_bodies(text):  # whose list: the unit's, another named body's
            pronoun = _PRONOUN_UNIT_RE.match(subject)  # “本局”, and “该中心” where the unit is a 中心
            if not subject or same_unit(subject, unit) or pronoun and (subject[0] != "该" or unit.endswith(subject[1:])):
                own.append(names)
            elif pronoun or multiunit_clauses.SUBJECT_NAME_RE.fullmatch(subject):  # “故中心…”, “该中心…” of an office
                other.append(names)
        current = [b.get("name") for b in data.get("internal_bodies") or []]
        if own and (not current or any(current == [f.value for f in o] for o in other)):
            _set_bodies(result, own[0])  # the unit's “下设内设科室2个,即A和B”, not its managed centre's six
        elif not own and any(current == [f.value for f in o] for o in other):
            _set_bodies(result, [])
        elif current:  # “下属X,作为…管理的事业单位,内设A、B”: X's bodies, not the unit's
            spans = [result.span_of(f"internal_bodies[{i}].name") for i in range(len(current))]
            managed = {multiunit_clauses.managed_unit_of_sentence(text, sp[0]) for sp in spans if sp}
            if len(managed) == 1 and None not in managed and not same_unit(managed.pop(), unit) and all(spans):
                _set_bodies(result, [])
        if not data.get("duties"):  # “1.X办公室⏎(1)…(14)…” in a department budget
            _add_items(result, "duties", multiunit_clauses.unit_heading_duties(text, lambda name: same_unit(name, unit)))
    if not data.get("internal_bodies"):  # “(二)机构设置⏎1.综合科。负责…”, “重新设置A、B(C)、D、项”
        _set_bodies(result, multiunit_clauses.numbered_body_lines(text) or multiunit_clauses.reset_bodies(text)
                    or multiunit_clauses.spaced_body_list(text))  # “内设机构:办公室 kx8,2;q9 辅导部 活动部”


def _name_form_rules(result: ParseResult, text: str) -> None:
    """The unit's name in the form the text states it on its own (name_forms): without a copula the clause reader
    kept (“为区卫健委”), without a province the text also leaves off (“西藏自治区日喀则市X局…日喀则市X局概况”)."""
    short = result.data.get("short_name")
    if isinstance(short, str) and (bare := name_forms.without_copula(short)) is not None:  # “简称为区卫健委”
        span = result.span_of("short_name") or (len(short), len(short))
        _set_field(result, "short_name", clauses.Found(bare, span[1] - len(bare), span[1]))
    unit = result.data.get("unit")
    if not isinstance(unit, str):
        return
    bare = name_forms.without_copula(unit)
    if bare is not None:
        span = result.span_of("unit") or (len(unit), len(unit))
        _set_field(result, "unit", clauses.Found(bare, span[1] - len(bare), span[1]))
        unit = bare
    local = name_forms.without_province(text, unit)
    if local is not None:
        _set_field(result, "unit", clauses.Found(local[0], local[1], local[1] + len(local[0])))


def _set_bodies(result: ParseResult, found) -> None:
    """The internal bodies (unnumbered, without duties) replaced by `found`, each with its span."""
    result.data["internal_bodies"] = [{"name": f.value, "duties": ""} for f in found]
    result.meta["numbered_bodies"] = [False] * len(found)
    result.spans = [sp for sp in result.spans if not sp[0].startswith("internal_bodies[")]
    result.spans += [(f"internal_bodies[{i}].name", f.start, f.end) for i, f in enumerate(found)]


def _add_items(result: ParseResult, key: str, found) -> None:
    """Append values read from the text (`clauses.Found`) to the list `key`, each with its span (the builder's
    `add_items` for a finished result)."""
    for f in found:
        result.data[key].append(f.value)
        result.spans.append((f"{key}[{len(result.data[key]) - 1}]", f.start, f.end))


def _drop_fields(result: ParseResult, keys) -> None:
    for key in keys:
        result.data[key] = None
    result.spans = [sp for sp in result.spans if sp[0] not in keys]


def _set_field(result: ParseResult, key: str, found) -> None:
    result.data[key] = found.value
    result.spans = [sp for sp in result.spans if sp[0] != key] + [(key, found.start, found.end)]


def _keep_items(result: ParseResult, key: str, keep: list[int]) -> None:
    """Keep the items of list `key` at the indices `keep` (in order), renumbering their spans."""
    renumber = {old: new for new, old in enumerate(keep)}
    result.data[key] = [result.data[key][i] for i in keep]
    spans = []
    for path, s, e in result.spans:
        m = re.match(re.escape(key) + r"\[(\d+)\]", path)
        if m is None:
            spans.append((path, s, e))
        elif int(m.group(1)) in renumber:
            spans.append((f"{key}[{renumber[int(m.group(1))]}]" + path[m.end():], s, e))
    result.spans = spans


def _scheme_rules(result: ParseResult, text: str) -> None:
    """机构编制方案 and the pages that restate them (heldout24): see scheme_clauses."""
    data = result.data
    unit = data.get("unit")
    # “可以设立若干区公所,作为它的派出机关”: a law's wording names no body and no class
    if isinstance(unit, str) and scheme_clauses.VAGUE_UNIT_RE.match(unit):
        _drop_fields(result, ("unit", "short_name", "nature", "rank"))
        unit = None
    if isinstance(data.get("nature"), str) and scheme_clauses.VAGUE_NATURE_RE.match(data["nature"]):
        _drop_fields(result, ("nature",))
    # “一是X为处级事业单位…二是Y…三是Z更名为W…”: a 批复 restated for several units names no one unit
    series = scheme_clauses.series_units(text)
    if series and isinstance(unit, str):
        span = result.span_of("unit")
        if unit in {f.value for f in series} or (span and span[0] >= series[0].start):
            _drop_fields(result, ("unit", "short_name", "nature", "rank"))
            unit = None
    # “X的办事机构和工作机构包括:A、B…和E”: X is the unit, A… its bodies (A's own sentence describes A, not X)
    listed = scheme_clauses.listed_bodies(text)
    if listed is not None:
        owner, names = listed
        if unit is None or any(same_unit(unit, f.value) for f in names):
            if unit is not None:
                _drop_fields(result, ("short_name", "nature", "rank"))
            _set_field(result, "unit", owner)
            unit = owner.value
        if same_unit(unit, owner.value):
            old = data.get("internal_bodies") or []
            numbered = result.meta.get("numbered_bodies")
            others = [i for i, body in enumerate(old) if not any(same_unit(body.get("name"), f.value) for f in names)]
            _keep_items(result, "internal_bodies", others)
            new = [next((dict(body) for body in old if same_unit(body.get("name"), f.value)), {"name": f.value, "duties": ""})
                   for f in names]  # a listed body also numbered later keeps the duties read there
            for body, f in zip(new, names, strict=True):
                body["name"] = f.value
            result.spans = [(re.sub(r"^internal_bodies\[(\d+)\]", lambda m: f"internal_bodies[{int(m.group(1)) + len(new)}]", p), s, e)
                            for p, s, e in result.spans]
            data["internal_bodies"] = new + data["internal_bodies"]
            result.spans += [(f"internal_bodies[{i}].name", f.start, f.end) for i, f in enumerate(names)]
            if numbered is not None:
                result.meta["numbered_bodies"] = [False] * len(new) + [numbered[i] for i in others if i < len(numbered)]
    # “市农垦种子管理站。仍为相当于科级事业机构。”: a 方案's block for the one unit the page keeps
    if unit is None:
        block = scheme_clauses.scheme_block(text)
        if block is not None:
            found_unit, nature, rank = block
            _set_field(result, "unit", found_unit)
            unit = found_unit.value
            if nature is not None and not data.get("nature"):
                _set_field(result, "nature", nature)
            if rank is not None and not data.get("rank"):
                _set_field(result, "rank", rank)
    # “清远市林业局⏎…清远市林业局所属事业单位机构编制方案确定如下:…(二)X站,…核定事业编制8名,其中站长1名”
    owner = scheme_clauses.owner_scheme(text)
    if owner is not None:
        if unit is None and scheme_clauses.heading_named(text, owner.value):
            _set_field(result, "unit", owner)
            unit = owner.value
        for key in ("staffing", "posts", "internal_leadership"):
            keep = []
            for i, _item in enumerate(data.get(key) or []):
                span = result.span_of(f"{key}[{i}]")
                if not (span and span[0] > owner.end and scheme_clauses.other_unit_item(text, span[0], unit)):
                    keep.append(i)
            if len(keep) < len(data.get(key) or []):
                _keep_items(result, key, keep)
    # “林场设A、B…5个职能机构”: the unit's bodies, its class word as subject
    if not data.get("internal_bodies"):
        found = scheme_clauses.class_word_bodies(text, unit)
        if found:
            _set_bodies(result, found)
    # “正式创办“安福县金顶毛竹林场”…新组建的金顶毛竹林场,为…”: the quoted full name
    full = scheme_clauses.quoted_full_name(text, unit)
    if full is not None:
        _set_field(result, "unit", full)
        unit = full.value
    # “X和Y、Z实行“一套班子、三块牌子””: Y and Z are X's plaques (heldout24b)
    if not data.get("plaques"):
        shared = scheme_clauses.shared_plaques(text, unit)
        if shared:
            data["plaques"] = [f.value for f in shared]
            result.spans += [(f"plaques[{i}]", f.start, f.end) for i, f in enumerate(shared)]


def _parse(text: str) -> ParseResult:
    text = final2_clauses.blank_junk(_light_nfkc(text))  # “…、四科、 p3:9jq,1gM8+2e⏎文电科、…”: anti-copy strings
    text = ministry_clauses.cjk_line_periods(text)  # “…国务院直属事业单位.⏎(一) 拟定….”: half-width periods (heldout16)
    text = opening_clauses.drop_page_marks(text)  # “…封建迷信; — 1 — (5)执行…”: a PDF's page footer run in (heldout30b)
    lines = [ln for ln in _lines(text) if not ln.text.startswith("#")]
    runs, statement = clauses.item_runs(text), clauses.read_statement(text)
    runs = fragment_clauses.drop_toc_runs(text, fragment_clauses.drop_heading_items(text, runs))
    runs = profile_clauses.scope_duty_runs(text, runs)  # “业务范围如下：⏎1、…” (heldout13)
    if statement.get("unit") is None:  # “X，系Y事业单位”: a comma between the unit and its nature
        statement = fragment_clauses.statement_after_comma(text) or statement
    if statement.get("unit") is None:  # “X第一中学是…事业单位” (heldout13)
        statement = profile_clauses.profile_statement(text) or statement
    if statement.get("unit") is None:  # “X，简称Y，是…组成部门” (heldout14)
        statement = national_clauses.comma_short_statement(text) or statement
    adjustment, title_idx, scratch = _is_adjustment(text, lines, runs, statement)
    hdr = clauses.read_header(text)
    if hdr.title is not None and fragment_clauses.is_metadata_row(hdr.title.value):
        hdr.title = None  # “[ 主题分类 ] … [ 体裁分类 ] 财政预算、决算” is page metadata
    if hdr.title is not None and _REFORM_PLAN_TITLE_RE.search(hdr.title.value):
        hdr.title = None  # “…关于国务院机构改革方案的决定”: a government's reform plan is no unit's document
    report = fragment_clauses.report_title(text)  # a budget/final-accounts report's title under page metadata
    if report is not None and not hdr.is_notice_cover and (hdr.title is None or report.start < hdr.title.start):
        hdr.title = report  # (also over a later cover line: “中共X县委员会机构编制委员会⏎办公室2023年部门决算”)
    bracketed = fragment_clauses.bracketed_report_title(text)  # “X2018绩效评价自评报告及评分表(…)” on the first line
    if bracketed is not None and not hdr.is_notice_cover and (hdr.title is None or hdr.title.start > bracketed.start):
        hdr.title = bracketed
    note = budget_clauses.note_title(text)  # “X2019年部门预算编制说明” under a table of contents, a cover (heldout15)
    if note is not None and hdr.title is None and not hdr.is_notice_cover and not adjustment:
        hdr.title = note[0]
    if hdr.title is not None and final_clauses.menu_item(hdr.title.value):
        hdr.title = None  # “- 发展报告” is the page's navigation menu
    # “X.doc⏎2020 年 X 部门预算 目 录 …”, “X2023年度部门决算 |”, “下载安装Flash播放器X2011年部门预算”
    run_in = final_clauses.run_in_note_title(text) or final_clauses.chrome_title(text)
    if run_in is not None and hdr.title is None and not hdr.is_notice_cover and not adjustment:
        hdr.title = run_in[0]
    two_line = final2_clauses.two_line_title(text)  # “景德镇市人民政府办公室⏎2023年部门预算” (heldout_final2)
    if two_line is not None and not hdr.is_notice_cover and not adjustment \
            and (hdr.title is None or two_line[0].start <= hdr.title.start < two_line[0].end):
        hdr.title = two_line[0]
    organ = county_clauses.organ_title(text)  # “开州金府发〔2026〕18号⏎X镇人民政府⏎关于…的公示” (heldout17)
    if organ is not None and (hdr.title is None or organ[0].value.endswith(hdr.title.value)):
        hdr.title = organ[0]  # the issuer's line above “关于…” is part of the title, and names the issuer
        hdr.issuing_organ = hdr.issuing_organ or organ[1]
    if adjustment:
        b = scratch
        b.data.update({k: v for k, v in empty_result().items() if k not in b.data})
        if hdr.title is not None and re.search(r"(?:通知|批复|函|决定)$", hdr.title.value) and hdr.title.value != b.data.get("title"):
            # the notice's own title line (an OCR line break can make a 规定 cited in item 八 look like a title)
            b.data["title"] = hdr.title.value
            b.spans = [sp for sp in b.spans if sp[0] != "title"]
            b.span("title", hdr.title.start, hdr.title.end)
            title_idx = next((i for i, ln in enumerate(lines) if ln.start <= hdr.title.start < ln.end + 1), title_idx)
        result = _parse_adjustment(b, lines, title_idx)
        _add_header_meta(b, hdr, keep_title=True)
        return result
    b = _Builder(text)
    _add_header_meta(b, hdr)
    _parse_sanding(b, hdr, runs, statement)
    style, _sections_ = _sections(lines)
    if hdr.is_notice_cover and style == "none":
        layout = "notice"
    elif style == "chapter":
        layout = "old"
    elif style == "article":
        layout = "2019" if re.search(r"本规定确定的.{0,120}?基本依据", text) else "2018"
    else:
        layout = "fragment"
    return ParseResult(data=b.data, spans=b.spans, kind="sanding", layout=layout, meta=b.meta)


def _add_header_meta(b: _Builder, hdr: clauses.Header, keep_title: bool = False):
    b.data.setdefault("issuing_organ", None)
    b.data.setdefault("issued_on", None)
    b.data.setdefault("short_name", None)
    b.data.setdefault("inner_title", None)
    fields = [("issuing_organ", hdr.issuing_organ), ("issued_on", hdr.issued_on), ("inner_title", hdr.inner_title)]
    if not keep_title or not b.data.get("title"):
        fields.insert(0, ("title", hdr.title))
    if not keep_title or not b.data.get("doc_number"):
        fields.append(("doc_number", hdr.doc_number))
    for key, found in fields:
        if found is not None:
            b.data[key] = found.value
            b.spans = [sp for sp in b.spans if sp[0] != key]
            b.span(key, found.start, found.end)


def _parse_adjustment(b: _Builder, lines: list[Segment], title_idx) -> ParseResult:
    title = b.data["title"] or ""
    unit, unit_pos = _unit_from_title(title)
    if unit:
        b.data["unit"] = unit
        start = next((s for p, s, e in b.spans if p == "title"), 0)
        b.span("unit", start + unit_pos, start + unit_pos + len(unit))
    if not b.data["unit"]:
        for ln in lines[(title_idx or 0) + 1:(title_idx or 0) + 4]:
            m = re.fullmatch(r"(?P<u>[^,。]{2,40}?)[:]", ln.text)
            if m and "、" not in m["u"] and not m["u"].startswith("各"):  # “各乡镇人民政府:” is the addressees
                b.data["unit"] = m["u"]
                b.span("unit", ln.start, ln.start + len(m["u"]))
                break
    if b.data["unit"] and not b.data.get("short_name"):
        _set(b, "short_name", clauses.short_name_clause(b.text, b.data["unit"]))
    if b.data["unit"]:  # “省信访局由…部门管理机构调整为省政府直属机构”: the unit's nature after the notice
        for m in re.finditer(r"(?:^|(?<=[\n。;]))[ \t]*(?P<u>[\u4e00-\u9fff]{2,40}?" + clauses.UNIT_SUFFIX + r")由[^。;]{0,60}?"
                             r"(?:调整为|改为|变更为)(?P<n>[^,。;]{2,30}?" + clauses.NATURE_NOUN + r")(?=[,。;]|$)", b.text):
            if same_unit(m["u"], b.data["unit"]) or m["u"] == b.data.get("short_name"):
                _set(b, "nature", clauses.Found(m["n"], m.start("n"), m.end("n")))
                break
    _parse_changes(b, lines, title_idx)
    return ParseResult(data=b.data, spans=b.spans, kind="adjustment", layout="notice", meta=b.meta)


def _set(b: _Builder, key: str, found):
    if found is not None:
        b.data[key] = found.value
        b.span(key, found.start, found.end)


# a regulation on a matter (“X机关公文处理办法”, “X社会信用条例”), not a body's own rules or 三定
_MATTER_REGULATION_RE = re.compile(r"(?:办法|条例|细则)(?:\([^()]{2,12}\))?$")


def _parse_sanding(b: _Builder, hdr: clauses.Header, runs, statement):
    text = b.text
    st_unit = statement.get("unit")
    if st_unit is not None and hdr.title is not None and _MATTER_REGULATION_RE.search(hdr.title.value) \
            and st_unit.value not in hdr.title.value and clauses.unit_from_title(hdr.title.value) is None:
        # “第五条 州人大常委会办公室是负责…的工作机构” in a 公文处理办法: a body the regulation gives a task, not the
        # text's unit
        statement = {}
    # unit: the notice's/规定's title names it in full; else the nature sentence; else a sentence's subject
    title_unit = None
    for source in (hdr.inner_title, hdr.title):
        if source is not None:
            found = clauses.unit_from_title(source.value)
            if found is not None:
                title_unit = clauses.Found(found.value, source.start + found.start, source.start + found.end)
                break
    if title_unit is None and hdr.title is not None:  # “X2024年度项目支出绩效单位自评报告”
        found = fragment_clauses.unit_from_report_title(hdr.title.value)
        if found is not None:
            title_unit = clauses.Found(found.value, hdr.title.start + found.start, hdr.title.start + found.end)
    heading_unit = None
    if hdr.title is not None and re.fullmatch(r"[\u4e00-\u9fff()]{4,40}" + clauses.UNIT_SUFFIX, hdr.title.value):
        heading_unit = hdr.title
    st_unit = statement.get("unit")
    unit = title_unit or heading_unit
    if unit is None and st_unit is not None:
        unit = st_unit
    elif unit is not None and st_unit is not None and same_unit(unit.value, st_unit.value) \
            and len(st_unit.value) > len(unit.value):
        unit = st_unit
    if unit is None:
        unit = clauses.unit_from_sentences(text)
    elif unit is st_unit:  # a heading naming the same unit in full (“第一部分自治区人民政府机关事务管理局概况”)
        heading = clauses.unit_from_heading(text)
        if heading is not None and same_unit(heading.value, unit.value) and len(heading.value) > len(unit.value):
            unit = heading
    if unit is None:  # “X是根据…而设立的”, “X是由…组建而成的”: a ministry's history (heldout14)
        unit = national_clauses.founding_subject(text)
    if unit is None:  # a news item: “X29日上午10时正式挂牌” (heldout14)
        unit = national_clauses.opening_subject(text)
    if unit is None:  # a form pasted cell by cell: “部门(单位)名称: X”
        unit = fragment_clauses.form_unit(text)
    if unit is None:  # “金桥镇人民政府设6个党政内设机构:”
        unit = fragment_clauses.unit_from_counted_bodies(text)
    if unit is None:  # a budget note naming the unit only in the 2019 formula (“县人社局贯彻落实…”)
        unit = fragment_clauses.unit_from_party_formula(text)
    unit = _profile_unit(text, unit)  # a unit's own introduction (heldout13)
    unit = fragment_clauses.first_of_joint_subject(unit)
    if unit is not None:
        longer = clauses.full_name(text, unit.value)
        if longer is not None and len(longer.value) > len(unit.value):
            unit = longer
    _set(b, "unit", unit)
    _set(b, "short_name", statement.get("short_name"))
    _set(b, "nature", statement.get("nature"))
    _set(b, "rank", statement.get("rank"))
    if not b.data.get("nature") and b.data["unit"]:  # “我单位属于交通运输局二级机构”
        _set(b, "nature", fragment_clauses.self_nature(text))
    _profile_nature(b, text)  # “X始建于1953年，是…事业单位”, “改制为…事业单位”, a 性质 table row (heldout13)
    if b.data["unit"]:  # an infobox run into lines: “机构类型国务院组成部门”, “行政级别正部级” (heldout14)
        for key, found in national_clauses.infobox_facts(text).items():
            if key == "nature" and b.data.get(key) and reference_clauses.REGISTRY_CATEGORY_RE.fullmatch(found.value):
                continue  # a registry card's “机构类型 党政机关”: its own category, not the class the text states
            if key == "nature" or not b.data.get(key):
                b.spans = [sp for sp in b.spans if sp[0] != key]
                _set(b, key, found)
    for found in statement.get("plaques", []):
        b.data["plaques"].append(found.value)
        b.span(f"plaques[{len(b.data['plaques']) - 1}]", found.start, found.end)
    # numbered lists: duties and internal bodies
    for kind, run in runs:
        if kind == "duties":
            for it in run:
                chunk = text[it.start:it.end]
                parts = [p.strip() for p in chunk.split("\n") if p.strip()]
                if not parts:
                    continue
                value = _join_item(parts)
                lead = len(chunk) - len(chunk.lstrip())
                b.data["duties"].append(value)
                b.span(f"duties[{len(b.data['duties']) - 1}]", it.start + lead, it.start + len(chunk.rstrip()))
        else:
            for n, it in enumerate(run):
                for name, ns, ne, duties, end in clauses.split_body_item(text, it, last=n == len(run) - 1):
                    if n == len(run) - 1 and fragment_clauses.cut_off_body(text, name, max(ne, end)):
                        continue  # the page is cut off inside the last item (“6. 社会治安和应急”)
                    idx = len(b.data["internal_bodies"])
                    duty_text = re.sub(r"^职责[:]\s*", "", duties.strip())
                    b.data["internal_bodies"].append({"name": name, "duties": duty_text})
                    b.meta.setdefault("numbered_bodies", []).append(ns == it.start + (len(text[it.start:it.end]) - len(text[it.start:it.end].lstrip())))
                    b.span(f"internal_bodies[{idx}].name", ns, ne)
                    b.span(f"internal_bodies[{idx}]", ns, max(ne, end))
    if b.data["unit"] and not b.data.get("short_name"):
        _set(b, "short_name", clauses.short_name_clause(text, b.data["unit"]))
    if hdr.title is not None and title_unit is not None:  # “X (Y) 2021年度部门决算”: Y is X's second name
        second = clauses.second_name_from_title(hdr.title.value)
        if second is not None:
            b.add_plaque(clauses.Found(second.value, hdr.title.start + second.start, hdr.title.start + second.end))
    if b.data["unit"]:
        for found in clauses.plaque_clauses(text, b.data["unit"]) + clauses.subject_plaques(text, b.data["unit"]):
            if not same_unit(found.value, b.data["unit"]):
                b.add_plaque(found)
    if not b.data["internal_bodies"]:
        found_bodies = clauses.inline_bodies(text) or clauses.heading_list_bodies(text) \
            or clauses.subject_bodies(text, b.data["unit"]) \
            or clauses.single_bodies(text, b.data["unit"]) \
            or clauses.bullet_bodies(text) or clauses.prose_bodies(text) or clauses.more_list_bodies(text)
        for found in found_bodies:
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["unit"] and b.data["internal_bodies"]:  # “本文将深入解析X的机构构成”, then X's bodies (heldout11)
        _set(b, "unit", clauses.unit_of_bodies(text))
    if not b.data["unit"]:  # “民政和社会保障局⏎负责拟订…”: a department page's heading line (heldout12)
        _set(b, "unit", clauses.heading_line_unit(text))
    if not b.data["internal_bodies"]:  # “设6个内设机构:⏎一、秘书组⏎负责…”
        for found, duties in clauses.chapter_bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": duties})
            b.meta.setdefault("numbered_bodies", []).append(True)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["internal_bodies"]:  # a township's “青石镇设A、B…6个内设机构”
        town, town_bodies = fragment_clauses.township_bodies(text)
        if town_bodies and (b.data["unit"] is None or same_unit(b.data["unit"], town.value)):
            if b.data["unit"] is None:
                _set(b, "unit", town)
            for found in town_bodies:
                idx = len(b.data["internal_bodies"])
                b.data["internal_bodies"].append({"name": found.value, "duties": ""})
                b.meta.setdefault("numbered_bodies", []).append(False)
                b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["internal_bodies"]:  # “本单位设立A、B…等股室” (no count)
        for found in fragment_clauses.uncounted_bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["internal_bodies"] and b.data["unit"]:  # “部内设A、B…”, “下设多个专业司局，例如A、B等” (heldout14)
        for found in national_clauses.short_subject_bodies(text) or national_clauses.example_bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["internal_bodies"] and b.data["unit"]:  # “下设A、B…等五个职能部门”, a 科室 table row (heldout13)
        for found in profile_clauses.counted_bodies(text) or profile_clauses.table_facts(text)["bodies"]:
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    # staffing, posts, leadership counts: wherever they are stated
    read = clauses.read_staffing(text)
    for entry, s, e in read["staffing"]:
        b.data["staffing"].append(entry)
        b.span(f"staffing[{len(b.data['staffing']) - 1}]", s, e)
    if not b.data["staffing"] and b.data["unit"]:
        found = clauses.unit_untyped_staffing(text, b.data["unit"])
        if found is not None:
            b.data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    if not b.data["staffing"] and b.data["unit"]:  # a form's “人员编制⏎21”
        _set_staffing = fragment_clauses.form_staffing(text)
        if _set_staffing is not None:
            b.data["staffing"].append(_set_staffing.value)
            b.span("staffing[0]", _set_staffing.start, _set_staffing.end)
    if not b.data["staffing"] and b.data["unit"]:  # “编制定员956人” (heldout14)
        found = national_clauses.quota_staffing(text)
        if found is not None:
            b.data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    if not b.data.get("issued_on"):  # “报告日期:2019年06月18日” on a report's cover
        _set(b, "issued_on", fragment_clauses.report_date(text))
    if not b.data["staffing"] and b.meta.get("profile_staffing") is not None:  # “编制人数：20” (heldout13)
        found = b.meta.pop("profile_staffing")
        b.data["staffing"].append(found.value)
        b.span("staffing[0]", found.start, found.end)
    b.meta.pop("profile_staffing", None)
    if not b.data["staffing"] and statement.get("unit") is not None:  # “X为…事业单位，核定编制20名”
        found = fragment_clauses.unit_sentence_staffing(text, statement["unit"])
        if found is not None:
            b.data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    subject = statement.get("unit") or b.meta.pop("profile_subject", None)
    b.meta.pop("profile_subject", None)
    if not b.data["staffing"] and subject is not None:  # “…事业单位。核定编制30名。” (heldout13)
        found = profile_clauses.next_sentence_staffing(text, subject)
        if found is not None:
            b.data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    for entry, s, e in profile_clauses.post_ranks_below(text, fragment_clauses.drop_collective_posts(text, read["posts"])):
        b.data["posts"].append(entry)
        b.span(f"posts[{len(b.data['posts']) - 1}]", s, e)
    for entry, s, e in read["leadership"]:
        b.data["internal_leadership"].append(entry)
        b.span(f"internal_leadership[{len(b.data['internal_leadership']) - 1}]", s, e)
    _final_rules(b, text)  # shapes the final unseen split showed: “1)” lines, “(1)X。(2)Y。”, “X局负责…” (heldout_final)
    _budget_note(b, text)  # a budget note's opening: run-in duties, counted body lists, staffing parts (heldout15)
    _final2_rules(b, text)  # a title over two lines names the unit; “现设职能科(室)23个,分别为:A、B…” (heldout_final2)
    _ministry_rules(b, text)  # news on a ministry's “三定”, “作为X直属机构,Y…”, bar tables, “A、B…Z司九个司” (heldout16)
    webcopy_clauses.apply(b, text)  # web copies and fragments: “X,是将…整合组建的,作为…”, contact lists (heldout18)
    _county_rules(b, text)  # township notices, 事业单位 notes, Q&A examples of a county's bureau (heldout17)
    township_clauses.apply(b, text)  # grouped township duties, a cut first duty, “新设置11个机构:…” (heldout19)
    institution_clauses.apply(b, text)  # 事业单位 pages, 章程, news and Q&A on one unit, explainers on a kind (heldout20)
    reference_clauses.apply(b, text)  # encyclopedia leads, Q&A 作为-clauses, “A、B和C这12个部门” (heldout21)
    department_clauses.apply(b, text)  # departments' 机构职能 pages, a zone's 党工委 and 管委会 (heldout22)
    group_clauses.apply(b, text)  # 群团 bodies: “X是…人民团体”, short forms, “Y设置7个专委会:…”, “一是…二是…” (heldout23)
    registry_clauses.apply(b, text)  # 事业单位 texts of every kind: “增挂“X”的牌子”, “(一)、办公室” headings (heldout25)
    restate_clauses.apply(b, text)  # news restating a 三定: “X将正式挂牌成立”, “决定设立X。”, “X整体划入Y,Y加挂X牌子” (heldout26)
    reform_clauses.apply(b, text)  # 2023–24 reform bodies: “X加挂Y揭牌”, “组建X,负责…,作为Y”, “职责一:…” (heldout28)
    vertical_clauses.apply(b, text)  # vertically managed bodies: “X:” body lines, “以X为例,其…”, “X(EnglishName)是…” (heldout27)
    organ_clauses.apply(b, text)  # 检察院, 管委会, 议事协调 offices, schools: “即第一、二检察部”, “|” tables (heldout29)
    opening_clauses.apply(b, text)  # budget notes' openings: “内设7室;A、B”, “工作机构4个,即A、B…”, “单位名称:X” (heldout30)
    pasted_clauses.apply(b, text)  # law-database pages, chronicles, 加挂 items: “。为X管理的…事业单位”, “X保留,内设…” (heldout31)
    entry_clauses.apply(b, text)  # entries and introductions: “有10个办公室,包括A…和J”, “一室五部一分馆:A,B…” (heldout32)
    page_clauses.apply(b, text)  # a unit's own pages: bodies one a line under “机构设置”, “1·…” duties (heldout33)
    staffnote_clauses.apply(b, text)  # budget notes' staffing templates, “X,市政府工作部门,正处级”, “内设科室12个,含A…” (heldout34)
    kinds_clauses.apply(b, text)  # bodies of every kind (“下设4个小组,A组…”, counts “一办、二部” never names), units named once (heldout36)
    clerknote_clauses.apply(b, text)  # budget notes as clerks get them: head-line titles, “编制24名(其中参公21名、…)” (heldout38)
    report_clauses.apply(b, text)  # reports, 请示, news, entries, chronicles naming one unit in passing; rules texts, several units (heldout39)
    final_misses_clauses.apply(b, text)  # the earlier final splits' recurring misses: bare counted bodies, renamings (final3–11)
    _unnumbered_lists(b, text)  # last: a copy out of Word that lost its automatic numbering
    if final_clauses.generic_unit(b.data.get("unit")) or final2_clauses.bare_place_unit(b.data.get("unit"), text):  # “街道办事处作为…的派出机关”: an article on a kind of body
        b.data["unit"] = b.data["nature"] = None
        b.spans = [sp for sp in b.spans if sp[0] not in ("unit", "nature")]
    if national_clauses.several_unit_sections(text):  # “——林垦部⏎…⏎——情报总署⏎…”: an article on several bodies
        for key in ("unit", "short_name", "nature", "rank"):
            b.data[key] = None
        for key in ("plaques", "duties", "internal_bodies", "staffing", "posts", "internal_leadership"):
            b.data[key] = []
        b.meta.pop("numbered_bodies", None)
        keep = ("title", "doc_number", "issuing_organ", "issued_on", "inner_title")
        b.spans = [sp for sp in b.spans if sp[0].split("[")[0].split(".")[0] in keep]


def _unnumbered_lists(b: _Builder, text: str):
    """Duties and bodies one a line under the line announcing them, their numbers lost (unnumbered_clauses)."""
    if not b.data["duties"]:
        for found in unnumbered_clauses.duties(text) or clauses.trigger_duties(text):
            b.data["duties"].append(found.value)
            b.span(f"duties[{len(b.data['duties']) - 1}]", found.start, found.end)
    if not b.data["internal_bodies"]:
        for found, duties in unnumbered_clauses.bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": duties})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)


def _final_rules(b: _Builder, text: str):
    """heldout_final: duties “1)” … on their own lines, bodies “(1)X。(2)Y。” inline, the unit as the duty subject."""
    run_in = final_clauses.run_in_note_title(text) or final_clauses.chrome_title(text)  # “2020 年 X 部门预算 目 录”
    unit = b.data.get("unit")
    if not unit:  # no title line: “1、主要职责:⏎X局负责…”; an encyclopedia row “词条 | X |”
        found = final_clauses.duty_subject_unit(text) or (run_in[1] if run_in is not None else None) \
            or final_clauses.entry_unit(text)
        if found is not None:
            _set(b, "unit", found)
    elif run_in is not None and run_in[1].value != unit and run_in[1].value.endswith(unit):
        b.spans = [sp for sp in b.spans if sp[0] != "unit"]  # the name with its city, given later in the text
        _set(b, "unit", run_in[1])
    if b.data.get("unit") and not b.data.get("rank"):  # “X的机构规格为正科级全额拨款事业单位”
        rank, nature = final_clauses.grade_clause(text, b.data["unit"])
        _set(b, "rank", rank)
        if not b.data.get("nature"):
            _set(b, "nature", nature)
    if final_clauses.heading_items(b.data["duties"]):  # “(一)主要职能是: 负责…(二)人员构成情况 …” are headings
        b.clear_items("duties")
    if not b.data["duties"]:  # “(一)职能职责⏎1)…⏎2)…”
        b.add_items("duties", final_clauses.line_paren_duties(text))
    if not b.data["internal_bodies"]:  # “分别是:(1)办公室。(2)X股(Y股)。”; “主要设有三个职能处:⏎秘书处: …”
        counted = final_clauses.paragraph_bodies(text)
        if counted and not b.data.get("unit"):  # “X的内部机构设置清晰,…”
            _set(b, "unit", final_clauses.structure_subject(text))
        for found in final_clauses.period_bodies(text) or counted:
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(True)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)


def _replace_if(b: _Builder, key: str, found):
    """Set `key` to `found` when something was found, dropping the value (and span) read before; else keep it."""
    if found is not None:
        b.spans = [sp for sp in b.spans if sp[0] != key]
        b.data[key] = None
        _set(b, key, found)


def _ministry_rules(b: _Builder, text: str):
    """heldout16: how national and provincial bodies appear on news, Q&A, explainer and directory pages."""
    if b.data.get("unit") and re.search(r"\s", b.data["unit"]):  # a one-line copy: “X的行政级别 X是…”
        current = next((clauses.Found(b.data["unit"], s, e) for k, s, e in b.spans if k == "unit"), None)
        tail = ministry_clauses.spaced_unit_tail(current) if current is not None else None
        if tail is not None and text[tail.start:tail.end] == tail.value:
            _replace_if(b, "unit", tail)
    current = next((clauses.Found(b.data["unit"], s, e) for k, s, e in b.spans if k == "unit"), None) \
        if b.data.get("unit") else None
    if current is not None and text[current.start:current.end] == current.value:  # “X的行政级别X是…” in one line
        _replace_if(b, "unit", ministry_clauses.glued_unit_tail(current, text))
    if not b.data.get("unit"):  # “水利部“三定”方案落定”; “作为国务院直属机构,国家医保局…”; “X是…的国务院直属事业单位。”
        acting = ministry_clauses.acting_as_statement(text) or ministry_clauses.purpose_statement(text)
        found = ministry_clauses.news_sanding_unit(text) or (acting[0] if acting is not None else None)
        _set(b, "unit", found)
        if acting is not None and found is acting[0] and not b.data.get("nature"):
            _set(b, "nature", acting[1])
        bracket = ministry_clauses.bracket_short_statement(text) if found is None else None
        if bracket is not None:  # “…标志国家文物局(官方英语译名:…),简称文物局,是…国家局”
            for key in ("unit", "short_name", "nature"):
                if not b.data.get(key):
                    _set(b, key, bracket[key])
    heading = ministry_clauses.duty_heading_unit(text)  # a portal's card: “湖北省人民政府是…。省政府办公厅的主要职责是:”
    unit = b.data.get("unit")
    if heading is not None and b.data["duties"] and unit and not same_unit(heading.value, unit) \
            and re.search(r"(?:人民政府|政府)$", unit):
        for key in ("unit", "nature", "rank", "short_name"):
            b.data[key] = None
        b.spans = [sp for sp in b.spans if sp[0] not in ("unit", "nature", "rank", "short_name")]
        _set(b, "unit", heading)
    unit = b.data.get("unit")
    if unit:
        if not b.data.get("rank"):  # “X的直接上级单位是国务院,作为其直属副部级机构,…”
            _set(b, "rank", ministry_clauses.acting_rank(text, unit))
        _replace_if(b, "nature", ministry_clauses.one_of_nature(text, unit))  # “X是Y的组成部门之一”
        for key, found in ministry_clauses.bar_infobox(text).items():  # “机构类型 | X |”, “行政级别 | 副部级 |”
            _replace_if(b, key, found)
        nature = next((clauses.Found(b.data["nature"], s, e) for k, s, e in b.spans if k == "nature"), None) \
            if b.data.get("nature") else None
        if nature is not None and text[nature.start:nature.end] == nature.value:  # “是经国务院授权承担…的国务院直属事业单位”
            _replace_if(b, "nature", ministry_clauses.purpose_free_nature(nature))
        if not b.data.get("rank"):  # “… 行政级别 正厅级 主要负责人 …”: a table run into one line
            _set(b, "rank", ministry_clauses.run_in_rank(text))
        if b.data.get("nature") and not b.data.get("rank"):  # “是…管理的副部级国家局”: the rank its nature states
            nature = next((clauses.Found(b.data["nature"], s, e) for k, s, e in b.spans if k == "nature"), None)
            if nature is not None and text[nature.start:nature.end] == nature.value:
                _set(b, "rank", ministry_clauses.rank_in_nature(nature))
    subject, shared = ministry_clauses.shared_suffix_list(text)  # “X共设综合、政策法规、…、国际合作司九个司”
    if shared and not unit and subject is not None:
        _set(b, "unit", subject)
        unit = subject.value
    names = [x["name"] for x in b.data["internal_bodies"]]
    if shared and all(n in [f.value for f in shared] for n in names):
        b.data["internal_bodies"] = []
        b.meta.pop("numbered_bodies", None)
        b.spans = [sp for sp in b.spans if not sp[0].startswith("internal_bodies[")]
        for found in shared:
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["internal_bodies"] and unit:  # “| 内设机构 | … | 包括电力司、新能源司等 |”; “机构包括但不限于A、B等”
        for found in ministry_clauses.table_bodies(text) or ministry_clauses.including_bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    if not b.data["staffing"] and unit:  # “…九个司,编制112人”; “| 机关编制 | 240名(最新) |”
        found = ministry_clauses.count_staffing(text)
        if found is not None:
            b.data["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    if not b.data.get("doc_number"):  # “国税发[2008]104号颁布时间:2008-11-18”
        _set(b, "doc_number", ministry_clauses.run_in_docnumber(text))
    title = next((clauses.Found(b.data["title"], s, e) for k, s, e in b.spans if k == "title"), None) \
        if b.data.get("title") else None
    if title is not None and text[title.start:title.end] == title.value:  # “XX”, “UU主要职责…规定” in a one-line copy
        _replace_if(b, "title", ministry_clauses.repeated_title(title))
    if ministry_clauses.law_provision_heading(b.data.get("title")):  # “《国务院组织法》中关于机构设置的规定”
        b.data["title"] = None
        b.spans = [sp for sp in b.spans if sp[0] != "title"]


def _final2_rules(b: _Builder, text: str):
    """heldout_final2: the unit of a title printed over two lines, a body list run in after its count."""
    if not b.data.get("unit"):  # “2018年度X⏎部门决算公开说明”
        two_line = final2_clauses.two_line_title(text)
        if two_line is not None:
            _set(b, "unit", two_line[1])
    if not b.data["duties"]:  # “办公室机构职能:⏎(一)负责…”
        for found in final2_clauses.colon_heading_duties(text):
            b.data["duties"].append(found.value)
            b.span(f"duties[{len(b.data['duties']) - 1}]", found.start, found.end)
    if not b.data["internal_bodies"]:  # “现设职能科(室)23个,分别为:A、B、…⏎C、…”
        for found in final2_clauses.run_in_bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)


def _replace(b: _Builder, key: str, found):
    b.spans = [sp for sp in b.spans if sp[0] != key]
    b.data[key] = None
    _set(b, key, found)


def _county_rules(b: _Builder, text: str):
    """heldout17: what city/county clerks paste from 部门预算/决算 notes and Q&A pages (rules in `county_clauses`)."""
    cc = county_clauses
    d = b.data
    if not d.get("title"):  # “- [ 索引号 ]⏎…⏎X⏎2019年度部门决算情况说明”
        meta = cc.title_after_metadata(text)
        if meta is not None:
            _replace(b, "title", meta[0])
            if not d.get("unit"):
                _set(b, "unit", meta[1])
    year_title = cc.year_line_title(text)  # “2021年度⏎X部门决算”, “2018年图书馆部门预算公开说明”
    if year_title is not None and (not d.get("title") or year_title[0].value.endswith(d["title"])) \
            and year_title[0].value != d.get("title"):
        _replace(b, "title", year_title[0])
        if not d.get("unit"):
            _set(b, "unit", year_title[1])
    if cc.metadata_unit(d.get("unit")):  # “发布机构X” is the site's metadata
        _replace(b, "unit", None)
    if not d.get("unit"):  # “说明:X镇人民政府没有使用…,故本表无数据。”; “X内设股室4个。…X编制人数12人”
        _set(b, "unit", cc.table_note_unit(text) or cc.repeated_subject(text))
    if not d.get("unit"):  # “衢州市衢江区大洲镇2020年部门预算”
        found = cc.unit_from_note_title(d.get("title"))
        start = next((s for p, s, e in b.spans if p == "title"), 0)
        if found is not None:
            _set(b, "unit", clauses.Found(found.value, start + found.start, start + found.end))
    first = cc.first_of_pair(d.get("unit"))  # “A和B为…事业单位”
    if first is not None:
        start = next((s for p, s, e in b.spans if p == "unit"), 0)
        _replace(b, "unit", clauses.Found(first, start, start + len(first)))
    example = cc.example_unit(text) or (cc.managing_body(text) if not d.get("unit") else None)
    if example is not None and (not d.get("unit") or not d.get("nature")):  # “以P县为例,X成立于…,为N,为R单位”
        for key, found in example.items():
            _replace(b, key, found)
    two = cc.two_names(text)  # “成立A,B,两块牌子一套人员”
    if two is not None and (not d.get("unit") or d["unit"] == two[0].value or cc.abbreviates(d["unit"], two[0].value)):
        _replace(b, "unit", two[0])
        d["plaques"] = [p for p in d["plaques"] if not cc.abbreviates(p, two[1].value) and p != two[1].value]
        b.spans = [sp for sp in b.spans if not sp[0].startswith("plaques[")]
        d["plaques"].append(two[1].value)
        b.span(f"plaques[{len(d['plaques']) - 1}]", two[1].start, two[1].end)
    if d.get("unit") and not d.get("rank"):  # “…,科级建制,…”
        _set(b, "rank", cc.build_rank(text) if two is not None else None)
    if not d.get("unit"):  # “科协是事业正科级单位”
        found = cc.self_rank(text)
        if found is not None:
            _set(b, "unit", found["unit"])
            if not d.get("rank"):
                _set(b, "rank", found["rank"])
    plaques = d.get("plaques") or []
    if d.get("unit") and plaques:  # “X(Y)为…,挂Y牌子” under a title naming Y: the unit is X
        m = county_clauses.NAMED_PLAQUE_RE.search(text)
        if m and m["y"] in plaques and same_unit(m["y"], d["unit"]) and m["x"] != d["unit"]:
            _replace(b, "unit", clauses.Found(m["x"], m.start("x"), m.end("x")))
    if len(set(plaques)) < len(plaques):
        d["plaques"] = list(dict.fromkeys(plaques))
        b.spans = [sp for sp in b.spans if not sp[0].startswith("plaques[")]
    if not d.get("nature"):  # “X是…举办,向社会提供…,具有…功能的公益性机构。”
        found = cc.purpose_nature(text, d.get("unit"))
        if found is not None:
            if not d.get("unit"):
                _set(b, "unit", found[0])
            _set(b, "nature", found[1])
    if d.get("nature") and re.match(r"一[个种所]", d["nature"]):  # “图书馆是一个专门…的机构”: a definition of the kind
        _replace(b, "nature", cc.unit_class(text, d.get("unit")))  # “X为全额拨款事业单位”
    cls = cc.class_of_purpose(d.get("nature"))  # the same, read whole by the statement reader
    if cls is not None:
        start = next((s for p, s, e in b.spans if p == "nature"), 0) + len(d["nature"]) - len(cls)
        _replace(b, "nature", clauses.Found(cls, start, start + len(cls)))
    if d["duties"] and cc.section_items(d["duties"]):  # “(一)主要职责 …(二)机构设置 …”, “(一)收入预算,…”
        b.clear_items("duties")
    if d["internal_bodies"] and all(re.search(r"\d", x["name"]) for x in d["internal_bodies"]):
        d["internal_bodies"] = []  # “(一)基本支出:2016年年初预算数为…” is a budget item
        b.meta.pop("numbered_bodies", None)
        b.spans = [sp for sp in b.spans if not sp[0].startswith("internal_bodies[")]
    if not d["duties"]:  # “一、部门职责⏎1、…;⏎2、…”
        for found in cc.heading_duties(text):
            d["duties"].append(found.value)
            b.span(f"duties[{len(d['duties']) - 1}]", found.start, found.end)
    if not d["internal_bodies"]:  # “X设A、B…及C。”, “中心下设A、B。”, “,内设:A、B…和C五个职能部室。”
        subject, found_bodies = cc.subject_bodies(text, d.get("unit"))
        if subject is not None and not d.get("unit"):
            _set(b, "unit", subject)
        b.add_bodies(found_bodies)
    if not d["internal_bodies"]:  # “共有八个内设机构,即A、B…”, “下设7个科室(A、B…)”
        b.add_bodies(cc.counted_list_bodies(text))
    if d["internal_bodies"]:  # “内设组室分别是秘书组、…”: the first name glued to the lead-in
        first = cc.listed_after_words(d["internal_bodies"][0]["name"])
        if first is not None:
            d["internal_bodies"][0]["name"] = first
            b.spans = [sp for sp in b.spans if sp[0] != "internal_bodies[0].name"]
    if not d["staffing"] and d.get("unit"):  # “编制数15人”, “编制5人”, “编制数 | 34 |”, “X编制人数45人”
        found = cc.untyped_staffing(text, d["unit"])
        if found is not None:
            d["staffing"].append(found.value)
            b.span("staffing[0]", found.start, found.end)
    for post in d["posts"]:
        if cc.grade_note(post):  # “主任1名(七级职员)”
            post["rank"], post["note"] = post["note"], None
        elif cc.either_post(post):  # “馆长(副馆长)1名”
            post["title"], post["note"] = f"{post['title']}({post['note']})", None
    if not d.get("issued_on") and d.get("unit"):  # a note's closing line “2018年12月25日”
        _set(b, "issued_on", cc.closing_date(text))
    if cc.generic_kind(d.get("unit"), d.get("nature")) or cc.several_units(d.get("unit"), text):
        for key in ("unit", "nature", "rank"):
            _replace(b, key, None)
        d["staffing"] = []
        b.spans = [sp for sp in b.spans if not sp[0].startswith("staffing[")]


def _budget_note(b: _Builder, text: str):
    """heldout15: what a 部门预算/决算's first part restates of the unit's 三定, in a budget clerk's words."""
    unit = b.data.get("unit")
    better = budget_clauses.heading_run_unit(text, unit)  # “(一)部门主要职责 人民法院是…” read as a unit
    if better is None and not unit:
        note = budget_clauses.note_title(text)  # the cover “2024年度⏎X⏎部门决算” names the unit
        better = note[1] if note is not None else budget_clauses.part_heading_unit(text)  # “第一部分 X单位概况”
    if better is not None:
        b.spans = [sp for sp in b.spans if sp[0] != "unit"]
        _set(b, "unit", better)
        unit = better.value
    if not unit:
        return
    current = next((clauses.Found(b.data["nature"], s, e) for p, s, e in b.spans if p == "nature"), None) \
        if b.data.get("nature") else None
    replace, nature = budget_clauses.budget_nature(text, current)
    if replace:
        b.spans = [sp for sp in b.spans if sp[0] != "nature"]
        b.data["nature"] = None
        _set(b, "nature", nature)
    if b.data["duties"] and budget_clauses.description_items(b.data["duties"]):  # “1. 公安机关是…2.X设…”
        b.clear_items("duties")
    if b.data["duties"] and any(budget_clauses.DUTY_HEADING_RE.match(d) for d in b.data["duties"]):
        run_in = budget_clauses.run_in_duties(text)  # “1.部门主要职能:⏎1)…2)…” read as one item under a heading
        if run_in:
            b.clear_items("duties")
    if not b.data["duties"]:  # “其主要职责是: 1.… 2.…” run into one line
        b.add_items("duties", budget_clauses.run_in_duties(text) or budget_clauses.verb_line_duties(text))
    if not b.data["internal_bodies"]:  # “内设13个部门,分别为A、B…”, “共设有15个内设机构(包括:…)”
        for found in budget_clauses.listed_bodies(text):
            idx = len(b.data["internal_bodies"])
            b.data["internal_bodies"].append({"name": found.value, "duties": ""})
            b.meta.setdefault("numbered_bodies", []).append(False)
            b.span(f"internal_bodies[{idx}].name", found.start, found.end)
    spans = {int(p[9:-1]): (s, e) for p, s, e in b.spans if re.fullmatch(r"staffing\[\d+\]", p)}
    entries = [(entry, *spans.get(i, (0, 0))) for i, entry in enumerate(b.data["staffing"])]
    if not entries:  # “现有政法专项编制91人,实有人员83人”
        entries = budget_clauses.held_staffing(text)
    kept = budget_clauses.staffing_parts(text, entries)
    b.data["staffing"] = []
    b.spans = [sp for sp in b.spans if not re.fullmatch(r"staffing\[\d+\]", sp[0])]
    for entry, s, e in kept:
        if entry.get("count") == 0:  # “其中:行政编制人数0人,…” states a kind the unit does not hold
            continue
        b.data["staffing"].append(entry)
        b.span(f"staffing[{len(b.data['staffing']) - 1}]", s, e)
    if not b.data["posts"]:  # “设主任1名(兼任县” cut off by the page
        post = budget_clauses.cut_post(text)
        if post is not None:
            b.data["posts"].append(post[0])
            b.span("posts[0]", post[1], post[2])


def _profile_unit(text: str, unit):
    """heldout13: the unit of an encyclopedia entry or a 事业单位's introduction, when no other rule names it; a
    generic noun read with where it belongs (“医院隶属广州市卫生局”) is the name given in full before it; a name
    mistyped once is the spelling the rest of the text supports."""
    unit = profile_clauses.drop_introduction(unit)  # “此次招聘单位为X，是…”
    generic = profile_clauses.generic_belongs(unit.value if unit is not None else None)
    if generic is not None:
        unit = clauses._generic_antecedent(text, generic, unit.start)
    if unit is None:
        line = profile_clauses.nature_line(text)
        unit = line[0] if line is not None else None
    for rule in (profile_clauses.heading_unit, profile_clauses.lead_subject_unit, profile_clauses.renamed_self):
        if unit is not None:
            break
        unit = rule(text)
    if unit is None:
        founded = profile_clauses.founded_nature(text)
        unit = founded[0] if founded is not None and profile_clauses.has_place(founded[0].value) else None
    return profile_clauses.better_spelling(text, unit) or unit


def _profile_nature(b: _Builder, text: str):
    """heldout13: a unit's class from its introduction; a Q&A page's generic subject is no unit."""
    unit = b.data.get("unit")
    if profile_clauses.generic_page(text, unit) or profile_clauses.is_question(b.data.get("nature")):
        for key in ("unit", "nature", "rank") if profile_clauses.generic_page(text, unit) else ("nature",):
            b.data[key] = None
            b.spans = [sp for sp in b.spans if sp[0] != key]
        return
    if not unit:
        return
    nature = None
    if b.data.get("nature"):
        current = next((clauses.Found(b.data["nature"], s, e) for p, s, e in b.spans if p == "nature"), None)
        stripped = profile_clauses.last_class_clause(current) or profile_clauses.strip_approval(current)
        if stripped is not None and stripped.value != b.data["nature"]:
            nature = stripped
    else:
        founded = profile_clauses.founded_nature(text)
        table = profile_clauses.table_facts(text)
        line = profile_clauses.nature_line(text)
        if founded is not None and same_unit(founded[0].value, unit):
            nature = profile_clauses.strip_approval(founded[1])
            b.meta["profile_subject"] = founded[0]  # its sentence may be followed by “核定编制N名。”
        elif table.get("nature") is not None:
            nature = table["nature"]
        elif line is not None and same_unit(line[0].value, unit):
            nature = line[1]
        for found in table["plaques"]:
            b.add_plaque(found)
    changed = profile_clauses.changed_nature(text, unit, same_unit)
    if changed is not None:
        nature = changed
    table = profile_clauses.table_facts(text)
    if not b.data.get("rank") and table.get("rank") is not None:  # “机构规格：股级”
        _set(b, "rank", table["rank"])
    if not b.data["staffing"] and table.get("staffing") is not None:  # “编制人数：20” (read with the other staffing)
        b.meta["profile_staffing"] = table["staffing"]
    if nature is None:
        return
    b.spans = [sp for sp in b.spans if sp[0] != "nature"]
    _set(b, "nature", nature)
    rank = profile_clauses.rank_in(nature)
    if rank is not None:
        b.spans = [sp for sp in b.spans if sp[0] != "rank"]
        _set(b, "rank", rank)


def parse_extracted(extracted) -> ParseResult:
    return parse(extracted.text)
