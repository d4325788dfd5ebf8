"""Disclosure control, decided once here for every output (workbook, JSON, HTML report).

The rule protects people, not budgets:

- **Groups defined by client characteristics** (domain, ZRM life domain, team in a quarter, the cases
  that share an item or a pair) with fewer than `min_groep` cases (default 5) show "<5" and none of
  their values, in every output.
- **Domains are merged, not blanked**: domains with fewer than `min_groep` cases are combined (in the
  order of `DOMEINEN`) into groups of at least `min_groep` cases, so that whenever the total is at least
  `min_groep` every case is inside some shown domain group. One combined group of all small domains next
  to domains shown on their own is called "overige domeinen". A domain inside a combined group is never
  also shown on its own (that would reveal the rest by subtraction).
- **Totals per law and per financier** describe budgets, not persons: always shown, whatever the
  number of cases behind them.
- **The municipality report** never shows a case number, team or worker code (the team's workbook
  keeps them); outliers are counted there, not named.

This is primary suppression only: a determined reader may still derive a suppressed value by
subtracting shown values from a shown total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MIN_GROEP = 5
OVERIGE_DOMEINEN = "overige domeinen"


def onderdrukt(casussen: int, min_groep: int = MIN_GROEP) -> bool:
    """True when a group is too small to show: 1 to min_groep - 1 cases (0 cases reveals nobody)."""
    return 0 < casussen < min_groep


def klein_label(min_groep: int = MIN_GROEP) -> str:
    """What a suppressed group shows instead of its values: '<5'."""
    return f"<{min_groep}"


def lijst(woorden: Iterable[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    w = list(woorden)
    return w[0] if len(w) == 1 else ", ".join(w[:-1]) + " en " + w[-1]


@dataclass(frozen=True)
class DomeinGroep:
    """A shown domain group: one domain, or small domains combined."""

    naam: str
    domeinen: tuple[str, ...]
    casussen: int

    @property
    def samengevoegd(self) -> bool:
        return len(self.domeinen) > 1


def domeingroepen(aantallen: dict[str, int], min_groep: int = MIN_GROEP) -> list[DomeinGroep]:
    """The domain groups to show, from the number of cases per domain (in display order).

    Domains of at least `min_groep` cases stay on their own. The small ones are taken in order and
    combined until a group holds `min_groep` cases; a remainder too small for a group of its own joins
    the smallest combined group, or else the smallest domain. With fewer than `min_groep` cases in
    all there is nothing to show and every domain stays apart (each is suppressed)."""
    rows = [(d, n) for d, n in aantallen.items() if n > 0]
    if sum(n for _, n in rows) < min_groep:
        return [DomeinGroep(d, (d,), n) for d, n in rows]
    groot = [[d] for d, n in rows if n >= min_groep]
    buckets: list[list[str]] = []
    current: list[str] = []
    for d, n in rows:
        if n >= min_groep:
            continue
        current.append(d)
        if sum(aantallen[x] for x in current) >= min_groep:
            buckets.append(current)
            current = []
    if current:
        target = buckets or groot
        smallest = min(reversed(target), key=lambda g: sum(aantallen[x] for x in g))
        smallest.extend(current)
    order = [d for d, _ in rows]
    groups = sorted(groot + buckets, key=lambda g: min(order.index(d) for d in g))
    out = []
    for g in groups:
        members = tuple(sorted(g, key=order.index))
        naam = members[0] if len(members) == 1 else lijst(members)
        if len(buckets) == 1 and g is buckets[0] and any(len(x) == 1 for x in groot):
            naam = OVERIGE_DOMEINEN
        out.append(DomeinGroep(naam, members, sum(aantallen[d] for d in members)))
    return out
