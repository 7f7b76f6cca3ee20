"""The parser per layout (old / 2018 / post-2019 / county / 调整通知) and per input format, against the
labelled corpus, plus phrasings the corpus does not contain."""
import json
import re
import unicodedata

import pytest

from bianzhi.ingest.extract import extract_file, from_text
from bianzhi.ingest.parser import KEYS, empty_result, parse

from .conftest import CORPUS, needs_tesseract


def canon(value):
    return re.sub(r"\s+|\\n", "", unicodedata.normalize("NFKC", json.dumps(value, ensure_ascii=False, sort_keys=True)))


def parsed(name):
    return parse(extract_file(CORPUS / name).text)


def label(stem):
    return json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))


def assert_matches_label(result, stem, fields=KEYS):
    expected = label(stem)
    for key in fields:
        assert canon(result.data[key]) == canon(expected.get(key, empty_result()[key])), key


# ---------------------------------------------------------------- layouts, on the real texts
def test_old_layout_real_text():
    r = parsed("04_guowuyuan_bangongting_jiu_geshi_PARTIAL.txt")
    assert r.layout == "old" and r.kind == "sanding"
    assert r.data["unit"] == "国务院办公厅"
    assert len(r.data["duties"]) == 11  # 职能调整 is not taken for duties
    assert r.data["duties"][-1] == "办理国务院领导同志交办的其他事项。"
    assert r.data["internal_bodies"][0]["name"] == "秘书一局"
    assert_matches_label(r, "04_guowuyuan_bangongting_jiu_geshi_PARTIAL")


def test_2018_layout_real_text_with_two_plaques():
    r = parsed("06_shengtai_huanjingbu_2018_PARTIAL.txt")
    assert r.layout == "2018"
    assert (r.data["nature"], r.data["rank"]) == ("国务院组成部门", "正部级")
    assert r.data["plaques"] == ["国家核安全局", "国家消耗臭氧层物质进出口管理办公室"]
    assert_matches_label(r, "06_shengtai_huanjingbu_2018_PARTIAL")


def test_post_2019_layout_duties_in_article_four():
    r = parsed("01_guojia_kuangshan_anquan_jianchaju_PARTIAL.txt")
    assert r.layout == "2019"
    assert r.data["rank"] == "副部级" and r.data["nature"] == "应急管理部管理的国家局"
    assert len(r.data["duties"]) == 8
    assert r.data["duties"][7].startswith("职能转变。")
    assert r.data["internal_bodies"] == []  # 第一条 mentions 内设机构 but lists none
    assert_matches_label(r, "01_guojia_kuangshan_anquan_jianchaju_PARTIAL")


def test_county_layout_real_text():
    r = parsed("03_jiedong_gongye_xinxihua_he_kejiju_2019_PARTIAL.txt")
    assert r.data["unit"] == "揭阳市揭东区工业信息化和科技局"
    assert (r.data["rank"], r.data["plaques"]) == ("正科级", ["区商务局"])
    assert len(r.data["duties"]) == 5
    assert_matches_label(r, "03_jiedong_gongye_xinxihua_he_kejiju_2019_PARTIAL")


# ---------------------------------------------------------------- formats, on the generated documents
def test_docx_post_2019_city_document():
    r = parsed("s1_baise_jiaoyuju_2019.docx")
    assert r.layout == "2019"
    assert r.data["doc_number"] == "百办发〔2019〕23号"
    names = [b["name"] for b in r.data["internal_bodies"]]
    assert names[-2:] == ["机关党委", "离退休干部工作办公室"]  # unnumbered bodies
    assert r.data["staffing"] == [{"type": "行政编制", "raw": "机关行政编制", "count": 45, "includes": [
        {"type": "纪检监察编制", "count": 2}, {"type": "援派编制", "count": 1}]}]
    assert {"title": "总督学", "count": 1, "rank": "正科级", "note": None} in r.data["posts"]
    assert r.data["posts"][1]["note"] == "其中1名兼任市语言文字工作委员会办公室主任"
    assert r.data["internal_leadership"] == [{"level": "正科级", "count": 8}, {"level": "副科级", "count": 3}]
    assert_matches_label(r, "s1_baise_jiaoyuju_2019")


