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
    itself, called in-process (tests, a library user), exits normally.

    Before `main`, the cyclic garbage collector is told to run less often (tune_gc)."""
    import os
    import sys

    tune_gc()
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


#: Cyclic garbage collection after this many new container objects (CPython's default: 700), and full
#: collections ten times rarer than the default. A batch builds hundreds of thousands of objects that
#: live to its end (cases, lines, cells); by default the collector walked them again and again: 0,3-0,4 s
#: of a 2,5 s re-run of 10.000 files, five full collections. mypy does the same for the same reason
#: (gc.set_threshold(200 * 1000, 30, 30)). Objects of this program hold few reference cycles, so little
#: waits longer to be freed.
GC_THRESHOLD = (200_000, 30, 30)


def tune_gc() -> None:
    """Collect cyclic garbage less often in this process (the command line's; not for a library user)."""
    import gc
    import platform

    if platform.python_implementation() == "CPython":
        gc.set_threshold(*GC_THRESHOLD)
