"""The Casus sheet: case fields, the count of open required cells and the live totals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.spec import casus as spec
from rendementsmeter.spec import rekenregels
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
                "minimum": f.bereik[0],
                "maximum": f.bereik[1],
                "error_title": "Ongeldig",
                "error_message": f"Typ een heel aantal maanden ({f.bereik[0]}-{f.bereik[1]}).",
            }
        )
    else:
        options.update(
            {
                "validate": "length",
                "criteria": "<=",
                "value": f.max_lengte,
                "error_title": "Te lang",
                "error_message": "Deze tekst is te lang; houd het kort.",
            }
        )
    return options


def write_case_sheet(wb: Any, fm: Formats, prijslijst: Prijslijst, prijspeil: int, prefill: dict[str, Any]) -> None:
    ws = wb.add_worksheet(spec.CASE_SHEET)
    ws.set_column(0, 0, 24)
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
    at = {f.key: xl_rowcol_to_cell(3 + i, 1) for i, f in enumerate(spec.CASE_FIELDS)}
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
        # every row tall enough for its help text (LibreOffice does not fit rows when it opens a file); long free
        # text gets room for a few sentences (a filled file's rows are grown to its text by template.fill)
        ws.set_row(row, max(help_height(f.help), 48 if f.max_lengte > 500 else 20))
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
    row = _factor_rows(wb, ws, fm, row, at)
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
    uitleg = (
        "Kosten = eigen inzet + ingezette zorg; baten = verwachte waarde van de vermeden zorg (aantal × prijs × "
        f"kans × factor hierboven). Ze rekenen mee terwijl u invult; prijspeil {prijspeil}. Een onderdeel van een "
        "bundelpost in deze casus telt niet mee (doorgestreept op blad Vermeden zorg, waarde 0)."
    )
    ws.merge_range(row - 3, 2, row - 1, 2, uitleg, fm.help)
    for r in range(row - 3, row):
        ws.set_row(r, help_height(uitleg, 3))
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


def horizon_formula(horizon: str) -> str:
    """The horizon factor of spec.rekenregels.horizonfactor as a formula on the horizon's cell."""
    one = f"{1 + rekenregels.DISCONTOVOET}"
    terms = "+".join(f"MAX(0,MIN(12,{horizon}-{12 * t}))/{one}^{t}" for t in range((spec.MAX_HORIZON + 11) // 12))
    return (
        f"IF(OR(NOT(ISNUMBER({horizon})),{horizon}<={spec.BASIS_HORIZON}),1,"
        f"ROUND(({terms})/{horizon},{rekenregels.FACTOR_DECIMALEN}))"
    )


HELP_TEKENS_PER_REGEL = 60  # characters of 9-point help text per line in the Uitleg column (width 52)


def help_height(text: str, rows: int = 1) -> float:
    """Height in points of each of `rows` rows so that wrapped help text fits (12,5 pt per line)."""
    lines = -(-len(text) // HELP_TEKENS_PER_REGEL)
    return max(20.0, (12.5 * lines + 5) / rows)


def _factor_rows(wb: Any, ws: Any, fm: Formats, row: int, at: dict[str, str]) -> int:
    """Two rows with what an avoided-care line counts besides aantal × prijs × kans: the horizon factor and
    the factor with the Aandeel eigen inzet and the closure rule; the line sheet refers to `Batenfactor`."""
    ws.write(row, 0, "Horizonfactor", fm.label)
    ws.write_formula(row, 1, horizon_formula(at["horizon"]), fm.count, 1)
    ws.write(
        row,
        2,
        f"Horizon boven {spec.BASIS_HORIZON} maanden: de vermeden zorg gespreid over de maanden, vanaf het tweede "
        f"jaar verdisconteerd met {str(rekenregels.DISCONTOVOET * 100).replace('.', ',')}% per jaar.",
        fm.help,
    )
    ws.set_row(row, help_height("x" * 110))
    factor = xl_rowcol_to_cell(row, 1)
    row += 1
    aandeel, reden = at["aandeel"], at["afsluitreden"]
    ws.write(row, 0, "Factor vermeden zorg", fm.label)
    ws.write_formula(
        row,
        1,
        f'IF({reden}="{spec.OVERLEDEN}",0,IF(TRIM({aandeel})="",1,{aandeel}/100))*{factor}',
        fm.count,
        1,
    )
    ws.write(
        row,
        2,
        "Aandeel eigen inzet / 100 × horizonfactor; 0 als de cliënt is overleden (dan is vermeden zorg geen "
        "besparing). Elke regel vermeden zorg telt aantal × prijs × kans × deze factor.",
        fm.help,
    )
    ws.set_row(row, help_height("x" * 160))
    wb.define_name("Batenfactor", f"={spec.CASE_SHEET}!{xl_rowcol_to_cell(row, 1, True, True)}")
    return row + 2
