"""A document pasted as one line with nothing where its paragraphs ended (issue 12, `extract.one_line_breaks`):
the breaks a document always has come back — before each item of a list numbered in order, before the list's
lead, before bullets and before a heading a list of names runs into — and nowhere else."""
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

# filler that makes a paragraph of a one-line copy long enough to be one (RUN_IN_MIN characters in all)
_PROSE = ("本单位坚持以人民为中心的发展思想,认真贯彻落实上级各项决策部署,持续推进各项工作高质量发展,"
          "不断提升服务水平和工作效能,切实完成好各项目标任务。") * 3


def _lines(one_line: str) -> list[str]:
    return from_text(one_line).text.split("\n")


def test_arabic_items_and_their_lead_each_start_a_line():
    text = (_PROSE + "综合科的主要职责为:1.负责机关文电、会务、机要、档案等日常运转工作。2.组织起草全局综合性文稿和重要报告。"
            "3.负责机关财务、资产管理和后勤保障工作。4.完成局领导交办的其他工作。业务科的主要职责为:1.负责本行业统计分析工作。"
            "2.负责统计数据的审核和发布工作。3.完成局领导交办的其他工作。")
    lines = _lines(text)
    assert "综合科的主要职责为:" in lines
    assert "2.组织起草全局综合性文稿和重要报告。" in lines
    assert "4.完成局领导交办的其他工作。" in lines  # the last item no longer runs into the next body's lead
    assert "业务科的主要职责为:" in lines


def test_bodies_numbered_in_parentheses_are_read_from_a_one_line_copy():
    text = ("测试县某某镇人民政府2023年度部门决算一、单位基本情况(一)职能职责。" + _PROSE + "(二)单位构成。"
            "1.综合设置办事机构(1)党政办公室:主要负责综合协调、文秘、机要保密、政务公开、会务接待等职责。"
            "(2)党群工作办公室:主要负责机构编制、组织人事、基层党建、群团等职责。"
            "(3)经济发展办公室:主要负责经济发展规划、农村经营管理、经济社会统计等职责。"
            "(4)财政办公室:主要负责财政收支、预决算、村级财务管理等职责。二、收入支出决算总体情况说明略。")
    lines = _lines(text)
    assert "(2)党群工作办公室:主要负责机构编制、组织人事、基层党建、群团等职责。" in lines
    names = [b["name"] for b in parse(from_text(text).text).data.get("internal_bodies") or []]
    assert names == ["党政办公室", "党群工作办公室", "经济发展办公室", "财政办公室"]


def test_sections_after_a_sentence_end_and_bullets_start_lines():
    text = ("某某市卫生健康委员会架构一、内设机构某某市卫生健康委员会内设多个职能科室,主要包括:- 办公室:负责日常政务、文电处理等工作。"
            "- 人事科:负责人事管理、机构编制等工作。- 医政医管科:负责医疗质量、医疗安全等工作。二、职能" + _PROSE
            + "三、直属单位略。")
    lines = _lines(text)
    assert "- 人事科:负责人事管理、机构编制等工作。" in lines
    assert any(line.startswith("二、职能") for line in lines)
    assert any(line.startswith("三、直属单位") for line in lines)


def test_a_heading_run_into_by_a_list_of_names_starts_a_line():
    text = ("某某区图书馆2016年度部门预算(一)部门机构设置、职能机构设置:设有办公室、电子阅览室、少儿阅览室、报刊阅览室、中心书库"
            "主要职责:负责开展各类文献外借、内阅、检索服务。" + _PROSE)
    assert any(line.startswith("主要职责:负责开展") for line in _lines(text))


def test_lists_that_are_no_paragraphs_stay_run_in():
    # items parted by “;” inside one sentence, a contents list; a table's row
    cell = "| 公开内容 | 1.政府信息的分类、编排体系。2.政府信息获取方式。3.政府信息公开机构信息 | 20个工作日 |"
    assert "任务。| 公开内容 |" in from_text(_PROSE + cell + _PROSE).text  # the cell's list has no lead of its own
    clause = "(1)管理本系统的干部学校;(2)管理和组织法制宣传工作;(3)管理律师和法律服务工作。"
    contents = "目录一、部门概况二、收入预算情况三、支出预算情况四、其他说明"
    for lead, run_in in (("主要职责是:", clause), ("", contents)):
        assert from_text(run_in).text in from_text(_PROSE + lead + run_in + _PROSE).text, run_in


