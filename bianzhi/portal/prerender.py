"""Public pages and open-data files rendered once per release (issue 14).

A release is immutable, so the pages of a release never need rendering twice. After every
publication (or withdrawal) commits, `schedule(number)` queues `tasks.prerender_release`, which renders every
current unit page and region page, the home page, the open-data page and every region's open-data files (xlsx,
CSV, JSON, JSON-LD) of that release in the background, through exactly the views' own context and content
builders (`views.unit_context`, `views.region_context`, `views.home_context`, `views.open_data_context`,
`views.region_download_source` + `views.export_content`) and templates, and stores the result through
Django's storage API (`default_storage`: the data directory on one host, the S3 bucket when several app nodes
share files), under `portal/pages/<release>/…`. When the whole release is stored, the shared cache records it
(`READY_KEY`); `middleware.PrerenderedPageMiddleware` then answers anonymous GETs of those pages from storage,
with an ETag derived from the release (and 304 on If-None-Match), without touching the database.

What keeps this exactly as public as the live page:
- the HTML is rendered from `.public()` querysets only (the same functions the live views call), with no
  request user: a pre-rendered page cannot contain anything an anonymous visitor would not see live;
- a request with a session cookie, a query string (the page's filters) or another method gets the live view;
- publishing deletes `READY_KEY` on commit, so from that moment every request is served live until the new
  release is completely rendered: a page of an older release is never served after a newer one exists.

The JSON-LD block names the site's own address, which a background task does not know: pages are rendered with
`BASE_PLACEHOLDER` there and the middleware puts the request's address in (one bytes replace).

A download needs its file name (the region's name) in Content-Disposition: `files.json` of each release maps
each stored file to its name and content type, so the middleware answers without a database query.
"""
import json
import logging
import time

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.template.loader import render_to_string

from .models import PublishedUnit, Release
from .views import (
    CONTENT_TYPES,
    FORMATS,
    export_content,
    home_context,
    open_data_context,
    region_context,
    region_download_source,
    unit_context,
)

logger = logging.getLogger(__name__)

ROOT = "portal/pages"
READY_KEY = "portal:prerendered-release"
PROGRESS_KEY = "portal:prerender-progress"
PROGRESS_SECONDS = 1.0
STALL_SECONDS = 600
BASE_PLACEHOLDER = "https://prerender.bianzhi.invalid"


FILE_KIND = "region-data"  # a region's open-data files, key "<code>.<fmt>"
PAGE_KINDS = ("unit", "region", "site")  # "site": the home page ("home") and the open-data page ("data")


def page_name(release: int, kind: str, key) -> str:
    return f"{ROOT}/{release}/{kind}/{key}.html"


def file_name(release: int, key: str) -> str:
    return f"{ROOT}/{release}/{FILE_KIND}/{key}"


def manifest_name(release: int) -> str:
    return f"{ROOT}/{release}/files.json"


def etag(release: int, kind: str, key) -> str:
    return f'"bz-r{release}-{kind}-{key}"'


def ready_release() -> int | None:
    """The release whose pages are all stored and which was the newest when they were: None while rendering."""
    return caches["shared"].get(READY_KEY)


def newest_release() -> int:
    return Release.objects.order_by("-number").values_list("number", flat=True).first() or 0


def read_progress() -> dict:
    return caches["shared"].get(PROGRESS_KEY) or {}


def write_progress(number: int, done: int, total: int) -> None:
    caches["shared"].set(PROGRESS_KEY, {"release": number, "done": done, "total": total, "at": time.time()},
                         24 * 3600)


def stalled(newest: int, now: float | None = None) -> bool:
    """Nothing is ready and the newest release's rendering has shown no progress for STALL_SECONDS (its task
    was lost with a worker, or failed): it must be queued again."""
    if newest == 0 or ready_release() is not None:
        return False
    progress = read_progress()
    if progress.get("release") != newest:
        return True
    return (now or time.time()) - progress.get("at", 0) > STALL_SECONDS


def _request() -> HttpRequest:
    """A bare anonymous request for the context processors (no user, no session: nothing personal)."""
    request = HttpRequest()
    request.method = "GET"
    request.META = {"SERVER_NAME": "prerender.bianzhi.invalid", "SERVER_PORT": "443"}
    return request


def render_unit(published: PublishedUnit) -> str:
    context = unit_context(published, {}, BASE_PLACEHOLDER)
    return render_to_string("portal/unit.html", context, request=_request())


