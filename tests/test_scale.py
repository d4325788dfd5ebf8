"""Incremental runs (cache), pooled exports as input, and the export command."""

import io
import json
import os
import shutil
import sqlite3
import sys

import pytest
from click.testing import CliRunner

from rendementsmeter import build_businesscase, read_cases
from rendementsmeter.cli import main
from rendementsmeter.read.cache import APPLICATION_ID, CacheGeweigerd, CaseCache

from conftest import VANDAAG, make_case


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


def test_cache_gives_the_same_result_and_rereads_changed_files(three, tmp_path):
    pl, cases, _ = three
    db = tmp_path / "cache.sqlite"
    first = read_cases([cases], pl, vandaag=VANDAAG, cache=db)
    store = CaseCache(db)
    again = read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert (store.hits, store.misses) == (3, 0)
    assert build_businesscase(again, pl).totalen == build_businesscase(first, pl).totalen
    assert [r.case.lines for r in again] == [r.case.lines for r in first]
    # change one file: only that one is read again
    template = cases.parent / "sjabloon.xlsx"
    make_case(template, cases / "a.xlsx", {"casusnummer": "A"}, inzet=[("INZ-SW-01", 13, "x")])
    store = CaseCache(db)
    changed = read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert (store.hits, store.misses) == (2, 1)
    assert changed[0].case.lines[0].aantal == 13


def test_a_cached_reading_is_the_reading_itself_stories_scores_and_findings_included(tmp_path):
    """Every field of every example case (stories, ZRM scores, dates, warnings) comes back from the cache
    as it was read; the decoder unpacks a case's fields by position, so a field it missed would show here."""
    from pathlib import Path

    import rendementsmeter as rm

    pl = rm.load_prijslijst()
    folder = Path(__file__).resolve().parent.parent / "cases" / "voorbeeld"
    db = tmp_path / "cache.sqlite"
    fresh = read_cases([folder], pl, vandaag=VANDAAG, cache=db)
    store = CaseCache(db)
    cached = read_cases([folder], pl, vandaag=VANDAAG, cache=store)
    assert store.hits == len(fresh) > 10 and store.misses == 0
    assert [(r.pad, r.case, r.findings, r.status) for r in cached] == [
        (r.pad, r.case, r.findings, r.status) for r in fresh
    ]
    assert any(r.case.verhaal for r in cached) and any(r.case.zrm for r in cached)
    assert any(r.findings for r in cached)


def test_a_cached_reading_serves_another_day_unless_its_einddatum_crosses_it(three, tmp_path):
    """A reading depends on the day only through an Einddatum in the future (an error: the case is not
    finished). A re-run the next day uses the cache (it used to read every file again each day); a case
    whose Einddatum has passed since, or lies ahead again, is read again, and every reading equals a fresh
    one of that day."""
    from datetime import date

    pl, cases, _ = three
    make_case(cases.parent / "sjabloon.xlsx", cases / "d.xlsx", {"casusnummer": "D", "einddatum": date(2026, 11, 15)},
              inzet=[("INZ-SW-01", 3, "x")])  # fmt: skip
    db = tmp_path / "cache.sqlite"

    def on(day, expected, isolated=False):
        store = CaseCache(db)
        got = read_cases([cases], pl, vandaag=day, cache=store, isolated=isolated)
        assert (store.hits, store.misses) == expected, day
        fresh = read_cases([cases], pl, vandaag=day)
        assert [(r.pad, r.case, r.findings) for r in got] == [(r.pad, r.case, r.findings) for r in fresh]
        return {os.path.basename(r.pad): [f.code for f in r.findings] for r in got}

    assert "einddatum-in-toekomst" in on(date(2026, 11, 1), (0, 4), isolated=True)["d.xlsx"]  # read by workers
    assert "einddatum-in-toekomst" in on(date(2026, 11, 14), (4, 0))["d.xlsx"]  # the next days: from the cache
    assert "einddatum-in-toekomst" not in on(date(2026, 11, 16), (3, 1))["d.xlsx"]  # D has ended: read again
    on(date(2026, 12, 31), (4, 0))
    assert "einddatum-in-toekomst" in on(date(2026, 11, 10), (3, 1))["d.xlsx"]  # a run with an earlier day


