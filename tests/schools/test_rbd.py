import pytest

from schools.rbd import format_rbd, rbd_check_digit, rbd_is_valid


@pytest.mark.parametrize(
    ("rbd", "digit"),
    [
        (1, "9"),  # LICEO POLITECNICO ARICA, as published
        (2, "7"),
        (26, "4"),
        (10696, "8"),
        (12501, "6"),
        (23, "K"),  # a remainder of 10 is written K
        (28, "0"),  # a remainder of 11 is written 0 (ESCUELA RICARDO SILVA ARRIAGADA)
    ],
)
def test_check_digit_follows_the_rut_modulo_11_rule(rbd, digit):
    assert rbd_check_digit(rbd) == digit
    assert rbd_is_valid(rbd, digit)
    assert rbd_is_valid(rbd, digit.lower())


def test_a_wrong_digit_is_not_valid():
    # RBD 13208 is published with 8; the rule gives another digit.
    assert not rbd_is_valid(13208, "8")


def test_rbd_must_be_positive():
    with pytest.raises(ValueError):
        rbd_check_digit(0)
    assert not rbd_is_valid(0, "0")


def test_format():
    assert format_rbd(23, "K") == "23-K"
