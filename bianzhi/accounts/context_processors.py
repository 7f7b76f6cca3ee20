from . import permissions


def access(request):
    """Template flags from the named predicates: `{% if access.may_read_audit %}`."""
    user = getattr(request, "user", None)
    return {"access": {
        "may_read_audit": permissions.may_read_audit(user),
        "may_export_audit": permissions.may_export_audit(user),
        "may_manage_accounts": permissions.may_manage_accounts(user),
        "may_manage_scopes": permissions.may_manage_scopes(user),
        "may_manage_unit_accounts": permissions.may_manage_unit_accounts(user),
        "may_enter_admin_site": permissions.may_enter_admin_site(user),
        "is_separated_admin": permissions.is_separated_admin(user),
    }}
