"""The text of a legacy Word file (.doc, Word 97–2003 binary format) without LibreOffice.

A 编办's archive is full of .doc files; LibreOffice (when installed) converts them to .docx first, which keeps
Word's automatic numbering. Where it is not installed, this reader takes the main document's text straight from
the file, as [MS-DOC] describes it: the compound file's `WordDocument` stream begins with the FIB, whose `fcClx`
points into the table stream (`0Table` or `1Table`) at the piece table; each piece is a run of character
positions stored either as UTF-16LE or as 8-bit text (“compressed”, cp1252). Only the main document is read
(`ccpText` characters): footnotes, headers and comments follow it in the same character stream and are left out.
Paragraph marks become line breaks, table cells tabs and table rows lines (as `extract._docx_text` gives a
.docx's), field instructions (`{ PAGE }`, hyperlinks' targets) are dropped and their shown result kept.

What is not read: automatic numbering (the labels Word draws before numbered paragraphs live in the list
tables, not in the text), text boxes, and encrypted files (a clear message). The OLE container is read with
olefile (docs/dependencies.md).
"""
from __future__ import annotations

import bisect
import io
import struct

import olefile

MSG_BROKEN = "无法读取旧版 Word（.doc）文件：文件已损坏或不是 Word 97–2003 格式，请另存为 .docx 或 PDF 后上传"


class Word97Error(Exception):
    """A file this reader cannot read; the message is for the clerk (`extract` raises it as ExtractionError)."""


MSG_ENCRYPTED = "该 Word 文件设有打开密码，无法读取：请去掉密码后另存为 .docx 或 PDF 再上传"

FIB_IDENT = 0xA5EC
PAPX_INDEX = 13         # fcPlcfBtePapx / lcbPlcfBtePapx: where the paragraphs' properties are
CLX_INDEX = 33          # fcClx / lcbClx: the 34th pair of FibRgFcLcb97
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
F_COMPRESSED = 0x40000000

# control characters of the character stream ([MS-DOC] 2.8.25–2.8.26)
PARAGRAPH, CELL, LINE, PAGE = "\r", "\x07", "\x0b", "\x0c"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
SPRM_ROW_END = 0x2417      # sprmPFTtp: this paragraph mark ends a table row
SPRM_INNER_ROW_END = 0x244C  # sprmPFInnerTtp: … of a table inside a table
SPRM_LIST = 0x460B         # sprmPIlfo: the paragraph is numbered by list n (0: not numbered)
SPRM_TABLE_DEF = 0xD608    # sprmTDefTable: its operand's length is a 2-byte count
SPRM_TABS = 0xC615         # sprmPChgTabs: a 1-byte count, 255 for a longer form
DROPPED = {"\x01", "\x02", "\x03", "\x04", "\x05", "\x08", "\x1f", "\ufeff"}


class Word97:
    """The main document's text and whether Word numbers any of its paragraphs automatically (the numbers
    themselves are not in the text: the clerk is told so)."""

    def __init__(self, text: str, numbered: bool):
        self.text = text
        self.numbered = numbered


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]


def _fib(word: bytes) -> tuple[int, int, tuple[int, int], tuple[int, int]]:
    """(flags, ccpText, (fcClx, lcbClx), (fcPlcfBtePapx, lcbPlcfBtePapx)) from the FIB at the start of the
    WordDocument stream."""
    if len(word) < 154 or _u16(word, 0) != FIB_IDENT:
        raise Word97Error(MSG_BROKEN)
    flags = _u16(word, 10)
    at = 32
    csw = _u16(word, at)
    at += 2 + csw * 2
    cslw = _u16(word, at)
    lw = at + 2
    at = lw + cslw * 4
    cb_fc_lcb = _u16(word, at)
    blob = at + 2
    if cslw < 4 or cb_fc_lcb <= CLX_INDEX or blob + (CLX_INDEX + 1) * 8 > len(word):
        raise Word97Error(MSG_BROKEN)
    ccp_text = _u32(word, lw + 3 * 4)
    clx = struct.unpack_from("<II", word, blob + CLX_INDEX * 8)
    papx = struct.unpack_from("<II", word, blob + PAPX_INDEX * 8)
    return flags, ccp_text, clx, papx


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first cp, last cp, file offset, compressed) for each piece, in order."""
    at, end = fc_clx, min(fc_clx + lcb_clx, len(table))
    while at < end and table[at] == 0x01:  # Prc: property modifiers the text does not need
        at += 3 + struct.unpack_from("<h", table, at + 1)[0]
    if at >= end or table[at] != 0x02:
        raise Word97Error(MSG_BROKEN)
    lcb = _u32(table, at + 1)
    plc = at + 5
    if plc + lcb > len(table) or lcb < 16 or (lcb - 4) % 12:
        raise Word97Error(MSG_BROKEN)
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", table, plc)
    pieces = []
    for i in range(n):
        fc = _u32(table, plc + (n + 1) * 4 + i * 8 + 2)
        compressed = bool(fc & F_COMPRESSED)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[i], cps[i + 1], offset, compressed))
    return pieces


def _characters(word: bytes, pieces, limit: int) -> tuple[str, list[tuple[int, int]]]:
    """The main document's characters and, for each cell mark among them, (its index, its file offset)."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    done = 0
    for first, last, offset, compressed in pieces:
        if first >= limit:
            break
        count = min(last, limit) - first
        if count <= 0:
            continue
        width = 1 if compressed else 2
        raw = word[offset:offset + width * count]
        if len(raw) < width * count:
            raise Word97Error(MSG_BROKEN)
        piece = raw.decode("cp1252" if compressed else "utf-16-le", errors="replace")
        at = piece.find(CELL)
        while at >= 0:
            marks.append((done + at, offset + width * at))
            at = piece.find(CELL, at + 1)
        out.append(piece)
        done += len(piece)
    return "".join(out), marks


