from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", views.PublicUnitViewSet, basename="public-unit")
router.register("releases", views.ReleaseViewSet, basename="public-release")

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="public-search"),
    path("changes/", views.ChangeListView.as_view(), name="public-changes"),
    *router.urls,
]
