"""Pricing: pure functions from typed cases and a price list to priced lines. No file access.

Two steps, so that pooled exports of many organisations can skip the first:
1. `case_lines`: cases -> a DataFrame of input lines (what the worker typed, plus case metadata);
2. `price_lines`: input lines -> priced lines, vectorised. Money is exact: amounts are computed in
   whole cents with int64 arithmetic where the inputs are short decimals (nearly always), otherwise
   with float64, where rows within rounding error of a half cent are recomputed with Decimal; every
   line equals `line_amount` to the cent, rounded half up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from rendementsmeter.core.model import Case, LineColumns, LineSlice
from rendementsmeter.core.money import round_cents, to_cents
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.spec.casus import BASIS_HORIZON, OVERLEDEN
from rendementsmeter.spec.rekenregels import DISCONTOVOET, horizonfactor

#: Columns of the priced-lines DataFrame, in order. Money in whole cents (int64), exact.
LINE_COLUMNS = (
    "pad", "casusnummer", "domein", "team", "werker", "einddatum", "regelsoort", "blad", "cel", "rij",
    "code", "omschrijving", "wet", "financier", "eenheid", "sector", "overdracht", "betrouwbaarheid",
    "aantal", "kans", "aandeel", "horizon", "horizonfactor", "afsluitreden", "prijs", "prijsjaar",
    "prijs_op_peil_cent", "bedrag_cent", "uren", "toelichting",
)  # fmt: skip
INPUT_COLUMNS = (
    "pad", "casusnummer", "domein", "team", "werker", "einddatum", "regelsoort", "blad", "cel", "rij",
    "code", "aantal", "kans", "toelichting", "aandeel", "horizon", "afsluitreden",
)  # fmt: skip
#: Case-level columns an older input frame may lack, with the value they then take.
CASE_DEFAULTS = {"aandeel": 100, "horizon": BASIS_HORIZON, "afsluitreden": ""}
ITEM_COLUMNS = ("omschrijving", "wet", "financier", "eenheid", "sector", "overdracht", "betrouwbaarheid")


def line_amount(
    aantal: Decimal, prijs_op_peil: Decimal, kans: int | None = None, aandeel: int = 100, factor: Decimal = Decimal(1)
) -> Decimal:
    """Value of one line in euros, rounded to cents once: aantal × prijs, and for avoided care
    × kans/100 × aandeel/100 × the horizon factor (README "Rekenregels")."""
    value = aantal * prijs_op_peil
    if kans is not None:
        value = value * Decimal(kans) / 100 * Decimal(aandeel) / 100 * factor
    return round_cents(value)


def telt_mee(afsluitreden: str) -> bool:
    """Whether a case's avoided care counts: not when the client died (a death is not a saving)."""
    return afsluitreden != OVERLEDEN


def case_lines(cases: Iterable[Case]) -> pd.DataFrame:
    """One row per typed line of the given cases, with the case's metadata; nothing priced yet. Cases
    whose lines are a LineSlice (a pooled export) are taken column-wise, run by run; others row-wise.

    Built column by column, each column once: the case fields for all cases together, the line fields
    of the runs joined as codes into their distinct values (a pool of twenty exports). Numbers are typed
    as they are taken: converting 4,7 million Python objects to numbers, and joining text columns
    object by object, took most of the 12 s this step cost for a million pooled cases."""
    cases = list(cases)
    counts = np.fromiter((len(case.lines) for case in cases), dtype=np.intp, count=len(cases))
    bounds = [i for i in range(1, len(cases)) if _columns_of(cases[i]) is not _columns_of(cases[i - 1])]
    runs = list(zip([0, *bounds], [*bounds, len(cases)], strict=True))
    parts = [_run_lines(cases[a:b], counts[a:b]) for a, b in runs] or [_run_lines([], counts)]
    data: dict[str, Any] = {k: _joined([part[k] for part in parts]) for k in parts[0]}
    for name in CASE_TEXT:
        data[name] = np.repeat(_objects([getattr(case, name) for case in cases]), counts)
    for name in ("aandeel", "horizon"):
        data[name] = np.repeat(np.array([getattr(case, name) for case in cases], dtype=np.int64), counts)
    return pd.DataFrame({k: pd.Series(data[k], dtype=object if data[k].dtype == object else None, copy=False)
                         for k in INPUT_COLUMNS}, copy=False)  # fmt: skip


#: The case fields of the input lines that are text (or dates), repeated on every line of the case.
CASE_TEXT = ("pad", "casusnummer", "domein", "team", "werker", "einddatum", "afsluitreden")


def _columns_of(case: Case) -> LineColumns | None:
    return case.lines.columns if isinstance(case.lines, LineSlice) else None


class _Coded(NamedTuple):
    """A text column as the index of each line's value into the distinct values."""

    uniques: np.ndarray
    codes: np.ndarray


