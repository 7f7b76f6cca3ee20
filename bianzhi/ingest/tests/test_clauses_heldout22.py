"""Clause kinds the twenty-second held-out split showed the parser missing (bench/sanding_real, split heldout22: city and
county departments' own 机构职能 pages, development-zone bodies, a 街道 and a 乡): one test per rule added after its first run,
with the real wording that showed it, a differently worded text about another body where the rule should reach, and
guards that a rule does not reach past its kind."""
from bianzhi.ingest import department_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- (一)…(N) closing with the catch-all duty, no lead-in
def test_a_duty_list_under_a_page_heading_closing_with_the_catch_all_duty_is_the_duties():
    d = p("当前位置:\n增城经济技术开发区园区发展局机构职能\n"
          "(一)负责统筹开发区“一区多园”发展管理工作;\n"
          "(二)会同有关部门编制“一区多园”发展规划,制定各园区年度发展计划并组织实施,推动各园区协同发展;\n"
          "(三)负责牵头协调有关部门和属地镇(街)推动各园区开发建设,督促各园区落实促进经济增长和产业发展各项政策措施;\n"
          "(四)协调有关部门和属地镇(街)做好各园区内各项社会管理事务;\n"
          "(五)负责开发区“一区多园”有关数据资料的统计整理,统筹开展商务部国家经济技术开发区综合发展水平评价考核相关工作;\n"
          "(六)承办管委会和上级部门交办的其他事项。\n相关附件\n相关新闻\n")
    assert d["unit"] == "增城经济技术开发区园区发展局"
    assert len(d["duties"]) == 6
    assert d["duties"][0].startswith("负责统筹开发区")
    assert d["duties"][-1] == "承办管委会和上级部门交办的其他事项。"


def test_a_duty_list_after_a_history_keeps_its_items_without_citation_marks():
    d = p("2011年11月,原“下寺经济开发区管理委员会”更名成立“剑阁县经济开发区管理委员会”[1]。\n"
          "(一)负责编制各产业园中长期发展规划;\n(二)负责推进各园区的基础设施建设;\n"
          "(三)负责引进重大产业、重大项目[1];\n(四)承办县委、县政府交办的其他事项。[4]\n")
    assert [x[:6] for x in d["duties"]] == ["负责编制各产", "负责推进各园", "负责引进重大", "承办县委、县"]
    assert d["duties"][2] == "负责引进重大产业、重大项目;"


def test_numbered_points_not_closing_with_the_catch_all_duty_are_no_duties():
    assert department_clauses.closing_duty_list("(一)编制目的\n为规范管理,制定本预案;\n(二)适用范围\n本预案适用于全区;\n"
                                                "(三)工作原则\n统一领导,分级负责。\n") == []
    assert department_clauses.closing_duty_list("(一)加强组织领导;\n(二)强化宣传引导;\n(三)严格督查考核。\n") == []


# ---------------------------------------------------------------- “党委工作职责:(1)…(2)…” run into a paragraph
def test_run_in_duties_after_a_duty_heading_are_items():
    d = p("一、党委工作职责:(1)保证党的路线、方针、政策的坚决贯彻执行。(2)保证监督职能。(3)教育和管理职能。"
          "(4)服从和服务于经济建设的职能。\n"
          "二、政府职能:(1)制定和组织实施经济、科技和社会发展计划。(2)负责本行政区域内的民政工作。"
          "(3)完成上级政府交办的其它事项。\n")
    assert d["duties"] == ["保证党的路线、方针、政策的坚决贯彻执行。", "保证监督职能。", "教育和管理职能。",
                           "服从和服务于经济建设的职能。", "制定和组织实施经济、科技和社会发展计划。",
                           "负责本行政区域内的民政工作。", "完成上级政府交办的其它事项。"]


def test_two_numbered_points_after_a_duty_heading_are_no_list():
    assert department_clauses.run_in_duties("主要职能:(1)服务企业。(2)招商引资。\n") == []


# ---------------------------------------------------------------- the unit where the page counts its 科室
def test_the_unit_named_where_the_page_counts_its_bodies():
    d = p("(一)贯彻执行国家和市、区行政审批制度改革和政务服务有关方针政策、法律、法规、规章。\n"
          "(二)牵头全区行政审批制度改革和政务服务、“放管服”改革等相关工作。\n"
          "(三)承办区委、区政府交办的其他任务。\n"
          "区政务服务办内设科室4个:\n(一)综合科\n负责机关文电、档案、机要、财务等日常运转工作。\n"
          "(二)政务监督科\n负责承担深化行政审批制度改革、优化营商环境和政务服务等有关工作,研究\n")
    assert d["unit"] == "区政务服务办"
    assert bodies(d) == ["综合科", "政务监督科"]
    assert len(d["duties"]) == 3


