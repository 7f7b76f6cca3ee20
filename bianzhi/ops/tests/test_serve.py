"""One command runs the whole platform: `bianzhi serve` (gunicorn + the huey worker) alone completes an Excel
import uploaded through the web, then stops both on Ctrl-C."""
import sqlite3
import time

import pytest

from bianzhi.accounts.demo import DEMO_PASSWORD
from bianzhi.lists.tests.helpers import row, xlsx

from .conftest import free_port, restore_site, start
from .webclient import WebClient, stop, wait_for

pytestmark = pytest.mark.django_db


def upload_import(web: WebClient, content: bytes, filename: str) -> int:
    """Upload → accept the proposed column mapping, as a person does on the pages. Returns the job id."""
    r = web.post("/manage/lists/import/power/", {}, files={"file": (filename, content)})
    assert r.status == 200 and "/manage/lists/import-jobs/" in r.url, (r.status, r.url, r.text[:500])
    job_id = int(r.url.rstrip("/").rsplit("/", 1)[-1])
    form = next(f for f in r.forms() if any(k.startswith("col_") for k in f["fields"]))
    r = web.post(f"/manage/lists/import-jobs/{job_id}/", form["fields"])
    assert r.status == 200, r.text[:500]
    return job_id


def job_status(web: WebClient, job_id: int) -> dict:
    r = web.get(f"/api/v1/list-import-jobs/{job_id}/")
    assert r.status == 200, r.text[:300]
    return r.json()


def test_serve_alone_runs_an_excel_import_to_the_end(demo_archive, empty_database, tmp_path):
    if demo_archive["manifest"]["database"]["vendor"] != "sqlite" and not empty_database:
        pytest.skip("需要与备份同类的数据库")
    site = tmp_path / "site"
    env = restore_site(demo_archive["archive"], site, empty_database)
    port = free_port()
    log = tmp_path / "serve.log"
    proc = start(["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"], env, log)
    try:
        web = WebClient(f"http://127.0.0.1:{port}")
        # /healthz turns 200 only once the worker has reported: the worker runs without any other command.
        health = wait_for(lambda: (r := web.get("/healthz")).status == 200 and r.json(), 120,
                          what="healthz 200（含后台任务心跳）")
        assert health["checks"]["worker"]["heartbeat_age_seconds"] < 60
        web.login("jiaotong", DEMO_PASSWORD)
        job_id = upload_import(web, xlsx([row("城市公共汽车客运线路经营许可-一键运行"),
                                          row("道路运输车辆年度审验-一键运行", category="行政确认")]),
                               "交通运输局权力清单.xlsx")
        assert job_status(web, job_id)["status"] in ("queued", "running", "succeeded")
        done = wait_for(lambda: (j := job_status(web, job_id))["status"] in ("succeeded", "failed") and j, 120,
                        what="导入任务完成")
        assert done["status"] == "succeeded", done
        page = web.get(f"/manage/lists/import-jobs/{job_id}/").text
        assert "已导入 2 行：新建 2 条" in page
        # the web process warmed itself up before it served (ops/warmup.py), a demo clerk's pages included
        warmed = log.read_text("utf-8", "replace")
        assert "预热完成" in warmed and "预热时出错" not in warmed, warmed[-3000:]
    except BaseException:
        print(log.read_text("utf-8", "replace")[-6000:])  # what the server printed, shown with the failure
        raise
    finally:
        code = stop(proc)
    output = log.read_text("utf-8", "replace")
    assert code == 0, output[-3000:]
    assert "web    | " in output and "worker | " in output  # both parts printed, with their names
    assert "run_import_job" in output and "已停止（退出码 0）" in output
    if env["DATABASE_URL"].startswith("sqlite"):
        with sqlite3.connect(site / "bianzhi.sqlite3") as db:
            names = {r[0] for r in db.execute("SELECT name FROM lists_poweritem WHERE name LIKE '%一键运行%'")}
        assert names == {"城市公共汽车客运线路经营许可-一键运行", "道路运输车辆年度审验-一键运行"}
    time.sleep(0.5)
    assert proc.poll() is not None
