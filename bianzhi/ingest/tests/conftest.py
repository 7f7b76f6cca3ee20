import os
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "sanding_corpus"

if shutil.which("tesseract") is None:
    print("注意：未安装 tesseract（apt-get install tesseract-ocr tesseract-ocr-chi-sim），跳过扫描件识别测试")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="未安装 tesseract（tesseract-ocr tesseract-ocr-chi-sim），跳过扫描件识别测试")

# The tesseract-specific tests pin tesseract; RapidOCR (the default engine) has its own test (test_ocr_rapid.py).
os.environ.setdefault("BIANZHI_OCR_ENGINE", "tesseract")
