"""Importing 权力清单 / 责任清单 spreadsheets: every row validated, all rows written or none.

`run_job(job)` is what the background task calls. It reads the uploaded file (tabular.py), maps the file's
columns to the template's (job.mapping, confirmed by the user), validates every row and writes inside one
transaction; any row error (or a locked unit) rolls everything back, the errors are stored on the job and an
annotated copy of the workbook (an error column) is written for download.

The power importer is the fast path (100,000-row files): precomputed lookups, no per-row queries, each batch of
new rows written with their keys taken up front (COPY on PostgreSQL, one prepared INSERT through sqlite3's
`executemany` on SQLite). That sends no signals, so the audit log gets one summary entry per job (written with
`bianzhi.core.audit.record`) and the review-flow lock is checked per unit with
`bianzhi.core.locks.assert_unit_editable`. The two responsibility importers save row by row (signals,
audit and lock guard apply as for a form).
"""
import difflib
import functools
import gc
import itertools
import logging
import operator
import re
import string
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.audit import record
from bianzhi.core.context import acting_as
from bianzhi.core.files import local_path
from bianzhi.core.locks import LockedError, assert_unit_editable
from bianzhi.core.text import nfkc, search_key, search_key_of_nfkc
from bianzhi.registry.models import InternalBody, Plaque, Region, Unit

from . import tabular
from .citations import parse_basis
from .codes import code_format
from .columns import columns_for, guess_mapping
from .duties import current_duties, parse_duty_refs
from .exporter import annotated_workbook
from .models import (
    Citation,
    CitationKind,
    ImportJob,
    Law,
    PowerCategory,
    PowerItem,
    ResponsibilityItem,
    ResponsibilityKind,
    StageResponsibility,
    doc_number_key,
    law_key,
    power_search_text,
)
from .services import create_power_item
from .stages import parse_stages

logger = logging.getLogger(__name__)

BATCH = 5000
SQLITE_MAX_PARAMS = 999  # bound values per statement that every SQLite build accepts
PROGRESS_EVERY = 500
PROGRESS_SECONDS = 0.5
MAX_STORED_ERRORS = 500
UNIT_SCAN_ROWS = 20000
UNKNOWN_UNIT = "未知单位或不在您的数据范围内"


MAX_CELL_CHARS = 10000
CLEAN_CACHE_SIZE = 4096  # checked texts remembered per column (names are unique: the cache stops growing)  # any column without a narrower database limit
JOB_HEARTBEAT_SECONDS = 10
JOB_STALE_SECONDS = 120  # a running job whose heartbeat is older than this lost its worker


class Rollback(Exception):
    pass


# ------------------------------------------------------------------------------------------------ progress
PROGRESS_TTL = 24 * 3600


def _progress_key(job_id) -> str:
    return f"lists:import-progress:{job_id}"


def write_progress(job_id, processed: int, total: int, phase: str = "") -> None:
    """Progress lives outside the database (the import's transaction is still open while it runs), in the cache
    every process shares (Redis, or a file cache on one host), so any app node can show it."""
    caches["shared"].set(_progress_key(job_id), {"processed": processed, "total": total, "phase": phase},
                         PROGRESS_TTL)


def _heartbeat_key(job_id) -> str:
    return f"lists:import-heartbeat:{job_id}"


def _beat(job_id, stop: threading.Event) -> None:
    """While the worker runs the job, it records a heartbeat in the shared cache (outside the database: the
    import's transaction is open; shared, so any app node can judge it). A worker that dies stops beating;
    `fail_if_stale` then ends the job."""
    while True:
        caches["shared"].set(_heartbeat_key(job_id), time.time(), PROGRESS_TTL)
        if stop.wait(JOB_HEARTBEAT_SECONDS):
            return


def fail_if_stale(job: ImportJob, now=None) -> bool:
    """A job still "running" whose heartbeat stopped more than JOB_STALE_SECONDS ago lost its worker (killed,
    crashed, machine restarted): mark it failed with a Chinese reason so it can be retried. Nothing of it
    was written (the import is one transaction). True when the job was marked."""
    if job.status != "running":
        return False
    now = now or time.time()
    last = caches["shared"].get(_heartbeat_key(job.pk))
    if last is None:
        last = job.started_at.timestamp() if job.started_at else job.updated_at.timestamp()
    if now - last < JOB_STALE_SECONDS:
        return False
    message = (f"导入中断：后台任务进程已停止（{int(now - last)} 秒无心跳，可能被终止或重启），"
               "所有行均未导入。可点击“重新导入”再试。")
    marked = ImportJob.objects.filter(pk=job.pk, status="running").update(
        status="failed", message=message, finished_at=timezone.now())
    if marked:
        job.status, job.message = "failed", message
        clear_progress(job.pk)
    return bool(marked)


def retry_job(job: ImportJob) -> None:
    """Put a failed job back in the queue (same file and mapping)."""
    ImportJob.objects.filter(pk=job.pk, status="failed").update(
        status="queued", message="", errors=[], processed_rows=0, created_count=0, updated_count=0,
        finished_at=None, error_file="")
    job.refresh_from_db()


def read_progress(job_id) -> dict:
    return caches["shared"].get(_progress_key(job_id)) or {}


def clear_progress(job_id) -> None:
    caches["shared"].delete_many([_progress_key(job_id), _heartbeat_key(job_id)])


# ------------------------------------------------------------------------------------------------ lookups
def suggest(value: str, labels, cutoff: float = 0.5) -> str:
    close = difflib.get_close_matches(nfkc(value), list(labels), n=1, cutoff=cutoff)
    return close[0] if close else ""


class UnitResolver:
    """Unit names as files write them (全称, 简称, 牌子, full-width variants) → units in the user's scope."""

    def __init__(self, user, action="change", mapping=None, default_unit_id=None):

        units = Unit._base_manager.all() if action is None else allowed_units(user, action)
        self.units = {u.pk: u for u in units.only(
            "id", "name", "short_name", "region_id", "status", "tree_path")}
        self.by_key: dict[str, int] = {}
        for unit in self.units.values():
            if unit.short_name:
                self.by_key.setdefault(search_key(unit.short_name), unit.pk)
        for unit_id, name in Plaque.objects.filter(unit_id__in=list(self.units), end_date__isnull=True,
                                                   internal_body__isnull=True).values_list("unit_id", "name"):
            self.by_key.setdefault(search_key(name), unit_id)
        for unit in self.units.values():
            self.by_key[search_key(unit.name)] = unit.pk
        self.mapping = {search_key(k): int(v) for k, v in (mapping or {}).items() if str(v).isdigit()}
        self.default_unit_id = default_unit_id if default_unit_id in self.units else None
        self.cache: dict[str, int | None] = {}

    def resolve(self, raw) -> int | None:
        if raw is None or str(raw).strip() == "":
            return self.default_unit_id
        text = str(raw)
        if text in self.cache:
            return self.cache[text]
        key = search_key(text)
        unit_id = self.mapping.get(key)
        if unit_id not in self.units:
            unit_id = self.by_key.get(key)
        self.cache[text] = unit_id
        return unit_id

    def suggestion(self, raw) -> str:
        names = {u.name: u for u in self.units.values()}
        return suggest(str(raw), names, cutoff=0.6)


class CategoryResolver:
    def __init__(self):
        self.categories = {c.name_key: c for c in PowerCategory.objects.filter(active=True)}
        self.labels = [c.name for c in self.categories.values()]
        self.cache = {}

    def resolve(self, raw):
        text = str(raw or "")
        if text not in self.cache:
            self.cache[text] = self.categories.get(search_key(text))
        return self.cache[text]

    def suggestion(self, raw) -> str:
        return suggest(str(raw), self.labels)


