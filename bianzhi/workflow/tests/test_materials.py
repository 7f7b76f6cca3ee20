"""Materials: content checks against real PDF/DOCX files (WeasyPrint, python-docx), renamed fakes, zip bombs,
the 10 MB limit enforced while the upload streams, the package rules, acceptance and protected downloads."""
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bianzhi.workflow import materials, services
from bianzhi.workflow.models import MaterialFile, MaterialPackage, MaterialStatus

TITLE = "百色市教育局主要职责内设机构和人员编制规定"
OLD_TITLE = "关于调整百色市教育局机构编制事项的通知"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def real_pdf(title=TITLE) -> bytes:
    from bianzhi.core.pdf import html_to_pdf

    # In the shipped font: with no font at all (a bare machine) Pango has nothing to draw with.
    return html_to_pdf(f"<h1>{title}</h1><p>（盖章扫描件）</p>")


def real_docx(title=TITLE) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph("第一条 根据……制定本规定。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


# ------------------------------------------------------------------------------------------------ content
def test_real_files_are_recognised_by_content():
    assert materials.sniff(real_pdf()) == ("pdf", [])
    assert materials.sniff(real_docx()) == ("docx", [])
    data, problems = materials.check_upload(upload(f"{TITLE}.pdf", real_pdf()), "pdf")
    assert problems == [] and data.startswith(b"%PDF-")
    assert materials.check_upload(upload(f"{TITLE}.docx", real_docx()), "docx")[1] == []


def test_renamed_files_are_refused_whatever_their_extension():
    _, problems = materials.check_upload(upload(f"{TITLE}.docx", real_pdf()), "docx")
    assert problems == [f"{TITLE}.docx：内容是 PDF 文件，但此处要求 Word（DOCX） 文件"]
    _, problems = materials.check_upload(upload(f"{TITLE}.pdf", real_docx()), "pdf")
    assert "内容是 Word（DOCX） 文件，但此处要求 PDF 文件" in problems[0]
    _, problems = materials.check_upload(upload(f"{TITLE}.pdf", "这是一个改了扩展名的文本文件".encode() * 50), "pdf")
    assert "既不是 PDF 也不是 Word（DOCX），无论扩展名如何均不予接收" in problems[0]
    xlsx = io.BytesIO()
    from openpyxl import Workbook

    Workbook().save(xlsx)
    _, problems = materials.check_upload(upload(f"{TITLE}.docx", xlsx.getvalue()), "docx")
    assert "缺少 word/document.xml" in problems[0]
    _, problems = materials.check_upload(upload(f"{TITLE}.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "docx")
    assert "旧版 Word（.doc）" in problems[0]
    _, problems = materials.check_upload(upload(f"{TITLE}.pdf", real_pdf()[:-200]), "pdf")
    assert "PDF 文件不完整" in problems[0]


def test_zip_bomb_is_refused_before_it_is_read():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"\0" * (60 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200 * 1024
    kind, problems = materials.sniff(bomb.getvalue())
    assert kind is None and "压缩比异常，疑似压缩炸弹" in problems[0]
    broken = b"PK\x03\x04" + b"\x00" * 100
    assert "压缩结构损坏" in materials.sniff(broken)[1][0]


# ------------------------------------------------------------------------------------------------ uploads
@pytest.fixture
def item(base):
    unit = base.unit("百色市教育科学研究所")  # no 三定 registered on the platform yet
    package = services.ensure_material_package(unit, base.campaign)
    return services.add_material_item(package, title=TITLE, issued_on=datetime.date(2019, 3, 1),
                                      marked_newest=True, position=1, acting_user=base.users["jiaoyu"])


def test_upload_through_the_page_stores_outside_the_web_root(item, clients, media, settings):
    c = clients("jiaoyu")
    url = f"/manage/workflow/materials/items/{item.pk}/upload/"
    response = c.post(url, {"fmt": "pdf", "file": upload(f"{TITLE}.pdf", real_pdf())}, follow=True)
    assert "已上传" in response.content.decode()
    stored = MaterialFile.objects.get(item=item, fmt="pdf")
    path = stored.file.path
    assert path.startswith(str(media)) and not path.startswith(str(settings.STATIC_ROOT))
    # a renamed fake through the page: refused with the reason, nothing stored
    response = c.post(url, {"fmt": "docx", "file": upload(f"{TITLE}.docx", real_pdf())}, follow=True)
    assert "内容是 PDF 文件，但此处要求 Word（DOCX） 文件" in response.content.decode()
    assert not MaterialFile.objects.filter(item=item, fmt="docx").exists()


def test_pdf_over_10_mb_is_cut_off_while_it_streams(item, clients, monkeypatch):
    seen = []
    original = materials.LimitedUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        seen.append(start)
        return original(self, raw_data, start)

    monkeypatch.setattr(materials.LimitedUploadHandler, "receive_data_chunk", spy)
    big = real_pdf() + b"%" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF"
    response = clients("jiaoyu").post(f"/manage/workflow/materials/items/{item.pk}/upload/",
                                      {"fmt": "pdf", "file": upload(f"{TITLE}.pdf", big)}, follow=True)
    assert f"{TITLE}.pdf：PDF 文件超过 10 MB 上限，已拒收" in response.content.decode()
    assert not MaterialFile.objects.filter(item=item).exists()
    # the handler stopped at the first chunk past the limit, not after the whole body
    assert max(seen) <= 10 * 1024 * 1024


def test_download_only_within_scope(item, clients, base):
    services.upload_material_file(item, "docx", upload(f"{TITLE}.docx", real_docx()), acting_user=base.users["jiaoyu"])
    f = MaterialFile.objects.get(item=item)
    ok = clients("luru").get(f"/manage/workflow/materials/files/{f.pk}/")
    assert ok.status_code == 200 and b"".join(ok.streaming_content).startswith(b"PK")
    assert clients("jiaotong").get(f"/manage/workflow/materials/files/{f.pk}/").status_code == 404


def test_out_of_scope_user_cannot_deliver(item, base):
    with pytest.raises(services.WorkflowRefused) as exc:
        services.upload_material_file(item, "pdf", upload(f"{TITLE}.pdf", real_pdf()), acting_user=base.users["jiaotong"])
    assert exc.value.reasons == ["「百色市教育科学研究所」不在您的数据范围内"]


# ------------------------------------------------------------------------------------------------ package rules
def test_package_rules_and_acceptance(item, base):
    jiaoyu, admin = base.users["jiaoyu"], base.users["admin"]
    package = item.package
    services.upload_material_file(item, "pdf", upload(f"{TITLE}.pdf", real_pdf()), acting_user=jiaoyu)
    older = services.add_material_item(package, title=OLD_TITLE, issued_on=datetime.date(2012, 5, 1),
                                       kind="adjustment", position=2, acting_user=jiaoyu)
    services.upload_material_file(older, "pdf", upload("扫描件001.pdf", real_pdf(OLD_TITLE)), acting_user=jiaoyu)
    services.upload_material_file(older, "docx", upload(f"{OLD_TITLE}.docx", real_docx(OLD_TITLE)), acting_user=jiaoyu)
    first = services.add_material_item(package, title="百色市教育局职能配置内设机构和人员编制规定",
                                       issued_on=datetime.date(2010, 1, 1), position=3, acting_user=jiaoyu)
    problems = materials.package_problems(package)
    assert f"《{TITLE}》缺少 Word 文件" in problems
    assert f"《{OLD_TITLE}》的 PDF 文件名“扫描件001.pdf”与文件标题不一致，应按文件标题命名" in problems
    assert "《百色市教育局职能配置内设机构和人员编制规定》缺少 PDF 文件" in problems
    assert "除最新三定外，其余文件应按发文时间先后顺序排列" in problems
    # the 编办 records the receipt, cannot accept a faulty package, returns it with reasons
    with pytest.raises(services.WorkflowRefused) as exc:
        services.receive_materials(package, acting_user=jiaoyu)
    assert "不能登记接收" in exc.value.reasons[0]
    services.receive_materials(package, acting_user=admin)
    package.refresh_from_db()
    assert package.received_by == admin and package.received_at and package.status == MaterialStatus.RECEIVED
    with pytest.raises(services.WorkflowRefused) as exc:
        services.decide_materials(package, accepted=True, acting_user=admin)
    assert exc.value.reasons[0].startswith("检查发现问题，不能验收为合格：")
    services.decide_materials(package, accepted=False, reasons_text="文件名不规范，请按标题命名后重报", acting_user=admin)
    package.refresh_from_db()
    assert package.status == MaterialStatus.RETURNED and package.return_reasons.startswith("文件名不规范")
    # the unit redoes it: right names, the order fixed, both formats
    first.delete()
    services.upload_material_file(older, "pdf", upload(f"{OLD_TITLE}.pdf", real_pdf(OLD_TITLE)), acting_user=jiaoyu)
    services.upload_material_file(item, "docx", upload(f"{TITLE}.docx", real_docx()), acting_user=jiaoyu)
    assert materials.package_problems(package) == []
    services.receive_materials(package, acting_user=admin)
    services.decide_materials(package, accepted=True, acting_user=admin)
    package.refresh_from_db()
    assert package.status == MaterialStatus.ACCEPTED and package.decided_by == admin
    with pytest.raises(services.WorkflowRefused) as exc:
        services.add_material_item(package, title="x", issued_on=datetime.date(2020, 1, 1), acting_user=jiaoyu)
    assert "材料已验收合格，不能再修改" in exc.value.reasons


def test_newest_must_be_marked_and_first(item, base):
    jiaoyu = base.users["jiaoyu"]
    package = item.package
    item.marked_newest = False
    item.save()
    assert "未标注最新最全的三定规定" in materials.package_problems(package)
    newer = services.add_material_item(package, title="2021年三定", issued_on=datetime.date(2021, 6, 1),
                                       position=2, marked_newest=True, acting_user=jiaoyu)
    problems = materials.package_problems(package)
    assert "最新最全的三定规定应放在最前面（排列序号 1）" in problems
    newer.marked_newest = False
    newer.save()
    item.marked_newest = True
    item.save()
    assert f"标注的《{TITLE}》不是最新的三定规定（最新为《2021年三定》）" in materials.package_problems(package)


def test_registered_documents_must_be_delivered(item):
    from bianzhi.documents.models import ApprovalDocument

    ApprovalDocument.objects.create(unit=item.package.unit, doc_number_raw="百编〔2021〕7号", doc_type="adjustment",
                                    title="关于调整百色市教育局内设机构的通知", issued_on="2021-05-01")
    assert "平台已登记的《关于调整百色市教育局内设机构的通知》（百编〔2021〕7号）未上交" in materials.package_problems(
        item.package)


def test_materials_page_lists_problems(item, clients):
    page = clients("admin").get(f"/manage/workflow/units/{item.package.unit_id}/materials/")
    body = page.content.decode()
    assert page.status_code == 200 and f"《{TITLE}》缺少 PDF 文件" in body and "登记接收" in body
    assert clients("lingdao").get(f"/manage/workflow/units/{item.package.unit_id}/materials/").status_code == 200
    assert MaterialPackage.objects.count() == 1
