"""rendementsmeter: the societal return of social work, built bottom-up from finished cases.

Library use (everything the command line does)::

    import rendementsmeter as rm
    prijslijst = rm.load_prijslijst()
    bc = rm.businesscase(["cases/voorbeeld"], prijslijst)
    bc.regels          # pandas DataFrame of priced lines (money in whole cents)
    bc.to_dict()       # the same summary as `businesscase --json`
"""

__version__ = "0.1.0"

from .businesscase import BusinessCase, build_businesscase, businesscase  # noqa: E402
from .findings import Finding  # noqa: E402
from .model import Case, Line, ReadResult  # noqa: E402
from .prijslijst import Prijslijst, PrijslijstFout, load_prijslijst  # noqa: E402
from .reader import read_case, read_cases  # noqa: E402
from .template import write_template  # noqa: E402

__all__ = [
    "BusinessCase",
    "Case",
    "Finding",
    "Line",
    "Prijslijst",
    "PrijslijstFout",
    "ReadResult",
    "build_businesscase",
    "businesscase",
    "load_prijslijst",
    "read_case",
    "read_cases",
    "write_template",
]
