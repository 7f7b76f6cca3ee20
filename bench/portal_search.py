"""Benchmark: public search and unit pages on a province-scale published data set in PostgreSQL.

Run:  .venv/bin/python -m bench.portal_search [--units 20000] [--powers 1000000] [--reuse] [--generate-only]
      (PostgreSQL at BENCH_PG, default 127.0.0.1:5432 as postgres; the script drops and creates the database
      BENCH_DB, default bz_bench; --reuse measures an existing one again, after migrating it; gunicorn listens on
      BENCH_PORT, default 8765. National scale: --units 100000 --powers 5000000.)

1. Generates, with COPY, a province (14 cities, ~110 counties), 20,000 units and 1,000,000 power items,
   published as one release: registry_unit, portal_release, portal_publishedunit (the snapshot each unit page
   renders) and portal_searchentry (units, internal bodies, duties, power items; NFKC-normalised `norm`),
   and portal_searchgram (the block postings), then builds the pg_trgm GIN index and covering rank index the
   portal migrations create.
2. Search: for 2-, 3- and 6-character and selective queries, p50/p95 of the portal's search (SearchResults +
   CappedPaginator page 1 with its capped count + the page's rows + highlighting, as the search page does)
   against the same SQL statements replayed on a bare psycopg cursor (the ratio is the application's overhead),
   and against the previous implementation's SQL (old: capped count + rank-order LIMIT 20 over the whole table);
   each query's count and page are asserted identical to the old SQL's.
3. Throughput: gunicorn (2 gthread workers × 4 threads, 127.0.0.1 only) serving public unit pages (random
   units, cold cache; and one unit, warm cache) and the search page (6 queries, cached after their first hit; and
   every request a cache miss) against a static file from the same server, measured by a
   small threaded http.client load generator bounded in connections and time. Ratios = page / static.
Prints the figures and the machine; copy them into bench/README.md.
"""
import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench import _http, _pg
from bench._pg import PG, machine

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("BENCH_DB", "bz_bench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))

CITIES = ["南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池", "来宾", "崇左"]
DEPARTMENTS = ["发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "民族宗教事务委员会", "公安局", "民政局", "司法局",
               "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
               "农业农村局", "商务局", "文化广电体育和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
               "市场监督管理局", "统计局", "林业局", "医疗保障局", "行政审批局", "城市管理综合执法局", "乡村振兴局",
               "投资促进局", "大数据发展局", "地方金融监督管理局", "机关事务管理局", "信访局", "粮食和物资储备局",
               "国有资产监督管理委员会", "体育局", "档案局", "人民防空办公室", "供销合作社联合社"]
SUB_UNITS = ["综合行政执法支队", "事务中心", "服务中心", "监测站", "研究所", "管理站", "指导中心", "发展中心"]
BODIES = ["办公室", "政策法规科", "规划发展科", "行政审批科", "监督管理科", "财务科", "人事科", "安全监督科",
          "综合协调科", "信息化科"]
OBJECTS = ["食品经营", "药品零售", "道路运输经营", "建筑施工", "幼儿园办学", "民办学校", "医疗机构执业", "排污",
           "取水", "林木采伐", "农药经营", "种子生产经营", "生猪定点屠宰", "出版物零售", "娱乐场所经营", "危险化学品经营",
           "特种设备使用", "城市道路占用", "户外广告设置", "河道采砂", "宗教活动场所", "社会团体成立", "劳务派遣经营",
           "人力资源服务", "导游执业", "文物保护工程", "工程监理", "网络预约出租汽车经营", "粮食收购", "燃气经营"]
CATEGORIES = [("行政许可", "{o}许可"), ("行政处罚", "对未经许可擅自从事{o}活动的处罚"), ("行政检查", "对{o}活动的监督检查"),
              ("行政确认", "{o}资格确认"), ("行政强制", "对违法{o}场所的查封扣押"), ("行政征收", "{o}相关费用征收"),
              ("行政给付", "{o}补助金发放"), ("行政奖励", "{o}先进单位表彰奖励"), ("行政裁决", "{o}纠纷裁决"),
              ("其他行政权力", "{o}备案"), ("公共服务", "{o}政策咨询服务")]
LAWS = ["《中华人民共和国行政许可法》", "《中华人民共和国食品安全法》", "《中华人民共和国道路运输条例》",
        "《中华人民共和国教育法》", "《中华人民共和国药品管理法》", "《中华人民共和国水法》", "《中华人民共和国森林法》",
        "《中华人民共和国安全生产法》", "《广西壮族自治区实施〈中华人民共和国土地管理法〉办法》", "《城市市容和环境卫生管理条例》"]
DUTIES = ["贯彻执行国家和自治区有关{d}工作的方针政策和法律法规，拟订全市{d}发展规划并组织实施。",
          "负责{d}领域的监督管理工作，组织开展{d}执法检查，依法查处违法行为。",
          "负责{d}行政审批事项的受理、审查和决定，优化营商环境，推进“放管服”改革。",
          "指导县（市、区）{d}工作，承担{d}统计和信息化建设工作。",
          "负责本部门安全生产和职责范围内的行业安全生产监督管理工作。",
          "完成市委、市人民政府交办的其他任务。"]

SEARCH_QUERIES = {2: ["许可", "教育", "监督", "幼儿", "排污", "采砂"],
                  3: ["幼儿园", "监督管", "道路运", "补助金", "特种设", "工程监"],
                  6: ["食品经营许可", "道路运输经营", "危险化学品经", "对未经许可擅", "户外广告设置", "社会团体成立"],
                  # selective queries (few or no matches): the planner takes the trigram index instead
                  "selective": ["百色第2县审计局", "南宁第3县教育局", "柳州市统计局", "食品经营许可证", "无此事项名称"]}


def log(msg):
    print(msg, flush=True)


# ------------------------------------------------------------------------------------------------ setup
def bench_conn():
    """Client-side parameter binding, as Django's PostgreSQL backend does, so both sides send the same SQL."""
    import psycopg

    return psycopg.connect(f"{PG}/{DB}", autocommit=True, cursor_factory=psycopg.ClientCursor)


def recreate_database():
    _pg.recreate_database(DB)


def django_env() -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": f"{PG}/{DB}", "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret",
                "ALLOWED_HOSTS": "127.0.0.1,localhost", "BIANZHI_DATA_DIR": str(ROOT / "var" / "bench-portal"),
                "CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR"})
    return env


