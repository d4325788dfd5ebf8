"""The app's pages as HTML strings. Renderers only: every number comes ready from the business case
or the review table (built by rendementsmeter.api); here it is only formatted (€ 1.234,56)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.app.state import Voortgang
from rendementsmeter.app.uploads import Upload
from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.money import format_eur, format_eur_cents, format_number
from rendementsmeter.review.model import Oordeel
from rendementsmeter.spec.review import OORDELEN

STATUS = {"opgenomen": "in orde", "afgewezen": "fouten", "overgeslagen": "overgeslagen",
          "buiten periode": "buiten periode"}  # fmt: skip
PAGINAS = (("/", "Teamleider"), ("/werker", "Sociaal werker"), ("/beoordelaar", "Beoordelaar"))


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _per_euro(value: float | None) -> str:
    return "n.v.t." if value is None else f"€ {format_number(value)}"


def _relative(pad: str, root: str) -> str:
    """A file's name as seen from the folder (the reader gives paths as opened)."""
    return os.path.relpath(pad, root) if os.path.isabs(pad) and pad.startswith(root) else pad


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def layout(titel: str, body: str, *, csrf: str, pad: str, map_naam: str, versie: int | None = None,
           volg: str = "") -> str:  # fmt: skip
    nav = "".join(
        f'<a href="{href}"{" aria-current=page" if href == pad else ""}>{_e(label)}</a>' for href, label in PAGINAS
    )
    attrs = f' data-csrf="{_e(csrf)}"'
    if versie is not None:
        attrs += f' data-versie="{versie}"'
    if volg:
        attrs += f' data-volg="{_e(volg)}"'
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(titel)} · Rendementsmeter</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/static/app.css">'
        f'<script src="/static/app.js" defer></script></head><body{attrs}>'
        '<a class="skip" href="#inhoud">Naar de inhoud</a>'
        f'<header class="app"><span class="naam">Rendementsmeter</span><nav aria-label="Rollen">{nav}</nav>'
        f'<span class="map">Map: {_e(map_naam)}</span></header>'
        f'<main id="inhoud"><h1>{_e(titel)}</h1>'
        '<p id="veranderd" class="melding" hidden>De map is veranderd. '
        '<a href="">Herlaad de pagina</a> (niet-opgeslagen invoer gaat dan verloren).</p>'
        f"{body}</main></body></html>"
    )


def bezig(v: Voortgang) -> str:
    tekst = voortgang_tekst(v)
    return (
        '<div role="status" aria-live="polite"><p id="voortgang-tekst">' + _e(tekst) + "</p>"
        f'<progress id="voortgang" max="{max(v.totaal, 1)}" value="{v.klaar}">{_e(tekst)}</progress></div>'
        '<noscript><meta http-equiv="refresh" content="2"></noscript>'
    )


def voortgang_tekst(v: Voortgang) -> str:
    if v.fout:
        return f"Het lezen van de map ging mis ({v.fout}). Herlaad de pagina om het opnieuw te proberen."
    if v.totaal:
        return f"Casussen lezen: {_n(v.klaar)} van {_n(v.totaal)} ({100 * v.klaar // v.totaal}%)"
    return "De map wordt gelezen..."


def _bevinding(f: Finding) -> str:
    plek = f"<strong>{_e(f.plek)}</strong>: " if f.plek else ""
    return f'<li class="{_e(f.ernst)}" data-code="{_e(f.code)}">{_e(f.ernst)} · {plek}{_e(f.melding)}</li>'


def bevindingen(findings: Sequence[Finding]) -> str:
    if not findings:
        return ""
    return '<ul class="bev">' + "".join(_bevinding(f) for f in findings) + "</ul>"


