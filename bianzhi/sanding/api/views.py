"""三定 API: versions (filter ?unit=&status=&as_of=), a unit's state as of a date (or a draft preview), its 沿革,
and diffs between dates or versions. Everything is scoped: out-of-scope units and drafts answer 404."""
import datetime

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bianzhi.core.api import ScopedViewSetMixin
from bianzhi.registry.models import Unit

from .. import services
from ..models import SandingVersion, VersionStatus
from ..selectors import visible_versions
from .serializers import (
    SandingDiffSerializer,
    SandingHistoryEntrySerializer,
    SandingSnapshotSerializer,
    SandingVersionSerializer,
)

AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="日期 YYYY-MM-DD；默认今天")


def _date(request, name, default=None):
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise exceptions.ValidationError({name: f"日期“{value}”格式不对，应为 YYYY-MM-DD"})


def _diff_data(unit, diff, old_date, new_date):
    return {"unit": {"id": unit.pk, "name": unit.name}, "from_date": old_date, "to_date": new_date,
            "changes": [c.as_dict() for c in diff.changes]}


class VersionViewSet(viewsets.ReadOnlyModelViewSet):
    """三定版本。已批准的版本按查看范围可见；草稿只对负责该单位的人员（录入、确认、审核）可见。"""

    serializer_class = SandingVersionSerializer
    filterset_fields = ["unit", "status", "kind", "document"]

    def get_queryset(self):
        qs = visible_versions(self.request.user).select_related("unit", "document").order_by(
            "unit", "effective_date", "sequence", "id")
        as_of = _date(self.request, "as_of")
        if as_of:
            qs = qs.filter(status=VersionStatus.APPROVED, effective_date__lte=as_of)
        return qs

    @extend_schema(parameters=[AS_OF, OpenApiParameter("unit", int), OpenApiParameter("status", str)])
    def list(self, request, *args, **kwargs):
        """?as_of=YYYY-MM-DD：只列出该日已生效的已批准版本。"""
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=SandingDiffSerializer, summary="该版本作出的变化（草稿：与现行三定相比）")
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        version = self.get_object()
        if version.is_draft:
            diff = services.draft_changes(version)
            old_date, new_date = None, None
        else:
            old_date, new_date = version.effective_date - datetime.timedelta(days=1), version.effective_date
            diff = services.diff(version.unit, old_date, new_date)
        return Response(SandingDiffSerializer(_diff_data(version.unit, diff, old_date, new_date)).data)


class UnitSandingViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """单位的三定：某日状态、沿革、两日之间的变化。"""

    queryset = Unit.objects.all()
    serializer_class = SandingSnapshotSerializer

    def get_scope_action(self):
        return "view"

    @extend_schema(parameters=[AS_OF, OpenApiParameter("draft", int, description="预览草稿版本（仅负责人员）")],
                   responses=SandingSnapshotSerializer, summary="单位某日的三定（只含已批准内容；draft= 预览草稿）")
    def retrieve(self, request, pk=None):
        unit = self.get_object()
        draft_id = request.query_params.get("draft")
        if draft_id:
            draft = get_object_or_404(visible_versions(request.user).filter(status=VersionStatus.DRAFT, unit=unit),
                                      pk=draft_id if draft_id.isdigit() else -1)
            snap = services.snapshot(unit, draft=draft)
            return Response(SandingSnapshotSerializer(services.snapshot_dict(snap)).data)
        snap = services.snapshot(unit, _date(request, "as_of"))
        versions = [v for v in services.history(unit) if v.effective_date <= snap.date]
        return Response(SandingSnapshotSerializer(services.snapshot_dict(snap, versions)).data)

    @extend_schema(responses=SandingHistoryEntrySerializer(many=True), summary="沿革：已批准版本按生效日期排列")
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        unit = self.get_object()
        data = [services.version_dict(v) for v in services.history(unit)]
        return Response(SandingHistoryEntrySerializer(data, many=True).data)

    @extend_schema(parameters=[OpenApiParameter("from", OpenApiTypes.DATE, required=False),
                               OpenApiParameter("to", OpenApiTypes.DATE, required=False),
                               OpenApiParameter("a", int, description="起始版本编号（代替 from）"),
                               OpenApiParameter("b", int, description="结束版本编号（代替 to）")],
                   responses=SandingDiffSerializer, summary="两个日期（或两个已批准版本）之间的变化，逐项附文号")
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        unit = self.get_object()
        today = datetime.date.today()
        old_date, new_date = _date(request, "from"), _date(request, "to", today)
        approved = SandingVersion.objects.filter(unit=unit, status=VersionStatus.APPROVED)
        for key in ("a", "b"):
            value = request.query_params.get(key)
            if value:
                version = approved.filter(pk=value if value.isdigit() else -1).first()
                if version is None:
                    raise exceptions.ValidationError({key: f"版本“{value}”不是该单位已批准的版本"})
                if key == "a":
                    old_date = version.effective_date
                else:
                    new_date = version.effective_date
        if old_date is None:
            raise exceptions.ValidationError({"from": "请给出起始日期 from=YYYY-MM-DD 或起始版本 a="})
        if old_date > new_date:
            old_date, new_date = new_date, old_date
        return Response(SandingDiffSerializer(_diff_data(unit, services.diff(unit, old_date, new_date), old_date,
                                                  new_date)).data)
