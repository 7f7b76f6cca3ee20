"""A cautious post-OCR correction of single-character slips, driven by a general vocabulary.

tesseract's chi_sim model sometimes reads one character of a common word as a look-alike
(日党 for 日常, 国定资产 for 固定资产) or lets a speck become a small extra character inside a word
(安人全 for 安全). This step repairs exactly those two kinds of slip, and only when all of these hold:

- the repaired text is a word of the domain vocabulary `ocr_vocabulary.WORDS` (general 机构编制/三定
  terms written from the field guide, not taken from any test document);
- the change is one substitution between two characters of the look-alike list `CONFUSABLE`, or the
  removal of one character of `STRAY` (small marks a speck turns into) from inside the word;
- the text as read is not itself a word: neither in the domain vocabulary nor in tesseract's own
  general Chinese word list (the chi_sim model's word dictionary, read with `dawg2wordlist` when the
  tesseract tools are installed);
- for a two-character word, the character that would change does not form a word with its neighbour
  outside the window (节日党员 stays: 党员 is a word).

Every repair is recorded so that the caller can tell the user what was changed.
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .ocr_vocabulary import WORDS

ENABLED = True

# Pairs (and small groups) of characters that print alike in Song/Fangsong type and that OCR engines
# are known to mix up. Each group is symmetric: any member may have been read as any other.
CONFUSABLE_GROUPS = [
    "常党堂棠裳", "固国困囿", "己已巳", "未末", "人入八", "土士", "干千于", "日曰", "白自", "力刀",
    "侯候", "戊戌戍", "拨拔", "微徽", "贝见", "天夭", "准淮", "治冶", "崇祟", "券卷", "免兔", "管菅",
    "徒徙", "辨辩辫", "培塔", "设没", "责贵", "问间", "折拆", "姻烟", "测侧恻", "织积", "编偏",
]
CONFUSABLE: dict[str, set[str]] = {}
for _group in CONFUSABLE_GROUPS:
    for _ch in _group:
        CONFUSABLE.setdefault(_ch, set()).update(c for c in _group if c != _ch)

# Small characters a speck or a split stroke tends to become (全 read as 人+全). Punctuation that may
# legitimately stand between two words (、，) and 一 (统一筹划) are not in the list.
STRAY = set("人丶·'‘’")

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Repair:
    position: int
    read: str
    corrected: str


def domain_words() -> frozenset[str]:

    return WORDS


def _tessdata_dir() -> Path | None:
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'"([^"]+)"', out.stdout + out.stderr)
    return Path(match.group(1)) if match else None


@functools.lru_cache(maxsize=1)
def general_words() -> frozenset[str]:
    """tesseract's general chi_sim word list (Chinese entries), or an empty set without the tools."""
    if not (shutil.which("combine_tessdata") and shutil.which("dawg2wordlist")):
        return frozenset()
    tessdata = _tessdata_dir()
    model = tessdata / "chi_sim.traineddata" if tessdata else None
    if model is None or not model.exists():
        return frozenset()
    with tempfile.TemporaryDirectory(prefix="bz-dawg-") as tmp:
        base = Path(tmp) / "chi_sim."
        try:
            for part in ("lstm-word-dawg", "lstm-unicharset"):
                subprocess.run(["combine_tessdata", "-e", str(model), f"{base}{part}"],
                               capture_output=True, timeout=60, check=True)
            out = Path(tmp) / "words.txt"
            subprocess.run(["dawg2wordlist", f"{base}lstm-unicharset", f"{base}lstm-word-dawg", str(out)],
                           capture_output=True, timeout=60, check=True)
            words = out.read_text(encoding="utf-8", errors="replace").split()
        except (OSError, subprocess.SubprocessError):
            return frozenset()
    return frozenset(w for w in words if _CJK.search(w))


@functools.lru_cache(maxsize=4)
def _misreadings(vocabulary: frozenset[str]) -> dict[str, str]:
    """Every one-slip misreading of every vocabulary word → the word. A misreading that could come
    from two different words is ambiguous and left out."""
    table: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(wrong: str, right: str):
        if wrong in vocabulary:
            return
        if wrong in table and table[wrong] != right:
            ambiguous.add(wrong)
        table[wrong] = right

    for word in vocabulary:
        for i, ch in enumerate(word):
            for alike in CONFUSABLE.get(ch, ()):
                add(word[:i] + alike + word[i + 1:], word)
        for j in range(1, len(word)):
            for stray in STRAY:
                add(word[:j] + stray + word[j:], word)
    for wrong in ambiguous:
        del table[wrong]
    return table


