"""Writes of the work on site: checklist templates and answers, observations, photos,
register extracts, confidential interviews and the verification of recommendations.

Every change writes its audit entry in the same transaction. Interview notes
never go into an audit entry, a case file or a log: what leaves the visit with
the person's consent is the team's separate account (`case_summary`, ADR 0023).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.allegations.choices import SourceKind
from qorgau.allegations.selectors import case_by_number, case_for_source
from qorgau.allegations.services import case_link_source, case_open
from qorgau.core.audit import audit_record
from qorgau.core.uploads import JPEG, PNG, clean_image, read_limited, sniff, storage, stored
from qorgau.facilities.services import zone_check
from qorgau.recommendations.choices import Theme

from ..choices import AnswerChoice, AnswerType, InterviewKind, RegisterKind, TemplateStatus
from ..models import (
    Answer,
    ChecklistQuestion,
    ChecklistSection,
    ChecklistTemplate,
    Interview,
    Observation,
    RegisterExtract,
    Visit,
    VisitPhoto,
)
from .selectors import template_latest_published

# Twelve digits in a row, allowing spaces or dashes between them: an IIN has no place in a
# pseudonym, which is all that identifies a person interviewed.
IIN_LIKE = re.compile(r"(?<!\d)(?:\d[\s-]?){11}\d(?!\d)")


# ---------------------------------------------------------------- checklist templates


def _require_draft(template: ChecklistTemplate) -> None:
    if template.status != TemplateStatus.DRAFT:
        raise ValidationError(
            _("A published version is never edited: make a new version to change it.")
        )


@transaction.atomic
def template_new_version(*, actor: Any, template: ChecklistTemplate) -> ChecklistTemplate:
    """A draft copy of `template` (its sections and questions) as the next version of its code."""
    latest = ChecklistTemplate.objects.filter(code=template.code).aggregate(v=Max("version"))["v"]
    copy = ChecklistTemplate.objects.create(
        code=template.code,
        version=(latest or 0) + 1,
        title_kk=template.title_kk,
        title_ru=template.title_ru,
        title_en=template.title_en,
        status=TemplateStatus.DRAFT,
    )
    for section in template.sections.prefetch_related("questions"):
        new_section = ChecklistSection.objects.create(
            template=copy,
            order=section.order,
            theme=section.theme,
            title_kk=section.title_kk,
            title_ru=section.title_ru,
            title_en=section.title_en,
        )
        ChecklistQuestion.objects.bulk_create(
            ChecklistQuestion(
                section=new_section,
                order=q.order,
                code=q.code,
                text_kk=q.text_kk,
                text_ru=q.text_ru,
                text_en=q.text_en,
                answer_type=q.answer_type,
                standards=q.standards,
            )
            for q in section.questions.all()
        )
    audit_record(
        actor=actor,
        action="visit.checklist_version",
        obj=copy,
        details={"code": copy.code, "version": copy.version, "from": template.version},
    )
    return copy


@transaction.atomic
def template_publish(*, actor: Any, template: ChecklistTemplate) -> ChecklistTemplate:
    """Put a draft version in use; the version it replaces is retired (visits keep theirs)."""
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    _require_draft(template)
    questions = ChecklistQuestion.objects.filter(section__template=template)
    if not questions.exists():
        raise ValidationError(_("A checklist needs at least one question to be published."))
    retired = ChecklistTemplate.objects.filter(
        code=template.code, status=TemplateStatus.PUBLISHED
    ).update(status=TemplateStatus.RETIRED)
    template.status = TemplateStatus.PUBLISHED
    template.published_at = timezone.now()
    template.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.checklist_publish",
        obj=template,
        details={"code": template.code, "version": template.version, "retired": retired},
    )
    return template


def _titles(values: dict) -> dict:
    titles = {f"title_{lang}": (values.get(f"title_{lang}") or "").strip() for lang in LANGS}
    if not titles["title_kk"] or not titles["title_ru"]:
        raise ValidationError(_("Give the title in Kazakh and in Russian."))
    return titles


LANGS = ("kk", "ru", "en")


@transaction.atomic
def section_save(
    *,
    actor: Any,
    template: ChecklistTemplate,
    theme: str,
    values: dict,
    section: ChecklistSection | None = None,
) -> ChecklistSection:
    """Add a section to a draft version (at the end), or change one of its sections."""
    _require_draft(template)
    if theme not in Theme.values:
        raise ValidationError({"theme": _("Choose a theme from the list.")})
    titles = _titles(values)
    if section is None:
        last = template.sections.aggregate(o=Max("order"))["o"] or 0
        section = ChecklistSection(template=template, order=last + 1)
    elif section.template_id != template.pk:
        raise ValidationError(_("This section belongs to another checklist."))
    section.theme = theme
    for field, value in titles.items():
        setattr(section, field, value)
    section.save()
    audit_record(
        actor=actor,
        action="visit.checklist_section",
        obj=template,
        details={"section": section.order, "theme": theme},
    )
    return section


@transaction.atomic
def question_save(
    *,
    actor: Any,
    section: ChecklistSection,
    code: str,
    answer_type: str,
    standards: str,
    texts: dict,
    question: ChecklistQuestion | None = None,
) -> ChecklistQuestion:
    """Add a question to a section of a draft version, or change one."""
    template = section.template
    _require_draft(template)
    code = (code or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,31}", code):
        raise ValidationError({"code": _("Use capital letters, digits and dashes, e.g. DIS-7.")})
    if answer_type not in AnswerType.values:
        raise ValidationError({"answer_type": _("Choose an answer type from the list.")})
    text = {f"text_{lang}": (texts.get(f"text_{lang}") or "").strip() for lang in LANGS}
    if not text["text_kk"] or not text["text_ru"]:
        raise ValidationError(_("Write the question in Kazakh and in Russian."))
    clash = ChecklistQuestion.objects.filter(section__template=template, code=code)
    if question is not None:
        clash = clash.exclude(pk=question.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another question of this checklist has this code.")})
    if question is None:
        last = section.questions.aggregate(o=Max("order"))["o"] or 0
        question = ChecklistQuestion(section=section, order=last + 1)
    elif question.section.template_id != template.pk:
        raise ValidationError(_("This question belongs to another checklist."))
    question.code, question.answer_type = code, answer_type
    question.standards = (standards or "").strip()[:255]
    for field, value in text.items():
        setattr(question, field, value)
    question.save()
    audit_record(
        actor=actor,
        action="visit.checklist_question",
        obj=template,
        details={"question": code, "type": answer_type},
    )
    return question


@transaction.atomic
def question_delete(*, actor: Any, question: ChecklistQuestion) -> None:
    """Remove a question from a draft version."""
    template = question.section.template
    _require_draft(template)
    code = question.code
    question.delete()
    audit_record(
        actor=actor,
        action="visit.checklist_question_delete",
        obj=template,
        details={"question": code},
    )


# ---------------------------------------------------------------- filling the checklist


@transaction.atomic
def visit_checklist_pin(*, actor: Any, visit: Visit) -> ChecklistTemplate | None:
    """The visit's checklist: pinned to the latest published version when first opened."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.checklist_id is None:
        template = template_latest_published()
        if template is None:
            return None
        visit.checklist = template
        visit.save(update_fields=["checklist", "updated_at"])
        audit_record(
            actor=actor,
            action="visit.checklist_pin",
            obj=visit,
            details={"code": template.code, "version": template.version},
        )
    return visit.checklist


