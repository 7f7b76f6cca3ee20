from rest_framework import permissions, serializers

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.api import BuiltFieldsOnce

from ..models import InternalBody, Plaque, Region, RelationType, Unit, UnitRelation


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)
    successor_code = serializers.CharField(source="successor.code", read_only=True, default=None)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "level_detail", "parent_code", "valid_from", "valid_to",
                  "successor_code", "change_note"]


class PlaqueSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = Plaque
        fields = ["id", "name", "kind", "internal_body", "start_date", "end_date", "start_document", "end_document"]


class InternalBodySerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = InternalBody
        fields = ["id", "name", "kind", "sort_order", "established_on", "abolished_on"]


class UnitRelationSerializer(serializers.ModelSerializer):
    relation_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = UnitRelation
        fields = ["id", "superior", "subordinate", "relation_type", "start_date", "end_date", "document", "note"]


class UnitSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    region_code = serializers.SlugRelatedField(source="region", slug_field="code", queryset=Region.objects.all(),
                                               error_messages={"does_not_exist": "行政区划代码“{value}”不存在"})
    parent_relation = serializers.SlugRelatedField(slug_field="code", queryset=RelationType.objects.all(),
                                                   required=False, allow_null=True)
    plaques = PlaqueSerializer(many=True, read_only=True)
    internal_bodies = InternalBodySerializer(many=True, read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "name", "short_name", "uscc", "uscc_legacy_reason", "org_code", "kind", "category", "rank",
                  "funding_form", "institution_class", "level", "region_code", "parent", "parent_relation",
                  "legal_representative", "address", "postcode", "contact_name", "contact_office_phone",
                  "contact_mobile", "status", "established_on", "abolished_on", "sort_order", "note",
                  "row_version", "plaques", "internal_bodies", "created_at", "updated_at"]
        read_only_fields = ["row_version", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        # the 上级单位 a write may choose: the units the user may change. A read only shows the parent's id (the
        # choices are never read: not built, not the scope's "change" condition computed); the browsable API's forms
        # and OPTIONS describe a write and are built with the write's method (DRF's override_method)
        if request is not None and request.method not in permissions.SAFE_METHODS and "parent" in self.fields:
            self.fields["parent"].queryset = allowed_units(request.user, "change")

    def validate(self, attrs):
        instance = self.instance or Unit()
        for key, value in attrs.items():
            setattr(instance, key, value)
        instance.clean()  # model rules (USCC check, dates …) raise Django ValidationError → 400 in Chinese
        return attrs
