"""The template in a real spreadsheet program: LibreOffice recalculates filled templates, and the in-sheet
line values and totals must equal the aggregator's to the cent; dropdowns, input messages and protection
survive its round trip; a case it saves as .xlsx or .ods reads back the same; and the template renders as a
tidy A4 form (PNG artifacts).

Skipped without `soffice` (CI installs it). Three soffice starts in all, each converting a batch of files.
Set RENDEMENTSMETER_ARTEFACTEN to a folder to keep the PDFs and PNGs.
"""

import dataclasses
import os
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from rendementsmeter import businesscase, load_prijslijst, read_case, write_template
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.case_sheet import OPEN_LABEL
from rendementsmeter.template.cells import line_refs
from rendementsmeter.template.fill import CaseInput, fill_template
from rendementsmeter.template.writer import template_fingerprint

import libreoffice as lo
from conftest import VANDAAG, needs_program

pytestmark = needs_program(lo.SOFFICE, "LibreOffice (soffice)")

ROOT = Path(__file__).resolve().parent.parent
#: One example case per domain (each LibreOffice conversion costs about half a second per file).
EXAMPLES = sorted((ROOT / "cases" / "voorbeeld").glob("*-01.xlsx"))
CASUS = {"domein": "overig", "einddatum": date(2026, 3, 1), "afsluitreden": "doel bereikt", "aandeel": 100}
#: Lines whose exact value ends in half a cent, and decimal quantities: the in-sheet ROUND must agree.
AFRONDING = CaseInput(
    {**CASUS, "casusnummer": "AFR-1"},
    inzet=[("INZ-SW-02", 2.5, "uren"), ("INZ-GA-01", 0.5, None)],
    ingezet=[("WGS-SHV-01", 1, "traject")],
    vermeden=[
        ("ZVW-HA-01", 1, 50, "halve cent"),  # 34,19 × 0,5 = 17,095
        ("ZVW-HA-01", 1.5, 75, "decimaal aantal"),
        ("ZVW-POH-02", 3, 10, "kleine kans"),
        ("PW-BIJ-01", 6, 25, "overdracht"),
        ("WON-ONT-04", 1, 90, "bundelpost zonder onderdelen"),
    ],
)
MINIMAAL = CaseInput({**CASUS, "casusnummer": "MIN-1"}, inzet=[("INZ-SW-01", 2, None)])
#: Attribution and a long horizon: 12 × 34,19 × 50% × 75% × 0,978157 (36 months) = 150,494... -> 150,49.
HORIZON = CaseInput(
    {**CASUS, "casusnummer": "HOR-1", "aandeel": 75, "horizon": 36},
    inzet=[("INZ-SW-01", 2, None)],
    vermeden=[("ZVW-HA-01", 12, 50, "36 maanden"), ("ZVW-HA-01", 12, 75, "18 maal")],
)
#: The client died: avoided care counts 0, own work still counts.
OVERLEDEN = CaseInput(
    {**CASUS, "casusnummer": "OVL-1", "afsluitreden": "overleden"},
    inzet=[("INZ-SW-01", 2, None)],
    vermeden=[("ZVW-HA-01", 12, 50, "niet meer nodig")],
)
ONVOLLEDIG = CaseInput({"casusnummer": "ONV-1"}, vermeden=[("ZVW-HA-01", 4, None, None)])
PROBE_LAWS = ("Zvw", "Wmo 2015", "Wonen", "")


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


@pytest.fixture(scope="module")
def files(tmp_path_factory, real):
    """The workbooks, and the same recalculated and saved by LibreOffice (one soffice start)."""
    d = tmp_path_factory.mktemp("lo")
    template = write_template(d / "sjabloon.xlsx", real)
    made = {
        name: fill_template(template, d / f"{name}.xlsx", case)
        for name, case in (
            ("afronding", AFRONDING),
            ("minimaal", MINIMAAL),
            ("onvolledig", ONVOLLEDIG),
            ("horizon", HORIZON),
            ("overleden", OVERLEDEN),
        )
    }
    cases = [*made.values(), *EXAMPLES]
    originals = [template, *cases, _probe(template, d / "probe.xlsx")]
    saved = lo.convert(originals, "xlsx", d / "libreoffice")
    return {"dir": d, "template": template, "cases": cases, "saved": dict(zip(originals, saved, strict=True))}


def _probe(template: Path, path: Path) -> Path:
    """A template with a law chosen per row and, on an extra sheet, the dropdown's own formula
    (INDIRECT of the helper cell) evaluated: how many items the Post list shows, and the first."""
    wb = openpyxl.load_workbook(template)
    ws = wb["Vermeden zorg"]
    lijst = line_refs(spec.LINE_SHEET_BY_KIND["vermeden"])["lijst"]  # on the hidden Hulp sheet
    probe = wb.create_sheet("Probe")
    for n, law in enumerate(PROBE_LAWS):
        row = spec.HEADER_ROW + 1 + n
        ws.cell(row, 1).value = law or None
        probe.cell(n + 1, 1).value = f"=ROWS(INDIRECT(Hulp!{lijst}{row}))"
        probe.cell(n + 1, 2).value = f"=INDEX(INDIRECT(Hulp!{lijst}{row}),1)"
    wb.save(path)
    return path


