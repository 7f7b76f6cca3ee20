from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from bianzhi.core.models import RestrictedQuerySet


class Role(models.TextChoices):
    ADMIN = "admin", "市编办管理员"
    CLERK = "clerk", "录入员"
    CONFIRMER = "confirmer", "部门确认员"
    REVIEWER = "reviewer", "审核员"
    COUNTY = "county", "县编办"
    LEADER = "leader", "领导"


class UserQuerySet(RestrictedQuerySet):
    pass


class BianzhiUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A platform account. The role and its bindings (unit, region, entry groups) decide the data scope."""

    display_name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.CLERK)
    unit = models.ForeignKey("registry.Unit", verbose_name="所属单位（部门确认员）", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="confirmers")
    region = models.ForeignKey("registry.Region", verbose_name="所属行政区划（县编办、审核员）", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="users")
    office_phone = models.CharField("办公电话", max_length=30, blank=True)
    mobile = models.CharField("手机号码", max_length=20, blank=True)
    failed_login_count = models.PositiveIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    objects = BianzhiUserManager()
    scope_unit_path = "unit"

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]

    def __str__(self):
        return f"{self.display_name or self.username}（{self.get_role_display()}）"

    @property
    def is_locked(self) -> bool:
        return bool(self.locked_until and self.locked_until > timezone.now())

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def scope_unit_id(self):
        return self.unit_id


class EntryGroup(models.Model):
    """录入工作组: clerks who enter data for the units assigned to the group (and their subordinates)."""

    name = models.CharField("工作组名称", max_length=100, unique=True)
    note = models.CharField("说明", max_length=300, blank=True)
    members = models.ManyToManyField(User, verbose_name="成员", related_name="entry_groups", blank=True)
    units = models.ManyToManyField("registry.Unit", verbose_name="负责单位", related_name="entry_groups", blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_unit_path = None

    class Meta:
        verbose_name = "录入工作组"
        verbose_name_plural = "录入工作组"
        ordering = ["name"]

    def __str__(self):
        return self.name
