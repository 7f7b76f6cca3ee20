"""工作批次 pages: list, create, edit, bulk accounts for a campaign's units."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import CreateView, ListView, TemplateView, UpdateView

from bianzhi.accounts import services as account_services
from bianzhi.accounts.account_views import render_credentials
from bianzhi.accounts.models import Role, User
from bianzhi.accounts.permissions import (
    may_create_campaign,
    may_manage_unit_accounts,
)
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.views import (
    PermissionRequiredMixin,
    ScopedQuerysetMixin,
    VersionedFormMixin,
)

from .. import selectors
from ..forms import CampaignForm
from ..models import Campaign


class CampaignListView(ScopedQuerysetMixin, ListView):
    model = Campaign
    template_name = "workflow/campaign_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["manageable_ids"] = set(selectors.manageable_campaigns(self.request.user).values_list("pk", flat=True))
        return ctx


class CampaignCreateView(PermissionRequiredMixin, VersionedFormMixin, CreateView):
    model = Campaign
    form_class = CampaignForm
    template_name = "workflow/campaign_form.html"
    permission = staticmethod(may_create_campaign)
    permission_denied_message = "只有市、县编办管理员可以管理批次"

    def get_queryset(self):
        return selectors.manageable_campaigns(self.request.user)

    def saved_object_in_scope(self, obj) -> bool:
        return self.get_queryset().filter(pk=obj.pk).exists()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save_form(self, form):
        obj = form.save()
        return obj

    def get_success_url(self):
        return reverse("workflow:campaign-list")


class CampaignUpdateView(CampaignCreateView, UpdateView):
    def save_form(self, form):
        obj = form.save(commit=False)
        obj.save(expected_version=form.expected_version)
        form.save_m2m()
        return obj


class CampaignAccountsView(PermissionRequiredMixin, TemplateView):
    """批量建立账号 for the units of a campaign (the seed's first step, issue 11): one 录入员 and one 部门确认员 per
    selected unit, usernames generated, one-time passwords shown once with the sheet to download."""

    model = Campaign
    template_name = "workflow/campaign_accounts.html"
    permission = staticmethod(may_manage_unit_accounts)
    permission_denied_message = "只有市、县编办管理员可以为本辖区单位建立账号"

    def campaign(self):
        return get_object_or_404(Campaign.objects.restrict(self.request.user), pk=self.kwargs["pk"])

    def units(self, campaign):
        units = campaign.units.filter(pk__in=allowed_units(self.request.user, "review").values("pk"))
        under = self.request.GET.get("under", "")
        if under.isdigit():
            root = units.filter(pk=int(under)).first()
            units = units.filter(tree_path__startswith=root.tree_path) if root else units.none()
        return units.exclude(status="abolished").select_related("parent").order_by("tree_path")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        campaign = self.campaign()
        units = list(self.units(campaign))
        existing = {}
        for account in User.objects.filter(unit__in=units, role__in=(Role.CLERK, Role.CONFIRMER), is_active=True):
            existing.setdefault(account.unit_id, {}).setdefault(account.role, []).append(account.username)
        ctx.update(campaign=campaign, rows=[
            {"unit": u, "clerks": existing.get(u.pk, {}).get(Role.CLERK, []),
             "confirmers": existing.get(u.pk, {}).get(Role.CONFIRMER, [])} for u in units])
        return ctx

    def post(self, request, pk):
        campaign = self.campaign()
        ids = [int(v) for v in request.POST.getlist("units") if v.isdigit()]
        units = list(self.units(campaign).filter(pk__in=ids))
        try:
            result = account_services.create_unit_accounts(units, acting_user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("workflow:campaign-accounts", pk=campaign.pk)
        return render_credentials(request, result, title=f"{campaign.name}：批量建立账号",
                                  back_url=reverse("workflow:campaign-accounts", args=[campaign.pk]))