def _casus_values(path: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path, data_only=True)[spec.CASE_SHEET]
    return {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


def _cents(value: object) -> int | None:
    if value in (None, ""):
        return None
    return int((Decimal(str(value)) * 100).to_integral_value())


def test_in_sheet_values_equal_the_aggregator_to_the_cent(files, real):
    bc = businesscase(files["cases"], real, vandaag=VANDAAG)
    assert len(bc.per_casus) == len(files["cases"]) - 1  # all but the incomplete one
    assert len(bc.dubbeltellingen) > 0  # a part of a bundle is probed (overig-01: police calls and the threat)
    exact = [Decimal(str(a)) * real.prijs_op_peil(c, 2025) * k / 100 for c, a, k, _ in AFRONDING.vermeden]
    assert any(v.as_tuple().exponent == -3 and str(v).endswith("5") for v in exact)  # a half cent is probed
    for case in bc.per_casus.itertuples():
        saved = files["saved"][Path(case.pad)]
        totals = _casus_values(saved)
        lines = bc.regels[bc.regels.pad == case.pad]
        # the sheet marks a part of a bundle of the same case as the business case does: it counts 0
        assert (_cents(totals["Totaal kosten"]), _cents(totals["Totaal baten"]), _cents(totals["Netto"])) == (
            case.kosten_cent,
            case.baten_cent,
            case.netto_cent,
        ), case.pad
        wb = openpyxl.load_workbook(saved, data_only=True)
        for sheet in spec.LINE_SHEETS:
            ws = wb[sheet.name]
            col = sheet.keys.index("bedrag") + 1
            prijs = sheet.keys.index("prijs") + 1
            expected = {
                r.rij: (r.prijs_op_peil_cent, r.bedrag_cent) for r in lines[lines.blad == sheet.name].itertuples()
            }
            in_sheet = {
                r: (_cents(ws.cell(r, prijs).value), _cents(ws.cell(r, col).value))
                for r in range(spec.HEADER_ROW + 1, spec.HEADER_ROW + spec.INPUT_ROWS + 1)
                if ws.cell(r, col).value not in (None, "")
            }
            assert in_sheet == expected, (case.pad, sheet.name)
            assert _cents(ws.cell(1, col).value) == sum(v for _, v in expected.values())


def test_half_cents_round_up_as_the_aggregator_does(files):
    """By hand: 34,19 × 0,5 = 17,095; 1.326,11 × 6 × 0,25 = 1.989,165; 59,54 × 2,5 = 148,85; 26,51 × 0,5 = 13,255."""
    saved = files["saved"][files["cases"][0]]
    wb = openpyxl.load_workbook(saved, data_only=True)
    assert [wb["Vermeden zorg"].cell(r, 7).value for r in range(5, 10)] == [17.1, 38.46, 3.09, 1989.17, 9082.8]
    assert [wb["Inzet"].cell(r, 5).value for r in (5, 6)] == [148.85, 13.26]
    totals = _casus_values(saved)
    assert (totals["Totaal kosten"], totals["Totaal baten"], totals["Netto"]) == (2889.59, 11130.62, 8241.03)


def test_required_cells_still_open_are_counted_in_the_sheet(files):
    counts = {p.stem: _casus_values(files["saved"][p])[OPEN_LABEL] for p in [files["template"], *files["cases"]]}
    # casusnummer, domein, einddatum, afsluitreden, aandeel, and post + aantal of one line of own work
    assert counts.pop("sjabloon") == 7
    assert counts.pop("onvolledig") == 6  # domein, einddatum, afsluitreden, aandeel, kans + toelichting
    assert set(counts.values()) == {0}


def test_attribution_horizon_and_closure_in_the_sheet_by_hand(files):
    """By hand: 12 × 34,19 = 410,28; × 50% × 75% = 153,855; × 0,978157 (36 months at 2,25%) = 150,494 -> 150,49;
    with kans 75%: 230,7825 × 0,978157 = 225,741 -> 225,74. Overleden: 0,00; own work 2 × 90,92 = 181,84."""
    by_name = {p.stem: p for p in files["cases"]}
    horizon = openpyxl.load_workbook(files["saved"][by_name["horizon"]], data_only=True)["Vermeden zorg"]
    assert [horizon.cell(r, 7).value for r in (5, 6)] == [150.49, 225.74]
    values = _casus_values(files["saved"][by_name["horizon"]])
    assert (values["Horizonfactor"], values["Factor vermeden zorg"], values["Totaal baten"]) == (
        0.978157,
        0.73361775,
        376.23,
    )
    dood = _casus_values(files["saved"][by_name["overleden"]])
    assert (dood["Totaal kosten"], dood["Totaal baten"], dood["Netto"]) == (181.84, 0, -181.84)


def test_dependent_dropdown_lists_resolve_in_libreoffice(files, real):
    probe = openpyxl.load_workbook(files["saved"][files["dir"] / "probe.xlsx"], data_only=True)["Probe"]
    found = [(probe.cell(n + 1, 1).value, probe.cell(n + 1, 2).value) for n in range(len(PROBE_LAWS))]
    zorg = real.van_soort("zorg", keuzelijst=True)
    assert found == [
        (sum(i.wet == "Zvw" for i in zorg), real.items["ZVW-HA-01"].label),
        (sum(i.wet == "Wmo 2015" for i in zorg), real.items["WMO-BG-13"].label),
        (sum(i.wet == "Wonen" for i in zorg), real.items["WON-ONT-04"].label),
        (len(zorg), real.items["WMO-BG-13"].label),  # no law chosen: every item, by law
    ]


def test_dropdowns_messages_and_protection_survive_the_round_trip(files):
    before = template_fingerprint(files["template"], values=False)
    after = template_fingerprint(files["saved"][files["template"]], values=False)
    assert after == before
    vermeden = next(s for s in before[1:] if s[0] == "Vermeden zorg")
    assert ("B5:B44", "list", "INDIRECT(Hulp!$N5)") in [v[:3] for v in vermeden[5]]  # the dependent list is compared


def test_a_case_saved_by_libreoffice_as_xlsx_and_ods_reads_the_same(files, real):
    cases = [p for p in files["cases"] if p.stem in ("afronding", "minimaal", "ouderen-01")]
    ods = lo.convert(cases, "ods", files["dir"] / "ods")
    for original, odf in zip(cases, ods, strict=True):
        want = read_case(original, real, VANDAAG)
        assert want.findings == [], original.name
        for copy in (files["saved"][original], odf):
            got = read_case(copy, real, VANDAAG)
            assert got.findings == [], copy.name
            assert _case(got.case) == _case(want.case), copy.name
    bc = businesscase(ods, real, vandaag=VANDAAG)
    assert bc.totalen == businesscase(cases, real, vandaag=VANDAAG).totalen


def _case(case):
    fields = {k: v for k, v in dataclasses.asdict(case).items() if k not in ("pad", "lines")}
    return fields, [(x.kind, x.blad, x.cel, x.code, x.aantal, x.kans, x.toelichting) for x in case.lines]


@needs_program(lo.PDFTOPPM, "pdftoppm (poppler-utils)")
def test_renders_as_a_tidy_dutch_a4_form(files, real, tmp_path):
    example = ROOT / "cases" / "voorbeeld" / "ouderen-01.xlsx"
    # as a worker sees them on opening: LibreOffice's default settings, no forced recalculation
    pdfs = lo.convert([files["template"], example], "pdf", tmp_path / "pdf", recalc=False)
    keep = os.environ.get("RENDEMENTSMETER_ARTEFACTEN")
    baten = businesscase([example], real, vandaag=VANDAAG).per_casus.baten_cent.iloc[0]
    for pdf in pdfs:
        pages = lo.pdf_to_png(pdf, tmp_path / "png")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        # Instructie and Casus one portrait page each; every line sheet one landscape page with all its 40 rows
        # (no printed page holds only empty rows); Zelfredzaamheid one portrait page
        assert len(pages) == 6 == text.count("\f"), pdf.name
        for heading in (
            "vastleggen in 20 minuten",
            "Casusgegevens",
            "Nog in te vullen",
            "Eigen inzet",
            "Ingezette zorg (toegevoegd door doorverwijzen)",
            "Vermeden zorg (wat was nodig geweest zonder uw inzet?)",
            "Zelfredzaamheid (optioneel)",
            "Factor vermeden zorg",
            "Pagina 6 van 6",
        ):
            assert heading in text, (pdf.name, heading)
        assert not re.search(r"Err:\d|#NAME|#VALUE|#REF|#N/A|#DIV", text), pdf.name
        assert "rij" not in text.split() and "Zorg_alle" not in text  # helper columns are not printed
        if pdf.stem == "ouderen-01":
            assert text.count(format_eur_cents(int(baten))) == 2  # Casus and the top of Vermeden zorg
        assert re.search(rf"{OPEN_LABEL} +{7 if pdf.stem == 'sjabloon' else 0} ", text), pdf.name
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            for f in [pdf, *pages]:
                shutil.copy(f, Path(keep) / f.name)
