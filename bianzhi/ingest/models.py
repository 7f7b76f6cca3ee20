"""An uploaded 三定 / 调整通知 being checked by a clerk: the file, its extracted text, the parsed draft with
source spans, and — once accepted — the approval document and the 三定 draft version it produced."""
from django.conf import settings
from django.db import models

from bianzhi.core.models import TrackedModel


class JobStatus(models.TextChoices):
    PENDING = "pending", "待核对"
    APPLIED = "applied", "已生成三定草稿"


class DocumentKind(models.TextChoices):
    SANDING = "sanding", "三定规定"
    ADJUSTMENT = "adjustment", "调整通知"


def ingest_file_path(instance, filename):
    return f"ingest/{instance.sha256[:2]}/{instance.sha256}"


class IngestJob(TrackedModel):
    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="ingest_jobs")
    file = models.FileField("文件", upload_to=ingest_file_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64)
    method = models.CharField("识别方式", max_length=20)
    pages = models.PositiveIntegerField("页数", default=1)
    warnings = models.JSONField("提示", default=list, blank=True)
    original_text = models.TextField("识别出的原文")
    kind = models.CharField("文件类型", max_length=20, choices=DocumentKind.choices, default=DocumentKind.SANDING)
    layout = models.CharField("版式", max_length=20, blank=True)
    result = models.JSONField("识别结果", default=dict)
    spans = models.JSONField("原文位置", default=list, help_text="[[字段路径, 起, 止], …]，位置为识别出的原文中的字符位置")
    meta = models.JSONField("附加信息", default=dict, blank=True)
    status = models.CharField("状态", max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True)
    document = models.ForeignKey("documents.ApprovalDocument", verbose_name="生成的批文", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="ingest_jobs")
    sanding_version = models.ForeignKey("sanding.SandingVersion", verbose_name="生成的三定草稿", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="ingest_jobs")
    applied = models.JSONField("已采用的内容", default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    batch = models.CharField("批次", max_length=32, blank=True, db_index=True,
                             help_text="同一单位一次上传的多份文件：基础三定在前，调整通知按发文日期排列")
    batch_position = models.PositiveIntegerField("批次中的次序", null=True, blank=True)

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "文件识别任务"
        verbose_name_plural = "文件识别任务"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.unit} · {self.original_name}"

    @property
    def title(self):
        return (self.result or {}).get("title") or self.original_name

    @property
    def is_ocr(self):
        return self.method in {"pdf-ocr", "image-ocr", "ofd-ocr", "docx-ocr"}
