"""Import: every validation rule, all-or-nothing, bad files, the real published rows, round trip."""
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bianzhi.lists import exporter
from bianzhi.lists.models import Citation, Law, PowerItem, ResponsibilityItem, StageResponsibility
from bianzhi.registry.models import Unit

from .helpers import HEADER, row, run, xlsx

REAL = Path(__file__).with_name("data")  # real published samples, each with its source line
pytestmark = pytest.mark.django_db


def unit(name):
    return Unit.objects.get(name=name)


def messages(job):
    return [(e["row"], e["column"], e["value"], e["message"], e["suggestion"]) for e in job.errors]


# ------------------------------------------------------------------------------------------------ happy path
def test_good_rows_import_as_entries_with_codes_citations_and_one_audit_summary(lusers):
    from bianzhi.core.audit_models import AuditLogEntry

    before = PowerItem.objects.count()
    job = run(lusers["jiaotong"], xlsx([
        row("城市公共汽车客运线路经营许可", duties="（一）", body="运输管理科",
            basis="1.《中华人民共和国道路运输条例》（国务院令第406号）第十条；\n2.《城市公共交通条例》第二十条。"),
        row("道路运输车辆年度审验", category="行政确认"),
    ]))
    assert job.status == "succeeded", job.errors
    assert job.created_count == 2 and PowerItem.objects.count() == before + 2
    item = PowerItem.objects.get(name="城市公共汽车客运线路经营许可")
    assert item.code.startswith("451000-XK-") and item.internal_body.name == "运输管理科"
    assert [(c.law.name, c.article) for c in item.citations.order_by("position")] == [
        ("中华人民共和国道路运输条例", "第十条"), ("城市公共交通条例", "第二十条")]
    assert Law.objects.filter(name="中华人民共和国道路运输条例").count() == 1  # one record per law
    assert Law.objects.get(name="城市公共交通条例").needs_review  # a new law is registered, to be checked
    assert item.duties.count() == 1
    entries = AuditLogEntry.objects.filter(model="importjob", object_id=str(job.pk))
    summary = [e for e in entries if "summary" in (e.after or {})]
    assert len(summary) == 1 and "新建 2 条" in summary[0].after["summary"]
    assert not AuditLogEntry.objects.filter(model="poweritem", object_id=str(item.pk)).exists()  # bulk path


# ------------------------------------------------------------------------------------------------ validation rules
def test_category_labels_normalised_and_near_misses_suggested(lusers):
    job = run(lusers["jiaotong"], xlsx([
        row("甲事项", category="行政许可 "),        # trailing space: the same label after NFKC
        row("乙事项", category="其他行政权力－备案"),  # full-width hyphen: the same label after NFKC
        row("丙事项", category="行政许咳"),          # a close label: refused, with a suggestion
    ]))
    assert job.status == "failed"
    assert messages(job) == [(4, "D", "行政许咳", "不是“事项类别”字典中的类别，您是否要填“行政许可”？", "行政许可")]
    assert PowerItem.objects.filter(name__in=["甲事项", "乙事项"]).count() == 0  # all or nothing


def test_unknown_and_out_of_scope_units_get_the_same_message(lusers):
    job = run(lusers["jiaotong"], xlsx([row("甲事项", unit="百色市教育局"), row("乙事项", unit="百色市不存在局")]))
    errors = messages(job)
    assert [e[:4] for e in errors] == [(2, "E", "百色市教育局", "未知单位或不在您的数据范围内"),
                                       (3, "E", "百色市不存在局", "未知单位或不在您的数据范围内")]
    assert "百色市教育局" not in errors[0][4]  # the suggestion never names a unit outside the scope


def test_unit_found_by_short_name_and_full_width_variant(lusers):
    job = run(lusers["jiaotong"], xlsx([row("甲事项", unit=" 市交通运输局 "), row("乙事项", unit="百色市交通运输局")]))
    assert job.status == "succeeded", job.errors


def test_missing_basis_duplicates_formulas_and_bad_links(lusers):
    existing = PowerItem.objects.filter(unit__name="百色市交通运输局", parent__isnull=True).first()
    job = run(lusers["jiaotong"], xlsx([
        row("甲事项", basis=""),
        row("乙事项"),
        row("乙事项"),
        row(existing.name),
        row("丙事项", legal="=1+1"),
        row("丁事项", body="基础教育科", duties="（九十九）"),
        row("戊事项", duties="见附件"),
    ]))
    got = {(e[0], e[3].split("（")[0].split("，")[0]) for e in messages(job)}
    assert (2, "缺少依据：设定依据和实施依据至少填写一项") in got
    assert (4, "与第3行是同一事项") in got
    assert any(r == 5 and m.startswith("该单位已有同名事项") for r, m in got)
    assert (6, "单元格是公式") in got
    assert (7, "不是该实施部门的内设机构") in got
    assert any(r == 7 and "没有第99项主要职责" in m for r, m in got)
    assert any(r == 8 and m.startswith("关联职责应填写") for r, m in got)
    assert PowerItem.objects.filter(name__in=["乙事项", "丙事项"]).count() == 0


