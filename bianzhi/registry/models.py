from django.core.exceptions import ValidationError
from django.db import models, router, transaction

from bianzhi.core import identifiers
from bianzhi.core.models import RestrictedQuerySet, TrackedModel
from bianzhi.core.precompiled import MARKER_ID, Precompiled
from bianzhi.core.text import nfkc, search_key


class Region(models.Model):
    """行政区划 (GB/T 2260), dated: a code that was replaced keeps its row, `valid_to` and `successor`."""

    LEVEL_CHOICES = [("province", "省级"), ("prefecture", "地级"), ("county", "县级"), ("township", "乡级")]

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=20, choices=LEVEL_CHOICES)
    level_detail = models.CharField("类型", max_length=60, blank=True, help_text="市辖区、县、自治县、县级市……")
    parent = models.ForeignKey("self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    valid_from = models.DateField("启用日期", null=True, blank=True)
    valid_to = models.DateField("停用日期", null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name="变更为", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="predecessors")
    change_note = models.CharField("变更说明", max_length=300, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = RestrictedQuerySet.as_manager()
    scope_unit_path = None

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.name}（{self.code}）" if self.valid_to is None else f"{self.name}（{self.code}，已停用）"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class UnitKind(models.TextChoices):
    ORGAN = "organ", "机关"
    INSTITUTION = "institution", "事业单位"
    MASS_ORG = "mass", "群团"
    OTHER = "other", "其他"


class UnitCategory(models.TextChoices):
    PARTY_ORGAN = "party_organ", "党委工作机关"
    GOVERNMENT_DEPARTMENT = "gov_department", "政府工作部门"
    DEPARTMENT_ADMINISTERED = "dept_administered", "部门管理机构"
    COORDINATION_BODY = "coordination", "议事协调机构"
    DISPATCHED = "dispatched", "派出机构"
    DIRECTLY_UNDER = "directly_under", "直属机构"
    PEOPLES_CONGRESS = "npc_cppcc", "人大政协机关"
    JUDICIAL = "judicial", "审判检察机关"
    MASS_ORGANISATION = "mass_org", "群团机关"
    PUBLIC_INSTITUTION = "institution", "事业单位"
    OTHER = "other", "其他"


class UnitRank(models.TextChoices):
    MINISTER = "zhengbu", "正部级"
    VICE_MINISTER = "fubu", "副部级"
    BUREAU = "zhengting", "正厅级"
    VICE_BUREAU = "futing", "副厅级"
    DIVISION = "zhengchu", "正处级"
    VICE_DIVISION = "fuchu", "副处级"
    SECTION = "zhengke", "正科级"
    VICE_SECTION = "fuke", "副科级"
    UNIT = "gu", "股级"
    NONE = "none", "不定级"


class FundingForm(models.TextChoices):
    FULL = "full", "全额拨款"
    PARTIAL = "partial", "差额拨款"
    SELF = "self", "自收自支"


class InstitutionClass(models.TextChoices):
    ADMINISTRATIVE = "admin_functions", "承担行政职能"
    PUBLIC_WELFARE_1 = "welfare_1", "公益一类"
    PUBLIC_WELFARE_2 = "welfare_2", "公益二类"
    BUSINESS = "business", "经营类"


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇级"


class UnitStatus(models.TextChoices):
    ACTIVE = "active", "存续"
    ABOLISHED = "abolished", "已撤销"
    MERGED = "merged", "已合并"


class RelationType(models.Model):
    """Typed relation between units; configuration, because provinces name them differently."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    hierarchical = models.BooleanField("构成隶属关系", default=True,
                                       help_text="是：下级单位属于上级单位的管理范围（数据范围随之继承）")
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = RestrictedQuerySet.as_manager()
    scope_unit_path = None

    class Meta:
        verbose_name = "单位关系类型"
        verbose_name_plural = "单位关系类型"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Unit(TrackedModel):
    """单位 / 机构: a public body with a stable identity."""

    name = models.CharField("单位全称", max_length=200)
    short_name = models.CharField("简称", max_length=100, blank=True)
    name_key = models.CharField("检索名", max_length=200, editable=False, db_index=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True, unique=True,
                            error_messages={"unique": "统一社会信用代码已被其他单位使用"})
    uscc_legacy_reason = models.CharField("代码未通过校验的接受理由", max_length=300, blank=True,
                                          help_text="仅管理员可填写：接受未通过 GB 32100 校验的历史代码时记录理由")
    org_code = models.CharField("组织机构代码", max_length=10, blank=True)
    kind = models.CharField("单位性质", max_length=20, choices=UnitKind.choices, default=UnitKind.ORGAN)
    category = models.CharField("机构类别", max_length=30, choices=UnitCategory.choices, blank=True)
    rank = models.CharField("机构规格", max_length=20, choices=UnitRank.choices, blank=True)
    funding_form = models.CharField("经费形式", max_length=20, choices=FundingForm.choices, blank=True)
    institution_class = models.CharField("事业单位分类", max_length=30, choices=InstitutionClass.choices, blank=True)
    level = models.CharField("层级", max_length=20, choices=UnitLevel.choices, default=UnitLevel.CITY)
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey("self", verbose_name="主管部门", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    parent_relation = models.ForeignKey(RelationType, verbose_name="与主管部门的关系", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    tree_path = models.CharField("层级路径", max_length=255, editable=False, db_index=True, default="")
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    address = models.CharField("单位地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True, validators=[identifiers.validate_postcode])
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_office_phone = models.CharField("联系人办公电话", max_length=30, blank=True,
                                            validators=[identifiers.validate_office_phone])
    contact_mobile = models.CharField("联系人手机号码", max_length=20, blank=True,
                                      validators=[identifiers.validate_mobile])
    status = models.CharField("状态", max_length=20, choices=UnitStatus.choices, default=UnitStatus.ACTIVE)
    established_on = models.DateField("成立日期", null=True, blank=True)
    abolished_on = models.DateField("撤销日期", null=True, blank=True)
    successors = models.ManyToManyField("self", verbose_name="承继单位", symmetrical=False, blank=True,
                                        related_name="predecessors")
    sort_order = models.PositiveIntegerField("排序", default=0)
    note = models.TextField("备注", blank=True)

    scope_unit_path = ""
    lockable = True  # locked once its data package is approved (bianzhi.workflow.locks)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "id"]
        # (sort_order, id): the order in which staff lists walk units — the 权力清单 list reads its page by walking this
        # index and each unit's items, instead of sorting a province's million items (bench/staff_pages.py)
        indexes = [models.Index(fields=["region", "parent"]), models.Index(fields=["sort_order", "id"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        self.name = (self.name or "").strip()
        if self.uscc:
            self.uscc = identifiers.normalize_code(self.uscc)
            problems = identifiers.uscc_problems(self.uscc)
            if problems and not self.uscc_legacy_reason.strip():
                errors["uscc"] = "；".join(problems)
        else:
            self.uscc = None
        if self.org_code:
            self.org_code = identifiers.normalize_code(self.org_code)
            problems = identifiers.org_code_problems(self.org_code)
            if problems:
                errors["org_code"] = "；".join(problems)
            elif self.uscc and len(self.uscc) == 18 and self.uscc[8:17] != self.org_code and not self.uscc_legacy_reason:
                errors["org_code"] = f"组织机构代码与统一社会信用代码第9至17位（{self.uscc[8:17]}）不一致"
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = "主管部门不能是单位自身"
        elif self.parent_id and self.pk and self.parent_tree_path().startswith(self.tree_path or "\0"):
            errors["parent"] = "主管部门不能是本单位的下属单位（会形成循环）"
        if self.parent_id and not self.parent_relation_id:
            errors["parent_relation"] = "请选择与主管部门的关系"
        if self.status != UnitStatus.ACTIVE and not self.abolished_on:
            errors["abolished_on"] = "已撤销或合并的单位须填写撤销日期"
        if self.kind != UnitKind.INSTITUTION and (self.funding_form or self.institution_class):
            errors["funding_form"] = "经费形式和事业单位分类只适用于事业单位"
        if self.established_on and self.abolished_on and self.abolished_on < self.established_on:
            errors["abolished_on"] = "撤销日期不能早于成立日期"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, savepoint: bool = True, **kwargs):
        """`savepoint` as in TrackedModel.save (False: the caller's atomic block directly encloses this save). The
        tracked save inside runs in this method's atomic block without a savepoint of its own: nothing here catches
        its refusal, so this block undoes it (one SAVEPOINT and RELEASE fewer per save)."""
        self.name_key = search_key(self.name)
        if not self.uscc:
            self.uscc = None
        old_path = self.tree_path
        with transaction.atomic(savepoint=savepoint):
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs.pop("force_insert", None)
                kwargs.pop("expected_version", None)
                self.tree_path = self._compute_path()
                type(self)._base_manager.filter(pk=self.pk).update(tree_path=self.tree_path)
                return
            self.tree_path = self._compute_path()
            super().save(*args, savepoint=False, **kwargs)
            if old_path and old_path != self.tree_path:
                self._move_subtree(old_path, self.tree_path)

    def parent_tree_path(self) -> str:
        """The 主管部门's tree path: from the loaded parent when there is one, else its one column (a query compiled
        once per process, core.precompiled: a clean() and the save read it on every unit save). Kept on the unit for
        its current parent, as the loaded parent itself is (a new parent_id reads again)."""
        if Unit.parent.is_cached(self):
            return self.parent.tree_path
        kept = self.__dict__.get("_parent_tree_path")
        if kept is not None and kept[0] == self.parent_id:
            return kept[1]
        rows = PARENT_TREE_PATH.rows(router.db_for_read(Unit), self.parent_id)
        if not rows:  # a parent that does not exist: the ORM's own error, as reading self.parent gives
            return self.parent.tree_path
        self._parent_tree_path = (self.parent_id, rows[0][0])
        return rows[0][0]

    def keep_parent_path(self, parent_id, tree_path: str) -> None:
        """Keep the 主管部门's tree path as a stored row of this unit states it (`parent_id`, `tree_path`: a unit's
        path is its parent's followed by its own key, `_compute_path`), so that `parent_tree_path()` reads nothing
        while the unit keeps that parent: the row read under its lock before a save (`save_unit`), or the row a
        request loaded before its values were applied (the API serializer's validation)."""
        self.__dict__.pop("_parent_tree_path", None)
        suffix = f"{self.pk}/"
        if parent_id and self.pk and tree_path.endswith("/" + suffix) and len(tree_path) > len(suffix) + 1:
            self._parent_tree_path = (parent_id, tree_path[:-len(suffix)])

    def _compute_path(self) -> str:
        prefix = self.parent_tree_path() if self.parent_id else "/"
        return f"{prefix}{self.pk}/"

    def _move_subtree(self, old: str, new: str) -> None:
        for child in type(self)._base_manager.filter(tree_path__startswith=old).exclude(pk=self.pk):
            type(self)._base_manager.filter(pk=child.pk).update(tree_path=new + child.tree_path[len(old):])

    @property
    def display_name(self) -> str:
        return nfkc(self.name)

    @property
    def depth(self) -> int:
        return max(self.tree_path.count("/") - 2, 0)

    def ancestors(self):
        ids = [int(x) for x in self.tree_path.strip("/").split("/") if x][:-1]
        by_id = {u.pk: u for u in type(self)._base_manager.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

    def current_plaques(self):
        return [p for p in self.plaques.all() if p.end_date is None and p.internal_body_id is None]


PARENT_TREE_PATH = Precompiled(lambda pk: Unit._base_manager.filter(pk=pk).order_by().values_list("tree_path"),
                               MARKER_ID)


class InternalBodyQuerySet(RestrictedQuerySet):
    def established(self):
        """Bodies that exist in the register: not set up by a 三定 draft still awaiting approval."""
        return self.filter(pending=False)


class InternalBody(TrackedModel):
    """内设机构: part of one unit, not a legal unit of its own."""

    KIND_CHOICES = [("numbered", "内设机构"), ("party", "机关党组织"), ("retiree", "离退休干部工作机构"),
                    ("other", "其他（不计入内设机构数）")]

    unit = models.ForeignKey(Unit, verbose_name="所属单位", on_delete=models.CASCADE, related_name="internal_bodies")
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES, default="numbered")
    sort_order = models.PositiveIntegerField("排序", default=0)
    established_on = models.DateField("设立日期", null=True, blank=True)
    abolished_on = models.DateField("撤销日期", null=True, blank=True)
    document = models.ForeignKey("documents.ApprovalDocument", verbose_name="依据文件", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    pending = models.BooleanField("待批准", default=False,
                                  help_text="由未批准的三定草稿设立：批准前不出现在机构名录中")

    objects = InternalBodyQuerySet.as_manager()

    scope_unit_path = "unit"
    lockable = True

    class Meta:
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"
        ordering = ["unit", "sort_order", "id"]

    def __str__(self):
        return f"{self.unit.name} {self.name}" if self.unit_id else self.name


class Plaque(TrackedModel):
    """牌子: another name the same body carries (加挂 / 对外保留), on a unit or on one of its internal bodies."""

    KIND_CHOICES = [("added", "加挂"), ("retained", "对外保留")]

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="plaques")
    internal_body = models.ForeignKey(InternalBody, verbose_name="内设机构", null=True, blank=True,
                                      on_delete=models.CASCADE, related_name="plaques")
    name = models.CharField("牌子名称", max_length=200)
    kind = models.CharField("方式", max_length=20, choices=KIND_CHOICES, default="added")
    start_date = models.DateField("起始日期", null=True, blank=True)
    end_date = models.DateField("撤销日期", null=True, blank=True)
    start_document = models.ForeignKey("documents.ApprovalDocument", verbose_name="加挂依据", null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    end_document = models.ForeignKey("documents.ApprovalDocument", verbose_name="撤销依据", null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")

    scope_unit_path = "unit"
    lockable = True

    class Meta:
        verbose_name = "牌子"
        verbose_name_plural = "牌子"
        ordering = ["unit", "start_date", "id"]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"

    def clean(self):
        if self.internal_body_id and self.internal_body.unit_id != self.unit_id:
            raise ValidationError({"internal_body": "内设机构不属于该单位"})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "撤销日期不能早于起始日期"})


class UnitRelation(TrackedModel):
    """A typed, dated relation between two units, citing the document behind it."""

    superior = models.ForeignKey(Unit, verbose_name="上级单位（主管部门）", on_delete=models.CASCADE,
                                 related_name="relations_down")
    subordinate = models.ForeignKey(Unit, verbose_name="下级单位", on_delete=models.CASCADE,
                                    related_name="relations_up")
    relation_type = models.ForeignKey(RelationType, verbose_name="关系类型", on_delete=models.PROTECT)
    start_date = models.DateField("起始日期", null=True, blank=True)
    end_date = models.DateField("终止日期", null=True, blank=True)
    document = models.ForeignKey("documents.ApprovalDocument", verbose_name="依据文件", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    note = models.CharField("备注", max_length=300, blank=True)

    scope_unit_path = "subordinate"
    lockable = True  # a relation belongs to both its units: either one locked refuses it (core.locks)
    lock_unit_paths = ("subordinate", "superior")

    class Meta:
        verbose_name = "单位关系"
        verbose_name_plural = "单位关系"
        ordering = ["start_date", "id"]

    def __str__(self):
        return f"{self.superior} → {self.subordinate}（{self.relation_type}）"

    def clean(self):
        if self.superior_id and self.superior_id == self.subordinate_id:
            raise ValidationError("单位不能与自身建立关系")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "终止日期不能早于起始日期"})
