"""Stateless app nodes: two app servers with separate local data directories, one worker, a shared file store,
PostgreSQL and Redis. What one node starts, the other shows; nothing depends on a node's own disk."""
import io
import os
import uuid

import dj_database_url
import psycopg
import pytest
from openpyxl import load_workbook

from bianzhi.accounts.demo import DEMO_PASSWORD
from bianzhi.lists.tests.helpers import row, xlsx
from bianzhi.ops.backup import _pg_conninfo

from .conftest import free_port, restore_site, start
from .test_serve import job_status, upload_import
from .webclient import WebClient, stop, wait_for

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("BIANZHI_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def test_two_nodes_one_worker_share_queue_progress_files_and_publication(demo_archive, empty_database, tmp_path):
    if not empty_database:
        pytest.skip("多节点测试需要 PostgreSQL：在 make test-pg（CI 的 PostgreSQL 作业）中运行")
    if not redis_reachable():
        pytest.skip(f"多节点测试需要 Redis（{REDIS_URL} 无法连接）")
    shared = tmp_path / "shared-files"
    common = {"REDIS_URL": REDIS_URL, "HUEY_NAME": f"bianzhi-test-{uuid.uuid4().hex[:8]}",
              "BIANZHI_FILES_DIR": shared}
    env = restore_site(demo_archive["archive"], tmp_path / "restore", empty_database, **common)
    procs, logs, urls = {}, {}, {}
    try:
        for name, args in (("a", ["--no-worker"]), ("b", ["--no-worker"]), ("worker", ["--worker-only"])):
            node_env = {**env, "BIANZHI_DATA_DIR": str(tmp_path / f"node-{name}")}
            port = free_port()
            urls[name] = f"http://127.0.0.1:{port}"
            logs[name] = tmp_path / f"{name}.log"
            procs[name] = start(["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", *args], node_env,
                                logs[name])
        a, b = WebClient(urls["a"]), WebClient(urls["b"])
        for node in (a, b):  # each node sees the one worker's heartbeat (through Redis) and the shared store
            report = wait_for(lambda n=node: (r := n.get("/healthz")).status == 200 and r.json(), 120,
                              what="healthz 200")
            assert report["checks"]["queue"]["backend"] == "RedisHuey"
            assert report["checks"]["cache"]["backend"] == "RedisCache"

        # An import uploaded through A, run by the worker, followed and its error workbook fetched through B.
        clerk = WebClient(urls["a"])
        clerk.login("jiaotong", DEMO_PASSWORD)
        job_id = upload_import(clerk, xlsx([row("多节点测试事项甲"), row("多节点测试事项乙", category="行政许咳")]),
                               "多节点.xlsx")
        on_b = clerk.on(urls["b"])  # the same browser session, answered by the other node
        assert on_b.get(f"/manage/lists/import-jobs/{job_id}/progress/").status == 200
        done = wait_for(lambda: (j := job_status(on_b, job_id))["status"] in ("succeeded", "failed") and j, 120,
                        what="导入任务完成")
        assert done["status"] == "failed"
        page = on_b.get(f"/manage/lists/import-jobs/{job_id}/").text
        assert "发现 1 处错误，所有行均未导入" in page
        workbook = on_b.get(f"/manage/lists/import-jobs/{job_id}/errors.xlsx")
        assert workbook.status == 200
        sheet = load_workbook(io.BytesIO(workbook.body)).active
        cells = [str(c.value) for r in sheet.iter_rows() for c in r if c.value]
        assert any("您是否要填“行政许可”" in c for c in cells), cells
        assert not (tmp_path / "node-a" / "files").exists() and not (tmp_path / "node-b" / "files").exists()
        assert any(p.name.endswith(".xlsx") for p in (shared / "lists" / "import-errors").rglob("*"))

        # A publication change through A shows at once on B, whose public cache held the page.
        with psycopg.connect(**_pg_conninfo(dj_database_url.parse(env["DATABASE_URL"]))) as conn:
            unit_id, name = conn.execute("SELECT unit_id, name FROM portal_publishedunit WHERE is_current "
                                         "ORDER BY unit_id LIMIT 1").fetchone()
        assert b.get(f"/unit/{unit_id}/").status == 200
        second = b.get(f"/unit/{unit_id}/")
        assert name in second.text and second.headers["X-Portal-Cache"] == "hit"
        admin = WebClient(urls["a"])
        admin.login("admin", DEMO_PASSWORD)
        r = admin.post(f"/manage/portal/units/{unit_id}/unpublish/", {"reason": "多节点测试：撤回公开"})
        assert r.status == 200 and "已撤回" in r.text
        assert b.get(f"/unit/{unit_id}/").status == 404
    finally:
        codes = {name: stop(proc) for name, proc in procs.items()}
    outputs = {name: log.read_text("utf-8", "replace") for name, log in logs.items()}
    assert "run_import_job" in outputs["worker"] and "run_import_job" not in outputs["a"] + outputs["b"]
    assert codes == {"a": 0, "b": 0, "worker": 0}, {n: o[-2000:] for n, o in outputs.items()}
