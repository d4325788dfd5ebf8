"""The template's dropdown offers one post per real-world item; hidden posts stay priced.

A real-world item is defined in the price list's data: a hidden post (`keuzelijst = nee`) names in
`vervangen_door` the dropdown post a worker picks for the same item (empty when there is none, e.g. a
bundle estimate kept only for re-pricing old files); a dropdown post names none.
"""

from __future__ import annotations

from collections import Counter

import openpyxl
import pytest

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.pricing.prijslijst import PrijslijstFout

from conftest import VANDAAG, make_case


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


@pytest.fixture(scope="module")
def wb(tmp_path_factory, real):
    return openpyxl.load_workbook(write_template(tmp_path_factory.mktemp("k") / "t.xlsx", real))


def _named(wb, name):
    sheet, ref = wb.defined_names[name].attr_text.split("!")
    return [c[0].value for c in wb[sheet.strip("'")][ref.replace("$", "")]]


def _item(item):
    """The real-world item a post prices: its dropdown post."""
    return item.vervangen_door or item.code


def test_dropdown_holds_one_post_per_real_world_item(wb, real):
    offered = [real.zoek(label) for label in _named(wb, "Inzet_alle") + _named(wb, "Zorg_alle")]
    assert {i.code for i in offered} == {i.code for i in real.items.values() if i.keuzelijst}
    assert [c for c, n in Counter(_item(i) for i in offered).items() if n > 1] == []
    assert [i.code for i in offered if i.vervangen_door] == []
    # each hidden post points at a dropdown post (or at none)
    for item in real.items.values():
        if not item.keuzelijst and item.vervangen_door:
            assert real.items[item.vervangen_door].keuzelijst, item.code
    # the examples from the issue: one GP consult, one social-assistance norm, one household help
    codes = {i.code for i in offered}
    assert codes & {"ZVW-HA-01", "ZVW-HA-02", "ZVW-HA-03", "ZVW-HA-10", "ZVW-HA-11"} == {"ZVW-HA-01"}
    assert codes & {"PW-BIJ-01", "PW-BIJ-03", "PW-BIJ-04"} == {"PW-BIJ-03"}
    assert codes & {"ZVW-WV-01", "WMO-HH-10"} == {"ZVW-WV-01"}
    assert codes & {"WON-ONT-01", "WON-ONT-02", "WON-ONT-03", "WON-ONT-04"} == {"WON-ONT-04"}
    # most used first stays
    assert _named(wb, "Wet_Zvw")[0] == real.items["ZVW-HA-01"].label


def test_every_hidden_post_is_still_priced_on_the_lists_sheet(wb, real):
    hidden = {c for c, i in real.items.items() if not i.keuzelijst}
    assert len(hidden) == 39
    prices = dict(zip(_named(wb, "Codes"), _named(wb, "Prijzen"), strict=True))
    peil = real.standaard_prijspeil
    assert {c: prices[c] for c in hidden} == {c: float(real.prijs_op_peil(c, peil)) for c in hidden}
    offered = set(_named(wb, "Inzet_alle") + _named(wb, "Zorg_alle"))
    assert not offered & {real.items[c].label for c in hidden}


def test_reader_and_business_case_accept_hidden_posts(tmp_path, real):
    """An old file (or one typed by hand) with hidden posts is read and priced without an error."""
    template = write_template(tmp_path / "t.xlsx", real)
    path = make_case(template, tmp_path / "oud.xlsx", {"casusnummer": "OUD-1", "domein": "armoede/schulden"},
                     inzet=[("INZ-SW-01", 3, "gesprek")],
                     vermeden=[("PW-BIJ-01", 2, 50, "oude norm"), ("ZVW-HA-10", 4, 50, "NZa-tarief")])  # fmt: skip
    results = read_cases([path], real, vandaag=VANDAAG)
    assert [f.code for r in results for f in r.findings if f.ernst == "fout"] == []
    bc = build_businesscase(results, real)
    lines = bc.regels.set_index("code")
    # PW-BIJ-01 1283.83 (2024) × 134.56/130.27 = 1326.11 × 2 × 50% = 1326.11
    assert lines.loc["PW-BIJ-01", "bedrag_cent"] == 132611
    # ZVW-HA-10 11.51 (2023) × 134.56/126.10 = 12.28 × 4 × 50% = 24.56
    assert lines.loc["ZVW-HA-10", "bedrag_cent"] == 2456


def test_an_override_may_bring_a_hidden_post_back_into_the_dropdown(tmp_path):
    own = tmp_path / "eigen.csv"
    own.write_text("code,prijs,prijsjaar,bron,keuzelijst\nWMO-HH-10,34.00,2025,Eigen contracttarief,ja\n")
    pl = load_prijslijst([own])
    assert pl.items["WMO-HH-10"].keuzelijst and pl.items["WMO-HH-10"].vervangen_door == ""
    wrong = tmp_path / "fout.csv"
    wrong.write_text("code,prijs,prijsjaar,bron,vervangen_door\nWMO-HH-10,34.00,2025,Eigen tarief,ZVW-HA-10\n")
    with pytest.raises(PrijslijstFout) as exc:
        load_prijslijst([wrong])
    assert [(f.code, f.cel) for f in exc.value.findings] == [
        ("prijslijst-waarde", "code WMO-HH-10, kolom vervangen_door")
    ]
