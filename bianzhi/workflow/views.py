"""Pages of the workflow. Thin: every queryset goes through restrict(); every write is one service call."""
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, TemplateView, UpdateView

from bianzhi.accounts import services as account_services
from bianzhi.accounts.account_views import render_credentials
from bianzhi.accounts.models import Role, User
from bianzhi.accounts.permissions import (
    is_county_office,
    may_accept_materials,
    may_assign_package,
    may_create_campaign,
    may_deliver_materials,
    may_manage_unit_accounts,
    may_run_hold_check,
    works_on_entry,
)
from bianzhi.accounts.scope import allowed_units, can
from bianzhi.core.views import (
    PaginatedQueryMixin,
    PermissionRequiredMixin,
    ScopedQuerysetMixin,
    VersionedFormMixin,
)
from bianzhi.registry.models import Unit

from . import coversheet, dashboards, flow, materials, selectors, services, sheet
from .forms import (
    AssignForm,
    CampaignForm,
    ChangeRequestForm,
    CommentForm,
    DecideMaterialsForm,
    MaterialItemForm,
    MaterialUploadForm,
    ResolveForm,
    TransitionForm,
)
from .locks import is_unit_locked
from .materials import LimitedUploadHandler
from .models import (
    Campaign,
    DataPackage,
    Hold,
    MaterialFile,
    MaterialItem,
    MaterialPackage,
    Notification,
    PackageState,
    ReviewComment,
)


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


# ------------------------------------------------------------------------------------------------ campaigns
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


# ------------------------------------------------------------------------------------------------ dashboard
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


# ------------------------------------------------------------------------------------------------ packages
class PackageListView(ScopedQuerysetMixin, PaginatedQueryMixin, ListView):
    model = DataPackage
    template_name = "workflow/package_list.html"
    paginate_by = 50

    def get_queryset(self):
        if self.request.GET.get("mine"):
            qs = waiting_for(self.request.user)
        else:
            qs = super().get_queryset().filter(is_current=True)
        qs = qs.select_related("unit", "unit__region", "campaign", "entered_by").order_by("unit__region__code",
                                                                                          "unit__tree_path")
        state = self.request.GET.get("state")
        if state in PackageState.values:
            qs = qs.filter(state=state)
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(unit__name__contains=q)
        return qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "states": PackageState.choices}


def comment_targets(unit, limit=300):
    """Items of the unit a comment may point at: its registry record, internal bodies, plaques and the
    lockable content of the 三定 and lists apps (duties, power and responsibility items)."""
    targets = [(f"{ContentType.objects.get_for_model(Unit).pk}:{unit.pk}", f"单位基本信息：{unit.name}")]
    for model in apps.get_models():
        if not getattr(model, "lockable", False) or model is Unit:
            continue
        if model._meta.app_label not in ("registry", "sanding", "lists"):
            continue
        if model._meta.app_label == "sanding" and model._meta.model_name not in ("duty", "sandingversion"):
            continue
        if getattr(model, "scope_unit_path", None) != "unit":
            continue
        ct = ContentType.objects.get_for_model(model)
        for obj in model._default_manager.filter(unit=unit)[:limit]:
            targets.append((f"{ct.pk}:{obj.pk}", f"{model._meta.verbose_name}：{str(obj)[:80]}"))
    return targets


def _resolve_target(unit, value):
    if not value:
        return None
    try:
        ct_id, obj_id = value.split(":", 1)
        ct = ContentType.objects.get_for_id(int(ct_id))
    except (ValueError, ContentType.DoesNotExist):
        return None
    model = ct.model_class()
    if model is None or not getattr(model, "lockable", False):
        return None
    return model._default_manager.filter(pk=obj_id).first()


