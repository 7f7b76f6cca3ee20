"""Queries compiled once per process (core.precompiled): the same rows as the ORM's queryset, the request's values
in every place of a marker, the ORM's conversions, and a refusal when a marker is not a parameter."""
import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from bianzhi.accounts.models import Role, User
from bianzhi.core.precompiled import (
    MARKER_ID,
    MARKER_TEXT,
    MARKER_TIME,
    Precompiled,
    PrecompiledModels,
    PrecompiledUpdate,
)
from bianzhi.core.tests.factories import UnitFactory, UserFactory
from bianzhi.registry.models import Plaque, Unit

pytestmark = pytest.mark.django_db


def test_rows_equal_the_querysets_for_each_value():
    units = [UnitFactory(), UnitFactory(), UnitFactory()]
    query = Precompiled(lambda pk: Unit._base_manager.filter(Q(pk=pk) | Q(parent_id=pk)).order_by("pk")
                        .values_list("pk", "name", "tree_path"), MARKER_ID)
    for unit in units:
        expected = list(Unit._base_manager.filter(Q(pk=unit.pk) | Q(parent_id=unit.pk)).order_by("pk")
                        .values_list("pk", "name", "tree_path"))
        assert query.rows("default", unit.pk) == expected  # the marker stood in two places: both replaced
    assert query.rows("default", 10**9) == []


def test_times_and_booleans_come_back_as_the_orm_gives_them():
    user = UserFactory(role=Role.CLERK, is_active=False)
    query = Precompiled(lambda pk: User.objects.filter(pk=pk).values_list("date_joined", "is_active"), MARKER_ID)
    [(joined, active)] = query.rows("default", user.pk)
    assert isinstance(joined, datetime.datetime) and joined == User.objects.get(pk=user.pk).date_joined
    assert active is False


def test_a_time_as_a_value():
    now = timezone.now()
    Session.objects.create(session_key="k" * 32, session_data="x", expire_date=now + datetime.timedelta(minutes=5))
    query = Precompiled(lambda key, at: Session.objects.filter(session_key=key, expire_date__gt=at)
                        .values_list("session_key"), MARKER_TEXT, MARKER_TIME)
    assert query.rows("default", "k" * 32, now) == [("k" * 32,)]
    assert query.rows("default", "k" * 32, now + datetime.timedelta(minutes=6)) == []


def test_a_marker_folded_into_the_sql_is_refused():
    query = Precompiled(lambda pk: Unit._base_manager.filter(pk__in=[]).values_list("pk"), MARKER_ID)
    with pytest.raises(Exception):  # noqa: B017 — EmptyResultSet or ValueError: never an answer
        query.rows("default", 1)
    unused = Precompiled(lambda pk: Unit._base_manager.values_list("pk"), MARKER_ID)
    with pytest.raises(ValueError):
        unused.rows("default", 1)


def test_an_update_returns_the_rows_it_changed():
    unit = UnitFactory(note="")
    update = PrecompiledUpdate(lambda pk, note: (Unit._base_manager.filter(pk=pk), {"note": note}),
                               MARKER_ID, MARKER_TEXT)
    assert update.run("default", unit.pk, "改过") == 1
    assert update.run("default", 10**9, "没有") == 0
    unit.refresh_from_db()
    assert unit.note == "改过"


def test_an_update_can_return_the_rows_as_it_left_them():
    unit = UnitFactory(note="旧")
    update = PrecompiledUpdate(lambda pk, note: (Unit._base_manager.filter(pk=pk), {"note": note}),
                               MARKER_ID, MARKER_TEXT)
    assert update.returning("default", ("id", "note", "name"), unit.pk, "新") == [(unit.pk, "新", unit.name)]
    assert update.returning("default", ("note",), 10**9, "没有") == []
    unit.refresh_from_db()
    assert unit.note == "新"


def test_model_rows_are_the_instances_the_orm_loads():
    unit = UnitFactory()
    late = Plaque.objects.create(unit=unit, name="后挂", start_date=datetime.date(2001, 1, 1))
    early = Plaque.objects.create(unit=unit, name="先挂", start_date=datetime.date(1999, 1, 1), end_date=None)
    query = PrecompiledModels(lambda pk: Plaque.objects.filter(unit_id=pk).order_by("start_date", "id"), MARKER_ID)
    loaded = query.objects("default", unit.pk)
    expected = list(Plaque.objects.filter(unit_id=unit.pk).order_by("start_date", "id"))
    assert [p.pk for p in loaded] == [early.pk, late.pk] == [p.pk for p in expected]
    for got, want in zip(loaded, expected, strict=True):
        assert type(got) is Plaque and not got._state.adding and got._state.db == "default"
        assert {f.attname: getattr(got, f.attname) for f in Plaque._meta.concrete_fields} == {
            f.attname: getattr(want, f.attname) for f in Plaque._meta.concrete_fields}
        assert isinstance(got.start_date, datetime.date) and isinstance(got.created_at, datetime.datetime)
    assert query.objects("default", 10**9) == []


def test_model_rows_refuse_what_is_not_one_models_whole_rows():
    for build in (lambda pk: Plaque.objects.filter(unit_id=pk).select_related("unit"),
                  lambda pk: Plaque.objects.filter(unit_id=pk).only("id", "name"),
                  lambda pk: Plaque.objects.filter(unit_id=pk).values("id")):
        with pytest.raises(ValueError):
            PrecompiledModels(build, MARKER_ID).objects("default", 1)
