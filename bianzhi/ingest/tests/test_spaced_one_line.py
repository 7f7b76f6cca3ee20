"""A web page copied as one line keeps a space where each paragraph ended; those spaces are line breaks again
(extract._spaces_as_breaks), while spaces inside a line's words (“2020 年 X 部门预算”, “目 录”) and the dense spaces
OCR puts between characters are not. The snippets are written for the tests."""
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

from .helpers import bodies, p

SPACED = ("凌云县水利局职能配置、内设机构和人员编制规定 第一条 根据《凌云县机构改革方案》，制定本规定。"
          " 第二条 凌云县水利局是县人民政府工作部门，为正科级。 第三条 县水利局贯彻落实党中央关于水利工作的方针政策，"
          "主要职责是： （一）负责保障水资源的合理开发利用。 （二）负责生活、生产经营和生态环境用水的统筹和保障。"
          " （三）负责水资源保护工作，组织编制水资源保护规划，指导饮用水水源保护有关工作，指导地下水开发利用和地下水资源管理保护。"
          " 第四条 县水利局设下列内设机构： （一）办公室。负责机关日常运转。"
          " （二）水利工程股。负责水利工程建设管理。 （三）水资源股。负责水资源管理。 第五条 县水利局机关行政编制8名。"
          "设局长1名，副局长2名。")


def test_a_one_line_copy_with_spaces_between_paragraphs_is_read_as_its_paragraphs():
    text = from_text(SPACED).text
    assert "\n第二条 凌云县水利局" not in text  # no space is left at a line's start
    assert "\n第二条凌云县水利局是县人民政府工作部门" in text
    d = p(SPACED)
    assert d["title"] == "凌云县水利局职能配置、内设机构和人员编制规定"
    assert d["unit"] == "凌云县水利局"
    assert d["rank"] == "正科级"
    assert len(d["duties"]) == 3
    assert len(SPACED) >= 300  # (shorter lines keep their spaces' reading: extract.RUN_IN_MIN)
    assert bodies(d) == ["办公室", "水利工程股", "水资源股"]
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 8)]


def test_the_source_offsets_still_point_at_the_original():
    ex = from_text(SPACED)
    at = ex.text.index("第三条")
    start, end = ex.original_span(at, at + 3)
    assert ex.original[start:end] == "第三条"


def test_spaces_inside_a_lines_words_stay_joined():
    text = ("2020 年 凌云县下甲镇中心小学 部门预算 目 录 第一部分 凌云县下甲镇中心小学 概况 一、主要职责 二、部门预算构成"
            " 第二部分 2020 年部门预算表 一、收支总体情况表 二、收入总体情况表 三、支出总体情况表 四、财政拨款收支总体情况表"
            " 五、一般公共预算支出情况表 六、一般公共预算基本支出情况表 七、政府性基金预算支出情况表 第三部分 2020 年部门预算情况说明"
            " 第四部分 名词解释 第一部分 凌云县下甲镇中心小学 概况 一、主要职责 （一）主要职能 负责全镇适龄儿童的义务教育。")
    first = from_text(text).text.split("\n")[0]
    assert first.startswith("2020年凌云县下甲镇中心小学部门预算目录")


def test_dense_spaces_between_characters_are_not_paragraph_ends():
    text = "凌 云 县 水 利 局 是 县 人 民 政 府 工 作 部 门 ， 为 正 科 级 。 " * 20
    assert "\n" not in from_text(text).text.strip()


def test_the_courts_of_a_whole_county_are_no_unit_the_one_named_with_its_place_is():
    d = p("（一）部门主要职责\n人民法院是国家的审判机关，依法独立行使审判权，监督和指导全县人民法院的审判工作，"
          "对县人民代表大会及其常务委员会负责并报告工作。\n（二）机构设置情况\n凌云县人民法院现有政法专项编制60人。")
    assert d["unit"] == "凌云县人民法院"
    d = p("人民法院是国家的审判机关，依法独立行使审判权，监督和指导全县人民法院的审判工作。")
    assert d["unit"] is None


def test_a_governments_reform_plan_is_no_units_document():
    d = p("第九届全国人民代表大会第一次会议关于国务院机构改革方案的决定\n第九届全国人民代表大会第一次会议审议了国务院机构改革方案，"
          "决定批准国务院机构改革方案。")
    assert d["title"] is None
    # a unit's own plan of adjustment is its document
    assert p("中卫市国家气象系统机构编制调整方案(摘要)\n中卫市气象局为正处级。")["title"] == "中卫市国家气象系统机构编制调整方案(摘要)"


