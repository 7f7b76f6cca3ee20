from rest_framework import serializers

from ..models import IngestJob


class IngestJobSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = IngestJob
        fields = ["id", "unit", "unit_name", "original_name", "size", "sha256", "method", "pages", "warnings", "kind",
                  "layout", "status", "result", "spans", "original_text", "document", "sanding_version", "applied",
                  "created_at", "row_version"]
        read_only_fields = fields


class IngestUploadSerializer(serializers.Serializer):
    unit = serializers.IntegerField(label="单位 ID")
    file = serializers.FileField(label="文件")
