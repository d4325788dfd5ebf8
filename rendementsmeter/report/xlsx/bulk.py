"""Writing long tables fast: writing mechanics only, the same cells as xlsxwriter would write.

xlsxwriter spends about 40 microseconds on one cell (a Python object per cell, then XML per cell when
the file is closed); the line list of 10,000 cases is a million cells. A table longer than BULK_ROWS
is therefore rendered here straight to worksheet XML, column by column and once per distinct value,
exactly as xlsxwriter writes cells (its shared strings, `{:.16G}` numbers, its date serials). The rows
are deflated in threads while the rest of the workbook is rendered, and laid into the worksheet part
when the file is closed (zipparts.py); xlsxwriter's own large parts (the shared strings) go the same
way. Headers, notes, filters, panes, widths and charts stay xlsxwriter's. `BulkWorkbook` is the
xlsxwriter Workbook that does this; it works in memory (no temporary files).
"""

from __future__ import annotations

import math
import re
import shutil
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import (
    _datetime_to_excel_datetime,
    _utf16_len,
    _utf16_truncate,
    xl_col_to_name,
)

from rendementsmeter.core.money import NVT
from rendementsmeter.report.xlsx.zipparts import Entry, Piece, copied, deflate, write_zip

#: Tables with more data rows than this are rendered in bulk (shorter ones are not worth it).
BULK_ROWS = 500

