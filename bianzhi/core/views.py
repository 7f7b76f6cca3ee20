"""Thin, declarative views. Every queryset goes through restrict(user, action)."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect

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
