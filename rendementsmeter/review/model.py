"""Verdicts as read back from filled review workbooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from rendementsmeter.core.findings import Finding


# -- verdicts, as read back from filled review workbooks ----------------------------------
@dataclass(frozen=True)
class Verdict:
    """One reviewer's verdict on one line, as read from a review workbook."""

    pad: str  # the review workbook
    cel: str  # the Oordeel cell, e.g. O9
    beoordelaar: str
    regel_id: str
    vingerafdruk: str
    oordeel: str
    aantal: Decimal | None = None
    kans: int | None = None
    opmerking: str = ""


@dataclass
class ReviewFile:
    """A filled review workbook: who reviewed, the usable verdicts and the findings."""

    pad: str
    beoordelaar: str
    oordelen: list[Verdict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class Oordeel(NamedTuple):
    """A verdict to write into a review workbook's reviewer columns (as a reviewer would type it)."""

    oordeel: str  # one of spec.review.OORDELEN
    aantal: Decimal | None = None
    kans: int | None = None
    opmerking: str = ""
