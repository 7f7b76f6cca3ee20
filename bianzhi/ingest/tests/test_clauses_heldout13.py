"""Clause kinds found on the thirteenth held-out split (bench/sanding_real, split heldout13: encyclopedia entries and
事业单位 introductions): one test per rule added after its first run, and guards that a rule does not reach past its
kind. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named text of the
same kind, so a test passes only if the rule is general."""
from .helpers import bodies, p


# ---------------------------------------------------------------- the unit as the subject of a history sentence
def test_the_subject_of_a_location_sentence_is_the_unit_and_its_counted_departments_are_its_bodies():
    d = p("青州市少年儿童图书馆坐落于云门山路88号，1986年经市政府批准设立。\n"
          "馆内下设采编部、流通部、阅览部、办公室等四个职能部门。现有职工21人，其中馆员9人。")
    assert d["unit"] == "青州市少年儿童图书馆"
    assert bodies(d) == ["采编部", "流通部", "阅览部", "办公室"]
    assert d["staffing"] == [] and d["posts"] == []  # staff on hand is no 编制 and no post


def test_a_founding_year_before_the_name_and_a_former_status_give_the_unit_but_no_nature():
    d = p("始建于1978年的江城市聋哑学校原属市教育局直属正科级事业单位，是全市唯一一所特殊教育学校。")
    assert d["unit"] == "江城市聋哑学校"
    assert (d["nature"], d["rank"]) == (None, None)


def test_a_government_located_somewhere_is_geography_not_a_unit():
    d = p("临川市人民政府位于城区中心，下辖5个区县。市政府实行市长负责制。")
    assert d["unit"] is None


def test_a_kind_of_unit_at_a_line_start_is_no_unit():
    d = p("县档案馆坐落于县城，馆内分设办公室、保管科。")
    assert d["unit"] is None


# ---------------------------------------------------------------- the class after the founding year, or after a change
def test_the_class_after_the_founding_year_drops_how_it_was_approved():
    d = p("南湖区植物园位于湖滨路。南湖区植物园创建于1962年，是经区机构编制委员会批准的自收自支事业单位。")
    assert d["unit"] == "南湖区植物园"
    assert d["nature"] == "自收自支事业单位"


def test_a_purpose_clause_after_who_runs_it_is_not_the_nature():
    d = p("国家气候观测中心,是由国家举办的承担全国气候观测与评估工作的公益事业单位。")
    assert (d["unit"], d["nature"]) == ("国家气候观测中心", "公益事业单位")


def test_a_whose_clause_is_still_kept_in_the_nature():
    # the earlier corpus convention: “省教育厅主管的全额拨款事业单位” stays whole
    d = p("东江师范学院是省教育厅主管的全额拨款事业单位，位于东江市。")
    assert d["nature"] == "省教育厅主管的全额拨款事业单位"


def test_the_class_after_a_change_replaces_an_older_statement_and_gives_the_rank():
    d = p("湖州市南浔区公证处成立于1981年，是区司法局下属单位。2018年，南浔区公证处改为区司法局所属正股级公益二类事业单位，"
          "业务范围是：\n1.办理民事法律行为公证；\n2.办理有法律意义的事实和文书公证；\n3.提供公证法律咨询。")
    assert d["unit"] == "湖州市南浔区公证处"
    assert (d["nature"], d["rank"]) == ("区司法局所属正股级公益二类事业单位", "正股级")
    assert [x[:6] for x in d["duties"]] == ["办理民事法律", "办理有法律意", "提供公证法律"]


def test_a_change_of_another_unit_does_not_touch_this_units_nature():
    d = p("东阳市疾病预防控制中心是市卫生健康局直属的公益一类事业单位。原市卫生监督所改为市卫生健康局所属公益一类事业单位。")
    assert d["nature"] == "市卫生健康局直属的公益一类事业单位"


