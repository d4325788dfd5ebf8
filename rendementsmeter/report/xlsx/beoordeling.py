"""Workbook sheets about the colleagues' review: Beoordeling and Audit beoordeling."""

from __future__ import annotations

from typing import Any

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.totals import ratio
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.report.xlsx.sheet import Sheet, write_cell


def beoordeling_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    """Before/after review, the share reviewed, the files, agreement and conflicts."""
    b = bc.beoordeling
    if b is None:
        return
    s = Sheet(wb, fm, "Beoordeling", "Beoordeling door collega's: wat veranderde")
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
        write_cell(s.ws, s.row - 1, 1, ratio(before[num], before[den]), "ratio", fm, bold=True)
        write_cell(s.ws, s.row - 1, 2, ratio(after[num], after[den]), "ratio", fm, bold=True)
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
        write_cell(s.ws, s.row, 0, label, "text", fm)
        write_cell(s.ws, s.row, 1, value, kind, fm)
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


def audit_sheet(wb: Any, fm: dict[str, Any], bc: BusinessCase) -> None:
    """Every applied verdict: reviewer, line, old -> new, remark."""
    b = bc.beoordeling
    if b is None:
        return
    s = Sheet(wb, fm, "Audit beoordeling", "Audit: elk toegepast oordeel, oud → nieuw")
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
    s.print_wide()
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
