from django import forms


class UnpublishForm(forms.Form):
    reason = forms.CharField(label="撤回理由", max_length=300, widget=forms.TextInput(attrs={"size": 40}),
                             error_messages={"required": "请填写撤回公开的理由"})
