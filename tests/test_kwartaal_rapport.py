"""A normal quarter as a team lead has it (issue 16): 15 cases, 3 in each of 5 domains, default --min-groep.

The municipality's report must show every financier's and every law's amount, put every case inside some
shown domain group, and never name a case number, team or worker."""

from datetime import date

import pytest

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.analysis.payers import per_groep
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.report.html.report import render_html as _render_html
from rendementsmeter.spec.casus import DOMEINEN

from conftest import VANDAAG, make_case

# per case: own hours, avoided lines (code, aantal, kans); single-case financiers on purpose (politie, Wlz, UWV,
# woningcorporatie, Rijk): budgets that a "<5" rule would have hidden
AVOIDED = [
    [("ZVW-HA-01", 6, 75)],
    [("WMO-BG-01", 20, 50), ("JUS-POL-01", 6, 50)],
    [("ZVW-HA-01", 4, 50), ("WLZ-GZ-01", 10, 25)],
    [("PW-BIJ-01", 6, 50)],
    [("WON-DW-01", 1, 75), ("WGS-SCH-01", 1, 25)],
    [("PW-BIJ-01", 3, 75)],
    [("WW-01", 3, 50)],
    [("ZVW-HA-01", 3, 100)],
    [("ARB-01", 40, 50)],
    [("JW-AMB-01", 20, 50)],
    [("JUS-DET-01", 10, 25)],
    [("ZVW-HA-01", 8, 50)],
    [("JW-AMB-01", 10, 75)],
    [("WMO-BG-01", 10, 50)],
    [("ZVW-HA-01", 2, 50), ("JW-AMB-01", 4, 50)],
]


def render_html(*args, **options):
    """The report, with the no-break spaces between '€' and the number read as plain spaces."""
    return _render_html(*args, **options).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def kwartaal(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kwartaal")
    pl = load_prijslijst()
    template = write_template(tmp / "sjabloon.xlsx", pl)
    folder = tmp / "casussen"
    folder.mkdir()
    for i, avoided in enumerate(AVOIDED):
        domein = DOMEINEN[i // 3]
        team = ("NOORD", "ZUID")[i % 2]
        make_case(
            template,
            folder / f"c{i:02}.xlsx",
            {"casusnummer": f"{team}-W{i % 4 + 1:02}-{i + 1:03}", "domein": domein, "team": team,
             "werker": f"W{i % 4 + 1:02}", "einddatum": date(2026, 7 + i % 3, 10)},
            inzet=[("INZ-SW-01", 6 + i, "huisbezoeken")],
            ingezet=[("WGS-SHV-01", 1, "schuldhulp")] if i == 4 else [],
            vermeden=[(code, n, kans, "zonder hulp waarschijnlijk") for code, n, kans in avoided],
        )  # fmt: skip
    bc = build_businesscase(read_cases([folder], pl, vandaag=VANDAAG), pl)
    assert len(bc.per_casus) == 15
    return bc


def _row(name: str, cost: int, gain: int) -> str:
    return f"<td>{name}</td><td class=n>{format_eur_cents(cost)}</td><td class=n>{format_eur_cents(gain)}</td>"


def test_every_financier_and_law_has_its_amount(kwartaal):
    html = render_html(kwartaal)
    for key in ("financier", "wet"):
        groups = per_groep(kwartaal, key)
        assert len(groups) >= 6
        for name, (cost, gain) in groups.items():
            assert _row(name, cost.bedrag_cent, gain.bedrag_cent) in html, name
    assert "&lt;5" not in html.split("<h2>Wie betaalt")[1].split("<h2>Bespaarde")[0]


def test_every_case_is_in_a_shown_domain_group(kwartaal):
    pat = kwartaal.patronen
    assert [(g.naam, g.casussen) for g in pat.per_domein] == [
        ("ouderen/eenzaamheid en armoede/schulden", 6),
        ("maatschappelijke activering, jongeren/psychische gezondheid en opvoeding/gezin", 9),
    ]
    html = render_html(kwartaal)
    for g in pat.per_domein:
        title = g.naam[:1].upper() + g.naam[1:]
        assert f"<h3>{title} ({g.casussen} casussen)</h3><p>Samengenomen:" in html
        assert f"In {g.casussen} casussen kostte het werk {format_eur_cents(g.kosten_cent)}" in html
    assert "Te weinig casussen om cijfers te tonen" not in html


def test_no_case_number_team_or_worker_in_the_report(kwartaal):
    html = render_html(kwartaal)
    for r in kwartaal.per_casus.itertuples():
        assert r.casusnummer not in html
        assert r.werker not in html
    assert "NOORD" not in html and "ZUID" not in html


def test_histogram_has_at_least_three_classes(kwartaal):
    classes = kwartaal.patronen.verdeling
    assert len(classes) >= 3 and sum(k.casussen for k in classes) == 15
