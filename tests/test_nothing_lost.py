"""Nothing lost: the tool never writes over a file it did not create (-o, --html, --cache), CSV files it
writes hold no formula, workers end with their parent, Ctrl-C exits 130, and text from a file cannot
forge a line on the terminal."""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from rendementsmeter import read_cases
from rendementsmeter.cli import main
from rendementsmeter.core.output import csv_safe, csv_unsafe
from rendementsmeter.read.export import read_export

import maak_corpus as mc
from conftest import VANDAAG, make_case, terminal_signals


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path, mini_template):
    cases = tmp_path / "map"
    make_case(mini_template, cases / "casus-07.xlsx", inzet=[("INZ-SW-01", 3, "gesprekken")])
    make_case(mini_template, cases / "casus-08.xlsx", inzet=[("INZ-SW-01", 2, "gesprekken")])
    return cases


@pytest.mark.parametrize("extra", [[], ["--overschrijven"]])
def test_an_output_that_is_an_input_is_refused_even_with_overschrijven(folder, mini_files, extra):
    case = folder / "casus-07.xlsx"
    before = digest(case)
    for args in (
        ["businesscase", folder, "-o", case],  # a file in a folder that is read
        ["businesscase", case, "-o", case],  # the file itself
        ["businesscase", folder, "--json", "--html", case.with_suffix(".html"), "-o", folder.parent / "bc.xlsx"],
        ["export", folder, "-o", mini_files[0], "--organisatie", "X", "--prijslijst", mini_files[0]],
        ["review", folder, "-o", case],
    ):
        result = run(*args, *extra, "--prijslijst", mini_files[0])
        if "--html" in args:  # not an input: only the -o rules apply (nothing there)
            continue
        assert result.exit_code == 2, (args, result.output)
        assert "invoerbestand" in result.stderr
        assert digest(case) == before
    os.link(case, folder.parent / "tweede-naam.xlsx")  # the same file under another name
    result = run("businesscase", case, "-o", folder.parent / "tweede-naam.xlsx", *extra)
    assert result.exit_code == 2 and digest(case) == before


def test_an_existing_file_is_replaced_only_if_it_is_our_own_output(folder, mini_files, tmp_path):
    out = tmp_path / "uit" / "bc.xlsx"
    first = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
    assert first.exit_code == 0, first.output
    assert f"Map {out.parent} bestaat nog niet; die wordt aangemaakt." in first.stderr
    again = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
    assert again.exit_code == 0 and "aangemaakt" not in again.stderr  # our own output: replaced
    # saved since in Excel (another 'last modified by'): the user's now
    members = mc._members(out)
    members["docProps/core.xml"] = members["docProps/core.xml"].replace(
        b"<cp:lastModifiedBy>rendementsmeter<", b"<cp:lastModifiedBy>W12<"
    )
    mc._write_zip(out, members)
    for foreign in (out, tmp_path / "notities.xlsx", tmp_path / "rapport.html"):
        if not foreign.exists():
            foreign.write_text("van de gebruiker\n", encoding="utf-8")
        before = digest(foreign)
        option = "--html" if foreign.suffix == ".html" else "-o"
        result = run("businesscase", folder, "--json", option, foreign, "--prijslijst", mini_files[0])
        assert result.exit_code == 2, result.output
        assert "bestaat al en is geen eerdere uitvoer van de rendementsmeter" in result.stderr
        assert "--overschrijven" in result.stderr
        assert digest(foreign) == before
    forced = run("businesscase", folder, "-o", out, "--overschrijven", "--prijslijst", mini_files[0])
    assert forced.exit_code == 0
    html = tmp_path / "eigen.html"
    assert run("businesscase", folder, "--json", "--html", html, "--prijslijst", mini_files[0]).exit_code == 0
    assert run("businesscase", folder, "--json", "--html", html, "--prijslijst", mini_files[0]).exit_code == 0
    for special in (tmp_path, Path("/dev/null")):
        result = run("businesscase", folder, "--json", "--html", special, "--overschrijven")
        assert result.exit_code == 2


