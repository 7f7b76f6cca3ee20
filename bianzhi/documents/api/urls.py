from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("documents", views.ApprovalDocumentViewSet, basename="approvaldocument")
router.register("document-files", views.DocumentFileViewSet, basename="documentfile")
urlpatterns = router.urls
