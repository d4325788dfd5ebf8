"""The workbook's zip is written from pieces deflated apart (report/xlsx/zipparts.py): every reader must
see exactly the data, names, times and attributes Python's zipfile would have written."""

import io
import random
import zipfile
import zlib

import pytest

from rendementsmeter.report.xlsx import zipparts
from rendementsmeter.report.xlsx.zipparts import Entry, copied, crc32_combine, deflate, write_zip

from conftest import local_headers_agree


def test_crc32_combine_is_the_crc_of_the_joined_data():
    rng = random.Random(7)
    for _ in range(300):
        a = rng.randbytes(rng.choice([0, 1, 3, 100, 5000]))
        b = rng.randbytes(rng.choice([0, 1, 2, 64, 4097, 70_000]))
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


@pytest.mark.parametrize("deflater", ["isal", "zlib"])
def test_pieces_deflated_apart_inflate_to_the_joined_data(monkeypatch, deflater):
    """With ISA-L's deflater, and with zlib where python-isal is missing: one valid stream either way."""
    if deflater == "zlib":
        monkeypatch.setitem(__import__("sys").modules, "isal", None)  # as if it were not installed
        monkeypatch.setattr(zipparts, "_deflater", zipparts._load_deflater())
        assert zipparts._deflater is zlib
    else:
        assert zipparts._deflater.__name__ == "isal.isal_zlib"  # installed with the tool (setup.cfg)
    rng = random.Random(1)
    parts = [rng.randbytes(n) + b"<row>" * n for n in (0, 1, 10, 70_000, 3)]
    entry = Entry.of_pieces(zipfile.ZipInfo("x.xml"), [deflate(p) for p in parts])
    whole = b"".join(parts)
    assert zlib.decompress(b"".join(entry.data), -15) == whole
    assert (entry.crc, entry.size) == (zlib.crc32(whole), len(whole))


def _source(tmp_path):
    path = tmp_path / "bron.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, stored in [("[Content_Types].xml", b"<Types/>" * 50, False), ("xl/ë.xml", b"", False),
                                   ("xl/media/image1.png", bytes(range(256)) * 9, True)]:  # fmt: skip
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 31, 13, 47, 58))
            info.external_attr = 0o600 << 16
            z.writestr(info, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("zip64", [False, True])
def test_a_written_zip_holds_the_same_entries_as_the_source(tmp_path, monkeypatch, zip64):
    """Copied entries (deflated and stored), a new entry of pieces, and the ZIP64 way (beyond 4 GB,
    forced here by a small limit): names, times, attributes, data and CRCs as zipfile reads them."""
    if zip64:
        monkeypatch.setattr(zipparts, "_LIMIT", 100)
    src = _source(tmp_path)
    with open(src, "rb") as raw, zipfile.ZipFile(raw) as z:
        entries = [copied(raw, info) for info in z.infolist()]
        infos = z.infolist()
        expected = {i.filename: z.read(i) for i in infos}
    new = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(1980, 1, 31, 0, 0, 0))
    entries.insert(1, Entry.of_pieces(new, [deflate(b"<sheetData>"), deflate(b"<row/>" * 9999), deflate(b"</x>")]))
    expected[new.filename] = b"<sheetData>" + b"<row/>" * 9999 + b"</x>"
    write_zip(tmp_path / "uit.zip", entries)
    if not zip64:  # (zipfile's own writer may use data descriptors)
        local_headers_agree(tmp_path / "uit.zip")
    with zipfile.ZipFile(tmp_path / "uit.zip") as z:
        assert z.testzip() is None
        assert [i.filename for i in z.infolist()] == [infos[0].filename, new.filename, *[i.filename for i in infos[1:]]]
        assert {i.filename: z.read(i) for i in z.infolist()} == expected
        for old in infos:
            got = z.getinfo(old.filename)
            assert (got.date_time, got.external_attr >> 16, got.create_system) == (
                old.date_time,
                0o600,
                old.create_system,
            )
        if not zip64:  # copied as they were stored: a stored image stays stored
            assert z.getinfo("xl/media/image1.png").compress_type == zipfile.ZIP_STORED


def test_copied_refuses_what_is_not_a_local_header(tmp_path):
    src = _source(tmp_path)
    info = zipfile.ZipFile(src).infolist()[1]
    info.header_offset += 1
    with open(src, "rb") as raw, pytest.raises(zipfile.BadZipFile):
        copied(raw, info)


def test_the_empty_final_block_ends_a_stream():
    assert zlib.decompress(deflate(b"abc").data + zipparts._FINAL, -15) == b"abc"
    assert zlib.decompressobj(-15).decompress(io.BytesIO(zipparts._FINAL).read()) == b""
