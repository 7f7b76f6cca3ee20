"""A web process warms itself up before it serves (ops/warmup.py): the pages a clerk opens first are rendered for
real, and the database is left exactly as it was — no session, no audit entry, no row written or changed."""
import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.template import engines
from django.urls import reverse

from bianzhi.accounts.models import Role, User
from bianzhi.core import precompiled
from bianzhi.core.tests.factories import DocumentFactory, UnitFactory, UserFactory
from bianzhi.lists import services as lists_services
from bianzhi.lists.models import PowerCategory
from bianzhi.ops import warmup
from bianzhi.registry.models import Unit
from bianzhi.sanding import services as sanding

pytestmark = pytest.mark.django_db


def database_contents() -> dict:
    """Every row of every table, as the database holds it."""
    contents = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            contents[table] = sorted(map(repr, cursor.fetchall()))
    return contents


@pytest.fixture
def clerk_with_work():
    unit = UnitFactory(name="预热测试局")
    clerk = UserFactory(role=Role.CLERK, groups_for=[unit])
    category, _ = PowerCategory.objects.get_or_create(name="行政许可", defaults={"code_prefix": "XK"})
    item = lists_services.create_power_item(unit, "预热测试许可", category)
    document = DocumentFactory(unit=unit, issued_on=datetime.date(2026, 11, 1))
    draft = sanding.create_draft_version(unit, document)
    sanding.sync_duties(draft, "main", [(None, "负责预热测试工作。")])
    User.objects.filter(role=Role.CLERK).exclude(pk=clerk.pk).update(is_active=False)  # the first active clerk
    return clerk, unit, item, draft


def test_warm_up_renders_a_clerks_first_pages_and_writes_nothing(clerk_with_work, monkeypatch):
    clerk, unit, item, draft = clerk_with_work
    rendered = []
    real_render = warmup._render
    monkeypatch.setattr(warmup, "_render", lambda user, path: rendered.append(user) or real_render(user, path))
    before = database_contents()

    report = warmup.warm()

    assert database_contents() == before  # no session, audit entry, last_login or anything else
    assert report["errors"] == []
    assert report["pages"] == {
        "/accounts/login/": 200, "/manage/": 200, reverse("lists:power-list"): 200,
        f"/manage/lists/powers/{item.pk}/edit/": 200, f"/manage/units/{unit.pk}/": 200,
        f"/api/v1/units/{unit.pk}/": 200, f"/api/v1/power-items/?unit={unit.pk}": 200,
        f"/manage/sanding/versions/{draft.pk}/duties/main/": 200}
    assert rendered[1:] == [clerk] * 7  # the clerk found in the database; the sign-in page anonymously
    # the templates are compiled and the precompiled queries built for this database (no query sent for them)
    assert report["templates"] >= 90
    assert report["queries"] == len(precompiled.REGISTERED) >= 8
    assert all("default" in query._compiled for query in precompiled.REGISTERED)
    cached = engines["django"].engine.template_loaders[0].get_template_cache
    assert "lists/item_form.html" in cached and "sanding/duty_editor.html" in cached


def test_warm_up_without_any_clerk_renders_the_sign_in_page_only():
    """A new installation (the first `make demo` boot migrates first): no clerk, so no clerk's page."""
    User.objects.filter(role=Role.CLERK).update(is_active=False)
    before = database_contents()

    report = warmup.warm()

    assert database_contents() == before
    assert report["errors"] == []
    assert report["pages"] == {"/accounts/login/": 200}


def test_warm_up_connection_refuses_writes():
    unit = UnitFactory(name="只读测试局")
    with pytest.raises(DatabaseError), transaction.atomic(), warmup.read_only(connection):
        Unit.objects.filter(pk=unit.pk).update(note="写入")
    Unit.objects.filter(pk=unit.pk).update(note="之后可写")  # the connection writes again afterwards
    assert Unit.objects.get(pk=unit.pk).note == "之后可写"


def test_a_page_that_fails_is_logged_and_the_others_still_render(clerk_with_work, monkeypatch, caplog):
    clerk, unit, item, draft = clerk_with_work
    real_render = warmup._render

    def render(user, path):
        if "/edit/" in path:
            raise RuntimeError("故障")
        return real_render(user, path)

    monkeypatch.setattr(warmup, "_render", render)
    report = warmup.warm()

    assert report["pages"][f"/manage/lists/powers/{item.pk}/edit/"] == "RuntimeError"
    assert report["pages"][f"/api/v1/units/{unit.pk}/"] == 200
    assert any("故障" in r.getMessage() for r in caplog.records)


def test_at_boot_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("BIANZHI_WARMUP", "0")
    assert warmup.at_boot() is None
