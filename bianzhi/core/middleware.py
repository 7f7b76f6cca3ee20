import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY as SESSION_USER_KEY
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.functional import LazyObject, empty
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import page_not_found

from .context import RequestContext, current, reset_context, set_context
from .locks import LockedError
from .net import client_ip


class RequestContextMiddleware:
    """Gives every request an id (echoed in X-Request-ID) and records the client IP (see `net.client_ip`) for the
    audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        ip = client_ip(request)
        request.request_id = request_id
        token = set_context(RequestContext(request_id=request_id, ip=ip or None, memo={}))
        try:
            response = self.get_response(request)
        finally:
            reset_context(token)
        response["X-Request-ID"] = request_id
        return response


class SessionRenewalMiddleware:
    """Idle sessions end after SESSION_COOKIE_AGE (30 minutes): each request of a signed-in session pushes the end
    back — but the session is written (one UPDATE and a new cookie) at most once per SESSION_RENEW_SECONDS, not on
    every request as SESSION_SAVE_EVERY_REQUEST would (a write per request was a tenth of a clerk's API request).
    So a session ends between SESSION_COOKIE_AGE − SESSION_RENEW_SECONDS and SESSION_COOKIE_AGE after its last
    request. Placed after SessionMiddleware: its response phase runs first and marks the session modified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or SESSION_USER_KEY not in session:
            return response  # anonymous visitor, an unknown cookie, or the view ended the session (logout)
        now = int(time.time())
        if now - session.get("_renewed_at", 0) >= settings.SESSION_RENEW_SECONDS:
            session["_renewed_at"] = now
        return response


class AuditUserMiddleware:
    """After authentication: put the user into the request context (API token users are added by DRF's
    authentication in `bianzhi.core.api`).

    The user the middleware above read for this request (the session's, checked by the second factor's middleware)
    is then `request.user` itself rather than the lazy objects wrapping it (AuthenticationMiddleware's, OTPMiddleware's
    around it): every `request.user.<attribute>` of the view — the scope reads the role, the unit, the region… —
    went through both proxies (an AttributeError caught in each). The same object, read once as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):

        ctx = current()
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ctx.user_id, ctx.username = user.pk, user.get_username()
        if user is not None:
            request.user = unwrapped(user)
        return self.get_response(request)


def unwrapped(user):
    """The object behind lazy objects that have been read (`SimpleLazyObject` of a SimpleLazyObject …), or the lazy
    object where one has not been read."""
    while isinstance(user, LazyObject):
        inner = user._wrapped
        if inner is empty:
            break
        user = inner
    return user


class LockedErrorMiddleware:
    """Turns a LockedError raised anywhere in a page view (form, admin change page, admin bulk action) into a
    clear Chinese message and a redirect back, instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, LockedError):
            return None
        if request.path.startswith("/api/"):
            return None  # the API's exception handler answers 409 with a Chinese detail
        if request.method == "GET":
            return HttpResponse(f"<p>{exc}</p>", status=409, content_type="text/html; charset=utf-8")
        messages.error(request, str(exc))
        target = request.META.get("HTTP_REFERER") or request.get_full_path()
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            target = request.get_full_path()
        return HttpResponseRedirect(target)


class OutOfRangeIdMiddleware:
    """An id beyond the database's 64-bit integers in an address or a parameter (“/unit/1180591620717411303424/”):
    SQLite's driver refuses to bind it (OverflowError) where PostgreSQL simply finds no row. No such record can exist,
    so the answer is the ordinary Chinese 404 (JSON under /api/), never a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, OverflowError):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "未找到该对象，或您无权访问。"}, status=404, json_dumps_params={"ensure_ascii": False})
        return page_not_found(request, Http404("编号超出范围"))
