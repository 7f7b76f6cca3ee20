"""Notices, 批复, 公告 and their metadata (heldout43, session 16): what a title line looks like wherever it is, the 文号
without its 号, the organ of a masthead or a signature, the date of a cover letter that lost its title, and a
regulation's articles that name other bodies. Texts written for the tests (no corpus text)."""
from bianzhi.ingest.clauses import read_header, wrapped_title

from .helpers import p


# ---------------------------------------------------------------- a title wrapped over two lines, the organ its subject
def test_a_notice_title_wrapped_after_its_organ_and_about_is_one_title():
    d = p("某省人民政府办公厅文件\n某政办发〔2010〕7号\n某省人民政府办公厅关于加强某项\n工作管理的通知\n"
          "各市人民政府:\n现就有关问题通知如下:\n一、提高认识。\n")
    assert d["title"] == "某省人民政府办公厅关于加强某项工作管理的通知"
    assert (d["doc_number"], d["issuing_organ"]) == ("某政办发〔2010〕7号", "某省人民政府办公厅")


def test_guard_a_first_line_that_cites_a_whole_notice_is_no_wrapped_title():
    assert not wrapped_title("依据《某省人民政府关于机构设置的通知》", "设立某局的通知")
    assert wrapped_title("某市编委关于调整某中心", "机构编制事项的通知")


# ---------------------------------------------------------------- 公告 and 通告 titles
def test_an_announcement_is_a_title_and_its_signature_the_organ():
    d = p("关于《某市物业管理条例(草案)》公开征求意见的公告\n发布时间:2020-05-06 09:00\n"
          "现将草案向社会公开征求意见。\n某市人大常委会办公厅\n2020年5月 6 日\n")
    assert d["title"] == "关于《某市物业管理条例(草案)》公开征求意见的公告"
    assert (d["issuing_organ"], d["issued_on"]) == ("某市人大常委会办公厅", "2020-05-06")


def test_guard_a_recruitment_announcement_and_a_menu_are_no_title():
    assert p("某市疾病预防控制中心2026年公开招聘工作人员公告\n一、招聘岗位\n")["title"] is None
    assert read_header("首页 | 政务公开 | 通知公告\n").title is None


# ---------------------------------------------------------------- a cover letter whose title the copy lost
def test_a_cover_letter_without_its_title_has_no_title_and_keeps_its_date():
    d = p("各县人民政府,市政府各部门:\n《某市促进就业工作意见》已经市人民政府同意,现印发给你们,请认真贯彻执行。\n"
          "二○一○年三月五日\n某市促进就业工作意见\n一、总体要求\n")
    assert d["title"] is None
    assert d["issued_on"] == "2010-03-05"


def test_a_cover_letter_signed_jointly_above_the_sanding_it_issues():
    h = read_header("各区委、区人民政府:\n《某市某局职能配置、内设机构和人员编制规定》已经市委、市政府批准,现予印发。\n"
                    "中共某市委办公厅\n某市人民政府办公厅\n2019年3月1日\n某市某局职能配置、内设机构和人员编制规定\n第一条 …\n")
    assert h.title.value == "某市某局职能配置、内设机构和人员编制规定"  # (the corpus convention: the 规定's title)
    assert h.issuing_organ.value == "中共某市委办公厅 某市人民政府办公厅"
    assert h.issued_on.value == "2019-03-01"


# ---------------------------------------------------------------- the masthead names the organ of a notice
def test_a_masthead_names_the_organ_of_a_notice_without_a_signature():
    h = read_header("某县机构编制委员会文件\n关于调整县某中心机构编制的批复\n县某局:\n你局请示收悉。\n")
    assert h.issuing_organ.value == "某县机构编制委员会"


def test_guard_a_sanding_under_its_masthead_states_no_organ():
    h = read_header("中共某市委办公室文件\n某办发〔2019〕3号\n某市某局职能配置、内设机构和人员编制规定\n第一条 为了…\n")
    assert h.issuing_organ is None


