"""The glue between a batch and its worker processes (`isolation.py`): what a worker does with one
file, and the result for a file whose worker crashed or ran late."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rendementsmeter.core.findings import Finding
from rendementsmeter.core.model import ReadResult
from rendementsmeter.pricing.prijslijst import Prijslijst
from rendementsmeter.read import isolation
from rendementsmeter.read.reader import read_case

_WORKER: dict[str, Any] = {}


def worker_init(prijslijst: Prijslijst, vandaag: date) -> None:
    _WORKER.update(prijslijst=prijslijst, vandaag=vandaag)


def worker_read(item: tuple[Path | str, bool]) -> ReadResult:
    path, explicit = item
    return read_case(path, _WORKER["prijslijst"], _WORKER["vandaag"], explicit=explicit)


def lost_result(pad: str, outcome: isolation.Outcome) -> ReadResult:
    limit = isolation.SETTINGS.seconds_per_file
    if outcome.error == isolation.TIMEOUT:
        finding = Finding(
            pad,
            "bestand-te-traag",
            f"Het lezen duurde langer dan {limit:g} {'seconde' if limit == 1 else 'seconden'} en is afgebroken; een "
            "casus leest in minder dan een "
            "seconde. Open het bestand in Excel of LibreOffice en sla het opnieuw op, of vul de casus in een nieuw "
            "sjabloon in. De andere bestanden zijn wel gelezen.",
        )
    else:
        finding = Finding(
            pad,
            "bestand-leesfout",
            "Het lezen van dit bestand brak af: het programma dat werkmappen leest stopte onverwacht. De andere "
            "bestanden zijn wel gelezen. Open het in Excel of LibreOffice en sla het opnieuw op als .xlsx; blijft "
            "het misgaan, vul de casus dan in een nieuw sjabloon in.",
        )
    return ReadResult(pad, None, [finding], detail=outcome.detail)
