from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("workflow/campaigns", views.CampaignViewSet, basename="workflow-campaign")
router.register("workflow/packages", views.DataPackageViewSet, basename="workflow-package")
router.register("holds", views.HoldViewSet, basename="hold")

urlpatterns = router.urls
