"""Ingestion service: upload → extracted text + parsed draft (IngestJob) → the clerk accepts or corrects
each item → one approval document and one 三定 draft version (bianzhi.sanding.services), in one
transaction. Anything that cannot be applied is collected and reported item by item; then nothing is
written."""
from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from bianzhi.core.includes import IncludesError, format_includes, parse_includes
from bianzhi.core.numerals import to_int
from bianzhi.core.text import nfkc, search_key
from bianzhi.core.uploads import INGEST_KINDS, check_upload
from bianzhi.documents.models import ApprovalDocument, DocumentFile, DocumentType
from bianzhi.registry.models import Unit, UnitRank
from bianzhi.sanding import services as sd
from bianzhi.sanding.models import DutyKind, VersionKind

from .extract import ExtractionError, extract_bytes
from .models import DocumentKind, IngestJob, JobStatus
from .parser import parse, same_unit

MAX_UPLOAD = 20 * 1024 * 1024


class IngestError(Exception):
    """Refused; `reasons` are Chinese messages naming the item and the problem."""

    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("；".join(self.reasons))


# ------------------------------------------------------------------ upload
def create_job(unit, upload, user=None) -> IngestJob:
    """Extract and parse an uploaded file for `unit`. Raises IngestError (Chinese) if it cannot be read."""
    try:
        check_upload(upload, allowed=INGEST_KINDS, max_bytes=MAX_UPLOAD)  # content sniffed, zip limits checked
    except ValidationError as exc:
        raise IngestError(exc.messages) from exc
    data = b"".join(upload.chunks())
    try:
        extracted = extract_bytes(data, upload.name)
    except ExtractionError as exc:
        raise IngestError(str(exc)) from exc
    result = parse(extracted.text)
    spans = []
    for path, start, end in result.spans:
        s, e = extracted.original_span(start, end)
        spans.append([path, s, e])
    digest = hashlib.sha256(data).hexdigest()
    job = IngestJob(unit=unit, original_name=upload.name[:255], size=len(data), sha256=digest,
                    method=extracted.method, pages=extracted.pages, warnings=extracted.warnings,
                    original_text=extracted.original, kind=result.kind, layout=result.layout, result=result.data,
                    spans=spans, meta=result.meta, created_by=user)
    with transaction.atomic():
        job.file.save(upload.name, ContentFile(data), save=False)
        job.save()
    return job


def create_batch(unit, uploads, user=None) -> list[IngestJob]:
    """Several documents of one unit at once → jobs in the order of the unit's history: base 三定 first, then the
    notices by issue date (undated last, by file name). Each job must be accepted after the one before it, so the
    drafts are made in that order. A file that cannot be read stops the whole batch (nothing is kept)."""
    if len(uploads) == 1:
        return [create_job(unit, uploads[0], user)]
    jobs, reasons = [], []
    with transaction.atomic():
        for upload in uploads:
            try:
                jobs.append(create_job(unit, upload, user))
            except IngestError as exc:
                reasons.append(f"“{upload.name}”：{'；'.join(exc.reasons)}")
        if reasons:
            transaction.set_rollback(True)
            raise IngestError(reasons)
        batch = hashlib.sha256("|".join(j.sha256 for j in jobs).encode() + str(jobs[0].pk).encode()).hexdigest()[:32]
        ordered = sorted(jobs, key=_history_order)
        for position, job in enumerate(ordered, start=1):
            job.batch, job.batch_position = batch, position
            job.save()
    return ordered


def _history_order(job: IngestJob):
    r = job.result or {}
    base = 0 if job.kind == DocumentKind.SANDING else 1
    date = r.get("issued_on") or "9999-12-31"
    return (base, date, job.original_name)


def batch_jobs(job: IngestJob) -> list[IngestJob]:
    if not job.batch:
        return []
    return list(IngestJob.objects.filter(batch=job.batch).order_by("batch_position", "id"))


def earlier_pending(job: IngestJob) -> IngestJob | None:
    """The first job of the same batch that comes before `job` and is not accepted yet."""
    if not job.batch or job.batch_position is None:
        return None
    return (IngestJob.objects.filter(batch=job.batch, batch_position__lt=job.batch_position, status=JobStatus.PENDING)
            .order_by("batch_position").first())


