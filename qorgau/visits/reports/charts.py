"""Stacked bar charts of the report as inline SVG (ADR 0007): no script, sharp in print."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


def stacked_bars(rows: list[dict], series: list[Series], *, title: str, width: int = 640) -> str:
    """Horizontal stacked bars, one per row ({"label": …, <series key>: count}), as SVG."""
    if not rows:
        return ""
    label_w, bar_h, gap, top, right = 230, 16, 8, 26, 40
    height = top + len(rows) * (bar_h + gap) + 24
    total_max = max(sum(int(r.get(s.key, 0)) for s in series) for r in rows) or 1
    plot_w = width - label_w - right
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="12" font-weight="bold">{escape(title)}</text>',
    ]
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        label = str(row["label"])
        short = label if len(label) <= 38 else label[:37] + "…"
        out.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 4}" font-size="10" '
            f'text-anchor="end">{escape(short)}</text>'
        )
        x = float(label_w)
        total = 0
        for s in series:
            n = int(row.get(s.key, 0))
            if not n:
                continue
            w = plot_w * n / total_max
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{s.colour}">'
                f"<title>{escape(s.label)}: {n}</title></rect>"
            )
            x += w
            total += n
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 4}" font-size="10">{total}</text>')
    ly = height - 8
    lx = label_w
    for s in series:
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{s.colour}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly}" font-size="10">{escape(s.label)}</text>')
        lx += 24 + 7 * len(s.label)
    out.append("</svg>")
    return "".join(out)
