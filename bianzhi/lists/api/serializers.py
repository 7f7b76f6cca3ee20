from rest_framework import serializers

from bianzhi.core.api import BuiltFieldsOnce

from ..models import (
    Citation,
    ImportJob,
    Law,
    PowerCategory,
    PowerItem,
    ResponsibilityItem,
    StageResponsibility,
)


class PowerCategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = PowerCategory
        fields = ["id", "name", "code_prefix", "parent", "is_power", "stages", "sort_order", "active"]


class LawSerializer(serializers.ModelSerializer):
    class Meta:
        model = Law
        fields = ["id", "name", "doc_number", "level", "issuer", "promulgated_on", "revised_on", "status",
                  "needs_review"]


class CitationSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    law_name = serializers.CharField(source="law.name", read_only=True, default="")

    class Meta:
        model = Citation
        fields = ["kind", "law", "law_name", "article", "text"]


class StageSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = StageResponsibility
        fields = ["stage", "content", "position"]


class PowerItemSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    # the related rows' names, read as columns by the view (PowerItemViewSet's RELATED_NAMES annotations)
    category = serializers.CharField(source="category_name", read_only=True, label="类别名称")
    unit_name = serializers.CharField(read_only=True)
    main_item_code = serializers.CharField(read_only=True, default=None)
    citations = CitationSerializer(many=True, read_only=True)
    stage_responsibilities = StageSerializer(many=True, read_only=True)

    class Meta:
        model = PowerItem
        fields = ["id", "code", "name", "category", "main_item_code", "unit", "unit_name", "internal_body",
                  "target", "exercise_level", "statutory_limit", "promised_limit", "accountability", "basis_pending",
                  "note", "duties", "citations", "stage_responsibilities", "row_version", "updated_at"]


class ResponsibilityItemSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ResponsibilityItem
        fields = ["id", "unit", "unit_name", "kind", "name", "content", "basis", "accountability_scope",
                  "related_units", "division", "duties", "power_items", "position", "note", "row_version",
                  "updated_at"]


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.IntegerField(read_only=True)

    class Meta:
        model = ImportJob
        fields = ["id", "kind", "original_name", "status", "progress", "total_rows", "processed_rows",
                  "created_count", "updated_count", "message", "errors", "created_at", "finished_at"]
