"""Thin, declarative views. Every queryset goes through restrict(user, action)."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect

from .models import ConcurrentEditError


class PredicateRequiredMixin(LoginRequiredMixin):
    """A view open only to users for whom `permission_predicate(user)` holds — one of the named predicates of
    accounts/permissions.py, declared on the view: `permission_predicate = staticmethod(may_read_audit)`."""

    permission_predicate = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not type(self).permission_predicate(request.user):
            raise PermissionDenied("您没有权限访问此页面。")
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


class VersionedFormMixin:
    """Saves a VersionedModelForm with its expected version; a conflict keeps the user's input and says so."""

    def save_form(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save_form(form)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, "已保存。")
        return redirect(self.get_success_url())


def paginate(request, queryset, per_page=50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
