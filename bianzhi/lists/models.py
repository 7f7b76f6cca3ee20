"""权力清单 and 责任清单.

- `PowerCategory`: the configurable dictionary of 事项类别 (the national “9+X” plus 公共服务, and the
  province's variants such as 其他行政权力-备案), each with its code prefix and the procedural stages of its
  per-power responsibilities.
- `Law`: one register of laws and regulations; every citation points at one `Law` record, so a change of a
  law can be traced to every item citing it.
- `PowerItem` (权力事项, 主项/子项), with `Citation` rows (设定依据 / 实施依据: law + article) and
  `StageResponsibility` rows (the per-power 责任清单: one responsibility per procedural stage).
- `ResponsibilityItem` (the per-department 责任清单: 主要职责/具体工作事项, 职责边界, 事中事后监管, 公共服务).
- `ImportJob`: one Excel/CSV import running in the background, with its progress and its errors.

Items belong to their 实施部门 (`scope_unit_path = "unit"`) and are `lockable`: the review flow refuses writes
to items of a unit whose data package is approved.
"""
import re

from django.conf import settings
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import Contains, GreaterThan

from bianzhi.accounts.permissions import is_platform_admin
from bianzhi.core.models import RestrictedQuerySet, TrackedModel
from bianzhi.core.numerals import to_int
from bianzhi.core.text import nfkc, search_key

# ------------------------------------------------------------------------------------------------ dictionary


class PowerCategory(TrackedModel):
    """事项类别: configuration, editable by administrators (provinces add variants)."""

    name = models.CharField("类别名称", max_length=50, unique=True)
    name_key = models.CharField("检索名", max_length=50, editable=False, db_index=True)
    code_prefix = models.CharField("编码前缀", max_length=10, help_text="事项编码的类别前缀，如 XK（许可）、CF（处罚）")
    parent = models.ForeignKey("self", verbose_name="上级类别", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="variants", help_text="省级增设的细类（如 其他行政权力-备案）挂在国家类别下")
    is_power = models.BooleanField("属于行政权力", default=True, help_text="否：公共服务等非权力事项")
    stages = models.JSONField("责任环节", default=list, blank=True,
                              help_text="该类别的权力事项按环节划分责任事项，如 受理、审查、决定、送达、事后监管")
    sort_order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    scope_unit_path = None

    class Meta:
        verbose_name = "事项类别"
        verbose_name_plural = "事项类别"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfkc(self.name)
        self.name_key = search_key(self.name)
        return super().save(*args, **kwargs)

    def effective_stages(self) -> list[str]:
        """The stages of this category, inherited from the national category when a variant has none."""
        if self.stages:
            return list(self.stages)
        if self.parent_id:
            return list(self.parent.stages or [])
        return []


# ------------------------------------------------------------------------------------------------ laws


class LawLevel(models.TextChoices):
    LAW = "law", "法律"
    ADMIN_REG = "admin_regulation", "行政法规"
    LOCAL_REG = "local_regulation", "地方性法规"
    DEPT_RULE = "dept_rule", "部门规章"
    LOCAL_RULE = "local_rule", "地方政府规章"
    NORMATIVE = "normative", "规范性文件"
    OTHER = "other", "其他"


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修订（待核对引用）"
    REPEALED = "repealed", "已废止"


