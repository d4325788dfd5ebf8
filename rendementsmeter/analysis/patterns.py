"""Patterns across cases (`patronen`): pure computation on a Basis (the priced lines of a business case). No file access.

What is computed, and the choices made:

- **Groups** per domain and per ZRM life domain (a case with three life domains counts in each of
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
- **Outliers**: a case is flagged for review when its net benefit lies outside
  median ± 3 × scaled MAD (MAD × 1,4826, which equals the standard deviation for normal data). When
  more than half of the cases have the same net benefit the MAD is 0; then the mean absolute
  deviation from the median × 1,2533 is used instead (Iglewicz & Hoaglin). With fewer than 5 cases
  nothing is flagged. One rule over all cases, not per domain: domains are usually too small.
- **Distribution** of net benefit per case in classes of round bounds, each class holding at least
  `min_groep` cases (neighbouring classes are merged until they do).
- **Disclosure control**: every figure is computed from a group of cases (a domain, a life domain, a
  team in a quarter, the cases that share an item or a pair, ...). A group of fewer than
  `min_groep` cases (default 5) is shown as "<5" and none of its values are given, in every output.
  This is primary suppression only: a determined reader may still derive a suppressed value by
  subtracting shown values from a shown total.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from rendementsmeter.analysis.basis import Basis
from rendementsmeter.analysis.totals import ratio
from rendementsmeter.core.model import OPGENOMEN
from rendementsmeter.core.money import cents_to_euro, format_eur_cents
from rendementsmeter.core.periode import kwartaal_van
from rendementsmeter.spec.casus import DOMEINEN, LEEFGEBIEDEN

MIN_GROEP = 5
PARETO_AANDEEL = Decimal("0.8")
TOP = 5
UITSCHIETER_K = Decimal(3)
MAD_SCHAAL = Decimal("1.4826")
MEANAD_SCHAAL = Decimal("1.2533")
MIN_UITSCHIETER_CASUSSEN = 5
GEEN_TEAM = "(geen team)"


def onderdrukt(casussen: int, min_groep: int = MIN_GROEP) -> bool:
    """True when a group is too small to show: 1 to min_groep - 1 cases (0 cases reveals nobody)."""
    return 0 < casussen < min_groep


def klein_label(min_groep: int = MIN_GROEP) -> str:
    """What a suppressed group shows instead of its values: '<5'."""
    return f"<{min_groep}"


def _cent(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kwantiel(waarden: list[int], p: Decimal) -> Decimal:
    """Quantile by linear interpolation (Excel KWARTIEL.INC, pandas default); values need not be sorted."""
    x = sorted(waarden)
    if not x:
        raise ValueError("geen waarden")
    pos = (len(x) - 1) * p
    lo = int(pos)
    frac = pos - lo
    if lo + 1 >= len(x):
        return Decimal(x[lo])
    return Decimal(x[lo]) + (Decimal(x[lo + 1]) - Decimal(x[lo])) * frac


@dataclass(frozen=True)
class PostTelling:
    """An avoided item within a group: in how many cases, and its expected value."""

    code: str
    omschrijving: str
    casussen: int
    baten_cent: int
    aandeel: float  # of the group's benefits, 4 decimals

    def to_dict(self, min_groep: int) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "omschrijving": self.omschrijving}
        if onderdrukt(self.casussen, min_groep):
            return {**out, "casussen": klein_label(min_groep)}
        return {**out, "casussen": self.casussen, "baten": cents_to_euro(self.baten_cent), "aandeel": self.aandeel}


@dataclass
class Groep:
    """One group of cases (a domain, a life domain or all cases) and its figures in cents."""

    soort: str  # alle | domein | leefgebied
    naam: str
    casussen: int
    kosten_cent: int = 0
    baten_cent: int = 0
    netto_cent: int = 0
    mediaan_netto_cent: int = 0
    p25_netto_cent: int = 0
    p75_netto_cent: int = 0
    top_aantal: list[PostTelling] = field(default_factory=list)
    top_waarde: list[PostTelling] = field(default_factory=list)
    pareto: list[PostTelling] = field(default_factory=list)
    pareto_aandeel: float = 0.0

    @property
    def iqr_netto_cent(self) -> int:
        return self.p75_netto_cent - self.p25_netto_cent

    @property
    def rendement(self) -> float | None:
        return ratio(self.baten_cent, self.kosten_cent)

    def to_dict(self, min_groep: int) -> dict[str, Any]:
        if onderdrukt(self.casussen, min_groep):
            return {"casussen": klein_label(min_groep)}
        return {
            "casussen": self.casussen,
            "kosten": cents_to_euro(self.kosten_cent),
            "baten": cents_to_euro(self.baten_cent),
            "netto": cents_to_euro(self.netto_cent),
            "rendement": self.rendement,
            "netto_per_casus": {
                "mediaan": cents_to_euro(self.mediaan_netto_cent),
                "p25": cents_to_euro(self.p25_netto_cent),
                "p75": cents_to_euro(self.p75_netto_cent),
                "iqr": cents_to_euro(self.iqr_netto_cent),
            },
            "meest_vermeden": [p.to_dict(min_groep) for p in self.top_aantal],
            "hoogste_waarde": [p.to_dict(min_groep) for p in self.top_waarde],
            "pareto_80": {
                "posten": [p.to_dict(min_groep) for p in self.pareto],
                "aandeel": self.pareto_aandeel,
            },
        }


@dataclass(frozen=True)
class Paar:
    """An own intervention and an avoided item that occur in the same cases of one domain."""

    inzet: str
    vermeden: str
    casussen: int  # cases with both
    casussen_inzet: int
    casussen_vermeden: int
    domein_casussen: int

    @property
    def support(self) -> float:
        return round(self.casussen / self.domein_casussen, 4)

    @property
    def confidence(self) -> float:
        return round(self.casussen / self.casussen_inzet, 4)

    @property
    def lift(self) -> float:
        return round(self.casussen * self.domein_casussen / (self.casussen_inzet * self.casussen_vermeden), 4)

    def to_dict(self, min_groep: int) -> dict[str, Any]:
        out: dict[str, Any] = {"inzet": self.inzet, "vermeden": self.vermeden}
        if onderdrukt(self.casussen, min_groep):
            return {**out, "casussen": klein_label(min_groep)}
        return {
            **out,
            "casussen": self.casussen,
            "support": self.support,
            "confidence": self.confidence,
            "lift": self.lift,
        }


@dataclass(frozen=True)
class TrendPunt:
    """One quarter (for all teams, or one team): totals and per-case figures in cents."""

    team: str  # '' = all teams
    kwartaal: str
    casussen: int
    kosten_cent: int
    baten_cent: int

    @property
    def netto_cent(self) -> int:
        return self.baten_cent - self.kosten_cent

    @property
    def baten_per_casus_cent(self) -> int:
        return _cent(Decimal(self.baten_cent) / self.casussen)

    @property
    def netto_per_casus_cent(self) -> int:
        return _cent(Decimal(self.netto_cent) / self.casussen)

    @property
    def rendement(self) -> float | None:
        return ratio(self.baten_cent, self.kosten_cent)

    def to_dict(self, min_groep: int) -> dict[str, Any]:
        if onderdrukt(self.casussen, min_groep):
            return {"kwartaal": self.kwartaal, "casussen": klein_label(min_groep)}
        return {
            "kwartaal": self.kwartaal,
            "casussen": self.casussen,
            "kosten": cents_to_euro(self.kosten_cent),
            "baten": cents_to_euro(self.baten_cent),
            "baten_per_casus": cents_to_euro(self.baten_per_casus_cent),
            "netto_per_casus": cents_to_euro(self.netto_per_casus_cent),
            "rendement": self.rendement,
        }


@dataclass(frozen=True)
class Uitschieter:
    """A case far outside the rest, flagged for review (not removed from any total)."""

    casusnummer: str
    pad: str
    netto_cent: int
    richting: str  # hoog | laag
    reden: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "casusnummer": self.casusnummer,
            "pad": self.pad,
            "netto": cents_to_euro(self.netto_cent),
            "richting": self.richting,
            "reden": self.reden,
        }


@dataclass
class Uitschieters:
    """The outlier rule as applied, and the flagged cases."""

    casussen: int
    methode: str = ""  # 'MAD' | 'gemiddelde absolute afwijking' | '' (too few cases)
    mediaan_cent: int = 0
    spreiding_cent: int = 0  # scaled MAD (or scaled mean absolute deviation)
    ondergrens_cent: int = 0
    bovengrens_cent: int = 0
    gemarkeerd: list[Uitschieter] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        if not self.methode:
            return {
                "regel": f"niet toegepast: minder dan {MIN_UITSCHIETER_CASUSSEN} casussen",
                "gemarkeerd": [],
            }
        return {
            "regel": f"netto per casus buiten mediaan ± {UITSCHIETER_K} × geschaalde spreiding ({self.methode})",
            "mediaan": cents_to_euro(self.mediaan_cent),
            "spreiding": cents_to_euro(self.spreiding_cent),
            "ondergrens": cents_to_euro(self.ondergrens_cent),
            "bovengrens": cents_to_euro(self.bovengrens_cent),
            "gemarkeerd": [u.to_dict() for u in self.gemarkeerd],
        }


@dataclass(frozen=True)
class Klasse:
    """A class of the distribution of net benefit per case: van <= netto < tot (the last one: <= tot)."""

    van_cent: int
    tot_cent: int
    casussen: int

    def to_dict(self) -> dict[str, Any]:
        return {"van": cents_to_euro(self.van_cent), "tot": cents_to_euro(self.tot_cent), "casussen": self.casussen}


@dataclass
class Patronen:
    """Everything `patronen` reports; `to_dict()` is the JSON shape, with small groups suppressed."""

    min_groep: int
    alle: Groep
    per_domein: list[Groep]
    per_leefgebied: list[Groep]
    zonder_leefgebied: int
    samen: dict[str, list[Paar]]  # per domain; domains with too few cases have an empty list
    trend_kwartaal: list[TrendPunt]
    trend_team: dict[str, list[TrendPunt]]
    uitschieters: Uitschieters
    verdeling: list[Klasse]

    def to_dict(self) -> dict[str, Any]:
        m = self.min_groep
        domein_n = {g.naam: g.casussen for g in self.per_domein}
        return {
            "min_groep": m,
            "alle": self.alle.to_dict(m),
            "per_domein": {g.naam: g.to_dict(m) for g in self.per_domein},
            "per_leefgebied": {g.naam: g.to_dict(m) for g in self.per_leefgebied},
            "zonder_leefgebied": klein_label(m) if onderdrukt(self.zonder_leefgebied, m) else self.zonder_leefgebied,
            "samen_met": {
                d: (
                    {"casussen": klein_label(m)}
                    if onderdrukt(domein_n.get(d, 0), m)
                    else {"casussen": domein_n.get(d, 0), "paren": [p.to_dict(m) for p in pairs]}
                )
                for d, pairs in self.samen.items()
            },
            "trend": {
                "per_kwartaal": [t.to_dict(m) for t in self.trend_kwartaal],
                "per_team": {team: [t.to_dict(m) for t in punten] for team, punten in self.trend_team.items()},
            },
            "uitschieters": self.uitschieters.to_dict(),
            "verdeling_netto": [k.to_dict() for k in self.verdeling],
        }


def _order(names: Iterable[str], known: tuple[str, ...]) -> list[str]:
    return sorted(set(names), key=lambda k: (known.index(k) if k in known else len(known), k))


def _leden(pc: pd.DataFrame, leef: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Group membership, one row per (soort, naam, pad): all cases, each domain, each life domain."""
    pads = list(pc["pad"])
    rows = [("alle", "alle casussen", pad) for pad in pads]
    rows += [("domein", str(d), pad) for d, pad in zip(pc["domein"], pads, strict=True)]
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
            mediaan_netto_cent=_cent(kwantiel(netto, Decimal("0.5"))),
            p25_netto_cent=_cent(kwantiel(netto, Decimal("0.25"))),
            p75_netto_cent=_cent(kwantiel(netto, Decimal("0.75"))),
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


