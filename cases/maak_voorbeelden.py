"""Regenerate the synthetic example cases in cases/voorbeeld/ from the committed template.

    python cases/maak_voorbeelden.py

The cases are sketches, not real people: they follow the typical shapes in DOMAIN.md
(ouderen/eenzaamheid, armoede/schulden, maatschappelijke activering, jongeren/psychische gezondheid).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rendementsmeter.template.fill import CaseInput, fill_template  # noqa: E402

TEMPLATE = ROOT / "templates" / "casus-sjabloon.xlsx"
OUT = ROOT / "cases" / "voorbeeld"


def casus(nummer, domein, team, werker, start, eind, leefgebieden, samenvatting, **extra):
    return {
        "casusnummer": nummer,
        "domein": domein,
        "team": team,
        "werker": werker,
        "startdatum": start,
        "einddatum": eind,
        "horizon": 12,
        "leefgebieden": leefgebieden,
        "samenvatting": samenvatting,
        **extra,
    }


CASES = {
    "ouderen-01": CaseInput(
        casus(
            "NRD-2026-001",
            "ouderen/eenzaamheid",
            "Noord",
            "W01",
            date(2025, 11, 3),
            date(2026, 3, 20),
            "sociaal netwerk, geestelijke gezondheid, lichamelijke gezondheid",
            "Vrouw van rond de 80, alleenwonend, via de huisarts aangemeld wegens vage klachten en "
            "eenzaamheid. Maatje gekoppeld, wekelijks naar de ontmoetingsgroep in het buurthuis.",
        ),
        inzet=[
            ("INZ-SW-01", 12, "8 huisbezoeken en telefonisch contact"),
            ("INZ-VW-01", 40, "vrijwillige maatje, 20 bezoeken van 2 uur"),
            ("INZ-GA-01", 16, "wekelijkse ontmoetingsgroep, 16 keer"),
        ],
        vermeden=[
            ("ZVW-HA-01", 8, 75, "kwam maandelijks bij de huisarts met klachten die bij eenzaamheid horen"),
            ("WMO-BG-13", 52, 50, "dagbesteding 1 dagdeel per week was besproken met de wijkverpleging"),
            ("ZVW-SEH-01", 1, 10, "valrisico thuis; SEH-bezoek niet uitgesloten"),
        ],
    ),
    "ouderen-02": CaseInput(
        casus(
            "NRD-2026-004",
            "ouderen/eenzaamheid",
            "Noord",
            "W02",
            date(2026, 1, 8),
            date(2026, 5, 15),
            "sociaal netwerk, instrumentele ADL",
            "Man van in de 70, weduwnaar, verwaarloosde het huishouden. Hulp geregeld via buren en "
            "kookgroep; mantelzorger (dochter) ontlast. Overleed in mei na een hartaanval.",
        ),
        inzet=[
            ("INZ-SW-01", 9, "huisbezoeken, netwerkgesprek met dochter en buren"),
            ("INZ-GA-01", 12, "kookgroep in het buurthuis"),
        ],
        vermeden=[
            ("ZVW-WV-01", 104, 50, "huishoudelijke hulp 2 uur per week was aangevraagd"),
            ("MZ-01", 100, 50, "dochter zou anders ca. 2 uur per week extra zorgen; dreigde uit te vallen"),
            ("ZVW-HA-04", 3, 50, "visites bij verwaarlozing"),
        ],
    ),
    "ouderen-03": CaseInput(
        casus(
            "ZUI-2026-002",
            "ouderen/eenzaamheid",
            "Zuid",
            "W05",
            date(2025, 10, 1),
            date(2026, 2, 27),
            "lichamelijke gezondheid, basale ADL, sociaal netwerk",
            "Echtpaar, partner met beginnende dementie. Mantelzorger overbelast; respijt en lotgenotengroep geregeld.",
        ),
        inzet=[
            ("INZ-SW-01", 16, "gesprekken, aanvraag respijt, lotgenotengroep"),
            ("INZ-VW-01", 24, "vrijwilliger thuis tijdens de lotgenotengroep"),
        ],
        ingezet=[("WMO-MZ-10", 6, "respijtzorg 6 etmalen")],
        vermeden=[
            ("WLZ-VPH-01", 60, 25, "opname verpleeghuis 2 maanden eerder dan nu verwacht"),
            ("ZVW-HA-01", 6, 75, "huisartsbezoek mantelzorger met stressklachten"),
            ("ZVW-POH-01", 6, 50, "POH-GGZ voor de mantelzorger"),
        ],
    ),
    "armoede-01": CaseInput(
        casus(
            "NRD-2026-007",
            "armoede/schulden",
            "Noord",
            "W03",
            date(2025, 12, 1),
            date(2026, 6, 30),
            "financiën, huisvesting, huiselijke relaties",
            "Gezin met huurachterstand en een dagvaarding. Post geordend, betalingsregeling met de "
            "corporatie, doorverwezen naar gemeentelijke schuldhulpverlening.",
        ),
        inzet=[("INZ-SW-01", 20, "post ordenen, regeling treffen, warme overdracht")],
        ingezet=[("WGS-SHV-01", 1, "minnelijk traject schuldhulpverlening")],
        vermeden=[
            ("WON-ONT-04", 1, 50, "vonnis was gevraagd; ontruiming was waarschijnlijk zonder regeling"),
            ("WGS-DW-02", 2, 75, "betekening vonnis en dwangbevel"),
            ("WGS-DW-05", 1, 50, "loonbeslag dreigde"),
        ],
    ),
    "armoede-02": CaseInput(
        casus(
            "NRD-2026-011",
            "armoede/schulden",
            "Noord",
            "W03",
            date(2026, 2, 2),
            date(2026, 7, 10),
            "financiën",
            "Alleenstaande met oplopende schulden na baanverlies. Budgetplan, toeslagen aangevraagd, "
            "geen doorverwijzing nodig.",
        ),
        inzet=[
            ("INZ-SW-01", 10, "budgetplan, toeslagen, afspraken met schuldeisers"),
            ("INZ-VW-01", 12, "vrijwilliger thuisadministratie"),
        ],
        vermeden=[
            ("WGS-DW-01", 2, 75, "twee dagvaardingen waren aangekondigd"),
            ("WGS-DW-04", 1, 50, "derdenbeslag op de bankrekening"),
            ("WGS-SHV-01", 1, 50, "zonder hulp was een schuldhulptraject nodig geweest"),
        ],
    ),
    "armoede-03": CaseInput(
        casus(
            "ZUI-2026-006",
            "armoede/schulden",
            "Zuid",
            "W06",
            date(2025, 11, 15),
            date(2026, 4, 30),
            "financiën, huisvesting, geestelijke gezondheid",
            "Man met huurachterstand en somberheid. Betalingsregeling, hulp bij aanvraag bijzondere "
            "bijstand, contact met POH-GGZ.",
        ),
        inzet=[("INZ-SW-01", 18, "huisbezoeken, regeling, aanvragen")],
        ingezet=[("ZVW-POH-01", 4, "doorverwezen naar POH-GGZ")],
        vermeden=[
            ("WON-ONT-04", 1, 25, "ontruiming mogelijk; corporatie had al aangemaand"),
            ("WMO-MO-02", 30, 10, "bij ontruiming ca. een maand opvang (niet opgeteld bij bundelpost)"),
            ("ZVW-GGZ-02", 6, 50, "basis-GGZ bij verergering somberheid"),
        ],
    ),
    "activering-01": CaseInput(
        casus(
            "NRD-2026-009",
            "maatschappelijke activering",
            "Noord",
            "W04",
            date(2025, 9, 1),
            date(2026, 3, 31),
            "werk en opleiding, sociaal netwerk, geestelijke gezondheid",
            "Man in de veertig in de bijstand, geïsoleerd na scheiding. Eerst vrijwilligerswerk, daarna "
            "een parttime baan; uitkering gedeeltelijk beëindigd.",
        ),
        inzet=[
            ("INZ-SW-01", 15, "gesprekken, vrijwilligerswerk gezocht, sollicitatie"),
            ("INZ-VW-02", 4, "begeleiding bij de vrijwilligersplek"),
        ],
        vermeden=[
            ("PW-BIJ-03", 6, 75, "zonder baan 6 maanden langer bijstand (overdracht)"),
            ("ZVW-GGZ-02", 5, 50, "basis-GGZ bij somberheid"),
            ("ZVW-HA-01", 3, 50, "huisarts bij slaapproblemen"),
        ],
    ),
    "activering-02": CaseInput(
        casus(
            "ZUI-2026-003",
            "maatschappelijke activering",
            "Zuid",
            "W05",
            date(2025, 10, 15),
            date(2026, 5, 29),
            "tijdsbesteding, maatschappelijke participatie",
            "Vrouw van in de vijftig, thuis na langdurige ziekte. Taalcafé en vrijwilligerswerk in de "
            "bibliotheek; re-integratie niet meer nodig.",
        ),
        inzet=[("INZ-SW-02", 14, "begeleiding naar vrijwilligerswerk"), ("INZ-GA-01", 20, "taalcafé")],
        vermeden=[
            ("PW-RE-01", 1, 50, "re-integratietraject was gepland door de gemeente"),
            ("WMO-BG-13", 26, 50, "dagbesteding om de week een dagdeel"),
        ],
    ),
    "activering-03": CaseInput(
        casus(
            "ZUI-2026-008",
            "maatschappelijke activering",
            "Zuid",
            "W06",
            date(2026, 1, 5),
            date(2026, 8, 14),
            "werk en opleiding, financiën",
            "Jonge vader, net de bijstand in. Via werkgeversnetwerk een baan gevonden binnen 3 maanden.",
        ),
        inzet=[("INZ-SW-01", 11, "gesprekken, werkgeversnetwerk")],
        vermeden=[
            ("PW-BIJ-02", 4, 75, "gezinsnorm 4 maanden langer (overdracht)"),
            ("PW-RE-01", 1, 25, "re-integratietraject"),
        ],
    ),
    "jongeren-01": CaseInput(
        casus(
            "NRD-2026-012",
            "jongeren/psychische gezondheid",
            "Noord",
            "J01",
            date(2025, 11, 1),
            date(2026, 4, 17),
            "geestelijke gezondheid, werk en opleiding, justitie",
            "Jongere van 16, spijbelt, somber, overlast in de buurt. Contact met school en ouders, "
            "sportactiviteit; weer naar school.",
        ),
        inzet=[("INZ-JW-01", 15, "gesprekken, contact school en ouders, sportproject")],
        vermeden=[
            ("JW-GGZ-01", 20, 50, "jeugd-GGZ-traject was besproken met de huisarts"),
            ("JUS-DEL-03", 1, 10, "vernieling in de buurt; politie had al gewaarschuwd"),
            ("OND-07", 10, 25, "extra begeleiding bij achterstand"),
        ],
    ),
    "jongeren-02": CaseInput(
        casus(
            "NRD-2026-015",
            "jongeren/psychische gezondheid",
            "Noord",
            "J01",
            date(2026, 2, 9),
            date(2026, 6, 26),
            "geestelijke gezondheid, huiselijke relaties",
            "Meisje van 14 met angstklachten en conflicten thuis. Gesprekken, groepstraining "
            "weerbaarheid, ouders ondersteund.",
        ),
        inzet=[
            ("INZ-JW-01", 12, "individuele gesprekken en oudergesprek"),
            ("INZ-GA-01", 8, "groepstraining weerbaarheid"),
        ],
        vermeden=[
            ("JW-AMB-01", 16, 50, "ambulante jeugdhulp was aangevraagd door de ouders"),
            ("ZVW-HA-01", 3, 75, "huisarts bij angstklachten"),
        ],
    ),
    "jongeren-03": CaseInput(
        casus(
            "ZUI-2026-010",
            "jongeren/psychische gezondheid",
            "Zuid",
            "J02",
            date(2026, 3, 2),
            date(2026, 9, 11),
            "middelengebruik, justitie, werk en opleiding",
            "Jongen van 17, blowt veel, dreigde van het mbo te gaan. Leerwerkplek gevonden, contact met de mentor.",
        ),
        inzet=[("INZ-JW-01", 20, "gesprekken, leerwerkplek, mentor")],
        ingezet=[("JW-AMB-02", 8, "korte ambulante hulp bij middelengebruik")],
        vermeden=[
            ("JUS-DEL-11", 1, 10, "handel in softdrugs; was al aangesproken door wijkagent"),
            ("JW-GGZ-01", 12, 25, "verslavingszorg jeugd"),
            ("JUS-POL-02", 6, 50, "politie-inzet bij overlast"),
        ],
    ),
    "overig-01": CaseInput(
        casus(
            "NRD-2026-016",
            "overig",
            "Noord",
            "W02",
            date(2026, 4, 1),
            date(2026, 7, 31),
            "huiselijke relaties, sociaal netwerk",
            "Burenruzie over geluid die escaleerde. Buurtbemiddeling; afspraken gemaakt en nagekomen.",
        ),
        inzet=[
            ("INZ-SW-02", 6, "intake en bemiddelingsgesprek"),
            ("INZ-VW-01", 8, "twee vrijwillige buurtbemiddelaars"),
        ],
        vermeden=[
            ("JUS-POL-02", 4, 75, "politie werd maandelijks gebeld"),
            ("JUS-DEL-06", 1, 10, "bedreiging was geuit"),
        ],
    ),
}


#: How each case closed: (Afsluitreden, Aandeel eigen inzet (%)). Varied on purpose: one client died
#: (the avoided care counts 0), one moved, one stopped, three were handed over to other help.
AFSLUITING = {
    "ouderen-01": ("doel bereikt", 75),
    "ouderen-02": ("overleden", 75),
    "ouderen-03": ("overgedragen aan andere hulp", 50),
    "armoede-01": ("overgedragen aan andere hulp", 50),
    "armoede-02": ("doel bereikt", 100),
    "armoede-03": ("deels bereikt", 75),
    "activering-01": ("doel bereikt", 75),
    "activering-02": ("deels bereikt", 100),
    "activering-03": ("verhuisd", 50),
    "jongeren-01": ("doel bereikt", 50),
    "jongeren-02": ("gestopt door cliënt", 75),
    "jongeren-03": ("overgedragen aan andere hulp", 50),
    "overig-01": ("doel bereikt", 100),
}

#: Stories written to be shared: (situatie, wat is gedaan, wat veranderde, in rapport).
VERHALEN = {
    "ouderen-01": (
        "Een vrouw van rond de tachtig woonde alleen en kwam elke maand bij de huisarts met klachten waar geen "
        "oorzaak voor te vinden was. Ze zag soms dagen niemand.",
        "De sociaal werker kwam een paar keer langs en zocht samen met haar een maatje. Ze ging mee naar de "
        "ontmoetingsgroep in het buurthuis, eerst met het maatje, later alleen.",
        "Ze gaat nu elke week naar de groep en heeft er twee vriendinnen aan overgehouden. De huisarts ziet haar "
        "alleen nog voor de jaarlijkse controle.",
        "ja",
    ),
    "armoede-01": (
        "Een gezin met twee kinderen had een huurachterstand van maanden; de dagvaarding lag al op tafel en de "
        "post werd niet meer geopend.",
        "Samen de post geordend, een betalingsregeling met de woningcorporatie getroffen en het gezin naar de "
        "schuldhulpverlening van de gemeente gebracht.",
        "De zaak bij de rechter is ingetrokken en het gezin woont er nog. De ouders openen de post weer zelf en "
        "betalen de regeling elke maand.",
        "ja",
    ),
    "activering-01": (
        "Een man van in de veertig zat na zijn scheiding thuis, in de bijstand, en had bijna geen contact meer "
        "met anderen.",
        "Via de sociaal werker begon hij als vrijwilliger bij de voedselbank. Een coach hielp hem met zijn cv en "
        "de eerste gesprekken.",
        "Hij werkt nu drie dagen per week en heeft minder uitkering nodig. Op vrijdag helpt hij nog steeds bij de "
        "voedselbank.",
        "ja",
    ),
    "jongeren-01": (
        "Een jongen van zestien spijbelde veel, zat somber thuis en kwam in de buurt in beeld door overlast.",
        "Gesprekken met hem, zijn ouders en de mentor; hij ging meedoen met een sportactiviteit in de wijk.",
        "Hij gaat weer naar school en de klachten uit de buurt zijn gestopt.",
        "nee",
    ),
    "jongeren-02": (
        "Een meisje van veertien had veel last van angst en er waren vaak ruzies thuis.",
        "Gesprekken met haar en met haar ouders, en een groepstraining weerbaarheid op school.",
        "Ze durft weer alleen naar school en thuis is het rustiger. Na de training wilde ze zelf stoppen met de "
        "gesprekken.",
        "ja",
    ),
}

#: Zelfredzaamheid-Matrix scores per life domain: (start, afsluiting).
ZRM = {
    "ouderen-01": {"sociaal netwerk": (2, 4), "geestelijke gezondheid": (3, 4), "lichamelijke gezondheid": (3, 3)},
    "ouderen-02": {"sociaal netwerk": (2, 3), "instrumentele ADL": (2, 3)},
    "ouderen-03": {"lichamelijke gezondheid": (3, 3), "basale ADL": (3, 2), "sociaal netwerk": (2, 3)},
    "armoede-01": {"financiën": (1, 3), "huisvesting": (2, 4), "huiselijke relaties": (3, 3)},
    "armoede-02": {"financiën": (2, 4)},
    "armoede-03": {"financiën": (2, 3), "huisvesting": (2, 4), "geestelijke gezondheid": (2, 3)},
    "activering-01": {"werk en opleiding": (1, 4), "sociaal netwerk": (2, 3), "geestelijke gezondheid": (3, 4)},
    "activering-02": {"tijdsbesteding": (2, 4), "maatschappelijke participatie": (2, 3)},
    "jongeren-01": {"geestelijke gezondheid": (2, 3), "werk en opleiding": (2, 4), "justitie": (3, 4)},
    "jongeren-02": {"geestelijke gezondheid": (2, 3), "huiselijke relaties": (2, 3)},
    "jongeren-03": {"middelengebruik": (2, 2), "justitie": (3, 4), "werk en opleiding": (2, 3)},
    "overig-01": {"huiselijke relaties": (2, 4), "sociaal netwerk": (3, 3)},
}

for _name, _case in CASES.items():
    _case.casus["afsluitreden"], _case.casus["aandeel"] = AFSLUITING[_name]
    if _name in VERHALEN:
        _keys = ("verhaal_situatie", "verhaal_gedaan", "verhaal_veranderd", "verhaal_in_rapport")
        _case.casus.update(zip(_keys, VERHALEN[_name], strict=True))
    _case.zrm = ZRM.get(_name, {})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, case in CASES.items():
        path = fill_template(TEMPLATE, OUT / f"{name}.xlsx", case)
        print(f"{path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
