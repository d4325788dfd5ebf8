"""Shared helpers and options of the commands."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from rendementsmeter.cli import nl as cli_nl
from rendementsmeter.core import jsontext
from rendementsmeter.core.findings import Finding, escape_controls
from rendementsmeter.core.model import AFGEWEZEN, OPGENOMEN, ReadResult
from rendementsmeter.core.output import UitvoerGeweigerd, check_output
from rendementsmeter.core.tempdirs import exit_status, restore, stop_as_interrupt
from rendementsmeter.read.cache import CacheGeweigerd, cache_status

if TYPE_CHECKING:
    from rendementsmeter.pricing.prijslijst import Prijslijst

cli_nl.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _dump(data: Any) -> None:
    # the text of json.dumps(..., ensure_ascii=False, indent=2, default=str), written in blocks
    jsontext.dump(data, lambda text: click.echo(text, nl=False))
    click.echo("")


def _load(prijslijst: tuple[str, ...], prijspeil: int | None) -> Prijslijst:
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    try:
        pl = api.load_prijslijst(list(prijslijst))
    except api.PrijslijstFout as exc:
        lines = "\n".join(f"  {f.pad} {f.plek}: {f.melding}" for f in exc.findings)
        raise click.ClickException(f"De prijslijst bevat fouten; verbeter ze en probeer opnieuw:\n{lines}") from None
    check_peil(pl, prijspeil, "'--prijspeil'")
    return pl


def check_peil(pl: Prijslijst, prijspeil: int | None, option: str) -> None:
    """A price level outside the CPI series is bad usage (exit 2), with the price list's own message."""
    from rendementsmeter import api  # loaded when the command runs, so that --help starts fast

    if prijspeil is not None:
        try:
            pl.peil(prijspeil)
        except api.PrijspeilFout as exc:
            raise click.BadParameter(str(exc), param_hint=option) from None


def _finding_line(f: Finding) -> str:
    where = f" {escape_controls(f.plek)}:" if f.plek else ""
    return f"  {f.ernst}{where} {escape_controls(f.melding)} [{f.code}]"


def _report(results: list[ReadResult]) -> None:
    for r in results:
        label = {OPGENOMEN: "in orde", AFGEWEZEN: "FOUTEN", "overgeslagen": "overgeslagen"}[r.status]
        if r.status == OPGENOMEN and r.waarschuwingen:
            label = "in orde, met waarschuwingen"
        click.echo(f"{escape_controls(r.pad)}: {label}")
        for f in r.findings:
            click.echo(_finding_line(f))


def require_files(results: list[ReadResult], paden: tuple[str, ...]) -> None:
    """An empty folder or a wrong path is not a success: say so (exit 1)."""
    if not results:
        raise click.ClickException(
            f"Geen bestanden gevonden in {', '.join(paden)}. Geef een map met ingevulde casusbestanden (.xlsx) op."
        )


def _counts(results: list[ReadResult], buiten: int = 0) -> str:
    """'13 bestanden: 3 in orde, 0 met fouten, 10 buiten de periode' (results: in the period only)."""
    ok = sum(r.status == OPGENOMEN for r in results)
    bad = sum(r.status == AFGEWEZEN for r in results)
    skipped = len(results) - ok - bad
    total = len(results) + buiten
    text = f"{total} bestand{'en' if total != 1 else ''}: {ok} in orde, {bad} met fouten"
    if skipped:
        text += f", {skipped} overgeslagen"
    if buiten:
        text += f", {buiten} buiten de periode"
    return text


