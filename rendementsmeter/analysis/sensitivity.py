"""Sensitivity: what the business case says under other, more cautious or other-priced assumptions.

Every scenario recomputes line values exactly as pricing does (Decimal, rounded to cents per line),
so each figure can be reconciled by hand. Pure computation on a Basis (the priced lines of a business case); no file access.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np
import pandas as pd

from rendementsmeter.analysis.basis import Basis, build_basis
from rendementsmeter.analysis.totals import KOSTEN_KINDS, ratio
from rendementsmeter.core.money import round_cents, to_cents
from rendementsmeter.pricing.frames import per_distinct
from rendementsmeter.pricing.price import amount_cents, counted_cents
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.spec.casus import KANS_WAARDEN, ONZEKERE_AFSLUITING, OVERLEDEN

#: Optimism-bias haircut on avoided costs per evidence grade of the price (an assumption, in the
#: spirit of the GMCA CBA model's confidence grades): A official reference price, B one region's or
#: organisation's tariff, C derived, assumed or weak source.
OPTIMISME_CORRECTIE = {"A": Decimal("0"), "B": Decimal("0.20"), "C": Decimal("0.40")}

GRADE_UITLEG = {
    "A": "officiële referentieprijs of landelijk tarief",
    "B": "gepubliceerd tarief van één regio of organisatie",
    "C": "afgeleid, aangenomen of zwakke bron",
}


@dataclass(frozen=True)
class Scenario:
    """One row of the sensitivity table; money in whole cents."""

    naam: str
    uitleg: str
    kosten_cent: int
    baten_cent: int

    @property
    def rendement(self) -> float | None:
        return ratio(self.baten_cent, self.kosten_cent)

    def to_dict(self) -> dict[str, object]:
        return {
            "scenario": self.naam,
            "baten": self.baten_cent / 100,
            "kosten": self.kosten_cent / 100,
            "rendement": self.rendement,
        }


def kans_lager(kans: int) -> int:
    """One probability class lower: 75 -> 50, 60 -> 50, 10 -> 0, 0 -> 0."""
    return max((k for k in KANS_WAARDEN if k < kans), default=0)


def _avoided(regels: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The avoided-care lines, with those of `columns` the line table has (the columns first: a row
    subset copies every column it has, and a pool's line table has 40 of millions of rows)."""
    regels = regels[["regelsoort", *[c for c in columns if c in regels and c != "regelsoort"]]]
    return regels[regels["regelsoort"] == "vermeden"]


def _range_unit_cents(bc: Basis, codes: np.ndarray, which: str) -> np.ndarray:
    """Per line the low or high unit price in cents at the price level (the list price without a range)."""

    def unit(code: str) -> int:
        item = bc.prijslijst.items[code]
        bound = item.prijs_laag if which == "laag" else item.prijs_hoog
        if bound is None:
            return to_cents(bc.prijslijst.prijs_op_peil(code, bc.prijspeil))
        return to_cents(round_cents(bound * bc.prijslijst.factor(item.prijsjaar, bc.prijspeil)))

    return per_distinct(codes, unit, np.float64)


