"""Double counting and the peer review agree, and the benefits say what they rest on.

Folder (standard price list, price level 2025):
  J-1  A5 WLZ-VPH-01 10 × 321.20 × 10% = 321.20 (A);  A6 ZVW-HA-01 4 × 34.19 × 75% = 102.57 (A)
  W-1  A5 WON-ONT-03 1 × 134560.00 × 50% = 67280.00 (C, bundle)
       A6 WMO-MO-02 30 × 41.10 × 50% = 616.50 and A7 ZVW-HA-01 2 × 34.19 × 50% = 34.19: parts of WON-ONT-03
baten = 321.20 + 102.57 + 67280.00 = 67703.77; kept out as double counted: 616.50 + 34.19 = 650.69.
"""

import json

import openpyxl
import pytest
from click.testing import CliRunner

from rendementsmeter import build_businesscase, read_cases, write_template
from rendementsmeter.api import review_of, write_review
from rendementsmeter.cli import main
from rendementsmeter.pricing.prijslijst import load_prijslijst
from rendementsmeter.review.read import read_reviews
from rendementsmeter.review.write import KOL
from rendementsmeter.spec.review import DUBBEL_TEKST

from conftest import VANDAAG, make_case

BATEN = 6770377
DUBBEL = 61650 + 3419


@pytest.fixture(scope="module")
def pl():
    return load_prijslijst()


@pytest.fixture(scope="module")
def folder(tmp_path_factory, pl):
    d = tmp_path_factory.mktemp("dubbel")
    template = write_template(d / "sjabloon.xlsx", pl)
    folder = d / "casussen"
    folder.mkdir()
    make_case(template, folder / "j.xlsx", {"casusnummer": "J-1", "domein": "jongeren/psychische gezondheid"},
              inzet=[("INZ-JW-01", 15, "gesprekken")],
              vermeden=[("WLZ-VPH-01", 10, 10, "opname"), ("ZVW-HA-01", 4, 75, "huisarts")])  # fmt: skip
    make_case(template, folder / "w.xlsx", {"casusnummer": "W-1", "domein": "armoede/schulden"},
              inzet=[("INZ-SW-01", 20, "regeling")],
              vermeden=[("WON-ONT-03", 1, 50, "dagvaarding"), ("WMO-MO-02", 30, 50, "opvang gezin"),
                        ("ZVW-HA-01", 2, 50, "huisarts")])  # fmt: skip
    return folder


def _review_rows(path):
    ws = openpyxl.load_workbook(path)["Beoordeling"]
    rows = {}
    for r in range(10, ws.max_row + 1):
        rid = ws.cell(r, KOL["regel_id"] + 1).value
        if rid:
            rows[rid] = (ws.cell(r, KOL["bedrag"] + 1).value, ws.cell(r, KOL["signalen"] + 1).value)
    return ws, rows


def test_review_total_equals_business_case_baten(folder, pl, tmp_path):
    results = read_cases([folder], pl, vandaag=VANDAAG)
    bc = build_businesscase(results, pl)
    table = review_of(results, pl)
    assert bc.totalen["baten"] == table.totaal_cent == BATEN
    assert table.dubbel == (2, DUBBEL) == (len(bc.dubbeltellingen), int(bc.dubbeltellingen["bedrag_dubbel_cent"].sum()))
    ws, rows = _review_rows(write_review(table, tmp_path / "r.xlsx"))
    assert rows["W-1:Vermeden zorg:6"][0] == 0
    assert rows["W-1:Vermeden zorg:6"][1].startswith(f"{DUBBEL_TEKST} (€ 616,50): zit al in WON-ONT-03 (B5): ")
    assert rows["W-1:Vermeden zorg:7"][1].startswith(f"{DUBBEL_TEKST} (€ 34,19): zit al in WON-ONT-03 (B5): ")
    assert rows["W-1:Vermeden zorg:5"][0] == 67280.0 and not rows["W-1:Vermeden zorg:5"][1].startswith(DUBBEL_TEKST)
    assert sum(v for v, _ in rows.values()) == pytest.approx(BATEN / 100)
    assert ws["C5"].value == (
        "5 regels vermeden zorg uit 2 casussen, samen € 67.703,77; 4 met een signaal; "
        f"2 {DUBBEL_TEKST} (€ 650,69, niet in het totaal)"
    )
    out = CliRunner().invoke(main, ["review", str(folder), "-o", str(tmp_path / "cli.xlsx")])
    assert out.exit_code == 0, out.output
    assert f"  2 {DUBBEL_TEKST}: € 650,69, niet in het totaal\n" in out.output
    bc_json = json.loads(CliRunner().invoke(main, ["businesscase", str(folder), "--json"]).output)
    assert bc_json["baten"] == 67703.77


