"""Large exports (issue 14, item 5): read unit batch by unit batch in constant memory, written by the worker with
a progress bar, downloadable only by the user who asked, holding exactly what the list holds."""
import csv
import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bianzhi.lists import exporter, exports
from bianzhi.lists.models import PowerItem, ResponsibilityItem

pytestmark = pytest.mark.django_db


def sheet_rows(content: bytes) -> list[tuple]:
    return [tuple(r) for r in load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
            .iter_rows(values_only=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("kind, model", [("power", PowerItem), ("duty", ResponsibilityItem)])
def test_batched_rows_equal_the_whole_read_in_the_same_order(lists_demo, monkeypatch, kind, model):
    queryset = model.objects.all()
    whole = list(exporter.ROWS[kind](queryset))
    monkeypatch.setattr(exporter, "UNIT_BATCH_ITEMS", 3)  # many small batches
    seen = []
    batched = list(exporter.iter_rows(kind, queryset, progress=seen.append))
    assert batched == whole and len(whole) >= 8
    assert len(seen) > 2 and seen == sorted(seen) and seen[-1] == len(whole)
    # a unit is never split: a 主项 and its 子项 stay in one batch
    batches = list(exporter.unit_batches(queryset, limit=3))
    units = [u for ids, _n in batches for u in ids]
    assert len(units) == len(set(units)) == queryset.values("unit_id").distinct().count()
    assert sum(n for _ids, n in batches) == queryset.count()


def test_a_large_export_runs_in_the_background_and_only_its_owner_downloads_it(lists_demo, lclient, settings,
                                                                               media):
    settings.LISTS_EXPORT_INLINE_MAX = 2
    clerk = lclient("jiaotong")
    expected = PowerItem.objects.filter(unit__name__startswith="百色市交通运输局")
    assert expected.count() > 2
    response = clerk.get(reverse("lists:export", args=["power", "xlsx"]))
    assert response.status_code == 302 and "/manage/lists/exports/" in response["Location"]
    page = clerk.get(response["Location"]).content.decode()
    assert "已生成" in page and 'data-testid="export-download"' in page  # the worker ran (immediate in tests)
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    download = clerk.get(reverse("lists:export-download", args=[token]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    rows = sheet_rows(b"".join(download.streaming_content))
    # the same content as the inline export of the same scope
    assert rows == sheet_rows(exporter.export_xlsx("power", expected))
    names = {r[1] for r in rows[1:]}
    assert "道路运输经营许可" in names and "教师资格认定" not in names
    # another user: as if the job did not exist
    other = lclient("luru")
    for name in ("lists:export-job", "lists:export-progress", "lists:export-download"):
        assert other.get(reverse(name, args=[token])).status_code == 404
    assert clerk.get(reverse("lists:export-job", args=["0" * 32])).status_code == 404


def test_the_background_export_keeps_the_list_filters_and_csv(lists_demo, lclient, settings, media):
    settings.LISTS_EXPORT_INLINE_MAX = 1
    clerk = lclient("luru")
    unit = PowerItem.objects.filter(unit__name="百色市教育局").first().unit
    response = clerk.get(reverse("lists:export", args=["power", "csv"]) + f"?unit={unit.pk}")
    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    content = b"".join(clerk.get(reverse("lists:export-download", args=[token])).streaming_content)
    assert content.startswith("\ufeff".encode())
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    assert header[0] == "编码" and len(rows) == PowerItem.objects.filter(unit=unit).count()
    assert {row[4] for row in rows} == {"百色市教育局"}


def test_old_export_files_are_purged(media):
    default_storage.save("exports/old.xlsx", ContentFile(b"x"))
    assert exports.purge_old_files(now=timezone.now()) == 0
    assert exports.purge_old_files(now=timezone.now() + datetime.timedelta(days=2)) == 1
    assert not default_storage.exists("exports/old.xlsx")
