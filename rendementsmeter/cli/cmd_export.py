"""`rendementsmeter export`: anonymous line-level data for pooling across organisations."""

from __future__ import annotations

from pathlib import Path

import click

from rendementsmeter.cli.common import (
    Voortgang,
    _counts,
    _guard,
    _load,
    debug_option,
    guard_output,
    overschrijven_option,
    prijslijst_option,
    stil_option,
)
from rendementsmeter.cli.group import main
from rendementsmeter.core.model import AFGEWEZEN
from rendementsmeter.core.output import own_export, shown_path


@main.command(options_metavar="[OPTIES]")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--uitvoer",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Exportbestand: .parquet (aanbevolen) of .csv.",
)
@click.option(
    "--organisatie",
    required=True,
    metavar="CODE",
    help="Code van de organisatie (geen naam van een persoon), bijv. BWD.",
)
@click.option(
    "--sleutel",
    type=click.Path(dir_okay=False),
    metavar="PAD",
    help="Geheime sleutel van de organisatie voor de pseudoniemen (wordt gemaakt als hij er niet is). "
    "Standaard ~/.config/rendementsmeter/exportsleutel. Deel hem niet met de export.",
)
@prijslijst_option
@overschrijven_option
@stil_option
@debug_option
def export(
    paden: tuple[str, ...],
    output: str,
    organisatie: str,
    sleutel: str | None,
    prijslijst: tuple[str, ...],
    overschrijven: bool,
    stil: bool,
    debug: bool,
) -> None:
    """Exporteer anonieme regels om met andere organisaties te bundelen.

    Zonder vrije tekst, werkercodes of bestandsnamen; casusnummers worden vervangen door een
    pseudoniem (met de geheime sleutel van uw organisatie) en de einddatum door de maand. `businesscase` leest zulke exports naast werkmappen.
    Bestanden met fouten gaan niet mee (exitcode 1).

    \b
    Voorbeeld:
      rendementsmeter export casussen/ -o regels.parquet --organisatie BWD
      rendementsmeter businesscase regels-bwd.parquet regels-wijk.parquet -o regio.xlsx
    """
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    target = Path(output)
    if target.suffix.lower() not in (".parquet", ".csv"):
        raise click.BadParameter("de export moet op .parquet of .csv eindigen.", param_hint="'-o'")
    guard_output(target, [*paden, *prijslijst], overschrijven, own_export)

    def run() -> int:
        pl = _load(prijslijst, None)
        try:
            with Voortgang(stil) as voortgang:
                done = api.export(paden, pl, target, organisatie, progress=voortgang, sleutel=sleutel)
        except api.SleutelFout as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Export geschreven: {shown_path(target)} ({done.casussen} casussen, {done.regels} regels)")
        if done.sleutel_nieuw:
            click.echo(
                f"Nieuwe exportsleutel gemaakt: {done.sleutel}. Bewaar hem binnen uw organisatie, niet bij de export: "
                "met dezelfde sleutel houdt een casus bij een volgende export hetzelfde pseudoniem."
            )
        click.echo(_counts(done.resultaten))
        return 1 if any(r.status == AFGEWEZEN for r in done.resultaten) else 0

    _guard(debug, run)
