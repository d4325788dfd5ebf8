#!/usr/bin/env python3
"""Bouwt de maatschappelijke prijslijst (prijslijst.csv) en de CPI-reeks (cpi.csv).

Gebruik (vanuit de root van de repository):

    python prijslijst/bouw_prijslijst.py [--bronnen DIR] [--uit DIR]

--bronnen  map met de bronbestanden (standaard: <repo>/../shared/prijslijst-bronnen)
--uit      map waarin prijslijst.csv en cpi.csv komen (standaard: de map van dit script)

Werkwijze
- Prijzen en prijsjaren worden NOOIT overgetypt: ze komen uit de bronbestanden.
  * R(...)  : regel uit prijslijst_research.csv (zelfde code). Met kh="short_var" wordt het
              bedrag bovendien gecontroleerd tegen de Kostenhandleiding-TSV.
  * K(...)  : referentieprijs uit kostenhandleiding2024_refprices_from_tatooheene.tsv
              (kolom 2022, op short_var), prijsjaar 2022.
  * D(...)  : afgeleide of aangenomen post; de prijs wordt hieronder berekend uit de
              bronwaarden, en de rekensom komt automatisch in `bron`.
- Met de hand (in de tabel POSTEN) staan alleen: omschrijving, wet, financier, eenheid,
  sector, betrouwbaarheid, overdracht, soort, uren_per_eenheid, bandbreedte (laag/hoog)
  en de brontekst.
- Uitvoer is deterministisch: gesorteerd op wet (volgorde WETTEN) en dan code, UTF-8 zonder
  BOM, regeleinde \\n.

Alleen de standaardbibliotheek van Python 3.11.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Toegestane waarden
# --------------------------------------------------------------------------------------------

KOLOMMEN = (
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
)

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

SECTOREN = (
    "huisartsenzorg",
    "ggz",
    "ziekenhuiszorg",
    "ambulancezorg",
    "wijkverpleging",
    "paramedische zorg",
    "farmacie",
    "revalidatie",
    "langdurige zorg",
    "sociaal domein",
    "jeugdhulp",
    "maatschappelijke opvang",
    "schuldhulpverlening",
    "deurwaarderij",
    "politie",
    "justitie",
    "inkomen",
    "arbeid",
    "onderwijs",
    "wonen",
    "mantelzorg",
    "sociaal werk",
    "overig",
)

EENHEDEN = (
    "per uur",
    "per contact",
    "per dag",
    "per nacht",
    "per dagdeel",
    "per maand",
    "per jaar",
    "per gebeurtenis",
    "per rit",
    "per zitting",
    "per traject",
    "per verstrekking",
    "per km",
    "per receptregel",
    "per kwartaal",
    "per bijeenkomst",
)

BETROUWBAARHEID = ("A", "B", "C")
SOORTEN = ("inzet", "zorg")
JA_NEE = ("ja", "nee")

INZET_PREFIX = "[AANNAME: vervang door het eigen tarief van de organisatie]"

CODE_RE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
MAX_OMSCHRIJVING = 70
CENT = Decimal("0.01")

RESEARCH_CSV = "prijslijst_research.csv"
KH_TSV = "kostenhandleiding2024_refprices_from_tatooheene.tsv"
CPI_CSV = "cpi_2015_100.csv"

# --------------------------------------------------------------------------------------------
# Vaste bronteksten
# --------------------------------------------------------------------------------------------

KH = (
    "Zorginstituut Nederland, Kostenhandleiding voor economische evaluaties in de "
    "gezondheidszorg (herziene versie 2024; Hakkaart-van Roijen e.a.), referentieprijs "
    "prijspeil 2022"
)
KH_VIA = "gelezen uit R-pakket tatooheene (Erasmus Universiteit), data df_ref_prices"
WESTERVELD = (
    "Gemeente Westerveld, Tarieven Wmo 2023 (Verordening jeugd en maatschappelijke "
    "voorzieningen); tarief van één gemeente, verschilt per gemeente"
)
BOLLENSTREEK = (
    "Gemeente Noordwijk, Maximale tarieven pgb Jeugdhulp 2024 Bollenstreek "
    "(afgeleid van tarievenoverzicht zorg in natura Jeugdhulp Holland Rijnland); "
    "pgb-maximum, indicatief voor zorg in natura in één regio"
)
BTAG = (
    "Besluit tarieven ambtshandelingen gerechtsdeurwaarders (Btag) art. 2, bedragen 2022 "
    "excl. btw (overzicht schuldinfo.nl)"
)
NZA_HA = (
    "NZa-maximumtarieven huisartsenzorg 2023/2022, overgenomen op praktijksite "
    "Schubertplein; declaratietarief naast het inschrijvingstarief, geen integrale "
    "kostprijs (voor maatschappelijke kosten liever ZVW-HA-01 t/m 06)"
)
NZA_GGZ = (
    "NZa-maximumtarieven zorgprestatiemodel GGZ 2024, gz-psycholoog, ambulant, "
    "kwaliteitsstatuut sectie II (overgenomen op praktijksites ppakv.nl en ppja.nl); "
    "indirecte tijd zit in het tarief"
)
BIJSTAND = (
    "Overdracht: besparing voor de gemeente, geen besparing van middelen voor de "
    "samenleving. Netto normbedrag; de bruto uitkeringslast is hoger (niet gevonden)"
)
DELICT = (
    "maatschappelijke kosten per delict (hoofdstuk veiligheid en justitie); samenstelling "
    "(schade slachtoffer, politie, justitie) niet gezien, dus financier 'divers'. Niet "
    "optellen bij losse politie- of detentieprijzen voor hetzelfde delict"
)
WLZ_FIN = "Financier in de research: Wlz-uitvoerder/Rijk; hier Wlz-uitvoerder."
EENVANDAAG = "EenVandaag (AVROTROS) 23-12-2025"
EDE = (
    "Bureau Spotlight (Ede Stad), 'Getreuzel gemeente Ede drijft kosten opvang op tot een "
    "ton per persoon', cijfers gemeente Ede"
)
EDE_JAAR = (
    "[AANNAME: prijsjaar 2023; de artikeldatum staat niet in de bron, maar het artikel "
    "noemt de tentopvang bij zwembad De Vrije Slag 'dit jaar', en die liep van "
    "1-12-2022 tot 31-3-2023 (nu.nl, nov. 2022)]"
)
MKB = (
    "MKB Servicedesk, 'Wat kost ziekteverzuim per medewerker' (schatting 2023, bij "
    "jaarinkomen €36.500); organisatiekental"
)
EROPAF = (
    "Stichting Eropaf!, Quickscan versterken preventie huisuitzettingen (30-10-2014): "
    "gemiddelde kosten huisuitzetting tussen €5.000 en €10.000, vaak door de verhuurder "
    "gedragen"
)

# --------------------------------------------------------------------------------------------
# Hulpfuncties
# --------------------------------------------------------------------------------------------


def cent(value: Decimal) -> Decimal:
    """Afronden op hele centen, half naar boven (zoals Excel ROUND)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def eur(value: Decimal) -> str:
    """Bedrag in Nederlandse notatie voor in de brontekst: € 1.234,56."""
    q = cent(value)
    whole, _, frac = f"{abs(q):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    return ("-" if q < 0 else "") + "€ " + ".".join(reversed(groups)) + "," + frac


