"""Chinese substring search: 1, 2 and 3+ characters, NFKC, filters, highlighting, pagination — and the
same rows in the same order on SQLite (FTS5 bigrams) and PostgreSQL (pg_trgm): each query is checked
against a backend-independent brute force and against literal expected results."""
import re

import pytest

from bianzhi.core.text import search_key
from bianzhi.portal.models import SearchEntry
from bianzhi.portal.search import SearchQuery, highlight, search_queryset
from bianzhi.portal.services import publish_units
from bianzhi.registry.models import InternalBody, Region, Unit


def brute_force(key, **filters):
    rows = [e for e in SearchEntry.objects.public() if key in e.norm]
    if filters.get("kind"):
        rows = [e for e in rows if e.kind == filters["kind"]]
    return sorted(rows, key=lambda e: (e.kind_order, e.unit_order, e.unit_id_value, e.position, e.id))


def ids(qs):
    return [e.id for e in qs]


@pytest.mark.parametrize("q", ["局", "科", "教", "教育", "财政", "中心", "百色市", "办公室", "基础教育", "交通运输综合行政执法",
                               "右江区教育局", "不存在的词语"])
def test_matches_are_exact_substrings_in_backend_independent_order(published, q):
    key = search_key(q)
    assert ids(search_queryset(SearchQuery(q=q))) == ids(brute_force(key))


def test_one_two_and_many_character_queries_give_the_expected_rows(published):
    def titles(q, **kw):
        return [(e.kind, e.title) for e in search_queryset(SearchQuery(q=q, **kw))]

    # 1 character (LIKE fallback on SQLite): every internal body named …股 in the counties, in unit order.
    assert titles("股", kind="internal_body") == [
        ("internal_body", "基础教育股"), ("internal_body", "人事股"), ("internal_body", "预算股"),
        ("internal_body", "国库股"), ("internal_body", "农业股"), ("internal_body", "基础教育股"),
        ("internal_body", "水政股"), ("internal_body", "基础教育股"), ("internal_body", "资源林政股")]
    # 2 characters (FTS5 bigram phrase on SQLite, trigram-index fallback scan on PostgreSQL).
    assert titles("审计") == [("unit", "百色市审计局"), ("internal_body", "财政审计科")]
    # 3+ characters.
    assert titles("招生考试") == [("unit", "百色市招生考试院")]
    assert titles("电子政务") == [("internal_body", "调研信息（电子政务）科")]


def test_query_and_text_are_nfkc_normalised(published):
    # Full-width brackets in the text, half-width in the query (and the reverse) match the same rows.
    a = ids(search_queryset(SearchQuery(q="信息(电子政务)")))
    b = ids(search_queryset(SearchQuery(q="信息（电子政务）")))
    c = ids(search_queryset(SearchQuery(q=" 信息 （电子 政务） ")))
    assert a == b == c and len(a) == 1


def test_new_publication_is_searchable_and_old_text_is_not(published, users):
    unit = Unit.objects.get(name="百色市行政审批局")
    InternalBody.objects.create(unit=unit, name="政务服务标准化科", sort_order=9)
    assert not list(search_queryset(SearchQuery(q="标准化")))
    publish_units([unit], acting_user=users["admin"])
    assert [e.title for e in search_queryset(SearchQuery(q="标准化"))] == ["政务服务标准化科"]
    assert "政务服务标准化科" in [e.title for e in search_queryset(SearchQuery(q="标"))]
    assert ids(search_queryset(SearchQuery(q="标"))) == ids(brute_force("标"))
    body = unit.internal_bodies.get(name="政务服务标准化科")
    body.name = "政务服务管理科"
    body.save()
    publish_units([unit], acting_user=users["admin"])
    assert not list(search_queryset(SearchQuery(q="标准化")))
    assert ids(search_queryset(SearchQuery(q="标准化"))) == ids(brute_force("标准化"))


def test_region_unit_and_kind_filters(published):
    yj = list(search_queryset(SearchQuery(q="教育", region="451002")))
    assert yj and all(e.region_code == "451002" for e in yj)
    city_and_counties = list(search_queryset(SearchQuery(q="教育", region="451000")))  # 451000 includes counties
    assert {e.region_code for e in city_and_counties} >= {"451000", "451002"}
    unit = Unit.objects.get(name="百色市教育局")
    only = list(search_queryset(SearchQuery(q="教育", unit=unit.pk)))
    assert only and {e.unit_id_value for e in only} == {unit.pk}
    bodies = list(search_queryset(SearchQuery(q="教育", kind="internal_body")))
    assert bodies and {e.kind for e in bodies} == {"internal_body"}