class LawRegister:
    """The law register as an import sees it: a citation matches an entry only when name and 令号/文号 agree
    (lists.models.doc_number_key); otherwise a new 待核实 entry is registered and counted in the job's message."""

    def __init__(self):
        self.by_key = {}
        for pk, name_key, number in Law.objects.order_by("needs_review", "id").values_list("pk", "name_key",
                                                                                           "doc_number"):
            self.by_key.setdefault((name_key, doc_number_key(number)), pk)
            self.by_key.setdefault((name_key, None), pk)
        self.created = 0
        self.resolved: dict[tuple, int] = {}  # (name, 文号) as cited → law id

    def law_id(self, name: str, doc_number: str) -> int:
        found = self.resolved.get((name, doc_number))  # laws repeat across rows with different articles
        if found is None:
            found = self.resolved[(name, doc_number)] = self._law_id(name, doc_number)
        return found

    def _law_id(self, name: str, doc_number: str) -> int:
        key = law_key(name)
        number = doc_number_key(doc_number)
        law_id = self.by_key.get((key, number or None))
        if law_id is None:
            law = Law.objects.create(name=name, doc_number=doc_number[:100], level=Law.guess_level(name),
                                     needs_review=True, note="导入清单时自动登记，待核实")
            law_id = law.pk
            self.by_key[(key, number)] = law_id
            self.by_key.setdefault((key, None), law_id)
            self.created += 1
        return law_id


# ------------------------------------------------------------------------------------------------ base importer
class BaseImporter:
    kind = ""
    model = None

    def cell_limit(self, key: str) -> int:
        """The longest text the column's database field holds (both databases refuse longer text on
        PostgreSQL; SQLite would silently store it), so the cell is refused with its row and column."""
        if not hasattr(self, "_limits"):
            fields = self.model._meta.fields if self.model is not None else []
            self._limits = {f.name: f.max_length for f in fields if getattr(f, "max_length", None)}
            if "name" in self._limits:
                self._limits.setdefault("sub_name", self._limits["name"])
        return self._limits.get(key, MAX_CELL_CHARS)

    def __init__(self, job: ImportJob, table: tabular.Table):
        self.job, self.table, self.user = job, table, job.owner
        self.cols = {key: int(pos) for pos, key in (job.mapping or {}).items() if key}
        self.headers = table.headers
        self.errors: list[dict] = []
        self.error_count = 0
        self.processed = 0
        self.created = 0
        self.updated = 0
        self.units = UnitResolver(self.user, "change", job.unit_mapping, job.default_unit_id)
        self.checked_units: set[int] = set()
        self.assert_editable = assert_unit_editable
        # (key, position, longest text, the column's checked texts: raw cell → stripped text; "" is always fine)
        self.read_cols = [(key, pos, self.cell_limit(key), {"": "", None: ""}) for key, pos in self.cols.items()]
        self.read_keys = tuple(key for key, _, _, _ in self.read_cols)
        self.read_cleans = tuple(clean for _, _, _, clean in self.read_cols)
        positions = [pos for _, pos, _, _ in self.read_cols]
        # the mapped cells of a row as a tuple, picked in C (itemgetter of one position returns the bare value)
        self.pick = operator.itemgetter(*positions) if len(positions) > 1 else (
            (lambda values, p=positions[0]: (values[p],)) if positions else (lambda values: ()))
        self.width = max(self.cols.values(), default=-1) + 1
        self.blank = dict.fromkeys([c.key for c in columns_for(self.kind)] + list(self.cols), "")
        self.xlsx = table.fmt == "xlsx"
        self.progress_at = 0.0

    # errors ------------------------------------------------------------
    def error(self, row: int, key: str | None, value, message: str, suggestion: str = ""):
        self.error_count += 1
        if len(self.errors) >= MAX_STORED_ERRORS:
            return
        pos = self.cols.get(key) if key else None
        header = self.headers[pos] if pos is not None and pos < len(self.headers) else ""
        label = next((c.header for c in columns_for(self.kind) if c.key == key), key or "")
        self.errors.append({
            "row": row, "column": tabular.col_letter(pos) if pos is not None else "", "header": header or label,
            "field": label, "value": "" if value is None else str(value)[:200], "message": message,
            "suggestion": suggestion,
        })

    @property
    def failed(self) -> bool:
        return self.error_count > 0

    # cells -------------------------------------------------------------
    def read(self, number: int, values) -> dict:
        """Every template column of one row as stripped text ("" when empty or not mapped). A text that passed
        the checks is remembered per column (categories, units, laws, time limits repeat across thousands of
        rows), so a repeated cell costs one dict lookup; a refused cell is never remembered, so every row that
        has it gets its own error."""
        row = self.blank.copy()
        if len(values) < self.width:
            values = list(values) + [None] * (self.width - len(values))
        # each column's memo looked up in C for the whole row (only texts and None are remembered: 1, 1.0 and True
        # never match a key); the cells not remembered (a unique name, a number, a refused cell) go through cell()
        # in column order, so the errors come in the same order as checking cell by cell
        cleaned = tuple(map(dict.get, self.read_cleans, self.pick(values)))
        if None in cleaned:
            cleaned = self.check_cells(number, values, cleaned)
        row.update(zip(self.read_keys, cleaned, strict=True))
        return row

    def check_cells(self, number: int, values, cleaned: tuple):
        """`cleaned` (the row's mapped cells looked up in their column memos) with every cell not remembered
        (None) checked by cell(), in column order. The unremembered cells are found in C (`index`): a row usually
        has one (its unique name), so no Python loop walks the other columns."""
        i = cleaned.index(None)
        if None not in cleaned[i + 1:]:  # one cell to check (the row's name, typically)
            key, pos, limit, clean = self.read_cols[i]
            return (*cleaned[:i], self.cell(number, key, values[pos], limit, clean), *cleaned[i + 1:])
        cleaned = list(cleaned)
        read_cols, cell, index = self.read_cols, self.cell, cleaned.index
        i = -1
        for _ in range(cleaned.count(None)):
            i = index(None, i + 1)
            key, pos, limit, clean = read_cols[i]
            cleaned[i] = cell(number, key, values[pos], limit, clean)
        return cleaned

    def cell(self, number: int, key: str, v, limit: int, clean: dict) -> str:
        if v.__class__ is str:
            if self.xlsx and v[0] == "=":
                self.error(number, key, v, "单元格是公式，请复制后“粘贴为数值”再导入")
                return ""
            s = v.strip()
            if "\x00" in s:
                self.error(number, key, s.replace("\x00", "␀"), "含有非法字符（NUL，\\x00），请删除后再导入")
                return ""
            if len(s) > limit:
                self.error(number, key, s[:50] + "…", f"内容过长：{len(s)} 个字，此列最多 {limit} 个字")
                return ""
            if len(clean) < CLEAN_CACHE_SIZE:
                clean[v] = s
            return s
        if v == "":
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if hasattr(v, "strftime"):
            return v.strftime("%Y-%m-%d")
        return str(v)

    def unit_for(self, number: int, row: dict) -> int | None:
        raw = row.get("unit", "")
        unit_id = self.units.resolve(raw)
        if unit_id is None:
            if not raw:
                self.error(number, "unit", raw, "实施部门为空（也未选择默认实施部门）")
            else:
                self.error(number, "unit", raw, UNKNOWN_UNIT, self.units.suggestion(raw))
            return None
        if unit_id not in self.checked_units:
            self.checked_units.add(unit_id)
            if self.assert_editable is not None:
                self.assert_editable(self.units.units[unit_id])
        return unit_id

    def duty_ids_for(self, number: int, unit_id: int, raw: str) -> list[int]:
        if not raw:
            return []
        numbers = parse_duty_refs(raw)
        if numbers is None:
            self.error(number, "duties", raw, "关联职责应填写三定主要职责的序号，如“（一）；（三）”或“1,3”")
            return []
        if not hasattr(self, "_duties"):
            self._duties = {}
        if unit_id not in self._duties:
            refs = current_duties([unit_id]).get(unit_id, [])
            self._duties[unit_id] = {r.number: r.duty_id for r in refs if r.number}
        known = self._duties[unit_id]
        ids = []
        for n in numbers:
            if n not in known:
                self.error(number, "duties", raw, f"该单位现行三定中没有第{n}项主要职责（现有{len(known)}项）")
            else:
                ids.append(known[n])
        return ids

    def tick(self):
        self.processed += 1
        if self.processed % PROGRESS_EVERY == 0:
            self.progress()

    def progress(self):
        now = time.monotonic()
        if now - self.progress_at >= PROGRESS_SECONDS:  # a cache write per interval, not per 500 rows
            self.progress_at = now
            write_progress(self.job.pk, self.processed, self.table.total_rows, "导入中")

    def run(self):
        raise NotImplementedError


