"""`rendementsmeter check`: validate filled case files."""

from __future__ import annotations

import click

from rendementsmeter.cli.common import (
    Voortgang,
    _counts,
    _dump,
    _guard,
    _load,
    _report,
    cache_option,
    debug_option,
    prijslijst_option,
    require_files,
    stil_option,
)
from rendementsmeter.cli.group import main
from rendementsmeter.core.model import AFGEWEZEN, OPGENOMEN


@main.command(options_metavar="[OPTIES]")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True))
@prijslijst_option
@click.option("--json", "as_json", is_flag=True, help="Machineleesbare uitvoer (JSON).")
@cache_option
@stil_option
@debug_option
def check(
    paden: tuple[str, ...], prijslijst: tuple[str, ...], as_json: bool, cache: str | None, stil: bool, debug: bool
) -> None:
    """Controleer ingevulde casusbestanden (bestanden, en mappen met alles daaronder).

    Exitcode 0: alles in orde (waarschuwingen mogen); 1: een of meer bestanden met fouten;
    2: verkeerd gebruik.

    \b
    Voorbeeld:
      rendementsmeter check cases/voorbeeld
      rendementsmeter check casus-017.xlsx --json
    """
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    def run() -> int:
        pl = _load(prijslijst, None)
        with Voortgang(stil) as voortgang:
            results = api.check(paden, pl, cache=cache, progress=voortgang)
        require_files(results, paden)
        if as_json:
            _dump(
                {
                    "bestanden": [
                        {"pad": r.pad, "status": r.status, "bevindingen": [f.to_dict() for f in r.findings]}
                        for r in results
                    ],
                    "in_orde": sum(r.status == OPGENOMEN for r in results),
                    "met_fouten": sum(r.status == AFGEWEZEN for r in results),
                }
            )
        else:
            _report(results)
            click.echo(_counts(results))
        return 1 if any(r.status == AFGEWEZEN for r in results) else 0

    _guard(debug, run)
