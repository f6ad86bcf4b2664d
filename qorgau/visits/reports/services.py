"""Writes of findings and the report: compile, edit, the workflow, versions, comments.

Who may do what (checked here, so that the page and any API call the same rule):
the team and the coordinators draft (findings, compiling, editing a draft, sending
to review); the coordinators of the place review, record the council's adoption,
send to the authority, finalise and publish; the facility administration writes
factual comments only while the report is sent to it, and the NPM answers them.
Every move of the workflow keeps a ReportVersion and an audit entry.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from ..choices import DecisionKind, InformationSource, ReportStatus, SectionKey
from ..models import (
    AuthorityComment,
    CouncilDecision,
    Finding,
    Report,
    ReportSection,
    ReportVersion,
    Visit,
)
from ..selectors import can_conduct, can_coordinate
from . import checks, compile
from .sanitize import sanitize_html

S = ReportStatus

# (from, to) -> who may make the move: "conduct", "coordinate" or "authority".
TRANSITIONS: dict[tuple[str, str], tuple[str, ...]] = {
    (S.DRAFT, S.REVIEW): ("conduct",),
    (S.REVIEW, S.DRAFT): ("coordinate",),
    (S.REVIEW, S.ADOPTED): ("coordinate",),
    (S.ADOPTED, S.SENT): ("coordinate",),
    # The authority says it has finished commenting; the coordinator may record it too
    # (comments received on paper, or none within the period).
    (S.SENT, S.COMMENTED): ("authority", "coordinate"),
    (S.COMMENTED, S.FINAL): ("coordinate",),
    (S.FINAL, S.PUBLISHED): ("coordinate",),
}
# Who edits the sections in which status.
EDITABLE = {S.DRAFT: "conduct", S.REVIEW: "coordinate", S.COMMENTED: "coordinate"}
# Moves that need the personal-data check passed or overridden.
CHECKED = frozenset({S.REVIEW, S.PUBLISHED})
MIN_REASON = 10
MAX_FINDING_TEXT = 20_000
MAX_SECTION_HTML = 200_000


class ReportError(ValidationError):
    """A refused step: the message says why; nothing was changed."""


def _fail(message: str) -> None:
    raise ReportError(message)


def _locked(report: Report) -> Report:
    """Lock the report's row and read its current status into the caller's object."""
    Report.objects.select_for_update().filter(pk=report.pk).exists()
    report.refresh_from_db()
    return report


def is_authority(user: Any, visit: Visit) -> bool:
    return scope_for(user, Cap.VISIT_REPORT_RECEIVE).covers(visit.facility)


def _allowed(user: Any, visit: Visit, who: str) -> bool:
    if who == "conduct":
        return can_conduct(user, visit)
    if who == "coordinate":
        return can_coordinate(user, visit)
    return is_authority(user, visit)


# ---------------------------------------------------------------- findings


def _clean_finding(*, theme: str, title: str, text: str, sources: list[str]) -> list[str]:
    from qorgau.recommendations.choices import Theme

    if theme not in Theme.values:
        _fail(_("Choose a theme."))
    if not (title or "").strip():
        _fail(_("A finding needs a title."))
    if len(text or "") > MAX_FINDING_TEXT:
        _fail(_("The details are too long."))
    cleaned = [s for s in InformationSource.values if s in set(sources or [])]
    if len(cleaned) != len(set(sources or [])):
        _fail(_("Unknown source of information."))
    if not cleaned:
        _fail(_("Say which sources the finding rests on."))
    return cleaned


@transaction.atomic
def finding_save(
    *,
    actor: Any,
    visit: Visit,
    finding: Finding | None = None,
    theme: str,
    title: str,
    text: str = "",
    sources: list[str],
    good_practice: bool = False,
    order: int = 0,
) -> Finding:
    """Add a finding to the visit, or change one: the team and coordinators."""
    if not can_conduct(actor, visit):
        raise PermissionDenied
    sources = _clean_finding(theme=theme, title=title, text=text, sources=sources)
    created = finding is None
    finding = finding or Finding(visit=visit, by=actor)
    if finding.visit_id != visit.pk:
        raise PermissionDenied
    finding.theme, finding.title, finding.text = theme, title.strip()[:255], text.strip()
    finding.sources, finding.good_practice, finding.order = sources, good_practice, order
    finding.save()
    audit_record(
        actor=actor,
        action="visit.finding_add" if created else "visit.finding_change",
        obj=finding,
        details={"visit": visit.number, "theme": theme, "sources": sources},
    )
    return finding


@transaction.atomic
def finding_delete(*, actor: Any, finding: Finding) -> None:
    """Delete a finding (its recommendations keep their text, lose the link)."""
    if not can_conduct(actor, finding.visit):
        raise PermissionDenied
    audit_record(
        actor=actor,
        action="visit.finding_delete",
        obj=finding,
        details={"visit": finding.visit.number, "title": finding.title},
    )
    finding.delete()


def single_source(finding: Finding) -> bool:
    """Triangulation: a finding that rests on one source only deserves a warning."""
    return len(set(finding.sources or [])) < 2


# ---------------------------------------------------------------- compiling and editing


def _title(key: str) -> str:
    return str(SectionKey(key).label)


@transaction.atomic
def report_compile(
    *,
    actor: Any,
    visit: Visit,
    replace: frozenset[str] = frozenset(),
    language: str | None = None,
) -> Report:
    """Create or refresh the report from the visit's data.

    Sections nobody edited are refreshed; an edited section is kept unless its key is
    in `replace` (the person chose to drop their edits for the compiled text).
    `language` (kk or ru) changes the report's language; edited sections stay as written.
    """
    if not can_conduct(actor, visit):
        raise PermissionDenied
    report, created = Report.objects.get_or_create(
        visit=visit,
        defaults={"language": compile.report_language(get_language())},
    )
    report = _locked(report)
    if report.status != S.DRAFT:
        _fail(_("Only a draft is compiled again."))
    if language:
        if language not in compile.LANGUAGES:
            _fail(_("A report is written in Kazakh or Russian."))
        if language != report.language:
            report.language = language
            report.save(update_fields=["language", "updated_at"])
    fresh = compile.compiled_sections(visit, report.language)
    existing = {s.key: s for s in report.sections.all()}
    refreshed, kept = [], []
    for key, html in fresh.items():
        section = existing.get(key)
        if section is None:
            ReportSection.objects.create(report=report, key=key, html=html)
            refreshed.append(key)
        elif section.edited_by_id is None or key in replace:
            section.html, section.edited_by = html, None
            section.save(update_fields=["html", "edited_by", "updated_at"])
            refreshed.append(key)
        else:
            kept.append(key)
    audit_record(
        actor=actor,
        action="visit.report_compile",
        obj=report,
        details={
            "visit": visit.number,
            "language": report.language,
            "refreshed": refreshed,
            "kept_edited": kept,
        },
    )
    return report


def compiled_differs(report: Report) -> list[str]:
    """Edited sections whose compiled text would now differ (offered for replacement)."""
    fresh = compile.compiled_sections(report.visit, report.language)
    return [s.key for s in report.sections.all() if s.edited_by_id and fresh.get(s.key) != s.html]


def can_edit(user: Any, report: Report) -> bool:
    who = EDITABLE.get(report.status)
    return bool(who) and _allowed(user, report.visit, who)


@transaction.atomic
def section_edit(*, actor: Any, report: Report, key: str, html: str) -> ReportSection:
    """Replace a section's text with sanitised HTML (the person's edit is kept on recompiling)."""
    report = _locked(report)
    if not can_edit(actor, report):
        if report.status in EDITABLE and can_conduct(actor, report.visit):
            _fail(_("In this status only a coordinator edits the report."))
        if report.status not in EDITABLE:
            _fail(_("The report cannot be edited in this status."))
        raise PermissionDenied
    if key not in SectionKey.values:
        _fail(_("Unknown section."))
    if len(html or "") > MAX_SECTION_HTML:
        _fail(_("The text is too long."))
    clean = sanitize_html(html)
    section, _created = ReportSection.objects.get_or_create(report=report, key=key)
    section.html, section.edited_by = clean, actor
    section.save()
    audit_record(
        actor=actor,
        action="visit.report_section_edit",
        obj=report,
        details={"visit": report.visit.number, "section": key, "removed": clean != (html or "")},
    )
    return section


# ---------------------------------------------------------------- content and versions


def chart_data(visit: Visit) -> dict:
    """Figures behind the report's charts, kept with each version."""
    from qorgau.recommendations.choices import Priority, Theme

    recs = compile.recommendation_rows(visit)
    by_theme: dict[str, dict[str, int]] = {}
    for r in recs:
        by_theme.setdefault(r["theme"], {p: 0 for p in Priority.values})[r["priority"]] += 1
    answers = compile.answer_figures(visit)
    return {
        "recommendations": [
            {"label": str(Theme(t).label), **by_theme[t]} for t in Theme.values if t in by_theme
        ],
        "checklist": [
            {
                "label": str(Theme(t).label),
                "yes": answers[t].get("yes", 0),
                "partly": answers[t].get("partly", 0),
                "no": answers[t].get("no", 0),
            }
            for t in Theme.values
            if t in answers
        ],
    }


