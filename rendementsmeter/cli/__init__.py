"""Command line: parses options, calls the library (api.py), picks the exit code, renders. Nothing else.

One module per command (cmd_*.py) adds itself to the group in group.py; shared helpers and options
in common.py; Dutch texts for click's own messages in nl.py.
"""

from __future__ import annotations

from rendementsmeter.cli import cmd_app, cmd_businesscase, cmd_check, cmd_export, cmd_review, cmd_template
from rendementsmeter.cli.group import main

__all__ = ["main", "cmd_app", "cmd_businesscase", "cmd_check", "cmd_export", "cmd_review", "cmd_template"]
