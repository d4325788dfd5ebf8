"""The quarter's folder as the app sees it: read in the background (with progress), re-read when a
file changes (the reader's cache makes that quick: only changed files are read again), and the
business case and review table built from the same readings through `rendementsmeter.api`."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rendementsmeter import api
from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.periode import Periode
from rendementsmeter.core.tempdirs import TempDir
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.review.model import ReviewFile
from rendementsmeter.review.signals import ReviewTable

#: Review workbooks made in the app are saved here, inside the folder, and read from here.
REVIEW_FOLDER = "beoordelingen"
#: At most this often the folder is looked at for changes.
LOOK_EVERY = 1.5


@dataclass
class Voortgang:
    """Where the reading is: files done of total (only files not in the cache count)."""

    bezig: bool = False
    klaar: int = 0
    totaal: int = 0
    fout: str = ""


@dataclass
class Stand:
    """One complete reading of the folder; `versie` goes up with every new reading."""

    versie: int = 0
    resultaten: list[ReadResult] = field(default_factory=list)
    reviews: list[ReviewFile] = field(default_factory=list)
    gelezen: float = 0.0


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file under `root` (a change in any means: read again)."""
    out = []
    for top, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(top, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            out.append((path, info.st_size, info.st_mtime_ns))
    return tuple(out)


def today() -> date:
    """The day of a reading (a function, so that a test can move it)."""
    return date.today()


class Map:
    """The folder, its current reading and the reading in progress."""

    def __init__(self, root: Path, prijslijst: Prijslijst, cache_dir: Path | None = None):
        self.root = root.resolve()
        self.reviews_dir = self.root / REVIEW_FOLDER
        self.prijslijst = prijslijst
        self._tmp = TempDir("app") if cache_dir is None else None
        base = Path(self._tmp.name) if self._tmp is not None else cache_dir
        assert base is not None
        self.cache = base / "cache.sqlite"
        self.stand = Stand()
        self.voortgang = Voortgang()
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()  # one build at a time: builds share the readings
        self._seen: tuple[date, tuple[tuple[str, int, int], ...]] | None = None
        self._looked = 0.0
        self._thread: threading.Thread | None = None
        self._bc: dict[tuple[int, str], BusinessCase] = {}
        self._review: tuple[int, ReviewTable] | None = None

    def close(self, timeout: float = 30.0) -> None:
        """Stop: let a reading in progress finish (its worker processes and their temporary files go
        with it), then remove the cache, which holds readings of the cases."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        if self._tmp is not None:
            self._tmp.cleanup()

    # -- reading -----------------------------------------------------------------------------
    def look(self, force: bool = False) -> None:
        """Start a new reading when files changed since the last, or the day did (a case whose Einddatum
        has passed since then now counts; the cache reads only such a file again); at most every
        LOOK_EVERY seconds."""
        now = time.monotonic()
        with self._lock:
            if self.voortgang.bezig or (not force and now - self._looked < LOOK_EVERY):
                return
            self._looked = now
        seen = (today(), fingerprint(self.root))
        with self._lock:
            if (seen == self._seen and not force) or self.voortgang.bezig:
                return
            self._seen = seen
            self.voortgang = Voortgang(bezig=True)
        self._thread = threading.Thread(target=self._read, name="map-lezen", daemon=True)
        self._thread.start()

    def _progress(self, done: int, total: int) -> None:
        self.voortgang.klaar, self.voortgang.totaal = done, total

    def _read(self) -> None:
        try:
            resultaten = api.check([self.root], self.prijslijst, cache=self.cache, progress=self._progress)
            resultaten = [r for r in resultaten if not self.is_review_file(r)]
            reviews = api.read_reviews([self.reviews_dir]) if self.reviews_dir.is_dir() else []
            with self._lock:
                self.stand = Stand(self.stand.versie + 1, resultaten, reviews, time.time())
                self._bc.clear()
                self._review = None
                self.voortgang = Voortgang()
        except Exception as exc:  # shown on the page; the app keeps running
            with self._lock:
                self.voortgang = Voortgang(fout=type(exc).__name__)
                self._seen = None
        except KeyboardInterrupt:  # Ctrl-C reached the reading processes too: the app is stopping
            with self._lock:
                self.voortgang = Voortgang(fout="gestopt")

    def is_review_file(self, r: ReadResult) -> bool:
        """A review workbook in the review folder is not a case file: the app lists it apart."""
        return r.overgeslagen and Path(os.path.abspath(r.pad)).is_relative_to(self.reviews_dir)

    def wait(self, timeout: float = 120.0) -> None:
        """Until the current reading is done (tests and the first page)."""
        end = time.monotonic() + timeout
        while self.voortgang.bezig and time.monotonic() < end:
            time.sleep(0.05)

    # -- building (through the api, from the same readings) ------------------------------------
    def businesscase(self, periode: Periode | None) -> BusinessCase:
        with self._lock:
            stand = self.stand
        key = (stand.versie, periode.label if periode is not None else "")
        with self._build_lock:
            found = self._bc.get(key)
            if found is None:
                found = api.businesscase_of(stand.resultaten, self.prijslijst, None, stand.reviews or None, periode)
                self._bc[key] = found
        return found

    def review_table(self) -> ReviewTable:
        with self._lock:
            stand = self.stand
        with self._build_lock:
            if self._review is None or self._review[0] != stand.versie:
                self._review = (stand.versie, api.review_of(stand.resultaten, self.prijslijst))
            return self._review[1]

    def review_path(self, beoordelaar: str) -> Path:
        return self.reviews_dir / f"beoordeling-{beoordelaar}.xlsx"

    def review_file(self, beoordelaar: str) -> ReviewFile | None:
        """The reviewer's own review workbook in the folder, as read (None when there is none)."""
        target = self.review_path(beoordelaar)
        with self._lock:
            stand = self.stand
        for f in stand.reviews:
            if Path(f.pad).resolve() == target.resolve():
                return f
        return None
