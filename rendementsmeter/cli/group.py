"""The `rendementsmeter` command group; each cmd_*.py adds its command to it."""

from __future__ import annotations

import click

from rendementsmeter import __version__
from rendementsmeter.cli.common import CONTEXT


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
