"""Staff pages of 权力清单 / 责任清单. Thin: querysets restricted by the user's scope, writes in services."""
import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from bianzhi.accounts.permissions import edit_refusal, may_enter_data, may_manage_reference_data
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.locks import LockedError
from bianzhi.core.models import ConcurrentEditError
from bianzhi.core.text import search_key
from bianzhi.core.views import (
    SEARCH_COUNT_CAP,
    CappedPaginator,
    FilteredListMixin,
    PermissionRequiredMixin,
    ScopedQuerysetMixin,
)
from bianzhi.registry.models import Region, Unit

from . import exporter, exports, importer, reports, services
from .columns import KIND_LABELS, columns_for
from .duties import duty_labels
from .filtersets import PowerItemFilterSet, ResponsibilityItemFilterSet
from .forms import LawForm, MappingForm, PowerCategoryForm, PowerItemForm, ResponsibilityItemForm, UploadForm
from .models import ImportJob, Law, PowerCategory, PowerItem, ResponsibilityItem
from .tasks import run_export_job, run_import_job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, filename: str, content_type: str = XLSX):
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type)


def _locked_types():
    return (LockedError,)


class SavingMixin:
    """form_valid through a service; a conflict, a locked unit or a business rule keeps the input and says why."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save_form(form)
        except (ConcurrentEditError, services.ListsError, *_locked_types()) as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, "已保存。")
        for notice in getattr(self.object, "notices", []):
            messages.warning(self.request, notice)
        return redirect(self.get_success_url())


class CappedListMixin:
    """A province holds a million items: no exact COUNT(*) beyond the cap (core.views.CappedPaginator), and a
    lower cap with a text search, whose matches are counted by comparing names one by one."""

    paginator_class = CappedPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.request.GET.get("q", "").strip():
            kwargs["cap"] = SEARCH_COUNT_CAP
        return super().get_paginator(queryset, per_page, **kwargs)


# ------------------------------------------------------------------------------------------------ power items
class PowerItemListView(CappedListMixin, ScopedQuerysetMixin, FilteredListMixin, ListView):
    model = PowerItem
    template_name = "lists/poweritem_list.html"
    paginate_by = 50

    filterset_class = PowerItemFilterSet

    def get_filterset_kwargs(self):
        return {"request": self.request}

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit", "category", "parent", "internal_body")
        return self.filter_queryset(qs).order_by("unit__sort_order", "unit_id", "code")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "can_enter": may_enter_data(self.request.user)}


class PowerItemDetailView(ScopedQuerysetMixin, DetailView):
    model = PowerItem
    template_name = "lists/poweritem_detail.html"

    def get_base_queryset(self):
        return PowerItem.objects.select_related("unit", "category", "parent", "internal_body", "region")

    def get_context_data(self, **kwargs):

        ctx = super().get_context_data(**kwargs)
        item = self.object
        ctx["citations"] = item.citations.select_related("law")
        ctx["stages"] = item.stage_responsibilities.all()
        ctx["sub_items"] = item.sub_items.restrict(self.request.user, "view")
        refs = duty_labels(item.duties.values_list("pk", flat=True))
        ctx["duties"] = [refs.get(d.pk) or d for d in item.duties.all()]
        ctx["responsibilities"] = item.responsibility_items.restrict(self.request.user, "view")
        ctx["edit_refusal"] = edit_refusal(self.request.user, item.unit)
        ctx["can_change"] = not ctx["edit_refusal"]
        ctx["category_stages"] = item.category.effective_stages()
        return ctx


class PowerItemFormMixin(ScopedQuerysetMixin, SavingMixin):
    model = PowerItem
    form_class = PowerItemForm
    template_name = "lists/item_form.html"
    scope_action = "change"

    def get_base_queryset(self):
        return PowerItem.objects.select_related("unit")  # its unit's scope and lock are checked (edit_refusal)

    def save_form(self, form):
        data = form.cleaned_data
        stages = data.get("stages")
        return services.save_power_item(
            form.save(commit=False), setting_basis=data.get("setting_basis", ""),
            implementing_basis=data.get("implementing_basis", ""), stages=stages,
            duties=data.get("duties"), expected_version=form.expected_version)

    def get_success_url(self):
        return reverse("lists:power-detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # the stages of the categories the select offers, from the select's own rows (one read for both)
        stages = {c.pk: c.effective_stages() for c in ctx["form"].fields["category"].queryset}
        return {**ctx, "title": "权力事项", "category_stages": stages}


class PowerItemCreateView(PermissionRequiredMixin, PowerItemFormMixin, CreateView):
    permission = staticmethod(may_enter_data)
    permission_denied_message = "您的账号只能查阅，不能新建权力事项（需录入权限及录入范围内的单位）"
    def get_initial(self):
        initial = super().get_initial()
        unit = self.request.GET.get("unit")
        if unit and unit.isdigit():
            initial["unit"] = allowed_units(self.request.user, "change").filter(pk=unit).first()
        return initial


class LockAwareUpdateMixin:
    """An edit form is not offered for data that cannot be saved (locked unit, read-only role): 403 with the
    reason instead of a form that fails on save."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # read through restrict(user, scope_action): with "change" the unit is in the user's change scope already
        refusal = edit_refusal(self.request.user, obj.unit, in_scope=getattr(self, "scope_action", "") == "change")
        if refusal:
            raise PermissionDenied(refusal)
        return obj


