"""Body and duty lists on unseen texts (session 16, branch h-i34, heldout42): a numbered run is judged by its lead and
its items — a lead ending in a colon, in any wording, over items that open with what is done, is a duty list; a count
of the bodies before “分别为” is no body; one more body named after a counted list joins it. The snippets are written
for these tests (other units, other places), not taken from the corpus."""
import pytest

from bianzhi.ingest import clauses, final2_clauses

from .helpers import bodies, p

VERB_ITEMS = ("1.负责全区青少年科技教育活动的组织和实施。\n2.宣传科学思想和科学方法,普及科学知识。\n"
              "3.组织开展学术交流活动,促进学科发展。\n4.完成区委、区政府交办的其他任务。\n")


# ---------------------------------------------------------------- duties under a lead of any wording
@pytest.mark.parametrize("lead", ["区科协的主要工作任务是:", "本会工作内容如下:", "区科协承担的任务有:",
                                  "区科协主要工作任务是: k5~9ZD,!9Gx6+2d"])
def test_a_colon_lead_of_any_wording_over_verb_led_items_gives_duties(lead):
    text = "某区科学技术协会是全区科技工作者的群众团体。区科协内设机构为二部一室。\n" + lead + "\n" + VERB_ITEMS
    d = p(text)
    assert [x[:6] for x in d["duties"]] == ["负责全区青少", "宣传科学思想", "组织开展学术", "完成区委、区"]


def test_an_anti_copy_string_after_a_duty_is_no_part_of_it():
    text = "区科协主要工作任务是:\n1.负责科普工作。 V8+,no2~2Yz9+7w\n2.组织学术交流。 J2:6kS1;,gp4-3g\n3.完成交办的其他任务。\n"
    assert p(text)["duties"][:2] == ["负责科普工作。", "组织学术交流。"]


@pytest.mark.parametrize("lead", ["申请材料应当包括下列事项:", "所属单位3个,分别是:", "区科协设下列内设机构:"])
def test_a_lead_naming_matters_units_or_bodies_gives_no_duties(lead):
    assert p("某区科协。\n" + lead + "\n" + VERB_ITEMS)["duties"] == []


def test_items_that_do_not_open_with_what_is_done_are_no_duties():
    text = ("区科协的概况如下:\n1.区科协成立于1958年,由区级学会组成。\n2.区科协现有干部职工12人。\n"
            "3.区科协办公地点在人民路8号。\n")
    assert p(text)["duties"] == []


def test_two_items_are_too_few_to_judge_by_the_items_alone():
    run = [clauses.Item(1, 0, 5, 0), clauses.Item(2, 5, 10, 5)]
    assert not clauses._duty_run(run, ["负责科普工作。", "组织学术交流。"])


def test_a_lead_line_announces_a_list_when_it_ends_with_a_colon():
    assert clauses._announces_list("主要工作任务是:")
    assert not clauses._announces_list("主要工作任务是2019年的重点")


def test_an_anti_copy_string_inside_a_line_run_together_is_blanked():
    text = "区科协主要工作任务是: k5~9ZD,!9Gx6+2d1.负责科普工作。 V8+,no2~2Yz9+7w2.组织学术交流。 J2:6kS1;,gp4-3g3.完成交办的其他任务。"
    assert final2_clauses.blank_junk(text) == text.replace(" k5~9ZD,!9Gx6+2d", " " * 16).replace(
        " V8+,no2~2Yz9+7w", " " * 16).replace(" J2:6kS1;,gp4-3g", " " * 16)
    assert final2_clauses.blank_junk("见 http://www.xx12.gov.cn/a?b=1 网站") == "见 http://www.xx12.gov.cn/a?b=1 网站"


# ---------------------------------------------------------------- bodies after a count
@pytest.mark.parametrize("text, names", [
    ("县科协内设机构为二部一室,分别为学会部、普及部、办公室。", ["学会部", "普及部", "办公室"]),
    ("馆内设机构为三部,即采编部、流通部、技术部。", ["采编部", "流通部", "技术部"]),
])
def test_a_count_before_the_names_is_no_body(text, names):
    assert bodies(p(text)) == names


def test_one_more_body_after_a_list_counted_in_parts_joins_it():
    text = ("## 机构设置\n设置三部一室:办公室、采编部、流通部和技术部。另有一个内设机构:某学院图书馆古籍研究所,"
            "和一个挂靠机构:某学院文献服务中心。\n")
    assert bodies(p(text)) == ["办公室", "采编部", "流通部", "技术部", "某学院图书馆古籍研究所"]


