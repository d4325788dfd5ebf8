"""The line list CSV (next to a very large workbook) is exactly what pandas' to_csv wrote before the fast
writer (report/xlsx/regels.write_regels_csv): semicolons, decimal commas, formula guard, quoting."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import rendementsmeter as rm
from rendementsmeter.core.output import csv_safe
from rendementsmeter.report.xlsx import regels as regels_module
from rendementsmeter.report.xlsx.regels import write_regels_csv

ROOT = Path(__file__).resolve().parent.parent


def reference(regels: pd.DataFrame, path: Path) -> None:
    """The former writer, kept here as the reference."""
    frame = regels.drop(columns=[c for c in ("vingerafdruk",) if c in regels]).copy()
    for col in [c for c in frame.columns if c.endswith("_cent")]:
        frame[col.removesuffix("_cent")] = frame.pop(col) / 100
    for col in [c for c in frame.columns if frame[c].dtype.kind == "O"]:
        frame[col] = frame[col].map(lambda v: csv_safe(v) if isinstance(v, str) else v)
    frame.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8-sig")


@pytest.mark.parametrize(("chunk", "linesep"), [(50_000, "\n"), (7, "\n"), (7, "\r\n")])
def test_same_bytes_as_pandas_to_csv_with_odd_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, linesep: str
) -> None:
    monkeypatch.setattr(regels_module, "CSV_CHUNK", chunk)  # rows written a chunk at a time
    monkeypatch.setattr(os, "linesep", linesep)  # Windows: to_csv ends lines with CR LF
    bc = rm.businesscase([ROOT / "cases" / "voorbeeld"], rm.load_prijslijst())
    regels = bc.regels.copy()
    odd = ["=SOM(A1)", "a;b", 'zei "ja"', "twee\nregels", "cr\rin", "+31", "-5", "@x", "'=al", "''=twee", "é€", ""]
    for i, text in enumerate(odd):
        regels.loc[i, "toelichting"] = text
    regels.loc[0, "aantal"] = 1e-05
    regels.loc[1, "aantal"] = 1234567.125
    regels.loc[2, "horizonfactor"] = float("nan")
    regels.loc[3, "bedrag_cent"] = -123456789
    regels.loc[4, "uren"], regels.loc[5, "uren"] = 0.0, -0.0  # to_csv writes -0,0; factorize takes it for 0,0
    expected, written = tmp_path / "a.csv", tmp_path / "b.csv"
    reference(regels, expected)
    write_regels_csv(SimpleNamespace(regels=regels), written)  # type: ignore[arg-type]
    assert written.read_bytes() == expected.read_bytes()
    text = written.read_text(encoding="utf-8-sig")
    assert (
        ";-0,0;" in text
        and ";'=SOM(A1);" in text
        and ';"a;b";' in text
        and ';"zei ""ja""";' in text
        and ";-1234567,89;" in text
    )
