"""The library's entry points: read files, then build. The command line calls only these, and a
notebook can do everything the commands do::

    import rendementsmeter as rm
    pl = rm.load_prijslijst()
    bc = rm.businesscase(["cases/voorbeeld"], pl)
    results = rm.check(["cases/voorbeeld"], pl)
    table = rm.review(["cases/voorbeeld"], pl)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.businesscase import build_businesscase as _build
from rendementsmeter.analysis.dubbeltelling import bundle_rules, mark_results
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.periode import Periode, splits
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.pricing.rules import Regel, load_plausibiliteit
from rendementsmeter.read.batch import read_cases
from rendementsmeter.review.model import ReviewFile
from rendementsmeter.review.read import read_reviews
from rendementsmeter.review.signals import ReviewTable, build_review

Progress = Callable[[int, int], None]


def check(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    vandaag: date | None = None,
    cache: Path | str | None = None,
    progress: Progress | None = None,
) -> list[ReadResult]:
    """Read and validate case files (the library form of `rendementsmeter check`): every file gets
    its status and findings, including possible double counting within a case."""
    results = read_cases(paths, prijslijst, vandaag, cache=cache, progress=progress)
    mark_results(results, bundle_rules(load_plausibiliteit()))
    return results


def build_businesscase(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    beoordelingen: Sequence[ReviewFile] | None = None,
    dubbel: Sequence[Regel] | None = None,
) -> BusinessCase:
    """Build the business case of cases already read (analysis.businesscase.build_businesscase),
    with the standard plausibility rules (prijslijst/plausibiliteit.csv) unless `dubbel` is given."""
    rules = load_plausibiliteit() if dubbel is None else dubbel
    return _build(resultaten, prijslijst, prijspeil, beoordelingen, rules)


def businesscase(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    vandaag: date | None = None,
    beoordelingen: Iterable[Path | str] | None = None,
    periode: Periode | None = None,
    cache: Path | str | None = None,
    progress: Progress | None = None,
    **instellingen: Any,
) -> BusinessCase:
    """Read files and folders of cases (and filled review workbooks) and build the business case
    (the library form of the command). `periode` (periode.maak_periode) keeps cases whose Einddatum
    falls outside it out of the totals, listed as such; `instellingen` sets BusinessCase fields such
    as min_groep and uren_per_fte; `cache` is the SQLite file of the reader's incremental-run cache;
    `progress(done, total)` follows the reading (see `read_cases`)."""
    reviews = read_reviews(beoordelingen) if beoordelingen is not None else None
    split = splits(read_cases(paths, prijslijst, vandaag, cache=cache, progress=progress), periode)
    bc = _build(split.binnen, prijslijst, prijspeil, reviews, load_plausibiliteit())
    bc.periode, bc.buiten = periode, list(split.buiten)
    for key, value in instellingen.items():
        setattr(bc, key, value)
    return bc


def review(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    plausibiliteit: Path | str | None = None,
    vandaag: date | None = None,
    progress: Progress | None = None,
) -> ReviewTable:
    """Read cases and build the review table (the library form of `rendementsmeter review`);
    `progress(done, total)` follows the reading (see `read_cases`)."""
    rules = load_plausibiliteit(plausibiliteit)
    return build_review(read_cases(paths, prijslijst, vandaag, progress=progress), prijslijst, prijspeil, rules)
