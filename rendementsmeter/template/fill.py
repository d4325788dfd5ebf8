"""Filling a template programmatically (for example cases, tests and scripts). Uses openpyxl."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from rendementsmeter.core.output import atomic_path
from rendementsmeter.spec import casus as spec
from rendementsmeter.spec import zrm


@dataclass
class CaseInput:
    """What a worker types into a template. Lines are tuples in `spec.LINE_INPUT_ORDER`:
    inzet and ingezet: (post, aantal, toelichting); vermeden: (post, aantal, kans, toelichting).
    The `Wet` column is filled as a worker would (the law of the chosen post)."""

    casus: dict[str, Any]
    inzet: list[tuple[Any, ...]] = field(default_factory=list)
    ingezet: list[tuple[Any, ...]] = field(default_factory=list)
    vermeden: list[tuple[Any, ...]] = field(default_factory=list)
    #: ZRM scores by life domain: (start, closure), either may be None
    zrm: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def _laws(wb: Any) -> dict[tuple[str, str], str]:
    """(soort, code or label, casefolded) -> law, from the template's Lijsten sheet."""
    if spec.LIJSTEN_SHEET not in wb.sheetnames:
        return {}
    rows = wb[spec.LIJSTEN_SHEET].iter_rows(values_only=True)
    header = [str(h or "") for h in next(rows, ())]
    if not {"code", "post", "wet", "soort"} <= set(header):
        return {}
    at = {h: header.index(h) for h in ("code", "post", "wet", "soort")}
    out = {}
    for row in rows:
        if row[at["code"]]:
            for key in ("code", "post"):
                out[(str(row[at["soort"]]), str(row[at[key]]).casefold())] = str(row[at["wet"]])
    return out


def _grow(ws: Any, row: int, col: int, value: Any) -> None:
    """Let the row grow with wrapped text, as Excel does when a worker types it (a program writing the
    file gets no autofit): about 1,1 characters per unit of column width, 15 points per line."""
    if not isinstance(value, str):
        return
    letter = openpyxl.utils.get_column_letter(col)
    width = ws.column_dimensions[letter].width or 8.43
    per_line = max(int(width * 1.1), 1)
    lines = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
    if lines > 1:
        current = ws.row_dimensions[row].height or 15
        ws.row_dimensions[row].height = max(current, 15 * lines + 2)


def fill_template(template: Path | str, target: Path | str, case: CaseInput) -> Path:
    """Copy `template` to `target` with the case typed in, as a worker would."""
    wb = openpyxl.load_workbook(template)
    ws = wb[spec.CASE_SHEET]
    rows = {str(ws.cell(r, 1).value or "").rstrip(" *").casefold(): r for r in range(1, ws.max_row + 1)}
    for f in spec.CASE_FIELDS:
        if f.key in case.casus:
            ws.cell(rows[f.label.casefold()], 2).value = case.casus[f.key]
            _grow(ws, rows[f.label.casefold()], 2, case.casus[f.key])
    laws = _laws(wb)
    for sheet in spec.LINE_SHEETS:
        lines = getattr(case, sheet.kind)
        if len(lines) > spec.INPUT_ROWS:
            raise ValueError(f"{sheet.name}: at most {spec.INPUT_ROWS} lines")
        ws = wb[sheet.name]
        keys = [k for k in spec.LINE_INPUT_ORDER if k in sheet.keys]
        for n, values in enumerate(lines):
            row = spec.HEADER_ROW + 1 + n
            typed = dict(zip(keys, values, strict=True))
            post = typed.get("post")
            if "wet" in sheet.keys and isinstance(post, str):
                wet = laws.get((sheet.soort, post.strip().casefold()))
                if wet is not None:
                    typed["wet"] = wet
            for key, value in typed.items():
                ws.cell(row, sheet.keys.index(key) + 1).value = value
                _grow(ws, row, sheet.keys.index(key) + 1, value)
    if case.zrm:
        ws = wb[zrm.ZRM_SHEET]
        at = {str(ws.cell(r, 1).value or "").casefold(): r for r in range(1, ws.max_row + 1)}
        for leefgebied, scores in case.zrm.items():
            for col, value in enumerate(scores, start=2):
                ws.cell(at[leefgebied.casefold()], col).value = value
    target = Path(target)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
