"""Pages a clerk uses: scope, the upload → mapping → progress → result flow, exports, reports, forms."""
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from bianzhi.lists import services
from bianzhi.lists.models import PowerCategory, PowerItem

from .helpers import row, xlsx

pytestmark = pytest.mark.django_db


def test_scope_lists_details_and_exports(lclient):
    edu = PowerItem.objects.get(name="教师资格认定")
    jt = lclient("jiaotong")
    page = jt.get(reverse("lists:power-list")).content.decode()
    assert "道路运输经营许可" in page and "教师资格认定" not in page
    assert jt.get(reverse("lists:power-detail", args=[edu.pk])).status_code == 404
    assert lclient("luru").get(reverse("lists:power-detail", args=[edu.pk])).status_code == 200
    content = jt.get(reverse("lists:export", args=["power", "xlsx"])).getvalue()
    names = {r[1] for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)}
    assert "道路运输经营许可" in names and "教师资格认定" not in names
    api = jt.get("/api/v1/power-items/").json()
    assert api["count"] == PowerItem.objects.filter(unit__name__startswith="百色市交通运输局").count()


def test_upload_mapping_and_result_pages(lclient):
    c = lclient("jiaotong")
    upload = SimpleUploadedFile("部门报送.xlsx", xlsx([row("网络预约出租汽车经营许可")],
                                header=["编码", "职权名称", "子项", "权力类型", "实施主体", "承办科室", "行使对象",
                                        "法律依据", "执行依据", "层级", "法定期限", "承诺期限", "对应职责", "问责情形",
                                        "说明"], sheet="Sheet1"))
    r = c.post(reverse("lists:import-upload", args=["power"]), {"file": upload})
    assert r.status_code == 302
    job_url = r["Location"]
    page = c.get(job_url).content.decode()
    assert "列对照" in page and 'value="name" selected' in page and 'value="unit" selected' in page
    job_id = int(job_url.rstrip("/").rsplit("/", 1)[1])
    from bianzhi.lists.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    data = {f"col_{pos}": key for pos, key in job.mapping.items()}
    r = c.post(job_url, data)  # huey runs immediately in tests
    assert r.status_code == 302
    page = c.get(job_url).content.decode()
    assert "已导入 1 行" in page and PowerItem.objects.filter(name="网络预约出租汽车经营许可").exists()
    progress = c.get(reverse("lists:import-progress", args=[job_id]), HTTP_HX_REQUEST="true")
    assert progress["HX-Refresh"] == "true"
    assert lclient("luru").get(job_url).status_code == 404  # another person's job


def test_failed_import_shows_row_column_value_and_offers_error_file(lclient):
    c = lclient("jiaotong")
    upload = SimpleUploadedFile("x.xlsx", xlsx([row("甲事项", category="行政许")]))
    job_url = c.post(reverse("lists:import-upload", args=["power"]), {"file": upload})["Location"]
    from bianzhi.lists.models import ImportJob

    job = ImportJob.objects.get(pk=int(job_url.rstrip("/").rsplit("/", 1)[1]))
    c.post(job_url, {f"col_{p}": k for p, k in job.mapping.items()})
    page = c.get(job_url).content.decode()
    assert "所有行均未导入" in page and "第2行" in page and "行政许" in page and "您是否要填“行政许可”" in page
    r = c.get(reverse("lists:import-error-file", args=[job.pk]))
    assert r.status_code == 200


def test_broken_upload_shows_clear_message(lclient):
    c = lclient("jiaotong")
    r = c.post(reverse("lists:import-upload", args=["power"]),
               {"file": SimpleUploadedFile("坏.xlsx", b"not a workbook")})
    assert r.status_code == 400 and "文件“坏.xlsx”" in r.content.decode()  # refused by the upload guard, named
    assert lclient("lingdao").get(reverse("lists:import-upload", args=["power"])).status_code == 403


def test_reports_on_demo_data(lclient):
    c = lclient("admin")
    page = c.get(reverse("lists:report-overlaps")).content.decode()
    assert "同名事项：对校外培训机构的监督检查" in page and "百色市市场监督管理局" in page
    assert "同一法条：《公路安全保护条例》第六十六条" in page and "百色市公安局" in page
    page = c.get(reverse("lists:report-coverage")).content.decode()
    # gaps stay on units the workflow demo does not submit (submission refuses unlinked items)
    assert "权力事项未关联职责" in page and "对违反会计法行为的处罚" in page and "对超限运输车辆的处罚" in page
    page = c.get(reverse("lists:report-counts")).content.decode()
    assert "百色市交通运输局" in page and "行政许可" in page
    for name in ["report-coverage", "report-overlaps", "report-counts"]:
        r = c.get(reverse(f"lists:{name}") + "?format=xlsx")
        assert r.status_code == 200 and load_workbook(io.BytesIO(r.getvalue())).worksheets[0].max_row > 1
    jt = lclient("jiaotong").get(reverse("lists:report-overlaps")).content.decode()
    assert "百色市市场监督管理局" not in jt  # reports never show units outside the reader's scope


