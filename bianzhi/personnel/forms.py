from django import forms

from bianzhi.registry.models import FundingForm, InternalBody
from bianzhi.sanding.models import StaffingType

from .models import EntryMethod, ExitKind, LeaderRole

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(forms.Form):
    staffing_type = forms.ChoiceField(label="编制类型", choices=StaffingType.choices)
    count = forms.IntegerField(label="申请使用数", min_value=1, max_value=500)
    recruitment = forms.ChoiceField(label="拟补充方式", choices=EntryMethod.choices, initial=EntryMethod.EXAM)
    planned_date = forms.DateField(label="计划补充日期", widget=DATE)
    reason = forms.CharField(label="用编理由", widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    note = forms.CharField(label="审批意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _body_field(unit):
    return BodyChoiceField(label="内设机构", required=False, empty_label="（单位领导或未分配）",
                           queryset=InternalBody.objects.filter(unit=unit, abolished_on__isnull=True))


class PersonFieldsForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(label="公民身份号码", max_length=30)
    ethnicity = forms.CharField(label="民族", max_length=20, required=False, initial="汉族")
    funding_form = forms.ChoiceField(label="经费形式", choices=[("", "—")] + FundingForm.choices, required=False)
    entry_method = forms.ChoiceField(label="进入方式", choices=EntryMethod.choices)
    post = forms.CharField(label="职务", max_length=60, required=False)
    rank = forms.CharField(label="职级", max_length=40, required=False)
    leader_role = forms.ChoiceField(label="领导职务类别", choices=LeaderRole.choices, required=False)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["internal_body"] = _body_field(unit)


class EnterForm(PersonFieldsForm):
    entry_date = forms.DateField(label="入编日期", widget=DATE)
    document = forms.CharField(label="入编文号", max_length=100, required=False,
                               help_text="留空则引用核准通知单编号")


class ExitForm(forms.Form):
    kind = forms.ChoiceField(label="出编方式", choices=ExitKind.choices)
    date = forms.DateField(label="出编日期", widget=DATE)
    document = forms.CharField(label="依据文号", max_length=100)


class ChangeForm(forms.Form):
    date = forms.DateField(label="变更日期", widget=DATE)
    document = forms.CharField(label="依据文号", max_length=100)
    post = forms.CharField(label="职务", max_length=60, required=False)
    rank = forms.CharField(label="职级", max_length=40, required=False)
    leader_role = forms.ChoiceField(label="领导职务类别", choices=LeaderRole.choices, required=False)
    row_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["internal_body"] = _body_field(unit)


class ImportForm(forms.Form):
    file = forms.FileField(label="人员信息表（.xlsx）")


class DateForm(forms.Form):
    date = forms.DateField(label="截至日期", required=False, widget=DATE)
