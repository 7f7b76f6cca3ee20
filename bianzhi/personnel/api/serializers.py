from rest_framework import serializers

from bianzhi.sanding.models import StaffingType

from ..models import ApplicationStep, EntryMethod, Person, PersonEvent, StaffingApplication, UseNotice


class PersonEventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = PersonEvent
        fields = ["id", "kind", "kind_label", "date", "document", "notice", "changes", "note"]


class PersonSerializer(serializers.ModelSerializer):
    """实有人员. The 公民身份号码 is only ever given masked through the API."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    internal_body_name = serializers.CharField(source="internal_body.name", read_only=True, default="")
    staffing_type_label = serializers.CharField(source="get_staffing_type_display", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "unit", "unit_name", "internal_body", "internal_body_name", "name", "sex", "id_masked",
                  "ethnicity", "staffing_type", "staffing_type_label", "funding_form", "entry_method", "entry_date",
                  "entry_document", "notice", "post", "rank", "leader_role", "exit_kind", "exit_date",
                  "exit_document", "generated", "row_version"]
        read_only_fields = fields


class PersonDetailSerializer(PersonSerializer):
    events = PersonEventSerializer(many=True, read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "events"]
        read_only_fields = fields


class ApplicationStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationStep
        fields = ["name", "label", "from_state", "to_state", "user", "note", "created_at"]


class UseNoticeSerializer(serializers.ModelSerializer):
    remaining = serializers.IntegerField(read_only=True)

    class Meta:
        model = UseNotice
        fields = ["id", "number", "unit", "application", "staffing_type", "count", "remaining", "issued_on",
                  "valid_until"]
        read_only_fields = fields


class StaffingApplicationSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    notice = UseNoticeSerializer(read_only=True)
    steps = ApplicationStepSerializer(many=True, read_only=True)

    class Meta:
        model = StaffingApplication
        fields = ["id", "unit", "staffing_type", "count", "reason", "recruitment", "planned_date", "state",
                  "state_label", "decision_note", "notice", "steps", "created_at"]
        read_only_fields = ["state", "decision_note", "created_at"]


class ApplyInputSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    staffing_type = serializers.ChoiceField(choices=StaffingType.choices)
    count = serializers.IntegerField(min_value=1)
    reason = serializers.CharField()
    recruitment = serializers.ChoiceField(choices=EntryMethod.choices, default=EntryMethod.EXAM)
    planned_date = serializers.DateField()


class ApplicationFireSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=[("approve", "核准"), ("refuse", "不予核准"), ("withdraw", "撤回")])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class OccupancyRowSerializer(serializers.Serializer):
    staffing_type = serializers.CharField()
    label = serializers.CharField()
    approved = serializers.IntegerField()
    actual = serializers.IntegerField()
    reserved = serializers.IntegerField()
    vacant = serializers.IntegerField()
    over = serializers.IntegerField()
    available = serializers.IntegerField()


class PostRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    approved = serializers.IntegerField()
    filled = serializers.IntegerField()
    over = serializers.IntegerField()


class OccupancySerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit.pk")
    date = serializers.DateField()
    types = OccupancyRowSerializer(many=True)
    posts = PostRowSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())
