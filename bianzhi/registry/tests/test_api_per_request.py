"""What a clerk's API request costs and what it still checks (issue 14 item 3): the queries of the unit read, the
PATCH with If-Match and the power-item list are pinned; the session, the user, the scope are read afresh on every
request, so a change of any of them takes effect on the next one."""
import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bianzhi.accounts.models import User
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.audit import _before_image, snapshot
from bianzhi.core.audit_chain import seal_pending, verify
from bianzhi.core.context import acting_as
from bianzhi.core.models import AuditLogEntry, ConcurrentEditError
from bianzhi.registry.api.views import UnitViewSet
from bianzhi.registry.models import InternalBody, Plaque, RelationType, Unit
from bianzhi.registry.services import save_unit

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
    # save (in the test's transaction: save_unit's savepoint and its release stand for BEGIN / COMMIT, and no seal
    # after it: 7 more statements on a server, 20 in all): session, user, scope roots, the unit (no parent: no parent's
    # path; a unit with one takes it from its own row now, test_unit_write_path),
    # save_unit's savepoint, the stored row under its lock (the placement compared, the version checked, the audit
    # before-image), the lock check, the UPDATE of the changed columns with the version in its condition, the
    # audit entry, the scope check after the save, the release, plaques, internal bodies (was 15 here, 22 on a
    # server: the stored placement, the If-Match UPDATE and the before-image were three statements; 21 / 29 before
    # the view's atomic block and Unit.save's and TrackedModel.save's savepoints inside save_unit's, and the
    # seal's head read, were gone). Items: session, user, roots, packages,
    # the items, citations with laws, stage responsibilities, duties (no COUNT: the page is shorter than the limit;
    # no check of the unit filter's choice: the items found in scope are of that unit, lists/api/views.py).
    # Since session 12 the session, its user and a clerk's scope roots are one statement (accounts.sessions): two
    # fewer in each request; since session 15 the assigned packages too (accounts.sessions.read_with_session): one
    # fewer in each request that reads the view scope (the read and the items, not the save: a write's scope has no
    # assigned packages).
    assert counts == (4, 11, 5), sql_of(save) + "\n\n" + sql_of(items)
    assert sum("SAVEPOINT" in q["sql"] and "RELEASE" not in q["sql"] for q in save.captured_queries) == 1
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


def test_a_refused_save_inside_a_callers_transaction_leaves_nothing_and_the_transaction_usable(edu, users):
    """save_unit, Unit.save and TrackedModel.save share save_unit's one savepoint: a conflict or a refusal after the
    save undoes the save and its audit entry, and a caller that catches it inside its own transaction goes on."""
    clerk = users["luru"]
    entries = AuditLogEntry.objects.filter(model="unit", object_id=str(edu.pk))
    before = entries.count()
    stale = Unit.objects.get(pk=edu.pk)
    with acting_as(clerk), transaction.atomic():
        stale.note = "冲突的保存"
        with pytest.raises(ConcurrentEditError):
            save_unit(stale, acting_user=clerk, expected_version=stale.row_version + 5)
        # refused after the save: moved out of the clerk's scope (the scope check after the save)
        outside = Unit.objects.exclude(pk__in=allowed_units(clerk, "change").values("pk")).filter(
            parent__isnull=True).order_by("pk").first()
        moved = Unit.objects.get(pk=edu.pk)
        moved.parent_id, moved.parent_relation_id, moved.note = outside.pk, edu.parent_relation_id, "移出范围"
        if moved.parent_relation_id is None:
            moved.parent_relation = RelationType.objects.order_by("pk").first()
        with pytest.raises(ValidationError):
            save_unit(moved, acting_user=clerk, expected_version=moved.row_version)
        assert Unit.objects.filter(pk=edu.pk).values_list("note", "row_version", "tree_path").get() == (
            edu.note, edu.row_version, edu.tree_path)  # the transaction still answers: nothing of either save
        assert entries.count() == before
        fresh = Unit.objects.get(pk=edu.pk)
        fresh.note = "之后的保存"
        save_unit(fresh, acting_user=clerk, expected_version=fresh.row_version)
    assert Unit.objects.get(pk=edu.pk).note == "之后的保存" and entries.count() == before + 1


