"""File → text: .docx (with tables), PDF text layer, scanned PDF/images through OCR (RapidOCR's models by
default, tesseract where the wheel is missing or when chosen: ocr_rapid, ADR 0028), plain text, legacy .doc
through LibreOffice when it is installed.

The result keeps two texts: `original` (what the file says, one paragraph per line, for display) and
`text` (NFKC-normalised, spaces between Chinese characters removed, for parsing), with `offsets`
mapping every character of `text` back to its position in `original` so that a parsed value's span
can be highlighted in the original.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import (
    breaks,
    clauses,
    docx_numbering,
    final2_clauses,
    ocr_correct,
    ocr_prep,
    ocr_rapid,
    ocr_reread,
    ofd,
    reflow,
    webpage,
    word97,
)


class ExtractionError(Exception):
    """The file cannot be read; the message is Chinese and tells the user what to do."""


MSG_NO_TESSERACT = ("无法识别扫描件：本机未安装 tesseract 文字识别程序（需要软件包 tesseract-ocr 和 "
                    "tesseract-ocr-chi-sim）。请上传 Word 文件或带文字层的 PDF，或请管理员安装后重试。")
MSG_NO_CHI_SIM = ("无法识别扫描件：tesseract 缺少简体中文语言包（tesseract-ocr-chi-sim）。"
                  "请上传 Word 文件或带文字层的 PDF，或请管理员安装后重试。")
MSG_NO_PDFTOPPM = ("无法识别扫描的 PDF：本机未安装 pdftoppm（软件包 poppler-utils）。"
                   "请上传 Word 文件或带文字层的 PDF，或请管理员安装后重试。")
MSG_DOC_NUMBERING = ("该旧版 Word（.doc）文件有的段落使用了无法解析的自动编号，本机未安装 LibreOffice，这些编号（如“第一条”“（一）”“1.”）"
                     "未能读出：请逐项核对，或用 Word/WPS 另存为 .docx 后重新上传")

TEXT_SUFFIXES = {".txt", ".text", ".md"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
# A page with fewer recognisable characters than this in its text layer is treated as a scan.
MIN_TEXT_CHARS_PER_PAGE = 20
OCR_DPI = 200
# Re-read doubtful lines with the HanS model when it is installed (see ocr_reread).
SECOND_READ = True


@dataclass
class Extracted:
    original: str
    text: str
    offsets: list[int]
    method: str  # docx | docx-ocr | pdf-text | pdf-ocr | image-ocr | text | doc | ofd | ofd-ocr | html
    pages: int = 1
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in `original` covering text[start:end]."""
        if not self.offsets or start >= len(self.offsets):
            return (len(self.original), len(self.original))
        end = max(start + 1, min(end, len(self.offsets)))
        return (self.offsets[start], self.offsets[end - 1] + 1)


# ------------------------------------------------------------------ normalisation with an offset map
def _is_cjk(ch: str) -> bool:
    if not ch:
        return False
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2018 <= code <= 0x201F)


_CJK_PUNCT_HALF = set(",.:;()!?、，。：；（）“”《》〔〕【】")


# A web page copied as one line keeps a space where each paragraph ended (“…的通知 长府办发〔2009〕47号 各县(市)…:
# …实施。 长春市人民政府办公厅 二〇〇九年九月十日 …规定 第一条 …”). Such spaces are sparse; the spaces OCR and
# justified text put between Chinese characters are dense (“机 构 编 制”) and are dropped below. In a line of at least
# RUN_IN_MIN characters with at least SPACED_MIN sparse spaces between Chinese characters, each becomes a line break.
SPACED_MIN = 3
SPACED_SHORT_MIN = 40  # a short one-line notice (“X〔2019〕3号 关于…的通知 X：…”): only the gaps _paragraph_gap names
PARAGRAPH_MARK = "\x1e"  # ASCII record separator: in no text; the white-space pass treats it as a line break
SPACED_SEGMENT = 6  # shorter pieces (“2020 年 X 部门预算”, “目 录”) are words of one line spaced out
_SPACED_WORDS = {"目录"}  # “目 录”: a heading's two characters spaced out, whatever runs on either side
_SPACE_LEFT = set("。；：，、）)”》〕】!?;:")
_SPACE_RIGHT = set("（(“《〔【")


def _cjk_side(ch: str, extra: set[str]) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in extra


_GAP_LEFT_RE = re.compile(r"(?:[。；：;:!?]|(?:通知|规定|决定|批复|方案|意见|办法|规则|号|日)"
                          # a page's own buttons and links before its text (“字体大小: 打印 保存 收藏 铜川市…”)
                          r"|(?<![\u4e00-\u9fff])(?:打印|保存|收藏|关闭|分享|返回|全文检索|无障碍|关怀版|手机版))$")
# a budget or final-accounts note's, or a report's, title as the whole piece before a space (“2021年X部门决算 目 录 …”)
_TITLE_PIECE_RE = re.compile(r"[^。,，;；:：、 ]{6,40}?(?:决算|预算|报告|情况说明|公开)")
_CLAUSE_PUNCT_RE = re.compile(r"[。,，;；:：、]")


def _title_cut(left: str, right: str) -> bool:
    """Whether a space cuts one title in two: the piece after it ends the title (“2023年度部门决算”, “…管理局2023年
    部门预算”) and the piece before it, no clause and no title of its own, is the title's start (a name)."""
    year_first = re.fullmatch(r"[12]\d{3}年度?(?:部门|单位)?(?:预算|决算)[^。,，;；:：、]{0,8}|[12]\d{3}年[^。,，;；:：、]{0,12}报告", right)
    # after a name without its year (“…委员会 2023年度部门决算”) or a place the name goes on from (“…片区 管理委员会…”);
    # a page's own words before a title (“政府信息公开”, “全文检索”, the page's organ) are no part of it
    return (bool(year_first or _TITLE_PIECE_RE.fullmatch(right) and re.search(r"[区市县省州旗镇乡]$|^[12]\d{3}年度?$", left))
            and not _CLAUSE_PUNCT_RE.search(left) and not _TITLE_PIECE_RE.fullmatch(left)
            and not _GAP_LEFT_RE.search(left) and len(left) + len(right) <= 60)


_GAP_RIGHT_RE = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十]{1,3}[、)）]|\d{1,2}[.、．]|第[一二三四五六七八九十百]{1,4}[条章节]"
    r"|[\u4e00-\u9fffA-Za-z]{1,16}[〔\[【(][12]\d{3}[〕\]】)]第?\d{1,6}\s?号"
    r"|(?:[12]\d{3}|[〇○零一二三四五六七八九]{4})年|各[\u4e00-\u9fff、()（）]{1,40}?[:：,，]|目 ?录)")


# a name as the whole piece before a space: a numbered item's heading over its text (“二、行政科 负责…”), or one of a
# list of names (“办公室 发展规划处 科技产业处”) — one a line on the page; not a name a sentence or a title goes on
# from (“河口纪念馆 成立于…”, “X局 关于印发…”)
_ITEM_MARK = r"(?:[(（]?[一二三四五六七八九十]{1,3}[、)）]|\d{1,2}[.、．])"
_NAME_PIECE_RE = re.compile(_ITEM_MARK + r"?[\u4e00-\u9fff]{1,20}?" + clauses.BODY_SUFFIX + r"(?:[(（][^()（）]{1,20}[)）])?")
_NAME_GOES_ON_RE = re.compile(r"^(?:关于|印发|转发|的|和|与|及|、|等|,|，|(?:[12]\d{3}|二〇)年)")


def _name_piece(left: str, right: str) -> bool:
    """Whether the space between the pieces `left` and `right` (each up to its spaces) ends a line of names."""
    if not _NAME_PIECE_RE.fullmatch(left) or _NAME_GOES_ON_RE.match(right):
        return False
    return bool(re.match(_ITEM_MARK, left)) or bool(_NAME_PIECE_RE.fullmatch(right))


def _paragraph_gap(left: str, right: str) -> bool:
    """Whether a space in a one-line copy ends a paragraph: after the end of a sentence, a title or a 文号, or
    before an item number, an article, a 文号, a date or a notice's addressees."""
    return bool(_GAP_LEFT_RE.search(left) or _GAP_RIGHT_RE.match(right))


_NAMED_YEAR_TITLE_RE = re.compile(r"[12]\d{3}年度?(?!部门|单位|预算|决算)[\u4e00-\u9fff()]{4,}")  # “2021年度X街道…”
_YEAR_AT_RE = re.compile(r"[12]\d{3}年")  # “…部门决算 2021年…”: a title repeated, or a date line, after a space
_ITEM_NUMBER_RE = re.compile(r"\d{1,2}[、.．](?!\d) ?[\u4e00-\u9fff“《(（]")


def _item_number_at(chars: list[str], j: int, end: int) -> bool:
    """Whether an item's Arabic number starts at `j` (“2、指导…”, “3.负责…”): a space before it may end a paragraph
    like a space before a Chinese character."""
    return chars[j].isdigit() and bool(_ITEM_NUMBER_RE.match("".join(chars[j:min(end, j + 6)])))


def _spaces_as_breaks(chars: list[str]) -> None:
    start = 0
    n = len(chars)
    while start < n:
        end = start
        while end < n and chars[end] != "\n":
            end += 1
        if end - start >= SPACED_SHORT_MIN:
            long_line = end - start >= RUN_IN_MIN
            numbers_end = chars[start:end].count("|") < 3  # in a table's row a number opens a cell's item, not a paragraph
            gaps: list[tuple[int, int]] = []
            year_gaps: list[tuple[int, int]] = []  # a space before “2021年”: a break only after a note's title (below)
            cjk = 0
            i = start
            while i < end:
                ch = chars[i]
                if "\u4e00" <= ch <= "\u9fff":
                    cjk += 1
                if ch == " " and i > start:
                    j = i
                    while j < end and chars[j] == " ":
                        j += 1
                    if (j < end and _cjk_side(chars[i - 1], _SPACE_LEFT)
                            and (_cjk_side(chars[j], _SPACE_RIGHT) or numbers_end and _item_number_at(chars, j, end))
                            and not (chars[i - 1] in "年月" and chars[j].isdigit())
                            and chars[i - 1] + chars[j] not in _SPACED_WORDS):
                        gaps.append((i, j))
                    elif j < end and "\u4e00" <= chars[i - 1] <= "\u9fff" and _YEAR_AT_RE.match("".join(chars[j:j + 5])):
                        year_gaps.append((i, j))
                    i = j
                    continue
                i += 1
            if len(gaps) >= (SPACED_MIN if long_line else 2) and len(gaps) * 8 <= cjk:
                bounds = [start] + [j for _, j in gaps]
                ends = [i for i, _ in gaps] + [end]
                for k, (i, j) in enumerate(gaps):
                    left_len = sum(1 for c in chars[bounds[k]:ends[k]] if c != " ")
                    right_len = sum(1 for c in chars[bounds[k + 1]:ends[k + 1]] if c != " ")
                    left = "".join(chars[_piece_start(bounds[k], year_gaps, i):i]).replace(" ", "")
                    m = k + 1  # the piece after the space, with the lone characters a spaced-out word leaves (“预 算”)
                    while m + 1 < len(bounds) and sum(1 for c in chars[bounds[m + 1]:ends[m + 1]] if c != " ") == 1:
                        m += 1
                    if _title_cut(left, "".join(chars[j:ends[m]]).replace(" ", "")):
                        continue  # a title spaced out as extracted: “X片区 管理委员会…2023年部门预 算”
                    if ((long_line and left_len >= SPACED_SEGMENT and right_len >= SPACED_SEGMENT)
                            or _TITLE_PIECE_RE.fullmatch(left)
                            or _name_piece(left, "".join(chars[j:ends[k + 1]]).replace(" ", ""))
                            or _paragraph_gap("".join(chars[max(start, i - 12):i]), "".join(chars[j:min(end, j + 24)]))):
                        chars[i] = PARAGRAPH_MARK  # a line break once the copy's own lines were rejoined (below)
            if year_gaps and len(gaps) * 8 <= cjk:
                marks = sorted([j for _, j in gaps] + [j for _, j in year_gaps])
                for i, j in year_gaps:
                    begin = max([start] + [m for m in marks if m <= i])
                    after = min([end] + [m - 1 for m in marks if m > j])
                    left = "".join(chars[begin:i]).replace(" ", "")
                    right = "".join(chars[j:after]).replace(" ", "")
                    # “2021年X部门决算 2021年X部门决算 目 录…” (the title repeated), “…是否有效 2021年度X部门决算公开 …” (a
                    # named title after a page's words); not “X委员会 2023年度部门决算” (the title's own year)
                    if _TITLE_PIECE_RE.fullmatch(left) or (_TITLE_PIECE_RE.fullmatch(right) and not _title_cut(left, right)
                                                           and _NAMED_YEAR_TITLE_RE.match(right)):
                        chars[i] = PARAGRAPH_MARK
        start = end + 1


