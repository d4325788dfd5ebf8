"""Pooled data: anonymous line-level exports that organisations can share and pool.

An export holds what a business case needs and nothing that identifies a person: no free text
(Samenvatting, Toelichting), no worker code, no file names or cells; case numbers are replaced by a
pseudonym (an HMAC-SHA-256 of organisation and case number under the organisation's own secret key,
so the same case keeps the same id across exports of one organisation, while a pool partner who
guesses case numbers cannot compute or match them without the key); the end date is kept
to the month. `businesscase` accepts exports (.parquet or .csv) next to workbooks and re-prices them
with its own price list, so pooled figures stay consistent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from rendementsmeter.core.findings import Finding, escape_controls
from rendementsmeter.core.model import Case, LineColumns, LineSlice, ReadResult, ValuePool
from rendementsmeter.core.output import atomic_path, csv_safe, csv_unsafe, path_text
from rendementsmeter.read import privacy
from rendementsmeter.read.keys import pseudonym
from rendementsmeter.spec.casus import AFSLUITREDENEN, BLAD_VAN_SOORT, KANS_REGEL, MAX_AANTAL, kans_waarde

EXPORT_COLUMNS = (
    "organisatie", "casus_id", "domein", "team", "einddatum", "horizon", "leefgebieden", "regelsoort",
    "code", "aantal", "kans",
)  # fmt: skip
#: Written since template version 2; an older export without them reads as 100 and unknown.
EXTRA_COLUMNS = ("aandeel", "afsluitreden")
BLAD = BLAD_VAN_SOORT
#: text columns of an export: masked for personal data when read back, protected against formulas in CSV
TEXT_COLUMNS = ("organisatie", "casus_id", "domein", "team", "leefgebieden", "regelsoort", "code", "afsluitreden")


def export_frame(results: Iterable[ReadResult], organisatie: str, sleutel: bytes) -> pd.DataFrame:
    """Anonymous line-level rows of the included cases (status `opgenomen`); `sleutel`: load_sleutel()."""
    rows = []
    for r in results:
        case = r.case
        if r.status != "opgenomen" or case is None:
            continue
        month = case.einddatum.replace(day=1) if case.einddatum else None
        base = (organisatie, pseudonym(organisatie, case.casusnummer, sleutel), case.domein, case.team, month,
                case.horizon, ", ".join(case.leefgebieden))  # fmt: skip
        for line in case.lines:
            rows.append((*base, line.kind, line.code, float(line.aantal), line.kans, case.aandeel, case.afsluitreden))
    frame = pd.DataFrame.from_records(rows, columns=list(EXPORT_COLUMNS + EXTRA_COLUMNS))
    frame["aandeel"] = frame["aandeel"].astype("int64")
    frame["kans"] = frame["kans"].astype("Int64")
    frame["horizon"] = frame["horizon"].astype("int64")
    return frame


def write_export(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write an export as Parquet (.parquet) or CSV (.csv), atomically."""
    target = Path(path)
    with atomic_path(target) as tmp:
        if target.suffix.lower() == ".csv":  # no cell that Excel would take for a formula
            safe = frame.copy()
            for col in TEXT_COLUMNS:
                safe[col] = safe[col].map(lambda v: csv_safe(v) if isinstance(v, str) else v)
            safe.to_csv(tmp, index=False)
        else:
            frame.to_parquet(tmp, index=False)
    return target


