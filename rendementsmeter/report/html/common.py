"""Small HTML helpers of the report: escaping, money and number formats, tables, colours."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from rendementsmeter.analysis.disclosure import klein_label, onderdrukt
from rendementsmeter.analysis.payers import Cel
from rendementsmeter.core.money import format_eur_cents, format_number

KOSTEN_KLEUR, BATEN_KLEUR, GRIJS = "#C55A11", "#1F4E79", "#767676"


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def eur(cents: int) -> str:
    """An amount that never breaks between '€' and the number."""
    return esc(format_eur_cents(cents)).replace(" ", "\u00a0")


def pct(value: float | None) -> str:
    return "-" if value is None else esc(format_number(Decimal(str(value)) * 100, 0)) + "%"


def per_euro(value: float | None) -> str:
    return "-" if value is None else esc(format_number(value, 2))


def uren(value: Decimal, decimals: int = 1) -> str:
    return esc(format_number(value, decimals))


def table(
    headers: list[str], rows: list[list[str]], right: set[int], cls: str = "", total: list[str] | None = None
) -> str:
    """A table; cells are HTML already escaped by the caller; `right`: right-aligned column indexes."""
    head = "".join(f"<th{' class=n' if i in right else ''}>{h}</th>" for i, h in enumerate(headers))
    body = []
    for row in rows + ([total] if total else []):
        cells = "".join(f"<td{' class=n' if i in right else ''}>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr{' class=tot' if total is not None and row is total else ''}>{cells}</tr>")
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def klein(m: int) -> str:
    return f'<span class="klein">{esc(klein_label(m))}</span>'


def money_cel(cel: Cel, m: int) -> str:
    return klein(m) if onderdrukt(cel.casussen, m) else eur(cel.bedrag_cent)
