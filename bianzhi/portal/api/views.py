"""Read-only public API (no authentication): only published snapshots, never working data."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, viewsets
from rest_framework.exceptions import ValidationError

from bianzhi.core.pagination import Pagination

from .. import feeds
from .. import search as portal_search
from ..models import PublishedUnit, Release, SearchKind
from ..search import SearchQuery, SearchResults, entries_for_ids, search_queryset
from .serializers import (
    PublicChangeSerializer,
    PublicReleaseSerializer,
    PublicSearchResultSerializer,
    PublicUnitListSerializer,
    PublicUnitSerializer,
)


class PublicAPIMixin:
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    filter_backends: list = []


@extend_schema(tags=["public"])
class PublicUnitViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """公开的单位（每个单位的现行公开快照）。"""

    lookup_field = "unit_id"
    lookup_url_kwarg = "pk"

    def get_queryset(self):
        qs = PublishedUnit.objects.public().select_related("release").order_by("unit_order", "unit_id")
        region = self.request.query_params.get("region")
        if region:
            qs = qs.filter(region_code=region)
        return qs

    def get_serializer_class(self):
        return PublicUnitSerializer if self.action == "retrieve" else PublicUnitListSerializer

    @extend_schema(parameters=[OpenApiParameter("region", str, description="行政区划代码（如 451002）")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


@extend_schema(tags=["public"])
class ReleaseViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """发布版本：编号、日期、全量数据包的 SHA-256 和下载地址。"""

    serializer_class = PublicReleaseSerializer
    lookup_field = "number"

    def get_queryset(self):
        return Release.objects.public().order_by("-number")

    def get_object(self):
        number = str(self.kwargs["number"])
        if not number.isdigit() or len(number) > 9:
            raise Http404
        return get_object_or_404(self.get_queryset(), number=int(number))


class CappedCountPagination(Pagination):
    """`count` stops at COUNT_CAP + 1 (1001 means “more than 1000”): exact totals of very common words are slow."""

    def get_count(self, queryset):
        if isinstance(queryset, SearchResults):
            return queryset.capped_count(portal_search.COUNT_CAP + 1)
        return queryset.order_by()[:portal_search.COUNT_CAP + 1].count()


@extend_schema(tags=["public"], parameters=[
    OpenApiParameter("q", str, required=True, description="检索词（任意中文子串，1 个字起）"),
    OpenApiParameter("region", str, description="行政区划代码（含下级区划）"),
    OpenApiParameter("unit", int, description="单位ID"),
    OpenApiParameter("kind", str, enum=SearchKind.values, description="类型"),
    OpenApiParameter("category", str, description="权力事项类别，如 行政许可"),
])
class SearchView(PublicAPIMixin, generics.ListAPIView):
    """全文检索已公开的单位、职责、内设机构、权力事项和责任事项（count 最多计到 1001，即“超过 1000 条”）。"""

    serializer_class = PublicSearchResultSerializer
    pagination_class = CappedCountPagination

    def paginate_queryset(self, queryset):
        # ids first, walked block by block (portal.search.SearchResults), then only the page's rows
        ids = super().paginate_queryset(SearchResults(self.search_query))
        return entries_for_ids(ids) if ids is not None else None

    def get_queryset(self):
        p = self.request.query_params
        try:
            unit = int(p.get("unit") or 0) or None
        except ValueError:
            raise ValidationError({"unit": "单位ID须为整数"})
        kind = p.get("kind", "")
        if kind and kind not in SearchKind.values:
            raise ValidationError({"kind": f"类型无效，可选：{'、'.join(SearchKind.values)}"})
        query = SearchQuery(q=p.get("q", ""), region=p.get("region", ""), unit=unit, kind=kind,
                            category=p.get("category", ""))
        if not query.key:
            raise ValidationError({"q": "请填写检索词"})
        self.search_query = query
        return search_queryset(query)


@extend_schema(tags=["public"], parameters=[
    OpenApiParameter("since", OpenApiTypes.STR,
                     description="只返回此后的变更：发布版本号（如 3）或 ISO 8601 时间（如 2026-06-15T08:00:00+08:00）"),
])
class ChangeListView(PublicAPIMixin, generics.ListAPIView):
    """公开数据的变更（按发布版本号和时间先后）：首次公开、更新、撤回，含变更后的公开内容。"""

    serializer_class = PublicChangeSerializer

    def get_queryset(self):
        try:
            return feeds.changes_since(self.request.query_params.get("since"))
        except feeds.SinceError as exc:
            raise ValidationError({"since": str(exc)})
