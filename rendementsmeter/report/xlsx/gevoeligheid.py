"""Workbook sheet 'Onzekerheid en gevoeligheid': honest numbers, explained in plain Dutch."""

from __future__ import annotations

from typing import Any

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.sensitivity import GRADE_UITLEG, OPTIMISME_CORRECTIE
from rendementsmeter.core.money import format_number
from rendementsmeter.report.xlsx.sheet import Sheet

LABELS = {
    "kosten_inzet": "Kosten eigen inzet",
    "kosten_ingezette_zorg": "Kosten ingezette zorg",
    "kosten": "Totaal kosten",
    "baten": "Baten",
    "baten_maatschappelijk": "Baten maatschappelijk",
    "netto": "Netto",
    "rendement": "Rendement (per euro)",
}


def gevoeligheid_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Onzekerheid", "Onzekerheid en gevoeligheid: hoe zeker zijn deze cijfers?")
    s.note("Niemand weet zeker wat er zonder de inzet was gebeurd. Daarom staat bij elke regel vermeden zorg een "
           "kans. Hieronder: hoe breed de uitkomst kan zijn, en wat de business case zegt onder voorzichtiger "
           "aannames.")  # fmt: skip
    s.row += 1
    o = bc.onzekerheid
    # columns: A labels (44), B-D numbers (20 each: P5/P50/P95, costs/benefits/return, ...), E long texts
    for c, width in enumerate((44, 20, 20, 20, 70)):
        s.ws.set_column(c, c, width)
    rows: list[list[Any]] = [
        [label, round(i.p5 * 100), round(i.p50 * 100), round(i.p95 * 100)]
        for label, i in (("Baten", o.baten), ("Kosten", o.kosten), ("Netto", o.netto))
    ]
    s.table(["Simulatie, maatschappelijk (MKBA)", "Laag (P5)", "Midden (P50)", "Hoog (P95)"], rows,
            ["text", "eur", "eur", "eur"])  # fmt: skip
    if o.rendement is not None:
        s.ws.write_string(s.row - 1, 0, "Rendement (per euro)", fm["text"])
        for c, v in enumerate((o.rendement.p5, o.rendement.p50, o.rendement.p95), start=1):
            s.ws.write_number(s.row - 1, c, v, fm["ratio"])
        s.row += 1
    omslag = (
        "n.v.t. (geen baten)"
        if o.omslagpunt is None
        else f"{format_number(o.omslagpunt * 100, 0)}%"
        if o.omslagpunt > 0
        else "0% (het maatschappelijk netto is nu al niet positief)"
    )
    s.note(f"Omslagpunt: alle kansen samen mogen {omslag} lager zijn voordat het maatschappelijk netto € 0 is.")
    s.note(
        f"Uitleg: {format_number(o.trekkingen, 0)} keer is per regel 'geloot' of de zorg zonder de inzet echt nodig "
        "was geweest (met de ingevulde kans). Elke trekking heeft één gedeelde schattingsfactor voor alle kansen "
        "(ongeveer één kansklasse hoger of lager) en één voor alle aantallen (ongeveer 20%): een fout die alle "
        "werkers delen, middelt niet uit als er casussen bijkomen. Prijzen worden per post getrokken: binnen de "
        "bandbreedte uit de prijslijst, en ±25% waar de prijs een aanname is (betrouwbaarheid C en alle eigen "
        "tarieven), ook aan de kostenkant. In 90% van de uitkomsten liggen de bedragen tussen laag en hoog. Het "
        "loten begint steeds bij hetzelfde startgetal: dezelfde invoer geeft dezelfde cijfers."
    )
    s.row += 1
    scen = [[g.naam, g.kosten_cent, g.baten_cent, g.rendement, g.uitleg] for g in bc.gevoeligheid]
    s.table(["Scenario", "Kosten", "Baten", "Rendement (per euro)", "Wat verandert"], scen,
            ["text", "eur", "eur", "ratio", "wrap"])  # fmt: skip
    s.note("Blijft het rendement ook in de voorzichtige scenario's boven 1, dan hangt de conclusie niet aan één "
           "optimistische aanname.")  # fmt: skip
    s.row += 1
    grades = [[f"{g}: {GRADE_UITLEG[g]}", round(v["baten"] * 100), v["aandeel"],
               float(OPTIMISME_CORRECTIE[g])] for g, v in bc.betrouwbaarheid.items()]  # fmt: skip
    s.table(["Betrouwbaarheid van de prijs", "Baten", "Aandeel van de baten", "Correctie voor optimisme"], grades,
            ["wrap", "eur", "pct", "pct"], [44, 20, 20, 20])  # fmt: skip
    s.note("De correctie (aanname, aan te passen) verlaagt baten die op zwakkere prijzen rusten; zie het scenario "
           "'Correctie voor optimisme'.")  # fmt: skip
    conc = bc.concentratie
    top, share = conc["grootste_regel"], conc["aandeel_c_prijzen"]
    if isinstance(top, dict) and isinstance(share, float):
        s.note(f"Op C-prijzen rust {format_number(share * 100, 1)}% van de baten (zie het "
               f"scenario 'Zonder C-prijzen'); de grootste regel ({top['code']}) is "
               f"{format_number(float(top['aandeel']) * 100, 1)}% van de baten.")  # fmt: skip
    dubbel = bc.dubbeltellingen
    if len(dubbel):
        s.row += 1
        columns = [dubbel[c].tolist() for c in ("casusnummer", "bedrag_dubbel_cent", "code", "blad", "cel",
                                                "dubbeltelling")]  # fmt: skip
        rows = [[nummer, int(cent), code, f"{blad}!{cel}", reden]
                for nummer, cent, code, blad, cel, reden in zip(*columns, strict=True)]  # fmt: skip
        s.table(["Casusnummer", "Niet meegeteld", "Post", "Cel", "Reden"], rows,
                ["text", "eur", "text", "text", "wrap"])  # fmt: skip
        s.note("Deze regels zitten al in een bundelpost van dezelfde casus en tellen daarom niet mee.")
    for v in bc.vergelijkingen:
        s.row += 1
        rows = [[LABELS.get(n, n), a, b, None if a is None or b is None else b - a] for n, a, b in v.rijen]
        kinds_money = [["text", "num", "num", "num"] for _ in rows]
        top = s.row
        s.table(["Vergelijking: " + v.omschrijving, "Nu", "Anders", "Verschil"],
                [[r[0], None, None, None] for r in rows], ["text", "text", "text", "text"])  # fmt: skip
        for i, (r, _) in enumerate(zip(rows, kinds_money, strict=True)):
            kind = "ratio" if r[0] == LABELS["rendement"] else "money"
            for c in (1, 2, 3):
                if r[c] is not None:
                    s.ws.write_number(top + 1 + i, c, r[c], fm[kind])
        if v.ontbrekend:
            s.note("Niet in de andere prijslijst (niet meegeteld): " + ", ".join(v.ontbrekend))
