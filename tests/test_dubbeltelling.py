"""Double counting: a part of a bundled estimate in the same case is kept out, with the reason."""

import json

import pytest
from click.testing import CliRunner

from rendementsmeter import build_businesscase, load_prijslijst, read_cases, write_template
from rendementsmeter.cli import main
from rendementsmeter.pricing.rules import bundle_rules, find_parts, load_plausibiliteit, mark_results
from rendementsmeter.spec import casus as spec

from conftest import VANDAAG, make_case

COL = {k: chr(65 + spec.LINE_SHEET_BY_KIND["vermeden"].keys.index(k)) for k in ("post",)}


@pytest.fixture(scope="module")
def real():
    return load_prijslijst()


@pytest.fixture
def eviction(tmp_path, real):
    template = write_template(tmp_path / "t.xlsx", real)
    folder = tmp_path / "casussen"
    folder.mkdir()
    make_case(
        template,
        folder / "uitzetting.xlsx",
        {"casusnummer": "U-1", "domein": "armoede/schulden"},
        inzet=[("INZ-SW-01", 20, "regeling")],
        vermeden=[
            ("WON-ONT-03", 1, 50, "ontruiming aangezegd"),
            ("WMO-MO-02", 30, 50, "opvang"),
            ("WGS-DW-02", 2, 75, "betekening"),
            ("ZVW-HA-01", 2, 50, "huisarts"),
        ],
    )
    make_case(
        template,
        folder / "los.xlsx",
        {"casusnummer": "L-1", "domein": "armoede/schulden"},
        inzet=[("INZ-SW-01", 5, "gesprek")],
        vermeden=[("WMO-MO-02", 30, 50, "opvang zonder bundel")],
    )
    return folder


def test_part_of_a_bundle_is_kept_out_with_the_reason(eviction, real):
    bc = build_businesscase(read_cases([eviction], real, vandaag=VANDAAG), real)
    lines = bc.regels.set_index(["casusnummer", "code"])
    # WON-ONT-03 100000.00 (2015) × 134.56/100 = 134560.00 × 50% = 67280.00 stays
    assert lines.loc[("U-1", "WON-ONT-03"), "bedrag_cent"] == 6728000
    # WMO-MO-02 41.10 × 30 × 50% = 616.50 and WGS-DW-02 114.01 × 134.56/121.49 = 126.28 × 2 × 75% = 189.42 are kept out
    assert lines.loc[("U-1", "WMO-MO-02"), ["bedrag_cent", "bedrag_dubbel_cent"]].tolist() == [0, 61650]
    assert lines.loc[("U-1", "WGS-DW-02"), ["bedrag_cent", "bedrag_dubbel_cent"]].tolist() == [0, 18942]
    assert lines.loc[("U-1", "WMO-MO-02"), "dubbeltelling"].startswith(f"zit al in WON-ONT-03 ({COL['post']}5): ")
    # the same item without a bundle in another case counts in full
    assert lines.loc[("L-1", "WMO-MO-02"), "bedrag_cent"] == 61650
    per_case = dict(zip(bc.per_casus.casusnummer, bc.per_casus.baten_cent, strict=True))
    # the huisarts (2 × 34.19 × 50% = 34.19) is care, also in the eviction's societal cost
    assert lines.loc[("U-1", "ZVW-HA-01"), ["bedrag_cent", "bedrag_dubbel_cent"]].tolist() == [0, 3419]
    assert per_case == {"L-1": 61650, "U-1": 6728000}
    assert bc.totalen["baten"] == 61650 + 6728000
    data = bc.to_dict()["dubbeltelling"]
    assert (data["regels"], data["bedrag"]) == (3, 840.11)


def test_check_warns_at_the_part_cells(eviction):
    result = CliRunner().invoke(main, ["check", str(eviction), "--json"])
    assert result.exit_code == 0  # a warning, not an error
    found = [
        (b["pad"].split("/")[-1], f["cel"], f["code"])
        for b in json.loads(result.output)["bestanden"]
        for f in b["bevindingen"]
    ]
    assert found == [
        ("uitzetting.xlsx", f"{COL['post']}6", "dubbeltelling"),
        ("uitzetting.xlsx", f"{COL['post']}7", "dubbeltelling"),
        ("uitzetting.xlsx", f"{COL['post']}8", "dubbeltelling"),
    ]


