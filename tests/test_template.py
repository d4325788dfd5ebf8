"""The case template: structure, validations, protection, round trip, and the committed copy is current."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rendementsmeter import load_prijslijst, read_case, spec, write_template
from rendementsmeter.template import template_fingerprint

from conftest import VANDAAG, make_case

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "templates" / "casus-sjabloon.xlsx"


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


@pytest.fixture(scope="module")
def real_template(tmp_path_factory, real):
    return write_template(tmp_path_factory.mktemp("t") / "casus.xlsx", real)


def test_sheet_names_and_case_labels(real_template):
    wb = openpyxl.load_workbook(real_template)
    assert wb.sheetnames == ["Instructie", "Casus", "Inzet", "Ingezette zorg", "Vermeden zorg", "Lijsten"]
    assert wb["Lijsten"].sheet_state == "hidden"
    ws = wb["Casus"]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    for f in spec.CASE_FIELDS:
        assert f.label + (" *" if f.required else "") in labels
    for label in ("Totaal kosten", "Totaal baten", "Netto", "Prijspeil", "Sjabloonversie", "Prijslijstversie"):
        assert label in labels
    row = labels.index("Totaal baten") + 1
    assert ws.cell(row, 2).value == "=SUM('Vermeden zorg'!G5:G44)"
    assert ws.cell(labels.index("Sjabloonversie") + 1, 2).value == spec.SJABLOONVERSIE
    assert ws.cell(labels.index("Prijspeil") + 1, 2).value == 2025


def test_no_personal_data_fields(real_template):
    wb = openpyxl.load_workbook(real_template)
    ws = wb["Casus"]
    labels = " ".join(
        str(ws.cell(r, 1).value).lower() for r in range(1, ws.max_row + 1) if ws.cell(r, 2).protection.locked is False
    )
    assert "casusnummer" in labels and "samenvatting" in labels
    for word in ("naam", "bsn", "adres", "geboorte", "postcode"):
        assert word not in labels


@pytest.mark.parametrize("sheet", spec.LINE_SHEETS, ids=lambda s: s.name)
def test_line_sheet_headers_validations_and_protection(real_template, real, sheet):
    wb = openpyxl.load_workbook(real_template)
    ws = wb[sheet.name]
    headers = [ws.cell(spec.HEADER_ROW, c + 1).value for c in range(len(sheet.columns))]
    assert headers == [c.header for c in sheet.columns]
    assert {"Post", "Aantal", "Toelichting"} <= set(headers)
    assert ("Kans (%)" in headers) == (sheet.kind == "vermeden")
    assert ws.protection.sheet is True and not ws.protection.password
    first, last = spec.HEADER_ROW + 1, spec.HEADER_ROW + spec.INPUT_ROWS
    assert last - first + 1 >= 40
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    for i, col in enumerate(sheet.columns):
        letter = chr(65 + i)
        cell = ws.cell(first, i + 1)
        if col.invoer:
            dv = validations[f"{letter}{first}:{letter}{last}"]
            assert dv.prompt and dv.promptTitle, col.header
            assert cell.protection.locked is False
        else:
            assert cell.protection.locked is True
            assert str(cell.value).startswith("=")
    post = validations[f"A{first}:A{last}"]
    n = len(real.van_soort(sheet.soort))
    assert post.type == "list" and post.formula1.endswith(f"$B${n + 1}") == (sheet.soort == "inzet")


def test_post_dropdown_lists_items_of_the_right_kind(real_template, real):
    wb = openpyxl.load_workbook(real_template)
    lijsten = wb["Lijsten"]
    rows = list(lijsten.iter_rows(min_row=2, values_only=True))
    kinds = [r[5] for r in rows]
    assert kinds == sorted(kinds)  # inzet first, then zorg: two contiguous ranges
    assert {r[1] for r in rows} == {i.label for i in real.items.values()}
    sw = next(r for r in rows if r[0] == "INZ-SW-01")
    assert sw[4] == float(real.prijs_op_peil("INZ-SW-01", 2025))


def test_prefill_team_and_worker(tmp_path, real):
    path = write_template(tmp_path / "t.xlsx", real, prefill={"team": "Noord", "werker": "W12"})
    ws = openpyxl.load_workbook(path)["Casus"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert (values["Team"], values["Werker"], values["Horizon (maanden)"]) == ("Noord", "W12", 12)


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


posts = st.sampled_from(["ZVW-HA-01", "WMO-BG-12", "ZVW-SEH-01", "PW-BIJ-01", "WGS-DW-02"])
amounts = st.decimals(min_value="0.5", max_value="500", places=1)
texts = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=60).map(str.strip)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    vermeden=st.lists(st.tuples(posts, amounts, st.integers(0, 100), texts), max_size=6),
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
