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
from pathlib import Path
from typing import Any

from rendementsmeter import __version__
from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.disclosure import MIN_GROEP, klein_label, onderdrukt
from rendementsmeter.analysis.pattern_types import Patronen
from rendementsmeter.analysis.patterns import patronen
from rendementsmeter.analysis.payers import (
    UREN_PER_FTE,
    Arbeidsmarkt,
    InvesteerderBaathebber,
    arbeidsmarkt,
    investeerder_baathebber,
)
from rendementsmeter.analysis.verhalen import Verhalen, ZrmUitkomst, kies_verhalen, zrm_uitkomsten
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.output import HTML_GENERATOR, atomic_path
from rendementsmeter.core.periode import Periode
from rendementsmeter.report.html.common import esc
from rendementsmeter.report.html.css import CSS
from rendementsmeter.report.html.domeinen import kerncijfers, leefgebieden, verhaal
from rendementsmeter.report.html.geld import tijd, verdeling_trend, wie_betaalt
from rendementsmeter.report.html.verantwoording import (
    KANTTEKENINGEN,
    bronnen,
    concentratie,
    verantwoording,
    werkwijze,
)
from rendementsmeter.report.html.vertellen import verhalen_blok, zrm_sectie


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
    verhalen: Verhalen | None = None,
    zrm: list[ZrmUitkomst] | None = None,
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
    vh = verhalen if verhalen is not None else kies_verhalen(bc, pat, bc.verhalen_keuze)
    periode_tekst = periode.label if periode else "alle aangeleverde casussen"
    parts = [
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">{HTML_GENERATOR}',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(titel)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{esc(titel)}</h1>",
        f'<p class="sub">Business case opgebouwd uit {n if not onderdrukt(n, m) else esc(klein_label(m))} '
        f"afgesloten casussen · periode: {esc(periode_tekst)} · "
        f"prijspeil {bc.prijspeil} · gemaakt op {esc(bc.gemaakt.strftime('%d-%m-%Y'))}</p></header>",
    ]
    if n == 0 or onderdrukt(n, m):
        parts.append(
            f"<p>Dit rapport telt {'geen' if n == 0 else esc(klein_label(m))} casussen. Bij minder dan {m} casussen "
            "worden geen cijfers getoond: personen zouden herkenbaar kunnen worden. Voeg meer casussen toe of kies "
            "een langere periode.</p>"
        )
    else:
        parts += [
            "<section><h2>Kerncijfers</h2>",
            kerncijfers(bc, n),
            "</section><section><h2>Het verhaal per domein</h2>",
            "<p>Per domein: wat het werk kostte, wat het naar schatting voorkwam, en welke posten het verschil "
            "maken. De cijfers zijn schattingen van de werkers, geprijsd met de maatschappelijke prijslijst.</p>",
            *(verhaal(bc, g, pat, verhalen_blok(vh.per_groep.get(g.naam, []))) for g in pat.per_domein),
            "<h3>Per leefgebied</h3>",
            leefgebieden(pat),
            "</section><section><h2>Wat veranderde voor de cliënt</h2>",
            zrm_sectie(zrm if zrm is not None else zrm_uitkomsten(bc), m),
            "</section><section><h2>Wie betaalt, wie heeft baat</h2>",
            wie_betaalt(bc, ib),
            "</section><section><h2>Bespaarde tijd van professionals</h2>",
            tijd(am, m),
            "</section><section><h2>Verdeling en trend</h2>",
            verdeling_trend(pat),
            "</section>",
        ]
    parts += [
        "<section><h2>Werkwijze</h2>",
        werkwijze(bc, m),
        "</section><section><h2>Kanttekeningen</h2><ul>",
        *(f"<li>{esc(k)}</li>" for k in (*KANTTEKENINGEN, *(() if n == 0 or onderdrukt(n, m) else concentratie(bc)))),
        "</ul></section><section><h2>Verantwoording</h2>",
        verantwoording(bc, periode, n_buiten, m),
        "</section><section><h2>Bronnen van de gebruikte prijzen</h2>",
        bronnen(bc),
        "</section>",
        f"<footer>Gemaakt met rendementsmeter {esc(__version__)}. Elk bedrag is herleidbaar tot bestand en cel in "
        "de bijbehorende business case (Excel) van het team. Dit rapport bevat geen persoonsgegevens en noemt "
        "geen casusnummers, teams of werkers.</footer>",
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
