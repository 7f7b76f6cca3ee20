"""Paragraphs of a hard-wrapped copy (text pasted from a PDF) joined before the clauses are read (ingest.reflow).
The texts are written for these tests, not taken from the benchmark corpus."""
from bianzhi.ingest import reflow
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

PARAGRAPHS = [
    "凌云县水利局职能配置、内设机构和人员编制规定",
    "第一条 根据《凌云县机构改革方案》，制定本规定。",
    "第二条 凌云县水利局是县人民政府工作部门，为正科级，加挂凌云县河长制工作办公室牌子。",
    "第三条 县水利局负责保障水资源的合理开发利用，拟订全县水利战略规划和政策，组织编制全县水资源规划、防洪规划等重大水利规划。",
    "第四条 县水利局设下列内设机构：",
    "（一）办公室。负责机关日常运转工作，承担信息、安全、保密、信访、政务公开等工作。",
    "（二）水旱灾害防御股。组织编制洪水干旱灾害防治规划和防护标准并指导实施。",
    "第五条 县水利局机关行政编制8名。设局长1名，副局长2名。",
]


def wrap(paragraphs, width):
    lines = []
    for p in paragraphs:
        lines += [p[i:i + width] for i in range(0, len(p), width)]
    return "\n".join(lines)


def test_a_wrapped_copy_reads_like_the_document_it_was_cut_from():
    whole = parse(from_text("\n".join(PARAGRAPHS)).text).data
    for width in (20, 26):
        cut = parse(from_text(wrap(PARAGRAPHS, width)).text).data
        assert cut["nature"] == whole["nature"] == "县人民政府工作部门", width
        assert cut["rank"] == "正科级"
        assert cut["plaques"] == ["凌云县河长制工作办公室"]
        assert [b["name"] for b in cut["internal_bodies"]] == ["办公室", "水旱灾害防御股"]
        assert [(p["title"], p["count"]) for p in cut["posts"]] == [("局长", 1), ("副局长", 2)]
        assert [s["count"] for s in cut["staffing"]] == [8]


def test_a_name_read_across_a_line_break_is_one_name():
    # too few lines to tell a wrapped page: the lines stay, but a name that runs over a break is read whole
    d = parse(from_text(wrap(PARAGRAPHS, 33)).text).data
    assert d["plaques"] == ["凌云县河长制工作办公室"]
    assert d["nature"] == "县人民政府工作部门"


def test_joined_lines_keep_their_source_offsets():
    original = wrap(PARAGRAPHS, 26)
    extracted = from_text(original)
    assert "为正科级,加挂凌云县河长制工作办公室牌子。" in extracted.text  # joined across the break
    start = extracted.text.index("河长制")
    s, e = extracted.original_span(start, start + len("河长制工作办公室"))
    assert original[s:e].replace("\n", "") == "河长制工作办公室"


def test_items_and_articles_after_a_full_line_stay_on_their_own_lines():
    text, _ = reflow.join_wrapped(wrap(PARAGRAPHS, 26), list(range(2000)))
    lines = text.split("\n")
    assert any(line.startswith("(二)") or line.startswith("（二）") for line in lines)
    assert sum(line.startswith("第") and "条" in line[:5] for line in lines) == 5


def test_paragraphs_that_end_their_sentences_are_not_joined():
    # lines of one length that each end a sentence: one paragraph a line, as typed
    text = "\n".join(["负责全县水资源的统一监督管理工作。"] * 3 + ["指导全县水利设施、水域及其岸线的管理与保护。"] * 4)
    assert reflow.join_wrapped(text, list(range(len(text))))[0] == text


def test_short_lines_and_lists_of_names_are_not_joined():
    text = "\n".join(["办公室", "财务股", "水旱灾害防御股", "水资源管理股", "河湖管理股", "农村水利水电股"])
    assert reflow.join_wrapped(text, list(range(len(text))))[0] == text
    # a few lines of one length by chance (a table of contents) are no wrapped page
    toc = "\n".join(["第一部分 部门概况", "一、部门主要职责", "二、部门机构设置", "第二部分 2023年部门预算表",
                     "一、收支总表", "二、收入总表", "三、支出总表", "第三部分 2023年部门预算情况说明"])
    assert reflow.join_wrapped(toc, list(range(len(toc))))[0] == toc


def test_a_page_copied_with_a_blank_line_after_every_line_reads_as_typed():
    typed = "\n".join(["凌云县水利局内设机构", "县水利局设下列内设机构：", "办公室", "水旱灾害防御股", "水资源管理股",
                       "河湖管理股", "县水利局机关行政编制8名。"])
    spaced = "\n\n".join(typed.split("\n"))
    assert [b["name"] for b in parse(from_text(spaced).text).data["internal_bodies"]] == \
        [b["name"] for b in parse(from_text(typed).text).data["internal_bodies"]] == \
        ["办公室", "水旱灾害防御股", "水资源管理股", "河湖管理股"]


def test_a_pasted_body_list_under_its_announcing_line_one_name_a_line():
    names = ["办公室", "水旱灾害防御股", "水资源管理股", "河湖管理股"]
    for head in ("县水利局设下列内设机构：", "县水利局设4个内设机构：", "三、内设机构", "第四条 县水利局设下列内设机构：",
                 "内设机构"):
        for ending in ("", "；"):
            text = "\n".join([head] + [n + ending for n in names] + ["县水利局机关行政编制8名。"])
            assert [b["name"] for b in parse(from_text(text).text).data["internal_bodies"]] == names, (head, ending)
    # lines that are sentences, not names, are no list
    text = "县水利局设下列内设机构：\n根据工作需要另行研究确定。\n具体职责由局党组确定。"
    assert parse(from_text(text).text).data["internal_bodies"] == []


