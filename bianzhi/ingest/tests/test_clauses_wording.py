"""Wordings of real 三定 clauses probed one by one (session 5): each test is a clause kind the parser read wrong or
not at all when written in a common variant. The snippets are written for the tests, not taken from the corpus."""
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

from .helpers import p


def test_a_verb_before_the_subject_of_a_staffing_sentence_is_not_part_of_the_unit():
    d = p("核定县水利局行政编制8名，其中局长1名、副局长2名。")
    assert d["unit"] == "县水利局"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 8)]
    assert p("明确市林业局机关行政编制26名。")["unit"] == "市林业局"


def test_a_rank_stated_as_equivalent_to_a_level():
    d = p("县文化馆是县文化和旅游局所属公益一类事业单位，机构规格相当于股级，核定事业编制8名。")
    assert d["rank"] == "股级"
    assert d["nature"] == "县文化和旅游局所属公益一类事业单位"
    assert p("县综合行政执法大队为县城管局所属事业单位，机构规格相当副科级。")["rank"] == "副科级"
    # “相当于” elsewhere in the sentence is no rank
    assert p("县档案馆是县委直属事业单位，其规模相当于一个中等馆。")["rank"] is None


def test_bodies_listed_after_a_colon_behind_the_units_own_内设():
    d = p("县水利局内设：办公室、水旱灾害防御股、水资源管理股、河湖管理股。")
    assert d["unit"] == "县水利局"
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "水旱灾害防御股", "水资源管理股", "河湖管理股"]
    # a list of what a body does after “内设” is no list of bodies
    assert p("县水利局内设：负责全县水利工作、指导水资源管理。")["internal_bodies"] == []


def test_a_title_line_carrying_its_doc_number_in_brackets():
    d = p("人力资源社会保障部主要职责内设机构和人员编制规定（国办发〔2008〕72号）\n根据第十一届全国人民代表大会第一次会议批准的国务院"
          "机构改革方案，设立人力资源和社会保障部，为国务院组成部门。")
    assert d["title"] == "人力资源社会保障部主要职责内设机构和人员编制规定"
    assert d["doc_number"] == "国办发〔2008〕72号"
    d = p("关于印发凌云县林业局职能配置、内设机构和人员编制规定的通知（凌办发〔2019〕31号）\n各乡镇党委、人民政府：")
    assert d["title"] == "关于印发凌云县林业局职能配置、内设机构和人员编制规定的通知"
    assert d["doc_number"] == "凌办发〔2019〕31号"


def test_two_organs_issuing_a_notice_together_are_kept_apart():
    d = p("中共湖南省委办公厅 湖南省人民政府办公厅关于印发《湖南省自然资源厅职能配置、内设机构和人员编制规定》的通知\n"
          "湘办〔2019〕12号")
    assert d["issuing_organ"] == "中共湖南省委办公厅 湖南省人民政府办公厅"
    d = p("百色市人民政府办公室关于印发《百色市林业局主要职责内设机构和人员编制规定》的通知\n百政办发〔2010〕8号")
    assert d["issuing_organ"] == "百色市人民政府办公室"


def test_a_subject_with_核定_before_its_staffing_names_the_unit():
    d = p("按照“三定”方案，县应急管理局核定行政编制12名，设局长1名，副局长3名，股级领导职数6名。")
    assert d["unit"] == "县应急管理局"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 12)]
    # a kind of body with 核定 and no count is no unit (a policy text)
    assert p("2022年起，乡镇敬老院核定事业编制岗位出现空缺的，应当公开招聘。")["unit"] is None


def test_staffing_stated_as_a_change_from_a_former_number_is_the_new_number():
    d = p("县审计局行政编制由原来的8名增加至12名。")
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 12)]


def test_a_unit_setting_up_its_bodies_after_a_colon():
    d = p("市应急管理局机关设下列内设机构：办公室、应急指挥中心、风险监测和综合减灾科、安全生产基础科。")
    assert d["unit"] == "市应急管理局"
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "应急指挥中心", "风险监测和综合减灾科", "安全生产基础科"]


