"""Per-request context (user, IP, request id) for the audit log, kept in context variables."""
import contextvars
from dataclasses import dataclass, field


@dataclass
class RequestContext:
    request_id: str = ""
    ip: str | None = None
    user_id: int | None = None
    username: str = ""
    # Answers computed once per request (a clerk's scope is asked for 5–10 times per page); only a request
    # gets a memo (RequestContextMiddleware): jobs and commands always compute afresh.
    memo: dict | None = field(default=None, repr=False)


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("bianzhi_request", default=None)


def current() -> RequestContext:
    return _current.get() or RequestContext()


def set_context(ctx: RequestContext | None):
    return _current.set(ctx)


def reset_context(token) -> None:
    _current.reset(token)


class acting_as:
    """Attribute writes made outside a request (commands, jobs) to a user: `with acting_as(user): ...`."""

    def __init__(self, user=None, request_id: str = "system"):
        self.ctx = RequestContext(request_id=request_id, user_id=getattr(user, "pk", None),
                                  username=getattr(user, "username", "") or "system")

    def __enter__(self):
        self.token = set_context(self.ctx)
        return self.ctx

    def __exit__(self, *exc):
        reset_context(self.token)

