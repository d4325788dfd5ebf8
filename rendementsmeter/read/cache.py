"""An incremental-run cache: unchanged case files are not read again.

The cache is a derived index, never the source of truth: it maps a key built from the file's
content hash and everything else a reading depends on (price list version, template version, tool
version) to the serialised reading. The day is not in the key: a reading depends on it only through
whether its Einddatum lies after it, which each reading keeps and `get_many` checks. Deleting it changes no
result; a corrupt or unreadable cache is thrown away and rebuilt, and a corrupt entry is a miss.
Entries are JSON, not pickle, so a tampered cache cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from rendementsmeter import __version__
from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import Case, Line, ReadResult, ValuePool, Verhaal, ZrmScore
from rendementsmeter.core.output import path_text
from rendementsmeter.read import privacy
from rendementsmeter.spec import casus as spec

SCHEMA = 5
#: SQLite `application_id` of a rendementsmeter cache ('RMC1'): what makes a file ours to rewrite.
APPLICATION_ID = 0x524D4331
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: The tables of a cache before it had its mark (a later one also has `naam`, the remembered path masks).
_TABLES = {"lezing", "bestand"}
#: A file changed this shortly before its entry was made could change again within the same
#: timestamp tick unseen; such a file is not remembered by its stamp (it is hashed again next time).
RACY_NS = 2_000_000_000


class CacheGeweigerd(Exception):
    """The --cache path holds something that is not a rendementsmeter cache (message in Dutch)."""


def _refuse(path: Path, why: str) -> CacheGeweigerd:
    return CacheGeweigerd(
        f"--cache {path_text(path)}: {why}. De rendementsmeter schrijft niet over een bestand dat hij niet zelf "
        "heeft gemaakt; het is niet aangeraakt. Kies een ander pad voor de cache (bijv. casussen.cache)."
    )


def _legacy(path: Path) -> bool:
    """A cache of an earlier version, before the mark: SQLite with exactly our tables (read-only look)."""
    try:
        db = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return False
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return names == _TABLES
    except sqlite3.Error:
        return False
    finally:
        db.close()


def cache_status(path: Path | str) -> str:
    """'nieuw' (nothing there, or an empty file), 'eigen' (a cache of ours, maybe damaged beyond its
    first page) or raises CacheGeweigerd. Only reads."""
    path = Path(path)
    if not os.path.lexists(path):
        return "nieuw"
    if path.is_symlink():
        raise _refuse(path, "dit is een snelkoppeling")
    if path.is_dir():
        raise _refuse(path, "dit is een map")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "dit is geen gewoon bestand")
        if info.st_size == 0:
            return "nieuw"
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        raise _refuse(path, "het bestand kan niet gelezen worden") from None
    if not head.startswith(_SQLITE_MAGIC):
        raise _refuse(path, "dit bestand is geen cache van de rendementsmeter")
    if len(head) == 100 and int.from_bytes(head[68:72], "big") == APPLICATION_ID:
        return "eigen"
    if len(head) == 100 and int.from_bytes(head[68:72], "big") == 0 and _legacy(path):
        return "eigen"
    raise _refuse(path, "dit is een database van een ander programma, geen cache van de rendementsmeter")


def _span(folder: str) -> tuple[str, str] | None:
    """The keys of the paths under `folder` as a range of texts (None when its path is kept in hex)."""
    low = folder.rstrip(os.sep) + os.sep
    return (low, low[:-1] + chr(ord(os.sep) + 1)) if _db_key(low) == low else None


def _path(key: str) -> str:
    """A path kept by _db_key, back as a path."""
    return os.fsdecode(bytes.fromhex(key[1:])) if key[:1] == "\x00" else key


def _db_key(pad: str) -> str:
    """A path as a text key: as is when it is valid text, else its bytes in hex (a path holds no NUL)."""
    try:
        pad.encode("utf-8")
        return pad
    except UnicodeEncodeError:
        return "\x00" + os.fsencode(pad).hex()


def content_hash(path: Path | str) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp(info: os.stat_result) -> str:
    """What the file system says about a file, changed by any write: device, inode, size, times."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def context_key(prijslijst_versie: str) -> str:
    """What besides the file's bytes a reading depends on, but the day: a reading depends on the day only
    through whether its Einddatum lies after it (einddatum-in-toekomst), which `get_many` checks."""
    return f"{SCHEMA}|{__version__}|{spec.SJABLOONVERSIE}|{prijslijst_versie}"


