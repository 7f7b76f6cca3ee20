from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export.xlsx", views.dashboard_export, name="dashboard-export"),
    path("campaigns/", views.CampaignListView.as_view(), name="campaign-list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign-create"),
    path("campaigns/<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign-edit"),
    path("campaigns/<int:pk>/accounts/", views.CampaignAccountsView.as_view(), name="campaign-accounts"),
    path("packages/", views.PackageListView.as_view(), name="package-list"),
    path("packages/<int:pk>/", views.package_detail, name="package-detail"),
    path("packages/<int:pk>/fire/<slug:name>/", views.package_fire, name="package-fire"),
    path("packages/<int:pk>/sheet/", views.package_sheet, name="package-sheet"),
    path("packages/<int:pk>/sheet.pdf", views.package_sheet, {"fmt": "pdf"}, name="package-sheet-pdf"),
    path("packages/<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("packages/<int:pk>/assign/", views.package_assign, name="package-assign"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment-resolve"),
    path("units/<int:unit_pk>/package/", views.unit_package, name="unit-package"),
    path("units/<int:unit_pk>/change-request/", views.change_request, name="change-request"),
    path("units/<int:unit_pk>/materials/", views.unit_materials, name="unit-materials"),
    path("units/<int:unit_pk>/coversheet/", views.coversheet_view, name="coversheet"),
    path("units/<int:unit_pk>/coversheet.docx", views.coversheet_view, {"fmt": "docx"}, name="coversheet-docx"),
    path("units/<int:unit_pk>/coversheet.pdf", views.coversheet_view, {"fmt": "pdf"}, name="coversheet-pdf"),
    path("materials/", views.MaterialListView.as_view(), name="material-list"),
    path("materials/<int:pk>/items/", views.material_item_add, name="material-item-add"),
    path("materials/<int:pk>/receive/", views.material_receive, name="material-receive"),
    path("materials/<int:pk>/decide/", views.material_decide, name="material-decide"),
    path("materials/items/<int:pk>/upload/", views.material_upload, name="material-upload"),
    path("materials/files/<int:pk>/", views.material_file_download, name="material-file"),
    path("holds/", views.HoldListView.as_view(), name="hold-list"),
    path("holds/run/", views.holds_run, name="holds-run"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read, name="notifications-read"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
]
