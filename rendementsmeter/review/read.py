"""Reading filled review workbooks back (python-calamine, like the case reader).

A broken or foreign file is a finding, never a crash; a row whose verdict cannot be used is a finding
and is left out. Only usable verdicts reach review_apply.py. A reviewed value gets the same rules as a
typed one (aantal above 0 and at most MAX_AANTAL, kans by KANS_REGEL, no formula in an input cell), and
the texts a reviewer types (code, remark) are masked for personal data like a case's.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import python_calamine

from rendementsmeter.core.findings import Finding, cell_name, escape_controls
from rendementsmeter.core.money import parse_decimal
from rendementsmeter.core.output import path_text
from rendementsmeter.read import guards, privacy
from rendementsmeter.read.base import sheet_key
from rendementsmeter.read.cells import FormulaCells
from rendementsmeter.review.model import ReviewFile, Verdict
from rendementsmeter.review.write import KOLOMMEN
from rendementsmeter.spec.casus import KANS_REGEL, MAX_AANTAL, kans_waarde
from rendementsmeter.spec.review import BEOORDELAAR_LABEL, OORDELEN, REVIEW_SHEET

HEADER_SCAN_ROWS = 30
NIEUW = "Maak een nieuw beoordelingsbestand met `rendementsmeter review`."
NEEDED = ("regel_id", "vingerafdruk", "oordeel", "aantal_beoordeeld", "kans_beoordeeld", "opmerking")
HEADERS = {k.header.casefold(): k.key for k in KOLOMMEN}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unreadable(pad: str, message: str, blad: str = "") -> ReviewFile:
    return ReviewFile(pad, "", [], [Finding(pad, "beoordeling-onleesbaar", message, blad=blad)])


#: the cells a reviewer fills in: a formula there is never used
INPUT_KEYS = ("oordeel", "aantal_beoordeeld", "kans_beoordeeld", "opmerking")


def shown_pad(path: Path) -> str:
    """The review file's path as every output shows it: bytes that are not UTF-8 replaced, control
    characters escaped, personal data masked (like a case file's)."""
    return privacy.mask(escape_controls(path_text(path)))[0]


def _rows(path: Path) -> tuple[list[list[Any]], FormulaCells | None] | ReviewFile:
    pad = shown_pad(path)
    if not path.is_file():
        return _unreadable(pad, "Het beoordelingsbestand bestaat niet of is geen bestand; controleer het pad.")
    if path.suffix.lower() != ".xlsx":
        return _unreadable(pad, f"Geen Excel-werkmap (.xlsx) maar '{path.suffix or 'geen extensie'}'. {NIEUW}")
    inspection = guards.inspect(path)  # a hostile file must never reach the parser
    if not inspection.ok:
        return _unreadable(pad, inspection.melding)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(inspection.data))
    except Exception:  # calamine raises several types for broken files
        return _unreadable(
            pad,
            "Het bestand kan niet als werkmap gelezen worden (beschadigd, versleuteld "
            "of geen werkmap). Open het in Excel of LibreOffice en sla het opnieuw op als .xlsx.",
        )
    try:
        candidates = [n for n in workbook.sheet_names if sheet_key(n) == sheet_key(REVIEW_SHEET)]
        if len(candidates) > 1:  # never pick one of two: they may hold different verdicts
            both = " en ".join(f"'{privacy.shown(n, strip=False)}'" for n in candidates)
            return _unreadable(
                pad,
                f"De werkmap heeft {len(candidates)} bladen die '{REVIEW_SHEET}' kunnen zijn: {both} (ze verschillen "
                f"alleen in hoofdletters of spaties); geen ervan is gelezen. Verwijder het blad dat er niet hoort.",
                blad=REVIEW_SHEET,
            )
        match = candidates[0] if candidates else None
        if match is None:
            return _unreadable(
                pad,
                f"Werkblad '{REVIEW_SHEET}' ontbreekt (de werkmap heeft: "
                f"{', '.join(repr(privacy.shown(n, strip=False)) for n in workbook.sheet_names) or 'geen bladen'}). "
                "Is dit wel een "
                f"beoordelingsbestand? {NIEUW}",
                blad=REVIEW_SHEET,
            )
        rows: list[list[Any]] = workbook.get_sheet_by_name(match).to_python(skip_empty_area=False)
        return rows, inspection.formulas.get(match)
    except Exception:
        return _unreadable(pad, f"Werkblad '{REVIEW_SHEET}' kan niet gelezen worden. {NIEUW}", REVIEW_SHEET)
    finally:
        workbook.close()


