"""The unit API's 上级单位 choices (UnitSerializer): a write may choose only units the user may change; a read shows
the parent's id and does not build the choices."""
import pytest
from rest_framework.test import APIRequestFactory

from bianzhi.accounts.scope import allowed_units
from bianzhi.registry.api.serializers import UnitSerializer
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["patch", "put", "post"])
def test_a_write_chooses_among_the_units_the_user_may_change(users, method):
    clerk = users["luru"]
    request = getattr(APIRequestFactory(), method)("/api/v1/units/")
    request.user = clerk
    field = UnitSerializer(context={"request": request}).fields["parent"]
    assert set(field.queryset.values_list("pk", flat=True)) == set(allowed_units(clerk, "change").values_list(
        "pk", flat=True))


def test_a_parent_out_of_the_change_scope_is_refused_by_a_patch(users, api_for):
    clerk = users["luru"]
    unit = allowed_units(clerk, "change").order_by("pk").first()
    outside = Unit.objects.exclude(pk__in=allowed_units(clerk, "change").values("pk")).order_by("pk").first()
    response = api_for("luru").patch(f"/api/v1/units/{unit.pk}/", {"parent": outside.pk}, format="json",
                                     HTTP_IF_MATCH=str(unit.row_version))
    assert response.status_code == 400 and "parent" in response.json(), response.content
    unit.refresh_from_db()
    assert unit.parent_id != outside.pk


def test_a_read_shows_the_parent_and_options_describe_the_write(users, api_for):
    clerk = users["luru"]
    unit = allowed_units(clerk, "view").filter(parent__isnull=False).order_by("pk").first()
    api = api_for("luru")
    assert api.get(f"/api/v1/units/{unit.pk}/").json()["parent"] == unit.parent_id
    assert api.options(f"/api/v1/units/{unit.pk}/").status_code == 200