def test_a_list_of_names_cut_by_a_line_break_is_one_list():
    d = p("市卫生健康委员会设下列内设机构：办公室、人事科、计划生\n育科、疾病预防控制科、医政医管科。")
    assert bodies(d) == ["办公室", "人事科", "计划生育科", "疾病预防控制科", "医政医管科"]
    d = p("市卫生健康委员会设下列内设机构：办公室、人事科、\n计划生育科、疾病预防控制科。")
    assert bodies(d) == ["办公室", "人事科", "计划生育科", "疾病预防控制科"]


def test_a_list_ending_its_line_before_the_next_clause_stays_apart():
    text = from_text("内设机构：办公室、人事科、财务科\n负责机关日常运转，承担文电、会务工作。").text
    assert text.split("\n")[0] == "内设机构:办公室、人事科、财务科"
    text = from_text("一、办公室、人事科、财务科\n二、主要职责").text
    assert text.split("\n")[1] == "二、主要职责"


def test_duties_numbered_1_2_3_run_into_one_line_are_items():
    line = ("一、主要职能：1、负责应急管理工作，指导全区各级各部门应对突发事件。2、贯彻实施相关法律法规、部门规章和标准，"
            "组织编制全区应急体系建设规划。3、指导应急预案体系建设，组织编制全区总体应急预案。4、统一协调指挥各类应急专业队伍，"
            "建立应急协调联动机制，推进指挥平台对接，负责参与应急救援相关单位的协调衔接工作。"
            "5、组织协调灾害救助工作，组织指导灾情核查、损失评估、救灾捐赠工作，管理、分配救灾款物并监督使用。"
            "二、机构设置：凌云县应急管理局内设办公室、应急指挥股、安全生产监督管理股，行政编制12名，"
            "设局长1名，副局长2名，其他人员若干，以上人员由县委组织部和县人社局按照干部管理权限管理和考核，此处仅为填充文字。")
    assert len(line) >= 300
    assert "。\n2、贯彻实施" in from_text(line).text and "。\n5、组织协调" in from_text(line).text
    d = p(line)
    assert [x[:4] for x in d["duties"]] == ["负责应急", "贯彻实施", "指导应急", "统一协调", "组织协调"]
    # a number inside a sentence is no item (“2、3月”, a version 1.5)
    text = from_text("按照1.5倍标准执行，" + "在2、3月份开展检查。" * 40).text
    assert "\n" not in text


def test_a_budget_notes_duties_after_its_trigger_one_a_line():
    d = p("（一）部门主要职责\n人民法院是国家的审判机关，依法独立行使审判权，监督和指导全县人民法院的审判工作。其主要职责是：\n"
          "1.依法审判法律规定由人民法院管辖的第一审案件。\n2.依法审判法律规定由人民法院管辖的第二审案件。\n"
          "3.受理不服各县人民法院生效裁判的申诉。\n（二）机构设置情况\n凌云县人民法院现有政法专项编制60人。")
    assert len(d["duties"]) == 3
    assert d["unit"] == "凌云县人民法院"


def test_a_short_one_line_notice_with_spaces_is_read_as_its_parts():
    d = p("百编发〔2019〕3号 关于调整市林业局内设机构的通知 市林业局：经研究，同意撤销你局造林股，设立林长制工作股。"
          " 百色市机构编制委员会 2019年1月8日")
    assert (d["title"], d["doc_number"]) == ("关于调整市林业局内设机构的通知", "百编发〔2019〕3号")
    assert (d["issuing_organ"], d["issued_on"]) == ("百色市机构编制委员会", "2019-01-08")
    # in a short line only those gaps break: two organs signing together stay on one line
    assert "\n" not in from_text("中共中央办公厅 国务院办公厅印发《关于深化事业单位改革试点工作的指导意见》").text


def test_a_space_before_an_arabic_item_number_ends_a_paragraph_of_a_one_line_copy():
    """“…的主要职责 1、负责…; 2、…”: the number is no Chinese character, yet the space before it ended a paragraph."""
    text = ("乐业县文化馆2024年部门预算公开说明 一、部门职责 1、组织开展全县群众文化活动，辅导基层文艺骨干; "
            "2、 负责全县非物质文化遗产的普查、认定和保护工作; 3、收集整理民族民间文艺资料，组织文艺创作; "
            "4、完成县文化广电体育和旅游局交办的其他任务。 二、机构设置 乐业县文化馆设办公室、辅导部2个内设机构。")
    data = parse(from_text(text).text).data
    assert [d[:6] for d in data["duties"]] == ["组织开展全县", "负责全县非物", "收集整理民族", "完成县文化广"]
    assert [b["name"] for b in data["internal_bodies"]] == ["办公室", "辅导部"]


def test_numbers_inside_a_table_row_stay_in_their_cell():
    row = ("综合政务 | 政府信息公开制度 | 1.中华人民共和国政府信息公开条例 2.广西壮族自治区政府信息公开规定 "
           "3.本县政府信息公开制度性文件 | 20个工作日 | 县教育局 | 政府网站 |")
    assert from_text(row).text.count("\n") == 0


