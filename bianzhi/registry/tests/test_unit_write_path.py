"""The unit PATCH's write path (issue 14 item 3, ADR 0045): the audit entries sealed as the save's transaction's
last statements, the seal's writes folded into one statement on PostgreSQL, the parent's path taken from the row
already read, the UPDATE built once per set of columns — with every rule kept: If-Match / 409, no lost update, the
whole before- and after-images, a chain that verifies after concurrent saves."""
import re
import threading

import pytest
from django.db import close_old_connections, connection, connections, transaction
from django.db.models import sql
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bianzhi.core import audit_chain
from bianzhi.core.audit import record_event, snapshot
from bianzhi.core.audit_chain import seal_pending, verify
from bianzhi.core.context import acting_as
from bianzhi.core.models import AuditLogEntry
from bianzhi.core.precompiled import _VERSIONED_UPDATES
from bianzhi.registry.api.serializers import UnitSerializer
from bianzhi.registry.models import Unit
from bianzhi.registry.services import save_unit


@pytest.fixture
def edu(demo):
    return Unit.objects.get(name="百色市教育局")


def unit_entries(unit):
    return AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk)).order_by("id")


@pytest.mark.django_db(transaction=True)
def test_a_patch_seals_its_entry_inside_its_transaction_in_few_statements(demo, client_for, users):
    from bianzhi.accounts.scope import allowed_units

    # a unit with a 主管部门: its save needs the parent's path (taken from the unit's own row, not read again)
    edu = allowed_units(users["luru"], "change").filter(parent__isnull=False).order_by("pk").first()
    client = client_for("luru")
    url = f"/api/v1/units/{edu.pk}/"
    client.get(url)  # the first request of a process compiles the per-request queries
    unit = client.get(url).json()
    stored_before = snapshot(Unit._base_manager.get(pk=edu.pk))
    with CaptureQueriesContext(connection) as save:
        response = client.patch(url, {"note": "封存于事务内"}, content_type="application/json",
                                HTTP_IF_MATCH=str(unit["row_version"]))
    assert response.status_code == 200 and response.json()["row_version"] == unit["row_version"] + 1
    statements = [q["sql"] for q in save.captured_queries]
    text = "\n".join(s[:160] for s in statements)
    # session, user, scope roots, the unit, BEGIN, the stored row (locked), the lock check, the UPDATE, the audit
    # INSERT, the scope check, the seal (head, pending entries, the entries' seals and the head's advance: one
    # statement on PostgreSQL, two on SQLite), COMMIT, plaques, internal bodies: 16 / 17 (20 before, 14 without the
    # seal); no parent's path (the row gives it), no transaction of the seal's own
    assert len(statements) <= (16 if connection.vendor == "postgresql" else 17), text
    assert not any(re.fullmatch(r'SELECT "registry_unit"."tree_path" AS "tree_path" FROM "registry_unit" WHERE '
                                r'"registry_unit"."id" = \d+', s) for s in statements), text
    assert sum(s.startswith("COMMIT") for s in statements) == 1, text
    commit = next(i for i, s in enumerate(statements) if s.startswith("COMMIT"))
    assert all("core_audit" not in s for s in statements[commit:]), text  # sealed before the commit
    # the entry: sealed, whole images of the row before and after, the chain verifies
    entry = unit_entries(edu).last()
    assert entry.seq is not None and entry.entry_hash.startswith("sm3:")
    stored_after = snapshot(Unit._base_manager.get(pk=edu.pk))
    assert entry.before == stored_before and entry.after == stored_after
    assert set(entry.before) == {f.attname if f.many_to_one else f.name for f in Unit._meta.concrete_fields}
    assert entry.before["note"] != "封存于事务内" and entry.after["note"] == "封存于事务内"
    assert entry.after["row_version"] == entry.before["row_version"] + 1
    assert not AuditLogEntry.objects.filter(seq__isnull=True).exists() and verify() == []


@pytest.mark.django_db(transaction=True)
def test_a_stale_if_match_is_409_in_chinese_and_leaves_the_chain_whole(demo, client_for):
    edu = Unit.objects.get(name="百色市教育局")
    client = client_for("luru")
    url = f"/api/v1/units/{edu.pk}/"
    version = client.get(url).json()["row_version"]
    assert client.patch(url, {"note": "先到"}, content_type="application/json",
                        HTTP_IF_MATCH=str(version)).status_code == 200
    count = unit_entries(edu).count()
    late = client.patch(url, {"note": "后到"}, content_type="application/json", HTTP_IF_MATCH=str(version))
    assert late.status_code == 409 and "该记录已被其他用户修改" in late.json()["detail"]
    assert unit_entries(edu).count() == count and Unit.objects.get(pk=edu.pk).note == "先到"
    assert not AuditLogEntry.objects.filter(seq__isnull=True).exists() and verify() == []


