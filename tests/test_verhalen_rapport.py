"""Verhalen uit de praktijk and ZRM outcomes in the municipality's report (issue 16), on the quarter of
tests/test_kwartaal_rapport.py with stories and ZRM scores added to some of its cases."""

from datetime import date

import pytest
from test_kwartaal_rapport import AVOIDED

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.analysis.verhalen import kies_verhalen, zrm_uitkomsten
from rendementsmeter.report.html.report import render_html as _render_html
from rendementsmeter.spec.casus import DOMEINEN
from rendementsmeter.template.fill import CaseInput, fill_template

from conftest import VANDAAG

TOESTEMMING = ("Een alleenstaande moeder met schulden durfde de post niet meer te openen.",
               "Samen de post geordend en een betalingsregeling getroffen.",
               "Ze opent haar post weer en er komen geen aanmaningen meer.")  # fmt: skip
ZONDER_TOESTEMMING = ("Een oudere man kwam de deur niet meer uit.", "Wekelijks bezoek en een maatje.",
                      "Hij gaat nu naar de koffieochtend.")  # fmt: skip
MET_BSN = ("Een jongen met BSN 111222333 liep vast op school.", "Gesprekken met school en ouders.",
           "Hij haalde zijn diploma.")  # fmt: skip


def _story(texts, ja):
    keys = ("verhaal_situatie", "verhaal_gedaan", "verhaal_veranderd")
    return {**dict(zip(keys, texts, strict=True)), "verhaal_in_rapport": "ja" if ja else "nee"}


@pytest.fixture(scope="module")
def kwartaal(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verhalen")
    pl = load_prijslijst()
    template = write_template(tmp / "sjabloon.xlsx", pl)
    folder = tmp / "casussen"
    folder.mkdir()
    stories = {3: _story(TOESTEMMING, True), 0: _story(ZONDER_TOESTEMMING, False), 9: _story(MET_BSN, True)}
    for i, avoided in enumerate(AVOIDED):
        casus = {"casusnummer": f"T-W01-{i + 1:03}", "domein": DOMEINEN[i // 3], "team": "T", "werker": "W01",
                 "einddatum": date(2026, 7 + i % 3, 10), "afsluitreden": "doel bereikt", "aandeel": 100,
                 **stories.get(i, {})}  # fmt: skip
        # sociaal netwerk scored in 6 cases: 4 better, 1 the same, 1 worse; financiën in 2 cases only
        zrm = {}
        if i < 6:
            zrm["sociaal netwerk"] = (2, (3, 3, 4, 4, 2, 1)[i])
        if i in (7, 8):
            zrm["financiën"] = (1, 3)
        fill_template(template, folder / f"c{i:02}.xlsx",
                      CaseInput(casus, [("INZ-SW-01", 6 + i, "huisbezoeken")], [],
                                [(c, n, k, "zonder hulp waarschijnlijk") for c, n, k in avoided], zrm=zrm))  # fmt: skip
    return build_businesscase(read_cases([folder], pl, vandaag=VANDAAG), pl)


def render_html(*args, **options):
    return _render_html(*args, **options).replace("\u00a0", " ")


def test_only_consented_stories_without_privacy_findings_are_published(kwartaal):
    html = render_html(kwartaal)
    assert "<h4>Verhalen uit de praktijk</h4>" in html
    for text in TOESTEMMING:
        assert text in html
    for text in ZONDER_TOESTEMMING + MET_BSN:
        assert text not in html
    assert "111222333" not in html and "BSN" not in html
    for r in kwartaal.per_casus.itertuples():
        assert r.casusnummer not in html


def test_the_story_stands_next_to_its_groups_numbers(kwartaal):
    html = render_html(kwartaal)
    groep = html.index("<h3>Ouderen/eenzaamheid en armoede/schulden (6 casussen)</h3>")
    volgende = html.index("<h3>", groep + 1)
    assert groep < html.index(TOESTEMMING[0]) < volgende


def test_chosen_stories_and_what_was_not_used(kwartaal):
    pat = kwartaal.patronen
    gekozen = kies_verhalen(kwartaal, pat, ["T-W01-004", "T-W01-001", "T-W01-010", "X"])
    assert [k.situatie for ks in gekozen.per_groep.values() for k in ks] == [TOESTEMMING[0]]
    assert gekozen.niet_gebruikt == [
        ("T-W01-001", "'Verhaal in rapport' staat niet op ja"),
        # a BSN anywhere in a case file is an error: the whole case is left out, its story with it
        ("T-W01-010", "geen opgenomen casus met dit casusnummer"),
        ("X", "geen opgenomen casus met dit casusnummer"),
    ]


def test_zrm_outcomes_per_life_domain(kwartaal):
    uit = {u.leefgebied: (u.casussen, u.beter, u.gelijk, u.slechter) for u in zrm_uitkomsten(kwartaal)}
    assert uit == {"financiën": (2, 2, 0, 0), "sociaal netwerk": (6, 4, 1, 1)}
    html = render_html(kwartaal)
    assert "<td>sociaal netwerk</td><td class=n>6</td><td class=n>4</td><td class=n>1</td><td class=n>1</td>" in html
    assert '<td>financiën</td><td class=n><span class="klein">&lt;5</span>' in html


def test_json_carries_the_same_stories_and_outcomes(kwartaal):
    d = kwartaal.to_dict()
    assert d["verhalen"] == {
        "ouderen/eenzaamheid en armoede/schulden": [
            {"situatie": TOESTEMMING[0], "wat_is_gedaan": TOESTEMMING[1], "wat_veranderde": TOESTEMMING[2]}
        ]
    }
    assert d["zrm_uitkomsten"] == {
        "financiën": {"casussen": "<5"},
        "sociaal netwerk": {"casussen": 6, "beter": 4, "gelijk": 1, "slechter": 1},
    }