def test_a_stale_if_match_is_still_409_and_writes_no_audit_entry(edu, client_for):
    client = client_for("luru")
    url = f"/api/v1/units/{edu.pk}/"
    unit = client.get(url).json()
    entries = AuditLogEntry.objects.filter(model="unit", object_id=str(edu.pk))
    before = entries.count()
    ok = client.patch(url, {"note": "第一"}, content_type="application/json", HTTP_IF_MATCH=str(unit["row_version"]))
    assert ok.status_code == 200 and entries.count() == before + 1
    late = client.patch(url, {"note": "第二"}, content_type="application/json", HTTP_IF_MATCH=str(unit["row_version"]))
    assert late.status_code == 409 and entries.count() == before + 1
    assert Unit.objects.get(pk=edu.pk).note == "第一"


def test_a_save_is_sealed_into_the_audit_chain(edu, client_for):
    """The seal's head read is the head update's RETURNING: the chain still verifies after API saves."""
    client = client_for("luru")
    url = f"/api/v1/units/{edu.pk}/"
    for n in range(3):
        version = client.get(url).json()["row_version"]
        assert client.patch(url, {"note": f"计数{n}"}, content_type="application/json",
                            HTTP_IF_MATCH=str(version)).status_code == 200
    seal_pending()  # in the test's transaction on_commit never runs: seal as the callback would
    assert not AuditLogEntry.objects.filter(seq__isnull=True).exists()
    assert verify() == []


def test_one_units_relations_answer_further_queries_too(edu):
    """show_relations_of keeps them as a prefetch does: `.all()` answers from them without a query, a further
    filter still asks the database about this unit only."""
    Plaque.objects.create(unit=edu, name="测试牌子甲", start_date=datetime.date(2001, 1, 1))
    InternalBody.objects.create(unit=edu, name="待批准的科室", pending=True)
    unit = Unit.objects.get(pk=edu.pk)
    UnitViewSet.show_relations_of(unit)
    with CaptureQueriesContext(connection) as asked:
        plaques, bodies = list(unit.plaques.all()), list(unit.internal_bodies.all())
        assert all(p.unit is unit for p in plaques)
    assert len(asked.captured_queries) == 0
    assert [p.pk for p in plaques] == list(Plaque.objects.filter(unit=edu).order_by("start_date", "id")
                                           .values_list("pk", flat=True))
    assert "待批准的科室" not in [b.name for b in bodies]
    assert [b.pk for b in bodies] == list(InternalBody.objects.established().filter(unit=edu).order_by(
        "sort_order", "id").values_list("pk", flat=True))
    assert list(unit.plaques.filter(name="测试牌子甲").values_list("unit_id", flat=True)) == [edu.pk]


def test_a_short_page_is_counted_without_a_count_query_and_a_full_one_with_it(edu, client_for):
    client = client_for("luru")
    client.get("/api/v1/power-items/")
    with CaptureQueriesContext(connection) as everything:
        whole = client.get("/api/v1/power-items/?limit=1000").json()
    total = len(whole["results"])
    assert total > 2 and whole["count"] == total and whole["next"] is None
    assert not any("COUNT(" in q["sql"] for q in everything.captured_queries)
    with CaptureQueriesContext(connection) as first:
        page = client.get("/api/v1/power-items/?limit=2").json()
    assert page["count"] == total and len(page["results"]) == 2 and page["next"]
    assert any("COUNT(" in q["sql"] for q in first.captured_queries)  # a full page: counted
    last = client.get(f"/api/v1/power-items/?limit=2&offset={total - 1}").json()
    assert last["count"] == total and len(last["results"]) == 1 and last["next"] is None
    past = client.get(f"/api/v1/power-items/?limit=2&offset={total + 5}").json()
    assert past["count"] == total and past["results"] == []