def _piece_start(begin: int, year_gaps: list[tuple[int, int]], at: int) -> int:
    """Where the piece that ends at `at` begins: after the last space before it (a year's space counts)."""
    return max([begin] + [j for _, j in year_gaps if j <= at])


# an encyclopedia copy's footnote marks (“规范化简称科技部[1],又简称…”, “…整体承担[3]。”) cut names and clauses
_FOOTNOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff。,，、)”])(?:\[\d{1,2}(?:-\d{1,2})?\])+(?!\s*页)")


# a wiki page's source copied as text: a link's brackets around words (“内设 [[ 办公室 ]] 、保卫部”) and bold marks
# (“'''X'''”) cut names and lists; the words stay (a file or URL link, “[[File:…]]”, is left as it is)
_WIKI_MARK_RE = re.compile(r"\[\[(?P<w>\s*[\u4e00-\u9fff][^\[\]|:\n]{0,40}?)\]\]|'{3}(?P<b>[\u4e00-\u9fff][^'\n]{0,40}?)'{3}")


def _drop_footnote_marks(chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Footnote marks, and a wiki source's link brackets and bold marks, dropped with their offsets."""
    joined = "".join(chars)
    if "[" not in joined and "'''" not in joined:
        return chars, offsets
    gone: set[int] = set()
    for m in _FOOTNOTE_RE.finditer(joined):
        gone.update(range(m.start(), m.end()))
    if "[[" in joined or "'''" in joined:
        for m in _WIKI_MARK_RE.finditer(joined):
            words = "w" if m["w"] is not None else "b"
            gone.update(range(m.start(), m.start(words)))
            gone.update(range(m.end(words), m.end()))
    if not gone:
        return chars, offsets
    keep = [k for k in range(len(chars)) if k not in gone]
    return [chars[k] for k in keep], [offsets[k] for k in keep]


def normalize_with_map(original: str) -> tuple[str, list[int]]:
    """NFKC character by character, recording for each output character its source index; then
    remove white space between Chinese characters (OCR and justified text put spaces there), collapse
    other runs of spaces, and trim each line; a one-line copy gets its line breaks back (`one_line_breaks`)."""
    text, offsets, one_line = normalize_before_breaks(original)
    if one_line:
        return one_line_breaks(text, offsets)
    if _short_one_line_copy(text) and breaks.variant() != "rules":
        return _insert_breaks(text, offsets, _model_breaks(text, short=True))
    return text, offsets


# A copy pasted as ≤ 3 lines, the longest of at least this many characters but under RUN_IN_MIN: too short for the
# rules of `one_line_breaks` (tuned on long pages), long enough for the break model's (ADR 0061; 100 as session 15
# chose it on TUNE by cross-fitting); its contents run (“第一部分…第二部分…”) stays whole (`_model_breaks`).
SHORT_ONE_LINE_MIN = 100


def _short_one_line_copy(text: str) -> bool:
    lines = text.split("\n")
    return len(lines) <= _ONE_LINE_MAX_LINES and max(len(line) for line in lines) >= SHORT_ONE_LINE_MIN


_MODEL_ARTICLE_RE = re.compile(r"第(?P<n>[一二三四五六七八九十百]{1,4})条")
_ARABIC_ITEM_RE = re.compile(r"(?<![\d.])(?P<n>\d{1,2})(?:、|\.(?!\d)|．)")
_SENTENCE_END = "。;；:：!?\n"
_PART_RE = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})部分")
_PART_END = "。;；!?\n"  # (“第一部分:单位概况” is a contents entry: its colon ends no sentence)


def _model_breaks(text: str, short: bool = False) -> set[int]:
    """The break model's breaks (ADR 0055) less those the rules' guards forbid: none at or inside a table's row (“|
    1.A 2.B |”), before an article not after a sentence's end unless it is a first article run into its title with
    “。第二条” going on (not “根据第一条规定”), before a “(八)” or “二、” not counting on from the last of its kind (“(六)…
    (八)…” skipping), before a “一、” with no sentence's end between it and the next or the last one (a contents list
    “目录一、A二、B”), nor before a “2.…” item whose list no duty word or “:” announces; in a short copy (`short`, under
    RUN_IN_MIN: a budget note's head that `staffnote_clauses` reads as one line) not before a “第二部分” within 80
    characters of the last or next part with no sentence's end between (“第一部分X说明一、…第二部分X表一、…”, ADR 0061)."""
    found = breaks.predicted_breaks(text)
    if not found:
        return found
    vetoed: set[int] = set()
    head = text.find("。")
    head = len(text) if head < 0 else head
    for at in found:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if "|" in (text[at], text[at - 1]) or ("|" in text[max(start, at - 40):at] and "|" in text[at:min(end, at + 60)]):
            vetoed.add(at)
            continue
        if at > head and _PAGE_LABEL_RE.match(text, at):
            vetoed.add(at)  # a label in the body, after its first sentence (“。发布时间:以上级通知为准”): no page's row
            continue
        article = _MODEL_ARTICLE_RE.match(text, at)
        if article is not None and text[at - 1] not in _SENTENCE_END and not (
                article["n"] == "一" and "。第二条" in text[at:]):
            vetoed.add(at)
    for rx in (_CN_DUN_RE, _PAREN_CN_RE) + ((_PART_RE,) if short else ()):
        previous, counting = 0, True
        marks = list(rx.finditer(text))
        for k, m in enumerate(marks):
            value = _marker_value(m["n"])
            counting = value == 1 or previous == 0 or (counting and value == previous + 1)
            previous = value
            if m.start() not in found:
                continue
            # a contents list: sections run together, no sentence's end between one and its neighbour
            reach = 30 if rx is _CN_DUN_RE else 80
            run = rx is not _PAREN_CN_RE and any(
                0 < b.start() - a.start() <= reach
                and not any(c in (_SENTENCE_END if rx is _CN_DUN_RE else _PART_END) for c in text[a.start():b.start()])
                for a, b in ((marks[k - 1] if k else None, m), (m, marks[k + 1] if k + 1 < len(marks) else None))
                if a is not None and b is not None)
            if not counting or run:
                vetoed.add(m.start())
    for m in _ARABIC_ITEM_RE.finditer(text):
        if m.start() in found and m["n"] != "1":
            first = max((k.start() for k in _ARABIC_ITEM_RE.finditer(text, 0, m.start()) if k["n"] == "1"), default=-1)
            lead = text[max(0, first - 30):first] if first >= 0 else ""
            if first < 0 or not (_DUTY_HEAD_RE.search(lead) or ":" in lead):
                vetoed.add(m.start())
    return found - vetoed


