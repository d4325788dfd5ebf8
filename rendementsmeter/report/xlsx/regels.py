"""Workbook sheet Regels: every priced line, or a CSV next to the workbook when there are too many."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.core.output import atomic_path, csv_safe, regels_csv_path

__all__ = ["MAX_REGELS_IN_WERKMAP", "regels_csv_path", "regels_sheet", "write_regels_csv"]
from rendementsmeter.report.xlsx.sheet import Sheet

REGELSOORT = {"inzet": "Eigen inzet", "ingezet": "Ingezette zorg", "vermeden": "Vermeden zorg"}

#: Above this many lines the line list goes to a CSV next to the workbook: a sheet that large is slow
#: to write and to open, and Excel stops at 1,048,576 rows.
MAX_REGELS_IN_WERKMAP = 50_000


def write_regels_csv(bc: BusinessCase, path: Path) -> Path:
    """All priced lines as CSV for Dutch Excel (semicolons, decimal commas, UTF-8 with BOM)."""
    frame = bc.regels.drop(columns=[c for c in ("vingerafdruk",) if c in bc.regels]).copy()
    for col in [c for c in frame.columns if c.endswith("_cent")]:
        frame[col.removesuffix("_cent")] = frame.pop(col) / 100
    for col in [c for c in frame.columns if frame[c].dtype.kind == "O"]:  # no text that Excel would take for a formula
        frame[col] = frame[col].map(lambda v: csv_safe(v) if isinstance(v, str) else v)
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig")
    return path


def regels_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase, csv_path: Path | None = None) -> None:
    s = Sheet(wb, fm, "Regels", "Alle geprijsde regels, herleidbaar tot bestand en cel")
    if csv_path is not None:
        count = f"{len(bc.regels):,}".replace(",", ".")
        s.note(f"{count} regels: te veel voor een werkblad. Ze staan in {csv_path.name} (naast deze werkmap; "
               "puntkomma's en decimale komma's, opent in Excel).")  # fmt: skip
        s.ws.write_url(s.row, 0, f"external:{csv_path.name}", string=f"Open {csv_path.name}")
        return
    g = bc.regels
    column = {c: g[c].tolist() for c in ("casusnummer", "regelsoort", "kans", "prijs", "overdracht", "blad", "cel",
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
        [round(p * 100) for p in column["prijs"]],
        g["prijsjaar"].tolist(),
        g["prijs_op_peil_cent"].tolist(),
        g["bedrag_cent"].tolist(),
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
        [16, 15, 12, 40, 12, 16, 14, 9, 9, 11, 11, 18, 12, 9, 13, 14, 10, 8, 50, 40, 22, 40, 14]
        + [12] * len(extra_headers),
        columns=columns,
    )
    s.print_wide()
    s.note("Bedrag = aantal × prijs op prijspeil; bij vermeden zorg × kans / 100 × aandeel eigen inzet / 100 × "
           "horizonfactor, en 0 bij afsluitreden overleden; één keer afgerond op centen.")  # fmt: skip
    if bc.beoordeling is not None:
        s.note("Na beoordeling: afgewezen regels staan hier niet meer (wel op blad Audit beoordeling).")