def _sprms(grpprl: bytes):
    """(sprm, operand) of each property in a paragraph's grpprl ([MS-DOC] 2.2.5.1: the operand's size is in
    the sprm's top three bits)."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == SPRM_TABLE_DEF:
            if at + 2 > len(grpprl):
                return
            size = _u16(grpprl, at) + 1
        elif at < len(grpprl) and not (sprm == SPRM_TABS and grpprl[at] == 255):
            size = grpprl[at] + 1
        else:
            return  # a long tab change: nothing this reader needs comes after it often enough to decode it
        yield sprm, grpprl[at:at + size]
        at += size


def _paragraphs(word: bytes, table: bytes, fc_papx: int, lcb_papx: int) -> tuple[list[tuple[int, int]], bool]:
    """The file ranges of the paragraph marks that end a table row, and whether any paragraph is numbered
    automatically — read from the paragraphs' properties (PlcBtePapx → PapxFkp pages)."""
    row_ends: list[tuple[int, int]] = []
    numbered = False
    if lcb_papx < 8 or fc_papx + lcb_papx > len(table):
        return row_ends, numbered
    n = (lcb_papx - 4) // 8
    for i in range(n):
        page = (_u32(table, fc_papx + (n + 1) * 4 + i * 4) & 0x3FFFFF) * 512
        fkp = word[page:page + 512]
        if len(fkp) < 512:
            continue
        runs = fkp[511]
        for r in range(runs):
            start, end = _u32(fkp, r * 4), _u32(fkp, r * 4 + 4)
            b_offset = fkp[4 * (runs + 1) + 13 * r] * 2
            if not b_offset or b_offset >= 511:
                continue
            cb = fkp[b_offset]
            if cb:
                grpprl = fkp[b_offset + 1:b_offset + 2 * cb]
            else:
                grpprl = fkp[b_offset + 2:b_offset + 2 + 2 * fkp[b_offset + 1]]
            for sprm, operand in _sprms(grpprl[2:]):  # after the style index
                if sprm in (SPRM_ROW_END, SPRM_INNER_ROW_END) and operand[:1] == b"\x01":
                    row_ends.append((start, end))
                elif sprm == SPRM_LIST and operand[:2] not in (b"", b"\x00\x00"):
                    numbered = True
    row_ends.sort()
    return row_ends, numbered


def _row_end_indexes(marks: list[tuple[int, int]], row_ends: list[tuple[int, int]]) -> set[int] | None:
    """The indexes of the cell marks that end a row; None where the properties gave no row ends (the reader
    then takes two marks in a row for a row's end)."""
    if not row_ends:
        return None
    starts = [start for start, _ in row_ends]
    found = set()
    for index, fc in marks:
        k = bisect.bisect_right(starts, fc) - 1
        if k >= 0 and row_ends[k][0] <= fc < row_ends[k][1]:
            found.add(index)
    return found


def _lines(chars: str, row_end: set[int] | None = None) -> str:
    """Paragraphs as lines, a table row as one line of tab-separated cells, fields as their shown result."""
    out: list[str] = []
    fields: list[bool] = []  # per open field: True while in its instruction (before the separator)
    for index, ch in enumerate(chars):
        if ch == FIELD_BEGIN:
            fields.append(True)
            continue
        if ch == FIELD_SEPARATOR:
            if fields:
                fields[-1] = False
            continue
        if ch == FIELD_END:
            if fields:
                fields.pop()
            continue
        if any(fields):
            continue
        if ch in (PARAGRAPH, LINE, PAGE):
            out.append("\n")
        elif ch == CELL:
            if row_end is not None:
                ends_row = index in row_end
            else:  # the row's own end mark follows its last cell's: two in a row end the row
                ends_row = bool(out) and out[-1] == "\t"
            if ends_row:
                if out and out[-1] == "\t":
                    out.pop()
                out.append("\n")
            else:
                out.append("\t")
        elif ch == "\x1e":
            out.append("-")
        elif ch == "\xa0":
            out.append(" ")
        elif ch in DROPPED or (ch < " " and ch != "\t"):
            continue
        else:
            out.append(ch)
    text = "".join(out)
    return "\n".join(line.rstrip(" ") for line in text.split("\n")).strip("\n")


def read(data: bytes) -> Word97:
    """The text of a Word 97–2003 file. Raises Word97Error with a Chinese message."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as exc:  # olefile's own errors for a broken container
        raise Word97Error(MSG_BROKEN) from exc
    with ole:
        if not ole.exists("WordDocument"):
            raise Word97Error(MSG_BROKEN)
        word = ole.openstream("WordDocument").read()
        flags, ccp_text, clx, papx = _fib(word)
        if flags & F_ENCRYPTED:
            raise Word97Error(MSG_ENCRYPTED)
        table_name = "1Table" if flags & F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise Word97Error(MSG_BROKEN)
        table = ole.openstream(table_name).read()
    try:
        chars, marks = _characters(word, _pieces(table, *clx), ccp_text)
        row_ends, numbered = _paragraphs(word, table, *papx)
    except struct.error as exc:
        raise Word97Error(MSG_BROKEN) from exc
    return Word97(_lines(chars, _row_end_indexes(marks, row_ends)), numbered=numbered)