def correct(text: str, vocabulary: frozenset[str] | None = None,
            general: frozenset[str] | None = None) -> tuple[str, list[Repair]]:
    """The text with one-slip misreadings of vocabulary words repaired, and the list of repairs."""
    vocabulary = domain_words() if vocabulary is None else vocabulary
    general = general_words() if general is None else general
    if not vocabulary or not text:
        return text, []
    table = _misreadings(vocabulary)
    lengths = sorted({len(k) for k in table}, reverse=True)
    known = vocabulary | general
    out: list[str] = []
    repairs: list[Repair] = []
    i, n = 0, len(text)
    while i < n:
        for length in lengths:
            window = text[i:i + length]
            right = table.get(window) if len(window) == length else None
            if right is None or window in known:
                continue
            if len(right) == 2 and not _isolated(text, i, length, known):
                continue
            out.append(right)
            repairs.append(Repair(i, window, right))
            i += length
            break
        else:
            out.append(text[i])
            i += 1
    return "".join(out), repairs


def _isolated(text: str, start: int, length: int, known: frozenset[str]) -> bool:
    """The window's edge characters do not form a known two-character word with their outside neighbour."""
    before = text[start - 1:start + 1] if start > 0 else ""
    after = text[start + length - 1:start + length + 1] if start + length < len(text) else ""
    return before not in known and after not in known


# A 红头文件 (GB/T 9704) names its issuing organ twice: in the 红头 at the top (“XX文件”, in large type) and in the
# signature over the date, under the seal. Where the seal's ink is as black as the text (a photocopy), the signature
# loses characters or reads the arc text into them (湖南省人民政府办公厅 → 湖南人民政府公厅, 中共中央办公厅 → 中英中央办公疗)
# while the 红头 reads right. A signature line that differs from the 红头's organ by at most SIGNATURE_SLIPS of its
# characters — same first character, not a shorter form (a prefix or a suffix of it: 湖南省人民政府 signing for
# 湖南省人民政府办公厅's 红头 stays), in the last SIGNATURE_LINES lines — is taken for a misreading of it. The seal's
# arc text (the organ's name along its upper arc) read as a line of its own right above the signature (院, 院办, 民政府
# over 国务院办公厅) — a line of at most ARC_TEXT characters, all Chinese (a body's last line ends with a punctuation
# mark) — is left out.
SIGNATURE_SLIPS = 0.3
SIGNATURE_LINES = 4
ARC_TEXT = 3
_HEADER_RE = re.compile(r"^\s*(\S{4,30}?)\s*文件\s*$")
_DATE_TAIL_RE = re.compile(r"((?:19|20)\d{2}\s*年.{0,8}日)\s*$")


def _edits(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def signature_from_header(text: str) -> tuple[str, list[Repair]]:
    """The OCR text with a misread signature replaced by the 红头's organ and the seal's arc text read as a line of
    its own above the signature left out (see above), and the repairs made (an arc text's with `corrected` empty)."""
    lines = text.split("\n")
    filled = [k for k, line in enumerate(lines) if line.strip()]
    header = _HEADER_RE.match(lines[filled[0]]) if filled else None
    if header is None:
        return text, []
    organ = header[1]
    repairs: list[Repair] = []
    signature = None
    for k in reversed(filled[1:][-SIGNATURE_LINES:]):
        date = _DATE_TAIL_RE.search(lines[k])
        read = (lines[k][:date.start()] if date else lines[k]).strip()
        if read == organ:
            signature = k
            break
        if (not read or read[0] != organ[0] or organ.startswith(read) or organ.endswith(read)
                or len(read) < (1 - SIGNATURE_SLIPS) * len(organ)
                or _edits(read, organ) > SIGNATURE_SLIPS * len(organ)):
            continue
        lines[k] = organ + (date[1] if date else "")
        repairs.append(Repair(_offset(lines, k), read, organ))
        signature = k
        break
    if signature is not None:
        above = max((k for k in filled if k < signature), default=filled[0])
        if above != filled[0] and re.fullmatch(rf"\s*[\u4e00-\u9fff]{{1,{ARC_TEXT}}}\s*", lines[above]):
            repairs.insert(0, Repair(_offset(lines, above), lines[above].strip(), ""))
            del lines[above]
    return "\n".join(lines), repairs


def _offset(lines: list[str], k: int) -> int:
    return sum(len(line) + 1 for line in lines[:k])
