"""Import of a 实名制 system's 人员信息表: all or nothing, Chinese messages naming row and column."""
import csv
import datetime
from pathlib import Path

import pytest

from bianzhi.personnel import crypto
from bianzhi.personnel.importer import import_people
from bianzhi.personnel.models import EventKind, Person
from bianzhi.personnel.occupancy import occupancy
from bianzhi.registry.models import Unit
from bianzhi.sanding.models import StaffingType

from .factories import UnitFactory, new_id, with_quota, workbook
from .factories import import_row as row

DATA = Path(__file__).parent / "data"


def test_the_published_township_notice_reproduces_its_totals(users):
    """04_shimingzhi_gongshi_…csv: a real township 公示 (names removed) — 24 行政编制 / 23 实有, 3 工勤 / 3."""
    lines = [r for r in csv.reader(line for line in (DATA / "04_shimingzhi_gongshi_mengzi_yuguopu_REDACTED.csv")
                                   .read_text(encoding="utf-8").splitlines() if not line.startswith("#"))][1:]
    bodies = [(r[1], int(r[3]), int(r[4])) for r in lines if r[0] == "2" and r[1] != "镇领导"]
    leaders = next(r for r in lines if r[1] == "镇领导")
    town = UnitFactory(name="雨过铺镇机关（测试）")
    with_quota(town, {StaffingType.ADMIN: 24, StaffingType.WORKER: 3}, bodies=[(name, 1, 0) for name, _, _ in bodies])
    rows = [row(town, f"领导{i}", new_id(), category="单位副职领导" if i else "单位正职领导")
            for i in range(int(leaders[4]))]
    for name, _, actual in bodies:
        rows += [row(town, f"{name}{i}", new_id(), body=name) for i in range(actual)]
    rows += [row(town, f"工勤{i}", new_id(), staffing="工勤人员编制") for i in range(3)]
    result = import_people(workbook(rows), acting_user=users["admin"], filename="雨过铺.xlsx")
    assert result.ok, result.errors
    occ = occupancy(town, datetime.date(2024, 1, 1))
    admin, worker = occ.row(StaffingType.ADMIN), occ.row(StaffingType.WORKER)
    assert (admin.approved, admin.actual, admin.vacant) == (24, 23, 1)   # as published
    assert (worker.approved, worker.actual, worker.vacant) == (3, 3, 0)
    office = next(b for b in occ.bodies if b.name == "党政办公室")
    assert office.total == 9   # 核定 10, one 空编, as published
    assert Person.objects.filter(unit=town).count() == 26
    assert all(p.events.get().kind == EventKind.IMPORT for p in Person.objects.filter(unit=town))


@pytest.fixture
def target(demo):
    return Unit.objects.get(name="百色市交通运输局")


def test_bad_workbook_names_row_and_column_and_writes_nothing(target, users):
    before = Person.objects.count()
    good, twice = new_id(), new_id()
    wrong = good[:17] + ("1" if good[17] != "1" else "2")
    rows = [
        row(target, "甲", new_id()),                               # row 3: fine
        row(target, "乙", wrong),                                  # row 4: check digit
        row(Unit(name="百色市不存在局"), "丙", new_id()),             # row 5: unknown unit
        row(target, "丁", new_id(), staffing="机动编制"),              # row 6: unknown type
        row(target, "戊", twice),                                  # row 7
        row(target, "己", twice),                                  # row 8: the same person twice
        row(target, "庚", new_id(), body="不存在科"),                 # row 9: unknown internal body
        row(target, "辛", new_id(), 入编时间="2015年13月"),            # row 10: bad date
    ]
    result = import_people(workbook(rows), acting_user=users["admin"], filename="bad.xlsx")
    assert not result.ok
    errors = "\n".join(result.errors)
    assert "第4行「身份证号」：公民身份号码" in errors and "校验码错误" in errors
    assert "第5行「所在单位」：未找到单位“百色市不存在局”" in errors
    assert "第6行「编制类别」：未知的编制类型“机动编制”" in errors
    assert "第8行「身份证号」" in errors and "与第7行重复" in errors
    assert "第9行「所在机构」：「百色市交通运输局」没有内设机构“不存在科”" in errors
    assert "第10行「入编时间」" in errors and "不是有效日期" in errors
    assert "第3行" not in errors
    assert Person.objects.count() == before


def test_person_already_in_post_elsewhere_is_refused(target, users):
    existing = Person.objects.filter(unit__name="百色市财政局").first()
    number = crypto.decrypt(existing.id_cipher)
    result = import_people(workbook([row(target, existing.name, number)]), acting_user=users["admin"])
    assert result.errors == [f"第3行「身份证号」：公民身份号码 {existing.id_masked} 已在「百色市财政局」在编"
                             f"（{existing.name}），同一人不能重复登记"]


def test_only_the_office_imports(target, users):
    result = import_people(workbook([row(target, "甲", new_id())]), acting_user=users["jiaotong"])
    assert result.errors == ["第3行「所在单位」：您无权导入「百色市交通运输局」的实名制数据"]


def test_missing_header_column(users):
    header = ["姓名", "身份证号"]
    result = import_people(workbook([], header=header), acting_user=users["admin"])
    assert result.errors and "缺少“所在单位”列" in result.errors[0]


def test_not_an_xlsx(users):
    result = import_people(b"not a workbook", acting_user=users["admin"])
    assert "无法读取该文件" in result.errors[0]
