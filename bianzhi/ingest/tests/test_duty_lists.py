"""The duty-list judge (ADR 0069): duties where the rules find none, on wordings written for these tests (units,
places and duties that no corpus text names)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bianzhi.ingest import duty_lists
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

ROOT = Path(__file__).resolve().parents[3]

PAGE = ("青岭市规划展览馆\n青岭市规划展览馆是青岭市自然资源和规划局所属公益一类事业单位。\n馆务职能\n"
        "1、承担全市城乡规划成果的展示和宣传工作;\n2、负责规划展览馆展陈内容的策划、更新和维护;\n"
        "3、组织开展规划知识普及和公众参与活动;\n4、负责馆藏规划档案资料的收集、整理和保管;\n5、完成市局交办的其他工作。\n"
        "联系方式\n地址:青岭市滨河路8号")


def duties_of(text: str) -> list[str]:
    return [d for d in parse(from_text(text).text).data.get("duties") or [] if isinstance(d, str)]


def test_runs_are_lines_of_one_kind():
    text = from_text("主要职责\n1.拟订全县档案工作规划。\n2.监督指导档案工作。\n联系电话\n0000-1234567").text
    kinds = [(c["kind"], [t for t, _, _ in c["items"]]) for c in duty_lists.runs(text)]
    assert ("mark_arabic", ["拟订全县档案工作规划。", "监督指导档案工作。"]) in kinds


def test_a_numbered_duty_list_under_a_heading_no_rule_knows(monkeypatch):
    monkeypatch.setenv("BIANZHI_DUTY_LISTS", "off")
    assert duties_of(PAGE) == []  # no rule reads this heading: what follows is the judge's
    monkeypatch.delenv("BIANZHI_DUTY_LISTS")
    got = duties_of(PAGE)
    assert [duty_lists.head(d) for d in got] == ["承担全市城乡规划成果", "负责规划展览馆展陈内", "组织开展规划知识普及",
                                                 "负责馆藏规划档案资料", "完成市局交办的其他工"]


def test_each_judged_duty_has_its_source_span():
    text = from_text(PAGE).text
    result = parse(text)
    for i, duty in enumerate(result.data["duties"]):
        start, end = result.span_of(f"duties[{i}]")
        assert text[start:end] == duty


def test_a_years_tasks_are_no_duties():
    text = ("青岭县水产技术推广站是县农业农村局所属公益一类事业单位。\n2024年主要工作任务\n1、完成全县水产苗种产地检疫任务。\n"
            "2、完成省站下达的水产品质量监测任务。\n3、开展水产养殖技术培训。")
    assert duties_of(text) == []


def test_a_chronicle_is_no_duty_list():
    text = ("青岭县档案局\n大事记\n1984年3月,县档案馆新馆落成。\n1992年5月,县档案局与县档案馆合署办公。\n"
            "2001年8月,县档案局被评为省级先进单位。")
    assert duties_of(text) == []


def test_a_page_that_names_no_unit_is_left_to_the_rules(monkeypatch):
    calls = []
    monkeypatch.setattr(duty_lists, "duties_when_silent", lambda text: calls.append(text) or [])
    duties_of("馆务职能\n承担全市城乡规划成果的展示和宣传工作;\n负责展陈内容的策划、更新和维护;\n组织开展公众参与活动;")
    assert calls == []


def test_the_switch_turns_the_judge_off(monkeypatch):
    monkeypatch.setenv("BIANZHI_DUTY_LISTS", "off")
    assert duty_lists.duties_when_silent(from_text(PAGE).text) == []


def test_the_model_file_holds_weights_and_a_threshold():
    model = json.loads(duty_lists.WEIGHTS.read_text(encoding="utf-8"))
    assert 0.0 < model["threshold"] < 1.0 and len(model["weights"]) > 20


def test_training_gives_the_shipped_weights():
    run = subprocess.run([sys.executable, "scripts/train_duty_lists.py", "--check"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
