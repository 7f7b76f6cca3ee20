from django.contrib import admin

from bianzhi.core.admin import ScopedAdmin

from .models import Campaign, DataPackage, Hold, MaterialPackage, ReviewComment, Transition


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "materials_due", "hold_from", "review_due", "publish_due", "is_active")
    filter_horizontal = ("units",)


@admin.register(DataPackage)
class DataPackageAdmin(ScopedAdmin):
    list_display = ("unit", "campaign", "kind", "state", "is_current", "entered_by", "reviewed_by")
    list_filter = ("state", "kind", "campaign")
    raw_id_fields = ("unit", "supersedes")
    # states and the current package change only through the flow (services.fire / open_change_request)
    readonly_fields = ("state", "is_current")


@admin.register(Hold)
class HoldAdmin(ScopedAdmin):
    list_display = ("unit", "kind", "start_date", "lifted_at")
    list_filter = ("kind", "campaign")


admin.site.register([MaterialPackage, ReviewComment, Transition], ScopedAdmin)
