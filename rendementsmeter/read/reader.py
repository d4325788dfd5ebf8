"""Reading one case file: the one module that opens workbooks.

Every file is first checked by `guards.inspect` (size, zip bomb, DTD, cell extent) on the very bytes
that are then parsed with python-calamine (fast). Every text cell is run through `privacy.mask` before
anything else reads it, so personal data never reaches a finding, a total or an output. Cached formula
results are never trusted: totals are recomputed from the inputs by the pricing step, and a formula
where a value belongs is a finding.
"""

from __future__ import annotations

import hashlib
import io
import re
import traceback
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import python_calamine

from rendementsmeter.core.findings import Finding, cell_name
from rendementsmeter.core.model import Case, ReadResult
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read import guards, privacy
from rendementsmeter.read.base import MAX_FINDINGS, NIEUW_SJABLOON, OVERZETTEN, sheet_key
from rendementsmeter.read.casus import CasusSheet
from rendementsmeter.read.discovery import BY_CONTENT, display_pad, file_problem, name_finding
from rendementsmeter.read.lines import LineSheets
from rendementsmeter.spec import casus as spec
from rendementsmeter.spec import zrm

KNOWN_SHEETS = {
    s.casefold() for s in (*spec.REQUIRED_SHEETS, *spec.OPTIONAL_SHEETS, spec.INSTRUCTIE_SHEET, spec.LIJSTEN_SHEET)
}
#: Sheets the reader never asks the parser for: the template's own text and lists, no case data.
UNREAD_SHEETS = frozenset({spec.LIJSTEN_SHEET.casefold(), spec.INSTRUCTIE_SHEET.casefold()})
#: The template's helper formulas (spec.HULP_SHEET): left unread only while the sheet is hidden, as the
#: template makes it. "Hulp" is a natural name for a worker's own notes: a visible sheet of that name is
#: read and checked for personal data like any other sheet that is not the template's.
UNREAD_IF_HIDDEN = frozenset({spec.HULP_SHEET.casefold()})


_VERSION = re.compile(r"[0-9a-f]{12}")


def _is_version(value: object) -> bool:
    """A price-list version as the template writes it: 12 hex characters of a hash."""
    return isinstance(value, str) and _VERSION.fullmatch(value) is not None


@lru_cache(maxsize=16384)
def _worth_a_look(text: str) -> bool:
    """Whether a text could hold personal data; the template's own texts are asked in every file."""
    return privacy.WORTH_A_LOOK.search(text) is not None


