"""Safe output: never a half-written file, never an input file overwritten."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Money in workbooks. The [$-413] (nl-NL) tag makes LibreOffice show Dutch separators (€ 1.234,56)
#: whatever its UI language; Excel shows the separators of the user's (Dutch) system.
XLSX_MONEY = "[$-413]€ #,##0.00;[$-413]€ -#,##0.00"

XLSX_OPTIONS = {
    # user text is data, never a formula, link or number
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

#: Name prefix of the temporary file next to the target; the reader skips leftovers of a killed run.
TEMP_PREFIX = ".~rendementsmeter-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it over the target on success.

    On any failure (an exception, Ctrl-C) the temporary file is removed and an existing target is left
    as it was: a reader of the target sees the old file or the complete new one, never half of one.
    The new file gets the permissions a normally created file would get (mkstemp makes it 0600)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as fh:  # on disk before the rename, so a crash cannot leave it empty
            os.fsync(fh.fileno())
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
