"""Finding the files of a batch and judging, without parsing, what each path is.

`discover` lists every entry under the given files and folders; `file_problem` turns a path that is
not a workbook to open (a lock file, a link in a circle, a pipe, a csv) into a result with a finding;
`display_pad` is how a path is shown in every output. Nothing here imports a spreadsheet parser or
pandas: `rendementsmeter check` starts with this module (start-up speed).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import ReadResult
from rendementsmeter.core.output import TEMP_PREFIX, path_text
from rendementsmeter.read import guards, privacy

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
OTHER_SPREADSHEETS = {".xls", ".xlsb", ".csv", ".numbers"}

BY_CONTENT = {
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
    raw = path_text(path)
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


_HERE = "." + os.sep


def discover(paths: Iterable[Path | str]) -> dict[str, str]:
    """Every entry under the given files and folders (folders recursively, symbolic links to folders
    listed but not followed), in a stable order, each with its absolute path (os.path.abspath). Nothing
    is left out: a pipe, a link or a folder that cannot be opened is listed too, and `read_case` says
    what it is.

    Each entry is the text of its path as pathlib writes it (`str(Path(entry))`), without a Path object
    per file (10.000 of them, and the dictionaries keyed by them, cost a re-run a tenth of a second): a
    given path is normalised by pathlib once, and an entry under it is that text, a separator and a name,
    which is what pathlib makes of it too (only the folder `.` gives `./name`, which pathlib writes as
    `name`)."""
    found: list[str] = []
    for raw in paths:
        path = str(Path(raw))
        if not os.path.isdir(path):
            found.append(path)
            continue
        entries: list[str] = []
        _walk(path, entries, entries)
        if path == ".":  # "./name" (os.path.join) is "name" (pathlib); "." itself (unreadable) stays
            entries = [e[2:] if e.startswith(_HERE) else e for e in entries]
        found.extend(sorted(entries))
    unique: dict[str, str] = {}
    absolute = _absolute_in() if os.name == "posix" else os.path.abspath
    seen: set[str] = set()
    for p in found:
        key = absolute(p)
        if key not in seen:
            seen.add(key)
            unique[p] = key
    return unique


def suffix(path: str) -> str:
    """The suffix of a path's name as pathlib's PurePath.suffix gives it (`.xlsx`; none for `.hidden` or
    `name.`), without making a Path."""
    name = os.path.basename(path)
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _absolute_in() -> Callable[[str], str]:
    """os.path.abspath on POSIX, with the working folder asked once, when a relative path first needs
    it (10.000 files asked it 10.000 times; absolute paths never need it)."""
    cwd: list[str] = []

    def absolute(path: str) -> str:
        if os.path.isabs(path):
            return os.path.normpath(path)
        if not cwd:
            cwd.append(os.getcwd())
        return os.path.normpath(os.path.join(cwd[0], path))

    return absolute


def file_problem(path: Path, pad: str, explicit: bool) -> ReadResult | None:
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
        code, melding = BY_CONTENT["versleuteld" if kind == "versleuteld" else "xls"]
        return ReadResult.rejected(pad, code, melding)
    what = "een csv-bestand" if suffix == ".csv" else f"een {suffix}-bestand"
    return ReadResult.rejected(
        pad, "bestand-formaat", f"Dit is {what}, geen casusbestand. Gebruik het sjabloon (.xlsx)."
    )


def name_finding(path: Path | str, pad: str) -> Finding | None:
    """The finding for personal data in the file's path (it depends on the path, not on the bytes)."""
    return _name_finding(pad, privacy.mask(path_text(path))[1])


def pad_and_name_finding(path: Path | str, known: dict[str, tuple[str, list[str]]] | None = None
                         ) -> tuple[str, Finding | None]:  # fmt: skip
    """display_pad and name_finding of one path, with one privacy scan when the path is printable (the
    two scans of the same text cost a batch of 10,000 cached files a fifth of its reading). `known`:
    the masks of printable path texts scanned before (a cache's), used and added to."""
    raw = path_text(path)
    if not raw.isprintable():
        pad = display_pad(path)
        return pad, name_finding(path, pad)
    if known is None:
        pad, kinds = privacy.mask(raw)
    elif raw in known:
        pad, kinds = known[raw]
    else:
        pad, kinds = known[raw] = privacy.mask(raw)
    return pad, _name_finding(pad, kinds)


def _name_finding(pad: str, kinds: list[str]) -> Finding | None:
    if not kinds:
        return None
    return Finding(
        pad,
        "persoonsgegevens",
        f"De naam van het bestand of van een map erboven bevat {privacy.describe(kinds)}. Hernoem het "
        "(bijvoorbeeld naar het casusnummer); in alle uitvoer is de naam afgeschermd.",
    )


def regular_stat(path: Path | str) -> os.stat_result | None:
    """The file's stat (following links) when it is a regular file, else None."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def is_export(path: Path | str) -> bool:
    """A pooled export of `rendementsmeter export` (.parquet, or .csv starting with its header)."""
    kind = suffix(os.fspath(path)).lower()
    if kind == ".parquet":
        return True
    if kind != ".csv" or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(64).lstrip(b"\xef\xbb\xbf").startswith(b"organisatie,casus_id,")
    except OSError:
        return False
