"""Personal data: recognised (and near misses left alone), named without echoing the value, masked in
every output, and the template says plainly what must not be typed."""

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rendementsmeter import read_cases
from rendementsmeter.cli import main
from rendementsmeter.read import privacy
from rendementsmeter.spec import casus as spec

from conftest import VANDAAG, flat, make_case

POSITIVES = [
    ("BSN 111222333 gemeld", ["bsn"]),
    ("bsn: 1112.22.333", ["bsn"]),
    ("bsn 111 222 333", ["bsn"]),
    ("IBAN NL91 ABNA 0417 1643 00 voor de huur", ["iban"]),
    ("rekening nl91abna0417164300.", ["iban"]),
    ("BE68539007547034", ["iban"]),
    ("mail jan.de.vries@voorbeeld.nl graag", ["email"]),
    ("tel 06-12345678", ["telefoon"]),
    ("06 12 34 56 78", ["telefoon"]),
    ("0612345678", ["telefoon"]),
    ("+31 6 12345678", ["telefoon"]),
    ("+31(0)6-12345678", ["telefoon"]),
    ("0031 10 1234567", ["telefoon"]),
    ("(010) 123 45 67", ["telefoon"]),
    ("010-1234567 (thuis)", ["telefoon"]),
    ("06 12345678 3 keer gebeld", ["telefoon"]),
    ("Dorpsstraat 12, 3311 AB Dordrecht", ["adres"]),
    ("3311 AB 12", ["adres"]),
    ("3311AB, nr. 12a", ["adres"]),
    ("geboren op 12-03-1950", ["geboortedatum"]),
    ("geb. 12/3/50, weduwe", ["geboortedatum"]),
    ("geboortedatum: 1950-03-12", ["geboortedatum"]),
    ("Geboren 12 maart 1950 in Dordrecht", ["geboortedatum"]),
    ("bsn 111222333, 06-12345678 en a@b.nl", ["bsn", "telefoon", "email"]),
]

#: every Unicode space and dash class, dots, slashes, any case (issue 13)
SPELLINGS = [
    ("06\u201312345678", "telefoon"),  # en dash
    ("06\u201412345678", "telefoon"),  # em dash
    ("06\u221212345678", "telefoon"),  # minus sign
    ("06\u201112345678", "telefoon"),  # non-breaking hyphen
    ("06\u00a012345678", "telefoon"),  # no-break space
    ("06\u202f12345678", "telefoon"),  # narrow no-break space
    ("06\u2009123\u200945678", "telefoon"),  # thin spaces
    ("06\t12345678", "telefoon"),
    ("06\u200b12345678", "telefoon"),  # zero-width space
    ("06.12.34.56.78", "telefoon"),
    ("06/12345678", "telefoon"),
    ("\uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", "telefoon"),  # full-width digits
    ("+31\u00a06\u00a012345678", "telefoon"),
    ("bsn 111.222.333", "bsn"),
    ("bsn 111-222-333", "bsn"),
    ("bsn 111/222/333", "bsn"),
    ("bsn 111\u00a0222\u00a0333", "bsn"),
    ("NL91-ABNA-0417-1643-00", "iban"),
    ("nl91 abna 0417 1643 00", "iban"),
    ("NL91.ABNA.0417.1643.00", "iban"),
    ("NL91\u00a0ABNA\u00a00417\u00a01643\u00a000", "iban"),
    ("3311ab12", "adres"),
    ("3311 ab 12", "adres"),
    ("3311-AB-12", "adres"),
    ("3311\u00a0AB\u00a012", "adres"),
    ("geboren\u00a012-03-1950", "geboortedatum"),
    ("GEBOREN 12.03.1950", "geboortedatum"),
    ("geb.\u2009 12 \u2013 03 \u2013 1950", "geboortedatum"),
    ("geboren 12 03 1950", "geboortedatum"),
    ("Geb. 12/03/1950", "geboortedatum"),
    ("jan\u00a0@\u00a0voorbeeld.nl", "email"),
    ("JAN@VOORBEELD.NL", "email"),
]


