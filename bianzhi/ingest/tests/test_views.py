"""The review screen: upload in scope, source with highlights beside the draft, accept/correct items,
one approval document + one 三定 draft version; scope, bad input and concurrent edits."""
import datetime
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bianzhi.documents.models import ApprovalDocument
from bianzhi.ingest.models import IngestJob, JobStatus
from bianzhi.registry.models import Unit

from .conftest import CORPUS

pytestmark = pytest.mark.django_db


def upload(client, unit, name):
    data = (CORPUS / name).read_bytes()
    return client.post("/manage/ingest/upload/", {"unit": unit.pk, "file": SimpleUploadedFile(name, data)})


class _FormCollector(HTMLParser):
    """Every field of the page's forms as the browser would post it (checked boxes, selected options)."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data[a["name"]] = "on"
            else:
                self.data[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(page_html):
    collector = _FormCollector()
    collector.feed(page_html)
    data = collector.data
    data.pop("csrfmiddlewaretoken", None)
    if data.get("a-statement") is None and "a-statement" not in page_html:
        pass
    return data


@pytest.fixture
def jiaoyuju(demo):
    return Unit.objects.get(name="百色市教育局")


def test_upload_review_and_accept_creates_document_and_sanding_draft(client_for, jiaoyuju):
    from bianzhi.sanding import services as sd

    c = client_for("luru")
    r = upload(c, jiaoyuju, "s1_baise_jiaoyuju_2019.docx")
    assert r.status_code == 302
    job = IngestJob.objects.latest("id")
    page = c.get(r["Location"]).content.decode()
    # source on one side with highlights, draft on the other
    assert 'id="src-duties-0"' in page and 'id="item-duties-0"' in page
    assert '<mark id="src-statement" data-key="statement"' in page
    assert "离退休干部工作办公室" in page
    data = form_data(page)
    assert data["doc_number"] == "百办发〔2019〕23号" and data["doc_type"] == "sanding"
    data["effective_on"] = "2023-03-01"
    data["f-internal_bodies-4-name"] = "电化教育科（已核对）"  # a correction
    del data["a-duties-6"]  # one item not accepted
    r = c.post(f"/manage/ingest/{job.pk}/", data)
    assert r.status_code == 302, r.content.decode()[:3000]
    job.refresh_from_db()
    assert job.status == JobStatus.APPLIED
    doc = job.document
    assert (doc.doc_number, doc.doc_type, doc.unit) == ("百办发〔2019〕23号", "sanding", jiaoyuju)
    assert doc.files.get().original_name == "s1_baise_jiaoyuju_2019.docx"
    version = job.sanding_version
    assert version.document == doc and version.is_draft and version.effective_date == datetime.date(2023, 3, 1)
    snap = sd.snapshot(jiaoyuju, draft=version)
    main = [d.text for d in snap.duties_of("main")]
    assert len(main) == 7 and main[0].startswith("贯彻执行国家和自治区的教育方针")  # the document's list replaces the old one
    assert not any(t.startswith("负责全市语言文字工作") for t in main)  # not accepted
    assert main[0] == "贯彻执行国家和自治区的教育方针、政策和法律法规，拟订全市教育发展规划和政策措施并组织实施。"  # as written
    assert [d.text[:4] for d in snap.duties_of("transform")] == ["职能转变"]
    assert "电化教育科（已核对）" in [b.name for b in snap.bodies]
    assert "离退休干部工作办公室" in [b.name for b in snap.bodies]
    assert snap.statement.rank == "zhengchu"
    assert snap.statement.nature_text == "市教育局是市政府工作部门，为正处级，加挂市语言文字工作委员会办公室牌子。"
    assert ("admin", 45, [{"label": "纪检监察编制", "count": 2}, {"label": "援派编制", "count": 1}]) in [
        (s.staffing_type, s.count, s.includes) for s in snap.staffing]
    posts = {p.title: (p.count, p.rank, p.note) for p in snap.head_posts}
    assert posts["局长"][0] == 1 and posts["总督学"][:2] == (1, "正科级")
    assert posts["副局长"][0] == 3 and posts["副局长"][2] == "其中1名兼任市语言文字工作委员会办公室主任"
    assert {("正科级", 8), ("副科级", 3)} <= {(q.level, q.count) for q in snap.leadership}
    assert "百色市语言文字工作委员会办公室" in [p.name for p in snap.plaques]  # restated, not duplicated
    assert "市语言文字工作委员会办公室" not in [p.name for p in snap.plaques]
    # accepted once only
    page = c.get(f"/manage/ingest/{job.pk}/").content.decode()
    assert "已采用并生成三定草稿" in page and "采用勾选的内容" not in page


def test_bad_count_names_the_item_and_writes_nothing(client_for, jiaoyuju):
    c = client_for("luru")
    upload(c, jiaoyuju, "s1_baise_jiaoyuju_2019.docx")
    job = IngestJob.objects.latest("id")
    data = form_data(c.get(f"/manage/ingest/{job.pk}/").content.decode())
    data["effective_on"] = "2023-03-01"
    data["f-staffing-0-count"] = "四十五个半"
    docs_before = ApprovalDocument.objects.count()
    r = c.post(f"/manage/ingest/{job.pk}/", data)
    page = r.content.decode()
    assert r.status_code == 400
    assert "人员编制“机关行政编制”：数额应为非负整数，收到“四十五个半”" in page
    assert 'value="四十五个半"' in page  # the user's input is kept
    assert ApprovalDocument.objects.count() == docs_before
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING and job.sanding_version is None


def test_missing_effective_date_and_concurrent_edit(client_for, jiaoyuju):
    c = client_for("luru")
    upload(c, jiaoyuju, "s1_baise_jiaoyuju_2019.docx")
    job = IngestJob.objects.latest("id")
    data = form_data(c.get(f"/manage/ingest/{job.pk}/").content.decode())
    r = c.post(f"/manage/ingest/{job.pk}/", data)
    assert r.status_code == 400 and "请填写生效日期或发文日期" in r.content.decode()
    IngestJob.objects.get(pk=job.pk).save()  # someone else touched the job meanwhile
    data["effective_on"] = "2023-03-01"
    r = c.post(f"/manage/ingest/{job.pk}/", data)
    assert r.status_code == 400 and "该记录已被其他用户修改" in r.content.decode()
    assert IngestJob.objects.get(pk=job.pk).status == JobStatus.PENDING


def test_scope_upload_and_review(client_for, jiaoyuju):
    c = client_for("luru")
    other = Unit.objects.get(name="百色市交通运输局")
    r = upload(c, other, "s1_baise_jiaoyuju_2019.docx")
    assert r.status_code == 200 and "该单位不在您的录入范围内" in r.content.decode()
    upload(c, jiaoyuju, "s1_baise_jiaoyuju_2019.docx")
    job = IngestJob.objects.latest("id")
    assert client_for("jiaotong").get(f"/manage/ingest/{job.pk}/").status_code == 404
    assert client_for("jiaotong").get(f"/manage/ingest/{job.pk}/file/").status_code == 404
    assert "s1_baise_jiaoyuju_2019" not in client_for("jiaotong").get("/manage/ingest/").content.decode()
    assert client_for("luru").get(f"/manage/ingest/{job.pk}/file/").status_code == 200
    # read-only roles see it but cannot accept it
    assert client_for("lingdao").post(f"/manage/ingest/{job.pk}/", {}).status_code == 404


def test_unreadable_upload_gives_chinese_message(client_for, jiaoyuju):
    c = client_for("luru")
    before = IngestJob.objects.count()
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04junk")})
    assert r.status_code == 200
    assert "文件“x.xlsx”" in r.content.decode()  # the upload guard names the file and what is wrong with it
    assert IngestJob.objects.count() == before


def _accept_and_approve_base_sanding(c, users, unit):
    """The unit's 2019 三定 uploaded, accepted by the clerk and approved, as the base a notice changes."""
    from bianzhi.sanding import services as sd

    upload(c, unit, "s1_baise_jiaoyuju_2019.docx")
    job = IngestJob.objects.latest("id")
    data = form_data(c.get(f"/manage/ingest/{job.pk}/").content.decode())
    data["effective_on"] = "2023-03-01"
    assert c.post(f"/manage/ingest/{job.pk}/", data).status_code == 302
    job.refresh_from_db()
    sd.approve_version(job.sanding_version, acting_user=users["admin"])


