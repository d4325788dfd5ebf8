"""Long tables are written in bulk (report/xlsx/bulk.py): the workbook must hold exactly what xlsxwriter
writes cell by cell — every value, format, dimension, filter and frozen pane of every sheet."""

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from rendementsmeter import api, load_prijslijst
from rendementsmeter.read.batch import read_cases
from rendementsmeter.read.export import export_frame, write_export
from rendementsmeter.report.xlsx import bulk, sheet, workbook
from rendementsmeter.report.xlsx.sheet import Sheet, formats

from conftest import VANDAAG, local_headers_agree

VOORBEELD = Path(__file__).resolve().parent.parent / "cases" / "voorbeeld"


def sheets(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = [[(c.value, c.number_format, c.font.b, c.alignment.wrap_text) for c in row] for row in ws.iter_rows()]
        out[ws.title] = (cells, ws.dimensions, ws.auto_filter.ref, ws.freeze_panes)
    return out


class _Plain(xlsxwriter.Workbook):
    """xlsxwriter's own workbook: every cell written one by one, its own zip."""

    def stop_threads(self):
        pass


def both_ways(bc, tmp_path, monkeypatch):
    """The workbook written in bulk (every table, however short; rows deflated in many small pieces and
    every part of xlsxwriter taken out and deflated in threads) and written cell by cell."""
    monkeypatch.setattr(sheet, "BULK_ROWS", 0)
    monkeypatch.setattr(bulk, "PIECE_BYTES", 256)
    fast = workbook.write_businesscase(bc, tmp_path / "bulk.xlsx")
    with zipfile.ZipFile(fast) as z:
        assert z.testzip() is None
        local_headers_agree(fast)
    monkeypatch.setattr(workbook, "BulkWorkbook", _Plain)
    plain = workbook.write_businesscase(bc, tmp_path / "plain.xlsx")
    return sheets(fast), sheets(plain)


def test_the_example_business_case_is_the_same_written_in_bulk(tmp_path, monkeypatch):
    bc = api.businesscase([VOORBEELD], load_prijslijst(), vandaag=VANDAAG)
    assert len(bc.opgenomen) == 13
    fast, plain = both_ways(bc, tmp_path, monkeypatch)
    assert list(fast) == list(plain) and "Regels" in fast
    for name in plain:
        assert fast[name] == plain[name], name
    assert len(fast["Regels"][0]) > len(bc.regels)  # the lines are there


def test_a_pooled_export_business_case_is_the_same_written_in_bulk(tmp_path, monkeypatch):
    pl = load_prijslijst()
    export = write_export(
        export_frame(read_cases([VOORBEELD], pl, vandaag=VANDAAG), "ORG1", bytes(32)), tmp_path / "e.parquet"
    )
    bc = api.businesscase([export], pl, vandaag=VANDAAG)
    assert len(bc.opgenomen) == 13
    fast, plain = both_ways(bc, tmp_path, monkeypatch)
    assert fast == plain
    assert len(fast["Per casus"][0]) > 13


ODD = [
    "gewoon",
    " spatie vooraf",
    "achteraf ",
    'a & b < c > d "e"',
    "regel\neen",
    "tab\tbel\x07",
    "_x0041_ letterlijk",
    "\ufffe",
    "é€😀",
    "x" * 40_000,
    "",
]


@pytest.mark.parametrize("kind", ["text", "eur", "int", "num", "ratio", "pct", "date"])
def test_odd_cells_are_written_as_xlsxwriter_writes_them(tmp_path, kind):
    values = {
        "text": ODD + [None, float("nan"), 12, 1.5, True],
        "eur": [0, -1, 12345, 10**15 + 1, None, float("nan"), 1.5],
        "int": [0, 7, -3, 2**40, None],
        "num": [0.1, 1 / 3, 1e-9, 2.5, "3", None],
        "ratio": [0.0, 2.0678, None],
        "pct": [0.125, 1.0, None],
        "date": [date(2026, 3, 1), datetime(2026, 3, 1, 12, 30), None],
    }[kind]
    rows = [[v, f"r{i}"] for i, v in enumerate(values)]
    got = {}
    for way, cls in (("bulk", bulk.BulkWorkbook), ("plain", xlsxwriter.Workbook)):
        wb = cls(str(tmp_path / f"{way}.xlsx"), {"strings_to_formulas": False, "strings_to_urls": False})
        fm = formats(wb)
        s = Sheet(wb, fm, "Blad", "Titel")
        if way == "bulk":
            wb.add_columns(s.ws, 3, [list(c) for c in zip(*rows, strict=True)], [kind, "text"], fm)
        else:
            for r, row in enumerate(rows, start=3):
                for c, (value, k) in enumerate(zip(row, [kind, "text"], strict=True)):
                    sheet.write_cell(s.ws, r, c, value, k, fm)
        s.ws.write_string(3 + len(rows) + 1, 0, "onder de tabel")
        wb.close()
        got[way] = sheets(tmp_path / f"{way}.xlsx")
    assert got["bulk"] == got["plain"]


def _tails_reference(kind, column, style, blank_style, wb):
    """Every cell's tail one by one, memoised per (type, value): the assembly as first written."""
    s, blank = (f' s="{style}"' if style else ""), (f' s="{blank_style}"/>' if blank_style else "/>")
    out = []
    for value in column:
        if kind == "ratio" and value is None:
            out.append(f'{s} t="s"><v>{wb.str_table._get_shared_string_index(bulk.NVT)}</v></c>')
        elif value is None or (isinstance(value, float) and value != value):
            out.append(blank)
        elif kind == "eur":
            out.append(f"{s}>{bulk._number(value / 100)}</c>")
        elif kind in ("int", "ratio", "pct"):
            out.append(f"{s}>{bulk._number(value)}</c>")
        elif kind == "num":
            out.append(f"{s}>{bulk._number(float(value))}</c>")
        elif kind == "date" and isinstance(value, (date, datetime)):
            serial = bulk._datetime_to_excel_datetime(value, wb.date_1904, wb.remove_timezone)
            out.append(f"{s}>{bulk._number(serial)}</c>")
        else:
            text = str(value)
            if bulk._utf16_len(text) > bulk._STRMAX:
                text = bulk._utf16_truncate(text, bulk._STRMAX)
            out.append(f'{s} t="s"><v>{wb.str_table._get_shared_string_index(text)}</v></c>')
    return out


@pytest.mark.parametrize("chunk", [1, 3, 100_000])
def test_rows_are_the_bytes_of_the_cell_by_cell_assembly(tmp_path, chunk):
    """The Arrow assembly of rows (in chunks) gives the very bytes, shared strings and string count of
    writing each cell's XML in turn."""
    import random

    rng = random.Random(chunk)
    columns = {
        "text": [rng.choice(ODD[:9] + ["x" * 40_000]) for _ in range(40)],
        "eur": [rng.choice([0, -1, 12345, 10**15 + 1, 7]) for _ in range(40)],
        "int": [rng.randint(-3, 3) for _ in range(40)],
        "num": [rng.choice([0.1, 1 / 3, 2.5, None, float("nan")]) for _ in range(40)],
        "ratio": [rng.choice([0.0, 2.0678, None]) for _ in range(40)],
        "date": [rng.choice([date(2026, 3, 1), date(2025, 12, 31)]) for _ in range(40)],
    }
    columns["mixed"] = [rng.choice(["a", 1, 1.0, True, None, "b"]) for _ in range(40)]
    kinds = [k if k != "mixed" else "text" for k in columns]
    got = {}
    for way in ("arrow", "reference"):
        wb = bulk.BulkWorkbook(str(tmp_path / f"{way}.xlsx"))
        fm = formats(wb)
        styles = [fm.get({"eur": "money"}.get(k, k), fm["text"])._get_xf_index() for k in kinds]
        blank = fm["text"]._get_xf_index()
        if way == "arrow":
            tails = [bulk._tails(k, c, st, blank, wb) for k, c, st in zip(kinds, columns.values(), styles, strict=True)]
            rendered = b"".join(bulk._row_chunks(6, tails, chunk=chunk))
        else:
            cells = [
                _tails_reference(k, c, st, blank, wb) for k, c, st in zip(kinds, columns.values(), styles, strict=True)
            ]
            rendered = "".join(
                f'<row r="{6 + 1 + i}">'
                + "".join(f'<c r="{bulk.xl_col_to_name(c)}{6 + 1 + i}"' + col[i] for c, col in enumerate(cells))
                + "</row>"
                for i in range(40)
            ).encode()
        got[way] = (rendered, dict(wb.str_table.string_table), wb.str_table.count, wb.str_table.unique_count)
        wb.close()
    assert got["arrow"] == got["reference"]
    assert got["arrow"][2] > got["arrow"][3] > 5  # shared strings used more than once, and counted so


_STRINGS = [
    "gewoon", "", " voorspatie", "naspatie ", "tab\tin", "\tvoor", "regel\neinde", "a & b", "<r>rijk</r>", "x > y",
    "_x0041_", "_x00zz_", "nul\x00teken", "\x1f", "\ufffe", "\uffff", "é€ 1.234,56", "\u00a0nbsp", "nbsp\u00a0",
    "\u2028", "emoji 🙂", "_x", "dubbel\"aanhalingsteken", "'", "=SOM(A1)",
]  # fmt: skip


def _shared_strings(workbook_class, strings, path):
    wb = workbook_class(str(path))
    ws = wb.add_worksheet()
    for i, text in enumerate(strings):
        ws.write_string(i, 0, text)
        ws.write_string(i, 1, text)  # each used twice: the count, not only the unique count
    wb.close()
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in z.namelist() else None


def test_shared_strings_are_the_bytes_xlsxwriter_writes(tmp_path):
    """Plain strings are written in one go; the part must be byte for byte xlsxwriter's own, escapes,
    kept spaces and rich-text look-alikes included."""
    for n in range(len(_STRINGS) + 1):
        strings = _STRINGS[n:] + _STRINGS[:n]  # a special string at every position of a run
        fast = _shared_strings(bulk.BulkWorkbook, strings, tmp_path / "bulk.xlsx")
        plain = _shared_strings(xlsxwriter.Workbook, strings, tmp_path / "plain.xlsx")
        assert fast == plain
    assert _shared_strings(bulk.BulkWorkbook, [], tmp_path / "leeg.xlsx") is None


def test_shared_strings_of_random_texts_are_xlsxwriter_s(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(
        list("ab _x0123456789AFzf&<>\t\n\r \u00a0\u2028\u3000\u1680\x85\x00\x0b\x1f\ufffe\uffff€é")
    )

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.text(alphabet, max_size=12), max_size=12, unique=True))
    def check(strings):
        strings = [s for s in strings if s]  # xlsxwriter writes an empty string as a blank cell
        fast = _shared_strings(bulk.BulkWorkbook, strings, tmp_path / "bulk.xlsx")
        assert fast == _shared_strings(xlsxwriter.Workbook, strings, tmp_path / "plain.xlsx")

    check()