@pytest.mark.parametrize("text, kind", SPELLINGS)
def test_every_spelling_of_separators_is_recognised(text, kind):
    masked, found = privacy.mask(f"notitie {text} eind")
    assert found == [kind]
    assert masked.startswith("notitie ") and masked.endswith(" eind")
    digits = "".join(ch for ch in text if ch.isdigit())
    assert not digits or digits not in "".join(ch for ch in masked if ch.isdigit())


def test_messages_show_values_masked_and_control_characters_escaped():
    assert privacy.shown("06\u201312345678") == "[telefoonnummer afgeschermd]"
    assert privacy.shown(612345678.0) == "[telefoonnummer afgeschermd]"  # 06 12345678 typed as a number
    assert privacy.shown("a\r\nb\x00") == "a\\r\\nb\\x00"
    assert privacy.shown(0.75) == "0,75"
    assert privacy.shown("x" * 100) == "x" * 59 + "…"


NEAR_MISSES = [
    "123456789 is een bedrag, geen BSN (faalt de elfproef)",
    "dossier 2026-0014, 3 gesprekken",
    "NL91ABNA0417164301 (controlegetal klopt niet)",
    "06-1234567 (een cijfer te weinig)",
    "bel 0900-8020 of 0800-1234 (servicenummers)",
    "op 01-03-2026 12 uur huisbezoek",
    "2024 in 3 maanden",
    "geboren in 1950 (alleen een jaar)",
    "huisbezoek 12-03-2025",
    "kosten € 123.456.789 en 1.234,56",
    "info-at-gemeente punt nl",
    "ZVW-HA-01 – Huisartsconsult (per contact)",
    "2024 en 12 gesprekken",
    "op 01.03.2026 12 uur",
    "01/03/2026 12 uur huisbezoek",
    "dossier 2026\u20130014, 3 gesprekken",
]


@pytest.mark.parametrize("text, kinds", POSITIVES)
def test_personal_data_is_recognised(text, kinds):
    masked, found = privacy.mask(text)
    assert found == kinds
    for hit in privacy.scan(text):
        assert text[hit.start : hit.end] not in masked


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_left_alone(text):
    assert privacy.scan(text) == []
    assert privacy.mask(text) == (text, [])


def test_masking_replaces_only_the_value():
    assert privacy.mask("Mevrouw (bsn 111222333) belde vanaf 06-12345678.") == (
        "Mevrouw (bsn [BSN afgeschermd]) belde vanaf [telefoonnummer afgeschermd].",
        ["bsn", "telefoon"],
    )


def test_elfproef_and_iban():
    assert privacy.elfproef("111222333") and privacy.elfproef("123456782")
    assert not privacy.elfproef("123456789") and not privacy.elfproef("000000000") and not privacy.elfproef("12345678")
    assert privacy.iban_valid("NL91 ABNA 0417 1643 00") and not privacy.iban_valid("NL91 ABNA 0417 1643 01")
    assert not privacy.iban_valid("NL91ABNA041716430")  # an NL IBAN has 18 characters


def test_a_bsn_typed_as_a_number_is_caught():
    assert privacy.mask_value(111222333.0) == ("[BSN afgeschermd]", ["bsn"])
    assert privacy.mask_value(123456789) == (123456789, [])
    assert privacy.mask_value(12.5) == (12.5, [])


def test_kinds_are_named_in_dutch():
    assert privacy.describe(["bsn"]) == "een BSN"
    assert privacy.describe(["bsn", "email", "telefoon"]) == "een BSN, een e-mailadres en een telefoonnummer"


# -- in case files ------------------------------------------------------------------------------

PLANTED = {
    "bsn": "111222333",
    "iban": "NL91ABNA0417164300",
    "email": "j.jansen@voorbeeld.nl",
    "telefoon": "06-98765432",
    "adres": "3311 AB 12",
    "geboortedatum": "14-07-1948",
}


