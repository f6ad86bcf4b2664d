from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.recommendations import selectors, services
from qorgau.recommendations.models import StatusChange
from qorgau.visits.models import Finding
from qorgau.visits.tests.routes import visit_for_matrix

from .helpers import recommendation, send_report, smart

pytestmark = pytest.mark.django_db


def test_create_numbers_and_starts_history(world):
    rec = recommendation(world)
    assert rec.number.startswith(f"REC-{timezone.now().year}-")
    assert rec.facility == world.facility_a
    assert list(rec.status_changes.values_list("status", flat=True)) == ["not_started"]
    assert AuditEntry.objects.filter(action="recommendation.create", object_id=str(rec.uuid))


@pytest.mark.parametrize("field", ["action", "responsible_unit", "indicator", "addressee_agency"])
def test_create_requires_every_smart_field(world, field):
    with pytest.raises(ValidationError) as exc:
        recommendation(world, **{field: "  "})
    assert field in exc.value.message_dict


def test_create_refuses_deadline_in_the_past(world):
    with pytest.raises(ValidationError) as exc:
        recommendation(world, deadline=timezone.localdate() - timedelta(days=1))
    assert "deadline" in exc.value.message_dict


def test_create_refuses_unknown_agency_and_theme(world):
    with pytest.raises(ValidationError) as exc:
        recommendation(world, addressee_agency="mars", theme="weather")
    assert {"addressee_agency", "theme"} <= set(exc.value.message_dict)


def test_create_links_only_findings_of_the_visit(world):
    own = Finding.objects.create(
        visit=visit_for_matrix(world, world.facility_a), theme="health", title="No doctor"
    )
    other = Finding.objects.create(
        visit=visit_for_matrix(world, world.facility_b), theme="health", title="Other"
    )
    rec = recommendation(world, findings=[own])
    assert list(rec.findings.all()) == [own]
    with pytest.raises(ValidationError):
        recommendation(world, findings=[other])


def test_create_refused_once_report_left_draft(world):
    send_report(visit_for_matrix(world, world.facility_a), status="review")
    with pytest.raises(ValidationError):
        recommendation(world)


def test_status_change_kept_in_history_with_verification(world):
    rec = recommendation(world)
    coordinator = world.users[Role.NPM_COORDINATOR]
    services.recommendation_set_status(actor=coordinator, recommendation=rec, status="in_progress")
    follow_up = visit_for_matrix(world, world.facility_a).__class__.objects.create(
        number="VIS-2026-9100", kind="follow_up", facility=world.facility_a
    )
    services.recommendation_set_status(
        actor=coordinator, recommendation=rec, status="implemented", verified_on=follow_up
    )
    rec.refresh_from_db()
    assert rec.status == "implemented"
    steps = list(StatusChange.objects.filter(recommendation=rec))
    assert [s.status for s in steps] == ["not_started", "in_progress", "implemented"]
    assert steps[-1].verified_on == follow_up
    assert AuditEntry.objects.filter(action="recommendation.status").count() == 2
    assert not selectors.open_for_facility(world.facility_a).filter(pk=rec.pk).exists()


@pytest.mark.parametrize("status", ["rejected", "not_implemented", "not_relevant"])
def test_status_needs_note(world, status):
    rec = recommendation(world)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_set_status(
            actor=world.users[Role.NPM_COORDINATOR], recommendation=rec, status=status
        )
    assert "note" in exc.value.message_dict
    rec.refresh_from_db()
    assert rec.status == "not_started" and rec.status_changes.count() == 1


def test_verification_only_by_a_visit_to_the_same_place(world):
    rec = recommendation(world)
    with pytest.raises(ValidationError):
        services.recommendation_set_status(
            actor=world.users[Role.NPM_COORDINATOR],
            recommendation=rec,
            status="implemented",
            verified_on=visit_for_matrix(world, world.facility_b),
        )


def test_open_for_facility_excludes_closed(world):
    a = recommendation(world)
    b = recommendation(world)
    services.recommendation_set_status(
        actor=None, recommendation=b, status="not_relevant", note="The unit was closed"
    )
    assert list(selectors.open_for_facility(world.facility_a)) == [a]


def test_smart_helper_is_valid(world):
    assert not services._smart_errors(smart(), creating=True)


def test_an_earlier_visit_cannot_verify(world):
    from datetime import date

    from qorgau.visits.models import Visit

    rec = recommendation(world)  # its visit started on 2 March 2026
    earlier = Visit.objects.create(
        number="VIS-2026-9110",
        kind="planned",
        facility=world.facility_a,
        start_date=date(2026, 1, 10),
    )
    with pytest.raises(ValidationError):
        services.recommendation_set_status(
            actor=None, recommendation=rec, status="implemented", verified_on=earlier
        )
    assert not selectors.to_verify_on(earlier).filter(pk=rec.pk).exists()
