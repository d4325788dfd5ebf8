"""LibreOffice as a real spreadsheet client for the tests: convert (and so recalculate) workbooks.

Headless conversion does not recalculate formulas by default; a fresh profile with OOXMLRecalcMode
and ODFRecalcMode 0 ("always") makes it. One soffice start converts many files at once: each start
costs seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")

_RECALC = """<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
"""
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>nl-NL</value></prop></item>
{recalc}</oor:items>
"""


def convert(files: list[Path], fmt: str, outdir: Path, recalc: bool = True, timeout: int = 240) -> list[Path]:
    """Open every file in LibreOffice and save it as `fmt` (xlsx, ods, pdf, ...) in `outdir`; return the
    outputs in the order of `files`. `recalc`: recalculate every formula on load; without it LibreOffice
    keeps the values stored in the file, as it does for a worker with its default settings."""
    if SOFFICE is None:
        raise RuntimeError("soffice not found")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rm-lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_REGISTRY.format(recalc=_RECALC if recalc else ""), "utf-8")
        filter_name = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods", "pdf": "pdf"}.get(fmt, fmt)
        proc = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                filter_name,
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    outputs = [outdir / (f.stem + "." + fmt) for f in files]
    missing = [o for o in outputs if not o.is_file()]
    if proc.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed ({proc.returncode}), missing {missing}: {proc.stdout} {proc.stderr}")
    return outputs


def pdf_to_png(pdf: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Render every page of `pdf` to PNG (pdftoppm); return the pages in order."""
    if PDFTOPPM is None:
        raise RuntimeError("pdftoppm not found")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(outdir / pdf.stem)], check=True, timeout=120)
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))
