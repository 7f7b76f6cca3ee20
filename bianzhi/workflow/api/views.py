import django_filters
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from bianzhi.core.api import ScopedReadOnlyViewSet

from .. import services, sheet
from ..models import Campaign, DataPackage, Hold, HoldKind, PackageState
from .serializers import (
    CampaignSerializer,
    DataPackageSerializer,
    FireSerializer,
    HoldSerializer,
    SheetSerializer,
    TransitionSerializer,
)


class CampaignViewSet(ScopedReadOnlyViewSet):
    """批次及其日期（材料截止、暂停业务起始、录入审核截止、对外公开）。"""

    queryset = Campaign.objects.all()
    serializer_class = CampaignSerializer


class DataPackageFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=PackageState.choices)

    class Meta:
        model = DataPackage
        fields = ["unit", "campaign", "state", "kind", "is_current"]


class DataPackageViewSet(ScopedReadOnlyViewSet):
    """各单位数据包（三定 + 权力清单 + 责任清单）的审核状态；POST transitions/ 执行流转。"""

    queryset = DataPackage.objects.select_related("unit").order_by("id")
    serializer_class = DataPackageSerializer
    filterset_class = DataPackageFilterSet

    def get_scope_action(self):
        return "view"  # who may fire a transition is decided by the flow table, per transition

    @extend_schema(request=FireSerializer, responses={200: DataPackageSerializer})
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        """执行一次流转（submit / dept_return / confirm / submit_review / review_return / approve / publish）。
        被拒绝时返回 400，`reasons` 列出全部原因。"""
        package = self.get_object()
        body = FireSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            package = services.fire(package, body.validated_data["name"], body.validated_data["comment"],
                                    sheet_digest=body.validated_data.get("sheet_digest") or None, acting_user=request.user)
        except services.WorkflowRefused as exc:
            return Response({"detail": "；".join(exc.reasons), "reasons": exc.reasons},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(DataPackageSerializer(package).data)

    @extend_schema(responses={200: SheetSerializer})
    @action(detail=True, methods=["get"])
    def sheet(self, request, pk=None):
        """确认单：确认无误 / 审核通过所签的全部内容；其 digest 须随 confirm / approve 一并提交。"""
        return Response(sheet.build(self.get_object()))

    @extend_schema(responses={200: TransitionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        package = self.get_object()
        return Response(TransitionSerializer(package.transitions.select_related("user"), many=True).data)


class HoldFilterSet(django_filters.FilterSet):
    unit = django_filters.CharFilter(method="filter_unit", label="单位编号或统一社会信用代码")
    kind = django_filters.ChoiceFilter(choices=HoldKind.choices)
    active = django_filters.BooleanFilter(method="filter_active", label="是否仍在暂停")

    class Meta:
        model = Hold
        fields = ["unit", "kind", "campaign", "active"]

    def filter_unit(self, queryset, name, value):
        value = (value or "").strip().upper()
        if value.isdigit():
            return queryset.filter(Q(unit_id=int(value)) | Q(unit__uscc=value))
        return queryset.filter(unit__uscc=value)

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(lifted_at__isnull=value)


class HoldViewSet(ScopedReadOnlyViewSet):
    """暂停业务（出入编、工资审核）。其他系统查询“单位 X 是否暂停出入编”：
    `GET /api/v1/holds/?unit=<单位编号或统一社会信用代码>&active=true&kind=staffing`，结果非空即暂停中。"""

    queryset = Hold.objects.select_related("unit").order_by("-start_date", "id")
    serializer_class = HoldSerializer
    filterset_class = HoldFilterSet

    @extend_schema(parameters=[OpenApiParameter("unit", str, required=True,
                                                description="单位编号或统一社会信用代码")],
                   responses={200: HoldSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def status(self, request):
        """一个单位当前暂停的业务（无暂停时为空列表）。"""
        unit = request.query_params.get("unit", "")
        qs = HoldFilterSet().filter_unit(self.get_queryset(), "unit", unit).filter(lifted_at__isnull=True)
        return Response(HoldSerializer(qs, many=True).data)
