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


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it over the target on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~rendementsmeter-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