def test_search_page_highlights_and_paginates(client, published):
    page = client.get("/search/", {"q": "办公室"}).content.decode()
    assert "<mark>办公室</mark>" in page
    total = len(brute_force("办公室"))
    assert total > 20  # more than one page
    assert f"共 {total} 条结果" in page and "下一页" in page
    page2 = client.get("/search/", {"q": "办公室", "page": 2}).content.decode()
    assert "第 2 页" in page2
    assert "请输入要检索的文字" in client.get("/search/", {"q": "  "}).content.decode()
    assert client.get("/search/", {"q": "教育", "kind": "nonsense", "unit": "x"}).status_code == 200


def test_highlight_maps_back_to_original_text():
    pieces = highlight("调研信息（电子政务）科", search_key("(电子政务)"))
    assert pieces == [("调研信息", False), ("（电子政务）", True), ("科", False)]
    snippet = highlight("甲" * 200 + "监督管理" + "乙" * 200, "监督管理", window=40)
    assert ("监督管理", True) in snippet and snippet[0] == ("…", False) and snippet[-1] == ("…", False)


def test_public_search_api(client, published):
    data = client.get("/api/v1/public/search/", {"q": "审计"}).json()
    assert data["count"] == 2 and [r["title"] for r in data["results"]] == ["百色市审计局", "财政审计科"]
    assert data["results"][0]["url"].startswith("/unit/")
    assert client.get("/api/v1/public/search/", {"q": ""}).status_code == 400
    assert "类型无效" in client.get("/api/v1/public/search/", {"q": "局", "kind": "x"}).json()["kind"]


def test_region_filter_on_unknown_region_finds_nothing(published):
    assert Region.objects.filter(code="999999").count() == 0
    assert list(search_queryset(SearchQuery(q="局", region="999999"))) == []


def test_search_entries_exist_only_for_current_publications(published, users):
    """The public search reads SearchEntry without a join: publish/unpublish keep this invariant."""
    from bianzhi.portal.models import PublishedUnit
    from bianzhi.portal.services import unpublish_unit

    unit = Unit.objects.get(name="百色市教育局")
    publish_units([unit], acting_user=users["admin"])
    unpublish_unit(Unit.objects.get(name="百色市林业局"), reason="测试", acting_user=users["admin"])
    assert not SearchEntry.objects.exclude(published_unit__is_current=True).exists()
    assert set(SearchEntry.objects.values_list("unit_id_value", flat=True)) == set(
        PublishedUnit.objects.filter(is_current=True).values_list("unit_id", flat=True))


def test_very_common_queries_cap_the_count(client, published, monkeypatch):
    from bianzhi.portal import search

    monkeypatch.setattr(search, "COUNT_CAP", 10)
    total = len(brute_force("局"))
    assert total > 11
    page = client.get("/search/", {"q": "局"}).content.decode()
    assert "超过 10 条结果" in page
    data = client.get("/api/v1/public/search/", {"q": "局", "limit": 5}).json()
    assert data["count"] == 11 and len(data["results"]) == 5
    assert [r["title"] for r in data["results"]] == [e.title for e in brute_force("局")[:5]]


def test_long_texts_are_indexed_in_overlapping_pieces(published, users, monkeypatch):
    """A very long text is split so each entry's norm stays under the PostgreSQL index limit; a phrase that
    crosses a piece boundary is still found, and results still equal the brute force."""
    from bianzhi.portal import search

    long_text = "".join(f"第{i}项职责说明文字，负责监督检查和指导协调工作。" for i in range(200))
    pieces = search.index_chunks("某职责", long_text)
    assert len(pieces) > 3 and all(len(norm) <= search.NORM_MAX for _, norm in pieces)
    # every window of up to 50 characters is wholly inside some piece
    for start in range(0, len(long_text) - 50, 37):
        window = search_key(long_text[start:start + 50])
        assert any(window in norm for _, norm in pieces)
    from bianzhi.portal import services

    real = services.build_snapshot

    def with_long_statement(unit):
        snap = real(unit)
        snap["sanding"] = {**(snap.get("sanding") or {}), "statement": {"text": long_text}}
        return snap

    monkeypatch.setattr(services, "build_snapshot", with_long_statement)
    unit = Unit.objects.get(name="百色市行政审批局")
    publish_units([unit], acting_user=users["admin"])
    assert SearchEntry.objects.filter(unit_id_value=unit.pk, kind="unit").count() > 3
    assert all(len(e.norm) <= search.NORM_MAX for e in SearchEntry.objects.all())
    for q in ("第150项职责", "第1项", "导协调工作。第77项"):
        found = list(search_queryset(SearchQuery(q=q)))
        assert found and ids(found) == ids(brute_force(search_key(q)))
        assert all(e.unit_id_value == unit.pk for e in found)


