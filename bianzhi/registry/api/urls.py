from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("units", views.UnitViewSet, basename="unit")
router.register("unit-relations", views.UnitRelationViewSet, basename="unitrelation")
urlpatterns = router.urls
