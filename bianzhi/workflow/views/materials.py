"""上交材料 pages: per unit, items, uploads, receipt and decision."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from bianzhi.accounts.permissions import (
    may_accept_materials,
    may_deliver_materials,
)
from bianzhi.core.views import ScopedQuerysetMixin
from bianzhi.registry.models import Unit

from .. import materials, services
from ..forms import (
    DecideMaterialsForm,
    MaterialItemForm,
    MaterialUploadForm,
)
from ..materials import LimitedUploadHandler
from ..models import (
    MaterialFile,
    MaterialItem,
    MaterialPackage,
)
from .common import _refused, active_campaign


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
            services.add_material_item(package, **form.cleaned_data, acting_user=request.user)
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
            services.upload_material_file(item, form.cleaned_data["fmt"], form.cleaned_data["file"], acting_user=request.user)
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
        services.receive_materials(package, acting_user=request.user)
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
        services.decide_materials(package, form.cleaned_data.get("decision") == "accept",
                                  form.cleaned_data.get("reasons", ""), acting_user=request.user)
    except services.WorkflowRefused as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"材料验收结论：{package.get_status_display()}。")
    return redirect("workflow:unit-materials", unit_pk=package.unit_id)


