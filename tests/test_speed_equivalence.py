"""The vectorised double counting, line identity and review signals equal the line-by-line rules.

Each reference below is the plain per-line (or per-case) form of the rule, as it was written before
the batch code became column-wise; random batches full of bundles, parts, odd quantities and
duplicate cells must give exactly the same frames and findings."""

import math
import random
from decimal import Decimal
from fnmatch import fnmatchcase
from statistics import median

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from rendementsmeter import load_prijslijst
from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import Case, Line, ReadResult
from rendementsmeter.pricing.dubbeltelling import apply
from rendementsmeter.pricing.identity import add_identity, regel_id, vingerafdruk
from rendementsmeter.pricing.rules import bundle_rules, find_parts, load_plausibiliteit, mark_results
from rendementsmeter.review.signals import TOP_SHARE, Z_LIMIT, Z_MIN_CASES, Z_MIN_LINES, _fmt, signal_lines
from rendementsmeter.spec import casus as spec
from rendementsmeter.spec.review import SIGNALEN

RULES = load_plausibiliteit()
BUNDLES = bundle_rules(RULES)


@pytest.fixture(scope="module")
def codes():
    """Avoided-care items, mostly ones that some rule names (so that bundles and parts meet)."""
    items = sorted(c for c, item in load_prijslijst().items.items() if item.soort == "zorg")
    named = [c for c in items if any(fnmatchcase(c, r.post) or fnmatchcase(c, r.tegen) for r in RULES)]
    return named, items


def lines_frame(codes, n_cases, seed):
    named, items = codes
    rng = random.Random(seed)
    rows = []
    for c in range(n_cases):
        number = f"C{c % max(1, n_cases - 3)}"  # a few case numbers occur in two files
        domain = rng.choice(spec.DOMEINEN)
        for r in range(rng.randint(0, 9)):
            rows.append({
                "pad": f"c{c}.xlsx", "casusnummer": number, "domein": domain,
                "regelsoort": rng.choice(["vermeden"] * 4 + ["inzet", "ingezet"]),
                "blad": "Vermeden zorg", "cel": rng.choice([f"B{r + 5}", "B5"]), "rij": r + 5,
                "code": rng.choice(named) if rng.random() < 0.8 else rng.choice(items),
                "aantal": rng.choice([1.0, 1.0, 2.0, 3.0, 40.0, 0.5, 1 / 3, -0.0, 0.0, 1e6]),
                "kans": rng.choice([None, 10, 50, 75, 100]),
                "toelichting": rng.choice(["", " ", "opvang", " x ", "\u00a0", "é"]),
                "bedrag_cent": rng.choice([0, 500_000, rng.randint(1, 10**7)]),
            })  # fmt: skip
    frame = pd.DataFrame(rows, columns=["pad", "casusnummer", "domein", "regelsoort", "blad", "cel", "rij", "code",
                                        "aantal", "kans", "toelichting", "bedrag_cent"])  # fmt: skip
    frame["kans"] = frame["kans"].astype("Int64")
    return frame


# -- the line-by-line references ----------------------------------------------------------
def reference_identity(lines):
    out = lines.copy()
    out["regel_id"] = [regel_id(c, b, r) for c, b, r in zip(out["casusnummer"], out["blad"], out["rij"], strict=True)]
    out["vingerafdruk"] = [
        vingerafdruk(c, a, None if pd.isna(k) else int(k), t)
        for c, a, k, t in zip(out["code"], out["aantal"], out["kans"], out["toelichting"], strict=True)
    ]
    return out


def reference_apply(lines, rules):
    out = lines.copy()
    out["dubbeltelling"] = ""
    out["bedrag_dubbel_cent"] = 0
    avoided = out[out["regelsoort"] == "vermeden"]
    for _, group in avoided.groupby("casusnummer", sort=False):
        index, codes = list(group.index), list(group["code"])
        for j, (i, rule) in find_parts(codes, rules).items():
            row, bundle = index[j], index[i]
            out.at[row, "dubbeltelling"] = f"zit al in {codes[i]} ({out.at[bundle, 'cel']}): {rule.reden}"
            out.at[row, "bedrag_dubbel_cent"] = int(out.at[row, "bedrag_cent"])
            out.at[row, "bedrag_cent"] = 0
    out["bedrag_dubbel_cent"] = out["bedrag_dubbel_cent"].astype("int64")
    return out


