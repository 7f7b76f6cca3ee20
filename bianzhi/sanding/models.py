"""三定规定 as dated data.

Every piece of 三定 content is a *temporal row*: a stable identity (a `Duty`, a `registry.InternalBody`, or a
natural key such as the 编制 type) plus `valid_from` / `valid_to` and the `SandingVersion` that opened it and
the one that closed it. Operations (see `services.py`) close rows and open new ones; an approved row is never
edited in place. The state of a unit on date D is: rows opened by an approved version with
valid_from <= D and (valid_to is null or valid_to > D) — one query per content type.

A draft version's operations open rows (opened_by = the draft) and *mark* rows for closing
(closed_by = the draft, valid_to still empty). Neither shows in approved history until
`services.approve_version` sets the dates and flips the status in one transaction.
"""
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from bianzhi.core.models import RestrictedQuerySet, TrackedModel
from bianzhi.registry.models import UnitRank


class VersionKind(models.TextChoices):
    BASE = "base", "三定规定（基础）"
    AMENDMENT = "amendment", "调整"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    APPROVED = "approved", "已批准"


class SandingVersion(TrackedModel):
    """One dated version of a unit's 三定, made by one approval document through explicit operations."""

    lockable = True

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="sanding_versions")
    document = models.ForeignKey("documents.ApprovalDocument", verbose_name="依据文件", on_delete=models.PROTECT,
                                 related_name="sanding_versions")
    effective_date = models.DateField("生效日期")
    sequence = models.PositiveIntegerField("序号", default=0, help_text="同一单位内按生效日期排序的版本序号")
    kind = models.CharField("类型", max_length=20, choices=VersionKind.choices, default=VersionKind.AMENDMENT)
    status = models.CharField("状态", max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT,
                              db_index=True)
    summary = models.TextField("变化摘要", blank=True)
    stated_totals = models.JSONField("文件所述调整后数额", default=dict, blank=True,
                                     help_text="如 {\"staffing:admin\": 504, \"leadership:司局级\": 79}，用于核对")
    primary = models.ForeignKey("self", verbose_name="主版本", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="companions",
                                help_text="划转等跨单位操作在对方单位生成的随附版本，随主版本一并批准")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "三定版本"
        verbose_name_plural = "三定版本"
        ordering = ["unit", "effective_date", "sequence", "id"]

    def __str__(self):
        return f"{self.unit} {self.effective_date} {self.document.doc_number or self.document.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def stated_totals_display(self) -> list[str]:
        out = []
        for key, count in (self.stated_totals or {}).items():
            kind, _, name = key.partition(":")
            if kind == "staffing":
                label = StaffingType(name).label if name in StaffingType.values else "编制总数"
            else:
                label = f"{name}内设机构领导职数" if name else "内设机构领导职数"
            out.append(f"{label}{count}名")
        return out

    @property
    def doc_number(self) -> str:
        return self.document.doc_number or self.document.doc_number_raw


class TemporalQuerySet(RestrictedQuerySet):
    def as_of(self, date: datetime.date | None = None):
        """Rows of approved history valid on `date` (default: today)."""
        date = date or datetime.date.today()
        return self.filter(opened_by__status=VersionStatus.APPROVED, valid_from__lte=date).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=date))

    def current(self):
        """Rows of the current approved state (still open)."""
        return self.filter(opened_by__status=VersionStatus.APPROVED, valid_to__isnull=True)

    def in_draft(self, version):
        """What the draft `version` would make current: approved open rows it does not close, plus its own rows."""
        return self.filter(
            (Q(opened_by__status=VersionStatus.APPROVED, valid_to__isnull=True) & ~Q(closed_by=version))
            | Q(opened_by=version)
        )


