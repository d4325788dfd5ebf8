# ruff: noqa: F811  (the fixtures of test_review are imported by name and used as parameters)
"""Review values get the same rules as case values: a bad row is a finding on that row, never a crash
and never applied; a formula in an input cell is a finding; personal data is masked."""

import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from test_review import BATEN, bc_with, cases, fill, review_file, rules  # noqa: F401  (fixtures)

from rendementsmeter.cli import main
from rendementsmeter.core.findings import cell_name
from rendementsmeter.review.write import KOL


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


@pytest.mark.parametrize("aantal", ["1e400", 1e300, 1e20, 1e9, "1e3", "1,234.5", "1_000", 10_001, -1, 0])
def test_a_review_value_out_of_range_is_a_finding_and_never_applied(cases, mini, review_file, tmp_path, aantal):
    filled = fill(review_file, tmp_path / "b01.xlsx", {"C:Vermeden zorg:5": ("aangepast", aantal, None, "")})
    bc = bc_with(cases, mini, filled)
    findings = [(f.code, f.cel) for f in bc.beoordeling.findings]
    assert ("beoordeling-ongeldig", "P11") in findings  # the Aantal (beoordeeld) cell
    assert bc.totalen["baten"] == BATEN  # not applied
    assert bc.beoordeling.regels_beoordeeld == 0


@pytest.mark.parametrize("kans", [150, "0.5e2", "1e1", 75.5, -10])
def test_a_review_kans_follows_the_case_rule(cases, mini, review_file, tmp_path, kans):
    filled = fill(review_file, tmp_path / "b01.xlsx", {"C:Vermeden zorg:5": ("aangepast", None, kans, "")})
    bc = bc_with(cases, mini, filled)
    assert [(f.code, f.cel) for f in bc.beoordeling.findings] == [
        ("beoordeling-ongeldig", "Q11")
    ]  # the Kans (beoordeeld) cell
    assert bc.totalen["baten"] == BATEN


def test_the_largest_allowed_review_value_is_priced_exactly(cases, mini, review_file, tmp_path):
    filled = fill(review_file, tmp_path / "b01.xlsx", {"C:Vermeden zorg:6": ("aangepast", 10_000, 50, "")})
    bc = bc_with(cases, mini, filled)
    # ZVW-HA-01 30.87 (2022) -> 34.19 (2025); 10,000 x 34.19 x 50% = 170,950.00 instead of 42.74
    assert bc.totalen["baten"] == BATEN - 4274 + 17_095_000
    assert bc.beoordeling.findings == []


def test_a_formula_in_a_review_cell_is_a_finding(cases, mini, review_file, tmp_path):
    filled = fill(review_file, tmp_path / "b01.xlsx", {"C:Vermeden zorg:5": ("afgewezen", None, None, "")})
    wb = openpyxl.load_workbook(filled)
    ws = wb["Beoordeling"]
    aantal = cell_name(11, KOL["aantal_beoordeeld"])  # the adjusted aantal of the next row
    ws["O11"] = '="afgewezen"'
    ws[aantal] = "=1+1"
    wb.save(filled)
    bc = bc_with(cases, mini, filled)
    assert [(f.code, f.cel) for f in bc.beoordeling.findings] == [
        ("beoordeling-ongeldig", "O11"),
        ("beoordeling-ongeldig", aantal),
    ]
    assert "formule" in bc.beoordeling.findings[0].melding
    assert bc.totalen["baten"] == BATEN


def test_personal_data_in_a_review_is_masked(cases, mini, review_file, tmp_path):
    filled = fill(
        review_file,
        tmp_path / "b01.xlsx",
        {"C:Vermeden zorg:5": ("afgewezen", None, None, "bel mw op 06\u201312345678\r\nin orde")},
        beoordelaar="111\u00a0222\u00a0333",
    )
    bc = bc_with(cases, mini, filled)
    codes = [(f.code, f.cel) for f in bc.beoordeling.findings]
    assert ("persoonsgegevens", "C2") in codes and ("persoonsgegevens", cell_name(10, KOL["opmerking"])) in codes
    change = bc.beoordeling.audit[0]
    assert change.opmerking == "bel mw op [telefoonnummer afgeschermd]\\nin orde"
    assert change.beoordelaar == "[BSN afgeschermd]"
    out = tmp_path / "bc.xlsx"
    result = run("businesscase", cases, "-o", out, "--beoordelingen", filled, "--prijslijst", tmp_path / "mini.csv")
    assert result.exit_code == 1, result.output
    xml = b"".join(zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist())
    assert b"12345678" not in xml and b"222" + "\u00a0".encode() + b"333" not in xml


def test_a_review_kans_as_a_fraction_points_at_its_cell_and_suggests_the_percentage(cases, mini, review_file, tmp_path):
    filled = fill(review_file, tmp_path / "b.xlsx", {"A:Vermeden zorg:5": ("aangepast", None, "0,75", "")})
    (finding,) = bc_with(cases, mini, filled).beoordeling.findings
    assert (finding.cel, finding.code) == ("Q14", "beoordeling-ongeldig")
    assert finding.melding.endswith("is geen heel getal van 0 tot en met 100; het oordeel telt niet mee. Bedoelde u 75? "
                                    "Typ dan dat getal.")  # fmt: skip
