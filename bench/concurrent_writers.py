"""Benchmark: concurrent writers through the API — 0 errors, 0 lost updates (issue 15, finding 4).

Run: .venv/bin/python -m bench.concurrent_writers [writers] [rounds]
     (a fresh SQLite file under var/bench-concurrency/ unless DATABASE_URL is set; defaults: 10 writers on
     SQLite, 50 on PostgreSQL, 10 rounds each).

Each writer is a thread with its own database connection, going through the real API stack (DRF, scope,
audit log signals, optimistic concurrency). All writers start together (a barrier) and each does:
1. `rounds` PATCHes of its own unit (read row_version, PATCH with If-Match) — rows differ, the database
   write lock and the shared audit table are contended;
2. `rounds` increments of ONE shared unit's counter (read, PATCH with If-Match; a 409/412 conflict is the
   optimistic lock refusing a stale write, so the writer re-reads and retries).
Errors = any 5xx or exception ("database is locked" was a 500). Lost updates = own-unit versions that did
not advance by exactly `rounds`, plus shared-counter increments missing from the final value. A single
writer doing the same work first is the baseline; the ratio is the concurrent throughput over it.
"""
import sys
import threading
import time

from bench._django import setup_django


def main(writers: int | None = None, rounds: int = 10) -> int:
    import logging
    import os

    setup_django("concurrency")
    from django.conf import settings
    from django.db import connections

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the expected 409s are not news
    if os.environ.get("BENCH_SQLITE_DEFERRED") and not settings.IS_POSTGRES:  # the old setting, for comparison
        connections["default"].settings_dict["OPTIONS"].pop("transaction_mode", None)
    from django.db import connection
    from rest_framework.test import APIClient

    from bianzhi.accounts.models import Role, User
    from bianzhi.registry.models import Region, Unit

    is_pg = settings.IS_POSTGRES
    writers = writers or (50 if is_pg else 10)
    region, _ = Region.objects.get_or_create(code="451000", defaults={"name": "百色市", "level": "prefecture"})
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": Role.ADMIN,
                                                                            "is_superuser": True})

    def make_units(n, label):
        return [Unit.objects.create(name=f"并发测试单位{label}{i}", region=region, note="0") for i in range(n)]

    def run(n_writers):
        own = make_units(n_writers, f"{n_writers}-")
        shared = make_units(1, f"共享{n_writers}-")[0]
        errors, conflicts, done = [], [0], [0]
        lock = threading.Lock()
        barrier = threading.Barrier(n_writers)

        def writer(i):
            api = APIClient()
            api.force_authenticate(admin)
            try:
                barrier.wait()
                url = f"/api/v1/units/{own[i].pk}/"
                for k in range(rounds):
                    version = api.get(url).json()["row_version"]
                    r = api.patch(url, {"note": f"w{i}-{k}"}, format="json", HTTP_IF_MATCH=str(version))
                    if r.status_code != 200:
                        errors.append((r.status_code, r.content[:200]))
                shared_url = f"/api/v1/units/{shared.pk}/"
                for _k in range(rounds):
                    for _attempt in range(10 * n_writers):
                        got = api.get(shared_url).json()
                        r = api.patch(shared_url, {"note": str(int(got["note"]) + 1)}, format="json",
                                      HTTP_IF_MATCH=str(got["row_version"]))
                        if r.status_code == 200:
                            with lock:
                                done[0] += 1
                            break
                        if r.status_code in (409, 412):
                            with lock:
                                conflicts[0] += 1
                            continue
                        errors.append((r.status_code, r.content[:200]))
                        break
            except Exception as exc:  # noqa: BLE001 — every failure is counted and printed
                errors.append(("exception", repr(exc)[:200]))
            finally:
                connection.close()

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(n_writers)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        lost = 0
        for i, unit in enumerate(own):
            fresh = Unit.objects.get(pk=unit.pk)
            if fresh.row_version - unit.row_version != rounds or fresh.note != f"w{i}-{rounds - 1}":
                lost += 1
        final = int(Unit.objects.get(pk=shared.pk).note)
        lost += done[0] - final
        writes = n_writers * rounds + done[0]
        return {"errors": errors, "lost": lost, "conflicts": conflicts[0], "seconds": seconds,
                "writes_per_s": writes / seconds, "shared_final": final, "shared_done": done[0],
                "expected_shared": n_writers * rounds}

    engine = "PostgreSQL" if is_pg else "SQLite"
    warm = APIClient()
    warm.force_authenticate(admin)
    warm.get("/api/v1/units/")  # imports and caches first, so that the baseline does not pay for them
    base = run(1)
    result = run(writers)
    print(f"{engine}: baseline 1 writer: {base['writes_per_s']:.1f} writes/s, errors {len(base['errors'])}")
    print(f"{engine}: {writers} concurrent writers × {rounds} own + {rounds} shared updates: "
          f"{result['writes_per_s']:.1f} writes/s (ratio to 1 writer {result['writes_per_s'] / base['writes_per_s']:.2f}), "
          f"errors {len(result['errors'])}, lost updates {result['lost']}, "
          f"optimistic-lock conflicts retried {result['conflicts']}, shared counter {result['shared_final']}"
          f"/{result['expected_shared']}, {result['seconds']:.1f} s")
    for err in result["errors"][:5]:
        print("  error:", err)
    ok = not result["errors"] and result["lost"] == 0 and result["shared_final"] == result["expected_shared"]
    print("结果：" + ("通过（0 错误，0 丢失更新）" if ok else "未通过"))
    return 0 if ok else 1


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    sys.exit(main(*args))
