"""Clause kinds the twenty-third held-out split showed the parser missing (bench/sanding_real, split heldout23: party
bodies, people's organisations and 群团 bodies of counties and cities — 政协, 人大常委会办公室, 团委, 妇联, 工商联, 文联, 纪委 —
in their 部门预算/决算 notes and in news naming them by their short forms): one test per rule added after its first run,
with the wording the texts used, and guards that a rule does not reach past its kind."""
from bianzhi.ingest import fragment_clauses, group_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- a people's organisation's class and name
def test_a_peoples_organisation_is_named_by_its_class_sentence():
    d = p("一、基本情况\n"
          "1、部门概况:湘阴县工商业联合会是中国共产党领导的面向工商界、以非公有制经济和非公有制经济人士为主体的人民团体和商会组织。\n"
          "2、主要职责:按照国家规定和有关政策,组织会员举办和参加各种对外展销会、交易会,帮助会员开拓市场。\n"
          "3、人员情况:县工商联现有编制数4人,其中行政编制3人,全额事业编制1人,全额退休人员2人。\n")
    assert d["unit"] == "湘阴县工商业联合会"
    assert d["nature"] == "中国共产党领导的面向工商界、以非公有制经济和非公有制经济人士为主体的人民团体和商会组织"


def test_a_bare_short_form_takes_the_form_with_its_place_and_the_role_is_no_class():
    d = p("一、概况\n(一)主要职责\n"
          "工商联它是中国共产党领导的面向工商界、以非公有制企业和非公有制经济人士为主体的人民团体和商会组织,是党和政府联系"
          "非公有制经济人士的桥梁和纽带,是政府管理和服务非公有制经济的助手。\n"
          "(二)部门预算单位构成\n县工商联内设机构一个,行政编制4人,事业编制1人,,退休人员1人。\n")
    assert d["unit"] == "县工商联"
    assert d["nature"].endswith("人民团体和商会组织")
    assert bodies(d) == []  # “内设机构一个” names none


def test_a_short_form_unit_takes_the_full_name_signed_under_the_note_with_its_office_and_staffing():
    d = p("肇庆市文联2016年部门收支预算公开\n作者:肇庆文艺网    更新时间:2016-5-13\n\n"
          "一、部门基本情况\n   (一)部门机构设置、职能\n"
          "市文联机关设办公室,主要职能是:市文联是市委、市政府领导下的文学艺术界的专业人民团体,是党和政府联系文艺工作者的"
          "桥梁和纽带。文联下属有十六大文艺家协会和八个县(市)区文联。\n"
          "   (二)人员情况\n    市文联机关事业编制6;现在职人员7,退休人员5人。\n\n"
          "                                            肇庆市文学艺术界联合会\n")
    assert d["title"] == "肇庆市文联2016年部门收支预算公开"
    assert d["unit"] == "肇庆市文学艺术界联合会"
    assert d["issuing_organ"] == "肇庆市文学艺术界联合会"
    assert d["nature"] == "市委、市政府领导下的文学艺术界的专业人民团体"
    assert bodies(d) == ["办公室"]
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 6)]


def test_a_full_name_is_not_invented_when_the_text_never_states_it():
    assert group_clauses.full_form("市文联机关设办公室。\n滁州市文联由机关本级组成。", "滁州市文联") is None


def test_a_name_above_a_blank_line_at_the_end_is_a_signature_but_a_body_line_in_a_list_is_not():
    assert group_clauses.signature_line("一、概况\n文联机关设办公室。\n\n   肇庆市文学艺术界联合会\n").value == "肇庆市文学艺术界联合会"
    assert group_clauses.signature_line("内设机构:\n办公室\n人事科\n") is None


# ---------------------------------------------------------------- the unit of a 团委 or 文联 note
def test_a_budget_notes_count_of_budget_units_names_the_unit():
    d = p("一、基本情况、职能和主要工作\n"
          "共青团旺苍县委员会下属二级预算单位0个。总编制6名,其中行政编制6名(其中:参照公务员法管理的事业编制6名)。"
          "在职人员总数3人。\n基本职能职责如下:\n(1)行使共青团旺苍县委员会赋予的领导全县共青团工作的职权。\n"
          "(2)贯彻执行有关青少年事务的法律、法规。\n")
    assert d["unit"] == "共青团旺苍县委员会"


