"""Draft versions: create, approve (dates the closures, makes the draft's rows history), discard."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bianzhi.registry.models import InternalBody

from .diff import diff_snapshots
from .models import (
    CONTENT_MODELS,
    Duty,
    InternalBodyState,
    SandingVersion,
    VersionKind,
    VersionStatus,
)
from .snapshot import Snapshot, snapshot
from .temporal import SandingError, _check_date, _draft_only


# ------------------------------------------------------------------------------------------------ versions
def create_draft_version(unit, document, effective_date: datetime.date | None = None, kind: str | None = None, stated_totals: dict | None = None, summary: str = "", *, acting_user=None) -> SandingVersion:
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
                                             stated_totals=stated_totals or {}, summary=summary, created_by=acting_user)


# Checks higher apps register (e.g. personnel's 总量控制): callables (primary version, group) -> list of Chinese
# reasons. A non-empty answer refuses the approval with a ValidationError (the workflow turns it into a refusal).
APPROVAL_GUARDS: list = []


def approve_version(version: SandingVersion, *, acting_user=None) -> SandingVersion:
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
            v.approved_by = acting_user if getattr(acting_user, "pk", None) else None
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
        InternalBody.objects.filter(pending=True, states__isnull=True, unit__in=[v.unit for v in group]).delete()


def _sync_registry(unit, snap: Snapshot):
    names = {b.body_id: b for b in snap.bodies}
    for body in InternalBody.objects.filter(unit=unit):
        state = names.get(body.pk)
        if state and (body.name != state.name or body.sort_order != state.position or body.abolished_on
                      or body.pending):
            body.name, body.sort_order, body.abolished_on, body.pending = state.name, state.position, None, False
            body.save()
        elif state is None and body.abolished_on is None and InternalBodyState.objects.filter(body=body).exists():
            last = InternalBodyState.objects.filter(body=body).exclude(valid_to=None).order_by("-valid_to").first()
            if last:
                body.abolished_on = last.valid_to
                body.save()
