"""The case template: structure, dependent dropdowns, required inputs, protection, printing, numbered
templates, round trip, and the committed copy is current. Real-client checks are in test_libreoffice.py."""

import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsxwriter.utility import quote_sheetname

from rendementsmeter import load_prijslijst, read_case, write_template
from rendementsmeter.cli import main
from rendementsmeter.pricing.prijslijst import WETTEN
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.cells import line_refs
from rendementsmeter.template.fill import CaseInput, fill_template
from rendementsmeter.template.lists import wet_name
from rendementsmeter.template.writer import casusnummer, numbered_paths, template_fingerprint, write_templates

from conftest import VANDAAG, make_case

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "templates" / "casus-sjabloon.xlsx"


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


@pytest.fixture(scope="module")
def real_template(tmp_path_factory, real):
    return write_template(tmp_path_factory.mktemp("t") / "casus.xlsx", real)


@pytest.fixture(scope="module")
def wb(real_template):
    return openpyxl.load_workbook(real_template)


def letter(sheet, key):
    return chr(65 + sheet.keys.index(key))


def named_range(wb, name):
    """The values of a defined name's cells (a column range on one sheet)."""
    sheet, ref = wb.defined_names[name].attr_text.split("!")
    return [c[0].value for c in wb[sheet.strip("'")][ref.replace("$", "")]]


def test_sheet_names_and_case_labels(wb):
    assert wb.sheetnames == [
        "Instructie",
        "Casus",
        "Inzet",
        "Ingezette zorg",
        "Vermeden zorg",
        "Zelfredzaamheid",
        "Lijsten",
        "Hulp",
    ]
    assert wb["Lijsten"].sheet_state == wb["Hulp"].sheet_state == "hidden"
    ws = wb["Casus"]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    for f in spec.CASE_FIELDS:
        assert f.label + (" *" if f.required else "") in labels
    for label in ("Totaal kosten", "Totaal baten", "Netto", "Prijspeil", "Sjabloonversie", "Prijslijstversie"):
        assert label in labels
    assert ws.cell(labels.index("Totaal baten") + 1, 2).value == "=SUM('Vermeden zorg'!$G$5:$G$44)"
    assert ws.cell(labels.index("Totaal kosten") + 1, 2).value == (
        "=SUM(Inzet!$E$5:$E$44)+SUM('Ingezette zorg'!$F$5:$F$44)"
    )
    assert ws.cell(labels.index("Sjabloonversie") + 1, 2).value == spec.SJABLOONVERSIE
    assert ws.cell(labels.index("Prijspeil") + 1, 2).value == 2025


def test_no_personal_data_fields(wb):
    ws = wb["Casus"]
    labels = " ".join(
        str(ws.cell(r, 1).value).lower() for r in range(1, ws.max_row + 1) if ws.cell(r, 2).protection.locked is False
    )
    assert "casusnummer" in labels and "samenvatting" in labels
    for word in ("naam", "bsn", "adres", "geboorte", "postcode"):
        assert word not in labels


