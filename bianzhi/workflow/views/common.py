"""Helpers shared by the workflow's pages."""
from django.contrib import messages

from ..models import Campaign


def _refused(request, exc):
    for reason in exc.reasons:
        messages.error(request, reason)


def active_campaign(request, unit=None):
    campaigns = Campaign.objects.restrict(request.user).order_by("-is_active", "-materials_due", "-id")
    wanted = request.GET.get("campaign")
    if wanted and wanted.isdigit():
        found = campaigns.filter(pk=wanted).first()
        if found:
            return found
    if unit is not None:
        found = campaigns.filter(units=unit).first()
        if found:
            return found
    return campaigns.first()


def _disposition(filename):
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"