@login_required
def package_detail(request, pk):
    package = get_object_or_404(DataPackage.objects.restrict(request.user, "view")
                                .select_related("unit", "unit__parent", "campaign", "entered_by", "confirmed_by",
                                                "reviewed_by", "assigned_confirmer", "assigned_reviewer"), pk=pk)
    user = request.user
    stage, comment_refusal = services.comment_permission(package, user)
    may_comment = not comment_refusal
    may_change = can(user, "change", package.unit)
    ctx = {
        "package": package, "unit": package.unit,
        "actions": flow.available(package, user) if package.is_current else [],
        "transition_form": TransitionForm(),
        "comments": package.comments.select_related("author", "resolved_by"),
        "may_comment": may_comment, "may_change": may_change,
        "comment_form": CommentForm(targets=comment_targets(package.unit)) if may_comment else None,
        "resolve_form": ResolveForm(),
        "history": package.transitions.select_related("user"),
        "locked": is_unit_locked(package.unit),
        "may_open_change": package.is_current and package.is_locked and may_change,
        "change_form": ChangeRequestForm(),
        "assign_form": AssignForm(initial={"confirmer": package.assigned_confirmer,
                                           "reviewer": package.assigned_reviewer}) if may_assign_package(user, package) else None,
        "older": DataPackage.objects.restrict(user, "view").filter(unit=package.unit).exclude(pk=package.pk),
        "public_url": _public_url(package.unit) if package.state == PackageState.PUBLISHED else "",
        "flow": flow.TRANSITIONS,
        "warnings": services.readiness_warnings(package.unit) if package.state == PackageState.ENTERING else [],
    }
    return render(request, "workflow/package_detail.html", ctx)


@login_required
def package_sheet(request, pk, fmt="html"):
    """确认单: everything the confirmer and the reviewer sign for (sheet.py); 确认无误 / 审核通过 happen here."""
    package = get_object_or_404(DataPackage.objects.restrict(request.user, "view")
                                .select_related("unit", "campaign"), pk=pk)
    content = sheet.build(package)
    if fmt == "pdf":
        return HttpResponse(sheet.to_pdf(content, package), headers={
            "Content-Type": "application/pdf", "Content-Disposition": _disposition(f"{package.unit.name}-确认单.pdf")})
    actions = [(spec, reasons) for spec, reasons in (flow.available(package, request.user) if package.is_current
                                                     else []) if spec.name in sheet.SIGNING or spec.needs_comment]
    return render(request, "workflow/sheet.html", {"package": package, "unit": package.unit, "sheet": content,
                                                   "actions": actions})


def _public_url(unit):
    from django.urls import NoReverseMatch

    for name in ("portal:unit-detail", "portal:unit"):
        try:
            return reverse(name, args=[unit.pk])
        except NoReverseMatch:
            continue
    return ""


@require_POST
@login_required
def package_fire(request, pk, name):
    package = get_object_or_404(DataPackage.objects.restrict(request.user, "view"), pk=pk)
    if name not in flow.BY_NAME:
        raise Http404("没有该操作")
    form = TransitionForm(request.POST)
    form.is_valid()
    digest = request.POST.get("sheet_digest")
    try:
        services.fire(package, name, request.user, form.cleaned_data.get("comment", ""), sheet_digest=digest)
    except services.WorkflowRefused as exc:
        _refused(request, exc)
        if name in sheet.SIGNING and exc.reasons == sheet.signing_problems(package, flow.get(name).label, digest):
            return redirect("workflow:package-sheet", pk=package.pk)  # back to the sheet, to read it again
    else:
        messages.success(request, f"已{flow.get(name).label}。")
    return redirect("workflow:package-detail", pk=package.pk)


@require_POST
@login_required
def comment_create(request, pk):
    package = get_object_or_404(DataPackage.objects.restrict(request.user, "view"), pk=pk)
    form = CommentForm(request.POST, targets=comment_targets(package.unit))
    if not form.is_valid():
        messages.error(request, "意见未保存：" + "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("workflow:package-detail", pk=pk)
    target = _resolve_target(package.unit, form.cleaned_data["target"])
    try:
        services.add_comment(package, request.user, form.cleaned_data["text"], target)
    except services.WorkflowRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "意见已记录。")
    return redirect("workflow:package-detail", pk=pk)


@require_POST
@login_required
def comment_resolve(request, pk):
    comment = get_object_or_404(ReviewComment.objects.restrict(request.user, "view").select_related("package__unit"),
                                pk=pk)
    form = ResolveForm(request.POST)
    form.is_valid()
    try:
        services.resolve_comment(comment, request.user, form.cleaned_data.get("resolution", ""))
    except services.WorkflowRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "意见已标记为已处理。")
    return redirect("workflow:package-detail", pk=comment.package_id)


