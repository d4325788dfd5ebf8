"""Line identity: a stable id per line (casusnummer, sheet, row) and a fingerprint of its content
(code, aantal, kans, toelichting), so that a reviewer's verdict is only ever applied to the line it
was given on, unchanged."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rendementsmeter.pricing.frames import distinct_results, first_uses, working_copy


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


def add_identity(lines: pd.DataFrame) -> pd.DataFrame:
    """The priced lines with `regel_id` and `vingerafdruk` columns (a copy).

    Vectorised, with exactly the texts of `regel_id` and `vingerafdruk`: each part is formatted once
    per distinct value; the ids are joined by Arrow in C (a pool has a distinct id for each of its
    millions of lines), and each distinct combination of content parts is joined and hashed once."""
    out = working_copy(lines)
    if out.empty:  # as assigning empty lists always did: no rows, float64 columns
        out["regel_id"] = []
        out["vingerafdruk"] = []
        return out
    # formatted as regel_id formats them
    ids = [distinct_results(out["casusnummer"], lambda c: f"{c}"), distinct_results(out["blad"], lambda b: f"{b}"),
           distinct_results(out["rij"], lambda r: str(int(r)))]  # fmt: skip
    joined = pc.binary_join_element_wise(
        *(pa.array(texts, type=pa.large_string()).take(codes) for codes, texts in ids),
        pa.scalar(":", pa.large_string()),
    )
    out["regel_id"] = pd.Series(pd.array(joined, dtype=str), index=out.index)
    content = [
        distinct_results(out["code"], str),
        distinct_results(out["aantal"], number_text),
        distinct_results(out["kans"], lambda k: "" if pd.isna(k) else str(int(k))),
        distinct_results(out["toelichting"], lambda t: (t or "").strip()),
    ]
    # one code per distinct combination of the parts' codes, combined a part at a time (no overflow)
    key = np.zeros(len(out), dtype=np.int64)
    for codes, texts in content:
        key = pd.factorize(key * len(texts) + codes)[0]
    first = first_uses(key)  # a row of each combination, by combination
    hashes = [_hash("\x1f".join(texts[codes[i]] for codes, texts in content)) for i in first.tolist()]
    out["vingerafdruk"] = pd.Series(hashes, dtype=str).take(key).set_axis(out.index)
    return out


def _hash(content: str) -> str:
    """The fingerprint of a line's joined content (see `vingerafdruk`)."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
