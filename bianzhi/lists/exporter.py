"""Export of 权力清单 / 责任清单 in the template's columns (xlsx and CSV), the blank templates, and the
annotated copy of a failed upload (an error column, the offending cells in red).

Exports are the import format: an exported file re-imports unchanged.
"""
import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db.models import Count
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bianzhi.core.spreadsheet import safe_cell, safe_row

from .citations import format_citations
from .columns import SHEET_NAMES, columns_for
from .duties import duty_labels, format_duty_refs
from .models import (
    Citation,
    PowerCategory,
    PowerItem,
    ResponsibilityItem,
    ResponsibilityKind,
    StageResponsibility,
)
from .stages import format_stages
from .tabular import _decode

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
CHUNK = 2000


# ------------------------------------------------------------------------------------------------ rows
def _chunks(ids, size=CHUNK):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _duty_refs_by_item(through, item_field, item_ids):
    links = defaultdict(list)
    for chunk in _chunks(item_ids):
        for item_id, duty_id in through.objects.filter(**{f"{item_field}__in": chunk}).values_list(item_field,
                                                                                                 "duty_id"):
            links[item_id].append(duty_id)
    refs = duty_labels({d for ds in links.values() for d in ds}) if links else {}
    return {item_id: format_duty_refs([refs[d].number for d in ds if d in refs]) for item_id, ds in links.items()}


def power_rows(queryset):
    """Rows in POWER_COLUMNS order: each 主项 followed by its 子项."""
    items = list(queryset.select_related("category", "unit", "internal_body", "parent")
                 .order_by("unit__sort_order", "unit_id", "code", "id"))
    ids = [i.pk for i in items]
    cites = defaultdict(list)
    for chunk in _chunks(ids):
        for c in (Citation._base_manager.filter(power_item_id__in=chunk).select_related("law")
                  .order_by("power_item_id", "kind", "position", "id")):
            cites[c.power_item_id].append(c)
    duties = _duty_refs_by_item(PowerItem.duties.through, "poweritem_id", ids)
    by_parent = defaultdict(list)
    for item in items:
        if item.parent_id:
            by_parent[item.parent_id].append(item)
    present = set(ids)
    ordered = []
    for item in items:
        if item.parent_id is None:
            ordered.append(item)
            ordered.extend(by_parent.get(item.pk, []))
    ordered.extend(i for i in items if i.parent_id and i.parent_id not in present)

    def basis(item, kind):
        return format_citations([(c.law.name if c.law_id else "", c.law.doc_number if c.law_id else "", c.article)
                                 for c in cites[item.pk] if c.kind == kind])

    for item in ordered:
        sub = item.parent_id is not None
        yield [item.code, item.parent.name if sub else item.name, item.name if sub else "", item.category.name,
               item.unit.name, item.internal_body.name if item.internal_body_id else "", item.target,
               basis(item, "setting"), basis(item, "implementing"), item.exercise_level, item.statutory_limit,
               item.promised_limit, duties.get(item.pk, ""), item.accountability, item.note]


def duty_rows(queryset):
    items = list(queryset.select_related("unit").prefetch_related("related_units", "power_items")
                 .order_by("unit__sort_order", "unit_id", "kind", "position", "id"))
    duties = _duty_refs_by_item(ResponsibilityItem.duties.through, "responsibilityitem_id", [i.pk for i in items])
    labels = dict(ResponsibilityKind.choices)
    for item in items:
        yield [item.name, labels[item.kind], item.unit.name, item.content, item.basis, item.accountability_scope,
               "、".join(u.name for u in item.related_units.all()), item.division, duties.get(item.pk, ""),
               "、".join(p.code for p in item.power_items.all()), item.note]


def stage_rows(queryset):
    items = list(queryset.filter(stage_responsibilities__isnull=False).distinct()
                 .select_related("category", "unit").order_by("unit__sort_order", "unit_id", "code", "id"))
    stages = defaultdict(list)
    for chunk in _chunks([i.pk for i in items]):
        for s in StageResponsibility._base_manager.filter(power_item_id__in=chunk).order_by("position", "id"):
            stages[s.power_item_id].append((s.stage, s.content))
    for item in items:
        yield [item.code, item.name, item.category.name, item.unit.name, format_stages(stages[item.pk]),
               item.accountability]


ROWS = {"power": power_rows, "duty": duty_rows, "stage": stage_rows}
UNIT_BATCH_ITEMS = 5000  # items read per batch of whole units: memory stays flat however large the export


def unit_batches(queryset, limit: int | None = None) -> Iterator[tuple[list[int], int]]:
    """Consecutive units (in export order) holding about `limit` items together: ([unit ids], item count).
    A unit is never split, so a 主项 and its 子项 always fall in one batch."""
    limit = limit or UNIT_BATCH_ITEMS
    per_unit = (queryset.order_by().values("unit__sort_order", "unit_id").annotate(n=Count("id", distinct=True))
                .order_by("unit__sort_order", "unit_id").values_list("unit_id", "n"))
    batch, size = [], 0
    for unit_id, n in per_unit.iterator(chunk_size=5000):
        if batch and size + n > limit:
            yield batch, size
            batch, size = [], 0
        batch.append(unit_id)
        size += n
    if batch:
        yield batch, size


