"""The audit log pages. Who may open them is a predicate (permissions.may_read_audit: not 系统管理员 nor 安全管理员);
which entries they see is the scope (AuditLogEntry.objects.restrict); exporting is for the 审计管理员 only."""
import csv
import datetime
import io

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import ListView, TemplateView
from openpyxl import Workbook

from bianzhi.core.audit import record_event
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.views import PaginatedQueryMixin, PermissionRequiredMixin

from .permissions import may_export_audit, may_read_audit

EXPORT_COLUMNS = [("id", "编号"), ("seq", "链序号"), ("timestamp", "时间"), ("username", "用户"), ("ip", "IP地址"),
                  ("action", "操作"), ("model_verbose", "对象类型"), ("object_id", "对象编号"), ("object_repr", "对象"),
                  ("unit_id", "所属单位编号"), ("request_id", "请求编号"), ("changes", "修改内容"),
                  ("entry_hash", "本条哈希")]


class AuditQueryMixin:
    def filtered(self):
        qs = AuditLogEntry.objects.restrict(self.request.user, "view")
        get = self.request.GET
        if get.get("unit", "").isdigit():
            qs = qs.filter(unit_id=int(get["unit"]))
        if get.get("user"):
            qs = qs.filter(username=get["user"][:150])
        if get.get("action") in dict(AuditLogEntry.ACTION_CHOICES):
            qs = qs.filter(action=get["action"])
        for key, lookup in [("since", "timestamp__date__gte"), ("until", "timestamp__date__lte")]:
            try:
                qs = qs.filter(**{lookup: datetime.date.fromisoformat(get.get(key, ""))})
            except ValueError:
                pass
        return qs


class AuditLogListView(PermissionRequiredMixin, AuditQueryMixin, PaginatedQueryMixin, ListView):
    permission = staticmethod(may_read_audit)
    template_name = "core/auditlog_list.html"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "may_export_audit": may_export_audit(self.request.user),
                "action_choices": AuditLogEntry.ACTION_CHOICES}


class AuditLogDetailView(PermissionRequiredMixin, TemplateView):
    permission = staticmethod(may_read_audit)
    template_name = "core/auditlog_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["entry"] = get_object_or_404(AuditLogEntry.objects.restrict(self.request.user, "view"), pk=kwargs["pk"])
        return ctx


def _cell(value):
    """Text a spreadsheet would run as a formula is written as text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _row(entry) -> list:
    changes = "；".join(f"{label}：{before} → {after}" for label, before, after in entry.changed_fields_display())
    values = {"action": entry.get_action_display(), "changes": changes}
    return [_cell(values.get(name, getattr(entry, name, ""))) for name, _ in EXPORT_COLUMNS]


class AuditLogExportView(PermissionRequiredMixin, AuditQueryMixin, View):
    """xlsx or CSV of the filtered log, for the 审计管理员 (the export itself is an audit event)."""

    permission = staticmethod(may_export_audit)

    def get(self, request, fmt):
        if fmt not in ("xlsx", "csv"):
            raise Http404
        entries = self.filtered().order_by("id")
        record_event("export", user=request.user, detail={"what": "audit_log", "format": fmt,
                                                          "filters": dict(request.GET.items())})
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow([label for _, label in EXPORT_COLUMNS])
            for entry in entries.iterator(chunk_size=2000):
                writer.writerow(_row(entry))
            response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            book = Workbook(write_only=True)
            sheet = book.create_sheet("审计日志")
            sheet.append([label for _, label in EXPORT_COLUMNS])
            for entry in entries.iterator(chunk_size=2000):
                sheet.append(_row(entry))
            buffer = io.BytesIO()
            book.save(buffer)
            response = HttpResponse(buffer.getvalue(), content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.{fmt}"'
        return response
