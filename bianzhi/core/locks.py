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


def locked_unit_ids(unit_ids: Iterable) -> set[int]:
    return set(locked_units(unit_ids))


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


def _instance_unit_ids(instance) -> list:
    """The unit of the record now and, for an update, the unit it belonged to before (moving data out of
    a locked unit is a write to that unit too)."""
    ids = []
    getter = getattr(instance, "scope_unit_id", None)
    if callable(getter):
        try:
            ids.append(getter())
        except Exception:  # an object without its unit yet: the unit is checked when it is set
            pass
    if instance.pk is not None and getattr(instance, "scope_unit_path", None):
        old = type(instance)._base_manager.filter(pk=instance.pk).first()
        if old is not None:
            try:
                ids.append(old.scope_unit_id())
            except Exception:
                pass
    return [i for i in dict.fromkeys(ids) if i is not None]


def check_instance(instance) -> None:
    if writes_allowed() or not getattr(type(instance), "lockable", False):
        return
    locked = locked_units(_instance_unit_ids(instance))
    if locked:
        unit_id = sorted(locked)[0]
        raise LockedError(unit_name=locked[unit_id])


@receiver(pre_save, dispatch_uid="core_lock_pre_save")
def _refuse_locked_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    check_instance(instance)


@receiver(pre_delete, dispatch_uid="core_lock_pre_delete")
def _refuse_locked_delete(sender, instance, **kwargs):
    check_instance(instance)
