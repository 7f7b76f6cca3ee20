import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bianzhi.registry.models import Unit

from .conftest import CORPUS

pytestmark = pytest.mark.django_db


def test_api_upload_in_scope_and_read_back(api_for, demo):
    edu = Unit.objects.get(name="百色市教育局")
    police = Unit.objects.get(name="百色市公安局")
    api = api_for("luru")
    data = (CORPUS / "n2_youjiang_jiaotongju_tiaozheng.pdf").read_bytes()
    r = api.post("/api/v1/ingest-jobs/", {"unit": edu.pk, "file": SimpleUploadedFile("n2.pdf", data)}, format="multipart")
    assert r.status_code == 201, r.content
    job = r.json()
    assert job["kind"] == "adjustment" and job["result"]["doc_number"] == "右编办〔2022〕8号"
    assert job["spans"] and job["method"] == "pdf-text"
    assert api.get(f"/api/v1/ingest-jobs/{job['id']}/").status_code == 200
    # out of scope: the unit and the job are absent
    r = api.post("/api/v1/ingest-jobs/", {"unit": police.pk, "file": SimpleUploadedFile("n2.pdf", data)}, format="multipart")
    assert r.status_code == 404
    assert api_for("jiaotong").get(f"/api/v1/ingest-jobs/{job['id']}/").status_code == 404
    r = api.post("/api/v1/ingest-jobs/", {"unit": edu.pk, "file": SimpleUploadedFile("a.xlsx", b"xx")}, format="multipart")
    assert r.status_code == 400 and "文件“a.xlsx”的内容是纯文本" in r.json()["file"][0]  # the upload guard sniffs content
