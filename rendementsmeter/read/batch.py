"""Reading case files: the one module that opens workbooks.

Every file is first checked by `guards.inspect` (size, zip bomb, DTD, cell extent) on the very bytes
that are then parsed with python-calamine (fast). Every text cell is run through `privacy.mask` before
anything else reads it, so personal data never reaches a finding, a total or an output. Batches are
read in worker processes (`isolation.py`): a file that crashes or hangs the parser costs that file
only. Cached formula results are never trusted: totals are recomputed from the inputs by the pricing
step, and a formula where a value belongs is a finding.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import stat
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import python_calamine

from rendementsmeter.core.findings import Finding, cell_name
from rendementsmeter.core.model import Case, ReadResult, ValuePool
from rendementsmeter.core.output import TEMP_PREFIX
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read import guards, isolation, privacy
from rendementsmeter.read.base import MAX_FINDINGS, NIEUW_SJABLOON, OVERZETTEN
from rendementsmeter.read.cache import CaseCache, content_hash, context_key, stamp
from rendementsmeter.read.casus import CasusSheet
from rendementsmeter.read.export import read_export
from rendementsmeter.read.lines import LineSheets
from rendementsmeter.spec import casus as spec

log = logging.getLogger(__name__)

#: Bumped whenever reading the same bytes can give another result (new checks, other messages); a
#: cache of readings must include it in its key.
LEESVERSIE = "2"

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
OTHER_SPREADSHEETS = {".xls", ".xlsb", ".csv", ".numbers"}
KNOWN_SHEETS = {s.casefold() for s in (*spec.REQUIRED_SHEETS, spec.INSTRUCTIE_SHEET, spec.LIJSTEN_SHEET)}
#: Sheets the reader never asks the parser for: the template's own text and lists, no case data.
UNREAD_SHEETS = frozenset({spec.LIJSTEN_SHEET.casefold(), spec.INSTRUCTIE_SHEET.casefold()})

_BY_CONTENT = {
    "leeg": (
        "bestand-onleesbaar",
        "Het bestand is leeg (0 bytes), bijvoorbeeld doordat opslaan of kopiëren mislukte. Sla de casus opnieuw op.",
    ),
    "versleuteld": (
        "bestand-versleuteld",
        "Het bestand is met een wachtwoord beveiligd. Haal het wachtwoord eraf "
        "(Bestand > Info > Werkmap beveiligen) en sla opnieuw op als .xlsx.",
    ),
    "xls": (
        "bestand-xls",
        "Oud Excel-formaat (.xls, Excel 97-2003). Open het en kies Opslaan als > Excel-werkmap (.xlsx).",
    ),
    "tekst": (
        "bestand-formaat",
        "Dit is een tekstbestand (bijvoorbeeld csv), geen Excel-werkmap, hoewel de naam op {suffix} eindigt. "
        "Vul de casus in het sjabloon (.xlsx) in.",
    ),
    "onbekend": (
        "bestand-onleesbaar",
        "Dit is geen Excel-werkmap, hoewel de naam op {suffix} eindigt (misschien een hernoemd of beschadigd "
        "bestand). Open het casusbestand opnieuw en sla het op als Excel-werkmap (.xlsx).",
    ),
    "ods": (
        "bestand-formaat",
        "Dit is een OpenDocument-werkblad (.ods, LibreOffice) met de naam {suffix}; Excel opent het zo niet. Open "
        "het in LibreOffice en kies Opslaan als > Excel 2007-365 (.xlsx).",
    ),
    "xlsb": ("bestand-formaat", "Dit is een binaire Excel-werkmap (.xlsb). Sla het op als Excel-werkmap (.xlsx)."),
    "docx": ("bestand-formaat", "Dit is een Word-document, geen werkmap. Vul de casus in het sjabloon (.xlsx) in."),
    "odf": ("bestand-formaat", "Dit is een OpenDocument-bestand maar geen werkblad. Gebruik het sjabloon (.xlsx)."),
    "zip": ("bestand-formaat", "Dit is een zip-bestand, geen werkmap. Pak het uit en geef de casusbestanden zelf op."),
}


def display_pad(path: Path | str) -> str:
    """The path as shown in every output: personal data masked, unprintable characters (a newline, bytes
    that are not UTF-8) replaced, so a file name can neither leak nor break a report."""
    raw = os.fsencode(path).decode("utf-8", "replace")
    shown = raw if raw.isprintable() else "".join(ch if ch.isprintable() else "\ufffd" for ch in raw)
    return privacy.mask(shown)[0]


def _is_lock_file(name: str) -> bool:
    return name.startswith("~$") or name.startswith(".~lock.")


def _walk(top: str, entries: list[str], unreadable: list[str]) -> None:
    """Every entry under folder `top`, at any depth; a link to a folder is listed, not followed."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                children = list(it)
        except OSError:
            unreadable.append(folder)
            continue
        for entry in children:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            (folders if is_folder else entries).append(entry.path)


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Every entry under the given files and folders (folders recursively, symbolic links to folders
    listed but not followed), in a stable order. Nothing is left out: a pipe, a link or a folder that
    cannot be opened is listed too, and `read_case` says what it is."""
    found: list[str] = []
    for raw in paths:
        path = os.fspath(raw)
        if not os.path.isdir(path):
            found.append(path)
            continue
        entries: list[str] = []
        _walk(path, entries, entries)
        found.extend(sorted(entries))
    seen: set[str] = set()
    unique = []
    for p in found:
        key = os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            unique.append(Path(p))
    return unique


def _file_problem(path: Path, pad: str, explicit: bool) -> ReadResult | None:
    """A result for paths that are not workbooks to open, decided without parsing anything."""
    name = path.name
    if _is_lock_file(name):
        return ReadResult.rejected(
            pad,
            "bestand-vergrendeld",
            "Tijdelijk vergrendelingsbestand van Excel of LibreOffice (het bestand is open of was niet netjes "
            "gesloten); overgeslagen. Sluit de werkmap en verwijder dit bestand als het blijft staan.",
            overgeslagen=True,
        )
    if name.startswith(TEMP_PREFIX):
        return ReadResult.rejected(
            pad,
            "bestand-geen-casus",
            "Restant van een afgebroken schrijfactie van de rendementsmeter; overgeslagen. U mag het verwijderen.",
            overgeslagen=True,
        )
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            why = "Deze snelkoppeling wijst in een kring naar zichzelf"
        elif path.is_symlink():
            why = "Deze snelkoppeling wijst naar een bestand dat niet bestaat"
        elif exc.errno in (errno.EACCES, errno.EPERM):
            why = "U mag dit bestand of de map erboven niet openen"
        else:
            why = "Het bestand bestaat niet (meer) of kan niet geopend worden"
        return ReadResult.rejected(pad, "bestand-niet-gevonden", f"{why}; controleer het pad en de rechten.")
    if stat.S_ISDIR(info.st_mode):
        if path.is_symlink():
            return ReadResult.rejected(
                pad,
                "bestand-geen-casus",
                "Snelkoppeling naar een map; die wordt niet doorzocht (zo kan een map niet in zichzelf lussen). "
                "Geef de map zelf op als de casussen daarin mee moeten tellen.",
                overgeslagen=True,
            )
        return ReadResult.rejected(
            pad, "bestand-niet-gevonden", "Deze map kan niet geopend worden; controleer de rechten en probeer opnieuw."
        )
    if not stat.S_ISREG(info.st_mode):
        return ReadResult.rejected(
            pad,
            "bestand-geen-casus",
            "Geen gewoon bestand (bijvoorbeeld een pipe of apparaat); niet geopend en overgeslagen.",
            overgeslagen=True,
        )
    if not os.access(path, os.R_OK):
        return ReadResult.rejected(
            pad, "bestand-niet-gevonden", "U mag dit bestand niet lezen; vraag de eigenaar om leesrechten."
        )
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return None
    if suffix not in OTHER_SPREADSHEETS:
        if explicit:
            return ReadResult.rejected(
                pad,
                "bestand-formaat",
                f"Geen Excel-werkmap (extensie '{path.suffix or 'geen'}'); geef een .xlsx-casusbestand op.",
            )
        return ReadResult.rejected(
            pad, "bestand-geen-casus", "Geen werkmap (.xlsx); dit bestand in de map is overgeslagen.", overgeslagen=True
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(4 * guards.MB)
    except OSError:
        return ReadResult.rejected(
            pad, "bestand-niet-gevonden", "Het bestand kan niet gelezen worden; controleer de rechten."
        )
    kind = guards.sniff(head)
    if kind == "versleuteld" or (kind == "xls" or suffix == ".xls"):
        code, melding = _BY_CONTENT["versleuteld" if kind == "versleuteld" else "xls"]
        return ReadResult.rejected(pad, code, melding)
    what = "een csv-bestand" if suffix == ".csv" else f"een {suffix}-bestand"
    return ReadResult.rejected(
        pad, "bestand-formaat", f"Dit is {what}, geen casusbestand. Gebruik het sjabloon (.xlsx)."
    )


@lru_cache(maxsize=16384)
def _worth_a_look(text: str) -> bool:
    """Whether a text could hold personal data; the template's own texts are asked in every file."""
    return privacy.WORTH_A_LOOK.search(text) is not None


