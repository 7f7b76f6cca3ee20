"""账号管理 in the workbench (issue 11): the 编办 lists, creates in bulk, resets, assigns entry groups to and
deactivates the 录入员 and 部门确认员 accounts of its units. Who may: `permissions.may_manage_unit_accounts`;
which accounts: `services.manageable_accounts`; every write goes through `services` (audited, one transaction).
The campaign's bulk page (one entry and one confirmation account per unit) is in the workflow app, which knows
campaigns, and renders the same one-time password page as the import here."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from bianzhi.core.audit import record_event
from bianzhi.core.uploads import check_upload
from bianzhi.core.views import PaginatedQueryMixin, PermissionRequiredMixin

from . import services
from .models import Role, User
from .permissions import UNIT_ACCOUNT_ROLES, may_manage_unit_accounts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_credentials(request, result, *, title: str, back_url: str):
    """The one-time password page: shown once (a POST response, never stored), with the sheet to download."""
    token = services.seal_credentials(result.credentials, for_user=request.user) if result.credentials else ""
    response = render(request, "accounts/credentials.html", {
        "title": title, "credentials": result.credentials, "skipped": result.skipped, "token": token,
        "back_url": back_url, "ttl_minutes": services.CREDENTIALS_TTL // 60})
    response["Cache-Control"] = "no-store"
    return response


class AccountMixin(PermissionRequiredMixin):
    permission = staticmethod(may_manage_unit_accounts)
    permission_denied_message = "只有市、县编办管理员可以管理本辖区单位的录入员和部门确认员账号"
    model = User

    def get_queryset(self):
        return services.manageable_accounts(self.request.user).select_related("unit")

    def get_account(self) -> User:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class AccountListView(AccountMixin, PaginatedQueryMixin, ListView):
    template_name = "accounts/account_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = super().get_queryset().order_by("unit__tree_path", "role", "username")
        get = self.request.GET
        if get.get("unit"):
            qs = qs.filter(unit__name__icontains=get["unit"].strip())
        if get.get("unit_id", "").isdigit():
            qs = qs.filter(unit_id=int(get["unit_id"]))
        if get.get("role") in UNIT_ACCOUNT_ROLES:
            qs = qs.filter(role=get["role"])
        if get.get("active") in ("1", "0"):
            qs = qs.filter(is_active=get["active"] == "1")
        if get.get("q"):
            q = get["q"].strip()
            qs = qs.filter(username__icontains=q) | qs.filter(display_name__icontains=q)
        return qs.prefetch_related("entry_groups")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["roles"] = [(r, Role(r).label) for r in (Role.CLERK, Role.CONFIRMER)]
        ctx["import_errors"] = kwargs.get("import_errors", [])
        return ctx


class AccountImportView(AccountMixin, View):
    """Bulk create from an uploaded sheet: all rows or none, each problem named by row and column."""

    def post(self, request):
        upload = request.FILES.get("file")
        errors = []
        if upload is None:
            errors = ["请选择要上传的 Excel（.xlsx）文件。"]
        else:
            try:
                check_upload(upload, allowed={"xlsx"})  # the one upload guard: content, size, zip limits
                result = services.import_accounts(upload, acting_user=request.user)
            except ValidationError as exc:
                errors = exc.messages
            else:
                return render_credentials(request, result, title="从 Excel 批量建立账号",
                                          back_url=reverse("useraccounts:list"))
        view = AccountListView(request=request, args=(), kwargs={})
        view.object_list = view.get_queryset()
        ctx = view.get_context_data(import_errors=errors)
        return render(request, "accounts/account_list.html", ctx, status=400)


class ImportTemplateView(AccountMixin, View):
    def get(self, request):
        response = HttpResponse(services.import_template(), content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''accounts-template.xlsx"
        return response


class AccountDetailView(AccountMixin, View):
    def get(self, request, pk):
        account = self.get_account()
        groups = services.manageable_groups(request.user).prefetch_related("units")
        mine = set(account.entry_groups.values_list("pk", flat=True))
        return render(request, "accounts/account_detail.html", {
            "account": account, "groups": groups, "member_of": mine,
            "other_groups": account.entry_groups.exclude(pk__in=groups.values("pk")),
            "is_clerk": account.role == Role.CLERK})


class AccountResetView(AccountMixin, View):
    def post(self, request, pk):
        account = self.get_account()
        credential = services.reset_password(account, acting_user=request.user)
        return render_credentials(request, services.BulkResult([credential], []), title=f"重置密码：{account.username}",
                                  back_url=reverse("useraccounts:detail", args=[account.pk]))


class AccountActiveView(AccountMixin, View):
    def post(self, request, pk):
        account = self.get_account()
        active = request.POST.get("active") == "1"
        services.set_active(account, active, acting_user=request.user)
        messages.success(request, f"账号“{account.username}”已{'启用' if active else '停用'}。")
        return redirect("useraccounts:detail", pk=account.pk)


class AccountGroupsView(AccountMixin, View):
    def post(self, request, pk):
        account = self.get_account()
        ids = [int(v) for v in request.POST.getlist("groups") if v.isdigit()]
        groups = services.manageable_groups(request.user).filter(pk__in=ids)
        try:
            services.assign_entry_groups(account, groups, acting_user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"已更新“{account.username}”的录入组。")
        return redirect("useraccounts:detail", pk=account.pk)


class CredentialsDownloadView(AccountMixin, View):
    """The 初始密码 sheet of the page just shown (its sealed token posted back; nothing stored server-side)."""

    def post(self, request):
        try:
            credentials = services.open_credentials(request.POST.get("token", ""), for_user=request.user)
        except ValidationError as exc:
            raise PermissionDenied(exc.messages[0]) from exc
        record_event("export", user=request.user, detail={"what": "初始密码表",
                                                          "accounts": [c.username for c in credentials]})
        response = HttpResponse(services.credentials_workbook(credentials), content_type=XLSX)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''initial-passwords.xlsx"
        response["Cache-Control"] = "no-store"
        return response
