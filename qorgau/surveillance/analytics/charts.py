"""Server-rendered SVG charts of the oversight pages (ADR 0007): bars, columns, a timeline.

Python computes the geometry, the templates under templates/surveillance/analytics/
draw it; the table next to each chart carries the exact figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int  # where the bars start, after the labels
    plot: int  # the longest bar
    bar_height: int
    bars: list[Bar]


def bar_chart(items: Sequence[tuple[str, float, str]], *, width: int = 720) -> BarChart | None:
    """Horizontal bars, one per (label, value, text), scaled to the largest value."""
    if not items:
        return None
    left, right, row, bar = 300, 90, 22, 16
    plot = width - left - right
    top = max(v for _, v, _ in items) or 1
    bars = [
        Bar(label, text, 6 + i * row, plot * max(value, 0) / top)
        for i, (label, value, text) in enumerate(items)
    ]
    return BarChart(width, 12 + row * len(items), left, plot, bar, bars)


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    title: str  # label and value, for the tooltip and screen readers


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    left: int
    base: float  # y of the axis
    columns: list[Column]
    ticks: list[tuple[float, str]]  # (x, label) under the axis
    gridlines: list[tuple[float, str]]  # (y, value)


def column_chart(
    items: Sequence[tuple[str, float, str]], *, width: int = 720, height: int = 220
) -> ColumnChart | None:
    """Vertical columns for a series (days, months): (label, value, value as text)."""
    if not items:
        return None
    left, right, top, bottom = 56, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(v for _, v, _ in items)
    scale = _nice(peak)
    step = plot_w / len(items)
    base = top + plot_h
    columns = [
        Column(
            left + i * step + step * 0.1,
            base - plot_h * max(value, 0) / scale,
            step * 0.8,
            plot_h * max(value, 0) / scale,
            f"{label}: {text}",
        )
        for i, (label, value, text) in enumerate(items)
    ]
    every = max(1, len(items) // 8)
    ticks = [(left + (i + 0.5) * step, items[i][0]) for i in range(0, len(items), every)]
    grid = [(base - plot_h * k / 4, _number(scale * k / 4)) for k in range(5)]
    return ColumnChart(width, height, left, base, columns, ticks, grid)


def _nice(peak: float) -> float:
    """A top for the axis at or above the peak whose quarters are round numbers."""
    if peak <= 0:
        return 1
    power = 10 ** len(str(int(peak))) / 10
    for factor in (1, 2, 4, 8, 10):
        if peak <= factor * power:
            return factor * power
    return 10 * power


def _number(value: float) -> str:
    return f"{value:g}" if value < 10 else f"{value:.0f}"


@dataclass(frozen=True)
class Span:
    x: float
    width: float
    y: float
    label: str
    still_open: bool


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: int
    window_x: float
    window_width: float
    spans: list[Span]
    ticks: list[tuple[float, str, str]]  # (x, label, text-anchor): the ends stay inside


TIMELINE_ROWS = 12


def timeline_chart(
    window: tuple[datetime, datetime], outages: Sequence, *, width: int = 720
) -> Timeline | None:
    """The case's window as a band and each outage (camera) as a bar across it.

    The view spans the window and a fifth of it either side, so that outages that began
    before or ended after it show as running off the edge. At most TIMELINE_ROWS bars:
    the table lists them all.
    """
    if not outages:
        return None
    left, right, row = 140, 12, 20
    pad = max((window[1] - window[0]) / 5, timedelta(minutes=30))
    start, end = window[0] - pad, window[1] + pad
    now = timezone.now()
    plot = width - left - right
    total = (end - start).total_seconds()

    def x(moment: datetime) -> float:
        moment = min(max(moment, start), end)
        return left + plot * (moment - start).total_seconds() / total

    shown = list(outages)[:TIMELINE_ROWS]
    spans = [
        Span(
            x(o.started_at),
            max(x(o.ended_at or now) - x(o.started_at), 2),
            8 + i * row,
            o.camera.code,
            o.ended_at is None,
        )
        for i, o in enumerate(shown)
    ]
    height = 8 + row * len(shown) + 28
    local = [timezone.localtime(start + (end - start) * k / 4) for k in range(5)]
    anchors = ["start", "middle", "middle", "middle", "end"]
    ticks = [(x(t), t.strftime("%d.%m %H:%M"), a) for t, a in zip(local, anchors, strict=True)]
    wx = x(window[0])
    return Timeline(width, height, left, wx, x(window[1]) - wx, spans, ticks)
