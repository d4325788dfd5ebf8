"""The library's entry points: read files, then build, then write. The command line (cli/) and the
browser app (app/) call only these, and a notebook can do everything the commands do::

    import rendementsmeter as rm
    pl = rm.load_prijslijst()
    bc = rm.businesscase(["cases/voorbeeld"], pl)
    results = rm.check(["cases/voorbeeld"], pl)
    table = rm.review(["cases/voorbeeld"], pl)

Start-up: `rendementsmeter --help`, `template` and `check` must not load pandas, numpy or pyarrow
(about 0,6 s). This module therefore imports only light layers at the top; the functions that need
the analysis layer or the pandas-based writers import them when called (never to dodge a circle:
they all sit below this module)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.periode import Periode, PeriodeFout, maak_periode
from rendementsmeter.pricing.prijslijst import Prijslijst, PrijslijstFout, PrijspeilFout, load_prijslijst
from rendementsmeter.pricing.rules import PlausibiliteitFout, Regel, bundle_rules, load_plausibiliteit, mark_results
from rendementsmeter.read.batch import read_cases
from rendementsmeter.read.keys import SleutelFout
from rendementsmeter.review.model import Oordeel, ReviewFile
from rendementsmeter.spec.rekenregels import DISCONTOVOET
from rendementsmeter.template.writer import casusnummer, numbered_paths, write_template, write_templates

if TYPE_CHECKING:  # types only; loaded when the functions run
    from rendementsmeter.analysis.businesscase import BusinessCase
    from rendementsmeter.analysis.sensitivity import Vergelijking
    from rendementsmeter.review.signals import ReviewTable

Progress = Callable[[int, int], None]

__all__ = [
    "PeriodeFout",
    "PlausibiliteitFout",
    "PrijslijstFout",
    "PrijspeilFout",
    "SleutelFout",
    "build_businesscase",
    "businesscase",
    "businesscase_of",
    "casusnummer",
    "check",
    "is_review_workbook",
    "load_prijslijst",
    "maak_periode",
    "numbered_paths",
    "read_reviews",
    "report_html",
    "review",
    "review_of",
    "vergelijk",
    "write_businesscase",
    "export",
    "export_of",
    "write_html",
    "write_review",
    "write_template",
    "write_templates",
]


def check(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    vandaag: date | None = None,
    cache: Path | str | None = None,
    progress: Progress | None = None,
    isolated: bool = False,
) -> list[ReadResult]:
    """Read and validate case files (the library form of `rendementsmeter check`): every file gets
    its status and findings, including possible double counting within a case. `isolated`: even a
    single file is read in a worker process (see `read_cases`)."""
    results = read_cases(paths, prijslijst, vandaag, cache=cache, progress=progress, isolated=isolated)
    mark_results(results, bundle_rules(load_plausibiliteit()))
    return results


def build_businesscase(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    beoordelingen: Sequence[ReviewFile] | None = None,
    dubbel: Sequence[Regel] | None = None,
    discontovoet: Decimal = DISCONTOVOET,
) -> BusinessCase:
    """Build the business case of cases already read (analysis.businesscase.build_businesscase),
    with the standard plausibility rules (prijslijst/plausibiliteit.csv) unless `dubbel` is given."""
    from rendementsmeter.analysis.businesscase import build_businesscase as build

    rules = load_plausibiliteit() if dubbel is None else dubbel
    return build(resultaten, prijslijst, prijspeil, beoordelingen, rules, discontovoet)


def businesscase(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    vandaag: date | None = None,
    beoordelingen: Iterable[Path | str] | None = None,
    periode: Periode | None = None,
    cache: Path | str | None = None,
    progress: Progress | None = None,
    discontovoet: Decimal = DISCONTOVOET,
    **instellingen: Any,
) -> BusinessCase:
    """Read files and folders of cases (and filled review workbooks) and build the business case
    (the library form of the command). `periode` (maak_periode) keeps cases whose Einddatum falls
    outside it out of the totals, listed as such; `instellingen` sets BusinessCase fields such as
    min_groep and uren_per_fte; `cache` is the SQLite file of the reader's incremental-run cache;
    `progress(done, total)` follows the reading (see `read_cases`)."""
    from rendementsmeter.review.read import read_reviews

    reviews = read_reviews(beoordelingen) if beoordelingen is not None else None
    resultaten = read_cases(paths, prijslijst, vandaag, cache=cache, progress=progress)
    return businesscase_of(resultaten, prijslijst, prijspeil, reviews, periode, discontovoet, **instellingen)


def businesscase_of(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    reviews: Sequence[ReviewFile] | None = None,
    periode: Periode | None = None,
    discontovoet: Decimal = DISCONTOVOET,
    **instellingen: Any,
) -> BusinessCase:
    """The business case of files already read (`check` or `read_cases`), exactly as `businesscase`
    builds it: split by `periode`, then priced, reviewed and summed. The app reads a folder once and
    builds from the same readings for every period and review state."""
    from rendementsmeter.core.periode import splits

    split = splits(resultaten, periode)
    bc = build_businesscase(split.binnen, prijslijst, prijspeil, reviews, discontovoet=discontovoet)
    bc.periode, bc.buiten = periode, list(split.buiten)
    for key, value in instellingen.items():
        setattr(bc, key, value)
    return bc


def vergelijk(bc: BusinessCase, ander: Prijslijst | None = None, prijspeil: int | None = None) -> Vergelijking:
    """The same cases (with the same reviews) under another price list and/or price level; the
    comparison is also kept in `bc.vergelijkingen` for the workbook, report and JSON."""
    from rendementsmeter.analysis.sensitivity import vergelijk as compare

    result = compare(bc, ander, prijspeil)
    bc.vergelijkingen.append(result)
    return result


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
    rules = load_plausibiliteit(plausibiliteit)  # a bad rules file is reported before any case is read
    return review_of(read_cases(paths, prijslijst, vandaag, progress=progress), prijslijst, prijspeil, rules)


def review_of(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    rules: Sequence[Regel] | None = None,
) -> ReviewTable:
    """The review table of files already read, with the plausibility rules (standard: prijslijst/plausibiliteit.csv)."""
    from rendementsmeter.review.signals import build_review

    return build_review(resultaten, prijslijst, prijspeil, load_plausibiliteit() if rules is None else rules)


def read_reviews(paths: Iterable[Path | str]) -> list[ReviewFile]:
    """Filled review workbooks (files, or folders searched for .xlsx), as `--beoordelingen` reads them."""
    from rendementsmeter.review.read import read_reviews as read

    return read(paths)


def is_review_workbook(path: Path | str) -> bool:
    """Whether a file is a review workbook of `rendementsmeter review` (not a case file)."""
    from rendementsmeter.review.read import is_review_workbook as is_review

    return is_review(path)


def write_businesscase(bc: BusinessCase, path: Path | str) -> Path:
    """The business case workbook (report/xlsx)."""
    from rendementsmeter.report.xlsx.workbook import write_businesscase as write

    return write(bc, path)


def write_html(bc: BusinessCase, path: Path | str, **options: Any) -> Path:
    """The printable HTML report for the municipality (report/html), with the options the business
    case was built with (report_options); `options` overrides them."""
    from rendementsmeter.report.html.report import write_html as write

    return write(bc, path, **{**report_options(bc), **options})


def report_options(bc: BusinessCase) -> dict[str, Any]:
    """The report options `businesscase --html` passes, taken from the business case itself."""
    return {"periode": bc.periode, "buiten": bc.buiten, "min_groep": bc.min_groep, "uren_per_fte": bc.uren_per_fte,
            "pat": bc.patronen, "ib": bc.investeerder_baathebber, "am": bc.arbeidsmarkt,
            "verhalen": bc.verhalen, "zrm": bc.zrm_uitkomsten}  # fmt: skip


def report_html(bc: BusinessCase) -> str:
    """The printable HTML report as one string, as `businesscase --html` writes it."""
    from rendementsmeter.report.html.report import render_html

    return render_html(bc, **report_options(bc))


def write_review(
    table: ReviewTable, path: Path | str, beoordelaar: str = "", oordelen: Mapping[str, Oordeel] | None = None
) -> Path:
    """The review workbook for a peer reviewer (review/write.py); `oordelen` (regel_id -> verdict)
    fills the reviewer's columns as a reviewer would type them (the app's review page)."""
    from rendementsmeter.review.write import write_review as write

    return write(table, path, beoordelaar, oordelen)


@dataclass(frozen=True)
class Export:
    """What `export` read and wrote."""

    resultaten: list[ReadResult]
    casussen: int
    regels: int
    #: The organisation's key file for the pseudonyms, and whether this export made it.
    sleutel: Path | None = None
    sleutel_nieuw: bool = False


def export(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    path: Path | str,
    organisatie: str,
    progress: Progress | None = None,
    sleutel: Path | str | None = None,
) -> Export:
    """Read cases and write an anonymous line-level export of the included ones (read/export.py).
    `sleutel`: the organisation's key file for the pseudonyms (made when missing; default in the
    user's configuration folder, see read.export.standaard_sleutel)."""
    return export_of(read_cases(paths, prijslijst, progress=progress), path, organisatie, sleutel)


def export_of(
    resultaten: list[ReadResult], path: Path | str, organisatie: str, sleutel: Path | str | None = None
) -> Export:
    """The anonymous export (as `export` writes it) of files already read."""
    from rendementsmeter.read.export import export_frame, write_export
    from rendementsmeter.read.keys import load_sleutel

    key, key_path, made = load_sleutel(sleutel)
    frame = export_frame(resultaten, organisatie, key)
    write_export(frame, path)
    return Export(resultaten, int(frame["casus_id"].nunique()), len(frame), key_path, made)
