from django.db.models import F, Prefetch
from rest_framework import viewsets

from bianzhi.core.api import ScopedReadOnlyViewSet

from ..filtersets import PowerItemFilterSet, ResponsibilityItemFilterSet
from ..models import (
    Citation,
    ImportJob,
    Law,
    PowerCategory,
    PowerItem,
    ResponsibilityItem,
    StageResponsibility,
)
from .serializers import (
    ImportJobSerializer,
    LawSerializer,
    PowerCategorySerializer,
    PowerItemSerializer,
    ResponsibilityItemSerializer,
)

RELATED_NAMES = {"category_name": F("category__name"), "unit_name": F("unit__name"),
                 "main_item_code": F("parent__code")}


class PowerItemViewSet(ScopedReadOnlyViewSet):
    """权力事项（含依据、环节责任）。按调用者的数据范围过滤。"""

    # The category's name, the unit's name and the 主项's code are the only columns of the three related rows the
    # answer shows: read as three columns of the join (`RELATED_NAMES`), not as three whole rows per item (about 75
    # columns built, read and made into objects for three values; same joins, same values, None where there is
    # no 主项).
    queryset = (PowerItem.objects.annotate(**RELATED_NAMES)
                # a citation's law comes with it (one query for both, not one each); citations and stages in their
                # models' order without its first key, the power item (the same order within one item; ordering by
                # the item joined the items' and units' tables into both queries)
                .prefetch_related(Prefetch("citations", queryset=Citation.objects.select_related("law")
                                           .order_by("kind", "position", "id")),
                                  Prefetch("stage_responsibilities",
                                           queryset=StageResponsibility.objects.order_by("position", "id")),
                                  "duties").order_by("unit_id", "code"))
    serializer_class = PowerItemSerializer
    filterset_class = PowerItemFilterSet

    def get_queryset(self):
        qs = super().get_queryset()
        return PowerItemFilterSet(self.request.query_params, queryset=qs, request=self.request,
                                  rendered=False).qs

    filter_backends: list = []


class ResponsibilityItemViewSet(ScopedReadOnlyViewSet):
    """责任事项（按部门）。按调用者的数据范围过滤。"""

    queryset = ResponsibilityItem.objects.select_related("unit").prefetch_related(
        "related_units", "duties", "power_items").order_by("unit_id", "kind", "position", "id")
    serializer_class = ResponsibilityItemSerializer
    filter_backends: list = []

    def get_queryset(self):
        qs = super().get_queryset()
        return ResponsibilityItemFilterSet(self.request.query_params, queryset=qs, request=self.request,
                                           rendered=False).qs


class PowerCategoryViewSet(ScopedReadOnlyViewSet):
    """事项类别字典。"""

    queryset = PowerCategory.objects.select_related("parent")
    serializer_class = PowerCategorySerializer
    filter_backends: list = []


class LawViewSet(ScopedReadOnlyViewSet):
    """法律法规库。"""

    queryset = Law.objects.all()
    serializer_class = LawSerializer
    filterset_fields = ["level", "status", "needs_review"]


class ImportJobViewSet(viewsets.ReadOnlyModelViewSet):
    """本人发起的清单导入任务（进度与错误）。"""

    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.all()
    filter_backends: list = []

    def get_queryset(self):
        return ImportJob.objects.restrict(self.request.user)