# ------------------------------------------------------------------ the block walk (SearchResults, SearchGram)
WALK_QUERIES = ["局", "科", "股", "教育", "审计", "中心", "财政", "办公室", "百色市", "行政审批", "基础教育",
                "交通运输综合行政执法", "右江区教育局", "信息（电子政务）", "不存在的词语", "育审"]


def walked(query, start=0, stop=None):
    from bianzhi.portal.search import SearchResults

    return list(SearchResults(query)[start:stop if stop is not None else 10**6])


@pytest.mark.parametrize("q", WALK_QUERIES)
def test_block_walk_gives_the_queryset_rows_in_the_queryset_order(published, q):
    """The pages the search page shows are exactly search_queryset's rows and order (== the brute force), for 1-,
    2-, 3-character and long queries, on SQLite and PostgreSQL alike."""
    from bianzhi.portal.search import SearchResults

    query = SearchQuery(q=q)
    expected = list(search_queryset(query).values_list("id", flat=True))
    assert expected == ids(brute_force(search_key(q)))
    assert walked(query) == expected
    for start, stop in ((0, 3), (2, 7), (5, 6), (len(expected), len(expected) + 5)):
        assert walked(query, start, stop) == expected[start:stop]
    assert SearchResults(query).capped_count(1001) == len(expected)
    assert SearchResults(query).capped_count(3) == min(3, len(expected))


def test_block_walk_crosses_many_blocks_and_filters(published, monkeypatch):
    """With a block per unit the walk visits many blocks: still the same rows, order, pages and capped count,
    also with the kind, region, category and unit filters."""
    from bianzhi.portal import search
    from bianzhi.portal.models import SearchGram

    monkeypatch.setattr(search, "BLOCK_SPAN", 10**3)
    assert search.rebuild_grams() == SearchGram.objects.count()
    blocks = set(SearchGram.objects.values_list("kind_order", "block"))
    assert len(blocks) > 20
    unit = Unit.objects.get(name="百色市教育局")
    for query in (SearchQuery(q="局"), SearchQuery(q="科", kind="internal_body"), SearchQuery(q="教育", region="451002"),
                  SearchQuery(q="教育", unit=unit.pk), SearchQuery(q="办公室"), SearchQuery(q="教育局", kind="unit")):
        expected = list(search_queryset(query).values_list("id", flat=True))
        assert expected, query
        assert walked(query) == expected
        assert walked(query, 1, 4) == expected[1:4]
        assert search.SearchResults(query).capped_count(5) == min(5, len(expected))


def test_postings_cover_every_entry_after_publication_and_rebuild(published, users):
    """Every gram of every entry is posted for its block (publication adds them); a rebuild gives the same set
    as the incremental postings, minus grams of text that is no longer published."""
    from bianzhi.portal import search
    from bianzhi.portal.models import SearchGram

    unit = Unit.objects.get(name="百色市行政审批局")
    InternalBody.objects.create(unit=unit, name="政务服务标准化科", sort_order=9)
    publish_units([unit], acting_user=users["admin"])
    posted = set(SearchGram.objects.values_list("gram", "kind_order", "block"))
    needed = search.gram_rows(SearchEntry.objects.values_list("norm", "kind_order", "unit_order"))
    assert ("标准", 2, search.block_of(SearchEntry.objects.get(title="政务服务标准化科").unit_order)) in needed
    assert needed <= posted
    search.rebuild_grams()
    assert set(SearchGram.objects.values_list("gram", "kind_order", "block")) == needed
    assert walked(SearchQuery(q="标准化")) == list(search_queryset(SearchQuery(q="标准化")).values_list("id", flat=True))


def test_search_page_shows_the_walked_page(client, published, monkeypatch):
    """Page 2 of the search page lists exactly entries 21–40 of the brute force, in order (many blocks)."""
    from bianzhi.portal import search

    monkeypatch.setattr(search, "BLOCK_SPAN", 10**3)
    search.rebuild_grams()
    expected = brute_force("办公室")
    assert len(expected) > 21
    page2 = client.get("/search/", {"q": "办公室", "page": 2}).content.decode()
    links = re.findall(r'<a href="/unit/(\d+)/#([\w-]+)">', page2)
    assert links == [(str(e.unit_id_value), e.anchor) for e in expected[20:40]]
    assert f"共 {len(expected)} 条结果" in page2