class PowerItemUpdateView(LockAwareUpdateMixin, PowerItemFormMixin, UpdateView):
    pass


class ItemDeleteView(ScopedQuerysetMixin, DetailView):
    template_name = "lists/confirm_delete.html"
    scope_action = "change"
    success_url_name = ""

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            services.delete_item(obj)
        except _locked_types() as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        messages.success(request, f"已删除：{obj}")
        return redirect(reverse(self.success_url_name))


class PowerItemDeleteView(ItemDeleteView):
    model = PowerItem
    success_url_name = "lists:power-list"


# ------------------------------------------------------------------------------------------------ responsibilities
class ResponsibilityListView(CappedListMixin, ScopedQuerysetMixin, FilteredListMixin, ListView):
    model = ResponsibilityItem
    template_name = "lists/responsibility_list.html"
    paginate_by = 50

    filterset_class = ResponsibilityItemFilterSet

    def get_filterset_kwargs(self):
        return {"request": self.request}

    def get_queryset(self):
        qs = super().get_queryset().select_related("unit").prefetch_related("related_units")
        return self.filter_queryset(qs).order_by("unit__sort_order", "unit_id", "kind", "position", "id")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "can_enter": may_enter_data(self.request.user)}


class ResponsibilityDetailView(ScopedQuerysetMixin, DetailView):
    model = ResponsibilityItem
    template_name = "lists/responsibility_detail.html"

    def get_context_data(self, **kwargs):

        ctx = super().get_context_data(**kwargs)
        item = self.object
        refs = duty_labels(item.duties.values_list("pk", flat=True))
        ctx["duties"] = [refs.get(d.pk) or d for d in item.duties.all()]
        ctx["powers"] = item.power_items.restrict(self.request.user, "view")
        ctx["edit_refusal"] = edit_refusal(self.request.user, item.unit)
        ctx["can_change"] = not ctx["edit_refusal"]
        return ctx


class ResponsibilityFormMixin(ScopedQuerysetMixin, SavingMixin):
    model = ResponsibilityItem
    form_class = ResponsibilityItemForm
    template_name = "lists/item_form.html"
    scope_action = "change"

    def save_form(self, form):
        data = form.cleaned_data
        return services.save_responsibility_item(
            form.save(commit=False), duties=data.get("duties"), related_units=data.get("related_units"),
            power_items=data.get("power_items"), expected_version=form.expected_version)

    def get_success_url(self):
        return reverse("lists:responsibility-detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": "责任事项"}


class ResponsibilityCreateView(PermissionRequiredMixin, ResponsibilityFormMixin, CreateView):
    permission = staticmethod(may_enter_data)
    permission_denied_message = "您的账号只能查阅，不能新建责任事项（需录入权限及录入范围内的单位）"
    def get_initial(self):
        initial = super().get_initial()
        unit = self.request.GET.get("unit")
        if unit and unit.isdigit():
            initial["unit"] = allowed_units(self.request.user, "change").filter(pk=unit).first()
        if self.request.GET.get("kind"):
            initial["kind"] = self.request.GET["kind"]
        return initial


class ResponsibilityUpdateView(LockAwareUpdateMixin, ResponsibilityFormMixin, UpdateView):
    pass


class ResponsibilityDeleteView(ItemDeleteView):
    model = ResponsibilityItem
    success_url_name = "lists:responsibility-list"


