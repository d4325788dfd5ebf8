"""A pandas helper for the layers that work on frames (imported only where pandas is loaded anyway)."""

from __future__ import annotations

import pandas as pd

#: pandas 3 always copies on write: changing a shallow copy then never changes the original, and only
#: the columns that change are copied (a pool's line frame is gigabytes). pandas 2 needs a deep copy.
COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def working_copy(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` to change and add columns to, leaving `frame` as it is."""
    return frame.copy(deep=not COPY_ON_WRITE)
