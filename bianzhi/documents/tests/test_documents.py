"""批文: 文号 parsing on real examples, staff pages within scope, file upload and permission-checked download."""
import csv
import datetime
import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bianzhi.documents.models import ApprovalDocument, DocumentFile
from bianzhi.registry.models import Unit

EXAMPLES = Path(__file__).resolve().parents[2] / "core" / "tests" / "fawenzihao_examples.csv"


def _examples():
    with EXAMPLES.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def jyj(ddemo):
    return Unit.objects.get(name="百色市教育局")


@pytest.fixture
def jtj(ddemo):
    return Unit.objects.get(name="百色市交通运输局")


def _form(unit, number, **extra):
    data = {"unit": unit.pk, "doc_number_raw": number, "title": "关于调整百色市教育局机构编制事项的测试通知",
            "issuing_organ": "百色市机构编制委员会办公室", "issued_on": "2023-05-10", "effective_on": "",
            "doc_type": "adjustment", "note": ""}
    data.update(extra)
    return data


@pytest.mark.parametrize("row", _examples(), ids=lambda r: r["raw"])
def test_real_docnumbers_accepted_and_normalised_via_api(api_as, jyj, row):
    api = api_as("luru")
    resp = api.post("/api/v1/documents/", {"unit": jyj.pk, "doc_number_raw": row["raw"], "title": "测试文件",
                                           "doc_type": "other"}, format="json")
    assert resp.status_code == 201, resp.content.decode()
    body = resp.json()
    if row["conforms_gbt9704"] == "yes":
        issuer, year, serial = row["jiguan_daizi"], int(row["year"]), int(row["serial"])
        assert body["doc_number"] == row["raw"]
    else:  # as cited with 【】, [], „‟ or 號: read the parts independently of the parser
        m = re.match(r"^(\D+?)\W*(\d{4})\W*(\d+)[号號]$", row["raw"])
        issuer, year, serial = m[1], int(m[2]), int(m[3])
    assert body["doc_number"] == f"{issuer}〔{year}〕{serial}号"
    assert body["doc_number_raw"] == row["raw"]
    assert (body["issuer_code"], body["year"], body["serial"]) == (issuer, year, serial)


def test_staff_form_normalises_and_keeps_raw(client_as, jyj):
    resp = client_as("luru").post("/manage/documents/new/", _form(jyj, "百编【2018】031号"))
    assert resp.status_code == 302
    doc = ApprovalDocument.objects.get(doc_number="百编〔2018〕31号")
    assert doc.doc_number_raw == "百编【2018】031号" and doc.unit == jyj
    page = client_as("luru").get(f"/manage/documents/{doc.pk}/").content.decode()
    assert "百编〔2018〕31号" in page and "原文：百编【2018】031号" in page


@pytest.mark.parametrize("text,message", [
    ("关于印发三定规定的通知", "缺少年份"),
    ("百编〔19〕23号", "年份应为四位数字"),
    ("百编〔2019〕23", "应以“号”结尾"),
])
def test_text_that_cannot_be_a_docnumber_is_refused_in_chinese(client_as, api_as, jyj, text, message):
    resp = client_as("luru").post("/manage/documents/new/", _form(jyj, text))
    assert resp.status_code == 200
    assert message in resp.content.decode()
    api = api_as("luru").post("/api/v1/documents/", {"unit": jyj.pk, "doc_number_raw": text, "title": "x"},
                               format="json")
    assert api.status_code == 400 and message in api.json()["doc_number_raw"][0]
    assert not ApprovalDocument.objects.filter(title="关于调整百色市教育局机构编制事项的测试通知").exists()


def test_scope_list_detail_and_edit(client_as, api_as, jyj, jtj):
    mine = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2020〕5号", title="教育局文件")
    theirs = ApprovalDocument.objects.create(unit=jtj, doc_number_raw="百编〔2020〕6号", title="交通局文件")
    luru = client_as("luru")
    listing = luru.get("/manage/documents/").content.decode()
    assert "教育局文件" in listing and "交通局文件" not in listing
    assert luru.get(f"/manage/documents/{theirs.pk}/").status_code == 404
    assert luru.get(f"/manage/documents/{theirs.pk}/edit/").status_code == 404
    assert api_as("luru").get(f"/api/v1/documents/{theirs.pk}/").status_code == 404
    ids = [d["id"] for d in api_as("luru").get("/api/v1/documents/").json()["results"]]
    assert mine.pk in ids and theirs.pk not in ids
    # read-only leader sees both but cannot edit
    assert client_as("lingdao").get(f"/manage/documents/{theirs.pk}/").status_code == 200
    assert client_as("lingdao").get(f"/manage/documents/{theirs.pk}/edit/").status_code == 404
    # luru cannot file a document under a unit outside the scope
    resp = luru.post("/manage/documents/new/", _form(jtj, "百编〔2020〕7号"))
    assert resp.status_code == 200 and not ApprovalDocument.objects.filter(doc_number="百编〔2020〕7号").exists()