def test_a_text_with_its_own_lines_is_left_as_it_is():
    text = ("综合科的主要职责为:1.负责机关文电、会务工作。2.组织起草综合性文稿。3.负责机关财务工作。\n" + _PROSE + "\n"
            + _PROSE + "\n" + _PROSE)
    assert from_text(text).text.split("\n")[0].startswith("综合科的主要职责为:1.负责")


def test_a_numbered_section_heading_after_a_sentence_end_starts_a_line_and_ends_at_its_text():
    text = (_PROSE + "一、部门基本概况(一)职能职责我单位属于交通运输局二级机构,主要负责全市农村公路的养护。"
            "(二)机构设置本单位设立办公室、养护股、工程股、财务股等股室。二、部门预算单位构成本单位只有本级。")
    lines = _lines(text)
    assert "(二)机构设置" in lines
    assert any(line.startswith("本单位设立办公室、养护股、工程股、财务股等股室。") for line in lines)
    names = [b["name"] for b in parse(from_text(text).text).data.get("internal_bodies") or []]
    assert names == ["办公室", "养护股", "工程股", "财务股"]


def test_each_body_paragraph_starts_a_line():
    text = ("某某县人民政府办公室组织机构某某县人民政府办公室设有多个科室。秘书科作为核心部门,负责日常政务联络、公文处理等工作。"
            "调研科主要负责起草重要材料。社会事业科、农村科等科室分别负责分管领导召集会议的材料准备。" + _PROSE)
    lines = _lines(text)
    assert "秘书科作为核心部门,负责日常政务联络、公文处理等工作。" in lines
    assert "调研科主要负责起草重要材料。" in lines
    assert any(line.startswith("社会事业科、农村科等科室分别负责") for line in lines)


def test_a_title_given_twice_and_a_title_before_its_first_section():
    title = "某某县人民政府办公室关于成立某某县防汛抗旱指挥部的通知"
    lines = _lines("法律信息网" + title + title + "某政办函〔2022〕5号各镇人民政府:" + _PROSE + _PROSE)
    assert lines[:3] == ["法律信息网", title, title]
    budget = "某某县审计局2020年部门决算"
    lines = _lines("首页 | 信息公开 " + budget + "一、部门主要职责" + _PROSE + " 二、机构设置 " + _PROSE)
    assert budget in lines


def test_a_unit_opened_on_a_day_is_named_without_the_day():
    data = parse("某某市文字博物馆于2009年11月16日开馆,为全供事业单位,现有人员编制75人。").data
    assert (data["unit"], data["nature"]) == ("某某市文字博物馆", "全供事业单位")


# ------------------------------------------------------------------ the page's head (session 13)
def test_page_labels_dates_and_site_words_around_a_title_start_lines():
    budget = "某某区文化馆2021年部门预算公开"
    text = ("进入老年模式政府信息公开" + budget + "来源:某某区文化馆发布时间: 2021-01-15 15:53浏览次数: 1第一部分:"
            + budget + "说明一、部门基本概况" + _PROSE)
    lines = _lines(text)
    assert lines[:2] == ["进入老年模式政府信息公开", budget]  # the site's words in a row stay one line
    assert lines[2].startswith("来源:某某区文化馆发布时间: 2021-01-15 15:53")  # a row of labels stays one line
    data = parse(from_text(text).text).data
    assert (data["title"], data["unit"]) == (budget, "某某区文化馆")


def test_a_label_row_ends_at_its_date_and_a_title_given_again_after_page_words():
    title = "某某市政务服务管理局2023年度部门决算"
    text = ("政府信息公开索引号:abc/2024-00195发布机构:某某市财政局发布日期:2024-09-12" + title + "监督索引号530900007437"
            + title + "目录第一部分部门概况一、主要职能二、部门基本情况" + _PROSE)
    lines = _lines(text)
    assert lines[lines.index(title) - 1].endswith("发布日期:2024-09-12")
    assert lines.count(title) == 2
    data = parse(from_text(text).text).data
    assert (data["title"], data["unit"]) == (title, "某某市政务服务管理局")


