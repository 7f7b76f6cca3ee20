"""Login with lockout: after LOGIN_MAX_FAILURES failed tries the account is locked for
LOGIN_LOCKOUT_MINUTES (等保三级 login-failure handling)."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone


class AccountLocked(Exception):
    pass


class LockoutModelBackend(ModelBackend):
    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not user.is_locked


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if not username:
        return
    User = get_user_model()
    user = User._base_manager.filter(username=username).first()
    if user is None or user.is_locked:
        return
    user.failed_login_count += 1
    if user.failed_login_count >= settings.LOGIN_MAX_FAILURES:
        user.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        user.failed_login_count = 0
    user.save(update_fields=["failed_login_count", "locked_until"])


@receiver(user_logged_in)
def _reset_failures(sender, request, user, **kwargs):
    if user.failed_login_count or user.locked_until:
        user.failed_login_count = 0
        user.locked_until = None
        user.save(update_fields=["failed_login_count", "locked_until"])
