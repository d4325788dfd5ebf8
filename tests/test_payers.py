"""Who pays, who benefits, and staff time saved, on the hand-computed pool of tests/test_patterns.py.

Costs by financier: gemeente 10800 (all own work, and the Wgs trajectory in A1), zorgverzekeraar 200
(the GP consults added in O5). Benefits: gemeente 16500 (day care 13500 + social assistance 3000, a
transfer), zorgverzekeraar 1400, politie 200, woningcorporatie 5000, burger 100 (mantelzorg).
O5 costs 800 (gemeente) + 200 (zorgverzekeraar): its 400 of avoided GP care is split 320 / 80.

Hours of avoided lines (uren_per_eenheid × aantal × kans / 100):
  huisartsenzorg 0,25 × (10×50% + 20×50% + 5 + 10 + 10×50%) = 1,25 + 2,5 + 1,25 + 2,5 + 1,25 = 8,75 (5 cases)
  politie 1 × 4 × 50% = 2 (O4); mantelzorg 1 × 10 × 50% = 5 (O4, not staff)
  added by referral: huisartsenzorg 0,25 × 5 = 1,25 (O5)
Coverage: benefits of items with hours 1400 + 200 + 100 = 1700 of 23200 = 7,33%.
"""

import json
from decimal import Decimal

import pytest
from test_patterns import pool_businesscase

from rendementsmeter.analysis.payer_cells import _split
from rendementsmeter.analysis.payers import ZONDER_KOSTEN, arbeidsmarkt, investeerder_baathebber, per_groep


@pytest.fixture(scope="module")
def bc(tmp_path_factory):
    return pool_businesscase(tmp_path_factory)


