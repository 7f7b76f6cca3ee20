"""The text of a legacy Word file (.doc, Word 97–2003 binary format) without LibreOffice.

A 编办's archive is full of .doc files; LibreOffice (when installed) converts them to .docx first, which keeps
Word's automatic numbering. Where it is not installed, this reader takes the main document's text straight from
the file, as [MS-DOC] describes it: the compound file's `WordDocument` stream begins with the FIB, whose `fcClx`
points into the table stream (`0Table` or `1Table`) at the piece table; each piece is a run of character
positions stored either as UTF-16LE or as 8-bit text (“compressed”, cp1252). Only the main document is read
(`ccpText` characters): footnotes, headers and comments follow it in the same character stream and are left out.
Paragraph marks become line breaks, table cells tabs and table rows lines (as `extract._docx_text` gives a
.docx's), field instructions (`{ PAGE }`, hyperlinks' targets) are dropped and their shown result kept.

Automatic numbering (“第一条”, “（一）”, “1.” that Word draws but that are not in the text) is rebuilt from the
list tables (PlfLst with its LVLs, PlfLfo with its overrides) and each paragraph's list and level (sprmPIlfo,
sprmPIlvl in its PAPX), counted and formatted as `docx_numbering` does a .docx's. Not read: numbering a paragraph
takes only from its style (the reader then says it could not resolve it, and LibreOffice or the clerk's check
takes over), text boxes, and encrypted files (a clear message). The OLE container is read with olefile
(docs/dependencies.md).
"""
from __future__ import annotations

import bisect
import io
import struct

import olefile

from . import docx_numbering

MSG_BROKEN = "无法读取旧版 Word（.doc）文件：文件已损坏或不是 Word 97–2003 格式，请另存为 .docx 或 PDF 后上传"


class Word97Error(Exception):
    """A file this reader cannot read; the message is for the clerk (`extract` raises it as ExtractionError)."""


MSG_ENCRYPTED = "该 Word 文件设有打开密码，无法读取：请去掉密码后另存为 .docx 或 PDF 再上传"

FIB_IDENT = 0xA5EC
PAPX_INDEX = 13         # fcPlcfBtePapx / lcbPlcfBtePapx: where the paragraphs' properties are
LST_INDEX = 73          # fcPlfLst / lcbPlfLst: the list definitions (their LVLs follow them in the table stream)
LFO_INDEX = 74          # fcPlfLfo / lcbPlfLfo: the list instances paragraphs point at (1-based ilfo)
CLX_INDEX = 33          # fcClx / lcbClx: the 34th pair of FibRgFcLcb97
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
F_COMPRESSED = 0x40000000

# control characters of the character stream ([MS-DOC] 2.8.25–2.8.26)
PARAGRAPH, CELL, LINE, PAGE = "\r", "\x07", "\x0b", "\x0c"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
SPRM_ROW_END = 0x2417      # sprmPFTtp: this paragraph mark ends a table row
SPRM_INNER_ROW_END = 0x244C  # sprmPFInnerTtp: … of a table inside a table
SPRM_LIST = 0x460B         # sprmPIlfo: the paragraph is numbered by list instance n (0: not numbered)
SPRM_LEVEL = 0x260A        # sprmPIlvl: … at level n (0–8)
NO_LIST = 0x7FF            # an ilfo that takes a style's numbering away
# the number formats of an LVL ([MS-DOC] 2.2.1.3 MSONFC) as the names a .docx's w:numFmt gives them
NFC = {0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter", 0x04: "lowerLetter",
       0x05: "decimal", 0x0A: "ideographDigital", 0x0B: "japaneseCounting", 0x0E: "decimalFullWidth",
       0x12: "decimalEnclosedCircle", 0x13: "decimalFullWidth2", 0x16: "decimalZero", 0x17: "bullet",
       0x1A: "decimalEnclosedFullstop", 0x1B: "decimalEnclosedParen", 0x1C: "decimalEnclosedCircleChinese",
       0x1D: "ideographEnclosedCircle", 0x1E: "ideographTraditional", 0x1F: "ideographZodiac",
       0x21: "taiwaneseCounting", 0x22: "ideographLegalTraditional", 0x23: "taiwaneseCountingThousand",
       0x25: "chineseCounting", 0x26: "chineseLegalSimplified", 0x27: "chineseCountingThousand", 0xFF: "none"}
FOLLOW = {0: "tab", 1: "space", 2: "nothing"}
SPRM_TABLE_DEF = 0xD608    # sprmTDefTable: its operand's length is a 2-byte count
SPRM_TABS = 0xC615         # sprmPChgTabs: a 1-byte count, 255 for a longer form
DROPPED = {"\x01", "\x02", "\x03", "\x04", "\x05", "\x08", "\x1f", "\ufeff"}


