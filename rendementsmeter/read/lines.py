"""Reading the line sheets (Inzet, Ingezette zorg, Vermeden zorg): one table under a header row."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rendementsmeter.core.findings import cell_name
from rendementsmeter.core.model import Case, Line
from rendementsmeter.core.money import format_number, parse_decimal
from rendementsmeter.read import privacy
from rendementsmeter.read.base import (
    HEADER_SCAN_ROWS,
    NIEUW_SJABLOON,
    READ_KEYS,
    ReaderBase,
    empty,
    header_key,
    text,
)
from rendementsmeter.spec import casus as spec
from rendementsmeter.spec.casus import KANS_REGEL, MAX_AANTAL, kans_waarde
from rendementsmeter.spec.rekenregels import past_in_horizon

#: a number written the way a programmer or an English spreadsheet writes it: 1e3, 1_000, 1,234.5
AMBIGUOUS_NUMBER = re.compile(r"\d[eE_]\d|\d[eE][+-]\d|\d,\d+\.\d|\d,\d{3},\d")
AMBIGUOUS_HINT = (
    "dit getal kan op meer manieren gelezen worden (e-notatie, een liggend streepje of Engelse komma's); typ "
    "het op z'n Nederlands, bijv. 1234,5."
)


def _echo_amount(number: Decimal) -> str:
    """A too large amount as a message may repeat it: not from a million on (seven digits or more can be a
    phone number or a BSN typed as a number), and never in exponent notation."""
    if number >= 1_000_000:
        return ""
    return format_number(number, 0 if number == number.to_integral_value() else 2) + " "


class LineSheets(ReaderBase):
    """The line part of the reader."""

    def _read_lines(self, sheet: spec.LineSheet, rows: list[list[Any]], case: Case | None) -> bool:
        """Read one line sheet into `case`; False when its header row is not usable."""
        header_row, columns = self._find_header(sheet, rows)
        if header_row is None:
            return False
        self._check_merged(sheet, header_row, columns)
        post_col = columns["post"]
        headers = {header_key(v): c for c, v in enumerate(rows[header_row]) if isinstance(v, str) and v.strip()}
        wet_col = headers.get(header_key("Wet")) if "wet" in sheet.keys else None
        cols = [columns.get(k) for k in READ_KEYS]
        read = [(k, c, cell_name(0, c)[:-1]) for k, c in zip(READ_KEYS, cols, strict=True) if c is not None]
        in_file = self.formula_cells(sheet.name, [c for _, c, _ in read])
        width = len(cols)
        for r in range(header_row + 1, len(rows)):
            row = rows[r]
            values = [row[c] if c is not None and c < len(row) else None for c in cols]
            formulas = [k for k, _, letters in read if f"{letters}{r + 1}" in in_file] if in_file else []
            if not formulas and (values.count(None) + values.count("") == width or all(empty(v) for v in values)):
                continue
            if formulas:
                cells = ", ".join(cell_name(r, columns[k]) for k in formulas)
                self.add(
                    "formule-in-invoer",
                    f"Rij {r + 1} heeft een formule in {cells}; typ de waarde zelf. Formules in een casusbestand "
                    "worden niet uitgerekend, dus deze regel telt niet mee.",
                    blad=sheet.name,
                    cel=cell_name(r, columns[formulas[0]]),
                )
                continue
            post, aantal, kans, toelichting = values
            line = self._line(sheet, r, post_col, columns, post, aantal, kans, toelichting)
            if line is not None and wet_col is not None:
                self._check_wet(sheet, r, wet_col, row, line.code)
            if line is not None and case is not None:
                assert isinstance(case.lines, list)  # a case being read from its file, never an export's slice
                case.lines.append(line)
                if sheet.kind == "vermeden":
                    self._check_horizon(sheet, line, case.horizon, cell_name(r, columns["aantal"]))
        return True

    def _check_horizon(self, sheet: spec.LineSheet, line: Line, horizon: int, cel: str) -> None:
        """`aantal-horizon`: more units of a time unit than fit in the case's horizon."""
        eenheid = self.prijslijst.items[line.code].eenheid
        fits = past_in_horizon(eenheid, horizon)
        if fits is None or line.aantal <= Decimal(fits.numerator) / Decimal(fits.denominator):
            return
        past = format_number(Decimal(fits.numerator) / Decimal(fits.denominator), 1).removesuffix(",0")
        self.add(
            "aantal-horizon",
            f"Aantal {format_number(line.aantal).removesuffix(',00')} ({eenheid}) is meer dan in de horizon van {horizon} maanden past "
            f"(hoogstens {past}). Dat kan kloppen voor een huishouden van meer personen; anders: verlaag het aantal "
            "tot wat binnen de horizon nodig was geweest.",
            blad=sheet.name,
            cel=cel,
        )

    def _find_header(self, sheet: spec.LineSheet, rows: list[list[Any]]) -> tuple[int | None, dict[str, int]]:
        wanted = {header_key(c.header): c for c in sheet.columns if c.key in READ_KEYS}
        for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
            cells = {header_key(v): (c, v.strip()) for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
            if "post" not in cells:
                continue
            columns = {col.key: cells[k][0] for k, col in wanted.items() if k in cells}
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
            self._check_header(sheet, r, columns, {col.key: cells[k][1] for k, col in wanted.items() if k in cells})
            return r, columns
        self.add(
            "kop-ontbreekt",
            f"Geen kopregel met 'Post' gevonden in de eerste {HEADER_SCAN_ROWS} rijen "
            f"van blad '{sheet.name}'. {NIEUW_SJABLOON}",
            blad=sheet.name,
        )
        return None, {}

    def _check_header(self, sheet: spec.LineSheet, r: int, columns: dict[str, int], typed: dict[str, str]) -> None:
        """Warn when the header sits elsewhere or is spelled otherwise than the template has it."""
        renamed = [
            f"'{privacy.shown(typed[k])}' (sjabloon: '{sheet.column(k).header}')"
            for k in typed
            if typed[k] != sheet.column(k).header
        ]
        moved = r != spec.HEADER_ROW - 1 or any(columns[k] != sheet.keys.index(k) for k in columns)
        if not renamed and not moved:
            return
        parts = []
        if moved:
            where = ", ".join(f"{sheet.column(k).header} in kolom {cell_name(0, c)[:-1]}" for k, c in columns.items())
            parts.append(f"De kopregel staat op rij {r + 1} ({where}); in het sjabloon is dat rij {spec.HEADER_ROW}.")
        if renamed:
            parts.append(f"Anders geschreven: {', '.join(renamed)}.")
        self.add(
            "kop-afwijkend",
            " ".join(parts) + " De tabel is gelezen; controleer of de kolommen kloppen, of zet de gegevens in een "
            "nieuw sjabloon.",
            blad=sheet.name,
            cel=cell_name(r, columns["post"]),
        )

    def _check_merged(self, sheet: spec.LineSheet, header_row: int, columns: dict[str, int]) -> None:
        read_cols = set(columns.values())
        for (r0, c0), (r1, c1) in self.merged.get(self.names.get(sheet.name, sheet.name), ()):
            if r1 <= header_row or (r0 == r1 and c0 == c1):
                continue
            if not any(c0 <= c <= c1 for c in read_cols):
                continue
            first, last = cell_name(r0, c0), cell_name(r1, c1)
            self.add(
                "cellen-samengevoegd",
                f"De cellen {first}:{last} zijn samengevoegd; alleen {first} telt, de andere rijen of kolommen zijn "
                "leeg voor de rendementsmeter. Maak de samenvoeging ongedaan en vul elke regel apart in.",
                blad=sheet.name,
                cel=first,
            )

    def _post(self, sheet: spec.LineSheet, post: Any, post_cel: str) -> Any:
        """The price list item of a line, or None (with a finding)."""
        blad = sheet.name
        typed = text(post)
        item = self.prijslijst.zoek(typed)
        if item is None:
            self.add(
                "post-onbekend",
                f"Post '{privacy.shown(typed)}' staat niet in de prijslijst. Kies een post "
                "uit de keuzelijst; staat hij er niet in, vraag dan uw teamleider om hem toe te "
                "voegen aan de prijslijst van uw organisatie.",
                blad=blad,
                cel=post_cel,
            )
            return None
        if item.soort != sheet.soort:
            plaats = "blad Inzet" if item.soort == "inzet" else "blad Ingezette zorg of Vermeden zorg"
            self.add(
                "post-verkeerde-soort",
                f"Post {item.code} ({item.omschrijving}) hoort op {plaats}, niet op '{blad}'.",
                blad=blad,
                cel=post_cel,
            )
            return None
        if post not in (item.code, item.label):
            self.add(
                "waarde-aangepast",
                f"Post '{privacy.shown(typed)}' is gelezen als {item.code} ({item.omschrijving}, {item.eenheid}); controleer dit "
                "en kies de post uit de keuzelijst.",
                blad=blad,
                cel=post_cel,
            )
        return item

    def _check_wet(self, sheet: spec.LineSheet, r: int, col: int, row: list[Any], code: str) -> None:
        """The law typed or picked next to a post must be the post's law (the post decides)."""
        typed = text(row[col]) if col < len(row) else ""
        wet = self.prijslijst.items[code].wet
        if typed and typed.casefold() != wet.casefold():
            self.add(
                "wet-afwijkend",
                f"Bij Wet staat '{privacy.shown(typed)}', maar post {code} valt onder {wet}; de regel telt onder "
                f"{wet}. Kies de wet die bij de post hoort, of een andere post.",
                blad=sheet.name,
                cel=cell_name(r, col),
            )

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
        item = None
        if empty(post):
            self.add(
                "regel-zonder-post",
                f"Rij {r + 1} heeft een aantal, kans of toelichting maar geen post; kies een post of maak de rij leeg.",
                blad=blad,
                cel=post_cel,
            )
        else:
            item = self._post(sheet, post, post_cel)
        ok = item is not None
        number = self._aantal(
            blad, r, columns["aantal"], aantal, has_post=not empty(post), eenheid=item.eenheid if item else ""
        )
        ok = ok and number is not None
        kans_value = None
        if sheet.kind == "vermeden":
            kans_value = self._kans(blad, r, columns["kans"], kans)
            ok = ok and kans_value is not None
            if empty(toelichting) and ok:
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
            toelichting=text(toelichting),
        )

    def _aantal(self, blad: str, r: int, col: int, aantal: Any, has_post: bool, eenheid: str) -> Any:
        cel = cell_name(r, col)
        if empty(aantal):
            if has_post:
                self.add(
                    "regel-zonder-aantal",
                    f"Rij {r + 1} heeft een post maar geen aantal; vul het aantal "
                    "in (in de eenheid van de post) of maak de rij leeg.",
                    blad=blad,
                    cel=cel,
                )
            return None
        number, as_text = parse_decimal(aantal)
        if number is None or number <= 0:
            hint = "typ alleen een getal, bijv. 6 of 1,5."
            if isinstance(aantal, str) and "€" in aantal:
                hint = "dit lijkt een bedrag: typ het aantal eenheden (de prijs komt uit de prijslijst)."
            elif isinstance(aantal, str) and AMBIGUOUS_NUMBER.search(aantal):
                hint = AMBIGUOUS_HINT
            self.add(
                "aantal-ongeldig",
                f"Aantal '{privacy.shown(aantal)}' is geen getal groter dan 0; {hint}",
                blad=blad,
                cel=cel,
            )
            return None
        if number > MAX_AANTAL:
            self.add(
                "aantal-te-groot",
                f"Aantal {_echo_amount(number)}is onwaarschijnlijk "
                f"groot (meer dan {format_number(MAX_AANTAL, 0)}{' ' + eenheid if eenheid else ''}). Typ het aantal "
                "in de eenheid van de post, bijv. 12 (uur) of 6 (maanden).",
                blad=blad,
                cel=cel,
            )
            return None
        if as_text:
            self.add(
                "getal-als-tekst",
                f"Aantal '{privacy.shown(aantal)}' staat als tekst en is gelezen als {str(number).replace('.', ',')}; typ het "
                "als getal.",
                blad=blad,
                cel=cel,
            )
        return number

    def _kans(self, blad: str, r: int, col: int, kans: Any) -> int | None:
        cel = cell_name(r, col)
        if empty(kans):
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
        if kans_waarde(number) is not None:
            assert number is not None
            if as_text:
                self.add(
                    "getal-als-tekst",
                    f"Kans '{privacy.shown(kans)}' staat als tekst en is gelezen als {int(number)}; typ alleen het getal.",
                    blad=blad,
                    cel=cel,
                )
            return int(number)
        hint = ""
        if number is not None and 0 < number < 1:
            hint = f" Bedoelde u {format(number * 100, 'f').rstrip('0').rstrip('.')}? Typ dan dat getal."
        elif isinstance(kans, str) and AMBIGUOUS_NUMBER.search(kans):
            hint = f" {AMBIGUOUS_HINT[0].upper()}{AMBIGUOUS_HINT[1:].replace('1234,5', '75')}"
        self.add("kans-ongeldig", f"Kans '{privacy.shown(kans)}' is geen {KANS_REGEL}.{hint}", blad=blad, cel=cel)
        return None
