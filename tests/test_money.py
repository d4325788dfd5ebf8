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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.integers(-(10**15), 10**15), st.sampled_from([0, 1, -1, 5, 15, 25, 12345, 10**14])),
            st.one_of(st.integers(-5, 10**15), st.sampled_from([0, 1, 2, 3, 4, 8, 16, 10**14])),
        ),
        max_size=40,
    )
)
def test_ratios_column_wise_equal_ratio_pair_by_pair(pairs):
    """The return per case, column-wise (a pool's million cases), is `ratio` exactly: half to even
    at 4 decimals, None without costs; pairs too large for int64 take `ratio` itself."""
    from rendementsmeter.analysis.totals import ratio, ratios

    baten, kosten = [b for b, _ in pairs], [k for _, k in pairs]
    assert [repr(r) for r in ratios(baten, kosten)] == [repr(ratio(b, k)) for b, k in pairs]  # -0.0 too
    ties = [(1, 20_000), (3, 20_000), (5, 100_000), (-1, 20_000), (-3, 20_000)]  # exactly halfway
    expected = [ratio(b, k) for b, k in ties]
    assert [repr(r) for r in ratios([b for b, _ in ties], [k for _, k in ties])] == [repr(r) for r in expected] == ["0.0", "0.0002", "0.0", "-0.0",
                                                                                     "-0.0002"]  # fmt: skip
