"""The bottom-up business case: aggregation of priced lines (pandas, exact cents)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__, dubbeltelling
from .findings import Finding
from .model import OPGENOMEN, ReadResult
from .money import cents_to_euro
from .pricing import price_cases
from .prijslijst import FINANCIERS, WETTEN, Prijslijst
from .reader import read_cases
from .review import Regel, ReviewFile, add_identity
from .review_apply import Beoordeling, apply_reviews
from .review_apply import as_dict as beoordeling_dict
from .review_read import read_reviews

KOSTEN_KINDS = ("inzet", "ingezet")
TOTAL_KEYS = (
    "kosten_inzet",
    "kosten_ingezette_zorg",
    "kosten",
    "baten",
    "baten_maatschappelijk",
    "kosten_maatschappelijk",
    "netto",
    "netto_maatschappelijk",
)


def ratio(baten: int, kosten: int) -> float | None:
    """Return per euro (baten / kosten), 4 decimals; None when there are no costs."""
    if kosten <= 0:
        return None
    return float(round(Decimal(baten) / Decimal(kosten), 4))


def _sums(lines: pd.DataFrame) -> dict[str, int]:
    def total(mask: Any) -> int:
        return int(lines.loc[mask, "bedrag_cent"].sum())

    kind = lines["regelsoort"]
    transfer = lines["overdracht"]
    out = {
        "kosten_inzet": total(kind == "inzet"),
        "kosten_ingezette_zorg": total(kind == "ingezet"),
        "baten": total(kind == "vermeden"),
        "baten_maatschappelijk": total((kind == "vermeden") & ~transfer),
        "kosten_maatschappelijk": total(kind.isin(KOSTEN_KINDS) & ~transfer),
    }
    out["kosten"] = out["kosten_inzet"] + out["kosten_ingezette_zorg"]
    out["netto"] = out["baten"] - out["kosten"]
    out["netto_maatschappelijk"] = out["baten_maatschappelijk"] - out["kosten_maatschappelijk"]
    return {k: out[k] for k in TOTAL_KEYS}


@dataclass
class BusinessCase:
    """Everything the business case workbook, the JSON and a notebook need."""

    prijspeil: int
    prijslijst: Prijslijst
    resultaten: list[ReadResult]
    regels: pd.DataFrame
    per_casus: pd.DataFrame
    totalen: dict[str, int]
    per_wet: pd.DataFrame
    per_financier: pd.DataFrame
    gemaakt: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    #: The applied peer reviews (None without --beoordelingen); totalen are then after review.
    beoordeling: Beoordeling | None = None
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

    @cached_property
    def patronen(self) -> Any:
        from .patterns import patronen

        return patronen(self, min_groep=self.min_groep)

    @cached_property
    def investeerder_baathebber(self) -> Any:
        from .payers import investeerder_baathebber

        return investeerder_baathebber(self, min_groep=self.min_groep)

    @cached_property
    def arbeidsmarkt(self) -> Any:
        from .payers import arbeidsmarkt

        return arbeidsmarkt(self, uren_per_fte=self.uren_per_fte, min_groep=self.min_groep)

    def status_van(self, r: ReadResult) -> str:
        """A file's status in this business case: a valid case outside the period is 'buiten periode'."""
        return "buiten periode" if any(r is b for b in self.buiten) else r.status

    @property
    def alle_bestanden(self) -> list[ReadResult]:
        return self.resultaten + self.buiten

    @cached_property
    def onzekerheid(self) -> Any:
        """Monte Carlo interval of baten and rendement (uncertainty.simulate, fixed seed)."""
        from .uncertainty import simulate

        return simulate(self.regels, self.totalen["kosten"], self.prijslijst)

    @cached_property
    def gevoeligheid(self) -> list[Any]:
        """The sensitivity scenarios (sensitivity.scenarios)."""
        from .sensitivity import scenarios

        return scenarios(self, correctie=self.optimisme)

    @cached_property
    def betrouwbaarheid(self) -> dict[str, dict[str, float]]:
        """Share of baten per evidence grade of the prices."""
        from .sensitivity import per_betrouwbaarheid

        return per_betrouwbaarheid(self)

    @property
    def dubbeltellingen(self) -> pd.DataFrame:
        """Avoided-care lines kept out of the totals because a bundle of the same case holds them."""
        return self.regels[self.regels["dubbeltelling"] != ""]

    @property
    def opgenomen(self) -> list[ReadResult]:
        return [r for r in self.resultaten if r.status == OPGENOMEN]

    @property
    def bevindingen(self) -> list[Finding]:
        found = [f for r in self.resultaten for f in r.findings]
        if self.beoordeling is not None:
            found += self.beoordeling.findings
        return found

    @property
    def rendement(self) -> float | None:
        return ratio(self.totalen["baten"], self.totalen["kosten"])

    @property
    def rendement_maatschappelijk(self) -> float | None:
        return ratio(self.totalen["baten_maatschappelijk"], self.totalen["kosten_maatschappelijk"])

    def status_telling(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.alle_bestanden:
            status = self.status_van(r)
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
                    "status": self.status_van(r),
                    "casusnummer": r.case.casusnummer if r.case else None,
                    "bevindingen": [f.as_dict() for f in r.findings],
                }
                for r in self.alle_bestanden
            ],
            "casussen": len(self.opgenomen),
            **euro,
            "rendement": self.rendement,
            "rendement_maatschappelijk": self.rendement_maatschappelijk,
            "per_wet": group(self.per_wet),
            "per_financier": group(self.per_financier),
            "per_casus": [
                {
                    "casusnummer": r.casusnummer,
                    "pad": r.pad,
                    "kosten": cents_to_euro(int(r.kosten_cent)),
                    "baten": cents_to_euro(int(r.baten_cent)),
                    "netto": cents_to_euro(int(r.netto_cent)),
                    "rendement": ratio(int(r.baten_cent), int(r.kosten_cent)),
                }
                for r in self.per_casus.itertuples()
            ],
        }
        if self.beoordeling is not None:
            out.update(self._beoordeling_dict(self.beoordeling))
        dubbel = self.dubbeltellingen
        out["dubbeltelling"] = {
            "regels": len(dubbel),
            "bedrag": cents_to_euro(int(dubbel["bedrag_dubbel_cent"].sum())),
            "details": [
                {"casusnummer": r.casusnummer, "code": r.code, "cel": f"{r.blad}!{r.cel}",
                 "bedrag": cents_to_euro(int(r.bedrag_dubbel_cent)), "reden": r.dubbeltelling}
                for r in dubbel.itertuples()
            ],
        }  # fmt: skip
        out["periode"] = self.periode.to_dict() if self.periode is not None else None
        out["buiten_periode"] = [
            {"pad": r.pad, "casusnummer": r.case.casusnummer if r.case else None,
             "einddatum": r.case.einddatum.isoformat() if r.case and r.case.einddatum else None}
            for r in self.buiten
        ]  # fmt: skip
        out["patronen"] = self.patronen.to_dict()
        out["investeerder_baathebber"] = self.investeerder_baathebber.to_dict()
        out["arbeidsmarkt"] = self.arbeidsmarkt.to_dict()
        out["onzekerheid"] = self.onzekerheid.as_dict()
        out["gevoeligheid"] = [g.as_dict() for g in self.gevoeligheid]
        out["betrouwbaarheid"] = self.betrouwbaarheid
        if self.vergelijkingen:
            out["vergelijking"] = [v.as_dict() for v in self.vergelijkingen]
        return out

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


