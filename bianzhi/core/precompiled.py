"""Queries asked on every request, built with the ORM once per process instead of once per request.

Building a query is most of what a small query costs the application: Django resolves the lookups, joins and
columns and compiles the SQL anew each time (the session, the user with its second-factor flag, a clerk's scope
roots: 0.4–1.9 ms of CPU each, about a third of an API request's CPU for four one-row queries). `Precompiled`
keeps the SQL the ORM compiled for the queryset once per database alias and runs it with the request's values:
the same statement the ORM would send, so the same rows.

How the values are found in the compiled parameters: `build(*markers)` builds the queryset with marker values
(values no request sends); every parameter equal to a marker (and of its type or a subtype) is replaced by the request's
value (each place, when the query uses it more than once). A marker missing from the parameters (the ORM folded
it into the SQL) is refused when the query is first compiled (ValueError), not answered wrongly.
"""
import datetime
import weakref

from django.db import connections
from django.db.models import sql

# Every precompiled query of the process (made at module level, or once per model), for `compile_all`; weak, so a
# query made for a moment (a test's) is not kept alive.
REGISTERED: "weakref.WeakSet[Precompiled]" = weakref.WeakSet()


def compile_all(using: str) -> int:
    """Compile every registered query for the database alias `using` now (a web process's warm-up, before its first
    request): building SQL only, nothing is sent to the database. Returns how many there are."""
    queries = list(REGISTERED)
    for query in queries:
        query.compiled(using)
    return len(queries)


class Precompiled:
    """`Precompiled(build, markers)`; `rows(using, *values)` runs the query with `values` in the markers' places
    and returns its rows (tuples, in the order of the queryset's columns: use `values_list`)."""

    def __init__(self, build, *markers):
        self.build, self.markers = build, markers
        self._compiled: dict[str, tuple] = {}
        REGISTERED.add(self)

    def compiled(self, using: str) -> tuple:
        found = self._compiled.get(using)
        if found is None:
            queryset = self.build(*self.markers)
            compiler = queryset.query.get_compiler(using)
            statement, params = compiler.as_sql()
            params = list(params)
            # the ORM's own conversions of the columns it reads (a time from SQLite's text, a boolean from 0/1)
            converters = list(compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]]).items())
            slots = _slots(using, self.markers, statement, params)
            found = self._compiled[using] = (statement, params, slots, converters)
        return found

    def rows(self, using: str, *values) -> list[tuple]:
        statement, params, slots, converters = self.compiled(using)
        params = _bind(using, params, slots, values)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted


class PrecompiledModels(Precompiled):
    """A query of one model's rows compiled once: `build(*markers)` returns a queryset of that model's instances
    (no `select_related`, annotations, `values` or deferred columns: refused when compiling); `objects(using,
    *values)` returns the instances as the ORM would load them (`Model.from_db`, the ORM's converters)."""

    def __init__(self, build, *markers):
        super().__init__(build, *markers)
        self._names: dict[str, tuple] = {}

    def compiled(self, using: str) -> tuple:
        found = self._compiled.get(using)
        if found is None:
            queryset = self.build(*self.markers)
            compiler = queryset.query.get_compiler(using)
            statement, params = compiler.as_sql()
            info = compiler.klass_info
            model = queryset.model
            if (info is None or info.get("related_klass_infos") or compiler.annotation_col_map
                    or len(compiler.select) != len(model._meta.concrete_fields) or queryset._fields is not None):
                raise ValueError(f"not a plain query of whole {model.__name__} rows: {statement}")
            names = [column[0].target.attname for column in compiler.select]
            params = list(params)
            converters = list(compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]]).items())
            slots = _slots(using, self.markers, statement, params)
            self._names[using] = (model, names)  # before the compiled query is seen by another thread
            found = self._compiled[using] = (statement, params, slots, converters)
        return found

    def objects(self, using: str, *values) -> list:
        rows = self.rows(using, *values)
        model, names = self._names[using]
        return [model.from_db(using, names, row) for row in rows]


class PrecompiledUpdate(Precompiled):
    """An UPDATE compiled once: `build(*markers)` returns (queryset, {field: value}) as for `queryset.update(...)`;
    `run(using, *values)` runs it and returns the number of rows changed. Only for a plain UPDATE of one table
    (no related updates): the queryset's own `update()` checks (a lock, an append-only log) are the caller's."""

    def compiled(self, using: str) -> tuple:
        found = self._compiled.get(using)
        if found is None:
            queryset, changes = self.build(*self.markers)
            query = queryset.query.chain(sql.UpdateQuery)
            query.add_update_values(changes)
            if query.related_updates:
                raise ValueError("an update of several tables is not precompiled")
            compiler = query.get_compiler(using)
            statement, params = compiler.as_sql()
            params = list(params)
            slots = _slots(using, self.markers, statement, params)
            found = self._compiled[using] = (statement, params, slots, [])
        return found

    def run(self, using: str, *values) -> int:
        statement, params, slots, _ = self.compiled(using)
        params = _bind(using, params, slots, values)
        with connections[using].cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount

    def returning(self, using: str, columns: tuple[str, ...], *values) -> list[tuple]:
        """Run the update and return the changed rows' `columns` as they are after it (`UPDATE … RETURNING`,
        PostgreSQL and SQLite ≥ 3.35): the write and the read of the same rows in one statement, the write (and
        so the row lock) first. Plain columns of the updated table only; no conversion (ints and text)."""
        statement, params, slots, _ = self.compiled(using)
        params = _bind(using, params, slots, values)
        connection = connections[using]
        statement = f"{statement} RETURNING {', '.join(connection.ops.quote_name(c) for c in columns)}"
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall()


def _slots(using: str, markers, statement: str, params: list) -> list[list[int]]:
    """Where each marker stands among the compiled parameters (each place, when the query uses it more than once)."""
    slots = []
    for marker in markers:
        sent = _adapt(using, marker)
        at = [i for i, p in enumerate(params) if isinstance(p, type(sent)) and p == sent]
        if not at:
            raise ValueError(f"marker {marker!r} is not among the parameters: {statement}")
        slots.append(at)
    return slots


def _bind(using: str, params: list, slots: list[list[int]], values) -> list:
    """The compiled parameters with the request's values in the markers' places."""
    params = list(params)
    for at, value in zip(slots, values, strict=True):
        value = _adapt(using, value)
        for slot in at:
            # the driver's type the ORM chose (psycopg's Int8 for a big integer column), for the new value too
            kind = type(params[slot])
            params[slot] = value if value is None or type(value) is kind else kind(value)
    return params


def _adapt(using: str, value):
    """A value as the ORM passes it to the database driver (a time is a string on SQLite)."""
    if isinstance(value, datetime.datetime):
        return connections[using].ops.adapt_datetimefield_value(value)
    return value


# Marker values: no request sends them (ids are positive; the time is far in the past, before any session).
MARKER_ID = -730_114_129
MARKER_ID_2 = -730_114_130
MARKER_TEXT = "\x00precompiled-marker\x00"
MARKER_TEXT_2 = "\x00precompiled-marker-2\x00"
MARKER_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=datetime.UTC)
