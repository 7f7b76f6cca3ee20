"""Precompiled statements prepared on PostgreSQL (core.precompiled.statement_cursor, ADR 0046): the same rows as the
ORM's queryset, prepared once per connection and reused, still right after a rollback (which drops psycopg's prepared
statements), logged with their values, and Django's own cursor on SQLite or with PRECOMPILED_PREPARED off."""
import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from bianzhi.core.precompiled import MARKER_ID, Precompiled, PrecompiledUpdate, statement_cursor
from bianzhi.core.tests.factories import UnitFactory
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL only")

ROWS = Precompiled(lambda pk: Unit._base_manager.filter(Q(pk=pk) | Q(parent_id=pk)).order_by("pk")
                   .values_list("pk", "name", "tree_path"), MARKER_ID)


def expected_rows(pk):
    return list(Unit._base_manager.filter(Q(pk=pk) | Q(parent_id=pk)).order_by("pk").values_list("pk", "name",
                                                                                                  "tree_path"))


def prepared_texts() -> list[bytes]:
    """The statements psycopg has prepared on this connection."""
    return [key[0] for key in connection.connection._prepared._names]


@on_postgres
def test_a_precompiled_statement_is_prepared_once_and_reused_with_each_value():
    parent = UnitFactory()
    units = [parent, UnitFactory(parent=parent), UnitFactory()]
    for _ in range(7):  # past the five custom plans after which PostgreSQL may take its generic plan
        for unit in units:
            assert ROWS.rows("default", unit.pk) == expected_rows(unit.pk)
    statement = ROWS.compiled("default")[0]
    texts = [t for t in prepared_texts() if t.startswith(statement.split(" WHERE ")[0].encode())]
    assert len(texts) == 1  # one prepared statement for every value (the values are bound, not in the text)
    assert b"$1" in texts[0] and str(units[0].pk).encode() not in texts[0].split(b"WHERE")[1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = %s", [texts[0].decode()])
        assert cursor.fetchone() == (1,)  # on the server too


@on_postgres
def test_after_a_rollback_the_statements_are_prepared_again():
    unit = UnitFactory(name="回滚前")
    assert ROWS.rows("default", unit.pk) == expected_rows(unit.pk)
    assert prepared_texts()
    with pytest.raises(RuntimeError), transaction.atomic():
        PrecompiledUpdate(lambda pk: (Unit._base_manager.filter(pk=pk), {"name": "回滚后"}), MARKER_ID).run(
            "default", unit.pk)
        assert ROWS.rows("default", unit.pk)[0][1] == "回滚后"
        raise RuntimeError
    assert ROWS.rows("default", unit.pk)[0][1] == "回滚前"  # the update undone, the read right


@on_postgres
def test_a_prepared_statement_is_logged_with_its_values():
    unit = UnitFactory()
    with CaptureQueriesContext(connection) as queries:
        ROWS.rows("default", unit.pk)
    [query] = queries.captured_queries
    assert f'"registry_unit"."id" = {unit.pk}' in query["sql"] and "$1" not in query["sql"]


@on_postgres
def test_switched_off_the_statements_go_through_djangos_cursor(settings):
    settings.PRECOMPILED_PREPARED = False
    unit = UnitFactory()
    before = set(prepared_texts()) if connection.connection is not None else set()
    assert ROWS.rows("default", unit.pk) == expected_rows(unit.pk)
    assert set(prepared_texts()) == before
    with statement_cursor("default") as cursor:
        assert type(cursor.cursor).__name__ == "Cursor" and type(cursor.cursor).__module__.startswith("django")


def test_on_sqlite_djangos_own_cursor():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite's path")
    unit = UnitFactory()
    assert ROWS.rows("default", unit.pk) == expected_rows(unit.pk)
    with statement_cursor("default") as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@on_postgres
def test_a_connection_lends_one_cursor_to_its_statements_one_block_at_a_time():
    """Each statement took a new psycopg cursor and closed it; the connection now keeps one and lends it to one
    `with statement_cursor()` block at a time — a block opened inside another gets a cursor of its own — with
    Django's error translation and the right rows either way."""
    from django.db import IntegrityError, ProgrammingError

    parent = UnitFactory()
    child = UnitFactory(parent=parent)
    with statement_cursor("default") as cursor:
        first = cursor.cursor
        cursor.execute("SELECT %s::int", [1])
        assert cursor.fetchall() == [(1,)]
    with statement_cursor("default") as cursor:
        assert cursor.cursor is first  # given back at the end of the block, lent again
        with statement_cursor("default") as inner:  # the kept one is lent: a cursor of its own
            assert inner.cursor is not first
            inner.execute("SELECT %s::int", [2])
            cursor.execute("SELECT %s::int", [3])
            assert inner.fetchone() == (2,) and cursor.fetchone() == (3,)
        assert inner.cursor.closed and not first.closed
    assert ROWS.rows("default", parent.pk) == expected_rows(parent.pk) == [
        (parent.pk, parent.name, parent.tree_path), (child.pk, child.name, child.tree_path)]
    # Django's errors, not the driver's (each in a savepoint: the error aborts it)
    with pytest.raises(ProgrammingError), transaction.atomic(), statement_cursor("default") as cursor:
        assert cursor.cursor is first
        cursor.execute("SELECT no_such_column FROM registry_unit WHERE id = %s", [parent.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        with statement_cursor("default") as cursor:
            cursor.execute("INSERT INTO registry_unit (id) VALUES (%s)", [parent.pk])
    assert ROWS.rows("default", child.pk) == expected_rows(child.pk)  # the same cursor, after the errors


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_gets_its_own_cursor():
    with statement_cursor("default") as cursor:
        cursor.execute("SELECT 1")
        old = cursor.cursor
    connection.close()
    with statement_cursor("default") as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,) and cursor.cursor is not old
