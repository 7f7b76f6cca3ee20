"""Finding 7 (issue 15): bad input answers a clear 4xx, never a 500 — the probe's requests, one by one."""
import pytest

from bianzhi.registry.models import Unit


@pytest.fixture
def anon(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("url, expected", [
    ("/api/v1/public/releases/abc/", 404),
    ("/api/v1/public/releases/99999999999999999999/", 404),
    ("/search/?q=a%00b", 400),
    ("/api/v1/public/search/?q=a%00b", 400),
])
def test_bad_public_requests_are_refused_not_500(anon, demo, url, expected):
    assert anon.get(url).status_code == expected, url


def test_huge_limit_and_offset_answer_a_page(anon, demo):
    response = anon.get("/api/v1/public/units/?limit=99999999999999999999")
    assert response.status_code == 200
    assert len(response.json()["results"]) == response.json()["count"] or len(response.json()["results"]) == 1000
    response = anon.get("/api/v1/public/units/?offset=99999999999999999999")
    assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize("url", ["/feed.atom?since=0001-01-01", "/feed.json?since=0001-01-01",
                                 "/api/v1/public/changes/?since=0001-01-01T00:00:00%2B08:00",
                                 "/feed.json?since=9999-12-31T23:59:59-08:00"])
def test_ancient_and_far_since_dates(anon, demo, url):
    assert anon.get(url).status_code == 200, url


def test_ancient_since_lists_every_change(anon, demo):
    everything = anon.get("/feed.json").json()["items"]
    assert anon.get("/feed.json?since=0001-01-01").json()["items"] == everything


@pytest.mark.parametrize("url", ["/manage/lists/laws/new/", "/manage/lists/categories/new/"])
def test_law_and_category_create_pages_render(client_for, url):
    response = client_for("admin").get(url)
    assert response.status_code == 200
    assert "新增" in response.content.decode()


def test_law_and_category_edit_pages_render(client_for):
    from bianzhi.lists.models import Law, PowerCategory

    admin = client_for("admin")
    category = PowerCategory.objects.first()
    response = admin.get(f"/manage/lists/categories/{category.pk}/edit/")
    assert response.status_code == 200 and category.name in response.content.decode()
    law = Law.objects.first()
    response = admin.get(f"/manage/lists/laws/{law.pk}/edit/")
    assert response.status_code == 200 and law.name in response.content.decode()


def test_delete_referenced_unit_is_409_with_chinese_reason(api_for):
    api = api_for("admin")
    api.raise_request_exception = False
    unit = Unit.objects.get(pk=31)
    response = api.delete(f"/api/v1/units/{unit.pk}/", HTTP_IF_MATCH=str(unit.row_version))
    assert response.status_code == 409, response.content
    assert "不能删除" in response.json()["detail"] or "锁定" in response.json()["detail"]
    assert Unit.objects.filter(pk=31).exists()


def test_delete_of_any_referenced_unit_never_500(api_for):
    api = api_for("admin")
    api.raise_request_exception = False
    for unit in Unit.objects.order_by("id")[:40]:
        response = api.delete(f"/api/v1/units/{unit.pk}/", HTTP_IF_MATCH=str(unit.row_version))
        assert response.status_code < 500, (unit.pk, response.content)
