"""Honest numbers: Monte Carlo interval, sensitivity scenarios, evidence grades, re-pricing.

Uses the hand-computed three-case business case of tests/test_businesscase.py (prijspeil 2025):
avoided lines A: ZVW-HA-01 6 × 34.19 × 75% = 153.86 (grade A)
             B: WON-ONT-01 1 × 10764.80 × 50% = 5382.40 (grade B, range 5000-10000 at 2015 prices)
             C: PW-BIJ-01 6 × 1326.11 × 75% = 5967.50 (grade A, transfer); ZVW-HA-01 2.5 × 34.19 × 50% = 42.74
kosten 5074.40, baten 11546.50.
"""

from decimal import Decimal

import pytest

from rendementsmeter import build_businesscase, load_prijslijst, read_cases
from rendementsmeter.analysis.sensitivity import kans_lager, per_betrouwbaarheid, scenarios, vergelijk
from rendementsmeter.analysis.uncertainty import simulate

from conftest import VANDAAG

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.fixture
def bc(three):
    pl, cases, _ = three
    return build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)


def test_scenarios_hand_computed(bc):
    table = {s.naam: (s.kosten_cent, s.baten_cent, s.rendement) for s in scenarios(bc)}
    assert table == {
        "Basis": (507440, 1154650, 2.2754),
        # 6×34.19×50% = 102.57; 10764.80×25% = 2691.20; 7956.66×50% = 3978.33; 85.475×25% = 21.37
        "Kans een klasse lager": (507440, 679347, 1.3388),
        # the most valuable case (C: baten 6010.24, kosten 1125.00) left out
        "Zonder de 10% meest waardevolle casussen": (394940, 553626, 1.4018),
        "Maatschappelijk perspectief": (507440, 557900, 1.0994),
        # WON-ONT-01 low 5000 × 1.3456 = 6728.00 × 50% = 3364.00; high 13456.00 × 50% = 6728.00
        "Lage prijzen": (507440, 952810, 1.8777),
        "Hoge prijzen": (507440, 1289210, 2.5406),
        # grade B line 5382.40 × (1 - 20%) = 4305.92
        "Correctie voor optimisme": (507440, 1047002, 2.0633),
        # no line here rests on a C-grade price: as Basis
        "Zonder C-prijzen": (507440, 1154650, 2.2754),
    }


def test_optimism_haircut_is_overridable(bc):
    table = {s.naam: s.baten_cent for s in scenarios(bc, correctie={"A": Decimal("0.10")})}
    # A lines 153.86, 5967.50, 42.74 × 90% = 138.47 + 5370.75 + 38.47; B 4305.92
    assert table["Correctie voor optimisme"] == 13847 + 537075 + 3847 + 430592


@pytest.mark.parametrize("kans, lager", [(100, 90), (90, 75), (75, 50), (60, 50), (50, 25), (25, 10), (10, 0), (0, 0)])
def test_kans_one_class_lower(kans, lager):
    assert kans_lager(kans) == lager


def test_share_per_evidence_grade(bc):
    assert per_betrouwbaarheid(bc) == {
        "A": {"baten": 6164.10, "aandeel": 0.5339},
        "B": {"baten": 5382.40, "aandeel": 0.4661},
        "C": {"baten": 0.0, "aandeel": 0.0},
    }


def test_interval_contains_point_estimate_and_is_reproducible(bc):
    one = simulate(bc.regels, bc.prijslijst, draws=10_000, seed=7)
    two = simulate(bc.regels, bc.prijslijst, draws=10_000, seed=7)
    assert one == two
    m = bc.perspectieven.maatschappelijk  # the societal view: no transfer (PW-BIJ-01)
    assert (m.baten_cent, m.kosten_cent) == (557900, 507440)
    assert one.baten.p5 <= 5579.00 <= one.baten.p95
    assert one.kosten.p5 < 5074.40 < one.kosten.p95  # own work (grade C) is drawn on the cost side too
    assert one.rendement.p5 <= 1.0994 <= one.rendement.p95
    assert one.baten.p5 < one.baten.p50 < one.baten.p95
    # WON-ONT-01 (range), INZ-SW-01 (own work), WGS-SHV-01 (grade C); ZVW-HA-01 (grade A) is not drawn
    assert one.prijzen_getrokken == 3
    assert simulate(bc.regels, bc.prijslijst, draws=10_000, seed=8) != one


def test_interval_collapses_when_every_kans_is_100_and_nothing_is_shared(bc):
    regels = bc.regels.copy()
    regels["kans"] = 100
    sim = simulate(regels, bc.prijslijst, draws=2_000, prijzen=False, gedeeld=False)
    # societal: 6 × 34.19 + 10764.80 + 2.5 × 34.19 = 11055.415 (the bijstand is a transfer)
    assert sim.baten.p5 == sim.baten.p50 == sim.baten.p95 == 11055.42
    assert sim.rendement.p5 == sim.rendement.p95 == round(11055.415 / 5074.40, 4)


