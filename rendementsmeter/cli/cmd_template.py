"""`rendementsmeter template`: blank case templates, optionally pre-filled and numbered."""

from __future__ import annotations

from pathlib import Path

import click

from rendementsmeter.cli.common import _guard, _load, debug_option, guard_output, prijslijst_option, prijspeil_option
from rendementsmeter.cli.group import main
from rendementsmeter.core.output import shown_path

MAX_AANTAL = 200


@main.command(options_metavar="[OPTIES]")
@click.option(
    "-o",
    "--uitvoer",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Pad van het nieuwe sjabloon (.xlsx). Met --aantal krijgen de bestanden een volgnummer.",
)
@prijslijst_option
@prijspeil_option
@click.option("--team", metavar="NAAM", help="Vul het team alvast in.")
@click.option("--werker", metavar="CODE", help="Vul de medewerkerscode alvast in (geen naam).")
@click.option(
    "--aantal",
    type=int,
    metavar="N",
    help="Schrijf N genummerde sjablonen (casus-001.xlsx, ...). Met --werker krijgt elk een eigen "
    "casusnummer (TEAM-WERKER-001).",
)
@click.option(
    "--vanaf",
    type=int,
    metavar="NUMMER",
    help="Eerste volgnummer bij --aantal (standaard 1), bijv. 11 als 001-010 al gebruikt zijn.",
)
@click.option("--overschrijven", is_flag=True, help="Overschrijf bestaande bestanden.")
@debug_option
def template(
    output: str,
    prijslijst: tuple[str, ...],
    prijspeil: int | None,
    team: str | None,
    werker: str | None,
    aantal: int | None,
    vanaf: int | None,
    overschrijven: bool,
    debug: bool,
) -> None:
    """Maak een leeg casussjabloon (.xlsx) voor een sociaal werker, of meer tegelijk.

    \b
    Voorbeeld:
      rendementsmeter template -o casus.xlsx
      rendementsmeter template -o casus.xlsx --team Noord --werker W12 --aantal 5
      rendementsmeter template -o casus.xlsx --prijslijst eigen_tarieven.csv
    """
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise click.BadParameter("het sjabloon moet op .xlsx eindigen.", param_hint="'-o'")
    if aantal is not None and not 1 <= aantal <= MAX_AANTAL:
        raise click.BadParameter(f"kies een aantal van 1 tot en met {MAX_AANTAL}.", param_hint="'--aantal'")
    if vanaf is not None and vanaf < 1:
        raise click.BadParameter("het eerste volgnummer is 1 of hoger.", param_hint="'--vanaf'")
    if vanaf is not None and aantal is None:
        raise click.UsageError("--vanaf werkt alleen samen met --aantal.")
    targets = api.numbered_paths(target, aantal, vanaf or 1) if aantal is not None else [target]
    existing = [t for t in targets if t.exists()]
    if existing and not overschrijven:
        names = ", ".join(str(t) for t in existing[:3]) + (f" en nog {len(existing) - 3}" if len(existing) > 3 else "")
        verb = "bestaat" if len(existing) == 1 else "bestaan"
        hint = ", --vanaf" if aantal is not None else ""
        raise click.UsageError(f"{names} {verb} al; kies een andere naam{hint} of gebruik --overschrijven.")
    for i, t in enumerate(targets):  # never over a price list given as input, nor a folder; says when one is made
        guard_output(t, list(prijslijst), True, lambda p: False, quiet=i > 0)

    def run() -> int:
        pl = _load(prijslijst, prijspeil)
        prefill = {k: v for k, v in (("team", team), ("werker", werker)) if v}
        about = f"prijspeil {prijspeil or pl.standaard_prijspeil}, prijslijst {pl.versie}, {len(pl.items)} posten"
        if aantal is None:
            api.write_template(target, pl, prijspeil, prefill)
            click.echo(f"Sjabloon geschreven: {shown_path(target)} ({about})")
            return 0
        written = api.write_templates(target, pl, aantal, vanaf or 1, prijspeil, prefill, overschrijven=True)
        span = (
            shown_path(written[0])
            if len(written) == 1
            else f"{shown_path(written[0])} tot en met {shown_path(written[-1].name)}"
        )
        click.echo(f"{len(written)} {'sjablonen' if len(written) != 1 else 'sjabloon'} geschreven: {span} ({about})")
        first, last = (api.casusnummer(team, werker, n) for n in (vanaf or 1, (vanaf or 1) + aantal - 1))
        if first:
            click.echo(f"Casusnummers: {first}" + (f" tot en met {last}" if last != first else "") + ".")
        return 0

    _guard(debug, run)