@pytest.mark.parametrize("sheet", spec.LINE_SHEETS, ids=lambda s: s.name)
def test_line_sheet_headers_validations_and_protection(wb, sheet):
    ws = wb[sheet.name]
    headers = [ws.cell(spec.HEADER_ROW, c + 1).value for c in range(len(sheet.columns))]
    assert headers == [c.header for c in sheet.columns]
    assert {"Post", "Aantal", "Toelichting"} <= set(headers)
    assert ("Kans (%)" in headers) == (sheet.kind == "vermeden")
    assert ("Wet" in headers) == (sheet.soort == "zorg")
    assert ws.protection.sheet is True and not ws.protection.password
    first, last = spec.HEADER_ROW + 1, spec.HEADER_ROW + spec.INPUT_ROWS
    assert last - first + 1 >= 40
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    for i, col in enumerate(sheet.columns):
        col_letter = chr(65 + i)
        cell = ws.cell(first, i + 1)
        if col.invoer:
            dv = validations[f"{col_letter}{first}:{col_letter}{last}"]
            assert (dv.promptTitle, dv.prompt) == (col.header, col.help)
            assert cell.protection.locked is False
        else:
            assert cell.protection.locked is True
            assert str(cell.value).startswith("=")
    # the helper formulas sit on the hidden, protected Hulp sheet, row for row; no hidden columns here
    assert ws.max_column == len(sheet.columns)
    assert not any(d.hidden for d in ws.column_dimensions.values())
    hulp, refs = ws.parent["Hulp"], line_refs(sheet)
    helpers = [hulp[f"{refs[key]}{spec.HEADER_ROW}"] for key in ("rij", "lijst", "gestart", "open")]
    assert [h.value for h in helpers] == [f"{sheet.name}: {key}" for key in ("rij", "lijst", "gestart", "open")]
    assert hulp.protection.sheet is True
    for h in helpers:
        assert str(hulp[f"{h.column_letter}{first}"].value).startswith("=")
    lijst = helpers[1].column_letter
    post = validations[f"{letter(sheet, 'post')}{first}:{letter(sheet, 'post')}{last}"]
    assert (post.type, post.formula1, post.errorStyle) == ("list", f"INDIRECT(Hulp!${lijst}{first})", "warning")
    quoted = quote_sheetname(sheet.name)
    expected = '"Inzet_alle"' if sheet.kind == "inzet" else f'IF(TRIM({quoted}!A{first})="","Zorg_alle",'
    assert hulp[f"{lijst}{first}"].value.startswith("=" + expected)


def test_line_values_and_sheet_total_are_formulas(wb):
    ws = wb["Vermeden zorg"]
    assert ws["G5"].value == (
        '=IF(OR(Hulp!M5="",D5="",E5=""),"",IFERROR(IF(Hulp!R5=1,0,ROUND(D5*F5*E5/100*Batenfactor,2)),""))'
    )
    # N: 1 when a bundle on this sheet already holds this line's post (the Bundels list of its code)
    assert ws.parent["Hulp"]["R5"].value == (
        '=IF(M5="",0,IF(SUMPRODUCT(ISNUMBER(SEARCH("|"&Hulp!$Q$5:$Q$44&"|",INDEX(Bundels,M5)))*(Hulp!$Q$5:$Q$44<>""))'
        ">0,1,0))"
    )
    casus = ws.parent["Casus"]
    labels = {casus.cell(r, 1).value: r for r in range(1, casus.max_row + 1)}
    assert ws.parent.defined_names["Batenfactor"].attr_text == f"Casus!$B${labels['Factor vermeden zorg']}"
    assert casus.cell(labels["Factor vermeden zorg"], 2).value == (
        f'=IF(B10="overleden",0,IF(TRIM(B12)="",1,B12/100))*B{labels["Horizonfactor"]}'
    )
    assert ws["F5"].value == '=IF(Hulp!M5="","",INDEX(Prijzen,Hulp!M5))'
    assert ws["C5"].value == '=IF(Hulp!M5="","",INDEX(Eenheden,Hulp!M5))'
    assert (ws["F1"].value, ws["G1"].value) == ("Totaal", "=SUM(G5:G44)")
    ws = wb["Inzet"]
    assert ws["E5"].value == '=IF(OR(Hulp!A5="",C5=""),"",IFERROR(ROUND(C5*D5,2),""))'
    assert (ws["D1"].value, ws["E1"].value) == ("Totaal", "=SUM(E5:E44)")


def test_dependent_dropdowns_per_law_frequent_items_first(wb, real):
    ws = wb["Vermeden zorg"]
    laws = named_range(wb, "Wetten")
    assert laws == [w for w in WETTEN if any(i.wet == w and i.soort == "zorg" for i in real.items.values())]
    wet = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}["A5:A44"]
    assert (wet.type, wet.formula1) == ("list", "Wetten")
    assert named_range(wb, "WetLijsten") == [wet_name(w) for w in laws]
    assert wet_name("Wmo 2015") == "Wet_Wmo_2015"
    rank = {code: i for i, code in enumerate(spec.VEELGEBRUIKT)}
    for law in laws:
        labels = named_range(wb, wet_name(law))
        items = [real.zoek(label) for label in labels]
        assert {i.code for i in items} == {i.code for i in real.van_soort("zorg", keuzelijst=True) if i.wet == law}
        keys = [(rank.get(i.code, len(rank)), i.code) for i in items]
        assert keys == sorted(keys), law
    assert named_range(wb, "Wet_Zvw")[:3] == [real.items[c].label for c in ("ZVW-HA-01", "ZVW-GGZ-02", "ZVW-SEH-01")]
    inzet = named_range(wb, "Inzet_alle")
    assert inzet[:3] == [real.items[c].label for c in ("INZ-SW-01", "INZ-VW-01", "INZ-GA-01")]
    assert len(named_range(wb, "Zorg_alle")) == len(real.van_soort("zorg", keuzelijst=True))


