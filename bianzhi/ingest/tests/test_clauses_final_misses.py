"""The earlier final splits' recurring misses (final_misses_clauses; heldout_final3 … heldout_final11, session 15): one
test per rule and guards. The snippets are NOT the corpus texts: each rule is tried on differently worded, differently
named texts of the same shape (units, counts and places made up), so a test passes only if the rule is general."""
from bianzhi.ingest import final_misses_clauses

from .helpers import bodies, p


def staffing(d: dict) -> list[tuple]:
    return [(e["type"], e["raw"], e["count"]) for e in d["staffing"]]


# ---------------------------------------------------------------- bodies: counted lists of bare names
def test_counted_list_of_bare_names_with_a_qualified_kind():
    d = p("青河县图书馆为县文广局所属公益一类事业单位,设有采编、流通、少儿阅览、地方文献、办公室等5个业务科室(股),承担全县公共图书服务。")
    assert bodies(d) == ["采编", "流通", "少儿阅览", "地方文献", "办公室"]
    d = p("东岭镇综合文化站现有工作人员6人。站内设有文艺队、书画社、信息共享、综合等4个活动部门,负责全镇群众文化活动。")
    assert bodies(d) == ["文艺队", "书画社", "信息共享", "综合"]


def test_count_first_with_the_names_in_brackets_or_after_a_colon():
    d = p("便民服务中心为区直属正科级事业单位。核定编制12名,内设4个科室(综合、窗口、督办、信息),2个中心(投诉中心、代办中心)。")
    assert bodies(d) == ["综合", "窗口", "督办", "信息", "投诉中心", "代办中心"]
    d = p("1978年恢复后,研究所由此下设三个室:资料室、编辑室、调研室。")
    assert bodies(d) == ["资料室", "编辑室", "调研室"]


def test_a_single_counted_body_needs_a_body_suffix():
    d = p("江源区档案馆下设江源区档案馆综合办公室一个部门(简称:综合办),负责日常工作。")
    assert bodies(d) == ["江源区档案馆综合办公室"]
    assert final_misses_clauses.counted_bare_bodies("馆内下设阅览一个部门,负责借阅。") == []


def test_counted_list_guards():
    # the count does not match the names given
    assert final_misses_clauses.counted_bare_bodies("设有采编、流通、辅导等6个业务科室,承担服务。") == []
    # subordinate units, not internal bodies
    assert final_misses_clauses.counted_bare_bodies("下设文化馆、图书馆、博物馆等3个二级机构,管理全县文化工作。") == []
    # a students' association's departments
    assert final_misses_clauses.counted_bare_bodies(
        "理工大学学生科技协会是校团委指导的学生组织。下设秘书处、宣传、外联、竞赛等4个部门,负责协会日常工作。") == []
    # a report on several units: a list in each of two sentences
    assert final_misses_clauses.counted_bare_bodies(
        "甲区设区水务局,内设综合、水政和工程3个科室;乙区设区水务局,内设办公室、水资源和河道3个科室。") == []


# ---------------------------------------------------------------- the unit of a renaming
def test_renaming_names_the_unit_with_its_nature_and_rank():
    d = p("据悉,经省政府批复,宜州市园林局将更名为宜州市园林绿化局,仍为市政府工作部门。更名后职能不变。")
    assert (d["unit"], d["nature"]) == ("宜州市园林绿化局", "市政府工作部门")
    d = p("经批准,河西工业园管委会正式更名为河西高新技术产业园区管委会,机构规格为正处级。园区规划面积30平方公里。")
    assert (d["unit"], d["rank"]) == ("河西高新技术产业园区管委会", "正处级")


def test_renaming_with_a_new_second_name_gives_the_plaque():
    d = p("10月8日,经市编委同意,安康市地方志办公室(安康市史志馆)正式更名为安康市地方志办公室(安康市方志馆)。")
    assert d["unit"] == "安康市地方志办公室"
    assert d["plaques"] == ["安康市方志馆"]


def test_renaming_in_the_title_line_wins_over_others_in_the_text():
    d = p("梧州市粮食局将更名为梧州市粮食和物资储备局\n日前自治区政府批复同意:\n■ 贺州市粮食局更名为贺州市粮食和物资储备局。\n"
          "■ 梧州市将梧州市粮食局更名为梧州市粮食和物资储备局,仍为市政府工作部门。")
    assert (d["unit"], d["nature"]) == ("梧州市粮食和物资储备局", "市政府工作部门")