# ---------------------------------------------------------------- duty markers of every kind
def test_circled_numbers_glued_to_any_duty_verb_are_items():
    text = "某县档案馆主要职责:\n①负责接收全县档案资料。\n②负责档案的保管和利用。\n③开展档案编研工作。\n④提供档案查阅服务。\n"
    assert [x[:4] for x in p(text)["duties"]] == ["负责接收", "负责档案", "开展档案", "提供档案"]


def test_a_party_and_government_pair_of_run_in_lists_gives_both():
    text = ("某乡人民政府2023年部门决算\n一、部门职责\n党委职责:(1)保证党的方针政策的贯彻执行。(2)讨论决定本乡经济建设重大问题。"
            "(3)领导本乡群团组织。\n政府职责:(1)执行本级人大的决议。(2)编制本乡经济社会发展计划。(3)管理本乡社会事务。\n")
    assert [x[:4] for x in p(text)["duties"]] == ["保证党的", "讨论决定", "领导本乡", "执行本级", "编制本乡", "管理本乡"]


def test_numbered_results_run_into_a_report_paragraph_are_no_duties():
    text = ("某区残联2017年工作总结\n主要工作职责:负责全区残疾人工作。今年工作成效:(1)开展了残疾人康复服务。(2)落实了残疾人"
            "免费乘车政策。(3)走访慰问困难残疾人。\n")
    assert not any(d.startswith(("开展了", "落实了")) for d in p(text)["duties"])


# ---------------------------------------------------------------- bodies: chronicles and any lead
def test_a_chronicle_gives_the_bodies_of_its_latest_dated_list_counted_or_not():
    text = "县统计局\n1984年,县统计局内设综合股、农业股。1990年,局内设秘书股、计划股、财务股。有干部12人。"
    assert bodies(p(text)) == ["秘书股", "计划股", "财务股"]


@pytest.mark.parametrize("lead", ["股室设置", "科室设置", "处室构成"])
def test_a_lead_naming_the_kind_of_bodies_before_a_colon_gives_the_list(lead):
    assert bodies(p(f"某县林业局{lead}:办公室、营林股、资源股、林政股。")) == ["办公室", "营林股", "资源股", "林政股"]


def test_a_one_line_copy_with_anti_copy_strings_between_its_items_gives_the_duties():
    text = ("某区科学技术协会简介 某区科学技术协会是全区科技工作者的群众团体,由中共某区委领导,是区委联系广大科技工作者的桥梁和纽带。"
            "区科协始建于1958年12月,由区级学会(协会、研究会)和街道科协、企业科协等组成。区科协内设机构为二部一室,分别为学会部、普及部、办公室。"
            " f5~4v052HS4!4d区科协主要工作任务是: k5~9ZD,!9Gx6+2d1.负责全区青少年科技教育活动的组织和实施。 V8+,no2~2Yz9+7w"
            "2.宣传科学思想和科学方法,普及科学知识。 J2:6kS1;,gp4-3g3.组织开展学术交流活动,促进学科发展。 H4?7kH6?9ax,-9j"
            "4.完成区委、区政府交办的其他任务。 y,,mq1+5uF9.7N")
    d = p(text)
    assert [x[:6] for x in d["duties"]] == ["负责全区青少", "宣传科学思想", "组织开展学术", "完成区委、区"]
    assert bodies(d) == ["学会部", "普及部", "办公室"]


# ---------------------------------------------------------------- a short form glued to the name
def test_a_short_form_glued_to_the_full_name_is_read():
    from bianzhi.ingest import name_forms
    assert name_forms.short_of("某县科学技术协会简称县科协(以下同),是全县科技工作者的群众团体。", "某县科学技术协会")[0] == "县科协"
    assert name_forms.short_of("某县文化馆简介很长,是…", "某县文化馆") is None


def test_a_regulations_cases_are_no_duties():
    """“领导职数,应当按照下列标准核定:(一)编制在10名以下的,核定1-2名;…”: each item a condition and its
    consequence — a rule's cases, not a unit's duties, although “编制” also begins duties (“编制规划”)."""
    text = ("第三十九条 事业单位的领导职数,应当按照下列标准核定:\n(一)编制在10名以下的,核定1-2名;\n"
            "(二)编制在11-50名的,核定2-3名;\n(三)编制在51-100名的,核定3-4名;\n(四)编制在101-200名的,核定4-5名。\n")
    assert p(text)["duties"] == []
    duties = ("市统计局的主要职责是:\n(一)编制全市统计调查计划,组织实施统计调查。\n(二)负责全市国民经济核算工作。\n"
              "(三)组织实施全市人口普查。\n")
    assert len(p(duties)["duties"]) == 3
