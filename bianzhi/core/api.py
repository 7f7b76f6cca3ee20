"""Shared API pieces: Chinese error bodies, scoped viewsets, token auth recorded in the audit context."""
import copy
import functools
import operator
import threading
from collections.abc import Mapping
from types import BuiltinFunctionType, FunctionType

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.db.models.manager import BaseManager
from django.http import Http404
from django.utils.functional import Promise
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, fields, relations, status, viewsets
from rest_framework.fields import REGEX_TYPE, SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer, ListSerializer
from rest_framework.views import exception_handler as drf_exception_handler

from .context import current
from .locks import LockedError
from .models import ConcurrentEditError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    if isinstance(exc, ConcurrentEditError):
        return Response({"detail": str(exc), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, LockedError):
        return Response({"detail": str(exc), "code": "locked"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response({"detail": protected_message(exc), "code": "protected"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404 | OverflowError):  # (an id beyond 64-bit integers: SQLite cannot bind it, no row has it)
        exc = exceptions.NotFound("未找到该对象，或您无权访问。")
    response = drf_exception_handler(exc, context)
    return response


def protected_message(exc) -> str:
    """“仍有 数据包、上交材料 引用该对象，不能删除” from a ProtectedError / RestrictedError."""
    objs = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or []
    labels = sorted({str(o._meta.verbose_name) for o in objs})
    what = "、".join(labels) if labels else "其他数据"
    return f"仍有{what}引用该对象，不能删除；请先处理这些数据（或改为撤销/停用）。"


VERSIONED_WRITE_METHODS = {"PUT", "PATCH", "DELETE"}
IF_MATCH = OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True,
                            description="乐观锁（必填）：读取该记录时的 row_version；缺少时返回 428，已被他人修改时返回 409")


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = ("修改或删除须带 If-Match 请求头，取值为读取该记录时的 row_version（如 If-Match: 3），"
                      "以免覆盖他人在此期间的修改。")
    default_code = "precondition_required"


def if_match_version(request) -> int:
    """The row_version the client loaded, from If-Match; 428 when it is missing (concurrency control is not
    opt-in: without it, 49 of 50 concurrent updates were silently lost)."""
    raw = request.headers.get("If-Match", "").strip()
    if not raw:
        raise PreconditionRequired()
    value = raw.removeprefix("W/").strip('" ')
    if not value.isdigit() or len(value) > 12:
        raise exceptions.ValidationError({"If-Match": "If-Match 应为记录的 row_version 数字（如 3）"})
    return int(value)


class ScopedViewSetMixin:
    """Every queryset passes through restrict(user, action): reads use "view", writes "change".

    Objects outside the scope are absent, so they answer 404 like objects that do not exist."""

    scope_write_action = "change"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        ctx = current()
        if request.user and request.user.is_authenticated:
            ctx.user_id, ctx.username = request.user.pk, request.user.get_username()

    def get_scope_action(self) -> str:
        return "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else self.scope_write_action

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, self.get_scope_action())

    def get_object(self):
        """For PUT/PATCH/DELETE of a versioned record: If-Match is required (428 without it) and must equal
        the stored row_version (409 otherwise); services then save with that expected version."""
        return self.checked_version(super().get_object())

    def checked_version(self, obj):
        """The If-Match rule of get_object for an object read otherwise (428 without it, 409 when stale)."""
        if self.request.method in VERSIONED_WRITE_METHODS and hasattr(obj, "row_version"):
            expected = if_match_version(self.request)
            if obj.row_version != expected:
                raise ConcurrentEditError(obj)
            self.expected_row_version = expected
        return obj


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    pass


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


# For a ModelSerializer: its fields are built from the model once per class, then copied for each serializer (DRF
# built them afresh for every instance — model introspection, every field's arguments, each time: about a tenth of a
# unit's API request). The copy is DRF's own, the one it makes of declared fields (each field made again from its
# arguments), so every serializer still gets fields of its own to bind and change. Only for a serializer whose
# `get_fields` depends on its class alone (not on the request or the instance). (A comment, not a docstring:
# drf-spectacular would show a docstring as every such serializer's description.)
# `only_fields` (a set of names, set before `fields` is first read): only those fields are copied — see
# `sent_fields_only`.
class BuiltFieldsOnce:
    only_fields = None

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = [(name, field, copier_for(field)) for name, field in super().get_fields().items()]
            cls._fields_built_once = built
        only = self.only_fields
        if only is not None:
            return {name: copier(field) for name, field, copier in built if name in only}
        return {name: copier(field) for name, field, copier in built}


def sent_fields_only(serializer) -> None:
    """For a partial update (PATCH) whose answer is not rendered from this serializer (`read_representation`): give
    it only the fields the request sends. DRF skips every field a partial update leaves out (`SkipField` before any
    validation of that field), and ignores keys that name no field, so `validated_data` and the errors are the same
    (the same fields, in the same order); a one-field PATCH no longer copies, binds and walks a unit's 31 fields.
    Only for a `BuiltFieldsOnce` serializer of a dict-like body (any other body keeps DRF's "invalid data" error)
    whose serializer-level validation reads `attrs` only (no `self.fields`, no validator of several fields)."""
    data = getattr(serializer, "initial_data", None)
    if (isinstance(serializer, BuiltFieldsOnce) and getattr(serializer, "partial", False)
            and isinstance(data, Mapping) and "fields" not in serializer.__dict__):
        serializer.only_fields = frozenset(data)


# A field's argument that is never changed in place can be shared by the copies: text (lazy translations too),
# numbers, None, a class or a function. A queryset is shared too: DRF's related fields read it through `.all()`, a
# new queryset each time. Everything else (a list of choices, a default value, a nested field) is deep-copied, as
# DRF does. Shared constants are what a field's own __deepcopy__ spends most of its time on (lazy texts).
_SHARED_ARGUMENT_TYPES = (str, int, float, bool, type(None), Promise, type, FunctionType, BuiltinFunctionType,
                          QuerySet, BaseManager)


def _shared_argument(key, value) -> bool:
    return key in ("validators", "regex") or isinstance(value, _SHARED_ARGUMENT_TYPES) or isinstance(value, REGEX_TYPE)


def copy_field(field):
    """A new field made from the same arguments, as DRF's `Field.__deepcopy__` makes it (its "validators" and
    "regex" passed on as they are, the same rule), but with the unchanging arguments shared instead of deep-copied.
    A nested serializer is deep-copied the DRF way (its fields are bound to it)."""
    if isinstance(field, BaseSerializer):
        return copy.deepcopy(field)
    args = [a if _shared_argument(None, a) else copy.deepcopy(a) for a in field._args]
    kwargs = {key: (value if _shared_argument(key, value) else copy.deepcopy(value))
              for key, value in field._kwargs.items()}
    return field.__class__(*args, **kwargs)


_CONTAINERS = (list, dict, set)


def copy_unbound_field(field):
    """The copy `copy_field` would make, without running the field's `__init__` again: the template's state with
    each of its own lists, dicts and sets copied (validators, error messages, style, choices), everything else
    shared — for a field `copier_for` found plain (its arguments never changed in place, no child field bound to
    it) and never bound (`BuiltFieldsOnce` binds only the copies). `__init__` made that state from the same
    arguments, so it would make the same again."""
    new = object.__new__(field.__class__)
    state = field.__dict__.copy()
    for key, value in state.items():
        if isinstance(value, _CONTAINERS):
            state[key] = value.copy()
    new.__dict__ = state
    return new


def copier_for(field):
    """How `BuiltFieldsOnce` copies this built field for each serializer: `copy_unbound_field` for a plain field
    (every argument shared by `copy_field`'s rule or a tuple, list or dict of such, no serializer, no child field,
    never bound, no container in a container of its state but its arguments, which only a deep copy reads again),
    `copy_field` otherwise."""
    if (isinstance(field, BaseSerializer) or hasattr(field, "child") or hasattr(field, "child_relation")
            or field.parent is not None
            or not all(_plain_argument(None, a) for a in field._args)
            or not all(_plain_argument(k, v) for k, v in field._kwargs.items())
            or any(_nested_container(v) for k, v in field.__dict__.items() if k not in ("_args", "_kwargs"))):
        return copy_field
    return copy_unbound_field


def _plain_argument(key, value) -> bool:
    """Shared by copy_field's rule, or a tuple, list or dict of such values (choices, a style): what __init__ makes of
    it is copied by copy_unbound_field, and the argument itself is only read again by a deep copy."""
    if _shared_argument(key, value):
        return True
    if isinstance(value, tuple | list):
        return all(_plain_argument(None, item) for item in value)
    if isinstance(value, dict):
        return all(_plain_argument(None, item) for item in value.values())
    return False


def _nested_container(value) -> bool:
    """A list, dict or set holding another one (copied one level only by copy_unbound_field: not plain)."""
    if not isinstance(value, _CONTAINERS):
        return False
    items = value.values() if isinstance(value, dict) else value
    return any(isinstance(item, list | dict | set | BaseSerializer) for item in items)


# An answer's representation without a serializer per request (reads only). DRF builds a serializer for every
# answer — for a unit, 29 fields and two nested lists copied from the class's built fields and bound — only to call
# each field's `get_attribute` and `to_representation` once. `read_representation` keeps one serializer per class,
# bound once per process, and a plan of its readable fields: each field's own `get_attribute` and
# `to_representation` (bound methods of that serializer's fields, which keep no state of a request), so the same
# values come out. Where the result is the same by construction, a cheaper call is taken: a model's own stored
# column read with `attrgetter` (DRF's `get_attribute` does the same getattr, then calls the value if it is a
# function — a column's value never is); a plain `CharField` / `IntegerField` by `str` / `int`, which is all their
# `to_representation` does; a nested `many=True` serializer by its child's plan, as `ListSerializer` iterates.
# Only for serializers whose fields do not read the request (`context`): a field that does is refused when the
# plan is made (ValueError), e.g. a hyperlink, a file's URL, a method field.
_CONTEXT_FIELDS = (relations.HyperlinkedRelatedField, fields.FileField, fields.SerializerMethodField,
                   fields.HiddenField)
_READ_PLANS: dict = {}
_READ_PLANS_LOCK = threading.Lock()


def read_representation(serializer_class, instance) -> dict:
    """`serializer_class(instance).data` for a read, as a dict (the same keys, values and order)."""
    return _represent(_read_plan(serializer_class), instance)


def read_representations(serializer_class, instances) -> list:
    """`serializer_class(instances, many=True).data` for a read, as a list of dicts."""
    plan = _read_plan(serializer_class)
    return [_represent(plan, instance) for instance in instances]


def _read_plan(serializer_class) -> list:
    plan = _READ_PLANS.get(serializer_class)
    if plan is None:
        with _READ_PLANS_LOCK:
            plan = _READ_PLANS.get(serializer_class)
            if plan is None:
                plan = _READ_PLANS[serializer_class] = _plan_of(serializer_class(context={}))
    return plan


def _plan_of(serializer) -> list:
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    columns = {f.attname for f in model._meta.concrete_fields if not f.is_relation} if model is not None else set()
    plan = []
    for field in serializer._readable_fields:
        if isinstance(field, _CONTEXT_FIELDS):
            raise ValueError(f"{type(serializer).__name__}.{field.field_name} reads the request: not planned")
        get, represent = field.get_attribute, field.to_representation
        if len(field.source_attrs) == 1 and field.source_attrs[0] in columns:
            get = operator.attrgetter(field.source_attrs[0])
        if isinstance(field, ListSerializer):
            represent = functools.partial(_represent_many, _plan_of(field.child))
        elif isinstance(field, BaseSerializer):
            represent = functools.partial(_represent, _plan_of(field))
        elif type(field) is fields.CharField:
            represent = str
        elif type(field) is fields.IntegerField:
            represent = int
        plan.append((field.field_name, get, represent))
    return plan


def _represent(plan, instance) -> dict:
    """`Serializer.to_representation` with the plan's calls."""
    answer = {}
    for name, get, represent in plan:
        try:
            attribute = get(instance)
        except SkipField:
            continue
        if (attribute.pk if isinstance(attribute, PKOnlyObject) else attribute) is None:
            answer[name] = None
        else:
            answer[name] = represent(attribute)
    return answer


def _represent_many(plan, data) -> list:
    """`ListSerializer.to_representation` with the child's plan."""
    return [_represent(plan, item) for item in (data.all() if isinstance(data, BaseManager) else data)]


def renders_json(request) -> bool:
    """The answer is rendered as JSON (not DRF's browsable page, whose forms read the serializer of `.data`)."""
    return getattr(getattr(request, "accepted_renderer", None), "format", None) == "json"
