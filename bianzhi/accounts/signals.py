"""Login, failed login and logout go into the audit log as events (等保三级: 登录事件审计). They carry no unit, so
only the audit administrator sees them — a clerk never sees when a confirmer logged in."""
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from bianzhi.core.audit import record_event
from bianzhi.core.context import current


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    ctx = current()
    ctx.user_id, ctx.username = user.pk, user.get_username()
    record_event("login", user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", "")).replace("\x00", "")[:150]
    detail = {"reason": "throttled"} if getattr(request, "login_throttled", False) else None
    record_event("login_failed", username=username, detail=detail)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_event("logout", user=user)