def read_export(path: Path | str, known_codes: set[str]) -> list[ReadResult]:
    """Cases from an export, one ReadResult each (pad `file#organisation/id`); problems are findings."""
    p = Path(path)
    pad = privacy.mask(escape_controls(path_text(p)))[0]
    try:
        if p.suffix.lower() == ".csv":  # ids as text: a pseudonym of only digits keeps its leading zeros
            text = {
                c: str for c in ("organisatie", "casus_id", "domein", "team", "leefgebieden", "code", "afsluitreden")
            }
            frame = pd.read_csv(p, dtype={"kans": "Float64", **text}, keep_default_na=False, na_values={"kans": [""]})
        else:
            frame = pd.read_parquet(p)
    except Exception:
        return [
            ReadResult.rejected(
                pad,
                "bestand-onleesbaar",
                "De export kan niet gelezen worden (beschadigd of geen export); maak hem opnieuw met "
                "`rendementsmeter export`.",
            )
        ]
    missing = [c for c in EXPORT_COLUMNS if c not in frame.columns]
    if missing:
        return [
            ReadResult.rejected(
                pad,
                "kop-ontbreekt",
                f"Kolom(men) {', '.join(missing)} ontbreken in "
                "de export; maak hem opnieuw met `rendementsmeter export`.",
            )
        ]
    try:
        return _cases(frame, pad, known_codes)
    except (ValueError, TypeError, OverflowError):  # e.g. an Aantal or Horizon that is not a number
        return [
            ReadResult.rejected(
                pad,
                "bestand-onleesbaar",
                "De export bevat waarden die geen getal of datum zijn waar dat moet (aantal, kans, horizon, "
                "einddatum); maak hem opnieuw met `rendementsmeter export`.",
            )
        ]


_PSEUDONYM = re.compile(r"[0-9a-f]{16}")


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)


class _Masker:
    """Text from an export, as the reader passes it on: a CSV's formula guard undone, personal data masked
    and control characters escaped; remembers per text what it found (an export repeats its values)."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, tuple[str, ...]]] = {}

    def __call__(self, value: object) -> str:
        text = _text(value)
        hit = self.seen.get(text)
        if hit is None:
            masked, kinds = privacy.mask(escape_controls(csv_unsafe(text)))
            hit = self.seen[text] = (masked, tuple(kinds))
        return hit[0]

    def kinds(self, value: object) -> tuple[str, ...]:
        return self.seen.get(_text(value), ("", ()))[1]

    def factor(self, values: pd.Series, keep: re.Pattern[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`self(v)` for every value of a column as (index per row, distinct results), worked out once per
        distinct value (a pooled export repeats its organisations, codes and kinds of line a million
        times); values that fully match `keep` are taken as they are. Two values that give the same
        text share one index."""
        codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
        done = [u if keep is not None and isinstance(u, str) and keep.fullmatch(u) else self(u) for u in uniques]
        merged, distinct = pd.factorize(np.array([*done, self(None)], dtype=object))
        return merged[codes], np.asarray(distinct, dtype=object)

    @property
    def found_any(self) -> bool:
        return any(kinds for _, kinds in self.seen.values())


def _line_problem(soort: str, aantal: float, kans: float) -> tuple[str, str] | None:
    """What is wrong with one exported line (as the reader would say it of a typed one), or None."""
    if soort not in BLAD:
        return "post-verkeerde-soort", f"Regelsoort '{soort}' is onbekend; een export heeft inzet, ingezet of vermeden."
    if not math.isfinite(aantal) or aantal <= 0:
        return "aantal-ongeldig", "Het aantal in de export is geen getal groter dan 0; maak de export opnieuw."
    if aantal > MAX_AANTAL:
        return "aantal-te-groot", f"Het aantal in de export is groter dan {MAX_AANTAL:,}".replace(",", ".") + "."
    if soort == "vermeden":
        if kans != kans:
            return "kans-ontbreekt", "Een regel vermeden zorg in de export heeft geen kans."
        if kans_waarde(kans) is None:
            return "kans-ongeldig", f"De kans in de export is geen {KANS_REGEL}."
    return None


def _small(index: np.ndarray) -> np.ndarray:
    """Whole numbers from 0 in the smallest integer type that holds them (a million cases have seven
    million lines: one byte instead of eight is 50 MB less per column)."""
    return index.astype(np.min_scalar_type(int(index.max(initial=0))))


