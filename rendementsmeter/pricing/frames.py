"""pandas and numpy helpers for the layers that work on frames (imported only where they are loaded anyway)."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: pandas 3 always copies on write: changing a shallow copy then never changes the original, and only
#: the columns that change are copied (a pool's line frame is gigabytes). pandas 2 needs a deep copy.
COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def working_copy(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` to change and add columns to, leaving `frame` as it is."""
    return frame.copy(deep=not COPY_ON_WRITE)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-D integer array, sorted: `np.unique(values)` by a sort. numpy 2.4's
    np.unique hashes instead, about 40 times slower on half a million distinct values (a pool's
    case-and-code keys)."""
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered
