"""Session 19: the body-list judge's candidates and count (body_lists, ADR 0072) — a count by kinds of body, a list on
the line under its lead, “如”/“机构” before a first name, a count run into the last name, a list the page cut — and the
stated count the review screen shows; on wordings written for these tests."""
from __future__ import annotations

import pytest

from bianzhi.ingest import body_lists
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def parsed(text: str):
    return parse(from_text(text).text)


def enums(text: str) -> list[dict]:
    return [c for c in body_lists.lists(from_text(text).text) if c["kind"] == "enum"]


def names(cand: dict) -> list[str]:
    return [i[0] for i in cand["items"]]


# ------------------------------------------------------------------ candidates


def test_a_count_by_kinds_of_body_is_their_sum_and_no_part_of_the_last_name():
    (cand,) = enums("中心下设免疫规划科、传染病防控科、办公室、健康教育中心共2科1室1中心业务机构,没有专门的财务机构。")
    assert names(cand) == ["免疫规划科", "传染病防控科", "办公室", "健康教育中心"]
    assert body_lists.stated_count(cand) == 4
    (cand,) = enums("青岭市妇联现内设三部(室),分别是:办公室、权益部、宣传部。")
    assert body_lists.stated_count(cand) == 3


def test_a_count_run_into_the_last_name_is_cut_off():
    (cand,) = enums("青岭林场内设人秘股、计划财务股、林政股三个股室,下辖四个分场。")
    assert names(cand) == ["人秘股", "计划财务股", "林政股"]
    (cand,) = enums("目前设有门诊科、检验科、膳食科三个科室。")
    assert names(cand) == ["门诊科", "检验科", "膳食科"]


def test_a_comma_inside_a_names_brackets_ends_no_item():
    (cand,) = enums("青岭区司法局设4个内设机构:办公室(审计办公室、外事办公室)、政治部、法治调研处和行政复议处。")
    assert names(cand) == ["办公室(审计办公室、外事办公室)", "政治部", "法治调研处", "行政复议处"]
    (cand,) = enums("设立了党政综合办公室、党建工作办公室(挂人大工委办公室、综合文化服务站牌子)、应急管理办公室。")
    assert names(cand) == ["党政综合办公室", "党建工作办公室(挂人大工委办公室、综合文化服务站牌子)", "应急管理办公室"]


@pytest.mark.parametrize(("text", "first"), [
    ("青岭省气象局的组织机构包括直属机关的多个部门,如直属机关办公室、观测与网络处和科技发展处。", "直属机关办公室"),
    ("青岭县湿地保护中心内设机构综合办公室、保护科、科研宣教科。", "综合办公室"),
    ("青岭市检察院1978年恢复,增刑事检察科、法纪检察科。", "刑事检察科"),
    # a name with 如 or 机构 inside keeps it
    ("青岭县设有如意镇、金山镇两个镇。", "如意镇"),
    ("青岭区机关事务中心内设机构管理科、后勤科。", "机构管理科"),
])
def test_the_first_name_loses_the_lead_word_before_it(text, first):
    assert names(enums(text)[0])[0] == first


def test_a_list_on_the_line_under_its_lead_takes_that_line_as_its_lead():
    text = "青岭市妇女联合会现内设四部(室),分别是:\n办公室、组织联络部、宣传部、权益部,另有事业单位2个。\n"
    (cand,) = enums(text)
    assert "分别是" in cand["lead"] and body_lists.stated_count(cand) == 4
    # …not a line that does not end in a colon
    (cand,) = enums("青岭市妇女联合会成立于1953年。\n办公室、组织联络部、宣传部、权益部是其机关。\n")
    assert "1953" not in cand["lead"]


def test_a_list_opening_its_own_sentence_after_one_that_counts_the_bodies_takes_it_as_its_lead():
    (cand,) = enums("机构改革时,县编办核定我院设置4个内设机构。办公室、政治处、立案庭、执行局。纪检监察机构另行设置。")
    assert "4个内设机构" in cand["lead"] and body_lists.stated_count(cand) == 4
    # …not a sentence that counts no bodies
    (cand,) = enums("我院现有干警40人。办公室、政治处、立案庭、执行局的人员另行安排。")
    assert "干警" not in cand["lead"]


# ------------------------------------------------------------------ the judge and the stated count


def test_a_list_the_page_cut_gives_its_names_and_the_count_it_states():
    r = parsed("二、机构设置\n青岭县人民法院现有部门8个,分别为:办公室、政治部、刑事审判庭、民事审判庭、行政审判庭、执行局、监察室、\n")
    assert r.data["unit"] == "青岭县人民法院"
    assert [b["name"] for b in r.data["internal_bodies"]] == ["办公室", "政治部", "刑事审判庭", "民事审判庭", "行政审判庭",
                                                            "执行局", "监察室"]
    assert r.meta["stated_counts"] == {"internal_bodies": 8}
    assert set(r.meta["learned"]) == {"unit", "internal_bodies"}


def test_a_count_that_matches_is_not_reported():
    r = parsed("青岭县图书馆是县文旅局所属公益一类事业单位。馆内设办公室、采编室、借阅室、阅览室4个部室。\n")
    assert [b["name"] for b in r.data["internal_bodies"]] == ["办公室", "采编室", "借阅室", "阅览室"]
    assert "stated_counts" not in r.meta


def test_a_list_of_bodies_done_away_with_is_still_not_read():
    r = parsed("青岭县农业局是县政府工作部门。2019年机构改革中一共裁撤四个部门,分别是:经作站、植保站、土肥站、种子站。\n")
    assert r.data["internal_bodies"] == []


# ------------------------------------------------------------------ the duty judge's lead


@pytest.mark.parametrize(("lead", "announces", "heading"), [
    ("长寿区科学技术协会是区委领导下的人民团体。其主要职能是:", 1.0, 0.0),
    ("莆田市人防办的主要职责包括:", 1.0, 0.0),
    ("(一)职能职责。", 0.0, 1.0),
    ("局馆职能", 0.0, 1.0),
    ("内设机构:", 0.0, 0.0),
    ("2016年主要工作任务完成情况", 0.0, 0.0),
])
def test_the_duty_judge_sees_a_lead_that_announces_duties(lead, announces, heading):
    from bianzhi.ingest import duty_lists

    cand = {"kind": "mark_arabic", "items": [("负责全区档案工作;", 0, 9), ("承办区委交办的其他事项。", 10, 22)], "lead": lead,
            "lead2": "", "start": 0}
    f = duty_lists.features(cand, "")[0]
    assert (f.get("lead_announces", 0.0), f.get("lead_heading", 0.0)) == (announces, heading)
