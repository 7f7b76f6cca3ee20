from django.urls import path

from . import views

app_name = "sanding"
urlpatterns = [
    path("", views.SandingHomeView.as_view(), name="home"),
    path("units/<int:unit_pk>/", views.UnitSandingView.as_view(), name="unit-sanding"),
    path("units/<int:unit_pk>/history/", views.UnitHistoryView.as_view(), name="unit-history"),
    path("units/<int:unit_pk>/diff/", views.UnitDiffView.as_view(), name="unit-diff"),
    path("units/<int:unit_pk>/versions/new/", views.VersionCreateView.as_view(), name="version-create"),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/op/<str:name>/", views.VersionOperationView.as_view(), name="version-op"),
    path("versions/<int:pk>/approve/", views.VersionApproveView.as_view(), name="version-approve"),
    path("versions/<int:pk>/discard/", views.VersionDiscardView.as_view(), name="version-discard"),
    path("versions/<int:pk>/duties/split/", views.DutySplitView.as_view(), name="duty-split"),
    path("versions/<int:pk>/duties/<str:kind>/", views.DutyEditorView.as_view(), name="duty-editor"),
]