def test_all_or_nothing_and_annotated_workbook(lusers):
    items, laws, cites = PowerItem.objects.count(), Law.objects.count(), Citation.objects.count()
    rows = [row(f"事项{i}", basis=f"《某新条例{i}》第一条") for i in range(30)] + [row("坏行", category="许可")]
    job = run(lusers["jiaotong"], xlsx(rows))
    assert job.status == "failed" and "所有行均未导入" in job.message
    assert (PowerItem.objects.count(), Law.objects.count(), Citation.objects.count()) == (items, laws, cites)
    wb = load_workbook(job.error_file.open("rb"))
    ws = wb["权力清单"]
    assert ws.cell(row=1, column=len(HEADER) + 1).value == "错误说明"
    assert "事项类别" in ws.cell(row=32, column=len(HEADER) + 1).value
    assert ws.cell(row=2, column=len(HEADER) + 1).value is None


def test_locked_unit_refuses_the_whole_import(lusers, monkeypatch):
    from bianzhi.core import locks

    # a lock provider (the review flow registers the real one) that reports every unit locked
    monkeypatch.setattr(locks, "_providers", [lambda ids: {i: "百色市交通运输局" for i in ids}])
    before = PowerItem.objects.count()
    job = run(lusers["jiaotong"], xlsx([row("甲事项")]))
    assert job.status == "failed" and "已审核通过并锁定" in job.message and "所有行均未导入" in job.message
    assert PowerItem.objects.count() == before


# ------------------------------------------------------------------------------------------------ bad files
def test_broken_workbook(lusers):
    job = run(lusers["jiaotong"], b"PK\x03\x04 not really a zip" * 20)
    assert job.status == "failed" and "无法作为 Excel 工作簿" in job.message


def test_wrong_sheet(lusers):
    job = run(lusers["jiaotong"], xlsx([["a", "b"]], header=["姓名", "电话"], sheet="通讯录"))
    assert job.status == "failed" and "没有找到权力清单的表头" in job.message and "通讯录" in job.message


def test_sheet_found_by_header_below_a_title(lusers):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["百色市交通运输局权力清单（2017年）"])
    ws.append(HEADER)
    ws.append(row("标题下的事项"))
    buf = io.BytesIO()
    wb.save(buf)
    job = run(lusers["jiaotong"], buf.getvalue())
    assert job.status == "succeeded", job.message


def test_merged_cell_header(lusers):
    wb = Workbook()
    ws = wb.active
    ws.title = "权力清单"
    ws.append(HEADER)
    ws.merge_cells("H1:I1")
    ws.append(row("甲事项"))
    buf = io.BytesIO()
    wb.save(buf)
    job = run(lusers["jiaotong"], buf.getvalue())
    assert job.status == "failed" and "合并单元格 H1:I1" in job.message and "设定依据" in job.message


def test_fifty_thousand_empty_rows(lusers):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("权力清单")
    ws.append(HEADER)
    ws.append(row("唯一的事项"))
    for _ in range(50000):
        ws.append([None, "", None])
    buf = io.BytesIO()
    wb.save(buf)
    job = run(lusers["jiaotong"], buf.getvalue())
    assert job.status == "succeeded" and job.processed_rows == 1 and job.created_count == 1
    empty = Workbook(write_only=True)
    ws = empty.create_sheet("权力清单")
    ws.append(HEADER)
    for _ in range(50000):
        ws.append(["", None])
    buf = io.BytesIO()
    empty.save(buf)
    job = run(lusers["jiaotong"], buf.getvalue())
    assert job.status == "failed" and "没有数据行" in job.message


def test_csv_in_gbk(lusers):
    text = ",".join(HEADER) + "\n" + ",".join(row("GBK编码的事项")) + "\n"
    job = run(lusers["jiaotong"], text.encode("gbk"), filename="清单.csv")
    assert job.status == "succeeded", job.errors
    assert PowerItem.objects.filter(name="GBK编码的事项").exists()


def test_csv_neither_utf8_nor_gbk(lusers):
    job = run(lusers["jiaotong"], ",".join(HEADER).encode() + b"\n\xff\xfe\xfa\n", filename="x.csv")
    assert job.status == "failed" and "第2行" in job.message and "UTF-8" in job.message


