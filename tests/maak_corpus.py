"""A corpus of hostile and ugly case files, generated into a folder (at test time, in a tmp dir).

Each kind of bad file the rendementsmeter must survive, with the finding code it must give and the
status the file must get. Run it by hand to look at the files:

    python tests/maak_corpus.py /tmp/corpus

Kinds: not a zip, truncated, empty, encrypted, old .xls / .ods / .docx / .csv / macro workbook under an
.xlsx name, lock files, an empty workbook, sheets renamed / missing / extra / spelled otherwise,
headers shifted / renamed / spelled otherwise, merged cells, formulas where values belong, text in
number cells, negative / zero / huge numbers, dates as text, an older and a newer template version,
duplicate case numbers, 10,000 filled rows, zip bombs (declared size, declared count, a far cell),
billion laughs and external entities, names with spaces and non-ASCII characters and personal data,
links (to a file, to nothing, to a folder), a named pipe, an unreadable file, a business case in the
folder, a leftover temporary file. The real files made by other programs are in tests/data/.

Issue 13 added: personal data in every spelling (Unicode spaces and dashes, dots, slashes, any case,
full-width digits, a phone number typed as a number) in texts, posts, sheet names, fields and file names;
control characters in echoed values; sheets that differ from a template sheet only by case or spacing;
a zip with one part twice; text numbers that can be read more than one way; file names that are not
UTF-8. `PLANTED` lists every planted value: none may reach any output. `WEIGERINGEN` lists the output
and cache paths the command line must refuse (exit 2) without touching them.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from rendementsmeter.core.findings import cell_name
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.fill import CaseInput, fill_template

DATA = Path(__file__).parent / "data"
GOOD_INZET = [("INZ-SW-01", 10, "gesprekken en huisbezoeken")]
GOOD_VERMEDEN = [("ZVW-HA-01", 4, 75, "vaak bij de huisarts met vage klachten")]


@dataclass(frozen=True)
class Verwacht:
    """What reading a corpus file must give: this code among its findings, and this status."""

    code: str
    status: str  # opgenomen | afgewezen | overgeslagen


def col(kind: str, key: str) -> int:
    """1-based column of a line sheet's column, from the spec (as openpyxl counts)."""
    return spec.LINE_SHEET_BY_KIND[kind].keys.index(key) + 1


def cel(kind: str, key: str, row: int = spec.HEADER_ROW + 1) -> str:
    """The cell name of a line sheet column in a row (1-based), e.g. cel('vermeden', 'aantal') -> 'E5'."""
    return cell_name(row - 1, col(kind, key) - 1)


def case(template: Path, path: Path, casus: dict | None = None, inzet=None, ingezet=(), vermeden=None) -> Path:
    """A filled case as a worker would make it; valid unless told otherwise."""
    fields = {"casusnummer": re.sub(r"\W+", "-", path.stem).upper(), "domein": "ouderen/eenzaamheid"}
    fields["einddatum"] = date(2026, 3, 1)
    fields["afsluitreden"], fields["aandeel"] = "doel bereikt", 100
    fields.update(casus or {})
    fields = {k: v for k, v in fields.items() if v is not None}
    lines = CaseInput(
        fields,
        list(GOOD_INZET if inzet is None else inzet),
        list(ingezet),
        list(GOOD_VERMEDEN if vermeden is None else vermeden),
    )
    return fill_template(template, path, lines)


def edit(path: Path, fn) -> Path:
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)
    return path


# -- zip surgery ---------------------------------------------------------------------------------


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def sheet_part(members: dict[str, bytes], sheet: str) -> str:
    """The zip part name of a sheet, from workbook.xml and its relationships."""
    wb = members["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wb)
    if rid is None:
        rid = re.search(rf'<sheet [^>]*r:id="([^"]+)"[^>]*name="{re.escape(sheet)}"', wb)
    assert rid is not None, sheet
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    m = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels) or re.search(
        rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels
    )
    assert m is not None
    target = m.group(1)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def with_part(src: Path, dst: Path, name: str, data: bytes, rel_type: str = "", content_type: str = "") -> Path:
    """Copy of `src` with part `name` added (and registered, so a parser reads it)."""
    members = _members(src)
    members[name] = data
    if rel_type:
        members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="rIdX" Type="{rel_type}" Target="{name.removeprefix("xl/")}"/></Relationships>'.encode(),
        )
    if content_type:
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode()
        )
    return _write_zip(dst, members)


SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
)