def read_review(path: Path | str) -> ReviewFile:
    """Read one filled review workbook: the reviewer code, the usable verdicts and the findings."""
    p = Path(path)
    pad = shown_pad(p)
    read = _rows(p)
    if isinstance(read, ReviewFile):
        return read
    rows, formulas = read
    header_row, columns = None, {}
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = {HEADERS[_text(v).casefold()]: c for c, v in enumerate(row) if _text(v).casefold() in HEADERS}
        if "regel_id" in cells:
            header_row, columns = r, cells
            break
    missing = [k.header for k in KOLOMMEN if k.key in NEEDED and k.key not in columns]
    if header_row is None or missing:
        return _unreadable(
            pad,
            f"De kopregel met de kolommen {', '.join(repr(m) for m in missing)} is niet gevonden op blad "
            f"'{REVIEW_SHEET}'. Zet de kolommen terug of {NIEUW[0].lower()}{NIEUW[1:]}",
            REVIEW_SHEET,
        )
    result = ReviewFile(pad, "")
    code_row = next((r for r, row in enumerate(rows[:header_row]) if row and _text(row[0]) == BEOORDELAAR_LABEL), None)
    code_col = 2
    if code_row is not None:
        # the first filled cell right of the label (merged cells keep their value in the first one)
        filled = [c for c, v in enumerate(rows[code_row]) if c > 0 and _text(v)]
        if filled:
            code_col = filled[0]
            result.beoordelaar, kinds = privacy.mask(escape_controls(_text(rows[code_row][code_col])))
            if kinds:
                result.findings.append(_personal(pad, kinds, cell_name(code_row, code_col), "de beoordelaarscode"))
    if not result.beoordelaar:
        result.beoordelaar = privacy.mask(escape_controls(Path(pad).stem))[0]
        cel = cell_name(code_row if code_row is not None else 1, code_col)
        result.findings.append(
            Finding(
                pad,
                "beoordelaar-ontbreekt",
                f"Vul uw beoordelaarscode in (cel {cel}); tot die tijd telt de bestandsnaam '{result.beoordelaar}' als "
                "beoordelaar.",
                blad=REVIEW_SHEET,
                cel=cel,
            )
        )
    letters = {cell_name(0, columns[k])[:-1]: k for k in INPUT_KEYS if k in columns}
    in_formula = formulas.in_columns(letters) if formulas is not None else frozenset()
    for r in range(header_row + 1, len(rows)):
        if in_formula:
            found = sorted(c for c in in_formula if c.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == str(r + 1))
            if found:
                result.findings.append(
                    Finding(
                        pad,
                        "beoordeling-ongeldig",
                        f"Rij {r + 1} heeft een formule in {', '.join(found)}; typ het oordeel, aantal, kans en "
                        "opmerking zelf. Formules in een beoordelingsbestand worden niet gebruikt; het oordeel telt "
                        "niet mee.",
                        blad=REVIEW_SHEET,
                        cel=found[0],
                    )
                )
                continue
        verdict = _verdict(result, rows[r], r, columns)
        if verdict is not None:
            result.oordelen.append(verdict)
    return result


def _personal(pad: str, kinds: list[str], cel: str, what: str) -> Finding:
    return Finding(
        pad,
        "persoonsgegevens",
        f"In {what} staat {privacy.describe(kinds)}. Haal het uit het beoordelingsbestand: persoonsgegevens horen "
        "er niet in (AVG). In alle uitvoer is het afgeschermd.",
        blad=REVIEW_SHEET,
        cel=cel,
    )


