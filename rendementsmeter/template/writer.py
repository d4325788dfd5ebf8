"""The case template a social worker fills in, generated from the spec and the price list.

Built to be filled in within twenty minutes, in Excel as well as in LibreOffice:
- dependent dropdowns: the worker picks a law (column `Wet`), the `Post` list then shows only that
  law's items, frequent ones first (`spec.VEELGEBRUIKT`). The list is `INDIRECT(<name>)` of a named
  range per law, the one construct that works in both programs; a hidden helper column holds the name;
- `Kans (%)` is a dropdown of the classes in `spec.KANS_KLASSEN`;
- line values and totals are formulas that compute exactly what the aggregator computes (unit price at
  the price level rounded to cents on the hidden `Lijsten` sheet, line = ROUND(aantal × prijs × kans/100, 2));
- required cells are orange until filled (conditional formatting) and `Nog in te vullen` on the Casus
  sheet counts them; formula and list cells are locked, input cells are not (no password).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell

from rendementsmeter.core.money import format_eur
from rendementsmeter.core.output import XLSX_MONEY as MONEY
from rendementsmeter.core.output import XLSX_OPTIONS, atomic_path
from rendementsmeter.pricing.prijslijst import WETTEN, Item, Prijslijst
from rendementsmeter.spec import casus as spec

FIRST_DATA_ROW = spec.HEADER_ROW  # 0-based index of the first input row (header is 1-based HEADER_ROW)
LAST_DATA_ROW = FIRST_DATA_ROW + spec.INPUT_ROWS - 1
FIXED_DATE = datetime(2026, 1, 1)  # keeps generated templates byte-stable
MAX_MESSAGE = 255  # Excel's limit for an input message
#: Label of the Casus row that counts the required cells still empty (0 = ready).
OPEN_LABEL = "Nog in te vullen"
#: Hidden helper columns right of every line table.
HELPERS = ("rij", "lijst", "gestart", "open")
ORANJE = "#F4B183"  # required and still empty


def _message(text: str) -> str:
    if len(text) > MAX_MESSAGE:
        raise ValueError(f"input message longer than {MAX_MESSAGE}: {text!r}")
    return text


class _Formats:
    def __init__(self, wb: Any):
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F4E79"})
        self.intro = wb.add_format({**base, "text_wrap": True, "italic": True, "font_color": "#404040"})
        self.privacy = wb.add_format(
            {**base, "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True}
        )
        self.header = wb.add_format(
            {**base, "bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "border": 1, "text_wrap": True}
        )
        self.label = wb.add_format({**base, "bold": True, "border": 1})
        self.required = wb.add_format({**base, "bold": True, "border": 1, "font_color": "#1F4E79"})
        self.input = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "text_wrap": True})
        self.input_date = wb.add_format(
            {**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "num_format": "dd-mm-yyyy", "align": "left"}
        )
        self.input_left = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "align": "left"})
        self.input_num = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "align": "right"})
        self.help = wb.add_format({**base, "text_wrap": True, "font_color": "#595959", "font_size": 9})
        self.calc = wb.add_format({**base, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
        self.money = wb.add_format({**base, "bg_color": "#F2F2F2", "border": 1, "num_format": MONEY})
        self.total_label = wb.add_format({**base, "bold": True, "align": "right", "valign": "vcenter"})
        self.total_money = wb.add_format(
            {**base, "bold": True, "border": 2, "num_format": MONEY, "valign": "vcenter", "bg_color": "#DDEBF7"}
        )
        self.count = wb.add_format({**base, "bold": True, "border": 1, "bg_color": "#F2F2F2", "align": "left"})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.bold = wb.add_format({**base, "bold": True})
        self.ex_cell = wb.add_format({**base, "border": 1, "text_wrap": True})
        # conditional formats (only fill, font and border apply)
        self.cf_required = wb.add_format({"bg_color": ORANJE})
        self.cf_mismatch = wb.add_format({"bg_color": ORANJE, "font_color": "#9C0006"})
        self.cf_done = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})


# -- the hidden Lijsten sheet --------------------------------------------------------------------------


def wet_name(wet: str) -> str:
    """The defined name of a law's item range: letters, digits and underscores only (Excel's rule)."""
    return "Wet_" + re.sub(r"[^0-9A-Za-z]+", "_", wet).strip("_")


def _frequent_first(items: list[Item]) -> list[Item]:
    rank = {code: i for i, code in enumerate(spec.VEELGEBRUIKT)}
    return sorted(items, key=lambda i: (rank.get(i.code, len(rank)), i.code))


@dataclass(frozen=True)
class _Lijsten:
    """Where the lists are: items in rows 2.. (inzet, then zorg per law), 1-based inclusive ranges."""

    items: list[Item]
    inzet: tuple[int, int]
    zorg: tuple[int, int]
    wetten: list[tuple[str, int, int]]  # (law, first row, last row) of its zorg items

    @classmethod
    def plan(cls, prijslijst: Prijslijst) -> _Lijsten:
        inzet = _frequent_first(prijslijst.van_soort("inzet"))
        zorg = [i for i in prijslijst.items.values() if i.soort == "zorg"]
        laws = sorted({i.wet for i in zorg}, key=lambda w: (WETTEN.index(w) if w in WETTEN else len(WETTEN), w))
        items, wetten, row = list(inzet), [], 2 + len(inzet)
        for wet in laws:
            group = _frequent_first([i for i in zorg if i.wet == wet])
            wetten.append((wet, row, row + len(group) - 1))
            items.extend(group)
            row += len(group)
        return cls(items, (2, 1 + len(inzet)), (2 + len(inzet), 1 + len(items)), wetten)


def _write_lijsten(wb: Any, fm: _Formats, prijslijst: Prijslijst, prijspeil: int, lijsten: _Lijsten) -> None:
    ws = wb.add_worksheet(spec.LIJSTEN_SHEET)
    ws.write_row(0, 0, ["code", "post", "wet", "eenheid", f"prijs {prijspeil}", "soort", "financier"], fm.bold)
    for row, item in enumerate(lijsten.items, start=1):
        ws.write_row(row, 0, [item.code, item.label, item.wet, item.eenheid])
        ws.write_number(row, 4, float(prijslijst.prijs_op_peil(item.code, prijspeil)))
        ws.write_row(row, 5, [item.soort, item.financier])
    last = len(lijsten.items) + 1
    ws.write_row(0, 8, ["wet", "lijst", "posten"], fm.bold)
    for n, (wet, first, end) in enumerate(lijsten.wetten, start=1):
        ws.write_row(n, 8, [wet, wet_name(wet), end - first + 1])
        wb.define_name(wet_name(wet), f"={spec.LIJSTEN_SHEET}!$B${first}:$B${end}")
    ws.write_row(0, 12, ["kans", "betekenis"], fm.bold)
    for n, (kans, text) in enumerate(spec.KANS_KLASSEN, start=1):
        ws.write_number(n, 12, kans)
        ws.write_string(n, 13, text)
    lij = spec.LIJSTEN_SHEET
    names = {
        "Codes": f"$A$2:$A${last}",
        "Posten": f"$B$2:$B${last}",
        "PostWet": f"$C$2:$C${last}",
        "Eenheden": f"$D$2:$D${last}",
        "Prijzen": f"$E$2:$E${last}",
        "Inzet_alle": f"$B${lijsten.inzet[0]}:$B${lijsten.inzet[1]}",
        "Zorg_alle": f"$B${lijsten.zorg[0]}:$B${lijsten.zorg[1]}",
        "Wetten": f"$I$2:$I${len(lijsten.wetten) + 1}",
        "WetLijsten": f"$J$2:$J${len(lijsten.wetten) + 1}",
        "Kansklassen": f"$M$2:$M${len(spec.KANS_KLASSEN) + 1}",
    }
    for name, ref in names.items():
        wb.define_name(name, f"={lij}!{ref}")
    ws.set_column(1, 1, 70)
    ws.hide()
    ws.protect("")


# -- line sheets ---------------------------------------------------------------------------------------


def _line_refs(sheet: spec.LineSheet) -> dict[str, str]:
    """Column letter of every column of a line sheet, helpers included."""
    keys = sheet.keys + HELPERS
    return {key: xl_col_to_name(i) for i, key in enumerate(keys)}


def _rows(col: str) -> str:
    return f"{col}{FIRST_DATA_ROW + 1}:{col}{LAST_DATA_ROW + 1}"


def _sheet_range(sheet: spec.LineSheet, key: str) -> str:
    """An absolute reference to a column's input rows (absolute: it is also used in a defined name)."""
    col = _line_refs(sheet)[key]
    return f"{quote_sheetname(sheet.name)}!${col}${FIRST_DATA_ROW + 1}:${col}${LAST_DATA_ROW + 1}"


def _total_ref(sheet: spec.LineSheet) -> str:
    return f"SUM({_sheet_range(sheet, 'bedrag')})"


def _filled(cells: list[str]) -> str:
    """True when any of the cells holds something other than spaces."""
    return f'TRIM({"&".join(cells)})<>""'


def _blank(cell: str) -> str:
    return f'TRIM({cell})=""'


def _write_line_sheet(wb: Any, fm: _Formats, sheet: spec.LineSheet) -> None:
    ws = wb.add_worksheet(sheet.name)
    refs = _line_refs(sheet)
    keys = sheet.keys
    last_col = len(keys) - 1
    bedrag_i = keys.index("bedrag")
    has_wet = "wet" in keys
    ws.set_row(0, 24)
    ws.write(0, 0, sheet.title, fm.title)
    ws.write(0, bedrag_i - 1, "Totaal", fm.total_label)
    ws.write_formula(0, bedrag_i, f"SUM({_rows(refs['bedrag'])})", fm.total_money, 0)
    ws.merge_range(1, 0, 1, last_col, sheet.intro, fm.intro)
    ws.set_row(1, 30)
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        spec.PRIVACY_ZIN + " Gele cellen vult u in, oranje zijn verplicht en nog leeg; grijze rekent het sjabloon uit.",
        fm.privacy,
    )
    ws.set_row(2, 30)
    header_row = spec.HEADER_ROW - 1
    for i, col in enumerate(sheet.columns):
        ws.write(header_row, i, col.header, fm.header)
        ws.set_column(i, i, col.width)
    for j, helper in enumerate(HELPERS):
        ws.write(header_row, len(keys) + j, helper, fm.header)
    ws.set_column(len(keys), len(keys) + len(HELPERS) - 1, None, None, {"hidden": True})
    ws.set_row(header_row, 30)
    inputs = [c.key for c in sheet.columns if c.invoer]
    verplicht = [c.key for c in sheet.columns if c.verplicht]
    # The values of the blank rows, stored with the formulas: LibreOffice shows stored values of an
    # .xlsx from "Microsoft Excel" (as xlsxwriter says) without recalculating, and the Post list needs
    # the name of its list before the worker types anything.
    blank_values: dict[str, object] = {"lijst": "Zorg_alle" if has_wet else "Inzet_alle", "gestart": 0, "open": 0}

    for r0 in range(FIRST_DATA_ROW, LAST_DATA_ROW + 1):
        r = r0 + 1
        cell = {key: f"{letter}{r}" for key, letter in refs.items()}
        rij = cell["rij"]

        def lookup(name: str, fmt: Any, c: dict[str, str] = cell) -> tuple[str, Any]:
            return f'IF({c["rij"]}="","",INDEX({name},{c["rij"]}))', fmt

        formulas = {
            "rij": (
                f'IF({_blank(cell["post"])},"",IFERROR(MATCH({cell["post"]},Posten,0),'
                f'IFERROR(MATCH(UPPER(TRIM({cell["post"]})),Codes,0),"")))',
                None,
            ),
            "lijst": (
                f'IF({_blank(cell["wet"])},"Zorg_alle",IFERROR(INDEX(WetLijsten,MATCH({cell["wet"]},Wetten,0)),"Zorg_alle"))'
                if has_wet
                else '"Inzet_alle"',
                None,
            ),
            "gestart": (f"IF({_filled([cell[k] for k in inputs])},1,0)", None),
            "open": (
                f"IF({cell['gestart']}=1,{'+'.join(f'({_blank(cell[k])})' for k in verplicht)},0)",
                None,
            ),
            "eenheid": lookup("Eenheden", fm.calc),
            "prijs": lookup("Prijzen", fm.money),
        }
        amount = f"{cell['aantal']}*{cell['prijs']}"
        needed = [rij, cell["aantal"]]
        if "kans" in refs:
            amount += f"*{cell['kans']}/100"
            needed.append(cell["kans"])
        blank = "OR(" + ",".join(f'{c}=""' for c in needed) + ")"
        formulas["bedrag"] = (f'IF({blank},"",IFERROR(ROUND({amount},2),""))', fm.money)
        for i, key in enumerate(keys + HELPERS):
            if key in inputs:
                fmt = fm.input_num if key in ("aantal", "kans") else fm.input
                ws.write_blank(r0, i, None, fmt)
            else:
                formula, fmt = formulas[key]
                ws.write_formula(r0, i, formula, fmt, blank_values.get(key, ""))
        ws.set_row(r0, 30)

    first, last = FIRST_DATA_ROW, LAST_DATA_ROW
    r1 = FIRST_DATA_ROW + 1
    for key in verplicht:
        i = keys.index(key)
        ws.conditional_format(
            first,
            i,
            last,
            i,
            {
                "type": "formula",
                "criteria": f"=AND(${refs['gestart']}{r1}=1,{_blank(f'{refs[key]}{r1}')})",
                "format": fm.cf_required,
            },
        )
    if sheet.kind == "inzet":
        # a case with no lines at all is rejected: ask for the worker's own hours first
        for key in ("post", "aantal"):
            i = keys.index(key)
            ws.conditional_format(
                first, i, first, i, {"type": "formula", "criteria": "=GeenRegels", "format": fm.cf_required}
            )
    if has_wet:
        i = keys.index("wet")
        ws.conditional_format(
            first,
            i,
            last,
            i,
            {
                "type": "formula",
                "criteria": f'=AND(${refs["wet"]}{r1}<>"",${refs["rij"]}{r1}<>"",'
                f"INDEX(PostWet,MAX(1,${refs['rij']}{r1}))<>${refs['wet']}{r1})",
                "format": fm.cf_mismatch,
            },
        )
    _line_validations(ws, sheet)
    ws.freeze_panes(spec.HEADER_ROW, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.print_area(0, 0, LAST_DATA_ROW, last_col)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&A&RPagina &P van &N")


def _line_validations(ws: Any, sheet: spec.LineSheet) -> None:
    refs = _line_refs(sheet)
    first, last = FIRST_DATA_ROW, LAST_DATA_ROW

    def validate(key: str, options: dict[str, Any]) -> None:
        i = sheet.keys.index(key)
        col = sheet.column(key)
        ws.data_validation(
            first, i, last, i, {"input_title": col.header, "input_message": _message(col.help), **options}
        )

    if "wet" in refs:
        validate(
            "wet",
            {
                "validate": "list",
                "source": "=Wetten",
                "error_title": "Onbekende wet",
                "error_message": "Kies een wet uit de lijst, of laat de cel leeg.",
            },
        )
    validate(
        "post",
        {
            "validate": "list",
            "source": f"=INDIRECT(${refs['lijst']}{first + 1})",
            "error_type": "warning",
            "error_title": "Onbekende post",
            "error_message": _message(
                "Deze post staat niet in de keuzelijst. Kies een post uit de lijst of typ precies de code "
                "(bijv. ZVW-HA-01)."
            ),
        },
    )
    validate(
        "aantal",
        {
            "validate": "decimal",
            "criteria": ">",
            "value": 0,
            "error_title": "Ongeldig aantal",
            "error_message": "Typ een getal groter dan 0, bijv. 6 of 1,5.",
        },
    )
    if "kans" in refs:
        validate(
            "kans",
            {
                "validate": "list",
                "source": "=Kansklassen",
                "error_title": "Kies een kansklasse",
                "error_message": _message("Kies een kans uit de lijst: " + spec.KANS_KORT + "."),
            },
        )
    validate(
        "toelichting",
        {
            "validate": "length",
            "criteria": "<=",
            "value": 500,
            "error_title": "Te lang",
            "error_message": "Houd de toelichting kort: hoogstens 500 tekens.",
        },
    )


# -- the Casus sheet -----------------------------------------------------------------------------------


def _case_validation(f: spec.Field) -> dict[str, Any]:
    options: dict[str, Any] = {
        "input_title": f.label[:32],
        "input_message": _message(
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


def _write_case_sheet(wb: Any, fm: _Formats, prijslijst: Prijslijst, prijspeil: int, prefill: dict[str, Any]) -> None:
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
        ws.data_validation(row, 1, row, 1, _case_validation(f))
        if f.required:
            cell = xl_rowcol_to_cell(row, 1)
            required_cells.append(cell)
            required_keys.append(f.key)
            ws.conditional_format(
                row, 1, row, 1, {"type": "formula", "criteria": f"={_blank(cell)}", "format": fm.cf_required}
            )
        ws.set_row(row, {"samenvatting": 75, "leefgebieden": 48}.get(f.key, 30 if len(f.help) > 60 else 20))
        row += 1
    open_count = "+".join(f"({_blank(c)})" for c in required_cells)
    open_count += "".join(f"+SUM({_sheet_range(s, 'open')})" for s in spec.LINE_SHEETS)
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
        "Totaal kosten": f"{_total_ref(sheets['inzet'])}+{_total_ref(sheets['ingezet'])}",
        "Totaal baten": _total_ref(sheets["vermeden"]),
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


# -- the Instructie sheet ------------------------------------------------------------------------------

EXAMPLE = (
    ("Inzet", "", "INZ-SW-01", "12", "", "12 uur: 8 huisbezoeken en telefonisch contact."),
    ("Vermeden zorg", "Zvw", "ZVW-HA-01", "6", "75", "Bezocht de huisarts elke maand met vage klachten; nu niet meer."),
    (
        "Vermeden zorg",
        "Wmo 2015",
        "WMO-BG-12",
        "52",
        "50",
        "Zonder buddy en buurthuis was dagbesteding (1 dagdeel per week) aangevraagd.",
    ),
    ("Vermeden zorg", "Zvw", "ZVW-SEH-01", "1", "10", "Valrisico thuis; een SEH-bezoek was niet uitgesloten."),
)


def _write_instructie(wb: Any, fm: _Formats, prijslijst: Prijslijst, prijspeil: int) -> None:
    ws = wb.add_worksheet(spec.INSTRUCTIE_SHEET)
    widths = (15, 10, 44, 8, 8, 44)
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    last = len(widths) - 1
    ws.set_row(0, 24)
    ws.write(0, 0, "Rendementsmeter: een afgesloten casus vastleggen in 20 minuten", fm.title)
    steps = [
        "1. Blad Casus: vul het casusnummer (een pseudoniem), het domein en de einddatum in. Team, werker "
        "(uw code), startdatum, leefgebieden en een korte samenvatting helpen bij de analyse.",
        "2. Blad Inzet: wat deed u? Uw uren, die van collega's en vrijwilligers, groepsactiviteiten.",
        "3. Blad Ingezette zorg: welke zorg kwam erbij doordat u doorverwees (bijv. schuldhulpverlening)?",
        "4. Blad Vermeden zorg: wat was er zonder uw inzet nodig geweest, in de 12 maanden na de casus? "
        "Kies per regel eerst de wet, dan de post (de meest gebruikte staan bovenaan), en vul aantal "
        "(in de eenheid die naast de post verschijnt), kans en een korte toelichting in.",
        f"5. Kans: hoe waarschijnlijk was die zorg nodig geweest? {spec.KANS_KORT}. Wees eerlijk: een collega kijkt "
        "kritisch mee.",
        "6. Geen dubbeltelling: kiest u een bundelpost (bijv. maatschappelijke kosten van een "
        "huisuitzetting), tel de onderdelen daarvan (opvang, deurwaarder) dan niet nog eens apart.",
        "7. Gele cellen vult u in; oranje cellen zijn verplicht en nog leeg. Op blad Casus staat hoeveel "
        "er nog open zijn en rekenen de totalen mee. Klaar? Sla op als .xlsx en lever in bij uw teamleider.",
    ]
    row = 2
    for step in steps:
        ws.merge_range(row, 0, row, last, step, fm.text)
        ws.set_row(row, 16 * (1 + len(step) // 115) + 2)  # merged cells do not grow with their text
        row += 1
    row += 1
    ws.merge_range(
        row,
        0,
        row,
        last,
        "Privacy: " + spec.PRIVACY_ZIN + " Ook niet in de toelichting of samenvatting. Schrijf 'cliënt' of 'zij/hij'.",
        fm.privacy,
    )
    ws.set_row(row, 32)
    row += 2
    ws.write(
        row,
        0,
        "Voorbeeld (schets, geen echt persoon): vrouw van 80, alleenwonend, via de huisarts "
        "aangemeld wegens eenzaamheid.",
        fm.bold,
    )
    row += 1
    ws.write_row(row, 0, ["Blad", "Wet", "Post", "Aantal", "Kans (%)", "Toelichting"], fm.header)
    row += 1
    for blad, wet, code, aantal, kans, toelichting in EXAMPLE:
        item = prijslijst.items.get(code)
        label = item.label if item else code
        ws.write_row(row, 0, [blad, wet, label, aantal, kans, toelichting], fm.ex_cell)
        ws.set_row(row, 32)
        row += 1
    row += 1
    uur = (
        format_eur(prijslijst.prijs_op_peil("INZ-SW-01", prijspeil))
        if "INZ-SW-01" in prijslijst.items
        else "het tarief van uw organisatie"
    )
    ws.merge_range(
        row,
        0,
        row,
        last,
        f"Prijzen: maatschappelijke prijslijst versie {prijslijst.versie}, prijspeil {prijspeil} "
        f"(geïndexeerd met de CBS-consumentenprijsindex). Een uur sociaal werk staat bijvoorbeeld op {uur.replace(' ', chr(160))}.",
        fm.text,
    )
    ws.set_row(row, 32)
    row += 1
    ws.merge_range(
        row,
        0,
        row,
        last,
        f"Sjabloonversie {spec.SJABLOONVERSIE}. Nieuw sjabloon: rendementsmeter template -o casus.xlsx",
        fm.help,
    )
    ws.protect("")
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, row, last)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)


# -- writing -------------------------------------------------------------------------------------------


def write_template(
    path: Path | str, prijslijst: Prijslijst, prijspeil: int | None = None, prefill: dict[str, Any] | None = None
) -> Path:
    """Write a blank case template (.xlsx) to `path` and return the path. `prefill` gives values for
    case fields by key (e.g. team, werker, casusnummer)."""
    peil = prijspeil or prijslijst.standaard_prijspeil
    target = Path(path)
    lijsten = _Lijsten.plan(prijslijst)
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
            "GeenRegels", "=(" + "+".join(f"SUM({_sheet_range(s, 'gestart')})" for s in spec.LINE_SHEETS) + ")=0"
        )
        fm = _Formats(wb)
        _write_instructie(wb, fm, prijslijst, peil)
        _write_case_sheet(wb, fm, prijslijst, peil, prefill or {})
        for sheet in spec.LINE_SHEETS:
            _write_line_sheet(wb, fm, sheet)
        _write_lijsten(wb, fm, prijslijst, peil, lijsten)
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