def _cache_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Only a rendementsmeter cache (or nothing yet) may be opened: anything else is refused, untouched."""
    if value is not None:
        try:
            cache_status(value)
        except CacheGeweigerd as exc:
            raise click.UsageError(str(exc), ctx) from None
    return value


cache_option = click.option(
    "--cache",
    type=click.Path(dir_okay=False),
    metavar="PAD",
    callback=_cache_path,
    help="Cachebestand (SQLite): ongewijzigde bestanden worden de volgende keer niet opnieuw gelezen. Alleen een "
    "cache van de rendementsmeter wordt geopend; een ander bestand op dat pad wordt geweigerd en niet aangeraakt.",
)

overschrijven_option = click.option(
    "--overschrijven",
    is_flag=True,
    help="Vervang een bestaand uitvoerbestand, ook als het geen eerdere uitvoer van de rendementsmeter is (nooit een "
    "invoerbestand).",
)


def guard_output(
    target: str | Path | None,
    inputs: Sequence[str | Path],
    overschrijven: bool,
    ours: Callable[[Path], bool],
    option: str = "-o",
    quiet: bool = False,
) -> None:
    """Refuse (exit 2) an output path that is an input, or an existing file that is not the tool's own
    earlier output (without --overschrijven); say on stderr when a folder will be made."""
    if target is None:
        return
    try:
        notes = check_output(target, list(inputs), overschrijven, ours, option)
    except UitvoerGeweigerd as exc:
        raise click.UsageError(escape_controls(str(exc))) from None
    for note in [] if quiet else notes:
        click.echo(escape_controls(note), err=True)


stil_option = click.option("--stil", is_flag=True, help="Geen voortgangsbalk tijdens het lezen.")


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class Voortgang:
    """A progress bar on the terminal while files are read: `Casussen lezen [####----] 1.234 van
    10.000 (12%), nog ± 8 s`. Silent with --stil and when stderr is not a terminal (a pipe, a log
    file, a scheduled job), so that nothing but results ends up there. Cleared when done."""

    def __init__(self, stil: bool = False, stream: TextIO | None = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.on = not stil and _is_terminal(self.stream)
        self.width = width
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.on or total <= 0:
            return
        now = time.monotonic()
        if done == 0:  # reading starts now (finding and hashing the files came before)
            self.start = now
        if done < total and now - self.last < 0.1:
            return  # at most ten redraws a second
        self.last = now
        filled = self.width * done // total
        text = f"Casussen lezen [{'#' * filled}{'-' * (self.width - filled)}] {_n(done)} van {_n(total)} "
        text += f"({100 * done // total}%)"
        elapsed = now - self.start
        if 0 < done < total and elapsed > 1:
            text += f", nog ± {elapsed * (total - done) / done:.0f} s"
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = len(text)

    def __enter__(self) -> Voortgang:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


#: The cyclic garbage collector's thresholds while a command runs. With Python's default (a collection
#: per 700 new containers, a full one per 100 of those) it scans the growing heap again and again while a
#: batch makes its readings, cases and lines, which live to the end and hold no cycles: measured with
#: gc.callbacks, 2,5 s of a 100.000-case pool and 0,6 s of an unchanged 10.000-file re-run. At 50.000/20/20
#: that was 0,5 s and 0,1 s; at 200.000/30/30 (mypy's thresholds) 0,16-0,29 s and 0,07 s, at the same peak
#: memory (653-658 MB at 100.000 cases). It still collects: not collecting at all saved 0,1-0,2 s more, but
#: a batch that does make cycles would keep them all.
BATCH_GC = (200_000, 30, 30)


def _guard(debug: bool, fn: Callable[[], int], batch: bool = True) -> None:
    """Run a command: Dutch messages for failures, exit codes, stop signals; `batch`: with BATCH_GC
    (not for the app, a server whose readings come and go)."""
    if debug:  # per-file tracebacks from the reader (worker processes included)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug %(name)s: %(message)s"))
        logger = logging.getLogger("rendementsmeter")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    previous, previous_gc = stop_as_interrupt(), gc.get_threshold()
    if batch:
        gc.set_threshold(*BATCH_GC)
    try:
        code = fn()
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM or SIGHUP: the shell's convention, 128 + the signal
        try:
            click.echo("\nAfgebroken.", err=True)
        except OSError:  # the terminal is gone (SIGHUP)
            pass
        sys.exit(exit_status(exc))
    except (CacheGeweigerd, UitvoerGeweigerd) as exc:  # changed between the check and the run
        raise click.UsageError(escape_controls(str(exc))) from None
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # a runtime failure: Dutch message, traceback only with --debug
        if debug:
            traceback.print_exc()
        raise click.ClickException(
            f"Onverwachte fout: {type(exc).__name__}: {exc}. Draai opnieuw met "
            "--debug voor details en meld dit bij de beheerder."
        ) from None
    finally:
        restore(previous)
        gc.set_threshold(*previous_gc)
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