# ------------------------------------------------------------------------------------------------ real rows
def real(name):
    return (REAL / name).read_bytes()


def test_real_rows_import_after_mapping(lusers):
    admin, fgw, audit = lusers["admin"], unit("百色市发展和改革委员会"), unit("百色市审计局")
    job = run(admin, real("01_guichi_qu_quanze_qingdan_mulu_2023.csv"), "01.csv",
              unit_mapping={"区发展和改革委员会(区粮食和物资储备局)": str(audit.pk)})
    assert job.status == "succeeded", job.errors
    assert job.created_count == 10 and job.mapping["0"] == "unit" and job.mapping["2"] == "category"
    assert PowerItem.objects.get(name__startswith="对违反《中华人民共和国节约能源法》有关规定").basis_pending

    finance = unit("百色市水利局")
    job = run(admin, real("02_dianjiang_xian_xingzheng_xuke_shixiang_2020.csv"), "02.csv",
              unit_mapping={"县财政局": str(finance.pk), "县城市管理局": str(audit.pk)})
    assert job.status == "succeeded", job.errors
    assert job.created_count == 4
    item = PowerItem.objects.get(name="市政设施建设类审批")
    assert item.citations.count() == 6 and item.statutory_limit == "20" and item.promised_limit == "4"
    assert Law.objects.filter(name="城市道路管理条例").count() == 1
    assert Citation.objects.filter(power_item=item, law__name="城市道路管理条例").count() == 4

    job = run(admin, real("03_dangan_guanli_quanze_zhuxiang_zixiang_shixian_tongyi.csv"), "03.csv",
              default_unit=fgw)
    assert job.status == "succeeded", job.errors
    main = PowerItem.objects.get(name="对重点建设项目(工程)档案的验收", unit=fgw)
    assert sorted(main.sub_items.values_list("name", flat=True)) == [
        "对县(区、市)重点建设项目(工程)档案的验收", "对市重点建设项目(工程)档案的验收"]  # merged 主项 cells
    assert main.category.name == "其他行政权力-其他"
    assert PowerItem.objects.get(name="对执行档案法等有关管理规定的检查").exercise_level == "市、县"

    land = unit("百色市自然资源局")
    job = run(admin, real("04_zeren_shixiang_guotu_chufa_example.csv"), "04.csv", kind="stage",
              unit_mapping={"国土资源局": str(land.pk)})
    assert job.status == "succeeded", job.errors
    item = PowerItem.objects.get(name="伪造、变造、转让地质勘查资质证书的处罚")
    assert [s.stage for s in item.stage_responsibilities.all()] == ["", "立案", "调查取证", "审理", "告知", "决定",
                                                                     "送达"]
    assert item.stage_responsibilities.get(stage="立案").content.startswith("通过举报、巡查")


# ------------------------------------------------------------------------------------------------ round trip
def _rows(content):
    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_power_export_reimports_unchanged_and_rebuilds_identical_data(lusers):
    user = lusers["jiaotong"]
    qs = lambda: PowerItem.objects.restrict(user, "view")  # noqa: E731
    first = exporter.export_xlsx("power", qs())
    assert len(_rows(first)) > 4
    job = run(user, first, "导出.xlsx")  # into the same database: every row matches its 编码, nothing changes
    assert job.status == "succeeded" and job.created_count == 0 and job.updated_count == len(_rows(first)) - 1
    assert _rows(exporter.export_xlsx("power", qs())) == _rows(first)
    stages = exporter.export_xlsx("stage", qs())
    StageResponsibility.objects.filter(power_item__in=qs()).delete()
    ResponsibilityItem.power_items.through.objects.filter(poweritem__in=qs()).delete()
    qs().filter(parent__isnull=False).delete()
    qs().delete()
    assert not qs().exists()
    job = run(user, first, "导出.xlsx")  # into an empty list: the same items, codes, bases and duty links
    assert job.status == "succeeded" and job.created_count == len(_rows(first)) - 1, job.errors
    assert _rows(exporter.export_xlsx("power", qs())) == _rows(first)
    job = run(user, stages, "环节.xlsx", kind="stage")
    assert job.status == "succeeded", job.errors
    assert _rows(exporter.export_xlsx("stage", qs())) == _rows(stages)