def test_numbered_objectives_after_a_scope_of_another_kind_are_no_duties():
    d = p("江南市水文站是市水利局所属事业单位。\n项目目标如下：\n1、完成站网改造；\n2、完成设备更新。")
    assert d["duties"] == []


# ---------------------------------------------------------------- bodies a hospital or a school names
def test_a_hospitals_departments_over_a_line_break_are_its_bodies():
    d = p("河西县人民医院始建于1952年，为县卫生健康局所属公益二类事业单位。现设内科、外科、\n"
          "妇产科、儿科、中医科等5个临床科室。目前特色专科有：骨科、康复科。")
    assert d["unit"] == "河西县人民医院"
    assert bodies(d) == ["内科", "外科", "妇产科", "儿科", "中医科"]


def test_a_schools_offices_named_through_our_school_renamed():
    d = p("我校始建于1958年，原名红星农中，1980年更名为白沙县第二中学。学校下设校办公室、教导处、总务处、德育处四个职能部门"
          "以及工会、团委等群众组织。学校现有在编教师86人。")
    assert d["unit"] == "白沙县第二中学"
    assert bodies(d) == ["校办公室", "教导处", "总务处", "德育处"]
    assert d["staffing"] == []


def test_a_companys_departments_are_not_a_units_bodies():
    d = p("恒达软件有限公司成立于2003年，公司下设办公室、开发部、市场部、财务部四个部门。")
    assert bodies(d) == []


# ---------------------------------------------------------------- a key-facts table in Markdown
def test_a_key_facts_table_gives_nature_plaque_and_bodies_under_a_heading_naming_the_unit():
    d = p("## 宁州市儿童福利院基本情况\n\n| 项目 | 内容 |\n|---|---|\n"
          "| **性质** | 宁州市民政局直属机构，加挂“宁州市未成年人救助保护中心”牌子，公益一类 |\n"
          "| **床位** | 300 张 |\n| **科室** | 办公室、养护科、医疗康复科、特教部（宁州市启智学校） |\n")
    assert d["unit"] == "宁州市儿童福利院"
    assert d["nature"] == "公益一类"
    assert d["plaques"] == ["宁州市未成年人救助保护中心"]
    assert bodies(d) == ["办公室", "养护科", "医疗康复科", "特教部(宁州市启智学校)"]


def test_a_table_row_of_other_things_gives_no_bodies():
    d = p("### 宁州市儿童福利院关键信息\n\n| 维度 | 详情 |\n|---|---|\n| **分区** | 自理区、介助区、介护区 |\n")
    assert bodies(d) == []


# ---------------------------------------------------------------- posts with the rank on the next line
def test_a_posts_rank_in_brackets_on_the_next_line_is_its_rank():
    d = p("领导职数\n设院长1名\n（正处级）\n副院长3名\n（副处级）\n")
    assert [(x["title"], x["count"], x["rank"]) for x in d["posts"]] == [("院长", 1, "正处级"), ("副院长", 3, "副处级")]


def test_a_subjectless_nature_line_and_a_counted_bodies_line_name_nature_and_unit():
    d = p("机构简介\n省农业农村厅主管的正处级公益一类事业单位\n设主任1名\n（正处级）\n"
          "湖南省农业科技信息研究中心内设机构5个\n")
    assert d["unit"] == "湖南省农业科技信息研究中心"
    assert (d["nature"], d["rank"]) == ("省农业农村厅主管的正处级公益一类事业单位", "正处级")


# ---------------------------------------------------------------- generic pages and one slip in a name
def test_a_content_sites_answer_about_a_kind_of_unit_names_no_unit():
    d = p("作者:小王 人气:35\n市规划馆是市政府直属的事业单位,负责城市规划展示。\n推荐阅读")
    assert (d["unit"], d["nature"], d["rank"]) == (None, None, None)


def test_a_question_is_no_nature():
    d = p("妇幼保健院是什么性质的单位\n妇幼保健院是什么性质的单位？下面为大家讲解。")
    assert d["nature"] is None and d["unit"] is None


