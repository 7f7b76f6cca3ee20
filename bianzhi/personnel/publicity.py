"""实名制公示: the public section of a unit's published snapshot (portal release), built here and registered with
the portal (`portal.snapshot.register_section`). Counts by 编制类型 (核定, 实有, 空编); names only where the office's
DisclosurePolicy allows; never ID numbers, birth dates, phones or anything else personal."""
import datetime
from typing import TypedDict

from bianzhi.accounts.scope import region_stem

from .models import DisclosurePolicy, Person
from .occupancy import TYPE_LABELS, occupancy

SECTION_KEY = "shimingzhi"
TEMPLATE = "personnel/public_section.html"


def policy_for(unit) -> DisclosurePolicy | None:
    """The most specific policy whose region contains the unit's region."""
    code = unit.region.code
    best = None
    for policy in DisclosurePolicy.objects.select_related("region"):
        stem = region_stem(policy.region)
        if code.startswith(stem) and (best is None or len(stem) > len(region_stem(best.region))):
            best = policy
    return best


class PublicRow(TypedDict):
    type: str
    label: str
    approved: int
    actual: int
    vacant: int
    over: int


class PublicTotal(TypedDict):
    approved: int
    actual: int
    vacant: int
    over: int


class PublicName(TypedDict):
    name: str
    body: str
    type: str


class PublicSection(TypedDict):
    """The 实名制 公示 section of a published snapshot (checked at publication, portal.schema)."""
    as_of: str
    rows: list[PublicRow]
    total: PublicTotal
    names_published: bool
    names: list[PublicName]
    policy: str


def public_section(unit, as_of: datetime.date | None = None) -> dict | None:
    """JSON-able public data, or None when the unit has neither 核定 nor people (nothing to publish)."""
    as_of = as_of or datetime.date.today()
    occ = occupancy(unit, as_of)
    if not occ.types:
        return None
    policy = policy_for(unit)
    names = None
    if policy is not None and policy.publish_names:
        names = [{"name": p.name, "body": p.internal_body.name if p.internal_body else "",
                  "type": TYPE_LABELS.get(p.staffing_type, "")}
                 for p in Person.objects.active_on(as_of).filter(unit=unit).select_related("internal_body")
                 .order_by("internal_body__sort_order", "internal_body_id", "entry_date", "id")]
    total = occ.totals
    return {
        "as_of": as_of.isoformat(),
        "rows": [{"type": r.staffing_type, "label": r.label, "approved": r.approved, "actual": r.actual,
                  "vacant": r.vacant, "over": r.over} for r in occ.types],
        "total": {"approved": total.approved, "actual": total.actual, "vacant": sum(r.vacant for r in occ.types),
                  "over": sum(r.over for r in occ.types)},
        "names_published": names is not None,
        "names": names or [],
        "policy": policy.document if policy else "",
    }