def normalize_before_breaks(original: str) -> tuple[str, list[int], bool]:
    """`normalize_with_map` up to the one-line copy's breaks: the text, its offsets, and whether it is a one-line
    copy (the text that `one_line_breaks` and the break model, `breaks`, read; scripts/train_breaks.py too)."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(original):
        if ch == "\r":
            continue
        norm = unicodedata.normalize("NFKC", ch)
        if ch in "\u3000\xa0":
            norm = " "  # tabs stay: they separate table cells
        for out in norm:
            chars.append(out)
            offsets.append(i)
    chars, offsets = _drop_footnote_marks(chars, offsets)
    _spaces_as_breaks(chars)
    out_chars: list[str] = []
    out_offsets: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        ch = chars[i]
        if ch == " ":
            j = i
            while j < n and chars[j] == " ":
                j += 1
            prev = out_chars[-1] if out_chars else "\n"
            nxt = chars[j] if j < n else "\n"
            drop = (prev in ("\n", PARAGRAPH_MARK) or nxt in ("\n", PARAGRAPH_MARK)
                    or (_is_cjk(prev) or prev in _CJK_PUNCT_HALF) and (_is_cjk(nxt) or nxt in _CJK_PUNCT_HALF)
                    or (_is_cjk(prev) and nxt.isdigit()) or (prev.isdigit() and _is_cjk(nxt)))
            if not drop:
                out_chars.append(" ")
                out_offsets.append(offsets[i])
            i = j
            continue
        out_chars.append(ch)
        out_offsets.append(offsets[i])
        i += 1
    text, offsets = reflow.collapse_double_spacing("".join(out_chars), out_offsets)  # a blank line after each line
    text, offsets = reflow.join_wrapped(text, offsets)  # a PDF's lines pasted as text
    text, offsets = reflow.join_broken_lists(text, offsets)  # “…人事科、计划生⏎育科、…”
    run_in = _run_in_lines(text)
    one_line = _one_line_copy(text)
    text = text.replace(PARAGRAPH_MARK, "\n")  # the spaces that ended paragraphs of a one-line copy
    text, offsets = reflow_run_in(text, offsets, run_in)
    return text, offsets, one_line


def _run_in_lines(text: str) -> list[bool]:
    """For each line the paragraph marks will make, whether it comes from a run-in line (one of at least
    RUN_IN_MIN characters as pasted): a one-line copy whose spaces became breaks has pieces shorter than that
    (“…附件 第一部分 概况 一、部门职责(一)…(二)…”) that are still run in."""
    flags: list[bool] = []
    for line in text.split("\n"):
        flags.extend([len(line) - line.count(PARAGRAPH_MARK) >= RUN_IN_MIN] * (line.count(PARAGRAPH_MARK) + 1))
    return flags


# ------------------------------------------------------------------ run-in text
# A web page or law database may run a whole notice + 规定 into one paragraph (“…的通知 长府办发〔2009〕47号
# 各县…: …实施。 长春市人民政府办公厅 二〇〇九年九月十日 …规定 根据… 一、职责调整 … 二、主要职责 (一)负责…”); with
# the spaces between Chinese characters gone nothing marks the title, the 文号, the signature or the sections.
# Line breaks are put back at the boundaries such a document always has; only lines longer than RUN_IN_MIN.
RUN_IN_MIN = 300
_RUN_IN_CN = r"[一二三四五六七八九十]{1,3}"
_RUN_IN_DOCNUMBER = r"[\u4e00-\u9fffA-Za-z]{1,16}[〔\[【(][12]\d{3}[〕\]】)]第?\d{1,6}号"
_RUN_IN_DATE = r"(?:[12]\d{3}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
_RUN_IN_BREAKS = [
    # before a section heading: 一、职责调整 / 二、主要职责 / 三、内设机构 / 四、人员编制 …
    re.compile(r"(?<=[^\n])(?=" + _RUN_IN_CN + r"、(?:职责调整|职能调整|职能转变|主要职责|内设机构|人员编制|领导职数|其他事项|附则|机构设置))"),
    # before 第N条 after the end of a sentence
    re.compile(r"(?<=[。;])(?=第" + _RUN_IN_CN + r"条)"),
    # before the first item of a list glued to its heading: 主要职责(一)负责…
    re.compile(r"(?<=[\u4e00-\u9fff])(?=\(一\))"),
    # the 文号 after a notice's, a 批复's or a 公告's title (in brackets or not) or after the masthead “X文件”, and what
    # follows it (a cited notice's 文号 follows its “》”)
    # (not “…意见的通知X发〔2007〕28号”: the title goes on; not “经市财政局批复(X〔2026〕1号),按照…”: a sentence goes on)
    re.compile(r"(?<=通知|批复|决定|意见|公告|通告|文件)(?=\(?(?!的)" + _RUN_IN_DOCNUMBER + r"\)?(?:[\u4e00-\u9fff《]|$))"),
    re.compile(r"(?<=[|])(?=\(?" + _RUN_IN_DOCNUMBER + r")"),  # after a metadata row's cells: “浏览量:1 | | |湘阴发〔2019〕4号”
    re.compile(r"(?<=通知|批复|决定|意见|公告|通告|文件)\(?(?!的)" + _RUN_IN_DOCNUMBER + r"\)?(?P<at>)(?=[\u4e00-\u9fff《])"),
    # a cover letter's date after its 印发 sentence, and the issued text's title after it: “…现印发给你们,请认真贯彻
    # 执行。二○○九年四月二十八日X工作意见为…”
    re.compile(r"(?:印发|转发)[^。\n]{0,60}。(?P<at>)" + _RUN_IN_DATE + r"(?=[\u4e00-\u9fff《])"),
    re.compile(r"(?:印发|转发)[^。\n]{0,60}。" + _RUN_IN_DATE + r"(?P<at>)(?=[\u4e00-\u9fff《])"),
    # the signature after the cover letter: …实施。长春市人民政府办公厅二〇〇九年九月十日…
    re.compile(r"(?<=。)(?=[\u4e00-\u9fff()]{2,30}?(?:办公厅|办公室|人民政府|委员会|政府|部|局|厅|委|署)" + _RUN_IN_DATE + r")"),
    re.compile(r"(?<=[办公厅室府会部局委署])(?=" + _RUN_IN_DATE + r"[\u4e00-\u9fff])"),
    re.compile(r"[办公厅室府会部局委署]" + _RUN_IN_DATE + r"(?P<at>)(?=[\u4e00-\u9fff《])"),
    # a 规定's title followed directly by its preamble
    re.compile(r"(?<=规定)(?=(?:根据|依据|按照)[《\u4e00-\u9fff])"),
    # a 规定's title followed directly by its first article: …人员编制规定第一条根据…
    re.compile(r"(?<=规定)(?=第一条)"),
    # …and after it, before its text: 二、主要职责根据以上职能调整,… / 三、内设机构根据以上职责,…
    re.compile(r"(?<![\u4e00-\u9fff])" + _RUN_IN_CN + r"、(?:职责调整|职能调整|职能转变|主要职责|内设机构|人员编制|机构设置)(?P<at>)"
               r"(?=(?:根据|按照|依据|[\u4e00-\u9fff]{2,30}?(?:的主要职责|设下列|设\d|机关行政编制|行政编制)))"),
    # a notice's title followed directly by its addressees: …的通知各县(市)、区人民政府,…: / …的通知湖南省林业厅:
    re.compile(r"(?<=[的]通知)(?=各[\u4e00-\u9fff、()]{1,40}?[:,])"),
    # a page's title line (the issued text's name) run into the cover letter's addressees: “X暂行办法各乡镇人民政府,…:”
    re.compile(r"(?:^|(?<=\n))[^。,;:\n]{4,80}?(?:办法|规定|规则|细则|方案|意见|通知|批复|决定)(?P<at>)各[^。;:\n]{1,60}?:", re.M),
    # a report's or note's title followed directly by its table of contents or its first part
    re.compile(r"(?<=(?:决算|预算|报告|说明|公开))(?=(?:目\s?录|第一部分|一、(?:部门|单位|基本|概况|主要)))"),
    # page metadata run in after a title: …规定发布时间:2019-03-04 / …决算来源:…
    re.compile(r"(?<=(?:规定|通知|批复|决定|方案|意见|规则|办法|决算|预算|报告|说明))(?=(?:发布时间|发布日期|来源|时间)[:：])"),
]
# the rules a piece of a run-in line gets (`_run_in_lines`: a one-line copy cut at its spaces): not the last two, a
# title's end, told in long lines only (on pieces they cut texts as collected that read well as they stand)
_RUN_IN_PIECE_BREAKS = _RUN_IN_BREAKS[:-2]


# numbered items run into a long line: “…:(一)…(二)…(三)…” — a break before each “(N)” of a run numbered 一, 二, 三… in
# order (at least three); a lone or out-of-order number is no item
_CN_VALUE = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_SEQ_MARKER_RE = re.compile(r"\((?P<n>[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)\)")


def _marker_value(n: str) -> int:
    if "十" not in n:
        return _CN_VALUE[n]
    tens, _, units = n.partition("十")
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[units] if units else 0)


def _chains(found: list[tuple[int, int]], follows=lambda pos, last: True) -> list[int]:
    """The positions of each run of markers counting 1, 2, 3… in order (at least three); `follows(pos, last)` says
    whether a marker at `pos` may continue a run whose last marker is at `last`."""
    return [pos for chain in _chain_list(found, follows) for pos in chain]


def _chain_list(found: list[tuple[int, int]], follows=lambda pos, last: True) -> list[list[int]]:
    cuts, i = [], 0
    while i < len(found):
        if found[i][1] != 1:
            i += 1
            continue
        chain, want = [found[i][0]], 2
        for pos, value in found[i + 1:]:
            if value == want and follows(pos, chain[-1]):
                chain.append(pos)
                want += 1
        if len(chain) >= 3:
            cuts.append(chain)
        i += 1
        while i < len(found) and found[i][0] <= chain[-1]:
            i += 1
    return cuts


def _sequence_cuts(line: str) -> list[int]:
    return _chains([(m.start(), _marker_value(m["n"])) for m in _SEQ_MARKER_RE.finditer(line)])


# “…职责1.承担…。2.贯彻…。3.负责…” run into one long line: a break before each number of a run counting 1, 2, 3… in
# order (at least three), where every number after the first follows the end of a sentence and each item is a
# clause of its own (at least 8 characters); a number inside a sentence (“第1.5条”, “2、3月”) is no item
_ARABIC_MARKER_RE = re.compile(r"(?<![\d.])(?P<n>\d{1,2})(?:、|\.(?!\d)|．)(?=[\u4e00-\u9fff“《(])")


_DUTY_HEAD_RE = re.compile(r"职责|职能")


def _arabic_sequence_cuts(line: str) -> list[int]:
    return _chains([(m.start(), int(m["n"])) for m in _ARABIC_MARKER_RE.finditer(line)],
                   lambda pos, last: pos - last >= 8 and line[pos - 1] in "。;；")


# “…职责:(1)负责…。(2)办理…” / “…任务是:1)听取…。2)团结…” / “…职能职责一是参与…。二是引导…”: the same, after a sentence's end
_PAREN_ARABIC_RE = re.compile(r"(?:\((?P<n>\d{1,2})\)|(?<![\d(.])(?P<m>\d{1,2})\))(?=[\u4e00-\u9fff“《])")
_SHI_MARKER_RE = re.compile(r"(?<![\u4e00-\u9fff])(?P<n>[一二三四五六七八九]|十[一二三四五六七八九]?)是(?=[\u4e00-\u9fff“《])"
                            r"|(?<=[\u4e00-\u9fff])(?P<m>[一二三四五六七八九]|十[一二三四五六七八九]?)是(?=[\u4e00-\u9fff“《])")


def _after_sentence(line: str):
    return lambda pos, last: pos - last >= 8 and line[pos - 1] in "。;；"


def _list_start(line: str, at: int) -> int:
    """Where a run-in list that starts at `at` begins its line: with the short heading that announces it (“…职能。
    一、党委工作职责:(1)…”), else at its first number; the list's items stay together, read as a run-in list."""
    head = max(line.rfind(c, 0, at) for c in "。;；")
    return head + 1 if at - head <= 25 else at  # head −1: the line's own heading


def _more_sequence_cuts(line: str) -> list[int]:
    starts = []
    for chain in (_chain_list([(m.start(), int(m["n"] or m["m"])) for m in _PAREN_ARABIC_RE.finditer(line)],
                              _after_sentence(line)),
                  _chain_list([(m.start(), _marker_value(m["n"] or m["m"])) for m in _SHI_MARKER_RE.finditer(line)],
                              _after_sentence(line))):
        starts += [_list_start(line, c[0]) for c in chain]
    return starts


# the first line of a copy that ran the title into the first article: “X职能配置、内设机构和人员编制规定第一条⏎为了…”
# (the article's own space became a break, so the line is short); the title holds no sentence punctuation
_TITLE_ARTICLE_RE = re.compile(r"^[^\n。,;:，；：]{6,100}?(?:规定|方案|规则|办法)(?P<at>)第一条")


def reflow_run_in(text: str, offsets: list[int], run_in: list[bool] | None = None) -> tuple[str, list[int]]:
    """Line breaks put back into run-in lines (see above): lines of at least RUN_IN_MIN characters, and those `run_in`
    marks (pieces of such a line as pasted); an inserted break maps to the next character's offset."""
    cuts: set[int] = set()
    title = _TITLE_ARTICLE_RE.match(text)
    if title is not None and len(text) >= RUN_IN_MIN:
        cuts.add(title.start("at"))
    lines = text.split("\n")
    long_lines = [len(line) >= RUN_IN_MIN or bool(run_in and k < len(run_in) and run_in[k])
                  for k, line in enumerate(lines)]
    if not cuts and not any(long_lines):
        return text, offsets
    pos, previous = 0, ""
    for line, long_line in zip(lines, long_lines, strict=True):
        if long_line:
            for rx in (_RUN_IN_BREAKS if len(line) >= RUN_IN_MIN else _RUN_IN_PIECE_BREAKS):
                for m in rx.finditer(line):
                    at = m.start("at") if "at" in rx.groupindex else m.start()
                    if 0 < at < len(line):
                        cuts.add(pos + at)
            cuts.update(pos + at for at in _sequence_cuts(line) if 0 < at < len(line))
            arabic = _arabic_sequence_cuts(line)
            if arabic and len(line) < RUN_IN_MIN and not _DUTY_HEAD_RE.search(previous[-30:] + line[:arabic[0]]):
                arabic = []  # a piece's “1.…2.…” not announced as duties: a cell's run-in list (“年度工作内容 1.完成…”)
            cuts.update(pos + at for at in arabic if 0 < at < len(line))
            cuts.update(pos + at for at in _more_sequence_cuts(line) if 0 < at < len(line))
        pos += len(line) + 1
        previous = line
    return _insert_breaks(text, offsets, cuts)


