"""Peer review of estimates: the review workbook, its signals, and applying filled reviews.

Five avoided-care lines, price level 2025 (mini price list, see conftest.py):
  A  ouderen/eenzaamheid          A5 ZVW-HA-01  6   × 34.19   × 75%  = 153.855  -> 153.86
  B  armoede/schulden             A5 WON-ONT-01 1   × 10764.80 × 50% = 5382.40
                                  A6 WGS-SHV-01 1   × 1549.40 × 100% = 1549.40  (no rationale)
  C  maatschappelijke activering  A5 PW-BIJ-01  6   × 1326.11 × 75%  = 5967.495 -> 5967.50
                                  A6 ZVW-HA-01  2.5 × 34.19   × 50%  = 42.7375  -> 42.74
baten = 13095.90; kosten = 47 h × 70.89 = 3331.83.
"""

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from rendementsmeter import build_businesscase, read_cases
from rendementsmeter.cli import main
from rendementsmeter.core.findings import cell_name
from rendementsmeter.pricing.identity import vingerafdruk
from rendementsmeter.pricing.prijslijst import load_prijslijst
from rendementsmeter.pricing.rules import PlausibiliteitFout, Regel, load_plausibiliteit
from rendementsmeter.report.xlsx.workbook import write_businesscase
from rendementsmeter.review.apply import cohen_kappa
from rendementsmeter.review.read import read_review, read_reviews
from rendementsmeter.review.signals import build_review, robust_z, signal_lines
from rendementsmeter.review.write import KOL, write_review
from rendementsmeter.spec import casus as spec

from conftest import VANDAAG, make_case

#: The column of Post on the Vermeden zorg sheet, as the spec says (the cells a finding names)
P = cell_name(0, spec.LINE_SHEET_BY_KIND["vermeden"].keys.index("post"))[:-1]
RULES = "soort,post,tegen,reden\ndomein,ZVW-HA-*,maatschappelijke activering,Huisarts bij activering: ongebruikelijk.\nbundel,WON-ONT-01,WGS-SHV-01,De uitzetting bevat de schuldhulp al.\n"
BATEN = 1309590
#: regel_id -> (row in the review sheet, value in cents): the review order
ORDER = [
    ("B:Vermeden zorg:6", 0),  # 3 signals: no rationale, kans 100, double count (1549.40 kept out)
    ("C:Vermeden zorg:5", 596750),  # 1 signal: top 10%
    ("B:Vermeden zorg:5", 538240),  # 1 signal: double count
    ("C:Vermeden zorg:6", 4274),  # 1 signal: domain
    ("A:Vermeden zorg:5", 15386),  # none
]


@pytest.fixture
def cases(tmp_path, mini_template):
    folder = tmp_path / "casussen"
    folder.mkdir()
    make_case(
        mini_template,
        folder / "a.xlsx",
        {"casusnummer": "A"},
        inzet=[("INZ-SW-01", 12, "huisbezoeken")],
        vermeden=[("ZVW-HA-01", 6, 75, "maandelijks bij de huisarts")],
    )
    make_case(
        mini_template,
        folder / "b.xlsx",
        {"casusnummer": "B", "domein": "armoede/schulden"},
        inzet=[("INZ-SW-01", 20, "post ordenen")],
        vermeden=[("WON-ONT-01", 1, 50, "dagvaarding lag er al"), ("WGS-SHV-01", 1, 100, None)],
    )
    make_case(
        mini_template,
        folder / "c.xlsx",
        {"casusnummer": "C", "domein": "maatschappelijke activering"},
        inzet=[("INZ-SW-01", 15, "vrijwilligerswerk")],
        vermeden=[("PW-BIJ-01", 6, 75, "nu parttime werk"), ("ZVW-HA-01", 2.5, 50, "somber")],
    )
    return folder


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "regels.csv"
    path.write_text(RULES, encoding="utf-8")
    return load_plausibiliteit(path)


