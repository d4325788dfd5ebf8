"""Disclosure control, decided once here for every output.

Every figure is computed from a group of cases (a domain, a life domain, a team in a quarter, the
cases that share an item or a pair, ...). A group of fewer than `min_groep` cases (default 5) is
shown as "<5" and none of its values are given, in every output. This is primary suppression only: a
determined reader may still derive a suppressed value by subtracting shown values from a shown total.
"""

from __future__ import annotations

MIN_GROEP = 5


def onderdrukt(casussen: int, min_groep: int = MIN_GROEP) -> bool:
    """True when a group is too small to show: 1 to min_groep - 1 cases (0 cases reveals nobody)."""
    return 0 < casussen < min_groep


def klein_label(min_groep: int = MIN_GROEP) -> str:
    """What a suppressed group shows instead of its values: '<5'."""
    return f"<{min_groep}"
