"""Every finding code is triggered by a real (bad) workbook or file, with the cell the user sees."""

import os
from datetime import date

import openpyxl
import pytest

from rendementsmeter import read_case, read_cases
from rendementsmeter.findings import CODES

from conftest import VANDAAG, flat, make_case

GOOD_INZET = [("INZ-SW-01", 10, "gesprekken")]
GOOD_VERMEDEN = [("ZVW-HA-01", 4, 75, "vaak bij de huisarts")]


def read_one(path, pl):
    return read_cases([path], pl, vandaag=VANDAAG)


def case(tmp_path, mini_template, name="c.xlsx", **kw):
    kw.setdefault("inzet", GOOD_INZET)
    kw.setdefault("vermeden", GOOD_VERMEDEN)
    return make_case(mini_template, tmp_path / name, **kw)


def edit(path, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)
    return path


def test_valid_case_has_no_findings(tmp_path, mini_template, mini):
    results = read_one(case(tmp_path, mini_template), mini)
    assert flat(results) == []
    assert results[0].status == "opgenomen"
    c = results[0].case
    assert (c.casusnummer, c.domein, c.einddatum, c.horizon) == ("C", "ouderen/eenzaamheid", date(2026, 3, 1), 12)


@pytest.mark.parametrize(
    "casus, expected",
    [
        ({"casusnummer": None}, [("Casus", "B4", "veld-verplicht")]),
        ({"domein": "sport"}, [("Casus", "B7", "veld-ongeldig")]),
        ({"einddatum": "gisteren"}, [("Casus", "B9", "datum-ongeldig")]),
        ({"einddatum": "01-03-2026"}, [("Casus", "B9", "datum-als-tekst")]),
        ({"startdatum": date(2026, 5, 1)}, [("Casus", "B9", "einddatum-voor-startdatum")]),
        ({"einddatum": date(2026, 12, 1)}, [("Casus", "B9", "einddatum-in-toekomst")]),
        ({"horizon": 24}, [("Casus", "B10", "horizon-lang")]),
        ({"horizon": 0.5}, [("Casus", "B10", "veld-ongeldig")]),
        ({"leefgebieden": "financiën, dromen"}, [("Casus", "B11", "leefgebied-onbekend")]),
    ],
)
def test_case_field_findings(tmp_path, mini_template, mini, casus, expected):
    results = read_one(case(tmp_path, mini_template, casus=casus), mini)
    assert [(b, c, code) for _, b, c, code in flat(results)] == expected


@pytest.mark.parametrize(
    "sheet, lines, expected",
    [
        ("vermeden", [("XX-1", 4, 50, "x")], [("Vermeden zorg", "A5", "post-onbekend")]),
        ("vermeden", [("INZ-SW-01", 4, 50, "x")], [("Vermeden zorg", "A5", "post-verkeerde-soort")]),
        ("inzet", [("ZVW-HA-01", 4, "x")], [("Inzet", "A5", "post-verkeerde-soort")]),
        ("vermeden", [(None, 4, 50, "x")], [("Vermeden zorg", "A5", "regel-zonder-post")]),
        ("vermeden", [("ZVW-HA-01", None, 50, "x")], [("Vermeden zorg", "D5", "regel-zonder-aantal")]),
        ("vermeden", [("ZVW-HA-01", -3, 50, "x")], [("Vermeden zorg", "D5", "aantal-ongeldig")]),
        ("vermeden", [("ZVW-HA-01", "ca. 5", 50, "x")], [("Vermeden zorg", "D5", "aantal-ongeldig")]),
        ("vermeden", [("ZVW-HA-01", 4, None, "x")], [("Vermeden zorg", "E5", "kans-ontbreekt")]),
        ("vermeden", [("ZVW-HA-01", 4, 150, "x")], [("Vermeden zorg", "E5", "kans-ongeldig")]),
        ("vermeden", [("ZVW-HA-01", 4, 0.75, "x")], [("Vermeden zorg", "E5", "kans-ongeldig")]),
        (
            "vermeden",
            [("ZVW-HA-01", "1,5", "75%", "x")],
            [("Vermeden zorg", "D5", "getal-als-tekst"), ("Vermeden zorg", "E5", "getal-als-tekst")],
        ),
        ("vermeden", [("ZVW-HA-01", 4, 50, None)], [("Vermeden zorg", "H5", "toelichting-ontbreekt")]),
    ],
)
def test_line_findings(tmp_path, mini_template, mini, sheet, lines, expected):
    results = read_one(case(tmp_path, mini_template, **{sheet: lines}), mini)
    assert [(b, c, code) for _, b, c, code in flat(results)] == expected


def test_lenient_values_are_read(tmp_path, mini_template, mini):
    results = read_one(case(tmp_path, mini_template, vermeden=[("zvw-ha-01", "1,5", "75%", "x")]), mini)
    line = results[0].case.lines[-1]
    assert (line.code, str(line.aantal), line.kans) == ("ZVW-HA-01", "1.5", 75)
    assert results[0].status == "opgenomen"


def test_kans_fraction_hint(tmp_path, mini_template, mini):
    results = read_one(case(tmp_path, mini_template, vermeden=[("ZVW-HA-01", 4, 0.75, "x")]), mini)
    assert results[0].findings[0].melding == (
        "Kans '0.75' is geen heel getal van 0 tot en met 100. Bedoelde u 75? Typ dan dat getal."
    )


