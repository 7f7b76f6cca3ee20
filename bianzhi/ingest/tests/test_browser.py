"""luru opens 百色市教育局, uploads its 三定 (Word), checks the draft against the highlighted source,
corrects one item, rejects another and accepts: a 三定 draft version citing the document is created."""
import pytest

from bianzhi.registry.models import Unit

from .conftest import CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload_as_luru(login, unit, path):
    """luru uploads one file for `unit` on its upload page; the page is left on what the upload answers."""
    page = login("luru")
    page.set_default_timeout(60000)
    page.goto(f"{page.base_url}/manage/ingest/units/{unit.pk}/upload/")
    page.set_input_files("#id_file", str(path))
    page.click("button:has-text('上传并识别')")
    return page


def test_clerk_uploads_checks_side_by_side_and_accepts(login, demo):
    from bianzhi.ingest.models import IngestJob
    from conftest import ARTIFACTS

    edu = Unit.objects.get(name="百色市教育局")
    page = login("luru")
    page.set_default_timeout(60000)  # upload + parse on a loaded CI machine
    page.goto(f"{page.base_url}/manage/units/{edu.pk}/")
    page.click("text=上传三定文件识别")
    assert page.locator("#id_unit").input_value() == str(edu.pk)
    page.set_input_files("#id_file", str(CORPUS / "s1_baise_jiaoyuju_2019.docx"))
    page.click("button:has-text('上传并识别')")
    page.wait_for_selector("#source mark")

    # the source with highlights on one side, the draft on the other
    source_box = page.locator("#source").bounding_box()
    draft_box = page.locator("form.ingest-draft").bounding_box()
    assert source_box["x"] + source_box["width"] <= draft_box["x"] + 1
    assert page.locator("#source mark").count() >= 25
    # clicking an item marks its source text
    page.click("#item-internal_bodies-6 .head span")
    assert "active" in page.locator("#src-internal_bodies-6").get_attribute("class")
    assert page.locator("#src-internal_bodies-6").inner_text().startswith("机关党委。")
    # correct one body name, reject one duty
    page.fill("#f-internal_bodies-4-name", "教育信息化科")
    page.uncheck("input[name='a-duties-6']")
    assert "rejected" in page.locator("#src-duties-6").get_attribute("class")
    page.fill("#id_effective_on", "2023-03-01")
    page.locator("#item-internal_bodies-4").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "ingest-review.png"), full_page=False)
    page.click("button:has-text('采用勾选的内容')")
    page.wait_for_selector("text=已按核对结果生成三定草稿")
    page.screenshot(path=str(ARTIFACTS / "ingest-draft-created.png"), full_page=False)
    content = page.content()
    assert "百办发〔2019〕23号" in content and "教育信息化科" in content

    job = IngestJob.objects.latest("id")
    assert job.sanding_version.document.doc_number == "百办发〔2019〕23号"
    page.goto(f"{page.base_url}/manage/ingest/")
    assert "已生成三定草稿" in page.locator("table").inner_text()


def test_review_shows_missing_sections_and_a_unit_mismatch(login, demo, tmp_path):
    """issue 12 / issue 11 #5: a clerk uploads a pasted fragment that names another unit under 百色市教育局 — the
    review screen says what was not found and warns about the unit; the draft needs an explicit confirmation."""
    from bianzhi.ingest.models import IngestJob, JobStatus
    from conftest import ARTIFACTS

    edu = Unit.objects.get(name="百色市教育局")
    fragment = tmp_path / "装备中心编制.txt"
    fragment.write_text("四、人员编制\n百色市教育装备中心事业编制12名。其中：主任1名，副主任2名（正科级）。\n", encoding="utf-8")
    page = upload_as_luru(login, edu, fragment)
    page.wait_for_selector("#unit-mismatch")
    warning = page.locator("#unit-mismatch").inner_text()
    assert "百色市教育装备中心" in warning and "百色市教育局" in warning
    report = page.locator(".ingest-report").inner_text()
    assert "未识别出内设机构" in report and "未识别出主要职责" in report and "识别出人员编制 1 项" in report
    assert page.locator(".ingest-report li.missing[data-section='internal_bodies']").count() == 1
    page.fill("#id_effective_on", "2023-03-01")
    page.screenshot(path=str(ARTIFACTS / "ingest-review-mismatch.png"), full_page=False)
    page.click("button:has-text('采用勾选的内容')")
    page.wait_for_selector("div.alert.error")
    assert "确认录入到该单位" in page.locator("div.alert.error").inner_text()
    job = IngestJob.objects.latest("id")
    assert job.status == JobStatus.PENDING
    # the clerk confirms explicitly: now the draft is made
    page.fill("#id_effective_on", "2023-03-01")
    page.check("input[name='confirm_unit']")
    page.click("button:has-text('采用勾选的内容')")
    page.wait_for_selector("text=已按核对结果生成三定草稿")
    job.refresh_from_db()
    assert job.status == JobStatus.APPLIED


def test_review_says_which_sections_were_inferred(login, demo, tmp_path):
    """ADR 0068/0069: a page whose bodies and duties no rule reads — the judges' values are shown with the note that
    they were inferred from the page's lists, each highlighted in the source beside it."""
    from conftest import ARTIFACTS

    edu = Unit.objects.get(name="百色市教育局")
    source = tmp_path / "教育局简介.txt"
    source.write_text("百色市教育局,是百色市人民政府主管全市教育工作的工作部门。\n百色市教育局内部机构设置如下:\n"
                      "- 办公室:负责文电、会务、机要等机关日常运转工作。\n- 基础教育科:负责全市基础教育的宏观管理。\n"
                      "- 职业教育科:负责全市职业教育工作。\n- 教师工作科:负责教师队伍建设。\n", encoding="utf-8")
    page = upload_as_luru(login, edu, source)
    page.wait_for_selector(".ingest-report")
    bodies = page.locator(".ingest-report li[data-section='internal_bodies']").inner_text()
    assert "识别出内设机构 4 项" in bodies and "推断" in bodies
    assert "推断" not in page.locator(".ingest-report li[data-section='unit']").inner_text()
    assert page.locator("#src-internal_bodies-0").count() == 1  # the source span of the first inferred body
    page.screenshot(path=str(ARTIFACTS / "ingest-review-inferred.png"), full_page=False)