def scenarios(bc: Basis, correctie: dict[str, Decimal] | None = None, top_fractie: float = 0.10) -> list[Scenario]:
    """The sensitivity table: basis and the cautious and alternative views (vectorised, exact cents)."""
    t = bc.totalen
    lines = _avoided(bc.regels, ("aantal", "prijs_op_peil_cent", "kans", "aandeel", "afsluitreden", "horizonfactor",
                                 "bedrag_cent", "bedrag_dubbel_cent", "code", "betrouwbaarheid", "oordeel"))  # fmt: skip
    haircut = {**OPTIMISME_CORRECTIE, **(correctie or {})}
    aantal = lines["aantal"].to_numpy(dtype=np.float64)
    unit = lines["prijs_op_peil_cent"].to_numpy(dtype=np.float64)
    kans = lines["kans"].to_numpy(dtype=np.float64, na_value=0)
    # what a line counts besides aantal × prijs × kans: attribution, the closure rule, the horizon factor
    share = lines["aandeel"].to_numpy(dtype=np.float64) * (lines["afsluitreden"] != OVERLEDEN).to_numpy() / 100
    factor = lines["horizonfactor"].to_numpy(dtype=np.float64)

    def priced(unit_cent: np.ndarray, kansen: np.ndarray, factors: np.ndarray = factor) -> np.ndarray:
        return counted_cents(aantal, unit_cent, kansen * share / 100, factors)

    counted = (
        (lines["bedrag_cent"].to_numpy() != 0) | (lines["bedrag_dubbel_cent"].to_numpy() == 0)
        if "bedrag_dubbel_cent" in lines
        else np.ones(len(lines), dtype=bool)
    )

    def total(cents: np.ndarray) -> int:
        return int(cents[counted].sum())  # double-counted parts stay out in every scenario

    out = [Scenario("Basis", "zoals berekend", t["kosten"], t["baten"])]
    lower = per_distinct(kans, lambda k: kans_lager(int(k)), np.float64)
    out.append(Scenario("Kans een klasse lager", "elke kans een klasse lager (75 wordt 50, 50 wordt 25, ...)",
                        t["kosten"], total(priced(unit, lower))))  # fmt: skip

    pc = bc.per_casus
    n_drop = math.ceil(len(pc) * top_fractie) if len(pc) else 0
    top = pc.nlargest(n_drop, "baten_cent") if n_drop else pc.iloc[0:0]
    out.append(Scenario(
        f"Zonder de {round(top_fractie * 100)}% meest waardevolle casussen",
        f"{n_drop} casus(sen) met de hoogste baten weggelaten, met hun kosten",
        t["kosten"] - int(top["kosten_cent"].sum()), t["baten"] - int(top["baten_cent"].sum())))  # fmt: skip

    out.append(Scenario("Maatschappelijk perspectief", "zonder overdrachten (zoals uitkeringen)",
                        t["kosten_maatschappelijk"], t["baten_maatschappelijk"]))  # fmt: skip

    codes = lines["code"].to_numpy(dtype=object)
    for which, label in (("laag", "Lage prijzen"), ("hoog", "Hoge prijzen")):
        cents = priced(_range_unit_cents(bc, codes, which), kans)
        word = "lage" if which == "laag" else "hoge"
        out.append(Scenario(label, f"de {word} prijs uit de prijslijst waar die een bandbreedte geeft",
                            t["kosten"], total(cents)))  # fmt: skip

    grades = lines["betrouwbaarheid"].fillna("C").to_numpy(dtype=object)
    keep = per_distinct(grades, lambda g: float(1 - haircut.get(g or "C", haircut["C"])), np.float64)
    bedrag = lines["bedrag_cent"].to_numpy(dtype=np.float64)
    pct = ", ".join(f"{g} {int(v * 100)}%" for g, v in sorted(haircut.items()))
    out.append(Scenario("Correctie voor optimisme", f"baten verlaagd per betrouwbaarheid van de prijs: {pct}",
                        t["kosten"], total(amount_cents(bedrag, np.ones(len(bedrag)), keep))))  # fmt: skip
    is_c = grades == "C"
    out.append(Scenario("Zonder C-prijzen", "baten zonder de regels met een afgeleide, aangenomen of zwakke prijs (C); "
                        "kosten gelijk", t["kosten"], total(bedrag * ~is_c)))  # fmt: skip
    regels = bc.regels
    onzeker = regels["afsluitreden"].isin(ONZEKERE_AFSLUITING).to_numpy()
    if onzeker.any():
        cost = regels["regelsoort"].isin(KOSTEN_KINDS).to_numpy()
        amount = regels["bedrag_cent"].to_numpy(dtype=np.int64)
        n = regels.loc[onzeker, "pad"].nunique()
        out.append(Scenario("Zonder verhuisd of gestopt", f"{n} casus(sen) met afsluitreden verhuisd of gestopt door "
                            "cliënt weggelaten, met hun kosten", t["kosten"] - int(amount[onzeker & cost].sum()),
                            t["baten"] - int(amount[onzeker & (regels["regelsoort"] == "vermeden").to_numpy()].sum())))  # fmt: skip
    if (factor != 1.0).any():
        out.append(Scenario("Zonder discontering", "horizon boven 12 maanden zonder discontovoet (alleen gespreid)",
                            t["kosten"], total(priced(unit, kans, np.ones(len(factor))))))  # fmt: skip
    if bc.beoordeling is not None and "oordeel" in lines:
        reviewed = lines["oordeel"].isin(["akkoord", "aangepast"]).to_numpy()
        out.append(Scenario("Alleen beoordeelde regels", "alleen regels die een collega akkoord gaf of aanpaste",
                            t["kosten"], int(lines["bedrag_cent"].to_numpy()[reviewed].sum())))  # fmt: skip
    return out


