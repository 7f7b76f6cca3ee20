"""Findings 4 and 7 (issue 15): an import never stays “导入中” forever, and over-long values and NUL bytes are
refused with row and column (SQLite stored them; PostgreSQL crashed the worker and left the job running).

The probe: an import died on `database is locked` and stayed “导入中”; a killed worker left its job running;
a cell with a NUL byte or a 600-character name crashed the worker on PostgreSQL. Nothing partial was ever
written — that stays so."""
import os
import time

import pytest

from bianzhi.lists import importer
from bianzhi.lists.models import ImportJob, PowerItem

from .helpers import row, run, xlsx

pytestmark = pytest.mark.django_db


def test_nul_byte_refused_with_row_and_column(users):
    before = PowerItem.objects.count()
    # openpyxl refuses to write a NUL itself, so the file is a CSV, as an attacker would send it
    csv_text = "事项名称,事项类别,实施部门,设定依据\n正常事项,行政许可,百色市交通运输局,《条例》第一条\n" \
               "含\x00空字符,行政许可,百色市交通运输局,《条例》第二条\n"
    job = run(users["jiaotong"], csv_text.encode("utf-8"), filename="清单.csv")
    assert job.status == "failed"
    errors = [(e["row"], e["column"], e["message"]) for e in job.errors]
    assert any(r == 3 and c == "A" and "NUL" in m for r, c, m in errors), errors
    assert PowerItem.objects.count() == before


def test_over_long_value_refused_with_row_and_column(users):
    before = PowerItem.objects.count()
    job = run(users["jiaotong"], xlsx([row("正常事项"), row("长" * 600)]))
    assert job.status == "failed"
    errors = [(e["row"], e["column"], e["message"]) for e in job.errors]
    assert (3, "B", "内容过长：600 个字，此列最多 500 个字") in errors, errors
    assert PowerItem.objects.count() == before


def test_unexpected_error_ends_the_job_failed_not_running(users, monkeypatch):
    from django.db import OperationalError

    def boom(self):
        raise OperationalError("database is locked")

    monkeypatch.setattr(importer.PowerImporter, "run", boom)
    job = run(users["jiaotong"], xlsx([row("事项甲")]))
    assert job.status == "failed"
    assert "系统错误" in job.message and "重新导入" in job.message
    assert ImportJob.objects.get(pk=job.pk).status == "failed"


def _running_job(user):
    """A job its worker had started (status "running") when the worker was killed: nothing written yet."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    job = ImportJob(owner=user, kind="power", original_name="清单.xlsx")
    job.file.save("清单.xlsx", ContentFile(xlsx([row("事项乙")])), save=False)
    importer.inspect_upload(job)
    job.status, job.started_at = "running", timezone.now()
    job.save()
    return job


def test_job_of_a_dead_worker_is_marked_failed_and_can_be_retried(users, client_for):
    """A worker killed mid-import: its heartbeat stops; the job page marks the job failed with a reason."""
    job = _running_job(users["jiaotong"])
    beat = importer.heartbeat_path(job.pk)
    beat.touch()
    assert not importer.fail_if_stale(job)  # alive: a fresh heartbeat
    old = time.time() - importer.JOB_STALE_SECONDS - 5
    os.utime(beat, (old, old))
    client = client_for("jiaotong")
    page = client.get(f"/manage/lists/import-jobs/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == "failed"
    assert "后台任务进程已停止" in job.message and "后台任务进程已停止" in page
    assert "重新导入" in page
    response = client.post(f"/manage/lists/import-jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "succeeded", job.message  # huey runs inline in tests: it ran again, and landed
    assert PowerItem.objects.filter(name="事项乙").count() == 1


def test_running_job_without_heartbeat_file_goes_stale_from_its_start(users):
    from datetime import timedelta

    from django.utils import timezone

    job = _running_job(users["jiaotong"])
    importer.heartbeat_path(job.pk).unlink(missing_ok=True)
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(minutes=10))
    job.refresh_from_db()
    assert importer.fail_if_stale(job)
    assert ImportJob.objects.get(pk=job.pk).status == "failed"
