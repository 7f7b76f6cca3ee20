from django.db import models, transaction

from . import locks, scoping
from .audit_models import AuditLogEntry  # noqa: F401
from .precompiled import stored_row, versioned_update


def _differs(value, stored) -> bool:
    """Whether a field's value differs from the stored one: any change of type counts (1 and True, a date and its
    text: written, never taken as equal)."""
    return value is not stored and (type(value) is not type(stored) or value != stored)


_STAMPING: dict = {}


def _self_stamping_fields(model) -> list[str]:
    """Fields whose `pre_save` sets their value on every save (`auto_now`), or does anything else than read the
    attribute (a file field stores its file): always written by a versioned save."""
    found = _STAMPING.get(model)
    if found is None:
        found = _STAMPING[model] = [
            f.attname for f in model._meta.concrete_fields if not f.primary_key and (
                getattr(f, "auto_now", False) or (not isinstance(f, models.DateField)
                                                 and type(f).pre_save is not models.Field.pre_save))]
    return found


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

    def save(self, *args, expected_version: int | None = None, savepoint: bool = True, stored: dict | None = None,
             **kwargs):
        """Save; with `expected_version`, refuse (ConcurrentEditError) if someone saved in between (the version
        check, the save and its audit entry in one atomic block). `savepoint=False`: the caller's own atomic block
        directly encloses this call and nothing between them catches an exception, so that block's savepoint
        (or transaction) undoes this save on a refusal; a caller that may catch the refusal and go on keeps the
        default (a savepoint of its own, as every other caller).

        A versioned save (`expected_version`, or `stored`: the row as `read_for_update()` returned it in the
        caller's open transaction) reads the stored row under its lock (PostgreSQL: `SELECT … FOR UPDATE`), refuses
        a stale version, and writes only the columns whose values differ from the stored ones (plus the version
        and the fields that stamp themselves, `auto_now`), with the version in the UPDATE's condition too; the
        stored row is the audit entry's before-image (no second read)."""
        if (expected_version is None and stored is None) or self.pk is None or self._state.adding \
                or kwargs.get("force_insert"):
            if self.pk is not None and not self._state.adding:
                self.row_version = (self.row_version or 0) + 1
            return super().save(*args, **kwargs)
        with transaction.atomic(savepoint=savepoint):
            if stored is None:
                stored = self.read_for_update()
            if stored is None or (expected_version is not None and stored["row_version"] != expected_version):
                raise ConcurrentEditError(self)
            version = stored["row_version"]
            self.row_version = version + 1
            stamped = _self_stamping_fields(type(self))
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "row_version", *stamped}
            else:
                deferred = self.get_deferred_fields()
                kwargs["update_fields"] = {*stamped, *(
                    f.attname for f in self._meta.concrete_fields
                    if not f.primary_key and f.attname not in deferred
                    and _differs(getattr(self, f.attname), stored[f.attname]))}
            self.__dict__["_stored_row"] = stored  # the audit's before-image (core.audit, pre_save)
            self.__dict__["_saving_version"] = version
            try:
                return super().save(*args, **kwargs)
            finally:
                self.__dict__.pop("_stored_row", None)
                self.__dict__.pop("_saving_version", None)

    def read_for_update(self) -> dict | None:
        """The stored row ({attname: value}), its lock held until the caller's transaction ends (PostgreSQL `SELECT
        … FOR UPDATE`: a concurrent save of the row waits). Inside a transaction; None when the row is gone."""
        return stored_row(type(self), self.pk, lock=True)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        """The version check folded into the UPDATE's condition (`… WHERE id = … AND row_version = …`): a row saved
        by someone else meanwhile is not written (on PostgreSQL the row lock already excludes it)."""
        version = self.__dict__.get("_saving_version")
        if version is None or base_qs.model is not type(self)._meta.concrete_model:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        # the statement built once per set of columns (core.precompiled); the ORM's own where it cannot be
        written = versioned_update(using, base_qs.model, values, pk_val, version) if values and \
            not base_qs.query.where else None
        if written is None:
            written = base_qs.filter(pk=pk_val, row_version=version)._update(values)
        if not written:
            raise ConcurrentEditError(self)
        return True

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