def test_export_overwrite_rules_and_csv_without_formulas(folder, mini_files, tmp_path, mini_template):
    evil = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(1+1)", "-2+3", "\tTAB", "\rCR", '=HYPERLINK("http://x","y")']
    for i, team in enumerate(evil):
        make_case(mini_template, folder / f"team-{i}.xlsx", {"team": team}, inzet=[("INZ-SW-01", 1, "x")])
    out = tmp_path / "regels.csv"
    out.write_text("mijn eigen lijst\n", encoding="utf-8")
    refused = run("export", folder, "-o", out, "--organisatie", "=BWD", "--prijslijst", mini_files[0])
    assert refused.exit_code == 2 and out.read_text(encoding="utf-8") == "mijn eigen lijst\n"
    out.unlink()
    for _ in range(2):  # the second time over its own export, without --overschrijven
        result = run("export", folder, "-o", out, "--organisatie", "=BWD", "--prijslijst", mini_files[0])
        assert result.exit_code in (0, 1) and "Export geschreven" in result.stdout, result.output
    parquet = tmp_path / "regels.parquet"
    for _ in range(2):  # its own Parquet export is recognised as well
        result = run("export", folder, "-o", parquet, "--organisatie", "BWD", "--prijslijst", mini_files[0])
        assert "Export geschreven" in result.stdout, result.output
    raw = pd.read_csv(out, dtype=str, keep_default_na=False)
    for col in raw.columns:
        for value in raw[col]:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (col, value)
    assert set(raw["organisatie"]) == {"'=BWD"}
    back = read_export(out, {"INZ-SW-01"})  # read back: the guard undone
    teams = {r.case.team for r in back}
    assert {"+1+1", "@SUM(1+1)", "-2+3"} <= teams  # (openpyxl writes the '=' ones as formulas: rejected)
    assert all("\t" not in t and "\r" not in t for t in teams)  # control characters shown escaped
    assert {r.case.casusnummer.split("/")[0] for r in back} == {"=BWD"}


def test_csv_guard_round_trip():
    for text in ("=1", "+31", "-", "@a", "\tx", "\rx", "'=1", "gewoon", "", "'gewoon"):
        assert csv_unsafe(csv_safe(text)) == text
    assert csv_safe("=1") == "'=1" and csv_safe("gewoon") == "gewoon"


def test_an_export_with_personal_data_or_without_einddatum_is_a_finding(tmp_path):
    frame = pd.DataFrame(
        {
            "organisatie": ["BWD", "BWD"],
            "casus_id": ["a1", "b2"],
            "domein": ["ouderen/eenzaamheid"] * 2,
            "team": ["bel 06\u201312345678", "Noord"],
            "einddatum": ["2026-03-01", ""],
            "horizon": [1, 1],
            "leefgebieden": ["", ""],
            "regelsoort": ["inzet", "inzet"],
            "code": ["INZ-SW-01", "INZ-SW-01"],
            "aantal": [1.0, 2.0],
            "kans": [None, None],
        }
    )
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False)
    a, b = read_export(path, {"INZ-SW-01"})
    assert [f.code for f in a.findings] == ["persoonsgegevens"]
    assert a.case.team == "bel [telefoonnummer afgeschermd]"
    assert [f.code for f in b.findings] == ["veld-verplicht"]
    assert b.status == "afgewezen"


def test_a_value_with_line_breaks_cannot_forge_a_line_on_the_terminal(tmp_path, mini_template, mini_files):
    folder = tmp_path / "casussen"
    folder.mkdir()
    good = make_case(mini_template, tmp_path / "goed.xlsx", vermeden=[("ZVW-HA-01", 1, 50, "x")])
    fake = "X_x000D__x000A_map/nep.xlsx: in orde_x0000__x001B_[2J"  # how a workbook stores CR, LF, NUL, ESC
    mc.set_cells(good, folder / "a.xlsx", {"Vermeden zorg": {mc.cel("vermeden", "post"): fake}})
    result = run("check", folder, "--prijslijst", mini_files[0])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not any(line.startswith("map/nep.xlsx") for line in lines)
    assert "\x00" not in result.stdout and "\x1b" not in result.stdout and "\r" not in result.stdout
    assert "X\\r\\nmap/nep.xlsx: in orde\\x00\\x1b[2J" in result.stdout


