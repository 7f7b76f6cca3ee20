from django.contrib import admin

from bianzhi.core.admin import ScopedAdmin

from .models import InternalBody, Plaque, Region, RelationType, Unit, UnitRelation


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_to", "successor")
    search_fields = ("code", "name")


@admin.register(RelationType)
class RelationTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "hierarchical", "sort_order")


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ("name", "uscc", "region", "parent", "kind", "status")
    list_filter = ("kind", "status", "level")
    search_fields = ("name", "uscc")
    raw_id_fields = ("parent",)


admin.site.register([InternalBody, Plaque, UnitRelation], ScopedAdmin)
