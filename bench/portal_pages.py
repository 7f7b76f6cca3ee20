"""Benchmark: pre-rendered public pages against a static file, same gunicorn server, same run (issue 14).

Run:  .venv/bin/python -m bench.portal_pages [--units 2000] [--powers 100000] [--seconds 8] [--concurrency 8]
      (PostgreSQL at 127.0.0.1:5432 as postgres; drops and creates the database BENCH_DB, default bz_pages;
      gunicorn on BENCH_PORT, default 8765.)

1. Generates a published data set with COPY (bench.portal_search's generator: units with ~50 power items each).
2. Pre-renders release 1 as the background task does (`prerender.render_release`) and prints pages/s.
3. gunicorn (2 gthread workers × 4 threads) and a threaded keep-alive http.client load generator on 127.0.0.1:
   - a static file (/static/portal/public.css, whitenoise) — the reference;
   - unit pages of random units, pre-rendered, cold (every request reads its page from storage; no process has
     served it before) — ratio to static, target ≥ 0.5;
   - the same pages revalidated with If-None-Match (304);
   - the live view of the same pages on a cold cache (a session cookie sends the request past the stored pages):
     the baseline, as before pre-rendering;
   - the open-data files of the regions (xlsx and JSON, pre-rendered) and the home page, against the same files
     through the live views (whose 10-minute response cache makes only the first request of each file render it).
"""
import argparse
import http.client
import os
import random
import signal
import subprocess
import sys
import time

os.environ.setdefault("BENCH_DB", "bz_pages")
from bench import _http  # noqa: E402
from bench import portal_search as ps  # noqa: E402  (reads BENCH_DB at import)


def load(paths, seconds: float, concurrency: int, headers=None, expect=200):
    """Keep-alive http.client load against 127.0.0.1 only. Returns (requests/s, p50 ms, p95 ms, errors)."""
    return _http.load(paths, seconds, concurrency, port=ps.PORT, headers=headers, expect=expect)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--powers", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    print(f"机器：{ps.machine()}；负载均值 {os.getloadavg()[0]:.2f} / {os.getloadavg()[1]:.2f}", flush=True)
    ps.recreate_database()
    unit_ids, gen_seconds, powers, entries = ps.generate(args.units, args.powers)
    print(f"数据：{len(unit_ids)} 个单位，{powers} 个权力事项；生成 {gen_seconds:.0f} s", flush=True)
    env = ps.django_env()
    env["BIANZHI_PRERENDER"] = "1"
    os.environ["BIANZHI_PRERENDER"] = "1"
    from django.core.cache import caches

    from bianzhi.portal import prerender

    caches["shared"].delete(prerender.READY_KEY)
    t, cpu = time.perf_counter(), time.process_time()
    pages = prerender.render_release(1)
    t, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(f"预渲染第 1 版：{pages} 个页面，{t:.1f} s（本进程 CPU {cpu:.1f} s），{pages / t:.0f} 页/秒", flush=True)
    assert prerender.ready_release() == 1
    server = subprocess.Popen(
        [str(ps.ROOT / ".venv" / "bin" / "gunicorn"), "bianzhi.wsgi", "-b", f"127.0.0.1:{ps.PORT}", "-w", "2",
         "-k", "gthread", "--threads", "4", "--log-level", "error"],
        cwd=ps.ROOT, env=env, start_new_session=True)
    try:
        _http.wait_until_serving(ps.PORT, 150)
        rnd = random.Random(1)
        sample = [f"/unit/{u}/" for u in rnd.sample(unit_ids, len(unit_ids))]
        c = http.client.HTTPConnection("127.0.0.1", ps.PORT, timeout=30)
        c.request("GET", "/unit/1/")
        resp = c.getresponse()
        body = resp.read()
        assert resp.getheader("X-Portal-Cache") == "prerendered", resp.getheader("X-Portal-Cache")
        tags = {}
        for path in sample[:200]:
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            tags[path] = r.getheader("ETag")
        c.close()
        load(["/static/portal/public.css"], 1, 2)  # both workers up
        conc, sec = args.concurrency, args.seconds
        static = load(["/static/portal/public.css"], sec, conc)
        cold = load(sample[200:], sec, conc)
        revalidate = load(sample[:200], sec, conc, headers=lambda p: {"If-None-Match": tags[p]}, expect=304)
        cookie = {"Cookie": "sessionid=bench-no-session"}
        load(sample[:20], 1, 2, headers=cookie)  # the live stack's first requests import the view modules
        live = load(sample[200:], sec, conc, headers=cookie)
        from bianzhi.portal.models import PublishedUnit

        codes = sorted(set(PublishedUnit.objects.public().values_list("region_code", flat=True)))
        files = [f"/region/{c}/data.{fmt}" for c in codes for fmt in ("xlsx", "json")]
        files_pre = load(files + ["/"], sec, conc)
        files_live = load(files + ["/"], sec, conc, headers=cookie)
        static2 = load(["/static/portal/public.css"], sec, conc)  # again: the machine is shared
        s = (static[0] + static2[0]) / 2
        print(f"HTTP：gunicorn 2 gthread workers × 4 threads，{conc} 个连接 × {sec:.0f} s；单位页 {len(body) / 1024:.0f} KB；"
              f"负载均值 {os.getloadavg()[0]:.2f}")
        print(f"  静态文件：{static[0]:.0f} / {static2[0]:.0f} req/s（前后两次，p50 {static[1]:.1f} ms，错误 {static[3] + static2[3]}）")
        for label, r in (("预渲染单位页（随机单位，冷）", cold), ("预渲染单位页 If-None-Match → 304", revalidate),
                         ("实时渲染单位页（缓存冷，基线）", live),
                         (f"预渲染开放数据文件（{len(codes)} 个区划的 xlsx 和 JSON）及首页", files_pre),
                         ("实时视图的开放数据文件及首页（基线，含 10 分钟响应缓存：每个文件只在第一次生成）", files_live)):
            print(f"  {label}：{r[0]:.0f} req/s（p50 {r[1]:.1f} ms，p95 {r[2]:.1f} ms，错误 {r[3]}），"
                  f"与静态文件之比 {r[0] / s:.3f}")
        print(f"预渲染单位页 / 静态文件 = {cold[0] / s:.2f}（目标 ≥ 0.5）；基线（实时、冷）= {live[0] / s:.3f}")
        print(f"预渲染开放数据文件 / 实时生成 = {files_pre[0] / max(files_live[0], 0.01):.1f} 倍")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
