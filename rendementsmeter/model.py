"""Typed cases, as read from case files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from .findings import Finding

OPGENOMEN = "opgenomen"
AFGEWEZEN = "afgewezen"
OVERGESLAGEN = "overgeslagen"


class Line(NamedTuple):
    """One filled row of a line sheet. A named tuple: a batch holds millions of them, and a tuple is
    quick to make and small (no per-object dict)."""

    kind: str  # inzet | ingezet | vermeden
    blad: str
    rij: int  # 1-based, as in the spreadsheet
    cel: str  # the cell of the item, e.g. A5
    code: str
    aantal: Decimal
    kans: int | None
    toelichting: str


@dataclass(slots=True)
class Case:
    """A finished case: metadata from the Casus sheet and its lines."""

    pad: str
    casusnummer: str
    domein: str
    einddatum: date | None
    team: str = ""
    werker: str = ""
    startdatum: date | None = None
    horizon: int = 12
    leefgebieden: tuple[str, ...] = ()
    samenvatting: str = ""
    sjabloonversie: str = ""
    prijslijstversie: str = ""
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class ReadResult:
    """What reading one file gave: a case (or None) and the findings."""

    pad: str
    case: Case | None
    findings: list[Finding] = field(default_factory=list)
    overgeslagen: bool = False
    #: technical detail of an unexpected failure (a traceback), logged at DEBUG level for --debug;
    #: never part of a report or of JSON
    detail: str = field(default="", repr=False, compare=False)
    #: SHA-256 of the very bytes that were read (for the cache); empty when the file was not read
    inhoud: str = field(default="", repr=False, compare=False)

    @property
    def fouten(self) -> list[Finding]:
        return [f for f in self.findings if f.is_fout]

    @property
    def waarschuwingen(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_fout]

    @property
    def status(self) -> str:
        if self.overgeslagen:
            return OVERGESLAGEN
        if self.case is None or self.fouten:
            return AFGEWEZEN
        return OPGENOMEN