class TemporalRow(TrackedModel):
    """Common columns of a dated 三定 content row."""

    lockable = True

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField("起始日期", db_index=True)
    valid_to = models.DateField("终止日期", null=True, blank=True, db_index=True)
    opened_by = models.ForeignKey(SandingVersion, verbose_name="产生版本", on_delete=models.CASCADE, related_name="+")
    closed_by = models.ForeignKey(SandingVersion, verbose_name="终止版本", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    change_note = models.CharField("变化说明", max_length=300, blank=True)

    objects = TemporalQuerySet.as_manager()
    scope_unit_path = "unit"

    class Meta:
        abstract = True

    @classmethod
    def identity_of(cls, row) -> str:
        raise NotImplementedError


# ------------------------------------------------------------------------------------------------ duties
def _short(text: str, n: int = 40) -> str:
    return text[:n] + ("…" if len(text) > n else "")


class DutyKind(models.TextChoices):
    MAIN = "main", "主要职责"
    TRANSFORM = "transform", "职能转变"
    DIVISION = "division", "职责分工"


class DutyQuerySet(RestrictedQuerySet):
    def current(self):
        """Duties that have a current approved revision (i.e. are part of the unit's 三定 today)."""
        return self.filter(revisions__opened_by__status=VersionStatus.APPROVED,
                           revisions__valid_to__isnull=True).distinct()

    def as_of(self, date):
        return self.filter(pk__in=DutyRevision.objects.as_of(date).values("duty_id"))

    def with_current_revisions(self):
        """Each duty's current approved revisions (`current_revisions`, in the revisions' order) read in one more
        query for all the duties read (none when there are none): str(duty) — a select's option label — then
        reads no revision per duty."""
        from django.db.models import Prefetch

        return self.prefetch_related(Prefetch("revisions", queryset=DutyRevision.objects.current().order_by(
            "kind", "position", "id"), to_attr="current_revisions"))

    def with_text(self, date=None):
        """Annotate `text_now`, `kind_now`, `position_now` (as of `date`, default today; "" / None when the duty
        is not in force) in the same query — use this in lists instead of `duty.text` per row."""
        from django.db.models import OuterRef, Subquery

        revs = DutyRevision.objects.as_of(date).filter(duty=OuterRef("pk")).order_by("-valid_from", "-id")
        return self.annotate(text_now=Subquery(revs.values("text")[:1]), kind_now=Subquery(revs.values("kind")[:1]),
                             position_now=Subquery(revs.values("position")[:1]))


class Duty(TrackedModel):
    """The stable identity of one duty item of a unit across versions (its text lives in DutyRevision).

    Other apps (权力清单/责任清单) link to this model. A duty moved to another unit ends here and continues as
    a new Duty of the other unit whose `origin` points back to this one.
    """

    lockable = True

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="duties")
    origin = models.ForeignKey("self", verbose_name="划自", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="moved_to")

    objects = DutyQuerySet.as_manager()
    scope_unit_path = "unit"

    class Meta:
        verbose_name = "职责条目"
        verbose_name_plural = "职责条目"
        ordering = ["unit", "id"]

    def __str__(self):
        """The duty's text as a person reads it (the latest revision, approved or draft), never an id."""
        current = getattr(self, "current_revisions", None)  # DutyQuerySet.with_current_revisions()
        text = (current[0].text if current else "") if current is not None else self.text
        if not text:
            latest = self.revisions.order_by("-valid_from", "-id").first()
            text = latest.text if latest else ""
        return _short(text) if text else "（未填写内容的职责）"

    def revision_as_of(self, date=None):
        return self.revisions.as_of(date).first()

    def current_revision(self):
        return self.revisions.current().first()

    def text_as_of(self, date=None) -> str:
        rev = self.revision_as_of(date)
        return rev.text if rev else ""

    @property
    def text(self) -> str:
        """The current approved text ("" if the duty is no longer in force)."""
        rev = self.current_revision()
        return rev.text if rev else ""


