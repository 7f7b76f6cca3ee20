"""Reports over the lists in the user's scope: coverage (gaps), overlaps (职责交叉) and counts.

Every query starts from `Model.objects.restrict(user, "view")`, so a report shows only what its reader may see.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from bianzhi.registry.models import Region, Unit, UnitStatus

from .duties import current_duties
from .models import Citation, Law, PowerCategory, PowerItem, ResponsibilityItem


@dataclass
class Coverage:
    uncovered_duties: list = field(default_factory=list)  # (unit, DutyRef)
    unlinked_powers: list = field(default_factory=list)
    unlinked_responsibilities: list = field(default_factory=list)
    abolished_unit_items: list = field(default_factory=list)  # (kind label, item)
    basis_missing: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return (len(self.uncovered_duties) + len(self.unlinked_powers) + len(self.unlinked_responsibilities)
                + len(self.abolished_unit_items) + len(self.basis_missing))


def _units(user, region=None, unit=None):
    qs = Unit.objects.restrict(user, "view")
    if region is not None:
        qs = qs.filter(region=region)
    if unit is not None:
        qs = qs.filter(pk=unit.pk)
    return qs


def coverage(user, region=None, unit=None) -> Coverage:
    units = {u.pk: u for u in _units(user, region, unit).order_by("region__code", "tree_path")}
    report = Coverage()
    powers = PowerItem.objects.restrict(user, "view").filter(unit_id__in=list(units))
    resps = ResponsibilityItem.objects.restrict(user, "view").filter(unit_id__in=list(units))
    linked = set(PowerItem.duties.through.objects.filter(poweritem__in=powers).values_list("duty_id", flat=True))
    linked |= set(ResponsibilityItem.duties.through.objects.filter(responsibilityitem__in=resps)
                  .values_list("duty_id", flat=True))
    active = [uid for uid, u in units.items() if u.status == UnitStatus.ACTIVE]
    for unit_id, refs in current_duties(active).items():
        for ref in refs:
            if ref.duty_id not in linked:
                report.uncovered_duties.append((units[unit_id], ref))
    report.unlinked_powers = list(powers.filter(duties__isnull=True, parent__isnull=True)
                                  .select_related("unit", "category").order_by("unit_id", "code"))
    report.unlinked_responsibilities = list(resps.filter(duties__isnull=True, kind="duty_task")
                                            .select_related("unit").order_by("unit_id", "position"))
    closed = [UnitStatus.ABOLISHED, UnitStatus.MERGED]
    report.abolished_unit_items = (
        [("权力事项", i) for i in powers.filter(unit__status__in=closed).select_related("unit").order_by("code")]
        + [("责任事项", i) for i in resps.filter(unit__status__in=closed).select_related("unit")])
    report.basis_missing = list(powers.filter(citations__isnull=True, sub_items__isnull=True)
                                .select_related("unit", "category").distinct().order_by("unit_id", "code"))
    return report


@dataclass
class Overlap:
    reason: str  # "同名事项" | "同一法条"
    key: str  # the shared name or 《law》article
    items: list  # PowerItem objects (two or more units)

    @property
    def units(self):
        return list(dict.fromkeys(i.unit.name for i in self.items))


def overlaps(user, region=None) -> list[Overlap]:
    """职责交叉: the same item name (after NFKC) or the same law article claimed by two or more units of one
    region."""
    powers = PowerItem.objects.restrict(user, "view")
    if region is not None:
        powers = powers.filter(region=region)
    result = []
    by_name = defaultdict(list)
    rows = powers.values_list("pk", "region_id", "unit_id", "name_key", "parent__name_key")
    for pk, region_id, unit_id, name_key, parent_key in rows:
        key = f"{parent_key}（{name_key}）" if parent_key else name_key
        by_name[(region_id, key)].append((pk, unit_id))
    shared_names = {k: v for k, v in by_name.items() if len({u for _, u in v}) > 1}
    by_article = defaultdict(list)
    cites = (Citation.objects.filter(power_item__in=powers, law__isnull=False).exclude(article_key="")
             .values_list("power_item_id", "power_item__region_id", "power_item__unit_id", "law_id", "article_key"))
    for pk, region_id, unit_id, law_id, article_key in cites:
        by_article[(region_id, law_id, article_key)].append((pk, unit_id))
    shared_articles = {k: v for k, v in by_article.items() if len({u for _, u in v}) > 1}
    ids = {pk for v in list(shared_names.values()) + list(shared_articles.values()) for pk, _ in v}
    items = PowerItem.objects.filter(pk__in=ids).select_related("unit", "category", "parent").in_bulk()
    for (_region, _key), members in shared_names.items():
        group = [items[pk] for pk, _ in members]
        result.append(Overlap("同名事项", group[0].full_name, sorted(group, key=lambda i: i.unit_id)))
    if shared_articles:

        laws = Law.objects.in_bulk({law_id for _r, law_id, _a in shared_articles})
        for (_region, law_id, _akey), members in shared_articles.items():
            group = [items[pk] for pk in dict.fromkeys(pk for pk, _ in members)]
            article = Citation.objects.filter(power_item_id=group[0].pk, law_id=law_id).values_list(
                "article", flat=True).first() or ""
            result.append(Overlap("同一法条", f"《{laws[law_id].name}》{article}", sorted(group, key=lambda i: i.unit_id)))
    return result


def counts(user, region=None):
    """(categories, per-unit rows [(unit, [n per category], total)], per-region rows [(region, [...], total)])."""
    categories = list(PowerCategory.objects.all())
    powers = PowerItem.objects.restrict(user, "view")
    if region is not None:
        powers = powers.filter(region=region)
    per_unit = defaultdict(lambda: defaultdict(int))
    per_region = defaultdict(lambda: defaultdict(int))
    for unit_id, region_id, category_id, n in (powers.values_list("unit_id", "region_id", "category_id")
                                               .annotate(n=Count("id")).order_by()):
        per_unit[unit_id][category_id] += n
        per_region[region_id][category_id] += n
    used = [c for c in categories if any(c.pk in row for row in per_unit.values())]
    units = Unit.objects.in_bulk(list(per_unit))

    regions = Region.objects.in_bulk(list(per_region))
    unit_rows = sorted(([units[uid], [row.get(c.pk, 0) for c in used], sum(row.values())]
                        for uid, row in per_unit.items()), key=lambda r: (r[0].region_id, r[0].sort_order, r[0].pk))
    region_rows = sorted(([regions[rid], [row.get(c.pk, 0) for c in used], sum(row.values())]
                          for rid, row in per_region.items()), key=lambda r: r[0].code)
    return used, unit_rows, region_rows
