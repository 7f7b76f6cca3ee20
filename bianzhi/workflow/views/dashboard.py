"""进度 dashboard and its export; what waits for the user."""
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView

from bianzhi.accounts.permissions import works_on_entry
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.views import ScopedQuerysetMixin

from .. import dashboards
from ..models import (
    Campaign,
    DataPackage,
    PackageState,
)
from .common import active_campaign


class DashboardView(ScopedQuerysetMixin, TemplateView):
    template_name = "workflow/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        campaign = active_campaign(self.request)
        ctx["campaign"], ctx["campaigns"] = campaign, Campaign.objects.restrict(user)
        if campaign is None:
            return ctx
        rows = dashboards.unit_rows(campaign, user)
        ctx["rows"] = rows
        ctx["summary"] = dashboards.summarize(rows)
        ctx["stages"] = dashboards.STAGES
        ctx["regions"] = dashboards.by_region(rows)
        ctx["groups"] = dashboards.by_entry_group(rows, user)
        ctx["overdue_rows"] = [r for r in rows if r["overdue"]]
        ctx["today"] = timezone.localdate()
        ctx["chart"] = {
            "labels": [g["name"] for g in ctx["regions"]],
            "series": [{"label": label, "data": [g["counts"][key] for g in ctx["regions"]]}
                       for key, label in dashboards.STAGES],
            "totals": [g["total"] for g in ctx["regions"]],
            "states": dict(ctx["summary"]["states"]),
        }
        ctx["tasks"] = waiting_for(user)[:20]
        return ctx


@login_required
def dashboard_export(request):
    campaign = active_campaign(request)
    if campaign is None:
        raise Http404("没有批次")
    rows = dashboards.unit_rows(campaign, request.user)
    data = dashboards.export_xlsx(campaign, rows)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"{campaign.name}-进度-{timezone.localdate():%Y%m%d}.xlsx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def waiting_for(user):
    """Packages waiting for this user's action."""
    qs = DataPackage.objects.filter(is_current=True).select_related("unit", "campaign")
    q = Q(pk__in=[])
    q |= Q(state=PackageState.PENDING_CONFIRM, unit__in=allowed_units(user, "confirm"))
    q |= Q(state=PackageState.PENDING_CONFIRM, assigned_confirmer=user)
    q |= Q(state=PackageState.PENDING_REVIEW, unit__in=allowed_units(user, "review"))
    q |= Q(state=PackageState.PENDING_REVIEW, assigned_reviewer=user)
    if works_on_entry(user):
        q |= Q(state__in=[PackageState.ENTERING, PackageState.CONFIRMED], unit__in=allowed_units(user, "change"))
    return qs.filter(q).restrict(user, "view")


