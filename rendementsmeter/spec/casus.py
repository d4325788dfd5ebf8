"""The one description of a case file.

The template writer, the reader, the checks and the documentation all read this module:
adding a field or a column means touching only this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rendementsmeter.spec.zrm import LEEFGEBIEDEN, ZRM_SHEET

#: Bumped whenever the layout changes in a way the reader must know about.
SJABLOONVERSIE = "2"

DOMEINEN = (
    "ouderen/eenzaamheid",
    "armoede/schulden",
    "maatschappelijke activering",
    "jongeren/psychische gezondheid",
    "opvoeding/gezin",
    "overig",
)

#: Classes of `Aandeel eigen inzet (%)`: the share of what was avoided that the worker's effort caused.
AANDEEL_KLASSEN = (100, 75, 50, 25)
#: Value of a missing `Aandeel eigen inzet (%)` (a file from template version 1), with a warning.
AANDEEL_ONTBREEKT = 100

#: Why a case was closed. The rules (README, "Rekenregels"): `overleden` counts no avoided care;
#: `verhuisd` and `gestopt door cliënt` are uncertain (warning, sensitivity scenario without them);
#: `overgedragen aan andere hulp` belongs with a line under Ingezette zorg.
OVERLEDEN = "overleden"
OVERGEDRAGEN = "overgedragen aan andere hulp"
ONZEKERE_AFSLUITING = ("gestopt door cliënt", "verhuisd")
AFSLUITREDENEN = ("doel bereikt", "deels bereikt", OVERGEDRAGEN, "gestopt door cliënt", "verhuisd", OVERLEDEN)

#: Longest horizon a case may use, in months.
MAX_HORIZON = 60
#: The horizon without spreading or discounting (months).
BASIS_HORIZON = 12

JA_NEE = ("ja", "nee")

KANS_KLASSEN = (
    (10, "onwaarschijnlijk"),
    (25, "kleine kans"),
    (50, "mogelijk"),
    (75, "waarschijnlijk"),
    (90, "zeer waarschijnlijk"),
    (100, "zeker (zelden: alleen als het al gepland of besloten was)"),
)

#: The value rules of a line, one source for the reader, the export reader and the review reader.
KANS_WAARDEN = (0, *(k for k, _ in KANS_KLASSEN))  # 0: the class below the lowest (sensitivity)
KANS_REGEL = "heel getal van 0 tot en met 100"  # "... is geen heel getal van 0 tot en met 100"
MAX_AANTAL = 10_000  # a larger quantity is almost surely a typing error (a phone number, a sum)


def kans_waarde(number: Decimal | float | None) -> int | None:
    """A kans as an int when it is a whole number from 0 to 100 (KANS_REGEL), else None."""
    if number is None or number != number or not 0 <= number <= 100 or number != int(number):
        return None
    return int(number)


PRIVACY_ZIN = "Geen namen, BSN, adressen, geboortedata of andere persoonsgegevens invullen."


@dataclass(frozen=True)
class Field:
    """A field on the `Casus` sheet: label in column A, value in column B."""

    key: str
    label: str
    type: str  # tekst | datum | keuze | geheel
    required: bool
    help: str
    choices: tuple[str, ...] = ()
    default: object = None
    placeholder: str = ""
    #: For `geheel`: the allowed range, inclusive.
    bereik: tuple[int, int] = (1, 120)
    #: For `tekst`: the longest text the template accepts.
    max_lengte: int = 100


CASE_SHEET = "Casus"

CASE_FIELDS: tuple[Field, ...] = (
    Field(
        "casusnummer",
        "Casusnummer",
        "tekst",
        True,
        "Een pseudoniem dat u zelf kiest, bijv. TEAM-2026-014. Nooit een naam of BSN.",
    ),
    Field("team", "Team", "tekst", False, "Naam van uw team of wijk."),
    Field("werker", "Werker", "tekst", False, "Uw medewerkerscode (geen naam)."),
    Field("domein", "Domein", "keuze", True, "Kies het domein dat het best bij de casus past.", choices=DOMEINEN),
    Field("startdatum", "Startdatum", "datum", False, "Datum van het eerste contact (dd-mm-jjjj)."),
    Field(
        "einddatum",
        "Einddatum",
        "datum",
        True,
        "Datum waarop de casus is afgesloten (dd-mm-jjjj). Alleen afgesloten casussen tellen mee.",
    ),
    Field(
        "afsluitreden",
        "Afsluitreden",
        "keuze",
        True,
        "Waarom is de casus afgesloten? Overleden: de vermeden zorg telt dan niet mee. Overgedragen: zet de zorg "
        "die het overnam onder Ingezette zorg.",
        choices=AFSLUITREDENEN,
    ),
    Field(
        "horizon",
        "Horizon (maanden)",
        "geheel",
        False,
        f"Over hoeveel maanden na de casus schat u de vermeden zorg? Meestal {BASIS_HORIZON} (hoogstens "
        f"{MAX_HORIZON}). Langer? Licht het toe in de samenvatting; na het eerste jaar telt de zorg verdisconteerd.",
        default=BASIS_HORIZON,
        bereik=(1, MAX_HORIZON),
    ),
    Field(
        "aandeel",
        "Aandeel eigen inzet (%)",
        "keuze",
        True,
        "Welk deel van wat vermeden is komt door uw inzet, en niet door familie, huisarts of andere hulp? "
        "100 = alles, 75 = het meeste, 50 = de helft, 25 = een klein deel.",
        choices=tuple(str(a) for a in AANDEEL_KLASSEN),
    ),
    Field(
        "leefgebieden",
        "Leefgebieden",
        "tekst",
        False,
        "Leefgebieden (ZRM) waar de casus over ging, gescheiden door komma's: " + ", ".join(LEEFGEBIEDEN) + ".",
    ),
    Field(
        "samenvatting",
        "Samenvatting",
        "tekst",
        False,
        "Korte beschrijving in een paar zinnen: wat speelde er, wat deed u. Blijft binnen het team. " + PRIVACY_ZIN,
        max_lengte=1000,
    ),
    Field(
        "verhaal_situatie",
        "Verhaal: situatie",
        "tekst",
        False,
        "Optioneel, om te delen: de situatie bij de start, in een paar zinnen, anoniem. " + PRIVACY_ZIN,
        max_lengte=600,
    ),
    Field(
        "verhaal_gedaan",
        "Verhaal: wat is gedaan",
        "tekst",
        False,
        "Optioneel, om te delen: wat u en anderen deden, in een paar zinnen, anoniem. " + PRIVACY_ZIN,
        max_lengte=600,
    ),
    Field(
        "verhaal_veranderd",
        "Verhaal: wat veranderde",
        "tekst",
        False,
        "Optioneel, om te delen: wat er voor de cliënt veranderde, in een paar zinnen, anoniem. " + PRIVACY_ZIN,
        max_lengte=600,
    ),
    Field(
        "verhaal_in_rapport",
        "Verhaal in rapport",
        "keuze",
        False,
        "Ja: het verhaal mag (zonder casusnummer) in het rapport voor de gemeente. Alleen als de cliënt het goed "
        "vindt en er niets in staat waaraan iemand te herkennen is.",
        choices=JA_NEE,
        default="nee",
    ),
)

#: The story fields, in the order a story is told.
VERHAAL_KEYS = ("verhaal_situatie", "verhaal_gedaan", "verhaal_veranderd")

#: Rows on the Casus sheet with live totals (label in A, formula in B).
TOTAL_LABELS = ("Totaal kosten", "Totaal baten", "Netto")
INFO_LABELS = ("Prijspeil", "Sjabloonversie", "Prijslijstversie")


@dataclass(frozen=True)
class Column:
    """A column of a line sheet. `invoer` columns are typed by the worker; the rest are formulas.
    `required`: the reader needs this header in the table (its cells may still be optional).
    `verplicht`: in a row the worker has started, this cell must be filled (highlighted until it is)."""

    key: str
    header: str
    invoer: bool
    help: str = ""
    width: int = 12
    required: bool = False
    verplicht: bool = False


@dataclass(frozen=True)
class LineSheet:
    """A sheet with one table of lines under one header row."""

    kind: str  # inzet | ingezet | vermeden
    name: str
    soort: str  # which price list items belong here
    title: str
    intro: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


POST_HELP = "Kies een post uit de lijst (of typ de code, bijv. INZ-SW-01). De eenheid staat ernaast."
POST_ZORG_HELP = (
    "Kies eerst de wet in kolom A: deze lijst toont dan alleen de posten van die wet, de meest "
    "gebruikte bovenaan. Of typ de code, bijv. ZVW-HA-01. De eenheid staat ernaast."
)
WET_HELP = (
    "Kies de wet (wie betaalt) van de zorg; daarna toont de keuzelijst bij Post alleen de posten van die wet. "
    "Leeg laten mag: dan ziet u alle posten."
)
AANTAL_HELP = "Aantal in de eenheid van de post (bijv. 6 maanden, 12 uur). Komma mag: 1,5."
TOELICHTING_HELP = "Waarom? Kort en concreet. " + PRIVACY_ZIN
#: The classes with their meaning, short: "10 = onwaarschijnlijk, ..., 100 = zeker (zelden)".
KANS_KORT = ", ".join(f"{k} = {t}" for k, t in KANS_KLASSEN[:-1]) + f", {KANS_KLASSEN[-1][0]} = zeker (zelden)"
KANS_HELP = (
    "De kans dat deze zorg zonder uw inzet nodig was geweest en nu niet meer nodig is. Kies een klasse: "
    + KANS_KORT
    + "."
)

INPUT_ROWS = 40
#: Header row of every line table (1-based, as in Excel); data starts one row below.
HEADER_ROW = 4

#: Frequent items first: within its law (and on the Inzet list) an item listed here comes before the
#: others, in this order; the rest follow by code. The order comes from the example cases
#: (cases/voorbeeld, most used first) and the case sketches in the domain notes; adjust it when a team's
#: own cases show other favourites. Codes not in the price list are ignored.
VEELGEBRUIKT = (
    # eigen inzet
    "INZ-SW-01",
    "INZ-VW-01",
    "INZ-GA-01",
    "INZ-JW-01",
    "INZ-SW-02",
    "INZ-VW-02",
    "INZ-MW-01",
    # Wmo 2015
    "WMO-BG-13",
    "ZVW-WV-01",
    "WMO-MO-02",
    "WMO-MZ-10",
    "WMO-BG-01",
    "WMO-DB-01",
    # Jeugdwet
    "JW-GGZ-01",
    "JW-AMB-01",
    "JW-AMB-02",
    # Participatiewet
    "PW-BIJ-03",
    "PW-RE-01",
    "PW-BIJ-02",
    # Wgs
    "WGS-SHV-01",
    "WGS-DW-01",
    "WGS-DW-02",
    "WGS-DW-04",
    "WGS-DW-05",
    # Zvw
    "ZVW-HA-01",
    "ZVW-GGZ-02",
    "ZVW-SEH-01",
    "ZVW-HA-04",
    "ZVW-POH-01",
    "ZVW-HA-15",
    "ZVW-PARA-01",
    "ZVW-WV-03",
    "ZVW-ZH-01",
    # Wlz
    "WLZ-VPH-01",
    # Justitie
    "JUS-POL-02",
    "JUS-DEL-03",
    "JUS-DEL-06",
    "JUS-DEL-11",
    # Wonen
    "WON-ONT-04",
    "WON-DW-01",
    # Arbeid
    "WW-01",
    "ARB-VZ-03",
    # Onderwijs
    "OND-07",
    # Overig
    "MZ-01",
)

_wet = Column("wet", "Wet", True, WET_HELP, 16)
_eenheid = Column("eenheid", "Eenheid", False, "", 15)
_aantal = Column("aantal", "Aantal", True, AANTAL_HELP, 9, required=True, verplicht=True)
_prijs = Column("prijs", "Prijs per eenheid", False, "", 13)
_bedrag = Column("bedrag", "Bedrag", False, "", 14)

LINE_SHEETS: tuple[LineSheet, ...] = (
    LineSheet(
        "inzet",
        "Inzet",
        "inzet",
        "Eigen inzet",
        "Wat deed u en uw organisatie? Uren van uzelf, collega's en vrijwilligers, groepsactiviteiten.",
        (
            Column("post", "Post", True, POST_HELP, 62, required=True, verplicht=True),
            _eenheid,
            _aantal,
            _prijs,
            _bedrag,
            Column("toelichting", "Toelichting", True, TOELICHTING_HELP, 50, required=True),
        ),
    ),
    LineSheet(
        "ingezet",
        "Ingezette zorg",
        "zorg",
        "Ingezette zorg (toegevoegd door doorverwijzen)",
        "Welke zorg of diensten kwamen erbij doordat u doorverwees? Bijv. schuldhulpverlening, Wmo-begeleiding.",
        (
            _wet,
            Column("post", "Post", True, POST_ZORG_HELP, 62, required=True, verplicht=True),
            _eenheid,
            _aantal,
            _prijs,
            _bedrag,
            Column("toelichting", "Toelichting", True, TOELICHTING_HELP, 40, required=True),
        ),
    ),
    LineSheet(
        "vermeden",
        "Vermeden zorg",
        "zorg",
        "Vermeden zorg (wat was nodig geweest zonder uw inzet?)",
        "Per wet: welke zorg of kosten waren er in de horizon (meestal 12 maanden) waarschijnlijk geweest "
        "als u er niet was geweest? Met aantal, kans en toelichting.",
        (
            _wet,
            Column("post", "Post", True, POST_ZORG_HELP, 62, required=True, verplicht=True),
            _eenheid,
            _aantal,
            Column("kans", "Kans (%)", True, KANS_HELP, 9, required=True, verplicht=True),
            _prijs,
            Column("bedrag", "Verwachte waarde", False, "", 14),
            Column("toelichting", "Toelichting", True, TOELICHTING_HELP, 40, required=True, verplicht=True),
        ),
    ),
)

#: The input columns in the order `fill.CaseInput` line tuples give them (the wet is derived).
LINE_INPUT_ORDER = ("post", "aantal", "kans", "toelichting")

LINE_SHEET_BY_KIND = {s.kind: s for s in LINE_SHEETS}
#: The sheet of each kind of line ("inzet" -> "Inzet", ...): exports, reports and messages name it so.
BLAD_VAN_SOORT = {s.kind: s.name for s in LINE_SHEETS}
INSTRUCTIE_SHEET = "Instructie"
LIJSTEN_SHEET = "Lijsten"
#: The hidden sheet with the line sheets' helper formulas (row for row beside the input rows). Since
#: 30-11-2026; before, they were hidden columns of the line sheets. Not read: it holds no input, and a
#: parser that never sees it reads a case file about a quarter faster.
HULP_SHEET = "Hulp"
REQUIRED_SHEETS = (CASE_SHEET,) + tuple(s.name for s in LINE_SHEETS)
#: Sheets the reader knows but does not require (a file from template version 1 has no ZRM sheet).
OPTIONAL_SHEETS = (ZRM_SHEET,)