class _Reader(CasusSheet, LineSheets):
    """Reads one workbook into a Case, collecting findings."""

    inhoud = ""
    #: sheets the guards did not check (names casefolded): never asked of the parser
    skipped: frozenset[str] = frozenset()

    def read(self) -> ReadResult:
        result = self._read()
        result.inhoud = self.inhoud
        return result

    def _read(self) -> ReadResult:
        insp = guards.inspect(self.path, skip_sheets=UNREAD_SHEETS, skip_hidden=UNREAD_IF_HIDDEN)
        self.skipped = insp.skipped
        if insp.data:
            self.inhoud = hashlib.sha256(insp.data).hexdigest()
        if not insp.ok:
            self.add(insp.code, insp.melding)
            return ReadResult(self.pad, None, self.findings)
        suffix = self.path.suffix.lower()
        if insp.kind not in guards.READABLE or (insp.kind == "ods" and suffix != ".ods"):
            code, melding = BY_CONTENT.get(insp.kind, BY_CONTENT["onbekend"])
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
            self.add("bestand-versleuteld", BY_CONTENT["versleuteld"][1])
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
                if c == 1 and row[0] == "Prijslijstversie" and _is_version(value):
                    continue  # the template's own hash (e.g. 7128ba5afc56 reads like a postcode with number)
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

    def _match_sheets(self, workbook: Any) -> tuple[list[str], list[str]]:
        """Map spec sheet names to the names in the file; warn on other spellings and unknown sheets.
        Returns the spec sheets that are missing and those with two candidates (a fout naming both: the
        reader never picks one of two sheets that differ only by case or spacing)."""
        by_key: dict[str, list[str]] = {}
        for n in workbook.sheet_names:
            by_key.setdefault(sheet_key(n), []).append(n)
        missing, doubled = [], []
        for name in spec.REQUIRED_SHEETS + spec.OPTIONAL_SHEETS:
            candidates = by_key.get(sheet_key(name), [])
            if not candidates:
                if name in spec.REQUIRED_SHEETS:
                    missing.append(name)
                continue
            if len(candidates) > 1:
                doubled.append(name)
                shown = " en ".join(f"'{privacy.shown(n)}'" for n in candidates)
                self.add(
                    "blad-dubbel",
                    f"De werkmap heeft {len(candidates)} bladen die '{name}' kunnen zijn: {shown} (ze verschillen "
                    "alleen in hoofdletters of spaties). Geen van beide is gelezen. Verwijder het blad dat er niet "
                    "hoort, of geef het een andere naam.",
                    blad=name,
                )
                continue
            actual = candidates[0]
            self.names[name] = actual
            if actual != name:
                self.add(
                    "kop-afwijkend",
                    f"Werkblad '{privacy.shown(actual, strip=False)}' heet in het sjabloon '{name}'; het is gelezen. Geef het "
                    "blad de naam uit het sjabloon terug.",
                    blad=name,
                )
        return missing, doubled

    def _read_workbook(self, workbook: Any) -> ReadResult:
        names = {sheet_key(n) for n in workbook.sheet_names}
        if not names & {sheet_key(s) for s in spec.REQUIRED_SHEETS}:
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
        missing, doubled = self._match_sheets(workbook)
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
        structure_ok = not missing and not doubled and all(rows is not None for rows in sheets.values())
        if sheets.get(spec.CASE_SHEET) is not None:
            case = self._read_case_sheet(sheets[spec.CASE_SHEET] or [])
        if case is not None and sheets.get(zrm.ZRM_SHEET) is not None:
            case.zrm = self._read_zrm(sheets[zrm.ZRM_SHEET] or [])
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
        if case is not None:
            self._check_case_lines(case)
        return self._done(case)

    def _other_sheets(self, workbook: Any) -> None:
        """Sheets that are not the template's: warned about, and checked for personal data."""
        hidden = _hidden_sheets(workbook)
        for name in workbook.sheet_names:
            key = sheet_key(name)
            if key in UNREAD_SHEETS or key in {sheet_key(s) for s in spec.REQUIRED_SHEETS + spec.OPTIONAL_SHEETS}:
                continue
            if name.strip().casefold() in self.skipped or (key in UNREAD_IF_HIDDEN and name in hidden):
                continue  # the template's hidden helper sheet: skipped by the guards (xlsx), or hidden (ods)
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


def _hidden_sheets(workbook: Any) -> set[str]:
    """Names of the sheets the workbook marks hidden (empty when the parser cannot say)."""
    try:
        return {m.name for m in workbook.sheets_metadata if m.visible != python_calamine.SheetVisibleEnum.Visible}
    except (AttributeError, TypeError):
        return set()


def read_case(
    path: Path | str, prijslijst: Prijslijst, vandaag: date | None = None, explicit: bool = True
) -> ReadResult:
    """Read one case file into a ReadResult (a Case or None, plus findings). Never raises on bad data."""
    p = Path(path)
    pad = display_pad(p)
    result = file_problem(p, pad, explicit)
    if result is None:
        try:
            reader = _Reader(p, pad, prijslijst, vandaag or date.today())
            result = reader.read()
            result.einddatum, result.einddatum_later = reader.einddatum, reader.einddatum_later
        except Exception:  # a bug of ours must not end the batch: the file is rejected, with the trace
            result = ReadResult.rejected(
                pad,
                "bestand-leesfout",
                "Bij het lezen van dit bestand ging in de rendementsmeter iets mis; het telt niet mee. Draai "
                "opnieuw met --debug en meld de melding bij de beheerder.",
            )
            result.detail = traceback.format_exc()
    named = name_finding(p, pad)
    if named is not None:
        result.findings.insert(0, named)
    return result
