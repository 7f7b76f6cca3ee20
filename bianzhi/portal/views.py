"""The public site (no login). Every view reads only published snapshots (PublishedUnit, SearchEntry,
Release, ChangeEntry) through `.public()`; draft and working tables are never queried here."""
import functools
import json
from operator import attrgetter

from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from bianzhi.core.text import search_key
from bianzhi.core.trees import nest
from bianzhi.registry.models import Region

from . import exports, feeds, sections
from .models import ChangeEntry, PublishedUnit, Release, ReleaseDump, SearchEntry, SearchKind
from .search import CappedPaginator, SearchQuery, SearchResults, entries_for_ids, highlight
from .services import public_cache_prefix
from .snapshot import extra_sections

CACHE_SECONDS = 600
PAGE_SIZE = 20


def public_cached(view):
    """Cache whole public responses (GET, status 200). Keys carry the newest release number and a
    generation counter bumped on every publication, so publishing clears them."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        key = public_cache_prefix() + search_key(request.get_full_path())[:400]
        hit = cache.get(key)
        if hit is not None:
            content, content_type, headers = hit
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers.items():
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            headers = {k: response[k] for k in ("Content-Disposition",) if response.has_header(k)}
            cache.set(key, (response.content, response["Content-Type"], headers), CACHE_SECONDS)
            response["X-Portal-Cache"] = "miss"
        return response

    return require_GET(wrapper)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _per_release(name: str, compute):
    """A value derived from the whole publication (not from the request), computed once per release and cache
    generation: the search page's filter lists would otherwise scan every published unit and entry on each
    uncached request."""
    key = public_cache_prefix() + name
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _regions_with_counts():
    return _per_release("regions-with-counts", _count_regions)


def _region_options(selected: str) -> str:
    """The search form's region <option>s (140 at province scale), joined in Python: rendering them through the
    template language was about half of an uncached search page's time at 5 M items."""
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((r.code, mark_safe(" selected") if r.code == selected else "", r.name)
                             for r in _regions_with_counts()))


def _count_regions():
    counts = dict(PublishedUnit.objects.public().order_by().values_list("region_code")
                  .annotate(n=Count("id")).values_list("region_code", "n"))
    regions = list(Region.objects.filter(code__in=list(counts)).order_by("sort_order", "code"))
    for r in regions:
        r.published_count = counts[r.code]
    return regions


def _latest_release():
    return Release.objects.public().order_by("-number").first()


def home_context() -> dict:
    """What the home page shows (the live view and the pre-rendering of `prerender` both use this)."""
    return {
        "regions": _regions_with_counts(),
        "release": _latest_release(),
        "recent": ChangeEntry.objects.public().select_related("release").order_by("-release__number", "-id")[:10],
        "unit_total": PublishedUnit.objects.public().count(),
    }


@public_cached
def home(request):
    return render(request, "portal/home.html", home_context())


def _tree(rows):
    return nest(rows, key=attrgetter("unit_id"), parent_key=attrgetter("parent_unit_id"))


def region_context(code) -> dict:
    """What the region page shows (the live view and the pre-rendering of `prerender` both use this)."""
    region = get_object_or_404(Region, code=code)
    rows = list(PublishedUnit.objects.public().filter(region_code=code)
                .only("unit_id", "name", "parent_unit_id", "unit_order", "region_code"))
    if not rows:
        raise Http404("该行政区划暂无公开的单位")
    return {"region": region, "tree": _tree(rows), "count": len(rows)}


@public_cached
def region_detail(request, code):
    return render(request, "portal/region.html", region_context(code))


def _published(unit_id) -> PublishedUnit:
    return get_object_or_404(PublishedUnit.objects.public().select_related("release"), unit_id=unit_id)


def _filter_items(items, q: str, category: str = "", fields=("name",)):
    key = search_key(q)
    out = []
    for item in items:
        if category and item.get("category") != category:
            continue
        if key and not any(key in search_key(item.get(f, "")) for f in fields):
            continue
        out.append(item)
    return out


@public_cached
def unit_detail(request, pk):
    return render(request, "portal/unit.html", unit_context(_published(pk), request.GET, _base_url(request)))


