import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from bianzhi.accounts.demo import DEMO_PASSWORD
from bianzhi.accounts.models import User


def post_login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_demo_users_can_log_in_with_the_documented_password(users):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bianzhi.accounts.demo_totp import current_code

    for username in ["admin", "luru", "jiaotong", "jiaoyu", "shenhe", "youjiang", "lingdao"]:
        client = Client()
        response = post_login(client, username, DEMO_PASSWORD)
        assert response.status_code == 302, username
        if username == "admin":  # administrators pass the demo authenticator's code (README)
            assert client.get("/manage/")["Location"].startswith("/accounts/otp/")
            TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
            assert client.post("/accounts/otp/", {"code": current_code()}).status_code == 302
        assert client.get("/manage/").status_code == 200


def locked_out(username, ip="127.0.0.1") -> bool:
    from bianzhi.accounts.models import LoginThrottle

    return LoginThrottle.objects.filter(username=username, ip=ip, locked_until__isnull=False).exists()


def test_login_locks_after_five_failures_even_for_the_right_password(users, settings):
    assert settings.LOGIN_MAX_FAILURES == 5
    client = Client()
    for _ in range(4):
        response = post_login(client, "luru", "wrong-password")
        assert "用户名或密码错误" in response.content.decode()
    assert not locked_out("luru")
    post_login(client, "luru", "wrong-password")
    assert locked_out("luru")
    response = post_login(client, "luru", DEMO_PASSWORD)
    assert response.status_code == 200
    assert "次数过多" in response.content.decode()
    assert client.get("/manage/").status_code == 302


def test_a_successful_login_resets_the_failure_count(users):
    client = Client()
    for _ in range(3):
        post_login(client, "luru", "wrong")
    assert post_login(client, "luru", DEMO_PASSWORD).status_code == 302
    assert User.objects.get(username="luru").failed_login_count == 0


def test_the_lockout_threshold_is_configurable(users, settings):
    settings.LOGIN_MAX_FAILURES = 2
    client = Client()
    post_login(client, "luru", "x")
    post_login(client, "luru", "x")
    assert locked_out("luru")


def test_many_failures_from_many_addresses_lock_the_account_itself(users, settings):
    settings.LOGIN_ACCOUNT_MAX_FAILURES = 6
    for i in range(6):
        Client().post("/accounts/login/", {"username": "luru", "password": "x"}, REMOTE_ADDR=f"198.51.100.{i}")
    assert User.objects.get(username="luru").is_locked
    response = Client().post("/accounts/login/", {"username": "luru", "password": DEMO_PASSWORD},
                             REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200 and "已被锁定" in response.content.decode()


def test_idle_sessions_end_after_thirty_minutes(users, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = Client()
    post_login(client, "luru", DEMO_PASSWORD)
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/manage/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_requests_renew_the_idle_limit_with_at_most_one_write_a_minute(users, settings, monkeypatch):
    """Activity keeps a session alive (the limit is on idleness), but the session row is written at most once per
    SESSION_RENEW_SECONDS, not on every request."""
    from django.contrib.sessions.models import Session

    from bianzhi.core import middleware

    clock = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client = Client()
    post_login(client, "luru", DEMO_PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    def expires():
        return Session.objects.get(session_key=key).expire_date

    assert client.get("/manage/").status_code == 200
    first = expires()
    clock[0] += 30  # within the minute: served, nothing written, no new cookie
    response = client.get("/manage/")
    assert response.status_code == 200 and settings.SESSION_COOKIE_NAME not in response.cookies
    assert expires() == first
    clock[0] += 31  # a minute since the last renewal: written again, the idle limit moves on
    Session.objects.filter(session_key=key).update(expire_date=first - timezone.timedelta(minutes=5))
    response = client.get("/manage/")
    assert response.status_code == 200 and settings.SESSION_COOKIE_NAME in response.cookies
    assert expires() > timezone.now() + timezone.timedelta(minutes=29)
    # an anonymous visitor with an unknown cookie gets no session made for it
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    before = Session.objects.count()
    assert stranger.get("/").status_code == 200 and Session.objects.count() == before


@pytest.mark.parametrize("password,reason", [
    ("short1A!", "密码长度太短"),
    ("abcdefghijk", "三类"),
    ("12345678901", "三类"),
    ("password123", "密码太常见"),
])
def test_weak_passwords_are_refused(password, reason, db):
    with pytest.raises(ValidationError) as exc, translation.override("zh-hans"):
        validate_password(password, User(username="someone"))
    assert any(reason in m for m in exc.value.messages), exc.value.messages


def test_strong_password_is_accepted(db):
    validate_password("Harbor-Lantern-2026", User(username="someone"))


def test_migrations_create_no_accounts_and_no_code_outside_the_demo_sets_a_password():
    """No default passwords outside the demo: the migrations create no user, and the only code that sets a
    fixed password is the demo loader."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or path.name == "demo.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"set_password\(\s*[\"']|create_(super)?user\([^)]*password\s*=\s*[\"']", text):
            offenders.append(str(path.relative_to(root)))
        if "migrations" in path.parts and re.search(r"create_(super)?user|User\.objects\.create", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_an_old_password_must_be_changed_before_working(users, client_for, settings):
    from django.utils import timezone

    settings.PASSWORD_MAX_AGE_DAYS = 90
    User.objects.filter(username="luru").update(password_changed_at=timezone.now() - timezone.timedelta(days=91))
    client = client_for("luru")
    response = client.get("/manage/units/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    response = client.post("/accounts/password/", {"old_password": DEMO_PASSWORD, "new_password1": "Youjiang-2026!",
                                                    "new_password2": "Youjiang-2026!"})
    assert response.status_code == 302
    assert client.get("/manage/units/").status_code == 200
