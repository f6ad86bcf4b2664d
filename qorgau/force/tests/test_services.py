from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.force import selectors, services
from qorgau.force.choices import ExamStatus, FootageStatus
from qorgau.force.models import ForceSubject, UseOfForce
from qorgau.people.models import Placement
from qorgau.testing.factories import PersonFactory


def test_each_person_is_owed_an_examination_by_the_setting(world, record, settings):
    settings.QORGAU_FORCE_EXAM_HOURS = 12
    other = PersonFactory(current_facility=world.facility_a, surname="Оспанов")
    use = record(iins=[world.person_a.iin, other.iin, world.person_a.iin])
    subjects = list(use.subjects.order_by("id"))
    assert [s.person for s in subjects] == [world.person_a, other]  # a repeat counts once
    for s in subjects:
        assert s.exam_due_at == use.ended_at + timedelta(hours=12)
        assert s.examination is None and s.exam_status == ExamStatus.DUE
    assert use.number.startswith(f"UOF-{timezone.localtime(use.started_at).year}-")
    assert use.techniques == ["physical_force"] and use.special_means == ["handcuffs"]
    assert use.cameras == ["CAM-07"] and use.body_cameras == ["BWC-112"]


def test_the_footage_of_the_zone_is_held_through_the_surveillance_module(world, record, settings):
    from qorgau.surveillance.models import Camera, FootageHold

    settings.QORGAU_FOOTAGE_RETENTION_DAYS = 20
    here = Camera.objects.create(
        facility=world.facility_a, zone=world.zone_a, code="C1", vms_id="1"
    )
    Camera.objects.create(facility=world.facility_b, code="C2", vms_id="2")
    use = record(zone=world.zone_a)
    assert use.footage_from == use.started_at - services.FOOTAGE_MARGIN
    assert use.footage_to == use.ended_at + services.FOOTAGE_MARGIN
    assert use.footage_keep_until == use.started_at + timedelta(days=20)
    use.refresh_from_db()
    hold = FootageHold.objects.get(source_reference=use.number)
    assert use.footage_status == FootageStatus.HOLD_REQUESTED
    assert use.footage_reference == str(hold.uuid)
    assert (hold.window_from, hold.window_to) == (use.footage_from, use.footage_to)
    assert hold.keep_until == use.footage_keep_until and list(hold.cameras.all()) == [here]


def test_without_the_surveillance_module_the_request_waits_on_the_record(record, monkeypatch):
    from django.apps import apps

    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "qorgau.surveillance" and installed(name)
    )
    use = record()
    use.refresh_from_db()
    assert use.footage_status == FootageStatus.REQUESTED and use.footage_reference == ""
    # The surveillance module picks up the pending requests by their status.
    assert list(UseOfForce.objects.filter(footage_status=FootageStatus.REQUESTED)) == [use]


def test_recording_is_audited_by_the_records_id_never_a_name(world, record, admin):
    use = record()
    entry = AuditEntry.objects.get(action="force.record")
    assert entry.object_id == str(use.uuid) and entry.object_repr == use.number
    assert entry.actor_id == admin.pk
    assert entry.details["persons"] == 1 and entry.details["footage"] == "hold_requested"
    flat = f"{entry.object_repr} {entry.details}"
    assert world.person_a.surname not in flat and world.person_a.iin not in flat


H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        # Times as functions of the moment the test runs.
        (lambda now: {"started_at": now + H, "ended_at": now + 2 * H}, "started_at"),
        (lambda now: {"started_at": now - H, "ended_at": now + H}, "ended_at"),
        (lambda now: {"started_at": now - H, "ended_at": now - 2 * H}, "ended_at"),
        ({"iins": []}, "iins"),
        ({"iins": ["990101300123"]}, "iins"),  # nobody with this IIN
        ({"techniques": [], "special_means": []}, "techniques"),
        ({"techniques": ["waterboarding"]}, "techniques"),
        ({"special_means": ["taser"]}, "special_means"),
        ({"special_means": ["handcuffs"], "restraint_minutes": None}, "restraint_minutes"),
        ({"special_means": ["rubber_baton"], "restraint_minutes": 30}, "restraint_minutes"),
        ({"special_means": ["other"], "restraint_minutes": None}, "special_means_other"),
        ({"staff_involved": "  "}, "staff_involved"),
        ({"grounds": ""}, "grounds"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(record, overrides, field):
    if callable(overrides):
        overrides = overrides(timezone.now())
    with pytest.raises(ValidationError) as exc:
        record(**overrides)
    assert field in exc.value.message_dict
    assert not UseOfForce.objects.exists() and not ForceSubject.objects.exists()
    assert not AuditEntry.objects.filter(action="force.record").exists()


def test_a_person_or_zone_of_another_place_is_refused(world, record):
    with pytest.raises(ValidationError) as exc:
        record(iins=[world.person_a.iin, world.person_b.iin])
    assert world.person_b.iin in exc.value.message_dict["iins"][0]
    with pytest.raises(ValidationError) as exc:
        record(zone=world.zone_b)
    assert "zone" in exc.value.message_dict
    assert not UseOfForce.objects.exists()


def test_a_person_transferred_since_counts_as_held_there_from_their_placement(world, record):
    # person B was placed at facility A a week ago and has been moved on to B since.
    placed = timezone.now() - timedelta(days=7)
    Placement.objects.create(
        person=world.person_b, kind="transfer", at=placed, facility=world.facility_a
    )
    with pytest.raises(ValidationError):
        record(iins=[world.person_b.iin], ended_at=placed - timedelta(hours=1))
    use = record(iins=[world.person_b.iin], ended_at=placed + timedelta(days=1))
    assert use.subjects.get().person == world.person_b


def test_an_examination_after_force_satisfies_the_earliest_pending_use(record, examine):
    now = timezone.now()
    first = record(ended_at=now - timedelta(hours=5))
    second = record(ended_at=now - timedelta(hours=3))
    exam = examine(at=now - timedelta(hours=2), findings="Кровоподтёк на плече")
    s1, s2 = first.subjects.get(), second.subjects.get()
    assert s1.examination == exam and s1.examined_at == exam.examined_at
    assert s1.exam_status == ExamStatus.EXAMINED
    assert s2.examination is None
    later = examine(at=now - timedelta(hours=1))
    s2.refresh_from_db()
    assert s2.examination == later
    entry = AuditEntry.objects.filter(action="force.examined").first()
    assert entry.object_id == str(second.uuid)
    assert entry.details == {"person": str(later.person.uuid), "examination": str(later.uuid)}


def test_other_examinations_satisfy_nothing(world, record, examine):
    now = timezone.now()
    use = record(ended_at=now - timedelta(hours=3))
    other_person = PersonFactory(current_facility=world.facility_a, surname="Оспанов")
    Placement.objects.create(
        person=world.person_a,
        kind="transfer",
        at=now - timedelta(days=30),
        facility=world.facility_b,
    )
    examine(at=now - timedelta(hours=1), kind="admission")  # another kind
    examine(at=now - timedelta(hours=1), person=other_person)  # another person
    examine(at=now - timedelta(hours=1), facility=world.facility_b)  # another place
    examine(at=use.started_at - timedelta(minutes=1))  # before the force began
    assert use.subjects.get().examination is None
    assert not AuditEntry.objects.filter(action="force.examined").exists()


def test_overdue_is_counted_in_scope_only(world, record, settings):
    from qorgau.force.tests.routes import use_for_matrix

    settings.QORGAU_FORCE_EXAM_HOURS = 2
    now = timezone.now()
    overdue = record(ended_at=now - timedelta(hours=3))
    record(ended_at=now - timedelta(hours=1))  # still due
    use_for_matrix(world.facility_b, world.person_b, 1).subjects.update(
        exam_due_at=now - timedelta(hours=1)
    )
    admin_a, ombudsman = world.users[Role.FACILITY_ADMIN], world.users[Role.OMBUDSMAN_STAFF]
    assert [s.use_of_force for s in selectors.overdue_subjects_for_user(user=admin_a)] == [overdue]
    assert selectors.overdue_count(user=admin_a) == 1
    assert selectors.overdue_count(user=ombudsman) == 1  # region A
    assert selectors.overdue_count(user=world.users[Role.SOCIAL_WORKER]) == 0
    listed = selectors.uses_of_force_for_user(
        user=admin_a, filters=selectors.ForceFilters(overdue=True)
    )
    assert [u.number for u in listed] == [overdue.number] and listed[0].overdue_count == 1


def test_the_examination_that_came_ends_the_overdue(record, examine, settings):
    settings.QORGAU_FORCE_EXAM_HOURS = 1
    now = timezone.now()
    use = record(ended_at=now - timedelta(hours=3))
    assert use.subjects.get().exam_status == ExamStatus.OVERDUE
    examine(at=now - timedelta(minutes=5))  # late, but it is the examination
    assert use.subjects.get().exam_status == ExamStatus.EXAMINED
    assert selectors.overdue_count(user=use.recorded_by) == 0
