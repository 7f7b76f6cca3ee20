"""issue 12 #4: the review screen says, for the document's own data, the unit it names (checked against the unit
chosen) and every section, what was found and what was not — an empty field is never an empty silence."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bianzhi.ingest.models import IngestJob
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def jiaoyuju(demo):
    return Unit.objects.get(name="百色市教育局")


def report(page: str) -> dict:
    return {k: (cls, re.sub(r"\s+", " ", msg).strip()) for cls, k, msg in
            re.findall(r'<li class="(found|missing)" data-section="([^"]+)">(.*?)</li>', page, re.S)}


def upload_text(c, unit, name, text):
    r = c.post("/manage/ingest/upload/", {"unit": unit.pk, "file": SimpleUploadedFile(name, text.encode(), "text/plain")})
    assert r.status_code in (200, 302)
    job = IngestJob.objects.latest("id")
    return job, c.get(f"/manage/ingest/{job.pk}/").content.decode()


def test_a_fragment_without_unit_or_header_says_both_are_missing(client_for, jiaoyuju):
    c = client_for("luru")
    _job, page = upload_text(c, jiaoyuju, "编制.txt", "四、人员编制\n机关行政编制20名。其中：局长1名，副局长2名。\n")
    r = report(page)
    assert r["unit"][0] == "missing" and "未识别出文件所述单位" in r["unit"][1] and "百色市教育局" in r["unit"][1]
    assert r["header"][0] == "missing" and "未识别出标题、文号、发文机关、发文日期" in r["header"][1]
    assert r["internal_bodies"][0] == "missing" and r["staffing"][0] == "found"


def test_a_notice_for_the_chosen_unit_reports_its_data_its_unit_and_its_totals(client_for, jiaoyuju):
    c = client_for("luru")
    text = ("关于调整百色市教育局机构编制事项的通知\n百编办〔2022〕7号\n市教育局:\n一、为市教育局核增机关行政编制1名。\n"
            "特此通知。\n中共百色市委机构编制委员会办公室\n2022年5月9日\n")
    job, page = upload_text(c, jiaoyuju, "通知.txt", text)
    assert job.kind == "adjustment"
    r = report(page)
    assert r["unit"] == ("found", "✓ 文件所述单位“百色市教育局”与所选单位“百色市教育局”一致")
    assert r["header"] == ("found", "✓ 识别出标题、文号、发文机关、发文日期")
    assert r["changes"][0] == "found"
    assert r["totals_after"] == ("missing", "⚠ 未识别出调整后数额（原文未写明时无需处理）")


def test_another_units_document_is_flagged_in_the_report_too(client_for, jiaoyuju):
    c = client_for("luru")
    _job, page = upload_text(c, jiaoyuju, "片段.txt", "百色市体育局是市政府工作部门，为正处级。\n")
    r = report(page)
    assert r["unit"] == ("missing", "⚠ 文件所述单位“百色市体育局”与所选单位“百色市教育局”不一致")
    assert 'id="unit-mismatch"' in page
