"""A versioned save (TrackedModel.save with expected_version, save_unit) reads the stored row once under its lock and
writes only the changed columns, with the version in the UPDATE's condition (issue 14 item 3): the rules stay —
a stale version is refused and writes nothing, the audit entry's before- and after-images are whole rows, the scope
is checked after the save, and the audit entry is the row the ORM would have written."""
import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.audit import record, snapshot
from bianzhi.core.context import acting_as
from bianzhi.core.models import AuditLogEntry, ConcurrentEditError, _differs
from bianzhi.core.precompiled import PrecompiledInsert, stored_row
from bianzhi.registry.models import Unit
from bianzhi.registry.services import in_scope_after_save, save_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def edu(demo):
    return Unit.objects.get(name="百色市教育局")


def _entries(unit):
    return AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk))


def test_only_the_changed_columns_are_written_and_the_audit_images_are_whole_rows(edu, users):
    stored_before = snapshot(Unit._base_manager.get(pk=edu.pk))
    unit = Unit.objects.get(pk=edu.pk)
    unit.note, unit.address = "只改两列", "百色市右江区新地址"
    with acting_as(users["luru"]), CaptureQueriesContext(connection) as saved:
        save_unit(unit, acting_user=users["luru"], expected_version=edu.row_version)
    [update] = [q["sql"] for q in saved.captured_queries if q["sql"].startswith("UPDATE")]
    written = update.split(" SET ")[1].split(" WHERE ")[0]
    assert [part.split(" = ")[0] for part in written.split(", ")] == [
        '"updated_at"', '"row_version"', '"address"', '"note"']
    assert f'"row_version" = {edu.row_version})' in update.split(" WHERE ")[1]  # the version in the condition
    stored_after = snapshot(Unit._base_manager.get(pk=edu.pk))
    assert stored_after["row_version"] == edu.row_version + 1 and stored_after["note"] == "只改两列"
    entry = _entries(edu).order_by("-id").first()
    assert entry.before == stored_before and entry.after == stored_after  # every column, not the written ones
    assert {k for k in entry.after if entry.before[k] != entry.after[k]} == {
        "note", "address", "updated_at", "row_version"}


def test_a_stale_version_is_refused_and_writes_nothing(edu, users):
    unit = Unit.objects.get(pk=edu.pk)
    unit.note = "过期的保存"
    count = _entries(edu).count()
    with acting_as(users["luru"]), pytest.raises(ConcurrentEditError):
        save_unit(unit, acting_user=users["luru"], expected_version=edu.row_version - 1)
    assert Unit._base_manager.get(pk=edu.pk).note == edu.note and _entries(edu).count() == count


def test_a_row_saved_between_the_read_and_the_write_is_not_overwritten(edu, users):
    """The version in the UPDATE's condition: a stored row read before someone else's save (what the row lock
    excludes on PostgreSQL) does not let this save through."""
    unit = Unit.objects.get(pk=edu.pk)
    with acting_as(users["luru"]), transaction.atomic():
        stored = unit.read_for_update()
        Unit._base_manager.filter(pk=edu.pk).update(note="别人的保存", row_version=edu.row_version + 1)
        unit.note = "我的保存"
        count = _entries(edu).count()
        with pytest.raises(ConcurrentEditError):
            unit.save(expected_version=edu.row_version, stored=stored)
        assert Unit._base_manager.get(pk=edu.pk).note == "别人的保存" and _entries(edu).count() == count


def test_a_save_without_a_change_still_writes_the_version_and_the_time(edu, users):
    unit = Unit.objects.get(pk=edu.pk)
    with acting_as(users["luru"]), CaptureQueriesContext(connection) as saved:
        save_unit(unit, acting_user=users["luru"], expected_version=edu.row_version)
    [update] = [q["sql"] for q in saved.captured_queries if q["sql"].startswith("UPDATE")]
    assert [p.split(" = ")[0] for p in update.split(" SET ")[1].split(" WHERE ")[0].split(", ")] == [
        '"updated_at"', '"row_version"']
    assert Unit._base_manager.get(pk=edu.pk).row_version == edu.row_version + 1


