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
