from django.apps import apps
from django.conf import settings
from django.db import models

from . import scoping


class AuditLogQuerySet(models.QuerySet):
    """Append-only: bulk update and delete are refused here, row triggers refuse them in the database (both
    SQLite and PostgreSQL, see audit_db.py), and the hash chain (audit_chain.py) exposes any change made around
    both."""

    def update(self, **kwargs):
        raise PermissionError("审计日志只可追加，不可修改")

    def delete(self):
        raise PermissionError("审计日志只可追加，不可删除")

    def _seal(self, **kwargs):
        """Only the chain sealer writes the chain columns of a not yet sealed entry (the triggers allow nothing
        else)."""
        return models.QuerySet.update(self, **kwargs)

    def restrict(self, user, action: str = "view"):
        """A unit's log is visible to those who may see the unit; logs of records with no unit only to
        administrators and auditors."""
        return scoping.restrict_audit(self, user, action)


class AuditLogEntry(models.Model):
    """One write: who, when, from where, which object, before and after. Append-only."""

    ACTION_CHOICES = [("create", "新增"), ("update", "修改"), ("delete", "删除"), ("login", "登录"),
                      ("login_failed", "登录失败"), ("logout", "退出"), ("read", "查看个人信息"), ("export", "导出")]
    EVENT_ACTIONS = ("login", "login_failed", "logout", "read", "export")

    timestamp = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True, blank=True,
                             on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    username = models.CharField("用户名", max_length=150, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    request_id = models.CharField("请求编号", max_length=64, blank=True, db_index=True)
    action = models.CharField("操作", max_length=20, choices=ACTION_CHOICES)
    app_label = models.CharField("模块", max_length=50)
    model = models.CharField("对象类型", max_length=100)
    model_verbose = models.CharField("对象类型名称", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, db_index=True)
    object_repr = models.CharField("对象", max_length=300)
    unit_id = models.BigIntegerField("所属单位编号", null=True, blank=True, db_index=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    # hash chain, written once by the sealer right after the entry's transaction commits
    seq = models.BigIntegerField("链序号", null=True, blank=True, unique=True)
    prev_hash = models.CharField("前一条哈希", max_length=80, blank=True, default="")
    entry_hash = models.CharField("本条哈希", max_length=80, blank=True, default="")

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["app_label", "model", "object_id"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计日志不可修改")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志不可删除")

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = [k for k in (after or before) if k not in {"updated_at", "row_version", "created_at"}]
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def field_label(self, name: str) -> str:
        """The field's Chinese label (the log stores attribute names, so it survives label changes)."""
        try:
            model = apps.get_model(self.app_label, self.model)
            field = next(f for f in model._meta.concrete_fields if name in (f.name, f.attname))
            return str(field.verbose_name)
        except (LookupError, StopIteration):
            return name

    def changed_fields_display(self) -> list[tuple[str, object, object]]:
        return [(self.field_label(k), b, a) for k, b, a in self.changed_fields()]


class AuditChainHead(models.Model):
    """The end of the hash chain (one row): sealing takes its row lock, so entries are chained one at a time."""

    audit_exclude = True

    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=80, blank=True, default="")
    sealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
