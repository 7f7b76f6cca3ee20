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

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Q, sql
from django.db.models.query import get_related_populators

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
            found = self._compiled[using] = (self.finish(using, statement), params, slots, converters)
        return found

    def finish(self, using: str, statement: str) -> str:
        """The statement as it is kept and sent (a subclass adds a clause the ORM compiles only inside a
        transaction)."""
        return statement

    def rows(self, using: str, *values) -> list[tuple]:
        statement, params, slots, converters = self.compiled(using)
        return _fetch(using, statement, _bind(using, params, slots, values), converters)


class PrecompiledForUpdate(Precompiled):
    """A SELECT of one table's rows that locks them (PostgreSQL's `FOR UPDATE`, as `select_for_update()` compiles
    it for a query without joins; nothing on SQLite, whose write lock is the whole database): `build` returns the
    queryset without `select_for_update()` (the ORM compiles that only inside a transaction; this is compiled
    ahead, e.g. by a warm-up). Run `rows` inside a transaction."""

    def finish(self, using: str, statement: str) -> str:
        connection = connections[using]
        if " JOIN " in statement:
            raise ValueError(f"a locking read of one table only: {statement}")
        return f"{statement} {connection.ops.for_update_sql()}" if connection.features.has_select_for_update \
            else statement



class PrecompiledBeside:
    """Several precompiled queries in one statement, one round trip where there were several: `rows(using, values
    of the first, values of the second, …)` returns each row of the joined answer as a tuple of parts, one a query,
    each part that query's columns or None where it found no row — `SELECT * FROM (first) AS q0 LEFT JOIN (second)
    AS q1 ON 1 = 1 LEFT JOIN …`, each part the statement its own `rows` sends, with its own parameters and the ORM's
    converters. No row when the first finds none; the first and every query but the last must find at most one row
    (a key's), the last may find several (the others' columns repeated on each) — or the last few, each read back
    as a set: the rows are then the product of theirs. A query whose columns can all be NULL in a row it finds is
    not for this (its part would be read as no row)."""

    def __init__(self, *queries: Precompiled):
        self.queries = queries
        self._compiled: dict[str, tuple] = {}

    def compiled(self, using: str) -> tuple:
        found = self._compiled.get(using)
        if found is None:
            parts = [query.compiled(using) for query in self.queries]
            bounds, start = [], 0
            for query in self.queries:
                compiler = query.build(*query.markers).query.get_compiler(using)
                compiler.as_sql()
                bounds.append((start, start + compiler.col_count))
                start += compiler.col_count
            statement = " LEFT JOIN ".join(f"({part[0]}) AS q{n}" + (" ON 1 = 1" if n else "")
                                           for n, part in enumerate(parts))
            converters = [[(position + begin, c) for position, c in part[3]]
                          for part, (begin, _) in zip(parts, bounds, strict=True)]
            found = self._compiled[using] = (f"SELECT * FROM {statement}", parts, bounds, converters)
        return found

    def rows(self, using: str, *values: tuple) -> list[tuple]:
        statement, parts, bounds, converters = self.compiled(using)
        params = [p for part, part_values in zip(parts, values, strict=True)
                  for p in _bind(using, part[1], part[2], part_values)]
        answer = []
        for row in _fetch(using, statement, params, []):
            found = []
            for (begin, end), part_converters in zip(bounds, converters, strict=True):
                columns = row[begin:end]
                # a missing row's NULLs are not converted (a converter may not take None)
                found.append(None if all(v is None for v in columns)
                             else _convert(connections[using], row, part_converters)[begin:end])
            answer.append(tuple(found))
        return answer


