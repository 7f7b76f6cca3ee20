"""Reading a unit's duties (sanding) for linking: the current 主要职责 items numbered （一）（二）…

Import and export refer to duties by these numbers, so a department's sheet can say “关联职责：（一）；（三）”.
"""
import re
from dataclasses import dataclass

from bianzhi.core.text import nfkc
from bianzhi.registry.models import Unit
from bianzhi.sanding.models import Duty, DutyKind, DutyRevision

DIGITS = "零一二三四五六七八九"
_CN_NUMBER = re.compile(r"[一二三四五六七八九十]+")
_ANY_NUMBER = re.compile(r"\d+|[一二三四五六七八九十]+")


@dataclass(frozen=True)
class DutyRef:
    number: int  # 1-based position among the unit's current main duties (0 for other kinds)
    duty_id: int
    text: str
    kind: str

    @property
    def label(self) -> str:
        return f"（{to_chinese(self.number)}）" if self.number else ""


def to_chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    return str(n)


def from_chinese(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def parse_duty_refs(text) -> list[int] | None:
    """“（一）；（三）”, “1,3”, “一、三”, “第1项” → [1, 3]; None if something in it is not a number."""
    cleaned = nfkc(str(text or "")).replace("第", "").replace("项", "").replace("条", "")
    if not cleaned:
        return []
    numbers = []
    rest = cleaned
    for token in _ANY_NUMBER.findall(cleaned):
        value = from_chinese(token)
        if value is None:
            return None
        numbers.append(value)
    rest = _ANY_NUMBER.sub("", rest)
    if re.sub(r"[\s()（）,，、;；.。/]", "", rest):
        return None
    return list(dict.fromkeys(numbers))


def format_duty_refs(numbers) -> str:
    return "；".join(f"（{to_chinese(n)}）" for n in sorted(set(numbers)) if n)


def current_duties(unit_ids) -> dict[int, list[DutyRef]]:
    """unit id → its current duties (main duties numbered in order, then the other kinds)."""

    result: dict[int, list[DutyRef]] = {uid: [] for uid in unit_ids}
    rows = (DutyRevision.objects.current().filter(unit_id__in=list(unit_ids))
            .order_by("unit_id", "kind", "position", "id").values_list("unit_id", "duty_id", "text", "kind"))
    counters: dict[int, int] = {}
    main = [r for r in rows if r[3] == DutyKind.MAIN]
    other = [r for r in rows if r[3] != DutyKind.MAIN]
    for unit_id, duty_id, text, kind in main:
        counters[unit_id] = counters.get(unit_id, 0) + 1
        result.setdefault(unit_id, []).append(DutyRef(counters[unit_id], duty_id, text, kind))
    for unit_id, duty_id, text, kind in other:
        result.setdefault(unit_id, []).append(DutyRef(0, duty_id, text, kind))
    return result


def duty_labels(duty_ids) -> dict[int, DutyRef]:
    """duty id → DutyRef (number and current text), for display and export."""

    unit_ids = set(Duty.objects.filter(pk__in=list(duty_ids)).values_list("unit_id", flat=True))
    refs = {}
    for items in current_duties(Unit._base_manager.filter(pk__in=unit_ids).values_list("pk", flat=True)).values():
        for ref in items:
            refs[ref.duty_id] = ref
    return refs