def reference_mark(results, rules):
    for r in results:
        if r.case is None or any(f.code == "dubbeltelling" for f in r.findings):
            continue
        avoided = [x for x in r.case.lines if x.kind == "vermeden"]
        for j, (i, rule) in sorted(find_parts([x.code for x in avoided], rules).items()):
            part, bundle = avoided[j], avoided[i]
            r.findings.append(Finding(
                r.pad, "dubbeltelling",
                f"{part.code} telt niet mee: {rule.reden} (bundelpost {bundle.code} op rij {bundle.rij}). "
                "Haal een van beide weg, of laat het zo als de bundelpost bedoeld is.",
                blad=part.blad, cel=part.cel))  # fmt: skip


def reference_signals(lines, rules):
    def scale_of(pool):
        med = median(pool)
        deviations = [abs(x - med) for x in pool]
        mad = median(deviations)
        return med, (mad / 0.6745 if mad > 0 else 1.253314 * sum(deviations) / len(deviations))

    frame = lines[lines["regelsoort"] == "vermeden"].reset_index(drop=True)
    found = [[] for _ in range(len(frame))]
    values = sorted((int(v) for v in frame["bedrag_cent"]), reverse=True)
    threshold = values[max(1, math.ceil(len(values) * TOP_SHARE)) - 1] if values else 0
    pools = {}
    for c, code, a in zip(frame["casusnummer"], frame["code"], frame["aantal"], strict=True):
        pools.setdefault(code, []).append((c, float(a)))
    scales = {
        code: (*scale_of([a for _, a in pool]), len(pool))
        for code, pool in pools.items()
        if len(pool) >= Z_MIN_LINES and len({c for c, _ in pool}) >= Z_MIN_CASES
    }
    for i, r in enumerate(frame.itertuples()):
        if not str(r.toelichting).strip():
            found[i].append(("geen-toelichting", SIGNALEN["geen-toelichting"]))
        if not pd.isna(r.kans) and int(r.kans) == 100:
            found[i].append(("kans-100", SIGNALEN["kans-100"]))
        if threshold > 0 and int(r.bedrag_cent) >= threshold:
            found[i].append(("top-10", SIGNALEN["top-10"]))
        if r.code in scales:
            med, scale, size = scales[r.code]
            z = (float(r.aantal) - med) / scale if scale > 0 else 0.0
            if abs(z) > Z_LIMIT:
                text = f"aantal wijkt af: {_fmt(float(r.aantal), 2)} tegen mediaan {_fmt(med, 2)} bij {size} regels"
                found[i].append(("aantal-afwijkend", f"{text} (robuuste z {_fmt(z)})"))
        for rule in (x for x in rules if x.soort == "domein"):
            if rule.tegen == r.domein and rule.past(r.code):
                found[i].append(("domein", f"past niet bij domein {r.domein}: {rule.reden}"))
                break
    by_case = {}
    for i, c in enumerate(frame["casusnummer"]):
        by_case.setdefault(c, []).append(i)
    codes, cells = list(frame["code"]), list(frame["cel"])
    for rows in by_case.values():
        for rule in (x for x in rules if x.soort == "bundel"):
            for i in (i for i in rows if fnmatchcase(codes[i], rule.post)):
                for j in (j for j in rows if fnmatchcase(codes[j], rule.tegen) and j != i):
                    for a, b in ((i, j), (j, i)):
                        text = f"mogelijke dubbeltelling met {codes[b]} ({cells[b]}): {rule.reden}"
                        if ("dubbeltelling", text) not in found[a]:
                            found[a].append(("dubbeltelling", text))
    frame["soorten"] = [tuple(dict.fromkeys(k for k, _ in s)) for s in found]
    frame["signalen"] = [tuple(t for _, t in s) for s in found]
    frame["aantal_signalen"] = [len(s) for s in frame["soorten"]]
    return frame