def same_day_enough(result: ReadResult, vandaag: date) -> bool:
    """Whether a reading made on another day is the reading of `vandaag`: its Einddatum (if it compared
    one) lies on the same side of today as of the day it was read."""
    eind = result.einddatum
    return eind is None or (eind > vandaag) == result.einddatum_later


_CASE_FIELDS = [f.name for f in fields(Case) if f.name not in ("pad", "lines")]
#: _decode unpacks a case's fields by position: it must know every field, in this order
_DECODED = ["casusnummer", "domein", "einddatum", "team", "werker", "startdatum", "horizon", "leefgebieden",
            "samenvatting", "aandeel", "afsluitreden", "verhaal", "zrm", "sjabloonversie", "prijslijstversie"]  # fmt: skip
if _CASE_FIELDS != _DECODED:  # a field added to Case: _decode must take it too (else a cached case would lack it)
    raise RuntimeError(f"cache._decode kent de velden van Case niet: {_CASE_FIELDS}")
_tuple = tuple.__new__
_FINDING_FIELDS = ("code", "melding", "blad", "cel", "ernst")


def _encode(result: ReadResult, ascii: bool = False) -> str:
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
    data.append([result.einddatum.isoformat(), result.einddatum_later] if result.einddatum else None)
    return json.dumps(data, ensure_ascii=ascii, separators=(",", ":"))


def _decode(text: str, pad: str, pool: ValuePool | None = None) -> ReadResult:
    pool = ValuePool() if pool is None else pool
    d, texts = pool.decimal, pool.texts.setdefault  # (the pool's dict itself: a quarter of a million texts)
    overgeslagen, raw_findings, raw_case, eind = json.loads(text)
    case = None
    if raw_case is not None:
        meta, raw_lines = raw_case
        # by position, in the order of _CASE_FIELDS (checked on import: _DECODED)
        (casusnummer, domein, einddatum, team, werker, startdatum, horizon, leefgebieden, samenvatting, aandeel,
         afsluitreden, verhaal, zrm, sjabloonversie, prijslijstversie) = meta  # fmt: skip
        lines = [  # tuple.__new__: a Line without the named tuple's __new__ in Python (73,000 in a re-run)
            _tuple(Line, (texts(k, k), texts(b, b), r, texts(c, c), texts(code, code), d(a), kans, t))
            for k, b, r, c, code, a, kans, t in raw_lines
        ]
        case = Case(
            pad=pad, casusnummer=casusnummer, domein=texts(domein, domein),
            einddatum=date.fromisoformat(einddatum) if einddatum else None, team=texts(team, team),
            werker=texts(werker, werker), startdatum=date.fromisoformat(startdatum) if startdatum else None,
            horizon=horizon, leefgebieden=tuple(leefgebieden), samenvatting=samenvatting, aandeel=aandeel,
            afsluitreden=texts(afsluitreden, afsluitreden), verhaal=Verhaal(*verhaal) if verhaal else None,
            zrm=tuple(ZrmScore(*z) for z in zrm), sjabloonversie=texts(sjabloonversie, sjabloonversie),
            prijslijstversie=texts(prijslijstversie, prijslijstversie), lines=lines,
        )  # fmt: skip
    findings = [Finding(pad, *f) for f in raw_findings]
    result = ReadResult(pad, case, findings, overgeslagen=overgeslagen)
    if eind:
        result.einddatum, result.einddatum_later = date.fromisoformat(eind[0]), bool(eind[1])
    return result


