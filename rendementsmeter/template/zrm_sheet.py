"""The optional Zelfredzaamheid sheet: per ZRM life domain a score at the start and at closure (1-5)."""

from __future__ import annotations

from typing import Any

from rendementsmeter.spec import zrm
from rendementsmeter.template.formats import Formats, message

SCORE_MESSAGE = "Kies 1-5: " + ", ".join(f"{s} = {t}" for s, t in zrm.ZRM_SCORES) + ". Leeg laten mag."


def write_zrm_sheet(wb: Any, fm: Formats) -> None:
    ws = wb.add_worksheet(zrm.ZRM_SHEET)
    widths = (32, 16, 20, 14)
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    last = len(widths) - 1
    ws.set_row(0, 24)
    ws.write(0, 0, "Zelfredzaamheid (optioneel)", fm.title)
    ws.merge_range(1, 0, 1, last, zrm.ZRM_HELP, fm.intro)
    ws.set_row(1, 62)
    header = zrm.ZRM_HEADER_ROW - 1
    ws.write_row(header, 0, zrm.ZRM_HEADERS, fm.header)
    ws.set_row(header, 30)
    first = header + 1
    for n, leefgebied in enumerate(zrm.LEEFGEBIEDEN):
        r = first + n
        ws.write_string(r, 0, leefgebied, fm.label)
        ws.write_blank(r, 1, None, fm.input_num)
        ws.write_blank(r, 2, None, fm.input_num)
        b, c = f"B{r + 1}", f"C{r + 1}"
        ws.write_formula(
            r,
            3,
            f'IF(OR({b}="",{c}=""),"",IF({c}>{b},"vooruit",IF({c}<{b},"achteruit","gelijk")))',
            fm.calc,
            "",
        )
        ws.set_row(r, 20)
    end = first + len(zrm.LEEFGEBIEDEN) - 1
    for col, title in ((1, "Score bij start"), (2, "Score bij afsluiting")):
        ws.data_validation(
            first,
            col,
            end,
            col,
            {
                "validate": "list",
                "source": [str(s) for s, _ in zrm.ZRM_SCORES],
                "input_title": title,
                "input_message": message(SCORE_MESSAGE),
                "error_title": "Kies een score",
                "error_message": "Kies een score van 1 tot en met 5, of laat de cel leeg.",
            },
        )
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, end, last)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&RPagina &P van &N")
