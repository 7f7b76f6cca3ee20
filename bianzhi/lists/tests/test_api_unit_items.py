"""One unit's power items from the API (`/api/v1/power-items/?unit=<id>`, a clerk's list): read by queries compiled
once per shape of the user's scope (`PowerItemViewSet.unit_items_page`) — the same answer as the ORM's way through
the filter set and the pagination, for every role, nothing out of scope, the scope read on every request."""
import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.precompiled import keep_prefetched
from bianzhi.lists.api.views import CITATIONS, PAGE_SIZE
from bianzhi.lists.models import Citation, PowerItem, StageResponsibility
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db

ROLES = ["luru", "jiaoyu", "youjiang", "shenhe", "admin", "anquan"]


def compiled_and_orm(client, unit_id):
    """The answer to `?unit=<id>` and the ORM's answer to the same list (`&limit=<the default>`: the same page, but
    a query parameter more, so the filter set's and the pagination's own way), with the statements of the first."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/power-items/?unit={unit_id}")
    statements = [q["sql"] for q in queries.captured_queries]  # (the next request empties the log)
    orm = client.get(f"/api/v1/power-items/?unit={unit_id}&limit={PAGE_SIZE}")
    assert response.status_code == orm.status_code == 200
    return response.json(), orm.json(), statements


def units_to_ask(user):
    """Units in scope with items (the most items first), one in scope without any, one out of scope with items."""
    inside = allowed_units(user, "view")
    with_items = list(inside.annotate(n=Count("power_items")).filter(n__gt=0).order_by("-n", "pk")
                      .values_list("pk", flat=True)[:3])
    empty = inside.filter(power_items=None).order_by("pk").values_list("pk", flat=True)[:1]
    outside = (Unit.objects.exclude(pk__in=inside.values("pk")).filter(power_items__isnull=False).order_by("pk")
               .values_list("pk", flat=True)[:1])
    return with_items, [*empty, *outside]


@pytest.mark.parametrize("username", ROLES)
def test_the_unit_list_answers_as_the_orm_for_every_role_and_nothing_out_of_scope(users, client_for, username):
    user = users[username]
    client = client_for(username)
    client.get("/api/v1/power-items/")  # a session's first request
    with_items, others = units_to_ask(user)
    in_scope = set(PowerItem.objects.restrict(user, "view").values_list("pk", flat=True))
    for unit_id in [*with_items, *others]:
        answer, orm, statements = compiled_and_orm(client, unit_id)
        assert answer == orm
        assert {item["id"] for item in answer["results"]} <= in_scope
        assert answer["count"] == len(answer["results"]) < PAGE_SIZE
    if username == "luru":  # a clerk with items in scope: its list takes the compiled way
        assert with_items
    for unit_id in with_items:
        answer, _, statements = compiled_and_orm(client, unit_id)
        assert answer["results"] and {item["unit"] for item in answer["results"]} == {unit_id}
        # the filter set's check of the unit (`… "registry_unit"."id" = <id>) LIMIT 21`) is not asked on the compiled
        # way: the items found are in scope and of that unit
        unit_check = [s for s in statements if s.startswith('SELECT "registry_unit"."id", "registry_unit"."name"')]
        assert bool(unit_check) == (username == "admin"), statements


def test_the_related_rows_come_in_their_order_with_one_query_each(users, client_for):
    """Citations with their laws, stages and duties of the page's items: the prefetches' rows in their order, one
    query for each relation whatever the number of items."""
    item = (PowerItem.objects.annotate(c=Count("citations", distinct=True), s=Count("stage_responsibilities",
                                                                                    distinct=True))
            .filter(c__gt=0, s__gt=0).order_by("pk").first())
    assert item is not None
    users["luru"].entry_groups.first().units.add(item.unit)  # a clerk of that unit
    client = client_for("luru")
    client.get("/api/v1/power-items/")
    answer, orm, statements = compiled_and_orm(client, item.unit_id)
    assert answer == orm
    shown = next(i for i in answer["results"] if i["id"] == item.pk)
    assert [c["law"] for c in shown["citations"]] == list(
        CITATIONS.filter(power_item=item).values_list("law_id", flat=True))
    assert [s["stage"] for s in shown["stage_responsibilities"]] == list(
        StageResponsibility.objects.filter(power_item=item).order_by("position", "id").values_list("stage", flat=True))
    assert shown["duties"] == list(item.duties.values_list("pk", flat=True))
    # the session with its user, the clerk's roots and assigned packages (accounts.sessions, ADR 0057), the items,
    # citations with laws, stages, duties
    assert len(statements) == 5, statements


def test_a_scope_change_takes_effect_on_the_next_request(users, client_for):
    clerk = users["luru"]
    client = client_for("luru")
    outside = (Unit.objects.exclude(pk__in=allowed_units(clerk, "view").values("pk"))
               .filter(power_items__isnull=False).order_by("pk").first())
    mine = set(PowerItem.objects.restrict(clerk, "view").values_list("pk", flat=True))
    url = f"/api/v1/power-items/?unit={outside.pk}"
    # out of scope: the filter set refuses the unit and lists every item in scope, none of that unit's
    assert {i["id"] for i in client.get(url).json()["results"]} <= mine
    group = clerk.entry_groups.first()
    group.units.add(outside)
    theirs = set(PowerItem.objects.filter(unit=outside).values_list("pk", flat=True))
    assert {i["id"] for i in client.get(url).json()["results"]} == theirs
    group.units.remove(outside)
    assert not {i["id"] for i in client.get(url).json()["results"]} & theirs


def test_a_full_page_is_counted_the_orms_way(users, client_for, demo):
    clerk = users["luru"]
    unit = allowed_units(clerk, "view").filter(power_items__isnull=False).order_by("pk").first()
    model = PowerItem.objects.filter(unit=unit).order_by("pk").first()
    existing = PowerItem.objects.filter(unit=unit).count()
    PowerItem.objects.bulk_create([
        PowerItem(region_id=model.region_id, category_id=model.category_id, unit=unit, code=f"{model.code}-T{n:03}",
                  name=f"测试事项{n}", name_key=f"测试事项{n}", search_text=f"测试事项{n}")
        for n in range(PAGE_SIZE + 3 - existing)])
    client = client_for("luru")
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(f"/api/v1/power-items/?unit={unit.pk}").json()
    assert answer["count"] == PAGE_SIZE + 3 and len(answer["results"]) == PAGE_SIZE and answer["next"]
    assert any("COUNT(" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("value", ["abc", "07", "1.0", "-1", "٣", ""])
def test_a_unit_that_is_not_a_plain_number_goes_the_orms_way(users, client_for, value):
    client = client_for("luru")
    answer = client.get("/api/v1/power-items/", {"unit": value})
    assert answer.status_code == 200
    assert answer.json() == client.get("/api/v1/power-items/", {"unit": value, "limit": PAGE_SIZE}).json()


def test_kept_rows_answer_all_and_a_further_filter_asks_about_that_item_only(demo):
    items = list(PowerItem.objects.annotate(n=Count("citations")).filter(n__gt=0).order_by("pk")[:2])
    assert len(items) == 2
    first, second = items
    rows = list(CITATIONS.filter(power_item=second))  # another item's rows, kept on the first: answered as kept
    keep_prefetched(first, "citations", rows, CITATIONS.all())
    with CaptureQueriesContext(connection) as queries:
        assert list(first.citations.all()) == rows
    assert not queries.captured_queries
    assert set(first.citations.filter(pk__gt=0).values_list("power_item_id", flat=True)) == {first.pk}
    keep_prefetched(first, "duties", [], PowerItem.duties.field.related_model._default_manager.all())
    with CaptureQueriesContext(connection) as queries:
        assert list(first.duties.all()) == []
    assert not queries.captured_queries
    assert Citation.objects.filter(power_item=first).exists()