_ROW_TAG = re.compile(rb'<row r="(\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/>')
_STRMAX = 32767
_NUMERIC = ("eur", "int", "ratio", "pct", "num", "date")  # kinds whose values tail() writes as numbers
#: A shared string that xlsxwriter writes other than as `<si><t>text</t></si>`: it holds a character it
#: escapes (& < > control characters, U+FFFE/U+FFFF, a literal `_xHHHH_`), or has a space at either end
#: (str.isspace is the test of xlsxwriter's `^\s|\s$`)
_ESCAPED = re.compile(r"[&<>\x00-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def _number(value: Any) -> str:
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        raise TypeError("NAN/INF not supported in write_number() without 'nan_inf_to_errors' Workbook() option")
    return f"<v>{value:.16G}</v>"


def _tails(kind: str, column: Sequence[Any], style: int, blank_style: int, wb: Any) -> tuple[list[str], np.ndarray]:
    """For each value of a column, its cell's XML after the reference (`<c r="B7"` + tail), as
    sheet.write_cell writes it for this column kind: (the distinct tails, the index of each value's
    tail), rendered once per distinct value. Shared strings are counted per use, as xlsxwriter does."""
    s, blank = (f' s="{style}"' if style else ""), (f' s="{blank_style}"/>' if blank_style else "/>")
    memo: dict[tuple[type, Any], str] = {}

    def tail(value: Any) -> str:
        if kind == "ratio" and value is None:  # as sheet.write_cell: the text n.v.t. in the ratio style
            return f'{s} t="s"><v>{wb.str_table._get_shared_string_index(NVT)}</v></c>'
        if value is None or (isinstance(value, float) and value != value):
            return blank
        if kind == "eur":
            return f"{s}>{_number(value / 100)}</c>"
        if kind in ("int", "ratio", "pct"):
            return f"{s}>{_number(value)}</c>"
        if kind == "num":
            return f"{s}>{_number(float(value))}</c>"
        if kind == "date" and isinstance(value, (date, datetime)):
            return f"{s}>{_number(_datetime_to_excel_datetime(value, wb.date_1904, wb.remove_timezone))}</c>"
        text = str(value)
        if len(text) > _STRMAX // 2 and _utf16_len(text) > _STRMAX:
            text = _utf16_truncate(text, _STRMAX)
        return f'{s} t="s"><v>{wb.str_table._get_shared_string_index(text)}</v></c>'

    if isinstance(column, np.ndarray) and column.dtype.kind in "iu" and kind in ("eur", "int"):
        # whole numbers in an array (no blanks possible): factorised as they are, in order of first use
        codes, uniques = pd.factorize(column)
        return [tail(u) for u in uniques.tolist()], codes
    factorized = None
    if kind not in _NUMERIC:
        # text: a text column usually holds only str, which the distinct values show (a value equal to a
        # str is a str); then the type of each of the values need not be looked at
        factorized = pd.factorize(np.asarray(column, dtype=object), use_na_sentinel=False)
        texts = factorized[1].tolist()
        if all(t.__class__ is str for t in texts):
            return _shared(s, factorized[0], texts, wb)
    classes = set(map(type, column))
    one = classes - {type(None)}  # a blank (None, NaN) is a blank, but for a ratio None is n.v.t.
    exact = {int, str, date, bool} | ({float} if kind in _NUMERIC else set())  # as text, -0.0 is not 0.0
    if len(one) == 1 and one <= exact and not (kind == "ratio" and len(classes) > 1):
        # one kind of value (and blanks) that pandas tells apart exactly: factorised in C, in order of
        # first use (None and NaN as one blank, and 0.0 and -0.0 as one number, as the loop below does)
        codes, uniques = factorized or pd.factorize(np.asarray(column, dtype=object), use_na_sentinel=False)
        distinct = [tail(u) for u in uniques.tolist()]
        uses = np.bincount(codes, minlength=len(distinct)).tolist()
        wb.str_table.count += sum(n - 1 for t, n in zip(distinct, uses, strict=True) if ' t="s">' in t)
        return distinct, codes
    out: list[str] = []
    index: dict[str, int] = {}
    codes = np.empty(len(column), dtype=np.intp)
    for i, value in enumerate(column):
        key = (value.__class__, value)  # a text column: only strings share (str(1.0) is not str(1.00))
        found = memo.get(key) if kind != "text" or value.__class__ is str else None
        if found is None:
            found = memo[key] = tail(value)
        elif ' t="s">' in found:
            wb.str_table.count += 1  # one more use of a shared string, as xlsxwriter counts them
        at = index.get(found)
        if at is None:
            at = index[found] = len(out)
            out.append(found)
        codes[i] = at
    return out, codes


def _shared(s: str, codes: np.ndarray, texts: list[str], wb: Any) -> tuple[list[str], np.ndarray]:
    """The tails of a text column's distinct texts, straight to the shared strings; every further use of a
    text counts, as in xlsxwriter."""
    shared = wb.str_table._get_shared_string_index
    half = _STRMAX // 2
    ids = [shared(t if len(t) <= half or _utf16_len(t) <= _STRMAX else _utf16_truncate(t, _STRMAX)) for t in texts]
    wb.str_table.count += len(codes) - len(ids)
    return [f'{s} t="s"><v>{i}</v></c>' for i in ids], codes


def binary(texts: Sequence[str], end: str = "") -> pa.Array:
    """Texts as an Arrow binary array (UTF-8), each followed by `end`: pieces for `gathered_bytes`."""
    text = pa.large_string()
    array = pa.array(texts, type=text)
    if end:
        array = pc.binary_join_element_wise(array, pa.scalar(end, type=text), pa.scalar("", type=text))
    return array.cast(pa.large_binary())


def gathered_bytes(pieces: pa.Array, index: np.ndarray) -> memoryview:
    """`pieces[index[r, 0]] + pieces[index[r, 1]] + ...` for every row r, rows laid end to end, as bytes:
    one Arrow `take` of binary values (it copies each piece into one buffer, in order), viewed without
    a copy and with no Python string per element. A row is a line of a file, its pieces the distinct
    texts of its fields."""
    taken = pieces.take(pa.array(index.ravel()))
    offsets = np.frombuffer(taken.buffers()[1], dtype=np.int64)[taken.offset : taken.offset + len(taken) + 1]
    data = taken.buffers()[2]
    return memoryview(data if data is not None else b"")[offsets[0] : offsets[-1]]


def _row_chunks(first_row: int, tails: list[tuple[list[str], np.ndarray]], chunk: int = 10_000
                ) -> Iterator[memoryview]:  # fmt: skip
    """The `<row>` elements of the data rows, gathered from pieces a chunk of rows at a time (no Python
    string per cell): `<row r="` n `"><c r="A` n `"` tail `<c r="B` n ... `"` tail `</row>`. Each of a
    column's distinct tails is one piece together with the start of the next cell."""
    if not tails:
        return
    texts = ['<row r="', '"><c r="A']
    first: list[int] = []  # per column: where its pieces start
    for c, (distinct, _) in enumerate(tails):
        after = f'<c r="{xl_col_to_name(c + 1)}' if c + 1 < len(tails) else "</row>"
        first.append(len(texts))
        texts += [f'"{t}{after}' for t in distinct]
    count = len(tails[0][1])
    numbers = pa.array(np.arange(first_row + 1, first_row + 1 + count)).cast(pa.large_string())
    pieces = pa.concat_arrays([binary(texts), numbers.cast(pa.large_binary())])  # row numbers are pieces too
    for start in range(0, count, chunk):  # small chunks: Arrow reuses the memory of the one before
        stop = min(start + chunk, count)
        number = len(texts) + np.arange(start, stop)
        index = np.empty((stop - start, 3 + 2 * len(tails)), dtype=np.int64)
        index[:, 0], index[:, 1], index[:, 2] = 0, number, 1
        for c, (_, codes) in enumerate(tails):
            index[:, 3 + 2 * c] = number
            index[:, 4 + 2 * c] = codes[start:stop]  # widened first (numpy 1 adds in the codes' type)
            index[:, 4 + 2 * c] += first[c]
        yield gathered_bytes(pieces, index)


class _SharedStrings(SharedStrings):  # type: ignore[misc]
    """xlsxwriter's shared strings part, with runs of plain strings written in one go (a pool of
    100.000 cases has hundreds of thousands: xlsxwriter spends several microseconds on each)."""

    def _write_sst_strings(self) -> None:
        plain: list[str] = []
        escaped = _ESCAPED.search
        for string in self.string_table.string_array:
            if escaped(string) is None and not (string[:1].isspace() or string[-1:].isspace()):
                plain.append(string)
                continue
            self._write_plain(plain)
            plain = []
            self._write_si(string)  # xlsxwriter's own escapes
        self._write_plain(plain)

    def _write_plain(self, strings: list[str]) -> None:
        if strings:
            self.fh.write("<si><t>" + "</t></si><si><t>".join(strings) + "</t></si>")


class _Packager(Packager):  # type: ignore[misc]
    def _write_shared_strings_file(self) -> None:  # as xlsxwriter's, with the class above
        sst = _SharedStrings()
        sst.string_table = self.workbook.str_table
        if not self.workbook.str_table.count:
            return
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()

    def _create_package(self) -> list[tuple[Any, str, bool]]:
        """xlsxwriter's parts, each large one handed to the workbook (deflated in threads, or given its
        rows) and replaced by an empty stand-in that keeps its place in the zip."""
        files = []
        for fh, name, is_binary in super()._create_package():
            if not is_binary and isinstance(fh, StringIO) and self.workbook._takes(name, fh.getvalue()):
                fh = StringIO()
            files.append((fh, name, is_binary))
        return files


#: Rendered rows are deflated in pieces of at most this many bytes (a chunk of rows each), in threads.
PIECE_BYTES = 8 << 20
#: At most this many rendered pieces wait for a deflating thread.
PENDING = 4

Block = tuple[int, int, list["Future[Piece]"]]  # first row, number of rows, the rows deflated


class BulkWorkbook(xlsxwriter.Workbook):  # type: ignore[misc]
    """An xlsxwriter Workbook that takes long tables in bulk (`add_columns`), deflates their rows in
    threads while the rest is rendered, and lays them into the file on close."""

    def __init__(self, filename: str, options: dict[str, Any] | None = None):
        # in memory: no part of the workbook in a temporary file that a killed run would leave behind
        super().__init__(filename, {"in_memory": True, **(options or {})})
        self._bulk: dict[int, list[Block]] = {}
        self._parts: dict[str, bytes | list[Future[Piece]]] = {}
        self._threads: ThreadPoolExecutor | None = None

    def _deflating(self, data: bytes | bytearray | memoryview) -> Future[Piece]:
        if self._threads is None:
            self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="werkmap-inpakken")
        return self._threads.submit(deflate, data)

    def _takes(self, name: str, xml: str) -> bool:
        """Whether the workbook lays in this part itself on close: a worksheet with bulk rows (its XML
        kept to splice them in), or a large part (deflated in threads now)."""
        if name in {_sheet_part(i) for i in self._bulk}:
            self._parts[name] = xml.encode("utf-8")
            return True
        if len(xml) < PIECE_BYTES // 64:
            return False
        data = memoryview(xml.encode("utf-8"))
        self._parts[name] = [self._deflating(data[i : i + PIECE_BYTES]) for i in range(0, len(data), PIECE_BYTES)]
        return True

    def add_columns(self, ws: Any, first_row: int, columns: Sequence[Sequence[Any]], kinds: list[str], formats: dict
                    ) -> None:  # fmt: skip
        """The data rows of a table, given column by column, from row `first_row` (0-based): each cell
        as sheet.write_cell would write it with `formats[kind]` (a blank with `formats["text"]`)."""
        blank = formats["text"]._get_xf_index()
        styles = [formats.get({"eur": "money"}.get(k, k), formats["text"])._get_xf_index() for k in kinds]
        count = len(columns[0]) if columns else 0
        if len(columns) != len(kinds) or any(len(c) != count for c in columns):
            raise ValueError(f"{len(kinds)} column kinds for {len(columns)} columns, or columns of unequal length")
        tails = [_tails(k, col, st, blank, self) for k, col, st in zip(kinds, columns, styles, strict=True)]
        # each chunk of rows deflated as it is, without a copy: the chunk's buffer lives until its piece
        # is made, and at most PENDING chunks wait (the deflating keeps up; memory stays bounded)
        pieces: list[Future[Piece]] = []
        for rows in _row_chunks(first_row, tails):
            for start in range(0, len(rows), PIECE_BYTES):
                if len(pieces) > PENDING and not pieces[-PENDING].done():
                    pieces[-PENDING].result()
                pieces.append(self._deflating(rows[start : start + PIECE_BYTES]))
        if not pieces:
            pieces.append(self._deflating(b""))
        self._bulk.setdefault(ws.index, []).append((first_row, count, pieces))
        ws._bulk_extent = max(getattr(ws, "_bulk_extent", (0, 0)), (first_row + count, len(kinds) - 1))

    def _get_packager(self) -> Packager:
        return _Packager()

    def close(self) -> None:
        try:
            super().close()
            if self._bulk or self._parts:
                tables = {_sheet_part(i): (v, self.worksheets()[i]) for i, v in self._bulk.items()}
                _lay_in(self.filename, tables, self._parts)
        finally:
            self.stop_threads()

    def stop_threads(self) -> None:
        """Stop the deflating threads (after close, or when the workbook is given up halfway)."""
        if self._threads is not None:
            self._threads.shutdown(cancel_futures=True)
            self._threads = None


