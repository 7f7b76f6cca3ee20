"""Published, immutable snapshots: the only tables the public side ever reads.

Publication (`services.publish_units`) copies an allow-listed public view of each unit into
`PublishedUnit`, derives `SearchEntry` rows and `ChangeEntry` feed rows from that copy, and numbers the
whole operation as a `Release` whose full dump is hashed with SHA-256. Draft and working tables are
never queried by public views, so nothing that has not been published can appear.
"""
from django.conf import settings
from django.db import models

from bianzhi.core.models import RestrictedQuerySet, TrackedModel


class PublicQuerySet(RestrictedQuerySet):
    """Staff screens use `restrict(user, …)` as everywhere; the public side uses `public()`,
    which is the explicit, only definition of what anonymous visitors may see."""

    def public(self):
        model = self.model
        if model is PublishedUnit:
            return self.filter(is_current=True)
        # SearchEntry rows exist only for current publications: publish_units / unpublish_unit delete a
        # unit's entries in the same transaction that retires its snapshot (tested), so no join is needed.
        return self


class Release(TrackedModel):
    """一次发布（数据版本）：编号、日期、发布人、说明和全量数据包的 SHA-256。"""

    number = models.PositiveIntegerField("版本号", unique=True)
    published_at = models.DateTimeField("发布时间", db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("说明", max_length=500, blank=True)
    unit_count = models.PositiveIntegerField("公开单位数", default=0)
    change_count = models.PositiveIntegerField("变更条数", default=0)
    sha256 = models.CharField("全量数据包 SHA-256", max_length=64, blank=True)
    size = models.PositiveBigIntegerField("数据包大小（字节）", default=0)

    objects = PublicQuerySet.as_manager()
    scope_unit_path = None

    class Meta:
        verbose_name = "发布版本"
        verbose_name_plural = "发布版本"
        ordering = ["-number"]

    def __str__(self):
        return f"第 {self.number} 版（{self.published_at:%Y-%m-%d}）"


class ReleaseDump(models.Model):
    """The full dump of one release, byte for byte as hashed (kept out of the audit log: it is large,
    and the Release row already records the SHA-256)."""

    release = models.OneToOneField(Release, on_delete=models.PROTECT, related_name="dump")
    content = models.TextField("全量数据包（JSON）")

    objects = PublicQuerySet.as_manager()
    scope_unit_path = None
    audit_exclude = True

    class Meta:
        verbose_name = "全量数据包"
        verbose_name_plural = "全量数据包"


class PublishedUnit(TrackedModel):
    """One unit as published in one release. Exactly one row per unit is current while it is public."""

    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT,
                             related_name="publications")
    release = models.ForeignKey(Release, verbose_name="发布版本", on_delete=models.PROTECT, related_name="units")
    snapshot = models.JSONField("公开内容快照")
    is_current = models.BooleanField("现行公开", default=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=300, blank=True)
    # Denormalised from the snapshot for listing, tree building and ordering (integers only, so the
    # order is identical on SQLite and PostgreSQL).
    name = models.CharField("单位名称", max_length=200)
    region_code = models.CharField("区划代码", max_length=12, db_index=True)
    parent_unit_id = models.BigIntegerField("主管部门ID", null=True, blank=True, db_index=True)
    unit_order = models.BigIntegerField("排序键", default=0, db_index=True)

    objects = PublicQuerySet.as_manager()
    scope_unit_path = "unit"

    class Meta:
        verbose_name = "公开单位快照"
        verbose_name_plural = "公开单位快照"
        ordering = ["unit_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit"], condition=models.Q(is_current=True),
                                               name="portal_one_current_publication")]

    def __str__(self):
        return f"{self.name}（第 {self.release.number} 版）"


class SearchKind(models.TextChoices):
    UNIT = "unit", "单位"
    DUTY = "duty", "职责"
    INTERNAL_BODY = "internal_body", "内设机构"
    POWER = "power", "权力事项"
    RESPONSIBILITY = "responsibility", "责任事项"


