from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regions/<str:code>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit-edit"),
    path("units/<int:unit_pk>/internal-bodies/new/", views.InternalBodyCreateView.as_view(),
         name="internalbody-create"),
    path("units/<int:unit_pk>/internal-bodies/<int:pk>/edit/", views.InternalBodyUpdateView.as_view(),
         name="internalbody-edit"),
    path("units/<int:unit_pk>/plaques/new/", views.PlaqueCreateView.as_view(), name="plaque-create"),
    path("units/<int:unit_pk>/plaques/<int:pk>/edit/", views.PlaqueUpdateView.as_view(), name="plaque-edit"),
    path("units/<int:unit_pk>/relations/new/", views.UnitRelationCreateView.as_view(), name="relation-create"),
]
