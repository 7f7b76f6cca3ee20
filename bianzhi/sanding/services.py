"""三定 service layer: drafts, change operations, approval, as-of snapshots, diffs, checks, publication.

Everything that writes goes through one function per operation, inside one transaction. History is never
edited in place: an operation on a draft version *marks* approved rows as closed by the draft
(`closed_by`) and opens new rows (`opened_by` = the draft). `approve_version` dates the closures and makes the
draft's rows part of approved history, in one transaction.

Typical use (ingest, UI, tests)::

    v = create_draft_version(unit, document, user, effective_date=date(2023, 6, 1))
    set_staffing(v, StaffingType.ADMIN, 504)
    transfer_staffing(v, from_unit=other, to_unit=unit, staffing_type=StaffingType.ADMIN, count=4)
    rename_internal_body(v, body, "新名称")
    warnings = check_version(v)          # shown before submission
    approve_version(v, reviewer)         # called by the workflow app

Every operation accepts ``expected_version`` (the draft's row_version the editor loaded): if someone else
changed the draft in between, ConcurrentEditError is raised and nothing is written. Operations refuse bad
input with SandingError carrying a Chinese message.
"""
from __future__ import annotations

import datetime
import functools
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from bianzhi.core.text import nfkc, search_key
from bianzhi.registry.models import InternalBody, UnitRank

from .models import (
    CONTENT_MODELS,
    Duty,
    DutyKind,
    DutyRevision,
    HeadPost,
    InternalBodyState,
    LeadershipQuota,
    SandingPlaque,
    SandingVersion,
    StaffingLine,
    StaffingType,
    UnitStatement,
    VersionKind,
    VersionStatus,
)


class SandingError(ValueError):
    """An operation was refused; the message (Chinese) says why."""


# Checks higher apps register (e.g. personnel's 总量控制): callables (version) -> list of Chinese reasons. A
# non-empty answer refuses the approval with a ValidationError (the workflow turns it into a refusal).
APPROVAL_GUARDS: list = []


# ------------------------------------------------------------------------------------------------ helpers
_SKIP_COPY = {"id", "created_at", "updated_at", "row_version", "valid_from", "valid_to", "opened_by", "closed_by",
              "change_note"}


def _values(row) -> dict:
    return {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if f.name not in _SKIP_COPY}


def _draft_only(version: SandingVersion):
    if version.status != VersionStatus.DRAFT:
        raise SandingError(f"版本（{version.doc_number or version.document.title}）已批准，不能再修改；请以新的文件建立新版本")


def operation(func):
    """One transaction per operation; `expected_version` guards the draft against concurrent editors."""

    @functools.wraps(func)
    def wrapper(version, *args, expected_version: int | None = None, **kwargs):
        with transaction.atomic():
            version = SandingVersion.objects.select_for_update().select_related("document", "unit").get(pk=version.pk)
            _draft_only(version)
            if expected_version is not None:
                version.save(expected_version=expected_version)  # raises ConcurrentEditError
            else:
                version.save()
            return func(version, *args, **kwargs)

    return wrapper


def _rows(model, version, unit=None):
    """The rows that are current as the draft `version` sees them, for `unit` (default: the version's unit)."""
    return model.objects.in_draft(version).filter(unit=unit or version.unit)


def _open(model, version, _note: str = "", **values):
    return model.objects.create(unit=version.unit, valid_from=version.effective_date, opened_by=version,
                                change_note=_note[:300], **values)


def _close(row, version, note: str = ""):
    """End `row` by the draft `version` (a row the draft itself opened is simply dropped)."""
    if row.opened_by_id == version.pk:
        row.delete()
        return
    if row.closed_by_id and row.closed_by_id != version.pk:
        other = SandingVersion.objects.select_related("document").get(pk=row.closed_by_id)
        raise SandingError(f"该条目已被另一待批准版本（{other.doc_number or other.document.title}）修改，请先处理该版本")
    row.closed_by = version
    if note:
        row.change_note = note[:300]
    row.save()


def _replace(row, version, _note: str = "", **changes):
    """Close `row` and open a copy with `changes` (or change the draft's own row directly)."""
    if row.opened_by_id == version.pk:
        for key, value in changes.items():
            setattr(row, key, value)
        if _note:
            row.change_note = _note[:300]
        row.save()
        return row
    values = _values(row)
    values.pop("unit_id", None)
    values.update(changes)
    _close(row, version, _note)
    return _open(type(row), version, _note, **values)


def _companion(version: SandingVersion, unit, user=None) -> SandingVersion:
    """The draft version of `unit` that goes with `version` (same document, approved together)."""
    if unit.pk == version.unit_id:
        return version
    root = version.primary or version
    if unit.pk == root.unit_id:
        return root
    existing = SandingVersion.objects.filter(primary=root, unit=unit).first()
    if existing:
        return existing
    if user is not None:
        from bianzhi.accounts.scope import can

        if not can(user, "change", unit):
            raise SandingError(f"您无权修改“{unit.name}”的三定，不能与其划转")
    _check_date(unit, root.effective_date)
    return SandingVersion.objects.create(unit=unit, document=root.document, effective_date=root.effective_date,
                                         kind=VersionKind.AMENDMENT, primary=root, created_by=root.created_by)


def _check_date(unit, effective_date):
    latest = SandingVersion.objects.filter(unit=unit, status=VersionStatus.APPROVED).aggregate(
        m=Max("effective_date"))["m"]
    if latest and effective_date < latest:
        raise SandingError(f"生效日期 {effective_date} 早于“{unit.name}”最近一次已批准版本的生效日期 {latest}；"
                           "历史版本须按生效日期先后录入")


