"""Reading case files: the one module that opens workbooks.

Values are read with python-calamine (fast). Cached formula results are never trusted:
totals are always recomputed from the inputs by the pricing step.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import python_calamine

from . import spec
from .findings import Finding, cell_name
from .model import Case, Line, ReadResult
from .money import parse_decimal
from .prijslijst import Prijslijst

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
OTHER_SPREADSHEETS = {".xls", ".xlsb", ".csv", ".numbers"}
MAX_FINDINGS = 200
HEADER_SCAN_ROWS = 30
NIEUW_SJABLOON = "Maak een nieuw sjabloon met `rendementsmeter template -o casus.xlsx` en neem de gegevens over."

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _is_lock_file(name: str) -> bool:
    return name.startswith("~$") or name.startswith(".~lock.")


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Every file under the given files and folders (folders recursively), in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted((p for p in path.rglob("*") if p.is_file() or p.is_symlink()), key=lambda p: str(p)))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _file_problem(path: Path, explicit: bool) -> ReadResult | None:
    """A result for files that are not readable workbooks, before opening them."""
    pad = str(path)
    name = path.name
    if _is_lock_file(name):
        return ReadResult(
            pad,
            None,
            [
                Finding(
                    pad,
                    "bestand-vergrendeld",
                    "Tijdelijk vergrendelingsbestand van Excel of LibreOffice (het bestand is open "
                    "of was niet netjes gesloten); overgeslagen. Sluit de werkmap en verwijder dit "
                    "bestand als het blijft staan.",
                )
            ],
            overgeslagen=True,
        )
    if not path.exists() or not os.access(path, os.R_OK) or not path.is_file():
        return ReadResult(
            pad,
            None,
            [
                Finding(
                    pad,
                    "bestand-niet-gevonden",
                    "Het bestand bestaat niet of mag niet gelezen worden; controleer het pad en de rechten.",
                )
            ],
        )
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES | OTHER_SPREADSHEETS:
        if explicit:
            return ReadResult(
                pad,
                None,
                [
                    Finding(
                        pad,
                        "bestand-formaat",
                        f"Geen Excel-werkmap (extensie '{path.suffix or 'geen'}'); geef een .xlsx-casusbestand op.",
                    )
                ],
            )
        return ReadResult(
            pad,
            None,
            [Finding(pad, "bestand-geen-casus", "Geen werkmap (.xlsx); dit bestand in de map is overgeslagen.")],
            overgeslagen=True,
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            ole = head == _OLE_MAGIC
            encrypted = ole and _ENCRYPTED in fh.read(4 * 1024 * 1024)
    except OSError as exc:
        return ReadResult(
            pad, None, [Finding(pad, "bestand-niet-gevonden", f"Het bestand kan niet gelezen worden ({exc.strerror}).")]
        )
    if encrypted:
        return ReadResult(
            pad,
            None,
            [
                Finding(
                    pad,
                    "bestand-versleuteld",
                    "Het bestand is met een wachtwoord beveiligd. Haal het wachtwoord eraf "
                    "(Bestand > Info > Werkmap beveiligen) en sla opnieuw op als .xlsx.",
                )
            ],
        )
    if ole or suffix == ".xls":
        return ReadResult(
            pad,
            None,
            [
                Finding(
                    pad,
                    "bestand-xls",
                    "Oud Excel-formaat (.xls, Excel 97-2003). Open het en kies Opslaan als > Excel-werkmap (.xlsx).",
                )
            ],
        )
    if suffix in OTHER_SPREADSHEETS or (head[:2] != b"PK"):
        kind = "een csv-bestand" if suffix == ".csv" or head[:2] != b"PK" else f"een {suffix}-bestand"
        if head[:2] != b"PK" and suffix in WORKBOOK_SUFFIXES:
            return ReadResult(
                pad,
                None,
                [
                    Finding(
                        pad,
                        "bestand-onleesbaar",
                        "Dit is geen Excel-werkmap, hoewel de naam op .xlsx eindigt (misschien "
                        "een hernoemd of beschadigd bestand). Open het casusbestand opnieuw en "
                        "sla het op als Excel-werkmap (.xlsx).",
                    )
                ],
            )
        return ReadResult(
            pad,
            None,
            [Finding(pad, "bestand-formaat", f"Dit is {kind}, geen casusbestand. Gebruik het sjabloon (.xlsx).")],
        )
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _label(text: str) -> str:
    """A field label as the reader matches it: 'Casusnummer *' and 'casusnummer:' are 'casusnummer'."""
    return text.strip().rstrip("*: ").strip().casefold()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Reader:
    """Reads one workbook into a Case, collecting findings."""

    def __init__(self, path: Path, prijslijst: Prijslijst, vandaag: date):
        self.path = path
        self.pad = str(path)
        self.prijslijst = prijslijst
        self.vandaag = vandaag
        self.findings: list[Finding] = []

    def add(self, code: str, message: str, blad: str = "", cel: str = "") -> None:
        self.findings.append(Finding(self.pad, code, message, blad=blad, cel=cel))

    def read(self) -> ReadResult:
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except python_calamine.PasswordError:
            self.add(
                "bestand-versleuteld",
                "Het bestand is met een wachtwoord beveiligd. Haal het wachtwoord eraf en sla opnieuw op als .xlsx.",
            )
            return ReadResult(self.pad, None, self.findings)
        except Exception as exc:  # calamine raises several types for broken files
            self.add(
                "bestand-onleesbaar",
                f"Het bestand kan niet als werkmap gelezen worden "
                f"({type(exc).__name__}: beschadigd of onvolledig). Open het in Excel of "
                "LibreOffice en sla het opnieuw op als .xlsx.",
            )
            return ReadResult(self.pad, None, self.findings)
        try:
            return self._read_workbook(workbook)
        finally:
            workbook.close()

    def _sheet(self, workbook: Any, name: str) -> list[list[Any]] | None:
        names = workbook.sheet_names
        match = next((n for n in names if n.strip().casefold() == name.casefold()), None)
        if match is None:
            self.add(
                "blad-ontbreekt",
                f"Werkblad '{name}' ontbreekt; de werkmap heeft: "
                f"{', '.join(repr(n) for n in names) or 'geen bladen'}. Is dit gemaakt met een oud "
                f"sjabloon of een ander bestand? {NIEUW_SJABLOON}",
                blad=name,
            )
            return None
        try:
            rows: list[list[Any]] = workbook.get_sheet_by_name(match).to_python(skip_empty_area=False)
            return rows
        except Exception as exc:
            self.add(
                "bestand-onleesbaar",
                f"Werkblad '{name}' kan niet gelezen worden "
                f"({type(exc).__name__}). Sla de werkmap opnieuw op als .xlsx.",
                blad=name,
            )
            return None

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
            self.add(
                "blad-ontbreekt",
                "Dit is geen casusbestand: de bladen "
                f"{', '.join(spec.REQUIRED_SHEETS)} ontbreken (de werkmap heeft: "
                f"{', '.join(repr(n) for n in workbook.sheet_names) or 'geen bladen'}). {NIEUW_SJABLOON}",
            )
            return ReadResult(self.pad, None, self.findings)
        sheets = {name: self._sheet(workbook, name) for name in spec.REQUIRED_SHEETS}
        if any(rows is None for rows in sheets.values()):
            return ReadResult(self.pad, None, self.findings)
        case = self._read_case_sheet(sheets[spec.CASE_SHEET] or [])
        for sheet in spec.LINE_SHEETS:
            self._read_lines(sheet, sheets[sheet.name] or [], case)
        if case is not None and not case.lines and not any(f.is_fout for f in self.findings):
            self.add(
                "casus-leeg",
                "De casus heeft geen regels op de bladen Inzet, Ingezette zorg en "
                "Vermeden zorg; vul minstens uw eigen inzet in.",
            )
        if len(self.findings) > MAX_FINDINGS:
            rest = len(self.findings) - MAX_FINDINGS
            self.findings = self.findings[:MAX_FINDINGS]
            self.add("regels-afgekapt", f"Nog {rest} bevindingen niet getoond; los eerst de bovenstaande op.")
        return ReadResult(self.pad, case, self.findings)

    # -- Casus sheet ------------------------------------------------------------------
    def _read_case_sheet(self, rows: list[list[Any]]) -> Case | None:
        blad = spec.CASE_SHEET
        where: dict[str, int] = {}
        for i, row in enumerate(rows):
            if row and isinstance(row[0], str):
                where.setdefault(_label(row[0]), i)
        values: dict[str, Any] = {}
        for f in spec.CASE_FIELDS:
            found = where.get(f.label.casefold())
            if found is None:
                if f.required:
                    self.add(
                        "kop-ontbreekt",
                        f"Het veld '{f.label}' staat niet in kolom A van blad Casus. {NIEUW_SJABLOON}",
                        blad=blad,
                        cel="A",
                    )
                values[f.key] = None
                continue
            raw = rows[found][1] if len(rows[found]) > 1 else None
            cel = cell_name(found, 1)
            values[f.key] = self._case_value(f, raw, cel)
        for label in ("Sjabloonversie", "Prijslijstversie"):
            at = where.get(label.casefold())
            values[label] = _text(rows[at][1]) if at is not None and len(rows[at]) > 1 else ""
        if values["Sjabloonversie"] and values["Sjabloonversie"] != spec.SJABLOONVERSIE:
            self.add(
                "sjabloonversie-anders",
                f"Gemaakt met sjabloonversie {values['Sjabloonversie']}; "
                f"de huidige is {spec.SJABLOONVERSIE}. Het bestand is gelezen; gebruik voor nieuwe "
                "casussen het nieuwe sjabloon.",
                blad=blad,
            )
        start, eind = values.get("startdatum"), values.get("einddatum")
        eind_cel = cell_name(where.get("einddatum", 0), 1)
        if isinstance(start, date) and isinstance(eind, date) and eind < start:
            self.add(
                "einddatum-voor-startdatum",
                f"Einddatum {eind:%d-%m-%Y} ligt voor startdatum {start:%d-%m-%Y}; verbeter een van beide.",
                blad=blad,
                cel=eind_cel,
            )
        if isinstance(eind, date) and eind > self.vandaag:
            self.add(
                "einddatum-in-toekomst",
                f"Einddatum {eind:%d-%m-%Y} ligt in de toekomst. Alleen "
                "afgesloten casussen tellen mee; vul de casus in als hij klaar is.",
                blad=blad,
                cel=eind_cel,
            )
        horizon = values.get("horizon")
        if horizon is None:
            horizon = 12
        elif horizon > 12:
            self.add(
                "horizon-lang",
                f"Horizon {horizon} maanden is langer dan de gebruikelijke 12; licht in de samenvatting toe waarom.",
                blad=blad,
                cel=cell_name(where.get("horizon (maanden)", 0), 1),
            )
        if values.get("casusnummer") is None or values.get("domein") is None:
            return None
        leefgebieden = tuple(values.get("leefgebieden") or ())
        return Case(
            pad=self.pad,
            casusnummer=values["casusnummer"],
            domein=values["domein"],
            einddatum=eind if isinstance(eind, date) else None,
            team=values.get("team") or "",
            werker=values.get("werker") or "",
            startdatum=start if isinstance(start, date) else None,
            horizon=horizon,
            leefgebieden=leefgebieden,
            samenvatting=values.get("samenvatting") or "",
            sjabloonversie=values["Sjabloonversie"],
            prijslijstversie=values["Prijslijstversie"],
        )

    def _case_value(self, f: spec.Field, raw: Any, cel: str) -> Any:
        blad = spec.CASE_SHEET
        if _empty(raw):
            if f.required:
                self.add("veld-verplicht", f"'{f.label}' is verplicht; vul cel {cel} in. {f.help}", blad=blad, cel=cel)
            return None
        if f.type == "datum":
            return self._date(f, raw, cel)
        if f.type == "geheel":
            number, as_text = parse_decimal(raw)
            if number is None or number != number.to_integral_value() or not 1 <= number <= 120:
                self.add(
                    "veld-ongeldig",
                    f"'{f.label}' moet een heel aantal maanden zijn (1-120), niet '{_text(raw)}'.",
                    blad=blad,
                    cel=cel,
                )
                return None
            return int(number)
        text = _text(raw)
        if f.type == "keuze":
            match = next((c for c in f.choices if c.casefold() == text.casefold()), None)
            if match is None:
                self.add(
                    "veld-ongeldig",
                    f"'{text}' is geen geldig {f.label.lower()}; kies uit: {', '.join(f.choices)}.",
                    blad=blad,
                    cel=cel,
                )
            return match
        if f.key == "leefgebieden":
            return self._leefgebieden(text, cel)
        return text

    def _leefgebieden(self, text: str, cel: str) -> list[str]:
        known = {x.casefold(): x for x in spec.LEEFGEBIEDEN}
        out = []
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if part.casefold() in known:
                out.append(known[part.casefold()])
            else:
                self.add(
                    "leefgebied-onbekend",
                    f"Leefgebied '{part}' staat niet in de ZRM-lijst en telt "
                    f"niet mee; kies uit: {', '.join(spec.LEEFGEBIEDEN)}.",
                    blad=spec.CASE_SHEET,
                    cel=cel,
                )
        return out

    def _date(self, f: spec.Field, raw: Any, cel: str) -> date | None:
        blad = spec.CASE_SHEET
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 20000 <= raw <= 80000:
            value = date(1899, 12, 30) + timedelta(days=int(raw))
            self.add(
                "datum-als-tekst",
                f"'{f.label}' staat als getal ({_text(raw)}) en is gelezen als "
                f"{value:%d-%m-%Y}; maak er een datum van.",
                blad=blad,
                cel=cel,
            )
            return value
        text = _text(raw)
        for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d/%m/%y"):
            try:
                value = datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            self.add(
                "datum-als-tekst",
                f"'{f.label}' staat als tekst ('{text}') en is gelezen als {value:%d-%m-%Y}; controleer dit.",
                blad=blad,
                cel=cel,
            )
            return value
        self.add(
            "datum-ongeldig", f"'{f.label}' is geen datum: '{text}'. Typ de datum als dd-mm-jjjj.", blad=blad, cel=cel
        )
        return None

    # -- line sheets ------------------------------------------------------------------
    def _read_lines(self, sheet: spec.LineSheet, rows: list[list[Any]], case: Case | None) -> None:
        header_row, columns = self._find_header(sheet, rows)
        if header_row is None:
            return
        post_col = columns["post"]
        for r in range(header_row + 1, len(rows)):
            row = rows[r]
            post, aantal, kans, toelichting = (
                row[c] if c is not None and c < len(row) else None
                for c in (columns.get(k) for k in ("post", "aantal", "kans", "toelichting"))
            )
            if all(_empty(v) for v in (post, aantal, kans, toelichting)):
                continue
            line = self._line(sheet, r, post_col, columns, post, aantal, kans, toelichting)
            if line is not None and case is not None:
                case.lines.append(line)

    def _find_header(self, sheet: spec.LineSheet, rows: list[list[Any]]) -> tuple[int | None, dict[str, int]]:
        wanted = {c.header.casefold(): c.key for c in sheet.columns if c.invoer}
        for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            cells = {(_text(v).casefold()): c for c, v in enumerate(row) if isinstance(v, str)}
            if "post" not in cells:
                continue
            columns = {key: cells[h] for h, key in wanted.items() if h in cells}
            missing = [c.header for c in sheet.columns if c.required and c.key not in columns]
            if missing:
                self.add(
                    "kop-ontbreekt",
                    f"Kolom {', '.join(repr(m) for m in missing)} ontbreekt in de "
                    f"kopregel (rij {r + 1}) van blad '{sheet.name}'. Zet de kop terug of "
                    f"{NIEUW_SJABLOON[0].lower()}{NIEUW_SJABLOON[1:]}",
                    blad=sheet.name,
                    cel=cell_name(r, 0),
                )
                return None, {}
            return r, columns
        self.add(
            "kop-ontbreekt",
            f"Geen kopregel met 'Post' gevonden in de eerste {HEADER_SCAN_ROWS} rijen "
            f"van blad '{sheet.name}'. {NIEUW_SJABLOON}",
            blad=sheet.name,
        )
        return None, {}

    def _line(
        self,
        sheet: spec.LineSheet,
        r: int,
        post_col: int,
        columns: dict[str, int],
        post: Any,
        aantal: Any,
        kans: Any,
        toelichting: Any,
    ) -> Line | None:
        blad = sheet.name
        post_cel = cell_name(r, post_col)
        ok = True
        item = None
        if _empty(post):
            self.add(
                "regel-zonder-post",
                f"Rij {r + 1} heeft een aantal, kans of toelichting maar geen post; kies een post of maak de rij leeg.",
                blad=blad,
                cel=post_cel,
            )
            ok = False
        else:
            item = self.prijslijst.zoek(_text(post))
            if item is None:
                self.add(
                    "post-onbekend",
                    f"Post '{_text(post)}' staat niet in de prijslijst. Kies een post "
                    "uit de keuzelijst; staat hij er niet in, vraag dan uw teamleider om hem toe te "
                    "voegen aan de prijslijst van uw organisatie.",
                    blad=blad,
                    cel=post_cel,
                )
                ok = False
            elif item.soort != sheet.soort:
                plaats = "blad Inzet" if item.soort == "inzet" else "blad Ingezette zorg of Vermeden zorg"
                self.add(
                    "post-verkeerde-soort",
                    f"Post {item.code} ({item.omschrijving}) hoort op {plaats}, niet op '{blad}'.",
                    blad=blad,
                    cel=post_cel,
                )
                ok = False
        aantal_cel = cell_name(r, columns["aantal"])
        number = None
        if _empty(aantal):
            if not _empty(post):
                self.add(
                    "regel-zonder-aantal",
                    f"Rij {r + 1} heeft een post maar geen aantal; vul het aantal "
                    "in (in de eenheid van de post) of maak de rij leeg.",
                    blad=blad,
                    cel=aantal_cel,
                )
            ok = False
        else:
            number, as_text = parse_decimal(aantal)
            if number is None or number <= 0:
                self.add(
                    "aantal-ongeldig",
                    f"Aantal '{_text(aantal)}' is geen getal groter dan 0; typ alleen een getal, bijv. 6 of 1,5.",
                    blad=blad,
                    cel=aantal_cel,
                )
                ok = False
            elif as_text:
                self.add(
                    "getal-als-tekst",
                    f"Aantal '{_text(aantal)}' staat als tekst en is gelezen als {number}; typ het als getal.",
                    blad=blad,
                    cel=aantal_cel,
                )
        kans_value = None
        if sheet.kind == "vermeden":
            kans_value = self._kans(blad, r, columns["kans"], kans)
            if kans_value is None:
                ok = False
            if _empty(toelichting) and ok:
                self.add(
                    "toelichting-ontbreekt",
                    f"Regel {r + 1} heeft geen toelichting. Schrijf kort op "
                    "waarom deze zorg nodig was geweest; een beoordelaar vraagt ernaar.",
                    blad=blad,
                    cel=cell_name(r, columns["toelichting"]),
                )
        if not ok or item is None or number is None:
            return None
        return Line(
            kind=sheet.kind,
            blad=blad,
            rij=r + 1,
            cel=post_cel,
            code=item.code,
            aantal=number,
            kans=kans_value,
            toelichting=_text(toelichting),
        )

    def _kans(self, blad: str, r: int, col: int, kans: Any) -> int | None:
        cel = cell_name(r, col)
        if _empty(kans):
            self.add(
                "kans-ontbreekt",
                f"Rij {r + 1} heeft geen kans. Vul in hoe waarschijnlijk (0-100) deze "
                "zorg nodig was geweest zonder uw inzet, bijv. 50 of 75.",
                blad=blad,
                cel=cel,
            )
            return None
        raw = kans.strip().rstrip("%").strip() if isinstance(kans, str) else kans
        number, as_text = parse_decimal(raw)
        if number is not None and number == number.to_integral_value() and 0 <= number <= 100:
            if as_text:
                self.add(
                    "getal-als-tekst",
                    f"Kans '{_text(kans)}' staat als tekst en is gelezen als {int(number)}; typ alleen het getal.",
                    blad=blad,
                    cel=cel,
                )
            return int(number)
        hint = ""
        if number is not None and 0 < number < 1:
            hint = f" Bedoelde u {format(number * 100, 'f').rstrip('0').rstrip('.')}? Typ dan dat getal."
        self.add(
            "kans-ongeldig", f"Kans '{_text(kans)}' is geen heel getal van 0 tot en met 100.{hint}", blad=blad, cel=cel
        )
        return None


def read_case(
    path: Path | str, prijslijst: Prijslijst, vandaag: date | None = None, explicit: bool = True
) -> ReadResult:
    """Read one case file into a ReadResult (a Case or None, plus findings). Never raises on bad data."""
    p = Path(path)
    early = _file_problem(p, explicit)
    if early is not None:
        return early
    return _Reader(p, prijslijst, vandaag or date.today()).read()


def read_cases(paths: Iterable[Path | str], prijslijst: Prijslijst, vandaag: date | None = None) -> list[ReadResult]:
    """Read files and folders of cases; flags a Casusnummer used in more than one file."""
    given = [Path(p) for p in paths]
    explicit = {p.absolute() for p in given if not p.is_dir()}
    results = [read_case(p, prijslijst, vandaag, explicit=p.absolute() in explicit) for p in discover(given)]
    by_number: dict[str, list[ReadResult]] = defaultdict(list)
    for res in results:
        if res.case is not None:
            by_number[res.case.casusnummer.casefold()].append(res)
    for group in by_number.values():
        if len(group) < 2:
            continue
        for res in group:
            others = ", ".join(o.pad for o in group if o is not res)
            res.findings.append(
                Finding(
                    res.pad,
                    "casusnummer-dubbel",
                    f"Casusnummer '{res.case.casusnummer}' staat ook in {others}. Geef elke "  # type: ignore[union-attr]
                    "casus een eigen nummer, of verwijder de dubbele kopie; beide blijven "
                    "buiten de business case tot dit is opgelost.",
                    blad=spec.CASE_SHEET,
                )
            )
    return results