# ------------------------------------------------------------------------------------------------ a unit's lists
class UnitListsView(ScopedQuerysetMixin, DetailView):
    """权责清单 of one unit (the button on the unit page)."""

    model = Unit
    template_name = "lists/unit_lists.html"
    pk_url_kwarg = "unit_pk"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.object
        ctx["powers"] = (PowerItem.objects.restrict(user, "view").filter(unit=unit)
                         .select_related("category", "parent").prefetch_related("duties").order_by("code"))
        ctx["responsibilities"] = ResponsibilityItem.objects.restrict(user, "view").filter(unit=unit)
        ctx["problems"] = services.submission_problems(unit)
        ctx["edit_refusal"] = edit_refusal(user, unit)
        ctx["can_change"] = not ctx["edit_refusal"]
        ctx["coverage"] = reports.coverage(user, unit=unit)
        return ctx


# ------------------------------------------------------------------------------------------------ import
def _require_entry(user):
    if not allowed_units(user, "change").exists():
        raise PermissionDenied("您没有可录入的单位，不能导入清单。")


class ImportUploadView(LoginRequiredMixin, View):
    template_name = "lists/import_upload.html"

    def get(self, request, kind):
        self._check(request, kind)
        jobs = ImportJob.objects.restrict(request.user).filter(kind=kind)[:10]
        return render(request, self.template_name, {"form": UploadForm(), "kind": kind, "kind_label": KIND_LABELS[kind],
                                                    "columns": columns_for(kind), "jobs": jobs})

    def _check(self, request, kind):
        if kind not in KIND_LABELS:
            from django.http import Http404

            raise Http404
        _require_entry(request.user)

    def post(self, request, kind):
        self._check(request, kind)
        form = UploadForm(request.POST, request.FILES)
        ctx = {"form": form, "kind": kind, "kind_label": KIND_LABELS[kind], "columns": columns_for(kind),
               "jobs": ImportJob.objects.restrict(request.user).filter(kind=kind)[:10]}
        if not form.is_valid():
            return render(request, self.template_name, ctx, status=400)
        upload = form.cleaned_data["file"]
        job = ImportJob(owner=request.user, kind=kind, original_name=upload.name[:255])
        job.file.save(upload.name, upload, save=False)
        try:
            importer.inspect_upload(job)
        except importer.tabular.TableError as exc:
            job.status, job.message, job.finished_at = "failed", str(exc), None
            job.save()
            ctx["table_error"] = str(exc)
            return render(request, self.template_name, ctx, status=400)
        job.save()
        return redirect("lists:import-job", pk=job.pk)


def _stale(job) -> int:
    """Seconds a job has waited in the queue, once that is long enough to mean no worker is running."""
    from django.utils import timezone

    if job.status != "queued":
        return 0
    waited = int((timezone.now() - job.updated_at).total_seconds())
    return waited if waited >= 20 else 0


class ImportJobView(LoginRequiredMixin, View):
    template_name = "lists/import_job.html"

    def get_job(self, request, pk):
        job = get_object_or_404(ImportJob.objects.restrict(request.user), pk=pk)
        importer.fail_if_stale(job)  # a job whose worker died ends "failed" with the reason, retryable
        return job

    def get(self, request, pk):
        job = self.get_job(request, pk)
        form = MappingForm(job=job, user=request.user) if job.status == "mapping" else None
        return render(request, self.template_name, self.context(job, form))

    def context(self, job, form):
        return {"job": job, "form": form, "progress": importer.read_progress(job.pk), "stale": _stale(job),
                "kind_label": KIND_LABELS[job.kind], "columns": columns_for(job.kind)}

    def post(self, request, pk):
        job = self.get_job(request, pk)
        if job.status != "mapping":
            messages.error(request, "该导入任务已开始，不能再修改列对照。")
            return redirect("lists:import-job", pk=job.pk)
        form = MappingForm(request.POST, job=job, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name, self.context(job, form), status=400)
        form.apply()
        job.status = "queued"
        job.save()

        run_import_job(job.pk)
        return redirect("lists:import-job", pk=job.pk)


class ImportRetryView(ImportJobView):
    """Run a failed job again (same file and column mapping)."""

    def get(self, request, pk):
        raise PermissionDenied

    def post(self, request, pk):
        job = self.get_job(request, pk)
        if job.status != "failed":
            messages.error(request, "只有未导入（失败）的任务可以重新导入。")
            return redirect("lists:import-job", pk=job.pk)
        importer.retry_job(job)
        run_import_job(job.pk)
        return redirect("lists:import-job", pk=job.pk)


