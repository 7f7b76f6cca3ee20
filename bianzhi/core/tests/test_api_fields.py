"""ModelSerializer fields built once per class (core.api.BuiltFieldsOnce): every serializer still gets fields of
its own, so what one request sets on them (the 主管部门 choices of its user) never reaches another."""
import pytest
from rest_framework.test import APIRequestFactory

from bianzhi.registry.api.serializers import UnitSerializer
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db


def test_each_serializer_gets_its_own_fields(users, demo):
    edu = Unit.objects.get(name="百色市教育局")
    requests = []
    for username in ("luru", "admin"):
        request = APIRequestFactory().get("/")
        request.user = users[username]
        requests.append(request)
    clerk = UnitSerializer(edu, context={"request": requests[0]})
    admin = UnitSerializer(edu, context={"request": requests[1]})
    assert clerk.fields["parent"] is not admin.fields["parent"]
    assert clerk.fields["plaques"] is not admin.fields["plaques"]
    assert clerk.fields["parent"].parent is clerk and admin.fields["parent"].parent is admin
    assert set(clerk.fields["parent"].queryset) < set(admin.fields["parent"].queryset)
    assert clerk.data == admin.data == UnitSerializer(edu).data
