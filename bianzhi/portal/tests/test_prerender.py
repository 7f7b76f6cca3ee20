"""Public pages rendered once per release (prerender.py, middleware.py; issue 14): a published release's unit and
region pages are stored and served with a release ETag, they equal the live render, a new release replaces
them, and nothing that is not public gets into them."""
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage

from bianzhi.portal import prerender, tasks
from bianzhi.portal.models import PublishedUnit, Release
from bianzhi.portal.services import publish_units, unpublish_unit
from bianzhi.registry.models import InternalBody, Region, Unit

from .test_leaks import DRAFT_BODY, PERSONAL, SECRET_UNIT


@pytest.fixture
def prerendering(settings, tmp_path, published):
    settings.PORTAL_PRERENDER = True
    settings.MEDIA_ROOT = str(tmp_path / "files")
    caches["shared"].delete(prerender.READY_KEY)
    yield
    caches["shared"].delete(prerender.READY_KEY)


def live(client, url):
    """The live view, as a logged-in clerk's browser would get it (a session cookie skips the stored page)."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    try:
        return client.get(url)
    finally:
        del client.cookies[settings.SESSION_COOKIE_NAME]


def publish(django_capture_on_commit_callbacks, units, user, note="发布"):
    """Publish and run what the commit triggers (the pre-rendering task runs at once: huey is immediate)."""
    with django_capture_on_commit_callbacks(execute=True):
        return publish_units(units, note=note, acting_user=user)


def stored_pages(number):
    dirs, _ = default_storage.listdir(f"{prerender.ROOT}/{number}")
    return {kind: default_storage.listdir(f"{prerender.ROOT}/{number}/{kind}")[1] for kind in dirs}


def stored_text(name):
    """A stored page or file as text (an xlsx: the XML of all its parts)."""
    import zipfile
    from io import BytesIO

    content = default_storage.open(name).read()
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(BytesIO(content)) as z:
            return "".join(z.read(part).decode() for part in z.namelist())
    return content.decode()


def test_publication_prerenders_every_unit_and_region_page(client, prerendering, admin_user,
                                                           django_capture_on_commit_callbacks):
    unit = Unit.objects.get(name="百色市教育局")
    release = publish(django_capture_on_commit_callbacks, [unit], admin_user)
    assert prerender.ready_release() == release.number
    pages = stored_pages(release.number)
    public = PublishedUnit.objects.public()
    assert sorted(pages["unit"]) == sorted(f"{pk}.html" for pk in public.values_list("unit_id", flat=True))
    regions = {c for c in public.values_list("region_code", flat=True)}
    assert sorted(pages["region"]) == sorted(f"{c}.html" for c in regions)
    assert sorted(pages["site"]) == ["data.html", "home.html"]
    assert sorted(pages["region-data"]) == sorted(f"{c}.{fmt}" for c in regions
                                                  for fmt in ("csv", "json", "jsonld", "xlsx"))
    progress = prerender.read_progress()
    assert progress["release"] == release.number
    assert progress["done"] == progress["total"] == len(pages["unit"]) + 2 * len(pages["region"]) + 2


def test_served_page_equals_the_live_page(client, prerendering, admin_user, django_capture_on_commit_callbacks):
    unit = Unit.objects.get(name="百色市教育局")
    release = publish(django_capture_on_commit_callbacks, [unit], admin_user)
    for url, kind, key in [(f"/unit/{unit.pk}/", "unit", unit.pk), ("/region/451000/", "region", "451000")]:
        served = client.get(url)
        assert served.status_code == 200
        assert served["X-Portal-Cache"] == "prerendered"
        assert served["ETag"] == prerender.etag(release.number, kind, key)
        assert "Content-Security-Policy" in served and served["X-Frame-Options"]
        fresh = live(client, url)
        assert fresh["X-Portal-Cache"] in ("miss", "hit")
        assert served.content.decode() == fresh.content.decode(), url  # byte for byte, JSON-LD address included
    assert b"http://testserver/unit/" in client.get(f"/unit/{unit.pk}/").content  # the request's own address
    # the page's filters are not pre-rendered: a query string gets the live view
    filtered = client.get(f"/unit/{unit.pk}/", {"pq": "许可"})
    assert filtered.status_code == 200 and filtered["X-Portal-Cache"] != "prerendered"


def test_home_and_open_data_pages_and_files_equal_the_live_ones(client, prerendering, admin_user,
                                                                 django_capture_on_commit_callbacks):
    from io import BytesIO

    from openpyxl import load_workbook

    unit = Unit.objects.get(name="百色市教育局")
    release = publish(django_capture_on_commit_callbacks, [unit], admin_user)
    for url in ("/", "/data/"):
        served = client.get(url)
        assert served["X-Portal-Cache"] == "prerendered", url
        assert served["ETag"].startswith(f'"bz-r{release.number}-site-')
        assert served.content.decode() == live(client, url).content.decode(), url
    assert "百色市" in client.get("/data/").content.decode()
    for fmt in ("csv", "json", "jsonld", "xlsx"):
        url = f"/region/451000/data.{fmt}"
        served, fresh = client.get(url), live(client, url)
        assert served["X-Portal-Cache"] == "prerendered", url
        assert served["ETag"] == prerender.etag(release.number, "region-data", f"451000.{fmt}")
        assert served["Content-Type"] == fresh["Content-Type"]
        assert served["Content-Disposition"] == fresh["Content-Disposition"]  # the region's name as file name
        assert "%E7%99%BE%E8%89%B2%E5%B8%82" in served["Content-Disposition"]  # 百色市
        if fmt == "xlsx":  # same cells (the file's own timestamps differ between two renders)
            rows = [[list(r) for r in load_workbook(BytesIO(resp.content)).active.iter_rows(values_only=True)]
                    for resp in (served, fresh)]
            assert rows[0] == rows[1] and any("百色市教育局" in str(v) for row in rows[0] for v in row)
        else:
            assert served.content.decode() == fresh.content.decode(), url  # JSON-LD carries the request's address
    assert b"http://testserver/unit/" in client.get("/region/451000/data.jsonld").content
    again = client.get("/region/451000/data.csv", HTTP_IF_NONE_MATCH=client.get("/region/451000/data.csv")["ETag"])
    assert again.status_code == 304
    # a region with no public unit has no stored file: the live view answers its 404
    assert client.get("/region/999999/data.csv").status_code == 404


def test_if_none_match_gets_304(client, prerendering, admin_user, django_capture_on_commit_callbacks):
    unit = Unit.objects.get(name="百色市教育局")
    publish(django_capture_on_commit_callbacks, [unit], admin_user)
    first = client.get(f"/unit/{unit.pk}/")
    again = client.get(f"/unit/{unit.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and not again.content
    other = client.get(f"/unit/{unit.pk}/", HTTP_IF_NONE_MATCH='"bz-r1-unit-1"')
    assert other.status_code == 200 and other.content == first.content


def test_new_release_replaces_the_pages(client, prerendering, admin_user, django_capture_on_commit_callbacks):
    unit = Unit.objects.get(name="百色市教育局")
    first = publish(django_capture_on_commit_callbacks, [unit], admin_user)
    old_tag = client.get(f"/unit/{unit.pk}/")["ETag"]
    Unit.objects.filter(pk=unit.pk).update(name="百色市教育和体育局")
    # from the commit on, until the new pages are stored, requests get the live page (never the older release's)
    with django_capture_on_commit_callbacks(execute=False) as hooks:
        second = publish_units([unit], note="更名", acting_user=admin_user)
    for hook in hooks:
        if getattr(hook, "__name__", "") == "<lambda>":  # release_committed → withdraw + render
            prerender.withdraw()
    assert prerender.ready_release() is None
    response = client.get(f"/unit/{unit.pk}/")
    assert response["X-Portal-Cache"] != "prerendered" and "百色市教育和体育局" in response.content.decode()
    for hook in hooks:
        hook()
    assert prerender.ready_release() == second.number > first.number
    response = client.get(f"/unit/{unit.pk}/")
    assert response["X-Portal-Cache"] == "prerendered" and response["ETag"] != old_tag
    assert "<h1>百色市教育和体育局</h1>" in response.content.decode()
    assert client.get(f"/unit/{unit.pk}/", HTTP_IF_NONE_MATCH=old_tag).status_code == 200


def test_nothing_private_is_prerendered(client, prerendering, admin_user, django_capture_on_commit_callbacks):
    city = Region.objects.get(code="451000")
    secret = Unit.objects.create(name=SECRET_UNIT, region=city, kind="organ", category="gov_department",
                                 contact_name=PERSONAL[0], contact_mobile=PERSONAL[1],
                                 contact_office_phone=PERSONAL[2], legal_representative=PERSONAL[3])
    unit = Unit.objects.get(name="百色市审计局")
    release = publish(django_capture_on_commit_callbacks, [unit], admin_user)
    InternalBody.objects.create(unit=unit, name=DRAFT_BODY, sort_order=99)  # a draft after publication
    assert client.get(f"/unit/{secret.pk}/").status_code == 404  # never published: no page, live 404
    pages = stored_pages(release.number)
    assert f"{secret.pk}.html" not in pages["unit"]
    for kind, names in pages.items():
        for name in names:
            text = stored_text(f"{prerender.ROOT}/{release.number}/{kind}/{name}")
            assert SECRET_UNIT not in text and DRAFT_BODY not in text, name
            for value in PERSONAL:
                assert value not in text, name
    assert DRAFT_BODY not in client.get(f"/unit/{unit.pk}/").content.decode()
    # published with its contact data: the page shows the unit, never the personal data
    release = publish(django_capture_on_commit_callbacks, [secret], admin_user)
    page = client.get(f"/unit/{secret.pk}/")
    assert page["X-Portal-Cache"] == "prerendered" and SECRET_UNIT in page.content.decode()
    for value in PERSONAL:
        assert value not in page.content.decode()
    # withdrawn: the next release's pages have no page for it, and the request gets the live 404
    with django_capture_on_commit_callbacks(execute=True):
        unpublish_unit(secret, reason="测试撤回", acting_user=admin_user)
    assert prerender.ready_release() == Release.objects.order_by("-number").first().number
    assert client.get(f"/unit/{secret.pk}/").status_code == 404


def test_staff_page_shows_the_prerendering_progress(client_for, prerendering, admin_user,
                                                    django_capture_on_commit_callbacks):
    unit = Unit.objects.get(name="百色市教育局")
    with django_capture_on_commit_callbacks(execute=False):
        release = publish_units([unit], note="发布", acting_user=admin_user)
    prerender.withdraw()
    page = client_for("admin").get("/manage/portal/").content.decode()
    assert f"公开页面预渲染（第 {release.number} 版）：后台进行中" in page and "<progress" in page
    prerender.render_release(release.number)
    page = client_for("admin").get("/manage/portal/").content.decode()
    assert f"公开页面预渲染（第 {release.number} 版）：已完成" in page


def test_minutely_check_renders_a_missed_or_stalled_release(client, prerendering, admin_user,
                                                           django_capture_on_commit_callbacks):
    unit = Unit.objects.get(name="百色市教育局")
    release = publish(django_capture_on_commit_callbacks, [unit], admin_user)
    shared = caches["shared"]
    shared.set(prerender.READY_KEY, release.number - 1, None)  # as if the commit hook had never run
    tasks.check_prerendered_release()
    assert prerender.ready_release() == release.number
    # a rendering whose worker died: nothing ready, no progress for longer than STALL_SECONDS
    prerender.withdraw()
    shared.set(prerender.PROGRESS_KEY, {"release": release.number, "done": 3, "total": 9,
                                        "at": time.time() - prerender.STALL_SECONDS - 1})
    assert prerender.stalled(release.number)
    tasks.check_prerendered_release()
    assert prerender.ready_release() == release.number and not prerender.stalled(release.number)
    # a rendering that is merely queued or running is left alone
    prerender.withdraw(release.number)
    assert not prerender.stalled(release.number)
