"""The body-list judge (ADR 0068): internal bodies where the rules find none, on wordings written for these tests
(units, places and bodies that no corpus text names)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bianzhi.ingest import body_lists
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

ROOT = Path(__file__).resolve().parents[3]


def bodies_of(text: str) -> list[str]:
    return [b["name"] for b in parse(from_text(text).text).data.get("internal_bodies") or []]


def names(text: str) -> list[str]:
    return [f.value for f in body_lists.bodies_when_silent(from_text(text).text)]


# -- candidates ---------------------------------------------------------------------------------------------------

def test_an_enumeration_gives_its_items_without_the_lead_word_and_the_trailing_count():
    items = [c["items"] for c in body_lists.lists("其内设机构包括秘书处、档案处和编研处等3个处室。") if c["kind"] == "enum"]
    assert [i[0] for i in items[0]] == ["秘书处", "档案处", "编研处"]


def test_a_lead_word_inside_a_name_is_not_cut_there():
    items = [c["items"] for c in body_lists.lists("下设建设科、规划科、财务股。") if c["kind"] == "enum"]
    assert [i[0] for i in items[0]] == ["建设科", "规划科", "财务股"]


def test_a_last_item_run_into_the_next_heading_ends_at_its_suffix():
    items = [c["items"] for c in body_lists.lists("内设机构4个,秘书科、宣传科、联络科、培训科人员编制核定事业编制20名")
             if c["kind"] == "enum"]
    assert [i[0] for i in items[0]] == ["秘书科", "宣传科", "联络科", "培训科"]


def test_marked_lines_with_descriptions_between_them_are_one_list():
    text = "(一)综合科\n负责文电、会务、档案工作。\n(二)调查科\n负责统计调查的组织实施。\n(三)法规科\n负责统计执法检查。"
    runs = [c for c in body_lists.lists(text) if c["kind"] == "lines_paren_cn"]
    assert [i[0] for i in runs[0]["items"]] == ["综合科", "调查科", "法规科"]
    assert all(i[3] for i in runs[0]["items"][:2])  # described by the line under them


# -- the judge in the parser --------------------------------------------------------------------------------------

ENCYCLOPEDIA = ("青岭市档案局,简称青岭档案局,是青岭市人民政府主管全市档案工作的工作部门。\n"
                "青岭市档案局内部机构设置如下:\n- 办公室:负责文电、会务、机要等机关日常运转工作。\n"
                "- 业务指导科:负责全市档案业务的监督指导。\n- 档案接收征集科:负责档案的接收、征集工作。\n"
                "- 编研利用科:负责档案编研和利用服务。\n- 信息技术科:负责档案信息化建设。\n历任局长\n- 周某某\n- 吴某某")


def test_an_encyclopedia_bullet_list_under_its_lead_gives_the_bodies(monkeypatch):
    monkeypatch.setenv("BIANZHI_BODY_LISTS", "off")
    assert bodies_of(ENCYCLOPEDIA) == []  # no rule reads this shape: what follows is the judge's
    monkeypatch.delenv("BIANZHI_BODY_LISTS")
    assert bodies_of(ENCYCLOPEDIA) == ["办公室", "业务指导科", "档案接收征集科", "编研利用科", "信息技术科"]


def test_a_report_sentence_with_its_count_gives_the_bodies():
    text = ("关于青岭县人民检察院队伍建设的调研报告\n青岭县人民检察院是县级国家法律监督机关,现有干警58人。机构改革时,县编委核定我院设置6个内设机构。"
            "办公室、政治处、公诉科、侦查监督科、控告申诉科、检察技术科。核定政法专项编制52名。")
    got = bodies_of(text)
    assert got == ["办公室", "政治处", "公诉科", "侦查监督科", "控告申诉科", "检察技术科"]


def test_a_list_of_directly_managed_units_or_townships_is_no_list_of_bodies():
    text = ("青岭县教育局是县人民政府工作部门。局属事业单位有:青岭县第一中学、青岭县第二中学、青岭县实验小学、青岭县幼儿园。"
            "全县辖青山镇、岭口镇、河西乡、河东乡。")
    assert bodies_of(text) == []


def test_a_numbered_duty_list_is_no_list_of_bodies():
    text = ("青岭县统计局主要职责:\n1.贯彻执行统计法律法规,拟订全县统计工作规划。\n2.组织实施全县统计调查,收集、汇总统计数据。\n"
            "3.负责统计执法检查,查处统计违法行为。")
    assert bodies_of(text) == []


def test_a_page_that_names_no_unit_is_left_to_the_rules(monkeypatch):
    calls = []
    monkeypatch.setattr(body_lists, "bodies_when_silent", lambda text: calls.append(text) or [])
    # a template or a generic article: no unit named, so its list is nobody's bodies
    assert bodies_of("机构设置如下:\n- 办公室:负责文电、会务工作。\n- 业务科:负责业务指导。\n- 财务科:负责财务管理。") == []
    assert calls == []


def test_bodies_the_rules_find_are_kept_and_the_judge_is_not_asked(monkeypatch):
    calls = []
    monkeypatch.setattr(body_lists, "bodies_when_silent", lambda text: calls.append(text) or [])
    text = "青岭市档案局设下列内设机构:\n(一)办公室。负责机关日常运转。\n(二)业务指导科。负责档案业务指导。"
    assert bodies_of(text) == ["办公室", "业务指导科"]
    assert calls == []


def test_the_switch_turns_the_judge_off(monkeypatch):
    monkeypatch.setenv("BIANZHI_BODY_LISTS", "off")
    assert bodies_of(ENCYCLOPEDIA) == []


def test_each_judged_body_has_its_source_span():
    text = from_text(ENCYCLOPEDIA).text
    result = parse(text)
    for i, body in enumerate(result.data["internal_bodies"]):
        start, end = result.span_of(f"internal_bodies[{i}].name")
        assert text[start:end] == body["name"]


# -- the model file -------------------------------------------------------------------------------------------------

def test_the_model_file_holds_weights_and_a_threshold():
    model = json.loads(body_lists.WEIGHTS.read_text(encoding="utf-8"))
    assert 0.0 < model["threshold"] < 1.0 and len(model["weights"]) > 20


def test_training_gives_the_shipped_weights():
    run = subprocess.run([sys.executable, "scripts/train_body_lists.py", "--check"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
