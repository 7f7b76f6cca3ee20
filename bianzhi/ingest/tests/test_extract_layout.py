"""A text PDF in the 公文 layout read back as the text it says (issue 12): running headers and page footers dropped,
a paragraph rebuilt across a page break, a wrapped title in large type kept as one line, table cells in reading
order. Each PDF is typeset here with WeasyPrint and the font shipped with the project (small pages: fast)."""
from pathlib import Path

import pytest

from bianzhi.ingest.extract import Line, extract_bytes, join_lines

FONT = Path(__file__).resolve().parents[2] / "static" / "fonts" / "BianzhiSans-Regular.otf"


def typeset(body: str, page_css: str = "", extra_css: str = "") -> bytes:
    from weasyprint import HTML

    css = (f'@font-face {{ font-family: T; src: url("{FONT.as_uri()}"); }}'
           f"@page {{ size: A7; margin: 18mm 10mm 16mm 10mm; {page_css} }} {extra_css}"
           "body { font: 11pt/17pt T; margin: 0; } p { margin: 0; text-indent: 2em; text-align: justify; }"
           "p.c { text-indent: 0; text-align: center; } h1 { font: 18pt/26pt T; text-align: center; margin: 0 0 6pt; }"
           "td { border: 0.5pt solid #000; padding: 1pt 3pt; font-size: 9pt; line-height: 12pt; }"
           "table { border-collapse: collapse; }")
    return HTML(string=f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
                ).write_pdf()


LONG = ("第三条 市发展和改革委员会贯彻落实党中央关于发展改革工作的方针政策和决策部署，在履行职责过程中坚持和加强"
        "党对发展改革工作的集中统一领导。主要职责是：拟订并组织实施国民经济和社会发展战略、中长期规划和年度计划，"
        "统筹协调经济社会发展，研究分析国内外经济形势，提出国民经济发展、价格总水平调控和优化重大经济结构的目标、"
        "政策，提出综合运用各种经济手段和政策的建议，受市政府委托向市人民代表大会提交国民经济和社会发展计划的报告。")


def test_running_header_and_page_footer_go_and_the_paragraph_runs_over_the_page_break():
    pdf = typeset(f"<p>第二条 市发展和改革委员会是市政府工作部门，为正处级。</p><p>{LONG}</p><p>第四条 本规定自印发之日起施行。</p>",
                  '@top-center { content: "某市机构编制委员会文件"; font: 8pt T; }'
                  '@bottom-center { content: "— " counter(page) " —"; font: 9pt T; }')
    ex = extract_bytes(pdf, "a.pdf")
    assert ex.method == "pdf-text" and ex.pages >= 2
    lines = ex.text.splitlines()
    assert "某市机构编制委员会文件" not in ex.text and "—" not in ex.text
    assert lines[1].startswith("第三条") and lines[1].endswith("计划的报告。")  # one paragraph over the break
    assert lines[2] == "第四条本规定自印发之日起施行。"


def test_a_header_shown_from_the_second_page_on_goes_too():
    # Word's “different first page”: the running header is on page 2 only, so it repeats nowhere
    pdf = typeset(f"<p>{LONG}</p><p>第四条 本规定自印发之日起施行。</p>",
                  '@top-center { content: "关于印发某市发展和改革委员会规定的通知"; font: 7pt T; }',
                  "@page :first { @top-center { content: none; } }")
    ex = extract_bytes(pdf, "a.pdf")
    assert ex.pages == 2
    assert "关于印发" not in ex.text
    assert ex.text.splitlines()[0].endswith("计划的报告。")


def test_a_header_over_a_last_page_of_one_short_paragraph_goes_too():
    # the document ends with a line or two on its last page: the header above them is still no part of the text
    pdf = typeset(f"<p>{LONG[:130]}</p><p>第四条 本规定自印发之日起施行。</p>",
                  '@top-center { content: "某市发展和改革委员会职能配置规定"; font: 7pt T; }'
                  '@bottom-center { content: "— " counter(page) " —"; font: 9pt T; }',
                  "@page :first { @top-center { content: none; } }")
    ex = extract_bytes(pdf, "a.pdf")
    assert ex.pages == 2  # page 2: the header, the paragraph's last line, 第四条 and the page number
    assert "职能配置规定" not in ex.text
    assert ex.text.splitlines()[-1] == "第四条本规定自印发之日起施行。"


def test_page_x_of_y_footers_are_page_numbers():
    pdf = typeset(f"<p>{LONG}</p>", '@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; '
                                      "font: 9pt T; }")
    ex = extract_bytes(pdf, "a.pdf")
    assert ex.pages == 2
    assert "页" not in ex.text and ex.text.splitlines()[0].endswith("计划的报告。")


def test_a_title_in_large_type_wrapped_over_two_centred_lines_stays_one_line():
    pdf = typeset("<h1>某市发展和改革委员会职能配置内设机构和人员编制规定</h1>"
                  "<p>第一条 根据有关规定，制定本规定。</p><p class='c'>第二章 机构设置</p><p>第二条 设下列内设机构：办公室、"
                  "规划科、财务科。</p>")
    lines = extract_bytes(pdf, "a.pdf").text.splitlines()
    assert lines[0] == "某市发展和改革委员会职能配置内设机构和人员编制规定"
    assert lines[1].startswith("第一条") and lines[2] == "第二章机构设置"


