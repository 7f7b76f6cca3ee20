"""Clause kinds the fragments-and-web-copies split showed the parser missing (bench/sanding_real, split heldout18):
one test per rule added after its first run, and guards that a rule does not reach past its kind. The snippets are NOT
the corpus texts: each rule is tried on a differently worded, differently named text of the same kind, so a test
passes only if the rule is general."""
from bianzhi.ingest import webcopy_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- a 2019 setting-up article copied without its number
def test_integrated_setting_up_paragraph_gives_unit_nature_and_rank():
    d = p("南宁市医疗保障局,是将市人力资源和社会保障局的城镇职工和城镇居民基本医疗保险、生育保险职责,市卫生健康委员会的"
          "新型农村合作医疗职责,市发展和改革委员会的药品和医疗服务价格管理职责整合组建的,作为市政府直属机构,正处级。\n"
          "主要职责\n(一)贯彻执行医疗保障的法律法规。\n(二)组织制定全市医疗保障基金监督管理办法。")
    assert d["unit"] == "南宁市医疗保障局"
    assert d["nature"] == "市政府直属机构"
    assert d["rank"] == "正处级"


def test_integrated_paragraph_needs_a_named_subject():
    # “该局” names no unit: the rule reads nothing from it
    assert webcopy_clauses.integrated_statement("该局是将市文化局的职责,市旅游局的职责整合组建的,作为市政府工作部门,正处级。") is None


# ---------------------------------------------------------------- news items: a 揭牌 ceremony, a rename
def test_news_unit_from_a_ceremony_sentence_after_forum_chrome():
    d = p("找回密码\n立即注册\n查看: 96|回复: 0\n发表于 2023-3-6 08:10:11\n"
          "3月5日上午,桂林市大数据发展局揭牌仪式在市行政中心举行。市领导出席仪式并讲话,各县区分管负责同志参加。")
    assert d["unit"] == "桂林市大数据发展局"


def test_news_unit_from_a_quoted_rename():
    d = p("据介绍,经市委批准,原“温州市农业局”更名为“温州市农业农村局”,今后将统筹做好农业农村各项工作。")
    assert d["unit"] == "温州市农业农村局"


# ---------------------------------------------------------------- set up with a plaque, bodies counted and closed by a comma
def test_plaque_added_when_set_up_and_a_counted_list_closed_by_a_comma():
    d = p("苏州工业园区行政审批局于2016年5月6日正式挂牌成立,同时加挂园区政务服务中心牌子,内设4个机构,分别为:综合处、"
          "投资审批处、社会事务审批处和监督管理处,同时承担园区公共资源交易的职能。")
    assert d["unit"] == "苏州工业园区行政审批局"
    assert d["plaques"] == ["园区政务服务中心"]
    assert bodies(d) == ["综合处", "投资审批处", "社会事务审批处", "监督管理处"]


def test_counted_list_needs_as_many_names_as_its_count():
    assert webcopy_clauses.counted_bodies("内设3个机构,分别为:综合处、投资审批处、社会事务审批处和监督管理处,同时承担…") == []
    # “和” inside a name is kept when splitting it would overshoot the count
    found = webcopy_clauses.counted_bodies("内设2个科室,分别为:办公室、科技和标准科,负责…")
    assert [f.value for f in found] == ["办公室", "科技和标准科"]


def test_contact_list_is_no_body_list():
    d = p("服务简介\n某某新区政务服务中心是方便群众办事的综合服务平台。\n联系我们:\n1.某某新区管理委员会行政审批局\n"
          "地址:某某市丽水路8号\n2.某某新区政务服务中心(东大厅)\n地址:某某市东环路18号\n")
    assert bodies(d) == []
    # a numbered body list with no address under its items is kept
    d = p("某某县审计局内设机构:\n1.办公室\n负责机关日常运转。\n2.财政审计股\n负责财政预算执行审计。\n3.经济责任审计股\n"
          "负责领导干部经济责任审计。")
    assert bodies(d) == ["办公室", "财政审计股", "经济责任审计股"]


# ---------------------------------------------------------------- an article on what a kind of body usually has
def test_departments_a_kind_of_body_usually_has_are_no_bodies():
    d = p("审计局通常包括以下部门:\n1. 办公室:负责局机关日常政务工作。\n2. 财政审计科(或财政审计处):负责本级预算执行审计。\n"
          "3. 经济责任审计科:负责领导干部经济责任审计。\n4. 法规科:负责审计法规的宣传。\n请注意,各地审计局的设置可能不同。")
    assert bodies(d) == [] and d["unit"] is None


