from django.urls import path

from . import views

app_name = "lists"
urlpatterns = [
    path("", views.PowerItemListView.as_view(), name="power-list"),
    path("powers/new/", views.PowerItemCreateView.as_view(), name="power-create"),
    path("powers/<int:pk>/", views.PowerItemDetailView.as_view(), name="power-detail"),
    path("powers/<int:pk>/edit/", views.PowerItemUpdateView.as_view(), name="power-edit"),
    path("powers/<int:pk>/delete/", views.PowerItemDeleteView.as_view(), name="power-delete"),
    path("responsibilities/", views.ResponsibilityListView.as_view(), name="responsibility-list"),
    path("responsibilities/new/", views.ResponsibilityCreateView.as_view(), name="responsibility-create"),
    path("responsibilities/<int:pk>/", views.ResponsibilityDetailView.as_view(), name="responsibility-detail"),
    path("responsibilities/<int:pk>/edit/", views.ResponsibilityUpdateView.as_view(), name="responsibility-edit"),
    path("responsibilities/<int:pk>/delete/", views.ResponsibilityDeleteView.as_view(),
         name="responsibility-delete"),
    path("units/<int:unit_pk>/", views.UnitListsView.as_view(), name="unit-lists"),
    path("import/<str:kind>/", views.ImportUploadView.as_view(), name="import-upload"),
    path("import-jobs/<int:pk>/", views.ImportJobView.as_view(), name="import-job"),
    path("import-jobs/<int:pk>/retry/", views.ImportRetryView.as_view(), name="import-retry"),
    path("import-jobs/<int:pk>/progress/", views.ImportProgressView.as_view(), name="import-progress"),
    path("import-jobs/<int:pk>/errors.xlsx", views.ImportErrorFileView.as_view(), name="import-error-file"),
    path("export/<str:kind>.<str:fmt>", views.ExportView.as_view(), name="export"),
    path("exports/<str:token>/", views.ExportJobView.as_view(), name="export-job"),
    path("exports/<str:token>/progress/", views.ExportProgressView.as_view(), name="export-progress"),
    path("exports/<str:token>/download/", views.ExportDownloadView.as_view(), name="export-download"),
    path("templates/<str:kind>.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("reports/coverage/", views.CoverageReportView.as_view(), name="report-coverage"),
    path("reports/overlaps/", views.OverlapReportView.as_view(), name="report-overlaps"),
    path("reports/counts/", views.CountReportView.as_view(), name="report-counts"),
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("categories/new/", views.CategoryCreateView.as_view(), name="category-create"),
    path("categories/<int:pk>/edit/", views.CategoryUpdateView.as_view(), name="category-edit"),
    path("laws/", views.LawListView.as_view(), name="law-list"),
    path("laws/new/", views.LawCreateView.as_view(), name="law-create"),
    path("laws/<int:pk>/", views.LawDetailView.as_view(), name="law-detail"),
    path("laws/<int:pk>/edit/", views.LawUpdateView.as_view(), name="law-edit"),
]