def test_marking_is_idempotent(eviction, real):
    results = read_cases([eviction], real, vandaag=VANDAAG)
    rules = bundle_rules(load_plausibiliteit())
    mark_results(results, rules)
    mark_results(results, rules)
    assert sum(f.code == "dubbeltelling" for r in results for f in r.findings) == 3


@pytest.mark.parametrize(
    "codes, parts",
    [
        (["WON-ONT-03", "WMO-MO-02"], {1: 0}),
        (["WMO-MO-02", "WON-ONT-03"], {0: 1}),
        (["WLZ-VPH-01", "WMO-BG-12", "WMO-HH-10"], {1: 0, 2: 0}),
        (["WON-ONT-04", "WON-DW-01"], {1: 0}),
        (["WMO-MO-02", "ZVW-HA-01"], {}),
        # a debt bundle with care, assistance and an eviction: every part is found
        (["WGS-SCH-01", "ZVW-GGZ-02", "PW-BIJ-03", "WON-ONT-04", "WON-DW-01"], {1: 0, 2: 0, 3: 0, 4: 3}),
        (["JUS-DEL-05", "JUS-POL-02", "JUS-DET-01"], {1: 0, 2: 0}),
        (["ARB-VZ-01", "ARB-VZ-02", "ARB-VZ-03", "ARB-01"], {1: 0, 2: 0, 3: 0}),
    ],
)
def test_rules_find_the_parts(codes, parts):
    assert {j: i for j, (i, _) in find_parts(codes, bundle_rules(load_plausibiliteit())).items()} == parts


def _codes_matching(pattern, real, avoid=()):
    from fnmatch import fnmatchcase

    return [c for c in sorted(real.items) if fnmatchcase(c, pattern) and real.items[c].soort == "zorg"
            and c not in avoid]  # fmt: skip


@pytest.mark.parametrize("rule", bundle_rules(load_plausibiliteit()), ids=lambda r: f"{r.post}>{r.tegen}")
def test_every_bundle_rule_is_triggered_by_a_real_case(rule, real, tmp_path):
    """For each rule in prijslijst/plausibiliteit.csv: a filled workbook with the bundle and the part."""
    bundle = _codes_matching(rule.post, real)[0]
    part = _codes_matching(rule.tegen, real, avoid=(bundle,))[0]
    template = write_template(tmp_path / "t.xlsx", real)
    path = make_case(template, tmp_path / "c.xlsx", {"casusnummer": "R-1", "domein": "overig"},
                     inzet=[("INZ-SW-01", 2, "x")],
                     vermeden=[(bundle, 1, 50, "bundel"), (part, 1, 50, "onderdeel")])  # fmt: skip
    bc = build_businesscase(read_cases([path], real, vandaag=VANDAAG), real)
    lines = bc.regels.set_index("code")
    assert lines.loc[part, "bedrag_cent"] == 0 and lines.loc[part, "bedrag_dubbel_cent"] > 0
    assert lines.loc[bundle, "bedrag_cent"] > 0
    assert lines.loc[part, "dubbeltelling"].endswith(rule.reden)
    assert bc.totalen["baten"] == lines.loc[bundle, "bedrag_cent"]


def test_marking_double_counts_and_adding_identity_leave_their_input_as_it_was(real):
    """The steps work on a working copy (copy-on-write): the lines 'before review' stay unchanged."""
    from pathlib import Path

    from pandas.testing import assert_frame_equal

    from rendementsmeter.pricing import dubbeltelling
    from rendementsmeter.pricing.identity import add_identity
    from rendementsmeter.pricing.price import price_cases

    results = read_cases([Path(__file__).parents[1] / "cases" / "voorbeeld"], real, vandaag=VANDAAG)
    lines = price_cases([r.case for r in results if r.case], real, real.peil(None))
    before = lines.copy(deep=True)
    with_id = add_identity(lines)
    assert_frame_equal(lines, before)
    kept = with_id.copy(deep=True)
    counted = dubbeltelling.apply(with_id, bundle_rules(load_plausibiliteit()))
    assert (counted["bedrag_dubbel_cent"] > 0).any()  # parts were set to 0 in the copy ...
    assert_frame_equal(with_id, kept)  # ... and not in the input
