"""Where the input rows of a line sheet are, and the formula snippets that refer to them.

Shared by the line sheets, the Casus sheet (totals, open count) and the workbook's defined names.
"""

from __future__ import annotations

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from rendementsmeter.spec import casus as spec

FIRST_DATA_ROW = spec.HEADER_ROW  # 0-based index of the first input row (header is 1-based HEADER_ROW)
LAST_DATA_ROW = FIRST_DATA_ROW + spec.INPUT_ROWS - 1
#: Hidden helper columns right of every line table.
HELPERS = ("rij", "lijst", "gestart", "open", "code", "dubbel")


def line_refs(sheet: spec.LineSheet) -> dict[str, str]:
    """Column letter of every column of a line sheet, helpers included."""
    keys = sheet.keys + HELPERS
    return {key: xl_col_to_name(i) for i, key in enumerate(keys)}


def rows(col: str) -> str:
    return f"{col}{FIRST_DATA_ROW + 1}:{col}{LAST_DATA_ROW + 1}"


def sheet_range(sheet: spec.LineSheet, key: str) -> str:
    """An absolute reference to a column's input rows (absolute: it is also used in a defined name)."""
    col = line_refs(sheet)[key]
    return f"{quote_sheetname(sheet.name)}!${col}${FIRST_DATA_ROW + 1}:${col}${LAST_DATA_ROW + 1}"


def total_ref(sheet: spec.LineSheet) -> str:
    return f"SUM({sheet_range(sheet, 'bedrag')})"


def any_filled(cells: list[str]) -> str:
    """True when any of the cells holds something other than spaces."""
    return f'TRIM({"&".join(cells)})<>""'


def is_blank(cell: str) -> str:
    return f'TRIM({cell})=""'
