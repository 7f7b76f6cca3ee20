"""OFD (GB/T 33190) 公文: the lines rebuilt from the characters' places give the draft the same notice gives as
.docx, whichever way the generator cut the text (one character an object, one line a TextCode with DeltaX, a
CTM-scaled template holding the 红头). The packages are laid out here as the standard describes them: an A4 page
in mm, 28 characters of 16 pt (5.6 mm) a line, 22 lines a page, paragraphs indented two characters."""
import io
import zipfile
from xml.sax.saxutils import escape

import pytest

from bianzhi.ingest import ofd
from bianzhi.ingest.extract import ExtractionError, extract_bytes, extract_file
from bianzhi.ingest.parser import parse

from .conftest import CORPUS

OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
LEFT, TOP, SIZE, PITCH, PER_LINE, PER_PAGE = 28.0, 37.0, 5.6, 10.2, 28, 22


def _notice_lines() -> list[tuple[str, str]]:
    """(kind, text) of the notice's visual lines: the title lines centred, the body wrapped at 28 characters."""
    text = extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.docx").text
    paragraphs = text.splitlines()
    out = [("center", paragraphs[1]), ("center", paragraphs[2]), ("left", paragraphs[3])]
    for para in paragraphs[4:-2]:
        first, rest = "\u3000\u3000" + para[:PER_LINE - 2], para[PER_LINE - 2:]
        out.append(("left", first))
        while rest:
            out.append(("left", rest[:PER_LINE]))
            rest = rest[PER_LINE:]
    out += [("right", paragraphs[-2]), ("right", paragraphs[-1])]
    return out


def _x(kind: str, line: str) -> float:
    width = len(line) * SIZE
    return {"center": 105 - width / 2, "right": LEFT + PER_LINE * SIZE - width, "left": LEFT}[kind]


def _per_character(lines, first_id: int) -> str:
    """One TextObject a character (how several OA systems write OFD)."""
    objects, n = [], first_id
    for row, (kind, line) in enumerate(lines):
        y = TOP + row * PITCH
        for i, ch in enumerate(line):
            if ch == "\u3000":
                continue
            objects.append(f'<ofd:TextObject ID="{n}" Boundary="{_x(kind, line) + i * SIZE:.3f} {y:.3f} {SIZE} {SIZE}" '
                           f'Font="3" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE * 0.88:.3f}">{escape(ch)}'
                           "</ofd:TextCode></ofd:TextObject>")
            n += 1
    return "".join(objects)


def _per_line(lines, first_id: int) -> str:
    """One TextObject a page, one TextCode a line with its advances in DeltaX (the “g n d” form)."""
    codes = []
    for row, (kind, line) in enumerate(lines):
        stripped = line.lstrip("\u3000")
        x = _x(kind, line) + (len(line) - len(stripped)) * SIZE - LEFT
        codes.append(f'<ofd:TextCode X="{x:.3f}" Y="{row * PITCH + SIZE * 0.88:.3f}" '
                     f'DeltaX="g {len(stripped) - 1} {SIZE}">{escape(stripped)}</ofd:TextCode>')
    return (f'<ofd:TextObject ID="{first_id}" Boundary="{LEFT} {TOP} 160 230" Font="3" Size="{SIZE}">'
            + "".join(codes) + "</ofd:TextObject>")


def _page(objects: str, number: int | None, template: bool) -> str:
    footer = ""
    if number is not None:
        footer = (f'<ofd:TextObject ID="9000" Boundary="95 275 30 6" Font="3" Size="4.9">'
                  f'<ofd:TextCode X="0" Y="4.3" DeltaX="g 4 4.9">— {number} —</ofd:TextCode></ofd:TextObject>')
    used = '<ofd:Template TemplateID="2" ZOrder="Background"/>' if template else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}>{used}<ofd:Content>'
            f'<ofd:Layer ID="5"><ofd:PageBlock ID="6">{objects}</ofd:PageBlock>{footer}</ofd:Layer>'
            "</ofd:Content></ofd:Page>")



def _package(parts: dict[str, bytes | str]) -> bytes:
    """An OFD package: OFD.xml pointing at Doc_0/Document.xml, and the document's parts (paths under Doc_0/)."""
    root = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>a1b2</ofd:DocID><ofd:Creator>OA</ofd:Creator></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", root)
        for path, data in parts.items():
            package.writestr(f"Doc_0/{path}", data)
    return buffer.getvalue()


