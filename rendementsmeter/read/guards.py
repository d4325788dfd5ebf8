"""Guards: look at a file before any spreadsheet parser does.

python-calamine parses in Rust. On some hostile files it does not raise but aborts the whole process
(a `memory allocation of ... bytes failed` that no `except` can catch): a shared-strings part that
declares four billion strings, a cell at XFD1048576 next to one at A1, a zip bomb, an OpenDocument
row repeated a million times. So every workbook is checked here first, in plain Python and within
fixed bounds, on the very bytes that are later parsed (no second read, so nothing can change between
check and parse):

- the file size on disk and, from the zip central directory, the number of parts and their declared
  uncompressed sizes (a lying size is cut off by `zipfile` and then fails its CRC);
- every part, whatever its name, for a DTD or entity declaration (billion laughs, external entities):
  Excel never writes one;
- declared `count` / `uniqueCount` attributes, and the cell extent of every sheet (rows x columns
  from A1, as the reader asks calamine for it);
- macros (VBA) and the kind of file behind the name (xlsx, xlsm, ods, docx, csv, old .xls, encrypted).

What the guards cannot foresee is contained by reading in worker processes (`isolation.py`).

Before the first file is inspected, every XML parser of the Python standard library is defused
(`defuse`, `defusedxml.defuse_stdlib()`); openpyxl uses defusedxml by itself when it is installed.
"""

from __future__ import annotations

import html
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rendementsmeter.read import privacy
from rendementsmeter.read.cells import FormulaCells, ods_cells, sheet_cells


@cache
def defuse() -> None:
    """Defuse every XML parser of the Python standard library, once per process: called before a file
    is inspected, so before any parser could see one. Not on import: defusedxml.defuse_stdlib loads some
    twenty XML, HTTP and e-mail modules (0,1 s of every start), and a re-run from the cache reads no file."""
    import defusedxml

    with warnings.catch_warnings():  # it imports the deprecated defusedxml.cElementTree
        warnings.simplefilter("ignore", DeprecationWarning)
        defusedxml.defuse_stdlib()


MB = 1024 * 1024


@dataclass
class Limits:
    """Bounds per file. A case file is about 50 kB; these leave room for 10,000 filled rows."""

    file_bytes: int = 50 * MB  #: size on disk
    parts: int = 1000  #: entries in the zip
    part_bytes: int = 100 * MB  #: declared uncompressed size of one part
    total_bytes: int = 200 * MB  #: declared uncompressed size of all parts together
    cells: int = 2_000_000  #: rows x columns of one sheet, counted from A1
    count: int = 5_000_000  #: any declared count (shared strings, styles, ...)


LIMITS = Limits()

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
#: Parts of an xlsx that python-calamine does not read (unless the workbook points at them).
_NEVER_PARSED = ("docProps/", "xl/theme/", "xl/media/", "xl/printerSettings/", "customXml/")

#: What a file is, by content. Workbook kinds the reader can parse: xlsx, xlsm, ods.
READABLE = {"xlsx", "xlsm", "ods"}


@dataclass
class Inspection:
    """The verdict on one file: what it is, whether it may be parsed, and what the parser won't say."""

    kind: str  #: xlsx | xlsm | ods | xlsb | docx | odf | zip | versleuteld | xls | tekst | leeg | onbekend
    data: bytes = b""  #: the file's bytes, for the parser (only when readable)
    code: str = ""  #: a finding code when the file must not be parsed
    melding: str = ""
    macros: bool = False
    #: the sheets (names casefolded) whose cells were not checked: the parser must not be asked for them
    skipped: frozenset[str] = frozenset()
    #: sheet name -> the cells holding a formula, asked per column (xlsx only)
    formulas: dict[str, FormulaCells] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.code


def _refuse(kind: str, code: str, melding: str) -> Inspection:
    return Inspection(kind, code=code, melding=melding)


def sniff(head: bytes) -> str:
    """The kind of a non-zip file from its first bytes: versleuteld, xls, leeg, tekst or onbekend."""
    if not head:
        return "leeg"
    if head.startswith(OLE_MAGIC):
        return "versleuteld" if _ENCRYPTED in head else "xls"
    sample = head[:4096]
    if b"\x00" not in sample:
        try:
            sample.decode("utf-8")
            return "tekst"
        except UnicodeDecodeError as exc:
            if exc.start > len(sample) - 4:  # a multi-byte character cut off at the end of the sample
                return "tekst"
        if all(b >= 9 for b in sample):  # cp1252 text, as Excel saves csv
            return "tekst"
    return "onbekend"


_COUNT_RE = re.compile(rb"[cC]ount\s*=\s*[\"']\s*(\d+)")


def _n(number: int) -> str:
    """Dutch thousands separator: 4.000.000."""
    return f"{number:,}".replace(",", ".")