def getal(value: Decimal) -> str:
    """Getal zonder overbodige nullen, decimale komma: 8 / 0,2 / 1,5."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


class BronFout(Exception):
    """De bronbestanden kloppen niet met wat het script verwacht."""


@dataclass
class Bronnen:
    research: dict[str, dict[str, str]]
    kh: dict[str, dict[str, str]]
    cpi: list[dict[str, str]]

    # -- research ---------------------------------------------------------------------------
    def r_rij(self, code: str) -> dict[str, str]:
        try:
            return self.research[code]
        except KeyError:
            raise BronFout(f"research-code {code} niet gevonden in {RESEARCH_CSV}") from None

    def r(self, code: str) -> Decimal:
        """Prijs van een research-regel."""
        text = self.r_rij(code)["prijs_eur"].strip()
        if not text:
            raise BronFout(f"research-regel {code} heeft geen bedrag")
        return Decimal(text)

    def r_jaar(self, code: str) -> int:
        text = self.r_rij(code)["prijsjaar"].strip()
        if not text.isdigit():
            raise BronFout(f"research-regel {code} heeft geen prijsjaar ({text!r})")
        return int(text)

    # -- Kostenhandleiding ------------------------------------------------------------------
    def k_rij(self, short_var: str) -> dict[str, str]:
        try:
            return self.kh[short_var]
        except KeyError:
            raise BronFout(f"short_var {short_var} niet gevonden in {KH_TSV}") from None

    def k(self, short_var: str) -> Decimal:
        """Referentieprijs prijspeil 2022 (gepubliceerde kolom) uit de Kostenhandleiding."""
        return Decimal(self.k_rij(short_var)["2022"])

    def k_bron(self, short_var: str) -> str:
        label = self.k_rij(short_var)["Unit"]
        return f"{KH}, item '{label}' (short_var {short_var}); {KH_VIA}"


def lees_bronnen(bronnen: Path) -> Bronnen:
    with open(bronnen / RESEARCH_CSV, encoding="utf-8", newline="") as fh:
        research_rows = list(csv.DictReader(fh))
    research: dict[str, dict[str, str]] = {}
    for row in research_rows:
        if row["code"] in research:
            raise BronFout(f"research-code {row['code']} staat dubbel in {RESEARCH_CSV}")
        research[row["code"]] = row

    with open(bronnen / KH_TSV, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh.read().splitlines() if ln.strip() and not ln.startswith("#")]
    kh_rows = list(csv.DictReader(lines, delimiter="\t"))
    kh = {row["short_var"]: row for row in kh_rows}
    if len(kh) != len(kh_rows):
        raise BronFout(f"dubbele short_var in {KH_TSV}")

    with open(bronnen / CPI_CSV, encoding="utf-8", newline="") as fh:
        cpi = list(csv.DictReader(fh))
    return Bronnen(research, kh, cpi)


# --------------------------------------------------------------------------------------------
# De tabel met posten
# --------------------------------------------------------------------------------------------

#: Een berekening krijgt de bronnen en geeft (prijs, prijsjaar, afleiding, laag, hoog).
#: `afleiding` is de tekst "[AFGELEID: ...]" of "[AANNAME: ...]" met de rekensom.
Berekening = Callable[[Bronnen], tuple[Decimal, int, str, Decimal | None, Decimal | None]]
#: Een controle op een research-regel die al afgeleid is: geeft de afleidingstekst en
#: eventueel een bandbreedte; faalt als de rekensom niet klopt met het research-bedrag.
Controle = Callable[[Bronnen], tuple[str, Decimal | None, Decimal | None]]


@dataclass
class Post:
    herkomst: str  # research | kostenhandleiding | afgeleid
    code: str
    omschrijving: str
    wet: str
    financier: str
    eenheid: str
    sector: str
    betrouwbaarheid: str
    bron: str = ""
    kh: str = ""  # short_var (herkomst kostenhandleiding, of controle bij research)
    uren: str = ""
    overdracht: str = "nee"
    soort: str = "zorg"
    laag: str = ""  # getal, of "@CODE" = prijs van die research-regel
    hoog: str = ""
    prijsjaar_aanname: int | None = None  # alleen voor research-regels met prijsjaar 'onbekend'
    bereken: Berekening | None = None
    controle: Controle | None = None
    extra: dict = field(default_factory=dict)


def R(code, omschrijving, wet, financier, eenheid, sector, betr, bron="", **kw) -> Post:
    """Post uit prijslijst_research.csv; prijs en prijsjaar komen uit die regel."""
    return Post("research", code, omschrijving, wet, financier, eenheid, sector, betr, bron, **kw)


def K(code, short_var, omschrijving, wet, financier, eenheid, sector, bron="", **kw) -> Post:
    """Post uit de Kostenhandleiding-TSV (prijspeil 2022); betrouwbaarheid A."""
    return Post("kostenhandleiding", code, omschrijving, wet, financier, eenheid, sector, "A", bron, kh=short_var, **kw)


def D(code, omschrijving, wet, financier, eenheid, sector, betr, bron, bereken, **kw) -> Post:
    """Afgeleide of aangenomen post; prijs berekend door `bereken`."""
    return Post("afgeleid", code, omschrijving, wet, financier, eenheid, sector, betr, bron, bereken=bereken, **kw)


def INZET(code, omschrijving, eenheid, bron, bereken, uren="") -> Post:
    """Eigen inzet van de organisatie: Wmo 2015, gemeente, soort inzet, betrouwbaarheid C."""
    return D(
        code,
        omschrijving,
        "Wmo 2015",
        "gemeente",
        eenheid,
        "sociaal werk",
        "C",
        f"{INZET_PREFIX} {bron}",
        bereken,
        uren=uren,
        soort="inzet",
    )


# ---- berekeningen voor afgeleide en aangenomen posten ---------------------------------------

UURPRIJS_HBO = "homecare_guidance_hour"  # Kostenhandleiding 'Begeleiding thuis, per uur'
VRIJWILLIGER = "timecost_informal_hour"  # Kostenhandleiding vervangingskosten mantelzorg


def _uurprijs_hbo(b: Bronnen) -> tuple[Decimal, str]:
    p = b.k(UURPRIJS_HBO)
    return p, f"{eur(p)} (Kostenhandleiding 2024, Begeleiding thuis per uur, prijspeil 2022)"


def bereken_sw_hbo(b: Bronnen):
    p, tekst = _uurprijs_hbo(b)
    return p, 2022, f"[AANNAME: uurprijs = {tekst}]", None, None


def bereken_sw_mbo(b: Bronnen):
    p, tekst = _uurprijs_hbo(b)
    basis, plus = b.r("WMO-BG-10"), b.r("WMO-BG-11")
    prijs = cent(p * basis / plus)
    return (
        prijs,
        2022,
        (
            f"[AFGELEID: {tekst} × {eur(basis)} / {eur(plus)} (verhouding individuele begeleiding "
            f"basis/plus Westerveld 2023, WMO-BG-10/11, aangenomen als verhouding mbo/hbo; "
            f"Bollenstreek jeugdhulp mbo/hbo {eur(b.r('JW-AMB-02'))}/{eur(b.r('JW-AMB-01'))} geeft "
            f"dezelfde verhouding 0,65) = {eur(prijs)}]"
        ),
        None,
        None,
    )


def bereken_vrijwilliger(b: Bronnen):
    p = b.k(VRIJWILLIGER)
    return (
        p,
        2022,
        (
            f"[AANNAME: schaduwprijs = {eur(p)} per uur, Kostenhandleiding 2024 vervangingskosten "
            f"informele zorg (prijspeil 2022)]"
        ),
        None,
        None,
    )


GA_UREN_PROF = Decimal(2)
GA_VRIJWILLIGERS = Decimal(2)
GA_UREN_VRIJWILLIGER = Decimal(2)
GA_DEELNEMERS = Decimal(10)


def bereken_groepsactiviteit(b: Bronnen):
    prof, _ = _uurprijs_hbo(b)
    vw = b.k(VRIJWILLIGER)
    prijs = cent((GA_UREN_PROF * prof + GA_VRIJWILLIGERS * GA_UREN_VRIJWILLIGER * vw) / GA_DEELNEMERS)
    return (
        prijs,
        2022,
        (
            f"[AFGELEID: ({getal(GA_UREN_PROF)} uur sociaal werker × {eur(prof)} + "
            f"{getal(GA_VRIJWILLIGERS)} vrijwilligers × {getal(GA_UREN_VRIJWILLIGER)} uur × {eur(vw)}) "
            f"/ {getal(GA_DEELNEMERS)} deelnemers = {eur(prijs)}; uurprijzen Kostenhandleiding 2024 "
            f"(Begeleiding thuis; vervangingskosten informele zorg), prijspeil 2022. AANNAME: "
            f"bijeenkomst van 2 uur, 1 professional, 2 vrijwilligers, 10 deelnemers; zaalhuur en "
            f"materiaal niet meegeteld]"
        ),
        None,
        None,
    )


def bereken_mw_contact(b: Bronnen):
    p = b.k("mhc_socialwork")
    if p != b.r("ZVW-GGZ-01"):
        raise BronFout("Contact maatschappelijk werk: research ZVW-GGZ-01 wijkt af van de TSV")
    return (
        p,
        2022,
        (
            f"{b.k_bron('mhc_socialwork')}; ook research-code ZVW-GGZ-01, in de Kostenhandleiding "
            f"ingedeeld bij GGZ. [AANNAME: prijs = {eur(p)} per contact als tarief van de eigen "
            f"organisatie; duur van een contact onbekend]"
        ),
        None,
        None,
    )


SHV_UREN = Decimal(30)
REINTEGRATIE_UREN = Decimal(40)
VERZUIM_UREN_PER_DAG = Decimal(8)


def bereken_schuldhulp(b: Bronnen):
    p, tekst = _uurprijs_hbo(b)
    prijs = cent(SHV_UREN * p)
    return (
        prijs,
        2022,
        (
            f"[AANNAME: geen gepubliceerde trajectprijs gevonden (research WGS-SHV-01: niet "
            f"gevonden). {getal(SHV_UREN)} uur professionele inzet (intake, stabilisatie, "
            f"schuldeninventarisatie, minnelijk voorstel aan schuldeisers, nazorg) × {tekst} = "
            f"{eur(prijs)}. Exclusief budgetbeheer of beschermingsbewind tijdens de looptijd. "
            f"Vervang door de trajectprijs van de eigen gemeente]"
        ),
        None,
        None,
    )


def bereken_reintegratie(b: Bronnen):
    p, tekst = _uurprijs_hbo(b)
    prijs = cent(REINTEGRATIE_UREN * p)
    return (
        prijs,
        2022,
        (
            f"[AANNAME: geen prijs per traject gevonden, alleen een macrobudget (research "
            f"PW-RE-01). {getal(REINTEGRATIE_UREN)} uur begeleiding naar werk (ca. 1 uur per week "
            f"gedurende 40 weken) × {tekst} = {eur(prijs)}. Exclusief loonkostensubsidie, "
            f"scholing, jobcoaching op de werkplek en uitkering]"
        ),
        None,
        None,
    )


def bereken_bw_dag(b: Bronnen):
    jaar = b.r("WMO-BW-01")
    prijs = cent(jaar / 365)
    return (
        prijs,
        2023,
        (f"[AFGELEID: {eur(jaar)} per plek per jaar (WMO-BW-01) / 365 = {eur(prijs)}] {EDE_JAAR}"),
        None,
        None,
    )


def bereken_verzuim_dag(b: Bronnen):
    p = b.k("prodloss_paid_hour")
    prijs = cent(p * VERZUIM_UREN_PER_DAG)
    return (
        prijs,
        2022,
        (
            f"[AFGELEID: {eur(p)} productiviteitskosten per uur (Kostenhandleiding 2024, "
            f"prijspeil 2022, ARB-01) × {getal(VERZUIM_UREN_PER_DAG)} uur per verzuimdag = "
            f"{eur(prijs)}]"
        ),
        None,
        None,
    )


def bereken_ontruiming_midden(b: Bronnen):
    laag, hoog = b.r("WON-ONT-01"), b.r("WON-ONT-02")
    if b.r_jaar("WON-ONT-01") != b.r_jaar("WON-ONT-02"):
        raise BronFout("WON-ONT-01 en -02 hebben verschillende prijsjaren")
    prijs = cent((laag + hoog) / 2)
    return (
        prijs,
        2015,
        (
            f"[AFGELEID: midden van de bandbreedte ({eur(laag)} + {eur(hoog)}) / 2 = {eur(prijs)}; "
            f"het vaak genoemde bedrag '€ 7.000-8.000' is niet letterlijk in een bron gevonden] "
            f"{aanname_jaar_voor_cpi(b, b.r_jaar('WON-ONT-01'))}"
        ),
        laag,
        hoog,
    )


# ---- controles voor research-regels die zelf al afgeleid zijn (verified=no) ----------------

WW_UITGAVEN = Decimal("6.9e9")
WW_UITKERINGEN = Decimal(438000)
SCHULD_TOTAAL = Decimal("8.5e9")
SCHULD_HUISHOUDENS = Decimal(730000)
MO_PLEK = Decimal(15000)
MO_PLEK_ZWAAR = Decimal(70000)


def controle_ww(b: Bronnen):
    som = WW_UITGAVEN / WW_UITKERINGEN / 12
    if cent(som) != b.r("WW-01"):
        raise BronFout(f"WW-01: rekensom {som} klopt niet met research {b.r('WW-01')}")
    return (
        (
            f"[AFGELEID: WW-uitgaven 2014 € 6,9 mld / gemiddeld 438.000 lopende uitkeringen / 12 "
            f"= {eur(som)} per maand, bruto]"
        ),
        None,
        None,
    )


def controle_schulden(b: Bronnen):
    som = SCHULD_TOTAAL / SCHULD_HUISHOUDENS
    if abs(som - b.r("WGS-SCH-01")) > Decimal("0.5"):
        raise BronFout(f"WGS-SCH-01: rekensom {som} klopt niet met research")
    return (
        (
            f"[AFGELEID: € 8,5 mld / 730.000 huishoudens = {eur(som)}, in de research afgerond op "
            f"{eur(b.r('WGS-SCH-01'))}]"
        ),
        None,
        None,
    )


def controle_mo_nacht(b: Bronnen):
    if b.r("WMO-MO-01") != MO_PLEK:
        raise BronFout("WMO-MO-01 is niet meer € 15.000: pas controle_mo_nacht aan")
    som = MO_PLEK / 365
    if cent(som) != b.r("WMO-MO-02"):
        raise BronFout(f"WMO-MO-02: rekensom {som} klopt niet met research")
    hoog = cent(MO_PLEK_ZWAAR / 365)
    return (
        (
            f"[AFGELEID: {eur(MO_PLEK)} per plek per jaar (WMO-MO-01) / 365 = {eur(som)}; "
            f"bovengrens {eur(MO_PLEK_ZWAAR)} / 365 = {eur(hoog)} bij zware GGZ-begeleiding; "
            f"geen gepubliceerd nachttarief gevonden]"
        ),
        cent(som),
        hoog,
    )


# ---- de tabel ---------------------------------------------------------------------------------
# Volgorde van de posities in R(): code, omschrijving, wet, financier, eenheid, sector,
# betrouwbaarheid, bron. In K(): code, short_var, omschrijving, wet, financier, eenheid,
# sector, bron. Overige velden met naam. Bij kh=... wordt de Kostenhandleiding-bron
# automatisch voor de bron gezet.

POSTEN: list[Post] = [
    # ======================= Wmo 2015 =======================================================
    INZET(
        "INZ-SW-01",
        "Sociaal werker (hbo)",
        "per uur",
        "Gebaseerd op de Kostenhandleiding-kostprijs Begeleiding thuis per uur: de landelijke "
        "integrale uurprijs die het dichtst bij een uur sociaal werk ligt. Niet het Contact "
        "maatschappelijk werk (INZ-MW-01, € 127 per contact): de duur van dat contact is "
        "onbekend, dus niet om te rekenen naar een uur. Voor hbo eerder aan de lage kant (vgl. "
        "Westerveld begeleiding plus WMO-BG-11).",
        bereken_sw_hbo,
        uren="1",
    ),
    INZET(
        "INZ-SW-02",
        "Sociaal werker (mbo)",
        "per uur",
        "Gebaseerd op INZ-SW-01, omgerekend naar mbo-niveau.",
        bereken_sw_mbo,
        uren="1",
    ),
    INZET(
        "INZ-JW-01",
        "Jongerenwerker",
        "per uur",
        "Gebaseerd op de Kostenhandleiding-kostprijs Begeleiding thuis per uur, zoals INZ-SW-01 "
        "(jongerenwerk aangenomen op hbo-niveau).",
        bereken_sw_hbo,
        uren="1",
    ),
    INZET(
        "INZ-VW-01",
        "Vrijwilliger (schaduwprijs)",
        "per uur",
        "Schaduwprijs voor de maatschappelijke waarde van een vrijwilligersuur: de "
        "Kostenhandleiding-vervangingsprijs van informele zorg. De gemeente betaalt dit uur "
        "niet; haar kosten zitten in coördinatie (INZ-VW-02) en onkostenvergoedingen.",
        bereken_vrijwilliger,
        uren="1",
    ),
    INZET(
        "INZ-VW-02",
        "Vrijwilligerscoördinatie",
        "per uur",
        "Gebaseerd op de Kostenhandleiding-kostprijs Begeleiding thuis per uur, zoals INZ-SW-01 "
        "(coördinator aangenomen op hbo-niveau).",
        bereken_sw_hbo,
        uren="1",
    ),
    INZET(
        "INZ-GA-01",
        "Groepsactiviteit buurthuis, per deelnemer",
        "per bijeenkomst",
        "Kosten van één deelnemer aan één bijeenkomst.",
        bereken_groepsactiviteit,
        uren="0.2",
    ),
    INZET(
        "INZ-MW-01",
        "Contact maatschappelijk werk",
        "per contact",
        "Kostenhandleiding-kostprijs van een contact maatschappelijk werk; ook bruikbaar als "
        "prijs van een verwijzing naar algemeen maatschappelijk werk.",
        bereken_mw_contact,
    ),
    R(
        "ZVW-WV-01",
        "Huishoudelijke hulp thuis (kostprijs)",
        "Wmo 2015",
        "gemeente",
        "per uur",
        "sociaal domein",
        "A",
        "Valt onder de Wmo (gemeente).",
        kh="homecare_household",
        uren="1",
    ),
    R(
        "WMO-BG-01",
        "Begeleiding thuis (kostprijs)",
        "Wmo 2015",
        "gemeente",
        "per uur",
        "sociaal domein",
        "A",
        kh="homecare_guidance_hour",
        uren="1",
    ),
    R(
        "WMO-DB-01",
        "Dagbesteding ouderen in woon-/zorgcentrum (kostprijs)",
        "Wmo 2015",
        "gemeente",
        "per dagdeel",
        "sociaal domein",
        "A",
        "Bron: Wmo 2015/Wlz; hier Wmo 2015 (dagbesteding thuiswonende ouderen).",
        kh="dayactivities_halfday",
    ),
    R(
        "WMO-HM-01",
        "Mobiliteitshulpmiddel overig (benadering rolstoel/scootmobiel)",
        "Wmo 2015",
        "gemeente",
        "per verstrekking",
        "sociaal domein",
        "A",
        "Benadering: geen aparte rolstoelprijs in de dataset. Bron: Wmo 2015/Zvw; hier Wmo 2015.",
        kh="aid_mobility_other",
    ),
    R(
        "WMO-VV-01",
        "Taxi- en Wmo-vervoer, instaptarief",
        "Wmo 2015",
        "gemeente",
        "per rit",
        "sociaal domein",
        "A",
        "Deels eigen bijdrage van de burger; hoofdfinancier gemeente.",
        kh="transport_taxi_start",
    ),
    R(
        "WMO-VV-02",
        "Taxi- en Wmo-vervoer, kilometerprijs",
        "Wmo 2015",
        "gemeente",
        "per km",
        "sociaal domein",
        "A",
        "Deels eigen bijdrage van de burger; hoofdfinancier gemeente.",
        kh="transport_taxi_km",
    ),
    R(
        "WMO-HH-10",
        "Hulp bij het huishouden in natura (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per uur",
        "sociaal domein",
        "B",
        WESTERVELD,
        uren="1",
    ),
    R(
        "WMO-BG-10",
        "Individuele begeleiding basis (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per uur",
        "sociaal domein",
        "B",
        WESTERVELD,
        uren="1",
    ),
    R(
        "WMO-BG-11",
        "Individuele begeleiding plus (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per uur",
        "sociaal domein",
        "B",
        WESTERVELD,
        uren="1",
    ),
    R(
        "WMO-BG-12",
        "Groepsbegeleiding/dagbesteding licht (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per dagdeel",
        "sociaal domein",
        "B",
        WESTERVELD,
    ),
    R(
        "WMO-BG-13",
        "Groepsbegeleiding/dagbesteding midden (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per dagdeel",
        "sociaal domein",
        "B",
        WESTERVELD,
    ),
    R(
        "WMO-BG-14",
        "Groepsbegeleiding/dagbesteding zwaar (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per dagdeel",
        "sociaal domein",
        "B",
        WESTERVELD,
    ),
    R(
        "WMO-MZ-10",
        "Respijtzorg, logeeropvang per etmaal (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per dag",
        "sociaal domein",
        "B",
        WESTERVELD + "; mantelzorgondersteuning",
    ),
    R(
        "WMO-VV-10",
        "Vervoer naar dagbesteding, niet rolstoelgebonden (Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per dag",
        "sociaal domein",
        "B",
        WESTERVELD,
    ),
    R(
        "WMO-HM-10",
        "Sportrolstoel, verstrekking voor 3 jaar (tarief Westerveld)",
        "Wmo 2015",
        "gemeente",
        "per verstrekking",
        "sociaal domein",
        "B",
        WESTERVELD,
    ),
    R(
        "WMO-WA-10",
        "Woningaanpassing, gemiddelde kosten (Ooststellingwerf)",
        "Wmo 2015",
        "gemeente",
        "per verstrekking",
        "sociaal domein",
        "B",
        "Nieuwe Ooststellingwerver o.b.v. Monitor Sociaal Domein gemeente Ooststellingwerf: "
        "gemiddeld € 4.450 per woningaanpassing in 2020 (eerste helft 2021 ruim € 12.000); één "
        "gemeente, kleine aantallen",
    ),
    R(
        "WMO-MO-01",
        "Maatschappelijke opvang, plek (landelijke indicatie)",
        "Wmo 2015",
        "gemeente",
        "per jaar",
        "maatschappelijke opvang",
        "C",
        f"{EENVANDAAG}, citaat N. Boesveldt (VU): een opvangplek kost 'al gauw € 15.000 per "
        "jaar', bij zware GGZ-begeleiding tot € 70.000; krantencitaat, daarom C",
        hoog="70000",
    ),
    R(
        "WMO-MO-02",
        "Maatschappelijke opvang, nacht (afgeleid van plek per jaar)",
        "Wmo 2015",
        "gemeente",
        "per nacht",
        "maatschappelijke opvang",
        "C",
        f"Afgeleid uit WMO-MO-01 ({EENVANDAAG}). Niet optellen bij een bundelprijs "
        "huisuitzetting of dakloosheid voor dezelfde periode",
        controle=controle_mo_nacht,
    ),
    R(
        "WMO-MO-04",
        "Maatschappelijke opvang, plek (gemeente Ede)",
        "Wmo 2015",
        "gemeente",
        "per jaar",
        "maatschappelijke opvang",
        "C",
        f"{EDE}: maatschappelijke opvang € 25.000 tot € 41.000 per plek per jaar; lokaal nieuwsartikel. {EDE_JAAR}",
        prijsjaar_aanname=2023,
        hoog="41000",
    ),
    R(
        "WMO-BW-01",
        "Beschermd wonen, plek per jaar (gemeente Ede)",
        "Wmo 2015",
        "gemeente",
        "per jaar",
        "maatschappelijke opvang",
        "C",
        f"{EDE}: beschermd wonen € 65.000 per plek per jaar; lokaal nieuwsartikel. {EDE_JAAR}",
        prijsjaar_aanname=2023,
    ),
    D(
        "WMO-BW-02",
        "Beschermd wonen, dag (afgeleid van plek per jaar Ede)",
        "Wmo 2015",
        "gemeente",
        "per dag",
        "maatschappelijke opvang",
        "C",
        EDE,
        bereken_bw_dag,
    ),
    # ======================= Jeugdwet =======================================================
    R(
        "JW-AMB-01",
        "Ambulante jeugdhulp, hbo (pgb-maximum Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per uur",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
        uren="1",
    ),
    R(
        "JW-AMB-02",
        "Ambulante jeugdhulp, mbo (pgb-maximum Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per uur",
        "jeugdhulp",
        "B",
        BOLLENSTREEK + "; in de research als 'ambulant groep (MBO)' benoemd, in de notities als mbo-uurtarief",
        uren="1",
    ),
    R(
        "JW-GGZ-01",
        "Jeugd-GGZ diagnostiek en behandeling, hbo (Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per uur",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
        uren="1",
    ),
    R(
        "JW-GGZ-02",
        "Jeugd-GGZ diagnostiek en behandeling, wo (Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per uur",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
        uren="1",
    ),
    R(
        "JW-DB-01",
        "Dagbehandeling jeugd A (pgb-maximum Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per dagdeel",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
    ),
    R(
        "JW-VB-01",
        "Verblijf jeugdhulp 24 uur, jeugd- en opvoedhulp (Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per dag",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
    ),
    R(
        "JW-VB-02",
        "Verblijf jeugdhulp 24 uur, jeugd-GGZ (Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per dag",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
    ),
    R(
        "JW-VB-03",
        "Verblijf in gezinshuis (pgb-maximum Bollenstreek)",
        "Jeugdwet",
        "gemeente",
        "per dag",
        "jeugdhulp",
        "B",
        BOLLENSTREEK,
    ),
    R(
        "JW-VB-04",
        "Deeltijdverblijf/logeeropvang jeugd, etmaal (Jeugdhulp Friesland)",
        "Jeugdwet",
        "gemeente",
        "per dag",
        "jeugdhulp",
        "C",
        "Jeugdhulp Friesland, productenboek (jeugdfv.nl), beschikkingscode 43A08; tarief van één "
        "regio. "
        "[AANNAME: prijsjaar 2025; het jaar staat niet op de productpagina, die begin 2026 is "
        "gelezen en dus het lopende of vorige tarief toont; 2025 geeft bij indexatie de "
        "voorzichtigste (laagste) waarde]",
        prijsjaar_aanname=2025,
    ),
    R(
        "JW-PZ-01",
        "Pleegvergoeding, basisbedrag pleegkind 0-8 jaar",
        "Jeugdwet",
        "gemeente",
        "per dag",
        "jeugdhulp",
        "A",
        "Sterk Huis, Pleegzorgvergoeding 2024 (landelijk vastgesteld, Regeling Jeugdwet): "
        "€ 23,32 (0-8 jaar) t/m € 28,70 (18+) per dag; exclusief de kosten van de "
        "pleegzorgaanbieder. Overdracht: de vergoeding dekt het levensonderhoud van het kind, "
        "dat ook zonder pleegzorg (thuis) gemaakt wordt; geen besparing van middelen voor de "
        "samenleving",
        overdracht="ja",
    ),
    R(
        "JW-PZ-02",
        "Pleegvergoeding, pleegkind 16-17 jaar",
        "Jeugdwet",
        "gemeente",
        "per dag",
        "jeugdhulp",
        "A",
        "Sterk Huis, Pleegzorgvergoeding 2024 (landelijk vastgesteld, Regeling Jeugdwet); "
        "exclusief kosten pleegzorgaanbieder. Overdracht: zie JW-PZ-01",
        overdracht="ja",
    ),
    # ======================= Participatiewet ================================================
    R(
        "PW-BIJ-01",
        "Bijstand alleenstaande 21 jaar-AOW, norm 1-1-2024",
        "Participatiewet",
        "gemeente",
        "per maand",
        "inkomen",
        "A",
        "Normbedragen Participatiewet per 1-1-2024, incl. vakantietoeslag (RSD De Liemers, "
        f"gemeente Westland, Laborijn); excl. vakantietoeslag € 1.219,64. {BIJSTAND}",
        overdracht="ja",
    ),
    R(
        "PW-BIJ-02",
        "Bijstand gehuwden/samenwonenden 21 jaar-AOW, norm 1-1-2024",
        "Participatiewet",
        "gemeente",
        "per maand",
        "inkomen",
        "A",
        "Normbedragen Participatiewet per 1-1-2024, incl. vakantietoeslag (RSD De Liemers); "
        f"excl. vakantietoeslag € 1.742,34. {BIJSTAND}",
        overdracht="ja",
    ),
    R(
        "PW-BIJ-03",
        "Bijstand alleenstaande 21 jaar-AOW, norm 1-7-2024",
        "Participatiewet",
        "gemeente",
        "per maand",
        "inkomen",
        "A",
        f"Gemeente Velsen, Bijstandsnormen per 1 juli 2024, netto incl. vakantietoeslag (gezin € 1.869,21). {BIJSTAND}",
        overdracht="ja",
    ),
    R(
        "PW-BIJ-04",
        "Bijstand alleenstaande 21 jaar-AOW, norm 2015",
        "Participatiewet",
        "gemeente",
        "per maand",
        "inkomen",
        "A",
        f"UGS Fryslân, Normbedragen 2015 (per 1-1-2015, incl. vakantietoeslag; gehuwden € 1.372,62). {BIJSTAND}",
        overdracht="ja",
    ),
    D(
        "PW-RE-01",
        "Re-integratietraject (begeleiding naar werk)",
        "Participatiewet",
        "gemeente",
        "per traject",
        "arbeid",
        "C",
        "Eigen raming",
        bereken_reintegratie,
    ),
    # ======================= Wgs =============================================================
    D(
        "WGS-SHV-01",
        "Schuldhulpverleningstraject (minnelijk)",
        "Wgs",
        "gemeente",
        "per traject",
        "schuldhulpverlening",
        "C",
        "Eigen raming",
        bereken_schuldhulp,
    ),
    R(
        "WGS-SCH-01",
        "Problematische schulden, maatschappelijke kosten per huishouden",
        "Wgs",
        "divers",
        "per jaar",
        "schuldhulpverlening",
        "C",
        "IBO Problematische schulden 'Naar een beter werkende schuldenketen' (juni 2024; "
        "kostenraming Panteia, Hogeschool Utrecht, Nibud): ten minste € 8,5 mld per jaar, "
        "'stevige onderschatting', 730.000 huishoudens. Bundelprijs (schuldeisers, overheid, "
        "werkgevers, zorg): niet optellen bij losse posten voor hetzelfde huishouden",
        controle=controle_schulden,
    ),
    R(
        "WGS-DW-01",
        "Deurwaarder: oproeping/dagvaarding (exploot)",
        "Wgs",
        "burger",
        "per gebeurtenis",
        "deurwaarderij",
        "A",
        f"{BTAG}; per 2023 € 106,73 (Stb. 2023, 63). Wettelijk voor rekening van de schuldenaar; "
        "bij oninbaarheid voor de schuldeiser",
    ),
    R(
        "WGS-DW-02",
        "Deurwaarder: betekening van een titel (vonnis/dwangbevel)",
        "Wgs",
        "burger",
        "per gebeurtenis",
        "deurwaarderij",
        "A",
        f"{BTAG}; per 2023 € 116,20 (Stb. 2023, 63). Voor rekening van de schuldenaar",
    ),
    R(
        "WGS-DW-03",
        "Deurwaarder: beslag op roerende zaken",
        "Wgs",
        "burger",
        "per gebeurtenis",
        "deurwaarderij",
        "A",
        f"{BTAG}; per 2023 € 140,13. Voor rekening van de schuldenaar",
    ),
    R(
        "WGS-DW-04",
        "Deurwaarder: derdenbeslag (geen periodieke betaling)",
        "Wgs",
        "burger",
        "per gebeurtenis",
        "deurwaarderij",
        "A",
        f"{BTAG}; per 2023 € 221,57. Voor rekening van de schuldenaar",
    ),
    R(
        "WGS-DW-05",
        "Deurwaarder: beslag op periodieke betaling (loonbeslag)",
        "Wgs",
        "burger",
        "per gebeurtenis",
        "deurwaarderij",
        "A",
        f"{BTAG}; per 2023 € 157,17. Voor rekening van de schuldenaar",
    ),
    # ======================= Zvw ==============================================================
    R(
        "ZVW-HA-01",
        "Huisartsconsult gemiddeld, ook telefonisch/e-mail (kostprijs)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="gp_consult_avg",
    ),
    R(
        "ZVW-HA-02",
        "Huisartsconsult korter dan 20 minuten (kostprijs)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="gp_consult_short",
    ),
    R(
        "ZVW-HA-03",
        "Huisartsconsult 20 minuten of langer (kostprijs)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="gp_consult_long",
    ),
    R(
        "ZVW-HA-04",
        "Huisartsvisite gemiddeld (kostprijs)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="gp_homevisit_avg",
    ),
    R(
        "ZVW-HA-05",
        "Huisartsvisite korter dan 20 minuten (kostprijs)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="gp_homevisit_short",
    ),
    R(
        "ZVW-HA-06",
        "Huisartsvisite 20 minuten of langer (kostprijs)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="gp_homevisit_long",
    ),
    R(
        "ZVW-HA-10",
        "Huisartsconsult 5-20 minuten (NZa-tarief 12011)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        NZA_HA,
    ),
    R(
        "ZVW-HA-11",
        "Huisartsconsult 20 minuten of langer (NZa-tarief 12001)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        NZA_HA,
    ),
    R(
        "ZVW-HA-12",
        "Huisartsvisite korter dan 20 minuten (NZa-tarief 12002)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        NZA_HA,
    ),
    R(
        "ZVW-HA-13",
        "Huisartsvisite 20 minuten of langer (NZa-tarief 12003)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        NZA_HA,
    ),
    R(
        "ZVW-HA-14",
        "Inschrijvingstarief huisarts, verzekerde tot 65 jaar",
        "Zvw",
        "zorgverzekeraar",
        "per kwartaal",
        "huisartsenzorg",
        "A",
        "NZa-maximumtarief 2022 (niet-opslagwijk), overgenomen op praktijksite Schubertplein",
    ),
    R(
        "ZVW-HA-15",
        "Huisartsenpost (avond/nacht/weekend), consult",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "B",
        "Praktijksite MC Reeuwijk, Tarieven in 2018 (centrale huisartsenpost: telefonisch € 25, "
        "consult € 92,70, visite € 139,05); tarief van één huisartsenpost",
    ),
    R(
        "ZVW-HA-16",
        "Huisartsenpost (avond/nacht/weekend), visite",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "B",
        "Praktijksite MC Reeuwijk, Tarieven in 2018 (centrale huisartsenpost); tarief van één huisartsenpost",
    ),
    R(
        "ZVW-POH-01",
        "POH-GGZ, consult gemiddeld (ook telefonisch/e-mail)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="pohggz_consult_avg",
    ),
    R(
        "ZVW-POH-02",
        "POH-GGZ, consult korter dan 20 minuten",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="pohggz_consult_short",
    ),
    R(
        "ZVW-POH-03",
        "POH-GGZ, consult 20 minuten of langer",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="pohggz_consult_long",
    ),
    R(
        "ZVW-POH-04",
        "POH-GGZ, huisbezoek gemiddeld",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="pohggz_home_avg",
    ),
    R(
        "ZVW-POH-05",
        "POH-GGZ, groepsconsult per deelnemer",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
        "A",
        kh="pohggz_group",
    ),
    K(
        "ZVW-POH-06",
        "pohggz_home_short",
        "POH-GGZ, huisbezoek korter dan 20 minuten",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
    ),
    K(
        "ZVW-POH-07",
        "pohggz_home_long",
        "POH-GGZ, huisbezoek 20 minuten of langer",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "huisartsenzorg",
    ),
    R(
        "ZVW-SEH-01",
        "Spoedeisende hulp, bezoek (SEH)",
        "Zvw",
        "zorgverzekeraar",
        "per gebeurtenis",
        "ziekenhuiszorg",
        "A",
        kh="emergency_care",
    ),
    R(
        "ZVW-AMB-01",
        "Ambulancerit, gewogen gemiddelde",
        "Zvw",
        "zorgverzekeraar",
        "per rit",
        "ambulancezorg",
        "A",
        kh="ambulance_weighted",
    ),
    R(
        "ZVW-AMB-02",
        "Ambulancerit, besteld vervoer",
        "Zvw",
        "zorgverzekeraar",
        "per rit",
        "ambulancezorg",
        "A",
        kh="ambulance_ordered",
    ),
    R(
        "ZVW-AMB-03",
        "Ambulancerit, spoedvervoer (A1/A2)",
        "Zvw",
        "zorgverzekeraar",
        "per rit",
        "ambulancezorg",
        "A",
        kh="ambulance_urgent",
    ),
    R(
        "ZVW-ZH-01",
        "Polikliniekbezoek ziekenhuis",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ziekenhuiszorg",
        "A",
        kh="outpatient_visit_hospital",
    ),
    R(
        "ZVW-ZH-02",
        "Dagbehandeling ziekenhuis",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "ziekenhuiszorg",
        "A",
        kh="daytreatment_hospital",
    ),
    R(
        "ZVW-ZH-03",
        "Verpleegdag ziekenhuis, inclusief personeelskosten",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "ziekenhuiszorg",
        "A",
        "Geen onderscheid algemeen/academisch ziekenhuis in deze dataset.",
        kh="nursingday_incl_personnel",
    ),
    R(
        "ZVW-ZH-04",
        "Verpleegdag ziekenhuis, exclusief personeelskosten",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "ziekenhuiszorg",
        "A",
        kh="nursingday_excl_personnel",
    ),
    R(
        "ZVW-ZH-05",
        "Verpleegdag intensive care (incl. diagnostiek en medicatie)",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "ziekenhuiszorg",
        "A",
        kh="nursingday_intensivecare",
    ),
    R(
        "ZVW-GGZ-02",
        "Basis-GGZ, contact vrijgevestigde zorgverlener",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        kh="mhc_basic_independent",
    ),
    R(
        "ZVW-GGZ-03",
        "Basis-GGZ, contact zorgverlener in instelling",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        kh="mhc_basic_institution",
    ),
    R(
        "ZVW-GGZ-04",
        "Specialistische GGZ, contact vrijgevestigde zorgverlener",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        kh="mhc_specialised_independent",
    ),
    R(
        "ZVW-GGZ-05",
        "Specialistische GGZ, contact zorgverlener in instelling",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        kh="mhc_specialised_institution",
    ),
    R(
        "ZVW-GGZ-06",
        "GGZ, contact zorgverlener PAAZ/PUK",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        kh="mhc_paaz_puk",
    ),
    R(
        "ZVW-GGZ-07",
        "Verpleegdag psychiatrische instelling (klinische opname)",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "ggz",
        "A",
        kh="mhc_nursingday_psy_inst",
    ),
    R(
        "ZVW-GGZ-08",
        "Verpleegdag PAAZ/PUK",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "ggz",
        "A",
        kh="mhc_nursingday_paaz_puk",
    ),
    R(
        "ZVW-GGZ-09",
        "Dagactiviteiten specialistische GGZ",
        "Zvw",
        "zorgverzekeraar",
        "per dagdeel",
        "ggz",
        "A",
        kh="mhc_dayactivities_halfday",
    ),
    R(
        "ZVW-GGZ-20",
        "GGZ-behandelconsult 45 minuten, gz-psycholoog (CO0497)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        NZA_GGZ,
        uren="0.75",
    ),
    R(
        "ZVW-GGZ-21",
        "GGZ-behandelconsult 60 minuten, gz-psycholoog (CO0627)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        NZA_GGZ,
        uren="1",
    ),
    R(
        "ZVW-GGZ-22",
        "GGZ-diagnostiekconsult 60 minuten, gz-psycholoog (CO0562)",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "ggz",
        "A",
        NZA_GGZ,
        uren="1",
    ),
    R(
        "ZVW-PARA-01",
        "Fysiotherapie",
        "Zvw",
        "zorgverzekeraar",
        "per zitting",
        "paramedische zorg",
        "A",
        "Bron: zorgverzekeraar/burger; hier zorgverzekeraar, al betaalt bij volwassenen vaak de "
        "aanvullende verzekering of de burger zelf.",
        kh="physiotherapy_session",
    ),
    R(
        "ZVW-PARA-02",
        "Oefentherapie",
        "Zvw",
        "zorgverzekeraar",
        "per zitting",
        "paramedische zorg",
        "A",
        "Bron: zorgverzekeraar/burger; hier zorgverzekeraar (vaak aanvullende verzekering).",
        kh="exercise_therapy_session",
    ),
    R(
        "ZVW-PARA-03",
        "Logopedie",
        "Zvw",
        "zorgverzekeraar",
        "per zitting",
        "paramedische zorg",
        "A",
        kh="speech_therapy_session",
    ),
    R(
        "ZVW-PARA-04",
        "Ergotherapie",
        "Zvw",
        "zorgverzekeraar",
        "per zitting",
        "paramedische zorg",
        "A",
        kh="occupational_therapy_session",
    ),
    R(
        "ZVW-PARA-05",
        "Dieetadvisering",
        "Zvw",
        "zorgverzekeraar",
        "per zitting",
        "paramedische zorg",
        "A",
        kh="diet_advice_session",
    ),
    R(
        "ZVW-PARA-06",
        "Gecombineerde leefstijlinterventie (GLI)",
        "Zvw",
        "zorgverzekeraar",
        "per traject",
        "paramedische zorg",
        "A",
        "Eenheid in de dataset niet nader omschreven (programma); per traject is een interpretatie.",
        kh="gli_programme",
    ),
    R(
        "ZVW-MED-01",
        "Apotheek, terhandstellingsvergoeding (excl. geneesmiddel)",
        "Zvw",
        "zorgverzekeraar",
        "per receptregel",
        "farmacie",
        "A",
        "Engels label 'order tariff'; vertaling onzeker.",
        kh="order_tariff",
    ),
    R(
        "ZVW-WV-02",
        "Persoonlijke verzorging thuis",
        "Zvw",
        "zorgverzekeraar",
        "per uur",
        "wijkverpleging",
        "A",
        "Valt doorgaans onder Zvw-wijkverpleging (soms Wlz).",
        kh="homecare_personal",
        uren="1",
    ),
    R(
        "ZVW-WV-03",
        "Verpleging thuis (wijkverpleging)",
        "Zvw",
        "zorgverzekeraar",
        "per uur",
        "wijkverpleging",
        "A",
        kh="homecare_nursing_hour",
        uren="1",
    ),
    R(
        "ZVW-WV-04",
        "Behandeling thuis",
        "Zvw",
        "zorgverzekeraar",
        "per uur",
        "wijkverpleging",
        "A",
        "Bron: Zvw/Wlz; hier Zvw.",
        kh="homecare_treatment_hour",
        uren="1",
    ),
    R(
        "ZVW-WV-05",
        "Reiskosten thuiszorg per bezoek",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "wijkverpleging",
        "A",
        kh="homecare_travel",
    ),
    R(
        "ZVW-GRZ-01",
        "Geriatrische revalidatiezorg, gemiddeld",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "revalidatie",
        "A",
        kh="geriatric_rehab_avg",
    ),
    R(
        "ZVW-REV-01",
        "Revalidatie, behandelconsult volwassenen",
        "Zvw",
        "zorgverzekeraar",
        "per contact",
        "revalidatie",
        "A",
        kh="rehab_consult_adults",
    ),
    R(
        "ZVW-REV-02",
        "Verpleegdag revalidatiecentrum volwassenen (incl. behandeluren)",
        "Zvw",
        "zorgverzekeraar",
        "per dag",
        "revalidatie",
        "A",
        kh="rehab_nursingday_adults",
    ),
    # ======================= Wlz ==============================================================
    R(
        "WLZ-VPH-01",
        "Verpleeghuiszorg, verpleging en verzorging incl. dagbesteding",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
        "A",
        WLZ_FIN,
        kh="nursingcare_day",
    ),
    R(
        "WLZ-GZ-01",
        "Wonen met zorg, verstandelijke beperking, incl. dagbesteding",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
        "A",
        WLZ_FIN,
        kh="disability_res_intellectual_incl",
    ),
    R(
        "WLZ-GZ-02",
        "Wonen met zorg, licht verstandelijke beperking, incl. dagbesteding",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
        "A",
        "Bron: Wlz/Jeugdwet; hier Wlz (bij jeugdigen valt dit onder de Jeugdwet). " + WLZ_FIN,
        kh="disability_res_mild_incl",
    ),
    R(
        "WLZ-GZ-03",
        "Wonen met zorg, SGLVG (lvb en ernstige gedragsproblemen)",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
        "A",
        WLZ_FIN,
        kh="disability_res_behaviour_incl",
    ),
    R(
        "WLZ-GZ-04",
        "Wonen met zorg, lichamelijke beperking, incl. dagbesteding",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
        "A",
        WLZ_FIN,
        kh="disability_res_physical_incl",
    ),
    K(
        "WLZ-GZ-05",
        "disability_res_intellectual_excl",
        "Wonen met zorg, verstandelijke beperking, excl. dagbesteding",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
    ),
    K(
        "WLZ-GZ-06",
        "disability_res_physical_excl",
        "Wonen met zorg, lichamelijke beperking, excl. dagbesteding",
        "Wlz",
        "Wlz-uitvoerder",
        "per dag",
        "langdurige zorg",
    ),
    # ======================= Justitie =========================================================
    R(
        "JUS-DET-01",
        "Detentiedag volwassene (DJI 2014)",
        "Justitie",
        "Rijk",
        "per dag",
        "justitie",
        "B",
        "NRC-factcheck 11-07-2014, citeert 'Dit is DJI in feiten en cijfers' (april 2014): "
        "volwassen gedetineerde € 262 per dag, jeugdige € 547; officieel cijfer via krant, oud",
        prijsjaar_aanname=2015,
    ),
    R(
        "JUS-DET-02",
        "Detentiedag jeugd, justitiële jeugdinrichting (DJI 2014)",
        "Justitie",
        "Rijk",
        "per dag",
        "justitie",
        "B",
        "NRC-factcheck 11-07-2014, citeert 'Dit is DJI in feiten en cijfers' (april 2014)",
        prijsjaar_aanname=2015,
    ),
    R(
        "JUS-DET-03",
        "Detentiedag volgens Raad van Europa (Nederland 2016)",
        "Justitie",
        "Rijk",
        "per dag",
        "justitie",
        "B",
        "Nieuws.nl/Tubantia 20-03-2018 over Raad van Europa-cijfers (SPACE I) 2016: Nederland "
        "€ 250 per gevangene per dag",
    ),
    R(
        "JUS-RS-01",
        "Rechtbank, zittingsuur omvangrijke strafzaak",
        "Justitie",
        "Rijk",
        "per uur",
        "justitie",
        "C",
        "RTV Noord (dec. 2019): de Raad voor de rechtspraak betaalt de rechtbank € 2.130 per "
        "uur voor een megastrafzaak; niet representatief voor een gewone strafzaak. "
        "Uren per eenheid leeg: één zittingsuur vraagt meerdere professionals",
    ),
    R(
        "JUS-POL-01",
        "Politie-inzet per agent (kental)",
        "Justitie",
        "politie",
        "per uur",
        "politie",
        "C",
        "Blog Sport en Economie (20-11-2013) citeert een kental uit het tv-programma 'De "
        "Rekenkamer': € 70 per agent per uur; de blogger acht dit te laag (geen overhead). "
        "Zwakke bron",
        uren="1",
        prijsjaar_aanname=2015,
    ),
    R(
        "JUS-DEL-01",
        "Delict: diefstal met geweld / beroving",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_robbery_violence",
    ),
    R(
        "JUS-DEL-02",
        "Delict: eenvoudige diefstal / zakkenrollerij",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_theft_simple",
    ),
    R(
        "JUS-DEL-03",
        "Delict: vernieling / vandalisme",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_vandalism",
    ),
    R(
        "JUS-DEL-04",
        "Delict: openbare-ordeverstoring / discriminatie",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_disorder",
    ),
    R(
        "JUS-DEL-05",
        "Delict: eenvoudige en zware mishandeling",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_assault",
    ),
    R(
        "JUS-DEL-06",
        "Delict: bedreiging",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_threat",
    ),
    R(
        "JUS-DEL-07",
        "Delict: rijden onder invloed",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_dui",
    ),
    R(
        "JUS-DEL-08",
        "Delict: handel in harddrugs",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_sell_harddrugs",
    ),
    R(
        "JUS-DEL-09",
        "Delict: brandstichting",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        "A",
        DELICT,
        kh="justice_arson",
    ),
    K(
        "JUS-DEL-10",
        "justice_stolen_goods",
        "Delict: heling",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        DELICT,
    ),
    K(
        "JUS-DEL-11",
        "justice_sell_softdrugs",
        "Delict: handel in softdrugs",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        DELICT,
    ),
    K(
        "JUS-DEL-12",
        "justice_firearm_offence",
        "Delict: (vuur)wapendelict",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        DELICT,
    ),
    K(
        "JUS-DEL-13",
        "justice_unauthorised_driving",
        "Delict: rijden zonder rijbevoegdheid",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        DELICT + ". Vertaling van 'Unauthorized driving' onzeker",
    ),
    K(
        "JUS-DEL-14",
        "justice_forced_sexual",
        "Delict: gedwongen seksueel contact",
        "Justitie",
        "divers",
        "per gebeurtenis",
        "justitie",
        DELICT + ". Opvallend laag naast mishandeling en bedreiging: controleer de PDF",
    ),
    # ======================= Wonen ============================================================
    R(
        "WON-DW-01",
        "Deurwaarder: gedwongen ontruiming (alleen het exploot)",
        "Wonen",
        "woningcorporatie",
        "per gebeurtenis",
        "deurwaarderij",
        "A",
        f"{BTAG}; alleen de ambtshandeling, excl. verhuizer, opslag en slotenmaker. Bron: "
        "burger (schuldenaar)/woningcorporatie; hier woningcorporatie, die de kosten voorschiet "
        "en na een uitzetting zelden terugkrijgt. Zit al in WON-ONT-01/02/04",
    ),
    R(
        "WON-ONT-01",
        "Huisuitzetting, directe kosten verhuurder (ondergrens)",
        "Wonen",
        "woningcorporatie",
        "per gebeurtenis",
        "wonen",
        "B",
        EROPAF + ". Kan afgeschreven huurachterstand bevatten (deels overdracht)",
        laag="@WON-ONT-01",
        hoog="@WON-ONT-02",
        prijsjaar_aanname=2015,
    ),
    R(
        "WON-ONT-02",
        "Huisuitzetting, directe kosten verhuurder (bovengrens)",
        "Wonen",
        "woningcorporatie",
        "per gebeurtenis",
        "wonen",
        "B",
        EROPAF + ". Kan afgeschreven huurachterstand bevatten (deels overdracht)",
        laag="@WON-ONT-01",
        hoog="@WON-ONT-02",
        prijsjaar_aanname=2015,
    ),
    D(
        "WON-ONT-04",
        "Huisuitzetting, directe kosten verhuurder (middenwaarde)",
        "Wonen",
        "woningcorporatie",
        "per gebeurtenis",
        "wonen",
        "C",
        EROPAF + ". Kan afgeschreven huurachterstand bevatten (deels overdracht)",
        bereken_ontruiming_midden,
    ),
    R(
        "WON-ONT-03",
        "Huisuitzetting, maatschappelijke kosten alle instanties (meerjarig)",
        "Wonen",
        "divers",
        "per gebeurtenis",
        "wonen",
        "C",
        "BN DeStem (2017): Stadlander (Bergen op Zoom) o.b.v. masterthesis W. Dircken (nov. "
        "2015): 'elke huisuitzetting kost ongeveer 100.000 euro'; globale raming, zwakke bron. "
        "Bundelprijs met opvang, zorg en justitie over meerdere jaren: niet optellen bij losse "
        "posten (opvang, deurwaarder, zorg) voor dezelfde uitzetting",
    ),
    # ======================= Arbeid ===========================================================
    R(
        "WW-01",
        "WW-uitkering, gemiddelde uitkeringslast",
        "Arbeid",
        "UWV",
        "per maand",
        "inkomen",
        "C",
        "UWV via Telegraaf/AccountancyVanMorgen 2018 (uitgaven) en Salarisnet (aantal). Geen "
        "officiële gemiddelde WW per maand gevonden. Overdracht: besparing voor UWV, geen "
        "besparing van middelen voor de samenleving",
        overdracht="ja",
        controle=controle_ww,
        prijsjaar_aanname=2015,
    ),
    R(
        "ARB-VZ-01",
        "Ziekteverzuim, totale kosten werkgever per verzuimdag (MKB)",
        "Arbeid",
        "werkgever",
        "per dag",
        "arbeid",
        "B",
        f"{MKB}: loondoorbetaling € 153 + vervanging € 191 + omzetverlies € 43 + arbodienst € 10 "
        "+ begeleiding € 8 = € 405; elders noemt MKB Servicedesk gemiddeld € 250-300 per dag. "
        "Telt loondoorbetaling én vervanging: voor het maatschappelijk saldo liever ARB-VZ-03",
        laag="250",
        hoog="405",
    ),
    R(
        "ARB-VZ-02",
        "Ziekteverzuim, loondoorbetaling per verzuimdag (MKB)",
        "Arbeid",
        "werkgever",
        "per dag",
        "arbeid",
        "B",
        f"{MKB}; onderdeel van ARB-VZ-01",
    ),
    D(
        "ARB-VZ-03",
        "Ziekteverzuim, productiviteitsverlies per dag (kostprijs)",
        "Arbeid",
        "werkgever",
        "per dag",
        "arbeid",
        "C",
        "Kostenhandleiding 2024, productiviteitskosten betaald werk",
        bereken_verzuim_dag,
    ),
    R(
        "ARB-01",
        "Productiviteitsverlies betaald werk (kostprijs)",
        "Arbeid",
        "werkgever",
        "per uur",
        "arbeid",
        "A",
        "Basis voor verzuimkosten (frictiekostenmethode).",
        kh="prodloss_paid_hour",
        uren="1",
    ),
    # ======================= Onderwijs ========================================================
    R(
        "OND-01",
        "Primair onderwijs, per leerling",
        "Onderwijs",
        "Rijk",
        "per jaar",
        "onderwijs",
        "A",
        kh="edu_primary_year",
    ),
    R(
        "OND-02",
        "Voortgezet onderwijs, per leerling",
        "Onderwijs",
        "Rijk",
        "per jaar",
        "onderwijs",
        "A",
        kh="edu_secondary_year",
    ),
    R(
        "OND-03",
        "Middelbaar beroepsonderwijs (mbo), per student",
        "Onderwijs",
        "Rijk",
        "per jaar",
        "onderwijs",
        "A",
        kh="edu_vocational_year",
    ),
    R(
        "OND-04",
        "Speciaal (basis)onderwijs, per leerling",
        "Onderwijs",
        "Rijk",
        "per jaar",
        "onderwijs",
        "A",
        kh="edu_specialprim_year",
    ),
    K(
        "OND-06",
        "edu_higherprof_year",
        "Hoger beroepsonderwijs (hbo), per student",
        "Onderwijs",
        "Rijk",
        "per jaar",
        "onderwijs",
    ),
    R(
        "OND-05",
        "Remedial teaching",
        "Onderwijs",
        "burger",
        "per uur",
        "onderwijs",
        "A",
        "Bron: burger/school; hier burger (ouders betalen remedial teaching buiten school vaak zelf).",
        kh="edu_remedial_hour",
        uren="1",
    ),
    K(
        "OND-07",
        "edu_tutoring_teacher_hour",
        "Bijles of huiswerkbegeleiding door een leraar",
        "Onderwijs",
        "burger",
        "per uur",
        "onderwijs",
        "Doorgaans betaald door de ouders.",
        uren="1",
    ),
    K(
        "OND-08",
        "edu_tutoring_student_hour",
        "Bijles of huiswerkbegeleiding door een student",
        "Onderwijs",
        "burger",
        "per uur",
        "onderwijs",
        "Doorgaans betaald door de ouders.",
        uren="1",
    ),
    # ======================= Overig ===========================================================
    R(
        "MZ-01",
        "Mantelzorg, vervangingskosten informele zorg",
        "Overig",
        "burger",
        "per uur",
        "mantelzorg",
        "A",
        "Bron: burger (mantelzorger).",
        kh="timecost_informal_hour",
        uren="1",
    ),
    R(
        "ARB-02",
        "Onbetaald werk (huishouden), vervangingskosten",
        "Overig",
        "burger",
        "per uur",
        "overig",
        "A",
        kh="prodloss_unpaid_hour",
        uren="1",
    ),
    R(
        "WMO-MO-03",
        "Dakloosheid, maatschappelijke kosten per persoon",
        "Overig",
        "divers",
        "per jaar",
        "maatschappelijke opvang",
        "C",
        f"{EENVANDAAG}, straatarts M. van Tongerloo: een dakloze kost de samenleving € 30.000 tot "
        "€ 85.000 per jaar (prijs = ondergrens); krantencitaat. Bundelprijs (gemeente, zorg, "
        "politie): niet optellen bij opvangnachten of zorgposten voor dezelfde periode",
        hoog="85000",
    ),
    K("OV-RK-01", "transport_car_km", "Reiskosten patiënt met de auto", "Overig", "burger", "per km", "overig"),
    K(
        "OV-RK-02",
        "transport_pt_km",
        "Reiskosten patiënt met het openbaar vervoer",
        "Overig",
        "burger",
        "per km",
        "overig",
    ),
    K(
        "OV-RK-03",
        "transport_car_parking",
        "Parkeerkosten patiënt per bezoek",
        "Overig",
        "burger",
        "per contact",
        "overig",
    ),
]

# --------------------------------------------------------------------------------------------
# Bouwen
# --------------------------------------------------------------------------------------------


#: Research-regels die bewust niet als eigen post in de lijst staan, met de reden.
WEGGELATEN = {
    "ZVW-GGZ-01": "opgenomen als eigen inzet INZ-MW-01 (zelfde bedrag, geen dubbele post)",
    "WGS-SCH-02": "landelijk totaal (€ 8,5 mld), geen prijs per geval; per huishouden: WGS-SCH-01",
    "OV-EENZ-01": "landelijk totaal (€ 2 mld), geen bedrag per persoon gevonden",
    "OND-VSV-01": "landelijk totaal (€ 4,714 mld), geen bedrag per vsv'er, prijsjaar onbekend",
    "JW-JB-01": "geen bedrag gevonden (jeugdbescherming, landelijk tarief)",
    "JW-JZP-01": "geen bedrag gevonden (JeugdzorgPlus)",
    "WMO-VT-01": "geen bedrag gevonden (Veilig Thuis)",
    "WSNP-01": "geen bedrag gevonden (Wsnp)",
    "ZVW-GGZ-30": "geen bedrag gevonden (GGZ-crisisdienst)",
}


def controleer_dekking(b: Bronnen) -> None:
    """Elke research-regel is gebruikt of staat met reden in WEGGELATEN."""
    gebruikt = {p.code for p in POSTEN}
    fouten = []
    for code in b.research:
        if code in gebruikt and code in WEGGELATEN:
            fouten.append(f"{code}: gebruikt én weggelaten")
        if code not in gebruikt and code not in WEGGELATEN:
            fouten.append(f"{code}: research-regel niet gebruikt en niet in WEGGELATEN")
    for code in WEGGELATEN:
        if code not in b.research:
            fouten.append(f"{code}: staat in WEGGELATEN maar niet in de research")
    for p in POSTEN:
        rij = b.research.get(p.code)
        if rij is None:
            continue
        if p.herkomst == "research" and rij["bron"].startswith("Zorginstituut") and not p.kh:
            fouten.append(f"{p.code}: Kostenhandleiding-regel zonder kh-controle")
        if p.herkomst == "afgeleid" and rij["prijs_eur"].strip():
            fouten.append(f"{p.code}: research heeft een bedrag; gebruik R(...)")
        if p.herkomst == "kostenhandleiding":
            fouten.append(f"{p.code}: research-code gebruikt voor een K-post")
    if fouten:
        raise BronFout("dekking research:\n  " + "\n  ".join(fouten))


CPI_EERSTE_JAAR = 2015


def aanname_jaar_voor_cpi(b: Bronnen, jaar: int) -> str:
    """Standaardtekst voor een bronjaar dat voor de CPI-reeks (2015) ligt."""
    if jaar == CPI_EERSTE_JAAR - 1:
        mutatie = next(r["jaarmutatie_cpi_pct"] for r in b.cpi if int(r["jaar"]) == CPI_EERSTE_JAAR).replace(".", ",")
        stijging = f"de prijsstijging 2014-2015 ({mutatie}%)"
    else:
        stijging = f"de prijsstijging {jaar}-2015"
    return (
        f"[AANNAME: prijsjaar 2015 in plaats van {jaar}: de CPI-reeks begint in 2015; "
        f"{stijging} valt weg, dus het geïndexeerde bedrag is iets te laag (voorzichtig)]"
    )


def _bedrag(text: str, b: Bronnen) -> Decimal | None:
    if not text:
        return None
    if text.startswith("@"):
        return b.r(text[1:])
    return Decimal(text)


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else f"{cent(value):.2f}"


def bouw_rij(post: Post, b: Bronnen) -> dict[str, str]:
    laag, hoog = _bedrag(post.laag, b), _bedrag(post.hoog, b)
    delen: list[str] = []

    if post.herkomst == "research":
        rij = b.r_rij(post.code)
        prijs = b.r(post.code)
        jaartekst = rij["prijsjaar"].strip()
        voor_cpi = jaartekst.isdigit() and int(jaartekst) < CPI_EERSTE_JAAR
        if jaartekst.isdigit() and not voor_cpi:
            if post.prijsjaar_aanname is not None:
                raise BronFout(f"{post.code}: prijsjaar bekend, aanname niet toegestaan")
            prijsjaar = int(jaartekst)
        elif voor_cpi:
            if post.prijsjaar_aanname != CPI_EERSTE_JAAR:
                raise BronFout(
                    f"{post.code}: prijsjaar {jaartekst} ligt voor de CPI-reeks; "
                    f"zet prijsjaar_aanname={CPI_EERSTE_JAAR}"
                )
            prijsjaar = CPI_EERSTE_JAAR
            jaar_aanname = aanname_jaar_voor_cpi(b, int(jaartekst))
        else:
            if post.prijsjaar_aanname is None or "AANNAME" not in post.bron:
                raise BronFout(f"{post.code}: prijsjaar {jaartekst!r}; geef een AANNAME")
            prijsjaar = post.prijsjaar_aanname
        if post.kh:
            if b.k(post.kh) != prijs:
                raise BronFout(f"{post.code}: research {prijs} wijkt af van Kostenhandleiding {post.kh} {b.k(post.kh)}")
            if prijsjaar != 2022:
                raise BronFout(f"{post.code}: Kostenhandleiding-post zonder prijsjaar 2022")
            delen.append(b.k_bron(post.kh))
        if post.bron:
            delen.append(post.bron)
        if voor_cpi:
            delen.append(jaar_aanname)
        if post.controle is not None:
            afleiding, c_laag, c_hoog = post.controle(b)
            delen.append(afleiding)
            laag = c_laag if c_laag is not None else laag
            hoog = c_hoog if c_hoog is not None else hoog
        elif rij["verified"].strip() != "yes":
            raise BronFout(f"{post.code}: research verified=no zonder controle/afleiding")
    elif post.herkomst == "kostenhandleiding":
        prijs = b.k(post.kh)
        prijsjaar = 2022
        delen.append(b.k_bron(post.kh))
        if post.bron:
            delen.append(post.bron)
    elif post.herkomst == "afgeleid":
        assert post.bereken is not None
        prijs, prijsjaar, afleiding, d_laag, d_hoog = post.bereken(b)
        laag = d_laag if d_laag is not None else laag
        hoog = d_hoog if d_hoog is not None else hoog
        if post.bron:
            delen.append(post.bron)
        delen.append(afleiding)
    else:  # pragma: no cover
        raise BronFout(f"{post.code}: onbekende herkomst {post.herkomst}")

    if post.herkomst == "research" and laag is None and hoog is not None:
        laag = prijs
    bron = " ".join(d.strip().rstrip(".") + "." if not d.strip().endswith("]") else d.strip() for d in delen)
    return {
        "code": post.code,
        "omschrijving": post.omschrijving,
        "wet": post.wet,
        "financier": post.financier,
        "eenheid": post.eenheid,
        "prijs": _fmt(prijs),
        "prijsjaar": str(prijsjaar),
        "bron": bron,
        "uren_per_eenheid": post.uren,
        "sector": post.sector,
        "overdracht": post.overdracht,
        "soort": post.soort,
        "betrouwbaarheid": post.betrouwbaarheid,
        "prijs_laag": _fmt(laag),
        "prijs_hoog": _fmt(hoog),
    }


def controleer(rijen: list[dict[str, str]], cpi_jaren: set[int]) -> None:
    fouten: list[str] = []
    codes: set[str] = set()
    omschrijvingen: set[str] = set()
    for r in rijen:
        c = r["code"]
        if not CODE_RE.match(c):
            fouten.append(f"{c}: code ongeldig")
        if c in codes:
            fouten.append(f"{c}: code dubbel")
        codes.add(c)
        o = r["omschrijving"].casefold()
        if o in omschrijvingen:
            fouten.append(f"{c}: omschrijving dubbel")
        omschrijvingen.add(o)
        if len(r["omschrijving"]) > MAX_OMSCHRIJVING:
            fouten.append(f"{c}: omschrijving langer dan {MAX_OMSCHRIJVING} tekens")
        for kolom, toegestaan in (
            ("wet", WETTEN),
            ("financier", FINANCIERS),
            ("sector", SECTOREN),
            ("eenheid", EENHEDEN),
            ("betrouwbaarheid", BETROUWBAARHEID),
            ("soort", SOORTEN),
            ("overdracht", JA_NEE),
        ):
            if r[kolom] not in toegestaan:
                fouten.append(f"{c}: {kolom} {r[kolom]!r} niet toegestaan")
        prijs = Decimal(r["prijs"])
        if prijs <= 0:
            fouten.append(f"{c}: prijs niet positief")
        if int(r["prijsjaar"]) not in cpi_jaren:
            fouten.append(f"{c}: prijsjaar {r['prijsjaar']} niet in cpi.csv")
        laag = Decimal(r["prijs_laag"]) if r["prijs_laag"] else None
        hoog = Decimal(r["prijs_hoog"]) if r["prijs_hoog"] else None
        if (laag is None) != (hoog is None):
            fouten.append(f"{c}: alleen prijs_laag of alleen prijs_hoog")
        if laag is not None and hoog is not None and not (0 < laag <= prijs <= hoog):
            fouten.append(f"{c}: prijs buiten bandbreedte")
        if r["soort"] == "inzet" and not r["bron"].startswith(INZET_PREFIX):
            fouten.append(f"{c}: inzet-post zonder aannametekst vooraan")
        # Een aanname over alleen het prijsjaar (bron voor 2015) verlaagt de score niet.
        zonder_jaar = re.sub(r"\[AANNAME: prijsjaar 2015 in plaats van \d{4}:[^\]]*\]", "", r["bron"])
        if r["betrouwbaarheid"] != "C" and ("AANNAME" in zonder_jaar or "AFGELEID" in zonder_jaar):
            fouten.append(f"{c}: AANNAME/AFGELEID maar betrouwbaarheid niet C")
        if r["uren_per_eenheid"] and Decimal(r["uren_per_eenheid"]) <= 0:
            fouten.append(f"{c}: uren_per_eenheid niet positief")
        if "\n" in r["bron"] or "\r" in r["bron"]:
            fouten.append(f"{c}: regeleinde in bron")
    ontbrekend = set(WETTEN) - {r["wet"] for r in rijen}
    if ontbrekend:
        fouten.append(f"wetten zonder post: {sorted(ontbrekend)}")
    if fouten:
        raise BronFout("prijslijst klopt niet:\n  " + "\n  ".join(fouten))


def bouw_prijslijst(b: Bronnen) -> list[dict[str, str]]:
    rijen = [bouw_rij(p, b) for p in POSTEN]
    rijen.sort(key=lambda r: (WETTEN.index(r["wet"]), r["code"]))
    return rijen


def bouw_cpi(b: Bronnen) -> list[dict[str, str]]:
    rijen = []
    vorige: Decimal | None = None
    for row in b.cpi:
        jaar = int(row["jaar"])
        waarde = Decimal(row["cpi_2015_100_afgeleid"])
        mutatie = row["jaarmutatie_cpi_pct"].strip().replace(".", ",")
        status = row["status"]
        if status == "basisjaar":
            tekst = "CBS 83131NED (Consumentenprijzen, alle bestedingen), basisjaar 2015=100"
        elif status.startswith("afgeleid"):
            tekst = (
                "Afgeleid uit CBS-indexcijfers 71905NED (1900=100) t.o.v. 2015; kan enkele "
                "tienden afwijken van de officiële StatLine-waarde (83131NED)"
            )
        elif status.startswith("geketend"):
            tekst = (
                f"Afgeleid: vorig jaar × (1 + {mutatie}%), afgeronde CBS-jaarmutatie volgens "
                f"{row['bron_mutatie']}; geketend sinds 2020, kan enkele tienden afwijken "
                "van de officiële StatLine-waarde (83131NED)"
            )
            if vorige is not None:
                verwacht = vorige * (1 + Decimal(row["jaarmutatie_cpi_pct"]) / 100)
                if abs(verwacht - waarde) > Decimal("0.011"):
                    raise BronFout(f"CPI {jaar}: ketening klopt niet ({verwacht} vs {waarde})")
        else:
            raise BronFout(f"CPI {jaar}: onbekende status {status!r}")
        vorige = waarde
        rijen.append({"jaar": str(jaar), "cpi": f"{cent(waarde):.2f}", "bron": tekst})
    jaren = [int(r["jaar"]) for r in rijen]
    if jaren != list(range(2015, 2026)):
        raise BronFout(f"CPI-reeks moet 2015 t/m 2025 zijn, is {jaren}")
    return rijen


def schrijf_csv(pad: Path, kolommen: tuple[str, ...], rijen: list[dict[str, str]]) -> None:
    with open(pad, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=kolommen, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rijen)


def main(argv: list[str] | None = None) -> int:
    hier = Path(__file__).resolve().parent
    repo = hier.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bronnen", type=Path, default=repo.parent / "shared" / "prijslijst-bronnen", help="map met de bronbestanden"
    )
    parser.add_argument("--uit", type=Path, default=hier, help="map voor prijslijst.csv en cpi.csv")
    args = parser.parse_args(argv)
    try:
        b = lees_bronnen(args.bronnen)
        cpi = bouw_cpi(b)
        controleer_dekking(b)
        rijen = bouw_prijslijst(b)
        controleer(rijen, {int(r["jaar"]) for r in cpi})
    except (BronFout, OSError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 1
    args.uit.mkdir(parents=True, exist_ok=True)
    schrijf_csv(args.uit / "prijslijst.csv", KOLOMMEN, rijen)
    schrijf_csv(args.uit / "cpi.csv", ("jaar", "cpi", "bron"), cpi)
    print(f"{len(rijen)} posten naar {args.uit / 'prijslijst.csv'}; {len(cpi)} jaren naar {args.uit / 'cpi.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