class _Reader(CasusSheet, LineSheets):
    """Reads one workbook into a Case, collecting findings."""

    inhoud = ""

    def read(self) -> ReadResult:
        result = self._read()
        result.inhoud = self.inhoud
        return result

    def _read(self) -> ReadResult:
        insp = guards.inspect(self.path, skip_sheets=UNREAD_SHEETS)
        if insp.data:
            self.inhoud = hashlib.sha256(insp.data).hexdigest()
        if not insp.ok:
            self.add(insp.code, insp.melding)
            return ReadResult(self.pad, None, self.findings)
        suffix = self.path.suffix.lower()
        if insp.kind not in guards.READABLE or (insp.kind == "ods" and suffix != ".ods"):
            code, melding = _BY_CONTENT.get(insp.kind, _BY_CONTENT["onbekend"])
            self.add(code, melding.format(suffix=self.path.suffix or "(geen extensie)"))
            return ReadResult(self.pad, None, self.findings)
        if insp.macros:
            self.add(
                "bestand-macro",
                "Het bestand bevat macro's (VBA); die worden nooit uitgevoerd en de gegevens zijn gewoon gelezen. "
                "Sla het op als Excel-werkmap (.xlsx) zonder macro's.",
            )
        self.formulas = insp.formulas
        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(insp.data))
        except python_calamine.PasswordError:
            self.add("bestand-versleuteld", _BY_CONTENT["versleuteld"][1])
            return ReadResult(self.pad, None, self.findings)
        except BaseException as exc:  # calamine raises several types, a Rust panic is a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            self.add(
                "bestand-onleesbaar",
                "Het bestand kan niet als werkmap gelezen worden (beschadigd of "
                "onvolledig). Open het in Excel of LibreOffice en sla het opnieuw op als .xlsx.",
            )
            return ReadResult(self.pad, None, self.findings, detail=traceback.format_exc())
        try:
            return self._read_workbook(workbook)
        finally:
            workbook.close()

    def _rows(self, workbook: Any, name: str, blad: str) -> list[list[Any]] | None:
        """All cells of sheet `name` (as in the file), from A1, personal data masked."""
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
            self.merged[name] = list(sheet.merged_cell_ranges or ())
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            self.add(
                "bestand-onleesbaar",
                f"Werkblad '{blad}' kan niet gelezen worden. Sla de werkmap opnieuw op als .xlsx.",
                blad=blad,
            )
            self.detail = traceback.format_exc()
            return None
        look = _worth_a_look
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if not value or (isinstance(value, str) and not look(value)):
                    continue  # most cells: empty, or text without a digit or an @
                masked, kinds = privacy.mask_value(value)
                if kinds:
                    row[c] = masked
                    self.add(
                        "persoonsgegevens",
                        f"Deze cel bevat {privacy.describe(kinds)}. Haal het uit het bestand en sla op: persoonsgegevens "
                        "horen niet in een casus (AVG). In alle uitvoer is het afgeschermd; de casus telt pas mee als "
                        "het eruit is.",
                        blad=blad,
                        cel=cell_name(r, c),
                    )
        return rows

    def _match_sheets(self, workbook: Any) -> list[str]:
        """Map spec sheet names to the names in the file; warn on other spellings and unknown sheets.
        Returns the spec sheets that are missing."""
        in_file = list(workbook.sheet_names)
        by_key: dict[str, str] = {}
        for n in in_file:
            by_key.setdefault(n.strip().casefold(), n)
        missing = []
        for name in spec.REQUIRED_SHEETS:
            actual = by_key.get(name.casefold())
            if actual is None:
                missing.append(name)
                continue
            self.names[name] = actual
            if actual != name:
                self.add(
                    "kop-afwijkend",
                    f"Werkblad '{privacy.mask(actual)[0]}' heet in het sjabloon '{name}'; het is gelezen. Geef het "
                    "blad de naam uit het sjabloon terug.",
                    blad=name,
                )
        return missing

    def _read_workbook(self, workbook: Any) -> ReadResult:
        names = {n.strip().casefold() for n in workbook.sheet_names}
        if not names & {s.casefold() for s in spec.REQUIRED_SHEETS}:
            if {"samenvatting", "regels", "bestanden"} <= names:
                self.add(
                    "bestand-geen-casus",
                    "Dit is een business case (uitvoer van rendementsmeter), geen "
                    "casus; overgeslagen. Zet de business case liever buiten de map met casussen.",
                )
                return ReadResult(self.pad, None, self.findings, overgeslagen=True)
            if "beoordeling" in names:
                self.add(
                    "bestand-geen-casus",
                    "Dit is een beoordelingsbestand (van `rendementsmeter review`), geen casus; overgeslagen. "
                    "Geef het mee met --beoordelingen en zet het liever buiten de map met casussen.",
                )
                return ReadResult(self.pad, None, self.findings, overgeslagen=True)
            shown = ", ".join(repr(privacy.mask(n)[0]) for n in workbook.sheet_names) or "geen bladen"
            self.add(
                "blad-ontbreekt",
                f"Dit is geen casusbestand: de bladen {', '.join(spec.REQUIRED_SHEETS)} ontbreken (de werkmap "
                f"heeft: {shown}). {NIEUW_SJABLOON}",
            )
            return ReadResult(self.pad, None, self.findings)
        missing = self._match_sheets(workbook)
        sheets = {name: self._rows(workbook, actual, name) for name, actual in self.names.items()}
        self._other_sheets(workbook)
        for name in missing:
            shown = ", ".join(repr(privacy.mask(n)[0]) for n in workbook.sheet_names)
            self.add(
                "blad-ontbreekt",
                f"Werkblad '{name}' ontbreekt; de werkmap heeft: {shown}. Is dit gemaakt met een oud "
                f"sjabloon of een ander bestand? {NIEUW_SJABLOON}",
                blad=name,
            )
        case = None
        structure_ok = not missing and all(rows is not None for rows in sheets.values())
        if sheets.get(spec.CASE_SHEET) is not None:
            case = self._read_case_sheet(sheets[spec.CASE_SHEET] or [])
        if structure_ok:
            for sheet in spec.LINE_SHEETS:
                structure_ok &= self._read_lines(sheet, sheets[sheet.name] or [], case)
        if not structure_ok:
            if self.versie_ouder():
                self.findings = [f for f in self.findings if f.code != "sjabloonversie-anders"]
                self.findings.insert(
                    0,
                    Finding(
                        self.pad,
                        "sjabloon-verouderd",
                        f"Dit bestand is gemaakt met sjabloonversie {self.sjabloonversie}; deze rendementsmeter leest "
                        f"versie {spec.SJABLOONVERSIE} en de indeling past niet meer (zie de bevindingen hieronder). "
                        f"{OVERZETTEN}",
                        blad=spec.CASE_SHEET,
                    ),
                )
            return self._done(None)
        if case is not None and not case.lines and not any(f.is_fout for f in self.findings):
            self.add(
                "casus-leeg",
                "De casus heeft geen regels op de bladen Inzet, Ingezette zorg en "
                "Vermeden zorg; vul minstens uw eigen inzet in.",
            )
        return self._done(case)

    def _other_sheets(self, workbook: Any) -> None:
        """Sheets that are not the template's: warned about, and checked for personal data."""
        for name in workbook.sheet_names:
            key = name.strip().casefold()
            if key in UNREAD_SHEETS or key in {s.casefold() for s in spec.REQUIRED_SHEETS}:
                continue
            shown, kinds = privacy.mask(name)
            if kinds:
                self.add(
                    "persoonsgegevens",
                    f"De naam van dit werkblad bevat {privacy.describe(kinds)}. Geef het blad een andere naam; "
                    "persoonsgegevens horen niet in een casus (AVG).",
                    blad=shown,
                )
            if key not in KNOWN_SHEETS:
                self.add(
                    "blad-onbekend",
                    f"Werkblad '{shown}' hoort niet bij het sjabloon en is niet gelezen (alleen gecontroleerd op "
                    "persoonsgegevens). Zet wat mee moet tellen op de bladen Inzet, Ingezette zorg of Vermeden zorg.",
                    blad=shown,
                )
            self._rows(workbook, name, shown)

    def _done(self, case: Case | None) -> ReadResult:
        if len(self.findings) > MAX_FINDINGS:
            rest = len(self.findings) - MAX_FINDINGS
            self.findings = self.findings[:MAX_FINDINGS]
            self.add("regels-afgekapt", f"Nog {rest} bevindingen niet getoond; los eerst de bovenstaande op.")
        return ReadResult(self.pad, case, self.findings, detail=self.detail)


