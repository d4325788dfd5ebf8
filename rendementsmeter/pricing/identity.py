"""Line identity: a stable id per line (casusnummer, sheet, row) and a fingerprint of its content
(code, aantal, kans, toelichting), so that a reviewer's verdict is only ever applied to the line it
was given on, unchanged."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd

from rendementsmeter.pricing.frames import distinct_codes, working_copy


# -- identity -----------------------------------------------------------------------------
def regel_id(casusnummer: str, blad: str, rij: int) -> str:
    """Stable id of a line: `CASUS:Vermeden zorg:5`."""
    return f"{casusnummer}:{blad}:{int(rij)}"


def casus_van(rid: str) -> str:
    """The casusnummer part of a line id (a casusnummer may itself hold ':')."""
    return rid.rsplit(":", 2)[0]


def number_text(value: float | Decimal) -> str:
    """A quantity as plain text without trailing zeros: 6.0 -> '6', 2.50 -> '2.5'."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(number.normalize(), "f")
    return text


def vingerafdruk(code: str, aantal: float | Decimal, kans: int | None, toelichting: str) -> str:
    """Fingerprint of a line's content; changes when the worker changes the line."""
    parts = (code, number_text(aantal), "" if kans is None else str(int(kans)), (toelichting or "").strip())
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _text(values: pd.Series, fmt: Callable[[Any], str], keeps_text: bool = False) -> pd.Series:
    """`fmt` of every value as a str Series aligned with `values`, computed once per distinct value.

    `keeps_text`: `fmt` returns a text unchanged, so a column of texts is used as it is."""
    if keeps_text and pd.api.types.is_string_dtype(values) and not values.isna().any():
        return values.astype(str)
    found = distinct_codes(values)
    if found is None:
        return pd.Series([fmt(v) for v in values], index=values.index, dtype=str)
    codes, uniques = found
    return pd.Series([fmt(u) for u in uniques], dtype=str).take(codes).set_axis(values.index)


def add_identity(lines: pd.DataFrame) -> pd.DataFrame:
    """The priced lines with `regel_id` and `vingerafdruk` columns (a copy).

    Vectorised, with exactly the texts of `regel_id` and `vingerafdruk`: each part is formatted once
    per distinct value, the parts are joined column-wise, and each distinct joined text is hashed once."""
    out = working_copy(lines)
    if out.empty:  # as assigning empty lists always did: no rows, float64 columns
        out["regel_id"] = []
        out["vingerafdruk"] = []
        return out
    out["regel_id"] = (
        _text(out["casusnummer"], lambda c: f"{c}", keeps_text=True)
        + ":"
        + _text(out["blad"], lambda b: f"{b}", keeps_text=True)
        + ":"
        + _text(out["rij"], lambda r: str(int(r)))
    )
    content = (
        _text(out["code"], lambda c: c, keeps_text=True)
        + "\x1f"
        + _text(out["aantal"], number_text)
        + "\x1f"
        + _text(out["kans"], lambda k: "" if pd.isna(k) else str(int(k)))
        + "\x1f"
        + _text(out["toelichting"], lambda t: (t or "").strip())
    )
    out["vingerafdruk"] = _text(content, _hash)
    return out


def _hash(content: str) -> str:
    """The fingerprint of a line's joined content (see `vingerafdruk`)."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