def test_concurrent_edit_keeps_input_and_says_so(client_as, jyj):
    doc = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2020〕8号", title="原标题")
    first = _form(jyj, "百编〔2020〕8号", title="甲改的标题", row_version=doc.row_version)
    second = _form(jyj, "百编〔2020〕8号", title="乙改的标题", row_version=doc.row_version)
    assert client_as("luru").post(f"/manage/documents/{doc.pk}/edit/", first).status_code == 302
    resp = client_as("admin").post(f"/manage/documents/{doc.pk}/edit/", second)
    page = resp.content.decode()
    assert resp.status_code == 200 and "已被其他用户修改" in page and "乙改的标题" in page
    doc.refresh_from_db()
    assert doc.title == "甲改的标题"
    api = client_as("admin")
    assert api.get(f"/api/v1/documents/{doc.pk}/").json()["row_version"] == doc.row_version


def test_upload_and_permission_checked_download(client_as, api_as, jyj, jtj, media):
    content = "百色市教育局职能配置、内设机构和人员编制规定\n".encode() * 50
    doc = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2019〕23号", title="三定规定",
                                          issued_on=datetime.date(2019, 3, 1))
    luru = client_as("luru")
    resp = luru.post(f"/manage/documents/{doc.pk}/files/",
                     {"upload": SimpleUploadedFile("三定规定.txt", content, content_type="text/plain")})
    assert resp.status_code == 302
    stored = DocumentFile.objects.get(document=doc)
    assert stored.sha256 == hashlib.sha256(content).hexdigest() and stored.size == len(content)
    path = Path(stored.file.path)
    assert path.is_relative_to(media) and path.read_bytes() == content
    download = luru.get(f"/manage/documents/files/{stored.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]
    # a clerk of another unit gets 404, in pages and API
    assert client_as("jiaotong").get(f"/manage/documents/files/{stored.pk}/download/").status_code == 404
    assert api_as("jiaotong").get(f"/api/v1/document-files/{stored.pk}/download/").status_code == 404
    api = api_as("luru").get(f"/api/v1/document-files/{stored.pk}/download/")
    assert api.status_code == 200 and b"".join(api.streaming_content) == content
    # upload through the API
    resp = api_as("luru").post(f"/api/v1/documents/{doc.pk}/upload/",
                                {"file": SimpleUploadedFile("附件.pdf", b"%PDF-1.4 demo", "application/pdf")},
                                format="multipart")
    assert resp.status_code == 201 and resp.json()["sha256"] == hashlib.sha256(b"%PDF-1.4 demo").hexdigest()
    # jiaotong cannot upload to it
    resp = api_as("jiaotong").post(f"/api/v1/documents/{doc.pk}/upload/",
                                    {"file": SimpleUploadedFile("x.pdf", b"x")}, format="multipart")
    assert resp.status_code == 404


def test_openapi_schema_lists_document_endpoints(client_as):
    schema = client_as("admin").get("/api/v1/schema/").content.decode()
    assert "/api/v1/documents/{id}/upload/" in schema and "/api/v1/document-files/{id}/download/" in schema


def test_document_in_use_cannot_be_deleted(api_as, jyj):
    from bianzhi.sanding import services

    doc = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2026〕9号", title="三定调整",
                                          issued_on=datetime.date(2026, 1, 1))
    services.create_draft_version(jyj, doc)
    doc.refresh_from_db()
    resp = api_as("luru").delete(f"/api/v1/documents/{doc.pk}/", HTTP_IF_MATCH=str(doc.row_version))
    assert resp.status_code == 400 and "已被三定版本" in str(resp.json()["detail"])
    assert ApprovalDocument.objects.filter(pk=doc.pk).exists()
    unused = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2020〕10号", title="未用")
    assert api_as("luru").delete(f"/api/v1/documents/{unused.pk}/",
                                 HTTP_IF_MATCH=str(unused.row_version)).status_code == 204
