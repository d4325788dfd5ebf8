import os
import shutil
import signal
import struct
import textwrap
import zipfile
import zlib
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


@pytest.fixture(scope="session")
def _mini_template_built(tmp_path_factory) -> Path:
    """The mini template, written once per test session (xlsxwriter); each test gets a copy."""
    base = tmp_path_factory.mktemp("mini-sjabloon")
    (base / "mini.csv").write_text(MINI_CSV, encoding="utf-8")
    (base / "cpi.csv").write_text(MINI_CPI, encoding="utf-8")
    pl = load_prijslijst([base / "mini.csv"], cpi=base / "cpi.csv", standaard=False)
    return write_template(base / "sjabloon.xlsx", pl)


@pytest.fixture
def mini_template(tmp_path, mini, _mini_template_built):
    return Path(shutil.copy2(_mini_template_built, tmp_path / "sjabloon.xlsx"))


def make_case(template, path, casus=None, inzet=(), ingezet=(), vermeden=()):
    """Fill the template as a worker would; sensible valid defaults for the case fields."""
    from rendementsmeter.template.fill import CaseInput, fill_template

    fields = {
        "casusnummer": path.stem.upper(),
        "domein": "ouderen/eenzaamheid",
        "einddatum": date(2026, 3, 1),
        "afsluitreden": "doel bereikt",
        "aandeel": 100,
    }
    fields.update(casus or {})
    fields = {k: v for k, v in fields.items() if v is not None}
    return fill_template(template, path, CaseInput(fields, list(inzet), list(ingezet), list(vermeden)))


def flat(results):
    """Findings compactly: [(file name, sheet, cell, code), ...]."""
    return [(Path(f.pad).name, f.blad, f.cel, f.code) for r in results for f in r.findings]


@pytest.fixture(scope="session")
def _three_built(tmp_path_factory) -> Path:
    """The mini price list, an own tariff, a template and three filled cases, built once per test
    session (filling with openpyxl is the slow part); `three` gives every test its own copy."""
    tmp_path = tmp_path_factory.mktemp("drie")
    base, cpi = tmp_path / "mini.csv", tmp_path / "cpi.csv"
    base.write_text(MINI_CSV, encoding="utf-8")
    cpi.write_text(MINI_CPI, encoding="utf-8")
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
    return tmp_path


@pytest.fixture
def three(tmp_path, _three_built):
    """(price list, folder with three filled cases, own-tariff CSV), in this test's own tmp_path."""
    shutil.copytree(_three_built, tmp_path, dirs_exist_ok=True)
    pl = load_prijslijst([tmp_path / "mini.csv", tmp_path / "eigen.csv"], cpi=tmp_path / "cpi.csv", standaard=False)
    return pl, tmp_path / "casussen", tmp_path / "eigen.csv"


def needs_program(path: str | None, name: str) -> pytest.MarkDecorator:
    """Mark a test that needs a system program (LibreOffice, Chromium, pdftoppm): skipped on a
    developer's machine without it, but FAILED on CI (CI=true), where .ci/run installs it, so that a
    missing program never turns a check into a silent skip (see pytest_runtest_setup)."""
    return pytest.mark.needs_program(name=name, present=path is not None)


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_program(name, present): the test needs a system program")


def pytest_runtest_setup(item):
    for mark in item.iter_markers("needs_program"):
        if mark.kwargs["present"]:
            continue
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{mark.kwargs['name']} ontbreekt op CI; .ci/run hoort het te installeren", pytrace=False)
        pytest.skip(f"{mark.kwargs['name']} is niet geïnstalleerd")


@pytest.fixture(autouse=True)
def _own_config_folder(tmp_path_factory, monkeypatch):
    """Keys the tool makes (the export key) go to a test folder, never to the user's ~/.config."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


def local_headers_agree(path):
    """Every entry's local header says what the central directory says (zipfile reads only the latter;
    other readers, such as unzip, trust the local header)."""
    with open(path, "rb") as raw, zipfile.ZipFile(raw) as z:
        for info in z.infolist():
            raw.seek(info.header_offset)
            sig, _, flags, method, _, _, crc, csize, usize, nlen, elen = struct.unpack("<IHHHHHIIIHH", raw.read(30))
            assert sig == 0x04034B50
            assert raw.read(nlen).decode("utf-8" if flags & 0x800 else "cp437") == info.filename
            assert (flags & ~0x800, method, crc, csize, usize) == (0, info.compress_type, info.CRC,
                                                                   info.compress_size, info.file_size)  # fmt: skip
            raw.seek(elen, 1)
            data = raw.read(csize)
            inflated = zlib.decompress(data, -15) if method == zipfile.ZIP_DEFLATED else data
            assert zlib.crc32(inflated) == crc and len(inflated) == usize


def terminal_signals() -> None:
    """`preexec_fn` of a child that a test stops with a signal: SIGINT, SIGTERM and SIGHUP as a program
    started from a terminal gets them. A test run in the background or under `nohup` ignores SIGINT or
    SIGHUP, and a child inherits that; the program rightly leaves an ignored signal ignored."""
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, signal.SIG_DFL)
