"""Filling a template programmatically (for example cases, tests and scripts). Uses openpyxl."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from . import spec
from .output import atomic_path


@dataclass
class CaseInput:
    """What a worker types into a template. Lines are tuples in the sheet's input-column order:
    inzet and ingezet: (post, aantal, toelichting); vermeden: (post, aantal, kans, toelichting)."""

    casus: dict[str, Any]
    inzet: list[tuple[Any, ...]] = field(default_factory=list)
    ingezet: list[tuple[Any, ...]] = field(default_factory=list)
    vermeden: list[tuple[Any, ...]] = field(default_factory=list)


def fill_template(template: Path | str, target: Path | str, case: CaseInput) -> Path:
    """Copy `template` to `target` with the case typed in, as a worker would."""
    wb = openpyxl.load_workbook(template)
    ws = wb[spec.CASE_SHEET]
    rows = {str(ws.cell(r, 1).value or "").rstrip(" *").casefold(): r for r in range(1, ws.max_row + 1)}
    for f in spec.CASE_FIELDS:
        if f.key in case.casus:
            value = case.casus[f.key]
            ws.cell(rows[f.label.casefold()], 2).value = value if not isinstance(value, date) else value
    for sheet in spec.LINE_SHEETS:
        lines = getattr(case, sheet.kind)
        if len(lines) > spec.INPUT_ROWS:
            raise ValueError(f"{sheet.name}: at most {spec.INPUT_ROWS} lines")
        ws = wb[sheet.name]
        inputs = [i + 1 for i, c in enumerate(sheet.columns) if c.invoer]
        for n, values in enumerate(lines):
            for col, value in zip(inputs, values, strict=True):
                ws.cell(spec.HEADER_ROW + 1 + n, col).value = value
    target = Path(target)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
