"""Alerts: a camera of a high-risk zone down longer than QORGAU_CAMERA_ALERT_MINUTES."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from qorgau.core.models import AuditEntry
from qorgau.surveillance.health.services import alerts_raise
from qorgau.surveillance.models import CameraAlert, Outage

from .support import ev

M = timedelta(minutes=1)


def test_an_outage_already_long_at_ingest_opens_an_alert(feed, cams):
    start = timezone.now().replace(microsecond=0) - 40 * M
    cell = cams["cell1"]
    body = feed([ev(cell, "no_signal", start), ev(cell, "no_signal", start + 39 * M)]).json()
    assert body["alerts_opened"] == 1
    alert = CameraAlert.objects.get()
    assert (alert.camera, alert.facility, alert.status) == (cell, cell.facility, "open")
    assert alert.opened_at == start + 30 * M  # when the camera had been down long enough
    assert alert.outage == Outage.objects.get(camera=cell)


def test_the_setting_decides_how_long_is_too_long(feed, cams, settings):
    settings.QORGAU_CAMERA_ALERT_MINUTES = 60
    start = timezone.now().replace(microsecond=0) - 40 * M
    feed([ev(cams["cell1"], "offline", start)])
    assert not CameraAlert.objects.exists()


def test_cameras_outside_high_risk_zones_never_alert(feed, cams):
    start = timezone.now() - timedelta(hours=3)
    feed([ev(cams["yard"], "damaged", start), ev(cams["yard"], "damaged", start + 2 * M)])
    assert Outage.objects.filter(camera=cams["yard"]).exists()
    assert alerts_raise() == (0, 0)
    assert not CameraAlert.objects.exists()


def test_an_outage_that_grows_long_in_silence_is_alerted_by_the_periodic_task(feed, cams):
    start = timezone.now().replace(microsecond=0) - 10 * M
    feed([ev(cams["cell1"], "offline", start)])
    assert not CameraAlert.objects.exists()
    assert alerts_raise() == (0, 0)
    assert alerts_raise(now=timezone.now() + 25 * M) == (1, 0)
    assert CameraAlert.objects.get().opened_at == start + 30 * M
    assert alerts_raise(now=timezone.now() + 30 * M) == (0, 0)  # one alert per outage
    entry = AuditEntry.objects.filter(action="camera.alerts").get()
    assert entry.details == {"opened": 1, "closed": 0}


def test_the_alert_closes_when_the_camera_is_back_online(feed, cams):
    start = timezone.now().replace(microsecond=0) - 50 * M
    cell = cams["cell1"]
    feed([ev(cell, "tampered", start)])
    back = start + 45 * M
    body = feed([ev(cell, "online", back)]).json()
    assert (body["alerts_opened"], body["alerts_closed"]) == (0, 1)
    alert = CameraAlert.objects.get()
    assert (alert.status, alert.closed_at) == ("closed", back)


def test_a_long_outage_learned_of_after_it_ended_gets_a_closed_alert(feed, cams, t0):
    cell = cams["cell2"]
    feed([ev(cell, "offline", t0), ev(cell, "online", t0 + 45 * M)])
    alert = CameraAlert.objects.get()
    assert (alert.opened_at, alert.closed_at, alert.status) == (
        t0 + 30 * M,
        t0 + 45 * M,
        "closed",
    )


def test_a_short_outage_raises_no_alert(feed, cams, t0):
    cell = cams["cell2"]
    feed([ev(cell, "offline", t0), ev(cell, "online", t0 + 29 * M)])
    assert not CameraAlert.objects.exists()


def test_the_periodic_task_closes_alerts_whose_outage_ended(cams):
    cell = cams["cell1"]
    start = timezone.now() - timedelta(hours=2)
    outage = Outage.objects.create(
        camera=cell, facility=cell.facility, zone=cell.zone, status="offline", started_at=start
    )
    alert = CameraAlert.objects.create(
        camera=cell, facility=cell.facility, outage=outage, opened_at=start + 30 * M
    )
    Outage.objects.filter(pk=outage.pk).update(ended_at=start + 90 * M)
    assert alerts_raise() == (0, 1)
    alert.refresh_from_db()
    assert (alert.status, alert.closed_at) == ("closed", start + 90 * M)


def test_the_alerts_command_runs_here_or_queues_for_the_worker(cams):
    cell = cams["cell1"]
    Outage.objects.create(
        camera=cell,
        facility=cell.facility,
        zone=cell.zone,
        status="offline",
        started_at=timezone.now() - timedelta(hours=1),
    )
    out = StringIO()
    call_command("surveillance_health", "alerts", stdout=out)
    assert out.getvalue().strip() == "alerts opened: 1, closed: 0"
    out = StringIO()
    call_command("surveillance_health", "alerts", "--enqueue", stdout=out)
    assert out.getvalue().startswith("queued: ")
    assert CameraAlert.objects.count() == 1
