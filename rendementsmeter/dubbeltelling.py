"""Double counting: a bundled estimate already contains its parts.

The rules are the `bundel` rows of prijslijst/plausibiliteit.csv (shared with the peer review's
flags): within one case, when an avoided-care line matches a rule's `post` (the bundle, e.g. the
societal cost of an eviction) and another avoided-care line matches its `tegen` (a part, e.g.
shelter nights), the part is kept out of the totals: its amount becomes 0 with the reason shown,
and `check` warns about it. The bundle stays. A part line that is itself a bundle of another rule
is still a part here: the more encompassing estimate wins.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

import pandas as pd

from .findings import Finding
from .model import ReadResult
from .review import Regel, load_plausibiliteit


def bundle_rules(rules: list[Regel] | None = None) -> list[Regel]:
    """The `bundel` rules (from the standard rules file when none are given)."""
    return [r for r in (rules if rules is not None else load_plausibiliteit()) if r.soort == "bundel"]


def bundle_codes(codes: set[str], rules: list[Regel]) -> set[str]:
    """The codes among `codes` that are the bundle of some rule (cheap pre-filter for large pools)."""
    return {c for c in codes if any(rule.past(c) for rule in rules)}


def find_parts(codes: list[str], rules: list[Regel]) -> dict[int, tuple[int, Regel]]:
    """For the avoided-care codes of one case: {index of a part: (index of its bundle, rule)}."""
    parts: dict[int, tuple[int, Regel]] = {}
    for rule in rules:
        bundles = [i for i, c in enumerate(codes) if rule.past(c)]
        if not bundles:
            continue
        for j, code in enumerate(codes):
            if j not in parts and j not in bundles and fnmatchcase(code, rule.tegen):
                parts[j] = (bundles[0], rule)
    return parts


def mark_results(results: list[ReadResult], rules: list[Regel]) -> None:
    """Add a `dubbeltelling` warning to every part line of a case (idempotent)."""
    all_codes = {x.code for r in results if r.case is not None for x in r.case.lines}
    bundles = bundle_codes(all_codes, rules)
    for r in results:
        if r.case is None or not any(x.code in bundles for x in r.case.lines):
            continue
        if any(f.code == "dubbeltelling" for f in r.findings):
            continue
        avoided = [x for x in r.case.lines if x.kind == "vermeden"]
        for j, (i, rule) in sorted(find_parts([x.code for x in avoided], rules).items()):
            part, bundle = avoided[j], avoided[i]
            r.findings.append(Finding(
                r.pad, "dubbeltelling",
                f"{part.code} telt niet mee: {rule.reden} (bundelpost {bundle.code} op rij {bundle.rij}). "
                "Haal een van beide weg, of laat het zo als de bundelpost bedoeld is.",
                blad=part.blad, cel=part.cel))  # fmt: skip


def apply(lines: pd.DataFrame, rules: list[Regel]) -> pd.DataFrame:
    """Priced lines with part lines set to 0 cents; `dubbeltelling` holds the reason, and
    `bedrag_dubbel_cent` the amount kept out."""
    out = lines.copy()
    out["dubbeltelling"] = ""
    out["bedrag_dubbel_cent"] = 0
    avoided = out[out["regelsoort"] == "vermeden"]
    bundles = bundle_codes(set(avoided["code"]), rules)
    with_bundle = avoided.loc[avoided["code"].isin(bundles), "casusnummer"].unique()
    avoided = avoided[avoided["casusnummer"].isin(with_bundle)]
    for _, group in avoided.groupby("casusnummer", sort=False):
        index = list(group.index)
        codes = list(group["code"])
        for j, (i, rule) in find_parts(codes, rules).items():
            row, bundle = index[j], index[i]
            out.at[row, "dubbeltelling"] = f"zit al in {codes[i]} ({out.at[bundle, 'cel']}): {rule.reden}"
            out.at[row, "bedrag_dubbel_cent"] = int(out.at[row, "bedrag_cent"])
            out.at[row, "bedrag_cent"] = 0
    out["bedrag_dubbel_cent"] = out["bedrag_dubbel_cent"].astype("int64")
    return out
