"""The staff list's text search (名称或编码) matches one stored column, `PowerItem.search_text` (ADR 0029): the same
rows in the same order as the filter it replaced (the item's name, its 主项's name, or its 编码), on SQLite and on
PostgreSQL (`make test-pg`: there keys of 1–2 characters go through `lists_search_grams`), and the column stays
true wherever items are written: the services, a 主项 renamed, the importer's bulk path, the demo loader."""
import pytest
from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.test import RequestFactory

from bianzhi.core.tests.factories import UnitFactory
from bianzhi.core.text import search_key
from bianzhi.lists import services
from bianzhi.lists.filtersets import PowerItemFilterSet
from bianzhi.lists.models import PowerCategory, PowerItem, power_search_text

from .helpers import row, run, xlsx

pytestmark = pytest.mark.django_db


def old_filter(value: str) -> Q:
    """The filter before ADR 0029, kept here as the definition the new one must agree with."""
    key = search_key(value)
    return Q(name_key__contains=key) | Q(parent__name_key__contains=key) | Q(code=value.strip())


def listed(user, value: str, new: bool = True) -> list[int]:
    """The ids of the list page's rows for ?q=value, in the page's order."""
    base = PowerItem.objects.restrict(user, "view").order_by("unit__sort_order", "unit_id", "code", "id")
    if new:
        request = RequestFactory().get("/manage/lists/", {"q": value})
        request.user = user
        qs = PowerItemFilterSet(request.GET, request=request, queryset=base).qs
    else:
        qs = base.filter(old_filter(value))
    return list(qs.values_list("pk", flat=True))


def untrue_search_texts() -> list[tuple]:
    """Items whose stored search_text is not what their names make it."""
    rows = PowerItem._base_manager.values_list("pk", "search_text", "name_key", "parent__name_key")
    return [(pk, stored) for pk, stored, key, parent_key in rows if stored != power_search_text(key, parent_key or "")]


@pytest.fixture
def items():
    """Two units with 主项 and 子项 whose names hold LIKE's wildcards, full-width forms and white space."""
    permit = PowerCategory.objects.get(name="行政许可")
    a, b = UnitFactory(name="测试甲局"), UnitFactory(name="测试乙局")
    food = services.create_power_item(a, "食品经营许可", permit)
    services.create_power_item(a, "首次申请", permit, parent=food)
    services.create_power_item(a, "变更　登记", permit, parent=food)  # an ideographic space
    sewage = services.create_power_item(b, "排污许可（100%达标_检查）", permit)
    services.create_power_item(b, "ＡＢＣ子项", permit, parent=sewage)
    services.create_power_item(b, "殡葬设施审批", permit)
    return food, sewage


TERMS = ["许可", "许", "可", "食品", "食品经营许可", "首次", "首次申请", "变更登记", "变更 登记", "申请食品",
         "请食", "100%", "%", "_", "%达标", "达标_检", "abc", "ＡＢＣ", "子项", "殡葬", "殡", "审批", "不存在的事项",
         "（", "项）", "-XK-", "  食品 经营  "]


def test_the_new_filter_lists_the_same_rows_in_the_same_order_as_the_old(items, lusers):
    admin = lusers["admin"]
    food, _sewage = items
    terms = TERMS + [food.code, food.sub_items.first().code, f" {food.code} ", food.code.lower()]
    through_parent = 0
    for term in terms:
        new, old = listed(admin, term), listed(admin, term, new=False)
        assert new == old, term
        key = search_key(term)
        through_parent += bool(key) and PowerItem.objects.filter(pk__in=new, parent__name_key__contains=key) \
            .exclude(name_key__contains=key).exists()
    assert through_parent >= 3  # some terms find 子项 by their 主项's name only
    assert listed(admin, "首次申请") == [food.sub_items.get(name="首次申请").pk]
    assert listed(admin, "申请食品") == []  # the end of a 子项's name and its 主项's name do not run together
    assert len(listed(admin, "许可")) > 5  # the demo's items are compared too
    clerk = lusers["jiaotong"]  # a scoped user: the scope and the search together
    for term in ["许可", "运输", "经营许可", "道", "证"]:
        assert listed(clerk, term) == listed(clerk, term, new=False), term


def test_renaming_a_main_item_keeps_its_sub_items_findable_by_the_new_name(items, lusers):
    admin = lusers["admin"]
    food, _sewage = items
    subs = sorted(food.sub_items.values_list("pk", flat=True))
    food.name = "餐饮服务许可"
    services.save_power_item(food, expected_version=food.row_version)
    found = listed(admin, "餐饮服务")
    assert sorted(found) == sorted([food.pk, *subs])
    assert not set(listed(admin, "食品经营")) & {food.pk, *subs}  # the old name no longer finds them
    assert listed(admin, "餐饮服务") == listed(admin, "餐饮服务", new=False)
    moved = PowerItem.objects.get(name="首次申请")  # a 子项 moved to another 主项 is found by that one's name
    other = services.create_power_item(moved.unit, "食品生产许可", food.category)
    moved.parent = other
    moved.save()
    assert moved.pk in listed(admin, "食品生产") and moved.pk not in listed(admin, "餐饮服务")
    assert untrue_search_texts() == []


def test_a_save_of_the_name_alone_writes_the_search_text_too(items, lusers):
    _food, sewage = items
    sewage.name = "污水排入排水管网许可"
    sewage.save(update_fields=["name"])
    assert untrue_search_texts() == []
    assert sewage.sub_items.get().pk in listed(lusers["admin"], "污水排入")


def test_search_text_is_true_after_the_demo_load_the_import_and_a_rename_by_import(lusers):
    assert untrue_search_texts() == []  # the demo loader (services) and the migration's rows
    user = lusers["jiaotong"]
    job = run(user, xlsx([
        row("网络预约出租汽车经营许可", sub="首次申领"),
        row("网络预约出租汽车经营许可", sub="变更"),
        row("巡游出租汽车经营许可"),
        row("巡游出租汽车经营许可", sub="延续"),
    ]))
    assert job.status == "succeeded", job.errors
    assert untrue_search_texts() == []
    subs = set(PowerItem.objects.filter(parent__name="网络预约出租汽车经营许可").values_list("pk", flat=True))
    assert len(subs) == 2 and subs <= set(listed(user, "网络预约"))
    main = PowerItem.objects.get(name="巡游出租汽车经营许可")
    job = run(user, xlsx([row("巡游出租车经营许可", code=main.code)]))  # the same 编码, a new name
    assert job.status == "succeeded", job.errors
    assert untrue_search_texts() == []
    sub = PowerItem.objects.get(parent=main, name="延续")
    assert sub.pk in listed(user, "巡游出租车") and sub.pk not in listed(user, "巡游出租汽车")


def test_an_update_that_bypasses_save_is_what_the_check_would_catch(items):
    """The invariant check itself can fail: a name written with update() leaves search_text behind."""
    food, _sewage = items
    PowerItem._base_manager.filter(pk=food.pk).update(name_key=Concat(F("name_key"), Value("改")))
    assert len(untrue_search_texts()) == 1 + food.sub_items.count()


def test_short_keys_use_the_grams_word_list_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite matches search_text with LIKE for every key length")
    with connection.cursor() as cur:
        cur.execute("SELECT lists_search_grams(%s)", ["abc\nde"])
        grams = cur.fetchone()[0]
    assert " ab " in grams and " bc " in grams and " de " in grams and " cd " not in grams
    for char in "abcde":
        assert f" {char}" in grams
