"""The one description of a case file.

The template writer, the reader, the checks and the documentation all read this module:
adding a field or a column means touching only this file.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Bumped whenever the layout changes in a way the reader must know about.
SJABLOONVERSIE = "1"

DOMEINEN = (
    "ouderen/eenzaamheid",
    "armoede/schulden",
    "maatschappelijke activering",
    "jongeren/psychische gezondheid",
    "opvoeding/gezin",
    "overig",
)

#: Life domains of the Zelfredzaamheid-Matrix (ZRM 2017).
LEEFGEBIEDEN = (
    "financiën",
    "werk en opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke relaties",
    "geestelijke gezondheid",
    "lichamelijke gezondheid",
    "middelengebruik",
    "basale ADL",
    "instrumentele ADL",
    "sociaal netwerk",
    "maatschappelijke participatie",
    "justitie",
)

KANS_KLASSEN = (
    (10, "onwaarschijnlijk"),
    (25, "kleine kans"),
    (50, "mogelijk"),
    (75, "waarschijnlijk"),
    (90, "zeer waarschijnlijk"),
    (100, "zeker (zelden: alleen als het al gepland of besloten was)"),
)

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
        "horizon",
        "Horizon (maanden)",
        "geheel",
        False,
        "Over hoeveel maanden na de casus schat u de vermeden zorg? Meestal 12. "
        "Langer? Licht het toe in de samenvatting.",
        default=12,
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
        "Korte beschrijving in een paar zinnen: wat speelde er, wat deed u. " + PRIVACY_ZIN,
    ),
)

#: Rows on the Casus sheet with live totals (label in A, formula in B).
TOTAL_LABELS = ("Totaal kosten", "Totaal baten", "Netto")
INFO_LABELS = ("Prijspeil", "Sjabloonversie", "Prijslijstversie")


@dataclass(frozen=True)
class Column:
    """A column of a line sheet. `invoer` columns are typed by the worker; the rest are formulas.
    `required`: the reader needs this header in the table (its cells may still be optional)."""

    key: str
    header: str
    invoer: bool
    help: str = ""
    width: int = 12
    required: bool = False


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


POST_HELP = "Kies een post uit de lijst (of typ de code, bijv. ZVW-HA-01)."
AANTAL_HELP = "Aantal in de eenheid van de post (bijv. 6 maanden, 12 uur). Komma mag: 1,5."
TOELICHTING_HELP = "Waarom? Kort en concreet. " + PRIVACY_ZIN
KANS_HELP = (
    "Hoe waarschijnlijk was deze zorg nodig geweest zonder uw inzet? "
    + "; ".join(f"{k} = {t}" for k, t in KANS_KLASSEN[:5])
    + "; 100 = zeker (zelden)."
)

INPUT_ROWS = 40
#: Header row of every line table (1-based, as in Excel); data starts one row below.
HEADER_ROW = 4

_post = Column("post", "Post", True, POST_HELP, 58, required=True)
_wet = Column("wet", "Wet", False, "", 14)
_eenheid = Column("eenheid", "Eenheid", False, "", 16)
_aantal = Column("aantal", "Aantal", True, AANTAL_HELP, 10, required=True)
_prijs = Column("prijs", "Prijs per eenheid", False, "", 15)
_bedrag = Column("bedrag", "Bedrag", False, "", 15)
_toelichting = Column("toelichting", "Toelichting", True, TOELICHTING_HELP, 50, required=True)

LINE_SHEETS: tuple[LineSheet, ...] = (
    LineSheet(
        "inzet",
        "Inzet",
        "inzet",
        "Eigen inzet",
        "Wat deed u en uw organisatie? Uren van uzelf, collega's en vrijwilligers, groepsactiviteiten.",
        (_post, _eenheid, _aantal, _prijs, _bedrag, _toelichting),
    ),
    LineSheet(
        "ingezet",
        "Ingezette zorg",
        "zorg",
        "Ingezette zorg (toegevoegd door doorverwijzen)",
        "Welke zorg of diensten kwamen erbij doordat u doorverwees? Bijv. schuldhulpverlening, Wmo-begeleiding.",
        (_post, _wet, _eenheid, _aantal, _prijs, _bedrag, _toelichting),
    ),
    LineSheet(
        "vermeden",
        "Vermeden zorg",
        "zorg",
        "Vermeden zorg (wat was nodig geweest zonder uw inzet?)",
        "Per wet: welke zorg of kosten waren er in de horizon (meestal 12 maanden) waarschijnlijk geweest "
        "als u er niet was geweest? Met aantal, kans en toelichting.",
        (
            _post,
            _wet,
            _eenheid,
            _aantal,
            Column("kans", "Kans (%)", True, KANS_HELP, 10, required=True),
            _prijs,
            Column("bedrag", "Verwachte waarde", False, "", 16),
            _toelichting,
        ),
    ),
)

LINE_SHEET_BY_KIND = {s.kind: s for s in LINE_SHEETS}
INSTRUCTIE_SHEET = "Instructie"
LIJSTEN_SHEET = "Lijsten"
REQUIRED_SHEETS = (CASE_SHEET,) + tuple(s.name for s in LINE_SHEETS)
