"""Peer review of estimates, part 1: line identity, review signals and the review table.

Every avoided-care line gets a stable id (casusnummer, sheet, row) and a fingerprint of its content
(code, aantal, kans, toelichting), so a verdict is only ever applied to the line it was given on,
unchanged. Signals tell the reviewer where to look first. The plausibility rules (which items are
odd for which domain, which items are bundles of others) live in prijslijst/plausibiliteit.csv.

Writing and reading review workbooks: review_xlsx.py, review_read.py; applying them: review_apply.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fnmatch import fnmatchcase
from pathlib import Path
from statistics import median

import pandas as pd

from . import spec
from .findings import CODES, Finding
from .model import OPGENOMEN, ReadResult
from .pricing import price_cases
from .prijslijst import Prijslijst, data_dir
from .reader import read_cases

OORDELEN: tuple[str, ...] = ("akkoord", "aangepast", "afgewezen")
REVIEW_SHEET = "Beoordeling"
UITLEG_SHEET = "Uitleg"
BEOORDELAAR_LABEL = "Beoordelaar (code)"

#: Finding codes of the review step. Registered here so the review works on its own; they belong in
#: findings.CODES (setdefault keeps that harmless once they are there).
REVIEW_CODES = {
    k: CODES[k]
    for k in (
        "beoordeling-onleesbaar",
        "beoordeling-ongeldig",
        "beoordeling-onvolledig",
        "beoordeling-verouderd",
        "beoordeling-casus-ontbreekt",
        "beoordeling-conflict",
        "beoordelaar-ontbreekt",
        "plausibiliteit-ongeldig",
    )
}

#: Signals, in the order the reviewer reads them.
SIGNALEN = {
    "geen-toelichting": "geen toelichting",
    "kans-100": "kans 100%",
    "top-10": "hoogste 10% van de waarde",
    "aantal-afwijkend": "aantal wijkt af van andere casussen",
    "domein": "post past niet bij het domein",
    "dubbeltelling": "mogelijke dubbeltelling",
}
TOP_SHARE = Decimal("0.10")
#: Robust z-score (Iglewicz & Hoaglin): 0.6745 × (x - median) / MAD; above 3.5 is an outlier.
Z_LIMIT = 3.5
Z_MIN_LINES = 5
Z_MIN_CASES = 3


# -- identity -----------------------------------------------------------------------------
def regel_id(casusnummer: str, blad: str, rij: int) -> str:
    """Stable id of a line: `CASUS:Vermeden zorg:5`."""
    return f"{casusnummer}:{blad}:{int(rij)}"


def casus_van(rid: str) -> str:
    """The casusnummer part of a line id (a casusnummer may itself hold ':')."""
    return rid.rsplit(":", 2)[0]


def number_text(value: float | Decimal) -> str:
    """A quantity as plain text without trailing zeros: 6.0 -> '6', 2.50 -> '2.5'."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(number.normalize(), "f")
    return text


def vingerafdruk(code: str, aantal: float | Decimal, kans: int | None, toelichting: str) -> str:
    """Fingerprint of a line's content; changes when the worker changes the line."""
    parts = (code, number_text(aantal), "" if kans is None else str(int(kans)), (toelichting or "").strip())
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def add_identity(lines: pd.DataFrame) -> pd.DataFrame:
    """The priced lines with `regel_id` and `vingerafdruk` columns (a copy)."""
    out = lines.copy()
    out["regel_id"] = [regel_id(c, b, r) for c, b, r in zip(out["casusnummer"], out["blad"], out["rij"], strict=True)]
    out["vingerafdruk"] = [
        vingerafdruk(c, a, None if pd.isna(k) else int(k), t)
        for c, a, k, t in zip(out["code"], out["aantal"], out["kans"], out["toelichting"], strict=True)
    ]
    return out


# -- plausibility rules -------------------------------------------------------------------
@dataclass(frozen=True)
class Regel:
    """One plausibility rule: `domein` (item odd for a domain) or `bundel` (item contains another)."""

    soort: str
    post: str  # code pattern (fnmatch: *, ?, [..])
    tegen: str  # a domain, or a code pattern of the part
    reden: str
    rij: int = 0

    def past(self, code: str) -> bool:
        return fnmatchcase(code, self.post)


