from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.JobListView.as_view(), name="job-list"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("units/<int:unit_pk>/upload/", views.UploadView.as_view(), name="unit-upload"),
    path("<int:pk>/", views.ReviewView.as_view(), name="job-review"),
    path("<int:pk>/file/", views.JobFileView.as_view(), name="job-file"),
]
