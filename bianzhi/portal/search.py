"""Chinese substring search over published SearchEntry rows, with identical results on both databases.

Semantics: an entry matches when the query's search key (NFKC, no white space, lower case) is a
substring of the entry's `norm` column. The result order is integers only (kind, unit order, unit,
position, id), so SQLite and PostgreSQL return the same rows in the same order.

- PostgreSQL: `norm LIKE '%q%'` (Django `contains`, not `icontains`) served by a pg_trgm GIN index.
- SQLite: an FTS5 table of overlapping 2-character grams (unicode61 tokenizer) finds candidates with a
  phrase query, and the same `contains` condition then confirms each candidate, so FTS5 can only speed
  the query up, never change its result. A 1-character query (no gram) uses the LIKE alone.

`search_queryset` defines the result. Pages and the capped count are taken through `SearchResults`, which walks
the same queryset block by block: the rank order is cut into blocks (kind, `unit_order // BLOCK_SPAN`), the
SearchGram table says which blocks hold every 1- or 2-character gram of the query, and only those blocks are
walked, in rank order, until the page and the capped count are full. On a national data set (5 M power items)
a common query no longer walks or bitmaps millions of non-matching entries (bench/portal_search.py, ADR 0027).
"""
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection, connections, transaction
from django.db.models import Q

from bianzhi.core.text import search_key

from .models import KIND_ORDER, SearchEntry, SearchGram, SearchKind

FTS_TABLE = "portal_search_fts"
MAX_QUERY_CHARS = 50
COUNT_CAP = 1000  # beyond this the total is shown as “1000+”: an exact count of 300k matches costs seconds


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows (SELECT COUNT(*) FROM (… LIMIT 1001)), so a very common query
    stays fast; `capped` says the real total is larger."""

    @cached_property
    def count(self):
        if isinstance(self.object_list, SearchResults):
            return self.object_list.capped_count(COUNT_CAP + 1)
        return self.object_list.order_by()[:COUNT_CAP + 1].count()  # no ORDER BY: counting needs no sort

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def cap(self) -> int:
        return COUNT_CAP


def bigrams(key: str) -> str:
    """Overlapping 2-character grams of an already normalised string, separated by spaces."""
    if len(key) < 2:
        return key
    return " ".join(key[i:i + 2] for i in range(len(key) - 1))


def entry_norm(title: str, text: str) -> str:
    return f"{search_key(title)}|{search_key(text)}"


NORM_MAX = 800  # characters of `norm` per entry: keeps the PostgreSQL covering index under its ~2.7 kB tuple limit
CHUNK_OVERLAP = MAX_QUERY_CHARS  # any query (≤ 50 characters) lies wholly inside at least one chunk


def index_chunks(title: str, text: str) -> list[tuple[str, str]]:
    """(text, norm) pieces of one searchable thing. Short texts give one piece; a long text (a long duty or
    responsibility) is cut into overlapping pieces so that every entry's `norm` stays under NORM_MAX and a
    query of up to MAX_QUERY_CHARS characters is still found whole in some piece."""
    norm = entry_norm(title, text)
    if len(norm) <= NORM_MAX:
        return [(text, norm)]
    size = max(100, NORM_MAX - len(search_key(title)) - 1) * 3 // 4  # room for NFKC expansion
    pieces, start = [], 0
    while start < len(text):
        piece = text[start:start + size]
        pieces.append((piece, entry_norm(title, piece)[:NORM_MAX]))
        if start + size >= len(text):
            break
        start += size - CHUNK_OVERLAP
    return pieces


def fts_insert(rows) -> None:
    """rows: iterable of (id, norm). SQLite only."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {FTS_TABLE}(rowid, grams) VALUES (%s, %s)",
                        [(pk, bigrams(norm)) for pk, norm in rows])


def fts_delete(ids) -> None:
    if connection.vendor != "sqlite":
        return
    ids = list(ids)
    with connection.cursor() as cur:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({','.join(['%s'] * len(chunk))})", chunk)


def _fts_phrase(key: str) -> str:
    return '"' + bigrams(key).replace('"', '""') + '"'


@dataclass
class SearchQuery:
    q: str = ""
    region: str = ""
    unit: int | None = None
    kind: str = ""
    category: str = ""

    @property
    def key(self) -> str:
        return search_key(self.q)[:MAX_QUERY_CHARS]


def search_queryset(query: SearchQuery):
    """The published entries matching the query, in the backend-independent rank order."""
    qs = SearchEntry.objects.public()
    key = query.key
    if not key:
        return qs.none()
    qs = qs.filter(norm__contains=key)
    if connection.vendor == "sqlite" and len(key) >= 2:
        qs = qs.extra(where=[f"portal_searchentry.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"],
                      params=[_fts_phrase(key)])
    if query.region:
        stem = region_stem_code(query.region)
        qs = qs.filter(region_code__startswith=stem)
    if query.unit:
        qs = qs.filter(Q(unit_id_value=query.unit))
    if query.kind:
        qs = qs.filter(kind=query.kind)
    if query.category:
        qs = qs.filter(category=query.category)
    return qs.order_by("kind_order", "unit_order", "unit_id_value", "position", "id")


