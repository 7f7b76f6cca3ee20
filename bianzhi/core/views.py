"""Thin, declarative views. Every queryset goes through restrict(user, action)."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.utils.functional import cached_property

from .models import ConcurrentEditError


class PermissionRequiredMixin(LoginRequiredMixin):
    """A view declares who may use it: `permission = staticmethod(may_x)` (a predicate of
    `bianzhi.accounts.permissions` taking the user); anyone else gets 403 with `permission_denied_message`."""

    permission = None
    permission_denied_message = "您没有执行此操作的权限"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.permission is not None and not self.permission(request.user):
            raise PermissionDenied(self.permission_denied_message)
        return super().dispatch(request, *args, **kwargs)


class ScopedQuerysetMixin(LoginRequiredMixin):
    """get_queryset() = model.objects.restrict(user, scope_action)."""

    model = None
    scope_action = "view"

    def get_base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        return self.get_base_queryset().restrict(self.request.user, self.scope_action)


class PaginatedQueryMixin:
    """Adds `query_string` (the request's query without the page number) for pagination links."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query_string"] = query.urlencode()
        return ctx


class FilteredListMixin(PaginatedQueryMixin):
    """A list filtered by a django-filter FilterSet over the (already restricted) queryset; the form is in the
    context as `filter`."""

    filterset_class = None

    def get_filterset_kwargs(self) -> dict:
        return {}

    def filter_queryset(self, queryset):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=queryset,
                                              **self.get_filterset_kwargs())
        return self.filterset.qs if self.filterset.is_bound else queryset

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter": self.filterset}


class _OutOfScope(Exception):
    pass


class VersionedFormMixin:
    """Saves a VersionedModelForm with its expected version; a conflict keeps the user's input and says so.

    After the save, still inside the transaction, the object is selected again through the user's restricted
    queryset (NetBox's ObjectEditView does the same): a save that would move the record out of the user's scope
    (another region, a unit the user may not change) is rolled back with a message instead of landing."""

    saved_scope_action = "change"

    def save_form(self, form):
        raise NotImplementedError

    def saved_object_in_scope(self, obj) -> bool:
        manager = type(obj).objects
        if not hasattr(manager, "restrict"):
            return True
        return manager.filter(pk=obj.pk).restrict(self.request.user, self.saved_scope_action).exists()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save_form(form)
                if not self.saved_object_in_scope(self.object):
                    raise _OutOfScope
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except ValidationError as exc:  # a service refused: its reasons go to the fields they name
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        except _OutOfScope:
            form.add_error(None, "保存后该记录将不在您的数据范围内（例如移到了其他行政区划或您无权修改的单位），未保存。")
            return self.form_invalid(form)
        messages.success(self.request, "已保存。")
        return redirect(self.get_success_url())


def paginate(request, queryset, per_page=50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# ------------------------------------------------------------------------------------------------ large lists
LIST_COUNT_CAP = 10000
SEARCH_COUNT_CAP = 1000  # with a text search (substring match, no index): every counted row costs a comparison


class CappedPaginator(Paginator):
    """Pagination for staff lists that can hold a province's data (a million 权力事项).

    An exact COUNT(*) of a scoped million-row queryset costs more than the page itself, and a page ten thousand
    rows deep makes the database walk every row before it. `CappedPaginator` counts at most `cap` + 1 rows
    (SELECT COUNT(*) FROM (… LIMIT cap + 1), without ORDER BY); beyond the cap the list says “超过 cap 条” and offers
    the pages up to the cap (上一页/下一页): a person narrows such a list with the filters, or exports it (the export
    holds every row). Below the cap nothing changes: the exact count and every page.

    A page is read in two steps (a “deferred join”): first the ids of the page, in the list's order, from the
    filtered queryset without its select_related joins — on PostgreSQL a walk of an index in that order which
    stops after the page — then those rows with their related columns. Reading the rows directly makes the
    planner join the related tables of every row in scope before it sorts.
    """

    cap = LIST_COUNT_CAP

    def __init__(self, *args, cap: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if cap is not None:
            self.cap = cap

    @cached_property
    def count(self):
        return self.object_list.order_by()[:self.cap + 1].count()

    @property
    def capped(self) -> bool:
        """True when the list holds more than `cap` rows (`count` is then cap + 1, not the total)."""
        return self.count > self.cap

    @cached_property
    def num_pages(self):
        if self.capped:
            return self.cap // self.per_page
        return super().num_pages

    def page(self, number):
        if not hasattr(self.object_list, "values_list"):
            return super().page(number)
        ids = None
        if number in (1, "1") and "count" not in self.__dict__:
            ids = list(self.object_list.values_list("pk", flat=True)[:self.per_page])
            if len(ids) < self.per_page:  # the whole list fits on page one: its count needs no query of its own
                self.__dict__["count"] = len(ids)
        number = self.validate_number(number)
        if ids is None:
            bottom = (number - 1) * self.per_page
            top = min(bottom + self.per_page, self.cap if self.capped else self.count)
            ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {obj.pk: obj for obj in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
