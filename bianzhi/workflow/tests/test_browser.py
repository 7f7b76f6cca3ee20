"""One unit from entry to the public page in a real browser: luru submits 百色市教育局, jiaoyu sends it back
with a comment on one internal body, luru handles it and resubmits, jiaoyu confirms, luru forwards it, shenhe
approves (the data locks), the office publishes, and the public page shows the unit."""
import pytest

from bianzhi.registry.models import Unit
from bianzhi.workflow.models import DataPackage, PackageState, ReviewComment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_unit_from_entry_to_the_public_page(login, demo):
    from conftest import ARTIFACTS

    unit = Unit.objects.get(name="百色市教育局")
    package = DataPackage.objects.get(unit=unit, is_current=True)
    assert package.state == PackageState.ENTERING
    url = f"/manage/workflow/packages/{package.pk}/"

    def as_user(username):
        page = login(username)
        page.goto(page.base_url + url)
        return page

    # 1. the clerk submits for confirmation
    page = as_user("luru")
    assert page.locator("[data-testid=state]").inner_text() == "录入中"
    page.click("[data-transition=submit]")
    page.wait_for_selector("text=已提交部门确认。")
    assert page.locator("[data-testid=state]").inner_text() == "待部门确认"
    page.context.clear_cookies()

    # 2. the department's confirmer sees the bell, comments on one item and sends it back
    page = as_user("jiaoyu")
    assert page.locator("[data-testid=bell-count]").inner_text() == "1"
    page.select_option("#id_target", label="内设机构：百色市教育局 人事科")
    page.fill("#id_text", "“人事科”应为“组织人事科”，与三定规定第三条一致")
    page.click("[data-testid=add-comment]")
    page.wait_for_selector("text=意见已记录。")
    page.fill("#comment-dept_return", "请按意见修改后重新提交")
    page.screenshot(path=str(ARTIFACTS / "workflow-1-confirmer-comment.png"), full_page=True)
    page.click("[data-transition=dept_return]")
    page.wait_for_selector("text=已部门退回。")
    page.context.clear_cookies()

    # 3. the clerk sees 部门退回, cannot resubmit before handling the comment, handles it, resubmits
    page = as_user("luru")
    assert page.locator("[data-testid=state]").inner_text() == "录入中（部门退回）"
    assert page.locator("[data-transition=submit]").is_disabled()
    assert "尚有未处理的意见 1 条" in page.content()
    page.screenshot(path=str(ARTIFACTS / "workflow-2-returned.png"), full_page=True)
    page.fill("input[name=resolution]", "已改为组织人事科")
    page.click("[data-testid=resolve]")
    page.wait_for_selector("text=意见已标记为已处理。")
    page.click("[data-transition=submit]")
    page.wait_for_selector("text=已提交部门确认。")
    page.context.clear_cookies()

    # 4. the confirmer confirms; 5. the clerk forwards to review
    page = as_user("jiaoyu")
    page.click("[data-testid=sheet-confirm]")
    page.wait_for_selector("[data-testid=sheet]")
    page.screenshot(path=str(ARTIFACTS / "workflow-3a-sheet.png"), full_page=True)
    page.click("[data-transition=confirm]")
    page.wait_for_selector("text=已确认无误。")
    page.context.clear_cookies()
    page = as_user("luru")
    page.click("[data-transition=submit_review]")
    page.wait_for_selector("text=已提交审核。")
    page.context.clear_cookies()

    # 6. the reviewer approves: the data locks
    page = as_user("shenhe")
    page.click("[data-testid=sheet-approve]")
    page.wait_for_selector("[data-testid=sheet]")
    page.click("[data-transition=approve]")
    page.wait_for_selector("text=已审核通过。")
    assert "本单位数据已审核通过并锁定" in page.content()
    page.screenshot(path=str(ARTIFACTS / "workflow-3-approved.png"), full_page=True)
    page.context.clear_cookies()

    # the locked unit refuses the clerk's edit form with a clear message
    page = login("luru")
    page.goto(f"{page.base_url}/manage/units/{unit.pk}/edit/")
    page.fill("#id_short_name", "教育局（改）")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=「百色市教育局」的数据已审核通过并锁定，不能修改。")
    page.context.clear_cookies()

    # 7. the office publishes; the public page shows the unit
    page = as_user("admin")
    page.click("[data-transition=publish]")
    page.wait_for_selector("text=已对外公开。")
    assert page.locator("[data-testid=state]").inner_text() == "已公开"
    page.click("[data-testid=public-link]")
    page.wait_for_load_state()
    assert "百色市教育局" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "workflow-4-public.png"), full_page=False)

    package.refresh_from_db()
    assert package.state == PackageState.PUBLISHED
    assert [t.name for t in package.transitions.all()] == [
        "submit", "dept_return", "submit", "confirm", "submit_review", "approve", "publish"]
    assert ReviewComment.objects.get(package=package).resolved


def test_leadership_dashboard_with_charts(login, demo):
    from conftest import ARTIFACTS

    page = login("lingdao")
    page.goto(page.base_url + "/manage/workflow/")
    page.wait_for_function("document.querySelector('#regionChart').width > 0")
    assert page.locator("[data-testid=total]").inner_text() == "37"
    assert page.locator("[data-transition]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "workflow-5-dashboard.png"), full_page=False)