def test_adjustment_notice_applies_operations_and_reports_what_it_cannot(client_for, users, jiaoyuju):
    from bianzhi.sanding import services as sd

    c = client_for("luru")
    _accept_and_approve_base_sanding(c, users, jiaoyuju)

    upload(c, jiaoyuju, "n1_baise_jiaoyuju_tiaozheng.docx")
    notice = IngestJob.objects.latest("id")
    assert notice.kind == "adjustment"
    page = c.get(f"/manage/ingest/{notice.pk}/").content.decode()
    data = form_data(page)
    assert data["doc_type"] == "adjustment"
    data["effective_on"] = "2023-06-18"
    r = c.post(f"/manage/ingest/{notice.pk}/", data)
    page = r.content.decode()
    assert r.status_code == 400
    assert "找不到“市人力资源和社会保障局”" in page  # transfers with a unit outside the clerk's scope
    assert "现行三定中没有找到含“校外培训机构审批职责”的职责" in page
    assert "“市教育考试院”不是本单位" in page
    for key in ("changes-1", "changes-2", "changes-3", "changes-8"):
        del data[f"a-{key}"]
    r = c.post(f"/manage/ingest/{notice.pk}/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    notice.refresh_from_db()
    snap = sd.snapshot(jiaoyuju, draft=notice.sanding_version)
    names = [b.name for b in snap.bodies]
    assert "职业技能培训科" in names and "电化教育科" not in names
    assert "基础教育与学前教育科" in names and "基础教育科" not in names
    assert "市语言文字工作委员会办公室" not in [p.name for p in snap.plaques]
    assert any("职业技能培训管理职责" == d.text for d in snap.duties)
    assert any("统筹指导全市教育督导评估监测工作" in d.text for d in snap.duties)
    assert notice.sanding_version.stated_totals == {"staffing:admin": 47, "leadership:正科级": 9, "leadership:副科级": 3}


def test_notice_adding_and_removing_leadership_posts_changes_the_quota(client_for, users, jiaoyuju):
    from bianzhi.sanding import services as sd

    c = client_for("luru")
    _accept_and_approve_base_sanding(c, users, jiaoyuju)
    before = {q.level: q.count for q in sd.snapshot(jiaoyuju).leadership}
    notice = ("关于调整百色市教育局领导职数的通知\n百编办〔2023〕9号\n市教育局:\n一、核增市教育局正科级领导职数1名。\n"
              "二、核减市教育局副科级领导职数1名。\n特此通知。\n中共百色市委机构编制委员会办公室\n2023年6月1日\n").encode()
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": SimpleUploadedFile("通知.txt", notice, "text/plain")})
    assert r.status_code in (200, 302)
    notice_job = IngestJob.objects.latest("id")
    page = c.get(f"/manage/ingest/{notice_job.pk}/").content.decode()
    assert "核增领导职数" in page and "核减领导职数" in page
    data = form_data(page)
    data["effective_on"] = "2023-06-01"
    r = c.post(f"/manage/ingest/{notice_job.pk}/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    notice_job.refresh_from_db()
    after = {q.level: q.count for q in sd.snapshot(jiaoyuju, draft=notice_job.sanding_version).leadership}
    assert after["正科级"] == before["正科级"] + 1
    assert after["副科级"] == before["副科级"] - 1


def test_demo_has_one_pending_notice_and_loading_twice_creates_nothing_twice(client_for, demo):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    job = IngestJob.objects.get()
    assert job.unit.name == "百色市财政局" and job.kind == "adjustment" and job.status == JobStatus.PENDING
    assert [c["op"] for c in job.result["changes"]] == ["body_create", "body_rename", "staffing_add"]
    page = client_for("luru").get(f"/manage/ingest/{job.pk}/").content.decode()
    assert "政府债务管理科" in page and 'id="src-changes-0"' in page


def test_review_shows_missing_sections_and_requires_a_choice_on_unit_mismatch(client_for, jiaoyuju):
    """issue 11 #5 / issue 12: a fragment naming another unit — the clerk is warned, sees what was not found,
    and cannot create the draft without confirming the unit."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for("luru")
    text = "百色市装备中心机关行政编制5名。其中：主任1名，副主任1名（正科级）。\n".encode()
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": SimpleUploadedFile("片段.txt", text, "text/plain")})
    assert r.status_code in (200, 302)
    job = IngestJob.objects.latest("id")
    assert job.result["unit"] == "百色市装备中心"
    page = c.get(f"/manage/ingest/{job.pk}/").content.decode()
    assert "单位不一致" in page and "百色市装备中心" in page
    assert "未识别出内设机构" in page and "未识别出主要职责" in page
    assert "识别出人员编制 1 项" in page
    data = form_data(page)
    data["effective_on"] = "2023-03-01"
    data.pop("confirm_unit", None)
    r = c.post(f"/manage/ingest/{job.pk}/", data)
    assert r.status_code == 400 and "确认录入到该单位" in r.content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING


def test_batch_upload_orders_the_history_base_first_then_notices_by_date(client_for, jiaoyuju):
    """issue 12 #5: several documents of one unit at once become one ordered history of drafts."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for("luru")
    notice2 = ("关于调整百色市教育局机构编制事项的通知\n百编办〔2022〕3号\n市教育局:\n一、为市教育局核增机关行政编制1名。\n"
               "特此通知。\n中共百色市委机构编制委员会办公室\n2022年3月1日\n").encode()
    notice1 = ("关于调整百色市教育局机构编制事项的通知\n百编办〔2021〕35号\n市教育局:\n一、市教育局加挂市语言文字工作委员会办公室牌子。\n"
               "特此通知。\n中共百色市委机构编制委员会办公室\n2021年6月18日\n").encode()
    base = (CORPUS / "s1_baise_jiaoyuju_2019.docx").read_bytes()
    files = [SimpleUploadedFile("通知2022.txt", notice2), SimpleUploadedFile("通知2021.txt", notice1),
             SimpleUploadedFile("三定2019.docx", base)]
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": files})
    assert r.status_code == 302
    jobs = list(IngestJob.objects.filter(unit=jiaoyuju).exclude(batch="").order_by("batch_position"))
    assert [(j.batch_position, j.original_name) for j in jobs] == [(1, "三定2019.docx"), (2, "通知2021.txt"), (3, "通知2022.txt")]
    assert r["Location"].endswith(f"/manage/ingest/{jobs[0].pk}/")
    page = c.get(f"/manage/ingest/{jobs[2].pk}/").content.decode()
    assert "同批上传（按沿革顺序）" in page
    # the 2022 notice cannot be accepted before the base 三定 and the 2021 notice
    data = form_data(page)
    data["effective_on"] = "2022-03-01"
    r = c.post(f"/manage/ingest/{jobs[2].pk}/", data)
    assert r.status_code == 400 and "请先核对并采用第 1 份“三定2019.docx”" in r.content.decode()


def test_a_batch_with_an_unreadable_file_keeps_nothing(client_for, jiaoyuju):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for("luru")
    before = IngestJob.objects.count()
    files = [SimpleUploadedFile("好.txt", "市教育局机关行政编制45名。".encode()), SimpleUploadedFile("坏.docx", b"PK\x03\x04broken")]
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": files})
    assert r.status_code == 200 and "“坏.docx”" in r.content.decode()
    assert IngestJob.objects.count() == before


def test_batch_of_a_legacy_doc_and_an_ofd_notice_reads_both(client_for, jiaoyuju, monkeypatch):
    """A clerk's archive as it is: the base 三定 as a Word 97 .doc (no LibreOffice on the server) and the notice as
    the OA system's OFD; the review screens show what the documents state."""
    import shutil
    from pathlib import Path

    from bianzhi.ingest import extract

    from .test_ofd import build_ofd

    real_which = shutil.which
    monkeypatch.setattr(extract.shutil, "which",
                        lambda name: None if name in ("soffice", "libreoffice") else real_which(name))
    c = client_for("luru")
    doc = (Path(__file__).resolve().parent / "files" / "s1_baise_jiaoyuju_2019.doc").read_bytes()
    files = [SimpleUploadedFile("调整通知.ofd", build_ofd()), SimpleUploadedFile("三定.doc", doc)]
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": files})
    assert r.status_code == 302
    jobs = list(IngestJob.objects.filter(unit=jiaoyuju).exclude(batch="").order_by("batch_position"))
    assert [(j.original_name, j.method) for j in jobs] == [("三定.doc", "doc"), ("调整通知.ofd", "ofd")]
    base = form_data(c.get(f"/manage/ingest/{jobs[0].pk}/").content.decode())
    assert base["doc_number"] == "百办发〔2019〕23号" and base["doc_type"] == "sanding"
    page = c.get(f"/manage/ingest/{jobs[1].pk}/").content.decode()
    notice = form_data(page)
    assert notice["doc_number"] == "百编办〔2021〕35号"
    assert "关于调整百色市教育局机构编制事项的通知" in page and "职业技能培训科" in page


def test_text_saved_as_utf16_by_notepad(client_for, jiaoyuju):
    """Windows Notepad's “Unicode” is UTF-16 with a byte-order mark: read as text, on the CLI path and uploaded."""
    from bianzhi.ingest.extract import extract_bytes

    notice = "关于调整百色市教育局机构编制事项的通知\r\n百编办〔2022〕3号\r\n市教育局：\r\n一、为市教育局核增机关行政编制1名。\r\n"
    for data in (b"\xff\xfe" + notice.encode("utf-16-le"), b"\xfe\xff" + notice.encode("utf-16-be")):
        ex = extract_bytes(data, "通知.txt")
        assert ex.text.splitlines()[:2] == ["关于调整百色市教育局机构编制事项的通知", "百编办〔2022〕3号"]
    c = client_for("luru")
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk,
                                          "file": SimpleUploadedFile("通知.txt", b"\xff\xfe" + notice.encode("utf-16-le"))})
    assert r.status_code == 302
    assert IngestJob.objects.latest("id").result["doc_number"] == "百编办〔2022〕3号"
    page = "<html><body>x</body></html>".encode("utf-16")
    r = c.post("/manage/ingest/upload/", {"unit": jiaoyuju.pk, "file": SimpleUploadedFile("页.txt", page)})
    assert r.status_code == 200 and "只接受" in r.content.decode()
