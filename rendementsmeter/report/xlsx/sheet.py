"""A worksheet helper and the cell formats shared by every sheet of the business case workbook."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from rendementsmeter.core.money import NVT
from rendementsmeter.core.output import XLSX_MONEY as MONEY
from rendementsmeter.report.xlsx.bulk import BULK_ROWS, BulkWorkbook


class Sheet:
    """A worksheet with a running row and table helper."""

    #: Rows of a worksheet in Excel and LibreOffice; a longer table goes on in a next sheet.
    max_rows = 1_048_576

    def __init__(self, wb: Any, fm: dict[str, Any], name: str, title: str):
        self.wb = wb
        self.ws = wb.add_worksheet(name)
        self.fm = fm
        self.name, self.title, self.part, self.scale = name, title, 1, 0
        self.row = 0
        self.ws.write(0, 0, title, fm["title"])
        self.row = 2
        self.tables = 0
        self.ws.set_landscape()
        self.ws.set_paper(9)
        self.ws.fit_to_pages(1, 0)
        self.ws.set_footer("&L&A&RPagina &P van &N")

    def print_wide(self, scale: int = 75) -> None:
        """For a table too wide for one page: print at a fixed, readable scale over as many pages as needed,
        with the header row and the first column on every page, instead of shrinking it to one page width."""
        self.scale = scale
        self.ws.set_print_scale(scale)
        self.ws.repeat_rows(2)
        self.ws.repeat_columns(0)

    def note(self, text: str) -> None:
        """A remark: short ones in one cell, long ones wrapped over the first columns (so that they do
        not stretch the printed page)."""
        if len(text) <= 110:
            self.ws.write_string(self.row, 0, text, self.fm["note"])
        else:
            self.ws.merge_range(self.row, 0, self.row, 4, text, self.fm["note_wrap"])
            self.ws.set_row(self.row, 15 * (len(text) // 100 + 1))
        self.row += 1

    def table(
        self,
        headers: list[str],
        rows: list[list[Any]],
        kinds: list[str],
        widths: list[int] | None = None,
        total: list[Any] | None = None,
        columns: list[Sequence[Any]] | None = None,
        max_lines: int | None = None,
    ) -> None:
        """A table with a header row; the data as `rows`, or column by column as `columns` (a long
        table is then written without building a list per row). Rows with wrapped text get the height
        of their lines, at most `max_lines` (the full text stays in the cell).

        A table longer than the sheet can hold (a national pool lists more than a million cases) goes on
        in a next sheet, `Per casus (2)` and so on, with the header row again and the total at the very
        end; the sheet says so above the table. Later writes go to the last of these sheets."""
        n = len(columns[0]) if columns else len(rows)
        room = self.max_rows - self.row - 1 - (total is not None)  # below the header; the total's row kept
        if n > room:
            nxt = f"{self.name} ({self.part + 1})"
            room = max(room, 0)  # a sheet already full: the whole table on the next one
            where = f"De tabel gaat verder op blad {nxt}" if room else f"De volgende tabel staat op blad {nxt}"
            self.ws.write_string(1, 0, f"{where}: een blad heeft hoogstens {self.max_rows:,} rijen.".replace(",", "."),
                                 self.fm["note"])  # fmt: skip
            if room:
                cut: list[Sequence[Any]] | None = [_part(c, 0, room) for c in columns] if columns else None
                self._table(headers, [] if columns else rows[:room], kinds, widths, None, cut, max_lines)
            rest = Sheet(self.wb, self.fm, nxt, f"{self.title} (vervolg van blad {self.name})")
            rest.name, rest.title, rest.part = self.name, self.title, self.part + 1
            if self.scale:
                rest.print_wide(self.scale)
            more: list[Sequence[Any]] | None = [_part(c, room, None) for c in columns] if columns else None
            rest.table(headers, [] if columns else rows[room:], kinds, widths, total, more, max_lines)
            self.ws, self.row, self.tables, self.part = rest.ws, rest.row, rest.tables, rest.part
            return
        self._table(headers, rows, kinds, widths, total, columns, max_lines)

    def _table(
        self,
        headers: list[str],
        rows: list[list[Any]],
        kinds: list[str],
        widths: list[int] | None,
        total: list[Any] | None,
        columns: list[Sequence[Any]] | None,
        max_lines: int | None,
    ) -> None:
        ws, fm = self.ws, self.fm
        top = self.row
        n = len(columns[0]) if columns else len(rows)
        for c, h in enumerate(headers):
            ws.write_string(top, c, h, fm["header"])
            if widths:
                ws.set_column(c, c, widths[c])
        if widths and any(len(h) > w for h, w in zip(headers, widths, strict=False)):
            ws.set_row(top, 32)  # wrapped headers need two lines
        if n > BULK_ROWS and isinstance(self.wb, BulkWorkbook):
            # the same cells, without a Python object each
            self.wb.add_columns(ws, top + 1, columns or [list(c) for c in zip(*rows, strict=True)], kinds, fm)
        else:
            if columns:  # (a column of whole numbers may be an array: its values as Python ints)
                plain = [c.tolist() if isinstance(c, np.ndarray) else c for c in columns]
                rows = [list(r) for r in zip(*plain, strict=True)]
            wrapped = [c for c, kind in enumerate(kinds) if kind == "wrap"] if widths else []
            for r, values in enumerate(rows, start=top + 1):
                for c, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                    write_cell(ws, r, c, value, kind, fm)
                if wrapped:  # LibreOffice keeps the default height of an xlsx row: give wrapped text its lines
                    lines = max(text_lines(values[c], widths[c]) for c in wrapped)  # type: ignore[index]
                    lines = min(lines, max_lines or lines)
                    if lines > 1:
                        ws.set_row(r, LINE_HEIGHT * lines)
        self.row = top + 1 + n
        if total is not None:
            for c, (value, kind) in enumerate(zip(total, kinds, strict=True)):
                write_cell(ws, self.row, c, value, kind, fm, bold=True)
            self.row += 1
        if self.tables == 0 and n > 10:
            # only the first table of a sheet: Excel allows one filter, and a frozen lower table
            # would pin everything above it
            ws.autofilter(top, 0, top + n, len(headers) - 1)
            ws.freeze_panes(top + 1, 0)
        self.tables += 1
        self.row += 1


def _part(column: Sequence[Any], start: int, stop: int | None) -> Sequence[Any]:
    """Values `start` to `stop` of a table column: an array stays an array (bulk.add_columns takes an array
    of whole numbers as it is), anything else becomes a list."""
    return column[start:stop] if isinstance(column, np.ndarray) else list(column[start:stop])


LINE_HEIGHT = 15  # points per line of 10-point text


def fit_width(values: Sequence[Any], least: int, most: int) -> int:
    """A column width that shows the longest of `values` whole (a pool's case numbers are an organisation
    and a 16-character pseudonym), at least `least` and at most `most` characters."""
    longest = max((len(v) for v in values if isinstance(v, str)), default=0)
    return max(least, min(most, longest + 1))


def text_lines(value: Any, width: int) -> int:
    """About how many lines a wrapped text needs in a column `width` characters wide."""
    text = "" if value is None else str(value)
    per_line = max(width - 2, 8)  # the indent and the cell's margins
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")) if text else 1


def write_cell(ws: Any, r: int, c: int, value: Any, kind: str, fm: dict[str, Any], bold: bool = False) -> None:
    suffix = "_b" if bold else ""
    if kind == "ratio" and value is None:  # no costs: a ratio does not exist (never a blank or a division by 0)
        ws.write_string(r, c, NVT, fm["ratio" + suffix])
    elif value is None or (isinstance(value, float) and value != value):
        ws.write_blank(r, c, None, fm["text" + suffix])
    elif kind == "eur":
        ws.write_number(r, c, value / 100, fm["money" + suffix])
    elif kind == "int":
        ws.write_number(r, c, value, fm["int" + suffix])
    elif kind == "ratio":
        ws.write_number(r, c, value, fm["ratio" + suffix])
    elif kind == "pct":
        ws.write_number(r, c, value, fm["pct" + suffix])
    elif kind == "num":
        ws.write_number(r, c, float(value), fm["num" + suffix])
    elif kind == "date":
        ws.write_datetime(r, c, value, fm["date" + suffix])
    elif kind == "wrap":
        ws.write_string(r, c, str(value), fm["wrap" + suffix])
    else:
        ws.write_string(r, c, str(value), fm["text" + suffix])


def formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    fm = {
        "title": wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F4E79"}),
        "note": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
        "note_wrap": wb.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": True}),
        "header": wb.add_format(
            {**base, "bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True, "border": 1}
        ),
    }
    for suffix, extra in (("", {}), ("_b", {"bold": True, "top": 2})):
        fm["text" + suffix] = wb.add_format({**base, **extra})
        fm["wrap" + suffix] = wb.add_format({**base, **extra, "text_wrap": True, "indent": 1})
        fm["money" + suffix] = wb.add_format({**base, **extra, "num_format": MONEY})
        # right-aligned: a ratio that does not exist (n.v.t., a text) stands where the numbers stand
        fm["ratio" + suffix] = wb.add_format({**base, **extra, "num_format": "[$-413]0.00", "align": "right"})
        fm["pct" + suffix] = wb.add_format({**base, **extra, "num_format": "[$-413]0.0%"})
        fm["num" + suffix] = wb.add_format({**base, **extra, "num_format": "[$-413]#,##0.##"})
        fm["int" + suffix] = wb.add_format({**base, **extra, "num_format": "0"})
        fm["date" + suffix] = wb.add_format({**base, **extra, "num_format": "dd-mm-yyyy", "align": "left"})
    return fm
