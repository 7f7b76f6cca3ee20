"""Clause kinds the 事业单位 split showed the parser missing (bench/sanding_real, split heldout20): one test per rule
added after its first run, and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts:
each rule is tried on a differently worded, differently named text of the same kind, so a test passes only if the rule
is general."""
from bianzhi.ingest import institution_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- a 章程's name article; an article number is no name
def test_charter_name_article_gives_the_unit_not_the_article_subject():
    d = p("第一章 总则\n第一条 为规范学校管理,根据有关法律法规,制定本章程。\n第二条 学校名称:佛山市南海区桂城中心小学\n"
          "第三条 学校地址:佛山市南海区桂城街道南五路1号\n第四条 学校经费来源是财政补助。\n"
          "第五条 学校是非营利性事业单位,具有法人资格。")
    assert d["unit"] == "佛山市南海区桂城中心小学"
    assert d["nature"] == "非营利性事业单位"


def test_an_article_number_is_never_part_of_the_unit():
    d = p("第三条 学校经费来源是财政补助。\n第四条 学校的举办单位是某镇人民政府。")
    assert d["unit"] is None or not d["unit"].startswith("第")


def test_charter_of_a_hospital_named_with_shi():
    d = p("第一章 总则\n第二条 本医院名称是宜宾市第三人民医院。\n第三条 本医院住所是宜宾市翠屏区。")
    assert d["unit"] == "宜宾市第三人民医院"


# ---------------------------------------------------------------- Q&A on one unit; an explainer on a kind of unit
def test_question_title_names_the_unit_the_answer_describes():
    d = p("长沙图书馆是什么性质的单位\n最佳答案\n一、长沙图书馆是事业单位。\n二、事业单位一般分为全额拨款、差额拨款和"
          "自收自支三类。\n三、长沙图书馆始建于1958年,2015年新馆开放。")
    assert d["unit"] == "长沙图书馆"


def test_question_about_a_kind_of_body_names_no_unit_and_its_points_are_no_duties():
    d = p("档案馆是什么性质事业单位\n档案馆通常属于事业单位,一般由党委办公室管理。\n二、档案馆的主要职能\n"
          "1. 档案接收与保管:负责接收本级机关形成的档案。\n2. 档案利用服务:负责提供档案查阅利用。\n"
          "3. 档案编研:负责编辑出版档案史料。")
    assert d["unit"] is None
    assert d["duties"] == []


def test_question_with_a_place_named_is_one_unit():
    assert institution_clauses.question_unit("成都市妇幼保健院属于什么级别\n答:正处级事业单位。").value == "成都市妇幼保健院"
    assert institution_clauses.explainer_kind("成都市妇幼保健院属于什么级别\n答:正处级事业单位。") is None


# ---------------------------------------------------------------- news on a unit approved: rank, plaques, staffing total
def test_news_on_a_unit_approved_gives_unit_rank_plaques_and_staffing():
    d = p("6月18日,丽江市古城保护中心正式获批设立,系全市首个副处级文化遗产保护事业单位。该中心挂丽江古城世界文化遗产"
          "监测中心、丽江市文物考古研究所牌子,统筹设置内设机构5个,事业编制合计35名。")
    assert d["unit"] == "丽江市古城保护中心"
    assert d["rank"] == "副处级"
    assert d["nature"] is None
    assert sorted(d["plaques"]) == ["丽江古城世界文化遗产监测中心", "丽江市文物考古研究所"]
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 35)]


def test_plaques_of_another_kind_of_body_are_not_the_units():
    # “该局” is not the 中心 read as the unit: its plaques are not taken
    assert institution_clauses.this_plaques("该局挂市地震局牌子。", "某市应急服务中心") == []


# ---------------------------------------------------------------- budget notes: the subject of duties and of staffing
def test_budget_note_unit_from_its_duties_subject_and_typed_staffing_with_renshu():
    d = p("第一部分部门概况\n一、部门主要职责\n佛山市殡仪馆部门主要职责:承担全市遗体接运、火化和骨灰寄存服务。\n"
          "三、人员情况\n2019年,佛山市殡仪馆共有事业编制人数45名,其中财政供养的编内实有在职人员40人。")
    assert d["unit"] == "佛山市殡仪馆"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 45)]


def test_article_unit_from_an_untyped_staffing_sentence():
    d = p("一、基本情况\n建宁国有林场位于福建省建宁县,经营总面积6万亩。\n2. 人员保障状况\n建宁国有林场编制85人,"
          "目前在编60人,离退休人员20人。")
    assert d["unit"] == "建宁国有林场"
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "编制", 85)]


def test_staff_on_hand_is_no_staffing_subject():
    assert institution_clauses.staff_subject("某县林场现有在编人员30人。") is None


# ---------------------------------------------------------------- bodies
def test_bare_list_items_take_the_suffix_of_the_next_named_body():
    d = p("宁化国有林场位于宁化县。目前,设有营林、资源、森保股和办公室等四个股室,下设六个工区。宁化国有林场编制60人。")
    assert bodies(d) == ["营林股", "资源股", "森保股", "办公室"]


def test_shared_suffix_needs_the_count_to_match():
    # five items for a count of four: not read that way
    assert institution_clauses.shared_suffix_bodies("设有营林、资源、森保、护林股和办公室等四个股室。") == []


def test_charter_subject_sets_up_its_bodies_without_a_count():
    d = p("第一条 为保护文化遗产,制定本章程。\n第二条 温州博物馆是非营利性的文化机构。\n"
          "第八条 温州博物馆设立陈列部、保管部、社教部、办公室等职能部门,负责陈列、保管和社会教育工作。")
    assert bodies(d) == ["陈列部", "保管部", "社教部", "办公室"]


