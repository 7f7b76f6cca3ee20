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
        request = APIRequestFactory().patch("/")  # a write: its parent's choices are the user's change scope
        request.user = users[username]
        requests.append(request)
    clerk = UnitSerializer(edu, context={"request": requests[0]})
    admin = UnitSerializer(edu, context={"request": requests[1]})
    assert clerk.fields["parent"] is not admin.fields["parent"]
    assert clerk.fields["plaques"] is not admin.fields["plaques"]
    assert clerk.fields["parent"].parent is clerk and admin.fields["parent"].parent is admin
    assert set(clerk.fields["parent"].queryset) < set(admin.fields["parent"].queryset)
    assert clerk.data == admin.data == UnitSerializer(edu).data


def test_a_copied_field_shares_only_what_never_changes():
    """core.api.copy_field: a mutable default, a list of choices and a nested field are copies of their own; texts
    and querysets are shared (DRF reads a queryset through .all())."""
    from rest_framework import serializers

    from bianzhi.core.api import copy_field

    default = ["甲"]
    choices = [("a", "甲"), ("b", "乙")]
    listed = serializers.ListField(child=serializers.CharField(max_length=5), default=default, label="列表")
    chosen = serializers.ChoiceField(choices=choices, help_text="说明")
    related = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    copied_list, copied_choice, copied_related = copy_field(listed), copy_field(chosen), copy_field(related)
    assert copied_list is not listed and copied_list.child is not listed.child
    assert copied_list.default == default and copied_list.default is not default
    assert copied_list.child.max_length == 5 and copied_list.label == "列表"
    assert copied_choice._kwargs["choices"] is not choices and copied_choice.choices == chosen.choices
    assert copied_related.queryset is related.queryset
    nested = UnitSerializer(many=True, read_only=True)
    assert copy_field(nested).child is not nested.child
