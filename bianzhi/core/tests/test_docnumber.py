import csv
from pathlib import Path

import pytest

from bianzhi.core.docnumber import DocNumberError, parse_docnumber

FIXTURE = Path(__file__).parent / "fawenzihao_examples.csv"
with FIXTURE.open(encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(line for line in fh if not line.startswith("#")))


@pytest.mark.parametrize("row", ROWS, ids=[r["raw"] for r in ROWS])
def test_real_document_numbers_are_accepted_and_normalised(row):
    parsed = parse_docnumber(row["raw"])
    assert parsed.raw == row["raw"]
    assert parsed.conforms == (row["conforms_gbt9704"] == "yes")
    assert parsed.normalized.endswith(f"〔{parsed.year}〕{parsed.serial}号")
    if row["jiguan_daizi"]:
        assert (parsed.issuer_code, parsed.year, parsed.serial) == (row["jiguan_daizi"], int(row["year"]),
                                                                     int(row["serial"]))
        assert parsed.normalized == row["raw"]


@pytest.mark.parametrize("raw,normalized", [
    ("湘政发【2012】33号", "湘政发〔2012〕33号"),
    ("苏政办发[2014]81号", "苏政办发〔2014〕81号"),
    ("甘政办发„2010‟88号", "甘政办发〔2010〕88号"),
    ("百编（２０１７）第０１８号", "百编〔2017〕18号"),
    ("百编 [2017] 18 号", "百编〔2017〕18号"),
])
def test_variant_brackets_digits_and_leading_zeros(raw, normalized):
    parsed = parse_docnumber(raw)
    assert parsed.normalized == normalized and not parsed.conforms


@pytest.mark.parametrize("raw,message", [
    ("", "文号为空"),
    ("关于印发方案的通知", "缺少年份"),
    ("百编〔17〕11号", "年份应为四位数字"),
    ("百编〔2017〕11", "应以“号”结尾"),
    ("百编〔2017〕0号", "序号不能为0"),
])
def test_text_that_cannot_be_a_document_number_is_refused_with_a_reason(raw, message):
    with pytest.raises(DocNumberError) as exc:
        parse_docnumber(raw)
    assert message in str(exc.value)
