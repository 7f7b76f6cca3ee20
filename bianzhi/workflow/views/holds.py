"""暂停业务 (holds): list and the manual run of the daily check."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from bianzhi.accounts.permissions import (
    is_county_office,
    may_run_hold_check,
)
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.views import ScopedQuerysetMixin

from .. import services
from ..models import Hold


class HoldListView(ScopedQuerysetMixin, ListView):
    model = Hold
    template_name = "workflow/hold_list.html"
    paginate_by = 100

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit", "unit__region", "campaign", "placed_by", "lifted_by")
        if self.request.GET.get("history"):
            return qs
        return qs.filter(lifted_at__isnull=True)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["may_run_hold_check"] = may_run_hold_check(self.request.user)
        ctx["history"] = bool(self.request.GET.get("history"))
        return ctx


@require_POST
@login_required
def holds_run(request):
    """The button: the same job the daily huey task runs."""
    user = request.user
    if not may_run_hold_check(user):
        raise PermissionDenied("只有市、县编办可以执行暂停业务检查")
    county_units = allowed_units(user, "review") if is_county_office(user) else None
    result = services.run_daily_holds(acting_user=user, units=county_units)
    messages.success(request, f"检查完成：新暂停 {result['placed']} 项业务，解除 {result['lifted']} 项。")
    return redirect("workflow:hold-list")


