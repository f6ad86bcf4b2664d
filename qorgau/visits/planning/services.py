"""Writes of planning: participants, conflicts, council decisions, the annual plan, visits, teams.

Every function checks its input, refuses with a translated ValidationError that
changes nothing, and writes its audit entry in the same transaction. Access
(who may call) is the views' business: see qorgau/visits/selectors.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.complaints.services import number_next
from qorgau.core.audit import audit_record

from ..choices import DecisionKind, Expertise, Gender, PlanStatus, TeamRole, VisitKind, VisitStatus
from ..models import (
    AnnualPlan,
    ConflictDeclaration,
    CouncilDecision,
    Participant,
    TeamMember,
    Visit,
)

MIN_TEAM = 3

# The one table of status moves: from → allowed targets.
TRANSITIONS: dict[str, frozenset[str]] = {
    VisitStatus.PLANNED: frozenset({VisitStatus.IN_PROGRESS, VisitStatus.CANCELLED}),
    VisitStatus.IN_PROGRESS: frozenset({VisitStatus.DONE, VisitStatus.CANCELLED}),
    VisitStatus.DONE: frozenset(),
    VisitStatus.CANCELLED: frozenset(),
}


def _today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------- participants


def _participant_check(
    *,
    participant: Participant | None,
    gender: str,
    expertise: Iterable[str],
    active_from: date,
    active_until: date | None,
    user: Any,
    admitted_by: CouncilDecision | None,
) -> None:
    errors: dict[str, str] = {}
    if gender not in Gender.values:
        errors["gender"] = _("Choose the gender.")
    unknown = [e for e in expertise if e not in Expertise.values]
    if unknown:
        errors["expertise"] = _("Unknown expertise: %(v)s.") % {"v": ", ".join(unknown)}
    if active_until and active_until < active_from:
        errors["active_until"] = _("The active period cannot end before it starts.")
    if user is not None:
        taken = Participant.objects.filter(user=user)
        if participant is not None:
            taken = taken.exclude(pk=participant.pk)
        if taken.exists():
            errors["user"] = _("This user account is already linked to another participant.")
    if admitted_by is not None and admitted_by.kind != DecisionKind.ADMISSION:
        errors["admitted_by"] = _("Participants are admitted by a decision on admission.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def participant_save(
    *,
    actor: Any,
    participant: Participant | None = None,
    full_name: str,
    gender: str,
    active_from: date,
    organisation: str = "",
    expertise: Iterable[str] = (),
    languages: Iterable[str] = (),
    regions: Iterable[Any] = (),
    active_until: date | None = None,
    user: Any = None,
    admitted_by: CouncilDecision | None = None,
    phone: str = "",
) -> Participant:
    """Enter a participant in the register (`participant` None) or change their entry."""
    expertise, languages = list(expertise), list(languages)
    if not full_name.strip():
        raise ValidationError({"full_name": _("Enter the full name.")})
    _participant_check(
        participant=participant,
        gender=gender,
        expertise=expertise,
        active_from=active_from,
        active_until=active_until,
        user=user,
        admitted_by=admitted_by,
    )
    if participant is None:
        p, before = Participant(), None
    else:
        p = Participant.objects.select_for_update().get(pk=participant.pk)
        before = {"active_from": p.active_from, "active_until": p.active_until, "user": p.user_id}
    p.full_name, p.gender, p.organisation = full_name.strip(), gender, organisation
    p.expertise, p.languages, p.phone = expertise, languages, phone
    p.active_from, p.active_until = active_from, active_until
    p.user, p.admitted_by = user, admitted_by
    p.save()
    p.regions.set(list(regions))
    after = {"active_from": active_from, "active_until": active_until, "user": p.user_id}
    audit_record(
        actor=actor,
        action="visit.participant_create" if before is None else "visit.participant_update",
        obj=p,
        details={
            "expertise": expertise,
            "admitted_by": admitted_by and admitted_by.number,
            "before": before,
            "after": after,
        },
    )
    return p


@transaction.atomic
def conflict_declare(
    *,
    actor: Any,
    participant: Participant,
    facility: Any,
    reason: str,
    declared_on: date | None = None,
) -> ConflictDeclaration:
    """Record a participant's conflict of interest with a place: it keeps them off its teams."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    if facility is None:
        raise ValidationError({"facility": _("Choose the place.")})
    declared_on = declared_on or _today()
    if declared_on > _today():
        raise ValidationError({"declared_on": _("A declaration cannot be dated in the future.")})
    conflict = ConflictDeclaration.objects.create(
        participant=participant, facility=facility, reason=reason.strip(), declared_on=declared_on
    )
    audit_record(
        actor=actor,
        action="visit.conflict_declare",
        obj=participant,
        details={"facility": str(facility.uuid), "declared_on": declared_on},
    )
    return conflict


