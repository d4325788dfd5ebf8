"""`rendementsmeter businesscase`: read, price and aggregate the cases (and apply peer reviews)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rendementsmeter.cli.common import (
    Voortgang,
    _counts,
    _dump,
    _finding_line,
    _guard,
    _load,
    cache_option,
    check_peil,
    debug_option,
    guard_output,
    overschrijven_option,
    prijslijst_option,
    prijspeil_option,
    require_files,
    stil_option,
)
from rendementsmeter.cli.group import main
from rendementsmeter.core.model import AFGEWEZEN, ReadResult
from rendementsmeter.core.money import format_eur_cents, format_number, parse_decimal
from rendementsmeter.core.output import TITEL_BUSINESSCASE, own_html, own_workbook, regels_csv_path, shown_path
from rendementsmeter.spec.rekenregels import DISCONTOVOET

if TYPE_CHECKING:
    from rendementsmeter.analysis.businesscase import BusinessCase
    from rendementsmeter.pricing.prijslijst import Prijslijst


def echo_rejected(resultaten: list[ReadResult]) -> int:
    """Tell (on stderr) which case files were rejected; 1 if any, else 0."""
    rejected = [r for r in resultaten if r.status == AFGEWEZEN]
    if not rejected:
        return 0
    click.echo(f"Let op: {len(rejected)} bestand(en) afgewezen en niet meegeteld:", err=True)
    for r in rejected:
        first = r.fouten[0]
        click.echo(
            f"  {r.pad}: {first.plek + ': ' if first.plek else ''}{first.melding}"
            f"{f' (+{len(r.fouten) - 1} meer)' if len(r.fouten) > 1 else ''}",
            err=True,
        )
    click.echo("Draai 'rendementsmeter check' op deze bestanden voor alle bevindingen.", err=True)
    return 1


def own_regels_csv(path: Path) -> bool:
    """The line list a previous run wrote beside its workbook (that workbook is ours as well)."""
    sibling = path.with_name(path.name.removesuffix("-regels.csv") + ".xlsx")
    try:
        with open(path, "rb") as fh:
            head = fh.read(200)
    except OSError:
        return False
    return head.startswith(b"\xef\xbb\xbf") and own_workbook(sibling, TITEL_BUSINESSCASE)


def check_not_review(paden: tuple[str, ...]) -> None:
    """A review workbook given as a case file is a usage mistake (--beoordelingen takes one file)."""
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    for p in paden:
        if api.is_review_workbook(p):
            raise click.UsageError(
                f"{shown_path(p)} is een beoordelingsbestand, geen casus. Geef beoordelingen op met --beoordelingen, "
                "één per keer: --beoordelingen b01.xlsx --beoordelingen b02.xlsx (of een map)."
            )


def _percent(share: float | None) -> str:
    return "n.v.t." if share is None else f"{format_number(share * 100, 1)}%"


def _echo_review(bc: BusinessCase, as_json: bool) -> int:
    """Review summary (stdout, unless --json) and review findings (stderr); 1 if a review file has errors."""
    b = bc.beoordeling
    if b is None:
        return 0
    if not as_json:
        n_files, n_changes, n_conflicts = len(b.bestanden), b.wijzigingen, len(b.conflicten)
        click.echo(f"  {'Baten vóór beoordeling':<24}{format_eur_cents(b.baten_voor_cent):>20}")
        click.echo(
            f"Beoordeling: {n_files} bestand{'en' if n_files != 1 else ''}, {b.regels_beoordeeld} van "
            f"{b.regels_vermeden} regels vermeden zorg beoordeeld ({_percent(b.aandeel_waarde)} van de baten); "
            f"{n_changes} wijziging{'en' if n_changes != 1 else ''}, {n_conflicts} conflict{'en' if n_conflicts != 1 else ''}"
        )
    if b.findings:
        click.echo(f"Let op: {len(b.findings)} bevinding(en) bij de beoordelingen:", err=True)
        for f in b.findings:
            click.echo(f"  {f.pad}:{_finding_line(f)[1:]}", err=True)
    return 1 if any(f.is_fout for f in b.findings) else 0


def _parse_optimisme(text: str) -> dict[str, Decimal]:
    """'A=0,B=20,C=40' -> {'A': 0.00, 'B': 0.20, 'C': 0.40}; a usage error otherwise."""
    out: dict[str, Decimal] = {}
    for part in text.replace(";", ",").split(","):
        grade, _, value = part.strip().partition("=")
        grade = grade.strip().upper()
        number, _ = parse_decimal(value.strip().rstrip("%"))
        if grade not in ("A", "B", "C") or number is None or not 0 <= number <= 100:
            raise click.BadParameter(f"'{part.strip()}' kan niet; schrijf bijv. A=0,B=20,C=40 (procenten van 0 tot 100).",
                                     param_hint="'--optimisme'")  # fmt: skip
        out[grade] = number / 100
    return out


def _load_alone(path: str) -> Prijslijst:
    """A complete other price list (no standard list under it), for --vergelijk-prijslijst."""
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    try:
        return api.load_prijslijst([path], standaard=False)
    except api.PrijslijstFout as exc:
        lines = "\n".join(f"  {f.pad} {f.plek}: {f.melding}" for f in exc.findings)
        raise click.ClickException(f"De vergelijkingsprijslijst bevat fouten:\n{lines}") from None


@main.command(options_metavar="[OPTIES]")
@click.argument("paden", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o", "--uitvoer", "output", type=click.Path(dir_okay=False), help="Pad van de business-case-werkmap (.xlsx)."
)
@prijslijst_option
@prijspeil_option
@click.option(
    "--beoordelingen",
    multiple=True,
    type=click.Path(exists=True),
    metavar="PAD",
    help="Ingevulde beoordelingsbestanden (of een map ermee) van 'rendementsmeter review'; mag vaker.",
)
@click.option("--kwartaal", metavar="JJJJ-QN", help="Alleen casussen met een einddatum in dit kwartaal, bijv. 2026-Q3.")
@click.option("--van", metavar="DATUM", help="Alleen casussen met een einddatum op of na deze datum (dd-mm-jjjj).")
@click.option("--tot", metavar="DATUM", help="Alleen casussen met een einddatum op of voor deze datum (dd-mm-jjjj).")
@click.option(
    "--html",
    "html",
    type=click.Path(dir_okay=False),
    metavar="RAPPORT.html",
    help="Schrijf ook een printbaar rapport (HTML) voor de gemeente.",
)
@click.option(
    "--verhalen",
    metavar="CASUSNUMMER,...",
    help="Casusnummers van de verhalen voor het rapport (met toestemming, zonder privacybevinding), gescheiden "
    "door komma's; anders per groep de meest typerende.",
)
@click.option(
    "--min-groep",
    type=click.IntRange(1, 100),
    default=5,
    show_default=True,
    help="Groepen van cliënten met minder casussen tonen '<N>' of worden samengevoegd (domeinen); bedragen per wet en financier staan er altijd.",
)
@click.option(
    "--uren-per-fte",
    type=click.IntRange(1, 3000),
    default=1500,
    show_default=True,
    help="Productieve uren per fte per jaar (aanname) voor de bespaarde tijd.",
)
@click.option(
    "--vergelijk-prijslijst",
    type=click.Path(exists=True, dir_okay=False),
    metavar="CSV",
    help="Vergelijk de totalen met een andere (volledige) prijslijst, bijv. de oude.",
)
@click.option("--vergelijk-prijspeil", type=int, metavar="JAAR", help="Vergelijk de totalen met een ander prijspeil.")
@click.option(
    "--optimisme",
    metavar="A=0,B=20,C=40",
    help="Correctie voor optimisme per betrouwbaarheid van de prijs, in procenten (aanname).",
)
@click.option(
    "--discontovoet",
    type=click.FloatRange(0, 10),
    default=float(DISCONTOVOET * 100),
    show_default=True,
    metavar="PROCENT",
    help="Discontovoet in procenten voor vermeden zorg na het eerste jaar (horizon > 12 maanden); 0 = uit.",
)
@click.option("--json", "as_json", is_flag=True, help="Druk de samenvatting af als JSON.")
@overschrijven_option
@cache_option
@stil_option
@debug_option
def businesscase(
    paden: tuple[str, ...],
    output: str | None,
    prijslijst: tuple[str, ...],
    prijspeil: int | None,
    beoordelingen: tuple[str, ...],
    kwartaal: str | None,
    van: str | None,
    tot: str | None,
    html: str | None,
    verhalen: str | None,
    min_groep: int,
    uren_per_fte: int,
    vergelijk_prijslijst: str | None,
    vergelijk_prijspeil: int | None,
    optimisme: str | None,
    discontovoet: float,
    as_json: bool,
    overschrijven: bool,
    cache: str | None,
    stil: bool,
    debug: bool,
) -> None:
    """Bouw de business case uit een map met ingevulde casussen.

    Leest alle casussen, prijst elke regel met de maatschappelijke prijslijst en schrijft de
    business case als Excel-werkmap. Bestanden met fouten tellen niet mee en staan in de
    werkmap op het blad Bestanden. Met --beoordelingen tellen de oordelen van collega's mee:
    afgewezen regels vallen weg, aangepaste regels worden opnieuw geprijsd; de werkmap toont
    de cijfers vóór en na beoordeling en elke wijziging. Exitcode 0: alles opgenomen; 1: een
    of meer bestanden afgewezen of een beoordelingsbestand met fouten (de werkmap is wel
    geschreven); 2: verkeerd gebruik.

    Met --kwartaal (of --van/--tot) tellen alleen casussen met een einddatum in die periode; de
    andere staan erin als 'buiten periode'. De werkmap toont ook onzekerheid (simulatie),
    gevoeligheid, dubbeltellingen, patronen en grafieken; --html schrijft een rapport.

    \b
    Voorbeeld:
      rendementsmeter businesscase cases/voorbeeld -o businesscase.xlsx
      rendementsmeter businesscase casussen/ -o bc.xlsx --kwartaal 2026-Q3 --html rapport.html
      rendementsmeter businesscase casussen/ -o bc.xlsx --prijslijst eigen.csv --prijspeil 2024
      rendementsmeter businesscase casussen/ -o bc.xlsx --beoordelingen beoordeling-B01.xlsx
      rendementsmeter businesscase casussen/ --json > samenvatting.json
    """
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    if not output and not as_json:
        raise click.UsageError("Geef een uitvoerbestand op met -o UIT.xlsx, of gebruik --json.")
    if output and Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter("de business case moet op .xlsx eindigen.", param_hint="'-o'")
    check_not_review(paden)
    if html and Path(html).suffix.lower() not in (".html", ".htm"):
        raise click.BadParameter("het rapport moet op .html eindigen.", param_hint="'--html'")
    inputs = [*paden, *beoordelingen, *prijslijst, *([vergelijk_prijslijst] if vergelijk_prijslijst else [])]
    if output and html and Path(output).absolute() == Path(html).absolute():
        raise click.UsageError("-o en --html wijzen naar hetzelfde bestand; kies twee namen.")
    guard_output(output, inputs, overschrijven, lambda p: own_workbook(p, TITEL_BUSINESSCASE))
    if output:  # the line list beside a very large workbook
        guard_output(regels_csv_path(Path(output)), inputs, overschrijven, own_regels_csv, "-o (regels)", quiet=True)
    guard_output(html, inputs, overschrijven, own_html, "--html")
    try:
        periode = api.maak_periode(kwartaal=kwartaal, van=van, tot=tot)
    except api.PeriodeFout as exc:
        raise click.BadParameter(str(exc), param_hint="'--kwartaal/--van/--tot'") from None

    correctie = _parse_optimisme(optimisme) if optimisme else None

    def run() -> int:
        pl = _load(prijslijst, prijspeil)
        check_peil(pl, vergelijk_prijspeil, "'--vergelijk-prijspeil'")
        with Voortgang(stil) as voortgang:
            bc = api.businesscase(
                paden,
                pl,
                prijspeil,
                beoordelingen=beoordelingen or None,
                periode=periode,
                min_groep=min_groep,
                verhalen_keuze=tuple(v.strip() for v in (verhalen or "").split(",") if v.strip()),
                uren_per_fte=Decimal(uren_per_fte),
                cache=cache,
                progress=voortgang,
                optimisme=correctie,
                discontovoet=Decimal(str(discontovoet)) / 100,
            )
        require_files(bc.alle_bestanden, paden)
        if vergelijk_prijslijst:
            ander = _load_alone(vergelijk_prijslijst)
            api.vergelijk(bc, ander, vergelijk_prijspeil or ander.standaard_prijspeil)
        elif vergelijk_prijspeil:
            api.vergelijk(bc, prijspeil=vergelijk_prijspeil)
        with bc.statussen_vast():  # no finding changes while the outputs are written
            if output:
                api.write_businesscase(bc, output)
            if html:
                api.write_html(bc, html)
            data = bc.to_dict() if as_json else None
        if html:
            for nummer, reden in bc.verhalen.niet_gebruikt:
                click.echo(f"Verhaal {nummer} niet in het rapport: {reden}.", err=True)
        if data is not None:
            _dump(data)
        else:
            click.echo(
                f"Business case geschreven: {shown_path(output)}" if output else "Business case (niet opgeslagen)"
            )
            if html:
                click.echo(f"Rapport geschreven: {shown_path(html)}")
            if periode is not None:
                click.echo(f"Periode: {periode.label}")
            click.echo(_counts(bc.resultaten, len(bc.buiten)) + f"; prijspeil {bc.prijspeil}")
            for line in _perspective_lines(bc):
                click.echo(line)
        review_code = _echo_review(bc, as_json)
        if not bc.opgenomen:
            click.echo("Let op: geen enkele casus is opgenomen; de business case is leeg.", err=True)
            review_code = 1
        return max(echo_rejected(bc.resultaten), review_code)

    _guard(debug, run)


def _perspective_lines(bc: BusinessCase) -> list[str]:
    """Netto per named perspective first, then each rendement under its own name, then the break-even."""
    from rendementsmeter.analysis.perspectives import rendement_tekst  # light: analysis is loaded by now

    ps = bc.perspectieven
    lines = [f"  {'Netto per perspectief':<34}{'Netto':>16}{'Kosten':>16}{'Baten':>16}"]
    for p in ps.alle:
        lines.append(
            f"  {p.label:<34}{format_eur_cents(p.netto_cent):>16}{format_eur_cents(p.kosten_cent):>16}"
            f"{format_eur_cents(p.baten_cent):>16}"
        )
    lines.append("  Rendement per perspectief (baten per euro kosten)")
    for p in ps.alle:
        name = f"Rendement {p.naam}" + (f": {p.wie}" if p.wie else " (MKBA)")
        lines.append(f"  {name:<50}{rendement_tekst(p.rendement):>20}")
    lines.append(
        f"  Buiten elke begroting (burgers, slachtoffers, divers): baten {format_eur_cents(ps.geen_budget_baten_cent)}; "
        f"vrijwilligers (schaduwprijs): {format_eur_cents(ps.schaduwprijs_cent)}; "
        f"overdrachten: {format_eur_cents(ps.overdrachten_cent)}"
    )
    omslag = ps.maatschappelijk.omslagpunt
    if omslag is not None:
        lines.append(
            f"  Omslagpunt: alle kansen samen mogen {format_number(omslag * 100, 0)}% lager zijn voordat het "
            "maatschappelijk netto € 0 is."
            if omslag > 0
            else "  Omslagpunt: het maatschappelijk netto is nu al € 0 of minder."
        )
    return lines
