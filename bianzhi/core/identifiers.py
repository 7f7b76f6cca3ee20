"""Validators for the identifiers public bodies carry.

USCC (统一社会信用代码, GB 32100-2015) and 组织机构代码 (GB 11714). Each check returns a list of
problems in Chinese (empty when the code is valid), so a form can show every reason at once.
"""
import re
import unicodedata

from django.core.exceptions import ValidationError

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUES = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 3^(i-1) mod 31 for i = 1..17
USCC_FORBIDDEN = set("IOZSV")

ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

# Position 1 (registration authority) and 2 (category) of a USCC; kept here as configuration.
USCC_AUTHORITIES = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": ("司法行政", {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构",
                   "5": "仲裁委员会", "9": "其他"}),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": ""}),
}
# Bodies registered by a 编办 carry these prefixes.
BIANBAN_PREFIXES = ("11", "12", "13", "19")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_VALUES[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    value = 31 - total % 31
    return USCC_ALPHABET[0 if value == 31 else value]


def org_code_check_char(first8: str) -> str:
    total = sum(ORG_ALPHABET.index(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def normalize_code(code: str | None) -> str:
    return unicodedata.normalize("NFKC", code or "").strip().upper().replace(" ", "").replace("-", "")


def uscc_problems(code: str) -> list[str]:
    code = normalize_code(code)
    if len(code) != 18:
        return [f"统一社会信用代码应为18位，当前为{len(code)}位"]
    problems = []
    forbidden = [(i + 1, c) for i, c in enumerate(code) if c in USCC_FORBIDDEN]
    for pos, ch in forbidden:
        problems.append(f"第{pos}位“{ch}”不可使用（统一社会信用代码不使用字母 I、O、Z、S、V）")
    other = [(i + 1, c) for i, c in enumerate(code) if c not in USCC_VALUES and c not in USCC_FORBIDDEN]
    for pos, ch in other:
        problems.append(f"第{pos}位“{ch}”不是有效字符（只能使用数字和大写字母）")
    if problems:
        return problems
    if not code[2:8].isdigit():
        problems.append(f"第3至8位应为登记管理机关行政区划码（6位数字），当前为“{code[2:8]}”")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        problems.append(f"校验码错误：第18位应为“{expected}”，当前为“{code[17]}”")
    return problems


def org_code_problems(code: str) -> list[str]:
    code = normalize_code(code)
    if len(code) != 9:
        return [f"组织机构代码应为9位（8位本体代码加1位校验码），当前为{len(code)}位"]
    bad = [(i + 1, c) for i, c in enumerate(code[:8]) if c not in ORG_ALPHABET]
    if bad:
        return [f"第{p}位“{c}”不是有效字符（只能使用数字和大写字母）" for p, c in bad]
    expected = org_code_check_char(code[:8])
    if code[8] != expected:
        return [f"校验码错误：第9位应为“{expected}”，当前为“{code[8]}”"]
    return []


def validate_uscc(code: str) -> None:
    problems = uscc_problems(code)
    if problems:
        raise ValidationError("；".join(problems), code="invalid_uscc")


def validate_org_code(code: str) -> None:
    problems = org_code_problems(code)
    if problems:
        raise ValidationError("；".join(problems), code="invalid_org_code")


PHONE_RE = re.compile(r"^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
POSTCODE_RE = re.compile(r"^\d{6}$")


def _clean(value: str | None) -> str:
    return unicodedata.normalize("NFKC", value or "").strip().replace(" ", "")


def validate_office_phone(value: str) -> None:
    v = _clean(value)
    if not (PHONE_RE.match(v) or MOBILE_RE.match(v)):
        raise ValidationError(f"办公电话“{value}”格式不正确，应为区号-号码，如 0776-2872890", code="invalid_phone")


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(_clean(value)):
        raise ValidationError(f"手机号码“{value}”格式不正确，应为以1开头的11位数字", code="invalid_mobile")


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(_clean(value)):
        raise ValidationError(f"邮政编码“{value}”格式不正确，应为6位数字", code="invalid_postcode")


def make_uscc(authority: str, category: str, region_code: str, org_code8: str) -> str:
    """Build a valid USCC (used by demo data and tests)."""
    org9 = org_code8 + org_code_check_char(org_code8)
    first17 = authority + category + region_code + org9
    return first17 + uscc_check_char(first17)
