from django.contrib import admin, messages

from .locks import LockedError
from .models import Campaign, DataPackage, Hold, MaterialPackage, ReviewComment, Transition


class ScopedAdmin(admin.ModelAdmin):
    """The admin obeys the data scope; a write to locked data shows a message instead of a server error."""

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset)
        except LockedError as exc:
            messages.error(request, str(exc))


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "materials_due", "hold_from", "review_due", "publish_due", "is_active")
    filter_horizontal = ("units",)


@admin.register(DataPackage)
class DataPackageAdmin(ScopedAdmin):
    list_display = ("unit", "campaign", "kind", "state", "is_current", "entered_by", "reviewed_by")
    list_filter = ("state", "kind", "campaign")
    raw_id_fields = ("unit", "supersedes")
    readonly_fields = ("state",)  # states change only through the flow (services.fire)


@admin.register(Hold)
class HoldAdmin(ScopedAdmin):
    list_display = ("unit", "kind", "start_date", "lifted_at")
    list_filter = ("kind", "campaign")


admin.site.register([MaterialPackage, ReviewComment, Transition], ScopedAdmin)
