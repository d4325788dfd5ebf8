"""Patterns across cases (`patronen`): pure computation on a Basis (the priced lines of a business case). No file access.

What is computed, and the choices made:

- **Groups** per domain group (small domains merged, see `disclosure`) and per ZRM life domain (a case with three life domains counts in each of
  them), plus all cases together: the number of cases, the median and the interquartile range
  (P25-P75) of the net benefit per case, the avoided items most often recorded (by number of cases)
  and with the most value, and the Pareto set: the fewest items that together make up at least 80%
  of the group's benefits. Quantiles use linear interpolation between order statistics (as Excel's
  KWARTIEL.INC and pandas' default), computed exactly and rounded to whole cents.
- **Co-occurrence** per domain of an own intervention (a code on sheet Inzet) and an avoided item:
  over the cases of the domain, support = P(both), confidence = P(avoided | intervention) and
  lift = P(both) / (P(intervention) × P(avoided)). Lift above 1 means the two go together more often
  than chance; with few cases it is a pointer, not a proof. Only pairs seen in at least 2 cases.
- **Trends** per quarter (of the Einddatum), for all teams and per team: cases, costs, benefits,
  benefits and net per case, and the return (benefits per euro of costs).
- Outliers, distribution: see `stats`; disclosure control: see `disclosure`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from rendementsmeter.analysis.basis import Basis
from rendementsmeter.analysis.disclosure import MIN_GROEP, DomeinGroep, domeingroepen
from rendementsmeter.analysis.pattern_types import Groep, Paar, Patronen, PostTelling, TrendPunt
from rendementsmeter.analysis.stats import cent, kwantiel, uitschieters, verdeling
from rendementsmeter.analysis.totals import case_rows
from rendementsmeter.core.model import OPGENOMEN
from rendementsmeter.core.periode import kwartaal_van
from rendementsmeter.pricing.frames import first_uses, per_distinct, sorted_distinct
from rendementsmeter.spec.casus import DOMEINEN, LEEFGEBIEDEN

PARETO_AANDEEL = Decimal("0.8")
TOP = 5
GEEN_TEAM = "(geen team)"


def _order(names: Iterable[str], known: tuple[str, ...]) -> list[str]:
    return sorted(set(names), key=lambda k: (known.index(k) if k in known else len(known), k))


def _domeingroep(pc: pd.DataFrame, min_groep: int) -> tuple[list[DomeinGroep], dict[str, str]]:
    """The shown domain groups (small domains merged, see `disclosure`) and domain -> group name."""
    counts = pc["domein"].astype(str).value_counts().to_dict()
    groepen = domeingroepen({d: int(counts[d]) for d in _order(counts, DOMEINEN)}, min_groep)
    return groepen, {d: g.naam for g in groepen for d in g.domeinen}


def _case_index(pc: pd.DataFrame, lines: pd.DataFrame) -> np.ndarray:
    """Per line, the row of its case in `pc` (-1 for a line of no included case), see totals.case_rows."""
    return case_rows(pc["pad"], lines["pad"])


def _leden(
    pc: pd.DataFrame, leef: list[tuple[str, ...]], groep_van: dict[str, str]
) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray, np.ndarray]:
    """Group membership: (the groups as (soort, naam), the group of each membership, its case as a row of
    `pc`, per case a number that cases in the same groups share): all cases, each domain group, each life
    domain (a case with three counts in each of them)."""
    n = len(pc)
    keys: dict[tuple[str, str], int] = {}

    def key(soort: str, naam: str) -> int:
        return keys.setdefault((soort, naam), len(keys))

    if not n:
        return [], np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    everyone = np.arange(n)
    alle = np.full(n, key("alle", "alle casussen"))
    dom_codes, domeinen = pd.factorize(pc["domein"].to_numpy(object), use_na_sentinel=False)
    domein = np.array([key("domein", groep_van[str(d)]) for d in domeinen], dtype=np.intp)[dom_codes]
    distinct: dict[tuple[str, ...], int] = {}
    which = np.array([distinct.setdefault(t, len(distinct)) for t in leef], dtype=np.intp)
    per_set = [[key("leefgebied", lg) for lg in dict.fromkeys(t)] for t in distinct]
    sizes = np.array([len(g) for g in per_set], dtype=np.intp)
    flat = np.array([g for gs in per_set for g in gs], dtype=np.intp)
    deg = sizes[which]
    case = np.repeat(everyone, deg)
    within = np.arange(len(case)) - np.repeat(np.cumsum(deg) - deg, deg)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
    life = flat[np.repeat(starts[which], deg) + within]
    same = pd.factorize(dom_codes.astype(np.int64) * len(distinct) + which)[0]  # same domain, same life domains
    return list(keys), np.concatenate([alle, domein, life]), np.concatenate([everyone, everyone, case]), same


def _groepen(
    pc: pd.DataFrame,
    avoided: pd.DataFrame,
    leden: tuple[list[tuple[str, str]], np.ndarray, np.ndarray, np.ndarray],
    case: np.ndarray | None = None,
) -> dict[tuple[str, str], Groep]:
    """Every group's figures in one vectorised pass (a pool of a million cases stays fast): sums in
    whole cents, quantiles from each group's sorted net benefits. `case`: _case_index of `avoided`."""
    keys, member_group, member_case, same = leden
    kosten, baten, netto = (pc[c].to_numpy(np.int64) for c in ("kosten_cent", "baten_cent", "netto_cent"))
    order = np.lexsort((netto[member_case], member_group))
    group_sorted, case_sorted = member_group[order], member_case[order]
    bounds = np.flatnonzero(np.diff(group_sorted)) + 1
    starts = np.concatenate([[0], bounds]).astype(np.intp) if len(order) else np.zeros(0, dtype=np.intp)
    stops = np.append(starts[1:], len(order)) if len(order) else starts  # no case: no group
    sums = {name: np.add.reduceat(v[case_sorted], starts) if len(starts) else v[:0]
            for name, v in (("kosten", kosten), ("baten", baten), ("netto", netto))}  # fmt: skip
    out: dict[tuple[str, str], Groep] = {}
    for j, (a, b) in enumerate(zip(starts.tolist(), stops.tolist(), strict=True)):
        soort, naam = keys[int(group_sorted[a])]
        values = netto[case_sorted[a:b]].tolist()  # sorted: the quantiles' own sort is then linear
        out[(soort, naam)] = Groep(
            soort,
            naam,
            b - a,
            kosten_cent=int(sums["kosten"][j]),
            baten_cent=int(sums["baten"][j]),
            netto_cent=int(sums["netto"][j]),
            mediaan_netto_cent=cent(kwantiel(values, Decimal("0.5"))),
            p25_netto_cent=cent(kwantiel(values, Decimal("0.25"))),
            p75_netto_cent=cent(kwantiel(values, Decimal("0.75"))),
        )
    if not len(avoided):
        return out
    case = _case_index(pc, avoided) if case is None else case
    codes, names_of = pd.factorize(avoided["code"].to_numpy(object), use_na_sentinel=False)  # (no -1: see first_uses)
    first = first_uses(codes)
    names = dict(zip(names_of.tolist(), avoided["omschrijving"].to_numpy(object)[first].tolist(), strict=True))
    n_codes = len(names_of)
    # the value of each item per case, then repeated for every group the case is in
    kept = case >= 0  # an item of no included case counts in no group (as a join on the case)
    amounts = avoided["bedrag_cent"].to_numpy(np.int64)[kept]
    per_case = pd.Series(amounts).groupby(case[kept] * n_codes + codes[kept]).sum()
    pair, value = per_case.index.to_numpy(np.int64), per_case.to_numpy(np.int64)
    # cases in the same groups are counted and summed together first, then each such set's figures go to
    # its groups: the work grows with the cases' items, not with their items times their groups
    per_set = pd.DataFrame({"k": same[pair // n_codes] * n_codes + pair % n_codes, "n": 1, "v": value},
                           copy=False).groupby("k").sum()  # fmt: skip
    s_key = per_set.index.to_numpy(np.int64)
    s_set, s_code = s_key // n_codes, s_key % n_codes
    example = first_uses(same)  # a case of each set: its first
    by_case = np.argsort(member_case, kind="stable")
    deg = np.bincount(member_case, minlength=len(pc))
    first_member = np.concatenate([[0], np.cumsum(deg)[:-1]])
    rep = deg[example[s_set]]
    within = np.arange(int(rep.sum())) - np.repeat(np.cumsum(rep) - rep, rep)
    group = member_group[by_case[np.repeat(first_member[example[s_set]], rep) + within]]
    items = pd.DataFrame({"n": np.repeat(per_set["n"].to_numpy(np.int64), rep),
                          "v": np.repeat(per_set["v"].to_numpy(np.int64), rep)}, copy=False)  # fmt: skip
    summed = items.groupby(group * n_codes + np.repeat(s_code, rep)).sum()
    posts: dict[tuple[str, str], list[PostTelling]] = defaultdict(list)
    size, value_sum = summed["n"], summed["v"]  # the same keys in the same order
    for k, n, total in zip(size.index.tolist(), size.tolist(), value_sum.tolist(), strict=True):
        soort, naam = keys[int(k // n_codes)]
        code = str(names_of[int(k % n_codes)])
        group_total = Decimal(out[(soort, naam)].baten_cent)
        share = float(round(Decimal(total) / group_total, 4)) if group_total else 0.0
        posts[(soort, naam)].append(PostTelling(code, str(names[code]), int(n), int(total), share))
    for k, g in out.items():
        _rangschik(g, posts.get(k, []))
    return out


def _rangschik(g: Groep, posts: list[PostTelling]) -> None:
    """Top items by number of cases and by value, and the Pareto set (>= 80% of the group's benefits)."""
    g.top_aantal = sorted(posts, key=lambda p: (-p.casussen, -p.baten_cent, p.code))[:TOP]
    by_value = sorted(posts, key=lambda p: (-p.baten_cent, -p.casussen, p.code))
    g.top_waarde = by_value[:TOP]
    total = Decimal(g.baten_cent)
    if total <= 0:
        return
    cum = 0
    for p in by_value:
        g.pareto.append(p)
        cum += p.baten_cent
        if Decimal(cum) >= PARETO_AANDEEL * total:
            break
    g.pareto_aandeel = float(round(Decimal(cum) / total, 4))


def _samen(
    pc: pd.DataFrame, lines: pd.DataFrame, groepen: list[DomeinGroep], case: np.ndarray | None = None
) -> dict[str, list[Paar]]:
    """Per domain group: pairs of an own intervention and an avoided item in at least two of its cases
    (counted column-wise: each case's distinct codes, joined on the case as a whole number). `case`:
    _case_index of `lines`."""
    kinds = lines["regelsoort"].to_numpy(object)
    sel = np.flatnonzero((kinds == "inzet") | (kinds == "vermeden"))
    case = (_case_index(pc, lines) if case is None else case)[sel]
    codes, code_names = pd.factorize(lines["code"].to_numpy(object)[sel])
    avoided = (kinds[sel] == "vermeden").astype(np.int64)
    n_codes = max(1, len(code_names))
    kept = case >= 0  # a line of a case outside `pc` has no domain: left out, as a join on the case would
    distinct = sorted_distinct((case[kept] * 2 + avoided[kept]) * n_codes + codes[kept])
    d_case, d_avoided, d_code = distinct // n_codes // 2, (distinct // n_codes) % 2, distinct % n_codes
    inzet = pd.DataFrame({"case": d_case[d_avoided == 0], "code_a": d_code[d_avoided == 0]})
    vermeden = pd.DataFrame({"case": d_case[d_avoided == 1], "code_b": d_code[d_avoided == 1]})
    both = inzet.merge(vermeden, on="case")
    dom_codes, domeinen = pd.factorize(pc["domein"].to_numpy(object), use_na_sentinel=False)
    out: dict[str, list[Paar]] = {}
    for groep in groepen:
        member = np.isin(domeinen, list(groep.domeinen))[dom_codes] if len(pc) else np.zeros(0, dtype=bool)
        n = int(member.sum())
        n_a = np.bincount(inzet["code_a"].to_numpy()[member[inzet["case"].to_numpy()]], minlength=n_codes)
        n_b = np.bincount(vermeden["code_b"].to_numpy()[member[vermeden["case"].to_numpy()]], minlength=n_codes)
        in_group = both[member[both["case"].to_numpy()]]
        n_ab = in_group.groupby(["code_a", "code_b"], sort=False).size()
        n_ab = n_ab[n_ab >= 2]
        pairs = [Paar(str(code_names[a]), str(code_names[b]), int(k), int(n_a[a]), int(n_b[b]), n)
                 for (a, b), k in n_ab.items()]  # fmt: skip
        out[groep.naam] = sorted(pairs, key=lambda p: (-p.lift, -p.casussen, p.inzet, p.vermeden))
    return out


def _trend(pc: pd.DataFrame) -> tuple[list[TrendPunt], dict[str, list[TrendPunt]]]:
    frame = pd.DataFrame({
        "kwartaal": per_distinct(pc["einddatum"], lambda d: kwartaal_van(d) if isinstance(d, date) else "onbekend"),
        "team_": per_distinct(pc["team"], lambda t: t if isinstance(t, str) and t.strip() else GEEN_TEAM),
        "kosten_cent": pc["kosten_cent"].to_numpy(np.int64),
        "baten_cent": pc["baten_cent"].to_numpy(np.int64),
    })  # fmt: skip

    def punt(team: str, q: object, g: pd.DataFrame) -> TrendPunt:
        return TrendPunt(team, str(q), len(g), int(g["kosten_cent"].sum()), int(g["baten_cent"].sum()))

    per_team: dict[str, list[TrendPunt]] = defaultdict(list)
    for (team, q), g in frame.groupby(["team_", "kwartaal"], sort=True):
        per_team[str(team)].append(punt(str(team), q, g))
    return [punt("", q, g) for q, g in frame.groupby("kwartaal", sort=True)], dict(per_team)


def patronen(bc: Basis, min_groep: int = MIN_GROEP) -> Patronen:
    """Patterns across the included cases of a business case (see the module docstring)."""
    if min_groep < 1:
        raise ValueError("min_groep moet minstens 1 zijn")
    pc = bc.per_casus
    lines = bc.regels
    is_avoided = (lines["regelsoort"] == "vermeden").to_numpy(bool)
    used = lines[["pad", "code", "omschrijving", "bedrag_cent"]]  # the columns first: a row subset copies each
    avoided = used[is_avoided] if len(lines) else used
    case = _case_index(pc, lines)
    by_pad = {r.pad: r.case.leefgebieden for r in bc.resultaten if r.status == OPGENOMEN and r.case is not None}
    leef = [by_pad.get(pad, ()) for pad in pc["pad"].tolist()]
    trend_kwartaal, trend_team = _trend(pc) if len(pc) else ([], {})
    domeingroepen, groep_van = _domeingroep(pc, min_groep) if len(pc) else ([], {})
    groepen = _groepen(pc, avoided, _leden(pc, leef, groep_van), case[is_avoided])
    for dg in domeingroepen:
        groepen[("domein", dg.naam)].domeinen = dg.domeinen
    soorten: dict[str, list[str]] = defaultdict(list)
    for soort, naam in groepen:
        soorten[soort].append(naam)
    return Patronen(
        min_groep=min_groep,
        alle=groepen.get(("alle", "alle casussen"), Groep("alle", "alle casussen", 0)),
        per_domein=[groepen[("domein", dg.naam)] for dg in domeingroepen],
        per_leefgebied=[groepen[("leefgebied", lg)] for lg in _order(soorten["leefgebied"], LEEFGEBIEDEN)],
        zonder_leefgebied=sum(1 for t in leef if not t),
        samen=_samen(pc, lines, domeingroepen, case) if len(lines) else {},
        trend_kwartaal=trend_kwartaal,
        trend_team=trend_team,
        uitschieters=uitschieters(pc),
        verdeling=verdeling(pc["netto_cent"], min_groep),
    )
