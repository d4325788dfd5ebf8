"""Honest uncertainty: a Monte Carlo simulation of the societal (MKBA) costs, benefits and return.

What is drawn, per draw (README "Rekenregels", "Onzekerheid"):
- one shared estimation factor for all kansen and one for all quantities (log-normal, mean 1): a bias
  that every worker's estimate shares (everyone a bit optimistic) does not average out when cases are
  added, so the interval must not shrink to nothing with more cases;
- per avoided-care line whether the care would have been needed (probability kans × the shared factor,
  at most 1), valued at aantal × the shared quantity factor × price × aandeel × horizon factor;
- prices, once per item code (the same price assumption holds for every case): a triangle between the
  list's low and high price where it gives a range (with the list price as its mean), and ± 25% around
  the list price where the price is an assumption (grade C, and every own-work rate), on the benefit
  and on the cost side.
Transfers are left out (the societal view); double-counted parts and the avoided care of a client who
died count nothing, as in the totals.

Pure computation: no file access. Same inputs and seed give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from rendementsmeter.analysis.totals import KOSTEN_KINDS
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.spec.casus import OVERLEDEN

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 2015  # fixed: a report must be reproducible
CHUNK_CELLS = 4_000_000  # draws × lines per chunk: ~32 MB per array (the draws do not depend on it)
#: Above this many avoided-care lines the Bernoulli sum is drawn from its normal approximation given
#: the shared factors (mean and variance exact per group of code and kans), which keeps a national
#: pool's simulation to a fraction of a second.
NORMAL_ABOVE = 20_000
#: Standard deviation of the logarithm of the shared kans factor and of the shared quantity factor
#: (assumptions: a common bias of about ±25% and ±15%).
KANS_SPREIDING = 0.5
AANTAL_SPREIDING = 0.2
#: Half-width of the triangle around an assumed price (grade C, own work), as a fraction.
AANNAME_MARGE = 0.25


@dataclass(frozen=True)
class Interval:
    """Median and the 90% interval (P5-P95)."""

    p5: float
    p50: float
    p95: float

    @property
    def relatieve_breedte(self) -> float | None:
        """(P95 - P5) / P50: the width of the interval relative to its middle."""
        return None if self.p50 == 0 else (self.p95 - self.p5) / abs(self.p50)

    def to_dict(self) -> dict[str, float]:
        return {"p5": self.p5, "p50": self.p50, "p95": self.p95}


@dataclass(frozen=True)
class Onzekerheid:
    """Result of the simulation, for the societal (MKBA) view: euros, rendement per euro of costs."""

    baten: Interval
    rendement: Interval | None
    trekkingen: int
    seed: int
    prijzen_getrokken: int  # number of item codes whose price was drawn
    kosten: Interval = field(default_factory=lambda: Interval(0.0, 0.0, 0.0))
    netto: Interval = field(default_factory=lambda: Interval(0.0, 0.0, 0.0))
    #: by how much all kansen together may fall before the societal netto is 0 (perspectives.Perspectief)
    omslagpunt: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "perspectief": "maatschappelijk",
            "baten": self.baten.to_dict(),
            "kosten": self.kosten.to_dict(),
            "netto": self.netto.to_dict(),
            "rendement": self.rendement.to_dict() if self.rendement else None,
            "omslagpunt": self.omslagpunt,
            "trekkingen": self.trekkingen,
            "seed": self.seed,
            "aannames": {
                "kans_spreiding": KANS_SPREIDING,
                "aantal_spreiding": AANTAL_SPREIDING,
                "aanname_prijs_marge": AANNAME_MARGE,
            },
        }


def _code_factors(
    unit: dict[str, int], codes: list[str], prijslijst: Prijslijst, rng: np.random.Generator, draws: int
) -> tuple[np.ndarray, int]:
    """(draws × codes) price factors relative to the list price (`unit`: a code's price at the price
    level in cents); and how many codes are drawn."""
    factors = np.ones((draws, len(codes)))
    drawn = 0
    for j, code in enumerate(codes):
        item = prijslijst.items.get(code)
        if item is None:
            continue
        if item.prijs_laag is not None and item.prijs_hoog is not None and item.prijs > 0:
            price = float(Decimal(int(unit[code])) / 100)
            scale = float(Decimal(int(unit[code])) / 100 / item.prijs)
            lo, hi = float(item.prijs_laag) * scale, float(item.prijs_hoog) * scale
            if not (lo <= price <= hi and hi > lo):
                continue
            mode = min(max(3 * price - lo - hi, lo), hi)  # the triangle's mean is the list price
            factors[:, j] = rng.triangular(lo, mode, hi, draws) / price
        elif item.betrouwbaarheid == "C" or item.soort == "inzet":
            factors[:, j] = rng.triangular(1 - AANNAME_MARGE, 1.0, 1 + AANNAME_MARGE, draws)
        else:
            continue
        drawn += 1
    return factors, drawn


def _interval(values: np.ndarray, decimals: int) -> Interval:
    return Interval(*(round(float(x), decimals) for x in np.percentile(values, [5, 50, 95])))


def simulate(
    regels: pd.DataFrame,
    prijslijst: Prijslijst,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    prijzen: bool = True,
    gedeeld: bool = True,
    omslagpunt: float | None = None,
) -> Onzekerheid:
    """Simulate the societal benefits, costs and return of the priced lines in `regels`.
    `prijzen=False` keeps prices fixed; `gedeeld=False` leaves out the shared estimation factors."""
    counted = ~regels["overdracht"].to_numpy(dtype=bool)
    if "bedrag_dubbel_cent" in regels:
        counted &= ~((regels["bedrag_cent"].to_numpy() == 0) & (regels["bedrag_dubbel_cent"].to_numpy() > 0))
    kind = regels["regelsoort"].to_numpy()
    # masks and columns, not row subsets: a pool's millions of lines are not copied (two copies and a
    # concatenation of every column cost 14-23 s at a million cases)
    is_ben = counted & (kind == "vermeden")
    is_cost = counted & np.isin(kind, KOSTEN_KINDS)
    used = np.flatnonzero(is_ben | is_cost)
    code_i, code_u = pd.factorize(regels["code"].to_numpy(object), use_na_sentinel=False)
    seen, first = np.unique(code_i[used], return_index=True)
    # the price at the price level per code (one per code: the price list's)
    unit = dict(zip(code_u[seen].tolist(), regels["prijs_op_peil_cent"].to_numpy()[used[first]].tolist(), strict=True))
    rng = np.random.default_rng(seed)
    k_factor = np.exp(rng.normal(-(KANS_SPREIDING**2) / 2, KANS_SPREIDING, draws)) if gedeeld else np.ones(draws)
    q_factor = np.exp(rng.normal(-(AANTAL_SPREIDING**2) / 2, AANTAL_SPREIDING, draws)) if gedeeld else np.ones(draws)
    codes = sorted(unit)
    if prijzen:
        price, n_drawn = _code_factors(unit, codes, prijslijst, rng, draws)
    else:
        price, n_drawn = np.ones((draws, len(codes))), 0
    index = {c: j for j, c in enumerate(codes)}
    column = np.array([index.get(c, -1) for c in code_u.tolist()], dtype=np.int64)  # per code of code_u

    cost_col = column[code_i[is_cost]]
    amounts = regels["bedrag_cent"].to_numpy(dtype=np.float64)[is_cost] / 100
    # a cost line's only uncertainty is its code's price factor: summed per code first, the work does
    # not grow with the number of lines (draws × codes, not draws × lines)
    n_cost, n_ben = len(cost_col), int(is_ben.sum())
    kosten = price @ np.bincount(cost_col, weights=amounts, minlength=len(codes)) if n_cost else np.zeros(draws)

    def ben_column(name: str, **kwargs: object) -> np.ndarray:
        return regels[name].to_numpy(**kwargs)[is_ben]  # type: ignore[arg-type]

    baten = np.zeros(draws)
    if n_ben:
        p = ben_column("kans", dtype=np.float64, na_value=0) / 100
        share = ben_column("aandeel", dtype=np.float64) / 100 * (ben_column("afsluitreden") != OVERLEDEN)
        # the value if the care would have been needed (no kans), rounded to cents as pricing rounds a line
        exact = (
            ben_column("aantal", dtype=np.float64)
            * ben_column("prijs_op_peil_cent", dtype=np.float64)
            * share
            * ben_column("horizonfactor", dtype=np.float64)
        )
        full = np.floor(exact + 0.5 + 1e-9) / 100
        col = column[code_i[is_ben]]
        if n_ben > NORMAL_ABOVE:
            groups = pd.DataFrame({"col": col, "p": p, "v": full, "v2": full**2}).groupby(["col", "p"]).sum()
            g_col = groups.index.get_level_values("col").to_numpy()
            g_p = groups.index.get_level_values("p").to_numpy()
            s1, s2 = groups["v"].to_numpy(), groups["v2"].to_numpy()
            z = rng.standard_normal(draws)
            for start in range(0, draws, max(1, CHUNK_CELLS // max(1, len(g_p)))):
                end = min(draws, start + max(1, CHUNK_CELLS // max(1, len(g_p))))
                q = np.minimum(1.0, g_p[None, :] * k_factor[start:end, None])
                f = price[start:end][:, g_col] * q_factor[start:end, None]
                mean = (q * f * s1).sum(axis=1)
                var = (q * (1 - q) * f**2 * s2).sum(axis=1)
                baten[start:end] = mean + np.sqrt(np.maximum(var, 0)) * z[start:end]
        else:
            chunk = max(1, CHUNK_CELLS // n_ben)
            for start in range(0, draws, chunk):
                end = min(draws, start + chunk)
                q = np.minimum(1.0, p[None, :] * k_factor[start:end, None])
                happens = rng.random((end - start, n_ben)) < q
                value = full[None, :] * price[start:end][:, col] * q_factor[start:end, None]
                baten[start:end] = (happens * value).sum(axis=1)
    rendement = None
    if (kosten > 0).all() and n_cost:
        rendement = _interval(baten / kosten, 4)
    return Onzekerheid(
        baten=_interval(baten, 2),
        rendement=rendement,
        trekkingen=draws,
        seed=seed,
        prijzen_getrokken=n_drawn,
        kosten=_interval(kosten, 2),
        netto=_interval(baten - kosten, 2),
        omslagpunt=omslagpunt,
    )
