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

from django.db import connection, router, transaction
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
    """Chain every committed, not yet sealed entry, in id order. Returns how many were sealed."""
    using = router.db_for_write(AuditLogEntry)
    with transaction.atomic(using=using):
        # a write first: takes the row lock (PostgreSQL) / the write lock (SQLite) before anything is read; the
        # head row is made by the first seal of a new database (then written again, so locked the same way)
        # (the write returns the head it locked: one statement, the write still first)
        head = _MARK_HEAD.returning(using, HEAD_COLUMNS, timezone.now())
        if not head:
            AuditChainHead.objects.using(using).get_or_create(pk=1)
            head = _MARK_HEAD.returning(using, HEAD_COLUMNS, timezone.now())
        [(seq, prev)] = head
        pending = [dict(zip(CONTENT_FIELDS, row, strict=True)) for row in _PENDING.rows(using)]
        for values in pending:
            seq += 1
            digest = entry_digest(values, seq, prev)
            _SEAL_ENTRY.run(using, values["id"], seq, prev, digest)
            prev = digest
        if pending:
            _ADVANCE_HEAD.run(using, seq, prev)
        return len(pending)


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
    try:
        seal_pending()
    except Exception:  # noqa: BLE001 — logged; the entry is sealed by the next write or by verify-audit
        log.exception("审计日志封存失败，将在下次写入或 verify-audit 时重试")


_seal_now.bianzhi_seal = True


def seal_after_commit() -> None:
    """Called by `record()`: seal once the surrounding transaction has committed (immediately outside one). One
    callback per transaction; it never fails the user's request."""
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
