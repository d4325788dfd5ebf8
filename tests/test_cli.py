"""The command line: exit codes and the exact Dutch texts a user sees."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.cli import main

from conftest import make_case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "cases" / "voorbeeld"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


@pytest.fixture
def folder(tmp_path, real):
    template = write_template(tmp_path / "sjabloon.xlsx", real)
    cases = tmp_path / "casussen"
    cases.mkdir()
    make_case(
        template,
        cases / "goed.xlsx",
        {"casusnummer": "G-1"},
        inzet=[("INZ-SW-01", 10, "gesprekken")],
        vermeden=[("ZVW-HA-01", 4, 75, "huisarts")],
    )
    make_case(
        template,
        cases / "fout.xlsx",
        {"casusnummer": "F-1"},
        inzet=[("INZ-SW-01", 10, "gesprekken")],
        vermeden=[("ZVW-HA-01", 4, 150, "huisarts")],
    )
    return cases


def test_check_all_good_exit_0():
    result = run("check", EXAMPLES / "ouderen-01.xlsx")
    assert result.exit_code == 0
    assert result.output == (f"{EXAMPLES / 'ouderen-01.xlsx'}: in orde\n1 bestand: 1 in orde, 0 met fouten\n")


def test_check_with_errors_exit_1_names_file_sheet_and_cell(folder):
    result = run("check", folder)
    assert result.exit_code == 1
    assert result.output == (
        f"{folder / 'fout.xlsx'}: FOUTEN\n"
        "  fout Vermeden zorg!E5: Kans '150' is geen heel getal van 0 tot en met 100. [kans-ongeldig]\n"
        f"{folder / 'goed.xlsx'}: in orde\n"
        "2 bestanden: 1 in orde, 1 met fouten\n"
    )


def test_check_json(folder):
    result = run("check", folder, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert (data["in_orde"], data["met_fouten"]) == (1, 1)
    assert data["bestanden"][0]["bevindingen"] == [
        {
            "pad": str(folder / "fout.xlsx"),
            "code": "kans-ongeldig",
            "blad": "Vermeden zorg",
            "cel": "E5",
            "ernst": "fout",
            "melding": "Kans '150' is geen heel getal van 0 tot en met 100.",
        }
    ]


def test_businesscase_writes_workbook_and_summary(folder, tmp_path):
    out = tmp_path / "uit" / "bc.xlsx"
    result = CliRunner().invoke(main, ["businesscase", str(folder), "-o", str(out)])
    assert result.exit_code == 1  # one file rejected; the workbook is written anyway
    assert out.is_file()
    # INZ-SW-01 85.20 (2023) -> 90.92 (2025): 10 h = 909.20; ZVW-HA-01 34.19 × 4 × 75% = 102.57
    assert result.stdout == (
        f"Business case geschreven: {out}\n"
        "2 bestanden: 1 in orde, 1 met fouten; prijspeil 2025\n"
        "  Netto per perspectief                        Netto          Kosten           Baten\n"
        "  Maatschappelijk (MKBA)                   € -806,63        € 909,20        € 102,57\n"
        "  Financieel: gemeente                     € -909,20        € 909,20          € 0,00\n"
        "  Financieel: zorgverzekeraar               € 102,57          € 0,00        € 102,57\n"
        "  Financieel: alle financiers              € -806,63        € 909,20        € 102,57\n"
        "  Rendement per perspectief (baten per euro kosten)\n"
        "  Rendement maatschappelijk (MKBA)                       € 0,11 per euro\n"
        "  Rendement financieel: gemeente                         € 0,00 per euro\n"
        "  Rendement financieel: zorgverzekeraar                           n.v.t.\n"
        "  Rendement financieel: alle financiers                  € 0,11 per euro\n"
        "  Buiten elke begroting (burgers, slachtoffers, divers): baten € 0,00; vrijwilligers (schaduwprijs): "
        "€ 0,00; overdrachten: € 0,00\n"
        "  Omslagpunt: het maatschappelijk netto is nu al € 0 of minder.\n"
    )
    assert result.stderr == (
        f"Map {out.parent} bestaat nog niet; die wordt aangemaakt.\n"
        "Let op: 1 bestand(en) afgewezen en niet meegeteld:\n"
        f"  {folder / 'fout.xlsx'}: Vermeden zorg!E5: Kans '150' is geen heel getal van 0 tot en met 100.\n"
        "Draai 'rendementsmeter check' op deze bestanden voor alle bevindingen.\n"
    )
    assert not list(out.parent.glob(".~rendementsmeter-*"))


def test_businesscase_json_equals_library(real):
    result = run("businesscase", EXAMPLES, "--json")
    assert result.exit_code == 0
    bc = build_businesscase(read_cases([str(EXAMPLES)], real), real)
    assert json.loads(result.output) == json.loads(json.dumps(bc.to_dict(), default=str))


@pytest.mark.parametrize(
    "args, message",
    [
        (["businesscase", "cases/voorbeeld"], "Fout: Geef een uitvoerbestand op met -o UIT.xlsx, of gebruik --json.\n"),
        (
            ["businesscase", "cases/voorbeeld", "--json", "--prijspeil", "1990"],
            "Fout: Ongeldige waarde voor '--prijspeil': 1990 staat niet in de CPI-reeks; kies een jaar van 2015 tot "
            "en met 2025.\n",
        ),
        (
            ["businesscase", "bestaat-niet", "--json"],
            "Fout: Ongeldige waarde voor 'PADEN...': Pad 'bestaat-niet' bestaat niet.\n",
        ),
        (
            ["businesscase", "cases/voorbeeld", "-o", "uit.csv"],
            "Fout: Ongeldige waarde voor '-o': de business case moet op .xlsx eindigen.\n",
        ),
        (["check"], "Fout: Ontbrekend argument 'PADEN...'.\n"),
        (
            ["template", "-o", "templates/casus-sjabloon.xlsx"],
            "Fout: templates/casus-sjabloon.xlsx bestaat al; kies een andere naam of gebruik --overschrijven.\n",
        ),
    ],
)
def test_usage_errors_exit_2_in_dutch(args, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, args, prog_name="rendementsmeter")
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
    assert result.stderr.startswith("Gebruik: rendementsmeter ")


def test_bad_price_list_exit_1(tmp_path):
    bad = tmp_path / "eigen.csv"
    bad.write_text("code,prijs,prijsjaar,bron\nINZ-SW-01,nul,2025,eigen\n", encoding="utf-8")
    result = run("check", EXAMPLES / "ouderen-01.xlsx", "--prijslijst", bad)
    assert result.exit_code == 1
    assert result.stderr == (
        "Fout: De prijslijst bevat fouten; verbeter ze en probeer opnieuw:\n"
        f"  {bad} rij 2, kolom prijs: Prijs 'nul' van INZ-SW-01 is geen bedrag groter dan 0.\n"
    )


def test_override_file_is_listed(tmp_path):
    own = tmp_path / "eigen.csv"
    own.write_text("code,prijs,prijsjaar,bron\nINZ-SW-01,80.00,2025,Eigen tarief\n", encoding="utf-8")
    result = run("businesscase", EXAMPLES, "--json", "--prijslijst", own)
    data = json.loads(result.output)
    assert data["prijslijst"]["overschreven"] == ["INZ-SW-01"]
    assert data["prijslijst"]["bestanden"][-1] == str(own)


def test_template_command(tmp_path):
    out = tmp_path / "nieuw.xlsx"
    result = run("template", "-o", out, "--team", "Noord", "--werker", "W07")
    assert result.exit_code == 0
    assert result.output.startswith(f"Sjabloon geschreven: {out} (prijspeil 2025, prijslijst ")
    assert read_cases  # the template itself is checked in test_template.py


def test_unexpected_error_has_no_traceback_without_debug(monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("kapot")

    monkeypatch.setattr("rendementsmeter.api.read_cases", boom)
    result = run("check", EXAMPLES / "ouderen-01.xlsx")
    assert result.exit_code == 1
    assert result.stderr == (
        "Fout: Onverwachte fout: RuntimeError: kapot. Draai opnieuw met --debug voor details "
        "en meld dit bij de beheerder.\n"
    )
    assert "Traceback" not in result.output
    result = run("check", EXAMPLES / "ouderen-01.xlsx", "--debug")
    assert "Traceback" in result.stderr


@pytest.mark.parametrize("command", ["template", "check", "businesscase"])
def test_help_is_dutch_with_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Voorbeeld:" in result.output and "Opties:" in result.output
    assert "Show this message" not in result.output


def test_installed_entry_point_and_module():
    exe = shutil.which("rendementsmeter")
    if exe is None:
        pytest.skip("package not installed (pip install -e .)")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("rendementsmeter ")
    out = subprocess.run(
        [sys.executable, "-m", "rendementsmeter", "check", str(EXAMPLES)], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1] == "13 bestanden: 13 in orde, 0 met fouten"


@pytest.mark.parametrize(
    ("exit_with", "code", "said"), [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("Kapot.", 1, "Kapot.\n")]
)
def test_the_program_ends_with_the_commands_exit_status_and_flushes_first(monkeypatch, exit_with, code, said):
    import io

    import rendementsmeter.cli as cli

    class Stream(io.StringIO):
        flushed = ""

        def flush(self):
            self.flushed = self.getvalue()

    class Ended(Exception):
        pass

    def main(prog_name):
        print("uitvoer", end="")  # not flushed: must be out before the process ends
        raise SystemExit(exit_with)

    def exit_now(status):
        raise Ended(status)

    out, err = Stream(), Stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(os, "_exit", exit_now)
    with pytest.raises(Ended) as ended:
        cli.run()
    assert ended.value.args == (code,)
    assert out.flushed == "uitvoer" and err.flushed == said


def test_python_dash_m_writes_everything_before_it_ends(folder, tmp_path):
    out = tmp_path / "uit.txt"
    with open(out, "w", encoding="utf-8") as fh:
        done = subprocess.run([sys.executable, "-m", "rendementsmeter", "check", str(folder)], stdout=fh)
    text = out.read_text(encoding="utf-8")
    assert done.returncode == 1  # one of the two cases has errors
    assert text.endswith("\n") and text.splitlines()[-1] == "2 bestanden: 1 in orde, 1 met fouten"