def test_csv_export_and_responsibility_round_trip(lusers):
    user = lusers["luru"]
    qs = lambda: ResponsibilityItem.objects.restrict(user, "view")  # noqa: E731
    first = exporter.export_xlsx("duty", qs())
    csv_bytes = exporter.export_csv("duty", qs())
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and "事项名称,类型,实施部门".encode() in csv_bytes
    job = run(user, csv_bytes, "责任.csv", kind="duty")
    assert job.status == "succeeded" and job.created_count == 0, job.errors
    qs().delete()
    job = run(user, first, "责任.xlsx", kind="duty")
    assert job.status == "succeeded", job.errors
    assert _rows(exporter.export_xlsx("duty", qs())) == _rows(first)


def test_real_review_lock_refuses_import_and_form(lusers, lclient):
    """With the review flow's lock in place (approved package), the import writes nothing."""
    import datetime

    from django.urls import reverse

    from bianzhi.workflow.models import Campaign, DataPackage, PackageState

    jt = unit("百色市交通运输局")
    day = datetime.date(2017, 5, 1)
    campaign = Campaign.objects.create(name="清单测试批次", materials_due=day, hold_from=day, review_due=day,
                                       publish_due=day)
    current = DataPackage.objects.filter(unit=jt, is_current=True)
    if current.exists():  # the review flow may already have opened the unit's package
        current.update(state=PackageState.APPROVED)
    else:
        DataPackage.objects.create(unit=jt, campaign=campaign, state=PackageState.APPROVED, is_current=True)
    before = PowerItem.objects.count()
    job = run(lusers["jiaotong"], xlsx([row("锁定后的事项")]))
    assert job.status == "failed" and "锁定" in job.message and "所有行均未导入" in job.message
    assert PowerItem.objects.count() == before
    item = PowerItem.objects.filter(unit=jt, parent__isnull=True).first()
    r = lclient("jiaotong").post(reverse("lists:power-delete", args=[item.pk]))
    assert r.status_code == 302 and PowerItem.objects.filter(pk=item.pk).exists()


# ------------------------------------------------------------------------------------------------ the row loop's paths
def test_new_mains_sub_items_merged_names_fills_updates_and_given_codes_in_one_file(lusers):
    """Every path a row can take in one file: a plain new 主项, 子项 rows before their 主项's own row (the 主项 is
    made from them, then filled in by its row), a 子项 under a merged 主项 cell, an update by 编码, a 编码 given
    in full-width letters (stored after NFKC)."""
    from bianzhi.lists.models import SEARCH_TEXT_SEPARATOR

    existing = PowerItem.objects.filter(unit__name="百色市交通运输局", parent__isnull=True).first()
    before = PowerItem.objects.count()
    job = run(lusers["jiaotong"], xlsx([
        row("甲主项"),
        row("乙主项", sub="乙子项一"),
        row("", sub="乙子项二"),  # the 主项 cell merged over its 子项 rows
        row("乙主项", basis="《城市公共交通条例》第二十条", target="自然人"),
        row(existing.name, code=existing.code, target="新的实施对象"),
        row("丙主项", code="451000-ＸＫ-9001"),
    ]))
    assert job.status == "succeeded", job.errors
    assert (job.created_count, job.updated_count) == (5, 1) and PowerItem.objects.count() == before + 5
    first, main, given = (PowerItem.objects.get(name=n) for n in ("甲主项", "乙主项", "丙主项"))
    assert first.code.startswith("451000-XK-") and main.code.startswith("451000-XK-") and first.code != main.code
    assert given.code == "451000-XK-9001"
    subs = list(main.sub_items.order_by("code"))
    assert [(s.name, s.code) for s in subs] == [("乙子项一", f"{main.code}-001"), ("乙子项二", f"{main.code}-002")]
    assert [s.search_text for s in subs] == [f"乙子项一{SEARCH_TEXT_SEPARATOR}乙主项", f"乙子项二{SEARCH_TEXT_SEPARATOR}乙主项"]
    assert main.parent_id is None and main.search_text == "乙主项" and main.target == "自然人"
    assert not main.basis_pending and main.note == ""  # its own row's values, not the stand-in's
    assert [(c.law.name, c.article) for c in main.citations.all()] == [("城市公共交通条例", "第二十条")]
    assert [c.law.name for c in first.citations.all()] == ["中华人民共和国道路运输条例"]
    existing.refresh_from_db()
    assert existing.target == "新的实施对象"


def test_the_errors_of_one_row_come_in_column_order(lusers):
    """A row with several refused cells: each gets its own error, in column order, then the row's own checks."""
    job = run(lusers["jiaotong"], xlsx([
        row("甲事项"),
        row("=A1", target="=B2", level="市" * 51),
    ]))
    assert job.status == "failed"
    assert [(e[0], e[1], e[3].split("：")[0].split("，")[0]) for e in messages(job)] == [
        (3, "B", "单元格是公式"), (3, "G", "单元格是公式"), (3, "J", "内容过长"), (3, "B", "事项名称为空")]
    assert not PowerItem.objects.filter(name="甲事项").exists()


