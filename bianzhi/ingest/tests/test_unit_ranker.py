"""The unit ranker (ADR 0062): the unit's name where the rules name none, on wordings written for these tests (other
units, places and years than any corpus text)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bianzhi.ingest import name_forms, parser, unit_ranker
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

ROOT = Path(__file__).resolve().parents[3]


def unit_of(text: str):
    return parse(from_text(text).text).data.get("unit")


# -- candidates ---------------------------------------------------------------------------------------------------

def test_candidates_end_in_a_unit_suffix_and_start_after_a_lead_word():
    cands = unit_ranker.candidates("1988年3月,正式成立桐江区档案局,编制4人。")
    assert "桐江区档案局" in cands
    assert "正式成立桐江区档案局" not in cands or "桐江区档案局" in cands  # the lead word is also cut off


def test_a_suffix_that_begins_a_longer_word_ends_no_name():
    cands = unit_ranker.candidates("关于印发《青岭市档案管理暂行办法》的通知")
    assert not any(c.endswith("暂行办") for c in cands)


def test_a_pronoun_or_a_whole_area_is_no_candidate():
    cands = unit_ranker.candidates("本局设办公室。全县各局都有编制。")
    assert not any(c.startswith(("本", "全", "各")) for c in cands)


# -- the decision where the rules are silent ------------------------------------------------------------------------

CHRONICLE = """第三章 物价管理
1979年,县计委内设物价股。1985年6月,正式成立榆阳区物价局,编制5人。1992年,区物价局设办公室、收费管理股、
价格检查所,编制11人。"""


def test_a_chronicle_section_headed_by_its_topic_gives_its_bureau():
    found = unit_ranker.unit_when_silent(from_text(CHRONICLE).text)
    assert found is not None and found.value == "榆阳区物价局"


def test_the_latest_renaming_names_the_chronicles_unit():
    text = from_text("""第五辑 粮食管理
1952年成立县粮食科。1956年改称县粮食局,1968年并入县商业局。1980年恢复县粮食局,设秘书股、储运股。1990年,县粮食局改称县粮食管理局,
设办公室、仓储股。""").text
    found = unit_ranker.unit_when_silent(text)
    assert found is not None and found.value == "县粮食管理局"


def test_an_articles_title_is_no_chronicle_section_heading():
    text = from_text("""松溪县档案工作三十年
1960年建立县档案馆,1984年建县档案局,局馆合署办公。现有专职干部6人。""").text
    assert unit_ranker.unit_when_silent(text) is None


def test_a_chronicle_on_several_offices_set_up_together_gives_none():
    text = from_text("""第六章 林牧管理机构
1958年分别建立林业局和畜牧局。1962年林业局和畜牧局合并为林牧局。1984年,分别设立林业局和畜牧局。""").text
    assert unit_ranker.unit_when_silent(text) is None


def test_a_kind_of_body_without_its_place_is_no_unit():
    text = from_text("""疾控中心是什么单位
疾控中心是政府举办的公益一类事业单位,负责疾病预防控制。疾控中心一般设有办公室、检验科等。""").text
    assert unit_ranker.unit_when_silent(text) is None


def test_a_notices_issuer_is_no_unit():
    text = from_text("""青岭市林业局关于印发《青岭市林木种苗管理办法》的通知
各县区林业局:
现将《青岭市林木种苗管理办法》印发给你们,请遵照执行。
青岭市林业局
2011年4月2日""").text
    assert unit_ranker.unit_when_silent(text) is None


# -- in the parser --------------------------------------------------------------------------------------------------

BUDGET_CONTENTS = """目录
一、 鹤岭市农业机械化技术推广站基本情况
(一)单位职责
(二)单位机构设置
二、鹤岭市农业机械化技术推广站2022年度部门决算表
(一)收入支出决算总表
一、 鹤岭市农业机械化技术推广站基本情况
(一)单位职责
我站是全额拨款的股级事业单位,承担的主要工作有:负责全市农机推广;承担农机培训。"""


def test_a_budget_notes_contents_rank_its_unit_first():
    # the rules read only “我站”; the model ranks the name in the contents first (its share, about 0.5 here, stays
    # under the shipped threshold: the parser then names no unit rather than a guess)
    name, _, share = unit_ranker.best(from_text(BUDGET_CONTENTS).text)
    assert name == "鹤岭市农业机械化技术推广站" and share > 0.3
    found = unit_ranker.unit_when_silent(from_text(BUDGET_CONTENTS).text, threshold=0.3)
    assert found is not None and found.value == "鹤岭市农业机械化技术推广站"


def test_the_parser_asks_the_ranker_only_when_the_rules_are_silent(monkeypatch):
    monkeypatch.setattr(parser, "_UNIT_RANKER", False)
    assert unit_of(CHRONICLE) is None
    monkeypatch.setattr(parser, "_UNIT_RANKER", True)
    assert unit_of(CHRONICLE) == "榆阳区物价局"
    # a unit the rules read is kept as they read it
    assert unit_of("第一条 榆阳区物价局是区政府工作部门,为正科级。") == "榆阳区物价局"


def test_a_bare_name_gets_the_place_the_text_names_its_other_bodies_with():
    text = from_text("""第四章 劳动管理
1984年,区劳动局设办公室、就业股,编制9人。1990年成立江桥区就业服务中心,1993年设江桥区劳动仲裁委员会办公室。""").text
    assert unit_of(text) == "江桥区劳动局"


# -- name_forms.with_place_of_text ----------------------------------------------------------------------------------

def test_with_place_of_text_needs_one_place_named_twice():
    assert name_forms.with_place_of_text("设江桥区就业服务中心。江桥区劳动仲裁委员会办公室。", "区劳动局") == "江桥区劳动局"
    assert name_forms.with_place_of_text("设江桥区就业服务中心。", "区劳动局") is None  # named once
    assert name_forms.with_place_of_text("江桥区就业服务中心、江桥区档案馆、河口区公安局", "区劳动局") is None  # two places
    assert name_forms.with_place_of_text("江桥区就业服务中心、江桥区档案馆", "江桥区劳动局") is None  # not bare
    assert name_forms.with_place_of_text("隶属区劳动局。隶属区劳动局。", "区劳动局") is None  # “隶属区” is no place


# -- the model file -------------------------------------------------------------------------------------------------

def test_the_model_file_holds_weights_and_a_threshold():
    weights, threshold = unit_ranker._model()
    assert 0.0 < threshold < 1.0 and len(weights) > 20


def test_training_gives_the_shipped_file_byte_for_byte():  # retrains the model: about 11 s
    run = subprocess.run([sys.executable, "scripts/train_unit_ranker.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
