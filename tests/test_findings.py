"""Every finding code is triggered by a real (bad) workbook or file, with the cell the user sees."""

import os
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from rendementsmeter import read_case, read_cases
from rendementsmeter.core.findings import CODES, cell_name
from rendementsmeter.spec import casus as spec

from conftest import VANDAAG, flat, make_case

GOOD_INZET = [("INZ-SW-01", 10, "gesprekken")]
GOOD_VERMEDEN = [("ZVW-HA-01", 4, 75, "vaak bij de huisarts")]


def col(kind, key):
    """1-based column of a line sheet column, from the spec (the layout may move; the tests follow)."""
    return spec.LINE_SHEET_BY_KIND[kind].keys.index(key) + 1


def cel(kind, key, row=spec.HEADER_ROW + 1):
    return cell_name(row - 1, col(kind, key) - 1)


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
        ({"horizon": 24}, [("Casus", "B11", "horizon-lang")]),
        ({"horizon": 0.5}, [("Casus", "B11", "veld-ongeldig")]),
        ({"horizon": 61}, [("Casus", "B11", "veld-ongeldig")]),
        ({"leefgebieden": "financiën, dromen"}, [("Casus", "B13", "leefgebied-onbekend")]),
        ({"afsluitreden": "overleden"}, [("Casus", "B10", "afsluitreden-overleden")]),
        ({"afsluitreden": "verhuisd"}, [("Casus", "B10", "afsluitreden-onzeker")]),
        ({"afsluitreden": "gestopt door cliënt"}, [("Casus", "B10", "afsluitreden-onzeker")]),
        ({"afsluitreden": "overgedragen aan andere hulp"}, [("Ingezette zorg", "", "overgedragen-zonder-zorg")]),
        ({"afsluitreden": None}, [("Casus", "B10", "veld-verplicht")]),
        ({"aandeel": 60}, [("Casus", "B12", "veld-ongeldig")]),
        ({"aandeel": None}, [("Casus", "B12", "veld-verplicht")]),
    ],
)
def test_case_field_findings(tmp_path, mini_template, mini, casus, expected):
    results = read_one(case(tmp_path, mini_template, casus=casus), mini)
    assert [(b, c, code) for _, b, c, code in flat(results)] == expected


@pytest.mark.parametrize(
    "sheet, lines, expected",
    [
        ("vermeden", [("XX-1", 4, 50, "x")], [("Vermeden zorg", ("vermeden", "post"), "post-onbekend")]),
        ("vermeden", [("INZ-SW-01", 4, 50, "x")], [("Vermeden zorg", ("vermeden", "post"), "post-verkeerde-soort")]),
        (
            "inzet",
            [("ZVW-HA-01", 4, "x")],
            [("Inzet", ("inzet", "post"), "post-verkeerde-soort"), ("Inzet", None, "geen-eigen-inzet")],
        ),
        ("vermeden", [("PW-BIJ-01", 13, 50, "x")], [("Vermeden zorg", ("vermeden", "aantal"), "aantal-horizon")]),
        ("vermeden", [(None, 4, 50, "x")], [("Vermeden zorg", ("vermeden", "post"), "regel-zonder-post")]),
        (
            "vermeden",
            [("ZVW-HA-01", None, 50, "x")],
            [("Vermeden zorg", ("vermeden", "aantal"), "regel-zonder-aantal")],
        ),
        ("vermeden", [("ZVW-HA-01", -3, 50, "x")], [("Vermeden zorg", ("vermeden", "aantal"), "aantal-ongeldig")]),
        ("vermeden", [("ZVW-HA-01", "ca. 5", 50, "x")], [("Vermeden zorg", ("vermeden", "aantal"), "aantal-ongeldig")]),
        ("vermeden", [("ZVW-HA-01", 10001, 50, "x")], [("Vermeden zorg", ("vermeden", "aantal"), "aantal-te-groot")]),
        ("vermeden", [("ZVW-HA-01", 4, None, "x")], [("Vermeden zorg", ("vermeden", "kans"), "kans-ontbreekt")]),
        ("vermeden", [("ZVW-HA-01", 4, 150, "x")], [("Vermeden zorg", ("vermeden", "kans"), "kans-ongeldig")]),
        ("vermeden", [("ZVW-HA-01", 4, 0.75, "x")], [("Vermeden zorg", ("vermeden", "kans"), "kans-ongeldig")]),
        (
            "vermeden",
            [("ZVW-HA-01", "1,5", "75%", "x")],
            [
                ("Vermeden zorg", ("vermeden", "aantal"), "getal-als-tekst"),
                ("Vermeden zorg", ("vermeden", "kans"), "getal-als-tekst"),
            ],
        ),
        (
            "vermeden",
            [("ZVW-HA-01", 4, 50, None)],
            [("Vermeden zorg", ("vermeden", "toelichting"), "toelichting-ontbreekt")],
        ),
        ("vermeden", [("zvw-ha-01", 4, 50, "x")], [("Vermeden zorg", ("vermeden", "post"), "waarde-aangepast")]),
        ("vermeden", [("ZVW-HA-01 ", 4, 50, "x")], [("Vermeden zorg", ("vermeden", "post"), "waarde-aangepast")]),
        (
            "vermeden",
            [("HUISARTS, CONSULT", 4, 50, "x")],
            [("Vermeden zorg", ("vermeden", "post"), "waarde-aangepast")],
        ),
        (
            "vermeden",
            [("ZVW-HA-01", "=2*3", 50, "x")],
            [("Vermeden zorg", ("vermeden", "aantal"), "formule-in-invoer")],
        ),
    ],
)
def test_line_findings(tmp_path, mini_template, mini, sheet, lines, expected):
    results = read_one(case(tmp_path, mini_template, **{sheet: lines}), mini)
    assert [(b, c, code) for _, b, c, code in flat(results)] == [
        (b, cel(*where) if where else "", code) for b, where, code in expected
    ]


