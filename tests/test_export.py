"""Pooled exports: anonymous, and a business case from an export equals the one from the workbooks."""

from decimal import Decimal

import pytest

from rendementsmeter import build_businesscase, read_cases
from rendementsmeter.read.export import EXPORT_COLUMNS, EXTRA_COLUMNS, export_frame, read_export, write_export
from rendementsmeter.read.keys import load_sleutel, pseudonym

from conftest import VANDAAG

KEY = bytes(range(32))  # a fixed organisation key, so that pseudonyms are known in advance


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_export_round_trip_gives_the_same_business_case(three, tmp_path, suffix):
    pl, cases, _ = three
    results = read_cases([cases], pl, vandaag=VANDAAG)
    frame = export_frame(results, "BWD", KEY)
    assert tuple(frame.columns) == EXPORT_COLUMNS + EXTRA_COLUMNS
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
    frame = export_frame(results, "BWD", KEY)
    text = frame.to_csv(index=False)
    for secret in ("maandelijks bij de huisarts", "dagvaarding lag er al", "a.xlsx", str(cases), ",A,", "A5"):
        assert secret not in text
    assert set(frame["casus_id"]) == {pseudonym("BWD", n, KEY) for n in ("A", "B", "C")}
    assert pseudonym("BWD", "A", KEY) != pseudonym("ANDER", "A", KEY)
    assert {str(d) for d in frame["einddatum"]} == {"2026-03-01"}  # month only


def test_export_pools_two_organisations(three, tmp_path):
    pl, cases, _ = three
    results = read_cases([cases], pl, vandaag=VANDAAG)
    a = write_export(export_frame(results, "ORG1", KEY), tmp_path / "a.parquet")
    b = write_export(export_frame(results, "ORG2", KEY), tmp_path / "b.parquet")
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


def test_pseudonyms_need_the_organisations_key():
    """A pool partner who guesses a case number cannot compute its pseudonym without the key."""
    import hashlib

    unkeyed = hashlib.sha256(b"BWD|nrd-2026-009").hexdigest()[:16]
    ours = pseudonym("BWD", "NRD-2026-009", KEY)
    assert ours == pseudonym("BWD", "nrd-2026-009", KEY)  # stable, case-insensitive
    assert ours not in (unkeyed, pseudonym("BWD", "NRD-2026-009", bytes(32)))
    assert len(ours) == 16 and int(ours, 16) >= 0


def test_the_key_file_is_made_once_private_and_then_reused(tmp_path):
    path = tmp_path / "cfg" / "exportsleutel"
    key, where, made = load_sleutel(path)
    assert (where, made, len(key)) == (path, True, 32)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_sleutel(path) == (key, path, False)
    (tmp_path / "kort").write_bytes(b"geheim")
    with pytest.raises(ValueError, match="is geen exportsleutel"):
        load_sleutel(tmp_path / "kort")


def test_export_command_makes_a_key_and_keeps_pseudonyms_stable(three, tmp_path):
    from click.testing import CliRunner

    from rendementsmeter.cli import main

    _, cases, _ = three
    key = tmp_path / "sleutel"
    runner = CliRunner()
    first = runner.invoke(main, ["export", str(cases), "-o", str(tmp_path / "a.csv"), "--organisatie", "BWD",
                                 "--sleutel", str(key), "--stil"])  # fmt: skip
    assert first.exit_code == 0, first.output
    assert f"Nieuwe exportsleutel gemaakt: {key}." in first.output
    second = runner.invoke(main, ["export", str(cases), "-o", str(tmp_path / "b.csv"), "--organisatie", "BWD",
                                  "--sleutel", str(key), "--stil"])  # fmt: skip
    assert second.exit_code == 0 and "Nieuwe exportsleutel" not in second.output
    ids = [
        sorted(set(line.split(",")[1] for line in (tmp_path / n).read_text().splitlines()[1:]))
        for n in ("a.csv", "b.csv")
    ]
    assert ids[0] == ids[1] == sorted(pseudonym("BWD", n, key.read_bytes()) for n in ("A", "B", "C"))


def test_a_pseudonym_that_looks_like_a_postcode_is_no_personal_data(three, tmp_path):
    """A random hash may read as '5921 DA 11'; only case ids not in the tool's own form are scanned."""
    pl, cases, _ = three
    frame = export_frame(read_cases([cases], pl, vandaag=VANDAAG), "BWD", KEY)
    ids = sorted(set(frame["casus_id"]))
    frame["casus_id"] = frame["casus_id"].map({ids[0]: "5921da11f2060abc", ids[1]: "3311AB 12", ids[2]: ids[2]})
    pooled = read_export(write_export(frame, tmp_path / "e.parquet"), set(pl.items))
    status = {r.pad.rsplit("/", 1)[1]: (r.status, [f.code for f in r.findings]) for r in pooled}
    assert status["5921da11f2060abc"] == ("opgenomen", [])
    assert status["[adres afgeschermd]"] == ("afgewezen", ["persoonsgegevens"])