class ImportProgressView(ImportJobView):
    """The progress bar, polled by htmx; when the job ends the page reloads to show the result."""

    def get(self, request, pk):
        job = self.get_job(request, pk)
        response = render(request, "lists/_import_progress.html",
                          {"job": job, "progress": importer.read_progress(job.pk), "stale": _stale(job)})
        if job.is_finished and request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        return response

    def post(self, request, pk):
        raise PermissionDenied


class ImportErrorFileView(ImportJobView):
    def get(self, request, pk):
        job = self.get_job(request, pk)
        if not job.error_file:
            from django.http import Http404

            raise Http404
        return FileResponse(job.error_file.open("rb"), as_attachment=True, filename=job.error_file.name.rsplit("/", 1)[-1],
                            content_type=XLSX)


# ------------------------------------------------------------------------------------------------ export
class ExportView(LoginRequiredMixin, View):
    def get(self, request, kind, fmt):
        if kind not in KIND_LABELS or fmt not in ("xlsx", "csv"):
            from django.http import Http404

            raise Http404
        if kind == "duty":
            qs = ResponsibilityItemFilterSet(request.GET, request=request,
                                             queryset=ResponsibilityItem.objects.restrict(request.user, "view")).qs
        else:
            qs = PowerItemFilterSet(request.GET, request=request,
                                    queryset=PowerItem.objects.restrict(request.user, "view")).qs
        name = KIND_LABELS[kind]
        limit = exports.inline_limit()
        # counting stops past the limit: an exact COUNT(*) of a million scoped items is the worker's job
        if qs.order_by()[:limit + 1].count() > limit:  # a large export is written by the worker, with a progress bar
            token = exports.start_job(request.user, kind, fmt, request.GET, None)
            run_export_job(token)
            return redirect("lists:export-job", token=token)
        if fmt == "csv":
            return _download(exporter.export_csv(kind, qs), f"{name}.csv", "text/csv; charset=utf-8")
        return _download(exporter.export_xlsx(kind, qs), f"{name}.xlsx")


class ExportJobView(LoginRequiredMixin, View):
    """A large export's page: progress while the worker writes it, then the download link."""

    template = "lists/export_job.html"

    def job(self, request, token):
        job = exports.get_job(token, request.user)
        if job is None:
            raise Http404("没有该导出任务（只能查看自己发起的导出，导出文件保留一天）")
        return job

    def get(self, request, token):
        job = self.job(request, token)
        return render(request, self.template, {"job": job, "token": token, "kind_label": KIND_LABELS[job["kind"]]})


class ExportProgressView(ExportJobView):
    """The progress bar, polled by htmx; when the file is ready the page reloads to show the download."""

    template = "lists/_export_progress.html"

    def get(self, request, token):
        response = super().get(request, token)
        if self.job(request, token)["status"] in ("done", "failed") and request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        return response


class ExportDownloadView(ExportJobView):
    def get(self, request, token):
        job = self.job(request, token)
        if job["status"] != "done" or not default_storage.exists(job["storage_name"]):
            raise Http404("导出文件尚未生成或已过期")
        return FileResponse(default_storage.open(job["storage_name"], "rb"), as_attachment=True,
                            filename=job["filename"], content_type=exports.FORMATS[job["fmt"]])


class TemplateDownloadView(LoginRequiredMixin, View):
    def get(self, request, kind):
        if kind not in KIND_LABELS:
            from django.http import Http404

            raise Http404
        return _download(exporter.template_xlsx(kind), f"{KIND_LABELS[kind]}导入模板.xlsx")


# ------------------------------------------------------------------------------------------------ reports
class ReportMixin(LoginRequiredMixin):
    def region(self):
        code = self.request.GET.get("region", "")
        return Region.objects.filter(code=code).first() if code else None

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            title, header, rows = self.table()
            return _download(exporter.table_xlsx(title, header, rows), f"{title}.xlsx")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["regions"] = Region.objects.filter(valid_to__isnull=True).exclude(level="province")
        ctx["region"] = self.region()
        query = self.request.GET.copy()
        query["format"] = "xlsx"
        ctx["xlsx_query"] = query.urlencode()
        return ctx


