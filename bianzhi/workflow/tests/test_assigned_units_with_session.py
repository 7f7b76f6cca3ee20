"""The units assigned to a user for confirmation or review (the scope extension `assigned_packages_scope`) are read
in the session's statement (`accounts.sessions.read_with_session`) once the process knows the session's user: one
statement fewer on every request that reads the view scope, and an assignment or its removal still applies on the
very next request — beside a clerk's several root units too (the rows of both are their product)."""
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bianzhi.accounts import sessions
from bianzhi.registry.models import Unit
from bianzhi.workflow import services
from bianzhi.workflow.models import DataPackage
from bianzhi.workflow.selectors import ASSIGNED_UNITS

pytestmark = pytest.mark.django_db


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries.captured_queries]


def separate_assigned_reads(statements):
    return [s for s in statements if "workflow_datapackage" in s and "django_session" not in s
            and "assigned_confirmer_id" in s]


def test_an_assignment_read_with_the_session_applies_at_once(base, package_of, clients):
    assert any(query is ASSIGNED_UNITS for query, _ in sessions.WITH_SESSION)
    u = base.users
    package = package_of("百色市交通运输局")
    client = clients("jiaoyu")
    url = f"/api/v1/units/{package.unit_id}/"
    assert client.get(url).status_code == 404  # the first request of the session: the user read on its own
    response, statements = get(client, url)
    assert response.status_code == 404
    [together] = [s for s in statements if "django_session" in s]
    assert "workflow_datapackage" in together and not separate_assigned_reads(statements)
    services.assign(package, confirmer=u["jiaoyu"], acting_user=u["admin"])
    response, statements = get(client, url)
    assert response.status_code == 200 and response.json()["name"] == "百色市交通运输局"
    assert not separate_assigned_reads(statements)
    DataPackage.objects.filter(pk=package.pk).update(assigned_confirmer=None)
    assert client.get(url).status_code == 404
    # a process that does not know the session's user yet reads the assignment on its own, as before
    DataPackage.objects.filter(pk=package.pk).update(assigned_confirmer=u["jiaoyu"])
    del sessions.USER_OF_SESSION[client.cookies[settings.SESSION_COOKIE_NAME].value]
    response, statements = get(client, url)
    assert response.status_code == 200 and separate_assigned_reads(statements)


def test_several_assigned_units_beside_several_roots(base, package_of, clients):
    u = base.users
    clerk = u["luru"]
    own = list(Unit.objects.restrict(clerk, "change").order_by("pk"))
    outside = [unit for unit in Unit.objects.exclude(pk__in=[unit.pk for unit in own]).order_by("pk")
               if unit.parent_id not in {o.pk for o in own}][:3]
    group = clerk.entry_groups.first()
    group.units.add(outside[0])  # a second root of the clerk's scope
    packages = [package_of(unit.name) for unit in outside[1:]]
    DataPackage.objects.filter(pk__in=[p.pk for p in packages]).update(assigned_reviewer=clerk)  # setup only
    expected = set(Unit.objects.restrict(clerk, "view").values_list("pk", flat=True))  # outside a request
    assert {unit.pk for unit in outside} <= expected
    client = clients("luru")
    client.get("/api/v1/units/?limit=500")
    response, statements = get(client, "/api/v1/units/?limit=500")
    assert response.status_code == 200 and not separate_assigned_reads(statements)
    assert {row["id"] for row in response.json()["results"]} == expected
    for unit in outside:
        assert client.get(f"/api/v1/units/{unit.pk}/").status_code == 200
