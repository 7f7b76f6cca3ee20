"""The one answer to "may this user do X": named predicates, one per question.

Views declare theirs as a class attribute (`permission = staticmethod(may_create_campaign)`, enforced by
`core.views.PermissionRequiredMixin`), forms, serializers and services call them, templates ask through the
`may` filter (`{% load permissions %}{% if user|may:"create_campaign" %}`). Nothing else compares role strings.

*Which records* a user may touch is the data scope (`Model.objects.restrict(user, action)`, `scope.py`); these
predicates answer *which kinds of action* the role allows, and, where an object is given, combine both.
Each predicate is pure: it reads the user (and object) and answers True or False.
"""
from django.conf import settings

from bianzhi.core.locks import is_unit_locked

from .models import SEPARATED_ADMIN_ROLES, Role, User
from .scope import allowed_units, region_stem

# ------------------------------------------------------------------------------------------------ roles
ENTRY_ROLES = frozenset({Role.CLERK, Role.ADMIN, Role.COUNTY})         # 录入
CONFIRM_ROLES = frozenset({Role.CONFIRMER, Role.ADMIN, Role.COUNTY})   # 部门确认
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.ADMIN, Role.COUNTY})     # 审核
OFFICE_ROLES = frozenset({Role.ADMIN, Role.COUNTY})                    # 市、县编办


def is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def has_role(user, roles) -> bool:
    """Superusers hold every role; anyone else the one on their account."""
    if not is_signed_in(user):
        return False
    return user.is_superuser or user.role in roles


def is_platform_admin(user) -> bool:
    """市编办管理员 (or a superuser)."""
    return has_role(user, {Role.ADMIN})


def is_office(user) -> bool:
    """市、县编办: the offices that organise campaigns, assign work and publish."""
    return has_role(user, OFFICE_ROLES)


def is_county_office(user) -> bool:
    return is_signed_in(user) and not user.is_superuser and user.role == Role.COUNTY


def county_region(user):
    """The region a county 编办 is limited to, or None for everyone else."""
    return user.region if is_county_office(user) and user.region_id else None


def within_region(user, region) -> bool:
    """Whether `region` lies inside the user's own region (always true when the user has no region limit)."""
    own = county_region(user)
    if own is None:
        return True
    return region is not None and region.code.startswith(region_stem(own))


# ------------------------------------------------------------------------------------------------ registry
def may_accept_legacy_code(user) -> bool:
    """Accept a historical USCC / 组织机构代码 that fails the check digit (with a recorded reason)."""
    return is_platform_admin(user)


def may_create_top_level_unit(user) -> bool:
    """Create a unit without a 主管部门 (or move one to the top): the offices only; everyone else must choose a
    parent inside their own scope."""
    return is_office(user)


def may_create_unit(user) -> bool:
    return may_create_top_level_unit(user) or (is_signed_in(user) and allowed_units(user, "change").exists())


# ------------------------------------------------------------------------------------------------ documents
def may_create_document(user) -> bool:
    return has_role(user, ENTRY_ROLES)


def may_create_document_without_unit(user) -> bool:
    """A 批文 that belongs to no unit (e.g. a region-wide notice) is the 市编办's."""
    return is_platform_admin(user)


# ------------------------------------------------------------------------------------------------ 三定
def may_approve_sanding_version(user) -> bool:
    """Approve a 三定 draft directly (outside a data package's review)."""
    return is_platform_admin(user)


# ------------------------------------------------------------------------------------------------ lists
def may_manage_reference_data(user) -> bool:
    """The 事项类别 dictionary, the law register and the 编码 configuration."""
    return is_platform_admin(user)


# ------------------------------------------------------------------------------------------------ review flow
def may_create_campaign(user) -> bool:
    return is_office(user)


def may_manage_campaign(user, campaign) -> bool:
    """The 市编办 manages every campaign; a county 编办 the campaigns of its own county."""
    if is_platform_admin(user):
        return True
    return is_county_office(user) and campaign.region_id is not None and within_region(user, campaign.region)


def works_on_entry(user) -> bool:
    """Sees 录入 tasks (packages being entered or confirmed and waiting to be sent to review)."""
    return has_role(user, ENTRY_ROLES)


def may_fire(user, roles) -> bool:
    """A flow transition's declared roles (workflow.flow.TransitionSpec.roles); None means any role."""
    return is_signed_in(user) and (roles is None or has_role(user, roles))


