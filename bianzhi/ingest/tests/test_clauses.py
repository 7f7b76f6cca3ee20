"""Clause-level reading (ingest/clauses.py): one test per clause kind and per fragment kind. The snippets are
phrasings of real published 三定 (bench/sanding_real has the sources); each fact must be found where it is
stated, with or without section headings around it."""
from .helpers import p


# ---------------------------------------------------------------- notice metadata
def test_notice_title_number_organ_and_date_of_a_cover_letter():
    d = p("国务院办公厅关于印发国务院办公厅主要职责内设机构和人员编制规定的通知\n国办发[2008]60号\n"
          "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n《国务院办公厅主要职责内设机构和人员编制规定》已经国务院批准,现予印发。\n"
          "国务院办公厅\n二○○八年七月十日\n国务院办公厅主要职责内设机构和人员编制规定\n"
          "根据国务院机构改革方案,设立国务院办公厅,为协助国务院领导同志处理国务院日常工作的机构。\n")
    assert d["title"] == "国务院办公厅关于印发国务院办公厅主要职责内设机构和人员编制规定的通知"  # the notice, not the inner 规定
    assert d["inner_title"] == "国务院办公厅主要职责内设机构和人员编制规定"
    assert d["doc_number"] == "国办发〔2008〕60号"
    assert (d["issuing_organ"], d["issued_on"]) == ("国务院办公厅", "2008-07-10")
    assert d["unit"] == "国务院办公厅" and d["nature"] == "协助国务院领导同志处理国务院日常工作的机构"


def test_docnumber_from_page_metadata_and_a_quoted_sanding():
    d = p("发布机构: 揭阳市揭东区人民政府办公室 发布时间: 2019-06-25\n公开方式: 主动公开 文号: 揭东委办发〔2019〕16号\n"
          "揭阳市揭东区工业信息化和科技局\n第一条 根据《揭阳市揭东区机构改革方案》,制定本规定。\n"
          "第二条 区工业信息化和科技局是区政府工作部门,为正科级,加挂区商务局牌子。\n")
    assert d["doc_number"] == "揭东委办发〔2019〕16号" and d["issued_on"] is None  # 发布时间 is not the issue date
    assert d["unit"] == "揭阳市揭东区工业信息化和科技局" and d["plaques"] == ["区商务局"]
    q = p("根据《国家药品监督管理局职能配置、内设机构和人员编制规定》（厅字〔2018〕53号），国家药品监督管理局承担下列职责：")
    assert q["title"] == "国家药品监督管理局职能配置、内设机构和人员编制规定" and q["doc_number"] == "厅字〔2018〕53号"
    assert q["unit"] == "国家药品监督管理局"


# ---------------------------------------------------------------- nature, rank, short name, plaques
def test_statement_forms():
    d = p("第二条沙河市市场监督管理局(简称市市场监督管理局)为市政府工作部门,机构规格正科级,加挂沙河市知识产权局牌子。")
    assert (d["unit"], d["short_name"], d["nature"], d["rank"], d["plaques"]) == (
        "沙河市市场监督管理局", "市市场监督管理局", "市政府工作部门", "正科级", ["沙河市知识产权局"])
    d = p("生态环境部是国务院组成部门,为正部级,对外保留国家核安全局牌子,加挂国家消耗臭氧层物质进出口管理办公室牌子。")
    assert d["plaques"] == ["国家核安全局", "国家消耗臭氧层物质进出口管理办公室"] and d["rank"] == "正部级"
    d = p("安徽省省直机关事务管理局,一,职能调整 根据《…方案》(厅字〔2009〕3号),设立省直机关事务管理局(挂省委省政府接待办公室牌子),为省政府直属机构。")
    assert (d["unit"], d["nature"], d["plaques"]) == ("安徽省省直机关事务管理局", "省政府直属机构", ["省委省政府接待办公室"])
    d = p("曹县编制委员会办公室为县委工作部门,正科级单位。")
    assert (d["unit"], d["nature"], d["rank"]) == ("曹县编制委员会办公室", "县委工作部门", "正科级")
    d = p("南县住房和城乡建设局正科级行政单位,内设办公室、人事股、财计股3个股室。")
    assert (d["unit"], d["nature"], d["rank"]) == ("南县住房和城乡建设局", None, "正科级")
    d = p("人社厅的全称是人力资源和社会保障厅,属于正厅级,为各省或自治区人民政府的组成部门。")
    assert (d["unit"], d["rank"]) == ("人力资源和社会保障厅", "正厅级")