def test_the_day_check_keeps_the_comparison_itself_not_the_findings():
    """A reading with many findings is cut short (regels-afgekapt), which can cut off the finding about an
    Einddatum in the future: whether a reading of another day may be used rests on the comparison the
    reader made, kept with the reading and in the cache."""
    from datetime import date

    from rendementsmeter.core.findings import Finding
    from rendementsmeter.core.model import ReadResult
    from rendementsmeter.read.cache import _decode, _encode, same_day_enough

    cut = ReadResult("d.xlsx", None, [Finding("d.xlsx", "blad-onbekend", f"blad {i}") for i in range(200)])
    cut.einddatum, cut.einddatum_later = date(2026, 11, 15), True  # read on 1-11: the future
    back = _decode(_encode(cut), "d.xlsx")
    assert (back.einddatum, back.einddatum_later) == (date(2026, 11, 15), True) and back.findings == cut.findings
    assert same_day_enough(back, date(2026, 11, 14)) and not same_day_enough(back, date(2026, 11, 20))
    plain = _decode(_encode(ReadResult("e.xlsx", None, [])), "e.xlsx")
    assert plain.einddatum is None and same_day_enough(plain, date(2030, 1, 1))


def test_the_cache_forgets_deleted_files_and_old_versions_but_not_other_folders(three, tmp_path):
    """Case files are about vulnerable people: a file deleted from its folder leaves no reading behind in the
    cache, an edited file only its new reading; a folder that this run did not read keeps its readings."""
    pl, cases, _ = three
    other = tmp_path / "ander"
    other.mkdir()
    shutil.copy(cases / "c.xlsx", other / "z.xlsx")
    make_case(cases.parent / "sjabloon.xlsx", other / "z.xlsx", {"casusnummer": "Z"}, inzet=[("INZ-SW-01", 2, "z")])
    db = tmp_path / "cache.sqlite"

    def stored():
        with sqlite3.connect(db) as con:
            lezing = con.execute("SELECT count(*), count(DISTINCT inhoud) FROM lezing").fetchone()
            paden = sorted(os.path.basename(p) for (p,) in con.execute("SELECT pad FROM bestand"))
        con.close()
        return lezing, paden

    read_cases([other], pl, vandaag=VANDAAG, cache=db)
    read_cases([cases], pl, vandaag=VANDAAG, cache=db)
    assert stored()[0] == (4, 4)
    b = (cases / "b.xlsx").read_bytes()
    (cases / "b.xlsx").unlink()
    make_case(cases.parent / "sjabloon.xlsx", cases / "a.xlsx", {"casusnummer": "A"}, inzet=[("INZ-SW-01", 7, "x")])
    store = CaseCache(db)
    again = read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert (store.hits, store.misses) == (1, 1) and [os.path.basename(r.pad) for r in again] == ["a.xlsx", "c.xlsx"]
    (lezing, _), _ = stored()
    assert lezing == 3  # the new a, c, and z of the other folder: neither b nor the old a
    with sqlite3.connect(db) as con:
        waarden = [w for (w,) in con.execute("SELECT waarde FROM lezing")]
    con.close()
    assert not any('"B"' in w for w in waarden) and any('"Z"' in w for w in waarden)
    assert b"post ordenen" not in db.read_bytes()  # overwritten, not left in a free page (secure_delete)
    (cases / "b.xlsx").write_bytes(b)  # back: read again (nothing of it was kept), the same reading
    store = CaseCache(db)
    assert [r.case.casusnummer for r in read_cases([cases], pl, vandaag=VANDAAG, cache=store)] == ["A", "B", "C"]
    assert (store.hits, store.misses) == (2, 1)
    # a file given one by one (`map/*.xlsx`): what is gone from its folder goes too, and so does its name
    (cases / "b.xlsx").unlink()
    read_cases([cases / "a.xlsx", cases / "c.xlsx"], pl, vandaag=VANDAAG, cache=db)
    with sqlite3.connect(db) as con:
        paden = [p for (p,) in con.execute("SELECT pad FROM bestand")] + [
            p for (p,) in con.execute("SELECT pad FROM naam")
        ]
    con.close()
    assert not any(p.endswith("b.xlsx") for p in paden) and any(p.endswith("a.xlsx") for p in paden)
    # an edited file that now holds the bytes of another: its old reading goes though nothing is read
    shutil.copy(cases / "c.xlsx", cases / "a.xlsx")
    store = CaseCache(db)
    read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert (store.hits, store.misses) == (2, 0) and stored()[0] == (2, 2)  # c (twice the same bytes) and z


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="a folder name that is not UTF-8")
def test_a_folder_whose_name_is_not_utf8_is_read_and_forgotten_in_the_cache(three, tmp_path):
    pl, cases, _ = three
    folder = tmp_path / os.fsdecode(b"map\xff")
    folder.mkdir()
    for name in ("a.xlsx", "b.xlsx"):
        shutil.copy(cases / name, folder / name)
    db = tmp_path / "cache.sqlite"
    assert len(read_cases([folder], pl, vandaag=VANDAAG, cache=db)) == 2
    (folder / "b.xlsx").unlink()
    store = CaseCache(db)
    assert [r.case.casusnummer for r in read_cases([folder], pl, vandaag=VANDAAG, cache=store)] == ["A"]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM bestand").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM lezing").fetchone()[0] == 1
    con.close()


