"""The one-line copy's learned break model (`ingest/breaks.py`, ADR 0055): on short one-line strings written for
these tests (none from the corpus), breaks come back before a 规定's articles and a list's items, not inside a
sentence; the shipped weights are the ones scripts/train_breaks.py writes from the TUNE texts."""
import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np

from bianzhi.ingest import breaks, extract
from bianzhi.ingest.extract import from_text, normalize_before_breaks

ROOT = Path(__file__).resolve().parents[3]


def _cut(one_line: str) -> list[str]:
    text, _, _ = normalize_before_breaks(one_line)
    cuts = sorted(breaks.predicted_breaks(text))
    return [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)], strict=True)]


def test_articles_run_into_a_title_each_start_a_line():
    pieces = _cut("某某县文旅局职能配置、内设机构和人员编制规定第一条根据上级有关文件,制定本规定。"
                  "第二条县文旅局是县政府工作部门,为正科级。第三条县文旅局负责贯彻落实党的方针政策。")
    assert pieces[0] == "某某县文旅局职能配置、内设机构和人员编制规定"
    assert "第二条县文旅局是县政府工作部门,为正科级。" in pieces
    assert pieces[-1] == "第三条县文旅局负责贯彻落实党的方针政策。"


def test_items_in_parentheses_after_their_lead_each_start_a_line():
    pieces = _cut("主要职责:(一)负责全县文化旅游工作的统筹协调。(二)负责文物保护和非遗传承工作。"
                  "(三)完成县委县政府交办的其他任务。")
    assert pieces == ["主要职责:", "(一)负责全县文化旅游工作的统筹协调。", "(二)负责文物保护和非遗传承工作。",
                      "(三)完成县委县政府交办的其他任务。"]


def test_sections_numbered_with_a_comma_start_lines():
    pieces = _cut("一、机构设置某某中心为公益一类事业单位,隶属于县农业农村局。二、人员编制核定事业编制12名。")
    assert pieces[-1] == "二、人员编制核定事业编制12名。"


def test_no_break_inside_a_sentence():
    assert len(_cut("本单位坚持以人民为中心的发展思想,认真贯彻落实上级各项决策部署,持续推进各项工作高质量发展。")) == 1
    assert len(_cut("县档案馆负责全县档案的收集、整理、保管和利用工作,并指导乡镇和部门的档案业务。")) == 1
    # (an article cited inside a sentence, “依照本办法第二条和第三条的规定执行”, still gets a break before it:
    # ADR 0055, left for later)


def test_scores_one_per_place_and_same_every_time():
    text = "机构设置:(一)办公室。(二)业务股。"
    first = breaks.scores(text)
    assert first.shape == (len(text) - 1,)
    assert np.array_equal(first, breaks.scores(text))
    assert breaks.predicted_breaks("") == set() and breaks.predicted_breaks("局") == set()
    assert breaks.features("").shape[0] == 0


def test_a_one_line_copy_gets_the_models_breaks_and_a_pasted_document_keeps_its_lines():
    prose = "本单位坚持以人民为中心的发展思想,认真贯彻落实上级各项决策部署,持续推进各项工作高质量发展。" * 6
    one_line = ("某某县档案馆机构职能" + prose + "主要职责:(一)负责全县档案的收集、整理和保管工作。"
                "(二)负责档案信息化建设和利用服务。(三)完成县委县政府交办的其他任务。")
    lines = from_text(one_line).text.split("\n")
    assert "(二)负责档案信息化建设和利用服务。" in lines
    pasted = "某某县档案馆\n主要职责:负责全县档案工作。第二条本馆为公益一类事业单位。\n内设机构:办公室。"
    assert from_text(pasted).text.split("\n") == pasted.split("\n")  # not a one-line copy: no model


