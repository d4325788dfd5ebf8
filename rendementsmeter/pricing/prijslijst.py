"""The societal price list: loading, validation, overrides and indexation to one price level."""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from rendementsmeter.core.findings import Finding
from rendementsmeter.core.money import parse_decimal, round_cents
from rendementsmeter.pricing.kolommen import (
    BETROUWBAARHEID,
    COLUMNS,
    FINANCIERS,
    LABEL_SEP,
    NEW_ITEM_FIELDS,
    REQUIRED_COLUMNS,
    SOORTEN,
    WETTEN,
)

__all__ = ["BETROUWBAARHEID", "COLUMNS", "FINANCIERS", "SOORTEN", "WETTEN"]


class PrijspeilFout(ValueError):
    """A price level outside the CPI series."""


@dataclass(frozen=True)
class Item:
    """One price list item, as loaded (price at its own price year)."""

    code: str
    omschrijving: str
    wet: str
    financier: str
    eenheid: str
    prijs: Decimal
    prijsjaar: int
    bron: str
    uren_per_eenheid: Decimal | None = None
    sector: str = ""
    overdracht: bool = False
    soort: str = "zorg"
    betrouwbaarheid: str = ""
    prijs_laag: Decimal | None = None
    prijs_hoog: Decimal | None = None
    keuzelijst: bool = True  # offered in the template's dropdown
    vervangen_door: str = ""  # the dropdown post for the same real-world item, for a hidden post
    bestand: str = ""

    @property
    def label(self) -> str:
        """The text shown in the template's dropdown: `CODE – omschrijving (eenheid)`."""
        return f"{self.code}{LABEL_SEP}{self.omschrijving} ({self.eenheid})"


@dataclass(frozen=True)
class Override:
    """An item of an earlier price list replaced by a later file."""

    code: str
    oud: Item
    nieuw: Item


@dataclass
class Prijslijst:
    """The merged price list with its CPI series."""

    items: dict[str, Item]
    cpi: dict[int, Decimal]
    bestanden: list[str] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    versie: str = ""

    @property
    def standaard_prijspeil(self) -> int:
        """The latest year of the CPI series."""
        return max(self.cpi)

    def peil(self, prijspeil: int | None = None) -> int:
        """The price level to use: `prijspeil`, or the default (standaard_prijspeil); a year outside
        the CPI series raises PrijspeilFout with a Dutch message."""
        peil = prijspeil or self.standaard_prijspeil
        if peil not in self.cpi:
            raise PrijspeilFout(
                f"{peil} staat niet in de CPI-reeks; kies een jaar van {min(self.cpi)} tot en met {max(self.cpi)}."
            )
        return peil

    def factor(self, prijsjaar: int, prijspeil: int) -> Decimal:
        return self.cpi[prijspeil] / self.cpi[prijsjaar]

    def prijs_op_peil(self, code: str, prijspeil: int) -> Decimal:
        """Unit price at `prijspeil`: prijs × cpi[prijspeil] / cpi[prijsjaar], rounded to cents."""
        item = self.items[code]
        return round_cents(item.prijs * self.cpi[prijspeil] / self.cpi[item.prijsjaar])

    def zoek(self, text: str) -> Item | None:
        """Find an item by its dropdown label, its bare code or its description (any case)."""
        key = text.strip()
        if not key:
            return None
        code = key.split(LABEL_SEP, 1)[0].strip().upper()
        if code in self.items:
            return self.items[code]
        return self._by_description().get(key.casefold())

    def _by_description(self) -> dict[str, Item]:
        cache = self.__dict__.get("_desc")
        if cache is None:
            cache = {}
            for item in self.items.values():
                cache[item.omschrijving.casefold()] = item
                cache[item.label.casefold()] = item
            self.__dict__["_desc"] = cache
        return cache

    def van_soort(self, soort: str, keuzelijst: bool = False) -> list[Item]:
        """Items of one kind, ordered by law (in WETTEN order) then code; with `keuzelijst` only the
        items offered in the template's dropdown (the others stay priced, for old files and re-pricing)."""
        order = {w: i for i, w in enumerate(WETTEN)}
        return sorted(
            (i for i in self.items.values() if i.soort == soort and (i.keuzelijst or not keuzelijst)),
            key=lambda i: (order.get(i.wet, 99), i.code),
        )


class PrijslijstFout(Exception):
    """The price list (or CPI series) could not be loaded; carries the findings."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


def data_dir() -> Path:
    """Folder with the bundled price list: the repository's, or the installed copy."""
    repo = Path(__file__).resolve().parents[2] / "prijslijst"
    if (repo / "prijslijst.csv").is_file():
        return repo
    installed = Path(sys.prefix) / "share" / "rendementsmeter" / "prijslijst"
    return installed


