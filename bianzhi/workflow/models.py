"""The campaign (批次), materials (上交材料), the review flow of each unit's data package, holds and notifications.

The states and transitions of a data package are declared once, in `flow.py`; `services.py` fires them.
"""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bianzhi.core.models import TrackedModel


class Campaign(TrackedModel):
    """批次: one round of entry, review and publication with its own dates (the seed: 百编办〔2017〕11号)."""

    name = models.CharField("批次名称", max_length=200, unique=True)
    basis = models.CharField("依据文件", max_length=200, blank=True, help_text="如 百编办〔2017〕11号")
    region = models.ForeignKey("registry.Region", verbose_name="行政区划", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text="县（市、区）编办组织的批次填写本县区划；市级批次留空")
    units = models.ManyToManyField("registry.Unit", verbose_name="纳入范围的单位", related_name="campaigns",
                                   blank=True)
    accounts_due = models.DateField("账户建立截止日期", null=True, blank=True)
    materials_due = models.DateField("材料报送截止日期")
    hold_from = models.DateField("暂停业务起始日期", help_text="未按时报送材料的单位自此日起暂停出入编、工资审核等业务")
    entry_start = models.DateField("录入开始日期", null=True, blank=True)
    review_due = models.DateField("录入和审核截止日期")
    publish_due = models.DateField("对外公开日期")
    publish_by = models.DateField("对外公开最迟日期", null=True, blank=True)
    is_active = models.BooleanField("进行中", default=True)
    note = models.TextField("说明", blank=True)

    scope_unit_path = None  # reference data: every logged-in user reads it; only administrators change it

    class Meta:
        verbose_name = "批次"
        verbose_name_plural = "批次"
        ordering = ["-materials_due", "id"]

    def __str__(self):
        return self.name


# --------------------------------------------------------------------------------------------- materials
class MaterialStatus(models.TextChoices):
    PENDING = "pending", "未报送"
    RECEIVED = "received", "已报送待验收"
    ACCEPTED = "accepted", "合格"
    RETURNED = "returned", "退回重做"


