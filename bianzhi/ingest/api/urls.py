from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("ingest-jobs", views.IngestJobViewSet, basename="ingestjob")
urlpatterns = router.urls