def test_many_rows_go_in_with_many_rows_per_insert_statement(lusers):
    """The new items and their citations are written with many rows per INSERT (on SQLite; COPY on PostgreSQL), the
    values every row of a batch shares (timestamps, row version, no 主项, no 承办机构, 依据待补录, the job) written
    into the statement: 150 items of 15 bound values (two statements of 66 rows and one of the remaining 18) with two
    citations each of 7 (142, 142, 16). Every row arrives whole, in file order: names, codes, keys, 依据待补录 false,
    the job, the timestamps, each citation's kind and article."""
    from django.db import connection

    statements = []
    rows = [row(f"批量事项{i}", basis=f"《中华人民共和国道路运输条例》第{i + 1}条", impl=f"《城市公共交通条例》第{i + 2}条")
            for i in range(150)]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.set_trace_callback(statements.append)
    try:
        job = run(lusers["jiaotong"], xlsx(rows))
    finally:
        if connection.vendor == "sqlite":
            connection.connection.set_trace_callback(None)
    assert job.status == "succeeded", job.errors
    items = list(PowerItem.objects.filter(name__startswith="批量事项").order_by("pk"))
    assert [i.name for i in items] == [f"批量事项{i}" for i in range(150)]
    assert [i.code_serial for i in items] == sorted(i.code_serial for i in items)
    assert len({i.code for i in items}) == 150 and not any(i.basis_pending for i in items)
    assert PowerItem.objects.filter(name__startswith="批量事项", basis_pending=False).count() == 150
    assert {(i.import_job_id, i.parent_id, i.internal_body_id, i.row_version) for i in items} == {(job.pk, None, None, 1)}
    assert {(i.created_at, i.updated_at) for i in items} == {(items[0].created_at, items[0].created_at)}
    assert abs((items[0].created_at - job.started_at).total_seconds()) < 60
    cited = Citation.objects.filter(power_item__in=items).order_by("power_item_id", "position")
    assert [(c.power_item_id, c.kind, c.article, c.law.name) for c in cited] == [
        pair for n, item in enumerate(items) for pair in (
            (item.pk, "setting", f"第{n + 1}条", "中华人民共和国道路运输条例"),
            (item.pk, "implementing", f"第{n + 2}条", "城市公共交通条例"))]
    if connection.vendor == "sqlite":
        inserts = [s for s in statements if s.startswith(('INSERT INTO "lists_poweritem"', 'INSERT INTO "lists_citation"'))]
        assert [(s.split('"')[1], s.count("), (") + 1) for s in inserts] == [
            ("lists_poweritem", 66), ("lists_poweritem", 66), ("lists_poweritem", 18),
            ("lists_citation", 142), ("lists_citation", 142), ("lists_citation", 16)]


def test_sub_items_of_a_main_written_in_an_earlier_batch_and_an_error_in_the_last_row(lusers, monkeypatch):
    """Batches of 3 rows: the 子项 rows at the end name 主项 written three batches before (kept only as their 编码
    by then), a 主项 written with its own citation. Then the same file with an error in its very last row, after
    several batches were already inserted: nothing is written (no item, citation or law), the error is reported
    with its row, and the processed count is every row."""
    from bianzhi.lists import importer

    monkeypatch.setattr(importer, "BATCH", 3)
    names = [f"分批主项{i}" for i in range(10)]
    rows = [row(n, basis=f"《分批新条例{i}》第一条") for i, n in enumerate(names)]
    rows += [row(names[0], sub="分批子项一"), row(names[1], sub="分批子项二"), row("", sub="分批子项三")]
    items, laws, cites = PowerItem.objects.count(), Law.objects.count(), Citation.objects.count()
    bad = run(lusers["jiaotong"], xlsx([*rows, row("坏行", category="许可")]))
    assert bad.status == "failed" and "所有行均未导入" in bad.message and bad.processed_rows == 14
    assert [(e[0], e[1]) for e in messages(bad)] == [(15, "D")]
    assert (PowerItem.objects.count(), Law.objects.count(), Citation.objects.count()) == (items, laws, cites)
    job = run(lusers["jiaotong"], xlsx(rows))
    assert job.status == "succeeded", job.errors
    assert (job.created_count, job.processed_rows) == (13, 13)
    first, second = PowerItem.objects.get(name=names[0]), PowerItem.objects.get(name=names[1])
    assert [(s.name, s.code, s.parent_id) for s in PowerItem.objects.filter(name="分批子项一")] == [
        ("分批子项一", f"{first.code}-001", first.pk)]
    assert [(s.name, s.code, s.parent_id) for s in PowerItem.objects.filter(name__in=["分批子项二", "分批子项三"])
            .order_by("code")] == [("分批子项二", f"{second.code}-001", second.pk),
                                   ("分批子项三", f"{second.code}-002", second.pk)]
    assert [c.law.name for c in first.citations.all()] == ["分批新条例0"]
    assert Law.objects.count() == laws + 10