def _cases(frame: pd.DataFrame, pad: str, known_codes: set[str]) -> list[ReadResult]:
    """The export's rows as cases, in (organisation, case id) order. Columnar: the lines stay in one
    LineColumns that every case's LineSlice points into; only the cases themselves and the few lines
    with a problem are handled one by one (a pooled export may hold a million cases)."""
    frame = frame.sort_values(["organisatie", "casus_id"], kind="stable").reset_index(drop=True)
    clean = _Masker()
    org_i, org_u = clean.factor(frame["organisatie"])
    # the tool's own pseudonyms (16 hex characters of an HMAC) are no user text: a random hash can look
    # like a postcode or phone number, so only ids of any other form are scanned for personal data
    cid_i, cid_u = clean.factor(frame["casus_id"], keep=_PSEUDONYM)
    n_rows = len(frame)
    new_case = np.ones(n_rows, dtype=bool)
    new_case[1:] = (org_i[1:] != org_i[:-1]) | (cid_i[1:] != cid_i[:-1])
    starts = np.flatnonzero(new_case)
    stops = np.append(starts[1:], n_rows)
    case_of_row = np.cumsum(new_case) - 1
    rij = np.arange(n_rows) - starts[case_of_row] + 1  # the line's number within its case, from 1
    pool = ValuePool()
    code_i, code_u = clean.factor(frame["code"])
    soort_i, soort_u = clean.factor(frame["regelsoort"])
    soort = soort_u[soort_i]
    cel_u = np.array([f"regel {n}" for n in range(1 + int(rij.max(initial=0)))], dtype=object)
    kans_raw = frame["kans"].astype("Float64").to_numpy(float, na_value=np.nan)
    kans_i, kans_uniques = pd.factorize(kans_raw, use_na_sentinel=False)
    kans_u = np.array([None if k != k or not float(k).is_integer() else int(k) for k in kans_uniques], dtype=object)
    aantal_f = frame["aantal"].astype(float).to_numpy()
    aantal_i, aantal_uniques = pd.factorize(aantal_f, use_na_sentinel=False)
    aantal_u = np.array([pool.decimal(repr(float(a))) for a in aantal_uniques], dtype=object)
    firsts = frame.iloc[starts]
    ends = pd.to_datetime(firsts["einddatum"], errors="coerce")
    end_i, end_u = pd.factorize(ends)
    end_dates = [e.date() for e in end_u] + [None]  # the index -1 (no date) takes the last: None
    eind = [end_dates[k] for k in end_i.tolist()]

    def per_case(name: str, convert: Callable[[str], object] = str) -> list[object]:
        """A case-level text column, masked and converted once per distinct value."""
        if name not in frame:
            return [convert("")] * len(starts)
        index, distinct = clean.factor(firsts[name])
        done = [convert(v) for v in distinct]
        return [done[k] for k in index.tolist()]

    meta = list(
        zip(
            per_case("domein"),
            per_case("team"),
            [int(v) for v in firsts["horizon"].tolist()],
            per_case("leefgebieden", lambda v: tuple(x.strip() for x in v.split(",") if x.strip())),
            [int(v) for v in firsts["aandeel"].tolist()] if "aandeel" in frame else [100] * len(starts),
            per_case("afsluitreden", lambda r: r if r in AFSLUITREDENEN else ""),
            strict=True,
        )
    )
    bounds = list(zip(starts.tolist(), stops.tolist(), strict=True))
    found: dict[int, list[str]] = {}
    if clean.found_any:  # personal data somewhere in the export: which cases hold it
        raw_meta = {k: firsts[k].tolist() for k in ("domein", "team", "leefgebieden")}
        raw_org, raw_cid, raw_codes = frame["organisatie"].tolist(), frame["casus_id"].tolist(), frame["code"].tolist()
        found = {
            a: sorted({k for col in raw_meta.values() for k in clean.kinds(col[j])} | set(clean.kinds(raw_org[a])) |
                      set(clean.kinds(raw_cid[a])) | {k for i in range(a, b) for k in clean.kinds(raw_codes[i])})
            for j, (a, b) in enumerate(bounds)
        }  # fmt: skip
    # which lines are fine, column-wise; only the others go through _line_problem (the same rules)
    kans_ok = np.array([k == k and kans_waarde(k) is not None for k in kans_uniques.tolist()], dtype=bool)[kans_i]
    fine = (
        np.array([k in BLAD for k in soort_u], dtype=bool)[soort_i]
        & np.isfinite(aantal_f)
        & (aantal_f > 0)
        & (aantal_f <= MAX_AANTAL)
        & ((soort != "vermeden") | kans_ok)
    )
    good = fine & np.array([c in known_codes for c in code_u], dtype=bool)[code_i]
    kept = np.flatnonzero(good)
    columns = LineColumns(
        uniques={"kind": soort_u, "blad": np.array([BLAD.get(k, k) for k in soort_u], dtype=object), "cel": cel_u,
                 "code": code_u, "aantal": aantal_u, "kans": kans_u, "toelichting": np.array([""], dtype=object)},
        index={"kind": _small(soort_i[kept]), "blad": _small(soort_i[kept]), "cel": _small(rij[kept]),
               "code": _small(code_i[kept]), "aantal": _small(aantal_i[kept]), "kans": _small(kans_i[kept]),
               "toelichting": np.zeros(len(kept), dtype=np.int8)},
        rij=_small(rij[kept]),
        aantal_f=aantal_f[kept],
    )  # fmt: skip
    at = np.concatenate([[0], np.cumsum(good)]).tolist()  # a case's lines in `columns`: at[a] to at[b]
    problems: dict[int, list[int]] = {}
    for i in np.flatnonzero(~good).tolist():
        problems.setdefault(int(case_of_row[i]), []).append(i)
    results = []
    # per case: its number and path made column-wise (no numpy item access per case)
    numbers = [f"{o}/{c}" for o, c in zip(org_u[org_i[starts]].tolist(), cid_u[cid_i[starts]].tolist(), strict=True)]
    for j, (a, b) in enumerate(bounds):
        nummer = numbers[j]
        case_pad = f"{pad}#{nummer}"
        findings = []
        if found.get(a):
            findings.append(Finding(case_pad, "persoonsgegevens",
                f"De export bevat {privacy.describe(found[a])}; in alle uitvoer is het afgeschermd. Maak de "
                "export opnieuw met `rendementsmeter export` uit casussen zonder persoonsgegevens."))  # fmt: skip
        if eind[j] is None:
            findings.append(Finding(case_pad, "veld-verplicht",
                "De einddatum ontbreekt of is geen datum in deze export; zonder einddatum valt de casus in geen "
                "periode. Maak de export opnieuw met `rendementsmeter export`.", cel=cel_u[1]))  # fmt: skip
        for i in problems.get(j, ()):
            kind, plek = soort[i], {"blad": BLAD.get(soort[i], ""), "cel": cel_u[rij[i]]}
            problem = None if fine[i] else _line_problem(kind, float(aantal_f[i]), float(kans_raw[i]))
            if problem is not None:
                findings.append(Finding(case_pad, problem[0], problem[1], **plek))
            else:
                findings.append(Finding(case_pad, "post-onbekend", f"Post '{code_u[code_i[i]]}' uit de export staat "
                    "niet in de prijslijst; geef de prijslijst van de organisatie mee met --prijslijst.", **plek))  # fmt: skip
        domein, team, horizon, leef, aandeel, reden = meta[j]
        case = Case(pad=case_pad, casusnummer=nummer, domein=domein, einddatum=eind[j], team=team,
                    horizon=horizon, leefgebieden=leef, aandeel=aandeel, afsluitreden=reden,
                    lines=LineSlice(columns, at[a], at[b]))  # fmt: skip
        results.append(ReadResult(case_pad, case, findings))
    return results
