from django.urls import reverse
from rest_framework import serializers

from bianzhi.accounts.permissions import may_create_document_without_unit
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.docnumber import DocNumberError, parse_docnumber

from ..models import ApprovalDocument, DocumentFile


class DocumentFileSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["id", "original_name", "content_type", "size", "sha256", "created_at", "download_url"]

    def get_download_url(self, obj) -> str:
        return reverse("documentfile-download", args=[obj.pk])


class ApprovalDocumentSerializer(serializers.ModelSerializer):
    doc_number_raw = serializers.CharField(label="文号（原文）", required=False, allow_blank=True, max_length=100)
    files = DocumentFileSerializer(many=True, read_only=True)

    class Meta:
        model = ApprovalDocument
        fields = ["id", "unit", "doc_number_raw", "doc_number", "issuer_code", "year", "serial", "title",
                  "issuing_organ", "issued_on", "effective_on", "doc_type", "note", "row_version", "files",
                  "created_at", "updated_at"]
        read_only_fields = ["doc_number", "issuer_code", "year", "serial", "row_version", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "unit" in self.fields:
            self.fields["unit"].queryset = allowed_units(request.user, "change")

    def validate_doc_number_raw(self, value):
        if value:
            try:
                parse_docnumber(value)
            except DocNumberError as exc:
                raise serializers.ValidationError(str(exc))
        return value

    def validate(self, attrs):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        unit = attrs.get("unit", getattr(self.instance, "unit", None))
        if unit is None and not may_create_document_without_unit(user):
            raise serializers.ValidationError({"unit": "请指定数据范围内的主要涉及单位"})
        return attrs
