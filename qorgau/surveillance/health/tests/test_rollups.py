"""Daily uptime rollups per camera and per facility and zone, recomputed from outages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from qorgau.surveillance.health.services import uptime_rollup
from qorgau.surveillance.models import Camera, Outage, UptimeDaily, ZoneUptimeDaily

from .support import ev

DAY = date(2026, 10, 14)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _down(camera, start, end=None):
    return Outage.objects.create(
        camera=camera,
        facility=camera.facility,
        zone=camera.zone,
        status="offline",
        started_at=start,
        ended_at=end,
    )


@pytest.fixture
def outages(cams):
    prev = DAY - timedelta(days=1)
    _down(cams["cell1"], at(prev, 23), at(DAY, 1))  # across midnight: one hour on DAY
    _down(cams["cell2"], at(DAY, 10), at(DAY, 10, 30))
    _down(cams["cell2"], at(DAY, 12), at(DAY, 12, 15))
    _down(cams["yard"], at(DAY, 23, 30))  # still down: half an hour on DAY
    _down(cams["b"], at(DAY + timedelta(days=1), 2), at(DAY + timedelta(days=1), 3))  # next day
    return cams


def _rows(day=DAY):
    cams = dict(UptimeDaily.objects.filter(day=day).values_list("camera__code", "seconds_down"))
    zones = {
        (facility, zone): (n, s)
        for facility, zone, n, s in ZoneUptimeDaily.objects.filter(day=day).values_list(
            "facility__code", "zone__name", "cameras", "seconds_down"
        )
    }
    return cams, zones


def test_a_day_is_summed_per_camera_and_per_facility_and_zone(outages):
    assert uptime_rollup(day=DAY) == (3, 3)
    cams, zones = _rows()
    # Sparse per camera: only cameras with some downtime that day.
    assert cams == {"SH-1": 3600, "SH-2": 2700, "YA-1": 1800}
    # Every zone with cameras, with its cameras, even without downtime.
    assert zones == {
        ("FA", "ШИЗО"): (2, 6300),
        ("FA", "Двор"): (1, 1800),
        ("FB", "ШИЗО"): (1, 0),
    }


def test_recomputing_a_day_gives_the_same_rows(outages):
    uptime_rollup(day=DAY)
    first = _rows()
    ids = set(UptimeDaily.objects.values_list("pk", flat=True))
    uptime_rollup(day=DAY)
    assert _rows() == first
    assert UptimeDaily.objects.count() == len(ids)


def test_a_day_follows_changed_outages(outages):
    uptime_rollup(day=DAY)
    Outage.objects.filter(camera=outages["yard"]).delete()
    uptime_rollup(day=DAY)
    cams, zones = _rows()
    assert "YA-1" not in cams
    assert zones[("FA", "Двор")] == (1, 0)


def test_today_counts_an_open_outage_until_now(cams):
    now = timezone.now()
    _down(cams["cell1"], now - timedelta(minutes=10))
    uptime_rollup(day=timezone.localdate(now), now=now)
    assert UptimeDaily.objects.get().seconds_down == 600


def test_cameras_not_yet_installed_or_out_of_service_are_not_counted(outages):
    Camera.objects.filter(code="SH-1").update(installed_on=DAY + timedelta(days=1))
    Camera.objects.filter(code="SH-B").update(active=False)
    uptime_rollup(day=DAY)
    _cams, zones = _rows()
    assert zones[("FA", "ШИЗО")] == (1, 6300)
    assert ("FB", "ШИЗО") not in zones


def test_late_events_recompute_the_past_days_they_change(
    feed, cams, django_capture_on_commit_callbacks
):
    yesterday = timezone.localdate() - timedelta(days=1)
    cell = cams["cell1"]
    feed([ev(cell, "online", at(yesterday, 8)), ev(cell, "online", timezone.now())])
    uptime_rollup(day=yesterday)
    assert not UptimeDaily.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        body = feed([ev(cell, "offline", at(yesterday, 10)), ev(cell, "online", at(yesterday, 11))])
    assert body.json()["late"] == 2
    assert UptimeDaily.objects.get(day=yesterday).seconds_down == 3600


def test_the_rollup_command_takes_a_day_or_a_range(outages):
    out = StringIO()
    call_command("surveillance_health", "rollup", "--day", DAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "2026-10-14: 3 cameras with downtime, 3 facility zones"
    out = StringIO()
    call_command(
        "surveillance_health", "rollup", "--from", "2026-10-14", "--to", "2026-10-15", stdout=out
    )
    assert out.getvalue().splitlines()[1] == "2026-10-15: 2 cameras with downtime, 3 facility zones"
    assert dict(
        UptimeDaily.objects.filter(day=DAY + timedelta(days=1)).values_list(
            "camera__code", "seconds_down"
        )
    ) == {"SH-B": 3600, "YA-1": 86400}


def test_the_rollup_command_defaults_to_yesterday_and_queues_on_request(cams):
    yesterday = timezone.localdate() - timedelta(days=1)
    out = StringIO()
    call_command("surveillance_health", "rollup", "--enqueue", stdout=out)
    assert out.getvalue().startswith(f"{yesterday}: queued ")


@pytest.mark.parametrize(
    "args",
    [
        ["rollup", "--day", "14.10.2026"],
        ["rollup", "--day", "2026-10-14", "--from", "2026-10-01"],
        ["rollup", "--from", "2026-10-14", "--to", "2026-10-01"],
        [],
    ],
)
def test_the_command_refuses_bad_arguments(args, db):
    with pytest.raises(CommandError):
        call_command("surveillance_health", *args)
