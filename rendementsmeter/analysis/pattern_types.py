"""The figures `patronen` reports, as data classes with their JSON shape (small groups suppressed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rendementsmeter.analysis.disclosure import klein_label, onderdrukt
from rendementsmeter.analysis.stats import Klasse, Uitschieters, cent
from rendementsmeter.analysis.totals import ratio
from rendementsmeter.core.money import cents_to_euro


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
    domeinen: tuple[str, ...] = ()  # a domain group: the domains in it (more than one when merged)

    @property
    def iqr_netto_cent(self) -> int:
        return self.p75_netto_cent - self.p25_netto_cent

    @property
    def rendement(self) -> float | None:
        return ratio(self.baten_cent, self.kosten_cent)

    def to_dict(self, min_groep: int) -> dict[str, Any]:
        extra: dict[str, Any] = {"domeinen": list(self.domeinen)} if self.domeinen else {}
        if onderdrukt(self.casussen, min_groep):
            return {**extra, "casussen": klein_label(min_groep)}
        return {
            **extra,
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
        return cent(Decimal(self.baten_cent) / self.casussen)

    @property
    def netto_per_casus_cent(self) -> int:
        return cent(Decimal(self.netto_cent) / self.casussen)

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
