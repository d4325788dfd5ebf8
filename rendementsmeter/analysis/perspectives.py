"""Named perspectives (README "Rekenregels", "Perspectieven"): who gains and who pays.

- *maatschappelijk*: the welfare view of the MKBA guideline: every real resource cost and benefit,
  including volunteers' time and victims' and citizens' own costs; transfers (such as a benefit
  payment) are not counted, because what one party saves another party misses.
- *financieel*: per financier, what lands on that payer's budget: transfers count for the payer that
  pays them; costs of parties without a budget (spec.rekenregels.GEEN_BUDGET) and shadow prices
  (spec.rekenregels.SCHADUWPRIJZEN) are in no payer's cash.

Pure: from the priced lines of a Basis; money in whole cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from rendementsmeter.analysis.totals import KOSTEN_KINDS, ratio
from rendementsmeter.core.money import NVT, cents_to_euro
from rendementsmeter.pricing.prijslijst import FINANCIERS
from rendementsmeter.spec.rekenregels import GEEN_BUDGET, SCHADUWPRIJZEN

MAATSCHAPPELIJK = "maatschappelijk"
FINANCIEEL = "financieel"


@dataclass(frozen=True)
class Perspectief:
    """Costs and benefits from one point of view."""

    naam: str  # maatschappelijk | financieel
    wie: str  # the financier; "" for the societal view, "alle financiers" for the financial total
    kosten_cent: int
    baten_cent: int

    @property
    def netto_cent(self) -> int:
        return self.baten_cent - self.kosten_cent

    @property
    def rendement(self) -> float | None:
        return ratio(self.baten_cent, self.kosten_cent)

    @property
    def omslagpunt(self) -> float | None:
        """By how much (a fraction) all kansen together may fall before netto reaches 0; 0 when netto is
        already 0 or less; None without benefits. Avoided care is linear in kans (rounding aside)."""
        if self.baten_cent <= 0:
            return None
        return max(0.0, round(1 - self.kosten_cent / self.baten_cent, 4))

    @property
    def label(self) -> str:
        if self.naam == MAATSCHAPPELIJK:
            return "Maatschappelijk (MKBA)"
        return f"Financieel: {self.wie}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kosten": cents_to_euro(self.kosten_cent),
            "baten": cents_to_euro(self.baten_cent),
            "netto": cents_to_euro(self.netto_cent),
            "rendement": self.rendement,
            "omslagpunt": self.omslagpunt,
        }


@dataclass(frozen=True)
class Perspectieven:
    maatschappelijk: Perspectief
    #: per financier with a budget and any amount, in the order of FINANCIERS
    financieel: list[Perspectief]
    #: the sum over all financiers with a budget
    financieel_totaal: Perspectief
    #: avoided costs and costs of parties without a budget (burgers, slachtoffers, divers)
    geen_budget_baten_cent: int
    geen_budget_kosten_cent: int
    #: own work at a shadow price (volunteers): in the societal costs, in no payer's cash
    schaduwprijs_cent: int
    #: avoided transfers (benefit payments): in a payer's cash, not in the societal view
    overdrachten_cent: int

    @property
    def alle(self) -> list[Perspectief]:
        """The societal view first, then each financier, then the financial total."""
        return [self.maatschappelijk, *self.financieel, self.financieel_totaal]

    def to_dict(self) -> dict[str, Any]:
        return {
            MAATSCHAPPELIJK: self.maatschappelijk.to_dict(),
            FINANCIEEL: {p.wie: p.to_dict() for p in self.financieel},
            "financieel_totaal": self.financieel_totaal.to_dict(),
            "buiten_begrotingen": {
                "baten": cents_to_euro(self.geen_budget_baten_cent),
                "kosten": cents_to_euro(self.geen_budget_kosten_cent),
            },
            "schaduwprijs": cents_to_euro(self.schaduwprijs_cent),
            "overdrachten": cents_to_euro(self.overdrachten_cent),
            "definitie": {
                MAATSCHAPPELIJK: "alle echte kosten en baten (ook vrijwilligerstijd en kosten van burgers en "
                "slachtoffers), zonder overdrachten (MKBA-leidraad)",
                FINANCIEEL: "per financier wat op zijn begroting landt: overdrachten tellen voor wie ze betaalt; "
                "kosten zonder begroting en schaduwprijzen tellen bij geen enkele financier",
            },
        }


def perspectieven(regels: pd.DataFrame) -> Perspectieven:
    """The perspectives of the counted lines (double-counted parts are 0 already)."""
    kind = regels["regelsoort"].to_numpy()
    amount = regels["bedrag_cent"].to_numpy(dtype=np.int64)
    transfer = regels["overdracht"].to_numpy(dtype=bool)
    financier = regels["financier"].to_numpy()
    cost = np.isin(kind, KOSTEN_KINDS)
    benefit = kind == "vermeden"
    no_budget = np.isin(financier, GEEN_BUDGET)
    shadow = np.isin(regels["code"].to_numpy(), SCHADUWPRIJZEN)
    cash_cost = cost & ~no_budget & ~shadow
    cash_benefit = benefit & ~no_budget

    def total(mask: np.ndarray) -> int:
        return int(amount[mask].sum())

    maatschappelijk = Perspectief(MAATSCHAPPELIJK, "", total(cost & ~transfer), total(benefit & ~transfer))
    payers = sorted(
        {str(f) for f in financier[(cash_cost | cash_benefit) & (amount != 0)]},  # a payer with an amount
        key=lambda f: (FINANCIERS.index(f) if f in FINANCIERS else len(FINANCIERS), f),
    )
    per_payer = [
        Perspectief(FINANCIEEL, f, total(cash_cost & (financier == f)), total(cash_benefit & (financier == f)))
        for f in payers
    ]
    return Perspectieven(
        maatschappelijk=maatschappelijk,
        financieel=per_payer,
        financieel_totaal=Perspectief(FINANCIEEL, "alle financiers", total(cash_cost), total(cash_benefit)),
        geen_budget_baten_cent=total(benefit & no_budget),
        geen_budget_kosten_cent=total(cost & no_budget & ~shadow),  # the shadow price is reported on its own
        schaduwprijs_cent=total(cost & shadow),
        overdrachten_cent=total(benefit & transfer),
    )


def rendement_tekst(value: float | None) -> str:
    """A ratio as the renderers show it: `€ 1,46 per euro`, or `n.v.t.` without costs."""
    if value is None:
        return NVT
    return f"€ {value:.2f} per euro".replace(".", ",")
