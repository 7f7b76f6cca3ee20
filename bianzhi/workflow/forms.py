from django import forms

from bianzhi.accounts.models import Role, User
from bianzhi.accounts.permissions import county_region
from bianzhi.accounts.scope import region_stem
from bianzhi.registry.forms import VersionedModelForm
from bianzhi.registry.models import Region, Unit

from .models import Campaign, MaterialItem


class CampaignForm(VersionedModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "basis", "region", "units", "accounts_due", "materials_due", "hold_from", "entry_start",
                  "review_due", "publish_due", "publish_by", "is_active", "note"]
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d") for name in
                   ["accounts_due", "materials_due", "hold_from", "entry_start", "review_due", "publish_due",
                    "publish_by"]}
        widgets["units"] = forms.SelectMultiple(attrs={"size": 14})
        widgets["note"] = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.restrict(user, "review").order_by("region__code", "tree_path")
        own = county_region(user)
        if own is not None:  # a county 编办 organises campaigns of its own county only
            self.fields["region"].queryset = Region.objects.filter(code__startswith=region_stem(own))
            self.fields["region"].required = True

    def clean(self):
        cleaned = super().clean()
        materials, hold = cleaned.get("materials_due"), cleaned.get("hold_from")
        review, publish = cleaned.get("review_due"), cleaned.get("publish_due")
        if materials and hold and hold <= materials:
            self.add_error("hold_from", "暂停业务起始日期应晚于材料报送截止日期")
        if review and publish and publish < review:
            self.add_error("publish_due", "对外公开日期不能早于录入和审核截止日期")
        publish_by = cleaned.get("publish_by")
        if publish and publish_by and publish_by < publish:
            self.add_error("publish_by", "对外公开最迟日期不能早于对外公开日期")
        return cleaned


class MaterialItemForm(forms.ModelForm):
    class Meta:
        model = MaterialItem
        fields = ["title", "doc_number", "issued_on", "kind", "position", "marked_newest"]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "title": forms.TextInput(attrs={"size": 60})}


class MaterialUploadForm(forms.Form):
    fmt = forms.ChoiceField(label="格式", choices=[("pdf", "PDF（盖章扫描件）"), ("docx", "Word（.docx）")])
    file = forms.FileField(label="文件")


class DecideMaterialsForm(forms.Form):
    decision = forms.ChoiceField(label="验收结论", choices=[("accept", "合格"), ("return", "退回重做")])
    reasons = forms.CharField(label="退回原因", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TransitionForm(forms.Form):
    comment = forms.CharField(label="说明 / 意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    target = forms.ChoiceField(label="针对内容")
    text = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "数据包（整体）")] + list(targets)
        self.fields["target"].required = False


class ResolveForm(forms.Form):
    resolution = forms.CharField(label="处理说明", required=False, widget=forms.TextInput(attrs={"size": 50}))


class ChangeRequestForm(forms.Form):
    reason = forms.CharField(label="变更理由", widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    confirmer = forms.ModelChoiceField(label="指定确认人", required=False, queryset=User.objects.none())
    reviewer = forms.ModelChoiceField(label="指定审核人", required=False, queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirmer"].queryset = User.objects.filter(role=Role.CONFIRMER, is_active=True)
        self.fields["reviewer"].queryset = User.objects.filter(role=Role.REVIEWER, is_active=True)
