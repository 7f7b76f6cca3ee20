"""Reports, 请示, news, entries and chronicles that name one unit in passing (bench/sanding_real, split heldout39; issue 12):
one test per clause kind, and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts: each
rule is tried on differently worded, differently named texts of the same kind (units, counts, places and dates made up),
so a test passes only if the rule is general."""
from bianzhi.ingest import report_clauses

from .helpers import bodies, p


def staffing(d: dict) -> list[tuple]:
    return [(e["type"], e["count"]) for e in d["staffing"]]


# ---------------------------------------------------------------- a 请示's or 汇报's title, 文号, date and unit
def test_report_title_on_the_first_line_and_its_unit_named_in_a_sentence():
    d = p("关于我县农业机械化工作情况的汇报\n尊敬的各位领导:\n下面,我就有关情况汇报如下:\n一、基本情况\n"
          "县农机局是1983年5月机构改革中成立的。主要职能是负责全县农业机械化管理工作。局机关现有在职人员12名。")
    assert d["title"] == "关于我县农业机械化工作情况的汇报"
    assert d["unit"] == "县农机局"
    d = p("区档案馆于1959年10月成立,主要负责全区档案的收集和保管。现有在职人员8人。")
    assert d["unit"] == "区档案馆"


def test_request_title_over_its_addressee_with_doc_number_and_date_lines():
    d = p("平江县教育局文件\n平教字[2015]21号\n关于调整县教研室机构规格的请示\n县机构编制委员会:\n"
          "为加强全县教研工作,我局拟将县教研室机构规格调整为副科级。\n妥否,请批示。\n平江县教育局\n2015年6月3日")
    assert d["title"] == "关于调整县教研室机构规格的请示"
    assert d["doc_number"] == "平教字〔2015〕21号"
    assert d["issued_on"] == "2015-06-03"


def test_request_title_broken_over_two_lines_with_a_lost_bracket_and_a_date_in_chinese_numerals():
    d = p("宁文字?2012?5号\n\n关于报送《宁远县文化局所属事业单位\n\n机构编制方案》的请示\n\n县编委:\n\n"
          "根据有关文件精神,我局研究拟定了《宁远县文化局所属事业单位机构编制方案》,现呈上审批。\n\n二〇一二年三月十九日")
    assert d["title"] == "关于报送《宁远县文化局所属事业单位机构编制方案》的请示"
    assert d["doc_number"] == "宁文字〔2012〕5号"
    assert d["issued_on"] == "2012-03-19"
    assert d["unit"] == "宁远县文化局"


def test_a_request_inside_a_page_of_model_texts_keeps_its_own_title_only():
    d = p("公文写作范文精选\n下面是整理的范文,供大家参考。\n【范例】\n关于增设县老年大学的请示\n县委、县政府:\n"
          "为满足老年人学习需求,建议增设县老年大学。\n当否?请批复。\n一九九八年四月二日")
    assert d["title"] == "关于增设县老年大学的请示"
    assert d["issued_on"] == "1998-04-02"
    assert d["unit"] is None


def test_guard_a_heading_about_a_request_in_running_text_is_no_title():
    d = p("会议听取了关于县城规划修编的汇报,要求各部门抓好落实。\n会议还研究了其他事项。")
    assert d["title"] is None


# ---------------------------------------------------------------- a unit named in passing
def test_news_of_one_ceremony_names_the_city_and_the_unit():
    d = p("10月8日上午,宜昌市举行城市管理综合执法支队揭牌仪式。\n新成立的市城市管理综合执法支队是在原市城管监察支队基础上组建的。")
    assert d["unit"] == "宜昌市城市管理综合执法支队"
    d = p("5月20日,遂宁市举行公共资源交易服务中心挂牌成立仪式,副市长出席。")
    assert d["unit"] == "遂宁市公共资源交易服务中心"


def test_breadcrumb_opening_with_the_site_unit_and_an_entry_line():
    d = p("您现在的位置:凤阳县妇女联合会>> 走进妇联>> 内设机构\n县妇联机关内设2个部。\n(一)办公室\n负责文电、会务。\n(二)权益部\n负责维护妇女权益。")
    assert d["unit"] == "凤阳县妇女联合会"
    assert bodies(d) == ["办公室", "权益部"]
    d = p("请输入您要查询的百科知识:\n词条 曹县文化馆\n释义\n简介\n县级文化馆,设有办公室、辅导部、活动部等;常年开放。")
    assert d["unit"] == "曹县文化馆"