def test_a_law_quoted_on_the_page_is_not_the_units_statement():
    d = p("法律依据: 《中华人民共和国宪法》 第一百零五条 地方各级人民政府是地方各级国家权力机关的执行机关,是地方各级国家行政机关。")
    assert d["unit"] is None and d["nature"] is None


# ---------------------------------------------------------------- lists
def test_duties_follow_their_trigger_and_stop_at_the_next_article():
    d = p("第三条 主要职责是:\n(一)负责全市市场综合监督管理。\n(二)负责反垄断统一执法。\n第四条 市场监管局设下列内设机构:\n(一)办公室。负责机关日常运转。\n(二)登记注册科。\n")
    assert d["duties"] == ["负责全市市场综合监督管理。", "负责反垄断统一执法。"]
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "登记注册科"]
    assert d["internal_bodies"][0]["duties"] == "负责机关日常运转。"


def test_inline_numbered_bodies_then_unnumbered_ones():
    d = p("根据上述职责,市林业局设3个内设机构:(一)综合办公室。负责文电。(二)生态保护修复科。 (三)森林资源管理科。 机关党委。 离退休干部科。 法律依据: 见上。")
    assert [b["name"] for b in d["internal_bodies"]] == ["综合办公室", "生态保护修复科", "森林资源管理科", "机关党委", "离退休干部科"]
    d = p("(二十)人事科\n负责人事工作。\n(二十一)保卫科\n负责治安保卫工作。\n离退休干部工作办公室 负责机关离退休干部工作。\n机关党委 负责机关党群工作。\n四、人员编制\n")
    assert [b["name"] for b in d["internal_bodies"]] == ["人事科", "保卫科", "离退休干部工作办公室", "机关党委"]


def test_inline_unnumbered_body_lists():
    assert [b["name"] for b in p("下设综合科、机构编制科、监\n督检查室、事业单位监督管理局4个内设机构。")["internal_bodies"]] == [
        "综合科", "机构编制科", "监督检查室", "事业单位监督管理局"]  # a 县志 line break inside a name
    assert [b["name"] for b in p("主要内设机构有办公室、人事处、法规处。")["internal_bodies"]] == ["办公室", "人事处", "法规处"]
    assert [b["name"] for b in p("全局共设四个审计业务组,分别为:任期组、财经组、基建组、后勤组。")["internal_bodies"]] == [
        "任期组", "财经组", "基建组", "后勤组"]


def test_digit_numbered_duties_and_sub_items_under_chinese_numbers():
    d = p("汤阴县食品药品监督管理局概况\n我局主要工作职责如下：\n01 贯彻执行国家食品安全法律、法规。\n02 负责药品监督管理。\n")
    assert d["unit"] == "汤阴县食品药品监督管理局" and d["duties"] == ["贯彻执行国家食品安全法律、法规。", "负责药品监督管理。"]
    d = p("主要职责是:\n(一)负责教育工作。\n(二)有关职责分工。\n1.与人社局的分工。\n2.与卫健委的分工。\n")
    assert len(d["duties"]) == 2 and d["duties"][1].startswith("有关职责分工。")


def test_requirement_lists_are_neither_duties_nor_bodies():
    d = p("第十五条 县级以上人民政府行政机构增设内设机构的方案,应当包括下列事项:\n(一)增设机构的必要性;\n(二)增设机构的名称、级别和职能;\n"
          "第二十条 行政机构的编制方案,应当包括下列事项:\n(一)机构编制定额和人员结构比例;\n(二)机构领导职数和内设机构领导职数。\n")
    assert d["duties"] == [] and d["internal_bodies"] == [] and d["staffing"] == []


# ---------------------------------------------------------------- staffing, posts, leadership
def test_staffing_with_breakdown_posts_with_notes_and_ranks():
    d = p("国土资源部机关行政编制为366名(含两委人员编制12名、援派机动编制2名)。其中:部长1名(兼任国家土地总督察)、副部长4名,"
          "专职国家土地副总督察(副部长级)1名,司局级领导职数57名(含总规划师1名)。")
    assert d["staffing"] == [{"type": "行政编制", "raw": "机关行政编制", "count": 366, "includes": [
        {"type": "两委人员编制", "count": 12}, {"type": "援派机动编制", "count": 2}]}]
    assert d["posts"] == [{"title": "部长", "count": 1, "rank": None, "note": "兼任国家土地总督察"},
                          {"title": "副部长", "count": 4, "rank": None, "note": None},
                          {"title": "专职国家土地副总督察", "count": 1, "rank": "副部长级", "note": None}]
    assert d["internal_leadership"] == [{"level": "司局级", "count": 57}]