def test_a_named_bureau_listing_its_own_departments_is_not_generic():
    assert webcopy_clauses.generic_kind_list("平阳县审计局通常设有以下科室:办公室、财政审计股。") is False
    assert webcopy_clauses.generic_kind_list("民政局通常包括以下部门:\n1. 办公室") is True


# ---------------------------------------------------------------- a subject with a bracketed abbreviation, an embedded clause
def test_paragraph_subject_with_bracketed_abbreviation_over_an_embedded_clause():
    d = p("网站介绍:\n建瓯市档案局(馆)是综合档案馆,是中共建瓯市委、市人民政府直属的事业单位,负责保管全市档案。1990年,"
          "市委决定成立市档案局;同时明确市档案馆是同级党委、政府的直属事业机构,与市档案局合署办公。")
    assert d["unit"] == "建瓯市档案局"
    assert d["nature"] == "中共建瓯市委、市人民政府直属的事业单位"


# ---------------------------------------------------------------- a 请示 renaming several 事业单位
def test_request_renaming_several_public_institutions_names_no_unit():
    d = p("区编委:\n根据事业单位分类工作的要求,对我局所属事业单位调整请示如下:\n"
          "一、上海市某区测绘管理办公室更名为上海市某区测绘事务中心,为公益一类事业单位。\n"
          "二、某区档案管理办公室更名为上海市某区建设档案中心,为公益一类事业单位。\n"
          "三、上海市某区规划和土地管理局执法大队,为参照行政类事业单位。\n特此请示。\n上海市某区规划和土地管理局\n二〇一五年三月二日")
    assert d["unit"] is None and d["nature"] is None
    assert d["issuing_organ"] == "上海市某区规划和土地管理局"
    assert d["issued_on"] == "2015-03-02"


def test_one_renamed_unit_is_still_the_unit():
    text = "一、同意某县农业技术推广站更名为某县农业技术推广中心,为公益一类事业单位。\n二、其他事项不变。"
    assert webcopy_clauses.several_renamed_units(text, "某县农业技术推广中心") is False


# ---------------------------------------------------------------- a short form of the name set up before it
def test_short_form_of_the_name_set_up_one_sentence_earlier():
    d = p("根据《中共中央、国务院关于江西省人民政府机构改革方案的通知》(中委[2000]31号),设置江西省民政厅。"
          "省民政厅是主管全省民政工作的省政府组成部门。")
    assert d["unit"] == "江西省民政厅"
    assert d["nature"] == "省政府组成部门"
    assert webcopy_clauses.set_up_name("设置了全省的民政厅。省民政厅是…", "省民政厅") is None


def test_a_company_counted_list_is_no_body_list():
    assert webcopy_clauses.counted_bodies("某某科技有限公司内设3个部门,分别为:综合部、市场部和技术部,负责…") == []
    d = p("某某县行政审批局成立于2019年,内设3个股室,分别为:综合股、审批股和监督股,负责全县审批工作。")
    assert bodies(d) == ["综合股", "审批股", "监督股"]


# ---------------------------------------------------------------- heldout18b: “X举行揭牌仪式”; an explainer on a kind of bureau
def test_news_unit_from_held_a_ceremony():
    d = p("4月2日上午,柳州市柳江区数据资源局举行揭牌仪式。区委副书记出席仪式并揭牌,局领导班子成员参加。")
    assert d["unit"] == "柳州市柳江区数据资源局"


def test_explainer_on_what_a_kind_of_bureau_does_names_no_unit():
    d = p("档案局是做什么的\n“档案局是做什么的”是一个常见问题。\n一、基本职能\n档案局是政府中负责档案事业管理的重要部门。"
          "其主要职责包括:\n- 收集整理:接收各单位移交的档案。\n二、组织结构\n部门 | 职责 |\n办公室 | 综合协调 |\n")
    assert d["unit"] is None and d["nature"] is None
    # a named bureau is kept, whatever the page asks
    assert webcopy_clauses.generic_kind_unit("建瓯市档案局", "建瓯市档案局是做什么的?通常…一般来说…") is False


def test_items_about_one_renamed_body_keep_it_as_the_unit():
    text = ("一、同意某县农业技术推广站更名为某县农业技术推广中心。\n"
            "二、某县农业技术推广中心为公益一类事业单位,核定事业编制12名。")
    assert webcopy_clauses.several_renamed_units(text, "某县农业技术推广中心") is False