def test_a_name_cell_alone_unremembered_is_still_checked(lusers):
    """The row loop takes a row's one new cell (its name) on sight only when every check of a cell would pass: a
    formula, a NUL or an over-long name in that cell still gets its own error; spaces around a name are dropped; in
    a CSV file a leading "=" is text (openpyxl cannot write a NUL, so that case is a CSV file too)."""
    job = run(lusers["jiaotong"], xlsx([row("  前后有空格的事项　"), row("=A2"), row("长" * 501)]))
    assert job.status == "failed"
    assert [(e[0], e[1], e[3].split("：")[0].split("，")[0]) for e in messages(job)] == [
        (3, "B", "单元格是公式"), (3, "B", "事项名称为空"), (4, "B", "内容过长"), (4, "B", "事项名称为空")]
    csv_text = ("事项名称,事项类别,实施部门,设定依据\n"
                + "".join(f"{name},行政许可,百色市交通运输局,《条例》第一条\n" for name in (
                    " 前后有空格的事项 ", "=等号开头的事项", "含\x00字符的事项", "长" * 501)))
    job = run(lusers["jiaotong"], csv_text.encode("utf-8"), filename="清单.csv")
    assert [(e[0], e[1], e[3].split("（")[0].split("：")[0]) for e in messages(job)] == [
        (4, "A", "含有非法字符"), (4, "A", "事项名称为空"), (5, "A", "内容过长"), (5, "A", "事项名称为空")]
    job = run(lusers["jiaotong"], csv_text.encode("utf-8").split(b"\n\xe5\x90\xab")[0] + b"\n", filename="清单.csv")
    assert job.status == "succeeded", job.errors
    assert set(PowerItem.objects.filter(name__in=["前后有空格的事项", "=等号开头的事项"]).values_list("name", flat=True)) == {
        "前后有空格的事项", "=等号开头的事项"}


def test_plain_new_mains_kept_as_rows_then_named_by_sub_items_in_the_same_batch(lusers, monkeypatch):
    """Batches of 4 rows. A plain new 主项 waits for its batch as the row it is written as; a 子项 row naming one of
    them while it still waits (its 主项 has no key yet) turns the batch into objects, and the 主项 read after that
    joins them. Then a batch of plain new 主项 only, one with a 承办机构, and a 子项 naming one of them once written.
    Every item comes out whole: keys in the order written (the 主项 of a batch, then its 子项), 编码, 主项, 承办机构,
    关联职责, citations, 依据待补录 and the job."""
    from bianzhi.lists import importer

    monkeypatch.setattr(importer, "BATCH", 4)
    job = run(lusers["jiaotong"], xlsx([
        row("批内丁主项", body="运输管理科", duties="（一）"),
        row("批内戊主项", basis="《城市公共交通条例》第二十条"),
        row("批内丁主项", sub="批内丁子项一"),
        row("批内己主项", duties="（一）"),
        row("批内庚主项", body="运输管理科"),
        row("批内辛主项"),
        row("批内壬主项", impl="《城市公共交通条例》第二条"),
        row("批内癸主项"),
        row("批内庚主项", sub="批内庚子项一"),
    ]))
    assert job.status == "succeeded", job.errors
    assert (job.created_count, job.processed_rows) == (9, 9)
    items = list(PowerItem.objects.filter(name__startswith="批内").order_by("pk"))
    assert [i.name for i in items] == ["批内丁主项", "批内戊主项", "批内己主项", "批内丁子项一", "批内庚主项",
                                       "批内辛主项", "批内壬主项", "批内癸主项", "批内庚子项一"]
    assert [i.pk - items[0].pk for i in items] == list(range(9))
    by = {i.name: i for i in items}
    mains = [i for i in items if "主项" in i.name]
    assert all(i.code.startswith("451000-XK-") and i.parent_id is None and i.search_text == i.name for i in mains)
    assert [i.code_serial for i in mains] == sorted(i.code_serial for i in mains) and len({i.code for i in mains}) == 7
    assert [(s.parent_id, s.code) for s in (by["批内丁子项一"], by["批内庚子项一"])] == [
        (by["批内丁主项"].pk, by["批内丁主项"].code + "-001"), (by["批内庚主项"].pk, by["批内庚主项"].code + "-001")]
    assert {i.name for i in items if i.internal_body_id} == {"批内丁主项", "批内庚主项"}
    assert {i.internal_body.name for i in items if i.internal_body_id} == {"运输管理科"}
    assert {i.name for i in items if i.duties.exists()} == {"批内丁主项", "批内己主项"}
    assert {(i.import_job_id, i.basis_pending, i.row_version) for i in items} == {(job.pk, False, 1)}
    assert [(c.kind, c.law.name, c.article) for c in by["批内戊主项"].citations.all()] == [
        ("setting", "城市公共交通条例", "第二十条")]
    assert [(c.kind, c.law.name, c.article) for c in by["批内壬主项"].citations.order_by("position")] == [
        ("setting", "中华人民共和国道路运输条例", "第十条"), ("implementing", "城市公共交通条例", "第二条")]
    assert all(i.citations.count() == 1 for i in items if i.name not in ("批内壬主项",))