@pytest.mark.django_db(transaction=True)
def test_a_save_inside_a_callers_transaction_is_sealed_after_that_commits(demo, users):
    """Not the outermost block: the seal waits for the caller's commit (the head's lock is never held while the
    caller goes on), as every other write's."""
    edu = Unit.objects.get(name="百色市教育局")
    with acting_as(users["luru"]), transaction.atomic():
        edu.note = "外层事务"
        save_unit(edu, acting_user=users["luru"], expected_version=edu.row_version)
        assert unit_entries(edu).last().seq is None
        record_event("export", user=users["luru"], detail={"what": "外层事务的另一条"})
    assert unit_entries(edu).last().seq is not None
    assert not AuditLogEntry.objects.filter(seq__isnull=True).exists() and verify() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_patches_lose_nothing_and_the_chain_verifies():
    """Threads, each with its own connection, PATCH the same unit and units of their own with If-Match: every 200 is
    one entry, no update is lost, every conflict is a 409 that wrote nothing, and the chain verifies."""
    if connection.vendor != "postgresql":
        pytest.skip("threads with their own connections need a server database (SQLite's test database is one "
                    "in-memory connection)")
    from bianzhi.accounts.models import User
    from bianzhi.accounts.scope import allowed_units
    from conftest import _load_demo

    if not User.objects.filter(username="luru").exists():
        _load_demo()
    clerk_user = User.objects.get(username="luru")
    units = list(allowed_units(clerk_user, "change").order_by("pk").values_list("pk", flat=True)[:4])
    shared = units[0]
    entries_before = AuditLogEntry.objects.filter(model="unit").count()
    results: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def clerk(unit_id: int, rounds: int):
        try:
            client = Client()
            client.force_login(clerk_user)
            url = f"/api/v1/units/{unit_id}/"
            for _ in range(rounds):
                unit = client.get(url).json()
                response = client.patch(url, {"note": str(int(unit["note"] or 0) + 1)},
                                        content_type="application/json", HTTP_IF_MATCH=str(unit["row_version"]))
                with lock:
                    results.append((unit_id, response.status_code))
        except BaseException as exc:  # noqa: BLE001 — reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    Unit.objects.filter(pk__in=units).update(note="0")
    threads = [threading.Thread(target=clerk, args=(shared, 6)) for _ in range(4)]
    threads += [threading.Thread(target=clerk, args=(pk, 6)) for pk in units[1:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    close_old_connections()
    assert not errors, errors
    assert {status for _, status in results} <= {200, 409}, results
    saved = {pk: sum(1 for u, s in results if u == pk and s == 200) for pk in units}
    for pk in units:
        assert int(Unit.objects.get(pk=pk).note) == saved[pk]  # each success wrote the value it read + 1
    assert saved[shared] >= 1 and all(saved[pk] == 6 for pk in units[1:])
    assert AuditLogEntry.objects.filter(model="unit").count() - entries_before == sum(saved.values())
    assert not AuditLogEntry.objects.filter(seq__isnull=True).exists()
    assert verify() == []


def test_a_parent_move_and_a_cycle_are_still_read_from_the_new_parent(db, demo, api_for):
    """The parent's path is taken from the unit's own row only while the parent stays; a new parent is read."""
    edu = Unit.objects.get(name="百色市教育局")
    child = Unit.objects.filter(parent=edu).order_by("pk").first()
    api = api_for("admin")
    cycle = api.patch(f"/api/v1/units/{edu.pk}/", {"parent": child.pk, "parent_relation": "subordinate"}, format="json",
                      HTTP_IF_MATCH=str(edu.row_version))
    assert cycle.status_code == 400 and "循环" in str(cycle.json()), cycle.content
    other = Unit.objects.filter(parent__isnull=True).exclude(pk=edu.pk).order_by("pk").first()
    moved = api.patch(f"/api/v1/units/{child.pk}/", {"parent": other.pk}, format="json",
                      HTTP_IF_MATCH=str(child.row_version))
    assert moved.status_code == 200, moved.content
    assert Unit.objects.get(pk=child.pk).tree_path == f"{other.tree_path}{child.pk}/"
    kept = Unit.objects.get(pk=child.pk)
    kept.keep_parent_path(kept.parent_id, kept.tree_path)
    assert kept.parent_tree_path() == other.tree_path
    kept.keep_parent_path(None, kept.tree_path)  # a top-level row states no parent's path
    kept.parent_id = edu.pk
    assert kept.parent_tree_path() == edu.tree_path


def test_the_versioned_update_is_the_statement_the_orm_compiles(db, demo, users):
    from bianzhi.registry.models import RelationType

    unit = Unit.objects.filter(parent__isnull=False).order_by("pk").first()
    other_type = RelationType.objects.exclude(pk=unit.parent_relation_id).order_by("pk").first()
    with acting_as(users["admin"]):
        unit.note, unit.short_name, unit.parent_relation = "按列更新", "按列", other_type
        unit.save(expected_version=unit.row_version)
    [(key, statement)] = [(k, s) for k, s in _VERSIONED_UPDATES.items()
                          if k[1] is Unit and {"note", "short_name", "parent_relation_id"} <= set(k[2])]
    fields = [next(f for f in Unit._meta.concrete_fields if f.column == column) for column in key[2]]
    query = Unit._base_manager.filter(pk=unit.pk, row_version=7).query.chain(sql.UpdateQuery)
    query.add_update_fields([(f, None, getattr(unit, f.attname)) for f in fields])
    orm_statement, _ = query.get_compiler("default").as_sql()
    assert statement == orm_statement
    stored = Unit._base_manager.get(pk=unit.pk)
    assert (stored.note, stored.short_name, stored.parent_relation_id) == ("按列更新", "按列", other_type.pk)


def test_the_seals_of_many_pending_entries_chain_in_batches(db, demo, users, monkeypatch):
    monkeypatch.setattr(audit_chain, "SEAL_BATCH", 2)
    seal_pending()
    with acting_as(users["admin"]):
        made = [record_event("export", user=users["admin"], detail={"n": n}) for n in range(5)]
    assert seal_pending() == 5
    sealed = list(AuditLogEntry.objects.filter(pk__in=[e.pk for e in made]).order_by("id").values_list("seq", flat=True))
    assert sealed == list(range(sealed[0], sealed[0] + 5)) and verify() == []


def test_unit_serializer_validators_as_derived():
    """UnitSerializer declares the validators ModelSerializer would derive from the model on every write: none.
    A unique_together, UniqueConstraint or unique_for_date added to Unit fails this (then declare them)."""
    serializer = UnitSerializer()
    assert serializer.get_validators() == []
    assert serializer.get_unique_together_validators() + serializer.get_unique_for_date_validators() == []


@pytest.mark.django_db
def test_a_patch_answers_through_the_read_plan_with_the_serializers_bytes(demo, client_for, monkeypatch):
    """The PATCH's answer is the saved unit as a GET shows it (`read_representation`), the serializer not rebound
    for output: the same bytes as DRF's serializer gives for the stored unit with its plaques and bodies."""
    from rest_framework.renderers import JSONRenderer

    from bianzhi.registry.api.views import UnitViewSet

    edu = Unit.objects.get(name="百色市教育局")
    client = client_for("luru")
    url = f"/api/v1/units/{edu.pk}/"
    version = client.get(url).json()["row_version"]
    represented = []
    original = UnitSerializer.to_representation
    monkeypatch.setattr(UnitSerializer, "to_representation",
                        lambda self, instance: represented.append(instance) or original(self, instance))
    response = client.patch(url, {"note": "读取计划"}, content_type="application/json", HTTP_IF_MATCH=str(version))
    assert response.status_code == 200 and represented == []
    stored = UnitViewSet.queryset.prefetch_related(*UnitViewSet.shown_relations()).get(pk=edu.pk)
    monkeypatch.undo()
    assert response.content == JSONRenderer().render(UnitSerializer(stored).data)
    assert response.json()["note"] == "读取计划" and response.json()["row_version"] == version + 1
    assert response.content == client.get(url).content
    # DRF's browsable page keeps the serializer (its forms read it)
    version = response.json()["row_version"]
    page = client.patch(url, {"note": "页面"}, content_type="application/json", HTTP_IF_MATCH=str(version),
                        HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and "页面" in page.content.decode()
