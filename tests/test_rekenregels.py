"""The method rules computed by hand, to the cent: attribution, the horizon (spread and discounted),
the closure reason, and the named perspectives (README "Rekenregels")."""

from decimal import Decimal

import pytest

from rendementsmeter import build_businesscase, load_prijslijst, read_cases
from rendementsmeter.spec.rekenregels import horizonfactor, jaren

from conftest import VANDAAG, make_case


def bc_of(tmp_path, template, pl, discontovoet=None, **cases):
    paths = [make_case(template, tmp_path / f"{name}.xlsx", **kw) for name, kw in cases.items()]
    results = read_cases(paths, pl, vandaag=VANDAAG)
    extra = {} if discontovoet is None else {"discontovoet": discontovoet}
    return build_businesscase(results, pl, 2025, dubbel=(), **extra)


def test_horizon_factor_by_hand():
    # 18 months: 12/18 + 6/18 / 1,0225 = 0,666667 + 0,325998 = 0,992665
    # 36 months: (1 + 1/1,0225 + 1/1,0225²) / 3 = (1 + 0,977995 + 0,956474) / 3 = 0,978157
    assert [horizonfactor(h) for h in (1, 12, 18, 36, 60)] == [
        Decimal(1),
        Decimal(1),
        Decimal("0.992665"),
        Decimal("0.978157"),
        Decimal("0.956948"),
    ]
    assert horizonfactor(36, Decimal(0)) == Decimal(1)
    assert jaren(30) == [12, 12, 6]


@pytest.mark.parametrize(
    "casus, baten",
    [
        # 12 × 34,19 × 75% × 50% = 153,855 -> 153,86 (half up)
        ({"aandeel": 50}, 15386),
        # × 0,992665 = 152,726 -> 152,73
        ({"aandeel": 50, "horizon": 18}, 15273),
        # × 0,978157 = 150,494 -> 150,49
        ({"aandeel": 50, "horizon": 36}, 15049),
        # the client died: avoided care counts nothing; own work still counts
        ({"aandeel": 50, "afsluitreden": "overleden"}, 0),
        # 12 × 34,19 × 75% × 100% = 307,71
        ({}, 30771),
    ],
)
def test_attribution_horizon_and_closure_to_the_cent(tmp_path, mini_template, mini, casus, baten):
    bc = bc_of(
        tmp_path,
        mini_template,
        mini,
        c={"casus": casus, "inzet": [("INZ-SW-01", 10, "x")], "vermeden": [("ZVW-HA-01", 12, 75, "x")]},
    )
    assert (bc.totalen["kosten"], bc.totalen["baten"]) == (70890, baten)  # 10 × 70,89
    line = bc.regels[bc.regels.regelsoort == "vermeden"].iloc[0]
    assert (int(line.aandeel), int(line.horizon)) == (casus.get("aandeel", 100), casus.get("horizon", 12))


def test_discount_rate_zero_only_spreads(tmp_path, mini_template, mini):
    case = {"casus": {"horizon": 36}, "inzet": [("INZ-SW-01", 1, "x")], "vermeden": [("ZVW-HA-01", 12, 75, "x")]}
    assert bc_of(tmp_path, mini_template, mini, c=case).totalen["baten"] == 30099  # 307,71 × 0,978157 = 300,99
    assert bc_of(tmp_path, mini_template, mini, Decimal(0), c=case).totalen["baten"] == 30771


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


