"""Stored files go through Django's storage API only: an Excel import and its error workbook work on a store that
has no local paths at all (as S3 has none), so app nodes can share any store."""
import io
from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from openpyxl import load_workbook

from bianzhi.lists.models import PowerItem
from bianzhi.lists.tests.helpers import row, run, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathless_store(settings, tmp_path):
    """Django's in-memory store: bytes in, bytes out, nothing on this machine's disk (like an S3 bucket)."""
    settings.MEDIA_ROOT = tmp_path / "nothing-here"  # where its (virtual) paths point: no file will be there
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    assert default_storage.__class__ is InMemoryStorage
    return default_storage


def test_import_and_error_workbook_on_a_store_without_local_paths(users, pathless_store):
    job = run(users["jiaotong"], xlsx([row("无本地路径存储事项甲"), row("无本地路径存储事项乙", category="行政确认")]))
    assert job.status == "succeeded", job.errors
    assert pathless_store.exists(job.file.name) and not Path(pathless_store.path(job.file.name)).exists()
    assert PowerItem.objects.filter(name__startswith="无本地路径存储事项").count() == 2

    job = run(users["jiaotong"], xlsx([row("无本地路径存储事项丙", category="行政许咳")]))
    assert job.status == "failed" and job.error_file.name
    assert pathless_store.exists(job.error_file.name)
    with pathless_store.open(job.error_file.name, "rb") as fh:
        sheet = load_workbook(io.BytesIO(fh.read())).active
    assert any("您是否要填“行政许可”" in str(c.value) for r in sheet.iter_rows() for c in r if c.value)
