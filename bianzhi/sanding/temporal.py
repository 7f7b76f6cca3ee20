"""Temporal-row primitives every 三定 write uses: open, close and replace dated rows inside a draft version."""
from __future__ import annotations

import functools

from django.db import transaction
from django.db.models import Max

from bianzhi.accounts.scope import can

from .models import (
    SandingVersion,
    VersionKind,
    VersionStatus,
)


class SandingError(ValueError):
    """An operation was refused; the message (Chinese) says why."""


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


def _companion(version: SandingVersion, unit, acting_user) -> SandingVersion:
    """The draft version of `unit` that goes with `version` (same document, approved together). A transfer
    changes the other unit too, so the acting user must be allowed to change it — checked here, once, for every
    cross-unit operation."""
    if unit.pk == version.unit_id:
        return version
    if not can(acting_user, "change", unit):
        raise SandingError(f"您无权修改“{unit.name}”的三定，不能与其划转")
    root = version.primary or version
    if unit.pk == root.unit_id:
        return root
    existing = SandingVersion.objects.filter(primary=root, unit=unit).first()
    if existing:
        return existing
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
