"""The demo's cameras and their history, at a reduced size (the full size is 40,000 cameras)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from qorgau.accounts.models import User
from qorgau.allegations.models import CaseFile
from qorgau.demo.load import load_users
from qorgau.demo.places import load_facilities, load_regions
from qorgau.demo.surveillance import EMPTY_ZONES, load_surveillance
from qorgau.facilities.models import FacilityType, RiskLevel
from qorgau.surveillance.analytics import selectors
from qorgau.surveillance.health.services import uptime_rollup
from qorgau.surveillance.models import (
    Camera,
    CameraAlert,
    DamageIncident,
    Outage,
    StatusChange,
    UptimeDaily,
    ZoneUptimeDaily,
)

pytestmark = pytest.mark.django_db

SIZE, DAYS = 1500, 40

MODELS = (
    Camera,
    Outage,
    StatusChange,
    DamageIncident,
    CameraAlert,
    UptimeDaily,
    ZoneUptimeDaily,
)


@pytest.fixture
def demo():
    """Demo places and users, two case files in a colony's ШИЗО, then the cameras."""
    regions = load_regions()
    facilities = load_facilities(random.Random(1), regions)
    load_users(facilities, regions)
    colony = next(f for f in facilities if f.type == FacilityType.COLONY)
    shizo = colony.zones.get(kind="disciplinary_cell")
    for n, days_ago in enumerate((3, 12), start=1):
        moment = timezone.now() - timedelta(days=days_ago)
        CaseFile.objects.create(
            number=f"ALG-2026-90{n:04d}",
            facility=colony,
            zone=shizo,
            event_from=moment,
            event_to=moment + timedelta(hours=1),
            known_at=moment + timedelta(days=1),
            summary="Избиение",
        )
    return load_surveillance(random.Random(11), cameras=SIZE, days=DAYS)


def _counts():
    return [m.objects.count() for m in MODELS]


def test_the_demo_is_idempotent_and_of_the_size_asked(demo):
    first = _counts()
    assert demo == sum(first) and first[0] == SIZE
    assert load_surveillance(random.Random(11), cameras=SIZE, days=DAYS) == 0
    assert _counts() == first


def test_the_demo_cameras_look_like_a_registry(demo):
    cameras = Camera.objects.select_related("facility")
    assert {c.facility.type for c in cameras} <= set(FacilityType.penitentiary())
    assert cameras.values("facility").distinct().count() == 78
    kinds = dict(cameras.values_list("kind").annotate(n=Count("id")))
    assert kinds["fixed"] > kinds["ptz"] > 0 and kinds["body_worn"] > 0
    assert not cameras.filter(kind="body_worn", zone__isnull=False).exists()
    assert cameras.filter(retention_days=None).count() > SIZE * 0.7
    assert all(c.stream_path == f"cam/{c.code[4:]}" for c in cameras[:50])


def test_the_demo_history_is_consistent(demo):
    open_now = Outage.objects.filter(ended_at__isnull=True)
    down = Camera.objects.exclude(status="online")
    assert set(open_now.values_list("camera", flat=True)) == set(down.values_list("id", flat=True))
    assert StatusChange.objects.count() == 2 * Outage.objects.count() - open_now.count()
    deliberate = Outage.objects.filter(status__in=["damaged", "tampered", "obstructed"])
    assert DamageIncident.objects.count() == deliberate.count() > 0
    assert CameraAlert.objects.exists()
    assert not CameraAlert.objects.exclude(camera__zone__risk_level=RiskLevel.HIGH).exists()


def test_the_demo_rollups_are_what_the_health_feed_computes(demo):
    today = timezone.localdate()
    for day in (
        today - timedelta(days=DAYS - 1),
        today - timedelta(days=9),
        today - timedelta(days=1),
    ):
        ours = _rows(day)
        assert ours[1], day
        uptime_rollup(day=day)
        assert _rows(day) == ours, day


def _rows(day):
    return (
        sorted(UptimeDaily.objects.filter(day=day).values_list("camera_id", "seconds_down")),
        sorted(
            ZoneUptimeDaily.objects.filter(day=day).values_list(
                "facility_id", "zone_id", "cameras", "seconds_down"
            ),
            key=lambda r: (r[0], r[1] or 0),
        ),
    )


def test_the_demo_has_blind_spots_and_a_red_flag(demo):
    national = User.objects.get(username="sysadmin")
    report = selectors.coverage_for_user(user=national)
    assert report.blind_spots >= EMPTY_ZONES
    staff = User.objects.get(username="ombudsman")
    today = timezone.localdate()
    flags = selectors.red_flags_for_user(user=staff, start=today - timedelta(days=30), end=today)
    assert len(flags) == 2