# ------------------------------------------------------------------------------------------------ 权力清单
class NewItem:
    """A power item the import will insert: the columns PowerImporter.fast_insert writes, nothing else.
    Building a model instance per row (signals, field defaults, descriptor set-up) cost more than reading the
    row; these rows are validated here and written with one prepared INSERT per batch."""

    __slots__ = ("pk", "parent", "parent_id", "code", "code_serial", "region_id", "name", "name_key", "search_text",
                 "category_id",
                 "unit_id", "internal_body_id", "target", "exercise_level", "statutory_limit", "promised_limit",
                 "accountability", "basis_pending", "note", "import_job_id")

    def __init__(self, fields: dict, parent=None):
        get = fields.get  # explicit assignments: a setattr loop over keyword arguments cost 2× this
        self.pk, self.parent, self.parent_id, self.code, self.code_serial = None, parent, None, "", 0
        self.name, self.name_key = fields["name"], fields["name_key"]
        self.search_text = get("search_text") or self.name_key  # a 主项's (a 子项's names its 主项 too)
        self.category_id, self.unit_id, self.region_id = fields["category_id"], fields["unit_id"], fields["region_id"]
        self.internal_body_id = get("internal_body_id")
        self.target, self.exercise_level = get("target", ""), get("exercise_level", "")
        self.statutory_limit, self.promised_limit = get("statutory_limit", ""), get("promised_limit", "")
        self.accountability, self.note = get("accountability", ""), get("note", "")
        self.basis_pending, self.import_job_id = get("basis_pending", False), get("import_job_id")

    @classmethod
    def of_row(cls, name, name_key, search_text, category_id, unit_id, region_id, internal_body_id, target,
               exercise_level, statutory_limit, promised_limit, accountability, note, basis_pending, import_job_id):
        """The per-row constructor: no intermediate dict of fields, positional arguments (no parent yet)."""
        self = cls.__new__(cls)
        self.pk, self.parent, self.parent_id, self.code, self.code_serial = None, None, None, "", 0
        self.name, self.name_key, self.search_text, self.category_id, self.unit_id, self.region_id = (
            name, name_key, search_text, category_id, unit_id, region_id)
        self.internal_body_id, self.target, self.exercise_level = internal_body_id, target, exercise_level
        self.statutory_limit, self.promised_limit = statutory_limit, promised_limit
        self.accountability, self.note, self.basis_pending, self.import_job_id = (
            accountability, note, basis_pending, import_job_id)
        return self

    def fields(self) -> dict:
        """The row's values by field name (for updating an existing item or filling in a 主项)."""
        return {attr: getattr(self, attr) for attr in ROW_FIELDS}


ROW_FIELDS = ("name", "name_key", "search_text", "category_id", "unit_id", "region_id", "internal_body_id", "target",
              "exercise_level", "statutory_limit", "promised_limit", "accountability", "note", "basis_pending",
              "import_job_id")


class MainRef:
    """What a written 主项 still needs to be for a later 子项 row (its parent): its key and 编码. `mains` keeps only the
    编码 of a written 主项 (its key is in the region's codes), not the whole row, so a 100,000-row import does not hold
    every row's texts until the end; main_for makes this from it when a 子项 row names the 主项."""

    __slots__ = ("pk", "code")

    def __init__(self, pk, code):
        self.pk, self.code = pk, code


FILLED_FIELDS = ["code", "name", "name_key", "search_text", "category_id", "unit_id", "region_id", "internal_body_id", "target",
                 "exercise_level", "statutory_limit", "promised_limit", "accountability", "note", "basis_pending"]


# plain str, not the enum members: sqlite3 binds a str subclass (like a bool) only after failing to find an adapter for
# it, an exception formatted and cleared per value (≈ 6,000 instructions; psycopg walks the type's MRO for its dumper)
SETTING, IMPLEMENTING = CitationKind.SETTING.value, CitationKind.IMPLEMENTING.value


def serial_format(fmt: str, **fixed):
    """`fmt` (the 编码 format, fields {region} {prefix} {serial}) with every field but {serial} filled in once:
    the returned callable formats one number per code instead of merging keyword arguments per code. Same text
    as `fmt.format(serial=n, **fixed)`; a format this cannot take apart is used as it is."""
    plain = functools.partial(fmt.format, **fixed)

    def slow(serial):
        return plain(serial=serial)

    out = []
    try:
        for literal, field, spec, conv in string.Formatter().parse(fmt):
            out.append(literal.replace("{", "{{").replace("}", "}}"))
            if field is None:
                continue
            if not field.isidentifier() or "{" in (spec or "") or (field != "serial" and field not in fixed):
                return slow
            one = "{0" + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            out.append(one if field == "serial" else one.format(fixed[field]).replace("{", "{{").replace("}", "}}"))
    except ValueError:
        return slow
    return "".join(out).format


