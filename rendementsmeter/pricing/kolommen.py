"""The price list's columns and allowed values: one source for the loader, the build script and the tests."""

from __future__ import annotations

WETTEN = (
    "Wmo 2015",
    "Jeugdwet",
    "Participatiewet",
    "Wgs",
    "Zvw",
    "Wlz",
    "Justitie",
    "Wonen",
    "Arbeid",
    "Onderwijs",
    "Overig",
)
FINANCIERS = (
    "gemeente",
    "zorgverzekeraar",
    "Wlz-uitvoerder",
    "Rijk",
    "politie",
    "woningcorporatie",
    "UWV",
    "werkgever",
    "burger",
    "schuldeisers",
    "divers",
)
SOORTEN = ("inzet", "zorg")
BETROUWBAARHEID = ("A", "B", "C")
COLUMNS = (
    "code",
    "omschrijving",
    "wet",
    "financier",
    "eenheid",
    "prijs",
    "prijsjaar",
    "bron",
    "uren_per_eenheid",
    "sector",
    "overdracht",
    "soort",
    "betrouwbaarheid",
    "prijs_laag",
    "prijs_hoog",
    "keuzelijst",
    "vervangen_door",
)
#: Columns every price list file must have; the others may be absent in an override file.
REQUIRED_COLUMNS = ("code", "prijs", "prijsjaar", "bron")
#: Fields a new code (not an override) must fill.
NEW_ITEM_FIELDS = ("omschrijving", "wet", "financier", "eenheid")
LABEL_SEP = " – "
