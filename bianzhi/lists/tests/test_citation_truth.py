"""A citation is linked to a register entry only when the law's name AND its 令号/文号 agree (issue 11,
finding 3). Otherwise a new 待核实 entry is registered and the user is told — no silent substitution."""
import pytest

from bianzhi.core.tests.factories import UnitFactory
from bianzhi.lists import services
from bianzhi.lists.models import CitationKind, Law, PowerCategory, doc_number_key

pytestmark = pytest.mark.django_db

CITED = "《民办教育促进法》（主席令第五十五号）第四十一条"


@pytest.fixture
def item():
    Law.objects.create(name="民办教育促进法", doc_number="主席令第二十四号", level="law")
    category, _ = PowerCategory.objects.get_or_create(name="行政许可", defaults={"code_prefix": "XK"})
    return services.create_power_item(UnitFactory(), "民办学校办学许可", category)


def test_doc_number_key_compares_numbers_not_spelling():
    assert doc_number_key("主席令第五十五号") == doc_number_key("主席令第55号") == doc_number_key("主席令 第 55 号")
    assert doc_number_key("主席令第五十五号") != doc_number_key("主席令第二十四号")
    assert doc_number_key("国务院令第一百零五号") == doc_number_key("国务院令第105号")


def test_citation_with_another_number_registers_a_new_pending_law_and_says_so(item):
    item = services.save_power_item(item, setting_basis=CITED)
    citation = item.citations.get(kind=CitationKind.SETTING)
    # the item cites exactly what was typed: 第五十五号, not the register's 第二十四号
    assert (citation.law.name, citation.law.doc_number, citation.article) == (
        "民办教育促进法", "主席令第五十五号", "第四十一条")
    assert citation.law.needs_review
    assert services.citations_text(item, CitationKind.SETTING) == CITED
    assert "（主席令第二十四号）" not in services.public_snapshot(item.unit)["power_items"][0]["setting_basis"][0]
    assert len(item.notices) == 1
    assert "主席令第二十四号" in item.notices[0] and "主席令第五十五号" in item.notices[0] and "待核实" in item.notices[0]
    assert Law.objects.filter(name="民办教育促进法").count() == 2


def test_same_number_spelt_differently_links_the_existing_entry_silently(item):
    existing = Law.objects.get(name="民办教育促进法")
    item = services.save_power_item(item, setting_basis="《民办教育促进法》（主席令第24号）第十二条")
    assert item.citations.get().law == existing and item.notices == []
    item = services.save_power_item(item, implementing_basis="《民办教育促进法》第十二条")  # no number: by name
    assert item.citations.get(kind=CitationKind.IMPLEMENTING).law == existing and item.notices == []


def test_form_tells_the_user(item, client):
    from bianzhi.core.tests.factories import admin_user

    client.force_login(admin_user())
    response = client.get(f"/manage/lists/powers/{item.pk}/edit/")
    assert response.status_code == 200
    form = response.context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if not isinstance(v, (list, tuple))}
    data.update({"name": item.name, "category": item.category_id, "unit": item.unit_id,
                 "setting_basis": CITED, "row_version": item.row_version})
    response = client.post(f"/manage/lists/powers/{item.pk}/edit/", data, follow=True)
    text = response.content.decode()
    assert "与引用的《民办教育促进法》（主席令第五十五号）文号不一致" in text, text[:3000]