def test_text_pdf_2018_document_with_chinese_numerals():
    r = parsed("s2_baise_caizhengju_2018.pdf")
    assert r.layout == "2018"
    assert r.data["staffing"][0]["count"] == 52  # 五十二名
    assert r.data["staffing"][0]["includes"] == [{"type": "政法专项编制", "count": 2}]  # 两名
    assert r.data["internal_leadership"][0] == {"level": "正科级", "count": 12}  # 十二名
    assert_matches_label(r, "s2_baise_caizhengju_2018")


def test_text_pdf_old_layout_and_county_docx():
    assert_matches_label(parsed("s3_baise_fagaiwei_old.pdf"), "s3_baise_fagaiwei_old")
    r = parsed("s4_youjiang_jiaotongju_county.docx")
    assert r.data["internal_leadership"] == [{"level": "股级", "count": 5}]
    assert r.data["staffing"][1] == {"type": "事业编制（参照公务员法管理）", "raw": "事业编制(参照公务员法管理)", "count": 5, "includes": []}
    assert_matches_label(r, "s4_youjiang_jiaotongju_county")


def test_adjustment_notice_docx_all_operations():
    r = parsed("n1_baise_jiaoyuju_tiaozheng.docx")
    assert r.kind == "adjustment"
    ops = [c["op"] for c in r.data["changes"]]
    assert ops == ["duty_in", "staffing_transfer", "leadership_transfer", "duty_out", "plaque_remove", "body_create",
                   "body_abolish", "body_rename", "rank_change", "duty_reword"]
    assert r.data["totals_after"]["internal_bodies"] == 8
    assert r.data["totals_after"]["staffing"] == [{"type": "机关行政编制", "count": 47}]
    assert_matches_label(r, "n1_baise_jiaoyuju_tiaozheng")


def test_each_item_of_a_notice_is_read_with_its_own_totals_after():
    """An item ending with “调整后，…” used to end the reading of changes: later items were lost."""
    from bianzhi.ingest.extract import from_text
    from bianzhi.ingest.parser import parse

    text = ("关于调整市林业局机构编制事项的通知\n百编办〔2020〕12号\n市林业局：\n经研究，现将有关事项通知如下：\n"
            "一、核增市林业局行政编制3名，调整后，市林业局机关行政编制为29名。\n"
            "二、增设生态修复科，调整后，市林业局内设机构9个。\n"
            "三、核增正科级领导职数1名，核减副科级领导职数1名。\n"
            "四、调整后，市林业局机关行政编制为30名。\n"
            "中共百色市委机构编制委员会办公室\n2020年5月6日")
    r = parse(from_text(text).text)
    assert r.kind == "adjustment"
    assert r.data["changes"] == [
        {"op": "staffing_add", "type": "行政编制", "count": 3},
        {"op": "body_create", "name": "生态修复科", "duties": ""},
        {"op": "leadership_add", "level": "正科级", "count": 1},
        {"op": "leadership_remove", "level": "副科级", "count": 1}]
    assert r.data["totals_after"]["internal_bodies"] == 9
    # the later item restating the same total replaces the earlier one
    assert r.data["totals_after"]["staffing"] == [{"type": "机关行政编制", "count": 30}]
    assert r.span_of("changes[2]") is not None


def test_a_quoted_sentence_of_a_reply_is_no_title_and_its_change_is_read():
    from bianzhi.ingest.extract import from_text
    from bianzhi.ingest.parser import parse

    r = parse(from_text("经研究，同意核增你局行政编制2名，调整后行政编制为15名。").text)
    assert r.data["title"] is None
    assert r.data["changes"] == [{"op": "staffing_add", "type": "行政编制", "count": 2}]
    assert r.data["totals_after"]["staffing"] == [{"type": "行政编制", "count": 15}]


