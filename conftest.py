"""Shared fixtures: the demo data set and one logged-in client per role.

The test database of each worker starts with the full 百色市 demo data, loaded once per session (loading it per
test would cost seconds each). Ordinary tests run inside a transaction that is rolled back, so they always see
the demo as loaded. Transactional tests (browser tests against the live server) end with a flush; the `demo`
fixture reloads the data when it finds it missing, and pytest-django runs transactional tests last.
"""
import io

import pytest


def _load_demo():
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session", autouse=True)
def _sqlite_flush_passes_the_audit_triggers():
    """The audit log refuses DELETE in the database (core/audit_db.py). Django's test flush between live-server
    tests empties SQLite tables with DELETE, so only there the triggers are lifted for the flush and put back."""
    from django.db import connection

    from bianzhi.core import audit_db

    if connection.vendor != "sqlite":  # PostgreSQL flushes with TRUNCATE, which row triggers do not see
        yield
        return
    operations = type(connection.ops)
    original = operations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        audit_db.drop_sqlite(self.connection)
        try:
            original(self, sql_list)
        finally:
            audit_db.install(self.connection)

    operations.execute_sql_flush = execute_sql_flush
    yield
    operations.execute_sql_flush = original


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture
def demo(db):
    from bianzhi.accounts.models import User

    if not User.objects.filter(username="admin").exists():
        _load_demo()


@pytest.fixture
def users(demo):
    from bianzhi.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def client_for(client, users):
    """client_for("luru") → a Django test client logged in as that demo user."""
    from django.test import Client

    def make(username):
        c = Client()
        c.force_login(users[username])
        return c

    return make


def pass_second_factor(client, user):
    """A force-logged-in test client has also passed the second factor (force_login skips the password, so it
    skips the authenticator too): the account's device, or a new one when the account requires one, is put into
    the session as django-otp's login would. Tests of the second factor itself log in through the forms."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bianzhi.accounts.permissions import requires_second_factor

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and requires_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="测试", confirmed=True)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture(scope="session", autouse=True)
def _force_login_passes_the_second_factor():
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    Client.force_login = force_login
    yield
    Client.force_login = original


@pytest.fixture
def api_for(users):
    from rest_framework.test import APIClient

    def make(username):
        c = APIClient()
        c.force_authenticate(users[username])
        return c

    return make


# ---------------------------------------------------------------- browser tests (Playwright + Debian chromium)
CHROMIUM = "chromium"  # Debian's, found on PATH (a bare environment without it skips the browser tests)
ARTIFACTS = __import__("pathlib").Path(__file__).parent / "test-artifacts"


@pytest.fixture
def browser_page(live_server, settings):
    """A Playwright page in Debian's chromium against the live server. Skipped, with the reason printed,
    only when no chromium is installed. Screenshots go to test-artifacts/ (look at them)."""
    import os
    import shutil

    executable = shutil.which(CHROMIUM)
    if not executable:
        pytest.skip("chromium 未安装（apt-get install chromium fonts-noto-cjk），跳过浏览器测试")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def login(browser_page):
    """login("luru") logs the browser page in through the real login form with the demo password."""
    from bianzhi.accounts.demo import DEMO_PASSWORD

    def do(username, password=DEMO_PASSWORD):
        page = browser_page
        page.goto(page.base_url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        if "/accounts/otp/" in page.url:  # administrators: the demo authenticator's current code
            from django_otp.plugins.otp_totp.models import TOTPDevice

            from bianzhi.accounts.demo_totp import current_code

            TOTPDevice.objects.filter(user__username=username).update(last_t=-1)  # a code may be reused in tests
            page.fill("#id_code", current_code())
            page.click("main button[type=submit]")
            page.wait_for_load_state()
        return page

    return do