# ------------------------------------------------------------------------------------------------ 责任清单（按权力事项）
STAGE_HEADER = ["权力事项编码", "权力事项名称", "事项类别", "实施部门", "责任事项", "追责情形"]
STAGES = "1.受理责任：依法受理。\n2.决定责任：作出决定。"


def test_stage_rows_find_their_unit_main_item_by_name_and_a_new_one_only_once(lusers):
    """A row without 编码 names a 主项 of its unit: never a 子项 or another unit's item of the same name (the unit's 主项
    are looked up in memory, ADR 0040); a row that creates an item and a later row naming it are one item twice."""
    admin = lusers["admin"]
    job = run(admin, xlsx([
        row("测试甲类经营许可"),
        row("测试甲类经营许可", sub="测试乙类站点许可"),
        row("测试乙类站点许可", category="行政确认"),  # a 主项 with the name of the 子项 above
        row("测试甲类经营许可", unit="百色市教育局"),  # the same name in another unit
    ]))
    assert job.status == "succeeded", job.errors
    items = PowerItem.objects.filter(unit__name="百色市交通运输局")
    licence, station = items.get(name="测试甲类经营许可"), items.get(name="测试乙类站点许可", parent=None)
    other = PowerItem.objects.get(unit__name="百色市教育局", name="测试甲类经营许可")

    job = run(admin, xlsx([
        ["", "测试甲类经营许可", "", "百色市交通运输局", STAGES, "甲"],
        ["", "测试乙类站点许可", "", "百色市交通运输局", STAGES, "乙"],
        ["", "测试甲类经营许可", "", "百色市教育局", STAGES, "丙"],
        ["", "测试丙类车辆审验", "行政确认", "百色市交通运输局", STAGES, "丁"],  # new: made from this row
    ], header=STAGE_HEADER, sheet="环节责任清单"), kind="stage")
    assert job.status == "succeeded", job.errors
    assert (job.created_count, job.updated_count) == (1, 3)
    for item, accountability in [(licence, "甲"), (station, "乙"), (other, "丙")]:
        item.refresh_from_db()
        assert item.accountability == accountability
        assert list(item.stage_responsibilities.values_list("stage", "content")) == [
            ("受理", "依法受理。"), ("决定", "作出决定。")]
    sub = PowerItem.objects.get(name="测试乙类站点许可", parent=licence)
    assert sub.accountability == "" and not sub.stage_responsibilities.exists()
    new = items.get(name="测试丙类车辆审验")
    assert new.accountability == "丁" and new.basis_pending and new.stage_responsibilities.count() == 2

    before = (PowerItem.objects.count(), StageResponsibility.objects.count())
    job = run(admin, xlsx([
        ["", "测试丁类车辆年检", "行政确认", "百色市交通运输局", STAGES, ""],  # new in this file
        ["", "测试甲类经营许可", "", "百色市交通运输局", STAGES, ""],
        ["", "测试丁类车辆年检", "", "百色市交通运输局", STAGES, ""],  # the item the first row makes
    ], header=STAGE_HEADER, sheet="环节责任清单"), kind="stage")
    assert job.status == "failed"
    assert [(e["row"], e["column"], e["value"], e["message"]) for e in job.errors] == [
        (4, "B", "测试丁类车辆年检", "与第2行是同一权力事项（重复）")]
    assert (PowerItem.objects.count(), StageResponsibility.objects.count()) == before  # all or nothing