class DutyRevision(TemporalRow):
    duty = models.ForeignKey(Duty, verbose_name="职责", on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField("类别", max_length=20, choices=DutyKind.choices, default=DutyKind.MAIN)
    position = models.PositiveIntegerField("顺序", default=0)
    text = models.TextField("职责内容")
    text_key = models.TextField("检索文本", blank=True, editable=False)

    class Meta:
        verbose_name = "职责条目版本"
        verbose_name_plural = "职责条目版本"
        ordering = ["kind", "position", "id"]
        indexes = [models.Index(fields=["unit", "valid_from", "valid_to"])]

    def __str__(self):
        return f"{self.get_kind_display()}：{_short(self.text)}"

    @classmethod
    def identity_of(cls, row):
        return row.duty_id


# ------------------------------------------------------------------------------------------------ statement
class UnitStatement(TemporalRow):
    """机构性质和规格表述 (e.g. “市教育局是市人民政府工作部门，为正处级。”) and the rank it sets."""

    nature_text = models.TextField("机构性质和规格表述")
    rank = models.CharField("机构规格", max_length=20, choices=UnitRank.choices, blank=True)

    class Meta:
        verbose_name = "机构性质和规格"
        verbose_name_plural = "机构性质和规格"
        ordering = ["valid_from", "id"]

    def __str__(self):
        return f"机构性质和规格：{_short(self.nature_text)}"

    @classmethod
    def identity_of(cls, row):
        return "statement"


# ------------------------------------------------------------------------------------------------ plaques
class SandingPlaque(TemporalRow):
    """A plaque (加挂 / 对外保留) on the unit or on one of its internal bodies, as the 三定 states it."""

    KIND_CHOICES = [("added", "加挂"), ("retained", "对外保留")]

    key = models.CharField("标识", max_length=40, db_index=True)
    internal_body = models.ForeignKey("registry.InternalBody", verbose_name="内设机构", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    name = models.CharField("牌子名称", max_length=200)
    kind = models.CharField("方式", max_length=20, choices=KIND_CHOICES, default="added")

    class Meta:
        verbose_name = "牌子（三定）"
        verbose_name_plural = "牌子（三定）"
        ordering = ["internal_body_id", "id"]

    def __str__(self):
        return f"牌子：{self.name}"

    @classmethod
    def identity_of(cls, row):
        return row.key


# ------------------------------------------------------------------------------------------------ internal bodies
class InternalBodyState(TemporalRow):
    """The dated 三定 content of one internal body (registry.InternalBody is its stable identity)."""

    body = models.ForeignKey("registry.InternalBody", verbose_name="内设机构", on_delete=models.PROTECT,
                             related_name="states")
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, default="numbered")
    position = models.PositiveIntegerField("顺序", default=0)
    duty_text = models.TextField("主要职责", blank=True)
    head_count = models.PositiveIntegerField("正职领导职数", default=0)
    deputy_count = models.PositiveIntegerField("副职领导职数", default=0)
    posts_note = models.CharField("领导职数说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "内设机构（三定）"
        verbose_name_plural = "内设机构（三定）"
        ordering = ["position", "id"]

    def __str__(self):
        return f"内设机构：{self.name}"

    @classmethod
    def identity_of(cls, row):
        return row.body_id


# ------------------------------------------------------------------------------------------------ numbers
class StaffingType(models.TextChoices):
    ADMIN = "admin", "行政编制"
    INST_CIVIL = "inst_civil", "事业编制（参照公务员法管理）"
    INST = "inst", "事业编制"
    LEGAL = "legal", "政法专项编制"
    WORKER = "worker", "工勤编制"
    OTHER = "other", "其他编制"


class StaffingLine(TemporalRow):
    """编制 of one type, with its “含…” breakdown as [{"label": "…", "count": n}, …]."""

    staffing_type = models.CharField("编制类型", max_length=20, choices=StaffingType.choices)
    label = models.CharField("名称（其他编制）", max_length=60, blank=True)
    count = models.IntegerField("数额")
    includes = models.JSONField("其中含", default=list, blank=True)

    class Meta:
        verbose_name = "编制"
        verbose_name_plural = "编制"
        ordering = ["staffing_type", "label", "id"]

    def __str__(self):
        return f"{self.display_label}{self.count}名"

    @classmethod
    def identity_of(cls, row):
        return f"{row.staffing_type}:{row.label}"

    @property
    def display_label(self):
        return self.label if self.staffing_type == StaffingType.OTHER and self.label else self.get_staffing_type_display()


class HeadPost(TemporalRow):
    """领导职数 of the unit's heads: title (局长/副局长…), count, rank, note (e.g. 兼任)."""

    title = models.CharField("职务", max_length=60)
    count = models.IntegerField("职数")
    rank = models.CharField("级别", max_length=30, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "领导职数"
        verbose_name_plural = "领导职数"
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.title}{self.count}名"

    @classmethod
    def identity_of(cls, row):
        return row.title


class LeadershipQuota(TemporalRow):
    """内设机构领导职数 by level (正科级 / 副科级 / 司局级 …)."""

    level = models.CharField("级别", max_length=30)
    count = models.IntegerField("职数")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "内设机构领导职数"
        verbose_name_plural = "内设机构领导职数"
        ordering = ["id"]

    def __str__(self):
        return f"内设机构{self.level}领导职数{self.count}名"

    @classmethod
    def identity_of(cls, row):
        return row.level


CONTENT_MODELS = [UnitStatement, DutyRevision, SandingPlaque, InternalBodyState, StaffingLine, HeadPost,
                  LeadershipQuota]
