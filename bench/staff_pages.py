"""Benchmark: the staff list, filter and export pages of 权力清单 and 单位 at province scale (issue 14, item 5).

Run:  .venv/bin/python -m bench.staff_pages [--units 20000] [--powers 1000000] [--reuse] [--seconds 6]
                                            [--concurrency 1] [--export] [--export-only]
      (PostgreSQL at 127.0.0.1:5432 as postgres; drops and creates BENCH_DB, default bz_staff; gunicorn on
      BENCH_PORT, default 8792. --reuse keeps a database this script generated before.)

1. Generates with COPY a province (14 cities × 9 counties = 126 counties), ~20,000 units spread over the cities
   and counties (departments with their subordinate institutions, as bench/portal_search.py does), 1,000,000
   权力事项 over the seeded 事项类别 (主项 with some 子项, an 承办机构 on some), one 设定依据 citation per item and an
   实施依据 on a third, over a register of laws. Then an administrator (市编办管理员, sees everything) and a
   county office (县编办, `restrict` limits it to its county's units) with sessions made in the session store.
2. Through gunicorn (2 gthread workers × 4 threads, 127.0.0.1 only; the task queue is NOT immediate, so
   starting a large export only enqueues it, as in production) p50/p95 of each page for each user, one page at
   a time per connection (`--concurrency`): the 权力清单 list (first page, a later page, filtered by category, by
   unit, by text search: common terms, rare ones of 2 and of 4–6 characters, a 编码), the 单位 list (first page, a
   later page, filtered by text and by kind) and starting an export (the 导出 Excel link: a redirect to the job
   page above the inline limit, the file itself below it).
   Baseline in the same run: a static file from the same server. Load average printed with each figure.
3. `--export`: the 1,000,000-item xlsx export through the worker's code path (exports.start_job +
   exports.run_job, the body of the huey task run_export_job), and a tenth of it (a category filter that selects
   ~1/10 of the items) as the baseline, each in a fresh process: rows/s, progress updates and the process's
   resident memory at the start and at its peak (VmHWM; tracemalloc would slow the export several times).
   Constant memory: the full export's peak ≈ the tenth's.
Prints the figures and the machine; copy them into bench/README.md.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench import _http, _pg
from bench._pg import PG, machine
from bench.portal_search import BODIES, CATEGORIES, CITIES, DEPARTMENTS, LAWS, OBJECTS, SUB_UNITS

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("BENCH_DB", "bz_staff")
PORT = int(os.environ.get("BENCH_PORT", "8792"))
DATA = ROOT / "var" / "bench-staff"
COUNTIES_PER_CITY = 9
NOW = "2026-06-15 08:00:00+08"


def log(msg):
    print(msg, flush=True)


def loadavg() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def env() -> dict:
    e = dict(os.environ)
    e.update({"DATABASE_URL": f"{PG}/{DB}", "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret",
              "ALLOWED_HOSTS": "127.0.0.1,localhost", "BIANZHI_DATA_DIR": str(DATA), "CONN_MAX_AGE": "60",
              "LOG_LEVEL": "ERROR", "HUEY_IMMEDIATE": "0", "HUEY_NAME": "bench-staff"})
    e.pop("REDIS_URL", None)
    return e


def setup_django():
    os.environ.update(env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    DATA.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bench_conn():
    import psycopg

    return psycopg.connect(f"{PG}/{DB}", autocommit=True)


def recreate_database():
    _pg.recreate_database(DB)


# ------------------------------------------------------------------------------------------------ data
def make_regions(cur):
    """450000, 14 cities (4501..4514), 9 counties each. Returns [(id, code, name, sort)] without the province."""
    rows = [(1, "450000", "广西壮族自治区", "province", None, 0)]
    rid = 1
    for c, city in enumerate(CITIES, start=1):
        rid += 1
        city_id = rid
        rows.append((rid, f"45{c:02d}00", f"{city}市", "prefecture", 1, c * 100))
        for k in range(1, COUNTIES_PER_CITY + 1):
            rid += 1
            rows.append((rid, f"45{c:02d}{20 + k:02d}", f"{city}第{k}县", "county", city_id, c * 100 + k))
    with cur.copy("COPY registry_region (id, code, name, level, level_detail, parent_id, sort_order, change_note) "
                  "FROM STDIN") as copy:
        for rid, code, name, level, parent, sort in rows:
            copy.write_row((rid, code, name, level, "", parent, sort, ""))
    cur.execute("SELECT setval('registry_region_id_seq', %s)", (rid,))
    return [(r[0], r[1], r[2], r[5]) for r in rows if r[3] != "province"]


def generate(n_units: int, n_powers: int) -> float:
    """Regions, units, internal bodies, laws, power items and citations with COPY. Returns seconds."""
    from bianzhi.core.text import search_key
    from bianzhi.lists.models import Law, PowerCategory, power_search_text

    t0 = time.perf_counter()
    conn = bench_conn()
    cur = conn.cursor()
    regions = make_regions(cur)
    unit_cols = ("id, name, short_name, name_key, uscc_legacy_reason, org_code, kind, category, rank, funding_form, "
                 "institution_class, level, region_id, parent_id, tree_path, legal_representative, address, "
                 "postcode, contact_name, contact_office_phone, contact_mobile, status, sort_order, note, "
                 "created_at, updated_at, row_version")
    units = []  # (id, name, region_id, region code)
    uid = 0
    with cur.copy(f"COPY registry_unit ({unit_cols}) FROM STDIN") as copy:
        for r, (region_id, code, region_name, rsort) in enumerate(regions):
            level = "city" if code.endswith("00") else "county"
            for i in range(n_units // len(regions) + (1 if r < n_units % len(regions) else 0)):
                uid += 1
                dept_index = i // 4
                dept = DEPARTMENTS[dept_index % len(DEPARTMENTS)]
                base = dept + (f"（{dept_index // len(DEPARTMENTS) + 1}）" if dept_index >= len(DEPARTMENTS) else "")
                if i % 4 == 0:
                    name, parent, kind, category, path = f"{region_name}{base}", None, "organ", "gov_department", \
                        f"/{uid}/"
                    dept_id, dept_path, dept_name = uid, path, name
                else:
                    name = f"{dept_name}{SUB_UNITS[(i + dept_index) % len(SUB_UNITS)]}{i % 4}"
                    parent, kind, category, path = dept_id, "institution", "institution", f"{dept_path}{uid}/"
                units.append((uid, name, region_id, code))
                copy.write_row((uid, name, "", search_key(name), "", "", kind, category, "zhengke", "", "", level,
                                region_id, parent, path, "", "", "", "", "", "", "active", rsort * 1000 + i, "",
                                NOW, NOW, 1))
    cur.execute("SELECT setval('registry_unit_id_seq', %s)", (uid,))
    # three internal bodies for every department (organ) unit
    body_cols = "id, unit_id, name, kind, sort_order, pending, created_at, updated_at, row_version"
    bodies = {}
    bid = 0
    with cur.copy(f"COPY registry_internalbody ({body_cols}) FROM STDIN") as copy:
        for u, name, _region_id, _code in units:
            if not name[-1].isdigit():  # a department, not one of its institutions
                for k, b in enumerate(BODIES[(u % 7):(u % 7) + 3]):
                    bid += 1
                    bodies.setdefault(u, []).append(bid)
                    copy.write_row((bid, u, b, "numbered", k, False, NOW, NOW, 1))
    if bid:
        cur.execute("SELECT setval('registry_internalbody_id_seq', %s)", (bid,))
    log(f"  区划 {len(regions) + 1} 个，单位 {len(units)} 个，内设机构 {bid} 个：{time.perf_counter() - t0:.1f} s  "
        f"({loadavg()})")

    categories = list(PowerCategory.objects.filter(name__in=[c for c, _p in CATEGORIES]).values_list("pk", "name",
                                                                                                    "code_prefix"))
    by_name = {name: (pk, prefix) for pk, name, prefix in categories}
    law_ids = []
    for k, name in enumerate(LAWS):
        law = Law.objects.create(name=name.strip("《》"), doc_number=f"基准测试令第{k + 1}号")
        law_ids.append(law.pk)
    powers_per_unit = n_powers / len(units)
    item_cols = ("id, region_id, code, code_serial, name, name_key, search_text, category_id, parent_id, unit_id, internal_body_id, "
                 "target, exercise_level, statutory_limit, promised_limit, accountability, basis_pending, note, "
                 "import_job_id, created_at, updated_at, row_version")
    cite_cols = ("power_item_id, kind, law_id, article, article_key, text, position, created_at, updated_at, "
                 "row_version")
    pid, total = 0, 0
    cites = []
    serial = {}
    with cur.copy(f"COPY lists_poweritem ({item_cols}) FROM STDIN") as copy:
        for idx, (u, _name, region_id, code) in enumerate(units):
            want = int(round((idx + 1) * powers_per_unit)) - total
            total += want
            rnd = random.Random(u)
            main_id, main_key = None, ""
            for j in range(want):
                pid += 1
                cat, pattern = [c for c in CATEGORIES if c[0] in by_name][rnd.randrange(len(by_name))]
                cat_id, prefix = by_name[cat]
                obj = OBJECTS[rnd.randrange(len(OBJECTS))]
                sub = main_id is not None and j % 10 in (8, 9)  # two 子项 after every eighth 主项
                if not sub:
                    main_id = pid
                name = f"{pattern.format(o=obj)}（第{j + 1}项）" if not sub else f"{obj}子项{j % 10 - 7}"
                s = serial[(region_id, prefix)] = serial.get((region_id, prefix), 0) + 1
                ib = bodies.get(u)
                key = search_key(name)
                if not sub:
                    main_key = key
                copy.write_row((pid, region_id, f"{code}-{prefix}-{s:06d}", s, name, key,
                                power_search_text(key, main_key if sub else ""), cat_id,
                                main_id if sub else None, u, ib[j % len(ib)] if ib and j % 3 else None,
                                rnd.choice(["公民", "法人或其他组织", "公民、法人或其他组织"]),
                                "县级" if not code.endswith("00") else "市级", "20个工作日",
                                "10个工作日" if j % 2 else "", "", False, "", None, NOW, NOW, 1))
                article = f"第{rnd.randint(1, 90)}条"
                cites.append((pid, "setting", law_ids[rnd.randrange(len(law_ids))], article))
                if j % 3 == 0:
                    cites.append((pid, "implementing", law_ids[rnd.randrange(len(law_ids))],
                                  f"第{rnd.randint(1, 60)}条第{rnd.randint(1, 3)}款"))
    cur.execute("SELECT setval('lists_poweritem_id_seq', %s)", (pid,))
    log(f"  权力事项 {pid} 个：{time.perf_counter() - t0:.1f} s  ({loadavg()})")
    with cur.copy(f"COPY lists_citation ({cite_cols}) FROM STDIN") as copy:
        for item, kind, law, article in cites:
            copy.write_row((item, kind, law, article, search_key(article), "", 0 if kind == "setting" else 1,
                            NOW, NOW, 1))
    log(f"  依据 {len(cites)} 条：{time.perf_counter() - t0:.1f} s  ({loadavg()})")
    for table in ("registry_region", "registry_unit", "registry_internalbody", "lists_poweritem", "lists_citation"):
        cur.execute(f"VACUUM ANALYZE {table}")
    log(f"  VACUUM ANALYZE：{time.perf_counter() - t0:.1f} s")
    conn.close()
    return time.perf_counter() - t0


def make_users():
    """An administrator and a county office (the county with the most units), each with a fresh session.
    Returns {label: (session key, description)} and the county office's region code."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bianzhi.accounts.models import Role, User
    from bianzhi.registry.models import Region

    county = Region.objects.get(code="450121")
    admin, _ = User.objects.update_or_create(username="bench-admin",
                                             defaults={"role": Role.ADMIN, "display_name": "基准管理员"})
    office, _ = User.objects.update_or_create(username="bench-county",
                                              defaults={"role": Role.COUNTY, "region": county,
                                                        "display_name": "基准县编办"})
    # the administrator has passed the second factor (a confirmed authenticator, verified in the session)
    device, _ = TOTPDevice.objects.get_or_create(user=admin, name="基准测试", defaults={"confirmed": True})
    sessions = {}
    for label, user in (("管理员", admin), ("县编办", office)):
        session = SessionStore()
        if user == admin:
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions[label] = session.session_key
    return sessions, settings.SESSION_COOKIE_NAME, {"管理员": admin, "县编办": office}


