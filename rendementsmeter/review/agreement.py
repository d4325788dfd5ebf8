"""Peer review: how two reviewers agree over the lines both judged (share of identical verdicts and
Cohen's kappa). Pure computation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from rendementsmeter.spec.review import OORDELEN


@dataclass(frozen=True)
class Agreement:
    """How two reviewers agree over the lines both judged."""

    beoordelaar_a: str
    beoordelaar_b: str
    regels: int
    gelijk: int
    kappa: float | None

    @property
    def aandeel(self) -> float:
        return self.gelijk / self.regels if self.regels else 0.0


def cohen_kappa(a: Sequence[str], b: Sequence[str], categories: Sequence[str] = OORDELEN) -> float | None:
    """Cohen's kappa of two raters over the same items: (p_o - p_e) / (1 - p_e), with p_e from each
    rater's own category shares. None when undefined (no items, or both used one and the same category)."""
    if len(a) != len(b):
        raise ValueError("both raters must judge the same items")
    n = len(a)
    if not n:
        return None
    p_o = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    p_e = sum((Fraction(list(a).count(c), n) * Fraction(list(b).count(c), n) for c in categories), Fraction(0))
    if p_e == 1:
        return None
    return float((p_o - p_e) / (1 - p_e))