def _samen(pc: pd.DataFrame, lines: pd.DataFrame) -> dict[str, list[Paar]]:
    inzet = lines[lines["regelsoort"] == "inzet"].groupby("pad")["code"].agg(set).to_dict()
    avoided = lines[lines["regelsoort"] == "vermeden"].groupby("pad")["code"].agg(set).to_dict()
    out: dict[str, list[Paar]] = {}
    for domein in _order(pc["domein"], DOMEINEN):
        pads = list(pc.loc[pc["domein"] == domein, "pad"])
        n = len(pads)
        n_a: dict[str, int] = defaultdict(int)
        n_b: dict[str, int] = defaultdict(int)
        n_ab: dict[tuple[str, str], int] = defaultdict(int)
        for pad in pads:
            a_codes, b_codes = inzet.get(pad, set()), avoided.get(pad, set())
            for a in a_codes:
                n_a[a] += 1
            for b in b_codes:
                n_b[b] += 1
            for a in a_codes:
                for b in b_codes:
                    n_ab[(a, b)] += 1
        pairs = [Paar(a, b, k, n_a[a], n_b[b], n) for (a, b), k in n_ab.items() if k >= 2]
        out[domein] = sorted(pairs, key=lambda p: (-p.lift, -p.casussen, p.inzet, p.vermeden))
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


