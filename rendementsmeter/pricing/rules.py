"""Plausibility rules as data (prijslijst/plausibiliteit.csv): which items are odd for which
domain (`domein`) and which items are bundles that contain others (`bundel`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache, partial
from pathlib import Path

from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import Line, LineColumns, LineSlice, ReadResult
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
        return fits(code, self.post)


@lru_cache(maxsize=1 << 16)
def fits(code: str, pattern: str) -> bool:
    """`fnmatchcase`, remembered: a batch asks the same few hundred codes against the same patterns
    for every case."""
    return fnmatchcase(code, pattern)


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


# -- bundles: a part of a bundled estimate in the same case counts once ---------------------
def bundle_rules(rules: Iterable[Regel]) -> list[Regel]:
    """The `bundel` rules among the plausibility rules (load_plausibiliteit)."""
    return [r for r in rules if r.soort == "bundel"]


def find_parts(codes: list[str], rules: list[Regel]) -> dict[int, tuple[int, Regel]]:
    """For the avoided-care codes of one case: {index of a part: (index of its bundle, rule)}.

    The rule, case by case; pricing.dubbeltelling.locate_parts gives the same for a whole batch."""
    parts: dict[int, tuple[int, Regel]] = {}
    for rule in rules:
        bundles = [i for i, c in enumerate(codes) if rule.past(c)]
        if not bundles:
            continue
        for j, code in enumerate(codes):
            if j not in parts and j not in bundles and fits(code, rule.tegen):
                parts[j] = (bundles[0], rule)
    return parts


def _row_line(columns: LineColumns, rows: list[int], j: int) -> Line:
    return columns.line(rows[j])


def mark_results(
    results: list[ReadResult], rules: list[Regel], present: set[tuple[str, str, int]] | None = None
) -> None:
    """Add a `dubbeltelling` warning to every part line of a case (idempotent). Plain Python, so
    that `check` runs without pandas; a case without any bundle code costs one set lookup per line.

    With `present` (pad, blad, rij of the avoided-care lines still counted after peer review) the
    decision follows the review: earlier warnings are replaced, and a rejected line is neither a
    bundle nor a part, so the parts of a rejected bundle get no warning."""
    bundle_codes: dict[str, bool] = {}  # code -> is it the bundle of some rule (memo over the batch)
    seen: set[int] = set()  # a result listed twice is marked once
    parts_of: dict[tuple[str, ...], dict[int, tuple[int, Regel]]] = {}

    def is_bundle(code: str) -> bool:
        if code not in bundle_codes:
            bundle_codes[code] = any(rule.past(code) for rule in rules)
        return bundle_codes[code]

    # per LineColumns (an export): the running count of avoided lines with a bundle code, every kind and code
    exported: dict[int, tuple[list[int], list[str], list[str]]] = {}
    for r in results:
        if r.case is None:
            continue
        lines = r.case.lines
        if isinstance(lines, LineSlice):  # an exported case: lines are made only for the findings
            cols = lines.columns
            if id(cols) not in exported:
                exported[id(cols)] = (cols.running_count("vermeden", is_bundle), cols.values("kind"),
                                      cols.values("code"))  # fmt: skip
            count, kinds, all_codes = exported[id(cols)]
            if present is None and count[lines.stop] == count[lines.start]:
                continue  # no avoided line with a bundle code: nothing to mark (most of a pool)
        if id(r) in seen:
            continue
        if present is not None:
            r.findings[:] = [f for f in r.findings if f.code != "dubbeltelling"]
        elif any(f.code == "dubbeltelling" for f in r.findings):
            continue
        seen.add(id(r))
        line_at: Callable[[int], Line]  # the j-th avoided line (made only for a finding)
        if isinstance(lines, LineSlice):
            if count[lines.stop] == count[lines.start]:
                continue  # no avoided line with a bundle code
            rows = [i for i in range(lines.start, lines.stop) if kinds[i] == "vermeden"]
            if present is not None:
                rows = [i for i in rows if (r.pad, (x := cols.line(i)).blad, x.rij) in present]
            codes = [all_codes[i] for i in rows]
            line_at = partial(_row_line, cols, rows)
        else:
            avoided = [
                x for x in lines if x.kind == "vermeden" and (present is None or (r.pad, x.blad, x.rij) in present)
            ]
            codes = [x.code for x in avoided]
            line_at = avoided.__getitem__
        if not any(is_bundle(c) for c in codes):
            continue
        key = tuple(codes)
        found = parts_of.get(key)
        if found is None:  # the same codes in the same order give the same parts (cases repeat patterns)
            found = parts_of[key] = find_parts(codes, rules)
        for j in sorted(found):
            i, rule = found[j]
            part, bundle = line_at(j), line_at(i)
            r.findings.append(Finding(
                r.pad, "dubbeltelling",
                f"{part.code} telt niet mee: {rule.reden} (bundelpost {bundle.code} op rij {bundle.rij}). "
                "Haal een van beide weg, of laat het zo als de bundelpost bedoeld is.",
                blad=part.blad, cel=part.cel))  # fmt: skip
