"""Demo video surveillance: about 40,000 cameras in the 78 penitentiary institutions, a year of
their health, and the daily uptime rollups of that year.

Most cameras are steady, some are flaky, and a few places have bad networks. Damage is
concentrated in a few places and in the zones where people are held and punished. A few
high-risk zones have no working camera now (blind spots), and cameras were down at the
place and time of a few of the demo's case files (load it after them), so that the red
flag shows something.

At this size the ORM's cost per object would dominate, so the big tables (outages, status
changes, rollups) are written with plain multi-row inserts. Times are whole seconds since
the epoch while planning. The rollups follow the health feed's rules
(`qorgau.surveillance.health.services.rollups`): the demo's test recomputes days with
that code and finds the same rows.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import connection, models, transaction
from django.utils import timezone

from qorgau.allegations.models import CaseFile
from qorgau.facilities.models import Facility, FacilityType, RiskLevel, Zone, ZoneKind
from qorgau.surveillance.analytics.selectors import case_window, nearby_zones
from qorgau.surveillance.choices import DELIBERATE, CameraKind, CameraStatus, RecordingMode
from qorgau.surveillance.health.services.alerts import alert_due, alert_for
from qorgau.surveillance.health.services.rollups import day_bounds
from qorgau.surveillance.models import (
    Camera,
    CameraAlert,
    DamageIncident,
    Outage,
    StatusChange,
    UptimeDaily,
    ZoneUptimeDaily,
)

CAMERAS = 40_000
DAYS = 365
BATCH = 2_000
HOUR, DAY = 3600, 86_400
# Cameras per zone, relative to each other: where people live, move, are searched and punished.
ZONE_WEIGHT = {
    ZoneKind.CELL: 60,
    ZoneKind.CORRIDOR: 60,
    ZoneKind.DORMITORY: 45,
    ZoneKind.WORKSHOP: 24,
    ZoneKind.YARD: 20,
    ZoneKind.DISCIPLINARY_CELL: 18,
    ZoneKind.ADMISSION: 14,
    ZoneKind.CELL_TYPE_PREMISES: 14,
    ZoneKind.SOLITARY: 10,
    ZoneKind.INTERROGATION_ROOM: 10,
    ZoneKind.TRANSIT: 10,
    ZoneKind.MEDICAL_UNIT: 10,
    ZoneKind.DUTY_UNIT: 8,
    ZoneKind.VISITING_ROOM: 8,
    ZoneKind.SEARCH_ROOM: 4,
}
WIDE_VIEW = {ZoneKind.YARD, ZoneKind.CORRIDOR, ZoneKind.TRANSIT, ZoneKind.WORKSHOP}
BODY_WORN = 0.03  # of a place's cameras: carried by staff, registered without a zone
# (share of cameras, outages a year): steady, occasional, flaky.
PROFILES = ((0.80, 0.3), (0.15, 3.0), (0.05, 25.0))
BAD_NETWORKS = 8  # places whose cameras drop out four times as often
FAULTS = (CameraStatus.OFFLINE, CameraStatus.NO_SIGNAL, CameraStatus.RECORDING_FAILED)
FAULT_WEIGHTS = (6, 3, 1)
# "Over 300 cameras were damaged by inmates in one year" (about 40,000 cameras).
DAMAGE_PER_CAMERA = 330 / 40_000
DAMAGE = (CameraStatus.DAMAGED, CameraStatus.TAMPERED, CameraStatus.OBSTRUCTED)
DAMAGE_WEIGHTS = (6, 2, 2)
REPAIR_HOURS = {  # how long each kind of damage leaves the camera down, at most
    CameraStatus.DAMAGED: (12, 12 * 24),
    CameraStatus.TAMPERED: (1, 48),
    CameraStatus.OBSTRUCTED: (0.2, 6),
}
HOT_PLACES = 5  # where most of the damage happens
HOT_SHARE = 0.7
HELD_ZONES = {
    ZoneKind.DISCIPLINARY_CELL,
    ZoneKind.CELL_TYPE_PREMISES,
    ZoneKind.SOLITARY,
    ZoneKind.CELL,
    ZoneKind.DORMITORY,
}
EMPTY_ZONES, DARK_ZONES = 2, 4  # high-risk zones with no camera, and with every camera down now
RED_FLAGS = 5  # case files with a camera down at their place and time
GAP = 60  # seconds between one outage of a camera and the next

Span = tuple[int, int | None, str]  # start, end (None: still down), status


@dataclass
class _Cam:
    """A camera being planned, with the outages of its year."""

    camera: Camera
    zone: Zone | None
    since: int  # the year's start, or its installation
    spans: list[Span] = field(default_factory=list)

    def add(self, start: int, end: int | None, status: str) -> bool:
        """Record an outage if it keeps a minute away from the camera's others."""
        last = end if end is not None else math.inf
        for s, e, _ in self.spans:
            if not (last <= s - GAP or start - GAP >= (math.inf if e is None else e)):
                return False
        self.spans.append((start, end, status))
        return True


