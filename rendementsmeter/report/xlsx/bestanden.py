"""Workbook sheets about the inputs: Bestanden, Bevindingen and Prijslijst."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.report.xlsx.sheet import Sheet, fit_width

STATUS_UITLEG = {
    "opgenomen": "telt mee",
    "afgewezen": "telt niet mee: los de fouten op en draai opnieuw",
    "overgeslagen": "geen casusbestand",
    "buiten periode": "geldig, maar de einddatum valt buiten de gekozen periode",
}


def bestanden_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Bestanden", "Elk gelezen bestand en wat ermee gebeurde")
    rows = []
    for r, status in bc.statussen():
        fouten = sum(1 for f in r.findings if f.is_fout)
        rows.append([r.pad, status, STATUS_UITLEG[status], r.case.casusnummer if r.case else "", fouten,
                     len(r.findings) - fouten])  # fmt: skip
    s.table(
        ["Bestand", "Status", "Betekenis", "Casusnummer", "Fouten", "Waarschuwingen"],
        rows,
        ["text", "text", "text", "text", "num", "num"],
        [50, 13, 45, fit_width([row[3] for row in rows], 16, 28), 8, 15],
    )


def bevindingen_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Bevindingen", "Bevindingen per bestand: wat moet er anders")
    rows = [[f.pad, f.blad, f.cel, f.ernst, f.code, f.melding] for f in bc.bevindingen]
    # A4 landscape, fit to the page width: long paths and messages wrap instead of shrinking the print
    s.table(["Bestand", "Blad", "Cel", "Ernst", "Code", "Melding"], rows,
            ["wrap", "text", "text", "text", "text", "wrap"], [34, 15, 8, 11, 24, 72])  # fmt: skip
    if not rows:
        s.note("Geen bevindingen: alle bestanden zijn in orde.")


def prijslijst_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = Sheet(wb, fm, "Prijslijst", f"Gebruikte prijzen op prijspeil {bc.prijspeil}, met bron")
    pl = bc.prijslijst
    used = sorted(set(bc.regels["code"])) if len(bc.regels) else []
    rows = []
    for code in used:
        item = pl.items[code]
        rows.append(
            [
                code,
                item.omschrijving,
                item.wet,
                item.financier,
                item.eenheid,
                int(item.prijs * 100),
                item.prijsjaar,
                float(pl.factor(item.prijsjaar, bc.prijspeil)),
                int(pl.prijs_op_peil(code, bc.prijspeil) * 100),
                item.betrouwbaarheid,
                "ja" if item.overdracht else "nee",
                item.bron,
                Path(item.bestand).name,
            ]
        )
    s.print_wide()
    s.table(
        [
            "Code",
            "Post",
            "Wet",
            "Financier",
            "Eenheid",
            "Prijs",
            "Prijsjaar",
            "Indexfactor",
            f"Prijs {bc.prijspeil}",
            "Betrouwbaarheid",
            "Overdracht",
            "Bron",
            "Prijslijstbestand",
        ],
        rows,
        ["text", "wrap", "text", "text", "text", "eur", "int", "ratio", "eur", "text", "text", "wrap", "text"],
        [12, 34, 12, 16, 14, 12, 9, 11, 13, 14, 11, 110, 24],  # the source in full: wide, so rows stay short
        max_lines=5,  # a long source shows its first lines in print; the whole text is in the cell
    )
    s.ws.set_column(7, 7, 11, wb.add_format({"num_format": "0.0000"}))
    if pl.overrides:
        s.note("Overschreven prijzen (een latere prijslijst gaat voor):")
        rows = [
            [
                o.code,
                o.nieuw.omschrijving,
                int(o.oud.prijs * 100),
                o.oud.prijsjaar,
                Path(o.oud.bestand).name,
                int(o.nieuw.prijs * 100),
                o.nieuw.prijsjaar,
                Path(o.nieuw.bestand).name,
            ]
            for o in pl.overrides
        ]
        s.table(
            [
                "Code",
                "Post",
                "Oude prijs",
                "Oud prijsjaar",
                "Oud bestand",
                "Nieuwe prijs",
                "Nieuw prijsjaar",
                "Nieuw bestand",
            ],
            rows,
            ["text", "text", "eur", "int", "text", "eur", "int", "text"],
        )
    cpi = [[jaar, float(v)] for jaar, v in sorted(pl.cpi.items())]
    s.note("CPI-reeks (2015 = 100), afgeleid uit CBS-cijfers; zie prijslijst/README.md:")
    s.table(["Jaar", "CPI"], cpi, ["int", "ratio"])
