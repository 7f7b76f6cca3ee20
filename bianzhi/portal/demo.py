"""Demo: make public what the demo review flow approved (idempotent).

With the review flow (app `workflow`) present, its demo already publishes some units through the 发布
transition; this demo fires the same 发布 transition, as the 市编办 administrator, for every other unit
whose current data package is 审核通过 — so the public site shows exactly what went through the flow,
and units still 录入中 / 待确认 / 待审核 stay unpublic. Without the review flow, every active demo unit
is published as a first release. A unit that already has a current publication is never published twice.
"""
from bianzhi.registry.models import Unit

from .models import PublishedUnit
from .services import publish_units


def load(log=print) -> None:
    from bianzhi.accounts.models import User

    admin = User.objects.filter(username="admin").first()
    published = set(PublishedUnit.objects.filter(is_current=True).values_list("unit_id", flat=True))
    try:
        from bianzhi.workflow import services as workflow
        from bianzhi.workflow.models import DataPackage, PackageState
    except ImportError:
        workflow = None
    if workflow is not None:
        done = 0
        for package in (DataPackage.objects.filter(is_current=True, state=PackageState.APPROVED)
                        .exclude(unit_id__in=published).select_related("unit").order_by("unit__tree_path")):
            workflow.fire(package, "publish", admin, comment="演示数据：审核通过后公开")
            done += 1
        total = PublishedUnit.objects.filter(is_current=True).count()
        log(f"  公开门户：本次经审核流程发布 {done} 个单位，现公开 {total} 个单位")
        return
    units = list(Unit.objects.filter(status="active").exclude(pk__in=published).order_by("pk"))
    if not units:
        log(f"  公开门户：已公开 {len(published)} 个单位，无需重新发布")
        return
    release = publish_units(units, admin, note="演示数据：首批公开")
    log(f"  公开门户：第 {release.number} 版发布 {len(units)} 个单位（SHA-256 {release.sha256[:12]}…）")
