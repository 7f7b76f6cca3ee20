"""Staff pages for 批文: list, detail, create/edit within scope, upload, permission-checked download."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from bianzhi.accounts.permissions import may_create_document
from bianzhi.accounts.scope import can
from bianzhi.core.models import ConcurrentEditError
from bianzhi.core.uploads import serve_stored_file
from bianzhi.core.views import FilteredListMixin, ScopedQuerysetMixin

from . import services
from .filtersets import ApprovalDocumentFilterSet
from .forms import ApprovalDocumentForm, DocumentFileForm
from .models import ApprovalDocument, DocumentFile

# Apps above documents show what cites a document on its page (sanding: the 三定 versions it made) by
# registering a provider (user, document) -> context dict in their AppConfig.ready.
DETAIL_CONTEXT_PROVIDERS: list = []


def register_detail_context(provider) -> None:
    if provider not in DETAIL_CONTEXT_PROVIDERS:
        DETAIL_CONTEXT_PROVIDERS.append(provider)


class DocumentListView(ScopedQuerysetMixin, FilteredListMixin, ListView):
    model = ApprovalDocument
    template_name = "documents/document_list.html"
    paginate_by = 50
    filterset_class = ApprovalDocumentFilterSet

    def get_queryset(self):
        return self.filter_queryset(super().get_queryset().select_related("unit"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_create"] = may_create_document(user)
        return ctx


class DocumentDetailView(ScopedQuerysetMixin, DetailView):
    model = ApprovalDocument
    template_name = "documents/document_detail.html"

    def get_base_queryset(self):
        return ApprovalDocument.objects.select_related("unit")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = can(self.request.user, "change", self.object)
        ctx["files"] = DocumentFile.objects.restrict(self.request.user, "view").filter(document=self.object)
        ctx["file_form"] = DocumentFileForm()
        ctx["versions"] = []
        for provider in DETAIL_CONTEXT_PROVIDERS:
            ctx.update(provider(self.request.user, self.object))
        return ctx


class DocumentFormMixin(ScopedQuerysetMixin):
    model = ApprovalDocument
    form_class = ApprovalDocumentForm
    template_name = "documents/document_form.html"
    scope_action = "change"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        document = form.save(commit=False)
        try:
            with transaction.atomic():
                self.object = services.save_document(document, expected_version=form.expected_version,
                                                     upload=form.cleaned_data.get("upload"), acting_user=self.request.user)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, "已保存。")
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("documents:document-detail", args=[self.object.pk])


class DocumentCreateView(DocumentFormMixin, CreateView):
    def get_initial(self):
        initial = super().get_initial()
        unit = self.request.GET.get("unit")
        if unit and unit.isdigit():
            initial["unit"] = unit
        return initial


class DocumentUpdateView(DocumentFormMixin, UpdateView):
    pass


class DocumentFileUploadView(ScopedQuerysetMixin, View):
    model = ApprovalDocument
    scope_action = "change"

    def post(self, request, pk):
        document = get_object_or_404(self.get_queryset(), pk=pk)
        form = DocumentFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stored = services.attach_file(document, form.cleaned_data["upload"], acting_user=request.user)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, f"已上传“{stored.original_name}”（SHA-256 {stored.sha256[:12]}…）。")
        else:
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("documents:document-detail", pk=document.pk)


class DocumentFileDownloadView(ScopedQuerysetMixin, View):
    """Streams a stored file after restrict(); files are never reachable under a public URL."""

    model = DocumentFile

    def get(self, request, pk):
        stored = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            handle = stored.file.open("rb")
        except FileNotFoundError:
            raise Http404("文件已丢失，请联系管理员")
        # the sniffed type, attachment unless a PDF/image is asked for by the platform's viewer (?inline=1)
        return serve_stored_file(handle, stored.original_name, inline=request.GET.get("inline") == "1")


class DocumentFileDeleteView(ScopedQuerysetMixin, View):
    model = DocumentFile
    scope_action = "change"

    def post(self, request, pk):
        stored = get_object_or_404(self.get_queryset(), pk=pk)
        if stored.document.sanding_versions.filter(status="approved").exists():
            raise PermissionDenied("该批文已被已批准的三定版本引用，其文件不能删除")
        document_pk = stored.document_id
        stored.delete()
        messages.success(request, "文件已删除。")
        return redirect("documents:document-detail", pk=document_pk)
