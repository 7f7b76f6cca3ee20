"""A web process warms itself up before it serves (issue 14, "50 clerks at once").

gunicorn forks its workers and each worker imports `bianzhi.wsgi` before it accepts a connection; that module calls
`at_boot()`. Without it a new worker's first requests paid for work every later request shares: importing every
view module through the URLconf (about 1.1 s of CPU, most of it the ingest parser's regular expressions), the URL
resolvers' reverse maps, compiling the templates and the form widgets' templates, the precompiled queries
(core.precompiled) and the ORM's first query of each model — about 1.5 s for a process's first edit page of a power
item against ~40 ms warm. Fifty clerks open that page within their first seconds, so a cold worker held up every
request queued behind it.

What `warm()` does, all of it real work of this process and nothing kept for any user:
1. imports the URLconf and fills every resolver's reverse map (the site's language);
2. loads the site language's translation catalogs;
3. compiles every template of the project (the cached loader keeps them);
4. compiles the precompiled queries for the default database;
5. renders the staff pages a clerk opens first — the power items list, a power item's edit page, the unit's page, the
   unit from the API and its power items, a 三定 draft's duty editor — and the sign-in page, as the first active clerk
   with a power item in scope (none on an empty database: then only 1–4). The views are called directly with the
   user set on the request: no session is read or created, no cookie, no metrics sample, and the database
   connection is read-only meanwhile (PostgreSQL: `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`; SQLite:
   `PRAGMA query_only`), so a page that tried to write would fail instead of writing. The connection is then
   closed (a gthread worker's requests run in other threads, each with its own).
Any failure is logged and the process serves anyway. `BIANZHI_WARMUP=0` turns it off.
"""
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.template import engines
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from bianzhi.accounts.models import Role, User
from bianzhi.core import precompiled
from bianzhi.core.context import RequestContext, reset_context, set_context
from bianzhi.lists.models import PowerItem
from bianzhi.sanding.models import SandingVersion, VersionStatus

log = logging.getLogger("bianzhi.warmup")
PACKAGE_DIR = Path(settings.BASE_DIR)
CANDIDATE_CLERKS = 5  # clerks tried for one with a power item in scope (bounded on a large database)


