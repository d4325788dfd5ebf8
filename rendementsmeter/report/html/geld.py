"""Report sections about money and time: who pays and who gains, saved time, distribution and trend."""

from __future__ import annotations

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.disclosure import lijst, onderdrukt
from rendementsmeter.analysis.pattern_types import Patronen
from rendementsmeter.analysis.payers import GEMEENTE, ZONDER_KOSTEN, Arbeidsmarkt, InvesteerderBaathebber
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.report.html.common import (
    BATEN_KLEUR,
    KOSTEN_KLEUR,
    esc,
    eur,
    klein,
    pct,
    per_euro,
    table,
    uren,
)
from rendementsmeter.report.html.svg import svg_kolommen, svg_staven


def wie_betaalt(bc: BusinessCase, ib: InvesteerderBaathebber) -> str:
    """Costs and benefits per financier and per law: budgets, always shown in full (see `disclosure`)."""
    groups = bc.kosten_baten_per_financier
    rows = [(name, [(k.bedrag_cent, KOSTEN_KLEUR), (b.bedrag_cent, BATEN_KLEUR)]) for name, (k, b) in groups.items()]
    html = [
        "<p>Het sociaal werk wordt vooral door de gemeente betaald, maar een groot deel van de vermeden kosten "
        "landt bij anderen. Hieronder per financier wat die betaalde en bij wie de besparing naar schatting landt.</p>",
        f"<figure>{svg_staven(rows, [('kosten', KOSTEN_KLEUR), ('baten (vermeden kosten)', BATEN_KLEUR)])}"
        "<figcaption>Kosten en baten per financier. Bedragen per financier en per wet zijn budgetten, geen "
        "personen: ze staan er altijd, ook als er weinig casussen achter zitten.</figcaption></figure>",
    ]
    fin_rows = [
        [esc(f), eur(k.bedrag_cent), eur(b.bedrag_cent), str(max(k.casussen, b.casussen))]
        for f, (k, b) in groups.items()
    ]
    html.append(table(["Financier", "Kosten", "Baten (vermeden kosten)", "Casussen"], fin_rows, {1, 2, 3}))
    wet_groups = bc.kosten_baten_per_wet
    wet_rows = [(w, [(k.bedrag_cent, KOSTEN_KLEUR), (b.bedrag_cent, BATEN_KLEUR)]) for w, (k, b) in wet_groups.items()]
    html.append("<h3>Per wet</h3>")
    html.append(
        f"<figure>{svg_staven(wet_rows, [('kosten', KOSTEN_KLEUR), ('baten (vermeden kosten)', BATEN_KLEUR)])}"
        "<figcaption>Kosten en baten per wet.</figcaption></figure>"
    )
    rows_wet = [
        [esc(w), eur(k.bedrag_cent), eur(b.bedrag_cent), str(max(k.casussen, b.casussen))]
        for w, (k, b) in wet_groups.items()
    ]
    html.append(table(["Wet", "Kosten", "Baten (vermeden kosten)", "Casussen"], rows_wet, {1, 2, 3}))
    g_k, g_b = ib.gemeente_kosten_cent, ib.gemeente_baten_cent
    anderen = [(b, c.bedrag_cent) for b, c in ib.baten.items() if b != GEMEENTE and c.bedrag_cent]
    bij_anderen = (
        " (" + lijst(f"{esc(b)} {eur(v)}" for b, v in sorted(anderen, key=lambda x: -x[1])) + ")" if anderen else ""
    )
    tekst = (
        f"<p>De gemeente betaalt {eur(g_k)} (eigen inzet en doorverwezen zorg die zij financiert). Van alle "
        f"vermeden kosten landt naar schatting {eur(g_b)} bij de gemeente ({pct(ib.gemeente_aandeel)}), "
        f"waarvan {eur(ib.gemeente_overdrachten_cent)} overdrachten zoals bijstand. Het eigen netto resultaat "
        f"van de gemeente is daarmee {eur(ib.gemeente_netto_cent)}; zonder overdrachten "
        f"{eur(ib.gemeente_netto_zonder_overdrachten_cent)}. De rest van de besparing, "
        f"{eur(ib.totaal_baten_cent - g_b)}, landt bij andere partijen{bij_anderen}.</p>"
    )
    html.append("<h3>De gemeente</h3>" + tekst)  # fmt: skip
    inv = ib.investeerders
    headers = ["Baathebber ↓ / investeerder →"] + [esc(a) for a in inv] + ["Totaal"]
    body = [
        ["<b>Kosten (investering)</b>"]
        + ["-" if a == ZONDER_KOSTEN else eur(ib.kosten[a].bedrag_cent) for a in inv]
        + [eur(bc.totalen["kosten"])]
    ]
    for b in ib.baathebbers:
        row = [esc(b)] + [eur(ib.cellen[(a, b)].bedrag_cent) if (a, b) in ib.cellen else "" for a in inv]
        body.append(row + [eur(ib.baten[b].bedrag_cent)])
    total = ["Baten totaal"] + [eur(ib.rijen[a].bedrag_cent) for a in inv] + [eur(ib.totaal_baten_cent)]
    html.append("<h3>Investeerders en baathebbers</h3>")
    html.append(table(headers, body, set(range(1, len(headers))), total=total))
    html.append(
        '<p class="note">Een cel is de besparing bij de baathebber (rij) uit de casussen waarin de investeerder '
        "(kolom) betaalde, naar rato van zijn deel van de kosten van elke casus. Rijen en kolommen tellen op tot de "
        "totalen.</p>"
    )
    return "".join(html)


