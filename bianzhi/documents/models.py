import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from bianzhi.core.docnumber import DocNumberError, parse_docnumber
from bianzhi.core.models import TrackedModel
from bianzhi.core.text import nfkc


class DocumentType(models.TextChoices):
    SANDING = "sanding", "三定规定"
    ADJUSTMENT = "adjustment", "调整通知"
    APPROVAL = "approval", "批复"
    OTHER = "other", "其他"


class ApprovalDocument(TrackedModel):
    """批文 / 发文: the document behind a 三定, a change, a relation or a plaque."""

    unit = models.ForeignKey("registry.Unit", verbose_name="主要涉及单位", on_delete=models.PROTECT,
                             related_name="documents", null=True, blank=True)
    doc_number_raw = models.CharField("文号（原文）", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True, db_index=True)
    issuer_code = models.CharField("机关代字", max_length=50, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    issuing_organ = models.CharField("发文机关", max_length=200, blank=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    doc_type = models.CharField("类型", max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER)
    note = models.TextField("备注", blank=True)

    scope_unit_path = "unit"
    # locked with its unit and with every unit whose 三定 cites it: an approved 沿革 rests on its 文号 and title
    lockable = True
    lock_unit_paths = ("unit", "sanding_versions__unit")

    class Meta:
        verbose_name = "批文"
        verbose_name_plural = "批文"
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return f"{self.doc_number or self.doc_number_raw or '无文号'} {self.title}".strip()

    def clean(self):
        super().clean()
        if self.doc_number_raw:
            try:
                parsed = parse_docnumber(self.doc_number_raw)
            except DocNumberError as exc:
                raise ValidationError({"doc_number_raw": str(exc)})
            self.doc_number, self.issuer_code = parsed.normalized, parsed.issuer_code
            self.year, self.serial = parsed.year, parsed.serial
        self.title = nfkc(self.title) if self.title else self.title
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": "生效日期不能早于发文日期"})

    def save(self, *args, **kwargs):
        if self.doc_number_raw and not self.doc_number:
            parsed = parse_docnumber(self.doc_number_raw)
            self.doc_number, self.issuer_code = parsed.normalized, parsed.issuer_code
            self.year, self.serial = parsed.year, parsed.serial
        return super().save(*args, **kwargs)

    @property
    def effective_date(self):
        return self.effective_on or self.issued_on


def document_file_path(instance, filename):
    return f"documents/{instance.sha256[:2]}/{instance.sha256}"


class DocumentFile(TrackedModel):
    """An uploaded file of a document, kept byte for byte, addressed by its SHA-256."""

    document = models.ForeignKey(ApprovalDocument, verbose_name="批文", on_delete=models.CASCADE, related_name="files")
    file = models.FileField("文件", upload_to=document_file_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    scope_unit_path = "document__unit"
    lockable = True  # a locked document's files are locked with it
    lock_unit_paths = ("document__unit", "document__sanding_versions__unit")

    class Meta:
        verbose_name = "批文文件"
        verbose_name_plural = "批文文件"
        ordering = ["id"]

    def __str__(self):
        return self.original_name

    @classmethod
    def from_upload(cls, document, upload, user=None, content_type=None):
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        obj = cls(document=document, original_name=upload.name,
                  content_type=content_type if content_type is not None else "",
                  size=upload.size, sha256=digest.hexdigest(), uploaded_by=user)
        obj.file.save(upload.name, upload, save=False)
        obj.save()
        return obj
