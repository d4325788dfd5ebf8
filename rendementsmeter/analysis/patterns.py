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

import pandas as pd

from rendementsmeter.analysis.basis import Basis
from rendementsmeter.analysis.disclosure import MIN_GROEP, DomeinGroep, domeingroepen
from rendementsmeter.analysis.pattern_types import Groep, Paar, Patronen, PostTelling, TrendPunt
from rendementsmeter.analysis.stats import cent, kwantiel, uitschieters, verdeling
from rendementsmeter.core.model import OPGENOMEN
from rendementsmeter.core.periode import kwartaal_van
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


def _leden(pc: pd.DataFrame, leef: dict[str, tuple[str, ...]], groep_van: dict[str, str]) -> pd.DataFrame:
    """Group membership, one row per (soort, naam, pad): all cases, each domain group, each life domain."""
    pads = list(pc["pad"])
    rows = [("alle", "alle casussen", pad) for pad in pads]
    rows += [("domein", groep_van[str(d)], pad) for d, pad in zip(pc["domein"], pads, strict=True)]
    rows += [("leefgebied", lg, pad) for pad in pads for lg in dict.fromkeys(leef.get(pad, ()))]
    return pd.DataFrame(rows, columns=["soort", "naam", "pad"])


def _groepen(pc: pd.DataFrame, avoided: pd.DataFrame, leden: pd.DataFrame) -> dict[tuple[str, str], Groep]:
    """Every group's figures in one vectorised pass (a pool of many thousands of cases stays fast)."""
    cases = leden.merge(pc[["pad", "kosten_cent", "baten_cent", "netto_cent"]], on="pad")
    out: dict[tuple[str, str], Groep] = {}
    for (soort, naam), g in cases.groupby(["soort", "naam"], sort=False):
        netto = [int(v) for v in g["netto_cent"]]
        out[(str(soort), str(naam))] = Groep(
            str(soort),
            str(naam),
            len(g),
            kosten_cent=int(g["kosten_cent"].sum()),
            baten_cent=int(g["baten_cent"].sum()),
            netto_cent=int(g["netto_cent"].sum()),
            mediaan_netto_cent=cent(kwantiel(netto, Decimal("0.5"))),
            p25_netto_cent=cent(kwantiel(netto, Decimal("0.25"))),
            p75_netto_cent=cent(kwantiel(netto, Decimal("0.75"))),
        )
    if not len(avoided):
        return out
    names = avoided.groupby("code", sort=False)["omschrijving"].first().to_dict()
    per_case = avoided.groupby(["pad", "code"], sort=False)["bedrag_cent"].sum().reset_index()
    items = leden.merge(per_case, on="pad").groupby(["soort", "naam", "code"], sort=False)["bedrag_cent"]
    posts: dict[tuple[str, str], list[PostTelling]] = defaultdict(list)
    sizes, sums = items.size(), items.sum()
    for key, n in sizes.items():
        soort, naam, code = (str(k) for k in key)
        group_total = Decimal(out[(soort, naam)].baten_cent)
        value = int(sums[key])
        share = float(round(Decimal(value) / group_total, 4)) if group_total else 0.0
        posts[(soort, naam)].append(PostTelling(code, str(names[code]), int(n), value, share))
    for key, g in out.items():
        _rangschik(g, posts.get(key, []))
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


def _samen(pc: pd.DataFrame, lines: pd.DataFrame, groepen: list[DomeinGroep]) -> dict[str, list[Paar]]:
    """Per domain group: pairs of an own intervention and an avoided item in at least two of its cases
    (counted column-wise: each case's distinct codes, joined on the case)."""
    codes = lines.loc[lines["regelsoort"].isin(["inzet", "vermeden"]), ["pad", "regelsoort", "code"]]
    codes = codes.drop_duplicates()
    avoided = codes.loc[codes["regelsoort"] == "vermeden", ["pad", "code"]]
    codes = codes.merge(pc[["pad", "domein"]], on="pad")  # a case's domain on each of its codes
    inzet = codes.loc[codes["regelsoort"] == "inzet", ["pad", "domein", "code"]]
    both = inzet.merge(avoided, on="pad", suffixes=("_a", "_b"))
    avoided = codes.loc[codes["regelsoort"] == "vermeden", ["domein", "code"]]
    out: dict[str, list[Paar]] = {}
    for groep in groepen:
        domeinen = list(groep.domeinen)
        n = int(pc["domein"].isin(domeinen).sum())
        n_a = inzet.loc[inzet["domein"].isin(domeinen), "code"].value_counts().to_dict()
        n_b = avoided.loc[avoided["domein"].isin(domeinen), "code"].value_counts().to_dict()
        n_ab = both[both["domein"].isin(domeinen)].groupby(["code_a", "code_b"], sort=False).size()
        n_ab = n_ab[n_ab >= 2]
        pairs = [Paar(a, b, int(k), int(n_a[a]), int(n_b[b]), n) for (a, b), k in n_ab.items()]
        out[groep.naam] = sorted(pairs, key=lambda p: (-p.lift, -p.casussen, p.inzet, p.vermeden))
    return out


def _trend(pc: pd.DataFrame) -> tuple[list[TrendPunt], dict[str, list[TrendPunt]]]:
    frame = pc.assign(
        kwartaal=[kwartaal_van(d) if isinstance(d, date) else "onbekend" for d in pc["einddatum"]],
        team_=[t if isinstance(t, str) and t.strip() else GEEN_TEAM for t in pc["team"]],
    )

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
    avoided = lines[lines["regelsoort"] == "vermeden"] if len(lines) else lines
    leef = {r.pad: r.case.leefgebieden for r in bc.resultaten if r.status == OPGENOMEN and r.case is not None}
    trend_kwartaal, trend_team = _trend(pc) if len(pc) else ([], {})
    domeingroepen, groep_van = _domeingroep(pc, min_groep) if len(pc) else ([], {})
    groepen = _groepen(pc, avoided, _leden(pc, leef, groep_van))
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
        zonder_leefgebied=sum(1 for pad in pc["pad"] if not leef.get(pad)),
        samen=_samen(pc, lines, domeingroepen) if len(lines) else {},
        trend_kwartaal=trend_kwartaal,
        trend_team=trend_team,
        uitschieters=uitschieters(pc),
        verdeling=verdeling(pc["netto_cent"], min_groep),
    )