def kaarten(bc: BusinessCase) -> str:
    """The headline figures, led by the named perspectives (as the report and the terminal do); the
    sum of all lines together (the JSON's netto) comes after them, labelled as no perspective."""
    ps = bc.perspectieven
    m, f = ps.maatschappelijk, ps.financieel_totaal
    items = [
        ("netto-maatschappelijk", "Netto maatschappelijk (MKBA)", format_eur_cents(m.netto_cent)),
        ("rendement-maatschappelijk", "Rendement maatschappelijk", _per_euro(m.rendement)),
        ("netto-financieel", "Netto financieel, alle financiers", format_eur_cents(f.netto_cent)),
        ("kosten", "Kosten (eigen inzet en doorverwezen zorg)", format_eur_cents(bc.totalen["kosten"])),
        ("netto", "Netto, alle regels samen (geen perspectief)", format_eur_cents(bc.totalen["netto"])),
        ("casussen", "Casussen opgenomen", _n(len(bc.opgenomen))),
    ]
    return '<div class="kaarten">' + "".join(
        f'<div class="kaart"><div class="label">{_e(label)}</div>'
        f'<div class="waarde" data-testid="{key}">{_e(value)}</div></div>'
        for key, label, value in items
    ) + "</div>"  # fmt: skip


def onzekerheid(bc: BusinessCase) -> str:
    """The uncertainty interval and the sensitivity scenarios, as computed by the analysis layer."""
    o = bc.onzekerheid
    parts = [
        "<h2>Onzekerheid en gevoeligheid</h2>",
        f'<p data-testid="onzekerheid">Maatschappelijk perspectief. Baten: in 90% van de simulaties tussen {_e(format_eur(o.baten.p5))} en '
        f"{_e(format_eur(o.baten.p95))} (middelste waarde {_e(format_eur(o.baten.p50))})",
    ]
    if o.rendement is not None:
        parts.append(f"; rendement per euro tussen {_e(_per_euro(o.rendement.p5))} en {_e(_per_euro(o.rendement.p95))}")
    parts.append(f". {_n(o.trekkingen)} simulaties, met de kansen en de prijsbandbreedtes.</p>")
    rows = "".join(
        f'<tr><td>{_e(g.naam)}<br><span class="klein">{_e(g.uitleg)}</span></td>'
        f'<td class="getal">{format_eur_cents(g.kosten_cent)}</td><td class="getal">{format_eur_cents(g.baten_cent)}</td>'
        f'<td class="getal">{_e(_per_euro(g.rendement))}</td></tr>'
        for g in bc.gevoeligheid
    )
    parts.append(
        '<table data-testid="gevoeligheid"><thead><tr><th>Scenario</th><th class="getal">Kosten</th>'
        f'<th class="getal">Baten</th><th class="getal">Rendement per euro</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    return "".join(parts)


def _periode_form(kwartalen: Sequence[str], gekozen: dict[str, str]) -> str:
    opties = '<option value="">alle casussen</option>' + "".join(
        f'<option value="{_e(q)}"{" selected" if gekozen.get("kwartaal") == q else ""}>{_e(q)}</option>'
        for q in kwartalen
    )
    return (
        '<form class="rij" method="get" action="/" aria-label="Periode">'
        f'<div><label for="kwartaal">Kwartaal (einddatum)</label><select id="kwartaal" name="kwartaal">{opties}'
        "</select></div>"
        f'<div><label for="van">of van (dd-mm-jjjj)</label><input type="text" id="van" name="van" size="10" '
        f'value="{_e(gekozen.get("van", ""))}"></div>'
        f'<div><label for="tot">tot en met</label><input type="text" id="tot" name="tot" size="10" '
        f'value="{_e(gekozen.get("tot", ""))}"></div>'
        '<div><button type="submit">Toon periode</button></div></form>'
    )


def _downloads(gekozen: dict[str, str]) -> str:
    q = urlencode(gekozen)
    sep = "&" if q else ""
    return (
        '<form class="rij" method="get" action="/download/export" aria-label="Downloads">'
        f'<a class="knop" href="/download/businesscase.xlsx?{q}">Werkmap (Excel)</a>'
        f'<a class="knop" href="/download/rapport.html?{q}">Rapport (HTML)</a>'
        f'<a class="knop tweede" href="/rapport?{q}{sep}print=1" target="_blank" rel="noopener">Rapport afdrukken</a>'
        '<div><label for="organisatie">Organisatiecode</label><input type="text" id="organisatie" '
        'name="organisatie" size="8" required pattern="[A-Za-z0-9._-]{1,20}"></div>'
        '<div><label for="formaat">Formaat</label><select id="formaat" name="formaat">'
        '<option value="csv">csv</option><option value="parquet">parquet</option></select></div>'
        '<div><button type="submit" class="tweede">Anonieme export</button></div></form>'
    )


def teamleider(bc: BusinessCase, rijen: Sequence[tuple[ReadResult, str]], telling: dict[str, int],
               kwartalen: Sequence[str], gekozen: dict[str, str], periode_fout: str, reviews: int,
               map_pad: str) -> str:  # fmt: skip
    periode = bc.periode.label if bc.periode is not None else "alle casussen"
    parts = [_periode_form(kwartalen, gekozen)]
    if periode_fout:
        parts.append(f'<p class="melding fout" role="alert">{_e(periode_fout)}</p>')
    samen = ", ".join(f"{_n(n)} {STATUS.get(s, s)}" for s, n in telling.items()) or "geen bestanden"
    parts += [
        f'<p>Periode: <strong data-testid="periode">{_e(periode)}</strong> · bestanden: {_e(samen)}'
        f"{f' · {reviews} beoordelingsbestand(en) toegepast' if reviews else ''}</p>",
        kaarten(bc),
    ]
    b = bc.beoordeling
    if b is not None:
        parts.append(
            f'<p class="klein">Vóór beoordeling: baten {format_eur_cents(b.baten_voor_cent)}, netto '
            f'<span data-testid="netto-voor">{format_eur_cents(b.totalen_voor["netto"])}</span>; '
            f"{b.wijzigingen} wijziging(en) door beoordelaars.</p>"
        )
    parts += ['<h2 class="geen-print">Downloads</h2>', _downloads(gekozen), "<h2>Bestanden</h2>"]
    rows = "".join(
        f'<tr><td class="naam">{_e(_relative(r.pad, map_pad))}</td>'
        f"<td>{_e(r.case.casusnummer if r.case else '')}</td>"
        f'<td class="status s-{_e(status.split()[0])}">{_e(STATUS.get(status, status))}</td>'
        f"<td>{bevindingen(r.findings)}</td></tr>"
        for r, status in rijen
    )
    parts.append(
        (
            f'<p class="klein" data-testid="ingekort">De eerste {_n(len(rijen))} van {_n(len(bc.alle_bestanden))} '
            "bestanden (die met fouten eerst); de werkmap (Excel) noemt ze allemaal op het blad Bestanden.</p>"
            if len(rijen) < len(bc.alle_bestanden)
            else ""
        )  # fmt: skip
        + '<table data-testid="bestanden"><thead><tr><th>Bestand</th><th>Casusnummer</th><th>Status</th>'
        f"<th>Bevindingen (blad!cel: wat te doen)</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    if bc.opgenomen:
        parts.append(onzekerheid(bc))
    q = urlencode(gekozen)
    parts += [
        '<h2 class="geen-print">Business case</h2>',
        '<p class="klein geen-print">Het rapport hieronder is hetzelfde als de HTML-download.</p>',
        f'<iframe class="rapport" title="Business case" src="/rapport?{q}"></iframe>',
    ]
    return "".join(parts)


def werker(csrf: str, standaard: dict[str, Any]) -> str:
    return (
        "<h2>1. Nieuw sjabloon</h2>"
        '<form class="rij" method="get" action="/download/sjabloon">'
        '<div><label for="team">Team</label><input type="text" id="team" name="team" size="12" '
        f'value="{_e(standaard.get("team", ""))}"></div>'
        '<div><label for="werker">Uw medewerkerscode (geen naam)</label><input type="text" id="werker" name="werker" '
        f'size="8" pattern="[A-Za-z0-9._-]{{1,20}}" value="{_e(standaard.get("werker", ""))}"></div>'
        '<div><label for="aantal">Aantal</label><input type="number" id="aantal" name="aantal" min="1" max="50" '
        'value="1"></div>'
        '<div><label for="vanaf">Eerste volgnummer</label><input type="number" id="vanaf" name="vanaf" min="1" '
        f'value="{_e(standaard.get("vanaf", 1))}"></div>'
        '<div><button type="submit">Download sjabloon</button></div></form>'
        '<p class="klein">Met een medewerkerscode krijgt elk sjabloon een eigen casusnummer (TEAM-CODE-001). '
        "Meer dan één sjabloon komt als zip-bestand.</p>"
        "<h2>2. Ingevulde casus controleren</h2>"
        '<div class="drop" id="drop"><p>Sleep een ingevulde casus hierheen, of</p>'
        '<input type="file" id="bestand" class="verborgen" accept=".xlsx,.xlsm,.ods">'
        '<label for="bestand" class="knop">Kies een bestand</label></div>'
        '<p class="klein">Het bestand wordt alleen gecontroleerd. Het komt pas in de map als u op Opslaan drukt.</p>'
        '<div id="uitslag" aria-live="polite"></div>'
    )


def upload_uitslag(u: Upload, csrf: str) -> str:
    r = u.resultaat
    ok = r.status == "opgenomen"
    kop = "In orde" if ok else ("Overgeslagen" if r.status == "overgeslagen" else "Fouten: nog niet in orde")
    parts = [f'<h2 tabindex="-1" data-testid="uitslag-status">{_e(u.getoond)}: {_e(kop)}</h2>']
    if r.case is not None:
        parts.append(f"<p>Casusnummer {_e(r.case.casusnummer)}.</p>")
    if u.dubbel:
        parts.append(
            f'<p class="melding fout" data-testid="dubbel">Casusnummer {_e(r.case.casusnummer if r.case else "")} '
            f"staat al in de map, in {_e(u.dubbel)}. Is dit dezelfde casus, vervang dan dat bestand; anders "
            "geeft u deze casus in Excel een eigen casusnummer (twee bestanden met één nummer tellen allebei niet mee)."
            "</p>"
        )
    if u.bc is not None:
        parts.append(kaarten(u.bc))
    if r.findings:
        parts.append(
            f'<div class="melding{"" if ok else " fout"}" data-testid="bevindingen">{bevindingen(r.findings)}</div>'
        )
    if ok:  # the same Casusnummer elsewhere: only replacing that file, never a second file with the number
        parts.append(opslaan_form(u, csrf, bevestig=u.bestaat and not u.dubbel, doel=u.dubbel))
    else:
        parts.append("<p>Verbeter het bestand in Excel op de genoemde cellen en sleep het opnieuw hierheen.</p>")
    return "".join(parts)


def opslaan_form(u: Upload, csrf: str, bevestig: bool, doel: str = "") -> str:
    """Save into the folder; `doel`: the file of the same Casusnummer that this upload replaces."""
    naam = doel or u.getoond
    vraag = (f"<p><strong>{_e(naam)} staat al in de map.</strong> Vervangen? Het bestaande bestand gaat dan "
             "verloren.</p>") if bevestig else ""  # fmt: skip
    knop = (
        "Vervang het bestand in de map"
        if bevestig
        else (f"Vervang {doel} door dit bestand" if doel else "Opslaan in de map")
    )
    return (
        f'<form method="post" action="/werker/opslaan">{vraag}<input type="hidden" name="csrf" value="{_e(csrf)}">'
        f'<input type="hidden" name="id" value="{_e(u.id)}">'
        + (f'<input type="hidden" name="doel" value="{_e(doel)}">' if doel else "")
        + ('<input type="hidden" name="overschrijven" value="1">' if bevestig else "")
        + f'<button type="submit">{_e(knop)}</button></form>'
    )


def melding(tekst: str, soort: str = "ok", terug: str = "") -> str:
    link = f' <a href="{_e(terug)}">Terug</a>' if terug else ""
    return f'<p class="melding {_e(soort)}" role="status">{_e(tekst)}{link}</p>'


def _oordeel_select(n: int, gekozen: str) -> str:
    opties = "".join(f'<option value="{o}"{" selected" if o == gekozen else ""}>{o}</option>' for o in ("", *OORDELEN))
    return f'<select name="o{n}" aria-label="Oordeel regel {n}">{opties}</select>'


def beoordelaar(code: str, regels: Any, oordelen: dict[str, Oordeel], verouderd: int, bc: BusinessCase | None, csrf: str,
                opgeslagen: str, stempel: str = "") -> str:  # fmt: skip
    parts = [
        '<form class="rij" method="get" action="/beoordelaar"><div><label for="code">Uw beoordelaarscode '
        f'(geen naam)</label><input type="text" id="code" name="code" value="{_e(code)}" required '
        'pattern="[A-Za-z0-9._-]{1,20}"></div><div><button type="submit">Open mijn beoordeling</button></div></form>'
    ]
    if opgeslagen:
        parts.append(melding(f"Beoordeling opgeslagen in {opgeslagen}; de business case is bijgewerkt."))
    if verouderd:
        parts.append(melding(f"{verouderd} eerder oordeel/oordelen horen bij regels die sindsdien zijn gewijzigd of "
                             "verdwenen; die tellen niet mee en staan hieronder niet meer ingevuld.", "fout"))  # fmt: skip
    if bc is not None:
        parts.append(kaarten(bc))
    if not code:
        parts.append("<p>Vul uw code in om de regels te beoordelen.</p>")
        return "".join(parts)
    rows = []
    for n, r in enumerate(regels.itertuples(), start=1):
        o = oordelen.get(r.regel_id, Oordeel(""))
        rows.append(
            f'<tr class="{_e(o.oordeel)}" data-regel="{n}"><td class="getal">{n}</td>'
            f"<td>{_e(r.casusnummer)}<br><span class=klein>{_e(r.blad)}!{_e(r.cel)}</span></td>"
            f"<td>{_e(r.code)} {_e(r.omschrijving)}</td>"
            f'<td class="getal">{_e(format_number(r.aantal))}</td><td class="getal">{int(r.kans)}%</td>'
            f'<td class="getal" data-testid="bedrag">{format_eur_cents(int(r.bedrag_cent))}</td>'
            f"<td class=tekst>{_e(r.toelichting)}</td><td class=signalen>{_e('; '.join(r.signalen))}</td>"
            f'<td class="invoer"><input type="hidden" name="r{n}" value="{_e(r.regel_id)}">{_oordeel_select(n, o.oordeel)}</td>'
            f'<td class="invoer"><input type="text" name="a{n}" size="5" inputmode="decimal" aria-label="Nieuw aantal regel {n}" '
            f'value="{_e("" if o.aantal is None else format_number(o.aantal))}"></td>'
            f'<td class="invoer"><input type="number" name="k{n}" min="0" max="100" aria-label="Nieuwe kans regel {n}" '
            f'value="{_e("" if o.kans is None else o.kans)}"></td>'
            f'<td class="invoer"><input type="text" class="opm" name="m{n}" maxlength="1000" aria-label="Opmerking regel {n}" '
            f'value="{_e(o.opmerking)}"></td></tr>'
        )  # fmt: skip
    parts.append(
        f'<h2>Regels vermeden zorg ({len(rows)})</h2><p class="klein">Meeste signalen eerst, dan de hoogste waarde. '
        "Kies per regel akkoord, aangepast (met nieuw aantal en/of kans) of afgewezen, met een korte opmerking "
        "zonder namen. Leeg = niet beoordeeld.</p>"
        f'<form method="post" action="/beoordelaar/opslaan"><input type="hidden" name="csrf" value="{_e(csrf)}">'
        f'<input type="hidden" name="code" value="{_e(code)}"><input type="hidden" name="regels" value="{len(rows)}">'
        f'<input type="hidden" name="stempel" value="{_e(stempel)}">'
        '<table class="regels" data-testid="regels"><thead><tr><th class="getal">Nr</th><th>Casus, cel</th><th>Post</th>'
        '<th class="getal">Aantal</th><th class="getal">Kans</th><th class="getal">Waarde</th><th>Toelichting</th>'
        "<th>Signalen</th><th>Oordeel</th><th>Aantal (nieuw)</th><th>Kans (nieuw)</th><th>Opmerking</th></tr>"
        f'</thead><tbody>{"".join(rows)}</tbody></table><p><button type="submit">Beoordeling opslaan</button></p></form>'
    )
    return "".join(parts)


def bevestig(vraag: str, actie: str, velden: dict[str, str], knop: str, terug: str) -> str:
    hidden = "".join(f'<input type="hidden" name="{_e(k)}" value="{_e(v)}">' for k, v in velden.items())
    return (f'<div class="melding"><p>{_e(vraag)}</p><form method="post" action="{_e(actie)}">{hidden}'
            f'<button type="submit">{_e(knop)}</button> <a href="{_e(terug)}">Annuleren</a></form></div>')  # fmt: skip