@require_POST
@login_required
def package_assign(request, pk):
    package = get_object_or_404(DataPackage.objects.restrict(request.user, "review"), pk=pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.assign(package, request.user, form.cleaned_data["confirmer"], form.cleaned_data["reviewer"])
        except services.WorkflowRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, "已指定确认人、审核人。")
    return redirect("workflow:package-detail", pk=pk)


@require_POST
@login_required
def change_request(request, unit_pk):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    form = ChangeRequestForm(request.POST)
    form.is_valid()
    try:
        package = services.open_change_request(unit, request.user, form.cleaned_data.get("reason", ""))
    except services.WorkflowRefused as exc:
        _refused(request, exc)
        current = services.current_package(unit)
        return redirect("workflow:package-detail", pk=current.pk) if current else redirect(
            "registry:unit-detail", pk=unit.pk)
    messages.success(request, "已发起变更申请：数据已解锁，修改后按原流程提交确认和审核。")
    return redirect("workflow:package-detail", pk=package.pk)


@login_required
def unit_package(request, unit_pk):
    """The unit's current package; a clerk or the office opens one in the unit's campaign if none exists."""
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    package = services.current_package(unit)
    if package is None:
        campaign = active_campaign(request, unit)
        if campaign is None or not can(request.user, "change", unit):
            messages.warning(request, f"「{unit.name}」尚无数据包。")
            return redirect("registry:unit-detail", pk=unit.pk)
        package = services.ensure_package(unit, campaign)
    return redirect("workflow:package-detail", pk=package.pk)


# ------------------------------------------------------------------------------------------------ materials
class MaterialListView(ScopedQuerysetMixin, ListView):
    model = MaterialPackage
    template_name = "workflow/material_list.html"
    paginate_by = 100

    def get_queryset(self):
        self.campaign = active_campaign(self.request)
        qs = super().get_queryset().filter(campaign=self.campaign).select_related("unit", "unit__region",
                                                                                  "received_by", "decided_by")
        status = self.request.GET.get("status")
        if status:
            qs = qs.filter(status=status)
        return qs.order_by("unit__region__code", "unit__tree_path")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["campaign"] = self.campaign
        if self.campaign is not None:
            have = MaterialPackage.objects.filter(campaign=self.campaign).values("unit_id")
            ctx["missing"] = self.campaign.units.restrict(self.request.user, "view").exclude(pk__in=have)
        return ctx


def _material_context(request, unit):
    campaign = active_campaign(request, unit)
    if campaign is None:
        raise Http404("没有进行中的批次")
    package = MaterialPackage.objects.restrict(request.user, "view").filter(unit=unit, campaign=campaign).first()
    if package is None and may_deliver_materials(request.user, unit):
        package = services.ensure_material_package(unit, campaign)
    return campaign, package


@login_required
def unit_materials(request, unit_pk):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    campaign, package = _material_context(request, unit)
    ctx = {"unit": unit, "campaign": campaign, "package": package,
           "may_deliver": may_deliver_materials(request.user, unit),
           "may_accept": may_accept_materials(request.user, unit)}
    if package is not None:
        ctx["items"] = package.items.prefetch_related("files")
        ctx["problems"] = materials.package_problems(package)
        ctx["item_form"] = MaterialItemForm(initial={"position": package.items.count() + 1})
        ctx["upload_form"] = MaterialUploadForm()
        ctx["decide_form"] = DecideMaterialsForm(initial={"reasons": "；".join(ctx["problems"])})
    return render(request, "workflow/unit_materials.html", ctx)


def _material_package(request, pk):
    return get_object_or_404(MaterialPackage.objects.restrict(request.user, "view").select_related("unit", "campaign"),
                             pk=pk)


@require_POST
@login_required
def material_item_add(request, pk):
    package = _material_package(request, pk)
    form = MaterialItemForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    else:
        try:
            services.add_material_item(package, request.user, **form.cleaned_data)
        except services.WorkflowRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, "已添加文件条目，请上传 PDF 和 Word 文件。")
    return redirect("workflow:unit-materials", unit_pk=package.unit_id)