# ------------------------------------------------------------------ the block index (SearchGram)
BLOCK_SPAN = 10**12  # unit_order // BLOCK_SPAN: a region and its top-level unit (services.unit_order)
BLOCK_BATCH = 32  # candidate blocks fetched per round trip
_STATEMENTS: dict = {}  # (database alias, ranged, WHERE clause) → the range statement's SQL (SearchResults._compiled)


def entry_grams(norm: str) -> set[str]:
    """Every character and every pair of adjacent characters of an entry's `norm`."""
    return set(norm) | {norm[i:i + 2] for i in range(len(norm) - 1)}


def query_grams(key: str) -> list[str]:
    """Grams every matching entry must contain: the character itself, or the query's adjacent pairs."""
    if len(key) < 2:
        return [key]
    return sorted({key[i:i + 2] for i in range(len(key) - 1)})


def block_of(unit_order: int) -> int:
    return unit_order // BLOCK_SPAN


def gram_rows(entries) -> set[tuple[str, int, int]]:
    """entries: iterable of (norm, kind_order, unit_order) → the (gram, kind_order, block) postings."""
    out = set()
    for norm, kind_order, unit_order in entries:
        block = block_of(unit_order)
        out.update((g, kind_order, block) for g in entry_grams(norm))
    return out


def add_grams(entries) -> None:
    """Record the postings of new entries (existing ones are kept: a superset only costs a wasted block walk)."""
    rows = [SearchGram(gram=g, kind_order=k, block=b) for g, k, b in gram_rows(entries)]
    SearchGram.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def rebuild_grams(entry_model=SearchEntry, gram_model=SearchGram) -> int:
    """Recompute every posting from the current entries (the migration and `--rebuild` use it). Returns rows."""
    rows = gram_rows(entry_model.objects.values_list("norm", "kind_order", "unit_order").iterator(chunk_size=5000))
    with transaction.atomic():  # searches running meanwhile see the old postings until the new ones are complete
        gram_model.objects.all().delete()
        gram_model.objects.bulk_create((gram_model(gram=g, kind_order=k, block=b) for g, k, b in rows),
                                       batch_size=5000)
    if connection.vendor == "postgresql":  # planner statistics now, not whenever autovacuum comes by
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {gram_model._meta.db_table}")
    return len(rows)