def test_a_hit_names_cell_and_kind_never_the_value(tmp_path, mini_template, mini):
    path = make_case(
        mini_template,
        tmp_path / "c.xlsx",
        casus={"samenvatting": f"Mevrouw, geboren {PLANTED['geboortedatum']}, woont op {PLANTED['adres']}."},
        inzet=[("INZ-SW-01", 10, "gesprekken")],
        vermeden=[("ZVW-HA-01", 4, 75, f"bellen via {PLANTED['telefoon']}")],
    )
    results = read_cases([path], mini, vandaag=VANDAAG)
    toelichting = spec.LINE_SHEET_BY_KIND["vermeden"].keys.index("toelichting")
    assert flat(results) == [
        ("c.xlsx", "Casus", "B14", "persoonsgegevens"),
        ("c.xlsx", "Vermeden zorg", f"{chr(65 + toelichting)}5", "persoonsgegevens"),
    ]
    assert results[0].findings[0].melding == (
        "Deze cel bevat een geboortedatum en een postcode met huisnummer. Haal het uit het bestand en sla op: "
        "persoonsgegevens horen niet in een casus (AVG). In alle uitvoer is het afgeschermd; de casus telt pas mee "
        "als het eruit is."
    )
    case = results[0].case
    assert case.samenvatting == "Mevrouw, geboren [geboortedatum afgeschermd], woont op [adres afgeschermd]."
    assert case.lines[-1].toelichting == "bellen via [telefoonnummer afgeschermd]"
    assert results[0].status == "afgewezen"  # counted only once the file is clean


def test_a_story_is_scanned_and_one_with_personal_data_is_never_publishable(tmp_path, mini_template, mini):
    story = {
        "verhaal_situatie": "Een oudere vrouw, alleen sinds haar man overleed.",
        "verhaal_gedaan": "Een maatje en de kookgroep.",
        "verhaal_veranderd": "Ze kookt weer en gaat naar het buurthuis.",
        "verhaal_in_rapport": "ja",
    }
    good = make_case(mini_template, tmp_path / "goed.xlsx", casus=story, inzet=[("INZ-SW-01", 10, "x")])
    planted = {**story, "verhaal_gedaan": f"Gebeld via {PLANTED['telefoon']}."}
    bad = make_case(mini_template, tmp_path / "fout.xlsx", casus=planted, inzet=[("INZ-SW-01", 10, "x")])
    nee = make_case(
        mini_template, tmp_path / "nee.xlsx", casus={**story, "verhaal_in_rapport": None}, inzet=[("INZ-SW-01", 1, "x")]
    )
    results = {Path(r.pad).name: r for r in read_cases([good, bad, nee], mini, vandaag=VANDAAG)}
    assert results["goed.xlsx"].case.verhaal == (story["verhaal_situatie"], story["verhaal_gedaan"],
                                                 story["verhaal_veranderd"], True, False)  # fmt: skip
    assert results["goed.xlsx"].case.verhaal.publiceerbaar
    assert flat([results["fout.xlsx"]]) == [("fout.xlsx", "Casus", "B16", "persoonsgegevens")]
    verhaal = results["fout.xlsx"].case.verhaal
    assert verhaal.gedaan == "Gebeld via [telefoonnummer afgeschermd]." and verhaal.afgeschermd
    assert not verhaal.publiceerbaar and results["fout.xlsx"].status == "afgewezen"
    assert not results["nee.xlsx"].case.verhaal.publiceerbaar  # the template's default is nee


def test_a_sheet_name_with_personal_data(tmp_path, mini_template, mini):
    path = make_case(mini_template, tmp_path / "c.xlsx", inzet=[("INZ-SW-01", 1, "x")])
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Mevr. 06-98765432")
    wb.save(path)
    results = read_cases([path], mini, vandaag=VANDAAG)
    assert flat(results) == [
        ("c.xlsx", "Mevr. [telefoonnummer afgeschermd]", "", "persoonsgegevens"),
        ("c.xlsx", "Mevr. [telefoonnummer afgeschermd]", "", "blad-onbekend"),
    ]
    assert results[0].findings[0].melding == (
        "De naam van dit werkblad bevat een telefoonnummer. Geef het blad een andere naam; persoonsgegevens horen "
        "niet in een casus (AVG)."
    )


