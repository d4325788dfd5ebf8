"""Reading the Casus sheet: field label in column A, value in column B."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from rendementsmeter.core.findings import cell_name
from rendementsmeter.core.model import Case, Verhaal, ZrmScore
from rendementsmeter.core.money import parse_decimal
from rendementsmeter.read import privacy
from rendementsmeter.read.base import NIEUW_SJABLOON, ReaderBase, empty, label, text
from rendementsmeter.spec import casus as spec
from rendementsmeter.spec import zrm

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


#: Fields a file from template version 1 lacks: read with a warning instead of an error.
_OUDER_SJABLOON = {
    "aandeel": (
        "aandeel-ontbreekt",
        f"Het veld 'Aandeel eigen inzet (%)' ontbreekt (ouder sjabloon); de vermeden zorg telt voor "
        f"{spec.AANDEEL_ONTBREEKT}%. Vul het in een nieuw sjabloon in als een deel van het resultaat door "
        "familie, huisarts of andere hulp komt.",
    ),
    "afsluitreden": (
        "afsluitreden-ontbreekt",
        "Het veld 'Afsluitreden' ontbreekt (ouder sjabloon); de reden is onbekend en de regels voor overleden, "
        "verhuisd of overgedragen kunnen niet worden toegepast. Gebruik voor nieuwe casussen het nieuwe sjabloon.",
    ),
}


def _labels(keys: tuple[str, ...]) -> list[str]:
    """The casefolded labels of case fields, as `where` holds them."""
    by_key = {f.key: f.label.casefold() for f in spec.CASE_FIELDS}
    return [by_key[k] for k in keys]


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
                if f.key in _OUDER_SJABLOON:
                    code, melding = _OUDER_SJABLOON[f.key]
                    self.add(code, melding, blad=blad, cel="A")
                elif f.required:
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
        afsluitreden = values.get("afsluitreden") or ""
        self._check_afsluitreden(afsluitreden, cell_name(where.get("afsluitreden", 0), 1))
        aandeel = values.get("aandeel")
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
            aandeel=int(aandeel) if aandeel else spec.AANDEEL_ONTBREEKT,
            afsluitreden=afsluitreden,
            verhaal=self._verhaal(values, where),
            sjabloonversie=self.sjabloonversie,
            prijslijstversie=self.prijslijstversie,
        )

    def _check_afsluitreden(self, reden: str, cel: str) -> None:
        blad = spec.CASE_SHEET
        if reden == spec.OVERLEDEN:
            self.add(
                "afsluitreden-overleden",
                "De cliënt is overleden: zorg die niet meer nodig is omdat iemand overleed, is geen besparing. De "
                "vermeden zorg van deze casus telt € 0,00 (de regels blijven zichtbaar); de inzet telt wel.",
                blad=blad,
                cel=cel,
            )
        elif reden in spec.ONZEKERE_AFSLUITING:
            self.add(
                "afsluitreden-onzeker",
                f"Afsluitreden '{reden}': of de zorg echt vermeden is, weet u niet zeker (de cliënt is uit beeld). "
                "De casus telt mee; de gevoeligheidsanalyse toont de uitkomst zonder deze casussen.",
                blad=blad,
                cel=cel,
            )

    def _check_case_lines(self, case: Case) -> None:
        """Rules that need the case and its lines: a transfer without Ingezette zorg, no own effort."""
        kinds = {line.kind for line in case.lines}
        if case.afsluitreden == spec.OVERGEDRAGEN and "ingezet" not in kinds:
            self.add(
                "overgedragen-zonder-zorg",
                "De casus is overgedragen aan andere hulp, maar blad Ingezette zorg is leeg. De hulp die het "
                "overnam (een andere wet of aanbieder) is een kostenpost, geen besparing: zet die op Ingezette zorg.",
                blad=spec.LINE_SHEET_BY_KIND["ingezet"].name,
            )
        if "vermeden" in kinds and "inzet" not in kinds:
            self.add(
                "geen-eigen-inzet",
                "Er staat vermeden zorg maar geen eigen inzet: dan zijn er baten zonder kosten en is het rendement "
                "van de casus n.v.t. Vul op blad Inzet uw uren (en die van collega's en vrijwilligers) in.",
                blad=spec.LINE_SHEET_BY_KIND["inzet"].name,
            )

    def _verhaal(self, values: dict[str, Any], where: dict[str, int]) -> Verhaal | None:
        """The story fields, if any is filled. Personal data in them was masked while reading the sheet."""
        texts = [values.get(k) or "" for k in spec.VERHAAL_KEYS]
        if not any(texts):
            return None
        cells = {cell_name(where[k], 1) for k in _labels(spec.VERHAAL_KEYS) if k in where}
        afgeschermd = any(
            f.code == "persoonsgegevens" and f.blad == spec.CASE_SHEET and f.cel in cells for f in self.findings
        )
        in_rapport = (values.get("verhaal_in_rapport") or "nee") == "ja"
        return Verhaal(texts[0], texts[1], texts[2], in_rapport, afgeschermd)

    def _read_zrm(self, rows: list[list[Any]]) -> tuple[ZrmScore, ...]:
        """The optional Zelfredzaamheid sheet: life domain in column A, scores in B (start) and C (closure)."""
        blad = zrm.ZRM_SHEET
        known = {x.casefold(): x for x in zrm.LEEFGEBIEDEN}
        scores: dict[str, ZrmScore] = {}
        for r, row in enumerate(rows):
            name = known.get(text(row[0]).casefold()) if row and isinstance(row[0], str) else None
            if name is None:
                continue
            pair: list[int | None] = []
            for c in (1, 2):
                raw = row[c] if len(row) > c else None
                number, _ = parse_decimal(raw) if not empty(raw) else (None, False)
                if number is not None and number == number.to_integral_value() and 1 <= number <= 5:
                    pair.append(int(number))
                    continue
                if not empty(raw):
                    self.add(
                        "zrm-ongeldig",
                        f"Score '{text(raw)}' bij {name} is geen ZRM-score; kies 1 tot en met 5. Niet meegeteld.",
                        blad=blad,
                        cel=cell_name(r, c),
                    )
                pair.append(None)
            if pair != [None, None]:
                scores[name] = ZrmScore(name, pair[0], pair[1])
        return tuple(scores[x] for x in zrm.LEEFGEBIEDEN if x in scores)

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
        if isinstance(eind, date):  # (kept with the reading: the cache checks it on another day)
            self.einddatum, self.einddatum_later = eind, eind > self.vandaag
        if self.einddatum_later:
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
            low, high = f.bereik
            if number is None or number != number.to_integral_value() or not low <= number <= high:
                self.add(
                    "veld-ongeldig",
                    f"'{f.label}' moet een heel aantal maanden zijn ({low}-{high}), niet '{privacy.shown(raw)}'.",
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
            elif raw != match and not (isinstance(raw, (int, float)) and text(raw) == match):  # 75 picked as a number
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