def test_lenient_values_are_read_and_each_normalisation_is_reported(tmp_path, mini_template, mini):
    path = case(
        tmp_path,
        mini_template,
        casus={"domein": "Ouderen/Eenzaamheid ", "horizon": "12"},
        vermeden=[("zvw-ha-01 ", "1,5", "75 %", "x"), ("huisarts, consult", 2, 50, "y")],
    )
    results = read_one(path, mini)
    assert [(f.cel, f.code, f.melding) for f in results[0].findings] == [
        (
            "B7",
            "waarde-aangepast",
            "Domein 'Ouderen/Eenzaamheid' is gelezen als 'ouderen/eenzaamheid'; kies het uit de keuzelijst.",
        ),
        (
            "B11",
            "getal-als-tekst",
            "'Horizon (maanden)' staat als tekst ('12') en is gelezen als 12; typ het als getal.",
        ),
        (
            cel("vermeden", "post"),
            "waarde-aangepast",
            "Post 'zvw-ha-01' is gelezen als ZVW-HA-01 (Huisarts, consult, per contact); controleer dit en kies de post "
            "uit de keuzelijst.",
        ),
        (
            cel("vermeden", "aantal"),
            "getal-als-tekst",
            "Aantal '1,5' staat als tekst en is gelezen als 1,5; typ het als getal.",
        ),
        (
            cel("vermeden", "kans"),
            "getal-als-tekst",
            "Kans '75 %' staat als tekst en is gelezen als 75; typ alleen het getal.",
        ),
        (
            cel("vermeden", "post", 6),
            "waarde-aangepast",
            "Post 'huisarts, consult' is gelezen als ZVW-HA-01 (Huisarts, consult, per contact); controleer dit en kies "
            "de post uit de keuzelijst.",
        ),
    ]
    lines = results[0].case.lines
    assert [(x.code, x.aantal, x.kans) for x in lines[-2:]] == [("ZVW-HA-01", Decimal("1.5"), 75), ("ZVW-HA-01", 2, 50)]
    assert results[0].case.domein == "ouderen/eenzaamheid"
    assert results[0].status == "opgenomen"


def test_exact_code_and_dropdown_label_are_not_normalisations(tmp_path, mini_template, mini):
    label = mini.items["ZVW-HA-01"].label
    results = read_one(case(tmp_path, mini_template, vermeden=[("ZVW-HA-01", 4, 75, "x"), (label, 2, 50, "y")]), mini)
    assert flat(results) == []


def test_kans_fraction_hint(tmp_path, mini_template, mini):
    results = read_one(case(tmp_path, mini_template, vermeden=[("ZVW-HA-01", 4, 0.75, "x")]), mini)
    assert results[0].findings[0].melding == (
        "Kans '0,75' is geen heel getal van 0 tot en met 100. Bedoelde u 75? Typ dan dat getal."
    )


def test_blank_rows_are_skipped(tmp_path, mini_template, mini):
    path = case(tmp_path, mini_template)

    def later_row(wb):
        ws = wb["Vermeden zorg"]
        for key, value in (("post", "ZVW-HA-01"), ("aantal", 2), ("kans", 50), ("toelichting", "later")):
            ws.cell(20, col("vermeden", key), value)

    results = read_one(edit(path, later_row), mini)
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


def test_sheet_name_spelled_otherwise_is_read_with_a_warning(tmp_path, mini_template, mini):
    path = edit(case(tmp_path, mini_template), lambda wb: setattr(wb["Vermeden zorg"], "title", "Vermeden Zorg "))
    results = read_one(path, mini)
    assert flat(results) == [("c.xlsx", "Vermeden zorg", "", "kop-afwijkend")]
    assert results[0].findings[0].melding == (
        "Werkblad 'Vermeden Zorg ' heet in het sjabloon 'Vermeden zorg'; het is gelezen. Geef het blad de naam uit "
        "het sjabloon terug."
    )
    assert [x.code for x in results[0].case.lines] == ["INZ-SW-01", "ZVW-HA-01"]