def _run_lines(cases: list[Case], counts: np.ndarray) -> dict[str, Any]:
    """The line fields (text, rij, aantal, kans) of cases that are all read from files, or all slices of
    one LineColumns (`counts`: their numbers of lines): text as objects (files) or _Coded (columns), numbers
    typed, kans an Int64 array."""
    columns = _columns_of(cases[0]) if cases else None
    if columns is None:  # read from files: the lines' fields, transposed
        lines = [line for case in cases for line in case.lines]
        kind, blad, rij, cel, code, aantal, kans, toelichting = zip(*lines, strict=True) if lines else [()] * 8
        return {
            "regelsoort": _objects(kind), "blad": _objects(blad), "cel": _objects(cel), "code": _objects(code),
            "toelichting": _objects(toelichting), "rij": np.array(rij, dtype=np.int64),
            "aantal": np.array([float(a) for a in aantal], dtype=np.float64), "kans": pd.array(kans, dtype="Int64"),
        }  # fmt: skip
    starts = np.fromiter((case.lines.start for case in cases if isinstance(case.lines, LineSlice)), dtype=np.intp)
    # the rows of every slice, in case order: start, start + 1, ... for each case
    rows = np.arange(int(counts.sum()), dtype=np.intp) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
    # kans typed per distinct value used (a value only on lines the reader left out is never converted)
    used, which = pd.factorize(columns.index["kans"][rows])
    kans = pd.array(columns.uniques["kans"][which], dtype="Int64")[used]
    out: dict[str, Any] = {
        name: _Coded(columns.uniques[field], columns.index[field][rows])
        for name, field in (("regelsoort", "kind"), ("blad", "blad"), ("cel", "cel"), ("code", "code"),
                            ("toelichting", "toelichting"))
    }  # fmt: skip
    return {**out, "rij": columns.rij[rows].astype(np.int64), "aantal": columns.aantal_f[rows], "kans": kans}


def _joined(parts: list[Any]) -> Any:
    """One column from the runs' parts: numbers and Int64 arrays joined; text taken from its distinct
    values once (the codes of the runs joined with an offset), or joined as objects when a run of case
    files is among them."""
    if isinstance(parts[0], pd.api.extensions.ExtensionArray):
        return parts[0] if len(parts) == 1 else type(parts[0])._concat_same_type(parts)
    if all(isinstance(p, _Coded) for p in parts):
        offsets = np.cumsum([0, *[len(p.uniques) for p in parts[:-1]]])
        uniques = np.concatenate([p.uniques for p in parts]) if len(parts) > 1 else parts[0].uniques
        codes = np.concatenate([p.codes.astype(np.intp) + o for p, o in zip(parts, offsets, strict=True)])
        return uniques[codes]
    arrays = [p.uniques[p.codes] if isinstance(p, _Coded) else p for p in parts]
    return arrays[0] if len(arrays) == 1 else np.concatenate(arrays)


def _objects(values: Sequence[Any]) -> np.ndarray:
    """A 1-D object array of the values as they are (np.array would look into a tuple)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def item_table(prijslijst: Prijslijst, prijspeil: int, codes: Iterable[str]) -> pd.DataFrame:
    """Per code: the item's descriptive columns, its source price and its unit price at `prijspeil`."""
    rows = []
    distinct = codes.unique().tolist() if isinstance(codes, pd.Series) else set(codes)
    for code in sorted(set(distinct)):
        item = prijslijst.items[code]
        rows.append({
            "code": code, "omschrijving": item.omschrijving, "wet": item.wet, "financier": item.financier,
            "eenheid": item.eenheid, "sector": item.sector, "overdracht": item.overdracht,
            "betrouwbaarheid": item.betrouwbaarheid, "prijs": float(item.prijs), "prijsjaar": item.prijsjaar,
            "prijs_op_peil_cent": to_cents(prijslijst.prijs_op_peil(code, prijspeil)),
            "uren_per_eenheid": float(item.uren_per_eenheid) if item.uren_per_eenheid is not None else np.nan,
        })  # fmt: skip
    columns = ["code", *ITEM_COLUMNS, "prijs", "prijsjaar", "prijs_op_peil_cent", "uren_per_eenheid"]
    frame = pd.DataFrame(rows, columns=columns)
    # text as object columns of the price list's own strings: joined onto millions of lines, each line
    # then points to them (as text columns of pandas 3 the join would make a string per line)
    return frame.astype({c: object for c in ("code", *ITEM_COLUMNS) if c != "overdracht"})


