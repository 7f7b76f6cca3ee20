import django_filters
from django.db.models import Q

from bianzhi.core.docnumber import DocNumberError, parse_docnumber
from bianzhi.core.text import nfkc

from .models import ApprovalDocument, DocumentType


class ApprovalDocumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="文号或标题包含", method="filter_q")
    doc_type = django_filters.ChoiceFilter(label="类型", choices=DocumentType.choices)
    year = django_filters.NumberFilter(label="年份", field_name="year")
    unit = django_filters.NumberFilter(label="单位编号", field_name="unit_id")

    class Meta:
        model = ApprovalDocument
        fields = ["q", "doc_type", "year", "unit"]

    def filter_q(self, queryset, name, value):
        value = nfkc(value)
        if not value:
            return queryset

        q = Q(title__icontains=value) | Q(doc_number__icontains=value) | Q(doc_number_raw__icontains=value)
        try:
            q |= Q(doc_number=parse_docnumber(value).normalized)
        except DocNumberError:
            pass
        return queryset.filter(q)