def _count(value, what: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SandingError(f"{what}应为整数，收到“{value}”")
    if number < 0:
        raise SandingError(f"{what}不能为负数（{number}）")
    return number


# ------------------------------------------------------------------------------------------------ versions
def create_draft_version(unit, document, user=None, effective_date: datetime.date | None = None,
                         kind: str | None = None, stated_totals: dict | None = None,
                         summary: str = "") -> SandingVersion:
    """Start a draft version of `unit`'s 三定 made by `document`.

    effective_date defaults to the document's effective (or issue) date; kind defaults to BASE for a unit
    without approved versions, AMENDMENT otherwise. `stated_totals` are the totals the document states
    (“调整后…”), e.g. {"staffing:admin": 504, "leadership:司局级": 79}; check_version compares them.
    """
    effective_date = effective_date or document.effective_date
    if effective_date is None:
        raise SandingError("请填写生效日期（文件未载明生效日期或发文日期）")
    with transaction.atomic():
        _check_date(unit, effective_date)
        has_history = SandingVersion.objects.filter(unit=unit, status=VersionStatus.APPROVED).exists()
        kind = kind or (VersionKind.AMENDMENT if has_history else VersionKind.BASE)
        return SandingVersion.objects.create(unit=unit, document=document, effective_date=effective_date, kind=kind,
                                             stated_totals=stated_totals or {}, summary=summary, created_by=user)


def approve_version(version: SandingVersion, user=None) -> SandingVersion:
    """Make a draft (and its companion drafts in other units) part of approved history, in one transaction.

    Rows the draft marked as closed get valid_to = effective date; rows it opened become visible from the
    effective date. The registry's InternalBody names follow the approved names.
    """
    with transaction.atomic():
        version = SandingVersion.objects.select_for_update().get(pk=version.pk)
        if version.primary_id:
            version = SandingVersion.objects.select_for_update().get(pk=version.primary_id)
        _draft_only(version)
        group = [version, *SandingVersion.objects.select_for_update().filter(primary=version)]
        reasons = [reason for guard in APPROVAL_GUARDS for reason in guard(version, group)]
        if reasons:
            raise ValidationError(reasons)
        for v in group:
            if v.status != VersionStatus.DRAFT:
                continue
            _check_date(v.unit, v.effective_date)
            before = snapshot(v.unit, v.effective_date - datetime.timedelta(days=1))
            for model in CONTENT_MODELS:
                for row in model.objects.filter(closed_by=v, valid_to__isnull=True):
                    row.valid_to = v.effective_date
                    row.save()
                model.objects.filter(opened_by=v).exclude(valid_from=v.effective_date).update(
                    valid_from=v.effective_date)
            v.status = VersionStatus.APPROVED
            v.approved_by = user if getattr(user, "pk", None) else None
            v.approved_at = timezone.now()
            v.sequence = SandingVersion.objects.filter(unit=v.unit, status=VersionStatus.APPROVED).count() + 1
            v.save()
            if not v.summary.strip():
                after = snapshot(v.unit, v.effective_date)
                if before.is_empty:
                    v.summary = _base_summary(after)
                else:
                    v.summary = "\n".join(c.sentence for c in diff_snapshots(before, after).changes)[:5000]
                v.save()
            _sync_registry(v.unit, snapshot(v.unit))
        return version


def _base_summary(snap: Snapshot) -> str:
    """One line per section for a unit's first 三定 (listing every item would drown the 沿革)."""
    lines = []
    if snap.statement:
        lines.append(f"机构性质和规格：{snap.statement.nature_text}")
    counts = "，".join(f"{label}{len(rows)}条" for label, rows in snap.duty_groups)
    if counts:
        lines.append(f"核定职责：{counts}")
    if snap.bodies:
        lines.append(f"设内设机构{len(snap.bodies)}个：{'、'.join(b.name for b in snap.bodies)}")
    if snap.plaques:
        lines.append(f"牌子：{'、'.join(p.name for p in snap.plaques)}")
    if snap.staffing:
        lines.append("核定编制：" + "，".join(f"{x.display_label}{x.count}名" for x in snap.staffing))
    if snap.head_posts:
        lines.append("领导职数：" + "，".join(f"{h.title}{h.count}名" + (f"（{h.note}）" if h.note else "")
                                          for h in snap.head_posts))
    if snap.leadership:
        lines.append("内设机构领导职数：" + "，".join(f"{q.level}{q.count}名" for q in snap.leadership))
    return "\n".join(lines)


def discard_draft(version: SandingVersion) -> None:
    """Throw a draft away: its rows vanish, rows it marked for closing are open again."""
    with transaction.atomic():
        version = SandingVersion.objects.select_for_update().get(pk=version.pk)
        _draft_only(version)
        group = [version, *SandingVersion.objects.filter(primary=version)]
        for v in group:
            for model in CONTENT_MODELS:
                for row in model.objects.filter(closed_by=v, valid_to__isnull=True):
                    row.closed_by = None
                    row.save()
                for row in model.objects.filter(opened_by=v):
                    row.delete()
        for v in reversed(group):
            v.delete()
        Duty.objects.filter(revisions__isnull=True, unit__in=[v.unit for v in group]).delete()


def _sync_registry(unit, snap: Snapshot):
    names = {b.body_id: b for b in snap.bodies}
    for body in InternalBody.objects.filter(unit=unit):
        state = names.get(body.pk)
        if state and (body.name != state.name or body.sort_order != state.position or body.abolished_on):
            body.name, body.sort_order, body.abolished_on = state.name, state.position, None
            body.save()
        elif state is None and body.abolished_on is None and InternalBodyState.objects.filter(body=body).exists():
            last = InternalBodyState.objects.filter(body=body).exclude(valid_to=None).order_by("-valid_to").first()
            if last:
                body.abolished_on = last.valid_to
                body.save()


# ------------------------------------------------------------------------------------------------ operations
@operation
def set_statement(version, nature_text: str, rank: str = "") -> UnitStatement:
    """Set the 机构性质和规格 statement (and rank)."""
    if rank and rank not in UnitRank.values:
        raise SandingError(f"机构规格“{rank}”无效")
    if not nfkc(nature_text):
        raise SandingError("机构性质和规格表述不能为空")
    row = _rows(UnitStatement, version).first()
    if row is None:
        return _open(UnitStatement, version, nature_text=nature_text.strip(), rank=rank)
    return _replace(row, version, "修改机构性质和规格", nature_text=nature_text.strip(), rank=rank or row.rank)


@operation
def change_rank(version, rank: str, nature_text: str | None = None) -> UnitStatement:
    """机构规格调整 (e.g. 正处级 → 副厅级), optionally with the new statement text."""
    if rank not in UnitRank.values:
        raise SandingError(f"机构规格“{rank}”无效")
    row = _rows(UnitStatement, version).first()
    label = UnitRank(rank).label
    if row is None:
        return _open(UnitStatement, version, f"机构规格调整为{label}", nature_text=nature_text or "", rank=rank)
    return _replace(row, version, f"机构规格由{row.get_rank_display() or '未定'}调整为{label}",
                    rank=rank, nature_text=nature_text if nature_text is not None else row.nature_text)


def _duty_row(version, duty) -> DutyRevision:
    row = _rows(DutyRevision, version, duty.unit).filter(duty=duty).first()
    if row is None:
        raise SandingError("该职责在此版本中已不存在")
    return row


def _next_position(version, kind) -> int:
    m = _rows(DutyRevision, version).filter(kind=kind).aggregate(m=Max("position"))["m"]
    return (m or 0) + 1


@operation
def add_duty(version, text: str, kind: str = DutyKind.MAIN, position: int | None = None) -> Duty:
    """职责增加: a new duty item (at the end of its kind unless `position` is given)."""
    text = (text or "").strip()
    if not text:
        raise SandingError("职责内容不能为空")
    if kind not in DutyKind.values:
        raise SandingError(f"职责类别“{kind}”无效")
    duty = Duty.objects.create(unit=version.unit)
    _open(DutyRevision, version, "新增职责", duty=duty, kind=kind, text=text, text_key=search_key(text),
          position=position if position is not None else _next_position(version, kind))
    return duty


@operation
def reword_duty(version, duty: Duty, text: str) -> DutyRevision:
    """职责表述调整."""
    text = (text or "").strip()
    if not text:
        raise SandingError("职责内容不能为空；如要取消该职责，请使用“取消职责”")
    row = _duty_row(version, duty)
    if row.text == text:
        return row
    return _replace(row, version, "职责表述调整", text=text, text_key=search_key(text))


@operation
def remove_duty(version, duty: Duty, note: str = "取消职责") -> None:
    """职责取消."""
    _close(_duty_row(version, duty), version, note)


@operation
def move_duty(version, duty: Duty, target_unit, user=None) -> Duty:
    """职责划转: the duty ends in its unit and continues as a new Duty of `target_unit` (origin = old duty).

    Both units change by the same document; the other unit gets a companion draft approved together."""
    if target_unit.pk == duty.unit_id:
        raise SandingError("职责划入单位与划出单位相同")
    source_version = _companion(version, duty.unit, user)
    target_version = _companion(version, target_unit, user)
    row = _duty_row(source_version, duty)
    _close(row, source_version, f"职责划出至{target_unit.name}")
    new = Duty.objects.create(unit=target_unit, origin=duty)
    _open(DutyRevision, target_version, f"职责由{duty.unit.name}划入", duty=new, kind=row.kind, text=row.text,
          text_key=row.text_key, position=_next_position(target_version, row.kind))
    return new


@operation
def sync_duties(version, kind: str, items: list) -> dict:
    """Save a whole ordered duty list of one kind from the editor.

    `items` is the desired order: [(duty_id or None, text), …]. New items are added, changed texts reworded,
    missing ones removed and positions set — each as its own explicit change. Returns counts.
    """
    if kind not in DutyKind.values:
        raise SandingError(f"职责类别“{kind}”无效")
    current = {r.duty_id: r for r in _rows(DutyRevision, version).filter(kind=kind)}
    seen, stats = set(), {"added": 0, "reworded": 0, "removed": 0, "moved": 0}
    for index, (duty_id, text) in enumerate(items, start=1):
        text = (text or "").strip()
        if not text:
            raise SandingError(f"第{index}条职责内容为空")
        if duty_id:
            row = current.get(int(duty_id))
            if row is None:
                raise SandingError(f"第{index}条职责已不在此版本中（可能已被他人删除），请刷新后重试")
            seen.add(row.duty_id)
            changes = {}
            if row.text != text:
                changes.update(text=text, text_key=search_key(text))
                stats["reworded"] += 1
            if row.position != index:
                changes["position"] = index
                stats["moved"] += 1
            if changes:
                _replace(row, version, "职责表述调整" if "text" in changes else "职责顺序调整", **changes)
        else:
            duty = Duty.objects.create(unit=version.unit)
            _open(DutyRevision, version, "新增职责", duty=duty, kind=kind, text=text, text_key=search_key(text),
                  position=index)
            stats["added"] += 1
    for duty_id, row in current.items():
        if duty_id not in seen:
            _close(row, version, "取消职责")
            stats["removed"] += 1
    return stats


def _staffing_row(version, unit, staffing_type, label=""):
    return _rows(StaffingLine, version, unit).filter(staffing_type=staffing_type, label=label).first()


@operation
def set_staffing(version, staffing_type: str, count, includes: list | None = None, label: str = "",
                 note: str = "") -> StaffingLine | None:
    """核定/增减编制: set the number of one 编制 type (0 removes the line), with its “含…” breakdown."""
    if staffing_type not in StaffingType.values:
        raise SandingError(f"编制类型“{staffing_type}”无效")
    count = _count(count, StaffingType(staffing_type).label)
    includes = _clean_includes(includes, count)
    row = _staffing_row(version, version.unit, staffing_type, label)
    if row is None:
        if count == 0:
            return None
        return _open(StaffingLine, version, note or "核定编制", staffing_type=staffing_type, label=label,
                     count=count, includes=includes or [])
    if count == 0:
        _close(row, version, note or "核销编制")
        return None
    if row.count == count and (includes is None or row.includes == includes):
        return row
    return _replace(row, version, note or f"编制由{row.count}名调整为{count}名", count=count,
                    includes=includes if includes is not None else row.includes)


def _clean_includes(includes, total):
    if includes is None:
        return None
    cleaned = []
    for item in includes:
        label = nfkc(item.get("label", ""))
        if not label:
            continue
        number = _count(item.get("count", 0), f"“含{label}”的数额")
        if number > total:
            raise SandingError(f"“含{label}{number}名”超过该类编制总数{total}名")
        cleaned.append({"label": label, "count": number})
    return cleaned


@operation
def transfer_staffing(version, from_unit, to_unit, staffing_type: str, count, label: str = "",
                      user=None) -> tuple:
    """编制划转: `count` 编制 of one type go from one unit to another; both change in this transaction.

    Refused if the giving unit would go below zero."""
    count = _count(count, "划转编制数")
    if count == 0:
        raise SandingError("划转编制数应大于0")
    if from_unit.pk == to_unit.pk:
        raise SandingError("划出单位与划入单位相同")
    type_label = StaffingType(staffing_type).label
    v_from, v_to = _companion(version, from_unit, user), _companion(version, to_unit, user)
    src = _staffing_row(v_from, from_unit, staffing_type, label)
    have = src.count if src else 0
    if have - count < 0:
        raise SandingError(f"“{from_unit.name}”现有{type_label}{have}名，不能划出{count}名（划转后将为负数）")
    if have == count:
        _close(src, v_from, f"{type_label}{count}名划出至{to_unit.name}")
    else:
        _replace(src, v_from, f"{type_label}{count}名划出至{to_unit.name}", count=have - count)
    dst = _staffing_row(v_to, to_unit, staffing_type, label)
    note = f"由{from_unit.name}划入{type_label}{count}名"
    if dst is None:
        _open(StaffingLine, v_to, note, staffing_type=staffing_type, label=label, count=count, includes=[])
    else:
        _replace(dst, v_to, note, count=dst.count + count)
    return v_from, v_to


@operation
def set_head_post(version, title: str, count, rank: str = "", note: str = "", position: int | None = None):
    """领导职数 of the unit's heads (count 0 removes the post)."""
    title = nfkc(title)
    if not title:
        raise SandingError("职务名称不能为空")
    count = _count(count, f"{title}职数")
    row = _rows(HeadPost, version).filter(title=title).first()
    if row is None:
        if count == 0:
            return None
        pos = position if position is not None else (_rows(HeadPost, version).aggregate(m=Max("position"))["m"] or 0) + 1
        return _open(HeadPost, version, "核定领导职数", title=title, count=count, rank=rank, note=note, position=pos)
    if count == 0:
        _close(row, version, "取消该领导职数")
        return None
    return _replace(row, version, f"{title}职数由{row.count}名调整为{count}名", count=count,
                    rank=rank or row.rank, note=note if note else row.note,
                    position=position if position is not None else row.position)


def _quota_row(version, unit, level):
    return _rows(LeadershipQuota, version, unit).filter(level=level).first()


@operation
def set_leadership_quota(version, level: str, count, note: str = ""):
    """内设机构领导职数 of one level (正科级 / 副科级 / 司局级 …); 0 removes it."""
    level = nfkc(level)
    if not level:
        raise SandingError("领导职数级别不能为空")
    count = _count(count, f"{level}领导职数")
    row = _quota_row(version, version.unit, level)
    if row is None:
        return _open(LeadershipQuota, version, "核定内设机构领导职数", level=level, count=count, note=note) if count else None
    if count == 0:
        _close(row, version, "取消该级领导职数")
        return None
    if row.count == count:
        return row
    return _replace(row, version, f"{level}领导职数由{row.count}名调整为{count}名", count=count)


@operation
def transfer_leadership(version, from_unit, to_unit, level: str, count, user=None) -> tuple:
    """领导职数划转 between units; refused if the giving unit would go below zero."""
    level = nfkc(level)
    count = _count(count, "划转领导职数")
    if count == 0:
        raise SandingError("划转领导职数应大于0")
    v_from, v_to = _companion(version, from_unit, user), _companion(version, to_unit, user)
    src = _quota_row(v_from, from_unit, level)
    have = src.count if src else 0
    if have - count < 0:
        raise SandingError(f"“{from_unit.name}”现有{level}领导职数{have}名，不能划出{count}名（划转后将为负数）")
    if have == count:
        _close(src, v_from, f"{level}领导职数{count}名划出至{to_unit.name}")
    else:
        _replace(src, v_from, f"{level}领导职数{count}名划出至{to_unit.name}", count=have - count)
    dst = _quota_row(v_to, to_unit, level)
    note = f"由{from_unit.name}划入{level}领导职数{count}名"
    if dst is None:
        _open(LeadershipQuota, v_to, note, level=level, count=count)
    else:
        _replace(dst, v_to, note, count=dst.count + count)
    return v_from, v_to


@operation
def add_plaque(version, name: str, internal_body=None, kind: str = "added") -> SandingPlaque:
    """加挂牌子 on the unit or on one of its internal bodies."""
    name = (name or "").strip()
    if not name:
        raise SandingError("牌子名称不能为空")
    if internal_body is not None and internal_body.unit_id != version.unit_id:
        raise SandingError("该内设机构不属于本单位")
    existing = _rows(SandingPlaque, version).filter(name=name, internal_body=internal_body)
    if existing.exists():
        raise SandingError(f"已有牌子“{name}”")
    where = f"{internal_body.name}" if internal_body else "本单位"
    return _open(SandingPlaque, version, f"{where}加挂“{name}”牌子", key=uuid.uuid4().hex, name=name,
                 internal_body=internal_body, kind=kind)


@operation
def remove_plaque(version, plaque: SandingPlaque) -> None:
    """撤销牌子."""
    row = _rows(SandingPlaque, version).filter(key=plaque.key).first()
    if row is None:
        raise SandingError("该牌子在此版本中已不存在")
    _close(row, version, f"撤销“{row.name}”牌子")


def _body_row(version, body) -> InternalBodyState:
    row = _rows(InternalBodyState, version).filter(body=body).first()
    if row is None:
        raise SandingError("该内设机构在此版本中已不存在")
    return row


@operation
def create_internal_body(version, name: str, duty_text: str = "", head_count=0, deputy_count=0,
                         kind: str = "numbered", position: int | None = None, posts_note: str = "",
                         body: InternalBody | None = None) -> InternalBody:
    """设立内设机构 (creates the registry identity unless an existing `body` of this unit is given)."""
    name = (name or "").strip()
    if not name:
        raise SandingError("内设机构名称不能为空")
    if _rows(InternalBodyState, version).filter(name=name).exists():
        raise SandingError(f"本单位已有名为“{name}”的内设机构")
    head_count, deputy_count = _count(head_count, "正职领导职数"), _count(deputy_count, "副职领导职数")
    if position is None:
        position = (_rows(InternalBodyState, version).aggregate(m=Max("position"))["m"] or 0) + 1
    if body is None:
        body = InternalBody.objects.create(unit=version.unit, name=name, kind=kind, sort_order=position,
                                           established_on=version.effective_date, document=version.document)
    elif body.unit_id != version.unit_id:
        raise SandingError("该内设机构不属于本单位")
    _open(InternalBodyState, version, f"设立{name}", body=body, name=name, kind=kind, position=position,
          duty_text=duty_text.strip(), head_count=head_count, deputy_count=deputy_count, posts_note=posts_note)
    return body


@operation
def update_internal_body(version, body: InternalBody, **changes) -> InternalBodyState:
    """Change an internal body's name, duty text, posts or order (each change is dated by this version)."""
    allowed = {"name", "duty_text", "head_count", "deputy_count", "posts_note", "position", "kind"}
    unknown = set(changes) - allowed
    if unknown:
        raise SandingError(f"不能修改内设机构的字段：{'、'.join(sorted(unknown))}")
    row = _body_row(version, body)
    notes = []
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        if not changes["name"]:
            raise SandingError("内设机构名称不能为空")
        if changes["name"] != row.name:
            if _rows(InternalBodyState, version).filter(name=changes["name"]).exclude(body=body).exists():
                raise SandingError(f"本单位已有名为“{changes['name']}”的内设机构")
            notes.append(f"“{row.name}”更名为“{changes['name']}”")
    for key in ("head_count", "deputy_count"):
        if key in changes:
            changes[key] = _count(changes[key], "领导职数")
    if "duty_text" in changes:
        changes["duty_text"] = (changes["duty_text"] or "").strip()
        if changes["duty_text"] != row.duty_text:
            notes.append(f"{changes.get('name', row.name)}职责调整")
    changes = {k: v for k, v in changes.items() if getattr(row, k) != v}
    if not changes:
        return row
    if {"head_count", "deputy_count"} & set(changes):
        notes.append(f"{changes.get('name', row.name)}领导职数调整")
    return _replace(row, version, "；".join(notes) or "内设机构调整", **changes)


def rename_internal_body(version, body, new_name: str, expected_version=None):
    """内设机构更名."""
    return update_internal_body(version, body, name=new_name, expected_version=expected_version)


@operation
def abolish_internal_body(version, body: InternalBody) -> None:
    """撤销内设机构 (its plaques end with it)."""
    row = _body_row(version, body)
    for plaque in _rows(SandingPlaque, version).filter(internal_body=body):
        _close(plaque, version, f"随{row.name}撤销")
    _close(row, version, f"撤销{row.name}")


# ------------------------------------------------------------------------------------------------ reading
@dataclass
class Snapshot:
    """The 三定 of one unit on one date (or as a draft would make it)."""

    unit: object
    date: datetime.date | None
    draft: SandingVersion | None = None
    statement: UnitStatement | None = None
    duties: list = field(default_factory=list)
    plaques: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    staffing: list = field(default_factory=list)
    head_posts: list = field(default_factory=list)
    leadership: list = field(default_factory=list)

    def duties_of(self, kind):
        return [d for d in self.duties if d.kind == kind]

    @property
    def duty_groups(self):
        return [(label, self.duties_of(value)) for value, label in DutyKind.choices if self.duties_of(value)]

    def unit_plaques(self):
        return [p for p in self.plaques if p.internal_body_id is None]

    def body_plaques(self, body_id):
        return [p for p in self.plaques if p.internal_body_id == body_id]

    @property
    def bodies_with_plaques(self):
        return [(b, self.body_plaques(b.body_id)) for b in self.bodies]

    def staffing_total(self, staffing_type=None) -> int:
        return sum(s.count for s in self.staffing if staffing_type is None or s.staffing_type == staffing_type)

    def leadership_total(self, level=None) -> int:
        return sum(q.count for q in self.leadership if level is None or q.level == level)

    @property
    def is_empty(self) -> bool:
        return not (self.statement or self.duties or self.bodies or self.staffing or self.head_posts
                    or self.leadership or self.plaques)


def _qs(model, unit, date, draft):
    qs = model.objects.in_draft(draft) if draft is not None else model.objects.as_of(date)
    return qs.filter(unit=unit).select_related("opened_by__document")


def snapshot(unit, as_of: datetime.date | None = None, draft: SandingVersion | None = None) -> Snapshot:
    """The unit's 三定 on `as_of` (default today) from approved history; with `draft`, as that draft would make
    it (preview for staff). One query per content type, whatever the number of versions or items."""
    date = as_of or datetime.date.today()
    snap = Snapshot(unit=unit, date=None if draft else date, draft=draft)
    snap.statement = _qs(UnitStatement, unit, date, draft).order_by("-valid_from", "-id").first()
    snap.duties = list(_qs(DutyRevision, unit, date, draft).order_by("kind", "position", "id"))
    order = {k: i for i, k in enumerate(DutyKind.values)}
    snap.duties.sort(key=lambda d: (order.get(d.kind, 9), d.position, d.pk))
    snap.plaques = list(_qs(SandingPlaque, unit, date, draft).select_related("internal_body"))
    snap.bodies = list(_qs(InternalBodyState, unit, date, draft).order_by("position", "id"))
    staffing_order = {k: i for i, k in enumerate(StaffingType.values)}
    snap.staffing = sorted(_qs(StaffingLine, unit, date, draft), key=lambda s: (staffing_order[s.staffing_type], s.label))
    snap.head_posts = list(_qs(HeadPost, unit, date, draft).order_by("position", "id"))
    snap.leadership = list(_qs(LeadershipQuota, unit, date, draft).order_by("id"))
    return snap


def history(unit, include_drafts: bool = False):
    """沿革: the unit's versions in date order (approved only unless include_drafts)."""
    qs = SandingVersion.objects.filter(unit=unit).select_related("document", "primary__unit", "primary__document")
    if not include_drafts:
        qs = qs.filter(status=VersionStatus.APPROVED)
    return list(qs.order_by("effective_date", "sequence", "id"))


# ------------------------------------------------------------------------------------------------ diff
@dataclass
class Change:
    section: str        # 职责 / 内设机构 / 编制 / …
    action: str         # added / removed / changed
    label: str          # what (name, text…)
    fields: list        # [(field label, old, new)]
    doc_number: str     # 文号 of the document that made the change
    note: str = ""

    @property
    def action_label(self):
        return {"added": "新增", "removed": "取消", "changed": "调整"}[self.action]

    @property
    def sentence(self) -> str:
        text = f"{self.section}{self.action_label}：{self.label}"
        if self.fields:
            text += "（" + "；".join(f"{f}由“{a}”改为“{b}”" for f, a, b in self.fields) + "）"
        if self.note and self.note not in text and not _generic_note(self.note):
            text += f"——{self.note}"
        return text

    def as_dict(self):
        return {"section": self.section, "action": self.action, "label": self.label,
                "fields": [{"field": f, "old": a, "new": b} for f, a, b in self.fields],
                "doc_number": self.doc_number, "note": self.note, "text": self.sentence}


_GENERIC_NOTES = {"新增职责", "取消职责", "职责表述调整", "职责顺序调整", "核定编制", "核定领导职数",
                  "核定内设机构领导职数", "修改机构性质和规格", "内设机构调整"}


def _generic_note(note: str) -> bool:
    return note in _GENERIC_NOTES or note.startswith("设立") or "调整为" in note


@dataclass
class Diff:
    unit: object
    old: Snapshot
    new: Snapshot
    changes: list

    def by_section(self):
        out = {}
        for c in self.changes:
            out.setdefault(c.section, []).append(c)
        return list(out.items())


_SECTIONS = [
    ("机构性质和规格", "statement", lambda r: "机构性质和规格",
     [("nature_text", "表述"), ("rank", "规格")]),
    ("职责", "duties", lambda r: r.text[:60] + ("…" if len(r.text) > 60 else ""),
     [("text", "内容"), ("kind", "类别"), ("position", "顺序")]),
    ("牌子", "plaques", lambda r: (f"{r.internal_body.name}：" if r.internal_body_id else "") + r.name,
     [("name", "名称"), ("kind", "方式")]),
    ("内设机构", "bodies", lambda r: r.name,
     [("name", "名称"), ("duty_text", "职责"), ("head_count", "正职职数"), ("deputy_count", "副职职数"),
      ("posts_note", "职数说明"), ("position", "顺序")]),
    ("编制", "staffing", lambda r: r.display_label, [("count", "数额"), ("includes", "其中含")]),
    ("领导职数", "head_posts", lambda r: r.title, [("count", "职数"), ("rank", "级别"), ("note", "说明")]),
    ("内设机构领导职数", "leadership", lambda r: r.level, [("count", "职数")]),
]


def _fmt(row, attr):
    value = getattr(row, attr)
    if attr == "rank" and hasattr(row, "get_rank_display") and isinstance(row, UnitStatement):
        return row.get_rank_display()
    if attr == "kind" and isinstance(row, DutyRevision):
        return row.get_kind_display()
    if attr == "includes":
        return "、".join(f"{i['label']}{i['count']}名" for i in value or []) or "无"
    return "" if value is None else str(value)


def _doc(row_new=None, row_old=None):
    version = row_new.opened_by if row_new is not None else None
    if version is None and row_old is not None and row_old.closed_by_id:
        version = row_old.closed_by
    if version is None:
        return ""
    return version.document.doc_number or version.document.doc_number_raw or version.document.title


def diff_snapshots(old: Snapshot, new: Snapshot) -> Diff:
    """Field- and item-level changes from `old` to `new`, each with the 文号 of the document that made it."""
    changes = []
    closers = _closers(old, new)
    for section, attr, label_of, fields in _SECTIONS:
        a, b = getattr(old, attr), getattr(new, attr)
        a = [a] if attr == "statement" and a else ([] if attr == "statement" else a)
        b = [b] if attr == "statement" and b else ([] if attr == "statement" else b)
        old_rows = {type(r).identity_of(r): r for r in a}
        new_rows = {type(r).identity_of(r): r for r in b}
        for key, row in new_rows.items():
            before = old_rows.get(key)
            if before is None:
                changes.append(Change(section, "added", label_of(row), [], _doc(row), row.change_note))
            elif before.pk != row.pk:
                diffs = [(lab, _fmt(before, f), _fmt(row, f)) for f, lab in fields if _fmt(before, f) != _fmt(row, f)]
                if diffs:
                    shown = label_of(before) if attr != "duties" else label_of(row)
                    changes.append(Change(section, "changed", shown, diffs, _doc(row), row.change_note))
        for key, row in old_rows.items():
            if key not in new_rows:
                closer = closers.get((type(row), row.pk))
                changes.append(Change(section, "removed", label_of(row), [],
                                      _doc_of_version(closer) if closer else _doc(None, row),
                                      row.change_note))
    return Diff(unit=new.unit, old=old, new=new, changes=changes)


def _closers(old, new):
    """Versions that closed rows of `old` (one query per content type only when needed)."""
    ids = {}
    for _section, attr, *_ in _SECTIONS:
        rows = getattr(old, attr)
        rows = [rows] if attr == "statement" and rows else ([] if attr == "statement" else rows)
        for r in rows:
            if r.closed_by_id:
                ids[(type(r), r.pk)] = r.closed_by_id
    if not ids:
        return {}
    versions = SandingVersion.objects.select_related("document").in_bulk(set(ids.values()))
    return {k: versions.get(v) for k, v in ids.items()}


def _doc_of_version(version):
    if version is None:
        return ""
    return version.document.doc_number or version.document.doc_number_raw or version.document.title


def diff(unit, old_date: datetime.date, new_date: datetime.date) -> Diff:
    """What changed in the unit's approved 三定 between two dates."""
    return diff_snapshots(snapshot(unit, old_date), snapshot(unit, new_date))


def diff_versions(old: SandingVersion, new: SandingVersion) -> Diff:
    """What changed between the states two approved versions of the same unit produced."""
    if old.unit_id != new.unit_id:
        raise SandingError("只能比较同一单位的两个版本")
    return diff(new.unit, old.effective_date, new.effective_date)


def draft_changes(version: SandingVersion) -> Diff:
    """What the draft would change compared with the current approved state (preview)."""
    return diff_snapshots(snapshot(version.unit), snapshot(version.unit, draft=version))


# ------------------------------------------------------------------------------------------------ checks
def check_version(version: SandingVersion) -> list[str]:
    """Warnings to show before submission (not refusals): internal-body posts against 内设机构领导职数, and the
    totals the document states (“调整后…”) against the computed totals."""
    warnings = []
    group = [version, *SandingVersion.objects.filter(primary=version)] if not version.primary_id else [version]
    for v in group:
        snap = snapshot(v.unit, draft=v) if v.is_draft else snapshot(v.unit, v.effective_date)
        prefix = f"“{v.unit.name}”：" if v.unit_id != version.unit_id else ""
        warnings += [prefix + w for w in check_snapshot(snap)]
        for key, stated in (v.stated_totals or {}).items():
            kind, _, name = key.partition(":")
            try:
                stated = int(stated)
            except (TypeError, ValueError):
                warnings.append(prefix + f"文件所述数额“{key}”不是整数：{stated}")
                continue
            if kind == "staffing":
                computed = snap.staffing_total(name or None)
                what = StaffingType(name).label if name in StaffingType.values else "编制总数"
            elif kind == "leadership":
                computed, what = snap.leadership_total(name or None), f"{name or ''}内设机构领导职数"
            else:
                continue
            if computed != stated:
                warnings.append(prefix + f"文件所述调整后{what}为{stated}名，按各项操作计算为{computed}名，相差{computed - stated:+d}名")
    return warnings


def check_snapshot(snap: Snapshot) -> list[str]:
    warnings = []
    if not snap.leadership or not snap.bodies:
        return warnings
    heads = sum(b.head_count for b in snap.bodies)
    deputies = sum(b.deputy_count for b in snap.bodies)
    principal = [q for q in snap.leadership if q.level.startswith("正")]
    deputy = [q for q in snap.leadership if q.level.startswith("副")]
    if principal and deputy:
        p, d = sum(q.count for q in principal), sum(q.count for q in deputy)
        if heads > p:
            warnings.append(f"各内设机构正职领导职数合计{heads}名，超过核定的{'、'.join(q.level for q in principal)}领导职数{p}名")
        if deputies > d:
            warnings.append(f"各内设机构副职领导职数合计{deputies}名，超过核定的{'、'.join(q.level for q in deputy)}领导职数{d}名")
    else:
        total = snap.leadership_total()
        if heads + deputies > total:
            warnings.append(f"各内设机构领导职数合计{heads + deputies}名，超过核定的内设机构领导职数{total}名")
    return warnings


# ------------------------------------------------------------------------------------------------ text entry
_CN_NUM = "一二三四五六七八九十百零〇"
_MARKERS = [
    ("paren", re.compile(r"[（(]\s*[" + _CN_NUM + r"]+\s*[)）]")),
    ("dun", re.compile(r"[" + _CN_NUM + r"]+、")),
    ("arabic", re.compile(r"\d{1,3}\s*[.．、](?!\d)")),
]


def split_duty_text(text: str) -> list[str]:
    """Split a pasted block of duty text into items at （一）/(一)/一、/1. markers.

    The first marker style found is the top level; markers of other styles stay inside items (a （三） item may
    contain 1. 2. sub-points). A marker counts only at the start of a line or after 。；; — so “第一、二款” or
    “2.5亿元” in running text does not split. Text before the first marker becomes its own item.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    lead = r"(?:^|(?<=[。；;:：\n]))[ \t\u3000]*"
    for _name, marker in _MARKERS:
        pattern = re.compile(lead + "(" + marker.pattern + ")", re.MULTILINE)
        hits = list(pattern.finditer(text))
        if len(hits) >= 2 or (hits and hits[0].start() == 0):
            items = []
            if hits[0].start() > 0 and text[:hits[0].start()].strip():
                items.append(text[:hits[0].start()])
            for i, hit in enumerate(hits):
                end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
                items.append(text[hit.end():end])
            return [_tidy(i) for i in items if _tidy(i)]
    return [_tidy(line) for line in text.split("\n") if _tidy(line)]


def _tidy(item: str) -> str:
    return re.sub(r"\s*\n\s*", "", item).strip()


# ------------------------------------------------------------------------------------------------ publication
def public_snapshot(unit, as_of: datetime.date | None = None) -> dict:
    """The approved 三定 of `unit` (today, or on `as_of`) and its 沿革, as JSON-serialisable data for the portal.

    Only approved data: drafts never appear."""
    snap = snapshot(unit, as_of)
    return snapshot_dict(snap, [v for v in history(unit) if v.effective_date <= snap.date])


def _version_dict(v) -> dict:
    return {"id": v.pk, "doc_number": v.doc_number, "title": v.document.title,
            "issuing_organ": v.document.issuing_organ, "document_id": v.document_id,
            "date": v.effective_date.isoformat(), "kind": v.kind, "kind_label": v.get_kind_display(),
            "status": v.status, "summary": [line for line in v.summary.splitlines() if line.strip()]}


def snapshot_dict(snap: Snapshot, versions=None) -> dict:
    """A snapshot as plain data (the shape of the API and of public_snapshot)."""
    return {
        "unit": {"id": snap.unit.pk, "name": snap.unit.name},
        "as_of": snap.date.isoformat() if snap.date else None,
        "draft": snap.draft.pk if snap.draft else None,
        "statement": ({"text": snap.statement.nature_text, "rank": snap.statement.rank,
                       "rank_label": snap.statement.get_rank_display(),
                       "doc_number": snap.statement.opened_by.doc_number} if snap.statement else None),
        "plaques": [{"name": p.name, "kind": p.get_kind_display(), "doc_number": p.opened_by.doc_number}
                    for p in snap.unit_plaques()],
        "duties": [{"id": d.duty_id, "kind": d.kind, "kind_label": d.get_kind_display(), "position": d.position,
                    "text": d.text, "doc_number": d.opened_by.doc_number} for d in snap.duties],
        "internal_bodies": [{"id": b.body_id, "name": b.name, "duties": b.duty_text, "head_count": b.head_count,
                             "deputy_count": b.deputy_count, "posts_note": b.posts_note,
                             "plaques": [p.name for p in snap.body_plaques(b.body_id)],
                             "doc_number": b.opened_by.doc_number} for b in snap.bodies],
        "staffing": [{"type": s.staffing_type, "label": s.display_label, "count": s.count,
                      "includes": s.includes or [], "doc_number": s.opened_by.doc_number} for s in snap.staffing],
        "staffing_total": snap.staffing_total(),
        "head_posts": [{"title": h.title, "count": h.count, "rank": h.rank, "note": h.note,
                        "doc_number": h.opened_by.doc_number} for h in snap.head_posts],
        "internal_leadership": [{"level": q.level, "count": q.count, "note": q.note,
                                 "doc_number": q.opened_by.doc_number} for q in snap.leadership],
        "history": [_version_dict(v) for v in (versions or [])],
    }
