"""Matching item codes against the code patterns of the plausibility rules, vectorised (numpy)."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

import numpy as np


def match_table(codes: Iterable[str], patterns: list[str]) -> np.ndarray:
    """A (codes × patterns) boolean table: does code i match pattern k (fnmatch, case-sensitive).

    Meant for the distinct codes of a batch, so that each pattern is matched once per code."""
    codes = list(codes)
    table = np.zeros((len(codes), len(patterns)), dtype=bool)
    for k, pattern in enumerate(patterns):
        table[:, k] = [fnmatchcase(code, pattern) for code in codes]
    return table
