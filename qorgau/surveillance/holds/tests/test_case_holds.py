"""A case file with a place and a time asks for its footage; the safeguard follows the hold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.allegations.choices import SafeguardStatus
from qorgau.allegations.services import case_update, safeguard_complete
from qorgau.core.models import AuditEntry
from qorgau.surveillance.choices import HoldStatus
from qorgau.surveillance.holds import services
from qorgau.surveillance.models import FootageHold, ZoneNeighbour

MARGIN = timedelta(minutes=30)


def _footage(case):
    return case.safeguards.get(kind="footage")


def _correct(case, staff, **changes):
    facts = {
        "summary": case.summary,
        "classification": case.classification,
        "zone": case.zone,
        "event_from": case.event_from,
        "event_to": case.event_to,
    }
    facts.update(changes)
    return case_update(actor=staff, case=case, **facts)


def test_a_case_file_opened_with_place_and_time_asks_for_the_zone_and_its_passages(open_case, cams):
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    assert hold.source_reference == case.number and hold.facility == case.facility
    assert hold.zone == case.zone
    assert hold.window_from == case.event_from - MARGIN
    assert hold.window_to == case.event_to + MARGIN
    # The ShIZO's cameras and its corridor's (a passage); not the yard, not facility B.
    assert set(hold.cameras.all()) == {cams["cell1"], cams["cell2"], cams["corridor"]}
    entry = AuditEntry.objects.get(action="footage.hold", object_id=str(hold.uuid))
    assert entry.details["reference"] == case.number


def test_declared_neighbours_replace_the_passages(world, open_case, cams):
    ZoneNeighbour.objects.create(zone=world.zone_a, neighbour=cams["yard"].zone)
    hold = FootageHold.objects.get(case_reference=open_case().number)
    assert set(hold.cameras.all()) == {cams["cell1"], cams["cell2"], cams["yard"]}


def test_without_a_zone_the_whole_place_is_held_and_live_only_cameras_are_not(
    world, open_case, cams
):
    from qorgau.surveillance.models import Camera

    Camera.objects.create(
        facility=world.facility_a, code="LIVE", vms_id="live", recording="live_only"
    )
    hold = FootageHold.objects.get(case_reference=open_case(zone=None).number)
    assert hold.zone is None
    assert set(hold.cameras.all()) == {cams[k] for k in ("cell1", "cell2", "corridor", "yard")}


def test_only_one_end_of_the_time_is_enough(open_case, cams):
    at = timezone.now() - timedelta(hours=3)
    hold = FootageHold.objects.get(case_reference=open_case(event_from=None, event_to=at).number)
    assert (hold.window_from, hold.window_to) == (at - MARGIN, at + MARGIN)


def test_a_case_file_without_a_time_asks_for_nothing_until_corrected(open_case, cams, staff):
    case = open_case(event_from=None, event_to=None)
    assert not FootageHold.objects.exists()
    at = timezone.now() - timedelta(days=1)
    _correct(case, staff, event_from=at)
    hold = FootageHold.objects.get(case_reference=case.number)
    assert hold.window_from == at - MARGIN


def test_the_deadline_is_the_event_plus_the_shortest_retention_of_the_cameras(
    open_case, cams, settings
):
    settings.QORGAU_CAMERA_RETENTION_DAYS = 30
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    # SH-2 overwrites after 14 days; the others follow the setting.
    assert hold.keep_until == case.event_from + timedelta(days=14)


def test_cameras_without_retention_follow_the_setting(open_case, cams, settings):
    settings.QORGAU_CAMERA_RETENTION_DAYS = 10
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    assert hold.keep_until == case.event_from + timedelta(days=10)


def test_a_correction_moves_the_pending_hold_instead_of_adding_one(
    open_case, cams, staff, settings
):
    settings.QORGAU_CAMERA_RETENTION_DAYS = 30
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    hold.escalated_at = timezone.now()
    hold.save()
    earlier = case.event_from - timedelta(hours=5)
    _correct(case, staff, event_from=earlier, event_to=earlier + timedelta(minutes=20))
    _correct(case, staff, zone=cams["yard"].zone)
    assert FootageHold.objects.filter(case_reference=case.number).count() == 1
    hold.refresh_from_db()
    assert hold.window_from == earlier - MARGIN
    assert hold.window_to == earlier + timedelta(minutes=20) + MARGIN
    # The yard and its passage keep 30 days; SH-2's 14 days no longer bind the hold.
    assert hold.zone == cams["yard"].zone
    assert hold.keep_until == earlier + timedelta(days=30)
    assert set(hold.cameras.all()) == {cams["yard"], cams["corridor"]}
    assert hold.escalated_at is None
    assert AuditEntry.objects.filter(action="footage.hold.revise").count() == 2


def test_correcting_only_the_summary_leaves_the_hold_alone(open_case, cams, staff):
    case = open_case()
    _correct(case, staff, summary="Избиение в ШИЗО, двое сотрудников")
    assert FootageHold.objects.count() == 1
    assert not AuditEntry.objects.filter(action="footage.hold.revise").exists()


def test_a_hold_the_video_system_started_on_is_replaced_not_rewritten(
    open_case, cams, staff, connector, report
):
    case = open_case()
    first = FootageHold.objects.get(case_reference=case.number)
    services.clips_confirm(actor=connector[0], hold=first, clips=report(first, cams["cell1"]))
    later = case.event_from + timedelta(hours=1)
    _correct(case, staff, event_from=later, event_to=later + timedelta(minutes=5))
    first.refresh_from_db()
    assert first.window_from == case.event_from - timedelta(hours=1) - MARGIN
    second = services.case_hold(number=case.number)
    assert second != first and second.window_from == later - MARGIN


def test_all_footage_preserved_records_the_safeguard_done_with_the_hold_number(
    open_case, cams, connector, report
):
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    client = connector[0]
    services.clips_confirm(actor=client, hold=hold, clips=report(hold, cams["cell1"]))
    hold.refresh_from_db()
    assert hold.status == HoldStatus.PARTLY and hold.closed_at is None
    assert _footage(case).status == SafeguardStatus.PENDING
    services.clips_confirm(
        actor=client, hold=hold, clips=report(hold, cams["cell2"], cams["corridor"])
    )
    hold.refresh_from_db()
    assert hold.status == HoldStatus.PRESERVED and hold.closed_at is not None
    footage = _footage(case)
    assert footage.status == SafeguardStatus.DONE and hold.number in footage.note


def test_footage_lost_records_the_safeguard_failed_with_the_reason(
    open_case, cams, connector, report
):
    case = open_case()
    hold = FootageHold.objects.get(case_reference=case.number)
    client = connector[0]
    services.clips_confirm(actor=client, hold=hold, clips=report(hold, cams["cell1"]))
    services.footage_lost(
        actor=client,
        hold=hold,
        cameras=[cams["cell2"].vms_id, cams["corridor"].vms_id],
        reason="Архив перезаписан до запроса",
    )
    hold.refresh_from_db()
    assert hold.status == HoldStatus.PARTLY and hold.closed_at is not None
    footage = _footage(case)
    assert footage.status == SafeguardStatus.FAILED
    assert hold.number in footage.note and "SH-2 (Архив перезаписан до запроса)" in footage.note
    assert "Preserved: SH-1." in footage.note


def test_a_safeguard_recorded_by_hand_is_left_as_it_is(open_case, cams, connector, report, staff):
    case = open_case()
    safeguard_complete(
        actor=staff, safeguard=_footage(case), status="not_needed", note="Камер в ШИЗО нет."
    )
    hold = FootageHold.objects.get(case_reference=case.number)
    clips = report(hold, cams["cell1"], cams["cell2"], cams["corridor"])
    services.clips_confirm(actor=connector[0], hold=hold, clips=clips)
    assert _footage(case).status == SafeguardStatus.NOT_NEEDED


def test_a_hold_by_hand_naming_the_case_file_leaves_the_safeguard_alone(
    world, open_case, cams, staff, connector, report
):
    case = open_case(event_from=None, event_to=None)
    hold = services.hold_request_by_hand(
        actor=staff,
        facility=world.facility_a,
        zone=None,
        window_from=timezone.now() - timedelta(hours=3),
        window_to=timezone.now() - timedelta(hours=2),
        reason="Проверка по обращению адвоката",
        case_number=case.number.lower(),
    )
    assert hold.case_reference == case.number and hold.source_reference == ""
    services.footage_lost(
        actor=connector[0],
        hold=hold,
        cameras=[c.vms_id for c in hold.cameras.all()],
        reason="Видеорегистратор неисправен",
    )
    hold.refresh_from_db()
    assert hold.status == HoldStatus.LOST
    assert _footage(case).status == SafeguardStatus.PENDING


def test_the_hand_request_refuses_a_case_file_of_another_place(world, cams, staff, open_case):
    from qorgau.allegations.services import case_open

    other = case_open(actor=staff, facility=world.facility_b, summary="Другое место")
    with pytest.raises(ValidationError) as exc:
        services.hold_request_by_hand(
            actor=staff,
            facility=world.facility_a,
            zone=None,
            window_from=timezone.now() - timedelta(hours=3),
            window_to=timezone.now() - timedelta(hours=2),
            reason="Проверка по обращению адвоката",
            case_number=other.number,
        )
    assert "case_number" in exc.value.message_dict
    assert not FootageHold.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (-2, -3, "window_to"),  # ends before it starts
        (-24 * 9, -1, "window_to"),  # longer than a week
        (1, 2, "window_from"),  # not recorded yet
    ],
)
def test_the_hand_request_refuses_bad_windows(world, cams, staff, start, end, field):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.hold_request_by_hand(
            actor=staff,
            facility=world.facility_a,
            zone=world.zone_a,
            window_from=now + timedelta(hours=start),
            window_to=now + timedelta(hours=end),
            reason="Проверка по обращению адвоката",
        )
    assert field in exc.value.message_dict
    assert not FootageHold.objects.exists()