class Law(TrackedModel):
    """法律法规: one record per law or regulation, cited by items through `Citation`."""

    name = models.CharField("名称", max_length=200)
    name_key = models.CharField("检索名", max_length=200, editable=False)
    doc_number = models.CharField("发布文号/令号", max_length=100, blank=True, help_text="如 国务院令第198号")
    level = models.CharField("效力层级", max_length=30, choices=LawLevel.choices, default=LawLevel.OTHER)
    issuer = models.CharField("制定机关", max_length=100, blank=True)
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    revised_on = models.DateField("最近修订日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=LawStatus.choices, default=LawStatus.IN_FORCE)
    needs_review = models.BooleanField("待核实", default=False, help_text="导入时自动登记的法规，待管理员核实")
    note = models.TextField("备注", blank=True)

    scope_unit_path = None

    class Meta:
        verbose_name = "法律法规"
        verbose_name_plural = "法律法规"
        ordering = ["level", "name"]
        constraints = [models.UniqueConstraint(fields=["name_key", "doc_number"], name="law_name_doc_number_unique")]

    def __str__(self):
        return f"《{self.name}》"

    def save(self, *args, **kwargs):
        self.name = nfkc(self.name).strip("《》")
        self.name_key = law_key(self.name)
        return super().save(*args, **kwargs)

    @classmethod
    def guess_level(cls, name: str) -> str:
        if name.startswith("中华人民共和国") and name.endswith("法"):
            return LawLevel.LAW
        if name.endswith("条例") and ("广西" in name or "自治区" in name or "百色" in name):
            return LawLevel.LOCAL_REG
        if name.endswith("条例"):
            return LawLevel.ADMIN_REG
        if name.endswith(("办法", "规定", "细则")):
            return LawLevel.DEPT_RULE
        if name.endswith(("通知", "意见", "决定")):
            return LawLevel.NORMATIVE
        return LawLevel.OTHER


def law_key(name: str) -> str:
    return search_key(name).strip("《》")


_CN_NUMBER = re.compile(r"[〇零一二两三四五六七八九十百千]+")


def doc_number_key(doc_number: str) -> str:
    """The comparable form of a 令号/文号: NFKC, no spaces, Chinese numerals as digits, any bracket style.
    “主席令第五十五号” and “主席令第55号” agree; “第二十四号” does not."""
    text = search_key(doc_number).replace("[", "〔").replace("]", "〕").replace("(", "〔").replace(")", "〕")
    return _CN_NUMBER.sub(lambda m: str(to_int(m.group())), text)


# ------------------------------------------------------------------------------------------------ items
SEARCH_TEXT_SEPARATOR = "\n"  # white space: never inside a search_key(), so no match spans the two names


def power_search_text(name_key: str, parent_name_key: str = "") -> str:
    """What the staff list's text search (名称或编码) matches for one item: its own search key and, for a 子项,
    its 主项's, apart. A search key contains no white space, so `search_text LIKE '%key%'` holds exactly when
    `name_key` or the 主项's `name_key` contains the key (ADR 0029)."""
    return f"{name_key}{SEARCH_TEXT_SEPARATOR}{parent_name_key}" if parent_name_key else name_key


SEARCH_GRAMS_FUNCTION = "lists_search_grams"  # PostgreSQL: created by migration 0005, with its pg_trgm index


def search_text_contains(key: str, vendor: str) -> Q:
    """`search_text` contains `key` (a search_key(), not empty), written so that PostgreSQL can use an index.

    3 or more characters: `search_text LIKE '%key%'`, served by the pg_trgm index on `search_text`. Shorter keys
    give pg_trgm no trigram (that index would be read whole), so on PostgreSQL they are matched on the word list
    `lists_search_grams(search_text)` — every pair of adjacent characters of the text as a word, and each
    character starting one — which holds “ ab ” exactly when the text contains “ab”, and a word starting with “a”
    exactly when it contains “a”; that expression has a pg_trgm index of its own. The cheap `strpos` test comes
    first in the condition: a walk in list order (a common key) mostly needs no more. SQLite: plain LIKE."""
    if vendor != "postgresql" or len(key) >= 3:
        return Q(search_text__contains=key)
    grams = Func(F("search_text"), function=SEARCH_GRAMS_FUNCTION, output_field=models.CharField())
    return Q(GreaterThan(StrIndex("search_text", Value(key)), 0), Contains(grams, f" {key} " if len(key) == 2
                                                                           else f" {key}"))


class PowerItem(TrackedModel):
    """权力事项. A 子项 points at its 主项 through `parent`."""

    lockable = True

    # no index of its own on region: UNIQUE (region, code) below leads with it and serves every lookup by region
    # (docs/adr/0030-no-redundant-foreign-key-indexes.md); unit: the one-column index below (ADR 0040)
    region = models.ForeignKey("registry.Region", verbose_name="行政区划", on_delete=models.PROTECT,
                               related_name="+", editable=False, db_index=False)
    code = models.CharField("编码", max_length=40)
    code_serial = models.PositiveIntegerField("编码序号", default=0, editable=False)
    name = models.CharField("事项名称", max_length=500)
    # no index: every lookup by name_key is within a unit, found in the unit's items (ADR 0034, ADR 0040)
    name_key = models.CharField("检索名", max_length=500, editable=False)
    # name_key + the 主项's name_key (power_search_text); PostgreSQL: pg_trgm GIN indexes (migration 0005)
    search_text = models.CharField("检索文本", max_length=1001, editable=False)
    category = models.ForeignKey(PowerCategory, verbose_name="事项类别", on_delete=models.PROTECT,
                                 related_name="items")
    parent = models.ForeignKey("self", verbose_name="所属主项", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="sub_items", db_index=False)  # partial index below
    unit = models.ForeignKey("registry.Unit", verbose_name="实施部门", on_delete=models.PROTECT,
                             related_name="power_items", db_index=False)
    internal_body = models.ForeignKey("registry.InternalBody", verbose_name="承办机构", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="power_items",
                                      db_index=False)  # partial index below
    target = models.CharField("实施对象", max_length=300, blank=True)
    exercise_level = models.CharField("行使层级", max_length=50, blank=True, help_text="市 / 县 / 市、县")
    statutory_limit = models.CharField("法定时限", max_length=100, blank=True, help_text="如 20个工作日")
    promised_limit = models.CharField("承诺时限", max_length=100, blank=True)
    accountability = models.TextField("追责情形", blank=True)
    basis_pending = models.BooleanField("依据待补录", default=False,
                                        help_text="从不含依据列的目录导入，依据尚未录入")
    note = models.TextField("备注", blank=True)
    duties = models.ManyToManyField("sanding.Duty", verbose_name="关联职责", blank=True, related_name="power_items")
    import_job = models.ForeignKey("ImportJob", verbose_name="导入批次", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "权力事项"
        verbose_name_plural = "权力事项"
        ordering = ["unit", "code", "id"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="lists_power_code_unique_per_region")]
        indexes = [
            # by unit only: an import appends each new item's entry at its unit's end (keys ascend), where an entry
            # by (unit, name_key) went to a random place; lookups by name read the unit's items (ADR 0040)
            models.Index(fields=["unit"], name="lists_power_unit"),
            # most items are 主项 without a 承办机构: only the rows that have one are indexed (ADR 0030)
            models.Index(fields=["parent"], condition=models.Q(parent__isnull=False), name="lists_power_parent_set"),
            models.Index(fields=["internal_body"], condition=models.Q(internal_body__isnull=False),
                         name="lists_power_body_set"),
            # the 编码 arm of the text search (code = value) beside the name arm, one BitmapOr on PostgreSQL (ADR 0029)
            models.Index(fields=["code"]),
        ]

    def __str__(self):
        return f"{self.code} {self.full_name}"

    def save(self, *args, **kwargs):
        """Keeps `name_key` and `search_text` true: a 子项's from its 主项 as stored, and a 主项's 子项 follow a
        rename of their 主项 (rows written by bulk paths compute `power_search_text` themselves)."""
        self.name_key = search_key(self.name)
        if self.unit_id and not self.region_id:
            self.region_id = self.unit.region_id
        parent_key = ""
        if self.parent_id is not None:
            parent_key = PowerItem._base_manager.filter(pk=self.parent_id).values_list("name_key", flat=True).first()
        self.search_text = power_search_text(self.name_key, parent_key or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "parent", "parent_id"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_key", "search_text"}
        adding = self._state.adding
        result = super().save(*args, **kwargs)
        if not adding:
            self.refresh_sub_items_search_text()
        return result

    def refresh_sub_items_search_text(self) -> int:
        """Rewrites the `search_text` of this item's 子项 that do not carry its current name. Returns rows."""
        expected = Concat(F("name_key"), Value(SEARCH_TEXT_SEPARATOR), Value(self.name_key),
                          output_field=models.CharField())
        return (PowerItem._base_manager.filter(parent_id=self.pk).exclude(search_text=expected)
                .update(search_text=expected))

    @property
    def is_sub_item(self) -> bool:
        return self.parent_id is not None

    @property
    def full_name(self) -> str:
        return f"{self.parent.name}（{self.name}）" if self.parent_id else self.name


class CitationKind(models.TextChoices):
    SETTING = "setting", "设定依据"
    IMPLEMENTING = "implementing", "实施依据"


class Citation(TrackedModel):
    """One citation of a law: 《law》 + article (e.g. 第三条第一款)."""

    lockable = True

    power_item = models.ForeignKey(PowerItem, verbose_name="权力事项", on_delete=models.CASCADE,
                                   related_name="citations")
    kind = models.CharField("依据类型", max_length=20, choices=CitationKind.choices)
    law = models.ForeignKey(Law, verbose_name="法律法规", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="citations", db_index=False)  # indexed below, by name (ADR 0043)
    article = models.CharField("条款", max_length=300, blank=True)
    article_key = models.CharField("条款检索", max_length=300, blank=True, editable=False)
    text = models.TextField("原文", blank=True, help_text="导入或录入时的原始写法")
    position = models.PositiveIntegerField("顺序", default=0)

    scope_unit_path = "power_item__unit"

    class Meta:
        verbose_name = "依据"
        verbose_name_plural = "依据"
        ordering = ["power_item", "kind", "position", "id"]
        # by law alone, not (law, article_key) (ADR 0043): an import's citations then go at the end of their law's
        # run of keys instead of at random places among the (law, article) pairs; the article part served no lookup
        indexes = [models.Index(fields=["law"], name="lists_citation_law")]

    def __str__(self):
        if self.law_id:
            return f"《{self.law.name}》{self.article}"
        return self.text

    def save(self, *args, **kwargs):
        self.article_key = search_key(self.article)
        return super().save(*args, **kwargs)


class StageResponsibility(TrackedModel):
    """The per-power 责任清单: the responsibility of one procedural stage (受理责任, 立案责任, …)."""

    lockable = True

    power_item = models.ForeignKey(PowerItem, verbose_name="权力事项", on_delete=models.CASCADE,
                                   related_name="stage_responsibilities")
    stage = models.CharField("环节", max_length=50)
    content = models.TextField("责任内容")
    position = models.PositiveIntegerField("顺序", default=0)

    scope_unit_path = "power_item__unit"

    class Meta:
        verbose_name = "环节责任"
        verbose_name_plural = "环节责任"
        ordering = ["power_item", "position", "id"]

    def __str__(self):
        return f"{self.stage}责任"


class ResponsibilityKind(models.TextChoices):
    DUTY_TASK = "duty_task", "主要职责"
    BOUNDARY = "boundary", "职责边界"
    SUPERVISION = "supervision", "事中事后监管"
    SERVICE = "service", "公共服务"


class ResponsibilityItem(TrackedModel):
    """The per-department 责任清单: 事项名称, 内容, 依据, 追责对象范围, linked duties (and the boundary and
    supervision shapes)."""

    lockable = True

    unit = models.ForeignKey("registry.Unit", verbose_name="实施部门", on_delete=models.PROTECT,
                             related_name="responsibility_items")
    kind = models.CharField("类型", max_length=20, choices=ResponsibilityKind.choices,
                            default=ResponsibilityKind.DUTY_TASK)
    name = models.CharField("事项名称", max_length=500)
    name_key = models.CharField("检索名", max_length=500, editable=False, db_index=True)
    content = models.TextField("内容", blank=True, help_text="具体工作事项 / 监管措施 / 职责分工的内容")
    basis = models.TextField("依据", blank=True)
    accountability_scope = models.TextField("追责对象范围", blank=True)
    related_units = models.ManyToManyField("registry.Unit", verbose_name="相关单位", blank=True, related_name="+",
                                           help_text="职责边界：与本部门职责相关的其他单位")
    division = models.TextField("分工", blank=True, help_text="职责边界：各单位的职责分工")
    duties = models.ManyToManyField("sanding.Duty", verbose_name="关联职责", blank=True,
                                    related_name="responsibility_items")
    power_items = models.ManyToManyField(PowerItem, verbose_name="关联权力事项", blank=True,
                                         related_name="responsibility_items")
    position = models.PositiveIntegerField("顺序", default=0)
    note = models.TextField("备注", blank=True)
    import_job = models.ForeignKey("ImportJob", verbose_name="导入批次", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    scope_unit_path = "unit"

    class Meta:
        verbose_name = "责任事项"
        verbose_name_plural = "责任事项"
        ordering = ["unit", "kind", "position", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = search_key(self.name)
        return super().save(*args, **kwargs)


# ------------------------------------------------------------------------------------------------ import jobs


class ImportJobQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """A job (and the rows and errors it carries) is visible to the person who started it and to admins."""
        if user is None or not user.is_authenticated:
            return self.none()
        if is_platform_admin(user):
            return self
        return self.filter(owner=user)


class ImportJob(TrackedModel):
    KIND_CHOICES = [("power", "权力清单"), ("duty", "责任清单（按部门）"), ("stage", "责任清单（按权力事项）")]
    STATUS_CHOICES = [("mapping", "待确认列对照"), ("queued", "排队中"), ("running", "导入中"),
                      ("succeeded", "已导入"), ("failed", "未导入（有错误）")]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.CASCADE,
                              related_name="+")
    kind = models.CharField("清单", max_length=20, choices=KIND_CHOICES)
    file = models.FileField("上传文件", upload_to="lists/imports/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    headers = models.JSONField("文件表头", default=list, blank=True)
    header_row = models.PositiveIntegerField("表头行号", default=1)
    sheet_name = models.CharField("工作表", max_length=100, blank=True)
    mapping = models.JSONField("列对照", default=dict, blank=True, help_text="{文件列序号: 模板列}")
    unit_values = models.JSONField("单位名称", default=list, blank=True, help_text="文件中出现的单位名称（对照用）")
    unit_mapping = models.JSONField("单位对照", default=dict, blank=True)
    default_unit = models.ForeignKey("registry.Unit", verbose_name="默认实施部门", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField("状态", max_length=20, choices=STATUS_CHOICES, default="mapping")
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    processed_rows = models.PositiveIntegerField("已处理行数", default=0)
    created_count = models.PositiveIntegerField("新建", default=0)
    updated_count = models.PositiveIntegerField("更新", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    message = models.TextField("结果说明", blank=True)
    error_file = models.FileField("错误标注文件", upload_to="lists/import-errors/%Y/%m/", blank=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()
    scope_unit_path = None

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-id"]

    def __str__(self):
        return f"{self.get_kind_display()}导入 {self.original_name}（{self.get_status_display()}）"

    def scope_unit_id(self):
        """For the job's audit summary: the unit, when the file touched exactly one."""
        return getattr(self, "audit_unit_id", None)

    @property
    def progress(self) -> int:
        if self.status in ("succeeded", "failed"):
            return 100
        if not self.total_rows:
            return 0
        return min(99, int(self.processed_rows * 100 / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in ("succeeded", "failed")