def test_staffing_types_are_mapped_and_the_wording_kept():
    d = p("四、人员编制\n区交通运输局机关行政编制十二名,事业编制(参照公务员法管理)五名,机关工勤人员事业编制2名,政法专项编制3名,"
          "后勤服务人员编制1名。设局长1名,副局长两名;内设机构领导职数3名。")
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [
        ("行政编制", "机关行政编制", 12), ("事业编制（参照公务员法管理）", "事业编制(参照公务员法管理)", 5),
        ("工勤编制", "机关工勤人员事业编制", 2), ("政法专项编制", "政法专项编制", 3), ("工勤编制", "后勤服务人员编制", 1)]
    assert [(x["title"], x["count"]) for x in d["posts"]] == [("局长", 1), ("副局长", 2)]
    assert d["internal_leadership"] == [{"level": "内设机构", "count": 3}]


def test_unknown_staffing_wording_is_kept_and_flagged():
    d = p("市扶贫办核定专项编制3名。")
    assert d["staffing"] == [{"type": "其他编制", "raw": "专项编制", "count": 3, "includes": [], "unknown": True}]


def test_counts_in_persons_and_abbreviated_types_but_not_actual_headcounts():
    d = p("行政编制12人, 实有6人,事业编制8人,实有8人。行政事业总编制为249个,其中行政编13个、全额事业编45个。")
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 12), ("事业编制", 8), ("行政编制", 13), ("事业编制", 45)]


# ---------------------------------------------------------------- fragments
def test_fragment_a_pasted_staffing_section_alone():
    d = p("四、人员编制\n市政府办公室机关行政编制79名。其中:主任1名,副主任3名;市政府督查室主任1名(副处级);正科级领导职数19名,副科级领导职数9名。")
    assert d["unit"] == "市政府办公室" and d["staffing"][0]["count"] == 79
    assert ("市政府督查室主任", 1, "副处级") in [(x["title"], x["count"], x["rank"]) for x in d["posts"]]
    assert d["internal_leadership"] == [{"level": "正科级", "count": 19}, {"level": "副科级", "count": 9}]
    assert d["duties"] == [] and d["internal_bodies"] == []


def test_fragment_a_body_list_alone_and_trailing_page_text_ignored():
    d = p("内设机构\n(一)办公室\n职责:负责全局事务的综合协调。\n(二)组织人事科\n职责:负责全局的组织、人事工作。\n"
          "按有关规定设置纪检监察机构。\n本内容最后更新于2025年7月2日(截止时间),来源:百度百科")
    assert [(b["name"], b["duties"]) for b in d["internal_bodies"]] == [
        ("办公室", "负责全局事务的综合协调。"), ("组织人事科", "负责全局的组织、人事工作。按有关规定设置纪检监察机构。本内容最后更新于2025年7月2日(截止时间),来源:百度百科")]
    assert d["unit"] is None and d["staffing"] == []


def test_fragment_two_sentences_quoted_on_a_web_page():
    d = p("广东省市场监督管理局是广东省人民政府的直属机构,为正厅级,保留广东省知识产权局牌子。主要负责贯彻落实党中央的方针政策。")
    assert (d["unit"], d["nature"], d["rank"], d["plaques"]) == (
        "广东省市场监督管理局", "广东省人民政府的直属机构", "正厅级", ["广东省知识产权局"])


def test_fragment_with_nothing_to_find_finds_nothing():
    d = p("负责机关和直属单位的干部人事管理、机构编制工作。负责离退休干部服务管理工作。")
    assert all(not d[k] for k in ("title", "unit", "nature", "rank", "plaques", "duties", "internal_bodies", "staffing", "posts"))


def test_a_bracket_left_open_by_ocr_does_not_hide_the_rest_of_the_document():
    # OCR read the closing 〕 of the 文号 as ] (and a list item as “((五)”): the open bracket ends with its line
    text = ("中共百色市委办公室文件\n百办发〔2019]37号\n百色市林业局职能配置、内设机构和人员编制规定\n"
            "第二条 市林业局是市政府工作部门，为正处级，加挂市国有林场管理办公室牌子。\n"
            "((五)防火减灾科。指导全市森林防火工作。\n"
            "第六条 市林业局机关行政编制26名。设局长1名，副局长3名。\n")
    d = p(text)
    assert (d["nature"], d["rank"], d["plaques"]) == ("市政府工作部门", "正处级", ["市国有林场管理办公室"])
    assert [(s["count"], s["type"]) for s in d["staffing"]] == [(26, "行政编制")]
    assert [(x["title"], x["count"]) for x in d["posts"]] == [("局长", 1), ("副局长", 3)]
