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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fnmatch import fnmatchcase
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
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


def _distinct(values: pd.Series) -> tuple[np.ndarray, Any] | None:
    """(codes, distinct values) of a column, or None when equal values might read differently.

    Safe are texts, integers, booleans, and floats told apart by their bits (-0.0 == 0.0, but
    they read '-0' and '0'); a column of other objects is formatted value by value."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind == "f":
            codes, bits = pd.factorize(values.to_numpy().view(f"i{dtype.itemsize}"))
            return codes, bits.view(dtype)
        if dtype.kind in "iub" or (dtype.kind == "O" and pd.api.types.infer_dtype(values, skipna=False) == "string"):
            return pd.factorize(values.to_numpy())
        return None
    if any(
        test(dtype)
        for test in (pd.api.types.is_string_dtype, pd.api.types.is_integer_dtype, pd.api.types.is_bool_dtype)
    ):
        return pd.factorize(values, use_na_sentinel=False)
    return None


def _per_distinct(values: pd.Series, fmt: Callable[[Any], Any]) -> np.ndarray:
    """`fmt` of every value (an object array aligned with `values`), computed once per distinct value."""
    found = _distinct(values)
    if found is None:
        return np.array([fmt(v) for v in values], dtype=object)
    codes, uniques = found
    return np.array([fmt(u) for u in uniques], dtype=object)[codes]


def _text(values: pd.Series, fmt: Callable[[Any], str], keeps_text: bool = False) -> pd.Series:
    """`fmt` of every value as a str Series aligned with `values`, computed once per distinct value.

    `keeps_text`: `fmt` returns a text unchanged, so a column of texts is used as it is."""
    if keeps_text and pd.api.types.is_string_dtype(values) and not values.isna().any():
        return values.astype(str)
    found = _distinct(values)
    if found is None:
        return pd.Series([fmt(v) for v in values], index=values.index, dtype=str)
    codes, uniques = found
    return pd.Series([fmt(u) for u in uniques], dtype=str).take(codes).set_axis(values.index)


def add_identity(lines: pd.DataFrame) -> pd.DataFrame:
    """The priced lines with `regel_id` and `vingerafdruk` columns (a copy).

    Vectorised, with exactly the texts of `regel_id` and `vingerafdruk`: each part is formatted once
    per distinct value, the parts are joined column-wise, and each distinct joined text is hashed once."""
    out = lines.copy()
    if out.empty:  # as assigning empty lists always did: no rows, float64 columns
        out["regel_id"] = []
        out["vingerafdruk"] = []
        return out
    out["regel_id"] = (
        _text(out["casusnummer"], lambda c: f"{c}", keeps_text=True)
        + ":"
        + _text(out["blad"], lambda b: f"{b}", keeps_text=True)
        + ":"
        + _text(out["rij"], lambda r: str(int(r)))
    )
    content = (
        _text(out["code"], lambda c: c, keeps_text=True)
        + "\x1f"
        + _text(out["aantal"], number_text)
        + "\x1f"
        + _text(out["kans"], lambda k: "" if pd.isna(k) else str(int(k)))
        + "\x1f"
        + _text(out["toelichting"], lambda t: (t or "").strip())
    )
    out["vingerafdruk"] = _text(content, _hash)
    return out


def _hash(content: str) -> str:
    """The fingerprint of a line's joined content (see `vingerafdruk`)."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


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


def match_table(codes: Iterable[str], patterns: list[str]) -> np.ndarray:
    """A (codes × patterns) boolean table: does code i match pattern k (fnmatch, case-sensitive).

    Meant for the distinct codes of a batch, so that each pattern is matched once per code."""
    codes = list(codes)
    table = np.zeros((len(codes), len(patterns)), dtype=bool)
    for k, pattern in enumerate(patterns):
        table[:, k] = [fnmatchcase(code, pattern) for code in codes]
    return table


def _where(mask: np.ndarray, text: str) -> np.ndarray:
    """Per line `text` where `mask` holds, else None."""
    out = np.full(len(mask), None, dtype=object)
    out[mask] = text
    return out


