from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, serializers, status
from rest_framework.response import Response

from bianzhi.core.api import ScopedReadOnlyViewSet
from bianzhi.registry.models import Unit

from .. import services
from ..models import IngestJob
from .serializers import IngestJobSerializer, IngestUploadSerializer


class IngestJobViewSet(ScopedReadOnlyViewSet):
    """文件识别任务：上传的三定规定/调整通知、识别出的原文、结构化结果及其在原文中的位置。按调用者数据范围过滤。"""

    queryset = IngestJob.objects.select_related("unit")
    serializer_class = IngestJobSerializer
    parser_classes = [parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser]

    @extend_schema(request={"multipart/form-data": IngestUploadSerializer}, responses={201: IngestJobSerializer},
                   summary="上传文件并识别（单位须在调用者的录入范围内）")
    def create(self, request, *args, **kwargs):
        upload = IngestUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        unit = get_object_or_404(Unit.objects.restrict(request.user, "change"), pk=upload.validated_data["unit"])
        try:
            job = services.create_job(unit, upload.validated_data["file"], acting_user=request.user)
        except services.IngestError as exc:
            raise serializers.ValidationError({"file": exc.reasons})
        return Response(IngestJobSerializer(job).data, status=status.HTTP_201_CREATED)
