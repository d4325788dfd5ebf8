"""Reading the Casus sheet: field label in column A, value in column B."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from rendementsmeter.core.findings import cell_name
from rendementsmeter.core.model import Case
from rendementsmeter.core.money import parse_decimal
from rendementsmeter.read import privacy
from rendementsmeter.read.base import NIEUW_SJABLOON, ReaderBase, empty, label, text
from rendementsmeter.spec import casus as spec

_MAANDEN = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "maa": 3,
    "mar": 3,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(rf"(\d{{1,2}})[-/. ](\d{{1,2}})[-/. ](\d{{4}}|\d{{2}}){_TIME}")
_YMD = re.compile(rf"(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}")
_D_MONTH_Y = re.compile(r"(\d{1,2})[ -]?([a-z]{3})[a-z]*\.?[ -]?(\d{4}|\d{2})")


def parse_date_text(value: str) -> date | None:
    """A date typed as text the ways Dutch users type it: 1-3-2026, 01/03/26, 1.3.2026, 2026-03-01,
    1 maart 2026, 1-mrt-2026 (a time after it is ignored). Day before month, as in the Netherlands."""
    s = value.strip().casefold()
    for regex, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_D_MONTH_Y, "dmy")):
        m = regex.fullmatch(s)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            y, mo, d = int(a), int(b), int(c)
        else:
            d, y = int(a), int(c)
            mo = int(b) if b.isdigit() else _MAANDEN.get(b, 0)
        if y < 100:
            y += 2000 if y < 70 else 1900
        try:
            return date(y, mo, d)
        except ValueError:
            return None
    return None


def _versie(value: str) -> tuple[int, ...] | None:
    return tuple(int(p) for p in value.split(".")) if re.fullmatch(r"\d+(\.\d+)*", value) else None


class CasusSheet(ReaderBase):
    """The Casus part of the reader."""

    sjabloonversie: str = ""
    prijslijstversie: str = ""

    def versie_ouder(self) -> bool:
        """Whether the file says it was made with an older template than this reader's."""
        mine, theirs = _versie(spec.SJABLOONVERSIE), _versie(self.sjabloonversie)
        return bool(mine and theirs and theirs < mine)

    def _read_case_sheet(self, rows: list[list[Any]]) -> Case | None:
        blad = spec.CASE_SHEET
        where: dict[str, int] = {}
        for i, row in enumerate(rows):
            if row and isinstance(row[0], str):
                where.setdefault(label(row[0]), i)
        for name in ("Sjabloonversie", "Prijslijstversie"):
            at = where.get(name.casefold())
            setattr(self, name.lower(), text(rows[at][1]) if at is not None and len(rows[at]) > 1 else "")
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
            cel = cell_name(found, 1)
            if self.formula(blad, found, 1):
                self.add(
                    "formule-in-invoer",
                    f"'{f.label}' (cel {cel}) is een formule; typ de waarde zelf. Formules in een casusbestand "
                    "worden niet uitgerekend.",
                    blad=blad,
                    cel=cel,
                )
                values[f.key] = None
                continue
            raw = rows[found][1] if len(rows[found]) > 1 else None
            values[f.key] = self._case_value(f, raw, cel)
        self._check_version()
        self._check_dates(values, where)
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
        start, eind = values.get("startdatum"), values.get("einddatum")
        return Case(
            pad=self.pad,
            casusnummer=values["casusnummer"],
            domein=values["domein"],
            einddatum=eind if isinstance(eind, date) else None,
            team=values.get("team") or "",
            werker=values.get("werker") or "",
            startdatum=start if isinstance(start, date) else None,
            horizon=horizon,
            leefgebieden=tuple(values.get("leefgebieden") or ()),
            samenvatting=values.get("samenvatting") or "",
            sjabloonversie=self.sjabloonversie,
            prijslijstversie=self.prijslijstversie,
        )

    def _check_version(self) -> None:
        versie = self.sjabloonversie
        if not versie or versie == spec.SJABLOONVERSIE:
            return
        if self.versie_ouder():
            uitleg = "Het bestand is gelezen; gebruik voor nieuwe casussen het nieuwe sjabloon."
        elif _versie(versie):
            uitleg = (
                "Het sjabloon is nieuwer dan deze rendementsmeter; werk de rendementsmeter bij "
                "(`pip install -U rendementsmeter`). Het bestand is wel gelezen."
            )
        else:
            uitleg = "Het bestand is gelezen; gebruik voor nieuwe casussen het sjabloon van de rendementsmeter."
        self.add(
            "sjabloonversie-anders",
            f"Gemaakt met sjabloonversie {versie}; de huidige is {spec.SJABLOONVERSIE}. {uitleg}",
            blad=spec.CASE_SHEET,
        )

    def _check_dates(self, values: dict[str, Any], where: dict[str, int]) -> None:
        blad = spec.CASE_SHEET
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

    def _case_value(self, f: spec.Field, raw: Any, cel: str) -> Any:
        blad = spec.CASE_SHEET
        if empty(raw):
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
                    f"'{f.label}' moet een heel aantal maanden zijn (1-120), niet '{privacy.shown(raw)}'.",
                    blad=blad,
                    cel=cel,
                )
                return None
            if as_text:
                self.add(
                    "getal-als-tekst",
                    f"'{f.label}' staat als tekst ('{privacy.shown(raw)}') en is gelezen als {int(number)}; typ het als getal.",
                    blad=blad,
                    cel=cel,
                )
            return int(number)
        value = text(raw)
        if f.type == "keuze":
            match = next((c for c in f.choices if c.casefold() == value.casefold()), None)
            if match is None:
                self.add(
                    "veld-ongeldig",
                    f"'{privacy.shown(value)}' is geen geldig {f.label.lower()}; kies uit: {', '.join(f.choices)}.",
                    blad=blad,
                    cel=cel,
                )
            elif raw != match:
                self.add(
                    "waarde-aangepast",
                    f"{f.label} '{privacy.shown(value)}' is gelezen als '{match}'; kies het uit de keuzelijst.",
                    blad=blad,
                    cel=cel,
                )
            return match
        if f.key == "leefgebieden":
            return self._leefgebieden(value, cel)
        return value

    def _leefgebieden(self, value: str, cel: str) -> list[str]:
        known = {x.casefold(): x for x in spec.LEEFGEBIEDEN}
        out = []
        for part in value.replace(";", ",").split(","):
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
                f"'{f.label}' staat als getal ({privacy.shown(raw)}) en is gelezen als {value:%d-%m-%Y}; maak er een datum van.",
                blad=blad,
                cel=cel,
            )
            return value
        typed = text(raw)
        parsed = parse_date_text(typed) if isinstance(raw, str) else None
        if parsed is not None:
            self.add(
                "datum-als-tekst",
                f"'{f.label}' staat als tekst ('{privacy.shown(typed)}') en is gelezen als {parsed:%d-%m-%Y}; controleer dit.",
                blad=blad,
                cel=cel,
            )
            return parsed
        self.add(
            "datum-ongeldig",
            f"'{f.label}' is geen datum: '{privacy.shown(typed)}'. Typ de datum als dd-mm-jjjj.",
            blad=blad,
            cel=cel,
        )
        return None
