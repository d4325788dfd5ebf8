"""Pooled exports: anonymous, and a business case from an export equals the one from the workbooks."""

from decimal import Decimal

import pytest

from rendementsmeter import build_businesscase, read_cases
from rendementsmeter.read.export import EXPORT_COLUMNS, export_frame, pseudonym, read_export, write_export

from conftest import VANDAAG


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_export_round_trip_gives_the_same_business_case(three, tmp_path, suffix):
    pl, cases, _ = three
    results = read_cases([cases], pl, vandaag=VANDAAG)
    frame = export_frame(results, "BWD")
    assert tuple(frame.columns) == EXPORT_COLUMNS
    assert len(frame) == 8 and frame["casus_id"].nunique() == 3
    path = write_export(frame, tmp_path / f"regels{suffix}")
    pooled = read_export(path, set(pl.items))
    assert [r.status for r in pooled] == ["opgenomen"] * 3
    original = build_businesscase(results, pl)
    again = build_businesscase(pooled, pl)
    assert again.totalen == original.totalen
    assert again.per_wet.to_dict() == original.per_wet.to_dict()


def test_export_has_no_free_text_names_or_files(three, tmp_path):
    pl, cases, _ = three
    results = read_cases([cases], pl, vandaag=VANDAAG)
    frame = export_frame(results, "BWD")
    text = frame.to_csv(index=False)
    for secret in ("maandelijks bij de huisarts", "dagvaarding lag er al", "a.xlsx", str(cases), ",A,", "A5"):
        assert secret not in text
    assert set(frame["casus_id"]) == {pseudonym("BWD", n) for n in ("A", "B", "C")}
    assert pseudonym("BWD", "A") != pseudonym("ANDER", "A")
    assert {str(d) for d in frame["einddatum"]} == {"2026-03-01"}  # month only


def test_export_pools_two_organisations(three, tmp_path):
    pl, cases, _ = three
    results = read_cases([cases], pl, vandaag=VANDAAG)
    a = write_export(export_frame(results, "ORG1"), tmp_path / "a.parquet")
    b = write_export(export_frame(results, "ORG2"), tmp_path / "b.parquet")
    pooled = read_export(a, set(pl.items)) + read_export(b, set(pl.items))
    bc = build_businesscase(pooled, pl)
    assert bc.totalen["baten"] == 2 * 1154650
    assert len({r.case.casusnummer for r in pooled}) == 6


def test_broken_or_foreign_export_is_a_finding(tmp_path, mini):
    bad = tmp_path / "kapot.parquet"
    bad.write_bytes(b"geen parquet")
    assert [f.code for r in read_export(bad, set(mini.items)) for f in r.findings] == ["bestand-onleesbaar"]
    other = tmp_path / "ander.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    assert [f.code for r in read_export(other, set(mini.items)) for f in r.findings] == ["kop-ontbreekt"]


def test_export_csv_keeps_digit_only_ids_and_rejects_garbage_without_stopping(tmp_path, mini):
    header = ",".join(EXPORT_COLUMNS)
    good = tmp_path / "goed.csv"
    good.write_text(f"{header}\nBWD,0012345678901234,ouderen/eenzaamheid,,2026-03-01,12,,inzet,INZ-SW-01,2.5,\n")
    (case,) = read_export(good, set(mini.items))
    assert case.case.casusnummer == "BWD/0012345678901234" and case.case.team == ""
    assert case.case.lines[0].aantal == Decimal("2.5") and case.case.lines[0].kans is None
    bad = tmp_path / "kapot.csv"
    bad.write_text(f"{header}\nBWD,1,ouderen/eenzaamheid,,2026-03-01,twaalf,,inzet,INZ-SW-01,2.5,\n")
    assert [f.code for r in read_export(bad, set(mini.items)) for f in r.findings] == ["bestand-onleesbaar"]


def test_export_lines_are_checked_like_typed_lines(tmp_path, mini):
    header = ",".join(EXPORT_COLUMNS)
    rows = [
        "BWD,1,ouderen/eenzaamheid,,2026-03-01,12,,inzet,INZ-SW-01,2,",  # fine
        "BWD,2,ouderen/eenzaamheid,,2026-03-01,12,,vermeden,INZ-SW-01,1,",  # no kans
        "BWD,3,ouderen/eenzaamheid,,2026-03-01,12,,vermeden,INZ-SW-01,1,75.5",  # kans not whole
        "BWD,4,ouderen/eenzaamheid,,2026-03-01,12,,inzet,INZ-SW-01,1e30,",  # absurd aantal
        "BWD,5,ouderen/eenzaamheid,,2026-03-01,12,,inzet,INZ-SW-01,-1,",  # not above 0
        "BWD,6,ouderen/eenzaamheid,,2026-03-01,12,,anders,INZ-SW-01,1,",  # unknown kind of line
    ]
    path = tmp_path / "export.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n")
    results = read_export(path, set(mini.items))
    assert [(r.status, [f.code for f in r.findings]) for r in results] == [
        ("opgenomen", []),
        ("afgewezen", ["kans-ontbreekt"]),
        ("afgewezen", ["kans-ongeldig"]),
        ("afgewezen", ["aantal-te-groot"]),
        ("afgewezen", ["aantal-ongeldig"]),
        ("afgewezen", ["post-verkeerde-soort"]),
    ]
    assert all(f.cel == "regel 1" for r in results for f in r.findings)
