from decimal import Decimal
from pathlib import Path

import pytest

from rendementsmeter import PrijslijstFout, load_prijslijst
from rendementsmeter.pricing.prijslijst import COLUMNS, FINANCIERS, SOORTEN, WETTEN, load_cpi


def test_indexation_to_latest_cpi_year(mini):
    assert mini.standaard_prijspeil == 2025
    # 64.00 × 134.56 / 121.49 = 70.8852 -> 70.89
    assert mini.prijs_op_peil("INZ-SW-01", 2025) == Decimal("70.89")
    # 30.87 × 130.27 / 121.49 = 33.1010 -> 33.10
    assert mini.prijs_op_peil("ZVW-HA-01", 2024) == Decimal("33.10")
    assert mini.prijs_op_peil("WON-ONT-01", 2025) == Decimal("10764.80")


def test_lookup_by_label_code_or_description(mini):
    item = mini.items["ZVW-HA-01"]
    assert mini.zoek(item.label) is item
    assert mini.zoek(" zvw-ha-01 ") is item
    assert mini.zoek("huisarts, CONSULT") is item
    assert mini.zoek("ZVW-XX-99") is None
    assert item.label == "ZVW-HA-01 – Huisarts, consult (per contact)"


def test_override_file_replaces_by_code_and_is_listed(mini_files, tmp_path):
    base, cpi = mini_files
    own = tmp_path / "eigen.csv"
    # a Dutch Excel export: semicolons and decimal commas, only the columns that change
    own.write_text("code;prijs;prijsjaar;bron\nINZ-SW-01;75,00;2025;Eigen tarief 2025\n", encoding="utf-8-sig")
    pl = load_prijslijst([base, own], cpi=cpi, standaard=False)
    item = pl.items["INZ-SW-01"]
    assert (item.prijs, item.prijsjaar, item.bron) == (Decimal("75.00"), 2025, "Eigen tarief 2025")
    assert (item.omschrijving, item.soort, item.wet) == ("Sociaal werker (hbo)", "inzet", "Wmo 2015")
    assert [(o.code, o.oud.prijs, o.nieuw.prijs) for o in pl.overrides] == [
        ("INZ-SW-01", Decimal("64.00"), Decimal("75.00"))
    ]
    assert pl.versie != load_prijslijst([base], cpi=cpi, standaard=False).versie


def test_errors_name_file_row_and_column(mini_files, tmp_path):
    _, cpi = mini_files
    bad = tmp_path / "fout.csv"
    bad.write_text(
        "code,omschrijving,wet,financier,eenheid,prijs,prijsjaar,bron,soort\n"
        "A-1,Een,Zvw,zorgverzekeraar,per uur,-5,2022,x,zorg\n"
        "A-2,Twee,Wet op iets,zorgverzekeraar,per uur,5,2022,x,zorg\n"
        "A-3,Drie,Zvw,de buurman,per uur,5,2022,x,zorg\n"
        "A-4,Vier,Zvw,zorgverzekeraar,per uur,5,1999,x,zorg\n"
        "A-5,Vijf,Zvw,zorgverzekeraar,per uur,5,2022,x,soms\n"
        "A-1,Zes,Zvw,zorgverzekeraar,per uur,5,2022,x,zorg\n"
        "A-7,Zeven,Zvw,zorgverzekeraar,per uur,5,2022,,zorg\n",
        encoding="utf-8",
    )
    with pytest.raises(PrijslijstFout) as exc:
        load_prijslijst([bad], cpi=cpi, standaard=False)
    assert [(f.cel, f.code) for f in exc.value.findings] == [
        ("rij 2, kolom prijs", "prijslijst-waarde"),
        ("rij 3, kolom wet", "prijslijst-waarde"),
        ("rij 4, kolom financier", "prijslijst-waarde"),
        ("rij 5, kolom prijsjaar", "prijslijst-prijsjaar"),
        ("rij 6, kolom soort", "prijslijst-waarde"),
        ("rij 7, kolom code", "prijslijst-code-dubbel"),
        ("rij 8, kolom bron", "prijslijst-waarde"),
    ]
    assert all(f.pad == str(bad) for f in exc.value.findings)
    assert exc.value.findings[3].melding == (
        "Prijsjaar 1999 van A-4 staat niet in de CPI-reeks (2015-2025); vul de CPI-reeks aan of kies een "
        "ander prijsjaar."
    )


def test_missing_column_and_unreadable(mini_files, tmp_path):
    _, cpi = mini_files
    no_price = tmp_path / "geenprijs.csv"
    no_price.write_text("code,omschrijving,prijsjaar,bron\nX,y,2022,z\n", encoding="utf-8")
    with pytest.raises(PrijslijstFout) as exc:
        load_prijslijst([no_price], cpi=cpi, standaard=False)
    assert [(f.cel, f.code) for f in exc.value.findings] == [("rij 1, kolom prijs", "prijslijst-kolom")]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code,prijs\nCAFÉ,1\n".encode("latin-1"))
    with pytest.raises(PrijslijstFout) as exc:
        load_prijslijst([latin], cpi=cpi, standaard=False)
    assert exc.value.findings[0].code == "prijslijst-onleesbaar"


def test_new_code_in_override_needs_description(mini_files, tmp_path):
    base, cpi = mini_files
    own = tmp_path / "eigen.csv"
    own.write_text("code,prijs,prijsjaar,bron\nNIEUW-1,10,2025,eigen\n", encoding="utf-8")
    with pytest.raises(PrijslijstFout) as exc:
        load_prijslijst([base, own], cpi=cpi, standaard=False)
    assert [(f.cel, f.code) for f in exc.value.findings] == [
        ("rij 2, kolom omschrijving", "prijslijst-waarde"),
        ("rij 2, kolom wet", "prijslijst-waarde"),
        ("rij 2, kolom financier", "prijslijst-waarde"),
        ("rij 2, kolom eenheid", "prijslijst-waarde"),
    ]


def test_cpi_bad_value(tmp_path):
    cpi = tmp_path / "cpi.csv"
    cpi.write_text("jaar,cpi\n2020,abc\n", encoding="utf-8")
    with pytest.raises(PrijslijstFout) as exc:
        load_cpi(cpi)
    assert [(f.cel, f.code) for f in exc.value.findings] == [("rij 2", "prijslijst-waarde")]


# -- the bundled price list -------------------------------------------------------------------


def test_bundled_price_list_is_complete_and_valid():
    pl = load_prijslijst()
    assert len(pl.items) >= 80
    assert {i.wet for i in pl.items.values()} == set(WETTEN)
    assert {i.financier for i in pl.items.values()} <= set(FINANCIERS)
    assert {i.soort for i in pl.items.values()} == set(SOORTEN)
    for item in pl.items.values():
        assert item.prijs > 0 and item.bron and item.prijsjaar in pl.cpi, item.code
    inzet = [i for i in pl.items.values() if i.soort == "inzet"]
    assert inzet and all("AANNAME" in i.bron for i in inzet)
    assert any(i.overdracht for i in pl.items.values())
    assert pl.standaard_prijspeil == 2025


def test_bundled_price_list_header_is_the_documented_one():
    path = Path(__file__).resolve().parent.parent / "prijslijst" / "prijslijst.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
