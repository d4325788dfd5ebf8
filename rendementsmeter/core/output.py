"""Safe output: never a half-written file, never an input file overwritten, never a file the tool did
not write replaced without being asked."""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rendementsmeter.core.findings import escape_controls

#: Money in workbooks. The [$-413] (nl-NL) tag makes LibreOffice show Dutch separators (€ 1.234,56)
#: whatever its UI language; Excel shows the separators of the user's (Dutch) system.
XLSX_MONEY = "[$-413]€ #,##0.00;[$-413]€ -#,##0.00"

XLSX_OPTIONS = {
    # user text is data, never a formula, link or number
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

#: Name prefix of the temporary file next to the target; the reader skips leftovers of a killed run.
TEMP_PREFIX = ".~rendementsmeter-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it over the target on success.

    On any failure (an exception, Ctrl-C) the temporary file is removed and an existing target is left
    as it was: a reader of the target sees the old file or the complete new one, never half of one.
    The new file gets the permissions a normally created file would get (mkstemp makes it 0600)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as fh:  # on disk before the rename, so a crash cannot leave it empty
            os.fsync(fh.fileno())
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


# -- what may be written over ---------------------------------------------------------------------
#: Title and author the tool puts in the properties of the workbooks it writes: how it recognises its
#: own earlier output (a file saved since in Excel has another 'last modified by' and is not replaced).
AUTEUR = "rendementsmeter"
TITEL_BUSINESSCASE = "Business case sociaal werk"
TITEL_BEOORDELING = "Beoordeling van schattingen"
#: The HTML report says who made it in its head.
HTML_GENERATOR = '<meta name="generator" content="rendementsmeter">'
#: First column names of the CSV files the tool writes (an export, the line list beside a workbook).
EXPORT_CSV_HEAD = b"organisatie,casus_id,"


def regels_csv_path(target: Path) -> Path:
    """Where the line list of a very large business case goes: next to the workbook."""
    return target.with_name(target.stem + "-regels.csv")


#: A CSV cell starting with one of these is a formula (or becomes one) when Excel opens the file.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """A text for a CSV cell that Excel will show as text: one starting with = + - @, tab or CR gets a
    leading apostrophe (the usual rule against formula injection)."""
    guarded = text.startswith(FORMULA_START) or (text.startswith("'") and csv_unsafe(text) != text)
    return "'" + text if guarded else text


def csv_unsafe(text: str) -> str:
    """`csv_safe` undone, for a CSV the tool reads back."""
    if text.startswith("''"):
        return text[1:] if csv_unsafe(text[1:]) != text[1:] else text
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def path_text(path: Path | str) -> str:
    """A path as text: its bytes read as UTF-8, bytes that are not UTF-8 as U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def shown_path(path: Path | str) -> str:
    """A path as the terminal shows it: bytes that are not UTF-8 as U+FFFD, control characters escaped."""
    return escape_controls(path_text(path))


class UitvoerGeweigerd(Exception):
    """An output path the tool must not write to; the message (Dutch) says why and what to do."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _core_properties(path: Path) -> bytes:
    """docProps/core.xml of a workbook (at most 64 kB, never more): b'' when there is none."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 65_536:
                return b""
            return zf.read(info)
    except Exception:  # not a zip, damaged, a pipe...: not ours
        return b""


def own_workbook(path: Path, title: str) -> bool:
    """A workbook the tool wrote with this title and nobody saved since."""
    core = _core_properties(path)
    return (
        f"<dc:title>{title}</dc:title>".encode() in core
        and f"<dc:creator>{AUTEUR}</dc:creator>".encode() in core
        and f"<cp:lastModifiedBy>{AUTEUR}</cp:lastModifiedBy>".encode() in core
    )


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def own_html(path: Path) -> bool:
    return HTML_GENERATOR.encode() in _head(path)


def own_export(path: Path) -> bool:
    """An export of `rendementsmeter export`: CSV with its header, or Parquet with its columns."""
    if path.suffix.lower() == ".csv":
        return _head(path, 64).lstrip(b"\xef\xbb\xbf").startswith(EXPORT_CSV_HEAD)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(4)
            fh.seek(max(0, size - 65_536))
            tail = fh.read()
    except OSError:
        return False
    return head == b"PAR1" and tail.endswith(b"PAR1") and b"casus_id" in tail and b"organisatie" in tail


def _is_input(target: Path, inputs: list[Path], folders: bool) -> bool:
    """Whether `target` (an existing file) is one of the inputs: the same file as one given (also via a
    link or a second name) or, with `folders`, a file inside a folder that is read."""
    real = target.resolve()
    for p in inputs:
        if p.is_dir():
            if folders and real.is_relative_to(p.resolve()):
                return True
        elif _same_file(target, p):
            return True
    return False


def check_output(
    target: Path | str,
    inputs: list[Path | str],
    overschrijven: bool,
    ours: Callable[[Path], bool],
    option: str = "-o",
) -> list[str]:
    """Decide whether `target` may be written; raise UitvoerGeweigerd if not. Returns notes for the
    terminal (a folder that will be made).

    Never written, whatever the options: a file given as input; a file in a folder that is read, unless
    it is the tool's own earlier output of this kind (which the reader skips); a folder, pipe or device. An existing file is replaced only
    when it is recognisably the tool's own earlier output (`ours`) or with --overschrijven."""
    target = Path(target)
    paths = [Path(p) for p in inputs]
    exists = os.path.lexists(target)
    if exists and target.is_dir():
        raise UitvoerGeweigerd(f"{option} {shown_path(target)} is een map; geef een bestandsnaam op.")
    if exists and (not target.exists() or not stat.S_ISREG(target.stat().st_mode)):
        raise UitvoerGeweigerd(f"{option} {shown_path(target)} is geen gewoon bestand; kies een andere naam.")
    if exists:
        mine = ours(target)
        if _is_input(target, paths, folders=not mine):
            raise UitvoerGeweigerd(
                f"{option} {shown_path(target)} is ook een invoerbestand; de rendementsmeter schrijft nooit over invoer. "
                "Kies een andere naam."
            )
        if not mine and not overschrijven:
            raise UitvoerGeweigerd(
                f"{shown_path(target)} bestaat al en is geen eerdere uitvoer van de rendementsmeter (of is daarna bewerkt). "
                "Kies een andere naam, of gebruik --overschrijven als het weg mag."
            )
        return []
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UitvoerGeweigerd(
                    f"{option} {shown_path(target)}: {shown_path(parent)} is een bestand, geen map; kies een ander pad."
                )
            break
    if not target.parent.exists():
        return [f"Map {shown_path(target.parent)} bestaat nog niet; die wordt aangemaakt."]
    return []
