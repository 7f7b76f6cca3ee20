"""The public site in a real browser, as a citizen would use it: no login, desktop and phone."""
import pytest

from conftest import ARTIFACTS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_browses_searches_and_downloads(browser_page):
    from django.core.management import call_command

    from bianzhi.accounts.models import User
    from bianzhi.portal.services import publish_units
    from bianzhi.registry.models import Unit

    call_command("load_demo", stdout=open("/dev/null", "w"))
    publish_units(list(Unit.objects.filter(name__in=["百色市教育局", "百色市交通运输局"])), note="浏览器测试", acting_user=User.objects.get(username="admin"))
    page = browser_page
    page.goto(page.base_url + "/")
    assert page.locator("a.pub-login").get_attribute("href") == "/accounts/login/"
    page.screenshot(path=str(ARTIFACTS / "portal-home.png"), full_page=True)
    page.click("text=百色市")
    page.click("text=百色市教育局")
    page.wait_for_selector("h1:has-text('百色市教育局')")
    page.select_option("select[name=pcat]", "行政许可")
    page.click("#powers button[type=submit]")
    rows = page.locator("#powers tbody tr")
    assert rows.count() == 2 and all("行政许可" in rows.nth(i).inner_text() for i in range(rows.count()))
    page.screenshot(path=str(ARTIFACTS / "portal-unit.png"), full_page=True)
    page.fill(".pub-search-bar input[name=q]", "许可")
    page.press(".pub-search-bar input[name=q]", "Enter")
    page.wait_for_selector(".pub-results")
    assert page.locator(".pub-results mark").first.inner_text() == "许可"
    page.screenshot(path=str(ARTIFACTS / "portal-search.png"), full_page=True)
    page.goto(page.base_url + "/data/")
    with page.expect_download() as download:
        page.locator("table.pub-releases a").first.click()
    assert download.value.suggested_filename.startswith("bianzhi-release-")
    page.screenshot(path=str(ARTIFACTS / "portal-open-data.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    unit = Unit.objects.get(name="百色市交通运输局")
    page.goto(page.base_url + f"/unit/{unit.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"手机上页面横向溢出：{width}px"
    page.screenshot(path=str(ARTIFACTS / "portal-unit-phone.png"), full_page=True)
