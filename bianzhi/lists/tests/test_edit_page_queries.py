"""The power item's edit page and its save (the HTML steps of `bench.clerks`, issue 14 item 3) ask a fixed number
of statements: the item with its unit in one read (select_related), the unit's change scope not asked again after
the item was read through it (edit_refusal(in_scope=True)), the selects' chosen rows not read a second time by the
model's foreign-key check, the duty options' text read in one statement for all options (not one per option); the bell's
count is compiled once per process (bench/README.md, "HTML steps of the clerks")."""
import re

from django.urls import reverse

from bianzhi.accounts.models import User
from bianzhi.lists.forms import PowerItemForm
from bianzhi.lists.models import PowerItem

EDIT_PAGE_QUERIES = 13  # was 42 (the item's unit, the scope asked again; one statement per duty option, now one for all)
SAVE_QUERIES = 35  # was 38 (the item's unit, the scope asked again, two foreign-key checks; +1: the chosen duties' revisions)


def _fields(item, user) -> dict:
    """What the page's form submits unchanged (its initial values)."""
    form = PowerItemForm(instance=item, user=user)
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            value = ""
        data[bound.name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def test_the_edit_page_and_its_save_ask_a_fixed_number_of_statements(demo, lclient, django_assert_num_queries):
    user = User.objects.get(username="luru")
    item = PowerItem.objects.restrict(user, "change").filter(parent__isnull=True).order_by("code").first()
    url = reverse("lists:power-edit", args=[item.pk])
    c = lclient("luru")
    c.get(url)  # the session's first request, warm-ups
    with django_assert_num_queries(EDIT_PAGE_QUERIES):
        c.get(url)
    fields = _fields(item, user)
    fields["note"] = "改过的备注"
    with django_assert_num_queries(SAVE_QUERIES):
        resp = c.post(url, fields)
    assert resp.status_code == 302
    item.refresh_from_db()
    assert item.note == "改过的备注"


def test_a_save_with_a_stale_version_or_a_choice_outside_the_selects_is_still_refused(demo, lclient):
    """The same messages as before the statements were cut: the conflict (row_version), a unit outside the clerk's
    scope and a category that does not exist (the selects' own check; the model's was left out)."""
    from bianzhi.registry.models import Unit

    user = User.objects.get(username="luru")
    item = PowerItem.objects.restrict(user, "change").filter(parent__isnull=True).order_by("code").first()
    url = reverse("lists:power-edit", args=[item.pk])
    c = lclient("luru")
    fields = _fields(item, user)
    stale = {**fields, "row_version": str(item.row_version - 1), "note": "过期的修改"}
    page = c.post(url, stale).content.decode()
    assert "该记录已被其他用户修改" in page and "过期的修改" in page
    outside = Unit.objects.exclude(pk__in=Unit.objects.restrict(user, "change").values("pk")).first()
    page = c.post(url, {**fields, "unit": str(outside.pk)}).content.decode()
    assert re.search(r"选择一个有效的选项|Select a valid choice", page)
    page = c.post(url, {**fields, "category": "99999999"}).content.decode()
    assert re.search(r"选择一个有效的选项|Select a valid choice", page)
    item.refresh_from_db()
    assert item.note != "过期的修改" and item.unit_id != outside.pk


def test_the_edit_page_of_a_locked_unit_or_out_of_scope_is_refused_as_before(demo, lclient):
    from bianzhi.accounts.permissions import edit_refusal

    user = User.objects.get(username="luru")
    mine = PowerItem.objects.restrict(user, "change").first()
    other = PowerItem.objects.exclude(pk__in=PowerItem.objects.restrict(user, "change").values("pk")).first()
    c = lclient("luru")
    assert c.get(reverse("lists:power-edit", args=[other.pk])).status_code == 404
    assert edit_refusal(user, other.unit) == f"「{other.unit.name}」不在您的录入范围内"  # without in_scope: asked
    assert edit_refusal(user, mine.unit, in_scope=True) == edit_refusal(user, mine.unit) == ""


def test_the_duty_options_read_their_text_with_the_duties(demo, lclient):
    """The 关联职责 select's labels (“单位：职责…”) come from one read of the duties' current revisions
    (with_current_revisions), the same text str(duty) reads on its own; a unit with 28 duties asked 28 statements
    for them before."""
    import html

    from bianzhi.sanding.models import Duty

    user = User.objects.get(username="luru")
    item = PowerItem.objects.restrict(user, "change").filter(parent__isnull=True).order_by("code").first()
    page = lclient("luru").get(reverse("lists:power-edit", args=[item.pk])).content.decode()
    select = re.search(r'<select name="duties".*?</select>', page, re.S).group(0)
    shown = [html.unescape(t) for t in re.findall(r"<option [^>]*>([^<]*)</option>", select)]
    duties = Duty.objects.current().restrict(user, "change").select_related("unit")
    assert len(shown) == len(duties) > 10
    assert shown == [f"{d.unit.name}：{d}" for d in duties]  # str() of a duty read without the annotation
