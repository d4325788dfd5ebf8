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


def dumps(data: Any, indent: int = 2) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=indent, default=str)`, the same text, faster."""
    out: list[str] = []
    _encode(data, 0, indent, out)
    return "".join(out)


class _Flushing(list):  # type: ignore[type-arg]
    """The pieces of the text, handed to `write` in blocks (a pool's JSON is hundreds of MB)."""

    def __init__(self, write: Callable[[str], object], block: int) -> None:
        super().__init__()
        self.write, self.block = write, block

    def append(self, piece: str) -> None:
        super().append(piece)
        if len(self) >= self.block:
            self.flush()

    def flush(self) -> None:
        self.write("".join(self))
        self.clear()


def dump(data: Any, write: Callable[[str], object], indent: int = 2, block: int = 10_000) -> None:
    """The text of `dumps`, given to `write` a block of pieces at a time instead of as one string."""
    out = _Flushing(write, block)
    _encode(data, 0, indent, out)
    out.flush()
