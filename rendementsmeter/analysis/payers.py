"""Who pays and who benefits (`investeerder_baathebber`) and staff time saved (`arbeidsmarkt`). Pure.

**Investeerder-baathebber matrix.** Rows: the financiers that invest (they pay for the own work and
for the care added by referral); columns: the financiers with whom the avoided costs land. A cell
(A, B) holds the benefits for B from the cases A invested in, shared pro rata to A's part of each
case's costs (a case paid 80% by the municipality and 20% by the health insurer gives 80% of its
benefits to the municipality's row). Cells are split per case in whole cents with the largest
remainder, so rows and columns add up exactly to the totals. Benefits of cases without any cost
land in the row "zonder kosten". The municipality ('gemeente') is stated apart: what it pays, which
part of the savings lands with it (of which transfers such as social assistance), and its own net
result.

**Staff time saved.** For each avoided line whose item has `uren_per_eenheid` in the price list:
hours = uren_per_eenheid × aantal × kans / 100 (the `uren` column of the priced lines), summed per
sector. fte = hours / hours per fte; the default of 1.500 productive hours per fte per year is an
ASSUMPTION (a full-time job of 36 hours a week is about 1.870 paid hours; leave, illness, training
and overhead leave roughly 1.500 for client work) and can be overridden. The fte is a year's work:
"as much time as X people working a full year". Items without hours are never guessed: they are
listed, and the coverage says which share of the benefits (by value) has hours. Time of informal
carers (mantelzorg) and of the client's own paid work (arbeid) is reported per sector but kept out
of the staff total: it is not staff time. Care added by referral uses staff time too; its hours are
reported per sector next to the avoided hours.

Disclosure control (see `disclosure`): amounts per financier and per law describe budgets, not
persons, and are always shown (the matrix too), and so are the hours per sector (services, not client
groups); an item without hours from fewer than `min_groep` cases shows "<5".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd

from rendementsmeter.analysis.basis import Basis
from rendementsmeter.analysis.disclosure import MIN_GROEP, klein_label, onderdrukt
from rendementsmeter.analysis.payer_cells import ZONDER_KOSTEN, Cel, _fin_key, matrix_cells
from rendementsmeter.analysis.totals import KOSTEN_KINDS, ratio
from rendementsmeter.core.money import cents_to_euro
from rendementsmeter.pricing.frames import sorted_distinct
from rendementsmeter.pricing.prijslijst import FINANCIERS, WETTEN

GEMEENTE = "gemeente"
UREN_PER_FTE = Decimal(1500)
GEEN_PERSONEEL = ("mantelzorg", "arbeid")
UUR = Decimal("0.1")
FTE = Decimal("0.01")


def _fin_order(names: Any) -> list[str]:
    return sorted(set(names), key=_fin_key)


@dataclass
class InvesteerderBaathebber:
    """The matrix in cents, the number of cases behind each figure, and the municipality apart."""

    min_groep: int
    investeerders: list[str]
    baathebbers: list[str]
    kosten: dict[str, Cel]  # per investor: what it paid, in how many cases
    baten: dict[str, Cel]  # per beneficiary (the column totals)
    rijen: dict[str, Cel]  # per investor: benefits its share of the cases yielded (row totals)
    cellen: dict[tuple[str, str], Cel]
    gemeente_kosten_cent: int = 0
    gemeente_baten_cent: int = 0
    gemeente_overdrachten_cent: int = 0
    totaal_baten_cent: int = 0
    casussen: int = 0

    @property
    def gemeente_netto_cent(self) -> int:
        return self.gemeente_baten_cent - self.gemeente_kosten_cent

    @property
    def gemeente_netto_zonder_overdrachten_cent(self) -> int:
        return self.gemeente_netto_cent - self.gemeente_overdrachten_cent

    @property
    def gemeente_aandeel(self) -> float | None:
        """Share of all benefits that lands with the municipality."""
        return ratio(self.gemeente_baten_cent, self.totaal_baten_cent)

    def _cel(self, cel: Cel) -> Any:
        return cents_to_euro(cel.bedrag_cent)  # budgets: always shown (see `disclosure`)

    def to_dict(self) -> dict[str, Any]:
        m = self.min_groep
        if onderdrukt(self.casussen, m):
            return {"casussen": klein_label(m)}
        matrix = {}
        for a in self.investeerders:
            k, r = self.kosten.get(a, Cel()), self.rijen[a]
            matrix[a] = {
                "kosten": self._cel(k) if a != ZONDER_KOSTEN else 0.0,
                "baten": {b: self._cel(self.cellen[(a, b)]) for b in self.baathebbers if (a, b) in self.cellen},
                "baten_totaal": self._cel(r),
                "rendement": None if a == ZONDER_KOSTEN else ratio(r.bedrag_cent, k.bedrag_cent),
            }
        return {
            "casussen": self.casussen,
            "matrix": matrix,
            "baten_per_financier": {b: self._cel(self.baten[b]) for b in self.baathebbers},
            "gemeente": {
                "kosten": cents_to_euro(self.gemeente_kosten_cent),
                "baten": cents_to_euro(self.gemeente_baten_cent),
                "waarvan_overdrachten": cents_to_euro(self.gemeente_overdrachten_cent),
                "netto": cents_to_euro(self.gemeente_netto_cent),
                "netto_zonder_overdrachten": cents_to_euro(self.gemeente_netto_zonder_overdrachten_cent),
                "aandeel_van_alle_baten": self.gemeente_aandeel,
                "terugverdiend_per_euro": ratio(self.gemeente_baten_cent, self.gemeente_kosten_cent),
            },
        }


def investeerder_baathebber(bc: Basis, min_groep: int = MIN_GROEP) -> InvesteerderBaathebber:
    """Costs by financier against benefits by financier (see the module docstring)."""
    lines = bc.regels[["regelsoort", "bedrag_cent", "pad", "financier", "overdracht"]]  # only what is used
    if not len(lines):
        return InvesteerderBaathebber(min_groep, [], [], {}, {}, {}, {}, casussen=len(bc.per_casus))
    cost = lines[lines["regelsoort"].isin(KOSTEN_KINDS) & (lines["bedrag_cent"] != 0)]
    gain = lines[(lines["regelsoort"] == "vermeden") & (lines["bedrag_cent"] != 0)]
    kosten, baten, cellen, zonder_kosten = matrix_cells(bc.per_casus["pad"].to_numpy(object), cost, gain)
    investors = _fin_order(kosten) + ([ZONDER_KOSTEN] if zonder_kosten else [])
    rijen = {
        a: Cel(
            sum(c.bedrag_cent for (i, _), c in cellen.items() if i == a),
            kosten[a].casussen if a in kosten else zonder_kosten,
        )
        for a in investors
    }
    gemeente_gain = gain[gain["financier"] == GEMEENTE]
    return InvesteerderBaathebber(
        min_groep=min_groep,
        investeerders=investors,
        baathebbers=_fin_order(baten),
        kosten=kosten,
        baten=baten,
        rijen=rijen,
        cellen=cellen,
        gemeente_kosten_cent=int(cost.loc[cost["financier"] == GEMEENTE, "bedrag_cent"].sum()),
        gemeente_baten_cent=int(gemeente_gain["bedrag_cent"].sum()),
        gemeente_overdrachten_cent=int(gemeente_gain.loc[gemeente_gain["overdracht"], "bedrag_cent"].sum()),
        totaal_baten_cent=int(gain["bedrag_cent"].sum()),
        casussen=len(bc.per_casus),
    )


def _hours_by(lines: pd.DataFrame, key: str) -> dict[str, Decimal]:
    """The `uren` of the lines summed exactly as decimals per value of `key`: each distinct number of
    hours once, times how often it occurs (the same sum as adding the lines one by one)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for (k, uren), n in lines.groupby([key, "uren"], sort=False).size().items():
        out[str(k)] += _dec(uren) * int(n)
    return out


