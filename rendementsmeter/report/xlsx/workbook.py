"""The business case workbook for the team lead and the municipality. Renders; never computes totals.

Each group of sheets has its own module; this one puts them in order and writes the file."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.core.output import AUTEUR, TITEL_BUSINESSCASE, XLSX_OPTIONS, atomic_path
from rendementsmeter.report.beside import beside
from rendementsmeter.report.xlsx.beoordeling import audit_sheet, beoordeling_sheet
from rendementsmeter.report.xlsx.bestanden import bestanden_sheet, bevindingen_sheet, prijslijst_sheet
from rendementsmeter.report.xlsx.bulk import BulkWorkbook
from rendementsmeter.report.xlsx.charts import add_charts
from rendementsmeter.report.xlsx.gevoeligheid import gevoeligheid_sheet
from rendementsmeter.report.xlsx.overzicht import per_casus_sheet, per_wet_sheet, samenvatting_sheet
from rendementsmeter.report.xlsx.regels import (
    MAX_REGELS_IN_WERKMAP,
    regels_csv_path,
    regels_sheet,
    write_regels_csv_into,
)
from rendementsmeter.report.xlsx.sheet import formats

Part = Callable[[Any, dict[str, Any], BusinessCase], None]


def grafieken_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    add_charts(wb, fm, bc, min_groep=bc.min_groep, pat=bc.patronen)


def write_businesscase(bc: BusinessCase, path: Path | str) -> Path:
    """Write the business case workbook atomically (no half-written file on failure). A line list too
    long for the workbook goes to a CSV next to it, written at the same time in a second process
    (report/beside.py); both files are put in place only when both are complete."""
    target = Path(path)
    csv_path = regels_csv_path(target) if len(bc.regels) > MAX_REGELS_IN_WERKMAP else None
    with ExitStack() as stack:  # left in reverse: the line list is in place before the workbook is
        tmp = stack.enter_context(atomic_path(target))
        csv_job = None
        if csv_path is not None:
            csv_tmp = stack.enter_context(atomic_path(csv_path))
            csv_job = stack.enter_context(beside(write_regels_csv_into, bc, csv_tmp))
        wb = BulkWorkbook(str(tmp), XLSX_OPTIONS)
        try:
            with bc.statussen_vast():
                _write_parts(wb, bc, csv_path)
            wb.close()
        finally:
            wb.stop_threads()  # also when a sheet fails halfway (the app lives on)
        if csv_job is not None:
            csv_job.wait()
    return target


def _write_parts(wb: BulkWorkbook, bc: BusinessCase, csv_path: Path | None) -> None:
    wb.set_properties({"title": TITEL_BUSINESSCASE, "author": AUTEUR, "created": bc.gemaakt})
    fm = formats(wb)

    def regels(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
        regels_sheet(wb, fm, bc, csv_path)

    parts: list[Part] = [samenvatting_sheet, per_wet_sheet, per_casus_sheet, regels]
    if bc.beoordeling is not None:
        parts += [beoordeling_sheet, audit_sheet]
    parts += [gevoeligheid_sheet, grafieken_sheet, bestanden_sheet, bevindingen_sheet, prijslijst_sheet]
    for part in parts:
        part(wb, fm, bc)
