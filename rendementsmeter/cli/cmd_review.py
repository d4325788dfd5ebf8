"""`rendementsmeter review`: a review workbook for a colleague who checks the estimates."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from rendementsmeter.cli.cmd_businesscase import check_not_review, echo_rejected
from rendementsmeter.cli.common import (
    Voortgang,
    _counts,
    _guard,
    _load,
    debug_option,
    guard_output,
    prijslijst_option,
    prijspeil_option,
    stil_option,
)
from rendementsmeter.cli.group import main
from rendementsmeter.core.money import format_eur_cents
from rendementsmeter.core.output import shown_path
from rendementsmeter.spec.review import DUBBEL_TEKST, SIGNALEN

CODE_RE = re.compile(r"^[A-Za-z0-9._-]{1,20}$")


def _code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not CODE_RE.match(value):
        raise click.BadParameter(
            "gebruik een code (letters, cijfers, punt, - of _; hoogstens 20 tekens), geen naam.", ctx, param
        )
    return value


@main.command(options_metavar="[OPTIES]")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--uitvoer",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Pad van het beoordelingsbestand (.xlsx).",
)
@click.option(
    "--beoordelaar", metavar="CODE", callback=_code, help="Vul de beoordelaarscode alvast in (een code, geen naam)."
)
@click.option(
    "--plausibiliteit",
    type=click.Path(exists=True, dir_okay=False),
    metavar="CSV",
    help="Eigen plausibiliteitsregels (CSV) in plaats van prijslijst/plausibiliteit.csv.",
)
@prijslijst_option
@prijspeil_option
@click.option(
    "--overschrijven",
    is_flag=True,
    help="Overschrijf een bestaand bestand (een ingevuld oordeel gaat verloren; nooit een invoerbestand).",
)
@stil_option
@debug_option
def review(
    paden: tuple[str, ...],
    output: str,
    beoordelaar: str | None,
    plausibiliteit: str | None,
    prijslijst: tuple[str, ...],
    prijspeil: int | None,
    overschrijven: bool,
    stil: bool,
    debug: bool,
) -> None:
    """Maak een beoordelingsbestand: elke regel vermeden zorg, met signalen, voor een collega.

    Zet elke regel vermeden zorg van de opgenomen casussen in een werkmap, met waar de
    beoordelaar het eerst naar kijkt (geen toelichting, kans 100, hoogste 10% van de waarde,
    afwijkend aantal, post past niet bij het domein, mogelijke dubbeltelling). De beoordelaar
    vult per regel een oordeel in: akkoord, aangepast of afgewezen. Daarna:
    rendementsmeter businesscase ... --beoordelingen beoordeling.xlsx. Exitcode 0: alles
    opgenomen; 1: een of meer casusbestanden afgewezen (het bestand is wel geschreven);
    2: verkeerd gebruik.

    \b
    Voorbeeld:
      rendementsmeter review casussen/ -o beoordeling-B01.xlsx --beoordelaar B01
      rendementsmeter businesscase casussen/ -o bc.xlsx --beoordelingen beoordeling-B01.xlsx
    """
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise click.BadParameter("het beoordelingsbestand moet op .xlsx eindigen.", param_hint="'-o'")
    check_not_review(paden)
    inputs = [*paden, *prijslijst, *([plausibiliteit] if plausibiliteit else [])]
    guard_output(target, inputs, True, lambda p: False)  # never an input, a folder or a pipe
    if os.path.lexists(target) and not overschrijven:  # a filled-in verdict is the reviewer's work
        raise click.UsageError(f"{shown_path(target)} bestaat al; kies een andere naam of gebruik --overschrijven.")

    def run() -> int:
        pl = _load(prijslijst, prijspeil)
        try:
            with Voortgang(stil) as voortgang:
                table = api.review(paden, pl, prijspeil, plausibiliteit, progress=voortgang)
        except api.PlausibiliteitFout as exc:
            lines = "\n".join(f"  {f.pad} {f.plek}: {f.melding}" for f in exc.findings)
            raise click.ClickException(
                f"De plausibiliteitsregels bevatten fouten; verbeter ze en probeer opnieuw:\n{lines}"
            ) from None
        api.write_review(table, target, beoordelaar or "")
        click.echo(f"Beoordelingsbestand geschreven: {shown_path(target)}")
        click.echo(_counts(table.resultaten) + f"; prijspeil {table.prijspeil}")
        click.echo(
            f"  {len(table.regels)} regels vermeden zorg, samen {format_eur_cents(table.totaal_cent)}; {table.met_signaal} met een signaal"
        )
        n_dubbel, dubbel_cent = table.dubbel
        if n_dubbel:
            click.echo(f"  {n_dubbel} {DUBBEL_TEKST}: {format_eur_cents(dubbel_cent)}, niet in het totaal")
        for key, n in table.telling().items():
            if n:
                click.echo(f"    {SIGNALEN[key]:<38}{n:>5}")
        return echo_rejected(table.resultaten)

    _guard(debug, run)