class Word97:
    """The main document's text, automatic numbers included; `unresolved`: paragraphs numbered by a list this
    reader could not find (their numbers are missing — LibreOffice, or the clerk, must supply them)."""

    def __init__(self, text: str, numbered: int, unresolved: int):
        self.text = text
        self.numbered = numbered
        self.unresolved = unresolved


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]


def _fib(word: bytes) -> tuple[int, int, dict[int, tuple[int, int]]]:
    """(flags, ccpText, {pair index: (fc, lcb)}) from the FIB at the start of the WordDocument stream."""
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
    pairs = {index: struct.unpack_from("<II", word, blob + index * 8)
             for index in (PAPX_INDEX, CLX_INDEX, LST_INDEX, LFO_INDEX)
             if index < cb_fc_lcb and blob + (index + 1) * 8 <= len(word)}
    return flags, ccp_text, pairs


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
    """The main document's characters and, for each paragraph or cell mark among them, (its index, its file
    offset) — a paragraph's properties are found by its mark's offset."""
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
        for at, ch in enumerate(piece):
            if ch == CELL or ch == PARAGRAPH:
                marks.append((done + at, offset + width * at))
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


def _paragraphs(word: bytes, table: bytes, fc_papx: int, lcb_papx: int) -> list[tuple[int, int, bool, int, int]]:
    """The paragraphs' properties this reader uses, by file range of their marks: (start, end, ends a table row,
    list instance ilfo (0: none), level) — read from PlcBtePapx → the PapxFkp pages."""
    runs: list[tuple[int, int, bool, int, int]] = []
    if lcb_papx < 8 or fc_papx + lcb_papx > len(table):
        return runs
    n = (lcb_papx - 4) // 8
    for i in range(n):
        page = (_u32(table, fc_papx + (n + 1) * 4 + i * 4) & 0x3FFFFF) * 512
        fkp = word[page:page + 512]
        if len(fkp) < 512:
            continue
        count = fkp[511]
        for r in range(count):
            start, end = _u32(fkp, r * 4), _u32(fkp, r * 4 + 4)
            b_offset = fkp[4 * (count + 1) + 13 * r] * 2
            if not b_offset or b_offset >= 511:
                continue
            cb = fkp[b_offset]
            if cb:
                grpprl = fkp[b_offset + 1:b_offset + 2 * cb]
            else:
                grpprl = fkp[b_offset + 2:b_offset + 2 + 2 * fkp[b_offset + 1]]
            row_end, ilfo, ilvl = False, 0, 0
            for sprm, operand in _sprms(grpprl[2:]):  # after the style index
                if sprm in (SPRM_ROW_END, SPRM_INNER_ROW_END) and operand[:1] == b"\x01":
                    row_end = True
                elif sprm == SPRM_LIST and len(operand) == 2:
                    ilfo = struct.unpack("<h", operand)[0]
                elif sprm == SPRM_LEVEL and operand:
                    ilvl = operand[0]
            if row_end or ilfo:
                runs.append((start, end, row_end, ilfo, ilvl))
    runs.sort()
    return runs


def _mark_properties(marks: list[tuple[int, int]], runs) -> dict[int, tuple[bool, int, int]]:
    """For each paragraph or cell mark (by its index in the text) that ends a row or is numbered: (ends a row,
    ilfo, ilvl)."""
    starts = [run[0] for run in runs]
    found = {}
    for index, fc in marks:
        k = bisect.bisect_right(starts, fc) - 1
        if k >= 0 and runs[k][0] <= fc < runs[k][1]:
            found[index] = runs[k][2:]
    return found