def _planted_cases(folder: Path, template: Path) -> None:
    """Personal data everywhere a worker could type it: every case is rejected, nothing may leak."""
    p = PLANTED
    make_case(template, folder / "samenvatting.xlsx", casus={"samenvatting": f"bsn {p['bsn']}, IBAN {p['iban']}"})
    make_case(template, folder / "casusnummer.xlsx", casus={"casusnummer": p["email"], "werker": p["telefoon"]})
    make_case(template, folder / "team.xlsx", casus={"team": f"wijk {p['adres']}", "leefgebieden": p["bsn"]})
    make_case(
        template,
        folder / "regels.xlsx",
        inzet=[(p["email"], 1, "x")],
        vermeden=[("ZVW-HA-01", p["telefoon"], 50, f"geb. {p['geboortedatum']}"), ("ZVW-HA-01", 1, 50, int(p["bsn"]))],
    )
    extra = make_case(template, folder / "extra-blad.xlsx")
    wb = openpyxl.load_workbook(extra)
    wb.create_sheet(f"Notities {p['telefoon']}").cell(1, 1, f"mail {p['email']}")
    wb.save(extra)
    make_case(template, folder / f"casus {p['bsn']}.xlsx")


def test_planted_personal_data_never_reaches_an_output(tmp_path, mini_template, mini_files):
    folder = tmp_path / "casussen"
    folder.mkdir()
    _planted_cases(folder, mini_template)
    make_case(mini_template, folder / "schoon.xlsx", inzet=[("INZ-SW-01", 10, "gesprekken")])
    runner = CliRunner()
    args = ["--prijslijst", str(mini_files[0])]
    check = runner.invoke(main, ["check", str(folder), *args])
    check_json = runner.invoke(main, ["check", str(folder), "--json", *args])
    out = tmp_path / "bc.xlsx"
    bc = runner.invoke(main, ["businesscase", str(folder), "-o", str(out), "--json", *args])
    assert (check.exit_code, check_json.exit_code, bc.exit_code) == (1, 1, 1)

    data = json.loads(check_json.stdout)
    by_name = {Path(b["pad"]).name: b for b in data["bestanden"]}
    assert by_name["schoon.xlsx"]["status"] == "opgenomen"
    assert by_name["casus [BSN afgeschermd].xlsx"]["status"] == "afgewezen"
    pii = [b for name, b in by_name.items() if name != "schoon.xlsx"]
    assert all(any(f["code"] == "persoonsgegevens" for f in b["bevindingen"]) for b in pii)
    assert json.loads(bc.stdout)["casussen"] == 1

    texts = [check.output, check_json.output, bc.output]
    with zipfile.ZipFile(out) as zf:
        texts += [zf.read(n).decode("utf-8", "replace") for n in zf.namelist()]
    everything = "\n".join(texts)
    variants = set(PLANTED.values()) | {"0698765432", "98765432", "3311AB", "NL91 ABNA", "1948"}
    assert [v for v in variants if v in everything] == []
    assert "[BSN afgeschermd]" in everything and "[e-mailadres afgeschermd]" in everything


def test_near_misses_stay_in_the_output_and_the_case_counts(tmp_path, mini_template, mini_files):
    folder = tmp_path / "casussen"
    folder.mkdir()
    lines = [("ZVW-HA-01", 1, 50, text) for text in NEAR_MISSES[:6]]
    make_case(mini_template, folder / "bijna.xlsx", inzet=[("INZ-SW-01", 2, "x")], vermeden=lines)
    out = tmp_path / "bc.xlsx"
    result = CliRunner().invoke(main, ["businesscase", str(folder), "-o", str(out), "--prijslijst", str(mini_files[0])])
    assert result.exit_code == 0, result.output
    values = {c for row in openpyxl.load_workbook(out)["Regels"].iter_rows(values_only=True) for c in row}
    assert set(NEAR_MISSES[:6]) <= values


