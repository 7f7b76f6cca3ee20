import csv
from pathlib import Path

import pytest

from bianzhi.core.identifiers import (
    USCC_ALPHABET,
    make_uscc,
    org_code_problems,
    uscc_check_char,
    uscc_problems,
)

FIXTURE = Path(__file__).parent / "uscc_real.csv"  # real published codes, each with its source line


def real_codes():
    with FIXTURE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    return [(r["code"], r["name"]) for r in rows]


REAL = real_codes()


def test_real_sample_is_not_empty():
    assert len(REAL) >= 16


@pytest.mark.parametrize("code,name", REAL)
def test_every_real_code_passes(code, name):
    assert uscc_problems(code) == [], name


@pytest.mark.parametrize("code,name", REAL)
def test_every_wrong_check_character_is_refused_with_the_right_one_named(code, name):
    wrong = next(c for c in USCC_ALPHABET if c != code[17])
    problems = uscc_problems(code[:17] + wrong)
    assert problems == [f"校验码错误：第18位应为“{code[17]}”，当前为“{wrong}”"]


@pytest.mark.parametrize("code,name", REAL[:5])
@pytest.mark.parametrize("letter", list("IOZSV"))
def test_forbidden_letters_are_named_with_their_position(code, name, letter):
    problems = uscc_problems(code[:5] + letter + code[6:])
    assert problems[0].startswith(f"第6位“{letter}”不可使用")


@pytest.mark.parametrize("code,name", REAL[:5])
def test_wrong_length_is_refused(code, name):
    assert uscc_problems(code[:17]) == ["统一社会信用代码应为18位，当前为17位"]
    assert uscc_problems(code + "1") == ["统一社会信用代码应为18位，当前为19位"]


def test_full_width_and_lower_case_input_is_normalised_before_checking():
    code = REAL[0][0]
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code.lower())
    assert uscc_problems(full_width) == []


def test_a_swapped_pair_of_digits_is_caught():
    code = "11341802003284723Q"
    swapped = code[:9] + code[10] + code[9] + code[11:]
    assert swapped != code
    assert any("校验码错误" in p for p in uscc_problems(swapped))


def test_organisation_code_check_per_gb11714():
    # the 组织机构代码 is positions 9–17 of a USCC
    for code, _ in REAL:
        assert org_code_problems(code[8:17]) == [], code
    assert org_code_problems("00328472X") == ["校验码错误：第9位应为“3”，当前为“X”"]
    assert org_code_problems("0032847") == ["组织机构代码应为9位（8位本体代码加1位校验码），当前为7位"]


def test_made_codes_pass():
    code = make_uscc("1", "1", "451000", "12345678")
    assert len(code) == 18 and uscc_problems(code) == []
    assert code[17] == uscc_check_char(code[:17])