def unit_context(published: PublishedUnit, params, base_url: str) -> dict:
    """What the unit page shows (the live view and the pre-rendering of `prerender` both use this);
    `params` are the page's filters (pq, pcat, rq), `base_url` the site's address for the JSON-LD."""
    pk = published.unit_id
    snap = published.snapshot
    u = snap["unit"]
    published_ids = set(PublishedUnit.objects.public().filter(
        unit_id__in=[x for x in [u["parent"]["id"] if u.get("parent") else None] if x]).values_list("unit_id", flat=True))
    children = list(PublishedUnit.objects.public().filter(parent_unit_id=pk).only("unit_id", "name"))
    powers = sections.power_items(snap)
    responsibilities = sections.responsibility_items(snap)
    for items in (powers, responsibilities):
        for n, item in enumerate(items, start=1):
            item["n"] = n  # the page anchor (power-n / resp-n) search results link to
    pq, pcat, rq = params.get("pq", ""), params.get("pcat", ""), params.get("rq", "")
    region = u.get("region") or {}
    return {
        "p": published, "u": u, "snap": snap, "region": region,
        "parent_published": bool(u.get("parent")) and u["parent"]["id"] in published_ids,
        "children": children,
        "info_rows": exports.unit_info_rows(snap),
        "duty_groups": sections.duty_groups(snap), "bodies": sections.internal_bodies(snap),
        "staffing": sections.staffing(snap), "history": sections.history(snap),
        "has_sanding": sections.has_sanding(snap), "has_lists": bool(powers or responsibilities),
        "powers": _filter_items(powers, pq, pcat, ("name", "basis", "subject", "code")),
        "power_total": len(powers), "power_categories": sections.power_categories(snap),
        "responsibilities": _filter_items(responsibilities, rq, "", ("name", "content", "basis")),
        "responsibility_total": len(responsibilities),
        "pq": pq, "pcat": pcat, "rq": rq, "extra_sections": extra_sections(snap),
        "jsonld": json.dumps(exports.unit_jsonld(snap, base_url), ensure_ascii=False).replace("<", "\\u003c"),
    }


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


FORMATS = {"xlsx", "csv", "json", "jsonld"}


CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "csv": "text/csv; charset=utf-8", "json": "application/json", "jsonld": "application/ld+json"}


def export_content(snapshots, fmt: str, with_unit: bool, base_url: str) -> bytes:
    """A download's bytes in `fmt` (the live views and the pre-rendering of `prerender` both use this)."""
    if fmt == "xlsx":
        return exports.to_xlsx(snapshots)
    if fmt == "csv":
        return exports.to_csv(snapshots, with_unit)
    if fmt == "json":
        release = _latest_release()
        payload = {"release": release.number if release else 0, "units": snapshots}
        return json.dumps(payload, ensure_ascii=False, indent=1).encode()
    return json.dumps(exports.many_jsonld(snapshots, base_url), ensure_ascii=False, indent=1).encode()


def _export(request, snapshots, name, fmt, with_unit):
    content = export_content(snapshots, fmt, with_unit, _base_url(request))
    return _download(content, CONTENT_TYPES[fmt], f"{name}.{fmt}")


