"""Forms for building a draft 三定 version by explicit operations. Each carries the draft's row_version."""

from django import forms

from bianzhi.core.includes import IncludesError
from bianzhi.core.includes import parse_includes as read_includes
from bianzhi.documents.models import ApprovalDocument
from bianzhi.registry.models import InternalBody, Unit, UnitRank

from .models import DutyKind, SandingVersion, StaffingType, VersionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionDraftForm(forms.ModelForm):
    stated_admin = forms.IntegerField(label="文件所述调整后行政编制", required=False, min_value=0,
                                      help_text="文件写明“调整后…”时填写，提交前与计算结果核对")
    stated_leadership_level = forms.CharField(label="文件所述内设机构领导职数级别", required=False, max_length=30,
                                              help_text="如 司局级、正科级")
    stated_leadership = forms.IntegerField(label="文件所述调整后该级领导职数", required=False, min_value=0)

    class Meta:
        model = SandingVersion
        fields = ["document", "effective_date", "kind"]
        widgets = {"effective_date": DATE}

    def __init__(self, *args, user=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["document"].queryset = ApprovalDocument.objects.restrict(user, "view").order_by("-issued_on", "-id")
        self.fields["document"].help_text = "没有找到文件？请先在“批文”中登记"
        self.fields["effective_date"].required = False
        self.fields["effective_date"].help_text = "留空则取文件的生效日期（或发文日期）"
        self.fields["kind"].required = False
        self.fields["kind"].choices = [("", "自动（首个版本为三定规定，其后为调整）")] + list(VersionKind.choices)

    def stated_totals(self) -> dict:
        totals = {}
        data = self.cleaned_data
        if data.get("stated_admin") is not None:
            totals["staffing:admin"] = data["stated_admin"]
        if data.get("stated_leadership") is not None:
            totals[f"leadership:{(data.get('stated_leadership_level') or '').strip()}"] = data["stated_leadership"]
        return totals


class OperationForm(forms.Form):
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, version=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version, self.user = version, user
        self.fields["row_version"].initial = version.row_version if version else None


class StatementForm(OperationForm):
    nature_text = forms.CharField(label="机构性质和规格表述", widget=forms.Textarea(attrs={"rows": 2}))
    rank = forms.ChoiceField(label="机构规格", choices=[("", "—")] + list(UnitRank.choices), required=False)


def parse_includes(text: str) -> list:
    """“援派机动编制3名；离退休干部工作人员编制2名” → [{"label": …, "count": 3}, …] (core.includes)."""
    try:
        return read_includes(text)
    except IncludesError as exc:
        raise forms.ValidationError(str(exc))


class StaffingForm(OperationForm):
    staffing_type = forms.ChoiceField(label="编制类型", choices=StaffingType.choices)
    label = forms.CharField(label="名称（其他编制）", required=False, max_length=60)
    count = forms.IntegerField(label="核定数额（0 表示取消）", min_value=0)
    includes = forms.CharField(label="其中含", required=False,
                               help_text="如：援派机动编制3名；离退休干部工作人员编制2名。留空则保留原有“含…”，填“无”则清除")

    def clean_includes(self):
        text = (self.cleaned_data.get("includes") or "").strip()
        if not text:
            return None  # keep what the line already says
        if text == "无":
            return []
        return parse_includes(text)


class TransferForm(OperationForm):
    direction = forms.ChoiceField(label="方向", choices=[("in", "从其他单位划入本单位"), ("out", "从本单位划出")])
    other_unit = forms.ModelChoiceField(label="对方单位", queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Unit.objects.restrict(self.user, "change").order_by("tree_path")
        if self.version:
            qs = qs.exclude(pk=self.version.unit_id)
        self.fields["other_unit"].queryset = qs


class StaffingTransferForm(TransferForm):
    staffing_type = forms.ChoiceField(label="编制类型", choices=StaffingType.choices)
    count = forms.IntegerField(label="划转数额", min_value=1)


class QuotaForm(OperationForm):
    level = forms.CharField(label="级别", max_length=30, help_text="如 正科级、副科级、司局级")
    count = forms.IntegerField(label="职数（0 表示取消）", min_value=0)


class QuotaTransferForm(TransferForm):
    level = forms.CharField(label="级别", max_length=30)
    count = forms.IntegerField(label="划转职数", min_value=1)


class HeadPostForm(OperationForm):
    title = forms.CharField(label="职务", max_length=60, help_text="如 局长、副局长、总督学")
    count = forms.IntegerField(label="职数（0 表示取消）", min_value=0)
    rank = forms.CharField(label="级别", max_length=30, required=False)
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如 兼任、由副局长兼任")


class BodyChoiceMixin:
    def body_queryset(self):
        return InternalBody.objects.filter(unit=self.version.unit) if self.version else InternalBody.objects.none()


class PlaqueAddForm(BodyChoiceMixin, OperationForm):
    name = forms.CharField(label="牌子名称", max_length=200)
    internal_body = forms.ModelChoiceField(label="挂于内设机构（留空为本单位）", queryset=InternalBody.objects.none(),
                                           required=False)
    kind = forms.ChoiceField(label="方式", choices=[("added", "加挂"), ("retained", "对外保留")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["internal_body"].queryset = self.body_queryset()


class PlaqueRemoveForm(OperationForm):
    key = forms.CharField(widget=forms.HiddenInput)


class BodyCreateForm(OperationForm):
    name = forms.CharField(label="名称", max_length=100)
    duty_text = forms.CharField(label="主要职责", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    head_count = forms.IntegerField(label="正职", min_value=0, initial=1)
    deputy_count = forms.IntegerField(label="副职", min_value=0, initial=0)
    posts_note = forms.CharField(label="职数说明", max_length=200, required=False)


class BodyUpdateForm(BodyChoiceMixin, BodyCreateForm):
    body = forms.ModelChoiceField(label="内设机构", queryset=InternalBody.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.body_queryset()


class BodyAbolishForm(BodyChoiceMixin, OperationForm):
    body = forms.ModelChoiceField(label="内设机构", queryset=InternalBody.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = self.body_queryset()


class DutyMoveForm(OperationForm):
    duty = forms.IntegerField(widget=forms.HiddenInput)
    target_unit = forms.ModelChoiceField(label="划入单位", queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Unit.objects.restrict(self.user, "change").order_by("tree_path")
        if self.version:
            qs = qs.exclude(pk=self.version.unit_id)
        self.fields["target_unit"].queryset = qs


class DutyKindForm(forms.Form):
    kind = forms.ChoiceField(choices=DutyKind.choices)
