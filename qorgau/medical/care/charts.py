"""Server-rendered SVG charts of the medical unit (ADR 0007): daily bed occupancy, coverage bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from qorgau.facilities.charts import LineChart, population_chart


def occupancy_chart(days: Sequence) -> LineChart | None:
    """Beds used (line) against beds in use (dashed) per day, labelled by day and month.

    The geometry is the population chart's; only the tick labels change from months to days.
    """
    chart = population_chart(list(days))
    if chart is None:
        return None
    step = max(1, len(days) // 6)
    labels = [d.date.strftime("%d.%m") for d in days[::step]]
    return replace(
        chart, ticks=[(x, label) for (x, _), label in zip(chart.ticks, labels, strict=True)]
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # percentage, None when nobody is counted
    y: float
    width: float
    text_x: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bar_height: int
    bars: list[Bar]
    gridlines: list[tuple[float, int]]  # (x, percent)


def coverage_chart(items: Sequence[tuple[str, float | None]], width: int = 720) -> BarChart | None:
    """Horizontal bars of percentages (0-100), one per labelled item."""
    if not items:
        return None
    left, right, top, row, bar = 220, 56, 8, 28, 18
    plot = width - left - right
    height = top * 2 + row * len(items) + 16
    bars = [
        Bar(
            label,
            value,
            top + row * i,
            plot * (value or 0) / 100,
            left + plot * (value or 0) / 100 + 6,
        )
        for i, (label, value) in enumerate(items)
    ]
    grid = [(left + plot * k / 4, 25 * k) for k in range(5)]
    return BarChart(width, height, left, bar, bars, grid)
