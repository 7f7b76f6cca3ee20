"""实名制 (who fills the approved 编制), 用编审批 and its 核准通知单, the 台账's region limits, the public 公示 policy.

A `Person` is one 在编 person's occupancy of one 编制 in one unit, from 入编 to 出编. Every change is a dated
`PersonEvent` citing its document (文号) or the approval that made it; the audit log records the raw writes.
The 公民身份号码 is stored only encrypted (`id_cipher`, Fernet) with a blind index (`id_index`, HMAC) for
duplicate detection and a masked form for display.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q

from bianzhi.core.models import RestrictedQuerySet, TrackedModel
from bianzhi.registry.models import FundingForm
from bianzhi.sanding.models import StaffingType


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class EntryMethod(models.TextChoices):
    EXAM = "exam", "公务员考录"
    RECRUIT = "recruit", "事业单位公开招聘"
    TRANSFER_IN = "transfer_in", "调入"
    SELECTED = "selected", "选调"
    MILITARY = "military", "军转安置"
    GRADUATE = "graduate", "毕业生分配"
    OTHER = "other", "其他"


class LeaderRole(models.TextChoices):
    NONE = "", "非领导职务"
    UNIT_HEAD = "unit_head", "单位正职领导"
    UNIT_DEPUTY = "unit_deputy", "单位副职领导"
    BODY_HEAD = "body_head", "内设机构正职领导"
    BODY_DEPUTY = "body_deputy", "内设机构副职领导"


class ExitKind(models.TextChoices):
    RETIRE = "retire", "退休"
    TRANSFER_OUT = "transfer_out", "调出"
    RESIGN = "resign", "辞职"
    DISMISS = "dismiss", "辞退"
    EXPEL = "expel", "开除"
    DEATH = "death", "死亡"


class PersonQuerySet(RestrictedQuerySet):
    def active_on(self, date):
        """In 编 on `date`: entered on or before it and not yet out (出编 date is the first day out)."""
        return self.filter(entry_date__lte=date).filter(Q(exit_date__isnull=True) | Q(exit_date__gt=date))


class Person(TrackedModel):
    """实有人员: one person's occupancy of an 编制 of `staffing_type` in `unit`."""

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="people")
    internal_body = models.ForeignKey("registry.InternalBody", verbose_name="内设机构", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="people")
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=10, choices=Sex.choices)
    id_cipher = models.TextField("公民身份号码（密文）", editable=False)
    id_index = models.CharField("公民身份号码盲索引", max_length=64, editable=False, db_index=True)
    id_masked = models.CharField("公民身份号码（脱敏）", max_length=18, editable=False)
    birth_date = models.DateField("出生日期", editable=False)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    staffing_type = models.CharField("占用编制类型", max_length=20, choices=StaffingType.choices)
    funding_form = models.CharField("经费形式", max_length=20, choices=FundingForm.choices, blank=True)
    entry_method = models.CharField("进入方式", max_length=20, choices=EntryMethod.choices, default=EntryMethod.OTHER)
    entry_date = models.DateField("入编日期")
    entry_document = models.CharField("入编文号", max_length=100, blank=True)
    notice = models.ForeignKey("personnel.UseNotice", verbose_name="核准通知单", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="people")
    post = models.CharField("职务", max_length=60, blank=True)
    rank = models.CharField("职级", max_length=40, blank=True)
    leader_role = models.CharField("领导职务类别", max_length=20, choices=LeaderRole.choices, blank=True, default="")
    exit_kind = models.CharField("出编方式", max_length=20, choices=ExitKind.choices, blank=True)
    exit_date = models.DateField("出编日期", null=True, blank=True)
    exit_document = models.CharField("出编文号", max_length=100, blank=True)
    generated = models.BooleanField("演示生成数据", default=False,
                                    help_text="演示用的虚构人员：姓名与身份号码为程序生成，不对应真实的人")

    objects = PersonQuerySet.as_manager()
    scope_unit_path = "unit"

    class Meta:
        verbose_name = "实有人员"
        verbose_name_plural = "实有人员"
        ordering = ["unit", "internal_body_id", "entry_date", "id"]
        indexes = [models.Index(fields=["unit", "entry_date", "exit_date"])]

    def __str__(self):
        return f"{self.name}（{self.unit}）"

    @property
    def is_active(self) -> bool:
        return self.exit_date is None


class EventKind(models.TextChoices):
    ENTER = "enter", "入编"
    IMPORT = "import", "导入"
    CHANGE = "change", "信息变更"
    EXIT = "exit", "出编"