def amount_cents(aantal: np.ndarray, unit_cent: np.ndarray, fraction: np.ndarray) -> np.ndarray:
    """round_half_up(aantal × unit × fraction) in cents, exact (see module docstring).

    Where the inputs are short decimals, as they nearly always are (an aantal with at most 3 decimals,
    whole cents, a fraction with at most 4 decimals such as kans / 100), the product is computed in
    integers, exactly; other rows in float64 with the near-ties recomputed in Decimal."""
    aantal = np.asarray(aantal, dtype=np.float64)
    unit_cent = np.asarray(unit_cent, dtype=np.float64)
    fraction = np.broadcast_to(np.asarray(fraction, dtype=np.float64), aantal.shape)
    exact = aantal * unit_cent * fraction
    cents = np.floor(np.abs(exact) + 0.5) * np.sign(exact)
    with np.errstate(invalid="ignore", over="ignore"):
        k, u, m = np.round(aantal * 1000), np.round(unit_cent), np.round(fraction * 10_000)
        short = (k / 1000 == aantal) & (u == unit_cent) & (m / 10_000 == fraction)
        short &= np.abs(k) * np.abs(u) * np.abs(m) < 4e18  # fits in int64, with room to round
    if short.any():
        num = k[short].astype(np.int64) * u[short].astype(np.int64) * m[short].astype(np.int64)
        den = 1000 * 10_000
        cents[short] = np.sign(num) * ((np.abs(num) * 2 + den) // (2 * den))
    frac = np.abs(exact) - np.floor(np.abs(exact))
    # float64 differs from the decimal product by a few parts in 1e16 of its size: a margin of 1e-14
    near_tie = np.flatnonzero(~short & (np.abs(frac - 0.5) < np.maximum(1e-6, np.abs(exact) * 1e-14)))
    for i in near_tie:
        exact_value = Decimal(repr(float(aantal[i]))) * Decimal(int(unit_cent[i])) * Decimal(repr(float(fraction[i])))
        cents[i] = int(round_cents(exact_value / 100) * 100)
    return cents.astype(np.int64)


def counted_cents(aantal: np.ndarray, unit_cent: np.ndarray, fraction: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """round_half_up(aantal × unit × fraction × factor) in cents, exact; `fraction` has at most 4 decimals
    (kans × aandeel / 10.000), `factor` is the horizon factor (6 decimals). Lines with a factor of 1 take
    the vectorised path; the few others are computed in Decimal (the sensitivity uses the same)."""
    cents = amount_cents(aantal, unit_cent, fraction)
    spread = np.flatnonzero((np.asarray(factor) != 1.0) & (np.asarray(fraction) != 0))
    for i in spread:
        value = (
            Decimal(repr(float(aantal[i])))
            * Decimal(int(unit_cent[i]))
            / 100
            * Decimal(repr(float(fraction[i])))
            * Decimal(repr(float(factor[i])))
        )
        cents[i] = to_cents(round_cents(value))
    return cents


def price_lines(
    lines: pd.DataFrame, prijslijst: Prijslijst, prijspeil: int, discontovoet: Decimal = DISCONTOVOET
) -> pd.DataFrame:
    """Price input lines (from `case_lines` or a pooled export) at `prijspeil`, vectorised.

    Avoided care counts aantal × prijs × kans/100 × aandeel/100 × horizonfactor, rounded to cents once;
    0 when the client died."""
    lines = lines.assign(**{k: v for k, v in CASE_DEFAULTS.items() if k not in lines})
    # the item's columns taken per line by position (a merge on the code text cost 9 s for the 4,7
    # million lines of a million cases); every code of a priced line is in the price list, and a missing
    # code is a distinct value too, so that item_table refuses it (never the item of another code)
    code_i, code_u = pd.factorize(lines["code"].to_numpy(object), use_na_sentinel=False)
    items = item_table(prijslijst, prijspeil, code_u.tolist())
    at = pd.Index(items["code"].to_numpy(object), dtype=object).get_indexer(pd.Index(code_u, dtype=object))[code_i]
    frame = lines.assign(**{c: pd.Series(items[c].to_numpy()[at], index=lines.index, dtype=items[c].dtype, copy=False)
                            for c in items.columns if c != "code"})  # fmt: skip
    avoided = (frame["regelsoort"] == "vermeden").to_numpy()
    kans = frame["kans"].to_numpy(dtype=np.float64, na_value=np.nan)
    aandeel = frame["aandeel"].to_numpy(dtype=np.float64)
    alive = (frame["afsluitreden"] != OVERLEDEN).to_numpy()
    fraction = np.where(avoided, kans * aandeel * alive / 10_000, 1.0)  # exact to 4 decimals: one division
    aantal = frame["aantal"].to_numpy(dtype=np.float64)
    factors = {int(h): horizonfactor(int(h), discontovoet) for h in frame["horizon"].unique()}
    factor = np.where(avoided, frame["horizon"].map({h: float(f) for h, f in factors.items()}).to_numpy(float), 1.0)
    frame["horizonfactor"] = factor
    frame["bedrag_cent"] = counted_cents(aantal, frame["prijs_op_peil_cent"].to_numpy(np.float64), fraction, factor)
    frame["uren"] = aantal * frame["uren_per_eenheid"].to_numpy(np.float64) * fraction
    frame["prijs_op_peil_cent"] = frame["prijs_op_peil_cent"].astype("int64")
    frame["overdracht"] = frame["overdracht"].astype(bool)
    frame = frame[list(LINE_COLUMNS)].reset_index(drop=True)
    return frame.astype({c: object for c in frame.columns if pd.api.types.is_string_dtype(frame[c].dtype)})


def price_cases(
    cases: Iterable[Case], prijslijst: Prijslijst, prijspeil: int, discontovoet: Decimal = DISCONTOVOET
) -> pd.DataFrame:
    """One row per line of the given cases, priced at `prijspeil` (columns: LINE_COLUMNS)."""
    return price_lines(case_lines(cases), prijslijst, prijspeil, discontovoet)