def read_case(
    path: Path | str, prijslijst: Prijslijst, vandaag: date | None = None, explicit: bool = True
) -> ReadResult:
    """Read one case file into a ReadResult (a Case or None, plus findings). Never raises on bad data."""
    p = Path(path)
    pad = display_pad(p)
    result = _file_problem(p, pad, explicit)
    if result is None:
        try:
            result = _Reader(p, pad, prijslijst, vandaag or date.today()).read()
        except Exception:  # a bug of ours must not end the batch: the file is rejected, with the trace
            result = ReadResult.rejected(
                pad,
                "bestand-leesfout",
                "Bij het lezen van dit bestand ging in de rendementsmeter iets mis; het telt niet mee. Draai "
                "opnieuw met --debug en meld de melding bij de beheerder.",
            )
            result.detail = traceback.format_exc()
    named = _name_finding(p, pad)
    if named is not None:
        result.findings.insert(0, named)
    return result


def _name_finding(path: Path, pad: str) -> Finding | None:
    """The finding for personal data in the file's path (it depends on the path, not on the bytes)."""
    kinds = privacy.mask(os.fsencode(path).decode("utf-8", "replace"))[1]
    if not kinds:
        return None
    return Finding(
        pad,
        "persoonsgegevens",
        f"De naam van het bestand of van een map erboven bevat {privacy.describe(kinds)}. Hernoem het "
        "(bijvoorbeeld naar het casusnummer); in alle uitvoer is de naam afgeschermd.",
    )


