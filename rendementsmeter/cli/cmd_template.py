"""`rendementsmeter template`: a blank case template."""

from __future__ import annotations

from pathlib import Path

import click

from ..template import write_template
from . import main
from .common import _guard, _load, debug_option, prijslijst_option, prijspeil_option


@main.command(options_metavar="[OPTIES]")
@click.option(
    "-o",
    "--uitvoer",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Pad van het nieuwe sjabloon (.xlsx).",
)
@prijslijst_option
@prijspeil_option
@click.option("--team", help="Vul het team alvast in.")
@click.option("--werker", help="Vul de medewerkerscode alvast in (geen naam).")
@click.option("--overschrijven", is_flag=True, help="Overschrijf een bestaand bestand.")
@debug_option
def template(
    output: str,
    prijslijst: tuple[str, ...],
    prijspeil: int | None,
    team: str | None,
    werker: str | None,
    overschrijven: bool,
    debug: bool,
) -> None:
    """Maak een leeg casussjabloon (.xlsx) voor een sociaal werker.

    \b
    Voorbeeld:
      rendementsmeter template -o casus.xlsx
      rendementsmeter template -o casus.xlsx --prijslijst eigen_tarieven.csv --team Noord
    """
    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise click.BadParameter("het sjabloon moet op .xlsx eindigen.", param_hint="'-o'")
    if target.exists() and not overschrijven:
        raise click.UsageError(f"{target} bestaat al; kies een andere naam of gebruik --overschrijven.")

    def run() -> int:
        pl = _load(prijslijst, prijspeil)
        prefill = {k: v for k, v in (("team", team), ("werker", werker)) if v}
        write_template(target, pl, prijspeil, prefill)
        click.echo(
            f"Sjabloon geschreven: {target} (prijspeil {prijspeil or pl.standaard_prijspeil}, "
            f"prijslijst {pl.versie}, {len(pl.items)} posten)"
        )
        return 0

    _guard(debug, run)
