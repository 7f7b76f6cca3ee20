"""台账: the region's ledger of approval documents that set units' 编制 and 职数, as of any date, its totals, the
总量控制 check on 三定 approvals (registered in sanding's APPROVAL_GUARDS) and the xlsx export.

One line per approved 三定 version (= one approval document and unit): the unit's 编制 after that document by
type — 行政编制 split 市/县/乡 by the unit's level, 事业编制 by 经费形式 — 领导职数 and 内设机构数.
"""
import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from bianzhi.accounts.scope import region_stem
from bianzhi.registry.models import FundingForm, UnitLevel
from bianzhi.sanding.models import SandingVersion, StaffingLine, StaffingType, VersionStatus
from bianzhi.sanding.services import snapshot

from .models import Person, RegionLimit
from .occupancy import is_concurrent

# the ledger's columns: key, heading
COLUMNS = [
    ("admin_city", "行政编制·市"), ("admin_county", "行政编制·县"), ("admin_town", "行政编制·乡"),
    ("inst_civil", "参公事业编制"), ("inst_full", "事业编制·全额拨款"), ("inst_partial", "事业编制·差额拨款"),
    ("inst_self", "事业编制·自收自支"), ("legal", "政法专项编制"), ("worker", "工勤编制"), ("other", "其他编制"),
    ("total", "编制合计"), ("leaders", "领导职数"), ("bodies", "内设机构数"),
]
KEYS = [k for k, _ in COLUMNS]
_ADMIN_BY_LEVEL = {UnitLevel.TOWNSHIP: "admin_town", UnitLevel.COUNTY: "admin_county"}
_INST_BY_FUNDING = {FundingForm.PARTIAL: "inst_partial", FundingForm.SELF: "inst_self"}


def column_of(unit, staffing_type: str) -> str:
    if staffing_type == StaffingType.ADMIN:
        return _ADMIN_BY_LEVEL.get(unit.level, "admin_city")
    if staffing_type == StaffingType.INST:
        return _INST_BY_FUNDING.get(unit.funding_form, "inst_full")
    return staffing_type


@dataclass
class Line:
    unit: object
    version: object
    values: dict = field(default_factory=dict)
    change: int = 0

    @property
    def doc_number(self) -> str:
        return self.version.doc_number

    @property
    def date(self) -> datetime.date:
        return self.version.effective_date

    def cells(self) -> list:
        return [self.values.get(k, 0) for k in KEYS]


@dataclass
class Ledger:
    region: object
    date: datetime.date
    lines: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)          # current figures of every unit, summed
    by_unit_region: list = field(default_factory=list)  # (region name, totals)
    limits: list = field(default_factory=list)          # (RegionLimit, current total, remaining)
    usage: list = field(default_factory=list)           # (unit, 核定, 实有, 核定 − 实有) on the date
    usage_total: tuple = (0, 0, 0)

    def total_cells(self) -> list:
        return [self.totals.get(k, 0) for k in KEYS]


def _values(unit, snap) -> dict:
    values = dict.fromkeys(KEYS, 0)
    for line in snap.staffing:
        values[column_of(unit, line.staffing_type)] += line.count
        values["total"] += line.count
    values["leaders"] = sum(h.count for h in snap.head_posts if not is_concurrent(h)) + snap.leadership_total()
    values["bodies"] = len(snap.bodies)
    return values


