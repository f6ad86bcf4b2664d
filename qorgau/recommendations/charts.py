"""Implementation rates as server-rendered SVG: one stacked bar per group, no script."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .selectors import BUCKETS, RateRow

# Colours of the buckets (SVG fill attributes: allowed by the strict CSP, unlike style="").
COLOURS = {
    "implemented": "#2e7d32",
    "partly": "#9ccc65",
    "in_progress": "#fbc02d",
    "not_implemented": "#c62828",
    "not_started": "#9e9e9e",
    "not_relevant": "#d7ccc8",
}

LABELS = {
    "implemented": _("Implemented"),
    "partly": _("Partly implemented"),
    "in_progress": _("In progress"),
    "not_implemented": _("Not implemented or rejected"),
    "not_started": _("Not started"),
    "not_relevant": _("No longer relevant"),
}


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    y: float
    label: str
    total: int
    overdue: int
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class StackedBars:
    width: int
    height: int
    label_width: int
    plot_width: int
    bar_height: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (x, percent)
    legend: list[tuple[str, str]]  # (colour, label)


def rates_chart(rows: list[RateRow], width: int = 760, limit: int = 30) -> StackedBars | None:
    """Shares of each status per group as 100 % stacked bars (the largest groups first)."""
    rows = [r for r in rows if r.total][:limit]
    if not rows:
        return None
    label_width, right, bar_height, gap, top = 220, 90, 18, 8, 22
    plot_width = width - label_width - right
    bars = []
    for i, row in enumerate(rows):
        y = top + i * (bar_height + gap)
        x = float(label_width)
        segments = []
        for name, _statuses in BUCKETS:
            w = plot_width * row.counts[name] / row.total
            if w > 0:
                title = f"{LABELS[name]}: {row.counts[name]} ({row.share(name):.0f} %)"
                segments.append(Segment(round(x, 1), round(w, 1), COLOURS[name], title))
            x += w
        label = row.label if len(row.label) <= 32 else row.label[:31] + "…"
        bars.append(Bar(y, label, row.total, row.overdue, segments))
    height = top + len(rows) * (bar_height + gap) + 4
    ticks = [(label_width + plot_width * p / 100, p) for p in (0, 25, 50, 75, 100)]
    legend = [(COLOURS[name], str(LABELS[name])) for name, _statuses in BUCKETS]
    return StackedBars(width, height, label_width, plot_width, bar_height, bars, ticks, legend)
