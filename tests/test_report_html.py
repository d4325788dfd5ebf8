"""The printable HTML report and the native Excel charts, on the hand-computed pool of tests/test_patterns.py."""

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from test_patterns import pool_businesscase

from rendementsmeter.core.periode import parse_kwartaal
from rendementsmeter.report.html.common import eur
from rendementsmeter.report.html.report import render_html as _render_html
from rendementsmeter.report.html.report import write_html
from rendementsmeter.report.xlsx.charts import add_charts
from rendementsmeter.report.xlsx.sheet import formats

from conftest import needs_program

EXTERNAL = re.compile(r"(?i)(https?:|ftp:|<link|<script|<img|<iframe|<object|<embed|@import|url\(|src=|href=|//[a-z])")


def render_html(*args, **options):
    """The report, with the no-break spaces between '€' and the number read as plain spaces."""
    return _render_html(*args, **options).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def bc(tmp_path_factory):
    bc = pool_businesscase(tmp_path_factory)
    bc.gemaakt = datetime(2026, 10, 5, 9, 30)
    return bc


def test_report_is_self_contained(bc):
    html = render_html(bc, min_groep=1)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    assert EXTERNAL.findall(html) == []
    assert html.count("<svg") == 4  # per financier, per law, distribution of net per case, trend per quarter
    assert "@page { size: A4" in html


def test_headline_and_story_in_dutch(bc):
    html = render_html(bc, periode=parse_kwartaal("2026-Q2"), buiten=3, min_groep=2)
    assert "<title>Maatschappelijk rendement van sociaal werk</title>" in html
    assert "periode: 2026-Q2 (01-04-2026 t/m 30-06-2026) · prijspeil 2025 · gemaakt op 05-10-2026" in html
    assert (
        "In 8 afgesloten casussen kostte het sociaal werk samen € 11.000,00: € 9.300,00 eigen inzet (uren van sociaal "
        "werkers en vrijwilligers, groepsactiviteiten) en € 1.700,00 aan zorg die via doorverwijzing werd ingezet."
    ) in html
    m = bc.perspectieven.maatschappelijk
    netto = eur(m.netto_cent).replace("\u00a0", " ")
    assert f"<td>Maatschappelijk (MKBA)</td><td class=n>{netto}</td>" in html  # netto leads
    assert "maatschappelijk rendement: baten per euro kosten" in html
    assert "<td>Financieel: gemeente</td>" in html and "Omslagpunt: " in html
    assert (
        "In 6 casussen kostte het werk € 6.000,00 en is naar schatting € 15.200,00 aan zorg en kosten vermeden: "
        "€ 2,53 per euro. Het netto resultaat per casus ligt voor de middelste helft van de casussen tussen "
        "€ -300,00 en € 950,00 (mediaan € -50,00). In meer dan de helft van de casussen waren de geschatte baten "
        "lager dan de kosten;"
    ) in html
    assert "Eén post maakt het verschil: ‘Dagbesteding’ is 89% van de baten." in html
    assert "Het vaakst vermeden: ‘Huisarts, consult’ (in 5 van de 6 casussen)." in html
    assert "<td>Casussen buiten de periode (niet meegeteld)</td><td>3</td>" in html
    # the municipality apart: a budget, shown in full even though the transfers come from 1 case; the other
    # parties are named
    assert (
        "De gemeente betaalt € 10.800,00 (eigen inzet en doorverwezen zorg die zij financiert). Van alle vermeden "
        "kosten landt naar schatting € 16.500,00 bij de gemeente (71%), waarvan € 3.000,00 overdrachten zoals "
        "bijstand. Het eigen netto resultaat van de gemeente is daarmee € 5.700,00; zonder overdrachten € 2.700,00. "
        "De rest van de besparing, € 6.700,00, landt bij andere partijen (woningcorporatie € 5.000,00, "
        "zorgverzekeraar € 1.400,00, politie € 200,00 en burger € 100,00)."
    ) in html
    # staff time, with the assumption named
    assert "Naar schatting is 10,8 uur werk van professionals vermeden" in html
    assert (
        "Dat is 0,01 fte" in html and "(bij 1.500 productieve uren per fte per jaar; dat getal is een aanname" in html
    )
    assert "dat is 7% van de baten" in html
    # an outlier is counted, never named: no case number in the municipality's report
    assert "1 casus wijkt sterk af van de rest (veel hoger). Deze telt gewoon mee" in html
    assert "O6" not in html and "Noord" not in html and "Zuid" not in html