class PowerImporter(BaseImporter):
    kind = "power"
    model = PowerItem

    def __init__(self, job, table):
        super().__init__(job, table)
        self.categories = CategoryResolver()
        self.laws = LawRegister()
        self.parse_cache: dict[str, list] = {}
        self.existing: dict[int, dict] = {}  # unit id → {(name_key, sub_key): (id, code)}
        self.region_codes: dict[int, dict] = {}  # region id → {code: (id, unit id)}
        self.serials: dict[tuple, int] = {}
        self.code_parts: dict[tuple, object] = {}  # (region id, prefix) → serial → 编码 (serial_format)
        self.known_categories: dict[str, PowerCategory] = {}  # category text → category, once resolved
        self.known_units: dict[str, tuple] = {}  # unit text → (unit id, region id, the region's codes), once checked
        self.sub_serials: dict[str, int] = {}
        self.bodies: dict[int, dict] = {}
        self.seen_keys: dict[tuple, int] = {}
        self.seen_codes: dict[tuple, int] = {}
        # (unit id, name key) → the 主项: a PowerItem, a NewItem, or the 编码 of one already written (see main_for)
        self.mains: dict[tuple, object] = {}
        self.implicit_mains: set[tuple] = set()
        # (item, citations, duty ids, filled in); the item of a plain new 主项 is its row as written (a FAST_COLUMNS list)
        self.pending: list[tuple] = []
        self.pending_mixed = False  # whether `pending` holds anything but plain new 主项 (see flush)
        self.pending_bodies = False  # whether a plain new 主项 in `pending` has a 承办机构
        self.basis_mapped = "setting_basis" in self.cols or "implementing_basis" in self.cols
        self.code_format = code_format()
        self.now = timezone.now()
        self.job_id = job.pk

    # lookups ------------------------------------------------------------
    def existing_for(self, unit_id):
        if unit_id not in self.existing:
            self.existing[unit_id] = {
                (name_key, parent_key or ""): (pk, code)
                for pk, name_key, parent_key, code in PowerItem._base_manager.filter(unit_id=unit_id)
                .values_list("pk", "name_key", "parent__name_key", "code")
            }
            # (main items: key (name, "") ; sub items: key (parent name, sub name))
            fixed = {}
            for (name_key, parent_key), value in self.existing[unit_id].items():
                fixed[(parent_key, name_key) if parent_key else (name_key, "")] = value
            self.existing[unit_id] = fixed
        return self.existing[unit_id]

    def codes_for(self, region_id):
        if region_id not in self.region_codes:
            self.region_codes[region_id] = {
                code: (pk, unit_id) for code, pk, unit_id in
                PowerItem._base_manager.filter(region_id=region_id).values_list("code", "pk", "unit_id")}
        return self.region_codes[region_id]

    def body_for(self, number, unit_id, raw):
        if not raw:
            return None
        if unit_id not in self.bodies:

            self.bodies[unit_id] = {search_key(name): pk for pk, name in
                                    InternalBody.objects.filter(unit_id=unit_id).values_list("pk", "name")}
        body_id = self.bodies[unit_id].get(search_key(raw))
        if body_id is None:

            names = InternalBody.objects.filter(unit_id=unit_id).values_list("name", flat=True)
            self.error(number, "internal_body", raw, "不是该实施部门的内设机构", suggest(raw, names))
        return body_id

    def region_of(self, unit_id):
        return self.units.units[unit_id].region_id

    def region_code(self, region_id):
        if not hasattr(self, "_region_codes_text"):

            self._region_codes_text = dict(Region.objects.values_list("pk", "code"))
        return self._region_codes_text.get(region_id, "")

    def allocate_code(self, region_id, category) -> tuple[str, int]:
        key = (region_id, category.code_prefix)
        codes = self.codes_for(region_id)
        if key not in self.serials:
            from django.db.models import Max

            self.serials[key] = PowerItem._base_manager.filter(
                region_id=region_id, category__code_prefix=category.code_prefix, parent__isnull=True
            ).aggregate(m=Max("code_serial"))["m"] or 0
            self.code_parts[key] = serial_format(self.code_format, region=self.region_code(region_id),
                                                 prefix=category.code_prefix)
        serial = self.serials[key]
        fmt = self.code_parts[key]
        while True:
            serial += 1
            code = fmt(serial)
            if code not in codes:
                break
        self.serials[key] = serial
        return code, serial

    def allocate_sub_code(self, region_id, parent: PowerItem) -> tuple[str, int]:
        codes = self.codes_for(region_id)
        n = self.sub_serials.get(parent.code)
        if n is None:
            n = PowerItem._base_manager.filter(parent_id=parent.pk).count() if parent.pk else 0
        while True:
            n += 1
            code = f"{parent.code}-{n:03d}"
            if code not in codes:
                break
        self.sub_serials[parent.code] = n
        return code, n

    def citations_for(self, raw: str, kind: str) -> list[tuple]:
        cache_key = (raw, kind)
        if cache_key not in self.parse_cache:
            result = []
            for pos, c in enumerate(parse_basis(raw)):
                law_id = self.laws.law_id(c.law, c.doc_number) if c.law else None
                result.append((kind, law_id, c.article[:300], search_key(c.article)[:300], c.text, pos))
            self.parse_cache[cache_key] = result
        return self.parse_cache[cache_key]

    # rows ---------------------------------------------------------------
    # the cells a row is read into, in this order (a column the file does not have reads as "")
    ROW_KEYS = ("name", "sub_name", "category", "unit", "setting_basis", "implementing_basis", "duties", "internal_body",
                "code", "target", "exercise_level", "statutory_limit", "promised_limit", "accountability", "note")

    def run(self):
        """One pass over the rows: each row's cells are read into local names (no dict per row) and checked in
        the same order as ever (cells, name, category, unit, basis, duties, body, duplicates, code, existing
        items), so the errors come in the same order with the same messages; the common case (a new 主项 whose
        texts were all seen before) runs without a method call, the rare ones call the methods below."""
        last_name = ""
        error, progress = self.error, self.progress
        cleans, pick, width = self.read_cleans, self.pick, self.width
        where = {key: i for i, key in enumerate(self.read_keys)}
        unmapped = len(self.read_keys)  # the index of the "" appended to each row's cells
        take = operator.itemgetter(*[where.get(key, unmapped) for key in self.ROW_KEYS])
        empty = ("",)
        known_categories, known_units = self.known_categories, self.known_units
        seen_keys, seen_codes, mains, implicit_mains = self.seen_keys, self.seen_codes, self.mains, self.implicit_mains
        parsed, citations_for = self.parse_cache, self.citations_for
        serials, code_parts = self.serials, self.code_parts
        basis_mapped, job_id, cols = self.basis_mapped, self.job_id, self.cols
        new_item, check_cells, pending = NewItem.of_row, self.check_cells, self.pending
        positions = [pos for _, pos, _, _ in self.read_cols]
        limits = [limit for _, _, limit, _ in self.read_cols]
        xlsx = self.xlsx
        processed = self.processed
        try:
            for number, values in self.table.rows():
                processed += 1  # tick(), inline (self.processed kept at each progress step and at the end)
                if processed % PROGRESS_EVERY == 0:
                    self.processed = processed
                    progress()
                # the cells (read(), inline): each column's memo looked up in C, the cells not remembered checked
                if len(values) < width:
                    values = list(values) + [None] * (width - len(values))
                cleaned = tuple(map(dict.get, cleans, pick(values)))
                if None in cleaned:
                    # one cell not remembered (the row's unique name, as a rule), a text that passes every check of
                    # cell() on sight: taken here; anything else (several such cells, a number, a possible formula,
                    # NUL or too long a text) goes through check_cells() for its errors in column order
                    i = cleaned.index(None)
                    v = values[positions[i]]
                    if (v.__class__ is str and len(v) <= limits[i] and (not xlsx or v[0] != "=")
                            and "\x00" not in v and None not in cleaned[i + 1:]):
                        text, clean = v.strip(), cleans[i]
                        if len(clean) < CLEAN_CACHE_SIZE:
                            clean[v] = text
                        cleaned = (*cleaned[:i], text, *cleaned[i + 1:])
                    else:
                        cleaned = tuple(check_cells(number, values, cleaned))  # a tuple already for one cell
                (name, sub_name, raw_category, raw_unit, setting, implementing, raw_duties, raw_body, code, target,
                 level, statutory, promised, accountability, note) = take(cleaned + empty)
                name = nfkc(name) if name else ""
                if sub_name:
                    sub_name = nfkc(sub_name)
                if not name and sub_name and last_name:
                    name = last_name  # 主项 cell merged over its 子项 rows
                if name:
                    last_name = name
                else:
                    error(number, "name", "", "事项名称为空")
                category = known_categories.get(raw_category)  # a category text already resolved: one lookup
                if category is None:
                    category = self.category_of(number, raw_category)
                unit = known_units.get(raw_unit)  # a unit text already resolved and checked: one lookup
                if unit is None:
                    unit = self.unit_of(number, raw_unit)
                if basis_mapped and not setting and not implementing:
                    error(number, "setting_basis" if "setting_basis" in cols else "implementing_basis", "",
                          "缺少依据：设定依据和实施依据至少填写一项")
                if unit is None or not name:
                    continue
                unit_id, region_id, codes, existing = unit
                duty_ids = self.duty_ids_for(number, unit_id, raw_duties) if raw_duties else []
                body_id = self.body_for(number, unit_id, raw_body) if raw_body else None
                name_key = search_key_of_nfkc(name)
                sub_key = search_key_of_nfkc(sub_name) if sub_name else ""
                # a 主项 row's key is the (unit, name) pair its later 子项 rows look it up by (`mains`): one tuple for both
                key = (unit_id, name_key, sub_key) if sub_key else (unit_id, name_key)
                if key in seen_keys:
                    error(number, "sub_name" if sub_name else "name", sub_name or name,
                          f"与第{seen_keys[key]}行是同一事项（重复）")
                    continue
                seen_keys[key] = number
                existing_id = None
                if code:
                    code = nfkc(code)
                if code:
                    if (region_id, code) in seen_codes:
                        error(number, "code", code, f"编码与第{seen_codes[(region_id, code)]}行重复")
                        continue
                    seen_codes[(region_id, code)] = number
                    found = codes.get(code)
                    if found:
                        if found[1] != unit_id:
                            error(number, "code", code, "该编码已被其他单位的事项使用")
                            continue
                        existing_id = found[0]
                if existing_id is None:
                    clash = existing.get((name_key, sub_key))
                    if clash:
                        error(number, "sub_name" if sub_name else "name", sub_name or name,
                              f"该单位已有同名事项（编码 {clash[1]}），如需修改请在“编码”列填写该编码")
                        continue
                if category is None:
                    continue
                # the parsed citations are shared between rows citing the same text (read-only from here on)
                citations = (parsed.get((setting, SETTING)) or citations_for(setting, SETTING)) if setting else []
                if implementing:
                    citations = citations + (parsed.get((implementing, IMPLEMENTING))
                                             or citations_for(implementing, IMPLEMENTING))
                if sub_name or existing_id is not None or self.error_count or key in implicit_mains:
                    item = new_item(  # positional: name, name_key, search text, category, unit, region, body, target,
                        # level, limits, accountability, note, basis pending, job
                        sub_name or name, sub_key or name_key,
                        power_search_text(sub_key, name_key) if sub_name else name_key, category.id, unit_id,
                        region_id, body_id, target[:300], level[:50], statutory[:100], promised[:100], accountability,
                        note, not basis_mapped, job_id)  # (a number cell's text is not length-checked)
                    self.write_row(number, item, name, name_key, sub_name, code, existing_id, category, citations,
                                   duty_ids, codes)
                    pending = self.pending  # write_row may have flushed (a new list)
                else:  # a new 主项 (the common case): its 编码, then pending as the row it is written as (FAST_COLUMNS)
                    if code:
                        serial = 0
                    else:  # allocate_code(), inline once the (region, prefix) has its serial and format
                        serial_key = (region_id, category.code_prefix)
                        serial = serials.get(serial_key)
                        if serial is None:
                            code, serial = self.allocate_code(region_id, category)
                        else:
                            fmt = code_parts[serial_key]
                            serial += 1
                            code = fmt(serial)
                            while code in codes:
                                serial += 1
                                code = fmt(serial)
                            serials[serial_key] = serial
                    codes[code] = (None, unit_id)
                    mains[key] = code  # a 子项 row naming it before its batch is written: main_for (materialize)
                    pending.append(([None, code, serial, name, name_key, name_key, category.id, unit_id, region_id,
                                     target[:300], level[:50], statutory[:100], promised[:100], accountability, note,
                                     body_id], citations, duty_ids, False))
                    if body_id is not None:
                        self.pending_bodies = True
                    if len(pending) >= BATCH:
                        self.flush()
                        pending = self.pending
        finally:
            self.processed = processed  # also when a row raises (a locked unit)
        self.flush()

    def category_of(self, number, raw_category):
        """The category a text names (remembered once found), or None with the row's error."""
        if not raw_category:
            self.error(number, "category", "", "事项类别为空")
            return None
        category = self.categories.resolve(raw_category)
        if category is None:
            hint = self.categories.suggestion(raw_category)
            self.error(number, "category", raw_category,
                       "不是“事项类别”字典中的类别" + (f"，您是否要填“{hint}”？" if hint else ""), hint)
        else:
            self.known_categories[raw_category] = category
        return category

    def unit_of(self, number, raw_unit):
        """(unit id, region id, the region's codes) for a unit text, resolved and its lock checked once
        (remembered), or None with the row's error."""
        unit_id = self.unit_for(number, {"unit": raw_unit})
        if unit_id is None:
            return None
        region_id = self.units.units[unit_id].region_id
        unit = self.known_units[raw_unit] = (unit_id, region_id, self.codes_for(region_id), self.existing_for(unit_id))
        return unit

    def write_row(self, number, item, name, name_key, sub_name, code, existing_id, category, citations, duty_ids,
                  codes):
        """A valid row that is not a plain new 主项: a 子项 (its 主项 found or made), an update of an existing item
        (编码 given), a 主项 first made from its 子项 rows, or any row after an error (validated only)."""
        unit_id, region_id = item.unit_id, item.region_id
        parent = None
        if sub_name:
            parent = item.parent = self.main_for(number, unit_id, region_id, name, name_key, category)
        if self.error_count:
            return  # nothing will be written: keep validating only
        if existing_id is not None:
            item = self.update_existing(existing_id, item.fields(), parent, citations, duty_ids)
            if not sub_name:
                self.mains[(unit_id, name_key)] = item
            return
        main_key = (unit_id, name_key)
        if not sub_name and main_key in self.implicit_mains:
            main = self.mains[main_key]  # a 主项 first seen through its 子项 rows: fill in its own row
            self.implicit_mains.discard(main_key)
            for attr, value in item.fields().items():
                setattr(main, attr, value)
            if code:
                main.code = code
            self.pending.append((main, citations, duty_ids, True))
            self.pending_mixed = True
        else:
            if code:
                item.code = code
            elif parent is not None:
                item.code, item.code_serial = self.allocate_sub_code(region_id, parent)
            else:
                item.code, item.code_serial = self.allocate_code(region_id, category)
            codes[item.code] = (None, unit_id)
            if not sub_name:
                self.mains[main_key] = item
            self.pending.append((item, citations, duty_ids, False))
            self.pending_mixed = True
        if len(self.pending) >= BATCH:
            self.flush()

    def main_for(self, number, unit_id, region_id, name, name_key, category) -> PowerItem | None:
        key = (unit_id, name_key)
        item = self.mains.get(key)
        if item is not None:
            if item.__class__ is str:  # a 主项 kept as its 编码: written (its key is in the region's codes) or pending
                pk = self.codes_for(region_id)[item][0]
                if pk is None:  # pending in this batch as its row: made a NewItem, which gets its key when written
                    self.materialize()
                    found = self.mains[key]
                    return found if found.__class__ is NewItem else MainRef(None, item)  # (errors: nothing pending)
                item = MainRef(pk, item)
            return item
        found = self.existing_for(unit_id).get((name_key, ""))
        if found:
            item = PowerItem._base_manager.get(pk=found[0])
        else:
            item = NewItem({"name": name, "name_key": name_key, "category_id": category.id, "unit_id": unit_id,
                            "region_id": region_id, "basis_pending": True, "import_job_id": self.job_id,
                            "note": "由子项行生成的主项"})
            item.code, item.code_serial = self.allocate_code(region_id, category)
            self.codes_for(region_id)[item.code] = (None, unit_id)
            self.implicit_mains.add(key)
            if not self.failed:
                self.pending.append((item, [], [], False))
                self.pending_mixed = True
        self.mains[key] = item
        return item

    def update_existing(self, pk, fields, parent, citations, duty_ids):
        self.flush()
        item = PowerItem._base_manager.get(pk=pk)
        for attr, value in fields.items():
            if attr != "import_job_id":
                setattr(item, attr, value)
        item.parent_id = parent.pk if parent is not None else None  # flushed above: a new 主项 has its key
        item.save()
        Citation._base_manager.filter(power_item=item).delete()
        Citation.objects.bulk_create(self.citation_objects(item, citations))
        item.duties.set(duty_ids)
        self.updated += 1
        return item

    def citation_objects(self, item, citations):
        return [Citation(power_item_id=item.pk, kind=kind, law_id=law_id, article=article, article_key=akey,
                         text=text, position=pos, created_at=self.now, updated_at=self.now)
                for kind, law_id, article, akey, text, pos in citations]

    def materialize(self):
        """The pending plain new 主项 (kept as their rows, FAST_COLUMNS) as NewItem objects, in place, and in `mains`:
        a 子项 row names one of them (its parent gets its key when the batch is written), or the batch is mixed."""
        basis_pending, job_id, mains, pending = not self.basis_mapped, self.job_id, self.mains, self.pending
        for i, (row, citations, duty_ids, filled) in enumerate(pending):
            if row.__class__ is list:
                (_, code, serial, name, name_key, search_text, category_id, unit_id, region_id, target, level,
                 statutory, promised, accountability, note, body_id) = row
                item = NewItem.of_row(name, name_key, search_text, category_id, unit_id, region_id, body_id, target,
                                      level, statutory, promised, accountability, note, basis_pending, job_id)
                item.code, item.code_serial = code, serial
                pending[i] = (item, citations, duty_ids, filled)
                if mains.get((unit_id, name_key)) == code:
                    mains[(unit_id, name_key)] = item
        self.pending_mixed = True

    def flush(self):
        if self.failed or not self.pending:
            self.pending = []
            self.pending_bodies = False
            return
        if not self.pending_mixed:  # plain new 主项 only (the common case): written as they were kept
            return self.flush_rows()
        self.materialize()
        self.pending_bodies = False
        batch, self.pending = self.pending, []
        # Each entry not marked filled is a new item, pending once. A filled entry is a 主项 first made from its 子项
        # rows whose own row came since: pending twice when it is new in this batch (written once, with its own
        # row's values), else written by an earlier batch (it has its key) and updated here.
        new = [e[0] for e in batch if not e[3]]  # a 子项, a filled-in or implicit 主项 among them (write_row, main_for)
        filled = [e[0] for e in batch if e[3] and e[0].pk is not None]
        subs = [i for i in new if i.parent is not None]
        mains = [i for i in new if i.parent is None] if subs else new
        self.pending_mixed = False
        self.fast_insert(mains)
        for sub in subs:
            sub.parent_id = sub.parent.pk  # the 主项 has its primary key now
        self.fast_insert(subs)
        self.created += len(new)
        for item in filled:  # a 主项 inserted from its 子项 rows, then its own row came
            PowerItem._base_manager.filter(pk=item.pk).update(
                updated_at=self.now, **{attr: getattr(item, attr) for attr in FILLED_FIELDS})
        cited = []
        codes, codes_region = None, None
        known_mains, implicit_mains = self.mains, self.implicit_mains
        for item, cites, duty_ids, filled_in in batch:
            if item.region_id != codes_region:
                codes_region = item.region_id
                codes = self.codes_for(codes_region)
            pk = item.pk
            codes[item.code] = (pk, item.unit_id)
            if not filled_in and item.parent is None:  # a new 主项: later 子项 rows need only its key and 编码, and
                key = (item.unit_id, item.name_key)  # the key is in `codes` from here on: the 编码 alone is kept
                if known_mains.get(key) is item and key not in implicit_mains:
                    known_mains[key] = item.code
            if cites or duty_ids:
                cited.append((pk, cites, duty_ids))
        self.write_citations_and_duties(cited)

    def write_citations_and_duties(self, cited: list[tuple]) -> None:
        """A written batch's citations and duty links: `cited` holds (key, parsed citations, duty ids) of its items."""
        citations, links = [], []
        through = PowerItem.duties.through
        prefix = self._citation_prefix()
        for pk, cites, duty_ids in cited:
            if cites:  # the rows as written (fast_insert_citations): the constant head, then the parsed citation
                head = (*prefix, pk)
                if len(cites) == 1:
                    citations.append(head + cites[0])
                else:
                    citations += [head + c for c in cites]
            if duty_ids:
                links += [through(poweritem_id=pk, duty_id=d) for d in duty_ids]
        self.fast_insert_citations(citations)
        if links:
            through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)

    # a plain new 主项 as `pending` keeps it until its batch is written: the values its row is inserted with, its key
    # (None until then) first, as a list (the key is set in place when the batch is written)
    FAST_COLUMNS = ["id", "code", "code_serial", "name", "name_key", "search_text", "category_id", "unit_id",
                    "region_id", "target", "exercise_level", "statutory_limit", "promised_limit", "accountability",
                    "note", "internal_body_id"]

    def flush_rows(self):
        """A batch of plain new 主项 (the common case), kept as their rows (FAST_COLUMNS): no object per row. The rows
        are written with their keys, then each key goes into its region's codes (`mains` has held the 主项's 编码 since
        its row was read: main_for finds the key there), and the citations and duties are written."""
        batch, self.pending = self.pending, []
        bodies, self.pending_bodies = self.pending_bodies, False
        self.insert_rows(list(map(operator.itemgetter(0), batch)), bodies)
        self.created += len(batch)
        cited = []
        codes, codes_region = None, None
        for row, cites, duty_ids, _ in batch:
            pk = row[0]
            if row[8] != codes_region:
                codes_region = row[8]
                codes = self.codes_for(codes_region)
            codes[row[1]] = (pk, row[7])
            if cites or duty_ids:
                cited.append((pk, cites, duty_ids))
        self.write_citations_and_duties(cited)

    def insert_rows(self, rows: list[list], bodies: bool) -> None:
        """Insert plain new 主项 given as FAST_COLUMNS rows (no parent, the import's 依据待补录 and job), each row's key
        taken as fast_insert does and set in place. `bodies`: whether any row has a 承办机构 (else that column is
        written as NULL for all, and the rows lose their last value)."""

        basis_pending = not self.basis_mapped
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # keys from the table's sequence up front, as fast_insert
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                               [PowerItem._meta.db_table, len(rows)])
                pks = cursor.fetchall()
            now = self._now_copy()
            head = (now, now, 1, None, basis_pending, self.job_id)
            for row, (pk,) in zip(rows, pks, strict=True):
                row[0] = pk
                row += head
            self._write_rows(PowerItem, [*self.FAST_COLUMNS, "created_at", "updated_at", "row_version", "parent_id",
                                         "basis_pending", "import_job_id"], rows)
            return
        last = self._last_key()
        now = self._now_db()
        fixed = {"created_at": now, "updated_at": now, "row_version": 1, "parent_id": None,
                 "basis_pending": basis_pending, "import_job_id": self.job_id}
        columns = self.FAST_COLUMNS
        if bodies:
            for pk, row in enumerate(rows, last + 1):
                row[0] = pk
        else:  # no 承办机构 in the batch (the rule): NULL written into the statement, not bound per row
            fixed["internal_body_id"] = None
            columns = columns[:-1]
            for pk, row in enumerate(rows, last + 1):
                row[0] = pk
                del row[-1]
        self._write_rows(PowerItem, columns, rows, fixed)

    # The fast path: prepared INSERTs of many rows each (SQLite) or COPY (PostgreSQL); bulk_create compiles SQL per
    # object, which costs more than reading the workbook. Values are plain str/int/None (bools only when they
    # differ within a batch) plus the adapted timestamp.
    def _write_rows(self, model, attnames, rows, fixed=None):
        """PostgreSQL: COPY (one stream per batch; a prepared INSERT per row cost ~10× more on the server).
        SQLite: INSERTs of many rows each; `fixed` (SQLite only) maps the columns that have one value in every row
        of the batch (timestamps, row version, NULL keys) to it, written into the statement instead of bound per
        row: `rows` hold the values of `attnames` only."""

        qn = connection.ops.quote_name
        if connection.vendor != "postgresql":
            # straight to the sqlite3 connection: Django's cursor wrapper adds nothing to one prepared statement.
            # Many rows per INSERT (VALUES (…), (…), …): each execution of a statement opens a cursor on the table
            # and on each of its indexes, reads and writes AUTOINCREMENT's counter and resets the statement; per
            # row that was ≈ 40 % of SQLite's instructions for these inserts. The constants: sqlite3 binds each
            # value (a text is copied; None goes through its adapter lookup, an exception raised and cleared),
            # ≈ 15 % of the rest.
            fixed = fixed or {}
            cols = ", ".join(qn(model._meta.get_field(a).column) for a in [*attnames, *fixed])
            values = "(" + ", ".join(["?"] * len(attnames) + [_sqlite_literal(v) for v in fixed.values()]) + ")"
            head = f"INSERT INTO {qn(model._meta.db_table)} ({cols}) VALUES "
            per = max(1, SQLITE_MAX_PARAMS // len(attnames))
            rows = rows if isinstance(rows, list) else list(rows)
            whole = len(rows) - len(rows) % per
            flat = itertools.chain.from_iterable
            connection.ensure_connection()
            with connection.wrap_database_errors:
                db = connection.connection
                if whole:
                    db.executemany(head + ", ".join([values] * per),
                                   (tuple(flat(rows[i:i + per])) for i in range(0, whole, per)))
                if whole < len(rows):
                    db.execute(head + ", ".join([values] * (len(rows) - whole)), tuple(flat(rows[whole:])))
            return
        assert not fixed, "COPY takes every column of every row"
        with connection.cursor() as cursor:
            cols = ", ".join(qn(model._meta.get_field(a).column) for a in attnames)
            with cursor.cursor.copy(f"COPY {qn(model._meta.db_table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _now_copy(self) -> str:
        """The timestamp as COPY text, formatted once: psycopg formatting a datetime per row cost 1.2 µs a value
        (0.5 s for the 400,000 timestamps of 100,000 items and their citations)."""
        return self.now.isoformat()

    def _now_db(self):

        if not hasattr(self, "_now_value"):
            self._now_value = connection.ops.adapt_datetimefield_value(self.now)
        return self._now_value

    def _last_key(self) -> int:
        """SQLite: the largest key `lists_poweritem` has had (its largest key, or AUTOINCREMENT's high-water mark)."""

        table = PowerItem._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(k) FROM (SELECT max(id) AS k FROM {connection.ops.quote_name(table)} "
                           "UNION ALL SELECT seq FROM sqlite_sequence WHERE name = %s)", [table])
            return cursor.fetchone()[0] or 0

    ITEM_FIELDS = ["created_at", "updated_at", "row_version", "region_id", "code", "code_serial", "name", "name_key",
                   "search_text", "category_id", "parent_id", "unit_id", "internal_body_id", "target", "exercise_level",
                   "statutory_limit", "promised_limit", "accountability", "basis_pending", "note", "import_job_id"]

    def fast_insert(self, items):
        if not items:
            return

        if connection.vendor == "postgresql":
            # keys taken from the table's sequence up front, so the rows go in with them and nothing is read back
            with connection.cursor() as cursor:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                               [PowerItem._meta.db_table, len(items)])
                for item, (pk,) in zip(items, cursor.fetchall(), strict=True):
                    item.pk = pk
            now = self._now_copy()
            self._write_rows(PowerItem, ["id"] + self.ITEM_FIELDS, [
                (i.pk, now, now, 1, i.region_id, i.code, i.code_serial, i.name, i.name_key, i.search_text,
                 i.category_id, i.parent_id, i.unit_id, i.internal_body_id, i.target, i.exercise_level, i.statutory_limit,
                 i.promised_limit, i.accountability, i.basis_pending, i.note, i.import_job_id) for i in items])
            return
        # SQLite: the keys follow the table's largest key (and AUTOINCREMENT's high-water mark), taken inside the
        # import's transaction, which holds SQLite's only write lock (BEGIN IMMEDIATE) until COMMIT: no other
        # connection can insert in between, so the rows go in with their keys and nothing is read back.
        last = self._last_key()
        for pk, item in enumerate(items, last + 1):
            item.pk = pk
        now = self._now_db()
        fixed = {"created_at": now, "updated_at": now, "row_version": 1}
        for attr in self.BATCH_CONSTANT:  # one value in the whole batch, as a rule (NULL keys above all)
            values = list(map(operator.attrgetter(attr), items))
            if values.count(values[0]) == len(values):
                fixed[attr] = values[0]
        columns = ["id", *(a for a in self.ITEM_FIELDS if a not in fixed)]
        self._write_rows(PowerItem, columns, list(map(operator.attrgetter(
            *("pk" if a == "id" else a for a in columns)), items)), fixed)

    # the item columns that have one value in a whole batch as a rule (no 主项, no 承办机构, the same 依据待补录)
    BATCH_CONSTANT = ("parent_id", "internal_body_id", "basis_pending", "import_job_id")

    CITATION_FIELDS = ["created_at", "updated_at", "row_version", "power_item_id", "kind", "law_id", "article",
                       "article_key", "text", "position"]

    def fast_insert_citations(self, rows):
        """rows: (created, updated, row version, item id, kind, law id, article, article key, text, position) on
        PostgreSQL; without the first three (one value for all, `_citation_prefix`) on SQLite."""
        if not rows:
            return

        if connection.vendor == "postgresql":
            self._write_rows(Citation, self.CITATION_FIELDS, rows)
        else:
            now = self._now_db()
            self._write_rows(Citation, self.CITATION_FIELDS[3:], rows,
                             {"created_at": now, "updated_at": now, "row_version": 1})

    def _citation_prefix(self) -> tuple:
        """What a citation row starts with before its item's key: the timestamps (COPY text) and row version on
        PostgreSQL, nothing on SQLite (written into the statement)."""

        return (self._now_copy(), self._now_copy(), 1) if connection.vendor == "postgresql" else ()


def _sqlite_literal(value) -> str:
    """One of the import's constants (None, a bool, an int, the timestamp's text) as an SQLite literal."""
    if value is None:
        return "NULL"
    if isinstance(value, int):  # bool included
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"not a constant for an INSERT: {value!r}")


