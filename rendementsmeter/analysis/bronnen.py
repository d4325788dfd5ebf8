"""The price sources as the municipality reads them: source and year, without internal notes.

The price list's `bron` column is written for whoever maintains it: it holds notes such as
"[AANNAME: vervang door het eigen tarief van de organisatie]" and "[AFGELEID: ...]" and names the
municipality whose tariff was borrowed. The report shows a short, plain source instead:

- a price that rests on an assumption of the organisation (the note "[AANNAME: vervang door het eigen
  tarief ...]" or the source "Eigen raming") reads "aanname van de organisatie";
- a price from an own price list (`--prijslijst`) reads "eigen tarief van de organisatie";
- otherwise the source's first sentence (up to the first ";" or ". "), without bracketed notes, with
  "Gemeente <naam>, " replaced by "andere gemeente: ", at most 160 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rendementsmeter.analysis.basis import Basis
from rendementsmeter.pricing.prijslijst import standaard_prijslijst

AANNAME_ORGANISATIE = "aanname van de organisatie"
EIGEN_TARIEF = "eigen tarief van de organisatie"
MAX_BRON = 160
_NOTITIE = re.compile(r"\s*\[(?:AANNAME|AFGELEID)\s*:[^\]]*\]")
_ANDERE_GEMEENTE = re.compile(r"^Gemeente [A-ZÀ-Ý][\w\-' ]*?, ")
_EINDE = re.compile(r";\s|(?<=[a-z0-9)'][a-z0-9)'][a-z0-9)'])\.\s+(?=[A-Z(])")


def _eerste_zin(text: str) -> str:
    """Up to the first ';' or sentence end outside parentheses (not after an initial or abbreviation)."""
    for m in _EINDE.finditer(text):
        if text[: m.start()].count("(") <= text[: m.start()].count(")"):
            return text[: m.start()]
    return text


def bron_voor_rapport(bron: str) -> str:
    """A price list source as the municipality's report shows it (see the module docstring)."""
    text = bron.strip()
    if re.match(r"\[AANNAME:\s*vervang door het eigen tarief", text, re.I) or text.lower().startswith("eigen raming"):
        return AANNAME_ORGANISATIE
    text = _NOTITIE.sub("", text).strip()
    text = _ANDERE_GEMEENTE.sub("andere gemeente: ", text)
    text = _eerste_zin(text).strip().rstrip(".")
    if len(text) > MAX_BRON:
        text = text[: MAX_BRON - 1].rsplit(" ", 1)[0] + "…"
    return text or AANNAME_ORGANISATIE


@dataclass(frozen=True)
class BronRij:
    """One price used in the report: what it is, the price in its own year, and the plain source."""

    code: str
    omschrijving: str
    prijs_cent: int
    eenheid: str
    prijsjaar: int
    betrouwbaarheid: str
    bron: str
    eigen_tarief: bool


def gebruikte_bronnen(bc: Basis) -> list[BronRij]:
    """The sources of the prices used by the included lines, in code order."""
    pl = bc.prijslijst
    standaard = str(standaard_prijslijst())
    eigen = {o.code for o in pl.overrides}
    used = sorted(set(bc.regels["code"])) if len(bc.regels) else []
    rows = []
    for code in used:
        item = pl.items[code]
        own = code in eigen or (bool(item.bestand) and item.bestand != standaard and pl.bestanden[:1] == [standaard])
        rows.append(
            BronRij(
                code,
                item.omschrijving,
                int(item.prijs * 100),
                item.eenheid,
                item.prijsjaar,
                item.betrouwbaarheid,
                EIGEN_TARIEF if own else bron_voor_rapport(item.bron),
                own,
            )
        )
    return rows
