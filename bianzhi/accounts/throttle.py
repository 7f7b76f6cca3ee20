"""Login throttle by account AND source address (等保三级 login-failure handling, issue 15 finding 6).

`reserve()` counts an attempt BEFORE the password is checked, in one conditional UPDATE, so parallel requests
cannot slip past the limit: of N simultaneous guesses exactly LOGIN_MAX_FAILURES reach the password check (a
check-then-count design — django-axes included — lets all N through, see docs/adr/0020). A success clears the row.
The row is keyed on the username as typed, whether or not such an account exists, and an address that is locked
out is told the same thing for every username.

A lock stops one address for one username; the account itself is locked (and its API tokens revoked) only after
LOGIN_ACCOUNT_MAX_FAILURES failures from all addresses together, so an anonymous attacker cannot shut a named
user out with a handful of requests.
"""
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from .models import LoginThrottle, User


def normalise(username: str) -> str:
    return unicodedata.normalize("NFKC", username or "").replace("\x00", "").strip().lower()[:150]


def _row(username: str, ip: str):
    qs = LoginThrottle.objects.filter(username=username, ip=ip)
    if not qs.exists():
        try:
            with transaction.atomic():
                LoginThrottle.objects.create(username=username, ip=ip)
        except IntegrityError:  # created by a parallel request: fine, it is the same row
            pass
    return qs


def reserve(username: str, ip: str | None) -> bool:
    """Count one attempt; False when this (username, address) is locked out and must not be checked."""
    limit = settings.LOGIN_MAX_FAILURES
    now = timezone.now()
    until = now + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    qs = _row(normalise(username), ip or "unknown")
    qs.filter(locked_until__lte=now).update(failures=0, locked_until=None)  # a served lock starts afresh
    # one statement: the database serialises parallel requests on this row
    return bool(qs.filter(failures__lt=limit).update(
        failures=F("failures") + 1, last_attempt=now,
        locked_until=Case(When(failures__gte=limit - 1, then=Value(until)), default=F("locked_until"))))


def succeeded(username: str, ip: str | None, user) -> None:
    LoginThrottle.objects.filter(username=normalise(username), ip=ip or "unknown").delete()
    if user.failed_login_count:
        User._base_manager.filter(pk=user.pk).update(failed_login_count=0)


def failed_for_account(user) -> None:
    """A wrong password for an existing account: count it across all addresses; past the account-wide limit the
    account is locked (User.save revokes its tokens)."""
    User._base_manager.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count", "locked_until"])
    limit = settings.LOGIN_ACCOUNT_MAX_FAILURES
    if limit and user.failed_login_count >= limit and not user.is_locked:
        user.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        user.failed_login_count = 0
        user.save(update_fields=["failed_login_count", "locked_until"])
