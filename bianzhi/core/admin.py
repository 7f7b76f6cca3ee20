from django.contrib import admin, messages

from .locks import LockedError


class ScopedAdmin(admin.ModelAdmin):
    """The admin obeys the same data scope as every other path, and a write to locked data (approved packages)
    shows a message instead of a server error."""

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset)
        except LockedError as exc:
            messages.error(request, str(exc))