def _as_utf8(data: bytes) -> bytes:
    """XML parts in UTF-16 (with a byte order mark) would hide a DTD from a byte search."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


#: where `<` may stand for something other than markup: comments, CDATA and processing instructions
_NOT_MARKUP_RE = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
#: a start tag's attributes may hold a '>' inside quotes
_ATTRS = rb"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_SHEET_TAG_RE = re.compile(rb"<(?:[\w.-]+:)?sheet\s" + _ATTRS + rb">")
_REL_TAG_RE = re.compile(rb"<(?:[\w.-]+:)?Relationship\s" + _ATTRS + rb">")
_ATTR_RE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attrs(raw: bytes) -> dict[str, str]:
    return {
        k.decode("ascii", "replace"): html.unescape((a or b).decode("utf-8", "replace"))
        for k, a, b in _ATTR_RE.findall(raw)
    }


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> tuple[dict[str, str], set[str], set[str]]:
    """Part name -> sheet name, and every part the workbook refers to, from xl/workbook.xml and its
    relationships. Read with regexes, not an XML parser: a parser costs more than all other checks of a
    file together. Comments, CDATA and processing instructions are taken out first, so that every
    `<sheet` left is a real tag. The map decides which parts go unchecked (sheets the reader never asks
    for), so it errs on the safe side: a part that two sheets point to, or any relationship id used
    twice, leaves the part(s) out of the map, and a part that is not in the map is always checked."""
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}, set(), set()
    workbook = _NOT_MARKUP_RE.sub(b"", _as_utf8(zf.read("xl/workbook.xml")))
    rels = _NOT_MARKUP_RE.sub(b"", _as_utf8(zf.read("xl/_rels/workbook.xml.rels")))
    targets: dict[str | None, str] = {}
    ids: list[str | None] = []
    for raw in _REL_TAG_RE.findall(rels):
        attrs = _attrs(raw)
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        ids.append(attrs.get("Id"))
        targets[attrs.get("Id")] = target
    if len(set(ids)) != len(ids):
        return {}, set(targets.values()), set()
    out: dict[str, str] = {}
    ambiguous: set[str] = set()
    hidden: set[str] = set()
    for raw in _SHEET_TAG_RE.findall(workbook):
        attrs = _attrs(raw)
        ids = [v for k, v in attrs.items() if k.endswith(":id")]
        if len(ids) != 1 or "r:id" not in attrs:  # not as Excel and LibreOffice write it: check all
            return {}, set(targets.values()), set()
        rid = ids[0]
        if rid in targets and attrs.get("name"):
            part = targets[rid]
            if part in out and out[part] != attrs["name"]:
                ambiguous.add(part)
            out[part] = attrs["name"]
            if attrs.get("state") in ("hidden", "veryHidden"):
                hidden.add(part)
    return {k: v for k, v in out.items() if k not in ambiguous}, set(targets.values()), hidden - ambiguous


def inspect(
    path: Path,
    limits: Limits = LIMITS,
    skip_sheets: frozenset[str] = frozenset(),
    skip_hidden: frozenset[str] = frozenset(),
) -> Inspection:
    """Read `path` once and decide whether a parser may see it. Never raises on bad content.

    `skip_sheets`: names (casefolded) of sheets the caller will not ask the parser for; their cells
    are not counted (the parser never reads them), everything else is still checked. `skip_hidden`:
    the same, but only when the workbook marks that sheet hidden (a visible sheet of that name is
    someone's own and is checked). `Inspection.skipped` says which sheets were left unchecked."""
    defuse()
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            return _refuse(
                "onbekend",
                "bestand-te-groot",
                f"Het bestand is {size / MB:.0f} MB; een casusbestand is hooguit {limits.file_bytes // MB} MB. "
                "Is dit wel een casus? Sla de casus op in een nieuw sjabloon.",
            )
        with open(path, "rb") as fh:
            data = fh.read(limits.file_bytes + 1)
    except OSError:
        return _refuse(
            "onbekend",
            "bestand-niet-gevonden",
            "Het bestand kan niet gelezen worden; controleer of het bestaat en of u het mag lezen.",
        )
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Inspection(sniff(data[: 4 * MB]))
    try:
        return _inspect_zip(data, limits, skip_sheets, skip_hidden)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        return _refuse(
            "zip",
            "bestand-onleesbaar",
            "Het bestand is beschadigd of onvolledig, bijvoorbeeld half gekopieerd of "
            "afgebroken bij het opslaan. Open het in Excel of LibreOffice en sla het opnieuw op als .xlsx.",
        )
    except RuntimeError as exc:  # zipfile: 'File ... is encrypted, password required'
        if "encrypted" not in str(exc):
            raise
        return _refuse("versleuteld", "bestand-versleuteld", "Het zip-bestand is met een wachtwoord beveiligd.")


def _inspect_zip(data: bytes, limits: Limits, skip_sheets: frozenset[str], skip_hidden: frozenset[str]) -> Inspection:
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    names = {i.filename for i in infos}
    total = sum(i.file_size for i in infos)
    biggest = max((i.file_size for i in infos), default=0)
    if len(infos) > limits.parts or total > limits.total_bytes or biggest > limits.part_bytes:
        return _refuse(
            "zip",
            "bestand-te-groot",
            f"Uitgepakt zou dit bestand {_n(total // MB)} MB zijn (in {len(infos)} delen); een casusbestand is "
            "minder dan 1 MB. Het is niet gelezen: het is beschadigd of gemaakt om programma's te laten "
            "vastlopen (een zip-bom). Vraag de werker de casus in een nieuw sjabloon in te vullen.",
        )
    seen: dict[str, str] = {}
    for i in infos:  # part names are case-insensitive (OPC); a zip may hold one name twice
        key = i.filename.replace("\\", "/").lstrip("/").casefold()
        if key in seen:
            first, second = (privacy.shown(n, 80) for n in (seen[key], i.filename))
            return _refuse(
                "zip",
                "bestand-dubbel-deel",
                f"Het onderdeel '{first}' staat twee keer in dit bestand (ook als '{second}'); Excel en LibreOffice "
                "maken dat nooit en programma's lezen dan elk een andere kopie. Het is niet gelezen. Open het in "
                "Excel of LibreOffice en sla het opnieuw op, of vul de casus in een nieuw sjabloon in.",
            )
        seen[key] = i.filename
    kind = "zip"
    if "mimetype" in names:
        kind = "ods" if zf.read("mimetype").strip() == _ODS_MIME else "odf"
    elif "xl/workbook.xml" in names:
        kind = "xlsx"
    elif "xl/workbook.bin" in names:
        kind = "xlsb"
    elif "word/document.xml" in names:
        kind = "docx"
    macros = any(n.lower().endswith("vbaproject.bin") or n.startswith("Basic/") for n in names)
    if kind == "xlsx" and macros:
        kind = "xlsm"
    sheets, related, hidden = _sheet_parts(zf, names) if kind in ("xlsx", "xlsm") else ({}, set(), set())
    skipped: set[str] = set()
    formulas: dict[str, FormulaCells] = {}
    for info in infos:
        if info.is_dir() or info.file_size == 0:
            continue
        sheet = sheets.get(info.filename, "").strip().casefold()
        if sheet and (sheet in skip_sheets or (sheet in skip_hidden and info.filename in hidden)):
            skipped.add(sheet)
            continue  # the caller never asks the parser for this sheet
        if info.filename.startswith(_NEVER_PARSED) and info.filename not in related:
            continue  # no parser ever reads this part
        part = _as_utf8(zf.read(info))
        if b"<!" in part and (b"<!DOCTYPE" in part or b"<!ENTITY" in part):
            return _refuse(
                kind,
                "bestand-onveilig",
                f"Het onderdeel '{info.filename}' van dit bestand bevat een DTD of entiteiten, die Excel en "
                "LibreOffice nooit maken (zo werken 'billion laughs'- en XXE-aanvallen). Het is niet gelezen. "
                "Vraag de werker de casus in een nieuw sjabloon in te vullen.",
            )
        counts = [int(c) for c in _COUNT_RE.findall(part)] if b"sst" in part else []
        if counts and max(counts) > limits.count:
            return _refuse(
                kind,
                "bestand-te-groot",
                f"Het onderdeel '{info.filename}' zegt {_n(max(counts))} elementen te bevatten; zoveel past niet in "
                "een casusbestand. Het is niet gelezen (beschadigd of gemaakt om programma's te laten vastlopen). "
                "Vraag de werker de casus in een nieuw sjabloon in te vullen.",
            )
        if kind in ("ods", "odf") and info.filename == "content.xml":
            cells, found = ods_cells(part), None
        elif b"<sheetData" in part or b":sheetData" in part:
            cells, found = sheet_cells(part, limits.cells)
        else:
            continue
        name = f"Werkblad '{sheets[info.filename]}'" if info.filename in sheets else "Een werkblad"
        if cells > limits.cells:
            return _refuse(
                kind,
                "bestand-te-groot",
                f"{name} beslaat {_n(cells)} cellen (vanaf A1 tot de verste gevulde cel); een casus "
                f"heeft er hooguit {_n(limits.cells)}. Staat er iets ver weg op het blad, bijvoorbeeld in de "
                "laatste rij of kolom? Verwijder dat en sla opnieuw op.",
            )
        if found is not None and info.filename in sheets:
            formulas[sheets[info.filename]] = found
    return Inspection(kind, data=data, macros=macros, skipped=frozenset(skipped), formulas=formulas)
