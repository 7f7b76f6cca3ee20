"""Clause kinds found on the eighth held-out split (bench/sanding_real, split heldout8): one test per rule added after
its first run. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named
text of the same kind, so a test passes only if the rule is general."""
from .helpers import bodies, p


# ---------------------------------------------------------------- unit: several clauses after the founding date
def test_several_clauses_between_the_founding_date_and_the_nature():
    d = p("临川市图书馆创建于1952年,合并了原市少儿图书馆和市古籍书店,是市文化和旅游局领导下的副处级事业单位。")
    assert (d["unit"], d["nature"], d["rank"]) == ("临川市图书馆", "市文化和旅游局领导下的副处级事业单位", "副处级")


def test_a_broadcaster_and_a_university_are_units():
    d = p("青河广播电视台是青河市委宣传部主管的公益二类事业单位。")
    assert (d["unit"], d["nature"]) == ("青河广播电视台", "青河市委宣传部主管的公益二类事业单位")
    d = p("北江理工大学是省教育厅主管的全额拨款事业单位,位于北江市。")
    assert (d["unit"], d["nature"]) == ("北江理工大学", "省教育厅主管的全额拨款事业单位")


# ---------------------------------------------------------------- unit: a generic noun names the body stated before
def test_a_generic_subject_is_the_body_named_in_full_before_it():
    d = p("云岭省黑颈鹤省级自然保护区位于云岭省北部,总面积1.2万公顷。\n保护区是省林业和草原局直属的正科级事业单位,实行省市共管。")
    assert (d["unit"], d["rank"]) == ("云岭省黑颈鹤省级自然保护区", "正科级")


# ---------------------------------------------------------------- unit renamed: 变更为“X”，属Y；机构规格 later on
def test_a_renamed_unit_its_class_and_a_bracketed_rank_later_in_the_sentence():
    d = p("“平原省计量检定所”于2020年3月变更为“平原省计量测试研究院”,属公益二类事业单位,实行差额预算管理,"
          "机构规格为乡(科)级。")
    assert (d["unit"], d["nature"], d["rank"]) == ("平原省计量测试研究院", "公益二类事业单位", "乡科级")


def test_a_region_starting_with_xin_is_not_the_word_new():
    d = p("新疆维吾尔自治区气象信息中心\n“自治区气象信息中心”于2018年更名为“自治区气象信息中心”,属公益一类事业单位。")
    assert d["unit"] == "新疆维吾尔自治区气象信息中心"


# ---------------------------------------------------------------- nature: a stated class after a description
def test_a_stated_class_after_a_description_is_the_nature():
    d = p("东海市血液中心是东海市卫生健康委员会所属的采供血机构和公共卫生单位,为公益一类事业单位。")
    assert (d["unit"], d["nature"]) == ("东海市血液中心", "公益一类事业单位")


# ---------------------------------------------------------------- a class with no subject: the text's first subject
def test_a_class_clause_without_subject_belongs_to_the_first_subject():
    d = p("南川市档案馆成立于1959年,由市人民委员会批准设立。馆舍于2010年迁入新址;2011年6月,单位性质确定为公益一类事业单位;"
          "现有馆藏档案12万卷。")
    assert (d["unit"], d["nature"]) == ("南川市档案馆", "公益一类事业单位")


# ---------------------------------------------------------------- bodies: “科室调整为A、B…等N个正科级科室”
def test_bodies_after_a_reorganisation_with_a_rank_before_the_noun():
    d = p("2019年内设机构调整为综合科、业务指导科、信息技术科等3个副科级科室,核定编制人员21人。")
    assert bodies(d) == ["综合科", "业务指导科", "信息技术科"]


# ---------------------------------------------------------------- staffing: “核定编制人员56人”
def test_approved_staff_in_persons_is_untyped_staffing():
    d = p("西江市文化馆核定编制人员18名,其中馆长1名,副馆长2名。")
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "编制", 18)]
    assert [(q["title"], q["count"]) for q in d["posts"]] == [("馆长", 1), ("副馆长", 2)]
