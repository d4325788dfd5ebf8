"""Patterns across cases, checked on a small hand-computed pool of 8 cases.

Price list of the pool: every price at price year 2025 = price level, so a line is aantal × prijs (× kans/100).
  INZ-SW-01 100.00/uur, INZ-VW-01 20.00/uur (own work, gemeente)
  ZVW-HA-01 40.00/contact, 0,25 uur (zorgverzekeraar)   WMO-DB-01 50.00/dagdeel, no hours (gemeente)
  JUS-POL-01 100.00/uur, 1 uur (politie)                PW-BIJ-01 1000.00/maand, a transfer (gemeente)
  WON-ONT-01 10000.00 (woningcorporatie)                WGS-SHV-01 1500.00 (gemeente)
  MZ-01 20.00/uur, 1 uur, mantelzorg (burger)

case team  end         own work          added        avoided                                   costs  benefits    net
O1   Noord 2026-01-15  SW 10             -            HA 10@50%=200, DB 20@50%=500              1000      700    -300
O2   Noord 2026-02-10  SW 10, VW 10      -            HA 20@50%=400, DB 40@50%=1000             1200     1400     200
O3   Noord 2026-03-05  SW 5              -            HA 5@100%=200                              500      200    -300
O4   Noord 2026-04-20  SW 10, VW 5       -            DB 40@100%=2000, POL 4@50%=200, MZ 10@50%=100   1100   2300    1200
O5   Zuid  2026-02-01  SW 8              HA 5 = 200   HA 10@100%=400                             1000      400    -600
O6   Zuid  2026-05-01  SW 10, VW 10      -            DB 200@100%=10000, HA 10@50%=200           1200    10200    9000
A1   Noord 2026-05-12  SW 20             WGS 1 = 1500 WON 1@50%=5000                             3500     5000    1500
A2   Zuid  2026-06-30  SW 15             -            PW 6@50%=3000 (transfer)                   1500     3000    1500
O* are domain ouderen/eenzaamheid (6 cases), A* armoede/schulden (2 cases). Totals: costs 11000, benefits 23200.
"""

import json
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.analysis.disclosure import OVERIGE_DOMEINEN, domeingroepen, onderdrukt
from rendementsmeter.analysis.patterns import patronen
from rendementsmeter.analysis.stats import Klasse, kwantiel, verdeling

from conftest import VANDAAG, make_case

POOL_CSV = textwrap.dedent("""\
    code,omschrijving,wet,financier,eenheid,prijs,prijsjaar,bron,uren_per_eenheid,sector,overdracht,soort,betrouwbaarheid,prijs_laag,prijs_hoog
    INZ-SW-01,Sociaal werker,Wmo 2015,gemeente,per uur,100.00,2025,test <b>bron</b> & co,1,sociaal werk,nee,inzet,C,,
    INZ-VW-01,Vrijwilliger,Wmo 2015,gemeente,per uur,20.00,2025,test,1,sociaal werk,nee,inzet,C,,
    ZVW-HA-01,"Huisarts, consult",Zvw,zorgverzekeraar,per contact,40.00,2025,test,0.25,huisartsenzorg,nee,zorg,A,,
    WMO-DB-01,Dagbesteding,Wmo 2015,gemeente,per dagdeel,50.00,2025,test,,sociaal domein,nee,zorg,B,,
    JUS-POL-01,Politie-inzet,Justitie,politie,per uur,100.00,2025,test,1,politie,nee,zorg,B,,
    PW-BIJ-01,Bijstand,Participatiewet,gemeente,per maand,1000.00,2025,test,,inkomen,ja,zorg,A,,
    WON-ONT-01,Huisuitzetting,Wonen,woningcorporatie,per gebeurtenis,10000.00,2025,test,,wonen,nee,zorg,B,,
    WGS-SHV-01,Schuldhulpverleningstraject,Wgs,gemeente,per traject,1500.00,2025,test,,schuldhulpverlening,nee,zorg,C,,
    MZ-01,Mantelzorg,Overig,burger,per uur,20.00,2025,test,1,mantelzorg,nee,zorg,A,,
    """)
POOL_CPI = "jaar,cpi,bron\n2024,98.00,test\n2025,100.00,test\n"

