"""Pricing: pure functions from typed cases and a price list to priced lines. No file access.

Two steps, so that pooled exports of many organisations can skip the first:
1. `case_lines`: cases -> a DataFrame of input lines (what the worker typed, plus case metadata);
2. `price_lines`: input lines -> priced lines, vectorised. Money is exact: amounts are computed in
   cents with float64 and rounded half up; the rare rows whose exact value lies within 1e-6 cent of a
   half cent are recomputed with Decimal, so every line equals `line_amount` to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import numpy as np
import pandas as pd

from .model import Case
from .money import round_cents, to_cents
from .prijslijst import Prijslijst

#: Columns of the priced-lines DataFrame, in order. Money in whole cents (int64), exact.
LINE_COLUMNS = (
    "pad", "casusnummer", "domein", "team", "werker", "einddatum", "regelsoort", "blad", "cel", "rij",
    "code", "omschrijving", "wet", "financier", "eenheid", "sector", "overdracht", "betrouwbaarheid",
    "aantal", "kans", "prijs", "prijsjaar", "prijs_op_peil_cent", "bedrag_cent", "uren", "toelichting",
)  # fmt: skip
INPUT_COLUMNS = (
    "pad", "casusnummer", "domein", "team", "werker", "einddatum", "regelsoort", "blad", "cel", "rij",
    "code", "aantal", "kans", "toelichting",
)  # fmt: skip
ITEM_COLUMNS = ("omschrijving", "wet", "financier", "eenheid", "sector", "overdracht", "betrouwbaarheid")


def line_amount(aantal: Decimal, prijs_op_peil: Decimal, kans: int | None = None) -> Decimal:
    """Value of one line in euros, rounded to cents: aantal × prijs (× kans / 100 for avoided care)."""
    value = aantal * prijs_op_peil
    if kans is not None:
        value = value * Decimal(kans) / 100
    return round_cents(value)


def case_lines(cases: Iterable[Case]) -> pd.DataFrame:
    """One row per typed line of the given cases, with the case's metadata; nothing priced yet."""
    rows = [
        (case.pad, case.casusnummer, case.domein, case.team, case.werker, case.einddatum, line.kind, line.blad,
         line.cel, line.rij, line.code, float(line.aantal), line.kans, line.toelichting)
        for case in cases
        for line in case.lines
    ]  # fmt: skip
    frame = pd.DataFrame.from_records(rows, columns=list(INPUT_COLUMNS))
    frame["kans"] = frame["kans"].astype("Int64")
    return frame


def item_table(prijslijst: Prijslijst, prijspeil: int, codes: Iterable[str]) -> pd.DataFrame:
    """Per code: the item's descriptive columns, its source price and its unit price at `prijspeil`."""
    rows = []
    for code in sorted(set(codes)):
        item = prijslijst.items[code]
        rows.append({
            "code": code, "omschrijving": item.omschrijving, "wet": item.wet, "financier": item.financier,
            "eenheid": item.eenheid, "sector": item.sector, "overdracht": item.overdracht,
            "betrouwbaarheid": item.betrouwbaarheid, "prijs": float(item.prijs), "prijsjaar": item.prijsjaar,
            "prijs_op_peil_cent": to_cents(prijslijst.prijs_op_peil(code, prijspeil)),
            "uren_per_eenheid": float(item.uren_per_eenheid) if item.uren_per_eenheid is not None else np.nan,
        })  # fmt: skip
    columns = ["code", *ITEM_COLUMNS, "prijs", "prijsjaar", "prijs_op_peil_cent", "uren_per_eenheid"]
    return pd.DataFrame(rows, columns=columns)


def amount_cents(aantal: np.ndarray, unit_cent: np.ndarray, fraction: np.ndarray) -> np.ndarray:
    """round_half_up(aantal × unit × fraction) in cents, exact (see module docstring)."""
    exact = aantal * unit_cent * fraction
    cents = np.floor(np.abs(exact) + 0.5) * np.sign(exact)
    frac = np.abs(exact) - np.floor(np.abs(exact))
    near_tie = np.flatnonzero(np.abs(frac - 0.5) < 1e-6)
    for i in near_tie:
        exact_value = Decimal(repr(float(aantal[i]))) * Decimal(int(unit_cent[i])) * Decimal(repr(float(fraction[i])))
        cents[i] = int(round_cents(exact_value / 100) * 100)
    return cents.astype(np.int64)


def price_lines(lines: pd.DataFrame, prijslijst: Prijslijst, prijspeil: int) -> pd.DataFrame:
    """Price input lines (from `case_lines` or a pooled export) at `prijspeil`, vectorised."""
    items = item_table(prijslijst, prijspeil, lines["code"])
    frame = lines.merge(items, on="code", how="left", validate="many_to_one")
    avoided = (frame["regelsoort"] == "vermeden").to_numpy()
    kans = frame["kans"].to_numpy(dtype=np.float64, na_value=np.nan)
    fraction = np.where(avoided, kans / 100, 1.0)
    aantal = frame["aantal"].to_numpy(dtype=np.float64)
    frame["bedrag_cent"] = amount_cents(aantal, frame["prijs_op_peil_cent"].to_numpy(np.float64), fraction)
    frame["uren"] = aantal * frame["uren_per_eenheid"].to_numpy(np.float64) * fraction
    frame["prijs_op_peil_cent"] = frame["prijs_op_peil_cent"].astype("int64")
    frame["overdracht"] = frame["overdracht"].astype(bool)
    return frame[list(LINE_COLUMNS)].reset_index(drop=True)


def price_cases(cases: Iterable[Case], prijslijst: Prijslijst, prijspeil: int) -> pd.DataFrame:
    """One row per line of the given cases, priced at `prijspeil` (columns: LINE_COLUMNS)."""
    return price_lines(case_lines(cases), prijslijst, prijspeil)
