"""The case template a social worker fills in, generated from the spec and the price list."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from . import spec
from .money import format_eur
from .output import XLSX_MONEY as MONEY
from .output import XLSX_OPTIONS, atomic_path
from .prijslijst import Prijslijst

FIRST_DATA_ROW = spec.HEADER_ROW  # 0-based index of the first input row (header is 1-based HEADER_ROW)
LAST_DATA_ROW = FIRST_DATA_ROW + spec.INPUT_ROWS - 1
FIXED_DATE = datetime(2026, 1, 1)  # keeps generated templates byte-stable
MAX_MESSAGE = 255  # Excel's limit for an input message


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
        self.input_num = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1})
        self.help = wb.add_format({**base, "text_wrap": True, "font_color": "#595959", "font_size": 9})
        self.calc = wb.add_format({**base, "bg_color": "#F2F2F2", "border": 1})
        self.money = wb.add_format({**base, "bg_color": "#F2F2F2", "border": 1, "num_format": MONEY})
        self.total_label = wb.add_format({**base, "bold": True, "top": 2})
        self.total_money = wb.add_format({**base, "bold": True, "top": 2, "num_format": MONEY})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.bold = wb.add_format({**base, "bold": True})
        self.ex_money = wb.add_format({**base, "border": 1, "num_format": MONEY})
        self.ex_cell = wb.add_format({**base, "border": 1, "text_wrap": True})


def _line_refs(sheet: spec.LineSheet) -> dict[str, str]:
    return {key: xl_col_to_name(i) for i, key in enumerate(sheet.keys)}


def _total_ref(sheet: spec.LineSheet) -> str:
    col = _line_refs(sheet)["bedrag"]
    return f"SUM('{sheet.name}'!{col}{FIRST_DATA_ROW + 1}:{col}{LAST_DATA_ROW + 1})"


def _lijst_ranges(prijslijst: Prijslijst) -> dict[str, tuple[int, int]]:
    """Per soort the 1-based rows [start, end) of its items on the Lijsten sheet."""
    ranges = {}
    row = 2
    for soort in ("inzet", "zorg"):
        n = len(prijslijst.van_soort(soort))
        ranges[soort] = (row, row + n)
        row += n
    return ranges


def _write_lijsten(wb: Any, prijslijst: Prijslijst, prijspeil: int) -> None:
    """Hidden sheet with the priced items, inzet first, then zorg (see _lijst_ranges)."""
    ws = wb.add_worksheet(spec.LIJSTEN_SHEET)
    ws.write_row(0, 0, ["code", "post", "wet", "eenheid", f"prijs {prijspeil}", "soort", "financier"])
    row = 1
    for soort in ("inzet", "zorg"):
        for item in prijslijst.van_soort(soort):
            ws.write_row(row, 0, [item.code, item.label, item.wet, item.eenheid])
            ws.write_number(row, 4, float(prijslijst.prijs_op_peil(item.code, prijspeil)))
            ws.write_row(row, 5, [item.soort, item.financier])
            row += 1
    ws.hide()
    ws.protect("")


def _write_line_sheet(
    wb: Any, fm: _Formats, sheet: spec.LineSheet, ranges: dict[str, tuple[int, int]], n_items: int
) -> None:
    ws = wb.add_worksheet(sheet.name)
    refs = _line_refs(sheet)
    helper = xl_col_to_name(len(sheet.columns))  # hidden column holding the item's row in Lijsten
    last_col = len(sheet.columns) - 1
    ws.write(0, 0, sheet.title, fm.title)
    ws.merge_range(1, 0, 1, last_col, sheet.intro, fm.intro)
    ws.set_row(1, 32)
    ws.merge_range(
        2, 0, 2, last_col, spec.PRIVACY_ZIN + " Gele cellen vult u in; grijze rekent het sjabloon zelf uit.", fm.privacy
    )
    header_row = spec.HEADER_ROW - 1
    for i, col in enumerate(sheet.columns):
        ws.write(header_row, i, col.header, fm.header)
        ws.set_column(i, i, col.width)
    ws.write(header_row, len(sheet.columns), "rij", fm.header)
    ws.set_column(len(sheet.columns), len(sheet.columns), None, None, {"hidden": True})
    first, last = 2, n_items + 1
    lij = spec.LIJSTEN_SHEET

    def lookup(col_letter: str, r: int) -> str:
        return f'IF({helper}{r}="","",INDEX({lij}!${col_letter}${first}:${col_letter}${last},{helper}{r}))'

    for r0 in range(FIRST_DATA_ROW, LAST_DATA_ROW + 1):
        r = r0 + 1
        post = f"{refs['post']}{r}"
        ws.write_formula(
            r0,
            len(sheet.columns),
            f'IF({post}="","",IFERROR(MATCH({post},{lij}!$B${first}:$B${last},0),'
            f'IFERROR(MATCH(UPPER(TRIM({post})),{lij}!$A${first}:$A${last},0),"")))',
            None,
            "",
        )
        for i, col in enumerate(sheet.columns):
            if col.invoer:
                ws.write_blank(r0, i, None, fm.input_num if col.key in ("aantal", "kans") else fm.input)
            elif col.key == "wet":
                ws.write_formula(r0, i, lookup("C", r), fm.calc, "")
            elif col.key == "eenheid":
                ws.write_formula(r0, i, lookup("D", r), fm.calc, "")
            elif col.key == "prijs":
                ws.write_formula(r0, i, lookup("E", r), fm.money, "")
            elif col.key == "bedrag":
                amount = f"{refs['aantal']}{r}*{refs['prijs']}{r}"
                if "kans" in refs:
                    amount += f"*{refs['kans']}{r}/100"
                    blank = f'OR({helper}{r}="",{refs["aantal"]}{r}="",{refs["kans"]}{r}="")'
                else:
                    blank = f'OR({helper}{r}="",{refs["aantal"]}{r}="")'
                ws.write_formula(r0, i, f'IF({blank},"",IFERROR(ROUND({amount},2),""))', fm.money, "")
        ws.set_row(r0, 30)
    total_row = LAST_DATA_ROW + 1
    bedrag_i = sheet.keys.index("bedrag")
    ws.write(total_row, bedrag_i - 1, "Totaal", fm.total_label)
    ws.write_formula(total_row, bedrag_i, _total_ref(sheet), fm.total_money, 0)

    data = (FIRST_DATA_ROW, LAST_DATA_ROW)
    start, end = ranges[sheet.soort]
    ws.data_validation(
        data[0],
        sheet.keys.index("post"),
        data[1],
        sheet.keys.index("post"),
        {
            "validate": "list",
            "source": f"={lij}!$B${start}:$B${end - 1}",
            "input_title": "Post",
            "input_message": _message(sheet.column("post").help),
            "error_type": "warning",
            "error_title": "Onbekende post",
            "error_message": _message(
                "Deze post staat niet in de keuzelijst. Kies een post uit de lijst of "
                "typ precies de code (bijv. ZVW-HA-01)."
            ),
        },
    )
    ws.data_validation(
        data[0],
        sheet.keys.index("aantal"),
        data[1],
        sheet.keys.index("aantal"),
        {
            "validate": "decimal",
            "criteria": ">",
            "value": 0,
            "input_title": "Aantal",
            "input_message": _message(sheet.column("aantal").help),
            "error_title": "Ongeldig aantal",
            "error_message": "Typ een getal groter dan 0, bijv. 6 of 1,5.",
        },
    )
    if "kans" in refs:
        ws.data_validation(
            data[0],
            sheet.keys.index("kans"),
            data[1],
            sheet.keys.index("kans"),
            {
                "validate": "integer",
                "criteria": "between",
                "minimum": 0,
                "maximum": 100,
                "input_title": "Kans (%)",
                "input_message": _message(sheet.column("kans").help),
                "error_title": "Ongeldige kans",
                "error_message": "Typ een heel getal van 0 tot en met 100.",
            },
        )
    toel = sheet.keys.index("toelichting")
    ws.data_validation(
        data[0],
        toel,
        data[1],
        toel,
        {
            "validate": "length",
            "criteria": "<=",
            "value": 500,
            "input_title": "Toelichting",
            "input_message": _message(sheet.column("toelichting").help),
            "error_title": "Te lang",
            "error_message": "Houd de toelichting kort: hoogstens 500 tekens.",
        },
    )
    ws.freeze_panes(spec.HEADER_ROW, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.print_area(0, 0, total_row, last_col)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&L&A&RPagina &P van &N")


def _write_case_sheet(wb: Any, fm: _Formats, prijslijst: Prijslijst, prijspeil: int, prefill: dict[str, str]) -> None:
    ws = wb.add_worksheet(spec.CASE_SHEET)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 2, 60)
    ws.write(0, 0, "Casusgegevens", fm.title)
    ws.merge_range(
        1, 0, 1, 2, spec.PRIVACY_ZIN + " Gebruik een casusnummer (pseudoniem) en uw medewerkerscode.", fm.privacy
    )
    ws.set_row(1, 30)
    ws.write_row(2, 0, ["Veld", "Waarde", "Uitleg"], fm.header)
    row = 3
    for f in spec.CASE_FIELDS:
        ws.write(row, 0, f.label + (" *" if f.required else ""), fm.required if f.required else fm.label)
        value = prefill.get(f.key, f.default)
        fmt = fm.input_date if f.type == "datum" else fm.input
        if value is None:
            ws.write_blank(row, 1, None, fmt)
        elif isinstance(value, int):
            ws.write_number(row, 1, value, fm.input_num)
        else:
            ws.write_string(row, 1, str(value), fmt)
        ws.write(row, 2, f.help, fm.help)
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
        ws.data_validation(row, 1, row, 1, options)
        ws.set_row(row, 45 if f.key in ("samenvatting", "leefgebieden") else 20)
        row += 1
    ws.write(row, 0, "* = verplicht", fm.help)
    row += 2
    sheets = spec.LINE_SHEET_BY_KIND
    kosten = f"{_total_ref(sheets['inzet'])}+{_total_ref(sheets['ingezet'])}"
    baten = _total_ref(sheets["vermeden"])
    totals = {
        "Totaal kosten": kosten,
        "Totaal baten": baten,
        "Netto": f"{xl_rowcol_to_cell(row + 1, 1)}-{xl_rowcol_to_cell(row, 1)}",
    }
    for label in spec.TOTAL_LABELS:
        ws.write(row, 0, label, fm.label)
        ws.write_formula(row, 1, totals[label], fm.money, 0)
        row += 1
    ws.write(
        row,
        2,
        "Totalen rekenen mee terwijl u invult (bedragen op prijspeil "
        f"{prijspeil}; verwachte waarde = aantal × prijs × kans).",
        fm.help,
    )
    row += 1
    info = {"Prijspeil": prijspeil, "Sjabloonversie": spec.SJABLOONVERSIE, "Prijslijstversie": prijslijst.versie}
    for label in spec.INFO_LABELS:
        ws.write(row, 0, label, fm.label)
        value = info[label]
        if isinstance(value, int):
            ws.write_number(row, 1, value, fm.calc)
        else:
            ws.write_string(row, 1, str(value), fm.calc)
        row += 1
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.activate()


EXAMPLE = (
    ("Inzet", "INZ-SW-01", "12", "", "12 uur: 8 huisbezoeken en telefonisch contact."),
    ("Vermeden zorg", "ZVW-HA-01", "6", "75", "Bezocht de huisarts elke maand met vage klachten; nu niet meer."),
    (
        "Vermeden zorg",
        "WMO-BG-12",
        "52",
        "50",
        "Zonder buddy en buurthuis was dagbesteding (1 dagdeel per week) aangevraagd.",
    ),
    ("Vermeden zorg", "ZVW-SEH-01", "1", "10", "Valrisico thuis; een SEH-bezoek was niet uitgesloten."),
)


def _write_instructie(wb: Any, fm: _Formats, prijslijst: Prijslijst, prijspeil: int) -> None:
    ws = wb.add_worksheet(spec.INSTRUCTIE_SHEET)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 3, 10)
    ws.set_column(4, 4, 60)
    ws.write(0, 0, "Rendementsmeter: een afgesloten casus vastleggen in 20 minuten", fm.title)
    steps = [
        "1. Blad Casus: vul het casusnummer (een pseudoniem), domein en einddatum in. Team, werker "
        "(uw code), start, leefgebieden en een korte samenvatting helpen bij de analyse.",
        "2. Blad Inzet: wat deed u? Uw uren, die van collega's en vrijwilligers, groepsactiviteiten.",
        "3. Blad Ingezette zorg: welke zorg kwam erbij doordat u doorverwees (bijv. schuldhulpverlening)?",
        "4. Blad Vermeden zorg: wat was er zonder uw inzet nodig geweest, in de 12 maanden na de casus? "
        "Per regel: post, aantal (in de eenheid van de post), kans en een korte toelichting.",
        "5. Kans: hoe waarschijnlijk was die zorg nodig geweest? 10 = onwaarschijnlijk, 25 = kleine kans, "
        "50 = mogelijk, 75 = waarschijnlijk, 90 = zeer waarschijnlijk, 100 = zeker (zelden). "
        "Wees eerlijk: een collega kijkt kritisch mee.",
        "6. Geen dubbeltelling: kiest u een bundelpost (bijv. maatschappelijke kosten van een "
        "huisuitzetting), tel de onderdelen daarvan (opvang, deurwaarder) dan niet nog eens apart.",
        "7. Sla het bestand op als .xlsx en lever het in bij uw teamleider. De totalen op blad Casus "
        "rekenen mee; de business case rekent alles opnieuw na.",
    ]
    row = 2
    for step in steps:
        ws.merge_range(row, 0, row, 4, step, fm.text)
        ws.set_row(row, 32)
        row += 1
    row += 1
    ws.merge_range(
        row,
        0,
        row,
        4,
        "Privacy: " + spec.PRIVACY_ZIN + " Ook niet in de toelichting of samenvatting. Schrijf 'cliënt' of 'zij/hij'.",
        fm.privacy,
    )
    ws.set_row(row, 30)
    row += 2
    ws.write(
        row,
        0,
        "Voorbeeld (schets, geen echt persoon): vrouw van 80, alleenwonend, via de huisarts "
        "aangemeld wegens eenzaamheid.",
        fm.bold,
    )
    row += 1
    ws.write_row(row, 0, ["Blad", "Post", "Aantal", "Kans (%)", "Toelichting"], fm.header)
    row += 1
    for blad, code, aantal, kans, toelichting in EXAMPLE:
        item = prijslijst.items.get(code)
        label = item.label if item else code
        ws.write_row(row, 0, [blad, label, aantal, kans, toelichting], fm.ex_cell)
        ws.set_row(row, 30)
        row += 1
    row += 1
    ws.merge_range(
        row,
        0,
        row,
        4,
        f"Prijzen: maatschappelijke prijslijst versie {prijslijst.versie}, "
        f"prijspeil {prijspeil} (geïndexeerd met de CBS-consumentenprijsindex). Een uur "
        f"sociaal werk staat bijvoorbeeld op "
        f"{format_eur(prijslijst.prijs_op_peil('INZ-SW-01', prijspeil)) if 'INZ-SW-01' in prijslijst.items else 'het tarief van uw organisatie'}.",
        fm.text,
    )
    ws.set_row(row, 30)
    row += 1
    ws.merge_range(
        row,
        0,
        row,
        4,
        f"Sjabloonversie {spec.SJABLOONVERSIE}. Nieuw sjabloon: rendementsmeter template -o casus.xlsx",
        fm.help,
    )
    ws.protect("")
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def write_template(
    path: Path | str, prijslijst: Prijslijst, prijspeil: int | None = None, prefill: dict[str, str] | None = None
) -> Path:
    """Write a blank case template (.xlsx) to `path` and return the path."""
    peil = prijspeil or prijslijst.standaard_prijspeil
    target = Path(path)
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
        fm = _Formats(wb)
        _write_instructie(wb, fm, prijslijst, peil)
        _write_case_sheet(wb, fm, prijslijst, peil, prefill or {})
        ranges = _lijst_ranges(prijslijst)
        for sheet in spec.LINE_SHEETS:
            _write_line_sheet(wb, fm, sheet, ranges, len(prijslijst.items))
        _write_lijsten(wb, prijslijst, peil)
        wb.close()
    return target


def template_fingerprint(path: Path | str) -> list[Any]:
    """What a template holds, as data (values, formulas, validations, protection): to compare two
    templates without comparing raw XML, which changes with library versions."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out: list[Any] = []
    for ws in wb.worksheets:
        cells = [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        validations = sorted(
            (str(dv.sqref), dv.type, dv.formula1, dv.prompt, dv.error) for dv in ws.data_validations.dataValidation
        )
        out.append((ws.title, ws.sheet_state, ws.protection.sheet, cells, validations))
    return out
