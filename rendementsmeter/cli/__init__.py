"""Command line: parses options, calls the library (api.py), picks the exit code, renders. Nothing else.

One module per command (cmd_*.py) adds itself to the group in group.py; shared helpers and options
in common.py; Dutch texts for click's own messages in nl.py.
"""

from __future__ import annotations

from rendementsmeter.cli import cmd_app, cmd_businesscase, cmd_check, cmd_export, cmd_review, cmd_template
from rendementsmeter.cli.group import main

__all__ = ["main", "run", "cmd_app", "cmd_businesscase", "cmd_check", "cmd_export", "cmd_review", "cmd_template"]


def run() -> None:
    """The program `rendementsmeter` (the console script, and `python -m rendementsmeter`): `main`, then
    an exit without tearing the interpreter down. A command has written, renamed and closed its outputs,
    stopped its worker processes and removed its temporary folders before `main` returns; what the
    normal exit would add is freeing every object of the batch one by one (0,1-0,3 s at 10.000 files,
    more for a large pool). mypy ends the same way. The normal exit stays where something still has to
    happen at exit: under a profiler, tracer or coverage, or in Python's development mode. `main`
    itself, called in-process (tests, a library user), exits normally."""
    import os
    import sys

    try:
        main(prog_name="rendementsmeter")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if sys.flags.dev_mode or sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules:
        sys.exit(code)  # type: ignore[arg-type]
    if code is not None and not isinstance(code, int):  # sys.exit("text"): printed, exit status 1
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe (output into `head`): nothing more to say
            pass
    os._exit(code or 0)