def test_a_very_short_one_line_copy_is_left_alone():
    # under 100 characters a copy keeps its one line (the readers of short notes read it so): no model
    text = ("某某县统计局主要职责:(一)负责全县统计调查工作的组织和协调,拟订全县统计工作规划并组织实施。"
            "(二)负责统计数据的审核、汇总和发布。(三)负责统计执法检查工作,查处统计违法行为。")
    assert len(breaks.predicted_breaks(normalize_before_breaks(text)[0])) >= 2
    assert "\n" not in from_text(text).text


def test_the_rules_guards_hold_for_the_models_breaks():
    prose = "本单位坚持以人民为中心的发展思想,认真贯彻落实上级各项决策部署,持续推进各项工作高质量发展。" * 7
    for kept in ("依照本办法第二条的规定,本中心负责全市档案的接收工作。",  # an article cited in a sentence
                 "目录一、收入决算情况二、支出决算情况三、名词解释",  # a contents list
                 "| 服务事项 | 1.档案查询。2.档案复制。3.出具证明 | 即时办结 |",  # a table's row
                 "(二)甲乙丙丁戊己工作。(五)甲乙丙丁戊己工作。(六)甲乙丙丁戊己工作。"):  # numbers that skip
        assert kept in from_text(prose + kept + prose).text, kept


def test_the_model_file_is_the_one_the_training_script_writes():
    raw = breaks.WEIGHTS.read_bytes()
    assert raw[:8] == b"BZBRK2\x00\x00" and len(raw) == 16 + 2 * breaks.SIZE
    weights, bias, threshold = breaks.model()
    assert weights.size == breaks.SIZE and np.isfinite(weights).all() and np.isfinite(bias)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_breaks.py"), "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert hashlib.sha256(raw).hexdigest() == hashlib.sha256(breaks.WEIGHTS.read_bytes()).hexdigest()


def test_a_one_line_copy_of_100_to_299_characters_gets_the_models_breaks():
    # too short for one_line_breaks' rules (≥ 300 characters), long enough for the model (ADR 0061)
    text = ("某某县统计局主要职责:(一)负责全县统计调查工作的组织和协调,拟订全县统计工作规划并组织实施,管理全县统计基础工作。"
            "(二)负责统计数据的审核、汇总和发布,依法管理统计调查项目。(三)负责统计执法检查工作,查处统计违法行为,完成县委县政府"
            "交办的其他任务。")
    assert 100 <= len(text) < 300
    lines = from_text(text).text.split("\n")
    assert "(二)负责统计数据的审核、汇总和发布,依法管理统计调查项目。" in lines
    assert lines[0] == "某某县统计局主要职责:"


def test_a_short_copys_contents_run_of_parts_stays_whole():
    # a budget note's head under 300 characters: “第一部分…第二部分…” with no sentence's end between is a contents run
    # the note readers read as one line; a part after a sentence's end may still start a line
    run = ("第一部分某某县水利局2022年部门决算说明一、部门基本情况二、部门决算情况第二部分:某某县水利局2022年部门决算表"
           "一、收入支出决算总表二、收入决算表三、支出决算表")
    text = "• 设为首页• 无障碍阅读" + run + "某某县水利局是县政府工作部门。"
    assert 100 <= len(text) < 300
    assert run in from_text(text).text
    parted = "某某县水利局是县政府工作部门,负责全县水利工作。第一部分:概况。" * 2 + "第二部分:决算表"
    assert {24, 56, 64} & breaks.predicted_breaks(parted) <= extract._model_breaks(parted, short=True)


def test_a_label_in_the_body_gets_no_break_of_the_models():
    # “发布时间:” after the text's first sentence is the document's own words, not a page's row of labels
    prose = "本单位坚持以人民为中心的发展思想,认真贯彻落实上级各项决策部署,持续推进各项工作高质量发展。" * 7
    body = "本单位资金来源:财政拨款。发布时间:以上级通知为准。"
    text, _, _ = normalize_before_breaks(prose + body + prose)
    at = text.index("发布时间")
    assert at not in extract._model_breaks(text)
