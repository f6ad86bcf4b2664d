"""The guarantee of ADR 0018, checked on random histories (hypothesis).

Each example gives two fresh cameras the same events: one in a single sorted batch
(the ordered run), the other as the example delivers them (shuffled, split, late,
repeated). Zones are of medium risk: alerts depend on when Qorgau learns of an
outage, not only on the events, and are tested on their own (test_alerts.py).
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qorgau.surveillance.choices import DELIBERATE, CameraStatus
from qorgau.surveillance.health.services import health_ingest
from qorgau.surveillance.health.timeline import Point, outages_of
from qorgau.surveillance.models import Camera, DamageIncident, Outage, StatusChange
from qorgau.testing.factories import ZoneFactory

from .support import issue

_numbers = itertools.count()
# Mostly online, as cameras are; every down status can appear.
STATUS = st.sampled_from(["online"] * 4 + [s for s in CameraStatus.values if s != "online"])


@pytest.fixture
def place(world):
    zone = ZoneFactory(facility=world.facility_a, kind="yard", risk_level="medium")
    client, _key = issue(world)
    return zone, client, timezone.now().replace(microsecond=0) - timedelta(hours=3)


def _camera(zone) -> Camera:
    n = next(_numbers)
    return Camera.objects.create(facility=zone.facility, zone=zone, code=f"P-{n}", vms_id=f"p{n}")


def _send(client, camera: Camera, events: list[tuple[datetime, str]]):
    code = camera.facility.code
    raw = [
        {"facility": code, "camera": camera.vms_id, "status": s, "at": at.isoformat()}
        for at, s in events
    ]
    return health_ingest(client=client, events=raw)


def _history(camera: Camera) -> dict:
    camera.refresh_from_db()
    return {
        "state": (camera.status, camera.status_since, camera.last_event_at),
        "changes": list(
            StatusChange.objects.filter(camera=camera).order_by("at").values_list("at", "status")
        ),
        "outages": list(
            Outage.objects.filter(camera=camera)
            .order_by("started_at")
            .values_list("started_at", "ended_at", "status")
        ),
        "incidents": list(
            DamageIncident.objects.filter(camera=camera).order_by("at").values_list("at", "status")
        ),
    }


def _consistent(h: dict) -> None:
    """Outages, incidents and the status' start follow from the stored changes alone."""
    points = [Point(at, status) for at, status in h["changes"]]
    assert h["outages"] == [(o.started_at, o.ended_at, o.status) for o in outages_of(points)]
    assert h["incidents"] == [(at, s) for at, s in h["changes"] if s in DELIBERATE]
    status, since, _last = h["state"]
    starts = [p.at for i, p in enumerate(points) if i == 0 or points[i - 1].status != p.status]
    assert (status, since) == (points[-1].status, starts[-1])


histories = st.lists(
    st.tuples(st.integers(min_value=0, max_value=7200), STATUS),
    min_size=1,
    max_size=25,
    unique_by=lambda e: e[0],
)


def _ordered(place, events):
    zone, client, base = place
    timed = sorted((base + timedelta(seconds=s), status) for s, status in events)
    reference = _camera(zone)
    _send(client, reference, timed)
    return timed, _history(reference)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=histories, seed=st.integers(0, 2**32 - 1), cuts=st.integers(1, 6))
def test_batches_in_order_each_shuffled_give_exactly_the_ordered_history(place, events, seed, cuts):
    zone, client, _base = place
    timed, expected = _ordered(place, events)
    rng = random.Random(seed)
    camera = _camera(zone)
    bounds = sorted(rng.sample(range(1, len(timed)), min(cuts, len(timed) - 1)))
    for lo, hi in itertools.pairwise([0, *bounds, len(timed)]):
        batch = timed[lo:hi]
        rng.shuffle(batch)
        _send(client, camera, batch)
    assert _history(camera) == expected


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=histories,
    seed=st.integers(0, 2**32 - 1),
    cuts=st.integers(1, 6),
    repeats=st.integers(0, 5),
)
def test_shuffled_split_and_repeated_batches_keep_the_guarantee(place, events, seed, cuts, repeats):
    zone, client, _base = place
    timed, expected = _ordered(place, events)
    rng = random.Random(seed)
    camera = _camera(zone)
    stream = timed + [rng.choice(timed) for _ in range(repeats)]  # re-sent events
    rng.shuffle(stream)
    bounds = sorted(rng.sample(range(1, len(stream)), min(cuts, len(stream) - 1)))
    batches = [stream[lo:hi] for lo, hi in itertools.pairwise([0, *bounds, len(stream)])]
    late: set[datetime] = set()
    for batch in batches:
        camera.refresh_from_db()
        last = camera.last_event_at
        late |= {at for at, _s in batch if last is not None and at <= last}
        _send(client, camera, batch)
    got = _history(camera)
    # The final status and the last event: always those of the ordered run.
    assert (got["state"][0], got["state"][2]) == (expected["state"][0], expected["state"][2])
    _consistent(got)
    # Every event is where the stored history puts it, unless a late event came to stand
    # between it and the point it was compared with: the documented limit.
    changes = got["changes"]
    for at, status in timed:
        governing = max((c for c in changes if c[0] <= at), key=lambda c: c[0])
        assert governing[1] == status or governing[0] in late, (at, status, governing)
    if not late:
        assert got == expected
    # Sending the last batch again changes nothing.
    _send(client, camera, batches[-1])
    assert _history(camera) == got
    # Sending every event again repairs what late events blurred: the outages and the
    # state become the ordered run's; changes found redundant stay stored.
    _send(client, camera, stream)
    repaired = _history(camera)
    assert (repaired["state"], repaired["outages"]) == (expected["state"], expected["outages"])
    assert set(expected["changes"]) <= set(repaired["changes"])
