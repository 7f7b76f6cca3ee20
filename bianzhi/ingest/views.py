import re

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from bianzhi.core.models import ConcurrentEditError
from bianzhi.core.uploads import serve_stored_file
from bianzhi.core.views import ScopedQuerysetMixin
from bianzhi.documents.models import DocumentType
from bianzhi.registry.models import Unit

from . import services
from .forms import HeaderForm, UploadForm
from .models import DocumentKind, IngestJob, JobStatus


class JobListView(ScopedQuerysetMixin, ListView):
    model = IngestJob
    template_name = "ingest/job_list.html"
    paginate_by = 50

    def get_base_queryset(self):
        return IngestJob.objects.select_related("unit", "created_by", "sanding_version")


class UploadView(ScopedQuerysetMixin, FormView):
    form_class = UploadForm
    template_name = "ingest/upload.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        if "unit_pk" in self.kwargs:
            initial["unit"] = get_object_or_404(Unit.objects.restrict(self.request.user, "change"), pk=self.kwargs["unit_pk"])
        return initial

    def form_valid(self, form):
        try:
            jobs = services.create_batch(form.cleaned_data["unit"], form.cleaned_data["file"], acting_user=self.request.user)
        except services.IngestError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        if len(jobs) > 1:
            messages.success(self.request, f"已识别 {len(jobs)} 份文件，已按沿革顺序排列（基础三定在前，调整通知按发文日期），请从第 1 份起依次核对采用。")
        return redirect("ingest:job-review", jobs[0].pk)


def _version_url(version):
    if version is None:
        return None
    try:
        return reverse("sanding:version-detail", args=[version.pk])
    except NoReverseMatch:
        return None


class ReviewView(ScopedQuerysetMixin, TemplateView):
    """Source text with highlights on the left, the draft on the right; accept or correct each item."""

    template_name = "ingest/review.html"

    def get_job(self, action):
        return get_object_or_404(IngestJob.objects.restrict(self.request.user, action).select_related("unit"),
                                 pk=self.kwargs["pk"])

    def header_initial(self, job):
        r = job.result or {}
        return {"row_version": job.row_version, "title": r.get("title") or job.original_name,
                "doc_number": r.get("doc_number") or "", "issuing_organ": r.get("issuing_organ") or "",
                "issued_on": r.get("issued_on") or None,
                "doc_type": DocumentType.ADJUSTMENT if job.kind == DocumentKind.ADJUSTMENT else DocumentType.SANDING}

    def get(self, request, *args, **kwargs):
        job = self.get_job("view")
        return self.render(job, HeaderForm(initial=self.header_initial(job)), services.review_items(job), [])

    def post(self, request, *args, **kwargs):
        job = self.get_job("change")
        items = services.review_items(job)
        for item in items:
            item.accepted = f"a-{item.key}" in request.POST
            item.fields = [(n, label, request.POST.get(f"f-{item.key}-{n}", value)) for n, label, value in item.fields]
        form = HeaderForm(request.POST)
        if not form.is_valid():
            return self.render(job, form, items, ["请修改文件信息中标红的字段后再提交。"])
        mismatch = services.unit_mismatch(job)
        if mismatch and request.POST.get("confirm_unit") != str(job.unit.pk):
            return self.render(job, form, items, [mismatch + "（勾选“确认录入到该单位”后才能生成草稿）"])
        data = form.cleaned_data
        header = services.Header(title=data["title"], doc_number=data["doc_number"], doc_type=data["doc_type"],
                                 issued_on=data["issued_on"], effective_on=data["effective_on"],
                                 issuing_organ=data["issuing_organ"])
        try:
            services.accept_job(job, header, items, expected_version=data.get("row_version"), acting_user=request.user)
        except services.IngestError as exc:
            return self.render(job, form, items, exc.reasons)
        except ConcurrentEditError as exc:
            return self.render(job, form, items, [str(exc)])
        messages.success(request, f"已按核对结果生成三定草稿（{len(job.applied)} 项），请在草稿中继续核对后提交。")
        return redirect(_version_url(job.sanding_version) or reverse("ingest:job-review", args=[job.pk]))

    def render(self, job, form, items, errors):
        sections = []
        for item in items:
            if not sections or sections[-1]["label"] != item.section:
                sections.append({"label": item.section, "items": []})
            sections[-1]["items"].append(item)
        ctx = self.get_context_data(job=job, form=form, sections=sections, errors=errors,
                                    segments=services.source_segments(job), editable=job.status == JobStatus.PENDING,
                                    section_report=services.section_report(job), unit_mismatch=services.unit_mismatch(job),
                                    batch=services.batch_jobs(job),
                                    version_url=_version_url(job.sanding_version),
                                    highlighted={k for k in (services.span_key(p) for p, _s, _e in job.spans) if k})
        return self.render_to_response(ctx, status=400 if errors else 200)


class JobFileView(ScopedQuerysetMixin, View):
    """The uploaded file, byte for byte (in scope only)."""

    def get(self, request, pk):
        job = get_object_or_404(IngestJob.objects.restrict(request.user, "view"), pk=pk)
        name = re.sub(r'[\r\n"]', "", job.original_name)
        return serve_stored_file(job.file.open("rb"), name)