def test_extra_sheet_is_reported_not_dropped_silently(tmp_path, mini_template, mini):
    path = edit(case(tmp_path, mini_template), lambda wb: wb.create_sheet("Notities").cell(1, 1, "gebeld"))
    results = read_one(path, mini)
    assert flat(results) == [("c.xlsx", "Notities", "", "blad-onbekend")]
    assert results[0].status == "opgenomen"


def test_renamed_header(tmp_path, mini_template, mini):
    path = edit(
        case(tmp_path, mini_template), lambda wb: wb["Inzet"].cell(spec.HEADER_ROW, col("inzet", "aantal"), "Hoeveel")
    )
    assert flat(read_one(path, mini)) == [("c.xlsx", "Inzet", "A4", "kop-ontbreekt")]


def test_header_spelled_otherwise_is_read_with_a_warning(tmp_path, mini_template, mini):
    path = edit(
        case(tmp_path, mini_template),
        lambda wb: wb["Vermeden zorg"].cell(spec.HEADER_ROW, col("vermeden", "kans"), "kans %"),
    )
    results = read_one(path, mini)
    assert flat(results) == [("c.xlsx", "Vermeden zorg", cel("vermeden", "post", spec.HEADER_ROW), "kop-afwijkend")]
    assert results[0].findings[0].melding == (
        "Anders geschreven: 'kans %' (sjabloon: 'Kans (%)'). De tabel is gelezen; controleer of de kolommen kloppen, "
        "of zet de gegevens in een nieuw sjabloon."
    )
    assert results[0].case.lines[-1].kans == 75


def test_shifted_header_is_found(tmp_path, mini_template, mini):
    def shift(wb):
        wb["Vermeden zorg"].insert_rows(1, 2)

    path = edit(case(tmp_path, mini_template), shift)
    results = read_one(path, mini)
    header = cel("vermeden", "post", spec.HEADER_ROW + 2)
    assert flat(results) == [("c.xlsx", "Vermeden zorg", header, "kop-afwijkend")]
    assert results[0].findings[0].melding.startswith(f"De kopregel staat op rij {spec.HEADER_ROW + 2} (")
    assert results[0].case.lines[-1].cel == cel("vermeden", "post", spec.HEADER_ROW + 3)
    assert results[0].status == "opgenomen"


def test_merged_cells_in_a_table(tmp_path, mini_template, mini):
    tl = col("vermeden", "toelichting")
    path = case(tmp_path, mini_template, vermeden=[("ZVW-HA-01", 4, 75, "x"), ("ZVW-HA-01", 2, 50, None)])
    edit(path, lambda wb: wb["Vermeden zorg"].merge_cells(start_row=5, end_row=6, start_column=tl, end_column=tl))
    results = read_one(path, mini)
    first, last = cel("vermeden", "toelichting"), cel("vermeden", "toelichting", 6)
    assert flat(results) == [
        ("c.xlsx", "Vermeden zorg", first, "cellen-samengevoegd"),
        ("c.xlsx", "Vermeden zorg", last, "toelichting-ontbreekt"),
    ]
    assert results[0].findings[0].melding == (
        f"De cellen {first}:{last} zijn samengevoegd; alleen {first} telt, de andere rijen of kolommen zijn leeg voor "
        "de rendementsmeter. Maak de samenvoeging ongedaan en vul elke regel apart in."
    )


def test_formula_in_a_case_field(tmp_path, mini_template, mini):
    results = read_one(case(tmp_path, mini_template, casus={"einddatum": "=TODAY()"}), mini)
    assert flat(results) == [("c.xlsx", "Casus", "B9", "formule-in-invoer")]
    assert results[0].status == "afgewezen"


def test_missing_field_label(tmp_path, mini_template, mini):
    path = edit(case(tmp_path, mini_template), lambda wb: wb["Casus"].cell(7, 1, "Soort"))
    assert flat(read_one(path, mini)) == [("c.xlsx", "Casus", "A", "kop-ontbreekt")]