def test_a_body_seated_in_a_party_department_is_the_unit_and_the_years_tasks_are_no_duties():
    d = p("一、部门概况\n西安市鄠邑区文化艺术界联合会机构设在区委宣传部,核定事业编制4名,设主席1名,秘书长1名,工作人员2名。\n"
          "其主要职责有:\n1.团结、联络、协调全区文艺界,贯彻党的文艺方针。\n2.组织开展文艺创作和学术交流活动。\n"
          "3.表彰奖励全区的优秀作品。\n4.开展多种形式的服务工作。\n二、2018年年度部门工作任务\n"
          "1.按照习近平总书记第十次文代会提出的四点要求,持续开展主题实践活动。\n2.以元旦、春节为契机,围绕区委区政府中心开展工作。\n"
          "3.指导各专业协(学)会做好业务培训。\n")
    assert d["unit"] == "西安市鄠邑区文化艺术界联合会"
    assert [x[:4] for x in d["duties"]] == ["团结、联", "组织开展", "表彰奖励", "开展多种"]
    assert [(q["title"], q["count"]) for q in d["posts"]] == [("主席", 1), ("秘书长", 1)]


def test_a_later_body_of_a_subject_list_is_not_the_unit_and_the_heading_names_it():
    d = p("一、滁州市文联主要职责\n(一)组织引导广大文艺工作者学习政治理论。\n(二)加强文艺队伍建设,培养文艺人才。\n"
          "(三)承办市委、市政府交办的其他事项。\n二、滁州市文联概况\n"
          "滁州市文联由机关本级、市作家协会、市书法家协会等8个文艺家协会、醉翁亭文学编辑部、滁州市书画院两个二级机构组成,其中"
          "市文联机关本级设有办公室,为参照公务员法管理事业单位,8个文艺家协会以及醉翁亭文学编辑部、滁州市书画院为财政全额拨款"
          "事业单位。\n")
    assert d["unit"] == "滁州市文联"
    assert d["nature"] == "参照公务员法管理事业单位"
    assert bodies(d) == ["办公室"]


def test_the_second_of_two_joint_subjects_stays_the_unit():
    assert not group_clauses.listed_subject("中共汉兴街工委、汉兴街办事处是江汉区委、区政府的派出机构。", 7)
    assert not group_clauses.listed_subject("2、宁乡县国土资源局作为县政府的直属行政管理职能部门", 2)


def test_a_heading_on_a_kind_of_body_names_no_unit():
    d = p("融媒体中心是什么性质事业单位\n一、融媒体中心的定义\n融媒体中心通常属于事业单位。\n二、融媒体中心的主要职能\n"
          "1.负责新闻宣传。\n2.负责舆论引导。\n")
    assert d["unit"] is None


# ---------------------------------------------------------------- a 政协's lists, a 纪委's duty items
def test_a_zhengxie_lists_its_committees_and_offices_and_an_offices_sections_are_not_its_bodies():
    d = p("(二)机构设置\n"
          "县政协设置7个专委会:提案委员会、经济发展委员会、农业和农村委员会、人口资源环境建设委员会、教科卫体和文化文史委员会、"
          "社会法制和民族宗教委员会、学习和联络委员会。\n"
          "县政协设置办事机构6个:政协忠县委员会办公室、提案联络委办公室、经发委办公室、农业农村委办公室、教科文卫委办公室、"
          "人资环建和社法民宗委办公室。其中政协忠县委员会办公室内设3个科室:文秘科、行政科、综合科。\n"
          "(三)单位构成\n从预算单位构成看,二级预算单位主要包括政协社情民意信息中心。\n")
    assert d["unit"] == "县政协"
    assert bodies(d) == ["提案委员会", "经济发展委员会", "农业和农村委员会", "人口资源环境建设委员会", "教科卫体和文化文史委员会",
                         "社会法制和民族宗教委员会", "学习和联络委员会", "政协忠县委员会办公室", "提案联络委办公室",
                         "经发委办公室", "农业农村委办公室", "教科文卫委办公室", "人资环建和社法民宗委办公室"]


def test_an_office_with_its_own_sections_and_no_list_of_the_whole_keeps_them():
    d = p("(二)机构设置\n其中县委办公室内设3个科室:文秘科、行政科、综合科。\n")
    assert bodies(d) == ["文秘科", "行政科", "综合科"]  # no “Y设置…” list: the sections stand as read


