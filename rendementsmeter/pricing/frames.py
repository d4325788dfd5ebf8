"""pandas and numpy helpers for the layers that work on frames (imported only where they are loaded anyway)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def distinct_codes(values: pd.Series) -> tuple[np.ndarray, Any] | None:
    """(codes, distinct values) of a column, or None when equal values might read differently.

    Safe are texts, dates, integers, booleans, and floats told apart by their bits (-0.0 == 0.0, but
    they read '-0' and '0'); a column of other objects is formatted value by value."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind == "f":
            codes, bits = pd.factorize(values.to_numpy().view(f"i{dtype.itemsize}"))
            return codes, bits.view(dtype)
        if dtype.kind in "iub" or (
            dtype.kind == "O" and pd.api.types.infer_dtype(values, skipna=False) in ("string", "date")
        ):
            return pd.factorize(values.to_numpy())
        return None
    if any(
        test(dtype)
        for test in (pd.api.types.is_string_dtype, pd.api.types.is_integer_dtype, pd.api.types.is_bool_dtype)
    ):
        return pd.factorize(values, use_na_sentinel=False)
    return None


def distinct_results(values: pd.Series | np.ndarray, fn: Callable[[Any], Any]) -> tuple[np.ndarray, list[Any]]:
    """`fn` of every value as (a code per value, the result of each code), computed once per distinct
    value (a pool has millions of lines and a few hundred codes, kinds and quantities): the result for
    value i is `results[codes[i]]`. Values that might read differently are each their own code."""
    if isinstance(values, np.ndarray):
        values = pd.Series(values, dtype=values.dtype, copy=False)  # (object text stays object: no Arrow copy)
    found = distinct_codes(values)
    if found is None:
        return np.arange(len(values)), [fn(v) for v in values]
    codes, uniques = found
    return codes, [fn(u) for u in uniques]


def per_distinct(values: pd.Series | np.ndarray, fn: Callable[[Any], Any], dtype: Any = object) -> np.ndarray:
    """`fn` of every value (an array of `dtype` aligned with `values`), computed once per distinct value."""
    codes, results = distinct_results(values, fn)
    return np.array(results, dtype=dtype)[codes]


def first_uses(codes: np.ndarray) -> np.ndarray:
    """Where each code is first used, by code, for codes from pd.factorize (numbered in the order of
    their first use, so a first use is where the running maximum grows): `np.unique(codes,
    return_index=True)[1]` without a sort."""
    return np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