def test_cloned_cases_keep_most_of_the_interval(bc):
    """A bias shared by every worker does not average out: ten copies of the same cases keep more than 60%
    of the relative width of the ratio's interval (with independent draws only, about 30% would remain)."""
    import pandas as pd

    from rendementsmeter import businesscase

    examples = businesscase([ROOT / "cases" / "voorbeeld"], load_prijslijst())
    clones = pd.concat([examples.regels.assign(pad=examples.regels.pad + f"#{i}") for i in range(10)])
    one = simulate(examples.regels, examples.prijslijst)
    ten = simulate(clones, examples.prijslijst)
    kept = ten.rendement.relatieve_breedte / one.rendement.relatieve_breedte
    assert kept > 0.6
    alone = [simulate(r, examples.prijslijst, gedeeld=False, prijzen=False) for r in (examples.regels, clones)]
    assert alone[1].rendement.relatieve_breedte / alone[0].rendement.relatieve_breedte < 0.4


def test_reprice_at_other_price_level(bc):
    comparison = vergelijk(bc, prijspeil=2024)
    rows = {name: (now, other) for name, now, other in comparison.rijen}
    # INZ-SW-01 own tariff 75.00 (2025) at 2024: 75 × 130.27 / 134.56 = 72.61; 47 hours = 3412.67
    assert rows["kosten_inzet"] == (3525.00, 3412.67)
    assert comparison.to_dict()["totalen"][0] == {
        "totaal": "kosten_inzet",
        "nu": 3525.0,
        "ander": 3412.67,
        "verschil": -112.33,
    }
    assert comparison.ontbrekend == []


def test_reprice_with_other_price_list_reports_missing_codes(bc, mini_files):
    base, cpi = mini_files
    old = base.parent / "oud.csv"
    old.write_text(
        "\n".join(line for line in base.read_text(encoding="utf-8").splitlines() if not line.startswith("WGS-SHV-01"))
        + "\n",
        encoding="utf-8",
    )
    other = load_prijslijst([old], cpi=cpi, standaard=False)
    comparison = vergelijk(bc, other)
    rows = {name: (now, other_value) for name, now, other_value in comparison.rijen}
    assert comparison.ontbrekend == ["WGS-SHV-01"]
    # own tariff 75.00 is not in the old list: INZ-SW-01 at 64.00 (2022) -> 70.89 × 47 = 3331.83
    assert rows["kosten_inzet"] == (3525.00, 3331.83)
    assert rows["kosten_ingezette_zorg"] == (1549.40, 0.0)


def test_normal_approximation_for_large_pools_matches_simulation(bc, monkeypatch):
    import pandas as pd

    big = pd.concat([bc.regels] * 3000, ignore_index=True)  # 24,000 lines, 12,000 avoided
    exact = simulate(big, bc.prijslijst, draws=2_000)
    monkeypatch.setattr("rendementsmeter.analysis.uncertainty.NORMAL_ABOVE", 1_000)
    approx = simulate(big, bc.prijslijst, draws=2_000)
    # societal point estimate 3000 × 5579.00 = 16,737,000; the shared factors are the same draws in both
    for a, b in (
        (exact.baten.p5, approx.baten.p5),
        (exact.baten.p50, approx.baten.p50),
        (exact.baten.p95, approx.baten.p95),
    ):
        assert abs(a - b) / 16_737_000 < 0.01
    assert approx.baten.p5 < 16_737_000 < approx.baten.p95


def test_cli_optimism_option_and_comparison(three):
    import json

    from click.testing import CliRunner

    from rendementsmeter.cli import main

    _, cases, own = three
    mini_csv = cases.parent / "mini.csv"
    args = ["businesscase", str(cases), "--prijslijst", str(mini_csv), "--prijslijst", str(own), "--json"]
    result = CliRunner().invoke(main, [*args, "--optimisme", "A=10,B=20", "--vergelijk-prijspeil", "2024"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    scen = {g["scenario"]: g["baten"] for g in data["gevoeligheid"]}
    # A lines 138.47 + 5370.75 + 38.47 and the B line 4305.92 (see test_optimism_haircut_is_overridable)
    assert scen["Correctie voor optimisme"] == 9853.61
    assert data["vergelijking"][0]["totalen"][0] == {"totaal": "kosten_inzet", "nu": 3525.0, "ander": 3412.67,
                                                     "verschil": -112.33}  # fmt: skip
    assert set(data["onzekerheid"]) == {
        "perspectief", "baten", "kosten", "netto", "rendement", "omslagpunt", "trekkingen", "seed", "aannames",
    }  # fmt: skip
    assert data["onzekerheid"]["perspectief"] == "maatschappelijk"
    assert (
        data["onzekerheid"]["omslagpunt"] == data["perspectieven"]["maatschappelijk"]["omslagpunt"] == 0.0904
    )  # 1 - 5074,40 / 5579,00
    bad = CliRunner().invoke(main, [*args, "--optimisme", "B=120"])
    assert bad.exit_code == 2