def test_corrupt_or_deleted_cache_changes_nothing(three, tmp_path):
    pl, cases, _ = three
    plain = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl).totalen
    db = tmp_path / "cache.sqlite"
    assert build_businesscase(read_cases([cases], pl, vandaag=VANDAAG, cache=db), pl).totalen == plain
    assert int.from_bytes(db.read_bytes()[68:72], "big") == APPLICATION_ID  # marked as ours
    # ours, damaged after its first page: rebuilt
    store = CaseCache(db)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    db.write_bytes(bytes(data))
    assert build_businesscase(read_cases([cases], pl, vandaag=VANDAAG, cache=db), pl).totalen == plain
    store = CaseCache(db)
    assert store.rebuilt is False  # rebuilt by the run before
    store.db.execute("UPDATE lezing SET waarde = '{kapot'")
    store.db.commit()
    store.close()
    store = CaseCache(db)
    assert build_businesscase(read_cases([cases], pl, vandaag=VANDAAG, cache=store), pl).totalen == plain
    assert store.misses == 3
    db.unlink()
    assert build_businesscase(read_cases([cases], pl, vandaag=VANDAAG, cache=db), pl).totalen == plain


def test_a_cache_path_that_holds_another_file_is_refused_untouched(three, tmp_path):
    pl, cases, _ = three
    other = tmp_path / "ander.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE adressen (naam TEXT)")
    con.commit()
    con.close()
    text = tmp_path / "notities.txt"
    text.write_text("dit is geen database\n" * 100, encoding="utf-8")
    workbook = cases / "a.xlsx"
    for path in (text, other, workbook, cases):
        before = path.read_bytes() if path.is_file() else None
        with pytest.raises(CacheGeweigerd):
            read_cases([cases], pl, vandaag=VANDAAG, cache=path)
        for command in (["check", cases], ["businesscase", cases, "--json"]):
            result = run(*command, "--cache", path)
            assert result.exit_code == 2, (path, result.output)
            assert "een map" in result.stderr if path.is_dir() else "niet aangeraakt" in result.stderr
            assert "geen cache van de rendementsmeter" in result.stderr or path.is_dir()
        assert (path.read_bytes() if path.is_file() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "-wal" in p.name or "-shm" in p.name) == []


def test_a_cache_of_an_earlier_version_is_used_and_marked(three, tmp_path):
    pl, cases, _ = three
    db = tmp_path / "oud.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE lezing (sleutel TEXT PRIMARY KEY, waarde TEXT NOT NULL)")
    con.execute("CREATE TABLE bestand (pad TEXT PRIMARY KEY, stempel TEXT NOT NULL, inhoud TEXT NOT NULL)")
    con.commit()
    con.close()
    read_cases([cases], pl, vandaag=VANDAAG, cache=db)
    assert int.from_bytes(db.read_bytes()[68:72], "big") == APPLICATION_ID


def test_file_names_that_are_not_utf8_work_with_the_cache(tmp_path, mini_template, mini):
    folder = tmp_path / "casussen"
    make_case(
        mini_template, folder / os.fsdecode(b"caf\xe9.xlsx"), {"casusnummer": "CAFE"}, inzet=[("INZ-SW-01", 2, "x")]
    )
    db = tmp_path / "cache.sqlite"
    first = read_cases([folder], mini, vandaag=VANDAAG, cache=db)
    store = CaseCache(db)
    again = read_cases([folder], mini, vandaag=VANDAAG, cache=store)
    assert [f.melding for r in first for f in r.findings] == []
    assert [(r.pad.endswith("caf\ufffd.xlsx"), r.status) for r in first] == [(True, "opgenomen")]
    assert [r.status for r in again] == ["opgenomen"] and store.hits == 1
    result = run("businesscase", folder, "--json", "--cache", db, "--prijslijst", tmp_path / "mini.csv")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["bestanden"][0]["pad"].endswith("caf\ufffd.xlsx")


