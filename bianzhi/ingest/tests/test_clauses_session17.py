"""Session 17: plaques stated apart from the sentence that names the unit (heldout_final20/23 after their one run),
on wordings written for these tests."""
from __future__ import annotations

from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def data(text: str) -> dict:
    return parse(from_text(text).text).data


def test_a_later_subjectless_dated_clause_adds_plaques():
    d = data("青岭市疾病预防控制中心是市卫健委所属公益一类事业单位。1998年经市编委批准成立;2020年5月,"
             "加挂市预防医学研究所、市食品安全风险评估中心牌子。")
    assert d["plaques"] == ["市预防医学研究所", "市食品安全风险评估中心"]


def test_the_units_organ_adding_a_plaque_is_the_unit():
    d = data("青岭市社会科学界联合会是市委、市政府领导下的学术性群众团体。市社会科学界联合会机关加挂青岭市社会科学院分院牌子,"
             "归口市委宣传部管理。")
    assert d["unit"] == "青岭市社会科学界联合会"
    assert d["plaques"] == ["青岭市社会科学院分院"]


def test_a_plaque_another_unit_adds_is_not_the_units():
    d = data("青岭市疾病预防控制中心是市卫健委所属公益一类事业单位。青岭市卫生监督所加挂市卫生执法大队牌子。")
    assert d["plaques"] == []


def test_a_plaque_before_the_unit_is_named_is_not_the_units():
    d = data("2020年5月,加挂市卫生执法大队牌子。青岭市疾病预防控制中心是市卫健委所属公益一类事业单位。")
    assert "市卫生执法大队" not in d["plaques"]


def test_a_learned_societys_federation_states_its_class_as_an_organisation():
    d = data("青岭市社会科学联合会是青岭市委领导下的全市性社会科学学术团体联合组织,成立于1986年。")
    assert (d["unit"], d["nature"]) == ("青岭市社会科学联合会", "青岭市委领导下的全市性社会科学学术团体联合组织")


def test_a_short_name_in_brackets_between_the_name_and_its_class():
    d = data("青岭市哲学社会科学界联合会(简称“社科联”),是中共青岭市委领导的市级人民团体,是全市社会科学学术团体的联合组织。")
    assert (d["unit"], d["nature"], d["short_name"]) == ("青岭市哲学社会科学界联合会", "中共青岭市委领导的市级人民团体", "社科联")


def test_a_people_organisations_class_after_a_founding_clause():
    d = data("青岭市工商业联合会成立于1952年,又称青岭市总商会,是中国共产党领导的以非公有制企业为主体的人民团体和商会组织。")
    assert d["nature"] == "中国共产党领导的以非公有制企业为主体的人民团体和商会组织"


def test_a_people_organisations_class_after_its_short_name_in_brackets():
    d = data("青岭市归国华侨联合会(简称青岭侨联),是中共青岭市委领导的由全市归侨侨眷组成的人民团体,是党和政府联系归侨侨眷的桥梁。")
    assert (d["unit"], d["nature"]) == ("青岭市归国华侨联合会", "中共青岭市委领导的由全市归侨侨眷组成的人民团体")


def test_a_sites_spaced_title_label_is_not_part_of_the_title():
    d = data("标      题 青岭县档案馆2025年度部门预算\n索引号 000014349/2025-00001 文      号\n发布机构 发布日期 2025-02-08\n"
             "青岭县档案馆2025年度部门预算\n第一部分 部门概况\n一、主要职能\n负责全县档案的接收、征集和保管。")
    assert d["title"] == "青岭县档案馆2025年度部门预算"
    assert d["unit"] in (None, "青岭县档案馆")


def test_a_class_after_a_founding_clause_with_any_founding_verb():
    d = data("青岭县气象局建立于1956年,是基础性公益事业单位,实行中央与地方双重领导。")
    assert d["nature"] == "基础性公益事业单位"


def test_a_class_after_the_month_it_was_set_up():
    d = data("青岭特区卫生健康局于2020年4月份成立,为特区正科级行政机构,特区管委会工作部门。")
    assert (d["nature"], d["rank"]) == ("特区正科级行政机构", "正科级")


def test_a_class_stated_without_a_subject_after_the_unit_is_named():
    d = data("1998年3月,青岭市疾病预防控制中心经市编委批准成立;2020年5月,加挂市预防医学研究所牌子。"
             "是青岭市政府对社会实施疾病预防控制服务的公益性全额事业单位。主要承担全市疾病预防控制工作。")
    assert d["nature"] == "青岭市政府对社会实施疾病预防控制服务的公益性全额事业单位"


def test_a_subjectless_class_before_the_unit_is_named_is_not_its_class():
    d = data("是全市唯一的公益一类事业单位。青岭市档案馆成立于1958年,1985年新馆落成。")
    assert d["nature"] != "全市唯一的公益一类事业单位" or d["unit"] is None

