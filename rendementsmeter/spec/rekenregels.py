"""The method rules that both the template's formulas and the aggregator apply (README "Rekenregels").

One source: the template writes these numbers into its formulas, the analysis computes with them.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from rendementsmeter.spec.casus import BASIS_HORIZON, MAX_HORIZON

#: The Dutch standard real discount rate for public investments (Werkgroep discontovoet 2020, used by
#: the MKBA guideline): 2,25%. `businesscase --discontovoet` changes it; 0 switches discounting off.
DISCONTOVOET = Decimal("0.0225")
#: Decimals of the horizon factor: the template and the aggregator round it the same way.
FACTOR_DECIMALEN = 6

#: How many of a time unit fit in one month (for `aantal-horizon`): a year is 12 months, a week 7 days,
#: a month 365/12 days.
PER_MAAND: dict[str, Fraction] = {
    "per jaar": Fraction(1, 12),
    "per kwartaal": Fraction(1, 3),
    "per maand": Fraction(1),
    "per week": Fraction(365, 12 * 7),
    "per dag": Fraction(365, 12),
    "per nacht": Fraction(365, 12),
    "per etmaal": Fraction(365, 12),
}


def past_in_horizon(eenheid: str, horizon: int) -> Fraction | None:
    """How many units of a time unit fit in `horizon` months; None for a unit that is not a time."""
    per_maand = PER_MAAND.get(eenheid.strip().casefold())
    return None if per_maand is None else per_maand * horizon


def jaren(horizon: int) -> list[int]:
    """Months of the horizon in each year: 30 months -> [12, 12, 6]."""
    return [min(12, horizon - 12 * t) for t in range((horizon + 11) // 12)]


def horizonfactor(horizon: int, discontovoet: Decimal = DISCONTOVOET) -> Decimal:
    """The share of an avoided-care amount that counts for a horizon of `horizon` months.

    Up to 12 months: 1. Longer: the amount is spread evenly over the months; the part in year t
    (months 12(t-1)+1 to 12t, the last year pro rata) is discounted by (1 + r)^-(t-1). Rounded to
    FACTOR_DECIMALEN decimals (half up), as the template's formula does."""
    if horizon <= BASIS_HORIZON or not 1 <= horizon <= MAX_HORIZON:
        return Decimal(1)
    one = Decimal(1) + discontovoet
    total = sum((Decimal(m) / Decimal(horizon) / one**t for t, m in enumerate(jaren(horizon))), Decimal(0))
    return total.quantize(Decimal(1).scaleb(-FACTOR_DECIMALEN), rounding="ROUND_HALF_UP")


#: Financiers that are no budget: citizens' and victims' own costs, and costs spread over many parties.
#: Their avoided costs are real (in the societal view) but land in no payer's cash (financial view).
GEEN_BUDGET = ("burger", "divers")
#: Own-work items priced at a shadow price: volunteers' time is a real resource (societal view) but
#: nobody's cash, also not the municipality's (financial view).
SCHADUWPRIJZEN = ("INZ-VW-01",)
