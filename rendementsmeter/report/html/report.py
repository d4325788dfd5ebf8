"""The report a team lead hands to the municipality: one self-contained, printable Dutch HTML file.

No external references of any kind (no scripts, style sheets, fonts, images or links to other
sites): the charts are inline SVG, the style is inline CSS, system fonts only. Every text that comes
from data is escaped with html.escape. Print CSS lays it out on A4. Renders only: the figures come
from the business case, `patterns` and `payers`; the sentences are generated from them and say
"naar schatting" where they are estimates. Groups of fewer than `min_groep` cases show "<5".
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from rendementsmeter import __version__
from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.patterns import MIN_GROEP, Groep, Patronen, klein_label, onderdrukt, patronen
from rendementsmeter.analysis.payers import (
    UREN_PER_FTE,
    ZONDER_KOSTEN,
    Arbeidsmarkt,
    Cel,
    InvesteerderBaathebber,
    arbeidsmarkt,
    investeerder_baathebber,
    per_groep,
)
from rendementsmeter.core.model import AFGEWEZEN, OPGENOMEN, OVERGESLAGEN, ReadResult
from rendementsmeter.core.money import format_eur_cents, format_number
from rendementsmeter.core.output import atomic_path
from rendementsmeter.core.periode import Periode

KOSTEN_KLEUR, BATEN_KLEUR, GRIJS = "#C55A11", "#1F4E79", "#767676"

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: #1a1a1a; max-width: 185mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; color: #1F4E79; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 14pt; color: #1F4E79; border-bottom: 2px solid #1F4E79; padding-bottom: 1mm;
  margin: 9mm 0 3mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2.5mm; }
.sub { color: #444; margin-bottom: 5mm; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 4mm 0; }
.card { border: 1px solid #c9d3df; border-top: 4px solid #1F4E79; padding: 2.5mm 3mm; break-inside: avoid; }
.card.kosten { border-top-color: #C55A11; }
.card .v { font-size: 14pt; font-weight: 700; white-space: nowrap; }
.card .l { font-size: 9pt; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
th { background: #1F4E79; color: #fff; text-align: left; padding: 1.2mm 2mm; font-weight: 600; }
td { border-bottom: 1px solid #dde3ea; padding: 1mm 2mm; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.tot td { font-weight: 700; border-top: 2px solid #1F4E79; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.klein { color: #767676; }
.note { font-size: 9pt; color: #444; }
.bron td { font-size: 8pt; }
.bron td:first-child { white-space: nowrap; }
figure { margin: 2mm 0 5mm; break-inside: avoid; }
figcaption { font-size: 9pt; color: #444; }
svg { width: 100%; height: auto; display: block; }
section { break-inside: auto; }
.domein { break-inside: avoid; margin-bottom: 3mm; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
li { margin-bottom: 1mm; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm; }
@media print { body { padding: 0; max-width: none; } * { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } h2 { break-before: auto; } }
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _eur(cents: int) -> str:
    return _e(format_eur_cents(cents))


def _pct(value: float | None) -> str:
    return "-" if value is None else _e(format_number(Decimal(str(value)) * 100, 0)) + "%"


def _per_euro(value: float | None) -> str:
    return "-" if value is None else _e(format_number(value, 2))


def _uren(value: Decimal, decimals: int = 1) -> str:
    return _e(format_number(value, decimals))


def _table(
    headers: list[str], rows: list[list[str]], right: set[int], cls: str = "", total: list[str] | None = None
) -> str:
    """A table; cells are HTML already escaped by the caller; `right`: right-aligned column indexes."""
    head = "".join(f"<th{' class=n' if i in right else ''}>{h}</th>" for i, h in enumerate(headers))
    body = []
    for row in rows + ([total] if total else []):
        cells = "".join(f"<td{' class=n' if i in right else ''}>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr{' class=tot' if total is not None and row is total else ''}>{cells}</tr>")
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _klein(m: int) -> str:
    return f'<span class="klein">{_e(klein_label(m))}</span>'


def _money_cel(cel: Cel, m: int) -> str:
    return _klein(m) if onderdrukt(cel.casussen, m) else _eur(cel.bedrag_cent)


# ----------------------------------------------------------------------------------------------- SVG


def _svg_staven(rows: list[tuple[str, list[tuple[int | None, str]]]], legend: list[tuple[str, str]], m: int) -> str:
    """Horizontal grouped bars; a value None is a suppressed group and shows '<5'."""
    label_w, bar_w, value_w, bar_h, gap = 150, 330, 120, 11, 9
    width = label_w + bar_w + value_w
    per_row = len(legend) * bar_h + gap
    height = 24 + len(rows) * per_row
    biggest = max([abs(v) for _, vals in rows for v, _ in vals if v is not None] + [1])
    out = [f'<svg viewBox="0 0 {width} {height}" role="img" font-size="10" font-family="sans-serif">']
    x = label_w
    for i, (name, colour) in enumerate(legend):
        out.append(f'<rect x="{x + i * 110}" y="2" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + i * 110 + 14}" y="11">{_e(name)}</text>')
    for r, (label, vals) in enumerate(rows):
        y0 = 22 + r * per_row
        out.append(
            f'<text x="{label_w - 6}" y="{y0 + len(vals) * bar_h / 2 + 3.5}" text-anchor="end">{_e(label)}</text>'
        )
        for j, (value, colour) in enumerate(vals):
            y = y0 + j * bar_h
            if value is None:
                out.append(f'<text x="{x + 3}" y="{y + 9}" fill="{GRIJS}">{_e(klein_label(m))}</text>')
                continue
            if value == 0:
                continue  # nothing paid or gained: no bar and no label
            w = max(abs(value) / biggest * bar_w, 0.5)
            out.append(f'<rect x="{x}" y="{y}" width="{w:.1f}" height="{bar_h - 1}" fill="{colour}"/>')
            out.append(f'<text x="{x + w + 4:.1f}" y="{y + 9}">{_eur(value)}</text>')
    out.append(f'<line x1="{x}" y1="18" x2="{x}" y2="{height}" stroke="#999"/></svg>')
    return "".join(out)


def _svg_kolommen(labels: list[str], values: list[int | None], tops: list[str], y_label: str, m: int) -> str:
    """Vertical columns with a text above each; None shows '<5'."""
    width, height, left, bottom, top = 640, 250, 40, 44, 28
    n = max(len(labels), 1)
    slot = (width - left - 10) / n
    biggest = max([v for v in values if v is not None] + [1])
    smallest = min([v for v in values if v is not None] + [0])
    span = max(biggest - min(smallest, 0), 1)
    zero = height - bottom - (0 - min(smallest, 0)) / span * (height - bottom - top)
    out = [f'<svg viewBox="0 0 {width} {height}" role="img" font-size="10" font-family="sans-serif">']
    out.append(f'<text x="4" y="12" fill="#444">{_e(y_label)}</text>')
    for i, (label, value, above) in enumerate(zip(labels, values, tops, strict=True)):
        cx = left + i * slot + slot / 2
        w = slot * 0.7
        if value is None:
            out.append(
                f'<text x="{cx:.1f}" y="{zero - 4:.1f}" text-anchor="middle" fill="{GRIJS}">{_e(klein_label(m))}</text>'
            )
        else:
            h = abs(value) / span * (height - bottom - top)
            y = zero - h if value >= 0 else zero
            out.append(
                f'<rect x="{cx - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{BATEN_KLEUR}"/>'
            )
            ty = (y - 4) if value >= 0 else (y + h + 11)
            out.append(f'<text x="{cx:.1f}" y="{ty:.1f}" text-anchor="middle">{above}</text>')
        for k, part in enumerate(label.split("\n")):
            out.append(f'<text x="{cx:.1f}" y="{height - bottom + 14 + k * 12}" text-anchor="middle">{_e(part)}</text>')
    out.append(f'<line x1="{left - 5}" y1="{zero:.1f}" x2="{width - 5}" y2="{zero:.1f}" stroke="#999"/></svg>')
    return "".join(out)


# ------------------------------------------------------------------------------------------ sections


def _kerncijfers(bc: BusinessCase, n: int) -> str:
    t = bc.totalen
    cards = [
        ("kosten", _eur(t["kosten"]), "kosten: eigen inzet en doorverwezen zorg"),
        ("", _eur(t["baten"]), "vermeden kosten (baten), naar schatting"),
        ("", _eur(t["netto"]), "netto: baten min kosten"),
        ("", "€ " + _per_euro(bc.rendement), "baten per geïnvesteerde euro"),
    ]
    html = ['<div class="cards">']
    for cls, value, label in cards:
        html.append(f'<div class="card {cls}"><div class="v">{value}</div><div class="l">{_e(label)}</div></div>')
    html.append("</div>")
    html.append(
        f"<p>In {n} afgesloten casussen kostte het sociaal werk samen {_eur(t['kosten'])}: "
        f"{_eur(t['kosten_inzet'])} eigen inzet (uren van sociaal werkers en vrijwilligers, groepsactiviteiten) "
        f"en {_eur(t['kosten_ingezette_zorg'])} aan zorg die via doorverwijzing werd ingezet. "
        f"De zorg en kosten die zonder dit werk naar schatting nodig waren geweest, zijn samen "
        f"{_eur(t['baten'])} waard (verwachte waarde: aantal × prijs × kans). "
        f"Per geïnvesteerde euro is dat naar schatting € {_per_euro(bc.rendement)}.</p>"
    )
    html.append(
        f"<p>Zonder overdrachten zoals een bijstandsuitkering (die zijn een besparing voor de betaler, maar "
        f"geen besparing voor de samenleving) zijn de baten {_eur(t['baten_maatschappelijk'])} en het netto "
        f"resultaat {_eur(t['netto_maatschappelijk'])}: € {_per_euro(bc.rendement_maatschappelijk)} per euro "
        "(maatschappelijk perspectief).</p>"
    )
    html.append(_beoordeling_tekst(bc))
    return "".join(html)


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
        f"{_eur(b.totalen_voor.get('baten', 0))}, na beoordeling {_eur(bc.totalen['baten'])}; "
        f"{b.wijzigingen} wijziging(en), {len(b.conflicten)} conflict(en) (bij onenigheid telt het voorzichtigste "
        "oordeel). Alle cijfers in dit rapport zijn na beoordeling.</p>"
    )


def _post_naam(bc: BusinessCase, code: str) -> str:
    item = bc.prijslijst.items.get(code)
    return f"{item.omschrijving} ({code})" if item else code


def _is_overdracht(bc: BusinessCase, code: str) -> bool:
    item = bc.prijslijst.items.get(code)
    return bool(item and item.overdracht)


def _lijst(woorden: list[str]) -> str:
    return woorden[0] if len(woorden) == 1 else ", ".join(woorden[:-1]) + " en " + woorden[-1]


def _verhaal(bc: BusinessCase, g: Groep, pat: Patronen) -> str:
    m = pat.min_groep
    titel = _e(g.naam[:1].upper() + g.naam[1:])
    if onderdrukt(g.casussen, m):
        return (
            f'<div class="domein"><h3>{titel} ({_e(klein_label(m))} casussen)</h3><p>Te weinig casussen om '
            "cijfers te tonen zonder dat personen herkenbaar kunnen worden.</p></div>"
        )
    zinnen = [
        f"In {g.casussen} casussen kostte het werk {_eur(g.kosten_cent)} en is naar schatting "
        f"{_eur(g.baten_cent)} aan zorg en kosten vermeden: € {_per_euro(g.rendement)} per euro.",
        f"Het netto resultaat per casus is voor de middelste helft van de casussen {_eur(g.p25_netto_cent)}."
        if g.p25_netto_cent == g.p75_netto_cent
        else f"Het netto resultaat per casus ligt voor de middelste helft van de casussen tussen "
        f"{_eur(g.p25_netto_cent)} en {_eur(g.p75_netto_cent)} (mediaan {_eur(g.mediaan_netto_cent)}).",
    ]
    if g.mediaan_netto_cent < 0 < g.netto_cent:
        zinnen.append(
            "In meer dan de helft van de casussen waren de geschatte baten lager dan de kosten; "
            "het positieve totaal komt uit een kleiner aantal casussen met grote vermeden kosten."
        )
    if g.pareto:
        namen = [f"‘{_e(p.omschrijving)}’" for p in g.pareto[:4]]
        extra = f" en {len(g.pareto) - 4} andere posten" if len(g.pareto) > 4 else ""
        zinnen.append(
            f"De meeste waarde zit in weinig posten: {_lijst(namen)}{extra} zijn samen "
            f"{_pct(g.pareto_aandeel)} van de baten."
            if len(g.pareto) > 1
            else f"Eén post maakt het verschil: {namen[0]} is {_pct(g.pareto_aandeel)} van de baten."
        )
        overdracht = [n for p, n in zip(g.pareto, namen, strict=False) if _is_overdracht(bc, p.code)]
        if overdracht:
            zinnen.append(
                f"Daarvan {'is' if len(overdracht) == 1 else 'zijn'} {_lijst(overdracht)} een overdracht: een "
                "besparing voor de gemeente, geen besparing voor de samenleving."
            )
    vaak = [p for p in g.top_aantal if not onderdrukt(p.casussen, m)]
    if vaak:
        zinnen.append(
            f"Het vaakst vermeden: ‘{_e(vaak[0].omschrijving)}’ (in {vaak[0].casussen} van de {g.casussen} casussen)."
        )
    paren = [p for p in pat.samen.get(g.naam, []) if not onderdrukt(p.casussen, m) and p.lift > 1]
    if g.soort == "domein" and paren:
        p = paren[0]
        zinnen.append(
            f"De eigen inzet ‘{_e(_post_naam(bc, p.inzet))}’ ging vaker dan toevallig samen met vermeden "
            f"‘{_e(_post_naam(bc, p.vermeden))}’ ({p.casussen} casussen, lift {_per_euro(p.lift)}): een "
            "samenhang om verder te bekijken, geen bewijs dat het een het ander veroorzaakt."
        )
    return f'<div class="domein"><h3>{titel} ({g.casussen} casussen)</h3><p>{" ".join(zinnen)}</p></div>'


def _leefgebieden(pat: Patronen) -> str:
    m = pat.min_groep
    rows = []
    for g in pat.per_leefgebied:
        if onderdrukt(g.casussen, m):
            rows.append([_e(g.naam), _klein(m), _klein(m), _klein(m), _klein(m)])
        else:
            rows.append(
                [
                    _e(g.naam),
                    str(g.casussen),
                    _eur(g.mediaan_netto_cent),
                    f"{_eur(g.p25_netto_cent)} tot {_eur(g.p75_netto_cent)}",
                    "€ " + _per_euro(g.rendement),
                ]
            )
    if not rows:
        return "<p>Bij geen enkele casus zijn leefgebieden ingevuld.</p>"
    html = _table(
        ["Leefgebied (ZRM)", "Casussen", "Mediaan netto per casus", "Middelste helft (P25 tot P75)", "Per euro"],
        rows,
        {1, 2, 3, 4},
    )
    note = "Een casus met meer leefgebieden telt bij elk ervan mee."
    if pat.zonder_leefgebied:
        aantal = _e(klein_label(m)) if onderdrukt(pat.zonder_leefgebied, m) else str(pat.zonder_leefgebied)
        note += f" Bij {aantal} casussen zijn geen leefgebieden ingevuld."
    return html + f'<p class="note">{note}</p>'


def _wie_betaalt(bc: BusinessCase, ib: InvesteerderBaathebber, m: int) -> str:
    groups = per_groep(bc, "financier")
    rows = [
        (
            name,
            [
                (None if onderdrukt(k.casussen, m) else k.bedrag_cent, KOSTEN_KLEUR),
                (None if onderdrukt(b.casussen, m) else b.bedrag_cent, BATEN_KLEUR),
            ],
        )
        for name, (k, b) in groups.items()
    ]
    html = [
        "<p>Het sociaal werk wordt vooral door de gemeente betaald, maar een groot deel van de vermeden kosten "
        "landt bij anderen. Hieronder per financier wat die betaalde en bij wie de besparing naar schatting landt.</p>",
        f"<figure>{_svg_staven(rows, [('kosten', KOSTEN_KLEUR), ('baten (vermeden kosten)', BATEN_KLEUR)], m)}"
        "<figcaption>Kosten en baten per financier.</figcaption></figure>",
    ]
    wet_rows = [
        [_e(w), _money_cel(k, m), _money_cel(b, m), _klein(m) if onderdrukt(b.casussen, m) else str(b.casussen)]
        for w, (k, b) in per_groep(bc, "wet").items()
    ]
    html.append("<h3>Per wet</h3>")
    html.append(_table(["Wet", "Kosten", "Baten (vermeden kosten)", "Casussen met baten"], wet_rows, {1, 2, 3}))
    g_k, g_b = ib.gemeente_kosten_cent, ib.gemeente_baten_cent
    regels = bc.regels
    vermeden_gemeente = regels[(regels["regelsoort"] == "vermeden") & (regels["financier"] == "gemeente")]
    n_baten = vermeden_gemeente.loc[vermeden_gemeente["bedrag_cent"] != 0, "casusnummer"].nunique()
    n_overdracht = vermeden_gemeente.loc[vermeden_gemeente["overdracht"], "casusnummer"].nunique()
    if onderdrukt(n_baten, m):
        # the same disclosure control as the tables: no amounts of a group of fewer than m cases
        tekst = (
            f"<p>De gemeente betaalt {_eur(g_k)} (eigen inzet en doorverwezen zorg die zij financiert). "
            f"Vermeden kosten bij de gemeente komen uit minder dan {m} casussen; die bedragen worden niet "
            "getoond.</p>"
        )
    else:
        overdracht = (
            f"{_eur(ib.gemeente_overdrachten_cent)} overdrachten zoals bijstand"
            if not onderdrukt(n_overdracht, m) or n_overdracht == 0
            else f"een deel overdrachten (uit minder dan {m} casussen, bedrag niet getoond)"
        )
        netto_zonder = (
            ""
            if onderdrukt(n_overdracht, m) and n_overdracht
            else f"; zonder overdrachten {_eur(ib.gemeente_netto_zonder_overdrachten_cent)}"
        )
        tekst = (
            f"<p>De gemeente betaalt {_eur(g_k)} (eigen inzet en doorverwezen zorg die zij financiert). Van alle "
            f"vermeden kosten landt naar schatting {_eur(g_b)} bij de gemeente ({_pct(ib.gemeente_aandeel)}), "
            f"waarvan {overdracht}. Het eigen netto resultaat van de gemeente is daarmee "
            f"{_eur(ib.gemeente_netto_cent)}{netto_zonder}. De rest van de besparing, "
            f"{_eur(ib.totaal_baten_cent - g_b)}, landt bij andere partijen.</p>"
        )
    html.append("<h3>De gemeente</h3>" + tekst)  # fmt: skip
    inv = ib.investeerders
    headers = ["Baathebber ↓ / investeerder →"] + [_e(a) for a in inv] + ["Totaal"]
    body = [
        ["<b>Kosten (investering)</b>"]
        + ["-" if a == ZONDER_KOSTEN else _money_cel(ib.kosten[a], m) for a in inv]
        + [_eur(bc.totalen["kosten"])]
    ]
    for b in ib.baathebbers:
        row = [_e(b)] + [_money_cel(ib.cellen[(a, b)], m) if (a, b) in ib.cellen else "" for a in inv]
        body.append(row + [_money_cel(ib.baten[b], m)])
    total = ["Baten totaal"] + [_money_cel(ib.rijen[a], m) for a in inv] + [_eur(ib.totaal_baten_cent)]
    html.append("<h3>Investeerders en baathebbers</h3>")
    html.append(_table(headers, body, set(range(1, len(headers))), total=total))
    html.append(
        '<p class="note">Een cel is de besparing bij de baathebber (rij) uit de casussen waarin de investeerder '
        "(kolom) betaalde, naar rato van zijn deel van de kosten van elke casus. Rijen en kolommen tellen op tot de "
        "totalen.</p>"
    )
    return "".join(html)


def _tijd(am: Arbeidsmarkt, m: int) -> str:
    per_fte = _uren(am.uren_per_fte, 0)
    rows = []
    for s in am.sectoren:
        naam = _e(s.sector) + ("" if s.personeel else " (geen personeel)")
        if onderdrukt(s.casussen, m):
            rows.append([naam, _klein(m), _klein(m), _klein(m), _klein(m)])
        else:
            rows.append([naam, _uren(s.uren), _uren(s.fte(am.uren_per_fte), 2), str(s.casussen), _uren(s.uren_ingezet)])
    html = []
    if onderdrukt(am.personeel_casussen, m) or am.personeel_casussen == 0:
        html.append(
            "<p>Er zijn (nog) te weinig casussen met vermeden uren van professionals om een totaal te tonen.</p>"
        )
    else:
        html.append(
            f"<p>Naar schatting is {_uren(am.personeel_uren)} uur werk van professionals vermeden, bij politie, "
            f"zorg, hulpverlening en andere diensten. Dat is {_uren(am.personeel_fte, 2)} fte: zoveel mensen zouden "
            f"een jaar lang met dit werk bezig zijn geweest (bij {per_fte} productieve uren per fte per jaar; dat "
            "getal is een aanname en kan worden aangepast).</p>"
        )
    html.append(
        f"<p>Alleen posten waarvan de prijslijst de uren kent, tellen mee: dat is {_pct(am.dekking)} van de baten "
        "(naar waarde). Voor de rest, zoals uitkeringen, uitzettingen en delicten, geeft de prijslijst geen uren "
        "en is er niet geschat: de werkelijk vermeden tijd is dus groter dan hier staat.</p>"
    )
    if rows:
        html.append(_table(["Sector", "Uren vermeden", "fte", "Casussen", "Uren ingezette zorg"], rows, {1, 2, 3, 4}))
        html.append(
            '<p class="note">Uren = uren per eenheid × aantal × kans / 100. Uren ingezette zorg: tijd die door '
            "doorverwijzing juist extra werd gevraagd. Mantelzorg en arbeid zijn tijd van naasten en van de cliënt "
            "zelf, geen personeel, en tellen niet mee in het totaal.</p>"
        )
    zonder = [p for p in am.zonder_uren if not onderdrukt(p.casussen, m)][:6]
    if zonder:
        html.append(
            '<p class="note">Grootste posten zonder uren in de prijslijst: '
            + "; ".join(f"{_e(p.omschrijving)} ({_eur(p.baten_cent)})" for p in zonder)
            + ".</p>"
        )
    return "".join(html)


def _verdeling_trend(pat: Patronen) -> str:
    m = pat.min_groep
    html = []
    if pat.verdeling:
        labels = [f"{format_eur_cents(k.van_cent)}\ntot {format_eur_cents(k.tot_cent)}" for k in pat.verdeling]
        html.append(
            "<figure>"
            + _svg_kolommen(
                labels,
                [k.casussen for k in pat.verdeling],
                [str(k.casussen) for k in pat.verdeling],
                "aantal casussen",
                m,
            )
            + f"<figcaption>Verdeling van het netto resultaat per casus. Elke klasse telt ten minste {m} casussen; "
            "kleinere klassen zijn samengevoegd.</figcaption></figure>"
        )
    u = pat.uitschieters
    if u.methode:
        if u.gemarkeerd:
            namen = ", ".join(
                f"{_e(x.casusnummer)} ({'veel hoger' if x.richting == 'hoog' else 'veel lager'})" for x in u.gemarkeerd
            )
            een = len(u.gemarkeerd) == 1
            html.append(
                f"<p>{len(u.gemarkeerd)} {'casus wijkt' if een else 'casussen wijken'} sterk af van de rest en "
                f"{'is' if een else 'zijn'} ter controle gemarkeerd: {namen}. {'Deze telt' if een else 'Ze tellen'} "
                "gewoon mee; een collega kijkt of aantallen en kansen kloppen. Regel: netto per "
                f"casus buiten de mediaan ± 3 × de geschaalde spreiding (buiten {_eur(u.ondergrens_cent)} tot "
                f"{_eur(u.bovengrens_cent)}).</p>"
            )
        else:
            html.append("<p>Geen casus wijkt sterk af van de rest (regel: mediaan ± 3 × geschaalde spreiding).</p>")
    if pat.trend_kwartaal:
        punten = pat.trend_kwartaal
        values = [None if onderdrukt(t.casussen, m) else t.baten_per_casus_cent for t in punten]
        tops = ["" if onderdrukt(t.casussen, m) else f"{format_eur_cents(t.baten_per_casus_cent)}" for t in punten]
        html.append(
            "<h3>Per kwartaal</h3><figure>"
            + _svg_kolommen([t.kwartaal for t in punten], values, [_e(x) for x in tops], "baten per casus", m)
            + "<figcaption>Baten per casus per kwartaal van de einddatum, alle teams.</figcaption></figure>"
        )
        rows = []
        for team, reeks in [("alle teams", punten)] + sorted(pat.trend_team.items()):
            for t in reeks:
                if onderdrukt(t.casussen, m):
                    rows.append([_e(team), _e(t.kwartaal), _klein(m), _klein(m), _klein(m), _klein(m)])
                else:
                    rows.append(
                        [
                            _e(team),
                            _e(t.kwartaal),
                            str(t.casussen),
                            _eur(t.baten_per_casus_cent),
                            _eur(t.netto_per_casus_cent),
                            "€ " + _per_euro(t.rendement),
                        ]
                    )
        html.append(
            _table(
                ["Team", "Kwartaal", "Casussen", "Baten per casus", "Netto per casus", "Per euro"], rows, {2, 3, 4, 5}
            )
        )
    return "".join(html)


def _werkwijze(bc: BusinessCase, m: int) -> str:
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
        f"<li>Kleine groepen: een groep van minder dan {m} casussen staat als ‘{_e(klein_label(m))}’, zonder "
        "bedragen.</li>"
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
    "Kleine groepen zijn verborgen; wie getoonde totalen van elkaar aftrekt, kan soms toch een verborgen waarde "
    "afleiden. Verspreid het rapport daarom niet breder dan nodig.",
)


def _bronnen(bc: BusinessCase) -> str:
    used = sorted(set(bc.regels["code"])) if len(bc.regels) else []
    rows = []
    for code in used:
        item = bc.prijslijst.items[code]
        rows.append(
            [
                _e(code),
                _e(item.omschrijving),
                _e(f"{format_eur_cents(int(item.prijs * 100))} {item.eenheid}"),
                str(item.prijsjaar),
                _e(item.betrouwbaarheid),
                _e(item.bron),
            ]
        )
    if not rows:
        return "<p>Geen posten gebruikt.</p>"
    return _table(["Code", "Post", "Prijs", "Jaar", "Betr.", "Bron"], rows, {2, 3}, cls="bron")


def _verantwoording(bc: BusinessCase, periode: Periode | None, buiten: int, m: int) -> str:
    telling = bc.status_telling()
    pl = bc.prijslijst
    rows = [
        ["Periode (einddatum)", _e(periode.label if periode else "alle casussen")],
        ["Casussen opgenomen", str(telling.get(OPGENOMEN, 0))],
        ["Bestanden afgewezen (fouten)", str(telling.get(AFGEWEZEN, 0))],
        ["Bestanden overgeslagen (geen casus)", str(telling.get(OVERGESLAGEN, 0))],
        ["Casussen buiten de periode (niet meegeteld)", str(buiten)],
        ["Prijspeil", str(bc.prijspeil)],
        ["Prijslijstversie", _e(pl.versie)],
        ["Prijslijstbestanden", _e("; ".join(Path(p).name for p in pl.bestanden))],
        ["Eigen (overschreven) prijzen", str(len(pl.overrides))],
        ["Kleine groepen verborgen onder", f"{m} casussen"],
        ["Gemaakt", _e(bc.gemaakt.strftime("%d-%m-%Y %H:%M"))],
        ["Rendementsmeter", _e(__version__)],
    ]
    return _table(["Gegeven", "Waarde"], rows, set())


def render_html(
    bc: BusinessCase,
    *,
    periode: Periode | None = None,
    buiten: Sequence[ReadResult] | int = (),
    min_groep: int = MIN_GROEP,
    uren_per_fte: Decimal | int | float = UREN_PER_FTE,
    titel: str = "Maatschappelijk rendement van sociaal werk",
    pat: Patronen | None = None,
    ib: InvesteerderBaathebber | None = None,
    am: Arbeidsmarkt | None = None,
) -> str:
    """The report as one HTML string (see the module docstring).

    `buiten`: the cases outside the period (or their number). `pat`, `ib`, `am`: figures already
    computed with the same `min_groep` (and `uren_per_fte`), to save computing them twice."""
    m = min_groep
    n = len(bc.per_casus)
    n_buiten = buiten if isinstance(buiten, int) else len(buiten)
    pat = pat if pat is not None else patronen(bc, m)
    ib = ib if ib is not None else investeerder_baathebber(bc, m)
    am = am if am is not None else arbeidsmarkt(bc, uren_per_fte, m)
    periode_tekst = periode.label if periode else "alle aangeleverde casussen"
    parts = [
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(titel)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(titel)}</h1>",
        f'<p class="sub">Business case opgebouwd uit {n if not onderdrukt(n, m) else _e(klein_label(m))} '
        f"afgesloten casussen · periode: {_e(periode_tekst)} · "
        f"prijspeil {bc.prijspeil} · gemaakt op {_e(bc.gemaakt.strftime('%d-%m-%Y'))}</p></header>",
    ]
    if n == 0 or onderdrukt(n, m):
        parts.append(
            f"<p>Dit rapport telt {'geen' if n == 0 else _e(klein_label(m))} casussen. Bij minder dan {m} casussen "
            "worden geen cijfers getoond: personen zouden herkenbaar kunnen worden. Voeg meer casussen toe of kies "
            "een langere periode.</p>"
        )
    else:
        parts += [
            "<section><h2>Kerncijfers</h2>",
            _kerncijfers(bc, n),
            "</section><section><h2>Het verhaal per domein</h2>",
            "<p>Per domein: wat het werk kostte, wat het naar schatting voorkwam, en welke posten het verschil "
            "maken. De cijfers zijn schattingen van de werkers, geprijsd met de maatschappelijke prijslijst.</p>",
            *(_verhaal(bc, g, pat) for g in pat.per_domein),
            "<h3>Per leefgebied</h3>",
            _leefgebieden(pat),
            "</section><section><h2>Wie betaalt, wie heeft baat</h2>",
            _wie_betaalt(bc, ib, m),
            "</section><section><h2>Bespaarde tijd van professionals</h2>",
            _tijd(am, m),
            "</section><section><h2>Verdeling en trend</h2>",
            _verdeling_trend(pat),
            "</section>",
        ]
    parts += [
        "<section><h2>Werkwijze</h2>",
        _werkwijze(bc, m),
        "</section><section><h2>Kanttekeningen</h2><ul>",
        *(f"<li>{_e(k)}</li>" for k in KANTTEKENINGEN),
        "</ul></section><section><h2>Verantwoording</h2>",
        _verantwoording(bc, periode, n_buiten, m),
        "</section><section><h2>Bronnen van de gebruikte prijzen</h2>",
        _bronnen(bc),
        "</section>",
        f"<footer>Gemaakt met rendementsmeter {_e(__version__)}. Elk bedrag is herleidbaar tot bestand en cel in "
        "de bijbehorende business case (Excel). Geen persoonsgegevens: casusnummers zijn pseudoniemen.</footer>",
        "</body></html>",
    ]
    return "\n".join(parts)


def write_html(bc: BusinessCase, path: Path | str, **options: Any) -> Path:
    """Write the report atomically (no half-written file on failure); options as for `render_html`."""
    text = render_html(bc, **options)
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target
