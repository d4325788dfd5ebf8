"""Pricing: pure functions from typed cases and a price list to priced lines. No file access."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from .model import Case
from .money import round_cents, to_cents
from .prijslijst import Prijslijst

#: Columns of the priced-lines DataFrame, in order. Money in whole cents (int64), exact.
LINE_COLUMNS = (
    "pad",
    "casusnummer",
    "domein",
    "team",
    "werker",
    "einddatum",
    "regelsoort",
    "blad",
    "cel",
    "rij",
    "code",
    "omschrijving",
    "wet",
    "financier",
    "eenheid",
    "sector",
    "overdracht",
    "betrouwbaarheid",
    "aantal",
    "kans",
    "prijs",
    "prijsjaar",
    "prijs_op_peil_cent",
    "bedrag_cent",
    "uren",
    "toelichting",
)


def line_amount(aantal: Decimal, prijs_op_peil: Decimal, kans: int | None = None) -> Decimal:
    """Value of one line in euros, rounded to cents: aantal × prijs (× kans / 100 for avoided care)."""
    value = aantal * prijs_op_peil
    if kans is not None:
        value = value * Decimal(kans) / 100
    return round_cents(value)


def price_cases(cases: Iterable[Case], prijslijst: Prijslijst, prijspeil: int) -> pd.DataFrame:
    """One row per line of the given cases, priced at `prijspeil`."""
    rows = []
    peil_cache: dict[str, Decimal] = {}
    for case in cases:
        for line in case.lines:
            item = prijslijst.items[line.code]
            unit = peil_cache.get(item.code)
            if unit is None:
                unit = peil_cache[item.code] = prijslijst.prijs_op_peil(item.code, prijspeil)
            amount = line_amount(line.aantal, unit, line.kans if line.kind == "vermeden" else None)
            uren = None
            if item.uren_per_eenheid is not None:
                uren = line.aantal * item.uren_per_eenheid * (Decimal(line.kans) / 100 if line.kans is not None else 1)
            rows.append(
                (
                    case.pad,
                    case.casusnummer,
                    case.domein,
                    case.team,
                    case.werker,
                    case.einddatum,
                    line.kind,
                    line.blad,
                    line.cel,
                    line.rij,
                    item.code,
                    item.omschrijving,
                    item.wet,
                    item.financier,
                    item.eenheid,
                    item.sector,
                    item.overdracht,
                    item.betrouwbaarheid,
                    float(line.aantal),
                    line.kans,
                    float(item.prijs),
                    item.prijsjaar,
                    to_cents(unit),
                    to_cents(amount),
                    float(uren) if uren is not None else None,
                    line.toelichting,
                )
            )
    frame = pd.DataFrame.from_records(rows, columns=list(LINE_COLUMNS))
    frame["prijs_op_peil_cent"] = frame["prijs_op_peil_cent"].astype("int64")
    frame["bedrag_cent"] = frame["bedrag_cent"].astype("int64")
    frame["kans"] = frame["kans"].astype("Int64")
    frame["overdracht"] = frame["overdracht"].astype(bool)
    return frame
