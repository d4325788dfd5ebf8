"""Workbook sheets with the headline figures: Samenvatting, Per wet en financier, Per casus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rendementsmeter import __version__
from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.totals import ratios
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.report.xlsx.sheet import Sheet, fit_width


def samenvatting_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Samenvatting", "Business case sociaal werk: maatschappelijk rendement")
    counts = bc.status_telling()
    t = bc.totalen
    info = [
        ["Gemaakt op", bc.gemaakt.strftime("%d-%m-%Y %H:%M")],
        ["Prijspeil", str(bc.prijspeil)],
        ["Prijslijstversie", bc.prijslijst.versie],
        ["Prijslijstbestanden", "; ".join(Path(p).name for p in bc.prijslijst.bestanden)],
        ["Overschreven prijzen", str(len(bc.prijslijst.overrides))],
        ["Periode", bc.periode.label if bc.periode is not None else "alle afgesloten casussen"],
        ["Bestanden gelezen", str(len(bc.alle_bestanden))],
        ["Casussen opgenomen", str(counts.get("opgenomen", 0))],
        ["Casussen buiten de periode", str(counts.get("buiten periode", 0))],
        ["Bestanden afgewezen", str(counts.get("afgewezen", 0))],
        ["Bestanden overgeslagen", str(counts.get("overgeslagen", 0))],
        ["Rendementsmeter", __version__],
    ]
    s.table(["Gegeven", "Waarde"], info, ["text", "text"], [44, 24])
    ps = bc.perspectieven
    rows = [[p.label, p.netto_cent, p.kosten_cent, p.baten_cent, p.rendement, p.omslagpunt] for p in ps.alle]
    s.table(
        ["Netto per perspectief", "Netto", "Kosten", "Baten", "Rendement (per euro)", "Omslagpunt kansen"],
        rows,
        ["text", "eur", "eur", "eur", "ratio", "pct"],
        [44, 24, 20, 20, 20, 20],
    )
    s.note(
        "Maatschappelijk (MKBA): alle echte kosten en baten, ook vrijwilligerstijd en kosten van burgers en "
        "slachtoffers, zonder overdrachten (zoals een bijstandsuitkering: een besparing voor de betaler, geen "
        "besparing voor de samenleving). Financieel: per financier wat op zijn begroting landt; overdrachten tellen "
        "voor wie ze betaalt."
    )
    s.note(
        f"Buiten elke begroting (burgers, slachtoffers, divers): baten {format_eur_cents(ps.geen_budget_baten_cent)}. "
        f"Vrijwilligers tegen een schaduwprijs (een echte kost, maar niemands kas): "
        f"{format_eur_cents(ps.schaduwprijs_cent)}. Overdrachten: {format_eur_cents(ps.overdrachten_cent)}. "
        "Omslagpunt: met hoeveel procent alle kansen samen mogen dalen voordat het netto € 0 is (0% = nu al "
        "niet positief; n.v.t. = geen baten)."
    )
    s.row += 1
    headline = [
        ["Kosten eigen inzet", t["kosten_inzet"]],
        ["Kosten ingezette zorg (doorverwijzing)", t["kosten_ingezette_zorg"]],
        ["Totaal kosten", t["kosten"]],
        ["Vermeden kosten (baten, verwachte waarde)", t["baten"]],
        ["Netto (baten - kosten)", t["netto"]],
    ]
    s.table(["Alle regels samen (geen perspectief)", "Bedrag"], headline, ["text", "eur"], [44, 24])
    for line in (
        "Verwachte waarde van vermeden zorg = aantal × prijs op prijspeil × kans / 100 × aandeel eigen inzet / 100 "
        "× horizonfactor, per regel afgerond op centen; 0 als de cliënt is overleden. Zie README, Rekenregels.",
        "Alle regels samen telt overdrachten en kosten zonder begroting mee en is daarom geen rendement van één "
        "partij: gebruik de perspectieven hierboven.",
        f"Prijzen zijn geïndexeerd naar prijspeil {bc.prijspeil} met de consumentenprijsindex (CPI): "
        "prijs × CPI[prijspeil] / CPI[prijsjaar]. Zie blad Prijslijst voor elke bron.",
        "Afgewezen bestanden tellen niet mee; zie blad Bestanden en Bevindingen. Schattingen blijven schattingen.",
    ):
        s.note(line)
    if bc.beoordeling is not None:
        b = bc.beoordeling
        share = "n.v.t." if b.aandeel_waarde is None else f"{b.aandeel_waarde * 100:.1f}%".replace(".", ",")
        s.note(
            f"Na beoordeling door collega's: {share} van de baten beoordeeld ({b.regels_beoordeeld} van "
            f"{b.regels_vermeden} regels), {b.wijzigingen} wijzigingen, {len(b.conflicten)} conflicten; baten vóór "
            f"beoordeling {format_eur_cents(b.baten_voor_cent)}. Zie bladen Beoordeling en Audit beoordeling."
        )


def per_wet_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Per wet en financier", "Kosten en baten per wet en per financier")
    for frame, label in ((bc.per_wet, "Wet"), (bc.per_financier, "Financier")):
        rows = [[k, int(r.kosten_cent), int(r.baten_cent), int(r.netto_cent)] for k, r in frame.iterrows()]
        total = ["Totaal", bc.totalen["kosten"], bc.totalen["baten"], bc.totalen["netto"]]
        s.table([label, "Kosten", "Baten", "Netto"], rows, ["text", "eur", "eur", "eur"], [30, 18, 18, 18], total=total)
    s.note(
        "Kosten: eigen inzet en ingezette zorg, bij de wet en financier van de post. "
        "Baten: vermeden zorg, bij wie de besparing landt."
    )


def per_casus_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Per casus", "Kosten en baten per casus")
    pc = bc.per_casus
    # column by column: a pool has 100.000 rows, and a list per row cost seconds
    names = [
        "casusnummer",
        "domein",
        "team",
        "werker",
        "einddatum",
        "regels",
        "kosten_inzet_cent",
        "kosten_ingezette_zorg_cent",
        "kosten_cent",
        "baten_cent",
        "baten_maatschappelijk_cent",
        "netto_cent",
    ]
    columns = [pc[c].tolist() for c in names]
    columns.append(ratios(pc["baten_cent"].tolist(), pc["kosten_cent"].tolist()))
    columns.append(pc["pad"].tolist())
    t = bc.totalen
    total = [
        "Totaal",
        "",
        "",
        "",
        None,
        int(pc["regels"].sum()) if len(pc) else 0,
        t["kosten_inzet"],
        t["kosten_ingezette_zorg"],
        t["kosten"],
        t["baten"],
        t["baten_maatschappelijk"],
        t["netto"],
        bc.rendement,
        "",
    ]
    s.print_wide()
    s.table(
        [
            "Casusnummer",
            "Domein",
            "Team",
            "Werker",
            "Einddatum",
            "Regels",
            "Kosten inzet",
            "Kosten ingezette zorg",
            "Kosten",
            "Baten",
            "Baten maatschappelijk",
            "Netto",
            "Rendement",
            "Bestand",
        ],
        [],
        ["text", "text", "text", "text", "date", "num", "eur", "eur", "eur", "eur", "eur", "eur", "ratio", "text"],
        [fit_width(columns[0], 16, 28), 26, 14, 10, 12, 8, 15, 15, 15, 15, 15, 15, 11, 40],
        total=total,
        columns=columns,
    )