# ------------------------------------------------------------------------------------------------ 责任清单（按部门）
KIND_LABELS = {search_key(label): value for value, label in ResponsibilityKind.choices}
KIND_LABELS.update({search_key("具体工作事项"): ResponsibilityKind.DUTY_TASK,
                    search_key("主要职责及具体工作事项"): ResponsibilityKind.DUTY_TASK,
                    search_key("与相关部门的职责边界"): ResponsibilityKind.BOUNDARY,
                    search_key("事中事后监管制度"): ResponsibilityKind.SUPERVISION})
_SPLIT_NAMES = re.compile(r"[、，,;；\n]+")


class DutyImporter(BaseImporter):
    kind = "duty"
    model = ResponsibilityItem

    def __init__(self, job, table):
        super().__init__(job, table)
        # 相关单位 of a 职责边界 are named, not changed: any unit of the registry may be named
        self.related = UnitResolver(self.user, None)
        self.seen: dict[tuple, int] = {}
        self.basis_mapped = "basis" in self.cols

    def run(self):
        for number, values in self.table.rows():
            self.tick()
            self.row(number, self.read(number, values))

    def row(self, number, row):
        name = nfkc(row.get("name", ""))
        if not name:
            self.error(number, "name", "", "事项名称为空")
        raw_kind = row.get("kind", "")
        kind = ResponsibilityKind.DUTY_TASK
        if raw_kind:
            kind = KIND_LABELS.get(search_key(raw_kind))
            if kind is None:
                hint = suggest(raw_kind, [label for _, label in ResponsibilityKind.choices])
                self.error(number, "kind", raw_kind, "类型应为 主要职责、职责边界、事中事后监管 或 公共服务"
                           + (f"，您是否要填“{hint}”？" if hint else ""), hint)
        unit_id = self.unit_for(number, row)
        if self.basis_mapped and not row.get("basis") and kind != ResponsibilityKind.BOUNDARY:
            self.error(number, "basis", "", "缺少依据")
        related = []
        for part in _SPLIT_NAMES.split(row.get("related_units", "")):
            if part.strip():
                rid = self.related.resolve(part)
                if rid is None:
                    self.error(number, "related_units", part, "机构库中没有该单位",
                               self.related.suggestion(part))
                else:
                    related.append(rid)
        if unit_id is None or not name or kind is None:
            return
        duty_ids = self.duty_ids_for(number, unit_id, row.get("duties", ""))
        powers = []
        region_id = self.units.units[unit_id].region_id
        for code in _SPLIT_NAMES.split(row.get("power_codes", "")):
            code = nfkc(code)
            if code:
                pk = PowerItem._base_manager.filter(region_id=region_id, code=code).values_list("pk", flat=True).first()
                if pk is None:
                    self.error(number, "power_codes", code, "没有该编码的权力事项")
                else:
                    powers.append(pk)
        key = (unit_id, kind, search_key(name))
        if key in self.seen:
            self.error(number, "name", name, f"与第{self.seen[key]}行是同一事项（重复）")
            return
        self.seen[key] = number
        if self.failed:
            return
        item = ResponsibilityItem.objects.filter(unit_id=unit_id, kind=kind, name_key=search_key(name)).first()
        created = item is None
        item = item or ResponsibilityItem(unit_id=unit_id, kind=kind, import_job=self.job)
        item.name, item.content, item.basis = name, row.get("content", ""), row.get("basis", "")
        item.accountability_scope, item.division = row.get("accountability_scope", ""), row.get("division", "")
        item.note, item.position = row.get("note", ""), number
        item.save()
        item.related_units.set(related)
        item.duties.set(duty_ids)
        item.power_items.set(powers)
        if created:
            self.created += 1
        else:
            self.updated += 1


