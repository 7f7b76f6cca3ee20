"""A document run into one line (issue 12, session 9): the run-in rules reach the pieces a one-line copy's spaces
cut it into, and a list run in after its heading (“职能职责一是…。二是…”, “职责:(1)…。(2)…”) starts a line of its own.
The texts are written for these tests, not taken from the benchmark corpus."""
from bianzhi.ingest.extract import _more_sequence_cuts, from_text
from bianzhi.ingest.parser import parse

FILLER = "本单位认真落实各项工作要求,积极推进依法行政,切实加强预算管理。" * 8


def duties(text: str) -> list[str]:
    return [d[:6] for d in parse(from_text(text).text).data.get("duties") or []]


def test_a_piece_of_a_one_line_copy_is_run_in_although_shorter_than_a_long_line():
    # the spaces of the copy end paragraphs; the piece holding the duties is under 300 characters, but the line as
    # pasted was a run-in line, so its ordered “(一)(二)(三)” items are broken apart as in a long line
    text = ("某某市统计局2023年度部门决算 目录 第一部分 部门概况 第二部分 部门决算表 " + FILLER
            + " 第一部分 部门概况 一、部门职责(一)负责全市统计调查工作。(二)组织实施全市人口普查和经济普查。"
              "(三)负责统计数据的发布和管理工作。 二、机构设置 某某市统计局设办公室、综合科。")
    assert len(text) > 300
    piece = next(line for line in from_text(text).text.split("\n") if "组织实施" in line)
    assert piece.startswith("(二)组织实施")
    assert duties(text)[:3] == ["负责全市统计", "组织实施全市", "负责统计数据"]
    # the same piece in a short text of its own is no run-in line: left as it stands
    short = "一、部门职责(一)负责全市统计调查工作。(二)组织实施全市人口普查。(三)负责统计数据的发布。"
    assert from_text(short).text == short


def test_a_list_numbered_yi_shi_er_shi_run_in_after_its_heading_starts_a_line():
    text = ("某某县工商业联合会2024年度决算公开说明一、部门基本情况(一)职能职责一是参与本县政治、经济、社会重要问题的政治协商。"
            "二是引导会员积极参加经济建设,促进社会全面发展。三是做好工商界代表人士政治安排的推荐工作。"
            "四是完成县委、县政府交办的事项。" + FILLER)
    lines = from_text(text).text.split("\n")
    assert any(line.startswith("一是参与本县") and "二是引导" in line for line in lines)
    assert duties(text)[:4] == ["参与本县政治", "引导会员积极", "做好工商界代", "完成县委、县"]


def test_a_bracketed_arabic_list_run_in_after_a_sentence_keeps_its_heading():
    text = (FILLER + "某某乡党委和政府是本乡的领导机关,行使本行政区的行政职能。一、党委工作职责:(1)保证党的路线、方针、政策的贯彻执行。"
            "(2)负责抓好本乡党建工作、群团工作。(3)负责本乡干部的教育和管理工作。二、政府职能:(1)制定和组织实施本乡经济和社会"
            "发展计划。(2)负责本行政区域内的民政、计划生育工作。(3)完成上级政府交办的其他事项。")
    lines = from_text(text).text.split("\n")
    # the copy is one line as pasted: its items, and the heading before them, each start a line (session 12,
    # extract.one_line_breaks); the run-in rule alone keeps such a list whole on its line (below)
    at = lines.index("一、党委工作职责:")
    assert lines[at + 1:at + 5] == ["(1)保证党的路线、方针、政策的贯彻执行。", "(2)负责抓好本乡党建工作、群团工作。",
                                    "(3)负责本乡干部的教育和管理工作。", "二、政府职能:"]
    # read as the page with its paragraphs reads
    paragraphs = text.replace("职能。一、", "职能。\n一、").replace("工作。二、", "工作。\n二、")
    assert duties(text) == duties(paragraphs)
    assert len(duties(text)) == 6
    # a line that starts with the heading is left whole (the list is read run in, as it stands)
    line = "一、党委工作职责:(1)保证党的路线贯彻执行。(2)负责抓好本乡党建工作。(3)负责本乡干部的教育管理。" + FILLER
    assert _more_sequence_cuts(line) == [0]
    # two items, or a number inside a sentence, are no list
    assert _more_sequence_cuts("见第(1)项和第(2)项的规定。" + FILLER) == []


def test_a_piece_breaks_a_numbered_list_only_under_a_duty_heading():
    # a one-line copy with a space where each paragraph ended: each piece was a paragraph; a piece's “1.…2.…3.…” is
    # cut into items under “本部门职能职责是:”, not a table cell's list of the year's work
    tasks = "年度主要工作内容 1.完成数字化城市管理监督工作。2.做好全市城市管理平台的维护。3.对各类管理信息进行收集和整理。"
    duty = "一、部门职责本部门职能职责是: 1、制定本乡的经济计划和措施,提高人民群众生活水平。2、负责本乡社会治安工作。3、完成上级交办的其他事项。"
    text = "某某乡人民政府2021年度部门决算 第一部分 单位概况 " + FILLER + " " + duty + " " + FILLER + " " + tasks
    lines = from_text(text).text.split("\n")
    assert any(line.startswith("2、负责本乡") for line in lines)
    assert any(line.startswith("1.完成数字化") and "3.对各类" in line for line in lines)
