"""Report sections that account for the method: werkwijze, kanttekeningen, verantwoording, bronnen."""

from __future__ import annotations

from pathlib import Path

from rendementsmeter import __version__
from rendementsmeter.analysis.bronnen import gebruikte_bronnen
from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.disclosure import klein_label
from rendementsmeter.core.model import AFGEWEZEN, OPGENOMEN, OVERGESLAGEN
from rendementsmeter.core.money import format_eur_cents, format_number
from rendementsmeter.core.periode import Periode
from rendementsmeter.report.html.common import esc, table


def werkwijze(bc: BusinessCase, m: int) -> str:
    return (
        "<ul>"
        "<li>Sociaal werkers legden per afgesloten casus vast wat zij deden (uren, vrijwilligers, "
        "groepsactiviteiten), welke zorg zij inzetten door door te verwijzen, en welke zorg of kosten er zonder hun "
        "inzet waarschijnlijk waren geweest: met een aantal, een kans en een toelichting.</li>"
        f"<li>Elke post is geprijsd met de maatschappelijke prijslijst, geïndexeerd naar prijspeil {bc.prijspeil}: "
        "prijs op prijspeil = prijs × CPI[prijspeil] / CPI[prijsjaar], afgerond op centen.</li>"
        "<li>Vermeden kosten (baten) per regel = aantal × prijs op prijspeil × kans / 100: de verwachte waarde. "
        "Kosten = eigen inzet + ingezette zorg (aantal × prijs). Netto = baten − kosten; rendement = baten / "
        "kosten.</li>"
        "<li>Maatschappelijk perspectief: zonder overdrachten (uitkeringen).</li>"
        "<li>Middelste helft: het 25e tot 75e percentiel van het netto resultaat per casus; de mediaan is de "
        "middelste casus. Samenhang (lift) = P(beide) / (P(inzet) × P(vermeden)) over de casussen van een "
        "domein; alleen paren die in minstens 2 casussen voorkomen.</li>"
        f"<li>Kleine groepen: domeinen met minder dan {m} casussen zijn samengevoegd tot een groep van minstens "
        f"{m} casussen, zodat elke casus in een getoonde groep zit. Een leefgebied of kwartaal met minder dan {m} "
        f"casussen staat als ‘{esc(klein_label(m))}’, zonder bedragen. Bedragen per wet en per financier zijn "
        "budgetten, geen personen: die staan er altijd. Dit rapport noemt geen casusnummers, teams of "
        "werkers.</li>"
        "</ul>"
    )


KANTTEKENINGEN = (
    "Het zijn schattingen. Niemand weet zeker wat er zonder het sociaal werk was gebeurd; de kansen zijn "
    "inschattingen van de werker, die collega’s kritisch kunnen bekijken.",
    "Overdrachten zoals bijstand zijn een besparing voor de gemeente maar geen besparing voor de samenleving; "
    "daarom staat het maatschappelijk perspectief apart.",
    "Dubbeltelling: een gebundelde post (zoals de kosten van een huisuitzetting) bevat al opvang en zorg; die "
    "horen niet nog eens apart in dezelfde casus. Controleer dat bij twijfel.",
    "De CPI-reeks voor het indexeren is afgeleid uit afgeronde jaarcijfers van het CBS; prijzen hebben een "
    "betrouwbaarheid A (goed onderbouwd) tot C (aanname).",
    "Samenhang tussen inzet en vermeden zorg is geen bewijs van oorzaak; bij weinig casussen is het een aanwijzing.",
    "Alleen vermeden uren van posten waarvan de prijslijst de uren kent, tellen mee in de bespaarde tijd.",
    "Kleine groepen zijn samengevoegd of verborgen; wie getoonde totalen van elkaar aftrekt, kan soms toch een verborgen waarde "
    "afleiden. Verspreid het rapport daarom niet breder dan nodig.",
)


def concentratie(bc: BusinessCase) -> tuple[str, ...]:
    """The caveat on what the benefits rest on (analysis: BusinessCase.concentratie), as a sentence."""
    conc = bc.concentratie
    top, share = conc["grootste_regel"], conc["aandeel_c_prijzen"]
    aandeel = top.get("aandeel") if isinstance(top, dict) else None
    if not isinstance(top, dict) or not isinstance(share, float) or not isinstance(aandeel, float):
        return ()
    return (
        f"{format_number(share * 100, 1)}% van de baten rust op prijzen met betrouwbaarheid C (afgeleid, aangenomen "
        f"of een zwakke bron); de grootste regel ({top['code']}) is {format_number(aandeel * 100, 1)}% van de baten. "
        "Het scenario 'Zonder C-prijzen' staat in de gevoeligheid van de business case.",
    )


def bronnen(bc: BusinessCase) -> str:
    """The sources of the prices used, as `analysis.bronnen` words them for the municipality."""
    rows = [
        [
            esc(r.code),
            esc(r.omschrijving),
            esc(f"{format_eur_cents(r.prijs_cent)} {r.eenheid}"),
            str(r.prijsjaar),
            esc(r.betrouwbaarheid),
            esc(r.bron),
        ]
        for r in gebruikte_bronnen(bc)
    ]
    if not rows:
        return "<p>Geen posten gebruikt.</p>"
    return (
        table(["Code", "Post", "Prijs", "Jaar", "Betr.", "Bron"], rows, {2, 3}, cls="bron")
        + '<p class="note">‘Aanname van de organisatie’: een prijs die de organisatie zelf heeft aangenomen, te '
        "vervangen door het eigen tarief. ‘Eigen tarief van de organisatie’: een prijs uit de eigen prijslijst van "
        "de organisatie, die de standaardprijs vervangt.</p>"
    )


def verantwoording(bc: BusinessCase, periode: Periode | None, buiten: int, m: int) -> str:
    telling = bc.status_telling()
    pl = bc.prijslijst
    rows = [
        ["Periode (einddatum)", esc(periode.label if periode else "alle casussen")],
        ["Casussen opgenomen", str(telling.get(OPGENOMEN, 0))],
        ["Bestanden afgewezen (fouten)", str(telling.get(AFGEWEZEN, 0))],
        ["Bestanden overgeslagen (geen casus)", str(telling.get(OVERGESLAGEN, 0))],
        ["Casussen buiten de periode (niet meegeteld)", str(buiten)],
        ["Prijspeil", str(bc.prijspeil)],
        ["Prijslijstversie", esc(pl.versie)],
        ["Prijslijstbestanden", esc("; ".join(Path(p).name for p in pl.bestanden))],
        ["Eigen (overschreven) prijzen", str(len(pl.overrides))],
        ["Kleine groepen verborgen onder", f"{m} casussen"],
        ["Gemaakt", esc(bc.gemaakt.strftime("%d-%m-%Y %H:%M"))],
        ["Rendementsmeter", esc(__version__)],
    ]
    return table(["Gegeven", "Waarde"], rows, set())
