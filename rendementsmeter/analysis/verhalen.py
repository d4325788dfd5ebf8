"""Stories from practice ("Verhalen uit de praktijk") and what changed for the client (ZRM), as view data
for the municipality's report. Pure: works on the cases already read.

**Stories.** A case's story (`Case.verhaal`: situation, what was done, what changed) may be published
only when the worker chose `Verhaal in rapport` = ja and the privacy scan found nothing in any of its
cells (`Verhaal.publiceerbaar`); a story with any privacy finding is never published. Per shown domain
group at most `MAX_PER_GROEP` stories: the ones the team lead chose (`--verhalen CASUSNUMMER,...`, in
that order), otherwise the most typical ones: the publishable stories whose case's net benefit lies
closest to the group's median (not the most extreme). A story never carries its case number, team or
worker: the view holds only the three texts.

**ZRM outcomes.** Per life domain of the Zelfredzaamheid-Matrix, over the cases with a score at the
start and at closure: how many clients improved, stayed the same and declined. A life domain is a
client characteristic: with fewer than `min_groep` scored cases it shows "<5" (see `disclosure`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rendementsmeter.analysis.basis import Basis
from rendementsmeter.analysis.disclosure import klein_label, onderdrukt
from rendementsmeter.analysis.pattern_types import Patronen
from rendementsmeter.core.model import OPGENOMEN
from rendementsmeter.spec.zrm import LEEFGEBIEDEN as ZRM_LEEFGEBIEDEN

MAX_PER_GROEP = 2


@dataclass(frozen=True)
class VerhaalKaart:
    """A story as the report shows it: three texts, nothing that identifies the case."""

    situatie: str
    gedaan: str
    veranderd: str

    def to_dict(self) -> dict[str, str]:
        return {"situatie": self.situatie, "wat_is_gedaan": self.gedaan, "wat_veranderde": self.veranderd}


@dataclass
class Verhalen:
    """The stories per domain group (by group name), and what became of the team lead's choice."""

    per_groep: dict[str, list[VerhaalKaart]] = field(default_factory=dict)
    #: chosen case numbers that were not used, with the reason (for the team lead, never in the report)
    niet_gebruikt: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {g: [k.to_dict() for k in kaarten] for g, kaarten in self.per_groep.items()}


def kies_verhalen(bc: Basis, pat: Patronen, gekozen: Sequence[str] = ()) -> Verhalen:
    """Up to MAX_PER_GROEP publishable stories per shown domain group (see the module docstring)."""
    out = Verhalen()
    pc = bc.per_casus
    netto = dict(zip(pc["pad"].tolist(), (int(v) for v in pc["netto_cent"].tolist()), strict=True))
    groep_van = {d: g for g in pat.per_domein for d in g.domeinen}
    stories: dict[str, list[tuple[str, str, Any]]] = {}  # group -> [(casusnummer, pad, verhaal)]
    by_number: dict[str, tuple[str, str, Any]] = {}
    for r in bc.resultaten:
        if r.status != OPGENOMEN or r.case is None or r.pad not in netto:
            continue
        v = r.case.verhaal
        item: tuple[str, str, Any] = (r.case.casusnummer, r.pad, v)
        by_number[r.case.casusnummer] = item
        groep = groep_van.get(r.case.domein)
        if v is not None and v.publiceerbaar and groep is not None and not onderdrukt(groep.casussen, pat.min_groep):
            stories.setdefault(groep.naam, []).append(item)
    chosen: dict[str, list[tuple[str, str, Any]]] = {}
    for nummer in gekozen:
        entry = by_number.get(nummer)
        if entry is None:
            out.niet_gebruikt.append((nummer, "geen opgenomen casus met dit casusnummer"))
            continue
        v = entry[2]
        if v is None or not any((v.situatie, v.gedaan, v.veranderd)):
            out.niet_gebruikt.append((nummer, "de casus heeft geen verhaal"))
        elif not v.in_rapport:
            out.niet_gebruikt.append((nummer, "'Verhaal in rapport' staat niet op ja"))
        elif v.afgeschermd:
            out.niet_gebruikt.append(
                (nummer, "het verhaal bevat mogelijk persoonsgegevens en wordt nooit gepubliceerd")
            )
        else:
            naam = next((n for n, items in stories.items() if entry in items), None)
            if naam is None:
                out.niet_gebruikt.append((nummer, "de casus zit niet in een getoonde groep"))
            elif len(chosen.setdefault(naam, [])) >= MAX_PER_GROEP:
                out.niet_gebruikt.append((nummer, f"al {MAX_PER_GROEP} verhalen gekozen in deze groep"))
            else:
                chosen[naam].append(entry)
    for g in pat.per_domein:
        if gekozen:
            picked = chosen.get(g.naam, [])
        else:
            picked = sorted(stories.get(g.naam, []), key=lambda e: (abs(netto[e[1]] - g.mediaan_netto_cent), e[0]))[
                :MAX_PER_GROEP
            ]
        if picked:
            out.per_groep[g.naam] = [VerhaalKaart(v.situatie, v.gedaan, v.veranderd) for _, _, v in picked]
    return out


@dataclass(frozen=True)
class ZrmUitkomst:
    """One life domain: clients scored at start and closure, and how many improved, stayed, declined."""

    leefgebied: str
    casussen: int
    beter: int
    gelijk: int
    slechter: int

    def to_dict(self, min_groep: int) -> dict[str, Any]:
        if onderdrukt(self.casussen, min_groep):
            return {"casussen": klein_label(min_groep)}
        return {"casussen": self.casussen, "beter": self.beter, "gelijk": self.gelijk, "slechter": self.slechter}


def zrm_uitkomsten(bc: Basis) -> list[ZrmUitkomst]:
    """Per ZRM life domain (in ZRM order) with at least one case scored at start and closure."""
    counts: dict[str, list[int]] = {}
    included = set(bc.per_casus["pad"].tolist())  # (tolist: iterating an Arrow text column is slow)
    for r in bc.resultaten:
        if r.status != OPGENOMEN or r.case is None or r.pad not in included:
            continue
        for s in r.case.zrm:
            if s.start is None or s.eind is None:
                continue
            c = counts.setdefault(s.leefgebied, [0, 0, 0])
            c[0 if s.eind > s.start else 1 if s.eind == s.start else 2] += 1
    return [ZrmUitkomst(lg, sum(counts[lg]), *counts[lg]) for lg in ZRM_LEEFGEBIEDEN if lg in counts]