def test_page_head_rules_leave_the_document_and_its_own_titles_alone():
    # a label in the document's body (after its first sentence), site words inside a title, a title and its subtitle,
    # the page's words before its breadcrumbs, two titles that differ only by their end
    body = "本单位资金来源:财政拨款。发布时间:以上级通知为准。"
    assert body in from_text(_PROSE + body + _PROSE).text
    report = "某某市人民政府2023年政府信息公开工作年度报告"
    assert report in from_text(report + "根据《条例》规定编制本报告。" + _PROSE * 2).text
    subtitle = "部门职能配置内设机构和人员编制规定:核心要点与执行详解"
    assert subtitle in from_text(subtitle + "2025-11-21 04:53:40互联网" + subtitle + "是指什么?" + _PROSE * 2).text
    assert "无障碍浏览长者模式首页 >> 部门目录" in from_text("无障碍浏览长者模式首页 >> 部门目录 >> 正文" + _PROSE * 2).text
    first, second = "某某区文化馆2019年部门预算公开", "某某区文化馆2019年部门预算说明"
    lines = _lines(first + "来源:文化馆" + second + "一、部门基本概况" + _PROSE * 2)
    assert lines[0] == first and lines[1].startswith("来源:文化馆" + second)


def test_a_note_title_before_its_first_part_and_a_heading_before_its_label():
    # “• 2016-04-05X2016年度部门预算一、X单位概况(一)部门机构设置、职能机构设置:设有…”
    title = "某某区图书馆2016年度部门预算"
    text = ("• 745795450/2016-00043• 某某区文化旅游局• 预算,部门预算• 2016-04-05" + title + "一、某某区图书馆单位概况"
            "(一)部门机构设置、职能机构设置:设有办公室、电子阅览室、少儿阅览室、中心书库主要职责:负责开展各类文献外借服务。"
            + _PROSE * 2)
    lines = _lines(text)
    assert title in lines
    assert "(一)部门机构设置、职能" in lines
    assert "机构设置:设有办公室、电子阅览室、少儿阅览室、中心书库" in lines
    names = [b["name"] for b in parse(from_text(text).text).data.get("internal_bodies") or []]
    assert names == ["办公室", "电子阅览室", "少儿阅览室", "中心书库"]


def test_a_section_heading_ends_before_a_place_name_that_starts_with_he():
    # “二、机构设置和平彝族乡人民政府下属…”: 和 here opens a name, not “机构设置和人员编制”
    text = (_PROSE + "二、机构设置和平某某乡人民政府下属二级预算单位0个,其中行政单位3个(党政办公室、财政所、党建办公室)。"
            "三、机构设置和人员编制情况说明略。" + _PROSE)
    lines = _lines(text)
    assert "二、机构设置" in lines
    assert any(line.startswith("和平某某乡人民政府下属") for line in lines)
    assert any(line.startswith("三、机构设置和人员编制情况说明略。") for line in lines)


def test_a_heading_before_a_label_needs_a_numbered_heading_or_a_list():
    # no number before it, no list of names: “…职责和机构设置:” runs on as written
    text = _PROSE + "本局内设机构的职能和机构设置:按照精简效能原则设置。" + _PROSE
    assert "本局内设机构的职能和机构设置:按照精简效能原则设置。" in from_text(text).text


def test_a_first_article_run_into_its_title_starts_a_line():
    title = "某某市某某区工业和科技局"
    articles = ("第一条根据《某某区机构改革方案》,制定本规定。第二条区工业和科技局是区政府工作部门,为正科级。"
                "第三条区工业和科技局贯彻落实上级决策部署。")
    lines = _lines("文号:某委办发〔2019〕16号" + title + articles + _PROSE)
    assert lines[:3] == ["文号:某委办发〔2019〕16号", title, "第一条根据《某某区机构改革方案》,制定本规定。"]
    rule = "某某省生态环境厅职能配置、内设机构和人员编制规定"
    lines = _lines(rule + "2019-03-04" + articles + _PROSE)
    assert lines[:2] == [rule, "2019-03-04"]
    # an article cited in a sentence, or no articles going on in order: no break
    cited = "根据第一条规定,本局负责全区工业工作。"
    assert cited in from_text(_PROSE + cited + _PROSE).text
    lone = "本办法第一条所称单位是指本级。"
    assert lone in from_text(_PROSE + "本局内设机构" + lone + _PROSE).text


