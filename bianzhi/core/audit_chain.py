"""The audit log's hash chain (等保三级 audit-record protection).

Each entry, once its transaction has committed, is sealed: it gets the next sequence number, the hash of the entry
before it, and its own hash over its content and that previous hash. Changing, inserting or deleting any entry
afterwards breaks the chain from that point, which `bianzhi verify-audit` reports.

Why sealing after commit instead of at insert: chaining at insert would hold the chain lock from an entry's insert
until its (business) transaction ends, serialising every write of the platform and deadlocking two transactions
that write several rows. The sealer's own transaction is short and takes no other lock.

Hash: SM3 (GB/T 32905), from OpenSSL through hashlib where OpenSSL provides it, else from gmssl (pure Python,
~3000× slower, same digests — tested). Each hash is stored with its algorithm prefix ("sm3:…").
"""
import hashlib
import json
import logging
from dataclasses import dataclass

from django.db import connection, connections, router, transaction
from django.utils import timezone
from gmssl import func, sm3

from .audit_models import AuditChainHead, AuditLogEntry
from .precompiled import (
    MARKER_ID,
    MARKER_ID_2,
    MARKER_TEXT,
    MARKER_TEXT_2,
    MARKER_TIME,
    Precompiled,
    PrecompiledUpdate,
    statement_cursor,
)

log = logging.getLogger(__name__)

ALGORITHM = "sm3"
CONTENT_FIELDS = ["id", "timestamp", "user_id", "username", "ip", "request_id", "action", "app_label", "model",
                  "model_verbose", "object_id", "object_repr", "unit_id", "before", "after"]


def sm3_hex(data: bytes) -> str:
    if "sm3" in hashlib.algorithms_available:
        return hashlib.new("sm3", data).hexdigest()
    return sm3.sm3_hash(func.bytes_to_list(data))


def canonical(values: dict, seq: int, prev_hash: str) -> bytes:
    content = {k: values[k] for k in CONTENT_FIELDS}
    content["timestamp"] = values["timestamp"].isoformat()
    content["seq"], content["prev"] = seq, prev_hash
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_digest(values: dict, seq: int, prev_hash: str) -> str:
    return f"{ALGORITHM}:{sm3_hex(canonical(values, seq, prev_hash))}"


def seal_pending() -> int:
    """Chain every committed, not yet sealed entry, in id order, in a transaction of its own. Returns how many were
    sealed."""
    using = router.db_for_write(AuditLogEntry)
    with transaction.atomic(using=using):
        return _seal(using)


def _seal(using: str) -> int:
    """Seal the pending entries this transaction sees (committed ones, and its own), in id order."""
    # a write first: takes the row lock (PostgreSQL) / the write lock (SQLite) before anything is read; the
    # head row is made by the first seal of a new database (then written again, so locked the same way)
    # (the write returns the head it locked: one statement, the write still first)
    head = _MARK_HEAD.returning(using, HEAD_COLUMNS, timezone.now())
    if not head:
        AuditChainHead.objects.using(using).get_or_create(pk=1)
        head = _MARK_HEAD.returning(using, HEAD_COLUMNS, timezone.now())
    [(seq, prev)] = head
    seals = []
    for row in _PENDING.rows(using):
        values = dict(zip(CONTENT_FIELDS, row, strict=True))
        seq += 1
        digest = entry_digest(values, seq, prev)
        seals.append((values["id"], seq, prev, digest))
        prev = digest
    if seals:
        _write_seals(using, seals, seq, prev)
    connections[using].bianzhi_unsealed = False
    return len(seals)