def tijd(am: Arbeidsmarkt, m: int) -> str:
    per_fte = uren(am.uren_per_fte, 0)
    rows = []
    for s in am.sectoren:
        naam = esc(s.sector) + ("" if s.personeel else " (geen personeel)")
        rows.append([naam, uren(s.uren), uren(s.fte(am.uren_per_fte), 2), str(s.casussen), uren(s.uren_ingezet)])
    html = []
    if am.personeel_casussen == 0:
        html.append(
            "<p>Er zijn (nog) te weinig casussen met vermeden uren van professionals om een totaal te tonen.</p>"
        )
    else:
        html.append(
            f"<p>Naar schatting is {uren(am.personeel_uren)} uur werk van professionals vermeden, bij politie, "
            f"zorg, hulpverlening en andere diensten. Dat is {uren(am.personeel_fte, 2)} fte: zoveel mensen zouden "
            f"een jaar lang met dit werk bezig zijn geweest (bij {per_fte} productieve uren per fte per jaar; dat "
            "getal is een aanname en kan worden aangepast).</p>"
        )
    html.append(
        f"<p>Alleen posten waarvan de prijslijst de uren kent, tellen mee: dat is {pct(am.dekking)} van de baten "
        "(naar waarde). Voor de rest, zoals uitkeringen, uitzettingen en delicten, geeft de prijslijst geen uren "
        "en is er niet geschat: de werkelijk vermeden tijd is dus groter dan hier staat.</p>"
    )
    if rows:
        html.append(table(["Sector", "Uren vermeden", "fte", "Casussen", "Uren ingezette zorg"], rows, {1, 2, 3, 4}))
        html.append(
            '<p class="note">Uren = uren per eenheid × aantal × kans / 100. Uren ingezette zorg: tijd die door '
            "doorverwijzing juist extra werd gevraagd. Mantelzorg en arbeid zijn tijd van naasten en van de cliënt "
            "zelf, geen personeel, en tellen niet mee in het totaal.</p>"
        )
    zonder = [p for p in am.zonder_uren if not onderdrukt(p.casussen, m)][:6]
    if zonder:
        html.append(
            '<p class="note">Grootste posten zonder uren in de prijslijst: '
            + "; ".join(f"{esc(p.omschrijving)} ({eur(p.baten_cent)})" for p in zonder)
            + ".</p>"
        )
    return "".join(html)


def verdeling_trend(pat: Patronen) -> str:
    """Histogram, outliers counted (never named: no case numbers for the municipality), quarters of all teams."""
    m = pat.min_groep
    html = []
    if pat.verdeling:
        labels = [f"{format_eur_cents(k.van_cent)}\ntot {format_eur_cents(k.tot_cent)}" for k in pat.verdeling]
        html.append(
            "<figure>"
            + svg_kolommen(
                labels,
                [k.casussen for k in pat.verdeling],
                [str(k.casussen) for k in pat.verdeling],
                "aantal casussen",
                m,
            )
            + "<figcaption>Verdeling van het netto resultaat per casus (aantal casussen per klasse). Klassen zonder "
            "casussen zijn weggelaten; klassen met heel weinig casussen zijn samengevoegd met een buur.</figcaption>"
            "</figure>"
        )
    u = pat.uitschieters
    if u.methode:
        if u.gemarkeerd:
            een = len(u.gemarkeerd) == 1
            hoog = sum(x.richting == "hoog" for x in u.gemarkeerd)
            richting = (
                "veel hoger"
                if hoog == len(u.gemarkeerd)
                else "veel lager"
                if hoog == 0
                else f"{hoog} veel hoger, {len(u.gemarkeerd) - hoog} veel lager"
            )
            html.append(
                f"<p>{len(u.gemarkeerd)} {'casus wijkt' if een else 'casussen wijken'} sterk af van de rest "
                f"({richting}). {'Deze telt' if een else 'Ze tellen'} gewoon mee; het team laat een collega "
                "controleren of aantallen en kansen kloppen. Regel: netto per casus buiten de mediaan ± 3 × de "
                f"geschaalde spreiding (buiten {eur(u.ondergrens_cent)} tot {eur(u.bovengrens_cent)}).</p>"
            )
        else:
            html.append("<p>Geen casus wijkt sterk af van de rest (regel: mediaan ± 3 × geschaalde spreiding).</p>")
    if pat.trend_kwartaal:
        punten = pat.trend_kwartaal
        values = [None if onderdrukt(t.casussen, m) else t.baten_per_casus_cent for t in punten]
        tops = ["" if onderdrukt(t.casussen, m) else f"{format_eur_cents(t.baten_per_casus_cent)}" for t in punten]
        html.append(
            "<h3>Per kwartaal</h3><figure>"
            + svg_kolommen([t.kwartaal for t in punten], values, [esc(x) for x in tops], "baten per casus", m)
            + "<figcaption>Baten per casus per kwartaal van de einddatum, alle teams samen.</figcaption></figure>"
        )
        rows = []
        for t in punten:
            if onderdrukt(t.casussen, m):
                rows.append([esc(t.kwartaal), klein(m), klein(m), klein(m), klein(m)])
            else:
                rows.append(
                    [
                        esc(t.kwartaal),
                        str(t.casussen),
                        eur(t.baten_per_casus_cent),
                        eur(t.netto_per_casus_cent),
                        "€ " + per_euro(t.rendement),
                    ]
                )
        html.append(
            table(["Kwartaal", "Casussen", "Baten per casus", "Netto per casus", "Per euro"], rows, {1, 2, 3, 4})
        )
    return "".join(html)
