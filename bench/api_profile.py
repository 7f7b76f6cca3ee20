"""CPU and queries of the three API requests of `bench.clerks --mix api`, in-process (Django test client through the
whole middleware stack) on the database a `bench.clerks` run left (BENCH_DB): for profiling, not a benchmark.

Run:  .venv/bin/python -m bench.api_profile [--n 40] [--clerk 10] [--profile get|patch|items] [--sort tottime]
      [--rounds N]  (instructions per round: valgrind --tool=callgrind … --rounds 20, minus the same with --rounds 0)
      [--backend]  (CPU per request of this process and of its PostgreSQL backend, each kind run --n times in a row)
Prints per request kind the queries and the median CPU (process time) of `--n` requests; `--profile KIND` prints
cProfile's top functions (CPU clock) for that kind instead.
"""
import argparse
import cProfile
import os
import pstats
import statistics
import time

from bench import clerks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--clerk", type=int, default=10)
    parser.add_argument("--profile", choices=("get", "patch", "items"))
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--callers", help="print the callers of functions matching this")
    parser.add_argument("--dump", help="write the profile to this file (pstats)")
    parser.add_argument("--sql", action="store_true", help="print the statements of each kind")
    parser.add_argument("--rounds", type=int, help="only run this many rounds (the three requests) after the warm-up "
                        "and print nothing: under `valgrind --tool=callgrind`, the instructions of N rounds are "
                        "the total of --rounds N minus that of --rounds 0")
    parser.add_argument("--backend", action="store_true", help="each kind --n times in a row: the CPU of this "
                        "process and of its PostgreSQL backend (/proc, same machine) per request")
    args = parser.parse_args()
    os.environ.update(clerks.env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, unit_id, key = clerks.clerk_session(args.clerk)
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    unit_url, items_url = f"/api/v1/units/{unit_id}/", f"/api/v1/power-items/?unit={unit_id}"
    state = {}

    def get():
        r = client.get(unit_url)
        assert r.status_code == 200, r.status_code
        state["unit"] = r.json()

    def patch():
        unit = state["unit"]
        r = client.patch(unit_url, {"note": str(int(unit["note"] or 0) + 1)}, content_type="application/json",
                         HTTP_IF_MATCH=str(unit["row_version"]))
        assert r.status_code == 200, (r.status_code, r.content[:300])
        state["unit"] = r.json()

    def items():
        r = client.get(items_url)
        assert r.status_code == 200, r.status_code

    kinds = {"get": get, "patch": patch, "items": items}
    for _ in range(3):
        for f in kinds.values():
            f()
    if args.rounds is not None:
        for _ in range(args.rounds):
            for f in kinds.values():
                f()
        return
    if args.profile:
        prof = cProfile.Profile(time.process_time)
        for _ in range(args.n):
            get()
            prof.enable()
            kinds[args.profile]()
            prof.disable()
        if args.dump:
            prof.dump_stats(args.dump)
        stats = pstats.Stats(prof).sort_stats(args.sort)
        if args.callers:
            stats.print_callers(args.callers)
        else:
            stats.print_stats(args.top)
        return
    if args.backend:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            [(backend,)] = cursor.fetchall()
        tick = os.sysconf("SC_CLK_TCK")

        def backend_cpu():
            with open(f"/proc/{backend}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tick

        for name, f in kinds.items():
            t, b = time.process_time(), backend_cpu()
            for _ in range(args.n):
                f()
            t, b = time.process_time() - t, backend_cpu() - b
            print(f"{name}: app CPU {t / args.n * 1000:.2f} ms, PostgreSQL backend {b / args.n * 1000:.2f} ms "
                  f"a request ({args.n} in a row)")
        print(f"load {os.getloadavg()[0]:.2f}")
        return
    for name, f in kinds.items():
        with CaptureQueriesContext(connection) as q:
            f()
        print(f"{name}: {len(q.captured_queries)} queries")
        if args.sql:
            for s in q.captured_queries:
                print("   ", s["sql"][:230] + (" …" + s["sql"][-40:] if len(s["sql"]) > 230 else ""))
    times = {k: [] for k in kinds}
    for _ in range(args.n):
        for name, f in kinds.items():
            t = time.process_time()
            f()
            times[name].append(time.process_time() - t)
    total = 0
    for name, ts in times.items():
        m = statistics.median(ts) * 1000
        total += m
        p20 = sorted(ts)[len(ts) // 5] * 1000
        print(f"{name}: CPU median {m:.2f} ms, p20 {p20:.2f}, min {min(ts) * 1000:.2f}")
    print(f"round: {total:.2f} ms; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
