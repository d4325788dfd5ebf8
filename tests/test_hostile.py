"""Hostile input: every kind of bad file gives its finding, the batch goes on, nothing is lost, input
files are never written, and no traceback reaches the user. The corpus comes from maak_corpus.py."""

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import xml.dom.minidom
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rendementsmeter import load_prijslijst, read_case, read_cases, write_template
from rendementsmeter.api import businesscase
from rendementsmeter.cli import main
from rendementsmeter.core.output import TEMP_PREFIX, atomic_path
from rendementsmeter.read import cells as sheet_xml
from rendementsmeter.read import discovery, guards, isolation, reader

import maak_corpus as mc
from conftest import VANDAAG, flat, make_case

FORK = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def standard():
    return load_prijslijst()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, standard):
    base = tmp_path_factory.mktemp("corpus")
    template = write_template(base / "sjabloon.xlsx", standard)
    folder = base / "casussen"
    return folder, mc.maak_corpus(folder, template, standard)


@pytest.fixture(scope="module")
def results(corpus, standard):
    folder, _ = corpus
    return read_cases([folder], standard, vandaag=VANDAAG)


def name_of(pad: str, folder: Path) -> str:
    return str(Path(pad).relative_to(discovery.display_pad(folder)))


def hashes(folder: Path) -> dict[str, str]:
    """Content hashes of every regular file we may read (never a pipe: reading one would block)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink() and os.access(p, os.R_OK):
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


# -- the corpus ----------------------------------------------------------------------------------


def test_corpus_covers_at_least_40_kinds(corpus):
    _, expected = corpus
    assert len(expected) >= 40
    codes = {v.code for v in expected.values()}
    for code in (
        "bestand-onleesbaar",
        "bestand-versleuteld",
        "bestand-xls",
        "bestand-formaat",
        "bestand-vergrendeld",
        "bestand-te-groot",
        "bestand-onveilig",
        "bestand-macro",
        "bestand-dubbel",
        "bestand-niet-gevonden",
        "bestand-geen-casus",
        "blad-ontbreekt",
        "blad-onbekend",
        "kop-afwijkend",
        "kop-ontbreekt",
        "cellen-samengevoegd",
        "formule-in-invoer",
        "aantal-ongeldig",
        "aantal-te-groot",
        "getal-als-tekst",
        "datum-als-tekst",
        "sjabloon-verouderd",
        "casusnummer-dubbel",
        "regels-afgekapt",
        "persoonsgegevens",
        "waarde-aangepast",
    ):
        assert code in codes, code


def test_every_corpus_file_gives_its_finding_and_status(corpus, results):
    folder, expected = corpus
    got = {}
    for r in results:
        got[name_of(r.pad, folder)] = (r.status, [f.code for f in r.findings])
    assert sorted(got) == sorted(discovery.display_pad(n) for n in expected)
    wrong = []
    for name, want in expected.items():
        status, codes = got[discovery.display_pad(name)]
        ok = status == want.status and (want.code in codes if want.code else codes == [])
        if not ok:
            wrong.append((name, want, status, codes[:3]))
    assert wrong == []


def test_findings_name_the_file_and_say_what_to_do_in_dutch(corpus, results):
    for r in results:
        for f in r.findings:
            assert f.pad == r.pad
            first_letter = re.search(r"[^\W\d_]", f.melding)
            assert first_letter and first_letter.group().isupper() and f.melding.endswith((".", ")", "`")), f
            assert "Traceback" not in f.melding and "Error:" not in f.melding


def test_nothing_is_lost_every_entry_has_a_status(corpus, results):
    folder, _ = corpus
    entries = [p for p in folder.rglob("*") if not p.is_dir() or p.is_symlink()]
    assert len(results) == len(entries)
    assert {r.status for r in results} == {"opgenomen", "afgewezen", "overgeslagen"}


def test_zip_bomb_is_refused_from_the_declared_sizes_without_parsing(corpus, standard, monkeypatch):
    folder, _ = corpus
    bomb = folder / "zip-bom.xlsx"
    assert bomb.stat().st_size < 5 * 1024 * 1024
    with zipfile.ZipFile(bomb) as zf:
        assert zf.getinfo("xl/sharedStrings.xml").file_size > 1_000_000_000

    def no_parsing(*args, **kwargs):
        raise AssertionError("the parser must not see this file")

    monkeypatch.setattr(reader.python_calamine.CalamineWorkbook, "from_filelike", no_parsing)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_parsing)
    result = read_case(bomb, standard, VANDAAG)
    assert [f.code for f in result.findings] == ["bestand-te-groot"]
    assert result.findings[0].melding.startswith("Uitgepakt zou dit bestand 1.1")


@pytest.mark.parametrize("name", ["zip-bom-telling.xlsx", "verre-cel.xlsx", "ods-herhaalde-rijen.ods"])
def test_tiny_files_that_abort_the_parser_are_refused(corpus, standard, name):
    folder, _ = corpus
    assert (folder / name).stat().st_size < 100_000
    assert [f.code for f in read_case(folder / name, standard, VANDAAG).findings] == ["bestand-te-groot"]


def test_ten_thousand_rows_are_read_and_findings_capped(corpus, results):
    folder, _ = corpus
    r = next(r for r in results if r.pad.endswith("10000-regels.xlsx"))
    assert len(r.findings) == 201 and r.findings[-1].code == "regels-afgekapt"
    assert r.findings[-1].melding == "Nog 9800 bevindingen niet getoond; los eerst de bovenstaande op."


def test_ten_thousand_valid_lines_are_priced_to_the_cent(tmp_path, mini_template, mini):
    path = make_case(mini_template, tmp_path / "groot.xlsx", inzet=[("INZ-SW-01", 1, "uur")])
    post, aantal = (re.sub(r"\d", "", mc.cel("inzet", k)) for k in ("post", "aantal"))
    first = 100
    rows = b"".join(
        f'<row r="{r}"><c r="{post}{r}" t="inlineStr"><is><t>INZ-SW-01</t></is></c><c r="{aantal}{r}"><v>1</v></c></row>'.encode()
        for r in range(first, first + 9_999)
    )
    big = mc.patch_sheet(
        path, tmp_path / "tienduizend.xlsx", "Inzet", lambda x: x.replace(b"</sheetData>", rows + b"</sheetData>")
    )
    bc = businesscase([big], mini, prijspeil=2025, vandaag=VANDAAG)
    assert [r.status for r in bc.resultaten] == ["opgenomen"]
    assert len(bc.regels) == 10_000
    # 64.00 (2022) x 134.56 / 121.49 = 70.8885... -> 70.89 per hour, 10,000 hours
    assert bc.totalen["kosten"] == 70_89 * 10_000


# -- billion laughs and external entities: no Python XML parser expands them ----------------------


def test_the_first_inspection_defuses_every_python_xml_parser(corpus):
    """In a fresh process: importing the reader leaves the standard library alone (a re-run from the
    cache reads no file); inspecting the first file defuses every XML parser before any parser runs."""
    folder, _ = corpus
    code = (
        "import sys, xml.etree.ElementTree as ET, xml.dom.minidom\n"
        "from rendementsmeter.read import guards, reader\n"
        "def parsers():\n"
        "    out = []\n"
        "    for parse in (ET.fromstring, xml.dom.minidom.parseString):\n"
        "        try:\n"
        "            parse(sys.argv[2].encode())\n"
        "            out.append('geparsed')\n"
        "        except Exception as exc:\n"
        "            out.append(type(exc).__module__.split('.')[0])\n"
        "    return out\n"
        "before = 'xml.dom.pulldom' in sys.modules\n"
        "guards.inspect(__import__('pathlib').Path(sys.argv[1]))\n"
        "print(before, parsers())\n"
    )
    doc = (mc.LAUGHS + b"<r>&lol1;</r>").decode()
    out = subprocess.run([sys.executable, "-c", code, str(folder / "billion-laughs.xlsx"), doc], capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert out.stdout.split() == ["False", "['defusedxml',", "'defusedxml']"], out


def test_defusedxml_is_in_effect_for_every_python_xml_parser(corpus):
    folder, _ = corpus
    guards.inspect(folder / "billion-laughs.xlsx")  # as every reading does first
    laughs = mc.LAUGHS + b"<r>&lol9;</r>"
    xxe = mc.XXE + b"<r>&xxe;</r>"
    for parse in (ET.fromstring, xml.dom.minidom.parseString):
        for doc in (laughs, xxe):
            with pytest.raises(Exception) as info:
                parse(doc)
            assert type(info.value).__module__.startswith("defusedxml"), parse
    for name in ("billion-laughs.xlsx", "externe-entiteit.xlsx"):
        with pytest.raises(Exception) as info:
            openpyxl.load_workbook(folder / name)
        chain, exc = [], info.value
        while exc is not None:
            chain.append(type(exc).__name__)
            exc = exc.__cause__ or exc.__context__
        assert "EntitiesForbidden" in chain, (name, chain)


# -- containment: a parser that aborts, a file that hangs -----------------------------------------


def _crashing_inspect(original):
    def inspect(path, *args, **kwargs):
        if "crash" in path.name:
            os.write(2, b"memory allocation of 96000000000 bytes failed\nstack backtrace:\n")  # as Rust does
            os.abort()  # what python-calamine does on a shared-string bomb: no exception, the process ends
        return original(path, *args, **kwargs)

    return inspect


@pytest.mark.skipif(not FORK, reason="worker processes inherit the patch only with fork")
def test_a_worker_that_dies_costs_one_file_not_the_batch(corpus, standard, tmp_path, monkeypatch, capfd):
    folder, _ = corpus
    for name in ("goed.xlsx", "crash.xlsx", "tekst-komma.xlsx"):
        (tmp_path / name).write_bytes((folder / ("goed.xlsx" if name == "crash.xlsx" else name)).read_bytes())
    monkeypatch.setattr(guards, "inspect", _crashing_inspect(guards.inspect))
    monkeypatch.setattr(isolation.SETTINGS, "mode", "altijd")
    results = read_cases([tmp_path], standard, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.status, [f.code for f in r.findings]) for r in results] == [
        ("crash.xlsx", "afgewezen", ["bestand-leesfout"]),
        ("goed.xlsx", "opgenomen", []),
        ("tekst-komma.xlsx", "opgenomen", ["getal-als-tekst"]),
    ]
    assert results[0].findings[0].melding.startswith("Het lezen van dit bestand brak af: het programma dat")
    assert "memory allocation" in results[0].detail  # the worker's stderr, kept for --debug
    captured = capfd.readouterr()
    assert "memory allocation" not in captured.err and "backtrace" not in captured.err


@pytest.mark.skipif(not FORK, reason="worker processes inherit the patched limits only with fork")
def test_with_the_guard_off_the_real_bomb_still_costs_only_that_file(corpus, standard, tmp_path, monkeypatch, capfd):
    """python-calamine (0.9) aborts the process on the shared-string count bomb; whatever a later
    version does, the batch goes on and nothing reaches the terminal."""
    folder, _ = corpus
    for name in ("goed.xlsx", "zip-bom-telling.xlsx", "tekst-komma.xlsx"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    monkeypatch.setattr(guards.LIMITS, "count", 10**12)
    monkeypatch.setattr(isolation.SETTINGS, "mode", "altijd")
    results = read_cases([tmp_path], standard, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.status) for r in results] == [
        ("goed.xlsx", "opgenomen"),
        ("tekst-komma.xlsx", "opgenomen"),
        ("zip-bom-telling.xlsx", "afgewezen"),
    ]
    assert [f.code for f in results[2].findings] in (["bestand-leesfout"], ["bestand-onleesbaar"])
    captured = capfd.readouterr()
    assert "memory allocation" not in captured.err and "backtrace" not in captured.err


def _slow_inspect(original):
    def inspect(path, *args, **kwargs):
        if "traag" in path.name:
            time.sleep(60)
        return original(path, *args, **kwargs)

    return inspect


@pytest.mark.skipif(not FORK, reason="worker processes inherit the patch only with fork")
def test_a_file_that_hangs_is_cut_off_and_the_batch_goes_on(corpus, standard, tmp_path, monkeypatch):
    folder, _ = corpus
    for name in ("goed.xlsx", "traag.xlsx", "tekst-komma.xlsx"):
        (tmp_path / name).write_bytes((folder / ("goed.xlsx" if name == "traag.xlsx" else name)).read_bytes())
    monkeypatch.setattr(guards, "inspect", _slow_inspect(guards.inspect))
    monkeypatch.setattr(isolation.SETTINGS, "seconds_per_file", 1)
    results = read_cases([tmp_path], standard, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.status, [f.code for f in r.findings]) for r in results] == [
        ("goed.xlsx", "opgenomen", []),
        ("tekst-komma.xlsx", "opgenomen", ["getal-als-tekst"]),
        ("traag.xlsx", "afgewezen", ["bestand-te-traag"]),
    ]
    assert results[2].findings[0].melding.startswith("Het lezen duurde langer dan 1 seconde en is afgebroken;")


def test_a_bug_in_the_reader_rejects_the_file_with_the_trace_for_debug(tmp_path, mini_template, mini, caplog):
    good = make_case(mini_template, tmp_path / "goed.xlsx")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader._Reader, "_read_workbook", lambda self, wb: 1 / 0)
        with caplog.at_level("DEBUG", logger="rendementsmeter"):
            results = read_cases([good], mini, vandaag=VANDAAG)
    assert flat(results) == [("goed.xlsx", "", "", "bestand-leesfout")]
    assert "Traceback" not in results[0].findings[0].melding
    assert "ZeroDivisionError" in results[0].detail
    assert "ZeroDivisionError" in caplog.text  # --debug shows it (the CLI sets the log level)


# -- the command line over the corpus: exit codes, no tracebacks, input untouched ----------------


def test_check_and_businesscase_over_the_corpus(corpus, results, tmp_path):
    folder, expected = corpus
    before = hashes(folder)
    listing = sorted(str(p) for p in folder.rglob("*"))

    check = run("check", folder, "--json")
    assert check.exit_code == 1
    data = json.loads(check.stdout)
    assert [(b["pad"], b["status"]) for b in data["bestanden"]] == [(r.pad, r.status) for r in results]
    assert "Traceback" not in check.output

    text = run("check", folder)
    assert text.exit_code == 1
    assert "Traceback" not in text.output
    assert text.stdout.splitlines()[-1] == (
        f"{len(results)} bestanden: {sum(r.status == 'opgenomen' for r in results)} in orde, "
        f"{sum(r.status == 'afgewezen' for r in results)} met fouten, "
        f"{sum(r.status == 'overgeslagen' for r in results)} overgeslagen"
    )

    out = tmp_path / "bc.xlsx"
    bc = run("businesscase", folder, "-o", out, "--json")
    assert bc.exit_code == 1
    assert "Traceback" not in bc.output
    summary = json.loads(bc.stdout)
    assert len(summary["bestanden"]) == len(results)
    assert summary["casussen"] == sum(v.status == "opgenomen" for v in expected.values())
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb["Bestanden"].iter_rows(values_only=True))
    listed = {row[0] for row in rows if row and row[0]}
    assert {r.pad for r in results} <= listed

    assert hashes(folder) == before  # input files never written
    assert sorted(str(p) for p in folder.rglob("*")) == listing  # and nothing added next to them


def test_installed_command_over_the_corpus_shows_no_traceback(corpus):
    folder, _ = corpus
    proc = subprocess.run(
        [sys.executable, "-m", "rendementsmeter", "check", str(folder)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1
    for text in ("Traceback", "backtrace", "panicked", "memory allocation"):
        assert text not in proc.stdout + proc.stderr


# -- names, links, special files ------------------------------------------------------------------


def test_file_names_that_are_not_text_are_shown_safely(tmp_path, mini_template, mini, mini_files):
    folder = tmp_path / "casussen"
    weird = [os.fsdecode(b"caf\xe9.xlsx"), "regel\neinde.xlsx", "spatie en één.xlsx"]
    for i, name in enumerate(weird):
        make_case(mini_template, folder / name, casus={"casusnummer": f"W-{i}"})
    results = read_cases([folder], mini, vandaag=VANDAAG)
    shown = ["caf\ufffd.xlsx", "regel\ufffdeinde.xlsx", "spatie en één.xlsx"]
    assert sorted(Path(r.pad).name for r in results) == shown
    assert [r.status for r in results] == ["opgenomen"] * 3
    check = run("check", folder)
    assert check.exit_code == 0 and "regel\ufffdeinde.xlsx: in orde" in check.output
    assert "regel\neinde" not in check.output
    out = tmp_path / "bc.xlsx"
    result = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
    assert result.exit_code == 0, result.output
    listed = {row[0] for row in openpyxl.load_workbook(out)["Bestanden"].iter_rows(values_only=True)}
    assert {str(folder / name) for name in shown} <= listed


def test_unreadable_file(tmp_path, mini_template, mini, monkeypatch):
    path = make_case(mini_template, tmp_path / "geheim.xlsx")
    monkeypatch.setattr(discovery.os, "access", lambda p, mode: False)
    result = read_case(path, mini, VANDAAG)
    assert [(f.code, f.melding) for f in result.findings] == [
        ("bestand-niet-gevonden", "U mag dit bestand niet lezen; vraag de eigenaar om leesrechten.")
    ]


def test_a_link_to_a_file_already_read_is_skipped_not_counted_twice(tmp_path, mini_template, mini):
    folder = tmp_path / "casussen"
    real = make_case(mini_template, folder / "b-echt.xlsx")
    os.symlink(real.name, folder / "a-link.xlsx")
    os.link(real, folder / "c-harde-link.xlsx")
    results = read_cases([folder], mini, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.status) for r in results] == [
        ("a-link.xlsx", "overgeslagen"),
        ("b-echt.xlsx", "opgenomen"),
        ("c-harde-link.xlsx", "overgeslagen"),
    ]
    assert results[0].findings[0].code == "bestand-dubbel"
    assert results[0].findings[0].melding == (
        f"Dit is hetzelfde bestand als {real} (via een snelkoppeling of een tweede naam); dat is één keer gelezen, "
        "deze keer overgeslagen."
    )


def test_macro_workbook_is_read_and_macros_reported(corpus, results):
    folder, _ = corpus
    r = next(r for r in results if r.pad.endswith("xlsm-hernoemd.xlsx"))
    assert r.status == "opgenomen"
    assert [(f.code, f.ernst) for f in r.findings] == [("bestand-macro", "waarschuwing")]


def test_real_files_from_other_programs(standard):
    data = Path(__file__).parent / "data"
    got = {p.name: [f.code for f in read_case(p, standard, VANDAAG).findings] for p in sorted(data.iterdir())}
    assert got["versleuteld-met-wachtwoord.xlsx"] == ["bestand-versleuteld"]
    assert got["xls-opgeslagen-als-xlsx.xlsx"] == ["bestand-xls"]
    assert got["ods-opgeslagen-als-xlsx.xlsx"] == ["bestand-formaat"]
    ods = read_case(data / "libreoffice-casus.ods", standard, VANDAAG)
    assert ods.status == "opgenomen" and not ods.fouten
    assert [line.code for line in ods.case.lines] == ["INZ-SW-01", "ZVW-HA-01"]


# -- output: never half a file, user text stays text ---------------------------------------------


def test_atomic_output_leaves_nothing_behind_on_failure(tmp_path):
    target = tmp_path / "uit.xlsx"
    target.write_bytes(b"oud")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("afgebroken")
    assert target.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.xlsx"]
    with atomic_path(tmp_path / "nieuw.xlsx") as tmp:
        tmp.write_bytes(b"heel")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "nieuw.xlsx").stat().st_mode & 0o777 == 0o666 & ~mask
    assert not any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())


def test_businesscase_failing_midway_leaves_no_workbook(tmp_path, mini_template, mini_files, monkeypatch):
    folder = tmp_path / "casussen"
    folder.mkdir()
    make_case(mini_template, folder / "a.xlsx")
    out = tmp_path / "uit" / "bc.xlsx"

    def broken_close(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("xlsxwriter.Workbook.close", broken_close)
    result = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Onverwachte fout: OSError" in result.output
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


def test_user_text_is_written_as_text_never_as_formula_or_link(tmp_path, mini_template, mini_files):
    folder = tmp_path / "casussen"
    folder.mkdir()
    texts = ['=HYPERLINK("http://kwaad.example","klik")', "@SUM(1+1)*cmd|' /C calc'!A0", "https://kwaad.example", "+31"]
    path = make_case(mini_template, folder / "a.xlsx", vermeden=[("ZVW-HA-01", 1, 50, "x")] * len(texts))

    def as_text(wb):  # typed as text (with a leading apostrophe in Excel), not as a formula
        for i, t in enumerate(texts):
            c = wb["Vermeden zorg"].cell(5 + i, mc.col("vermeden", "toelichting"))
            c.value = t
            c.data_type = "s"

    mc.edit(path, as_text)
    out = tmp_path / "bc.xlsx"
    assert run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["Regels"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in texts]
    assert sorted(c.value for c in cells) == sorted(texts)
    assert {c.data_type for c in cells} == {"s"}
    assert not ws._hyperlinks


def test_hand_written_xml_takes_the_general_path_and_is_still_bounded():
    """Attribute order, spaces, single quotes and a namespace prefix do not hide a far cell."""
    data = (
        b'<sheetData><row r="1"><c s="1" r="A1"><v>1</v></c></row>'
        b"<row r='1048576'><x:c r = 'XFD1048576'><x:v>1</x:v></x:c></row></sheetData>"
    )
    assert sheet_xml.sheet_cells(data, guards.LIMITS.cells)[0] == 1_048_576 * 16_384
    canonical = b'<sheetData><row r="5"><c r="D5" s="1"><f>2*3</f><v>6</v></c><c r="B7" t="s"><v>0</v></c></row>'
    cells, formulas = sheet_xml.sheet_cells(canonical, limit=100)  # counted exactly
    assert (cells, formulas.in_columns("ABCD"), formulas.in_columns("B")) == (7 * 4, {"D5"}, set())
    # within A1:Z9999 and under the limit: bounded without counting (the quick path of case files)
    cells, formulas = sheet_xml.sheet_cells(canonical, guards.LIMITS.cells)
    assert (cells, formulas.in_columns("ABCD"), formulas.in_columns("B")) == (26 * 9999, {"D5"}, set())
    assert sheet_xml.sheet_cells(canonical.replace(b'r="B7"', b'r="AB7"'), guards.LIMITS.cells)[0] == 7 * 28


@pytest.mark.parametrize("failure", ["start", "init"])
def test_without_worker_processes_files_are_read_in_process(tmp_path, mini_template, mini, monkeypatch, failure):
    folder = tmp_path / "casussen"
    make_case(mini_template, folder / "a.xlsx", inzet=[("INZ-SW-01", 1, "x")])
    make_case(mini_template, folder / "b.xlsx", inzet=[("INZ-SW-01", 2, "y")])
    monkeypatch.setattr(isolation.SETTINGS, "mode", "altijd")
    if failure == "start":

        def no_processes(*args, **kwargs):
            raise OSError(38, "Function not implemented")  # e.g. no /dev/shm in a container

        monkeypatch.setattr(isolation, "ProcessPoolExecutor", no_processes)
    else:
        monkeypatch.setattr("rendementsmeter.read.batch.worker_init", lambda *args: 1 / 0)
    results = read_cases([folder], mini, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.status, len(r.case.lines)) for r in results] == [
        ("a.xlsx", "opgenomen", 1),
        ("b.xlsx", "opgenomen", 1),
    ]


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, mini, monkeypatch):
    tmp_path = tmp_path / "casussen"
    (tmp_path / "geheim").mkdir(parents=True)
    real_scandir = os.scandir

    def scandir(top):  # tests run as root, who may list every folder: refuse like a permission would
        if Path(top).name == "geheim":
            raise PermissionError(13, "Permission denied", top)
        return real_scandir(top)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    results = read_cases([tmp_path], mini, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.status, [f.code for f in r.findings]) for r in results] == [
        ("geheim", "afgewezen", ["bestand-niet-gevonden"])
    ]


def test_broken_links_are_named_as_such(tmp_path, mini):
    folder = tmp_path / "casussen"
    folder.mkdir()
    os.symlink("nergens.xlsx", folder / "kapot.xlsx")
    os.symlink("kring.xlsx", folder / "kring.xlsx")
    results = read_cases([folder], mini, vandaag=VANDAAG)
    assert [(Path(r.pad).name, r.findings[0].code, r.findings[0].melding) for r in results] == [
        (
            "kapot.xlsx",
            "bestand-niet-gevonden",
            "Deze snelkoppeling wijst naar een bestand dat niet bestaat; controleer het pad en de rechten.",
        ),
        (
            "kring.xlsx",
            "bestand-niet-gevonden",
            "Deze snelkoppeling wijst in een kring naar zichzelf; controleer het pad en de rechten.",
        ),
    ]


@pytest.mark.parametrize(
    "disguise",
    [
        # a commented-out sheet entry, after the real ones, that names the Casus part 'Lijsten' (a sheet
        # the reader skips)
        lambda wb, rels, part: (wb.replace(b"</sheets>", b'<!-- <sheet name="Lijsten" sheetId="99" '
                                b'r:id="rIdX"/> --></sheets>', 1), rels.replace(b"</Relationships>",
                                b'<!-- <Relationship Id="rIdX" Type="t" Target="' + part + b'"/> --></Relationships>')),
        # a second sheet entry that points at the same part under the name 'Lijsten'
        lambda wb, rels, part: (wb.replace(b"</sheets>", b'<sheet name="Lijsten" sheetId="99" r:id="rIdX"/></sheets>'),
                                rels.replace(b"</Relationships>",
                                             b'<Relationship Id="rIdX" Type="t" Target="' + part + b'"/></Relationships>')),
    ],
)  # fmt: skip
def test_a_read_sheet_disguised_as_a_skipped_one_is_still_checked(corpus, disguise):
    """Parts of sheets the reader never asks for (Lijsten, Instructie) are not checked; the map from
    part to sheet name is read with regexes, so a comment or a second name must not hide a part."""
    folder, _ = corpus
    members = mc._members(folder / "verre-cel.xlsx")
    part = mc.sheet_part(members, "Casus")
    relative = part.removeprefix("xl/").encode()
    wb, rels = disguise(members["xl/workbook.xml"], members["xl/_rels/workbook.xml.rels"], relative)
    members["xl/workbook.xml"], members["xl/_rels/workbook.xml.rels"] = wb, rels
    path = mc._write_zip(folder.parent / "vermomd.xlsx", members)
    inspection = guards.inspect(path, skip_sheets=reader.UNREAD_SHEETS)
    assert inspection.code == "bestand-te-groot", inspection


@pytest.mark.parametrize(
    "far",
    [
        b'<c\nr="Z100000"><v>1</v></c>',  # a line break after the tag name
        b'<x:c r="Z100000"><x:v>1</x:v></x:c>',  # a prefixed cell inside an unprefixed sheetData
        b'<a.b:c r="Z100000"><a.b:v>1</a.b:v></a.b:c>',  # a prefix with a dot
    ],
)
def test_far_cells_in_any_spelling_are_counted(far):
    data = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="100000">' + far + b"</row></sheetData>"
    assert sheet_xml.sheet_cells(data, guards.LIMITS.cells)[0] == 100_000 * 26


def test_sheet_entries_not_as_excel_writes_them_leave_every_part_checked(corpus):
    """A '>' inside a quoted attribute, or a second *:id attribute, must not make the guard skip a part."""
    folder, _ = corpus
    members = mc._members(folder / "verre-cel.xlsx")
    part = mc.sheet_part(members, "Casus").removeprefix("xl/").encode()
    rels = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="t" Target="' + part + b'"/></Relationships>'
    )
    for tag in (b'<sheet name="Lijsten" x=">" sheetId="99" r:id="rIdX"/>', b'<sheet name="Lijsten" x:id="rId999" '
                b'sheetId="99" r:id="rIdX"/>'):  # fmt: skip
        members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(b"</sheets>", tag + b"</sheets>")
        members["xl/_rels/workbook.xml.rels"] = rels
        path = mc._write_zip(folder.parent / "vermomd-2.xlsx", members)
        assert guards.inspect(path, skip_sheets=reader.UNREAD_SHEETS).code == "bestand-te-groot"
        members = mc._members(folder / "verre-cel.xlsx")


@pytest.mark.skipif(os.name != "posix", reason="os.path.abspath itself elsewhere")
def test_paths_are_made_absolute_as_os_path_abspath_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = discovery._absolute_in()
    for path in ["a.xlsx", "./a.xlsx", "../x/./y/../a.xlsx", "map/", "/abs/./b.xlsx", "//twee", ".", "é ö/c.xlsx",
                 "a//b", "/"]:  # fmt: skip
        assert absolute(path) == os.path.abspath(path), path
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "a.xlsx").write_bytes(b"")
    assert discovery.discover(["map", str(tmp_path / "map")]) == {"map/a.xlsx": str(tmp_path / "map" / "a.xlsx")}


def test_discovered_paths_are_the_texts_pathlib_writes(tmp_path, monkeypatch):
    """discover() gives each file's path as text without a Path per file: the same text, order and absolute
    path as making a Path of every entry (the pads in every output come from it), however the folder is
    given; and the suffix of a name as pathlib's."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map" / "sub").mkdir(parents=True)
    for name in ("map/a.xlsx", "map/sub/b.xlsx", "map/.verborgen.xlsx", "c.xlsx", "map/Z.ods"):
        (tmp_path / name).write_bytes(b"")

    def with_paths(given):  # as discover was written: a Path of every entry
        found = []
        for raw in given:
            path = os.fspath(raw)
            if not os.path.isdir(path):
                found.append(path)
                continue
            entries = []
            discovery._walk(path, entries, entries)
            found.extend(sorted(entries))
        unique = {}
        for p in found:
            unique.setdefault(os.path.abspath(p), str(Path(p)))
        return {text: absolute for absolute, text in unique.items()}

    for given in ([], ["."], ["./"], ["./map"], ["map/"], ["map//sub"], ["map/./sub/"], [str(tmp_path)],
                  [f"{tmp_path}/./map//"], ["c.xlsx", "./c.xlsx"], ["map", "."], [Path("map")]):  # fmt: skip
        found = discovery.discover(given)
        assert list(found.items()) == list(with_paths(given).items()), given
    assert "map/sub/b.xlsx" in discovery.discover(["."])
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p: real(p) if p != "." else (_ for _ in ()).throw(PermissionError(p)))
    assert discovery.discover(["."]) == {".": str(tmp_path)}  # a folder that cannot be listed is listed itself
    for name in ("a.xlsx", ".xlsx", "a.", "a.b.c", "map.d/x", "x", "a..b", "A.XLSX", "..", ".", "/", "m/.n.ods"):
        assert discovery.suffix(name) == Path(name).suffix, name
