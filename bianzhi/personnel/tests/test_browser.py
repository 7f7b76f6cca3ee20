"""The 用编 walk in a real browser: 百色市教育局's confirmer applies for one 行政编制, the 编办 approves and the
numbered notice PDF is issued (rendered to PNG and looked at), 入编 creates the person, the occupancy page and
the 台账 show one more 实有, and the published 实名制公示 shows counts but, under the demo policy, no names."""
import datetime
import io

import pypdfium2
import pytest
from pypdf import PdfReader

from bianzhi.personnel.models import Person, StaffingApplication, UseNotice
from bianzhi.registry.models import Unit

from .factories import new_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row(page, testid, label):
    return page.locator(f"[data-testid={testid}] tr", has_text=label).first.inner_text().split("\t")


def test_apply_approve_notice_enter_occupancy_ledger_public(login, demo):
    from conftest import ARTIFACTS

    unit = Unit.objects.get(name="百色市教育局")
    today = datetime.date.today()
    number = new_id(born=datetime.date(1996, 4, 12), male=False)

    # 1. the unit applies
    page = login("jiaoyu")
    page.goto(page.base_url + f"/manage/personnel/units/{unit.pk}/")
    assert _row(page, "occupancy", "行政编制")[:3] == ["行政编制", "30", "27"]
    page.click("[data-testid=apply]")
    page.select_option("#id_staffing_type", "admin")
    page.fill("#id_count", "1")
    page.fill("#id_planned_date", today.isoformat())
    page.fill("#id_reason", "人事科1名干部调出，申请补充1名")
    page.click("[data-testid=submit-application]")
    page.wait_for_selector("text=用编申请已提交，待编办审批。")
    assert page.locator("[data-testid=state]").inner_text() == "待审批"
    app = StaffingApplication.objects.filter(unit=unit).order_by("-id").first()
    page.context.clear_cookies()

    # 2. the 编办 approves: the numbered notice
    page = login("admin")
    page.goto(page.base_url + f"/manage/personnel/applications/{app.pk}/")
    page.click("[data-testid=fire-approve]")
    page.wait_for_selector("text=已核准，签发《机构编制使用核准通知单》")
    notice = UseNotice.objects.get(application=app)
    assert page.locator("[data-testid=notice-number]").inner_text() == notice.number == \
        f"百编用〔{today.year}〕{notice.serial}号"
    page.screenshot(path=str(ARTIFACTS / "personnel-1-approved.png"), full_page=True)
    with page.expect_download() as info:
        page.click("[data-testid=notice-pdf]")
    pdf = open(info.value.path(), "rb").read()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "机构编制使用核准通知单" in text and notice.number in text and "百色市教育局" in text
    pypdfium2.PdfDocument(pdf)[0].render(scale=1.2).to_pil().save(ARTIFACTS / "personnel-2-notice.png")

    # 3. 入编 citing the notice creates the person
    page.fill("#id_name", "黄晓梅")
    page.fill("#id_id_number", number)
    page.select_option("#id_internal_body", label="人事科")
    page.fill("#id_entry_date", today.isoformat())
    page.click("[data-testid=enter]")
    page.wait_for_selector("text=黄晓梅已入编。")
    assert page.locator("[data-testid=id-number]").inner_text() == number   # the 编办 sees it in full
    person = Person.objects.get(notice=notice)
    assert person.birth_date == datetime.date(1996, 4, 12) and person.sex == "female"
    page.screenshot(path=str(ARTIFACTS / "personnel-3-person.png"), full_page=True)

    # 4. occupancy and 台账 show one more 实有
    page.goto(page.base_url + f"/manage/personnel/units/{unit.pk}/")
    assert _row(page, "occupancy", "行政编制")[:7] == ["行政编制", "30", "28", "0", "2", "0", "2"]
    page.screenshot(path=str(ARTIFACTS / "personnel-4-occupancy.png"), full_page=True)
    page.goto(page.base_url + "/manage/personnel/ledger/?region=451000")
    assert _row(page, "ledger-usage", "百色市教育局") == ["百色市教育局", "32", "30", "+2"]
    page.screenshot(path=str(ARTIFACTS / "personnel-5-ledger.png"), full_page=True)

    # 5. publish the 公示: counts, no names under the demo policy, never the ID or birth date
    page.goto(page.base_url + f"/manage/personnel/units/{unit.pk}/")
    page.click("[data-testid=publish]")
    page.wait_for_selector("text=含实名制公示")
    page.context.clear_cookies()
    page.goto(page.base_url + f"/unit/{unit.pk}/")
    section = page.locator("#shimingzhi")
    assert section.locator("tr", has_text="行政编制").inner_text().split("\t") == ["行政编制", "30", "28", "2", "0"]
    html = page.content()
    assert "不公示人员姓名" in html and "黄晓梅" not in html and number not in html and "1996" not in html
    section.screenshot(path=str(ARTIFACTS / "personnel-6-public.png"))
