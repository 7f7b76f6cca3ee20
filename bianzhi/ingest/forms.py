from django import forms

from bianzhi.accounts.scope import allowed_units
from bianzhi.documents.models import DocumentType

from .extract import IMAGE_SUFFIXES, TEXT_SUFFIXES

ACCEPT = ",".join(sorted({".docx", ".doc", ".pdf", ".ofd"} | IMAGE_SUFFIXES | TEXT_SUFFIXES))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files (Django's documented pattern for <input multiple>)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            if not data:
                return [single(None, initial)]
            return [single(d, initial) for d in data]
        return [single(data, initial)]


MAX_BATCH = 20


class UploadForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=None, empty_label="请选择单位")
    file = MultipleFileField(label="文件", help_text="三定规定或调整通知：Word（.docx/.doc）、PDF（含扫描件）、OFD、图片或纯文本，每份不超过 20 MB。"
                                                   "可一次选择同一单位的多份文件（基础三定和历次调整通知），系统按基础三定在前、通知按发文日期排列，依次核对")

    def clean_file(self):
        files = self.cleaned_data["file"]
        if len(files) > MAX_BATCH:
            raise forms.ValidationError(f"一次最多上传 {MAX_BATCH} 份文件，收到 {len(files)} 份")
        return files

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = allowed_units(user, "change").order_by("tree_path")
        self.fields["unit"].error_messages["invalid_choice"] = "该单位不在您的录入范围内"


class HeaderForm(forms.Form):
    """The approval document's header, pre-filled from the parse; the clerk checks it."""

    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="文件标题", max_length=300)
    doc_number = forms.CharField(label="文号", max_length=100, required=False, help_text="如 百编办〔2021〕35号")
    doc_type = forms.ChoiceField(label="文件类型", choices=[(DocumentType.SANDING, "三定规定"),
                                                        (DocumentType.ADJUSTMENT, "调整通知")])
    issuing_organ = forms.CharField(label="发文机关", max_length=200, required=False)
    issued_on = forms.DateField(label="发文日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    effective_on = forms.DateField(label="生效日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                   help_text="三定版本自此日起生效；未填写时取发文日期")

    def clean(self):
        data = super().clean()
        if not data.get("effective_on") and not data.get("issued_on"):
            self.add_error("effective_on", "请填写生效日期或发文日期")
        return data