class CoverageReportView(ReportMixin, TemplateView):
    template_name = "lists/report_coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["report"] = reports.coverage(self.request.user, region=self.region())
        return ctx

    def table(self):
        r = reports.coverage(self.request.user, region=self.region())
        rows = [("三定职责未对应任何事项", u.name, ref.label, ref.text, "") for u, ref in r.uncovered_duties]
        rows += [("权力事项未关联职责", i.unit.name, i.code, i.name, i.category.name) for i in r.unlinked_powers]
        rows += [("责任事项未关联职责", i.unit.name, "", i.name, i.get_kind_display()) for i in r.unlinked_responsibilities]
        rows += [(f"{label}的实施部门已撤销", i.unit.name, getattr(i, "code", ""), i.name, "")
                 for label, i in r.abolished_unit_items]
        rows += [("权力事项缺少依据", i.unit.name, i.code, i.name, i.category.name) for i in r.basis_missing]
        return "覆盖情况", ["问题", "单位", "序号/编码", "内容", "类别"], rows


class OverlapReportView(ReportMixin, TemplateView):
    template_name = "lists/report_overlaps.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["overlaps"] = reports.overlaps(self.request.user, region=self.region())
        return ctx

    def table(self):
        rows = []
        for n, o in enumerate(reports.overlaps(self.request.user, region=self.region()), 1):
            for item in o.items:
                rows.append((n, o.reason, o.key, item.unit.name, item.code, item.full_name, item.category.name))
        return "职责交叉", ["组", "交叉类型", "同名事项/同一法条", "单位", "编码", "事项名称", "事项类别"], rows


class CountReportView(ReportMixin, TemplateView):
    template_name = "lists/report_counts.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["categories"], ctx["unit_rows"], ctx["region_rows"] = reports.counts(self.request.user, self.region())
        return ctx

    def table(self):
        categories, unit_rows, region_rows = reports.counts(self.request.user, self.region())
        header = ["行政区划", "单位"] + [c.name for c in categories] + ["合计"]
        rows = [[u.region.name if hasattr(u, "region") else "", u.name, *ns, total] for u, ns, total in unit_rows]
        rows += [[r.name, "（合计）", *ns, total] for r, ns, total in region_rows]
        return "事项类别统计", header, rows


# ------------------------------------------------------------------------------------------------ configuration
class CategoryListView(ScopedQuerysetMixin, ListView):
    model = PowerCategory
    template_name = "lists/category_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "may_manage": may_manage_reference_data(self.request.user)}


class AdminFormMixin(PermissionRequiredMixin, ScopedQuerysetMixin, SavingMixin):
    scope_action = "change"
    template_name = "lists/config_form.html"
    permission = staticmethod(may_manage_reference_data)
    permission_denied_message = "只有市编办管理员可以修改字典和法规库。"

    def get_form_kwargs(self):
        kwargs = super(SavingMixin, self).get_form_kwargs()
        return kwargs

    def save_form(self, form):
        obj = form.save(commit=False)
        obj.save(expected_version=form.expected_version)
        return obj

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "model_label": self.model._meta.verbose_name}


class CategoryCreateView(AdminFormMixin, CreateView):
    model = PowerCategory
    form_class = PowerCategoryForm

    def get_success_url(self):
        return reverse("lists:category-list")


class CategoryUpdateView(CategoryCreateView, UpdateView):
    pass


class LawListView(ScopedQuerysetMixin, ListView):
    model = Law
    template_name = "lists/law_list.html"
    paginate_by = 50

    def get_queryset(self):
        from django.db.models import Count


        qs = super().get_queryset().annotate(n_citations=Count("citations"))
        q = search_key(self.request.GET.get("q", ""))
        if q:
            qs = qs.filter(name_key__contains=q)
        if self.request.GET.get("needs_review"):
            qs = qs.filter(needs_review=True)
        return qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "may_manage": may_manage_reference_data(self.request.user)}


class LawDetailView(ScopedQuerysetMixin, DetailView):
    """A law and every item (in the reader's scope) that cites it: where a change of the law lands."""

    model = Law
    template_name = "lists/law_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["citations"] = (self.object.citations.filter(
            power_item__in=PowerItem.objects.restrict(self.request.user, "view"))
            .select_related("power_item__unit", "power_item__category", "power_item__parent")
            .order_by("article_key", "power_item__unit_id"))
        ctx["may_manage"] = may_manage_reference_data(self.request.user)
        return ctx


class LawCreateView(AdminFormMixin, CreateView):
    model = Law
    form_class = LawForm

    def get_success_url(self):
        return reverse("lists:law-detail", args=[self.object.pk])


class LawUpdateView(LawCreateView, UpdateView):
    pass


__all__ = ["HttpResponse"]