OUD, ARM = "ouderen/eenzaamheid", "armoede/schulden"
POOL = [
    # name, domain, team, end date, life domains, own work, added care, avoided care
    ("o1", OUD, "Noord", "2026-01-15", "sociaal netwerk", [("INZ-SW-01", 10)], [], [("ZVW-HA-01", 10, 50), ("WMO-DB-01", 20, 50)]),
    ("o2", OUD, "Noord", "2026-02-10", "sociaal netwerk, lichamelijke gezondheid", [("INZ-SW-01", 10), ("INZ-VW-01", 10)], [],
     [("ZVW-HA-01", 20, 50), ("WMO-DB-01", 40, 50)]),
    ("o3", OUD, "Noord", "2026-03-05", "sociaal netwerk", [("INZ-SW-01", 5)], [], [("ZVW-HA-01", 5, 100)]),
    ("o4", OUD, "Noord", "2026-04-20", "sociaal netwerk", [("INZ-SW-01", 10), ("INZ-VW-01", 5)], [],
     [("WMO-DB-01", 40, 100), ("JUS-POL-01", 4, 50), ("MZ-01", 10, 50)]),
    ("o5", OUD, "Zuid", "2026-02-01", "sociaal netwerk, lichamelijke gezondheid", [("INZ-SW-01", 8)], [("ZVW-HA-01", 5)],
     [("ZVW-HA-01", 10, 100)]),
    ("o6", OUD, "Zuid", "2026-05-01", "sociaal netwerk", [("INZ-SW-01", 10), ("INZ-VW-01", 10)], [],
     [("WMO-DB-01", 200, 100), ("ZVW-HA-01", 10, 50)]),
    ("a1", ARM, "Noord", "2026-05-12", "financiën, huisvesting", [("INZ-SW-01", 20)], [("WGS-SHV-01", 1)], [("WON-ONT-01", 1, 50)]),
    ("a2", ARM, "Zuid", "2026-06-30", None, [("INZ-SW-01", 15)], [], [("PW-BIJ-01", 6, 50)]),
]  # fmt: skip


def build_pool(base: Path):
    """Write the pool's price list, template and 8 case files under `base` once; return (prijslijst, folder)."""
    from datetime import date

    pl_path, cpi_path, cases = base / "pool.csv", base / "cpi.csv", base / "casussen"
    if not (base / "klaar").exists():
        base.mkdir(parents=True, exist_ok=True)
        pl_path.write_text(POOL_CSV, encoding="utf-8")
        cpi_path.write_text(POOL_CPI, encoding="utf-8")
        pl = load_prijslijst([pl_path], cpi=cpi_path, standaard=False)
        template = write_template(base / "sjabloon.xlsx", pl)
        cases.mkdir()
        for name, domein, team, end, leef, own, added, avoided in POOL:
            make_case(
                template,
                cases / f"{name}.xlsx",
                {
                    "casusnummer": name.upper(),
                    "domein": domein,
                    "team": team,
                    "einddatum": date.fromisoformat(end),
                    "leefgebieden": leef,
                },
                inzet=[(c, n, "inzet") for c, n in own],
                ingezet=[(c, n, "doorverwezen") for c, n in added],
                vermeden=[(c, n, k, "toelichting") for c, n, k in avoided],
            )
        (base / "klaar").write_text("ja", encoding="utf-8")
    return load_prijslijst([pl_path], cpi=cpi_path, standaard=False), cases


def pool_businesscase(tmp_path_factory):
    pl, cases = build_pool(tmp_path_factory.getbasetemp() / "pool")
    results = read_cases([cases], pl, vandaag=VANDAAG)
    assert [f.code for r in results for f in r.findings] == []
    return build_businesscase(results, pl)


@pytest.fixture(scope="module")
def bc(tmp_path_factory):
    return pool_businesscase(tmp_path_factory)


def test_pool_is_as_hand_computed(bc):
    per_case = {r.casusnummer: (r.kosten_cent, r.baten_cent, r.netto_cent) for r in bc.per_casus.itertuples()}
    assert per_case == {
        "O1": (100000, 70000, -30000),
        "O2": (120000, 140000, 20000),
        "O3": (50000, 20000, -30000),
        "O4": (110000, 230000, 120000),
        "O5": (100000, 40000, -60000),
        "O6": (120000, 1020000, 900000),
        "A1": (350000, 500000, 150000),
        "A2": (150000, 300000, 150000),
    }
    assert (bc.totalen["kosten"], bc.totalen["baten"]) == (1100000, 2320000)


def test_quantiles_interpolate_like_excel():
    assert kwantiel([-60000, -30000, -30000, 20000, 120000, 900000], Decimal("0.5")) == -5000
    assert kwantiel([-60000, -30000, -30000, 20000, 120000, 900000], Decimal("0.75")) == 95000
    assert kwantiel([1, 2, 3, 4], Decimal("0.25")) == Decimal("1.75")
    assert kwantiel([7], Decimal("0.75")) == 7
    with pytest.raises(ValueError):
        kwantiel([], Decimal("0.5"))


