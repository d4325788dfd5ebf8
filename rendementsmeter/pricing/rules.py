"""Plausibility rules as data (prijslijst/plausibiliteit.csv): which items are odd for which
domain (`domein`) and which items are bundles that contain others (`bundel`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import numpy as np

from rendementsmeter.core.findings import Finding
from rendementsmeter.pricing.prijslijst import data_dir
from rendementsmeter.spec import casus as spec


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


def match_table(codes: Iterable[str], patterns: list[str]) -> np.ndarray:
    """A (codes × patterns) boolean table: does code i match pattern k (fnmatch, case-sensitive).

    Meant for the distinct codes of a batch, so that each pattern is matched once per code."""
    codes = list(codes)
    table = np.zeros((len(codes), len(patterns)), dtype=bool)
    for k, pattern in enumerate(patterns):
        table[:, k] = [fnmatchcase(code, pattern) for code in codes]
    return table
