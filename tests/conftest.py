import textwrap
from datetime import date
from pathlib import Path

import pytest

from rendementsmeter import load_prijslijst, write_template

VANDAAG = date(2026, 11, 1)

MINI_CSV = textwrap.dedent("""\
    code,omschrijving,wet,financier,eenheid,prijs,prijsjaar,bron,uren_per_eenheid,sector,overdracht,soort,betrouwbaarheid,prijs_laag,prijs_hoog
    INZ-SW-01,Sociaal werker (hbo),Wmo 2015,gemeente,per uur,64.00,2022,test,1,sociaal werk,nee,inzet,C,,
    ZVW-HA-01,"Huisarts, consult",Zvw,zorgverzekeraar,per contact,30.87,2022,test,,huisartsenzorg,nee,zorg,A,,
    PW-BIJ-01,Bijstand alleenstaande,Participatiewet,gemeente,per maand,1283.83,2024,test,,inkomen,ja,zorg,A,,
    WGS-SHV-01,Schuldhulpverleningstraject,Wgs,gemeente,per traject,1500.00,2024,test,,schuldhulpverlening,nee,zorg,C,,
    WON-ONT-01,Huisuitzetting directe kosten,Wonen,woningcorporatie,per gebeurtenis,8000.00,2015,test,,wonen,nee,zorg,B,5000.00,10000.00
    """)
MINI_CPI = "jaar,cpi,bron\n2015,100.00,test\n2022,121.49,test\n2024,130.27,test\n2025,134.56,test\n"


@pytest.fixture
def mini_files(tmp_path: Path) -> tuple[Path, Path]:
    pl = tmp_path / "mini.csv"
    pl.write_text(MINI_CSV, encoding="utf-8")
    cpi = tmp_path / "cpi.csv"
    cpi.write_text(MINI_CPI, encoding="utf-8")
    return pl, cpi


@pytest.fixture
def mini(mini_files):
    pl, cpi = mini_files
    return load_prijslijst([pl], cpi=cpi, standaard=False)


@pytest.fixture
def mini_template(tmp_path, mini):
    return write_template(tmp_path / "sjabloon.xlsx", mini)


def make_case(template, path, casus=None, inzet=(), ingezet=(), vermeden=()):
    """Fill the template as a worker would; sensible valid defaults for the case fields."""
    from rendementsmeter.template.fill import CaseInput, fill_template

    fields = {"casusnummer": path.stem.upper(), "domein": "ouderen/eenzaamheid", "einddatum": date(2026, 3, 1)}
    fields.update(casus or {})
    fields = {k: v for k, v in fields.items() if v is not None}
    return fill_template(template, path, CaseInput(fields, list(inzet), list(ingezet), list(vermeden)))


def flat(results):
    """Findings compactly: [(file name, sheet, cell, code), ...]."""
    return [(Path(f.pad).name, f.blad, f.cel, f.code) for r in results for f in r.findings]


@pytest.fixture
def three(tmp_path, mini_files):
    base, cpi = mini_files
    own = tmp_path / "eigen.csv"
    own.write_text("code,prijs,prijsjaar,bron\nINZ-SW-01,75.00,2025,Eigen uurtarief 2025\n", encoding="utf-8")
    pl = load_prijslijst([base, own], cpi=cpi, standaard=False)
    template = write_template(tmp_path / "sjabloon.xlsx", pl)
    cases = tmp_path / "casussen"
    cases.mkdir()
    make_case(
        template,
        cases / "a.xlsx",
        {"casusnummer": "A"},
        inzet=[("INZ-SW-01", 12, "8 huisbezoeken")],
        vermeden=[("ZVW-HA-01 – Huisarts, consult (per contact)", 6, 75, "maandelijks bij de huisarts")],
    )
    make_case(
        template,
        cases / "b.xlsx",
        {"casusnummer": "B", "domein": "armoede/schulden"},
        inzet=[("INZ-SW-01", 20, "post ordenen, regeling")],
        ingezet=[("WGS-SHV-01", 1, "doorverwezen naar schuldhulp")],
        vermeden=[("WON-ONT-01", 1, 50, "dagvaarding lag er al")],
    )
    make_case(
        template,
        cases / "c.xlsx",
        {"casusnummer": "C", "domein": "maatschappelijke activering"},
        inzet=[("INZ-SW-01", 15, "vrijwilligerswerk gevonden")],
        vermeden=[("PW-BIJ-01", 6, 75, "nu parttime werk"), ("ZVW-HA-01", 2.5, 50, "somber")],
    )
    return pl, cases, own
