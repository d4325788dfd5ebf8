"""Report sections that tell: stories from practice next to a group's numbers, and what changed for the client."""

from __future__ import annotations

from rendementsmeter.analysis.disclosure import klein_label, onderdrukt
from rendementsmeter.analysis.verhalen import VerhaalKaart, ZrmUitkomst
from rendementsmeter.report.html.common import BATEN_KLEUR, KOSTEN_KLEUR, esc, klein, table


def verhalen_blok(kaarten: list[VerhaalKaart]) -> str:
    """The consented stories of one domain group (no case number, team or worker: the view has none)."""
    if not kaarten:
        return ""
    html = ['<div class="verhalen"><h4>Verhalen uit de praktijk</h4>']
    for k in kaarten:
        parts = [
            (label, text)
            for label, text in (("Situatie", k.situatie), ("Wat is gedaan", k.gedaan), ("Wat veranderde", k.veranderd))
            if text
        ]
        html.append(
            '<blockquote class="verhaal">'
            + "".join(f"<p><b>{esc(label)}.</b> {esc(text)}</p>" for label, text in parts)
            + "</blockquote>"
        )
    html.append("</div>")
    return "".join(html)


def _balk(u: ZrmUitkomst) -> str:
    """A stacked bar: improved (blue), the same (grey), declined (orange), in shares of the clients."""
    width, height = 160, 12
    out = [f'<svg class="balk" viewBox="0 0 {width} {height}" role="img" width="{width}" height="{height}">']
    x = 0.0
    for n, colour in ((u.beter, BATEN_KLEUR), (u.gelijk, "#BFBFBF"), (u.slechter, KOSTEN_KLEUR)):
        w = n / u.casussen * width if u.casussen else 0
        if w:
            out.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colour}"/>')
        x += w
    out.append("</svg>")
    return "".join(out)


def zrm_sectie(uitkomsten: list[ZrmUitkomst], m: int) -> str:
    """Per ZRM life domain: how many clients improved, stayed and declined (small life domains show <5)."""
    if not uitkomsten:
        return (
            "<p>Bij geen enkele casus is de zelfredzaamheid (ZRM) bij start en afsluiting ingevuld. Vul het blad "
            "Zelfredzaamheid in het sjabloon in om ook uitkomsten zonder prijskaartje te laten zien.</p>"
        )
    rows = []
    for u in uitkomsten:
        if onderdrukt(u.casussen, m):
            rows.append([esc(u.leefgebied), klein(m), klein(m), klein(m), klein(m), ""])
        else:
            rows.append([esc(u.leefgebied), str(u.casussen), str(u.beter), str(u.gelijk), str(u.slechter), _balk(u)])
    return (
        "<p>Niet alles wat het werk oplevert heeft een prijs. Per leefgebied van de Zelfredzaamheid-Matrix (ZRM, "
        "score 1 tot 5): bij hoeveel cliënten de score bij afsluiting hoger, gelijk of lager was dan bij de "
        "start.</p>"
        + table(["Leefgebied (ZRM)", "Cliënten", "Beter", "Gelijk", "Slechter", "Verdeling"], rows, {1, 2, 3, 4})
        + f'<p class="note">Blauw: beter, grijs: gelijk, oranje: slechter. Een leefgebied met minder dan {m} '
        f"cliënten met beide scores staat als ‘{esc(klein_label(m))}’. Een hogere score is een verandering, geen "
        f"bewijs dat het werk die veroorzaakte.</p>"
    )
