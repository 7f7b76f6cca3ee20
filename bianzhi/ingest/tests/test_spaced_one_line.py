"""A web page copied as one line keeps a space where each paragraph ended; those spaces are line breaks again
(extract._spaces_as_breaks), while spaces inside a line's words (“2020 年 X 部门预算”, “目 录”) and the dense spaces
OCR puts between characters are not. The snippets are written for the tests."""
from bianzhi.ingest.extract import from_text

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