def zip_bomb(src: Path, dst: Path, gigabytes: float = 1.2) -> Path:
    """A shared-string zip bomb: about 3.5 MB on disk, `gigabytes` of XML when unpacked (the kind that
    makes python-calamine abort the whole process). Built from one deflate block repeated, each after
    a full flush, so making it takes a second, not minutes; sizes and CRC are honest."""
    chunk = b"<si><t>" + b"a" * 50 + b"</t></si>"
    chunk *= 20_000
    repeats = int(gigabytes * 1e9 / len(chunk))
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(SST_HEAD + b">") + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    assert co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH) == block  # the trick: identical blocks
    tail = co.compress(b"</sst>") + co.flush()
    crc = zlib.crc32(SST_HEAD + b">")
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(b"</sst>", crc)
    size = len(SST_HEAD) + 1 + len(chunk) * repeats + 6
    bomb = ("xl/sharedStrings.xml", head + block * repeats + tail, crc, size)
    members = _members(src)
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdX" Type="{SST_REL}" Target="sharedStrings.xml"/></Relationships>'.encode(),
    )
    parts = []
    for name, data in members.items():
        co = zlib.compressobj(6, zlib.DEFLATED, -15)
        parts.append((name, co.compress(data) + co.flush(), zlib.crc32(data), len(data)))
    parts.append(bomb)
    with open(dst, "wb") as fh:
        central = b""
        for name, comp, crc_, usize in parts:
            offset = fh.tell()
            raw = name.encode()
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc_, len(comp), usize, len(raw), 0))
            fh.write(raw)
            fh.write(comp)
            central += struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc_,
                len(comp),
                usize,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            central += raw
        start = fh.tell()
        fh.write(central)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), start, 0))
    return dst


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b"]>"
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_dtd(src: Path, dst: Path, prolog: bytes, entity: str) -> Path:
    sst = prolog + SST_HEAD.split(b"?>", 1)[1] + f' count="1" uniqueCount="1"><si><t>&{entity};</t></si></sst>'.encode()
    return with_part(src, dst, "xl/sharedStrings.xml", sst, SST_REL, SST_TYPE)


def patch_sheet(src: Path, dst: Path, sheet: str, fn) -> Path:
    members = _members(src)
    part = sheet_part(members, sheet)
    members[part] = fn(members[part])
    return _write_zip(dst, members)


def _xml_cell(ref: str, style: str, value) -> bytes:
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>'.encode()
    if isinstance(value, date):
        value = (value - date(1899, 12, 30)).days
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'.encode()
    if value.startswith("="):
        return f'<c r="{ref}"{s}><f>{escape(value[1:])}</f></c>'.encode()
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'.encode()


def set_cells(src: Path, dst: Path, edits: dict[str, dict[str, object]], rename: dict[str, str | None] = None) -> Path:
    """Copy of `src` with cells set the way a spreadsheet program writes them: {sheet: {cell: value}}
    (a str starting with '=' is a formula, without a cached result), and sheets renamed or (None)
    removed. Each cell must already exist (the template writes every input cell)."""
    members = _members(src)
    for sheet, cells in edits.items():
        part = sheet_part(members, sheet)
        xml = members[part]
        for ref, value in cells.items():
            m = re.search(rf'<c r="{ref}"( [^>]*?)?(/>|>.*?</c>)'.encode(), xml, re.S)
            assert m is not None, (sheet, ref)
            style = re.search(rb's="(\d+)"', m.group(1) or b"")
            xml = xml[: m.start()] + _xml_cell(ref, style.group(1).decode() if style else "", value) + xml[m.end() :]
        members[part] = xml
    for old, new in (rename or {}).items():
        wb = members["xl/workbook.xml"]
        tag = re.search(rf'<sheet [^>]*name="{re.escape(old)}"[^>]*/>'.encode(), wb)
        assert tag is not None, old
        replacement = b"" if new is None else tag.group(0).replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
        members["xl/workbook.xml"] = wb.replace(tag.group(0), replacement)
    return _write_zip(dst, members)


def many_rows(src: Path, dst: Path, n: int = 10_000) -> Path:
    """`n` filled rows under the Vermeden zorg table, every one with a post that does not exist."""
    post, aantal, kans = (re.sub(r"\d", "", cel("vermeden", k)) for k in ("post", "aantal", "kans"))
    first = spec.HEADER_ROW + spec.INPUT_ROWS + 5
    rows = b"".join(
        (
            f'<row r="{r}"><c r="{post}{r}" t="inlineStr"><is><t>XX-{r}</t></is></c>'
            f'<c r="{aantal}{r}"><v>1</v></c><c r="{kans}{r}"><v>50</v></c></row>'
        ).encode()
        for r in range(first, first + n)
    )
    return patch_sheet(src, dst, "Vermeden zorg", lambda x: x.replace(b"</sheetData>", rows + b"</sheetData>"))


