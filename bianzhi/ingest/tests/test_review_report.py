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


def test_sections_a_learned_judge_filled_are_marked_as_inferred(client_for, jiaoyuju):
    """ADR 0068/0069: bodies and duties the rules did not read but the learned judges took from the text's lists are
    said to be inferred, so that the clerk checks them item by item; sections the rules read are not."""
    c = client_for("luru")
    text = ("百色市教育局,是百色市人民政府主管全市教育工作的工作部门。\n百色市教育局内部机构设置如下:\n"
            "- 办公室:负责文电、会务、机要等机关日常运转工作。\n- 基础教育科:负责全市基础教育的宏观管理。\n"
            "- 职业教育科:负责全市职业教育工作。\n- 教师工作科:负责教师队伍建设。\n- 计划财务科:负责教育经费管理。\n"
            "局务职能\n1、贯彻执行国家教育工作的方针政策;\n2、拟订全市教育事业发展规划;\n3、负责全市各级各类学校的设置审核;\n"
            "4、指导全市教育督导评估工作。\n")
    job, page = upload_text(c, jiaoyuju, "教育局.txt", text)
    assert [b["name"] for b in job.result["internal_bodies"]] == ["办公室", "基础教育科", "职业教育科", "教师工作科", "计划财务科"]
    assert len(job.result["duties"]) == 4
    assert set(job.meta["learned"]) == {"internal_bodies", "duties"}
    r = report(page)
    assert r["internal_bodies"][0] == "found" and "识别出内设机构 5 项" in r["internal_bodies"][1]
    assert "推断" in r["internal_bodies"][1] and "推断" in r["duties"][1]
    assert "推断" not in r["unit"][1]  # the rules read the unit


def test_sections_the_rules_read_are_not_marked_as_inferred(client_for, jiaoyuju):
    c = client_for("luru")
    job, page = upload_text(c, jiaoyuju, "三定.txt", "百色市教育局设下列内设机构:\n(一)办公室。负责机关日常运转。\n"
                            "(二)基础教育科。负责基础教育管理。\n")
    assert not (job.meta or {}).get("learned")
    assert "推断" not in report(page)["internal_bodies"][1]


def test_a_learned_body_list_shorter_than_its_stated_count_is_reported(client_for, jiaoyuju):
    """Session 19: a list the page cut (“现有科室6个,分别为:…、计财科、”) gives its names; the section tells the clerk
    the number the document states, so the missing one is typed in (meta “stated_counts”)."""
    c = client_for("luru")
    job, page = upload_text(c, jiaoyuju, "片段.txt",
                            "二、机构设置\n百色市教育局现有科室6个,分别为:办公室、基础教育科、职业教育科、人事科、计财科、\n")
    assert [b["name"] for b in job.result["internal_bodies"]] == ["办公室", "基础教育科", "职业教育科", "人事科", "计财科"]
    r = report(page)
    assert r["internal_bodies"][0] == "missing"  # shown as a warning (⚠): names to add
    assert "识别出内设机构 5 项" in r["internal_bodies"][1] and "原文写明6个，与识别出的5项不一致" in r["internal_bodies"][1]