def test_the_business_case_workbook_leaves_nothing_in_the_temp_folder(tmp_path, monkeypatch):
    """No part of the workbook (case numbers, paths) goes to a temporary file that a killed run would
    leave behind in a shared temp folder: the parts are made in memory."""
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    written = []  # temporary files made in the temp folder (not next to the target, as atomic_path does)
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if kwargs.get("dir") in (None, str(temp)):
            written.append(kwargs)
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    pl = load_prijslijst()
    bc = api.businesscase_of(read_cases([VOORBEELD], pl, vandaag=VANDAAG), pl)
    monkeypatch.setattr(sheet, "BULK_ROWS", 0)  # the bulk way too
    workbook.write_businesscase(bc, tmp_path / "bc.xlsx")
    assert written == [] and list(temp.iterdir()) == []
    assert openpyxl.load_workbook(tmp_path / "bc.xlsx")["Samenvatting"]["A1"].value


def test_a_workbook_given_up_halfway_leaves_no_threads_and_no_file(tmp_path, monkeypatch):
    """A sheet that fails after long tables were handed to the deflating threads: the threads stop (the
    app lives on), and neither the workbook nor a temporary file is left."""
    import threading

    pl = load_prijslijst()
    bc = api.businesscase_of(read_cases([VOORBEELD], pl, vandaag=VANDAAG), pl)
    monkeypatch.setattr(sheet, "BULK_ROWS", 0)

    def broken(*args):
        raise RuntimeError("kapot")

    monkeypatch.setattr(workbook, "bestanden_sheet", broken)
    with pytest.raises(RuntimeError):
        workbook.write_businesscase(bc, tmp_path / "bc.xlsx")
    assert not [t for t in threading.enumerate() if t.name.startswith("werkmap-inpakken")]
    assert list(tmp_path.iterdir()) == []


