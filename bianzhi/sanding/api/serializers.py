"""Shapes of the 三定 API. Snapshots and diffs are computed by services.py; these serializers describe them
(for the OpenAPI schema) and render them."""
from rest_framework import serializers

from ..models import SandingVersion


class VersionSerializer(serializers.ModelSerializer):
    doc_number = serializers.CharField(read_only=True)
    document_title = serializers.CharField(source="document.title", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    summary = serializers.SerializerMethodField()

    class Meta:
        model = SandingVersion
        fields = ["id", "unit", "unit_name", "document", "doc_number", "document_title", "effective_date",
                  "sequence", "kind", "status", "primary", "stated_totals", "summary", "approved_at", "row_version"]

    def get_summary(self, obj) -> list[str]:
        return [line for line in obj.summary.splitlines() if line.strip()]


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    doc_number = serializers.CharField()
    title = serializers.CharField()
    issuing_organ = serializers.CharField()
    document_id = serializers.IntegerField()
    date = serializers.DateField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    status = serializers.CharField()
    summary = serializers.ListField(child=serializers.CharField())


class _Cited(serializers.Serializer):
    doc_number = serializers.CharField(help_text="产生该内容的文件文号")


class StatementSerializer(_Cited):
    text = serializers.CharField()
    rank = serializers.CharField()
    rank_label = serializers.CharField()


class PlaqueSerializer(_Cited):
    name = serializers.CharField()
    kind = serializers.CharField()


class DutySerializer(_Cited):
    id = serializers.IntegerField(help_text="职责条目的稳定标识（sanding.Duty）")
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    position = serializers.IntegerField()
    text = serializers.CharField()


class BodySerializer(_Cited):
    id = serializers.IntegerField(help_text="内设机构的稳定标识（registry.InternalBody）")
    name = serializers.CharField()
    duties = serializers.CharField()
    head_count = serializers.IntegerField()
    deputy_count = serializers.IntegerField()
    posts_note = serializers.CharField()
    plaques = serializers.ListField(child=serializers.CharField())


class IncludeSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class StaffingSerializer(_Cited):
    type = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    includes = IncludeSerializer(many=True)


class HeadPostSerializer(_Cited):
    title = serializers.CharField()
    count = serializers.IntegerField()
    rank = serializers.CharField()
    note = serializers.CharField()


class QuotaSerializer(_Cited):
    level = serializers.CharField()
    count = serializers.IntegerField()
    note = serializers.CharField()


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SnapshotSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    as_of = serializers.DateField(allow_null=True)
    draft = serializers.IntegerField(allow_null=True, help_text="预览的草稿版本编号（仅预览时）")
    statement = StatementSerializer(allow_null=True)
    plaques = PlaqueSerializer(many=True)
    duties = DutySerializer(many=True)
    internal_bodies = BodySerializer(many=True)
    staffing = StaffingSerializer(many=True)
    staffing_total = serializers.IntegerField()
    head_posts = HeadPostSerializer(many=True)
    internal_leadership = QuotaSerializer(many=True)
    history = HistoryEntrySerializer(many=True)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    section = serializers.CharField(help_text="职责 / 内设机构 / 编制 / 牌子 / 领导职数 / 内设机构领导职数 / 机构性质和规格")
    action = serializers.ChoiceField(choices=["added", "removed", "changed"])
    label = serializers.CharField()
    fields = FieldChangeSerializer(many=True)
    doc_number = serializers.CharField(help_text="作出该变化的文件文号")
    note = serializers.CharField()
    text = serializers.CharField()


class DiffSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    from_date = serializers.DateField(allow_null=True)
    to_date = serializers.DateField(allow_null=True)
    changes = ChangeSerializer(many=True)
