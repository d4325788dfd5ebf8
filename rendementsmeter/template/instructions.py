"""The Instructie sheet: the steps, the privacy rule and a worked example."""

from __future__ import annotations

from typing import Any

from rendementsmeter.core.money import format_eur
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.formats import Formats

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


def write_instructie(wb: Any, fm: Formats, prijslijst: Prijslijst, prijspeil: int) -> None:
    ws = wb.add_worksheet(spec.INSTRUCTIE_SHEET)
    widths = (15, 10, 44, 8, 8, 44)
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    last = len(widths) - 1
    ws.set_row(0, 24)
    ws.write(0, 0, "Rendementsmeter: een afgesloten casus vastleggen in 20 minuten", fm.title)
    steps = [
        "1. Blad Casus: vul het casusnummer (een pseudoniem), het domein, de einddatum, de afsluitreden en het "
        "aandeel eigen inzet in (twee keuzes uit een lijst). Team, werker (uw code), startdatum, leefgebieden en "
        "een korte samenvatting helpen bij de analyse. Wilt u de casus als verhaal delen? Vul de drie "
        "verhaalvelden in en zet 'Verhaal in rapport' op ja. Blad Zelfredzaamheid (scores 1-5) is optioneel.",
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