def test_blank_lines_here_and_there_stay():
    text = "\n".join(["第一部分 部门概况", "一、部门主要职责", "负责全县水利工作。", "", "二、部门机构设置",
                      "办公室", "财务股", "", "第二部分 预算表", "一、收支总表"])
    assert reflow.collapse_double_spacing(text, list(range(len(text))))[0] == text
    spaced = "\n\n".join(text.replace("\n\n", "\n").split("\n"))
    collapsed, offsets = reflow.collapse_double_spacing(spaced, list(range(len(spaced))))
    assert collapsed == text.replace("\n\n", "\n")
    assert all(spaced[o] == c for o, c in zip(offsets, collapsed, strict=True))


def test_wrapped_prose_among_a_budget_notes_contents_and_tables():
    contents = ["目 录", "第一部分 凌云县委宣传部概况", "一、部门职责", "二、机构设置", "第二部分 2022年部门预算表",
                "一、收支预算总表", "二、收入预算总表", "三、支出预算总表", "四、财政拨款收支预算总表",
                "五、一般公共预算支出表", "六、一般公共预算基本支出表", "七、一般公共预算“三公”经费支出表",
                "八、政府性基金预算支出表", "九、国有资本经营预算支出表", "十、部门整体支出绩效目标表",
                "十一、项目支出绩效目标表", "第三部分 2022年部门预算情况说明", "一、收支预算总体情况说明",
                "二、收入预算情况说明", "三、支出预算情况说明", "第四部分 名词解释"]
    prose = ("县委宣传部设办公室、新闻宣传股、理论教育与意识形态股、文化艺术股、传媒出版股、精神文明创建股、县委报道组及"
             "新时代文明实践指导中心。县委宣传部核定行政编制20人,事业编制12人,共有编制32人。现有正式职工29人,"
             "其中行政20人,事业6人,工勤3人。现有退休职工7人。2022年财政预算拨款收入851.61万元,其中一般公共预算拨款"
             "收入593.61万元,专项业务预算拨款收入258万元,主要用于党报党刊征订、宣传工作经费、学校思想政治教育经费、"
             "新华网站技术服务及维护费等项目,较上年增加12.5万元,主要原因是新时代文明实践中心建设经费增加。")
    wrapped = [prose[i:i + 30] for i in range(0, len(prose), 30)]
    text = "\n".join(contents + ["第一部分 凌云县委宣传部概况", "二、机构设置"] + wrapped)
    out = from_text(text).text
    assert "新时代文明实践指导中心。" in out  # the wrapped prose is joined
    assert "目录\n第一部分" in out and "一、收支预算总表\n二、收入预算总表" in out  # contents lines stay lines
    assert "新时代文明实践指导中心" in [b["name"] for b in parse(out).data["internal_bodies"]]


DUTY_LIST = [
    "田林县文化馆2024年度部门预算、“三公”经费预算公开说明",
    "发布时间: 2024-03-02 来源:县文化馆",
    "一、单位职责",
    "1、组织全县群众文化活动；",
    "2、负责全县非物质文化遗产的普查、认定、申报、保护和传承工作，指导乡镇综合文化站开展业务；",
    "3、辅导基层文艺骨干，组织群众文艺团队的业务培训和交流展演，培养乡村文化能人；",
    "4、承担全县公共文化服务体系建设的业务指导，组织开展文化惠民演出、展览、讲座和培训；",
    "5、收集整理民族民间文艺资料；",
    "6、负责馆内文物和档案的管理，配合做好全县文物普查、保护、利用和安全检查等相关工作；",
    "7、指导村级文化室开展活动，帮助村屯建设文艺队伍，开展送文化下乡和文化志愿服务；",
    "8、组织开展对外文化交流和合作，承办县委、县政府确定的大型节庆文化活动和群众性文艺比赛；",
    "9、承担馆内场馆的开放服务；",
    "10、负责馆属文艺团队的组建、培训、排练和演出管理，推动群众文艺创作和优秀作品的推广展示；",
    "11、完成县文化广电体育和旅游局交办的其他任务。",
    "二、机构设置",
    "田林县文化馆设办公室、辅导部、非遗保护部3个内设机构。",
    "三、收支预算情况",
    "（一）收入预算合计315.20万元。",
    "（二）一般公共预算拨款收入301.20万元。",
    "（三）政府性基金预算拨款收入0万元。",
    "（四）事业收入14.00万元。",
    "（五）支出预算合计315.20万元。",
    "（六）基本支出270.45万元。",
    "（七）项目支出44.75万元。",
    "（八）“三公”经费预算1.20万元。",
]


def test_a_list_whose_long_items_alone_wrapped_is_joined():
    """Most items fit one line; the long ones wrapped mid-sentence at the page width. Those are rejoined, the short
    items and the title stay as they are, and a page's field line under the title is not taken into the title."""
    whole = parse(from_text("\n".join(DUTY_LIST)).text).data
    cut = parse(from_text(wrap(DUTY_LIST, 30)).text).data
    assert len(whole["duties"]) == 11
    assert cut["duties"] == whole["duties"]
    assert [b["name"] for b in cut["internal_bodies"]] == ["办公室", "辅导部", "非遗保护部"]


def test_a_title_at_the_wrap_width_keeps_the_page_fields_off_it():
    text, _ = reflow.join_wrapped("\n".join(wrap(DUTY_LIST, 30).split("\n")), list(range(2000)))
    assert "发布时间: 2024-03-02 来源:县文化馆" in text.split("\n")
