"""Workbook sheet Regels: every priced line, or a CSV next to the workbook when there are too many."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.core.output import FORMULA_START, atomic_path, csv_safe, regels_csv_path

__all__ = ["MAX_REGELS_IN_WERKMAP", "regels_csv_path", "regels_sheet", "write_regels_csv", "write_regels_csv_into"]
from rendementsmeter.report.xlsx.bulk import binary, gathered_bytes
from rendementsmeter.report.xlsx.sheet import Sheet

REGELSOORT = {"inzet": "Eigen inzet", "ingezet": "Ingezette zorg", "vermeden": "Vermeden zorg"}

#: Above this many lines the line list goes to a CSV next to the workbook: a sheet that large is slow
#: to write and to open, and Excel stops at 1,048,576 rows.
MAX_REGELS_IN_WERKMAP = 50_000


def write_regels_csv(bc: BusinessCase, path: Path) -> Path:
    """All priced lines as CSV for Dutch Excel (semicolons, decimal commas, UTF-8 with BOM), written
    atomically (no half-written file on failure)."""
    with atomic_path(path) as tmp:
        write_regels_csv_into(bc, tmp)
    return path


def write_regels_csv_into(bc: BusinessCase, path: Path) -> None:
    """The CSV of write_regels_csv, written into `path` as it is (a temporary file of the caller's).

    The text is what `DataFrame.to_csv(sep=";", decimal=",", index=False)` writes (tests/test_regels_csv.py),
    made column by column: pandas formats a float with a decimal comma one Python call at a time,
    which took most of the time of a business case of 100.000 pooled cases."""
    frame = bc.regels.drop(columns=[c for c in ("vingerafdruk",) if c in bc.regels])
    order = [c for c in frame.columns if not c.endswith("_cent")] + [c for c in frame.columns if c.endswith("_cent")]
    # per column: the code of each row's value and the text of each distinct value; the texts of the
    # rows are looked up a chunk at a time (a million cases: 35 columns of 4,7 million texts otherwise)
    columns = [_csv_column(frame[c] / 100 if c.endswith("_cent") else frame[c]) for c in order]
    end = os.linesep  # as to_csv: the platform's line end
    # one table of pieces: each column's distinct texts followed by ';' (the last column's by the line end)
    ends = [";"] * (len(columns) - 1) + [end]
    pieces = pa.concat_arrays([binary(t.tolist(), e) for (_, t), e in zip(columns, ends, strict=True)])
    first = np.cumsum([0] + [len(t) for _, t in columns[:-1]])
    with open(path, "wb") as out:
        out.write((";".join(_quoted(c.removesuffix("_cent")) for c in order) + end).encode("utf-8-sig"))
        for start in range(0, len(frame), CSV_CHUNK):  # rows gathered by Arrow, a chunk at a time
            stop = min(start + CSV_CHUNK, len(frame))
            index = np.empty((stop - start, len(columns)), dtype=np.int64)
            for c, (codes, _) in enumerate(columns):
                index[:, c] = codes[start:stop]  # widened first: numpy 1 would add in the codes' small type
                index[:, c] += first[c]
            out.write(gathered_bytes(pieces, index))


CSV_CHUNK = 5_000  # small chunks: Arrow reuses the memory of the one before


def _quoted(text: str) -> str:
    """A field as the csv module writes it (quoted when it holds ; " or a line break)."""
    if ";" not in text and '"' not in text and "\n" not in text and "\r" not in text:
        return text
    buf = io.StringIO()
    end = os.linesep  # the csv module also quotes a field that holds a character of the line end
    csv.writer(buf, delimiter=";", lineterminator=end).writerow([text, ""])
    return buf.getvalue()[: -1 - len(end)]


def _csv_column(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """One column's CSV texts, made once per distinct value (a line list repeats its values); text
    guarded against formulas (csv_safe), as before. Returns (code per row, text per code)."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    guard = col.dtype.kind == "O"
    values = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    texts = values.to_numpy(dtype=object, copy=True)
    plain = values.map(type).eq(str).to_numpy().copy()  # text that needs neither a guard nor quotes stays as it is
    if plain.any():  # checked by Arrow in C (a line list has a distinct regel_id per line)
        text = pa.array(values[plain].tolist(), type=pa.large_string())
        odd = pc.match_substring_regex(text, _NEEDS_QUOTES)
        for start in _GUARDED:
            odd = pc.or_(odd, pc.starts_with(text, start))
        plain[np.flatnonzero(plain)[odd.to_numpy(zero_copy_only=False)]] = False
    for i in np.flatnonzero(~plain).tolist():
        texts[i] = _quoted(_csv_text(texts[i], guard))
    codes = np.where(codes < 0, len(texts), codes)  # missing: the empty text
    texts = np.append(texts, "")
    if col.dtype.kind == "f":  # factorize takes -0.0 for 0.0; to_csv writes each as it is
        values = col.to_numpy(dtype=float, na_value=np.nan)
        negative_zero = (values == 0) & np.signbit(values)
        if negative_zero.any():
            codes[negative_zero] = len(texts)
            texts = np.append(texts, "-0,0")
    # the smallest integer type that holds the codes: 35 columns of millions of rows are held at once
    return codes.astype(np.min_scalar_type(len(texts))), texts


#: text that csv quotes, or that csv_safe may guard: these go through the exact, slower path
_NEEDS_QUOTES = r'[;"\n\r]'
_GUARDED = (*FORMULA_START, "'")


def _csv_text(v: object, guard: bool) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, str):
        return csv_safe(v) if guard else v
    if isinstance(v, float):
        return repr(v).replace(".", ",")
    return str(v)


def _whole(values: pd.Series) -> np.ndarray | list[Any]:
    """A column of whole numbers as its int64 array (bulk.add_columns writes it without a Python int per
    value); a column of another type, or with blanks, as a list."""
    return values.to_numpy() if values.dtype.kind in "iu" else values.tolist()


def _cents(prijs: pd.Series) -> np.ndarray | list[Any]:
    """Prices in euros as whole cents, rounded half to even as Python's round() (numpy's rint is the same
    rounding of the same product), as an int64 array; a list where a price is missing."""
    values = prijs.to_numpy()
    if values.dtype == np.float64 and np.isfinite(values).all():
        return np.rint(values * 100).astype(np.int64)
    return [round(p * 100) for p in prijs.tolist()]


def regels_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase, csv_path: Path | None = None) -> None:
    s = Sheet(wb, fm, "Regels", "Alle geprijsde regels, herleidbaar tot bestand en cel")
    if csv_path is not None:
        count = f"{len(bc.regels):,}".replace(",", ".")
        s.note(f"{count} regels: te veel voor een werkblad. Ze staan in {csv_path.name} (naast deze werkmap; "
               "puntkomma's en decimale komma's, opent in Excel).")  # fmt: skip
        s.ws.write_url(s.row, 0, f"external:{csv_path.name}", string=f"Open {csv_path.name}")
        return
    g = bc.regels
    column = {c: g[c].tolist() for c in ("casusnummer", "regelsoort", "kans", "overdracht", "blad", "cel",
                                         "bedrag_dubbel_cent")}  # fmt: skip
    columns = [
        column["casusnummer"],
        [REGELSOORT[x] for x in column["regelsoort"]],
        g["code"].tolist(),
        g["omschrijving"].tolist(),
        g["wet"].tolist(),
        g["financier"].tolist(),
        g["eenheid"].tolist(),
        g["aantal"].tolist(),
        [None if pd.isna(k) else int(k) for k in column["kans"]],
        [int(a) if s == "vermeden" else None for a, s in zip(g["aandeel"].tolist(), column["regelsoort"], strict=True)],
        [
            f if s == "vermeden" else None
            for f, s in zip(g["horizonfactor"].tolist(), column["regelsoort"], strict=True)
        ],
        [r or None for r in g["afsluitreden"].tolist()],
        _cents(g["prijs"]),
        _whole(g["prijsjaar"]),
        _whole(g["prijs_op_peil_cent"]),
        _whole(g["bedrag_cent"]),
        ["ja" if x else "nee" for x in column["overdracht"]],
        g["betrouwbaarheid"].tolist(),
        g["toelichting"].tolist(),
        g["pad"].tolist(),
        [f"{b}!{c}" for b, c in zip(column["blad"], column["cel"], strict=True)],
        g["dubbeltelling"].tolist(),
        [x or None for x in column["bedrag_dubbel_cent"]],
    ]
    if bc.beoordeling is not None:
        columns += [g["oordeel"].tolist(), g["beoordelaar"].tolist()]
    kinds = [
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "num",
        "int",
        "int",
        "num",
        "text",
        "eur",
        "int",
        "eur",
        "eur",
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "eur",
    ]
    extra_headers = ["Oordeel", "Beoordelaar"] if bc.beoordeling is not None else []
    kinds += ["text"] * len(extra_headers)
    s.table(
        [
            "Casusnummer",
            "Soort regel",
            "Code",
            "Post",
            "Wet",
            "Financier",
            "Eenheid",
            "Aantal",
            "Kans (%)",
            "Aandeel eigen inzet (%)",
            "Horizonfactor",
            "Afsluitreden",
            "Prijs (bron)",
            "Prijsjaar",
            f"Prijs {bc.prijspeil}",
            "Bedrag",
            "Overdracht",
            "Betrouwbaarheid",
            "Toelichting",
            "Bestand",
            "Cel",
            "Dubbeltelling",
            "Niet meegeteld",
        ]
        + extra_headers,
        [],
        kinds,
        [16, 15, 12, 40, 12, 16, 14, 9, 9, 15, 13, 18, 12, 9, 13, 14, 10, 8, 50, 40, 22, 40, 14]
        + [12] * len(extra_headers),
        columns=columns,
    )
    s.print_wide()
    s.note("Bedrag = aantal × prijs op prijspeil; bij vermeden zorg × kans / 100 × aandeel eigen inzet / 100 × "
           "horizonfactor, en 0 bij afsluitreden overleden; één keer afgerond op centen.")  # fmt: skip
    if bc.beoordeling is not None:
        s.note("Na beoordeling: afgewezen regels staan hier niet meer (wel op blad Audit beoordeling).")
