import re
import unicodedata

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

from .demo_credentials import DEMO_PASSWORD


class CharacterClassValidator:
    """Password complexity: at least three of upper-case, lower-case, digits and symbols."""

    def validate(self, password, user=None):
        classes = [r"[A-Z]", r"[a-z]", r"\d", r"[^A-Za-z0-9]"]
        if sum(bool(re.search(c, password)) for c in classes) < 3:
            raise ValidationError("密码须至少包含大写字母、小写字母、数字、符号中的三类。", code="password_too_simple")

    def get_help_text(self):
        return "密码须至少包含大写字母、小写字母、数字、符号中的三类。"


class MinimumLengthValidator:
    """Minimum length, with the message in Chinese (Django's zh-hans catalogue lacks this plural form)."""

    def __init__(self, min_length=10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"密码长度太短，至少需要 {self.min_length} 个字符。", code="password_too_short")

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"


LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "l", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t",
                      "+": "t", "9": "g"})
# Words everyone around a 编办 would try first (pinyin of the office, the city, the platform).
LOCAL_COMMON = {"bianzhi", "bianban", "jigou", "baise", "guangxi", "admin", "woaini", "qwerty", "zhongguo",
                "abc", "asdf", "password", "passw", "mima"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _stem(password: str) -> list[str]:
    """The password, its leetspeak reading, and both without the digits and symbols people append or prepend."""
    low = _fold(password)
    forms = {low, low.translate(LEET)}
    for form in list(forms):
        forms.add(re.sub(r"^[\d\W_]+|[\d\W_]+$", "", form))
        forms.add(re.sub(r"[\d\W_]+", "", form))
    return [f for f in forms if f]


class CommonVariantValidator:
    """Common passwords dressed up: `P@ssw0rd123` is `password` with leetspeak and a number."""

    def __init__(self):
        self.common = CommonPasswordValidator().passwords | LOCAL_COMMON

    def validate(self, password, user=None):
        if any(stem in self.common for stem in _stem(password)):
            raise ValidationError("密码是常见密码的变形（如 P@ssw0rd123），请换一个。", code="password_too_common")

    def get_help_text(self):
        return "不能是常见密码或其变形。"


class ContextWordsValidator:
    """No username, display name, e-mail name, platform name (or its pinyin) and never the published demo
    password."""

    def context_words(self, user) -> list[tuple[str, str]]:
        words = [(w, "平台名称") for w in ["bianzhi", "bianban", "baise", settings.PLATFORM_NAME]]
        words += [(settings.PLATFORM_NAME[i:i + 2], "平台名称") for i in range(len(settings.PLATFORM_NAME) - 1)]
        if user is not None:
            words += [(user.get_username(), "用户名"), (getattr(user, "display_name", ""), "姓名"),
                      ((getattr(user, "email", "") or "").split("@")[0], "邮箱"),
                      (getattr(user, "first_name", ""), "姓名"), (getattr(user, "last_name", ""), "姓名")]
        return [(_fold(w), label) for w, label in words if w and len(_fold(w)) >= (2 if not w.isascii() else 3)]

    def validate(self, password, user=None):
        if password == DEMO_PASSWORD:
            raise ValidationError("不能使用公开的演示密码。", code="password_demo")
        forms = _stem(password)
        for word, label in self.context_words(user):
            if any(word in form for form in forms):
                raise ValidationError(f"密码不能包含{label}（{word}）。", code="password_context")

    def get_help_text(self):
        return "不能包含用户名、姓名或平台名称，不能是演示密码。"


class PasswordHistoryValidator:
    """Not the current password nor one of the last PASSWORD_HISTORY_COUNT."""

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        count = settings.PASSWORD_HISTORY_COUNT
        hashes = list(user.password_history.values_list("password", flat=True)[:count])
        current = user.password_history.model.user.field.related_model._base_manager.filter(pk=user.pk).values_list("password", flat=True).first()
        if any(check_password(password, h) for h in [current, *hashes] if h):
            raise ValidationError(f"不能与最近 {count} 次使用过的密码相同。", code="password_reused")

    def get_help_text(self):
        return f"不能与最近 {settings.PASSWORD_HISTORY_COUNT} 次使用过的密码相同。"
