"""公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male),
one check character (ISO 7064 MOD 11-2: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 → 1 0 X 9 8 7 6 5 4
3 2). No maintained Python library covers this small standard, so it lives here (a dozen lines)."""
import datetime
import re

from bianzhi.core.text import nfkc

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


class IdNumberError(ValueError):
    """The number is not a valid 公民身份号码; the message (Chinese) says why."""


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalise(value) -> str:
    """NFKC, spaces removed, lower-case x → X (what people type or paste)."""
    return re.sub(r"\s+", "", nfkc(str(value or ""))).upper()


def validate(value) -> str:
    """The normalised number, or IdNumberError with a Chinese reason."""
    number = normalise(value)
    if not number:
        raise IdNumberError("公民身份号码不能为空")
    if not _SHAPE.match(number):
        raise IdNumberError(f"公民身份号码应为18位（前17位为数字，末位为数字或X），实际为“{number}”（{len(number)}位）")
    try:
        birth_date(number)
    except ValueError:
        raise IdNumberError(f"公民身份号码“{mask(number)}”中的出生日期“{number[6:14]}”不是有效日期")
    expected = check_char(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"公民身份号码“{mask(number)}”校验码错误：末位应为“{expected}”，实际为“{number[17]}”")
    return number


def birth_date(number: str) -> datetime.date:
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def sex(number: str) -> str:
    """"male" / "female" from the sequence code (odd = male)."""
    return "male" if int(number[16]) % 2 else "female"


def mask(number: str) -> str:
    """What everyone but the 编办 sees: region and last two characters only."""
    if len(number) != 18:
        return "*" * len(number)
    return f"{number[:6]}{'*' * 10}{number[16:]}"


def make(region: str, born: datetime.date, sequence: int) -> str:
    """A syntactically valid number (demo data and tests): region code, birth date, 3-digit sequence."""
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
