from django.contrib import admin

from bianzhi.core.admin import ScopedAdmin

from .models import DisclosurePolicy, Person, RegionLimit, StaffingApplication, UseNotice


@admin.register(RegionLimit)
class RegionLimitAdmin(admin.ModelAdmin):
    list_display = ("region", "staffing_type", "limit", "document")


@admin.register(DisclosurePolicy)
class DisclosurePolicyAdmin(admin.ModelAdmin):
    list_display = ("region", "publish_names", "document")


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    """Read-only here: 入编、出编 and changes go through the services (history, holds, notices)."""

    list_display = ("name", "unit", "staffing_type", "id_masked", "entry_date", "exit_date", "generated")
    list_filter = ("staffing_type", "generated")
    exclude = ("id_cipher", "id_index")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StaffingApplication)
class StaffingApplicationAdmin(ScopedAdmin):
    list_display = ("unit", "staffing_type", "count", "planned_date", "state")
    list_filter = ("state",)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UseNotice)
class UseNoticeAdmin(ScopedAdmin):
    list_display = ("number", "unit", "staffing_type", "count", "issued_on", "valid_until")

    def has_change_permission(self, request, obj=None):
        return False