def _verdict(result: ReviewFile, row: list[Any], r: int, columns: dict[str, int]) -> Verdict | None:
    def get(key: str) -> Any:
        c = columns.get(key)
        return row[c] if c is not None and c < len(row) else None

    pad = result.pad
    cel = cell_name(r, columns["oordeel"])
    oordeel = _text(get("oordeel")).casefold()
    aantal_raw, kans_raw = get("aantal_beoordeeld"), get("kans_beoordeeld")
    opmerking, kinds = privacy.mask(escape_controls(_text(get("opmerking"))))
    if kinds:
        result.findings.append(
            _personal(pad, kinds, cell_name(r, columns["opmerking"]), f"de opmerking op rij {r + 1}")
        )
    rid, print_ = _text(get("regel_id")), _text(get("vingerafdruk"))
    has_numbers = _text(aantal_raw) != "" or _text(kans_raw) != ""

    def bad(message: str, code: str = "beoordeling-ongeldig", key: str = "oordeel") -> None:
        where_cell = cell_name(r, columns[key]) if key in columns else cel  # the cell that holds the bad value
        result.findings.append(Finding(pad, code, message, blad=REVIEW_SHEET, cel=where_cell))

    if not oordeel:
        if has_numbers or opmerking:
            bad(
                f"Rij {r + 1} heeft een aantal, kans of opmerking maar geen oordeel; niet meegenomen. Kies "
                "akkoord, aangepast of afgewezen.",
                "beoordeling-onvolledig",
            )
        return None
    where = f"Rij {r + 1}"
    if oordeel not in OORDELEN:
        bad(f"{where}: oordeel '{privacy.shown(get('oordeel'))}' kan niet; kies akkoord, aangepast of afgewezen.")
        return None
    if not rid or not print_:
        bad(f"{where} mist de Regel-id of de Vingerafdruk, dus het oordeel hoort bij geen regel. {NIEUW}")
        return None
    aantal: Decimal | None = None
    if _text(aantal_raw):
        aantal, _ = parse_decimal(aantal_raw)
        if aantal is None or aantal <= 0 or aantal > MAX_AANTAL:
            bad(
                f"{where}: aantal (beoordeeld) '{privacy.shown(aantal_raw)}' is geen getal groter dan 0 en hoogstens "
                f"{MAX_AANTAL:,}".replace(",", ".")
                + " (zoals in een casus); het oordeel telt niet mee.",
                key="aantal_beoordeeld",
            )
            return None
    kans: int | None = None
    if _text(kans_raw):
        raw = kans_raw.strip().rstrip("%").strip() if isinstance(kans_raw, str) else kans_raw
        number, _ = parse_decimal(raw)
        kans = kans_waarde(number)
        if kans is None:
            hint = ""
            if number is not None and 0 < number < 1:  # 0,75 meant as 75%, as the case reader says too
                hint = f" Bedoelde u {format(number * 100, 'f').rstrip('0').rstrip('.')}? Typ dan dat getal."
            bad(
                f"{where}: kans (beoordeeld) '{privacy.shown(kans_raw)}' is geen {KANS_REGEL}; het oordeel telt niet "
                f"mee.{hint}",
                key="kans_beoordeeld",
            )
            return None
    if oordeel == "aangepast" and aantal is None and kans is None:
        bad(f"{where}: 'aangepast' zonder nieuw aantal of nieuwe kans; vul er minstens een in, of kies akkoord.")
        return None
    if oordeel != "aangepast" and has_numbers:
        bad(
            f"{where}: oordeel '{oordeel}' met een nieuw aantal of nieuwe kans. Kies 'aangepast' als u die "
            "wilt gebruiken, of maak de cellen leeg."
        )
        return None
    return Verdict(pad, cel, result.beoordelaar, rid, print_, oordeel, aantal, kans, opmerking)


def is_review_workbook(path: Path | str) -> bool:
    """True for an .xlsx file with a Beoordeling sheet and no Casus sheet (a file, not a folder)."""
    p = Path(path)
    if not p.is_file() or p.suffix.lower() != ".xlsx":
        return False
    inspection = guards.inspect(p)
    if not inspection.ok:
        return False  # the case reader reports it
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(inspection.data))
    except Exception:  # not readable: the case reader reports it
        return False
    try:
        names = {n.strip().casefold() for n in workbook.sheet_names}
    finally:
        workbook.close()
    return REVIEW_SHEET.casefold() in names and "casus" not in names


def read_reviews(paths: Iterable[Path | str]) -> list[ReviewFile]:
    """Read review workbooks; folders are searched for .xlsx files (lock files skipped)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(
                sorted(
                    (f for f in p.rglob("*.xlsx") if not f.name.startswith(("~$", ".~"))),
                    key=lambda f: str(f),
                )
            )
        else:
            files.append(p)
    seen: set[Path] = set()
    out = []
    for f in files:
        if f.absolute() not in seen:
            seen.add(f.absolute())
            out.append(read_review(f))
    return out
