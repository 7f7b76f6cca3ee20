"""Clause kinds found on the sixth held-out split (bench/sanding_real, split heldout6): one test per rule added after
its first run. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named
text of the same kind, so a test passes only if the rule is general."""
from .helpers import p


def staffing(d):
    return [(s["type"], s["raw"], s["count"]) for s in d["staffing"]]


# ---------------------------------------------------------------- 批复 setting up a unit
def test_a_reply_setting_up_a_unit_states_its_own_facts():
    d = p("县水利局:\n你局《关于设立灌区管理站的请示》(水字〔2021〕3号)收悉。经研究,同意设立“青溪灌区管理站”,为县水利局的"
          "所属单位,公益一类事业单位,核定人员编制12名,所需编制从县水利服务中心划转。\n特此批复。\n")
    assert (d["unit"], d["nature"]) == ("青溪灌区管理站", "公益一类事业单位")
    assert staffing(d) == [("其他编制", "人员编制", 12)]
    assert d["title"] is None  # the addressee line “县水利局:” is no title


def test_a_reply_title_with_the_host_before_the_new_unit():
    d = p("省农业农村厅关于同意在省农科院设立省水稻种业创新中心的批复\n(农科发〔2015〕21号)\n省农科院:\n"
          "你院请示收悉。经研究,同意在你院设立省水稻种业创新中心。\n")
    assert d["unit"] == "省水稻种业创新中心"
    assert d["doc_number"] == "农科发〔2015〕21号"


# ---------------------------------------------------------------- statements
def test_a_merged_unit_with_its_second_name_in_brackets():
    d = p("日前,江北省数字经济发展中心(江北省大数据研究院)由省发展改革委所属江北省信息中心(江北省价格监测中心)、"
          "江北省软件评测站等3家单位整合组建而成,为省政府直属事业单位。")
    assert (d["unit"], d["nature"]) == ("江北省数字经济发展中心", "省政府直属事业单位")
    assert d["plaques"] == ["江北省大数据研究院"]


def test_a_unit_upgraded_or_moved_to_a_new_kind():
    d = p("5月8日,某县便民服务中心揭牌。某县便民服务中心由股级规格调整为副科级事业单位。")
    assert (d["unit"], d["rank"], d["nature"]) == ("某县便民服务中心", "副科级", None)  # R事业单位 states a rank
    d = p("某市档案馆由市委办公室管理的事业单位调整为市委直属事业单位。")
    assert (d["unit"], d["nature"]) == ("某市档案馆", "市委直属事业单位")


def test_a_bracket_inside_the_unit_name_is_no_boundary():
    d = p("第二条 青山新区(青山区)住房和城乡建设局(以下简称区住建局)是管委会(区人民政府)工作部门,为正县级。\n"
          "第三条 区住建局贯彻落实党中央关于住房和城乡建设工作的方针政策。")
    assert (d["unit"], d["short_name"], d["rank"]) == ("青山新区(青山区)住房和城乡建设局", "区住建局", "正县级")
    d = p("(二)区应急管理局是区政府工作部门,为正科级。")  # an item mark in front is a boundary
    assert d["unit"] == "区应急管理局"


# ---------------------------------------------------------------- news naming the unit
def test_news_of_a_unit_hanging_its_sign():
    assert p("本报讯 6月1日,县医疗保障局正式挂牌。县长出席仪式。")["unit"] == "县医疗保障局"
    assert p("经省委批准,江北省工程技术研究院挂牌成立。院长表示将做好工作。")["unit"] == "江北省工程技术研究院"
    assert p("5日上午,副市长共同为市老干部活动中心揭牌。")["unit"] == "市老干部活动中心"


def test_news_of_a_city_holding_the_ceremony_names_the_unit_in_full():
    d = p("3月2日上午,安平市在市民中心举行政务服务中心揭牌仪式,市长出席。新成立的中心将承担三项职责。")
    assert d["unit"] == "安平市政务服务中心"


def test_an_office_named_with_its_short_name_as_the_subject():
    d = p("日前,我县对食品安全工作体制进行调整。县食品安全委员会办公室(以下简称县食安办)由设在县卫生局调整到县市场监管局。")
    assert (d["unit"], d["short_name"]) == ("县食品安全委员会办公室", "县食安办")


def test_a_staffing_headline_without_a_figure_names_no_unit():
    assert p("某省某市乡镇卫生院人员编制核定工作全面完成\n近日,市编办下发通知。")["unit"] is None
    assert p("某县林业局人员编制45名。")["unit"] == "某县林业局"


def test_no_article_number_or_clause_word_glued_to_a_short_name():
    d = p("第二条 区应急管理局是区政府工作部门,为正科级。\n第三条 区应急管理局负责应急管理工作。")
    assert d["unit"] == "区应急管理局"


# ---------------------------------------------------------------- notices
def test_the_organ_line_above_a_notice_title():
    d = p("南江县人民政府办公室\n关于印发《南江县防汛应急预案》的\n通知\n各乡镇人民政府:\n现印发给你们。\n"
          "南江县人民政府办公室\n2019年5月\n")
    assert d["issuing_organ"] == "南江县人民政府办公室"
    assert d["title"] == "关于印发《南江县防汛应急预案》的通知"


def test_a_plans_outline_is_not_a_duty_list():
    d = p("某县森林火灾应急预案\n一、总则\n(一)编制目的\n为有效预防和处置森林火灾,保护森林资源,制定本预案。\n"
          "(二)编制依据\n《森林防火条例》等法律法规。\n(三)适用范围\n本预案适用于本县行政区域。\n")
    assert d["duties"] == []


def test_verbs_in_front_of_an_event_unit_stay_out_of_its_name():
    assert p("市政府党组成员出席了市应急管理局揭牌仪式,并讲话。")["unit"] == "市应急管理局"
    d = p("将县扶贫开发办公室由县政府工作部门调整为县农业农村局内设机构。")
    assert d["unit"] == "县扶贫开发办公室"
