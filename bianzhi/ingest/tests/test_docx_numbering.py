"""A 三定 written in Word with automatic numbering: the numbers are in numbering.xml, not in the paragraphs' text."""
import io

import docx
from docx.oxml import parse_xml

from bianzhi.ingest import docx_numbering
from bianzhi.ingest.extract import extract_bytes
from bianzhi.ingest.parser import parse

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "nothing", restart: int | None = None) -> str:
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>')


def _numbered_docx() -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    # list 901: articles “第一条 ” with their items “（一）”; list 902: the duties' sections “一、”
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="901">'
                                  + _lvl(0, "chineseCounting", "第%1条", suff="space")
                                  + _lvl(1, "chineseCounting", "（%2）") + "</w:abstractNum>"))
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="902">'
                                  + _lvl(0, "chineseCounting", "%1、") + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="901"><w:abstractNumId w:val="901"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="902"><w:abstractNumId w:val="902"/></w:num>'))

    def para(text: str, num_id: str | None = None, ilvl: int = 0):
        p = document.add_paragraph(text)
        if num_id is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return p

    para("百色市应急管理局职能配置、内设机构和人员编制规定")
    para("根据党中央、国务院批准的机构改革方案，制定本规定。", "901")
    para("百色市应急管理局是市人民政府工作部门，为正处级，加挂百色市地震局牌子。", "901")
    para("百色市应急管理局负责全市应急管理工作，主要职责是：", "901")
    para("组织编制全市应急体系建设规划。", "901", 1)
    para("指导各县（市、区）应对安全生产类事故。", "901", 1)
    para("统筹应急预案体系建设。", "901", 1)
    para("完成市委、市人民政府交办的其他任务。", "901", 1)
    para("百色市应急管理局设下列内设机构：", "901")
    para("办公室。负责机关日常运转。", "901", 1)
    para("应急指挥协调科。承担应急值守工作。", "901", 1)
    para("风险监测和综合减灾科。", "901", 1)
    para("百色市应急管理局机关行政编制20名。设局长1名，副局长3名。", "901")
    para("本规定自2019年3月1日起施行。", "901")
    # a style-numbered list (Word's “List Number” style of the default template): “1.”, “2.”
    document.add_paragraph("附：议事协调机构", style="List Number")
    document.add_paragraph("市减灾委员会办公室", style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_automatic_numbering_is_rendered_as_word_shows_it():
    text = extract_bytes(_numbered_docx(), "sanding.docx").text
    lines = [line for line in text.split("\n") if line]
    assert lines[1].startswith("第一条根据党中央")
    assert lines[3].startswith("第三条百色市应急管理局负责")
    assert lines[4].startswith("(一)组织编制")  # NFKC: （一） → (一)
    assert lines[7].startswith("(四)完成市委")
    assert lines[8].startswith("第四条百色市应急管理局设下列")
    assert lines[9].startswith("(一)办公室")  # the items restart under each article
    assert lines[13].startswith("第六条本规定")
    assert lines[14].startswith("1.附") and lines[15].startswith("2.市减灾")


def test_a_numbered_word_三定_parses_as_its_typed_copy_would():
    result = parse(extract_bytes(_numbered_docx(), "sanding.docx").text)
    assert result.layout == "2018"  # read as a 规定 of articles, not as a fragment
    assert result.meta["numbered_bodies"] == [True, True, True]
    d = result.data
    assert d["unit"] == "百色市应急管理局"
    assert d["rank"] == "正处级"
    assert d["plaques"] == ["百色市地震局"]
    assert [x[:6] for x in d["duties"]] == ["组织编制全市", "指导各县(市", "统筹应急预案", "完成市委、市"]
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "应急指挥协调科", "风险监测和综合减灾科"]
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 20)]


def test_number_formats_and_restarts():
    assert [docx_numbering.chinese_number(n) for n in (1, 10, 12, 20, 99, 105, 110)] == \
        ["一", "十", "十二", "二十", "九十九", "一百零五", "一百一十"]
    assert docx_numbering.format_number(3, "decimalEnclosedCircle") == "③"
    assert docx_numbering.format_number(2, "ideographTraditional") == "乙"
    assert docx_numbering.format_number(12, "decimalFullWidth") == "１２"
    assert docx_numbering.format_number(4, "lowerRoman") == "iv"
    n = docx_numbering.Numbering()
    n.abstract["a"] = {0: docx_numbering.Level(fmt="chineseCounting", text="%1、", suffix="nothing"),
                       1: docx_numbering.Level(fmt="decimal", text="%2.", suffix="nothing"),
                       2: docx_numbering.Level(fmt="decimal", text="%2.%3", restart=0)}
    n.nums["7"] = ("a", {}, {0: 3})  # startOverride: the list starts at 三
    assert [n.label("7", 0), n.label("7", 1), n.label("7", 2), n.label("7", 1), n.label("7", 2)] == \
        ["三、", "1.", "1.1 ", "2.", "2.2 "]  # level 3 never restarts (lvlRestart 0)
    assert [n.label("7", 0), n.label("7", 1)] == ["四、", "1."]
    assert n.label("unknown", 0) == ""


def test_a_list_that_takes_its_levels_from_a_numbering_style():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="911"><w:styleLink w:val="SandingList"/>'
                                  + _lvl(0, "chineseCounting", "（%1）") + "</w:abstractNum>"))
    numbering.insert(1, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="912"><w:numStyleLink w:val="SandingList"/>'
                                  "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="912"><w:abstractNumId w:val="912"/></w:num>'))
    for text in ("负责全市应急管理工作。", "指导各县应对安全生产类事故。"):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="912"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    lines = [line for line in extract_bytes(out.getvalue(), "a.docx").text.split("\n") if line]
    assert lines == ["(一)负责全市应急管理工作。", "(二)指导各县应对安全生产类事故。"]