def test_export_command_and_pooled_input(three, tmp_path):
    _, cases, _ = three
    mini_csv = cases.parent / "mini.csv"
    export = tmp_path / "regels.parquet"
    result = run("export", cases, "-o", export, "--organisatie", "BWD", "--prijslijst", mini_csv)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Export geschreven: {export} (3 casussen, 8 regels)"
    pooled = tmp_path / "pool"
    pooled.mkdir()
    shutil.copy(export, pooled / "bwd.parquet")
    result = run("export", cases, "-o", pooled / "ander.csv", "--organisatie", "ANDER", "--prijslijst", mini_csv)
    assert result.exit_code == 0
    result = run("businesscase", pooled, "--json", "--prijslijst", mini_csv)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["casussen"] == 6
    # the mini list (INZ-SW-01 at 64.00) on the standard list: kosten per organisation 47 × 70.89 + 1549.40
    assert data["kosten"] == 9762.46  # 2 × (47 × 70.89 + 1549.40)
    assert {b["pad"].split("#")[1].split("/")[0] for b in data["bestanden"]} == {"ANDER", "BWD"}


def test_export_refuses_other_suffix(three, tmp_path):
    _, cases, _ = three
    result = run("export", cases, "-o", tmp_path / "x.xlsx", "--organisatie", "BWD")
    assert result.exit_code == 2
    assert "de export moet op .parquet of .csv eindigen." in result.stderr


def test_debug_shows_per_file_traceback(three, monkeypatch):
    _, cases, _ = three

    def boom(self, *a, **k):
        raise RuntimeError("kapot in de lezer")

    monkeypatch.setattr("rendementsmeter.read.reader._Reader._read_workbook", boom)
    plain = run("check", cases / "a.xlsx")
    assert plain.exit_code == 1
    assert "Traceback" not in plain.output + plain.stderr
    debug = run("check", cases / "a.xlsx", "--debug")
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr and "kapot in de lezer" in debug.stderr


def test_export_next_to_case_files_warns_of_double_counting(three, tmp_path):
    pl, cases, _ = three
    mini_csv = cases.parent / "mini.csv"
    result = run("export", cases, "-o", cases / "eigen-export.csv", "--organisatie", "BWD", "--prijslijst", mini_csv)
    assert result.exit_code == 0
    results = read_cases([cases], pl, vandaag=VANDAAG)
    warned = [(r.pad, f.code) for r in results for f in r.findings]
    assert len(warned) == 1 and warned[0][1] == "export-naast-casussen"
    assert warned[0][0].startswith(str(cases / "eigen-export.csv") + "#BWD/")


def test_unchanged_files_are_recognised_by_their_stamp_without_hashing(three, tmp_path, monkeypatch):
    """A re-run does not even read unchanged files: their stat (inode, size, times) matches the one
    recorded with their content hash. A changed file, even one of the same size, is hashed and read."""
    from rendementsmeter.read import batch as reader
    from rendementsmeter.read import cache as cache_module

    pl, cases, _ = three
    db = tmp_path / "cache.sqlite"
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # the files were written just now
    first = read_cases([cases], pl, vandaag=VANDAAG, cache=db)
    hashed = []
    real_hash = reader.content_hash
    monkeypatch.setattr(reader, "content_hash", lambda p: hashed.append(os.path.basename(p)) or real_hash(p))
    store = CaseCache(db)
    again = read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert hashed == [] and (store.hits, store.misses) == (3, 0)
    assert [r.case.lines for r in again] == [r.case.lines for r in first]
    # same size, other content: a digit of the case number changes (the stamp's times and inode tell)
    data = (cases / "b.xlsx").read_bytes()
    copy = tmp_path / "b-kopie.xlsx"
    make_case(cases.parent / "sjabloon.xlsx", copy, {"casusnummer": "C"}, inzet=[("INZ-SW-01", 5, "x")])
    (cases / "b.xlsx").write_bytes(copy.read_bytes())
    store = CaseCache(db)
    changed = read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert hashed == ["b.xlsx"] and (store.hits, store.misses) == (2, 1)
    assert changed[1].case.casusnummer == "C" and data != copy.read_bytes()


