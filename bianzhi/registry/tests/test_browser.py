"""luru logs in, edits a unit in scope, finds the change in the audit log, and is refused a unit outside it."""
import pytest

from bianzhi.registry.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_edits_in_scope_sees_audit_and_is_refused_outside(login, demo):
    from conftest import ARTIFACTS

    edu = Unit.objects.get(name="百色市教育局")
    police = Unit.objects.get(name="百色市公安局")
    page = login("luru")
    assert "机构库" in page.content()

    page.goto(f"{page.base_url}/manage/units/{edu.pk}/")
    page.click("text=编辑基本信息")
    page.fill("#id_address", "百色市右江区城东大道88号")
    page.fill("#id_contact_office_phone", "0776-2872890")
    page.screenshot(path=str(ARTIFACTS / "registry-edit-form.png"), full_page=True)
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=已保存")
    assert "百色市右江区城东大道88号" in page.content()

    page.click("text=审计日志 >> nth=-1")
    page.wait_for_selector("text=审计日志")
    row = page.locator("tr", has_text="单位：百色市教育局").first
    assert "luru" in row.inner_text() and "单位地址" in row.inner_text()
    row.locator("a").first.click()
    page.wait_for_selector("text=修改内容")
    detail = page.content()
    assert "百色市右江区城东大道88号" in detail and "广西壮族自治区百色市右江区" in detail
    page.screenshot(path=str(ARTIFACTS / "registry-audit-detail.png"), full_page=True)

    response = page.goto(f"{page.base_url}/manage/units/{police.pk}/")
    assert response.status == 404
    response = page.goto(f"{page.base_url}/manage/units/{police.pk}/edit/")
    assert response.status == 404
    page.goto(f"{page.base_url}/manage/units/?q=公安")
    assert "没有符合条件的单位" in page.content()
    page.screenshot(path=str(ARTIFACTS / "registry-out-of-scope.png"), full_page=True)