def test_blank_rows_are_skipped(tmp_path, mini_template, mini):
    path = case(tmp_path, mini_template)
    edit(
        path,
        lambda wb: (
            wb["Vermeden zorg"].cell(20, 1, "ZVW-HA-01")
            and [wb["Vermeden zorg"].cell(20, c, v) for c, v in ((4, 2), (5, 50), (8, "later"))]
        ),
    )
    results = read_one(path, mini)
    assert flat(results) == []
    assert [(x.blad, x.rij) for x in results[0].case.lines] == [
        ("Inzet", 5),
        ("Vermeden zorg", 5),
        ("Vermeden zorg", 20),
    ]


def test_empty_case(tmp_path, mini_template, mini):
    results = read_one(case(tmp_path, mini_template, inzet=[], vermeden=[]), mini)
    assert [code for *_, code in flat(results)] == ["casus-leeg"]
    assert results[0].status == "opgenomen"


def test_missing_sheet(tmp_path, mini_template, mini):
    path = edit(case(tmp_path, mini_template), lambda wb: wb.remove(wb["Vermeden zorg"]))
    results = read_one(path, mini)
    assert flat(results) == [("c.xlsx", "Vermeden zorg", "", "blad-ontbreekt")]
    assert "rendementsmeter template -o casus.xlsx" in results[0].findings[0].melding
    assert results[0].status == "afgewezen"


def test_renamed_header(tmp_path, mini_template, mini):
    path = edit(case(tmp_path, mini_template), lambda wb: wb["Inzet"].cell(4, 3, "Hoeveel"))
    assert flat(read_one(path, mini)) == [("c.xlsx", "Inzet", "A4", "kop-ontbreekt")]


def test_shifted_header_is_found(tmp_path, mini_template, mini):
    def shift(wb):
        wb["Vermeden zorg"].insert_rows(1, 2)

    path = edit(case(tmp_path, mini_template), shift)
    results = read_one(path, mini)
    assert flat(results) == []
    assert results[0].case.lines[-1].cel == "A7"


def test_missing_field_label(tmp_path, mini_template, mini):
    path = edit(case(tmp_path, mini_template), lambda wb: wb["Casus"].cell(7, 1, "Soort"))
    assert flat(read_one(path, mini)) == [("c.xlsx", "Casus", "A", "kop-ontbreekt")]


def test_other_template_version(tmp_path, mini_template, mini):
    def old(wb):
        ws = wb["Casus"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Sjabloonversie")
        ws.cell(row, 2, "0")

    results = read_one(edit(case(tmp_path, mini_template), old), mini)
    assert [code for *_, code in flat(results)] == ["sjabloonversie-anders"]


def test_duplicate_case_number(tmp_path, mini_template, mini):
    case(tmp_path, mini_template, "een.xlsx", casus={"casusnummer": "X-1"})
    case(tmp_path, mini_template, "twee.xlsx", casus={"casusnummer": "x-1"})
    results = read_cases([tmp_path / "een.xlsx", tmp_path / "twee.xlsx"], mini, vandaag=VANDAAG)
    assert flat(results) == [
        ("een.xlsx", "Casus", "", "casusnummer-dubbel"),
        ("twee.xlsx", "Casus", "", "casusnummer-dubbel"),
    ]
    assert [r.status for r in results] == ["afgewezen", "afgewezen"]


def test_findings_are_capped(tmp_path, mini_template, mini):
    bad = [("NOPE", -1, 200, "x")] * 40
    results = read_one(
        case(tmp_path, mini_template, vermeden=bad, inzet=[("NOPE", -1, "x")] * 40, ingezet=[("NOPE", -1, "x")] * 40),
        mini,
    )
    codes = [f.code for f in results[0].findings]
    assert len(codes) == 201 and codes[-1] == "regels-afgekapt"


# -- file-level problems ------------------------------------------------------------------------


def test_file_level_findings(tmp_path, mini_template, mini):
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "kapot.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (folder / "geen-zip.xlsx").write_bytes(b"dit is tekst")
    (folder / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "geheim.xlsx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    )
    (folder / "~$casus.xlsx").write_bytes(b"\x00" * 162)
    (folder / "lijst.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "notities.txt").write_text("x", encoding="utf-8")
    os.symlink(folder / "bestaat-niet.xlsx", folder / "link.xlsx")
    results = read_cases([folder], mini, vandaag=VANDAAG)
    assert [(name, code) for name, _, _, code in flat(results)] == [
        ("geen-zip.xlsx", "bestand-onleesbaar"),
        ("geheim.xlsx", "bestand-versleuteld"),
        ("kapot.xlsx", "bestand-onleesbaar"),
        ("lijst.csv", "bestand-formaat"),
        ("link.xlsx", "bestand-niet-gevonden"),
        ("notities.txt", "bestand-geen-casus"),
        ("oud.xls", "bestand-xls"),
        ("~$casus.xlsx", "bestand-vergrendeld"),
    ]
    assert [r.status for r in results] == ["afgewezen"] * 5 + ["overgeslagen", "afgewezen", "overgeslagen"]


def test_explicit_non_workbook_is_an_error(tmp_path, mini):
    txt = tmp_path / "notities.txt"
    txt.write_text("x", encoding="utf-8")
    result = read_case(txt, mini, VANDAAG)
    assert [f.code for f in result.findings] == ["bestand-formaat"]


def test_every_code_has_a_test():
    import pathlib

    text = "".join(p.read_text(encoding="utf-8") for p in pathlib.Path(__file__).parent.glob("test_*.py"))
    missing = [code for code in CODES if f'"{code}"' not in text]
    assert missing == []