class MaterialPackage(TrackedModel):
    """上交材料: one unit's package of 三定 documents (PDF + Word each) for one campaign."""

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="material_packages")
    campaign = models.ForeignKey(Campaign, verbose_name="批次", on_delete=models.PROTECT, related_name="materials")
    status = models.CharField("状态", max_length=20, choices=MaterialStatus.choices, default=MaterialStatus.PENDING,
                              db_index=True)
    contact_name = models.CharField("负责该项工作人员姓名", max_length=50, blank=True)
    contact_office_phone = models.CharField("办公电话", max_length=30, blank=True)
    contact_mobile = models.CharField("手机号码", max_length=20, blank=True)
    received_at = models.DateTimeField("接收时间", null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("验收时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="验收人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    return_reasons = models.TextField("退回原因", blank=True)
    problems = models.JSONField("检查发现的问题", default=list, blank=True)

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "上交材料"
        verbose_name_plural = "上交材料"
        ordering = ["campaign", "unit__tree_path"]
        constraints = [models.UniqueConstraint(fields=["unit", "campaign"], name="workflow_material_unit_campaign")]

    def __str__(self):
        return f"{self.unit} 上交材料（{self.get_status_display()}）"

    @property
    def delivered_on_time(self) -> bool:
        if not self.received_at:
            return False
        return timezone.localdate(self.received_at) <= self.campaign.materials_due


class MaterialItem(TrackedModel):
    """One 三定 document of the package (the 三定 itself or a document that changed it)."""

    KIND_CHOICES = [("sanding", "三定规定"), ("adjustment", "调整文件")]

    package = models.ForeignKey(MaterialPackage, verbose_name="上交材料", on_delete=models.CASCADE,
                                related_name="items")
    document = models.ForeignKey("documents.ApprovalDocument", verbose_name="对应批文", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    title = models.CharField("文件标题", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("发文日期")
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES, default="sanding")
    position = models.PositiveIntegerField("排列序号", default=1)
    marked_newest = models.BooleanField("标注为最新最全的三定", default=False)

    scope_unit_path = "package__unit"

    class Meta:
        verbose_name = "材料文件"
        verbose_name_plural = "材料文件"
        ordering = ["package", "position", "id"]

    def __str__(self):
        return self.title


def material_file_path(instance, filename):
    return f"materials/{instance.sha256[:2]}/{instance.sha256}"


class MaterialFile(TrackedModel):
    """A PDF or Word file of one material item, stored outside the web root and addressed by its SHA-256."""

    FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "Word（DOCX）")]

    item = models.ForeignKey(MaterialItem, verbose_name="材料文件", on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField("格式", max_length=10, choices=FORMAT_CHOICES)
    file = models.FileField("文件", upload_to=material_file_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    scope_unit_path = "item__package__unit"

    class Meta:
        verbose_name = "材料电子文件"
        verbose_name_plural = "材料电子文件"
        ordering = ["item", "fmt"]
        constraints = [models.UniqueConstraint(fields=["item", "fmt"], name="workflow_material_file_item_fmt")]

    def __str__(self):
        return self.original_name


# --------------------------------------------------------------------------------------------- review flow
class PackageState(models.TextChoices):
    ENTERING = "entering", "录入中"
    PENDING_CONFIRM = "pending_confirm", "待部门确认"
    CONFIRMED = "confirmed", "部门已确认"
    PENDING_REVIEW = "pending_review", "待审核"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已公开"


LOCKED_STATES = (PackageState.APPROVED, PackageState.PUBLISHED)


class PackageKind(models.TextChoices):
    INITIAL = "initial", "基础数据"
    CHANGE = "change", "变更申请"


class DataPackage(TrackedModel):
    """One unit's data (三定 + 权力清单 + 责任清单) going through confirmation and review in a campaign.

    A correction after approval is a new package of kind 变更申请 that `supersedes` the approved one; the
    unit's `is_current` package decides whether its data is locked."""

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="data_packages")
    campaign = models.ForeignKey(Campaign, verbose_name="批次", on_delete=models.PROTECT, related_name="packages")
    kind = models.CharField("类型", max_length=20, choices=PackageKind.choices, default=PackageKind.INITIAL)
    supersedes = models.ForeignKey("self", verbose_name="变更的原数据包", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="changes")
    change_reason = models.TextField("变更理由", blank=True)
    state = models.CharField("状态", max_length=20, choices=PackageState.choices, default=PackageState.ENTERING,
                             db_index=True)
    is_current = models.BooleanField("当前数据包", default=True)
    last_return = models.CharField("最近一次退回", max_length=20, blank=True,
                                   help_text="部门退回 / 审核退回；再次提交后清空")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("提交确认时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核通过时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    assigned_confirmer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="指定确认人", null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="packages_to_confirm")
    assigned_reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="指定审核人", null=True,
                                          blank=True, on_delete=models.SET_NULL, related_name="packages_to_review")

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "数据包"
        verbose_name_plural = "数据包"
        ordering = ["campaign", "unit__tree_path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(is_current=True), name="workflow_one_current_package"),
        ]

    def __str__(self):
        label = "变更申请" if self.kind == PackageKind.CHANGE else "数据包"
        return f"{self.unit} {label}（{self.get_state_display()}）"

    @property
    def is_locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def state_label(self) -> str:
        label = self.get_state_display()
        if self.state == PackageState.ENTERING and self.last_return:
            label += f"（{self.last_return}）"
        return label

    def open_comments(self):
        return self.comments.filter(resolved=False)


class Transition(TrackedModel):
    """The history of one package: who fired which transition, when, with what comment."""

    package = models.ForeignKey(DataPackage, verbose_name="数据包", on_delete=models.CASCADE,
                                related_name="transitions")
    name = models.CharField("操作", max_length=40)
    label = models.CharField("操作名称", max_length=40)
    from_state = models.CharField("原状态", max_length=20, choices=PackageState.choices)
    to_state = models.CharField("新状态", max_length=20, choices=PackageState.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL,
                             related_name="+")
    at = models.DateTimeField("时间", default=timezone.now)
    comment = models.TextField("说明", blank=True)

    scope_unit_path = "package__unit"

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["package", "at", "id"]

    def __str__(self):
        return f"{self.label}：{self.get_from_state_display()} → {self.get_to_state_display()}"


class ReviewComment(TrackedModel):
    """意见: a confirmer's or reviewer's comment on one item (a duty, a power item…) or on the whole package."""

    STAGE_CHOICES = [("confirm", "部门确认"), ("review", "审核")]

    package = models.ForeignKey(DataPackage, verbose_name="数据包", on_delete=models.CASCADE, related_name="comments")
    stage = models.CharField("阶段", max_length=20, choices=STAGE_CHOICES)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提出人", null=True, on_delete=models.SET_NULL,
                               related_name="+")
    target_type = models.ForeignKey(ContentType, verbose_name="对象类型", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField("对象编号", max_length=40, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField("针对内容", max_length=300)
    text = models.TextField("意见")
    resolved = models.BooleanField("已处理", default=False, db_index=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    resolution = models.TextField("处理说明", blank=True)

    scope_unit_path = "package__unit"

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["package", "created_at", "id"]

    def __str__(self):
        return f"对「{self.target_label}」的意见"


# --------------------------------------------------------------------------------------------- holds
class HoldKind(models.TextChoices):
    STAFFING = "staffing", "出入编"
    SALARY = "salary", "工资审核"


class Hold(TrackedModel):
    """暂停业务: from the campaign's hold date a unit that missed the materials deadline has its 出入编 and
    工资审核 business suspended, until its data package is approved. Rows are never deleted (history)."""

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="holds")
    campaign = models.ForeignKey(Campaign, verbose_name="批次", on_delete=models.PROTECT, related_name="holds")
    kind = models.CharField("暂停业务", max_length=20, choices=HoldKind.choices)
    start_date = models.DateField("暂停起始日期")
    reason = models.CharField("暂停原因", max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField("解除时间", null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="解除人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    lift_reason = models.CharField("解除原因", max_length=300, blank=True)

    scope_unit_path = "unit"
    lockable = True  # placed and lifted only by the flow's own services (inside allow_locked_writes)

    class Meta:
        verbose_name = "暂停业务"
        verbose_name_plural = "暂停业务"
        ordering = ["-start_date", "unit__tree_path", "kind"]
        constraints = [models.UniqueConstraint(fields=["unit", "campaign", "kind"], condition=Q(lifted_at__isnull=True),
                                               name="workflow_one_active_hold")]

    def __str__(self):
        return f"{self.unit} 暂停{self.get_kind_display()}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


# --------------------------------------------------------------------------------------------- notifications
class Notification(TrackedModel):
    """Something waits for this user (in-app bell; e-mail too when the user has an address)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE,
                                  related_name="notifications")
    unit = models.ForeignKey("registry.Unit", verbose_name="单位", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    package = models.ForeignKey(DataPackage, verbose_name="数据包", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="notifications")
    text = models.CharField("内容", max_length=300)
    url = models.CharField("链接", max_length=300, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    emailed = models.BooleanField("已发送邮件", default=False)

    scope_unit_path = "unit"
    audit_exclude = True  # the transition itself is audited; reading a notice is not a business event

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text
