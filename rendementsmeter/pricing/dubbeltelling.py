"""Double counting: a bundled estimate already contains its parts.

The rules are the `bundel` rows of prijslijst/plausibiliteit.csv (shared with the peer review's
flags): within one case, when an avoided-care line matches a rule's `post` (the bundle, e.g. the
societal cost of an eviction) and another avoided-care line matches its `tegen` (a part, e.g.
shelter nights), the part is kept out of the totals: its amount becomes 0 with the reason shown,
and `check` warns about it. The bundle stays. A part line that is itself a bundle of another rule
is still a part here: the more encompassing estimate wins.

Batches are handled column-wise (`locate_parts`): each rule's patterns are matched once per distinct
code, and the first bundle of each case is found with numpy, so no per-case Python loop is needed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rendementsmeter.pricing.frames import working_copy
from rendementsmeter.pricing.match import match_table
from rendementsmeter.pricing.rules import Regel


def bundle_codes(codes: set[str], rules: list[Regel]) -> set[str]:
    """The codes among `codes` that are the bundle of some rule (cheap pre-filter for large pools)."""
    return {c for c in codes if any(rule.past(c) for rule in rules)}


def locate_parts(codes: pd.Series, cases: pd.Series, rules: list[Regel]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`find_parts` for all cases at once, vectorised over the lines.

    `codes` and `cases` are the avoided-care lines (in order). Returns (part, bundle, rule): the
    positions of the part lines (ascending), the position of each one's bundle and the index of its
    rule in `rules`. As in `find_parts`, a line is a part of the first rule (in order) whose bundle is
    in its case while the line itself is no bundle of that rule; its bundle is the case's first."""
    none = np.array([], dtype=np.int64)
    case, _ = pd.factorize(cases)  # -1: no casusnummer, as groupby leaves such lines out
    code, distinct = pd.factorize(codes, use_na_sentinel=False)
    # patterns are matched once per distinct code, then spread over the lines
    bundle_of = match_table(distinct, [rule.post for rule in rules])[code]
    part_of = match_table(distinct, [rule.tegen for rule in rules])[code]
    keep = (case >= 0) & part_of.any(axis=1)
    if not keep.any() or not bundle_of.any():
        return none, none, none
    position = np.arange(len(case))
    n_cases = int(case.max()) + 1
    rule = np.full(len(case), -1, dtype=np.int64)
    bundle = np.full(len(case), -1, dtype=np.int64)
    for k in range(len(rules)):
        is_bundle = bundle_of[:, k] & (case >= 0)
        if not is_bundle.any():
            continue
        first = np.full(n_cases, -1, dtype=np.int64)  # per case: its first bundle line of this rule
        with_bundle, at = np.unique(case[is_bundle], return_index=True)
        first[with_bundle] = position[is_bundle][at]
        found = keep & (rule < 0) & part_of[:, k] & ~bundle_of[:, k]
        found[found] = first[case[found]] >= 0
        rule[found] = k
        bundle[found] = first[case[found]]
    part = np.flatnonzero(rule >= 0)
    return part, bundle[part], rule[part]


def apply(lines: pd.DataFrame, rules: list[Regel]) -> pd.DataFrame:
    """Priced lines with part lines set to 0 cents; `dubbeltelling` holds the reason, and
    `bedrag_dubbel_cent` the amount kept out."""
    out = working_copy(lines)
    out["dubbeltelling"] = ""
    out["bedrag_dubbel_cent"] = 0
    avoided = np.flatnonzero((out["regelsoort"] == "vermeden").to_numpy(dtype=bool))
    codes = out["code"].iloc[avoided]
    part, bundle, rule = locate_parts(codes, out["casusnummer"].iloc[avoided], rules)
    if len(part):
        rows, bundles = avoided[part], avoided[bundle]
        bundle_code = codes.iloc[bundle].tolist()
        bundle_cells = out["cel"].iloc[bundles].tolist()
        out.iloc[rows, out.columns.get_loc("dubbeltelling")] = [
            f"zit al in {c} ({cel}): {rules[k].reden}"
            for c, cel, k in zip(bundle_code, bundle_cells, rule, strict=True)
        ]
        amount = out.columns.get_loc("bedrag_cent")
        out.iloc[rows, out.columns.get_loc("bedrag_dubbel_cent")] = out.iloc[rows, amount].astype("int64").to_numpy()
        out.iloc[rows, amount] = 0
    out["bedrag_dubbel_cent"] = out["bedrag_dubbel_cent"].astype("int64")
    return out
