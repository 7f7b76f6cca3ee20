from django.urls import path

from . import account_views as views

app_name = "useraccounts"
urlpatterns = [
    path("", views.AccountListView.as_view(), name="list"),
    path("import/", views.AccountImportView.as_view(), name="import"),
    path("import-template.xlsx", views.ImportTemplateView.as_view(), name="import-template"),
    path("credentials.xlsx", views.CredentialsDownloadView.as_view(), name="credentials"),
    path("<int:pk>/", views.AccountDetailView.as_view(), name="detail"),
    path("<int:pk>/reset-password/", views.AccountResetView.as_view(), name="reset"),
    path("<int:pk>/active/", views.AccountActiveView.as_view(), name="active"),
    path("<int:pk>/groups/", views.AccountGroupsView.as_view(), name="groups"),
]
