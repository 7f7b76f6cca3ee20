"""Nothing unpublished and no personal data ever reaches a public channel: pages, search, downloads,
API, sitemap, feed."""
import io
import json
import zipfile

import pytest

from bianzhi.portal.services import publish_units, unpublish_unit
from bianzhi.registry.models import InternalBody, Region, Unit

SECRET_UNIT = "百色市泄密测试管理局"
DRAFT_NAME = "百色市草稿改名试验局"
DRAFT_BODY = "草稿新设试验科"
PERSONAL = ["联系人黄秘书", "13907761234", "0776-2825678", "法人代表韦保密"]


def _text(response) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content[:2] == b"PK":  # xlsx: read every XML part
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    return content.decode("utf-8", "replace")


PUBLIC_URLS = [
    "/", "/search/?q=百色", "/search/?q=泄密", "/search/?q=草稿", "/search/?q=试验", "/search/?q=秘书",
    "/region/451000/", "/data/", "/sitemap.xml", "/robots.txt", "/feed.atom", "/feed.json", "/feed.json?since=0",
    "/region/451000/data.xlsx", "/region/451000/data.csv", "/region/451000/data.json", "/region/451000/data.jsonld",
    "/api/v1/public/units/", "/api/v1/public/search/?q=泄密", "/api/v1/public/search/?q=草稿",
    "/api/v1/public/search/?q=试验", "/api/v1/public/changes/", "/api/v1/public/releases/",
]


def _all_public_text(client, extra_urls=()) -> dict:
    from bianzhi.portal.models import Release

    out = {}
    urls = list(PUBLIC_URLS) + [f"/data/releases/{n}.json" for n in Release.objects.values_list("number", flat=True)]
    for url in urls + list(extra_urls):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        out[url] = _text(response)
    return out


@pytest.fixture
def secret_unit(published):
    """A unit entered by a clerk but never approved or published, with personal contact data."""
    city = Region.objects.get(code="451000")
    return Unit.objects.create(name=SECRET_UNIT, region=city, kind="organ", category="gov_department",
                               contact_name=PERSONAL[0], contact_mobile=PERSONAL[1],
                               contact_office_phone=PERSONAL[2], legal_representative=PERSONAL[3])


def test_unpublished_unit_appears_in_no_channel(client, secret_unit):
    for url in (f"/unit/{secret_unit.pk}/", f"/unit/{secret_unit.pk}/data.json", f"/unit/{secret_unit.pk}/data.xlsx",
                f"/unit/{secret_unit.pk}/data.csv", f"/unit/{secret_unit.pk}/data.jsonld",
                f"/api/v1/public/units/{secret_unit.pk}/"):
        assert client.get(url).status_code == 404, url
    for url, text in _all_public_text(client).items():
        assert SECRET_UNIT not in text, f"未公开单位出现在 {url}"
        assert "泄密测试" not in text, url


def test_draft_changes_after_publication_never_leak(client, published, admin_user):
    unit = Unit.objects.get(name="百色市教育局")
    unit.name = DRAFT_NAME
    unit.save()
    InternalBody.objects.create(unit=unit, name=DRAFT_BODY, sort_order=99)
    texts = _all_public_text(client, [f"/unit/{unit.pk}/", f"/unit/{unit.pk}/data.xlsx", f"/unit/{unit.pk}/data.csv",
                                      f"/unit/{unit.pk}/data.json", f"/unit/{unit.pk}/data.jsonld",
                                      f"/api/v1/public/units/{unit.pk}/"])
    for url, text in texts.items():
        assert DRAFT_NAME not in text and DRAFT_BODY not in text, f"草稿内容出现在 {url}"
    assert "百色市教育局" in texts[f"/unit/{unit.pk}/"]
    # Once published, the new state shows everywhere at once (the cache is keyed by release).
    publish_units([unit], note="审核通过后发布", acting_user=admin_user)
    page = client.get(f"/unit/{unit.pk}/").content.decode()
    assert f"<h1>{DRAFT_NAME}</h1>" in page
    assert "百色市<mark>草稿改名</mark>试验局" in client.get("/search/?q=草稿改名").content.decode()


def test_personal_data_is_never_public(client, secret_unit, admin_user):
    """Even a published unit never shows its contact person, phones or legal representative."""
    release = publish_units([secret_unit], acting_user=admin_user)
    texts = _all_public_text(client, [f"/unit/{secret_unit.pk}/", f"/unit/{secret_unit.pk}/data.xlsx",
                                      f"/unit/{secret_unit.pk}/data.csv", f"/unit/{secret_unit.pk}/data.json",
                                      f"/unit/{secret_unit.pk}/data.jsonld", f"/api/v1/public/units/{secret_unit.pk}/",
                                      f"/data/releases/{release.number}.json"])
    assert SECRET_UNIT in texts[f"/unit/{secret_unit.pk}/"]  # the unit itself is public now
    for value in PERSONAL:  # searching for the personal data finds nothing
        assert "没有找到" in client.get("/search/", {"q": value}).content.decode()
        assert client.get("/api/v1/public/search/", {"q": value}).json()["count"] == 0
    for url, text in texts.items():
        for value in PERSONAL:
            assert value not in text, f"个人信息“{value}”出现在 {url}"
    snapshot = json.loads(texts[f"/unit/{secret_unit.pk}/data.json"])["units"][0]["unit"]
    for field in ("contact_name", "contact_mobile", "contact_office_phone", "legal_representative", "note"):
        assert field not in snapshot


def test_withdrawn_unit_disappears_from_every_channel(client, published, admin_user):
    unit = Unit.objects.get(name="百色市审计局")
    assert client.get(f"/unit/{unit.pk}/").status_code == 200
    assert "百色市审计局" in client.get("/search/?q=审计").content.decode()
    before = published.number
    unpublish_unit(unit, reason="机构改革，待重新审核", acting_user=admin_user)
    assert client.get(f"/unit/{unit.pk}/").status_code == 404
    assert client.get(f"/api/v1/public/units/{unit.pk}/").status_code == 404
    assert client.get(f"/unit/{unit.pk}/data.csv").status_code == 404
    for url in ("/search/?q=审计", "/api/v1/public/search/?q=审计", "/sitemap.xml", "/api/v1/public/units/",
                "/region/451000/", "/region/451000/data.csv", "/region/451000/data.json"):
        assert "百色市审计局" not in _text(client.get(url)), url
    assert f"/unit/{unit.pk}/" not in _text(client.get("/sitemap.xml"))
    feed = client.get(f"/feed.json?since={before}").json()
    assert [i["_bianzhi"]["action"] for i in feed["items"]] == ["withdrawn"]
    assert feed["items"][0]["_bianzhi"]["unit"] is None


def test_public_side_needs_no_login_and_links_to_staff_login(client, published):
    page = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in page
    assert "工作人员登录" in page
    assert "/manage/" not in page  # no staff navigation on the public site
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /manage/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
