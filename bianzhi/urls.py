from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

admin.site.site_header = "机构编制云平台 管理后台"
admin.site.site_title = "机构编制云平台"

api_patterns = [
    path("", include("bianzhi.registry.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("bianzhi.accounts.urls")),
    path("api/v1/", include(api_patterns)),
    path("manage/", include("bianzhi.registry.urls")),
    path("manage/audit/", include("bianzhi.core.urls")),
]
