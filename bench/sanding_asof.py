"""Benchmark: reading a unit's 三定 as of a date, and a diff, as history grows.

Run: .venv/bin/python -m bench.sanding_asof [versions] [items]   (default 30 versions, 500 duty items; a fresh
SQLite file under var/bench-sanding/ unless DATABASE_URL is set). Prints SQL queries and milliseconds for
snapshot(), diff() and the staff as-of page, for a small unit (1 version, 10 items) and the large one, and the
ratios. Target: the query count does not grow with history (ratio 1.0); time grows at most linearly with the
rows returned.
"""
import sys
import time
from datetime import date

from bench._django import setup_django as _setup_django


def setup_django():
    return _setup_django("sanding")


def build(name, versions, items):
    from bianzhi.documents.models import ApprovalDocument
    from bianzhi.registry.models import Region, Unit
    from bianzhi.sanding.models import (
        Duty,
        DutyKind,
        DutyRevision,
        SandingVersion,
        StaffingLine,
        StaffingType,
    )

    region, _ = Region.objects.get_or_create(code="999901", defaults={"name": "基准市", "level": "prefecture"})
    unit = Unit.objects.create(name=name, region=region)
    vs = []
    for n in range(versions):
        doc = ApprovalDocument.objects.create(unit=unit, doc_number_raw=f"基编〔{2000 + n}〕{unit.pk}号",
                                              title=f"{name}第{n}号文件", issued_on=date(2000 + n, 1, 1))
        vs.append(SandingVersion.objects.create(unit=unit, document=doc, effective_date=date(2000 + n, 1, 1),
                                                sequence=n + 1, status="approved"))
    duties = Duty.objects.bulk_create([Duty(unit=unit) for _ in range(items)])
    rows = []
    for i, duty in enumerate(duties):
        # every later version rewords a share of the items: history rows accumulate
        changes = [k for k in range(1, versions) if i % versions == k]
        opened = vs[0]
        for k in changes:
            rows.append(DutyRevision(unit=unit, duty=duty, kind=DutyKind.MAIN, position=i, text=f"职责{i}（{k - 1}）",
                                     valid_from=opened.effective_date, valid_to=vs[k].effective_date,
                                     opened_by=opened, closed_by=vs[k]))
            opened = vs[k]
        rows.append(DutyRevision(unit=unit, duty=duty, kind=DutyKind.MAIN, position=i, text=f"职责{i}",
                                 valid_from=opened.effective_date, opened_by=opened))
    DutyRevision.objects.bulk_create(rows, batch_size=500)
    StaffingLine.objects.bulk_create([
        StaffingLine(unit=unit, staffing_type=StaffingType.ADMIN, count=100 + n, includes=[],
                     valid_from=v.effective_date, opened_by=v,
                     valid_to=vs[n + 1].effective_date if n + 1 < versions else None,
                     closed_by=vs[n + 1] if n + 1 < versions else None) for n, v in enumerate(vs)])
    return unit


def measure(label, func, repeat=20):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        func()
    queries = len(ctx)
    start = time.perf_counter()
    for _ in range(repeat):
        func()
    ms = (time.perf_counter() - start) / repeat * 1000
    return queries, ms


def main():
    versions = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    setup_django()
    from django.test import Client

    from bianzhi.accounts.models import Role, User
    from bianzhi.sanding import services
    from bianzhi.sanding.models import DutyRevision

    small = build("小单位", 1, 10)
    large = build("大单位", versions, items)
    user = User.objects.create_user("bench", password="x", role=Role.ADMIN, is_superuser=True)
    client = Client()
    client.force_login(user)
    mid = date(2000 + versions // 2, 6, 1)
    results = {}
    for name, unit in (("small", small), ("large", large)):
        results[name] = {
            "snapshot": measure("snapshot", lambda u=unit: services.snapshot(u, mid)),
            "diff": measure("diff", lambda u=unit: services.diff(u, date(2000, 6, 1), date(2000 + versions, 1, 1))),
            "page": measure("page", lambda u=unit: client.get(f"/manage/sanding/units/{u.pk}/?as_of={mid}"), 5),
        }
    rows = DutyRevision.objects.filter(unit=large).count()
    print(f"large unit: {versions} versions, {items} duty items, {rows} duty history rows")
    print(f"{'operation':<10} {'small q':>8} {'large q':>8} {'q ratio':>8} {'small ms':>9} {'large ms':>9}")
    for op in ("snapshot", "diff", "page"):
        (sq, sms), (lq, lms) = results["small"][op], results["large"][op]
        print(f"{op:<10} {sq:>8} {lq:>8} {lq / sq:>8.2f} {sms:>9.1f} {lms:>9.1f}")


if __name__ == "__main__":
    main()
