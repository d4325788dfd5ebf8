"""JSON text as `json.dumps(data, ensure_ascii=False, indent=2, default=str)` writes it, fast.

With `indent`, the standard library encodes in pure Python (its C encoder only runs without
indent): the JSON of a business case of 100.000 cases took about 10 s. This writer walks the
containers itself and hands every flat dict or list (only text, numbers, booleans, null and empty
lists or dicts in it), which is nearly all of a business case, to the C encoder with the line break
and indent as its item separator. The text is the same, byte for byte (tests/test_jsontext.py): a JSON string never holds
an unescaped quote or line break, so the separator can only appear between items. Anything else
(a Decimal or date through `default=str`, keys that are not text, subclasses) goes to `json.dumps`
itself and is indented to its place."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat
from typing import Any

__all__ = ["dump", "dumps"]

_FLAT = (str, int, float, bool, type(None))
_CONTAINERS = (list, tuple, dict)


def _flat(value: Any) -> bool:
    """Encoded the same on one line as with indent: text, numbers, booleans, null, and an empty
    list or dict (`[]`, `{}` either way)."""
    kind = type(value)
    return kind in _FLAT or (kind in _CONTAINERS and not value)


@lru_cache(maxsize=64)
def _flat_encoder(level: int, indent: int) -> json.JSONEncoder:
    inner = "\n" + " " * (indent * (level + 1))
    return json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": "))


def _slow(value: Any, level: int, indent: int) -> str:
    """The standard library's text, indented to `level` (newlines in JSON text are structural only)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    return text.replace("\n", "\n" + " " * (indent * level)) if level else text


def _encode(value: Any, level: int, indent: int, out: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        if not all(type(k) is str for k in value):
            out.append(_slow(value, level, indent))
            return
        inner, outer = "\n" + " " * (indent * (level + 1)), "\n" + " " * (indent * level)
        if all(_flat(v) for v in value.values()):
            text = _flat_encoder(level, indent).encode(value)
            out.append("{" + inner + text[1:-1] + outer + "}")
            return
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep + json.dumps(key, ensure_ascii=False) + ": ")
            _encode(item, level + 1, indent, out)
            sep = "," + inner
        out.append(outer + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner, outer = "\n" + " " * (indent * (level + 1)), "\n" + " " * (indent * level)
        if all(_flat(v) for v in value):
            text = _flat_encoder(level, indent).encode(list(value))
            out.append("[" + inner + text[1:-1] + outer + "]")
            return
        if len(value) >= _TABLE_MIN and _table(value, level, indent, out):
            return
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _encode(item, level + 1, indent, out)
            sep = "," + inner
        out.append(outer + "]")
    elif kind in _FLAT:
        out.append(_flat_encoder(level, indent).encode(value))
    else:
        out.append(_slow(value, level, indent))


#: A list at least this long of dicts with the same keys and flat values is encoded column by column.
_TABLE_MIN = 64
_TABLE_CHUNK = 10_000
_SPLIT = json.JSONEncoder(ensure_ascii=False, separators=("\x00", ": "))  # never in encoded text


def _table(rows: Any, level: int, indent: int, out: list[str]) -> bool:
    """A list of dicts with the same text keys (the files and cases of a pool), encoded a column at a
    time and joined per row: flat columns by the C encoder in one go, a column with lists or dicts in it
    value by value (the findings of each file); False (and nothing written) when the list is not such
    a table. A JSON text never holds a raw control character, so the column's
    values split exactly on the separator."""
    first = rows[0]
    if type(first) is not dict or not first or not all(type(k) is str for k in first):
        return False
    keys = list(first)
    if not all(type(r) is dict and len(r) == len(keys) and list(r) == keys for r in rows):
        return False
    nested = []  # per key: whether a value is a non-empty list or dict (encoded value by value)
    for k in keys:
        kinds = {type(r[k]) for r in rows}
        if not kinds <= {*_FLAT, *_CONTAINERS}:
            return False
        nested.append(bool(kinds & set(_CONTAINERS)) and any(type(r[k]) in _CONTAINERS and r[k] for r in rows))
    outer, inner, item = ("\n" + " " * (indent * n) for n in (level, level + 1, level + 2))
    prefixes = [("{" if i == 0 else ",") + item + json.dumps(k, ensure_ascii=False) + ": " for i, k in enumerate(keys)]
    end = inner + "}"
    sep = "[" + inner
    for start in range(0, len(rows), _TABLE_CHUNK):  # a chunk of rows at a time: a pool's million rows
        chunk = rows[start : start + _TABLE_CHUNK]  # are never held as texts all at once
        columns = [
            [_text(r[k], level + 2, indent) for r in chunk] if deep else _SPLIT.encode([r[k] for r in chunk])[1:-1].split("\x00")
            for k, deep in zip(keys, nested, strict=True)
        ]  # fmt: skip
        parts = [x for pair in zip(prefixes, columns, strict=True) for x in pair]
        texts = map("".join, zip(*(repeat(x) if isinstance(x, str) else x for x in parts), repeat(end)))
        out.append(sep + ("," + inner).join(texts))
        sep = "," + inner
    out.append(outer + "]")
    return True


def _text(value: Any, level: int, indent: int) -> str:
    if type(value) is list and not value:  # (most files have no findings)
        return "[]"
    out: list[str] = []
    _encode(value, level, indent, out)
    return "".join(out)


def dumps(data: Any, indent: int = 2) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=indent, default=str)`, the same text, faster."""
    out: list[str] = []
    _encode(data, 0, indent, out)
    return "".join(out)


class _Flushing(list):  # type: ignore[type-arg]
    """The pieces of the text, handed to `write` in blocks (a pool's JSON is hundreds of MB)."""

    def __init__(self, write: Callable[[str], object], block: int) -> None:
        super().__init__()
        self.write, self.block, self.size = write, block, 0

    def append(self, piece: str) -> None:
        super().append(piece)
        self.size += len(piece)
        if len(self) >= self.block or self.size >= _BLOCK_CHARACTERS:  # (a table's piece is 10.000 rows)
            self.flush()

    def flush(self) -> None:
        self.write("".join(self))
        self.clear()
        self.size = 0


_BLOCK_CHARACTERS = 4_000_000


def dump(data: Any, write: Callable[[str], object], indent: int = 2, block: int = 10_000) -> None:
    """The text of `dumps`, given to `write` a block of pieces at a time instead of as one string."""
    out = _Flushing(write, block)
    _encode(data, 0, indent, out)
    out.flush()
