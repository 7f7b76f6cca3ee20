from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import parsers, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from bianzhi.core.api import IF_MATCH, ScopedModelViewSet, ScopedReadOnlyViewSet
from bianzhi.core.uploads import serve_stored_file

from .. import services
from ..filtersets import ApprovalDocumentFilterSet
from ..models import ApprovalDocument, DocumentFile
from .serializers import ApprovalDocumentSerializer, DocumentFileSerializer


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(label="文件")


def expected_version(request):
    value = request.headers.get("If-Match", "").strip('"W/ ')
    if value:
        if not value.isdigit():
            raise serializers.ValidationError({"If-Match": "If-Match 应为记录的 row_version 数字"})
        return int(value)
    body = request.data.get("row_version") if hasattr(request.data, "get") else None
    return int(body) if str(body or "").isdigit() else None


@extend_schema_view(update=extend_schema(parameters=[IF_MATCH]), partial_update=extend_schema(parameters=[IF_MATCH]),
                    destroy=extend_schema(parameters=[IF_MATCH]))
class ApprovalDocumentViewSet(ScopedModelViewSet):
    """批文（文号按 GB/T 9704 规范化，原文保留）。结果按调用者的数据范围过滤；范围外返回 404。"""

    queryset = ApprovalDocument.objects.select_related("unit").prefetch_related("files")
    serializer_class = ApprovalDocumentSerializer
    filterset_class = ApprovalDocumentFilterSet

    def _save(self, document, version=None):
        try:
            return services.save_document(document, expected_version=version)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict)

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.instance = self._save(ApprovalDocument(**serializer.validated_data))

    @transaction.atomic
    def perform_update(self, serializer):
        document = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(document, key, value)
        self._save(document, expected_version(self.request))

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError:
            raise serializers.ValidationError(
                {"detail": f"批文“{instance}”已被三定版本、内设机构或牌子等记录引用，不能删除"})

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={201: DocumentFileSerializer},
                   summary="上传批文文件（按字节保存并计算 SHA-256）")
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser])
    def upload(self, request, pk=None):
        document = self.get_object()  # restricted with "change"
        data = UploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            stored = services.attach_file(document, data.validated_data["file"], acting_user=request.user)
        except ValidationError as exc:
            raise serializers.ValidationError({"file": exc.messages})
        return Response(DocumentFileSerializer(stored).data, status=status.HTTP_201_CREATED)


class DocumentFileViewSet(ScopedReadOnlyViewSet):
    """批文文件（只读元数据；download 经数据范围检查后输出原文件）。"""

    queryset = DocumentFile.objects.all()
    serializer_class = DocumentFileSerializer
    filterset_fields = ["document", "sha256"]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY}, summary="下载原文件")
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        stored = self.get_object()
        try:
            handle = stored.file.open("rb")
        except FileNotFoundError:
            raise Http404
        return serve_stored_file(handle, stored.original_name)
