import datetime

import pytest

from bianzhi.personnel import idcard


def test_check_digit_follows_gb11643():
    # the worked example of GB 11643-1999 (appendix): 11010519491231002X
    assert idcard.check_char("11010519491231002") == "X"
    assert idcard.validate("11010519491231002x") == "11010519491231002X"
    assert idcard.validate(" 1101 0519 4912 3100 2X ") == "11010519491231002X"


def test_wrong_check_digit_is_refused_with_the_expected_character():
    with pytest.raises(idcard.IdNumberError) as exc:
        idcard.validate("110105194912310021")
    assert "校验码错误" in str(exc.value) and "末位应为“X”" in str(exc.value)
    assert "110105194912310021" not in str(exc.value)  # the message never repeats the whole number


@pytest.mark.parametrize("value, words", [("", "不能为空"), ("12345", "应为18位"), ("451002199002300013", "不是有效日期")])
def test_malformed_numbers(value, words):
    with pytest.raises(idcard.IdNumberError, match=words):
        idcard.validate(value)


def test_birth_date_sex_and_mask_come_from_the_number():
    number = idcard.make("451002", datetime.date(1988, 2, 29), 37)
    assert idcard.validate(number) == number
    assert idcard.birth_date(number) == datetime.date(1988, 2, 29)
    assert idcard.sex(number) == "male"
    assert idcard.sex(idcard.make("451002", datetime.date(1988, 2, 29), 38)) == "female"
    assert idcard.mask(number) == "451002" + "*" * 10 + number[16:]
