"""What the clerk reviews: the parsed draft as items (with the original values and source spans), and the report
of what was found and not found in each section, header field and the unit named in the document."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bianzhi.core.includes import format_includes
from bianzhi.core.text import search_key

from .models import DocumentKind, IngestJob
from .parser import same_unit

OP_LABELS = {
    "duty_in": "职责划入", "duty_out": "职责划出", "staffing_transfer": "编制划转", "leadership_transfer": "领导职数划转",
    "staffing_add": "核增编制", "staffing_remove": "核减编制", "leadership_add": "核增领导职数",
    "leadership_remove": "核减领导职数", "plaque_add": "加挂牌子", "plaque_remove": "撤销牌子",
    "body_create": "设立内设机构", "body_abolish": "撤销内设机构", "body_rename": "内设机构更名",
    "rank_change": "规格调整", "duty_reword": "职责表述修改",
}
FIELD_LABELS = {
    "nature": "机构性质", "rank": "机构规格", "name": "名称", "text": "内容", "duties": "职责", "type": "编制类型",
    "count": "数额", "includes": "其中含", "title": "职务", "note": "说明", "level": "级别", "from_unit": "划出单位",
    "to_unit": "划入单位", "old_name": "原名称", "new_name": "新名称", "target": "调整对象", "old_rank": "原规格",
    "new_rank": "新规格", "ref": "条款", "old_text": "原表述", "new_text": "新表述",
}
LONG_FIELDS = {"text", "duties", "old_text", "new_text", "nature"}
COUNT_FIELDS = {"count"}


@dataclass
class ReviewItem:
    key: str
    section: str
    label: str
    fields: list  # [(name, label, value)]
    accepted: bool = True
    error: str = ""
    op: str = ""

    def value(self, name):
        for n, _label, v in self.fields:
            if n == name:
                return v
        return ""

    @property
    def field_rows(self):
        return [{"name": n, "label": lbl, "value": v, "long": n in LONG_FIELDS, "count": n in COUNT_FIELDS,
                 "input": f"f-{self.key}-{n}"} for n, lbl, v in self.fields]


def _includes_text(includes) -> str:
    return format_includes(includes)


def _fields(d: dict, names) -> list:
    return [(n, FIELD_LABELS.get(n, n), "" if d.get(n) is None else str(d.get(n))) for n in names]


def original_values(job: IngestJob) -> dict:
    """Text values as the source writes them (full-width punctuation kept), taken through the spans:
    what the clerk sees pre-filled and what is stored, rather than the NFKC form used for parsing."""
    text = job.original_text
    spans = {path: (s, e) for path, s, e in job.spans or [] if 0 <= s <= e <= len(text)}
    out: dict = {}

    def cut(path):
        s, e = spans[path]
        return text[s:e].strip()

    if "nature" in spans:
        s, e = spans["nature"]
        start = max(text.rfind("\n", 0, s), text.rfind("。", 0, s)) + 1
        end = text.find("。", e)
        sentence = text[start:(end + 1 if end != -1 else len(text))].strip()
        sentence = re.sub(r"^第[一二三四五六七八九十]+条[\s\u3000]*", "", sentence)
        out["statement"] = {"nature": sentence}
    for path in spans:
        m = re.fullmatch(r"(plaques|duties|internal_bodies)\[(\d+)\](\.name)?", path)
        if not m:
            continue
        key = f"{m[1]}-{m[2]}"
        if m[1] == "plaques":
            out.setdefault(key, {})["name"] = cut(path)
        elif m[1] == "duties":
            out.setdefault(key, {})["text"] = cut(path)
        elif m[3]:
            out.setdefault(key, {})["name"] = cut(path)
    for path, (_s, e) in spans.items():
        m = re.fullmatch(r"internal_bodies\[(\d+)\]", path)
        name_span = spans.get(f"{path}.name")
        if m and name_span:
            rest = text[name_span[1]:e].lstrip("。.． \n\u3000")
            out.setdefault(f"internal_bodies-{m[1]}", {})["duties"] = rest.strip()
    return out


def review_items(job: IngestJob) -> list[ReviewItem]:
    """The draft as reviewable items (section order as in a 三定)."""
    r = job.result or {}
    items: list[ReviewItem] = []
    orig = original_values(job)

    def pick(key, name, parsed):
        value = orig.get(key, {}).get(name)
        # use the source's own writing only when it says the same thing as the parse (NFKC, no spaces)
        if value and (search_key(value) == search_key(parsed) or name == "nature"):
            return value
        return parsed

    if r.get("nature") or r.get("rank"):
        items.append(ReviewItem("statement", "机构性质和规格", "机构性质和规格",
                                [("nature", "性质和规格表述", pick("statement", "nature", r.get("nature") or "")),
                                 ("rank", "机构规格", r.get("rank") or "")]))
    for i, name in enumerate(r.get("plaques") or []):
        items.append(ReviewItem(f"plaques-{i}", "牌子", f"牌子{i + 1}", [("name", "名称", pick(f"plaques-{i}", "name", name))]))
    for i, text in enumerate(r.get("duties") or []):
        items.append(ReviewItem(f"duties-{i}", "主要职责", f"({i + 1})", [("text", "内容", pick(f"duties-{i}", "text", text))]))
    for i, body in enumerate(r.get("internal_bodies") or []):
        key = f"internal_bodies-{i}"
        items.append(ReviewItem(key, "内设机构", body.get("name") or f"内设机构{i + 1}",
                                [("name", "名称", pick(key, "name", body.get("name") or "")),
                                 ("duties", "职责", pick(key, "duties", body.get("duties") or ""))]))
    for i, s in enumerate(r.get("staffing") or []):
        wording = dict(s, type=s.get("raw") or s.get("type"))  # the document's wording; mapped when accepted
        items.append(ReviewItem(f"staffing-{i}", "人员编制", s.get("raw") or s.get("type") or "编制",
                                _fields(wording, ["type", "count"]) + [("includes", "其中含", _includes_text(s.get("includes")))]))
    for i, p in enumerate(r.get("posts") or []):
        items.append(ReviewItem(f"posts-{i}", "领导职数", p.get("title") or "职务", _fields(p, ["title", "count", "rank", "note"])))
    for i, q in enumerate(r.get("internal_leadership") or []):
        items.append(ReviewItem(f"internal_leadership-{i}", "内设机构领导职数", q.get("level") or "级别",
                                _fields(q, ["level", "count"])))
    for i, c in enumerate(r.get("changes") or []):
        names = [k for k in c if k != "op"]
        items.append(ReviewItem(f"changes-{i}", "调整事项", OP_LABELS.get(c.get("op"), c.get("op", "")), _fields(c, names),
                                op=c.get("op", "")))
    totals = r.get("totals_after") or {}
    for i, s in enumerate(totals.get("staffing") or []):
        items.append(ReviewItem(f"totals_staffing-{i}", "调整后数额（用于核对）", s.get("type") or "编制", _fields(s, ["type", "count"])))
    for i, q in enumerate(totals.get("leadership") or []):
        items.append(ReviewItem(f"totals_leadership-{i}", "调整后数额（用于核对）", q.get("level") or "职数",
                                _fields(q, ["level", "count"])))
    return items


SANDING_SECTIONS = [("statement", "机构性质和规格", ("nature", "rank")), ("plaques", "牌子", ("plaques",)),
                    ("duties", "主要职责", ("duties",)), ("internal_bodies", "内设机构", ("internal_bodies",)),
                    ("staffing", "人员编制", ("staffing",)), ("posts", "领导职数", ("posts",)),
                    ("internal_leadership", "内设机构领导职数", ("internal_leadership",))]


HEADER_FIELDS = [("title", "标题"), ("doc_number", "文号"), ("issuing_organ", "发文机关"), ("issued_on", "发文日期")]


def _header_and_unit_report(job: IngestJob) -> list[dict]:
    """The document's own data (标题、文号、发文机关、发文日期) and the unit it names, checked against the unit chosen:
    what was not found is said, so that an empty field is never mistaken for “the document has none”."""
    r = job.result or {}
    found = [label for key, label in HEADER_FIELDS if r.get(key)]
    missing = [label for key, label in HEADER_FIELDS if not r.get(key)]
    if missing:
        message = ("识别出" + "、".join(found) + "；" if found else "") + "未识别出" + "、".join(missing) + \
            "，请对照原文在“文件信息”中填写（原文未写明的可不填）"
    else:
        message = "识别出标题、文号、发文机关、发文日期"
    out = [{"key": "header", "label": "文件信息", "count": len(found), "found": not missing, "message": message}]
    named, chosen = r.get("unit"), job.unit.name
    if not named:
        out.append({"key": "unit", "label": "文件所述单位", "count": 0, "found": False,
                    "message": f"未识别出文件所述单位，无法与所选单位“{chosen}”核对，请确认所选单位是否正确"})
    elif unit_mismatch(job):
        out.append({"key": "unit", "label": "文件所述单位", "count": 1, "found": False,
                    "message": f"文件所述单位“{named}”与所选单位“{chosen}”不一致"})
    else:
        out.append({"key": "unit", "label": "文件所述单位", "count": 1, "found": True,
                    "message": f"文件所述单位“{named}”与所选单位“{chosen}”一致"})
    if named and "unit" in _learned(job):
        out[-1]["message"] += "（原文未按常见句式写明单位，系按全文推断，请核对）"
    return out


def _learned(job: IngestJob) -> set[str]:
    """The fields a learned model filled where the rules read nothing (parser meta “learned”: the unit ranker, ADR
    0062; the body-list and duty-list judges, ADR 0068/0069): the clerk is told to check them item by item."""
    return set((job.meta or {}).get("learned") or [])


def section_report(job: IngestJob) -> list[dict]:
    """For every section of a 三定 (or the changes of a notice): what was found, and what was not — never an
    empty silence (“未识别出内设机构”); first the document's own data and the unit it names."""
    r = job.result or {}
    out = _header_and_unit_report(job)
    if job.kind == DocumentKind.ADJUSTMENT:
        n = len(r.get("changes") or [])
        out.append({"key": "changes", "label": "调整事项", "count": n, "found": bool(n),
                    "message": f"识别出调整事项 {n} 项" if n else "未识别出调整事项，请对照原文手工录入"})
        totals = r.get("totals_after") or {}
        t = len(totals.get("staffing") or []) + len(totals.get("leadership") or []) + \
            int(totals.get("internal_bodies") is not None)
        out.append({"key": "totals_after", "label": "调整后数额", "count": t, "found": bool(t),
                    "message": f"识别出调整后数额 {t} 项（用于核对）" if t else "未识别出调整后数额（原文未写明时无需处理）"})
        return out
    for key, label, fields in SANDING_SECTIONS:
        values = [r.get(f) for f in fields]
        count = sum(len(v) if isinstance(v, list) else int(bool(v)) for v in values)
        if key == "plaques" and not count:
            message = "未识别出加挂的牌子（原文未写明牌子时无需处理）"
        elif count:
            message = f"识别出{label} {count} 项" if key != "statement" else "识别出" + "、".join(
                x for x, v in (("机构性质", r.get("nature")), ("机构规格", r.get("rank"))) if v)
            if key in _learned(job):
                message += "（原文未按常见格式列出，系按列表形态推断，请逐项对照原文核对）"
        else:
            message = f"未识别出{label}，如原文有此部分，请对照原文手工补录"
        stated = ((job.meta or {}).get("stated_counts") or {}).get(key)
        short = bool(count) and stated is not None and stated != count  # shown as a warning: names to add or remove
        if short:
            message += f"；原文写明{stated}个，与识别出的{count}项不一致，请对照原文补录或删除"
        out.append({"key": key, "label": label, "count": count, "found": bool(count) and not short, "message": message})
    flagged = [s.get("raw") or s.get("type") for s in r.get("staffing") or [] if s.get("unknown")]
    if flagged:
        out.append({"key": "staffing-unknown", "label": "人员编制", "count": len(flagged), "found": False,
                    "message": "编制类型“" + "、".join(flagged) + "”不在平台的编制类型中，已按“其他编制”保留原文，请核对"})
    return out


