from django import forms

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.uploads import TABLE_KINDS, check_upload
from bianzhi.registry.forms import VersionedModelForm
from bianzhi.registry.models import InternalBody, Unit
from bianzhi.sanding.models import Duty

from . import services
from .columns import columns_for
from .importer import UnitResolver
from .models import Law, PowerCategory, PowerItem, ResponsibilityItem, law_key

MAX_UPLOAD_MB = 50


class DutyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.unit.name}：{obj}"


def _duty_queryset(user):

    # each option's label text (str(duty)) read for all options in one query, not one query per option
    return Duty.objects.current().restrict(user, "change").select_related("unit").with_current_revisions()


class PowerItemForm(VersionedModelForm):
    setting_basis = forms.CharField(label="设定依据", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text="每条一行：《法规名称》（令号）第X条第X款")
    implementing_basis = forms.CharField(label="实施依据", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stages = forms.CharField(label="责任事项（按环节）", required=False, widget=forms.Textarea(attrs={"rows": 8}),
                             help_text="每个环节另起一行：1.受理责任：……；留空时按事项类别的环节生成填写提示")
    duties = DutyChoiceField(label="关联职责", queryset=None, required=False,
                             widget=forms.SelectMultiple(attrs={"size": 8}),
                             help_text="提交审核前每个主项至少关联一项三定职责")

    class Meta:
        model = PowerItem
        fields = ["unit", "code", "name", "category", "parent", "internal_body", "target", "exercise_level",
                  "statutory_limit", "promised_limit", "accountability", "note"]
        widgets = {"accountability": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

        units = allowed_units(user, "change").order_by("region__code", "tree_path")
        self.fields["unit"].queryset = units
        self.fields["code"].required = False
        self.fields["code"].help_text = "留空则按编码规则自动生成"
        # with each category's national parent: the edit page also shows the categories' stages from these rows
        self.fields["category"].queryset = PowerCategory.objects.filter(active=True).select_related("parent")
        self.fields["parent"].queryset = PowerItem.objects.restrict(user, "change").filter(parent__isnull=True)
        self.fields["internal_body"].queryset = InternalBody.objects.established().restrict(user, "change").select_related("unit")
        self.fields["duties"].queryset = _duty_queryset(user)
        if self.instance.pk and not self.is_bound:  # a submitted form shows and saves its own data
            citations = list(self.instance.citations.select_related("law"))  # one query for both kinds
            self.fields["setting_basis"].initial = services.citations_text(self.instance, "setting", citations)
            self.fields["implementing_basis"].initial = services.citations_text(self.instance, "implementing",
                                                                                 citations)
            self.fields["stages"].initial = services.stages_text(self.instance)
            self.fields["duties"].initial = list(self.instance.duties.values_list("pk", flat=True))

    # The selects whose chosen row the form field itself read from its (scoped) queryset.
    FOUND_BY_SELECT = ("unit", "category", "parent", "internal_body")

    def _get_validation_exclusions(self):
        """The model's own check that a chosen row exists (ForeignKey.validate: one query per select) would only
        repeat the select's read of that row, so a select that found its row is left out of the model's field
        validation; the model's only constraint (region, code) involves none of them."""
        exclude = super()._get_validation_exclusions()
        cleaned = getattr(self, "cleaned_data", {})
        exclude.update(n for n in self.FOUND_BY_SELECT if n not in exclude and cleaned.get(n) is not None)
        return exclude

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit:
            if cleaned.get("internal_body") and cleaned["internal_body"].unit_id != unit.pk:
                self.add_error("internal_body", "承办机构必须是实施部门的内设机构")
            if cleaned.get("parent") and cleaned["parent"].unit_id != unit.pk:
                self.add_error("parent", "子项与所属主项必须属于同一实施部门")
            wrong = [d for d in cleaned.get("duties") or [] if d.unit_id != unit.pk]
            if wrong:
                self.add_error("duties", f"只能关联实施部门自己的职责（“{wrong[0]}”属于{wrong[0].unit.name}）")
        if self.instance.pk and cleaned.get("parent") and cleaned["parent"].pk == self.instance.pk:
            self.add_error("parent", "事项不能是自己的主项")
        return cleaned


class ResponsibilityItemForm(VersionedModelForm):
    duties = DutyChoiceField(label="关联职责", queryset=None, required=False,
                             widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = ResponsibilityItem
        fields = ["unit", "kind", "name", "content", "basis", "accountability_scope", "related_units", "division",
                  "power_items", "position", "note"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4}), "basis": forms.Textarea(attrs={"rows": 3}),
                   "division": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2}),
                   "accountability_scope": forms.Textarea(attrs={"rows": 2}),
                   "related_units": forms.SelectMultiple(attrs={"size": 6}),
                   "power_items": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = allowed_units(user, "change").order_by("region__code", "tree_path")
        self.fields["related_units"].queryset = Unit.objects.restrict(user, "view").order_by("region__code",
                                                                                              "tree_path")
        self.fields["power_items"].queryset = PowerItem.objects.restrict(user, "change").select_related("parent")
        self.fields["duties"].queryset = _duty_queryset(user)
        if self.instance.pk:
            self.fields["duties"].initial = list(self.instance.duties.values_list("pk", flat=True))

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        if unit:
            if any(d.unit_id != unit.pk for d in cleaned.get("duties") or []):
                self.add_error("duties", "只能关联实施部门自己的职责")
            if any(p.unit_id != unit.pk for p in cleaned.get("power_items") or []):
                self.add_error("power_items", "只能关联实施部门自己的权力事项")
        if cleaned.get("kind") == "boundary" and not cleaned.get("related_units"):
            self.add_error("related_units", "职责边界事项须选择相关单位")
        return cleaned