def _versie(value):
    def fn(wb):
        ws = wb["Casus"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Sjabloonversie")
        ws.cell(row, 2, value)

    return fn


def test_other_template_version(tmp_path, mini_template, mini):
    results = read_one(edit(case(tmp_path, mini_template), _versie("0")), mini)
    assert [code for *_, code in flat(results)] == ["sjabloonversie-anders"]
    assert results[0].findings[0].melding == (
        f"Gemaakt met sjabloonversie 0; de huidige is {spec.SJABLOONVERSIE}. Het bestand is gelezen; gebruik voor nieuwe casussen het "
        "nieuwe sjabloon."
    )


def test_newer_template_version_asks_to_update_the_tool(tmp_path, mini_template, mini):
    results = read_one(edit(case(tmp_path, mini_template), _versie(str(int(spec.SJABLOONVERSIE) + 1))), mini)
    assert "werk de rendementsmeter bij (`pip install -U rendementsmeter`)" in results[0].findings[0].melding
    assert results[0].status == "opgenomen"


def test_older_layout_is_refused_with_how_to_move_it(tmp_path, mini_template, mini):
    """Version 0 (simulated): no sheet 'Ingezette zorg' yet, and avoided care on 'Vermeden kosten'."""

    def v0(wb):
        _versie("0")(wb)
        wb.remove(wb["Ingezette zorg"])
        wb["Vermeden zorg"].title = "Vermeden kosten"

    results = read_one(edit(case(tmp_path, mini_template), v0), mini)
    assert flat(results) == [
        ("c.xlsx", "Casus", "", "sjabloon-verouderd"),
        ("c.xlsx", "Vermeden kosten", "", "blad-onbekend"),
        ("c.xlsx", "Ingezette zorg", "", "blad-ontbreekt"),
        ("c.xlsx", "Vermeden zorg", "", "blad-ontbreekt"),
    ]
    assert results[0].findings[0].melding == (
        f"Dit bestand is gemaakt met sjabloonversie 0; deze rendementsmeter leest versie {spec.SJABLOONVERSIE} en de "
        "indeling past niet "
        "meer (zie de bevindingen hieronder). Zet de casus over naar het huidige sjabloon: (1) maak een nieuw "
        "sjabloon met `rendementsmeter template -o nieuw.xlsx`; (2) kopieer op blad Casus de waarden uit kolom B en "
        "op de bladen Inzet, Ingezette zorg en Vermeden zorg de kolommen Post, Aantal, Kans (%) en Toelichting, en "
        "plak ze met Plakken speciaal > Waarden; (3) sla op en controleer met `rendementsmeter check nieuw.xlsx`."
    )
    assert results[0].status == "afgewezen"


def test_a_case_from_template_version_1_is_read_with_warnings():
    """A real file of the previous template: no Afsluitreden, no Aandeel eigen inzet, no ZRM sheet."""
    from rendementsmeter import load_prijslijst

    results = read_one(os.path.join(os.path.dirname(__file__), "data", "sjabloonversie-1.xlsx"), load_prijslijst())
    assert [(b, c, code) for _, b, c, code in flat(results)] == [
        ("Casus", "A", "afsluitreden-ontbreekt"),
        ("Casus", "A", "aandeel-ontbreekt"),
        ("Casus", "", "sjabloonversie-anders"),
    ]
    assert "ontbreekt (ouder sjabloon); de vermeden zorg telt voor 100%" in results[0].findings[1].melding
    c = results[0].case
    assert (results[0].status, c.aandeel, c.afsluitreden, c.verhaal, c.zrm) == ("opgenomen", 100, "", None, ())


def test_zrm_scores_are_read_and_a_bad_score_is_named(tmp_path, mini_template, mini):
    def scores(wb):
        ws = wb["Zelfredzaamheid"]
        ws["B5"], ws["C5"] = 2, 4  # financiën
        ws["B15"], ws["C15"] = "3", 7  # sociaal netwerk: 7 is no score

    results = read_one(edit(case(tmp_path, mini_template), scores), mini)
    assert [(b, c, code) for _, b, c, code in flat(results)] == [("Zelfredzaamheid", "C15", "zrm-ongeldig")]
    assert [tuple(z) for z in results[0].case.zrm] == [("financiën", 2, 4), ("sociaal netwerk", 3, None)]


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
        ("geen-zip.xlsx", "bestand-formaat"),
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


def test_law_not_matching_the_post_is_a_warning(tmp_path, mini_template, mini):
    import openpyxl

    from rendementsmeter.spec import casus as spec

    path = case(tmp_path, mini_template)
    sheet = spec.LINE_SHEET_BY_KIND["vermeden"]
    wet_col = sheet.keys.index("wet") + 1
    wb = openpyxl.load_workbook(path)
    wb["Vermeden zorg"].cell(5, wet_col, "Wmo 2015")  # the post ZVW-HA-01 is Zvw
    wb.save(path)
    results = read_one(path, mini)
    assert [(b, c, code) for _, b, c, code in flat(results)] == [
        ("Vermeden zorg", f"{chr(64 + wet_col)}5", "wet-afwijkend")
    ]
    assert results[0].status == "opgenomen"
    assert "post ZVW-HA-01 valt onder Zvw; de regel telt onder Zvw" in results[0].findings[0].melding
