"""What locks a unit: its current data package is 审核通过 or 已公开.

The lock mechanism (signal guards, `LockedError`, `allow_locked_writes`, `assert_unit_editable`) lives in
`bianzhi.core.locks`; this module is the workflow's provider for it, registered in `WorkflowConfig.ready`.
"""
from django.db import router
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from bianzhi.core.locks import (  # noqa: F401  (re-exported for the workflow's own services)
    LockedError,
    allow_locked_writes,
    assert_unit_editable,
    is_unit_locked,
    writes_allowed,
)
from bianzhi.core.precompiled import statement_cursor

from .models import LOCKED_STATES, DataPackage


def locked_units(unit_ids: list[int]) -> dict[int, str]:
    """{unit_id: unit name} for the ids whose current data package is approved or published. Called on every
    save of a lockable model, so it is one small indexed SQL statement without the ORM's query building."""
    table = DataPackage._meta.db_table
    unit_table = DataPackage._meta.get_field("unit").related_model._meta.db_table
    alias = router.db_for_read(DataPackage)
    placeholders = ", ".join(["%s"] * len(unit_ids))
    states = ", ".join(["%s"] * len(LOCKED_STATES))
    with statement_cursor(alias) as cursor:  # prepared on PostgreSQL: one text per number of units (usually one)
        cursor.execute(f"SELECT p.unit_id, u.name FROM {table} p JOIN {unit_table} u ON u.id = p.unit_id "
                       f"WHERE p.unit_id IN ({placeholders}) AND p.is_current = %s AND p.state IN ({states})",
                       [*unit_ids, True, *[str(s) for s in LOCKED_STATES]])
        return dict(cursor.fetchall())


UNLOCK_ONLY_BY_CHANGE = ("「{name}」的数据包已审核通过并锁定：不能在此修改其“当前数据包”、状态或单位，也不能删除或另建当前数据包。"
                         "如需更正，请发起变更申请（审核流程页面），解锁经流程记录并写入审计日志。")


def _refuse_package(unit_id):
    name = DataPackage._meta.get_field("unit").related_model._base_manager.filter(pk=unit_id).values_list(
        "name", flat=True).first() or "该单位"
    error = LockedError(unit_name=name)
    error.args = (UNLOCK_ONLY_BY_CHANGE.format(name=name),)
    raise error


@receiver(pre_save, sender=DataPackage, dispatch_uid="workflow_package_lock_pre_save")
def _guard_package_save(sender, instance, raw=False, **kwargs):
    """A locked package is unlocked only by the change-request transition (services.open_change_request):
    unticking `is_current` in /admin/, changing its state or unit, or adding another current package for the
    unit would otherwise unlock the data with no change request and no record."""
    if raw or writes_allowed():
        return
    if instance.pk is not None:
        old = DataPackage._base_manager.filter(pk=instance.pk).values("unit_id", "state", "is_current").first()
        if old and old["is_current"] and old["state"] in LOCKED_STATES and (
                instance.is_current != old["is_current"] or instance.state != old["state"]
                or instance.unit_id != old["unit_id"]):
            _refuse_package(old["unit_id"])
    if instance.is_current and instance.unit_id and locked_units([instance.unit_id]):
        others = DataPackage._base_manager.filter(unit_id=instance.unit_id, is_current=True,
                                                  state__in=LOCKED_STATES)
        if instance.pk is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            _refuse_package(instance.unit_id)


@receiver(pre_delete, sender=DataPackage, dispatch_uid="workflow_package_lock_pre_delete")
def _guard_package_delete(sender, instance, **kwargs):
    if writes_allowed():
        return
    old = DataPackage._base_manager.filter(pk=instance.pk).values("unit_id", "state", "is_current").first()
    if old and old["is_current"] and old["state"] in LOCKED_STATES:
        _refuse_package(old["unit_id"])