class StagesField(forms.CharField):
    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.replace("、", "\n").splitlines() if line.strip()]


class PowerCategoryForm(VersionedModelForm):
    stages = StagesField(label="责任环节", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                         help_text="每行一个环节，如 受理、审查、决定、送达、事后监管")

    class Meta:
        model = PowerCategory
        fields = ["name", "code_prefix", "parent", "is_power", "stages", "sort_order", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = PowerCategory.objects.filter(parent__isnull=True)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = qs


class LawForm(VersionedModelForm):
    class Meta:
        model = Law
        fields = ["name", "doc_number", "level", "issuer", "promulgated_on", "revised_on", "status", "needs_review",
                  "note"]
        widgets = {"promulgated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "revised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "note": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):

        name = self.cleaned_data["name"]
        if Law.objects.filter(name_key=law_key(name)).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("法规库中已有该法规（同名），请勿重复登记")
        return name


class UploadForm(forms.Form):
    file = forms.FileField(label="清单文件（.xlsx 或 .csv）")

    def clean_file(self):
        f = self.cleaned_data["file"]
        name = f.name.lower()
        if not name.endswith((".xlsx", ".csv", ".xls")):
            raise forms.ValidationError("只能上传 .xlsx 或 .csv 文件")
        if name.endswith(".xls"):
            raise forms.ValidationError("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传")
        if f.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"文件超过 {MAX_UPLOAD_MB} MB")
        check_upload(f, allowed=TABLE_KINDS, max_bytes=MAX_UPLOAD_MB * 1024 * 1024)  # content, zip-bomb limits
        return f


class MappingForm(forms.Form):
    """Map the file's headers to the template's columns, and unknown unit names to units."""

    def __init__(self, *args, job=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        choices = [("", "（不导入）")] + [(c.key, c.header) for c in columns_for(job.kind)]
        for pos, header in enumerate(job.headers):
            self.fields[f"col_{pos}"] = forms.ChoiceField(label=header, choices=choices, required=False,
                                                          initial=(job.mapping or {}).get(str(pos), ""))
        units = allowed_units(user, "change").order_by("region__code", "tree_path")
        self.fields["default_unit"] = forms.ModelChoiceField(
            label="默认实施部门", queryset=units, required=False,
            help_text="文件没有实施部门列、或该列为空时使用")
        unit_choices = [("", "（按名称匹配）")] + [(str(u.pk), u.name) for u in units]

        resolver = UnitResolver(user, "change")
        self.unit_fields = []
        for i, value in enumerate(job.unit_values or []):
            field = forms.ChoiceField(label=value, choices=unit_choices, required=False,
                                      initial=(job.unit_mapping or {}).get(value, ""))
            field.resolved = resolver.resolve(value) is not None
            self.fields[f"unit_{i}"] = field
            self.unit_fields.append(f"unit_{i}")

    def column_fields(self):
        return [self[f"col_{pos}"] for pos in range(len(self.job.headers))]

    def unit_value_fields(self):
        return [(self[name], self.fields[name].resolved) for name in self.unit_fields]

    def clean(self):
        cleaned = super().clean()
        used = {}
        for pos in range(len(self.job.headers)):
            key = cleaned.get(f"col_{pos}")
            if key:
                if key in used:
                    self.add_error(f"col_{pos}", f"与“{self.job.headers[used[key]]}”对照到了同一模板列")
                used[key] = pos
        keys = set(used)
        if "name" not in keys and not (self.job.kind == "stage" and "code" in keys):
            raise forms.ValidationError("请把文件中的一列对照为“事项名称”")
        if "unit" not in keys and not cleaned.get("default_unit"):
            raise forms.ValidationError("文件没有对照“实施部门”列时，请选择默认实施部门")
        return cleaned

    def apply(self):
        job, data = self.job, self.cleaned_data
        job.mapping = {str(pos): data[f"col_{pos}"] for pos in range(len(job.headers)) if data.get(f"col_{pos}")}
        job.default_unit = data.get("default_unit")
        job.unit_mapping = {self.fields[name].label: data[name] for name in self.unit_fields if data.get(name)}
        return job