def build(region, date: datetime.date | None = None, units=None) -> Ledger:
    """The ledger of `region` (and everything below it) on `date`; `units` narrows it (the user's scope)."""
    date = date or datetime.date.today()
    stem = region_stem(region)
    versions = (SandingVersion.objects.filter(status=VersionStatus.APPROVED, effective_date__lte=date,
                                              unit__region__code__startswith=stem)
                .select_related("unit", "unit__region", "document").order_by("effective_date", "sequence", "id"))
    if units is not None:
        versions = versions.filter(unit__in=units)
    ledger = Ledger(region=region, date=date)
    latest = {}
    previous_total = {}
    for v in versions:
        values = _values(v.unit, snapshot(v.unit, v.effective_date))
        line = Line(unit=v.unit, version=v, values=values,
                    change=values["total"] - previous_total.get(v.unit_id, 0))
        previous_total[v.unit_id] = values["total"]
        ledger.lines.append(line)
        latest[v.unit_id] = line
    ledger.totals = dict.fromkeys(KEYS, 0)
    per_region: dict = {}
    for line in latest.values():
        current = _values(line.unit, snapshot(line.unit, date)) if line.date < date else line.values
        for k in KEYS:
            ledger.totals[k] += current[k]
        bucket = per_region.setdefault(line.unit.region.name, dict.fromkeys(KEYS, 0))
        for k in KEYS:
            bucket[k] += current[k]
    ledger.by_unit_region = sorted(per_region.items())
    actual = dict(Person.objects.active_on(date).filter(unit_id__in=list(latest)).values("unit_id")
                  .annotate(n=Count("id")).values_list("unit_id", "n"))
    for unit_id, line in latest.items():
        approved = _values(line.unit, snapshot(line.unit, date))["total"] if line.date < date else line.values["total"]
        ledger.usage.append((line.unit, approved, actual.get(unit_id, 0), approved - actual.get(unit_id, 0)))
    ledger.usage_total = tuple(sum(u[i] for u in ledger.usage) for i in (1, 2, 3))
    for limit in RegionLimit.objects.filter(region__code__startswith=stem).select_related("region"):
        total = region_total(limit.region, limit.staffing_type, date)
        ledger.limits.append((limit, total, limit.limit - total))
    return ledger


def region_total(region, staffing_type: str, date: datetime.date, replace: dict | None = None) -> int:
    """The approved 编制 of a type in the region on `date`; `replace` = {unit_id: count} overrides some units."""
    replace = replace or {}
    qs = StaffingLine.objects.as_of(date).filter(unit__region__code__startswith=region_stem(region),
                                                 staffing_type=staffing_type).exclude(unit_id__in=list(replace))
    return (qs.aggregate(n=Sum("count"))["n"] or 0) + sum(replace.values())


def limit_problems(version, group) -> list:
    """APPROVAL_GUARDS hook: refuse a 三定 approval that pushes a region's total of a type above its 控制数."""
    reasons = []
    for v in group:
        if v.status != VersionStatus.DRAFT:
            continue
        region_code = v.unit.region.code
        limits = [lim for lim in RegionLimit.objects.select_related("region")
                  if region_code.startswith(region_stem(lim.region))]
        for lim in limits:
            replace = {}
            for member in group:
                if member.unit.region.code.startswith(region_stem(lim.region)):
                    replace[member.unit_id] = (StaffingLine.objects.in_draft(member)
                                               .filter(unit=member.unit, staffing_type=lim.staffing_type)
                                               .aggregate(n=Sum("count"))["n"] or 0)
            before = region_total(lim.region, lim.staffing_type, v.effective_date)
            after = region_total(lim.region, lim.staffing_type, v.effective_date, replace)
            if after > lim.limit and after > before:
                label = StaffingType(lim.staffing_type).label
                reasons.append(f"超出编制总量控制：{lim.region.name}{label}控制数{lim.limit}名"
                               f"{('（' + lim.document + '）') if lim.document else ''}，批准后将为{after}名，"
                               f"超出{after - lim.limit}名")
        break  # the group is checked once, through its primary
    return reasons


def to_xlsx(ledger: Ledger) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "机构编制台账"
    ws.append([f"{ledger.region.name}机构编制台账（截至{ledger.date:%Y年%-m月%-d日}）"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["序号", "单位名称", "批准文号", "日期", *[h for _, h in COLUMNS], "编制增减"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for i, line in enumerate(ledger.lines, start=1):
        ws.append([i, line.unit.name, line.doc_number, line.date.isoformat(), *line.cells(), line.change])
    ws.append(["", "合计（现行）", "", "", *ledger.total_cells(), ""])
    for name, totals in ledger.by_unit_region:
        ws.append(["", f"其中：{name}", "", "", *[totals.get(k, 0) for k in KEYS], ""])
    for limit, total, _ in ledger.limits:
        ws.append(["", f"总量控制：{limit.region.name}{limit.get_staffing_type_display()}", limit.document, "",
                   f"控制数{limit.limit}", f"现有{total}", f"剩余{limit.limit - total}"])
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 20
    usage = wb.create_sheet("编制使用")
    usage.append(["单位名称", "核定", "实有", "超(-)空(+)编数"])
    for unit, approved, actual, diff in ledger.usage:
        usage.append([unit.name, approved, actual, diff])
    usage.append(["合计", *ledger.usage_total])
    usage.column_dimensions["A"].width = 30
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

