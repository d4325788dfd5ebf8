"""The priced and summed lines of a business case (`Basis`): pricing, reviews and double counting
applied in that order. Pure: everything it needs is passed in, already read; no file access.

The views on top of it (patterns, payers, uncertainty, sensitivity) take a Basis; the BusinessCase
(businesscase.py) is a Basis with those views, the settings and the JSON form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pandas as pd

from rendementsmeter.analysis.totals import TOTAL_KEYS, by, per_casus_frame, ratio, sums
from rendementsmeter.core.model import OPGENOMEN, ReadResult
from rendementsmeter.pricing import dubbeltelling
from rendementsmeter.pricing.identity import add_identity
from rendementsmeter.pricing.price import price_cases
from rendementsmeter.pricing.prijslijst import FINANCIERS, WETTEN, Prijslijst
from rendementsmeter.pricing.rules import Regel, bundle_rules, mark_results
from rendementsmeter.review.apply import Beoordeling, apply_reviews
from rendementsmeter.review.model import ReviewFile
from rendementsmeter.spec.rekenregels import DISCONTOVOET


@dataclass
class Basis:
    """Priced lines and their sums; money in whole cents."""

    prijspeil: int
    prijslijst: Prijslijst
    resultaten: list[ReadResult]
    regels: pd.DataFrame
    per_casus: pd.DataFrame
    totalen: dict[str, int]
    per_wet: pd.DataFrame
    per_financier: pd.DataFrame
    #: The applied peer reviews (None without --beoordelingen); totalen are then after review.
    beoordeling: Beoordeling | None = None
    #: What was applied, so that a re-pricing (sensitivity.vergelijk) applies exactly the same.
    beoordelingen: Sequence[ReviewFile] | None = None
    regels_dubbel: list[Regel] = field(default_factory=list)
    #: The discount rate for avoided care beyond the first year (spec.rekenregels.DISCONTOVOET).
    discontovoet: Decimal = DISCONTOVOET
    gemaakt: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    @property
    def opgenomen(self) -> list[ReadResult]:
        return [r for r in self.resultaten if r.status == OPGENOMEN]

    @property
    def rendement(self) -> float | None:
        return ratio(self.totalen["baten"], self.totalen["kosten"])

    @property
    def rendement_maatschappelijk(self) -> float | None:
        return ratio(self.totalen["baten_maatschappelijk"], self.totalen["kosten_maatschappelijk"])

    @property
    def dubbeltellingen(self) -> pd.DataFrame:
        """Avoided-care lines kept out of the totals because a bundle of the same case holds them."""
        return self.regels[self.regels["dubbeltelling"] != ""]


def build_basis(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    beoordelingen: Sequence[ReviewFile] | None = None,
    dubbel: Sequence[Regel] = (),
    discontovoet: Decimal = DISCONTOVOET,
) -> Basis:
    """Price the included cases and aggregate them; rejected files stay out of every total.

    With `beoordelingen` (read with review.read.read_reviews) the peer reviews are applied first:
    every total is then after review, and `beoordeling` holds the totals before, the audit,
    conflicts and agreement. Then double counting is taken out: a part of a bundled estimate in the
    same case counts 0 (rules: the `bundel` rows of `dubbel`, see pricing.rules.load_plausibiliteit).
    A rejected bundle line no longer holds its parts: they count again, and their `dubbeltelling`
    findings go."""
    peil = prijslijst.peil(prijspeil)
    included = [r for r in resultaten if r.status == OPGENOMEN]
    lines = add_identity(price_cases((r.case for r in included if r.case), prijslijst, peil, discontovoet))
    lines["oordeel"] = ""
    lines["beoordelaar"] = ""
    beoordeling = None
    rules = bundle_rules(dubbel)
    if beoordelingen is not None:
        # 'before review' is exactly the business case without reviews (double counting taken out)
        counted = dubbeltelling.apply(lines, rules)
        before = sums(counted)
        lines, beoordeling = apply_reviews(lines, list(beoordelingen), prijslijst)
        beoordeling.totalen_voor = before
        beoordeling.baten_voor_cent = before["baten"]
        value = dict(zip(counted["regel_id"], counted["bedrag_cent"], strict=True))
        beoordeling.waarde_beoordeeld_cent = sum(int(value.get(c.regel_id, 0)) for c in beoordeling.audit)
    # double counting is decided after the review, and the findings follow that decision
    lines = dubbeltelling.apply(lines, rules)
    present = None
    if beoordelingen is not None:  # the avoided lines still counted after review
        keys = lines[["regelsoort", "pad", "blad", "rij"]]
        avoided = keys[keys["regelsoort"] == "vermeden"]
        present = set(zip(avoided["pad"], avoided["blad"], avoided["rij"], strict=True))
    mark_results(included, rules, present)
    per_casus = per_casus_frame(included, lines)
    totals = {k: int(per_casus[f"{k}_cent"].sum()) for k in TOTAL_KEYS}
    return Basis(
        prijspeil=peil,
        prijslijst=prijslijst,
        resultaten=resultaten,
        regels=lines,
        per_casus=per_casus,
        totalen=totals,
        per_wet=by(lines, "wet", WETTEN),
        per_financier=by(lines, "financier", FINANCIERS),
        beoordeling=beoordeling,
        beoordelingen=beoordelingen,
        regels_dubbel=list(dubbel),
        discontovoet=discontovoet,
    )