def test_ordinal_duties_run_into_one_paragraph_under_the_duty_heading():
    d = p("丰都县工商业联合会2024年度决算公开说明\n一、部门基本情况\n(一)职能职责\n"
          "一是参与本县政治、经济、社会重要问题的政治协商,发挥民主监督的作用,参政议政。二是引导会员积极参加经济建设,推动社会"
          "主义市场经济体制逐步完善。三是做工商界代表人士政治安排的推荐工作。十是增进与县外工商社团的联系。"
          "十一是为会员提供有关证明,协调关系,调解经济纠纷。十二是完成县委、县政府交办的事项和有关部\n")
    assert [x[:6] for x in d["duties"]] == ["参与本县政治", "引导会员积极", "做工商界代表"]


def test_ordinals_in_running_text_after_no_duty_heading_are_no_duties():
    assert group_clauses.ordinal_duties("2022年重点工作:一是强化思想引领。二是加强组织建设。三是推进改革。\n") == []


def test_a_class_inside_a_numbered_duty_is_the_dutys_wording():
    d = p("中国共产党巫山县纪律检查委员会2021年度部门决算情况说明\n一、部门基本情况\n(一)职能职责\n"
          "中共巫山县纪律检查委员会与巫山县监察委员会合署办公,实行一套工作机构,两个机关名称的体制。主要职责是:\n"
          "1.县纪委为行使党内纪律检查职能的机关,主要承担以下职能:维护党的章程和其他党内法规。\n"
          "2.县监委为行使国家监察职能的机关,主要承担以下职能:维护宪法和法律法规权威。\n")
    assert d["unit"] == "中国共产党巫山县纪律检查委员会"
    assert d["nature"] is None
    assert len(d["duties"]) == 2


# ---------------------------------------------------------------- titles and news
def test_a_notes_title_with_guanyu_and_bianzhi_de_shuoming():
    d = p("共青团泸县委员会关于2023年部门预算编制的说明\n共青团泸县委员会关于2023年部门预算编制的说明\n一、部门基本情况\n"
          "(二)机构设置\n中国共产主义青年团泸县委员会是一级预算单位,核定总编制5名,其中:行政编制5名。\n")
    assert d["title"] == "共青团泸县委员会关于2023年部门预算编制的说明"


def test_a_table_of_contents_part_heading_is_no_title():
    assert fragment_clauses.report_title("目录\n第一部分凤庆县公安局2019年部门预算编制说明\n一、基本职能及主要工作\n") is None
    assert fragment_clauses.report_title("凤庆县公安局关于2019年部门预算编制的说明\n").value == "凤庆县公安局关于2019年部门预算编制的说明"


def test_a_news_headline_opening_with_a_bodys_short_form_names_it():
    d = p("西平县妇联开展第三十四次“全国助残日”活动\n"
          "5月15日,西平县妇联联合团县委、县教育局、县残联开展“科技助残 共享美好生活”活动。\n"
          "活动现场,县妇联为全校100余名特殊儿童捐赠了书包。\n")
    assert d["unit"] == "西平县妇联"
    assert d["nature"] is None and bodies(d) == [] and d["duties"] == []


def test_a_headline_naming_a_body_the_item_does_not_return_to_names_none():
    assert p("洋县妇联积极参与活动\n近日,各部门联合举办了助残日活动。\n")["unit"] is None


# ---------------------------------------------------------------- rules added after the first run of heldout23b
def test_a_peoples_organisation_belonging_to_a_class_has_that_nature():
    d = p("重庆市万州区残疾人联合会\n2022年度部门决算情况说明\n一、部门基本情况\n(二)机构设置\n"
          "万州区残疾人联合会属于财政全额拨款的社会群团组织,内设\n")
    assert d["nature"] == "财政全额拨款的社会群团组织"


def test_numbered_tasks_under_a_lead_in_line_with_blank_lines_between():
    d = p("(一)职能职责\n\n残疾人联合会的宗旨是:弘扬人道主义,发展残疾人事业。其主要任务是:\n\n"
          "1)听取残疾人意见,反映残疾人需求,维护残疾人权益。\n\n2)团结教育残疾人遵守法律,履行应尽的义务。\n\n"
          "3)弘扬人道主义,宣传残疾人事业。\n\n(二)机构设置\n")
    assert [x[:4] for x in d["duties"]] == ["听取残疾", "团结教育", "弘扬人道"]