def test_chronicle_renamings_name_no_unit():
    assert final_misses_clauses.renamed_unit("1983年3月,县农机站更名为桐乡县农机管理站。1990年撤销。") is None
    assert final_misses_clauses.renamed_unit("机构改革中撤销物资局;粮食局更名为平阳县粮食储备局;新设统计局。") is None
    assert final_misses_clauses.renamed_unit("园区统一更名为经济开发区。") is None


# ---------------------------------------------------------------- the unit alone on a head line
def test_unit_alone_on_a_head_line_named_again_below():
    found = final_misses_clauses.head_line_unit("1. 临川县农业机械局机构概况\n临川县农业机械局成立于1978年,负责全县农机推广。")
    assert found is not None and found.value == "临川县农业机械局"
    found = final_misses_clauses.head_line_unit("汶上县林业局 [Wènshàng Xiàn Línyèjú]\n发布时间:2021\n1985年设汶上县林业局。")
    assert found is not None and found.value == "汶上县林业局"
    # named once only, or a government's header
    assert final_misses_clauses.head_line_unit("临川县农业机械局\n本局负责全县农机推广。") is None
    assert final_misses_clauses.head_line_unit("临川县人民政府\n临川县人民政府办公室关于…的通知") is None


# ---------------------------------------------------------------- an untyped 编制 total
def test_untyped_total_stated_once():
    d = p("城南新区群众工作局(城南新区信访局)核定编制总人数为9人,在职实有人数为8人。")
    assert staffing(d) == [("其他编制", "编制", 9)]
    d = p("石岭县博物馆于2012年落成开放。博物馆现有编制人数11人,在职人数10人,在岗人数9人。")
    assert [(t, n) for t, _, n in staffing(d)] == [("其他编制", 11)]
    # two different totals: no guess
    assert final_misses_clauses.untyped_total("2015年核定编制12人。2020年核定编制15人。") is None


# ---------------------------------------------------------------- plaques: “和” inside one plaque's name
def test_and_inside_a_plaque_name_does_not_part_it():
    d = p("旬阳市委社会工作部是市委职能部门,加挂了市委非公有制经济组织和社会组织工作委员会牌子。")
    assert d["plaques"] == ["市委非公有制经济组织和社会组织工作委员会"]
    # two whole names still give two plaques
    d = p("县文旅局为县政府工作部门,加挂县文物局和县体育局的牌子。")
    assert d["plaques"] == ["县文物局", "县体育局"]


def test_as_nature_sentence_gives_nature_and_plaques_of_the_unit():
    d = p("中共宁陕县委社会工作部揭牌。据了解,作为县委职能部门,县委社会工作部加挂县委两新工作委员会牌子,负责统筹基层治理。")
    assert (d["unit"], d["nature"]) == ("中共宁陕县委社会工作部", "县委职能部门")
    assert d["plaques"] == ["县委两新工作委员会"]


# ---------------------------------------------------------------- a party body's full name
def test_party_body_full_name_given_in_the_text():
    text = "2024年紫阳县委党校部门所属预算单位共1个,包括:中国共产党紫阳县委员会党校。"
    assert final_misses_clauses.party_full_name(text, "紫阳县委党校").value == "中国共产党紫阳县委员会党校"
    text = "二、内设机构⏎中共安康市汉滨区委组织部内设机构:办公室、组织科"
    assert final_misses_clauses.party_full_name(text, "汉滨区区委组织部").value == "中共安康市汉滨区委组织部"
    # two different full names, or the short name alone: no guess
    text = "中共甲县委党校与中共乙市甲县委党校"
    assert final_misses_clauses.party_full_name(text, "甲县委党校") is None
    assert final_misses_clauses.party_full_name("甲县委党校负责干部培训。", "甲县委党校") is None


# ---------------------------------------------------------------- a rank and a nature stated apart
def test_rank_and_nature_stated_in_a_sentence_about_the_unit():
    d = p("昭苏县图书馆(总馆)位于昭苏县城内,隶属昭苏县文化体育和旅游局管理公益一类全额预算事业单位,机构规格相当股级,核定事业编制8个。")
    assert d["unit"] == "昭苏县图书馆"
    assert d["nature"] == "隶属昭苏县文化体育和旅游局管理公益一类全额预算事业单位"
    assert d["rank"] == "股级"
    found = final_misses_clauses.stated_rank("南岭县博物馆,是县文旅局属下事业单位,级别:副科级,领导职数2人。", "南岭县博物馆")
    assert found is not None and found.value == "副科级"


def test_a_rank_stated_for_another_unit_is_not_the_units():
    text = "东海县海洋局成立。省海洋厅,作为省政府组成部门,规格为正厅级。"
    assert final_misses_clauses.stated_rank(text, "东海县海洋局") is None