def build_ofd(cut: str = "character") -> bytes:
    lines = _notice_lines()
    pages = [lines[i:i + PER_PAGE] for i in range(0, len(lines), PER_PAGE)]
    render = _per_character if cut == "character" else _per_line
    red_head = "中共百色市委机构编制委员会办公室文件"
    # the 红头 in a template, drawn at 2 × its coordinates by a CTM: 18 characters of 8.6 mm filling the text width
    template = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="3">'
                f'<ofd:TextObject ID="4" Boundary="28.4 12 156 14" CTM="2 0 0 2 0 0" Font="4" Size="4.3">'
                f'<ofd:FillColor Value="255 0 0"/><ofd:TextCode X="0" Y="4.8" DeltaX="g {len(red_head) - 1} 4.3">'
                f"{red_head}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>99999'
                '</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
                "</ofd:CommonData><ofd:Pages>"
                + "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
                + "</ofd:Pages></ofd:Document>")
    parts = {"Document.xml": document, "PublicRes.xml": f'<ofd:Res {OFD_NS} BaseLoc="Res"><ofd:Fonts/></ofd:Res>',
             "Tpls/Tpl_0/Content.xml": template}
    for n, page in enumerate(pages):
        parts[f"Pages/Page_{n}/Content.xml"] = _page(render(page, 100 + n * 1000), n + 1 if len(pages) > 1 else None, n == 0)
    return _package(parts)


@pytest.mark.parametrize("cut", ["character", "line"])
def test_ofd_notice_gives_the_docx_draft(cut):
    ex = extract_bytes(build_ofd(cut), "通知.ofd")
    assert ex.method == "ofd"
    lines = ex.text.splitlines()
    assert lines[:3] == ["中共百色市委机构编制委员会办公室文件", "百编办〔2021〕35号", "关于调整百色市教育局机构编制事项的通知"]
    assert not any("—" in line for line in lines)  # the page numbers go
    docx = extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.docx")
    assert lines == docx.text.splitlines()  # every wrapped paragraph joined again
    assert parse(ex.text).data == parse(docx.text).data


def test_ofd_draft_states_what_a_reader_checks():
    data = parse(extract_bytes(build_ofd(), "通知.ofd").text).data
    assert data["title"] == "关于调整百色市教育局机构编制事项的通知"
    assert data["doc_number"] == "百编办〔2021〕35号"
    assert data["unit"] == "百色市教育局"
    assert data["issued_on"] == "2021-06-18"
    assert [(s["type"], s["count"]) for s in data["totals_after"]["staffing"]] == [("机关行政编制", 47)]


def test_ofd_found_by_its_package_and_bad_packages():
    assert ofd.is_ofd(build_ofd()) and not ofd.is_ofd(b"PK\x03\x04broken")
    assert extract_bytes(build_ofd(), "download").method == "ofd"
    with pytest.raises(ExtractionError, match="OFD"):
        extract_bytes(b"PK\x03\x04broken", "a.ofd")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("OFD.xml", f"<ofd:OFD {OFD_NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                                    "</ofd:DocBody></ofd:OFD>")
    with pytest.raises(ExtractionError, match="无法读取 OFD 文件"):
        extract_bytes(buffer.getvalue(), "a.ofd")


def test_delta_x_repeats_and_ctm():
    assert ofd._deltas("g 3 5.2 1 g 2 0.5") == [5.2, 5.2, 5.2, 1.0, 0.5, 0.5]
    chars: list = []
    page = ('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
            '<ofd:TextObject Boundary="10 20 50 10" CTM="0.5 0 0 0.5 0 0" Size="10">'
            '<ofd:TextCode X="0" Y="8" DeltaX="10">编办</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    from xml.etree import ElementTree
    ofd._characters(ElementTree.fromstring(page), chars)
    assert [(x, y, ch) for x, y, _, _, ch in chars] == [(10.0, 24.0, "编"), (15.0, 24.0, "办")]


def build_scanned_ofd(image: bytes) -> bytes:
    """A scanned 公文 saved as OFD: each page one ImageObject over the whole A4 page, its PNG a MultiMedia of the
    document's resources (DocumentRes.xml, BaseLoc Res)."""
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>99'
                '</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>"
                '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
    res = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {OFD_NS} BaseLoc="Res"><ofd:MultiMedias>'
           '<ofd:MultiMedia ID="80" Type="Image" Format="PNG"><ofd:MediaFile>image_80.png</ofd:MediaFile>'
           "</ofd:MultiMedia></ofd:MultiMedias></ofd:Res>")
    page = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="2">'
            '<ofd:ImageObject ID="3" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" ResourceID="80"/>'
            "</ofd:Layer></ofd:Content></ofd:Page>")
    return _package({"Document.xml": document, "DocumentRes.xml": res, "Res/image_80.png": image,
                     "Pages/Page_0/Content.xml": page})


def test_scanned_ofd_goes_through_ocr(monkeypatch):
    from bianzhi.ingest import ocr_rapid

    if not ocr_rapid.available():
        pytest.skip("RapidOCR 的模型不可用")
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    scan = (CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png").read_bytes()
    pages = ofd.pages(build_scanned_ofd(scan))
    assert len(pages) == 1 and pages[0].lines == [] and pages[0].image == scan
    ex = extract_bytes(build_scanned_ofd(scan), "扫描件.ofd")
    assert ex.method == "ofd-ocr" and ex.warnings[0].startswith("此 OFD 是扫描件")
    assert ex.text == extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png").text  # the scan's own reading
    data = parse(ex.text).data
    assert data["title"] == "关于调整百色市教育局机构编制事项的通知"
    assert data["issued_on"] == "2021-06-18"
    assert data["totals_after"]["internal_bodies"] == 8
