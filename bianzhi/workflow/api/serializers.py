from rest_framework import serializers

from ..flow import TRANSITIONS
from ..models import Campaign, DataPackage, Hold, Transition


class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campaign
        fields = ["id", "name", "basis", "accounts_due", "materials_due", "hold_from", "entry_start", "review_due",
                  "publish_due", "publish_by", "is_active"]


class TransitionSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", default=None, read_only=True)
    from_state = serializers.CharField(read_only=True, help_text="原状态（同数据包 state 的取值）")
    to_state = serializers.CharField(read_only=True, help_text="新状态（同数据包 state 的取值）")

    class Meta:
        model = Transition
        fields = ["name", "label", "from_state", "to_state", "user", "at", "comment"]


class DataPackageSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = DataPackage
        fields = ["id", "unit", "unit_name", "campaign", "kind", "state", "state_label", "is_current", "entered_by",
                  "submitted_at", "confirmed_by", "confirmed_at", "reviewed_by", "reviewed_at", "published_at",
                  "assigned_confirmer", "assigned_reviewer", "row_version"]
        read_only_fields = fields


class FireSerializer(serializers.Serializer):
    name = serializers.ChoiceField(label="操作", choices=[])
    comment = serializers.CharField(label="说明 / 意见", required=False, allow_blank=True, default="")
    sheet_digest = serializers.CharField(
        label="确认单摘要", required=False, allow_blank=True, default="",
        help_text="确认无误（confirm）和审核通过（approve）必填：GET sheet/ 返回的 digest，表示签字人核对过的确认单内容；"
                  "确认单打开后数据有变化则被拒绝。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["name"].choices = [(t.name, t.label) for t in TRANSITIONS]


class HoldSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    uscc = serializers.CharField(source="unit.uscc", read_only=True, allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = Hold
        fields = ["id", "unit", "unit_name", "uscc", "campaign", "kind", "kind_label", "start_date", "reason",
                  "active", "lifted_at", "lift_reason"]


class SheetSerializer(serializers.Serializer):
    """确认单：签字人确认/审核的全部内容（三定草稿及与现行版本的差异、权力清单与责任清单、未处理意见、检查提示）。"""
    digest = serializers.CharField(help_text="内容摘要：确认无误 / 审核通过时原样提交（sheet_digest）")
    unit = serializers.CharField(help_text="单位名称")
    campaign = serializers.CharField(help_text="工作批次")
    state = serializers.CharField(help_text="数据包状态（中文）")
    sanding = serializers.DictField(help_text="三定（含草稿时为草稿内容）")
    has_draft = serializers.BooleanField()
    versions = serializers.ListField(child=serializers.DictField(), required=False)
    powers = serializers.ListField(child=serializers.DictField(), required=False)
    responsibilities = serializers.ListField(child=serializers.DictField(), required=False)
    comments = serializers.ListField(child=serializers.DictField(), required=False)
    warnings = serializers.ListField(child=serializers.CharField(), required=False)