@pytest.fixture
def review_file(tmp_path, cases, mini, rules):
    table = build_review(read_cases([cases], mini, vandaag=VANDAAG), mini, rules=rules)
    return write_review(table, tmp_path / "beoordeling.xlsx")


def fill(review, target, verdicts, beoordelaar="B01"):
    """Fill a review workbook as a reviewer would: {regel_id: (oordeel, aantal, kans, opmerking)}."""
    wb = openpyxl.load_workbook(review)
    ws = wb["Beoordeling"]
    ws["C2"] = beoordelaar
    rows = {ws.cell(r, KOL["regel_id"] + 1).value: r for r in range(10, ws.max_row + 1)}
    for rid, values in verdicts.items():
        for key, value in zip(("oordeel", "aantal_beoordeeld", "kans_beoordeeld", "opmerking"), values, strict=True):
            cell = ws.cell(rows[rid], KOL[key] + 1)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # user text stays text, also when it starts with '='
    wb.save(target)
    return target


def bc_with(cases, mini, *reviews):
    return build_businesscase(read_cases([cases], mini, vandaag=VANDAAG), mini, beoordelingen=read_reviews(reviews))


def flat(findings):
    return [(Path(f.pad).name, f.blad, f.cel, f.code) for f in findings]


# -- the review workbook -------------------------------------------------------------------
def test_review_lists_every_line_sorted_with_signals(cases, mini, rules):
    table = build_review(read_cases([cases], mini, vandaag=VANDAAG), mini, rules=rules)
    frame = table.regels
    assert list(zip(frame["regel_id"], frame["bedrag_cent"], strict=True)) == ORDER
    assert [list(s) for s in frame["signalen"]] == [
        [
            "geen toelichting",
            "kans 100%",
            f"mogelijke dubbeltelling met WON-ONT-01 ({P}5): De uitzetting bevat de schuldhulp al.",
        ],
        ["hoogste 10% van de waarde"],
        [f"mogelijke dubbeltelling met WGS-SHV-01 ({P}6): De uitzetting bevat de schuldhulp al."],
        ["past niet bij domein maatschappelijke activering: Huisarts bij activering: ongebruikelijk."],
        [],
    ]
    assert table.telling() == {
        "geen-toelichting": 1,
        "kans-100": 1,
        "top-10": 1,
        "aantal-afwijkend": 0,
        "domein": 1,
        "dubbeltelling": 2,
    }
    assert frame["vingerafdruk"][4] == vingerafdruk("ZVW-HA-01", Decimal(6), 75, "maandelijks bij de huisarts")


