from django.urls import path

from . import audit_views

app_name = "core"  # the audit log's URL names predate its views' move to accounts: {% url 'core:auditlog' %}
urlpatterns = [
    path("", audit_views.AuditLogListView.as_view(), name="auditlog"),
    path("export.<str:fmt>", audit_views.AuditLogExportView.as_view(), name="auditlog-export"),
    path("<int:pk>/", audit_views.AuditLogDetailView.as_view(), name="auditlog-detail"),
]
