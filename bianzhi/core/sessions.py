"""The session engine: Django's database sessions, with the session read on every request compiled once per process
(core.precompiled) — the same row, the same expiry condition, the same table; writes, keys and expiry are Django's.
Settings: SESSION_ENGINE = "bianzhi.core.sessions"."""
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router
from django.utils import timezone

from .precompiled import MARKER_TEXT, MARKER_TIME, Precompiled


def _session_row(session_key, now):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(session_key=session_key, expire_date__gt=now).values_list(
        "session_key", "session_data", "expire_date")


SESSION_ROW = Precompiled(_session_row, MARKER_TEXT, MARKER_TIME)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        if not self.session_key:  # no cookie, or a key the store refused (too short): no row can match
            self._session_key = None
            return None
        using = router.db_for_read(self.model)
        rows = SESSION_ROW.rows(using, self.session_key, timezone.now())
        if not rows:
            self._session_key = None
            return None
        return self.model.from_db(using, ["session_key", "session_data", "expire_date"], rows[0])
