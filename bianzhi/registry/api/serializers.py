from rest_framework import serializers

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


class ScopedParentField(serializers.PrimaryKeyRelatedField):
    """主管部门: a unit in the requesting user's "change" scope (allowed_units), asked only when a value is given
    (an answer or a save that leaves the 主管部门 alone never builds the scope's queryset). Without a request in
    the context: every unit."""

    def get_queryset(self):
        request = self.context.get("request")
        return allowed_units(request.user, "change") if request is not None else super().get_queryset()


class UnitSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    region_code = serializers.SlugRelatedField(source="region", slug_field="code", queryset=Region.objects.all(),
                                               error_messages={"does_not_exist": "行政区划代码“{value}”不存在"})
    parent_relation = serializers.SlugRelatedField(slug_field="code", queryset=RelationType.objects.all(),
                                                   required=False, allow_null=True)
    parent = ScopedParentField(label="主管部门", queryset=Unit.objects.all(), allow_null=True, required=False)
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
        # what ModelSerializer.get_validators derives from the model on every write (a unit has no unique_together,
        # UniqueConstraint or unique_for_date: none), declared once (test_unit_serializer_validators_as_derived)
        validators = []

    def validate(self, attrs):
        instance = self.instance or Unit()
        if self.instance is not None:  # the row as the request read it: its parent's path needs no query
            instance.keep_parent_path(instance.parent_id, instance.tree_path)
        for key, value in attrs.items():
            setattr(instance, key, value)
        instance.clean()  # model rules (USCC check, dates …) raise Django ValidationError → 400 in Chinese
        return attrs