def _dec(value: float) -> Decimal:
    # the priced lines hold hours as floats made from exact decimals; repr gives that decimal back
    return Decimal(repr(float(value)))


@dataclass(frozen=True)
class SectorUren:
    """Hours avoided in one sector (and hours added there by referral), with the cases behind them."""

    sector: str
    uren: Decimal
    casussen: int
    uren_ingezet: Decimal = Decimal(0)
    personeel: bool = True

    def fte(self, uren_per_fte: Decimal) -> Decimal:
        return (self.uren / uren_per_fte).quantize(FTE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PostZonderUren:
    """An avoided item without hours in the price list: its benefits are outside the hours coverage."""

    code: str
    omschrijving: str
    sector: str
    casussen: int
    baten_cent: int


@dataclass
class Arbeidsmarkt:
    """Staff time saved per sector, the staff total, and the coverage of the benefits by hours."""

    min_groep: int
    uren_per_fte: Decimal
    sectoren: list[SectorUren] = field(default_factory=list)
    personeel_uren: Decimal = Decimal(0)
    personeel_casussen: int = 0
    baten_cent: int = 0
    baten_met_uren_cent: int = 0
    zonder_uren: list[PostZonderUren] = field(default_factory=list)

    @property
    def dekking(self) -> float | None:
        """Share of the benefits (by value) whose items have hours in the price list."""
        return ratio(self.baten_met_uren_cent, self.baten_cent)

    @property
    def personeel_fte(self) -> Decimal:
        return (self.personeel_uren / self.uren_per_fte).quantize(FTE, rounding=ROUND_HALF_UP)

    def to_dict(self) -> dict[str, Any]:
        m, klein = self.min_groep, klein_label(self.min_groep)
        per_sector: dict[str, Any] = {}
        for s in self.sectoren:  # sectors are services (budgets), not client groups: always shown
            per_sector[s.sector] = {
                "uren": float(s.uren.quantize(UUR, rounding=ROUND_HALF_UP)),
                "fte": float(s.fte(self.uren_per_fte)),
                "casussen": s.casussen,
                "uren_ingezet": float(s.uren_ingezet.quantize(UUR, rounding=ROUND_HALF_UP)),
                "personeel": s.personeel,
            }
        totaal: Any = {
            "uren": float(self.personeel_uren.quantize(UUR, rounding=ROUND_HALF_UP)),
            "fte": float(self.personeel_fte),
            "casussen": self.personeel_casussen,
        }
        return {
            "per_sector": per_sector,
            "personeel_totaal": totaal,
            "uren_per_fte": float(self.uren_per_fte),
            "dekking": self.dekking,
            "baten_met_uren": cents_to_euro(self.baten_met_uren_cent),
            "baten": cents_to_euro(self.baten_cent),
            "posten_zonder_uren": [
                {"code": p.code, "omschrijving": p.omschrijving, "sector": p.sector, "casussen": klein}
                if onderdrukt(p.casussen, m)
                else {
                    "code": p.code,
                    "omschrijving": p.omschrijving,
                    "sector": p.sector,
                    "casussen": p.casussen,
                    "baten": cents_to_euro(p.baten_cent),
                }
                for p in self.zonder_uren
            ],
        }


def arbeidsmarkt(
    bc: Basis,
    uren_per_fte: Decimal | int | float = UREN_PER_FTE,
    min_groep: int = MIN_GROEP,
    geen_personeel: tuple[str, ...] = GEEN_PERSONEEL,
) -> Arbeidsmarkt:
    """Hours and fte avoided per sector, from the hours in the price list; never guessed."""
    per_fte = Decimal(str(uren_per_fte))
    if per_fte <= 0:
        raise ValueError("uren per fte moet groter dan 0 zijn")
    out = Arbeidsmarkt(min_groep, per_fte)
    lines = bc.regels[["regelsoort", "uren", "bedrag_cent", "sector", "pad", "code", "omschrijving"]]
    if not len(lines):
        return out
    avoided = lines[lines["regelsoort"] == "vermeden"]
    added = lines[lines["regelsoort"] == "ingezet"]
    timed = avoided[avoided["uren"].notna()]
    out.baten_cent = int(avoided["bedrag_cent"].sum())
    out.baten_met_uren_cent = int(timed["bedrag_cent"].sum())
    hours: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    added_timed = added[added["uren"].notna()]
    for frame, i in ((timed, 0), (added_timed, 1)):
        for sector, total in _hours_by(frame, "sector").items():
            hours[sector][i] += total
    both = pd.concat([timed[["sector", "pad"]], added_timed[["sector", "pad"]]])
    cases = {str(k): int(v) for k, v in both.groupby("sector")["pad"].nunique().items()}
    out.sectoren = [
        SectorUren(sector, h[0], cases[sector], h[1], sector not in geen_personeel)
        for sector, h in sorted(hours.items())
    ]
    staff = timed[~timed["sector"].isin(geen_personeel)]
    out.personeel_uren = sum(_hours_by(staff.assign(alle=""), "alle").values(), Decimal(0))
    out.personeel_casussen = int(staff["pad"].nunique())
    untimed = avoided[avoided["uren"].isna()]
    items = (
        untimed.groupby("code")
        .agg(
            omschrijving=("omschrijving", "first"),
            sector=("sector", "first"),
            casussen=("pad", "nunique"),
            baten_cent=("bedrag_cent", "sum"),
        )
        .reset_index()
    )
    out.zonder_uren = sorted(
        (
            PostZonderUren(str(r.code), str(r.omschrijving), str(r.sector), int(r.casussen), int(r.baten_cent))
            for r in items.itertuples()
        ),
        key=lambda p: (-p.baten_cent, p.code),
    )
    return out


def per_groep(bc: Basis, sleutel: str) -> dict[str, tuple[Cel, Cel]]:
    """Costs and benefits per law (`wet`) or per `financier`, each with the number of cases behind it.

    Budgets, not persons: always shown (see `disclosure`); the case counts are for the reader."""
    lines = bc.regels
    out: dict[str, tuple[Cel, Cel]] = {}
    if not len(lines):
        return out
    known = FINANCIERS if sleutel == "financier" else WETTEN
    column = lines[sleutel].to_numpy(object)
    names = sorted(set(pd.unique(column).tolist()), key=lambda k: (known.index(k) if k in known else len(known), k))
    amount = lines["bedrag_cent"].to_numpy(np.int64)
    keep = amount != 0
    # per (name, side) a group number: its sum, and its distinct cases (on whole numbers, not on paths)
    key, keys = pd.factorize(column[keep])
    case, cases = pd.factorize(lines["pad"].to_numpy(object)[keep])
    side = (lines["regelsoort"].to_numpy(object)[keep] == "vermeden").astype(np.int64)  # 1: baten
    ok = key >= 0
    group, case, amount = (key * 2 + side)[ok], case[ok], amount[keep][ok]
    bedrag = np.zeros(2 * len(keys), dtype=np.int64)
    np.add.at(bedrag, group, amount)
    width = max(1, len(cases))
    known_case = case >= 0  # a line without a path adds its amount but is no case (as nunique)
    n = np.bincount(sorted_distinct(group[known_case] * width + case[known_case]) // width, minlength=len(bedrag))
    cells = {(str(keys[g // 2]), "baten" if g % 2 else "kosten"): Cel(int(bedrag[g]), int(n[g]))
             for g in np.flatnonzero(np.bincount(group, minlength=len(bedrag))).tolist()}  # fmt: skip
    out = {str(k): (cells.get((str(k), "kosten"), Cel()), cells.get((str(k), "baten"), Cel())) for k in names}
    return {k: v for k, v in out.items() if v[0].casussen or v[1].casussen}  # lines that all count 0: no row