def _z_signals(frame: pd.DataFrame, code: np.ndarray, case: np.ndarray) -> np.ndarray:
    """Per line the `aantal-afwijkend` text or None. Pools are the lines of one item (in line order),
    judged when they hold at least Z_MIN_LINES lines of at least Z_MIN_CASES cases."""
    out = np.full(len(frame), None, dtype=object)
    aantal = frame["aantal"].to_numpy(dtype=np.float64)
    sizes = np.bincount(code)
    n_cases = int(case.max()) + 1
    cases_per_code = np.bincount(np.unique(code * n_cases + case) // n_cases)
    order = np.argsort(code, kind="stable")  # the lines of each item together, in line order
    ends = np.cumsum(sizes)
    for u in np.flatnonzero((sizes >= Z_MIN_LINES) & (cases_per_code >= Z_MIN_CASES)):
        rows = order[ends[u] - sizes[u] : ends[u]]
        med, scale = robust_scale(aantal[rows].tolist())
        if not scale > 0:
            continue  # z is 0 for every line
        for row in rows[np.abs((aantal[rows] - med) / scale) > Z_LIMIT].tolist():
            value = float(aantal[row])
            z = (value - med) / scale
            out[row] = (
                f"aantal wijkt af: {_fmt(value, 2)} tegen mediaan {_fmt(med, 2)} bij {len(rows)} regels "
                f"(robuuste z {_fmt(z)})"
            )
    return out


def _domain_signals(frame: pd.DataFrame, code: np.ndarray, codes: pd.Index, rules: list[Regel]) -> np.ndarray:
    """Per line the `domein` text or None: the first domain rule for the line's domain and item."""
    domain, domains = pd.factorize(frame["domein"], use_na_sentinel=False)
    pairs, pair = np.unique(code * len(domains) + domain, return_inverse=True)
    texts = []
    for key in pairs.tolist():
        item, domein = codes[key // len(domains)], domains[key % len(domains)]
        rule = next((r for r in rules if r.tegen == domein and r.past(item)), None)
        texts.append(None if rule is None else f"past niet bij domein {domein}: {rule.reden}")
    return np.array(texts, dtype=object)[pair.reshape(-1)]


def _bundle_signals(
    frame: pd.DataFrame, code: np.ndarray, codes: pd.Index, case: np.ndarray, rules: list[Regel]
) -> dict[int, list[str]]:
    """{line: its `dubbeltelling` texts}: for every bundle rule, every bundle line and every other part
    line of the same case point at each other; per line in the order (rule, bundle line, part line)."""
    posts = match_table(codes, [r.post for r in rules])[code]
    parts = match_table(codes, [r.tegen for r in rules])[code]
    events = []  # columns: line, the other line, rule, bundle line, part line
    for k in range(len(rules)):
        bundle = pd.DataFrame({"case": case[posts[:, k]], "i": np.flatnonzero(posts[:, k])})
        part = pd.DataFrame({"case": case[parts[:, k]], "j": np.flatnonzero(parts[:, k])})
        if bundle.empty or part.empty:
            continue
        pair = bundle.merge(part, on="case")[["i", "j"]].to_numpy(dtype=np.int64)
        i, j = pair[pair[:, 0] != pair[:, 1]].T
        rule = np.full(len(i), k)
        events += [np.stack([i, j, rule, i, j]), np.stack([j, i, rule, i, j])]
    found: dict[int, list[str]] = {}
    if not events:
        return found
    line, other, rule, i, j = np.concatenate(events, axis=1)
    ordered = np.lexsort((j, i, rule, line))
    item, cell = frame["code"].to_numpy(), frame["cel"].to_numpy()
    for a, b, k in zip(line[ordered].tolist(), other[ordered].tolist(), rule[ordered].tolist(), strict=True):
        text = f"mogelijke dubbeltelling met {item[b]} ({cell[b]}): {rules[k].reden}"
        texts = found.setdefault(a, [])
        if text not in texts:
            texts.append(text)
    return found


def signal_lines(lines: pd.DataFrame, rules: Iterable[Regel]) -> pd.DataFrame:
    """Avoided-care lines with their signals (`signalen`: Dutch texts, `soorten`: signal keys).

    Vectorised over the lines; a line's signals come in SIGNALEN order."""
    rules = list(rules)
    frame = lines[lines["regelsoort"] == "vermeden"].reset_index(drop=True)
    if frame.empty:  # as assigning empty lists always did
        frame["soorten"], frame["signalen"], frame["aantal_signalen"] = [], [], []
        return frame
    code, codes = pd.factorize(frame["code"], use_na_sentinel=False)
    case, _ = pd.factorize(frame["casusnummer"], use_na_sentinel=False)

    values = frame["bedrag_cent"].to_numpy(dtype=np.int64)
    k = max(1, math.ceil(len(values) * TOP_SHARE))
    threshold = int(np.sort(values)[::-1][k - 1])
    no_text = _per_distinct(frame["toelichting"], lambda t: not str(t).strip()).astype(bool)
    certain = _per_distinct(frame["kans"], lambda kans: not pd.isna(kans) and int(kans) == 100).astype(bool)
    top = (values >= threshold) if threshold > 0 else np.zeros(len(values), dtype=bool)
    signals = {  # per signal key: per line its text or None
        "geen-toelichting": _where(no_text, SIGNALEN["geen-toelichting"]),
        "kans-100": _where(certain, SIGNALEN["kans-100"]),
        "top-10": _where(top, SIGNALEN["top-10"]),
        "aantal-afwijkend": _z_signals(frame, code, case),
        "domein": _domain_signals(frame, code, codes, [r for r in rules if r.soort == "domein"]),
    }
    keys = list(signals)
    soorten = [
        tuple(k for k, t in zip(keys, row, strict=True) if t is not None) for row in zip(*signals.values(), strict=True)
    ]
    signalen = [tuple(t for t in row if t is not None) for row in zip(*signals.values(), strict=True)]
    for line, texts in _bundle_signals(frame, code, codes, case, [r for r in rules if r.soort == "bundel"]).items():
        soorten[line] += ("dubbeltelling",)
        signalen[line] += tuple(texts)
    frame["soorten"] = soorten
    frame["signalen"] = signalen
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
    progress: Callable[[int, int], None] | None = None,
) -> ReviewTable:
    """Read cases and build the review table (the library form of `rendementsmeter review`);
    `progress(done, total)` follows the reading (see `read_cases`)."""
    rules = load_plausibiliteit(plausibiliteit)
    return build_review(read_cases(paths, prijslijst, vandaag, progress=progress), prijslijst, prijspeil, rules)


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
