"""`rendementsmeter businesscase`: read, price and aggregate the cases."""

from __future__ import annotations

from pathlib import Path

import click

from ..businesscase import businesscase as build
from ..model import AFGEWEZEN
from ..money import format_eur_cents, format_number
from ..report_xlsx import write_businesscase
from . import main
from .common import _counts, _dump, _guard, _load, debug_option, prijslijst_option, prijspeil_option


@main.command(options_metavar="[OPTIES]")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o", "--uitvoer", "output", type=click.Path(dir_okay=False), help="Pad van de business-case-werkmap (.xlsx)."
)
@prijslijst_option
@prijspeil_option
@click.option("--json", "as_json", is_flag=True, help="Druk de samenvatting af als JSON.")
@debug_option
def businesscase(
    paden: tuple[str, ...],
    output: str | None,
    prijslijst: tuple[str, ...],
    prijspeil: int | None,
    as_json: bool,
    debug: bool,
) -> None:
    """Bouw de business case uit een map met ingevulde casussen.

    Leest alle casussen, prijst elke regel met de maatschappelijke prijslijst en schrijft de
    business case als Excel-werkmap. Bestanden met fouten tellen niet mee en staan in de
    werkmap op het blad Bestanden. Exitcode 0: alles opgenomen; 1: een of meer bestanden
    afgewezen (de werkmap is wel geschreven); 2: verkeerd gebruik.

    \b
    Voorbeeld:
      rendementsmeter businesscase cases/voorbeeld -o businesscase.xlsx
      rendementsmeter businesscase casussen/ -o bc.xlsx --prijslijst eigen.csv --prijspeil 2024
      rendementsmeter businesscase casussen/ --json > samenvatting.json
    """
    if not output and not as_json:
        raise click.UsageError("Geef een uitvoerbestand op met -o UIT.xlsx, of gebruik --json.")
    if output and Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter("de business case moet op .xlsx eindigen.", param_hint="'-o'")
    if output and any(Path(p).resolve() == Path(output).resolve() for p in paden):
        raise click.UsageError("Het uitvoerbestand is ook een invoerbestand; kies een andere naam.")

    def run() -> int:
        pl = _load(prijslijst, prijspeil)
        bc = build(paden, pl, prijspeil)
        if output:
            write_businesscase(bc, output)
        if as_json:
            _dump(bc.to_dict())
        else:
            t = bc.totalen
            ratio = bc.rendement
            rows = [
                ("Kosten", format_eur_cents(t["kosten"])),
                ("Baten (vermeden kosten)", format_eur_cents(t["baten"])),
                ("Netto", format_eur_cents(t["netto"])),
                ("Rendement", f"€ {format_number(ratio)} per euro" if ratio is not None else "n.v.t."),
            ]
            click.echo(f"Business case geschreven: {output}")
            click.echo(_counts(bc.resultaten) + f"; prijspeil {bc.prijspeil}")
            for label, value in rows:
                click.echo(f"  {label:<24}{value:>20}")
        rejected = [r for r in bc.resultaten if r.status == AFGEWEZEN]
        if rejected:
            click.echo(f"Let op: {len(rejected)} bestand(en) afgewezen en niet meegeteld:", err=True)
            for r in rejected:
                first = r.fouten[0]
                click.echo(
                    f"  {r.pad}: {first.plek + ': ' if first.plek else ''}{first.melding}"
                    f"{f' (+{len(r.fouten) - 1} meer)' if len(r.fouten) > 1 else ''}",
                    err=True,
                )
            click.echo("Draai 'rendementsmeter check' op deze bestanden voor alle bevindingen.", err=True)
        return 1 if rejected else 0

    _guard(debug, run)
