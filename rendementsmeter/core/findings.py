"""Findings: problems in user data, as data.

A finding names the file, the sheet and the cell as the user sees it in the spreadsheet
program, carries a stable code and a severity, and says in Dutch what to do next.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields

FOUT = "fout"


def escape_controls(text: str) -> str:
    """Control characters (CR, LF, NUL, escape, ...) shown as `\\n`, `\\x00`: text from a file can then
    never start a new line, move the cursor or colour the terminal, nor forge a line in a log."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif unicodedata.category(ch) == "Zs":  # a no-break or thin space: a space
            out.append(" ")
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


WAARSCHUWING = "waarschuwing"

#: Every finding code with its severity and what it means (documentation; tested against
#: the tests that raise every finding and against the README table).
CODES: dict[str, tuple[str, str]] = {
    # files
    "bestand-onleesbaar": (FOUT, "Het bestand is geen leesbaar Excel-bestand (beschadigd of geen werkmap)."),
    "bestand-xls": (FOUT, "Oud Excel-formaat (.xls); sla het op als .xlsx."),
    "bestand-versleuteld": (FOUT, "Het bestand is met een wachtwoord beveiligd en kan niet gelezen worden."),
    "bestand-formaat": (FOUT, "Geen Excel-werkmap (bijvoorbeeld csv of een ander bestandstype)."),
    "bestand-vergrendeld": (
        WAARSCHUWING,
        "Tijdelijk vergrendelingsbestand (~$...) van Excel of LibreOffice; overgeslagen.",
    ),
    "bestand-geen-casus": (WAARSCHUWING, "Geen casusbestand (ander bestandstype, of een business case); overgeslagen."),
    "bestand-niet-gevonden": (FOUT, "Het opgegeven pad bestaat niet of is niet leesbaar."),
    "bestand-te-groot": (
        FOUT,
        "Het bestand is (uitgepakt) veel groter dan een casusbestand kan zijn, bijvoorbeeld een zip-bom; niet gelezen.",
    ),
    "bestand-onveilig": (
        FOUT,
        "Het bestand bevat XML-constructies (DTD, entiteiten) die Excel nooit maakt; niet gelezen.",
    ),
    "bestand-dubbel-deel": (
        FOUT,
        "Een onderdeel staat twee keer in het zip-bestand (dat maakt Excel nooit); niet gelezen.",
    ),
    "bestand-leesfout": (FOUT, "Het lezen van het bestand brak onverwacht af; de andere bestanden zijn wel gelezen."),
    "bestand-te-traag": (FOUT, "Het lezen van het bestand duurde te lang en is afgebroken."),
    "bestand-macro": (WAARSCHUWING, "Het bestand bevat macro's (VBA); die worden nooit uitgevoerd. Gelezen."),
    "bestand-dubbel": (
        WAARSCHUWING,
        "Hetzelfde bestand staat er nog eens (snelkoppeling of andere naam); het is één keer gelezen.",
    ),
    # structure
    "blad-ontbreekt": (FOUT, "Een verplicht werkblad ontbreekt."),
    "kop-ontbreekt": (FOUT, "De kopregel of een verplichte kolom ontbreekt op een werkblad."),
    "sjabloonversie-anders": (WAARSCHUWING, "Het bestand is gemaakt met een andere sjabloonversie."),
    "sjabloon-verouderd": (
        FOUT,
        "Het bestand is gemaakt met een ouder sjabloon dat niet meer past; zet de gegevens over naar een nieuw sjabloon.",
    ),
    "blad-dubbel": (
        FOUT,
        "Twee werkbladen kunnen hetzelfde sjabloonblad zijn (ze verschillen alleen in hoofdletters of spaties).",
    ),
    "blad-onbekend": (WAARSCHUWING, "Een werkblad hoort niet bij het sjabloon; het is niet gelezen."),
    "kop-afwijkend": (
        WAARSCHUWING,
        "Een werkblad of kolomkop staat op een andere plek of is anders geschreven dan in het sjabloon; gelezen.",
    ),
    "cellen-samengevoegd": (
        WAARSCHUWING,
        "Samengevoegde cellen in een tabel: alleen de eerste cel telt. Maak de samenvoeging ongedaan.",
    ),
    "formule-in-invoer": (FOUT, "Een invoercel bevat een formule; typ de waarde zelf (formules worden niet gebruikt)."),
    # case fields
    "veld-verplicht": (FOUT, "Een verplicht veld op het blad Casus is leeg."),
    "veld-ongeldig": (FOUT, "Een veld op het blad Casus heeft een waarde die niet kan."),
    "datum-ongeldig": (FOUT, "Een datum is geen geldige datum."),
    "datum-als-tekst": (WAARSCHUWING, "Een datum staat als tekst in de cel; gelezen, maar controleer hem."),
    "einddatum-voor-startdatum": (FOUT, "De einddatum ligt voor de startdatum."),
    "einddatum-in-toekomst": (FOUT, "De einddatum ligt in de toekomst; alleen afgesloten casussen tellen mee."),
    "horizon-lang": (WAARSCHUWING, "Een horizon van meer dan 12 maanden moet worden toegelicht."),
    "leefgebied-onbekend": (WAARSCHUWING, "Een leefgebied staat niet in de lijst van de Zelfredzaamheid-Matrix."),
    "aandeel-ontbreekt": (
        WAARSCHUWING,
        "Het veld 'Aandeel eigen inzet (%)' ontbreekt (ouder sjabloon); de vermeden zorg telt voor 100%.",
    ),
    "afsluitreden-ontbreekt": (WAARSCHUWING, "Het veld 'Afsluitreden' ontbreekt (ouder sjabloon); reden onbekend."),
    "afsluitreden-overleden": (WAARSCHUWING, "De cliënt is overleden: de vermeden zorg van de casus telt € 0,00."),
    "afsluitreden-onzeker": (
        WAARSCHUWING,
        "De cliënt is verhuisd of gestopt: of de zorg echt vermeden is, is onzeker (zie de gevoeligheid).",
    ),
    "overgedragen-zonder-zorg": (
        WAARSCHUWING,
        "Overgedragen aan andere hulp, maar geen regel Ingezette zorg: de hulp die het overnam is een kostenpost.",
    ),
    "geen-eigen-inzet": (
        WAARSCHUWING,
        "Vermeden zorg zonder eigen inzet: baten zonder kosten; het rendement van de casus is n.v.t.",
    ),
    "zrm-ongeldig": (WAARSCHUWING, "Een score op het blad Zelfredzaamheid is geen heel getal van 1 tot en met 5."),
    "casusnummer-dubbel": (FOUT, "Hetzelfde casusnummer staat in meer dan één bestand."),
    "casus-leeg": (WAARSCHUWING, "De casus heeft geen enkele regel met inzet of vermeden zorg."),
    # lines
    "post-onbekend": (FOUT, "De post staat niet in de prijslijst."),
    "post-verkeerde-soort": (FOUT, "De post hoort op een ander werkblad (eigen inzet of zorg)."),
    "regel-zonder-post": (FOUT, "Een regel heeft een aantal maar geen post."),
    "regel-zonder-aantal": (FOUT, "Een regel heeft een post maar geen aantal."),
    "aantal-ongeldig": (FOUT, "Het aantal is geen getal groter dan 0."),
    "aantal-te-groot": (FOUT, "Het aantal is onwaarschijnlijk groot (meer dan 10.000)."),
    "waarde-aangepast": (
        WAARSCHUWING,
        "Een post of keuze is anders geschreven dan in de keuzelijst (hoofdletters, spaties, alleen de "
        "omschrijving); gelezen als de waarde uit de lijst.",
    ),
    "kans-ontbreekt": (FOUT, "Een regel vermeden zorg heeft geen kans."),
    "kans-ongeldig": (FOUT, "De kans is geen heel getal van 0 tot en met 100."),
    "getal-als-tekst": (
        WAARSCHUWING,
        "Een getal staat als tekst in de cel (bijvoorbeeld met een komma); gelezen, maar controleer het.",
    ),
    "aantal-horizon": (
        WAARSCHUWING,
        "Een aantal in een tijdseenheid is groter dan in de horizon past (bijv. 5 x per jaar in 12 maanden).",
    ),
    "toelichting-ontbreekt": (WAARSCHUWING, "Een regel vermeden zorg heeft geen toelichting."),
    "regels-afgekapt": (FOUT, "Te veel bevindingen in één bestand; de rest is niet getoond."),
    # privacy
    "persoonsgegevens": (
        FOUT,
        "Een cel of de bestandsnaam bevat persoonsgegevens (BSN, IBAN, e-mailadres, telefoonnummer, adres of "
        "geboortedatum). In alle uitvoer afgeschermd; de casus telt pas mee als ze uit het bestand zijn gehaald.",
    ),
    # price list
    "prijslijst-kolom": (FOUT, "Een verplichte kolom ontbreekt in de prijslijst."),
    "prijslijst-code-dubbel": (FOUT, "Een code staat twee keer in dezelfde prijslijst."),
    "prijslijst-waarde": (FOUT, "Een waarde in de prijslijst kan niet (prijs, wet, financier, soort, ...)."),
    "prijslijst-prijsjaar": (FOUT, "Het prijsjaar staat niet in de CPI-reeks."),
    "prijslijst-onleesbaar": (FOUT, "De prijslijst kan niet gelezen worden."),
    "export-naast-casussen": (
        WAARSCHUWING,
        "Een export wordt samen met casusbestanden gelezen; zijn het dezelfde casussen, dan tellen ze dubbel.",
    ),
    "wet-afwijkend": (WAARSCHUWING, "De gekozen wet hoort niet bij de post; de wet van de post telt."),
    # peer review and double counting
    "beoordeling-onleesbaar": (FOUT, "Een beoordelingsbestand kan niet gelezen worden of is geen beoordelingsbestand."),
    "beoordeling-ongeldig": (FOUT, "Een oordeel in een beoordelingsbestand kan niet; het is niet toegepast."),
    "beoordeling-onvolledig": (WAARSCHUWING, "Een rij heeft een aantal, kans of opmerking maar geen oordeel."),
    "beoordeling-verouderd": (
        WAARSCHUWING,
        "De regel is gewijzigd of bestaat niet meer sinds het beoordelingsbestand is gemaakt; niet toegepast.",
    ),
    "beoordeling-casus-ontbreekt": (
        WAARSCHUWING,
        "Oordelen over een casus die niet in deze business case zit; niet gebruikt.",
    ),
    "beoordeling-conflict": (
        WAARSCHUWING,
        "Beoordelaars zijn het oneens over een regel; het voorzichtigste oordeel is gebruikt.",
    ),
    "beoordelaar-ontbreekt": (WAARSCHUWING, "Een beoordelingsbestand noemt geen beoordelaarscode."),
    "plausibiliteit-ongeldig": (FOUT, "De plausibiliteitsregels (CSV) kunnen niet gelezen worden of kloppen niet."),
    "dubbeltelling": (WAARSCHUWING, "Een post zit al in een bundelpost van dezelfde casus en telt niet mee."),
}


@dataclass(frozen=True)
class Finding:
    """One problem found in a file: where, what, how bad, and what to do."""

    pad: str
    code: str
    melding: str
    blad: str = ""
    cel: str = ""
    ernst: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")
        if not self.ernst:
            object.__setattr__(self, "ernst", CODES[self.code][0])

    @property
    def plek(self) -> str:
        """Where, as a spreadsheet user reads it: `Vermeden zorg!B12`."""
        if self.blad and self.cel:
            return f"{self.blad}!{self.cel}"
        return self.blad or self.cel

    @property
    def is_fout(self) -> bool:
        return self.ernst == FOUT

    def to_dict(self) -> dict[str, str]:
        """The fields by name, in order (as dataclasses.asdict, which copies deeply and is slow: a pool
        has a finding per case)."""
        return {name: getattr(self, name) for name in _FIELDS}

    def __str__(self) -> str:
        where = f" {self.plek}" if self.plek else ""
        return f"{self.pad}{where}: {self.ernst} [{self.code}] {self.melding}"


_FIELDS = tuple(f.name for f in fields(Finding))


def cell_name(row: int, col: int) -> str:
    """Excel cell name from 0-based row and column: (11, 1) -> 'B12'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
