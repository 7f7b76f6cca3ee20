"""Login with the throttle of `throttle.py`: a (username, address) pair is stopped after LOGIN_MAX_FAILURES
failures for LOGIN_LOCKOUT_MINUTES, before its password is even checked."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.core.context import current
from bianzhi.core.net import client_ip
from bianzhi.core.precompiled import MARKER_ID, Precompiled

from . import throttle


def _user_with_second_factor(user_id):
    User = get_user_model()
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (User._default_manager.annotate(confirmed_totp_at_load=Exists(confirmed)).filter(pk=user_id)
            .values_list(*[f.attname for f in User._meta.concrete_fields], "confirmed_totp_at_load"))


SESSION_USER = Precompiled(_user_with_second_factor, MARKER_ID)
# The request memo's entry where the session engine (accounts.sessions) leaves the row of SESSION_USER it read beside
# the session's row: (the user's key as the session stores it, the row or None).
MEMO_KEY = "session_user_row"


def user_row_read_with_session(user_id) -> tuple[bool, tuple | None]:
    """(True, the row or None) when this request's session read already read user `user_id`'s row; (False, None)
    otherwise. Taken once."""
    memo = current().memo
    found = memo.pop(MEMO_KEY, None) if memo is not None else None
    if found is None or found[0] != str(user_id):
        return False, None
    return True, found[1]


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None else None
        if not throttle.reserve(username, ip):
            if request is not None:
                request.login_throttled = True
            return None
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            User().set_password(password)  # same time as a real check: no timing oracle
            return None
        if not user.check_password(password):
            throttle.failed_for_account(user)
            return None
        if not self.user_can_authenticate(user):
            if request is not None:  # the right password: saying why it does not work reveals nothing new
                request.login_refused_account = user
            return None
        throttle.succeeded(username, ip, user)
        return user

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not user.is_locked

    def get_user(self, user_id):
        """The session's user, read with whether a confirmed authenticator is bound (`confirmed_totp_at_load`, for
        SecondFactorMiddleware on this request): one query where the user and the device were two on every staff
        request.
        The query is compiled once per process (core.precompiled): compiling it was most of its cost."""
        User = get_user_model()
        try:
            user_id = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        using = router.db_for_read(User)
        read, row = user_row_read_with_session(user_id)  # read beside the session's row, this request
        if not read:
            rows = SESSION_USER.rows(using, user_id)
            row = rows[0] if rows else None
        if row is None:
            return None
        user = User.from_db(using, [f.attname for f in User._meta.concrete_fields], row[:-1])
        user.confirmed_totp_at_load = bool(row[-1])
        return user if self.user_can_authenticate(user) else None