class PersonEvent(TrackedModel):
    """One dated change of a person's record and the document or approval it rests on (the 实名制 history)."""

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("类型", max_length=20, choices=EventKind.choices)
    date = models.DateField("日期")
    document = models.CharField("依据文号", max_length=100, blank=True)
    notice = models.ForeignKey("personnel.UseNotice", verbose_name="核准通知单", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    changes = models.JSONField("变化", default=dict, blank=True, help_text="{字段名: [原值, 新值]}，身份号码只记脱敏值")
    note = models.CharField("说明", max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    scope_unit_path = "person__unit"

    class Meta:
        verbose_name = "实名制变动记录"
        verbose_name_plural = "实名制变动记录"
        ordering = ["person", "date", "id"]

    def __str__(self):
        return f"{self.person.name} {self.get_kind_display()} {self.date}"

    @property
    def changes_display(self) -> list:
        """[(中文字段名, 原值, 新值)] for the history table."""
        out = []
        for key, (old, new) in (self.changes or {}).items():
            try:
                label = Person._meta.get_field(key).verbose_name
            except Exception:  # a field that no longer exists keeps its stored key
                label = key
            out.append((label, old, new))
        return out


class PersonRead(TrackedModel):
    """A read of a person's detail page (who, when, whether the full ID number was shown) — reads are audited."""

    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="查阅人", null=True, on_delete=models.SET_NULL,
                             related_name="+")
    full_id_shown = models.BooleanField("显示完整身份号码", default=False)
    channel = models.CharField("途径", max_length=20, default="page")

    scope_unit_path = "person__unit"

    class Meta:
        verbose_name = "人员信息查阅记录"
        verbose_name_plural = "人员信息查阅记录"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"查阅 {self.person_id}"


# ------------------------------------------------------------------------------------------------ 用编审批
class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", "待审批"
    APPROVED = "approved", "已核准"
    REFUSED = "refused", "不予核准"
    WITHDRAWN = "withdrawn", "已撤回"


class StaffingApplication(TrackedModel):
    """用编申请: a unit asks to use `count` vacant 编制 of a type for a planned recruitment."""

    unit = models.ForeignKey("registry.Unit", verbose_name="申请单位", on_delete=models.PROTECT,
                             related_name="staffing_applications")
    staffing_type = models.CharField("编制类型", max_length=20, choices=StaffingType.choices)
    count = models.PositiveIntegerField("申请使用数")
    reason = models.TextField("用编理由")
    recruitment = models.CharField("拟补充方式", max_length=20, choices=EntryMethod.choices, default=EntryMethod.EXAM)
    planned_date = models.DateField("计划补充日期")
    state = models.CharField("状态", max_length=20, choices=ApplicationState.choices,
                             default=ApplicationState.SUBMITTED, db_index=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "用编申请"
        verbose_name_plural = "用编申请"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.unit} 申请使用{self.get_staffing_type_display()}{self.count}名"


class ApplicationStep(TrackedModel):
    """The history of one application: who fired which transition, when, with what note."""

    application = models.ForeignKey(StaffingApplication, verbose_name="申请", on_delete=models.CASCADE,
                                    related_name="steps")
    name = models.CharField("操作", max_length=40)
    label = models.CharField("操作名称", max_length=40)
    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL,
                             related_name="+")
    note = models.TextField("说明", blank=True)

    scope_unit_path = "application__unit"

    class Meta:
        verbose_name = "用编审批记录"
        verbose_name_plural = "用编审批记录"
        ordering = ["application", "created_at", "id"]


class UseNotice(TrackedModel):
    """《机构编制使用核准通知单》: numbered per year (机关代字〔年份〕序号号), valid for a period, reserving `count`
    编制 of the type until used by 入编 or expired."""

    application = models.OneToOneField(StaffingApplication, verbose_name="用编申请", on_delete=models.PROTECT,
                                       related_name="notice")
    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="use_notices")
    year = models.PositiveIntegerField("年份")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("通知单编号", max_length=60, unique=True)
    staffing_type = models.CharField("编制类型", max_length=20, choices=StaffingType.choices)
    count = models.PositiveIntegerField("核准使用数")
    issued_on = models.DateField("核准日期")
    valid_until = models.DateField("有效期至")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发人", null=True,
                                  on_delete=models.SET_NULL, related_name="+")

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "机构编制使用核准通知单"
        verbose_name_plural = "机构编制使用核准通知单"
        ordering = ["-year", "-serial"]
        constraints = [models.UniqueConstraint(fields=["year", "serial"], name="personnel_notice_number_per_year")]

    def __str__(self):
        return self.number

    def used_count(self) -> int:
        return self.people.count()

    def remaining(self) -> int:
        return max(self.count - self.used_count(), 0)


# ------------------------------------------------------------------------------------------------ 台账 / 公示 config
class RegionLimit(TrackedModel):
    """总量控制: the 编制 total of a type the higher level set for a region (and everything below it)."""

    region = models.ForeignKey("registry.Region", verbose_name="行政区划", on_delete=models.PROTECT,
                               related_name="staffing_limits")
    staffing_type = models.CharField("编制类型", max_length=20, choices=StaffingType.choices)
    limit = models.PositiveIntegerField("控制总数")
    document = models.CharField("依据文号", max_length=100, blank=True)

    scope_unit_path = None

    class Meta:
        verbose_name = "编制总量控制数"
        verbose_name_plural = "编制总量控制数"
        ordering = ["region__code", "staffing_type"]
        constraints = [models.UniqueConstraint(fields=["region", "staffing_type"], name="personnel_one_limit")]

    def __str__(self):
        return f"{self.region.name}{self.get_staffing_type_display()}控制数{self.limit}名"


class DisclosurePolicy(TrackedModel):
    """The office's 实名制公示 policy for a region (and below): whether names are published."""

    region = models.OneToOneField("registry.Region", verbose_name="行政区划", on_delete=models.PROTECT,
                                  related_name="disclosure_policy")
    publish_names = models.BooleanField("公示人员姓名", default=False)
    document = models.CharField("依据文件", max_length=200, blank=True)

    scope_unit_path = None

    class Meta:
        verbose_name = "实名制公示规则"
        verbose_name_plural = "实名制公示规则"
        ordering = ["region__code"]

    def __str__(self):
        return f"{self.region.name}：{'公示姓名' if self.publish_names else '不公示姓名'}"
