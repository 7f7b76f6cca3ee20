"""确认单 (issue 11, finding 4): the confirmer and the reviewer see on one page (and in a PDF with the same
content) the 三定 draft with its changes, the lists with duty links and legal bases, open comments and
warnings; 确认无误 / 审核通过 happen only from that page; items are named by their text, never by ids."""
import datetime

import pytest
from django.template.loader import render_to_string

from bianzhi.core.tests.factories import (
    CampaignFactory,
    DocumentFactory,
    PackageFactory,
    UnitFactory,
    UserFactory,
    confirmer_for,
)
from bianzhi.core.tests.pdfs import SHIPPED_FONTS, embedded_fonts
from bianzhi.lists import services as lists
from bianzhi.lists.models import PowerCategory
from bianzhi.sanding import services as s
from bianzhi.workflow import services, sheet
from bianzhi.workflow.models import PackageState
from bianzhi.workflow.views import comment_targets

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup():
    unit = UnitFactory(name="测试教育局")
    clerk, confirmer = UserFactory(groups_for=[unit]), confirmer_for(unit)
    base = s.create_draft_version(unit, DocumentFactory(unit=unit, doc_number_raw="测编〔2019〕1号",
                                                        effective_on=D(2019, 1, 1), issued_on=D(2019, 1, 1)))
    first = s.add_duty(base, "负责全市教育事业规划。")
    s.add_duty(base, "负责全市教师工作。")
    s.set_staffing(base, "admin", 20)
    s.approve_version(base)
    draft = s.create_draft_version(unit, DocumentFactory(unit=unit, doc_number_raw="测编〔2023〕5号",
                                                         effective_on=D(2023, 5, 1), issued_on=D(2023, 5, 1)))
    new = s.add_duty(draft, "负责推进全市教育信息化工作。")
    s.set_staffing(draft, "admin", 22, note="增加行政编制2名")
    category, _ = PowerCategory.objects.get_or_create(name="行政许可", defaults={"code_prefix": "XK"})
    item = lists.create_power_item(unit, "民办学校办学许可", category)
    lists.save_power_item(item, setting_basis="《中华人民共和国民办教育促进法》第十二条", duties=[first])
    package = PackageFactory(unit=unit, campaign=CampaignFactory())
    services.fire(package, "submit", acting_user=clerk)
    return {"unit": unit, "clerk": clerk, "confirmer": confirmer, "package": package, "item": item,
            "new_duty": new}