def test_no_false_alarms_on_the_template_and_the_example_cases(mini_template, mini):
    examples = Path(__file__).resolve().parent.parent / "cases" / "voorbeeld"
    for path in [mini_template, *sorted(examples.glob("*.xlsx"))]:
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for value in row:
                    assert privacy.mask_value(value)[1] == [], (path.name, ws.title, value)


def test_the_template_says_where_the_worker_types_what_must_not_be_entered(mini_template):
    wb = openpyxl.load_workbook(mini_template)
    prompts = {}
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                prompts[(ws.title, rng.min_col, rng.min_row)] = dv.prompt or ""
    casus = wb[spec.CASE_SHEET]
    row = next(r for r in range(1, casus.max_row + 1) if str(casus.cell(r, 1).value).startswith("Samenvatting"))
    assert spec.PRIVACY_ZIN in prompts[(spec.CASE_SHEET, 2, row)]
    for sheet in spec.LINE_SHEETS:
        col = sheet.keys.index("toelichting") + 1
        assert spec.PRIVACY_ZIN in prompts[(sheet.name, col, spec.HEADER_ROW + 1)], sheet.name
        top = " ".join(str(c) for row in wb[sheet.name].iter_rows(max_row=3, values_only=True) for c in row if c)
        assert spec.PRIVACY_ZIN in top, sheet.name


def test_the_templates_own_price_list_version_is_no_postcode(tmp_path):
    """A version hash such as 7128ba5afc56 reads like '7128 BA 5'; typed personal data in that cell still counts."""
    import dataclasses

    import openpyxl

    from rendementsmeter import load_prijslijst, read_case, write_template
    from rendementsmeter.spec import casus as spec

    from conftest import VANDAAG, make_case

    pl = dataclasses.replace(load_prijslijst(), versie="7128ba5afc56")
    template = write_template(tmp_path / "sjabloon.xlsx", pl)
    case = make_case(template, tmp_path / "a.xlsx", {"casusnummer": "A", "afsluitreden": "doel bereikt",
                                                     "aandeel": 100}, inzet=[("INZ-SW-01", 2, "gesprek")])  # fmt: skip
    assert [f.code for f in read_case(case, pl, vandaag=VANDAAG).findings if f.is_fout] == []
    wb = openpyxl.load_workbook(case)
    ws = wb[spec.CASE_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Prijslijstversie")
    ws.cell(row, 2).value = "3311 AB 12"
    wb.save(tmp_path / "b.xlsx")
    found = [(f.code, f.cel) for f in read_case(tmp_path / "b.xlsx", pl, vandaag=VANDAAG).findings]
    assert ("persoonsgegevens", f"B{row}") in found


def test_a_visible_sheet_named_hulp_is_a_sheet_of_the_worker_and_is_checked(tmp_path):
    """The template's helper sheet `Hulp` is hidden and never read. A visible sheet of that name (a worker's own
    notes, or the helper sheet unhidden) is read and checked for personal data like any other extra sheet."""
    from rendementsmeter import load_prijslijst, read_case

    root = Path(__file__).resolve().parent.parent
    pl = load_prijslijst()
    source = root / "cases" / "voorbeeld" / "activering-01.xlsx"
    assert read_case(source, pl, vandaag=VANDAAG).findings == []  # hidden: not read, no warning
    wb = openpyxl.load_workbook(source)
    wb[spec.HULP_SHEET].sheet_state = "visible"
    wb[spec.HULP_SHEET]["A1"] = "Client Jan, BSN 111222333, tel 06-12345678"
    path = tmp_path / "met-hulp.xlsx"
    wb.save(path)
    result = read_case(path, pl, vandaag=VANDAAG)
    found = {(f.code, f.blad) for f in result.findings}
    assert ("persoonsgegevens", "Hulp") in found and ("blad-onbekend", "Hulp") in found
    assert result.status == "afgewezen"
    assert all("111222333" not in f.melding for f in result.findings)
