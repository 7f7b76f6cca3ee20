"""Benchmark: 50 clerks at once through the real HTTP stack on PostgreSQL (issue 14, target 3).

Run:  .venv/bin/python -m bench.clerks [--clerks 50] [--seconds 30] [--shared 5] [--workers N] [--threads N]
                                       [--think 1-3] [--mix full|api]
      (PostgreSQL at 127.0.0.1:5432 as postgres; drops and creates BENCH_DB, default bz_clerks; gunicorn on
      BENCH_PORT, default 8765. The load generator runs on the same machine as the server and the database.)
      Workers and threads default to the layout `bianzhi serve` runs on this machine (WEB_WORKERS or the CPU count
      up to 4, WEB_THREADS or 4: 2 × 4 on 2 cores); until session 14 the default was 2 × 8, the issue's baseline.

Set-up (not measured): the demo's city (registry and 权力清单 demo data); one clerk account per session, each an
entry-group member for its own unit; the first `--shared` clerks share ONE unit and ONE power item. Sessions are
created in the session store before the run (a login hashes the password with PBKDF2 on purpose — ~0.3 s of CPU
— and is not what this measures). Every counter field (the unit's and the power item's 备注) starts at "0".

Each clerk is a thread with its own keep-alive connection and cookies, and loops until the time is up:
1. page  GET  /manage/lists/powers/<id>/edit/   (the edit form, with its hidden row_version)
2. save  POST the same form with 备注 + 1        (302 = saved; the form again with the conflict message = 409-like)
3. page  GET  /api/v1/units/<id>/                (row_version and 备注)
4. save  PATCH /api/v1/units/<id>/ 备注 + 1, If-Match: row_version   (200, or 409 when someone saved in between)
5. page  GET  /api/v1/power-items/?unit=<id>     (the unit's power items, first page)
6. page  GET  /manage/sanding/versions/<draft>/duties/main/   (the 三定 draft's 主要职责 editor, with row_version)
7. save  POST the editor with the first duty's counter + 1 (“…（计数N）”)   (302 = saved; 409 with the conflict
         message when someone saved the draft in between)
`--mix api` runs steps 3–5 only (the issue's own baseline mix: each clerk reads its unit, saves it with If-Match and
lists its power items); the default `--mix full` runs all seven.
Without --think the clerks loop without any pause (a stress figure: no person works like that); `--think 1-3` makes
each clerk wait a random 1–3 s (uniform; `--think 2` waits exactly 2 s) before each of these five requests, the time
a person takes to read a page and fill in a form — the realistic case. The run lasts --seconds; rounds under way then
are finished.
Each unit has one 三定 draft (a draft version made by a document, one 主要职责 “负责基准测试工作（计数0）。”); the shared
clerks share it too.
Lost updates: for every record, saves answered as successful minus the final counter (each success wrote the
value it read + 1, so two successes on the same read would show as a lost update). Errors: 5xx, exceptions,
unexpected statuses.
"""
import argparse
import html
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from bench import _http, _pg
from bench._pg import PG

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("BENCH_DB", "bz_clerks")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CONFLICT = "该记录已被其他用户修改"


def env() -> dict:
    e = dict(os.environ)
    e.update({"DATABASE_URL": f"{PG}/{DB}", "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret",
              "ALLOWED_HOSTS": "127.0.0.1,localhost", "BIANZHI_DATA_DIR": str(ROOT / "var" / "bench-clerks"),
              "CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR", "HUEY_IMMEDIATE": "1"})
    return e


def recreate_database():
    _pg.recreate_database(DB)


DRAFT_DUTY = "负责基准测试工作（计数{n}）。"
COUNTER_RE = re.compile(r"（计数(\d+)）")
DRAFT_CONFLICT = "该草稿已被其他用户修改"


