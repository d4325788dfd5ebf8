"""`rendementsmeter app`: the local web app for team leads, social workers and peer reviewers."""

from __future__ import annotations

from pathlib import Path

import click

from rendementsmeter.cli.common import _guard, _load, debug_option, prijslijst_option
from rendementsmeter.cli.group import main

LOKAAL = ("127.0.0.1", "localhost")
WAARSCHUWING = (
    "LET OP: de app luistert op {host}, niet alleen op deze computer. Het adres met de sleutel is de enige "
    "toegangscontrole. Zet de app alleen zo open achter de eigen inlog van de organisatie (een reverse proxy met "
    "inloggen en https); de casusbestanden gaan over kwetsbare mensen."
)


@main.command(options_metavar="[OPTIES]")
@click.argument("map_", metavar="[MAP]", required=False, default=".", type=click.Path(exists=True, file_okay=False))
@click.option("--poort", type=click.IntRange(0, 65535), metavar="N", help="Poort (standaard 8765, of een vrije).")
@click.option("--geen-browser", is_flag=True, help="Open de browser niet; druk alleen het adres af.")
@click.option(
    "--host",
    metavar="ADRES",
    default="127.0.0.1",
    show_default=True,
    help="Luister op een ander adres (gedeelde server); alleen samen met --achter-eigen-login.",
)
@click.option(
    "--achter-eigen-login",
    is_flag=True,
    help="Bevestig dat de eigen inlog van de organisatie vóór de app staat (nodig bij --host).",
)
@prijslijst_option
@debug_option
def app(
    map_: str,
    poort: int | None,
    geen_browser: bool,
    host: str,
    achter_eigen_login: bool,
    prijslijst: tuple[str, ...],
    debug: bool,
) -> None:
    """Start de app in de browser: het kwartaal zonder terminal.

    Leest MAP (standaard de huidige map) met de casusbestanden van het kwartaal en opent de app
    op 127.0.0.1 in de browser. De eerste regel op het scherm is het adres met de sleutel (token);
    zonder die sleutel weigert de app elk verzoek. Teamleider: bestanden met hun bevindingen,
    periode, business case en downloads. Sociaal werker: nieuw sjabloon, ingevulde casus
    controleren en pas na bevestiging in de map zetten. Beoordelaar: regels beoordelen; het
    oordeel wordt een beoordelingsbestand in MAP/beoordelingen. Stoppen: Ctrl-C.

    \b
    Voorbeeld:
      rendementsmeter app casussen/
      rendementsmeter app casussen/ --poort 8800 --geen-browser
    """
    if host not in LOKAAL and not achter_eigen_login:
        raise click.UsageError(
            f"--host {host} maakt de app bereikbaar voor anderen. Dat mag alleen achter de eigen inlog van de "
            "organisatie; bevestig dat met --achter-eigen-login."
        )

    def run() -> int:
        from rendementsmeter.app import run as serve  # lazy: the app imports pandas; `--help` stays quick

        pl = _load(prijslijst, None)
        if host not in LOKAAL:
            click.echo(WAARSCHUWING.format(host=host), err=True)
        serve(Path(map_), pl, host, poort, browser=not geen_browser)
        return 0

    _guard(debug, run, batch=False)