def test_review_workbook_values_validations_and_protection(review_file):
    wb = openpyxl.load_workbook(review_file)
    assert wb.sheetnames == ["Beoordeling", "Uitleg"]
    ws = wb["Beoordeling"]
    header = [c.value for c in ws[9]]
    assert header[KOL["oordeel"]] == "Oordeel"
    assert header[KOL["regel_id"] :] == ["Regel-id", "Vingerafdruk"]
    assert [ws.cell(r, KOL["regel_id"] + 1).value for r in range(10, 15)] == [rid for rid, _ in ORDER]
    # the part of a bundle counts 0, as in the business case, and says so first
    assert ws.cell(10, KOL["bedrag"] + 1).value == 0
    assert ws.cell(10, KOL["signalen"] + 1).value.startswith(
        "telt niet mee (dubbeltelling) (€ 1.549,40): zit al in WON-ONT-01 (B5): De uitzetting bevat de schuldhulp al.; "
        "geen toelichting; kans 100%; "
    )
    assert ws.cell(11, KOL["plek"] + 1).value == f"Vermeden zorg!{P}5"
    rules = {str(dv.sqref): (dv.type, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert rules == {
        "C2": ("textLength", "1", "20"),
        "O10:O14": ("list", '"akkoord,aangepast,afgewezen"', None),
        "P10:P14": ("decimal", "0", None),
        "Q10:Q14": ("whole", "0", "100"),
        "R10:R14": ("textLength", "1000", None),
    }
    assert ws.protection.sheet
    assert [ws.cell(10, KOL[k] + 1).protection.locked for k in ("oordeel", "opmerking", "bedrag", "regel_id")] == [
        False,
        False,
        True,
        True,
    ]
    assert ws["C2"].protection.locked is False and ws["C2"].value is None


# -- signals -------------------------------------------------------------------------------
def test_robust_z_flags_a_far_quantity():
    assert robust_z(60, [4, 5, 6, 5, 4, 60]) == pytest.approx(0.6745 * 55)
    assert robust_z(5, [5, 5, 5, 5, 5]) == 0.0
    # more than half equal: the mean absolute deviation takes over
    assert robust_z(9, [1, 1, 1, 1, 9]) == pytest.approx(8 / (1.253314 * 1.6))
    rows = [
        ("vermeden", f"K{i}", "ouderen/eenzaamheid", "A5", "ZVW-HA-01", a, 50, 100, "x")
        for i, a in enumerate([4, 5, 6, 5, 4, 60])
    ]
    frame = pd.DataFrame(
        rows,
        columns=["regelsoort", "casusnummer", "domein", "cel", "code", "aantal", "kans", "bedrag_cent", "toelichting"],
    )
    signals = signal_lines(frame, [])
    assert list(signals["signalen"][5]) == [
        "hoogste 10% van de waarde",
        "aantal wijkt af: 60 tegen mediaan 5 bij 6 regels (robuuste z 37,1)",
    ]
    assert [len(s) for s in signals["signalen"]] == [1, 1, 1, 1, 1, 2]  # all equal value: all in the top 10%


def test_shipped_plausibility_rules_fit_the_price_list():
    from fnmatch import fnmatchcase

    rules = load_plausibiliteit()
    codes = load_prijslijst().items
    assert {r.soort for r in rules} == {"domein", "bundel"}
    for r in rules:
        assert any(fnmatchcase(c, r.post) for c in codes), r
        if r.soort == "bundel":
            assert any(fnmatchcase(c, r.tegen) for c in codes), r
    eviction = [r for r in rules if r.soort == "bundel" and r.post == "WON-ONT-03"]
    assert {r.tegen for r in eviction} >= {"WMO-MO-*", "WON-DW-01", "WGS-DW-*"}
    youth = Regel("domein", "WLZ-VPH-*", "jongeren/psychische gezondheid", "")
    assert any(r.soort == youth.soort and r.post == youth.post and r.tegen == youth.tegen for r in rules)


def test_bad_plausibility_rules_are_findings(tmp_path):
    path = tmp_path / "regels.csv"
    path.write_text("soort,post,tegen,reden\ndomein,JW-*,senioren,x\nanders,A,B,c\n", encoding="utf-8")
    with pytest.raises(PlausibiliteitFout) as exc:
        load_plausibiliteit(path)
    assert [(f.cel, f.code) for f in exc.value.findings] == [
        ("rij 2, kolom tegen", "plausibiliteit-ongeldig"),
        ("rij 3", "plausibiliteit-ongeldig"),
    ]


# -- applying reviews ----------------------------------------------------------------------
def test_without_reviews_nothing_changes(cases, mini):
    bc = build_businesscase(read_cases([cases], mini, vandaag=VANDAAG), mini)
    assert bc.beoordeling is None and bc.totalen["baten"] == BATEN
    assert "beoordeeld_aandeel" not in bc.to_dict()


def test_rejecting_one_line_lowers_baten_by_exactly_its_value(cases, mini, review_file, tmp_path):
    filled = fill(review_file, tmp_path / "b01.xlsx", {"B:Vermeden zorg:5": ("afgewezen", None, None, "geen vonnis")})
    bc = bc_with(cases, mini, filled)
    assert bc.totalen["baten"] == BATEN - 538240
    assert bc.beoordeling.totalen_voor["baten"] == BATEN
    per_case = {r.casusnummer: int(r.baten_cent) for r in bc.per_casus.itertuples()}
    assert per_case == {"A": 15386, "B": 154940, "C": 596750 + 4274}
    assert int(bc.per_casus["netto_cent"].sum()) == bc.totalen["netto"]  # still reconciles to the cent
    assert int(bc.regels["bedrag_cent"].sum()) == bc.totalen["kosten"] + bc.totalen["baten"]
    assert "B:Vermeden zorg:5" not in set(bc.regels["regel_id"])
    (change,) = bc.beoordeling.audit
    assert (change.beoordelaar, change.oordeel, change.bedrag_oud_cent, change.bedrag_nieuw_cent) == (
        "B01",
        "afgewezen",
        538240,
        0,
    )
    assert change.opmerking == "geen vonnis" and change.gewijzigd
    assert bc.beoordeling.findings == []


def test_adjusted_probability_and_quantity_give_the_exact_new_value(cases, mini, review_file, tmp_path):
    filled = fill(
        review_file,
        tmp_path / "b01.xlsx",
        {
            "C:Vermeden zorg:5": ("aangepast", None, 50, "eerder werk"),  # 6 × 1326.11 × 50% = 3978.33
            "A:Vermeden zorg:5": ("aangepast", "4", None, ""),  # 4 × 34.19 × 75% = 102.57
            "B:Vermeden zorg:6": ("akkoord", None, None, ""),
        },
    )
    bc = bc_with(cases, mini, filled)
    lines = bc.regels.set_index("regel_id")
    assert int(lines.at["C:Vermeden zorg:5", "bedrag_cent"]) == 397833
    assert int(lines.at["C:Vermeden zorg:5", "kans"]) == 50
    assert int(lines.at["A:Vermeden zorg:5", "bedrag_cent"]) == 10257
    assert lines.at["B:Vermeden zorg:6", "oordeel"] == "akkoord"
    assert bc.totalen["baten"] == BATEN - 596750 + 397833 - 15386 + 10257
    assert bc.totalen["baten_maatschappelijk"] == bc.totalen["baten"] - 397833  # PW-BIJ-01 is a transfer
    b = bc.beoordeling
    assert (b.regels_beoordeeld, b.wijzigingen, b.regels_vermeden) == (3, 2, 5)
    assert b.waarde_beoordeeld_cent == 596750 + 15386 + 154940
    assert b.aandeel_waarde == round((596750 + 15386 + 154940) / BATEN, 4) == 0.5857
    assert b.aandeel_regels == 0.6


def test_stale_verdict_is_reported_and_not_applied(cases, mini, mini_template, review_file, tmp_path):
    filled = fill(
        review_file,
        tmp_path / "b01.xlsx",
        {"A:Vermeden zorg:5": ("afgewezen", None, None, ""), "C:Vermeden zorg:6": ("akkoord", None, None, "")},
    )
    make_case(  # the worker changes the line after the review file was made
        mini_template,
        cases / "a.xlsx",
        {"casusnummer": "A"},
        inzet=[("INZ-SW-01", 12, "huisbezoeken")],
        vermeden=[("ZVW-HA-01", 7, 75, "maandelijks bij de huisarts")],
    )
    bc = bc_with(cases, mini, filled)
    assert bc.totalen["baten"] == BATEN - 15386 + 17950  # 7 × 34.19 × 75% = 179.4975 -> 179.50; not rejected
    assert flat(bc.beoordeling.findings) == [("b01.xlsx", "Beoordeling", "O14", "beoordeling-verouderd")]
    assert bc.beoordeling.findings[0].melding == (
        f"Regel ZVW-HA-01 van casus A (a.xlsx, Vermeden zorg!{P}5) is gewijzigd sinds dit beoordelingsbestand is "
        "gemaakt; het oordeel 'afgewezen' is niet toegepast. Maak een nieuw beoordelingsbestand met "
        "`rendementsmeter review` en beoordeel de regel opnieuw."
    )
    assert [c.regel_id for c in bc.beoordeling.audit] == ["C:Vermeden zorg:6"]
    assert bc.beoordeling.findings[0] in bc.bevindingen


def test_conflicting_verdicts_are_reported_and_the_most_conservative_is_used(cases, mini, review_file, tmp_path):
    one = fill(review_file, tmp_path / "b01.xlsx", {"C:Vermeden zorg:5": ("akkoord", None, None, "")}, "B01")
    two = fill(review_file, tmp_path / "b02.xlsx", {"C:Vermeden zorg:5": ("aangepast", None, 25, "")}, "B02")
    bc = bc_with(cases, mini, one, two)
    # 6 × 1326.11 × 25% = 1989.165 -> 1989.17: lower than akkoord (5967.50), so B02 is used
    assert bc.totalen["baten"] == BATEN - 596750 + 198917
    (conflict,) = bc.beoordeling.conflicten
    assert (conflict.gebruikt, conflict.gebruikt_oordeel) == ("B02", "aangepast")
    assert flat(bc.beoordeling.findings) == [("c.xlsx", "Vermeden zorg", f"{P}5", "beoordeling-conflict")]
    assert bc.beoordeling.findings[0].melding == (
        "Beoordelaars oneens over PW-BIJ-01 in casus C: B02 aangepast (kans 25%): € 1.989,17; B01 akkoord: "
        "€ 5.967,50. Gebruikt: B02 (aangepast), het voorzichtigste oordeel (de laagste waarde). Bespreek de "
        "regel samen en leg één oordeel vast."
    )
    assert bc.to_dict()["conflicten"] == 1


def test_cohen_kappa_hand_computed():
    # p_o = 7/10; marginals A 5/3/2, B 5/3/2 -> p_e = (25 + 9 + 4) / 100 = 0.38; kappa = 0.32 / 0.62 = 16/31
    a = ["akkoord"] * 5 + ["aangepast"] * 3 + ["afgewezen"] * 2
    b = ["akkoord"] * 4 + ["aangepast"] * 3 + ["afgewezen"] * 2 + ["akkoord"]
    assert cohen_kappa(a, b) == pytest.approx(16 / 31)
    assert cohen_kappa(["akkoord"] * 3, ["akkoord"] * 3) is None  # p_e = 1: undefined
    assert cohen_kappa(["akkoord", "afgewezen"], ["afgewezen", "akkoord"]) == -1.0


def test_agreement_between_two_reviewers(cases, mini, review_file, tmp_path):
    ids = [rid for rid, _ in ORDER]
    one = ["afgewezen", "akkoord", "akkoord", "aangepast", "akkoord"]
    two = ["afgewezen", "akkoord", "aangepast", "aangepast", "akkoord"]

    def verdicts(oordelen):
        return {rid: (o, None, 10 if o == "aangepast" else None, "") for rid, o in zip(ids, oordelen, strict=True)}

    a = fill(review_file, tmp_path / "a.xlsx", verdicts(one), "B01")
    b = fill(review_file, tmp_path / "b.xlsx", verdicts(two), "B02")
    bc = bc_with(cases, mini, a, b)
    (agreement,) = bc.beoordeling.overeenstemming
    # p_o = 4/5; B01 3/1/1, B02 2/2/1 -> p_e = (6 + 2 + 1) / 25 = 0.36; kappa = 0.44 / 0.64 = 0.6875
    assert (agreement.regels, agreement.gelijk, agreement.aandeel) == (5, 4, 0.8)
    assert agreement.kappa == pytest.approx(0.6875)
    assert bc.to_dict()["beoordeling"]["overeenstemming"] == [
        {"beoordelaars": ["B01", "B02"], "regels": 5, "gelijk": 4, "aandeel_gelijk": 0.8, "kappa": 0.6875}
    ]


def test_broken_and_invalid_review_rows_are_findings(cases, mini, review_file, tmp_path):
    broken = tmp_path / "kapot.xlsx"
    broken.write_text("geen werkmap", encoding="utf-8")
    other = tmp_path / "ander.xlsx"
    openpyxl.Workbook().save(other)
    filled = fill(
        review_file,
        tmp_path / "b01.xlsx",
        {
            "B:Vermeden zorg:6": ("misschien", None, None, ""),
            "C:Vermeden zorg:5": ("aangepast", None, None, "te hoog"),
            "B:Vermeden zorg:5": ("akkoord", None, 50, ""),
            "C:Vermeden zorg:6": (None, None, None, "later"),
            "A:Vermeden zorg:5": ("aangepast", None, "150", ""),
        },
        beoordelaar=None,
    )
    files = read_reviews([broken, other, filled])
    assert [(Path(f.pad).name, f.blad, f.cel, f.code) for rf in files for f in rf.findings] == [
        ("kapot.xlsx", "", "", "beoordeling-onleesbaar"),
        ("ander.xlsx", "Beoordeling", "", "beoordeling-onleesbaar"),
        ("b01.xlsx", "Beoordeling", "C2", "beoordelaar-ontbreekt"),
        ("b01.xlsx", "Beoordeling", "O10", "beoordeling-ongeldig"),
        ("b01.xlsx", "Beoordeling", "O11", "beoordeling-ongeldig"),
        ("b01.xlsx", "Beoordeling", "O12", "beoordeling-ongeldig"),
        ("b01.xlsx", "Beoordeling", "O13", "beoordeling-onvolledig"),
        ("b01.xlsx", "Beoordeling", "Q14", "beoordeling-ongeldig"),  # the kans cell itself
    ]
    assert files[2].beoordelaar == "b01" and files[2].oordelen == []
    assert files[2].findings[2].melding == (
        "Rij 11: 'aangepast' zonder nieuw aantal of nieuwe kans; vul er minstens een in, of kies akkoord."
    )
    bc = build_businesscase(read_cases([cases], mini, vandaag=VANDAAG), mini, beoordelingen=files)
    assert bc.totalen["baten"] == BATEN


def test_verdict_for_a_case_not_in_the_business_case(cases, mini, review_file, tmp_path):
    filled = fill(review_file, tmp_path / "b01.xlsx", {"A:Vermeden zorg:5": ("afgewezen", None, None, "")})
    (cases / "a.xlsx").unlink()
    bc = bc_with(cases, mini, filled)
    assert flat(bc.beoordeling.findings) == [("b01.xlsx", "Beoordeling", "O14", "beoordeling-casus-ontbreekt")]
    assert bc.beoordeling.audit == []


def test_workbook_shows_before_after_audit_and_remarks_as_text(cases, mini, review_file, tmp_path):
    filled = fill(
        review_file,
        tmp_path / "b01.xlsx",
        {
            "B:Vermeden zorg:5": ("afgewezen", None, None, '=HYPERLINK("x")'),
            "A:Vermeden zorg:5": ("akkoord", None, None, ""),
        },
    )
    assert read_review(filled).oordelen[0].opmerking == '=HYPERLINK("x")'
    bc = bc_with(cases, mini, filled)
    out = write_businesscase(bc, tmp_path / "bc.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[3:6] == ["Regels", "Beoordeling", "Audit beoordeling"]
    ws = wb["Beoordeling"]
    values = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in (2, 3, 4)] for r in range(1, ws.max_row + 1)}
    assert values["Baten (betalersperspectief)"] == [13095.9, 7713.5, -5382.4]
    assert values["Aandeel van de baten beoordeeld (op waarde)"][0] == 0.4227  # (5382.40 + 153.86) / 13095.90
    audit = wb["Audit beoordeling"]
    header = [c.value for c in audit[3]]
    rows = [dict(zip(header, (c.value for c in audit[r]), strict=True)) for r in (4, 5)]
    assert [(r["Casusnummer"], r["Oordeel"], r["Bedrag oud"], r["Bedrag nieuw"]) for r in rows] == [
        ("A", "akkoord", 153.86, 153.86),
        ("B", "afgewezen", 5382.4, 0),
    ]
    assert rows[1]["Opmerking"] == '=HYPERLINK("x")' and audit.cell(5, header.index("Opmerking") + 1).data_type == "s"
    assert rows[1]["Wijziging"] == "afgewezen: telt niet mee"


# -- command line --------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


@pytest.fixture
def standard_cases(tmp_path):
    pl = load_prijslijst()
    from rendementsmeter import write_template

    template = write_template(tmp_path / "sjabloon.xlsx", pl)
    folder = tmp_path / "casussen"
    folder.mkdir()
    make_case(
        template,
        folder / "j.xlsx",
        {"casusnummer": "J-1", "domein": "jongeren/psychische gezondheid"},
        inzet=[("INZ-JW-01", 15, "gesprekken")],
        vermeden=[("WLZ-VPH-01", 10, 10, "opname"), ("ZVW-HA-01", 4, 75, "huisarts")],
    )
    make_case(
        template,
        folder / "w.xlsx",
        {"casusnummer": "W-1", "domein": "armoede/schulden"},
        inzet=[("INZ-SW-01", 20, "regeling")],
        vermeden=[("WON-ONT-03", 1, 50, "dagvaarding"), ("WMO-MO-02", 30, 50, "opvang gezin")],
    )
    return pl, folder


def test_review_command(standard_cases, tmp_path):
    # 2025 prices: WLZ-VPH-01 321.20, ZVW-HA-01 34.19, WON-ONT-03 134560.00, WMO-MO-02 41.10
    # 10 × 321.20 × 10% + 4 × 34.19 × 75% + 134560.00 × 50% = 321.20 + 102.57 + 67280; 30 × 41.10 × 50% = 616.50
    # is part of WON-ONT-03 and does not count, as in the business case
    pl, folder = standard_cases
    out = tmp_path / "beoordeling.xlsx"
    result = run("review", folder, "-o", out, "--beoordelaar", "B01")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Beoordelingsbestand geschreven: {out}\n"
        "2 bestanden: 2 in orde, 0 met fouten; prijspeil 2025\n"
        "  4 regels vermeden zorg, samen € 67.703,77; 3 met een signaal\n"
        "  1 telt niet mee (dubbeltelling): € 616,50, niet in het totaal\n"
        "    hoogste 10% van de waarde                 1\n"
        "    post past niet bij het domein             1\n"
        "    mogelijke dubbeltelling                   2\n"
    )
    review = read_review(out)
    assert review.beoordelaar == "B01" and review.findings == [] and review.oordelen == []
    again = run("review", folder, "-o", out)
    assert again.exit_code == 2
    assert again.stderr.endswith(f"Fout: {out} bestaat al; kies een andere naam of gebruik --overschrijven.\n")
    name = run("review", folder, "-o", tmp_path / "x.xlsx", "--beoordelaar", "Jan de Vries")
    assert name.exit_code == 2
    assert "gebruik een code (letters, cijfers, punt, - of _; hoogstens 20 tekens), geen naam." in name.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_businesscase_with_reviews_json_equals_library(standard_cases, tmp_path):
    pl, folder = standard_cases
    empty = tmp_path / "leeg.xlsx"
    assert run("review", folder, "-o", empty).exit_code == 0
    assert "W-1:Vermeden zorg:6" in set(pd.read_excel(empty, header=8, engine="openpyxl")["Regel-id"])
    filled = fill(
        empty, tmp_path / "b01.xlsx", {"W-1:Vermeden zorg:6": ("afgewezen", None, None, "zit in de uitzetting")}
    )
    result = run("businesscase", folder, "--beoordelingen", filled, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    bc = build_businesscase(read_cases([folder], pl), pl, beoordelingen=read_reviews([filled]))
    assert data == json.loads(json.dumps(bc.to_dict(), default=str))
    # WMO-MO-02 (30 nights × 41.10 × 50% = 616.50) already counts 0: the bundle WON-ONT-03 in the same case
    # holds it (double counting), so rejecting it changes no total and no value was reviewed
    assert (data["baten_voor_beoordeling"] - data["baten"], data["wijzigingen"], data["conflicten"]) == (0, 1, 0)
    assert data["beoordeeld_aandeel"] == 0.0
    assert data["baten_voor_beoordeling"] == data["totalen_voor_beoordeling"]["baten"]

    text = run("businesscase", folder, "-o", tmp_path / "bc.xlsx", "--beoordelingen", filled)
    assert text.exit_code == 0
    assert text.stdout.splitlines()[-2:] == [
        "  Baten vóór beoordeling           € 67.703,77",  # 68.320,27 minus the double-counted 616,50
        "Beoordeling: 1 bestand, 1 van 4 regels vermeden zorg beoordeeld (0,0% van de baten); 1 wijziging, "
        "0 conflicten",
    ]


def test_businesscase_with_a_broken_review_file_exit_1(standard_cases, tmp_path):
    _, folder = standard_cases
    broken = tmp_path / "kapot.xlsx"
    broken.write_text("geen werkmap", encoding="utf-8")
    out = tmp_path / "bc.xlsx"
    result = run("businesscase", folder, "-o", out, "--beoordelingen", broken)
    assert result.exit_code == 1
    assert out.is_file()
    assert result.stderr.startswith(
        "Let op: 1 bevinding(en) bij de beoordelingen:\n"
        f"  {broken}: fout Het bestand kan niet als werkmap gelezen worden ("
    )
    assert result.stderr.endswith("[beoordeling-onleesbaar]\n")


def test_review_help_is_dutch_with_example():
    result = run("review", "--help")
    assert result.exit_code == 0
    assert "Voorbeeld:" in result.output and "--beoordelaar CODE" in result.output
    assert "--beoordelingen PAD" in run("businesscase", "--help").output


def test_a_review_workbook_given_as_a_case_is_a_usage_error(standard_cases, tmp_path):
    _, folder = standard_cases
    review = tmp_path / "b01.xlsx"
    assert run("review", folder, "-o", review).exit_code == 0
    result = run("businesscase", folder, review, "--json")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Fout: {review} is een beoordelingsbestand, geen casus. Geef beoordelingen op met --beoordelingen, één "
        "per keer: --beoordelingen b01.xlsx --beoordelingen b02.xlsx (of een map).\n"
    )