def test_perspectives_by_hand(tmp_path, real):
    """Own work 10 h × 90,92 = 909,20 (gemeente) and 20 volunteer hours × 20,82 = 416,40 (shadow price);
    avoided: 6 GP visits × 34,19 × 75% = 153,86 (zorgverzekeraar), 3 months of bijstand × 1.326,11 × 50% =
    1.989,17 (gemeente, a transfer), 10 hours of informal care × 20,82 × 50% = 104,10 (burger)."""
    from rendementsmeter import write_template

    template = write_template(tmp_path / "t.xlsx", real)
    bc = bc_of(
        tmp_path,
        template,
        real,
        p={
            "inzet": [("INZ-SW-01", 10, "x"), ("INZ-VW-01", 20, "x")],
            "vermeden": [("ZVW-HA-01", 6, 75, "x"), ("PW-BIJ-01", 3, 50, "x"), ("MZ-01", 10, 50, "x")],
        },
    )
    ps = bc.perspectieven
    m = ps.maatschappelijk
    # societal: all real costs (incl. volunteers), benefits without the transfer, incl. the citizen's
    assert (m.kosten_cent, m.baten_cent, m.netto_cent, m.rendement) == (132560, 25796, -106764, 0.1946)
    assert m.omslagpunt == 0.0  # netto is already below 0
    fin = {p.wie: (p.kosten_cent, p.baten_cent, p.netto_cent, p.rendement) for p in ps.financieel}
    assert fin == {"gemeente": (90920, 198917, 107997, 2.1878), "zorgverzekeraar": (0, 15386, 15386, None)}
    gemeente = ps.financieel[0]
    assert gemeente.omslagpunt == 0.5429  # 1 - 909,20 / 1.989,17
    t = ps.financieel_totaal
    assert (t.kosten_cent, t.baten_cent, t.netto_cent) == (90920, 214303, 123383)
    assert (ps.geen_budget_baten_cent, ps.schaduwprijs_cent, ps.overdrachten_cent) == (10410, 41640, 198917)
    data = bc.to_dict()["perspectieven"]
    assert data["maatschappelijk"] == {
        "kosten": 1325.6,
        "baten": 257.96,
        "netto": -1067.64,
        "rendement": 0.1946,
        "omslagpunt": 0.0,
    }
    assert data["financieel"]["zorgverzekeraar"]["rendement"] is None
    assert (data["schaduwprijs"], data["overdrachten"], data["buiten_begrotingen"]["baten"]) == (416.4, 1989.17, 104.1)


def test_no_own_work_gives_a_ratio_of_nvt(tmp_path, mini_template, mini):
    bc = bc_of(tmp_path, mini_template, mini, g={"inzet": [], "vermeden": [("ZVW-HA-01", 2, 50, "x")]})
    assert [f.code for r in bc.resultaten for f in r.findings] == ["geen-eigen-inzet"]
    assert bc.to_dict()["per_casus"][0]["rendement"] is None
    assert bc.perspectieven.maatschappelijk.rendement is None


def test_sensitivity_without_uncertain_closures_and_without_discounting(tmp_path, mini_template, mini):
    bc = bc_of(
        tmp_path,
        mini_template,
        mini,
        a={
            "casus": {"aandeel": 50, "horizon": 36},
            "inzet": [("INZ-SW-01", 10, "x")],
            "vermeden": [("ZVW-HA-01", 12, 75, "x")],
        },  # 708,90; 150,49 (see above)
        b={
            "casus": {"afsluitreden": "verhuisd"},
            "inzet": [("INZ-SW-01", 2, "x")],
            "vermeden": [("ZVW-HA-01", 4, 50, "x")],
        },  # 141,78; 4 × 34,19 × 50% = 68,38
    )
    table = {s.naam: (s.kosten_cent, s.baten_cent) for s in bc.gevoeligheid}
    assert table["Basis"] == (85068, 21887)
    assert table["Zonder verhuisd of gestopt"] == (70890, 15049)
    assert table["Zonder discontering"] == (85068, 15386 + 6838)
    # 12 × 34,19 × 50% × 50% × 0,978157 = 100,33; 4 × 34,19 × 25% = 34,19
    assert table["Kans een klasse lager"] == (85068, 10033 + 3419)


def test_cli_discontovoet(tmp_path, mini_template, mini_files):
    import json

    from click.testing import CliRunner

    from rendementsmeter.cli import main

    pl_csv, _ = mini_files
    case = {"casus": {"horizon": 36}, "inzet": [("INZ-SW-01", 1, "x")], "vermeden": [("ZVW-HA-01", 12, 75, "x")]}
    make_case(mini_template, tmp_path / "c" / "h.xlsx", **case)
    args = ["businesscase", str(tmp_path / "c"), "--json", "--stil", "--prijslijst", str(pl_csv)]

    def baten(*extra):
        result = CliRunner().invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["baten"]

    # 307,71 × 0,978157 = 300,99 at 2,25%; 307,71 undiscounted; at 5%: (1 + 1/1,05 + 1/1,05²) / 3 = 0,953137
    assert (baten(), baten("--discontovoet", "0"), baten("--discontovoet", "5")) == (300.99, 307.71, 293.29)