# -- batches: in worker processes, one pool for containment and speed ---------------------------
_WORKER: dict[str, Any] = {}


def _worker_init(prijslijst: Prijslijst, vandaag: date) -> None:
    _WORKER.update(prijslijst=prijslijst, vandaag=vandaag)


def _worker_read(item: tuple[Path, bool]) -> ReadResult:
    path, explicit = item
    return read_case(path, _WORKER["prijslijst"], _WORKER["vandaag"], explicit=explicit)


def _lost(pad: str, outcome: isolation.Outcome) -> ReadResult:
    limit = isolation.SETTINGS.seconds_per_file
    if outcome.error == isolation.TIMEOUT:
        finding = Finding(
            pad,
            "bestand-te-traag",
            f"Het lezen duurde langer dan {limit:g} {'seconde' if limit == 1 else 'seconden'} en is afgebroken; een "
            "casus leest in minder dan een "
            "seconde. Open het bestand in Excel of LibreOffice en sla het opnieuw op, of vul de casus in een nieuw "
            "sjabloon in. De andere bestanden zijn wel gelezen.",
        )
    else:
        finding = Finding(
            pad,
            "bestand-leesfout",
            "Het lezen van dit bestand brak af: het programma dat werkmappen leest stopte onverwacht. De andere "
            "bestanden zijn wel gelezen. Open het in Excel of LibreOffice en sla het opnieuw op als .xlsx; blijft "
            "het misgaan, vul de casus dan in een nieuw sjabloon in.",
        )
    return ReadResult(pad, None, [finding], detail=outcome.detail)