def _sheet_part(index: int) -> str:
    return f"xl/worksheets/sheet{index + 1}.xml"


def _lay_in(path: str, tables: dict[str, tuple[list[Block], Any]], parts: dict[str, bytes | list[Future[Piece]]]
            ) -> None:  # fmt: skip
    """Rewrite the written file with the parts the workbook took (`parts`: a worksheet's XML, or a part
    deflated in pieces) and the rendered rows in their worksheet parts: the same entries in the same
    order with the same times; the other entries copied as xlsxwriter deflated them."""
    tmp = path + ".bulk"
    with open(path, "rb") as raw, zipfile.ZipFile(raw) as src:
        entries = []
        for info in src.infolist():
            part = parts.get(info.filename)
            if info.filename in tables:
                blocks, ws = tables[info.filename]
                xml = part if isinstance(part, bytes) else src.read(info)
                entries.append(Entry.of_pieces(info, _sheet_pieces(xml, blocks, ws)))
            elif isinstance(part, list):
                entries.append(Entry.of_pieces(info, part))
            else:
                entries.append(copied(raw, info))
        try:
            write_zip(tmp, entries)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)  # (it holds the workbook's data)
            raise
    shutil.move(tmp, path)


def _sheet_pieces(xml: bytes, blocks: list[Block], ws: Any) -> list[Piece | Future[Piece]]:
    """The worksheet part as deflated pieces: xlsxwriter's XML with each block's rows before the first
    row that comes after it (or the end of sheetData), and a dimension that covers them."""
    xml = _dimension(xml, ws)
    places = []
    for first_row, count, rows in blocks:
        after = first_row + count  # 1-based number of the last data row
        at = xml.index(b"</sheetData>")
        for tag in _ROW_TAG.finditer(xml):
            if int(tag.group(1)) > after:
                at = tag.start()
                break
        places.append((at, first_row, rows))
    out: list[Piece | Future[Piece]] = []
    start = 0
    for at, _, rows in sorted(places, key=lambda p: (p[0], p[1])):
        out += [deflate(xml[start:at]), *rows]
        start = at
    out.append(deflate(xml[start:]))
    return out


def _dimension(xml: bytes, ws: Any) -> bytes:
    last_row, last_col = ws._bulk_extent
    m = _DIMENSION.search(xml)
    if m is not None:
        col2, row2 = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
        top_col = max(_col_number(col2.decode()), last_col + 1)
        ref = f"{m.group(1).decode()}{int(m.group(2))}:{xl_col_to_name(top_col - 1)}{max(int(row2), last_row)}"
        xml = xml[: m.start()] + f'<dimension ref="{ref}"/>'.encode() + xml[m.end() :]
    return xml


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n