def test_adjustment_notice_text_pdf():
    assert_matches_label(parsed("n2_youjiang_jiaotongju_tiaozheng.pdf"), "n2_youjiang_jiaotongju_tiaozheng")


@needs_tesseract
def test_scanned_notice_png_through_ocr():
    r = parsed("n1_baise_jiaoyuju_tiaozheng.scan.png")
    expected = label("n1_baise_jiaoyuju_tiaozheng")
    assert r.data["doc_number"] == "百编办〔2021〕35号"
    assert canon(r.data["totals_after"]) == canon(expected["totals_after"])
    assert len(r.data["changes"]) == len(expected["changes"])


@needs_tesseract
def test_scanned_county_pdf_through_ocr():
    r = parsed("s4_youjiang_jiaotongju_county.scan.pdf")
    expected = label("s4_youjiang_jiaotongju_county")
    for key in ("title", "doc_number", "unit", "nature", "rank", "plaques", "duties", "posts", "internal_leadership"):
        assert canon(r.data[key]) == canon(expected[key]), key
    assert [b["name"] for b in r.data["internal_bodies"]] == [b["name"] for b in expected["internal_bodies"]]


# ---------------------------------------------------------------- phrasings not in the corpus; spans
def test_other_phrasings_of_staffing_and_posts():
    text = """百色市林业局职能配置、内设机构和人员编制规定
第一条　根据《百色市机构改革方案》，制定本规定。
第二条　市林业局是市政府工作部门，机构规格为正处级。
第三条　市林业局的主要职责是：
（一）负责全市林业及其生态建设的监督管理。
（二）完成市委、市政府交办的其他任务。
第四条　市林业局设下列内设机构：办公室、生态保护修复科、森林资源管理科。
第五条　市林业局核定行政编制一百零五名，其中：政法专项编制十名、援派编制两名。领导职数：局长1名，副局长4名（其中1名由市森林公安局局长兼任），总工程师1名（副处级，兼任办公室主任）；科级领导职数15名。
"""
    r = parse(from_text(text).text)
    assert r.data["rank"] == "正处级"
    assert [b["name"] for b in r.data["internal_bodies"]] == ["办公室", "生态保护修复科", "森林资源管理科"]
    assert r.data["staffing"] == [{"type": "行政编制", "raw": "行政编制", "count": 105, "includes": [
        {"type": "政法专项编制", "count": 10}, {"type": "援派编制", "count": 2}]}]
    assert r.data["posts"] == [
        {"title": "局长", "count": 1, "rank": None, "note": None},
        {"title": "副局长", "count": 4, "rank": None, "note": "其中1名由市森林公安局局长兼任"},
        {"title": "总工程师", "count": 1, "rank": "副处级", "note": "兼任办公室主任"}]
    assert r.data["internal_leadership"] == [{"level": "科级", "count": 15}]


def test_other_phrasings_of_changes():
    text = """关于调整百色市农业农村局机构编制事项的通知
市农业农村局：
一、将市水利局的农田水利建设项目管理职责划给市农业农村局。
二、从市水利局划转行政编制3名、副科级领导职数1名给市农业农村局。
三、市农业农村局增挂市乡村振兴局、市扶贫开发办公室牌子。
四、撤销市农业农村局加挂的市畜牧水产局牌子。
五、将农村经济科更名为农村合作经济指导科，增设乡村产业发展科。
六、市农业技术推广中心升格为正科级。
调整后，市农业农村局内设机构十二个，行政编制六十名，科级领导职数二十名。
"""
    r = parse(from_text(text).text)
    assert r.kind == "adjustment" and r.data["unit"] == "百色市农业农村局"
    changes = r.data["changes"]
    assert changes[0] == {"op": "duty_in", "text": "农田水利建设项目管理职责", "from_unit": "市水利局"}
    assert {"op": "staffing_transfer", "type": "行政编制", "count": 3, "from_unit": "市水利局",
            "to_unit": "市农业农村局"} in changes
    assert {"op": "leadership_transfer", "level": "副科级", "count": 1, "from_unit": "市水利局",
            "to_unit": "市农业农村局"} in changes
    assert {"op": "plaque_add", "name": "市乡村振兴局"} in changes
    assert {"op": "plaque_add", "name": "市扶贫开发办公室"} in changes
    assert {"op": "plaque_remove", "name": "市畜牧水产局"} in changes
    assert {"op": "body_rename", "old_name": "农村经济科", "new_name": "农村合作经济指导科"} in changes
    assert {"op": "body_create", "name": "乡村产业发展科", "duties": ""} in changes
    assert {"op": "rank_change", "target": "市农业技术推广中心", "old_rank": None, "new_rank": "正科级"} in changes
    assert r.data["totals_after"] == {"internal_bodies": 12, "staffing": [{"type": "行政编制", "count": 60}],
                                      "leadership": [{"level": "科级", "count": 20}]}


