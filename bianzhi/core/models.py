from django.db import models, transaction
from django.db.models import F

from . import locks, scoping
from .audit_models import AuditLogEntry  # noqa: F401


class ConcurrentEditError(Exception):
    """Raised when a record was changed by someone else since the editor loaded it."""

    def __init__(self, obj=None):
        self.obj = obj
        super().__init__("该记录已被其他用户修改，您的修改未保存。请核对最新内容后重新提交（您填写的内容已保留）。")


class RestrictedQuerySet(models.QuerySet):
    """Querysets that know the user's data scope: `Model.objects.restrict(user, "view")`.

    The one path through which every list, page, export, search and API response is filtered.
    Models say how they reach a unit with `scope_unit_path` ("" for Unit itself, None for public data).
    """

    def restrict(self, user, action: str = "view"):
        return scoping.restrict(self, user, action)

    # Bulk writes send no save/delete signals: the lock is checked here instead (core.locks).
    def update(self, **kwargs):
        locks.check_queryset(self)
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        locks.check_instances(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        locks.check_instances(objs)
        return super().bulk_update(objs, *args, **kwargs)


class TrackedModel(models.Model):
    """Created/updated stamps and a row version for optimistic concurrency."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    row_version = models.PositiveIntegerField("版本号", default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    scope_unit_path: str | None = None

    class Meta:
        abstract = True

    def save(self, *args, expected_version: int | None = None, savepoint: bool = True, **kwargs):
        """Save; with `expected_version`, refuse (ConcurrentEditError) if someone saved in between (the version
        check, the save and its audit entry in one atomic block). `savepoint=False`: the caller's own atomic block
        directly encloses this call and nothing between them catches an exception, so that block's savepoint
        (or transaction) undoes this save on a refusal; a caller that may catch the refusal and go on keeps the
        default (a savepoint of its own, as every other caller)."""
        if self.pk is None or expected_version is None or kwargs.get("force_insert"):
            if self.pk is not None and not self._state.adding:
                self.row_version = (self.row_version or 0) + 1
            return super().save(*args, **kwargs)
        with transaction.atomic(savepoint=savepoint):
            bumped = type(self)._base_manager.filter(pk=self.pk, row_version=expected_version).update(
                row_version=F("row_version") + 1
            )
            if not bumped:
                raise ConcurrentEditError(self)
            self.row_version = expected_version + 1
            return super().save(*args, **kwargs)

    def scope_unit_id(self):
        """The id of the unit this record belongs to (for the audit log and scope)."""
        path = self.scope_unit_path
        if path is None:
            return None
        if path == "":
            return self.pk
        obj = self
        parts = path.split("__")
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return getattr(obj, parts[-1] + "_id", None)
