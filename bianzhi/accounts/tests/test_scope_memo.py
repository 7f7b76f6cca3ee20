"""A clerk's or confirmer's scope roots are read once per request (issue 14: a page asked for them 5–10 times),
and never memoised outside a request, where a changed entry group must show at once."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bianzhi.accounts.models import Role
from bianzhi.accounts.scope import allowed_units
from bianzhi.core.context import RequestContext, reset_context, set_context
from bianzhi.core.tests.factories import UnitFactory, UserFactory, confirmer_for

pytestmark = pytest.mark.django_db


def ids(user, action="change"):
    return set(allowed_units(user, action).values_list("pk", flat=True))


def test_roots_read_once_per_request():
    unit, other = UnitFactory(), UnitFactory()
    clerk = UserFactory(role=Role.CLERK, groups_for=[unit])
    confirmer = confirmer_for(other)
    token = set_context(RequestContext(request_id="t", memo={}))
    try:
        with CaptureQueriesContext(connection) as first:
            assert ids(clerk) == {unit.pk}
            assert ids(confirmer, "confirm") == {other.pk}
        with CaptureQueriesContext(connection) as again:
            assert ids(clerk) == {unit.pk}
            assert ids(confirmer, "confirm") == {other.pk}
        assert len(again.captured_queries) == len(first.captured_queries) - 2  # the two roots lookups
    finally:
        reset_context(token)


def test_no_memo_outside_a_request():
    unit, later = UnitFactory(), UnitFactory()
    clerk = UserFactory(role=Role.CLERK, groups_for=[unit])
    assert ids(clerk) == {unit.pk}
    clerk.entry_groups.first().units.add(later)
    assert ids(clerk) == {unit.pk, later.pk}