def render_region(code: str) -> str:
    return render_to_string("portal/region.html", region_context(code), request=_request())


def render_site_page(key: str) -> str:
    if key == "home":
        return render_to_string("portal/home.html", home_context(), request=_request())
    return render_to_string("portal/open_data.html", open_data_context(), request=_request())


def render_region_files(code: str) -> dict[str, tuple[bytes, str, str]]:
    """Every open-data file of a region: {"<code>.<fmt>": (content, content type, download file name)}."""
    stem, snapshots = region_download_source(code)
    return {f"{code}.{fmt}": (export_content(snapshots, fmt, True, BASE_PLACEHOLDER), CONTENT_TYPES[fmt],
                              f"{stem}.{fmt}")
            for fmt in sorted(FORMATS)}


def _store(name: str, content: str | bytes) -> None:
    if default_storage.exists(name):  # a retried task: same release, same content
        default_storage.delete(name)
    default_storage.save(name, ContentFile(content.encode("utf-8") if isinstance(content, str) else content))


def render_release(number: int, progress=None) -> int:
    """Render and store every unit and region page of release `number` (when it is still the newest; an older
    one is skipped: its successor's task renders the newer state). Returns the number of pages stored."""
    if number != newest_release():
        return 0
    shared = caches["shared"]
    units = PublishedUnit.objects.public().select_related("release").order_by("unit_order", "unit_id")
    regions = sorted(set(PublishedUnit.objects.public().values_list("region_code", flat=True)))
    total, done, last = units.count() + len(regions) * 2 + 2, 0, 0.0

    def tick():
        nonlocal done, last
        done += 1
        now = time.monotonic()
        if now - last >= PROGRESS_SECONDS or done == total:
            last = now
            write_progress(number, done, total)
            if progress:
                progress(done, total)

    for published in units.iterator(chunk_size=200):  # 20,000 snapshots of ~50 kB do not all fit in memory
        if published.release.number > number:  # published again meanwhile: a newer task renders it
            return done
        _store(page_name(number, "unit", published.unit_id), render_unit(published))
        tick()
    for code in regions:
        _store(page_name(number, "region", code), render_region(code))
        tick()
    for key in ("home", "data"):
        _store(page_name(number, "site", key), render_site_page(key))
        tick()
    files = {}
    for code in regions:
        for key, (content, content_type, filename) in render_region_files(code).items():
            _store(file_name(number, key), content)
            files[key] = {"content_type": content_type, "filename": filename}
        tick()
    _store(manifest_name(number), json.dumps(files, ensure_ascii=False))
    if number == newest_release():
        shared.set(READY_KEY, number, None)
        if number != newest_release():  # a publication committed in between: its on_commit may have run first
            shared.delete(READY_KEY)
        else:
            _remove_older(number)
    return done


def _remove_older(number: int) -> None:
    """Delete the stored pages of releases before the previous one (the previous is kept for requests that
    read READY_KEY just before it changed)."""
    try:
        releases, _files = default_storage.listdir(ROOT)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    for name in releases:
        if name.isdigit() and int(name) < number - 1:
            _remove_tree(f"{ROOT}/{name}")


def _remove_tree(path: str) -> None:
    dirs, files = default_storage.listdir(path)
    for f in files:
        default_storage.delete(f"{path}/{f}")
    for d in dirs:
        _remove_tree(f"{path}/{d}")
    try:
        default_storage.delete(path)  # FileSystemStorage removes an empty directory; S3 has none
    except OSError:
        pass


def withdraw(number: int | None = None) -> None:
    """A new release committed: serve live until its pages are rendered (its rendering counts as queued)."""
    caches["shared"].delete(READY_KEY)
    if number is not None:
        write_progress(number, 0, 0)


_manifests: dict[int, dict] = {}


def stored_files(release: int) -> dict:
    """The release's open-data files ({key: {"content_type", "filename"}}), read once per process and release."""
    files = _manifests.get(release)
    if files is None:
        with default_storage.open(manifest_name(release), "rb") as fh:
            files = json.loads(fh.read())
        _manifests.clear()  # only the newest release is served
        _manifests[release] = files
    return files


def base_url_bytes(base_url: str) -> bytes:
    """The request's address as it must appear in the JSON-LD (a JSON string inside <script>)."""
    return json.dumps(base_url, ensure_ascii=False)[1:-1].replace("<", "\\u003c").encode("utf-8")
