import django_filters
from django import forms
from django.db.models import Q

from bianzhi.core.text import search_key
from bianzhi.registry.models import Region, Unit

from .models import PowerCategory, PowerItem, ResponsibilityItem, ResponsibilityKind


class _ScopedUnitFilterMixin:
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(request, "user", None)
        self.filters["unit"].queryset = Unit.objects.restrict(user, "view").order_by("region__code", "tree_path")


class PowerItemFilterSet(_ScopedUnitFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称或编码", method="filter_q")
    unit = django_filters.ModelChoiceFilter(label="实施部门", queryset=Unit.objects.none())
    category = django_filters.ModelChoiceFilter(label="事项类别", queryset=PowerCategory.objects.all())
    region = django_filters.ModelChoiceFilter(label="行政区划", queryset=Region.objects.filter(valid_to__isnull=True))
    no_duty = django_filters.BooleanFilter(label="只看未关联职责的", method="filter_no_duty",
                                           widget=forms.CheckboxInput)

    class Meta:
        model = PowerItem
        fields = ["q", "unit", "category", "region", "no_duty"]

    def filter_q(self, queryset, name, value):
        key = search_key(value)
        if not key:
            return queryset
        return queryset.filter(Q(name_key__contains=key) | Q(parent__name_key__contains=key) | Q(code=value.strip()))

    def filter_no_duty(self, queryset, name, value):
        if value:
            return queryset.filter(duties__isnull=True, parent__isnull=True)
        return queryset


class ResponsibilityItemFilterSet(_ScopedUnitFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称包含", method="filter_q")
    unit = django_filters.ModelChoiceFilter(label="实施部门", queryset=Unit.objects.none())
    kind = django_filters.ChoiceFilter(label="类型", choices=ResponsibilityKind.choices)

    class Meta:
        model = ResponsibilityItem
        fields = ["q", "unit", "kind"]

    def filter_q(self, queryset, name, value):
        key = search_key(value)
        return queryset.filter(name_key__contains=key) if key else queryset