def _write_seals(using: str, seals: list[tuple], seq: int, last_hash: str) -> None:
    """Write each entry's seal (id, seq, prev_hash, entry_hash) and advance the head to (seq, last_hash). PostgreSQL:
    one statement for up to SEAL_BATCH entries and the head (an `UPDATE … FROM (VALUES …)` in a CTE beside the
    head's UPDATE); elsewhere one UPDATE an entry, then the head's."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        for values in seals:
            _SEAL_ENTRY.run(using, *values)
        _ADVANCE_HEAD.run(using, seq, last_hash)
        return
    with statement_cursor(using) as cursor:  # prepared: one text per number of entries (usually one)
        for start in range(0, len(seals), SEAL_BATCH):
            batch = seals[start:start + SEAL_BATCH]
            last = start + SEAL_BATCH >= len(seals)
            cursor.execute(_seals_statement(connection, len(batch), last),
                           [v for values in batch for v in values] + ([seq, last_hash] if last else []))


SEAL_BATCH = 1000
_SEALS_SQL: dict = {}


def _seals_statement(connection, count: int, with_head: bool) -> str:
    """PostgreSQL: the seals of `count` pending entries (each row as `_SEAL_ENTRY` writes it: only where it has no
    seq yet) and, `with_head`, the head's advance as `_ADVANCE_HEAD` — one statement (the CTE's UPDATE runs
    whether or not the outer statement reads it). Built once per count and kind."""
    found = _SEALS_SQL.get((count, with_head))
    if found is None:
        q = connection.ops.quote_name
        entry, head = q(AuditLogEntry._meta.db_table), q(AuditChainHead._meta.db_table)
        column = {name: q(AuditLogEntry._meta.get_field(name).column)
                  for name in ("id", "seq", "prev_hash", "entry_hash")}
        rows = ", ".join(["(%s::bigint, %s::bigint, %s, %s)"] * count)
        seals = (f"UPDATE {entry} AS e SET {column['seq']} = v.seq, {column['prev_hash']} = v.prev, "
                 f"{column['entry_hash']} = v.digest FROM (VALUES {rows}) AS v (id, seq, prev, digest) "
                 f"WHERE e.{column['id']} = v.id AND e.{column['seq']} IS NULL")
        if with_head:
            head_seq, head_hash = HEAD_COLUMNS
            found = (f"WITH sealed AS ({seals}) UPDATE {head} SET {q(head_seq)} = %s, "
                     f"{q(head_hash)} = %s WHERE {q(AuditChainHead._meta.pk.column)} = 1")
        else:
            found = seals
        if count <= 16:
            _SEALS_SQL[(count, with_head)] = found
    return found


def seal_before_commit() -> None:
    """Seal this transaction's entries (and any committed entry still unsealed) inside it, as its last statements,
    when the caller's atomic block is the outermost one (a service that is its own transaction, e.g. `save_unit`,
    calls this last): the chain head's row lock is taken at the end, held only until the commit, and the
    after-commit seal (`seal_after_commit`) finds nothing left and sends nothing. Inside an outer transaction, or
    when nothing was written, it does nothing and the after-commit seal runs as before. A failure here fails the
    transaction: its writes and their entries are undone together (all or nothing), never left unsealed."""
    using = router.db_for_write(AuditLogEntry)
    conn = connections[using]
    if (not conn.in_atomic_block or len(conn.atomic_blocks) != 1 or conn.needs_rollback
            or not conn.__dict__.get("bianzhi_unsealed")):
        return
    _seal(using)


# The sealer's statements run after every write: compiled once per process (core.precompiled), the same SQL as
# the querysets below. Entries are sealed only here (AuditLogQuerySet._seal: the triggers allow nothing else).
_MARK_HEAD = PrecompiledUpdate(lambda now: (AuditChainHead.objects.filter(pk=1), {"sealed_at": now}), MARKER_TIME)
HEAD_COLUMNS = (AuditChainHead._meta.get_field("seq").column, AuditChainHead._meta.get_field("last_hash").column)
_PENDING = Precompiled(lambda: AuditLogEntry.objects.filter(seq__isnull=True).order_by("id").values_list(
    *CONTENT_FIELDS))
_SEAL_ENTRY = PrecompiledUpdate(
    lambda pk, seq, prev, digest: (AuditLogEntry.objects.filter(pk=pk, seq__isnull=True),
                                   {"seq": seq, "prev_hash": prev, "entry_hash": digest}),
    MARKER_ID, MARKER_ID_2, MARKER_TEXT, MARKER_TEXT_2)
_ADVANCE_HEAD = PrecompiledUpdate(
    lambda seq, prev: (AuditChainHead.objects.filter(pk=1), {"seq": seq, "last_hash": prev}), MARKER_ID, MARKER_TEXT)


def _seal_now() -> None:
    if not connections[router.db_for_write(AuditLogEntry)].__dict__.get("bianzhi_unsealed", True):
        return  # the transaction sealed its own entries before it committed (seal_before_commit)
    try:
        seal_pending()
    except Exception:  # noqa: BLE001 — logged; the entry is sealed by the next write or by verify-audit
        log.exception("审计日志封存失败，将在下次写入或 verify-audit 时重试")


_seal_now.bianzhi_seal = True


def seal_after_commit() -> None:
    """Called by `record()`: seal once the surrounding transaction has committed (immediately outside one). One
    callback per transaction; it never fails the user's request. Marks the connection as having written an entry
    not yet sealed (`seal_before_commit` and every seal clear the mark)."""
    connections[router.db_for_write(AuditLogEntry)].bianzhi_unsealed = True
    if any(getattr(item[1], "bianzhi_seal", False) for item in connection.run_on_commit):
        return
    transaction.on_commit(_seal_now)


@dataclass
class Problem:
    entry_id: int | None
    seq: int | None
    reason: str

    def __str__(self):
        return f"审计日志第 {self.entry_id} 条（链序号 {self.seq}）：{self.reason}"


def verify() -> list[Problem]:
    """Recompute the chain. Reports each entry whose content no longer matches its hash, each broken link and
    each gap in the sequence (a deleted entry)."""
    problems: list[Problem] = []
    prev, expected_seq = "", 1
    qs = AuditLogEntry.objects.filter(seq__isnull=False).order_by("seq")
    for values in qs.values(*CONTENT_FIELDS, "seq", "prev_hash", "entry_hash").iterator(chunk_size=2000):
        if values["seq"] != expected_seq:
            problems.append(Problem(values["id"], values["seq"],
                                    f"链序号不连续：应为 {expected_seq}，缺少的条目已被删除"))
        if values["prev_hash"] != prev:
            problems.append(Problem(values["id"], values["seq"], "前一条哈希不符：其前的条目被修改、插入或删除"))
        if entry_digest(values, values["seq"], values["prev_hash"]) != values["entry_hash"]:
            problems.append(Problem(values["id"], values["seq"], "内容与哈希不符：本条已被篡改"))
        prev, expected_seq = values["entry_hash"], values["seq"] + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != expected_seq - 1 or head.last_hash != prev):
        problems.append(Problem(None, head.seq, f"链尾不符：记录的链尾为第 {head.seq} 条，实际为第 {expected_seq - 1} 条（末尾条目被删除）"))
    return problems
