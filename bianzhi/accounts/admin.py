from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import EntryGroup, User


@admin.register(User)
class BianzhiUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "role", "unit", "region", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    fieldsets = UserAdmin.fieldsets + (
        ("机构编制", {"fields": ("display_name", "role", "unit", "region", "office_phone", "mobile",
                             "failed_login_count", "locked_until")}),
    )
    autocomplete_fields = ("unit",)


@admin.register(EntryGroup)
class EntryGroupAdmin(admin.ModelAdmin):
    filter_horizontal = ("members", "units")
