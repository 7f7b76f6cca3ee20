"""Chinese substring search over published SearchEntry rows, with identical results on both databases.

Semantics: an entry matches when the query's search key (NFKC, no white space, lower case) is a
substring of the entry's `norm` column. The result order is integers only (kind, unit order, unit,
position, id), so SQLite and PostgreSQL return the same rows in the same order.

- PostgreSQL: `norm LIKE '%q%'` (Django `contains`, not `icontains`) served by a pg_trgm GIN index.
- SQLite: an FTS5 table of overlapping 2-character grams (unicode61 tokenizer) finds candidates with a
  phrase query, and the same `contains` condition then confirms each candidate, so FTS5 can only speed
  the query up, never change its result. A 1-character query (no gram) uses the LIKE alone.
"""
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q

from bianzhi.core.text import search_key

from .models import SearchEntry

FTS_TABLE = "portal_search_fts"
MAX_QUERY_CHARS = 50
COUNT_CAP = 1000  # beyond this the total is shown as “1000+”: an exact count of 300k matches costs seconds


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows (SELECT COUNT(*) FROM (… LIMIT 1001)), so a very common query
    stays fast; `capped` says the real total is larger."""

    @cached_property
    def count(self):
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


def entries_for_ids(ids) -> list:
    """The entries of one result page, in the page's order. Pages are taken as ids first
    (`search_queryset(q).values_list("id")[a:b]`), which PostgreSQL answers with an index-only walk of the
    covering rank index; only the page's rows are then read."""
    ids = list(ids)
    rows = SearchEntry.objects.in_bulk(ids)
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
def _norm_map(text: str):
    """search_key(text) plus, for each of its characters, the index of the original character."""
    out, idx = [], []
    for i, ch in enumerate(text):
        k = search_key(ch)
        for c in k:
            out.append(c)
            idx.append(i)
    return "".join(out), idx


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
        spans.append((idx[pos], idx[pos + len(key) - 1] + 1))
        start = pos + len(key)
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
