"""Every command over the hostile corpus (issue 13): zero tracebacks, every file accounted for, every input
byte-identical afterwards (also the files passed as -o and --cache targets), every refusal refused, and
no planted personal value, in any spelling, in any output: workbook XML, HTML, JSON, CSV, Parquet, review
workbook, stderr."""

import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from rendementsmeter import load_prijslijst, write_template
from rendementsmeter.cli import main
from rendementsmeter.read import privacy
from rendementsmeter.read.discovery import display_pad
from rendementsmeter.review.write import HEADER_ROW, KOL

import maak_corpus as mc
from conftest import VANDAAG  # noqa: F401  (the corpus is made for the same day as the other tests)

#: the finding codes issue 13 added or relies on: each must be among the corpus's expectations
ISSUE_13_CODES = (
    "persoonsgegevens",
    "blad-dubbel",
    "bestand-dubbel-deel",
    "aantal-ongeldig",
    "kans-ongeldig",
    "aantal-te-groot",
    "formule-in-invoer",
    "post-onbekend",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus13")
    pl = load_prijslijst()
    template = write_template(base / "sjabloon.xlsx", pl)
    folder = base / "casussen"
    expected = mc.maak_corpus(folder, template, pl)
    refusals = mc.maak_weigeringen(base / "doelen", folder)
    return base, folder, expected, refusals


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="rendementsmeter")


def hashes(top: Path) -> dict[str, str]:
    """Content hashes of every regular file under `top` we may read (never a pipe)."""
    out = {}
    for p in sorted(top.rglob("*")):
        if p.is_file() and not p.is_symlink() and os.access(p, os.R_OK):
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def kern(text: str) -> str:
    """Text as the planted values are compared: normalised like the masks do, separators removed."""
    return re.sub(r"[\s.\-/_()]", "", privacy.normalise(text)[0]).casefold()


def hostile_review(written: Path, target: Path) -> Path:
    """The review workbook as a hostile or careless reviewer fills it: personal data in code and remarks,
    numbers that would stop the run, a formula in an Oordeel cell."""
    wb = openpyxl.load_workbook(written)
    ws = wb["Beoordeling"]
    ws["C2"] = "B01 tel 06\u201312345678"
    first = HEADER_ROW + 2
    values = [
        ("aangepast", "1e400", None, "mw. geboren\u00a012-03-1950"),
        ("aangepast", 1e300, None, "rekening NL91-ABNA-0417-1643-00"),
        ("aangepast", 1e9, None, "bsn 111.222.333"),
        ("aangepast", None, "0.5e2", "woont 3311ab12"),
        ("afgewezen", None, None, "mail jan.planted\u00a0@\u00a0voorbeeld.nl"),
        ('="akkoord"', None, None, "bel 06.12.34.56.78"),
    ]
    for r, (oordeel, aantal, kans, opmerking) in enumerate(values, start=first):
        for key, value in zip(("oordeel", "aantal_beoordeeld", "kans_beoordeeld", "opmerking"),
                              (oordeel, aantal, kans, opmerking), strict=True):  # fmt: skip
            cell = ws.cell(r, KOL[key] + 1)
            cell.value = value
            if isinstance(value, str) and not value.startswith("="):
                cell.data_type = "s"
    wb.save(target)
    return target


def hostile_export(written: Path, target: Path) -> Path:
    """An export with planted personal data in its text columns and an empty einddatum."""
    frame = pd.read_csv(written, dtype=str, keep_default_na=False)
    frame.loc[0, "team"] = "Noord 06\u201312345678"
    frame.loc[0, "domein"] = "bsn 111 222 333"
    frame.loc[len(frame) - 1, "einddatum"] = ""
    frame.loc[len(frame) - 1, "organisatie"] = '=HYPERLINK("http://x","NL91ABNA0417164300")'
    frame.to_csv(target, index=False)
    return target


def test_the_corpus_has_at_least_100_kinds_each_with_its_expectation(corpus):
    _, folder, expected, refusals = corpus
    assert len(expected) + len(refusals) >= 100
    assert len(expected) >= 100  # files alone
    codes = {v.code for v in expected.values()}
    for code in ISSUE_13_CODES:
        assert code in codes, code
    assert all(v.status in ("opgenomen", "afgewezen", "overgeslagen") for v in expected.values())
    assert all(w.melding for w, _ in refusals.values())
    assert len(mc.PD_SPELLINGS) >= 30


