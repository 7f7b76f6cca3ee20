"""RapidOCR, the default OCR engine: line rebuilding from boxes, and a real scan read offline with the models
inside the wheel (skipped, with the reason printed, when rapidocr-onnxruntime is not installed)."""
import pytest

from bianzhi.ingest import ocr_rapid
from bianzhi.ingest.extract import extract_file
from bianzhi.ingest.ocr_rapid import Box, boxes_to_lines
from bianzhi.ingest.parser import parse

from .conftest import CORPUS

if not ocr_rapid.available():
    print("注意：未安装 rapidocr-onnxruntime，跳过 RapidOCR 识别测试")
needs_rapidocr = pytest.mark.skipif(not ocr_rapid.available(), reason="未安装 rapidocr-onnxruntime，跳过 RapidOCR 识别测试")


def test_boxes_become_lines_in_reading_order():
    boxes = [Box(300, 500, 102, 130, "内设机构和人员编制规定", 0.99),
             Box(100, 290, 100, 128, "职能配置、", 0.99),
             Box(100, 700, 160, 188, "第一条 根据", 0.98),
             Box(1200, 1400, 101, 129, "签发人:张三", 0.9)]
    lines = boxes_to_lines(boxes)
    assert [t for _, _, t, _ in lines] == ["职能配置、内设机构和人员编制规定\t签发人:张三", "第一条 根据"]
    assert lines[0][0] == 100 and lines[0][1] == 1400


@needs_rapidocr
def test_rapidocr_reads_a_scanned_notice_offline(monkeypatch):
    monkeypatch.setenv("BIANZHI_OCR_ENGINE", "rapidocr")
    extracted = extract_file(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png")
    assert extracted.method == "image-ocr"
    r = parse(extracted.text)
    assert r.kind == "adjustment"
    assert r.data["title"] == "关于调整百色市教育局机构编制事项的通知"
    assert r.data["issuing_organ"] == "中共百色市委机构编制委员会办公室"
    assert r.data["issued_on"] == "2021-06-18"
    assert r.data["totals_after"]["internal_bodies"] == 8