# ------------------------------------------------------------------ review items
OP_LABELS = {
    "duty_in": "职责划入", "duty_out": "职责划出", "staffing_transfer": "编制划转", "leadership_transfer": "领导职数划转",
    "staffing_add": "核增编制", "staffing_remove": "核减编制", "plaque_add": "加挂牌子", "plaque_remove": "撤销牌子",
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
    return out


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
        else:
            message = f"未识别出{label}，如原文有此部分，请对照原文手工补录"
        out.append({"key": key, "label": label, "count": count, "found": bool(count), "message": message})
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


# ------------------------------------------------------------------ accepting
STAFFING_RULES = [("政法专项", "legal"), ("参照公务员法", "inst_civil"), ("参公", "inst_civil"), ("工勤", "worker"),
                  ("后勤服务", "worker"), ("事业", "inst"), ("行政", "admin")]


def staffing_type_of(text: str) -> tuple[str, str]:
    """(StaffingType value, label for 其他编制)."""
    key = nfkc(text)
    for needle, value in STAFFING_RULES:
        if needle in key:
            return value, ""
    return "other", key


def rank_code(text: str) -> str:
    key = nfkc(text)
    if not key:
        return ""
    for value, label in UnitRank.choices:
        if label == key:
            return value
    if key.endswith("股级"):
        return UnitRank.UNIT.value
    raise IngestError(f"机构规格“{text}”无法识别，请填写如“正处级”“正科级”")


def _parse_includes(text: str, where: str) -> list:
    try:
        return parse_includes(text)
    except IncludesError as exc:
        raise IngestError(f"{where}：“其中含”{exc}")


def _count(item: ReviewItem, name: str = "count") -> int:
    raw = nfkc(item.value(name)).rstrip("名个")
    value = to_int(raw) if raw else None
    if value is None or value < 0:
        raise IngestError(f"{item.section}“{item.label}”：{FIELD_LABELS.get(name, name)}应为非负整数，收到“{item.value(name)}”")
    return value


def _duty_kind(text: str) -> str:

    key = nfkc(text)
    if key.startswith("职能转变"):
        return DutyKind.TRANSFORM
    if key.startswith(("有关职责分工", "职责分工")):
        return DutyKind.DIVISION
    return DutyKind.MAIN


def _find_unit(name: str, job: IngestJob, user) -> Unit:
    if not name:
        raise IngestError("未写明单位名称")
    if same_unit(name, job.unit.name) or same_unit(name, job.unit.short_name):
        return job.unit
    candidates = [u for u in Unit.objects.restrict(user, "change").filter(region=job.unit.region)
                  if same_unit(name, u.name) or (u.short_name and nfkc(u.short_name) == nfkc(name))]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise IngestError(f"在您可修改的单位中找不到“{name}”，请更正单位名称，或取消勾选后由有权限的人员办理")
    raise IngestError(f"“{name}”对应多个单位，请写出单位全称")


def _same_name(a: str, b: str) -> bool:
    """Same body name (NFKC, no spaces)."""
    return search_key(a) == search_key(b)


def _same_plaque(a: str, b: str) -> bool:
    """Same plaque: plaques are unit names, written with or without the city (市X / 百色市X)."""
    return search_key(a) == search_key(b) or same_unit(a, b)


def _clean(value) -> str:
    """What the clerk typed, trimmed (stored as typed; NFKC only for matching)."""
    return (value or "").strip()


def _apply(version, job: IngestJob, item: ReviewItem, user, snap_fn) -> str:
    """Apply one accepted item to the draft; returns a short description. Raises IngestError / SandingError."""

    key = item.key
    section = key.rsplit("-", 1)[0]
    if key == "statement":
        nature = _clean(item.value("nature"))
        code = rank_code(item.value("rank"))
        sd.set_statement(version, nature_text=nature or item.value("rank"), rank=code)
        return f"机构性质和规格：{nature}，{item.value('rank')}"
    if section == "plaques":
        name = _clean(item.value("name"))
        if not any(_same_plaque(p.name, name) for p in snap_fn().unit_plaques()):  # a 三定 restating a plaque
            sd.add_plaque(version, name)
        return f"牌子：{name}"
    if section == "duties":
        return "职责"  # applied together (see accept_job) to keep their order
    if section == "internal_bodies":
        numbered = (job.meta.get("numbered_bodies") or [])
        index = int(key.rsplit("-", 1)[1])
        kind = "numbered" if index >= len(numbered) or numbered[index] else "unnumbered"
        name = _clean(item.value("name"))
        existing = next((b for b in snap_fn().bodies if _same_name(b.name, name)), None)
        if existing:
            sd.update_internal_body(version, existing.body, duty_text=item.value("duties"))
        else:
            sd.create_internal_body(version, name, duty_text=item.value("duties"), kind=kind)
        return f"内设机构：{name}"
    if section == "staffing":
        type_, label = staffing_type_of(item.value("type"))
        where = f"人员编制“{item.label}”"
        sd.set_staffing(version, type_, _count(item), includes=_parse_includes(item.value("includes"), where), label=label)
        return f"编制：{item.value('type')}{_count(item)}名"
    if section == "posts":
        sd.set_head_post(version, item.value("title"), _count(item), rank=_clean(item.value("rank")), note=_clean(item.value("note")))
        return f"领导职数：{item.value('title')}{_count(item)}名"
    if section == "internal_leadership":
        sd.set_leadership_quota(version, item.value("level"), _count(item))
        return f"内设机构领导职数：{item.value('level')}{_count(item)}名"
    if section == "changes":
        return _apply_change(version, job, item, user, snap_fn)
    if section.startswith("totals_"):
        return ""  # recorded as stated totals, see accept_job
    raise IngestError(f"未知的条目“{key}”")


def _apply_change(version, job, item: ReviewItem, user, snap_fn) -> str:

    op = item.op
    v = item.value
    if op == "duty_in":
        sd.add_duty(version, _clean(v("text")))
    elif op in ("duty_out", "duty_reword"):
        needle = nfkc(v("text") if op == "duty_out" else v("old_text"))
        core = search_key(re.sub(r"(职责|职能|工作)$", "", needle)) or search_key(needle)
        duty = next((d for d in snap_fn().duties if core and core in search_key(d.text)), None)
        if duty is None:
            raise IngestError(f"{item.label}：现行三定中没有找到含“{needle}”的职责，请更正表述，或取消勾选后手工处理")
        if op == "duty_out":
            sd.remove_duty(version, duty.duty, note=f"职责划出至{nfkc(v('to_unit'))}".rstrip("至"))
        else:
            text = duty.text if needle in duty.text else nfkc(duty.text)
            sd.reword_duty(version, duty.duty, text.replace(needle, _clean(v("new_text"))))
    elif op in ("staffing_transfer", "leadership_transfer"):
        src, dst = _find_unit(nfkc(v("from_unit")), job, user), _find_unit(nfkc(v("to_unit")), job, user)
        if op == "staffing_transfer":
            type_, label = staffing_type_of(v("type"))
            sd.transfer_staffing(version, src, dst, type_, _count(item), label=label, acting_user=user)
        else:
            sd.transfer_leadership(version, src, dst, nfkc(v("level")) or "领导", _count(item), acting_user=user)
    elif op in ("staffing_add", "staffing_remove"):
        type_, label = staffing_type_of(v("type"))
        current = next((s.count for s in snap_fn().staffing if s.staffing_type == type_ and s.label == label), 0)
        delta = _count(item) if op == "staffing_add" else -_count(item)
        if current + delta < 0:
            raise IngestError(f"{item.label}：现有{v('type')}{current}名，不能核减{-delta}名")
        sd.set_staffing(version, type_, current + delta, label=label, note=f"{item.label}{abs(delta)}名")
    elif op == "plaque_add":
        sd.add_plaque(version, _clean(v("name")))
    elif op == "plaque_remove":
        plaque = next((p for p in snap_fn().plaques if _same_plaque(p.name, v("name"))), None)
        if plaque is None:
            raise IngestError(f"{item.label}：现行三定中没有“{v('name')}”牌子")
        sd.remove_plaque(version, plaque)
    elif op in ("body_abolish", "body_rename"):
        name = nfkc(v("name") if op == "body_abolish" else v("old_name"))
        body = next((b for b in snap_fn().bodies if _same_name(b.name, name)), None)
        if body is None:
            raise IngestError(f"{item.label}：现行三定中没有内设机构“{name}”")
        if op == "body_abolish":
            sd.abolish_internal_body(version, body.body)
        else:
            sd.rename_internal_body(version, body.body, _clean(v("new_name")))
    elif op == "body_create":
        sd.create_internal_body(version, _clean(v("name")), duty_text=_clean(v("duties")))
    elif op == "rank_change":
        if not same_unit(v("target"), job.unit.name):
            raise IngestError(f"{item.label}：“{v('target')}”不是本单位，其机构规格请在该单位的三定中调整")
        sd.change_rank(version, rank_code(v("new_rank")))
    else:
        raise IngestError(f"不支持的调整事项“{item.label}”")
    return f"{item.label}：" + "，".join(str(val) for n, _l, val in item.fields if val)


def stated_totals(items: list[ReviewItem]) -> dict:
    totals = {}
    for item in items:
        if item.key.startswith("totals_staffing"):
            type_, label = staffing_type_of(item.value("type"))
            totals[f"staffing:{type_}"] = _count(item)
        elif item.key.startswith("totals_leadership") and nfkc(item.value("level")).endswith("级"):
            totals[f"leadership:{nfkc(item.value('level'))}"] = _count(item)
    return totals


@dataclass
class Header:
    title: str
    doc_number: str = ""
    doc_type: str = DocumentType.SANDING
    issued_on: datetime.date | None = None
    effective_on: datetime.date | None = None
    issuing_organ: str = ""
    errors: dict = field(default_factory=dict)


def accept_job(job: IngestJob, user, header: Header, items: list[ReviewItem], expected_version: int | None = None):
    """Create the approval document (with the uploaded file) and a 三定 draft version from the accepted
    items, in one transaction. Raises IngestError with every reason (nothing is written), or
    ConcurrentEditError if the job changed since the clerk loaded it."""

    if job.status != JobStatus.PENDING:
        raise IngestError("该文件已生成三定草稿，不能重复采用")
    before = earlier_pending(job)
    if before is not None:
        raise IngestError(f"同批上传的文件须按沿革顺序依次采用：请先核对并采用第 {before.batch_position} 份“{before.original_name}”")
    accepted = [i for i in items if i.accepted]
    if not any(not i.key.startswith("totals_") for i in accepted):
        raise IngestError("没有勾选任何要采用的内容")
    reasons: list[str] = []
    try:
        with transaction.atomic():
            document = ApprovalDocument(unit=job.unit, doc_number_raw=header.doc_number, title=header.title,
                                        doc_type=header.doc_type, issued_on=header.issued_on,
                                        effective_on=header.effective_on, issuing_organ=header.issuing_organ,
                                        note=f"由文件识别生成（{job.original_name}）")
            try:
                document.full_clean(exclude=["unit"])
            except ValidationError as exc:
                raise IngestError([f"{ApprovalDocument._meta.get_field(f).verbose_name}：{m}"
                                   for f, ms in exc.message_dict.items() for m in ms]) from exc
            document.save()
            job.file.open("rb")
            try:
                content = ContentFile(job.file.read(), name=job.original_name)
            finally:
                job.file.close()
            DocumentFile.from_upload(document, content, user=user)
            try:
                totals = stated_totals(accepted)
            except IngestError as exc:
                reasons.extend(exc.reasons)
                totals = {}
            kind = VersionKind.BASE if job.kind == DocumentKind.SANDING else None
            try:
                version = sd.create_draft_version(job.unit, document, user, effective_date=header.effective_on or header.issued_on,
                                                  kind=kind, stated_totals=totals,
                                                  summary=f"由文件识别生成：{job.original_name}")
            except sd.SandingError as exc:
                raise IngestError(str(exc)) from exc

            def snap():
                return sd.snapshot(job.unit, draft=version)

            done = []
            for item in accepted:
                try:
                    with transaction.atomic():
                        note = _apply(version, job, item, user, snap)
                    if note and note != "职责":
                        done.append(note)
                except (IngestError, sd.SandingError, ValueError) as exc:
                    message = "；".join(exc.reasons) if isinstance(exc, IngestError) else str(exc)
                    item.error = message
                    reasons.append(f"{item.section}“{item.label}”：{message}" if item.label not in message else message)
            duties = [i for i in accepted if i.key.startswith("duties-")]
            if duties:
                by_kind: dict = {}
                for item in duties:
                    text = _clean(item.value("text"))
                    if not text:
                        item.error = "内容为空"
                        reasons.append(f"主要职责{item.label}：内容为空（如不采用请取消勾选）")
                        continue
                    by_kind.setdefault(_duty_kind(text), []).append((None, text))
                for kind_value in DutyKind.values:
                    if kind_value in by_kind:
                        try:
                            sd.sync_duties(version, kind_value, by_kind[kind_value])
                        except sd.SandingError as exc:
                            reasons.append(f"主要职责：{exc}")
                done.append(f"职责{len(duties)}条")
            if reasons:
                raise IngestError(reasons)
            job.status = JobStatus.APPLIED
            job.document = document
            job.sanding_version = version
            job.applied = done
            job.save(expected_version=expected_version)
    except IngestError:
        raise
    return job
