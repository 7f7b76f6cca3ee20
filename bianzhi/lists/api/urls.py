from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("power-items", views.PowerItemViewSet, basename="poweritem")
router.register("responsibility-items", views.ResponsibilityItemViewSet, basename="responsibilityitem")
router.register("power-categories", views.PowerCategoryViewSet, basename="powercategory")
router.register("laws", views.LawViewSet, basename="law")
router.register("list-import-jobs", views.ImportJobViewSet, basename="listimportjob")
urlpatterns = router.urls
