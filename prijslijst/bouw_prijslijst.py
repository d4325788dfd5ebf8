#!/usr/bin/env python3
"""Bouwt de maatschappelijke prijslijst (prijslijst.csv) en de CPI-reeks (cpi.csv).

Gebruik (vanuit de root van de repository, met het pakket geïnstalleerd):

    python prijslijst/bouw_prijslijst.py [--bronnen DIR] [--uit DIR]

--bronnen  map met de bronbestanden (standaard: <repo>/../shared/prijslijst-bronnen)
--uit      map waarin prijslijst.csv en cpi.csv komen (standaard: de map van dit script)

Werkwijze
- De gecureerde kolommen staan in `posten.csv` naast dit script, één regel per post:
  omschrijving, wet, financier, eenheid, sector, betrouwbaarheid, overdracht, soort,
  uren_per_eenheid, bandbreedte (prijs_laag/prijs_hoog), prijsjaar_aanname en de brontekst.
- Prijzen en prijsjaren worden NOOIT overgetypt: ze komen uit de bronbestanden, volgens
  de kolom `herkomst`:
  * research          : regel uit prijslijst_research.csv (zelfde code). Met `sleutel`
                        (een Kostenhandleiding-short_var) wordt het bedrag bovendien
                        gecontroleerd tegen de Kostenhandleiding-TSV. Met `berekening` wordt
                        de rekensom van een al afgeleide research-regel nagerekend.
  * kostenhandleiding : referentieprijs uit kostenhandleiding2024_refprices_from_tatooheene.tsv
                        (kolom 2022, short_var in `sleutel`), prijsjaar 2022, betrouwbaarheid A.
  * afgeleid          : prijs berekend door de functie in `berekening` (BEREKENINGEN hieronder);
                        de rekensom komt automatisch in `bron`.
- Uitvoer is deterministisch: gesorteerd op wet (volgorde WETTEN) en dan code, UTF-8 zonder
  BOM, regeleinde \\n.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from rendementsmeter.pricing.prijslijst import BETROUWBAARHEID, COLUMNS, FINANCIERS, SOORTEN, WETTEN

KOLOMMEN = COLUMNS

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

JA_NEE = ("ja", "nee")

INZET_PREFIX = "[AANNAME: vervang door het eigen tarief van de organisatie]"

CODE_RE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
MAX_OMSCHRIJVING = 70
CENT = Decimal("0.01")

RESEARCH_CSV = "prijslijst_research.csv"
KH_TSV = "kostenhandleiding2024_refprices_from_tatooheene.tsv"
CPI_CSV = "cpi_2015_100.csv"

POSTEN_CSV = "posten.csv"

KH = (
    "Zorginstituut Nederland, Kostenhandleiding voor economische evaluaties in de "
    "gezondheidszorg (herziene versie 2024; Hakkaart-van Roijen e.a.), referentieprijs "
    "prijspeil 2022"
)
KH_VIA = "gelezen uit R-pakket tatooheene (Erasmus Universiteit), data df_ref_prices"
EDE_JAAR = (
    "[AANNAME: prijsjaar 2023; de artikeldatum staat niet in de bron, maar het artikel "
    "noemt de tentopvang bij zwembad De Vrije Slag 'dit jaar', en die liep van "
    "1-12-2022 tot 31-3-2023 (nu.nl, nov. 2022)]"
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
# De posten (posten.csv)
# --------------------------------------------------------------------------------------------

#: Een berekening krijgt de bronnen en geeft (prijs, prijsjaar, afleiding, laag, hoog).
#: `afleiding` is de tekst "[AFGELEID: ...]" of "[AANNAME: ...]" met de rekensom.
Berekening = Callable[[Bronnen], tuple[Decimal, int, str, Decimal | None, Decimal | None]]
#: Een controle op een research-regel die al afgeleid is: geeft de afleidingstekst en
#: eventueel een bandbreedte; faalt als de rekensom niet klopt met het research-bedrag.
Controle = Callable[[Bronnen], tuple[str, Decimal | None, Decimal | None]]
HERKOMSTEN = ("research", "kostenhandleiding", "afgeleid")


@dataclass(frozen=True)
class Post:
    """Eén regel van posten.csv: de gecureerde kolommen van een post."""

    herkomst: str
    code: str
    omschrijving: str
    wet: str
    financier: str
    eenheid: str
    sector: str
    betrouwbaarheid: str
    bron: str
    kh: str  # short_var (herkomst kostenhandleiding, of controle bij research)
    uren: str
    overdracht: str
    soort: str
    laag: str  # getal, of "@CODE" = prijs van die research-regel
    hoog: str
    prijsjaar_aanname: int | None
    berekening: str  # naam in BEREKENINGEN (afgeleid) of CONTROLES (research)
    keuzelijst: str  # ja: in de keuzelijst van het sjabloon; nee: alleen voor herprijzen en eigen lijsten
    vervangen_door: str  # bij keuzelijst nee: de post in de keuzelijst voor hetzelfde echte item


def lees_posten(pad: Path) -> list[Post]:
    with open(pad, encoding="utf-8", newline="") as fh:
        rijen = list(csv.DictReader(fh))
    posten = []
    for r in rijen:
        if r["herkomst"] not in HERKOMSTEN:
            raise BronFout(f"{POSTEN_CSV} {r['code']}: onbekende herkomst {r['herkomst']!r}")
        namen = BEREKENINGEN if r["herkomst"] == "afgeleid" else CONTROLES
        if (r["berekening"] or r["herkomst"] == "afgeleid") and r["berekening"] not in namen:
            raise BronFout(f"{POSTEN_CSV} {r['code']}: onbekende berekening {r['berekening']!r}")
        jaar = r["prijsjaar_aanname"].strip()
        posten.append(
            Post(
                herkomst=r["herkomst"],
                code=r["code"],
                omschrijving=r["omschrijving"],
                wet=r["wet"],
                financier=r["financier"],
                eenheid=r["eenheid"],
                sector=r["sector"],
                betrouwbaarheid=r["betrouwbaarheid"],
                bron=r["bron"],
                kh=r["sleutel"],
                uren=r["uren_per_eenheid"],
                overdracht=r["overdracht"],
                soort=r["soort"],
                laag=r["prijs_laag"],
                hoog=r["prijs_hoog"],
                prijsjaar_aanname=int(jaar) if jaar else None,
                berekening=r["berekening"],
                keuzelijst=r["keuzelijst"],
                vervangen_door=r["vervangen_door"],
            )
        )
    return posten


# ---- berekeningen voor afgeleide en aangenomen posten ---------------------------------------

UURPRIJS_HBO = "WMO-BG-11"  # integraal uurtarief hbo-begeleiding (Westerveld 2023)
VRIJWILLIGER = "timecost_informal_hour"  # Kostenhandleiding vervangingskosten mantelzorg


def cpi(b: Bronnen, jaar: int) -> Decimal:
    return next(Decimal(r["cpi_2015_100_afgeleid"]) for r in b.cpi if int(r["jaar"]) == jaar)


def naar_jaar(b: Bronnen, bedrag: Decimal, van: int, naar: int) -> Decimal:
    """Een bedrag omgerekend naar een ander prijsjaar met de CPI, op centen (zoals de tool)."""
    return cent(bedrag * cpi(b, naar) / cpi(b, van))


def _uurprijs_hbo(b: Bronnen) -> tuple[Decimal, int, str]:
    p, jaar, kh = b.r(UURPRIJS_HBO), b.r_jaar(UURPRIJS_HBO), b.k("homecare_guidance_hour")
    lager = (1 - naar_jaar(b, kh, 2022, jaar) / p) * 100
    return (
        p,
        jaar,
        (
            f"{eur(p)} (integraal uurtarief individuele begeleiding plus, Westerveld {jaar}, WMO-BG-11: "
            f"cao-loon plus opslagen voor overhead en niet-cliëntgebonden tijd, hbo-niveau; de "
            f"Kostenhandleiding-kostprijs Begeleiding thuis, {eur(kh)} in 2022 = "
            f"{eur(naar_jaar(b, kh, 2022, jaar))} in {jaar}, is begeleiding op vooral mbo-niveau en "
            f"ligt ca. {lager:.0f}% lager)"
        ),
    )


def bereken_sw_hbo(b: Bronnen):
    p, jaar, tekst = _uurprijs_hbo(b)
    return p, jaar, f"[AANNAME: uurprijs = {tekst}]", None, None


def bereken_sw_mbo(b: Bronnen):
    p, jaar, tekst = _uurprijs_hbo(b)
    basis, plus = b.r("WMO-BG-10"), b.r("WMO-BG-11")
    prijs = cent(p * basis / plus)
    return (
        prijs,
        jaar,
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
    prof, jaar, _ = _uurprijs_hbo(b)
    vw = naar_jaar(b, b.k(VRIJWILLIGER), 2022, jaar)
    prijs = cent((GA_UREN_PROF * prof + GA_VRIJWILLIGERS * GA_UREN_VRIJWILLIGER * vw) / GA_DEELNEMERS)
    return (
        prijs,
        jaar,
        (
            f"[AFGELEID: ({getal(GA_UREN_PROF)} uur sociaal werker × {eur(prof)} + "
            f"{getal(GA_VRIJWILLIGERS)} vrijwilligers × {getal(GA_UREN_VRIJWILLIGER)} uur × {eur(vw)}) "
            f"/ {getal(GA_DEELNEMERS)} deelnemers = {eur(prijs)}; uurprijzen: sociaal werker als "
            f"INZ-SW-01, vrijwilliger Kostenhandleiding 2024 vervangingskosten informele zorg "
            f"{eur(b.k(VRIJWILLIGER))} (2022) omgerekend naar {jaar} met de CPI. AANNAME: "
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
    p, jaar, tekst = _uurprijs_hbo(b)
    prijs = cent(SHV_UREN * p)
    return (
        prijs,
        jaar,
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
    p, jaar, tekst = _uurprijs_hbo(b)
    prijs = cent(REINTEGRATIE_UREN * p)
    return (
        prijs,
        jaar,
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


POLITIE_BUDGET = Decimal("4.5e9")
POLITIE_AGENTEN = Decimal(40000)
POLITIE_UREN = Decimal(1600)  # AANNAME: jaaruren per voltijdbaan na vakantie en feestdagen
POLITIE_AANDEEL = (Decimal("0.70"), Decimal("0.80"))  # deel van de werktijd dat politiewerk is


def bereken_politie_uur(b: Bronnen):
    per_agent = POLITIE_BUDGET / POLITIE_AGENTEN
    laag_aandeel, hoog_aandeel = POLITIE_AANDEEL
    midden = (laag_aandeel + hoog_aandeel) / 2
    prijs = cent(per_agent / (POLITIE_UREN * midden))
    laag, hoog = cent(per_agent / (POLITIE_UREN * hoog_aandeel)), cent(per_agent / (POLITIE_UREN * laag_aandeel))
    return (
        prijs,
        CPI_EERSTE_JAAR,
        (
            f"[AFGELEID: € 4,5 mld politiebudget / 40.000 agenten = {eur(per_agent)} per agent per jaar "
            f"(alle kosten, dus met overhead) / ({getal(POLITIE_UREN)} uur × {getal(midden * 100)}% "
            f"politiewerk) = {eur(prijs)} per uur politiewerk; bij 80% {eur(laag)}, bij 70% {eur(hoog)}. "
            f"AANNAME: {getal(POLITIE_UREN)} werkbare uren per voltijdbaan per jaar (36 uur × 52 weken "
            f"min vakantie en feestdagen)] "
            f"{aanname_jaar_voor_cpi(b, 2010)}"
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


BEREKENINGEN: dict[str, Berekening] = {
    "sw_hbo": bereken_sw_hbo,
    "sw_mbo": bereken_sw_mbo,
    "vrijwilliger": bereken_vrijwilliger,
    "groepsactiviteit": bereken_groepsactiviteit,
    "mw_contact": bereken_mw_contact,
    "bw_dag": bereken_bw_dag,
    "reintegratie": bereken_reintegratie,
    "schuldhulp": bereken_schuldhulp,
    "ontruiming_midden": bereken_ontruiming_midden,
    "verzuim_dag": bereken_verzuim_dag,
    "politie_uur": bereken_politie_uur,
}
CONTROLES: dict[str, Controle] = {"mo_nacht": controle_mo_nacht, "schulden": controle_schulden, "ww": controle_ww}


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


def controleer_dekking(b: Bronnen, posten: list[Post]) -> None:
    """Elke research-regel is gebruikt of staat met reden in WEGGELATEN."""
    gebruikt = {p.code for p in posten}
    fouten = []
    for code in b.research:
        if code in gebruikt and code in WEGGELATEN:
            fouten.append(f"{code}: gebruikt én weggelaten")
        if code not in gebruikt and code not in WEGGELATEN:
            fouten.append(f"{code}: research-regel niet gebruikt en niet in WEGGELATEN")
    for code in WEGGELATEN:
        if code not in b.research:
            fouten.append(f"{code}: staat in WEGGELATEN maar niet in de research")
    for p in posten:
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
        if post.berekening:
            afleiding, c_laag, c_hoog = CONTROLES[post.berekening](b)
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
        prijs, prijsjaar, afleiding, d_laag, d_hoog = BEREKENINGEN[post.berekening](b)
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
        "keuzelijst": post.keuzelijst,
        "vervangen_door": post.vervangen_door,
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
            ("keuzelijst", JA_NEE),
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
    per_code = {r["code"]: r for r in rijen}
    for r in rijen:
        doel = per_code.get(r["vervangen_door"])
        if r["keuzelijst"] == "ja" and r["vervangen_door"]:
            fouten.append(f"{r['code']}: in de keuzelijst, maar met vervangen_door")
        if r["vervangen_door"] and (doel is None or doel["keuzelijst"] != "ja"):
            fouten.append(f"{r['code']}: vervangen_door {r['vervangen_door']} is geen post in de keuzelijst")
        if doel is not None and doel["soort"] != r["soort"]:
            fouten.append(f"{r['code']}: vervangen_door {doel['code']} is van een andere soort")
    ontbrekend = set(WETTEN) - {r["wet"] for r in rijen}
    if ontbrekend:
        fouten.append(f"wetten zonder post: {sorted(ontbrekend)}")
    if fouten:
        raise BronFout("prijslijst klopt niet:\n  " + "\n  ".join(fouten))


def bouw_prijslijst(b: Bronnen, posten: list[Post]) -> list[dict[str, str]]:
    rijen = [bouw_rij(p, b) for p in posten]
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
        posten = lees_posten(hier / POSTEN_CSV)
        controleer_dekking(b, posten)
        rijen = bouw_prijslijst(b, posten)
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