def test_lines_of_a_page_without_geometry_lose_a_repeated_header_only():
    # OCR lines carry no top/bottom: only the repeated-text rule applies to them (30 px a character, 20 a line)
    def line(text, indent=0, height=30):
        return Line(100 + indent, 100 + indent + 30 * len(text), text, height)

    header = "某市机构编制委员会文件"
    page1 = [line(header, 150, 20), line("第二条市发展和改革委员会是市政府工作部", 60), line("门，为正处级。")]
    page2 = [line(header, 150, 20), line("第三条主要职责是拟订并组织实施发展规", 60), line("划，统筹协调经济社会发展。")]
    assert join_lines([page1, page2]).split("\n") == [
        "第二条市发展和改革委员会是市政府工作部门，为正处级。", "第三条主要职责是拟订并组织实施发展规划，统筹协调经济社会发展。"]
    assert join_lines([page1]).split("\n")[0] == header  # one page: nothing repeats


@pytest.mark.parametrize("rows", [[["内设机构", "行政编制"], ["办公室", "5名"], ["规划科", "4名"]]])
def test_table_cells_read_row_by_row(rows):
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    pdf = typeset(f"<p>第五条 内设机构和编制如下：</p><table>{table}</table><p>第六条 本规定自印发之日起施行。</p>")
    lines = extract_bytes(pdf, "a.pdf").text.splitlines()
    assert lines[1:4] == ["内设机构\t行政编制", "办公室\t5名", "规划科\t4名"]
    assert lines[4].startswith("第六条")


def test_where_paragraphs_start_indented_a_full_line_ending_a_sentence_runs_on_into_a_flush_line():
    pdf = typeset("<p>各区农业局：</p><p>为了规范生物制品的管理结合本市实际制定了本办法。现印发给你们，请认真贯彻执行。</p>"
                  "<p>第二条 本办法自印发之日起施行。</p><p>第三条 市农业局负责解释。</p>")
    assert extract_bytes(pdf, "a.pdf").text.splitlines() == [
        "各区农业局:", "为了规范生物制品的管理结合本市实际制定了本办法。现印发给你们,请认真贯彻执行。",
        "第二条本办法自印发之日起施行。", "第三条市农业局负责解释。"]


def test_without_first_line_indents_a_sentence_at_the_margin_still_ends_its_paragraph():
    pdf = typeset("<p>结合本市实际制定了本办法。</p><p>现印发给你们，请认真贯彻执行。</p><p>第二条 本办法自印发之日起施行。</p>",
                  extra_css="p { text-indent: 0 !important; }")
    lines = extract_bytes(pdf, "a.pdf").text.splitlines()
    assert lines[:2] == ["结合本市实际制定了本办法。", "现印发给你们,请认真贯彻执行。"]


def test_a_page_of_indented_short_lines_keeps_the_documents_margins():
    # a table of contents: most lines start indented, so the page's own bulk would put the margin at the indent and
    # a contents line reaching the right edge would swallow the next one
    contents = ["第二部分部门决算表汇总", "一、收入支出决算总表", "二、收入决算表", "三、支出决算表", "四、财政拨款收入支出表",
                "五、一般公共预算支出表", "六、政府性基金预算表", "七、三公经费支出表", "八、国有资本经营预算表", "九、项目支出表"]
    pdf = typeset(f"<p>{LONG[:60]}</p>" + "".join(f"<p>{c}</p>" for c in contents * 2))  # the second page all contents
    lines = extract_bytes(pdf, "a.pdf").text.splitlines()
    assert lines[1:] == contents * 2


def test_large_type_set_with_letter_spacing_keeps_its_digits_together():
    pdf = typeset("<p class='c' style='font-size: 20pt; letter-spacing: 0.17em'>2024年度</p>"
                  f"<p>{LONG[:40]}</p>")
    assert extract_bytes(pdf, "a.pdf").text.splitlines()[0] == "2024年度"


def test_the_title_on_page_one_stays_when_the_running_header_repeats_it():
    title = "某市发展和改革委员会部门决算"
    pdf = typeset(f"<h1>{title}</h1><p>{LONG}</p><p>{LONG}</p>",
                  f'@top-center {{ content: "{title}"; font: 7pt T; }}', "@page :first { @top-center { content: none; } }")
    ex = extract_bytes(pdf, "a.pdf")
    assert ex.pages >= 3
    assert ex.text.splitlines()[0] == title and ex.text.count(title) == 1


def test_a_latin_word_wrapped_to_the_next_line_continues_its_paragraph():
    pdf = typeset("<p>国家旅游局（英语译名：China National Tourism Administration，缩写CNTA）是国务院直属机构。</p>"
                  "<p>第二条 本规定自印发之日起施行。</p>")
    lines = extract_bytes(pdf, "a.pdf").text.splitlines()
    assert len(lines) == 2 and "China National Tourism Administration" in lines[0]


def test_a_number_alone_on_a_line_of_the_body_is_a_value_not_a_page_number():
    # a text PDF's lines (with their place on the page): “21” opens page 2 in the body's line pitch; “— 1 —” stands
    # in the bottom margin
    def line(text, top, x0=100.0):
        return Line(x0, x0 + 16 * len(text), text, 16, top, top + 16)

    page1 = [line("实有人数统计如下表所列：", 100), line("人员编制", 129), line("— 1 —", 780, 300)]
    page2 = [line("21", 100), line("实有人数", 129), line("19", 158)]
    assert join_lines([page1, page2]).split("\n") == ["实有人数统计如下表所列：", "人员编制", "21", "实有人数", "19"]
