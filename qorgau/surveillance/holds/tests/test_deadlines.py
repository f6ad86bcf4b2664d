"""Escalation before the deadline, loss after it, the take-up of earlier requests, the command."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from qorgau.allegations.choices import SafeguardStatus
from qorgau.core.models import AuditEntry
from qorgau.surveillance.choices import HoldStatus
from qorgau.surveillance.holds import services
from qorgau.surveillance.models import FootageHold, FootageLoss
from qorgau.surveillance.services import hold_request


def _hold(world, *, deadline_in: timedelta, **extra):
    start = timezone.now() - timedelta(days=1)
    return hold_request(
        facility=world.facility_a,
        zone=world.zone_a,
        window_from=start,
        window_to=start + timedelta(hours=1),
        keep_until=timezone.now() + deadline_in,
        **extra,
    )


def test_holds_near_their_deadline_escalate_once(world, cams, settings, connector, report):
    settings.QORGAU_HOLD_ESCALATE_HOURS = 72
    near = _hold(world, deadline_in=timedelta(hours=71))
    far = _hold(world, deadline_in=timedelta(hours=73))
    done = _hold(world, deadline_in=timedelta(hours=1))
    clips = report(done, *done.cameras.all())
    services.clips_confirm(actor=connector[0], hold=done, clips=clips)
    assert services.holds_escalate() == 1
    assert services.holds_escalate() == 0
    near.refresh_from_db(), far.refresh_from_db(), done.refresh_from_db()
    assert near.escalated_at is not None
    assert far.escalated_at is None and done.escalated_at is None
    assert AuditEntry.objects.filter(action="footage.hold.escalate").count() == 1
    later = timezone.now() + timedelta(hours=2)
    assert services.holds_escalate(now=later) == 1  # `far` is now within 72 hours


def test_a_partly_preserved_hold_still_escalates(world, cams, connector, report):
    hold = _hold(world, deadline_in=timedelta(hours=1))
    services.clips_confirm(actor=connector[0], hold=hold, clips=report(hold, cams["cell1"]))
    assert services.holds_escalate() == 1


def test_past_the_deadline_waiting_cameras_are_lost_and_the_case_file_is_told(
    open_case, cams, connector, report
):
    case = open_case(
        event_from=timezone.now() - timedelta(days=20),
        event_to=timezone.now() - timedelta(days=20) + timedelta(minutes=5),
    )
    hold = FootageHold.objects.get(case_reference=case.number)
    services.clips_confirm(actor=connector[0], hold=hold, clips=report(hold, cams["cell1"]))
    # SH-2 keeps 14 days: the deadline has passed.
    assert hold.keep_until < timezone.now()
    assert services.holds_expire() == 1
    assert services.holds_expire() == 0
    hold.refresh_from_db()
    assert hold.status == HoldStatus.PARTLY and hold.closed_at is not None
    lost = FootageLoss.objects.filter(hold=hold)
    assert {x.camera.code for x in lost} == {"SH-2", "CO-1"} and all(x.expired for x in lost)
    footage = case.safeguards.get(kind="footage")
    assert footage.status == SafeguardStatus.FAILED
    assert "SH-2 (not confirmed before the deadline)" in footage.note
    assert AuditEntry.objects.filter(action="allegation.safeguard", actor_label="system").exists()


def test_nothing_confirmed_by_the_deadline_is_a_lost_hold(world, cams):
    hold = _hold(world, deadline_in=timedelta(seconds=-1))
    services.holds_expire()
    hold.refresh_from_db()
    assert hold.status == HoldStatus.LOST and hold.losses.count() == 3


def test_uses_of_force_recorded_before_holds_existed_are_taken_up(world, cams, monkeypatch):
    from django.apps import apps

    from qorgau.force.choices import FootageStatus
    from qorgau.force.services import force_record

    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "qorgau.surveillance" and installed(name)
    )
    ended = timezone.now() - timedelta(hours=1)
    use = force_record(
        actor=world.users["facility_admin"],
        facility=world.facility_a,
        zone=world.zone_a,
        started_at=ended - timedelta(minutes=10),
        ended_at=ended,
        iins=[world.person_a.iin],
        staff_involved="Инспектор Касымов",
        grounds="Нападение на сотрудника",
        techniques=["physical_force"],
    )
    assert use.footage_status == FootageStatus.REQUESTED and not FootageHold.objects.exists()
    monkeypatch.undo()
    assert services.requests_take_up() == 1
    assert services.requests_take_up() == 0
    use.refresh_from_db()
    hold = FootageHold.objects.get(source_reference=use.number)
    assert use.footage_status == FootageStatus.HOLD_REQUESTED
    assert use.footage_reference == str(hold.uuid)
    assert (hold.window_from, hold.window_to) == (use.footage_from, use.footage_to)
    assert set(hold.cameras.all()) == {cams["cell1"], cams["cell2"], cams["corridor"]}


def test_case_files_placed_before_holds_existed_are_taken_up(open_case, cams):
    case = open_case()
    FootageHold.objects.all().delete()  # as if opened before the module
    assert services.requests_take_up() == 1
    assert services.requests_take_up() == 0
    assert services.case_hold(number=case.number) is not None


def test_the_command_runs_each_clock_or_queues_it(world, cams):
    _hold(world, deadline_in=timedelta(hours=1))
    out = StringIO()
    call_command("surveillance_holds", "escalate", stdout=out)
    assert out.getvalue().strip() == "escalate: 1"
    out = StringIO()
    call_command("surveillance_holds", "expire", "--enqueue", stdout=out)
    assert out.getvalue().startswith("queued: ")
    out = StringIO()
    call_command("surveillance_holds", "take-up", stdout=out)
    assert out.getvalue().strip() == "take-up: 0"
    with pytest.raises(CommandError):
        call_command("surveillance_holds")


def test_the_worker_task_runs_the_clock_it_is_given(world, cams):
    from qorgau.surveillance.holds.tasks import holds_task

    _hold(world, deadline_in=timedelta(seconds=-1))
    result = holds_task.enqueue("expire")
    assert result.return_value == 1
    assert FootageHold.objects.get().status == HoldStatus.LOST