def test_every_command_over_the_corpus(corpus, tmp_path):
    base, folder, expected, refusals = corpus
    before = hashes(base)
    listing = sorted(str(p) for p in base.rglob("*"))
    out = tmp_path / "uit"
    texts: dict[str, str] = {}  # every output, by name, as text

    def command(label: str, *args: object, codes=(0, 1)):
        result = run(*args)
        texts[f"{label}.stdout"], texts[f"{label}.stderr"] = result.stdout, result.stderr
        assert result.exit_code in codes, (label, result.exit_code, result.output[-2000:])
        assert result.exception is None or isinstance(result.exception, SystemExit), (label, result.exception)
        for word in ("Traceback", "Onverwachte fout", "backtrace", "panicked"):
            assert word not in result.output, (label, word)
        return result

    check = command("check-json", "check", folder, "--json")
    data = json.loads(check.stdout)
    shown = {str(Path(b["pad"]).relative_to(display_pad(folder))) for b in data["bestanden"]}
    assert shown == {display_pad(name) for name in expected}  # every file accounted for, none twice
    assert len(data["bestanden"]) == len(expected)
    command("check-tekst", "check", folder)
    cache = out / "cache.sqlite"
    bc = command("bc", "businesscase", folder, "-o", out / "bc.xlsx", "--html", out / "rapport.html", "--json",
                 "--cache", cache)  # fmt: skip
    assert len(json.loads(bc.stdout)["bestanden"]) == len(expected)
    again = command("bc-cache", "businesscase", folder, "-o", out / "bc.xlsx", "--json", "--cache", cache)
    first, second = json.loads(bc.stdout), json.loads(again.stdout)
    assert [second[k] for k in ("kosten", "baten", "casussen")] == [first[k] for k in ("kosten", "baten", "casussen")]
    command("check-cache", "check", folder, "--cache", cache, "--json")
    command("export-csv", "export", folder, "-o", out / "regels.csv", "--organisatie", "BWD")
    command("export-parquet", "export", folder, "-o", out / "regels.parquet", "--organisatie", "BWD")
    command("review", "review", folder, "-o", out / "beoordeling.xlsx", "--beoordelaar", "B01")
    command("bc-export", "businesscase", out / "regels.csv", "--json")

    # hostile review workbook and export, read back: their planted values must not come out either
    review = hostile_review(out / "beoordeling.xlsx", tmp_path / "beoordeling-ingevuld.xlsx")
    command("bc-review", "businesscase", folder, "-o", out / "bc-beoordeeld.xlsx", "--json", "--beoordelingen",
            review)  # fmt: skip
    assert any(f["code"] == "beoordeling-ongeldig" for f in json.loads(texts["bc-review.stdout"])["beoordeling"]
               ["bevindingen"])  # fmt: skip
    export = hostile_export(out / "regels.csv", tmp_path / "export-vijandig.csv")
    pooled = command("bc-export-vijandig", "businesscase", export, "--json", "--html", out / "rapport-export.html")
    found = {f["code"] for b in json.loads(pooled.stdout)["bestanden"] for f in b["bevindingen"]}
    assert {"persoonsgegevens", "veld-verplicht"} <= found

    for name, (refusal, target) in refusals.items():
        args = [a.format(map=folder, doel=target) for a in refusal.args]
        result = command(f"weigering-{name}", *args, codes=(2,))
        assert refusal.melding in result.stderr, (name, result.stderr)

    assert hashes(base) == before  # inputs, -o and --cache targets: byte-identical
    assert sorted(str(p) for p in base.rglob("*")) == listing  # and nothing added among them

    for path in sorted(out.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                texts[path.name] = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
        elif path.suffix == ".parquet":
            texts[path.name] = pd.read_parquet(path).to_csv()
        elif path.suffix in (".csv", ".html", ".json"):
            texts[path.name] = path.read_text(encoding="utf-8-sig")
    assert {"bc.xlsx", "rapport.html", "regels.csv", "regels.parquet", "beoordeling.xlsx"} <= set(texts)
    assert "[telefoonnummer afgeschermd]" in texts["bc.xlsx"] and "[BSN afgeschermd]" in texts["bc.xlsx"]
    leaks = [
        (label, kind)
        for label, text in texts.items()
        for kind, value in mc.PLANTED.items()
        if kern(value) in kern(text)
    ]
    assert leaks == []


def test_planted_values_are_found_by_the_comparison():
    """The leak check itself can fail: each planted spelling, unmasked, is caught by `kern`."""
    for text in mc.PD_SPELLINGS.values():
        assert any(kern(v) in kern(text) for v in mc.PLANTED.values()), text
    for text in mc.PD_SPELLINGS.values():
        masked = privacy.mask(text)[0]
        assert not any(kern(v) in kern(masked) for v in mc.PLANTED.values()), (text, masked)