KIND_ORDER = {SearchKind.UNIT: 1, SearchKind.INTERNAL_BODY: 2, SearchKind.DUTY: 3, SearchKind.POWER: 4,
              SearchKind.RESPONSIBILITY: 5}


class SearchEntry(models.Model):
    """One searchable thing of a current publication. `norm` is `search_key(title) + "|" + search_key(text)`.

    PostgreSQL: a pg_trgm GIN index on `norm` (migration 0002). SQLite: an FTS5 table of 2-character
    grams keyed by this row's id (migration 0003, kept in step by services)."""

    published_unit = models.ForeignKey(PublishedUnit, on_delete=models.CASCADE, related_name="search_entries")
    unit_id_value = models.BigIntegerField("单位ID", db_index=True)
    region_code = models.CharField("区划代码", max_length=12, db_index=True)
    kind = models.CharField("类型", max_length=20, choices=SearchKind.choices)
    kind_order = models.PositiveSmallIntegerField(default=0)
    unit_order = models.BigIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    category = models.CharField("类别", max_length=60, blank=True, db_index=True)
    title = models.CharField("标题", max_length=500)
    text = models.TextField("内容", blank=True)
    norm = models.TextField("检索文本", blank=True)
    anchor = models.CharField("页内锚点", max_length=60, blank=True)

    objects = PublicQuerySet.as_manager()
    scope_unit_path = "published_unit__unit"
    audit_exclude = True  # derived rows, rebuilt on every publication; the publication itself is audited

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        ordering = ["kind_order", "unit_order", "unit_id_value", "position", "id"]
        indexes = [models.Index(fields=["kind_order", "unit_order", "unit_id_value", "position", "id"],
                                name="portal_search_rank"),
                   # the search form's category list: one index-only probe per category (views._power_categories)
                   models.Index(fields=["kind", "category"], name="portal_search_kind_category")]

    def __str__(self):
        return self.title


class SearchGram(models.Model):
    """A posting of the block index: some entry of kind `kind_order` whose `unit_order // BLOCK_SPAN` is `block`
    contains the 1- or 2-character `gram` in its `norm`. Blocks are contiguous ranges of the rank order, so a
    search visits only the blocks holding every gram of the query, in rank order, and stops once its page and
    capped count are full (`portal.search.SearchResults`). Rows are only ever added (a superset is harmless:
    each entry is still confirmed by `norm LIKE`); `portal.search.rebuild_grams` recomputes them exactly."""

    gram = models.CharField("字或二元组", max_length=2)
    kind_order = models.PositiveSmallIntegerField()
    block = models.BigIntegerField()

    class Meta:
        verbose_name = "检索分块字元"
        verbose_name_plural = "检索分块字元"
        constraints = [models.UniqueConstraint(fields=["gram", "kind_order", "block"], name="portal_searchgram_key")]

    def __str__(self):
        return f"{self.gram} {self.kind_order}/{self.block}"


class ChangeAction(models.TextChoices):
    PUBLISHED = "published", "首次公开"
    UPDATED = "updated", "更新"
    WITHDRAWN = "withdrawn", "撤回"


class ChangeEntry(TrackedModel):
    """One entry of the public change feed: a unit published, updated or withdrawn in a release."""

    release = models.ForeignKey(Release, verbose_name="发布版本", on_delete=models.PROTECT, related_name="changes")
    unit = models.ForeignKey("registry.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    published_unit = models.ForeignKey(PublishedUnit, verbose_name="快照", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    action = models.CharField("变更类型", max_length=20, choices=ChangeAction.choices)
    name = models.CharField("单位名称", max_length=200)
    summary = models.CharField("变更摘要", max_length=500, blank=True)
    published_at = models.DateTimeField("时间", db_index=True)

    objects = PublicQuerySet.as_manager()
    scope_unit_path = "unit"

    class Meta:
        verbose_name = "公开变更"
        verbose_name_plural = "公开变更"
        ordering = ["release__number", "id"]

    def __str__(self):
        return f"{self.name} {self.get_action_display()}"