def iter_rows(kind: str, queryset, progress: Callable[[int], None] | None = None) -> Iterator[list]:
    """The export's rows, read unit batch by unit batch (constant memory); `progress(rows so far)` after each."""
    done = 0
    for unit_ids, _n in unit_batches(queryset):
        for row in ROWS[kind](queryset.filter(unit_id__in=unit_ids)):
            done += 1
            yield row
        if progress is not None:
            progress(done)


def write_export(kind: str, fmt: str, queryset, out, progress: Callable[[int], None] | None = None) -> int:
    """Write the export to a binary file object (xlsx through openpyxl's write-only mode, which spools rows to
    a temporary file; CSV as UTF-8 with BOM for Excel). Returns the number of rows written."""
    rows = 0
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow([c.header for c in columns_for(kind)])
        for row in iter_rows(kind, queryset, progress):
            writer.writerow(safe_row(row))
            rows += 1
        text.flush()
        text.detach()
        return rows
    wb = Workbook(write_only=True)
    ws = _header_sheet(wb, kind, write_only=True)
    for row in iter_rows(kind, queryset, progress):
        ws.append(safe_row(row))
        rows += 1
    wb.save(out)
    return rows


# ------------------------------------------------------------------------------------------------ files
def _header_sheet(wb, kind, write_only=False):
    cols = columns_for(kind)
    ws = wb.create_sheet(SHEET_NAMES[kind])
    for i, col in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    if write_only:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for col in cols:
            cell = WriteOnlyCell(ws, value=col.header)
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
            cells.append(cell)
        ws.append(cells)
    else:
        ws.append([c.header for c in cols])
        for cell in ws[1]:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
        ws.freeze_panes = "A2"
    return ws


def _category_validation(ws, kind, rows=5000):
    keys = [c.key for c in columns_for(kind)]
    if "category" not in keys:
        return
    names = [c.name for c in PowerCategory.objects.filter(active=True)]
    letter = get_column_letter(keys.index("category") + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True,
                        error="请从“事项类别”字典中选择", errorTitle="事项类别", showErrorMessage=False)
    dv.add(f"{letter}2:{letter}{rows}")
    ws.add_data_validation(dv)


def _instructions(wb, kind):
    ws = wb.create_sheet("填写说明")
    ws.append(["列名", "说明", "可用的写法（同义列名）"])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for col in columns_for(kind):
        ws.append([col.header, col.help, "、".join(col.synonyms)])
    ws.append([])
    if any(c.key == "category" for c in columns_for(kind)):
        ws.append(["事项类别字典", "、".join(PowerCategory.objects.filter(active=True).values_list("name", flat=True))])
    if kind == "duty":
        ws.append(["类型", "、".join(label for _, label in ResponsibilityKind.choices)])
    ws.append(["说明", "导入时整份文件全部校验，有任何错误则全部不导入；导入的事项为录入状态，需经部门确认和审核。"])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 18, 60, 40


def template_xlsx(kind: str) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    ws = _header_sheet(wb, kind)
    _category_validation(ws, kind)
    _instructions(wb, kind)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_xlsx(kind: str, queryset) -> bytes:
    buf = io.BytesIO()
    write_export(kind, "xlsx", queryset, buf)
    return buf.getvalue()


def export_csv(kind: str, queryset) -> bytes:
    buf = io.BytesIO()
    write_export(kind, "csv", queryset, buf)
    return buf.getvalue()


def table_xlsx(title: str, header: list, rows) -> bytes:
    """A plain one-sheet workbook (reports)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(safe_row(header))
    for row in rows:
        ws.append(safe_row(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------------ errors
def _error_text(errors_of_row):
    return "；".join(f"{e['field'] or e['header']}：{e['message']}" + (f"（建议：{e['suggestion']}）"
                                                                      if e.get("suggestion") else "")
                    for e in errors_of_row)


def annotated_workbook(job, errors) -> bytes | None:
    """The uploaded workbook with an error column (and the erroneous cells in red); for a CSV, the same as a
    new workbook. None when the file could not be read at all."""
    by_row = defaultdict(list)
    for e in errors:
        by_row[e["row"]].append(e)
    width = len(job.headers or [])
    try:
        if job.original_name.lower().endswith(".csv"):

            with job.file.storage.open(job.file.name, "rb") as fh:
                text = _decode(fh.read())
            wb = Workbook()
            ws = wb.active
            ws.title = "导入错误"
            for values in csv.reader(io.StringIO(text)):
                ws.append(safe_row(values))
        else:
            with job.file.storage.open(job.file.name, "rb") as fh:
                wb = load_workbook(io.BytesIO(fh.read()))
            ws = wb[job.sheet_name] if job.sheet_name in wb.sheetnames else wb.active
    except Exception:  # a broken upload: the errors are shown on the page only
        return None
    err_col = width + 1
    header_cell = ws.cell(row=job.header_row or 1, column=err_col, value="错误说明")
    header_cell.font, header_cell.fill = Font(bold=True, color="9C0006"), ERROR_FILL
    ws.column_dimensions[get_column_letter(err_col)].width = 60
    for row_number, errs in by_row.items():
        cell = ws.cell(row=row_number, column=err_col, value=safe_cell(_error_text(errs)))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(color="9C0006")
        for e in errs:
            if e.get("column"):
                ws[f"{e['column']}{row_number}"].fill = ERROR_FILL
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