def per_betrouwbaarheid(bc: Basis) -> dict[str, dict[str, float]]:
    """Share of the avoided costs resting on prices of each evidence grade (A, B, C)."""
    lines = _avoided(bc.regels, ("bedrag_cent", "betrouwbaarheid"))
    total = int(lines["bedrag_cent"].sum())
    out = {}
    for grade in ("A", "B", "C"):
        cents = int(lines.loc[lines["betrouwbaarheid"] == grade, "bedrag_cent"].sum())
        out[grade] = {"baten": cents / 100, "aandeel": round(cents / total, 4) if total else 0.0}
    return out


def concentratie(bc: Basis) -> dict[str, object]:
    """How much of the benefits rests on C-grade prices and on the largest single line (a line a
    reviewer should check first when one estimate carries the business case)."""
    lines = _avoided(bc.regels, ("bedrag_cent", "betrouwbaarheid", "code", "omschrijving"))
    total = int(lines["bedrag_cent"].sum())
    c_cents = int(lines.loc[lines["betrouwbaarheid"].fillna("C") == "C", "bedrag_cent"].sum())
    out: dict[str, object] = {
        "baten": total / 100,
        "baten_c_prijzen": c_cents / 100,
        "aandeel_c_prijzen": round(c_cents / total, 4) if total > 0 else 0.0,
        "grootste_regel": None,
    }
    if len(lines) and total > 0:
        top = lines.loc[lines["bedrag_cent"].idxmax()]
        out["grootste_regel"] = {
            "code": top["code"],
            "omschrijving": top["omschrijving"],
            "betrouwbaarheid": top["betrouwbaarheid"],
            "bedrag": int(top["bedrag_cent"]) / 100,
            "aandeel": round(int(top["bedrag_cent"]) / total, 4),
        }
    return out


HEADLINES = ("kosten_inzet", "kosten_ingezette_zorg", "kosten", "baten", "baten_maatschappelijk", "netto")


@dataclass(frozen=True)
class Vergelijking:
    """The headline totals under the current and another price list / price level."""

    omschrijving: str
    rijen: list[tuple[str, float | None, float | None]]  # (totaal, nu, ander), euros or ratio
    ontbrekend: list[str]  # codes used in the cases but absent from the other price list

    def to_dict(self) -> dict[str, object]:
        return {
            "omschrijving": self.omschrijving,
            "ontbrekende_codes": self.ontbrekend,
            "totalen": [
                {
                    "totaal": n,
                    "nu": a,
                    "ander": b,
                    "verschil": None if a is None or b is None else round(b - a, 4 if n == "rendement" else 2),
                }
                for n, a, b in self.rijen
            ],
        }


def vergelijk(bc: Basis, ander: Prijslijst | None = None, prijspeil: int | None = None) -> Vergelijking:
    """Re-price the same cases with another price list and/or price level, and compare."""
    other = ander or bc.prijslijst
    peil = other.peil(prijspeil or (bc.prijspeil if ander is None else None))
    missing = sorted({code for code in bc.regels["code"] if code not in other.items})
    results = []
    for r in bc.resultaten:
        if r.case is not None and missing:
            case = replace(r.case, lines=[x for x in r.case.lines if x.code in other.items])
            r = replace(r, case=case)
        results.append(r)
    # the same reviews and double-count rules as the business case, so only the prices differ
    again = build_basis(results, other, peil, bc.beoordelingen, bc.regels_dubbel, bc.discontovoet)
    rows: list[tuple[str, float | None, float | None]] = [
        (k, bc.totalen[k] / 100, again.totalen[k] / 100) for k in HEADLINES
    ]
    rows.append(("rendement", bc.rendement, again.rendement))
    what = []
    if ander is not None:
        what.append(f"prijslijst {other.versie}")
    what.append(f"prijspeil {peil}")
    return Vergelijking(", ".join(what), rows, missing)