def _by(lines: pd.DataFrame, key: str, order: tuple[str, ...]) -> pd.DataFrame:
    cost = lines[lines["regelsoort"].isin(KOSTEN_KINDS)].groupby(key)["bedrag_cent"].sum()
    benefit = lines[lines["regelsoort"] == "vermeden"].groupby(key)["bedrag_cent"].sum()
    frame = pd.DataFrame({"kosten_cent": cost, "baten_cent": benefit}).fillna(0).astype("int64")
    ranked = sorted(frame.index, key=lambda k: (order.index(k) if k in order else len(order), k))
    frame = frame.loc[ranked]
    frame["netto_cent"] = frame["baten_cent"] - frame["kosten_cent"]
    frame.index.name = key
    return frame


def _sum_columns(lines: pd.DataFrame) -> pd.DataFrame:
    """Per line, its amount in each of the basic total columns (0 elsewhere); vectorised."""
    kind = lines["regelsoort"].to_numpy()
    transfer = lines["overdracht"].to_numpy(dtype=bool)
    amount = lines["bedrag_cent"].to_numpy(dtype="int64")
    cost = (kind == "inzet") | (kind == "ingezet")
    avoided = kind == "vermeden"
    return pd.DataFrame({
        "pad": lines["pad"].to_numpy(),
        "kosten_inzet": amount * (kind == "inzet"),
        "kosten_ingezette_zorg": amount * (kind == "ingezet"),
        "baten": amount * avoided,
        "baten_maatschappelijk": amount * (avoided & ~transfer),
        "kosten_maatschappelijk": amount * (cost & ~transfer),
        "regels": 1,
    })  # fmt: skip


