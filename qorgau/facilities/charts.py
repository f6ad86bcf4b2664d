"""Server-rendered SVG charts: no script, readable when printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points_total: str
    points_capacity: str
    y_max: int
    ticks: list[tuple[float, str]]  # (x, label)
    gridlines: list[tuple[float, int]]  # (y, value)


def population_chart(rows, width: int = 720, height: int = 240) -> LineChart | None:
    """Headcount and capacity over time as polylines."""
    if len(rows) < 2:
        return None
    pad_l, pad_r, pad_t, pad_b = 48, 12, 12, 28
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    y_max = max(max(r.total for r in rows), max(r.capacity for r in rows), 1)
    y_max = int(y_max * 1.1) + 1

    def x(i: int) -> float:
        return pad_l + plot_w * i / (len(rows) - 1)

    def y(v: int) -> float:
        return pad_t + plot_h * (1 - v / y_max)

    total = " ".join(f"{x(i):.1f},{y(r.total):.1f}" for i, r in enumerate(rows))
    cap = " ".join(f"{x(i):.1f},{y(r.capacity):.1f}" for i, r in enumerate(rows))
    step = max(1, len(rows) // 6)
    ticks = [(x(i), rows[i].date.strftime("%m.%Y")) for i in range(0, len(rows), step)]
    grid = [(y(y_max * k // 4), y_max * k // 4) for k in range(5)]
    return LineChart(width, height, total, cap, y_max, ticks, grid)
