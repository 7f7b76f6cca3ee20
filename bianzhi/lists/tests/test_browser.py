"""The import flow in a real browser: upload, map columns, watch the result; and the overlap report."""
import pytest

from .helpers import row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_flow_and_reports_in_browser(lists_demo, login, tmp_path):
    from conftest import ARTIFACTS

    page = login("jiaotong")
    path = tmp_path / "交通局权力清单.xlsx"
    path.write_bytes(xlsx([row("城市轨道交通运营许可", category="行政许可 "), row("坏事项", category="行政许咳")]))
    page.goto(page.base_url + "/manage/lists/import/power/")
    page.set_input_files("input[type=file]", str(path))
    page.click("button.primary")
    page.wait_for_selector("text=列对照：文件列 → 模板列")
    page.screenshot(path=str(ARTIFACTS / "lists-import-mapping.png"), full_page=True)
    page.click("text=开始校验并导入")
    page.wait_for_selector("text=所有行均未导入")
    assert page.is_visible("text=您是否要填“行政许可”？")
    page.screenshot(path=str(ARTIFACTS / "lists-import-errors.png"), full_page=True)
    page.context.clear_cookies()
    page = login("admin")
    page.goto(page.base_url + "/manage/lists/reports/overlaps/")
    page.wait_for_selector("text=同一法条：《公路安全保护条例》第六十六条")
    page.screenshot(path=str(ARTIFACTS / "lists-overlaps.png"), full_page=True)
    page.goto(page.base_url + "/manage/lists/")
    assert page.is_visible("text=道路运输经营许可")
    page.screenshot(path=str(ARTIFACTS / "lists-power-list.png"), full_page=True)
    page.click("text=对未取得道路运输经营许可擅自从事道路运输经营的处罚")
    page.wait_for_selector("text=调查取证责任")
    page.screenshot(path=str(ARTIFACTS / "lists-power-detail.png"), full_page=True)
    page.click("text=百色市交通运输局 >> nth=0")
    page.wait_for_selector("text=百色市交通运输局 权责清单")
    page.screenshot(path=str(ARTIFACTS / "lists-unit-lists.png"), full_page=True)