def _per_casus(results: list[ReadResult], lines: pd.DataFrame) -> pd.DataFrame:
    """One row per included case, in the order of `results`; sums by a single groupby."""
    meta = pd.DataFrame(
        [(r.case.casusnummer, r.pad, r.case.domein, r.case.team, r.case.werker, r.case.startdatum,
          r.case.einddatum, r.case.horizon) for r in results if r.case is not None],
        columns=["casusnummer", "pad", "domein", "team", "werker", "startdatum", "einddatum", "horizon"],
    )  # fmt: skip
    sums = _sum_columns(lines).groupby("pad", sort=False).sum()
    frame = meta.join(sums, on="pad")
    base = ["kosten_inzet", "kosten_ingezette_zorg", "baten", "baten_maatschappelijk", "kosten_maatschappelijk"]
    frame[base + ["regels"]] = frame[base + ["regels"]].fillna(0).astype("int64")
    frame["kosten"] = frame["kosten_inzet"] + frame["kosten_ingezette_zorg"]
    frame["netto"] = frame["baten"] - frame["kosten"]
    frame["netto_maatschappelijk"] = frame["baten_maatschappelijk"] - frame["kosten_maatschappelijk"]
    frame = frame.rename(columns={k: f"{k}_cent" for k in TOTAL_KEYS})
    columns = ["casusnummer", "pad", "domein", "team", "werker", "startdatum", "einddatum", "horizon", "regels"]
    return frame[columns + [f"{k}_cent" for k in TOTAL_KEYS]].reset_index(drop=True)


def build_businesscase(
    resultaten: list[ReadResult],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    beoordelingen: Sequence[ReviewFile] | None = None,
    dubbel: list[Regel] | None = None,
) -> BusinessCase:
    """Price the included cases and aggregate them; rejected files stay out of every total.

    With `beoordelingen` (read with review_read.read_reviews) the peer reviews are applied first:
    every total is then after review, and `beoordeling` holds the totals before, the audit,
    conflicts and agreement. Then double counting is taken out: a part of a bundled estimate in the
    same case counts 0 (rules: the `bundel` rows of `dubbel`, by default prijslijst/plausibiliteit.csv)."""
    peil = prijspeil or prijslijst.standaard_prijspeil
    if peil not in prijslijst.cpi:
        raise ValueError(f"prijspeil {peil} staat niet in de CPI-reeks ({min(prijslijst.cpi)}-{max(prijslijst.cpi)})")
    included = [r for r in resultaten if r.status == OPGENOMEN]
    lines = add_identity(price_cases((r.case for r in included if r.case), prijslijst, peil))
    lines["oordeel"] = ""
    lines["beoordelaar"] = ""
    beoordeling = None
    rules = dubbeltelling.bundle_rules(dubbel)
    if beoordelingen is not None:
        # 'before review' is exactly the business case without reviews (double counting taken out)
        counted = dubbeltelling.apply(lines, rules)
        before = _sums(counted)
        lines, beoordeling = apply_reviews(lines, list(beoordelingen), prijslijst)
        beoordeling.totalen_voor = before
        beoordeling.baten_voor_cent = before["baten"]
        value = dict(zip(counted["regel_id"], counted["bedrag_cent"], strict=True))
        beoordeling.waarde_beoordeeld_cent = sum(int(value.get(c.regel_id, 0)) for c in beoordeling.audit)
    dubbeltelling.mark_results(included, rules)
    lines = dubbeltelling.apply(lines, rules)
    per_casus = _per_casus(included, lines)
    totals = {k: int(per_casus[f"{k}_cent"].sum()) for k in TOTAL_KEYS}
    return BusinessCase(
        prijspeil=peil,
        prijslijst=prijslijst,
        resultaten=resultaten,
        regels=lines,
        per_casus=per_casus,
        totalen=totals,
        per_wet=_by(lines, "wet", WETTEN),
        per_financier=_by(lines, "financier", FINANCIERS),
        beoordeling=beoordeling,
    )


def businesscase(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    vandaag: date | None = None,
    beoordelingen: Iterable[Path | str] | None = None,
    periode: Any = None,
    cache: Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    **instellingen: Any,
) -> BusinessCase:
    """Read files and folders of cases (and filled review workbooks) and build the business case
    (the library form of the command). `periode` (periode.maak_periode) keeps cases whose Einddatum
    falls outside it out of the totals, listed as such; `instellingen` sets BusinessCase fields such
    as min_groep and uren_per_fte; `cache` is the SQLite file of reader's incremental-run cache;
    `progress(done, total)` follows the reading (see `read_cases`)."""
    from .periode import splits

    reviews = read_reviews(beoordelingen) if beoordelingen is not None else None
    split = splits(read_cases(paths, prijslijst, vandaag, cache=cache, progress=progress), periode)
    bc = build_businesscase(split.binnen, prijslijst, prijspeil, reviews)
    bc.periode, bc.buiten = periode, list(split.buiten)
    for key, value in instellingen.items():
        setattr(bc, key, value)
    return bc
