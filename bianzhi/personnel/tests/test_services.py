"""Rules and refusals of 用编审批, 入编, 出编, holds and 总量控制."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from bianzhi.accounts.models import User
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.personnel import crypto, services
from bianzhi.personnel.ledger import region_total
from bianzhi.personnel.models import ApplicationState, EventKind, Person, RegionLimit, UseNotice
from bianzhi.personnel.occupancy import occupancy
from bianzhi.registry.models import Region, Unit
from bianzhi.sanding import services as sanding
from bianzhi.sanding.models import StaffingType
from bianzhi.workflow.models import Campaign, Hold, Notification
from bianzhi.workflow.services import lift_holds

from .factories import ApplicationFactory, PersonFactory, UnitFactory, new_id, with_quota

A = StaffingType.ADMIN
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def office(users):
    return users["admin"]


@pytest.fixture
def unit(demo):
    u = with_quota(UnitFactory(), {A: 5, StaffingType.WORKER: 1}, bodies=[("办公室", 1, 1)], heads=[("局长", 1)])
    PersonFactory.create_batch(3, unit=u)
    return u


def person_values(**extra):
    return {"name": "韦小明", "id_number": new_id(), "ethnicity": "壮族", **extra}


def approved_notice(unit, office, count=1, planned=TODAY, issued_on=TODAY):
    app = services.do_apply(unit, acting_user=office, staffing_type=A, count=count, reason="补充", planned_date=planned)
    return services.do_approve(app, acting_user=office, issued_on=issued_on)


def test_occupancy_counts_approved_actual_vacant_as_of_a_date(unit):
    occ = occupancy(unit, TODAY)
    row = occ.row(A)
    assert (row.approved, row.actual, row.vacant, row.over) == (5, 3, 2, 0)
    assert occ.row(StaffingType.WORKER).approved == 1 and occ.row(StaffingType.WORKER).vacant == 1
    # before the 三定 took effect there was no 核定, and the people entered in 2020-03 were not there yet
    assert occupancy(unit, datetime.date(2019, 12, 31)).types == []


def test_over_quota_mixed_posts_and_leadership_warnings(unit):
    PersonFactory(unit=unit)
    PersonFactory.create_batch(2, unit=unit, leader_role="unit_head")  # 6 行政 of 5, 2 正职 of 1
    PersonFactory(unit=unit, staffing_type=StaffingType.INST)
    occ = occupancy(unit, TODAY)
    assert occ.row(A).over == 1
    text = "\n".join(occ.warnings)
    assert "超编：行政编制核定5名，实有6名，超编1名" in text
    assert "混编混岗：本单位无事业编制核定数" in text
    assert "超职数：单位正职领导职数核定1名，配备2名" in text


def test_duplicate_id_across_units_is_warned(unit, demo):
    number = new_id()
    PersonFactory(unit=unit, number=number, name="重复甲")
    other = with_quota(UnitFactory(), {A: 2})
    PersonFactory(unit=other, number=number, name="重复甲")
    warnings = occupancy(unit, TODAY).warnings
    assert any("身份号码重复" in w and other.name in w for w in warnings)


def test_apply_approve_issues_numbered_notice_that_reserves(unit, office, users):
    app = services.do_apply(unit, acting_user=users["admin"], staffing_type=A, count=2, reason="补充",
                            planned_date=TODAY)
    assert app.state == ApplicationState.SUBMITTED
    assert Notification.objects.filter(recipient=office, text__contains="申请使用行政编制2名").exists()
    before = UseNotice.objects.filter(issued_on__year=TODAY.year).count()  # the demo's own notices of the year
    notice = services.do_approve(app, acting_user=office, issued_on=TODAY)
    assert notice.number == f"百编用〔{TODAY.year}〕{before + 1}号" and notice.count == 2
    assert notice.valid_until == TODAY + datetime.timedelta(days=180)
    row = occupancy(unit, TODAY).row(A)
    assert (row.reserved, row.available) == (2, 0)
    second = services.do_approve(ApplicationFactory(unit=with_quota(UnitFactory(), {A: 3})), acting_user=office,
                                 issued_on=TODAY)
    assert second.number == f"百编用〔{TODAY.year}〕{before + 2}号"
    assert AuditLogEntry.objects.filter(model="usenotice", object_id=str(notice.pk), action="create").exists()


def test_approval_refused_when_vacancy_as_of_planned_date_is_short(unit, office):
    app = ApplicationFactory(unit=unit, count=3, planned_date=TODAY)
    with pytest.raises(services.PersonnelRefused) as exc:
        services.do_approve(app, acting_user=office)
    assert "可用空编2名，不足申请的3名" in exc.value.reasons[0]
    app.refresh_from_db()
    assert app.state == ApplicationState.SUBMITTED and not UseNotice.objects.filter(application=app).exists()


def test_only_the_office_approves(unit, users):
    app = ApplicationFactory(unit=unit)
    with pytest.raises(services.PersonnelRefused, match="无权"):
        services.do_approve(app, acting_user=users["luru"])


def test_refusal_needs_a_reason(unit, office):
    with pytest.raises(services.PersonnelRefused, match="须填写理由"):
        services.do_refuse(ApplicationFactory(unit=unit), acting_user=office, note="")


def _hold(unit):
    campaign = Campaign.objects.first()
    return Hold.objects.create(unit=unit, campaign=campaign, kind="staffing", start_date=datetime.date(2026, 1, 1),
                               reason="未按时报送材料")


def test_unit_on_hold_cannot_apply_and_the_refusal_names_the_hold(unit, office, users):
    hold = _hold(unit)
    with pytest.raises(services.PersonnelRefused) as exc:
        services.do_apply(unit, acting_user=office, staffing_type=A, count=1, reason="补充", planned_date=TODAY)
    message = exc.value.reasons[0]
    assert f"「{unit.name}」自2026年1月1日起暂停办理出入编" in message
    assert hold.campaign.name in message and "不能申请使用编制" in message
    lift_holds(unit, "数据包审核通过", acting_user=users["admin"])
    app = services.do_apply(unit, acting_user=office, staffing_type=A, count=1, reason="补充", planned_date=TODAY)
    assert app.state == ApplicationState.SUBMITTED


def test_demo_forestry_bureau_is_refused_because_of_its_hold(office):
    forestry = Unit.objects.get(name="百色市林业局")
    with pytest.raises(services.PersonnelRefused, match="百色市林业局」自2017年5月4日起暂停办理出入编"):
        services.do_apply(forestry, acting_user=office, staffing_type=A, count=1, reason="补充", planned_date=TODAY)


def test_no_approval_entry_or_exit_while_on_hold(unit, office):
    app = ApplicationFactory(unit=unit)
    notice = approved_notice(unit, office)
    person = Person.objects.filter(unit=unit).first()
    _hold(unit)
    with pytest.raises(services.PersonnelRefused, match="不能核准使用编制"):
        services.do_approve(app, acting_user=office)
    with pytest.raises(services.PersonnelRefused, match="不能办理入编"):
        services.do_enter(notice, acting_user=office, values=person_values(), entry_date=TODAY)
    with pytest.raises(services.PersonnelRefused, match="不能办理出编"):
        services.do_exit(person, acting_user=office, kind="retire", date=TODAY, document="退〔2026〕1号")


def test_enter_creates_the_person_with_history_citing_the_notice(unit, office):
    notice = approved_notice(unit, office)
    person = services.do_enter(notice, acting_user=office, values=person_values(), entry_date=TODAY)
    assert person.notice == notice and person.entry_document == notice.number
    assert person.birth_date == datetime.date(1990, 5, 17) and person.sex == "male"
    event = person.events.get()
    assert event.kind == EventKind.ENTER and event.document == notice.number and event.notice == notice
    assert notice.remaining() == 0
    row = occupancy(unit, TODAY).row(A)
    assert (row.actual, row.reserved, row.available) == (4, 0, 1)


def test_enter_without_a_notice_is_refused(unit, office):
    with pytest.raises(services.PersonnelRefused, match="入编须引用《机构编制使用核准通知单》"):
        services.do_enter(None, acting_user=office, values=person_values(), entry_date=TODAY)


def test_notice_past_its_validity_is_refused(unit, office):
    notice = approved_notice(unit, office)
    late = notice.valid_until + datetime.timedelta(days=1)
    with pytest.raises(services.PersonnelRefused) as exc:
        services.do_enter(notice, acting_user=office, values=person_values(), entry_date=late)
    assert f"通知单{notice.number}已于" in exc.value.reasons[0] and "过期" in exc.value.reasons[0]
    assert not Person.objects.filter(notice=notice).exists()
    # an expired notice no longer reserves
    assert occupancy(unit, late).row(A).reserved == 0


def test_wrong_check_digit_and_a_person_entered_twice_are_refused(unit, office):
    notice = approved_notice(unit, office, count=2)
    bad = new_id()
    bad = bad[:17] + ("0" if bad[17] != "0" else "1")
    with pytest.raises(services.PersonnelRefused, match="校验码错误"):
        services.do_enter(notice, acting_user=office, values=person_values(id_number=bad), entry_date=TODAY)
    number = new_id()
    services.do_enter(notice, acting_user=office, values=person_values(id_number=number), entry_date=TODAY)
    with pytest.raises(services.PersonnelRefused) as exc:
        services.do_enter(notice, acting_user=office, values=person_values(id_number=number), entry_date=TODAY)
    assert f"已在「{unit.name}」在编" in exc.value.reasons[0] and "不能重复入编" in exc.value.reasons[0]
    assert Person.objects.filter(notice=notice).count() == 1


def test_exit_before_entry_is_refused_and_exit_ends_occupancy(unit, office):
    person = Person.objects.filter(unit=unit).first()
    with pytest.raises(services.PersonnelRefused, match="出编日期2020-02-01早于入编日期2020-03-01"):
        services.do_exit(person, acting_user=office, kind="resign", date=datetime.date(2020, 2, 1), document="辞〔2020〕1号")
    services.do_exit(person, acting_user=office, kind="retire", date=TODAY, document="百人社退〔2026〕5号")
    assert occupancy(unit, TODAY - datetime.timedelta(days=1)).row(A).actual == 3
    assert occupancy(unit, TODAY).row(A).actual == 2
    assert person.events.get(kind=EventKind.EXIT).document == "百人社退〔2026〕5号"
    with pytest.raises(services.PersonnelRefused, match="已于2026-06-01出编"):
        services.do_exit(person, acting_user=office, kind="retire", date=TODAY, document="x")


def test_change_is_dated_and_cites_its_document(unit, office):
    person = Person.objects.filter(unit=unit).first()
    services.do_change(person, acting_user=office, date=TODAY, document="百人任〔2026〕3号",
                       values={"post": "副科长", "leader_role": "body_deputy"})
    event = person.events.get(kind=EventKind.CHANGE)
    assert event.document == "百人任〔2026〕3号" and event.changes["post"] == ["", "副科长"]
    with pytest.raises(services.PersonnelRefused, match="变更须填写依据文号"):
        services.do_change(person, acting_user=office, date=TODAY, document="", values={"post": "科长"})


def test_id_number_is_unreadable_in_the_database(unit, office):
    notice = approved_notice(unit, office)
    number = new_id(born=datetime.date(1985, 7, 9))
    person = services.do_enter(notice, acting_user=office, values=person_values(id_number=number), entry_date=TODAY)
    with connection.cursor() as cursor:  # raw SQL: what a database administrator or a dump would see
        cursor.execute("SELECT * FROM personnel_person WHERE id = %s", [person.pk])
        raw = " ".join(str(v) for v in cursor.fetchone())
        cursor.execute("SELECT before, after FROM core_auditlogentry WHERE model = 'person' AND object_id = %s",
                       [str(person.pk)])
        audit = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert number not in raw and number[6:14] + number[14:] not in raw and number not in audit
    assert crypto.decrypt(person.id_cipher) == number
    assert person.id_index == crypto.blind_index(number) and person.id_index != crypto.blind_index(new_id())
    assert services.reveal_id(person, acting_user=office) == number
    assert services.reveal_id(person, acting_user=User.objects.get(username="jiaoyu")) == person.id_masked


def test_region_limit_refuses_a_sanding_approval_above_it(unit, office):
    city = Region.objects.get(code="451000")
    RegionLimit.objects.update_or_create(region=city, staffing_type=A, defaults={"limit": 0, "document": "x"})
    current = region_total(city, A, TODAY)
    RegionLimit.objects.filter(region=city, staffing_type=A).update(limit=current + 2)
    doc = unit.sanding_versions.first().document
    draft = sanding.create_draft_version(unit, doc, effective_date=TODAY)
    sanding.set_staffing(draft, A, 5 + 3)
    with pytest.raises(ValidationError) as exc:
        sanding.approve_version(draft, acting_user=office)
    assert f"超出编制总量控制：百色市行政编制控制数{current + 2}名" in exc.value.messages[0]
    assert f"批准后将为{current + 3}名，超出1名" in exc.value.messages[0]
    draft.refresh_from_db()
    assert draft.is_draft
    sanding.set_staffing(draft, A, 5 + 2)
    sanding.approve_version(draft, acting_user=office)  # exactly at the limit is allowed
