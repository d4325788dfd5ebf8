"""The reporting period: a quarter (`2026-Q3`) or a date range, and which cases fall in it.

A case belongs to the period of its Einddatum (the day it was closed), both ends inclusive. Pure:
no file access. Parsing errors raise `PeriodeFout` (a ValueError) with a Dutch message that the CLI
turns into a usage error (exit code 2).

Splitting read results: a file whose case has an Einddatum outside the period goes to `buiten`
(listed in the report as "buiten de periode", never silently dropped). Everything else stays in
`binnen`: cases in the period, but also rejected or skipped files without a usable Einddatum, so
their findings are still reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rendementsmeter.core.model import ReadResult


class PeriodeFout(ValueError):
    """A period the user typed that cannot be read; the message is Dutch and says what to type."""


@dataclass(frozen=True)
class Periode:
    """From `van` to `tot`, both inclusive; an open end is None."""

    van: date | None = None
    tot: date | None = None
    kwartaal: str = ""  # '2026-Q3' when the period is exactly one quarter

    def bevat(self, dag: date) -> bool:
        return (self.van is None or dag >= self.van) and (self.tot is None or dag <= self.tot)

    @property
    def label(self) -> str:
        """Dutch description: '2026-Q3 (01-07-2026 t/m 30-09-2026)', 'vanaf 01-07-2026', ..."""
        if self.van and self.tot:
            span = f"{_nl(self.van)} t/m {_nl(self.tot)}"
            return f"{self.kwartaal} ({span})" if self.kwartaal else span
        if self.van:
            return f"vanaf {_nl(self.van)}"
        if self.tot:
            return f"tot en met {_nl(self.tot)}"
        return "alle casussen"

    def to_dict(self) -> dict[str, Any]:
        return {
            "van": self.van.isoformat() if self.van else None,
            "tot": self.tot.isoformat() if self.tot else None,
            "kwartaal": self.kwartaal or None,
            "label": self.label,
        }


def _nl(dag: date) -> str:
    return dag.strftime("%d-%m-%Y")


_KWARTAAL_RE = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Qq]\s*([1-4])\s*$|^\s*[Qq]\s*([1-4])\s*[-/ ]?\s*(\d{4})\s*$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NL_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def kwartaal_grenzen(jaar: int, kwartaal: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    eerste = date(jaar, 3 * kwartaal - 2, 1)
    laatste = date(jaar + 1, 1, 1) if kwartaal == 4 else date(jaar, 3 * kwartaal + 1, 1)
    return eerste, date.fromordinal(laatste.toordinal() - 1)


def kwartaal_van(dag: date) -> str:
    """The quarter a day falls in, as '2026-Q3'."""
    return f"{dag.year}-Q{(dag.month - 1) // 3 + 1}"


def parse_kwartaal(text: str) -> Periode:
    """'2026-Q3' (also '2026Q3', '2026 q3', 'Q3-2026') to the period 01-07-2026 t/m 30-09-2026."""
    m = _KWARTAAL_RE.match(text or "")
    if not m:
        raise PeriodeFout(f"Kwartaal '{text}' is niet te lezen; schrijf het als jaar-kwartaal, bijvoorbeeld 2026-Q3.")
    jaar, kw = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    van, tot = kwartaal_grenzen(int(jaar), int(kw))
    return Periode(van, tot, f"{int(jaar)}-Q{kw}")


def parse_datum(text: str | date) -> date:
    """A date typed as 2026-07-01 or 01-07-2026 (also with / or .)."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    value = (text or "").strip()
    m = _ISO_RE.match(value)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None and (m := _NL_RE.match(value)):
        parts = (m.group(3), m.group(2), m.group(1))
    if parts is not None:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise PeriodeFout(f"Datum '{text}' is niet te lezen; schrijf hem als dd-mm-jjjj (bijvoorbeeld 01-07-2026).")


def maak_periode(
    kwartaal: str | None = None, van: str | date | None = None, tot: str | date | None = None
) -> Periode | None:
    """The period from the command-line options; None when none was given (all cases count)."""
    if kwartaal and (van or tot):
        raise PeriodeFout("Gebruik --kwartaal óf --van/--tot, niet allebei.")
    if kwartaal:
        return parse_kwartaal(kwartaal)
    if not van and not tot:
        return None
    begin = parse_datum(van) if van else None
    eind = parse_datum(tot) if tot else None
    if begin and eind and begin > eind:
        raise PeriodeFout(f"De begindatum {_nl(begin)} ligt na de einddatum {_nl(eind)}; draai ze om.")
    if begin and eind:
        for q in (1, 2, 3, 4):
            if kwartaal_grenzen(begin.year, q) == (begin, eind):
                return Periode(begin, eind, kwartaal_van(begin))
    return Periode(begin, eind)


@dataclass
class PeriodeSplitsing:
    """Read results split by period: `binnen` go into the business case, `buiten` are only listed."""

    periode: Periode | None
    binnen: list[ReadResult] = field(default_factory=list)
    buiten: list[ReadResult] = field(default_factory=list)

    def buiten_rijen(self) -> list[dict[str, Any]]:
        """The cases outside the period, for a list in the workbook, the JSON and the report."""
        rows = []
        label = self.periode.label if self.periode else ""
        for r in self.buiten:
            assert r.case is not None and r.case.einddatum is not None
            rows.append(
                {
                    "pad": r.pad,
                    "casusnummer": r.case.casusnummer,
                    "einddatum": r.case.einddatum.isoformat(),
                    "status": r.status,
                    "reden": f"Einddatum {_nl(r.case.einddatum)} valt buiten de periode {label}.",
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "periode": self.periode.to_dict() if self.periode else None,
            "binnen": len(self.binnen),
            "buiten": self.buiten_rijen(),
        }


def splits(resultaten: Iterable[ReadResult], periode: Periode | None) -> PeriodeSplitsing:
    """Split read results by the Einddatum of their case; order is kept. No period: all are `binnen`.
    Only valid cases can be `buiten`: a rejected file stays `binnen` so that its findings are always
    reported, whatever its end date."""
    out = PeriodeSplitsing(periode)
    for r in resultaten:
        einde = r.case.einddatum if r.case is not None else None
        if periode is not None and einde is not None and r.status == "opgenomen" and not periode.bevat(einde):
            out.buiten.append(r)
        else:
            out.binnen.append(r)
    return out
