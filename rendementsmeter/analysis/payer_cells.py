"""The cells of the investor-beneficiary matrix (payers.investeerder_baathebber), column-wise. Pure.

Per case, its benefits per financier are split over the financiers that paid its costs, pro rata to
what each paid, in whole cents with the largest remainder (ties by the financiers' order; `_split` is
the rule for one amount). A pool has a million cases: the sums per case and financier, the one-payer
cases and the split itself are computed on arrays, and only an amount whose products could leave
int64 (or a case with a negative cost or costs that add up to 0) takes the rule one amount at a time,
and amounts whose sums could leave int64 take it case by case in Python integers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rendementsmeter.analysis.totals import case_rows
from rendementsmeter.pricing.prijslijst import FINANCIERS

ZONDER_KOSTEN = "zonder kosten"
_RANK = {f: i for i, f in enumerate(FINANCIERS)}
_SAFE = 2**62  # |amount × weight| below this: the split's products fit in int64


@dataclass
class Cel:
    bedrag_cent: int = 0
    casussen: int = 0


def _fin_key(k: str) -> tuple[int, str]:
    return _RANK.get(k, len(FINANCIERS)), k


def _split(amount: int, weights: dict[str, int]) -> dict[str, int]:
    """Split whole cents over keys pro rata to weights; largest remainder, ties by key order."""
    if len(weights) == 1:  # one payer takes it all (the common case in a large pool)
        return dict.fromkeys(weights, amount)
    total = sum(weights.values())
    shares = {k: amount * w // total for k, w in weights.items()}
    rest = amount - sum(shares.values())
    position = {k: i for i, k in enumerate(weights)}
    order = sorted(weights, key=lambda k: (-(amount * weights[k] % total), position[k]))
    for k in order[:rest]:
        shares[k] += 1
    return shares


def _sums(lines: pd.DataFrame, pads: np.ndarray, number: dict[str, int]) -> tuple[np.ndarray, ...]:
    """Per (case, financier) with lines: (case row, financier number, cents), by case, then financier."""
    case = case_rows(pads, lines["pad"])
    codes, distinct = pd.factorize(lines["financier"].to_numpy(object), use_na_sentinel=False)
    fin = np.array([number[str(f)] for f in distinct], dtype=np.int64)[codes]  # once per financier, not per line
    kept = case >= 0  # a line of a case outside the table counts nowhere, as before
    width = len(number) + 1
    sums = pd.Series(lines["bedrag_cent"].to_numpy(np.int64)[kept]).groupby(case[kept] * width + fin[kept]).sum()
    key = sums.index.to_numpy(np.int64)
    return key // width, key % width, sums.to_numpy(np.int64)


def _totals(fin: np.ndarray, cents: np.ndarray, names: list[str]) -> dict[str, Cel]:
    """Sum and number of rows per financier, in the order the financiers first appear."""
    codes, firsts = pd.factorize(fin)
    total = np.zeros(len(firsts), dtype=np.int64)
    np.add.at(total, codes, cents)
    count = np.bincount(codes, minlength=len(firsts))
    return {names[int(f)]: Cel(int(total[i]), int(count[i])) for i, f in enumerate(firsts)}


def _size(lines: pd.DataFrame) -> float:
    """The sum of the absolute amounts, as a float (it bounds every sum of them)."""
    return float(np.abs(lines["bedrag_cent"].to_numpy(np.float64)).sum())


def _matrix_exact(
    pads: np.ndarray, cost: pd.DataFrame, gain: pd.DataFrame
) -> tuple[dict[str, Cel], dict[str, Cel], dict[tuple[str, str], Cel], int]:
    """The matrix case by case in Python integers (amounts beyond what int64 sums can hold)."""

    def per_case(lines: pd.DataFrame) -> list[dict[str, int]]:
        out: list[dict[str, int]] = [{} for _ in pads]
        rows = case_rows(pads, lines["pad"]).tolist()
        for row, fin, cents in zip(rows, lines["financier"].tolist(), lines["bedrag_cent"].tolist(), strict=True):
            if row >= 0:
                out[row][str(fin)] = out[row].get(str(fin), 0) + int(cents)
        return [{f: d[f] for f in sorted(d, key=_fin_key)} for d in out]

    kosten: dict[str, Cel] = {}
    baten: dict[str, Cel] = {}
    cellen: dict[tuple[str, str], Cel] = {}
    zonder = 0
    for paid, got in zip(per_case(cost), per_case(gain), strict=True):
        for f, v in paid.items():
            c = kosten.setdefault(f, Cel())
            c.bedrag_cent, c.casussen = c.bedrag_cent + v, c.casussen + 1
        zonder += not paid
        for b, v in got.items():
            c = baten.setdefault(b, Cel())
            c.bedrag_cent, c.casussen = c.bedrag_cent + v, c.casussen + 1
            for a, share in _split(v, paid or {ZONDER_KOSTEN: 1}).items():
                cell = cellen.setdefault((a, b), Cel())
                cell.bedrag_cent, cell.casussen = cell.bedrag_cent + share, cell.casussen + 1
    return kosten, baten, cellen, zonder


def matrix_cells(
    pads: np.ndarray, cost: pd.DataFrame, gain: pd.DataFrame
) -> tuple[dict[str, Cel], dict[str, Cel], dict[tuple[str, str], Cel], int]:
    """(costs per investor, benefits per beneficiary, cells (investor, beneficiary), cases without costs)
    of the cases `pads` (per_casus order), from their cost and benefit lines (non-zero amounts)."""
    found = {str(f) for lines in (cost, gain) for f in pd.unique(lines["financier"].to_numpy(object))}
    names = [*sorted(found, key=_fin_key), ZONDER_KOSTEN]
    number = {n: i for i, n in enumerate(names[:-1])}
    none = len(names) - 1  # the row of the cases without costs
    if max(_size(cost), _size(gain)) >= _SAFE:  # sums that could leave int64: the rule amount by amount
        return _matrix_exact(pads, cost, gain)
    p_case, p_fin, p_v = _sums(cost, pads, number)
    g_case, g_fin, g_v = _sums(gain, pads, number)
    n_pay = np.bincount(p_case, minlength=len(pads))
    first = np.concatenate([[0], np.cumsum(n_pay)[:-1]]).astype(np.int64)
    weight_total = np.zeros(len(pads), dtype=np.int64)
    np.add.at(weight_total, p_case, p_v)
    k = n_pay[g_case]
    rows = np.arange(len(g_case))
    # cases with no payer or one: the whole amount to that row
    one = k <= 1
    payer_one = np.full(int(one.sum()), none, dtype=np.int64)
    paid = k[one] == 1
    payer_one[paid] = p_fin[first[g_case[one][paid]]]
    parts = [(rows[one], np.zeros(len(payer_one), dtype=np.int64), payer_one, g_fin[one], g_v[one])]
    many = np.flatnonzero(~one)
    if len(many):
        reps = k[many]
        r = np.repeat(many, reps)
        pos = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        payer = first[g_case[r]] + pos
        v, w, t = g_v[r], p_v[payer], weight_total[g_case[r]]
        fast = (np.abs(v).astype(float) * np.abs(w).astype(float) < _SAFE) & (w >= 0) & (t > 0)
        slow = np.bincount(r, weights=(~fast).astype(float), minlength=len(g_case))
        fast = slow[r] == 0  # every amount goes one way as a whole
        if fast.any():
            rf, pf, vf, wf, tf = r[fast], pos[fast], v[fast], w[fast], t[fast]
            base, rem = (vf * wf) // tf, (vf * wf) % tf
            starts = np.flatnonzero(np.r_[True, rf[1:] != rf[:-1]])
            rest = np.repeat(g_v[rf[starts]] - np.add.reduceat(base, starts), np.diff(np.r_[starts, len(rf)]))
            order = np.lexsort((pf, -rem, rf))  # within an amount: largest remainder first, then position
            rank = np.empty(len(rf), dtype=np.int64)
            rank[order] = np.arange(len(rf)) - np.repeat(starts, np.diff(np.r_[starts, len(rf)]))
            parts.append((rf, pf, p_fin[payer[fast]], g_fin[rf], base + (rank < rest)))
        for j in np.unique(r[~fast]).tolist():  # the rule, one amount at a time
            c = int(g_case[j])
            weights = {names[int(f)]: int(x) for f, x in zip(p_fin[first[c]:first[c] + n_pay[c]],
                                                             p_v[first[c]:first[c] + n_pay[c]], strict=True)}  # fmt: skip
            shares = _split(int(g_v[j]), weights)
            parts.append((np.full(len(shares), j), np.arange(len(shares)), np.array([number[a] for a in shares]),
                          np.full(len(shares), g_fin[j]), np.array(list(shares.values()), dtype=np.int64)))  # fmt: skip
    r, pos, a, b, share = (np.concatenate([p[i] for p in parts]).astype(np.int64) for i in range(5))
    order = np.lexsort((pos, r))  # the order the cells were first met: case, beneficiary, investor
    codes, keys = pd.factorize((a * len(names) + b)[order])
    total = np.zeros(len(keys), dtype=np.int64)
    np.add.at(total, codes, share[order])
    count = np.bincount(codes, minlength=len(keys))
    cellen = {(names[int(x) // len(names)], names[int(x) % len(names)]): Cel(int(total[i]), int(count[i]))
              for i, x in enumerate(keys)}  # fmt: skip
    return _totals(p_fin, p_v, names), _totals(g_fin, g_v, names), cellen, int((n_pay == 0).sum())
