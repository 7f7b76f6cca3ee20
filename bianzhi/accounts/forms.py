from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续失败多次后账号将被锁定。",
        "inactive": "该账号已停用。",
        "locked": "该账号因连续登录失败已被锁定，请稍后再试或联系市编办管理员。",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            user = get_user_model()._base_manager.filter(username=username).first()
            if user is not None and user.is_locked:
                raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()
