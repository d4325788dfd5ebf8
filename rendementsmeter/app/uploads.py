"""A case file dropped by a social worker: kept in a private temporary folder, read by exactly the
reader that reads the folder (the same size and zip-bomb limits before parsing, the same worker
isolation and privacy scan, via `api.check`), and copied into the folder only when the worker
confirms; never over an existing file without a second confirmation, never outside the folder."""

from __future__ import annotations

import os
import secrets
import shutil
import string
import threading
from dataclasses import dataclass
from pathlib import Path

from rendementsmeter import api
from rendementsmeter.analysis.businesscase import BusinessCase
from rendementsmeter.app.security import inside, sanitise_name
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.output import TEMP_PREFIX, atomic_path
from rendementsmeter.core.tempdirs import TempDir
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read.guards import LIMITS

#: The largest upload accepted: the reader's own limit for a file on disk.
MAX_UPLOAD = LIMITS.file_bytes
#: Uploads kept at once (the oldest go first).
MAX_KEPT = 50


@dataclass
class Upload:
    """One dropped file: its id, safe name, where it is kept, what reading it gave."""

    id: str
    naam: str
    pad: Path
    resultaat: ReadResult
    bc: BusinessCase | None  # the case's own totals, when it is in order
    bestaat: bool  # a file of that name is already in the folder
    dubbel: str = ""  # another file in the folder with the same Casusnummer (its name as shown)

    @property
    def getoond(self) -> str:
        """The name as screens show it: the reader's display form, personal data masked."""
        return Path(self.resultaat.pad).name


class UploadFout(Exception):
    """An upload that cannot be taken (the message is Dutch, for the page)."""


def new_ident() -> str:
    """An upload's random name: 16 lowercase letters (75 bits). No digits: the reader scans a file's
    whole path for personal data, and a hex token held a 9-digit run that passes the BSN check in
    about one upload in 400, which then was rejected for a BSN in its name."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(16))


class Uploads:
    def __init__(self, root: Path, prijslijst: Prijslijst):
        self.root = root
        self.prijslijst = prijslijst
        self._tmp = TempDir("upload")
        self._kept: dict[str, Upload] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._tmp.cleanup()

    def take(self, raw_name: str, data: bytes) -> Upload:
        """Keep and read a dropped file. Raises UploadFout for a name or size that cannot be taken."""
        naam = sanitise_name(raw_name)
        if naam is None:
            raise UploadFout("Alleen een casusbestand (.xlsx, .xlsm of .ods) kan gecontroleerd worden.")
        if len(data) > MAX_UPLOAD:
            raise UploadFout(f"Het bestand is groter dan {MAX_UPLOAD // (1024 * 1024)} MB; dat kan geen casus zijn.")
        ident = new_ident()
        folder = Path(self._tmp.name) / ident
        folder.mkdir(mode=0o700)
        path = folder / naam
        path.write_bytes(data)
        resultaat = api.check([path], self.prijslijst, isolated=True)[0]  # never in the app's process
        bc = api.businesscase_of([resultaat], self.prijslijst) if resultaat.status == "opgenomen" else None
        target = inside(self.root, naam)
        upload = Upload(ident, naam, path, resultaat, bc, target is None or target.exists())
        with self._lock:
            self._kept[ident] = upload
            while len(self._kept) > MAX_KEPT:
                oldest = next(iter(self._kept))
                shutil.rmtree(self._kept.pop(oldest).pad.parent, ignore_errors=True)
        return upload

    def get(self, ident: str) -> Upload | None:
        with self._lock:
            return self._kept.get(ident)

    def save(self, ident: str, overschrijven: bool, naam: str = "") -> tuple[Path | None, str]:
        """Copy an upload into the folder, under its own name or `naam` (the file it replaces). Returns
        (path, '') when saved, or (None, reason): 'onbekend' (no such upload), 'bestaat' (confirmation
        needed), 'buiten' (not inside the folder)."""
        upload = self.get(ident)
        if upload is None:
            return None, "onbekend"
        target = inside(self.root, naam or upload.naam)
        if target is None:
            return None, "buiten"
        if overschrijven:
            with atomic_path(target) as tmp:
                shutil.copyfile(upload.pad, tmp)
        else:
            part = self.root / f"{TEMP_PREFIX}{ident}{target.suffix}"  # the reader skips such names
            try:  # a hard link fails when the name exists, also when it appeared just now
                with atomic_path(part) as tmp:
                    shutil.copyfile(upload.pad, tmp)
                os.link(part, target)
            except FileExistsError:
                return None, "bestaat"
            finally:
                part.unlink(missing_ok=True)
        with self._lock:
            self._kept.pop(ident, None)
        shutil.rmtree(upload.pad.parent, ignore_errors=True)
        return target, ""
