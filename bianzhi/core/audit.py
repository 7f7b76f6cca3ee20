"""Every create, update and delete of the platform's records goes into AuditLogEntry.

Signal handlers cover every model in bianzhi's own apps (and the user model), so no write path —
form, API, import, admin, shell — can skip the log. `bulk_create`/`update()` bypass signals; code
that uses them must call `record()` itself.
"""
import datetime
import decimal
import uuid

from django.db import models, router
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .audit_chain import seal_after_commit
from .audit_models import AuditLogEntry
from .context import current
from .precompiled import PrecompiledInsert, stored_row

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


def record(instance, action: str, before: dict | None, after: dict | None, **overrides) -> AuditLogEntry:
    ctx = current()
    meta = instance._meta
    values = dict(
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
    values.update(overrides)
    return _append(AuditLogEntry(**values))


def record_event(action: str, *, user=None, username: str = "", obj=None, detail: dict | None = None,
                 unit_id=None) -> AuditLogEntry:
    """An event that is not a row change: login, failed login, logout, a read of personal data, an export.
    Events about accounts carry no unit, so only the audit administrator sees them."""
    ctx = current()
    target = obj if obj is not None else user
    meta = target._meta if target is not None else None
    return _append(AuditLogEntry(
        user_id=getattr(user, "pk", None) or ctx.user_id,
        username=(user.get_username() if user is not None else username or ctx.username or "anonymous")[:150],
        ip=ctx.ip, request_id=ctx.request_id, action=action,
        app_label=meta.app_label if meta else "accounts", model=meta.model_name if meta else "user",
        model_verbose=str(meta.verbose_name) if meta else "用户",
        object_id=str(getattr(target, "pk", "") or "")[:64],
        object_repr=(str(target) if target is not None else username)[:300],
        unit_id=unit_id, before=None, after=detail,
    ))


# Every audit entry is written by one INSERT compiled once per process (core.precompiled; AuditLogEntry.save would
# only refuse an entry that has a key, and no signal receiver acts on the log's own rows).
_INSERT_ENTRY = PrecompiledInsert(AuditLogEntry)


def _append(entry: AuditLogEntry) -> AuditLogEntry:
    """Write a new entry (the log is append-only: an entry that has a key is refused) and have it sealed once its
    transaction commits."""
    if entry.pk is not None:
        raise PermissionError("审计日志不可修改")
    _INSERT_ENTRY.insert(router.db_for_write(AuditLogEntry), entry)
    seal_after_commit()
    return entry


def audit_read(user, obj, fields) -> AuditLogEntry:
    """Record that `user` read the personal-data `fields` of `obj` (个人信息查看留痕). Call it from the view or
    service that shows or exports them."""
    return record_event("read", user=user, obj=obj, detail={"fields": list(fields)}, unit_id=_unit_id(obj))


@receiver(pre_save)
def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    instance._audit_before = None
    # a versioned save (TrackedModel.save) read the stored row under its lock already: its before-image
    stored = instance.__dict__.pop("_stored_row", None)
    if stored is not None:
        instance._audit_before = _image(sender, stored)
    elif instance.pk is not None:
        instance._audit_before = _before_image(sender, instance.pk)


def _before_image(model, pk) -> dict | None:
    """The stored row as `snapshot` would show it, read with a query compiled once per model (core.precompiled;
    every audited save reads one). A model whose key is not a number is read through the ORM each time."""
    if type(pk) is not int:
        old = model._base_manager.filter(pk=pk).first()
        return snapshot(old) if old is not None else None
    stored = stored_row(model, pk)
    return None if stored is None else _image(model, stored)


def _image(model, stored: dict) -> dict:
    """A stored row ({attname: value}, core.precompiled.stored_row) as `snapshot` shows the instance."""
    return {(f.attname if isinstance(f, models.ForeignKey) else f.name): _jsonable(stored[f.attname])
            for f in model._meta.concrete_fields if f.name not in SKIP_FIELDS}


@receiver(post_save)
def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _is_audited(sender):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before == after:
        return
    ignored = set(getattr(sender, "audit_ignore_fields", ()))
    if not created and before and ignored and {k for k in after if before.get(k) != after.get(k)} <= ignored:
        return  # e.g. last_login: logins are audited as login events
    record(instance, "create" if created else "update", before, after)


@receiver(post_delete)
def _log_delete(sender, instance, **kwargs):
    if not _is_audited(sender):
        return
    record(instance, "delete", snapshot(instance), None)


@receiver(m2m_changed)
def _log_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Many-to-many changes (entry-group members and units: scope grants) are writes like any other."""
    if not _is_audited(type(instance)) or action not in {"pre_add", "pre_remove", "pre_clear", "post_add",
                                                          "post_remove", "post_clear"}:
        return
    field = _m2m_field_name(type(instance), sender, reverse)
    if field is None:
        return
    current_ids = sorted(getattr(instance, field).values_list("pk", flat=True))
    if action.startswith("pre_"):
        instance._audit_m2m_before = {**getattr(instance, "_audit_m2m_before", {}), field: current_ids}
        return
    before = getattr(instance, "_audit_m2m_before", {}).pop(field, None)
    if before == current_ids:
        return
    record(instance, "update", {field: before}, {field: current_ids})


def _m2m_field_name(model, through, reverse) -> str | None:
    if not reverse:
        for field in model._meta.many_to_many:
            if field.remote_field.through is through:
                return field.name
    for rel in model._meta.related_objects:
        if rel.many_to_many and rel.through is through:
            return rel.get_accessor_name()
    return None