def with_sheet_copy(src: Path, dst: Path, sheet: str, new_name: str, before: bool, edits: dict[str, object]) -> Path:
    """Copy of `src` with a second sheet `new_name`: a copy of `sheet` with some cells set, listed before or
    after the real one (the attack: a sheet that differs from the template's only by case or spacing)."""
    tmp = set_cells(src, dst, {sheet: edits}) if edits else src
    members = _members(tmp)
    part = sheet_part(members, sheet)
    copy = "xl/worksheets/sheet99.xml"
    members[copy] = members[part]
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'worksheet" Target="worksheets/sheet99.xml"/></Relationships>',
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/worksheets/sheet99.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    if edits:  # the real sheet keeps its own values
        members[part] = _members(src)[part]
    wb = members["xl/workbook.xml"]
    tag = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*/>'.encode(), wb)
    assert tag is not None
    extra = f'<sheet name="{escape(new_name)}" sheetId="99" r:id="rId99"/>'.encode()
    both = extra + tag.group(0) if before else tag.group(0) + extra
    members["xl/workbook.xml"] = wb.replace(tag.group(0), both)
    return _write_zip(dst, members)


def with_duplicate_member(src: Path, dst: Path, name: str, data: bytes, spelled: str | None = None) -> Path:
    """Copy of `src` with part `name` a second time (as `spelled`, e.g. in capitals), holding `data`."""
    import warnings

    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        for member, content in _members(src).items():
            zf.writestr(member, content)
        zf.writestr(spelled or name, data)
    return dst