# ------------------------------------------------------------------------------------------------ 责任清单（按权力事项）
class StageImporter(BaseImporter):
    kind = "stage"
    model = StageResponsibility

    def __init__(self, job, table):
        super().__init__(job, table)
        self.categories = CategoryResolver()
        self.seen: dict[int, int] = {}
        self.mains_by_key: dict[int, dict] = {}  # unit id → {name key: the unit's 主项 of that name}

    def main_item_id(self, unit_id: int, name_key: str) -> int | None:
        """The key of the unit's 主项 named `name_key` (the first in the list's order, 编码 then key), or None. The
        unit's 主项 are read once, into a dict: `lists_poweritem` is indexed by unit only (ADR 0040), so a query per
        row (`unit_id = ? AND name_key = ?`) would read every item of the unit for each row."""
        found = self.mains_by_key.get(unit_id)
        if found is None:
            found = self.mains_by_key[unit_id] = {}
            for pk, key in (PowerItem._base_manager.filter(unit_id=unit_id, parent__isnull=True)
                            .order_by("code", "id").values_list("pk", "name_key")):
                found.setdefault(key, pk)
        return found.get(name_key)

    def run(self):
        for number, values in self.table.rows():
            self.tick()
            self.row(number, self.read(number, values))

    def row(self, number, row):
        name, code = nfkc(row.get("name", "")), nfkc(row.get("code", ""))
        if not name and not code:
            self.error(number, "name", "", "权力事项名称和编码都为空")
        unit_id = self.unit_for(number, row)
        stages = parse_stages(row.get("stages", ""))
        if not [s for s in stages if s[0]]:
            self.error(number, "stages", row.get("stages", "")[:60],
                       "未能识别责任环节，应写作“1.受理责任：……”（每个环节另起一行）")
        category = None
        if row.get("category"):
            category = self.categories.resolve(row["category"])
            if category is None:
                hint = self.categories.suggestion(row["category"])
                self.error(number, "category", row["category"], "不是“事项类别”字典中的类别"
                           + (f"，您是否要填“{hint}”？" if hint else ""), hint)
        if unit_id is None or (not name and not code):
            return
        if code:
            # by (region, 编码), the unique index (an item's region is its unit's): with the unit's index alone to
            # choose from, SQLite (no statistics) would read the unit's items for `unit_id = ? AND code = ?`
            item = PowerItem._base_manager.filter(region_id=self.units.units[unit_id].region_id, unit_id=unit_id,
                                                  code=code).first()
        else:
            pk = self.main_item_id(unit_id, search_key(name))
            item = PowerItem._base_manager.get(pk=pk) if pk is not None else None
        if item is None and code:
            self.error(number, "code", code, "该实施部门没有此编码的权力事项")
            return
        if item is None and category is None:
            self.error(number, "name", name, "该实施部门没有此权力事项；如需同时新建，请填写事项类别")
            return
        if item is not None and item.pk in self.seen:
            self.error(number, "name", name or code, f"与第{self.seen[item.pk]}行是同一权力事项（重复）")
            return
        if self.failed:
            return
        if item is None:

            item = create_power_item(unit=self.units.units[unit_id], name=name, category=category,
                                     basis_pending=True, note="由责任清单导入时新建，依据待补录")
            self.mains_by_key[unit_id].setdefault(item.name_key, item.pk)  # a later row naming it finds it
            self.created += 1
        else:
            self.updated += 1
        self.seen[item.pk] = number
        StageResponsibility.objects.filter(power_item=item).delete()
        for pos, (stage, content) in enumerate(stages):
            StageResponsibility.objects.create(power_item=item, stage=stage, content=content, position=pos)
        if row.get("accountability") and row["accountability"] != item.accountability:
            item.accountability = row["accountability"]
            item.save()