# ------------------------------------------------------------------ one-line copies
# A page whose paragraphs were <div>s gives the whole document as one line, often with nothing where a paragraph
# ended (“…的通知一、单位基本情况政协机关设置…。区政协办公室的主要职责为:1.负责…。2.组织…”). Readers find a heading,
# an item or a list lead at a line's start; in such a copy (the text as pasted is at most three lines, one of them
# at least RUN_IN_MIN characters) the breaks the page lost are put back where a document always has one: before
# each item of a list numbered in order (“(一)”, “(1)”, “1.”, “1)”, “一、”: at least three, each after the end of
# a sentence or a lead “:”, or close after the previous one: a list of names), before the short lead that announces
# such a list (“。X的主要职责为:”), before each bullet (“- ”, “•”) of a bulleted list, and before a section heading a
# list of names runs into (“…、过刊书库、社区分馆主要职责:”).
_ONE_LINE_MAX_LINES = 3
_ITEM_GAP = 24  # characters: items closer than this need no sentence end before them (“1.办公室2.人事科…”)
_END_BEFORE_ITEM = set("。:：!?\n")
_CN_DUN_RE = re.compile(r"(?<![第\d一二三四五六七八九十])(?P<n>[一二三四五六七八九]|十[一二三四五六七八九]?)、(?=[\u4e00-\u9fff“《(])")
_PAREN_CN_RE = re.compile(r"\((?P<n>[一二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)\)"
                          r"(?=[\u4e00-\u9fff“《(])")
_BULLET_RE = re.compile(r"(?:(?<=[\u4e00-\u9fff。;；:：,，)])- |[•●■◆▪])(?=[\u4e00-\u9fff])")
_SECTION_WORDS = (r"(?:职责调整|职能调整|职能转变|主要职责|职能职责|主要职能|基本职能|部门职责|内设机构|机构设置|人员编制|人员构成|人员情况"
                  r"|单位构成|领导职数)")
# a section heading numbered “(二)” or “二、” after a sentence's end, whether or not its list counts on (“…。(二)机构设置本单位设立…”)
_SECTION_AFTER_END_RE = re.compile(r"(?<=[。;；])(?=(?:\(" + _RUN_IN_CN + r"\)|" + _RUN_IN_CN + r"、)" + _SECTION_WORDS + ")")
# …and the heading's end, where the section's text runs on without it (“(二)机构设置本单位设立…”, “(一)职能职责我单位…”)
_SECTION_HEADING_END_RE = re.compile(r"(?<=[。;；\n])(?:\(" + _RUN_IN_CN + r"\)|" + _RUN_IN_CN + r"、)" + _SECTION_WORDS
                                     + r"(?P<at>)(?=[\u4e00-\u9fff])(?![及与的情说是为])(?!和(?:人员|职能|职责|编制|领导|内设|机构|主要|单位))")
# a title given twice (the page's heading, then the document's own): “X的通知X的通知” — a break before each
_TITLE_TWICE_RE = re.compile(r"(?P<t>[^\n。;:,，]{8,80}?(?:通知|规定|决定|批复|方案|决算|预算|报告|说明|公开))(?P<at>)(?=(?P=t))")
# …or with a few of the page's words between the two (“X2023年度部门决算监督索引号5309…X2023年度部门决算”): a break
# around each copy (looked for in the page's head only)
_TITLE_AGAIN_RE = re.compile(r"(?P<t>[^\n。;:,，]{8,80}(?:通知|规定|决定|批复|方案|决算|预算|报告|说明|公开))(?P<gap>(?!公开|说明|情况|编制|概况|报告|表|及|和|[:：])[^\n。]{0,40}?[^\n。\u4e00-\u9fff][^\n。]{0,40}?)(?P=t)")
_TITLE_AGAIN_HEAD = 600
# a body's own paragraph after a sentence's end: “。秘书科作为核心部门,负责…” / “。调研科主要负责…” / “。社会事业科、工业科…等科室分别负责…”
_BODY_PARAGRAPH_RE = re.compile(r"(?<=。)(?=[\u4e00-\u9fff]{1,10}(?:科|室|股|处|所|队|站|办)(?:(?:则|主要|作为|、|:)"
                                r"[^。]{0,40}?负责|则?(?:负责|承担)))")  # (or straight on: “。接待办负责…”, “。复议应诉科则承担…”)
# an item's heading run into its text, in a one-line copy: a body named in a list of bodies before its duties (“内设…:
# (八)科技教育司拟定交通行业…”, “1、办公室(加挂指挥中心牌子)负责掌握…”), or a heading repeated as the subject of
# its text (“(一)办公厅办公厅是…”)
_ITEM_BODY_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,14}?(?:司|厅|局|处|科|室|股|大队|中队|支队|所|站|中心|部|办))"
                           r"(?:\([^()\n]{2,30}?牌子\))?(?P<at>)(?=(?:主要)?(?:负责|承担|拟定|拟订|管理|指导|组织|掌握|收集"
                           r"|研究|统筹|协调|监督|制定|办理|指挥))")
_NOT_A_NAME_RE = re.compile(r"负责|承担|拟|组织|指导|管理|贯彻|研究|协调|统筹|监督|参与|完成|做好|落实|推进|开展|建立|制定|执行"
                            r"|办理|依法|会同|按照|根据|承办|编制|审核|加强|提出")
_BODIES_LEAD_RE = re.compile(r"内设|下设|设下列|设置|机构|科室|职能司|处室")
# …or the document's subject named again after a short heading (“1.公共卫生管理汉中市卫健委负责…”, “一、基本情况周宁国有林场
# 位于…”): a name said at least three times in the text, after a heading that is no duty's verb
_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
_SUBJECT_END = set("委局厅场馆院会部所站心办室队司处科校园府社团联")
_SUBJECT_GOES_ON_RE = re.compile(r"负责|是|作为|位于|主要|承担|内设|下设|设有|拥有|现有|编制|直属|成立于|始建")
_DUTY_VERB_RE = re.compile(r"负责|承担|贯彻|拟|组织|指导|参与|完成|做好|落实|推进|开展|建立|制定|执行|办理|依法|会同|按照|根据"
                           r"|承办|编制|审核|加强|提出|协助|配合|协调|统筹|监督|研究|指导|督促|对|在|为|与|和|及")
