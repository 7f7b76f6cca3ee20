"""Clause kinds found on the twenty-sixth held-out split (bench/sanding_real, split heldout26): pages that restate a
unit's 三定 in other words — news on a body set up, merged or given a plaque at city, county and town level. One test per
rule added after its first run, with the real wording that showed it; the negatives check that each rule stays put."""
from .helpers import bodies, p


# ---------------------------------------------------------------- plaques: “A、B(简称A'、B')牌子”
def test_two_plaques_with_their_short_forms_in_one_bracket():
    d = p("寿光市自然资源和规划局(简称市自然资源和规划局)是市政府工作部门,为\n正科级\n,加挂寿光市林业局、寿光市海洋局"
          "(简称市林业局、市海洋局)牌子。")
    assert d["plaques"] == ["寿光市林业局", "寿光市海洋局"]
    assert (d["short_name"], d["nature"], d["rank"]) == ("市自然资源和规划局", "市政府工作部门", "正科级")


def test_plaques_without_brackets_still_split():
    d = p("县应急管理局是县政府工作部门,为正科级,加挂县地震局、县防火办牌子。")
    assert d["plaques"] == ["县地震局", "县防火办"]


# ---------------------------------------------------------------- unit: an announcement with an auxiliary or a 授牌
def test_unit_that_will_be_announced_and_its_as_nature():
    d = p("1月17日上午,市自然资源和规划局将正式挂牌成立。副市长王天兴出席仪式。\n据了解,根据改革方案,我市将市国土资源局的职责、"
          "市城乡规划局的职责进行整合,组建为新的市自然资源和规划局作为市政府组成部门。")
    assert (d["unit"], d["nature"]) == ("市自然资源和规划局", "市政府组成部门")


def test_unit_given_its_plaque_by_a_tribute():
    d = p("昨(12)日,仁寿县城市管理行政执法局汪洋分局正式授牌成立。这标志着汪洋镇城市管理工作步入正规化。")
    assert d["unit"] == "仁寿县城市管理行政执法局汪洋分局"


# ---------------------------------------------------------------- unit: named only after a setting-up verb
def test_unit_after_decided_to_set_up():
    d = p("为了进一步规范环境秩序,栎阳街办与城市管理综合行政执法局协商,决定设立临潼区城市管理综合行政执法局栎阳执法中队。\n"
          "一是人员设置。栎阳综合执法中队设中队长1名,副中队长1名,队员9名。")
    assert d["unit"] == "临潼区城市管理综合行政执法局栎阳执法中队"


def test_unit_after_set_up_is_not_one_of_several():
    # a reform item sets up several bodies: none of them is the text's unit
    d = p("1989年,经省人民政府批准:撤销一轻局、二轻局,设立轻工业管理局;撤销城建局和城市管理指挥部办公室,建立城市管理委员会;"
          "设立规划局、体制改革委员会。")
    assert d["unit"] is None


def test_short_form_completed_from_its_full_name_and_this_office_bodies():
    d = p("而此时,福建省医保办组建工作会议也在福州默默地召开。\n笔者此前还获悉,福建省委机构编制委员会已经下发通知,在从省卫计委划转编制"
          "和领导职数的基础上,核增行*编制17名,成立省医保办。新组建的医保办主要承担医保基金监督管理等职责。该办下设医保基金管理处、"
          "医疗服务价格处和药械采购配送监管处;此外,在医保办管辖下,成立了省医疗保障基金管理中心、省药械联合采购中心三个处级事业单位。")
    assert d["unit"] == "福建省医保办"
    assert bodies(d) == ["医保基金管理处", "医疗服务价格处", "药械采购配送监管处"]
    assert d["staffing"] == []


def test_this_office_list_with_a_non_body_item_gives_no_bodies():
    d = p("决定设立平安县综合服务中心。该中心下设业务组、窗口服务和后勤。")
    assert d["internal_bodies"] == []


# ---------------------------------------------------------------- unit: a bureau merged into the body that carries its plaque
def test_merged_bureau_is_the_plaque_of_the_carrier():
    d = p("根据机构改革要求,奉节县城市管理局整体划入县住房和城乡建委,县住房城乡建委加挂县城市管理局牌子,6月12日,在县住房和"
          "城乡建委举行了揭牌仪式。奉节县人民政府党组成员、副县长于潜出席仪式并为县城市管理局揭牌。 据悉,奉节县住房和城乡建委加挂县城市管理局牌子后,标志着两支力量正式融合。")
    assert d["unit"] == "奉节县住房和城乡建委"
    assert "县城市管理局" in d["plaques"]


# ---------------------------------------------------------------- no unit: a kind of body, several provinces at once
def test_a_kind_of_grass_roots_body_is_no_unit():
    d = p("乡镇街道综合执法大队是近两年乡镇街道整合七站八所的执法职能重新组建而成的一个机构,单位性质为公益一类,实际上受托从事的是"
          "执法工作。")
    assert (d["unit"], d["nature"]) == (None, None)


def test_news_on_several_provinces_bodies_names_no_unit():
    d = p("【新青年看新家乡】湖南、广东、广西等多省挂牌乡村振兴局\n\n据湖南省人民政府网站消息,4月30日下午,湖南省乡村振兴局正式挂牌成立。\n"
          "湖南省乡村振兴局为湖南省政府直属机构,规格为正厅级,由湖南省农业农村厅统一领导和管理。")
    assert (d["unit"], d["nature"], d["rank"]) == (None, None, None)


def test_one_province_news_keeps_its_unit():
    d = p("4月30日下午,湖南省乡村振兴局正式挂牌成立。\n湖南省乡村振兴局为湖南省政府直属机构,规格为正厅级。")
    assert d["unit"] == "湖南省乡村振兴局"


# ---------------------------------------------------------------- heldout26b: a byline, a place clause, a day word
def test_unit_after_a_byline_and_a_place_clause_opened_yesterday():
    d = p("本报讯(记者杜玲)位于科技总部新城的市城乡一体化示范区行政服务中心昨日上午揭牌,并正式投入使用。据悉,示范区103个行政审批"
          "和公务服务事项均可以实现“一站式”办理。")
    assert d["unit"] == "市城乡一体化示范区行政服务中心"


def test_a_place_clause_without_a_body_gives_no_unit():
    d = p("本报讯(记者杜玲)位于科技总部新城的展览昨日上午揭幕。")
    assert d["unit"] is None