@transaction.atomic
def conflict_end(
    *, actor: Any, conflict: ConflictDeclaration, ended_on: date | None = None
) -> ConflictDeclaration:
    """Record that a declared conflict no longer applies from a date."""
    ended_on = ended_on or _today()
    if conflict.ended_on is not None:
        raise ValidationError(_("This conflict of interest has already ended."))
    if ended_on < conflict.declared_on:
        raise ValidationError(_("A conflict cannot end before it was declared."))
    conflict.ended_on = ended_on
    conflict.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.conflict_end",
        obj=conflict.participant,
        details={"facility": str(conflict.facility.uuid), "ended_on": ended_on},
    )
    return conflict


# ---------------------------------------------------------------- council


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    number: str,
    date: date,
    kind: str,
    title: str,
    text: str = "",
    admit: Iterable[Participant] = (),
    year: int | None = None,
) -> CouncilDecision:
    """Record a Coordinating Council decision; an admission decision admits its participants."""
    admit = list(admit)
    errors: dict[str, str] = {}
    if not number.strip():
        errors["number"] = _("Enter the decision's number.")
    elif CouncilDecision.objects.filter(number=number.strip(), date__year=date.year).exists():
        errors["number"] = _("A decision with this number is already recorded for that year.")
    if kind not in DecisionKind.values:
        errors["kind"] = _("Choose the kind of decision.")
    if not title.strip():
        errors["title"] = _("Enter the subject.")
    if admit and kind != DecisionKind.ADMISSION:
        errors["admit"] = _("Only a decision on admission admits participants.")
    if kind in (DecisionKind.ANNUAL_PLAN, DecisionKind.ANNUAL_REPORT) and year is None:
        errors["year"] = _("Give the year the plan or report covers.")
    if year is not None and not 2000 <= year <= 2100:
        errors["year"] = _("Choose a year between 2000 and 2100.")
    if (
        kind == DecisionKind.ANNUAL_REPORT
        and CouncilDecision.objects.filter(kind=kind, year=year).exists()
    ):
        errors["year"] = _("The annual report of that year is already adopted.")
    if errors:
        raise ValidationError(errors)
    decision = CouncilDecision.objects.create(
        number=number.strip(),
        date=date,
        kind=kind,
        title=title.strip(),
        text=text,
        year=year,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    for p in admit:
        p.admitted_by, p.active_from = decision, date
        p.save(update_fields=["admitted_by", "active_from", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.decision_record",
        obj=decision,
        details={"kind": kind, "year": year, "admitted": [str(p.uuid) for p in admit]},
    )
    return decision


# ---------------------------------------------------------------- the annual plan


@transaction.atomic
def plan_for_year(*, actor: Any, year: int) -> AnnualPlan:
    """The year's plan, made (draft) on first use."""
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Choose a year between 2000 and 2100."))
    plan, created = AnnualPlan.objects.get_or_create(year=year)
    if created:
        audit_record(actor=actor, action="visit.plan_create", obj=plan, details={"year": year})
    return plan


@transaction.atomic
def plan_approve(*, actor: Any, plan: AnnualPlan, decision: CouncilDecision) -> AnnualPlan:
    """Mark the plan approved by the council's decision on the annual plan."""
    plan = AnnualPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("The plan is already approved."))
    if decision.kind != DecisionKind.ANNUAL_PLAN:
        raise ValidationError(
            {"decision": _("The plan is approved by a decision on the annual plan.")}
        )
    if decision.year is not None and decision.year != plan.year:
        raise ValidationError(
            {"decision": _("That decision approves the plan of %(y)d.") % {"y": decision.year}}
        )
    if not plan.visits.exists():
        raise ValidationError(_("The plan has no visits yet."))
    plan.status, plan.decision = PlanStatus.APPROVED, decision
    plan.save(update_fields=["status", "decision", "updated_at"])
    audit_record(
        actor=actor, action="visit.plan_approve", obj=plan, details={"decision": decision.number}
    )
    return plan


# ---------------------------------------------------------------- visits


def _dates_check(start_date: date | None, end_date: date | None) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The last day cannot be before the first.")})
    if end_date and not start_date:
        raise ValidationError({"start_date": _("Give the first day too.")})


@transaction.atomic
def visit_create(
    *,
    actor: Any,
    kind: str,
    facility: Any = None,
    plan: AnnualPlan | None = None,
    quarter: int | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    case_file: Any = None,
    follows: Visit | None = None,
    purpose: str = "",
    announced: bool = False,
) -> Visit:
    """Open a visit: planned (plan and quarter), special (maybe from a case file) or follow-up."""
    if kind not in VisitKind.values:
        raise ValidationError({"kind": _("Choose the type of visit.")})
    _dates_check(start_date, end_date)
    if kind == VisitKind.PLANNED:
        if plan is None:
            raise ValidationError({"plan": _("A planned visit belongs to an annual plan.")})
        if quarter not in (1, 2, 3, 4):
            raise ValidationError({"quarter": _("Choose the quarter of the plan.")})
        if start_date and start_date.year != plan.year:
            raise ValidationError(
                {"start_date": _("The visit's first day must fall in the plan's year.")}
            )
        if start_date and (start_date.month - 1) // 3 + 1 != quarter:
            raise ValidationError({"start_date": _("The first day is not in the chosen quarter.")})
    elif plan is not None or quarter is not None:
        raise ValidationError({"plan": _("Only planned visits belong to the annual plan.")})
    if kind == VisitKind.FOLLOW_UP:
        if follows is None:
            raise ValidationError({"follows": _("Choose the visit this one follows up.")})
        if follows.status == VisitStatus.CANCELLED:
            raise ValidationError({"follows": _("A cancelled visit cannot be followed up.")})
        if facility is not None and facility.pk != follows.facility_id:
            raise ValidationError({"facility": _("A follow-up visit goes to the same place.")})
        facility = follows.facility
        if start_date and follows.start_date and start_date < follows.start_date:
            raise ValidationError(
                {"start_date": _("A follow-up cannot start before the visit it follows.")}
            )
    elif follows is not None:
        raise ValidationError({"follows": _("Only a follow-up visit follows another visit.")})
    if case_file is not None:
        if kind != VisitKind.SPECIAL:
            raise ValidationError({"kind": _("A visit opened from a case file is special.")})
        if facility is not None and facility.pk != case_file.facility_id:
            raise ValidationError({"facility": _("The case file concerns another place.")})
        facility = case_file.facility
    if facility is None:
        raise ValidationError({"facility": _("Choose the place.")})
    year = start_date.year if start_date else (plan.year if plan else _today().year)
    visit = Visit.objects.create(
        number=number_next(prefix="VIS", year=year),
        kind=kind,
        facility=facility,
        plan=plan,
        quarter=quarter,
        start_date=start_date,
        end_date=end_date,
        case_file=case_file,
        follows=follows,
        purpose=purpose,
        announced=announced,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="visit.create",
        obj=visit,
        details={
            "kind": kind,
            "facility": str(facility.uuid),
            "plan": plan and plan.year,
            "quarter": quarter,
            "case_file": case_file and case_file.number,
            "follows": follows and follows.number,
        },
    )
    return visit


@transaction.atomic
def visit_update(
    *,
    actor: Any,
    visit: Visit,
    start_date: date | None,
    end_date: date | None,
    purpose: str = "",
    announced: bool = False,
    quarter: int | None = None,
) -> Visit:
    """Change a visit's dates and purpose (and its quarter in the plan) before it is over."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError(_("A visit that is over cannot be changed here."))
    _dates_check(start_date, end_date)
    if visit.plan_id is not None:
        if quarter not in (1, 2, 3, 4):
            raise ValidationError({"quarter": _("Choose the quarter of the plan.")})
        if start_date and start_date.year != visit.plan.year:
            raise ValidationError(
                {"start_date": _("The visit's first day must fall in the plan's year.")}
            )
        if start_date and (start_date.month - 1) // 3 + 1 != quarter:
            raise ValidationError({"start_date": _("The first day is not in the chosen quarter.")})
    else:
        quarter = None
    # New dates must not leave an inactive or conflicted member on the team.
    for m in visit.team.select_related("participant"):
        _member_check(visit=visit, participant=m.participant, start=start_date, end=end_date)
    before = {"start_date": visit.start_date, "end_date": visit.end_date, "quarter": visit.quarter}
    visit.start_date, visit.end_date, visit.quarter = start_date, end_date, quarter
    visit.purpose, visit.announced = purpose, announced
    visit.save(
        update_fields=["start_date", "end_date", "quarter", "purpose", "announced", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="visit.update",
        obj=visit,
        details={"before": before, "after": {"start_date": start_date, "end_date": end_date}},
    )
    return visit


def team_problems(visit: Visit) -> list[str]:
    """Why the team cannot start the visit yet (empty when it can)."""
    members = list(visit.team.all())
    problems = []
    if len(members) < MIN_TEAM:
        problems.append(
            _("A team needs at least %(min)d participants; it has %(n)d.")
            % {"min": MIN_TEAM, "n": len(members)}
        )
    leaders = sum(1 for m in members if m.role == TeamRole.LEADER)
    if leaders != 1:
        problems.append(_("Pick the team's leader."))
    return problems


def _status_change(*, actor: Any, visit: Visit, to: str, reason: str = "", on: date | None = None):
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if to not in TRANSITIONS.get(visit.status, frozenset()):
        raise ValidationError(
            _("A visit that is “%(from)s” cannot become “%(to)s”.")
            % {"from": visit.get_status_display(), "to": VisitStatus(to).label}
        )
    fields = ["status"]
    if to == VisitStatus.IN_PROGRESS:
        problems = team_problems(visit)
        if problems:
            raise ValidationError(problems)
        on = on or _today()
        for m in visit.team.select_related("participant"):
            _member_check(visit=visit, participant=m.participant, start=on, end=visit.end_date)
        visit.start_date = on
        if visit.end_date and visit.end_date < on:
            visit.end_date = on
            fields.append("end_date")
        fields.append("start_date")
    elif to == VisitStatus.DONE:
        on = on or _today()
        if visit.start_date and on < visit.start_date:
            raise ValidationError(_("The last day cannot be before the first."))
        visit.end_date = on
        fields.append("end_date")
    elif to == VisitStatus.CANCELLED and not reason.strip():
        raise ValidationError({"reason": _("Say why the visit is cancelled.")})
    before = visit.status
    visit.status = to
    visit.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action=f"visit.{ {'in_progress': 'start', 'done': 'finish', 'cancelled': 'cancel'}[to] }",
        obj=visit,
        details={"from": before, "to": to, "on": on, "reason": reason.strip()},
    )
    return visit


@transaction.atomic
def visit_start(*, actor: Any, visit: Visit, on: date | None = None) -> Visit:
    """The team is on site: needs three participants or more and exactly one leader."""
    return _status_change(actor=actor, visit=visit, to=VisitStatus.IN_PROGRESS, on=on)


@transaction.atomic
def visit_finish(*, actor: Any, visit: Visit, on: date | None = None) -> Visit:
    """The visit on site is over (its last day is recorded)."""
    return _status_change(actor=actor, visit=visit, to=VisitStatus.DONE, on=on)


@transaction.atomic
def visit_cancel(*, actor: Any, visit: Visit, reason: str) -> Visit:
    """Cancel a visit that is not over, with the reason."""
    return _status_change(actor=actor, visit=visit, to=VisitStatus.CANCELLED, reason=reason)


# ---------------------------------------------------------------- the team


def conflict_of(participant: Participant, facility: Any, on: date) -> ConflictDeclaration | None:
    """The participant's declaration of a conflict with the place that applies on `on`."""
    return (
        ConflictDeclaration.objects.filter(
            participant=participant, facility=facility, declared_on__lte=on
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .first()
    )


def _member_check(
    *, visit: Visit, participant: Participant, start: date | None, end: date | None
) -> None:
    start = start or _today()
    end = end or start
    conflict = conflict_of(participant, visit.facility, start)
    if conflict is not None:
        raise ValidationError(
            {
                "participant": _(
                    "%(name)s declared a conflict of interest with %(place)s on %(date)s: "
                    "“%(reason)s”. They cannot be on this team."
                )
                % {
                    "name": participant.full_name,
                    "place": visit.facility.name,
                    "date": conflict.declared_on.strftime("%d.%m.%Y"),
                    "reason": conflict.reason,
                }
            }
        )
    if participant.active_from > start or (
        participant.active_until is not None and participant.active_until < end
    ):
        until = participant.active_until.strftime("%d.%m.%Y") if participant.active_until else "…"
        raise ValidationError(
            {
                "participant": _(
                    "%(name)s is not an active participant on the visit's dates "
                    "(active %(start)s – %(end)s)."
                )
                % {
                    "name": participant.full_name,
                    "start": participant.active_from.strftime("%d.%m.%Y"),
                    "end": until,
                }
            }
        )


@transaction.atomic
def team_add(
    *,
    actor: Any,
    visit: Visit,
    participant: Participant,
    role: str = TeamRole.MEMBER,
    days: int = 1,
) -> TeamMember:
    """Put a participant on the visit's team (no conflict, active on its dates, one leader)."""
    visit = Visit.objects.select_for_update().select_related("facility").get(pk=visit.pk)
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError(_("The team of a visit that is over cannot change."))
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Choose the role on the team.")})
    if days < 1:
        raise ValidationError({"days": _("A member spends at least one day on the visit.")})
    if visit.team.filter(participant=participant).exists():
        raise ValidationError(
            {"participant": _("%(name)s is already on the team.") % {"name": participant.full_name}}
        )
    _member_check(visit=visit, participant=participant, start=visit.start_date, end=visit.end_date)
    if role == TeamRole.LEADER:
        leader = visit.team.filter(role=TeamRole.LEADER).select_related("participant").first()
        if leader is not None:
            raise ValidationError(
                {
                    "role": _(
                        "%(name)s already leads the team: make the new member the leader instead."
                    )
                    % {"name": leader.participant.full_name}
                }
            )
    member = TeamMember.objects.create(visit=visit, participant=participant, role=role, days=days)
    audit_record(
        actor=actor,
        action="visit.team_add",
        obj=visit,
        details={"participant": str(participant.uuid), "role": role, "days": days},
    )
    return member


@transaction.atomic
def team_remove(*, actor: Any, visit: Visit, participant: Participant) -> None:
    """Take a participant off a visit's team (not below three once the visit is on site)."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError(_("The team of a visit that is over cannot change."))
    member = visit.team.filter(participant=participant).first()
    if member is None:
        raise ValidationError(_("%(name)s is not on the team.") % {"name": participant.full_name})
    if visit.status == VisitStatus.IN_PROGRESS:
        if visit.team.count() <= MIN_TEAM:
            raise ValidationError(
                _("A team on site keeps at least %(min)d participants.") % {"min": MIN_TEAM}
            )
        if member.role == TeamRole.LEADER:
            raise ValidationError(_("Pick another leader before the leader leaves the team."))
    member.delete()
    audit_record(
        actor=actor,
        action="visit.team_remove",
        obj=visit,
        details={"participant": str(participant.uuid), "role": member.role},
    )


@transaction.atomic
def team_set_leader(*, actor: Any, visit: Visit, participant: Participant) -> TeamMember:
    """Make a member the team's leader; the previous leader stays as a member."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        raise ValidationError(_("The team of a visit that is over cannot change."))
    member = visit.team.filter(participant=participant).first()
    if member is None:
        raise ValidationError(_("%(name)s is not on the team.") % {"name": participant.full_name})
    if member.role == TeamRole.LEADER:
        return member
    previous = visit.team.filter(role=TeamRole.LEADER).select_related("participant").first()
    if previous is not None:
        previous.role = TeamRole.MEMBER
        previous.save(update_fields=["role"])
    member.role = TeamRole.LEADER
    member.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="visit.team_leader",
        obj=visit,
        details={
            "leader": str(participant.uuid),
            "previous": previous and str(previous.participant.uuid),
        },
    )
    return member
