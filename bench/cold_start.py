"""A new web process's first requests: CPU with and without the boot warm-up (bianzhi/ops/warmup.py), in-process.

Run:  .venv/bin/python -m bench.cold_start [--repeat 3] [--clerk 10] [--profile first|warmup]
      (on the database a `bench.clerks` run left: BENCH_DB, default bz_clerks)
Each measurement is a fresh Python process that does what a gunicorn worker does — imports `bianzhi.wsgi` (Django's
set-up, the middleware and, unless BIANZHI_WARMUP=0, the warm-up) — then sends one clerk's GET requests of
`bench.clerks` in a round's order through `bianzhi.wsgi.application` (the whole middleware stack, the clerk's
session cookie): the power item's edit page, the unit from the API, its power items, the 三定 draft's duty editor;
each twice. CPU is this process's (`time.process_time`); the database's own CPU is not counted.
`--profile first` prints cProfile's top functions (CPU clock) of the first edit page; `--profile warmup` of the
warm-up itself.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import clerks

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("edit page", "unit API", "power items API", "draft editor")


def child(clerk: int, profile: str | None) -> dict:
    import cProfile
    import pstats

    os.environ.update(clerks.env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    prof = cProfile.Profile(time.process_time) if profile == "warmup" else None
    started = time.process_time()
    if prof:
        prof.enable()
    import bianzhi.wsgi  # what a gunicorn worker does before it accepts a connection (the warm-up included)
    if prof:
        prof.disable()
    boot = time.process_time() - started
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.test import RequestFactory

    from bianzhi.accounts.models import User
    from bianzhi.accounts.scope import allowed_units
    from bianzhi.lists.models import PowerItem
    from bianzhi.sanding.models import SandingVersion

    user = User.objects.get(username=f"bench-clerk-{clerk}")
    key = next(s.session_key for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))
    unit_id = allowed_units(user, "change").order_by("pk").values_list("pk", flat=True).first()
    item = PowerItem.objects.filter(unit_id=unit_id, parent__isnull=True).order_by("code").first()
    draft = SandingVersion.objects.filter(unit_id=unit_id, status="draft").order_by("pk").first()
    paths = [f"/manage/lists/powers/{item.pk}/edit/", f"/api/v1/units/{unit_id}/",
             f"/api/v1/power-items/?unit={unit_id}", f"/manage/sanding/versions/{draft.pk}/duties/main/"]
    from django.db import connection

    connection.close()  # the requests open their own, as a request thread does
    factory = RequestFactory(HTTP_HOST="127.0.0.1", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={key}")

    def get(path):
        status = []
        environ = factory.get(path).environ
        result = bianzhi.wsgi.application(environ, lambda s, h, *a: status.append(s))
        b"".join(result)
        result.close()
        assert status[0].startswith("200"), (path, status)

    times = {}
    for round_ in (0, 1):
        for kind, path in zip(KINDS, paths, strict=True):
            if profile == "first" and round_ == 0 and kind == "edit page":
                prof = cProfile.Profile(time.process_time)
                prof.enable()
            t = time.process_time()
            get(path)
            times.setdefault(kind, []).append(time.process_time() - t)
            if profile == "first" and round_ == 0 and kind == "edit page":
                prof.disable()
    if profile:
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
    return {"boot": boot, "times": times}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clerk", type=int, default=10)
    parser.add_argument("--profile", choices=("first", "warmup"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--warmup", choices=("0", "1"), default="1", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.clerk, args.profile)))
        return
    results = {"0": [], "1": []}
    for _ in range(args.repeat):
        for warmup in ("0", "1"):  # alternated: the machine's load moves both alike
            env = {**os.environ, "BIANZHI_WARMUP": warmup, "PYTHONPATH": str(ROOT)}
            out = subprocess.run([sys.executable, "-m", "bench.cold_start", "--child", "--clerk", str(args.clerk),
                                  *(["--profile", args.profile] if args.profile else [])],
                                 env=env, cwd=ROOT, capture_output=True, text=True)
            if out.returncode:
                sys.exit(out.stderr)
            if args.profile:
                print(f"--- BIANZHI_WARMUP={warmup}", out.stderr[-12000:], sep="\n")
            results[warmup].append(json.loads(out.stdout.splitlines()[-1]))
    print(f"负载均值 {os.getloadavg()[0]:.2f}；{args.repeat} 次新进程（中位数，CPU ms）")
    print("| | 启动（import bianzhi.wsgi） | " + " | ".join(f"首次 {k}" for k in KINDS) + " | 首轮合计 | "
          + " | ".join(f"第二次 {k}" for k in KINDS) + " |")
    for warmup, label in (("0", "无预热"), ("1", "预热")):
        runs = results[warmup]
        boot = statistics.median(r["boot"] for r in runs) * 1000
        first = [statistics.median(r["times"][k][0] for r in runs) * 1000 for k in KINDS]
        second = [statistics.median(r["times"][k][1] for r in runs) * 1000 for k in KINDS]
        print(f"| {label} | {boot:.0f} | " + " | ".join(f"{v:.0f}" for v in first) + f" | {sum(first):.0f} | "
              + " | ".join(f"{v:.1f}" for v in second) + " |")


if __name__ == "__main__":
    main()
