"""The scoped-view contract, run over every staff page and API route (NetBox `ViewTestCases` style).

The routes are read from the URL configuration, so a view added later is covered without writing a test:

- anonymous: never served data (pages redirect to the login page, the API answers 401/403);
- in scope: a clerk (luru) reaches an object of her own units (no 404, no server error);
- out of scope: the same clerk asking for an object outside her scope gets 404 — the same answer as for an
  object that does not exist, so existence does not leak — by GET and, for POST-only actions, by POST.

The objects come from the demo data set; which object is "in" or "out" is decided by the model's own
`restrict(user, "view")`, so the contract holds whatever each model's scope path is.
"""
import re

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver

CLERK = "luru"  # 录入员: 市教育局、市财政局、市发展改革委及其下属单位

# Function views name no model: the model each one is about.
FUNCTION_VIEW_MODELS = {
    "manage/workflow/packages/<int:pk>/": "workflow.DataPackage",
    "manage/workflow/packages/<int:pk>/fire/<slug:name>/": "workflow.DataPackage",
    "manage/workflow/packages/<int:pk>/comments/": "workflow.DataPackage",
    "manage/workflow/packages/<int:pk>/assign/": "workflow.DataPackage",
    "manage/workflow/comments/<int:pk>/resolve/": "workflow.ReviewComment",
    "manage/audit/<int:pk>/": "core.AuditLogEntry",
    "manage/workflow/materials/<int:pk>/items/": "workflow.MaterialPackage",
    "manage/workflow/materials/<int:pk>/receive/": "workflow.MaterialPackage",
    "manage/workflow/materials/<int:pk>/decide/": "workflow.MaterialPackage",
    "manage/workflow/materials/items/<int:pk>/upload/": "workflow.MaterialItem",
    "manage/workflow/materials/files/<int:pk>/": "workflow.MaterialFile",
    "manage/workflow/notifications/<int:pk>/read/": "workflow.Notification",
    "manage/lists/import-jobs/<int:pk>/": "lists.ImportJob",
    "manage/lists/import-jobs/<int:pk>/progress/": "lists.ImportJob",
    "manage/lists/import-jobs/<int:pk>/errors.xlsx": "lists.ImportJob",
    "manage/ingest/<int:pk>/": "ingest.IngestJob",
    "manage/ingest/<int:pk>/file/": "ingest.IngestJob",
    "manage/sanding/versions/<int:pk>/": "sanding.SandingVersion",
    "api/v1/sanding/versions/<pk>/": "sanding.SandingVersion",
    "manage/personnel/people/<int:pk>/": "personnel.Person",
    "manage/personnel/applications/<int:pk>/": "personnel.StaffingApplication",
    "manage/personnel/notices/<int:pk>.pdf": "personnel.UseNotice",
}


def _function_view_model(route):
    """The longest FUNCTION_VIEW_MODELS key the route starts with (sub-pages of an object are about it)."""
    keys = [k for k in FUNCTION_VIEW_MODELS if route.startswith(k)]
    return FUNCTION_VIEW_MODELS[max(keys, key=len)] if keys else None
STR_PARAMS = {"kind": "power", "fmt": "xlsx", "name": "submit", "code": "451000", "format": "json"}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def _template(route: str) -> str:
    """DRF's regex routes as path templates: ^units/(?P<pk>[^/.]+)/$ → units/<pk>/."""
    route = route.replace("^", "").replace("$", "")
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)


def _staff_routes():
    routes = []
    for route, pattern in _walk(get_resolver().url_patterns):
        route = _template(route)
        if not (route.startswith("manage/") or route.startswith("api/v1/")):
            continue
        if route.startswith(("api/v1/public", "api/v1/docs", "api/v1/schema", "api/v1/redoc")) or "format" in route \
                or route in ("api/v1/", "api/v1/<drf_format_suffix:format>"):
            continue
        callback = pattern.callback
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        model = getattr(view, "model", None) or getattr(getattr(view, "queryset", None), "model", None)
        label = _function_view_model(route) or (model._meta.label if model is not None else None)
        actions = getattr(callback, "actions", None) or {}
        post_only = bool(actions) and "get" not in actions
        routes.append((route, label, post_only))
    return sorted(set(routes))


ROUTES = _staff_routes()
OBJECT_ROUTES = [r for r in ROUTES if re.search(r"<(\w+:)?(pk|unit_pk)>", r[0])]


def _url(route: str, values: dict) -> str:
    def fill(m):
        name = m.group(2)
        return str(values.get(name, STR_PARAMS.get(name, "1")))
    return "/" + re.sub(r"<(\w+:)?(\w+)>", fill, route)