def test_ctrl_c_exits_130(folder, mini_files, monkeypatch):
    from rendementsmeter import api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "check", interrupted)
    result = run("check", folder, "--prijslijst", mini_files[0])
    assert result.exit_code == 130
    assert result.stderr.strip() == "Afgebroken."


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_stop_signal_ends_a_run_as_ctrl_c_does(folder, mini_files, monkeypatch, name):
    """A service manager's SIGTERM or a closed terminal's SIGHUP unwinds the run, so that its
    `finally` blocks remove temporary files; the handler is the system's again afterwards."""
    from rendementsmeter import api

    sig = getattr(signal, name, None)
    if sig is None:
        pytest.skip(f"no {name} here")
    # as from a terminal (a test run under nohup or in the background ignores it, and so would the run)
    before = signal.signal(sig, signal.SIG_DFL)

    def stopped(*args, **kwargs):
        os.kill(os.getpid(), sig)
        time.sleep(5)  # the handler interrupts this
        raise AssertionError("not interrupted")

    monkeypatch.setattr(api, "check", stopped)
    try:
        result = run("check", folder, "--prijslijst", mini_files[0])
        assert signal.getsignal(sig) is signal.SIG_DFL
    finally:
        signal.signal(sig, before)
    assert result.exit_code == 128 + sig  # the shell's status for a run ended by this signal
    assert result.stderr.strip() == "Afgebroken."


def test_an_ignored_stop_signal_stays_ignored(folder, mini_files, monkeypatch):
    """`nohup` ignores SIGHUP so that a run outlives its terminal; the run keeps it so."""
    from rendementsmeter import api

    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP here")
    original = api.check

    def hung_up(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGHUP)
        return original(*args, **kwargs)

    monkeypatch.setattr(api, "check", hung_up)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        result = run("check", folder, "--prijslijst", mini_files[0])
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert result.exit_code == 0 and "Afgebroken" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test kills by pid and reads /proc")
def test_workers_end_when_the_main_process_is_killed(tmp_path):
    """...and the folder where they wrote what they printed goes with the next run's first folder."""
    from rendementsmeter.core.tempdirs import sweep_leftovers

    pids = tmp_path / "pids"
    pids.mkdir()
    temp = tmp_path / "temp"
    temp.mkdir()
    script = tmp_path / "hoofd.py"
    script.write_text(
        textwrap.dedent(f"""\
            import os, time
            from rendementsmeter.read import isolation

            def slow(item):
                open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()
                time.sleep(120)

            isolation.SETTINGS.mode = "altijd"
            isolation.SETTINGS.workers = 2
            isolation.run_all(slow, list(range(4)))
            """),
        encoding="utf-8",
    )
    main_proc = subprocess.Popen([sys.executable, str(script)], env={**os.environ, "TMPDIR": str(temp)})
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = [int(p.name) for p in pids.iterdir()]
    assert len(workers) == 2
    os.kill(main_proc.pid, signal.SIGKILL)
    main_proc.wait()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in workers if _running(pid)]
    assert alive == []
    assert [p.name[:23] for p in temp.iterdir()] == ["rendementsmeter-werker-"]
    assert sweep_leftovers(str(temp)) == 1 and list(temp.iterdir()) == []


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][0] not in "ZX"  # a zombie has ended
    except OSError:
        return False


def test_a_damaged_zip_is_never_taken_for_our_own_output(tmp_path, folder, mini_files):
    out = tmp_path / "bc.xlsx"
    with zipfile.ZipFile(out, "w") as zf:  # a bomb-like core.xml claims our properties past 64 kB
        zf.writestr("docProps/core.xml", b"<dc:creator>rendementsmeter</dc:creator>" + b" " * 70_000)
    before = digest(out)
    assert run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0]).exit_code == 2
    assert digest(out) == before


def test_the_cache_named_as_output_or_input_is_left_alone(folder, mini_files, tmp_path):
    results = read_cases([folder], pytest.importorskip("rendementsmeter").load_prijslijst(), vandaag=VANDAAG)
    assert [r.status for r in results] == ["opgenomen", "opgenomen"]
    case = folder / "casus-08.xlsx"
    before = digest(case)
    result = run("check", folder, "--cache", case)
    assert result.exit_code == 2 and digest(case) == before
    assert not Path(f"{case}-wal").exists() and not Path(f"{case}-shm").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork carries the patch into the workers")
