"""Reading the spreadsheets departments send: .xlsx (python-calamine, a Rust reader) and .csv (UTF-8 or GBK).

`open_table(path, kind)` finds the sheet and the header row and returns a `Table` whose `rows()` yields
(row_number, values) for non-empty data rows. Problems that make the whole file unusable raise
`TableError` with a Chinese message naming the sheet, row, column and value.
"""
import csv
import html
import io
import itertools
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter, range_boundaries
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from bianzhi.core.text import nfkc

from .columns import SHEET_NAMES, header_index

HEADER_SEARCH_ROWS = 10
# a cell element directly followed by its formula: <c r="H6" …><f>1+1</f> or a shared <f t="shared" si="0"/>
_FORMULA_RE = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>([^<]*)</f>)')
_FORMULA_TAIL = 20000  # bytes kept across chunk boundaries (a cell with its formula text fits)


class TableError(Exception):
    """The file cannot be read as a list at all (nothing is imported)."""


def col_letter(pos: int) -> str:
    return get_column_letter(pos + 1)


@dataclass
class Table:
    fmt: str  # "xlsx" | "csv"
    sheet_name: str
    header_row: int
    headers: list[str]
    total_rows: int = 0  # an estimate for the progress bar (the sheet's dimension)
    _rows: object = None
    _close: object = None
    merged_data_columns: set = field(default_factory=set)

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(spreadsheet row number, values) for every data row that has at least one non-empty cell."""
        width = len(self.headers)
        for number, values in self._rows:
            if not values:
                continue
            if len(values) > width:
                values = values[:width]
            for v in values:
                if v is not None and v != "":
                    if not isinstance(v, str) or v.strip():
                        break
            else:
                continue
            yield number, values

    def close(self):
        if self._close:
            self._close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _find_header(candidate_rows, kind: str):
    """The first of the top rows that names at least two template columns (titles above it are skipped)."""
    index = header_index(kind)
    for number, values in candidate_rows:
        texts = [nfkc(_cell_text(v)) for v in values]
        known = sum(1 for t in texts if t and t.replace(" ", "") in index)
        if known >= 2:
            return number, texts
    return None, None


def _check_header(sheet: str, number: int, texts: list[str]) -> list[str]:
    while texts and not texts[-1]:
        texts.pop()
    for pos, text in enumerate(texts):
        if not text:
            raise TableError(
                f"工作表“{sheet}”第{number}行（表头）第{col_letter(pos)}列为空：表头可能含合并单元格或空白列名。"
                f"请取消合并，每列填写一个列名后再导入。")
    seen = {}
    for pos, text in enumerate(texts):
        if text in seen:
            raise TableError(f"工作表“{sheet}”第{number}行（表头）第{col_letter(seen[text])}列和第{col_letter(pos)}列"
                             f"列名相同（“{text}”），请修改其中一列的列名。")
        seen[text] = pos
    return texts


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → member path of its XML inside the workbook (from workbook.xml and its relationships)."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid, target = re.search(rb'\bId="([^"]+)"', tag), re.search(rb'\bTarget="([^"]+)"', tag)
        if rid and target:
            member = target.group(1).decode()
            targets[rid.group(1).decode()] = member.lstrip("/") if member.startswith("/") else "xl/" + member
    paths = {}
    for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", book):
        name, rid = re.search(rb'\bname="([^"]*)"', tag), re.search(rb'\br:id="([^"]+)"', tag)
        if name and rid and rid.group(1).decode() in targets:
            paths[html.unescape(name.group(1).decode())] = targets[rid.group(1).decode()]
    return paths


def _inflated(zf: zipfile.ZipFile, member: str, size: int = 1 << 22):
    """The member's bytes in chunks of `size`, inflated with zlib straight from the archive: ZipFile.open's
    reader adds a CRC-32 pass and Python-level buffering over the ~120 MB of a 100,000-row sheet, for a scan
    that only looks for formula elements (calamine has read, and checked, the same member). A member that is
    not plainly stored or deflated is read through ZipFile.open."""
    info = zf.getinfo(member)
    if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or info.flag_bits & 0x1:
        with zf.open(member) as src:
            while chunk := src.read(size):
                yield chunk
        return
    fp = zf.fp
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size  # read in pieces of 1 MB: the compressed member is never held whole
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0 and (chunk := fp.read(min(left, size))):
            left -= len(chunk)
            yield chunk
        return
    inflate, pending = zlib.decompressobj(-zlib.MAX_WBITS), b""
    while True:
        if not pending and left > 0:
            pending = fp.read(min(left, 1 << 20))
            if not pending:
                raise zipfile.BadZipFile("truncated member")
            left -= len(pending)
        chunk = inflate.decompress(pending, size)
        pending = inflate.unconsumed_tail
        if chunk:
            yield chunk
        elif not pending and (left <= 0 or inflate.eof):
            break
    rest = inflate.flush()
    if rest:
        yield rest


def _may_hold_formula(data: bytes) -> bool:
    """Whether b"<f" occurs in `data` (a formula element may start there). The byte "f" is rare in sheet XML (cell
    texts sit in sharedStrings.xml or are written as numeric character references), so its places are found with
    memchr (`find` of one byte) and the byte before each is looked at; `b"<f" in data` steps through the XML about a
    byte at a time: 0.16 s for the 122 MB of a 100,000-row sheet, twice the time of inflating it. Data with many "f"s
    falls back to that search."""
    find = data.find
    at = find(b"f")
    for _ in range(64):
        if at < 0:
            return False
        if at and data[at - 1] == 0x3C:  # "<"
            return True
        at = find(b"f", at + 1)
    return b"<f" in data


def _formula_cells(path, sheet: str, chunk_size: int = 1 << 22) -> dict[int, list[tuple[int, str]]]:
    """Row number → [(column index, "=formula")] for the sheet's formula cells, read from the sheet XML.
    calamine gives a formula cell's cached value (none at all when the writing program did not compute it),
    while the import refuses formulas with the cell's row and column; so the XML is scanned for them, in
    chunks, and the regular expression runs only on chunks that contain a formula element at all."""
    found: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_paths(zf).get(sheet)
            if not member:
                return {}
            tail = b""
            for chunk in _inflated(zf, member, chunk_size):
                # the chunk joined to the previous one's end only when a formula element may be in them (a
                # copy of 4 MB per chunk otherwise): one in the chunk, one that began in the tail, one split
                # between the two
                if _may_hold_formula(chunk) or b"<f" in tail or (tail[-1:] == b"<" and chunk[:1] == b"f"):
                    data = tail + chunk
                    for m in _FORMULA_RE.finditer(data):
                        col, row, _, _ = range_boundaries(m.group(1).decode())
                        text = html.unescape((m.group(2) or b"").decode())
                        found[(row, col - 1)] = "=" + text if text else "=（共享公式）"
                    tail = data[-_FORMULA_TAIL:]
                else:
                    tail = (tail + chunk)[-_FORMULA_TAIL:] if len(chunk) < _FORMULA_TAIL else chunk[-_FORMULA_TAIL:]
    except (KeyError, OSError, zipfile.BadZipFile, zlib.error):
        return {}
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (row, col), text in found.items():
        by_row.setdefault(row, []).append((col, text))
    return by_row


def _with_formulas(rows, formulas: dict[int, list[tuple[int, str]]]):
    for number, values in rows:
        cells = formulas.get(number)
        if cells:
            values = list(values)
            for col, text in cells:
                if col < len(values):
                    values[col] = text
        yield number, values


def open_xlsx(path, kind: str) -> Table:
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises ZipError, XmlError, CalamineError, PasswordError… on bad files
        raise TableError(f"文件无法作为 Excel 工作簿（.xlsx）打开，可能已损坏或不是 xlsx 格式"
                         f"（.xls 请在 Excel 中另存为 .xlsx）：{type(exc).__name__}") from exc
    try:
        wanted = SHEET_NAMES[kind]
        visible = {m.name: m.visible == SheetVisibleEnum.Visible for m in wb.sheets_metadata
                   if m.typ == SheetTypeEnum.WorkSheet}
        names = [n for n in wb.sheet_names if n in visible]
        order = ([wanted] if wanted in names else []) + [n for n in names if n != wanted]
        for name in order:
            if not visible[name] and name != wanted:
                continue
            try:
                ws = wb.get_sheet_by_name(name)
            except Exception as exc:
                raise TableError(f"工作表“{name}”无法读取，内容已损坏：{type(exc).__name__}") from exc
            rows = ws.iter_rows()  # from row 1 and column A: leading empty rows and columns included
            top = list(zip(range(1, HEADER_SEARCH_ROWS + 1), rows, strict=False))  # range first: no row lost
            header_row, texts = _find_header(top, kind)
            if header_row is None:
                continue
            for (min_row, min_col), (max_row, max_col) in ws.merged_cell_ranges or []:
                if min_row + 1 <= header_row <= max_row + 1 and (max_col > min_col or max_row > min_row):
                    ref = f"{col_letter(min_col)}{min_row + 1}:{col_letter(max_col)}{max_row + 1}"
                    raise TableError(f"工作表“{name}”的表头（第{header_row}行）含合并单元格 {ref}"
                                     f"（“{texts[min_col] if min_col < len(texts) else ''}”）。"
                                     f"请取消合并，每列填写一个列名后再导入。")
            headers = _check_header(name, header_row, texts)
            data = itertools.chain([(n, v) for n, v in top if n > header_row],
                                   zip(itertools.count(len(top) + 1), rows, strict=False))
            formulas = _formula_cells(path, name)
            if formulas:
                data = _with_formulas(data, formulas)
            last = ws.end[0] + 1 if ws.end else 0
            return Table("xlsx", name, header_row, headers, max(last - header_row, 0), data, wb.close)
        raise TableError(
            f"在工作簿中没有找到{SHEET_NAMES[kind]}的表头（已查看工作表：{'、'.join(names)}，每个表的前"
            f"{HEADER_SEARCH_ROWS}行）。请使用“{SHEET_NAMES[kind]}”工作表或下载模板对照列名。")
    except TableError:
        wb.close()
        raise


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start: exc.start + 4].hex(" ")
        raise TableError(f"CSV 文件第{line}行含无法识别的字符（字节 {bad}）：文件既不是 UTF-8 也不是 GBK 编码。"
                         f"请在 Excel 中另存为“CSV UTF-8”后再导入。")


def open_csv(path, kind: str) -> Table:
    with open(path, "rb") as fh:
        raw = fh.read()
    text = _decode(raw)
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and lines[skip].lstrip().startswith("#"):
        skip += 1  # provenance comments above the header
    try:
        reader = csv.reader(io.StringIO("".join(lines[skip:])))
        parsed = []
        for values in reader:
            parsed.append(values)
    except csv.Error as exc:
        raise TableError(f"CSV 文件格式错误（第{skip + reader.line_num}行）：{exc}")
    numbered = [(skip + i + 1, tuple(v)) for i, v in enumerate(parsed)]
    header_row, texts = _find_header(numbered[:HEADER_SEARCH_ROWS], kind)
    if header_row is None:
        first = "，".join(numbered[0][1]) if numbered else ""
        raise TableError(f"CSV 文件的前{HEADER_SEARCH_ROWS}行中没有找到{SHEET_NAMES[kind]}的表头"
                         f"（第一行为“{first[:80]}”）。请下载模板对照列名。")
    headers = _check_header("CSV", header_row, texts)
    data = [(n, tuple(v or None for v in values)) for n, values in numbered if n > header_row]
    return Table("csv", "CSV", header_row, headers, len(data), iter(data))


def open_table(path, kind: str, filename: str = "") -> Table:
    name = (filename or str(path)).lower()
    if name.endswith(".csv"):
        return open_csv(path, kind)
    if name.endswith(".xls"):
        raise TableError("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入。")
    return open_xlsx(path, kind)