def load_surveillance(rng: random.Random, *, cameras: int = CAMERAS, days: int = DAYS) -> int:
    """Cameras, a year of outages, incidents, alerts and rollups; 0 when cameras exist already."""
    if Camera.objects.exists():
        return 0
    now = int(timezone.now().timestamp())
    since = now - days * DAY
    places = list(
        Facility.objects.filter(type__in=FacilityType.penitentiary())
        .prefetch_related("zones")
        .order_by("code")
    )
    high = [z for f in places for z in f.zones.all() if z.risk_level == RiskLevel.HIGH]
    blind = rng.sample(high, EMPTY_ZONES + DARK_ZONES)
    plan = _plan(rng, places, cameras, {z.pk for z in blind[:EMPTY_ZONES]}, (since, now))
    by_zone: dict[int, list[_Cam]] = defaultdict(list)
    for cam in plan:
        if cam.zone is not None:
            by_zone[cam.zone.pk].append(cam)
    _red_flags(rng, places, by_zone, since, now)
    for zone in blind[EMPTY_ZONES:]:  # switched off, or the line cut, some hours ago
        off = now - rng.randint(2 * HOUR, 96 * HOUR)
        for cam in by_zone[zone.pk]:
            cam.add(off, None, CameraStatus.OFFLINE)
    _damage(rng, places, plan, since, now)
    _faults(rng, places, plan, now)
    with transaction.atomic():
        return _write(rng, plan, now) + _rollups(plan, since, now)


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Whole numbers in proportion to the weights that add up to `total` (largest remainders)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _plan(
    rng: random.Random,
    places: list[Facility],
    total: int,
    empty: set[int],
    period: tuple[int, int],
) -> list[_Cam]:
    """The cameras: per place in proportion to capacity, per zone in proportion to its kind."""
    plan = []
    for place, n in zip(places, _apportion(total, [f.capacity for f in places]), strict=True):
        zones = [z for z in place.zones.all() if z.pk not in empty]
        worn = round(n * BODY_WORN)
        counts = _apportion(n - worn, [ZONE_WEIGHT.get(z.kind, 4) for z in zones])
        seq = itertools.count(1)
        for zone, k in [*zip(zones, counts, strict=True), (None, worn)]:
            plan += [_camera(rng, place, zone, next(seq), period) for _ in range(k)]
    return plan


