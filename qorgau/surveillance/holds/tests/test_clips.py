"""Connectors confirm clips and report losses: all or nothing, idempotent, by coverage."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.core.models import AuditEntry
from qorgau.surveillance.choices import HoldStatus
from qorgau.surveillance.holds import services
from qorgau.surveillance.holds.services.status import covered_seconds
from qorgau.surveillance.models import FootageHold, FootageLoss, PreservedClip
from qorgau.surveillance.services import hold_request


@pytest.fixture
def hold(world, cams):
    start = timezone.now() - timedelta(hours=5)
    return hold_request(
        facility=world.facility_a,
        zone=world.zone_a,
        window_from=start,
        window_to=start + timedelta(hours=1),
        reference="UOF-2026-000001",
    )


def _state(hold):
    hold.refresh_from_db()
    return hold.status, hold.closed_at is not None


def test_coverage_merges_overlapping_clips_and_ignores_what_lies_outside():
    t = timezone.now()
    m = timedelta(minutes=1)
    spans = [(t - 10 * m, t + 5 * m), (t + 3 * m, t + 20 * m), (t + 30 * m, t + 90 * m)]
    assert covered_seconds(spans, t, t + 60 * m) == (20 + 30) * 60
    assert covered_seconds([], t, t + m) == 0


def test_confirming_clips_moves_the_hold_from_pending_to_partly_to_preserved(
    hold, cams, connector, report
):
    client = connector[0]
    assert _state(hold) == (HoldStatus.PENDING, False)
    services.clips_confirm(actor=client, hold=hold, clips=report(hold, cams["cell1"]))
    assert _state(hold) == (HoldStatus.PARTLY, False)
    rest = report(hold, cams["cell2"], cams["corridor"])
    services.clips_confirm(actor=client, hold=hold, clips=rest)
    assert _state(hold) == (HoldStatus.PRESERVED, True)
    clip = PreservedClip.objects.get(camera=cams["cell1"])
    assert clip.client == client and clip.size == 1_000_000 and clip.location == "archive-1"
    assert AuditEntry.objects.filter(action="footage.clips").count() == 2


def test_a_camera_is_preserved_only_when_its_clips_cover_the_whole_window(
    hold, cams, connector, report
):
    client, half = connector[0], hold.window_from + timedelta(minutes=30)
    clips = report(hold, cams["cell1"], cams["cell2"], cams["corridor"])
    first_half = [replace(c, window_to=half) for c in clips]
    services.clips_confirm(actor=client, hold=hold, clips=first_half)
    assert _state(hold) == (HoldStatus.PARTLY, False)
    second_half = [
        replace(c, window_from=half - timedelta(seconds=5), sha256=c.sha256[::-1]) for c in clips
    ]
    services.clips_confirm(actor=client, hold=hold, clips=second_half)
    assert _state(hold) == (HoldStatus.PRESERVED, True)


def test_sending_the_same_clips_again_changes_nothing(hold, cams, connector, report):
    client = connector[0]
    clips = report(hold, cams["cell1"], cams["cell2"], cams["corridor"])
    _h, first = services.clips_confirm(actor=client, hold=hold, clips=clips)
    upper = [replace(c, sha256=c.sha256.upper()) for c in clips]
    _h, again = services.clips_confirm(actor=client, hold=hold, clips=upper)
    assert [c.pk for c in again] == [c.pk for c in first]
    assert PreservedClip.objects.count() == 3
    assert AuditEntry.objects.filter(action="footage.clips").count() == 1
    assert AuditEntry.objects.filter(action="footage.hold.status").count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"camera": "vms-YA-1"},  # the yard is not a camera of the hold
        {"camera": "vms-SH-B"},  # another facility's camera
        {"window_from": -3 * 60, "window_to": -2 * 60},  # before the window
        {"window_from": 2 * 60, "window_to": 3 * 60},  # after the window
        {"window_from": 30, "window_to": 10},  # ends before it starts
        {"sha256": "not-a-hash" * 6 + "abcd"},
        {"size": 0},
    ],
)
def test_one_refused_clip_refuses_the_report_and_stores_nothing(hold, cams, connector, report, bad):
    good = report(hold, cams["cell1"], cams["cell2"])
    changes = {
        k: hold.window_from + timedelta(minutes=v) if k.startswith("window") else v
        for k, v in bad.items()
    }
    clips = [*good, replace(report(hold, cams["corridor"])[0], **changes)]
    with pytest.raises(ValidationError) as exc:
        services.clips_confirm(actor=connector[0], hold=hold, clips=clips)
    assert list(exc.value.message_dict) == ["clips.2"]
    assert not PreservedClip.objects.exists()
    assert _state(hold) == (HoldStatus.PENDING, False)
    assert not AuditEntry.objects.filter(action="footage.clips").exists()


def test_a_hash_confirmed_again_with_other_times_is_refused(hold, cams, connector, report):
    client = connector[0]
    clip = report(hold, cams["cell1"])[0]
    services.clips_confirm(actor=client, hold=hold, clips=[clip])
    moved = replace(clip, window_to=clip.window_to - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.clips_confirm(actor=client, hold=hold, clips=[moved])
    assert PreservedClip.objects.count() == 1


def test_a_lost_hold_takes_no_new_clips_but_a_repeat_is_answered(hold, cams, connector, report):
    client = connector[0]
    kept = report(hold, cams["cell1"])
    services.clips_confirm(actor=client, hold=hold, clips=kept)
    services.footage_lost(
        actor=client,
        hold=hold,
        cameras=[cams["cell2"].vms_id, cams["corridor"].vms_id],
        reason="Диск архива вышел из строя",
    )
    assert _state(hold) == (HoldStatus.PARTLY, True)
    services.clips_confirm(actor=client, hold=hold, clips=kept)  # a retry: fine
    with pytest.raises(ValidationError) as exc:
        services.clips_confirm(actor=client, hold=hold, clips=report(hold, cams["cell2"]))
    assert "hold" in exc.value.message_dict


def test_all_cameras_lost_is_a_lost_hold_and_a_repeat_changes_nothing(hold, cams, connector):
    client, vms = connector[0], [c.vms_id for c in hold.cameras.all()]
    services.footage_lost(actor=client, hold=hold, cameras=vms, reason="Перезаписано")
    services.footage_lost(actor=client, hold=hold, cameras=vms, reason="Повтор отчёта")
    assert _state(hold) == (HoldStatus.LOST, True)
    assert FootageLoss.objects.count() == 3
    assert set(FootageLoss.objects.values_list("reason", flat=True)) == {"Перезаписано"}
    assert AuditEntry.objects.filter(action="footage.lost").count() == 1


def test_a_loss_report_is_refused_whole_for_an_unknown_or_preserved_camera(
    hold, cams, connector, report
):
    client = connector[0]
    services.clips_confirm(actor=client, hold=hold, clips=report(hold, cams["cell1"]))
    for cameras in (["vms-SH-2", "vms-YA-1"], ["vms-SH-2", "vms-SH-1"]):
        with pytest.raises(ValidationError) as exc:
            services.footage_lost(actor=client, hold=hold, cameras=cameras, reason="Перезаписано")
        assert "cameras" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.footage_lost(actor=client, hold=hold, cameras=["vms-SH-2"], reason=" ")
    assert "reason" in exc.value.message_dict
    assert not FootageLoss.objects.exists()


def test_a_hold_without_recording_cameras_waits_then_is_lost(world, connector):
    hold = hold_request(
        facility=world.facility_a,
        zone=None,
        window_from=timezone.now() - timedelta(days=40),
        window_to=timezone.now() - timedelta(days=40) + timedelta(hours=1),
    )
    assert hold.cameras.count() == 0 and hold.status == HoldStatus.PENDING
    assert services.holds_expire() == 1
    assert _state(hold) == (HoldStatus.LOST, True)
    assert FootageHold.objects.get().status == HoldStatus.LOST
