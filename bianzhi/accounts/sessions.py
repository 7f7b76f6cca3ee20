"""The session engine (SESSION_ENGINE = "bianzhi.accounts.sessions"): core.sessions' database sessions, whose row
and whose user are read in one statement once the process knows the session's user.

Every signed-in request reads the session's row, decodes it to find the user's key, then reads the user with its
second-factor flag (`backends.SESSION_USER`): two round trips to the database. The user a session key belongs to
does not change (a login makes a new key), so the process remembers it the first time the session is decoded,
and afterwards reads the session's row and that user's row side by side (`core.precompiled.PrecompiledBeside`),
both as fresh as before — in the same statement, with the paths of the user's root units (a clerk's scope,
`scope.clerk_root_paths`), which the scope then takes from the request's memo instead of asking again. The user's row is handed to `LockoutModelBackend.get_user` of the
same request only if the session just decoded names that user; otherwise it is dropped and the user read as before.
So an ended session (no row), a deactivated or locked account (the row read now) and a removed authenticator (the
flag read now) are refused on the very next request, as before."""
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.db import router
from django.utils import timezone

from bianzhi.core.context import current
from bianzhi.core.precompiled import Precompiled, PrecompiledBeside
from bianzhi.core.sessions import SESSION_ROW
from bianzhi.core.sessions import SessionStore as DatabaseSessionStore

from .backends import MEMO_KEY, SESSION_USER
from .scope import CLERK_ROOT_PATHS, clerk_roots_memo_key

# the session's row, its user's row and — for a clerk's scope (scope.clerk_root_paths) — the user's root units' paths
SESSION_AND_USER = PrecompiledBeside(SESSION_ROW, SESSION_USER, CLERK_ROOT_PATHS)

# Further reads of the request's user that an app's scope extension asks on every request (registered at start-up,
# `read_with_session`): each a precompiled query of the user's key alone, read in the same statement as the
# session (after the root paths; the rows of both are the product of their rows, each part read back as a set),
# its rows (tuples, without repeats, in the order found) kept in the request's memo under `memo_key(user's key)`.
WITH_SESSION: list[tuple] = []
_BESIDE: dict = {}


def read_with_session(query: Precompiled, memo_key: Callable[[int], tuple]) -> None:
    """Read `query(user's key)` with the session of every signed-in request whose user the process already knows;
    its rows in `current().memo[memo_key(user's key)]` (absent when it was not read so: the caller reads it)."""
    if all(query is not known for known, _ in WITH_SESSION):
        WITH_SESSION.append((query, memo_key))


def session_and_user() -> tuple[PrecompiledBeside, tuple]:
    """The session statement with the registered reads, and their memo keys (built once per set of reads)."""
    extra = tuple(WITH_SESSION)
    found = _BESIDE.get(extra)
    if found is None:
        queries = (SESSION_ROW, SESSION_USER, CLERK_ROOT_PATHS, *(query for query, _ in extra))
        found = _BESIDE[extra] = (SESSION_AND_USER if not extra else PrecompiledBeside(*queries),
                                  tuple(key for _, key in extra))
    return found

# session key → the user's key as the session stores it (text); bounded, cleared when full (a guess only)
USER_OF_SESSION: dict[str, str] = {}
REMEMBERED_AT_MOST = 50_000


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        user_key = USER_OF_SESSION.get(key) if key else None
        memo = current().memo
        if user_key is None or memo is None or not user_key.isdigit():
            return super()._get_session_from_db()
        using = router.db_for_read(self.model)
        user_id = int(user_key)
        statement, memo_keys = session_and_user()
        rows = statement.rows(using, (key, timezone.now()), (user_id,), (user_id,), *((user_id,) for _ in memo_keys))
        if not rows:
            self._session_key = None
            return None
        session_row, user_row = rows[0][:2]
        memo[MEMO_KEY] = (user_key, user_row)
        # read for this user's key: used only by the scope of the user with that key (the memo's key names it)
        memo[clerk_roots_memo_key(user_id)] = [root[0] for root in dict.fromkeys(row[2] for row in rows)
                                               if root is not None]
        for n, memo_key in enumerate(memo_keys, start=3):
            memo[memo_key(user_id)] = [part for part in dict.fromkeys(row[n] for row in rows) if part is not None]
        return self.model.from_db(using, ["session_key", "session_data", "expire_date"], session_row)

    def load(self):
        data = super().load()
        user_key = data.get(SESSION_KEY)
        if isinstance(user_key, str) and self.session_key:
            if len(USER_OF_SESSION) >= REMEMBERED_AT_MOST:
                USER_OF_SESSION.clear()
            USER_OF_SESSION[self.session_key] = user_key
        return data

