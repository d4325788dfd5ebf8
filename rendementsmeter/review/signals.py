"""Peer review of estimates, part 1: line identity, review signals and the review table.

Every avoided-care line gets a stable id (casusnummer, sheet, row) and a fingerprint of its content
(code, aantal, kans, toelichting), so a verdict is only ever applied to the line it was given on,
unchanged. Signals tell the reviewer where to look first. The plausibility rules (which items are
odd for which domain, which items are bundles of others) live in prijslijst/plausibiliteit.csv.

Writing and reading review workbooks: review_xlsx.py, review_read.py; applying them: review_apply.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from statistics import median

import numpy as np
import pandas as pd

from rendementsmeter.core.model import OPGENOMEN, ReadResult
from rendementsmeter.pricing import dubbeltelling
from rendementsmeter.pricing.frames import per_distinct, sorted_distinct
from rendementsmeter.pricing.identity import add_identity
from rendementsmeter.pricing.match import match_table
from rendementsmeter.pricing.price import price_cases
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.pricing.rules import Regel, bundle_rules
from rendementsmeter.spec.review import SIGNALEN

TOP_SHARE = Decimal("0.10")
#: Robust z-score (Iglewicz & Hoaglin): 0.6745 × (x - median) / MAD; above 3.5 is an outlier.
Z_LIMIT = 3.5
Z_MIN_LINES = 5
Z_MIN_CASES = 3


# -- signals ------------------------------------------------------------------------------
def robust_scale(pool: list[float]) -> tuple[float, float]:
    """(median, scale) of a pool for robust z-scores: z = (x - median) / scale. The scale is MAD / 0.6745,
    or the mean absolute deviation × 1.2533 when more than half the pool is equal; 0 when all are equal."""
    med = median(pool)
    deviations = [abs(x - med) for x in pool]
    mad = median(deviations)
    if mad > 0:
        return med, mad / 0.6745
    return med, 1.253314 * sum(deviations) / len(deviations)


def robust_z(value: float, pool: list[float]) -> float:
    """Robust z-score of `value` in `pool` (Iglewicz & Hoaglin): 0.6745 × (x - median) / MAD."""
    med, scale = robust_scale(pool)
    return (value - med) / scale if scale > 0 else 0.0


def _fmt(value: float, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}".replace(".", ",")
    return text.rstrip("0").rstrip(",") if "," in text else text


def _where(mask: np.ndarray, text: str) -> np.ndarray:
    """Per line `text` where `mask` holds, else None."""
    out = np.full(len(mask), None, dtype=object)
    out[mask] = text
    return out


def _z_signals(frame: pd.DataFrame, code: np.ndarray, case: np.ndarray) -> np.ndarray:
    """Per line the `aantal-afwijkend` text or None. Pools are the lines of one item (in line order),
    judged when they hold at least Z_MIN_LINES lines of at least Z_MIN_CASES cases."""
    out = np.full(len(frame), None, dtype=object)
    aantal = frame["aantal"].to_numpy(dtype=np.float64)
    sizes = np.bincount(code)
    n_cases = int(case.max()) + 1
    cases_per_code = np.bincount(sorted_distinct(code * n_cases + case) // n_cases)
    order = np.argsort(code, kind="stable")  # the lines of each item together, in line order
    ends = np.cumsum(sizes)
    for u in np.flatnonzero((sizes >= Z_MIN_LINES) & (cases_per_code >= Z_MIN_CASES)):
        rows = order[ends[u] - sizes[u] : ends[u]]
        med, scale = robust_scale(aantal[rows].tolist())
        if not scale > 0:
            continue  # z is 0 for every line
        for row in rows[np.abs((aantal[rows] - med) / scale) > Z_LIMIT].tolist():
            value = float(aantal[row])
            z = (value - med) / scale
            out[row] = (
                f"aantal wijkt af: {_fmt(value, 2)} tegen mediaan {_fmt(med, 2)} bij {len(rows)} regels "
                f"(robuuste z {_fmt(z)})"
            )
    return out


def _domain_signals(frame: pd.DataFrame, code: np.ndarray, codes: pd.Index, rules: list[Regel]) -> np.ndarray:
    """Per line the `domein` text or None: the first domain rule for the line's domain and item."""
    domain, domains = pd.factorize(frame["domein"], use_na_sentinel=False)
    pairs, pair = np.unique(code * len(domains) + domain, return_inverse=True)
    texts = []
    for key in pairs.tolist():
        item, domein = codes[key // len(domains)], domains[key % len(domains)]
        rule = next((r for r in rules if r.tegen == domein and r.past(item)), None)
        texts.append(None if rule is None else f"past niet bij domein {domein}: {rule.reden}")
    return np.array(texts, dtype=object)[pair.reshape(-1)]


def _bundle_signals(
    frame: pd.DataFrame, code: np.ndarray, codes: pd.Index, case: np.ndarray, rules: list[Regel]
) -> dict[int, list[str]]:
    """{line: its `dubbeltelling` texts}: for every bundle rule, every bundle line and every other part
    line of the same case point at each other; per line in the order (rule, bundle line, part line)."""
    posts = match_table(codes, [r.post for r in rules])[code]
    parts = match_table(codes, [r.tegen for r in rules])[code]
    events = []  # columns: line, the other line, rule, bundle line, part line
    for k in range(len(rules)):
        bundle = pd.DataFrame({"case": case[posts[:, k]], "i": np.flatnonzero(posts[:, k])})
        part = pd.DataFrame({"case": case[parts[:, k]], "j": np.flatnonzero(parts[:, k])})
        if bundle.empty or part.empty:
            continue
        pair = bundle.merge(part, on="case")[["i", "j"]].to_numpy(dtype=np.int64)
        i, j = pair[pair[:, 0] != pair[:, 1]].T
        rule = np.full(len(i), k)
        events += [np.stack([i, j, rule, i, j]), np.stack([j, i, rule, i, j])]
    found: dict[int, list[str]] = {}
    if not events:
        return found
    line, other, rule, i, j = np.concatenate(events, axis=1)
    ordered = np.lexsort((j, i, rule, line))
    item, cell = frame["code"].to_numpy(), frame["cel"].to_numpy()
    for a, b, k in zip(line[ordered].tolist(), other[ordered].tolist(), rule[ordered].tolist(), strict=True):
        text = f"mogelijke dubbeltelling met {item[b]} ({cell[b]}): {rules[k].reden}"
        texts = found.setdefault(a, [])
        if text not in texts:
            texts.append(text)
    return found


def signal_lines(lines: pd.DataFrame, rules: Iterable[Regel]) -> pd.DataFrame:
    """Avoided-care lines with their signals (`signalen`: Dutch texts, `soorten`: signal keys).

    Vectorised over the lines; a line's signals come in SIGNALEN order."""
    rules = list(rules)
    frame = lines[lines["regelsoort"] == "vermeden"].reset_index(drop=True)
    if frame.empty:  # as assigning empty lists always did
        frame["soorten"], frame["signalen"], frame["aantal_signalen"] = [], [], []
        return frame
    code, codes = pd.factorize(frame["code"], use_na_sentinel=False)
    case, _ = pd.factorize(frame["casusnummer"], use_na_sentinel=False)

    values = frame["bedrag_cent"].to_numpy(dtype=np.int64)
    k = max(1, math.ceil(len(values) * TOP_SHARE))
    threshold = int(np.sort(values)[::-1][k - 1])
    no_text = per_distinct(frame["toelichting"], lambda t: not str(t).strip()).astype(bool)
    certain = per_distinct(frame["kans"], lambda kans: not pd.isna(kans) and int(kans) == 100).astype(bool)
    top = (values >= threshold) if threshold > 0 else np.zeros(len(values), dtype=bool)
    signals = {  # per signal key: per line its text or None
        "geen-toelichting": _where(no_text, SIGNALEN["geen-toelichting"]),
        "kans-100": _where(certain, SIGNALEN["kans-100"]),
        "top-10": _where(top, SIGNALEN["top-10"]),
        "aantal-afwijkend": _z_signals(frame, code, case),
        "domein": _domain_signals(frame, code, codes, [r for r in rules if r.soort == "domein"]),
    }
    keys = list(signals)
    soorten = [
        tuple(k for k, t in zip(keys, row, strict=True) if t is not None) for row in zip(*signals.values(), strict=True)
    ]
    signalen = [tuple(t for t in row if t is not None) for row in zip(*signals.values(), strict=True)]
    for line, texts in _bundle_signals(frame, code, codes, case, [r for r in rules if r.soort == "bundel"]).items():
        soorten[line] += ("dubbeltelling",)
        signalen[line] += tuple(texts)
    frame["soorten"] = soorten
    frame["signalen"] = signalen
    frame["aantal_signalen"] = [len(s) for s in frame["soorten"]]
    return frame


# -- the review table ---------------------------------------------------------------------
@dataclass
class ReviewTable:
    """What the review workbook lists: the avoided-care lines of the included cases, flagged and
    sorted so that the most flagged, most valuable lines come first."""

    prijspeil: int
    prijslijst: Prijslijst
    resultaten: list[ReadResult]
    regels: pd.DataFrame
    gemaakt: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    @property
    def opgenomen(self) -> list[ReadResult]:
        return [r for r in self.resultaten if r.status == OPGENOMEN]

    @property
    def totaal_cent(self) -> int:
        """The value of all listed lines in cents, double-counted parts at 0: the business case's baten
        before review."""
        return int(self.regels["bedrag_cent"].sum()) if len(self.regels) else 0

    @property
    def dubbel(self) -> tuple[int, int]:
        """(number, value in cents) of the lines that do not count because a bundle holds them."""
        if not len(self.regels):
            return 0, 0
        return int((self.regels["dubbeltelling"] != "").sum()), int(self.regels["bedrag_dubbel_cent"].sum())

    @property
    def met_signaal(self) -> int:
        """Number of lines with at least one signal."""
        return int((self.regels["aantal_signalen"] > 0).sum()) if len(self.regels) else 0

    def telling(self) -> dict[str, int]:
        """Number of lines per signal key, in SIGNALEN order."""
        return {k: int(sum(k in s for s in self.regels["soorten"])) for k in SIGNALEN}


def build_review(
    resultaten: list[ReadResult], prijslijst: Prijslijst, prijspeil: int | None = None, rules: Iterable[Regel] = ()
) -> ReviewTable:
    """Price the included cases and list their avoided-care lines with signals, most urgent first.

    Sort rule: most signals first, then the highest expected value, then casusnummer and row."""
    peil = prijslijst.peil(prijspeil)
    included = [r.case for r in resultaten if r.status == OPGENOMEN and r.case]
    lines = add_identity(price_cases(included, prijslijst, peil))
    rules = list(rules)
    # the lines the business case keeps out as double counted show as such, so the totals agree
    frame = dubbeltelling.apply(signal_lines(lines, rules), bundle_rules(rules))
    if len(frame):
        frame["_neg"] = -frame["bedrag_cent"]
        frame["_negs"] = -frame["aantal_signalen"]
        frame = frame.sort_values(["_negs", "_neg", "casusnummer", "rij"], kind="stable").drop(
            columns=["_neg", "_negs"]
        )
        frame = frame.reset_index(drop=True)
    return ReviewTable(peil, prijslijst, resultaten, frame)
