"""Shapes of the 三定 API. Snapshots and diffs are computed by services.py; these serializers describe them
(for the OpenAPI schema) and render them."""
from rest_framework import serializers

from ..models import SandingVersion


class SandingVersionSerializer(serializers.ModelSerializer):
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


class SandingHistoryEntrySerializer(serializers.Serializer):
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


class SandingCited(serializers.Serializer):
    doc_number = serializers.CharField(help_text="产生该内容的文件文号")


class SandingStatementSerializer(SandingCited):
    text = serializers.CharField()
    rank = serializers.CharField()
    rank_label = serializers.CharField()


class SandingPlaqueSerializer(SandingCited):
    name = serializers.CharField()
    kind = serializers.CharField()


class SandingDutySerializer(SandingCited):
    id = serializers.IntegerField(help_text="职责条目的稳定标识（sanding.Duty）")
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    position = serializers.IntegerField()
    text = serializers.CharField()


class SandingBodySerializer(SandingCited):
    id = serializers.IntegerField(help_text="内设机构的稳定标识（registry.InternalBody）")
    name = serializers.CharField()
    duties = serializers.CharField()
    head_count = serializers.IntegerField()
    deputy_count = serializers.IntegerField()
    posts_note = serializers.CharField()
    plaques = serializers.ListField(child=serializers.CharField())


class SandingIncludeSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class SandingStaffingSerializer(SandingCited):
    type = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    includes = SandingIncludeSerializer(many=True)


class SandingHeadPostSerializer(SandingCited):
    title = serializers.CharField()
    count = serializers.IntegerField()
    rank = serializers.CharField()
    note = serializers.CharField()


class SandingQuotaSerializer(SandingCited):
    level = serializers.CharField()
    count = serializers.IntegerField()
    note = serializers.CharField()


class SandingUnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SandingSnapshotSerializer(serializers.Serializer):
    unit = SandingUnitRefSerializer()
    as_of = serializers.DateField(allow_null=True)
    draft = serializers.IntegerField(allow_null=True, help_text="预览的草稿版本编号（仅预览时）")
    statement = SandingStatementSerializer(allow_null=True)
    plaques = SandingPlaqueSerializer(many=True)
    duties = SandingDutySerializer(many=True)
    internal_bodies = SandingBodySerializer(many=True)
    staffing = SandingStaffingSerializer(many=True)
    staffing_total = serializers.IntegerField()
    head_posts = SandingHeadPostSerializer(many=True)
    internal_leadership = SandingQuotaSerializer(many=True)
    history = SandingHistoryEntrySerializer(many=True)


class SandingFieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class SandingChangeSerializer(serializers.Serializer):
    section = serializers.CharField(help_text="职责 / 内设机构 / 编制 / 牌子 / 领导职数 / 内设机构领导职数 / 机构性质和规格")
    action = serializers.ChoiceField(choices=["added", "removed", "changed"])
    label = serializers.CharField()
    fields = SandingFieldChangeSerializer(many=True)
    doc_number = serializers.CharField(help_text="作出该变化的文件文号")
    note = serializers.CharField()
    text = serializers.CharField()


class SandingDiffSerializer(serializers.Serializer):
    unit = SandingUnitRefSerializer()
    from_date = serializers.DateField(allow_null=True)
    to_date = serializers.DateField(allow_null=True)
    changes = SandingChangeSerializer(many=True)