def _objects(label, user):
    """(an object the user may view, an object outside the user's scope or None for shared reference data)."""
    model = apps.get_model(label)
    visible = model.objects.restrict(user, "view")
    inside = visible.order_by("pk").first()
    outside = model._base_manager.exclude(pk__in=visible.values("pk")).order_by("pk").first()
    return inside, outside


def _values_for(route, obj):
    values = {}
    if obj is None:
        return values
    unit_model = apps.get_model("registry.Unit")
    if "unit_pk" in route and "<int:pk>" not in route and "<pk>" not in route:
        values["unit_pk"] = obj.pk
    else:
        values["pk"] = obj.pk
        if "unit_pk" in route:
            values["unit_pk"] = obj.pk if isinstance(obj, unit_model) else obj.scope_unit_id()
    return values


def _route_id(route):
    return route[0]


@pytest.fixture
def scope_objects(users):
    """Records the demo has none of, one inside and one outside the clerk's scope (made in the test's
    transaction), so that every object route is checked both ways."""
    from django.core.files.base import ContentFile

    from bianzhi.documents.models import ApprovalDocument, DocumentFile
    from bianzhi.ingest.models import IngestJob
    from bianzhi.lists.models import ImportJob
    from bianzhi.registry.models import Unit
    from bianzhi.workflow.models import Campaign, DataPackage, Hold, Notification, ReviewComment

    clerk, other = users[CLERK], users["jiaotong"]
    mine, theirs = Unit.objects.get(name="百色市教育局"), Unit.objects.get(name="百色市交通运输局")
    campaign = Campaign.objects.first()
    for unit, owner in ((mine, clerk), (theirs, other)):
        document = ApprovalDocument.objects.filter(unit=unit).first()
        DocumentFile.objects.create(document=document, file=ContentFile(b"%PDF-1.4 test", name="t.pdf"),
                                    original_name="t.pdf", sha256="0" * 64)
        Hold.objects.create(unit=unit, campaign=campaign, kind="staffing", start_date="2017-05-04", reason="测试")
        ImportJob.objects.create(owner=owner, kind="power", file=ContentFile(b"x", name="t.xlsx"),
                                 original_name="t.xlsx", status="failed",
                                 error_file=ContentFile(b"x", name="errors.xlsx"))
        IngestJob.objects.create(created_by=owner, unit=unit, file=ContentFile(b"x", name="t.txt"), original_name="t.txt",
                                 sha256="0" * 64, method="text", original_text="测试", result={})
        package = DataPackage.objects.filter(unit=unit, is_current=True).first()
        ReviewComment.objects.create(package=package, stage="confirm", author=owner, target_label="测试",
                                     text="测试意见")
        Notification.objects.create(recipient=owner, unit=unit, text="测试通知")


@pytest.mark.parametrize("route", ROUTES, ids=_route_id)
def test_anonymous_gets_no_data(route, client, demo):
    path, _label, post_only = route
    url = _url(path, {})
    response = client.post(url) if post_only else client.get(url)
    if path.startswith("api/"):
        assert response.status_code in (401, 403), (url, response.status_code)
    else:
        assert response.status_code in (302, 405), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), (url, response["Location"])


def _scope_model(path, label):
    if "unit_pk" in path and "<int:pk>" not in path and "<pk>" not in path:
        return "registry.Unit"
    return label


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_route_id)
def test_in_scope_object_is_reachable(route, client_for, users, scope_objects):
    path, label, post_only = route
    label = _scope_model(path, label)
    assert label, f"{path}: no model known — add it to FUNCTION_VIEW_MODELS"
    inside, _outside = _objects(label, users[CLERK])
    if inside is None:
        pytest.skip(f"演示数据中没有 {CLERK} 可见的 {label}")
    client = client_for(CLERK)
    url = _url(path, _values_for(path, inside))
    response = client.get(url)
    assert response.status_code != 404 and response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=_route_id)
def test_out_of_scope_object_answers_404(route, client_for, users, scope_objects):
    path, label, post_only = route
    label = _scope_model(path, label)
    _inside, outside = _objects(label, users[CLERK])
    if outside is None:
        shared = getattr(apps.get_model(label), "scope_unit_path", None) is None
        pytest.skip(f"{label} 是共享的参考数据，没有范围之外的记录" if shared
                    else f"演示数据中没有 {label} 的记录（范围内外都没有）")
    client = client_for(CLERK)
    url = _url(path, _values_for(path, outside))
    response = client.post(url) if post_only else client.get(url)
    if response.status_code == 405:  # a POST-only page view: the action itself must refuse
        response = client.post(url)
    assert response.status_code in (403, 404), (url, response.status_code)


def test_the_contract_covers_every_staff_route():
    """The suite's size: a staff route added without a model the suite can find fails here."""
    assert len(ROUTES) > 100
    missing = [path for path, label, _ in OBJECT_ROUTES if not _scope_model(path, label)]
    assert missing == []
