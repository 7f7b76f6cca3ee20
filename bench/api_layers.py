"""Where the CPU of the three API requests of `bench.clerks --mix api` goes, layer by layer (for profiling, not a
benchmark), on the database a `bench.clerks` run left (BENCH_DB).

Run:  .venv/bin/python -m bench.api_layers [--n 300] [--clerk 10] [--http]

In-process, without Django's test client (it connects signals and copies templates on every request): the WSGI
application is called with the environ gunicorn builds, and each layer is timed on this thread's CPU clock
(inclusive), its own share being its time minus that of the layer it calls: the WSGI handler (the request object,
the request_started / request_finished signals, the response's headers), each middleware, URL resolution, the
middlewares' process_view, DRF's dispatch (request wrapping, authentication, permissions, throttles, content
negotiation, then our view, then the exception handling and `finalize_response`), the renderer. The view's own
statements (psycopg, Django's cursor) are timed apart. The timers cost ~1 µs each (≈ 40 a request).
`--http` also serves the same requests through gunicorn (1 worker × 1 thread, keep-alive, one request at a time) and
reports its worker's CPU a request (/proc): minus the in-process figure, gunicorn's own HTTP handling.
"""
import argparse
import io
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench import _http, clerks

ROOT = Path(__file__).resolve().parent.parent
clock = time.thread_time


class Layers:
    """Inclusive CPU per named layer, and a stack to take each layer's callees off its own time."""

    def __init__(self):
        self.own = defaultdict(float)
        self.count = defaultdict(int)
        self.stack = []
        self.on = False

    def wrap(self, name, func):
        layers = self

        def timed(*args, **kwargs):
            if not layers.on:
                return func(*args, **kwargs)
            layers.stack.append(0.0)
            t = clock()
            try:
                return func(*args, **kwargs)
            finally:
                spent = clock() - t
                inner = layers.stack.pop()
                layers.own[name] += spent - inner
                if layers.stack:
                    layers.stack[-1] += spent

        timed.__wrapped__ = func
        return timed


def time_gc(layers):
    """The cyclic collector's runs as a layer of their own (taken off the layer they interrupted)."""
    import gc

    started = {}

    def callback(phase, info):
        if not layers.on:
            return
        if phase == "start":
            started["t"] = clock()
        elif "t" in started:
            spent = clock() - started.pop("t")
            layers.own[f"cyclic GC (generation {info['generation']})"] += spent
            layers.count[info["generation"]] += 1
            if layers.stack:
                layers.stack[-1] += spent

    gc.callbacks.append(callback)


def instrument(layers, handler):
    """Wraps the middleware chain of a WSGIHandler (rebuilt with timed middlewares) and DRF's and psycopg's steps."""
    from django.core.handlers import base
    from django.db.backends import utils as db_utils
    from rest_framework import views as drf_views
    from rest_framework.renderers import JSONRenderer

    # each middleware: the class's __call__, the process_view / process_response hooks of MiddlewareMixin ones
    for mw_path in __import__("django.conf", fromlist=["settings"]).settings.MIDDLEWARE:
        module, _, name = mw_path.rpartition(".")
        cls = getattr(__import__(module, fromlist=[name]), name)
        short = "mw " + name
        cls.__call__ = layers.wrap(short, cls.__call__)
        for hook in ("process_view",):
            if hook in cls.__dict__ or any(hook in k.__dict__ for k in cls.__mro__[1:-1]):
                setattr(cls, hook, layers.wrap(short + " (process_view)", getattr(cls, hook)))
    base.BaseHandler.resolve_request = layers.wrap("URL resolution", base.BaseHandler.resolve_request)
    base.BaseHandler._get_response = layers.wrap("handler: view call + render", base.BaseHandler._get_response)
    for meth, name in (("initialize_request", "DRF request wrapping + parsers"),
                       ("perform_authentication", "DRF authentication"),
                       ("check_permissions", "DRF permissions"), ("check_throttles", "DRF throttles"),
                       ("perform_content_negotiation", "DRF content negotiation"),
                       ("determine_version", "DRF versioning"),
                       ("finalize_response", "DRF finalize_response"),
                       ("handle_exception", "DRF exception handling"),
                       ("dispatch", "DRF dispatch (rest)")):
        setattr(drf_views.APIView, meth, layers.wrap(name, getattr(drf_views.APIView, meth)))
    JSONRenderer.render = layers.wrap("DRF JSON renderer", JSONRenderer.render)
    from django.template.response import SimpleTemplateResponse
    SimpleTemplateResponse.render = layers.wrap("response.render (rest)", SimpleTemplateResponse.render)
    db_utils.CursorWrapper._execute_with_wrappers = layers.wrap(
        "statements (Django cursor + psycopg + wait)", db_utils.CursorWrapper._execute_with_wrappers)
    from bianzhi.core import precompiled

    if hasattr(precompiled, "_StatementCursor"):  # the precompiled statements' own wrapper (where nothing is logged)
        precompiled._StatementCursor.execute = layers.wrap("statements (Django cursor + psycopg + wait)",
                                                           precompiled._StatementCursor.execute)
    import psycopg

    for meth in ("fetchall", "fetchone", "fetchmany"):
        setattr(psycopg.Cursor, meth, layers.wrap("statements: fetch (psycopg loaders)", getattr(psycopg.Cursor, meth)))


