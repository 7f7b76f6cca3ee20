"""The staff lists at province scale (issue 14, item 5): a capped count (“超过 N 个事项”) with pages up to the
cap, a 实施部门 filter that does not list every unit once the scope holds many, and an export that is started
without counting every row. The limits are lowered here so that the demo data crosses them."""
import re

import pytest
from django.db.models import Q
from django.urls import reverse

from bianzhi.core.views import CappedPaginator
from bianzhi.lists import exports, filtersets
from bianzhi.lists.models import PowerItem
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db


def codes_on(page: str) -> list[str]:
    return re.findall(r"<tr><td>([^<]+)</td><td>", page)


def test_above_the_cap_the_list_says_more_than_and_pages_up_to_the_cap(lclient, monkeypatch):
    total = PowerItem.objects.count()
    assert total > 12
    monkeypatch.setattr(CappedPaginator, "cap", 10)
    admin = lclient("admin")
    url = reverse("lists:power-list")
    monkeypatch.setattr("bianzhi.lists.views.PowerItemListView.paginate_by", 4)
    first = admin.get(url).content.decode()
    assert "超过 10 个事项" in first and f"共 {total} 个事项" not in first
    assert "第 1 页（列出前 10 条）" in first
    pages = [codes_on(admin.get(url, {"page": n}).content.decode()) for n in (1, 2)]
    # the same order as the whole list, page after page
    ordered = list(PowerItem.objects.order_by("unit__sort_order", "unit_id", "code").values_list("code", flat=True))
    assert pages[0] + pages[1] == ordered[:8]
    # pages up to the cap: 10 // 4 = 2 pages, the second has no 下一页, the third is not offered
    assert "下一页" not in admin.get(url, {"page": 2}).content.decode()
    assert admin.get(url, {"page": 3}).status_code == 404


def test_below_the_cap_the_count_is_exact_and_every_page_is_offered(lclient, monkeypatch):
    monkeypatch.setattr("bianzhi.lists.views.PowerItemListView.paginate_by", 4)
    clerk = lclient("jiaotong")
    mine = PowerItem.objects.filter(unit__name__startswith="百色市交通运输局").count()
    assert mine > 4
    page = clerk.get(reverse("lists:power-list")).content.decode()
    pages = -(-mine // 4)
    assert f"共 {mine} 个事项" in page and f"第 1 / {pages} 页" in page and "超过" not in page
    assert clerk.get(reverse("lists:power-list"), {"page": pages}).status_code == 200


def test_many_units_in_scope_filter_by_unit_name_instead_of_a_drop_down(lclient, monkeypatch):
    units_in_demo = Unit.objects.count()
    monkeypatch.setattr(filtersets, "UNIT_CHOICES_MAX", 5)
    admin = lclient("admin")
    url = reverse("lists:power-list")
    page = admin.get(url).content.decode()
    assert units_in_demo > 5
    assert '<select name="unit"' not in page and 'name="unit_name"' in page  # no drop-down of every unit
    page = admin.get(url, {"unit_name": "交通运输"}).content.decode()
    shown = codes_on(page)
    expected = PowerItem.objects.filter(unit__name__contains="交通运输")
    assert sorted(shown) == sorted(expected.values_list("code", flat=True)) and shown
    # a unit chosen by id (a link from the unit's page) still filters, and is named on the page
    edu = Unit.objects.get(name="百色市教育局")
    page = admin.get(url, {"unit": edu.pk}).content.decode()
    assert sorted(codes_on(page)) == sorted(PowerItem.objects.filter(unit=edu).values_list("code", flat=True))
    assert 'data-testid="unit-filter">实施部门：百色市教育局' in page
    assert f'<input type="hidden" name="unit" value="{edu.pk}"' in page


def test_few_units_in_scope_keep_the_drop_down_and_an_out_of_scope_unit_is_refused(lclient, monkeypatch):
    monkeypatch.setattr(filtersets, "UNIT_CHOICES_MAX", 5)
    clerk = lclient("jiaotong")  # 百色市交通运输局 and its subordinates: a handful of units
    assert Unit.objects.restrict(clerk.get("/").wsgi_request.user, "view").count() <= 5
    page = clerk.get(reverse("lists:power-list")).content.decode()
    assert '<select name="unit"' in page and 'name="unit_name"' not in page
    # the unit filter only accepts units in scope, whichever widget shows it
    edu = Unit.objects.get(name="百色市教育局")
    page = clerk.get(reverse("lists:power-list"), {"unit": edu.pk}).content.decode()
    assert "教师资格认定" not in page


def test_a_large_export_starts_without_counting_and_the_worker_counts(lclient, lusers, settings, monkeypatch,
                                                                     tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.LISTS_EXPORT_INLINE_MAX = 3
    started = []
    monkeypatch.setattr("bianzhi.lists.views.run_export_job", started.append)  # the queue, not run here
    admin = lclient("admin")
    response = admin.get(reverse("lists:export", args=["power", "csv"]))
    assert response.status_code == 302 and len(started) == 1
    token = started[0]
    job = exports.get_job(token, lusers["admin"])
    assert job["status"] == "queued" and job["total"] is None and job["more_than"] == 3
    page = admin.get(response["Location"]).content.decode()
    assert "超过 3 条" in page
    exports.run_job(token)
    job = exports.get_job(token, lusers["admin"])
    assert job["status"] == "done" and job["total"] == job["processed"] == PowerItem.objects.count()
    assert f"已生成 {PowerItem.objects.count()} 条" in admin.get(response["Location"]).content.decode()


def test_a_list_that_fits_on_one_page_is_counted_from_the_page(lclient):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = lclient("admin")
    expected = PowerItem.objects.filter(Q(name_key__contains="道路运输") | Q(parent__name_key__contains="道路运输")).count()
    assert 0 < expected < 50
    with CaptureQueriesContext(connection) as ctx:
        page = admin.get(reverse("lists:power-list"), {"q": "道路运输"}).content.decode()
    assert f"共 {expected} 个事项" in page and len(codes_on(page)) == expected
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"] and "lists_poweritem" in q["sql"]]
    assert counts == []  # the page's ids were fewer than a page: no second scan of the search to count them


def test_the_api_filters_by_unit_name_and_counts_the_units_only_when_asked(lclient, api_for, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(filtersets, "UNIT_CHOICES_MAX", 5)
    api = api_for("admin")
    expected = PowerItem.objects.filter(unit__name__contains="交通运输")
    response = api.get("/api/v1/power-items/", {"unit_name": "交通运输", "limit": 1000})
    assert sorted(i["code"] for i in response.json()["results"]) == sorted(expected.values_list("code", flat=True))
    edu = Unit.objects.get(name="百色市教育局")
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/v1/power-items/", {"unit": edu.pk, "limit": 1000})
    assert sorted(i["code"] for i in response.json()["results"]) == sorted(
        PowerItem.objects.filter(unit=edu).values_list("code", flat=True))
    assert not [q for q in queries.captured_queries if "LIMIT 6) subquery" in q["sql"]]  # the units not counted
