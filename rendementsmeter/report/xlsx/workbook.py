"""The business case workbook for the team lead and the municipality. Renders; never computes totals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from rendementsmeter import __version__
from rendementsmeter.analysis.businesscase import BusinessCase, ratio
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.core.output import XLSX_MONEY as MONEY
from rendementsmeter.core.output import XLSX_OPTIONS, atomic_path

REGELSOORT = {"inzet": "Eigen inzet", "ingezet": "Ingezette zorg", "vermeden": "Vermeden zorg"}
STATUS_UITLEG = {
    "opgenomen": "telt mee",
    "afgewezen": "telt niet mee: los de fouten op en draai opnieuw",
    "overgeslagen": "geen casusbestand",
    "buiten periode": "geldig, maar de einddatum valt buiten de gekozen periode",
}


class _Sheet:
    """A worksheet with a running row and table helper."""

    def __init__(self, wb: Any, fm: dict[str, Any], name: str, title: str):
        self.ws = wb.add_worksheet(name)
        self.fm = fm
        self.row = 0
        self.ws.write(0, 0, title, fm["title"])
        self.row = 2
        self.tables = 0
        self.ws.set_landscape()
        self.ws.set_paper(9)
        self.ws.fit_to_pages(1, 0)
        self.ws.set_footer("&L&A&RPagina &P van &N")

    def note(self, text: str) -> None:
        """A remark: short ones in one cell, long ones wrapped over the first columns (so that they do
        not stretch the printed page)."""
        if len(text) <= 110:
            self.ws.write_string(self.row, 0, text, self.fm["note"])
        else:
            self.ws.merge_range(self.row, 0, self.row, 4, text, self.fm["note_wrap"])
            self.ws.set_row(self.row, 15 * (len(text) // 100 + 1))
        self.row += 1

    def table(
        self,
        headers: list[str],
        rows: list[list[Any]],
        kinds: list[str],
        widths: list[int] | None = None,
        total: list[Any] | None = None,
    ) -> None:
        ws, fm = self.ws, self.fm
        top = self.row
        for c, h in enumerate(headers):
            ws.write_string(top, c, h, fm["header"])
            if widths:
                ws.set_column(c, c, widths[c])
        if widths and any(len(h) > w for h, w in zip(headers, widths, strict=False)):
            ws.set_row(top, 32)  # wrapped headers need two lines
        for r, values in enumerate(rows, start=top + 1):
            for c, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                _write(ws, r, c, value, kind, fm)
        self.row = top + 1 + len(rows)
        if total is not None:
            for c, (value, kind) in enumerate(zip(total, kinds, strict=True)):
                _write(ws, self.row, c, value, kind, fm, bold=True)
            self.row += 1
        if self.tables == 0 and len(rows) > 10:
            # only the first table of a sheet: Excel allows one filter, and a frozen lower table
            # would pin everything above it
            ws.autofilter(top, 0, top + len(rows), len(headers) - 1)
            ws.freeze_panes(top + 1, 0)
        self.tables += 1
        self.row += 1


def _write(ws: Any, r: int, c: int, value: Any, kind: str, fm: dict[str, Any], bold: bool = False) -> None:
    suffix = "_b" if bold else ""
    if value is None or (isinstance(value, float) and value != value):
        ws.write_blank(r, c, None, fm["text" + suffix])
    elif kind == "eur":
        ws.write_number(r, c, value / 100, fm["money" + suffix])
    elif kind == "int":
        ws.write_number(r, c, value, fm["int" + suffix])
    elif kind == "ratio":
        ws.write_number(r, c, value, fm["ratio" + suffix])
    elif kind == "pct":
        ws.write_number(r, c, value, fm["pct" + suffix])
    elif kind == "num":
        ws.write_number(r, c, float(value), fm["num" + suffix])
    elif kind == "date":
        ws.write_datetime(r, c, value, fm["date" + suffix])
    else:
        ws.write_string(r, c, str(value), fm["text" + suffix])


def _formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    fm = {
        "title": wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F4E79"}),
        "note": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
        "note_wrap": wb.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": True}),
        "header": wb.add_format(
            {**base, "bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True, "border": 1}
        ),
    }
    for suffix, extra in (("", {}), ("_b", {"bold": True, "top": 2})):
        fm["text" + suffix] = wb.add_format({**base, **extra})
        fm["money" + suffix] = wb.add_format({**base, **extra, "num_format": MONEY})
        fm["ratio" + suffix] = wb.add_format({**base, **extra, "num_format": "[$-413]0.00"})
        fm["pct" + suffix] = wb.add_format({**base, **extra, "num_format": "[$-413]0.0%"})
        fm["num" + suffix] = wb.add_format({**base, **extra, "num_format": "[$-413]#,##0.##"})
        fm["int" + suffix] = wb.add_format({**base, **extra, "num_format": "0"})
        fm["date" + suffix] = wb.add_format({**base, **extra, "num_format": "dd-mm-yyyy", "align": "left"})
    return fm


def _samenvatting(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = _Sheet(wb, fm, "Samenvatting", "Business case sociaal werk: maatschappelijk rendement")
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
    headline = [
        ["Kosten eigen inzet", t["kosten_inzet"], None],
        ["Kosten ingezette zorg (doorverwijzing)", t["kosten_ingezette_zorg"], None],
        ["Totaal kosten", t["kosten"], t["kosten_maatschappelijk"]],
        ["Vermeden kosten (baten, verwachte waarde)", t["baten"], t["baten_maatschappelijk"]],
        ["Netto (baten - kosten)", t["netto"], t["netto_maatschappelijk"]],
    ]
    s.table(
        ["Kerncijfers", "Betalersperspectief", "Maatschappelijk perspectief"],
        headline,
        ["text", "eur", "eur"],
        [44, 24, 28],
    )
    s.ws.write_string(s.row - 1, 0, "Rendement (baten per euro kosten)", fm["text_b"])
    for c, value in ((1, bc.rendement), (2, bc.rendement_maatschappelijk)):
        _write(s.ws, s.row - 1, c, value, "ratio", fm, bold=True)
    s.row += 1
    for line in (
        "Verwachte waarde van vermeden zorg = aantal × prijs op prijspeil × kans / 100, per regel afgerond op centen.",
        "Maatschappelijk perspectief: zonder overdrachten (zoals een bijstandsuitkering): die zijn een besparing "
        "voor de betaler, geen besparing voor de samenleving.",
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


def _per_wet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = _Sheet(wb, fm, "Per wet en financier", "Kosten en baten per wet en per financier")
    for frame, label in ((bc.per_wet, "Wet"), (bc.per_financier, "Financier")):
        rows = [[k, int(r.kosten_cent), int(r.baten_cent), int(r.netto_cent)] for k, r in frame.iterrows()]
        total = ["Totaal", bc.totalen["kosten"], bc.totalen["baten"], bc.totalen["netto"]]
        s.table([label, "Kosten", "Baten", "Netto"], rows, ["text", "eur", "eur", "eur"], [30, 18, 18, 18], total=total)
    s.note(
        "Kosten: eigen inzet en ingezette zorg, bij de wet en financier van de post. "
        "Baten: vermeden zorg, bij wie de besparing landt."
    )


def _per_casus(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = _Sheet(wb, fm, "Per casus", "Kosten en baten per casus")
    pc = bc.per_casus
    rows = [
        [
            r.casusnummer,
            r.domein,
            r.team,
            r.werker,
            r.einddatum,
            r.regels,
            r.kosten_inzet_cent,
            r.kosten_ingezette_zorg_cent,
            r.kosten_cent,
            r.baten_cent,
            r.baten_maatschappelijk_cent,
            r.netto_cent,
            ratio(int(r.baten_cent), int(r.kosten_cent)),
            r.pad,
        ]
        for r in pc.itertuples()
    ]
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
        rows,
        ["text", "text", "text", "text", "date", "num", "eur", "eur", "eur", "eur", "eur", "eur", "ratio", "text"],
        [16, 26, 14, 10, 12, 8, 15, 15, 15, 15, 15, 15, 11, 40],
        total=total,
    )


#: Above this many lines the line list goes to a CSV next to the workbook: a sheet that large is slow
#: to write and to open, and Excel stops at 1,048,576 rows.
MAX_REGELS_IN_WERKMAP = 50_000


def regels_csv_path(target: Path) -> Path:
    return target.with_name(target.stem + "-regels.csv")


def write_regels_csv(bc: BusinessCase, path: Path) -> Path:
    """All priced lines as CSV for Dutch Excel (semicolons, decimal commas, UTF-8 with BOM)."""
    frame = bc.regels.drop(columns=[c for c in ("vingerafdruk",) if c in bc.regels]).copy()
    for col in [c for c in frame.columns if c.endswith("_cent")]:
        frame[col.removesuffix("_cent")] = frame.pop(col) / 100
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, sep=";", decimal=",", index=False, encoding="utf-8-sig")
    return path


def _regels(wb: Any, fm: dict[str, Any], bc: BusinessCase, csv_path: Path | None = None) -> None:
    s = _Sheet(wb, fm, "Regels", "Alle geprijsde regels, herleidbaar tot bestand en cel")
    if csv_path is not None:
        count = f"{len(bc.regels):,}".replace(",", ".")
        s.note(f"{count} regels: te veel voor een werkblad. Ze staan in {csv_path.name} (naast deze werkmap; "
               "puntkomma's en decimale komma's, opent in Excel).")  # fmt: skip
        s.ws.write_url(s.row, 0, f"external:{csv_path.name}", string=f"Open {csv_path.name}")
        return
    rows = [
        [
            r.casusnummer,
            REGELSOORT[r.regelsoort],
            r.code,
            r.omschrijving,
            r.wet,
            r.financier,
            r.eenheid,
            r.aantal,
            None if pd.isna(r.kans) else int(r.kans),
            round(r.prijs * 100),
            r.prijsjaar,
            r.prijs_op_peil_cent,
            r.bedrag_cent,
            "ja" if r.overdracht else "nee",
            r.betrouwbaarheid,
            r.toelichting,
            r.pad,
            f"{r.blad}!{r.cel}",
            r.dubbeltelling,
            r.bedrag_dubbel_cent or None,
        ]
        + ([r.oordeel, r.beoordelaar] if bc.beoordeling is not None else [])
        for r in bc.regels.itertuples()
    ]
    kinds = [
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "num",
        "int",
        "eur",
        "int",
        "eur",
        "eur",
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "eur",
    ]
    extra_headers = ["Oordeel", "Beoordelaar"] if bc.beoordeling is not None else []
    kinds += ["text"] * len(extra_headers)
    s.table(
        [
            "Casusnummer",
            "Soort regel",
            "Code",
            "Post",
            "Wet",
            "Financier",
            "Eenheid",
            "Aantal",
            "Kans (%)",
            "Prijs (bron)",
            "Prijsjaar",
            f"Prijs {bc.prijspeil}",
            "Bedrag",
            "Overdracht",
            "Betrouwbaarheid",
            "Toelichting",
            "Bestand",
            "Cel",
            "Dubbeltelling",
            "Niet meegeteld",
        ]
        + extra_headers,
        rows,
        kinds,
        [16, 15, 12, 40, 12, 16, 14, 9, 9, 12, 9, 13, 14, 10, 8, 50, 40, 22, 40, 14] + [12] * len(extra_headers),
    )
    s.note("Bedrag = aantal × prijs op prijspeil (× kans / 100 bij vermeden zorg), afgerond op centen.")
    if bc.beoordeling is not None:
        s.note("Na beoordeling: afgewezen regels staan hier niet meer (wel op blad Audit beoordeling).")


def _bestanden(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = _Sheet(wb, fm, "Bestanden", "Elk gelezen bestand en wat ermee gebeurde")
    rows = [
        [
            r.pad,
            bc.status_van(r),
            STATUS_UITLEG[bc.status_van(r)],
            r.case.casusnummer if r.case else "",
            len(r.fouten),
            len(r.waarschuwingen),
        ]
        for r in bc.alle_bestanden
    ]
    s.table(
        ["Bestand", "Status", "Betekenis", "Casusnummer", "Fouten", "Waarschuwingen"],
        rows,
        ["text", "text", "text", "text", "num", "num"],
        [50, 13, 45, 16, 8, 15],
    )


def _bevindingen(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = _Sheet(wb, fm, "Bevindingen", "Bevindingen per bestand: wat moet er anders")
    rows = [[f.pad, f.blad, f.cel, f.ernst, f.code, f.melding] for f in bc.bevindingen]
    s.table(["Bestand", "Blad", "Cel", "Ernst", "Code", "Melding"], rows, ["text"] * 6, [40, 16, 8, 13, 24, 100])
    if not rows:
        s.note("Geen bevindingen: alle bestanden zijn in orde.")


def _prijslijst(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    s = _Sheet(wb, fm, "Prijslijst", f"Gebruikte prijzen op prijspeil {bc.prijspeil}, met bron")
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
        ["text", "text", "text", "text", "text", "eur", "int", "ratio", "eur", "text", "text", "text", "text"],
        [12, 40, 12, 16, 14, 11, 9, 11, 13, 8, 10, 80, 24],
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


def _beoordeling(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    """Before/after review, the share reviewed, the files, agreement and conflicts."""
    b = bc.beoordeling
    if b is None:
        return
    s = _Sheet(wb, fm, "Beoordeling", "Beoordeling door collega's: wat veranderde")
    for c, width in enumerate((58, 20, 20, 20, 18, 16)):
        s.ws.set_column(c, c, width)
    before, after = b.totalen_voor, bc.totalen
    rows: list[list[Any]] = [
        [label, before[key], after[key], after[key] - before[key]]
        for label, key in (
            ("Kosten", "kosten"),
            ("Baten (betalersperspectief)", "baten"),
            ("Baten (maatschappelijk perspectief)", "baten_maatschappelijk"),
            ("Netto (betalersperspectief)", "netto"),
            ("Netto (maatschappelijk perspectief)", "netto_maatschappelijk"),
        )
    ]
    s.table(["Kerncijfers", "Vóór beoordeling", "Na beoordeling", "Verschil"], rows, ["text", "eur", "eur", "eur"])
    for label, num, den in (
        ("Rendement (betalers)", "baten", "kosten"),
        ("Rendement (maatschappelijk)", "baten_maatschappelijk", "kosten_maatschappelijk"),
    ):
        s.ws.write_string(s.row - 1, 0, label, fm["text_b"])
        _write(s.ws, s.row - 1, 1, ratio(before[num], before[den]), "ratio", fm, bold=True)
        _write(s.ws, s.row - 1, 2, ratio(after[num], after[den]), "ratio", fm, bold=True)
        s.row += 1
    s.row += 1
    counts = {o: sum(c.oordeel == o for c in b.audit) for o in ("akkoord", "aangepast", "afgewezen")}
    for c, header in enumerate(("Beoordeeld", "Waarde")):
        s.ws.write_string(s.row, c, header, fm["header"])
    s.row += 1
    for label, value, kind in (
        ("Regels vermeden zorg", b.regels_vermeden, "num"),
        ("Regels met een toegepast oordeel", b.regels_beoordeeld, "num"),
        ("Aandeel regels beoordeeld", b.aandeel_regels, "pct"),
        ("Waarde van de beoordeelde regels (vóór beoordeling)", b.waarde_beoordeeld_cent, "eur"),
        ("Aandeel van de baten beoordeeld (op waarde)", b.aandeel_waarde, "pct"),
        ("Akkoord", counts["akkoord"], "num"),
        ("Aangepast", counts["aangepast"], "num"),
        ("Afgewezen", counts["afgewezen"], "num"),
        ("Wijzigingen (afgewezen, of ander aantal of kans)", b.wijzigingen, "num"),
        ("Conflicten tussen beoordelaars", len(b.conflicten), "num"),
    ):
        _write(s.ws, s.row, 0, label, "text", fm)
        _write(s.ws, s.row, 1, value, kind, fm)
        s.row += 1
    s.row += 1
    s.note("Beoordelingsbestanden:")
    s.table(
        ["Beoordelingsbestand", "Beoordelaar", "Bruikbare oordelen", "Fouten", "Waarschuwingen"],
        [
            [
                rf.pad,
                rf.beoordelaar,
                len(rf.oordelen),
                sum(f.is_fout for f in rf.findings),
                sum(not f.is_fout for f in rf.findings),
            ]
            for rf in b.bestanden
        ],
        ["text", "text", "num", "num", "num"],
    )
    s.note("Overeenstemming tussen beoordelaars (over de regels die beiden beoordeelden):")
    if b.overeenstemming:
        s.table(
            ["Beoordelaar A", "Beoordelaar B", "Regels samen", "Zelfde oordeel", "Aandeel zelfde", "Cohen's kappa"],
            [
                [
                    a.beoordelaar_a,
                    a.beoordelaar_b,
                    a.regels,
                    a.gelijk,
                    a.aandeel,
                    a.kappa if a.kappa is not None else "n.v.t.",
                ]
                for a in b.overeenstemming
            ],
            [
                "text",
                "text",
                "num",
                "num",
                "pct",
                "ratio" if all(a.kappa is not None for a in b.overeenstemming) else "text",
            ],
        )
        s.note(
            "Cohen's kappa: overeenstemming gecorrigeerd voor toeval (1 = volledig eens, 0 = niet beter dan toeval); "
            "n.v.t. als beide beoordelaars overal hetzelfde ene oordeel gaven."
        )
    else:
        s.note("Geen regels die door twee beoordelaars zijn beoordeeld.")
        s.row += 1
    s.note("Conflicten (beoordelaars oneens over een regel):")
    if b.conflicten:
        s.table(
            ["Oordelen (beoordelaar, oordeel: waarde)", "Casusnummer", "Cel", "Code", "Gebruikt", "Waarom"],
            [
                [
                    "; ".join(f"{r} {t}: {format_eur_cents(v)}" for r, t, v in c.oordelen),
                    c.casusnummer,
                    c.plek,
                    c.code,
                    f"{c.gebruikt}: {c.gebruikt_oordeel}",
                    c.reden,
                ]
                for c in b.conflicten
            ],
            ["text"] * 6,
        )
    else:
        s.note("Geen conflicten.")
        s.row += 1
    for line in (
        "Regels: afgewezen = de regel telt niet mee; aangepast = nieuw aantal en/of nieuwe kans, opnieuw geprijsd "
        "(aantal × prijs op prijspeil × kans / 100, afgerond op centen); akkoord = beoordeeld, ongewijzigd.",
        "Een oordeel op een regel die sinds het beoordelingsbestand is gewijzigd, wordt niet toegepast (zie blad "
        "Bevindingen). Zijn beoordelaars het oneens, dan telt het voorzichtigste oordeel (de laagste waarde).",
        "Aandeel beoordeeld (op waarde) = waarde vóór beoordeling van de regels met een toegepast oordeel / baten "
        "vóór beoordeling.",
    ):
        s.note(line)


def _wijziging(c: Any) -> str:
    if c.oordeel == "afgewezen":
        return "afgewezen: telt niet mee"
    parts = []
    if c.aantal_nieuw != c.aantal_oud:
        parts.append(f"aantal {c.aantal_oud:f} → {c.aantal_nieuw:f}".replace(".", ","))
    if c.kans_nieuw != c.kans_oud:
        parts.append(f"kans {c.kans_oud}% → {c.kans_nieuw}%")
    return "; ".join(parts) or "ongewijzigd"


def _audit(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    """Every applied verdict: reviewer, line, old -> new, remark."""
    b = bc.beoordeling
    if b is None:
        return
    s = _Sheet(wb, fm, "Audit beoordeling", "Audit: elk toegepast oordeel, oud → nieuw")
    rows = [
        [
            c.casusnummer,
            c.plek,
            c.code,
            c.omschrijving,
            c.beoordelaar,
            c.oordeel,
            _wijziging(c),
            float(c.aantal_oud),
            float(c.aantal_nieuw) if c.oordeel != "afgewezen" else None,
            c.kans_oud,
            c.kans_nieuw if c.oordeel != "afgewezen" else None,
            c.bedrag_oud_cent,
            c.bedrag_nieuw_cent,
            c.bedrag_nieuw_cent - c.bedrag_oud_cent,
            c.opmerking,
            c.conflict,
            c.pad,
            f"{c.bestand} ({c.cel})",
            c.regel_id,
        ]
        for c in b.audit
    ]
    s.table(
        [
            "Casusnummer",
            "Cel",
            "Code",
            "Post",
            "Beoordelaar",
            "Oordeel",
            "Wijziging",
            "Aantal oud",
            "Aantal nieuw",
            "Kans oud",
            "Kans nieuw",
            "Bedrag oud",
            "Bedrag nieuw",
            "Verschil",
            "Opmerking",
            "Conflict",
            "Casusbestand",
            "Beoordelingsbestand (cel)",
            "Regel-id",
        ],
        rows,
        ["text"] * 7 + ["num"] * 4 + ["eur"] * 3 + ["text"] * 5,
        [14, 18, 12, 36, 12, 11, 30, 10, 10, 9, 9, 13, 13, 13, 50, 30, 36, 40, 28],
        total=["Totaal", "", "", "", "", "", "", None, None, None, None]
        + [sum(c.bedrag_oud_cent for c in b.audit), sum(c.bedrag_nieuw_cent for c in b.audit)]
        + [sum(c.bedrag_nieuw_cent - c.bedrag_oud_cent for c in b.audit), "", "", "", "", ""],
    )
    if not rows:
        s.note("Geen toegepaste oordelen.")


def _grafieken(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    from rendementsmeter.report.xlsx.charts import add_charts

    add_charts(wb, fm, bc, min_groep=bc.min_groep, pat=bc.patronen)


def gevoeligheid_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    from rendementsmeter.report.xlsx.gevoeligheid import gevoeligheid_sheet as sheet

    sheet(wb, fm, bc)


def write_businesscase(bc: BusinessCase, path: Path | str) -> Path:
    """Write the business case workbook atomically (no half-written file on failure)."""
    target = Path(path)
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), XLSX_OPTIONS)
        wb.set_properties({"title": "Business case sociaal werk", "author": "rendementsmeter", "created": bc.gemaakt})
        fm = _formats(wb)
        csv_path = regels_csv_path(target) if len(bc.regels) > MAX_REGELS_IN_WERKMAP else None
        if csv_path is not None:
            write_regels_csv(bc, csv_path)

        def regels(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
            _regels(wb, fm, bc, csv_path)

        parts = [_samenvatting, _per_wet, _per_casus, regels]
        if bc.beoordeling is not None:
            parts += [_beoordeling, _audit]
        for part in parts + [gevoeligheid_sheet, _grafieken, _bestanden, _bevindingen, _prijslijst]:
            part(wb, fm, bc)
        wb.close()
    return target