def _stat(path: Path) -> os.stat_result | None:
    """The file's stat (following links) when it is a regular file, else None."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def _is_export(path: Path) -> bool:
    """A pooled export of `rendementsmeter export` (.parquet, or .csv starting with its header)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return True
    if suffix != ".csv" or not path.is_file():
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(64).lstrip(b"\xef\xbb\xbf").startswith(b"organisatie,casus_id,")
    except OSError:
        return False


def read_cases(
    paths: Iterable[Path | str],
    prijslijst: Prijslijst,
    vandaag: date | None = None,
    cache: CaseCache | Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[ReadResult]:
    """Read files and folders of cases: one result per file found, in a stable order, nothing left out.
    Flags the same file reached twice (a link) and a Casusnummer used in more than one file.

    Pooled exports (.parquet, or an export .csv) give one result per case. With `cache` (a CaseCache or
    the path of its SQLite file) unchanged files are not read again; the cache never changes a result.
    `progress(done, total)` follows the reading of the files that are not in the cache."""
    given = [Path(p) for p in paths]
    explicit = {os.path.abspath(p) for p in given if not p.is_dir()}
    vandaag = vandaag or date.today()
    found = discover(given)
    started = time.time_ns()  # a file changed after this may have been hashed before its change
    stats = {p: _stat(p) for p in found}
    first: dict[tuple[int, int], Path] = {}
    for p in found:
        info = stats[p]
        if info is not None:
            ident = (info.st_dev, info.st_ino)
            if ident not in first or (first[ident].is_symlink() and not p.is_symlink()):
                first[ident] = p  # a real file before a link to it

    def original(p: Path) -> Path:
        info = stats[p]
        return p if info is None else first[(info.st_dev, info.st_ino)]

    todo = [p for p in found if original(p) == p]
    exports = {p: read_export(p, set(prijslijst.items)) for p in todo if _is_export(p)}
    todo = [p for p in todo if p not in exports]
    pads = {p: display_pad(p) for p in todo}
    absolute = {p: os.path.abspath(p) for p in todo}
    regular = {p: info for p in todo if (info := stats[p]) is not None}
    store = _open_cache(cache)
    cached: dict[Path, ReadResult] = {}
    hashes: dict[Path, str] = {}
    context = context_key(prijslijst.versie, vandaag) + f"|{LEESVERSIE}"

    def key(p: Path, content: str) -> str:  # the same bytes as .ods or .xlsx read differently
        return CaseCache.key(content, f"{context}|{p.suffix.lower()}")

    if store is not None:
        known = store.known_hashes({absolute[p]: stamp(info) for p, info in regular.items()})
        fresh = []
        for p, info in regular.items():
            if absolute[p] in known:
                hashes[p] = known[absolute[p]]
                continue
            try:
                hashes[p] = content_hash(p)
            except OSError:
                continue  # unreadable: the normal path reports it
            fresh.append((absolute[p], info, hashes[p]))
        store.remember(fresh, started)
        hits = store.get_many([key(p, h) for p, h in hashes.items()], [pads[p] for p in hashes])
        cached = {p: r for p, r in zip(hashes, hits, strict=True) if r is not None}
        for p, r in cached.items():  # stored without it: it depends on the path, not on the bytes
            named = _name_finding(p, pads[p])
            if named is not None:
                r.findings.insert(0, named)
    items = [(p, absolute[p] in explicit) for p in todo if p not in cached]
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if progress is not None:
            progress(done[0], len(items))

    step(0)
    read: list[ReadResult] = []
    if isolation.use_pool(len(items)):
        try:
            outcomes = isolation.run_all(
                _worker_read, items, init=_worker_init, initargs=(prijslijst, vandaag), progress=step
            )
            read = [o.value if not o.error else _lost(pads[p], o) for (p, _), o in zip(items, outcomes, strict=True)]
        except isolation.PoolUnavailable as exc:  # the guards still protect the in-process reading
            log.debug("geen werkprocessen, lezen in dit proces: %s", exc)
    if len(read) != len(items):
        read, done[0] = [], 0
        for p, e in items:
            read.append(read_case(p, prijslijst, vandaag, explicit=e))
            step(1)
    by_path = dict(zip([p for p, _ in items], read, strict=True))
    if store is not None:
        # stored before the batch-level checks below add their findings; under the hash of the bytes
        # that were actually read (the file may have changed since it was hashed above)
        # only readings of bytes that were actually read, stored under the hash of those very bytes
        # (the file may have changed since it was hashed above), without the finding about the path
        stored = []
        for p, r in by_path.items():
            if r.inhoud and not r.detail:
                named = _name_finding(p, pads[p])
                findings = [f for f in r.findings if f != named]
                stored.append((key(p, r.inhoud), replace(r, findings=findings)))
        store.put_many(stored)
        store.remember(
            [(absolute[p], regular[p], r.inhoud) for p, r in by_path.items() if r.inhoud and p in regular], started
        )
        store.close()
    pool = ValuePool()  # (the cache shares values as it decodes)
    for r in by_path.values():
        if r.case is not None:
            pool.case(r.case)
    by_path.update(cached)
    results = []
    for p in found:
        if p in exports:
            results.extend(exports[p])
            continue
        if p in by_path:
            results.append(by_path[p])
            continue
        pad = display_pad(p)
        results.append(
            ReadResult.rejected(
                pad,
                "bestand-dubbel",
                f"Dit is hetzelfde bestand als {display_pad(original(p))} (via een snelkoppeling "
                "of een tweede naam); dat is één keer gelezen, deze keer overgeslagen.",
                overgeslagen=True,
            )
        )
    if exports and len(results) > sum(len(v) for v in exports.values()):
        workbooks = any(r.case is not None and "#" not in r.pad for r in results)
        for p, cases in exports.items():
            if workbooks and cases:
                cases[0].findings.append(Finding(
                    cases[0].pad, "export-naast-casussen",
                    f"De export {display_pad(p)} wordt samen met casusbestanden gelezen. Zijn het dezelfde casussen "
                    "(van uw eigen organisatie), dan tellen ze dubbel: haal de export of de casusbestanden uit de "
                    "map.",
                ))  # fmt: skip
    for res in results:
        if res.detail:
            log.debug("%s:\n%s", res.pad, res.detail)
    _flag_duplicate_numbers(results)
    return results


def _open_cache(cache: CaseCache | Path | str | None) -> CaseCache | None:
    if cache is None or isinstance(cache, CaseCache):
        return cache
    return CaseCache(cache)


def _flag_duplicate_numbers(results: list[ReadResult]) -> None:
    by_number: dict[str, list[ReadResult]] = defaultdict(list)
    for res in results:
        if res.case is not None:
            by_number[res.case.casusnummer.casefold()].append(res)
    for group in by_number.values():
        if len(group) < 2:
            continue
        for res in group:
            others = ", ".join(o.pad for o in group if o is not res)
            number = res.case.casusnummer if res.case else ""
            res.findings.append(
                Finding(
                    res.pad,
                    "casusnummer-dubbel",
                    f"Casusnummer '{number}' staat ook in {others}. Geef elke casus een eigen nummer, of verwijder "
                    "de dubbele kopie; beide blijven buiten de business case tot dit is opgelost.",
                    blad=spec.CASE_SHEET,
                )
            )