def test_the_names_on_the_counting_line_complete_the_numbered_bodies_cut_off_by_the_page():
    d = p("郑东新区政务服务局内设科室:综合科、政务改革科、政务监督科、审批管理科、科技信息科、中心运行管理科。\n"
          "各科室职能分别为:\n(一)综合科\n主要职责:负责局机关日常工作;负责文电、文秘、宣传、财务、会务、党务等工作。\n"
          "(二)政务改革科\n主要职责:负责落实推进全区“放管服”改革工作。\n"
          "(三)政务监督科\n主要职责:负责局机关纪检工作。\n"
          "(四)审批管理科\n主要职责:负责全区行政审批制度改革相关工作;协调各部门创新审批服务\n")
    assert d["unit"] == "郑东新区政务服务局"
    assert bodies(d) == ["综合科", "政务改革科", "政务监督科", "审批管理科", "科技信息科", "中心运行管理科"]
    assert "负责局机关日常工作" in d["internal_bodies"][0]["duties"]  # the numbered part keeps its duties


def test_a_counting_line_of_another_body_is_no_unit_when_the_page_names_one():
    d = p("区统计局是区政府工作部门,为正科级。\n区统计局内设股室3个:\n(一)综合股\n负责机关日常运转。\n"
          "(二)普查股\n负责普查工作。\n(三)核算股\n负责核算工作。\n")
    assert d["unit"] == "区统计局"


# ---------------------------------------------------------------- “…8个工作机构。即:A、B(挂…牌子)、…”
def test_bodies_listed_after_a_count_of_working_bodies():
    d = p("一是精准定位,科学搭建架构。结合街道自身实际,设立了“4办、1队、2中心、1站”8个工作机构。即:党政综合办公室、"
          "党建工作办公室(挂人大工委办公室、综合文化服务站牌子)、应急管理办公室、自然资源和生态环境办公室(挂城市管理办公室、"
          "优化营商环境办公室牌子)、综合行政执法队、行政综合服务中心、综合指挥和信息化网络中心(挂社会治理中心牌子)、退役军人服务站。\n"
          "二是立足优化,推进协同高效。\n")
    assert bodies(d) == ["党政综合办公室", "党建工作办公室(挂人大工委办公室、综合文化服务站牌子)", "应急管理办公室",
                         "自然资源和生态环境办公室(挂城市管理办公室、优化营商环境办公室牌子)", "综合行政执法队", "行政综合服务中心",
                         "综合指挥和信息化网络中心(挂社会治理中心牌子)", "退役军人服务站"]


def test_a_count_followed_by_a_sentence_is_no_body_list():
    assert department_clauses.named_after_count("共设置5个机构。即日起,各机构按新体制运行,人员转隶到位。\n") == []


# ---------------------------------------------------------------- the heading line over the site's “来源:X”
def test_the_heading_repeated_by_the_source_line_names_the_unit():
    d = p("区卫生健康局\n来源:区卫生健康局\n发布日期:2024-04-07\n点击数:人次\n\n  一、机构职责\n\n"
          "(一)组织拟订全区卫生健康政策。拟订卫生健康事业发展政策、规划。\n\n"
          "(二)牵头推进全区深化医药卫生体制改革。研究提出深化改革重大政策、措施的建议。\n")
    assert d["unit"] == "区卫生健康局"


def test_a_heading_with_another_source_names_no_unit():
    assert department_clauses.source_heading_unit("区卫生健康局\n来源:区政府办公室\n发布日期:2024-04-07\n") is None


# ---------------------------------------------------------------- a zone's 党工委 and the 管委会 it sits with
def test_the_administrative_committee_a_zone_party_committee_sits_with_is_the_unit():
    d = p("第一条 根据《省委编办关于清理规范潜江市开发区管理机构的批复》,制定本规定。\n"
          "第二条 中共潜江市委潜江高新技术产业开发区工作委员 会(简称“潜江高新区党工委”),为市委派出机关。潜江高新技 术产业"
          "开发区管理委员会(简称“潜江高新区管委会”),为市政 府派出机构。潜江高新区党工委与潜江高新区管委会合署办公,为正县级。\n")
    assert d["unit"] == "潜江高新技术产业开发区管理委员会"
    assert d["short_name"] == "潜江高新区管委会"
    assert d["nature"] == "市政府派出机构"
    assert d["rank"] == "正县级"