def _uitschieters(pc: pd.DataFrame) -> Uitschieters:
    out = Uitschieters(len(pc))
    if len(pc) < MIN_UITSCHIETER_CASUSSEN:
        return out
    netto = [int(v) for v in pc["netto_cent"]]
    med = kwantiel(netto, Decimal("0.5"))
    dev = [abs(Decimal(v) - med) for v in netto]
    mad = _median_dec(dev)
    if mad > 0:
        spread, out.methode = mad * MAD_SCHAAL, "MAD"
    else:
        spread, out.methode = sum(dev, Decimal(0)) / len(dev) * MEANAD_SCHAAL, "gemiddelde absolute afwijking"
    lo, hi = med - UITSCHIETER_K * spread, med + UITSCHIETER_K * spread
    out.mediaan_cent, out.spreiding_cent = _cent(med), _cent(spread)
    out.ondergrens_cent, out.bovengrens_cent = _cent(lo), _cent(hi)
    if spread == 0:
        return out  # every case has the same net benefit: nothing stands out
    for r in pc.itertuples():
        v = int(r.netto_cent)
        if lo <= v <= hi:
            continue
        hoog = v > hi
        grens = out.bovengrens_cent if hoog else out.ondergrens_cent
        reden = (
            f"Netto {format_eur_cents(v)} ligt ver {'boven' if hoog else 'onder'} de rest "
            f"(grens {format_eur_cents(grens)} = mediaan {format_eur_cents(out.mediaan_cent)} "
            f"{'+' if hoog else '-'} 3 × spreiding {format_eur_cents(out.spreiding_cent)}). "
            "Controleer aantallen, kansen en toelichting van deze casus."
        )
        out.gemarkeerd.append(Uitschieter(str(r.casusnummer), str(r.pad), v, "hoog" if hoog else "laag", reden))
    return out