def at_boot() -> dict | None:
    """Called by `bianzhi.wsgi` in each web process before it serves; `BIANZHI_WARMUP=0` skips it."""
    if os.environ.get("BIANZHI_WARMUP", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    return warm(close=True)


def warm(using: str = DEFAULT_DB_ALIAS, close: bool = False) -> dict:
    """Warm this process up; returns what was done ({"steps": {name: seconds}, "pages": {path: status},
    "errors": [...]}). `close`: close the database connection afterwards (at boot)."""
    report = {"steps": {}, "pages": {}, "errors": [], "templates": 0, "queries": 0}
    wall, cpu = time.perf_counter(), time.process_time()

    def step(name, function):
        started = time.process_time()
        try:
            function()
        except Exception as exc:  # noqa: BLE001 — warming is best effort: the process serves anyway
            report["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
        report["steps"][name] = time.process_time() - started

    with translation.override(settings.LANGUAGE_CODE):
        step("urls", lambda: _populate_resolvers(get_resolver()))
        step("translations", lambda: translation.gettext("This field is required."))
        step("templates", lambda: report.__setitem__("templates", _compile_templates(report["errors"])))
        step("queries", lambda: report.__setitem__("queries", precompiled.compile_all(using)))
        step("pages", lambda: _render_pages(using, report))
    connection = connections[using]
    if close and not connection.in_atomic_block:
        connection.close()
    report["wall"], report["cpu"] = time.perf_counter() - wall, time.process_time() - cpu
    ok = sum(1 for status in report["pages"].values() if status == 200)
    log.info("进程 %s 预热完成：%.2f s（CPU %.2f s；URL %.2f s，模板 %d 个 %.2f s，预编译查询 %d 个，页面 %d/%d 个 %.2f s）",
             os.getpid(), report["wall"], report["cpu"], report["steps"].get("urls", 0), report["templates"],
             report["steps"].get("templates", 0), report["queries"], ok, len(report["pages"]),
             report["steps"].get("pages", 0))
    for error in report["errors"]:
        log.warning("预热时出错（不影响服务）：%s", error)
    return report


def _populate_resolvers(root) -> None:
    resolvers = [root]
    while resolvers:
        resolver = resolvers.pop()
        resolver.reverse_dict  # noqa: B018 — fills the reverse map (and the namespaces) for the active language
        resolvers.extend(p for p in resolver.url_patterns if isinstance(p, URLResolver))


def _compile_templates(errors: list) -> int:
    """Every template of the project's own directories, through the engine's (cached) loaders."""
    engine = engines["django"].engine
    names = set()
    for loader in engine.template_loaders:
        for inner in getattr(loader, "loaders", [loader]):
            for directory in inner.get_dirs():
                directory = Path(directory)
                if directory.is_relative_to(PACKAGE_DIR) and directory.is_dir():
                    names.update(p.relative_to(directory).as_posix() for p in directory.rglob("*.html"))
    compiled = 0
    for name in sorted(names):
        try:
            engine.get_template(name)
            compiled += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(f"template {name}: {type(exc).__name__}: {exc}")
    return compiled


def warm_user_and_paths():
    """The first active clerk with a main power item in their scope, and the pages to render as them."""
    for user in User.objects.filter(role=Role.CLERK, is_active=True).order_by("pk")[:CANDIDATE_CLERKS]:
        item = (PowerItem.objects.restrict(user, "change").filter(parent__isnull=True)
                .order_by("unit_id", "code").only("pk", "unit_id").first())
        if item is None:
            continue
        paths = [reverse("registry:home"), reverse("lists:power-list"),
                 reverse("lists:power-edit", args=[item.pk]), reverse("registry:unit-detail", args=[item.unit_id]),
                 reverse("unit-detail", args=[item.unit_id]), reverse("poweritem-list") + f"?unit={item.unit_id}"]
        draft = (SandingVersion.objects.restrict(user, "change").filter(status=VersionStatus.DRAFT)
                 .order_by("pk").only("pk").first())
        if draft is not None:
            paths.append(reverse("sanding:duty-editor", args=[draft.pk, "main"]))
        return user, paths
    return None, []


def _render_pages(using: str, report: dict) -> None:
    with read_only(connections[using]):
        pages = [(AnonymousUser(), reverse("accounts:login"))]
        user, paths = warm_user_and_paths()
        pages += [(user, path) for path in paths]
        for user, path in pages:
            try:
                report["pages"][path] = _render(user, path)
            except Exception as exc:  # noqa: BLE001
                report["pages"][path] = type(exc).__name__
                report["errors"].append(f"page {path}: {type(exc).__name__}: {exc}")


def _render(user, path: str) -> int:
    """GET `path` as `user` through its view (not the middleware: no session, cookie or metrics sample)."""
    request = RequestFactory().get(path, HTTP_HOST=_host())
    request.user = user
    request.session = SessionBase()  # empty and in memory: no key, never loaded or saved
    request._messages = FallbackStorage(request)
    match = resolve(request.path_info)
    request.resolver_match = match
    token = set_context(RequestContext(request_id="warm-up", memo={}))
    try:
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
    finally:
        reset_context(token)
    return response.status_code


def _host() -> str:
    """A host the site answers to (a page may build an absolute address: the API's next-page link)."""
    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h.lstrip(".") and h != "*"]
    return hosts[0] if hosts else "localhost"


@contextmanager
def read_only(connection):
    """The connection refuses writes meanwhile (a write raises a database error instead of writing)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # inside a transaction (a test's): read-only within a savepoint that is then rolled back, the mode with it
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION READ ONLY")
            try:
                yield
            finally:
                transaction.set_rollback(True, using=connection.alias)
        return
    statements = {"postgresql": ("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
                                 "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"),
                  "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF")}.get(connection.vendor)
    if statements is None:
        raise RuntimeError(f"read-only warm-up not supported on {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute(statements[0])
    try:
        yield
    finally:
        # on the driver's connection: Django refuses queries in a transaction a failed write has spoiled, and the
        # mode must be lifted all the same
        if connection.connection is not None:
            connection.connection.cursor().execute(statements[1])