class SearchResults:
    """The ids of `search_queryset(query)`, in its order, for one page and the capped count — taken block by block.

    Blocks are walked in rank order ((kind_order, block) ascending); each block's part of the result is the same
    queryset restricted to that block's range of `kind_order` and `unit_order`, so the concatenation is the
    queryset's own result and order. Blocks not holding every gram of the query cannot hold a match and are
    skipped; candidate blocks with consecutive numbers are walked as one range. The first `COUNT_CAP + 1` ids
    (or more, for a slice beyond them) are read in one pass, which gives both the capped count and the pages.
    A unit filter (one unit's entries, always few) takes the queryset directly."""

    def __init__(self, query: SearchQuery):
        self.query = query
        self.key = query.key
        self.ids = search_queryset(query).values_list("id", flat=True)
        self._found: list[int] = []
        self._ranges = None  # generator of (kind_order, first block, last block), consumed as far as needed
        self._exhausted = not self.key
        self._statement = None  # the range statement, compiled once per search (_compiled)
        self._cur = None  # the cursor of the current _read

    _SENTINEL_RUN = (32001, 9000, 9000)  # a range no data has (kind 32001), for compiling the range statement

    def _compiled(self):
        """(sql, params, ranged) of `self._in(run)` without its slice, the run's three values left out of params
        (ranged), or None if the queryset is empty by construction. The statement's text is the ORM's, compiled once
        per process for each shape of WHERE clause (`_STATEMENTS`); each search compiles only its WHERE clause for
        its parameters (profiling at 1 M: compiling a queryset clone per range, then once per search, was most of
        the application's Python time over its SQL)."""
        if self._statement is None:
            ranged = not self.query.unit
            compiler = self.ids.query.get_compiler(using=self.ids.db)
            try:
                where_sql, where_params = compiler.compile(self.ids.query.where)
            except EmptyResultSet:  # e.g. a unit id beyond the column's range: nothing matches, as the ORM says
                self._statement = False
                return None
            cache_key = (self.ids.db, ranged, where_sql)
            sql = _STATEMENTS.get(cache_key)
            if sql is None:
                qs = self._in(self._SENTINEL_RUN) if ranged else self.ids
                sql, params = qs.query.get_compiler(using=self.ids.db).as_sql()
                expected = [*where_params, *self._range_params(self._SENTINEL_RUN)] if ranged else list(where_params)
                if list(params) != expected:  # parameters outside the WHERE clause or reordered: never guess
                    raise RuntimeError("unexpected parameters in the compiled search statement")
                if len(_STATEMENTS) < 256:
                    _STATEMENTS[cache_key] = sql
            self._statement = (sql, list(where_params), ranged)
        return self._statement or None

    @staticmethod
    def _range_params(run) -> list[int]:
        kind_order, first, last = run
        return [kind_order, first * BLOCK_SPAN, (last + 1) * BLOCK_SPAN]

    def _candidate_blocks(self):
        """(kind_order, block) holding every gram of the query, ascending, BLOCK_BATCH per statement (plain SQL with
        one EXISTS per gram: cheaper to build than the ORM's Exists/OuterRef, for up to 49 grams)."""
        grams = query_grams(self.key)
        table = SearchGram._meta.db_table
        where, params = ["g0.gram = %s"], [grams[0]]
        for g in grams[1:]:
            where.append(f"EXISTS (SELECT 1 FROM {table} g WHERE g.gram = %s AND g.kind_order = g0.kind_order "
                         "AND g.block = g0.block)")
            params.append(g)
        if self.query.kind in KIND_ORDER:
            where.append("g0.kind_order = %s")
            params.append(KIND_ORDER[self.query.kind])
        sql = (f"SELECT g0.kind_order, g0.block FROM {table} g0 WHERE {' AND '.join(where)}{{after}} "
               f"ORDER BY g0.kind_order, g0.block LIMIT {BLOCK_BATCH}")
        after = None
        while True:  # advanced only inside _read, on its cursor
            if after is None:
                self._cur.execute(sql.format(after=""), params)
            else:
                self._cur.execute(sql.format(after=" AND (g0.kind_order > %s OR (g0.kind_order = %s AND g0.block > %s))"),
                                  [*params, after[0], after[0], after[1]])
            batch = [tuple(row) for row in self._cur.fetchall()]
            yield from batch
            if len(batch) < BLOCK_BATCH:
                return
            after = batch[-1]

    def _walk_ranges(self):
        if self.query.unit:
            yield None
            return
        run = None
        for kind_order, block in self._candidate_blocks():
            if run and run[0] == kind_order and run[2] + 1 == block:
                run = (kind_order, run[1], block)
                continue
            if run:
                yield run
            run = (kind_order, block, block)
        if run:
            yield run

    def _in(self, run):
        """The queryset of one range (the definition; `_fetch` runs it compiled once). Each value is its own
        filter, in the order of `_range_params`, so they are the last three parameters of the statement."""
        if run is None:
            return self.ids
        kind_order, lo, hi = self._range_params(run)
        return self.ids.filter(kind_order=kind_order).filter(unit_order__gte=lo).filter(unit_order__lt=hi)

    def _fetch(self, run, offset: int, count: int) -> list[int]:
        """`list(self._in(run)[offset:offset + count])`: the same statement, compiled once, on a plain cursor."""
        compiled = self._compiled()
        if compiled is None:
            return []
        sql, params, ranged = compiled
        if ranged:
            params = [*params, *self._range_params(run)]
        self._cur.execute(f"{sql} {self._cur.db.ops.limit_offset_sql(offset, offset + count)}", params)
        return [row[0] for row in self._cur.fetchall()]

    def _read(self, n: int) -> None:
        """Make sure the first n ids (or all of them, if fewer match) are in self._found. Every statement of one
        read goes through one cursor (`self._cur`)."""
        if len(self._found) >= n or self._exhausted:
            return
        with connections[self.ids.db].cursor() as self._cur:
            try:
                self._read_with_cursor(n)
            finally:
                self._cur = None

    def _read_with_cursor(self, n: int) -> None:
        if self._ranges is None:
            self._ranges, self._run, self._offset = self._walk_ranges(), None, 0
        while len(self._found) < n and not self._exhausted:
            if self._run is None:
                self._run = next(self._ranges, False)
                self._offset = 0
                if self._run is False:
                    self._exhausted = True
                    return
            want = n - len(self._found)
            rows = self._fetch(self._run, self._offset, want)
            self._found.extend(rows)
            if len(rows) < want:
                self._run = None  # this range holds no more matches
            else:
                self._offset += len(rows)  # it may hold more: continue here if more are wanted

    def capped_count(self, cap: int) -> int:
        """The number of matches, counting at most `cap`."""
        self._read(max(cap, 0))
        return min(len(self._found), cap)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1) or index.start is None or index.stop is None:
            raise TypeError("SearchResults takes slices [start:stop]")
        self._read(max(index.stop, COUNT_CAP + 1))
        return self._found[index.start:index.stop]


