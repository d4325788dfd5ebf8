"""Cell extent and formula cells of a worksheet part, from its raw XML (for the guards).

The guards bound every sheet's rows x columns (from A1, as the reader asks the parser for it) before
any parser sees the file, and remember which cells hold a formula, so that the reader can flag a
formula where a value belongs. Plain regexes over bytes: an XML parser costs more than all other
checks of a file together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


class FormulaCells:
    """The cells of one worksheet that hold a formula, by name (B12), found on demand for the columns
    the reader asks about: a case sheet has hundreds of formula cells, the reader asks about a few
    input columns. Either from the worksheet XML as the common writers write it, or a precomputed set."""

    def __init__(self, xml: bytes = b"", cells: set[str] | None = None):
        self.xml = xml
        self.cells = cells
        self._asked: dict[tuple[str, ...], frozenset[str]] = {}

    def in_columns(self, letters: Iterable[str]) -> frozenset[str]:
        key = tuple(sorted({x.upper() for x in letters}))
        if key not in self._asked:
            if self.cells is not None:
                found = {c for c in self.cells if c.rstrip("0123456789") in key}
            elif key:
                found = set(map(bytes.decode, _formula_re(key).findall(self.xml)))
            else:
                found = set()
            self._asked[key] = frozenset(found)
        return self._asked[key]


@lru_cache(maxsize=64)
def _formula_re(letters: tuple[str, ...]) -> re.Pattern[bytes]:
    """`<c r="B12" ...><f`: a cell of one of these columns whose first child is a formula."""
    columns = "|".join(re.escape(x) for x in letters)
    return re.compile(rf'<c r="((?:{columns})\d{{1,7}})"[^>/]*><f'.encode())


_ROW_RE = re.compile(rb"<(?:[\w.-]+:)?row\b[^>]*?\br\s*=\s*[\"'](\d+)[\"']")
_CELL_TAG_RE = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_CELL_REF_RE = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']([A-Za-z]{1,3})(\d{1,7})[\"']")
#: a cell as the common writers write it, and whether its first child is a formula
_FAST_REF_RE = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"(?:[^>/]*>(<f))?')
#: a cell whose first child is a formula (how Excel and LibreOffice write it)
_FORMULA_CELL_RE = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"[^>/]*>\s*<(?:[\w.-]+:)?f\b")
_ODS_TOKEN_RE = re.compile(
    rb"<table:table-row\b([^>]*?)(/?)>|</table:table-row>|<table:(?:covered-)?table-cell\b([^>]*?)/?>"
    rb"|<table:table(?=[\s>/])"
)
_ODS_ROWS_RE = re.compile(rb"number-rows-repeated\s*=\s*[\"'](\d+)[\"']")
_ODS_COLS_RE = re.compile(rb"number-columns-repeated\s*=\s*[\"'](\d+)[\"']")
#: a cell tag with a namespace prefix, or white space other than a space: the general path counts it
_PREFIXED_CELL_RE = re.compile(rb"<[\w.-]+:c[\s/>]")
_WHITE_CELL_RE = re.compile(rb"<c[\t\r\n]")  # (only looked for when _NOT_PLAIN_CELL_RE found one)
#: a cell tag that is not `<c r="` with a reference within A1:Z9999 (both tests of a case sheet in one scan)
_NOT_CASE_CELL_RE = re.compile(rb'<c(?:[\t\r\n>/]| (?!r="[A-Z]\d{1,4}"))')
#: a cell tag that is not `<c r="`: `<c>`, `<c/`, `<c` and other white space, or a space then no r="
_NOT_PLAIN_CELL_RE = re.compile(rb'<c(?:[\t\r\n>/]| (?!r="))')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def sheet_cells(data: bytes, limit: int) -> tuple[int, FormulaCells]:
    """Rows x columns of an xlsx worksheet part (from A1), or a bound on it under `limit`, and the
    cells (B12) holding a formula.

    Excel, LibreOffice, openpyxl and xlsxwriter all write `<c r="B12" ...>`; such files take the fast
    path (regexes with a literal prefix). Any other spelling (attribute order, spaces, quotes, a
    namespace prefix, cells without r) is counted by the slow, general pattern. When every cell is
    written that way and lies within A1:Z9999 (a case file), the extent is bounded without counting it
    exactly: the bound 26 x 9,999 is returned when it is under `limit`."""
    # A namespace prefix or white space other than a space after `<c` takes the general path. Split in
    # tests so that the common sheet costs one regex scan and one substring check: a regex over a whole
    # sheet costs more than unzipping it.
    case_cells = _NOT_CASE_CELL_RE.search(data) is None  # implies: every cell tag is `<c r="`
    plain = case_cells or _NOT_PLAIN_CELL_RE.search(data) is None
    if (b":c" in data and _PREFIXED_CELL_RE.search(data)) or (not plain and _WHITE_CELL_RE.search(data)):
        return _sheet_cells_general(data)
    if 26 * 9999 <= limit and case_cells and b":sheetData" not in data:
        return 26 * 9999, FormulaCells(data)
    tags = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/")
    fast = _FAST_REF_RE.findall(data)
    if len(fast) == tags and b":sheetData" not in data:
        letters, rows, _ = zip(*fast, strict=True) if fast else ((), (), ())
        max_col = max((_col_number(c) for c in set(letters)), default=0)
        max_row = max((int(r) for r in set(rows)), default=0)
        return max_row * max_col, FormulaCells(cells={(c + r).decode() for c, r, f in fast if f})
    return _sheet_cells_general(data)


def _sheet_cells_general(data: bytes) -> tuple[int, FormulaCells]:
    """`sheet_cells` for any spelling: attribute order, white space, quotes, a namespace prefix."""
    refs = _CELL_REF_RE.findall(data)
    tags = len(_CELL_TAG_RE.findall(data))
    max_row = max((int(d) for d in {d for _, d in refs}), default=0)
    max_col = max((_col_number(c) for c in {c for c, _ in refs}), default=0)
    unnamed = tags - len(refs)
    if unnamed > 0:  # cells without r="": their place follows from the order (and a row's r="")
        rows_r = max((int(r) for r in _ROW_RE.findall(data)), default=0)
        max_row = max(max_row, rows_r, data.count(b"<row") + data.count(b":row "))
        max_col = max(max_col, unnamed)
    return max_row * max_col, FormulaCells(cells={(c + d).decode().upper() for c, d in _FORMULA_CELL_RE.findall(data)})


def ods_cells(data: bytes) -> int:
    """The largest rows x columns of any table in an OpenDocument content.xml, counting repeats of
    rows and cells that hold a value (empty repeated rows, as LibreOffice writes them, cost nothing)."""
    worst = 0
    row_pos = max_row = max_col = 0
    row_repeat = 1
    col_pos = row_last = 0
    for m in _ODS_TOKEN_RE.finditer(data):
        token = m.group(0)
        if token == b"<table:table":
            worst = max(worst, max_row * max_col)
            row_pos = max_row = max_col = 0
        elif token.startswith(b"<table:table-row"):
            rep = _ODS_ROWS_RE.search(m.group(1) or b"")
            row_repeat = int(rep.group(1)) if rep else 1
            col_pos = row_last = 0
            if m.group(2):  # <table:table-row/>: an empty row
                row_pos += row_repeat
        elif token == b"</table:table-row>":
            if row_last:
                max_row = row_pos + row_repeat
                max_col = max(max_col, row_last)
            row_pos += row_repeat
        else:
            attrs = m.group(3) or b""
            rep = _ODS_COLS_RE.search(attrs)
            col_pos += int(rep.group(1)) if rep else 1
            if b"value-type" in attrs or b"formula" in attrs:
                row_last = col_pos
    return max(worst, max_row * max_col)
