"""The committed price list agrees with its sources in ../shared/prijslijst-bronnen.

(a) prices and price years of research codes equal the research rows;
(b) rebuilding gives byte-identical prijslijst.csv and cpi.csv (the list is never stale);
(c) unverified research rows and derived/assumed rows are marked AANNAME/AFGELEID;
(d) shape: enough rows, every wet, unique codes, positive prices, price years in cpi.csv.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from rendementsmeter.pricing.prijslijst import COLUMNS, WETTEN
from rendementsmeter.pricing.prijslijst import FINANCIERS as FINANCIER_LIJST

REPO = Path(__file__).resolve().parent.parent
MAP = REPO / "prijslijst"
SCRIPT = MAP / "bouw_prijslijst.py"
BRONNEN = REPO.parent / "shared" / "prijslijst-bronnen"

if not BRONNEN.is_dir():
    pytest.skip(f"bronmap {BRONNEN} ontbreekt", allow_module_level=True)

# The package's own contract: the build script's output must match what the loader accepts.
KOLOMMEN = list(COLUMNS)
FINANCIERS = set(FINANCIER_LIJST)
MARKERING = ("AANNAME", "AFGELEID")
PRIJS_RE = re.compile(r"^\d+\.\d{2}$")


def _lees(pad: Path, **kw) -> list[dict[str, str]]:
    with open(pad, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, **kw))


@pytest.fixture(scope="module")
def prijslijst() -> list[dict[str, str]]:
    return _lees(MAP / "prijslijst.csv")


@pytest.fixture(scope="module")
def cpi() -> list[dict[str, str]]:
    return _lees(MAP / "cpi.csv")


@pytest.fixture(scope="module")
def research() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in _lees(BRONNEN / "prijslijst_research.csv")}


@pytest.fixture(scope="module")
def kostenhandleiding() -> dict[str, dict[str, str]]:
    with open(BRONNEN / "kostenhandleiding2024_refprices_from_tatooheene.tsv", encoding="utf-8", newline="") as fh:
        regels = [r for r in fh.read().splitlines() if r.strip() and not r.startswith("#")]
    return {r["short_var"]: r for r in csv.DictReader(regels, delimiter="\t")}


@pytest.fixture(scope="module")
def bouwscript():
    spec = importlib.util.spec_from_file_location("bouw_prijslijst_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _gemarkeerd(bron: str) -> bool:
    return any(m in bron for m in MARKERING)


# (a) -------------------------------------------------------------------------------------


def test_research_prijzen_en_jaren_exact(prijslijst, research, cpi):
    cpi_jaren = {r["jaar"] for r in cpi}
    gecontroleerd = 0
    for rij in prijslijst:
        bronrij = research.get(rij["code"])
        if bronrij is None:
            continue
        if not bronrij["prijs_eur"].strip():
            # Research vond geen bedrag: alleen toegestaan als expliciete aanname.
            assert _gemarkeerd(rij["bron"]), rij["code"]
            continue
        assert Decimal(rij["prijs"]) == Decimal(bronrij["prijs_eur"]), rij["code"]
        jaar = bronrij["prijsjaar"].strip()
        if jaar in cpi_jaren:
            assert rij["prijsjaar"] == jaar, rij["code"]
        else:
            # 'onbekend' of een jaar voor de CPI-reeks: het gekozen jaar is een aanname.
            assert "[AANNAME: prijsjaar" in rij["bron"], rij["code"]
        gecontroleerd += 1
    assert gecontroleerd >= 100


def test_kostenhandleiding_prijzen_exact(prijslijst, kostenhandleiding):
    gecontroleerd = 0
    for rij in prijslijst:
        for short_var in re.findall(r"\(short_var (\w+)\)", rij["bron"]):
            if rij["soort"] == "zorg":
                assert Decimal(rij["prijs"]) == Decimal(kostenhandleiding[short_var]["2022"]), rij["code"]
                assert rij["prijsjaar"] == "2022", rij["code"]
                gecontroleerd += 1
    assert gecontroleerd >= 60


def test_research_volledig_verwerkt(bouwscript, research, prijslijst):
    codes = {r["code"] for r in prijslijst}
    for code in research:
        assert (code in codes) != (code in bouwscript.WEGGELATEN), code


# (b) -------------------------------------------------------------------------------------


def test_herbouw_is_byte_identiek(tmp_path):
    resultaat = subprocess.run(
        [sys.executable, str(SCRIPT), "--bronnen", str(BRONNEN), "--uit", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert resultaat.returncode == 0, resultaat.stderr
    for naam in ("prijslijst.csv", "cpi.csv"):
        nieuw = (tmp_path / naam).read_bytes()
        assert nieuw == (MAP / naam).read_bytes(), f"{naam} is verouderd: draai python prijslijst/bouw_prijslijst.py"
        assert not nieuw.startswith(b"\xef\xbb\xbf")
        assert b"\r" not in nieuw
        nieuw.decode("utf-8")


# (c) -------------------------------------------------------------------------------------


def test_onzekere_regels_gemarkeerd(prijslijst, research, bouwscript):
    per_code = {r["code"]: r for r in prijslijst}
    for code, bronrij in research.items():
        if bronrij["verified"].strip() != "yes" and code in per_code:
            assert _gemarkeerd(per_code[code]["bron"]), code
    afgeleid = [p.code for p in bouwscript.lees_posten(MAP / "posten.csv") if p.herkomst == "afgeleid"]
    assert afgeleid
    for code in afgeleid:
        assert _gemarkeerd(per_code[code]["bron"]), code
        assert per_code[code]["betrouwbaarheid"] == "C", code
    for rij in prijslijst:
        if rij["soort"] == "inzet":
            assert rij["bron"].startswith("[AANNAME: vervang door het eigen tarief van de organisatie]"), rij["code"]
    # Alles wat niet uit de research (verified) of de Kostenhandleiding komt, is gemarkeerd.
    for rij in prijslijst:
        bronrij = research.get(rij["code"])
        uit_bron = (bronrij is not None and bronrij["verified"] == "yes") or (
            "(short_var " in rij["bron"] and rij["soort"] == "zorg"
        )
        if not uit_bron:
            assert _gemarkeerd(rij["bron"]), rij["code"]


# (d) -------------------------------------------------------------------------------------


def test_vorm_van_de_prijslijst(prijslijst, cpi):
    with open(MAP / "prijslijst.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == KOLOMMEN
    assert len(prijslijst) >= 80
    assert {r["wet"] for r in prijslijst} == set(WETTEN)
    codes = [r["code"] for r in prijslijst]
    assert len(codes) == len(set(codes))
    omschrijvingen = [r["omschrijving"].casefold() for r in prijslijst]
    assert len(omschrijvingen) == len(set(omschrijvingen))
    cpi_jaren = {r["jaar"] for r in cpi}
    for r in prijslijst:
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", r["code"]), r["code"]
        assert r["financier"] in FINANCIERS, r["code"]
        assert PRIJS_RE.match(r["prijs"]) and Decimal(r["prijs"]) > 0, r["code"]
        assert r["prijsjaar"] in cpi_jaren, r["code"]
        assert r["overdracht"] in ("ja", "nee") and r["soort"] in ("inzet", "zorg")
        assert r["betrouwbaarheid"] in ("A", "B", "C"), r["code"]
        for kolom in ("prijs_laag", "prijs_hoog"):
            assert not r[kolom] or PRIJS_RE.match(r[kolom]), r["code"]
    sleutels = [(WETTEN.index(r["wet"]), r["code"]) for r in prijslijst]
    assert sleutels == sorted(sleutels)


def test_cpi_volgt_de_bron(cpi):
    with open(MAP / "cpi.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == ["jaar", "cpi", "bron"]
    assert [r["jaar"] for r in cpi] == [str(j) for j in range(2015, 2026)]
    bron = {r["jaar"]: r for r in _lees(BRONNEN / "cpi_2015_100.csv")}
    for r in cpi:
        assert Decimal(r["cpi"]) == Decimal(bron[r["jaar"]]["cpi_2015_100_afgeleid"])
        assert re.fullmatch(r"\d+\.\d{2}", r["cpi"])
        assert r["bron"]
