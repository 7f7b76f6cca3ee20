import re

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Password complexity: at least three of upper-case, lower-case, digits and symbols."""

    def validate(self, password, user=None):
        classes = [r"[A-Z]", r"[a-z]", r"\d", r"[^A-Za-z0-9]"]
        if sum(bool(re.search(c, password)) for c in classes) < 3:
            raise ValidationError("密码须至少包含大写字母、小写字母、数字、符号中的三类。", code="password_too_simple")

    def get_help_text(self):
        return "密码须至少包含大写字母、小写字母、数字、符号中的三类。"
