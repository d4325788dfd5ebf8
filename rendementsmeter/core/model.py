"""Typed cases, as read from case files."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, overload

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


#: The fields of a Line whose values a batch repeats (stored once per distinct value in LineColumns).
COLUMN_FIELDS = ("kind", "blad", "cel", "code", "aantal", "kans", "toelichting")


class LineColumns:
    """The lines of many cases in columns, as a pooled export holds them: per field of Line the
    distinct values (`uniques[f]`, an object array) and per line the index of its value (`index[f]`),
    `rij` as whole numbers, `aantal_f` the quantities as floats. A million cases hold five to seven
    million lines: as Line tuples about a gigabyte, in columns (small-integer indexes) under 150 MB, and
    pricing takes the columns as they are (pricing.price.case_lines). Holds numpy arrays, but does not
    import numpy (start-up speed)."""

    __slots__ = ("uniques", "index", "rij", "aantal_f")

    def __init__(self, uniques: dict[str, Any], index: dict[str, Any], rij: Any, aantal_f: Any) -> None:
        self.uniques, self.index, self.rij, self.aantal_f = uniques, index, rij, aantal_f

    def column(self, name: str, rows: Any) -> Any:
        """The values of field `name` (a COLUMN_FIELDS name) of the lines at `rows` (a slice or index array)."""
        return self.uniques[name][self.index[name][rows]]

    def running_count(self, kind: str, code_ok: Callable[[str], bool]) -> list[int]:
        """How many lines of `kind` with a code that passes `code_ok` come before each row (one number
        more than there are rows): rows a to b hold such a line when the count at b exceeds that at a."""
        import numpy as np  # lazily: only a batch with an export has LineColumns, and it has numpy loaded

        ok = np.array([code_ok(c) for c in self.uniques["code"]], dtype=bool)[self.index["code"]]
        ok &= (self.uniques["kind"] == kind)[self.index["kind"]]
        return np.concatenate([[0], np.cumsum(ok)]).tolist()  # type: ignore[no-any-return]

    def values(self, name: str) -> list[Any]:
        """The values of field `name` for every row, as a list."""
        return self.column(name, slice(None)).tolist()  # type: ignore[no-any-return]

    def line(self, row: int) -> Line:
        """The Line of one row."""
        u, i = self.uniques, self.index
        return Line(u["kind"][i["kind"][row]], u["blad"][i["blad"][row]], int(self.rij[row]), u["cel"][i["cel"][row]],
                    u["code"][i["code"][row]], u["aantal"][i["aantal"][row]], u["kans"][i["kans"][row]],
                    u["toelichting"][i["toelichting"][row]])  # fmt: skip

    def lines(self, start: int, stop: int) -> list[Line]:
        rows = slice(start, stop)
        values = {k: self.column(k, rows).tolist() for k in COLUMN_FIELDS}
        rij = self.rij[rows].tolist()
        return [
            Line(*x)
            for x in zip(values["kind"], values["blad"], rij, values["cel"], values["code"], values["aantal"],
                         values["kans"], values["toelichting"], strict=True)
        ]  # fmt: skip


class LineSlice(Sequence[Line]):
    """The lines of one case, rows `start` to `stop` of a LineColumns; a read-only sequence of Line
    that makes its tuples when asked (most of a pooled business case never asks)."""

    __slots__ = ("columns", "start", "stop")

    def __init__(self, columns: LineColumns, start: int, stop: int) -> None:
        self.columns, self.start, self.stop = columns, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    @overload
    def __getitem__(self, i: int) -> Line: ...
    @overload
    def __getitem__(self, i: slice) -> list[Line]: ...
    def __getitem__(self, i: int | slice) -> Line | list[Line]:
        if isinstance(i, slice):
            return self.columns.lines(self.start, self.stop)[i]
        n = len(self)
        if not -n <= i < n:
            raise IndexError("regel buiten de casus")
        return self.columns.line(self.start + i % n)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.columns.lines(self.start, self.stop))

    def __eq__(self, other: object) -> bool:  # as the list it stands for: equal to the same lines as list
        return isinstance(other, (list, LineSlice)) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(list(self))


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
    #: a list as read from a case file; a LineSlice of a pooled export's columns
    lines: list[Line] | LineSlice = field(default_factory=list)


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
    #: the Einddatum the reader compared with the day of the reading (also when no case came of the file),
    #: and whether it lay after that day: the one thing in a reading that depends on the day, so that the
    #: cache can use a reading of another day when the comparison comes out the same (not inferred from
    #: the findings: a long list of findings is cut short); never part of a report or of JSON
    einddatum: date | None = field(default=None, repr=False, compare=False)
    einddatum_later: bool = field(default=False, repr=False, compare=False)

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
        if self.case is None:
            return AFGEWEZEN
        for f in self.findings:  # (a loop, not any(): asked for every file of a pool, several times)
            if f.is_fout:
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
