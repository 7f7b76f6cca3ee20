"""Findings 1 and 3 (issue 15): stored XSS through 批文 files and docx bombs through ingestion.

The probe: a clerk uploaded an HTML file named `三定规定.pdf` to a document; `…/download/?inline=1` served it
with the uploader's Content-Type on the platform's origin and no CSP, so an administrator who opened it ran
the clerk's script. Now every upload path sniffs the bytes, files are served as attachments with the sniffed
type (PDFs/images inline only for the platform's viewer), every page has a CSP without inline script, and
zip-based files (DOCX, XLSX) are checked against decompression limits before anything inflates them."""
import io
import re
import time
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from bianzhi.documents.models import ApprovalDocument, DocumentFile
from bianzhi.ingest.models import IngestJob
from bianzhi.lists.models import ImportJob

XSS = (b"<!doctype html><html><body><script>fetch('/api/v1/units/',{method:'POST',headers:{'X-CSRFToken':"
       b"document.cookie}})</script>\xe4\xb8\x89\xe5\xae\x9a</body></html>")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx_bomb(uncompressed_mb=60) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:t>" + b"A" * (1024 * 1024 - 5)
            for _ in range(uncompressed_mb):
                fh.write(chunk)
    return buf.getvalue()


def _xlsx_bomb(uncompressed_mb=60) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(uncompressed_mb):
                fh.write(b" " * (1024 * 1024))
    return buf.getvalue()


@pytest.fixture
def clerk_document(users):
    return ApprovalDocument.objects.restrict(users["luru"], "change").order_by("id").first()


def test_html_named_pdf_is_refused_by_the_document_form(client_for, clerk_document):
    before = DocumentFile.objects.count()
    upload = SimpleUploadedFile("三定规定.pdf", XSS, content_type="application/pdf")
    response = client_for("luru").post(f"/manage/documents/{clerk_document.pk}/files/", {"upload": upload},
                                       follow=True)
    assert DocumentFile.objects.count() == before
    assert "只接受" in response.content.decode()


def test_html_is_refused_by_the_document_api(api_for, clerk_document):
    before = DocumentFile.objects.count()
    for name, ctype in (("三定规定.pdf", "application/pdf"), ("说明.html", "text/html"), ("图.svg", "image/svg+xml"),
                        ("说明.txt", "text/plain")):
        upload = SimpleUploadedFile(name, XSS, content_type=ctype)
        response = api_for("luru").post(f"/api/v1/documents/{clerk_document.pk}/upload/", {"file": upload},
                                        format="multipart")
        assert response.status_code == 400, (name, response.content)
    assert DocumentFile.objects.count() == before


def test_declared_type_and_extension_must_match_the_content(api_for, clerk_document):
    api = api_for("luru")
    url = f"/api/v1/documents/{clerk_document.pk}/upload/"
    wrong_ext = api.post(url, {"file": SimpleUploadedFile("文件.docx", PDF, content_type="application/pdf")},
                         format="multipart")
    assert wrong_ext.status_code == 400 and "扩展名" in str(wrong_ext.json())
    wrong_type = api.post(url, {"file": SimpleUploadedFile("文件.pdf", PDF, content_type="image/png")},
                          format="multipart")
    assert wrong_type.status_code == 400 and "声明的类型" in str(wrong_type.json())
    ok = api.post(url, {"file": SimpleUploadedFile("文件.pdf", PDF, content_type="application/pdf")},
                  format="multipart")
    assert ok.status_code == 201, ok.content
    assert DocumentFile.objects.get(pk=ok.json()["id"]).content_type == "application/pdf"


def _stored(document, data, name, content_type):
    obj = DocumentFile(document=document, original_name=name, content_type=content_type, size=len(data),
                       sha256=f"{len(data):064d}")
    obj.file.save(name, ContentFile(data), save=False)
    obj.save()
    return obj