# ------------------------------------------------------------------------------------------------ SQLite's statement journal
@pytest.mark.django_db(transaction=True)
def test_sqlite_import_keeps_statement_journals_in_memory_and_restores_the_connection(lusers, monkeypatch):
    """SQLite: while a 权力清单 import writes its rows (INSERTs of many rows each, inside the import's own transaction),
    the connection's temp store is MEMORY — so the journal each statement keeps of the pages it changes stays in memory
    instead of spilling to a temporary file (ADR 0047) — and before and after the job the connection's setting is what
    it was. The rows (wide ones, several units and categories) are all there with their citations."""
    from django.db import connection

    from bianzhi.lists import importer

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's statement journal")
    seen = []
    original = importer.PowerImporter._write_rows

    def write_rows(self, model, attnames, rows, fixed=None):
        seen.append((model._meta.db_table, connection.connection.execute("PRAGMA temp_store").fetchone()[0]))
        original(self, model, attnames, rows, fixed)

    monkeypatch.setattr(importer.PowerImporter, "_write_rows", write_rows)
    monkeypatch.setattr(importer, "BATCH", 50)
    connection.ensure_connection()
    before = connection.connection.execute("PRAGMA temp_store").fetchone()[0]
    units = ["百色市交通运输局", "百色市教育局", "百色市公安局", "百色市财政局"]
    categories = ["行政许可", "行政处罚", "行政检查", "行政确认", "其他行政权力", "公共服务"]
    long_note = "追责情形说明" * 300
    rows = [row(f"日志测试事项{i}", unit=units[i % 4], category=categories[i % 6], acc=long_note,
                basis=f"《日志测试条例{i % 40}》第{i % 7 + 1}条") for i in range(200)]
    job = run(lusers["admin"], xlsx(rows))
    assert job.status == "succeeded", (job.message, job.errors[:3])
    assert job.created_count == 200
    assert PowerItem.objects.filter(name__startswith="日志测试事项", accountability=long_note).count() == 200
    assert Citation.objects.filter(power_item__name__startswith="日志测试事项").count() == 200
    assert seen == [("lists_poweritem", 2), ("lists_citation", 2)] * 4  # 4 batches of 50, MEMORY (2) at each write
    assert connection.connection.execute("PRAGMA temp_store").fetchone()[0] == before


@pytest.mark.django_db(transaction=True)
def test_a_row_the_database_refuses_mid_statement_leaves_nothing_written(lusers, monkeypatch):
    """A row that passes every check of the import but that the database refuses in the middle of a many-row INSERT
    (its new 编码 taken by an item the import did not see — the import is made blind to it here) fails the whole
    job: no item, citation or law of the file is kept, rows written by earlier statements and by the same statement
    included, and the job says so in Chinese."""
    from bianzhi.lists import importer
    from bianzhi.lists.codes import code_format
    from bianzhi.lists.models import PowerCategory

    unit_ = unit("百色市交通运输局")
    prefix = PowerCategory.objects.get(name="行政许可").code_prefix
    region_code = unit_.region.code
    same = PowerItem.objects.filter(region_id=unit_.region_id, category__code_prefix=prefix, parent__isnull=True)
    top = max([i.code_serial for i in same], default=0)
    taken = code_format().format(region=region_code, prefix=prefix, serial=top + 100)  # the 100th new row's 编码
    other = PowerItem.objects.filter(region_id=unit_.region_id).exclude(code_serial=top).first()
    PowerItem.objects.filter(pk=other.pk).update(code=taken)
    original = importer.PowerImporter.codes_for

    def blind(self, region_id):
        codes = original(self, region_id)
        codes.pop(taken, None)
        return codes

    monkeypatch.setattr(importer.PowerImporter, "codes_for", blind)
    counts = (PowerItem.objects.count(), Citation.objects.count(), Law.objects.count())
    rows = [row(f"拒收测试事项{i}", basis=f"《拒收测试条例{i % 3}》第{i + 1}条") for i in range(150)]
    job = run(lusers["jiaotong"], xlsx(rows))
    assert job.status == "failed"
    # (the database's own error class: IntegrityError on SQLite, psycopg's UniqueViolation from COPY on PostgreSQL)
    assert job.message.startswith("导入失败：系统错误（") and "），所有行均未导入。" in job.message
    assert (PowerItem.objects.count(), Citation.objects.count(), Law.objects.count()) == counts
    assert not PowerItem.objects.filter(name__startswith="拒收测试事项").exists()
    assert not Law.objects.filter(name__startswith="拒收测试条例").exists()
    assert PowerItem.objects.get(pk=other.pk).code == taken
