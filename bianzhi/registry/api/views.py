from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from bianzhi.core.api import IF_MATCH, ScopedModelViewSet, ScopedReadOnlyViewSet

from .. import services
from ..filtersets import UnitFilterSet
from ..models import InternalBody, Region, Unit, UnitRelation
from .serializers import RegionSerializer, UnitRelationSerializer, UnitSerializer


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """行政区划（含已停用的旧代码）。"""

    queryset = Region.objects.select_related("parent", "successor").all()
    serializer_class = RegionSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "code"
    filterset_fields = ["level", "parent__code"]


@extend_schema_view(update=extend_schema(parameters=[IF_MATCH]), partial_update=extend_schema(parameters=[IF_MATCH]),
                    destroy=extend_schema(parameters=[IF_MATCH]))
class UnitViewSet(ScopedModelViewSet):
    """单位（机构库）。结果按调用者的数据范围过滤；范围外的单位返回 404。"""

    queryset = Unit.objects.select_related("region", "parent_relation").prefetch_related("plaques", Prefetch("internal_bodies", queryset=InternalBody.objects.established()))
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    def expected_version(self):
        value = self.request.headers.get("If-Match", "").strip('"W/ ')
        if value:
            if not value.isdigit():
                raise serializers.ValidationError({"If-Match": "If-Match 应为记录的 row_version 数字"})
            return int(value)
        body_version = self.request.data.get("row_version") if hasattr(self.request.data, "get") else None
        return int(body_version) if str(body_version or "").isdigit() else None

    @transaction.atomic
    def perform_create(self, serializer):
        unit = Unit(**{k: v for k, v in serializer.validated_data.items()})
        serializer.instance = services.save_unit(unit, acting_user=self.request.user)

    @transaction.atomic
    def perform_update(self, serializer):
        unit = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(unit, key, value)
        services.save_unit(unit, acting_user=self.request.user, expected_version=self.expected_version())


class UnitRelationViewSet(ScopedReadOnlyViewSet):
    """单位之间的关系（有类型、有起止日期、可引用依据文件）。"""

    queryset = UnitRelation.objects.select_related("relation_type")
    serializer_class = UnitRelationSerializer
    filterset_fields = ["superior", "subordinate", "relation_type__code"]
