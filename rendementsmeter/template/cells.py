"""Where the input rows of a line sheet are, and the formula snippets that refer to them.

Shared by the line sheets, the Casus sheet (totals, open count) and the workbook's defined names.
"""

from __future__ import annotations

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from rendementsmeter.spec import casus as spec

FIRST_DATA_ROW = spec.HEADER_ROW  # 0-based index of the first input row (header is 1-based HEADER_ROW)
LAST_DATA_ROW = FIRST_DATA_ROW + spec.INPUT_ROWS - 1
#: Helper formulas of every line row. They sit on the hidden Hulp sheet (spec.HULP_SHEET), on the same
#: row as their input row, one block of columns per line sheet; the reader never parses that sheet.
HELPERS = ("rij", "lijst", "gestart", "open", "code", "dubbel")
HULP = quote_sheetname(spec.HULP_SHEET)


def line_refs(sheet: spec.LineSheet) -> dict[str, str]:
    """Column letter of every column of a line sheet; a helper's letter is its column on the Hulp sheet."""
    block = [s.name for s in spec.LINE_SHEETS].index(sheet.name) * len(HELPERS)
    refs = {key: xl_col_to_name(i) for i, key in enumerate(sheet.keys)}
    refs.update({key: xl_col_to_name(block + j) for j, key in enumerate(HELPERS)})
    return refs


def cell_ref(sheet: spec.LineSheet, key: str, row: int, on_hulp: bool = False, fixed_col: bool = False) -> str:
    """A reference to a column's cell in 1-based `row`, for a formula on the line sheet (or, with
    `on_hulp`, on the Hulp sheet): qualified with the other sheet's name where the cell is there."""
    ref = f"{'$' if fixed_col else ''}{line_refs(sheet)[key]}{row}"
    if key in HELPERS:
        return ref if on_hulp else f"{HULP}!{ref}"
    return f"{quote_sheetname(sheet.name)}!{ref}" if on_hulp else ref


def rows(col: str) -> str:
    return f"{col}{FIRST_DATA_ROW + 1}:{col}{LAST_DATA_ROW + 1}"


def sheet_range(sheet: spec.LineSheet, key: str) -> str:
    """An absolute reference to a column's input rows (absolute: it is also used in a defined name)."""
    col = line_refs(sheet)[key]
    where = HULP if key in HELPERS else quote_sheetname(sheet.name)
    return f"{where}!${col}${FIRST_DATA_ROW + 1}:${col}${LAST_DATA_ROW + 1}"


def total_ref(sheet: spec.LineSheet) -> str:
    return f"SUM({sheet_range(sheet, 'bedrag')})"


def any_filled(cells: list[str]) -> str:
    """True when any of the cells holds something other than spaces."""
    return f'TRIM({"&".join(cells)})<>""'


def is_blank(cell: str) -> str:
    return f'TRIM({cell})=""'
