"""Every create, update and delete of the platform's records goes into AuditLogEntry.

Signal handlers cover every model in bianzhi's own apps (and the user model), so no write path —
form, API, import, admin, shell — can skip the log. `bulk_create`/`update()` bypass signals; code
that uses them must call `record()` itself.
"""
import datetime
import decimal
import uuid

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .audit_models import AuditLogEntry
from .context import current

SKIP_FIELDS = {"password"}
AUDITED_PREFIX = "bianzhi."


def _is_audited(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or sender is AuditLogEntry or meta.abstract:
        return False
    if getattr(sender, "audit_exclude", False):
        return False
    return sender.__module__.startswith(AUDITED_PREFIX)


def _jsonable(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "name") and isinstance(getattr(value, "name", None), str):  # FieldFile
        return value.name
    return str(value)


def snapshot(instance) -> dict:
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIP_FIELDS:
            continue
        key = field.attname if isinstance(field, models.ForeignKey) else field.name
        data[key] = _jsonable(field.value_from_object(instance))
    return data


def _unit_id(instance):
    getter = getattr(instance, "scope_unit_id", None)
    try:
        return getter() if callable(getter) else None
    except Exception:  # a half-built object must never block the write itself
        return None


def record(instance, action: str, before: dict | None, after: dict | None) -> AuditLogEntry:
    ctx = current()
    meta = instance._meta
    return AuditLogEntry.objects.create(
        user_id=ctx.user_id,
        username=ctx.username or "system",
        ip=ctx.ip,
        request_id=ctx.request_id,
        action=action,
        app_label=meta.app_label,
        model=meta.model_name,
        model_verbose=str(meta.verbose_name),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        unit_id=_unit_id(instance),
        before=before,
        after=after,
    )


@receiver(pre_save)
def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_before = snapshot(old) if old is not None else None


@receiver(post_save)
def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before == after:
        return
    record(instance, "create" if created else "update", before, after)


@receiver(post_delete)
def _log_delete(sender, instance, **kwargs):
    if not _is_audited(sender):
        return
    record(instance, "delete", snapshot(instance), None)
