"""Clause kinds found on the seventh held-out split (bench/sanding_real, split heldout7): one test per rule added after
its first run. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named
text of the same kind, so a test passes only if the rule is general."""
from .helpers import bodies, p


# ---------------------------------------------------------------- nature: a purpose clause before the class
def test_a_purpose_clause_before_the_class_is_not_the_nature():
    d = p("江川市人民防空办公室是主管全市人民防空和地下空间开发利用工作的市政府工作部门。")
    assert (d["unit"], d["nature"]) == ("江川市人民防空办公室", "市政府工作部门")


def test_a_purpose_clause_with_a_rank_in_front_of_the_class():
    d = p("西河县图书馆是县文化和旅游局设立的专门从事文献收藏和阅读推广工作的副科级公益一类事业单位。")
    assert (d["unit"], d["nature"], d["rank"]) == ("西河县图书馆", "公益一类事业单位", "副科级")


def test_a_whose_clause_stays_in_the_nature():
    d = p("东林街道办事处是南山区委、区政府的派出机构。")
    assert d["nature"] == "南山区委、区政府的派出机构"


def test_a_role_is_not_a_nature():
    d = p("平海市公安局交通警察支队(简称市交警支队)是全市道路交通管理的主管机关,下设9个大队。")
    assert (d["unit"], d["short_name"], d["nature"]) == ("平海市公安局交通警察支队", "市交警支队", None)


# ---------------------------------------------------------------- unit: a clause between the unit and its nature
def test_a_founding_year_between_the_unit_and_its_nature():
    d = p("南江省博物馆(原名南江省历史陈列馆)成立于1958年,是省人民政府设立的收藏、研究和展示全省历史文物,"
          "为公众提供文化服务的公益一类事业单位。")
    assert (d["unit"], d["nature"]) == ("南江省博物馆", "公益一类事业单位")
    assert d["plaques"] == []  # a former name is no plaque


def test_a_second_name_and_an_address_between_the_unit_and_its_nature():
    d = p("北岭市档案馆(北岭市地方志编纂中心)位于人民路18号,是北岭市委直属的正处级事业单位。")
    assert (d["unit"], d["plaques"], d["rank"]) == ("北岭市档案馆", ["北岭市地方志编纂中心"], "正处级")


def test_a_class_named_as_one_of_several():
    d = p("河东省水利厅是河东省人民政府组成部门之一,主要负责全省水资源管理。")
    assert (d["unit"], d["nature"]) == ("河东省水利厅", "河东省人民政府组成部门")


def test_a_joint_party_and_government_subject_names_the_office():
    d = p("中共青石镇委员会、青石镇人民政府位于镇府路1号,是县委、县政府的派出机关。")
    assert d["unit"] == "青石镇人民政府"


# ---------------------------------------------------------------- plaques: the next sentence adds one
def test_a_plaque_added_in_the_next_sentence():
    d = p("江州市群众艺术馆是市政府设立的公益一类事业单位。2012年3月经市编委批准,加挂江州市非遗保护中心牌子。"
          "核定事业编制30名。")
    assert d["plaques"] == ["江州市非遗保护中心"]
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 30)]


# ---------------------------------------------------------------- internal bodies
def test_an_inline_list_counted_in_bu_shi():
    d = p("剧院内设演出部、艺术创作部、舞美技术部、综合办公室等四个部室。")
    assert bodies(d) == ["演出部", "艺术创作部", "舞美技术部", "综合办公室"]


def test_an_inline_list_with_you_and_gong():
    d = p("中心内设有综合部、技术部、培训部共三个部室。")
    assert bodies(d) == ["综合部", "技术部", "培训部"]


def test_a_second_group_after_the_count_and_a_list_s_slips():
    d = p("街道内设党政办公室、平安办公室、党政办公室、城市管理办公室、城市管理办等4个职能科室、"
          "便民服务中心、综合执法中队2个工作平台。")
    assert bodies(d) == ["党政办公室", "平安办公室", "城市管理办公室", "便民服务中心", "综合执法中队"]


def test_numbered_bodies_with_a_colon_after_the_name():
    d = p("机构设置:\n1.综合科:负责文秘、财务和后勤。\n2.资料室:负责资料的收集和借阅。\n"
          "3.《发展论坛》编辑部:负责刊物的组稿和编辑。\n")
    assert bodies(d) == ["综合科", "资料室", "《发展论坛》编辑部"]
    assert d["internal_bodies"][0]["duties"].startswith("负责文秘")


def test_a_heading_then_one_body_per_line():
    d = p("局机关简介\n东川省统计局设有9个内设机构。\n内设机构\n办公室\n综合统计处(统计设计管理处)\n人口和就业统计处\n"
          "\n联系电话:0000-1234567\n")
    assert bodies(d) == ["办公室", "综合统计处(统计设计管理处)", "人口和就业统计处"]
