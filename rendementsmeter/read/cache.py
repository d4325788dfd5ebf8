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
import os
import sqlite3
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from rendementsmeter import __version__
from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import Case, Line, ReadResult, ValuePool
from rendementsmeter.spec import casus as spec

SCHEMA = 2
#: A file changed this shortly before its entry was made could change again within the same
#: timestamp tick unseen; such a file is not remembered by its stamp (it is hashed again next time).
RACY_NS = 2_000_000_000


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp(info: os.stat_result) -> str:
    """What the file system says about a file, changed by any write: device, inode, size, times."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def context_key(prijslijst_versie: str, vandaag: date) -> str:
    """What besides the file's bytes a reading depends on."""
    return f"{SCHEMA}|{__version__}|{spec.SJABLOONVERSIE}|{prijslijst_versie}|{vandaag.isoformat()}"


_CASE_FIELDS = [f.name for f in fields(Case) if f.name not in ("pad", "lines")]
_FINDING_FIELDS = ("code", "melding", "blad", "cel", "ernst")


def _encode(result: ReadResult) -> str:
    """Compact JSON: positional lists, so that decoding 10,000 readings takes a fraction of a second."""
    case = result.case
    data: list[Any] = [
        result.overgeslagen,
        [[getattr(f, k) for k in _FINDING_FIELDS] for f in result.findings],
        None,
    ]
    if case is not None:
        meta = [getattr(case, k) for k in _CASE_FIELDS]
        meta = [v.isoformat() if isinstance(v, date) else v for v in meta]
        lines = [[*x[:5], str(x.aantal), x.kans, x.toelichting] for x in case.lines]
        data[2] = [meta, lines]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _decode(text: str, pad: str, pool: ValuePool | None = None) -> ReadResult:
    pool = ValuePool() if pool is None else pool
    s, d = pool.text, pool.decimal
    overgeslagen, raw_findings, raw_case = json.loads(text)
    case = None
    if raw_case is not None:
        meta, raw_lines = raw_case
        values = dict(zip(_CASE_FIELDS, meta, strict=True))
        for key in ("einddatum", "startdatum"):
            values[key] = date.fromisoformat(values[key]) if values[key] else None
        values["leefgebieden"] = tuple(values["leefgebieden"])
        for key in ("domein", "team", "werker", "sjabloonversie", "prijslijstversie"):
            values[key] = s(values[key])
        lines = [Line(s(k), s(b), r, s(c), s(code), d(a), kans, t) for k, b, r, c, code, a, kans, t in raw_lines]
        case = Case(pad=pad, lines=lines, **values)
    findings = [Finding(pad, *f) for f in raw_findings]
    return ReadResult(pad, case, findings, overgeslagen=overgeslagen)


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
        db.execute(
            "CREATE TABLE IF NOT EXISTS bestand (pad TEXT PRIMARY KEY, stempel TEXT NOT NULL, inhoud TEXT NOT NULL)"
        )
        db.execute("SELECT count(*) FROM lezing").fetchone()
        db.execute("SELECT count(*) FROM bestand").fetchone()
        return db

    def known_hashes(self, stamps: dict[str, str]) -> dict[str, str]:
        """Content hashes of the files (absolute path -> stamp) whose stamp is unchanged since they were
        hashed: those need not be read to be recognised. Anything else is hashed again by the caller."""
        out: dict[str, str] = {}
        paths = list(stamps)
        for start in range(0, len(paths), 500):
            chunk = paths[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.db.execute(f"SELECT pad, stempel, inhoud FROM bestand WHERE pad IN ({marks})", chunk)
                out.update((pad, inhoud) for pad, stempel, inhoud in rows if stamps.get(pad) == stempel)
            except sqlite3.DatabaseError:
                return {}
        return out

    def remember(self, items: list[tuple[str, os.stat_result, str]], since: int) -> None:
        """Remember (absolute path, stat, content hash) of files hashed or read after `since` (time_ns,
        taken before their stat). A file changed less than two seconds before `since` is left out: it
        could have changed again, unseen, within the same timestamp tick."""
        rows = [(p, stamp(st), h) for p, st, h in items if max(st.st_mtime_ns, st.st_ctime_ns) < since - RACY_NS]
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO bestand VALUES (?, ?, ?)", rows)
        except sqlite3.DatabaseError:
            pass

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
        pool = ValuePool()
        for key, pad in zip(keys, pads, strict=True):
            text = found.get(key)
            result = None
            if text is not None:
                try:
                    result = _decode(text, pad, pool)
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
