"""An incremental-run cache: unchanged case files are not read again.

The cache is a derived index, never the source of truth: it maps a key built from the file's
content hash and everything else a reading depends on (price list version, template version, tool
version, today's date for the future-date check) to the serialised reading. Deleting it changes no
result; a corrupt or unreadable cache is thrown away and rebuilt, and a corrupt entry is a miss.
Entries are JSON, not pickle, so a tampered cache cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__, spec
from .findings import Finding
from .model import Case, Line, ReadResult

SCHEMA = 1


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def context_key(prijslijst_versie: str, vandaag: date) -> str:
    """What besides the file's bytes a reading depends on."""
    return f"{SCHEMA}|{__version__}|{spec.SJABLOONVERSIE}|{prijslijst_versie}|{vandaag.isoformat()}"


def _encode(result: ReadResult) -> str:
    data: dict[str, Any] = {
        "pad": result.pad,
        "overgeslagen": result.overgeslagen,
        "findings": [f.as_dict() for f in result.findings],
        "case": None,
    }
    if result.case is not None:
        case = asdict(result.case)
        case["lines"] = [{**asdict(x), "aantal": str(x.aantal)} for x in result.case.lines]
        for key in ("einddatum", "startdatum"):
            case[key] = case[key].isoformat() if case[key] else None
        data["case"] = case
    return json.dumps(data, ensure_ascii=False)


def _decode(text: str, pad: str) -> ReadResult:
    data = json.loads(text)
    case = None
    if data["case"] is not None:
        raw = dict(data["case"])
        raw["lines"] = [Line(**{**x, "aantal": Decimal(x["aantal"])}) for x in raw["lines"]]
        for key in ("einddatum", "startdatum"):
            raw[key] = date.fromisoformat(raw[key]) if raw[key] else None
        raw["leefgebieden"] = tuple(raw["leefgebieden"])
        raw["pad"] = pad
        case = Case(**raw)
    findings = [Finding(**{**f, "pad": pad}) for f in data["findings"]]
    return ReadResult(pad, case, findings, overgeslagen=data["overgeslagen"])


class CaseCache:
    """SQLite-backed cache of readings, keyed by content hash and context."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        self.rebuilt = False
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)
            self.rebuilt = True
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS lezing (sleutel TEXT PRIMARY KEY, waarde TEXT NOT NULL)")
        db.execute("SELECT count(*) FROM lezing").fetchone()
        return db

    @staticmethod
    def key(content: str, context: str) -> str:
        return hashlib.sha256(f"{content}|{context}".encode()).hexdigest()

    def get_many(self, keys: list[str], pads: list[str]) -> list[ReadResult | None]:
        """Cached readings for keys (None for a miss or an entry that cannot be decoded)."""
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                found.update(self.db.execute(f"SELECT sleutel, waarde FROM lezing WHERE sleutel IN ({marks})", chunk))
            except sqlite3.DatabaseError:
                return [None] * len(keys)
        out: list[ReadResult | None] = []
        for key, pad in zip(keys, pads, strict=True):
            text = found.get(key)
            result = None
            if text is not None:
                try:
                    result = _decode(text, pad)
                except Exception:  # a corrupt entry is a miss, never a crash
                    result = None
            out.append(result)
            if result is None:
                self.misses += 1
            else:
                self.hits += 1
        return out

    def put_many(self, items: list[tuple[str, ReadResult]]) -> None:
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO lezing VALUES (?, ?)", [(k, _encode(r)) for k, r in items])
        except sqlite3.DatabaseError:
            pass  # the cache is only an index: failing to store changes no result

    def close(self) -> None:
        self.db.close()