def _number(raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", ".").replace(" ", ""))
    except ArithmeticError as exc:
        raise ValidationError(_("Enter a number.")) from exc
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise ValidationError(_("Enter a number."))
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def answers_save(
    *, actor: Any, visit: Visit, section: ChecklistSection, values: dict, photos: dict | None = None
) -> int:
    """Save the answers to one section: {code: {"choice"|"number"|"text": …}}; how many changed.

    Photos of photo-type questions come as {code: upload} and go through `photo_add`.
    All or nothing: one bad answer changes nothing and names the question.
    """
    if visit.checklist_id is None or section.template_id != visit.checklist_id:
        raise ValidationError(_("This section is not part of the visit's checklist."))
    errors: dict[str, list[str]] = {}
    changed = 0
    for question in section.questions.all():
        given = values.get(question.code) or {}
        choice = (given.get("choice") or "").strip()
        text = (given.get("text") or "").strip()
        try:
            number = (
                _number(given.get("number")) if question.answer_type == AnswerType.NUMBER else None
            )
        except ValidationError as exc:
            errors[question.code] = exc.messages
            continue
        if question.answer_type != AnswerType.CHOICE:
            choice = ""
        elif choice and choice not in AnswerChoice.values:
            errors[question.code] = [_("Choose an answer from the list.")]
            continue
        answer = Answer.objects.filter(visit=visit, question=question).first()
        if answer is None and not (choice or text or number is not None):
            continue
        if answer is not None and (answer.choice, answer.number, answer.text) == (
            choice,
            number,
            text,
        ):
            continue
        if answer is None:
            answer = Answer(visit=visit, question=question)
        answer.choice, answer.number, answer.text = choice, number, text
        answer.answered_by = actor
        answer.save()
        changed += 1
    added: list[VisitPhoto] = []
    for code, upload in (photos or {}).items():
        question = section.questions.filter(code=code, answer_type=AnswerType.PHOTO).first()
        if question is None or upload is None:
            continue
        try:
            added.append(photo_add(actor=actor, visit=visit, upload=upload, question=question))
            changed += 1
        except ValidationError as exc:
            errors[code] = exc.messages
    if errors:
        # Their rows go with the transaction; their files would stay without a row.
        for photo in added:
            storage().delete(photo.storage_name)
        raise ValidationError(errors)
    if changed:
        audit_record(
            actor=actor,
            action="visit.checklist_answer",
            obj=visit,
            details={"section": section.order, "changed": changed},
        )
    return changed


# ---------------------------------------------------------------- observations, photos, registers


@transaction.atomic
def observation_add(
    *, actor: Any, visit: Visit, theme: str, text: str, zone: Any = None
) -> Observation:
    """What the team saw, under a theme and in a zone of the place."""
    if theme not in Theme.values:
        raise ValidationError({"theme": _("Choose a theme from the list.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Describe what you observed.")})
    zone_check(zone=zone, facility=visit.facility)
    observation = Observation.objects.create(
        visit=visit, theme=theme, zone=zone, text=text.strip(), by=actor
    )
    audit_record(
        actor=actor,
        action="visit.observation",
        obj=visit,
        details={"observation": str(observation.uuid), "theme": theme},
    )
    return observation


@transaction.atomic
def photo_add(
    *,
    actor: Any,
    visit: Visit,
    upload: Any,
    caption: str = "",
    shows_people: bool = False,
    consent: bool = False,
    question: ChecklistQuestion | None = None,
    observation: Observation | None = None,
) -> VisitPhoto:
    """A photograph: checked by content, re-encoded without metadata, SHA-256 kept, private."""
    if shows_people and not consent:
        raise ValidationError(
            {"consent": _("People can be recognised in this photo: record their consent first.")}
        )
    if observation is not None and observation.visit_id != visit.pk:
        raise ValidationError(_("This observation belongs to another visit."))
    if question is not None and question.section.template_id != visit.checklist_id:
        raise ValidationError(_("This question is not part of the visit's checklist."))
    data = read_limited(upload)
    content_type = sniff(data)
    if content_type not in (JPEG, PNG):
        raise ValidationError({"photo": _("Upload a photo as JPEG or PNG.")})
    original = hashlib.sha256(data).hexdigest()
    if VisitPhoto.objects.filter(visit=visit, original_sha256=original).exists():
        raise ValidationError({"photo": _("This photo is already in the visit.")})
    clean = clean_image(data, content_type)
    try:
        with stored(clean, content_type, folder="visits") as name, transaction.atomic():
            photo = VisitPhoto.objects.create(
                visit=visit,
                question=question,
                observation=observation,
                storage_name=name,
                content_type=content_type,
                size=len(clean),
                sha256=hashlib.sha256(clean).hexdigest(),
                original_sha256=original,
                caption=(caption or "").strip()[:200],
                shows_people=shows_people,
                consent=consent,
                taken_by=actor,
            )
    except IntegrityError as exc:  # the same photo sent twice at once
        raise ValidationError({"photo": _("This photo is already in the visit.")}) from exc
    audit_record(
        actor=actor,
        action="visit.photo",
        obj=visit,
        details={"photo": str(photo.uuid), "sha256": photo.sha256, "shows_people": shows_people},
    )
    return photo


@transaction.atomic
def extract_add(
    *,
    actor: Any,
    visit: Visit,
    register: str,
    period_from: date,
    period_to: date,
    entries: int,
    rows: list[dict] | None = None,
    notes: str = "",
) -> RegisterExtract:
    """What the team copied from a register of the place, for a period."""
    if register not in RegisterKind.values:
        raise ValidationError({"register": _("Choose a register from the list.")})
    if period_from > period_to:
        raise ValidationError({"period_to": _("The period ends before it begins.")})
    if period_to > timezone.localdate():
        raise ValidationError({"period_to": _("The period cannot end in the future.")})
    if entries < 0:
        raise ValidationError({"entries": _("Enter a number of entries, zero or more.")})
    rows = rows or []
    for row in rows:
        if IIN_LIKE.search(" ".join(str(v) for v in row.values())):
            raise ValidationError(
                {"rows": _("Leave identification numbers out of the rows: use pseudonyms.")}
            )
    extract = RegisterExtract.objects.create(
        visit=visit,
        register=register,
        period_from=period_from,
        period_to=period_to,
        entries=entries,
        rows=rows,
        notes=(notes or "").strip(),
        by=actor,
    )
    audit_record(
        actor=actor,
        action="visit.register_extract",
        obj=visit,
        details={"extract": str(extract.uuid), "register": register, "entries": entries},
    )
    return extract


# ---------------------------------------------------------------- confidential interviews


def _interview_errors(
    *, visit: Visit, kind: str, pseudonym: str, group_size: int, zone: Any, held_at: datetime
) -> dict:
    errors: dict[str, str] = {}
    if kind not in InterviewKind.values:
        errors["kind"] = _("Choose individual or group.")
    if not pseudonym:
        errors["pseudonym"] = _("Give a pseudonym: never the person's name.")
    elif IIN_LIKE.search(pseudonym):
        errors["pseudonym"] = _(
            "This looks like an identification number (IIN). Use a pseudonym only."
        )
    if kind == InterviewKind.GROUP and group_size < 2:
        errors["group_size"] = _("A group interview has at least two people.")
    if kind == InterviewKind.INDIVIDUAL and group_size != 1:
        errors["group_size"] = _("An individual interview is with one person.")
    if zone is not None and zone.facility_id != visit.facility_id:
        errors["zone"] = _("The zone belongs to another facility.")
    if held_at > timezone.now():
        errors["held_at"] = _("The interview cannot be in the future.")
    return errors


@transaction.atomic
def interview_record(
    *,
    actor: Any,
    visit: Visit,
    kind: str,
    pseudonym: str,
    held_at: datetime,
    notes: str,
    group_size: int = 1,
    zone: Any = None,
    in_private: bool = True,
    themes: list[str] | None = None,
    consent_to_pass: bool = False,
    alleges_ill_treatment: bool = False,
    case_summary: str = "",
    join_case: str = "",
) -> Interview:
    """A confidential interview; with consent, an allegation opens or joins a case file.

    The case file gets `case_summary` (what the person agreed may be passed on) and
    the interview's uuid as source, never the notes or the pseudonym. Without
    consent nothing leaves the visit.
    """
    pseudonym = (pseudonym or "").strip()
    notes = (notes or "").strip()
    themes = [t for t in (themes or []) if t in Theme.values]
    errors = _interview_errors(
        visit=visit,
        kind=kind,
        pseudonym=pseudonym,
        group_size=group_size,
        zone=zone,
        held_at=held_at,
    )
    if not notes:
        errors["notes"] = _("Write the notes of the interview.")
    raises_case = alleges_ill_treatment and consent_to_pass
    if raises_case and not join_case.strip() and not case_summary.strip():
        errors["case_summary"] = _(
            "Write what the person agreed may be passed on: it opens the case file."
        )
    if (case_summary.strip() or join_case.strip()) and not raises_case:
        errors["consent_to_pass"] = _(
            "Without the person's consent to pass it on, nothing goes to a case file."
        )
    if errors:
        raise ValidationError(errors)
    interview = Interview.objects.create(
        visit=visit,
        kind=kind,
        pseudonym=pseudonym,
        group_size=group_size,
        zone=zone,
        held_at=held_at,
        in_private=in_private,
        notes=notes,
        themes=themes,
        consent_to_pass=consent_to_pass,
        alleges_ill_treatment=alleges_ill_treatment,
        by=actor,
    )
    if raises_case:
        case = _interview_case(
            actor=actor,
            visit=visit,
            interview=interview,
            summary=case_summary.strip(),
            number=join_case.strip().upper(),
        )
        interview.case_reference = case.number
        interview.save(update_fields=["case_reference", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.interview",
        obj=visit,
        details={
            "interview": str(interview.uuid),
            "kind": kind,
            "alleges_ill_treatment": alleges_ill_treatment,
            "consent_to_pass": consent_to_pass,
            "case": interview.case_reference,
        },
    )
    return interview


def _interview_case(*, actor: Any, visit: Visit, interview: Interview, summary: str, number: str):
    reference = str(interview.uuid)
    if number:
        try:
            case = case_by_number(number=number)
        except ObjectDoesNotExist as exc:
            raise ValidationError(
                {"join_case": _("There is no case file with this number.")}
            ) from exc
        if case.facility_id != visit.facility_id:
            raise ValidationError(
                {"join_case": _("This case file is about another place: open a new one instead.")}
            )
        case_link_source(actor=actor, case=case, kind=SourceKind.INTERVIEW, reference=reference)
        return case
    existing = case_for_source(kind=SourceKind.INTERVIEW, reference=reference)
    if existing is not None:
        return existing
    return case_open(
        actor=actor,
        facility=visit.facility,
        zone=interview.zone,
        summary=summary,
        known_at=interview.held_at,
        source_kind=SourceKind.INTERVIEW,
        source_reference=reference,
    )
