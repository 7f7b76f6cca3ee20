from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document-list"),
    path("new/", views.DocumentCreateView.as_view(), name="document-create"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("<int:pk>/edit/", views.DocumentUpdateView.as_view(), name="document-edit"),
    path("<int:pk>/files/", views.DocumentFileUploadView.as_view(), name="file-upload"),
    path("files/<int:pk>/download/", views.DocumentFileDownloadView.as_view(), name="file-download"),
    path("files/<int:pk>/delete/", views.DocumentFileDeleteView.as_view(), name="file-delete"),
]
