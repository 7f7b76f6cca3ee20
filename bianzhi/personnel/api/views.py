import datetime

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from bianzhi.accounts import permissions
from bianzhi.core.api import ScopedReadOnlyViewSet
from bianzhi.registry.models import Unit

from .. import services
from ..models import ApplicationState, Person, StaffingApplication, UseNotice
from ..occupancy import occupancy
from .serializers import (
    ApplicationFireSerializer,
    ApplyInputSerializer,
    OccupancySerializer,
    PersonDetailSerializer,
    PersonSerializer,
    StaffingApplicationSerializer,
    UseNoticeSerializer,
)


class PersonFilterSet(django_filters.FilterSet):
    active = django_filters.BooleanFilter(field_name="exit_date", lookup_expr="isnull", label="在编")

    class Meta:
        model = Person
        fields = ["unit", "internal_body", "staffing_type", "active"]


def _date_param(request) -> datetime.date:
    raw = request.query_params.get("date")
    if not raw:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({"date": f"日期格式应为 YYYY-MM-DD，实际为“{raw}”"})


class PersonViewSet(ScopedReadOnlyViewSet):
    """实名制人员（公民身份号码只给脱敏值；读取单人详情记入查阅记录）。"""

    queryset = Person.objects.select_related("unit", "internal_body").order_by("id")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    def get_serializer_class(self):
        return PersonDetailSerializer if self.action == "retrieve" else PersonSerializer

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        if not permissions.may_view_person_detail(request.user, person.unit):
            raise PermissionDenied("您无权查看该人员信息")
        services.record_read(person, acting_user=request.user, full_id_shown=False, channel="api")
        return Response(PersonDetailSerializer(person).data)

    @extend_schema(parameters=[OpenApiParameter("unit", int, required=True, description="单位编号"),
                               OpenApiParameter("date", str, description="截至日期 YYYY-MM-DD（默认今天）")],
                   responses={200: OccupancySerializer})
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def occupancy(self, request):
        """单位编制使用情况：核定、实有、已核准待使用、空编、超编，领导职数核定与配备，预警。"""
        unit_id = request.query_params.get("unit", "")
        if not unit_id.isdigit():
            raise ValidationError({"unit": "须指定单位编号 unit"})
        unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=int(unit_id))
        return Response(OccupancySerializer(occupancy(unit, _date_param(request))).data)


class ApplicationFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=ApplicationState.choices)

    class Meta:
        model = StaffingApplication
        fields = ["unit", "state", "staffing_type"]


class StaffingApplicationViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """用编申请：POST 提交申请（单位），POST {id}/transitions/ 核准、不予核准或撤回。被拒绝时 400，`reasons` 列出原因。"""

    queryset = StaffingApplication.objects.select_related("unit", "notice").prefetch_related("steps").order_by("-id")
    serializer_class = StaffingApplicationSerializer
    filterset_class = ApplicationFilterSet

    def get_scope_action(self):
        return "view"  # who may apply / decide is answered by the permission predicates in the services

    @extend_schema(request=ApplyInputSerializer, responses={201: StaffingApplicationSerializer})
    def create(self, request, *args, **kwargs):
        body = ApplyInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=data.pop("unit"))
        try:
            app = services.do_apply(unit, acting_user=request.user, **data)
        except services.PersonnelRefused as exc:
            return Response({"detail": "；".join(exc.reasons), "reasons": exc.reasons},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(StaffingApplicationSerializer(app).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationFireSerializer, responses={200: StaffingApplicationSerializer})
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        """执行一次流转：approve（核准并签发核准通知单）/ refuse（不予核准，须填理由）/ withdraw（撤回）。"""
        app = self.get_object()
        body = ApplicationFireSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        name, note = body.validated_data["name"], body.validated_data["note"]
        try:
            if name == "approve":
                services.do_approve(app, acting_user=request.user, note=note)
            elif name == "refuse":
                services.do_refuse(app, acting_user=request.user, note=note)
            else:
                services.do_withdraw(app, acting_user=request.user)
        except services.PersonnelRefused as exc:
            return Response({"detail": "；".join(exc.reasons), "reasons": exc.reasons},
                            status=status.HTTP_400_BAD_REQUEST)
        app.refresh_from_db()
        return Response(StaffingApplicationSerializer(app).data)


class UseNoticeViewSet(ScopedReadOnlyViewSet):
    """机构编制使用核准通知单（编号、核准数、剩余可用数、有效期）。"""

    queryset = UseNotice.objects.select_related("unit").order_by("-year", "-serial")
    serializer_class = UseNoticeSerializer
    filterset_fields = ["unit", "year", "staffing_type"]