def test_frequent_items_exist_and_cover_the_example_cases(real):
    assert len(set(spec.VEELGEBRUIKT)) == len(spec.VEELGEBRUIKT)
    assert [c for c in spec.VEELGEBRUIKT if c not in real.items] == []
    sys.path.insert(0, str(ROOT / "cases"))
    try:
        import maak_voorbeelden
    finally:
        sys.path.remove(str(ROOT / "cases"))
    used = {line[0] for case in maak_voorbeelden.CASES.values() for kind in ("inzet", "ingezet", "vermeden")
            for line in getattr(case, kind)}  # fmt: skip
    assert sorted(used - set(spec.VEELGEBRUIKT)) == []


def test_kans_is_a_dropdown_of_classes_with_their_meaning(wb):
    ws = wb["Vermeden zorg"]
    dv = {str(d.sqref): d for d in ws.data_validations.dataValidation}["E5:E44"]
    assert (dv.type, dv.formula1, dv.errorStyle) == ("list", "Kansklassen", None)
    assert named_range(wb, "Kansklassen") == [10, 25, 50, 75, 90, 100]
    assert dv.prompt == (
        "De kans dat deze zorg zonder uw inzet nodig was geweest en nu niet meer nodig is. Kies een klasse: "
        "10 = onwaarschijnlijk, "
        "25 = kleine kans, 50 = mogelijk, 75 = waarschijnlijk, 90 = zeer waarschijnlijk, 100 = zeker (zelden)."
    )


def test_unit_price_on_lijsten_is_rounded_to_cents_at_the_price_level(wb, real):
    rows = {r[0]: r for r in wb["Lijsten"].iter_rows(min_row=2, max_col=7, values_only=True) if r[0]}
    assert set(rows) == set(real.items)
    assert rows["INZ-SW-01"][4] == float(real.prijs_op_peil("INZ-SW-01", 2025)) == 90.92
    assert rows["ZVW-HA-01"][1:4] == (real.items["ZVW-HA-01"].label, "Zvw", "per contact")


# -- what a worker must type -----------------------------------------------------------------------------


def required_inputs():
    """The cells a worker must fill at minimum: required case fields without a default, plus one line of
    own work (a case without lines is rejected)."""
    fields = [f.label for f in spec.CASE_FIELDS if f.required and f.default is None]
    line = [f"Inzet: {c.header}" for c in spec.LINE_SHEET_BY_KIND["inzet"].columns if c.verplicht]
    return fields + line


def test_required_inputs_are_few():
    assert required_inputs() == [
        "Casusnummer",
        "Domein",
        "Einddatum",
        "Afsluitreden",
        "Aandeel eigen inzet (%)",
        "Inzet: Post",
        "Inzet: Aantal",
    ]
    required = [f for f in spec.CASE_FIELDS if f.required and f.default is None]
    assert all(f.type in ("keuze", "datum") or f.key == "casusnummer" for f in required)  # single choices
    vermeden = spec.LINE_SHEET_BY_KIND["vermeden"]
    assert [c.header for c in vermeden.columns if c.verplicht] == ["Post", "Aantal", "Kans (%)", "Toelichting"]
    assert [c.header for c in vermeden.columns if c.invoer and not c.verplicht] == ["Wet"]


MINIMAAL = {
    "casusnummer": "K-1",
    "domein": "overig",
    "einddatum": date(2026, 3, 1),
    "afsluitreden": "doel bereikt",
    "aandeel": "75",
}


def test_the_required_inputs_are_enough(tmp_path, real_template, real):
    path = fill_template(real_template, tmp_path / "k.xlsx", CaseInput(dict(MINIMAAL), inzet=[("INZ-SW-01", 2, None)]))
    result = read_case(path, real, VANDAAG)
    assert result.findings == []
    assert [(x.code, x.aantal) for x in result.case.lines] == [("INZ-SW-01", 2)]


