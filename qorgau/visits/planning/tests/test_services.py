"""Rules of planning: teams, conflicts, active periods, kinds of visit, the plan, the council."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.visits.choices import VisitStatus
from qorgau.visits.models import AnnualPlan, TeamMember, Visit
from qorgau.visits.planning import services

from .makers import case_file, participant, team, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord(world):
    return world.users[Role.NPM_COORDINATOR]


def _actions(obj=None):
    return list(AuditEntry.objects.values_list("action", flat=True))


def test_team_of_fewer_than_three_cannot_start(world, coord):
    v = team(visit(world.facility_a), participant(), participant())
    with pytest.raises(ValidationError, match="at least 3 participants; it has 2"):
        services.visit_start(actor=coord, visit=v)
    v.refresh_from_db()
    assert v.status == VisitStatus.PLANNED
    assert "visit.start" not in _actions()


def test_team_without_leader_cannot_start(world, coord):
    v = team(visit(world.facility_a), participant(), participant(), participant(), leader=False)
    with pytest.raises(ValidationError, match="leader"):
        services.visit_start(actor=coord, visit=v, on=date(2026, 5, 4))
    assert Visit.objects.get(pk=v.pk).status == VisitStatus.PLANNED


def test_team_of_three_with_leader_starts_and_finishes_with_audit(world, coord):
    v = team(visit(world.facility_a), participant(), participant(), participant())
    services.visit_start(actor=coord, visit=v, on=date(2026, 5, 4))
    v = services.visit_finish(actor=coord, visit=v, on=date(2026, 5, 5))
    assert (v.status, v.start_date, v.end_date) == ("done", date(2026, 5, 4), date(2026, 5, 5))
    assert {"visit.start", "visit.finish"} <= set(_actions())
    with pytest.raises(ValidationError, match="cannot become"):
        services.visit_cancel(actor=coord, visit=v, reason="Поздно")


def test_cancel_needs_a_reason(world, coord):
    v = visit(world.facility_a)
    with pytest.raises(ValidationError):
        services.visit_cancel(actor=coord, visit=v, reason=" ")
    v = services.visit_cancel(actor=coord, visit=v, reason="Карантин")
    assert v.status == VisitStatus.CANCELLED
    assert "visit.cancel" in _actions()


def test_conflicted_participant_is_refused_with_the_conflict_named(world, coord):
    v = visit(world.facility_a)
    p = participant("Жанна Конфликтова")
    services.conflict_declare(
        actor=coord,
        participant=p,
        facility=world.facility_a,
        reason="Брат служит здесь",
        declared_on=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as exc:
        services.team_add(actor=coord, visit=v, participant=p)
    text = " ".join(exc.value.messages)
    assert "Жанна Конфликтова" in text and "Брат служит здесь" in text
    assert world.facility_a.name in text
    assert not TeamMember.objects.filter(visit=v).exists()
    assert "visit.team_add" not in _actions()


def test_ended_conflict_no_longer_blocks(world, coord):
    v = visit(world.facility_a)
    p = participant()
    c = services.conflict_declare(
        actor=coord,
        participant=p,
        facility=world.facility_a,
        reason="Работала здесь",
        declared_on=date(2024, 1, 1),
    )
    services.conflict_end(actor=coord, conflict=c, ended_on=date(2025, 1, 1))
    services.team_add(actor=coord, visit=v, participant=p)
    assert v.team.count() == 1


def test_conflict_with_another_place_does_not_block(world, coord):
    v = visit(world.facility_a)
    p = participant()
    services.conflict_declare(
        actor=coord,
        participant=p,
        facility=world.facility_b,
        reason="Муж",
        declared_on=date(2025, 1, 1),
    )
    services.team_add(actor=coord, visit=v, participant=p)


def test_participant_not_active_on_the_dates_is_refused(world, coord):
    v = visit(world.facility_a, start=date(2026, 5, 4), end=date(2026, 5, 6))
    expired = participant("Срок Истёк", active_until=date(2026, 5, 5))
    future = participant("Ещё Не Принят", active_from=date(2026, 6, 1))
    for p in (expired, future):
        with pytest.raises(ValidationError, match="not an active participant"):
            services.team_add(actor=coord, visit=v, participant=p)
    assert v.team.count() == 0


def test_one_leader_and_leader_change(world, coord):
    v = visit(world.facility_a)
    a, b = participant(), participant()
    services.team_add(actor=coord, visit=v, participant=a, role="leader")
    with pytest.raises(ValidationError, match="already leads"):
        services.team_add(actor=coord, visit=v, participant=b, role="leader")
    services.team_add(actor=coord, visit=v, participant=b)
    services.team_set_leader(actor=coord, visit=v, participant=b)
    roles = dict(v.team.values_list("participant_id", "role"))
    assert roles == {a.pk: "member", b.pk: "leader"}
    with pytest.raises(ValidationError, match="already on the team"):
        services.team_add(actor=coord, visit=v, participant=a)
    services.team_remove(actor=coord, visit=v, participant=a)
    assert v.team.count() == 1
    assert {"visit.team_add", "visit.team_leader", "visit.team_remove"} <= set(_actions())


def test_team_on_site_keeps_three(world, coord):
    v = team(
        visit(world.facility_a, status="in_progress"), participant(), participant(), participant()
    )
    with pytest.raises(ValidationError, match="at least 3"):
        services.team_remove(actor=coord, visit=v, participant=v.team.last().participant)


def test_special_visit_from_case_file_keeps_it_and_its_place(world, coord):
    case = case_file(world.facility_a)
    v = services.visit_create(actor=coord, kind="special", case_file=case, purpose="Проверка")
    assert (v.case_file, v.facility) == (case, world.facility_a)
    assert v.number.startswith(f"VIS-{date.today().year}-")
    with pytest.raises(ValidationError, match="another place"):
        services.visit_create(
            actor=coord, kind="special", case_file=case, facility=world.facility_b
        )
    with pytest.raises(ValidationError, match="special"):
        services.visit_create(actor=coord, kind="follow_up", case_file=case, follows=v)


def test_follow_up_goes_to_the_place_of_the_visit_it_follows(world, coord):
    first = visit(world.facility_a, status="done")
    v = services.visit_create(
        actor=coord, kind="follow_up", follows=first, start_date=date(2026, 9, 1)
    )
    assert (v.follows, v.facility) == (first, world.facility_a)
    assert list(first.follow_ups.all()) == [v]
    with pytest.raises(ValidationError, match="Choose the visit"):
        services.visit_create(actor=coord, kind="follow_up", facility=world.facility_a)
    with pytest.raises(ValidationError, match="same place"):
        services.visit_create(
            actor=coord, kind="follow_up", follows=first, facility=world.facility_b
        )


def test_planned_visit_needs_plan_and_matching_quarter(world, coord):
    plan = services.plan_for_year(actor=coord, year=2026)
    with pytest.raises(ValidationError, match="quarter"):
        services.visit_create(
            actor=coord,
            kind="planned",
            facility=world.facility_a,
            plan=plan,
            quarter=1,
            start_date=date(2026, 5, 4),
        )
    with pytest.raises(ValidationError, match="annual plan"):
        services.visit_create(actor=coord, kind="planned", facility=world.facility_a)
    v = services.visit_create(
        actor=coord, kind="planned", facility=world.facility_a, plan=plan, quarter=2
    )
    assert v.number == "VIS-2026-000001"
    assert Visit.objects.count() == 1


def test_plan_is_approved_by_an_annual_plan_decision(world, coord):
    plan = services.plan_for_year(actor=coord, year=2026)
    services.visit_create(
        actor=coord, kind="planned", facility=world.facility_a, plan=plan, quarter=3
    )
    other = services.decision_record(
        actor=coord, number="1", date=date(2026, 1, 10), kind="other", title="Разное"
    )
    with pytest.raises(ValidationError):
        services.plan_approve(actor=coord, plan=plan, decision=other)
    d = services.decision_record(
        actor=coord,
        number="2",
        date=date(2026, 1, 10),
        kind="annual_plan",
        title="План 2026",
        year=2026,
    )
    plan = services.plan_approve(actor=coord, plan=plan, decision=d)
    assert (AnnualPlan.objects.get().status, plan.decision) == ("approved", d)
    assert "visit.plan_approve" in _actions()


def test_admission_decision_admits_participants(world, coord):
    p = participant(active_from=date(2026, 3, 1))
    d = services.decision_record(
        actor=coord,
        number="7",
        date=date(2026, 2, 1),
        kind="admission",
        title="О приёме",
        admit=[p],
    )
    p.refresh_from_db()
    assert (p.admitted_by, p.active_from) == (d, date(2026, 2, 1))
    with pytest.raises(ValidationError, match="already recorded"):
        services.decision_record(
            actor=coord, number="7", date=date(2026, 5, 1), kind="other", title="Дубль"
        )
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=coord, number="8", date=date(2026, 5, 1), kind="other", title="X", admit=[p]
        )


def test_participant_register_rules(world, coord):
    user = world.users[Role.NPM_PARTICIPANT]
    p = services.participant_save(
        actor=coord,
        full_name="Айгерим Врач",
        gender="f",
        active_from=date(2025, 1, 1),
        expertise=["doctor"],
        languages=["kk", "ru"],
        regions=[world.region_a],
        user=user,
    )
    assert list(p.regions.all()) == [world.region_a]
    with pytest.raises(ValidationError, match="already linked"):
        services.participant_save(
            actor=coord, full_name="Другой", gender="m", active_from=date(2025, 1, 1), user=user
        )
    with pytest.raises(ValidationError, match="cannot end before"):
        services.participant_save(
            actor=coord,
            participant=p,
            full_name="Айгерим Врач",
            gender="f",
            active_from=date(2025, 1, 1),
            active_until=date(2024, 1, 1),
        )
    assert "visit.participant_create" in _actions()


def test_new_dates_refused_when_a_member_would_be_inactive(world, coord):
    v = visit(world.facility_a, start=date(2026, 5, 4), end=date(2026, 5, 5))
    p = participant("До Июня", active_until=date(2026, 5, 31))
    services.team_add(actor=coord, visit=v, participant=p)
    with pytest.raises(ValidationError, match="До Июня is not an active participant"):
        services.visit_update(
            actor=coord, visit=v, start_date=date(2026, 6, 10), end_date=date(2026, 6, 11)
        )
    v.refresh_from_db()
    assert v.start_date == date(2026, 5, 4)
    services.visit_update(
        actor=coord, visit=v, start_date=date(2026, 5, 20), end_date=date(2026, 5, 21)
    )
    assert "visit.update" in _actions()


def test_visit_create_is_audited_with_its_sources(world, coord):
    case = case_file(world.facility_a)
    v = services.visit_create(actor=coord, kind="special", case_file=case)
    entry = AuditEntry.objects.get(action="visit.create")
    assert entry.object_id == str(v.pk) or str(v.uuid) in (entry.object_id, entry.object_repr)
    assert entry.details["case_file"] == case.number and entry.details["kind"] == "special"
    assert entry.actor_id == coord.pk