# ------------------------------------------------------------------ items and their headings (session 14)
def test_a_list_the_copy_starts_in_its_middle_counts_on():
    # a copy that starts at (六): the numbers count on from there, each after a sentence's end
    text = ("负责本部门的财务管理和内部审计工作;承办领导交办的其他事项。(六)科学技术司拟定行业科技发展规划,组织重大科技项目的实施。"
            "(七)对外联络司管理行业外事工作,负责与有关国际组织的联系。(八)保卫局管理和指导本系统的安全保卫工作。" + _PROSE)
    lines = _lines(text)
    assert lines[1:6] == ["(六)科学技术司", "拟定行业科技发展规划,组织重大科技项目的实施。", "(七)对外联络司",
                          "管理行业外事工作,负责与有关国际组织的联系。", "(八)保卫局"]
    names = [b["name"] for b in parse(from_text(text).text).data.get("internal_bodies") or []]
    assert names == ["科学技术司", "对外联络司", "保卫局"]
    # numbers that do not start the copy's first list, or do not count on, stay as written
    cited = "依照本条(六)项、(七)项和(八)项的规定办理。"
    assert cited in from_text(_PROSE + cited + _PROSE).text
    skipping = "(六)甲乙丙丁戊己工作。(八)甲乙丙丁戊己工作。(九)甲乙丙丁戊己工作。"
    assert skipping in from_text(skipping + _PROSE).text


def test_an_item_that_names_a_body_ends_after_the_name():
    text = ("某某县公安局2020年度部门决算一、基本情况(一)机构设置内设股级机构3个。1、综合室(加挂指挥中心牌子)负责掌握全县工作情况;"
            "负责接报警工作。2、治安管理大队负责全县治安管理工作。3、法制股承担执法监督和法制宣传工作。" + _PROSE)
    lines = _lines(text)
    for line in ("1、综合室(加挂指挥中心牌子)", "负责掌握全县工作情况;负责接报警工作。", "2、治安管理大队", "3、法制股"):
        assert line in lines, line
    # a duty list's items keep their verbs, whatever names they hold
    duties = ("主要职责:(一)负责全区档案馆的建设和管理工作。(二)指导全区机关档案室业务工作。(三)管理全区档案中心数据。")
    lines = _lines(_PROSE + duties + _PROSE)
    assert "(一)负责全区档案馆的建设和管理工作。" in lines
    assert "(二)指导全区机关档案室业务工作。" in lines


def test_a_heading_ends_where_it_is_said_again_or_the_subject_is_named():
    text = ("引言某某县国有林场是一家生态公益型林场。本文介绍某某县国有林场的情况。一、基本情况某某县国有林场位于某某县城西,经营面积8万亩。"
            "二、管理体制某某县国有林场内设生产股、财务股和办公室。三、人员情况某某县国有林场编制60人。" + _PROSE)
    lines = _lines(text)
    for line in ("一、基本情况", "二、管理体制", "三、人员情况"):
        assert line in lines, line
    assert any(line.startswith("某某县国有林场内设生产股") for line in lines)
    data = parse(from_text(text).text).data
    assert data["unit"] == "某某县国有林场"
    items = ("下设三个机构:(一)秘书处秘书处是综合办事机构,负责会务工作。(二)研究室研究室负责调查研究工作。"
             "(三)联络处联络处负责联络工作。")
    lines = _lines(_PROSE + items + _PROSE)
    assert "(一)秘书处" in lines and "(三)联络处" in lines
    # a duty's verb before the subject's name is no heading: “(一)贯彻执行某某县国有林场…”
    duties = ("主要职责:(一)贯彻执行某某县国有林场的各项制度。(二)组织某某县国有林场的营林生产。(三)负责护林防火工作。")
    lines = _lines(_PROSE + "某某县国有林场某某县国有林场" + duties + _PROSE)
    assert "(一)贯彻执行某某县国有林场的各项制度。" in lines
    assert "(二)组织某某县国有林场的营林生产。" in lines


def test_a_body_paragraph_with_its_verb_straight_after_the_name_starts_a_line():
    text = (_PROSE + "秘书科作为核心部门,负责日常政务联络。接待办负责接待上级领导与来宾。复议应诉科则承担行政复议的日常工作。" + _PROSE)
    lines = _lines(text)
    assert "接待办负责接待上级领导与来宾。" in lines
    assert any(line.startswith("复议应诉科则承担行政复议的日常工作。") for line in lines)
