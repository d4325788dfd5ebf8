"""Honest uncertainty: a Monte Carlo simulation of the avoided costs and the return.

Each avoided-care line is treated as an event that happens with probability `kans/100`; when it
happens, it costs `aantal × unit price`. Where the price list gives a low/high range for an item,
the unit price is drawn too (triangular between low and high, with the list price as its mean). Lines are drawn independently,
also within one case; that is an assumption (in reality one event, such as an eviction, can make
another more likely) and it narrows the interval somewhat. Costs (own work, added care) are what
was actually done and are not drawn.

Pure computation: no file access. Same inputs and seed give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from rendementsmeter.core.money import to_cents
from rendementsmeter.pricing.price import line_amount
from rendementsmeter.pricing.prijslijst import Prijslijst

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2015  # fixed: a report must be reproducible
CHUNK_CELLS = 20_000_000  # draws × lines per chunk, bounds memory at ~200 MB
#: Above this many lines the total is a sum of so many independent terms that its distribution is
#: normal to well within a cent per euro (central limit theorem); drawing the sum directly keeps a
#: region's or a national pool's simulation to a fraction of a second.
NORMAL_ABOVE = 20_000


@dataclass(frozen=True)
class Interval:
    """Median and the 90% interval (P5-P95)."""

    p5: float
    p50: float
    p95: float

    def to_dict(self) -> dict[str, float]:
        return {"p5": self.p5, "p50": self.p50, "p95": self.p95}


@dataclass(frozen=True)
class Onzekerheid:
    """Result of the simulation: baten in euros, rendement as baten per euro of kosten."""

    baten: Interval
    rendement: Interval | None
    trekkingen: int
    seed: int
    prijzen_getrokken: int  # number of lines whose price was drawn from a range

    def to_dict(self) -> dict[str, object]:
        return {
            "baten": self.baten.to_dict(),
            "rendement": self.rendement.to_dict() if self.rendement else None,
            "trekkingen": self.trekkingen,
            "seed": self.seed,
        }


def _price_ranges(lines: pd.DataFrame, prijslijst: Prijslijst) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line: low, mode and high of the triangular price distribution, in euros at the price level.

    The list price is taken as the expected price, so the mode is placed where the triangle's mean
    (low + mode + high) / 3 equals it (clamped to the range): drawing prices widens the interval
    without shifting it away from the point estimate.
    """
    price = lines["prijs_op_peil_cent"].to_numpy(dtype=np.float64) / 100
    low = price.copy()
    mode = price.copy()
    high = price.copy()
    for i, code in enumerate(lines["code"].to_numpy()):
        item = prijslijst.items.get(code)
        if item is None or item.prijs_laag is None or item.prijs_hoog is None:
            continue
        factor = float(Decimal(int(lines["prijs_op_peil_cent"].iat[i])) / 100 / item.prijs)
        lo, hi = float(item.prijs_laag) * factor, float(item.prijs_hoog) * factor
        if lo <= price[i] <= hi and hi > lo:
            low[i], high[i] = lo, hi
            mode[i] = min(max(3 * price[i] - lo - hi, lo), hi)
    return low, mode, high


def simulate(
    regels: pd.DataFrame,
    kosten_cent: int,
    prijslijst: Prijslijst,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    prijzen: bool = True,
) -> Onzekerheid:
    """Simulate total avoided costs and the return over the avoided-care lines in `regels`."""
    lines = regels[regels["regelsoort"] == "vermeden"]
    rng = np.random.default_rng(seed)
    n = len(lines)
    totals = np.zeros(draws, dtype=np.float64)
    n_ranged = 0
    if n:
        p = lines["kans"].to_numpy(dtype=np.float64) / 100
        qty = lines["aantal"].to_numpy(dtype=np.float64)
        low, mode, high = _price_ranges(lines, prijslijst)
        # the value if the event happens, rounded to cents exactly as pricing rounds a line
        full = np.array(
            [
                to_cents(line_amount(Decimal(repr(float(a))), Decimal(int(c)) / 100)) / 100
                for a, c in zip(qty, lines["prijs_op_peil_cent"], strict=True)
            ]
        )
        ranged = np.flatnonzero(high > low) if prijzen else np.array([], dtype=np.int64)
        n_ranged = int(ranged.size)
        if n > NORMAL_ABOVE:
            # mean and variance of Σ B_i × V_i, B_i ~ Bernoulli(p_i), V_i = qty_i × triangular(low, mode, high)
            ev = np.where(high > low, qty * (low + mode + high) / 3, full) if prijzen else full
            var_v = (
                qty**2 * (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
                if prijzen
                else np.zeros(n)
            )
            mean = float((p * ev).sum())
            var = float((p * (var_v + ev**2) - (p * ev) ** 2).sum())
            totals = rng.normal(mean, var**0.5, draws)
        chunk = max(1, CHUNK_CELLS // n)
        for start in range(0, draws if n <= NORMAL_ABOVE else 0, chunk):
            d = min(chunk, draws - start)
            happens = rng.random((d, n)) < p
            value = np.broadcast_to(full, (d, n))
            if n_ranged:
                value = value.copy()
                value[:, ranged] = qty[ranged] * rng.triangular(low[ranged], mode[ranged], high[ranged], (d, n_ranged))
            totals[start : start + d] = (happens * value).sum(axis=1)
    baten = Interval(*(round(float(x), 2) for x in np.percentile(totals, [5, 50, 95])))
    rendement = None
    if kosten_cent > 0:
        ratio = totals / (kosten_cent / 100)
        rendement = Interval(*(round(float(x), 4) for x in np.percentile(ratio, [5, 50, 95])))
    return Onzekerheid(baten, rendement, draws, seed, n_ranged)