_DUTIES_LEAD_RE = re.compile(r"职责|职能|任务")
_HEADING_AFTER_LIST_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?<![的其本和及与、])(?=(?:主要职责|主要职能|基本职能|职能职责|工作职责"
                                    r"|内设机构|机构设置|人员编制|人员构成)(?:[:：]|是|为|如下))")


# the page's own words before the document, in a one-line copy's head (before its first sentence ends): a metadata
# label starts a line (“…2019年部门预算公开来源:文化馆发布时间: 2019-01-15…”), as the page showed it
_PAGE_LABEL_RE = re.compile(r"(?:信息来源|来源|发布时间|发布日期|发表时间|更新时间|颁布时间|颁布日期|实施日期|执行日期|发布机构|索引号|主题分类"
                            r"|组配分类|发文字号|发文机关|发文机构|发文日期|成文日期|责任编辑|编辑|作者|点击数|浏览次数|访问次数|浏览量"
                            r"|时效性|有效性|公开方式|公开日期|公开范围|文\s?号|时间(?=[:：]\s?[12]\d{3}))\s?[:：]")
# …a label's (or a bullet's) date and time run into what follows (“发布日期:2024-09-12临沧市…”, “• 2016-04-05X…”)
_PAGE_DATE_RE = re.compile(r"(?:[:：]|[•●▪])\s?[12]\d{3}-\d{1,2}-\d{1,2}(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?(?P<at>)(?=[\u4e00-\u9fff])")
# …and the site's own buttons and banners before the title (“进入老年模式政府信息公开岳阳楼区文化馆2019年部门预算公开”)
_PAGE_CHROME_RE = re.compile(r"\s?(?:政府信息公开(?!工作|年度|指南|目录|制度|规定|条例|专栏|平台|网|办法)|进入老年模式|老年模式|长者模式|关怀版"
                             r"|无障碍浏览|无障碍|手机版|加入收藏|设为首页|全文检索|返回顶部|登录注册)(?P<at>)(?=\s?[\u4e00-\u9fff])")


_LABEL_ROW_GAP = 40
# …a 文号 run into the title after it (“文号:揭东委办发〔2019〕16号揭阳市揭东区X局第一条…”)
_PAGE_DOCNUMBER_RE = re.compile(_RUN_IN_DOCNUMBER + r"(?P<at>)(?=[\u4e00-\u9fff])")
_CHROME_GOES_ON_RE = re.compile(r"\s?(?:首页|您|当前位置|>)")


def _page_head_cuts(text: str) -> set[int]:
    """Breaks around the page's own words in a one-line copy's head (above): labels, dates, 文号, the site's buttons,
    a title given again."""
    head = text.find("。")
    head = len(text) if head < 0 else head
    cuts = set()
    last = -1  # the end of the label before: a row of labels and their values stays one line
    for m in _PAGE_LABEL_RE.finditer(text, 0, head):
        if m.start() > 0 and text[m.start() - 1] not in "|[【 " and (last < 0 or m.start() - last > _LABEL_ROW_GAP):
            cuts.add(m.start())
        last = m.end()
    for m in _PAGE_DATE_RE.finditer(text, 0, head):
        if not _PAGE_LABEL_RE.match(text, m.start("at")):  # (a row of labels goes on)
            cuts.add(m.start("at"))
    cuts.update(m.start("at") for m in _PAGE_DOCNUMBER_RE.finditer(text, 0, head))
    # after a run of the site's words, not within it nor before its breadcrumbs (“…长者模式首页 >> …”)
    cuts.update(m.start("at") for m in _PAGE_CHROME_RE.finditer(text, 0, head)
                if not _PAGE_CHROME_RE.match(text, m.start("at")) and not _CHROME_GOES_ON_RE.match(text, m.start("at")))
    starts = cuts | {0} | {k + 1 for k, ch in enumerate(text[:min(head, _TITLE_AGAIN_HEAD)]) if ch == "\n"}
    for at in sorted(starts):
        m = _TITLE_AGAIN_RE.match(text, at, min(head, _TITLE_AGAIN_HEAD))
        if m is not None:
            cuts.update((m.start(), m.start("gap"), m.end("gap"), m.end()))
    return cuts


# a budget note's title run into its first part, which names the unit: “X2016年度部门预算一、X单位概况(一)…”
_NOTE_FIRST_PART_RE = re.compile(r"(?<=决算|预算|报告|说明|公开)(?=一、[^\n。,;:、]{2,30}?(?:概况|基本情况))")
# a 规定's first article run into the title before it, the articles going on in order (“X局第一条根据…。第二条X局是…。第三条…”)
_FIRST_ARTICLE_RE = re.compile(r"(?<![\n。;；])(?<!根据)(?<!依据)(?<!按照)(?<!本规定)第一条(?![的规款])")
_SECOND_ARTICLE_RE = re.compile(r"[。;；\n]第二条[\s\S]*?[。;；\n]第三条")
# …or with the page's date between them (“X规定2019-03-04第一条”)
_TITLE_DATE_RE = re.compile(r"(?<=规定|方案|办法|规则|通知|决定|批复)(?=[12]\d{3}-\d{1,2}-\d{1,2}(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?第一条)")
_NUMBERED_HEADING_RE = re.compile(r"(?:\(" + _RUN_IN_CN + r"\)|" + _RUN_IN_CN + r"、)")
_HEADING_WORDS_RE = re.compile(r"、|职能|职责|机构|设置|概况|情况")


def _one_line_copy(text: str) -> bool:
    lines = text.split("\n")
    return len(lines) <= _ONE_LINE_MAX_LINES and max(len(line) for line in lines) >= RUN_IN_MIN


def _item_follows(line: str):
    # a “;” or “,” before the number: items of one sentence (“职责是:(1)管理…;(2)管理…;(3)…。”), run in as written
    # (the spaces of a blanked anti-copy string between the sentence's end and the number aside)
    return lambda pos, last: pos - last >= 2 and (line[:pos].rstrip(" ")[-1:] in _END_BEFORE_ITEM
                                                  or pos - last <= _ITEM_GAP and line[pos - 1] not in ";；,，、")


def _fragment_chain(markers: list[tuple[int, int]], line: str) -> list[int]:
    """A list that the copy starts in its middle (“…职责。(八)科技教育司…。(九)国际合作司…。(十)公安局…”): the
    first markers of their kind count on in order from some number above 1, at least three, each after a sentence's
    end; no chain at all when the markers start at 1 (the ordinary case, `_chain_list`)."""
    if not markers or markers[0][1] <= 1:
        return []
    chain = [markers[0]]
    for pos, value in markers[1:]:
        if value != chain[-1][1] + 1 or pos - chain[-1][0] < 8 or line[pos - 1] not in "。;；\n":
            break
        chain.append((pos, value))
    return [pos for pos, _ in chain] if len(chain) >= 3 and line[chain[0][0] - 1:chain[0][0]] in ("", "。", "\n") else []


def _item_heading_cuts(line: str, chain: list[int], ends: dict[int, int]) -> set[int]:
    """The end of each item's heading run into its text (above `_ITEM_BODY_RE`)."""
    cuts = set()
    lead = line[max(0, chain[0] - 120):chain[0]]
    bodies = [m.end() for m in _BODIES_LEAD_RE.finditer(lead)]
    duties = [m.end() for m in _DUTIES_LEAD_RE.finditer(lead)]
    names = [m if m is not None and not _NOT_A_NAME_RE.match(m["name"]) else None
             for m in (_ITEM_BODY_RE.match(line, ends[pos]) for pos in chain)]
    bodies_listed = (bool(bodies) and (not duties or bodies[-1] > duties[-1])) or all(names)
    for pos, name in zip(chain, names, strict=True):
        at = ends[pos]
        again = _heading_again(line, at)
        if again is not None:
            cuts.add(again)
        elif bodies_listed and name is not None:
            cuts.add(name.start("at"))
            continue
        end = _heading_end(line, at)
        if end is not None:
            cuts.add(end)
    return cuts


def _heading_again(line: str, at: int) -> int | None:
    for k in range(2, 11):
        heading = line[at:at + k]
        if len(heading) < k or not _HAN_RE.match(heading[-1]):
            return None
        if line.startswith(heading, at + k):
            return at + k
    return None


def _heading_end(line: str, at: int) -> int | None:
    """Where a short heading at `at` ends, when its text names the heading again (“办公厅办公厅是…”) or the document's
    subject (“公共卫生管理汉中市卫健委负责…”)."""
    again = _heading_again(line, at)
    if again is not None or _DUTY_VERB_RE.match(line, at):
        return again
    best, best_count = None, 2
    for k in range(2, 13):
        heading = line[at:at + k]
        if len(heading) < k or not _HAN_RE.match(heading[-1]):
            break
        for size in range(3, 13):
            subject = line[at + k:at + k + size]
            goes_on = at + k + size
            if (len(subject) == size and subject[-1] in _SUBJECT_END and _HAN_RE.fullmatch(subject)
                    and (_SUBJECT_GOES_ON_RE.match(line, goes_on)  # (or “管理体制周宁国有林场的管理体制…”)
                         or line.startswith("的" + heading[:2], goes_on))):
                count = line.count(subject)
                # a whole name: said at least three times, mostly without the heading's last character before it
                # (“基本情况周宁国有林场”: not “国有林场”, mostly after 周宁), and the one said most often (not
                # “况周宁国有林场” of “人员保障状况周宁国有林场”, said after three headings in 况)
                if count > best_count and 2 * line.count(heading[-1] + subject) <= count:
                    best, best_count = at + k, count
    return best


def _one_line_cuts(line: str) -> set[int]:
    cuts: set[int] = set()
    follows = _item_follows(line)
    for rx, value in ((_PAREN_CN_RE, lambda m: _marker_value(m["n"])),
                      (_PAREN_ARABIC_RE, lambda m: int(m["n"] or m["m"])),
                      (_ARABIC_MARKER_RE, lambda m: int(m["n"]))):
        found = list(rx.finditer(line))
        markers = [(m.start(), value(m)) for m in found]
        ends = {m.start(): m.end() for m in found}
        fragment = _fragment_chain(markers, line)
        if fragment:
            cuts.update(fragment)
            cuts.update(_item_heading_cuts(line, fragment, ends))
        for chain in _chain_list(markers, follows):
            if "|" in line[max(0, chain[0] - 30):chain[-1]]:
                continue  # a list inside a table's cell (“| 1.A 2.B 3.C |”)
            lead = line[max(0, chain[0] - 30):chain[0]]
            if line[chain[0]].isdigit() and not (_DUTY_HEAD_RE.search(lead) or ":" in lead):
                if all(line[pos - 1] == "\n" for pos in chain):  # (items the run-in rules put on lines of their own)
                    cuts.update(_item_heading_cuts(line, chain, ends))
                continue  # “年度主要工作内容1.…2.…”: a cell's run-in list, not announced as duties
            cuts.update(chain)
            cuts.update(_item_heading_cuts(line, chain, ends))
            first = chain[0] - 1 if line[chain[0] - 1] == "\n" else chain[0]  # a break the run-in rules put back
            head = max(line.rfind(c, 0, first) for c in "。;；\n")
            if head >= 0 and first - head <= 25:
                cuts.add(head + 1)  # the lead that announces the list: “。X的主要职责为:1.…”
    bullets = [m.start() for m in _BULLET_RE.finditer(line)]
    if len(bullets) >= 3:
        cuts.update(bullets)
    # sections “一、…。二、…” each after a sentence's end (a contents list's “一、A二、B” stays as the page ran it)
    dun = [m for m in _CN_DUN_RE.finditer(line) if line[m.start() - 1] in "。;；\n"]
    for chain in _chain_list([(m.start(), _marker_value(m["n"])) for m in dun], lambda pos, last: pos - last >= 8):
        cuts.update(chain)
        ends = {m.start(): m.end() for m in dun}
        cuts.update(end for end in (_heading_end(line, ends[pos]) for pos in chain) if end is not None)
    for m in _HEADING_AFTER_LIST_RE.finditer(line):
        clause_start = max(line.rfind(c, 0, m.start()) for c in "。;；:：\n")
        heading = _NUMBERED_HEADING_RE.match(line, clause_start + 1)
        if line.count("、", clause_start + 1, m.start()) >= 2 or (
                heading and _HEADING_WORDS_RE.search(line, heading.end(), m.start())):
            # (or after a part's numbered heading of its own: “(一)部门机构设置、职能机构设置:设有…”, not the words that
            # make one heading with it: “一、党委工作职责:”)
            cuts.add(m.start())
    return {at for at in cuts if 0 < at < len(line)}


# a notice's signature run in after its last sentence: the organ(s) and the date, each a line of its own on the page
# (“…机关行政编制78名。中共湖南省委办公厅湖南省人民政府办公厅2019年3月1日”, “…现予印发。湖南省人民政府办公厅二00九年
# 十二月三十一日湖南省科学技术厅主要职责…规定”)
_RUN_IN_SIGNATURE_RE = re.compile(
    r"(?<=[。;；!！])(?P<organ>(?:[\u4e00-\u9fff]{2,30}?(?:办公厅|办公室|人民政府|委员会|编委|党委|政府|局|厅|委|部|院|署)){1,3})"
    r"(?P<date>(?:[12]\d{3}|[〇○零O0一二三四五六七八九]{4})\s?年\s?[\d〇○零一二三四五六七八九十]{1,2}\s?月"
    r"\s?[\d〇○零一二三四五六七八九十]{1,3}\s?日)")


def one_line_breaks(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Line breaks put back into a one-line copy (see above), read over the whole text (the breaks the run-in rules
    put back already end a sentence); an inserted break maps to the next character's offset. The cuts are read with
    the anti-copy strings blanked (“…发展。 V8+,no2~2Yz9+7w2.负责…”: the item after the sentence end), which keeps the
    offsets; the breaks go into the text as it is."""
    read, text = text, final2_clauses.blank_junk(text)
    cuts = _one_line_cuts(text)
    cuts.update(_page_head_cuts(text))
    cuts.update(m.start("at") for m in _SECTION_HEADING_END_RE.finditer(text))
    for m in _TITLE_TWICE_RE.finditer(text):
        cuts.update((m.start(), m.start("at")))  # the title's both copies start a line (the first after page chrome)
    first = _FIRST_ARTICLE_RE.search(text)
    if first is not None and _SECOND_ARTICLE_RE.search(text, first.end()):
        cuts.add(first.start())  # “X局第一条根据…。第二条…”: the first article run into the title
    for m in _RUN_IN_SIGNATURE_RE.finditer(text):
        cuts.update((m.start("organ"), m.start("date"), m.end("date")))
    for rx in _RUN_IN_BREAKS[-2:] + [_SECTION_AFTER_END_RE, _BODY_PARAGRAPH_RE, _NOTE_FIRST_PART_RE, _TITLE_DATE_RE]:  # (the title's end: long lines only)
        cuts.update(m.start() for m in rx.finditer(text))
    mode = breaks.variant()
    if mode == "model":
        cuts = set()
    if mode in ("both", "model"):
        cuts.update(_model_breaks(text))
    cuts = {at for at in cuts if 0 < at < len(text) and text[at - 1] != "\n" and text[at] != "\n"}
    return _insert_breaks(read, offsets, cuts)


def _insert_breaks(text: str, offsets: list[int], cuts: set[int]) -> tuple[str, list[int]]:
    if not cuts:
        return text, offsets
    out, out_offsets, last = [], [], 0
    for cut in sorted(cuts):
        out.append(text[last:cut])
        out_offsets.extend(offsets[last:cut])
        out.append("\n")
        out_offsets.append(offsets[cut] if cut < len(offsets) else (offsets[-1] if offsets else 0))
        last = cut
    out.append(text[last:])
    out_offsets.extend(offsets[last:])
    return "".join(out), out_offsets


def from_text(original: str, method: str = "text", pages: int = 1) -> Extracted:
    original = original.replace("\r\n", "\n").replace("\r", "\n")
    text, offsets = normalize_with_map(original)
    return Extracted(original=original, text=text, offsets=offsets, method=method, pages=pages)


# ------------------------------------------------------------------ paragraph reconstruction
_PAGE_NUMBER_RE = re.compile(r"^[\s\-—–－·]*(第\s*)?\d{1,3}\s*(页)?[\s\-—–－·]*(/\s*\d+\s*页?)?$")
# “第 1 页 共 3 页”, “共3页 第1页”, “第1页/共3页”, “Page 1 of 3”: a footer whatever the office's template
_PAGE_OF_RE = re.compile(r"^[\s\-—–－·]*(?:第\s*\d{1,3}\s*页[\s,，/]*共\s*\d{1,3}\s*页|共\s*\d{1,3}\s*页[\s,，/]*第\s*\d{1,3}\s*页"
                         r"|(?i:page)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?)[\s\-—–－·]*$")


@dataclass
class Line:
    x0: float
    x1: float
    text: str
    height: float = 0.0
    top: float | None = None  # the line's top and bottom on its page (a text PDF's geometry; OCR lines leave them out)
    bottom: float | None = None


def _page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER_RE.match(text) or _PAGE_OF_RE.match(text))


def _running_key(line: Line) -> str:
    """The text with its numbers masked, and in a text PDF the type size and the place on the page: a running header
    stands where the one on the other pages stands (the title on page 1 is not the header repeating it)."""
    key = re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))
    if line.top is not None:
        key += f"@{round(line.height)}:{round(line.top / 4)}"
    return key


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """A page's running header or footer (the title or the organ repeated at the top of each page, “机密”, a footer
    line) would land inside the paragraph that runs over the page break. Dropped: the first line of a page (and the
    second after it, a long title wrapping) when the same text (numbers aside) also opens another page and, in a text
    PDF, stands apart from the body (more than 1.4 line pitches), the same at the foot of the pages; and, from the second page on, the first lines in smaller type than the page's body set
    apart from it by more than a line's height (Word's “different first page” leaves the header out of page 1, so a
    two-page document shows it once)."""
    if len(pages) < 2:
        return pages
    pages = [[ln for ln in lines if ln.text.strip()] for lines in pages]
    heads: dict[str, int] = {}
    feet: dict[str, int] = {}
    for lines in pages:
        for key in {_running_key(ln) for ln in lines[:2]}:
            heads[key] = heads.get(key, 0) + 1
        for key in {_running_key(ln) for ln in lines[-2:]}:
            feet[key] = feet.get(key, 0) + 1

    def repeated(line: Line, seen: dict[str, int]) -> bool:
        return seen.get(_running_key(line), 0) >= 2 and len(line.text.strip()) <= 60

    out: list[list[Line]] = []
    for n, lines in enumerate(pages):
        drop: set[int] = set()
        if len(lines) >= 3:
            geometry = all(ln.top is not None for ln in lines)
            pitches = sorted(b.top - a.top for a, b in zip(lines, lines[1:], strict=False)) if geometry else []
            pitch = pitches[(len(pitches) - 1) // 2] if pitches else 0.0
            # a text PDF's running line stands in the margin, clear of the body's line pitch
            k = 0
            while k < 2 and repeated(lines[k], heads):
                k += 1
            if k and (not geometry or lines[k].top - lines[k - 1].top > 1.4 * pitch):
                drop.update(range(k))
            k = 0
            while k < 2 and repeated(lines[-1 - k], feet):
                k += 1
            if k and (not geometry or lines[-k].top - lines[-1 - k].top > 1.4 * pitch):
                drop.update(range(len(lines) - k, len(lines)))
        if n > 0 and len(lines) >= 2 and all(ln.top is not None and ln.bottom is not None for ln in lines[:4]):
            for j in range(1, min(4, len(lines))):  # a header of one to three lines in small type, then a gap
                # the body's type is what the rest of the page is set in (a last page may hold only a line or two)
                block, nxt, body = lines[:j], lines[j], _body_height(lines[j:])
                if (body and all(ln.height < 0.85 * body and len(ln.text.strip()) <= 60 for ln in block)
                        and nxt.top - block[-1].bottom > body):
                    drop.update(range(j))
                    break
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


def _body_height(lines: list[Line]) -> float:
    """The height of the page's body type: the one most characters are set in (a title's few large lines aside)."""
    chars: dict[float, int] = {}
    for ln in lines:
        if ln.height:
            key = round(ln.height, 1)
            chars[key] = chars.get(key, 0) + len(ln.text.replace(" ", ""))
    return max(chars, key=lambda h: (chars[h], -h)) if chars else 0.0


def _text_block(pages: list[list[Line]]) -> tuple[float | None, float]:
    """A text PDF's left margin and right edge over all its pages: the smallest left edge at least three lines share
    (to half a point) and the furthest right edge of a line of ten characters or more (a text layer has no specks;
    page numbers are gone by now). (None, 0) for
    OCR lines (no geometry) or too few lines."""
    lines = [ln for page in pages for ln in page]
    if not lines or any(ln.top is None for ln in lines):
        return None, 0.0
    starts: dict[float, int] = {}
    for ln in lines:
        key = round(ln.x0 * 2) / 2
        starts[key] = starts.get(key, 0) + 1
    shared = [x for x, n in starts.items() if n >= 3]
    ends = [ln.x1 for ln in lines if len(ln.text.strip()) >= 10]
    if not shared or not ends:
        return None, 0.0
    return min(shared), max(ends)


def _indent_starts(lines: list[Line], left: float, right: float, cw: float) -> tuple[int, int]:
    """A text PDF page's paragraph starts: (lines indented by one to four characters, flush lines after a line that
    stopped short). The document starts its paragraphs indented (the 公文 layout: two characters) when at least two
    lines are indented and at most one in four of the starts is flush. OCR lines (no geometry) never count: their
    right edges are too ragged to tell a full line."""
    if lines[0].top is None:
        return 0, 0
    indented = flush = 0
    for i, ln in enumerate(lines):
        if left + 1.2 * cw < ln.x0 <= left + 4.5 * cw:
            indented += 1
        elif i and ln.x0 <= left + 1.2 * cw and lines[i - 1].x1 < right - 3 * cw:
            flush += 1
    return indented, flush


def _page_number_lines(lines: list[Line]) -> list[Line]:
    """The lines without page numbers: anywhere on an OCR page (no geometry), only among a text PDF page's first or
    last two lines and set apart from the body (a “21” alone in a table row is a value, not the page)."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines or lines[0].top is None:
        return [ln for ln in lines if not _page_number(ln.text.strip())]
    pitches = sorted(b.top - a.top for a, b in zip(lines, lines[1:], strict=False))
    pitch = pitches[(len(pitches) - 1) // 2] if pitches else 0.0

    def margin(i: int) -> bool:  # in the top or bottom margin: set apart from the body by more than its line pitch
        if i < 2:
            return i + 1 >= len(lines) or lines[i + 1].top - lines[i].top > 1.4 * pitch
        return i >= len(lines) - 2 and lines[i].top - lines[i - 1].top > 1.4 * pitch

    return [ln for i, ln in enumerate(lines) if not (_page_number(ln.text.strip()) and margin(i))]


# a Latin word too long for the room left on a line goes to the next one, leaving the line short of the margin
_LATIN_END_RE = re.compile(r"[A-Za-z0-9,.;:)]$")
_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9\-']*")


def join_lines(pages: list[list[Line]]) -> str:
    """Rebuild paragraphs from visual lines: a line continues the previous paragraph when the
    previous line ran to the right margin and this line is not indented. Page-number lines go."""
    paragraphs: list[str] = []
    open_paragraph = False
    pages = _drop_running_lines([_page_number_lines(lines) for lines in pages])
    doc_left, doc_right = _text_block(pages)
    geometry: list[tuple[float, float, float]] = []
    for lines in pages:
        if not lines:
            geometry.append((0.0, 0.0, 10.0))
            continue
        widths = [(ln.x1 - ln.x0) / max(1, len(ln.text.strip())) for ln in lines if len(ln.text.strip()) > 4]
        cw = statistics.median(widths) if widths else 10.0
        # margins from the bulk of the lines, not the extremes (OCR specks and stray marks)
        x0s = sorted(ln.x0 for ln in lines)
        x1s = sorted(ln.x1 for ln in lines)
        left = x0s[len(x0s) // 5]
        right = x1s[int(len(x1s) * 0.8)] if len(x1s) >= 5 else x1s[-1]
        if doc_left is not None and sum(1 for ln in lines if ln.x0 < doc_left - cw) < 2:
            # a page of a text PDF whose lines mostly start indented (a table of contents, a list) has the
            # document's margins, not its own bulk's
            left, right = doc_left, max(right, doc_right)
        geometry.append((left, right, cw))
    # where paragraphs start indented (the 公文 layout), counted over the whole document
    starts = [_indent_starts(lines, *page) for lines, page in zip(pages, geometry, strict=True) if lines]
    indented, flush = sum(n for n, _ in starts), sum(n for _, n in starts)
    indent_layout = indented >= 2 and flush * 4 <= indented
    for lines, (left, right, cw) in zip(pages, geometry, strict=True):
        if not lines:
            continue
        body_height = _body_height(lines)
        middle = (left + right) / 2
        prev_height, prev_len, prev_end, prev_text = 0.0, 0, 0.0, ""
        for ln in lines:
            text = ln.text.strip()
            indented = ln.x0 > left + 1.2 * cw
            # a change of type size (title → body) also starts a paragraph
            size = len(text.replace(" ", ""))
            resized = bool(ln.height and prev_height and prev_len >= 8 and size >= 6
                           and abs(ln.height - prev_height) > 0.12 * max(ln.height, prev_height))
            # a title in large type wrapped under a full first line: its second line is centred, not indented
            centred_title = bool(body_height and ln.height >= 1.15 * body_height and prev_height
                                 and abs(ln.height - prev_height) <= 0.12 * max(ln.height, prev_height)
                                 and abs((ln.x0 + ln.x1) / 2 - middle) < cw)
            # “…译名:China⏎National Tourism…”: the first word of this line did not fit into the room the last one left
            word = _LATIN_WORD_RE.match(text)
            latin_wrap = bool(ln.top is not None and not open_paragraph and not indented and paragraphs and word
                              and _LATIN_END_RE.search(prev_text) and right - prev_end < 0.6 * cw * len(word.group()) + cw)
            prev_latin = bool(re.search(r"[A-Za-z]$", prev_text))
            prev_height, prev_len, prev_end, prev_text = ln.height, size, ln.x1, text
            if latin_wrap and not resized:
                paragraphs[-1] += " " + text
            elif open_paragraph and (not indented or centred_title) and not resized and paragraphs:
                # two Latin words broken at the line's end were two words
                latin_words = prev_latin and word is not None and ln.top is not None
                paragraphs[-1] += (" " if latin_words else "") + text
            else:
                paragraphs.append(text)
            # generous: a following paragraph starts indented anyway, so only wrapped lines get joined
            open_paragraph = ln.x1 >= right - 3 * cw and (
                not text.endswith(("。", ":", "：", "；"))
                # where paragraphs start indented, a line justified to the margin that happens to end a sentence
                # still runs on into a flush next line (“…的通知》。⏎现印发给你们…”)
                or indent_layout and ln.x1 >= right - 1.2 * cw)
        # a paragraph running to the bottom right may continue on the next page: keep it open
    return "\n".join(paragraphs)


# ------------------------------------------------------------------ formats
# A .docx is a zip: its XML is read only when the archive's declared sizes are sane (a 31 KB “zip bomb” can
# unpack to gigabytes). Real 三定 documents unpack to well under 5 MB with ratios below 30.
DOCX_MAX_UNPACKED = 60 * 1024 * 1024
DOCX_MAX_MEMBERS = 2000
DOCX_MAX_RATIO = 200
MSG_ZIP_BOMB = "无法读取 Word 文件：文件解压后过大或压缩比异常（可能是恶意构造的文件），已拒绝处理"


def check_zip_limits(data: bytes) -> None:
    """Refuse an archive whose members would unpack beyond the limits, before any XML is parsed.
    Sizes come from the central directory and are enforced again while reading (zipfile checks CRC/size)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ExtractionError("无法读取 Word 文件：文件已损坏或不是 .docx 格式") from exc
    with archive:
        members = archive.infolist()
        if len(members) > DOCX_MAX_MEMBERS:
            raise ExtractionError(MSG_ZIP_BOMB)
        total = 0
        for info in members:
            total += info.file_size
            ratio = info.file_size / max(1, info.compress_size)
            if total > DOCX_MAX_UNPACKED or (info.file_size > 1024 * 1024 and ratio > DOCX_MAX_RATIO):
                raise ExtractionError(MSG_ZIP_BOMB)
        # read the main part with a hard cap: a forged central directory cannot make it larger
        try:
            with archive.open("word/document.xml") as handle:
                if len(handle.read(DOCX_MAX_UNPACKED + 1)) > DOCX_MAX_UNPACKED:
                    raise ExtractionError(MSG_ZIP_BOMB)
        except KeyError as exc:
            raise ExtractionError("无法读取 Word 文件：缺少正文（word/document.xml），不是 .docx 格式") from exc
        except (zipfile.BadZipFile, OSError) as exc:
            raise ExtractionError("无法读取 Word 文件：文件已损坏") from exc


def _docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip_limits(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises various errors for a broken package
        raise ExtractionError(f"无法读取 Word 文件：文件已损坏或不是 .docx 格式（{type(exc).__name__}）") from exc
    numbering = docx_numbering.load(document)  # Word's automatic “第一条”, “（一）”, “1.” are not in the text
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(docx_numbering.paragraph_label(numbering, child) + Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(docx_numbering.paragraph_label(numbering, p._p) + p.text
                                     for p in cell.paragraphs).strip()
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                lines.append("\t".join(cells))
    return "\n".join(lines)


# a gap wider than this share of the type size is a space: large type set with letter spacing (a red organ line,
# “2 0 2 4 年度” in 30 pt) keeps its digits together; 0.2 of 16 pt body type is pdfplumber's usual 3 pt
X_TOLERANCE_RATIO = 0.2


def _vertical_rules(page) -> list[tuple[float, float, float]]:
    """The vertical rules a page draws (a table's cell borders) as (x, top, bottom); none on most pages."""
    if not page.rects and not page.lines:
        return []
    return [(e["x0"], e["top"], e["bottom"]) for e in page.edges
            if e["orientation"] == "v" and e["bottom"] - e["top"] >= 4]


def _cells_text(line: dict, rules: list[tuple[float, float, float]]) -> str:
    """A text line of a ruled table with a tab where a vertical rule runs between two characters (the cells of a row,
    as the .docx reading gives them: “内设机构⇥行政编制”); spaces the text layer put at such a gap go."""
    middle = (line["top"] + line["bottom"]) / 2
    crossing = [x for x, top, bottom in rules if top <= middle <= bottom]
    chars = line.get("chars") or []
    if not crossing or len(chars) < 2:
        return line["text"]
    out: list[str] = []
    k, prev = 0, None
    for ch in line["text"]:
        if k < len(chars) and chars[k]["text"] == ch:
            current = chars[k]
            k += 1
            if prev is not None and any(prev["x1"] - 0.5 <= x <= current["x0"] + 0.5 for x in crossing):
                while out and out[-1] == " ":
                    out.pop()
                out.append("\t")
            prev = current
        elif out and out[-1] == "\t":
            continue  # the space at a cell border
        out.append(ch)
    return "".join(out)


def _pdf_pages_lines(data: bytes) -> list[list[Line]]:
    import pdfplumber

    pages: list[list[Line]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                rules = _vertical_rules(page)
                lines = [Line(ln["x0"], ln["x1"], _cells_text(ln, rules) if rules else ln["text"],
                              ln["bottom"] - ln["top"], ln["top"], ln["bottom"])
                         for ln in page.extract_text_lines(return_chars=bool(rules), x_tolerance_ratio=X_TOLERANCE_RATIO)]
                pages.append(lines)
    except Exception as exc:
        raise ExtractionError(f"无法读取 PDF 文件：文件已损坏、加密或不是 PDF（{type(exc).__name__}）") from exc
    return pages


def _meaningful(text: str) -> int:
    return sum(1 for ch in text if _is_cjk(ch) or ch.isalnum())


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _ocr_env() -> dict:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _check_tesseract():
    if not tesseract_available():
        raise ExtractionError(MSG_NO_TESSERACT)
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, env=_ocr_env())
    except (OSError, subprocess.SubprocessError) as exc:
        raise ExtractionError(MSG_NO_TESSERACT) from exc
    if "chi_sim" not in (out.stdout + out.stderr).split():
        raise ExtractionError(MSG_NO_CHI_SIM)


_OCR_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_DOC_NUMBER_YEAR_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])\s*[\[【〔［「]?\s*((?:19|20)\d{2})\s*[\]】〕］」]{1,2}\s*(?=第?\d{1,6}\s*号)")
_OCR_FIXES = [
    (re.compile(r"(?<=[\u4e00-\u9fff])\s*[Il|]\s*(?=名)"), "1"),          # 局长 I 名 → 局长1名
    (re.compile(r"《([^《》()]{0,30})\)"), r"(\1)"),                         # 县《市、区) → 县(市、区)
    # a speck read as a middle dot at a line's edge or beside a punctuation mark (·第一条, 工业、·信息化, 通知·); a
    # real one stands between two words (马克思·恩格斯)
    (re.compile(r"^\s*[·•‧]+|[·•‧]+\s*$|(?<=[、，。；：,;:])[·•‧]+|[·•‧]+(?=[、，。；：,;:])"), ""),
    (re.compile(r"^[”“\"'‘’|丨]+\s*"), ""),                      # a stray quote or bar before the text
    (re.compile(r"\s*[|丨]+$"), ""),                            # … or a bar after it (page edge)
    (re.compile(r"^(第[一二三四五六七八九十百]+条)\s*[”“\"'‘’]"), r"\1 "),  # the ideographic space after 第X条
    (re.compile(r"[〈＜<]"), "("),
    (re.compile(r"[〉＞>]"), ")"),
    (re.compile(r"^[《〈<{【\[]\s*(?=[一二三四五六七八九十]{1,3}\s*\))"), "("),  # 《四) → (四)
    (re.compile(r"^\(\s*[-—一]\s*\)"), "(一)"),
    (re.compile(r"^\(\s*=\s*\)"), "(二)"),
    # the year of a 文号 stands in hexagonal brackets (GB/T 9704); both engines read 〔 〕 as [ ] or 【 】:
    # 百办发[2019]23号, 百办发【2019】23号, 百办发〔2019]23号, 宜编[2005]]2号 (a thickened bracket read twice),
    # 国办发2008]60号 (the opening one lost) → 百办发〔2019〕23号
    (_DOC_NUMBER_YEAR_RE, r"〔\1〕"),
    # … or its closing one lost (赣府字〔20014号, a phone photo): after an opening bracket the year is four digits
    (re.compile(r"(?<=[\u4e00-\u9fff])\s*[\[【〔［「]\s*((?:19|20)\d{2})\s*(?=\d{1,6}\s*号)"), r"〔\1〕"),
    # a date's 年 read as a look-alike under a seal's remnant (2005牟3月25日, gray 200-dpi scan): between a year's four
    # digits and a month and day nothing but 年 stands (bench/README.md, session 13)
    (re.compile(r"(?<=(?:19|20)\d{2})\s*[牟车午丰]\s*(?=\d{1,2}\s*月\s*\d{1,2}\s*日)"), "年"),
    # an opening bracket read twice before an item number: （(五） → （五）
    (re.compile(r"^([(（])\s*[(（](?=\s*[一二三四五六七八九十]{1,3}\s*[)）])"), r"\1"),
]


def clean_ocr_line(text: str) -> str:
    """Undo tesseract's usual slips on official documents (stray quotes for the ideographic space
    after 第X条, bars at the page edge, angle brackets for parentheses)."""
    text = _OCR_SPACE_RE.sub("", text.strip())
    for pattern, repl in _OCR_FIXES:
        text = pattern.sub(repl, text)
    return text


def _ocr_image(path: str) -> list[Line]:
    """OCR one image: RapidOCR's models by default, tesseract where the wheel is missing or when chosen
    (ocr_rapid.selected, ADR 0028)."""
    if ocr_rapid.selected():
        lines = []
        for x0, x1, text, height in ocr_rapid.read_image(path):
            cleaned = clean_ocr_line(text)
            if cleaned:
                lines.append(Line(x0, x1, cleaned, height))
        return lines
    return _tesseract_image(path)


def _check_ocr():
    if not ocr_rapid.selected():
        _check_tesseract()


def _tesseract_image(path: str) -> list[Line]:
    """OCR one image with tesseract (chi_sim); lines with their left/right edges from the TSV output
    (in the coordinates of the image as given: preprocessing may enlarge it, the lines are scaled back)."""

    work_path, scale = ocr_prep.prepare(path)
    try:
        proc = subprocess.run(["tesseract", work_path, "stdout", *ocr_prep.tesseract_args(), "tsv"],
                              capture_output=True, timeout=120, env=_ocr_env())
    except FileNotFoundError as exc:
        raise ExtractionError(MSG_NO_TESSERACT) from exc
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError("文字识别超时：扫描件过大或不清晰，请上传清晰的扫描件或 Word 文件") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError("文字识别失败：" + (message[-1] if message else "tesseract 返回错误"))

    read = []
    for words, box in ocr_reread.tsv_lines(proc.stdout.decode("utf-8", "replace")):
        text = clean_ocr_line(" ".join(w["text"] for w in words))
        if text:
            heights = sorted(int(w["height"]) for w in words)
            read.append((ocr_reread.ReadLine(text, ocr_reread.line_confidence(words), box), heights[len(heights) // 2]))
    if SECOND_READ and ocr_reread.available(ocr_prep.installed_languages()):
        ocr_reread.reread(work_path, [ln for ln, _ in read], clean_ocr_line, _ocr_env())
    return [Line(ln.box[0] / scale, ln.box[2] / scale, ln.text, height / scale) for ln, height in read if ln.text]


def second_read_hint() -> str | None:
    """The hint shown with an OCR result when the selective second read could not run."""

    if not ocr_rapid.selected() and SECOND_READ and not ocr_reread.available(ocr_prep.installed_languages()):
        return ("本机未安装 tesseract 汉字字形模型（软件包 tesseract-ocr-script-hans），"
                "可疑行未做二次识别；安装后识别更准确")
    return None


def _corrected(text: str, warnings: list[str]) -> str:
    """OCR text with one-character slips in common 机构编制 words repaired and a misread signature restored from the
    红头 (see ocr_correct); each repair is listed in a warning so that the user can check it against the scan."""

    if not ocr_correct.ENABLED:
        return text
    text, repairs = ocr_correct.correct(text)
    if repairs:
        shown = "、".join(f"“{r.read}”→“{r.corrected}”" for r in repairs[:10])
        more = f"等 {len(repairs)} 处" if len(repairs) > 10 else ""
        warnings.append(f"已按常用词自动更正识别结果：{shown}{more}，请对照原件核对")
    text = _DOC_NUMBER_YEAR_RE.sub(r"〔\1〕", text)  # again on the joined text: a 文号 cut over two lines
    text, repairs = ocr_correct.signature_from_header(text)
    for r in repairs:
        warnings.append(f"落款“{r.read}”与红头不符，已按红头更正为“{r.corrected}”，请对照原件核对" if r.corrected
                        else f"落款上方的“{r.read}”似为印章文字，已略去，请对照原件核对")
    return text


def _ocr_pdf(data: bytes) -> tuple[list[list[Line]], int]:
    _check_ocr()
    with tempfile.TemporaryDirectory(prefix="bz-ocr-") as tmp:
        pdf_path = Path(tmp) / "in.pdf"
        pdf_path.write_bytes(data)
        images = _scan_images(pdf_path, Path(tmp))
        if images is None:
            if shutil.which("pdftoppm") is None:
                raise ExtractionError(MSG_NO_PDFTOPPM)
            proc = subprocess.run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", str(pdf_path), str(Path(tmp) / "p")],
                                  capture_output=True, timeout=300)
            if proc.returncode != 0:
                raise ExtractionError("无法把 PDF 转为图片进行文字识别：" + proc.stderr.decode("utf-8", "replace").strip()[:200])
            images = sorted(Path(tmp).glob("p-*.png"))
        workers = max(1, min(len(images), os.cpu_count() or 1, 4))
        with ThreadPoolExecutor(max_workers=workers) as pool:  # one tesseract process per page, in parallel
            pages = list(pool.map(lambda img: _ocr_image(str(img)), images))
        return pages, len(images)


def _scan_images(pdf_path: Path, tmp: Path):
    """A scanner's PDF holds one image per page: take the images as they are (no re-rendering) when
    each page has exactly one image of at least 150 dpi; otherwise None (render with pdftoppm). Without
    poppler's pdfimages the images are taken with pypdf, by the same rule."""
    if shutil.which("pdfimages") is None:
        return _scan_images_pypdf(pdf_path, tmp)
    listing = subprocess.run(["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, timeout=60)
    if listing.returncode != 0:
        return None
    rows = [ln.split() for ln in listing.stdout.splitlines()[2:] if ln.strip()]
    per_page: dict[str, int] = {}
    for row in rows:
        if len(row) < 14 or row[2] != "image":
            return None
        per_page[row[0]] = per_page.get(row[0], 0) + 1
        try:
            if int(row[12]) < 150:
                return None
        except ValueError:
            return None
    if not per_page or any(n != 1 for n in per_page.values()):
        return None
    # 1-bit pages (a scanner's CCITT/JBIG2 images) as PBM: the same pixels as PNG without compressing them here and
    # decompressing them again for OCR (~0.05 s CPU a 200-dpi page; bench/README.md, session 12). Any other page as
    # PNG: for a gray JPEG pdfimages' default format is an RGB PPM, which the page preparation would take for colour.
    bitonal = all(row[5] == "gray" and row[7] == "1" for row in rows)
    proc = subprocess.run(["pdfimages", *([] if bitonal else ["-png"]), str(pdf_path), str(tmp / "img")],
                          capture_output=True, timeout=120)
    if proc.returncode != 0:
        return None
    images = sorted(tmp.glob("img-*.pbm" if bitonal else "img-*.png"))
    return images if len(images) == len(per_page) else None


def _scan_images_pypdf(pdf_path: Path, tmp: Path):
    """`_scan_images` where poppler is not installed: each page's single image through pypdf (and Pillow), or None."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(pdf_path))
        images = []
        for n, page in enumerate(reader.pages):
            found = list(page.images)
            if len(found) != 1:
                return None
            picture = found[0].image
            width_inches = float(page.mediabox.width) / 72
            if width_inches <= 0 or picture.width / width_inches < 150:
                return None
            out = tmp / f"img-{n:04d}.png"
            picture.save(out)
            images.append(out)
        return images or None
    except Exception:  # an image pypdf cannot decode: render the page with pdftoppm instead, where installed
        return None


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


DOCX_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif"}
_EMBED_RE = re.compile(rb'<a:blip\b[^>]*?r:embed="([^"]+)"')
_REL_RE = re.compile(rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"')


def _docx_images(data: bytes) -> list[tuple[str, bytes]]:
    """The pictures a .docx shows, in document order (each once): (suffix, bytes). The zip's limits were checked by
    `_docx_text` before."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            document = archive.read("word/document.xml")
            rels = archive.read("word/_rels/document.xml.rels")
        except KeyError:
            return []
        targets = {rid.decode(): target.decode() for rid, target in _REL_RE.findall(rels)}
        out, seen = [], set()
        for rid in _EMBED_RE.findall(document):
            target = targets.get(rid.decode())
            if not target or target in seen:
                continue
            seen.add(target)
            name = target.lstrip("/") if target.startswith("/") else "word/" + target
            suffix = Path(name).suffix.lower()
            if suffix in DOCX_IMAGE_SUFFIXES and name in archive.namelist():
                out.append((".jpg" if suffix == ".jpeg" else suffix, archive.read(name)))
        return out


def _doc_to_docx(data: bytes, binary: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="bz-doc-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        proc = subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
                               "--outdir", tmp, str(src)], capture_output=True, timeout=180)
        out = Path(tmp) / "in.docx"
        if proc.returncode != 0 or not out.exists():
            raise ExtractionError("LibreOffice 无法转换该 .doc 文件，请另存为 .docx 或 PDF 后上传")
        return out.read_bytes()


def _doc_text(data: bytes, warnings: list[str]) -> str:
    """A legacy Word file's text, read by `word97` itself (no LibreOffice needed): text, tables and Word's automatic
    numbering as a .docx gives them. Where the reader fails, or finds paragraphs numbered by a list it cannot
    resolve, LibreOffice converts the file if it is installed; otherwise the clerk is told what is missing."""
    try:
        doc = word97.read(data)
    except word97.Word97Error as exc:
        if (binary := _soffice()) is None:
            raise ExtractionError(str(exc)) from exc
        return _docx_text(_doc_to_docx(data, binary))
    if doc.unresolved:
        if (binary := _soffice()) is not None:
            return _docx_text(_doc_to_docx(data, binary))
        warnings.append(MSG_DOC_NUMBERING)
    return doc.text


def _decode_text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Windows Notepad's “Unicode”: UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ExtractionError("无法读取文本文件：UTF-16 编码的内容已损坏") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError("无法读取文本文件：编码不是 UTF-8 或 GB18030")


def _kind(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "ofd" if suffix == ".ofd" or ofd.is_ofd(data) else "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    if suffix in webpage.HTML_SUFFIXES or webpage.looks_like_html(data):
        return "html"
    if suffix in IMAGE_SUFFIXES or data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if suffix in {".pdf", ".docx", ".doc", ".ofd"}:
        return suffix[1:]
    return "text"


SUPPORTED = "Word（.docx/.doc）、PDF（含扫描件）、OFD 版式文件、图片（PNG/JPG/TIFF）、网页（.html）或纯文本（.txt）"
MM = 72 / 25.4  # an OFD's millimetres as a PDF's points, the unit join_lines' geometry was tuned in


def _ocr_images(images: list[tuple[str, bytes] | None]) -> list[list[Line] | None]:
    """OCR each (suffix, image bytes) as one page, through a temporary file; None stays None (a page with text)."""
    _check_ocr()
    out: list[list[Line] | None] = []
    with tempfile.TemporaryDirectory(prefix="bz-ocr-") as tmp:
        for n, image in enumerate(images):
            if image is None:
                out.append(None)
                continue
            path = Path(tmp) / f"p{n:04d}{image[0]}"
            path.write_bytes(image[1])
            out.append(_ocr_image(str(path)))
    return out


def _ocr_text(page_lines: list[list[Line]], warnings: list[str], notice: str) -> str:
    """The text of OCR'd pages as every scanned input gives it: paragraphs rebuilt, common words repaired, the
    clerk told (first) that it is OCR, and whether the second read could run."""
    text = _corrected(join_lines(page_lines), warnings)
    warnings.insert(0, notice)
    if hint := second_read_hint():
        warnings.append(hint)
    return text


def extract_bytes(data: bytes, name: str = "") -> Extracted:
    """Extract the text of an uploaded file. Raises ExtractionError with a Chinese message."""
    started = time.perf_counter()
    if not data:
        raise ExtractionError("文件为空")
    kind = _kind(name, data)
    suffix = Path(name).suffix.lower()
    if kind == "text" and suffix and suffix not in TEXT_SUFFIXES:
        raise ExtractionError(f"不支持的文件类型“{suffix}”：请上传{SUPPORTED}")
    pages = 1
    warnings: list[str] = []
    if kind == "docx":
        original, method = _docx_text(data), "docx"
        if _meaningful(original) < MIN_TEXT_CHARS_PER_PAGE and (images := _docx_images(data)):
            # a scan pasted into Word: its pictures, in the order the document shows them, go to OCR
            ocr_pages = _ocr_images(images)
            pages = len(ocr_pages)
            original, method = _ocr_text(ocr_pages, warnings, "此 Word 文件的内容是扫描图片，由文字识别（OCR）得到，请逐项核对"), "docx-ocr"
    elif kind == "doc":
        original, method = _doc_text(data, warnings), "doc"
    elif kind == "ofd":
        try:
            ofd_pages = ofd.pages(data)
        except ofd.OfdError as exc:
            raise ExtractionError(str(exc)) from exc
        pages = len(ofd_pages)
        page_lines = [[Line(x0 * MM, x1 * MM, text, height * MM, top * MM, bottom * MM)
                       for x0, x1, text, height, top, bottom in page.lines] for page in ofd_pages]
        layer = sum(_meaningful(ln.text) for lines in page_lines for ln in lines)
        if any(page.image for page in ofd_pages) and layer < MIN_TEXT_CHARS_PER_PAGE * pages:
            scans = _ocr_images([(page.image_suffix, page.image) if page.image else None for page in ofd_pages])
            page_lines = [scan if scan is not None else lines for scan, lines in zip(scans, page_lines, strict=True)]
            original, method = _ocr_text(page_lines, warnings, "此 OFD 是扫描件，内容由文字识别（OCR）得到，请逐项核对"), "ofd-ocr"
        else:
            original, method = join_lines(page_lines), "ofd"
    elif kind == "html":
        try:
            original, method = webpage.text(data), "html"
        except webpage.WebPageError as exc:
            raise ExtractionError(str(exc)) from exc
    elif kind == "pdf":
        page_lines = _pdf_pages_lines(data)
        pages = len(page_lines)
        layer = sum(_meaningful(ln.text) for lines in page_lines for ln in lines)
        if pages and layer >= MIN_TEXT_CHARS_PER_PAGE * pages:
            original, method = join_lines(page_lines), "pdf-text"
        else:
            ocr_pages, pages = _ocr_pdf(data)
            original, method = _ocr_text(ocr_pages, warnings, "此 PDF 没有文字层，内容由文字识别（OCR）得到，请逐项核对"), "pdf-ocr"
    elif kind == "image":
        ocr_pages = _ocr_images([(suffix if suffix in IMAGE_SUFFIXES else ".png", data)])
        original, method = _ocr_text(ocr_pages, warnings, "图片内容由文字识别（OCR）得到，请逐项核对"), "image-ocr"
    else:
        original, method = _decode_text(data), "text"
    result = from_text(original, method=method, pages=pages)
    result.warnings = warnings
    if not result.text.strip():
        raise ExtractionError("文件中没有识别出任何文字：请确认文件内容，扫描件请确保清晰")
    result.seconds = time.perf_counter() - started
    return result


def extract_file(path: str | os.PathLike) -> Extracted:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ExtractionError(f"文件不存在：{path}") from exc
    except OSError as exc:
        raise ExtractionError(f"无法打开文件：{path}（{exc.strerror}）") from exc
    return extract_bytes(data, path.name)