def test_small_domains_are_merged_and_budgets_shown(bc):
    html = render_html(bc)  # min_groep 5: armoede (2 cases) joins ouderen (6)
    assert "<h3>Ouderen/eenzaamheid en armoede/schulden (8 casussen)</h3>" in html
    assert "Samengenomen: ouderen/eenzaamheid en armoede/schulden hebben elk minder dan 5 casussen" in html
    # ouderen alone (6 cases, € 15.200 benefits) would reveal armoede (€ 8.000) by subtraction: neither appears
    for value in ("€ 15.200,00", "€ 8.000,00"):
        assert value not in html
    # every financier and law has its amount, however few cases are behind it
    for row in (
        "<td>politie</td><td class=n>€ 0,00</td><td class=n>€ 200,00</td>",
        "<td>woningcorporatie</td><td class=n>€ 0,00</td><td class=n>€ 5.000,00</td>",
        "<td>Wonen</td><td class=n>€ 0,00</td><td class=n>€ 5.000,00</td>",
        "<td>Participatiewet</td><td class=n>€ 0,00</td><td class=n>€ 3.000,00</td>",
    ):
        assert row in html
    assert html.count("<rect") > 2 * 5  # bars for every financier and law
    # life domains are client characteristics: the small ones are named together, without numbers
    assert (
        "<p>Minder dan 5 casussen (geen cijfers, zodat niemand herkenbaar wordt): financiën, huisvesting en "
        "lichamelijke gezondheid.</p>"
    ) in html
    assert "<td>sociaal netwerk</td><td class=n>6</td>" in html
    shown = render_html(bc, min_groep=1)
    assert "€ 8.000,00" in shown  # the test can fail
    assert "Het netto resultaat per casus is voor de middelste helft van de casussen € 1.500,00." in shown


def test_too_few_cases_shows_no_figures(bc):
    html = render_html(bc, min_groep=10)
    assert (
        "Dit rapport telt &lt;10 casussen. Bij minder dan 10 casussen worden geen cijfers getoond: personen zouden "
        "herkenbaar kunnen worden."
    ) in html
    assert "€ 11.000,00" not in html and "<svg" not in html
    assert "<h2>Werkwijze</h2>" in html and "<h2>Bronnen van de gebruikte prijzen</h2>" in html


def test_everything_from_data_is_escaped(bc):
    html = render_html(bc, titel="Wijk <Noord> & 'Zuid'")
    assert "<title>Wijk &lt;Noord&gt; &amp; &#x27;Zuid&#x27;</title>" in html
    assert "test &lt;b&gt;bron&lt;/b&gt; &amp; co" in html  # a price source with markup in the price list
    assert "<b>bron</b>" not in html


def test_sources_and_method(bc):
    html = render_html(bc)
    assert "prijs op prijspeil = prijs × CPI[prijspeil] / CPI[prijsjaar]" in html
    assert "aantal × prijs op prijspeil × kans / 100" in html
    assert "<td>WMO-DB-01</td><td>Dagbesteding</td><td class=n>€ 50,00 per dagdeel</td><td class=n>2025</td>" in html
    assert "Overdrachten zoals bijstand zijn een besparing voor de gemeente" in html


def test_write_html_is_atomic(bc, tmp_path):
    target = tmp_path / "uit" / "rapport.html"
    assert write_html(bc, target, min_groep=2) == target
    assert target.read_text(encoding="utf-8") == _render_html(bc, min_groep=2)
    assert [p.name for p in target.parent.iterdir()] == ["rapport.html"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@needs_program(CHROMIUM, "Chromium")
def test_renders_and_prints_in_headless_chromium(bc, tmp_path):
    page = write_html(bc, tmp_path / "rapport.html", min_groep=2)
    png, pdf = tmp_path / "rapport.png", tmp_path / "rapport.pdf"
    common = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profiel'}",
    ]
    for extra in (
        ["--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={png}"],
        ["--no-pdf-header-footer", f"--print-to-pdf={pdf}"],
    ):
        subprocess.run([*common, *extra, page.as_uri()], check=True, capture_output=True, timeout=120)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a blank page is a few kilobytes
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-"
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 3
    assert b"/MediaBox [0 0 594.9" in data or b"/MediaBox[0 0 594.9" in data  # A4