def test_a_named_unit_on_a_content_site_is_kept():
    d = p("作者:小李 人气:12\n四川省农业科学院是四川省政府直属的正厅级事业单位。\n推荐阅读")
    assert (d["unit"], d["rank"]) == ("四川省农业科学院", "正厅级")


def test_a_name_mistyped_once_is_read_as_the_text_writes_it_elsewhere():
    d = p("湖北省武汊市江岸区公证处(原名江岸区公证处)成立于1980年，是江岸区司法局所属单位。\n"
          "湖北省武汉市江岸区公证处地址：武汉市江岸区胜利街1号；联系电话：027-8888888")
    assert d["unit"] == "湖北省武汉市江岸区公证处"


def test_a_schools_statement_names_the_unit_and_two_different_schools_are_not_a_slip():
    d = p("海州市第一中学是市教育局直属的公益一类事业单位。海州市第二中学地址：海州市人民路2号。")
    assert d["unit"] == "海州市第一中学"
    assert d["nature"] == "市教育局直属的公益一类事业单位"


# ---------------------------------------------------------------- probes of other 事业单位 wordings (not corpus misses)
def test_key_value_lines_give_nature_rank_staffing_and_bodies():
    d = p("单位名称：石门县林业技术推广站\n单位性质：公益一类事业单位\n机构规格：副科级\n编制人数：14\n"
          "内设机构：综合股、营造林股、森防股")
    assert d["unit"] == "石门县林业技术推广站"
    assert (d["nature"], d["rank"]) == ("公益一类事业单位", "副科级")
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("其他编制", 14)]
    assert bodies(d) == ["综合股", "营造林股", "森防股"]


def test_key_value_lines_without_a_value_of_their_kind_give_nothing():
    d = p("单位名称：石门县林业技术推广站\n机构规格：待定\n编制人数：见附表")
    assert (d["rank"], d["staffing"]) == (None, [])


def test_a_nature_read_over_commas_is_its_last_class_clause_and_the_next_sentences_figure_is_its_staffing():
    d = p("西岭镇中心卫生院是一所集医疗、预防、康复于一体的一级甲等医院，隶属西岭县卫生健康局，为公益二类事业单位。"
          "核定编制42名，实有职工51人。")
    assert d["unit"] == "西岭镇中心卫生院"
    assert d["nature"] == "公益二类事业单位"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("其他编制", 42)]


def test_a_figure_of_many_units_in_the_next_sentence_is_not_this_units_staffing():
    d = p("西岭县卫生健康局是县政府工作部门，为正科级。全县乡镇卫生院核定编制300名。")
    assert d["staffing"] == []


def test_a_hospital_that_is_a_kind_of_hospital_is_the_unit():
    d = p("南川市第二人民医院是一所二级甲等综合医院，医院设有职能科室12个。")
    assert d["unit"] == "南川市第二人民医院"
    assert d["nature"] is None


# ---------------------------------------------------------------- after the heldout13b first run
def test_a_name_with_digits_and_its_short_name_in_the_statement():
    d = p("关于招聘的公告\n中国12345政务服务热线管理中心（以下简称“12345中心”），是国务院办公厅直属的公益一类事业单位。主要职责是受理诉求。")
    assert d["unit"] == "中国12345政务服务热线管理中心"
    assert d["short_name"] == "12345中心"
    assert d["nature"] == "国务院办公厅直属的公益一类事业单位"


def test_a_year_before_a_name_is_not_part_of_it():
    d = p("2023年，青山县水务服务中心是县水利局所属公益一类事业单位。")
    assert d["unit"] == "青山县水务服务中心"


def test_the_words_introducing_the_recruiting_unit_are_not_its_name():
    d = p("本次招聘单位为南湾县城市管理服务中心，是南湾县城市管理局所属公益二类事业单位。报名请登录网站。")
    assert d["unit"] == "南湾县城市管理服务中心"
    assert d["nature"] == "南湾县城市管理局所属公益二类事业单位"