IMPORTERS = {"power": PowerImporter, "duty": DutyImporter, "stage": StageImporter}


# ------------------------------------------------------------------------------------------------ the job
def inspect_upload(job: ImportJob) -> None:
    """After upload: find the sheet and header, guess the column mapping and collect the unit names."""

    with local_path(job.file) as path:
        table = tabular.open_table(path, job.kind, job.original_name)
        try:
            job.headers, job.sheet_name, job.header_row = table.headers, table.sheet_name, table.header_row
            job.mapping = guess_mapping(job.kind, table.headers)
            unit_pos = next((int(p) for p, k in job.mapping.items() if k == "unit"), None)
            values: dict[str, None] = {}
            if unit_pos is not None:
                for seen, (_number, row) in enumerate(table.rows()):
                    if seen >= UNIT_SCAN_ROWS:  # the upload request stays short; later names still resolve by name
                        break
                    if unit_pos < len(row) and row[unit_pos] not in (None, ""):
                        values.setdefault(nfkc(str(row[unit_pos])), None)
                        if len(values) >= 200:
                            break
            job.unit_values = list(values)
            job.total_rows = table.total_rows
        finally:
            table.close()


def run_job(job: ImportJob) -> ImportJob:
    """Validate and import the whole file in one transaction; on any error, nothing is written. Whatever
    goes wrong, the job ends "failed" with a Chinese reason (never stays "running"); a heartbeat shows
    that the worker is alive while it runs."""
    stop = threading.Event()
    beat = threading.Thread(target=_beat, args=(job.pk, stop), daemon=True)
    beat.start()
    try:
        return _run_job(job)
    except Exception as exc:
        logger.exception("import job %s failed", job.pk)
        message = f"导入失败：系统错误（{type(exc).__name__}），所有行均未导入。可点击“重新导入”再试，仍失败请联系管理员。"
        ImportJob.objects.filter(pk=job.pk).update(status="failed", message=message, finished_at=timezone.now())
        job.refresh_from_db()
        return job
    finally:
        stop.set()
        beat.join(timeout=1)
        clear_progress(job.pk)