@pytest.mark.parametrize("username", ["luru", "admin", "jiaoyu", "youjiang", "shenhe", "anquan"])
@pytest.mark.parametrize("action", ["view", "change"])
def test_the_scoped_unit_read_is_the_statement_restrict_sends(edu, users, username, action):
    """UnitViewSet.get_object reads one unit with SCOPED_UNIT (compiled once per shape of the scope): the same SQL
    and parameters as `restrict(user, action).get(pk=…)`, the same unit with its region and relation type, and
    nothing for a unit out of scope."""
    from bianzhi.accounts.scope import unit_scope_q
    from bianzhi.registry.api.views import SCOPED_UNIT

    user = users[username]
    inside = list(allowed_units(user, action).order_by("pk").values_list("pk", flat=True))
    outside = Unit.objects.exclude(pk__in=inside).order_by("pk").values_list("pk", flat=True).first()
    for pk in [p for p in (inside[:1] + inside[-1:] + [outside]) if p is not None]:
        with CaptureQueriesContext(connection) as orm:
            expected = list(UnitViewSet.queryset.restrict(user, action).filter(pk=pk).order_by()[:21])
        with CaptureQueriesContext(connection) as compiled:
            found = SCOPED_UNIT.objects(connection.alias, unit_scope_q(user, action), pk)
        if found is None:  # a scope that cannot be compiled so (an administrator's empty condition compiles)
            assert username not in ("luru", "admin")
            continue
        assert [q["sql"] for q in compiled.captured_queries][-1] == orm.captured_queries[-1]["sql"]
        assert [u.pk for u in found] == [u.pk for u in expected] == ([pk] if pk in inside else [])
        with CaptureQueriesContext(connection) as related:
            assert [(u.region.code, u.parent_relation and u.parent_relation.code, u.note, u.row_version, u.tree_path)
                    for u in found] == [(u.region.code, u.parent_relation and u.parent_relation.code, u.note,
                                         u.row_version, u.tree_path) for u in expected]
        assert not related.captured_queries  # region and relation type came with the unit


def test_a_condition_of_another_shape_compiles_again_and_one_it_cannot_hold_is_refused(edu):
    """core.precompiled.PrecompiledWithCondition: a scope with two roots is not answered with one root's statement;
    an empty list (no unit at all) or an expression is left to the ORM (None)."""
    from django.db.models import Exists, OuterRef, Q

    from bianzhi.registry.api.views import SCOPED_UNIT

    other = Unit.objects.exclude(tree_path__startswith=edu.tree_path).order_by("pk").first()
    one = Q(tree_path__startswith=edu.tree_path)
    two = Q(tree_path__startswith=edu.tree_path) | Q(tree_path__startswith=other.tree_path)
    assert [u.pk for u in SCOPED_UNIT.objects(connection.alias, one, edu.pk)] == [edu.pk]
    assert SCOPED_UNIT.objects(connection.alias, one, other.pk) == []
    assert [u.pk for u in SCOPED_UNIT.objects(connection.alias, two, other.pk)] == [other.pk]
    assert [u.pk for u in SCOPED_UNIT.objects(connection.alias, Q(pk__in=[other.pk, edu.pk]), edu.pk)] == [edu.pk]
    assert SCOPED_UNIT.objects(connection.alias, Q(pk__in=[]), edu.pk) is None
    exists = Q(Exists(Unit.objects.filter(parent=OuterRef("pk"))))
    assert SCOPED_UNIT.objects(connection.alias, exists, edu.pk) is None
    # a path with LIKE's special characters is escaped as the ORM escapes it: no unit's path starts with it
    assert SCOPED_UNIT.objects(connection.alias, Q(tree_path__startswith="%"), edu.pk) == []