def _review_file(folder, pl, tmp_path, verdicts):
    table = review_of(read_cases([folder], pl, vandaag=VANDAAG), pl)
    path = write_review(table, tmp_path / "leeg.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Beoordeling"]
    ws["C2"] = "B01"
    rows = {ws.cell(r, KOL["regel_id"] + 1).value: r for r in range(10, ws.max_row + 1)}
    for rid, (oordeel, opmerking) in verdicts.items():
        ws.cell(rows[rid], KOL["oordeel"] + 1).value = oordeel
        ws.cell(rows[rid], KOL["opmerking"] + 1).value = opmerking
    wb.save(tmp_path / "b01.xlsx")
    return read_reviews([tmp_path / "b01.xlsx"])


def test_rejecting_the_bundle_leaves_no_stale_double_count_finding(folder, pl, tmp_path):
    results = read_cases([folder], pl, vandaag=VANDAAG)
    before = build_businesscase(results, pl)
    w = next(r for r in results if r.case and r.case.casusnummer == "W-1")
    assert [(f.code, f.cel) for f in w.findings if f.code == "dubbeltelling"] == [
        ("dubbeltelling", "B6"),
        ("dubbeltelling", "B7"),
    ]
    reviews = _review_file(folder, pl, tmp_path, {"W-1:Vermeden zorg:5": ("afgewezen", "geen vonnis")})
    after = build_businesscase(results, pl, beoordelingen=reviews)  # the same results, now reviewed
    assert [f for f in w.findings if f.code == "dubbeltelling"] == []
    lines = after.regels.set_index("regel_id")
    # the parts count again: 616.50 + 34.19
    assert lines.loc["W-1:Vermeden zorg:6", ["bedrag_cent", "dubbeltelling"]].tolist() == [61650, ""]
    assert after.totalen["baten"] == before.totalen["baten"] - 6728000 + DUBBEL
    assert after.to_dict()["dubbeltelling"]["regels"] == 0
    # approving the bundle keeps the parts out, with their findings
    kept = build_businesscase(results, pl, beoordelingen=_review_file(
        folder, pl, tmp_path, {"W-1:Vermeden zorg:5": ("akkoord", "")}))  # fmt: skip
    assert kept.totalen["baten"] == BATEN
    assert [f.cel for f in w.findings if f.code == "dubbeltelling"] == ["B6", "B7"]


def test_share_of_benefits_on_c_prices_and_the_largest_line(folder, pl):
    bc = build_businesscase(read_cases([folder], pl, vandaag=VANDAAG), pl)
    # 67280.00 / 67703.77 = 0.99374...
    assert bc.to_dict()["concentratie"] == {
        "baten": 67703.77,
        "baten_c_prijzen": 67280.0,
        "aandeel_c_prijzen": 0.9937,
        "grootste_regel": {
            "code": "WON-ONT-03",
            "omschrijving": "Huisuitzetting, maatschappelijke kosten alle instanties (meerjarig)",
            "betrouwbaarheid": "C",
            "bedrag": 67280.0,
            "aandeel": 0.9937,
        },
    }
    scenario = {s.naam: s for s in bc.gevoeligheid}["Zonder C-prijzen"]
    assert (scenario.baten_cent, scenario.kosten_cent) == (BATEN - 6728000, bc.totalen["kosten"])


def test_report_states_the_shares_and_not_for_a_small_group(folder, pl):
    from pathlib import Path

    from rendementsmeter.report.html.report import render_html

    examples = Path(__file__).resolve().parent.parent / "cases" / "voorbeeld"
    bc = build_businesscase(read_cases([examples], pl), pl)
    conc = bc.to_dict()["concentratie"]
    assert (conc["aandeel_c_prijzen"], conc["grootste_regel"]["code"], conc["grootste_regel"]["aandeel"]) == (
        0.3226,
        "PW-BIJ-03",
        0.1807,
    )  # checked by hand from bc.regels: C-grade avoided care / all avoided care, largest line / all
    assert "<li>32,3% van de baten rust op prijzen met betrouwbaarheid C" in render_html(bc)
    assert "de grootste regel (PW-BIJ-03) is 18,1% van de baten." in render_html(bc)
    small = build_businesscase(read_cases([folder], pl, vandaag=VANDAAG), pl)  # 2 cases: no figures shown
    assert "betrouwbaarheid C (afgeleid" not in render_html(small)