def test_group_figures_per_domain(bc):
    pat = patronen(bc, min_groep=2)  # both domains large enough to stand alone
    ouderen, armoede = pat.per_domein
    assert (ouderen.naam, ouderen.casussen, armoede.naam, armoede.casussen) == (OUD, 6, ARM, 2)
    assert (ouderen.kosten_cent, ouderen.baten_cent, ouderen.netto_cent, ouderen.rendement) == (
        600000,
        1520000,
        920000,
        2.5333,
    )
    # nets -600 -300 -300 200 1200 9000: median (-300 + 200) / 2, P25 at position 1.25, P75 at 3.75
    assert (ouderen.mediaan_netto_cent, ouderen.p25_netto_cent, ouderen.p75_netto_cent) == (-5000, -30000, 95000)
    assert ouderen.iqr_netto_cent == 125000
    assert [(p.code, p.casussen, p.baten_cent, p.aandeel) for p in ouderen.top_aantal] == [
        ("ZVW-HA-01", 5, 140000, 0.0921),
        ("WMO-DB-01", 4, 1350000, 0.8882),
        ("JUS-POL-01", 1, 20000, 0.0132),
        ("MZ-01", 1, 10000, 0.0066),
    ]
    assert [p.code for p in ouderen.top_waarde] == ["WMO-DB-01", "ZVW-HA-01", "JUS-POL-01", "MZ-01"]
    # one item alone is 88.8% of the domain's benefits
    assert ([p.code for p in ouderen.pareto], ouderen.pareto_aandeel) == (["WMO-DB-01"], 0.8882)


def test_pareto_over_all_cases_stops_at_80_percent(bc):
    alle = patronen(bc).alle
    # 13500 + 5000 = 18500 is 79.7% of 23200: one more item is needed
    assert [(p.code, p.baten_cent) for p in alle.pareto] == [
        ("WMO-DB-01", 1350000),
        ("WON-ONT-01", 500000),
        ("PW-BIJ-01", 300000),
    ]
    assert alle.pareto_aandeel == 0.9267
    assert (alle.casussen, alle.mediaan_netto_cent, alle.p25_netto_cent, alle.p75_netto_cent) == (
        8,
        70000,
        -30000,
        150000,
    )


def test_life_domains_count_a_case_in_each(bc):
    pat = patronen(bc, min_groep=1)
    groups = {g.naam: (g.casussen, g.baten_cent) for g in pat.per_leefgebied}
    assert groups == {
        "financiën": (1, 500000),
        "huisvesting": (1, 500000),
        "lichamelijke gezondheid": (2, 180000),
        "sociaal netwerk": (6, 1520000),
    }
    assert [g.naam for g in pat.per_leefgebied] == [
        "financiën",
        "huisvesting",
        "lichamelijke gezondheid",
        "sociaal netwerk",
    ]
    assert pat.zonder_leefgebied == 1


def test_co_occurrence_with_lift(bc):
    pairs = patronen(bc, min_groep=2).samen
    assert [(p.inzet, p.vermeden, p.casussen, p.support, p.confidence, p.lift) for p in pairs[OUD]] == [
        ("INZ-VW-01", "WMO-DB-01", 3, 0.5, 1.0, 1.5),  # 3 × 6 / (3 × 4)
        ("INZ-SW-01", "ZVW-HA-01", 5, 0.8333, 0.8333, 1.0),
        ("INZ-SW-01", "WMO-DB-01", 4, 0.6667, 0.6667, 1.0),
        ("INZ-VW-01", "ZVW-HA-01", 2, 0.3333, 0.6667, 0.8),  # 2 × 6 / (3 × 5)
    ]
    assert pairs[ARM] == []  # every pair occurs in one case only; added care (Wgs) is no own intervention


def test_trends_per_quarter_and_team(bc):
    pat = patronen(bc, min_groep=1)
    assert [
        (
            t.kwartaal,
            t.casussen,
            t.kosten_cent,
            t.baten_cent,
            t.baten_per_casus_cent,
            t.netto_per_casus_cent,
            t.rendement,
        )
        for t in pat.trend_kwartaal
    ] == [
        ("2026-Q1", 4, 370000, 270000, 67500, -25000, 0.7297),
        ("2026-Q2", 4, 730000, 2050000, 512500, 330000, 2.8082),
    ]
    noord = pat.trend_team["Noord"]
    assert [(t.kwartaal, t.casussen, t.baten_per_casus_cent, t.netto_per_casus_cent, t.rendement) for t in noord] == [
        ("2026-Q1", 3, 76667, -13333, 0.8519),
        ("2026-Q2", 2, 365000, 135000, 1.587),
    ]
    assert [(t.kwartaal, t.casussen) for t in pat.trend_team["Zuid"]] == [("2026-Q1", 1), ("2026-Q2", 2)]