# ------------------------------------------------------------------------------------------ Excel charts


def _charts_workbook(bc, path: Path, **options) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    add_charts(wb, formats(wb), bc, **options)
    wb.close()
    return path


def test_native_charts_sheet(bc, tmp_path):
    path = _charts_workbook(bc, tmp_path / "grafieken.xlsx", min_groep=2)
    with zipfile.ZipFile(path) as z:
        assert len([n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]) == 4
    ws = openpyxl.load_workbook(path)["Grafieken"]
    at = {r[0]: r[1:4] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert at["gemeente"] == (108.0e2, 165.0e2, 5)
    assert at["zorgverzekeraar"] == (2.0e2, 14.0e2, 5)
    assert at["politie"] == (0, 2.0e2, 1)  # a budget: shown, however few cases
    assert at["Wmo 2015"] == (93.0e2, 135.0e2, 4)
    assert at["€ -2.500,00 tot € 0,00"] == (-2500, 0, 3)
    assert at["€ 0,00 tot € 2.500,00"] == (0, 2500, 4)
    assert at["€ 7.500,00 tot € 10.000,00"] == (7500, 10000, 1)
    assert at["2026-Q1"] == (4, 675.0, 0.7297)
    assert at["2026-Q2"] == (4, 5125.0, 2.8082)


def test_charts_never_drop_budgets_and_keep_numbers_numeric(bc, tmp_path):
    ws = openpyxl.load_workbook(_charts_workbook(bc, tmp_path / "g.xlsx"))["Grafieken"]
    at = {r[0]: r[1:4] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert at["2026-Q1 (<5 casussen)"] == (None, None, None)  # a small quarter: empty cells, no text
    assert at["woningcorporatie"] == (0, 50.0e2, 1)
    assert at["Wonen"] == (0, 50.0e2, 1)
    assert sum(v[2] for k, v in at.items() if k.startswith("€ ")) == 8  # the histogram holds every case
    for row in ws.iter_rows(min_row=4, min_col=2, max_col=4, values_only=True):
        assert not any(isinstance(v, str) and v.startswith("<") for v in row)
    # printing: a fixed scale and a page break before each chart block that would not fit (none is cut)
    assert ws.page_setup.scale == 90
    assert len(ws.row_breaks.brk) >= 2


def test_charts_without_cases(bc, tmp_path):
    empty = replace(bc, resultaten=[], regels=bc.regels.iloc[0:0], per_casus=bc.per_casus.iloc[0:0])
    path = _charts_workbook(empty, tmp_path / "leeg.xlsx")
    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if n.startswith("xl/charts/")]
    values = [r[0] for r in openpyxl.load_workbook(path)["Grafieken"].iter_rows(values_only=True) if r and r[0]]
    assert values[-1] == "Geen opgenomen casussen: er is niets om te tekenen."


def test_user_text_is_escaped_in_the_html(tmp_path):
    """Case numbers, team names and an organisation's own item descriptions are user text."""
    from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template

    from conftest import VANDAAG, make_case

    own = tmp_path / "eigen.csv"
    own.write_text('code,omschrijving,prijs,prijsjaar,bron\nZVW-HA-01,"Huisarts <img src=x onerror=alert(1)>",'
                   "31.00,2025,eigen\n", encoding="utf-8")  # fmt: skip
    pl = load_prijslijst([own])
    template = write_template(tmp_path / "t.xlsx", pl)
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(6):
        make_case(template, folder / f"c{i}.xlsx",
                  {"casusnummer": f"<script>x{i}</script>", "team": "<b>Noord</b>"},
                  inzet=[("INZ-SW-01", 5 + i, "x")], vermeden=[("ZVW-HA-01", 10 * (i + 1), 75, "y")])  # fmt: skip
    bc = build_businesscase(read_cases([folder], pl, vandaag=VANDAAG), pl)
    html = render_html(bc, min_groep=1)
    assert "<script>x" not in html and "<img src=x" not in html and "<b>Noord" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