def test_search_api_pages_are_the_walked_pages(client, published, monkeypatch):
    from bianzhi.portal import search

    monkeypatch.setattr(search, "BLOCK_SPAN", 10**3)
    search.rebuild_grams()
    expected = brute_force("科")
    data = client.get("/api/v1/public/search/", {"q": "科", "limit": 4, "offset": 3}).json()
    assert data["count"] == len(expected) > 7
    assert [(r["title"], r["url"]) for r in data["results"]] == [
        (e.title, f"/unit/{e.unit_id_value}/#{e.anchor}") for e in expected[3:7]]


def test_power_category_list_is_the_distinct_categories_in_database_order(client, published):
    """The search page's category filter (a skip scan, computed once per release) lists the same categories, in the
    same order, as SELECT DISTINCT … ORDER BY did."""
    from bianzhi.portal.views import _list_power_categories

    expected = list(SearchEntry.objects.filter(kind="power").exclude(category="").values_list("category", flat=True)
                    .distinct().order_by("category"))
    assert len(expected) >= 5 and _list_power_categories() == expected
    page = client.get("/search/").content.decode()
    assert all(f">{c}<" in page for c in expected)


def test_search_form_lists_the_published_regions_and_keeps_the_chosen_one(client, published):
    from bianzhi.portal.models import PublishedUnit

    codes = set(PublishedUnit.objects.filter(is_current=True).values_list("region_code", flat=True))
    regions = list(Region.objects.filter(code__in=codes).order_by("sort_order", "code"))
    page = client.get("/search/", {"q": "教育", "region": "451002"}).content.decode()
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', page)
    assert options == [(r.code, " selected" if r.code == "451002" else "", r.name) for r in regions]


def test_nightly_rebuild_drops_postings_of_withdrawn_text(published, admin_user):
    """A withdrawn unit's text leaves postings behind (publication only adds them); the nightly task rebuilds them
    from the current entries, and search results are the same before and after."""
    from bianzhi.portal import tasks
    from bianzhi.portal.models import SearchEntry, SearchGram
    from bianzhi.portal.search import SearchQuery, gram_rows, search_queryset

    stale = SearchGram.objects.create(gram="龘龘", kind_order=0, block=999)
    before = list(search_queryset(SearchQuery(q="教育")).values_list("id", flat=True))
    tasks.rebuild_search_grams.call_local()
    assert not SearchGram.objects.filter(pk=stale.pk).exists()
    expected = set(gram_rows(SearchEntry.objects.values_list("norm", "kind_order", "unit_order")))
    assert set(SearchGram.objects.values_list("gram", "kind_order", "block")) == expected
    assert list(search_queryset(SearchQuery(q="教育")).values_list("id", flat=True)) == before


def test_page_rows_carry_what_the_page_and_the_api_show(published):
    """entries_for_ids reads the page's rows without model instances: same values, same order, same labels."""
    from bianzhi.portal.search import entries_for_ids

    expected = brute_force("办公室")[3:9]
    rows = entries_for_ids([e.id for e in expected] + [10**9])  # an id no longer there is left out
    assert [(r.id, r.unit_id_value, r.region_code, r.kind, r.category, r.title, r.text, r.anchor,
             r.get_kind_display()) for r in rows] == [
        (e.id, e.unit_id_value, e.region_code, e.kind, e.category, e.title, e.text, e.anchor, e.get_kind_display())
        for e in expected]
    assert entries_for_ids([]) == []


def test_unit_filter_beyond_the_id_column_finds_nothing(published):
    """A unit id the column cannot hold: the ORM answers “no rows” (no statement); so does the compiled walk."""
    from bianzhi.portal.search import SearchResults

    query = SearchQuery(q="教育", unit=10**20)
    assert list(search_queryset(query)) == [] and walked(query) == []
    assert SearchResults(query).capped_count(1001) == 0


def test_highlight_maps_characters_whose_key_is_not_one_character():
    """White space (no key) and a ligature (two-character key) in the text: the span still covers the original."""
    assert highlight("数据 ﬁ 科", search_key("ﬁ科")) == [("数据 ", False), ("ﬁ 科", True)]
    assert highlight("ﬁﬁ", "if") == [("ﬁﬁ", True)]
    assert highlight("Ａ Ｂ", "ab") == [("Ａ Ｂ", True)]
