"""What the earlier final splits' negatives showed read as one unit's facts (issue 12, after their one run): an
office's 工作制度, whose numbered rules oblige its staff, and a reform plan's news, whose items set up several bodies.
The texts are written for these tests; each rule is checked against the 三定 shape it must leave alone."""
from bianzhi.ingest import clauses
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def data(text: str) -> dict:
    return parse(from_text(text).text).data


RULES = """工作制度
为搞好本局机关效能建设,制定以下工作制度。
一、岗位责任制度
(一)本局各科室要按照“三定”方案确定的职责,认真履行本岗位职责,做好本职工作。
(二)工作人员因事离岗的,其工作必须有人代替履行,不能因离岗而使工作停止。
(三)岗位责任制落实情况作为工作人员年终考核的主要内容之一。
二、首问负责制度
(一)首问责任人对前来办事的群众要做到热情接待,耐心解答。
(二)属于本职责范围的事项,首问责任人要及时办理,不得推诿。
"""


def test_an_offices_rules_are_no_duties():
    assert data(RULES)["duties"] == []


def test_a_duty_list_of_sentences_is_still_read():
    text = RULES.split("一、")[0] + """(一)贯彻执行国家和省有关统计工作的法律法规,拟订全县统计工作规划。
(二)组织实施全县人口、经济等重要国情国力普查,汇总、整理和提供有关调查的统计数据。
(三)承担县人民政府交办的其他事项,完成县委县政府交办的其他工作。
"""
    assert len(data(text)["duties"]) == 3


PLAN = """9月21日,某市召开市政府机构改革工作会议。改革后,某市人民政府设置工作部门40个。主要包括:
组建市经济和信息化委员会。将市经济委员会、市信息产业局的职责,整合划入市经济和信息化委员会。
组建市服务业委员会。将市商业局的职责整合划入市服务业委员会。不再保留市商业局。
组建市人力资源和社会保障局。将市人事局、市劳动和社会保障局的职责整合划入市人力资源和社会保障局。
将市动物卫生监督管理局由市政府工作部门调整为市农村经济委员会管理的部门管理机构,并更名为市畜牧兽医局,保留市动物卫生监督管理局牌子。
"""


def test_a_reform_plan_setting_up_several_bodies_is_no_units_text():
    d = data(PLAN)
    assert (d["unit"], d["nature"], d["plaques"]) == (None, None, [])


def test_one_body_set_up_by_the_plan_is_still_the_unit():
    text = "部署组建某省数据局,负责协调推进数据基础制度建设,统筹数据资源整合共享和开发利用等,作为省政府直属机构。"
    d = data(text)
    assert d["unit"] == "某省数据局" and d["nature"] == "省政府直属机构"


def bodies(text: str) -> list[str]:
    return [b["name"] for b in data(text)["internal_bodies"]]


def test_bodies_listed_without_a_count_up_to_the_groups_name():
    text = ("2013年7月,市委市政府组建某市公共资源交易中心,为市政府直属正处级公益一类事业单位,编制129人,"
            "内设综合科、组织人事科、产权交易科(挂市产权交易中心牌子)、监督科等科室,在各区县设立分中心。")
    assert bodies(text) == ["综合科", "组织人事科", "产权交易科", "监督科"]
    assert [f.value for f in clauses.subject_bodies(text, None)] == ["综合科", "组织人事科", "产权交易科", "监督科"]


def test_a_verb_that_names_no_body_still_ends_the_list():
    text = "某县统计局,内设办公室、负责全县统计工作的协调等科室,编制10名。"
    assert bodies(text) == []


def test_a_unit_renamed_from_another_and_its_class():
    text = ("11月3日,市应急管理局防震减灾中心正式揭牌。\n按照全市机构改革方案,某某市防震减灾中心由原某某市地震局更名设置,"
            "为市应急管理局管理的正处级公益一类参公事业单位。原地震局行政职能划转至市应急管理局。")
    d = data(text)
    assert (d["unit"], d["nature"], d["rank"]) == ("某某市防震减灾中心", "市应急管理局管理的正处级公益一类参公事业单位", "正处级")
