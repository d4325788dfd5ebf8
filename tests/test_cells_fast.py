"""The guards' quick sheet scan (read/cells.sheet_cells) gives exactly what the former, slower scan gave."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rendementsmeter.read import cells
from rendementsmeter.read.cells import FormulaCells, sheet_cells

ROOT = Path(__file__).resolve().parent.parent
#: the former scan's patterns: a cell tag with a namespace prefix or odd white space; a cell beyond Z9999
ODD_CELL_RE = re.compile(rb"<[\w.-]+:c[\s/>]|<c[\t\r\n]")
BEYOND_Z9999_RE = re.compile(rb'<c r="(?![A-Z]\d{1,4}")')


def reference(data: bytes, limit: int) -> tuple[int, object]:
    """sheet_cells as it was before the quick scan (kept as the reference)."""
    tags = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/")
    if ODD_CELL_RE.search(data):
        return cells._sheet_cells_general(data)
    if (
        26 * 9999 <= limit
        and data.count(b'<c r="') == tags
        and not BEYOND_Z9999_RE.search(data)
        and b":sheetData" not in data
    ):
        return 26 * 9999, FormulaCells(data)
    fast = cells._FAST_REF_RE.findall(data)
    if len(fast) == tags and b":sheetData" not in data:
        letters, rows, _ = zip(*fast, strict=True) if fast else ((), (), ())
        max_col = max((cells._col_number(c) for c in set(letters)), default=0)
        max_row = max((int(r) for r in set(rows)), default=0)
        return max_row * max_col, FormulaCells(cells={(c + r).decode() for c, r, f in fast if f})
    return cells._sheet_cells_general(data)


def same(a: tuple[int, FormulaCells], b: tuple[int, FormulaCells]) -> bool:
    columns = ("A", "B", "C", "Z", "AA")
    return a[0] == b[0] and a[1].in_columns(columns) == b[1].in_columns(columns)


FRAGMENTS = st.sampled_from([
    b'<sheetData>', b'</sheetData>', b'<x:sheetData>', b'<row r="3">', b'</row>', b'<c r="B12">', b'<c r="AA1" t="s">',
    b'<c r="B12"><f>SUM(A1)</f>', b'<c r="Z10000">', b'<c r="A1"/>', b"<c>", b"<c/>", b"<c\tr=\"A1\">", b"<c\nr='A2'>",
    b"<c\r", b'<c  r="A1">', b"<c t=\"s\" r=\"C3\">", b"<x:c r=\"A1\">", b"<x:c>", b"<col min=\"1\"/>", b"<cols>",
    b"<cfRule>", b"<v>1</v>", b"</c>", b"xmlns:mc=\"x\"", b"<mc:c ", b"<c:", b":c", b"<f>", b" ", b"<c r=\"a1\">",
])  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(FRAGMENTS, max_size=25).map(b"".join), st.sampled_from([10, 26 * 9999, 10**7]))
def test_same_result_as_the_former_scan(data: bytes, limit: int) -> None:
    assert same(sheet_cells(data, limit), reference(data, limit))


def test_same_result_on_the_example_sheets() -> None:
    for path in sorted((ROOT / "cases" / "voorbeeld").glob("*.xlsx")):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                data = z.read(info)
                if b"<sheetData" in data:
                    for limit in (10, 26 * 9999, 10**7):
                        assert same(sheet_cells(data, limit), reference(data, limit)), (path.name, info.filename)
