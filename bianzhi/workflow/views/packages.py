"""数据包 pages: list, detail, 确认单, transitions, comments, assignment, change requests."""
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from bianzhi.accounts.permissions import may_assign_package, may_open_change_request
from bianzhi.accounts.scope import can
from bianzhi.core.views import (
    PaginatedQueryMixin,
    ScopedQuerysetMixin,
)
from bianzhi.registry.models import Unit

from .. import flow, services, sheet
from ..forms import (
    AssignForm,
    ChangeRequestForm,
    CommentForm,
    ResolveForm,
    TransitionForm,
)
from ..locks import is_unit_locked
from ..models import (
    DataPackage,
    PackageState,
    ReviewComment,
)
from .common import _disposition, _refused, active_campaign
from .dashboard import waiting_for


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
        "may_open_change": package.is_current and package.is_locked and may_open_change_request(request.user, package),
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
        services.fire(package, name, form.cleaned_data.get("comment", ""), sheet_digest=digest, acting_user=request.user)
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
        services.add_comment(package, form.cleaned_data["text"], target, acting_user=request.user)
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
        services.resolve_comment(comment, form.cleaned_data.get("resolution", ""), acting_user=request.user)
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
            services.assign(package, form.cleaned_data["confirmer"], form.cleaned_data["reviewer"], acting_user=request.user)
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
        package = services.open_change_request(unit, form.cleaned_data.get("reason", ""), acting_user=request.user)
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