HIT_FIELDS = ("id", "unit_id_value", "region_code", "kind", "category", "title", "text", "anchor")
_KIND_LABELS = dict(SearchKind.choices)


class SearchHit:
    """One row of a result page: the entry's displayed columns as plain attributes (20 model instances cost more
    Python time than reading them), plus what the search page adds. The template and the API serializer read
    these attributes and `get_kind_display()`, as on a SearchEntry."""

    __slots__ = (*HIT_FIELDS, "unit_name", "title_pieces", "text_pieces")

    def __init__(self, row):
        (self.id, self.unit_id_value, self.region_code, self.kind, self.category, self.title, self.text,
         self.anchor) = row

    def get_kind_display(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)


@lru_cache(maxsize=4)
def _hit_select(vendor: str) -> str:
    """`SELECT <HIT_FIELDS> FROM portal_searchentry WHERE id IN `, built once per database vendor. Every column is
    an integer or a string: no database converter applies, the rows are what the ORM would read."""
    qn = connection.ops.quote_name
    table = qn(SearchEntry._meta.db_table)
    columns = ", ".join(f"{table}.{qn(SearchEntry._meta.get_field(f).column)}" for f in HIT_FIELDS)
    return f"SELECT {columns} FROM {table} WHERE {table}.{qn(SearchEntry._meta.pk.column)} IN "


def entries_for_ids(ids) -> list[SearchHit]:
    """The entries of one result page, in the page's order. Pages are taken as ids first
    (`search_queryset(q).values_list("id")[a:b]`), which PostgreSQL answers with an index-only walk of the
    covering rank index; only the page's rows are then read, with one statement built once (`in_bulk` and its
    model instances cost about 1 ms per page). The ids come from `search_queryset`, which applied `public()`."""
    ids = list(ids)
    if not ids:
        return []
    with connection.cursor() as cur:
        cur.execute(f"{_hit_select(connection.vendor)}({', '.join(['%s'] * len(ids))})", ids)
        rows = {row[0]: SearchHit(row) for row in cur.fetchall()}
    return [rows[i] for i in ids if i in rows]


def region_stem_code(code: str) -> str:
    """GB/T 2260 prefix shared by a region and everything below it (same rule as accounts.scope)."""
    code = (code or "").strip()
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


# ------------------------------------------------------------------ highlighting on the original text
class _CharKeys(dict):
    """search_key of one character, memoised, as a `str.translate` table (bounded: published text's characters).
    `irregular` holds the characters whose key is not exactly one character (white space, ligatures, …)."""

    MAX = 1 << 16

    def __init__(self):
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        key = search_key(ch)
        if len(key) != 1:
            self.irregular.add(ch)  # before the key is stored (threads), and even beyond the bound
        if len(self) < self.MAX:
            self[code] = key
        return key


_CHAR_KEYS = _CharKeys()


def _norm_map(text: str):
    """The search_key of each character of text, joined, and for each of its characters the index of the original
    character (None when every character's key is exactly one character: the index is then the position)."""
    norm = text.translate(_CHAR_KEYS)  # every character of text has now been looked up
    if _CHAR_KEYS.irregular.isdisjoint(text):
        return norm, None
    idx = []
    for i, ch in enumerate(text):
        idx.extend([i] * len(_CHAR_KEYS[ord(ch)]))
    return norm, idx


def highlight_spans(text: str, key: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the original text whose normalised form contains the key."""
    if not text or not key:
        return []
    norm, idx = _norm_map(text)
    spans, start = [], 0
    while True:
        pos = norm.find(key, start)
        if pos < 0:
            break
        end = pos + len(key)
        spans.append((pos, end) if idx is None else (idx[pos], idx[end - 1] + 1))
        start = end
    return spans


def highlight(text: str, key: str, window: int | None = None):
    """Pieces [(text, is_match)] of the original text; with `window`, a snippet around the first match."""
    spans = highlight_spans(text, key)
    if window and len(text) > window:
        if spans:
            first = spans[0][0]
            begin = max(0, first - window // 3)
        else:
            begin = 0
        end = min(len(text), begin + window)
        pieces = [("…", False)] if begin > 0 else []
        cursor = begin
        for s, e in spans:
            if e <= begin or s >= end:
                continue
            s, e = max(s, begin), min(e, end)
            if s > cursor:
                pieces.append((text[cursor:s], False))
            pieces.append((text[s:e], True))
            cursor = e
        if cursor < end:
            pieces.append((text[cursor:end], False))
        if end < len(text):
            pieces.append(("…", False))
        return pieces
    pieces, cursor = [], 0
    for s, e in spans:
        if s > cursor:
            pieces.append((text[cursor:s], False))
        pieces.append((text[s:e], True))
        cursor = e
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces
