"""The line sheets (Inzet, Ingezette zorg, Vermeden zorg): inputs, lookups, amounts and validations."""

from __future__ import annotations

from typing import Any

from rendementsmeter.spec import casus as spec
from rendementsmeter.template.cells import (
    FIRST_DATA_ROW,
    HELPERS,
    LAST_DATA_ROW,
    any_filled,
    cell_ref,
    is_blank,
    line_refs,
    rows,
    sheet_range,
)
from rendementsmeter.template.formats import Formats, message

#: A helper cell for the Hulp sheet: (0-based row, column letter there, formula or header, stored value).
HelperCell = tuple[int, str, str, object]


def write_line_sheet(wb: Any, fm: Formats, sheet: spec.LineSheet) -> list[HelperCell]:
    """The line sheet; returns its helper formulas, which the Hulp sheet holds (write_hulp_sheet)."""
    ws = wb.add_worksheet(sheet.name)
    helpers: list[HelperCell] = []
    refs = line_refs(sheet)
    keys = sheet.keys
    last_col = len(keys) - 1
    bedrag_i = keys.index("bedrag")
    has_wet = "wet" in keys
    ws.set_row(0, 24)
    ws.write(0, 0, sheet.title, fm.title)
    ws.write(0, bedrag_i - 1, "Totaal", fm.total_label)
    ws.write_formula(0, bedrag_i, f"SUM({rows(refs['bedrag'])})", fm.total_money, 0)
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
    for helper in HELPERS:
        helpers.append((header_row, refs[helper], f"{sheet.name}: {helper}", None))
    ws.set_row(header_row, 30)
    inputs = [c.key for c in sheet.columns if c.invoer]
    verplicht = [c.key for c in sheet.columns if c.verplicht]
    # The values of the blank rows, stored with the formulas: LibreOffice shows stored values of an
    # .xlsx from "Microsoft Excel" (as xlsxwriter says) without recalculating, and the Post list needs
    # the name of its list before the worker types anything.
    blank_values: dict[str, object] = {
        "lijst": "Zorg_alle" if has_wet else "Inzet_alle",
        "gestart": 0,
        "open": 0,
        "dubbel": 0,
    }
    codes = sheet_range(sheet, "code")

    for r0 in range(FIRST_DATA_ROW, LAST_DATA_ROW + 1):
        r = r0 + 1
        # the same formulas for either sheet: only how a cell on the other sheet is named differs
        formulas = _row_formulas(sheet, fm, r, codes, on_hulp=False)
        on_hulp = _row_formulas(sheet, fm, r, codes, on_hulp=True)
        for i, key in enumerate(keys):
            if key in inputs:
                fmt = fm.input_num if key in ("aantal", "kans") else fm.input
                ws.write_blank(r0, i, None, fmt)
            else:
                formula, fmt = formulas[key]
                ws.write_formula(r0, i, formula, fmt, blank_values.get(key, ""))
        for key in HELPERS:
            helpers.append((r0, refs[key], on_hulp[key][0], blank_values.get(key, "")))
        # no fixed row height: a row grows with a wrapped Toelichting, on screen and on paper

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
                "criteria": f"=AND({cell_ref(sheet, 'gestart', r1, fixed_col=True)}=1,{is_blank(f'{refs[key]}{r1}')})",
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
        rij = cell_ref(sheet, "rij", r1, fixed_col=True)
        ws.conditional_format(
            first,
            i,
            last,
            i,
            {
                "type": "formula",
                "criteria": f'=AND(${refs["wet"]}{r1}<>"",{rij}<>"",INDEX(PostWet,MAX(1,{rij}))<>${refs["wet"]}{r1})',
                "format": fm.cf_mismatch,
            },
        )
    if sheet.kind == "vermeden":
        # a part of a bundle of the same case: struck through, its value 0 (it is in the bundle already)
        for c in (keys.index("post"), keys.index("bedrag")):
            ws.conditional_format(
                first,
                c,
                last,
                c,
                {
                    "type": "formula",
                    "criteria": f"={cell_ref(sheet, 'dubbel', r1, fixed_col=True)}=1",
                    "format": fm.cf_dubbel,
                },
            )
    line_validations(ws, sheet)
    ws.freeze_panes(spec.HEADER_ROW, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 1)  # all input rows on one page: no printed page of only empty rows
    ws.repeat_rows(header_row)
    ws.print_area(0, 0, LAST_DATA_ROW, last_col)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&A&RPagina &P van &N")
    return helpers


def _row_formulas(sheet: spec.LineSheet, fm: Formats, r: int, codes: str, on_hulp: bool) -> dict[str, tuple[str, Any]]:
    """The formula (and format) of every calculated column of 1-based row `r`, written for the line
    sheet or, `on_hulp`, for the Hulp sheet."""
    cell = {key: cell_ref(sheet, key, r, on_hulp) for key in line_refs(sheet)}
    rij = cell["rij"]
    has_wet = "wet" in cell
    inputs = [c.key for c in sheet.columns if c.invoer]
    verplicht = [c.key for c in sheet.columns if c.verplicht]

    def lookup(name: str, fmt: Any) -> tuple[str, Any]:
        return f'IF({rij}="","",INDEX({name},{rij}))', fmt

    formulas = {
        "rij": (
            f'IF({is_blank(cell["post"])},"",IFERROR(MATCH({cell["post"]},Posten,0),'
            f'IFERROR(MATCH(UPPER(TRIM({cell["post"]})),Codes,0),"")))',
            None,
        ),
        "lijst": (
            f'IF({is_blank(cell["wet"])},"Zorg_alle",IFERROR(INDEX(WetLijsten,MATCH({cell["wet"]},Wetten,0)),"Zorg_alle"))'
            if has_wet
            else '"Inzet_alle"',
            None,
        ),
        "gestart": (f"IF({any_filled([cell[k] for k in inputs])},1,0)", None),
        "open": (
            f"IF({cell['gestart']}=1,{'+'.join(f'({is_blank(cell[k])})' for k in verplicht)},0)",
            None,
        ),
        "eenheid": lookup("Eenheden", fm.calc),
        "prijs": lookup("Prijzen", fm.money),
    }
    amount = f"{cell['aantal']}*{cell['prijs']}"
    needed = [rij, cell["aantal"]]
    if "kans" in cell:
        amount += f"*{cell['kans']}/100*Batenfactor"
        needed.append(cell["kans"])
    blank = "OR(" + ",".join(f'{c}=""' for c in needed) + ")"
    formulas["code"] = (f'IF({rij}="","",INDEX(Codes,{rij}))', None)
    # a part of a bundle on the same sheet counts 0, as in the business case (analysis.dubbeltelling)
    formulas["dubbel"] = (
        f'IF({rij}="",0,IF(SUMPRODUCT(ISNUMBER(SEARCH("|"&{codes}&"|",INDEX(Bundels,{rij})))*({codes}<>""))>0,1,0))'
        if sheet.kind == "vermeden"
        else "0",
        None,
    )
    counted = f"ROUND({amount},2)"
    if sheet.kind == "vermeden":
        counted = f"IF({cell['dubbel']}=1,0,{counted})"
    formulas["bedrag"] = (f'IF({blank},"",IFERROR({counted},""))', fm.money)
    return formulas


def write_hulp_sheet(wb: Any, fm: Formats, cells: list[HelperCell]) -> None:
    """The hidden, protected Hulp sheet with the helper formulas of all line sheets (a header row,
    then row for row beside the input rows)."""
    ws = wb.add_worksheet(spec.HULP_SHEET)
    for row, letter, value, stored in cells:
        if row == spec.HEADER_ROW - 1:
            ws.write_string(f"{letter}{row + 1}", str(value), fm.header)
        else:
            ws.write_formula(f"{letter}{row + 1}", str(value), None, stored)
    ws.protect("")
    ws.hide()


def line_validations(ws: Any, sheet: spec.LineSheet) -> None:
    refs = line_refs(sheet)
    first, last = FIRST_DATA_ROW, LAST_DATA_ROW

    def validate(key: str, options: dict[str, Any]) -> None:
        i = sheet.keys.index(key)
        col = sheet.column(key)
        ws.data_validation(
            first, i, last, i, {"input_title": col.header, "input_message": message(col.help), **options}
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
            "source": f"=INDIRECT({cell_ref(sheet, 'lijst', first + 1, fixed_col=True)})",
            "error_type": "warning",
            "error_title": "Onbekende post",
            "error_message": message(
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
                "error_message": message("Kies een kans uit de lijst: " + spec.KANS_KORT + "."),
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