def test_a_page_heading_naming_the_setup_and_a_final_accounts_contents():
    d = p("青浦区人民检察院机构设置(2021年3月) 青浦区检察院设有6个内设机构。 1.第一检察部 主要职能:负责刑事案件审查。")
    assert d["unit"] == "青浦区人民检察院"
    d = p("目录\n一、单位基本情况\n二、部门决算收支情况\n(一)广水市水利局汇总\n1、收入支出决算总表\n(二)广水市水利局本级\n1、收入支出决算总表")
    assert d["unit"] == "广水市水利局"


def test_a_chronicle_names_the_office_by_its_last_name():
    d = p("机构沿革1958年,设县档案室。1962年,建县档案馆。1985年,成立县档案局,与档案馆合署办公。"
          "2001年,撤县设区,更名为桐乡区档案局(馆)。2010年末,有工作人员9人。")
    assert d["unit"] == "桐乡区档案局"


def test_guard_a_chronicle_on_several_offices_names_none():
    d = p("第二节 殡葬机构\n江门市殡仪馆始建于1962年,正科级事业单位,人员编制6人。\n"
          "江门市公墓管理所1994年成立,股级事业单位。1998年,更名为江门市公墓管理处。")
    assert d["unit"] is None


def test_an_article_taking_one_unit_as_its_example():
    d = p("市政府组成部门是城市治理的主体。以广州市司法局为例,这类部门通常下设办公室、法治调研处、律师工作管理处等十余个处室。"
          "广州市司法局还承担全市公共法律服务体系建设。")
    assert d["unit"] == "广州市司法局"
    assert bodies(d) == ["办公室", "法治调研处", "律师工作管理处"]


def test_nature_after_a_pronoun_in_the_units_sentence():
    d = p("金山区科学技术协会\n金山区科协成立于1979年,它是在党领导下的科技工作者的群众组织,是党和政府联系科技工作者的纽带。")
    assert d["nature"] == "在党领导下的科技工作者的群众组织"


# ---------------------------------------------------------------- bodies in a run
def test_bodies_after_a_rough_count_with_an_inclusive_list():
    d = p("汕尾市统计局作为市政府的组成部门,承担全市统计工作。汕尾市统计局内设多个科室,包括办公室、综合科、普查中心等,分别负责各项工作。")
    assert bodies(d) == ["办公室", "综合科", "普查中心"]


def test_bodies_counted_in_kinds_and_then_named():
    d = p("二、机构设置\n县总工会机关内设3部1室,办公室、组织部、宣传部、权益保障部。\n三、人员情况\n核定编制12名。")
    assert bodies(d) == ["办公室", "组织部", "宣传部", "权益保障部"]


def test_an_entry_sentence_of_bodies_with_no_count():
    d = p("词条 | 丰城市博物馆 |\n释义 | 丰城市博物馆建立于1986年。设办公室、陈列部、保管部、社教部。现有编制10人。 |")
    assert bodies(d) == ["办公室", "陈列部", "保管部", "社教部"]


def test_guard_rooms_of_a_building_are_no_bodies():
    d = p("桐城市融媒体中心是市政府直属事业单位。中心设有办公室、直播间、演播室、新媒体运营中心等功能区域。")
    assert bodies(d) == []


# ---------------------------------------------------------------- a rules text
def test_a_rules_texts_clauses_are_no_duties_and_its_leaders_clause_names_the_unit():
    d = p("(一)根据国务院规定,水利部设部长1名,副部长3名。\n(二)司、局设正职1名,副职1至2名。\n(三)处编制5人以上可设1正1副。\n"
          "第九条 设置机构的审批权限\n(一)司级机构的设立,报中央机构编制管理部门审批。\n第十条 编制的核定\n(一)各司编制由人事司审核。")
    assert d["duties"] == []
    assert d["unit"] == "水利部"
    assert report_clauses.rules_text("第三条 主要职责\n(一)负责…\n第四条 内设机构\n") is False


# ---------------------------------------------------------------- negatives
def test_several_units_of_one_kind_changed_at_once_name_no_unit():
    d = p("据报道,经市委编委同意,6月1日,城东区文化局、城西区文化局、安平县文化局和石阳县文化局由县(区)文化广电旅游局挂牌全部调整为"
          "政府工作部门。此前,各县组建文化广电旅游局,加挂文化局牌子。")
    assert d["unit"] is None


def test_staffing_of_every_town_or_the_whole_county_is_no_units():
    d = p("1995年,全县乡镇划为三类,每个一类乡镇定编40人,二类乡镇定编32人。全县乡镇党政机构行政编制420人。")
    assert d["staffing"] == []
    d = p("云溪镇人民政府核定行政编制40名。")
    assert staffing(d) == [("行政编制", 40)]