def _lvl(table: bytes, at: int) -> tuple[docx_numbering.Level, int]:
    """One LVL (LVLF, its two grpprls, its number text) → a Level as docx_numbering has it, and where the next
    structure starts."""
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    follow = table[at + 15]
    cb_chpx, cb_papx, restart_limit = table[at + 24], table[at + 25], table[at + 26]
    at += 28 + cb_papx + cb_chpx
    cch = _u16(table, at)
    xst = table[at + 2:at + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    level = docx_numbering.Level()
    level.start = start
    level.fmt = NFC.get(nfc, "decimal")
    # the number text's placeholders are the characters 0–8: the counter of that level goes there
    level.text = "".join(f"%{ord(ch) + 1}" if ord(ch) < 9 else ch for ch in xst)
    level.restart = restart_limit if flags & 0x08 else None  # fNoRestart: restart only after ilvlRestartLim
    level.suffix = FOLLOW.get(follow, "tab")
    return level, at + 2 + 2 * cch


def _numbering(table: bytes, lst: tuple[int, int] | None, lfo: tuple[int, int] | None) -> docx_numbering.Numbering:
    """The document's lists as a docx_numbering.Numbering: abstract lists keyed by lsid, instances by ilfo."""
    numbering = docx_numbering.Numbering()
    if not lst or not lfo or lst[1] < 2 or lfo[1] < 4:
        return numbering
    fc, lcb = lst
    count = _u16(table, fc)
    lstfs = [(struct.unpack_from("<i", table, fc + 2 + 28 * i)[0], table[fc + 2 + 28 * i + 26] & 0x01)
             for i in range(count)]
    at = fc + lcb  # the LVLs follow the PlfLst: nine a list, one a simple list
    for lsid, simple in lstfs:
        levels = {}
        for ilvl in range(1 if simple else 9):
            levels[ilvl], at = _lvl(table, at)
        numbering.abstract[str(lsid)] = levels
    fc, _lcb = lfo
    lfo_count = _u32(table, fc)
    lfos = [(struct.unpack_from("<i", table, fc + 4 + 16 * i)[0], table[fc + 4 + 16 * i + 12])
            for i in range(lfo_count)]
    at = fc + 4 + 16 * lfo_count  # each LFO's LFOData (its level overrides) follows, in order
    for ilfo, (lsid, overrides_count) in enumerate(lfos, start=1):
        at += 4  # cp
        overrides: dict[int, docx_numbering.Level] = {}
        starts: dict[int, int] = {}
        for _ in range(overrides_count):
            start, bits = struct.unpack_from("<iI", table, at)
            at += 8
            ilvl = bits & 0x0F
            if bits & 0x10:
                starts[ilvl] = start
            if bits & 0x20:
                overrides[ilvl], at = _lvl(table, at)
        numbering.nums[str(ilfo)] = (str(lsid), overrides, starts)
    return numbering


def _labels(chars: str, marks, properties, numbering) -> tuple[dict[int, str], int, int]:
    """The automatic number of each numbered paragraph, by the index its text starts at; and how many paragraphs
    were numbered and how many of those by a list not found."""
    labels: dict[int, str] = {}
    numbered = unresolved = 0
    begin = 0
    for index, _fc in marks:
        _row_end, ilfo, ilvl = properties.get(index, (False, 0, 0))
        if 0 < ilfo < NO_LIST and not (chars[index] == CELL and index == begin):
            numbered += 1
            if str(ilfo) in numbering.nums and numbering.level(str(ilfo), min(ilvl, 8)) is not None:
                labels[begin] = numbering.label(str(ilfo), min(ilvl, 8))
            else:
                unresolved += 1
        begin = index + 1
    return labels, numbered, unresolved


def _lines(chars: str, row_end: set[int] | None = None, labels: dict[int, str] | None = None) -> str:
    """Paragraphs as lines, a table row as one line of tab-separated cells, fields as their shown result, each
    numbered paragraph's automatic number in front of it."""
    out: list[str] = []
    fields: list[bool] = []  # per open field: True while in its instruction (before the separator)
    labels = labels or {}
    for index, ch in enumerate(chars):
        if index in labels:
            out.append(labels[index])
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
        flags, ccp_text, pairs = _fib(word)
        if flags & F_ENCRYPTED:
            raise Word97Error(MSG_ENCRYPTED)
        table_name = "1Table" if flags & F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name) or CLX_INDEX not in pairs:
            raise Word97Error(MSG_BROKEN)
        table = ole.openstream(table_name).read()
    try:
        chars, marks = _characters(word, _pieces(table, *pairs[CLX_INDEX]), ccp_text)
        properties = _mark_properties(marks, _paragraphs(word, table, *pairs.get(PAPX_INDEX, (0, 0))))
        row_end = {index for index, (ends, _ilfo, _ilvl) in properties.items() if ends} if properties else None
        cells = [(index, fc) for index, fc in marks if chars[index] == CELL]
        if row_end is not None and not (row_end & {index for index, _ in cells}):
            row_end = None  # no row end among the cell marks: take two marks in a row for a row's end
        try:
            numbering = _numbering(table, pairs.get(LST_INDEX), pairs.get(LFO_INDEX))
        except (struct.error, IndexError):
            numbering = docx_numbering.Numbering()  # list tables this reader cannot follow: numbers unresolved
        labels, numbered, unresolved = _labels(chars, marks, properties, numbering)
    except struct.error as exc:
        raise Word97Error(MSG_BROKEN) from exc
    return Word97(_lines(chars, row_end, labels), numbered=numbered, unresolved=unresolved)