def test_another_subjects_bodies_are_not_the_units():
    assert institution_clauses.subject_list_bodies("市文化局设立办公室、财务科、文物科等职能部门。", "温州博物馆") == []


def test_a_lists_closing_word_is_no_part_of_its_last_name():
    d = p("临潭县融媒体中心为财政全额拨款的正科级事业单位,归口县委宣传部领导。融媒体中心内设办公室、采编室、技术室等科室,"
          "现有在编人员20人。")
    assert bodies(d) == ["办公室", "采编室", "技术室"]


def test_the_first_body_of_a_count_whose_list_is_cut_off():
    d = p("一、单位基本情况\n重庆市綦江区融媒体中心为区委直属事业单位,机构规格正处级。\n(二)单位构成\n"
          "根据职能职责,重庆市綦江区融媒体中心共内设办公室等12个机构,分别为:\n1.办公室:负责统筹协调、综合")
    assert bodies(d) == ["办公室"]


# ---------------------------------------------------------------- posts and leadership counts
def test_editor_in_chief_is_a_post():
    d = p("重庆市黔江区融媒体中心为区委直属事业单位,机构规格正处级。核定事业编制60名,其中:主任1名,总编辑1名,副总编辑2名。"
          "内设机构领导职数20名;党的机关按规定配备。")
    assert [(q["title"], q["count"]) for q in d["posts"]] == [("主任", 1), ("总编辑", 1), ("副总编辑", 2)]
    assert d["internal_leadership"] == [{"level": "内设机构", "count": 20}]  # the platform's level word (test_clauses)


# ---------------------------------------------------------------- a budget note's title under the site's chrome
def test_budget_note_title_with_gaikuang_ji_shuoming_under_chrome():
    d = p("政府信息公开\n\n临夏县融媒体中心2022年部门预算概况及说明\n时间:2022-06-07\n\n部门职责\n负责全县新闻报道工作。")
    assert d["title"] == "临夏县融媒体中心2022年部门预算概况及说明"
    assert d["unit"] == "临夏县融媒体中心"


# ---------------------------------------------------------------- heldout20b: ranks in class statements, quotas, titles
def test_rank_in_a_second_class_statement_of_the_unit():
    d = p("一、单位基本情况\n(一)职能职责\n重庆市璧山区图书馆为重庆市璧山区文化和旅游发展委员会直属事业单位,是财政全额拨款的"
          "正科级公益性文化事业单位。\n主要职责是:负责图书借阅服务。")
    assert d["nature"] == "重庆市璧山区文化和旅游发展委员会直属事业单位"
    assert d["rank"] == "正科级"


def test_rank_from_the_establishment_and_an_untyped_quota_in_people():
    d = p("一、纪念馆基本情况\n酒泉市肃州区革命烈士纪念馆始建于1985年。\n酒泉市肃州区革命烈士纪念馆属于肃州区文化和旅游局,"
          "正科级建制,全额财政拨款事业单位。核定编制9人,现有工作人员15人。")
    assert d["rank"] == "正科级"
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "编制", 9)]


def test_a_general_sentence_gives_no_rank_to_the_unit():
    # the rank of “省级疾控中心” in general is not the rank of the unit the text names
    assert institution_clauses.class_rank("某市疾控中心始建于1953年。省级疾控中心是隶属于省卫生厅的正处级事业单位。",
                                          "某市疾控中心") is None


def test_budget_title_that_runs_on_after_the_report_name():
    d = p("开阳县文化馆2025年度部门预算、“三公”经费预算公开说明及填报口径说明\n\n发布时间: 2025-04-14\n"
          "一、单位概况\n(二)单位机构设置\n开阳县文化馆设办公室、群文部、非遗部共3个内设科室。")
    assert d["title"] == "开阳县文化馆2025年度部门预算、“三公”经费预算公开说明及填报口径说明"
    assert d["unit"] == "开阳县文化馆"
    assert bodies(d) == ["办公室", "群文部", "非遗部"]


def test_bodies_counted_as_ke_shi_in_brackets_and_listed_after_fenbie_shi():
    d = p("一、单位基本情况\n重庆市铜梁区文化馆为重庆市铜梁区文化和旅游发展委员会直属事业单位。\n(二)单位构成\n"
          "重庆市铜梁区文化馆内设4个职能科(室),分别是办公室、活动部、培训部、非遗中心。")
    assert bodies(d) == ["办公室", "活动部", "培训部", "非遗中心"]


def test_an_associations_charter_names_no_unit_and_its_members_rights_are_no_duties():
    d = p("第一章总则\n第一条名称\n本组织定名为“遵义市图书馆之友”(以下简称“本会”)。\n第二条性质\n本会是由热爱阅读的社会各界人士"
          "自愿组成的非营利性公益组织。\n第二章会员\n第四条会员资格\n1. 个人会员:热爱阅读,自愿遵守本章程。\n第五条会员权利\n"
          "1. 免费参加图书馆举办的讲座。\n2. 优先参与图书馆的志愿者活动。\n3. 对图书馆工作提出建议与监督。")
    assert d["unit"] is None
    assert d["duties"] == []


def test_a_quota_sentence_must_follow_one_about_the_unit():
    d = p("临泽县文化馆是县文体广电和旅游局所属事业单位。全县乡镇文化站核定编制30人。")
    assert d["staffing"] == []
