"""Native Excel charts for the business case workbook (xlsxwriter): one sheet 'Grafieken'.

Four charts, each below the table it draws from (so a reader can check every bar): costs and
benefits per financier, per law, the distribution of net benefit per case, and the trend per quarter
(benefits per case, and the return on a second axis). Renders only: the figures come from
`patterns` and `payers`, and what to show is decided by `analysis.disclosure`: amounts per financier
and per law are budgets and always have their bar; a quarter of fewer than `min_groep` cases has empty
cells (no text in number columns) and says so in its label. Printing: A4 landscape at a fixed scale,
with a page break before any chart block that would not fit on the page, so no chart is cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.analysis.disclosure import MIN_GROEP, klein_label, onderdrukt
from rendementsmeter.analysis.pattern_types import Patronen
from rendementsmeter.analysis.patterns import patronen
from rendementsmeter.analysis.payers import Cel
from rendementsmeter.core.money import format_eur_cents

SHEET = "Grafieken"
AXIS_MONEY = "[$-413]€ #,##0"
BLUE, ORANGE, GREY = "#1F4E79", "#C55A11", "#7F7F7F"
CHART_ROWS = 18  # a chart (330 px) is about 17 rows high; it stands below its table


@dataclass
class _Ctx:
    wb: Any
    ws: Any
    fm: dict[str, Any]
    sheet: str
    m: int

    def ref(self, r1: int, c1: int, r2: int | None = None, c2: int | None = None) -> list[Any]:
        return [self.sheet, r1, c1] if r2 is None else [self.sheet, r1, c1, r2, c2]


PRINT_SCALE = 90
ROWS_PER_PAGE = 34  # A4 landscape at PRINT_SCALE with the default margins and 15-point rows


def _chart(wb: Any, kind: str, title: str, y_title: str, subtype: str | None = None) -> Any:
    spec = {"type": kind, **({"subtype": subtype} if subtype else {})}
    chart = wb.add_chart(spec)
    chart.set_title({"name": title, "name_font": {"size": 12, "bold": True}})
    chart.set_y_axis({"name": y_title, "num_format": AXIS_MONEY, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 330})
    chart.show_blanks_as("gap")
    return chart


def _kosten_baten(x: _Ctx, row: int, title: str, label: str, groups: dict[str, tuple[Cel, Cel]]) -> int:
    wb, ws, fm = x.wb, x.ws, x.fm
    ws.write_string(row, 0, title, fm["header_title"])
    top = row + 1
    for c, h in enumerate((label, "Kosten", "Baten", "Casussen (baten)")):
        ws.write_string(top, c, h, fm["header"])
    for i, (name, (cost, gain)) in enumerate(groups.items(), start=top + 1):
        ws.write_string(i, 0, name, fm["text"])
        ws.write_number(i, 1, cost.bedrag_cent / 100, fm["money"])
        ws.write_number(i, 2, gain.bedrag_cent / 100, fm["money"])
        ws.write_number(i, 3, gain.casussen, fm["num"])
    last = top + len(groups)
    if groups:
        chart = _chart(wb, "bar", title, "euro")
        chart.set_x_axis({"num_format": AXIS_MONEY, "major_gridlines": {"visible": True}})
        chart.set_y_axis({"reverse": True})
        for col, colour in ((1, ORANGE), (2, BLUE)):
            chart.add_series(
                {
                    "name": x.ref(top, col),
                    "categories": x.ref(top + 1, 0, last, 0),
                    "values": x.ref(top + 1, col, last, col),
                    "fill": {"color": colour},
                    "gap": 60,
                }
            )
        ws.insert_chart(last + 2, 0, chart, {"y_offset": 5})
    return last + 2 + CHART_ROWS


def _verdeling(x: _Ctx, row: int, pat: Patronen) -> int:
    wb, ws, fm = x.wb, x.ws, x.fm
    title = "Verdeling van het netto resultaat per casus"
    ws.write_string(row, 0, title, fm["header_title"])
    top = row + 1
    for c, h in enumerate(("Netto per casus", "Van", "Tot", "Casussen")):
        ws.write_string(top, c, h, fm["header"])
    for i, k in enumerate(pat.verdeling, start=top + 1):
        ws.write_string(i, 0, f"{format_eur_cents(k.van_cent)} tot {format_eur_cents(k.tot_cent)}", fm["text"])
        ws.write_number(i, 1, k.van_cent / 100, fm["money"])
        ws.write_number(i, 2, k.tot_cent / 100, fm["money"])
        ws.write_number(i, 3, k.casussen, fm["num"])
    last = top + len(pat.verdeling)
    if pat.verdeling:
        chart = _chart(wb, "column", title, "aantal casussen")
        chart.set_y_axis({"name": "aantal casussen", "num_format": "0", "major_gridlines": {"visible": True}})
        chart.set_legend({"none": True})
        chart.add_series(
            {
                "name": "Casussen",
                "categories": x.ref(top + 1, 0, last, 0),
                "values": x.ref(top + 1, 3, last, 3),
                "fill": {"color": BLUE},
                "gap": 10,
            }
        )
        ws.insert_chart(last + 3, 0, chart, {"y_offset": 5})
    else:
        ws.write_string(
            top + 1, 0, f"Niet getoond: minder dan {pat.min_groep} casussen (kleine aantallen).", fm["note"]
        )
        last += 1
    ws.write_string(
        last + 1, 0, "Klassen zonder casussen zijn weggelaten; heel kleine klassen zijn samengevoegd.", fm["note"]
    )
    return last + 3 + (CHART_ROWS if pat.verdeling else 0)


def _trend(x: _Ctx, row: int, pat: Patronen) -> int:
    wb, ws, fm = x.wb, x.ws, x.fm
    title = "Trend per kwartaal (einddatum), alle teams"
    m = pat.min_groep
    ws.write_string(row, 0, title, fm["header_title"])
    top = row + 1
    for c, h in enumerate(("Kwartaal", "Casussen", "Baten per casus", "Rendement")):
        ws.write_string(top, c, h, fm["header"])
    for i, t in enumerate(pat.trend_kwartaal, start=top + 1):
        if onderdrukt(t.casussen, m):
            ws.write_string(i, 0, f"{t.kwartaal} ({klein_label(m)} casussen)", fm["text"])
            for c in (1, 2, 3):
                ws.write_blank(i, c, None, fm["text"])
            continue
        ws.write_string(i, 0, t.kwartaal, fm["text"])
        ws.write_number(i, 1, t.casussen, fm["num"])
        ws.write_number(i, 2, t.baten_per_casus_cent / 100, fm["money"])
        if t.rendement is None:
            ws.write_blank(i, 3, None, fm["text"])
        else:
            ws.write_number(i, 3, t.rendement, fm["ratio"])
    last = top + len(pat.trend_kwartaal)
    if pat.trend_kwartaal:
        chart = _chart(wb, "column", title, "baten per casus")
        chart.add_series(
            {
                "name": x.ref(top, 2),
                "categories": x.ref(top + 1, 0, last, 0),
                "values": x.ref(top + 1, 2, last, 2),
                "fill": {"color": BLUE},
                "gap": 80,
            }
        )
        line = wb.add_chart({"type": "line"})
        line.add_series(
            {
                "name": x.ref(top, 3),
                "categories": x.ref(top + 1, 0, last, 0),
                "values": x.ref(top + 1, 3, last, 3),
                "y2_axis": True,
                "line": {"color": ORANGE, "width": 2.25},
                "marker": {"type": "circle", "size": 6, "fill": {"color": ORANGE}, "border": {"color": ORANGE}},
            }
        )
        line.set_y2_axis({"name": "rendement (baten per euro)", "num_format": "[$-413]0.00"})
        chart.combine(line)
        ws.insert_chart(last + 2, 0, chart, {"y_offset": 5})
    return last + 2 + (CHART_ROWS if pat.trend_kwartaal else 0)


def add_charts(
    workbook: Any,
    formats: dict[str, Any],
    bc: BusinessCase,
    *,
    min_groep: int = MIN_GROEP,
    pat: Patronen | None = None,
    naam: str = SHEET,
) -> Any:
    """Add the sheet 'Grafieken' with four native charts to an open xlsxwriter Workbook; returns the sheet.

    `formats` needs the keys text, money, num, ratio, header, note and title (as report_xlsx makes them).
    Pass `pat` when `patronen(bc, min_groep)` was already computed."""
    pat = pat if pat is not None else patronen(bc, min_groep)
    fm = dict(formats)
    fm.setdefault("header_title", workbook.add_format({"bold": True, "font_size": 12, "font_color": BLUE}))
    ws = workbook.add_worksheet(naam)
    ws.write_string(0, 0, "Grafieken: wie betaalt, wie heeft baat, verdeling en trend", fm["title"])
    ws.merge_range(
        1,
        0,
        1,
        5,
        "Bedragen per financier en per wet staan er altijd (budgetten, geen personen); een kwartaal van minder "
        f"dan {pat.min_groep} casussen heeft lege cellen en geen staaf (privacy).",
        fm.get("note_wrap", fm["note"]),
    )
    ws.set_row(1, 30)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 3, 16)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_print_scale(PRINT_SCALE)
    ws.set_footer("&L&A&RPagina &P van &N")
    row = 3
    if not len(bc.per_casus):
        ws.write_string(row, 0, "Geen opgenomen casussen: er is niets om te tekenen.", fm["note"])
        return ws
    x = _Ctx(workbook, ws, fm, naam, pat.min_groep)
    blocks: list[Any] = [
        lambda r: _kosten_baten(x, r, "Kosten en baten per financier", "Financier", bc.kosten_baten_per_financier),
        lambda r: _kosten_baten(x, r, "Kosten en baten per wet", "Wet", bc.kosten_baten_per_wet),
        lambda r: _verdeling(x, r, pat),
        lambda r: _trend(x, r, pat),
    ]
    breaks, page_top = [], 0
    for block in blocks:
        end = block(row)
        if end - page_top > ROWS_PER_PAGE and row > page_top:
            breaks.append(row)  # this block starts a new page instead of being cut
            page_top = row
        row = end
    ws.set_h_pagebreaks(breaks)
    return ws
