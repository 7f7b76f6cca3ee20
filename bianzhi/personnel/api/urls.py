from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("personnel/people", views.PersonViewSet, basename="personnel-person")
router.register("personnel/applications", views.StaffingApplicationViewSet, basename="personnel-application")
router.register("personnel/notices", views.UseNoticeViewSet, basename="personnel-notice")

urlpatterns = router.urls