def test_html_report_says_whether_reviews_were_applied(standard_cases, tmp_path):
    from rendementsmeter import businesscase, load_prijslijst
    from rendementsmeter.report.html.report import render_html

    _, folder = standard_cases
    pl = load_prijslijst()
    plain = render_html(businesscase([folder], pl), min_groep=1)
    assert "niet door collega's beoordeeld" in plain
    review_file = tmp_path / "b.xlsx"
    run("review", folder, "-o", review_file, "--beoordelaar", "B01")
    reviewed = render_html(businesscase([folder], pl, beoordelingen=[review_file]), min_groep=1)
    assert "Collega's hebben de schattingen beoordeeld: 0 van de 4 regels vermeden zorg" in reviewed


def test_repricing_a_reviewed_business_case_keeps_the_reviews(cases, mini, review_file, tmp_path):
    """--beoordelingen with --vergelijk-prijspeil: only the prices may differ, never the reviews."""
    from rendementsmeter.api import vergelijk

    filled = fill(review_file, tmp_path / "b01.xlsx", {"B:Vermeden zorg:5": ("afgewezen", None, None, "geen vonnis")})
    bc = bc_with(cases, mini, filled)
    same = vergelijk(bc, prijspeil=bc.prijspeil)
    assert all(nu == ander for _, nu, ander in same.rijen)
    assert dict((n, nu) for n, nu, _ in same.rijen)["baten"] == (BATEN - 538240) / 100
    other = vergelijk(bc, prijspeil=2024)
    at_2024 = build_businesscase(
        read_cases([cases], mini, vandaag=VANDAAG), mini, prijspeil=2024, beoordelingen=read_reviews([filled])
    )
    assert dict((n, ander) for n, _, ander in other.rijen)["baten"] == at_2024.totalen["baten"] / 100
    assert at_2024.totalen["baten"] < bc.totalen["baten"]
    assert [v.omschrijving for v in bc.vergelijkingen] == ["prijspeil 2025", "prijspeil 2024"]
