"""Word's automatic list numbering, rendered as Word shows it.

A 三定 written in Word often numbers its articles, sections, duties and bodies with automatic numbering (“第一条”,
“一、”, “（一）”, “1.”): the numbers live in the paragraph's `w:numPr` and in `numbering.xml`, not in its text, so
python-docx's `Paragraph.text` loses them — and with them the structure the parser reads. This module computes each
numbered paragraph's label from the list definitions (level, start, format, label text, restarts, overrides), the
paragraph's own `w:numPr` or its style's, and the running counters of its list instance, in document order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# a label ending in one of these needs no separator before the paragraph's text
_LABEL_END = set("、.．)）:：〕】」]")


def chinese_number(n: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十 (Word's chineseCounting, up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    words = [(1000, "千" if ten == "十" else "仟"), (100, "百" if ten == "十" else "佰"), (10, ten), (1, "")]
    out, zero = "", False
    for size, word in words:
        q = n // size % 10
        if q == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += digits[q] + word
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats (`w:numFmt`); an unknown format falls back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, _LEGAL_DIGITS, "拾")
    if fmt in ("ideographTraditional",):
        return _HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return _EARTHLY[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; None: after any higher level
    style: str | None = None  # w:pStyle: the paragraph style tied to this level
    suffix: str = "tab"


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, levels, starts)
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)  # styleId → (numId, ilvl, basedOn)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    labels: dict = field(default_factory=dict)  # paragraph element → its label (a merged table cell is visited twice)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id, overrides, _starts = entry
        if ilvl in overrides:
            return overrides[ilvl]
        return self.abstract.get(abstract_id, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list instance's counter at `ilvl` and return the label Word shows ("" for a bullet or none)."""
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return ""
        _abstract, _overrides, starts = self.nums[num_id]
        counters = self.counters.setdefault(num_id, [None] * 9)
        counters[ilvl] = (starts.get(ilvl, lvl.start) if counters[ilvl] is None else counters[ilvl] + 1)
        for deeper in range(ilvl + 1, 9):
            dl = self.level(num_id, deeper)
            # w:lvlRestart N: the level starts again only after a level N or higher (1-based) is used; 0: never
            if dl is None or dl.restart is None or (dl.restart != 0 and ilvl + 1 <= dl.restart):
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return ""
        out = lvl.text
        for k in range(8, -1, -1):
            token = f"%{k + 1}"
            if token in out:
                kl = self.level(num_id, k) or lvl
                value = counters[k] if counters[k] is not None else starts.get(k, kl.start)
                out = out.replace(token, format_number(value, kl.fmt))
        if out and lvl.suffix != "nothing" and out[-1] not in _LABEL_END:
            out += " "
        return out


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _level(el) -> Level:
    lvl = Level()
    start = _val(el, "start")
    lvl.start = int(start) if start and start.lstrip("-").isdigit() else 1
    lvl.fmt = _val(el, "numFmt") or "decimal"
    text = _val(el, "lvlText")
    lvl.text = text if text is not None else ""
    restart = _val(el, "lvlRestart")
    lvl.restart = int(restart) if restart and restart.isdigit() else None
    lvl.style = _val(el, "pStyle")
    lvl.suffix = _val(el, "suff") or "tab"
    return lvl


def load(document) -> Numbering | None:
    """The list definitions and numbered styles of a python-docx Document; None when it has no numbering part."""
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError):
        return None
    root = part.element
    numbering = Numbering()
    linked: dict[str, dict[int, Level]] = {}
    pending: list[tuple[str, str]] = []
    for abstract in root.findall(W + "abstractNum"):
        levels = {}
        for lvl in abstract.findall(W + "lvl"):
            ilvl = lvl.get(W + "ilvl")
            if ilvl is not None and ilvl.isdigit():
                levels[int(ilvl)] = _level(lvl)
        numbering.abstract[abstract.get(W + "abstractNumId")] = levels
        link = _val(abstract, "styleLink")
        if link:
            linked[link] = levels
        via = _val(abstract, "numStyleLink")
        if via and not levels:
            pending.append((abstract.get(W + "abstractNumId"), via))
    for abstract_id, via in pending:  # a list that takes its levels from a numbering style (w:numStyleLink)
        numbering.abstract[abstract_id] = linked.get(via, {})
    for num in root.findall(W + "num"):
        overrides: dict[int, Level] = {}
        starts: dict[int, int] = {}
        for override in num.findall(W + "lvlOverride"):
            ilvl = override.get(W + "ilvl")
            if ilvl is None or not ilvl.isdigit():
                continue
            start = _val(override, "startOverride")
            if start and start.isdigit():
                starts[int(ilvl)] = int(start)
            lvl = override.find(W + "lvl")
            if lvl is not None:
                overrides[int(ilvl)] = _level(lvl)
        numbering.nums[num.get(W + "numId")] = (_val(num, "abstractNumId"), overrides, starts)
    for style in document.styles.element.findall(W + "style"):
        ppr = style.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, "numId")
        ilvl = _val(num_pr, "ilvl")
        numbering.styles[style.get(W + "styleId")] = (num_id, int(ilvl) if ilvl and ilvl.isdigit() else None,
                                                      _val(style, "basedOn"))
    return numbering


def paragraph_label(numbering: Numbering | None, p) -> str:
    """The automatic number Word shows in front of the paragraph element `p` (advancing its list), or ""."""
    if numbering is None:
        return ""
    if p not in numbering.labels:
        numbering.labels[p] = _advance(numbering, p)
    return numbering.labels[p]


def _advance(numbering: Numbering, p) -> str:
    ppr = p.find(W + "pPr")
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    num_id = _val(num_pr, "numId")
    ilvl_text = _val(num_pr, "ilvl")
    ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
    style_id = _val(ppr, "pStyle")
    seen = set()
    while num_id is None and style_id and style_id not in seen:  # the numbering of the paragraph's style (chain)
        seen.add(style_id)
        s_num, s_ilvl, based_on = numbering.styles.get(style_id, (None, None, None))
        if s_num is not None:
            num_id = s_num
            if ilvl is None:
                ilvl = s_ilvl
                if ilvl is None:  # the level tied to the style in the list definition
                    entry = numbering.nums.get(num_id)
                    levels = numbering.abstract.get(entry[0], {}) if entry else {}
                    ilvl = next((k for k, lv in levels.items() if lv.style == style_id), 0)
        style_id = based_on
    if num_id is None or num_id == "0":
        return ""
    return numbering.label(num_id, min(max(ilvl or 0, 0), 8))
