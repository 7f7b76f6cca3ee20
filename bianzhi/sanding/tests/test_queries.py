"""The as-of view of a unit with 30 versions and 500 duty items runs a bounded number of SQL queries."""
import datetime

import pytest
from django.test import Client

from bianzhi.accounts.models import Role, User
from bianzhi.registry.models import InternalBody
from bianzhi.sanding import services as s
from bianzhi.sanding.models import (
    Duty,
    DutyKind,
    DutyRevision,
    HeadPost,
    InternalBodyState,
    LeadershipQuota,
    SandingPlaque,
    SandingVersion,
    StaffingLine,
    StaffingType,
    UnitStatement,
)

D = datetime.date


def _approved(unit, doc, when, seq):
    return SandingVersion.objects.create(unit=unit, document=doc, effective_date=when, sequence=seq,
                                         kind="base" if seq == 1 else "amendment", status="approved")


@pytest.fixture
def big_unit(make_unit, make_doc):
    """30 approved versions and 500+ duty rows, written in bulk (the operations themselves are tested
    elsewhere; this fixture is about reading)."""
    unit = make_unit("大型测试单位")
    base = _approved(unit, make_doc("测编〔2000〕1号", "三定规定", D(2000, 1, 1), "sanding", unit), D(2000, 1, 1), 1)
    versions = [base] + [
        _approved(unit, make_doc(f"测编〔{2000 + n}〕{n + 1}号", f"第{n}次调整", D(2000 + n, 3, 1), "adjustment", unit),
                  D(2000 + n, 3, 1), n + 1) for n in range(1, 30)]
    duties = Duty.objects.bulk_create([Duty(unit=unit) for _ in range(440 + 29 * 2)])
    rows = []
    for i in range(440):
        rewritten = 1 <= i < 30
        rows.append(DutyRevision(unit=unit, duty=duties[i], kind=DutyKind.MAIN, position=i + 1,
                                 text=f"第{i}项职责：负责有关工作。", valid_from=base.effective_date,
                                 valid_to=versions[i].effective_date if rewritten else None, opened_by=base,
                                 closed_by=versions[i] if rewritten else None))
        if rewritten:
            rows.append(DutyRevision(unit=unit, duty=duties[i], kind=DutyKind.MAIN, position=i + 1,
                                     text=f"第{i}项职责：改写于{2000 + i}年。", valid_from=versions[i].effective_date,
                                     opened_by=versions[i]))
    for n in range(1, 30):
        v = versions[n]
        rows.append(DutyRevision(unit=unit, duty=duties[440 + 2 * (n - 1)], kind=DutyKind.MAIN, position=500 + n,
                                 text=f"{2000 + n}年新增职责。", valid_from=v.effective_date, opened_by=v))
        rows.append(DutyRevision(unit=unit, duty=duties[441 + 2 * (n - 1)], kind=DutyKind.TRANSFORM, position=n,
                                 text=f"{2000 + n}年新增职责（二）。", valid_from=v.effective_date, opened_by=v))
    DutyRevision.objects.bulk_create(rows)
    staffing = []
    for n, v in enumerate(versions):
        last = n == len(versions) - 1
        staffing.append(StaffingLine(unit=unit, staffing_type=StaffingType.ADMIN, count=300 + n, includes=[],
                                     valid_from=v.effective_date, opened_by=v,
                                     valid_to=None if last else versions[n + 1].effective_date,
                                     closed_by=None if last else versions[n + 1]))
    StaffingLine.objects.bulk_create(staffing)
    bodies = InternalBody.objects.bulk_create([InternalBody(unit=unit, name=f"第{i}科") for i in range(20)])
    InternalBodyState.objects.bulk_create([
        InternalBodyState(unit=unit, body=b, name=b.name, position=i, duty_text="职责。", head_count=1,
                          deputy_count=1, valid_from=base.effective_date, opened_by=base)
        for i, b in enumerate(bodies)])
    SandingPlaque.objects.bulk_create([
        SandingPlaque(unit=unit, key=f"k{i}", internal_body=bodies[i], name=f"牌子{i}", valid_from=base.effective_date,
                      opened_by=base) for i in range(5)])
    LeadershipQuota.objects.bulk_create([
        LeadershipQuota(unit=unit, level=level, count=20, valid_from=base.effective_date, opened_by=base)
        for level in ("正科级", "副科级")])
    HeadPost.objects.create(unit=unit, title="主任", count=1, valid_from=base.effective_date, opened_by=base)
    UnitStatement.objects.create(unit=unit, nature_text="测试单位为正处级。", rank="zhengchu",
                                 valid_from=base.effective_date, opened_by=base)
    return unit


def test_as_of_view_of_30_versions_and_500_items_is_bounded(big_unit, django_assert_max_num_queries):
    assert SandingVersion.objects.filter(unit=big_unit).count() == 30
    assert DutyRevision.objects.filter(unit=big_unit).count() >= 500
    with django_assert_max_num_queries(7):
        snap = s.snapshot(big_unit, D(2015, 6, 1))
        assert len(snap.duties) == 440 + 15 + 15 and snap.staffing_total() == 315, snap.staffing_total()

    admin = User.objects.create_user("bigadmin", password="x", role=Role.ADMIN, is_superuser=True)
    client = Client()
    client.force_login(admin)
    client.get(f"/manage/sanding/units/{big_unit.pk}/")  # warm caches (content types, sessions)
    with django_assert_max_num_queries(25):
        resp = client.get(f"/manage/sanding/units/{big_unit.pk}/?as_of=2015-06-01")
    assert resp.status_code == 200 and "第15项职责：改写于2015年。" in resp.content.decode()
    with django_assert_max_num_queries(25):
        api = client.get(f"/api/v1/sanding/units/{big_unit.pk}/?as_of=2015-06-01")
    assert api.status_code == 200 and len(api.json()["duties"]) == 470
    with django_assert_max_num_queries(30):
        diff = client.get(f"/api/v1/sanding/units/{big_unit.pk}/diff/?from=2001-01-01&to=2029-12-31")
    assert len(diff.json()["changes"]) > 60
