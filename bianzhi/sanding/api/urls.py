from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("sanding/versions", views.VersionViewSet, basename="sandingversion")
router.register("sanding/units", views.UnitSandingViewSet, basename="sandingunit")
urlpatterns = router.urls
