"""Chinese numerals, the one module for them: reading 一百零五, 两, 十二, 二〇一九, 1０5 (mixed with digits) as written
in 三定 documents, lists and citations, and writing item numbers (（十三）)."""
import re
import unicodedata

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# A regex fragment matching one number in either script (use inside a capturing group).
NUM = r"[0-9零〇○一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+"
NUM_RE = re.compile(NUM)


class NumeralError(ValueError):
    pass


def _small(text: str) -> int:
    """A number below 10 000 written with 十/百/千."""
    total, digit, seen_unit = 0, None, False
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            seen_unit = True
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        else:
            raise NumeralError(f"“{text}”不是数字")
    if digit is not None:
        total += digit
    if not seen_unit and len(text) > 1:
        # 二〇一九 style: digit by digit
        return int("".join(str(DIGITS[ch]) for ch in text))
    return total


def parse_numeral(text: str) -> int:
    """Parse a Chinese or Arabic (also full-width) numeral: 一百零五 → 105, 两 → 2, 十二 → 12, ２３ → 23."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        raise NumeralError("数字为空")
    if value.isdigit():
        return int(value)
    if any(ch.isdigit() for ch in value):
        # mixed forms such as 1百 are not written in official text; digits-with-units like 3万
        match = re.fullmatch(r"(\d+)([万亿]?)", value)
        if match:
            return int(match[1]) * BIG_UNITS.get(match[2], 1)
        raise NumeralError(f"“{text}”不是数字")
    total, rest = 0, value
    for big, factor in sorted(BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if big in rest:
            head, rest = rest.split(big, 1)
            total += (_small(head) if head else 1) * factor
    if rest:
        total += _small(rest)
    return total


def to_int(text: str | None) -> int | None:
    """parse_numeral, or None when the text is not a number."""
    if text is None:
        return None
    try:
        return parse_numeral(text)
    except NumeralError:
        return None


_WRITE_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """An item number as written in documents: 1 → 一, 13 → 十三, 25 → 二十五 (numbers ≥ 100 stay in digits)."""
    if n <= 0 or n >= 100:
        return str(n)
    if n < 10:
        return _WRITE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _WRITE_DIGITS[tens]) + "十" + (_WRITE_DIGITS[ones] if ones else "")