def standaard_prijslijst() -> Path:
    return data_dir() / "prijslijst.csv"


def standaard_cpi() -> Path:
    return data_dir() / "cpi.csv"


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Rows of a CSV with comma or semicolon separator (Excel in Dutch saves with ';')."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PrijslijstFout(
            [
                Finding(
                    str(path),
                    "prijslijst-onleesbaar",
                    "Het bestand is geen UTF-8-tekst. Sla de prijslijst op als 'CSV UTF-8 (door komma's gescheiden)'.",
                )
            ]
        ) from None
    except OSError as exc:
        raise PrijslijstFout(
            [Finding(str(path), "prijslijst-onleesbaar", f"Het bestand kan niet gelezen worden ({exc.strerror}).")]
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise PrijslijstFout([Finding(str(path), "prijslijst-onleesbaar", "Het bestand is leeg.")]) from None
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        rows.append((reader.line_num, row))
    return header, rows


def load_cpi(path: Path | str | None = None) -> dict[int, Decimal]:
    """CPI series `jaar, cpi` as {year: index}."""
    p = Path(path) if path else standaard_cpi()
    header, rows = _read_rows(p)
    problems = [
        Finding(
            str(p),
            "prijslijst-kolom",
            f"Kolom '{c}' ontbreekt in de CPI-reeks; nodig zijn de kolommen jaar en cpi.",
            cel=f"rij 1, kolom {c}",
        )
        for c in ("jaar", "cpi")
        if c not in header
    ]
    if problems:
        raise PrijslijstFout(problems)
    cpi: dict[int, Decimal] = {}
    for line, row in rows:
        value, _ = parse_decimal(row["cpi"])
        if not row["jaar"].isdigit() or value is None or value <= 0:
            problems.append(
                Finding(
                    str(p),
                    "prijslijst-waarde",
                    f"Jaar '{row['jaar']}' of CPI '{row['cpi']}' is geen geldig getal.",
                    cel=f"rij {line}",
                )
            )
            continue
        cpi[int(row["jaar"])] = value
    if problems:
        raise PrijslijstFout(problems)
    if not cpi:
        raise PrijslijstFout([Finding(str(p), "prijslijst-onleesbaar", "De CPI-reeks heeft geen rijen.")])
    return cpi


def _parse_item(
    path: Path, line: int, row: dict[str, str], earlier: Item | None, cpi: dict[int, Decimal], problems: list[Finding]
) -> Item | None:
    def bad(column: str, message: str) -> None:
        problems.append(Finding(str(path), "prijslijst-waarde", message, cel=f"rij {line}, kolom {column}"))

    code = row["code"].strip().upper()
    before = len(problems)
    values: dict[str, object] = {}
    for name in NEW_ITEM_FIELDS + ("sector",):
        text = row.get(name, "").strip()
        if text:
            values[name] = text
        elif earlier is None and name in NEW_ITEM_FIELDS:
            bad(name, f"'{name}' is leeg voor nieuwe code {code}; vul het in.")
    if "wet" in values and values["wet"] not in WETTEN:
        bad("wet", f"Onbekende wet '{values['wet']}'; kies uit: {', '.join(WETTEN)}.")
    if "financier" in values and values["financier"] not in FINANCIERS:
        bad("financier", f"Onbekende financier '{values['financier']}'; kies uit: {', '.join(FINANCIERS)}.")
    prijs, _ = parse_decimal(row["prijs"])
    if prijs is None or prijs <= 0:
        bad("prijs", f"Prijs '{row['prijs']}' van {code} is geen bedrag groter dan 0.")
    values["prijs"] = prijs
    jaar = row["prijsjaar"].strip()
    if not jaar.isdigit():
        bad("prijsjaar", f"Prijsjaar '{jaar}' van {code} is geen jaartal.")
    elif int(jaar) not in cpi:
        problems.append(
            Finding(
                str(path),
                "prijslijst-prijsjaar",
                f"Prijsjaar {jaar} van {code} staat niet in de CPI-reeks "
                f"({min(cpi)}-{max(cpi)}); vul de CPI-reeks aan of kies een ander prijsjaar.",
                cel=f"rij {line}, kolom prijsjaar",
            )
        )
    else:
        values["prijsjaar"] = int(jaar)
    if not row["bron"].strip():
        bad("bron", f"Bron van {code} is leeg; elke prijs noemt zijn bron.")
    values["bron"] = row["bron"].strip()
    for name in ("uren_per_eenheid", "prijs_laag", "prijs_hoog"):
        text = row.get(name, "").strip()
        if text:
            number, _ = parse_decimal(text)
            if number is None or number < 0:
                bad(name, f"'{name}' van {code} is geen getal van 0 of meer: '{text}'.")
            values[name] = number
        elif earlier is not None and name != "uren_per_eenheid":
            values[name] = None  # a new price makes the old range meaningless
    text = row.get("overdracht", "").strip().lower()
    if text:
        if text not in ("ja", "nee"):
            bad("overdracht", f"'overdracht' van {code} moet ja of nee zijn, niet '{text}'.")
        values["overdracht"] = text == "ja"
    text = row.get("soort", "").strip().lower()
    if text:
        if text not in SOORTEN:
            bad("soort", f"Onbekende soort '{text}' bij {code}; kies inzet of zorg.")
        values["soort"] = text
    text = row.get("betrouwbaarheid", "").strip().upper()
    if text:
        if text not in BETROUWBAARHEID:
            bad("betrouwbaarheid", f"Betrouwbaarheid '{text}' van {code} moet A, B of C zijn.")
        values["betrouwbaarheid"] = text
    text = row.get("keuzelijst", "").strip().lower()
    if text:
        if text not in ("ja", "nee"):
            bad("keuzelijst", f"'keuzelijst' van {code} moet ja of nee zijn, niet '{text}'.")
        values["keuzelijst"] = text == "ja"
    if "vervangen_door" in row:
        values["vervangen_door"] = row["vervangen_door"].strip().upper()
    elif values.get("keuzelijst") is True:
        values["vervangen_door"] = ""  # back in the dropdown: no longer replaced
    if len(problems) > before:
        return None
    values["bestand"] = str(path)
    if earlier is not None:
        return replace(earlier, **values)  # type: ignore[arg-type]
    return Item(code=code, **values)  # type: ignore[arg-type]


def load_prijslijst(
    paths: list[Path | str] | tuple[Path | str, ...] = (), cpi: Path | str | None = None, standaard: bool = True
) -> Prijslijst:
    """Load the standard price list plus override files, later files overriding earlier by code.

    An override file needs only the columns code, prijs, prijsjaar and bron; empty cells keep the
    earlier value. Raises PrijslijstFout with every problem found.
    """
    files = [Path(p) for p in paths]
    if standaard:
        base = standaard_prijslijst()
        files = [base] + [f for f in files if f.resolve() != base.resolve()]
    series = load_cpi(cpi)
    items: dict[str, Item] = {}
    overrides: list[Override] = []
    problems: list[Finding] = []
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes() if path.is_file() else b"")
        header, rows = _read_rows(path)
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            problems.extend(
                Finding(
                    str(path),
                    "prijslijst-kolom",
                    f"Kolom '{c}' ontbreekt. Nodig zijn minstens: {', '.join(REQUIRED_COLUMNS)}; "
                    f"een volledige lijst heeft: {', '.join(COLUMNS)}.",
                    cel=f"rij 1, kolom {c}",
                )
                for c in missing
            )
            continue
        seen: dict[str, int] = {}
        for line, row in rows:
            code = row["code"].strip().upper()
            if not code:
                problems.append(Finding(str(path), "prijslijst-waarde", "Code is leeg.", cel=f"rij {line}, kolom code"))
                continue
            if code in seen:
                problems.append(
                    Finding(
                        str(path),
                        "prijslijst-code-dubbel",
                        f"Code {code} staat ook op rij {seen[code]}; elke code één keer.",
                        cel=f"rij {line}, kolom code",
                    )
                )
                continue
            seen[code] = line
            earlier = items.get(code)
            item = _parse_item(path, line, row, earlier, series, problems)
            if item is None:
                continue
            if earlier is not None:
                overrides.append(Override(code, earlier, item))
            items[code] = item
    problems.extend(_check_replacements(items))
    if problems:
        raise PrijslijstFout(problems)
    return Prijslijst(
        items=items, cpi=series, bestanden=[str(f) for f in files], overrides=overrides, versie=digest.hexdigest()[:12]
    )


def _check_replacements(items: dict[str, Item]) -> list[Finding]:
    """A hidden post names the dropdown post for the same real-world item; a dropdown post names none."""
    problems = []
    for item in items.values():
        target = items.get(item.vervangen_door)
        if item.vervangen_door and item.keuzelijst:
            message = f"{item.code} staat in de keuzelijst en heeft dus geen 'vervangen_door'; maak die cel leeg."
        elif item.vervangen_door and (target is None or not target.keuzelijst):
            message = (
                f"'vervangen_door' van {item.code} is {item.vervangen_door}, maar dat is geen post in de "
                "keuzelijst; noem de post die de werker in plaats hiervan kiest, of laat de cel leeg."
            )
        else:
            continue
        problems.append(
            Finding(item.bestand, "prijslijst-waarde", message, cel=f"code {item.code}, kolom vervangen_door")
        )
    return problems