def may_assign_package(user, package) -> bool:
    """Assign a data package's confirmer and reviewer: an office, for a unit in its review scope."""
    return is_office(user) and allowed_units(user, "review").filter(pk=package.unit_id).exists()


def may_be_assigned_confirmer(candidate) -> bool:
    return has_role(candidate, CONFIRM_ROLES)


def may_be_assigned_reviewer(candidate) -> bool:
    return has_role(candidate, REVIEW_ROLES)


def may_run_hold_check(user) -> bool:
    """Run the 暂停业务 check now (the same job the daily task runs) — for the user's own units."""
    return is_office(user)


def may_open_change_request(user, unit_or_package) -> bool:
    """变更申请 after approval: whoever may change the unit's data (its clerks, the offices over it)."""
    unit = _unit_of(unit_or_package)
    return is_signed_in(user) and unit is not None and allowed_units(user, "change").filter(pk=unit.pk).exists()


def may_deliver_materials(user, unit) -> bool:
    """The unit's own staff (its confirmer) or the clerks and office handling it may upload materials."""
    return is_signed_in(user) and any(allowed_units(user, action).filter(pk=unit.pk).exists()
                                      for action in ("change", "confirm"))


def may_accept_materials(user, unit) -> bool:
    """签收 materials: an office, for a unit in its review scope."""
    return is_office(user) and allowed_units(user, "review").filter(pk=unit.pk).exists()


# ------------------------------------------------------------------------------------------------ trust (issue 11)
# Forms are offered only when they can be submitted; otherwise the page shows the reason instead.
def edit_refusal(user, unit, *, in_scope: bool = False) -> str:
    """Why this user may not change this unit's data now ("" when they may): read-only role, data scope, or
    the unit's data is approved and locked. `in_scope=True`: the caller read the unit's record through the user's
    "change" scope (`restrict(user, "change")`, `can(user, "change", …)`) in this request, so the scope is not
    asked again (one query less an edit page and a save)."""
    if not has_role(user, ENTRY_ROLES):
        return f"您的角色（{user.get_role_display()}）只能查阅，不能录入或修改数据" if is_signed_in(user) else "请先登录"
    if unit is None:
        return ""
    if not in_scope and not allowed_units(user, "change").filter(pk=unit.pk).exists():
        return f"「{unit.name}」不在您的录入范围内"
    if is_unit_locked(unit):
        return f"「{unit.name}」的数据已审核通过并锁定，不能修改。如需更正，请发起变更申请。"
    return ""


def may_edit_unit_data(user, unit) -> bool:
    """May the user change this unit's data now (role, scope and lock)."""
    return not edit_refusal(user, unit)


def may_enter_data(user) -> bool:
    """May the user enter data at all (an entry role with at least one unit in scope): the 新建… forms."""
    return has_role(user, ENTRY_ROLES) and allowed_units(user, "change").exists()


# ------------------------------------------------------------------------------------------------ personnel
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


def may_view_people(user, obj=None) -> bool:
    """See the 实名制 lists and occupancy of a unit (its scope for reading)."""
    return is_signed_in(user) and _in_scope(user, obj, "view")


def may_view_person_detail(user, obj=None) -> bool:
    """Open one person's record (each read is audited). Units see their own people; the 编办 all in scope."""
    return is_signed_in(user) and _in_scope(user, obj, "view")


def may_view_id_number(user, obj=None) -> bool:
    """See the full 公民身份号码 (everyone else sees it masked): the 编办 only."""
    return is_office(user) and _in_scope(user, obj, "change")


def may_manage_people(user, obj=None) -> bool:
    """入编, 出编, corrections and imports of 实名制 records (姓名、身份号码、占编 are kept by the 编办)."""
    return is_office(user) and _in_scope(user, obj, "change")


def may_apply_staffing_use(user, obj=None) -> bool:
    """File a 用编申请 for a unit: its clerks and confirmers, or the 编办 on its behalf."""
    if not is_signed_in(user):
        return False
    if is_office(user):
        return _in_scope(user, obj, "change")
    if user.role not in (Role.CLERK, Role.CONFIRMER):
        return False
    action = "confirm" if user.role == Role.CONFIRMER else "change"
    return _in_scope(user, obj, action)


def may_approve_staffing_use(user, obj=None) -> bool:
    """Approve or refuse a 用编申请 and issue the 核准通知单: the 编办 for units it reviews."""
    return is_office(user) and _in_scope(user, obj, "review")


def may_view_ledger(user, obj=None) -> bool:
    """The region 台账 (totals of every unit in the region): the 编办, leaders and reviewers."""
    return is_office(user) or has_role(user, {Role.LEADER, Role.REVIEWER})


