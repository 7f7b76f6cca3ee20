import pytest

from bianzhi.core.numerals import NumeralError, parse_numeral, to_int


@pytest.mark.parametrize("text,value", [
    ("一百零五", 105), ("两", 2), ("十二", 12), ("十", 10), ("二十", 20), ("四十五", 45), ("一百", 100),
    ("一千二百三十四", 1234), ("二〇一九", 2019), ("三万", 30000), ("45", 45), ("４５", 45), ("零", 0),
    ("五十二", 52), ("一百一十", 110),
])
def test_chinese_and_arabic_numerals(text, value):
    assert parse_numeral(text) == value


def test_not_a_number():
    with pytest.raises(NumeralError):
        parse_numeral("局长")
    assert to_int("名") is None
    assert to_int(None) is None