def test_outlier_rule_median_and_scaled_mad(bc):
    u = patronen(bc).uitschieters
    # median 700; absolute deviations 1000 500 1000 500 1300 8300 800 800 -> MAD 900; × 1.4826 = 1334.34
    assert (u.methode, u.mediaan_cent, u.spreiding_cent, u.ondergrens_cent, u.bovengrens_cent) == (
        "MAD",
        70000,
        133434,
        -330302,
        470302,
    )
    assert [(x.casusnummer, x.richting, x.netto_cent) for x in u.gemarkeerd] == [("O6", "hoog", 900000)]
    assert u.gemarkeerd[0].reden == (
        "Netto € 9.000,00 ligt ver boven de rest (grens € 4.703,02 = mediaan € 700,00 + 3 × spreiding € 1.334,34). "
        "Controleer aantallen, kansen en toelichting van deze casus."
    )


def test_outlier_rule_falls_back_when_mad_is_zero_and_needs_five_cases():
    import pandas as pd

    from rendementsmeter.analysis.stats import uitschieters

    frame = pd.DataFrame(
        {"casusnummer": list("ABCDEF"), "pad": list("abcdef"), "netto_cent": [100, 100, 100, 100, 100, 10000]}
    )
    u = uitschieters(frame)
    # MAD = 0 -> mean absolute deviation 9900 / 6 = 1650 × 1.2533 = 2067.945 cents
    assert (u.methode, u.spreiding_cent, [x.casusnummer for x in u.gemarkeerd]) == (
        "gemiddelde absolute afwijking",
        2068,
        ["F"],
    )
    assert uitschieters(frame.iloc[:4]).to_dict() == {
        "regel": "niet toegepast: minder dan 5 casussen",
        "gemarkeerd": [],
    }


def test_distribution_never_drops_cases():
    nets = [-60000, -30000, -30000, 20000, 120000, 150000, 150000, 900000]
    # Sturges: 4 classes of (9600 / 4 -> round up to) € 2.500, from € -2.500; the empty € 2.500-7.500 is left
    # out (the bounds show the gap), the one case far above keeps its own class
    expected = [Klasse(-250000, 0, 3), Klasse(0, 250000, 4), Klasse(750000, 1000000, 1)]
    assert verdeling(nets, 1) == verdeling(nets, 5) == expected
    assert verdeling(nets, 9) == []  # fewer cases than min_groep in all: nothing
    assert verdeling([500, 500, 500], 1) == [Klasse(500, 500, 3)]


def test_distribution_has_three_classes_from_ten_cases():
    # 14 cases close together and one far away: Sturges gives one class for the 14; a narrower width is
    # tried until there are 3 classes
    nets = [10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000, 5000000]
    assert verdeling(nets) == [Klasse(10000, 15000, 5), Klasse(15000, 20000, 5), Klasse(5000000, 5005000, 1)]
    for n in range(10, 40):
        classes = verdeling([i * i * 1000 for i in range(n)])
        assert len(classes) >= 3 and sum(k.casussen for k in classes) == n


