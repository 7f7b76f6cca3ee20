import django_filters
from django.db.models import Q

from bianzhi.core.text import search_key
from bianzhi.core.widgets import PlainSelect

from .models import Region, Unit, UnitCategory, UnitKind, UnitLevel, UnitStatus


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="名称包含", method="filter_q")
    region = django_filters.ModelChoiceFilter(label="行政区划", queryset=Region.objects.all(), method="filter_region",
                                              widget=PlainSelect)
    region_code = django_filters.CharFilter(label="区划代码", field_name="region__code")
    kind = django_filters.ChoiceFilter(label="单位性质", choices=UnitKind.choices)
    category = django_filters.ChoiceFilter(label="机构类别", choices=UnitCategory.choices)
    level = django_filters.ChoiceFilter(label="层级", choices=UnitLevel.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=UnitStatus.choices)
    parent = django_filters.NumberFilter(label="主管部门编号", field_name="parent_id")
    uscc = django_filters.CharFilter(label="统一社会信用代码", field_name="uscc")

    class Meta:
        model = Unit
        fields = ["q", "region", "region_code", "kind", "category", "level", "status", "parent", "uscc"]

    def filter_q(self, queryset, name, value):
        key = search_key(value)
        if not key:
            return queryset
        return queryset.filter(Q(name_key__contains=key) | Q(uscc=value.strip().upper()))

    def filter_region(self, queryset, name, value):
        return queryset.filter(region=value) if value else queryset