def unit_mismatch(job: IngestJob) -> str | None:
    """The Chinese warning when the document names another unit than the one the clerk chose, else None."""
    named = (job.result or {}).get("unit")
    if not named or same_unit(named, job.unit.name) or (job.unit.short_name and same_unit(named, job.unit.short_name)):
        return None
    return (f"文件所述单位为“{named}”，与所选单位“{job.unit.name}”不一致。"
            f"请确认是否确实录入到“{job.unit.name}”；如选错单位，请重新上传并选择正确的单位。")


def span_key(path: str) -> str | None:
    """Map a parser span path to the review item it belongs to."""
    if path in ("nature", "rank"):
        return "statement"
    if path in ("title", "doc_number", "unit"):
        return path
    m = re.fullmatch(r"(?:totals_after\.)?(\w+)\[(\d+)\]", path)
    if not m:
        return None
    name = m[1]
    if path.startswith("totals_after."):
        name = "totals_" + name
    return f"{name}-{m[2]}"


def source_segments(job: IngestJob) -> list[dict]:
    """The original text cut into plain and highlighted pieces (one highlight per item, no overlaps)."""
    text = job.original_text
    spans = []
    for path, start, end in job.spans or []:
        key = span_key(path)
        if key and 0 <= start < end <= len(text):
            spans.append((start, end, key))
    spans.sort(key=lambda s: (s[0], -s[1]))
    segments, pos, seen = [], 0, set()
    for start, end, key in spans:
        if start < pos:
            continue
        if start > pos:
            segments.append({"text": text[pos:start], "key": None})
        segments.append({"text": text[start:end], "key": key, "first": key not in seen})
        seen.add(key)
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "key": None})
    return segments


