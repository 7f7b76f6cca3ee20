"""2FA enrolment and login with a TOTP code, and the 三员 separation, in a real browser.
Screenshots in test-artifacts/security-*.png."""
import base64
import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.accounts.models import Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Harbor-Lantern-2026"


def totp_code(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key, step=30, t0=0, digits=6).token():06d}"


def test_a_new_administrator_binds_an_authenticator_and_logs_in_with_a_code(demo, browser_page):
    from conftest import ARTIFACTS

    user = User(username="xitong2", display_name="黎系统", role=Role.SYSADMIN, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    page = browser_page
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "xitong2")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/otp/enrol/" in page.url  # a 系统管理员 must bind one before anything else
    assert page.locator("#otp-qr svg").count() == 1
    page.screenshot(path=str(ARTIFACTS / "security-otp-enrol.png"), full_page=True)
    secret = page.inner_text("#otp-secret").strip()
    page.fill("#id_code", totp_code(secret))
    page.click("main button[type=submit]")
    page.wait_for_selector("#recovery-codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9a-f]{6}-[0-9a-f]{6}", c) for c in codes)
    page.screenshot(path=str(ARTIFACTS / "security-otp-recovery-codes.png"), full_page=True)

    # log out, log in again: password, then the code of the app just bound
    page.click("header button:has-text('退出')")
    page.wait_for_load_state()
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # the same 30-second code is otherwise refused
    page.goto(page.base_url + "/accounts/login/?next=/admin/")
    page.fill("#id_username", "xitong2")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/otp/" in page.url
    page.fill("#id_code", "000000" if totp_code(secret) != "000000" else "111111")
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert.error")
    assert "不正确" in page.inner_text(".alert.error")
    page.screenshot(path=str(ARTIFACTS / "security-otp-wrong-code.png"), full_page=True)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    page.fill("#id_code", totp_code(secret))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/admin/")
    assert "用户" in page.inner_text("body")  # the 系统管理员 manages accounts


def test_the_three_administrators_are_separated(demo, login):
    from conftest import ARTIFACTS

    page = login("shenji")  # 审计管理员: password + the demo authenticator's code
    page.goto(page.base_url + "/manage/audit/?action=login")
    rows = page.locator("#auditlog tr").all_inner_texts()[1:]
    assert rows and all("登录" in r for r in rows)
    assert any("shenji" in r for r in rows)
    assert page.locator("a:has-text('导出 Excel')").count() == 1
    nav = page.inner_text("header nav")
    assert "审计日志" in nav and "单位" not in nav and "机构库" not in nav
    page.screenshot(path=str(ARTIFACTS / "security-auditor-audit-log.png"), full_page=True)
    response = page.goto(page.base_url + "/api/v1/units/")
    assert response.status == 200 and '"count":0' in page.inner_text("body").replace(" ", "")

    page.context.clear_cookies()
    page = login("xitong")  # 系统管理员
    nav = page.inner_text("header nav")
    assert "审计日志" not in nav and "账号与安全管理" in nav
    response = page.goto(page.base_url + "/manage/audit/")
    assert response.status == 403 and "无权" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "security-sysadmin-no-audit.png"), full_page=True)
    page.goto(page.base_url + "/admin/")
    body = page.inner_text("body")
    assert "用户" in body and "录入工作组" not in body
    page.screenshot(path=str(ARTIFACTS / "security-sysadmin-admin.png"), full_page=True)