def setup(n_clerks: int, shared: int):
    """Data, clerks and their sessions. Returns [(session key, unit id, power item id, draft id)] per clerk."""
    os.environ.update(env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    Path(os.environ["BIANZHI_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bianzhi.accounts.models import EntryGroup, Role, User
    from bianzhi.core.context import acting_as
    from bianzhi.lists import demo as lists_demo
    from bianzhi.lists.models import PowerItem
    from bianzhi.registry import demo as registry_demo

    with acting_as(None, request_id="bench-clerks"):
        registry_demo.load(log=lambda *a: None)
        lists_demo.load(log=lambda *a: None)
    from bianzhi.lists.models import PowerCategory
    from bianzhi.lists.services import create_power_item
    from bianzhi.registry.models import Unit

    need = n_clerks - shared + 1
    from bianzhi.registry.models import Region

    units = list(Unit.objects.filter(status="active").order_by("pk")[:need])
    city = Region.objects.get(code="451000")
    with acting_as(None, request_id="bench-clerks"):
        units += [Unit.objects.create(name=f"百色市基准测试局{i}", region=city, kind="organ",
                                      category="gov_department") for i in range(need - len(units))]
    category = PowerCategory.objects.filter(active=True).order_by("pk").first()
    with acting_as(None, request_id="bench-clerks"):
        for unit in units:
            if not PowerItem.objects.filter(unit=unit, parent__isnull=True).exists():
                create_power_item(unit=unit, name=f"{unit.name}基准测试事项", category=category,
                                  basis_pending=True, note="0")
    unit_ids = [u.pk for u in units]

    Unit.objects.filter(pk__in=unit_ids[:need]).update(note="0")
    import datetime

    from bianzhi.documents.models import ApprovalDocument
    from bianzhi.sanding import services as sanding
    from bianzhi.sanding.models import SandingVersion, VersionStatus

    drafts = {}
    with acting_as(None, request_id="bench-clerks"):
        for n, unit in enumerate(units):
            SandingVersion.objects.filter(unit=unit, status=VersionStatus.DRAFT).delete()
            doc = ApprovalDocument.objects.create(unit=unit, doc_number_raw=f"百编〔2026〕{900 + n}号",
                                                  title=f"关于调整{unit.name}职责的通知（基准测试）",
                                                  issued_on=datetime.date(2026, 11, 1))
            draft = sanding.create_draft_version(unit, doc)
            sanding.sync_duties(draft, "main", [(None, DRAFT_DUTY.format(n=0))])
            drafts[unit.pk] = draft.pk
    clerks = []
    for i in range(n_clerks):
        unit_id = unit_ids[0] if i < shared else unit_ids[i - shared + 1]
        item = PowerItem.objects.filter(unit_id=unit_id, parent__isnull=True).order_by("code").first()
        PowerItem.objects.filter(pk=item.pk).update(note="0")
        user, _ = User.objects.get_or_create(username=f"bench-clerk-{i}",
                                             defaults={"role": Role.CLERK, "display_name": f"录入员{i}"})
        group, _ = EntryGroup.objects.get_or_create(name=f"基准测试组{i}")
        group.members.add(user)
        group.units.add(unit_id)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        clerks.append((session.session_key, unit_id, item.pk, drafts[unit_id]))
    return clerks, settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME


class FormReader(HTMLParser):
    """The fields of the page's form that carries row_version, as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = []
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.append([a["name"], a.get("value") or ("on" if kind == "checkbox" else "")])
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.current.append([self.select, a.get("value", "")])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.current.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.textarea[1] = self.textarea[1].removeprefix("\n")  # the HTML parser keeps the first newline
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def bump_note(fields) -> None:
    """The edit form's 备注 counter + 1, in place (fields: [name, value] lists from `edit_form`)."""
    for field in fields:
        if field[0] == "note":
            field[1] = str(int(field[1] or 0) + 1)


def bump_duty_counter(fields) -> bool:
    """The first duty's “（计数N）” + 1, in place; False when no duty carries a counter."""
    for field in fields:
        if field[0] == "text" and COUNTER_RE.search(field[1]):
            field[1] = COUNTER_RE.sub(lambda m: f"（计数{int(m.group(1)) + 1}）", field[1], count=1)
            return True
    return False


def edit_form(page: str):
    reader = FormReader()
    reader.feed(page)
    return next((f for f in reader.forms if any(k == "row_version" for k, _ in f)), None)


class Clerk:
    def __init__(self, index, session, unit_id, item_id, draft_id, cookie_names, think=(0.0, 0.0), mix="full"):
        self.mix = mix
        self.index, self.unit_id, self.item_id, self.draft_id = index, unit_id, item_id, draft_id
        self.think, self.random = think, random.Random(index)
        self.session_cookie, self.csrf_cookie = cookie_names
        self.cookies = {self.session_cookie: session}
        if mix == "api":  # no page of this mix sets the CSRF cookie: the token a browser got with its first page
            self.cookies[self.csrf_cookie] = "".join(self.random.choice("abcdefghijklmnopqrstuvwxyz0123456789")
                                                     for _ in range(32))
        self.conn = None
        self.times = {"page": [], "save": []}
        self.by_request: dict[str, list] = {}
        self.rounds = 0
        self.later = {"page": [], "save": []}  # the same times without the clerk's first round (the start burst)
        self.saved = {"unit": 0, "item": 0, "draft": 0}
        self.conflicts = 0
        self.errors = []

    def request(self, method, path, body=None, headers=None, kind="page"):
        if self.think[1] > 0:  # the person reads the page and fills in the form (not part of the measured time)
            time.sleep(self.random.uniform(*self.think))
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        t = time.perf_counter()
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 2:
                    raise
        self.times[kind].append(time.perf_counter() - t)
        if self.rounds:
            self.later[kind].append(self.times[kind][-1])
        label = f"{method} " + re.sub(r"/\d+/", "/…/", path.split("?")[0])
        self.by_request.setdefault(label, []).append(self.times[kind][-1])
        for header, value in resp.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if resp.status >= 500:
            self.errors.append(f"{method} {path} → {resp.status}")
        return resp.status, data

    def round(self):
        if self.mix == "api":
            self.api_steps()
            self.rounds += 1
            return
        edit = f"/manage/lists/powers/{self.item_id}/edit/"
        status, page = self.request("GET", edit)
        if status != 200:
            self.errors.append(f"GET {edit} → {status}")
            return
        fields = edit_form(page.decode())
        if fields is None:
            self.errors.append(f"GET {edit}: 没有编辑表单")
            return
        bump_note(fields)
        status, page = self.request(
            "POST", edit, urlencode([tuple(f) for f in fields]), kind="save",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{PORT}{edit}"})
        if status == 302:
            self.saved["item"] += 1
        elif status == 200 and CONFLICT in page.decode():
            self.conflicts += 1
        else:
            self.errors.append(f"POST {edit} → {status}: {re.sub(r'<[^>]+>', ' ', page.decode())[:200]}")
        if self.api_steps():
            self.edit_draft()
        self.rounds += 1

    def api_steps(self) -> bool:
        """Steps 3–5: the unit from the API, PATCH with If-Match, the unit's power items. False when step 3 failed."""
        api = f"/api/v1/units/{self.unit_id}/"
        status, data = self.request("GET", api)
        if status != 200:
            self.errors.append(f"GET {api} → {status}")
            return False
        unit = json.loads(data)
        status, data = self.request(
            "PATCH", api, json.dumps({"note": str(int(unit["note"] or 0) + 1)}), kind="save",
            headers={"Content-Type": "application/json", "If-Match": str(unit["row_version"]),
                     "X-CSRFToken": self.cookies.get(self.csrf_cookie, "")})
        if status == 200:
            self.saved["unit"] += 1
        elif status == 409:
            self.conflicts += 1
        else:
            self.errors.append(f"PATCH {api} → {status}: {data[:200]!r}")
        status, _ = self.request("GET", f"/api/v1/power-items/?unit={self.unit_id}")
        if status != 200:
            self.errors.append(f"GET power-items → {status}")
        return True

    def edit_draft(self):
        editor = f"/manage/sanding/versions/{self.draft_id}/duties/main/"
        status, page = self.request("GET", editor)
        fields = edit_form(page.decode()) if status == 200 else None
        if fields is None:
            self.errors.append(f"GET {editor} → {status}")
            return
        if not bump_duty_counter(fields):
            self.errors.append(f"GET {editor}: 没有计数的职责")
            return
        status, page = self.request(
            "POST", editor, urlencode([tuple(f) for f in fields]), kind="save",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{PORT}{editor}"})
        if status == 302:
            self.saved["draft"] += 1
        elif status == 409 and DRAFT_CONFLICT in page.decode():
            self.conflicts += 1
        else:
            self.errors.append(f"POST {editor} → {status}: {re.sub(r'<[^>]+>', ' ', page.decode())[:200]}")


def clerk_session(number: int):
    """The bench clerk `number`'s user, the first unit it may change and its session key, from the database a run left
    (call after django.setup()): what `bench.api_profile` and `bench.api_layers` replay requests as."""
    from django.contrib.sessions.models import Session

    from bianzhi.accounts.models import User
    from bianzhi.accounts.scope import allowed_units

    user = User.objects.get(username=f"bench-clerk-{number}")
    unit_id = allowed_units(user, "change").order_by("pk").values_list("pk", flat=True).first()
    key = next(s.session_key for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))
    return user, unit_id, key


def pct(values, p):
    return _http.pct(values, p)


def process_cpu(pids) -> float:
    """CPU seconds (user + system) the processes `pids` have used so far; a process gone meanwhile counts 0."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def server_pids(pgid: int) -> list[int]:
    """gunicorn's master and workers: every process of its process group."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return pids


def database_pids() -> list[int]:
    """The PostgreSQL backends serving the benchmark's database (the app's persistent connections)."""
    with _pg.admin_conn() as conn:
        return [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (DB,))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clerks", type=int, default=50)
    parser.add_argument("--shared", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30)
    # the deployment's layout (bianzhi.ops.management.commands.serve)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", min(4, os.cpu_count() or 1))))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 4)))
    parser.add_argument("--mix", choices=("full", "api"), default="full",
                        help="full: the seven steps (pages, form and 三定 draft saves, API); api: steps 3–5 only, "
                             "the issue's own baseline mix")
    parser.add_argument("--think", default="0", help="seconds a clerk pauses before each request: 2, or 1-3 (uniform)")
    args = parser.parse_args()
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    recreate_database()
    clerks_data, session_cookie, csrf_cookie = setup(args.clerks, args.shared)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "bianzhi.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", str(args.workers),
         "-k", "gthread", "--threads", str(args.threads), "--log-level", "error"],
        cwd=ROOT, env=env(), start_new_session=True, stderr=open(ROOT / "var" / "bench-clerks" / "server.log", "w"))
    try:
        _http.wait_until_serving(PORT, 150)
        # warm-up: every worker imports its views and compiles its templates before the measured run — two
        # clerks per worker at once (one keep-alive connection reaches one worker only), three rounds each
        warm = [Clerk(-1 - k, *clerks_data[-1 - k], (session_cookie, csrf_cookie), mix=args.mix)
                for k in range(min(len(clerks_data), 2 * args.workers))]
        warmers = [threading.Thread(target=lambda c: [c.round() for _ in range(3)], args=(c,)) for c in warm]
        for t in warmers:
            t.start()
        for t in warmers:
            t.join()
        clerks = [Clerk(i, *c, (session_cookie, csrf_cookie), think, args.mix) for i, c in enumerate(clerks_data)]
        stop = time.perf_counter() + args.seconds
        barrier = threading.Barrier(len(clerks))

        def run(clerk):
            random.seed(clerk.index)
            barrier.wait()
            while time.perf_counter() < stop:
                try:
                    clerk.round()
                except Exception as exc:  # noqa: BLE001 — every failure is counted
                    clerk.errors.append(f"{type(exc).__name__}: {exc}")
                    clerk.conn = None

        load_before = os.getloadavg()[0]
        threads = [threading.Thread(target=run, args=(c,)) for c in clerks]
        gunicorn = server_pids(server.pid)
        db_before = {pid: process_cpu([pid]) for pid in database_pids()}
        cpu_before = (process_cpu(gunicorn), time.process_time())
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        cpu_server = process_cpu(gunicorn) - cpu_before[0]
        cpu_client = time.process_time() - cpu_before[1]
        # a connection opened during the run counts from 0; one closed during the run is not counted
        cpu_db = sum(process_cpu([pid]) - db_before.get(pid, 0.0) for pid in database_pids())
        load_after = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    # lost updates: every record's final counter against the saves that were answered as successful
    from bianzhi.lists.models import PowerItem
    from bianzhi.registry.models import Unit

    expected_units, expected_items, expected_drafts = {}, {}, {}
    for c in clerks + warm:
        expected_units[c.unit_id] = expected_units.get(c.unit_id, 0) + c.saved["unit"]
        expected_items[c.item_id] = expected_items.get(c.item_id, 0) + c.saved["item"]
        expected_drafts[c.draft_id] = expected_drafts.get(c.draft_id, 0) + c.saved["draft"]
    finals_u = dict(Unit.objects.filter(pk__in=expected_units).values_list("pk", "note"))
    finals_i = dict(PowerItem.objects.filter(pk__in=expected_items).values_list("pk", "note"))
    lost = sum(n - int(finals_u[pk]) for pk, n in expected_units.items())
    lost += sum(n - int(finals_i[pk]) for pk, n in expected_items.items())
    from bianzhi.sanding import services as sanding
    from bianzhi.sanding.models import SandingVersion

    for draft in SandingVersion.objects.filter(pk__in=expected_drafts).select_related("unit"):
        texts = [d.text for d in sanding.snapshot(draft.unit, draft=draft).duties_of("main")]
        counter = next(int(m.group(1)) for t in texts if (m := COUNTER_RE.search(t)))
        lost += expected_drafts[draft.pk] - counter
    pages = [t for c in clerks for t in c.times["page"]]
    saves = [t for c in clerks for t in c.times["save"]]
    errors = [e for c in clerks for e in c.errors]
    conflicts = sum(c.conflicts for c in clerks)
    shared_saves = sum(sum(c.saved.values()) for c in clerks[:args.shared])
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"机器：{os.cpu_count()} 核（{cpu}）；负载均值 开始 {load_before:.2f}，结束 {load_after:.2f}")
    print(f"{len(clerks)} 个录入员会话（其中 {args.shared} 个共用一个单位和一个权力事项），{elapsed:.1f} s；"
          f"gunicorn {args.workers} workers × {args.threads} threads；负载生成器在同一台机器上；"
          + (f"每个请求前思考 {think[0]:g}–{think[1]:g} s（均匀分布）" if think[1] > 0 else "无思考时间（连续请求，压力测试）"))
    print(f"请求：{len(pages) + len(saves)} 个，{(len(pages) + len(saves)) / elapsed:.0f} req/s")
    print("请求组合：" + ("仅接口（单位接口读取、PATCH + If-Match、权力事项列表；议题的基线组合）" if args.mix == "api"
                           else "完整（编辑页与表单保存、单位接口与 PATCH、权力事项列表、三定草稿职责编辑与保存）"))
    page_kinds, save_kinds = (("单位接口、权力事项列表", "接口 PATCH + If-Match") if args.mix == "api" else
                              ("编辑页、单位接口、权力事项列表、三定草稿职责编辑页", "表单提交、接口 PATCH + If-Match、三定草稿职责保存"))
    print(f"页面（{page_kinds}）：{len(pages)} 次，p50 {statistics.median(pages) * 1000:.0f} ms，"
          f"p95 {pct(pages, 95) * 1000:.0f} ms（目标 ≤ 300 ms）")
    print(f"保存（{save_kinds}）：{len(saves)} 次，p50 {statistics.median(saves) * 1000:.0f} ms，"
          f"p95 {pct(saves, 95) * 1000:.0f} ms（目标 ≤ 300 ms）")
    print(f"成功保存 {sum(sum(c.saved.values()) for c in clerks)} 次（共用记录 {shared_saves} 次；其中三定草稿"
          f" {sum(c.saved['draft'] for c in clerks)} 次），"
          f"冲突（409 / 表单冲突提示）{conflicts} 次，丢失的更新 {lost} 次（必须为 0），错误 {len(errors)} 次")
    later_pages = [t for c in clerks for t in c.later["page"]]
    later_saves = [t for c in clerks for t in c.later["save"]]
    if later_pages and later_saves:  # all 50 clerks start within the first think time: the burst, shown apart
        print(f"不计每个录入员的第一轮（开始时 {len(clerks)} 人几乎同时打开编辑页）：页面 p95 "
              f"{pct(later_pages, 95) * 1000:.0f} ms，保存 p95 {pct(later_saves, 95) * 1000:.0f} ms")
    n = len(pages) + len(saves)
    print(f"CPU（运行期间）：gunicorn {cpu_server:.1f} s（每请求 {cpu_server / n * 1000:.1f} ms），PostgreSQL 后端（结束时仍在的连接；其间关闭的不计）"
          f"{cpu_db:.1f} s（每请求 {cpu_db / n * 1000:.1f} ms），负载生成器 {cpu_client:.1f} s"
          f"（每请求 {cpu_client / n * 1000:.1f} ms）；{os.cpu_count()} 核共 {os.cpu_count() * elapsed:.0f} s")
    labels = {label for c in clerks for label in c.by_request}
    for label in sorted(labels):
        times = [t for c in clerks for t in c.by_request.get(label, [])]
        print(f"  {label}：{len(times)} 次，p50 {statistics.median(times) * 1000:.0f} ms，p95 {pct(times, 95) * 1000:.0f} ms")
    for e in errors[:10]:
        print("  错误：", html.unescape(e))
    return 1 if lost or errors else 0


if __name__ == "__main__":
    sys.exit(main())
