"""Report sections about the cases: the headline figures, the story per domain, per life domain."""

from __future__ import annotations

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.disclosure import klein_label, lijst, onderdrukt
from rendementsmeter.analysis.pattern_types import Groep, Patronen
from rendementsmeter.analysis.perspectives import rendement_tekst
from rendementsmeter.report.html.common import esc, eur, pct, per_euro, table


def kerncijfers(bc: BusinessCase, n: int) -> str:
    """Netto per named perspective first, then each rendement under its own name, the break-even and the
    simulated interval (all view data from the analysis)."""
    t, ps, o = bc.totalen, bc.perspectieven, bc.onzekerheid
    m = ps.maatschappelijk
    cards = [
        ("", eur(m.netto_cent), "netto maatschappelijk (MKBA): baten min kosten voor de samenleving"),
        ("", rendement_html(m.rendement), "maatschappelijk rendement: baten per euro kosten"),
        ("kosten", eur(t["kosten"]), "kosten: eigen inzet en doorverwezen zorg"),
    ]
    html = ['<div class="cards">']
    for cls, value, label in cards:
        html.append(f'<div class="card {cls}"><div class="v">{value}</div><div class="l">{esc(label)}</div></div>')
    html.append("</div>")
    rows = [
        [esc(p.label), eur(p.netto_cent), eur(p.kosten_cent), eur(p.baten_cent), rendement_html(p.rendement)]
        for p in ps.alle
    ]
    html.append(table(["Perspectief", "Netto", "Kosten", "Baten", "Rendement"], rows, {1, 2, 3, 4}))
    html.append(
        "<p>Maatschappelijk (MKBA): alle echte kosten en baten, ook de tijd van vrijwilligers en kosten van burgers "
        "en slachtoffers, zonder overdrachten zoals een bijstandsuitkering (die zijn een besparing voor de betaler, "
        "geen besparing voor de samenleving). Financieel: per financier wat op zijn begroting landt. Buiten elke "
        f"begroting (burgers, slachtoffers, divers) valt {eur(ps.geen_budget_baten_cent)} aan baten; de "
        f"vrijwilligers tellen tegen een schaduwprijs van {eur(ps.schaduwprijs_cent)} (een echte kost, niemands "
        "kas).</p>"
    )
    html.append(
        f"<p>In {n} afgesloten casussen kostte het sociaal werk samen {eur(t['kosten'])}: "
        f"{eur(t['kosten_inzet'])} eigen inzet (uren van sociaal werkers en vrijwilligers, groepsactiviteiten) "
        f"en {eur(t['kosten_ingezette_zorg'])} aan zorg die via doorverwijzing werd ingezet. Elke regel vermeden "
        "zorg telt als verwachte waarde: aantal × prijs × kans × het aandeel dat de werker aan de eigen inzet "
        "toeschrijft; na het eerste jaar verdisconteerd; niets als de cliënt overleed.</p>"
    )
    if m.omslagpunt is not None:
        omslag = (
            f"alle kansen samen mogen {pct(m.omslagpunt)} lager zijn voordat het maatschappelijk netto € 0 is"
            if m.omslagpunt > 0
            else "het maatschappelijk netto is nu al niet positief"
        )
        html.append(f"<p>Omslagpunt: {omslag}.")
        if o.rendement is not None:
            html.append(
                f" Met de onzekerheid in kansen, aantallen en prijzen (simulatie) ligt het maatschappelijk rendement "
                f"in 90% van de uitkomsten tussen € {per_euro(o.rendement.p5)} en € {per_euro(o.rendement.p95)}."
            )
        html.append("</p>")
    html.append(_beoordeling_tekst(bc))
    return "".join(html)


def rendement_html(value: float | None) -> str:
    return esc(rendement_tekst(value)).replace(" ", "\u00a0")


def _beoordeling_tekst(bc: BusinessCase) -> str:
    """Whether colleagues reviewed the estimates, and what that changed (the report must say so)."""
    b = bc.beoordeling
    if b is None:
        return ("<p>De schattingen in deze business case zijn (nog) niet door collega's beoordeeld: het zijn de "
                "inschattingen van de sociaal werkers zelf.</p>")  # fmt: skip
    aandeel = f"{b.aandeel_waarde * 100:.0f}%".replace(".", ",") if b.aandeel_waarde is not None else "-"
    return (
        f"<p>Collega's hebben de schattingen beoordeeld: {b.regels_beoordeeld} van de {b.regels_vermeden} regels "
        f"vermeden zorg ({aandeel} van de baten naar waarde). Vóór beoordeling waren de baten "
        f"{eur(b.totalen_voor.get('baten', 0))}, na beoordeling {eur(bc.totalen['baten'])}; "
        f"{b.wijzigingen} wijziging(en), {len(b.conflicten)} conflict(en) (bij onenigheid telt het voorzichtigste "
        "oordeel). Alle cijfers in dit rapport zijn na beoordeling.</p>"
    )


def _post_naam(bc: BusinessCase, code: str) -> str:
    item = bc.prijslijst.items.get(code)
    return f"{item.omschrijving} ({code})" if item else code


def _is_overdracht(bc: BusinessCase, code: str) -> bool:
    item = bc.prijslijst.items.get(code)
    return bool(item and item.overdracht)