def test_a_lead_in_with_two_items_gives_no_list():
    assert group_clauses.lead_in_paren_duties("其主要任务是:\n1)听取意见。\n2)团结教育。\n") == []


def test_a_headline_naming_the_body_without_its_place():
    d = p("区政协召开五届五十六次主席会议\n发布时间:2021-03-04\n3月2日,区政协召开五届五十六次主席会议。区政协主席张禾波主持会议并讲话。\n")
    assert d["unit"] == "区政协"
    assert d["posts"] == []  # a leader named is no post


def test_benji_after_the_name_in_a_title_is_no_part_of_the_unit():
    d = p("2021年度中共邵阳县委宣传部本级部门决算\n时间:2022-10-18 来源:邵阳县\n\n目 录\n\n一、部门职责\n\n"
          "(一)拟订全县宣传思想文化工作规划和措施。\n\n(二)统筹协调全县党的意识形态工作。\n")
    assert d["unit"] == "中共邵阳县委宣传部"


# ---------------------------------------------------------------- rules added after the first run of heldout23c
def test_a_group_class_replaces_a_role_read_as_the_nature_and_an_inline_body_list():
    d = p("(一)职能简介\n渠县总工会是全县工会组织的领导机关,其主要职能是把广大的职工和会员团结组织起来。\n二、部门单位构成\n"
          "渠县总工会是一个群团部门,属行政性质,根据三定方案内设办公室、组织宣传部、权益保障部,下属参照公务员法管理的事业单位一个。\n")
    assert d["unit"] == "渠县总工会"
    assert d["nature"] == "群团部门"
    assert bodies(d) == ["办公室", "组织宣传部", "权益保障部"]


def test_a_red_cross_society_stated_with_wei_its_rank_bodies_and_ordinal_duties_after_a_lead_sentence():
    d = p("一、部门情况\n(一)部门机构设置、主要职责\n"
          "1.部门机构设置情况。通州区红十字会为区政府直接联系的独立设置的群众团体,机构为正处级单位。单位内设部室3个,分别为:办公室、"
          "业务部、赈济部。下属事业单位1个。\n"
          "2.主要职责。按照《中华人民共和国红十字会法》规定,红十字会履行职责共九项:\n"
          "一是开展救援、救灾的相关工作;二是开展应急救护培训;三是参与、推动无偿献血工作;四是组织开展红十字志愿服务。\n")
    assert d["nature"] == "区政府直接联系的独立设置的群众团体"
    assert d["rank"] == "正处级"
    assert bodies(d) == ["办公室", "业务部", "赈济部"]
    assert [x[:4] for x in d["duties"]] == ["开展救援", "开展应急", "参与、推", "组织开展"]


def test_a_counted_list_joined_by_he_a_quota_and_the_grades_of_staff_on_hand():
    d = p("一、部门职责\n市红十字会的主要职责是:(一)负责组织开展全市性红十字工作。(二)开展救灾的准备工作。(三)依法开展募捐活动。\n"
          "二、机构及人员设置情况\n1、机构设置机构\n兰州市红十字会内设机构2个:办公室和赈济救护科;无下属机构。\n2、人员设置情况\n"
          "核定编制人数:10人,实有在职人员7人(含临聘人员1名),其中二巡1名、科级4名、四级主任科员1名;退休人员3人。\n"
          "部门预算为兰州市红十字会市本级。\n")
    assert d["unit"] == "兰州市红十字会"
    assert bodies(d) == ["办公室", "赈济救护科"]
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "编制人数", 10)]
    assert d["internal_leadership"] == []


def test_a_quota_at_a_lines_start_in_a_note_naming_no_body():
    d = p("一、基本情况\n(一)人员基本情况\n编制人数3名;财政供养人数3名,其中:在职3名。\n(二)部门主要职能\n"
          "1、宣传、贯彻、落实《中华人民共和国红十字会法》。\n2、开展救援、救助、救灾工作。\n")
    assert d["unit"] is None
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("其他编制", 3)]


def test_a_report_title_with_bumen_after_the_name():
    assert fragment_clauses.report_title("蒙自市红十字会部门2019年度部门决算\n目录\n").value == "蒙自市红十字会部门2019年度部门决算"
