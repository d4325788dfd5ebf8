"""Money and number helpers: exact decimals, Dutch formatting, lenient Dutch number parsing."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def round_cents(value: Decimal) -> Decimal:
    """Round to whole cents, half away from zero (as Excel's ROUND does)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    """Whole cents of an amount that is already rounded to cents."""
    return int(round_cents(value) * 100)


def cents_to_euro(cents: int) -> float:
    """Euros as a float rounded to cents, for JSON output. For an int the float division is the same
    correctly rounded float as the Decimal route (both round the exact quotient once), and a hundred
    times faster for the 100.000 per-case amounts of a pool."""
    if type(cents) is int:
        return cents / 100
    return float(Decimal(cents) / 100)


def _group_thousands(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return ".".join(reversed(out))


def format_number(value: Decimal | int | float, decimals: int = 2) -> str:
    """Dutch number: thousands with a dot, decimals with a comma: 1.234,56."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    text = f"{abs(q):f}"
    whole, _, frac = text.partition(".")
    result = _group_thousands(whole)
    if decimals:
        result += "," + frac
    return sign + result


def format_eur(value: Decimal | int | float) -> str:
    """Money the Dutch way: `€ 1.234,56`, negative as `€ -1.234,56`."""
    return "€ " + format_number(value, 2)


def format_eur_cents(cents: int) -> str:
    """Format an amount held as whole cents."""
    return format_eur(Decimal(cents) / 100)


_NUMBER_RE = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)?([.,]\d+)?$")


#: what text may hold to be read as a number: digits, one sign, dots and commas
_PLAIN_RE = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")
#: dots and a comma together: only the Dutch form, thousands dots before one decimal comma (1.234,5)
_DUTCH_RE = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")


def parse_decimal(value: object) -> tuple[Decimal | None, bool]:
    """Parse a cell value as a number.

    Returns ``(number, was_text)``; ``number`` is None when the value is not a number.
    Text is read the Dutch way: ``1,5`` is one and a half, ``1.234,5`` has a thousands dot.
    A single dot with other than three digits after it (``1.5``) is a decimal point. Text that can be
    read in more than one way, or only the way a programmer writes numbers (``1,234.5``, ``1,234,567``,
    ``1e3``, ``1_000``), is not a number: the caller reports it instead of guessing.
    """
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, False
        # repr gives the shortest string that round-trips: 0.1 stays 0.1
        return Decimal(repr(value)), False
    if not isinstance(value, str):
        return None, False
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None, True
    if not _PLAIN_RE.fullmatch(text):
        return None, True  # 1e3, 1_000, 0x10, Infinity: not a number a Dutch user types; never a guess
    if "," in text and (text.count(",") > 1 or ("." in text and not _DUTCH_RE.fullmatch(text))):
        return None, True  # 1,234.5 or 1,234,567: read one way in Dutch, another in English
    if "," in text:
        # Dutch: dots group thousands, the comma is the decimal separator
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        # 1.234 or 1.234.567: thousands dots, the Dutch reading
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, True
    if not number.is_finite():
        return None, True
    return number, True


#: What a ratio shows when it does not exist (no costs): never a blank or a division by zero.
NVT = "n.v.t."
