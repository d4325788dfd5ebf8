"""Inline SVG charts of the report (no scripts, no external references)."""

from __future__ import annotations

from rendementsmeter.analysis.disclosure import klein_label
from rendementsmeter.report.html.common import BATEN_KLEUR, GRIJS, esc, eur


def svg_staven(rows: list[tuple[str, list[tuple[int, str]]]], legend: list[tuple[str, str]]) -> str:
    """Horizontal grouped bars, one group per row (budgets: every row has its bars)."""
    label_w, bar_w, value_w, bar_h, gap = 150, 330, 120, 11, 9
    width = label_w + bar_w + value_w
    per_row = len(legend) * bar_h + gap
    height = 24 + len(rows) * per_row
    biggest = max([abs(v) for _, vals in rows for v, _ in vals] + [1])
    out = [f'<svg viewBox="0 0 {width} {height}" role="img" font-size="10" font-family="sans-serif">']
    x = label_w
    for i, (name, colour) in enumerate(legend):
        out.append(f'<rect x="{x + i * 110}" y="2" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + i * 110 + 14}" y="11">{esc(name)}</text>')
    for r, (label, vals) in enumerate(rows):
        y0 = 22 + r * per_row
        out.append(
            f'<text x="{label_w - 6}" y="{y0 + len(vals) * bar_h / 2 + 3.5}" text-anchor="end">{esc(label)}</text>'
        )
        for j, (value, colour) in enumerate(vals):
            y = y0 + j * bar_h
            if value == 0:
                continue  # nothing paid or gained: no bar and no label
            w = max(abs(value) / biggest * bar_w, 0.5)
            out.append(f'<rect x="{x}" y="{y}" width="{w:.1f}" height="{bar_h - 1}" fill="{colour}"/>')
            out.append(f'<text x="{x + w + 4:.1f}" y="{y + 9}">{eur(value)}</text>')
    out.append(f'<line x1="{x}" y1="18" x2="{x}" y2="{height}" stroke="#999"/></svg>')
    return "".join(out)


def svg_kolommen(labels: list[str], values: list[int | None], tops: list[str], y_label: str, m: int) -> str:
    """Vertical columns with a text above each; None shows '<5'."""
    width, height, left, bottom, top = 640, 250, 40, 44, 28
    n = max(len(labels), 1)
    slot = (width - left - 10) / n
    biggest = max([v for v in values if v is not None] + [1])
    smallest = min([v for v in values if v is not None] + [0])
    span = max(biggest - min(smallest, 0), 1)
    zero = height - bottom - (0 - min(smallest, 0)) / span * (height - bottom - top)
    out = [f'<svg viewBox="0 0 {width} {height}" role="img" font-size="10" font-family="sans-serif">']
    out.append(f'<text x="4" y="12" fill="#444">{esc(y_label)}</text>')
    for i, (label, value, above) in enumerate(zip(labels, values, tops, strict=True)):
        cx = left + i * slot + slot / 2
        w = slot * 0.7
        if value is None:
            out.append(
                f'<text x="{cx:.1f}" y="{zero - 4:.1f}" text-anchor="middle" fill="{GRIJS}">{esc(klein_label(m))}</text>'
            )
        else:
            h = abs(value) / span * (height - bottom - top)
            y = zero - h if value >= 0 else zero
            out.append(
                f'<rect x="{cx - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{BATEN_KLEUR}"/>'
            )
            ty = (y - 4) if value >= 0 else (y + h + 11)
            out.append(f'<text x="{cx:.1f}" y="{ty:.1f}" text-anchor="middle">{above}</text>')
        for k, part in enumerate(label.split("\n")):
            out.append(
                f'<text x="{cx:.1f}" y="{height - bottom + 14 + k * 12}" text-anchor="middle">{esc(part)}</text>'
            )
    out.append(f'<line x1="{left - 5}" y1="{zero:.1f}" x2="{width - 5}" y2="{zero:.1f}" stroke="#999"/></svg>')
    return "".join(out)
