"""Reads of the work on site. Interview notes are read only through `interview_notes`,
which writes an audit entry per read; callers have checked `require_conduct` first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_read
from qorgau.recommendations.models import Recommendation
from qorgau.recommendations.selectors import to_verify_on

from ..choices import AnswerType, TemplateStatus, VisitKind
from ..models import (
    Answer,
    ChecklistQuestion,
    ChecklistSection,
    ChecklistTemplate,
    Interview,
    Visit,
    VisitPhoto,
)


def require_checklist_manage(user: Any) -> None:
    """Checklist templates are the coordinators' (the method is the council's, run by them)."""
    if not has_capability(user, Cap.VISIT_COORDINATE):
        raise PermissionDenied


def templates_all() -> QuerySet[ChecklistTemplate]:
    """Every version of every checklist, newest version first within a code."""
    return ChecklistTemplate.objects.all()


def template_or_404(code: str, version: int) -> ChecklistTemplate:
    """A version of a checklist by its code and number (templates have no uuid: both are public)."""
    try:
        return ChecklistTemplate.objects.get(code=code, version=version)
    except ChecklistTemplate.DoesNotExist as exc:
        raise Http404 from exc


def section_or_404(template: ChecklistTemplate, order: int) -> ChecklistSection:
    try:
        return template.sections.get(order=order)
    except ChecklistSection.DoesNotExist as exc:
        raise Http404 from exc


def question_or_404(template: ChecklistTemplate, code: str) -> ChecklistQuestion:
    try:
        return ChecklistQuestion.objects.select_related("section").get(
            section__template=template, code=code
        )
    except ChecklistQuestion.DoesNotExist as exc:
        raise Http404 from exc


def template_latest_published() -> ChecklistTemplate | None:
    """The version a visit gets when its checklist is first opened."""
    return (
        ChecklistTemplate.objects.filter(status=TemplateStatus.PUBLISHED)
        .order_by("-published_at", "-version")
        .first()
    )


@dataclass
class SectionProgress:
    section: ChecklistSection
    questions: list[ChecklistQuestion]
    answers: dict[int, Answer] = field(default_factory=dict)
    photos: dict[int, list[VisitPhoto]] = field(default_factory=dict)

    def answered(self, question: ChecklistQuestion) -> bool:
        if question.answer_type == AnswerType.PHOTO and self.photos.get(question.pk):
            return True
        a = self.answers.get(question.pk)
        return a is not None and bool(a.choice or a.text or a.number is not None)

    @property
    def done(self) -> int:
        return sum(1 for q in self.questions if self.answered(q))

    @property
    def total(self) -> int:
        return len(self.questions)


def checklist_progress(visit: Visit) -> list[SectionProgress]:
    """The visit's checklist by section, with its answers and photos."""
    if visit.checklist_id is None:
        return []
    answers = {a.question_id: a for a in Answer.objects.filter(visit=visit)}
    photos: dict[int, list[VisitPhoto]] = {}
    for p in VisitPhoto.objects.filter(visit=visit, question__isnull=False):
        photos.setdefault(p.question_id, []).append(p)
    result = []
    for section in visit.checklist.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        result.append(
            SectionProgress(
                section=section,
                questions=questions,
                answers={q.pk: answers[q.pk] for q in questions if q.pk in answers},
                photos={q.pk: photos[q.pk] for q in questions if q.pk in photos},
            )
        )
    return result


def open_recommendations(visit: Visit) -> QuerySet[Recommendation]:
    """Open recommendations of earlier visits to the same place: the follow-up checks them."""
    return to_verify_on(visit).select_related("visit").order_by("deadline", "number")


def is_follow_up(visit: Visit) -> bool:
    return visit.kind == VisitKind.FOLLOW_UP or open_recommendations(visit).exists()


def recommendation_open_or_404(visit: Visit, uuid: Any) -> Recommendation:
    try:
        return open_recommendations(visit).get(uuid=uuid)
    except (Recommendation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def photo_or_404(visit: Visit, uuid: Any) -> VisitPhoto:
    try:
        return VisitPhoto.objects.get(visit=visit, uuid=uuid)
    except (VisitPhoto.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def interviews_of(visit: Visit) -> QuerySet[Interview]:
    """The visit's interviews, without their notes (`defer`): lists never load them."""
    return Interview.objects.filter(visit=visit).defer("notes").select_related("zone")


def interview_or_404(visit: Visit, uuid: Any) -> Interview:
    try:
        return Interview.objects.select_related("zone").get(visit=visit, uuid=uuid)
    except (Interview.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def interview_notes(*, actor: Any, interview: Interview) -> str:
    """The notes of a confidential interview; every read is audited."""
    audit_read(actor=actor, obj=interview, details={"visit": str(interview.visit.uuid)})
    return interview.notes