def test_a_stored_html_file_is_never_rendered(client_for, clerk_document):
    """Files stored before the guard (or by any other way) are served by their bytes, not their record."""
    stored = _stored(clerk_document, XSS, "三定规定.pdf", "text/html")
    response = client_for("admin").get(f"/manage/documents/files/{stored.pk}/download/?inline=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    api = client_for("admin").get(f"/api/v1/document-files/{stored.pk}/download/")
    assert api["Content-Disposition"].startswith("attachment") and api["Content-Type"] == "application/octet-stream"


def test_pdf_is_shown_inline_only_for_the_viewer(client_for, clerk_document):
    stored = _stored(clerk_document, PDF, "三定规定.pdf", "text/html")  # the record's type is ignored
    admin = client_for("admin")
    inline = admin.get(f"/manage/documents/files/{stored.pk}/download/?inline=1")
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    plain = admin.get(f"/manage/documents/files/{stored.pk}/download/")
    assert plain["Content-Disposition"].startswith("attachment")


def test_ingest_refuses_html_and_docx_bombs(client_for, users):
    from bianzhi.registry.models import Unit

    unit = Unit.objects.restrict(users["luru"], "change").order_by("id").first()
    client = client_for("luru")
    before = IngestJob.objects.count()
    for name, data in (("三定规定.txt", XSS), ("三定规定.pdf", XSS)):
        response = client.post("/manage/ingest/upload/", {"unit": unit.pk, "file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200 and "只接受" in response.content.decode(), name
    bomb = _docx_bomb()
    assert len(bomb) < 200 * 1024
    started = time.perf_counter()
    response = client.post("/manage/ingest/upload/", {"unit": unit.pk,
                                                      "file": SimpleUploadedFile("三定规定.docx", bomb)})
    assert time.perf_counter() - started < 5
    assert "压缩炸弹" in response.content.decode()
    assert IngestJob.objects.count() == before


def test_ofd_bomb_and_a_docx_named_ofd_are_refused(client_for, users):
    from bianzhi.registry.models import Unit

    unit = Unit.objects.restrict(users["luru"], "change").order_by("id").first()
    client = client_for("luru")
    before = IngestJob.objects.count()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
        package.writestr("Doc_0/Pages/Page_0/Content.xml", b"\x00" * (60 * 1024 * 1024))
    response = client.post("/manage/ingest/upload/", {"unit": unit.pk,
                                                      "file": SimpleUploadedFile("通知.ofd", buffer.getvalue())})
    assert "压缩炸弹" in response.content.decode() and "OFD" in response.content.decode()
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    response = client.post("/manage/ingest/upload/", {"unit": unit.pk,
                                                      "file": SimpleUploadedFile("通知.ofd", docx.getvalue())})
    assert "扩展名应为 .docx" in response.content.decode()
    assert IngestJob.objects.count() == before


def test_list_import_refuses_html_and_xlsx_bombs(client_for):
    client = client_for("luru")
    before = ImportJob.objects.count()
    response = client.post("/manage/lists/import/power/", {"file": SimpleUploadedFile("清单.csv", XSS)})
    assert response.status_code == 400 and "只接受" in response.content.decode()
    bomb = _xlsx_bomb()
    started = time.perf_counter()
    response = client.post("/manage/lists/import/power/", {"file": SimpleUploadedFile("清单.xlsx", bomb)})
    assert time.perf_counter() - started < 5
    assert response.status_code == 400 and "压缩炸弹" in response.content.decode()
    assert ImportJob.objects.count() == before


@override_settings(UPLOAD_MAX_BYTES=256 * 1024)
def test_oversize_upload_is_dropped_while_streaming(client_for, clerk_document, monkeypatch):
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    kept = []
    original = MemoryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        kept.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", spy)
    big = PDF[:-6] + b"0" * (2 * 1024 * 1024) + b"%%EOF\n"
    before = DocumentFile.objects.count()
    response = client_for("luru").post(f"/manage/documents/{clerk_document.pk}/files/",
                                       {"upload": SimpleUploadedFile("大文件.pdf", big)}, follow=True)
    assert "上限" in response.content.decode()
    assert DocumentFile.objects.count() == before
    assert sum(kept) <= 256 * 1024  # nothing past the limit reached the handler that keeps the file


PAGES = ["/manage/", "/manage/units/", "/manage/documents/", "/manage/lists/", "/manage/workflow/",
         "/manage/ingest/", "/manage/audit/", "/admin/", "/api/v1/docs/", "/api/v1/redoc/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_every_page_has_a_strict_csp_and_no_inline_script(client_for, client, demo):
    admin = client_for("admin")
    for url in PAGES + ["/", "/search/?q=百色", "/region/451000/", "/accounts/login/"]:
        response = (admin if url.startswith(("/manage", "/admin", "/api")) else client).get(url, follow=True)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        script_src = next(p for p in csp.split(";") if p.strip().startswith(("script-src", "default-src")))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in csp, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert not INLINE_HANDLER.search(html), (url, INLINE_HANDLER.search(html).group(0))
        assert "javascript:" not in html, url
