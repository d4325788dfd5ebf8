"""Typed cases, as read from case files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from rendementsmeter.core.findings import Finding

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


class Verhaal(NamedTuple):
    """The optional story of a case, written to be shared (anonymous). Texts are already masked."""

    situatie: str
    gedaan: str
    veranderd: str
    #: the worker chose `Verhaal in rapport` = ja
    in_rapport: bool
    #: personal data was found (and masked) in one of the story's cells: never publish it
    afgeschermd: bool

    @property
    def publiceerbaar(self) -> bool:
        return self.in_rapport and not self.afgeschermd and any((self.situatie, self.gedaan, self.veranderd))


class ZrmScore(NamedTuple):
    """Zelfredzaamheid-Matrix score of one life domain at the start and at closure (1-5, None if empty)."""

    leefgebied: str
    start: int | None
    eind: int | None


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
    #: `Aandeel eigen inzet (%)`: every avoided-care line counts this share (100, 75, 50 or 25)
    aandeel: int = 100
    #: `Afsluitreden` (spec.AFSLUITREDENEN); "" when unknown (a file from template version 1)
    afsluitreden: str = ""
    verhaal: Verhaal | None = None
    #: ZRM scores of the life domains with at least one score, in the order of spec.LEEFGEBIEDEN
    zrm: tuple[ZrmScore, ...] = ()
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

    @classmethod
    def rejected(cls, pad: str, code: str, melding: str, overgeslagen: bool = False) -> ReadResult:
        """A file that gave no case, with the one finding that says why."""
        return cls(pad, None, [Finding(pad, code, melding)], overgeslagen=overgeslagen)

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
        if self.case is None or any(f.is_fout for f in self.findings):
            return AFGEWEZEN
        return OPGENOMEN


class ValuePool:
    """One object for each repeated value of a batch (codes, cells, sheet names, quantities, dates):
    readings come from worker processes, the cache or an export as separate copies, and 100,000 cases
    hold millions of them. Values are told apart by type and text, so Decimal('1.0') stays apart from
    Decimal('1'). Changes no value."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.others: dict[tuple[type, str], Any] = {}

    def text(self, value: str) -> str:
        return self.texts.setdefault(value, value)

    def value(self, value: Any) -> Any:
        return value if value is None else self.others.setdefault((type(value), str(value)), value)

    def decimal(self, text: str) -> Decimal:
        """The Decimal written as `text`, parsed once per batch."""
        found = self.others.get((Decimal, text))
        if found is None:
            found = self.others[(Decimal, text)] = Decimal(text)
        return found

    def case(self, case: Case) -> None:
        """Share the repeated values of one case in place. Free text (Toelichting, Samenvatting) is
        left alone: it is unique in real cases."""
        s, o = self.text, self.value
        case.domein, case.team, case.werker = s(case.domein), s(case.team), s(case.werker)
        case.afsluitreden = s(case.afsluitreden)
        case.sjabloonversie, case.prijslijstversie = s(case.sjabloonversie), s(case.prijslijstversie)
        case.einddatum, case.startdatum, case.leefgebieden = o(case.einddatum), o(case.startdatum), o(case.leefgebieden)
        case.lines = [
            Line(s(x.kind), s(x.blad), x.rij, s(x.cel), s(x.code), o(x.aantal), x.kans, x.toelichting)
            for x in case.lines
        ]