@contextmanager
def statement_journal_in_memory():
    """SQLite: the transaction begun inside this block keeps its statement journal in memory (`PRAGMA temp_store =
    MEMORY` for the connection, set before BEGIN — SQLite reads it when a transaction begins — and put back after).

    An INSERT of many rows (`VALUES (…), (…), …`) that may stop on a constraint (NOT NULL, CHECK, UNIQUE, the key)
    keeps, for the whole statement, a copy of every page it changes, so that a failed statement alone can be undone
    inside the transaction. With the default temp store that copy goes to a temporary file past 64 KiB: the
    100,000-row import made ≈ 120,000 `pwrite` calls of a 4-byte page number and ≈ 120,000 of a 4 KB page to it,
    about a sixth of its CPU in the kernel (bench/README.md, session 13; ADR 0047). In memory it is a copy per page,
    freed when the statement ends. Nothing about durability changes: the statement journal is never read after a
    crash (the WAL is), and the import's transaction is still all or nothing. Temporary tables and sorts are not
    used by the import; outside the block the connection is as before. Does nothing on PostgreSQL, or inside a
    transaction already open (the setting would not reach it, and SQLite may refuse it there)."""

    if connection.vendor != "sqlite" or connection.in_atomic_block or not connection.get_autocommit():
        yield
        return
    connection.ensure_connection()
    db = connection.connection
    previous = int(db.execute("PRAGMA temp_store").fetchone()[0])
    db.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        if connection.connection is db:  # (a connection closed meanwhile starts with the default again)
            db.execute(f"PRAGMA temp_store = {previous}")


def _run_job(job: ImportJob) -> ImportJob:

    locked_types = (LockedError,)
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now(), errors=[],
                                               message="", processed_rows=0)
    write_progress(job.pk, 0, job.total_rows, "读取文件")
    importer = None
    status, message = "failed", ""
    files = ExitStack()  # a local copy of the upload when the file store is remote, removed at the end
    with acting_as(job.owner, request_id=f"lists-import-{job.pk}"):
        try:
            table = tabular.open_table(files.enter_context(local_path(job.file)), job.kind, job.original_name)
            try:
                importer = IMPORTERS[job.kind](job, table)
                # The cyclic collector would walk every live object again and again while hundreds of
                # thousands of cells stream through; nothing here builds cycles, so pause it for the run.
                gc_was_enabled = gc.isenabled()
                gc.disable()
                try:
                    with statement_journal_in_memory(), transaction.atomic():
                        importer.run()
                        if importer.failed:
                            raise Rollback()
                        if importer.processed == 0:
                            raise tabular.TableError("文件中没有数据行（表头下方全为空行）。")
                        if len(importer.checked_units) == 1:
                            job.audit_unit_id = next(iter(importer.checked_units))
                        record(job, "update", None, {
                            "summary": f"导入{job.get_kind_display()}：新建 {importer.created} 条，"
                                       f"更新 {importer.updated} 条",
                            "file": job.original_name, "rows": importer.processed, "created": importer.created,
                            "updated": importer.updated,
                            "laws_registered": getattr(getattr(importer, "laws", None), "created", 0),
                            "unit_ids": sorted(importer.checked_units)})
                finally:
                    if gc_was_enabled:
                        gc.enable()
                status = "succeeded"
                message = f"已导入 {importer.processed} 行：新建 {importer.created} 条，更新 {importer.updated} 条。"
                laws = getattr(getattr(importer, "laws", None), "created", 0)
                if laws:
                    message += f"新登记法律法规 {laws} 部（待核实）。"
            finally:
                table.close()
        except Rollback:
            message = (f"发现 {importer.error_count} 处错误，所有行均未导入。请按错误说明修改后重新上传"
                       f"（可下载标注了错误的文件）。")
        except tabular.TableError as exc:
            message = str(exc)
        except locked_types as exc:  # the review flow refused: the unit's data is approved and locked
            message = f"{exc} 所有行均未导入。"
        finally:
            files.close()
    errors = importer.errors if importer is not None else []
    job.refresh_from_db()
    job.status, job.message, job.errors = status, message, errors
    job.processed_rows = importer.processed if importer else 0
    job.created_count = importer.created if importer and status == "succeeded" else 0
    job.updated_count = importer.updated if importer and status == "succeeded" else 0
    job.finished_at = timezone.now()
    if errors:

        content = annotated_workbook(job, errors)
        if content:
            job.error_file.save(f"错误标注-{Path(job.original_name).stem}.xlsx", ContentFile(content), save=False)
    ImportJob.objects.filter(pk=job.pk).update(
        status=job.status, message=job.message, errors=job.errors, processed_rows=job.processed_rows,
        created_count=job.created_count, updated_count=job.updated_count, finished_at=job.finished_at,
        error_file=job.error_file.name or "")
    clear_progress(job.pk)
    return job