def test_a_failing_zip_write_leaves_no_file(tmp_path, monkeypatch):
    pl = load_prijslijst()
    bc = api.businesscase_of(read_cases([VOORBEELD], pl, vandaag=VANDAAG), pl)
    monkeypatch.setattr(sheet, "BULK_ROWS", 0)

    def full(path, entries):
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bulk, "write_zip", full)
    with pytest.raises(OSError):
        workbook.write_businesscase(bc, tmp_path / "bc.xlsx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bulk_rows", [0, 10_000])  # in bulk, and cell by cell
def test_a_table_longer_than_a_sheet_goes_on_in_a_next_sheet(tmp_path, monkeypatch, bulk_rows):
    """A national pool lists more cases and files than a sheet has rows (1.048.576): the table goes on in
    `Per casus (2)` and so on, with its header again and the total at the very end, and nothing is lost.
    Shown here with sheets of twelve rows."""
    monkeypatch.setattr(sheet, "BULK_ROWS", bulk_rows)
    monkeypatch.setattr(Sheet, "max_rows", 12)
    pl = load_prijslijst()
    bc = api.businesscase_of(read_cases([VOORBEELD], pl, vandaag=VANDAAG), pl)
    wb = openpyxl.load_workbook(workbook.write_businesscase(bc, tmp_path / "bc.xlsx"))
    names = wb.sheetnames
    assert names[names.index("Per casus") : names.index("Per casus") + 3] == ["Per casus", "Per casus (2)", "Regels"]
    long = [n for n in names if n.split(" (")[0] in ("Per casus", "Bestanden", "Bevindingen")]
    assert long[:3] == ["Per casus", "Per casus (2)", "Bestanden"] and all(wb[n].max_row <= 12 for n in long)
    first, rest = wb["Per casus"], wb["Per casus (2)"]
    assert first["A2"].value == "De tabel gaat verder op blad Per casus (2): een blad heeft hoogstens 12 rijen."
    assert rest["A1"].value == "Kosten en baten per casus (vervolg van blad Per casus)" and rest["A2"].value is None
    assert [c.value for c in first[3]] == [c.value for c in rest[3]]  # the header row again
    numbers = [r[0] for ws in (first, rest) for r in ws.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    assert numbers == [*bc.per_casus["casusnummer"], "Totaal"]  # every case once, in order, the total last
    total = next(r for r in rest.iter_rows(values_only=True) if r[0] == "Totaal")
    assert total[11] == bc.totalen["netto"] / 100
    files = [r[0] for n in names if n.startswith("Bestanden") for r in wb[n].iter_rows(min_row=4, values_only=True)]
    assert [f for f in files if f is not None] == [r.pad for r in bc.alle_bestanden]


def test_a_table_over_several_sheets_and_one_after_a_full_sheet(tmp_path, monkeypatch):
    """Every part after the first says which sheet it continues (once), and a table that meets a full
    sheet starts on the next one, without an empty part or a row past the end."""
    monkeypatch.setattr(Sheet, "max_rows", 12)
    wb = xlsxwriter.Workbook(tmp_path / "t.xlsx")
    s = Sheet(wb, formats(wb), "X", "Titel")
    s.table(["A"], [[f"r{i}"] for i in range(25)], ["text"], total=["Totaal"])  # 8 rows a sheet, then 1 + total
    s.row = 12  # as if the last sheet were full
    s.table(["B"], [["q0"], ["q1"]], ["text"])
    wb.close()
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["X", "X (2)", "X (3)", "X (4)", "X (5)"]
    assert [book[n]["A1"].value for n in book.sheetnames[1:]] == ["Titel (vervolg van blad X)"] * 4
    assert [book[n]["A2"].value for n in book.sheetnames] == [
        *(f"De tabel gaat verder op blad X ({k}): een blad heeft hoogstens 12 rijen." for k in (2, 3, 4)),
        "De volgende tabel staat op blad X (5): een blad heeft hoogstens 12 rijen.",
        None,
    ]
    values = [r[0] for n in book.sheetnames for r in book[n].iter_rows(min_row=3, values_only=True)]
    assert [v for v in values if v not in (None, "A", "B")] == [*(f"r{i}" for i in range(25)), "Totaal", "q0", "q1"]
    assert all(book[n].max_row <= 12 for n in book.sheetnames)


def test_a_text_column_keeps_0_0_and_minus_0_0_apart(tmp_path):
    """As text, 0.0 and -0.0 are two strings (xlsxwriter writes str(value)); as numbers they are one."""
    wb = bulk.BulkWorkbook(str(tmp_path / "t.xlsx"))
    tails, _ = bulk._tails("text", [0.0, -0.0, 0.0], 1, 1, wb)
    assert len(tails) == 2 and set(wb.str_table.string_table) == {"0.0", "-0.0"}
    wb.close()


@pytest.mark.parametrize("way", ["bulk", "plain"])
def test_a_column_of_whole_numbers_may_be_an_array_also_over_several_sheets(tmp_path, monkeypatch, way):
    """The line sheet hands amounts in cents as int64 arrays (no Python int per value): the cells are those
    of the same numbers as a list, in bulk and cell by cell, and over a next sheet too."""
    import numpy as np

    monkeypatch.setattr(Sheet, "max_rows", 12)
    monkeypatch.setattr(sheet, "BULK_ROWS", 0 if way == "bulk" else 10_000)
    cents = [0, -1, 12345, 10**15 + 1, 7, 7, 0, 250, -99, 12345, 3, 1]
    texts = [f"r{i}" for i in range(len(cents))]
    got = {}
    for form in ("array", "list"):
        wb = bulk.BulkWorkbook(str(tmp_path / f"{form}.xlsx"))
        s = Sheet(wb, formats(wb), "X", "Titel")
        numbers = np.array(cents, dtype=np.int64) if form == "array" else cents
        s.table(["A", "B", "C"], [], ["eur", "int", "text"], columns=[numbers, numbers, texts])
        wb.close()
        got[form] = sheets(tmp_path / f"{form}.xlsx")
    assert got["array"] == got["list"] and list(got["list"]) == ["X", "X (2)"]
    values = [r[:2] for ws in got["list"].values() for r in ws[0][3:] if r and r[0][0] not in (None, "A")]
    assert [(a[0], b[0]) for a, b in values] == [(c / 100, c) for c in cents]


def test_prices_become_cents_rounded_as_python_rounds():
    """The line sheet's price column: numpy's rint of the same product is Python's round (half to even)."""
    import numpy as np
    import pandas as pd

    from rendementsmeter.report.xlsx.regels import _cents

    prijs = pd.Series([0.125, 0.135, 1.005, 2.675, 12.345, 100.0, 0.0, 1e7 + 0.005])
    assert _cents(prijs).tolist() == [round(p * 100) for p in prijs.tolist()]
    assert isinstance(_cents(prijs), np.ndarray)
