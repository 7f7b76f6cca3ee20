from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from bianzhi.accounts.permissions import may_create_unit
from bianzhi.accounts.scope import can
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.views import FilteredListMixin, ScopedQuerysetMixin, VersionedFormMixin

from . import services
from .filtersets import UnitFilterSet
from .forms import InternalBodyForm, PlaqueForm, UnitForm, UnitRelationForm
from .models import InternalBody, Plaque, Region, Unit, UnitRelation


def unit_links(unit):
    """Links other apps add to a unit's page: `unit_links = [("标签", "namespace:name")]` on their
    AppConfig, each URL taking the unit's pk."""
    from django.apps import apps

    links = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "unit_links", []):
            links.append({"label": label, "url": reverse(url_name, args=[unit.pk])})
    return links


def build_tree(units):
    """Nest units (already restricted and ordered) under their parents; a unit whose parent is out of
    scope becomes a root."""
    by_id = {u.pk: u for u in units}
    roots = []
    for unit in units:
        unit.tree_children = []
    for unit in units:
        parent = by_id.get(unit.parent_id)
        (parent.tree_children if parent else roots).append(unit)
    return roots


class HomeView(ScopedQuerysetMixin, TemplateView):
    """The staff home: regions with the number of units in the user's scope."""

    template_name = "registry/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        units = Unit.objects.restrict(self.request.user, "view")
        counts = dict(units.values_list("region_id").annotate(n=Count("id")))
        regions = list(Region.objects.filter(valid_to__isnull=True).select_related("parent"))
        for region in regions:
            region.unit_count = counts.get(region.pk, 0)
        ctx["regions"] = [r for r in regions if r.level != "province"]
        ctx["unit_total"] = sum(counts.values())
        ctx["recent"] = AuditLogEntry.objects.restrict(self.request.user).filter(unit_id__isnull=False)[:10]
        return ctx


class RegionDetailView(ScopedQuerysetMixin, DetailView):
    model = Region
    template_name = "registry/region_detail.html"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        units = list(Unit.objects.restrict(self.request.user, "view").filter(region=self.object)
                     .order_by("sort_order", "id"))
        ctx["tree"] = build_tree(units)
        ctx["unit_count"] = len(units)
        ctx["former_codes"] = self.object.predecessors.all()
        return ctx


class UnitListView(ScopedQuerysetMixin, FilteredListMixin, ListView):
    model = Unit
    template_name = "registry/unit_list.html"
    paginate_by = 50
    filterset_class = UnitFilterSet

    def get_queryset(self):
        qs = super().get_queryset().select_related("region", "parent").order_by("region__code", "tree_path")
        return self.filter_queryset(qs)


class UnitDetailView(ScopedQuerysetMixin, DetailView):
    model = Unit
    template_name = "registry/unit_detail.html"

    def get_base_queryset(self):
        return Unit.objects.select_related("region", "parent", "parent_relation")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unit, user = self.object, self.request.user
        ctx["can_change"] = can(user, "change", unit)
        ctx["children"] = Unit.objects.restrict(user, "view").filter(parent=unit).select_related("parent_relation")
        ctx["internal_bodies"] = unit.internal_bodies.established()
        ctx["plaques"] = unit.plaques.select_related("internal_body", "start_document", "end_document")
        ctx["relations_up"] = unit.relations_up.select_related("superior", "relation_type", "document")
        ctx["ancestors"] = unit.ancestors()
        ctx["audit"] = AuditLogEntry.objects.restrict(user).filter(unit_id=unit.pk)[:20]
        ctx["successors"] = unit.successors.all()
        ctx["unit_links"] = unit_links(unit)
        return ctx


class UnitCreateView(ScopedQuerysetMixin, VersionedFormMixin, CreateView):
    model = Unit
    form_class = UnitForm
    template_name = "registry/unit_form.html"
    scope_action = "change"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_create_unit(request.user):
            raise PermissionDenied("您没有新建单位的权限")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        parent_id = self.request.GET.get("parent")
        if parent_id and parent_id.isdigit():
            parent = Unit.objects.restrict(self.request.user, "change").filter(pk=parent_id).first()
            if parent:
                initial.update(parent=parent, region=parent.region, level=parent.level)
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save_form(self, form):
        return services.save_unit(form.save(commit=False), acting_user=self.request.user)

    def get_success_url(self):
        return reverse("registry:unit-detail", args=[self.object.pk])


class UnitUpdateView(ScopedQuerysetMixin, VersionedFormMixin, UpdateView):
    model = Unit
    form_class = UnitForm
    template_name = "registry/unit_form.html"
    scope_action = "change"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save_form(self, form):
        return services.save_unit(form.save(commit=False), acting_user=self.request.user,
                                  expected_version=form.expected_version)

    def get_success_url(self):
        return reverse("registry:unit-detail", args=[self.object.pk])


class UnitChildMixin(ScopedQuerysetMixin, VersionedFormMixin):
    """Create/edit a record that belongs to a unit the user may change."""

    scope_action = "change"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.unit = get_object_or_404(Unit.objects.restrict(request.user, "change"), pk=kwargs["unit_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return self.model.objects.filter(unit_id=self.kwargs["unit_pk"])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "unit": self.unit,
                "model_label": self.model._meta.verbose_name}

    def save_form(self, form):
        obj = form.save(commit=False)
        obj.unit = self.unit
        obj.save(expected_version=form.expected_version)
        return obj

    def get_success_url(self):
        return reverse("registry:unit-detail", args=[self.unit.pk])


class InternalBodyCreateView(UnitChildMixin, CreateView):
    model = InternalBody
    form_class = InternalBodyForm
    template_name = "registry/child_form.html"


class InternalBodyUpdateView(UnitChildMixin, UpdateView):
    model = InternalBody
    form_class = InternalBodyForm
    template_name = "registry/child_form.html"


class PlaqueCreateView(UnitChildMixin, CreateView):
    model = Plaque
    form_class = PlaqueForm
    template_name = "registry/child_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit, "user": self.request.user}


class PlaqueUpdateView(PlaqueCreateView, UpdateView):
    pass


class UnitRelationCreateView(UnitChildMixin, CreateView):
    model = UnitRelation
    form_class = UnitRelationForm
    template_name = "registry/child_form.html"

    def get_base_queryset(self):
        return UnitRelation.objects.filter(subordinate_id=self.kwargs["unit_pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit, "user": self.request.user}

    def save_form(self, form):
        relation = form.save(commit=False)
        relation.subordinate = self.unit
        relation.save()
        return relation