@pytest.mark.parametrize(
    "drop, expected",
    [
        ("casusnummer", ("Casus", "B4", "veld-verplicht")),
        ("domein", ("Casus", "B7", "veld-verplicht")),
        ("einddatum", ("Casus", "B9", "veld-verplicht")),
        ("afsluitreden", ("Casus", "B10", "veld-verplicht")),
        ("aandeel", ("Casus", "B12", "veld-verplicht")),
        ("post", ("Inzet", "A5", "regel-zonder-post")),
        ("aantal", ("Inzet", "C5", "regel-zonder-aantal")),
    ],
)
def test_each_required_input_is_needed(tmp_path, real_template, real, drop, expected):
    casus = {k: v for k, v in MINIMAAL.items() if k != drop}
    line = (None if drop == "post" else "INZ-SW-01", None if drop == "aantal" else 2, None)
    path = fill_template(real_template, tmp_path / "k.xlsx", CaseInput(casus, inzet=[line]))
    found = [(f.blad, f.cel, f.code) for f in read_case(path, real, VANDAAG).findings]
    assert found == [expected]


def test_required_cells_are_highlighted_until_filled(wb, real_template):
    def rules(ws):
        return {str(cf.sqref): [r.formula for r in cf.rules] for cf in ws.conditional_formatting}

    casus = rules(wb["Casus"])
    for cell in ("B4", "B7", "B9", "B10", "B12"):
        assert casus[cell] == [[f'TRIM({cell})=""']]
    assert casus["B19"] == [["B19=0"], ["B19>0"]]  # the count of open cells: green at 0
    vermeden = rules(wb["Vermeden zorg"])
    for col in "BDEH":
        struck = [["Hulp!$R5=1"]] if col == "B" else []  # a part of a bundle: struck through (post and value)
        assert vermeden[f"{col}5:{col}44"] == [[f'AND(Hulp!$O5=1,TRIM({col}5)="")'], *struck]
    assert vermeden["G5:G44"] == [["Hulp!$R5=1"]]
    # law and post differ
    assert vermeden["A5:A44"] == [['AND($A5<>"",Hulp!$M5<>"",INDEX(PostWet,MAX(1,Hulp!$M5))<>$A5)']]
    inzet = rules(wb["Inzet"])
    assert inzet["A5"] == inzet["C5"] == [["GeenRegels"]]
    assert wb.defined_names["GeenRegels"].attr_text == (
        "(SUM(Hulp!$C$5:$C$44)+SUM(Hulp!$I$5:$I$44)+SUM(Hulp!$O$5:$O$44))=0"
    )
    ws = wb["Casus"]
    assert openpyxl.load_workbook(real_template, data_only=True)["Casus"]["B19"].value == 7
    assert (ws["A19"].value, ws["B19"].value) == (
        "Nog in te vullen",
        '=(TRIM(B4)="")+(TRIM(B7)="")+(TRIM(B9)="")+(TRIM(B10)="")+(TRIM(B12)="")+SUM(Hulp!$D$5:$D$44)'
        "+SUM(Hulp!$J$5:$J$44)+SUM(Hulp!$P$5:$P$44)+IF(GeenRegels,2,0)",
    )
    v = "'Vermeden zorg'!"
    assert wb["Hulp"]["P5"].value == (
        f'=IF(O5=1,(TRIM({v}B5)="")+(TRIM({v}D5)="")+(TRIM({v}E5)="")+(TRIM({v}H5)=""),0)'
    )
    assert wb["Hulp"]["O5"].value == f'=IF(TRIM({v}A5&{v}B5&{v}D5&{v}E5&{v}H5)<>"",1,0)'


def test_prints_on_a4(wb):
    for ws in wb.worksheets[:-2]:  # not the hidden Lijsten and Hulp
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_area, ws.title
    for sheet in spec.LINE_SHEETS:
        ws = wb[sheet.name]
        # every input row on one page: no printed page holds only empty rows
        assert ws.page_setup.fitToHeight in (None, 1) and ws.page_setup.fitToWidth in (None, 1)  # 1 is the default
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == f"${spec.HEADER_ROW}:${spec.HEADER_ROW}"
        last = chr(64 + len(sheet.columns))
        assert ws.print_area == f"'{sheet.name}'!$A$1:${last}${spec.HEADER_ROW + spec.INPUT_ROWS}"


