"""/healthz reports each shared service and the worker's heartbeat; /metrics is for administrators or allowed
networks and carries request, queue and job figures."""
import time

import pytest
from huey.contrib.djhuey import HUEY

from bianzhi.ops import jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_queue_storage():
    HUEY.delete(jobs.HEARTBEAT_KEY)
    HUEY.delete(jobs.STATS_KEY)
    yield
    HUEY.delete(jobs.HEARTBEAT_KEY)
    HUEY.delete(jobs.STATS_KEY)


def test_healthz_is_503_and_names_the_worker_until_it_reports(client, fresh_queue_storage):
    r = client.get("/healthz")
    assert r.status_code == 503 and r["Content-Type"] == "application/json"
    body = r.json()
    assert body["status"] == "fail"
    assert {k: v["ok"] for k, v in body["checks"].items()} == {
        "database": True, "cache": True, "queue": True, "storage": True, "worker": False}
    assert "从未报到" in body["checks"]["worker"]["error"]

    jobs.worker_heartbeat.call_local()  # what the worker's scheduler runs every minute
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["checks"]["worker"]["heartbeat_age_seconds"] < 5

    HUEY.put(jobs.HEARTBEAT_KEY, time.time() - 600)  # a worker that stopped ten minutes ago
    r = client.get("/healthz")
    assert r.status_code == 503 and r.json()["checks"]["worker"]["heartbeat_age_seconds"] >= 600


def test_healthz_reports_a_broken_file_store(client, settings, tmp_path, fresh_queue_storage):
    jobs.beat()
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("x")
    settings.MEDIA_ROOT = blocked
    r = client.get("/healthz")
    assert r.status_code == 503
    storage = r.json()["checks"]["storage"]
    assert storage["ok"] is False and storage["error"]


def test_metrics_for_admins_and_allowed_networks_only(client, client_for, settings, fresh_queue_storage):
    assert client.get("/metrics").status_code == 403
    assert client_for("luru").get("/metrics").status_code == 403
    client_for("luru").get("/")  # a request to count
    jobs.record_duration("run_import_job", 3.2, failed=False)
    jobs.record_duration("run_import_job", 0.4, failed=True)
    r = client_for("admin").get("/metrics")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/plain")
    text = r.content.decode()
    assert 'bianzhi_http_requests_total{method="GET",status="200",view="portal:home"}' in text
    assert 'bianzhi_http_request_duration_seconds_bucket{le="0.5",method="GET",view="portal:home"}' in text
    assert 'bianzhi_queue_depth{state="pending"} 0.0' in text
    assert 'bianzhi_job_duration_seconds_count{task="run_import_job"} 2.0' in text
    assert 'bianzhi_job_duration_seconds_bucket{le="0.5",task="run_import_job"} 1.0' in text
    assert 'bianzhi_job_failures_total{task="run_import_job"} 1.0' in text
    assert "bianzhi_worker_heartbeat_age_seconds -1.0" in text

    settings.METRICS_ALLOW = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.9").status_code == 403
