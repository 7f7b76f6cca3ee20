import io

from django.core.files.base import ContentFile
from openpyxl import Workbook

from bianzhi.lists import importer
from bianzhi.lists.models import ImportJob

HEADER = ["编码", "事项名称", "子项名称", "事项类别", "实施部门", "承办机构", "实施对象", "设定依据", "实施依据",
          "行使层级", "法定时限", "承诺时限", "关联职责", "追责情形", "备注"]


def xlsx(rows, header=HEADER, sheet="权力清单") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(name, category="行政许可", unit="百色市交通运输局", basis="《中华人民共和国道路运输条例》第十条", **kw):
    values = dict(code="", name=name, sub="", category=category, unit=unit, body="", target="法人",
                  basis=basis, impl="", level="市", legal="20个工作日", promised="10个工作日", duties="",
                  acc="", note="")
    values.update(kw)
    return [values[k] for k in ["code", "name", "sub", "category", "unit", "body", "target", "basis", "impl",
                                "level", "legal", "promised", "duties", "acc", "note"]]


def run(user, content: bytes, filename="清单.xlsx", kind="power", mapping=None, unit_mapping=None,
        default_unit=None) -> ImportJob:
    """Upload → inspect → (mapping) → run, as the pages do."""
    job = ImportJob(owner=user, kind=kind, original_name=filename)
    job.file.save(filename, ContentFile(content), save=False)
    try:
        importer.inspect_upload(job)
    except importer.tabular.TableError as exc:
        job.status, job.message = "failed", str(exc)
        job.save()
        return job
    if mapping is not None:
        job.mapping = mapping
    job.unit_mapping = unit_mapping or {}
    job.default_unit = default_unit
    job.status = "queued"
    job.save()
    return importer.run_job(job)
