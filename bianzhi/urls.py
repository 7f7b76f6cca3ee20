from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

admin.site.site_header = "机构编制云平台 管理后台"
admin.site.site_title = "机构编制云平台"

# Each app owns its API routes under /api/v1/ and its staff pages under /manage/<app>/.
api_patterns = [
    path("", include("bianzhi.registry.api.urls")),
    path("", include("bianzhi.documents.api.urls")),
    path("", include("bianzhi.sanding.api.urls")),
    path("", include("bianzhi.lists.api.urls")),
    path("", include("bianzhi.workflow.api.urls")),
    path("public/", include("bianzhi.portal.api.urls")),
    path("", include("bianzhi.ingest.api.urls")),
    path("", include("bianzhi.personnel.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("bianzhi.accounts.urls")),
    path("api/v1/", include(api_patterns)),
    path("manage/audit/", include("bianzhi.accounts.audit_urls")),
    path("manage/accounts/", include("bianzhi.accounts.account_urls")),
    path("manage/documents/", include("bianzhi.documents.urls")),
    path("manage/sanding/", include("bianzhi.sanding.urls")),
    path("manage/lists/", include("bianzhi.lists.urls")),
    path("manage/workflow/", include("bianzhi.workflow.urls")),
    path("manage/ingest/", include("bianzhi.ingest.urls")),
    path("manage/personnel/", include("bianzhi.personnel.urls")),
    path("manage/", include("bianzhi.registry.urls")),
    path("", include("bianzhi.ops.urls")),  # /healthz, /metrics
    # The public site (no login) lives at the root.
    path("", include("bianzhi.portal.urls")),
]