def page_set(users):
    """The pages measured for each user: [(label, [paths])]. Filters use values inside the user's scope."""
    from bianzhi.core.views import CappedPaginator
    from bianzhi.lists.models import PowerCategory, PowerItem
    from bianzhi.registry.models import Unit

    out = {}
    category = PowerCategory.objects.get(name="行政许可")
    for label, user in users.items():
        units = Unit.objects.restrict(user, "view")
        n_units = units.count()
        items = PowerItem.objects.restrict(user, "view")
        n_items = items.count()
        sample_units = list(units.order_by("pk").values_list("pk", flat=True)[:: max(1, n_units // 40)])
        sample_codes = [items.filter(unit_id=u).order_by("code").values_list("code", flat=True).first()
                        for u in sample_units[:5]]
        # the middle page of those offered (the list offers pages up to CappedPaginator's cap)
        later = max(1, min((n_items + 49) // 50, CappedPaginator.cap // 50) // 2)
        unit_later = max(1, ((n_units + 49) // 50 + 1) // 2)
        out[label] = (n_units, n_items, [
            ("权力清单 第 1 页", ["/manage/lists/"]),
            (f"权力清单 第 {later} 页", [f"/manage/lists/?page={later}"]),
            ("权力清单 按类别", [f"/manage/lists/?category={category.pk}"]),
            ("权力清单 按部门", [f"/manage/lists/?unit={u}" for u in sample_units]),
            ("权力清单 检索", [f"/manage/lists/?q={quote(q)}" for q in ("幼儿园", "食品经营许可", "排污")]),
            # rare terms (0.3 % of the items, and none): 2 characters give pg_trgm no trigram (ADR 0029)
            ("权力清单 检索 少见 2 字", [f"/manage/lists/?q={quote(q)}" for q in ("砂许", "殡葬")]),
            ("权力清单 检索 少见 4–6 字", [f"/manage/lists/?q={quote(q)}" for q in ("采砂纠纷裁决", "殡葬管理")]),
            ("权力清单 检索 编码", [f"/manage/lists/?q={quote(code)}" for code in sample_codes]),
            *([("权力清单 按部门名称", [f"/manage/lists/?unit_name={quote(q)}" for q in ("教育局", "第3县财政局")])]
              if n_units > 300 else []),
            ("单位 第 1 页", ["/manage/units/"]),
            (f"单位 第 {unit_later} 页", [f"/manage/units/?page={unit_later}"]),
            ("单位 检索", [f"/manage/units/?q={quote(q)}" for q in ("教育局", "服务中心", "第3县")]),
            ("单位 按性质", ["/manage/units/?kind=institution"]),
            ("开始导出（Excel）", ["/manage/lists/export/power.xlsx"]),
            ("导出一个部门（当场下载）", [f"/manage/lists/export/power.xlsx?unit={u}" for u in sample_units[:5]]),
        ])
    return out


# ------------------------------------------------------------------------------------------------ HTTP
def bench_http(sessions, cookie_name, pages, seconds: float, concurrency: int):
    from django.conf import settings

    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "bianzhi.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2",
         "-k", "gthread", "--threads", "4", "--log-level", "error", "--timeout", "300"],
        cwd=ROOT, env=env(), start_new_session=True)
    try:
        _http.wait_until_serving(PORT)
        rps, p50, p95, err = _http.load(["/static/portal/public.css"], seconds, concurrency, port=PORT)
        log(f"  基线 静态文件：p50 {p50:.1f} ms  p95 {p95:.1f} ms  {rps:.0f} req/s  错误 {err}  ({loadavg()})")
        static_p95 = max(p95, 0.01)
        results = []
        for label, (n_units, n_items, sets) in pages.items():
            log(f"  {label}（可见 {n_units} 个单位，{n_items} 个权力事项）")
            headers = {"Cookie": f"{cookie_name}={sessions[label]}"}
            for name, paths in sets:
                expect = 302 if name.startswith("开始导出") and n_items > settings.LISTS_EXPORT_INLINE_MAX else 200
                _http.load(paths[:1], 0.01, 1, port=PORT, headers=headers, expect=expect)  # warm the worker
                rps, p50, p95, err = _http.load(paths, seconds, concurrency, port=PORT, headers=headers,
                                                expect=expect)
                flag = "" if p95 <= 200 else "  > 200 ms"
                log(f"    {name:<18} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  ({rps:5.1f} req/s，错误 {err}，"
                    f"p95 ÷ 静态 {p95 / static_p95:6.0f})  ({loadavg()}){flag}")
                results.append((label, name, p50, p95, err))
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# ------------------------------------------------------------------------------------------------ export
def rss_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (the process's peak resident memory) in MB."""
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith(field)) / 1024


def export_part(users, part: str):
    """One export through the worker's code path, in this process (started fresh for each part, so that its peak
    resident memory is the export's): prints one line of figures."""
    from django.core.files.storage import default_storage
    from django.http import QueryDict

    from bianzhi.lists import exports
    from bianzhi.lists.models import PowerCategory

    admin = users["管理员"]
    category = PowerCategory.objects.get(name="行政许可")
    query, label = (f"category={category.pk}", "十分之一（类别 行政许可）") if part == "tenth" else ("", "全部")
    updates = []
    original = exports._save

    def counting_save(tok, job):
        if job.get("status") == "running":
            updates.append(time.perf_counter())
        original(tok, job)

    exports._save = counting_save
    token = exports.start_job(admin, "power", "xlsx", QueryDict(query), None)  # as ExportView does above the limit
    rss_start = rss_mb("VmRSS")
    cpu, t = time.process_time(), time.perf_counter()
    exports.run_job(token)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    exports._save = original
    job = exports.get_job(token, admin)
    size = default_storage.size(job["storage_name"]) if job["status"] == "done" else 0
    rows = job["processed"]
    gaps = [b - a for a, b in zip(updates, updates[1:], strict=False)]
    log(f"  {label:<20} {job['status']}  {rows:>9,} 行  {seconds:7.1f} s（CPU {cpu:6.1f} s）{rows / seconds:7,.0f} 行/s  "
        f"内存 开始 {rss_start:5.0f} MB 峰值 {rss_mb('VmHWM'):5.0f} MB  文件 {size / 1e6:6.1f} MB  "
        f"进度更新 {len(updates)} 次（最长间隔 {max(gaps, default=0):.1f} s）  ({loadavg()})")
    if job["status"] == "done":
        default_storage.delete(job["storage_name"])


def bench_export():
    """The tenth, then everything, each in a fresh process."""
    for part in ("tenth", "full"):
        subprocess.run([sys.executable, "-m", "bench.staff_pages", "--reuse", "--export-part", part], cwd=ROOT,
                       check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--powers", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help=f"reuse an existing {DB}")
    parser.add_argument("--seconds", type=float, default=6, help="seconds per page")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--export", action="store_true", help="also run the full xlsx export (minutes)")
    parser.add_argument("--export-only", action="store_true", help="only the export (with --reuse)")
    parser.add_argument("--export-part", choices=["tenth", "full"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_part:
        setup_django()
        export_part(make_users()[2], args.export_part)
        return
    log(f"机器：{machine()}  ({loadavg()})")
    if not args.reuse:
        log(f"生成数据到 {DB}：{args.units} 个单位，{args.powers} 个权力事项 …")
        recreate_database()
        setup_django()
        generate(args.units, args.powers)
    else:
        setup_django()
    sessions, cookie, users = make_users()
    if not args.export_only:
        log(f"页面（gunicorn 2 gthread workers × 4 threads；{args.concurrency} 个连接 × 每页 {args.seconds:.0f} s）")
        bench_http(sessions, cookie, page_set(users), args.seconds, args.concurrency)
    if args.export or args.export_only:
        log("导出（xlsx，后台任务的代码路径 exports.run_job，管理员；每次在新进程中，内存 = 进程常驻内存 VmRSS/VmHWM）")
        bench_export()


if __name__ == "__main__":
    sys.exit(main())
