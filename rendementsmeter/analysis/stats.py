"""Statistics on net benefit per case: quantiles, the outlier rule and the distribution in classes.

- **Quantiles** use linear interpolation between order statistics (as Excel's KWARTIEL.INC and
  pandas' default), computed exactly and rounded to whole cents.
- **Outliers**: a case is flagged for review when its net benefit lies outside
  median ± 3 × scaled MAD (MAD × 1,4826, which equals the standard deviation for normal data). When
  more than half of the cases have the same net benefit the MAD is 0; then the mean absolute
  deviation from the median × 1,2533 is used instead (Iglewicz & Hoaglin). With fewer than 5 cases
  nothing is flagged. One rule over all cases, not per domain: domains are usually too small.
- **Distribution** of net benefit per case in classes of round bounds: Sturges' number of classes,
  empty classes left out, sparse ones merged into a neighbour (never hidden), at least 3 classes from 10 cases on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from rendementsmeter.analysis.disclosure import MIN_GROEP
from rendementsmeter.core.money import cents_to_euro, format_eur_cents

UITSCHIETER_K = Decimal(3)
MAD_SCHAAL = Decimal("1.4826")
MEANAD_SCHAAL = Decimal("1.2533")
MIN_UITSCHIETER_CASUSSEN = 5


def cent(value: Decimal) -> int:
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


def uitschieters(pc: pd.DataFrame) -> Uitschieters:
    out = Uitschieters(len(pc))
    if len(pc) < MIN_UITSCHIETER_CASUSSEN:
        return out
    netto = [int(v) for v in pc["netto_cent"]]
    med = kwantiel(netto, Decimal("0.5"))
    # deviations in half cents, as integers: the median of whole cents is whole or half (exact, and
    # 100.000 cases need no Decimal each)
    twice = int(med * 2)
    dev2 = sorted(abs(2 * v - twice) for v in netto)
    mid = len(dev2) // 2
    mad = Decimal(dev2[mid]) / 2 if len(dev2) % 2 else (Decimal(dev2[mid - 1]) + Decimal(dev2[mid])) / 4
    if mad > 0:
        spread, out.methode = mad * MAD_SCHAAL, "MAD"
    else:
        spread, out.methode = Decimal(sum(dev2)) / 2 / len(dev2) * MEANAD_SCHAAL, "gemiddelde absolute afwijking"
    lo, hi = med - UITSCHIETER_K * spread, med + UITSCHIETER_K * spread
    out.mediaan_cent, out.spreiding_cent = cent(med), cent(spread)
    out.ondergrens_cent, out.bovengrens_cent = cent(lo), cent(hi)
    if spread == 0:
        return out  # every case has the same net benefit: nothing stands out
    for nummer, pad, v in zip(pc["casusnummer"].tolist(), pc["pad"].tolist(), netto, strict=True):
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
        out.gemarkeerd.append(Uitschieter(str(nummer), str(pad), v, "hoog" if hoog else "laag", reden))
    return out


def _mooie_breedte(ruw: float) -> int:
    """A round class width in cents (1, 2, 2.5 or 5 × a power of ten euros, at least € 1)."""
    euro = max(ruw / 100, 1.0)
    macht = 10 ** math.floor(math.log10(euro))
    for stap in (1, 2, 2.5, 5, 10):
        if euro <= stap * macht:
            return int(round(stap * macht * 100))
    return int(10 * macht * 100)  # pragma: no cover - the loop always returns


MIN_KLASSEN = 3  # from MIN_KLASSEN_CASUSSEN cases on, the histogram has at least this many classes
MIN_KLASSEN_CASUSSEN = 10
MAX_RANDEN = 5000


def _tel(values: list[int], width: int) -> list[Klasse]:
    start = math.floor(values[0] / width) * width
    count = (values[-1] - start) // width + 1
    counts = [0] * count
    for v in values:
        counts[(v - start) // width] += 1
    return [Klasse(start + i * width, start + (i + 1) * width, c) for i, c in enumerate(counts)]


def _voeg_samen(klassen: list[Klasse], i: int, j: int) -> None:
    a, b = klassen[min(i, j)], klassen[max(i, j)]
    klassen[min(i, j) : max(i, j) + 1] = [Klasse(a.van_cent, b.tot_cent, a.casussen + b.casussen)]


def _dun(klassen: list[Klasse], n: int) -> list[Klasse]:
    """Drop empty classes (they hold no case; the bounds of the others show the gap), then merge sparse
    ones (fewer than max(2, n / 20) cases) into their smaller neighbour while more than MIN_KLASSEN remain."""
    out = [k for k in klassen if k.casussen]
    dun = max(2, n // 20)
    while len(out) > MIN_KLASSEN:
        i = min(range(len(out)), key=lambda x: (out[x].casussen, x))
        if out[i].casussen >= dun:
            break
        if i == 0:
            j = 1
        elif i == len(out) - 1:
            j = i - 1
        else:
            j = i - 1 if out[i - 1].casussen <= out[i + 1].casussen else i + 1
        _voeg_samen(out, i, j)
    return out


def verdeling(netto_cent: Iterable[int], min_groep: int = MIN_GROEP) -> list[Klasse]:
    """Classes of round bounds for the histogram of net benefit per case (see the module docstring).

    Sturges' number of classes of one round width; empty classes are left out and sparse ones merged into
    a neighbour (so a class may span several widths), never hidden. From 10 cases on there are at least 3 classes
    whenever the values allow it (a narrower round width is tried until they do). Empty when there are
    fewer than `min_groep` cases in all (disclosure control); the classes themselves are not groups of
    client characteristics and are not suppressed."""
    values = sorted(int(v) for v in netto_cent)
    n = len(values)
    if n == 0 or n < min_groep:
        return []
    lo, hi = values[0], values[-1]
    if lo == hi:
        return [Klasse(lo, hi, n)]
    k = math.ceil(math.log2(n)) + 1
    width = _mooie_breedte((hi - lo) / k)
    best = _dun(_tel(values, width), n)
    while n >= MIN_KLASSEN_CASUSSEN and len(best) < MIN_KLASSEN and len(set(values)) >= MIN_KLASSEN:
        smaller = _mooie_breedte(width / 2)
        if smaller >= width or (hi - lo) // smaller > MAX_RANDEN:
            break
        width = smaller
        best = _dun(_tel(values, width), n)
    return best
