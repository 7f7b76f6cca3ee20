"""Serving pre-rendered public pages and open-data files (prerender.py) before the rest of the stack runs.

An anonymous GET of `/`, `/data/`, `/unit/<id>/`, `/region/<code>/` or `/region/<code>/data.<fmt>` without a
query string, while the newest release's pages are all stored, is answered from storage: no session, no user, no
database query. Its ETag names the release and the page; a matching If-None-Match gets 304 without reading the
file. Anything else (a session cookie, filters in the query string, a page not stored, storage trouble) goes on
to the live view.
"""
import logging
import re
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseNotModified

from . import prerender

logger = logging.getLogger(__name__)

PAGE_RE = re.compile(r"^/(unit|region)/([0-9]{1,20}|[0-9A-Za-z]{1,12})/$")
FILE_RE = re.compile(r"^/region/([0-9A-Za-z]{1,12})/data\.(xlsx|csv|json|jsonld)$")
SITE_PAGES = {"/": "home", "/data/": "data"}
CACHE_CONTROL = "no-cache"  # may be stored, must be revalidated: the ETag makes that a 304


class PrerenderedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.serve(request)
        return response if response is not None else self.get_response(request)

    def serve(self, request):
        if not settings.PORTAL_PRERENDER:
            return None
        if request.method != "GET" or request.META.get("QUERY_STRING"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        path = request.path_info
        download = None
        if path in SITE_PAGES:
            kind, key = "site", SITE_PAGES[path]
        elif (match := PAGE_RE.match(path)) is not None:
            kind, key = match.groups()
            if kind == "unit" and not key.isdigit():
                return None
        elif (match := FILE_RE.match(path)) is not None:
            kind, key = prerender.FILE_KIND, ".".join(match.groups())
        else:
            return None
        release = prerender.ready_release()
        if release is None:
            return None
        if kind == prerender.FILE_KIND:
            try:
                download = prerender.stored_files(release).get(key)
            except FileNotFoundError:
                return None
            except Exception:  # storage unreachable: the live view still works
                logger.exception("pre-rendered files of release %s unreadable", release)
                return None
            if download is None:
                return None  # not public (the live view answers 404)
        tag = prerender.etag(release, kind, key)
        inm = request.META.get("HTTP_IF_NONE_MATCH", "")
        if inm and (inm.strip() == "*" or tag in [t.strip().removeprefix("W/") for t in inm.split(",")]):
            response = HttpResponseNotModified()
            response["ETag"] = tag
            response["Cache-Control"] = CACHE_CONTROL
            return response
        name = prerender.file_name(release, key) if download else prerender.page_name(release, kind, key)
        try:
            with default_storage.open(name, "rb") as fh:
                content = fh.read()
        except FileNotFoundError:
            return None  # not public (the live view answers 404) or not rendered
        except Exception:  # storage unreachable: the live view still works
            logger.exception("pre-rendered page %s/%s of release %s unreadable", kind, key, release)
            return None
        if kind == "unit" or key.endswith(".jsonld"):
            try:
                base = request.build_absolute_uri("/").rstrip("/")
            except Exception:  # DisallowedHost: let the live stack answer as it does
                return None
            content = content.replace(prerender.BASE_PLACEHOLDER.encode(), prerender.base_url_bytes(base))
        if download:
            response = HttpResponse(content, content_type=download["content_type"])
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(download['filename'])}"
        else:
            response = HttpResponse(content, content_type="text/html; charset=utf-8")
        response["ETag"] = tag
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Portal-Cache"] = "prerendered"
        response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
        return response