def test_a_plaque_stated_before_the_units_class():
    d = p("自治区林业局（自治区林业厅）加挂自治区草原局牌子，为自治区人民政府直属机构，正厅级。")
    assert d["unit"] == "自治区林业局"
    assert d["nature"] == "自治区人民政府直属机构"
    assert d["rank"] == "正厅级"
    assert "自治区草原局" in d["plaques"]


def test_a_state_council_notice_is_signed_by_国务院_with_a_chinese_numeral_date():
    d = p("国务院关于机构设置的通知\n国发〔2008〕11号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
          "现将国务院机构设置通知如下：\n一、国务院办公厅。\n国务院\n二〇〇八年三月二十一日")
    assert d["issuing_organ"] == "国务院"
    assert d["issued_on"] == "2008-03-21"


def test_a_reply_signed_with_organ_and_date_on_one_line_and_its_rename():
    r = parse(from_text("关于调整县林业局内设机构的批复\n凌编〔2021〕5号\n县林业局：\n经研究，同意将县林业局林政股更名为林政资源股。\n"
                        "凌云县机构编制委员会 2021年4月2日").text)
    assert r.data["issuing_organ"] == "凌云县机构编制委员会"
    assert r.data["issued_on"] == "2021-04-02"
    assert r.data["changes"] == [{"op": "body_rename", "old_name": "林政股", "new_name": "林政资源股"}]


def test_a_notice_title_line_with_its_doc_number_in_brackets():
    r = parse(from_text("关于调整县林业局内设机构的批复（凌编〔2021〕5号）\n县林业局：\n经研究，同意撤销县林业局林政股。\n").text)
    assert r.data["title"] == "关于调整县林业局内设机构的批复"
    assert r.data["doc_number"] == "凌编〔2021〕5号"


def test_an_infobox_pasted_with_tabs_or_colons():
    d = p("中文名\t中华人民共和国应急管理部\n外文名\tMinistry of Emergency Management\n成立时间\t2018年3月\n行政级别\t正部级\n"
          "机构类型\t国务院组成部门")
    assert (d["unit"], d["nature"], d["rank"]) == ("中华人民共和国应急管理部", "国务院组成部门", "正部级")
    d = p("中文名：湖南省林业局\n成立时间：2018年\n行政级别：正厅级\n性质：省政府直属机构")
    assert (d["unit"], d["nature"], d["rank"]) == ("湖南省林业局", "省政府直属机构", "正厅级")


def test_rank_in_brackets_and_a_class_the_unit_is_listed_in():
    d = p("县退役军人事务局（正科级），为县政府工作部门。")
    assert (d["unit"], d["nature"], d["rank"]) == ("县退役军人事务局", "县政府工作部门", "正科级")
    d = p("市大数据局为市政府工作部门（正处级），加挂市政务服务管理局牌子。")
    assert (d["nature"], d["rank"], d["plaques"]) == ("市政府工作部门", "正处级", ["市政务服务管理局"])
    d = p("省林业局为正厅级，列省政府直属机构。")
    assert (d["unit"], d["nature"], d["rank"]) == ("省林业局", "省政府直属机构", "正厅级")


def test_a_count_of_leaders_at_no_level_is_no_leadership_quota():
    assert p("县文化馆核定事业编制12名，其中领导职数2名。")["internal_leadership"] == []
    assert p("县水利局机关行政编制8名。科级领导职数3名。")["internal_leadership"] == [{"level": "科级", "count": 3}]


def test_a_clause_of_news_is_never_the_unit():
    d = p("近日，广西已成立自治区大数据发展局，为自治区人民政府直属机构，正厅级。")
    assert (d["unit"], d["nature"], d["rank"]) == ("自治区大数据发展局", "自治区人民政府直属机构", "正厅级")
    r = parse(from_text("近日，广西已成立自治区大数据发展局，为自治区人民政府直属机构，正厅级。").text)
    s, e = r.span_of("unit")
    assert from_text("近日，广西已成立自治区大数据发展局，为自治区人民政府直属机构，正厅级。").text[s:e] == "自治区大数据发展局"
    d = p("市档案馆属于市委直属事业单位。")
    assert "属于" not in (d["unit"] or "")
    # a unit named properly keeps its facts
    d = p("县档案馆是县委直属事业单位，正科级。")
    assert (d["unit"], d["rank"]) == ("县档案馆", "正科级")