def test_small_groups_are_suppressed_in_the_json(bc):
    pat = patronen(bc)  # min_groep 5
    d = pat.to_dict()
    # armoede (2 cases) is merged with ouderen (6): every case is in a shown group, and ouderen is not
    # shown alone (that would reveal armoede by subtraction)
    samen = f"{OUD} en {ARM}"
    assert list(d["per_domein"]) == [samen]
    assert d["per_domein"][samen]["domeinen"] == [OUD, ARM]
    assert d["per_domein"][samen]["casussen"] == 8
    assert d["per_domein"][samen]["baten"] == 23200.0
    assert d["per_domein"][samen]["meest_vermeden"][:2] == [
        {"code": "ZVW-HA-01", "omschrijving": "Huisarts, consult", "casussen": 5, "baten": 1400.0, "aandeel": 0.0603},
        {"code": "WMO-DB-01", "omschrijving": "Dagbesteding", "casussen": "<5"},
    ]
    assert d["per_leefgebied"]["financiën"] == {"casussen": "<5"}
    assert d["zonder_leefgebied"] == "<5"
    paren = d["samen_met"][samen]["paren"]
    assert paren[0] == {"inzet": "INZ-VW-01", "vermeden": "WMO-DB-01", "casussen": "<5"}
    # social work in all 8 cases, GP care avoided in 5: lift 5 × 8 / (8 × 5)
    assert {"inzet": "INZ-SW-01", "vermeden": "ZVW-HA-01", "casussen": 5, "support": 0.625,
            "confidence": 0.625, "lift": 1.0} in paren  # fmt: skip
    assert d["trend"]["per_kwartaal"] == [
        {"kwartaal": "2026-Q1", "casussen": "<5"},
        {"kwartaal": "2026-Q2", "casussen": "<5"},
    ]
    assert sum(k["casussen"] for k in d["verdeling_netto"]) == 8
    # no value of a suppressed group anywhere: the armoede domain's benefits (€ 8.000) and A1's eviction
    text = json.dumps(d)
    assert "8000.0" not in text and "5000.0" not in text
    # a lower threshold shows the domains apart: the test can fail
    assert patronen(bc, min_groep=2).to_dict()["per_domein"][ARM]["baten"] == 8000.0


def test_to_dict_is_plain_json(bc):
    d = patronen(bc, min_groep=3).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["min_groep"] == 3
    assert d["uitschieters"]["gemarkeerd"][0]["casusnummer"] == "O6"
    assert set(d) == {
        "min_groep",
        "alle",
        "per_domein",
        "per_leefgebied",
        "zonder_leefgebied",
        "samen_met",
        "trend",
        "uitschieters",
        "verdeling_netto",
    }


def test_suppression_rule():
    assert [onderdrukt(n) for n in (0, 1, 4, 5, 6)] == [False, True, True, False, False]
    assert onderdrukt(9, min_groep=10)
    with pytest.raises(ValueError):
        patronen(None, min_groep=0)  # type: ignore[arg-type]


def test_example_cases_give_patterns():
    from rendementsmeter import businesscase

    bc = businesscase([Path(__file__).parents[1] / "cases" / "voorbeeld"], load_prijslijst(), vandaag=VANDAAG)
    d = patronen(bc).to_dict()
    assert d["alle"]["casussen"] == len(bc.per_casus)
    # 2-3 cases per domain: merged into groups of at least 5, every case in one
    assert all(v["casussen"] >= 5 for v in d["per_domein"].values())
    assert sum(v["casussen"] for v in d["per_domein"].values()) == len(bc.per_casus)


def test_domain_groups_merge_small_domains():
    five = {d: 3 for d in ("a", "b", "c", "d", "e")}
    groups = domeingroepen(five, 5)
    assert [(g.naam, g.casussen) for g in groups] == [("a en b", 6), ("c, d en e", 9)]
    assert [(g.naam, g.domeinen) for g in domeingroepen({"a": 12, "b": 2, "c": 4}, 5)] == [
        ("a", ("a",)),
        (OVERIGE_DOMEINEN, ("b", "c")),
    ]
    # a remainder too small for a group of its own joins the smallest domain
    assert [(g.naam, g.casussen) for g in domeingroepen({"a": 9, "b": 6, "c": 2}, 5)] == [("a", 9), ("b en c", 8)]
    # too few cases in all: nothing merged (everything is suppressed anyway)
    assert [g.casussen for g in domeingroepen({"a": 2, "b": 1}, 5)] == [2, 1]


def test_a_business_case_without_any_included_case_still_has_its_patterns_and_workbook(tmp_path):
    """Every file rejected, or a period that holds no case: no group, no crash; the workbook and JSON
    are still written (the command says no case was included and exits 1)."""
    from click.testing import CliRunner

    from rendementsmeter.cli import main
    from rendementsmeter.core.model import ReadResult

    pl = load_prijslijst()
    bc = build_businesscase([ReadResult.rejected("x.xlsx", "bestand-onleesbaar", "kapot")], pl)
    pat = bc.patronen
    assert pat.alle.casussen == 0 and pat.per_domein == [] and pat.per_leefgebied == [] and pat.samen == {}
    assert bc.investeerder_baathebber.casussen == 0
    voorbeeld = Path(__file__).parents[1] / "cases" / "voorbeeld"
    out = tmp_path / "leeg.xlsx"
    result = CliRunner().invoke(
        main, ["businesscase", str(voorbeeld), "-o", str(out), "--kwartaal", "2000-Q1", "--json"]
    )
    assert result.exit_code == 1, result.output
    assert out.exists() and json.loads(result.stdout)["casussen"] == 0
