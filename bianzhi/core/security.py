"""Response headers and request checks that hold for every page (issue 15).

- Content-Security-Policy on every response: scripts, styles, images, fonts and connections from our own
  origin only; no inline script, no eval, no plugins; the page may only be framed by ourselves. A stored file
  that somehow carries HTML therefore cannot run script on the platform's origin.
- X-Content-Type-Options: nosniff (Django's SecurityMiddleware sets it too; kept here so file responses
  built outside it carry it as well).
- A NUL character in the path or the query string is refused with 400 and a Chinese message: PostgreSQL
  cannot store or compare it and SQLite's full-text MATCH breaks on it.
"""
from django.conf import settings
from django.http import HttpResponseBadRequest

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",  # no style="" attribute and no <style> element in our pages (tested)
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])


# Pages we do not write ourselves and that set inline styles: Django's admin and the ReDoc API reference
# (styled-components injects <style> elements). Styles cannot run script; scripts stay 'self' there too.
INLINE_STYLE_PATHS = ("/admin/", "/api/v1/redoc/", "/api/v1/docs/")


def content_security_policy(path: str = "") -> str:
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", "") or CSP
    if path.startswith(INLINE_STYLE_PATHS):
        policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", 1)
    return policy


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("请求中含有非法字符（NUL），已拒绝。".encode(),
                                          content_type="text/plain; charset=utf-8")
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response
