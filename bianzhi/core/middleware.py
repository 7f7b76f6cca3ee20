import uuid

from .context import RequestContext, current, reset_context, set_context
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
        token = set_context(RequestContext(request_id=request_id, ip=ip or None))
        try:
            response = self.get_response(request)
        finally:
            reset_context(token)
        response["X-Request-ID"] = request_id
        return response


class AuditUserMiddleware:
    """After authentication: put the user into the request context (API token users are added by DRF's
    authentication in `bianzhi.core.api`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ctx = current()
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            ctx.user_id, ctx.username = user.pk, user.get_username()
        return self.get_response(request)
