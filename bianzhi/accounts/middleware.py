from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone


class PasswordRotationMiddleware:
    """等保三级 password rotation: a staff user whose password is older than PASSWORD_MAX_AGE_DAYS is sent to the
    password-change page before anything else (0 disables the rule)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        max_age = getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0)
        if (max_age and user is not None and user.is_authenticated and request.path.startswith("/manage/")
                and user.password_changed_at
                and user.password_changed_at < timezone.now() - timedelta(days=max_age)):
            messages.warning(request, f"您的密码已使用超过 {max_age} 天，请先修改密码。")
            return redirect(reverse("accounts:password_change"))
        return self.get_response(request)