# -- the comparisons ----------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(12))
def test_identity_and_double_counting_equal_the_line_by_line_rules(codes, seed):
    lines = lines_frame(codes, random.Random(seed).choice([0, 1, 5, 40, 200]), seed)
    ident = add_identity(lines)
    assert_frame_equal(ident, reference_identity(lines), check_exact=True)
    assert_frame_equal(apply(ident, BUNDLES), reference_apply(ident, BUNDLES), check_exact=True)
    reviewed = ident.sample(frac=0.7, random_state=seed).sort_index()  # rows dropped, as after reviews
    assert_frame_equal(apply(reviewed, BUNDLES), reference_apply(reviewed, BUNDLES), check_exact=True)


@pytest.mark.parametrize("seed", range(12))
def test_signals_equal_the_line_by_line_rules(codes, seed):
    lines = add_identity(lines_frame(codes, random.Random(seed).choice([1, 5, 40, 200]), seed))
    for rules in (RULES, [], RULES[::-1]):
        assert_frame_equal(signal_lines(lines, rules), reference_signals(lines, rules), check_exact=True)


def test_identity_of_object_columns_and_odd_quantities(codes):
    lines = lines_frame(codes, 30, 7)
    lines = lines.astype({c: object for c in ("casusnummer", "blad", "code", "toelichting")})
    lines["aantal"] = [Decimal("-0") if i % 3 == 0 else Decimal(repr(a)) for i, a in enumerate(lines["aantal"])]
    lines["kans"] = lines["kans"].astype("float64")
    assert_frame_equal(add_identity(lines), reference_identity(lines), check_exact=True)


@pytest.mark.parametrize("seed", range(8))
def test_part_findings_equal_the_case_by_case_rules(codes, seed):
    named, items = codes

    def results():
        rng = random.Random(seed)
        out = []
        for c in range(rng.randint(0, 150)):
            lines = [
                Line(rng.choice(["vermeden"] * 3 + ["inzet"]), "Vermeden zorg", r + 5, f"B{r + 5}",
                     rng.choice(named if seed % 2 else items), Decimal(1), 50, "x")
                for r in range(rng.randint(0, 9))
            ]  # fmt: skip
            case = None if rng.random() < 0.05 else Case(f"c{c}", f"C{c}", "overig", None, lines=lines)
            marked = [Finding(f"c{c}", "dubbeltelling", "al gemeld")] if rng.random() < 0.05 else []
            out.append(ReadResult(f"c{c}", case, marked))
        return out

    fast, slow = results(), results()
    for _ in range(2):  # idempotent
        mark_results(fast, BUNDLES)
        reference_mark(slow, BUNDLES)
        assert [r.findings for r in fast] == [r.findings for r in slow]


def _samen_reference(pc, lines, groepen):
    """Pairs of an own intervention and an avoided item, counted per case with sets (the plain form)."""
    from collections import defaultdict

    from rendementsmeter.analysis.pattern_types import Paar

    inzet = lines[lines["regelsoort"] == "inzet"].groupby("pad")["code"].agg(set).to_dict()
    avoided = lines[lines["regelsoort"] == "vermeden"].groupby("pad")["code"].agg(set).to_dict()
    out = {}
    for groep in groepen:
        pads = list(pc.loc[pc["domein"].isin(groep.domeinen), "pad"])
        n_a, n_b, n_ab = defaultdict(int), defaultdict(int), defaultdict(int)
        for pad in pads:
            a_codes, b_codes = inzet.get(pad, set()), avoided.get(pad, set())
            for a in a_codes:
                n_a[a] += 1
            for b in b_codes:
                n_b[b] += 1
            for a in a_codes:
                for b in b_codes:
                    n_ab[(a, b)] += 1
        pairs = [Paar(a, b, k, n_a[a], n_b[b], len(pads)) for (a, b), k in n_ab.items() if k >= 2]
        out[groep.naam] = sorted(pairs, key=lambda p: (-p.lift, -p.casussen, p.inzet, p.vermeden))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_pairs_of_intervention_and_avoided_care_equal_the_per_case_sets(seed):
    from rendementsmeter.analysis.disclosure import DomeinGroep
    from rendementsmeter.analysis.patterns import _samen

    rng = random.Random(seed)
    rows, cases = [], []
    for c in range(rng.randint(0, 300)):
        domain = rng.choice(spec.DOMEINEN[:4])
        cases.append({"pad": f"c{c}.xlsx", "domein": domain})
        for _ in range(rng.randint(0, 8)):
            kind = rng.choice(["inzet", "vermeden", "vermeden", "ingezet"])
            rows.append({"pad": f"c{c}.xlsx", "regelsoort": kind, "code": f"{kind[:3].upper()}-{rng.randint(1, 6)}"})
    pc = pd.DataFrame(cases, columns=["pad", "domein"])
    lines = pd.DataFrame(rows, columns=["pad", "regelsoort", "code"])
    groepen = [DomeinGroep("a", tuple(spec.DOMEINEN[:2]), 0), DomeinGroep("b", tuple(spec.DOMEINEN[2:4]), 0)]
    got = _samen(pc, lines, groepen)
    assert got == _samen_reference(pc, lines, groepen)
    assert seed == 0 or any(got.values()) or not rows


