"""Command line: parses options, calls the library, picks the exit code, renders. Nothing else."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__, cli_nl
from .businesscase import businesscase as build
from .findings import Finding
from .model import AFGEWEZEN, OPGENOMEN, ReadResult
from .money import format_eur_cents, format_number
from .prijslijst import Prijslijst, PrijslijstFout, load_prijslijst
from .reader import read_cases
from .report_xlsx import write_businesscase
from .template import write_template

cli_nl.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _load(prijslijst: tuple[str, ...], prijspeil: int | None) -> Prijslijst:
    try:
        pl = load_prijslijst(list(prijslijst))
    except PrijslijstFout as exc:
        lines = "\n".join(f"  {f.pad} {f.plek}: {f.melding}" for f in exc.findings)
        raise click.ClickException(f"De prijslijst bevat fouten; verbeter ze en probeer opnieuw:\n{lines}") from None
    if prijspeil is not None and prijspeil not in pl.cpi:
        raise click.BadParameter(
            f"{prijspeil} staat niet in de CPI-reeks; kies een jaar van {min(pl.cpi)} tot en met {max(pl.cpi)}.",
            param_hint="'--prijspeil'",
        )
    return pl


def _finding_line(f: Finding) -> str:
    where = f" {f.plek}:" if f.plek else ""
    return f"  {f.ernst}{where} {f.melding} [{f.code}]"


def _report(results: list[ReadResult]) -> None:
    for r in results:
        label = {OPGENOMEN: "in orde", AFGEWEZEN: "FOUTEN", "overgeslagen": "overgeslagen"}[r.status]
        if r.status == OPGENOMEN and r.waarschuwingen:
            label = "in orde, met waarschuwingen"
        click.echo(f"{r.pad}: {label}")
        for f in r.findings:
            click.echo(_finding_line(f))


def _counts(results: list[ReadResult]) -> str:
    ok = sum(r.status == OPGENOMEN for r in results)
    bad = sum(r.status == AFGEWEZEN for r in results)
    skipped = len(results) - ok - bad
    text = f"{len(results)} bestand{'en' if len(results) != 1 else ''}: {ok} in orde, {bad} met fouten"
    if skipped:
        text += f", {skipped} overgeslagen"
    return text


def _guard(debug: bool, fn: Callable[[], int]) -> None:
    try:
        code = fn()
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except Exception as exc:  # a runtime failure: Dutch message, traceback only with --debug
        if debug:
            traceback.print_exc()
        raise click.ClickException(
            f"Onverwachte fout: {type(exc).__name__}: {exc}. Draai opnieuw met "
            "--debug voor details en meld dit bij de beheerder."
        ) from None
    sys.exit(code)


prijslijst_option = click.option(
    "--prijslijst",
    "prijslijst",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Eigen prijslijst (CSV) boven op de standaardlijst; een latere gaat voor op code. Mag vaker.",
)
prijspeil_option = click.option(
    "--prijspeil",
    type=int,
    metavar="JAAR",
    help="Prijspeil (jaar) waarnaar alle prijzen worden geïndexeerd. Standaard het laatste jaar van de CPI-reeks.",
)
debug_option = click.option("--debug", is_flag=True, help="Toon de volledige foutmelding (traceback).")


@click.group(context_settings=CONTEXT, options_metavar="[OPTIES]", subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.version_option(__version__, "-V", "--version", message="rendementsmeter %(version)s")
def main() -> None:
    """Rendementsmeter: het maatschappelijk rendement van sociaal werk, opgebouwd uit afgesloten casussen.

    \b
    Werkwijze:
      1. rendementsmeter template -o casus.xlsx      (sjabloon voor de sociaal werker)
      2. rendementsmeter check casussen/             (controleer ingevulde casussen)
      3. rendementsmeter businesscase casussen/ -o businesscase.xlsx
    """


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


@main.command(options_metavar="[OPTIES]")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True))
@prijslijst_option
@click.option("--json", "as_json", is_flag=True, help="Machineleesbare uitvoer (JSON).")
@debug_option
def check(paden: tuple[str, ...], prijslijst: tuple[str, ...], as_json: bool, debug: bool) -> None:
    """Controleer ingevulde casusbestanden (bestanden, en mappen met alles daaronder).

    Exitcode 0: alles in orde (waarschuwingen mogen); 1: een of meer bestanden met fouten;
    2: verkeerd gebruik.

    \b
    Voorbeeld:
      rendementsmeter check cases/voorbeeld
      rendementsmeter check casus-017.xlsx --json
    """

    def run() -> int:
        pl = _load(prijslijst, None)
        results = read_cases(paden, pl)
        if as_json:
            _dump(
                {
                    "bestanden": [
                        {"pad": r.pad, "status": r.status, "bevindingen": [f.as_dict() for f in r.findings]}
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