class PlausibiliteitFout(Exception):
    """The plausibility rules could not be loaded; carries the findings."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


def standaard_plausibiliteit() -> Path:
    return data_dir() / "plausibiliteit.csv"


def load_plausibiliteit(path: Path | str | None = None) -> list[Regel]:
    """Rules from a CSV with columns soort, post, tegen, reden (comma or semicolon separated)."""
    p = Path(path) if path else standaard_plausibiliteit()

    def bad(message: str, cel: str = "") -> Finding:
        return Finding(str(p), "plausibiliteit-ongeldig", message, cel=cel)

    try:
        text = p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise PlausibiliteitFout([bad("Het bestand kan niet gelezen worden; sla het op als CSV UTF-8.")]) from None
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("soort", "post", "tegen", "reden") if c not in header]
    if missing:
        raise PlausibiliteitFout([bad(f"Kolom(men) {', '.join(missing)} ontbreken; nodig: soort, post, tegen, reden.")])
    rules: list[Regel] = []
    problems: list[Finding] = []
    for raw in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str) or v is None}
        if not any(row.values()):
            continue
        line = reader.line_num
        soort, post, tegen, reden = (row.get(k, "") for k in ("soort", "post", "tegen", "reden"))
        if soort not in ("domein", "bundel"):
            problems.append(bad(f"Soort '{soort}' kan niet; kies domein of bundel.", f"rij {line}"))
        elif not post or not tegen or not reden:
            problems.append(bad("Vul post, tegen en reden alle drie in.", f"rij {line}"))
        elif soort == "domein" and tegen not in spec.DOMEINEN:
            problems.append(
                bad(f"Onbekend domein '{tegen}'; kies uit: {', '.join(spec.DOMEINEN)}.", f"rij {line}, kolom tegen")
            )
        else:
            rules.append(Regel(soort, post.upper(), tegen if soort == "domein" else tegen.upper(), reden, line))
    if problems:
        raise PlausibiliteitFout(problems)
    return rules


# -- signals ------------------------------------------------------------------------------
def robust_scale(pool: list[float]) -> tuple[float, float]:
    """(median, scale) of a pool for robust z-scores: z = (x - median) / scale. The scale is MAD / 0.6745,
    or the mean absolute deviation × 1.2533 when more than half the pool is equal; 0 when all are equal."""
    med = median(pool)
    deviations = [abs(x - med) for x in pool]
    mad = median(deviations)
    if mad > 0:
        return med, mad / 0.6745
    return med, 1.253314 * sum(deviations) / len(deviations)


def robust_z(value: float, pool: list[float]) -> float:
    """Robust z-score of `value` in `pool` (Iglewicz & Hoaglin): 0.6745 × (x - median) / MAD."""
    med, scale = robust_scale(pool)
    return (value - med) / scale if scale > 0 else 0.0


def _fmt(value: float, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}".replace(".", ",")
    return text.rstrip("0").rstrip(",") if "," in text else text


def signal_lines(lines: pd.DataFrame, rules: Iterable[Regel]) -> pd.DataFrame:
    """Avoided-care lines with their signals (`signalen`: Dutch texts, `soorten`: signal keys)."""
    rules = list(rules)
    frame = lines[lines["regelsoort"] == "vermeden"].reset_index(drop=True)
    found: list[list[tuple[str, str]]] = [[] for _ in range(len(frame))]

    values = sorted((int(v) for v in frame["bedrag_cent"]), reverse=True)
    k = max(1, math.ceil(len(values) * TOP_SHARE)) if values else 0
    threshold = values[k - 1] if values else 0
    pools: dict[str, list[tuple[str, float]]] = {}
    for c, code, a in zip(frame["casusnummer"], frame["code"], frame["aantal"], strict=True):
        pools.setdefault(code, []).append((c, float(a)))
    # (median, scale, pool size) per item with a pool large enough to judge
    scales = {
        code: (*robust_scale([a for _, a in pool]), len(pool))
        for code, pool in pools.items()
        if len(pool) >= Z_MIN_LINES and len({c for c, _ in pool}) >= Z_MIN_CASES
    }
    domain_rules = [r for r in rules if r.soort == "domein"]

    for i, r in enumerate(frame.itertuples()):
        if not str(r.toelichting).strip():
            found[i].append(("geen-toelichting", SIGNALEN["geen-toelichting"]))
        if not pd.isna(r.kans) and int(r.kans) == 100:
            found[i].append(("kans-100", SIGNALEN["kans-100"]))
        if threshold > 0 and int(r.bedrag_cent) >= threshold:
            found[i].append(("top-10", SIGNALEN["top-10"]))
        if r.code in scales:
            med, scale, size = scales[r.code]
            z = (float(r.aantal) - med) / scale if scale > 0 else 0.0
            if abs(z) > Z_LIMIT:
                found[i].append(
                    (
                        "aantal-afwijkend",
                        f"aantal wijkt af: {_fmt(float(r.aantal), 2)} tegen mediaan {_fmt(med, 2)} bij {size} regels "
                        f"(robuuste z {_fmt(z)})",
                    )
                )
        for rule in domain_rules:
            if rule.tegen == r.domein and rule.past(r.code):
                found[i].append(("domein", f"past niet bij domein {r.domein}: {rule.reden}"))
                break

    by_case: dict[str, list[int]] = {}
    for i, c in enumerate(frame["casusnummer"]):
        by_case.setdefault(c, []).append(i)
    codes, cells = list(frame["code"]), list(frame["cel"])
    for rows in by_case.values():
        for rule in (r for r in rules if r.soort == "bundel"):
            bundles = [i for i in rows if fnmatchcase(codes[i], rule.post)]
            parts = [j for j in rows if fnmatchcase(codes[j], rule.tegen)]
            for i in bundles:
                for j in parts:
                    if i == j:
                        continue
                    for a, b in ((i, j), (j, i)):
                        text = f"mogelijke dubbeltelling met {codes[b]} ({cells[b]}): {rule.reden}"
                        if ("dubbeltelling", text) not in found[a]:
                            found[a].append(("dubbeltelling", text))

    order = list(SIGNALEN)
    for signals in found:
        signals.sort(key=lambda s: order.index(s[0]))
    frame["soorten"] = [tuple(dict.fromkeys(k for k, _ in s)) for s in found]
    frame["signalen"] = [tuple(t for _, t in s) for s in found]
    frame["aantal_signalen"] = [len(s) for s in frame["soorten"]]
    return frame


# -- the review table ---------------------------------------------------------------------
@dataclass
class ReviewTable:
    """What the review workbook lists: the avoided-care lines of the included cases, flagged and
    sorted so that the most flagged, most valuable lines come first."""

    prijspeil: int
    prijslijst: Prijslijst
    resultaten: list[ReadResult]
    regels: pd.DataFrame
    gemaakt: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    @property
    def opgenomen(self) -> list[ReadResult]:
        return [r for r in self.resultaten if r.status == OPGENOMEN]

    def telling(self) -> dict[str, int]:
        """Number of lines per signal key, in SIGNALEN order."""
        return {k: int(sum(k in s for s in self.regels["soorten"])) for k in SIGNALEN}


def build_review(
    resultaten: list[ReadResult], prijslijst: Prijslijst, prijspeil: int | None = None, rules: Iterable[Regel] = ()
) -> ReviewTable:
    """Price the included cases and list their avoided-care lines with signals, most urgent first.

    Sort rule: most signals first, then the highest expected value, then casusnummer and row."""
    peil = prijspeil or prijslijst.standaard_prijspeil
    if peil not in prijslijst.cpi:
        raise ValueError(f"prijspeil {peil} staat niet in de CPI-reeks ({min(prijslijst.cpi)}-{max(prijslijst.cpi)})")
    included = [r.case for r in resultaten if r.status == OPGENOMEN and r.case]
    lines = add_identity(price_cases(included, prijslijst, peil))
    frame = signal_lines(lines, rules)
    if len(frame):
        frame["_neg"] = -frame["bedrag_cent"]
        frame["_negs"] = -frame["aantal_signalen"]
        frame = frame.sort_values(["_negs", "_neg", "casusnummer", "rij"], kind="stable").drop(
            columns=["_neg", "_negs"]
        )
        frame = frame.reset_index(drop=True)
    return ReviewTable(peil, prijslijst, resultaten, frame)


def review(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    prijspeil: int | None = None,
    plausibiliteit: Path | str | None = None,
    vandaag: date | None = None,
) -> ReviewTable:
    """Read cases and build the review table (the library form of `rendementsmeter review`)."""
    rules = load_plausibiliteit(plausibiliteit)
    return build_review(read_cases(paths, prijslijst, vandaag), prijslijst, prijspeil, rules)


# -- verdicts, as read back from filled review workbooks ----------------------------------
@dataclass(frozen=True)
class Verdict:
    """One reviewer's verdict on one line, as read from a review workbook."""

    pad: str  # the review workbook
    cel: str  # the Oordeel cell, e.g. O9
    beoordelaar: str
    regel_id: str
    vingerafdruk: str
    oordeel: str
    aantal: Decimal | None = None
    kans: int | None = None
    opmerking: str = ""


@dataclass
class ReviewFile:
    """A filled review workbook: who reviewed, the usable verdicts and the findings."""

    pad: str
    beoordelaar: str
    oordelen: list[Verdict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
