"""Shared pieces of the HTTP benchmarks (portal_search, portal_pages, clerks): percentiles, waiting for the
gunicorn server under test, and a threaded keep-alive load generator against 127.0.0.1 only."""
import http.client
import random
import statistics
import threading
import time


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0


def wait_until_serving(port: int, tries: int = 150) -> None:
    """Poll a static file until the server answers 200 (every 0.2 s); RuntimeError if it never does."""
    for _ in range(tries):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/static/portal/public.css")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn 未能启动")


def load(paths, seconds: float, concurrency: int, *, port: int, headers=None, expect=200):
    """`concurrency` keep-alive connections GET random `paths` for `seconds`. `headers`: a dict or a function of
    the path. A status other than `expect` counts as an error. Returns (requests/s, p50 ms, p95 ms, errors)."""
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    latencies, errors = [], [0]
    headers = headers or {}

    def worker(seed):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < stop:
            path = paths[rnd.randrange(len(paths))]
            h = headers(path) if callable(headers) else headers
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers=h)
                resp = conn.getresponse()
                resp.read()
                if resp.status != expect:
                    bad += 1
            except Exception:
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - t)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return (len(latencies) / elapsed, statistics.median(latencies) * 1000 if latencies else 0,
            pct(latencies, 95) * 1000, errors[0])
