"""The case template a social worker fills in, generated from the spec and the price list.

Built to be filled in within twenty minutes, in Excel as well as in LibreOffice:
- dependent dropdowns: the worker picks a law (column `Wet`), the `Post` list then shows only that
  law's items, frequent ones first (`spec.VEELGEBRUIKT`). The list is `INDIRECT(<name>)` of a named
  range per law, the one construct that works in both programs; a cell on the hidden `Hulp` sheet
  holds the name (all helper formulas sit there, row for row beside the input rows: the reader never parses
  that sheet, which makes reading a case file about a quarter faster);
- `Kans (%)` is a dropdown of the classes in `spec.KANS_KLASSEN`;
- line values and totals are formulas that compute exactly what the aggregator computes (unit price at
  the price level rounded to cents on the hidden `Lijsten` sheet, line = ROUND(aantal × prijs × kans/100, 2));
- required cells are orange until filled (conditional formatting) and `Nog in te vullen` on the Casus
  sheet counts them; formula and list cells are locked, input cells are not (no password).

The sheets are written by case_sheet, line_sheets, lists and instructions; this module puts them
together, numbers templates and fingerprints them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from rendementsmeter.core.output import XLSX_OPTIONS, atomic_path
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.pricing.rules import Regel, load_plausibiliteit
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.case_sheet import write_case_sheet
from rendementsmeter.template.cells import sheet_range
from rendementsmeter.template.formats import Formats
from rendementsmeter.template.instructions import write_instructie
from rendementsmeter.template.line_sheets import write_hulp_sheet, write_line_sheet
from rendementsmeter.template.lists import Lijsten, write_lijsten
from rendementsmeter.template.zrm_sheet import write_zrm_sheet

FIXED_DATE = datetime(2026, 1, 1)  # keeps generated templates byte-stable


def write_template(
    path: Path | str,
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    prefill: dict[str, Any] | None = None,
    dubbel: Sequence[Regel] | None = None,
) -> Path:
    """Write a blank case template (.xlsx) to `path` and return the path. `prefill` gives values for
    case fields by key (e.g. team, werker, casusnummer); `dubbel` the plausibility rules whose `bundel`
    rows mark a double-counted line in the sheet (default: the standard prijslijst/plausibiliteit.csv,
    as the business case uses)."""
    peil = prijslijst.peil(prijspeil)
    rules = load_plausibiliteit() if dubbel is None else dubbel
    target = Path(path)
    lijsten = Lijsten.plan(prijslijst)
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), XLSX_OPTIONS)
        wb.set_properties(
            {
                "title": "Rendementsmeter casussjabloon",
                "subject": "Afgesloten casus",
                "author": "rendementsmeter",
                "created": FIXED_DATE,
                "comments": f"Sjabloonversie {spec.SJABLOONVERSIE}; prijslijst {prijslijst.versie}",
            }
        )
        wb.set_custom_property("Sjabloonversie", spec.SJABLOONVERSIE)
        wb.set_custom_property("Prijslijstversie", prijslijst.versie)
        wb.set_custom_property("Prijspeil", str(peil))
        # no line started on any sheet: the case would be rejected as empty
        wb.define_name(
            "GeenRegels", "=(" + "+".join(f"SUM({sheet_range(s, 'gestart')})" for s in spec.LINE_SHEETS) + ")=0"
        )
        fm = Formats(wb)
        write_instructie(wb, fm, prijslijst, peil)
        write_case_sheet(wb, fm, prijslijst, peil, prefill or {})
        helpers = [cell for sheet in spec.LINE_SHEETS for cell in write_line_sheet(wb, fm, sheet)]
        write_zrm_sheet(wb, fm)
        write_lijsten(wb, fm, prijslijst, peil, lijsten, rules)
        write_hulp_sheet(wb, fm, helpers)
        wb.close()
    return target


def casusnummer(team: str | None, werker: str | None, nummer: int) -> str | None:
    """A pseudonymous case number for numbered templates: TEAM-WERKER-001. None without a worker code,
    because only the worker code makes the number unique within a team."""
    if not werker:
        return None
    parts = [re.sub(r"[^0-9A-Z]+", "-", p.upper()).strip("-") for p in (team, werker) if p]
    return "-".join([p for p in parts if p] + [f"{nummer:03d}"])


def numbered_paths(path: Path | str, aantal: int, vanaf: int = 1) -> list[Path]:
    """`casus.xlsx` with aantal 3 gives casus-001.xlsx, casus-002.xlsx, casus-003.xlsx."""
    p = Path(path)
    width = max(3, len(str(vanaf + aantal - 1)))
    return [p.with_name(f"{p.stem}-{n:0{width}d}{p.suffix}") for n in range(vanaf, vanaf + aantal)]


def write_templates(
    path: Path | str,
    prijslijst: Prijslijst,
    aantal: int,
    vanaf: int = 1,
    prijspeil: int | None = None,
    prefill: dict[str, Any] | None = None,
    overschrijven: bool = False,
) -> list[Path]:
    """Write `aantal` numbered templates next to `path` (see numbered_paths). With a worker code in
    `prefill`, each gets its own case number (see casusnummer). Raises FileExistsError, before writing
    anything, when a target exists and `overschrijven` is false."""
    targets = numbered_paths(path, aantal, vanaf)
    existing = [t for t in targets if t.exists()]
    if existing and not overschrijven:
        raise FileExistsError(", ".join(str(t) for t in existing))
    fields = dict(prefill or {})
    for n, target in zip(range(vanaf, vanaf + aantal), targets, strict=True):
        nummer = casusnummer(fields.get("team"), fields.get("werker"), n)
        write_template(target, prijslijst, prijspeil, {**fields, **({"casusnummer": nummer} if nummer else {})})
    return targets


def template_fingerprint(path: Path | str, values: bool = True) -> list[Any]:
    """What a template holds, as data (values and formulas, validations with their messages, conditional
    formats, names, protection and unlocked cells): to compare two templates without comparing raw XML,
    which changes with library versions. `values=False` leaves out the cell contents, to compare the form
    of a filled case with its template."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out: list[Any] = [sorted((name, str(dn.attr_text)) for name, dn in wb.defined_names.items())]
    for ws in wb.worksheets:
        cells = [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        unlocked = [c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False]
        validations = sorted(
            (str(dv.sqref), dv.type, dv.formula1, dv.promptTitle, dv.prompt, dv.errorStyle or "stop", dv.error)
            for dv in ws.data_validations.dataValidation
        )
        formats = sorted((str(cf.sqref), rule.formula) for cf in ws.conditional_formatting for rule in cf.rules)
        protection = (ws.protection.sheet, ws.protection.password)
        out.append((ws.title, ws.sheet_state, protection, cells if values else [], unlocked, validations, formats))
    return out