def _outlier_bounds_in_decimal(netto: list[int]) -> tuple[int, int, int, int]:
    """The outlier rule as first written, every deviation a Decimal (the reference)."""
    from rendementsmeter.analysis import stats

    med = stats.kwantiel(netto, Decimal("0.5"))
    dev = sorted(abs(Decimal(v) - med) for v in netto)
    mid = len(dev) // 2
    mad = dev[mid] if len(dev) % 2 else (dev[mid - 1] + dev[mid]) / 2
    spread = mad * stats.MAD_SCHAAL if mad > 0 else sum(dev, Decimal(0)) / len(dev) * stats.MEANAD_SCHAAL
    return stats.cent(med), stats.cent(spread), stats.cent(med - 3 * spread), stats.cent(med + 3 * spread)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.just(0), st.just(-250), st.integers(-(10**9), 10**9)), min_size=5, max_size=60))
def test_outlier_rule_in_half_cents_equals_the_decimal_rule(netto):
    from rendementsmeter.analysis.stats import uitschieters

    pc = pd.DataFrame({"netto_cent": netto, "casusnummer": "C", "pad": "p"})
    u = uitschieters(pc)
    assert (u.mediaan_cent, u.spreiding_cent, u.ondergrens_cent, u.bovengrens_cent) == _outlier_bounds_in_decimal(netto)


