"""ADR 0070: the documents clerks confirmed, exported as labelled texts the learned judges can be trained on."""
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.ingest.models import IngestJob, JobStatus
from bianzhi.registry.models import Unit

from .test_views import form_data, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_job(client_for, demo):
    """luru uploads 百色市教育局's 三定, corrects one body, leaves one duty unticked and accepts."""
    edu = Unit.objects.get(name="百色市教育局")
    c = client_for("luru")
    r = upload(c, edu, "s1_baise_jiaoyuju_2019.docx")
    job = IngestJob.objects.latest("id")
    data = form_data(c.get(r["Location"]).content.decode())
    data["effective_on"] = "2023-03-01"
    data["f-internal_bodies-4-name"] = "电化教育科（已核对）"
    del data["a-duties-6"]
    assert c.post(f"/manage/ingest/{job.pk}/", data).status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.APPLIED
    return job


def test_the_label_is_what_the_clerk_confirmed(accepted_job, tmp_path):
    call_command("export-ingest-corpus", str(tmp_path), user="luru", stdout=open("/dev/null", "w"))
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in manifest] == [f"job{accepted_job.pk}.txt"]
    text = (tmp_path / f"job{accepted_job.pk}.txt").read_text(encoding="utf-8")
    assert text.startswith("# source: 文件识别任务") and accepted_job.original_text in text
    label = json.loads((tmp_path / f"job{accepted_job.pk}.json").read_text(encoding="utf-8"))
    assert label["unit"] == "百色市教育局" and label["doc_number"] == "百办发〔2019〕23号"
    assert "电化教育科（已核对）" in label["internal_bodies"]  # the clerk's correction, not the parser's reading
    parsed = [d for d in accepted_job.result["duties"]]
    assert len(label["duty_heads"]) == len(parsed) - 1  # the unticked duty is no duty of the label
    assert AuditLogEntry.objects.filter(action="export", after__what="ingest_corpus", username="luru").exists()


def test_a_user_exports_only_the_units_in_scope(accepted_job, tmp_path):
    from django.contrib.auth import get_user_model
    get_user_model().objects.create_user("waibu", password="Waibu@20240101")  # no role, no scope
    out = tmp_path / "outsider"
    call_command("export-ingest-corpus", str(out), user="waibu", stdout=open("/dev/null", "w"))
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == []


def test_the_judges_train_on_an_exported_corpus(accepted_job, tmp_path):
    call_command("export-ingest-corpus", str(tmp_path), user="luru", stdout=open("/dev/null", "w"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
    import judge_training
    from train_body_lists import JUDGE
    rows = judge_training.texts(JUDGE, lambda split: True, tmp_path)
    assert len(rows) == 1 and rows[0]["gold"]["电化教育科(已核对)"] == 1  # NFKC: the label's brackets
    assert rows[0]["cands"]  # the document's lists are candidates


def test_an_unknown_user_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("export-ingest-corpus", str(tmp_path), user="nobody")


def test_training_with_an_office_corpus_beside_the_public_one(accepted_job, tmp_path):
    import subprocess
    call_command("export-ingest-corpus", str(tmp_path), user="luru", stdout=open("/dev/null", "w"))
    root = Path(__file__).resolve().parents[3]
    run = subprocess.run([sys.executable, "scripts/train_duty_lists.py", "--folds", "--extra", str(tmp_path)], cwd=root,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "τ=0.7" in run.stdout and "candidate items" in run.stdout
