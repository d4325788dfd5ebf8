"""Command line: parses options, calls the library, picks the exit code, renders. Nothing else.

One module per command (cmd_*.py); shared helpers and options in common.py.
"""

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


from rendementsmeter.cli import cmd_businesscase, cmd_check, cmd_export, cmd_review, cmd_template  # noqa: E402  (registers them)

__all__ = ["main", "cmd_businesscase", "cmd_check", "cmd_export", "cmd_review", "cmd_template"]