def _camera(
    rng: random.Random, place: Facility, zone: Zone | None, n: int, period: tuple[int, int]
) -> _Cam:
    if zone is None:
        kind = CameraKind.BODY_WORN
    else:
        ptz = 0.25 if zone.kind in WIDE_VIEW else 0.03
        kind = CameraKind.PTZ if rng.random() < ptz else CameraKind.FIXED
    # A few were installed during the period, the rest long before it.
    since, now = period
    if rng.random() < 0.03:
        installed = _local_day(since + rng.randint(DAY, max(DAY, (now - since) * 4 // 5)))
    else:
        installed = _local_day(since - rng.randint(30 * DAY, 3000 * DAY))
    camera = Camera(
        facility_id=place.pk,
        zone_id=zone.pk if zone else None,
        code=f"CAM-{n:05d}",
        vms_id=f"ch{n:05d}",
        stream_path=f"cam/{n:05d}",
        kind=kind,
        recording=RecordingMode.LIVE_ONLY if rng.random() < 0.04 else RecordingMode.RECORDED,
        retention_days=rng.choices([None, 30, 60, 90], [85, 10, 3, 2])[0],
        installed_on=installed,
    )
    start = max(since, int(day_bounds(installed)[0].timestamp()))
    return _Cam(camera, zone, start)


def _local_day(moment: int) -> date:
    return timezone.localdate(datetime.fromtimestamp(moment, UTC))


def _red_flags(rng, places, by_zone, since: int, now: int) -> None:
    """A camera of the zone (or next to it) down during the time of a few recent case files."""
    cases = CaseFile.objects.filter(facility__in=places).select_related("facility", "zone")
    planted = 0
    for case in cases.order_by("-known_at"):
        start, end = (int(t.timestamp()) for t in case_window(case))
        if planted == RED_FLAGS or start < since or end > now:
            continue
        zones = nearby_zones(case.zone) or case.facility.zones.all()
        candidates = [c for z in zones for c in by_zone.get(z.pk, [])]
        if candidates:
            down = start + int((end - start) * rng.uniform(0.2, 0.6)) - rng.randint(600, 2400)
            up = down + rng.randint(40 * 60, 3 * HOUR)
            status = rng.choice([CameraStatus.OFFLINE, CameraStatus.NO_SIGNAL, DAMAGE[0]])
            planted += rng.choice(candidates).add(down, up if up < now else None, status)


def _damage(
    rng: random.Random, places: list[Facility], plan: list[_Cam], since: int, now: int
) -> None:
    """Incidents of damage, most in a few places and in the zones where people are held."""
    hot = {f.pk for f in rng.sample(places, HOT_PLACES)}
    held = [c for c in plan if c.zone is not None and c.zone.kind in HELD_ZONES]
    if not held:
        return
    hot_held = [c for c in held if c.camera.facility_id in hot] or held
    years = (now - since) / (365 * DAY)
    for _ in range(round(len(plan) * DAMAGE_PER_CAMERA * years)):
        cam = rng.choice(hot_held if rng.random() < HOT_SHARE else held)
        status = rng.choices(DAMAGE, DAMAGE_WEIGHTS)[0]
        start = rng.randint(cam.since, now - 1)
        end = start + int(rng.uniform(*REPAIR_HOURS[status]) * HOUR)
        cam.add(start, end if end < now else None, status)


def _faults(rng: random.Random, places: list[Facility], plan: list[_Cam], now: int) -> None:
    """Network and recording faults at each camera's rate: mostly minutes, a few a day or more."""
    bad = {f.pk for f in rng.sample(places, BAD_NETWORKS)}
    rates = [r for _, r in PROFILES]
    shares = [s for s, _ in PROFILES]
    for cam in plan:
        per_year = rng.choices(rates, shares)[0] * (4 if cam.camera.facility_id in bad else 1)
        rate = per_year / (365 * DAY)
        moment = cam.since
        while True:
            moment += int(rng.expovariate(rate)) + 1
            if moment >= now:
                break
            end = moment + 60 * int(min(rng.lognormvariate(2.7, 1.4), 4 * 1440)) + 30
            cam.add(moment, end if end < now else None, rng.choices(FAULTS, FAULT_WEIGHTS)[0])


def _moment(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def _write(rng: random.Random, plan: list[_Cam], now: int) -> int:
    """Cameras with their status now, then their outages, status changes, incidents, alerts."""
    for cam in plan:
        cam.spans.sort()
        current = cam.spans[-1] if cam.spans and cam.spans[-1][1] is None else None
        cam.camera.status = current[2] if current else CameraStatus.ONLINE
        since = current[0] if current else (cam.spans[-1][1] if cam.spans else None)
        cam.camera.status_since = _moment(since)
        cam.camera.last_event_at = _moment(now - rng.randint(5, 90))  # heartbeats
    Camera.objects.bulk_create([c.camera for c in plan], batch_size=BATCH)
    spans = [(c.camera, s) for c in plan for s in c.spans]
    written = len(plan) + _insert(
        Outage,
        ("camera", "facility", "zone", "status", "started_at", "ended_at"),
        ((c.pk, c.facility_id, c.zone_id, st, _moment(s), _moment(e)) for c, (s, e, st) in spans),
    )
    changes = ((c.pk, st, _moment(s)) for c, (s, _e, st) in spans)
    ends = ((c.pk, CameraStatus.ONLINE.value, _moment(e)) for c, (_s, e, _st) in spans if e)
    written += _insert(
        StatusChange,
        ("camera", "status", "at", "received_at"),
        ((pk, st, at, at) for pk, st, at in itertools.chain(changes, ends)),
    )
    incidents = [
        DamageIncident(camera=c, facility_id=c.facility_id, status=st, at=_moment(s))
        for c, (s, _e, st) in spans
        if st in DELIBERATE
    ]
    DamageIncident.objects.bulk_create(incidents, batch_size=BATCH)
    return written + len(incidents) + _alerts(_moment(now))


def _alerts(now: datetime) -> int:
    """The health feed's alerts of the year: outages in high-risk zones longer than the setting."""
    outages = Outage.objects.filter(zone__risk_level=RiskLevel.HIGH).values_list(
        "pk", "camera_id", "facility_id", "started_at", "ended_at"
    )
    alerts = [
        alert_for(outage_id=pk, camera_id=cam, facility_id=fac, started_at=s, ended_at=e)
        for pk, cam, fac, s, e in outages
        if alert_due(s, e, now)
    ]
    CameraAlert.objects.bulk_create(alerts, batch_size=BATCH)
    return len(alerts)


def _rollups(plan: list[_Cam], since: int, now: int) -> int:
    """Every day's rollups of the year, by the health feed's rules, in one pass over the outages.

    Per local day from the year's first to today (today up to now): seconds down per camera
    on days with some, and per facility and zone the cameras in service that day (the
    registry's, installed by then) with their seconds down.
    """
    first, last = _local_day(since), _local_day(now)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    starts = [int(day_bounds(d)[0].timestamp()) for d in days]
    bounds = [*starts, int(day_bounds(last)[1].timestamp())]
    per_camera: dict[tuple[int, int], int] = defaultdict(int)
    per_zone: dict[tuple[int, int | None, int], int] = defaultdict(int)
    for cam in plan:
        c = cam.camera
        for s, e, _ in cam.spans:
            stop = min(now if e is None else e, now)
            i = max(0, bisect.bisect_right(starts, s) - 1)
            while i < len(days) and bounds[i] < stop:
                seconds = min(stop, bounds[i + 1]) - max(s, bounds[i])
                if seconds > 0:
                    per_camera[(c.pk, i)] += seconds
                    per_zone[(c.facility_id, c.zone_id, i)] += seconds
                i += 1
    registered = _registered(plan, days)
    written = _insert(
        UptimeDaily,
        ("camera", "day", "seconds_down"),
        ((pk, days[i], min(s, bounds[i + 1] - bounds[i])) for (pk, i), s in per_camera.items()),
    )
    keys = sorted(registered.keys() | per_zone.keys(), key=lambda k: (k[2], k[0], k[1] or 0))
    return written + _insert(
        ZoneUptimeDaily,
        ("facility", "zone", "day", "cameras", "seconds_down"),
        (
            (f, z, days[i], registered.get((f, z, i), 0), per_zone.get((f, z, i), 0))
            for f, z, i in keys
        ),
    )


def _registered(plan: list[_Cam], days: list[date]) -> dict[tuple[int, int | None, int], int]:
    """Cameras in service per facility, zone and day: those installed by that day."""
    installed: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0] * len(days))
    for cam in plan:
        c = cam.camera
        if c.active:
            day = c.installed_on or days[0]
            installed[(c.facility_id, c.zone_id)][max(0, (day - days[0]).days)] += 1
    out = {}
    for (f, z), arrivals in installed.items():
        for i, n in enumerate(itertools.accumulate(arrivals)):
            if n:
                out[(f, z, i)] = n
    return out


def _insert(model: type[models.Model], names: Sequence[str], rows: Iterable[tuple]) -> int:
    """Plain multi-row INSERTs of the given fields, values adapted as the ORM would."""
    meta = model._meta
    fields = [meta.get_field(n) for n in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    adapt = [_adapter(f) for f in fields]
    count = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, BATCH):
            cursor.executemany(
                sql,
                [tuple(a(v) if a else v for a, v in zip(adapt, row, strict=True)) for row in chunk],
            )
            count += len(chunk)
    return count


def _adapter(f: models.Field):
    if isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
