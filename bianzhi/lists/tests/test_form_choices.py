"""Select options are read with one ordinary query per select (core/choices.py), not a server-side cursor per
rendering: the options a form renders and validates come from one read."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bianzhi.accounts.models import User
from bianzhi.lists.forms import PowerItemForm
from bianzhi.lists.models import PowerItem


def test_a_select_is_read_once_for_rendering_and_counting(demo):
    user = User.objects.get(username="luru")
    item = PowerItem.objects.restrict(user, "change").first()
    form = PowerItemForm(instance=item, user=user)
    field = form.fields["category"]
    with CaptureQueriesContext(connection) as queries:
        first = list(field.choices)
        second = list(field.choices)
        count = len(field.choices)
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
    assert first == second and count == len(first) > 1
    assert not any(q["sql"].startswith("DECLARE") for q in queries.captured_queries)
    assert first[0][0] == "" and {str(v) for v, _ in first[1:]} >= {str(item.category_id)}


def test_the_rendered_form_offers_only_the_users_units(demo):
    user = User.objects.get(username="luru")
    item = PowerItem.objects.restrict(user, "change").first()
    html = PowerItemForm(instance=item, user=user).as_p()
    allowed = set(PowerItem.objects.restrict(user, "change").values_list("unit__name", flat=True))
    assert item.unit.name in html
    others = set(PowerItem.objects.exclude(unit__name__in=allowed).values_list("unit__name", flat=True))
    assert others and not any(f">{name}<" in html for name in others)


def test_the_edit_page_reads_the_categories_once_for_the_select_and_their_stages(demo, lclient):
    import re

    from django.urls import reverse

    from bianzhi.lists.models import PowerCategory

    user = User.objects.get(username="luru")
    item = PowerItem.objects.restrict(user, "change").first()
    inactive = PowerCategory.objects.create(name="停用类别", code_prefix="TY", active=False, stages=["停用环节"])
    with CaptureQueriesContext(connection) as queries:
        page = lclient("luru").get(reverse("lists:power-edit", args=[item.pk])).content.decode()
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "lists_powercategory"' in q["sql"]]
    assert len(reads) == 1, reads
    select = re.search(r'<select name="category".*?</select>', page, re.S).group(0)
    offered = {int(v) for v in re.findall(r'<option value="(\d+)"', select)}
    active = list(PowerCategory.objects.filter(active=True).select_related("parent"))
    assert offered == {c.pk for c in active} and inactive.pk not in offered
    inherited = [c for c in active if not c.stages and c.effective_stages()]  # a variant shows its parent's stages
    assert inherited
    for category in active:
        if category.effective_stages():
            assert f'<span data-category="{category.pk}">{"、".join(category.effective_stages())}</span>' in page
    assert "停用环节" not in page
