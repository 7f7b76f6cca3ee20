"""Demo: publish a first release of the demo units that are not yet public (idempotent).

Units that the review-flow demo keeps in an unfinished state (anything with an open workflow case, if
that app provides `open_case_unit_ids()`) are left unpublished, so the public site shows only what
went through the flow; units already public are never published twice."""
from bianzhi.registry.models import Unit

from .models import PublishedUnit
from .services import publish_units


def _units_in_flow() -> set[int]:
    try:
        from bianzhi.workflow import services as workflow_services
    except ImportError:
        return set()
    fn = getattr(workflow_services, "open_case_unit_ids", None)
    return set(fn()) if fn else set()


def load(log=print) -> None:
    from bianzhi.accounts.models import User

    published = set(PublishedUnit.objects.filter(is_current=True).values_list("unit_id", flat=True))
    skip = published | _units_in_flow()
    units = list(Unit.objects.filter(status="active").exclude(pk__in=skip).order_by("pk"))
    if not units:
        log(f"  公开门户：已公开 {len(published)} 个单位，无需重新发布")
        return
    admin = User.objects.filter(username="admin").first()
    release = publish_units(units, admin, note="演示数据：首批公开")
    log(f"  公开门户：第 {release.number} 版发布 {len(units)} 个单位（SHA-256 {release.sha256[:12]}…）")
