"""An id larger than the database's integers (from a hand-edited address) is a 404 or a Chinese message, never a 500:
SQLite's driver cannot bind it (OverflowError) where PostgreSQL finds no row (core.middleware.OutOfRangeIdMiddleware)."""
import pytest

HUGE = str(2 ** 70)


@pytest.mark.django_db
def test_huge_ids_in_public_addresses_and_search_parameters(client):
    r = client.get(f"/unit/{HUGE}/")
    assert r.status_code == 404 and "页面不存在" in r.content.decode()
    r = client.get(f"/api/v1/public/units/{HUGE}/")
    assert r.status_code == 404 and r.json() == {"detail": "未找到该对象，或您无权访问。"}  # as for any missing object
    r = client.get(f"/search/?q=教育&unit={HUGE}")
    assert r.status_code == 200  # a search limited to a unit that cannot exist: no results, not an error
    assert client.get(f"/api/v1/public/search/?q=教育&unit={HUGE}").status_code in (200, 400)


@pytest.mark.django_db
def test_huge_ids_in_staff_addresses(admin_client):
    assert admin_client.get(f"/manage/units/{HUGE}/").status_code == 404