def _median_dec(values: list[Decimal]) -> Decimal:
    x = sorted(values)
    mid = len(x) // 2
    return x[mid] if len(x) % 2 else (x[mid - 1] + x[mid]) / 2


def _mooie_breedte(ruw: float) -> int:
    """A round class width in cents (1, 2, 2.5 or 5 × a power of ten euros, at least € 1)."""
    euro = max(ruw / 100, 1.0)
    macht = 10 ** math.floor(math.log10(euro))
    for stap in (1, 2, 2.5, 5, 10):
        if euro <= stap * macht:
            return int(round(stap * macht * 100))
    return int(10 * macht * 100)  # pragma: no cover - the loop always returns


def verdeling(netto_cent: Iterable[int], min_groep: int = MIN_GROEP) -> list[Klasse]:
    """Classes of round bounds (Sturges' number of classes), merged until each holds >= min_groep cases.

    Empty when there are fewer than `min_groep` cases (disclosure control)."""
    values = sorted(int(v) for v in netto_cent)
    n = len(values)
    if n == 0 or n < min_groep:
        return []
    lo, hi = values[0], values[-1]
    if lo == hi:
        return [Klasse(lo, hi, n)]
    k = math.ceil(math.log2(n)) + 1
    width = _mooie_breedte((hi - lo) / k)
    start = math.floor(lo / width) * width
    edges = [start]
    while edges[-1] <= hi:
        edges.append(edges[-1] + width)
    counts = [0] * (len(edges) - 1)
    for v in values:
        counts[min((v - start) // width, len(counts) - 1)] += 1
    merged: list[Klasse] = []
    begin, count = edges[0], 0
    for i, c in enumerate(counts):
        count += c
        if count >= min_groep:
            merged.append(Klasse(begin, edges[i + 1], count))
            begin, count = edges[i + 1], 0
    if count:  # the last few cases join the class before them
        last = merged.pop()
        merged.append(Klasse(last.van_cent, edges[-1], last.casussen + count))
    return merged


def patronen(bc: Basis, min_groep: int = MIN_GROEP) -> Patronen:
    """Patterns across the included cases of a business case (see the module docstring)."""
    if min_groep < 1:
        raise ValueError("min_groep moet minstens 1 zijn")
    pc = bc.per_casus
    lines = bc.regels
    avoided = lines[lines["regelsoort"] == "vermeden"] if len(lines) else lines
    leef = {r.pad: r.case.leefgebieden for r in bc.resultaten if r.status == OPGENOMEN and r.case is not None}
    trend_kwartaal, trend_team = _trend(pc) if len(pc) else ([], {})
    groepen = _groepen(pc, avoided, _leden(pc, leef))
    soorten: dict[str, list[str]] = defaultdict(list)
    for soort, naam in groepen:
        soorten[soort].append(naam)
    return Patronen(
        min_groep=min_groep,
        alle=groepen.get(("alle", "alle casussen"), Groep("alle", "alle casussen", 0)),
        per_domein=[groepen[("domein", d)] for d in _order(soorten["domein"], DOMEINEN)],
        per_leefgebied=[groepen[("leefgebied", lg)] for lg in _order(soorten["leefgebied"], LEEFGEBIEDEN)],
        zonder_leefgebied=sum(1 for pad in pc["pad"] if not leef.get(pad)),
        samen=_samen(pc, lines) if len(lines) else {},
        trend_kwartaal=trend_kwartaal,
        trend_team=trend_team,
        uitschieters=_uitschieters(pc),
        verdeling=verdeling(pc["netto_cent"], min_groep),
    )