# Statements run often and always with the same text — the precompiled ones — are prepared on PostgreSQL: parsed,
# analysed and (once PostgreSQL finds a generic plan as good as its custom ones, after five runs) planned once per
# connection instead of once per run (ADR 0046). Parsing and planning were most of the database's CPU for these
# statements: the session, user and scope read 1.7 ms of PostgreSQL CPU run as text, 0.27 ms prepared (bench/README.md).
# Django's own cursors bind client-side and never prepare (its `prepare_threshold` is None, which psycopg also
# takes as "never" for a statement asked to be prepared): these cursors bind server-side, each statement prepared
# the first time it is run on the connection (psycopg keeps the connection's last 100; a ROLLBACK drops them all).
# Off with PRECOMPILED_PREPARED = False (e.g. behind a pooler that cannot keep prepared statements).
_PREPARED_CURSOR_CLASSES = None


def statement_cursor(using: str):
    """A cursor of Django's connection `using` (its debug and execute wrappers, its error translation) for a
    statement of fixed text and %s parameters: on PostgreSQL prepared on the connection the first time it runs
    (server-side binding), elsewhere Django's own cursor."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not getattr(settings, "PRECOMPILED_PREPARED", True):
        return connection.cursor()
    global _PREPARED_CURSOR_CLASSES
    if _PREPARED_CURSOR_CLASSES is None:
        _PREPARED_CURSOR_CLASSES = _prepared_cursor_classes()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:  # Django's "never"; these cursors ask for each statement, the others never do
        raw.prepare_threshold = 1 << 30
    logged = connection.queries_logged
    kept = connection.__dict__.get("_statement_cursors")
    if kept is None or kept[0] is not raw:  # a new connection: its own cursors
        kept = connection._statement_cursors = [raw, None, None]
    cursor = kept[1 + logged]
    with connection.wrap_database_errors:
        if cursor is None:
            cursor = kept[1 + logged] = _PREPARED_CURSOR_CLASSES[logged](raw)
            cursor.kept = True
        elif cursor.in_use:  # a statement run while another one's cursor is open: a cursor of its own
            cursor = _PREPARED_CURSOR_CLASSES[logged](raw)
        cursor.in_use = cursor.kept
        if logged or connection.execute_wrappers:
            return connection._prepare_cursor(cursor)
        connection.validate_thread_sharing()
        return _StatementCursor(connection, cursor)


class _StatementCursor:
    """What Django's cursor wrapper does for `execute`, `fetchall` and `fetchone` of a connection that logs no query
    and has no execute wrapper (else Django's own wrapper is used): the broken-transaction check, then the driver's
    call with its errors translated into Django's. Without the wrapper's attribute lookups through `__getattr__` and
    its two nested calls a statement."""

    __slots__ = ("db", "cursor")

    def __init__(self, db, cursor):
        self.db, self.cursor = db, cursor

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cursor.close()  # the connection's own cursor: given back

    def execute(self, sql, params=None):
        self.db.validate_no_broken_transaction()
        with self.db.wrap_database_errors:
            return self.cursor.execute(sql, params)

    def fetchall(self):
        with self.db.wrap_database_errors:
            return self.cursor.fetchall()

    def fetchone(self):
        with self.db.wrap_database_errors:
            return self.cursor.fetchone()

    @property
    def rowcount(self):
        return self.cursor.rowcount


# Each statement took a new psycopg cursor (its adapters copied from the connection's) and closed it: ~40 % of a
# small prepared statement's CPU in the application (bench/README.md, session 14). A connection keeps one cursor for
# these statements and lends it to one `with statement_cursor(…)` block at a time: closing it at the end of the block
# gives it back (its results are dropped by the next statement's execute); a block opened inside another gets a
# cursor of its own, closed as before. Prepared statements belong to the connection, not to a cursor, either way.
def _prepared_cursor_classes() -> dict:
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        kept = False  # the connection's own, lent to one block at a time
        in_use = False

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

        def close(self):
            if self.kept:
                self.in_use = False
            else:
                super().close()

    class LoggedText:
        def __init__(self, text: bytes):
            self.query = text

    class LoggedPreparedCursor(PreparedCursor):
        """For a connection that logs its queries (DEBUG, a test's query capture): the statement with its values
        as the log shows Django's own statements (a prepared run leaves psycopg no text of its own)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            try:
                return super().execute(query, params, prepare=prepare, binary=binary)
            finally:
                text = psycopg.ClientCursor(self.connection).mogrify(query, params)
                self._query = LoggedText(text.encode())

    return {False: PreparedCursor, True: LoggedPreparedCursor}


def _convert(connection, row: tuple, converters: list) -> tuple:
    """One row through the ORM's converters (a time from SQLite's text, a boolean from 0/1)."""
    if not converters:
        return row
    row = list(row)
    for position, (functions, expression) in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)


_STORED_ROWS: dict = {}


def stored_row(model, pk: int, *, lock: bool = False) -> dict | None:
    """The stored row of `model` with this (integer) key as {attname: value} of every concrete column (the ORM's
    converters), or None when there is none; `lock`: read under the row's lock (inside a transaction). One query
    compiled once per model and process."""
    query = _STORED_ROWS.get((model, lock))
    if query is None:
        names = [f.attname for f in model._meta.concrete_fields]
        kind = PrecompiledForUpdate if lock else Precompiled
        query = kind(lambda key: model._base_manager.filter(pk=key).order_by().values_list(*names), MARKER_ID)
        query.names = names
        _STORED_ROWS[(model, lock)] = query  # with its names, before another thread finds it
    rows = query.rows((router.db_for_write if lock else router.db_for_read)(model), pk)
    return dict(zip(query.names, rows[0], strict=True)) if rows else None


def _fetch(using: str, statement: str, params: list, converters: list) -> list[tuple]:
    """The rows of a compiled statement, each column through the ORM's own converters (a time from SQLite's text, a
    boolean from 0/1) where the compiler named any."""
    with statement_cursor(using) as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    if not converters:
        return rows
    connection = connections[using]
    return [_convert(connection, row, converters) for row in rows]


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
        with statement_cursor(using) as cursor:
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
        with statement_cursor(using) as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall()


_VERSIONED_UPDATES: dict = {}


def versioned_update(using: str, model, values: list, pk, version: int) -> int | None:
    """The UPDATE of a versioned save (`TrackedModel._do_update`) — the ORM's statement for `filter(pk=…,
    row_version=…)._update(values)`: `UPDATE t SET c = %s, … WHERE (t.id = %s AND t.row_version = %s)` — built once
    per model and set of columns written (a save writes the columns whose values changed: a few sets in practice),
    each value prepared by its field as the ORM's UPDATE compiler prepares it (a model instance for a foreign key,
    then `get_db_prep_save`). Returns the number of rows written; None where the ORM must build it (an expression
    as a value, a field with a placeholder of its own), and the caller then asks the ORM."""
    connection = connections[using]
    params = []
    for field, _, value in values:
        if hasattr(value, "resolve_expression") or hasattr(field, "get_placeholder"):
            return None
        if hasattr(value, "prepare_database_save"):
            if not field.remote_field:
                return None
            value = value.prepare_database_save(field)
        value = field.get_db_prep_save(value, connection=connection)
        if hasattr(value, "as_sql"):
            return None
        params.append(value)
    meta = model._meta
    key = (using, model, tuple(field.column for field, _, _ in values))
    statement = _VERSIONED_UPDATES.get(key)
    if statement is None:
        qn = connection.ops.quote_name
        table = qn(meta.db_table)
        columns = ", ".join(f"{qn(field.column)} = %s" for field, _, _ in values)
        statement = (f"UPDATE {table} SET {columns} WHERE ({table}.{qn(meta.pk.column)} = %s AND "
                     f"{table}.{qn(meta.get_field('row_version').column)} = %s)")
        if len(_VERSIONED_UPDATES) < 2000:  # bounded: a process never keeps more than this many shapes
            _VERSIONED_UPDATES[key] = statement
    params += [meta.pk.get_db_prep_value(pk, connection), version]
    with statement_cursor(using) as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


class PrecompiledInsert:
    """One row of a model inserted with the statement the ORM compiles for `Model.objects.create(...)` (every
    column but the automatic key, `RETURNING` the key), compiled once per database alias; each value prepared by
    its field as the ORM prepares it (`pre_save(obj, add=True)`: an `auto_now_add` time is set, then
    `get_db_prep_save`). `insert(using, obj)` writes `obj` and sets its key. No `pre_save`/`post_save` signal and
    no `save()` of the model: only for a model whose rows nothing else acts on when written (the audit log). A
    database that cannot return the key from an INSERT (SQLite before 3.35) gets the model's own `save()`."""

    def __init__(self, model):
        self.model = model
        self._compiled: dict[str, tuple] = {}
        REGISTERED.add(self)

    def compiled(self, using: str) -> tuple:
        found = self._compiled.get(using)
        if found is None:
            meta = self.model._meta
            connection = connections[using]
            if not connection.features.can_return_columns_from_insert:
                self._compiled[using] = False
                return False
            fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
            query = sql.InsertQuery(self.model)
            query.insert_values(fields, [self.model()])  # a row of defaults: only the statement is kept
            compiler = query.get_compiler(using)
            compiler.returning_fields = [meta.pk]
            [(statement, _)] = compiler.as_sql()
            found = self._compiled[using] = (statement, fields, compiler.returning_params)
        return found

    def insert(self, using: str, obj) -> None:
        found = self.compiled(using)
        if not found:
            obj.save(force_insert=True, using=using)
            return
        statement, fields, returning_params = found
        connection = connections[using]
        params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
        with statement_cursor(using) as cursor:
            cursor.execute(statement, params)
            (key,) = connection.ops.fetch_returned_insert_columns(cursor, returning_params)
        obj.pk = key
        obj._state.adding, obj._state.db = False, using


class PrecompiledWithCondition:
    """A query of whole model rows (`select_related` and annotations allowed) that takes a condition built per request — a user's data
    scope, a `Q` — compiled once per process, database alias and *shape* of that condition (its tree of lookups,
    each value's type, a list's length), never per request.

    `build(condition, *markers)` returns the queryset; `objects(using, condition, *values)` returns its instances as
    the ORM loads them (`Model.from_db`, the ORM's converters, the related rows of `select_related` put in place and
    each annotation's value set as the ORM does), or None when this condition cannot be compiled this way — an expression or an empty list in
    it, a value the ORM folds into the SQL — and the caller asks the ORM. Each value of the condition and each of
    `values` stands in the compiled parameters either as it is or, for a `startswith` lookup, as its escaped LIKE
    pattern; a marker found in neither form refuses the shape (never answered wrongly). The same statement the ORM
    would send for the same condition, so the same rows."""

    MAX_SHAPES = 256  # different shapes of one query in one process (a clerk's scope: one per number of roots)

    def __init__(self, build, *markers):
        self.build, self.markers = build, markers
        self._compiled: dict[tuple, tuple | None] = {}

    def compiled(self, using: str, shape) -> tuple | None:
        key = (using, shape)
        if key in self._compiled:
            return self._compiled[key]
        condition, condition_markers = _condition_with_markers(shape)
        markers = (*condition_markers, *self.markers)
        try:
            queryset = self.build(condition, *self.markers)
            compiler = queryset.query.get_compiler(using)
            statement, params = compiler.as_sql()
            params = list(params)
            slots = _slots(using, markers, statement, params, patterns=True)
        except (EmptyResultSet, ValueError):
            found = None
        else:
            info, select = compiler.klass_info, compiler.select
            if info is None or queryset._fields is not None or compiler.has_extra_select:
                raise ValueError(f"not a query of whole {queryset.model.__name__} rows: {statement}")
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            names = [column[0].target.attname for column in select[start:end]]
            converters = list(compiler.get_converters([s[0] for s in select[:compiler.col_count]]).items())
            found = (statement, params, slots, converters, info["model"], names, start, end,
                     get_related_populators(info, select, using), list(compiler.annotation_col_map.items()))
        if len(self._compiled) < self.MAX_SHAPES:
            self._compiled[key] = found
        return found

    def objects(self, using: str, condition: Q, *values) -> list | None:
        shaped = condition_shape(condition)
        if shaped is None:
            return None
        shape, condition_values = shaped
        found = self.compiled(using, shape)
        if found is None:
            return None
        statement, params, slots, converters, model, names, start, end, populators, annotations = found
        rows = _fetch(using, statement, _bind(using, params, slots, (*condition_values, *values)), converters)
        instances = []
        for row in rows:
            instance = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations:  # as the ORM sets an annotation's value on its instance
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


def keep_prefetched(instance, name: str, rows: list, related) -> None:
    """`rows` kept on `instance` as `prefetch_related` keeps its relation `name` (a reverse foreign key or a
    many-to-many field): `instance.<name>.all()` answers from them; a further `.filter()` asks the database about
    this instance's related rows (the relation's own filter on `related`, applied lazily as the ORM's prefetch
    applies it). `related` is the queryset the prefetch would have run (its order), neither run nor changed (a
    module's own, shared by the threads)."""
    manager = getattr(instance, name)
    queryset = manager._apply_rel_filters(related._chain())  # (it sets hints and a flag on the queryset it gets)
    queryset._result_cache, queryset._prefetch_done = rows, True
    cache_name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def condition_shape(condition: Q):
    """(shape, values) of a condition: its tree (connector, negation, lookups) with each value's type in its place
    (a list's length and its items' type), and the values in order; None when it holds something else than lookups
    with a text or an integer or a non-empty list of them (an expression, an empty list: the ORM's own path)."""
    values = []

    def walk(node):
        parts = []
        for child in node.children:
            if isinstance(child, Q):
                part = walk(child)
            elif isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
                part = _leaf(child[0], child[1], values)
            else:
                part = None
            if part is None:
                return None
            parts.append(part)
        return (node.connector, node.negated, tuple(parts))

    shape = walk(condition)
    return None if shape is None else (shape, values)


def _leaf(lookup: str, value, values: list):
    if type(value) in (int, str):
        values.append(value)
        return (lookup, type(value))
    if type(value) in (list, tuple) and value and len({type(v) for v in value}) == 1 and type(value[0]) in (int, str):
        values.extend(value)
        return (lookup, type(value), type(value[0]), len(value))
    return None


def _condition_with_markers(shape) -> tuple[Q, list]:
    """The condition of this shape with a marker of its own in each value's place, and the markers in order."""
    markers = []

    def marker(kind):
        n = len(markers)
        value = MARKER_ID - 1000 - n if kind is int else f"\x00precompiled-marker-{n}\x00"
        markers.append(value)
        return value

    def build(node):
        connector, negated, parts = node
        q = Q()
        q.connector, q.negated = connector, negated
        for part in parts:
            if isinstance(part[0], str):  # a lookup
                if len(part) == 2:
                    q.children.append((part[0], marker(part[1])))
                else:
                    q.children.append((part[0], part[1](marker(part[2]) for _ in range(part[3]))))
            else:
                q.children.append(build(part))
        return q

    return build(shape), markers


def _slots(using: str, markers, statement: str, params: list, patterns: bool = False) -> list[list[int]]:
    """Where each marker stands among the compiled parameters (each place, when the query uses it more than once)."""
    slots = []
    for marker in markers:
        sent = _adapt(using, marker)
        at = [i for i, p in enumerate(params) if isinstance(p, type(sent)) and p == sent]
        if not at and patterns and isinstance(marker, str):
            # a startswith lookup sends the escaped value followed by %: that place takes each value so (slot < 0)
            pattern = connections[using].ops.prep_for_like_query(marker) + "%"
            at = [-1 - i for i, p in enumerate(params) if p == pattern]
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
            if slot < 0:  # a startswith pattern (see _slots)
                params[-1 - slot] = connections[using].ops.prep_for_like_query(value) + "%"
                continue
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