def test_manual_entry_with_bases_stages_and_conflict(lclient):
    from bianzhi.registry.models import Unit

    unit = Unit.objects.get(name="百色市交通运输局")
    c = lclient("jiaotong")
    licence = PowerCategory.objects.get(name="行政许可")
    data = {"unit": unit.pk, "name": "出租汽车经营资格证核发", "category": licence.pk, "target": "自然人",
            "setting_basis": "《中华人民共和国道路运输条例》第十条", "implementing_basis": "",
            "stages": "1.受理责任：依法受理。\n2.审查责任：审查材料。", "code": ""}
    r = c.post(reverse("lists:power-create"), data)
    assert r.status_code == 302, r.content.decode()[:2000]
    item = PowerItem.objects.get(name="出租汽车经营资格证核发")
    assert item.code.startswith("451000-XK-") and item.citations.get().article == "第十条"
    assert [s.stage for s in item.stage_responsibilities.all()] == ["受理", "审查"]
    stale = {**data, "name": "改名一", "row_version": item.row_version, "code": item.code}
    c.post(reverse("lists:power-edit", args=[item.pk]), {**data, "name": "改名二", "row_version": item.row_version,
                                                         "code": item.code})
    r = c.post(reverse("lists:power-edit", args=[item.pk]), stale)
    assert r.status_code == 200 and "已被其他用户修改" in r.content.decode() and "改名一" in r.content.decode()


def test_dictionary_is_admin_configuration(lclient):
    cat = PowerCategory.objects.get(name="行政许可")
    assert lclient("jiaotong").get(reverse("lists:category-edit", args=[cat.pk])).status_code == 403
    r = lclient("admin").post(reverse("lists:category-create"), {
        "name": "其他行政权力-审核转报", "code_prefix": "QT", "parent": PowerCategory.objects.get(name="其他行政权力").pk,
        "is_power": "on", "stages": "受理\n审核\n转报", "sort_order": 105, "active": "on"})
    assert r.status_code == 302
    assert PowerCategory.objects.get(name="其他行政权力-审核转报").stages == ["受理", "审核", "转报"]


def test_public_snapshot_and_submission_problems(lusers):
    from bianzhi.registry.models import Unit

    unit = Unit.objects.get(name="百色市交通运输局")
    snap = services.public_snapshot(unit)
    json.dumps(snap, ensure_ascii=False)
    permit = next(p for p in snap["power_items"] if p["name"] == "道路旅客运输经营许可")
    assert permit["main_item_code"] and permit["setting_basis"][0].startswith("《中华人民共和国道路运输条例》")
    penalty = next(p for p in snap["power_items"] if p["name"].startswith("对未取得道路运输经营许可"))
    assert [s["stage"] for s in penalty["stages"]][:2] == ["立案", "调查取证"]
    assert services.duty_link_problems(unit) == []  # the workflow demo submits it, so every item is linked
    finance = Unit.objects.get(name="百色市财政局")
    problems = services.submission_problems(finance)
    assert any("个权力事项未关联三定职责" in p for p in services.duty_link_problems(finance))
    assert services.duty_link_problems(finance)[0] in problems


def test_coverage_lists_uncovered_duties_and_items_of_abolished_units(lusers):
    import datetime

    from bianzhi.lists import reports
    from bianzhi.registry.models import Unit

    admin = lusers["admin"]
    report = reports.coverage(admin)
    units_with_gaps = {u.name for u, _ref in report.uncovered_duties}
    assert "百色市教育局" in units_with_gaps  # the 三定 demo has more duties than the demo lists cover
    police = Unit.objects.get(name="百色市公安局")
    Unit.objects.filter(pk=police.pk).update(status="abolished", abolished_on=datetime.date(2020, 1, 1))
    report = reports.coverage(admin)
    assert [i.name for _label, i in report.abolished_unit_items] == ["对超限运输车辆的处罚"]


