"""rendementsmeter: the societal return of social work, built bottom-up from finished cases.

Library use (everything the command line does)::

    import rendementsmeter as rm
    prijslijst = rm.load_prijslijst()
    bc = rm.businesscase(["cases/voorbeeld"], prijslijst)
    bc.regels          # pandas DataFrame of priced lines (money in whole cents)
    bc.to_dict()       # the same summary as `businesscase --json`

The names below are loaded on first use, so that `rendementsmeter --help` starts without pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> the module that defines it
_EXPORTS = {
    "BusinessCase": "rendementsmeter.analysis.businesscase",
    "build_businesscase": "rendementsmeter.api",
    "businesscase": "rendementsmeter.api",
    "check": "rendementsmeter.api",
    "review": "rendementsmeter.api",
    "Finding": "rendementsmeter.core.findings",
    "Case": "rendementsmeter.core.model",
    "Line": "rendementsmeter.core.model",
    "ReadResult": "rendementsmeter.core.model",
    "Prijslijst": "rendementsmeter.pricing.prijslijst",
    "PrijslijstFout": "rendementsmeter.pricing.prijslijst",
    "load_prijslijst": "rendementsmeter.pricing.prijslijst",
    "read_case": "rendementsmeter.read.batch",
    "read_cases": "rendementsmeter.read.batch",
    "write_template": "rendementsmeter.template.writer",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rendementsmeter' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
