from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from bianzhi.core.models import RestrictedQuerySet


class Role(models.TextChoices):
    ADMIN = "admin", "市编办管理员"
    CLERK = "clerk", "录入员"
    CONFIRMER = "confirmer", "部门确认员"
    REVIEWER = "reviewer", "审核员"
    COUNTY = "county", "县编办"
    LEADER = "leader", "领导"
    # 三员分立 (等保三级): three separated administrators, none of whom sees business data.
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITOR = "auditor", "审计管理员"


# Roles that administer the platform itself and see no unit data.
SEPARATED_ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})


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
    must_change_password = models.BooleanField(
        "下次登录须修改密码", default=False,
        help_text="初始密码或重置后的密码：登录后除修改密码外不能做任何操作（ForcedPasswordChangeMiddleware）")

    objects = BianzhiUserManager()
    scope_unit_path = "unit"
    audit_ignore_fields = ("last_login", "failed_login_count")  # logins are audited as login events

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
        """Any password the user sets ends a forced change; services that hand out a one-time password set
        `must_change_password` again after calling this."""
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()
        self.must_change_password = False
        self._password_set = True

    def save(self, *args, **kwargs):
        """A password change, a deactivation or a lock revokes the account's API tokens; every password set is
        kept (as its hash) in the history the password validator checks."""
        previous = None
        if self.pk is not None:
            previous = User._base_manager.filter(pk=self.pk).values("is_active", "locked_until", "password").first()
        with transaction.atomic():
            super().save(*args, **kwargs)
            password_set = getattr(self, "_password_set", False) and self.password
            if password_set:
                PasswordHistory.objects.create(user=self, password=self.password)
                PasswordHistory.prune(self)
                self._password_set = False
            if previous is not None and (
                    password_set or previous["password"] != self.password
                    or (previous["is_active"] and not self.is_active)
                    or (self.is_locked and previous["locked_until"] != self.locked_until)):
                Token.objects.filter(user=self).delete()

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


class PasswordHistory(models.Model):
    """Hashes of an account's recent passwords (等保三级: no reuse of the last PASSWORD_HISTORY_COUNT)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField("密码（哈希）", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    audit_exclude = True  # only hashes, and a password change is already audited on the user

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-created_at", "-id"]

    @classmethod
    def prune(cls, user) -> None:
        keep = list(cls.objects.filter(user=user).values_list("pk", flat=True)[:settings.PASSWORD_HISTORY_COUNT])
        cls.objects.filter(user=user).exclude(pk__in=keep).delete()


class LoginThrottle(models.Model):
    """Failed logins per (username as typed, source address). The row exists whether or not the account does, so
    a lock says nothing about which usernames exist; see `throttle.py`."""

    username = models.CharField("用户名", max_length=150)
    ip = models.CharField("来源地址", max_length=45)
    failures = models.PositiveIntegerField("失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    last_attempt = models.DateTimeField("最近尝试", default=timezone.now)

    audit_exclude = True  # failed logins are audited as login events, not as rows of this table

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"
        constraints = [models.UniqueConstraint(fields=["username", "ip"], name="accounts_loginthrottle_unique")]

    def __str__(self):
        return f"{self.username} @ {self.ip}"
