"""Accepting a reviewed job: the accepted items become one approval document and one 三定 draft version, in one
transaction; anything that cannot be applied is reported item by item and then nothing is written."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from bianzhi.core.includes import IncludesError, parse_includes
from bianzhi.core.numerals import to_int
from bianzhi.core.text import nfkc, search_key
from bianzhi.documents.models import ApprovalDocument, DocumentFile, DocumentType
from bianzhi.registry.models import Unit, UnitRank
from bianzhi.sanding import services as sd
from bianzhi.sanding.models import DutyKind, VersionKind

from .batches import earlier_pending
from .errors import IngestError
from .models import DocumentKind, IngestJob, JobStatus
from .parser import same_unit
from .review import FIELD_LABELS, ReviewItem

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
    elif op in ("leadership_add", "leadership_remove"):
        level = nfkc(v("level"))
        current = snap_fn().leadership_total(level)
        delta = _count(item) if op == "leadership_add" else -_count(item)
        if current + delta < 0:
            raise IngestError(f"{item.label}：现有{level}领导职数{current}名，不能核减{-delta}名")
        sd.set_leadership_quota(version, level, current + delta, note=f"{item.label}{abs(delta)}名")
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


def accept_job(job: IngestJob, header: Header, items: list[ReviewItem], expected_version: int | None = None, *, acting_user):
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
            DocumentFile.from_upload(document, content, user=acting_user)
            try:
                totals = stated_totals(accepted)
            except IngestError as exc:
                reasons.extend(exc.reasons)
                totals = {}
            kind = VersionKind.BASE if job.kind == DocumentKind.SANDING else None
            try:
                version = sd.create_draft_version(job.unit, document, effective_date=header.effective_on or header.issued_on,
                                                  kind=kind, stated_totals=totals,
                                                  summary=f"由文件识别生成：{job.original_name}", acting_user=acting_user)
            except sd.SandingError as exc:
                raise IngestError(str(exc)) from exc

            def snap():
                return sd.snapshot(job.unit, draft=version)

            done = []
            for item in accepted:
                try:
                    with transaction.atomic():
                        note = _apply(version, job, item, acting_user, snap)
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