def verhaal(bc: BusinessCase, g: Groep, pat: Patronen, verhalen: str = "") -> str:
    m = pat.min_groep
    titel = esc(g.naam[:1].upper() + g.naam[1:])
    if onderdrukt(g.casussen, m):
        return (
            f'<div class="domein"><h3>{titel} ({esc(klein_label(m))} casussen)</h3><p>Te weinig casussen om '
            "cijfers te tonen zonder dat personen herkenbaar kunnen worden.</p></div>"
        )
    zinnen = []
    if len(g.domeinen) > 1:
        zinnen.append(
            f"Samengenomen: {esc(lijst(g.domeinen))} hebben elk minder dan {m} casussen en staan daarom samen."
        )
    zinnen += [
        f"In {g.casussen} casussen kostte het werk {eur(g.kosten_cent)} en is naar schatting "
        f"{eur(g.baten_cent)} aan zorg en kosten vermeden: € {per_euro(g.rendement)} per euro.",
        f"Het netto resultaat per casus is voor de middelste helft van de casussen {eur(g.p25_netto_cent)}."
        if g.p25_netto_cent == g.p75_netto_cent
        else f"Het netto resultaat per casus ligt voor de middelste helft van de casussen tussen "
        f"{eur(g.p25_netto_cent)} en {eur(g.p75_netto_cent)} (mediaan {eur(g.mediaan_netto_cent)}).",
    ]
    if g.mediaan_netto_cent < 0 < g.netto_cent:
        zinnen.append(
            "In meer dan de helft van de casussen waren de geschatte baten lager dan de kosten; "
            "het positieve totaal komt uit een kleiner aantal casussen met grote vermeden kosten."
        )
    if g.pareto:
        namen = [f"‘{esc(p.omschrijving)}’" for p in g.pareto[:4]]
        extra = f" en {len(g.pareto) - 4} andere posten" if len(g.pareto) > 4 else ""
        zinnen.append(
            f"De meeste waarde zit in weinig posten: {lijst(namen)}{extra} zijn samen "
            f"{pct(g.pareto_aandeel)} van de baten."
            if len(g.pareto) > 1
            else f"Eén post maakt het verschil: {namen[0]} is {pct(g.pareto_aandeel)} van de baten."
        )
        overdracht = [n for p, n in zip(g.pareto, namen, strict=False) if _is_overdracht(bc, p.code)]
        if overdracht:
            zinnen.append(
                f"Daarvan {'is' if len(overdracht) == 1 else 'zijn'} {lijst(overdracht)} een overdracht: een "
                "besparing voor de gemeente, geen besparing voor de samenleving."
            )
    vaak = [p for p in g.top_aantal if not onderdrukt(p.casussen, m)]
    if vaak:
        zinnen.append(
            f"Het vaakst vermeden: ‘{esc(vaak[0].omschrijving)}’ (in {vaak[0].casussen} van de {g.casussen} casussen)."
        )
    paren = [p for p in pat.samen.get(g.naam, []) if not onderdrukt(p.casussen, m) and p.lift > 1]
    if g.soort == "domein" and paren:
        p = paren[0]
        zinnen.append(
            f"De eigen inzet ‘{esc(_post_naam(bc, p.inzet))}’ ging vaker dan toevallig samen met vermeden "
            f"‘{esc(_post_naam(bc, p.vermeden))}’ ({p.casussen} casussen, lift {per_euro(p.lift)}): een "
            "samenhang om verder te bekijken, geen bewijs dat het een het ander veroorzaakt."
        )
    return f'<div class="domein"><h3>{titel} ({g.casussen} casussen)</h3><p>{" ".join(zinnen)}</p>{verhalen}</div>'


def leefgebieden(pat: Patronen) -> str:
    """Life domains with enough cases in a table; the small ones named together in one line, without numbers."""
    m = pat.min_groep
    rows = [
        [
            esc(g.naam),
            str(g.casussen),
            eur(g.mediaan_netto_cent),
            f"{eur(g.p25_netto_cent)} tot {eur(g.p75_netto_cent)}",
            "€ " + per_euro(g.rendement),
        ]
        for g in pat.per_leefgebied
        if not onderdrukt(g.casussen, m)
    ]
    klein_ = [g.naam for g in pat.per_leefgebied if onderdrukt(g.casussen, m)]
    if not rows and not klein_:
        return "<p>Bij geen enkele casus zijn leefgebieden ingevuld.</p>"
    html = ""
    if rows:
        html = table(
            ["Leefgebied (ZRM)", "Casussen", "Mediaan netto per casus", "Middelste helft (P25 tot P75)", "Per euro"],
            rows,
            {1, 2, 3, 4},
        )
    if klein_:
        html += f"<p>Minder dan {m} casussen (geen cijfers, zodat niemand herkenbaar wordt): {esc(lijst(klein_))}.</p>"
    note = "Een casus met meer leefgebieden telt bij elk ervan mee."
    if pat.zonder_leefgebied:
        aantal = esc(klein_label(m)) if onderdrukt(pat.zonder_leefgebied, m) else str(pat.zonder_leefgebied)
        note += f" Bij {aantal} casussen zijn geen leefgebieden ingevuld."
    return html + f'<p class="note">{note}</p>'
