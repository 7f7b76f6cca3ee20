"""Accounts in the admin site, split by the 三员 roles: the 系统管理员 creates, edits, deactivates and unlocks
accounts but cannot give roles or data scope; the 安全管理员 gives roles, unit/region bindings and entry groups but
does not edit the accounts' other details. Nobody but a superuser makes superusers."""
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from . import otp
from .models import EntryGroup, User
from .permissions import may_manage_accounts, may_manage_scopes, may_manage_security

SCOPE_FIELDS = ("role", "unit", "region")
PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")


@admin.register(User)
class BianzhiUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "role", "unit", "region", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    fieldsets = UserAdmin.fieldsets + (
        ("机构编制", {"fields": ("display_name", "role", "unit", "region", "office_phone", "mobile",
                             "failed_login_count", "locked_until")}),
    )
    autocomplete_fields = ("unit",)
    actions = ["reset_second_factor"]

    @admin.action(description="重置二次验证（身份验证器丢失时；下次登录须重新绑定）", permissions=["reset_second_factor"])
    def reset_second_factor(self, request, queryset):
        for account in queryset:
            try:
                otp.reset_second_factor(account, acting_user=request.user)
            except otp.SecondFactorError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, f"已重置「{account}」的二次验证。", messages.SUCCESS)

    def has_reset_second_factor_permission(self, request):
        return may_manage_security(request.user)

    def has_module_permission(self, request):
        return may_manage_accounts(request.user) or may_manage_scopes(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return may_manage_accounts(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted (their audit trail stays attributable)

    def get_readonly_fields(self, request, obj=None):
        user = request.user
        if user.is_superuser:
            return ()
        fields = {f for _, opts in self.get_fieldsets(request, obj) for f in opts["fields"]}
        if may_manage_accounts(user):
            return tuple(f for f in fields if f in SCOPE_FIELDS + PRIVILEGE_FIELDS)
        return tuple(f for f in fields if f not in SCOPE_FIELDS)  # 安全管理员


@admin.register(EntryGroup)
class EntryGroupAdmin(admin.ModelAdmin):
    filter_horizontal = ("members", "units")

    def has_module_permission(self, request):
        return may_manage_scopes(request.user)

    has_view_permission = has_change_permission = has_add_permission = (
        lambda self, request, obj=None: may_manage_scopes(request.user))

    def has_delete_permission(self, request, obj=None):
        return may_manage_scopes(request.user)