# ---------------------------------------------------------------- 文号 grammar
def test_a_docnumber_line_without_its_hao_is_the_docnumber():
    assert read_header("某市人民政府文件\n某政发〔2012〕 15\n关于某事的通知\n").doc_number.value == "某政发〔2012〕15号"
    assert read_header("关于某事的通知\n[某编办发 [2015] 3 号]\n").doc_number.value == "某编办发〔2015〕3号"


# ---------------------------------------------------------------- a regulation's articles name other bodies
def test_a_body_a_regulation_gives_a_task_is_not_its_unit():
    d = p("某州人民代表大会常务委员会机关公文处理办法\n第一条 为规范公文处理,制定本办法。\n"
          "第二条 州人大常委会办公室是负责机关公文处理工作的工作机构。\n")
    assert (d["unit"], d["nature"]) == (None, None)


def test_guard_a_regulation_on_the_unit_named_in_its_title_keeps_it():
    d = p("某市档案馆管理办法\n第一条 为加强管理,制定本办法。\n第二条 某市档案馆是市政府直属的公益一类事业单位。\n")
    assert d["unit"] == "某市档案馆"


# ---------------------------------------------------------------- one-line copies: the header's breaks put back
# (a copy is read as one line run in when it is at least extract.RUN_IN_MIN characters long)
BODY = ("一、提高认识,加强领导。各地各部门要把这项工作摆上重要议事日程,主要负责同志亲自抓,分管负责同志具体抓,层层落实责任。"
        "二、明确责任,落实措施。各有关部门要按照职责分工,密切配合,形成合力,认真研究解决工作中遇到的困难和问题,确保工作顺利推进。"
        "三、加强督查,确保实效。市政府将适时组织督查,对工作推进不力的予以通报,对成绩突出的予以表扬,推动各项措施落到实处。"
        "四、加强宣传,营造氛围。各地各部门要充分利用报刊、广播、电视和网络等媒体,广泛宣传有关政策措施,及时总结推广好的经验做法。")
def test_one_line_a_bracketed_docnumber_after_the_title_and_the_addressees_after_it():
    d = p("某市人民政府办公厅关于做好某项工作的通知(某政办函〔2011〕9号)市政府各委、办、局,各区人民政府:为做好某项工作,"
          "现就有关事项通知如下:" + BODY)
    assert d["title"] == "某市人民政府办公厅关于做好某项工作的通知"
    assert (d["doc_number"], d["issuing_organ"]) == ("某政办函〔2011〕9号", "某市人民政府办公厅")


def test_one_line_a_cover_letters_date_and_the_issued_texts_name_after_its_sentence():
    d = p("各区人民政府,市政府各部门:《某市就业促进工作意见》已经市人民政府同意,现印发给你们,请认真贯彻执行。"
          "二○一一年五月六日某市就业促进工作意见为做好就业工作,现提出如下意见。" + BODY)
    assert d["title"] is None and d["issued_on"] == "2011-05-06"


def test_guard_one_line_a_docnumber_an_approval_sentence_cites_is_not_cut_out():
    d = p("2026年度部门预算于2026年1月26日经市财政局批复(某财预〔2026〕1号),按照预算法规定及预算公开工作的要求,"
          "现将市博物馆2026年部门预算予以公开。" + BODY)
    assert d["title"] is None and d["doc_number"] is None


# ---------------------------------------------------------------- a signature with its seal marked
def test_a_signature_with_its_seal_marked_is_the_organ_and_the_date_below():
    h = read_header("关于同意设立某县某中心的批复\n县某局:\n你局请示收悉。经研究,同意设立某县某中心。\n此复。\n"
                    "某县机构编制委员会\n(印章)\n二〇一九年三月五日\n")
    assert (h.issuing_organ.value, h.issued_on.value) == ("某县机构编制委员会", "2019-03-05")
    h = read_header("关于同意设立某县某中心的批复\n县某局:\n同意设立。\n某县机构编制委员会(盖章)\n2019年3月5日\n")
    assert (h.issuing_organ.value, h.issued_on.value) == ("某县机构编制委员会", "2019-03-05")
