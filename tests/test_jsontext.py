"""The fast JSON writer gives exactly the standard library's text (core/jsontext.py)."""

from __future__ import annotations

import json
import math
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rendementsmeter.core import jsontext
from rendementsmeter.core.jsontext import dump, dumps

ODD_TEXT = st.sampled_from(['", "', '",\n  "', "\\", '\\"', "\n", "é€😀", "\u2028", "", "a: b", "{}", "[]", "\x00"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), ODD_TEXT, st.sampled_from([1e16, -0.0, 0.1, 1e-7, 123456789.125]),
    st.decimals(allow_nan=False, allow_infinity=False, places=2), st.dates(),
)  # fmt: skip
KEYS = st.one_of(st.text(max_size=8), ODD_TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.lists(inner, max_size=3).map(tuple), st.dictionaries(KEYS, inner, max_size=5)
    ),
    max_leaves=40,
)


def reference(data: object, indent: int = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from([1, 2, 4]))
def test_same_text_as_the_standard_library(data: object, indent: int) -> None:
    assert dumps(data, indent) == reference(data, indent)
    written: list[str] = []
    dump(data, written.append, indent, block=3)  # in blocks: the same text
    assert "".join(written) == reference(data, indent)


def test_business_case_shapes() -> None:
    data = {
        "per_casus": [{"casusnummer": "C-1", "netto": -5855.25, "rendement": None}, {"casusnummer": "", "netto": 0.0}],
        "bestanden": [{"pad": 'a", "b\n', "bevindingen": [], "x": {}}],
        "nested": {"a": [[1, 2], [], [{"b": Decimal("1.50")}]], "d": date(2026, 11, 30), "nan": math.nan},
        "leeg": {},
    }
    assert dumps(data) == reference(data)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["pad", "status", "bedrag", "", "a: b", '"', "x"]), min_size=1, max_size=5, unique=True),
    st.lists(st.one_of(SCALARS, st.sampled_from([[], {}, (), [1], {"k": 2}])), min_size=1, max_size=40),
    st.integers(min_value=60, max_value=150),
    st.sampled_from([1, 2]),
)
def test_a_long_list_of_rows_is_the_same_text(keys: list[str], values: list[object], n: int, indent: int) -> None:
    """A pool's files and cases: long lists of dicts with the same keys, written column by column
    (with a few rows that break the pattern: a nested value, a key more, another type)."""
    rows = [{k: values[(i * len(keys) + j) % len(values)] for j, k in enumerate(keys)} for i in range(n)]
    assert dumps({"rijen": rows}, indent) == reference({"rijen": rows}, indent)
    plain = [{k: v for k, v in r.items() if type(v) in (str, int, float, bool, type(None))} for r in rows]
    assert dumps([plain], indent) == reference([plain], indent)
    written: list[str] = []
    dump(rows, written.append, indent, block=2)
    assert "".join(written) == reference(rows, indent)


@settings(max_examples=60, deadline=None)
@given(st.lists(VALUES, min_size=1, max_size=12), st.integers(min_value=64, max_value=130), st.sampled_from([1, 2]))
def test_a_table_with_a_nested_column_is_the_same_text(nested: list[object], n: int, indent: int) -> None:
    """The files of a pool: flat columns with one column of lists (the findings of each file), of any
    depth and content, empty for most rows."""
    rows = [
        {"pad": f"map/{i}.xlsx", "status": "opgenomen" if i % 3 else None, "bevindingen": nested[i % len(nested)]
         if i % 4 == 0 else []}
        for i in range(n)
    ]  # fmt: skip
    assert dumps({"bestanden": rows}, indent) == reference({"bestanden": rows}, indent)


def test_a_table_longer_than_a_chunk_is_written_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool's million files and cases: encoded a chunk of rows at a time, and handed on once the
    pieces hold enough text, so that neither the columns' texts nor the whole JSON sit in memory."""
    monkeypatch.setattr(jsontext, "_TABLE_CHUNK", 7)
    monkeypatch.setattr(jsontext, "_BLOCK_CHARACTERS", 500)
    rows = [
        {"pad": f"map/{i}.xlsx", "bevindingen": [{"code": "x", "cel": "B5"}] if i % 5 == 0 else [], "netto": i * 1.5}
        for i in range(300)
    ]  # fmt: skip
    written: list[str] = []
    dump({"bestanden": rows, "casussen": 300}, written.append, 2)
    text = "".join(written)
    assert text == reference({"bestanden": rows, "casussen": 300})
    assert len(text) > 30_000 and len(written) > 20
    assert max(map(len, written)) < 500 + 7 * 200  # at most one chunk of seven rows beyond the block
