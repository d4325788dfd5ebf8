"""A hand-computed business case of three small cases, checked to the cent.

Price level 2025, CPI 2015=100.00, 2022=121.49, 2024=130.27, 2025=134.56. Unit prices at 2025:
  INZ-SW-01 overridden by the organisation: 75.00 (2025)            -> 75.00
  ZVW-HA-01   30.87 × 134.56/121.49 = 34.1910                        -> 34.19
  PW-BIJ-01 1283.83 × 134.56/130.27 = 1326.1086  (a transfer)        -> 1326.11
  WGS-SHV-01 1500.00 × 134.56/130.27 = 1549.3974                     -> 1549.40
  WON-ONT-01 8000.00 × 134.56/100.00                                 -> 10764.80
Case A: inzet 12 × 75 = 900.00; avoided 6 × 34.19 × 75% = 153.855 -> 153.86
Case B: inzet 20 × 75 = 1500.00; added 1 × 1549.40; avoided 1 × 10764.80 × 50% = 5382.40
Case C: inzet 15 × 75 = 1125.00; avoided 6 × 1326.11 × 75% = 5967.495 -> 5967.50 (transfer)
        and 2.5 × 34.19 × 50% = 42.7375 -> 42.74
"""

import json

from click.testing import CliRunner

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.cli import main
from rendementsmeter.pricing.price import line_amount
from rendementsmeter.spec import casus as spec

from conftest import VANDAAG, make_case

POST_COLUMN = chr(65 + spec.LINE_SHEET_BY_KIND["vermeden"].keys.index("post"))


def test_hand_computed_business_case(three):
    pl, cases, _ = three
    bc = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)
    assert bc.prijspeil == 2025
    assert bc.totalen == {
        "kosten_inzet": 352500,
        "kosten_ingezette_zorg": 154940,
        "kosten": 507440,
        "baten": 1154650,
        "baten_maatschappelijk": 557900,
        "kosten_maatschappelijk": 507440,
        "netto": 647210,
        "netto_maatschappelijk": 50460,
    }
    assert bc.rendement == 2.2754
    per_case = {r.casusnummer: (r.kosten_cent, r.baten_cent, r.netto_cent) for r in bc.per_casus.itertuples()}
    assert per_case == {"A": (90000, 15386, -74614), "B": (304940, 538240, 233300), "C": (112500, 601024, 488524)}
    # per-case totals add up to the grand totals, and the lines to both, to the cent
    assert int(bc.per_casus["netto_cent"].sum()) == bc.totalen["netto"]
    assert int(bc.regels.loc[bc.regels.regelsoort == "vermeden", "bedrag_cent"].sum()) == bc.totalen["baten"]
    assert bc.per_wet.to_dict("index") == {
        "Wmo 2015": {"kosten_cent": 352500, "baten_cent": 0, "netto_cent": -352500},
        "Participatiewet": {"kosten_cent": 0, "baten_cent": 596750, "netto_cent": 596750},
        "Wgs": {"kosten_cent": 154940, "baten_cent": 0, "netto_cent": -154940},
        "Zvw": {"kosten_cent": 0, "baten_cent": 19660, "netto_cent": 19660},
        "Wonen": {"kosten_cent": 0, "baten_cent": 538240, "netto_cent": 538240},
    }
    assert bc.per_financier.to_dict("index") == {
        "gemeente": {"kosten_cent": 507440, "baten_cent": 596750, "netto_cent": 89310},
        "zorgverzekeraar": {"kosten_cent": 0, "baten_cent": 19660, "netto_cent": 19660},
        "woningcorporatie": {"kosten_cent": 0, "baten_cent": 538240, "netto_cent": 538240},
    }
    line = bc.regels[(bc.regels.casusnummer == "A") & (bc.regels.regelsoort == "vermeden")].iloc[0]
    assert (line.pad, line.blad, line.cel, line.prijs_op_peil_cent, line.bedrag_cent) == (
        str(cases / "a.xlsx"),
        "Vermeden zorg",
        f"{POST_COLUMN}5",
        3419,
        15386,
    )


