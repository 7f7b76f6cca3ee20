from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Prefetch
from django.db.models.query import MAX_GET_RESULTS
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from bianzhi.accounts.scope import unit_scope_q
from bianzhi.core.api import (
    IF_MATCH,
    ScopedModelViewSet,
    ScopedReadOnlyViewSet,
    read_representation,
    renders_json,
    sent_fields_only,
)
from bianzhi.core.precompiled import MARKER_ID, PrecompiledModels, PrecompiledWithCondition, keep_prefetched

from .. import services
from ..filtersets import UnitFilterSet
from ..models import InternalBody, Plaque, Region, Unit, UnitRelation
from .serializers import RegionSerializer, UnitRelationSerializer, UnitSerializer

# What the answer lists with a unit (UnitViewSet.shown_relations), built once: its plaques and its established
# internal bodies, each in its model's order without its first key, the unit.
PLAQUES = Plaque.objects.order_by("start_date", "id")
BODIES = InternalBody.objects.established().order_by("sort_order", "id")


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

    queryset = Unit.objects.select_related("region", "parent_relation")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    @staticmethod
    def shown_relations():
        """What the answer lists with a unit: its plaques and its established internal bodies (not those a 三定 draft
        set up and that await approval). Each unit's own rows in the models' order without its first key, the unit
        (the same order within one unit; ordering by the unit joined the units' table into both queries)."""
        return (Prefetch("plaques", queryset=PLAQUES), Prefetch("internal_bodies", queryset=BODIES))

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.method in ("PUT", "PATCH") or self.lookup_field in self.kwargs:
            # one unit: its relations read by show_relations_of (retrieve); a save reads them again after it (update
            # below: read before it, DRF threw them away unused)
            return qs
        return qs.prefetch_related(*self.shown_relations())

    def get_object(self):
        """One unit in the user's scope: the query `get_queryset` restricts (`restrict(user, action)`: the unit with
        `unit_scope_q(user, action)`, its region and relation type) run with the scope computed for this request,
        compiled once per shape of that scope (`SCOPED_UNIT`); then DRF's object permissions and the If-Match rule
        as for every viewset. Query parameters (the filter set), or a scope that cannot be compiled so: the ORM's
        own path, the same query."""
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if lookup is None or self.lookup_field != "pk" or self.request.query_params:
            return super().get_object()
        try:
            pk = Unit._meta.pk.to_python(lookup)
        except ValidationError:
            raise Http404 from None
        found = SCOPED_UNIT.objects(router.db_for_read(Unit), unit_scope_q(self.request.user, self.get_scope_action()),
                                    pk)
        if found is None:
            return super().get_object()
        if not found:
            raise Http404
        self.check_object_permissions(self.request, found[0])
        return self.checked_version(found[0])

    @staticmethod
    def show_relations_of(unit):
        """One unit's shown relations (shown_relations: the same rows, the same order), each read with a query compiled
        once per process, kept on the unit as a prefetch keeps them (`unit.plaques.all()` answers from them)."""
        using = unit._state.db
        for name, query, related in (("plaques", PLAQUES_OF_UNIT, PLAQUES), ("internal_bodies", BODIES_OF_UNIT, BODIES)):
            rows = query.objects(using, unit.pk)
            for row in rows:
                row._state.fields_cache["unit"] = unit  # as a prefetch sets the reverse relation
            keep_prefetched(unit, name, rows, related)

    def retrieve(self, request, *args, **kwargs):
        unit = self.get_object()
        self.show_relations_of(unit)
        if renders_json(request) and self.get_serializer_class() is UnitSerializer:
            return Response(read_representation(UnitSerializer, unit))  # the same JSON, no serializer built
        return Response(self.get_serializer(unit).data)

    def filter_queryset(self, queryset):
        """One unit without query parameters: UnitFilterSet's filters all skip an empty value, so the filter set
        (a form built and validated per request) would return the queryset unchanged."""
        if self.lookup_field in self.kwargs and not self.request.query_params:
            return queryset
        return super().filter_queryset(queryset)

    def update(self, request, *args, **kwargs):
        # DRF's update, answering with the unit's relations read after the save, with the same rule as a read (DRF's
        # own re-read after an update listed every internal body, pending ones too). A comment: drf-spectacular
        # shows a view method's docstring as the operation's description.
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        # The answer as a read answers (`retrieve`): the saved unit through the serializer's read plan, the same
        # bytes as `serializer.data` without rebinding the serializer's 29 fields for output (DRF's browsable page
        # keeps the serializer, whose forms read it) — so a PATCH's serializer needs only the fields it is sent.
        planned = renders_json(request) and type(serializer) is UnitSerializer
        if planned:
            sent_fields_only(serializer)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        instance._prefetched_objects_cache = {}
        self.show_relations_of(instance)
        if planned:
            return Response(read_representation(UnitSerializer, instance))
        return Response(serializer.data)

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

    def perform_update(self, serializer):  # save_unit is the transaction (an atomic block here added a savepoint)
        unit = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(unit, key, value)
        services.save_unit(unit, acting_user=self.request.user, expected_version=self.expected_version())


# UnitViewSet's queryset for one unit as restrict() filters it (Unit's scope path is the unit itself: the scope's
# condition on its rows), compiled once per shape of the condition (core.precompiled).
# The statement of `restrict(user, action).get(pk=…)`: no order, at most MAX_GET_RESULTS rows.
SCOPED_UNIT = PrecompiledWithCondition(
    lambda condition, pk: UnitViewSet.queryset.filter(condition).filter(pk=pk).order_by()[:MAX_GET_RESULTS], MARKER_ID)

# A unit's shown relations (UnitViewSet.shown_relations) for one unit, compiled once per process (core.precompiled).
PLAQUES_OF_UNIT = PrecompiledModels(lambda pk: PLAQUES.filter(unit_id=pk), MARKER_ID)
BODIES_OF_UNIT = PrecompiledModels(lambda pk: BODIES.filter(unit_id=pk), MARKER_ID)


class UnitRelationViewSet(ScopedReadOnlyViewSet):
    """单位之间的关系（有类型、有起止日期、可引用依据文件）。"""

    queryset = UnitRelation.objects.select_related("relation_type")
    serializer_class = UnitRelationSerializer
    filterset_fields = ["superior", "subordinate", "relation_type__code"]