def test_ctrl_c_in_a_real_run_exits_130_without_a_traceback(tmp_path, folder):
    script = tmp_path / "traag.py"
    script.write_text(
        textwrap.dedent(f"""\
            import sys, time
            from rendementsmeter.read import guards
            original = guards.inspect

            def slow(*args, **kwargs):
                time.sleep(1)
                return original(*args, **kwargs)

            guards.inspect = slow
            from rendementsmeter.cli import main
            main(["check", {str(folder)!r}], prog_name="rendementsmeter")
            """),
        encoding="utf-8",
    )
    for i in range(20):
        (folder / f"kopie-{i}.xlsx").write_bytes((folder / "casus-07.xlsx").read_bytes())
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=terminal_signals)  # fmt: skip
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out[-500:], err[-2000:])
    assert err.strip().endswith("Afgebroken.") and "Traceback" not in err


def test_paths_that_are_not_text_are_shown_with_a_replacement(folder, mini_files, tmp_path):
    out = tmp_path / os.fsdecode(b"uit-\xff") / os.fsdecode(b"caf\xe9\nx.xlsx")
    result = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
    assert result.exit_code == 0, result.output
    assert "uit-\ufffd bestaat nog niet; die wordt aangemaakt." in result.stderr
    assert "Business case geschreven: " in result.stdout and "caf\ufffd\\nx.xlsx" in result.stdout
    assert out.is_file()


def test_a_review_workbook_with_two_review_sheets_is_not_read(tmp_path):
    from rendementsmeter.review.read import read_review

    path = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Beoordeling"
    wb.create_sheet("BEOORDELING ")
    wb.save(path)
    review = read_review(path)
    assert [f.code for f in review.findings] == ["beoordeling-onleesbaar"]
    assert "'Beoordeling' en 'BEOORDELING '" in review.findings[0].melding


def test_the_line_list_beside_a_large_workbook_has_no_formulas_and_is_never_written_over(
    tmp_path, mini_template, mini_files, monkeypatch
):
    from rendementsmeter.report.xlsx import workbook

    folder = tmp_path / "casussen"
    folder.mkdir()
    good = make_case(mini_template, tmp_path / "goed.xlsx", vermeden=[("ZVW-HA-01", 1, 50, "x")] * 4)
    evil = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(1+1)", "-2+3"]
    cells = {mc.cel("vermeden", "toelichting", 5 + i): f"PLEK{i}" for i in range(len(evil))}
    typed = mc.set_cells(good, tmp_path / "getypt.xlsx", {"Vermeden zorg": cells})

    def as_text(xml: bytes) -> bytes:  # typed as text (a leading apostrophe in Excel), not as a formula
        for i, text in enumerate(evil):
            xml = xml.replace(f"PLEK{i}".encode(), escape(text).encode())
        return xml

    mc.patch_sheet(typed, folder / "a.xlsx", "Vermeden zorg", as_text)
    monkeypatch.setattr(workbook, "MAX_REGELS_IN_WERKMAP", 0)  # every line list goes to the CSV
    out = tmp_path / "bc.xlsx"
    mine = tmp_path / "bc-regels.csv"
    mine.write_text("mijn eigen lijst\n", encoding="utf-8")
    refused = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
    assert refused.exit_code == 2 and mine.read_text(encoding="utf-8") == "mijn eigen lijst\n"
    mine.unlink()
    for _ in range(2):  # the second time over its own line list, without --overschrijven
        result = run("businesscase", folder, "-o", out, "--prijslijst", mini_files[0])
        assert result.exit_code == 0, result.output
    frame = pd.read_csv(mine, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for col in frame.columns:
        for value in frame[col]:
            assert not value.startswith(("=", "+", "@", "\t", "\r")) or value.startswith("'"), (col, value)
    assert sorted(v for v in frame["toelichting"] if v.startswith("'")) == sorted("'" + t for t in evil)


def test_a_command_runs_with_the_batch_gc_thresholds_and_restores_them(folder, mini_files, monkeypatch):
    import gc

    from rendementsmeter import api
    from rendementsmeter.cli.common import BATCH_GC

    before = gc.get_threshold()
    seen = []
    original = api.check

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold())
        return original(*args, **kwargs)

    monkeypatch.setattr(api, "check", spy)
    assert run("check", folder, "--prijslijst", mini_files[0]).exit_code == 0
    assert seen == [BATCH_GC] and gc.get_threshold() == before != BATCH_GC