def test_law_page_traces_every_item_citing_it(lclient):
    from bianzhi.lists.models import Law

    law = Law.objects.get(name="公路安全保护条例")
    page = lclient("admin").get(reverse("lists:law-detail", args=[law.pk])).content.decode()
    assert "对超限运输车辆的处罚" in page and "对超限运输车辆擅自行驶公路的处罚" in page
    page = lclient("jiaotong").get(reverse("lists:law-detail", args=[law.pk])).content.decode()
    assert "对超限运输车辆擅自行驶公路的处罚" in page and "百色市公安局" not in page


def test_citations_are_read_by_law_through_the_law_index_and_the_law_page_keeps_its_order(lclient):
    """ADR 0043: `lists_citation` is indexed by law alone (no (law, article_key) index); every lookup by law uses it
    (the law page, the law list's counts, PROTECT on deleting a law), and the law page still lists a law's
    citations by article, then unit."""
    from django.db import connection, transaction
    from django.db.models import Count

    from bianzhi.lists.models import Citation, CitationKind, Law

    with connection.cursor() as cursor:
        indexes = {tuple(c["columns"]) for c in connection.introspection.get_constraints(
            cursor, Citation._meta.db_table).values() if c["index"] and not c["primary_key"]}
    assert ("law_id",) in indexes and ("law_id", "article_key") not in indexes

    law = Law.objects.create(name="测试索引条例", doc_number="测试令第1号", level="law")
    items = list(PowerItem.objects.filter(parent__isnull=True).order_by("unit_id", "pk"))
    first, other = items[0], next(i for i in items if i.unit_id != items[0].unit_id)
    for item, article in [(other, "第3条"), (first, "第3条"), (first, "第1条"), (other, "第2条")]:
        Citation.objects.create(power_item=item, kind=CitationKind.SETTING, law=law, article=article)
    page = lclient("admin").get(reverse("lists:law-detail", args=[law.pk]))
    assert [(c.article, c.power_item.unit_id) for c in page.context["citations"]] == sorted(
        [("第3条", other.unit_id), ("第3条", first.unit_id), ("第1条", first.unit_id), ("第2条", other.unit_id)],
        key=lambda a: (a[0], a[1]))

    queries = [page.context["citations"], Citation.objects.filter(law__in=[law.pk]),
               Law.objects.filter(pk=law.pk).annotate(n=Count("citations"))]
    with transaction.atomic():
        if connection.vendor == "postgresql":  # a small test table: make the planner show what the index serves
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        for qs in queries:
            assert "lists_citation_law" in qs.explain(), qs.query


def test_the_api_lists_each_items_citations_with_their_law_in_one_query(lclient):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bianzhi.lists.models import Citation

    jt = lclient("jiaotong")
    with CaptureQueriesContext(connection) as queries:
        items = jt.get("/api/v1/power-items/", {"limit": 1000}).json()["results"]
    cited = [i for i in items if i["citations"]]
    assert cited and any(c["law"] for i in cited for c in i["citations"])
    for item in cited:
        stored = Citation.objects.filter(power_item_id=item["id"]).select_related("law")
        assert item["citations"] == [{"kind": c.kind, "law": c.law_id, "law_name": c.law.name if c.law else "",
                                      "article": c.article, "text": c.text} for c in stored]
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "lists_law"')]


def test_the_api_shows_each_items_category_unit_and_main_item_as_stored(lclient):
    """The list reads the category's name, the unit's name and the 主项's code as columns of its joins (not the
    three related rows): the same values as the rows themselves, None for an item without a 主项; one query for
    the items, none per item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    main = PowerItem.objects.filter(unit__name__startswith="百色市交通运输局", parent__isnull=True).order_by("pk")[0]
    sub = PowerItem.objects.create(region=main.region, code=f"{main.code}-9", name="测试子项", category=main.category,
                                   parent=main, unit=main.unit)
    jt = lclient("jiaotong")
    jt.get("/api/v1/power-items/")
    with CaptureQueriesContext(connection) as queries:
        items = {i["id"]: i for i in jt.get("/api/v1/power-items/", {"limit": 1000}).json()["results"]}
    assert len(items) == PowerItem.objects.filter(unit__name__startswith="百色市交通运输局").count() > 2
    for item in PowerItem.objects.filter(pk__in=items).select_related("category", "unit", "parent"):
        shown = items[item.pk]
        assert shown["category"] == item.category.name and shown["unit_name"] == item.unit.name
        assert shown["main_item_code"] == (item.parent.code if item.parent else None)
    assert items[sub.pk]["main_item_code"] == main.code and items[main.pk]["main_item_code"] is None
    assert not [q for q in queries.captured_queries if q["sql"].startswith(('SELECT "lists_powercategory"',
                                                                          'SELECT "registry_unit"."id", "registry_unit"."created_at"'))]