def test_other_price_level_and_no_override(three, mini_files):
    base, cpi = mini_files
    _, cases, _ = three
    pl = load_prijslijst([base], cpi=cpi, standaard=False)
    bc = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl, prijspeil=2024)
    # INZ-SW-01 at 2024: 64.00 × 130.27/121.49 = 68.6253 -> 68.63; 47 hours = 3225.61
    assert bc.totalen["kosten_inzet"] == 322561
    assert bc.prijspeil == 2024


def test_line_amount_rounds_half_up():
    from decimal import Decimal as D

    assert line_amount(D(6), D("34.19"), 75) == D("153.86")
    assert line_amount(D("2.5"), D("34.19")) == D("85.48")


def test_json_equals_library_result(three):
    # the mini list and the own tariff on top of the standard list (same codes, same CPI values)
    _, cases, own = three
    mini_csv = cases.parent / "mini.csv"
    result = CliRunner().invoke(main, ["businesscase", str(cases), "--prijslijst", str(mini_csv),
                                       "--prijslijst", str(own), "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    pl = load_prijslijst([mini_csv, own])
    bc = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)
    expected = json.loads(json.dumps(bc.to_dict(), default=str))
    assert data == expected
    assert (data["kosten"], data["baten"], data["baten_maatschappelijk"], data["netto"]) == (
        5074.4,
        11546.5,
        5579.0,
        6472.1,
    )
    assert data["per_wet"]["Participatiewet"] == {"kosten": 0.0, "baten": 5967.5}
    assert data["per_casus"][0] == {
        "casusnummer": "A",
        "pad": str(cases / "a.xlsx"),
        "kosten": 900.0,
        "baten": 153.86,
        "netto": -746.14,
        "rendement": 0.171,
    }
    assert data["prijslijst"]["overschreven"] == ["INZ-SW-01", "ZVW-HA-01", "PW-BIJ-01", "WGS-SHV-01", "WON-ONT-01",
                                                  "INZ-SW-01"]  # fmt: skip
    assert [b["status"] for b in data["bestanden"]] == ["opgenomen"] * 3


def test_rejected_case_stays_out_of_totals(three):
    pl, cases, _ = three
    template = write_template(cases.parent / "t2.xlsx", pl)
    make_case(
        template,
        cases / "d.xlsx",
        {"casusnummer": "D"},
        inzet=[("INZ-SW-01", 10, "x")],
        vermeden=[("ZVW-HA-01", 5, 150, "kans te hoog")],
    )
    results = read_cases([cases], pl, vandaag=VANDAAG)
    bc = build_businesscase(results, pl)
    assert [r.status for r in results] == ["opgenomen", "opgenomen", "opgenomen", "afgewezen"]
    assert bc.totalen["kosten"] == 507440
    assert list(bc.per_casus.casusnummer) == ["A", "B", "C"]


def test_workbook_sheets_and_values(three, tmp_path):
    import openpyxl

    from rendementsmeter.report.xlsx.workbook import write_businesscase

    pl, cases, _ = three
    bc = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)
    out = write_businesscase(bc, tmp_path / "bc.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Samenvatting", "Per wet en financier", "Per casus", "Regels", "Onzekerheid",
                             "Grafieken", "Bestanden", "Bevindingen", "Prijslijst"]  # fmt: skip
    ws = wb["Samenvatting"]
    values = {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(1, ws.max_row + 1)}
    # netto per perspective first: societal 5579.00 - 5074.40; the municipality pays all costs (own work at
    # the own tariff 3525.00, debt help 1549.40) and saves the bijstand (5967.50, a transfer)
    assert values["Maatschappelijk (MKBA)"] == (504.6, 5074.4)
    assert values["Financieel: gemeente"] == (893.1, 5074.4)
    assert values["Financieel: zorgverzekeraar"] == (196.6, 0)
    assert values["Financieel: woningcorporatie"] == (5382.4, 0)
    assert values["Totaal kosten"] == (5074.4, None)
    assert values["Vermeden kosten (baten, verwachte waarde)"] == (11546.5, None)
    assert values["Netto (baten - kosten)"] == (6472.1, None)
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Financieel: zorgverzekeraar")
    assert ws.cell(row, 5).value == "n.v.t."  # no costs: no ratio, never a blank
    assert ws.cell(row, 5).alignment.horizontal == "right"  # where the ratios of the other rows stand
    assert values["Prijspeil"][0] == "2025"
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Totaal kosten")
    assert ws.cell(row, 2).number_format == "[$-413]€ #,##0.00;[$-413]€ -#,##0.00"
    regels = wb["Regels"]
    header = [c.value for c in regels[3]]
    assert header[:4] == ["Casusnummer", "Soort regel", "Code", "Post"]
    assert [regels.cell(r, 1).value for r in range(4, 13)] == ["A", "A", "B", "B", "B", "C", "C", "C", None]
    overrides = [r for r in wb["Prijslijst"].iter_rows(values_only=True) if r[0] == "INZ-SW-01"]
    assert len(overrides) == 2  # the used item, and the override table


