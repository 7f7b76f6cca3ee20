"""Turns a LockedError raised anywhere in a page view (form, admin change page, admin bulk action) into a
clear Chinese message and a redirect back, instead of a server error."""
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from .locks import LockedError


class LockedErrorMiddleware:
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
