"""An answer's JSON without a serializer per request (`core.api.read_representation`): the unit GET and a unit's
power items answer byte for byte what DRF's serializer gives for the same rows, for every role, nothing out of
scope; a serializer whose fields read the request is refused; DRF's browsable page still gets its serializer."""
import datetime

import pytest
from django.db.models import Count
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.api import read_representation, read_representations
from bianzhi.lists.api.serializers import PowerItemSerializer
from bianzhi.lists.api.views import PAGE_SIZE, PowerItemViewSet
from bianzhi.registry.api.serializers import UnitSerializer
from bianzhi.registry.api.views import UnitViewSet
from bianzhi.registry.models import InternalBody, Plaque, Unit

pytestmark = pytest.mark.django_db

ROLES = ["luru", "jiaoyu", "youjiang", "shenhe", "admin", "anquan"]


def drf_bytes(data) -> bytes:
    return JSONRenderer().render(data)


def units_of(user, n=4):
    """Units the user may see: those with the most plaques and internal bodies first, then one with a 主管部门."""
    inside = allowed_units(user, "view")
    rich = list(inside.annotate(n=Count("plaques") + Count("internal_bodies")).order_by("-n", "pk")
                .values_list("pk", flat=True)[:n])
    with_parent = inside.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)[:1]
    return [*rich, *with_parent]


def orm_unit(pk):
    return (UnitViewSet.queryset.prefetch_related(*UnitViewSet.shown_relations())).get(pk=pk)


@pytest.mark.parametrize("username", ROLES)
def test_a_unit_answers_the_serializers_bytes_for_every_role_and_nothing_out_of_scope(users, client_for, username):
    user = users[username]
    client = client_for(username)
    asked = units_of(user)
    assert asked or username == "anquan", username  # 安全保密管理员: no unit at all
    for pk in asked:
        response = client.get(f"/api/v1/units/{pk}/")
        assert response.status_code == 200
        assert response.content == drf_bytes(UnitSerializer(orm_unit(pk)).data)
    outside = Unit.objects.exclude(pk__in=allowed_units(user, "view").values("pk")).order_by("pk").first()
    if outside is not None:
        assert client.get(f"/api/v1/units/{outside.pk}/").status_code == 404


def test_every_kind_of_value_is_shown_as_drf_shows_it(users, client_for):
    """A unit with a 主管部门, dates, an empty and a None text, a plaque with and without an end date and its internal
    body, an established internal body: the same bytes as DRF's."""
    unit = Unit.objects.filter(parent__isnull=False).order_by("pk").first()
    Unit.objects.filter(pk=unit.pk).update(short_name="", established_on=datetime.date(2001, 2, 3), note="备注“引号”\\\n")
    body = InternalBody.objects.create(unit=unit, name="测试处", kind=InternalBody._meta.get_field("kind").default
                                       or InternalBody._meta.get_field("kind").choices[0][0],
                                       established_on=datetime.date(2020, 1, 1))
    Plaque.objects.create(unit=unit, name="测试牌子", internal_body=body, start_date=datetime.date(2019, 5, 6),
                          end_date=datetime.date(2030, 1, 1))
    Plaque.objects.create(unit=unit, name="另一块牌子", start_date=datetime.date(2018, 5, 6))
    response = client_for("admin").get(f"/api/v1/units/{unit.pk}/")
    data = response.json()
    assert data["parent"] == unit.parent_id and data["established_on"] == "2001-02-03"
    assert [p["name"] for p in data["plaques"]][-2:] in (["另一块牌子", "测试牌子"], ["测试牌子", "另一块牌子"])
    assert "测试处" in [b["name"] for b in data["internal_bodies"]]
    assert response.content == drf_bytes(UnitSerializer(orm_unit(unit.pk)).data)
    assert read_representation(UnitSerializer, orm_unit(unit.pk)) == UnitSerializer(orm_unit(unit.pk)).data


@pytest.mark.parametrize("username", ROLES)
def test_a_units_power_items_answer_the_serializers_bytes(users, client_for, username):
    user = users[username]
    client = client_for(username)
    inside = allowed_units(user, "view")
    with_items = list(inside.annotate(n=Count("power_items")).filter(n__gt=0).order_by("-n", "pk")
                      .values_list("pk", flat=True)[:3])
    for unit_id in with_items:
        response = client.get(f"/api/v1/power-items/?unit={unit_id}")
        assert response.status_code == 200
        orm = client.get(f"/api/v1/power-items/?unit={unit_id}&limit={PAGE_SIZE}")  # the ORM's way, DRF's serializer
        assert response.content == orm.content
        items = list(PowerItemViewSet.queryset.restrict(user, "view").filter(unit=unit_id)[:PAGE_SIZE])
        assert drf_bytes(read_representations(PowerItemSerializer, items)) == drf_bytes(
            PowerItemSerializer(items, many=True).data)
        assert {i["id"] for i in response.json()["results"]} == {i.pk for i in items}


def test_the_browsable_page_still_gets_drfs_serializer(users, client_for):
    client = client_for("luru")
    pk = units_of(users["luru"], 1)[0]
    page = client.get(f"/api/v1/units/{pk}/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"<form" in page.content
    assert Unit.objects.get(pk=pk).name in page.content.decode()


def test_a_serializer_whose_fields_read_the_request_is_refused():
    class WithMethod(serializers.ModelSerializer):
        shown = serializers.SerializerMethodField()

        class Meta:
            model = Plaque
            fields = ["id", "shown"]

        def get_shown(self, obj):
            return self.context["request"].user.pk

    with pytest.raises(ValueError, match="shown"):
        read_representation(WithMethod, Plaque(id=1))
