"""“May this user do X?” — one named predicate per question: `may_<verb>_<thing>(user, obj=None) -> bool`.

Views declare the predicate they need, serializers and services call it, templates get its answer as a
context flag. Data scope (which rows) stays in `scope.py` / `restrict()`; these predicates combine role and
scope for one action. Sections are per area; merges are additive.
"""
from .models import Role
from .scope import allowed_units

OFFICE_ROLES = frozenset({Role.ADMIN, Role.COUNTY})


def _logged_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _is_office(user) -> bool:
    return _logged_in(user) and (user.is_superuser or user.role in OFFICE_ROLES)


def _unit_of(obj):
    """The unit an object belongs to (a Unit, or anything with `unit`)."""
    if obj is None:
        return None
    return obj if type(obj).__name__ == "Unit" else getattr(obj, "unit", None)


def _in_scope(user, obj, action: str) -> bool:
    unit = _unit_of(obj)
    if unit is None:
        return True
    return allowed_units(user, action).filter(pk=unit.pk).exists()


# ------------------------------------------------------------------------------------------------ personnel
def may_view_people(user, obj=None) -> bool:
    """See the 实名制 lists and occupancy of a unit (its scope for reading)."""
    return _logged_in(user) and _in_scope(user, obj, "view")


def may_view_person_detail(user, obj=None) -> bool:
    """Open one person's record (each read is audited). Units see their own people; the 编办 all in scope."""
    return _logged_in(user) and _in_scope(user, obj, "view")


def may_view_id_number(user, obj=None) -> bool:
    """See the full 公民身份号码 (everyone else sees it masked): the 编办 only."""
    return _is_office(user) and _in_scope(user, obj, "change")


def may_manage_people(user, obj=None) -> bool:
    """入编, 出编, corrections and imports of 实名制 records (姓名、身份号码、占编 are kept by the 编办)."""
    return _is_office(user) and _in_scope(user, obj, "change")


def may_apply_staffing_use(user, obj=None) -> bool:
    """File a 用编申请 for a unit: its clerks and confirmers, or the 编办 on its behalf."""
    if not _logged_in(user):
        return False
    if _is_office(user):
        return _in_scope(user, obj, "change")
    if user.role not in (Role.CLERK, Role.CONFIRMER):
        return False
    action = "confirm" if user.role == Role.CONFIRMER else "change"
    return _in_scope(user, obj, action)


def may_approve_staffing_use(user, obj=None) -> bool:
    """Approve or refuse a 用编申请 and issue the 核准通知单: the 编办 for units it reviews."""
    return _is_office(user) and _in_scope(user, obj, "review")


def may_view_ledger(user, obj=None) -> bool:
    """The region 台账 (totals of every unit in the region): the 编办, leaders and reviewers."""
    return _logged_in(user) and (_is_office(user) or user.role in (Role.LEADER, Role.REVIEWER))


def may_publish_people(user, obj=None) -> bool:
    """Publish a unit's 实名制公示 (a portal release)."""
    return _is_office(user) and _in_scope(user, obj, "review")