def test_a_numbered_list_of_ministries_is_no_units_internal_bodies():
    text = ("这次国务院机构改革的具体方案是:\n一、拟不再保留的有3个部、委\n1.中华人民共和国电力工业部\n"
            "2.中华人民共和国煤炭工业部\n3.中华人民共和国冶金工业部\n二、新组建的有2个部、委")
    assert parse(from_text(text).text).data["internal_bodies"] == []


def test_a_list_under_a_bare_部门职责_heading_is_the_units_duties():
    text = ("乐业县文化馆2024年部门预算公开说明\n一、部门职责\n1、组织开展全县群众文化活动,辅导基层文艺骨干;\n"
            "2、负责全县非物质文化遗产的普查、认定和保护工作;\n3、收集整理民族民间文艺资料,组织文艺创作;\n"
            "4、完成县文化广电体育和旅游局交办的其他任务。\n二、机构设置\n乐业县文化馆设办公室、辅导部2个内设机构。")
    assert len(parse(from_text(text).text).data["duties"]) == 4
    for heading in ("(一)单位职责:", "1.职能职责", "二、基本职能"):
        assert len(parse(from_text(text.replace("一、部门职责", heading)).text).data["duties"]) == 4, heading


# session 10: a budget or final-accounts note copied as one line with spaces (the snippets are written for the tests)
NOTE = ("2021年凌云县林业局部门决算 2021年凌云县林业局部门决算 目 录 第一部分:凌云县林业局概况 一、单位主要职责"
        " 二、单位机构设置 三、部门决算单位构成 第二部分:凌云县林业局2021年部门决算表 一、收入支出决算总表"
        " 二、收入决算表 三、支出决算表 第一部分:凌云县林业局概况 一、单位主要职责 (一)负责全县林业和草原及其生态保护修复的监督管理。"
        " (二)组织全县林业和草原生态保护修复和造林绿化工作。 (三)负责森林、草原、湿地资源的监督管理。")


def test_a_notes_title_ends_where_its_words_end_before_a_space():
    lines = from_text(NOTE).text.split("\n")
    assert lines[0] == "2021年凌云县林业局部门决算"  # the repeated title and the contents are lines of their own
    assert lines[1] == "2021年凌云县林业局部门决算"
    assert lines[2].startswith("目录")
    d = p(NOTE)
    assert d["title"] == "2021年凌云县林业局部门决算"
    assert d["unit"] == "凌云县林业局"


def test_a_space_inside_a_notes_title_does_not_cut_it():
    # a PDF's title spaced out as extracted: the name, then the rest with the year; and the last word's characters
    text = ("凌云县人民政治协商会议委员会 2023年度部门决算 目 录 第一部分 部门概况 一、部门职责 二、机构设置"
            " 第一部分 部门概况 一、部门职责 (一)围绕全县中心工作组织委员开展调查研究，提出意见和建议。"
            " (二)组织委员视察、考察和联系群众，反映社情民意。 (三)承担县政协全体会议和常务委员会会议的会务工作。")
    assert from_text(text).text.split("\n")[0] == "凌云县人民政治协商会议委员会2023年度部门决算"
    spaced = ("凌云县下甲镇人民政府 财政所2023年部门预 算 目 录 第一部分 部门概况 一、部门职责 二、机构设置"
              " 第一部分 部门概况 一、部门职责 (一)负责全镇财政收支的预算编制和执行，管理镇级财政资金。"
              " (二)负责惠农补贴资金的发放和监督管理工作。 (三)负责镇级国有资产的登记和管理。")
    assert from_text(spaced).text.split("\n")[0] == "凌云县下甲镇人民政府财政所2023年部门预算"


def test_a_pages_buttons_and_fields_before_a_named_title_are_not_part_of_it():
    text = ("来源: 发布时间:2015-03-10 字体大小: 打印 保存 收藏 凌云县林业局2015年部门预算公开 一、凌云县林业局概况"
            " (一)主要职责 1、负责全县林业和草原及其生态保护修复的监督管理。 2、组织全县林业和草原生态保护修复和造林绿化工作。"
            " 3、负责森林、草原、湿地资源的监督管理。")
    lines = from_text(text).text.split("\n")
    assert "凌云县林业局2015年部门预算公开" in lines
    page = ("公开方式 主动公开 是否有效 有效 2021年度凌云县下甲镇人民政府部门决算公开 目 录 第一部分 部门概况"
            " 一、部门职责 (一)执行本级人民代表大会的决议和上级国家行政机关的决定和命令。 (二)发布决定和命令。"
            " (三)执行本行政区域内的经济和社会发展计划、预算。")
    assert "2021年度凌云县下甲镇人民政府部门决算公开" in from_text(page).text.split("\n")
