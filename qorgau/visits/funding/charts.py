"""Server-rendered SVG charts of funding and the annual report: no script, the same markup in
the page and in the PDF (WeasyPrint draws SVG), presentation attributes only (strict CSP)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#2f5d8a"
GRID = "#cccccc"
TEXT = "#222222"

Number = int | float | Decimal


def _fmt(value: Number) -> str:
    if isinstance(value, Decimal | float) and value != int(value):
        return f"{value:,.1f}".replace(",", " ")
    return f"{int(value):,}".replace(",", " ")


def bars(
    items: Sequence[tuple[str, Number]],
    *,
    title: str,
    width: int = 640,
    left: int = 230,
    suffix: str = "",
) -> SafeString:
    """Horizontal bars, one per labelled value, the value written after each bar."""
    if not items:
        return mark_safe("")  # noqa: S308 - nothing to draw
    right, top, row, bar = 70, 6, 22, 14
    height = top * 2 + row * len(items)
    peak = max(float(v) for _, v in items) or 1.0
    plot = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = top + row * i
        w = plot * float(value) / peak
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(
            f'<text x="{left - 6}" y="{y + bar - 3}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{escape(short)}</text>'
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{BAR}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}" font-size="11" '
            f'fill="{TEXT}">{escape(_fmt(value))}{escape(suffix)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above


def columns(
    items: Sequence[tuple[str, Number]],
    *,
    title: str,
    width: int = 640,
    height: int = 200,
) -> SafeString:
    """Vertical columns (months of a year), with four gridlines and their values."""
    if not items:
        return mark_safe("")  # noqa: S308 - nothing to draw
    pad_l, pad_r, pad_t, pad_b = 70, 8, 10, 22
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    peak = max(float(v) for _, v in items) or 1.0
    slot = plot_w / len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for k in range(5):
        y = pad_t + plot_h * (1 - k / 4)
        parts.append(
            f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{pad_l - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="{TEXT}">{escape(_fmt(peak * k / 4))}</text>'
        )
    for i, (label, value) in enumerate(items):
        h = plot_h * float(value) / peak
        x = pad_l + slot * i + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{pad_t + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"/>'
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="10" fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label and value is escaped above
