import django_filters
from django import forms
from django.db import connections
from django.db.models import Q

from bianzhi.core.text import search_key
from bianzhi.core.widgets import PlainSelect
from bianzhi.registry.models import Region, Unit

from .models import PowerCategory, PowerItem, ResponsibilityItem, ResponsibilityKind, search_text_contains

UNIT_CHOICES_MAX = 300  # above this many units in scope, 实施部门 is chosen by name, not from a drop-down


class _ScopedUnitFilterMixin:
    """实施部门: a drop-down of the units in the user's scope while they are few (a county office, a clerk); above
    UNIT_CHOICES_MAX (a city or province administrator: up to 20,000 units) a text field matching the unit's
    name (`unit_name`) instead, so that the page does not carry every unit. `?unit=<id>` is still accepted (a
    hidden field then), always validated against the user's scope."""

    def __init__(self, *args, request=None, rendered=True, **kwargs):
        """`rendered=False` (the API: no form is shown) counts the units only when `unit_name` is asked for: without
        it, whether the filter exists changes nothing in the result, and the widget is never drawn."""
        super().__init__(*args, **kwargs)
        user = getattr(request, "user", None)
        units = Unit.objects.restrict(user, "view")
        self.filters["unit"].queryset = units.order_by("region__code", "tree_path").only("id", "name")  # __str__: name
        if not rendered and "unit_name" not in self.data:
            self.many_units = None  # not counted (and not needed)
            return
        self.many_units = units.order_by()[:UNIT_CHOICES_MAX + 1].count() > UNIT_CHOICES_MAX
        if self.many_units:
            self.filters["unit"].extra["widget"] = forms.HiddenInput
        else:
            del self.filters["unit_name"]

    def filter_unit_name(self, queryset, name, value):
        key = search_key(value)
        return queryset.filter(unit__name_key__contains=key) if key else queryset


class PowerItemFilterSet(_ScopedUnitFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称或编码", method="filter_q")
    unit = django_filters.ModelChoiceFilter(label="实施部门", queryset=Unit.objects.none(), widget=PlainSelect)
    unit_name = django_filters.CharFilter(label="实施部门名称", method="filter_unit_name")
    category = django_filters.ModelChoiceFilter(label="事项类别", queryset=PowerCategory.objects.all(),
                                                widget=PlainSelect)
    region = django_filters.ModelChoiceFilter(label="行政区划", queryset=Region.objects.filter(valid_to__isnull=True),
                                              widget=PlainSelect)
    no_duty = django_filters.BooleanFilter(label="只看未关联职责的", method="filter_no_duty",
                                           widget=forms.CheckboxInput)

    class Meta:
        model = PowerItem
        fields = ["q", "unit", "unit_name", "category", "region", "no_duty"]

    def filter_q(self, queryset, name, value):
        """The item's name or its 主项's contains the search key, or the 编码 is the value: one column holds both
        names (`PowerItem.search_text`, a pg_trgm index on PostgreSQL; ADR 0029)."""
        key = search_key(value)
        if not key:
            return queryset
        return queryset.filter(search_text_contains(key, connections[queryset.db].vendor) | Q(code=value.strip()))

    def filter_no_duty(self, queryset, name, value):
        if value:
            return queryset.filter(duties__isnull=True, parent__isnull=True)
        return queryset


class ResponsibilityItemFilterSet(_ScopedUnitFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称包含", method="filter_q")
    unit = django_filters.ModelChoiceFilter(label="实施部门", queryset=Unit.objects.none(), widget=PlainSelect)
    unit_name = django_filters.CharFilter(label="实施部门名称", method="filter_unit_name")
    kind = django_filters.ChoiceFilter(label="类型", choices=ResponsibilityKind.choices)

    class Meta:
        model = ResponsibilityItem
        fields = ["q", "unit", "unit_name", "kind"]

    def filter_q(self, queryset, name, value):
        key = search_key(value)
        return queryset.filter(name_key__contains=key) if key else queryset
