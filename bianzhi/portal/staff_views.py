"""Staff pages for publication (under /manage/portal/): what is public, the releases, and withdrawal.

Publishing itself happens in the review flow (workflow 发布 transition → services.publish_units)."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView, View

from . import prerender
from .forms import UnpublishForm
from .models import PublishedUnit, Release
from .services import PublishError, unpublish_unit


class PublicationListView(LoginRequiredMixin, ListView):
    """The units currently public within the user's scope, with their release, and the latest releases."""

    template_name = "portal/manage.html"
    paginate_by = 50

    def get_queryset(self):
        qs = (PublishedUnit.objects.restrict(self.request.user, "view").filter(is_current=True)
              .select_related("release").only("unit_id", "name", "region_code", "release__number",
                                              "release__published_at").order_by("unit_order", "unit_id"))
        q = self.request.GET.get("q", "").strip()
        return qs.filter(name__contains=q) if q else qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["releases"] = Release.objects.restrict(self.request.user, "view").select_related("published_by")[:20]
        ctx["withdrawable"] = set(PublishedUnit.objects.restrict(self.request.user, "admin")
                                  .filter(is_current=True).values_list("unit_id", flat=True))
        ctx["form"] = UnpublishForm()
        if settings.PORTAL_PRERENDER:
            newest = prerender.newest_release()
            progress = prerender.read_progress()
            ctx["prerender"] = {"newest": newest, "ready": prerender.ready_release() == newest,
                                "done": progress.get("done", 0) if progress.get("release") == newest else 0,
                                "total": progress.get("total", 0) if progress.get("release") == newest else 0}
        return ctx


class UnpublishView(LoginRequiredMixin, View):
    """Withdraw a unit from the public side (市编办 administrators only; out of scope → 404)."""

    def post(self, request, unit_pk):
        published = get_object_or_404(PublishedUnit.objects.restrict(request.user, "admin").select_related("unit"),
                                      unit_id=unit_pk, is_current=True)
        form = UnpublishForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"未撤回“{published.name}”：" + "；".join(form.errors["reason"]))
            return redirect("portal:manage")
        try:
            release = unpublish_unit(published.unit, form.cleaned_data["reason"], acting_user=request.user)
        except PublishError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已撤回“{published.name}”的公开（第 {release.number} 版）。")
        return redirect("portal:manage")
