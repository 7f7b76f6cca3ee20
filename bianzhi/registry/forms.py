from django import forms

from bianzhi.accounts.permissions import county_region, may_accept_legacy_code
from bianzhi.accounts.scope import region_stem
from bianzhi.core.choices import list_choices

from .models import InternalBody, Plaque, Region, RelationType, Unit, UnitRelation

# registry sits below documents in the layers: the 批文 model is reached through the relation registry declares.
ApprovalDocument = UnitRelation._meta.get_field("document").related_model


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the row version it was loaded with (optimistic concurrency)."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        list_choices(self.fields)  # selects read in one query each (no server-side cursor)
        if self.instance.pk:
            self.fields["row_version"].initial = self.instance.row_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("row_version") is None and "row_version" not in self.errors:
            # an edit always says which version it was made on; without it, it could overwrite silently
            self.add_error(None, "缺少版本号（页面可能已过期或不完整），修改未保存。请刷新页面后重新填写。")
        return cleaned

    @property
    def expected_version(self):
        return self.cleaned_data.get("row_version") if self.instance.pk else None


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "uscc", "uscc_legacy_reason", "org_code", "kind", "category", "rank",
                  "funding_form", "institution_class", "level", "region", "parent", "parent_relation",
                  "legal_representative", "address", "postcode", "contact_name", "contact_office_phone",
                  "contact_mobile", "status", "established_on", "abolished_on", "successors", "sort_order", "note"]
        widgets = {
            "established_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "abolished_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        regions = Region.objects.filter(valid_to__isnull=True)
        if county_region(user) is not None:
            regions = regions.filter(code__startswith=region_stem(county_region(user)))
        self.fields["region"].queryset = regions
        parents = Unit.objects.restrict(user, "change").order_by("tree_path")
        if self.instance.pk:
            parents = parents.exclude(tree_path__startswith=self.instance.tree_path)
        self.fields["parent"].queryset = parents
        self.fields["parent_relation"].queryset = RelationType.objects.filter(hierarchical=True)
        successors = Unit.objects.restrict(user, "view").order_by("tree_path")
        if self.instance.pk:
            successors = successors.exclude(pk=self.instance.pk)
        self.fields["successors"].queryset = successors
        self.fields["successors"].required = False
        self.fields["successors"].help_text = "单位撤销或合并时，选择承接其职责的单位"
        if not may_accept_legacy_code(user):
            self.fields["uscc_legacy_reason"].disabled = True
            self.fields["uscc_legacy_reason"].help_text = "仅市编办管理员可接受未通过校验的历史代码"


class InternalBodyForm(VersionedModelForm):
    class Meta:
        model = InternalBody
        fields = ["name", "kind", "sort_order", "established_on", "abolished_on"]
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"}),
                   "abolished_on": forms.DateInput(attrs={"type": "date"})}


class PlaqueForm(VersionedModelForm):
    class Meta:
        model = Plaque
        fields = ["name", "kind", "internal_body", "start_date", "start_document", "end_date", "end_document"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, unit=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["internal_body"].queryset = InternalBody.objects.filter(unit=unit)
        self.fields["internal_body"].required = False
        documents = ApprovalDocument.objects.restrict(user, "view") if user is not None else ApprovalDocument.objects.none()
        self.fields["start_document"].queryset = documents
        self.fields["end_document"].queryset = documents


class UnitRelationForm(VersionedModelForm):
    """A dated, typed relation to a superior unit (e.g. 挂牌 relations, or history entered after the fact)."""

    class Meta:
        model = UnitRelation
        fields = ["superior", "relation_type", "start_date", "end_date", "document", "note"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, unit=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["superior"].queryset = Unit.objects.restrict(user, "view").exclude(pk=unit.pk).order_by("tree_path")
        self.fields["document"].queryset = ApprovalDocument.objects.restrict(user, "view")
        self.fields["document"].required = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "终止日期不能早于起始日期")
        return cleaned
