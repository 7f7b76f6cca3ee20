from collections import defaultdict

from django.conf import settings
from django.db import router
from django.db.models import F, Prefetch, Q
from rest_framework import viewsets

from bianzhi.accounts.scope import restricts_by_units, unit_scope_q, units_q
from bianzhi.core.api import ScopedReadOnlyViewSet, read_representations, renders_json
from bianzhi.core.precompiled import MARKER_ID, PrecompiledWithCondition, keep_prefetched

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
# What a power item's answer lists with it, as `PowerItemViewSet.queryset` prefetches it: a citation's law comes with
# it (one query for both, not one each); citations and stages in their models' order without its first key, the
# power item (the same order within one item; ordering by the item joined the items' and units' tables into both
# queries); the duties in their model's order.
CITATIONS = Citation.objects.select_related("law").order_by("kind", "position", "id")
STAGES = StageResponsibility.objects.order_by("position", "id")
DUTIES = PowerItem.duties.field.related_model._default_manager.all()


class PowerItemViewSet(ScopedReadOnlyViewSet):
    """权力事项（含依据、环节责任）。按调用者的数据范围过滤。"""

    # The category's name, the unit's name and the 主项's code are the only columns of the three related rows the
    # answer shows: read as three columns of the join (`RELATED_NAMES`), not as three whole rows per item (about 75
    # columns built, read and made into objects for three values; same joins, same values, None where there is
    # no 主项).
    queryset = (PowerItem.objects.annotate(**RELATED_NAMES)
                .prefetch_related(Prefetch("citations", queryset=CITATIONS),
                                  Prefetch("stage_responsibilities", queryset=STAGES), "duties")
                .order_by("unit_id", "code"))
    serializer_class = PowerItemSerializer
    filterset_class = PowerItemFilterSet

    def get_queryset(self):
        qs = super().get_queryset()
        return PowerItemFilterSet(self.request.query_params, queryset=qs, request=self.request,
                                  rendered=False).qs

    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        # One unit's power items (`?unit=<id>` and nothing else, a clerk's list): the queries `list` sends, compiled
        # once per shape of the user's scope (`unit_items_page`); everything else the ORM's way. A comment, not a
        # docstring: drf-spectacular shows a view method's docstring as the operation's description.
        page = self.unit_items_page()
        if page is None:
            return super().list(request, *args, **kwargs)
        if renders_json(request) and self.get_serializer_class() is PowerItemSerializer:
            return self.get_paginated_response(read_representations(PowerItemSerializer, page))  # the same JSON
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def unit_items_page(self):
        """The first page of `?unit=<id>`'s power items as `list` reads it through the filter set and the pagination —
        the items in the user's scope (`restrict(user, "view")`: the scope's condition in the query, read for this
        request) of that unit, their citations with laws, stages and duties as prefetched — by queries compiled once
        per shape of the scope (`UNIT_ITEMS`, …), or None for the ORM's way: other query parameters, a user whose
        records restrict() does not limit to units (an administrator), a scope that cannot be compiled so, a full
        page (its count is a COUNT) and no item at all (the filter set refuses a unit out of scope and then lists
        every item in scope: the ORM's way tells which)."""
        params = self.request.query_params
        value = params.get("unit", "")
        user = self.request.user
        if (list(params) != ["unit"] or len(params.getlist("unit")) != 1 or not value.isascii()
                or not value.isdigit() or str(int(value)) != value or not restricts_by_units(user)):
            return None
        using = router.db_for_read(PowerItem)
        items = UNIT_ITEMS.objects(using, unit_scope_q(user, "view"), int(value))
        if not items or len(items) >= PAGE_SIZE:
            return None
        # the items are in this user's scope and of this unit, so the unit is in scope: the filter set's check passes
        ids = [item.pk for item in items]
        for name, query, related in (("citations", ITEM_CITATIONS, CITATIONS),
                                     ("stage_responsibilities", ITEM_STAGES, STAGES)):
            rows = query.objects(using, Q(power_item__in=ids))
            if rows is None:
                return None
            kept = defaultdict(list)
            for row in rows:
                kept[row.power_item_id].append(row)
            for item in items:
                for row in kept[item.pk]:
                    row._state.fields_cache["power_item"] = item  # as a prefetch sets the reverse relation
                keep_prefetched(item, name, kept[item.pk], related)
        rows = ITEM_DUTIES.objects(using, Q(power_items__in=ids))
        if rows is None:
            return None
        kept = defaultdict(list)
        for row in rows:
            kept[getattr(row, DUTY_ITEM)].append(row)
        for item in items:
            keep_prefetched(item, "duties", kept[item.pk], DUTIES)
        self.paginator.short_first_page(self.request, items)
        return items


# PowerItemViewSet.unit_items_page's queries, compiled once per shape of the scope's condition (core.precompiled): the
# statements of `list` for `?unit=<id>` — the queryset restricted as restrict() restricts it (`units_q`), then the
# filter set's unit, the first page — and the prefetches of that page's items (one shape per number of items).
PAGE_SIZE = settings.REST_FRAMEWORK["PAGE_SIZE"]
UNIT_ITEMS = PrecompiledWithCondition(
    lambda condition, unit: PowerItemViewSet.queryset.filter(units_q("unit", condition)).filter(unit=unit)[:PAGE_SIZE],
    MARKER_ID)
ITEM_CITATIONS = PrecompiledWithCondition(lambda condition: CITATIONS.filter(condition))
ITEM_STAGES = PrecompiledWithCondition(lambda condition: STAGES.filter(condition))
# a duty with the item it is prefetched for, as the ORM's prefetch of a many-to-many relation reads it
DUTY_ITEM = "_prefetch_related_val_poweritem_id"
ITEM_DUTIES = PrecompiledWithCondition(lambda condition: DUTIES.filter(condition).annotate(**{DUTY_ITEM: F("power_items")}))


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
