"""What a clerk's API request costs and what it still checks (issue 14 item 3): the queries of the unit read, the
PATCH with If-Match and the power-item list are pinned; the session, the user, the scope are read afresh on every
request, so a change of any of them takes effect on the next one."""
import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bianzhi.accounts.models import User
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.audit import _before_image, snapshot
from bianzhi.core.models import AuditLogEntry
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def edu(demo):
    return Unit.objects.get(name="百色市教育局")


def sql_of(queries):
    return "\n".join(q["sql"][:200] for q in queries.captured_queries)


def test_the_three_api_requests_ask_a_fixed_number_of_queries(edu, client_for):
    client = client_for("luru")
    unit_url = f"/api/v1/units/{edu.pk}/"
    client.get(unit_url)  # the first request of a process compiles the per-request queries
    with CaptureQueriesContext(connection) as read:
        unit = client.get(unit_url).json()
    with CaptureQueriesContext(connection) as save:
        response = client.patch(unit_url, {"note": "计数1"}, content_type="application/json",
                                HTTP_IF_MATCH=str(unit["row_version"]))
    assert response.status_code == 200 and response.json()["note"] == "计数1"
    with CaptureQueriesContext(connection) as items:
        assert client.get(f"/api/v1/power-items/?unit={edu.pk}").status_code == 200
    # read: session, user (with its authenticator flag), scope roots, assigned packages, the unit, its plaques, its
    # internal bodies (the same 7 before the queries were compiled once per process: fewer CPU, not fewer queries)
    counts = (len(read.captured_queries), len(save.captured_queries), len(items.captured_queries))
    # save (in the test's transaction: no BEGIN / COMMIT and no seal after it, 8 more statements on a server):
    # session, user, scope roots, the unit, 4 savepoints and their releases, the stored placement, the If-Match
    # check (UPDATE … row_version), the lock check, the audit before-image, the UPDATE, the audit entry, the scope
    # check after the save, plaques, internal bodies. Items: session, user, roots, packages, the unit filter's
    # choice, the count, the items, citations with laws, stage responsibilities, duties.
    assert counts == (7, 21, 10), sql_of(save) + "\n\n" + sql_of(items)
    entry = AuditLogEntry.objects.filter(model="unit", object_id=str(edu.pk)).order_by("-id").first()
    assert entry.before["note"] != "计数1" and entry.after["note"] == "计数1"


def test_a_scope_change_takes_effect_on_the_next_request(edu, client_for, users):
    clerk = users["luru"]
    client = client_for("luru")
    outside = Unit.objects.exclude(pk__in=allowed_units(clerk, "view").values("pk")).order_by("pk").first()
    url = f"/api/v1/units/{outside.pk}/"
    assert client.get(url).status_code == 404
    group = clerk.entry_groups.first()
    group.units.add(outside)
    assert client.get(url).status_code == 200
    group.units.remove(outside)
    assert client.get(url).status_code == 404


def test_a_deactivated_account_and_an_expired_session_end_at_the_next_request(edu, client_for, users):
    url = f"/api/v1/units/{edu.pk}/"
    client = client_for("luru")
    assert client.get(url).status_code == 200
    User.objects.filter(pk=users["luru"].pk).update(is_active=False)
    assert client.get(url).status_code in (401, 403)
    User.objects.filter(pk=users["luru"].pk).update(is_active=True)
    client = client_for("luru")
    assert client.get(url).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(url).status_code in (401, 403)


def test_the_before_image_is_the_stored_row_as_snapshot_shows_it(edu):
    assert _before_image(Unit, edu.pk) == snapshot(Unit._base_manager.get(pk=edu.pk))
    assert _before_image(Unit, 10**9) is None


def test_a_unit_save_reads_its_current_parents_path(edu, demo):
    other = Unit.objects.exclude(pk__in=[edu.pk, edu.parent_id or 0]).filter(parent__isnull=True).order_by("pk")[0]
    fresh = Unit.objects.get(pk=edu.pk)
    if fresh.parent_id:
        assert fresh.parent_tree_path() == Unit.objects.get(pk=fresh.parent_id).tree_path
    fresh.parent_id = other.pk
    assert fresh.parent_tree_path() == other.tree_path  # a new parent is read again, not the kept path


def test_related_rows_keep_their_models_order_in_the_answers(edu, client_for):
    """Plaques, internal bodies, citations and stages are read without ordering by their parent (no join): within
    one parent the order is the models' own."""
    import datetime as dt

    from bianzhi.lists.models import PowerItem
    from bianzhi.registry.models import InternalBody, Plaque

    Plaque.objects.create(unit=edu, name="后挂的牌子", start_date=dt.date(2001, 1, 1))
    Plaque.objects.create(unit=edu, name="先挂的牌子", start_date=dt.date(1999, 1, 1))
    InternalBody.objects.create(unit=edu, name="排后的科室", sort_order=9)
    InternalBody.objects.create(unit=edu, name="排前的科室", sort_order=1)
    client = client_for("luru")
    unit = client.get(f"/api/v1/units/{edu.pk}/").json()
    assert [p["id"] for p in unit["plaques"]] == [p.pk for p in Plaque.objects.filter(unit=edu)]
    assert [b["id"] for b in unit["internal_bodies"]] == [
        b.pk for b in InternalBody.objects.established().filter(unit=edu)]
    items = {i["id"]: i for i in client.get(f"/api/v1/power-items/?unit={edu.pk}&limit=1000").json()["results"]}
    assert items
    for item in PowerItem.objects.filter(pk__in=items):
        assert [c["text"] for c in items[item.pk]["citations"]] == [c.text for c in item.citations.all()]
        assert [s["content"] for s in items[item.pk]["stage_responsibilities"]] == [
            s.content for s in item.stage_responsibilities.all()]