def ods(path: Path, content: str) -> Path:
    """A minimal OpenDocument spreadsheet."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Blad1">{content}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", body, compress_type=zipfile.ZIP_DEFLATED)
    return path


# -- the corpus ----------------------------------------------------------------------------------


def maak_corpus(folder: Path, template: Path, prijslijst) -> dict[str, Verwacht]:
    """Write the corpus into `folder` (made from `template`, a blank case template made with
    `prijslijst`, which must hold INZ-SW-01 and ZVW-HA-01) and return, per
    file name (relative to `folder`), what reading it must give. Takes a few seconds: one case is
    filled with openpyxl, the variants are made by setting cells in its XML."""
    folder.mkdir(parents=True, exist_ok=True)
    f = folder
    exp: dict[str, Verwacht] = {}
    ok, bad, skip = "opgenomen", "afgewezen", "overgeslagen"

    def expect(name: str, code: str, status: str) -> Path:
        exp[name] = Verwacht(code, status)
        return f / name

    good = case(template, f / "goed.xlsx")
    exp["goed.xlsx"] = Verwacht("", ok)
    raw = good.read_bytes()
    wb = openpyxl.load_workbook(good)
    ws = wb[spec.CASE_SHEET]
    casus_cel = {str(ws.cell(r, 1).value or "").rstrip(" *"): f"B{r}" for r in range(1, ws.max_row + 1)}
    header = spec.HEADER_ROW

    def variant(name: str, code: str, status: str, casus=None, vermeden=None, cells=None, rename=None) -> Path:
        """The good case with some cells set (and a case number of its own)."""
        edits: dict[str, dict[str, object]] = {spec.CASE_SHEET: {casus_cel["Casusnummer"]: Path(name).stem.upper()}}
        edits[spec.CASE_SHEET].update({casus_cel[k]: v for k, v in (casus or {}).items()})
        edits["Vermeden zorg"] = {cel("vermeden", k): v for k, v in (vermeden or {}).items()}
        for sheet, more in (cells or {}).items():
            edits.setdefault(sheet, {}).update(more)
        return set_cells(good, expect(name, code, status), edits, rename)

    def with_openpyxl(name: str, code: str, status: str, fn) -> Path:
        return edit(variant(name, code, status), fn)

    # files that are no workbook, or not the one their name says
    expect("niet-een-zip.xlsx", "bestand-onleesbaar", bad).write_bytes(bytes(range(256)) * 8)
    expect("afgekapt.xlsx", "bestand-onleesbaar", bad).write_bytes(raw[: len(raw) // 2])
    expect("leeg-0-bytes.xlsx", "bestand-onleesbaar", bad).write_bytes(b"")
    expect("csv-hernoemd.xlsx", "bestand-formaat", bad).write_text("Post;Aantal\nZVW-HA-01;4\n", encoding="utf-8")
    expect("lijst.csv", "bestand-formaat", bad).write_text("Post;Aantal\nZVW-HA-01;4\n", encoding="utf-8")
    shutil.copy(DATA / "xls-opgeslagen-als-xlsx.xlsx", expect("oud.xls", "bestand-xls", bad))
    shutil.copy(DATA / "xls-opgeslagen-als-xlsx.xlsx", expect("xls-hernoemd.xlsx", "bestand-xls", bad))
    shutil.copy(DATA / "ods-opgeslagen-als-xlsx.xlsx", expect("ods-hernoemd.xlsx", "bestand-formaat", bad))
    shutil.copy(DATA / "versleuteld-met-wachtwoord.xlsx", expect("versleuteld.xlsx", "bestand-versleuteld", bad))
    ods(expect("ods-zelfgemaakt-hernoemd.xlsx", "bestand-formaat", bad), "")
    _write_zip(expect("docx-hernoemd.xlsx", "bestand-formaat", bad), {"word/document.xml": b"<w:document/>"})
    _write_zip(expect("gewone-zip.xlsx", "bestand-formaat", bad), {"casus.txt": b"tekst"})
    expect("binair.xlsb", "bestand-formaat", bad).write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    for name in ("xlsm-hernoemd.xlsx", "echte-macro.xlsm"):
        made = variant(name, "bestand-macro", ok)
        _write_zip(made, _members(made) | {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    expect("~$goed.xlsx", "bestand-vergrendeld", skip).write_bytes(b"\x05werker" + b"\x00" * 150)
    expect(".~lock.goed.xlsx#", "bestand-vergrendeld", skip).write_text(",werker,pc,01.03.2026,", encoding="utf-8")
    expect(".~rendementsmeter-x1y2.xlsx", "bestand-geen-casus", skip).write_bytes(raw[:100])
    expect("notities.txt", "bestand-geen-casus", skip).write_text("bel maandag", encoding="utf-8")

    # workbooks with the wrong structure
    openpyxl.Workbook().save(expect("leeg-werkboek.xlsx", "blad-ontbreekt", bad))
    variant("blad-ontbreekt.xlsx", "blad-ontbreekt", bad, rename={"Inzet": None})
    variant("blad-hernoemd.xlsx", "blad-ontbreekt", bad, rename={"Vermeden zorg": "Vermeden kosten"})
    variant("blad-andere-schrijfwijze.xlsx", "kop-afwijkend", ok, rename={"Vermeden zorg": "vermeden ZORG "})
    with_openpyxl(
        "blad-extra.xlsx", "blad-onbekend", ok, lambda wb: wb.create_sheet("Notities").cell(1, 1, "huisarts gebeld")
    )
    with_openpyxl("kop-verschoven.xlsx", "kop-afwijkend", ok, lambda wb: wb["Vermeden zorg"].insert_rows(1, 3))
    variant("kop-hernoemd.xlsx", "kop-ontbreekt", bad, cells={"Inzet": {cel("inzet", "aantal", header): "Hoeveel"}})
    variant(
        "kop-andere-schrijfwijze.xlsx",
        "kop-afwijkend",
        ok,
        cells={"Vermeden zorg": {cel("vermeden", "kans", header): "kans %"}},
    )
    tl = col("vermeden", "toelichting")
    with_openpyxl(
        "samengevoegde-cellen.xlsx",
        "cellen-samengevoegd",
        ok,
        lambda wb: wb["Vermeden zorg"].merge_cells(
            start_row=header + 1, end_row=header + 2, start_column=tl, end_column=tl
        ),
    )

    # cells: formulas, text in numbers, numbers out of range, dates as text
    variant("formule-in-aantal.xlsx", "formule-in-invoer", bad, vermeden={"aantal": "=2*3"})
    variant("formule-in-einddatum.xlsx", "formule-in-invoer", bad, casus={"Einddatum": "=TODAY()"})
    for name, aantal, code, status in (
        ("tekst-ca-5.xlsx", "ca. 5", "aantal-ongeldig", bad),
        ("tekst-komma.xlsx", "1,5", "getal-als-tekst", ok),
        ("tekst-euro.xlsx", "€ 30", "aantal-ongeldig", bad),
        ("tekst-procent-als-aantal.xlsx", "75%", "aantal-ongeldig", bad),
        ("aantal-negatief.xlsx", -3, "aantal-ongeldig", bad),
        ("aantal-nul.xlsx", 0, "aantal-ongeldig", bad),
        ("aantal-enorm.xlsx", 1e12, "aantal-te-groot", bad),
    ):
        variant(name, code, status, vermeden={"aantal": aantal})
    variant("kans-procent.xlsx", "getal-als-tekst", ok, vermeden={"kans": "75%"})
    variant("kans-breuk.xlsx", "kans-ongeldig", bad, vermeden={"kans": 0.75})
    variant("kans-enorm.xlsx", "kans-ongeldig", bad, vermeden={"kans": 1e9})
    for name, einddatum, code, status in (
        ("datum-tekst-streepjes.xlsx", "01-03-2026", "datum-als-tekst", ok),
        ("datum-tekst-maandnaam.xlsx", "1 maart 2026", "datum-als-tekst", ok),
        ("datum-tekst-iso.xlsx", "2026-03-01", "datum-als-tekst", ok),
        ("datum-tekst-kort.xlsx", "1/3/26", "datum-als-tekst", ok),
        ("datum-onmogelijk.xlsx", "31-02-2026", "datum-ongeldig", bad),
        ("datum-toekomst.xlsx", date(2099, 1, 1), "einddatum-in-toekomst", bad),
    ):
        variant(name, code, status, casus={"Einddatum": einddatum})

    # lenient reading, reported
    variant("post-kleine-letters.xlsx", "waarde-aangepast", ok, vermeden={"post": "zvw-ha-01 "})
    omschrijving = prijslijst.items["ZVW-HA-01"].omschrijving.upper()  # the description only, in capitals
    variant("post-omschrijving.xlsx", "waarde-aangepast", ok, vermeden={"post": omschrijving})
    variant("domein-hoofdletters.xlsx", "waarde-aangepast", ok, casus={"Domein": "Ouderen/Eenzaamheid"})

    # template versions and case numbers
    variant(
        "oud-sjabloon-v0.xlsx",
        "sjabloon-verouderd",
        bad,
        casus={"Sjabloonversie": "0"},
        rename={"Ingezette zorg": None, "Vermeden zorg": "Vermeden kosten"},
    )
    variant("nieuwer-sjabloon-v9.xlsx", "sjabloonversie-anders", ok, casus={"Sjabloonversie": "9"})
    variant("dubbel-nummer-a.xlsx", "casusnummer-dubbel", bad, casus={"Casusnummer": "DUBBEL-1"})
    variant("dubbel-nummer-b.xlsx", "casusnummer-dubbel", bad, casus={"Casusnummer": "dubbel-1"})
    empty = {cel("vermeden", k): None for k in ("post", "aantal", "kans", "toelichting")}
    variant(
        "leeg-ingevuld.xlsx",
        "casus-leeg",
        ok,
        cells={"Inzet": {cel("inzet", k): None for k in ("post", "aantal", "toelichting")}, "Vermeden zorg": empty},
    )

    # size and parser attacks
    many_rows(variant("basis.tmp", "", ok), expect("10000-regels.xlsx", "regels-afgekapt", bad))
    (f / "basis.tmp").unlink()
    del exp["basis.tmp"]
    zip_bomb(good, expect("zip-bom.xlsx", "bestand-te-groot", bad))
    sst = SST_HEAD + b' count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>'
    with_part(
        good, expect("zip-bom-telling.xlsx", "bestand-te-groot", bad), "xl/sharedStrings.xml", sst, SST_REL, SST_TYPE
    )
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    patch_sheet(
        good, expect("verre-cel.xlsx", "bestand-te-groot", bad), "Casus", lambda x: x.replace(b"</sheetData>", far)
    )
    ods(
        expect("ods-herhaalde-rijen.ods", "bestand-te-groot", bad),
        '<table:table-row table:number-rows-repeated="20000"><table:table-cell table:number-columns-repeated="1000" '
        'office:value-type="float" office:value="1"/></table:table-row>',
    )
    with_dtd(good, expect("billion-laughs.xlsx", "bestand-onveilig", bad), LAUGHS, "lol9")
    with_dtd(good, expect("externe-entiteit.xlsx", "bestand-onveilig", bad), XXE, "xxe")

    # names, personal data, links, special files
    variant("naam met spaties en één ü.xlsx", "", ok)
    variant("casus van 06-12345678.xlsx", "persoonsgegevens", bad)
    variant("bsn-in-toelichting.xlsx", "persoonsgegevens", bad, vermeden={"toelichting": "bsn 111222333"})
    os.symlink(good.name, expect("koppeling-naar-goed.xlsx", "bestand-dubbel", skip))
    os.symlink("bestaat-niet.xlsx", expect("koppeling-kapot.xlsx", "bestand-niet-gevonden", bad))
    (f / "submap").mkdir()
    variant("submap/dieper.xlsx", "", ok)
    os.symlink("submap", expect("koppeling-naar-map", "bestand-geen-casus", skip))
    if hasattr(os, "mkfifo"):  # a pipe would block a reader that opens it
        os.mkfifo(expect("pijp.xlsx", "bestand-geen-casus", skip))
    # root reads everything: then the file is simply read
    root = os.geteuid() == 0
    variant("onleesbaar.xlsx", "" if root else "bestand-niet-gevonden", ok if root else bad).chmod(0)
    bc = openpyxl.Workbook()
    for name in ("Samenvatting", "Regels", "Bestanden"):
        bc.create_sheet(name)
    bc.save(expect("businesscase.xlsx", "bestand-geen-casus", skip))
    _issue_13(f, exp, good, variant, with_openpyxl)
    return exp


#: Every personal value the corpus plants, in the spellings used; none may reach any output. The test
#: compares them with separators (spaces, dots, dashes, slashes) removed: `kern`.
PLANTED = {
    "telefoon": "0612345678",
    "bsn": "111222333",
    "iban": "NL91ABNA0417164300",
    "postcode": "3311AB12",
    "geboortedatum": "12031950",
    "email": "jan.planted@voorbeeld.nl",
    "telefoon-als-getal": "612345678",
    "vast-nummer": "0101234567",
}

#: texts with personal data in every spelling of separators, planted in Toelichting (file name: text)
PD_SPELLINGS = {
    "pd-telefoon-en-streep": "bel 06\u201312345678 na vieren",
    "pd-telefoon-em-streep": "bel 06\u201412345678",
    "pd-telefoon-minteken": "bel 06\u221212345678",
    "pd-telefoon-vast-koppelteken": "bel 06\u201112345678",
    "pd-telefoon-vaste-spatie": "bel 06\u00a012345678",
    "pd-telefoon-smalle-spatie": "bel 06\u202f12345678",
    "pd-telefoon-dunne-spatie": "bel 06\u2009123\u200945678",
    "pd-telefoon-tab": "bel 06\t12345678",
    "pd-telefoon-punten": "bel 06.12.34.56.78",
    "pd-telefoon-schuine-streep": "bel 06/12345678",
    "pd-telefoon-breed": "bel \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
    "pd-telefoon-nulbreedte": "bel 06\u200b12345678",
    "pd-telefoon-landcode-vaste-spatie": "bel +31\u00a06\u00a012345678",
    "pd-vast-nummer-punten": "thuis 010.123.45.67",
    "pd-bsn-punten": "bsn 111.222.333",
    "pd-bsn-streepjes": "bsn 111-222-333",
    "pd-bsn-schuine-strepen": "bsn 111/222/333",
    "pd-bsn-vaste-spaties": "bsn 111\u00a0222\u00a0333",
    "pd-iban-streepjes": "rekening NL91-ABNA-0417-1643-00",
    "pd-iban-kleine-letters": "rekening nl91abna0417164300",
    "pd-iban-punten": "rekening NL91.ABNA.0417.1643.00",
    "pd-iban-vaste-spaties": "rekening NL91\u00a0ABNA\u00a00417\u00a01643\u00a000",
    "pd-postcode-klein-aaneen": "woont 3311ab12",
    "pd-postcode-streepjes": "woont 3311-AB-12",
    "pd-postcode-vaste-spaties": "woont 3311\u00a0AB\u00a012",
    "pd-geboren-vaste-spatie": "geboren\u00a012-03-1950",
    "pd-geboren-hoofdletters-punten": "GEBOREN 12.03.1950",
    "pd-geboren-en-strepen": "geb.\u2009 12 \u2013 03 \u2013 1950",
    "pd-geboren-spaties": "geboren 12 03 1950",
    "pd-email-vaste-spaties": "mail jan.planted\u00a0@\u00a0voorbeeld.nl",
    "pd-email-hoofdletters": "mail JAN.PLANTED@VOORBEELD.NL",
}


def _issue_13(f: Path, exp: dict[str, Verwacht], good: Path, variant, with_openpyxl) -> None:
    """The kinds added for issue 13 (see the module text)."""
    ok, bad = "opgenomen", "afgewezen"
    for name, text in PD_SPELLINGS.items():
        variant(f"{name}.xlsx", "persoonsgegevens", bad, vermeden={"toelichting": text})
    # personal data elsewhere: typed as a number, as a post, in a field, in a sheet name
    variant("pd-telefoon-als-aantal.xlsx", "persoonsgegevens", bad, vermeden={"aantal": 612345678})
    variant("pd-bsn-als-aantal.xlsx", "persoonsgegevens", bad, vermeden={"aantal": 111222333})
    variant("pd-telefoon-als-tekst-aantal.xlsx", "persoonsgegevens", bad, vermeden={"aantal": "0612345678"})
    variant("pd-in-post.xlsx", "persoonsgegevens", bad, vermeden={"post": "06\u201312345678"})
    variant("pd-in-team.xlsx", "persoonsgegevens", bad, casus={"Team": "Noord 3311ab12"})
    variant("pd-in-samenvatting.xlsx", "persoonsgegevens", bad, casus={"Samenvatting": "bsn 111\u202f222\u202f333"})
    with_openpyxl("pd-in-bladnaam.xlsx", "persoonsgegevens", bad, lambda wb: wb.create_sheet("bel 06.12.34.56.78"))
    exp["pd-in-bladnaam.xlsx"] = Verwacht("persoonsgegevens", bad)
    # control characters in a value that a finding echoes (a post name that prints a fake line)
    variant("stuurtekens-in-post.xlsx", "post-onbekend", bad,
            vermeden={"post": "X_x000D__x000A_goed.xlsx: in orde_x0000__x001B_[2J"})  # fmt: skip
    variant("stuurtekens-in-toelichting.xlsx", "", ok, vermeden={"toelichting": "eerst_x000D_dan_x0000_klaar"})
    # a second sheet for one template sheet: before or after it, spelled with spaces or capitals
    aantal = cel("vermeden", "aantal")
    for name, new, before in (
        ("blad-dubbel-spatie-ervoor.xlsx", "Vermeden zorg ", True),
        ("blad-dubbel-hoofdletters-erna.xlsx", "VERMEDEN ZORG", False),
        ("blad-dubbel-twee-spaties.xlsx", "Vermeden  zorg", False),
    ):
        with_sheet_copy(good, f / name, "Vermeden zorg", new, before, {aantal: 9999})
        exp[name] = Verwacht("blad-dubbel", bad)
    with_sheet_copy(good, f / "blad-dubbel-casus.xlsx", "Casus", " casus", True, {})
    exp["blad-dubbel-casus.xlsx"] = Verwacht("blad-dubbel", bad)
    # one zip part twice: a reader could take either copy
    members = _members(good)
    part = sheet_part(members, "Vermeden zorg")
    tampered = members[part].replace(b"<v>4</v>", b"<v>9999</v>", 1)
    with_duplicate_member(good, f / "zip-dubbel-deel.xlsx", part, tampered)
    exp["zip-dubbel-deel.xlsx"] = Verwacht("bestand-dubbel-deel", bad)
    with_duplicate_member(good, f / "zip-dubbel-deel-hoofdletters.xlsx", part, tampered, part.upper())
    exp["zip-dubbel-deel-hoofdletters.xlsx"] = Verwacht("bestand-dubbel-deel", bad)
    with_duplicate_member(good, f / "zip-dubbel-werkmap.xlsx", "xl/workbook.xml", members["xl/workbook.xml"])
    exp["zip-dubbel-werkmap.xlsx"] = Verwacht("bestand-dubbel-deel", bad)
    # text numbers that can be read more than one way: never a guess
    for name, value in (
        ("tekst-engels-duizendtal.xlsx", "1,234.5"),
        ("tekst-twee-komma-groepen.xlsx", "1,234,567"),
        ("tekst-e-notatie.xlsx", "1e3"),
        ("tekst-liggend-streepje.xlsx", "1_000"),
        ("tekst-oneindig.xlsx", "Infinity"),
    ):
        variant(name, "aantal-ongeldig", bad, vermeden={"aantal": value})
    variant("kans-e-notatie.xlsx", "kans-ongeldig", bad, vermeden={"kans": "0.5e2"})
    variant("kans-tekst-1e1.xlsx", "kans-ongeldig", bad, vermeden={"kans": "1e1"})
    variant("kans-1e300.xlsx", "kans-ongeldig", bad, vermeden={"kans": 1e300})
    variant("aantal-1e20.xlsx", "aantal-te-groot", bad, vermeden={"aantal": 1e20})
    variant("tekst-nederlands-duizendtal.xlsx", "getal-als-tekst", ok, vermeden={"aantal": "1.234,5"})
    variant("formule-in-kans.xlsx", "formule-in-invoer", bad, vermeden={"kans": "=25*2"})
    variant("formule-in-toelichting.xlsx", "formule-in-invoer", bad, vermeden={"toelichting": '="zie "&A1'})
    # file names in any bytes, with a line break, with personal data
    variant(os.fsdecode(b"caf\xe9 \xff naam.xlsx"), "", ok, casus={"Casusnummer": "NAAM-BYTES"})
    variant("regel\neinde.xlsx", "", ok, casus={"Casusnummer": "NAAM-REGELEINDE"})
    variant("bsn 111.222.333 in naam.xlsx", "persoonsgegevens", bad, casus={"Casusnummer": "NAAM-BSN"})
    variant("tel 06\u201312345678 in naam.xlsx", "persoonsgegevens", bad, casus={"Casusnummer": "NAAM-TEL"})


@dataclass(frozen=True)
class Weigering:
    """An output or cache path the command line must refuse (exit 2), leaving the file as it was."""

    naam: str
    args: tuple[str, ...]  # with {map} for the corpus folder, {doel} for the path made by `maak`
    melding: str  # part of the message on stderr


def maak_weigeringen(base: Path, folder: Path) -> dict[str, tuple[Weigering, Path]]:
    """The refusals (issue 13): name -> (what to run, the target path made here). Targets that are files
    are hashed by the test before and after."""
    base.mkdir(parents=True, exist_ok=True)
    text = base / "notities.xlsx"
    text.write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    html = base / "eigen.html"
    html.write_text("<p>mijn pagina</p>\n", encoding="utf-8")
    csv = base / "eigen.csv"
    csv.write_text("naam;telefoon\n", encoding="utf-8")
    import sqlite3

    other = base / "ander-programma.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE klanten (naam TEXT)")
    con.commit()
    con.close()
    edited = base / "bewerkte-businesscase.xlsx"
    bc = openpyxl.Workbook()
    bc.properties.title, bc.properties.creator, bc.properties.lastModifiedBy = (
        "Business case sociaal werk", "rendementsmeter", "W12")  # fmt: skip
    bc.save(edited)
    goed = folder / "goed.xlsx"
    out = str(base / "uit.xlsx")
    items = [
        ("o-is-casus-in-map", ("businesscase", "{map}", "-o", "{doel}"), goed, "invoerbestand"),
        ("o-is-casus-overschrijven", ("businesscase", "{map}", "-o", "{doel}", "--overschrijven"), goed, "invoer"),
        ("o-is-opgegeven-bestand", ("businesscase", "{doel}", "-o", "{doel}"), goed, "invoerbestand"),
        ("o-vreemd-bestand", ("businesscase", "{map}", "-o", "{doel}"), text, "geen eerdere uitvoer"),
        ("o-bewerkte-uitvoer", ("businesscase", "{map}", "-o", "{doel}"), edited, "geen eerdere uitvoer"),
        ("o-is-map", ("businesscase", "{map}", "-o", "{doel}"), folder / "submap", "map"),
        ("html-vreemd-bestand", ("businesscase", "{map}", "-o", out, "--html", "{doel}"), html, "geen eerdere"),
        ("export-vreemd-bestand", ("export", "{map}", "-o", "{doel}", "--organisatie", "X"), csv, "geen eerdere"),
        ("review-is-casus", ("review", "{map}", "-o", "{doel}", "--overschrijven"), goed, "invoerbestand"),
        ("cache-is-casus", ("check", "{map}", "--cache", "{doel}"), goed, "geen cache van de rendementsmeter"),
        ("cache-tekstbestand", ("check", "{map}", "--cache", "{doel}"), text, "geen cache van de rendementsmeter"),
        ("cache-andere-database", ("businesscase", "{map}", "--json", "--cache", "{doel}"), other, "ander programma"),
        ("cache-is-map", ("check", "{map}", "--cache", "{doel}"), base, "map"),
    ]
    return {name: (Weigering(name, args, melding), doel) for name, args, doel, melding in items}


if __name__ == "__main__":
    from rendementsmeter import load_prijslijst, write_template

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    pl = load_prijslijst()
    tpl = write_template(out.parent / f"{out.name}-sjabloon.xlsx", pl)
    for name, v in sorted(maak_corpus(out, tpl, pl).items()):
        print(f"{name!r:42} {v.status:13} {v.code}")
    for name, (w, doel) in maak_weigeringen(out.parent / f"{out.name}-doelen", out).items():
        print(f"{name:42} {'exitcode 2':13} {' '.join(w.args)}  ({doel.name}: '{w.melding}')")