def report_content(report: Report) -> dict:
    """The report as it stands: what a version keeps and what the documents render."""
    from django.utils import translation

    visit = report.visit
    sections = {s.key: s.html for s in report.sections.all()}
    with translation.override(report.language):
        return {
            "visit": visit.number,
            "visit_uuid": str(visit.uuid),
            "facility": visit.facility.name,
            "start_date": visit.start_date.isoformat() if visit.start_date else "",
            "end_date": visit.end_date.isoformat() if visit.end_date else "",
            "language": report.language,
            "status": report.status,
            "sections": [
                {"key": k, "title": _title(k), "html": sections.get(k, "")}
                for k in SectionKey.values
            ],
            "recommendations": compile.recommendation_rows(visit),
            "charts": chart_data(visit),
            "photos": [
                {"uuid": str(p.uuid), "caption": p.caption, "sha256": p.sha256}
                for p in visit.photos.filter(shows_people=False).order_by("created_at")
            ],
            "adopted_by": str(report.adopted_by) if report.adopted_by_id else "",
        }


def content_sha256(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _version(report: Report, *, actor: Any, note: str, extra: dict | None = None) -> ReportVersion:
    content = report_content(report)
    if extra:
        content.update(extra)
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ReportVersion.objects.create(
        report=report,
        number=last + 1,
        status=report.status,
        content=content,
        sha256=content_sha256(content),
        at=timezone.now(),
        by=actor,
        note=note,
    )


def latest_published(report: Report) -> ReportVersion | None:
    return report.versions.filter(status=S.PUBLISHED).order_by("-number").first()


# ---------------------------------------------------------------- the workflow


def next_steps(user: Any, report: Report) -> list[str]:
    """The statuses this user may move the report to now."""
    return [
        to
        for (frm, to), who in TRANSITIONS.items()
        if frm == report.status and any(_allowed(user, report.visit, w) for w in who)
    ]


def _pii_gate(*, actor: Any, report: Report, override_reason: str) -> dict | None:
    hits = checks.personal_data_hits(report)
    if not hits:
        return None
    where = sorted({str(SectionKey(h.section).label) for h in hits})
    if not override_reason.strip():
        _fail(
            _(
                "The text names people or gives identification numbers (%(where)s): "
                "use pseudonyms, or a coordinator overrides with a reason."
            )
            % {"where": ", ".join(where)}
        )
    if not can_coordinate(actor, report.visit):
        _fail(_("Only a coordinator may override the personal-data check."))
    if len(override_reason.strip()) < MIN_REASON:
        _fail(_("Give the reason for the override in a sentence."))
    # Names and numbers stay out of the audit trail: where and how many is enough.
    summary = {
        "sections": sorted({h.section for h in hits}),
        "names": sum(h.kind == "name" for h in hits),
        "iins": sum(h.kind == "iin" for h in hits),
        "reason": override_reason.strip(),
    }
    audit_record(
        actor=actor,
        action="visit.report_pii_override",
        obj=report,
        details={"visit": report.visit.number, **summary},
    )
    return summary


@transaction.atomic
def report_transition(
    *,
    actor: Any,
    report: Report,
    to: str,
    note: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    override_reason: str = "",
) -> ReportVersion:
    """Move the report one step along the workflow and keep the version it moved with."""
    report = _locked(report)
    frm = report.status
    who = TRANSITIONS.get((frm, to))
    if who is None:
        _fail(
            _("The report cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(frm).label, "to": S(to).label if to in S.values else to}
        )
    if not any(_allowed(actor, report.visit, w) for w in who):
        raise PermissionDenied
    if not report.sections.exists():
        _fail(_("Compile the report first."))
    extra: dict = {}
    if to in CHECKED:
        override = _pii_gate(actor=actor, report=report, override_reason=override_reason)
        if override:
            extra["pii_override"] = override
    now = timezone.now()
    if to == S.ADOPTED:
        if not decision_number.strip() or decision_date is None:
            _fail(_("Give the number and date of the council's decision."))
        if decision_date > now.date():
            _fail(_("The decision's date cannot be in the future."))
        report.adopted_by = CouncilDecision.objects.create(
            number=decision_number.strip()[:20],
            date=decision_date,
            kind=DecisionKind.REPORT_ADOPTION,
            title=_("Adoption of the report of visit %(number)s") % {"number": report.visit.number},
            recorded_by=actor,
        )
    if to == S.SENT:
        report.sent_at = now
    if to == S.PUBLISHED:
        report.published_at = now
    report.status = to
    report.save()
    version = _version(report, actor=actor, note=note.strip(), extra=extra)
    audit_record(
        actor=actor,
        action="visit.report_status",
        obj=report,
        details={
            "visit": report.visit.number,
            "from": frm,
            "to": to,
            "version": version.number,
            "sha256": version.sha256,
            **({"decision": report.adopted_by.number} if to == S.ADOPTED else {}),
        },
    )
    return version


# ---------------------------------------------------------------- the authority's comments


@transaction.atomic
def comment_add(*, actor: Any, report: Report, section: str, text: str) -> AuthorityComment:
    """The authority's factual comment on the report sent to it."""
    report = _locked(report)
    if not is_authority(actor, report.visit):
        raise PermissionDenied
    if report.status != S.SENT:
        _fail(_("Comments are taken while the report is with the authority."))
    if section and section not in SectionKey.values:
        _fail(_("Unknown section."))
    if not (text or "").strip():
        _fail(_("Write the comment."))
    comment = AuthorityComment.objects.create(
        report=report, section=section, text=text.strip()[:MAX_FINDING_TEXT], by=actor
    )
    audit_record(
        actor=actor,
        action="visit.report_comment",
        obj=report,
        details={"visit": report.visit.number, "section": section},
    )
    return comment


@transaction.atomic
def comment_answer(*, actor: Any, comment: AuthorityComment, answer: str) -> AuthorityComment:
    """The NPM's answer to a factual comment (coordinators, until the report is final)."""
    report = _locked(comment.report)
    if not can_coordinate(actor, report.visit):
        raise PermissionDenied
    if report.status not in (S.SENT, S.COMMENTED):
        _fail(_("Comments are answered before the report is final."))
    if not (answer or "").strip():
        _fail(_("Write the answer."))
    comment.answer = answer.strip()[:MAX_FINDING_TEXT]
    comment.save(update_fields=["answer", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.report_comment_answer",
        obj=report,
        details={"visit": report.visit.number, "comment": str(comment.uuid)},
    )
    return comment


STATUS_HELP = {
    S.DRAFT: gettext_lazy("The team writes; compile again to take in new data."),
    S.REVIEW: gettext_lazy("A coordinator reviews the report."),
    S.ADOPTED: gettext_lazy("Adopted by the council; next it is sent to the authority."),
    S.SENT: gettext_lazy("With the authority for its factual comments."),
    S.COMMENTED: gettext_lazy("The NPM answers the comments and corrects facts."),
    S.FINAL: gettext_lazy("Final; publishing puts it on the public page."),
    S.PUBLISHED: gettext_lazy("Published."),
}