def may_publish_people(user, obj=None) -> bool:
    """Publish a unit's 实名制公示 (a portal release)."""
    return is_office(user) and _in_scope(user, obj, "review")

# ------------------------------------------------------------------------------------------------ operations (ops)
def may_view_metrics(user, obj=None) -> bool:
    """Runtime metrics (/metrics): the platform's administrators (scrapers may instead come from METRICS_ALLOW)."""
    return is_platform_admin(user)

# ------------------------------------------------------------------------------------------------ accounts, security, audit (三员分立, issue 15)
def is_separated_admin(user) -> bool:
    """系统管理员, 安全管理员, 审计管理员: they administer the platform and see no unit data."""
    return is_signed_in(user) and user.role in SEPARATED_ADMIN_ROLES


def may_manage_accounts(user, obj=None) -> bool:
    """系统管理员: create, edit, deactivate and unlock accounts; system configuration."""
    return is_signed_in(user) and (user.is_superuser or user.role == Role.SYSADMIN)


def may_manage_configuration(user, obj=None) -> bool:
    return may_manage_accounts(user, obj)


def may_manage_scopes(user, obj=None) -> bool:
    """安全管理员: roles, unit/region bindings, entry groups (who may see and change which units)."""
    return is_signed_in(user) and (user.is_superuser or user.role == Role.SECADMIN)


def may_manage_security(user, obj=None) -> bool:
    """安全管理员: security settings (second factor of other accounts, recovery codes)."""
    return may_manage_scopes(user, obj)


def may_reset_second_factor(user, account) -> bool:
    """安全管理员: reset another account's second factor (a lost authenticator); never their own (that would let
    one person bypass the factor), never a superuser's unless they are one."""
    if not may_manage_security(user) or account is None or account.pk == user.pk:
        return False
    return not account.is_superuser or user.is_superuser


def may_read_audit(user, obj=None) -> bool:
    """Whether the audit-log pages open at all. Business users read the entries of their own units' data (the
    rows are filtered by scope.restrict_audit_queryset); 系统管理员 and 安全管理员 read none (三员分立)."""
    if not is_signed_in(user):
        return False
    return user.role not in {Role.SYSADMIN, Role.SECADMIN} or user.is_superuser


def may_read_all_audit(user, obj=None) -> bool:
    """审计管理员: every entry, account events (logins) included."""
    return is_signed_in(user) and (user.is_superuser or user.role == Role.AUDITOR)


def may_export_audit(user, obj=None) -> bool:
    return may_read_all_audit(user, obj)


def requires_second_factor(user) -> bool:
    """TOTP is required for administrators (and for every staff account once OTP_REQUIRED_FOR_ALL is on)."""
    if not is_signed_in(user):
        return False
    if user.is_superuser or user.is_staff or user.role in set(settings.OTP_REQUIRED_ROLES):
        return True
    return settings.OTP_REQUIRED_FOR_ALL


def may_enter_admin_site(user, obj=None) -> bool:
    return may_manage_accounts(user) or may_manage_scopes(user)


# ------------------------------------------------------------------------------------------------ unit accounts (issue 11)
UNIT_ACCOUNT_ROLES = frozenset({Role.CLERK, Role.CONFIRMER})  # the accounts a campaign creates for its units


def may_manage_unit_accounts(user, obj=None) -> bool:
    """The 编办's account work in the workbench (issue 11): list, create in bulk, reset the password of, assign
    entry groups to, deactivate and reactivate the 录入员 and 部门确认员 accounts of the units in its review scope.

    Without an object: whether the pages open at all (市、县编办). With a unit: the unit lies in the office's
    review scope. With an account: it is a 录入员 or 部门确认员 (never an administrator, a superuser or the
    office's own account) bound to a unit in that scope — a 录入员 with no unit (a 编办 entry group clerk) only
    for the 市编办. Every other account stays with the 系统管理员 and 安全管理员 in the admin site (三员分立,
    ADR 0022/0023)."""
    if not is_office(user):
        return False
    if obj is None:
        return True
    if isinstance(obj, User):
        if obj.pk == user.pk or obj.is_superuser or obj.is_staff or obj.role not in UNIT_ACCOUNT_ROLES:
            return False
        if obj.unit_id is None:
            return is_platform_admin(user)
        return allowed_units(user, "review").filter(pk=obj.unit_id).exists()
    unit = _unit_of(obj)
    return unit is not None and allowed_units(user, "review").filter(pk=unit.pk).exists()
