"""The business case: the priced lines (basis.Basis) with the views a report needs (patterns,
payers, uncertainty, sensitivity), the settings that shape them, and the JSON form."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property
from typing import Any

import pandas as pd

from rendementsmeter import __version__
from rendementsmeter.analysis.basis import Basis, build_basis
from rendementsmeter.analysis.pattern_types import Patronen
from rendementsmeter.analysis.patterns import patronen
from rendementsmeter.analysis.payers import (
    Arbeidsmarkt,
    Cel,
    InvesteerderBaathebber,
    arbeidsmarkt,
    investeerder_baathebber,
    per_groep,
)
from rendementsmeter.analysis.perspectives import Perspectieven, perspectieven
from rendementsmeter.analysis.sensitivity import Scenario, concentratie, per_betrouwbaarheid, scenarios
from rendementsmeter.analysis.totals import ratios
from rendementsmeter.analysis.uncertainty import Onzekerheid, simulate
from rendementsmeter.analysis.verhalen import Verhalen, ZrmUitkomst, kies_verhalen, zrm_uitkomsten
from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.money import cents_to_euro
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.pricing.rules import Regel
from rendementsmeter.review.apply import Beoordeling
from rendementsmeter.review.apply import to_dict as beoordeling_dict
from rendementsmeter.review.model import ReviewFile
from rendementsmeter.spec.rekenregels import DISCONTOVOET


@dataclass
class BusinessCase(Basis):
    """Everything the business case workbook, the JSON and a notebook need."""

    #: Re-pricing comparisons (sensitivity.vergelijk), added by the caller on request.
    vergelijkingen: list[Any] = field(default_factory=list)
    #: The period (periode.Periode) and the valid cases outside it (not in any total).
    periode: Any = None
    buiten: list[ReadResult] = field(default_factory=list)
    #: Disclosure control: groups of fewer cases show "<min_groep>"; hours per fte for staff time.
    min_groep: int = 5
    uren_per_fte: Decimal = Decimal(1500)
    #: Optimism-bias haircut per evidence grade, overriding sensitivity.OPTIMISME_CORRECTIE.
    optimisme: dict[str, Decimal] | None = None
    #: `--verhalen`: case numbers of the stories to publish (else the most typical per group)
    verhalen_keuze: tuple[str, ...] = ()

    @cached_property
    def patronen(self) -> Patronen:
        return patronen(self, min_groep=self.min_groep)

    @cached_property
    def verhalen(self) -> Verhalen:
        """Consented stories per shown domain group (analysis.verhalen)."""
        return kies_verhalen(self, self.patronen, self.verhalen_keuze)

    @cached_property
    def zrm_uitkomsten(self) -> list[ZrmUitkomst]:
        """Per ZRM life domain: clients improved, the same, declined (analysis.verhalen)."""
        return zrm_uitkomsten(self)

    @cached_property
    def investeerder_baathebber(self) -> InvesteerderBaathebber:
        return investeerder_baathebber(self, min_groep=self.min_groep)

    @cached_property
    def arbeidsmarkt(self) -> Arbeidsmarkt:
        return arbeidsmarkt(self, uren_per_fte=self.uren_per_fte, min_groep=self.min_groep)

    def statussen(self) -> list[tuple[ReadResult, str]]:
        """Every file (alle_bestanden, in order) with its status in this business case: its own, or
        'buiten periode' for a valid case outside the period. In one pass (a pool lists a million files in
        the workbook, the JSON and the counts); not remembered, a status follows the findings as they are,
        except within `statussen_vast` (the list is then shared: not to be changed)."""
        fixed = self.__dict__.get("_statussen_vast")
        if fixed is not None:
            return fixed  # type: ignore[no-any-return]
        buiten = self._buiten_ids()
        return [(r, "buiten periode" if id(r) in buiten else r.status) for r in self.alle_bestanden]

    @contextmanager
    def statussen_vast(self) -> Iterator[None]:
        """Within this scope the files' statuses are worked out once: while the outputs are written, when no
        finding changes any more (a pool of a million files asked them for the summary, the Bestanden sheet
        and the JSON, a second or more each). Scopes may nest; the outer one ends it."""
        if "_statussen_vast" in self.__dict__:
            yield
            return
        self.__dict__["_statussen_vast"] = self.statussen()
        try:
            yield
        finally:
            del self.__dict__["_statussen_vast"]

    def _buiten_ids(self) -> set[int]:
        """The results outside the period, by identity; remade when `buiten` is replaced or grows (a
        scan per file made the JSON of 10.000 files with a period quadratic)."""
        cached = self.__dict__.get("_buiten_cache")  # (the list itself, its length, the ids)
        if cached is None or cached[0] is not self.buiten or cached[1] != len(self.buiten):
            cached = self.__dict__["_buiten_cache"] = (self.buiten, len(self.buiten), {id(b) for b in self.buiten})
        return cached[2]

    @property
    def alle_bestanden(self) -> list[ReadResult]:
        return self.resultaten + self.buiten

    @cached_property
    def perspectieven(self) -> Perspectieven:
        """Netto and rendement per named perspective (perspectives.perspectieven)."""
        return perspectieven(self.regels)

    @cached_property
    def kosten_baten_per_financier(self) -> dict[str, tuple[Cel, Cel]]:
        """Costs and benefits per financier, with the cases behind each (payers.per_groep)."""
        return per_groep(self, "financier")

    @cached_property
    def kosten_baten_per_wet(self) -> dict[str, tuple[Cel, Cel]]:
        """Costs and benefits per law, with the cases behind each (payers.per_groep)."""
        return per_groep(self, "wet")

    @cached_property
    def onzekerheid(self) -> Onzekerheid:
        """Monte Carlo interval of the societal costs, benefits and rendement (uncertainty.simulate, fixed seed)."""
        return simulate(self.regels, self.prijslijst, omslagpunt=self.perspectieven.maatschappelijk.omslagpunt)

    @cached_property
    def gevoeligheid(self) -> list[Scenario]:
        """The sensitivity scenarios (sensitivity.scenarios)."""
        return scenarios(self, correctie=self.optimisme)

    @cached_property
    def concentratie(self) -> dict[str, object]:
        """Share of baten on C-grade prices and on the largest single line (sensitivity.concentratie)."""
        return concentratie(self)

    @cached_property
    def betrouwbaarheid(self) -> dict[str, dict[str, float]]:
        """Share of baten per evidence grade of the prices."""
        return per_betrouwbaarheid(self)

    @property
    def bevindingen(self) -> list[Finding]:
        found = [f for r in self.resultaten for f in r.findings]
        if self.beoordeling is not None:
            found += self.beoordeling.findings
        return found

    def status_telling(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, status in self.statussen():
            counts[status] = counts.get(status, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready data; amounts in euros rounded to cents."""
        euro = {k: cents_to_euro(v) for k, v in self.totalen.items()}

        def group(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
            return {
                str(k): {"kosten": cents_to_euro(int(r.kosten_cent)), "baten": cents_to_euro(int(r.baten_cent))}
                for k, r in frame.iterrows()
            }

        out: dict[str, Any] = {
            "versie": __version__,
            "prijspeil": self.prijspeil,
            "prijslijst": {
                "versie": self.prijslijst.versie,
                "bestanden": self.prijslijst.bestanden,
                "overschreven": [o.code for o in self.prijslijst.overrides],
            },
            "bestanden": [
                {
                    "pad": r.pad,
                    "status": status,
                    "casusnummer": r.case.casusnummer if r.case else None,
                    "bevindingen": [f.to_dict() for f in r.findings],
                }
                for r, status in self.statussen()
            ],
            "casussen": len(self.opgenomen),
            **euro,
            "rendement": self.rendement,
            "rendement_maatschappelijk": self.rendement_maatschappelijk,
            "per_wet": group(self.per_wet),
            "per_financier": group(self.per_financier),
            "per_casus": self._per_casus_dicts(),
        }
        if self.beoordeling is not None:
            out.update(self._beoordeling_dict(self.beoordeling))
        dubbel = self.dubbeltellingen
        out["dubbeltelling"] = {
            "regels": len(dubbel),
            "bedrag": cents_to_euro(int(dubbel["bedrag_dubbel_cent"].sum())),
            "details": [
                {"casusnummer": nummer, "code": code, "cel": f"{blad}!{cel}", "bedrag": cents_to_euro(int(cent)),
                 "reden": reden}
                for nummer, code, blad, cel, cent, reden in _columns(dubbel, "casusnummer", "code", "blad", "cel",
                                                                     "bedrag_dubbel_cent", "dubbeltelling")
            ],
        }  # fmt: skip
        out["periode"] = self.periode.to_dict() if self.periode is not None else None
        out["buiten_periode"] = [
            {"pad": r.pad, "casusnummer": r.case.casusnummer if r.case else None,
             "einddatum": r.case.einddatum.isoformat() if r.case and r.case.einddatum else None}
            for r in self.buiten
        ]  # fmt: skip
        out["perspectieven"] = self.perspectieven.to_dict()
        out["patronen"] = self.patronen.to_dict()
        out["investeerder_baathebber"] = self.investeerder_baathebber.to_dict()
        out["arbeidsmarkt"] = self.arbeidsmarkt.to_dict()
        out["verhalen"] = self.verhalen.to_dict()
        out["zrm_uitkomsten"] = {u.leefgebied: u.to_dict(self.min_groep) for u in self.zrm_uitkomsten}
        out["onzekerheid"] = self.onzekerheid.to_dict()
        out["gevoeligheid"] = [g.to_dict() for g in self.gevoeligheid]
        out["betrouwbaarheid"] = self.betrouwbaarheid
        out["concentratie"] = self.concentratie
        if self.vergelijkingen:
            out["vergelijking"] = [v.to_dict() for v in self.vergelijkingen]
        return out

    def _per_casus_dicts(self) -> list[dict[str, Any]]:
        """The per-case rows of the JSON, made column-wise (a pool has 100.000)."""
        pc = self.per_casus
        kosten, baten, netto = (pc[c].tolist() for c in ("kosten_cent", "baten_cent", "netto_cent"))
        return [
            {"casusnummer": nummer, "pad": pad, "kosten": cents_to_euro(k), "baten": cents_to_euro(b),
             "netto": cents_to_euro(n), "rendement": r}
            for nummer, pad, k, b, n, r in zip(pc["casusnummer"].tolist(), pc["pad"].tolist(), kosten, baten, netto,
                                               ratios(baten, kosten), strict=True)
        ]  # fmt: skip

    @staticmethod
    def _beoordeling_dict(b: Beoordeling) -> dict[str, Any]:
        return {
            "beoordeeld_aandeel": b.aandeel_waarde,
            "baten_voor_beoordeling": cents_to_euro(b.baten_voor_cent),
            "wijzigingen": b.wijzigingen,
            "conflicten": len(b.conflicten),
            "totalen_voor_beoordeling": {k: cents_to_euro(v) for k, v in b.totalen_voor.items()},
            "beoordeling": beoordeling_dict(b),
        }


def build_businesscase(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    beoordelingen: Sequence[ReviewFile] | None = None,
    dubbel: Sequence[Regel] = (),
    discontovoet: Decimal = DISCONTOVOET,
) -> BusinessCase:
    """Price, review and sum the included cases (basis.build_basis) as a BusinessCase."""
    basis = build_basis(resultaten, prijslijst, prijspeil, beoordelingen, dubbel, discontovoet)
    return BusinessCase(**{f.name: getattr(basis, f.name) for f in fields(Basis)})


def _columns(frame: pd.DataFrame, *names: str) -> Any:
    """The rows of some columns as tuples (by lists: itertuples over Arrow text columns is slow)."""
    return zip(*(frame[n].tolist() for n in names), strict=True)