def test_vectorised_pricing_equals_line_amount_to_the_cent(mini):
    """price_lines (float64 + tie repair) gives exactly Decimal line_amount, also at half-cent ties."""
    from decimal import Decimal as D

    import pandas as pd
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rendementsmeter.pricing.price import INPUT_COLUMNS, price_lines
    from rendementsmeter.spec.rekenregels import horizonfactor

    codes = sorted(mini.items)

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(codes),
                st.decimals("0.001", "9999", places=3),
                st.one_of(st.none(), st.integers(0, 100)),
                st.sampled_from([100, 75, 50, 25]),
                st.sampled_from([12, 18, 36]),
            ),
            min_size=1,
            max_size=40,
        )
    )
    def check(rows):
        records = [
            ("p", "c", "d", "t", "w", None, "inzet" if k is None else "vermeden", "b", "A1", 1, code, float(a), k, "",
             aandeel, horizon, "doel bereikt")
            for code, a, k, aandeel, horizon in rows
        ]  # fmt: skip
        frame = pd.DataFrame.from_records(records, columns=list(INPUT_COLUMNS))
        frame["kans"] = frame["kans"].astype("Int64")
        priced = price_lines(frame, mini, 2025)
        for (code, a, k, aandeel, horizon), cents in zip(rows, priced["bedrag_cent"], strict=True):
            factor = horizonfactor(horizon)
            assert cents == int(line_amount(a, mini.prijs_op_peil(code, 2025), k, aandeel, factor) * 100)

    check()
    # a constructed half-cent tie: 0.5 × 34.19 × 50% = 8.5475 -> 8.55; 2.5 × 34.19 = 85.475 -> 85.48
    records = [
        ("p", "c", "d", "t", "w", None, "vermeden", "b", "A1", 1, "ZVW-HA-01", 0.5, 50, "", 100, 12, ""),
        ("p", "c", "d", "t", "w", None, "inzet", "b", "A1", 1, "ZVW-HA-01", 2.5, None, "", 100, 12, ""),
    ]
    frame = pd.DataFrame.from_records(records, columns=list(INPUT_COLUMNS))
    frame["kans"] = frame["kans"].astype("Int64")
    assert list(price_lines(frame, mini, 2025)["bedrag_cent"]) == [855, 8548]
    assert line_amount(D("0.5"), D("34.19"), 50) == D("8.55")


