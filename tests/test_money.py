from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rendementsmeter.core.money import format_eur, format_eur_cents, parse_decimal, round_cents


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("0"), "€ 0,00"),
        (Decimal("-1234567.891"), "€ -1.234.567,89"),
        (Decimal("999.995"), "€ 1.000,00"),
        (12, "€ 12,00"),
    ],
)
def test_format_eur(value, text):
    assert format_eur(value) == text


def test_format_eur_cents():
    assert format_eur_cents(123456) == "€ 1.234,56"
    assert format_eur_cents(-5) == "€ -0,05"


def test_round_cents_is_half_up_like_excel():
    assert round_cents(Decimal("153.855")) == Decimal("153.86")
    assert round_cents(Decimal("-0.005")) == Decimal("-0.01")


@pytest.mark.parametrize(
    "raw, number, as_text",
    [
        (12, Decimal(12), False),
        (0.1, Decimal("0.1"), False),
        ("1,5", Decimal("1.5"), True),
        ("1.234,5", Decimal("1234.5"), True),
        ("1.234", Decimal("1234"), True),
        ("1.5", Decimal("1.5"), True),
        (" 7 ", Decimal(7), True),
        ("ca. 5", None, True),
        ("", None, True),
        (True, None, False),
        (float("nan"), None, False),
        ("1,234.5", None, True),  # English thousands: ambiguous, never read as 1,2345
        ("1,234,567", None, True),
        ("1e3", None, True),
        ("0.5e2", None, True),
        ("1_000", None, True),
        ("Infinity", None, True),
        ("1.234.567,89", Decimal("1234567.89"), True),
        ("-2,5", Decimal("-2.5"), True),
        ("1\u202f234,5", Decimal("1234.5"), True),
    ],
)
def test_parse_decimal(raw, number, as_text):
    assert parse_decimal(raw) == (number, as_text)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.integers(-(10**17), 10**17), st.integers(-(10**25), 10**25)))  # cents: far below 28 digits
def test_cents_to_euro_is_the_correctly_rounded_float_of_the_decimal(cents):
    from rendementsmeter.core.money import cents_to_euro

    assert cents_to_euro(cents) == float(Decimal(cents) / 100)
