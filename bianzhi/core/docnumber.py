"""发文字号 (document numbers): 机关代字 + 〔year〕 + serial + 号, per GB/T 9704-2012.

Real text uses 【】, [], (), half-width brackets, full-width digits, 第, leading zeros, traditional
characters (號) and mis-encoded brackets („‟). All are accepted; the normalised GB/T 9704 form is
shown and the raw text is kept. Text that cannot be a 文号 raises DocNumberError with a Chinese message.
"""
import re
import unicodedata
from dataclasses import asdict, dataclass

OPEN_BRACKETS = "〔[【(„「﹝［〈<{⦅"
CLOSE_BRACKETS = "〕]】)‟」﹞］〉>}⦆\"“”"
_DOCNUMBER_RE = re.compile(
    r"^(?P<issuer>[^\d\s" + re.escape(OPEN_BRACKETS + CLOSE_BRACKETS) + r"]+?)\s*"
    r"[" + re.escape(OPEN_BRACKETS) + r"]\s*(?P<year>\d{4})\s*[" + re.escape(CLOSE_BRACKETS) + r"]\s*"
    r"第?\s*(?P<serial>\d{1,6})\s*[号號]$"
)
_LOOSE_YEAR_RE = re.compile(r"[" + re.escape(OPEN_BRACKETS) + r"]\s*(\d{2,3})\s*[" + re.escape(CLOSE_BRACKETS) + r"]")


class DocNumberError(ValueError):
    """The text cannot be read as a 文号; the message says why, in Chinese."""


@dataclass(frozen=True)
class DocNumber:
    raw: str
    normalized: str
    issuer_code: str
    year: int
    serial: int
    conforms: bool

    def as_dict(self) -> dict:
        return asdict(self)


def parse_docnumber(text: str) -> DocNumber:
    raw = text if text is not None else ""
    value = unicodedata.normalize("NFKC", raw).strip()
    if not value:
        raise DocNumberError("文号为空")
    match = _DOCNUMBER_RE.match(value)
    if not match:
        if _LOOSE_YEAR_RE.search(value):
            raise DocNumberError(f"“{raw}”不是有效的文号：年份应为四位数字，如〔2017〕")
        if not re.search(r"\d{4}", value):
            raise DocNumberError(f"“{raw}”不是有效的文号：缺少年份，应为“机关代字〔年份〕序号号”，如 百编〔2017〕18号")
        if not re.search(r"[号號]$", value):
            raise DocNumberError(f"“{raw}”不是有效的文号：应以“号”结尾，如 百编〔2017〕18号")
        raise DocNumberError(f"“{raw}”不是有效的文号：应为“机关代字〔年份〕序号号”，如 百编〔2017〕18号")
    issuer = match["issuer"].strip()
    year = int(match["year"])
    serial = int(match["serial"])
    if not 1949 <= year <= 2100:
        raise DocNumberError(f"“{raw}”不是有效的文号：年份{year}不合理")
    if serial == 0:
        raise DocNumberError(f"“{raw}”不是有效的文号：序号不能为0")
    normalized = f"{issuer}〔{year}〕{serial}号"
    return DocNumber(raw=raw, normalized=normalized, issuer_code=issuer, year=year, serial=serial,
                     conforms=raw.strip() == normalized)
