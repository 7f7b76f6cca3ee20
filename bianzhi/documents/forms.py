from django import forms

from bianzhi.accounts.permissions import may_create_document_without_unit
from bianzhi.registry.forms import VersionedModelForm
from bianzhi.registry.models import Unit

from .models import ApprovalDocument

MAX_UPLOAD = 50 * 1024 * 1024


class ApprovalDocumentForm(VersionedModelForm):
    upload = forms.FileField(label="上传文件（可选）", required=False,
                             help_text="原件按字节保存，并记录 SHA-256；只能经权限检查后下载")

    class Meta:
        model = ApprovalDocument
        fields = ["unit", "doc_number_raw", "title", "issuing_organ", "issued_on", "effective_on", "doc_type", "note"]
        labels = {"doc_number_raw": "文号"}
        help_texts = {"doc_number_raw": "按原文填写，如 百编〔2019〕23号；【】[]() 等写法会自动规范为〔〕，原文保留"}
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = Unit.objects.restrict(user, "change").order_by("tree_path")
        self.fields["unit"].required = not may_create_document_without_unit(user)
        if self.instance.pk:
            self.fields.pop("upload")

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"文件“{upload.name}”超过50MB，无法上传")
        return upload


class DocumentFileForm(forms.Form):
    upload = forms.FileField(label="文件")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size == 0:
            raise forms.ValidationError(f"文件“{upload.name}”为空")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(f"文件“{upload.name}”超过50MB，无法上传")
        return upload
