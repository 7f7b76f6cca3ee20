"""Progress of a campaign per unit, entry group, county and campaign (materials, entry, confirmation, review,
publication) and the overdue lists. Every query starts from the user's restricted querysets."""
import io
from collections import Counter, OrderedDict

from django.utils import timezone

from bianzhi.accounts.models import EntryGroup
from bianzhi.core.spreadsheet import safe_row
from bianzhi.registry.models import Unit

from .models import DataPackage, Hold, MaterialPackage, MaterialStatus, PackageState

STAGES = [("materials", "材料合格"), ("entered", "已提交确认"), ("confirmed", "部门已确认"), ("approved", "审核通过"),
          ("published", "已公开")]
_RANK = {PackageState.ENTERING: 0, PackageState.PENDING_CONFIRM: 1, PackageState.CONFIRMED: 2,
         PackageState.PENDING_REVIEW: 2, PackageState.APPROVED: 3, PackageState.PUBLISHED: 4}


def unit_rows(campaign, user, today=None):
    """One row per unit of the campaign in the user's scope."""
    today = today or timezone.localdate()
    units = list(campaign.units.restrict(user, "view").select_related("region", "parent").order_by("region__code",
                                                                                                    "tree_path"))
    ids = [u.pk for u in units]
    materials = {m.unit_id: m for m in MaterialPackage.objects.restrict(user, "view").filter(campaign=campaign,
                                                                                            unit_id__in=ids)}
    packages = {p.unit_id: p for p in DataPackage.objects.restrict(user, "view").filter(unit_id__in=ids,
                                                                                       is_current=True)}
    held = set(Hold.objects.restrict(user, "view").filter(campaign=campaign, lifted_at__isnull=True,
                                                          unit_id__in=ids).values_list("unit_id", flat=True))
    rows = []
    for unit in units:
        m, p = materials.get(unit.pk), packages.get(unit.pk)
        rank = _RANK.get(p.state, 0) if p else -1
        row = OrderedDict(unit=unit, material=m, package=p, on_hold=unit.pk in held)
        row["materials"] = bool(m and m.status == MaterialStatus.ACCEPTED)
        row["entered"] = rank >= 1
        row["confirmed"] = rank >= 2
        row["approved"] = rank >= 3
        row["published"] = rank >= 4
        row["materials_overdue"] = today > campaign.materials_due and not (m and m.received_at)
        row["review_overdue"] = today > campaign.review_due and rank < 3
        row["publish_overdue"] = today > (campaign.publish_by or campaign.publish_due) and rank < 4
        row["overdue"] = row["materials_overdue"] or row["review_overdue"] or row["publish_overdue"]
        row["state_label"] = p.state_label if p else "未建数据包"
        rows.append(row)
    return rows


def summarize(rows) -> dict:
    total = len(rows)
    counts = {key: sum(1 for r in rows if r[key]) for key, _ in STAGES}
    return {"total": total, "counts": counts,
            "percent": {k: round(100 * v / total) if total else 0 for k, v in counts.items()},
            "overdue": sum(1 for r in rows if r["overdue"]), "on_hold": sum(1 for r in rows if r["on_hold"]),
            "states": Counter(r["state_label"] for r in rows)}


def by_region(rows):
    groups = OrderedDict()
    for r in rows:
        groups.setdefault(r["unit"].region.name, []).append(r)
    return [{"name": name, **summarize(items)} for name, items in groups.items()]


def by_entry_group(rows, user):
    """Entry groups with the units (and subordinates) they are responsible for."""
    result = []
    for group in EntryGroup.objects.restrict(user, "view").prefetch_related("units"):
        paths = [u.tree_path for u in group.units.all()]
        items = [r for r in rows if any(r["unit"].tree_path.startswith(p) for p in paths)]
        if items:
            result.append({"name": group.name, **summarize(items)})
    return result


def export_xlsx(campaign, rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "单位进度"
    header = ["行政区划", "单位", "统一社会信用代码", "材料", "数据包状态", "部门确认", "审核通过", "已公开", "暂停业务",
              "逾期"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        m = r["material"]
        overdue = "、".join(label for key, label in (("materials_overdue", "材料逾期"), ("review_overdue", "审核逾期"),
                                                     ("publish_overdue", "公开逾期")) if r[key])
        ws.append(safe_row([r["unit"].region.name, r["unit"].name, r["unit"].uscc or "",
                   m.get_status_display() if m else "未报送", r["state_label"], "是" if r["confirmed"] else "否",
                   "是" if r["approved"] else "否", "是" if r["published"] else "否", "是" if r["on_hold"] else "否",
                   overdue]))
    for col, width in zip("ABCDEFGHIJ", (14, 36, 22, 12, 18, 10, 10, 10, 10, 20), strict=True):
        ws.column_dimensions[col].width = width
    ws2 = wb.create_sheet("汇总")
    ws2.append(["分组", "单位数"] + [label for _, label in STAGES] + ["逾期", "暂停业务"])
    summary = summarize(rows)
    ws2.append(safe_row([campaign.name, summary["total"]] + [summary["counts"][k] for k, _ in STAGES]
               + [summary["overdue"], summary["on_hold"]]))
    for group in by_region(rows):
        ws2.append(safe_row([group["name"], group["total"]] + [group["counts"][k] for k, _ in STAGES]
                   + [group["overdue"], group["on_hold"]]))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


__all__ = ["unit_rows", "summarize", "by_region", "by_entry_group", "export_xlsx", "Unit"]
