from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from . import otp


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


class SecondFactorMiddleware:
    """After the password: an account with an authenticator must pass it, an account that requires one
    (permissions.requires_second_factor — administrators, 三员) must first bind one, before any staff page, the
    admin site or the session-authenticated API. (Token-authenticated API calls are for integrations and never
    use a session.)"""

    PROTECTED = ("/manage/", "/admin/", "/api/v1/", "/accounts/me/", "/accounts/password/")
    OPEN = ("/api/v1/public/", "/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if (user is None or not user.is_authenticated or not path.startswith(self.PROTECTED)
                or path.startswith(self.OPEN) or user.is_verified()):
            return self.get_response(request)
        bound = getattr(user, "confirmed_totp_at_load", None)  # read with the user (backends.get_user), this request
        if bound if bound is not None else otp.has_second_factor(user):
            target = "accounts:otp-verify"
        elif otp.needs_enrolment(user):
            target = "accounts:otp-enrol"
        else:
            return self.get_response(request)  # optional for this account, and not bound
        if path.startswith("/api/"):
            return JsonResponse({"detail": "请先完成二次验证（身份验证器）。", "code": "second_factor_required"},
                                status=403)
        return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))


class ForcedPasswordChangeMiddleware:
    """An account given a one-time password (created in bulk, or reset by the 编办) can do nothing but change it:
    every page sends it to the password-change page, every API call is refused, until `set_password` clears
    `User.must_change_password`. Logging out, the second factor and static files stay open."""

    OPEN = ("/accounts/password/", "/accounts/logout/", "/accounts/login/", "/accounts/otp/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if (user is None or not user.is_authenticated or not getattr(user, "must_change_password", False)
                or path.startswith(self.OPEN) or path.startswith(settings.STATIC_URL or "/static/")):
            return self.get_response(request)
        if path.startswith("/api/"):
            return JsonResponse({"detail": "请先修改初始密码（管理员设置的一次性密码）。", "code": "password_change_required"},
                                status=403)
        messages.warning(request, "您正在使用管理员设置的一次性密码，请先修改密码，之后才能使用平台。")
        return redirect(reverse("accounts:password_change"))
