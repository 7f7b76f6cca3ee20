"""Staff pages, API, audit of reads, 台账 and the public 公示, on the demo data."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.tests.pdfs import SHIPPED_FONTS, embedded_fonts
from bianzhi.personnel import crypto, services
from bianzhi.personnel import demo as personnel_demo
from bianzhi.personnel.models import (
    ApplicationState,
    DisclosurePolicy,
    Person,
    PersonRead,
    StaffingApplication,
)
from bianzhi.portal.models import PublishedUnit
from bianzhi.portal.services import publish_units
from bianzhi.registry.models import Region, Unit

from .factories import import_row as row
from .factories import workbook


@pytest.fixture
def transport(demo):
    return Unit.objects.get(name="百色市交通运输局")


def test_demo_transport_bureau_occupancy_page_by_hand(client_for, transport):
    """三定 (百编〔2019〕28号): 行政编制25、工勤编制2; 局长1、副局长3; demo people: 27 行政, 2 工勤."""
    html = client_for("admin").get(f"/manage/personnel/units/{transport.pk}/").content.decode()
    assert "<td>行政编制</td><td>25</td><td>27</td><td>0</td><td>0</td><td><span class=\"badge err\">2</span></td>" in html
    assert "<td>工勤编制</td><td>2</td><td>2</td><td>0</td><td>0</td><td>0</td>" in html
    assert "超编：行政编制核定25名，实有27名，超编2名" in html
    assert "<td>单位副职领导职数</td><td>3</td><td>3</td>" in html


def test_unit_page_shows_masked_ids_only(client_for, transport):
    person = Person.objects.filter(unit=transport).first()
    number = crypto.decrypt(person.id_cipher)
    html = client_for("admin").get(f"/manage/personnel/units/{transport.pk}/").content.decode()
    assert person.id_masked in html and number not in html


def test_person_detail_read_is_audited_and_masked_except_for_the_office(client_for, users):
    person = Person.objects.filter(unit__name="百色市教育局", exit_date__isnull=True).first()
    number = crypto.decrypt(person.id_cipher)
    html = client_for("jiaoyu").get(f"/manage/personnel/people/{person.pk}/").content.decode()
    assert person.id_masked in html and number not in html
    read = PersonRead.objects.get(person=person, user=users["jiaoyu"])
    assert read.full_id_shown is False
    assert AuditLogEntry.objects.filter(model="personread", object_id=str(read.pk), username="jiaoyu").exists()
    html = client_for("admin").get(f"/manage/personnel/people/{person.pk}/").content.decode()
    assert number in html
    assert PersonRead.objects.get(person=person, user=users["admin"]).full_id_shown is True


def test_out_of_scope_person_is_404(client_for):
    person = Person.objects.filter(unit__name="百色市财政局").first()
    assert client_for("jiaotong").get(f"/manage/personnel/people/{person.pk}/").status_code == 404
    assert not PersonRead.objects.filter(person=person).exists()


def test_waiting_and_refused_demo_applications(client_for):
    waiting = StaffingApplication.objects.get(unit__name="百色市教育局", state=ApplicationState.SUBMITTED)
    refused = StaffingApplication.objects.get(unit__name="百色市林业局")
    assert refused.state == ApplicationState.REFUSED and "暂停办理出入编" in refused.decision_note
    html = client_for("admin").get("/manage/personnel/applications/").content.decode()
    assert "百色市教育局" in html and "待审批" in html and "不予核准" in html
    html = client_for("admin").get(f"/manage/personnel/applications/{waiting.pk}/").content.decode()
    assert 'data-testid="fire-approve"' in html


def test_apply_page_refuses_a_unit_on_hold(client_for):
    forestry = Unit.objects.get(name="百色市林业局")
    response = client_for("admin").post(f"/manage/personnel/units/{forestry.pk}/apply/", {
        "staffing_type": "admin", "count": 1, "recruitment": "exam", "planned_date": "2026-09-01", "reason": "补充"})
    html = response.content.decode()
    assert response.status_code == 200 and "「百色市林业局」自2017年5月4日起暂停办理出入编" in html
    assert StaffingApplication.objects.filter(unit=forestry).count() == 1  # only the demo's refused one


def test_api_apply_and_approve_and_refusal_reasons(api_for, transport):
    education = Unit.objects.get(name="百色市教育局")
    response = api_for("jiaoyu").post("/api/v1/personnel/applications/", {
        "unit": education.pk, "staffing_type": "admin", "count": 1, "reason": "补充", "planned_date": "2026-10-01"},
        format="json")
    assert response.status_code == 201, response.content
    app_id = response.json()["id"]
    response = api_for("jiaoyu").post(f"/api/v1/personnel/applications/{app_id}/transitions/", {"name": "approve"},
                                      format="json")
    assert response.status_code == 400 and "无权" in response.json()["reasons"][0]
    response = api_for("admin").post(f"/api/v1/personnel/applications/{app_id}/transitions/", {"name": "approve"},
                                     format="json")
    assert response.status_code == 200 and response.json()["notice"]["number"].startswith("百编用〔")
    occ = api_for("admin").get(f"/api/v1/personnel/people/occupancy/?unit={transport.pk}").json()
    admin_row = next(r for r in occ["types"] if r["staffing_type"] == "admin")
    assert (admin_row["approved"], admin_row["actual"], admin_row["over"]) == (25, 27, 2)


def test_api_people_are_scoped_and_masked(api_for):
    data = api_for("jiaotong").get("/api/v1/personnel/people/?limit=500").json()
    units = {p["unit_name"] for p in data["results"]}
    assert units == {"百色市交通运输局"}
    assert all("*" * 10 in p["id_masked"] for p in data["results"])
    assert "id_cipher" not in data["results"][0] and "birth_date" not in data["results"][0]
    person_id = data["results"][0]["id"]
    assert api_for("jiaotong").get(f"/api/v1/personnel/people/{person_id}/").status_code == 200
    assert PersonRead.objects.filter(person_id=person_id, channel="api").exists()


def test_ledger_lines_totals_and_export(client_for):
    html = client_for("admin").get("/manage/personnel/ledger/?region=451000").content.decode()
    assert "百编〔2019〕28号" in html and "百编〔2021〕15号" in html
    response = client_for("admin").get("/manage/personnel/ledger.xlsx?region=451000&date=2026-01-01")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:5] == ("序号", "单位名称", "批准文号", "日期", "行政编制·市")
    education = [r for r in rows if r[1] == "百色市教育局"]
    assert [r[2] for r in education] == ["百编〔2019〕23号", "百编〔2021〕15号"]
    assert education[0][4] == 28 and education[1][4] == 30 and education[1][-1] == 2
    total = next(r for r in rows if r[1] == "合计（现行）")
    assert total[4] == 28 + 2 + 35 + 42 + 25 + 45   # 教育30 财政35 发改42 交通25 市场45 = 177
    assert client_for("luru").get("/manage/personnel/ledger/").status_code == 403


def _section(unit):
    return PublishedUnit.objects.get(unit=unit, is_current=True).snapshot["shimingzhi"]


def test_public_notice_only_shows_what_the_policy_allows(client, users, transport):
    person = Person.objects.filter(unit=transport).first()
    number = crypto.decrypt(person.id_cipher)
    publish_units([transport], note="test", acting_user=users["admin"])
    section = _section(transport)
    assert section["rows"][0] == {"type": "admin", "label": "行政编制", "approved": 25, "actual": 27, "vacant": 0,
                                  "over": 2}
    assert section["names_published"] is False and section["names"] == []
    html = client.get(f"/unit/{transport.pk}/").content.decode()
    assert "机构编制实名制公示" in html and person.name not in html and number not in html
    DisclosurePolicy.objects.update_or_create(region=Region.objects.get(code="451000"),
                                              defaults={"publish_names": True})
    publish_units([transport], note="test", acting_user=users["admin"])
    html = client.get(f"/unit/{transport.pk}/").content.decode()
    assert person.name in html
    assert number not in html and person.id_masked not in html
    assert person.birth_date.isoformat() not in html and f"{person.birth_date:%Y年}" not in html
    assert set(_section(transport)["names"][0]) == {"name", "body", "type"}


def test_notice_pdf_is_a_pdf_for_the_unit_in_scope(client_for, users):
    app = StaffingApplication.objects.get(unit__name="百色市教育局", state=ApplicationState.SUBMITTED)
    notice = services.do_approve(app, acting_user=users["admin"], issued_on=datetime.date(2026, 11, 1))
    response = client_for("jiaoyu").get(f"/manage/personnel/notices/{notice.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "机构编制使用核准通知单" in text and notice.number in text and "百色市教育局" in text
    assert embedded_fonts(response.content) <= SHIPPED_FONTS
    assert client_for("jiaotong").get(f"/manage/personnel/notices/{notice.pk}.pdf").status_code == 404


def test_demo_is_idempotent_and_marked_generated(demo):
    counts = (Person.objects.count(), StaffingApplication.objects.count())
    personnel_demo.load(log=lambda *a: None)
    assert (Person.objects.count(), StaffingApplication.objects.count()) == counts
    assert not Person.objects.filter(generated=False).exists()


def test_index_lists_units_with_their_warnings(client_for):
    html = client_for("admin").get("/manage/personnel/").content.decode()
    assert "百色市交通运输局" in html and "超编：行政编制核定25名，实有27名，超编2名" in html
    assert "超职数：单位副职领导职数核定4名，配备5名，超1名" in html   # 百色市财政局
    html = client_for("jiaotong").get("/manage/personnel/").content.decode()
    assert "百色市交通运输局" in html and "百色市财政局" not in html


def test_import_page_shows_every_problem_and_writes_nothing(client_for, transport):
    before = Person.objects.count()
    data = workbook([row(transport, "甲", "451002199001010000")])
    upload = SimpleUploadedFile("人员信息表.xlsx", data)
    html = client_for("admin").post("/manage/personnel/import/", {"file": upload}).content.decode()
    assert "未导入：共 1 处问题" in html and "第3行「身份证号」" in html and "校验码错误" in html
    assert Person.objects.count() == before
    assert client_for("jiaoyu").get("/manage/personnel/import/").status_code == 403
