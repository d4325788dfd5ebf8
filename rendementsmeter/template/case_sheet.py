"""The Casus sheet: case fields, the count of open required cells and the live totals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.cells import is_blank, sheet_range, total_ref
from rendementsmeter.template.formats import MAX_MESSAGE, Formats, message

#: Label of the Casus row that counts the required cells still empty (0 = ready).
OPEN_LABEL = "Nog in te vullen"


def case_validation(f: spec.Field) -> dict[str, Any]:
    options: dict[str, Any] = {
        "input_title": f.label[:32],
        "input_message": message(
            f.help if len(f.help) <= MAX_MESSAGE else f.help.split(":")[0] + ": zie de uitleg rechts."
        ),
    }
    if f.type == "keuze":
        options.update(
            {
                "validate": "list",
                "source": list(f.choices),
                "error_title": "Kies uit de lijst",
                "error_message": "Kies een waarde uit de lijst.",
            }
        )
    elif f.type == "datum":
        options.update(
            {
                "validate": "date",
                "criteria": "between",
                "minimum": datetime(2000, 1, 1),
                "maximum": datetime(2100, 12, 31),
                "error_title": "Geen datum",
                "error_message": "Typ een datum als dd-mm-jjjj.",
            }
        )
    elif f.type == "geheel":
        options.update(
            {
                "validate": "integer",
                "criteria": "between",
                "minimum": 1,
                "maximum": 120,
                "error_title": "Ongeldig",
                "error_message": "Typ een heel aantal maanden (1-120).",
            }
        )
    else:
        options.update(
            {
                "validate": "length",
                "criteria": "<=",
                "value": 1000 if f.key == "samenvatting" else 100,
                "error_title": "Te lang",
                "error_message": "Deze tekst is te lang; houd het kort.",
            }
        )
    return options


def write_case_sheet(wb: Any, fm: Formats, prijslijst: Prijslijst, prijspeil: int, prefill: dict[str, Any]) -> None:
    ws = wb.add_worksheet(spec.CASE_SHEET)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 44)
    ws.set_column(2, 2, 52)
    ws.set_row(0, 24)
    ws.write(0, 0, "Casusgegevens", fm.title)
    ws.merge_range(
        1, 0, 1, 2, spec.PRIVACY_ZIN + " Gebruik een casusnummer (pseudoniem) en uw medewerkerscode.", fm.privacy
    )
    ws.set_row(1, 30)
    ws.write_row(2, 0, ["Veld", "Waarde", "Uitleg"], fm.header)
    row = 3
    required_cells, required_keys = [], []
    for f in spec.CASE_FIELDS:
        ws.write(row, 0, f.label + (" *" if f.required else ""), fm.required if f.required else fm.label)
        value = prefill.get(f.key, f.default)
        fmt = fm.input_date if f.type == "datum" else fm.input
        if value is None:
            ws.write_blank(row, 1, None, fmt)
        elif isinstance(value, int):
            ws.write_number(row, 1, value, fm.input_left)
        else:
            ws.write_string(row, 1, str(value), fmt)
        ws.write(row, 2, f.help, fm.help)
        ws.data_validation(row, 1, row, 1, case_validation(f))
        if f.required:
            cell = xl_rowcol_to_cell(row, 1)
            required_cells.append(cell)
            required_keys.append(f.key)
            ws.conditional_format(
                row, 1, row, 1, {"type": "formula", "criteria": f"={is_blank(cell)}", "format": fm.cf_required}
            )
        if f.key != "samenvatting":  # Samenvatting has no fixed height: the row grows with its wrapped text
            ws.set_row(row, {"leefgebieden": 48}.get(f.key, 30 if len(f.help) > 60 else 20))
        row += 1
    open_count = "+".join(f"({is_blank(c)})" for c in required_cells)
    open_count += "".join(f"+SUM({sheet_range(s, 'open')})" for s in spec.LINE_SHEETS)
    open_count += "+IF(GeenRegels,2,0)"
    ws.write(row, 0, OPEN_LABEL, fm.label)
    blank = sum(not prefill.get(c) for c in required_keys) + 2  # + post and aantal of one line of own work
    ws.write_formula(row, 1, open_count, fm.count, blank)
    for criteria, fmt in (("=B{r}=0", fm.cf_done), ("=B{r}>0", fm.cf_required)):
        ws.conditional_format(
            row, 1, row, 1, {"type": "formula", "criteria": criteria.format(r=row + 1), "format": fmt}
        )
    ws.write(
        row,
        2,
        "Verplichte cellen die nog leeg zijn (oranje gemarkeerd, ook op de andere bladen). 0 = klaar.",
        fm.help,
    )
    ws.set_row(row, 24)
    row += 1
    ws.write(row, 0, "* = verplicht", fm.help)
    row += 2
    sheets = spec.LINE_SHEET_BY_KIND
    totals = {
        "Totaal kosten": f"{total_ref(sheets['inzet'])}+{total_ref(sheets['ingezet'])}",
        "Totaal baten": total_ref(sheets["vermeden"]),
        "Netto": f"{xl_rowcol_to_cell(row + 1, 1)}-{xl_rowcol_to_cell(row, 1)}",
    }
    for label in spec.TOTAL_LABELS:
        ws.write(row, 0, label, fm.label)
        ws.write_formula(row, 1, totals[label], fm.money, 0)
        row += 1
    ws.merge_range(
        row - 3,
        2,
        row - 1,
        2,
        "Kosten = eigen inzet + ingezette zorg; baten = verwachte waarde van de vermeden zorg "
        f"(aantal × prijs × kans). Ze rekenen mee terwijl u invult; bedragen op prijspeil {prijspeil}.",
        fm.help,
    )
    row += 1
    info = {"Prijspeil": prijspeil, "Sjabloonversie": spec.SJABLOONVERSIE, "Prijslijstversie": prijslijst.versie}
    for label in spec.INFO_LABELS:
        ws.write(row, 0, label, fm.label)
        value = info[label]
        if isinstance(value, int):
            ws.write_number(row, 1, value, fm.count)
        else:
            ws.write_string(row, 1, str(value), fm.count)
        row += 1
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, row - 1, 2)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&RPagina &P van &N")
    ws.activate()