def setup_django():
    os.environ.update(django_env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    Path(os.environ["BIANZHI_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


# ------------------------------------------------------------------------------------------------ data
def make_regions(cur):
    """A province: 450000, 14 cities (4501..4514), 7–9 counties each. Returns [(id, code, sort)]."""
    rows, rid = [], 0
    rid += 1
    rows.append((rid, "450000", "广西壮族自治区", "province", None, 0))
    province = rid
    for c, city in enumerate(CITIES, start=1):
        rid += 1
        code = f"45{c:02d}00"
        rows.append((rid, code, f"{city}市", "prefecture", province, c * 100))
        city_id = rid
        for k in range(1, 7 + c % 3 + 1):
            rid += 1
            rows.append((rid, f"45{c:02d}{20 + k:02d}", f"{city}第{k}县", "county", city_id, c * 100 + k))
    with cur.copy("COPY registry_region (id, code, name, level, level_detail, parent_id, sort_order, change_note) "
                  "FROM STDIN") as copy:
        for rid, code, name, level, parent, sort in rows:
            copy.write_row((rid, code, name, level, "", parent, sort, ""))
    cur.execute("SELECT setval('registry_region_id_seq', %s)", (rid,))
    return [(r[0], r[1], r[5]) for r in rows if r[3] != "province"]


def generate(n_units: int, n_powers: int):
    """Write the published data set with COPY. Returns (unit ids, seconds)."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bianzhi.core.text import search_key
    from bianzhi.portal import schema, services
    from bianzhi.portal.models import KIND_ORDER
    from bianzhi.portal.search import gram_rows, index_chunks

    t0 = time.perf_counter()
    conn = bench_conn()
    cur = conn.cursor()
    cur.execute("DROP INDEX IF EXISTS portal_searchentry_norm_trgm")
    cur.execute("DROP INDEX IF EXISTS portal_search_rank_norm")
    regions = make_regions(cur)
    names = dict(cur.execute("SELECT code, name FROM registry_region").fetchall())
    powers_per_unit = n_powers / n_units
    now = "2026-06-15 08:00:00+08"
    cur.execute("INSERT INTO portal_release (id, number, published_at, note, unit_count, change_count, sha256, size, "
                "created_at, updated_at, row_version) VALUES (1, 1, %s, '基准测试数据', %s, %s, '', 0, %s, %s, 1)",
                (now, n_units, n_units, now, now))
    unit_cols = ("id, name, short_name, name_key, uscc_legacy_reason, org_code, kind, category, rank, funding_form, "
                 "institution_class, level, region_id, parent_id, tree_path, legal_representative, address, postcode, "
                 "contact_name, contact_office_phone, contact_mobile, status, sort_order, note, created_at, updated_at, "
                 "row_version")
    units = []
    uid = 0
    for r, (region_id, code, rsort) in enumerate(regions):
        dept_id = None
        region_name = names[code]
        for i in range(n_units // len(regions) + (1 if r < n_units % len(regions) else 0)):
            uid += 1
            dept_index = i // 4
            dept = DEPARTMENTS[dept_index % len(DEPARTMENTS)]
            base = dept + (f"（{dept_index // len(DEPARTMENTS) + 1}）" if dept_index >= len(DEPARTMENTS) else "")
            if i % 4 == 0:
                name, parent, kind, category, path = f"{region_name}{base}", None, "organ", "gov_department", f"/{uid}/"
                dept_id, dept_path, dept_name = uid, path, name
            else:
                name = f"{dept_name}{SUB_UNITS[(i + dept_index) % len(SUB_UNITS)]}{i % 4}"
                parent, kind, category, path = dept_id, "institution", "institution", f"{dept_path}{uid}/"
            units.append((uid, name, kind, category, region_id, parent, path, i, code, rsort))
    with cur.copy(f"COPY registry_unit ({unit_cols}) FROM STDIN") as copy:
        for uid, name, kind, category, region_id, parent, path, sort, _code, _rsort in units:
            copy.write_row((uid, name, "", search_key(name), "", "", kind, category, "zhengke", "", "", "county",
                            region_id, parent, path, "", "", "", "", "", "", "active", sort, "", now, now, 1))
    cur.execute("SELECT setval('registry_unit_id_seq', %s)", (uid,))
    log(f"  单位 {len(units)} 个：{time.perf_counter() - t0:.1f} s")
    by_id = {u[0]: u for u in units}
    pu_cols = ("id, unit_id, release_id, snapshot, is_current, withdraw_reason, name, region_code, parent_unit_id, "
               "unit_order, created_at, updated_at, row_version")
    se_cols = ("published_unit_id, unit_id_value, region_code, kind, kind_order, unit_order, position, category, "
               "title, text, norm, anchor")
    counts, total = [], 0
    for idx in range(len(units)):
        want = int(round((idx + 1) * powers_per_unit)) - total
        counts.append(want)
        total += want

    def snapshot_of(idx):
        uid, name, kind, category, _region_id, parent, _path, sort, code, rsort = units[idx]
        rnd = random.Random(uid)  # deterministic per unit: both passes build the same snapshot
        dept = next((d for d in DEPARTMENTS if d in name), "综合")
        power_items = []
        for j in range(counts[idx]):
            cat, pattern = CATEGORIES[rnd.randrange(len(CATEGORIES))]
            obj = OBJECTS[rnd.randrange(len(OBJECTS))]
            power_items.append({
                "code": f"{code}-{uid:05d}-{j:03d}", "name": pattern.format(o=obj), "full_name": "",
                "main_item_code": None, "category": cat, "unit": name,
                "target": rnd.choice(["公民", "法人或其他组织", "公民、法人或其他组织"]),
                "setting_basis": [f"{rnd.choice(LAWS)}第{rnd.randint(1, 90)}条"],
                "implementing_basis": [], "internal_body": rnd.choice(BODIES), "duties": [],
                "stages": [], "exercise_level": "县级", "statutory_limit": "", "promised_limit": "",
                "accountability": "", "note": ""})
        bodies = [{"id": k, "name": b, "duties": f"负责{dept}{b[:-1]}相关工作。", "head_count": 1, "deputy_count": 0,
                   "posts_note": "", "plaques": [], "doc_number": ""}
                  for k, b in enumerate(rnd.sample(BODIES, 5), start=1)]
        duties = [{"id": k, "kind": "main", "kind_label": "主要职责", "position": k, "text": t.format(d=dept),
                   "doc_number": ""} for k, t in enumerate(DUTIES, start=1)]
        parent_row = by_id.get(parent)
        snapshot = {"schema": 1, "unit": {
            "id": uid, "name": name, "short_name": "", "uscc": None, "org_code": "", "kind": kind,
            "category": category, "rank": "zhengke", "funding_form": "", "institution_class": "", "level": "county",
            "address": "", "postcode": "", "status": "active", "established_on": None, "abolished_on": None,
            "kind_label": "机关" if kind == "organ" else "事业单位",
            "category_label": "政府工作部门" if kind == "organ" else "事业单位", "rank_label": "正科级",
            "funding_form_label": "", "institution_class_label": "", "level_label": "县级", "status_label": "存续",
            "region": {"code": code, "name": names[code]},
            "parent": {"id": parent, "name": parent_row[1], "relation": "二层单位"} if parent_row else None,
            "plaques": [], "internal_bodies": [], "successors": []},
            "sanding": {"unit": {"id": uid, "name": name}, "as_of": None, "draft": None,
                        "statement": {"text": f"{name}是{names[code]}人民政府工作部门，为正科级。", "rank": "zhengke",
                                      "rank_label": "正科级", "doc_number": ""},
                        "plaques": [], "duties": duties, "internal_bodies": bodies, "staffing": [],
                        "staffing_total": 0, "head_posts": [], "internal_leadership": [], "history": []},
            "lists": {"unit": name, "power_items": power_items, "responsibility_items": [],
                      "counts": {"power_items": len(power_items), "responsibility_items": 0}}}
        return uid, name, parent, code, rsort * 10**12 + (sort + 1) * 10**9, snapshot

    # Pass 1: the snapshots (committed before the search entries that reference them).
    with cur.copy(f"COPY portal_publishedunit ({pu_cols}) FROM STDIN") as copy:
        for idx in range(len(units)):
            uid, name, parent, code, order, snapshot = snapshot_of(idx)
            if idx == 0:
                schema.check(snapshot)  # the bench data has the published snapshot's exact schema
            copy.write_row((uid, uid, 1, json.dumps(snapshot, ensure_ascii=False), True, "", name, code, parent,
                            order, now, now, 1))
    log(f"  快照 {len(units)} 个：{time.perf_counter() - t0:.1f} s")
    # Pass 2: the search entries, derived exactly as services.publish_units derives them.
    n_entries = 0
    grams = set()
    with cur.copy(f"COPY portal_searchentry ({se_cols}) FROM STDIN") as copy:
        for idx in range(len(units)):
            uid, name, parent, code, order, snapshot = snapshot_of(idx)
            for row in services.search_rows(snapshot):
                for text, norm in index_chunks(row["title"][:500], row["text"]):
                    copy.write_row((uid, uid, code, row["kind"], KIND_ORDER[row["kind"]], order, row["position"],
                                    row["category"][:60], row["title"][:500], text, norm, row["anchor"]))
                    grams |= gram_rows([(norm, KIND_ORDER[row["kind"]], order)])
                    n_entries += 1
            if idx % 4000 == 0 and idx:
                log(f"  … 检索条目：{idx} 个单位，{n_entries} 条：{time.perf_counter() - t0:.1f} s")
    total_powers = total
    cur.execute("SELECT setval('portal_publishedunit_id_seq', %s)", (uid,))
    log(f"  快照和检索条目写入完成（{n_entries} 条检索条目，{total_powers} 个权力事项）：{time.perf_counter() - t0:.1f} s")
    with cur.copy("COPY portal_searchgram (gram, kind_order, block) FROM STDIN") as copy:
        for row in sorted(grams):
            copy.write_row(row)
    log(f"  分块字元 {len(grams)} 条：{time.perf_counter() - t0:.1f} s")
    cur.execute("SET maintenance_work_mem = '512MB'")
    cur.execute("SET max_parallel_maintenance_workers = 2")
    cur.execute("CREATE INDEX portal_searchentry_norm_trgm ON portal_searchentry USING gin (norm gin_trgm_ops)")
    log(f"  trigram GIN 索引：{time.perf_counter() - t0:.1f} s")
    cur.execute("CREATE INDEX portal_search_rank_norm ON portal_searchentry "
                "(kind_order, unit_order, unit_id_value, position, id) INCLUDE (norm)")
    log(f"  排序覆盖索引：{time.perf_counter() - t0:.1f} s")
    cur.execute("VACUUM ANALYZE portal_searchentry")
    cur.execute("VACUUM ANALYZE portal_publishedunit")
    cur.execute("VACUUM ANALYZE portal_searchgram")
    cur.execute("UPDATE portal_release SET sha256 = %s", (hashlib.sha256(b"bench").hexdigest(),))
    conn.close()
    return [u[0] for u in units], time.perf_counter() - t0, total_powers, n_entries


# ------------------------------------------------------------------------------------------------ search
RAW_COUNT = "SELECT count(*) FROM (SELECT 1 FROM portal_searchentry se WHERE se.norm LIKE %s LIMIT 1001) t"
RAW_PAGE_IDS = ("SELECT se.id FROM portal_searchentry se WHERE se.norm LIKE %s "
                "ORDER BY se.kind_order, se.unit_order, se.unit_id_value, se.position, se.id LIMIT 20")
RAW_PAGE_ROWS = "SELECT * FROM portal_searchentry WHERE id = ANY(%s)"


def pct(values, p):
    return _http.pct(values, p)


def bench_search(repeats: int):
    """app = what the search page does: SearchResults (block walk) + capped count + page 1 + its rows + highlighting;
    raw = the SQL statements the app sent for that query (captured once), replayed on a bare cursor (both timed
    by the wall clock for the ratio, and by this process's CPU time: the Python side of each);
    old = the previous implementation's SQL (one capped count + one rank-order LIMIT 20 over the whole table)."""
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bianzhi.portal.search import CappedPaginator as Paginator
    from bianzhi.portal.search import SearchQuery, SearchResults, entries_for_ids, highlight

    raw = bench_conn()
    results = {}

    def app(q):
        page = Paginator(SearchResults(SearchQuery(q=q)), 20).get_page(1)
        entries = entries_for_ids(page.object_list)
        for e in entries:
            highlight(e.title, q)
            highlight(e.text, q, window=120)
        return page.paginator.count, [e.id for e in entries]

    def old(like):
        n = raw.execute(RAW_COUNT, (like,)).fetchone()[0]
        page_ids = [r[0] for r in raw.execute(RAW_PAGE_IDS, (like,)).fetchall()]
        raw.execute(RAW_PAGE_ROWS, (page_ids,)).fetchall()
        return n, page_ids

    for length, queries in SEARCH_QUERIES.items():
        app_times, raw_times, old_times, counts, statements = [], [], [], [], []
        app_cpu, raw_cpu = [], []  # this process's CPU time: the Python side of each, unaffected by waiting
        for q in queries:
            like = f"%{q}%"
            with CaptureQueriesContext(connection) as captured:
                got = app(q)
            sqls = [c["sql"] for c in captured.captured_queries]
            statements.append(len(sqls))
            expected = old(like)
            assert got == expected, (q, got, expected)  # same capped count, same page, same order
            for _ in range(repeats):
                t = time.perf_counter()
                old(like)
                old_times.append(time.perf_counter() - t)
                t, c = time.perf_counter(), time.process_time()
                for sql in sqls:
                    raw.execute(sql).fetchall()
                raw_times.append(time.perf_counter() - t)
                raw_cpu.append(time.process_time() - c)
                t, c = time.perf_counter(), time.process_time()
                app(q)
                app_times.append(time.perf_counter() - t)
                app_cpu.append(time.process_time() - c)
            n = got[0]
            counts.append(f"{n - 1}+" if n > 1000 else n)
        results[length] = {"queries": queries, "matches": counts, "statements": statements,
                           "app_p50": pct(app_times, 50), "app_p95": pct(app_times, 95),
                           "raw_p50": pct(raw_times, 50), "raw_p95": pct(raw_times, 95),
                           "old_p50": pct(old_times, 50), "old_p95": pct(old_times, 95),
                           "app_cpu_p50": pct(app_cpu, 50), "raw_cpu_p50": pct(raw_cpu, 50)}
    connection.close()
    raw.close()
    return results


# ------------------------------------------------------------------------------------------------ HTTP load
def load(paths, seconds: float, concurrency: int):
    """Threaded keep-alive http.client load against 127.0.0.1 only. Returns (requests/s, p50 ms, errors)."""
    rps, p50, _p95, errors = _http.load(paths, seconds, concurrency, port=PORT)
    return rps, p50, errors


def bench_http(unit_ids, seconds: float, concurrency: int):
    env = django_env()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "bianzhi.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2",
         "-k", "gthread", "--threads", "4", "--log-level", "error"],
        cwd=ROOT, env=env, start_new_session=True)
    try:
        import http.client

        _http.wait_until_serving(PORT, 100)
        rnd = random.Random(1)
        sample = [f"/unit/{u}/" for u in rnd.sample(unit_ids, min(5000, len(unit_ids)))]
        static = load(["/static/portal/public.css"], seconds, concurrency)
        cold = load(sample, seconds, concurrency)
        hot_path = sample[0]
        load([hot_path], 1, 2)  # fill both workers' caches
        hot = load([hot_path], seconds, concurrency)
        from urllib.parse import quote

        search = load([f"/search/?q={quote(q)}" for q in SEARCH_QUERIES[3]], seconds, concurrency)
        # every request a cache miss: a distinct query string (the view ignores the extra parameter)
        uncached = load([f"/search/?q={quote(q)}&n={i}" for i in range(20000) for q in SEARCH_QUERIES[3]],
                        seconds, concurrency)
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        c.request("GET", hot_path)
        size = len(c.getresponse().read())
        return {"static": static, "cold": cold, "hot": hot, "search": search, "uncached": uncached, "page_bytes": size}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--powers", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5, help="runs per query")
    parser.add_argument("--seconds", type=float, default=10, help="seconds per HTTP load run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="reuse an existing bz_bench")
    parser.add_argument("--generate-only", action="store_true", help="generate the data set and stop")
    parser.add_argument("--save", help="write the search figures to this JSON file (for --growth-from)")
    parser.add_argument("--growth-from", help="print each figure's growth against a run saved with --save")
    args = parser.parse_args()
    log(f"机器：{machine()}")
    if args.reuse:
        setup_django()
        from django.core.management import call_command

        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        log(f"migrate（含新迁移，如 SearchGram 分块字元的填充）：{time.perf_counter() - t:.0f} s")
        with bench_conn() as conn:
            unit_ids = [r[0] for r in conn.execute("SELECT unit_id FROM portal_publishedunit WHERE is_current")]
            powers = conn.execute("SELECT count(*) FROM portal_searchentry WHERE kind='power'").fetchone()[0]
            entries = conn.execute("SELECT count(*) FROM portal_searchentry").fetchone()[0]
        gen_seconds = 0.0
    else:
        log(f"生成数据到 {DB}：{args.units} 个单位，{args.powers} 个权力事项 …")
        recreate_database()
        unit_ids, gen_seconds, powers, entries = generate(args.units, args.powers)
    log(f"数据：{len(unit_ids)} 个单位，{powers} 个权力事项，{entries} 条检索条目；生成用时 {gen_seconds:.0f} s")
    if args.generate_only:
        return
    log(f"检索（每个查询 {args.repeats} 次；app = SearchResults 分块检索 + 分页第 1 页（总数最多计到 1001）+ 高亮；"
        "raw = app 发出的同一组 SQL 在裸游标上重放；old = 旧实现的 SQL：count（LIMIT 1001）+ 全表排序索引 LIMIT 20）")
    log(f"  负载 {os.getloadavg()[0]:.1f}")
    figures = bench_search(args.repeats)
    for length, r in figures.items():
        label = f"{length} 字" if isinstance(length, int) else "选择性"
        log(f"  {label} {r['queries']} 命中 {r['matches']}（SQL 条数 {r['statements']}）")
        log(f"     app p50 {r['app_p50'] * 1000:.1f} ms  p95 {r['app_p95'] * 1000:.1f} ms | raw p50 "
            f"{r['raw_p50'] * 1000:.1f} ms  p95 {r['raw_p95'] * 1000:.1f} ms | ratio p50 "
            f"{r['app_p50'] / max(r['raw_p50'], 1e-6):.2f}  p95 {r['app_p95'] / max(r['raw_p95'], 1e-6):.2f}")
        log(f"     本进程 CPU p50：app {r['app_cpu_p50'] * 1000:.2f} ms | raw {r['raw_cpu_p50'] * 1000:.2f} ms"
            f"（差值 = 应用在 Python 里多花的时间，不受等待和负载影响）")
        log(f"     old p50 {r['old_p50'] * 1000:.1f} ms  p95 {r['old_p95'] * 1000:.1f} ms | old / app p95 "
            f"{r['old_p95'] / max(r['app_p95'], 1e-6):.1f}×")
    log(f"  负载 {os.getloadavg()[0]:.1f}")
    if args.save:
        Path(args.save).write_text(json.dumps({"entries": entries, "search": {str(k): v for k, v in figures.items()}},
                                              ensure_ascii=False))
    if args.growth_from:
        before = json.loads(Path(args.growth_from).read_text())
        log(f"增长：{before['entries']} → {entries} 条检索条目（×{entries / before['entries']:.1f}）")
        for length, r in figures.items():
            b = before["search"][str(length)]
            label = f"{length} 字" if isinstance(length, int) else "选择性"
            log(f"  {label}：app p50 ×{r['app_p50'] / b['app_p50']:.2f}  p95 ×{r['app_p95'] / b['app_p95']:.2f} | "
                f"raw p50 ×{r['raw_p50'] / b['raw_p50']:.2f} | old p50 ×{r['old_p50'] / b['old_p50']:.2f}")
    log(f"HTTP（gunicorn 2 gthread workers × 4 threads；负载 {args.concurrency} 个连接 × {args.seconds:.0f} s）")
    h = bench_http(unit_ids, args.seconds, args.concurrency)
    s = h["static"][0]
    log(f"  静态文件 /static/portal/public.css：{s:.0f} req/s（p50 {h['static'][1]:.1f} ms，错误 {h['static'][2]}）")
    for key, label in (("cold", "单位页（随机 5000 个单位，缓存冷）"), ("hot", "单位页（同一单位，缓存命中）"),
                       ("search", "检索页（6 个 3 字查询，首次之后命中缓存）"),
                       ("uncached", "检索页（同样的查询，每次都不命中缓存）")):
        rps, p50, err = h[key]
        log(f"  {label}：{rps:.0f} req/s（p50 {p50:.1f} ms，错误 {err}），与静态文件之比 {rps / s:.3f}")
    log(f"  单位页大小 {h['page_bytes'] / 1024:.0f} KB")


if __name__ == "__main__":
    sys.exit(main())
