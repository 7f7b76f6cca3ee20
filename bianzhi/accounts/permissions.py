""""May this user do X": one named predicate per question, `may_<verb>_<thing>(user, obj=None) -> bool`. Views
declare them as class attributes, templates get them as context flags; nowhere else compares role strings.
Data scope (which rows) stays in scope.py: `Model.objects.restrict(user, action)`."""
from django.conf import settings

from .models import SEPARATED_ADMIN_ROLES, Role


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# ---------------------------------------------------------------- accounts, security, audit (三员分立, issue 15)
def is_separated_admin(user) -> bool:
    """系统管理员, 安全管理员, 审计管理员: they administer the platform and see no unit data."""
    return _active(user) and user.role in SEPARATED_ADMIN_ROLES


def may_manage_accounts(user, obj=None) -> bool:
    """系统管理员: create, edit, deactivate and unlock accounts; system configuration."""
    return _active(user) and (user.is_superuser or user.role == Role.SYSADMIN)


def may_manage_configuration(user, obj=None) -> bool:
    return may_manage_accounts(user, obj)


def may_manage_scopes(user, obj=None) -> bool:
    """安全管理员: roles, unit/region bindings, entry groups (who may see and change which units)."""
    return _active(user) and (user.is_superuser or user.role == Role.SECADMIN)


def may_manage_security(user, obj=None) -> bool:
    """安全管理员: security settings (second factor of other accounts, recovery codes)."""
    return may_manage_scopes(user, obj)


def may_read_audit(user, obj=None) -> bool:
    """Whether the audit-log pages open at all. Business users read the entries of their own units' data (the
    rows are filtered by scope.restrict_audit_queryset); 系统管理员 and 安全管理员 read none (三员分立)."""
    if not _active(user):
        return False
    return user.role not in {Role.SYSADMIN, Role.SECADMIN} or user.is_superuser


def may_read_all_audit(user, obj=None) -> bool:
    """审计管理员: every entry, account events (logins) included."""
    return _active(user) and (user.is_superuser or user.role == Role.AUDITOR)


def may_export_audit(user, obj=None) -> bool:
    return may_read_all_audit(user, obj)


def requires_second_factor(user) -> bool:
    """TOTP is required for administrators (and for every staff account once OTP_REQUIRED_FOR_ALL is on)."""
    if not _active(user):
        return False
    if user.is_superuser or user.is_staff or user.role in set(settings.OTP_REQUIRED_ROLES):
        return True
    return settings.OTP_REQUIRED_FOR_ALL


def may_enter_admin_site(user, obj=None) -> bool:
    return may_manage_accounts(user) or may_manage_scopes(user)
