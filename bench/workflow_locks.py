"""Benchmark: the cost of the review-flow lock guard and of the progress dashboard.

Run: .venv/bin/python -m bench.workflow_locks [saves] [units]   (defaults 2000 saves, 2000 units; a fresh SQLite
file under var/bench-workflow/ unless DATABASE_URL is set). Prints:
- saves per second of a lockable model (InternalBody) with the pre_save lock guard connected and disconnected, and
  the ratio (target ≤ 1.5: the guard is one indexed query per save);
- the time to compute the dashboard rows for a campaign of N units (target < 1 s for 2,000 units).
"""
import datetime
import sys
import time

from bench._django import setup_django as _setup_django


def setup_django():
    return _setup_django("workflow")


def main(saves: int = 2000, unit_count: int = 2000) -> None:
    setup_django()
    from django.db import transaction
    from django.db.models.signals import pre_save

    from bianzhi.accounts.models import Role, User
    from bianzhi.registry.models import InternalBody, Region, Unit
    from bianzhi.workflow import dashboards, locks
    from bianzhi.workflow.models import Campaign, DataPackage, PackageState

    region, _ = Region.objects.get_or_create(code="451000", defaults={"name": "百色市", "level": "prefecture"})
    campaign = Campaign.objects.create(name="基准批次", materials_due=datetime.date(2017, 4, 30),
                                       hold_from=datetime.date(2017, 5, 4), review_due=datetime.date(2017, 6, 15),
                                       publish_due=datetime.date(2017, 6, 15))
    with transaction.atomic():
        units = [Unit.objects.create(name=f"基准单位{i}", region=region) for i in range(unit_count)]
        campaign.units.add(*units)
        states = list(PackageState.values)
        DataPackage.objects.bulk_create([DataPackage(unit=u, campaign=campaign, state=states[i % 4])
                                         for i, u in enumerate(units)])  # none approved: every save passes
    unit = units[0]

    def run(label):
        start = time.perf_counter()
        with transaction.atomic():
            for i in range(saves):
                InternalBody.objects.create(unit=unit, name=f"{label}{i}")
        return saves / (time.perf_counter() - start)

    run("预热")  # warm caches first so that neither measured run pays for them
    pre_save.disconnect(dispatch_uid="workflow_lock_pre_save")
    without_guard = run("乙")
    pre_save.connect(locks._refuse_locked_save, dispatch_uid="workflow_lock_pre_save")
    with_guard = run("甲")
    print(f"lockable saves/s with guard: {with_guard:,.0f}; without: {without_guard:,.0f}; "
          f"ratio {without_guard / with_guard:.2f} (target ≤ 1.5)")

    viewer = User.objects.create(username="bench-leader", role=Role.LEADER)
    start = time.perf_counter()
    rows = dashboards.unit_rows(campaign, viewer)
    summary = dashboards.summarize(rows)
    elapsed = time.perf_counter() - start
    print(f"dashboard rows for {len(rows):,} units: {elapsed:.3f} s (target < 1 s); "
          f"approved {summary['counts']['approved']}, overdue {summary['overdue']}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