def test_guard_all_kinds_of_staffing_of_one_unit_stay():
    d = p("2015年,东海县气象局共有各类人员编制28名。")
    assert staffing(d) != []


# ---------------------------------------------------------------- more of the unit named in passing
def test_a_group_body_named_before_its_founding_gets_its_full_name_and_rank():
    d = p("邮编:365000\n永春县红十字会官网\n永春县科学技术协会官网,地方政府。\n"
          "永春县科协成立之前,科普工作由县科委兼管,2001年3月从县科委分离出来,建制为副科级事业单位,人员定编4人。")
    assert d["unit"] == "永春县科学技术协会"
    assert d["rank"] == "副科级"


def test_a_group_body_read_in_its_short_form_gets_the_full_name_the_page_gives():
    d = p("杭州市西湖区妇女联合会\n基本信息\n区妇联是在区委领导下的全区各族各界妇女的群众组织,主要职责是:\n"
          "(一)团结全区妇女投身经济建设。\n(二)维护妇女儿童合法权益。\n对全区妇女联合会系统的工作进行指导。")
    assert d["unit"] == "杭州市西湖区妇女联合会"


def test_guard_a_rank_stated_for_another_body_is_not_the_units():
    d = p("台州市数据管理局揭牌\n台州市数据管理局为市政府工作部门。\n浙江省数据局,作为省政府直属机构,规格为副厅级。")
    assert d["rank"] is None


def test_an_articles_function_section_of_short_headings_over_paragraphs():
    d = p("一、福州市气象局概况\n福州市气象局是市政府的重要部门。\n二、福州市气象局工作职能\n1. 天气预报发布\n"
          "福州市气象局负责发布全市天气预报和灾害性天气警报。\n2. 气象灾害防御\n气象局负责组织全市气象灾害防御工作。\n"
          "三、气象局的发展历程\n1. 建局初期\n气象局成立于1950年代。")
    assert [x[:6] for x in d["duties"]] == ["天气预报发布", "气象灾害防御"]


# ---------------------------------------------------------------- news of one body, chronicles' lists, posts
def test_a_headline_naming_one_body_and_its_groups_listed_by_inclusion():
    d = p("国家数据局已有内设机构亮相,此前以“组”开展工作\n记者 张三\n据报道,国家数据局召开座谈会。\n"
          "此前,国家数据局多个“组”陆续亮相,包括综合组、规划组以及数字经济组,与常见的“司”不同。")
    assert d["unit"] == "国家数据局"
    assert bodies(d) == ["综合组", "规划组", "数字经济组"]


def test_guard_a_headline_on_a_renamed_body_names_no_old_name():
    d = p("铜陵市档案局更名为铜陵市档案馆\n铜陵市档案局已于近日更名。铜陵市档案局原有职能划入市委办公室。")
    assert d["unit"] != "铜陵市档案局"


def test_of_two_plaques_unveiled_together_the_body_set_up():
    d = p("随后举行了“青田县医疗保障局”“青田县医疗保障基金监管中心”揭牌仪式。副县长出席。\n"
          "本次机构改革,整合相关职责,组建了县医疗保障局。")
    assert d["unit"] == "青田县医疗保障局"


def test_a_body_listed_under_another_unit_gives_way_to_the_lister():
    d = p("〔机构队伍〕宁津县统计局内设办公室、综合股和普查办。下属城调队、农调队。其中农调队属国家事业单位,1985年建队。")
    assert d["unit"] == "宁津县统计局"
    assert d["nature"] is None


def test_a_body_wrapped_over_a_scanned_line_is_one_name():
    d = p("统计\n〔机构队伍〕宁津县统计局内设办公室、业务股、综合股、计算机中心和普查办\n公室。下属城调队、农调队。其中农调队属国家事业单位,是全省42个国家调查队之\n"
          "一。1985年建队,是副科级单位。")
    assert d["unit"] == "宁津县统计局"
    assert "普查办公室" in bodies(d)


def test_a_posts_rank_written_before_its_title():
    d = p("(一)根据国务院规定,交通部设部长1名,副部长3名、正局级部长助理2名。\n第八条 设置机构的原则\n(一)各司局设置必须精简。\n"
          "第九条 编制的核定\n(一)各司编制由人事司审核。")
    assert {(x["title"], x["rank"]) for x in d["posts"]} >= {("部长助理", "正局级")}
