"""Registry write operations that touch more than one row, with their rules enforced once, here."""
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone

from bianzhi.accounts.permissions import may_accept_legacy_code, may_create_top_level_unit, within_region
from bianzhi.accounts.scope import allowed_units, unit_scope_q
from bianzhi.core.audit_chain import seal_before_commit
from bianzhi.core.models import ConcurrentEditError
from bianzhi.core.precompiled import MARKER_ID, PrecompiledWithCondition

from .models import Unit, UnitRelation


def unit_problems(unit: Unit, previous: dict | None, acting_user) -> dict:
    """Why `acting_user` may not save `unit` as it now is ({field: message}, empty when allowed)."""
    problems = {}
    parent_changed = previous is None or previous["parent_id"] != unit.parent_id
    if not unit.parent_id and not may_create_top_level_unit(acting_user) and (previous is None or previous["parent_id"]):
        problems["parent"] = "请选择主管部门：您只能在本人数据范围内的单位下新建或调整单位"
    elif unit.parent_id and parent_changed and not allowed_units(acting_user, "change").filter(
            pk=unit.parent_id).exists():
        problems["parent"] = "所选主管部门不在您的数据范围内"
    if unit.region_id and not within_region(acting_user, unit.region):
        problems["region"] = "只能选择本县（市、区）及以下的行政区划"
    legacy_changed = previous is None or previous["uscc_legacy_reason"] != unit.uscc_legacy_reason
    if unit.uscc_legacy_reason and legacy_changed and not may_accept_legacy_code(acting_user):
        problems["uscc_legacy_reason"] = "仅市编办管理员可接受未通过校验的历史代码"
    return problems


def duplicate_warnings(unit: Unit) -> list[str]:
    """A likely duplicate (a warning, not a refusal: a namesake in another region is normal): another active unit
    with the same name in the same region, or with the same 统一社会信用代码."""
    warnings = []
    others = Unit._base_manager.exclude(pk=unit.pk).filter(status="active")
    same_name = others.filter(name=unit.name, region_id=unit.region_id).order_by("pk").first()
    if same_name is not None:
        warnings.append(f"可能重复：{unit.region.name}已有同名单位“{same_name.name}”（编号{same_name.pk}），请核对是否重复录入")
    if unit.uscc:
        same_code = others.filter(uscc=unit.uscc).order_by("pk").first()
        if same_code is not None:
            warnings.append(f"可能重复：统一社会信用代码{unit.uscc}已用于“{same_code.name}”（编号{same_code.pk}）")
    return warnings


@transaction.atomic
def save_unit(unit: Unit, *, acting_user, expected_version: int | None = None, relation_document=None) -> Unit:
    """Save a unit for `acting_user`; when its 主管部门 or relation type changed, close the old dated relation and
    open a new one. Refused (ValidationError naming the field) when the user may not place the unit there."""
    # the stored row, locked until the end of this transaction: the placement compared with below, and the save's
    # version check, changed columns and audit before-image (TrackedModel.save)
    previous = unit.read_for_update() if unit.pk and not unit._state.adding else None
    if previous is not None:
        unit.keep_parent_path(previous["parent_id"], previous["tree_path"])  # its parent's path, as the row states it
    problems = unit_problems(unit, previous, acting_user)
    try:
        unit.clean()  # the model's own rules (codes, dates, the parent relation) hold on every path
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            problems.setdefault(field, messages[0])
    if problems:
        raise ValidationError(problems)
    # save_unit's own atomic block undoes the save on any refusal (nothing here catches one): no savepoints inside
    if previous is None and unit.pk and not unit._state.adding:
        raise ConcurrentEditError(unit)  # deleted meanwhile
    unit.save(expected_version=expected_version, savepoint=False, stored=previous)
    old_parent = previous["parent_id"] if previous else None
    old_type = previous["parent_relation_id"] if previous else None
    if (old_parent, old_type) != (unit.parent_id, unit.parent_relation_id):
        today = timezone.localdate()
        if old_parent:
            for rel in UnitRelation.objects.filter(subordinate=unit, superior_id=old_parent, end_date__isnull=True):
                rel.end_date = today
                rel.save()
        if unit.parent_id:
            UnitRelation.objects.create(superior_id=unit.parent_id, subordinate=unit,
                                        relation_type_id=unit.parent_relation_id,
                                        start_date=unit.established_on if previous is None else today,
                                        document=relation_document)
    if not in_scope_after_save(unit, acting_user):
        raise ValidationError({"region": "保存后该单位将不在您的数据范围内，未保存"})  # rolls the save back
    seal_before_commit()  # the audit entries sealed as this transaction's last statements, when it is the outermost
    return unit


def in_scope_after_save(unit: Unit, acting_user) -> bool:
    """Whether the saved unit is in the user's "change" scope, as `allowed_units(user, "change").filter(pk=…)
    .exists()` answers in this transaction: the scope's condition on the unit's row as it now is, read with a
    query compiled once per shape of the condition (a scope it cannot hold: the ORM's query)."""
    condition = unit_scope_q(acting_user, "change")
    found = UNIT_IN_SCOPE.objects(router.db_for_write(Unit), condition, unit.pk)
    if found is None:
        return allowed_units(acting_user, "change").filter(pk=unit.pk).exists()
    return bool(found)


# allowed_units(user, "change") for one unit, its key only (core.precompiled: compiled once per shape of the scope).
UNIT_IN_SCOPE = PrecompiledWithCondition(
    lambda condition, pk: Unit._base_manager.filter(condition).filter(pk=pk).only("pk").order_by()[:1], MARKER_ID)
