"""Pooled data: anonymous line-level exports that organisations can share and pool.

An export holds what a business case needs and nothing that identifies a person: no free text
(Samenvatting, Toelichting), no worker code, no file names or cells; case numbers are replaced by a
pseudonym (a keyed hash of organisation and case number, so the same case keeps the same id across
runs of one organisation but cannot be traced back without the case number); the end date is kept
to the month. `businesscase` accepts exports (.parquet or .csv) next to workbooks and re-prices them
with its own price list, so pooled figures stay consistent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .findings import Finding
from .model import Case, Line, ReadResult
from .output import atomic_path

EXPORT_COLUMNS = (
    "organisatie", "casus_id", "domein", "team", "einddatum", "horizon", "leefgebieden", "regelsoort",
    "code", "aantal", "kans",
)  # fmt: skip
BLAD = {"inzet": "Inzet", "ingezet": "Ingezette zorg", "vermeden": "Vermeden zorg"}


def pseudonym(organisatie: str, casusnummer: str) -> str:
    """A stable pseudonymous case id: 16 hex characters of SHA-256 over organisation and case number."""
    return hashlib.sha256(f"{organisatie}|{casusnummer.casefold()}".encode()).hexdigest()[:16]


def export_frame(results: Iterable[ReadResult], organisatie: str) -> pd.DataFrame:
    """Anonymous line-level rows of the included cases (status `opgenomen`)."""
    rows = []
    for r in results:
        case = r.case
        if r.status != "opgenomen" or case is None:
            continue
        month = case.einddatum.replace(day=1) if case.einddatum else None
        base = (organisatie, pseudonym(organisatie, case.casusnummer), case.domein, case.team, month,
                case.horizon, ", ".join(case.leefgebieden))  # fmt: skip
        for line in case.lines:
            rows.append((*base, line.kind, line.code, float(line.aantal), line.kans))
    frame = pd.DataFrame.from_records(rows, columns=list(EXPORT_COLUMNS))
    frame["kans"] = frame["kans"].astype("Int64")
    frame["horizon"] = frame["horizon"].astype("int64")
    return frame


def write_export(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write an export as Parquet (.parquet) or CSV (.csv), atomically."""
    target = Path(path)
    with atomic_path(target) as tmp:
        if target.suffix.lower() == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            frame.to_parquet(tmp, index=False)
    return target


def read_export(path: Path | str, known_codes: set[str]) -> list[ReadResult]:
    """Cases from an export, one ReadResult each (pad `file#organisation/id`); problems are findings."""
    p = Path(path)
    pad = str(p)
    try:
        frame = pd.read_csv(p, dtype={"kans": "Int64"}) if p.suffix.lower() == ".csv" else pd.read_parquet(p)
    except Exception:
        return [
            ReadResult(
                pad,
                None,
                [
                    Finding(
                        pad,
                        "bestand-onleesbaar",
                        "De export kan niet gelezen worden (beschadigd of geen export); maak hem opnieuw met "
                        "`rendementsmeter export`.",
                    )
                ],
            )
        ]
    missing = [c for c in EXPORT_COLUMNS if c not in frame.columns]
    if missing:
        return [
            ReadResult(
                pad,
                None,
                [
                    Finding(
                        pad,
                        "kop-ontbreekt",
                        f"Kolom(men) {', '.join(missing)} ontbreken in "
                        "de export; maak hem opnieuw met `rendementsmeter export`.",
                    )
                ],
            )
        ]
    results = []
    for (org, cid), group in frame.groupby(["organisatie", "casus_id"], sort=True):
        case_pad = f"{pad}#{org}/{cid}"
        first = group.iloc[0]
        eind = pd.Timestamp(first["einddatum"]).date() if pd.notna(first["einddatum"]) else None
        findings = []
        lines = []
        for n, row in enumerate(group.itertuples(index=False), start=1):
            if row.code not in known_codes:
                findings.append(
                    Finding(
                        case_pad,
                        "post-onbekend",
                        f"Post '{row.code}' uit de export staat niet in "
                        "de prijslijst; geef de prijslijst van de organisatie mee met --prijslijst.",
                        blad=BLAD.get(row.regelsoort, ""),
                        cel=f"regel {n}",
                    )
                )
                continue
            kans = None if pd.isna(row.kans) else int(row.kans)
            lines.append(Line(kind=row.regelsoort, blad=BLAD.get(row.regelsoort, row.regelsoort), rij=n,
                              cel=f"regel {n}", code=row.code, aantal=Decimal(repr(float(row.aantal))), kans=kans,
                              toelichting=""))  # fmt: skip
        text = "" if pd.isna(first["leefgebieden"]) else str(first["leefgebieden"])
        leef = tuple(x.strip() for x in text.split(",") if x.strip())
        case = Case(pad=case_pad, casusnummer=f"{org}/{cid}", domein=str(first["domein"]),
                    einddatum=eind if isinstance(eind, date) else None, team="" if pd.isna(first["team"]) else str(first["team"]),
                    horizon=int(first["horizon"]), leefgebieden=leef, lines=lines)  # fmt: skip
        results.append(ReadResult(case_pad, case, findings))
    return results
