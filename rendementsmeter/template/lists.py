"""The hidden Lijsten sheet: items, laws and kans classes the dropdowns and price lookups read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from rendementsmeter.pricing.prijslijst import WETTEN, Item, Prijslijst
from rendementsmeter.pricing.rules import Regel
from rendementsmeter.pricing.rules import bundle_rules as bundle_rules_of
from rendementsmeter.spec import casus as spec
from rendementsmeter.template.formats import Formats


def wet_name(wet: str) -> str:
    """The defined name of a law's item range: letters, digits and underscores only (Excel's rule)."""
    return "Wet_" + re.sub(r"[^0-9A-Za-z]+", "_", wet).strip("_")


def frequent_first(items: list[Item]) -> list[Item]:
    rank = {code: i for i, code in enumerate(spec.VEELGEBRUIKT)}
    return sorted(items, key=lambda i: (rank.get(i.code, len(rank)), i.code))


@dataclass(frozen=True)
class Lijsten:
    """Where the lists are: items in rows 2.. (inzet, then zorg per law), 1-based inclusive ranges."""

    items: list[Item]
    inzet: tuple[int, int]
    zorg: tuple[int, int]
    wetten: list[tuple[str, int, int]]  # (law, first row, last row) of its zorg items

    @classmethod
    def plan(cls, prijslijst: Prijslijst) -> Lijsten:
        """Dropdown posts first (inzet, then zorg per law); hidden posts (keuzelijst nee) after all
        dropdown ranges, so their price is still looked up but they are not offered."""
        inzet = frequent_first(prijslijst.van_soort("inzet", keuzelijst=True))
        zorg = prijslijst.van_soort("zorg", keuzelijst=True)
        laws = sorted({i.wet for i in zorg}, key=lambda w: (WETTEN.index(w) if w in WETTEN else len(WETTEN), w))
        items, wetten, row = list(inzet), [], 2 + len(inzet)
        for wet in laws:
            group = frequent_first([i for i in zorg if i.wet == wet])
            wetten.append((wet, row, row + len(group) - 1))
            items.extend(group)
            row += len(group)
        shown = len(items)
        items.extend(i for i in prijslijst.van_soort("inzet") + prijslijst.van_soort("zorg") if not i.keuzelijst)
        return cls(items, (2, 1 + len(inzet)), (2 + len(inzet), 1 + shown), wetten)


def bundels(items: list[Item], rules: Sequence[Regel]) -> dict[str, str]:
    """Per avoided-care code, the bundle codes that already contain it, as `|CODE|CODE|` (the in-sheet
    double-count check searches a line's code of the same sheet in it); the rule of
    analysis.dubbeltelling / pricing.rules.find_parts, expanded over the price list."""
    bundle_rules = bundle_rules_of(rules)
    zorg = [i.code for i in items if i.soort == "zorg"]
    out = {}
    for code in zorg:
        found = sorted({b for rule in bundle_rules if fnmatchcase(code, rule.tegen) for b in zorg
                        if b != code and rule.past(b)})  # fmt: skip
        if found:
            out[code] = "|" + "|".join(found) + "|"
    return out


def write_lijsten(
    wb: Any, fm: Formats, prijslijst: Prijslijst, prijspeil: int, lijsten: Lijsten, rules: Sequence[Regel] = ()
) -> None:
    ws = wb.add_worksheet(spec.LIJSTEN_SHEET)
    header = ["code", "post", "wet", "eenheid", f"prijs {prijspeil}", "soort", "financier", "bundels"]
    ws.write_row(0, 0, header, fm.bold)
    in_bundle = bundels(lijsten.items, rules)
    for row, item in enumerate(lijsten.items, start=1):
        ws.write_row(row, 0, [item.code, item.label, item.wet, item.eenheid])
        ws.write_number(row, 4, float(prijslijst.prijs_op_peil(item.code, prijspeil)))
        ws.write_row(row, 5, [item.soort, item.financier])
        if item.code in in_bundle:
            ws.write_string(row, 7, in_bundle[item.code])
    last = len(lijsten.items) + 1
    ws.write_row(0, 8, ["wet", "lijst", "posten"], fm.bold)
    for n, (wet, first, end) in enumerate(lijsten.wetten, start=1):
        ws.write_row(n, 8, [wet, wet_name(wet), end - first + 1])
        wb.define_name(wet_name(wet), f"={spec.LIJSTEN_SHEET}!$B${first}:$B${end}")
    ws.write_row(0, 12, ["kans", "betekenis"], fm.bold)
    for n, (kans, text) in enumerate(spec.KANS_KLASSEN, start=1):
        ws.write_number(n, 12, kans)
        ws.write_string(n, 13, text)
    lij = spec.LIJSTEN_SHEET
    names = {
        "Codes": f"$A$2:$A${last}",
        "Posten": f"$B$2:$B${last}",
        "PostWet": f"$C$2:$C${last}",
        "Eenheden": f"$D$2:$D${last}",
        "Prijzen": f"$E$2:$E${last}",
        "Bundels": f"$H$2:$H${last}",
        "Inzet_alle": f"$B${lijsten.inzet[0]}:$B${lijsten.inzet[1]}",
        "Zorg_alle": f"$B${lijsten.zorg[0]}:$B${lijsten.zorg[1]}",
        "Wetten": f"$I$2:$I${len(lijsten.wetten) + 1}",
        "WetLijsten": f"$J$2:$J${len(lijsten.wetten) + 1}",
        "Kansklassen": f"$M$2:$M${len(spec.KANS_KLASSEN) + 1}",
    }
    for name, ref in names.items():
        wb.define_name(name, f"={lij}!{ref}")
    ws.set_column(1, 1, 70)
    ws.hide()
    ws.protect("")
