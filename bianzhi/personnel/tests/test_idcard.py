import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from bianzhi.personnel import crypto, idcard


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


def test_production_refuses_to_run_without_a_key(settings):
    settings.DEBUG, settings.TESTING, settings.PERSONNEL_KEY = False, False, ""
    crypto.reset_cache()
    try:
        with pytest.raises(ImproperlyConfigured, match="PERSONNEL_KEY"):
            crypto.encrypt("x")
        # a configured key (rotation: new key first, old key still decrypts)
        old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        settings.PERSONNEL_KEY = old
        crypto.reset_cache()
        token = crypto.encrypt("11010519491231002X")
        settings.PERSONNEL_KEY = f"{new},{old}"
        crypto.reset_cache()
        assert crypto.decrypt(token) == "11010519491231002X"
        settings.PERSONNEL_KEY = new
        crypto.reset_cache()
        with pytest.raises(crypto.DecryptError):
            crypto.decrypt(token)
    finally:
        crypto.reset_cache()
