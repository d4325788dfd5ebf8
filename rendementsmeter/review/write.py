"""The review workbook: every avoided-care line with its signals and four reviewer columns.

Only the reviewer columns (and the reviewer code) are unlocked, each with a Dutch input message and
data validation; everything else is locked (no password). `Regel-id` and `Vingerafdruk` tie each
verdict to the line as it was when this file was made (see review_read.py for the way back).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from rendementsmeter import __version__
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.core.output import AUTEUR, TITEL_BEOORDELING, XLSX_MONEY, XLSX_OPTIONS, atomic_path
from rendementsmeter.review.model import Oordeel
from rendementsmeter.review.signals import Z_LIMIT, Z_MIN_CASES, Z_MIN_LINES, ReviewTable
from rendementsmeter.spec.review import BEOORDELAAR_LABEL, DUBBEL_TEKST, OORDELEN, REVIEW_SHEET, SIGNALEN, UITLEG_SHEET


@dataclass(frozen=True)
class Kolom:
    key: str
    header: str
    width: int
    kind: str = "text"  # text | wrap | num | eur | invoer | formule
    help: str = ""


#: The columns of the review sheet, in order. The reader finds them back by header.
KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("nr", "Nr", 5, "num"),
    Kolom("casusnummer", "Casusnummer", 15),
    Kolom("domein", "Domein", 28),
    Kolom("plek", "Cel", 18),
    Kolom("code", "Code", 12),
    Kolom("omschrijving", "Post", 38, "wrap"),
    Kolom("eenheid", "Eenheid", 13),
    Kolom("aantal", "Aantal", 9, "num"),
    Kolom("kans", "Kans (%)", 9, "num"),
    Kolom("prijs", "Prijs", 12, "eur"),
    Kolom("bedrag", "Verwachte waarde", 15, "eur"),
    Kolom("toelichting", "Toelichting werker", 45, "wrap"),
    Kolom("aantal_signalen", "Signalen", 9, "num"),
    Kolom("signalen", "Waar op letten", 50, "wrap"),
    Kolom(
        "oordeel",
        "Oordeel",
        13,
        "invoer",
        "akkoord: de schatting is redelijk. aangepast: vul hiernaast een nieuw aantal en/of een nieuwe kans in. "
        "afgewezen: de regel telt niet mee in de baten.",
    ),
    Kolom(
        "aantal_beoordeeld",
        "Aantal (beoordeeld)",
        12,
        "invoer",
        "Alleen bij 'aangepast': het aantal dat u redelijk vindt, in de eenheid van de post. Leeg = ongewijzigd.",
    ),
    Kolom(
        "kans_beoordeeld",
        "Kans (beoordeeld)",
        12,
        "invoer",
        "Alleen bij 'aangepast': de kans (0-100) die u redelijk vindt. Leeg = ongewijzigd.",
    ),
    Kolom(
        "opmerking",
        "Opmerking",
        40,
        "invoer",
        "Waarom dit oordeel? Kort en concreet. Geen namen of andere persoonsgegevens.",
    ),
    Kolom("waarde_na", "Waarde na oordeel", 15, "formule"),
    Kolom("pad", "Bestand", 35),
    Kolom("regel_id", "Regel-id", 28),
    Kolom("vingerafdruk", "Vingerafdruk", 14),
)
HEADER_ROW = 8  # 0-based: Excel row 9
KOL = {k.key: i for i, k in enumerate(KOLOMMEN)}
BEOORDELAAR_HELP = "Uw beoordelaarscode, bijv. B01. Een code, geen naam."


def _formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    invoer = {**base, "locked": False, "bg_color": "#FFF2CC", "border": 1}
    return {
        "title": wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F4E79"}),
        "note": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
        "label": wb.add_format({**base, "bold": True}),
        "header": wb.add_format(
            {**base, "bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True, "border": 1}
        ),
        "header_invoer": wb.add_format(
            {**base, "bold": True, "bg_color": "#BF8F00", "font_color": "#FFFFFF", "text_wrap": True, "border": 1}
        ),
        "text": wb.add_format(base),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "num": wb.add_format({**base, "num_format": "[$-413]#,##0.##"}),
        "eur": wb.add_format({**base, "num_format": XLSX_MONEY}),
        "invoer": wb.add_format({**invoer, "text_wrap": True}),
        "invoer_num": wb.add_format({**invoer, "num_format": "[$-413]#,##0.##"}),
        "formule": wb.add_format({**base, "num_format": XLSX_MONEY, "bg_color": "#F2F2F2"}),
    }


def _validations(ws: Any, first: int, last: int) -> None:
    def dv(key: str, options: dict[str, Any]) -> None:
        col = KOL[key]
        kolom = KOLOMMEN[col]
        ws.data_validation(
            first,
            col,
            last,
            col,
            {**options, "input_title": kolom.header[:32], "input_message": kolom.help[:255], "error_type": "stop"},
        )

    dv(
        "oordeel",
        {
            "validate": "list",
            "source": list(OORDELEN),
            "error_title": "Oordeel",
            "error_message": "Kies akkoord, aangepast of afgewezen uit de lijst.",
        },
    )
    dv(
        "aantal_beoordeeld",
        {
            "validate": "decimal",
            "criteria": ">",
            "value": 0,
            "error_title": "Aantal",
            "error_message": "Typ een getal groter dan 0, bijv. 6 of 1,5.",
        },
    )
    dv(
        "kans_beoordeeld",
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": 0,
            "maximum": 100,
            "error_title": "Kans",
            "error_message": "Typ een heel getal van 0 tot en met 100.",
        },
    )
    dv(
        "opmerking",
        {
            "validate": "length",
            "criteria": "<=",
            "value": 1000,
            "error_title": "Opmerking",
            "error_message": "Hoogstens 1000 tekens.",
        },
    )


def _row_values(r: Any) -> dict[str, Any]:
    return {
        "casusnummer": r.casusnummer,
        "domein": r.domein,
        "plek": f"{r.blad}!{r.cel}",
        "code": r.code,
        "omschrijving": r.omschrijving,
        "eenheid": r.eenheid,
        "aantal": float(r.aantal),
        "kans": int(r.kans),
        "prijs": int(r.prijs_op_peil_cent),
        "bedrag": int(r.bedrag_cent),
        "toelichting": r.toelichting,
        "aantal_signalen": int(r.aantal_signalen),
        "signalen": "; ".join(
            (
                (f"{DUBBEL_TEKST} ({format_eur_cents(int(r.bedrag_dubbel_cent))}): {r.dubbeltelling}",)
                if r.dubbeltelling
                else ()
            )
            + tuple(r.signalen)
        ),  # fmt: skip
        "pad": r.pad,
        "regel_id": r.regel_id,
        "vingerafdruk": r.vingerafdruk,
    }


def _dubbel_text(table: ReviewTable) -> str:
    n, cents = table.dubbel
    return f"; {n} {DUBBEL_TEKST} ({format_eur_cents(cents)}, niet in het totaal)" if n else ""


def _height(values: dict[str, Any]) -> float:
    """Row height for the wrapped columns: spreadsheet programs do not size rows of generated files."""
    lines = 1
    for kolom in KOLOMMEN:
        if kolom.kind == "wrap":
            text = str(values.get(kolom.key, ""))
            lines = max(lines, math.ceil(len(text) * 1.15 / max(kolom.width - 1, 1)))
    return 15 * min(lines, 8)


def _waarde_na(row: int) -> str:
    def c(key: str) -> str:
        return xl_rowcol_to_cell(row, KOL[key])

    o, a, k = c("oordeel"), c("aantal_beoordeeld"), c("kans_beoordeeld")
    return (
        f'=IF({o}="afgewezen",0,IF({o}="aangepast",ROUND(IF({a}="",{c("aantal")},{a})*{c("prijs")}'
        f'*IF({k}="",{c("kans")},{k})/100,2),{c("bedrag")}))'
    )


def _invoer(oordeel: Oordeel | None) -> dict[str, Any]:
    """The reviewer columns of one row: empty, or a verdict given in advance (the app's review page)."""
    if oordeel is None:
        return {}
    aantal = float(oordeel.aantal) if oordeel.aantal is not None else None
    return {"oordeel": oordeel.oordeel, "aantal_beoordeeld": aantal, "kans_beoordeeld": oordeel.kans,
            "opmerking": oordeel.opmerking}  # fmt: skip


def _review_sheet(
    wb: Any, fm: dict[str, Any], table: ReviewTable, beoordelaar: str, oordelen: Mapping[str, Oordeel]
) -> None:
    ws = wb.add_worksheet(REVIEW_SHEET)
    frame = table.regels
    flagged = int((frame["aantal_signalen"] > 0).sum()) if len(frame) else 0
    cases = frame["casusnummer"].nunique() if len(frame) else 0
    total = int(frame["bedrag_cent"].sum()) if len(frame) else 0
    ws.write_string(0, 0, "Beoordeling van schattingen: vermeden zorg", fm["title"])
    # labels span the narrow Nr column and Casusnummer; values start in column C
    ws.merge_range(1, 0, 1, 1, BEOORDELAAR_LABEL, fm["label"])
    ws.merge_range(1, 2, 1, 3, beoordelaar, fm["invoer"])
    ws.data_validation(
        1,
        2,
        1,
        2,
        {
            "validate": "length",
            "criteria": "between",
            "minimum": 1,
            "maximum": 20,
            "input_title": "Beoordelaar",
            "input_message": BEOORDELAAR_HELP,
            "error_title": "Beoordelaar",
            "error_message": "Een korte code van hoogstens 20 tekens, geen naam.",
        },
    )
    info = (
        ("Gemaakt op", table.gemaakt.strftime("%d-%m-%Y %H:%M")),
        ("Prijspeil en prijslijst", f"{table.prijspeil}, prijslijst {table.prijslijst.versie}"),
        (
            "Regels",
            f"{len(frame)} regels vermeden zorg uit {cases} casussen, samen {format_eur_cents(total)}; "
            f"{flagged} met een signaal" + _dubbel_text(table),
        ),
    )
    for i, (label, value) in enumerate(info, start=2):
        ws.merge_range(i, 0, i, 1, label, fm["label"])
        ws.write_string(i, 2, value, fm["text"])
    ws.write_string(
        5,
        0,
        "Vul per regel de gele kolommen in: Oordeel (akkoord, aangepast of afgewezen), bij 'aangepast' het "
        "nieuwe aantal en/of de nieuwe kans, en een korte opmerking. Vul bovenaan uw beoordelaarscode in.",
        fm["note"],
    )
    ws.write_string(
        6,
        0,
        "Volgorde: meeste signalen eerst, daarna de hoogste verwachte waarde. Laat Regel-id en "
        "Vingerafdruk staan: daarmee wordt uw oordeel aan de regel gekoppeld. Zie blad Uitleg.",
        fm["note"],
    )
    ws.set_row(HEADER_ROW, 32)
    for c, kolom in enumerate(KOLOMMEN):
        header = f"Prijs {table.prijspeil}" if kolom.key == "prijs" else kolom.header
        ws.write_string(HEADER_ROW, c, header, fm["header_invoer" if kolom.kind == "invoer" else "header"])
        ws.set_column(c, c, kolom.width)
    for n, r in enumerate(frame.itertuples(), start=1):
        row = HEADER_ROW + n
        values = _row_values(r)
        values["nr"] = n
        ws.set_row(row, _height(values))
        invoer = _invoer(oordelen.get(r.regel_id))
        for c, kolom in enumerate(KOLOMMEN):
            if kolom.kind == "invoer":
                style = "invoer" if kolom.key in ("oordeel", "opmerking") else "invoer_num"
                given = invoer.get(kolom.key)
                if given is None or given == "":
                    ws.write_blank(row, c, None, fm[style])
                elif isinstance(given, str):
                    ws.write_string(row, c, given, fm[style])
                else:
                    ws.write_number(row, c, given, fm[style])
            elif kolom.kind == "formule":
                ws.write_formula(row, c, _waarde_na(row), fm["formule"], values["bedrag"] / 100)
            elif kolom.kind == "eur":
                ws.write_number(row, c, values[kolom.key] / 100, fm["eur"])
            elif kolom.kind == "num":
                ws.write_number(row, c, values[kolom.key], fm["num"])
            else:
                ws.write_string(row, c, str(values[kolom.key]), fm[kolom.kind])
    last = HEADER_ROW + max(len(frame), 1)
    if len(frame):
        _validations(ws, HEADER_ROW + 1, last)
        ws.autofilter(HEADER_ROW, 0, last, len(KOLOMMEN) - 1)
    else:
        ws.write_string(HEADER_ROW + 1, 0, "Geen regels vermeden zorg in de opgenomen casussen.", fm["note"])
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, last, KOL["waarde_na"])  # the technical columns stay off paper
    ws.repeat_rows(HEADER_ROW)
    ws.protect("", {"autofilter": True, "format_columns": True, "format_rows": True})
    ws.activate()


