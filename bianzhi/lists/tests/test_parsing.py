"""Pure parsing: basis citations, duty numbers, stage texts (no database)."""
from bianzhi.lists.citations import format_citations, parse_basis
from bianzhi.lists.columns import guess_mapping
from bianzhi.lists.duties import format_duty_refs, parse_duty_refs
from bianzhi.lists.stages import format_stages, parse_stages


def test_basis_cell_from_a_published_list_splits_into_citations():
    cell = ("1.《代理记账管理办法》 (财政部令第80号) 第三条第一款;\n2.《中华人民共和国会计法》 第三十六条第一款;\n"
            "3.《代理记账管理办法》 (财政部令第80号) 第二条第二款。")
    got = [(c.law, c.doc_number, c.article) for c in parse_basis(cell)]
    assert got == [("代理记账管理办法", "财政部令第80号", "第三条第一款"), ("中华人民共和国会计法", "", "第三十六条第一款"),
                   ("代理记账管理办法", "财政部令第80号", "第二条第二款")]
    again = [(c.law, c.doc_number, c.article) for c in parse_basis(format_citations(got))]
    assert again == got
    assert [(c.law, c.article) for c in parse_basis("《城市道路管理条例》（国务院令第198号）第三十条")] == [
        ("城市道路管理条例", "第三十条")]


def test_duty_numbers_in_the_forms_departments_write():
    assert parse_duty_refs("（一）；（三）") == [1, 3]
    assert parse_duty_refs("1、3,12") == [1, 3, 12]
    assert parse_duty_refs("第十二项") == [12]
    assert parse_duty_refs("见三定") is None
    assert format_duty_refs([3, 1, 12]) == "（一）；（三）；（十二）"


def test_stage_text_round_trip():
    text = "一般程序:\n1.立案责任:\n发现违法行为。\n2.调查取证责任:\n调查取证。"
    stages = parse_stages(text)
    assert stages == [("", "一般程序:"), ("立案", "发现违法行为。"), ("调查取证", "调查取证。")]
    assert parse_stages(format_stages(stages)) == stages


def test_header_synonyms_of_real_files():
    assert guess_mapping("power", ["部门", "序号", "权力类型", "事项名称", "子项名称", "备注"]) == {
        "0": "unit", "2": "category", "3": "name", "4": "sub_name", "5": "note"}
    assert guess_mapping("stage", ["职权名称", "职权类型", "审核转报", "职权编码", "法定主体", "责任事项"]) == {
        "0": "name", "1": "category", "3": "code", "4": "unit", "5": "stages"}
