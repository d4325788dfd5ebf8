"""Shared parts of the case reader: the finding collector, cell helpers and the fixed texts."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rendementsmeter.core.findings import Finding, cell_name
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read.cells import FormulaCells

MAX_FINDINGS = 200
HEADER_SCAN_ROWS = 30
#: More than this many units on one line is taken as a typing error (10.000 km, days or contacts).
#: The cells of a line the reader reads: a formula there is never evaluated.
READ_KEYS = ("post", "aantal", "kans", "toelichting")

NIEUW_SJABLOON = "Maak een nieuw sjabloon met `rendementsmeter template -o casus.xlsx` en neem de gegevens over."
OVERZETTEN = (
    "Zet de casus over naar het huidige sjabloon: (1) maak een nieuw sjabloon met "
    "`rendementsmeter template -o nieuw.xlsx`; (2) kopieer op blad Casus de waarden uit kolom B en op de "
    "bladen Inzet, Ingezette zorg en Vermeden zorg de kolommen Post, Aantal, Kans (%) en Toelichting, en plak "
    "ze met Plakken speciaal > Waarden; (3) sla op en controleer met `rendementsmeter check nieuw.xlsx`."
)


def text(value: Any) -> str:
    """A cell as text, as a Dutch user sees it: 12.0 is '12', 0.75 is '0,75'; surrounding spaces go."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value).strip()


def label(value: str) -> str:
    """A field label as the reader matches it: 'Casusnummer *' and 'casusnummer:' are 'casusnummer'."""
    return value.strip().rstrip("*: ").strip().casefold()


def sheet_key(name: str) -> str:
    """A sheet name as the reader matches it: case and spacing do not count ('vermeden  ZORG ')."""
    return " ".join(name.split()).casefold()


@lru_cache(maxsize=4096)
def header_key(value: str) -> str:
    """A column header as the reader matches it: case, spaces, '%' and punctuation do not count."""
    return re.sub(r"[\W_]+", "", value.casefold())


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class ReaderBase:
    """State shared by the parts of the reader: where we are and what we found."""

    def __init__(self, path: Path, pad: str, prijslijst: Prijslijst, vandaag: date):
        self.path = path
        self.pad = pad
        self.prijslijst = prijslijst
        self.vandaag = vandaag
        #: the Einddatum compared with `vandaag`, and whether it lies after it (ReadResult.einddatum)
        self.einddatum: date | None = None
        self.einddatum_later = False
        self.findings: list[Finding] = []
        #: sheet name (as in the file) -> its cells with a formula
        self.formulas: dict[str, FormulaCells] = {}
        #: sheet name (as in the file) -> merged ranges ((row, col), (row, col)), 0-based inclusive
        self.merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
        #: spec sheet name -> name as in the file
        self.names: dict[str, str] = {}
        #: technical detail (a traceback) for --debug, never shown otherwise
        self.detail = ""

    def add(self, code: str, message: str, blad: str = "", cel: str = "") -> None:
        self.findings.append(Finding(self.pad, code, message, blad=blad, cel=cel))

    def formula_cells(self, blad: str, columns: list[int]) -> frozenset[str]:
        """The cells (B12) of these columns (0-based) on spec sheet `blad` that hold a formula."""
        cells = self.formulas.get(self.names.get(blad, blad))
        if cells is None:
            return frozenset()
        return cells.in_columns(cell_name(0, c)[:-1] for c in columns)

    def formula(self, blad: str, row: int, col: int) -> bool:
        """Whether the cell (0-based) on spec sheet `blad` holds a formula in the file."""
        return cell_name(row, col) in self.formula_cells(blad, [col])