def _uitleg_sheet(wb: Any, fm: dict[str, Any]) -> None:
    ws = wb.add_worksheet(UITLEG_SHEET)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 110)
    ws.write_string(0, 0, "Uitleg bij de beoordeling", fm["title"])
    rows = [
        (
            "Waarom",
            "Schattingen blijven schattingen. Een collega kijkt kritisch mee: is deze vermeden zorg "
            "aannemelijk, zijn aantal en kans redelijk, staat de reden erbij?",
        ),
        ("akkoord", "De schatting is redelijk; de regel telt mee zoals de werker hem invulde."),
        (
            "aangepast",
            "Vul een nieuw aantal en/of een nieuwe kans in; lege cellen blijven zoals de werker ze "
            "invulde. De business case rekent de regel opnieuw uit.",
        ),
        ("afgewezen", "De regel telt niet mee in de baten. Schrijf in de opmerking waarom."),
        ("Leeg oordeel", "Niet beoordeeld; de regel telt mee zoals hij is."),
        (
            "Twee beoordelaars oneens",
            "De business case gebruikt het voorzichtigste oordeel (de laagste waarde) en meldt het verschil.",
        ),
        (
            "Regel gewijzigd",
            "Heeft de werker de regel na het maken van dit bestand veranderd, dan wordt het "
            "oordeel niet toegepast en gemeld. Maak dan een nieuw beoordelingsbestand.",
        ),
        ("Signalen", "Waar u het eerst naar kijkt:"),
        (SIGNALEN["geen-toelichting"], "De werker schreef niet op waarom deze zorg nodig was geweest."),
        (SIGNALEN["kans-100"], "Zeker weten kan bijna nooit; 100 is alleen voor wat al gepland of besloten was."),
        (SIGNALEN["top-10"], "De regel hoort bij de 10% regels met de hoogste verwachte waarde."),
        (
            SIGNALEN["aantal-afwijkend"],
            f"Het aantal wijkt sterk af van dezelfde post in andere casussen (robuuste "
            f"z-score boven {Z_LIMIT:g}; alleen als de post minstens {Z_MIN_LINES} keer in {Z_MIN_CASES} casussen "
            "voorkomt).",
        ),
        (
            SIGNALEN["domein"],
            "De post is ongebruikelijk voor het domein van de casus (regels in prijslijst/plausibiliteit.csv).",
        ),
        (SIGNALEN["dubbeltelling"], "Een bundelprijs en een post die daar al in zit staan allebei in de casus."),
        ("Privacy", "Geen namen, BSN, adressen of geboortedata in opmerkingen; de beoordelaar is een code."),
        ("Rendementsmeter", __version__),
    ]
    for i, (label, text) in enumerate(rows, start=2):
        ws.write_string(i, 0, label, fm["label"])
        ws.write_string(i, 1, text, fm["wrap"])
    ws.protect("")


def write_review(
    table: ReviewTable, path: Path | str, beoordelaar: str = "", oordelen: Mapping[str, Oordeel] | None = None
) -> Path:
    """Write the review workbook atomically; `oordelen` (regel_id -> verdict) fills reviewer columns."""
    target = Path(path)
    with atomic_path(target) as tmp:
        # in memory: the case lines never go to a temporary file that a killed run would leave behind
        wb = xlsxwriter.Workbook(str(tmp), {**XLSX_OPTIONS, "in_memory": True})
        wb.set_properties({"title": TITEL_BEOORDELING, "author": AUTEUR, "created": table.gemaakt})
        fm = _formats(wb)
        _review_sheet(wb, fm, table, beoordelaar, oordelen or {})
        _uitleg_sheet(wb, fm)
        wb.close()
    return target