def test_every_value_keeps_its_source_span():
    ex = extract_file(CORPUS / "s1_baise_jiaoyuju_2019.docx")
    r = parse(ex.text)
    spans = {path: (s, e) for path, s, e in r.spans}
    s, e = ex.original_span(*spans["rank"])
    assert ex.original[s:e] == "正处级"
    s, e = ex.original_span(*spans["internal_bodies[6].name"])
    assert ex.original[s:e] == "机关党委"
    s, e = ex.original_span(*spans["staffing[0]"])
    assert ex.original[s:e] == "机关行政编制45名"
    s, e = ex.original_span(*spans["duties[0]"])
    assert ex.original[s:e].startswith("贯彻执行国家和自治区的教育方针")
    for path in ("title", "doc_number", "unit", "nature", "plaques[0]", "posts[2]", "internal_leadership[1]"):
        assert path in spans, path


def test_unknown_values_are_null_or_empty():
    r = parse("这不是一份三定文件。")
    assert r.data["unit"] is None and r.data["rank"] is None and r.data["duties"] == []
    assert r.data["totals_after"] == {"internal_bodies": None, "staffing": [], "leadership": []}


@pytest.mark.parametrize("text,dn", [("百编办【2021】35号", "百编办〔2021〕35号"), ("右办发(2019)31号", "右办发〔2019〕31号")])
def test_doc_number_variants_in_the_header(text, dn):
    r = parse(f"中共百色市委办公室文件\n{text}\n关于调整百色市教育局机构编制事项的通知\n一、撤销电化教育科。")
    assert r.data["doc_number"] == dn


def test_ministry_2018_staffing_with_bureau_level_posts():
    """The missing articles of 06 as news coverage reports them: 478名, 部长1名、副部长4名, 司局级领导职数78名."""
    text = """生态环境部职能配置、内设机构和人员编制规定
第二条　生态环境部是国务院组成部门，为正部级，对外保留国家核安全局牌子。
第三条　生态环境部贯彻落实党中央关于生态环境保护工作的方针政策和决策部署。主要职责是：
（一）负责建立健全生态环境基本制度。
第四条　生态环境部设下列内设机构：
（一）办公厅。负责机关日常运转工作。
（二）中央生态环境保护督察办公室。监督生态环境保护党政同责、一岗双责落实情况。
机关党委。负责机关和在京直属单位的党群工作。
离退休干部办公室。负责离退休干部工作。
第五条　生态环境部机关行政编制为478名。设部长1名，副部长4名；司局级领导职数78名（含机关党委专职副书记1名、中央生态环境保护督察办公室专职副主任1名）。
"""
    r = parse(from_text(text).text)
    assert [b["name"] for b in r.data["internal_bodies"]] == ["办公厅", "中央生态环境保护督察办公室", "机关党委", "离退休干部办公室"]
    assert r.data["staffing"] == [{"type": "行政编制", "raw": "机关行政编制", "count": 478, "includes": []}]
    assert [(p["title"], p["count"]) for p in r.data["posts"]] == [("部长", 1), ("副部长", 4)]
    assert r.data["internal_leadership"] == [{"level": "司局级", "count": 78}]