def test_a_value_of_another_type_counts_as_changed():
    assert not _differs("a", "a") and not _differs(None, None) and not _differs(3, 3)
    assert _differs(1, True) and _differs(True, 1) and _differs("2020-01-01", datetime.date(2020, 1, 1))
    assert _differs(None, "") and _differs("", None) and _differs(1.0, 1)


def test_the_locking_read_is_the_statement_select_for_update_sends(edu):
    names = [f.attname for f in Unit._meta.concrete_fields]
    with transaction.atomic():
        with CaptureQueriesContext(connection) as orm:
            expected = list(Unit._base_manager.filter(pk=edu.pk).order_by().select_for_update().values_list(*names))
        with CaptureQueriesContext(connection) as compiled:
            found = stored_row(Unit, edu.pk, lock=True)
    assert compiled.captured_queries[-1]["sql"] == orm.captured_queries[-1]["sql"]
    assert found == dict(zip(names, expected[0], strict=True)) == stored_row(Unit, edu.pk)
    assert stored_row(Unit, 10**9, lock=True) is None


def test_the_audit_entry_is_the_row_and_the_statement_the_orm_writes(edu, users):
    with acting_as(users["luru"]), CaptureQueriesContext(connection) as written:
        entry = record(edu, "update", {"note": "前"}, {"note": "后", "n": [1, 2]})
    stored = AuditLogEntry.objects.get(pk=entry.pk)
    fields = [f.attname for f in AuditLogEntry._meta.concrete_fields]
    assert [getattr(stored, f) for f in fields] == [getattr(entry, f) for f in fields]
    assert (stored.username, stored.after, stored.unit_id) == ("luru", {"note": "后", "n": [1, 2]}, edu.pk)
    with CaptureQueriesContext(connection) as orm:
        AuditLogEntry.objects.create(action="update", app_label="registry", model="unit", object_id="1",
                                     object_repr="x")
    insert = [q["sql"] for q in written.captured_queries if q["sql"].startswith("INSERT")]
    orm_insert = [q["sql"] for q in orm.captured_queries if q["sql"].startswith("INSERT")]
    assert [s.split(" VALUES ")[0] for s in insert] == [s.split(" VALUES ")[0] for s in orm_insert]
    with pytest.raises(PermissionError):
        record(edu, "update", None, None, id=entry.pk)  # an entry that has a key is never written again


def test_a_database_that_cannot_return_the_key_gets_the_models_own_insert(edu, monkeypatch):
    insert = PrecompiledInsert(AuditLogEntry)
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)  # SQLite before 3.35
    assert insert.compiled(connection.alias) is False  # no statement compiled: the model's own save instead
    if connection.vendor == "sqlite":  # there Django's own INSERT reads the key from lastrowid (PostgreSQL has none)
        entry = AuditLogEntry(action="update", app_label="registry", model="unit", object_id=str(edu.pk),
                              object_repr="x")
        insert.insert(connection.alias, entry)
        assert entry.pk is not None and not entry._state.adding
        assert AuditLogEntry.objects.filter(pk=entry.pk, action="update", object_id=str(edu.pk)).exists()


@pytest.mark.parametrize("username", ["luru", "admin", "jiaoyu", "youjiang"])
def test_the_scope_check_after_a_save_answers_as_allowed_units(edu, users, username):
    user = users[username]
    inside = list(allowed_units(user, "change").order_by("pk").values_list("pk", flat=True))
    outside = Unit.objects.exclude(pk__in=inside).order_by("pk").values_list("pk", flat=True).first()
    for pk in [p for p in (inside[:1] + inside[-1:] + [outside]) if p is not None]:
        with acting_as(user):
            assert in_scope_after_save(Unit(pk=pk), user) is (pk in inside)


def test_a_clerk_cannot_hang_a_unit_under_a_unit_outside_the_scope(edu, users, client_for):
    clerk = users["luru"]
    outside = Unit.objects.exclude(pk__in=allowed_units(clerk, "change").values("pk")).order_by("pk").first()
    client = client_for("luru")
    url = f"/api/v1/units/{edu.pk}/"
    version = client.get(url).json()["row_version"]
    refused = client.patch(url, {"parent": outside.pk}, content_type="application/json", HTTP_IF_MATCH=str(version))
    assert refused.status_code == 400 and "parent" in refused.json(), refused.content
    assert Unit._base_manager.get(pk=edu.pk).parent_id == edu.parent_id
