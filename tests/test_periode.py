"""The reporting period: quarters, date ranges and splitting cases by Einddatum."""

from datetime import date

import pytest
from test_patterns import build_pool

from rendementsmeter import build_businesscase, read_cases
from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import AFGEWEZEN, Case, ReadResult
from rendementsmeter.core.periode import (
    Periode,
    PeriodeFout,
    kwartaal_grenzen,
    kwartaal_van,
    maak_periode,
    parse_datum,
    parse_kwartaal,
    splits,
)

from conftest import VANDAAG


@pytest.mark.parametrize("text", ["2026-Q3", "2026Q3", "2026 q3", "q3-2026", " 2026-q3 ", "2026/Q3"])
def test_quarter_spellings(text):
    assert parse_kwartaal(text) == Periode(date(2026, 7, 1), date(2026, 9, 30), "2026-Q3")


def test_quarter_bounds():
    assert kwartaal_grenzen(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert kwartaal_grenzen(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert kwartaal_grenzen(2026, 2) == (date(2026, 4, 1), date(2026, 6, 30))
    assert kwartaal_grenzen(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert [kwartaal_van(date(2026, m, 15)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [
        "2026-Q1",
        "2026-Q1",
        "2026-Q2",
        "2026-Q2",
        "2026-Q3",
        "2026-Q3",
        "2026-Q4",
        "2026-Q4",
    ]


@pytest.mark.parametrize("text", ["2026-Q5", "2026", "Q3", "derde kwartaal", "", "26-Q3"])
def test_bad_quarter_says_how_to_write_it(text):
    with pytest.raises(PeriodeFout) as e:
        parse_kwartaal(text)
    assert str(e.value) == f"Kwartaal '{text}' is niet te lezen; schrijf het als jaar-kwartaal, bijvoorbeeld 2026-Q3."


def test_dates_dutch_and_iso():
    assert parse_datum("01-07-2026") == date(2026, 7, 1)
    assert parse_datum("1-7-2026") == date(2026, 7, 1)
    assert parse_datum("01/07/2026") == date(2026, 7, 1)
    assert parse_datum("1.7.2026") == date(2026, 7, 1)
    assert parse_datum("2026-07-01") == date(2026, 7, 1)
    assert parse_datum(date(2026, 7, 1)) == date(2026, 7, 1)
    for bad in ("31-02-2026", "07-2026", "gisteren", "2026-13-01"):
        with pytest.raises(PeriodeFout) as e:
            parse_datum(bad)
        assert str(e.value) == f"Datum '{bad}' is niet te lezen; schrijf hem als dd-mm-jjjj (bijvoorbeeld 01-07-2026)."


def test_period_from_options():
    assert maak_periode() is None
    assert maak_periode(kwartaal="2026-Q3").label == "2026-Q3 (01-07-2026 t/m 30-09-2026)"
    assert maak_periode(van="01-03-2026", tot="31-05-2026") == Periode(date(2026, 3, 1), date(2026, 5, 31))
    assert maak_periode(van="01-03-2026", tot="31-05-2026").label == "01-03-2026 t/m 31-05-2026"
    # a date range that is exactly a quarter is named as one
    assert maak_periode(van="2026-04-01", tot="2026-06-30").label == "2026-Q2 (01-04-2026 t/m 30-06-2026)"
    assert maak_periode(van="01-03-2026").label == "vanaf 01-03-2026"
    assert maak_periode(tot="31-05-2026").label == "tot en met 31-05-2026"
    assert Periode().label == "alle casussen"
    with pytest.raises(PeriodeFout, match=r"^Gebruik --kwartaal óf --van/--tot, niet allebei\.$"):
        maak_periode(kwartaal="2026-Q3", van="01-07-2026")
    with pytest.raises(PeriodeFout) as e:
        maak_periode(van="01-06-2026", tot="01-03-2026")
    assert str(e.value) == "De begindatum 01-06-2026 ligt na de einddatum 01-03-2026; draai ze om."


def test_both_ends_are_inclusive():
    q = parse_kwartaal("2026-Q3")
    assert [q.bevat(d) for d in (date(2026, 6, 30), date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 1))] == [
        False,
        True,
        True,
        False,
    ]
    assert Periode(van=date(2026, 7, 1)).bevat(date(2030, 1, 1))
    assert not Periode(tot=date(2026, 7, 1)).bevat(date(2026, 7, 2))


def _result(name: str, end: date | None, fout: bool = False) -> ReadResult:
    r = ReadResult(f"{name}.xlsx", Case(f"{name}.xlsx", name.upper(), "overig", end))
    if fout:
        r.findings.append(Finding(r.pad, "veld-verplicht", "Einddatum ontbreekt.", "Casus", "B7"))
    return r


def test_split_by_einddatum_keeps_order_and_lists_the_rest():
    results = [
        _result("a", date(2026, 6, 30)),
        _result("b", date(2026, 7, 1)),
        _result("c", date(2026, 9, 30)),
        _result("d", None, fout=True),  # rejected without an Einddatum: its findings stay in the business case
        ReadResult("e.xlsx", None, overgeslagen=True),
        _result("f", date(2026, 10, 1)),
    ]
    s = splits(results, parse_kwartaal("2026-Q3"))
    assert [r.pad for r in s.binnen] == ["b.xlsx", "c.xlsx", "d.xlsx", "e.xlsx"]
    assert [r.pad for r in s.buiten] == ["a.xlsx", "f.xlsx"]
    assert s.binnen[2].status == AFGEWEZEN
    assert s.buiten_rijen()[0] == {
        "pad": "a.xlsx",
        "casusnummer": "A",
        "einddatum": "2026-06-30",
        "status": "opgenomen",
        "reden": "Einddatum 30-06-2026 valt buiten de periode 2026-Q3 (01-07-2026 t/m 30-09-2026).",
    }
    assert s.to_dict()["periode"] == {
        "van": "2026-07-01",
        "tot": "2026-09-30",
        "kwartaal": "2026-Q3",
        "label": "2026-Q3 (01-07-2026 t/m 30-09-2026)",
    }
    assert s.to_dict()["binnen"] == 4


def test_no_period_keeps_everything():
    results = [_result("a", date(2020, 1, 1)), _result("b", date(2026, 7, 1))]
    s = splits(results, None)
    assert (len(s.binnen), s.buiten, s.to_dict()) == (2, [], {"periode": None, "binnen": 2, "buiten": []})


def test_business_case_of_a_quarter(tmp_path_factory):
    pl, cases = build_pool(tmp_path_factory.getbasetemp() / "pool")
    s = splits(read_cases([cases], pl, vandaag=VANDAAG), parse_kwartaal("2026-Q1"))
    assert sorted(r.case.casusnummer for r in s.binnen) == ["O1", "O2", "O3", "O5"]
    assert sorted(r.case.casusnummer for r in s.buiten) == ["A1", "A2", "O4", "O6"]
    bc = build_businesscase(s.binnen, pl)
    assert (bc.totalen["kosten"], bc.totalen["baten"]) == (370000, 270000)
