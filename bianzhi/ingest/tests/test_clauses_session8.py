"""Body lists in the shapes the eighth session's final splits showed unread (issue 12): the count before the list,
“内设机构,包括…”, a clause after the last name, a plaque note after a name, a heading with a telephone number, and
the units under a body listed right after its bodies. The sentences are written for these tests."""
from bianzhi.ingest import parser
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def bodies(text: str) -> list[str]:
    return [b["name"] for b in parse(from_text(text).text).data["internal_bodies"]]


def test_the_count_before_the_list():
    assert bodies("县人民政府办公室现有内设股室5个,即秘书股、综合股、督查室、信息股、机关党支部。") == [
        "秘书股", "综合股", "督查室", "信息股", "机关党支部"]
    assert bodies("市档案馆内设科室3个,分别为办公室、业务指导科、保管利用科。") == ["办公室", "业务指导科", "保管利用科"]


def test_a_comma_between_the_noun_and_包括_and_a_clause_after_the_last_name():
    text = ("百色市外事办设5个内设机构,包括秘书科、综合协调科(政策法规科)、领事科、出国管理科、东盟科,"
            "所属事业单位1个。")
    assert bodies(text) == ["秘书科", "综合协调科(政策法规科)", "领事科", "出国管理科", "东盟科"]


def test_a_count_after_包括_is_a_group_not_a_name():
    text = "改革后,市检察院共设有10个内设机构,包括6个检察业务部门,以及办公室、政治部等4个综合部门。"
    assert "6个检察业务部门,以及办公室" not in bodies(text)


def test_a_plaque_note_after_a_name_is_no_part_of_it():
    text = "市公共资源交易中心设5个内设机构:综合科、业务受理科、工程交易科、产权交易科(挂市产权交易所牌子)、监督科。"
    assert bodies(text) == ["综合科", "业务受理科", "工程交易科", "产权交易科", "监督科"]


def test_body_headings_with_their_telephone_numbers():
    text = ("县信访局内设机构\n(一)办公室(电话:7821000)\n主要职能:处理机关日常事务。\n(二)来信科(电话:7821181)\n"
            "主要职能:办理群众来信。\n(三)接访科(联系电话:0776-7822955)\n主要职能:接待群众来访。")
    assert bodies(text) == ["办公室", "来信科", "接访科"]


def test_the_units_under_a_body_listed_after_its_bodies_are_not_its_bodies():
    text = ("(一)机构设置情况\n我局共设置3个内设机构,包括:综合科、规划科、督查科,所属单位2个,分别是:\n"
            "1.某县乡村振兴局(本级)\n2.某县乡村振兴服务中心\n(二)决算单位构成情况")
    assert bodies(text) == ["综合科", "规划科", "督查科"]


def test_a_budget_notes_title_with_the_year_first_or_over_two_lines():
    d = parse(from_text("2023年百色市机关事务管理局本级部门决算公开说明\n目录\n第一部分:部门概况\n一、部门职责").text).data
    assert d["title"] == "2023年百色市机关事务管理局本级部门决算公开说明" and d["unit"] == "百色市机关事务管理局"
    d = parse(from_text("百色市自然资源局\n2024年部门预算公开信息\n目 录\n第一部分:部门概况").text).data
    assert d["unit"] == "百色市自然资源局" and d["title"].replace(" ", "") == "百色市自然资源局2024年部门预算公开信息"


def test_a_unit_read_with_the_news_items_words_in_front():
    d = parse(from_text("近日,那坡县退役军人服务中心举行挂牌仪式。\n出席领导对县退役军人服务中心揭牌,并为各乡镇服务站授牌。").text).data
    assert d["unit"] == "那坡县退役军人服务中心"
    lead = parser._UNIT_LEAD_RE.match("李明任广西壮族自治区农业农村厅")
    assert lead is not None and "李明任广西壮族自治区农业农村厅"[lead.end():] == "广西壮族自治区农业农村厅"
    assert parser._UNIT_LEAD_RE.match("中国人民对外友好协会") is None


def test_a_unit_set_up_on_a_date_and_a_headline_after_a_column_label():
    assert parse(from_text("百色市疾病预防控制局于5月30日正式挂牌成立。").text).data["unit"] == "百色市疾病预防控制局"
    assert parse(from_text("百色市数据局于2024年5月30日上午正式揭牌。").text).data["unit"] == "百色市数据局"
    text = "今日快讯:百色市疾病预防控制局挂牌成立\n\n百色市疾病预防控制局5月30日挂牌成立,标志着疾控体系改革迈出关键一步。"
    assert parse(from_text(text).text).data["unit"] == "百色市疾病预防控制局"


def test_a_budget_notes_title_without_the_years_digits():
    d = parse(from_text("监督索引号53102200131501000\n田林县司法局年度部门决算\n目录:\n第一部分 单位概况").text).data
    assert d["unit"] == "田林县司法局"
