"""Peer review, part 3: applying verdicts to the priced lines, with audit, conflicts and agreement.

Rules (also in the business case workbook):
- `afgewezen` removes the line from the benefits; `aangepast` replaces aantal and/or kans and the
  line is priced again exactly as pricing.line_amount does; `akkoord` marks the line reviewed.
- A verdict is applied only when the line's id and fingerprint still match; otherwise it is reported.
- Reviewers who disagree on a line: the most conservative verdict is used, the one giving the lowest
  value (ties: afgewezen before aangepast before akkoord, then reviewer code). The disagreement is
  reported and listed.
- Agreement per pair of reviewers over the lines both judged: the share of identical verdicts
  (category) and Cohen's kappa.

Pure computation on data: no file access.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from rendementsmeter.core.findings import Finding
from rendementsmeter.core.money import format_eur_cents, format_number, to_cents
from rendementsmeter.pricing.frames import working_copy
from rendementsmeter.pricing.identity import casus_van
from rendementsmeter.pricing.price import line_amount, telt_mee
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read import privacy
from rendementsmeter.review.agreement import Agreement, cohen_kappa
from rendementsmeter.review.model import ReviewFile, Verdict
from rendementsmeter.spec.casus import KANS_REGEL, MAX_AANTAL, kans_waarde
from rendementsmeter.spec.review import OORDELEN, REVIEW_SHEET

ORDER = {"afgewezen": 0, "aangepast": 1, "akkoord": 2}
OPNIEUW = "Maak een nieuw beoordelingsbestand met `rendementsmeter review` en beoordeel de regel opnieuw."
REGEL = "het voorzichtigste oordeel (de laagste waarde)"


@dataclass(frozen=True)
class Change:
    """An applied verdict, for the audit: who, which line, old -> new, why."""

    regel_id: str
    casusnummer: str
    pad: str
    plek: str
    code: str
    omschrijving: str
    beoordelaar: str
    oordeel: str
    aantal_oud: Decimal
    aantal_nieuw: Decimal
    kans_oud: int
    kans_nieuw: int
    bedrag_oud_cent: int
    bedrag_nieuw_cent: int
    opmerking: str
    bestand: str
    cel: str
    conflict: str = ""

    @property
    def gewijzigd(self) -> bool:
        """True when the verdict changed the line (rejected, or a different aantal or kans)."""
        return self.oordeel == "afgewezen" or (self.aantal_nieuw, self.kans_nieuw) != (self.aantal_oud, self.kans_oud)


@dataclass(frozen=True)
class Conflict:
    """Reviewers who judged one line differently, and the verdict that was used."""

    regel_id: str
    casusnummer: str
    pad: str
    plek: str
    code: str
    oordelen: tuple[tuple[str, str, int], ...]  # (beoordelaar, oordeel as text, value in cents)
    gebruikt: str  # beoordelaar
    gebruikt_oordeel: str
    reden: str = REGEL


@dataclass
class Beoordeling:
    """The outcome of applying review workbooks to a business case."""

    bestanden: list[ReviewFile]
    findings: list[Finding]
    audit: list[Change]
    conflicten: list[Conflict]
    overeenstemming: list[Agreement]
    regels_vermeden: int
    baten_voor_cent: int
    waarde_beoordeeld_cent: int
    totalen_voor: dict[str, int] = field(default_factory=dict)

    @property
    def regels_beoordeeld(self) -> int:
        return len(self.audit)

    @property
    def wijzigingen(self) -> int:
        return sum(c.gewijzigd for c in self.audit)

    @property
    def aandeel_waarde(self) -> float | None:
        """Share of the benefits (before review, by value) that has an applied verdict; 4 decimals."""
        if self.baten_voor_cent <= 0:
            return None
        return float(round(Decimal(self.waarde_beoordeeld_cent) / Decimal(self.baten_voor_cent), 4))

    @property
    def aandeel_regels(self) -> float | None:
        if not self.regels_vermeden:
            return None
        return float(round(Decimal(self.regels_beoordeeld) / Decimal(self.regels_vermeden), 4))


def _decimal(value: Any) -> Decimal:
    return Decimal(repr(float(value)))


def _outcome(v: Verdict, row: Any) -> tuple[Decimal, int, int]:
    """(aantal, kans, value in cents) of a line after verdict `v`."""
    aantal, kans = _decimal(row["aantal"]), int(row["kans"])
    if v.oordeel == "afgewezen":
        return aantal, kans, 0
    if v.oordeel == "aangepast":
        aantal = v.aantal if v.aantal is not None else aantal
        kans = v.kans if v.kans is not None else kans
        unit = Decimal(int(row["prijs_op_peil_cent"])) / 100
        factor = _decimal(row["horizonfactor"]) if telt_mee(row["afsluitreden"]) else Decimal(0)  # 6 decimals
        return aantal, kans, to_cents(line_amount(aantal, unit, kans, int(row["aandeel"]), factor))
    return aantal, kans, int(row["bedrag_cent"])


def verdict_text(oordeel: str, aantal: Decimal | None = None, kans: int | None = None) -> str:
    """`aangepast (aantal 3, kans 50%)`, or the bare verdict."""
    parts = []
    if aantal is not None:
        parts.append(f"aantal {format_number(aantal, 2).rstrip('0').rstrip(',')}")
    if kans is not None:
        parts.append(f"kans {kans}%")
    return f"{oordeel} ({', '.join(parts)})" if parts else oordeel


def _invalid(v: Verdict) -> str:
    """What makes a verdict unusable (one made by hand in Python, not read from a file), or ''."""
    if v.oordeel not in OORDELEN:
        return f"oordeel '{privacy.shown(v.oordeel)}' kan niet; kies akkoord, aangepast of afgewezen"
    if v.aantal is not None and (not v.aantal.is_finite() or not 0 < v.aantal <= MAX_AANTAL):
        return f"aantal {privacy.shown(str(v.aantal))} is geen getal groter dan 0 en hoogstens {MAX_AANTAL}"
    if v.kans is not None and kans_waarde(v.kans) != v.kans:
        return f"kans {privacy.shown(str(v.kans))} is geen {KANS_REGEL}"
    return ""


def _stale(v: Verdict, message: str) -> Finding:
    return Finding(v.pad, "beoordeling-verouderd", message, blad=REVIEW_SHEET, cel=v.cel)


def _match(
    lines: pd.DataFrame, files: list[ReviewFile], findings: list[Finding]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, list[Verdict]]]:
    vermeden = lines[lines["regelsoort"] == "vermeden"]
    # plain dicts: row access through pandas is ~100x slower per line
    records = dict(zip(vermeden["regel_id"], vermeden.to_dict("records"), strict=True))
    index = dict(zip(vermeden["regel_id"], vermeden.index, strict=True))
    cases = set(lines["casusnummer"])
    per_line: dict[str, list[Verdict]] = {}
    absent: dict[tuple[str, str], list[Verdict]] = {}
    for rf in files:
        for v in rf.oordelen:
            problem = _invalid(v)
            if problem:  # never applied, never a crash
                findings.append(
                    Finding(v.pad, "beoordeling-ongeldig", f"{problem[0].upper()}{problem[1:]}; niet toegepast.",
                            blad=REVIEW_SHEET, cel=v.cel)
                )  # fmt: skip
                continue
            i = index.get(v.regel_id)
            if i is None:
                casus = casus_van(v.regel_id)
                if casus not in cases:
                    absent.setdefault((v.pad, casus), []).append(v)
                else:
                    findings.append(
                        _stale(
                            v,
                            f"Regel {privacy.shown(v.regel_id)} bestaat niet meer in casus {privacy.shown(casus)} "
                            "(verwijderd of verschoven); "
                            f"het oordeel '{v.oordeel}' is niet toegepast. {OPNIEUW}",
                        )
                    )
                continue
            row = records[v.regel_id]
            if row["vingerafdruk"] != v.vingerafdruk:
                findings.append(
                    _stale(
                        v,
                        f"Regel {row['code']} van casus {row['casusnummer']} ({Path(row['pad']).name}, "
                        f"{row['blad']}!{row['cel']}) is gewijzigd sinds dit beoordelingsbestand is gemaakt; "
                        f"het oordeel '{v.oordeel}' is niet toegepast. {OPNIEUW}",
                    )
                )
                continue
            per_line.setdefault(v.regel_id, []).append(v)
    for (pad, casus), vs in absent.items():
        findings.append(
            Finding(
                pad,
                "beoordeling-casus-ontbreekt",
                f"Casus {privacy.shown(casus)} zit niet in deze business case (niet opgegeven, of afgewezen door fouten); "
                f"{len(vs)} oordeel/oordelen over deze casus zijn niet gebruikt.",
                blad=REVIEW_SHEET,
                cel=vs[0].cel,
            )
        )
    return index, records, per_line


def apply_reviews(
    lines: pd.DataFrame, files: list[ReviewFile], prijslijst: Prijslijst
) -> tuple[pd.DataFrame, Beoordeling]:
    """Apply the verdicts of filled review workbooks to priced lines (with regel_id and vingerafdruk).

    Returns the lines after review (rejected lines removed, adjusted lines priced again, `oordeel` and
    `beoordelaar` filled) and the outcome: audit, conflicts, agreement and findings."""
    findings = [f for rf in files for f in rf.findings]
    index, records, per_line = _match(lines, files, findings)
    updates: dict[str, dict[Any, Any]] = {
        k: {} for k in ("oordeel", "beoordelaar", "aantal", "kans", "bedrag_cent", "uren")
    }
    drop: list[Any] = []
    audit: list[Change] = []
    conflicts: list[Conflict] = []
    by_reviewer: dict[str, dict[str, str]] = {}
    for rid in (r for r in index if r in per_line):  # in the order of the lines
        i, row = index[rid], records[rid]
        outcomes = sorted(
            ((v, *_outcome(v, row)) for v in per_line[rid]),
            key=lambda o: (o[3], ORDER[o[0].oordeel], o[0].beoordelaar, o[0].pad, o[0].cel),
        )
        for v, *_ in outcomes:  # sorted: each reviewer's own most conservative verdict comes first
            by_reviewer.setdefault(v.beoordelaar, {}).setdefault(rid, v.oordeel)
        chosen, aantal, kans, cents = outcomes[0]
        plek = f"{row['blad']}!{row['cel']}"
        note = ""
        if len({(v.oordeel, a, k) for v, a, k, _ in outcomes}) > 1:
            listed = tuple((v.beoordelaar, verdict_text(v.oordeel, v.aantal, v.kans), c) for v, _, _, c in outcomes)
            conflicts.append(
                Conflict(
                    rid, row["casusnummer"], row["pad"], plek, row["code"], listed, chosen.beoordelaar, chosen.oordeel
                )
            )
            note = f"conflict: gebruikt {chosen.beoordelaar}, {REGEL}"
            findings.append(
                Finding(
                    row["pad"],
                    "beoordeling-conflict",
                    f"Beoordelaars oneens over {row['code']} in casus {row['casusnummer']}: "
                    + "; ".join(f"{b} {t}: {format_eur_cents(c)}" for b, t, c in listed)
                    + f". Gebruikt: {chosen.beoordelaar} ({chosen.oordeel}), {REGEL}. Bespreek de regel samen "
                    "en leg één oordeel vast.",
                    blad=str(row["blad"]),
                    cel=str(row["cel"]),
                )
            )
        audit.append(
            Change(
                rid,
                row["casusnummer"],
                row["pad"],
                plek,
                row["code"],
                row["omschrijving"],
                chosen.beoordelaar,
                chosen.oordeel,
                _decimal(row["aantal"]),
                aantal,
                int(row["kans"]),
                kans,
                int(row["bedrag_cent"]),
                cents,
                chosen.opmerking,
                chosen.pad,
                chosen.cel,
                note,
            )
        )
        updates["oordeel"][i] = chosen.oordeel
        updates["beoordelaar"][i] = chosen.beoordelaar
        if chosen.oordeel == "afgewezen":
            drop.append(i)
        elif chosen.oordeel == "aangepast":
            updates["aantal"][i] = float(aantal)
            updates["kans"][i] = kans
            updates["bedrag_cent"][i] = cents
            item = prijslijst.items.get(row["code"])
            if item is not None and item.uren_per_eenheid is not None:
                updates["uren"][i] = float(aantal * item.uren_per_eenheid * Decimal(kans) / 100)
    out = working_copy(lines)
    for column, values in updates.items():
        if column not in out:
            out[column] = ""
        if values:
            out.loc[list(values), column] = list(values.values())
    out = out.drop(index=drop)
    out["bedrag_cent"] = out["bedrag_cent"].astype("int64")
    agreement = []
    for a, b in combinations(sorted(by_reviewer), 2):
        common = sorted(set(by_reviewer[a]) & set(by_reviewer[b]))
        if common:
            va, vb = [by_reviewer[a][r] for r in common], [by_reviewer[b][r] for r in common]
            same = sum(x == y for x, y in zip(va, vb, strict=True))
            agreement.append(Agreement(a, b, len(common), same, cohen_kappa(va, vb)))
    vermeden = lines[lines["regelsoort"] == "vermeden"]
    outcome = Beoordeling(
        bestanden=files,
        findings=findings,
        audit=audit,
        conflicten=conflicts,
        overeenstemming=agreement,
        regels_vermeden=len(vermeden),
        baten_voor_cent=int(vermeden["bedrag_cent"].sum()),
        waarde_beoordeeld_cent=sum(c.bedrag_oud_cent for c in audit),
    )
    return out, outcome


def to_dict(b: Beoordeling) -> dict[str, Any]:
    """The review outcome as JSON-ready data (amounts in euros)."""

    def euro(cents: int) -> float:
        return float(Decimal(cents) / 100)

    return {
        "bestanden": [
            {"pad": rf.pad, "beoordelaar": rf.beoordelaar, "oordelen": len(rf.oordelen)} for rf in b.bestanden
        ],
        "bevindingen": [f.to_dict() for f in b.findings],
        "regels": b.regels_vermeden,
        "regels_beoordeeld": b.regels_beoordeeld,
        "aandeel_regels": b.aandeel_regels,
        "audit": [
            {
                "regel_id": c.regel_id,
                "casusnummer": c.casusnummer,
                "cel": c.plek,
                "code": c.code,
                "beoordelaar": c.beoordelaar,
                "oordeel": c.oordeel,
                "aantal": [float(c.aantal_oud), float(c.aantal_nieuw)],
                "kans": [c.kans_oud, c.kans_nieuw],
                "bedrag": [euro(c.bedrag_oud_cent), euro(c.bedrag_nieuw_cent)],
                "opmerking": c.opmerking,
                "gewijzigd": c.gewijzigd,
                "conflict": c.conflict,
            }
            for c in b.audit
        ],
        "conflicten": [
            {
                "regel_id": c.regel_id,
                "casusnummer": c.casusnummer,
                "cel": c.plek,
                "oordelen": [{"beoordelaar": r, "oordeel": t, "bedrag": euro(v)} for r, t, v in c.oordelen],
                "gebruikt": c.gebruikt,
                "reden": c.reden,
            }
            for c in b.conflicten
        ],
        "overeenstemming": [
            {
                "beoordelaars": [a.beoordelaar_a, a.beoordelaar_b],
                "regels": a.regels,
                "gelijk": a.gelijk,
                "aandeel_gelijk": round(a.aandeel, 4),
                "kappa": None if a.kappa is None else round(a.kappa, 4),
            }
            for a in b.overeenstemming
        ],
    }


__all__ = ["Agreement", "Beoordeling", "Change", "Conflict", "apply_reviews", "to_dict", "cohen_kappa"]