def test_a_file_changed_within_the_timestamp_tick_is_not_trusted_by_its_stamp(three, tmp_path, monkeypatch):
    from rendementsmeter.read import batch as reader
    from rendementsmeter.read import cache as cache_module

    pl, cases, _ = three
    db = tmp_path / "cache.sqlite"
    monkeypatch.setattr(cache_module, "RACY_NS", 10**18)  # as if every file had been written just now
    read_cases([cases], pl, vandaag=VANDAAG, cache=db)
    hashed = []
    real_hash = reader.content_hash
    monkeypatch.setattr(reader, "content_hash", lambda p: hashed.append(os.path.basename(p)) or real_hash(p))
    store = CaseCache(db)
    read_cases([cases], pl, vandaag=VANDAAG, cache=store)
    assert sorted(hashed) == ["a.xlsx", "b.xlsx", "c.xlsx"]  # hashed again, and then found by content
    assert (store.hits, store.misses) == (3, 0)


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only_and_never_with_stil(three):
    from rendementsmeter.cli.common import Voortgang

    pl, cases, _ = three
    seen = []
    read_cases([cases], pl, vandaag=VANDAAG, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    terminal = _Terminal()
    with Voortgang(stream=terminal) as bar:
        bar(0, 10_000)
        bar(10_000, 10_000)
        shown = terminal.getvalue()
    assert "Casussen lezen [" in shown and "10.000 van 10.000 (100%)" in shown
    assert terminal.getvalue().endswith("\r")  # cleared: the results that follow start on a clean line
    for bar in (Voortgang(stil=True, stream=_Terminal()), Voortgang(stream=io.StringIO())):
        bar(5, 10)
        bar.close()
        assert bar.stream.getvalue() == ""
    result = run("check", cases, "--stil")
    assert result.exit_code == 0 and "Casussen lezen" not in result.output + result.stderr
    result = run("businesscase", cases, "--json", "--stil", "--prijslijst", cases.parent / "mini.csv")
    assert result.exit_code == 0 and "Casussen lezen" not in result.stderr


def test_cache_keeps_texts_and_quantities_apart(three, tmp_path):
    """A worker code 'D12' and a quantity 12 decoded in one batch stay a text and a Decimal."""
    from decimal import Decimal

    from rendementsmeter.core.model import Case, Line, ReadResult, ValuePool
    from rendementsmeter.read.cache import _decode, _encode

    def result(werker, aantal, cel):
        line = Line("inzet", "Inzet", 5, cel, "INZ-SW-01", aantal, None, "x")
        return ReadResult("p", Case("p", "A", "d", None, werker=werker, lines=[line]))

    for order in ([("D12", Decimal("6"), "B5"), ("T1", Decimal("12"), "D12")], [("T1", Decimal("12"), "B5"),
                  ("D12", Decimal("6"), "D12")]):  # fmt: skip
        pool = ValuePool()
        decoded = [_decode(_encode(result(*args)), "p", pool).case for args in order]
        for case, (werker, aantal, cel) in zip(decoded, order, strict=True):
            assert (case.werker, case.lines[0].aantal, case.lines[0].cel) == (werker, aantal, cel)
            assert isinstance(case.lines[0].aantal, Decimal) and isinstance(case.lines[0].cel, str)


def test_cache_is_keyed_by_the_bytes_read_and_keeps_path_findings_to_the_path(three, tmp_path, monkeypatch):
    from rendementsmeter.read import guards

    pl, cases, _ = three
    db = tmp_path / "cache.sqlite"
    # the same bytes under a name with an e-mail address: the path finding comes from the path
    named = tmp_path / "anders" / "jan.jansen@voorbeeld.nl.xlsx"
    named.parent.mkdir()
    shutil.copy(cases / "a.xlsx", named)
    read_cases([cases], pl, vandaag=VANDAAG, cache=db)
    store = CaseCache(db)
    (again,) = read_cases([named], pl, vandaag=VANDAAG, cache=store)
    assert store.hits == 1 and [f.code for f in again.findings] == ["persoonsgegevens"]
    assert "jan.jansen" not in again.pad
    # a file that could not be read this time (gone for a moment) is not remembered as unreadable
    real = guards.inspect
    monkeypatch.setattr(guards, "inspect", lambda p, **k: guards._refuse("onbekend", "bestand-niet-gevonden", "weg"))
    fresh = tmp_path / "nieuw"
    fresh.mkdir()
    shutil.copy(cases / "b.xlsx", fresh / "b2.xlsx")
    make_case(cases.parent / "sjabloon.xlsx", fresh / "b2.xlsx", {"casusnummer": "B2"}, inzet=[("INZ-SW-01", 2, "x")])
    (gone,) = read_cases([fresh], pl, vandaag=VANDAAG, cache=db)
    assert gone.status == "afgewezen"
    monkeypatch.setattr(guards, "inspect", real)
    (back,) = read_cases([fresh], pl, vandaag=VANDAAG, cache=db)
    assert back.status == "opgenomen" and back.case.casusnummer == "B2"


def test_reading_case_files_does_not_import_pandas_numpy_or_pyarrow(three):
    """`check` reads workbooks only: the reading layer must not load the data-frame libraries (each
    costs start-up time); pandas comes in only when a pooled export is actually read."""
    import subprocess
    import sys

    _, cases, _ = three
    code = (
        "import sys, datetime\n"
        "from rendementsmeter.read.batch import read_cases\n"
        "from rendementsmeter.pricing.prijslijst import load_prijslijst\n"
        f"read_cases([{str(cases / 'a.xlsx')!r}], load_prijslijst(), vandaag=datetime.date(2026, 1, 1))\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_personal_data_in_a_path_is_masked_and_named_alike_read_or_cached(tmp_path, mini_template, mini):
    """The path is scanned once for its display and its finding; a cached reading gets the same."""
    folder = tmp_path / "bsn 111222333"
    make_case(mini_template, folder / "a@b.nl.xlsx", {"casusnummer": "P1"}, inzet=[("INZ-SW-01", 2, "x")])
    db = tmp_path / "cache.sqlite"
    first = read_cases([folder], mini, vandaag=VANDAAG, cache=db)
    store = CaseCache(db)
    again = read_cases([folder], mini, vandaag=VANDAAG, cache=store)
    assert store.hits == 1
    for results in (first, again):
        (r,) = results
        assert "111222333" not in r.pad and "a@b.nl" not in r.pad and "[BSN afgeschermd]" in r.pad
        assert [(f.pad, f.code) for f in r.findings] == [(r.pad, "persoonsgegevens")]
        assert "een BSN en een e-mailadres" in r.findings[0].melding


def test_a_cache_remembers_the_mask_of_a_path_not_the_path(tmp_path, mini_template, mini, monkeypatch):
    """A re-run takes the masks of known paths from the cache (scanning 10.000 paths took a third of its
    reading); what is stored is the masked text under a hash, and changed privacy rules scan again."""
    from rendementsmeter.read import privacy

    folder = tmp_path / "bsn 111222333"
    make_case(mini_template, folder / "a.xlsx", {"casusnummer": "P1"}, inzet=[("INZ-SW-01", 2, "x")])
    db = tmp_path / "cache.sqlite"
    first = read_cases([folder], mini, vandaag=VANDAAG, cache=db)
    scanned = []
    original = privacy.mask
    monkeypatch.setattr(privacy, "mask", lambda text: scanned.append(text) or original(text))
    again = read_cases([folder], mini, vandaag=VANDAAG, cache=db)
    assert scanned == []
    assert [(r.pad, r.findings) for r in again] == [(r.pad, r.findings) for r in first]
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT sleutel, pad, soorten FROM naam").fetchall()
    # the file's and its folder's (by which the cache knows which names to forget when files go)
    folder_shown = str(tmp_path / "bsn [BSN afgeschermd]")
    assert sorted((pad, soorten) for _, pad, soorten in rows) == sorted([(first[0].pad, "bsn"), (folder_shown, "bsn")])
    assert "111222333" not in repr(rows)
    monkeypatch.setattr(privacy, "rules_version", lambda: "andere-regels")
    read_cases([folder], mini, vandaag=VANDAAG, cache=db)
    assert str(folder / "a.xlsx") in scanned  # changed privacy rules may mask differently
