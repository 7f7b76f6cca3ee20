from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。同一账号在同一地址连续失败多次将暂停登录。",
        "inactive": "该账号已停用。",
        "locked": "该账号已被锁定，请稍后再试或联系系统管理员。",
        "throttled": "登录失败次数过多，此地址暂停登录该账号 {minutes} 分钟。",
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            request = self.request
            if getattr(request, "login_throttled", False):
                raise forms.ValidationError(
                    self.error_messages["throttled"].format(minutes=settings.LOGIN_LOCKOUT_MINUTES), code="throttled")
            refused = getattr(request, "login_refused_account", None)
            if refused is not None:
                code = "inactive" if not refused.is_active else "locked"
                raise forms.ValidationError(self.error_messages[code], code=code)
            raise


class OTPCodeForm(forms.Form):
    code = forms.CharField(label="验证码", max_length=20, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True}),
                           help_text="身份验证器上的 6 位数字，或一个恢复码")