def _split_reference(amount, weights):
    """The payer split as first written (largest remainder, ties by key order)."""
    total = sum(weights.values())
    shares = {k: amount * w // total for k, w in weights.items()}
    rest = amount - sum(shares.values())
    order = sorted(weights, key=lambda k: (-(amount * weights[k] % total), list(weights).index(k)))
    for k in order[:rest]:
        shares[k] += 1
    return shares


@settings(max_examples=500, deadline=None)
@given(
    st.integers(-(10**9), 10**9),
    st.dictionaries(st.sampled_from(["gemeente", "zorgverzekeraar", "rijk", "burger"]), st.integers(1, 10**6),
                    min_size=1),
)  # fmt: skip
def test_payer_split_equals_the_first_rule(amount, weights):
    from rendementsmeter.analysis.payer_cells import _split

    assert _split(amount, weights) == _split_reference(amount, weights)


def _groepen_reference(pc, avoided, leef, groep_van):
    """Group figures joined on the case's path, group by group (the plain form of patterns._groepen)."""
    from collections import defaultdict

    from rendementsmeter.analysis.pattern_types import Groep, PostTelling
    from rendementsmeter.analysis.patterns import _rangschik
    from rendementsmeter.analysis.stats import cent, kwantiel

    members = defaultdict(list)
    for pad, domein in zip(pc["pad"], pc["domein"], strict=True):
        members[("alle", "alle casussen")].append(pad)
        members[("domein", groep_van[domein])].append(pad)
        for lg in dict.fromkeys(leef.get(pad, ())):
            members[("leefgebied", lg)].append(pad)
    row = {pad: r for pad, r in zip(pc["pad"], pc.itertuples(), strict=True)}
    out = {}
    for (soort, naam), pads in members.items():
        netto = [int(row[p].netto_cent) for p in pads]
        g = Groep(soort, naam, len(pads), sum(int(row[p].kosten_cent) for p in pads),
                  sum(int(row[p].baten_cent) for p in pads), sum(netto),
                  cent(kwantiel(netto, Decimal("0.5"))), cent(kwantiel(netto, Decimal("0.25"))),
                  cent(kwantiel(netto, Decimal("0.75"))))  # fmt: skip
        value, cases, names = defaultdict(int), defaultdict(set), {}
        wanted = set(pads)
        for r in avoided.itertuples():
            names.setdefault(r.code, r.omschrijving)
            if r.pad in wanted:
                value[r.code] += int(r.bedrag_cent)
                cases[r.code].add(r.pad)
        total = Decimal(g.baten_cent)
        posts = [PostTelling(c, names[c], len(cases[c]), v, float(round(Decimal(v) / total, 4)) if total else 0.0)
                 for c, v in value.items()]  # fmt: skip
        _rangschik(g, posts)
        out[(soort, naam)] = g
    return out


@pytest.mark.parametrize("seed", range(8))
def test_group_figures_equal_the_per_group_sums(seed):
    from rendementsmeter.analysis.patterns import _groepen, _leden

    rng = random.Random(seed)
    cases, rows, leef = [], [], {}
    groep_van = {d: ("samen" if i % 2 else d) for i, d in enumerate(spec.DOMEINEN[:4])}
    for c in range(rng.randint(1, 250)):
        pad = f"c{c}.xlsx"
        kosten, baten = rng.randint(0, 10**6), 0
        for _ in range(rng.randint(0, 6)):
            amount = rng.choice([0, rng.randint(1, 10**7), -rng.randint(1, 10**5)])
            rows.append({"pad": pad, "code": f"VER-{rng.randint(1, 9)}", "omschrijving": f"post {c % 3}",
                         "bedrag_cent": amount})  # fmt: skip
            baten += amount
        cases.append({"pad": pad, "domein": rng.choice(spec.DOMEINEN[:4]), "kosten_cent": kosten,
                      "baten_cent": baten, "netto_cent": baten - kosten})  # fmt: skip
        leef[pad] = tuple(rng.sample(spec.LEEFGEBIEDEN, rng.randint(0, 3))) * rng.choice([1, 2])  # doubles too
    pc = pd.DataFrame(cases)
    avoided = pd.DataFrame(rows, columns=["pad", "code", "omschrijving", "bedrag_cent"])
    got = _groepen(pc, avoided, _leden(pc, [leef[p] for p in pc["pad"]], groep_van))
    assert got == _groepen_reference(pc, avoided, leef, groep_van)
    assert got[("alle", "alle casussen")].casussen == len(pc)


def _matrix_reference(pads, cost, gain):
    """The matrix cells case by case with `_split` (the plain form of payer_cells.matrix_cells)."""
    from collections import defaultdict

    from rendementsmeter.analysis.payer_cells import ZONDER_KOSTEN, Cel, _fin_key, _split

    def per_pad(lines):
        out = defaultdict(dict)
        for (pad, fin), v in lines.groupby(["pad", "financier"], sort=False)["bedrag_cent"].sum().items():
            out[str(pad)][str(fin)] = int(v)
        return {p: {f: d[f] for f in sorted(d, key=_fin_key)} for p, d in out.items()}

    cost_by, gain_by = per_pad(cost), per_pad(gain)
    kosten, baten, cellen, zonder = {}, {}, {}, 0
    for pad in pads:
        paid, got = cost_by.get(pad, {}), gain_by.get(pad, {})
        for f, v in paid.items():
            c = kosten.setdefault(f, Cel())
            c.bedrag_cent += v
            c.casussen += 1
        zonder += not paid
        for b, v in got.items():
            c = baten.setdefault(b, Cel())
            c.bedrag_cent += v
            c.casussen += 1
            for a, share in _split(v, paid or {ZONDER_KOSTEN: 1}).items():
                cell = cellen.setdefault((a, b), Cel())
                cell.bedrag_cent += share
                cell.casussen += 1
    return kosten, baten, cellen, zonder


@pytest.mark.parametrize("seed", range(10))
def test_matrix_cells_equal_the_split_case_by_case(seed):
    from rendementsmeter.analysis.payer_cells import matrix_cells

    rng = random.Random(seed)
    fins = ["gemeente", "zorgverzekeraar", "rijk", "anders", "werkgever"]
    big = 10**17 if seed % 3 == 0 else 10**6  # some products beyond int64: the rule one amount at a time
    rows = {"cost": [], "gain": []}
    pads = [f"c{c}" for c in range(rng.randint(0, 120))]
    for pad in pads + ["weg"]:  # "weg": lines of a case outside the table count nowhere
        for side in rows:
            for _ in range(rng.randint(0, 4)):
                amount = rng.choice([rng.randint(1, 10**5), rng.randint(1, big), -rng.randint(1, 500)])
                rows[side].append(
                    {"pad": pad, "financier": rng.choice(fins[: rng.randint(1, 5)]), "bedrag_cent": amount}
                )
    cost, gain = (pd.DataFrame(rows[s], columns=["pad", "financier", "bedrag_cent"]) for s in ("cost", "gain"))
    got = matrix_cells(np.array(pads, dtype=object), cost, gain)
    want = _matrix_reference(pads, cost, gain)
    assert [list(x.items()) if isinstance(x, dict) else x for x in got] == [
        list(x.items()) if isinstance(x, dict) else x for x in want
    ]  # the same figures, and the same order of financiers and cells


def test_case_rows_find_each_path_and_take_the_first_of_two_equal_paths():
    from rendementsmeter.analysis.totals import case_rows

    assert case_rows(["a", "b", "c"], ["c", "x", "a", "c"]).tolist() == [2, -1, 0, 2]
    assert case_rows(["a", "b", "a", "c"], ["a", "c", "b", "x"]).tolist() == [0, 3, 1, -1]
    assert case_rows([], ["a"]).tolist() == [-1]


def test_matrix_cells_beyond_int64_sums_are_exact():
    """Amounts whose sums leave int64 (4,6 × 10^18 cents): the rule case by case in Python integers."""
    from rendementsmeter.analysis.payer_cells import matrix_cells

    rows_cost = [
        {"pad": p, "financier": f, "bedrag_cent": 3 * 10**18 + i}
        for i, (p, f) in enumerate([("a", "gemeente"), ("a", "rijk"), ("b", "gemeente"), ("c", "anders")])
    ]
    rows_gain = [{"pad": p, "financier": f, "bedrag_cent": 5 * 10**18 + 7 * i}
                 for i, (p, f) in enumerate([("a", "zorgverzekeraar"), ("b", "gemeente"), ("b", "rijk"), ("d", "rijk")])]  # fmt: skip
    cost, gain = pd.DataFrame(rows_cost), pd.DataFrame(rows_gain)
    pads = np.array(["a", "b", "c", "d"], dtype=object)
    got = matrix_cells(pads, cost, gain)
    want = _matrix_reference(list(pads), cost, gain)
    assert [list(x.items()) if isinstance(x, dict) else x for x in got] == [
        list(x.items()) if isinstance(x, dict) else x for x in want
    ]
    assert got[0]["gemeente"].bedrag_cent == 6 * 10**18 + 2  # beyond int64, exact


def test_sorted_distinct_is_numpys_unique():
    import numpy as np

    from rendementsmeter.pricing.frames import sorted_distinct

    rng = np.random.default_rng(3)
    for n, top in [(0, 5), (1, 5), (7, 3), (1000, 10), (50_000, 10**12)]:
        values = rng.integers(-top, top, n)
        got = sorted_distinct(values)
        assert got.dtype == values.dtype and got.tolist() == np.unique(values).tolist()


def test_first_uses_are_numpys_first_indexes():
    import numpy as np

    from rendementsmeter.pricing.frames import first_uses

    rng = np.random.default_rng(4)
    for n, top in [(0, 5), (1, 5), (7, 3), (1000, 10), (50_000, 10**6)]:
        codes = pd.factorize(rng.integers(0, top, n))[0]
        assert first_uses(codes).tolist() == np.unique(codes, return_index=True)[1].tolist()


def _per_groep_reference(lines, sleutel, known):
    """The rule as first written: a pandas groupby with nunique on the paths."""
    import numpy as np

    from rendementsmeter.analysis.payer_cells import Cel

    names = sorted(set(lines[sleutel]), key=lambda k: (known.index(k) if k in known else len(known), k))
    sub = lines[[sleutel, "regelsoort", "bedrag_cent", "pad"]]
    sub = sub[sub["bedrag_cent"] != 0]
    sub = sub.assign(_kant=np.where((sub["regelsoort"] == "vermeden").to_numpy(bool), "baten", "kosten").astype(object))
    agg = sub.groupby([sleutel, "_kant"], sort=False).agg(bedrag=("bedrag_cent", "sum"), n=("pad", "nunique"))
    cells = {(str(r.Index[0]), str(r.Index[1])): Cel(int(r.bedrag), int(r.n)) for r in agg.itertuples()}
    out = {str(k): (cells.get((str(k), "kosten"), Cel()), cells.get((str(k), "baten"), Cel())) for k in names}
    return {k: v for k, v in out.items() if v[0].casussen or v[1].casussen}


def test_costs_and_benefits_per_group_are_the_groupby_rule():
    import random
    from types import SimpleNamespace

    import pandas as pd

    from rendementsmeter.analysis.payers import per_groep
    from rendementsmeter.pricing.prijslijst import FINANCIERS, WETTEN

    rng = random.Random(11)
    for n in [1, 2, 5, 40, 400]:
        lines = pd.DataFrame({
            "financier": [rng.choice(["gemeente", "zorgverzekeraar", "burger", "onbekend-x"]) for _ in range(n)],
            "wet": [rng.choice(["Wmo 2015", "Zvw", "Wlz", "Participatiewet"]) for _ in range(n)],
            "regelsoort": [rng.choice(["inzet", "ingezet", "vermeden"]) for _ in range(n)],
            "bedrag_cent": [rng.choice([0, 0, 1, -250, 12_345, 10**15]) for _ in range(n)],
            "pad": [rng.choice([f"casus-{rng.randint(1, max(1, n // 3))}.xlsx"] * 9 + [None]) for _ in range(n)],
        }).astype({"financier": object, "wet": object, "regelsoort": object, "pad": object})  # fmt: skip
        bc = SimpleNamespace(regels=lines)
        for sleutel, known in (("financier", FINANCIERS), ("wet", WETTEN)):
            got = per_groep(bc, sleutel)
            assert got == _per_groep_reference(lines, sleutel, known)
            assert list(got) == list(_per_groep_reference(lines, sleutel, known))  # the same order


def test_per_distinct_is_the_function_of_every_value():
    """Once per distinct value, the same as value by value: -0.0 and 0.0 apart (they read differently),
    dates, missing values, and object text given as a numpy array."""
    from datetime import date

    import numpy as np
    import pandas as pd

    from rendementsmeter.pricing.frames import per_distinct

    columns = [
        pd.Series([0.0, -0.0, 1.5, np.nan, 1.5]),
        pd.Series(["a", "b", "a", "", "b"], dtype=object),
        pd.Series([date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31)], dtype=object),
        pd.Series([date(2026, 3, 31), None, "x"], dtype=object),
        pd.Series([3, 1, 3, 2]),
        np.array(["ZVW-HA-01", "WMO-BG-13", "ZVW-HA-01"], dtype=object),
    ]
    for values in columns:
        got = per_distinct(values, str)
        assert got.tolist() == [str(v) for v in values]
    assert per_distinct(np.array([75.0, 50.0, 75.0]), lambda k: k / 100, np.float64).tolist() == [0.75, 0.5, 0.75]