def test_large_line_list_goes_to_csv_next_to_the_workbook(three, tmp_path, monkeypatch):
    import openpyxl
    import pandas as pd

    from rendementsmeter.report.xlsx.workbook import write_businesscase

    pl, cases, _ = three
    monkeypatch.setattr("rendementsmeter.report.xlsx.workbook.MAX_REGELS_IN_WERKMAP", 5)
    bc = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)
    out = write_businesscase(bc, tmp_path / "bc.xlsx")
    csv = tmp_path / "bc-regels.csv"
    frame = pd.read_csv(csv, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == 8
    assert round(frame.loc[frame.regelsoort == "vermeden", "bedrag"].sum(), 2) == 11546.50
    note = openpyxl.load_workbook(out)["Regels"]["A3"].value
    assert (
        note == "8 regels: te veel voor een werkblad. Ze staan in bc-regels.csv (naast deze werkmap; "
        "puntkomma's en decimale komma's, opent in Excel)."
    )


def test_amount_cents_is_exact_on_the_integer_path_and_the_float_path():
    """Short decimals take exact integer arithmetic; longer ones (and huge products) take float64 with
    Decimal repair of near-ties. Both equal Decimal rounding half away from zero."""
    from decimal import ROUND_HALF_UP
    from decimal import Decimal as D

    import numpy as np
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rendementsmeter.pricing.price import amount_cents

    def reference(a, u, f):
        return int((D(repr(a)) * D(int(u)) * D(repr(f))).quantize(D(1), rounding=ROUND_HALF_UP))

    aantal = st.one_of(st.decimals("0.001", "9999", places=3).map(float), st.floats(0.0001, 9999.0))
    fraction = st.one_of(st.integers(0, 100).map(lambda k: k / 100), st.floats(0.0, 1.0))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(aantal, st.integers(0, 10_000_000), fraction), min_size=1, max_size=30))
    def check(rows):
        a, u, f = (np.array(x, dtype=np.float64) for x in zip(*rows, strict=True))
        assert amount_cents(a, u, f).tolist() == [reference(*r) for r in rows]

    check()
    # half-cent ties on the integer path: 6 × 12345 ct × 75% = 55552.5 -> 55553; 2.5 × 3419 = 8547.5 -> 8548
    assert amount_cents(np.array([6.0, 2.5]), np.array([12345.0, 3419.0]), np.array([0.75, 1.0])).tolist() == [
        55553,
        8548,
    ]


def test_wrapped_rows_get_the_height_of_their_lines(tmp_path):
    """LibreOffice prints an xlsx row at its stored height: a long finding must not run over the next rows."""
    from pathlib import Path

    import openpyxl

    from rendementsmeter import api
    from rendementsmeter.report.xlsx.sheet import LINE_HEIGHT, text_lines

    voorbeeld = Path(__file__).parents[1] / "cases" / "voorbeeld"
    pl = api.load_prijslijst()
    bc = api.businesscase([voorbeeld], pl, vandaag=VANDAAG)
    ws = openpyxl.load_workbook(api.write_businesscase(bc, tmp_path / "bc.xlsx"))["Bevindingen"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == "Melding")
    rows = range(header + 1, header + 1 + len(bc.bevindingen))
    heights = [ws.row_dimensions[r].height for r in rows]
    expected = [
        LINE_HEIGHT * max(text_lines(ws.cell(r, 1).value, 34), text_lines(ws.cell(r, 6).value, 72)) for r in rows
    ]
    assert heights == [h if h > LINE_HEIGHT else None for h in expected] and max(h or 0 for h in heights) >= 45
    assert text_lines("a" * 70, 72) == 1 and text_lines("a" * 71, 72) == 2 and text_lines("x\ny", 72) == 2


def test_file_statuses_follow_the_findings_and_the_lists_as_they_are_now(three):
    """Statuses are worked out in one pass, not remembered: a file that gets an error later is rejected
    in the counts and the JSON, and a replaced list of results is read anew."""
    from rendementsmeter.core.findings import Finding

    pl, cases, _ = three
    bc = build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)
    assert bc.status_telling() == {"opgenomen": 3}
    first = bc.resultaten[0]
    first.findings.append(Finding(first.pad, "bestand-onleesbaar", "kapot"))
    assert bc.status_telling() == {"afgewezen": 1, "opgenomen": 2}
    assert [b["status"] for b in bc.to_dict()["bestanden"]].count("afgewezen") == 1
    bc.resultaten = [r for r in bc.resultaten if r is not first]
    assert bc.status_telling() == {"opgenomen": 2}
    # while the outputs are written the statuses are worked out once (a pool asks them several times), and
    # after that they follow the findings again
    with bc.statussen_vast():
        fixed = bc.statussen()
        with bc.statussen_vast():  # nested: the outer scope ends it
            assert bc.statussen() is fixed
        assert bc.statussen() is fixed and bc.status_telling() == {"opgenomen": 2}
    second = bc.resultaten[0]
    second.findings.append(Finding(second.pad, "bestand-onleesbaar", "kapot"))
    assert bc.statussen() is not fixed and bc.status_telling() == {"afgewezen": 1, "opgenomen": 1}