# -- filling ---------------------------------------------------------------------------------------------


def test_fill_picks_the_law_as_a_worker_would(tmp_path, real_template, real):
    label = real.items["WMO-BG-12"].label
    path = make_case(
        real_template,
        tmp_path / "c.xlsx",
        ingezet=[("WGS-SHV-01", 1, "doorverwezen")],
        vermeden=[("zvw-ha-01", 4, 75, "x"), (label, 52, 50, "y"), ("XX-1", 1, 50, "z"), ("INZ-SW-01", 1, 50, "w")],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Vermeden zorg"]
    assert [[ws.cell(r, c).value for c in (1, 2, 4, 5, 8)] for r in range(5, 9)] == [
        ["Zvw", "zvw-ha-01", 4, 75, "x"],
        ["Wmo 2015", label, 52, 50, "y"],
        [None, "XX-1", 1, 50, "z"],
        [None, "INZ-SW-01", 1, 50, "w"],  # an inzet item: no law on this sheet
    ]
    assert wb["Ingezette zorg"]["A5"].value == "Wgs"


# -- numbered and pre-filled templates ---------------------------------------------------------------------


def test_prefill_team_and_worker(tmp_path, real):
    path = write_template(tmp_path / "t.xlsx", real, prefill={"team": "Noord", "werker": "W12"})
    ws = openpyxl.load_workbook(path)["Casus"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert (values["Team"], values["Werker"], values["Horizon (maanden)"]) == ("Noord", "W12", 12)
    assert values["Casusnummer *"] is None


def test_numbered_paths_and_case_numbers():
    assert [p.name for p in numbered_paths(Path("a/casus.xlsx"), 3)] == [
        "casus-001.xlsx",
        "casus-002.xlsx",
        "casus-003.xlsx",
    ]
    assert [p.name for p in numbered_paths(Path("c.xlsx"), 2, vanaf=999)] == ["c-0999.xlsx", "c-1000.xlsx"]
    assert casusnummer("Noord Oost", "w 12", 7) == "NOORD-OOST-W-12-007"
    assert casusnummer(None, "W12", 7) == "W12-007"
    assert casusnummer("Noord", None, 7) is None  # without a worker code the number would not be unique


def test_write_templates_numbers_and_never_overwrites(tmp_path, real):
    paths = write_templates(tmp_path / "casus.xlsx", real, 2, vanaf=4, prefill={"team": "Noord", "werker": "W12"})
    assert [p.name for p in paths] == ["casus-004.xlsx", "casus-005.xlsx"]
    numbers = [openpyxl.load_workbook(p)["Casus"]["B4"].value for p in paths]
    assert numbers == ["NOORD-W12-004", "NOORD-W12-005"]
    # the stored count of open required cells (shown by LibreOffice before any recalculation)
    assert openpyxl.load_workbook(paths[0], data_only=True)["Casus"]["B19"].value == 6
    paths[1].write_bytes(b"mijn casus")
    with pytest.raises(FileExistsError, match="casus-005.xlsx"):
        write_templates(tmp_path / "casus.xlsx", real, 3, vanaf=4)
    assert paths[1].read_bytes() == b"mijn casus" and not (tmp_path / "casus-006.xlsx").exists()
    write_templates(tmp_path / "casus.xlsx", real, 2, vanaf=4, overschrijven=True)
    assert openpyxl.load_workbook(paths[1])["Casus"]["B4"].value is None


def cli(*args):
    return CliRunner().invoke(main, ["template", *map(str, args)], prog_name="rendementsmeter")


def test_cli_numbered_templates(tmp_path, real):
    out = tmp_path / "casus.xlsx"
    result = cli("-o", out, "--team", "Noord", "--werker", "W12", "--aantal", 3)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"3 sjablonen geschreven: {tmp_path / 'casus-001.xlsx'} tot en met casus-003.xlsx "
        f"(prijspeil 2025, prijslijst {real.versie}, 156 posten)\n"
        "Casusnummers: NOORD-W12-001 tot en met NOORD-W12-003.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casus-001.xlsx", "casus-002.xlsx", "casus-003.xlsx"]
    result = cli("-o", out, "--aantal", 4)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Fout: {tmp_path / 'casus-001.xlsx'}, {tmp_path / 'casus-002.xlsx'}, {tmp_path / 'casus-003.xlsx'} "
        "bestaan al; kies een andere naam, --vanaf of gebruik --overschrijven.\n"
    )
    assert not (tmp_path / "casus-004.xlsx").exists()
    result = cli("-o", out, "--aantal", 1, "--vanaf", 4)
    assert (result.exit_code, result.output) == (
        0,
        f"1 sjabloon geschreven: {tmp_path / 'casus-004.xlsx'} (prijspeil 2025, prijslijst {real.versie}, 156 posten)\n",
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--aantal", "0"], "Fout: Ongeldige waarde voor '--aantal': kies een aantal van 1 tot en met 200.\n"),
        (
            ["--aantal", "2", "--vanaf", "0"],
            "Fout: Ongeldige waarde voor '--vanaf': het eerste volgnummer is 1 of hoger.\n",
        ),
        (["--vanaf", "3"], "Fout: --vanaf werkt alleen samen met --aantal.\n"),
    ],
)
def test_cli_numbering_usage_errors(tmp_path, args, message):
    result = cli("-o", tmp_path / "c.xlsx", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(message)
    assert list(tmp_path.iterdir()) == []


# -- the committed template and the round trip --------------------------------------------------------------


def test_committed_template_is_current(real):
    assert COMMITTED.is_file(), "run: python -m rendementsmeter template -o templates/casus-sjabloon.xlsx"
    fresh = write_template(COMMITTED.parent.parent / ".pytest-fresh-template.xlsx", real)
    try:
        assert template_fingerprint(COMMITTED) == template_fingerprint(fresh), (
            "templates/casus-sjabloon.xlsx is stale; regenerate it with "
            "`rendementsmeter template -o templates/casus-sjabloon.xlsx --overschrijven`"
        )
    finally:
        fresh.unlink()


def test_example_cases_keep_the_form_of_the_current_template():
    """Filling (openpyxl) keeps dropdowns, messages, highlighting, names and protection; and the examples
    were made from the committed template."""
    form = template_fingerprint(COMMITTED, values=False)
    for path in sorted((ROOT / "cases" / "voorbeeld").glob("*.xlsx")):
        assert template_fingerprint(path, values=False) == form, (
            f"{path.name} is stale; regenerate with `python cases/maak_voorbeelden.py`"
        )


posts = st.sampled_from(["ZVW-HA-01", "WMO-BG-12", "ZVW-SEH-01", "PW-BIJ-01", "WGS-DW-02"])
amounts = st.decimals(min_value="0.5", max_value="500", places=1)
texts = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=60).map(str.strip)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    vermeden=st.lists(st.tuples(posts, amounts, st.sampled_from([10, 25, 50, 75, 90, 100]), texts), max_size=6),
    hours=amounts,
    casusnummer=st.from_regex(r"[A-Z]{2,5}-[0-9]{1,4}", fullmatch=True),
    samenvatting=texts,
    start=st.dates(date(2020, 1, 1), date(2025, 12, 31)),
)
def test_round_trip(tmp_path_factory, real_template, real, vermeden, hours, casusnummer, samenvatting, start):
    path = tmp_path_factory.mktemp("rt") / "casus.xlsx"
    make_case(
        real_template,
        path,
        {"casusnummer": casusnummer, "samenvatting": samenvatting, "startdatum": start, "einddatum": date(2026, 1, 15)},
        inzet=[("INZ-SW-01 – " + real.items["INZ-SW-01"].omschrijving + " (per uur)", float(hours), "uren")],
        vermeden=[(p, float(a), k, t) for p, a, k, t in vermeden],
    )
    result = read_case(path, real, VANDAAG)
    assert result.fouten == []
    c = result.case
    assert (c.casusnummer, c.samenvatting, c.startdatum, c.einddatum) == (
        casusnummer,
        samenvatting,
        start,
        date(2026, 1, 15),
    )
    assert [(x.code, x.aantal) for x in c.lines if x.kind == "inzet"] == [("INZ-SW-01", hours)]
    assert [(x.code, x.aantal, x.kans, x.toelichting) for x in c.lines if x.kind == "vermeden"] == vermeden