def environ(method, path, query, cookie, body=b"", headers=None):
    e = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
         "SERVER_NAME": "127.0.0.1", "SERVER_PORT": str(clerks.PORT), "SERVER_PROTOCOL": "HTTP/1.1",
         "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "40000", "RAW_URI": path + ("?" + query if query else ""),
         "HTTP_HOST": "127.0.0.1", "HTTP_COOKIE": cookie, "HTTP_ACCEPT": "application/json",
         "HTTP_CONNECTION": "keep-alive", "HTTP_USER_AGENT": "bench", "HTTP_ACCEPT_ENCODING": "identity",
         "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
         "wsgi.url_scheme": "http", "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False}
    if body:
        e["CONTENT_TYPE"] = "application/json"
        e["CONTENT_LENGTH"] = str(len(body))
    for k, v in (headers or {}).items():
        e["HTTP_" + k.upper().replace("-", "_")] = v
    return e


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--clerk", type=int, default=10)
    parser.add_argument("--http", action="store_true")
    args = parser.parse_args()
    os.environ.update(clerks.env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    import json

    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    user, unit_id, key = clerks.clerk_session(args.clerk)
    from django.middleware.csrf import _get_new_csrf_string

    csrf = _get_new_csrf_string()  # a session-authenticated write needs the CSRF cookie and header, as clerks send
    cookie = f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    unit_path, items_path, items_query = f"/api/v1/units/{unit_id}/", "/api/v1/power-items/", f"unit={unit_id}"
    layers = Layers()
    app = get_wsgi_application()
    instrument(layers, app)
    time_gc(layers)
    app.load_middleware()  # the chain again, with the timed classes
    state = {}

    def call(e):
        out = {}

        def start_response(status, headers, exc_info=None):
            out["status"] = status

        body = b"".join(app(e, start_response))
        return int(out["status"][:3]), body

    def get():
        status, body = call(environ("GET", unit_path, "", cookie))
        assert status == 200, (status, body[:200])
        state["unit"] = json.loads(body)

    def patch():
        unit = state["unit"]
        body = json.dumps({"note": str(int(unit["note"] or 0) + 1)}).encode()
        status, out = call(environ("PATCH", unit_path, "", cookie, body, {"If-Match": str(unit["row_version"]),
                                                                          "X-CSRFToken": csrf}))
        assert status == 200, (status, out[:300])
        state["unit"] = json.loads(out)

    def items():
        status, body = call(environ("GET", items_path, items_query, cookie))
        assert status == 200, (status, body[:200])

    kinds = {"get": get, "patch": patch, "items": items}
    whole = layers.wrap("whole", lambda f: f())
    for _ in range(5):
        for f in kinds.values():
            f()
    per_kind = {}
    cpu_kind = {}
    for name, f in kinds.items():
        layers.own.clear()
        import gc

        gc.collect()
        layers.on = True
        t = clock()
        for _ in range(args.n):
            if name == "patch":
                layers.on = False
                get()
                layers.on = True
                t0 = clock()
                whole(f)
                t += clock() - t0
            else:
                whole(f)
        layers.on = False
        if name != "patch":
            t = clock() - t
        per_kind[name] = {k: v / args.n * 1000 for k, v in layers.own.items()}
        cpu_kind[name] = sum(per_kind[name].values())
    rows = sorted({k for d in per_kind.values() for k in d}, key=lambda k: -sum(d.get(k, 0) for d in per_kind.values()))
    print(f"{'layer (own CPU, ms a request)':52} {'GET unit':>9} {'PATCH':>9} {'items':>9} {'round':>9}")
    for k in rows:
        vals = [per_kind[n].get(k, 0.0) for n in kinds]
        label = "WSGI handler + this tool's timers" if k == "whole" else k
        print(f"{label:52} " + " ".join(f"{v:9.3f}" for v in vals) + f" {sum(vals):9.3f}")
    print(f"{'total':52} " + " ".join(f"{cpu_kind[n]:9.3f}" for n in kinds) + f" {sum(cpu_kind.values()):9.3f}")
    print(f"cyclic GC runs by generation over all {3 * args.n} requests: {dict(layers.count)}")
    print(f"load {os.getloadavg()[0]:.2f}")
    if args.http:
        http_cpu(args, cookie, csrf, unit_path, items_path + "?" + items_query, cpu_kind)


def http_cpu(args, cookie, csrf, unit_path, items_url, in_process):
    """The same requests through gunicorn, one worker and one thread: the worker's CPU a request."""
    import http.client
    import json

    from bench.clerks import process_cpu, server_pids

    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "bianzhi.wsgi", "-b", f"127.0.0.1:{clerks.PORT}", "-w", "1",
         "-k", "gthread", "--threads", "1", "--log-level", "error"],
        cwd=ROOT, env=clerks.env(), start_new_session=True)
    try:
        _http.wait_until_serving(clerks.PORT, 150)
        conn = http.client.HTTPConnection("127.0.0.1", clerks.PORT)
        headers = {"Cookie": cookie, "Accept": "application/json", "Host": "127.0.0.1"}
        state = {}

        def request(method, url, body=None, extra=None):
            conn.request(method, url, body=body, headers={**headers, **(extra or {})})
            r = conn.getresponse()
            data = r.read()
            assert r.status == 200, (r.status, data[:200])
            return data

        def get():
            state["unit"] = json.loads(request("GET", unit_path))

        def patch():
            unit = state["unit"]
            state["unit"] = json.loads(request("PATCH", unit_path, json.dumps({"note": str(int(unit["note"] or 0) + 1)}),
                                               {"If-Match": str(unit["row_version"]), "Content-Type": "application/json",
                                                "X-CSRFToken": csrf}))

        def items():
            request("GET", items_url)

        for _ in range(5):
            get(), patch(), items()
        pids = [p for p in server_pids(server.pid) if p != server.pid]
        kinds = {"get": get, "patch": patch, "items": items}
        out = {}
        for name, f in kinds.items():
            spent = 0.0
            for _ in range(args.n):
                if name == "patch":
                    get()
                c = process_cpu(pids)
                f()
                spent += process_cpu(pids) - c
            out[name] = spent / args.n * 1000
        print("gunicorn worker CPU a request (1 × 1, one at a time; /proc, 10 ms ticks summed): "
              + ", ".join(f"{n} {v:.2f} ms (in-process {in_process[n]:.2f}, gunicorn's own ≈ {v - in_process[n]:.2f})"
                          for n, v in out.items()))
    finally:
        os.killpg(server.pid, 15)
        server.wait()


if __name__ == "__main__":
    main()