def test_split_keeps_every_cent():
    assert _split(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert _split(40000, {"gemeente": 80000, "zorgverzekeraar": 20000}) == {"gemeente": 32000, "zorgverzekeraar": 8000}
    assert _split(1, {"gemeente": 2, "zorgverzekeraar": 1}) == {"gemeente": 1, "zorgverzekeraar": 0}
    assert sum(_split(99999, {"a": 3, "b": 7, "c": 11}).values()) == 99999


def test_matrix_of_investors_and_beneficiaries(bc):
    ib = investeerder_baathebber(bc, min_groep=1)
    assert ib.investeerders == ["gemeente", "zorgverzekeraar"]
    assert ib.baathebbers == ["gemeente", "zorgverzekeraar", "politie", "woningcorporatie", "burger"]
    assert {k: (c.bedrag_cent, c.casussen) for k, c in ib.kosten.items()} == {
        "gemeente": (1080000, 8),
        "zorgverzekeraar": (20000, 1),
    }
    assert {k: (c.bedrag_cent, c.casussen) for k, c in ib.cellen.items()} == {
        ("gemeente", "gemeente"): (1650000, 5),
        ("gemeente", "zorgverzekeraar"): (132000, 5),
        ("zorgverzekeraar", "zorgverzekeraar"): (8000, 1),
        ("gemeente", "politie"): (20000, 1),
        ("gemeente", "burger"): (10000, 1),
        ("gemeente", "woningcorporatie"): (500000, 1),
    }
    assert {k: c.bedrag_cent for k, c in ib.rijen.items()} == {"gemeente": 2312000, "zorgverzekeraar": 8000}
    # columns add up to the benefits per financier of the business case, rows to the total benefits
    assert {k: c.bedrag_cent for k, c in ib.baten.items()} == bc.per_financier["baten_cent"][lambda s: s > 0].to_dict()
    assert sum(c.bedrag_cent for c in ib.rijen.values()) == bc.totalen["baten"]


def test_municipality_net_result_stated_apart(bc):
    ib = investeerder_baathebber(bc)
    assert (ib.gemeente_kosten_cent, ib.gemeente_baten_cent, ib.gemeente_overdrachten_cent) == (
        1080000,
        1650000,
        300000,
    )
    assert (ib.gemeente_netto_cent, ib.gemeente_netto_zonder_overdrachten_cent) == (570000, 270000)
    assert ib.to_dict()["gemeente"] == {
        "kosten": 10800.0,
        "baten": 16500.0,
        "waarvan_overdrachten": 3000.0,
        "netto": 5700.0,
        "netto_zonder_overdrachten": 2700.0,
        "aandeel_van_alle_baten": 0.7112,
        "terugverdiend_per_euro": 1.5278,
    }


def test_matrix_json_shows_every_budget(bc):
    # amounts per financier are budgets, not persons: shown even when fewer than 5 cases are behind them
    d = investeerder_baathebber(bc).to_dict()
    assert d["matrix"] == {
        "gemeente": {
            "kosten": 10800.0,
            "baten": {
                "gemeente": 16500.0,
                "zorgverzekeraar": 1320.0,
                "politie": 200.0,
                "woningcorporatie": 5000.0,
                "burger": 100.0,
            },
            "baten_totaal": 23120.0,
            "rendement": 2.1407,
        },
        "zorgverzekeraar": {
            "kosten": 200.0,
            "baten": {"zorgverzekeraar": 80.0},
            "baten_totaal": 80.0,
            "rendement": 0.4,
        },
    }
    assert d["baten_per_financier"] == {
        "gemeente": 16500.0,
        "zorgverzekeraar": 1400.0,
        "politie": 200.0,
        "woningcorporatie": 5000.0,
        "burger": 100.0,
    }
    assert json.loads(json.dumps(d)) == d
    assert investeerder_baathebber(bc, min_groep=9).to_dict() == {"casussen": "<9"}


def test_benefits_of_cases_without_costs_have_their_own_row(bc):
    lines = bc.regels
    a2 = lines["casusnummer"] == "A2"
    bc.regels = lines[~(a2 & (lines["regelsoort"] == "inzet"))]
    try:
        ib = investeerder_baathebber(bc, min_groep=1)
    finally:
        bc.regels = lines
    assert ib.investeerders == ["gemeente", "zorgverzekeraar", ZONDER_KOSTEN]
    assert (ib.rijen[ZONDER_KOSTEN].bedrag_cent, ib.rijen[ZONDER_KOSTEN].casussen) == (300000, 1)
    assert ib.to_dict()["matrix"][ZONDER_KOSTEN]["kosten"] == 0.0


def test_hours_and_fte_per_sector(bc):
    am = arbeidsmarkt(bc, uren_per_fte=10, min_groep=1)
    assert [(s.sector, s.uren, s.uren_ingezet, s.casussen, s.personeel) for s in am.sectoren] == [
        ("huisartsenzorg", Decimal("8.75"), Decimal("1.25"), 5, True),
        ("mantelzorg", Decimal("5.0"), Decimal(0), 1, False),
        ("politie", Decimal("2.0"), Decimal(0), 1, True),
    ]
    d = am.to_dict()
    assert d["per_sector"]["huisartsenzorg"] == {
        "uren": 8.8,
        "fte": 0.88,  # 8,75 / 10
        "casussen": 5,
        "uren_ingezet": 1.3,
        "personeel": True,
    }
    assert d["per_sector"]["politie"] == {
        "uren": 2.0,
        "fte": 0.2,
        "casussen": 1,
        "uren_ingezet": 0.0,
        "personeel": True,
    }
    # mantelzorg is not staff time: 8,75 + 2 = 10,75 hours, 1,075 -> 1,08 fte
    assert d["personeel_totaal"] == {"uren": 10.8, "fte": 1.08, "casussen": 6}
    assert (d["dekking"], d["baten_met_uren"], d["baten"]) == (0.0733, 1700.0, 23200.0)


def test_default_hours_per_fte_and_suppression(bc):
    d = arbeidsmarkt(bc).to_dict()
    assert d["uren_per_fte"] == 1500.0
    assert d["per_sector"] == {
        "huisartsenzorg": {"uren": 8.8, "fte": 0.01, "casussen": 5, "uren_ingezet": 1.3, "personeel": True},
        # sectors are services, not client groups: shown with one case too
        "mantelzorg": {"uren": 5.0, "fte": 0.0, "casussen": 1, "uren_ingezet": 0.0, "personeel": False},
        "politie": {"uren": 2.0, "fte": 0.0, "casussen": 1, "uren_ingezet": 0.0, "personeel": True},
    }
    assert d["personeel_totaal"] == {"uren": 10.8, "fte": 0.01, "casussen": 6}
    # items without hours are listed, never guessed; small ones without their value
    assert d["posten_zonder_uren"] == [
        {"code": "WMO-DB-01", "omschrijving": "Dagbesteding", "sector": "sociaal domein", "casussen": "<5"},
        {"code": "WON-ONT-01", "omschrijving": "Huisuitzetting", "sector": "wonen", "casussen": "<5"},
        {"code": "PW-BIJ-01", "omschrijving": "Bijstand", "sector": "inkomen", "casussen": "<5"},
    ]
    assert arbeidsmarkt(bc, min_groep=4).to_dict()["posten_zonder_uren"][0] == {
        "code": "WMO-DB-01",
        "omschrijving": "Dagbesteding",
        "sector": "sociaal domein",
        "casussen": 4,
        "baten": 13500.0,
    }
    assert json.loads(json.dumps(d)) == d
    with pytest.raises(ValueError):
        arbeidsmarkt(bc, uren_per_fte=0)


def test_costs_and_benefits_per_law_with_case_counts(bc):
    groups = {
        k: ((c.bedrag_cent, c.casussen), (b.bedrag_cent, b.casussen)) for k, (c, b) in per_groep(bc, "wet").items()
    }
    assert groups == {
        "Wmo 2015": ((930000, 8), (1350000, 4)),
        "Participatiewet": ((0, 0), (300000, 1)),
        "Wgs": ((150000, 1), (0, 0)),
        "Zvw": ((20000, 1), (140000, 5)),
        "Justitie": ((0, 0), (20000, 1)),
        "Wonen": ((0, 0), (500000, 1)),
        "Overig": ((0, 0), (10000, 1)),
    }
    fin = per_groep(bc, "financier")
    assert {k: (c.bedrag_cent, b.bedrag_cent) for k, (c, b) in fin.items()} == {
        k: (r.kosten_cent, r.baten_cent) for k, r in bc.per_financier.iterrows()
    }
