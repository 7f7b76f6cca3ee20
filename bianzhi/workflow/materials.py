"""Checks of the delivered materials (seed §三(一)2): for each 三定 document one PDF and one Word file, each
named by the document's title, each PDF at most 10 MB, the newest 三定 marked and first, the rest in date order.

Content is recognised by its bytes, never by the extension: a PDF starts with `%PDF-`; a DOCX is a zip that
holds `word/document.xml`. DOCX inspection is safe against zip bombs: the declared sizes and compression
ratios are checked before anything is read, and at most `DOCX_READ_CAP` bytes are ever decompressed.
"""
import hashlib
import io
import zipfile
from pathlib import PurePath

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from bianzhi.core.text import nfkc
from bianzhi.core.uploads import zip_problems
from bianzhi.documents.models import ApprovalDocument, DocumentType

from .models import MaterialItem

PDF_MAX_BYTES = 10 * 1024 * 1024
DOCX_MAX_BYTES = 30 * 1024 * 1024
DOCX_MAX_MEMBERS = 2000
DOCX_MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
DOCX_MAX_RATIO = 100
DOCX_READ_CAP = 2 * 1024 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of each uploaded file while it streams and drops the file as soon as it passes the
    limit (10 MB for a PDF, recognised by its first bytes or its name), so an oversize file is never stored.
    The refusal is kept in `request.upload_errors` for the view to show."""

    def __init__(self, request=None):
        super().__init__(request)
        if request is not None and not hasattr(request, "upload_errors"):
            request.upload_errors = []

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        self.limit = DOCX_MAX_BYTES
        self.is_pdf = (file_name or "").lower().endswith(".pdf")

    def receive_data_chunk(self, raw_data, start):
        if start == 0 and raw_data[:5] == b"%PDF-":
            self.is_pdf = True
        limit = PDF_MAX_BYTES if self.is_pdf else DOCX_MAX_BYTES
        self.received += len(raw_data)
        if self.received > limit:
            if self.request is not None:
                kind = "PDF 文件" if self.is_pdf else "文件"
                self.request.upload_errors.append(
                    f"{self.file_name}：{kind}超过 {limit // (1024 * 1024)} MB 上限，已拒收")
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def _docx_problems(data: bytes) -> list:
    problems = zip_problems(data, "docx")  # the upload guard's decompression limits (bianzhi.core.uploads)
    if problems:
        return problems
    archive = zipfile.ZipFile(io.BytesIO(data))
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            return ["不是 Word（DOCX）文件：缺少 word/document.xml（可能是改了扩展名的其他文件）"]
        try:
            with archive.open("word/document.xml") as fh:
                head = fh.read(min(DOCX_READ_CAP, 4096))
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
            return ["Word 文件内容无法读取（损坏或已加密）"]
        if b"<" not in head[:200]:
            return ["Word 文件正文不是有效的 XML"]
    return []


def sniff(data: bytes) -> tuple[str | None, list]:
    """("pdf" | "docx" | None, problems) from the bytes alone."""
    if data[:5] == b"%PDF-":
        if b"%%EOF" not in data[-2048:]:
            return "pdf", ["PDF 文件不完整（缺少文件结束标记），请重新扫描导出"]
        return "pdf", []
    if data[:4] == b"PK\x03\x04":
        problems = _docx_problems(data)
        return ("docx" if not problems else None), problems
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None, ["这是旧版 Word（.doc）文件，请另存为 .docx 后上传"]
    return None, ["文件内容既不是 PDF 也不是 Word（DOCX），无论扩展名如何均不予接收"]


def check_upload(upload, expected_fmt: str) -> tuple[bytes, list]:
    """Read an uploaded file (bounded) and say what is wrong with it for the expected format."""
    cap = PDF_MAX_BYTES if expected_fmt == "pdf" else DOCX_MAX_BYTES
    data = upload.read(cap + 1)
    name = upload.name or ""
    problems = []
    if len(data) > cap:
        return b"", [f"{name}：文件超过 {cap // (1024 * 1024)} MB 上限"]
    fmt, sniff_problems = sniff(data)
    problems += [f"{name}：{p}" for p in sniff_problems]
    if fmt is not None and fmt != expected_fmt:
        label = {"pdf": "PDF", "docx": "Word（DOCX）"}
        problems.append(f"{name}：内容是 {label[fmt]} 文件，但此处要求 {label[expected_fmt]} 文件")
    suffix = PurePath(name).suffix.lower()
    if fmt == expected_fmt and suffix != f".{expected_fmt}":
        problems.append(f"{name}：扩展名应为 .{expected_fmt}")
    return data, problems


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def title_key(text: str) -> str:
    return "".join(nfkc(text or "").split())


def package_problems(package) -> list:
    """Every rule of the seed the package breaks, in Chinese (an empty list: the package is complete)."""

    problems = []
    items = list(MaterialItem.objects.filter(package=package).prefetch_related("files").order_by("position", "id"))
    if not items:
        return ["尚未上交任何三定文件"]
    for item in items:
        formats = {f.fmt: f for f in item.files.all()}
        for fmt, label in (("pdf", "PDF"), ("docx", "Word")):
            if fmt not in formats:
                problems.append(f"《{item.title}》缺少 {label} 文件")
                continue
            stem = PurePath(formats[fmt].original_name).stem
            if title_key(stem) != title_key(item.title):
                problems.append(f"《{item.title}》的 {label} 文件名“{formats[fmt].original_name}”与文件标题不一致，"
                                "应按文件标题命名")
        if "pdf" in formats and formats["pdf"].size > PDF_MAX_BYTES:
            problems.append(f"《{item.title}》的 PDF 超过 10 MB")
    sanding = [i for i in items if i.kind == "sanding"]
    marked = [i for i in items if i.marked_newest]
    if not sanding:
        problems.append("没有三定规定文件：请上交本单位成立以来的历次三定规定")
    elif len(marked) != 1:
        problems.append("须标注且只标注一份最新最全的三定规定" if marked else "未标注最新最全的三定规定")
    else:
        newest = max(sanding, key=lambda i: (i.issued_on, i.pk))
        if marked[0].pk != newest.pk:
            problems.append(f"标注的《{marked[0].title}》不是最新的三定规定（最新为《{newest.title}》）")
        if items[0].pk != marked[0].pk:
            problems.append("最新最全的三定规定应放在最前面（排列序号 1）")
    rest = [i for i in items if not i.marked_newest]
    dates = [i.issued_on for i in rest]
    if dates != sorted(dates):
        problems.append("除最新三定外，其余文件应按发文时间先后顺序排列")
    positions = [i.position for i in items]
    if len(set(positions)) != len(positions):
        problems.append("排列序号有重复")
    registered = _registered_documents(package.unit)
    have = {title_key(i.title) for i in items}
    for doc in registered:
        if title_key(doc.title) not in have:
            problems.append(f"平台已登记的《{doc.title}》（{doc.doc_number or '无文号'}）未上交")
    return problems


def _registered_documents(unit):

    return list(ApprovalDocument.objects.filter(unit=unit, doc_type__in=[DocumentType.SANDING,
                                                                          DocumentType.ADJUSTMENT]))