def test_sheet_shows_everything_signed_for(client, setup):
    client.force_login(setup["confirmer"])
    page = client.get(f"/manage/workflow/packages/{setup['package'].pk}/sheet/")
    assert page.status_code == 200
    content = page.context["sheet"]
    assert content["sanding"]["duty_groups"] == [("主要职责", ["负责全市教育事业规划。", "负责全市教师工作。",
                                                          "负责推进全市教育信息化工作。"])]
    assert [c["text"] for c in content["versions"][0]["changes"]] == [
        "职责新增：负责推进全市教育信息化工作。", "编制调整：行政编制（数额由“20”改为“22”）——增加行政编制2名"]
    assert all(c["doc_number"] == "测编〔2023〕5号" for c in content["versions"][0]["changes"])
    power = content["powers"][0]
    assert power["name"] == "民办学校办学许可"
    (basis,) = power["setting_basis"]
    assert basis.startswith("《中华人民共和国民办教育促进法》") and basis.endswith("第十二条")
    assert power["duties"] == ["主要职责（一）负责全市教育事业规划。"]
    html = page.content.decode()
    for text in ("负责推进全市教育信息化工作。", "职责新增：负责推进全市教育信息化工作。", "民办学校办学许可",
                 basis, "主要职责（一）负责全市教育事业规划。"):
        assert text in html
    # the printable version renders the same body
    printed = render_to_string("workflow/sheet_print.html", {"sheet": content, "package": setup["package"]})
    for text in ("负责推进全市教育信息化工作。", "职责新增：负责推进全市教育信息化工作。", "主要职责（一）负责全市教育事业规划。",
                 content["digest"]):
        assert text in printed
    pdf = client.get(f"/manage/workflow/packages/{setup['package'].pk}/sheet.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert embedded_fonts(pdf.content) <= SHIPPED_FONTS  # never a system font: a bare server has none


def test_confirm_only_from_the_sheet_with_the_content_shown(client, setup):
    package = setup["package"]
    client.force_login(setup["confirmer"])
    detail = client.get(f"/manage/workflow/packages/{package.pk}/").content.decode()
    assert 'data-transition="confirm"' not in detail and 'data-testid="sheet-confirm"' in detail
    refused = client.post(f"/manage/workflow/packages/{package.pk}/fire/confirm/", follow=True)
    assert "只能在确认单上进行" in refused.content.decode()
    package.refresh_from_db()
    assert package.state == PackageState.PENDING_CONFIRM
    shown = client.get(f"/manage/workflow/packages/{package.pk}/sheet/").context["sheet"]["digest"]
    # the data changes after the confirmer read the sheet: the old digest no longer signs
    item = setup["item"]
    item.name = "民办学校办学许可（改）"
    item.save()
    client.post(f"/manage/workflow/packages/{package.pk}/fire/confirm/", {"sheet_digest": shown})
    package.refresh_from_db()
    assert package.state == PackageState.PENDING_CONFIRM
    fresh = client.get(f"/manage/workflow/packages/{package.pk}/sheet/").context["sheet"]
    assert fresh["powers"][0]["name"] == "民办学校办学许可（改）"
    client.post(f"/manage/workflow/packages/{package.pk}/fire/confirm/", {"sheet_digest": fresh["digest"]})
    package.refresh_from_db()
    assert package.state == PackageState.CONFIRMED


def test_items_are_named_by_their_text(setup):
    labels = [label for _value, label in comment_targets(setup["unit"])]
    assert "职责条目：负责推进全市教育信息化工作。" in labels      # a duty only in the draft
    assert "职责条目：负责全市教育事业规划。" in labels
    assert not any("#" in label or "object (" in label for label in labels)
    revision = setup["new_duty"].revisions.get()
    assert str(revision) == "主要职责：负责推进全市教育信息化工作。"
    assert sheet.build(setup["package"])["digest"] == sheet.build(setup["package"])["digest"]


def test_the_api_signs_only_the_sheet_it_was_shown(setup):
    """The same rule through the API (it lives in services.fire): confirm needs the digest of the current sheet."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(setup["confirmer"])
    package = setup["package"]
    url = f"/api/v1/workflow/packages/{package.pk}/"
    unsigned = api.post(url + "transitions/", {"name": "confirm"}, format="json")
    assert unsigned.status_code == 400 and "只能在确认单上进行" in unsigned.json()["detail"]
    shown = api.get(url + "sheet/").json()
    assert shown["unit"] == "测试教育局" and shown["powers"][0]["name"] == "民办学校办学许可"
    assert shown["versions"][0]["changes"] and shown["digest"] == sheet.current_digest(package)
    lists.save_power_item(setup["item"], implementing_basis="《民办教育促进法实施条例》第八条")  # changes after reading
    stale = api.post(url + "transitions/", {"name": "confirm", "sheet_digest": shown["digest"]}, format="json")
    assert stale.status_code == 400 and "数据已有变化" in stale.json()["detail"]
    package.refresh_from_db()
    assert package.state == PackageState.PENDING_CONFIRM
    fresh = api.get(url + "sheet/").json()
    assert "《民办教育促进法实施条例》第八条" in str(fresh["powers"][0]["implementing_basis"])
    signed = api.post(url + "transitions/", {"name": "confirm", "sheet_digest": fresh["digest"]}, format="json")
    assert signed.status_code == 200 and signed.json()["state"] == PackageState.CONFIRMED


def test_the_service_refuses_a_signature_without_the_sheet(setup):
    with pytest.raises(services.WorkflowRefused) as exc:
        services.fire(setup["package"], "confirm", acting_user=setup["confirmer"])
    assert exc.value.reasons == ["「确认无误」只能在确认单上进行：请打开确认单，核对全部内容后再确认无误。"]