def test_a_renamed_committee_over_the_zone_party_committee_set_up_later():
    d = p("2011年11月,原“下寺经济开发区管理委员会”更名成立“剑阁县经济开发区管理委员会”。\n"
          "2012年6月27日,中共剑阁县经济开发区委员会正式挂牌成立。\n")
    assert d["unit"] == "剑阁县经济开发区管理委员会"


def test_a_county_party_committee_is_no_zone_body():
    assert department_clauses.administrative_body("中共某某县委员会和某某县经济开发区管理委员会", "中共某某县委员会") is None


# ================================================================ rules after the first run of heldout22b
# ---------------------------------------------------------------- verb-led duties run into one line, no catch-all
def test_duties_run_into_one_line_each_led_by_a_duty_verb():
    d = p("(一)贯彻执行党和国家的路线、方针、政策以及市区关于街道工作方面的指示,制订具体的管理办法并组织实施; "
          "(二)负责辖区内城市环境卫生日常管理工作,发动辖区单位和群众保护环境,开展爱国卫生运动; "
          "(三)动员和领导居民及各单位、各部门开展社区建设工作;制订并实施社区建设规划和年度计划;\n")
    assert [x[:8] for x in d["duties"]] == ["贯彻执行党和国家", "负责辖区内城市环", "动员和领导居民及"]


def test_numbered_measures_led_by_other_verbs_are_no_duties():
    assert department_clauses.closing_duty_list("(一)加强组织领导,成立工作专班;\n(二)强化宣传引导,营造良好氛围;\n"
                                                "(三)严格督查考核,确保取得实效。\n") == []


def test_a_verb_led_run_whose_fourth_item_is_no_duty_is_no_list():
    assert department_clauses.closing_duty_list("(一)负责全区统计工作;\n(二)负责普查工作;\n(三)负责核算工作;\n"
                                                "(四)2023年完成普查12次。\n") == []


# ---------------------------------------------------------------- “区教育局(基础教育与职业教育科)” on a body's page
def test_a_bureau_with_a_section_in_brackets_names_the_unit_and_the_body():
    d = p("统筹管理全区学前教育、义务教育、职业教育、特殊教育。负责拟订和实施基础教育与职业教育发展规划、学校布局调整、政策措施。\n"
          "区教育局(基础教育与职业教育科)\n")
    assert d["unit"] == "区教育局"
    assert bodies(d) == ["基础教育与职业教育科"]


def test_a_bureau_with_its_second_name_in_brackets_is_no_body_line():
    assert department_clauses.unit_body_line("区司法局(区行政复议局)\n负责全区司法行政工作。\n") is None


# ---------------------------------------------------------------- the name in full that a news item announces
def test_the_unit_read_in_its_short_form_is_the_name_announced_in_full():
    d = p("长江日报融媒体3月11日讯(记者刘睿彻)3月11日,武汉市医疗保障局正式挂牌,成为本轮市级机构改革中压轴亮相的部门。\n"
          "据悉,市医保局作为政府工作部门,整合市人力资源和社会保障局的城镇职工和城镇居民基本医疗保险职责等。\n"
          "3月11日,武汉市医保局挂牌,偶有路过的市民在此留影。\n")
    assert d["unit"] == "武汉市医疗保障局"
    assert d["nature"] == "政府工作部门"


def test_a_former_name_is_no_full_form_of_the_unit():
    text = "2011年,原“剑阁县下寺经济开发区管理委员会”更名为剑阁县经济开发区管理委员会。"
    assert department_clauses.earlier_full_form(text, "剑阁县经济开发区管理委员会", len(text)) is None


# ---------------------------------------------------------------- a list split inside a bracket
def test_names_split_inside_a_bracket_are_no_bodies():
    d = p("一、各区城市管理机构现状\n(一)机构设置\n亭湖区设区城市管理局,内设办公室(挂法制科、宣传教育科牌子)、"
          "市容管理科(挂执法协调科、行政许可服务科牌子)和环境卫生管理科机构3个科室;下设直属单位3个。\n"
          "盐都区设区城市管理局,内设办公室、法制科和市容管理科3个科室。\n")
    assert not any(n.count("(") != n.count(")") for n in bodies(d))
