"""CPU and queries of the four server-rendered requests of `bench.clerks --mix full` (the power item's edit form and
its save, the 三定 draft's 主要职责 editor and its save), in-process on the database a `bench.clerks` run left
(BENCH_DB): for profiling, not a benchmark.

Run:  .venv/bin/python -m bench.html_profile [--n 40] [--clerk 10] [--profile edit|save|duties|dsave] [--sql]
      [--rounds N]  (instructions per round: perf stat -e instructions:u … --rounds 100, minus the same with
      --rounds 0)

The WSGI application is called directly with the environ gunicorn builds (as `bench.api_layers`, without Django's
test client), with the session and CSRF cookies a clerk's browser sends; the forms are submitted as `bench.clerks`
submits them (the fields of the page, 备注 or the first duty's counter + 1). Each round runs the four in the
benchmark's order, so every page shows the flash message the save before it left, as in the benchmark.
Prints per kind the queries (counted through Django's cursor), then the median CPU of this process (thread CPU clock)
and of its PostgreSQL backend (/proc, 10 ms ticks summed over `--n` requests); `--profile KIND` prints cProfile's
top functions (CPU clock) for that kind instead.
"""
import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from urllib.parse import urlencode

from bench import clerks


def environ(method, path, cookie, body=b""):
    e = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
         "SERVER_NAME": "127.0.0.1", "SERVER_PORT": str(clerks.PORT), "SERVER_PROTOCOL": "HTTP/1.1",
         "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "40000", "RAW_URI": path, "HTTP_HOST": "127.0.0.1",
         "HTTP_COOKIE": cookie, "HTTP_ACCEPT": "text/html", "HTTP_CONNECTION": "keep-alive",
         "HTTP_USER_AGENT": "bench", "HTTP_ACCEPT_ENCODING": "identity", "HTTP_REFERER": f"http://127.0.0.1{path}",
         "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
         "wsgi.url_scheme": "http", "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False}
    if body:
        e["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        e["CONTENT_LENGTH"] = str(len(body))
    return e


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--clerk", type=int, default=10)
    parser.add_argument("--profile", choices=("edit", "save", "duties", "dsave"))
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--callers", help="print the callers of functions matching this")
    parser.add_argument("--sql", action="store_true", help="print the statements of each kind")
    parser.add_argument("--rounds", type=int, help="only run this many rounds (the four requests) after the warm-up "
                        "and print nothing: under `perf stat -e instructions:u`, the instructions of N rounds are "
                        "the total of --rounds N minus that of --rounds 0")
    args = parser.parse_args()
    os.environ.update(clerks.env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string

    from bianzhi.lists.models import PowerItem
    from bianzhi.sanding.models import SandingVersion

    user, unit_id, key = clerks.clerk_session(args.clerk)
    item_id = PowerItem.objects.filter(unit_id=unit_id, parent__isnull=True).order_by("code").values_list(
        "pk", flat=True).first()
    draft_id = SandingVersion.objects.filter(unit_id=unit_id, status="draft").values_list("pk", flat=True).first()
    jar = {settings.SESSION_COOKIE_NAME: key, settings.CSRF_COOKIE_NAME: _get_new_csrf_string()}
    edit_path = f"/manage/lists/powers/{item_id}/edit/"
    duties_path = f"/manage/sanding/versions/{draft_id}/duties/main/"
    app = get_wsgi_application()
    state = {}

    def call(e):
        out = {}

        def start_response(status, headers, exc_info=None):
            out["status"] = status
            for header, value in headers:  # the cookies a browser keeps (the flash message's, the CSRF token's)
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    value = rest.split(";", 1)[0]
                    if value in ("", '""'):  # deleted
                        jar.pop(name.strip(), None)
                    else:
                        jar[name.strip()] = value

        body = b"".join(app(e, start_response))
        return int(out["status"][:3]), body

    def cookie():
        return "; ".join(f"{k}={v}" for k, v in jar.items())

    def edit():
        status, body = call(environ("GET", edit_path, cookie()))
        assert status == 200, (status, body[:300])
        state["edit"] = clerks.edit_form(body.decode())

    def save():
        fields = [list(f) for f in state["edit"]]
        clerks.bump_note(fields)
        status, body = call(environ("POST", edit_path, cookie(), urlencode([tuple(f) for f in fields]).encode()))
        assert status == 302, (status, body.decode()[:2000])

    def duties():
        status, body = call(environ("GET", duties_path, cookie()))
        assert status == 200, (status, body[:300])
        state["duties"] = clerks.edit_form(body.decode())

    def dsave():
        fields = [list(f) for f in state["duties"]]
        clerks.bump_duty_counter(fields)
        status, body = call(environ("POST", duties_path, cookie(), urlencode([tuple(f) for f in fields]).encode()))
        assert status == 302, (status, body.decode()[:2000])

    kinds = {"edit": edit, "save": save, "duties": duties, "dsave": dsave}
    for _ in range(3):
        for f in kinds.values():
            f()
    if args.rounds is not None:
        for _ in range(args.rounds):
            for f in kinds.values():
                f()
        return
    if args.profile:
        prof = cProfile.Profile(time.thread_time)
        for _ in range(args.n):
            for name, f in kinds.items():
                if name == args.profile:
                    prof.enable()
                    f()
                    prof.disable()
                else:
                    f()
        stats = pstats.Stats(prof).sort_stats(args.sort)
        if args.callers:
            stats.print_callers(args.callers)
        else:
            stats.print_stats(args.top)
        return
    count = {"n": 0, "sql": []}

    def counting(execute, sql, params, many, context):
        count["n"] += 1
        count["sql"].append(sql)
        return execute(sql, params, many, context)

    for name, f in kinds.items():
        count["n"], count["sql"] = 0, []
        with connection.execute_wrapper(counting):
            f()
        print(f"{name}: {count['n']} queries")
        if args.sql:
            for s in count["sql"]:
                print("   ", s[:230] + (" …" + s[-40:] if len(s) > 230 else ""))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [(backend,)] = cursor.fetchall()
    tick = os.sysconf("SC_CLK_TCK")

    def backend_cpu():
        with open(f"/proc/{backend}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    times = {k: [] for k in kinds}
    pg = dict.fromkeys(kinds, 0.0)
    for _ in range(args.n):
        for name, f in kinds.items():
            b, t = backend_cpu(), time.thread_time()
            f()
            times[name].append(time.thread_time() - t)
            pg[name] += backend_cpu() - b
    total = 0
    for name, ts in times.items():
        m = statistics.median(ts) * 1000
        total += m
        p20 = sorted(ts)[len(ts) // 5] * 1000
        print(f"{name}: CPU median {m:.2f} ms, p20 {p20:.2f}, min {min(ts) * 1000:.2f}; "
              f"PostgreSQL backend {pg[name] / args.n * 1000:.2f} ms")
    print(f"round: {total:.2f} ms; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
