"""The body chart: a front and a back figure whose regions are the injury's body regions.

The geometry is computed here and drawn by `medical/_bodychart.html` as inline
SVG, the same on the recording form (where static/qorgau/bodychart.js makes each
region a button), on the examination page and in the report PDF. Coordinates are
in the SVG's user units (viewBox 0 0 240 250). The front figure faces the viewer,
so the person's right side is on the viewer's left; the back figure shows the
person from behind, so their left side is on the viewer's left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .choices import BodyRegion as R
from .choices import BodySide

WIDTH, HEIGHT = 240, 250
CENTRES = {BodySide.FRONT: 60, BodySide.BACK: 180}


@dataclass(frozen=True)
class Shape:
    region: str
    side: str
    ellipse: bool
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def rx(self) -> float:
        return self.w / 2

    @property
    def ry(self) -> float:
        return self.h / 2

    @property
    def label(self) -> str:
        return f"{BodySide(self.side).label}: {R(self.region).label}"


def _figure(side: str) -> list[Shape]:
    c = CENTRES[side]
    front = side == BodySide.FRONT
    # The limb on the viewer's left is the person's right from the front, left from behind.
    near, far = ("right", "left") if front else ("left", "right")
    parts = [
        (R.FACE if front else R.HEAD, True, c - 14, 4, 28, 34),
        (R.NECK, False, c - 6, 38, 12, 10),
        (R.CHEST if front else R.BACK_UPPER, False, c - 22, 48, 44, 40),
        (R.ABDOMEN if front else R.BACK_LOWER, False, c - 20, 88, 40, 34),
        (R.GENITAL if front else R.BUTTOCKS, False, c - 20, 122, 40, 18),
        (f"arm_{near}", False, c - 37, 50, 13, 76),
        (f"hand_{near}", True, c - 38, 126, 15, 18),
        (f"arm_{far}", False, c + 24, 50, 13, 76),
        (f"hand_{far}", True, c + 23, 126, 15, 18),
        (f"leg_{near}", False, c - 20, 140, 18, 84),
        (f"leg_{far}", False, c + 2, 140, 18, 84),
        (f"foot_{near}", True, c - 22, 224, 20, 12),
        (f"foot_{far}", True, c + 2, 224, 20, 12),
    ]
    return [Shape(str(region), str(side), *rest) for region, *rest in parts]


SHAPES: tuple[Shape, ...] = (*_figure(BodySide.FRONT), *_figure(BodySide.BACK))
_BY_KEY = {(s.region, s.side): s for s in SHAPES}


def shape_for(region: str, side: str) -> Shape | None:
    """The shape of a region on a side; regions seen only from the other side fall back to it."""
    return _BY_KEY.get((region, side)) or next((s for s in SHAPES if s.region == region), None)


@dataclass(frozen=True)
class Marker:
    n: int
    x: float
    y: float
    label: str


def markers(injuries: Iterable[Any]) -> list[Marker]:
    """A numbered marker per injury, where the examiner put it or spread over its region."""
    out, per_region = [], defaultdict(int)
    for n, injury in enumerate(injuries, start=1):
        label = f"{n}. {injury.get_kind_display()} — {injury.get_body_region_display()}"
        if injury.chart_x is not None and injury.chart_y is not None:
            out.append(Marker(n, injury.chart_x, injury.chart_y, label))
            continue
        shape = shape_for(injury.body_region, injury.side)
        if shape is None:  # "other": beside the front figure's head
            out.append(Marker(n, CENTRES[BodySide.FRONT] + 30 + 8 * n, 12, label))
            continue
        k = per_region[(shape.region, shape.side)]
        per_region[(shape.region, shape.side)] += 1
        # Several unplaced injuries of one region go down its middle, not on top of each other.
        y = min(shape.y + shape.h - 3, shape.cy + 7 * k)
        out.append(Marker(n, shape.cx, y, label))
    return out


def chart(injuries: Iterable[Any] = ()) -> dict[str, Any]:
    """What `medical/_bodychart.html` draws."""
    return {"width": WIDTH, "height": HEIGHT, "shapes": SHAPES, "markers": markers(injuries)}