@public_cached
def unit_download(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    published = _published(pk)
    return _export(request, [published.snapshot], published.name, fmt, with_unit=False)


def region_download_source(code) -> tuple[str, list[dict]]:
    """The file name stem and the snapshots of a region's download (live view and pre-rendering)."""
    region = get_object_or_404(Region, code=code)
    snapshots = list(PublishedUnit.objects.public().filter(region_code=code)
                     .order_by("unit_order", "unit_id").values_list("snapshot", flat=True))
    if not snapshots:
        raise Http404("该行政区划暂无公开的单位")
    return f"{region.name}-公开数据", snapshots


@public_cached
def region_download(request, code, fmt):
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    name, snapshots = region_download_source(code)
    return _export(request, snapshots, name, fmt, with_unit=True)


@public_cached
def search(request):
    query = SearchQuery(q=request.GET.get("q", "").strip(), region=request.GET.get("region", "").strip(),
                        kind=request.GET.get("kind", "").strip(), category=request.GET.get("category", "").strip())
    try:
        query.unit = int(request.GET.get("unit") or 0) or None
    except ValueError:
        query.unit = None
    error = ""
    if query.kind and query.kind not in SearchKind.values:
        error, query.kind = "类型参数无效，已忽略。", ""
    key = query.key
    page = None
    if key:
        paginator = CappedPaginator(SearchResults(query), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = entries_for_ids(page.object_list)
        names = dict(PublishedUnit.objects.public().filter(unit_id__in={e.unit_id_value for e in page})
                     .values_list("unit_id", "name"))
        for e in page:
            e.unit_name = names.get(e.unit_id_value, "")
            e.title_pieces = highlight(e.title, key)
            e.text_pieces = highlight(e.text, key, window=120)
    elif request.GET.get("q") is not None:
        error = "请输入要检索的文字（至少 1 个字）。"
    params = request.GET.copy()
    params.pop("page", None)
    unit_name = ""
    if query.unit and abs(query.unit) < 2 ** 63:  # (a larger id names no unit; SQLite cannot even bind it)
        unit_name = PublishedUnit.objects.public().filter(unit_id=query.unit).values_list("name", flat=True).first() or ""
    return render(request, "portal/search.html", {
        "query": query, "page": page, "searched": page is not None, "error": error, "params": params.urlencode(),
        "region_options": _region_options(query.region), "kinds": SearchKind.choices, "unit_name": unit_name,
        "categories": _power_categories(),
    })


def _power_categories():
    return _per_release("power-categories", _list_power_categories)


def _list_power_categories():
    """The distinct categories of published power items, one ordered index probe each (a skip scan over the
    category index) instead of a DISTINCT over every power item (2.2 s at 5 M items on PostgreSQL)."""
    found, entries = [], SearchEntry.objects.public().filter(kind=SearchKind.POWER).exclude(category="")
    while True:
        following = entries.filter(category__gt=found[-1]) if found else entries
        nxt = following.order_by("category").values_list("category", flat=True).first()
        if nxt is None:
            return found
        found.append(nxt)


def open_data_context() -> dict:
    """What the open-data page shows (live view and pre-rendering)."""
    return {"releases": list(Release.objects.public().order_by("-number")[:100]), "regions": _regions_with_counts()}


@public_cached
def open_data(request):
    return render(request, "portal/open_data.html", open_data_context())


@public_cached
def release_dump(request, number):
    dump = get_object_or_404(ReleaseDump.objects.public().select_related("release"), release__number=number)
    response = _download(dump.content.encode("utf-8"), "application/json", f"bianzhi-release-{number}.json")
    response["X-Content-SHA256"] = dump.release.sha256
    return response


@public_cached
def sitemap(request):
    base = _base_url(request)
    urls = [(base + "/", None), (base + reverse("portal:search"), None), (base + reverse("portal:open-data"), None)]
    for code in sorted(set(PublishedUnit.objects.public().values_list("region_code", flat=True))):
        urls.append((base + reverse("portal:region", args=[code]), None))
    for unit_id, release_at in (PublishedUnit.objects.public().order_by("unit_order", "unit_id")
                                .values_list("unit_id", "release__published_at")):
        urls.append((base + reverse("portal:unit", args=[unit_id]), release_at))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in urls:
        lines.append(f"<url><loc>{loc}</loc>" + (f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else "")
                     + "</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines), content_type="application/xml; charset=utf-8")


@require_GET
def robots(request):
    base = _base_url(request)
    text = "\n".join(["User-agent: *", "Disallow: /manage/", "Disallow: /accounts/", "Disallow: /admin/",
                      "Disallow: /api/v1/", "Allow: /api/v1/public/", f"Sitemap: {base}/sitemap.xml", ""])
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@public_cached
def feed_atom(request):
    try:
        entries = feeds.changes_since(request.GET.get("since"))
    except feeds.SinceError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return HttpResponse(feeds.atom(entries, _base_url(request)), content_type="application/atom+xml; charset=utf-8")


@public_cached
def feed_json(request):
    try:
        entries = feeds.changes_since(request.GET.get("since"))
    except feeds.SinceError as exc:
        return JsonResponse({"detail": str(exc)}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(feeds.json_feed(entries, _base_url(request), request.GET.get("since")),
                        json_dumps_params={"ensure_ascii": False})

