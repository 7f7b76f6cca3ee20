"""Approved data is locked: nobody edits it any more, by any path (form, API, import, admin, shell).

The mechanism lives here, in core; *what* locks a unit is decided by the app that owns the review flow, which
registers a provider at start-up (`register_lock_provider`, called from `WorkflowConfig.ready`). Core imports no
other app.

A model opts in with the class attribute `lockable = True`; its unit is found through `scope_unit_path`.
A pre_save / pre_delete signal handler refuses the write (LockedError) when a provider reports the unit locked.
Only the approval, publication and change-request services write locked data, inside `allow_locked_writes()`.

Bulk paths (`QuerySet.update`, `bulk_create`) send no signals: code that uses them (imports, bulk actions)
must call `assert_unit_editable(unit)` first.
"""
import contextlib
import contextvars
from collections.abc import Callable, Iterable

from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

_allowed = contextvars.ContextVar("bianzhi_allow_locked_writes", default=0)

# Each provider takes unit ids and returns {unit_id: unit name} for those that are locked.
LockProvider = Callable[[list[int]], dict[int, str]]
_providers: list[LockProvider] = []


def register_lock_provider(provider: LockProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


class LockedError(Exception):
    """A write to data whose review was approved. The message names the unit, in Chinese."""

    def __init__(self, unit=None, unit_name: str = ""):
        self.unit = unit
        name = unit_name or (str(unit) if unit is not None else "该单位")
        super().__init__(f"「{name}」的数据已审核通过并锁定，不能修改。如需更正，请发起变更申请。")


@contextlib.contextmanager
def allow_locked_writes():
    """Let the approval / publication / change-request services write locked data. Nobody else uses it."""
    token = _allowed.set(_allowed.get() + 1)
    try:
        yield
    finally:
        _allowed.reset(token)


def writes_allowed() -> bool:
    return _allowed.get() > 0


def locked_units(unit_ids: Iterable) -> dict[int, str]:
    """{unit_id: name} for the units among `unit_ids` that some provider reports locked."""
    ids = [int(i) for i in unit_ids if i is not None]
    if not ids:
        return {}
    found: dict[int, str] = {}
    for provider in _providers:
        found.update(provider(ids))
    return found


def is_unit_locked(unit_or_id) -> bool:
    return bool(locked_units([getattr(unit_or_id, "pk", unit_or_id)]))


def assert_unit_editable(unit) -> None:
    """Raise LockedError if the unit's data is locked. Bulk writers (imports, bulk actions) call this."""
    if writes_allowed():
        return
    unit_id = getattr(unit, "pk", unit)
    locked = locked_units([unit_id])
    if locked:
        raise LockedError(unit if hasattr(unit, "pk") else None, locked[int(unit_id)])


def lock_paths(model) -> tuple[str, ...]:
    """The paths from a record to every unit whose lock covers it: `lock_unit_paths` when the model declares
    it (a relation belongs to both its units; a document to its unit and to the units whose 三定 cite it),
    else its `scope_unit_path`."""
    paths = getattr(model, "lock_unit_paths", None)
    if paths is None:
        path = getattr(model, "scope_unit_path", None)
        paths = () if path is None else (path,)
    return tuple(paths)


def _attr_unit_id(instance, path: str):
    """The unit id reached from the unsaved values of `instance` along a forward path (None otherwise)."""
    if path == "":
        return instance.pk
    obj = instance
    parts = path.split("__")
    for part in parts[:-1]:
        obj = getattr(obj, part, None)
        if not isinstance(obj, models.Model):
            return None  # not set yet, or a reverse relation (read from the database below)
    return getattr(obj, parts[-1] + "_id", None)


def _instance_unit_ids(instance) -> list:
    """The units of the record as it is about to be saved and, for an existing record, as stored (moving
    data out of a locked unit is a write to that unit too)."""
    paths = lock_paths(type(instance))
    ids = [_attr_unit_id(instance, p) for p in paths]
    for path in paths:  # paths through a reverse relation, from the record's own (unsaved) foreign key
        first, _, rest = path.partition("__")
        if not rest:
            continue
        field = type(instance)._meta.get_field(first)
        target = getattr(instance, field.attname, None) if field.many_to_one else None
        if target is not None:
            ids.extend(field.related_model._base_manager.filter(pk=target).values_list(rest, flat=True))
    stored_paths = [p for p in paths if p]  # a unit's own id ("" path) is its pk: nothing to read
    if instance.pk is not None and stored_paths:
        stored = type(instance)._base_manager.filter(pk=instance.pk)
        for path in stored_paths:
            ids.extend(stored.values_list(path, flat=True))
    return [i for i in dict.fromkeys(ids) if i is not None]


def check_instance(instance) -> None:
    if writes_allowed() or not getattr(type(instance), "lockable", False):
        return
    locked = locked_units(_instance_unit_ids(instance))
    if locked:
        unit_id = sorted(locked)[0]
        raise LockedError(unit_name=locked[unit_id])


def check_instances(instances) -> None:
    for instance in instances:
        check_instance(instance)


def check_queryset(queryset) -> None:
    """Bulk writes (`QuerySet.update`, admin bulk actions) send no signals: refuse them here when any row
    they touch belongs to a locked unit."""
    model = queryset.model
    if writes_allowed() or not getattr(model, "lockable", False):
        return
    ids: set = set()
    for path in lock_paths(model):
        ids.update(queryset.order_by().values_list(path or "pk", flat=True).distinct())
    ids.discard(None)
    locked = locked_units(ids)
    if locked:
        raise LockedError(unit_name=locked[sorted(locked)[0]])


@receiver(pre_save, dispatch_uid="core_lock_pre_save")
def _refuse_locked_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    check_instance(instance)


@receiver(pre_delete, dispatch_uid="core_lock_pre_delete")
def _refuse_locked_delete(sender, instance, **kwargs):
    check_instance(instance)