class CaseCache:
    """SQLite-backed cache of readings, keyed by content hash and context."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        self.rebuilt = False
        self._asked_names: set[str] = set()
        status = cache_status(self.path)  # raises for anything that is not ours
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            if status != "eigen":
                raise _refuse(self.path, "het bestand kan niet als cache geopend worden") from None
            for extra in ("", "-wal", "-shm"):  # ours, damaged: rebuilt
                Path(f"{os.fspath(self.path)}{extra}").unlink(missing_ok=True)
            self.rebuilt = True
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS lezing (sleutel TEXT PRIMARY KEY, waarde TEXT NOT NULL, inhoud TEXT)")
        if "inhoud" not in {row[1] for row in db.execute("PRAGMA table_info(lezing)")}:  # a cache from before
            try:
                db.execute("ALTER TABLE lezing ADD COLUMN inhoud TEXT")
            except sqlite3.OperationalError:  # another process added it just now (not damage)
                if "inhoud" not in {row[1] for row in db.execute("PRAGMA table_info(lezing)")}:
                    raise
        db.execute("PRAGMA secure_delete = ON")  # what is forgotten is overwritten, not left in free pages
        db.execute(
            "CREATE TABLE IF NOT EXISTS bestand (pad TEXT PRIMARY KEY, stempel TEXT NOT NULL, inhoud TEXT NOT NULL)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS naam (sleutel TEXT PRIMARY KEY, pad TEXT NOT NULL, soorten TEXT NOT NULL)"
        )
        db.execute("SELECT count(*) FROM lezing").fetchone()
        db.execute("SELECT count(*) FROM bestand").fetchone()
        return db

    def _select(self, columns: str, table: str, keys: list[str]) -> list[tuple[Any, ...]] | None:
        """The rows of `table` whose first column (its key) is one of `keys`, asked 500 at a time (SQLite's
        limit on parameters); None when the cache cannot be read (the caller treats that as misses)."""
        key = columns.split(",")[0].strip()
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows += self.db.execute(f"SELECT {columns} FROM {table} WHERE {key} IN ({marks})", chunk)
            except sqlite3.DatabaseError:
                return None
        return rows

    def _store(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        try:
            with self.db:
                self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)
        except sqlite3.DatabaseError:
            pass  # the cache is only an index: failing to store changes no result

    @staticmethod
    def _name_key(rules: str, text: str) -> str:
        return hashlib.sha256(f"{rules}|{text}".encode()).hexdigest()

    def known_masks(self, texts: list[str]) -> dict[str, tuple[str, list[str]]]:
        """The privacy masks (shown path, kinds of personal data found) of path texts scanned before with
        the same privacy rules (read.privacy.mask, privacy.rules_version): scanning 10,000 paths took a
        third of a re-run's reading. Keyed by a hash of rules and text; the masked text is what every
        output shows anyway. Nothing is remembered when the rules cannot be fingerprinted."""
        rules = privacy.rules_version()
        if rules is None:
            return {}
        keys = {self._name_key(rules, t): t for t in texts}
        self._asked_names.update(keys)  # (what `forget` keeps)
        rows = self._select("sleutel, pad, soorten", "naam", list(keys)) or []
        return {keys[key]: (pad, soorten.split(",") if soorten else []) for key, pad, soorten in rows}

    def remember_masks(self, masks: dict[str, tuple[str, list[str]]]) -> None:
        rules = privacy.rules_version()
        if rules is None:
            return
        self._store("naam", [(self._name_key(rules, t), pad, ",".join(kinds)) for t, (pad, kinds) in masks.items()])

    def known_hashes(self, stamps: dict[str, str]) -> dict[str, str]:
        """Content hashes of the files (absolute path -> stamp) whose stamp is unchanged since they were
        hashed: those need not be read to be recognised. Anything else is hashed again by the caller."""
        keys = {_db_key(p): p for p in stamps}
        rows = self._select("pad, stempel, inhoud", "bestand", list(keys)) or []
        return {keys[key]: inhoud for key, stempel, inhoud in rows if stamps[keys[key]] == stempel}

    def remember(self, items: list[tuple[str, os.stat_result, str]], since: int) -> None:
        """Remember (absolute path, stat, content hash) of files hashed or read after `since` (time_ns,
        taken before their stat). A file changed less than two seconds before `since` could have changed
        again, unseen, within the same timestamp tick: it is remembered without a stamp (hashed again next
        time), which still tells `forget` that its reading belongs to a file."""
        rows = [
            (_db_key(p), stamp(st) if max(st.st_mtime_ns, st.st_ctime_ns) < since - RACY_NS else "", h)
            for p, st, h in items
        ]
        self._store("bestand", rows)

    @staticmethod
    def key(content: str, context: str) -> str:
        return hashlib.sha256(f"{content}|{context}".encode()).hexdigest()

    def get_many(self, keys: list[str], pads: list[str], vandaag: date | None = None) -> list[ReadResult | None]:
        """Cached readings for keys (None for a miss or an entry that cannot be decoded); with `vandaag`,
        a reading whose Einddatum lies on the other side of today than when it was read is a miss too."""
        rows = self._select("sleutel, waarde", "lezing", keys)
        if rows is None:
            return [None] * len(keys)
        found: dict[str, str] = dict(rows)
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
                if result is not None and vandaag is not None and not same_day_enough(result, vandaag):
                    result = None
            out.append(result)
            if result is None:
                self.misses += 1
            else:
                self.hits += 1
        return out

    def put_many(self, items: list[tuple[str, ReadResult]]) -> None:
        """Store readings under their keys, with the hash of the bytes read (ReadResult.inhoud), by which
        `forget` knows whether a file still has them."""
        insert = "INSERT OR REPLACE INTO lezing (sleutel, waarde, inhoud) VALUES (?, ?, ?)"
        try:
            with self.db:
                self.db.executemany(insert, [(k, _encode(r), r.inhoud) for k, r in items])
        except UnicodeEncodeError:  # a text that is not valid UTF-8 (cannot come from a workbook): ASCII JSON
            with self.db:
                self.db.executemany(insert, [(k, _encode(r, ascii=True), r.inhoud) for k, r in items])
        except sqlite3.DatabaseError:
            pass  # the cache is only an index: failing to store changes no result

    def forget(self, folders: list[str], present: set[str], contents: set[str], changed: bool,
               name_folders: Sequence[str] = ()) -> None:  # fmt: skip
        """Forget what is gone: the files remembered under `folders` (this run's folders, and those of files
        given one by one) that are neither `present` (found now) nor on disk, then every reading of bytes that
        no remembered file and no file of this run (`contents`) has, and the masked names under `name_folders`
        that this run did not ask for. A deleted case file leaves nothing behind; other folders keep theirs.
        When no file is gone and none `changed`, the readings are not gone through (0,08 s of an unchanged
        re-run of 10.000 files); the range queries cost such a re-run 0,03 s."""
        try:
            with self.db:
                gone: list[str] = []
                hexed = [p for (p,) in self.db.execute("SELECT pad FROM bestand WHERE pad < '\x01'")]  # (_db_key)
                for folder in folders:
                    if (span := _span(folder)) is not None:
                        gone += [
                            p for (p,) in self.db.execute("SELECT pad FROM bestand WHERE pad >= ? AND pad < ?", span)
                        ]
                    start = os.fsencode(folder.rstrip(os.sep) + os.sep)
                    gone += [p for p in hexed if os.fsencode(_path(p)).startswith(start)]
                gone = [p for p in gone if (path := _path(p)) not in present and not os.path.lexists(path)]
                for folder in name_folders:
                    if (span := _span(folder)) is not None:
                        rows = self.db.execute("SELECT sleutel FROM naam WHERE pad >= ? AND pad < ?", span)
                        stale = [(k,) for (k,) in rows if k not in self._asked_names]
                        self.db.executemany("DELETE FROM naam WHERE sleutel = ?", stale)
                if not gone and not changed:
                    return  # (before any change to the readings: nothing to go through)
                self.db.executemany("DELETE FROM bestand WHERE pad = ?", [(p,) for p in gone])
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS gezien (inhoud TEXT PRIMARY KEY)")
                self.db.execute("DELETE FROM gezien")
                self.db.executemany("INSERT OR IGNORE INTO gezien VALUES (?)", [(c,) for c in contents])
                self.db.execute(
                    "DELETE FROM lezing WHERE inhoud IS NULL OR (inhoud NOT IN (SELECT inhoud FROM bestand) "
                    "AND inhoud NOT IN (SELECT inhoud FROM gezien))"
                )
                self.db.execute("DELETE FROM gezien")
        except (sqlite3.DatabaseError, ValueError):
            pass  # the cache is only an index: what it cannot forget now, it forgets another time

    def close(self) -> None:
        self.db.close()
