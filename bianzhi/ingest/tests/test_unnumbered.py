"""Lists whose automatic numbering was lost in a copy out of Word (ingest.unnumbered_clauses). The texts are written
for these tests, not taken from the benchmark corpus."""
from .helpers import p

SANDING = """凌云县水利局职能配置、内设机构和人员编制规定
第一条 为了规范县水利局的职能配置、内设机构和人员编制，根据有关规定，制定本规定。
第二条 县水利局是县政府工作部门，为正科级。
第三条 县水利局贯彻落实党中央关于水利工作的方针政策和决策部署。主要职责是：
负责保障水资源的合理开发利用，拟订全县水利战略规划和政策。
组织编制全县水资源规划、防洪规划等重大水利规划。
负责全县水资源的统一监督管理工作。
完成县委、县政府交办的其他任务。
第四条 县水利局设下列内设机构：
办公室。负责机关日常运转工作，
承担信息、安全、保密等工作。
水旱灾害防御股。组织编制洪水干旱灾害防治规划。
水资源管理股。承担实施最严格水资源管理制度相关工作。
第五条 县水利局机关行政编制8名。设局长1名，副局长2名；股级领导职数3名。
"""


def test_duties_and_bodies_of_a_copy_without_its_numbering():
    d = p(SANDING)
    assert [x[:8] for x in d["duties"]] == ["负责保障水资源的", "组织编制全县水资", "负责全县水资源的", "完成县委、县政府"]
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "水旱灾害防御股", "水资源管理股"]
    assert d["internal_bodies"][0]["duties"] == "负责机关日常运转工作,\n承担信息、安全、保密等工作。"
    # the staffing article after the list is not part of it
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 8)]


def test_the_same_document_with_its_numbers_reads_the_same():
    numbered = SANDING
    for i, line in enumerate(["负责保障", "组织编制全县", "负责全县水资源的统一", "完成县委"]):
        numbered = numbered.replace("\n" + line, "\n（" + "一二三四"[i] + "）" + line, 1)
    for i, name in enumerate(["办公室。", "水旱灾害防御股。", "水资源管理股。"]):
        numbered = numbered.replace("\n" + name, "\n（" + "一二三"[i] + "）" + name, 1)
    a, b = p(SANDING), p(numbered)
    assert [x[:8] for x in a["duties"]] == [x[:8] for x in b["duties"]]
    assert [x["name"] for x in a["internal_bodies"]] == [x["name"] for x in b["internal_bodies"]]


def test_a_duties_heading_of_its_own_line_and_semicolons():
    d = p("一、部门职责\n贯彻执行中央、省委关于宣传工作的方针政策，布置全县宣传工作；\n指导全县宣传文化系统贯彻执行有关政策法规；\n"
          "负责指导全县理论研究、理论学习工作。\n二、机构设置\n县委宣传部内设办公室、宣传科。")
    assert [x[:6] for x in d["duties"]] == ["贯彻执行中央", "指导全县宣传", "负责指导全县"]


def test_lines_that_describe_the_unit_are_no_duties():
    d = p("主要职能\n市科技馆是市科协管理的公益一类事业单位。\n馆内设有展厅、报告厅和科普活动室。\n")
    assert d["duties"] == []
    d = p("内设机构：\n水产品质量检测中心：负责水产品检测。\n根据工作需要另行研究确定。\n")
    assert [b["name"] for b in d["internal_bodies"]] == []  # one body is no list