@csrf_exempt
def material_upload(request, pk):
    """Streams the upload through LimitedUploadHandler (10 MB per PDF) before anything reads the body; the
    CSRF check runs after the handler is installed."""
    request.upload_handlers.insert(0, LimitedUploadHandler(request))
    return _material_upload(request, pk)


@csrf_protect
@require_POST
@login_required
def _material_upload(request, pk):
    item = get_object_or_404(MaterialItem.objects.restrict(request.user, "view").select_related("package__unit"),
                             pk=pk)
    form = MaterialUploadForm(request.POST, request.FILES)  # parses the body through LimitedUploadHandler
    for error in getattr(request, "upload_errors", []):
        messages.error(request, error)
    if getattr(request, "upload_errors", None):
        pass
    elif not form.is_valid():
        messages.error(request, "请选择格式和文件。")
    else:
        try:
            services.upload_material_file(item, form.cleaned_data["fmt"], form.cleaned_data["file"], request.user)
        except services.WorkflowRefused as exc:
            _refused(request, exc)
        else:
            messages.success(request, f"已上传《{item.title}》的 {form.cleaned_data['fmt'].upper()} 文件。")
    return redirect("workflow:unit-materials", unit_pk=item.package.unit_id)


@login_required
def material_file_download(request, pk):
    """Files live outside the web root; they are served only to users whose scope covers the unit."""
    obj = get_object_or_404(MaterialFile.objects.restrict(request.user, "view"), pk=pk)
    content_type = "application/pdf" if obj.fmt == "pdf" else (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return FileResponse(obj.file.open("rb"), as_attachment=True, filename=obj.original_name,
                        content_type=content_type)


@require_POST
@login_required
def material_receive(request, pk):
    package = _material_package(request, pk)
    try:
        services.receive_materials(package, request.user)
    except services.WorkflowRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, "已登记接收材料。")
    return redirect("workflow:unit-materials", unit_pk=package.unit_id)


@require_POST
@login_required
def material_decide(request, pk):
    package = _material_package(request, pk)
    form = DecideMaterialsForm(request.POST)
    form.is_valid()
    try:
        services.decide_materials(package, request.user, form.cleaned_data.get("decision") == "accept",
                                  form.cleaned_data.get("reasons", ""))
    except services.WorkflowRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"材料验收结论：{package.get_status_display()}。")
    return redirect("workflow:unit-materials", unit_pk=package.unit_id)


# ------------------------------------------------------------------------------------------------ cover sheet
@login_required
def coversheet_view(request, unit_pk, fmt="html"):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    children = Unit.objects.restrict(request.user, "view").filter(parent=unit, status="active")
    sheet = coversheet.build(unit, children)
    if fmt == "docx":
        return HttpResponse(coversheet.to_docx(sheet), headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Content-Disposition": _disposition(f"{sheet['title']}-封面.docx")})
    if fmt == "pdf":
        return HttpResponse(coversheet.to_pdf(sheet), headers={
            "Content-Type": "application/pdf", "Content-Disposition": _disposition(f"{sheet['title']}-封面.pdf")})
    return render(request, "workflow/coversheet.html", {"unit": unit, "sheet": sheet})


def _disposition(filename):
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"


# ------------------------------------------------------------------------------------------------ holds
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
    result = services.run_daily_holds(user=user, units=county_units)
    messages.success(request, f"检查完成：新暂停 {result['placed']} 项业务，解除 {result['lifted']} 项。")
    return redirect("workflow:hold-list")


# ------------------------------------------------------------------------------------------------ notifications
@login_required
def notification_list(request):
    notes = Notification.objects.restrict(request.user, "view").filter(recipient=request.user).select_related("unit")
    return render(request, "workflow/notification_list.html", {"notifications": notes[:200]})


@require_POST
@login_required
def notification_read(request, pk=None):
    notes = Notification.objects.filter(recipient=request.user, read_at__isnull=True)
    if pk is not None:
        notes = notes.filter(pk=pk)
    target = None
    if pk is not None:
        note = get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)
        target = note.url
    notes.update(read_at=timezone.now())
    return redirect(target or "workflow:notifications")
