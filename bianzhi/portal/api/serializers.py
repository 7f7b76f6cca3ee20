from rest_framework import serializers

from ..models import ChangeEntry, PublishedUnit, Release, SearchEntry


class PublicReleaseSerializer(serializers.ModelSerializer):
    dump_url = serializers.SerializerMethodField()

    class Meta:
        model = Release
        fields = ["number", "published_at", "note", "unit_count", "change_count", "sha256", "size", "dump_url"]

    def get_dump_url(self, obj) -> str:
        request = self.context.get("request")
        path = f"/data/releases/{obj.number}.json"
        return request.build_absolute_uri(path) if request else path


class PublicUnitListSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="unit_id")
    release = serializers.IntegerField(source="release.number")
    parent_id = serializers.IntegerField(source="parent_unit_id", allow_null=True)

    class Meta:
        model = PublishedUnit
        fields = ["id", "name", "region_code", "parent_id", "release"]


class PublicUnitSerializer(PublicUnitListSerializer):
    snapshot = serializers.JSONField(help_text="公开内容：unit（基本信息）、sanding（三定及沿革）、lists（权力清单和责任清单）")

    class Meta(PublicUnitListSerializer.Meta):
        fields = PublicUnitListSerializer.Meta.fields + ["snapshot"]


class PublicSearchResultSerializer(serializers.ModelSerializer):
    unit_id = serializers.IntegerField(source="unit_id_value")
    url = serializers.SerializerMethodField()

    class Meta:
        model = SearchEntry
        fields = ["unit_id", "region_code", "kind", "category", "title", "text", "url"]

    def get_url(self, obj) -> str:
        return f"/unit/{obj.unit_id_value}/#{obj.anchor}"


class PublicChangeSerializer(serializers.ModelSerializer):
    release = serializers.IntegerField(source="release.number")
    unit_id = serializers.IntegerField()
    unit = serializers.SerializerMethodField(help_text="变更后的公开内容；撤回时为 null")

    class Meta:
        model = ChangeEntry
        fields = ["id", "release", "published_at", "action", "unit_id", "name", "summary", "unit"]

    def get_unit(self, obj) -> dict | None:
        return obj.published_unit.snapshot if obj.published_unit_id else None
