"""等保三级 second factor: TOTP (django-otp) required for administrators, optional for other staff (required for all
with OTP_REQUIRED_FOR_ALL), with one-time recovery codes; the demo accounts pass with the published demo secret."""
import base64
import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.accounts import otp
from bianzhi.accounts.demo import DEMO_PASSWORD
from bianzhi.accounts.demo_totp import current_code
from bianzhi.accounts.models import Role, User
from bianzhi.accounts.permissions import may_reset_second_factor
from bianzhi.core.audit_models import AuditLogEntry


def password_login(username, ip="10.45.10.21"):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD}, REMOTE_ADDR=ip)
    assert response.status_code == 302, username
    return client


def code_for(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_a_password_alone_does_not_open_the_administrators_pages(users):
    client = password_login("admin")
    for path in ["/manage/", "/manage/audit/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/"), path
    assert client.get("/api/v1/units/").status_code == 403


def test_the_demo_code_lets_the_administrator_in_and_is_not_accepted_twice(users):
    client = password_login("admin")
    code = current_code()  # the same code both times (a new 30-second window under load would give a fresh, valid one)
    response = client.post("/accounts/otp/?next=/manage/audit/", {"code": code, "next": "/manage/audit/"})
    assert response.status_code == 302 and response["Location"] == "/manage/audit/"
    assert client.get("/manage/audit/").status_code == 200
    again = password_login("admin", ip="10.45.10.22")
    response = again.post("/accounts/otp/", {"code": code})
    assert response.status_code == 200 and "不正确" in response.content.decode()  # a used code never works again
    assert AuditLogEntry.objects.filter(action="login_failed", username="admin",
                                        after__reason="second_factor").exists()


def test_a_clerk_may_log_in_with_the_password_alone_unless_required_for_all(users, settings):
    assert password_login("luru").get("/manage/").status_code == 200
    settings.OTP_REQUIRED_FOR_ALL = True
    response = password_login("luru").get("/manage/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/enrol/")


def test_enrolment_shows_a_local_qr_code_and_recovery_codes_that_work_once(users, settings):
    settings.OTP_REQUIRED_FOR_ALL = True
    client = password_login("luru")
    page = client.get("/accounts/otp/enrol/").content.decode()
    assert "<svg" in page and "otpauth" not in page.split("<svg")[0][-200:]  # the QR is inline SVG
    assert "http" not in re.search(r"<svg.*?</svg>", page, re.S).group(0).replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user__username="luru", confirmed=False)
    secret = re.search(r'id="otp-secret">([A-Z2-7]+)<', page).group(1)
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    response = client.post("/accounts/otp/enrol/", {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "不正确" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing: wait 1 s, 2 s, 4 s …
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post("/accounts/otp/enrol/", {"code": code_for(device)})
    codes = re.findall(r"<li><code>([0-9a-f]{6}-[0-9a-f]{6})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert client.get("/manage/").status_code == 200
    # next login: a recovery code instead of the app, once
    second = password_login("luru", ip="10.45.10.30")
    assert second.get("/manage/")["Location"].startswith("/accounts/otp/?")
    assert second.post("/accounts/otp/", {"code": codes[0]}).status_code == 302
    assert second.get("/manage/").status_code == 200
    third = password_login("luru", ip="10.45.10.31")
    assert third.post("/accounts/otp/", {"code": codes[0]}).status_code == 200
    assert StaticToken.objects.filter(device__user__username="luru").count() == 9


@pytest.mark.parametrize("username", ["admin", "xitong", "anquan", "shenji"])
def test_administrators_of_the_demo_have_the_demo_authenticator(users, username):
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    assert code_for(device) == current_code()


def test_a_new_administrator_without_an_authenticator_must_bind_one(users):
    user = User.objects.create(username="xitong2", role=Role.SYSADMIN, is_staff=True, display_name="新系统管理员")
    user.set_password("Harbor-Lantern-2026")
    user.save()
    client = Client()
    assert client.post("/accounts/login/", {"username": "xitong2", "password": "Harbor-Lantern-2026"}).status_code == 302
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/otp/enrol/")


def test_the_security_administrator_resets_a_lost_authenticator(users):
    """Issue 15: a user who lost the phone is not locked out for good — the 安全管理员 resets the factor (admin
    action), audited; the account must bind a new one at its next login. Nobody else may, and not their own."""
    target = User.objects.create(username="xitong3", role=Role.SYSADMIN, is_staff=True, display_name="丢手机的管理员")
    target.set_password("Harbor-Lantern-2026")
    target.save()
    TOTPDevice.objects.create(user=target, name="身份验证器", confirmed=True)
    otp.issue_recovery_codes(target)
    anquan, xitong, luru = users["anquan"], users["xitong"], users["luru"]
    assert may_reset_second_factor(anquan, target)
    assert not may_reset_second_factor(anquan, anquan)              # not one's own
    assert not may_reset_second_factor(xitong, target)              # 系统管理员: not a security function
    assert not may_reset_second_factor(luru, target)
    assert not may_reset_second_factor(anquan, users["admin"])      # a superuser's only by a superuser
    with pytest.raises(otp.SecondFactorError, match="您无权重置"):
        otp.reset_second_factor(target, acting_user=xitong)
    assert TOTPDevice.objects.filter(user=target).exists()

    admin_client = Client()
    admin_client.force_login(anquan)
    response = admin_client.post("/admin/accounts/user/", {"action": "reset_second_factor",
                                                           "_selected_action": [target.pk]}, follow=True)
    assert "已重置「" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not otp.has_second_factor(target)
    entry = AuditLogEntry.objects.filter(object_id=str(target.pk), model="user", user_id=anquan.pk).latest("id")
    assert "已重置" in entry.after["second_factor"]
    # the next login must bind a new authenticator before anything else
    client = Client()
    assert client.post("/accounts/login/", {"username": "xitong3", "password": "Harbor-Lantern-2026"}).status_code == 302
    assert client.get("/admin/")["Location"].startswith("/accounts/otp/enrol/")
    # the 系统管理员 is not offered the action
    sys_client = Client()
    sys_client.force_login(xitong)
    assert "reset_second_factor" not in sys_client.get("/admin/accounts/user/").content.decode()


def test_a_bound_authenticator_is_asked_for_on_the_api_and_read_with_the_user(users):
    """The session's user is read together with whether it has a confirmed authenticator (one query, not a second
    one per request); a clerk who bound one and has not passed it yet is still refused by the API."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clerk = users["luru"]
    client = password_login("luru")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/units/").status_code == 200  # no authenticator bound: the password is enough
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT 1 AS "a" FROM "otp_totp')]
    TOTPDevice.objects.create(user=clerk, name=otp.TOTP_NAME, confirmed=True)
    response = client.get("/api/v1/units/")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
